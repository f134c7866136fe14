"""Training re-solve and venue re-plan from a reported state (mid-plan review).

City scale: the Example City's bundled returns as of 2015-06 (restart after 2015Q1), and a
state equal to the plan's own schedule up to March 2015 (plan month 15). Province scale:
there are no province returns, so the state is the plan's own schedule up to month 15.
Targets: <= 0.6 s for both plans at city scale (1 s with the talent re-forecast), <= 15 s
at province scale. The province's training programme stops at the solver's time limit per
stage (as the plan from plan start does), so that case runs once and takes minutes.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from functools import cache
from pathlib import Path

import pandas as pd
from common import Bench

from planning.ledger import LedgerState
from planning.models.training import plan_training
from planning.models.venues import _rules, plan_venues, work_months
from planning.scenario import load_scenario

T0 = 15


def _month(m: int, start_year: int) -> str:
    return f"{start_year + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}"


@cache
def _example():
    from planning.data import load_baseline
    from planning.ledger import import_many, load_ledger
    from planning.paths import EXAMPLE_CITY_DIR

    b = load_baseline()
    path = Path(tempfile.mkdtemp()) / "ledger.sqlite"
    ledger = load_ledger(f"sqlite:///{path}")
    files = sorted(EXAMPLE_CITY_DIR.glob("returns/*/*"))
    import_many(ledger, files, b, received="submitted")
    state = ledger.as_of("2015-06")
    ledger.close()
    return b, load_scenario("baseline"), state


def own_schedule_state(baseline, scenario, t0: int = T0) -> LedgerState:
    """A reported state equal to the plans' own schedules up to plan month ``t0``."""
    y0 = scenario.run.start_year
    tp = plan_training(baseline, scenario, diagnose=False)
    vp = plan_venues(baseline, scenario)
    r = tp.roster
    done = r[r["month"].notna() & (r["month"] <= t0)]
    cls = tp.classes.set_index("class_id")
    pairs = done[["county_id", "class_id"]].drop_duplicates()
    new = r[(r["cohort"] == "new") & (r["appointed_month"] <= t0)]
    venue_rows = []
    for frame, key, village in ((vp.communities, "community_id", False),
                                (vp.villages, "village_id", True)):  # fmt: skip
        rules = _rules(baseline, scenario, village=village)
        for v in frame[frame["start_month"].notna()].itertuples():
            s = int(v.start_month)
            if s > t0:
                continue
            months = work_months(s, rules)
            paid = v.cost_yuan * sum(m <= t0 for m in months) / len(months)
            vid = getattr(v, key)
            venue_rows.append((v.county_id, "P", vid, "started", _month(s, y0), None, None, paid))
            if int(v.finish_month) <= t0:
                venue_rows.append((v.county_id, "P", vid, "completed",
                                   _month(int(v.finish_month), y0),
                                   "village" if village else v.to_tier, "yes",
                                   v.cost_yuan - paid))  # fmt: skip
    tables = {
        "trained": pd.DataFrame({"county_id": done["county_id"], "period": "P",
                                 "secretary_id": done["secretary_id"],
                                 "class_ref": done["class_id"]}),
        "classes": pd.DataFrame({
            "county_id": pairs["county_id"].to_numpy(), "period": "P",
            "class_ref": pairs["class_id"].to_numpy(),
            "base_id": cls.loc[pairs["class_id"], "base_id"].to_numpy(),
            "month": [_month(int(m), y0) for m in cls.loc[pairs["class_id"], "month"]],
            "days": cls.loc[pairs["class_id"], "class_days"].to_numpy(),
            "special_course": True}),
        "secretaries": pd.DataFrame({"county_id": new["county_id"], "period": "P",
                                     "secretary_id": new["secretary_id"], "village_id": "",
                                     "change": "took_office",
                                     "month": [_month(int(m), y0)
                                               for m in new["appointed_month"]]}),
        "venues": pd.DataFrame(venue_rows, columns=["county_id", "period", "venue_id", "event",
                                                    "month", "tier_reached", "owned",
                                                    "cost_yuan"]),
        "subsidies": pd.DataFrame({c: [] for c in ("county_id", "period", "month",
                                                   "secretaries_paid", "basic_yuan",
                                                   "performance_yuan")}),
    }  # fmt: skip
    returns = pd.DataFrame(
        {
            "county_id": list(baseline.county_ids),
            "period": "P",
            "period_start": pd.Timestamp(f"{y0}-01-01"),
            "period_end": pd.Period(_month(t0, y0), "M").end_time.normalize(),
        }
    )
    return LedgerState(datetime(y0 + 2, 1, 1), returns, tables)


@cache
def _own(scale: str):
    from planning.synth import generate

    b, s = generate(scale), load_scenario("baseline")
    return b, s, own_schedule_state(b, s)


def _both(b, s, state, diagnose: bool = False):
    return (
        plan_training(b, s, ledger=state, diagnose=diagnose),
        plan_venues(b, s, ledger=state),
    )


def _note(inputs) -> str:
    b, s, state = inputs
    t = time.perf_counter()
    tp = plan_training(b, s, ledger=state, diagnose=False)
    t_tr = time.perf_counter() - t
    t = time.perf_counter()
    vp = plan_venues(b, s, ledger=state)
    t_v = time.perf_counter() - t
    sm = tp.summary
    waiting = sm["current_to_train"] - sm["trained_in_ledger_current"]
    return (
        f"training {t_tr:.2f} s ({sm['solver_calls']} solves, feasible={tp.feasible}, "
        f"{sm['trained_in_ledger']} trained before, {waiting} in post at start still to train), "
        f"venues {t_v:.2f} s ({vp.reported['completed']} + {vp.reported['village_completed']} "
        f"done, {vp.reported['under_way']} under way)"
    )


def benchmarks() -> list[Bench]:
    """Median times; targets from the mid-plan review issue."""
    return [
        Bench(
            "re-plan from returns: training + venues, Example City as of 2015-06",
            lambda: _both(*_example()),
            target_s=0.6,
            repeats=5,
            note=lambda: _note(_example()),
        ),
        Bench(
            "re-plan from returns: the same with the training diagnosis",
            lambda: _both(*_example(), diagnose=True),
            target_s=None,
            repeats=3,
        ),
        Bench(
            "re-plan from the plan's own schedule to 2015-03: city",
            lambda: _both(*_own("city")),
            target_s=0.6,
            repeats=5,
            note=lambda: _note(_own("city")),
        ),
        Bench(
            "re-plan from the plan's own schedule to 2015-03: province",
            lambda: _both(*_own("province")),
            target_s=15.0,
            repeats=1,
            warmup=False,
            note=lambda: _note(_own("province")),
        ),
    ]
