"""Responsiveness inside an event loop: debounce, coalescing, background work, stale results."""

from __future__ import annotations

import asyncio
import time

import pytest

from planning.panel import ModelSpec, Workbook

SLOW_S = 0.3


@pytest.fixture(scope="module")
def tiny():
    from planning.synth import generate

    return generate("tiny")


def _models(calls: list, slow_s: float = SLOW_S, quick: bool = False):
    def venues(_b, s, _i):
        calls.append(("venues", s.venues.project_months))
        return s.venues.project_months

    def talent(_b, s, _i):
        calls.append(("talent", s.talent.intake_per_year.cgvo, s.run.mc_draws))
        if s.run.mc_draws:
            time.sleep(slow_s)
        return (s.talent.intake_per_year.cgvo, s.run.mc_draws)

    def no_mc(s):
        return s.with_overrides({"run.mc_draws": 0}) if s.run.mc_draws else None

    return (
        ModelSpec("venues", ("venues", "run"), venues),
        ModelSpec("talent", ("talent", "run"), talent, quick=no_mc if quick else None),
    )


def _run(coro):
    return asyncio.run(asyncio.wait_for(coro, 30))


def _workbook(tiny, calls, **kw):
    wb = Workbook(
        baseline=tiny,
        models=_models(calls, quick=kw.pop("quick", False)),
        charts=(),
        numbers=(),
        **kw,
    )
    wb.slow_s = 0.1
    return wb


def test_a_burst_of_changes_is_computed_once_for_the_latest_value(tiny):
    calls: list = []

    async def main():
        # A debounce far longer than the burst: no timing window, however loaded the
        # machine; the timer is then fired the way the loop would fire it.
        wb = _workbook(tiny, calls, debounce_s=600)
        assert wb.background and wb.loop is not None
        calls.clear()
        slider = wb.widget_for("venues.project_months")
        for v in (4, 5, 6, 7, 8, 9):  # a held arrow key
            slider.value = v
            await asyncio.sleep(0)
        assert calls == []  # nothing computed while the keys keep coming
        wb.flush()
        assert calls == [("venues", 9)]
        assert wb.results["venues"] == 9
        wb.close()

    _run(main())


def test_the_debounce_timer_computes_after_the_quiet_time(tiny):
    calls: list = []

    async def main():
        wb = _workbook(tiny, calls, debounce_s=0.05)
        calls.clear()
        wb.widget_for("venues.project_months").value = 6
        assert calls == []  # not at once: the timer is pending
        for _ in range(3000):  # the timer fires on the loop; poll, never assume a delay
            if calls:
                break
            await asyncio.sleep(0.01)
        assert calls == [("venues", 6)]
        wb.close()

    _run(main())


def test_slow_work_runs_in_the_background_and_keeps_controls_live(tiny):
    calls: list = []

    async def main():
        wb = _workbook(tiny, calls, debounce_s=0.0)
        assert "talent" in wb.engine.slow  # its first run took longer than slow_s
        calls.clear()
        t0 = time.perf_counter()
        wb.widget_for("talent.intake_per_year.cgvo").value = 300
        assert time.perf_counter() - t0 < SLOW_S / 2  # the change returned at once
        assert "planning-busy" in wb.busy.value
        # Other controls still compute while the slow model runs.
        wb.widget_for("venues.project_months").value = 7
        assert wb.results["venues"] == 7
        # More changes to the slow model while it runs: only the latest is computed next.
        for v in (310, 320, 330):
            wb.widget_for("talent.intake_per_year.cgvo").value = v
        while wb.engine.busy():
            await asyncio.sleep(0.02)
        talent_calls = [c[1] for c in calls if c[0] == "talent"]
        assert talent_calls == [300, 330]
        assert wb.results["talent"] == (330, 1000)
        assert wb.busy.value == ""
        wb.close()

    _run(main())


def test_quick_pass_shows_at_once_and_the_full_result_follows(tiny):
    calls: list = []

    async def main():
        wb = _workbook(tiny, calls, debounce_s=0.0, quick=True)
        calls.clear()
        wb.widget_for("talent.intake_per_year.cgvo").value = 400
        assert wb.results["talent"] == (400, 0)  # quick pass, synchronous
        while wb.engine.busy():
            await asyncio.sleep(0.02)
        assert wb.results["talent"] == (400, 1000)
        assert [c for c in calls if c[0] == "talent"] == [("talent", 400, 0), ("talent", 400, 1000)]
        wb.close()

    _run(main())


def test_a_result_for_settings_changed_meanwhile_is_dropped(tiny):
    calls: list = []

    async def main():
        wb = _workbook(tiny, calls, debounce_s=0.0)
        slider = wb.widget_for("talent.intake_per_year.cgvo")
        slider.value = 500
        slider.value = 280  # back to the value whose result is cached... still recomputed
        while wb.engine.busy():
            await asyncio.sleep(0.02)
        assert wb.results["talent"] == (280, 1000)
        assert wb.versions["talent"] == 2  # the initial run and the latest; 500 never shown
        wb.close()

    _run(main())
