"""Workbook responsiveness: recompute + redraw per section, city and province scale.

Each case moves one control of a section back and forth on a ready workbook (so every run
recomputes) with the section's tab on screen, and times the whole synchronous path: read
and validate the controls, rerun the models that depend on the section, rebuild the
visible charts, numbers and register. Background work is off here, so "talent (full)"
includes the 1,000-draw Monte Carlo that the live workbook runs in a worker thread;
"talent (quick pass)" is what the live workbook does before the first redraw.

The browser figure (key press -> chart redrawn in Chromium, median of 5 presses) is
measured by ``tests/test_app_browser.py`` and replayed here from its artifact.
"""

from __future__ import annotations

import json
import time
from functools import cache
from pathlib import Path

from common import Bench

ARTIFACT = Path(__file__).resolve().parents[1] / "tests" / "artifacts" / "browser_timing.json"

CASES = [
    # (section label, tab, dotted key, two values, city target in seconds)
    ("talent (full)", "talent", "talent.intake_fill_rate", (1.0, 1.05), 0.3),
    ("training", "training", "training.absence_cap_share", (0.10, 0.12), None),
    ("venues", "venues", "venues.yearly_budget_yuan", (24e6, 25e6), 0.3),
    ("subsidies", "subsidies", "subsidies.income_multiplier", (1.0, 1.1), 0.3),
    ("targets", "targets", "targets.satisfaction_min", (0.90, 0.91), 0.3),
]


@cache
def _workbook(scale: str, mc_draws: int | None = None):
    from planning import load_scenario
    from planning.panel import Workbook
    from planning.synth import generate

    baseline = None if scale == "city" else generate(scale)
    scenario = load_scenario("baseline")
    if mc_draws is not None:
        scenario = scenario.with_overrides({"run.mc_draws": mc_draws})
    return Workbook(baseline=baseline, scenario=scenario, debounce_s=0, background=False)


def _case(scale: str, tab: str, key: str, values: tuple, mc_draws: int | None = None):
    state = {"i": 0}

    def run() -> None:
        from planning.panel import TABS

        wb = _workbook(scale, mc_draws)
        wb.tab.selected_index = TABS.index(tab)
        state["i"] += 1
        wb.set(key, values[state["i"] % 2])

    return run


def _models_note(scale: str, mc_draws: int | None = None):
    def note() -> str:
        wb = _workbook(scale, mc_draws)
        return "models: " + ", ".join(f"{k} {v * 1e3:.0f} ms" for k, v in wb.timings.items())

    return note


def _browser() -> list[Bench]:
    if not ARTIFACT.is_file():
        return []
    data = json.loads(ARTIFACT.read_text())
    median_s = data["keypress_to_chart_median_ms"] / 1e3
    note = (
        f"replayed from {ARTIFACT.name} ({data.get('measured_at', '?')}): "
        f"{data['keypress_to_chart_ms']} ms; all charts incl. Monte Carlo fan "
        f"{data.get('keypress_to_last_chart_median_ms', '?')} ms; register "
        f"{data.get('keypress_to_register_median_ms', '?')} ms"
    )
    return [
        Bench(
            "panel browser: key press -> chart redrawn (city)",
            lambda: time.sleep(median_s),
            target_s=0.3,
            repeats=1,
            warmup=False,
            note=note,
        )
    ]


def benchmarks() -> list[Bench]:
    out = []
    for scale, repeats in (("city", 5), ("province", 3)):
        for label, tab, key, values, target in CASES:
            out.append(
                Bench(
                    f"panel {scale}: {label} change",
                    _case(scale, tab, key, values),
                    target_s=target if scale == "city" else None,
                    repeats=repeats,
                )
            )
        out.append(
            Bench(
                f"panel {scale}: talent (quick pass) change",
                _case(scale, "talent", "talent.intake_fill_rate", (1.0, 1.05), mc_draws=0),
                target_s=0.15 if scale == "city" else None,
                repeats=repeats,
                note=_models_note(scale),
            )
        )
    return out + _browser()
