"""The workbook app in a real browser: Voila on 127.0.0.1, Debian's Chromium through Playwright.

Starts ``planning app``'s Voila command on a free port, waits for the widgets, moves a slider
with the keyboard and checks that the chart's data (plotly's ``gd.data``) and the target
register change; measures key press -> redraw and writes it to
``tests/artifacts/browser_timing.json``; saves a screenshot of every tab.

A missing Chromium fails the test (``make browser`` installs it); it is never skipped and
no browser is downloaded.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import time
from pathlib import Path

import pytest

from planning.app import HOST, app_url, free_port, voila_command
from planning.i18n import t
from planning.panel import TABS
from planning.paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(600)]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# anywidget 0.11 rejects a model's "ready" promise when its module takes over 2 s to load
# (a loaded machine); the chart still renders and updates. Anything else fails the test.
KNOWN_PAGE_ERRORS = ("[anywidget] Failed to initialize model",)
SLIDER_KEY = "talent.intake_fill_rate"  # step 0.05: one key press moves the pools visibly
CHART = ".planning-chart-talent_pools.js-plotly-plot"
PRESSES = 5


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"voila exited with code {proc.returncode}")
        try:
            socket.create_connection((HOST, port), 0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"voila did not listen on {HOST}:{port} within {timeout:.0f} s")


@pytest.fixture(scope="module")
def scenario_dir(tmp_path_factory):
    """A copy of data/scenarios: the app saves into it, the real folder stays untouched."""
    from planning.paths import SCENARIO_DIR

    d = tmp_path_factory.mktemp("scenarios")
    for p in SCENARIO_DIR.glob("*.yaml"):
        (d / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def app(scenario_dir):
    """The workbook served by Voila exactly as ``planning app`` serves it."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "voila.log").open("w")
    env = {**os.environ, "PLANNING_APP_ROOT": str(ROOT), "PLANNING_SCENARIO_DIR": str(scenario_dir)}
    proc = subprocess.Popen(
        voila_command(port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        t0 = time.monotonic()
        _wait_for_port(port, proc)
        yield {"url": app_url(port), "server_start_s": time.monotonic() - t0}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


def _only_loopback(route) -> None:
    url = route.request.url
    if url.startswith((f"http://{HOST}", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def _chart_data(page, selector: str) -> list:
    return page.evaluate(
        """(sel) => {
            const gd = document.querySelector(sel);
            return gd.data.map(tr => ({y: Array.from(tr.y || []), x: (tr.x || []).length}));
        }""",
        selector,
    )


def _register_text(page) -> str:
    return page.locator(".planning-register").inner_text()


WATCH = """([sel]) => {
    const gd = document.querySelector(sel);
    // Every chart on screen, and the register (re-rendered as a new table each time).
    const plots = Array.from(document.querySelectorAll('.planning-chart.js-plotly-plot'))
        .filter(p => p.offsetParent !== null);
    const reg = () => document.querySelector('.planning-register').innerText;
    const snap = (p) => JSON.stringify(p.data.map(tr => Array.from(tr.y || [])));
    const before = plots.map(snap), regBefore = reg();
    window.__keyAt = null; window.__chartMs = null; window.__registerMs = null;
    window.__plotMs = plots.map(() => null);
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
    };
    requestAnimationFrame(tick);
}"""


def _tab(page, name: str, lang: str = "en"):
    return page.get_by_role("tab", name=t(f"panel.tab.{name}", lang), exact=True)


def test_workbook_app_in_chromium(app, browser, scenario_dir):
    page = browser.new_page(viewport={"width": 1440, "height": 1100})
    page.route("**/*", _only_loopback)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    t0 = time.monotonic()
    page.goto(app["url"], timeout=120_000)
    page.wait_for_selector(".planning-workbook", timeout=180_000)
    page.wait_for_selector(CHART, state="visible", timeout=120_000)
    page.wait_for_selector(".planning-register", state="attached", timeout=60_000)
    page_ready_s = time.monotonic() - t0
    time.sleep(1.0)  # let the first plots settle
    page.screenshot(path=str(ARTIFACTS / "workbook_talent.png"), full_page=True)

    # Code is hidden: no notebook input is shown in the app.
    assert page.locator(".jp-InputArea, .jp-Cell-inputWrapper").count() == 0

    chart_before = _chart_data(page, CHART)
    register_before = _register_text(page)
    handle = page.locator(
        f".planning-key-{SLIDER_KEY.replace('.', '-').replace('_', '-')} .noUi-handle"
    )
    assert handle.count() == 1

    chart_ms, register_ms, last_ms = [], [], []
    for _ in range(PRESSES):
        page.evaluate(WATCH, [CHART])
        handle.focus()
        handle.press("ArrowRight")
        page.wait_for_function("window.__chartMs !== null", timeout=30_000)
        time.sleep(4.2)  # the watcher looks for 4 s: every chart that changes, and when
        chart_ms.append(page.evaluate("window.__chartMs"))
        plot_ms = [x for x in page.evaluate("window.__plotMs") if x is not None]
        last_ms.append(max(plot_ms))
        if page.evaluate("window.__registerMs") is not None:
            register_ms.append(page.evaluate("window.__registerMs"))

    chart_after = _chart_data(page, CHART)
    assert [len(tr["y"]) for tr in chart_after] == [len(tr["y"]) for tr in chart_before]
    assert chart_after != chart_before, "the pools chart did not change"
    # Five steps of 0.05 from a fill rate of 1.0: more reserve talents at the end.
    assert sum(tr["y"][-1] for tr in chart_after) > sum(tr["y"][-1] for tr in chart_before)
    assert _register_text(page) != register_before, "the target register did not change"
    assert register_ms, "the register never changed after a key press"
    readout = page.locator(
        f".planning-key-{SLIDER_KEY.replace('.', '-').replace('_', '-')} .widget-readout"
    )
    assert readout.inner_text().strip() == "1.25"

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
        "page_ready_s": round(page_ready_s, 1),
        "server_start_s": round(app["server_start_s"], 1),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    (ARTIFACTS / "browser_timing.json").write_text(json.dumps(timing, indent=2) + "\n")
    print("\nbrowser timing:", json.dumps(timing, indent=2))
    # The 300 ms target is tracked by `make bench` (the figure depends on the machine's
    # load); this guard catches a broken fast path (a backlog, a blocking solve).
    assert timing["keypress_to_chart_median_ms"] < 1000, timing

    # Every tab, in English, then the whole UI in Chinese.
    for name in TABS:
        _tab(page, name).click()
        if name != "targets":
            page.wait_for_selector(
                f".planning-chart-{_first_chart(name)}.js-plotly-plot",
                state="visible",
                timeout=60_000,
            )
        time.sleep(1.2)
        page.screenshot(path=str(ARTIFACTS / f"workbook_{name}.png"), full_page=True)
    assert page.locator(".planning-register .planning-light").count() >= 10

    # Save the settings as a new scenario, then export its briefing and open the link.
    _tab(page, "talent").click()
    page.locator(".planning-save-name input").fill("browser_saved")
    page.locator(".planning-save-name input").press("Enter")
    page.locator("button.planning-save").click()
    page.wait_for_selector(".planning-bar-message >> text=Saved", timeout=30_000)
    from planning.scenario import load_scenario

    saved = load_scenario(scenario_dir / "browser_saved.yaml")
    assert saved.talent.intake_fill_rate == 1.25
    assert saved.name == "browser_saved"
    page.locator("button.planning-export").click()
    link = page.locator(".planning-bar-message a")
    link.wait_for(timeout=240_000)
    href = link.get_attribute("href")
    assert href.startswith("/voila/files/reports/workbook/browser_saved/"), href
    response = page.request.get(app["url"].rstrip("/") + href)
    assert response.status == 200 and "<html" in response.text()[:2000].lower()

    page.locator(".planning-language select").select_option(label="简体中文")
    page.wait_for_selector("text=" + t("panel.title", "zh"), timeout=30_000)
    _tab(page, "talent", "zh").click()
    time.sleep(1.5)
    page.screenshot(path=str(ARTIFACTS / "workbook_talent_zh.png"), full_page=True)
    title = page.evaluate("(sel) => document.querySelector(sel).layout.title.text", CHART)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in title), title

    unexpected = [e for e in errors if not e.startswith(KNOWN_PAGE_ERRORS)]
    assert unexpected == []
    page.close()


def _first_chart(tab: str) -> str:
    return {
        "talent": "talent_pools",
        "training": "training_coverage_chart",
        "venues": "venue_mix",
        "subsidies": "budget_rollup",
    }[tab]
