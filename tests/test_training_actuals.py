"""Training plan re-solved from the reported state: history kept, caps met, continuity,
the Example City's count left to train, diagnosis of the re-solved programme."""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from planning.ledger import LedgerState
from planning.models.training import plan_training

T0 = 15  # plan month of the end of 2015Q1


def month_text(m: int, start_year: int = 2014) -> str:
    return f"{start_year + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}"


def empty(*cols: str) -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in cols})


def state_from_plan(plan, baseline, t0: int, start_year: int = 2014) -> LedgerState:
    """A reported state saying exactly what the plan itself scheduled up to month ``t0``:
    its classes and trainees, and the new secretaries it expects, named as in its roster."""
    end = pd.Period(month_text(t0, start_year), "M").end_time.normalize()
    returns = pd.DataFrame(
        {
            "county_id": list(baseline.county_ids),
            "period": "P",
            "period_start": pd.Timestamp(f"{start_year}-01-01"),
            "period_end": end,
        }
    )
    r = plan.roster
    done = r[r["month"].notna() & (r["month"] <= t0)]
    trained = pd.DataFrame(
        {
            "county_id": done["county_id"],
            "period": "P",
            "secretary_id": done["secretary_id"],
            "class_ref": done["class_id"],
        }
    )
    cls = plan.classes.set_index("class_id")
    pairs = done[["county_id", "class_id"]].drop_duplicates()
    classes = pd.DataFrame(
        {
            "county_id": pairs["county_id"].to_numpy(),
            "period": "P",
            "class_ref": pairs["class_id"].to_numpy(),
            "base_id": cls.loc[pairs["class_id"], "base_id"].to_numpy(),
            "month": [month_text(int(m), start_year) for m in cls.loc[pairs["class_id"], "month"]],
            "days": cls.loc[pairs["class_id"], "class_days"].to_numpy(),
            "special_course": True,
        }
    )
    new = r[(r["cohort"] == "new") & (r["appointed_month"] <= t0)]
    took = pd.DataFrame(
        {
            "county_id": new["county_id"],
            "period": "P",
            "secretary_id": new["secretary_id"],
            "village_id": "",
            "change": "took_office",
            "month": [month_text(int(m), start_year) for m in new["appointed_month"]],
        }
    )
    tables = {
        "trained": trained.reset_index(drop=True),
        "classes": classes,
        "secretaries": took.reset_index(drop=True),
        "venues": empty(
            "county_id",
            "period",
            "venue_id",
            "event",
            "month",
            "tier_reached",
            "owned",
            "cost_yuan",
        ),  # fmt: skip
        "subsidies": empty(
            "county_id", "period", "month", "secretaries_paid", "basic_yuan", "performance_yuan"
        ),  # fmt: skip
    }
    return LedgerState(datetime(start_year + t0 // 12, 12, 31), returns, tables)


@pytest.fixture(scope="module")
def plain(example_baseline, default_scenario):
    return plan_training(example_baseline, default_scenario)


@pytest.fixture(scope="module")
def example_state(example_ledger):
    return example_ledger.as_of("2015-06")


@pytest.fixture(scope="module")
def resolved(example_baseline, default_scenario, example_state):
    return plan_training(example_baseline, default_scenario, ledger=example_state)


def check_caps(plan, baseline, scenario, t0: int) -> None:
    """Every limit of the model, checked month by month after ``t0`` from the class and seat
    tables alone."""
    tr = scenario.training
    planned = plan.classes[~plan.classes["held"]]
    assert (planned["month"] > t0).all()
    bases = baseline.training_bases.set_index("base_id")
    cal = baseline.calendar.set_index("month")["availability"]
    for (b, m), g in planned.groupby(["base_id", "month"]):
        base = bases.loc[b]
        cal_m = (m - 1) % 12 + 1
        assert bool(base["out_of_town"]) and cal_m in base["months_allowed"]
        assert cal[cal_m] >= tr.blackout_below
        assert len(g) <= math.floor(base["max_classes_per_month"] * tr.classes_per_month_scale)
        assert (g["seats_used"] <= base["seats_per_class"]).all()
        assert (g["seats_used"] >= min(base["min_class_size"], base["seats_per_class"])).all()
    # absence cap per county and month: floor(secretaries * min(cap, availability))
    vc = baseline.village_county
    n_sec = baseline.secretaries["village_id"].map(vc).value_counts()
    seats = plan.seats[plan.seats["month"] > t0]
    away = seats.groupby(["county_id", "month"])["seats"].sum()
    for (c, m), n in away.items():
        share = min(tr.absence_cap_share, cal[(m - 1) % 12 + 1])
        assert n <= math.floor(n_sec[c] * share + 1e-9), (c, m, n)
    # seats of a month's classes = the counties' seats that month
    assert (
        planned.groupby("month")["seats_used"].sum().equals(seats.groupby("month")["seats"].sum())
    )
    if tr.yearly_budget_yuan is not None:
        held = plan.classes[plan.classes["held"]]
        for y, g in planned.groupby((planned["month"] - 1) // 12):
            spent = held.loc[(held["month"] - 1) // 12 == y, "cost_yuan"].sum()
            assert g["cost_yuan"].sum() <= max(tr.yearly_budget_yuan - spent, 0.0) + 1e-6


# ----------------------------------------------------------------------- continuity


def test_continuity_plan_own_schedule(plain, example_baseline, default_scenario):
    """The ledger says exactly what the plan scheduled up to month 15: the re-solved plan
    has the same optimal cost and earliness for the months after it (the objective values
    of the cost and earliness stages), trains the same number each month, and its roster
    keeps every class of the history."""
    assert plain.feasible
    state = state_from_plan(plain, example_baseline, T0)
    again = plan_training(example_baseline, default_scenario, ledger=state)
    assert again.feasible and again.summary["restart_month"] == T0
    tail = plain.classes[plain.classes["month"] > T0]
    planned = again.classes[~again.classes["held"]]
    # Optimal objective values of the months left: cost and sum of month x seats.
    assert again.summary["planned_cost_yuan"] == pytest.approx(tail["cost_yuan"].sum())
    assert again.summary["stages"]["cost_yuan"] == pytest.approx(tail["cost_yuan"].sum())
    early = float((tail["month"] * tail["seats_used"]).sum())
    assert again.summary["stages"]["early"] == early
    # Trainees per month after the restart: the same (no tie broken differently here).
    per = lambda c: c.groupby("month")["seats_used"].sum()  # noqa: E731
    assert per(planned).equals(per(tail))
    # History: the held classes are the plan's own classes up to month 15.
    held = again.classes[again.classes["held"]].set_index("class_id")
    head = plain.classes[plain.classes["month"] <= T0].set_index("class_id")
    assert sorted(held.index) == sorted(head.index)
    assert (held.loc[head.index, "seats_used"] == head["seats_used"]).all()
    assert held.loc[head.index, "cost_yuan"].to_numpy() == pytest.approx(head["cost_yuan"])
    assert again.summary["spent_yuan"] == pytest.approx(head["cost_yuan"].sum())
    # Same people left, whoever sits in which class.
    for frame in (plain.roster, again.roster):
        assert frame["secretary_id"].is_unique
    assert set(plain.roster["secretary_id"]) == set(again.roster["secretary_id"])
    assert again.roster["reported"].sum() == (plain.roster["month"] <= T0).sum()
    hist = again.roster[again.roster["reported"]].set_index("secretary_id")
    before = plain.roster.set_index("secretary_id").loc[hist.index]
    assert (hist[["class_id", "month", "status"]] == before[["class_id", "month", "status"]]).all(
        axis=None
    )
    # Coverage of plan-start secretaries month by month is unchanged.
    assert again.coverage["current_trained"].equals(plain.coverage["current_trained"])
    assert again.cost["cost_yuan"].to_numpy() == pytest.approx(plain.cost["cost_yuan"])


def test_no_ledger_unchanged(plain, example_baseline, default_scenario):
    """Without a ledger nothing new appears: no held classes, no reported figures."""
    assert "held" not in plain.classes and "restart_month" not in plain.summary
    assert "reported" not in plain.roster
    assert "spent_yuan" not in plain.cost


# ----------------------------------------------------------------------- Example City


def test_trained_never_rescheduled(resolved, example_state, example_baseline):
    tr = example_state.trained()
    tr = tr[tr["special_course"].astype(bool)]
    r = resolved.roster.set_index("secretary_id")
    assert resolved.roster["secretary_id"].is_unique
    hist = r.loc[tr["secretary_id"]]
    assert hist["reported"].all() and (hist["status"] == "on_time").all()
    assert (hist["class_id"].to_numpy() == tr["class_ref"].to_numpy()).all()
    months = [(int(m[:4]) - 2014) * 12 + int(m[5:]) for m in tr["month"]]
    assert (hist["month"].to_numpy(int) == np.array(months)).all()
    # Nobody else is in a class held; nobody trained is in a class planned.
    planned = set(resolved.classes.loc[~resolved.classes["held"], "class_id"])
    assert not (set(hist["class_id"]) & planned)
    assert (r.loc[r["reported"]].index.isin(tr["secretary_id"])).all()
    # Those who left office are gone; those who took office are named.
    moves = example_state.table("secretaries")
    left = set(moves.loc[moves["change"] == "left_office", "secretary_id"])
    took = set(moves.loc[moves["change"] == "took_office", "secretary_id"])
    # (one trained before leaving stays in the roster as history only)
    stayed = left & set(r.index)
    assert r.loc[sorted(stayed), "reported"].all() and len(stayed) < len(left)
    assert took - left <= set(r.index) and len(took - left) == 305
    assert (
        not r.index.str.startswith("NEW-").any()
        or (r.loc[r.index.str.startswith("NEW-"), "appointed_month"] > T0).all()
    )


def test_example_left_to_train(resolved, example_state, example_baseline):
    """Left to train among the secretaries in post at plan start = in scope - trained
    before the plan - trained in the returns - left office untrained (hand count from the
    ledger frames)."""
    secs = example_baseline.secretaries
    in_scope = len(secs)
    before = int((secs["trained_out_of_town"] & secs["special_course"]).sum())
    tr, cl = example_state.table("trained"), example_state.table("classes")
    special = set(cl.loc[cl["special_course"].astype(bool), "class_ref"])
    start_ids = set(secs["secretary_id"])
    trained = set(tr.loc[tr["class_ref"].isin(special), "secretary_id"]) & start_ids
    moves = example_state.table("secretaries")
    left = set(moves.loc[moves["change"] == "left_office", "secretary_id"]) & start_ids
    left_untrained = left - trained
    assert (in_scope, before, len(trained), len(left_untrained)) == (1336, 0, 311, 262)
    expect = in_scope - before - len(trained) - len(left_untrained)
    cur = resolved.roster[resolved.roster["cohort"] == "current"]
    waiting = cur[~cur["reported"]]
    assert len(waiting) == expect == 763
    assert resolved.summary["trained_in_ledger_current"] == 311
    assert resolved.summary["restart_month"] == T0


def test_example_caps_and_budget(example_baseline, default_scenario, example_state, resolved):
    check_caps(resolved, example_baseline, default_scenario, T0)
    # Under a yearly budget the classes held that year come off it.
    sc = default_scenario.with_overrides({"training.yearly_budget_yuan": 1_500_000.0})
    plan = plan_training(example_baseline, sc, ledger=example_state, diagnose=False)
    check_caps(plan, example_baseline, sc, T0)
    held = plan.classes[plan.classes["held"]]
    spent_2015 = held.loc[held["month"] > 12, "cost_yuan"].sum()
    assert plan.cost.loc[1, "spent_yuan"] == pytest.approx(spent_2015) == 235_100.0
    assert plan.summary["spent_yuan"] == pytest.approx(held["cost_yuan"].sum()) == 1_402_000.0
    # 2015-2018 left: four budgets less 235,100 spent in 2015.
    assert plan.summary["remaining_budget_yuan"] == pytest.approx(4 * 1_500_000 - 235_100)


def test_example_infeasible_diagnosis_on_resolved(
    resolved, example_baseline, default_scenario, example_state
):
    """New secretaries appointed early in 2014 were not trained by 2015Q1 and the bases are
    shut from April to October: they are late whatever is done, so the re-solved plan is
    infeasible; the diagnosis of the re-solved programme names a fix that works on it."""
    assert not resolved.feasible
    d = resolved.diagnosis
    assert d is not None and d.shortfall == resolved.summary["shortfall"] > 0
    late = resolved.roster[resolved.roster["status"] == "late"]
    assert d.shortfall == len(late)
    # Every waiting new secretary appointed by October 2014 is due by month 22, before the
    # first open month (November 2015): all of them are late, and only they among the new.
    r = resolved.roster
    early = r[(r["cohort"] == "new") & (r["appointed_month"] <= 10) & ~r["reported"]]
    assert (early["status"] == "late").all() and d.shortfall_new == len(early) == 136
    fix = d.fixes[0]
    again = plan_training(
        example_baseline,
        default_scenario.with_overrides(fix.overrides),
        ledger=example_state,
        diagnose=False,
    )
    assert again.feasible and again.summary["shortfall"] == 0


def test_deterministic(example_baseline, default_scenario, example_state, resolved):
    again = plan_training(example_baseline, default_scenario, ledger=example_state)
    pd.testing.assert_frame_equal(again.roster, resolved.roster)
    pd.testing.assert_frame_equal(again.classes, resolved.classes)
