"""Target register: every target of the plan, hand-computed evaluations, status rules."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from planning.scenario import load_scenario
from planning.targets import (
    REGISTER,
    Evaluation,
    Results,
    TargetSpec,
    evaluate_targets,
    register_frame,
    run_all,
    status_counts,
    status_of,
)

DOMAIN_IDS = {
    "T-talent",
    "T-train",
    "T-newsec",
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


@pytest.fixture(scope="module")
def baseline_results(example_baseline, default_scenario):
    return run_all(example_baseline, default_scenario)


def test_register_holds_every_target_of_the_plan():
    ids = [s.id for s in REGISTER]
    assert set(ids) >= DOMAIN_IDS
    assert len(ids) == len(set(ids))
    qualitative = [s for s in REGISTER if s.kind == "qualitative"]
    assert len(qualitative) >= 5 and all(s.model is None for s in qualitative)
    for s in REGISTER:
        if s.kind == "quantified":
            assert s.comparator in (">", ">=", "~") and s.unit in ("persons", "share"), s.id


def test_register_follows_the_scenario():
    s = load_scenario(
        None,
        {
            "targets.talent_total_min": 9000,
            "targets.talent_deadline_month": 30,
            "training.deadline_month": 24,
            "venues.demonstration_share_min": 0.5,
        },
    )
    reg = register_frame(s).set_index("id")
    assert reg.loc["T-talent", "threshold"] == 9000
    assert reg.loc["T-talent", "deadline_month"] == 30
    assert reg.loc["T-train", "deadline_month"] == 24
    assert reg.loc["T-venue", "threshold"] == 0.5
    assert reg.loc["T-key", "deadline_month"] == 12  # year 1, fixed by the plan
    assert reg.loc["T-subsidy", "deadline_month"] == s.run.months  # yearly: whole horizon
    assert "10,000" in reg.loc["T-talent", "words"]  # the plan's own words


@pytest.mark.parametrize(
    ("spec", "ev", "threshold", "expected"),
    [
        (
            TargetSpec("x", "", ">", "persons", model="m"),
            Evaluation(10412, True, 32, 412, 0.82),
            10000,
            "met",
        ),
        (
            TargetSpec("x", "", ">", "persons", model="m"),
            Evaluation(10412, True, 32, 412, 0.7),
            10000,
            "at_risk",
        ),
        (
            TargetSpec("x", "", ">", "persons", model="m"),
            Evaluation(10150, True, 35, 150, None),
            10000,
            "at_risk",
        ),
        (
            TargetSpec("x", "", ">", "persons", model="m"),
            Evaluation(9638, False, 38, -362, 0.3),
            10000,
            "missed",
        ),
        (
            TargetSpec("x", "", ">=", "share", model="m"),
            Evaluation(0.405, True, 34, 0.005),
            0.4,
            "at_risk",
        ),
        (
            TargetSpec("x", "", ">=", "share", model="m"),
            Evaluation(0.45, True, 34, 0.05),
            0.4,
            "met",
        ),
        (TargetSpec("x", "", ">=", "share", model="m"), Evaluation(1.0, True, 36, 0.0), 1.0, "met"),
        (TargetSpec("x", "", ">", "share"), Evaluation(), 0.9, "tracked"),
    ],
)
def test_status_rules(spec, ev, threshold, expected):
    assert status_of(spec, ev, threshold, 0.8) == expected


def _tiny_results(scenario):
    """Two counties, three months: every value below is computed by hand."""
    months = pd.period_range("2014-01", periods=3, freq="M")
    degree = pd.DataFrame(
        {
            "month": np.repeat(months, 2),
            "county_id": ["C1", "C2"] * 3,
            "young_cadres": [10.0, 30.0, 10.0, 30.0, 10.0, 30.0],
            "with_degree": [5.0, 15.0, 8.0, 24.0, 10.0, 30.0],
        }
    )
    coverage = pd.DataFrame({"month": months, "coverage": [0.5, 0.9, 1.0]})
    key = pd.DataFrame(
        {"county_id": ["C1", "C2"], "secretaries": [30, 90], "key_secretaries": [10, 28]}
    )
    flows = pd.DataFrame(
        {
            "month": np.repeat(months, 6),
            "county_id": (["C1"] * 3 + ["C2"] * 3) * 3,
            "pool": ["cgvo", "returnee", "leader"] * 6,
            "stock": [1, 1, 0, 1, 1, 1] + [1] * 12,
            "out_promoted": [0.0] * 6 + [2.0, 0, 0, 1.0, 0, 0] + [0.0] * 6,
        }
    )
    target = SimpleNamespace(
        value_at_deadline=10412.0,
        threshold=10000,
        first_met_month=2,
        met_by_deadline=True,
        probability=0.82,
    )
    talent = SimpleNamespace(
        target=target, degree=degree, socwork_coverage=coverage, key_secretaries=key, flows=flows
    )
    coverage_t = pd.DataFrame({"month": [1, 2, 3], "current_share": [0.4, 0.8, 1.0]})
    roster = pd.DataFrame(
        {
            "cohort": ["current", "new", "new", "new"],
            "due_month": [3, 2, 3, 9],
            "status": ["on_time", "on_time", "late", "on_time"],
        }
    )
    training = SimpleNamespace(coverage=coverage_t, roster=roster, diagnosis=None)
    check = pd.DataFrame(
        {
            "month": [0, 1, 2, 3],
            "demonstration_share": [0.1, 0.2, 0.45, 0.45],
            "quality_or_better_share": [0.3, 0.5, 0.75, 0.75],
            "below_standard": [5, 3, 0, 0],
            "rented": [2, 1, 0, 0],
            "met": [False, False, True, True],
        }
    )
    villages = pd.DataFrame(
        {
            "project": [False, True, True, True],
            "finish_month": pd.array([pd.NA, 2, 3, 7], dtype="Int64"),
        }
    )
    venues = SimpleNamespace(
        target_check=check, met_month=2, villages=villages, village_met_month=7
    )
    compliance = pd.DataFrame(
        {"compliant": [True, True, False, True], "margin_share": [0.0, 0.1, -0.02, 0.05]}
    )
    subsidies = SimpleNamespace(compliance=compliance)
    return Results(scenario, talent, training, venues, subsidies)


def test_hand_computed_evaluation():
    s = load_scenario(
        None,
        {
            "run.horizon_years": 1,
            "targets.talent_deadline_month": 3,
            "targets.degree_deadline_month": 2,
            "targets.degree_share_min": 0.8,
            "targets.socwork_deadline_month": 3,
            "training.deadline_month": 3,
            "venues.deadline_month": 3,
            "venues.village_deadline_month": 3,
        },
    )
    reg = evaluate_targets(_tiny_results(s)).set_index("id")
    talent = reg.loc["T-talent"]
    assert (talent["value"], talent["status"], talent["months_to_spare"]) == (10412.0, "met", 1)
    assert talent["probability"] == 0.82 and talent["margin"] == 412
    assert talent["deadline"] == pd.Period("2014-03", "M")
    # degree: month 2 share = (8 + 24) / 40 = 0.8 -> met exactly, first in month 2
    deg = reg.loc["T-degree"]
    assert deg["value"] == pytest.approx(0.8) and deg["first_met_month"] == 2
    assert deg["status"] == "at_risk"  # margin 0 on a share threshold below 100 %
    assert reg.loc["T-socwork", ["value", "first_met_month", "status"]].tolist() == [1.0, 3, "met"]
    assert reg.loc["T-train", ["value", "first_met_month", "months_to_spare"]].tolist() == [
        1.0,
        3,
        0,
    ]
    # new secretaries due inside the 12-month horizon: 2 on time of 3
    assert reg.loc["T-newsec", "value"] == pytest.approx(2 / 3)
    assert reg.loc["T-newsec", "status"] == "missed"
    # key: 38 / 120 = 0.3167, within 5 points of 1/3
    assert reg.loc["T-key", "value"] == pytest.approx(38 / 120)
    assert reg.loc["T-key", "status"] == "met"
    # promotions: 3 in year 1 (months 2)
    assert reg.loc["T-promote", ["value", "first_met_month"]].tolist() == [3.0, 2]
    # pools: county C1 lacks 'leader' in month 1, complete from month 2
    assert reg.loc["T-reserve-pools", "first_met_month"] == 2
    venue = reg.loc["T-venue"]
    assert (
        venue["value"] == 0.45
        and venue["margin"] == pytest.approx(0.05)
        and venue["status"] == "met"
    )
    # village rooms at month 3: no project, done in 2, done in 3, not yet (7) -> 3/4
    assert reg.loc["T-village-room", ["value", "status"]].tolist() == [0.75, "missed"]
    sub = reg.loc["T-subsidy"]
    assert (sub["value"], sub["status"], sub["margin"]) == (0.75, "missed", -0.02)
    assert reg.loc["Q-star", "status"] == "tracked"
    assert status_counts(reg.reset_index())["tracked"] == sum(s.model is None for s in REGISTER)


def test_example_city_baseline(baseline_results, example_baseline):
    r = baseline_results
    reg = r.register.set_index("id")
    talent = reg.loc["T-talent"]
    city = r.talent.city_total
    assert talent["value"] == pytest.approx(float(city.loc[pd.Period("2016-12", "M")]))
    assert talent["probability"] == r.talent.target.probability
    met_or_not = "met" if talent["value"] > 10000 else "missed"
    assert talent["status"] in (met_or_not, "at_risk")
    cov = r.training.coverage.set_index("month")["current_share"]
    assert reg.loc["T-train", "value"] == pytest.approx(cov.loc[36])
    sec = example_baseline.secretaries
    assert reg.loc["T-key", "value"] == pytest.approx(sec["key_secretary"].mean())
    assert set(r.seconds) == {"talent", "training", "venues", "subsidies"}
    assert set(reg["status"]) <= {"met", "at_risk", "missed", "tracked"}


def test_thresholds_change_statuses(example_baseline, baseline_results):
    value = baseline_results.target("T-talent")["value"]
    lower = load_scenario("baseline", {"targets.talent_total_min": int(value) - 2000})
    r = run_all(example_baseline, lower)
    row = r.target("T-talent")
    assert row["status"] == "met" and row["probability"] >= 0.8
    strict = lower.with_overrides({"targets.at_risk_probability": 0.99})
    expected = "at_risk" if row["probability"] < 0.99 else "met"
    assert run_all(example_baseline, strict).target("T-talent")["status"] == expected
    higher = load_scenario("baseline", {"targets.talent_total_min": int(value) + 2000})
    assert run_all(example_baseline, higher).target("T-talent")["status"] == "missed"


def test_labels_in_chinese(example_baseline):
    s = load_scenario("baseline", {"run.language": "zh", "run.mc_draws": 0})
    reg = run_all(example_baseline, s).register.set_index("id")
    assert reg.loc["T-talent", "label"] == "农村后备人才"
    assert reg.loc["T-talent", "status_label"] in ("达成", "有风险", "未达成")
    assert pd.isna(reg.loc["T-talent", "probability"])  # no Monte Carlo, no probability


def test_talent_met_when_passed_by_deadline_even_if_it_dips_after(example_baseline):
    """Pools that pass 10,000 before the deadline and dip at an election still meet it."""
    from planning import load_scenario
    from planning.targets import evaluate_targets, run_all

    s = load_scenario("fast_recruitment")
    res = run_all(example_baseline, s)
    tg = res.talent.target
    reg = evaluate_targets(res).set_index("id")
    assert tg.met_by_deadline == (tg.first_met_month <= tg.deadline_month)
    assert (reg.loc["T-talent", "status"] in ("met", "at_risk")) == tg.met_by_deadline
