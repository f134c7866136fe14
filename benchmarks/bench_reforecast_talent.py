"""Reserve-talent re-forecast from the ledger: the state as of a date, the pools set to the
reported stocks, the Monte Carlo calibrated from the reported flows (1,000 draws).

City: the Example City's bundled returns in a SQLite ledger, read as of 2015-06 and
re-forecast (target 0.3 s, a share of the 1 s of the whole re-forecast with training and
venues). Province: 130 counties have no returns, so the state is built from the plan's own
forecast, five quarters of whole-person flows to 2015Q1 with small random changes (target
15 s).
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from common import Bench

from planning.data import load_baseline
from planning.ledger import LedgerState, import_many, load_ledger
from planning.models.talent import run_talent
from planning.paths import EXAMPLE_CITY_DIR
from planning.scenario import load_scenario
from planning.synth import generate

AS_OF = "2015-06"
QUARTERS = ("2014Q1", "2014Q2", "2014Q3", "2014Q4", "2015Q1")


@functools.cache
def _root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="bench-reforecast-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


@functools.cache
def _city():
    baseline = load_baseline()
    path = _root() / "city.sqlite"
    files = sorted(EXAMPLE_CITY_DIR.glob("returns/*/*"))
    ledger = load_ledger(str(path))
    _, failed = import_many(ledger, files, baseline, received="submitted")
    assert not failed, failed
    atexit.register(ledger.close)
    return baseline, ledger


def synthetic_state(baseline, scenario, seed: int = 1) -> LedgerState:
    """Quarterly returns to 2015Q1 from the plan's forecast: whole persons, intake and
    leavers changed by up to 10 %, closings that add up."""
    rng = np.random.default_rng(seed)
    flows = run_talent(baseline, scenario.with_overrides({"run.mc_draws": 0})).flows
    f = flows.assign(quarter=flows["month"].dt.asfreq("Q").astype(str))
    f = f[f["quarter"].isin(QUARTERS)]
    f = f.assign(left=f["out_attrition"] + f["out_expired"], county_id=f["county_id"].astype(str),
                 pool=f["pool"].astype(str))  # fmt: skip
    sums = f.groupby(["county_id", "pool", "quarter"], sort=True)[
        ["in_intake", "out_appointed", "out_promoted", "left"]
    ].sum()
    first = f[f["month"] == f["month"].min()].set_index(["county_id", "pool"])["stock_start"]
    rows = []
    for (county, pool), g in sums.groupby(level=[0, 1]):
        closing = round(float(first[(county, pool)]))
        for (_, _, quarter), r in g.iterrows():
            opening = closing
            joined = round(r["in_intake"] * rng.uniform(0.9, 1.1))
            appointed = min(round(r["out_appointed"]), opening + joined)
            promoted = min(round(r["out_promoted"]), opening + joined - appointed)
            left = min(round(r["left"] * rng.uniform(0.9, 1.1)), opening + joined - appointed
                       - promoted)  # fmt: skip
            closing = opening + joined - appointed - promoted - left
            rows.append((county, quarter, pool, opening, joined, appointed, promoted, left,
                         closing))  # fmt: skip
    talent = pd.DataFrame(rows, columns=["county_id", "period", "pool", "opening", "joined",
                                         "appointed", "promoted", "left", "closing"])  # fmt: skip
    periods = pd.PeriodIndex(talent["period"], freq="Q")
    returns = talent[["county_id", "period"]].drop_duplicates().reset_index(drop=True)
    q = pd.PeriodIndex(returns["period"], freq="Q")
    returns["period_start"] = q.start_time.date
    returns["period_end"] = q.end_time.date
    assert len(periods) == len(talent)
    return LedgerState(datetime(2015, 6, 30), returns, {"talent": talent})


def benchmarks() -> list[Bench]:
    scenario = load_scenario("baseline").with_overrides({"run.mc_draws": 1000})
    baseline, ledger = _city()
    state = ledger.as_of(AS_OF)
    province = generate("province")
    pstate = synthetic_state(province, scenario)

    def city_full():
        return run_talent(baseline, scenario, ledger=ledger.as_of(AS_OF))

    def note_city() -> str:
        plan = run_talent(baseline, scenario).target.probability
        plain = run_talent(baseline, scenario, ledger=state, calibrate=False).target.probability
        cal = run_talent(baseline, scenario, ledger=state).target.probability
        return (
            f"P(met by deadline): plan {plan:.1%}, as of {AS_OF} {plain:.1%}, calibrated {cal:.1%}"
        )

    def note_province() -> str:
        r = run_talent(province, scenario, ledger=pstate)
        return f"{len(province.counties)} counties; P = {r.target.probability:.1%}"

    return [
        Bench(
            "talent re-forecast: city, state as of 2015-06 + calibrated run",
            city_full,
            0.3,
            repeats=7,
            note=note_city,
        ),  # fmt: skip
        Bench(
            "talent re-forecast: city, run only (state read once)",
            lambda: run_talent(baseline, scenario, ledger=state),
            None,
            repeats=7,
            note="1,000 draws, 10 counties",
        ),  # fmt: skip
        Bench(
            "talent re-forecast: city, uncalibrated run",
            lambda: run_talent(baseline, scenario, ledger=state, calibrate=False),
            None,
            repeats=7,
        ),  # fmt: skip
        Bench(
            "talent re-forecast: province, synthetic state, calibrated",
            lambda: run_talent(province, scenario, ledger=pstate),
            15.0,
            repeats=3,
            note=note_province,
        ),  # fmt: skip
        Bench(
            "talent: plan run, province, 1,000 draws (for comparison)",
            lambda: run_talent(province, scenario),
            None,
            repeats=3,
        ),  # fmt: skip
    ]
