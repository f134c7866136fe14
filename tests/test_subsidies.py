"""Subsidy budget: compliance arithmetic by hand, cash flow identities, the Example City."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.models.subsidies import income_path, plan_subsidies
from planning.scenario import Scenario
from planning.synth import generate

TINY = generate("tiny")
N_C01 = int((TINY.village_county == "C01").sum())


def hand_baseline(income=10_000.0, pay=12_000.0, growth=0.08):
    counties = TINY.counties.copy()
    counties["rural_income_yuan"] = [income, 9_000.0]
    counties["secretary_pay_yuan"] = [pay, 5_000.0]
    counties["income_growth"] = [growth, 0.1]
    return dataclasses.replace(TINY, counties=counties)


GROWTH = {"subsidies.income_growth_by_year": [0.10, 0.05]}


def test_compliance_by_hand_for_one_county():
    sb = plan_subsidies(hand_baseline(), Scenario().with_overrides(GROWTH))
    c = sb.compliance[sb.compliance["county_id"] == "C01"].set_index("year")
    # Income 10,000 (2013) grows 10 %, then 5 % a year (the last rate repeats).
    assert c["income_prior_yuan"].tolist() == pytest.approx(
        [10_000, 11_000, 11_550, 12_127.5, 12_733.875]
    )
    # Basic = max(pay before the plan 12,000, 1 x prior-year income).
    assert c["basic_per_secretary_yuan"].tolist() == pytest.approx(
        [12_000, 12_000, 12_000, 12_127.5, 12_733.875]
    )
    assert c.loc[2014, "margin_yuan"] == pytest.approx(2_000)
    assert c.loc[2014, "margin_share"] == pytest.approx(0.2)
    assert c["compliant"].all() and c.loc[2017, "margin_yuan"] == pytest.approx(0)
    # Against the same year's income: 12,000 >= 11,550 in 2015, but < 12,127.5 in 2016.
    assert c["compliant_same_year"].tolist() == [True, True, False, False, False]


def test_pay_before_the_plan_is_existing_spending_the_rise_is_new():
    # C01: pay before the plan 12,000, so 2014-16 add nothing and 2017 adds 127.5 a
    # secretary (basic 12,127.5); C02: pay 5,000 against income 9,000: 4,000 new in 2014.
    sb = plan_subsidies(hand_baseline(), Scenario().with_overrides(GROWTH))
    y = sb.yearly.set_index(["county_id", "year"])
    n2 = int((TINY.village_county == "C02").sum())
    assert y.loc[("C01", 2014), "basic_existing_yuan"] == pytest.approx(12_000 * N_C01)
    assert y.loc[("C01", 2014), "basic_new_yuan"] == 0
    assert y.loc[("C01", 2016), "basic_new_yuan"] == 0
    assert y.loc[("C01", 2017), "basic_new_yuan"] == pytest.approx(127.5 * N_C01)
    assert y.loc[("C02", 2014), "basic_existing_yuan"] == pytest.approx(5_000 * n2)
    assert y.loc[("C02", 2014), "basic_new_yuan"] == pytest.approx(4_000 * n2)
    assert (y["basic_existing_yuan"] + y["basic_new_yuan"]).to_numpy() == pytest.approx(
        y["basic_yuan"].to_numpy()
    )
    # Below 1 x income the basic may fall under the old pay: it never counts as existing
    # beyond what is paid.
    low = plan_subsidies(
        hand_baseline(), Scenario().with_overrides({**GROWTH, "subsidies.income_multiplier": 0.5})
    ).yearly.set_index(["county_id", "year"])
    assert low.loc[("C02", 2014), "basic_per_secretary_yuan"] == pytest.approx(5_000)
    assert low.loc[("C02", 2014), "basic_new_yuan"] == 0


def test_multiplier_raises_basic_and_income_can_come_from_counties():
    s = Scenario().with_overrides({**GROWTH, "subsidies.income_multiplier": 1.2})
    c = plan_subsidies(hand_baseline(), s).compliance.query("county_id == 'C01'")
    assert c["basic_per_secretary_yuan"].tolist()[:2] == pytest.approx([12_000, 13_200])
    s2 = Scenario().with_overrides({"subsidies.income_growth_source": "county"})
    inc = income_path(hand_baseline(growth=0.08), s2).query("county_id == 'C01'")
    assert inc["income_yuan"].tolist()[:3] == pytest.approx([10_000, 10_800, 11_664])


def test_performance_subsidy_and_monthly_cash_flow_by_hand():
    s = Scenario().with_overrides({**GROWTH, "subsidies.performance_pay_month": 3})
    sb = plan_subsidies(hand_baseline(), s)
    # Bonus rate: 0.2 x 0.5 + 0.5 x 0.3 + 0.25 x 0.1 + 0.05 x 0 = 0.275 of basic.
    y = sb.yearly.query("county_id == 'C01'").set_index("year")
    assert y.loc[2014, "secretaries"] == N_C01
    assert y.loc[2014, "basic_yuan"] == pytest.approx(12_000 * N_C01)
    assert y.loc[2014, "performance_earned_yuan"] == pytest.approx(0.275 * 12_000 * N_C01)
    assert y.loc[2014, "performance_paid_yuan"] == 0
    assert y.loc[2015, "performance_paid_yuan"] == pytest.approx(0.275 * 12_000 * N_C01)
    m = sb.monthly.query("county_id == 'C01'").set_index("month")
    assert m.loc[1, "basic_yuan"] == pytest.approx(1_000 * N_C01)
    assert m.loc[1:14, "performance_yuan"].sum() == 0
    assert m.loc[15, "performance_yuan"] == pytest.approx(0.275 * 12_000 * N_C01)
    assert str(m.loc[15, "date"].date()) == "2015-03-01"
    assert sb.performance_after_horizon_yuan == pytest.approx(
        0.275 * sb.yearly.query("year == 2018")["basic_yuan"].sum()
    )


@settings(max_examples=25, deadline=None)
@given(
    st.floats(1.0, 4.0),
    st.lists(st.floats(-0.1, 0.3), min_size=1, max_size=5),
    st.integers(1, 12),
    st.sampled_from(["scenario", "county"]),
)
def test_cash_flow_identities(mult, growth, pay_month, source):
    s = Scenario().with_overrides(
        {
            "subsidies.income_multiplier": round(mult, 2),
            "subsidies.income_growth_by_year": [round(g, 3) for g in growth],
            "subsidies.performance_pay_month": pay_month,
            "subsidies.income_growth_source": source,
        }
    )
    sb = plan_subsidies(TINY, s)
    y, m = sb.yearly, sb.monthly
    # Cash by year equals the monthly flow summed over the year, county by county.
    by = m.groupby(["year", "county_id"])["total_yuan"].sum().reset_index()
    merged = y.merge(by, on=["year", "county_id"])
    assert merged["cash_yuan"].to_numpy() == pytest.approx(merged["total_yuan"].to_numpy())
    # Every performance subsidy earned is paid in the horizon or reported as after it.
    assert y["performance_earned_yuan"].sum() == pytest.approx(
        y["performance_paid_yuan"].sum() + sb.performance_after_horizon_yuan
    )
    assert (
        sb.compliance["basic_per_secretary_yuan"]
        >= sb.compliance["income_prior_yuan"] * (1 - 1e-12)
    ).all()
    assert sb.all_compliant
    assert (
        y["basic_per_secretary_yuan"]
        >= y.merge(TINY.counties, on="county_id")["secretary_pay_yuan"] - 1e-9
    ).all()


def test_example_city_subsidies(example_baseline, default_scenario):
    sb = plan_subsidies(example_baseline, default_scenario)
    assert sb.all_compliant
    assert set(sb.yearly["county_id"]) == set(example_baseline.county_ids)
    assert sb.yearly.groupby("year")["secretaries"].sum().eq(1336).all()
    assert len(sb.monthly) == 60 * 10
    cash = sb.cash_by_year.set_index("year")["cash_yuan"]
    assert cash.is_monotonic_increasing and 1.0e7 < cash.loc[2014] < 2.0e7
