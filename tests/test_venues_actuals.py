"""Venue plan from the reported state: projects completed or under way fixed, the rest
re-planned under what is left of the budget; continuity with the plan's own schedule."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from planning.ledger import LedgerState
from planning.models.venues import _rules, plan_venues, work_months

VENUE_COLS = ("county_id", "period", "venue_id", "event", "month", "tier_reached", "owned",
              "cost_yuan")  # fmt: skip


def month_text(m: int, start_year: int = 2014) -> str:
    return f"{start_year + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}"


def make_state(baseline, t0: int, venue_rows: list[tuple], start_year: int = 2014):
    """A reported state up to plan month ``t0`` with these venue rows and nothing else."""
    end = pd.Period(month_text(t0, start_year), "M").end_time.normalize()
    returns = pd.DataFrame(
        {
            "county_id": list(baseline.county_ids),
            "period": "P",
            "period_start": pd.Timestamp(f"{start_year}-01-01"),
            "period_end": end,
        }
    )
    cols = {
        "trained": ("county_id", "period", "secretary_id", "class_ref"),
        "classes": (
            "county_id",
            "period",
            "class_ref",
            "base_id",
            "month",
            "days",
            "special_course",
        ),  # fmt: skip
        "secretaries": ("county_id", "period", "secretary_id", "village_id", "change", "month"),
        "subsidies": (
            "county_id",
            "period",
            "month",
            "secretaries_paid",
            "basic_yuan",
            "performance_yuan",
        ),  # fmt: skip
    }
    tables = {k: pd.DataFrame({c: [] for c in v}) for k, v in cols.items()}
    tables["venues"] = pd.DataFrame(venue_rows, columns=list(VENUE_COLS))
    return LedgerState(datetime(2016, 1, 1), returns, tables)


def rows_from_plan(plan, baseline, scenario, t0: int) -> list[tuple]:
    """Venue rows saying exactly what the plan scheduled up to ``t0``: a start with the stage
    payments made by then, a completion (tier, owned) with the rest when it finished."""
    out = []
    for frame, key, village in ((plan.communities, "community_id", False),
                                (plan.villages, "village_id", True)):  # fmt: skip
        rules = _rules(baseline, scenario, village=village)
        for r in frame[frame["start_month"].notna()].itertuples():
            s = int(r.start_month)
            if s > t0:
                continue
            months = work_months(s, rules)
            paid = r.cost_yuan * sum(m <= t0 for m in months) / len(months)
            vid = getattr(r, key)
            out.append((r.county_id, "P", vid, "started", month_text(s), None, None, paid))
            if int(r.finish_month) <= t0:
                tier = "village" if village else r.to_tier
                owned = "no" if r.ownership_route == "kept_rented" else "yes"
                out.append((r.county_id, "P", vid, "completed", month_text(int(r.finish_month)),
                            tier, owned, r.cost_yuan - paid))  # fmt: skip
    return out


@pytest.fixture(scope="module")
def plain(example_baseline, default_scenario):
    return plan_venues(example_baseline, default_scenario)


@pytest.fixture(scope="module")
def example_state(example_ledger):
    return example_ledger.as_of("2015-06")


@pytest.fixture(scope="module")
def replanned(example_baseline, default_scenario, example_state):
    return plan_venues(example_baseline, default_scenario, ledger=example_state)


def same_plan(a, b) -> None:
    cols = ["community_id", "to_tier", "ownership_route", "start_month", "finish_month"]
    pd.testing.assert_frame_equal(a.communities[cols], b.communities[cols])
    assert a.communities["cost_yuan"].to_numpy() == pytest.approx(b.communities["cost_yuan"])
    vcols = ["village_id", "start_month", "finish_month"]
    pd.testing.assert_frame_equal(a.villages[vcols], b.villages[vcols])
    for x, y in ((a.spending_by_year, b.spending_by_year),
                 (a.village_spending_by_year, b.village_spending_by_year),
                 (a.spending, b.spending)):  # fmt: skip
        assert x["spent_yuan"].to_numpy() == pytest.approx(y["spent_yuan"].to_numpy())
    assert (a.met_month, a.feasible, a.village_met_month) == (
        b.met_month, b.feasible, b.village_met_month,
    )  # fmt: skip
    pd.testing.assert_frame_equal(a.target_check, b.target_check)


@pytest.mark.parametrize("t0", [15, 18])
def test_continuity_plan_own_schedule(plain, example_baseline, default_scenario, t0):
    """The returns report exactly the plan's own projects up to ``t0`` (at 18 = June 2015
    some are under way): the re-plan keeps the same tiers, months and spending."""
    rows = rows_from_plan(plain, example_baseline, default_scenario, t0)
    state = make_state(example_baseline, t0, rows)
    again = plan_venues(example_baseline, default_scenario, ledger=state)
    same_plan(again, plain)
    rep = again.reported
    assert rep["restart_month"] == t0
    going = again.communities[again.communities["state"] == "under_way"]
    if t0 == 18:
        assert rep["under_way"] == len(going) > 0
        assert (going["start_month"] <= 18).all() and (going["finish_month"] > 18).all()
    spent = sum(r[-1] for r in rows if r[2].startswith("M"))
    assert rep["spent_yuan"] == pytest.approx(spent)
    total = again.spending_by_year["spent_yuan"].sum()
    assert rep["spent_yuan"] + rep["committed_yuan"] + rep["planned_yuan"] == pytest.approx(total)


def test_completed_keeps_reported_tier(plain, example_baseline, default_scenario):
    """A community the plan would make a demonstration venue later is reported completed at
    standard in October 2014: it stays standard, keeps its months and reported cost, and
    another community takes its place in the 40 % demonstration share."""
    com = plain.communities
    pick = com[(com["to_tier"] == "demonstration") & (com["start_month"] > 15)
               & (com["from_tier"] == "below")].iloc[0]  # fmt: skip
    rows = [
        (pick.county_id, "P", pick.community_id, "started", "2014-08", None, None, 100_000.0),
        (pick.county_id, "P", pick.community_id, "completed", "2014-10", "standard", "yes",
         150_000.0),
    ]  # fmt: skip
    state = make_state(example_baseline, 15, rows)
    plan = plan_venues(example_baseline, default_scenario, ledger=state)
    row = plan.communities.set_index("community_id").loc[pick.community_id]
    assert row["to_tier"] == "standard" and row["state"] == "completed"
    assert (row["start_month"], row["finish_month"]) == (8, 10)
    assert row["cost_yuan"] == 250_000.0
    demo = (plan.communities["to_tier"] == "demonstration").sum()
    assert demo == (plain.communities["to_tier"] == "demonstration").sum()
    assert plan.reported["spent_yuan"] == 250_000.0
    assert plan.spending_by_year.loc[0, "reported_yuan"] == 250_000.0
    # Nothing re-planned starts before the restart.
    others = plan.communities[plan.communities["state"] == "planned"]
    assert (others["start_month"].dropna() > 15).all()


def test_under_way_cannot_be_dropped(example_baseline, default_scenario, plain):
    """A project started in May 2015 (month 17) and reported at month 17 finishes after its
    three building months (July, month 19) and pays the rest then."""
    com = plain.communities
    pick = com[com["project"] & (com["start_month"] > 20)].iloc[0]
    rows = [(pick.county_id, "P", pick.community_id, "started", "2015-05", None, None, 1000.0)]
    plan = plan_venues(example_baseline, default_scenario, ledger=make_state(
        example_baseline, 17, rows))  # fmt: skip
    row = plan.communities.set_index("community_id").loc[pick.community_id]
    assert row["state"] == "under_way" and bool(row["project"])
    assert (row["start_month"], row["finish_month"]) == (17, 19)
    assert plan.reported["committed_yuan"] == pytest.approx(max(pick.cost_yuan, 1000.0) - 1000.0)


def test_spending_within_budget(example_baseline, default_scenario, example_state):
    """Reported plus re-planned spending stays within each year's budget from the restart's
    year on, for the plan's budgets and for tighter ones."""
    for com_b, vil_b in ((None, None), (15e6, 20e6)):
        sc = default_scenario
        if com_b:
            sc = sc.with_overrides({"venues.yearly_budget_yuan": com_b,
                                    "venues.village_yearly_budget_yuan": vil_b})  # fmt: skip
        plan = plan_venues(example_baseline, sc, ledger=example_state)
        for by in (plan.spending_by_year, plan.village_spending_by_year):
            later = by.iloc[1:]  # 2015 on (restart after March 2015)
            assert (later["spent_yuan"] <= later["budget_yuan"] + 1e-3).all()
        done = plan.communities[plan.communities["state"] == "completed"]
        assert len(done) == 27
    # With county pots: each county's reported and re-planned spending within its share.
    shares = {c: 0.1 for c in example_baseline.county_ids}
    sc = default_scenario.with_overrides({"venues.county_budget_shares": shares})
    plan = plan_venues(example_baseline, sc, ledger=example_state)
    later = plan.spending[plan.spending["year"] >= 2015]
    assert (later["budget_yuan"] == 2.4e6).all()
    assert (later["spent_yuan"] <= later["budget_yuan"] + 1e-3).all()
    assert plan.spending["reported_yuan"].sum() == pytest.approx(plan.reported["spent_yuan"])


def test_example_city(replanned, example_state, example_baseline):
    """Example City as of 2015-06, hand-counted from the ledger's venue frame."""
    v = example_state.table("venues")
    com_ids = set(example_baseline.communities["community_id"])
    is_com = v["venue_id"].isin(com_ids)
    done = v[(v["event"] == "completed") & is_com].set_index("venue_id")
    rep = replanned.reported
    assert rep["restart_month"] == 15
    assert (rep["completed"], rep["under_way"]) == (len(done), 0) == (27, 0)
    assert (rep["village_completed"], rep["village_under_way"]) == (286, 0)
    spent = float(v.loc[is_com, "cost_yuan"].sum())
    assert rep["spent_yuan"] == pytest.approx(spent) == 23_859_320.0
    assert rep["village_spent_yuan"] == pytest.approx(float(v.loc[~is_com, "cost_yuan"].sum()))
    # Nothing reported in 2015-2018: four whole yearly budgets are left.
    assert rep["remaining_budget_yuan"] == 4 * 24e6
    assert rep["village_remaining_budget_yuan"] == 4 * 40e6
    c = replanned.communities.set_index("community_id").loc[done.index]
    assert (c["to_tier"] == done["tier_reached"]).all()
    finish = [(int(m[:4]) - 2014) * 12 + int(m[5:]) for m in done["month"]]
    assert (c["finish_month"].to_numpy(int) == np.array(finish)).all()
    assert (c["state"] == "completed").all()
    by = replanned.spending_by_year
    assert by.loc[0, "reported_yuan"] == pytest.approx(spent)
    assert (by.loc[1:, "reported_yuan"] == 0).all()


def test_no_ledger_unchanged(plain):
    assert plain.reported == {} and "state" not in plain.communities
    assert "reported_yuan" not in plain.spending_by_year
