"""The mid-plan review where people read it: the briefing's "Progress to date", the
workbook's Progress tab, ``planning run --ledger --as-of`` and the index's county sheet."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import openpyxl
import pytest
from zhtools import VisibleText, figure_texts, latin_words

from planning import briefing
from planning.accountability import QUOTA_INDICATORS

COUNTIES_EN = ("Kangbei County", "Songfeng District", "Linqing County")


@pytest.fixture(scope="module")
def url(example_ledger):
    return example_ledger.url.render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def reviewed(url):
    return briefing.prepare("baseline", {"run.mc_draws": 200}, ledger=url, as_of="2015-06")


def test_progress_section_comes_with_a_ledger_only(reviewed):
    plain = briefing.prepare("baseline", {"run.mc_draws": 200})
    assert plain.progress_section().parts == []
    html = reviewed.progress_section().html()
    assert "Progress to date" in html
    assert "As known on 30 Jun 2015: 50 returns from 10 counties" in html
    assert "to the end of Mar 2015" in html
    assert html.count('class="planning-chart"') == 4 or html.count("Plotly.newPlot") == 4
    # The league table: ten counties ranked 1 to 10, a light per target.
    assert all(name in html for name in COUNTIES_EN)
    assert html.count("pw-pill") == 10 * len(QUOTA_INDICATORS)
    assert "More a quarter" in html and "quarters" in html
    # The calibrated rates, assumed against updated.
    assert "Uncertain rates before and after the returns" in html
    assert "members who left" in html


def test_the_briefing_figures_start_from_the_returns(reviewed, example_ledger):
    rv = reviewed.review
    # The talent figures the briefing shows are the re-forecast's: at the end of the last
    # reported quarter the city total is the ledger's.
    state = example_ledger.as_of("2015-06")
    reported = state.talent_stock()["closing"].sum()
    total = reviewed.results["talent"].city_total
    assert total.loc["2015-03"] == pytest.approx(reported)
    assert rv.plan.talent.city_total.loc["2015-03"] != pytest.approx(reported)
    record = reviewed.summary_record()
    assert record["as_of"] == "2015-06-30"
    rows = record["counties"]
    assert len(rows) == 10 * len(QUOTA_INDICATORS)
    quotas = [r["quota"] for r in rows if r["target"] == "Reserve talents"]
    assert sum(quotas) == reviewed.scenario.targets.talent_total_min


def test_catch_up_sentences_match_the_county_register(reviewed):
    reg = reviewed.review.counties("en").register
    lag = reg[(reg["shortfall"] > 0) & (reg["status"] != "met") & (reg["quarters_left"] > 0)]
    row = lag.iloc[0]
    # Hand formula: ceil(shortfall / quarters left), the shortfall being quota - forecast.
    import math

    assert row["catch_up_per_quarter"] == math.ceil(
        (row["quota"] - row["forecast"]) / row["quarters_left"] - 1e-9
    )
    lines = reviewed.review.counties("en").catch_up["text"].tolist()
    assert any(line.startswith(row["county"]) for line in lines)


def test_progress_section_in_chinese_has_no_english_left(url):
    b = briefing.prepare(
        "baseline", {"run.mc_draws": 200, "run.language": "zh"}, ledger=url, as_of="2015-06"
    )
    page = VisibleText(b.progress_section().html())
    texts = page.texts + [x for c in page.charts for x in figure_texts(c)]
    assert "工作进展" in page.texts
    assert any("康北县" in x for x in page.texts)
    assert latin_words(texts) == {}


def test_progress_tab_reviews_the_settings(example_baseline, url):
    from planning.panel import Workbook

    wb = Workbook(baseline=example_baseline, scenario="baseline", ledger=url, as_of="2015-06")
    assert wb.tab.get_title(len(wb.tab.children) - 1) == "Progress"
    assert wb.progress.as_of.value == "2015-06"
    wb.tab.selected_index = len(wb.tab.children) - 1
    assert wb.progress.review is not None, wb.progress.error
    assert "to the end of Mar 2015" in wb.progress.lead.value
    assert len(wb.progress.figure_box.children) == 4
    assert wb.progress.counties.value.count("pw-pill") == 10 * len(QUOTA_INDICATORS)
    assert "City targets given what has happened" in wb.progress.register.value
    first = wb.progress.review
    wb.progress.as_of.value = "2014-11"  # 2014Q3 returns only
    assert wb.progress.review is not first
    assert "to the end of Sep 2014" in wb.progress.lead.value
    wb.set_language("zh")
    assert "2014年9月末" in wb.progress.lead.value
    assert "康北县" in wb.progress.counties.value
    wb.close()


def test_progress_tab_without_a_ledger_says_how_to_start(example_baseline, tmp_path, monkeypatch):
    from planning.panel import Workbook

    monkeypatch.delenv("PLANNING_LEDGER", raising=False)
    wb = Workbook(baseline=example_baseline, data_dir=tmp_path)
    wb.tab.selected_index = len(wb.tab.children) - 1
    assert "planning progress import" in wb.progress.lead.value
    assert wb.progress.as_of.disabled
    wb.close()


def test_run_with_a_ledger_writes_the_review_and_the_county_sheet(url, tmp_path):
    out = tmp_path / "deep" / "out"
    r = subprocess.run(
        [sys.executable, "-m", "planning", "batch", "baseline", "--ledger", url,
         "--as-of", "2015-06", "--out", str(out), "--workers", "1"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    folder = next(out.glob("*/baseline"))
    html = (folder / "briefing.html").read_text(encoding="utf-8")
    first = re.search(r"<h2[^>]*>([^<]+)</h2>", html)
    assert first and first.group(1) == "Progress to date"
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["as_of"] == "2015-06-30"
    book = openpyxl.load_workbook(folder.parent / "comparison.xlsx", read_only=True)
    assert book.sheetnames == ["comparison", "counties"]
    rows = list(book["counties"].values)
    assert rows[0] == ("scenario", "returns as of", "county", "target", "quota",
                       "forecast at the deadline", "status")  # fmt: skip
    assert len(rows) == 1 + 10 * len(QUOTA_INDICATORS)
    assert {r[1] for r in rows[1:]} == {"30 Jun 2015"}
