"""Target register: every target of the plan, hand-computed evaluations, status rules."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from planning.scenario import load_scenario
from planning.targets import (
    KINDS,
    REGISTER,
    SPECS,
    STATUSES,
    Evaluation,
    Results,
    TargetSpec,
    evaluate_targets,
    judge,
    plan_deadline,
    register_frame,
    run_all,
    status_counts,
    status_of,
)

PLAN_IDS = {
    "T-talent",
    "T-train",
    "T-degree",
    "T-socwork",
    "T-key",
    "T-promote",
    "T-venue",
    "T-subsidy",
    "T-satisf",
    "T-poor",
    "T-reserve-pools",
}
LOCAL_IDS = {"T-newsec", "T-village-room"}


@pytest.fixture(scope="module")
def baseline_results(example_baseline, default_scenario):
    return run_all(example_baseline, default_scenario)


def test_register_holds_every_target_of_the_plan_in_three_kinds():
    ids = [s.id for s in REGISTER]
    assert len(ids) == len(set(ids))
    by_kind = {k: [s.id for s in REGISTER if s.kind == k] for k in KINDS}
    assert set(by_kind["plan"]) == PLAN_IDS
    assert set(by_kind["local"]) == LOCAL_IDS
    # five tasks and the two promotion channels, counted (planned per year), not modelled
    assert len(by_kind["qualitative"]) == 7
    assert all(SPECS[i].model is None for i in by_kind["qualitative"])
    assert [i for i in by_kind["qualitative"] if SPECS[i].count_keys] == [
        "Q-promote-township",
        "Q-promote-village",
    ]
    # listed plan targets first, then local standards, then qualitative tasks
    assert [s.kind for s in REGISTER] == sorted((s.kind for s in REGISTER), key=KINDS.index)
    for s in REGISTER:
        if s.kind != "qualitative":
            assert s.comparator in (">", ">=", "~") and s.unit in ("persons", "share"), s.id


@pytest.mark.parametrize(
    ("township_key", "status", "margin"),
    [
        # village 40 of 120 = 1/3 exactly; township 13 of 40 = 0.325: 0.05 - 0.0083 = 0.0417
        (13, "guaranteed", 0.05 - (1 / 3 - 0.325)),
        # township 10 of 40 = 0.25, 8.3 points off one third: missed, whatever the villages
        (10, "missed", 0.05 - (1 / 3 - 0.25)),
    ],
)
def test_key_secretaries_at_both_levels_by_hand(township_key, status, margin):
    from planning.targets import SPECS, _eval_key, judge, key_shares

    key = pd.DataFrame(
        {
            "county_id": ["C1", "C2"],
            "secretaries": [30, 90],
            "key_secretaries": [10, 30],
            "township_secretaries": [10, 30],
            "township_key": [3, township_key - 3],
        }
    )
    assert key_shares(key) == pytest.approx({"village": 1 / 3, "township": township_key / 40})
    r = SimpleNamespace(talent=SimpleNamespace(key_secretaries=key))
    ev = _eval_key(r, 1 / 3)
    assert ev.value == pytest.approx(1 / 3) and ev.margin == pytest.approx(margin)
    assert judge(SPECS["T-key"], ev, 1 / 3, 0.8, 12)[0] == status


def test_promotion_channels_are_tracked_counts(default_scenario):
    from planning.targets import _tracked_counts

    s = default_scenario.with_overrides(
        {
            "targets.promotions_per_year.village_to_township": 20,
            "targets.promotions_per_year.village_to_deputy_township": 4,
        }
    )
    got = _tracked_counts(SPECS["Q-promote-village"], s)
    # 20 + 4 = 24 a year, 120 over the five plan years 2014-2018
    assert got["value"] == 24 and got["planned_total"] == 120 and got["years"] == (2014, 2018)
    assert got["counts"] == {
        "targets.promotions_per_year.village_to_township": 20,
        "targets.promotions_per_year.village_to_deputy_township": 4,
    }
    assert _tracked_counts(SPECS["Q-star"], s)["counts"] is None


def test_plan_deadlines_by_hand():
    """'Within three years' of a plan issued in September 2013: Sep 2016 (strict) or Dec 2016
    (lenient, from the first full plan year 2014); '2 to 3 years' from Sep 2015 / Dec 2015."""
    s = load_scenario(None, {"run.plan_issued": "2013-09"})
    assert plan_deadline(s, 36, "strict") == 33  # 2016-09 = (2016 - 2014) * 12 + 9
    assert plan_deadline(s, 36, "lenient") == 36
    assert plan_deadline(s, 24, "strict") == 21  # 2015-09
    assert plan_deadline(s, 24, "lenient") == 24
    issued_march = s.with_overrides({"run.plan_issued": "2013-03"})
    assert plan_deadline(issued_march, 36, "strict") == 27  # 2016-03
    december = s.with_overrides({"run.plan_issued": "2013-12"})
    assert plan_deadline(december, 36, "strict") == plan_deadline(december, 36, "lenient") == 36


def test_register_follows_the_scenario_and_the_plan_dates():
    s = load_scenario(
        None,
        {
            "targets.talent_total_min": 9000,
            "targets.talent_deadline_month": 30,
            "training.deadline_month": 24,
            "targets.degree_deadline_month": 48,
            "venues.demonstration_share_min": 0.5,
        },
    )
    reg = register_frame(s).set_index("id")
    assert reg.loc["T-talent", "threshold"] == 9000
    assert reg.loc["T-venue", "threshold"] == 0.5
    # the plan's own deadlines: strict by default, whatever month the models plan to
    assert reg.loc["T-talent", "deadline_month"] == 33
    assert reg.loc["T-train", "deadline_month"] == 33
    assert reg.loc["T-talent", "aim_month"] == 30 and reg.loc["T-train", "aim_month"] == 24
    assert reg.loc["T-venue", ["early_month", "deadline_month"]].tolist() == [21, 33]
    assert reg.loc["T-venue", ["early_lenient_month", "deadline_lenient_month"]].tolist() == [
        24,
        36,
    ]
    assert reg.loc["T-talent", "reading"] == "strict"
    # other deadlines are parameters or fixed by the plan's year 1
    assert reg.loc["T-degree", "deadline_month"] == 48
    assert reg.loc["T-key", "deadline_month"] == 12
    assert reg.loc["T-subsidy", "deadline_month"] == s.run.months  # yearly: whole horizon
    assert pd.isna(reg.loc["T-degree", "reading"])
    assert "10,000" in reg.loc["T-talent", "words"]  # the plan's own words
    lenient = register_frame(s.with_overrides({"run.deadline_reading": "lenient"}))
    lenient = lenient.set_index("id")
    assert lenient.loc["T-talent", "deadline_month"] == 36
    assert lenient.loc["T-venue", ["early_month", "deadline_month"]].tolist() == [24, 36]


@pytest.mark.parametrize(
    ("spec", "ev", "threshold", "deadline", "early", "expected"),
    [
        (
            TargetSpec("x", "", ">", "persons", model="m"),
            Evaluation(10412, True, 32, 412, 0.82),
            10000,
            36,
            None,
            ("met", ""),
        ),
        (
            TargetSpec("x", "", ">", "persons", model="m"),
            Evaluation(10412, True, 32, 412, 0.7),
            10000,
            36,
            None,
            ("at_risk", "probability"),
        ),
        (
            TargetSpec("x", "", ">", "persons", model="m"),
            Evaluation(10150, True, 35, 150, None),
            10000,
            36,
            None,
            ("at_risk", "thin_margin"),
        ),
        (
            TargetSpec("x", "", ">", "persons", model="m"),
            Evaluation(9638, False, 38, -362, 0.3),
            10000,
            36,
            None,
            ("missed", ""),
        ),
        (
            TargetSpec("x", "", ">=", "share", model="m"),
            Evaluation(0.405, True, 34, 0.005),
            0.4,
            36,
            None,
            ("at_risk", "thin_margin"),
        ),
        (
            TargetSpec("x", "", ">=", "share", model="m"),
            Evaluation(0.45, True, 34, 0.05),
            0.4,
            36,
            None,
            ("met", ""),
        ),
        (
            TargetSpec("x", "", ">=", "share", model="m"),
            Evaluation(1.0, True, 30, 0.0),
            1.0,
            36,
            None,
            ("met", ""),
        ),
        # just in time: met in the deadline month itself, no month to spare
        (
            TargetSpec("x", "", ">=", "share", model="m"),
            Evaluation(1.0, True, 36, 0.0),
            1.0,
            36,
            None,
            ("at_risk", "just_in_time"),
        ),
        (
            TargetSpec("x", "", ">", "persons", model="m"),
            Evaluation(12000, True, 36, 2000, 0.95),
            10000,
            36,
            None,
            ("at_risk", "just_in_time"),
        ),
        # "2 to 3 years": met after the early bound, by the late one
        (
            TargetSpec("x", "", ">=", "share", model="m"),
            Evaluation(0.45, True, 30, 0.05),
            0.4,
            36,
            24,
            ("at_risk", "between_bounds"),
        ),
        (
            TargetSpec("x", "", ">=", "share", model="m"),
            Evaluation(0.45, True, 24, 0.05),
            0.4,
            36,
            24,
            ("met", ""),
        ),
        # holds by construction: a commitment, never a green "met"
        (
            TargetSpec("x", "", ">=", "share", model="m", rolling=True),
            Evaluation(1.0, True, None, 0.0, guaranteed=True, why="multiplier"),
            1.0,
            60,
            None,
            ("guaranteed", "multiplier"),
        ),
        # a guarantee that does not hold is missed like any other target
        (
            TargetSpec("x", "", "~", "share", model="m"),
            Evaluation(0.2, False, None, -0.08, guaranteed=True, why="data_flag"),
            1 / 3,
            12,
            None,
            ("missed", ""),
        ),
        (
            TargetSpec("x", "", ">=", "share", model="m"),
            Evaluation(0.92, True, None, 0.02, risk="interval"),
            0.9,
            60,
            None,
            ("at_risk", "interval"),
        ),
        (TargetSpec("x", "", ">", "share"), Evaluation(), 0.9, 60, None, ("tracked", "")),
    ],
)
def test_status_rules(spec, ev, threshold, deadline, early, expected):
    assert judge(spec, ev, threshold, 0.8, deadline, early) == expected
    assert status_of(spec, ev, threshold, 0.8, deadline, early) == expected[0]


MONTHS = 36


def _tiny_results(scenario, *, venue_met=22, train_done=33):
    """Two counties, 36 months: every value below is computed by hand.

    The plan was issued in Sep 2013, so "within three years" ends in month 33 read strictly
    and in month 36 read from the first full plan year; "2 to 3 years" starts in month 21
    (strict) or 24 (lenient).
    """
    months = pd.period_range("2014-01", periods=MONTHS, freq="M")
    m = np.arange(1, MONTHS + 1)
    # young cadres: C1 10, C2 30; with a degree: 50 % in month 1, 80 % in month 2, all later
    deg_share = np.where(m == 1, 0.5, np.where(m == 2, 0.8, 1.0))
    degree = pd.DataFrame(
        {
            "month": np.repeat(months, 2),
            "county_id": ["C1", "C2"] * MONTHS,
            "young_cadres": [10.0, 30.0] * MONTHS,
            "with_degree": np.repeat(deg_share, 2) * np.tile([10.0, 30.0], MONTHS),
        }
    )
    coverage = pd.DataFrame({"month": months, "coverage": np.where(m < 3, 0.9, 1.0)})
    key = pd.DataFrame(
        {"county_id": ["C1", "C2"], "secretaries": [30, 90], "key_secretaries": [10, 28]}
    )
    pools = ["cgvo", "returnee", "leader"]
    # C1 has no 'leader' pool in month 1; promotions: 2 + 1 in month 2, 1 in month 14,
    # 1 in month 26 -> at least 1 in each plan year
    stock = np.ones((MONTHS, 2, 3))
    stock[0, 0, 2] = 0
    promoted = np.zeros((MONTHS, 2, 3))
    promoted[1, 0, 0], promoted[1, 1, 0], promoted[13, 0, 0], promoted[25, 1, 0] = 2, 1, 1, 1
    flows = pd.DataFrame(
        {
            "month": np.repeat(months, 6),
            "county_id": np.tile(np.repeat(["C1", "C2"], 3), MONTHS),
            "pool": pools * (2 * MONTHS),
            "stock_start": np.concatenate([np.zeros((1, 2, 3)), stock[:-1]]).ravel(),
            "stock": stock.ravel(),
            "out_promoted": promoted.ravel(),
        }
    )
    # pools: 9,000 + 50 a month, first above 10,000 in month 21
    city = pd.Series(9000.0 + 50.0 * m, index=months)
    target = SimpleNamespace(
        value_at_deadline=10800.0,
        threshold=10000,
        deadline_month=36,
        first_met_month=21,
        probability=0.82,
    )
    met_probability = np.where(m < 21, 0.0, 0.7)
    met_probability[35] = 0.82
    talent = SimpleNamespace(
        target=target,
        city_total=city,
        met_probability=met_probability,
        degree=degree,
        socwork_coverage=coverage,
        key_secretaries=key,
        flows=flows,
    )
    coverage_t = pd.DataFrame(
        {"month": m, "current_share": np.where(m < train_done, m / train_done, 1.0)}
    )
    roster = pd.DataFrame(
        {
            "cohort": ["current", "new", "new", "new"],
            "due_month": [3, 2, 3, 30],
            "status": ["on_time", "on_time", "late", "on_time"],
        }
    )
    training = SimpleNamespace(coverage=coverage_t, roster=roster, diagnosis=None)
    met = np.arange(0, MONTHS + 1) >= venue_met
    check = pd.DataFrame(
        {
            "month": np.arange(0, MONTHS + 1),
            "demonstration_share": np.where(met, 0.45, 0.2),
            "quality_or_better_share": np.where(met, 0.75, 0.5),
            "below_standard": np.where(met, 0, 3),
            "rented": np.where(met, 0, 1),
            "met": met,
        }
    )
    villages = pd.DataFrame(
        {
            "project": [False, True, True, True],
            "finish_month": pd.array([pd.NA, 2, 3, 40], dtype="Int64"),
        }
    )
    venues = SimpleNamespace(
        target_check=check,
        met_month=venue_met,
        villages=villages,
        village_met_month=40,
        village_floor_m2=150.0,
    )
    compliance = pd.DataFrame(
        {"compliant": [True, True, False, True], "margin_share": [0.0, 0.1, -0.02, 0.05]}
    )
    subsidies = SimpleNamespace(compliance=compliance)
    return Results(scenario, talent, training, venues, subsidies)


TINY = {
    "run.horizon_years": 3,
    "run.plan_issued": "2013-09",
    "targets.talent_deadline_month": 36,
    "targets.degree_deadline_month": 2,
    "targets.degree_share_min": 0.8,
    "targets.socwork_deadline_month": 3,
    "training.deadline_month": 36,
    "venues.deadline_month": 36,
    "venues.village_deadline_month": 36,
}


def test_hand_computed_evaluation():
    s = load_scenario(None, TINY)
    reg = evaluate_targets(_tiny_results(s)).set_index("id")
    talent = reg.loc["T-talent"]
    # strict: month 33 (Sep 2016): 9,000 + 50 * 33 = 10,650; 70 % of draws by then
    assert talent["deadline"] == pd.Period("2016-09", "M")
    assert (talent["value"], talent["margin"], talent["probability"]) == (10650.0, 650.0, 0.7)
    assert (talent["status"], talent["reason"], talent["months_to_spare"]) == (
        "at_risk",
        "probability",
        12,
    )
    # lenient: month 36 (Dec 2016) is the model's own deadline: 82 % -> met
    assert (talent["status_strict"], talent["status_lenient"]) == ("at_risk", "met")
    assert talent["deadline_lenient"] == pd.Period("2016-12", "M")
    # degree: month 2 share = (8 + 24) / 40 = 0.8 -> met exactly, first in month 2: just in time
    deg = reg.loc["T-degree"]
    assert deg["value"] == pytest.approx(0.8) and deg["first_met_month"] == 2
    assert (deg["status"], deg["reason"]) == ("at_risk", "just_in_time")
    assert reg.loc["T-socwork", ["value", "first_met_month", "status"]].tolist() == [
        1.0,
        3,
        "at_risk",
    ]
    # training: all trained in month 33 = the strict deadline: just in time
    train = reg.loc["T-train"]
    assert train[["value", "first_met_month", "months_to_spare"]].tolist() == [1.0, 33, 0]
    assert (train["status"], train["reason"]) == ("at_risk", "just_in_time")
    assert train["status_lenient"] == "met"  # three months to spare by Dec 2016
    # new secretaries due inside the 36-month horizon: 2 on time of 3
    assert reg.loc["T-newsec", "value"] == pytest.approx(2 / 3)
    assert reg.loc["T-newsec", "status"] == "missed"
    assert "12 months" in reg.loc["T-newsec", "standard"]
    # key: 38 / 120 = 0.3167, within 5 points of 1/3: the selection recorded in the data
    assert reg.loc["T-key", "value"] == pytest.approx(38 / 120)
    assert reg.loc["T-key", ["status", "reason"]].tolist() == ["guaranteed", "data_flag"]
    # promotions: at least 1 in each plan year (3, 1, 1), first in month 2; set above zero
    assert reg.loc["T-promote", ["value", "first_met_month"]].tolist() == [1.0, 2]
    assert reg.loc["T-promote", "status"] == "guaranteed"
    # pools: county C1 lacks 'leader' before the plan and in month 1, complete from month 2
    pools = reg.loc["T-reserve-pools"]
    assert pools["first_met_month"] == 2 and pools["status"] == "met"
    # venues met in month 22: after the strict early bound (21), before the lenient one (24)
    venue = reg.loc["T-venue"]
    assert venue[["value", "first_met_month"]].tolist() == [0.45, 22]
    assert venue["margin"] == pytest.approx(0.05)
    assert (venue["status"], venue["reason"]) == ("at_risk", "between_bounds")
    assert (venue["early"], venue["deadline"]) == (
        pd.Period("2015-09", "M"),
        pd.Period("2016-09", "M"),
    )
    assert venue["status_lenient"] == "met"
    # village rooms at month 36: no project, done in 2, done in 3, not yet (40) -> 3/4
    room = reg.loc["T-village-room"]
    assert room[["value", "status", "kind"]].tolist() == [0.75, "missed", "local"]
    assert "150 m²" in room["standard"] and "Dec 2016" in room["standard"]
    # subsidy: basic set at 1.0 x the prior-year income, yet 1 county-year of 4 falls short:
    # the data say otherwise, so it is missed, not guaranteed
    sub = reg.loc["T-subsidy"]
    assert (sub["value"], sub["status"], sub["margin"]) == (0.75, "missed", -0.02)
    assert reg.loc["Q-star", ["status", "kind"]].tolist() == ["tracked", "qualitative"]


def test_lenient_reading_decides_when_asked():
    s = load_scenario(None, {**TINY, "run.deadline_reading": "lenient"})
    reg = evaluate_targets(_tiny_results(s)).set_index("id")
    assert reg.loc["T-talent", ["deadline_month", "value", "status"]].tolist() == [
        36,
        10800.0,
        "met",
    ]
    assert reg.loc["T-train", ["status", "months_to_spare"]].tolist() == ["met", 3]
    assert reg.loc["T-venue", "status"] == "met"  # by Dec 2015, the early bound


def test_met_after_the_strict_deadline_is_missed_strictly_and_met_leniently():
    s = load_scenario(None, TINY)
    reg = evaluate_targets(_tiny_results(s, train_done=35, venue_met=34)).set_index("id")
    train = reg.loc["T-train"]
    assert train[["status", "status_strict", "status_lenient"]].tolist() == [
        "missed",
        "missed",
        "met",
    ]
    assert train["value"] == pytest.approx(33 / 35)
    venue = reg.loc["T-venue"]
    assert venue[["status_strict", "status_lenient"]].tolist() == ["missed", "at_risk"]


def test_guarantees_follow_the_settings():
    s = load_scenario(None, TINY)
    r = _tiny_results(s)
    r.subsidies.compliance["compliant"] = True
    r.subsidies.compliance["margin_share"] = [0.0, 0.1, 0.0, 0.05]
    reg = evaluate_targets(r).set_index("id")
    assert reg.loc["T-subsidy", ["status", "reason"]].tolist() == ["guaranteed", "multiplier"]
    # a multiplier below 1 makes the comparison a real one: met, not guaranteed
    below = load_scenario(None, {**TINY, "subsidies.income_multiplier": 0.9})
    r_below = _tiny_results(below)
    r_below.subsidies.compliance["compliant"] = True
    r_below.subsidies.compliance["margin_share"] = [0.0, 0.1, 0.0, 0.05]
    assert evaluate_targets(r_below).set_index("id").loc["T-subsidy", "status"] == "met"
    # no promotions set: the model finds none and the target is missed
    none = load_scenario(None, {**TINY, "talent.promotion_count": 0})
    r_none = _tiny_results(none)
    r_none.talent.flows["out_promoted"] = 0.0
    assert evaluate_targets(r_none).set_index("id").loc["T-promote", "status"] == "missed"
    # pools that all exist before the plan starts
    r.talent.flows["stock_start"] = 1.0
    r.talent.flows["stock"] = 1.0
    reg = evaluate_targets(r).set_index("id")
    assert reg.loc["T-reserve-pools", ["status", "reason"]].tolist() == [
        "guaranteed",
        "pools_at_start",
    ]


def test_headline_counts_count_plan_targets_only():
    from planning.catalogue import headline_counts

    s = load_scenario(None, TINY)
    reg = evaluate_targets(_tiny_results(s))
    n = headline_counts(reg)
    assert n["plan"] == 11 and n["local"] == 2 and n["qualitative"] == 7
    plan = reg[reg["kind"] == "plan"]
    for status in ("met", "at_risk", "missed", "guaranteed", "tracked"):
        assert n[status] == int((plan["status"] == status).sum()), status
    assert n["met"] + n["at_risk"] + n["missed"] + n["guaranteed"] + n["tracked"] == 11
    assert n["local_met"] == 0  # T-newsec 2 of 3 on time, village rooms 3 of 4
    assert status_counts(reg, "qualitative")["tracked"] == 7


def test_example_city_baseline(baseline_results, example_baseline):
    """The plan's own deadline, read from its issue (Sep 2013): Sep 2016, plan month 33."""
    r = baseline_results
    reg = r.register.set_index("id")
    talent = reg.loc["T-talent"]
    city = r.talent.city_total
    assert talent["deadline"] == pd.Period("2016-09", "M")
    assert talent["value"] == pytest.approx(float(city.loc[pd.Period("2016-09", "M")]))
    assert talent["probability"] == pytest.approx(float(r.talent.met_probability[32]))
    # the model's own deadline (Dec 2016) keeps its probability for the talent cards
    assert r.talent.met_probability[35] == pytest.approx(r.talent.target.probability)
    assert talent["status"] == "missed"  # first passed in Feb 2017
    cov = r.training.coverage.set_index("month")["current_share"]
    train = reg.loc["T-train"]
    assert train["value"] == pytest.approx(cov.loc[33])
    # trained by Dec 2016, the month the training plan aims at: missed by Sep 2016, and
    # just in time (at risk) by Dec 2016
    assert train[["status", "status_strict", "status_lenient"]].tolist() == [
        "missed",
        "missed",
        "at_risk",
    ]
    assert train["first_met"] == pd.Period("2016-12", "M")
    sec = example_baseline.secretaries
    assert reg.loc["T-key", "value"] == pytest.approx(sec["key_secretary"].mean())
    # the city's key township secretaries: 55 of 166
    ts = example_baseline.township_secretaries
    assert reg.loc["T-key", ["township_key", "township_total"]].tolist() == [55, 166]
    assert int(ts["key_secretary"].sum()) == 55 and len(ts) == 166
    assert reg.loc["T-key", "township_share"] == pytest.approx(55 / 166)
    assert reg.loc["Q-promote-village", ["value", "status"]].tolist() == [18.0, "tracked"]
    guaranteed = set(reg.index[reg["status"] == "guaranteed"])
    assert guaranteed == {"T-key", "T-promote", "T-subsidy", "T-reserve-pools"}
    assert set(r.seconds) == {"talent", "training", "venues", "subsidies", "surveys", "pairing"}
    assert set(reg["status"]) <= set(STATUSES)


def test_thresholds_change_statuses(example_baseline, baseline_results):
    value = baseline_results.target("T-talent")["value"]
    lower = load_scenario("baseline", {"targets.talent_total_min": int(value) - 2000})
    r = run_all(example_baseline, lower)
    row = r.target("T-talent")
    assert row["status"] == "met" and row["probability"] >= 0.99
    higher = load_scenario("baseline", {"targets.talent_total_min": int(value) + 2000})
    assert run_all(example_baseline, higher).target("T-talent")["status"] == "missed"


def test_labels_in_chinese(example_baseline):
    s = load_scenario("baseline", {"run.language": "zh", "run.mc_draws": 0})
    reg = run_all(example_baseline, s).register.set_index("id")
    assert reg.loc["T-talent", "label"] == "农村后备人才"
    assert reg.loc["T-talent", "status_label"] == "未完成"
    assert reg.loc["T-subsidy", "status_label"] == "设定保证"
    assert pd.isna(reg.loc["T-talent", "probability"])  # no Monte Carlo, no probability


def test_talent_met_when_passed_by_deadline_even_if_it_dips_after(example_baseline):
    """Pools that pass 10,000 before the deadline and dip at an election still meet it."""
    s = load_scenario("fast_recruitment")
    res = run_all(example_baseline, s)
    reg = evaluate_targets(res).set_index("id")
    row = reg.loc["T-talent"]
    assert row["first_met"] == pd.Period("2016-06", "M")
    assert row["months_to_spare"] == 3  # Jun 2016 against Sep 2016
    assert row["probability"] >= 0.8  # 1,000 draws
    assert row["status"] == "met"
