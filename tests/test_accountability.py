"""County accountability: quotas add up to the city target under every rule, the county
register's statuses and catch-up, the league score and the grades' share limit."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from planning.accountability import (
    county_quotas,
    grade_counties,
    largest_remainder,
    read_county_quotas,
    review,
    scores,
)
from planning.errors import DataError
from planning.scenario import load_scenario
from planning.tables import QUOTA_INDICATORS


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("baseline")


@pytest.fixture(scope="module")
def state(example_ledger):
    return example_ledger.as_of("2015-06")


@pytest.fixture(scope="module")
def rv(state, example_baseline, scenario):
    return review(state, example_baseline, scenario)


def test_largest_remainder_by_hand():
    # 10 x (0.5, 0.3, 0.2) = 5, 3, 2 exactly; 7 x (1, 1, 1) / 3 = 2.33 each: one extra to
    # the first (equal remainders go to the earlier county)
    assert largest_remainder(10, {"A": 5, "B": 3, "C": 2}).tolist() == [5, 3, 2]
    assert largest_remainder(7, {"A": 1, "B": 1, "C": 1}).tolist() == [3, 2, 2]
    # 10 x (1, 2, 3, 4) / 10 ... 11 x: 1.1, 2.2, 3.3, 4.4 -> 1, 2, 3, 4 + 1 to the largest (0.4)
    assert largest_remainder(11, {"A": 1, "B": 2, "C": 3, "D": 4}).tolist() == [1, 2, 3, 5]


@pytest.mark.parametrize("rule", ["villages", "communities", "population", "plan"])
def test_quotas_sum_to_the_city_target_for_every_rule(rv, example_baseline, scenario, rule):
    s = scenario.with_overrides({f"assessment.quota_rule.{i}": rule for i in QUOTA_INDICATORS})
    plan = rv.register.pivot(index="county_id", columns="indicator", values="plan_at_deadline")
    q = county_quotas(example_baseline, s, plan)
    assert q.sum().to_dict() == rv.quotas.sum().to_dict()
    assert q.loc[:, "talent"].sum() == 10_000
    assert q.loc[:, "trained"].sum() == len(example_baseline.secretaries)
    if rule == "villages":  # one secretary per village: the quota is the county's secretaries
        vc = example_baseline.village_county.value_counts()
        assert q["trained"].to_dict() == vc.reindex(q.index).to_dict()


def test_quota_table_rule_and_bad_tables(tmp_path, rv, example_baseline, scenario):
    s = scenario.with_overrides({"assessment.quota_rule.talent": "table"})
    plan = rv.register.pivot(index="county_id", columns="indicator", values="plan_at_deadline")
    ids = example_baseline.county_ids
    rows = [f"{c},talent,{1000 + i}" for i, c in enumerate(ids)]
    good = tmp_path / "good"
    good.mkdir()
    (good / "county_quotas.csv").write_text("county_id,indicator,quota\n" + "\n".join(rows) + "\n")
    q = county_quotas(example_baseline, s, plan, read_county_quotas(example_baseline, good))
    assert q["talent"].tolist() == [1000 + i for i in range(len(ids))]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "county_quotas.csv").write_text(
        "county_id,indicator,quota\nC99,talent,5\nC01,talents,5\nC02,talent,-1\n"
    )
    with pytest.raises(DataError) as e:
        read_county_quotas(example_baseline, bad)
    text = str(e.value)
    assert "county_quotas.csv:2: column 'county_id': found 'C99'" in text
    assert "county_quotas.csv:3: column 'indicator'" in text and "talents" in text
    assert "county_quotas.csv:4: column 'quota'" in text
    short = tmp_path / "short"
    short.mkdir()
    (short / "county_quotas.csv").write_text("county_id,indicator,quota\nC01,talent,5\n")
    with pytest.raises(DataError, match=r"no row for C02 .* and indicator 'talent'"):
        county_quotas(example_baseline, s, plan, read_county_quotas(example_baseline, short))
    with pytest.raises(DataError, match="no county_quotas table"):
        county_quotas(example_baseline, s, plan, None)


def test_register_statuses_follow_the_rules(rv):
    r = rv.register
    assert len(r) == 10 * len(QUOTA_INDICATORS)
    assert set(r["status"]) <= {"met", "on_track", "at_risk", "behind", "no_intake"}
    met = r["status"] == "met"
    assert (r.loc[met, "actual_to_date"] > r.loc[met, "quota"] - 1).all()
    behind = r["status"] == "behind"
    late = r["last_month"] >= r["deadline_month"]
    assert (r.loc[behind & ~late, "forecast"] <= r.loc[behind & ~late, "quota"] - 1).all()
    # default forecast: the plan at the deadline shifted by the gap at the last report
    x = r[~r["no_intake"]]
    shifted = x["plan_at_deadline"] + x["actual_to_date"] - x["plan_to_date"]
    assert (x["forecast"] - shifted).abs().max() < 1e-9
    # the catch-up: shortfall over the quarters left, rounded up
    lag = r[(r["shortfall"] > 0) & (r["quarters_left"] > 0)]
    assert len(lag)
    pairs = zip(lag["shortfall"], lag["quarters_left"], strict=True)
    expect = [math.ceil(s / q - 1e-9) for s, q in pairs]
    assert lag["catch_up_per_quarter"].tolist() == expect
    # Kangbei: quota of reserve talents by villages, 10,000 x its share of the villages
    k = r[(r["county_id"] == "C10") & (r["indicator"] == "talent")].iloc[0]
    assert k["quota"] == 1310 and k["actual_to_date"] == 1015 and k["quarters_left"] == 6
    assert k["period_text"] == "2015Q1" and k["deadline_text"] == "Sep 2016"


def test_a_county_with_zero_intake_is_flagged_and_its_catch_up_is_by_hand(
    state, example_baseline, scenario
):
    tables = dict(state.tables)
    tl = tables["talent"].copy()
    tl.loc[tl["county_id"] == "C01", "joined"] = 0
    tables["talent"] = tl
    zero = dataclasses.replace(state, tables=tables)
    rv = review(zero, example_baseline, scenario)
    row = rv.register[(rv.register["county_id"] == "C01") & (rv.register["indicator"] == "talent")]
    row = row.iloc[0]
    assert row["no_intake"] and row["status"] == "no_intake"
    # quota 277 (10,000 x Songfeng's villages), actual 192 at 2015Q1 (plan month 15), no
    # intake: forecast = actual; deadline Sep 2016 (month 33): ceil((33 - 15) / 3) = 6
    # quarters; catch-up = ceil((277 - 192) / 6) = ceil(14.17) = 15 a quarter
    assert (row["quota"], row["actual_to_date"], row["forecast"]) == (277, 192, 192)
    assert row["quarters_left"] == 6 and row["catch_up_per_quarter"] == 15
    line = rv.catch_up[(rv.catch_up["county_id"] == "C01")
                       & (rv.catch_up["indicator"] == "talent")]["text"].iloc[0]  # fmt: skip
    assert line.startswith("Songfeng District needs 15 more reserve talents a quarter")
    assert "no intake reported" in line


def test_score_by_hand(rv, scenario):
    r = rv.register[rv.register["county_id"] == "C10"].set_index("indicator")
    w = scenario.assessment.weight
    cap = scenario.assessment.attainment_cap
    by_hand = 100 * sum(getattr(w, i) * min(r.at[i, "attainment"], cap) for i in QUOTA_INDICATORS)
    by_hand /= sum(getattr(w, i) for i in QUOTA_INDICATORS)
    assert scores(rv.register, scenario)["C10"] == pytest.approx(by_hand)
    # talent: 1,015 / (1,310 x 964.37 / 1,363.26) = 1.0953
    assert r.at["talent", "attainment"] == pytest.approx(1015 / (1310 * r.at["talent", "plan_to_date"]
                                                         / r.at["talent", "plan_at_deadline"]))  # fmt: skip
    league = rv.league
    assert league["rank"].tolist() == list(range(1, 11))
    assert league["score"].is_monotonic_decreasing


def test_excellent_share_limit_binds(scenario):
    score = pd.Series([99, 98, 97, 96, 90, 80, 60, 75, 86, 50],
                      index=[f"C{i:02d}" for i in range(1, 11)], dtype=float)  # fmt: skip
    g = grade_counties(score, scenario)
    # four reach 95, at most floor(0.2 x 10) = 2 are excellent: the two best
    assert g["grade"].tolist() == ["excellent", "excellent", "good", "good", "good", "pass",
                                   "fail", "pass", "good", "fail"]  # fmt: skip
    assert g["limited"].tolist() == [False, False, True, True] + [False] * 6
    looser = scenario.with_overrides({"assessment.excellent_share_max": 0.5})
    assert (grade_counties(score, looser)["grade"] == "excellent").sum() == 4
    tie = pd.Series([96.0, 96.0, 96.0], index=["C01", "C02", "C03"])
    assert grade_counties(tie, scenario)["grade"].tolist() == ["good"] * 3  # floor(0.6) = 0


def test_chinese_frames_carry_chinese_text(state, example_baseline, scenario):
    rv = review(state, example_baseline, scenario, lang="zh")
    r = rv.register
    k = r[(r["county_id"] == "C10") & (r["indicator"] == "basic_pay")].iloc[0]
    assert k["county"] == example_baseline.names("counties", "zh")["C10"]
    assert k["period_text"] == "2015年第1季度" and k["quota_text"].endswith("万元")
    assert rv.league["grade_text"].isin(["优秀", "称职", "基本称职", "不称职"]).all()
    assert not any("C0" in x or "C10" in x for x in rv.catch_up["text"])
