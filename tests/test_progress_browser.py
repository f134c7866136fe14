"""The workbook's Progress tab in a real browser: Voila started as ``planning app --ledger
--as-of`` starts it, on the Example City's returns as of June 2015.

The tab shows the four plan/actual/re-forecast charts at the width of their box and the
league table without anything cut off at 1280 and 1920 px, nothing is fetched from outside
127.0.0.1, and switching to Chinese turns the tab Chinese; screenshots in
``tests/artifacts/progress_*.png``.
"""

from __future__ import annotations

import subprocess
import time

import pytest
from browsertools import Page, has_cjk, launch, stop, wait_for_port

from planning.app import app_url, free_port, server_env, voila_command
from planning.paths import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]

CHARTS = ["progress-talent", "progress-trained", "progress-community_venues",
          "progress-village_rooms"]  # fmt: skip


@pytest.fixture(scope="module")
def app(example_ledger, tmp_path_factory):
    from browsertools import ARTIFACTS

    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "voila_progress.log").open("w")
    url = example_ledger.url.render_as_string(hide_password=False)
    env = {**server_env("app"), "PLANNING_LEDGER": url, "PLANNING_AS_OF": "2015-06"}
    proc = subprocess.Popen(
        voila_command(port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        wait_for_port(port, proc)
        yield app_url(port)
    finally:
        stop(proc)
        log.close()


@pytest.fixture(scope="module")
def page(app):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        s = Page(browser, 1280, 1000)
        s.page.goto(app, timeout=120_000)
        s.page.wait_for_selector(".planning-workbook", timeout=240_000)
        yield s
        s.close()
        browser.close()


def test_progress_tab_draws_the_review(page):
    s = page
    s.page.get_by_role("tab", name="Progress", exact=True).click()
    t0 = time.monotonic()
    s.wait_charts_drawn(CHARTS, timeout=240)
    shown_s = time.monotonic() - t0
    lead = s.page.inner_text(".planning-progress .pw-sentences")
    assert "to the end of Mar 2015" in lead
    s.wait_until(
        lambda: s.page.locator(".planning-league .pw-pill").count() == 70, "the league table", 60
    )
    charts = {c["name"]: c for c in s.charts()}
    talent = charts["progress-talent"]
    names = [tr["name"] for tr in talent["traces"]]
    assert {"Plan", "Actual (returns)", "Re-forecast"} <= set(names)
    actual = next(tr for tr in talent["traces"] if tr["name"] == "Actual (returns)")
    assert len(actual["x"]) == 5  # 2014Q1-2015Q1
    for width in (1280, 1920):
        s.page.set_viewport_size({"width": width, "height": 1000})
        s.wait_charts_drawn(CHARTS)
        assert s.settled_overflow() == [], width
        s.screenshot(f"progress_en_{width}")
    s.assert_clean()
    assert shown_s < 240


def test_progress_tab_in_chinese(page):
    s = page
    s.page.set_viewport_size({"width": 1280, "height": 1000})
    s.page.locator(".planning-language select").select_option(label="简体中文")
    s.wait_until(
        lambda: "2015年3月末" in s.page.inner_text(".planning-progress .pw-sentences"),
        "the Progress tab in Chinese",
        120,
    )
    s.wait_until(
        lambda: all(has_cjk(c["title"]) for c in s.charts()) and len(s.charts()) == 4,
        "Chinese charts",
        120,
    )
    s.wait_until(lambda: "康北县" in s.page.inner_text(".planning-league"), "league in Chinese")
    assert s.settled_overflow() == []
    s.screenshot("progress_zh_1280")
    s.assert_clean()
