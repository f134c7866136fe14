"""Training rules on hand-sized cases: who must be trained, the Spring Festival break, the
class minimum and the fixed cost per class."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from test_training import tiny_baseline, tiny_scenario

from planning.errors import ScenarioError
from planning.models.training import free_days, plan_training, spring_festival

ALL_MONTHS = tuple(range(1, 13))


def base(**kw) -> dict:
    return dict(base_id="B1", seats=10, price=1000.0, months=ALL_MONTHS, k=1) | kw


# ----------------------------------------------------------------------- who must be trained


def leaving_case(reading: str, election_month: int = 2):
    """10 secretaries, none trained; at the election one of them is replaced."""
    b = tiny_baseline({"A": 10}, bases=[base()])
    s = tiny_scenario(
        absence_cap_share=1.0,
        election_month=election_month,
        election_term_years=5,
        election_replacement_share=0.1,
        who_must_be_trained=reading,
    )
    return plan_training(b, s)


def test_a_secretary_who_leaves_before_his_class_frees_the_seat():
    plan = leaving_case("holders")
    s = plan.summary
    assert (s["current_untrained"], s["current_leaving"], s["current_to_train"]) == (10, 1, 9)
    r = plan.roster.set_index("secretary_id")
    # The last in the roster's order (shortest tenure) waits in reserve: no seat, no class.
    assert r.loc["SA009", "status"] == "reserve" and pd.isna(r.loc["SA009", "class_id"])
    assert (r.loc[[f"SA{i:03d}" for i in range(9)], "status"] == "on_time").all()
    # The new secretary appointed in February 2014 is trained within his own window.
    assert r.loc["NEW-A-2014-02-001", "status"] == "on_time"
    assert s["seats_used"] == 9 + 1 and s["cost_yuan"] == 10 * 1000
    # Who must be trained by the deadline (June): the 9 who stay; the new one is due in 2015.
    at = plan.coverage.set_index("month").loc[6]
    assert (at["current_total"], at["current_trained"], at["current_share"]) == (9, 9, 1.0)
    assert plan.feasible


def test_the_cohort_reading_trains_the_secretary_who_left():
    plan = leaving_case("cohort")
    s = plan.summary
    assert (s["current_leaving"], s["current_to_train"], s["seats_used"]) == (0, 10, 11)
    assert not (plan.roster["status"] == "reserve").any()
    assert plan.coverage.set_index("month").loc[6, "current_total"] == 10


def test_a_departure_after_the_deadline_frees_no_seat():
    # The election falls in August, after the June deadline: all ten must be trained.
    plan = leaving_case("holders", election_month=8)
    assert plan.summary["current_leaving"] == 0 and plan.summary["current_to_train"] == 10


def test_an_earlier_course_counts_only_if_it_was_the_special_course():
    b = tiny_baseline({"A": 10}, {"A": 4}, [base()])
    plain = dataclasses.replace(b, secretaries=b.secretaries.assign(special_course=False))
    s = tiny_scenario(absence_cap_share=1.0)
    assert plan_training(b, s).summary["current_to_train"] == 6
    assert plan_training(plain, s).summary["current_to_train"] == 10


# ----------------------------------------------------------------------- Spring Festival


def test_spring_festival_dates_from_the_lunar_calendar():
    assert spring_festival(2015) == dt.date(2015, 2, 19)
    assert spring_festival(2014) == dt.date(2014, 1, 31)
    # 2015: the fortnight is 12-25 February; January is untouched.
    assert free_days(2015, 2, 7, 6) == (((1, 31),), ((1, 11), (26, 28)))
    # 2014: the break spans the turn of the month (24 January - 6 February).
    assert free_days(2014, 2, 7, 6) == (((1, 23),), ((7, 28),))


def test_no_class_in_the_festival_fortnight():
    # One base that teaches only in February, in 2015: the class runs in the free days
    # before the break, in the middle of those where a 5-day class fits (1-7 February).
    b = tiny_baseline({"A": 5}, bases=[base(months=(2,), days=5)])
    s = tiny_scenario(absence_cap_share=1.0, deadline_month=2)
    s = s.with_overrides({"run.start_year": 2015, "run.plan_issued": "2014-09"})
    plan = plan_training(b, s)
    cls = plan.classes.iloc[0]
    assert (cls["start"], cls["end"]) == (dt.datetime(2015, 2, 4), dt.datetime(2015, 2, 8))
    assert plan.roster["start"].max() < dt.datetime(2015, 2, 12)


def test_a_class_too_long_for_the_free_days_waits_a_year():
    # 12 days do not fit in 1-11 February 2015 nor in 26-28 February: no class that month;
    # in 2016 the festival is on 8 February and 15-29 February are free.
    b = tiny_baseline({"A": 5}, bases=[base(months=(2,), days=12)])
    s = tiny_scenario(absence_cap_share=1.0, deadline_month=14)
    s = s.with_overrides({"run.start_year": 2015, "run.plan_issued": "2014-09"})
    plan = plan_training(b, s)
    assert plan.classes["month"].tolist() == [14]
    cls = plan.classes.iloc[0]
    assert cls["start"] > dt.datetime(2016, 2, 14) and cls["end"] <= dt.datetime(2016, 2, 29)
    # Without the break the class runs in February 2015.
    s0 = s.with_overrides({"training.festival_days_before": 0, "training.festival_days_after": 0})
    assert plan_training(b, s0).classes["month"].tolist() == [2]


def test_plan_years_outside_the_lunar_calendar_are_refused():
    b = tiny_baseline({"A": 5}, bases=[base()])
    s = tiny_scenario().with_overrides({"run.start_year": 2097, "run.plan_issued": "2096-09"})
    with pytest.raises(ScenarioError, match="Spring Festival dates are known for 1900-2098"):
        plan_training(b, s)


# ----------------------------------------------------------------------- class minimum


def test_no_class_below_the_minimum():
    # 23 to train, 12 seats a month at most (cap), classes of 10 at least: 12 + 11 in two
    # months, never a class of 3.
    b = tiny_baseline({"A": 23}, bases=[base(seats=20, min=10)])
    plan = plan_training(b, tiny_scenario(absence_cap_share=12 / 23))
    assert plan.feasible
    assert sorted(plan.classes["seats_used"].tolist()) == [11, 12]
    assert plan.summary["smallest_class"] == 11


def test_a_minimum_above_what_can_gather_is_named_with_its_least_fix():
    # 20 secretaries, at most 4 away a month: a class of at least 5 can never gather.
    b = tiny_baseline({"A": 20}, bases=[base(min=5)])
    plan = plan_training(b, tiny_scenario())
    assert not plan.feasible and plan.classes.empty
    d = plan.diagnosis
    assert d.shortfall == 20 and "class_size" in d.binding
    assert d.fix("class_size").overrides == {"training.min_class_size": 4}
    assert plan_training(b, tiny_scenario(min_class_size=4)).feasible
    assert d.fix("absence_cap").proposed == 0.25  # 5 a month: a class of 5 gathers
    assert "lower the smallest class allowed from 5 to 4 trainees" in d.describe()
    assert "将每期最少学员从5人降至4人" in d.describe("zh")


def test_the_scenario_minimum_replaces_each_base_minimum():
    b = tiny_baseline({"A": 20}, bases=[base(min=2)])
    assert plan_training(b, tiny_scenario(min_class_size=5)).summary["shortfall"] == 20
    # A minimum above the seats means full classes: 20 in two full classes of 10.
    full = plan_training(b, tiny_scenario(min_class_size=50, absence_cap_share=0.5))
    assert full.classes["seats_used"].tolist() == [10, 10]


# ----------------------------------------------------------------------- fixed cost


def test_fixed_cost_counted_once_per_class():
    # 15 trainees in one month: two classes of 10 seats, each 5,000 yuan whatever its size.
    b = tiny_baseline({"A": 15}, bases=[base(k=2, fixed=5000.0)])
    plan = plan_training(b, tiny_scenario(absence_cap_share=1.0, deadline_month=1))
    assert plan.classes["seats_used"].sum() == 15 and len(plan.classes) == 2
    assert plan.summary["cost_yuan"] == 15 * 1000 + 2 * 5000
    assert plan.cost.loc[0, "fixed_cost_yuan"] == 2 * 5000 and plan.cost.loc[0, "classes"] == 2
    # The counties' seats carry the classes' fixed cost, shared by seats.
    assert plan.seats["cost_yuan"].sum() == plan.summary["cost_yuan"]


def test_fixed_cost_can_make_the_dearer_seat_the_cheaper_class():
    # 15 trainees: B1 costs 15 x 1,000 + 9,000 = 24,000; B2 15 x 1,100 = 16,500.
    bases = [base(seats=20, fixed=9000.0), base(base_id="B2", seats=20, price=1100.0)]
    b = tiny_baseline({"A": 15}, bases=bases)
    plan = plan_training(b, tiny_scenario(absence_cap_share=1.0, deadline_month=1))
    assert plan.classes["base_id"].tolist() == ["B2"]
    assert plan.summary["cost_yuan"] == 16_500


def test_fixed_cost_counts_in_the_budget():
    # 15 trainees, 5,000 yuan a class: 12,000 a year buys one class of 7 (7,000 + 5,000).
    b = tiny_baseline({"A": 15}, bases=[base(fixed=5000.0)])
    s = tiny_scenario(absence_cap_share=1.0, deadline_month=12, yearly_budget_yuan=12_000)
    plan = plan_training(b, s)
    assert plan.cost.loc[0, "trainees"] == 7 and plan.cost.loc[0, "cost_yuan"] == 12_000
    fix = plan.diagnosis.fix("budget")
    assert fix.proposed == 15 * 1000 + 2 * 5000  # two classes in the one year
