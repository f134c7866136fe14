"""Village secretary subsidies: basic subsidy tied to rural income, performance subsidy.

The plan sets the basic subsidy "based on a standard that is no less than the per capita
income of farmers in the county", paid monthly, and a performance subsidy from the yearly
assessment, paid by the township after the year end.

Rules used here:

- Posts: one secretary per village, so a county pays as many basic subsidies as it has
  villages (vacant posts are filled within the year).
- Basic subsidy per secretary in plan year *t* =
  ``max(pay before the plan, multiplier x county rural income per capita in year t-1)``;
  the prior year's income is the published figure when the year's budget is set. Income
  grows by the scenario's yearly rates (``subsidies.income_growth_by_year``; the last rate
  repeats) or by each county's own recent rate.
- Performance subsidy earned in year *t* = basic x sum over grades (share x bonus share);
  paid in ``performance_pay_month`` of year *t+1*. The last plan year's performance subsidy
  falls after the horizon: it is counted in the yearly totals when earned (accrual) and
  reported as ``performance_after_horizon_yuan``, but it is not in the monthly cash flow.
  No performance subsidy is paid in year 1 for the base year (the scheme starts with the
  plan).
- Compliance: basic >= the county's prior-year rural income per capita (the standard as
  published). A stricter check against the same year's income is also reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..data import Baseline
from ..errors import DataError, Problem
from ..scenario import Scenario

TOLERANCE_YUAN = 1e-6


@dataclass(frozen=True, eq=False)
class SubsidyBudget:
    """Subsidy budget of a scenario.

    Attributes
    ----------
    monthly : DataFrame
        Cash flow by month and county: month, date, year, county_id, basic_yuan,
        performance_yuan, total_yuan.
    yearly : DataFrame
        By year and county: year, county_id, secretaries, income_prior_yuan,
        basic_per_secretary_yuan, basic_yuan, basic_existing_yuan (the pay before the plan,
        already in the county's budget), basic_new_yuan (the rise above it: new spending),
        performance_earned_yuan, performance_paid_yuan, cash_yuan (basic + performance paid
        in the year), accrued_yuan (basic + performance earned in the year). The county
        pays the basic subsidy, the township the performance subsidy (the plan's words).
    compliance : DataFrame
        By year and county: year, county_id, basic_per_secretary_yuan, income_prior_yuan,
        income_same_year_yuan, margin_yuan, margin_share, compliant, compliant_same_year.
    performance_after_horizon_yuan : float
        Performance subsidy earned in the last plan year, paid after the horizon.
    """

    monthly: pd.DataFrame
    yearly: pd.DataFrame
    compliance: pd.DataFrame
    performance_after_horizon_yuan: float
    county_names: dict[str, str] = field(default_factory=dict)
    """County id -> name, for chart labels."""

    @property
    def all_compliant(self) -> bool:
        """Every county pays at least its prior-year rural income in every year."""
        return bool(self.compliance["compliant"].all())

    @property
    def cash_by_year(self) -> pd.DataFrame:
        """City totals by year: year, basic_yuan, performance_paid_yuan, cash_yuan."""
        cols = ["basic_yuan", "performance_paid_yuan", "cash_yuan"]
        return self.yearly.groupby("year", as_index=False)[cols].sum()


def income_path(baseline: Baseline, scenario: Scenario) -> pd.DataFrame:
    """Rural income per capita by county and year, base year included.

    Returns
    -------
    DataFrame
        county_id, year, income_yuan; year runs from the base year (``run.start_year - 1``)
        to the last plan year.

    Examples
    --------
    >>> income_path(load_baseline(), Scenario()).query("county_id == 'C01' and year == 2014")
      county_id  year  income_yuan
    1       C01  2014     12252.18
    """
    sub, run = scenario.subsidies, scenario.run
    counties = baseline.counties
    years = run.horizon_years
    if sub.income_growth_source == "scenario":
        rates = list(sub.income_growth_by_year) or [0.0]
        rates = (rates + [rates[-1]] * years)[:years]
        growth = np.tile(np.asarray(rates, dtype=float), (len(counties), 1))
    else:
        growth = np.repeat(counties["income_growth"].to_numpy(float)[:, None], years, axis=1)
    base = counties["rural_income_yuan"].to_numpy(float)[:, None]
    income = np.hstack([base, base * np.cumprod(1 + growth, axis=1)])
    return pd.DataFrame(
        {
            "county_id": np.repeat(counties["county_id"].to_numpy(), years + 1),
            "year": np.tile(run.start_year - 1 + np.arange(years + 1), len(counties)),
            "income_yuan": income.ravel(),
        }
    )


def _posts(baseline: Baseline) -> pd.Series:
    vc = baseline.village_county
    unknown = sorted(set(vc.dropna()) - set(baseline.county_ids))
    if vc.isna().any() or unknown:
        raise DataError(
            "villages cannot be placed in counties",
            [Problem("townships", "a village's township has no known county")],
        )
    return vc.value_counts().reindex(baseline.county_ids, fill_value=0)


def _yearly(baseline: Baseline, scenario: Scenario) -> pd.DataFrame:
    sub, start_year = scenario.subsidies, scenario.run.start_year
    inc = income_path(baseline, scenario).pivot(index="county_id", columns="year")["income_yuan"]
    inc = inc.reindex(baseline.county_ids)
    pay = baseline.counties.set_index("county_id")["secretary_pay_yuan"]
    posts = _posts(baseline)
    bonus = sum(sub.grade_shares[g] * sub.grade_bonus[g] for g in sub.grade_shares)
    rows = []
    for year in range(start_year, start_year + scenario.run.horizon_years):
        prior, same = inc[year - 1], inc[year]
        basic = np.maximum(pay, sub.income_multiplier * prior)
        rows.append(
            pd.DataFrame(
                {
                    "year": year,
                    "county_id": baseline.county_ids,
                    "secretaries": posts.to_numpy(),
                    "income_prior_yuan": prior.to_numpy(),
                    "income_same_year_yuan": same.to_numpy(),
                    "basic_per_secretary_yuan": basic.to_numpy(),
                    "basic_yuan": (basic * posts).to_numpy(),
                    # What the county already paid each secretary before the plan goes on
                    # being paid; only the rise above it is new spending.
                    "basic_existing_yuan": (np.minimum(basic, pay) * posts).to_numpy(),
                    "performance_earned_yuan": (bonus * basic * posts).to_numpy(),
                }
            )
        )
    out = pd.concat(rows, ignore_index=True)
    out["basic_new_yuan"] = out["basic_yuan"] - out["basic_existing_yuan"]
    paid = out.groupby("county_id")["performance_earned_yuan"].shift(1, fill_value=0.0)
    out["performance_paid_yuan"] = paid
    out["cash_yuan"] = out["basic_yuan"] + paid
    out["accrued_yuan"] = out["basic_yuan"] + out["performance_earned_yuan"]
    return out


def _monthly(yearly: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    start_year, pay_month = scenario.run.start_year, scenario.subsidies.performance_pay_month
    months = np.arange(1, scenario.run.months + 1)
    frames = []
    for cid, g in yearly.groupby("county_id", sort=False):
        g = g.set_index("year")
        year = start_year + (months - 1) // 12
        basic = g.loc[year, "basic_yuan"].to_numpy() / 12
        perf = np.where((months - 1) % 12 + 1 == pay_month, g.loc[year, "performance_paid_yuan"], 0)
        frames.append(
            pd.DataFrame(
                {
                    "month": months,
                    "year": year,
                    "county_id": cid,
                    "basic_yuan": basic,
                    "performance_yuan": perf.astype(float),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out["total_yuan"] = out["basic_yuan"] + out["performance_yuan"]
    out.insert(
        1,
        "date",
        pd.to_datetime({"year": out["year"], "month": (out["month"] - 1) % 12 + 1, "day": 1}),
    )
    return out


def _compliance(yearly: pd.DataFrame) -> pd.DataFrame:
    out = yearly[
        [
            "year",
            "county_id",
            "basic_per_secretary_yuan",
            "income_prior_yuan",
            "income_same_year_yuan",
        ]
    ].copy()
    out["margin_yuan"] = out["basic_per_secretary_yuan"] - out["income_prior_yuan"]
    out["margin_share"] = out["margin_yuan"] / out["income_prior_yuan"]
    out["compliant"] = out["margin_yuan"] >= -TOLERANCE_YUAN
    out["compliant_same_year"] = (
        out["basic_per_secretary_yuan"] >= out["income_same_year_yuan"] - TOLERANCE_YUAN
    )
    return out


def plan_subsidies(baseline: Baseline, scenario: Scenario) -> SubsidyBudget:
    """Basic and performance subsidies of every county's village secretaries, by month and year.

    Parameters
    ----------
    baseline : Baseline
        Uses counties (rural income, its growth, pay before the plan), townships, villages.
    scenario : Scenario
        The ``subsidies`` section and ``run`` (start year, horizon).

    Returns
    -------
    SubsidyBudget

    Examples
    --------
    >>> sb = plan_subsidies(load_baseline(), load_scenario("baseline"))
    >>> sb.all_compliant
    True
    >>> sb.cash_by_year.set_index("year")["cash_yuan"].round(-5).head(2)
    year
    2014    13200000.0
    2015    18300000.0
    Name: cash_yuan, dtype: float64
    """
    yearly = _yearly(baseline, scenario)
    last = yearly["year"].max()
    after = float(yearly.loc[yearly["year"] == last, "performance_earned_yuan"].sum())
    return SubsidyBudget(
        monthly=_monthly(yearly, scenario),
        yearly=yearly.drop(columns="income_same_year_yuan"),
        compliance=_compliance(yearly),
        performance_after_horizon_yuan=after,
        county_names=baseline.county_names,
    )


budget_subsidies = plan_subsidies
"""The former name of :func:`plan_subsidies` (kept for existing scripts)."""
