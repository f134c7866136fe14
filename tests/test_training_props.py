"""Training rotation: invariants on random small cities (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_training import tiny_baseline

from planning.models.training import _new_cohorts, plan_training, spring_festival
from planning.scenario import load_scenario

LEVELS = [0.0, 0.1, 0.3, 0.6, 1.0]


@st.composite
def instances(draw):
    n_counties = draw(st.integers(1, 3))
    counties = {f"C{i}": draw(st.integers(1, 15)) for i in range(n_counties)}
    trained = {c: draw(st.integers(0, n)) for c, n in counties.items()}
    key = {c: draw(st.integers(0, 3)) for c in counties}
    bases = []
    for i in range(draw(st.integers(1, 2))):
        months = draw(st.sets(st.integers(1, 12), min_size=1, max_size=12))
        bases.append(
            dict(
                base_id=f"B{i}",
                seats=draw(st.integers(1, 12)),
                price=float(draw(st.sampled_from([500, 800, 1000]))),
                months=tuple(sorted(months)),
                k=draw(st.integers(0, 2)),
                days=draw(st.integers(1, 31)),
                min=draw(st.sampled_from([1, 1, 2, 5])),
                fixed=float(draw(st.sampled_from([0, 0, 2000]))),
            )
        )
    avail = draw(st.lists(st.sampled_from(LEVELS), min_size=12, max_size=12))
    budget = draw(st.one_of(st.none(), st.integers(1, 30).map(lambda k: 1000.0 * k)))
    overrides = {
        "training.deadline_month": draw(st.integers(1, 24)),
        "training.absence_cap_share": draw(st.sampled_from([0.05, 0.1, 0.2, 0.5])),
        "training.yearly_churn": draw(st.sampled_from([0.0, 0.1, 0.3])),
        "training.election_month": draw(st.integers(1, 24)),
        "training.election_replacement_share": draw(st.sampled_from([0.0, 0.2, 0.5])),
        "training.new_secretary_window_months": draw(st.integers(1, 12)),
        "training.yearly_budget_yuan": budget,
        "training.cap_follows_calendar": draw(st.booleans()),
        "training.classes_per_month_scale": draw(st.sampled_from([0.5, 1.0, 2.0])),
        "training.roster_priority": draw(st.sampled_from(["key_then_tenure", "tenure", "village"])),
        "training.who_must_be_trained": draw(st.sampled_from(["holders", "cohort"])),
        "training.festival_days_before": draw(st.sampled_from([0, 7, 20])),
        "training.festival_days_after": draw(st.sampled_from([0, 6, 20])),
    }
    b = tiny_baseline(counties, trained, bases, avail, key)
    return b, load_scenario(None, overrides)


def check_invariants(b, s, plan) -> None:
    tr = s.training
    bases = b.training_bases.set_index("base_id")
    cal = b.calendar.set_index("month")["availability"]
    cls = plan.classes
    # Capacity never exceeded, never below the minimum; seats per class add up.
    assert (cls["seats_used"] <= cls["capacity"]).all()
    # The scenario's own least class size, when set, replaces every base's (a diagnosis'
    # class-size fix sets it).
    base_least = bases.loc[cls["base_id"], "min_class_size"].to_numpy()
    if tr.min_class_size:
        base_least = np.full(len(cls), tr.min_class_size)
    least = np.minimum(base_least, cls["capacity"].to_numpy())
    assert (cls["seats_used"].to_numpy() >= np.maximum(least, 1)).all()
    # Each class costs its seats and its fixed cost once.
    price = bases.loc[cls["base_id"], "cost_per_trainee_yuan"].to_numpy()
    fixed = bases.loc[cls["base_id"], "cost_per_class_yuan"].to_numpy()
    assert np.allclose(cls["cost_yuan"], cls["seats_used"] * price + fixed)
    # No class day inside the Spring Festival break.
    for start, end in zip(cls["start"], cls["end"], strict=True):
        for year in {start.year, end.year, start.year + 1}:
            f = pd.Timestamp(spring_festival(year))
            first = f - pd.Timedelta(days=tr.festival_days_before)
            last = f + pd.Timedelta(days=tr.festival_days_after)
            assert end < first or start > last, (start, end, f)
    per_class = plan.seats.groupby("class_id")["seats"].sum()
    assert per_class.reindex(cls["class_id"]).tolist() == cls["seats_used"].tolist()
    # No class in a blackout month or outside the base's months; at most the allowed number.
    moy = (cls["month"] - 1) % 12 + 1
    a = cal.loc[moy].to_numpy()
    assert ((a >= tr.blackout_below) & (a > 0)).all()
    assert all(
        m in bases.loc[bid, "months_allowed"] for bid, m in zip(cls["base_id"], moy, strict=True)
    )
    n_cls = cls.groupby(["base_id", "month"]).size()
    kmax = bases.loc[n_cls.index.get_level_values(0), "max_classes_per_month"].to_numpy()
    limit = np.floor(kmax * tr.classes_per_month_scale + 1e-9)
    # Classes beyond the monthly limit are only the extra classes bought for that base-year.
    over = pd.Series(np.maximum(n_cls.to_numpy() - limit, 0), index=n_cls.index)
    year = s.run.start_year + (over.index.get_level_values("month") - 1) // 12
    over_by_year = over.groupby([over.index.get_level_values("base_id"), year]).sum()
    for (bid, y), n in over_by_year.items():
        assert n <= tr.extra_classes.get(f"{bid}:{y}", 0), (bid, y, n)
    assert (cls["start"].dt.month == moy).all() and (cls["end"].dt.month == moy).all()
    # Every county under its cap every month.
    away = plan.away
    share = np.minimum(tr.absence_cap_share, cal.loc[(away["month"] - 1) % 12 + 1].to_numpy())
    if tr.cap_follows_calendar:
        share = tr.absence_cap_share * cal.loc[(away["month"] - 1) % 12 + 1].to_numpy()
    cap = np.floor(away["secretaries"].to_numpy() * share + 1e-9)
    assert (away["away"].to_numpy() <= cap).all()
    # Budget never exceeded.
    if tr.yearly_budget_yuan is not None:
        assert (plan.cost["cost_yuan"] <= tr.yearly_budget_yuan + 1e-6).all()
    assert math.isclose(plan.cost["cost_yuan"].sum(), cls["cost_yuan"].sum())
    # Everyone in the roster exactly once: the untrained plan-start secretaries and the new
    # secretaries whose due month falls inside the horizon.
    r = plan.roster
    assert r["secretary_id"].is_unique
    secs = b.secretaries
    untrained = set(
        secs.loc[~(secs["trained_out_of_town"] & secs["special_course"]), "secretary_id"]
    )
    assert set(r.loc[r["cohort"] == "current", "secretary_id"]) == untrained
    # Holders: each secretary in post at plan start who leaves before the deadline while
    # someone waits frees one seat; cohort: nobody's seat is freed.
    reserve = r["status"] == "reserve"
    assert reserve.sum() == plan.summary["current_leaving"]
    assert (r.loc[reserve, "cohort"] == "current").all() and r.loc[reserve, "month"].isna().all()
    if tr.who_must_be_trained == "cohort":
        assert not reserve.any()
    counts = secs["secretary_id"].str[1:-3].value_counts().reindex(b.county_ids).to_numpy()
    new = _new_cohorts(counts, s)
    appointed = np.arange(1, s.run.months + 1)
    due_inside = appointed + tr.new_secretary_window_months <= s.run.months
    assert (r["cohort"] == "new").sum() == new[:, due_inside].sum()
    # Roster agrees with the seats, and nobody trains before taking office.
    got = r.dropna(subset=["class_id"]).groupby(["class_id", "county_id"]).size()
    want = plan.seats.set_index(["class_id", "county_id"])["seats"]
    assert got.sort_index().tolist() == want.sort_index().tolist()
    trained = r.dropna(subset=["month"])
    assert (trained["month"] > trained["appointed_month"]).all()
    # Deadlines met whenever the plan says feasible; statuses agree with months.
    on_time = trained["month"] <= trained["due_month"]
    assert (trained.loc[on_time, "status"] == "on_time").all()
    assert (trained.loc[~on_time, "status"] == "late").all()
    seated = r[~reserve]
    if plan.feasible:
        assert (seated["status"] == "on_time").all() and plan.diagnosis is None
        at = plan.coverage.loc[plan.coverage["month"] == min(tr.deadline_month, s.run.months)]
        assert at["current_share"].item() == 1.0
    else:
        assert (seated["status"] != "on_time").sum() == plan.summary["shortfall"] > 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_invariants_on_random_cities(case):
    b, s = case
    plan = plan_training(b, s, diagnose=False)
    check_invariants(b, s, plan)
    # Deterministic: the same inputs give the same roster.
    again = plan_training(b, s, diagnose=False)
    assert again.roster.equals(plan.roster) and again.classes.equals(plan.classes)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_every_proposed_fix_makes_the_plan_feasible(case):
    b, s = case
    plan = plan_training(b, s)
    if plan.feasible:
        return
    d = plan.diagnosis
    assert d.shortfall == plan.summary["shortfall"]
    assert set(d.binding) | set(d.blocked) == {
        "seats",
        "class_size",
        "calendar",
        "absence_cap",
        "budget",
        "deadline",
    }
    for fix in d.fixes:
        fixed = s.with_overrides(fix.overrides)
        again = plan_training(b, fixed, diagnose=False)
        assert again.feasible, fix
        check_invariants(b, fixed, again)
