"""The register as people see it: grouped by kind in the register table and in the batch
index, the guaranteed pill, and the plan-target count the index shows."""

from __future__ import annotations

import re

import pytest

from planning import briefing, catalogue, pages
from planning.batch import Outcome
from planning.report import index_html


@pytest.fixture(scope="module")
def brief():
    return briefing.prepare("baseline", {"run.mc_draws": 200})


def test_register_table_groups_rows_under_a_heading_per_kind(brief):
    rows = catalogue.register_rows(brief.register, "en")
    html = str(pages.register_html(rows, catalogue.register_header("en")))
    groups = re.findall(r'<tr class="pw-group pw-group-(\w+)"', html)
    assert groups == ["plan", "local", "qualitative"]
    # every row of a group sits between its heading and the next one
    kinds = re.findall(r'data-target="[^"]+" data-kind="(\w+)"', html)
    assert kinds == sorted(kinds, key=("plan", "local", "qualitative").index)
    assert kinds.count("plan") == 11 and kinds.count("local") == 2
    assert "Plan targets" in html and "Local working standards" in html
    # the guaranteed status has its own pill, never the green one
    subsidy = re.search(r'data-target="T-subsidy".*?</tr>', html, re.S).group(0)
    assert 'class="pw-pill pw-guaranteed"' in subsidy and "guaranteed by the settings" in subsidy
    assert "pw-met" not in subsidy
    assert ".pw-pill.pw-guaranteed" in pages.components_css()


def test_local_standards_show_their_assumed_numbers(brief):
    rows = {r.id: r for r in catalogue.register_rows(brief.register, "en")}
    assert rows["T-newsec"].words.startswith("The city's own working standard")
    assert "within 12 months" in rows["T-newsec"].words
    assert "at least 150 m²" in rows["T-village-room"].words
    assert rows["T-talent"].words.startswith("The total number of rural reserve talents")


def test_both_readings_in_the_register(brief):
    rows = {r.id: r for r in catalogue.register_rows(brief.register, "en")}
    train = rows["T-train"]
    assert (train.deadline, train.deadline_detail) == (
        "Sep 2016",
        "Dec 2016 from the first full plan year",
    )
    assert train.status_detail == "missed by Sep 2016, at risk by Dec 2016"
    venue = rows["T-venue"]
    assert venue.deadline == "Sep 2015 to Sep 2016"
    assert venue.deadline_detail == "Dec 2015 to Dec 2016 from the first full plan year"
    # targets without the plan's own span have one deadline
    assert (rows["T-degree"].deadline, rows["T-degree"].deadline_detail) == ("Dec 2018", "")
    satisf = rows["T-satisf"]
    assert re.fullmatch(r"\d+\.\d % \(\d+\.\d %–\d+\.\d %\)", satisf.value)
    assert satisf.value_detail.startswith("the masses; Party members ")


def test_index_groups_targets_and_counts_plan_targets(brief, tmp_path):
    record = brief.summary_record()
    outcome = Outcome(name="baseline", status="ok", title="Baseline", summary=record)
    run = tmp_path / "20260101-000000"
    run.mkdir()
    html = index_html(run, [outcome], "en", False)
    groups = re.findall(r'<tr class="group" data-kind="(\w+)">', html)
    assert groups == ["plan", "local", "qualitative"]
    n = catalogue.headline_counts(brief.register)
    plan_met = next(k for k in record["key_figures"] if k["id"] == "targets.plan_met")
    assert plan_met["text"] == f"{n['met']} of 11"
    assert f'<td>Plan targets met</td><td class="pw-num">{n["met"]} of 11</td>' in html
    assert record["counts"]["plan"] == 11
    assert {t["kind"] for t in record["targets"]} == {"plan", "local", "qualitative"}
