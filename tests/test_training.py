"""Training rotation scheduler: hand-computed optimum, diagnosis, roster, export, determinism."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from planning.data import Baseline
from planning.errors import DataError, ScenarioError
from planning.models.training import (
    _new_cohorts,
    plan_training,
    spring_festival,
    write_roster_csv,
    write_roster_excel,
)
from planning.scenario import load_scenario
from planning.tables import TABLES

FLAT = [1.0] * 12


def tiny_baseline(
    counties: dict[str, int],
    trained: dict[str, int] | None = None,
    bases: list[dict] | None = None,
    availability: list[float] = FLAT,
    key: dict[str, int] | None = None,
) -> Baseline:
    """A hand-built city: ``counties`` maps county id -> number of villages (one secretary
    each); the first ``trained[c]`` secretaries of a county are already trained, the first
    ``key[c]`` untrained ones are key secretaries; tenure falls with the secretary number."""
    trained, key = trained or {}, key or {}
    empty = {t.name: pd.DataFrame({c: [] for c in t.column_names}) for t in TABLES}
    cty = pd.DataFrame({"county_id": list(counties), "name": list(counties)})
    town = pd.DataFrame(
        {"township_id": [f"T{c}" for c in counties], "county_id": list(counties), "name": "t"}
    )
    vil, sec = [], []
    for c, n in counties.items():
        for i in range(n):
            vid = f"V{c}{i:03d}"
            vil.append({"village_id": vid, "township_id": f"T{c}"})
            done = i < trained.get(c, 0)
            sec.append(
                {
                    "secretary_id": f"S{c}{i:03d}",
                    "village_id": vid,
                    "tenure_years": float(30 - i),
                    "trained_out_of_town": done,
                    "key_secretary": (not done) and i < trained.get(c, 0) + key.get(c, 0),
                    "special_course": done,
                }
            )
    bases = bases or [dict(base_id="B1", seats=10, price=1000.0, months=tuple(range(1, 13)), k=1)]
    tb = pd.DataFrame(
        {
            "base_id": [b["base_id"] for b in bases],
            "name": [f"Base {b['base_id']}" for b in bases],
            "out_of_town": [b.get("out_of_town", True) for b in bases],
            "seats_per_class": [b["seats"] for b in bases],
            "class_days": [b.get("days", 5) for b in bases],
            "cost_per_trainee_yuan": [b["price"] for b in bases],
            "months_allowed": [b["months"] for b in bases],
            "max_classes_per_month": [b["k"] for b in bases],
            "min_class_size": [b.get("min", 1) for b in bases],
            "cost_per_class_yuan": [b.get("fixed", 0.0) for b in bases],
        }
    )
    cal = pd.DataFrame({"month": range(1, 13), "availability": availability, "note": ""})
    return dataclasses.replace(
        Baseline(**empty),
        counties=cty,
        townships=town,
        villages=pd.DataFrame(vil),
        secretaries=pd.DataFrame(sec),
        training_bases=tb,
        calendar=cal,
    )


def tiny_scenario(**training) -> object:
    """Five plan years (the default), no turnover, 20 % absence cap, deadline month 6 unless overridden."""
    base = {
        "training.deadline_month": 6,
        "training.yearly_churn": 0.0,
        "training.election_replacement_share": 0.0,
        "training.absence_cap_share": 0.2,
    }
    base.update({f"training.{k}": v for k, v in training.items()})
    return load_scenario(None, base)


# March (availability 0.2) is a blackout month under the default 0.25 threshold.
CAL = [1.0, 1.0, 0.2] + [1.0] * 9
TWO_BASES = [
    dict(base_id="B1", seats=10, price=1000.0, months=tuple(range(1, 13)), k=1),
    dict(base_id="B2", seats=5, price=800.0, months=(1, 2), k=1),
]


@pytest.fixture(scope="module")
def hand():
    """2 counties, 2 bases, 6 months: A has 20 untrained (cap 4 a month), B 5 of 10 (cap 2)."""
    b = tiny_baseline({"A": 20, "B": 10}, {"B": 5}, TWO_BASES, CAL, key={"A": 3})
    return b, plan_training(b, tiny_scenario())


def test_hand_case_optimum_number_by_number(hand):
    _, plan = hand
    # Open months 1, 2, 4, 5, 6 (March is blacked out). A can send 4 a month, so it must
    # send 4 in each of the 5 open months; B's 5 go as early as the cap of 2 allows.
    assert plan.feasible and plan.diagnosis is None
    away = plan.away.pivot(index="county_id", columns="month", values="away")
    assert away.loc["A", 1:6].tolist() == [4, 4, 0, 4, 4, 4]
    assert away.loc["B", 1:6].tolist() == [2, 2, 0, 1, 0, 0]
    # Least cost: the cheaper base B2 (800 yuan, 5 seats, January-February) is filled first.
    got = plan.classes[["base_id", "month", "seats_used", "capacity"]].values.tolist()
    assert got == [
        ["B1", 1, 1, 10],
        ["B2", 1, 5, 5],
        ["B1", 2, 1, 10],
        ["B2", 2, 5, 5],
        ["B1", 4, 5, 10],
        ["B1", 5, 4, 10],
        ["B1", 6, 4, 10],
    ]
    assert plan.summary["cost_yuan"] == 10 * 800 + 15 * 1000 == 23_000
    assert plan.cost.loc[0, "cost_yuan"] == 23_000
    assert plan.summary["stages"]["early"] == 1 * 6 + 2 * 6 + 4 * 5 + 5 * 4 + 6 * 4
    # Coverage of the plan-start secretaries: 5 trained before, +6, +6, 0, +5, +4, +4.
    cov = plan.coverage.set_index("month")["current_trained"]
    assert cov.loc[1:6].tolist() == [11, 17, 17, 22, 26, 30]
    assert plan.coverage.loc[5, "current_share"] == 1.0


def test_hand_case_roster(hand):
    _, plan = hand
    r = plan.roster
    assert len(r) == 25 and r["secretary_id"].is_unique
    assert (r["status"] == "on_time").all()
    # A's three key secretaries, then the longest-serving, take January's seats.
    jan_a = r[(r["county_id"] == "A") & (r["month"] == 1)]["secretary_id"].tolist()
    assert sorted(jan_a) == ["SA000", "SA001", "SA002", "SA003"]
    assert r.loc[r["secretary_id"] == "SA019", "month"].item() == 6
    # Seats per class and county agree with the roster.
    n = r.groupby(["class_id", "county_id"]).size()
    s = plan.seats.set_index(["class_id", "county_id"])["seats"]
    assert n.sort_index().tolist() == s.sort_index().tolist()
    # Already trained secretaries are not in the roster.
    assert not r["secretary_id"].isin([f"SB{i:03d}" for i in range(5)]).any()


def test_roster_priority_tenure_and_village():
    b = tiny_baseline({"A": 10}, bases=[TWO_BASES[0]], key={"A": 0})
    sec = b.secretaries.copy()
    sec["tenure_years"] = [float(i) for i in range(10)]  # S..009 served longest
    sec.loc[9, "key_secretary"] = False
    sec.loc[0, "key_secretary"] = True
    b = dataclasses.replace(b, secretaries=sec)
    first = {}
    for order in ("key_then_tenure", "tenure", "village"):
        p = plan_training(b, tiny_scenario(roster_priority=order))
        jan = p.roster[p.roster["month"] == 1]
        assert len(jan) == 2  # cap: 20 % of 10
        first[order] = sorted(jan["secretary_id"])
    assert first == {
        "key_then_tenure": ["SA000", "SA009"],  # the key secretary, then the longest-serving
        "tenure": ["SA008", "SA009"],
        "village": ["SA000", "SA001"],
    }


def test_new_cohorts_round_on_running_total():
    s = load_scenario(
        None,
        {
            "training.yearly_churn": 0.12,
            "training.election_month": 10,
            "training.election_replacement_share": 0.2,
        },
    )
    new = _new_cohorts(np.array([10, 100]), s)
    assert new.shape == (2, 60)
    # 10 secretaries, 1 % a month: 0.5 accumulates by month 5 (rounded up), 1.5 by month 15.
    assert np.nonzero(new[0])[0].tolist()[:2] == [4, 9]  # month 5, then the election (month 10)
    assert new[0, 9] == 2  # election: 20 % of 10
    # Elections every 3 years: months 10, 46; 20 of 100 replaced.
    assert new[1, 9] == 20 and new[1, 45] == 20
    # Nothing invented or lost: the total equals the rounded expected total.
    expected = 100 * (0.12 / 12 * 58 + 0.2 * 2)
    assert new[1].sum() == round(expected)


def test_new_secretaries_trained_within_window():
    b = tiny_baseline({"A": 20}, {"A": 20})
    s = tiny_scenario(
        election_month=2,
        election_term_years=5,
        election_replacement_share=0.5,
        new_secretary_window_months=3,
    )
    plan = plan_training(b, s)
    r = plan.roster
    assert (r["cohort"] == "new").sum() == 10
    assert r["secretary_id"].iloc[0] == "NEW-A-2014-02-001"
    assert plan.feasible
    # Appointed in month 2, trained in months 3-5, at most 4 a month (20 % cap).
    assert r["month"].between(3, 5).all()
    assert r.groupby("month").size().max() <= 4
    assert (r["due_month"] == 5).all()


# ----------------------------------------------------------------------- infeasible


def test_cap_and_calendar_and_deadline_diagnosis(hand):
    b, _ = hand
    s = tiny_scenario(deadline_month=5)  # A: 20 in months 1, 2, 4, 5 at 4 a month = 16
    plan = plan_training(b, s)
    assert not plan.feasible
    d = plan.diagnosis
    assert (d.shortfall, d.shortfall_current, d.shortfall_new) == (4, 4, 0)
    assert (plan.roster["status"] != "on_time").sum() == 4
    # The best plan still trains the 4 late ones as soon as possible (month 6).
    assert plan.roster.loc[plan.roster["status"] == "late", "month"].tolist() == [6] * 4
    assert d.binding == ("calendar", "absence_cap", "deadline")
    assert d.fix("absence_cap").proposed == 0.25  # 5 of 20 a month
    assert d.fix("calendar").proposed == 0.2  # opens March
    assert d.fix("deadline").overrides == {"training.deadline_month": 6}
    assert d.fix("seats") is None and "seats" in d.blocked and "budget" in d.blocked
    for fix in d.fixes:
        assert plan_training(b, s.with_overrides(fix.overrides)).feasible, fix
    # One point less than the proposed cap is not enough: the fix is the least one.
    assert not plan_training(b, s.with_overrides({"training.absence_cap_share": 0.24})).feasible
    text = d.describe()
    assert text.startswith("4 secretaries cannot be trained by their deadline")
    assert "from 20 % to 25 %" in text and "by 1 month" in text and "(s)" not in text
    assert "25%" in d.describe("zh") and "1个月" in d.describe("zh")


def test_seats_diagnosis_adds_least_classes():
    base = [dict(base_id="B1", seats=3, price=1000.0, months=tuple(range(1, 13)), k=1)]
    b = tiny_baseline({"A": 20, "B": 10}, {"B": 5}, base, CAL)
    s = tiny_scenario()
    plan = plan_training(b, s)
    assert plan.diagnosis.shortfall == 25 - 5 * 3
    fix = plan.diagnosis.fix("seats")
    # A must send 4 in each of the 5 open months (its cap), so every open month needs two
    # classes of 3 seats: 10 classes, of which 5 are allowed; B's 5 fit in the spare seats.
    assert fix.detail["added"] == {"B1:2014": 5}
    assert fix.overrides == {"training.extra_classes": {"B1:2014": 5}}
    assert plan_training(b, s.with_overrides(fix.overrides)).feasible
    short = s.with_overrides({"training.extra_classes": {"B1:2014": 4}})
    assert not plan_training(b, short, diagnose=False).feasible
    assert "add 5 classes in total: 5 classes at base B1 in 2014" in plan.diagnosis.describe()


def test_budget_diagnosis(hand):
    b, _ = hand
    s = tiny_scenario(yearly_budget_yuan=20_000)
    plan = plan_training(b, s)
    assert not plan.feasible
    assert plan.cost["cost_yuan"].max() <= 20_000
    fix = plan.diagnosis.fix("budget")
    assert fix.proposed == 23_000  # the least-cost plan, rounded up to 1,000 yuan
    assert plan_training(b, s.with_overrides(fix.overrides)).feasible
    assert not plan_training(b, s.with_overrides({"training.yearly_budget_yuan": 22_900})).feasible
    # 2014's budget buys 10 seats at 800 and 12 at 1,000: the other 3 wait for January 2015.
    assert plan.diagnosis.fix("deadline").overrides == {"training.deadline_month": 13}
    assert plan.diagnosis.shortfall == 3


def test_no_base_is_short_everything_with_no_seats_fix():
    school = dict(base_id="P", seats=9, price=1.0, months=tuple(range(1, 13)), k=1)
    b = tiny_baseline({"A": 5}, bases=[{**school, "out_of_town": False}])
    plan = plan_training(b, tiny_scenario())
    assert not plan.feasible and plan.classes.empty
    assert plan.diagnosis.shortfall == 5 and plan.diagnosis.fixes == ()
    assert (plan.roster["status"] == "not_scheduled").all()
    assert "No single change" in plan.diagnosis.describe()
    # Counting the in-town base makes it feasible.
    assert plan_training(b, tiny_scenario(include_in_town_bases=True)).feasible


def test_nothing_to_train():
    b = tiny_baseline({"A": 5}, {"A": 5})
    plan = plan_training(b, tiny_scenario())
    assert plan.feasible and plan.roster.empty and plan.classes.empty
    assert plan.coverage["current_share"].eq(1.0).all()


def test_bad_inputs_are_planning_errors():
    b = tiny_baseline({"A": 5})
    with pytest.raises(ScenarioError, match="training.extra_classes"):
        plan_training(b, tiny_scenario(extra_classes={"B9:2014": 1}))
    with pytest.raises(ScenarioError, match="BASE:YEAR"):
        plan_training(b, tiny_scenario(extra_classes={"B1-2014": 1}))
    bad = dataclasses.replace(b, calendar=b.calendar.iloc[:11])
    with pytest.raises(DataError, match="calendar"):
        plan_training(bad, tiny_scenario())


# ----------------------------------------------------------------------- Example City


@pytest.fixture(scope="module")
def city(example_baseline, default_scenario):
    return plan_training(example_baseline, default_scenario)


def test_example_city_trains_everyone_in_time(city, example_baseline):
    plan = city
    secs = example_baseline.secretaries
    # The Example City marks no earlier course as the special course: everyone is in scope.
    assert not secs["special_course"].any() and plan.summary["already_trained"] == 0
    assert plan.feasible and plan.diagnosis is None
    cur = plan.roster[plan.roster["cohort"] == "current"]
    assert set(cur["secretary_id"]) == set(secs["secretary_id"]) and cur["secretary_id"].is_unique
    # Whoever holds the post: as many as leave office before the deadline give up a seat.
    reserve = cur[cur["status"] == "reserve"]
    assert len(reserve) == plan.summary["current_leaving"] == 464
    assert reserve["class_id"].isna().all() and reserve["month"].isna().all()
    seated = plan.roster[plan.roster["status"] != "reserve"]
    assert (seated["status"] == "on_time").all() and (
        cur.loc[cur["month"].notna(), "month"] <= 36
    ).all()
    assert plan.coverage.loc[plan.coverage["month"] == 36, "current_share"].item() == 1.0
    assert plan.summary["secretaries"] == 1336
    assert plan.away["within_cap"].all()
    assert (plan.classes["seats_used"] <= plan.classes["capacity"]).all()
    assert (plan.classes["seats_used"] >= 30).all()  # the bases' minimum class size
    # Only out-of-town bases, only allowed months outside the blackout.
    bases = example_baseline.training_bases.set_index("base_id")
    assert bases.loc[plan.classes["base_id"], "out_of_town"].all()
    cal = example_baseline.calendar.set_index("month")["availability"]
    moy = (plan.classes["month"] - 1) % 12 + 1
    assert (cal.loc[moy].to_numpy() >= 0.25).all()
    base_moy = zip(plan.classes["base_id"], moy, strict=True)
    ok = [m in bases.loc[b, "months_allowed"] for b, m in base_moy]
    assert all(ok)
    per = plan.classes.groupby(["base_id", "month"]).size()
    kmax = bases.loc[per.index.get_level_values(0), "max_classes_per_month"].to_numpy()
    assert (per.to_numpy() <= kmax).all()
    # No class day in a Spring Festival fortnight (7 days before to 6 after).
    for start, end in zip(plan.classes["start"], plan.classes["end"], strict=True):
        festival = pd.Timestamp(spring_festival(start.year))
        assert end < festival - pd.Timedelta(days=7) or start > festival + pd.Timedelta(days=6)


def test_example_city_golden(city):
    # Golden figures of the bundled Example City (seed 2013); exact (integer programme).
    # Everyone is in scope (no earlier course was the special one); 464 of the secretaries
    # in post at plan start leave office before December 2016 and free their seats.
    s = city.summary
    assert (s["current_untrained"], s["current_leaving"]) == (1336, 464)
    assert (s["current_to_train"], s["new_to_train"], s["trained"]) == (872, 790, 1662)
    assert s["in_scope"] == 1336 - 464 + 396  # and the new secretaries due by the deadline
    assert s["cost_yuan"] == 7_022_300
    assert s["classes"] == 16
    assert city.cost["cost_yuan"].sum() == s["cost_yuan"]
    # 13 classes at B2 (12,500 yuan a class) and 3 at B1 (15,000), in February, when B2 rests.
    assert city.classes["base_id"].value_counts().to_dict() == {"B2": 13, "B1": 3}
    assert city.cost["fixed_cost_yuan"].sum() == 13 * 12_500 + 3 * 15_000
    assert city.cost["classes"].sum() == 16


def test_example_city_cohort_reading(example_baseline):
    # The old reading: every secretary in post at plan start, including those who leave
    # office first. With all 1,336 in scope the 10 % absence cap is three secretaries short.
    s = load_scenario("baseline", {"training.who_must_be_trained": "cohort"})
    plan = plan_training(example_baseline, s)
    assert plan.summary["in_scope"] == 1336 and plan.summary["current_leaving"] == 0
    assert not (plan.roster["status"] == "reserve").any()
    d = plan.diagnosis
    assert (d.shortfall, d.shortfall_current, d.shortfall_new) == (3, 3, 0)
    assert d.binding == ("absence_cap", "deadline")
    assert d.fix("absence_cap").proposed == 0.11
    assert d.fix("deadline").overrides == {"training.deadline_month": 37}


def test_example_city_impossible_fixture_diagnosis(example_baseline, default_scenario):
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "training_impossible.yaml"
    s = load_scenario(path)
    plan = plan_training(example_baseline, s)
    assert not plan.feasible
    d = plan.diagnosis
    # With everyone in scope, half the classes and two years, the absence cap and the seats
    # bind together: no single change but more time is enough.
    assert (d.shortfall, d.shortfall_current, d.shortfall_new) == (228, 226, 2)
    assert d.binding == ("deadline",)
    assert d.fix("deadline").overrides == {
        "training.deadline_month": 26,
        "training.new_secretary_window_months": 14,
    }
    for fix in d.fixes:
        assert plan_training(example_baseline, s.with_overrides(fix.overrides)).feasible, fix


def test_deterministic_and_inputs_untouched(example_baseline, default_scenario, city):
    before = example_baseline.secretaries.copy()
    again = plan_training(example_baseline, default_scenario)
    for name in ("classes", "seats", "roster", "coverage", "away", "cost"):
        pd.testing.assert_frame_equal(getattr(city, name), getattr(again, name))
    pd.testing.assert_frame_equal(before, example_baseline.secretaries)


def test_roster_export(city, tmp_path):
    csv = write_roster_csv(city, tmp_path / "out" / "roster.csv")
    back = pd.read_csv(csv, encoding="utf-8-sig")
    assert len(back) == len(city.roster) and back["secretary_id"].is_unique
    xlsx = write_roster_excel(city, tmp_path / "roster.xlsx")
    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert sorted(sheets) == sorted(city.roster["county_id"].unique())
    assert sum(len(v) for v in sheets.values()) == len(city.roster)
    assert (sheets["C01"]["county_id"] == "C01").all()
    assert not list(tmp_path.glob("**/*.tmp"))


def test_earliest_due_first_meets_every_deadline_the_seats_allow():
    from planning.models.training import _earliest_due_first, _instance

    b = tiny_baseline({"A": 20, "B": 10}, {"B": 5}, TWO_BASES, CAL)
    s = tiny_scenario(
        deadline_month=12,
        election_month=3,
        election_term_years=5,
        election_replacement_share=0.5,
        yearly_churn=0.2,
        new_secretary_window_months=4,
    )
    plan = plan_training(b, s)
    assert plan.feasible
    inst = _instance(b, s)
    per_cm = plan.seats.groupby(["county_id", "month"])["seats"].sum()
    got = _earliest_due_first(inst, per_cm)
    co = inst.cohorts
    k = got["k"].to_numpy()
    assert (got["m"].to_numpy() >= co["release"].to_numpy()[k]).all()
    assert (got["m"].to_numpy() <= co["due"].to_numpy()[k]).all()
    assert (got.groupby("k")["n"].sum() == co["size"]).all()
    county = [inst.county_ids[c] for c in co["county"].to_numpy()[k]]
    again = got.assign(county_id=county).groupby(["county_id", "m"])["n"].sum()
    assert again.tolist() == per_cm.tolist()
