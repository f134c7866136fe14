"""The briefing notebook executed on the Example City, and the HTML read in a real browser.

One briefing is produced for the whole module (papermill, a fresh kernel, in-process
export) for a scenario whose title and description are hostile HTML and which compares
itself with the baseline; every test reads that one output.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from planning import briefing
from planning.batch import Task, run_task
from planning.provenance import data_file_hashes
from planning.scenario import FIELDS, load_scenario

pytestmark = pytest.mark.notebook

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_TEXT = '<img src=x onerror="alert(2)"> & more'
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    root = tmp_path_factory.mktemp("briefing")
    scen = root / "hostile.yaml"
    scen.write_text(
        f"name: hostile\ntitle: {json.dumps(HOSTILE_TITLE)}\n"
        f"description: {json.dumps(HOSTILE_TEXT)}\n"
        "talent:\n  intake_ramp: 0.1\nvenues:\n  yearly_budget_yuan: 30000000\n",
        encoding="utf-8",
    )
    s = load_scenario(scen)
    task = Task(
        name="hostile",
        scenario=str(scen),
        out_dir=str(root / "out" / "hostile"),
        inputs_hash="test",
        compare_to=str(ROOT / "data" / "scenarios" / "baseline.yaml"),
        timeout_s=300,
        title=s.title,
    )
    outcome = run_task(task)
    assert outcome.status == "ok", (root / "out" / "hostile" / "error.txt").read_text()
    folder = Path(outcome.folder)
    return folder, (folder / "briefing.html").read_text(encoding="utf-8"), outcome


class Resources(HTMLParser):
    """Every URL-like attribute outside scripts, and every style sheet's text."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.styles: list[str] = []
        self.script_srcs: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action", "poster", "data", "srcset") and value:
                self.urls.append(value)
            if name == "style" and value:
                self.styles.append(value)
        if tag == "script" and dict(attrs).get("src"):
            self.script_srcs.append(dict(attrs)["src"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def points(values) -> int:
    """Number of values in a trace array (plain list or plotly's base64 typed array)."""
    if isinstance(values, dict) and "bdata" in values:
        import base64

        import numpy as np

        raw = base64.b64decode(values["bdata"])
        return len(raw) // np.dtype(values["dtype"]).itemsize
    return len(values or [])


def chart_calls(html: str) -> list[tuple[str, list, dict]]:
    decoder = json.JSONDecoder()
    out = []
    for m in re.finditer(r'Plotly\.newPlot\("([^"]+)",', html):
        data, end = decoder.raw_decode(html, m.end())
        layout, _ = decoder.raw_decode(html, end + 1)
        out.append((m.group(1), data, layout))
    return out


def test_no_network_resource_is_referenced(produced):
    _, html, _ = produced
    parser = Resources()
    parser.feed(html)
    assert parser.script_srcs == []
    assert not [u for u in parser.urls if re.match(r"(https?:)?//", u)]
    for css in parser.styles:
        assert "@import" not in css
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    # Outside the one copy of plotly.js (whose source mentions map tile servers) the page
    # contains no web address at all.
    rest = html.replace(briefing.plotly_js(), "")
    assert not re.search(r"https?://", rest)
    for cdn in ("require.js", "require.min.js", "mathjax", "MathJax.js", "mermaid", "fonts.g"):
        assert cdn not in rest


def test_plotly_js_embedded_exactly_once(produced):
    _, html, _ = produced
    banner = briefing.plotly_js()[:60]
    assert html.count(banner) == 1
    assert html.count(briefing.plotly_js()) == 1


def test_every_chart_is_a_plotly_div_with_data(produced):
    _, html, _ = produced
    calls = chart_calls(html)
    assert len(calls) >= 12  # talent 5, venues 4, subsidies 2, roll-up 2 (+ training)
    assert html.count('class="plotly-graph-div"') == len(calls)
    for div_id, data, layout in calls:
        assert f'id="{div_id}"' in html
        assert data, div_id
        assert any(points(tr.get(k)) for tr in data for k in ("x", "y", "z", "values")) or any(
            tr.get("type") == "table" and tr.get("cells") for tr in data
        ), div_id
        assert layout.get("title", {}).get("text"), div_id  # every chart says what it shows


def test_user_text_is_escaped(produced):
    _, html, _ = produced
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    # the description is text: its quotes may be re-serialised, its brackets never
    assert re.search(r"&lt;img src=x onerror=(&quot;|\")alert\(2\)(&quot;|\")&gt; &amp; more", html)
    assert "<img" not in html


def test_no_code_and_no_prompts(produced):
    _, html, _ = produced
    assert "briefing.prepare(" not in html and "b.summary()" not in html
    assert "jp-InputArea" not in html and "In&nbsp;[" not in html and "Out[" not in html


def test_executive_summary_comes_first_and_says_it_in_words(produced):
    _, html, _ = produced
    text = re.sub(r"<[^>]+>", " ", html.replace(briefing.plotly_js(), ""))
    order = [
        text.index("Executive summary"),
        text.index("Target register"),
        text.index("Reserve talents, degrees and social workers"),
        text.index("Out-of-town special training"),
        text.index("Community venues and village rooms"),
        text.index("Secretaries' pay and spending"),
        text.index("Differences from"),
        text.index("Appendix"),
    ]
    assert order == sorted(order)
    assert re.search(r"The reserve pools reach [\d,]+ by Sep 2016", text)  # the plan's deadline
    assert re.search(r"probability \d+(\.\d)? %", text)
    assert html.count('class="pw-pill ') >= 18  # every target has its traffic light


def test_appendix_lists_every_parameter_and_the_provenance(produced):
    folder, html, _ = produced
    text = re.sub(r"<[^>]+>", "", html.replace(briefing.plotly_js(), ""))
    from planning.present import param_label

    labels = {param_label(k, "en") for k in FIELDS}
    import html as htmllib

    text = htmllib.unescape(text)
    missing = [lab for lab in labels if lab not in text]
    assert not missing
    assert html.count('<tr class="changed">') == 2  # intake ramp and venue budget
    for name, digest in data_file_hashes().items():
        assert name in text and digest in text
    assert "20140101" in text  # the seed


def test_tables_and_summary_written(produced):
    folder, _, outcome = produced
    targets = pd.read_csv(folder / "tables" / "targets.csv")
    assert "T-talent" in set(targets["id"])
    with pd.ExcelFile(folder / "tables.xlsx") as book:
        sheets = set(book.sheet_names)
    assert {"targets", "talent_totals", "venues_target_check"} <= sheets
    # The named roster, one sheet per county, everyone listed once.
    roster = pd.read_csv(folder / "tables" / "training_roster.csv")
    per_county = pd.read_excel(folder / "training_roster.xlsx", sheet_name=None)
    assert len(per_county) == roster["county_id"].nunique()
    assert sum(len(f) for f in per_county.values()) == len(roster)
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["title"] == HOSTILE_TITLE
    assert {t["id"] for t in summary["targets"]} == set(targets["id"])
    assert outcome.summary == summary
    nb = nbformat.read(str(folder / "briefing.ipynb"), as_version=4)
    assert "papermill" in nb.metadata


def test_size_budget(produced):
    folder, _, _ = produced
    size = (folder / "briefing.html").stat().st_size
    plotly_size = len(briefing.plotly_js().encode("utf-8"))
    assert size <= 1.3 * plotly_size + 1_000_000, size


def test_chinese_briefing_in_process():
    b = briefing.prepare("baseline", {"run.language": "zh", "run.mc_draws": 200})
    html = b.summary().html()
    assert "总体情况" in html and "目标任务清单" in html
    assert "农村后备人才总数" in html
    assert re.search(r"完成|未完成|有风险", html)
    assert "Executive summary" not in html


# --------------------------------------------------------------------------- browser


def open_offline(browser_page, path: Path):
    """Load a file with every non-file request aborted; return the aborted URLs."""
    blocked: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    browser_page.route("**/*", route)
    browser_page.goto(path.as_uri())
    browser_page.wait_for_load_state("load")
    return blocked


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    # A missing /usr/bin/chromium makes launch() raise: the test fails, it is not skipped.
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.browser
def test_browser_offline_draws_every_chart(produced, chromium):
    folder, html, _ = produced
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    blocked = open_offline(page, folder / "briefing.html")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.plotly-graph-div')]"
        ".every(d => d.querySelector('.main-svg'))",
        timeout=30_000,
    )
    per_chart = page.evaluate(
        "() => [...document.querySelectorAll('.plotly-graph-div')]"
        ".map(d => d.querySelectorAll('.main-svg').length)"
    )
    assert len(per_chart) == len(chart_calls(html))
    assert all(n >= 2 for n in per_chart), per_chart
    assert blocked == [] and errors == []
    title = page.locator("header.title h1").text_content()
    assert title == HOSTILE_TITLE  # shown as text, never run
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "briefing.png"), full_page=False)
    page.close()


@pytest.fixture(scope="module")
def produced_zh(tmp_path_factory):
    """The baseline's briefing in Chinese (its cards and labels are the longest)."""
    root = tmp_path_factory.mktemp("briefing_zh")
    task = Task(
        name="baseline_zh",
        scenario=str(ROOT / "data" / "scenarios" / "baseline.yaml"),
        out_dir=str(root / "baseline_zh"),
        inputs_hash="test",
        overrides={"run.language": "zh"},
        timeout_s=300,
        language="zh",
    )
    outcome = run_task(task)
    assert outcome.status == "ok", (root / "baseline_zh" / "error.txt").read_text()
    return Path(outcome.folder)


A4_PRINTABLE_PX = round((210 - 2 * 12) / 25.4 * 96)
"""Width inside the page margins (page.css: ``@page{size:A4;margin:14mm 12mm}``), CSS px."""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_browser_print_layout_fits_a4(lang, request, chromium):
    folder = (
        request.getfixturevalue("produced")[0]
        if lang == "en"
        else (request.getfixturevalue("produced_zh"))
    )
    # Laid out for print at the width the page margins leave on A4.
    page = chromium.new_page(viewport={"width": A4_PRINTABLE_PX, "height": 1123})
    page.emulate_media(media="print")
    open_offline(page, folder / "briefing.html")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.plotly-graph-div')]"
        ".every(d => d.querySelector('.main-svg'))",
        timeout=30_000,
    )
    widths = page.evaluate(
        "() => [...document.querySelectorAll('.briefing-chart')]"
        ".map(d => d.getBoundingClientRect().right)"
    )
    assert widths and max(widths) <= A4_PRINTABLE_PX
    # Every summary card inside the printable width, and nothing inside a card cut off.
    cards = page.evaluate(
        """() => [...document.querySelectorAll('.pw-card')].map((c) => ({
            text: c.innerText.slice(0, 40),
            right: c.getBoundingClientRect().right,
            overflow: c.scrollWidth - c.clientWidth,
            inner: Math.max(...[...c.querySelectorAll('*')]
                .map((e) => e.getBoundingClientRect().right)) - c.getBoundingClientRect().right,
        }))"""
    )
    assert len(cards) >= 4
    cut = [
        c
        for c in cards
        if c["right"] > A4_PRINTABLE_PX + 0.5 or c["overflow"] > 1 or c["inner"] > 1
    ]
    assert cut == [], cut
    past_edge = page.evaluate(
        """(limit) => [...document.querySelectorAll('main *')]
            .filter((e) => !e.closest('.plotly-graph-div'))
            .map((e) => [e.tagName + '.' + e.className + ' ' + e.innerText.slice(0, 60),
                         e.getBoundingClientRect().right])
            .filter(([, right]) => right > limit + 0.5)
            .slice(0, 8)""",
        A4_PRINTABLE_PX,
    )
    assert past_edge == [], past_edge
    breaks = page.evaluate(
        "() => [...document.querySelectorAll('h2.section')]"
        ".map(h => getComputedStyle(h).breakBefore)"
    )
    assert breaks and set(breaks) == {"page"}
    page.screenshot(path=str(ARTIFACTS / f"briefing_print_{lang}.png"), full_page=False)
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf[:4] == b"%PDF" and len(pdf) > 50_000
    page.close()
