"""The workbook app in a real browser: Voila on 127.0.0.1, Debian's Chromium through Playwright.

One Voila server (started exactly as ``planning app`` starts it) and one page serve the
whole module; the tests run in order on that page:

- nothing is fetched from outside 127.0.0.1 (every request is recorded; any other host
  fails the test), the button icons still render, no chart offers Chart Studio or a logo;
- a key press on a slider changes the chart's data and the register (timing written to
  ``tests/artifacts/browser_timing.json``);
- the class chart (a gantt on a date axis) stays a date chart after slider edits, a
  scenario pick and Reset, and equals a freshly drawn figure;
- every chart is as wide as its box at 1280 and 1920 px and when only its box changes
  width, nothing reaches past the window's right edge; a screenshot of every tab;
- save-as with a Chinese title, a 300-character name, an impossible folder, overwrite;
- export of a briefing and its link;
- switching to Chinese on the talent tab turns every chart Chinese at once; screenshots.

A missing Chromium fails the tests (``make browser`` installs it); no browser is downloaded.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import time

import pytest
from browsertools import (
    ARTIFACTS,
    Page,
    charts_of,
    figure_essentials,
    has_cjk,
    launch,
    same_values,
    stop,
    wait_chinese,
    wait_for_port,
)

from planning.app import app_url, free_port, server_env, voila_command
from planning.i18n import t
from planning.panel import TABS, file_stem
from planning.paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]

SLIDER_KEY = "talent.intake_fill_rate"  # step 0.05: one key press moves the pools visibly
CHART = ".planning-chart-talent_pools.js-plotly-plot"
PRESSES = 5
WIDTHS = (1280, 1920)


def _css_key(key: str) -> str:
    return ".planning-key-" + key.replace(".", "-").replace("_", "-")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def scenario_dir(tmp_path_factory):
    """A copy of data/scenarios: the app saves into it, the real folder stays untouched."""
    from planning.paths import SCENARIO_DIR

    d = tmp_path_factory.mktemp("scenarios") / "scenarios"
    d.mkdir()
    for p in SCENARIO_DIR.glob("*.yaml"):
        (d / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def app(scenario_dir):
    """The workbook served by Voila exactly as ``planning app`` serves it."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "voila.log").open("w")
    env = {**server_env("app"), "PLANNING_SCENARIO_DIR": str(scenario_dir)}
    proc = subprocess.Popen(
        voila_command(port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        t0 = time.monotonic()
        wait_for_port(port, proc)
        yield {"url": app_url(port), "server_start_s": time.monotonic() - t0}
    finally:
        stop(proc)
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def session(app, browser):
    """One page of the app for the whole module, loaded and drawn."""
    s = Page(browser, 1440, 1000)
    t0 = time.monotonic()
    s.page.goto(app["url"], timeout=120_000)
    s.page.wait_for_selector(".planning-workbook", timeout=240_000)
    s.wait_charts(charts_of("talent"), timeout=180)
    s.ready_s = time.monotonic() - t0
    yield s
    s.close()


@pytest.fixture()
def wb(session):
    """The page; after each test, nothing left the machine and the page raised no error."""
    yield session
    session.assert_clean()


def _tab(s: Page, name: str, lang: str = "en") -> None:
    s.page.get_by_role("tab", name=t(f"panel.tab.{name}", lang), exact=True).click()


def _open(s: Page, name: str, lang: str = "en", *, drawn: bool = True) -> list[dict]:
    """Open a tab and wait for its charts (``drawn``: at the width of their box)."""
    _tab(s, name, lang)
    if name == "targets":
        s.page.wait_for_selector(".planning-register", state="visible", timeout=60_000)
        return []
    return (s.wait_charts_drawn if drawn else s.wait_charts)(charts_of(name))


def _bar_message(s: Page) -> str:
    return s.page.locator(".planning-bar-message").inner_text()


# --------------------------------------------------------------------------- nothing off-site


def test_nothing_is_fetched_from_outside_the_machine_and_icons_render(wb):
    page = wb.page
    assert wb.offsite == []  # Font Awesome from a CDN, once
    external = page.evaluate(
        """() => Array.from(document.querySelectorAll('link[href], script[src]'))
            .map((e) => e.href || e.src)
            .filter((u) => !u.startsWith(location.origin) && !u.startsWith("data:"))"""
    )
    assert external == []
    # The buttons' icons come from the Font Awesome fonts in Voila's own bundle.
    icon = page.locator("button.planning-reset i.fa").first
    assert icon.count() == 1
    glyph = icon.evaluate("(e) => getComputedStyle(e, '::before').content")
    family = icon.evaluate("(e) => getComputedStyle(e).fontFamily")
    assert glyph not in ("", "none", "normal") and "Font Awesome" in family, (glyph, family)
    # ... and the font is loaded from the app's server (no request left the machine).
    page.wait_for_function(
        """() => Array.from(document.fonts).some(
            (f) => f.family.includes('Font Awesome') && f.status === 'loaded')""",
        timeout=30_000,
    )
    assert icon.bounding_box()["width"] > 4


def _assert_no_share_button(s: Page) -> None:
    found = s.page.evaluate(
        """() => {
            const plots = Array.from(document.querySelectorAll('.js-plotly-plot'))
              .filter((p) => p.offsetParent !== null);
            const q = (sel) => plots.flatMap((p) => Array.from(p.querySelectorAll(sel)));
            return {
              buttons: q('.modebar-btn').map((b) => b.getAttribute('data-title')),
              studio: q('[data-title*="Chart Studio"], [data-title*="Cloud"]').length,
              logo: q('.modebar-btn--logo').length,
              links: q('a[href*="plotly.com"], a[href*="plot.ly"]').length,
            };
        }"""
    )
    assert found["buttons"], "no modebar at all: the check would prove nothing"
    assert (found["studio"], found["logo"], found["links"]) == (0, 0, 0), found


# --------------------------------------------------------------------------- key press timing


WATCH = """([sel]) => {
    const gd = document.querySelector(sel);
    const plots = Array.from(document.querySelectorAll('.planning-chart.js-plotly-plot'))
        .filter(p => p.offsetParent !== null);
    const reg = () => document.querySelector('.planning-register').textContent;
    const snap = (p) => JSON.stringify(p.data.map(tr => Array.from(tr.y || [])));
    const before = plots.map(snap), regBefore = reg();
    window.__keyAt = null; window.__chartMs = null; window.__registerMs = null;
    window.__plotMs = plots.map(() => null);
    window.__watchDone = false;
    document.addEventListener('keydown', () => { window.__keyAt = performance.now(); },
                              {capture: true, once: true});
    const t0 = performance.now();
    const tick = () => {
        if (window.__keyAt !== null) {
            const now = performance.now() - window.__keyAt;
            plots.forEach((p, i) => {
                if (window.__plotMs[i] === null && snap(p) !== before[i]) window.__plotMs[i] = now;
            });
            if (window.__chartMs === null) window.__chartMs = window.__plotMs[plots.indexOf(gd)];
            if (window.__registerMs === null && reg() !== regBefore) window.__registerMs = now;
        }
        if (performance.now() - t0 < 4000) requestAnimationFrame(tick);
        else window.__watchDone = true;
    };
    requestAnimationFrame(tick);
}"""


def test_key_press_redraws_the_chart_and_the_register(wb, app):
    page = wb.page
    _open(wb, "targets", drawn=False)  # the register is drawn once its tab has been shown
    _open(wb, "talent", drawn=False)
    wb.screenshot("workbook_talent")
    # Code is hidden: no notebook input is shown in the app.
    assert page.locator(".jp-InputArea, .jp-Cell-inputWrapper").count() == 0

    chart_before = page.evaluate(
        "(sel) => document.querySelector(sel).data.map(tr => Array.from(tr.y || []))", CHART
    )
    register_before = page.locator(".planning-register").text_content()
    handle = page.locator(f"{_css_key(SLIDER_KEY)} .noUi-handle")
    assert handle.count() == 1

    chart_ms, register_ms, last_ms = [], [], []
    for _ in range(PRESSES):
        page.evaluate(WATCH, [CHART])
        handle.focus()
        handle.press("ArrowRight")
        # The watcher records, for 4 s after the key, when each chart and the register change.
        page.wait_for_function("window.__watchDone === true", timeout=30_000)
        assert page.evaluate("window.__chartMs") is not None, "the pools chart did not change"
        chart_ms.append(page.evaluate("window.__chartMs"))
        last_ms.append(max(x for x in page.evaluate("window.__plotMs") if x is not None))
        if page.evaluate("window.__registerMs") is not None:
            register_ms.append(page.evaluate("window.__registerMs"))

    chart_after = page.evaluate(
        "(sel) => document.querySelector(sel).data.map(tr => Array.from(tr.y || []))", CHART
    )
    assert [len(y) for y in chart_after] == [len(y) for y in chart_before]
    # Five steps of 0.05 from a fill rate of 1.0: more reserve talents at the end.
    assert sum(y[-1] for y in chart_after) > sum(y[-1] for y in chart_before)
    assert page.locator(".planning-register").text_content() != register_before
    assert register_ms, "the register never changed after a key press"
    assert page.locator(f"{_css_key(SLIDER_KEY)} .widget-readout").inner_text() == "1.25"

    timing = {
        "what": "key press on a slider handle -> the chart's data changed in the browser",
        "slider": SLIDER_KEY,
        "chart": "talent_pools",
        "keypress_to_chart_ms": [round(x, 1) for x in chart_ms],
        "keypress_to_chart_median_ms": round(statistics.median(chart_ms), 1),
        "keypress_to_last_chart_ms": [round(x, 1) for x in last_ms],
        "keypress_to_last_chart_median_ms": round(statistics.median(last_ms), 1),
        "last_chart_note": "the Monte Carlo fan chart follows from the background thread",
        "keypress_to_register_ms": [round(x, 1) for x in register_ms],
        "keypress_to_register_median_ms": round(statistics.median(register_ms), 1),
        "target_ms": 300,
        "stretch_ms": 150,
        "page_ready_s": round(wb.ready_s, 1),
        "server_start_s": round(app["server_start_s"], 1),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    (ARTIFACTS / "browser_timing.json").write_text(json.dumps(timing, indent=2) + "\n")
    print("\nbrowser timing:", json.dumps(timing, indent=2))

    page.locator("button.planning-reset").click()
    wb.wait_until(
        lambda: page.locator(f"{_css_key(SLIDER_KEY)} .widget-readout").inner_text() == "1.00",
        "Reset to move the fill rate back",
    )


# --------------------------------------------------------------------------- the class chart


def _class_chart(scenario) -> dict:
    from planning import load_baseline
    from planning.catalogue import CHART_BY_NAME
    from planning.models.training import plan_training

    plan = plan_training(load_baseline(), scenario)
    return figure_essentials(
        CHART_BY_NAME["training_gantt"].build({"training": plan}, scenario, "en")
    )


def _differences(shown: dict, want: dict) -> list[str]:
    out = []
    if shown["title"] != want["title"]:
        out.append(f"title {shown['title']!r} != {want['title']!r}")
    for axis, spec in want["axes"].items():
        got = shown["axes"].get(axis, {})
        if spec["type"] and got.get("type") != spec["type"]:
            out.append(f"{axis}.type {got.get('type')!r} != {spec['type']!r}")
        if got.get("title") != spec["title"]:
            out.append(f"{axis}.title {got.get('title')!r} != {spec['title']!r}")
    if want["height"] and shown["height"] != want["height"]:
        out.append(f"height {shown['height']} != {want['height']}")
    if len(shown["traces"]) != len(want["traces"]):
        return [*out, f"{len(shown['traces'])} traces != {len(want['traces'])}"]
    for i, (a, b) in enumerate(zip(shown["traces"], want["traces"], strict=True)):
        for key in ("type", "orientation"):
            if (a[key] or None) != (b[key] or None):
                out.append(f"trace {i} {key} {a[key]!r} != {b[key]!r}")
        for key in ("x", "y", "base"):
            if not same_values(a[key], b[key]):
                out.append(f"trace {i} {key} differs: {str(a[key])[:80]} vs {str(b[key])[:80]}")
    return out


def _assert_class_chart_is(s: Page, want: dict, what: str) -> None:
    """Wait until the page's class chart equals the freshly drawn ``want``; then check the
    picture a planner sees: bars from dates on a date axis."""

    def shown() -> dict | None:
        chart = next((c for c in s.charts() if c["name"] == "training_gantt"), None)
        return chart if chart and not _differences(chart, want) else None

    deadline = time.monotonic() + 90
    chart = None
    while chart is None and time.monotonic() < deadline:
        chart = shown()
        if chart is None:
            s.page.wait_for_timeout(100)
    if chart is None:
        last = next(c for c in s.charts() if c["name"] == "training_gantt")
        pytest.fail(f"class chart after {what} is not the fresh one: {_differences(last, want)}")
    assert chart["axes"]["xaxis"]["type"] == "date"
    assert re.match(r"\d{4}-\d{2}-\d{2}", str(chart["axes"]["xaxis"]["range"][0])), chart["axes"]
    bars = [tr for tr in chart["traces"] if tr["type"] == "bar"]
    assert bars and all(re.match(r"\d{4}-\d{2}-\d{2}$", b) for tr in bars for b in tr["base"]), (
        "bars must start at dates"
    )
    assert abs(chart["svgWidth"] - chart["boxWidth"]) <= 3, chart


def test_class_chart_stays_a_date_chart_after_edits_scenarios_and_reset(wb):
    from planning import load_scenario

    page = wb.page
    baseline = load_scenario("baseline")
    tight = load_scenario("tight_budget")
    fresh = _class_chart(baseline)
    _open(wb, "training")
    _assert_class_chart_is(wb, fresh, "opening the tab")

    key = "training.absence_cap_share"
    handle = page.locator(f"{_css_key(key)} .noUi-handle")
    handle.focus()
    for _ in range(3):
        handle.press("ArrowLeft")
    readout = page.locator(f"{_css_key(key)} .widget-readout")
    wb.wait_until(lambda: readout.inner_text() == "0.07", "three steps down")
    edited = baseline.with_overrides({key: 0.07})
    _assert_class_chart_is(wb, _class_chart(edited), "three ArrowLeft presses")

    page.locator("button.planning-reset").click()
    _assert_class_chart_is(wb, fresh, "Reset")

    pick = page.locator(".planning-scenario select")
    pick.select_option(label=tight.title)
    _assert_class_chart_is(wb, _class_chart(tight), "picking tight_budget")
    pick.select_option(label=baseline.title)
    _assert_class_chart_is(wb, fresh, "picking the baseline again")


# --------------------------------------------------------------------------- widths


def test_charts_follow_their_box_at_every_width_and_nothing_is_cut(wb):
    page = wb.page
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1000})
        for name in TABS:
            charts = _open(wb, name)
            for c in charts:
                assert abs(c["plotWidth"] - c["boxWidth"]) <= 3, (width, c["name"], c)
                assert abs(c["svgWidth"] - c["boxWidth"]) <= 3, (width, c["name"], c)
            assert wb.settled_overflow() == [], (width, name)
            if charts:
                _assert_no_share_button(wb)
            wb.screenshot(f"workbook_{name}_{width}_en")

    # The box alone narrows (a side panel opening): no window resize, the charts follow.
    page.set_viewport_size({"width": 1280, "height": 1000})
    before = {c["name"]: c["boxWidth"] for c in _open(wb, "talent")}
    narrow = "(w) => { document.querySelector('.planning-workbook').style.width = w; }"
    page.evaluate(narrow, "1180px")
    shown = wb.wait_charts_drawn(charts_of("talent"))  # svg as wide as its box, again
    after = {c["name"]: c["boxWidth"] for c in shown}
    assert all(after[n] < before[n] - 30 for n in before), (before, after)
    page.evaluate(narrow, "")
    shown = wb.wait_charts_drawn(charts_of("talent"))
    after = {c["name"]: c["boxWidth"] for c in shown}
    assert all(abs(after[n] - before[n]) <= 3 for n in before), (before, after)


# --------------------------------------------------------------------------- save as


def _save(s: Page, title: str | None = None, name: str | None = None) -> str:
    page = s.page
    if title is not None:
        page.locator(".planning-save-title input").fill(title)
    if name is not None:
        page.locator(".planning-save-name input").fill(name)
    before = _bar_message(s)
    page.locator("button.planning-save").click()
    # A new message, or the same text re-rendered: wait for the button's answer.
    s.wait_until(lambda: _bar_message(s).strip() and _bar_message(s) != before, "a message")
    return _bar_message(s)


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".part", ".tmp"))


def test_save_as_takes_any_title_and_says_every_failure_next_to_the_button(wb, scenario_dir):
    from planning.scenario import load_scenario

    page = wb.page
    _open(wb, "talent", drawn=False)
    title = "加快后备人才招募"
    stem = file_stem(title)
    assert re.fullmatch(r"[A-Za-z0-9_]+", stem)
    shown_stem = page.locator(".planning-save-title input")
    shown_stem.fill(title)
    name_box = page.locator(".planning-save-name input")
    wb.wait_until(lambda: name_box.input_value() == stem, "the file name made from the title")
    message = _save(wb)
    assert title in message and "Traceback" not in message, message
    saved = load_scenario(scenario_dir / f"{stem}.yaml")
    assert saved.title == title and saved.name == stem
    assert title in (scenario_dir / f"{stem}.yaml").read_text(encoding="utf-8")

    # A 300-character file name: refused with the rule, nothing written.
    files = sorted(p.name for p in scenario_dir.iterdir())
    message = _save(wb, title="Long name", name="a" * 300)
    assert "at most" in message and "Traceback" not in message, message
    assert page.locator(".planning-bar-message .pw-problems, .planning-bar-message").count()
    # A 300-character title: refused, nothing written.
    message = _save(wb, title="t" * 300, name="long_title")
    assert "300" in message and "Traceback" not in message, message
    assert sorted(p.name for p in scenario_dir.iterdir()) == files

    # The scenario folder cannot be written (its path is a file; root ignores chmod).
    moved = scenario_dir.with_name("scenarios_away")
    scenario_dir.rename(moved)
    scenario_dir.write_text("not a folder\n", encoding="utf-8")
    try:
        message = _save(wb, title="Cannot be written", name="cannot_be_written")
        assert "could not be written" in message and "Traceback" not in message, message
        assert _leftovers(scenario_dir.parent) == []
    finally:
        scenario_dir.unlink()
        moved.rename(scenario_dir)
    assert _leftovers(scenario_dir) == []
    assert not (scenario_dir / "cannot_be_written.yaml").exists()

    # Overwrite holds only for the name it was asked for.
    overwrite = page.locator("button.planning-overwrite")
    assert "Saved" in _save(wb, title="Overwrite test", name="overwrite_test")
    assert "Saved" in _save(wb, title="Other test", name="other_test")
    other_text = (scenario_dir / "other_test.yaml").read_text(encoding="utf-8")
    message = _save(wb, title="Overwrite test", name="overwrite_test")
    assert "already exists" in message, message
    assert overwrite.is_visible()
    page.locator(".planning-save-name input").fill("other_test")
    wb.wait_until(lambda: not overwrite.is_visible(), "the Overwrite button to go")
    message = _save(wb)
    assert "already exists" in message, message
    assert (scenario_dir / "other_test.yaml").read_text(encoding="utf-8") == other_text
    overwrite.click()
    wb.wait_until(lambda: "Saved" in _bar_message(wb), "the confirmed overwrite")
    assert load_scenario(scenario_dir / "other_test.yaml").title == "Overwrite test"
    assert _leftovers(scenario_dir) == []


# --------------------------------------------------------------------------- export


def test_export_writes_a_briefing_and_links_to_it(wb, app):
    page = wb.page
    page.locator("button.planning-export").click()
    link = page.locator(".planning-bar-message a")
    link.wait_for(timeout=300_000)
    href = link.get_attribute("href")
    assert href.startswith("/voila/files/reports/workbook/"), href
    response = page.request.get(app["url"].rstrip("/") + href)
    assert response.status == 200 and "<html" in response.text()[:2000].lower()


# --------------------------------------------------------------------------- Chinese


def test_switching_to_chinese_turns_every_chart_chinese_at_once(wb):
    page = wb.page
    page.set_viewport_size({"width": 1280, "height": 1000})
    _open(wb, "talent", drawn=False)
    page.locator(".planning-language select").select_option(label="简体中文")
    page.wait_for_selector("text=" + t("panel.title", "zh"), timeout=30_000)

    wait_chinese(wb, "talent")
    # The charts are made again in plotly.js's zh-CN locale: the toolbar's tips in Chinese
    # (those of the tab on screen; a hidden tab's charts are made again when it opens).
    shown = ", ".join(f".planning-chart-{n} .modebar-btn" for n in charts_of("talent"))
    tips = wb.wait_until(
        lambda: (
            [
                x
                for x in page.locator(shown).evaluate_all(
                    "els => els.map(e => e.getAttribute('data-title'))"
                )
                if x
            ]
            or None
        ),
        "chart toolbar",
    )
    assert "下载图表为PNG格式" in tips, tips
    assert [x for x in tips if not has_cjk(x)] == []

    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 1000})
        for name in TABS:
            _open(wb, name, "zh", drawn=False)
            wait_chinese(wb, name)
            assert wb.settled_overflow() == [], (width, name)
            wb.screenshot(f"workbook_{name}_{width}_zh")
    workbook_text = page.locator(".planning-workbook").inner_text()
    assert "Traceback" not in workbook_text


@pytest.fixture(scope="module", autouse=True)
def _fresh_screenshots():
    """Screenshots of an earlier run are removed first: what is left is this run's."""
    for p in ARTIFACTS.glob("workbook_*.png"):
        p.unlink()
