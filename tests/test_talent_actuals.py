"""Reserve-talent re-forecast from the reported stocks (``run_talent(..., ledger=...)``)."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from planning.errors import DataError, ScenarioError
from planning.ledger import LedgerState
from planning.models.talent import (
    FLOW_COLUMNS,
    bands_frame,
    central_rates,
    drawn_rates,
    plan_months,
    prepare,
    read_actuals,
    run_talent,
    simulate_draws,
)
from planning.tables import POOLS

MARCH_2015 = pd.Period("2015-03", "M")  # plan month 15 of a plan starting in 2014


def state_of(stocks: pd.DataFrame, period: str = "2015Q1") -> LedgerState:
    """A ledger state whose only return per county is ``period`` with these closings
    (``stocks``: county_id, pool, stock); no flows (opening = closing)."""
    start = pd.Period(period, "Q")
    counties = list(dict.fromkeys(stocks["county_id"].astype(str)))
    returns = pd.DataFrame(
        {
            "county_id": counties,
            "period": period,
            "period_start": start.start_time.date(),
            "period_end": start.end_time.date(),
            "version": 1,
        }
    )
    talent = pd.DataFrame(
        {
            "county_id": stocks["county_id"].astype(str).to_numpy(),
            "period": period,
            "pool": stocks["pool"].astype(str).to_numpy(),
            "opening": stocks["stock"].to_numpy(),
            "joined": 0,
            "appointed": 0,
            "promoted": 0,
            "left": 0,
            "closing": stocks["stock"].to_numpy(),
        }
    )
    return LedgerState(datetime(2015, 6, 1), returns, {"talent": talent})


def stocks_at(result, month: pd.Period = MARCH_2015) -> pd.DataFrame:
    f = result.flows[result.flows["month"] == month]
    return f[["county_id", "pool", "stock"]].reset_index(drop=True)


NUMBERS = ["stock_start", *FLOW_COLUMNS, "stock"]


# --------------------------------------------------------------------------- continuity


@pytest.fixture(scope="module")
def small_mc(default_scenario):
    return default_scenario.with_overrides({"run.mc_draws": 200})


def test_an_actual_state_equal_to_the_forecast_reproduces_the_forecast(example_baseline, small_mc):
    plan = run_talent(example_baseline, small_mc)
    state = state_of(stocks_at(plan))
    again = run_talent(example_baseline, small_mc, ledger=state, calibrate=False)
    assert again.actual_month == dict.fromkeys(example_baseline.county_ids, 15)
    # central path: every month, every flow, to 1e-9
    np.testing.assert_allclose(again.flows[NUMBERS], plan.flows[NUMBERS], rtol=0, atol=1e-9)
    np.testing.assert_allclose(again.city_total, plan.city_total, rtol=0, atol=1e-9)
    assert np.abs(again.correction["correction"]).max() < 1e-9
    assert again.target.first_met == plan.target.first_met
    # the draws: the plan's own Monte Carlo with its uncertainty starting after month 15
    inp = prepare(example_baseline, small_mc)
    rates = drawn_rates(small_mc.talent, 200, small_mc.run.seed)
    switch = np.full(len(example_baseline.county_ids), 15)
    ref = simulate_draws(inp, rates, before=central_rates(small_mc.talent), switch=switch)
    ref_bands = bands_frame(ref, plan_months(2014, inp.months))
    cols = ["p10", "p50", "p90", "mean"]
    np.testing.assert_allclose(again.bands[cols], ref_bands[cols], rtol=0, atol=1e-9)
    # up to the last actual month every draw is the central path: no band yet
    early = again.bands.iloc[:15]
    np.testing.assert_allclose(early["p10"], plan.city_total.iloc[:15], rtol=0, atol=1e-9)
    np.testing.assert_allclose(early["p90"], early["p10"], rtol=0, atol=1e-9)
    assert (again.bands["p90"].iloc[15:] > again.bands["p10"].iloc[15:]).all()
    deadline = small_mc.targets.talent_deadline_month
    expected = np.mean(read_actuals(ref, 15, {15: float(plan.city_total.iloc[14])})[:deadline]
                       .max(axis=0) > small_mc.targets.talent_total_min)  # fmt: skip
    assert again.target.probability == pytest.approx(expected, abs=1e-12)


def test_without_a_ledger_the_result_has_no_actuals(example_baseline, small_mc):
    r = run_talent(example_baseline, small_mc, ledger=None)
    assert r.actual_month == {} and r.actual is None
    assert r.calibration is None and r.correction is None


# --------------------------------------------------------------------------- a county behind


@pytest.fixture(scope="module")
def tiny_scenario(default_scenario):
    return default_scenario.with_overrides({"run.mc_draws": 0})


@pytest.mark.parametrize("attrition", [0.0, 0.12])
def test_a_county_behind_ends_behind_by_the_hand_computed_difference(
    tiny_baseline, tiny_scenario, attrition
):
    """Returnees have no contract and no promotion and every county holds far more than its
    vacancies need, so 10 missing returnees at the end of March 2015 are still missing 45
    months later, less the attrition: 10 (1 - a) ** (45 / 12)."""
    s = tiny_scenario.with_overrides({"talent.attrition_rate.returnee": attrition})
    plan = run_talent(tiny_baseline, s)
    st = stocks_at(plan)
    behind = (st["county_id"].astype(str) == "C02") & (st["pool"].astype(str) == "returnee")
    st.loc[behind, "stock"] -= 10
    again = run_talent(tiny_baseline, s, ledger=state_of(st), calibrate=False)
    last = plan.flows["month"].max()
    gap = (
        stocks_at(plan, last).set_index(["county_id", "pool"])["stock"]
        - stocks_at(again, last).set_index(["county_id", "pool"])["stock"]
    )
    expected = 10 * (1 - attrition) ** (45 / 12)  # 10.0, or 6.1929... with 12 % a year
    assert gap[("C02", "returnee")] == pytest.approx(expected, rel=1e-9)
    assert gap.drop(("C02", "returnee")).abs().max() < 1e-9
    assert (plan.city_total - again.city_total).iloc[-1] == pytest.approx(expected, rel=1e-9)
    # every month of March 2015 onwards: the gap decays month by month
    k = np.arange(0, 46)
    city_gap = (plan.city_total - again.city_total).iloc[14:].to_numpy()
    np.testing.assert_allclose(city_gap, 10 * (1 - attrition) ** (k / 12), rtol=1e-9)
    # before the last actual month the path is the plan's
    np.testing.assert_allclose(plan.city_total.iloc[:14], again.city_total.iloc[:14], atol=1e-9)
    c = again.correction.set_index(["county_id", "pool"])["correction"]
    assert c[("C02", "returnee")] == pytest.approx(-10, abs=1e-9)


def test_officials_contract_cohorts_follow_the_reported_stock(tiny_baseline, tiny_scenario):
    """No attrition, appointments or promotions: the 2012 cohort (C01: one official) ends
    its contract in August 2015 and 40 % of it leaves, 0.4 in the plan. Reporting half the
    officials the plan has in March 2015 halves the cohort, so 0.2 leave."""
    s = tiny_scenario.with_overrides(
        {
            "talent.attrition_rate.cgvo": 0.0,
            "talent.vacancies_from_pools": 0.0,
            "talent.promotion_count": 0,
        }
    )
    plan = run_talent(tiny_baseline, s)
    st = stocks_at(plan)
    cg = (st["county_id"].astype(str) == "C01") & (st["pool"].astype(str) == "cgvo")
    st.loc[cg, "stock"] *= 0.5
    again = run_talent(tiny_baseline, s, ledger=state_of(st), calibrate=False)

    def expired(r, county):
        f = r.flows
        row = f[(f["month"] == pd.Period("2015-08", "M")) & (f["county_id"] == county)
                & (f["pool"] == "cgvo")]  # fmt: skip
        return float(row["out_expired"].iloc[0])

    assert expired(plan, "C01") == pytest.approx(0.4, abs=1e-12)
    assert expired(again, "C01") == pytest.approx(0.2, abs=1e-12)
    assert expired(again, "C02") == pytest.approx(expired(plan, "C02"), abs=1e-12)


# --------------------------------------------------------------------------- the target reading


def test_the_target_is_not_claimed_from_simulated_months_before_the_last_actual(
    tiny_baseline, tiny_scenario
):
    """The plan passes 3,000 in December 2014 (month 12); reported stocks at March 2015
    below 3,000 mean the first month met is the first simulated one after March above it;
    reported stocks above it make March 2015 (the reported month) the first one met."""
    s = tiny_scenario.with_overrides({"targets.talent_total_min": 3000})
    plan = run_talent(tiny_baseline, s)
    assert plan.target.first_met_month == 12
    st = stocks_at(plan)
    total = st["stock"].sum()  # 4409.5: above the threshold
    low = st.assign(stock=st["stock"] * 2900 / total)
    r_low = run_talent(tiny_baseline, s, ledger=state_of(low), calibrate=False)
    after = r_low.city_total.iloc[15:]
    assert r_low.city_total.iloc[14] == pytest.approx(2900, abs=1e-9)
    first_above = int(np.argmax(after.to_numpy() > 3000)) + 16
    assert r_low.target.first_met_month == first_above > 15
    r_high = run_talent(tiny_baseline, s, ledger=state_of(st), calibrate=False)
    assert r_high.target.first_met_month == 15


def test_read_actuals_hides_simulated_months_up_to_the_last_actual():
    total = np.array([[11.0, 12.0], [13.0, 9.0], [8.0, 8.0], [20.0, 5.0]])
    out = read_actuals(total, 3, {2: 9.5})
    assert out[:, 0].tolist() == [-np.inf, 9.5, -np.inf, 20.0]
    assert out[:, 1].tolist() == [-np.inf, 9.5, -np.inf, 5.0]


# --------------------------------------------------------------------------- the Example City


@pytest.fixture(scope="module")
def example_2015(example_ledger):
    return example_ledger.as_of("2015-06")


@pytest.fixture(scope="module")
def example_runs(example_baseline, default_scenario, example_2015):
    plan = run_talent(example_baseline, default_scenario)
    plain = run_talent(example_baseline, default_scenario, ledger=example_2015, calibrate=False)
    cal = run_talent(example_baseline, default_scenario, ledger=example_2015)
    return plan, plain, cal


def test_example_city_stocks_at_the_last_return_are_the_reported_closings(
    example_runs, example_2015
):
    _, plain, cal = example_runs
    reported = example_2015.talent_stock().set_index(["county_id", "pool"])["closing"]
    for r in (plain, cal):
        at = stocks_at(r).astype({"county_id": str, "pool": str})
        at = at.set_index(["county_id", "pool"])["stock"]
        assert at.sort_index().to_dict() == reported.astype(float).sort_index().to_dict()
        assert r.city_total.loc[MARCH_2015] == reported.sum() == 6545
        assert set(r.actual_month.values()) == {15}


def test_example_city_actual_frame_holds_every_reported_period_end(example_runs, example_2015):
    _, _, cal = example_runs
    a = cal.actual
    assert list(a.columns) == ["county_id", "pool", "month", "stock"]
    assert a["month"].dtype == pd.PeriodDtype("M")
    city = a[a["county_id"].isna()]
    # five quarters (2014Q1-2015Q1) x three pools, and 10 counties x 15 for the counties
    assert len(city) == 15 and len(a) == 15 + 150
    flows = example_2015.talent_flows()
    q1 = flows[flows["period"] == "2014Q1"].groupby("pool")["closing"].sum()
    got = city[city["month"] == pd.Period("2014-03", "M")].set_index("pool")["stock"]
    assert {p: got[p] for p in POOLS} == {p: float(q1[p]) for p in POOLS}
    assert {p: got[p] for p in POOLS} == {"cgvo": 719.0, "returnee": 2076.0, "leader": 1730.0}


def test_example_city_probability_with_and_without_calibration(example_runs):
    """Golden figures of docs/reforecast.md (1,000 draws, the scenario's seed)."""
    plan, plain, cal = example_runs
    assert plan.target.probability == pytest.approx(0.413)
    assert plain.target.probability == pytest.approx(0.484)
    assert cal.target.probability == pytest.approx(0.619)
    # the evidence narrows the range of the draws at the deadline
    width = {k: np.percentile(r.draws_at_deadline, 90) - np.percentile(r.draws_at_deadline, 10)
             for k, r in (("plain", plain), ("cal", cal))}  # fmt: skip
    assert width["cal"] < width["plain"]
    assert cal.calibration is not None and plain.calibration is None


def test_same_ledger_and_seed_give_the_same_numbers(example_baseline, small_mc, example_2015):
    a = run_talent(example_baseline, small_mc, ledger=example_2015)
    b = run_talent(example_baseline, small_mc, ledger=example_2015)
    assert np.array_equal(a.draws_at_deadline, b.draws_at_deadline)
    pd.testing.assert_frame_equal(a.calibration, b.calibration)


# --------------------------------------------------------------------------- bad input


def test_a_ledger_naming_an_unknown_county_is_refused(tiny_baseline, tiny_scenario):
    st = pd.DataFrame({"county_id": "C99", "pool": list(POOLS), "stock": 1.0})
    with pytest.raises(DataError, match="counties the baseline does not have") as e:
        run_talent(tiny_baseline, tiny_scenario, ledger=state_of(st))
    assert "C99" in str(e.value) and "C01" in str(e.value)


def test_a_return_without_every_pool_is_refused(tiny_baseline, tiny_scenario):
    st = pd.DataFrame({"county_id": "C01", "pool": ["cgvo", "leader"], "stock": 1.0})
    with pytest.raises(DataError, match="lacks reserve-talent pools") as e:
        run_talent(tiny_baseline, tiny_scenario, ledger=state_of(st))
    assert "returnee" in str(e.value)


def test_a_return_after_the_horizon_is_refused(tiny_baseline, tiny_scenario):
    st = pd.DataFrame({"county_id": "C01", "pool": list(POOLS), "stock": 1.0})
    with pytest.raises(DataError, match="after the plan's horizon") as e:
        run_talent(tiny_baseline, tiny_scenario, ledger=state_of(st, "2019Q1"))
    assert "63 months" in str(e.value) and "60 months" in str(e.value)


def test_calibration_without_a_spread_names_the_field(tiny_baseline, tiny_scenario):
    s = tiny_scenario.with_overrides({"talent.fill_rate_spread": 0.0})
    st = pd.DataFrame({"county_id": "C01", "pool": list(POOLS), "stock": 1.0})
    with pytest.raises(ScenarioError, match="spread") as e:
        run_talent(tiny_baseline, s, ledger=state_of(st))
    assert "talent.fill_rate_spread" in str(e.value)
    # without calibration the same state runs
    r = run_talent(tiny_baseline, s, ledger=state_of(st), calibrate=False)
    assert r.actual_month == {"C01": 15}


def test_a_period_ending_before_the_plan_leaves_the_county_on_the_plan(
    tiny_baseline, tiny_scenario
):
    plan = run_talent(tiny_baseline, tiny_scenario)
    st = pd.DataFrame({"county_id": "C01", "pool": list(POOLS), "stock": 1.0})
    r = run_talent(tiny_baseline, tiny_scenario, ledger=state_of(st, "2013Q4"), calibrate=False)
    assert r.actual_month == {}
    np.testing.assert_allclose(r.city_total, plan.city_total, rtol=0, atol=1e-9)
    assert date(2013, 12, 31) not in set(r.actual["month"].dt.end_time.dt.date)


def test_a_state_before_any_return_keeps_the_plan(example_baseline, small_mc, example_ledger):
    """As of 2014-03 no county has reported: the central run is the plan's, nothing is
    actual and every calibrated rate is the scenario's prior."""
    state = example_ledger.as_of("2014-03")
    assert state.reported_months(2014) == {}
    plan = run_talent(example_baseline, small_mc)
    r = run_talent(example_baseline, small_mc, ledger=state)
    np.testing.assert_allclose(r.flows[NUMBERS], plan.flows[NUMBERS], rtol=0, atol=0)
    assert r.actual_month == {} and len(r.actual) == 0 and len(r.correction) == 0
    t = r.calibration
    assert set(t["evidence"]) == {"no_returns", "not_reported"}
    assert (t["posterior_mean"] == t["prior_mean"]).all()
    assert r.target.first_met == plan.target.first_met
