"""Pairing of agency cadres with poor households, from the pairing ledger.

The plan: "each Party member and cadre in government agencies must contact at least one
poor household". The data (``agency_cadres``) list every agency cadre, the poor households
paired with them and the month the pairing began (or is scheduled to begin). Coverage in a
month is the share of the cadres whose pairing has begun by the end of that month; the
register compares it with 100 % at the end of the first plan year. Nothing is projected:
the ledger is read as it is.

>>> from planning import load_baseline, load_scenario
>>> r = pairing_coverage(load_baseline(), load_scenario())
>>> r.cadres
4000
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..data import Baseline
from ..scenario import Scenario

DEADLINE_MONTH = 12
"""The plan's year 1: cadres are paired by the end of the first plan year."""


@dataclass(frozen=True)
class PairingResult:
    """Coverage of agency cadres with at least one paired poor household.

    Attributes
    ----------
    coverage : DataFrame
        One row per plan month from 0 (the month before the plan) to the horizon: ``month``,
        ``date`` (Period), ``cadres``, ``paired`` (pairing begun by the end of the month),
        ``share``.
    counties : DataFrame
        One row per county: ``county_id``, ``cadres``, ``paired_by_deadline``,
        ``share_by_deadline``, ``never_paired`` (no household in the ledger),
        ``households`` (poor households paired, all dates).
    deadline_month : int
        Plan month of the target (end of the first plan year).
    cadres, households : int
        Agency cadres and paired poor households in the ledger.
    """

    coverage: pd.DataFrame
    counties: pd.DataFrame
    deadline_month: int
    cadres: int
    households: int
    county_names: dict[str, str] = field(default_factory=dict)

    def share_at(self, month: int) -> float | None:
        """Coverage at the end of a plan month; None without cadres or outside the horizon."""
        row = self.coverage.loc[self.coverage["month"] == month, "share"]
        return None if row.empty or pd.isna(row.iloc[0]) else float(row.iloc[0])


def _plan_month(paired_from: pd.Series, start_year: int) -> np.ndarray:
    """Plan month each pairing began (0 or less = before the plan); inf when never."""
    out = np.full(len(paired_from), np.inf)
    dated = (paired_from != "").to_numpy()
    if dated.any():
        p = pd.PeriodIndex(paired_from[dated].to_numpy(), freq="M")
        out[dated] = (p.year - start_year) * 12 + p.month
    return out


def pairing_coverage(baseline: Baseline, scenario: Scenario) -> PairingResult:
    """Coverage of agency cadres by month, city-wide and per county at the deadline.

    Parameters
    ----------
    baseline : Baseline
        Uses ``agency_cadres`` (and ``counties`` for the order of counties).
    scenario : Scenario
        Uses ``run`` (first plan year and horizon) only.

    Returns
    -------
    PairingResult
    """
    a = baseline.agency_cadres
    start, horizon = scenario.run.start_year, scenario.run.months
    began = _plan_month(a["paired_from"], start)
    months = np.arange(0, horizon + 1)
    paired = (began[None, :] <= months[:, None]).sum(axis=1)
    n = len(a)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n > 0, paired / max(n, 1), np.nan)
    base = pd.Period(year=start, month=1, freq="M")
    coverage = pd.DataFrame(
        {
            "month": months,
            "date": [base + (int(m) - 1) for m in months],
            "cadres": n,
            "paired": paired,
            "share": share,
        }
    )
    deadline = DEADLINE_MONTH
    by = pd.DataFrame(
        {
            "county_id": a["county_id"].to_numpy(),
            "paired_by_deadline": began <= deadline,
            "never_paired": ~np.isfinite(began),
            "households": a["poor_households"].to_numpy(),
        }
    )
    counties = (
        by.groupby("county_id", sort=False)
        .agg(
            cadres=("county_id", "size"),
            paired_by_deadline=("paired_by_deadline", "sum"),
            never_paired=("never_paired", "sum"),
            households=("households", "sum"),
        )
        .reindex(baseline.county_ids, fill_value=0)
        .rename_axis("county_id")
        .reset_index()
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        counties.insert(
            3,
            "share_by_deadline",
            np.where(
                counties["cadres"] > 0,
                counties["paired_by_deadline"] / counties["cadres"].clip(lower=1),
                np.nan,
            ),
        )
    return PairingResult(
        coverage=coverage,
        counties=counties,
        deadline_month=deadline,
        cadres=n,
        households=int(a["poor_households"].sum()),
        county_names=baseline.county_names,
    )


__all__ = ["DEADLINE_MONTH", "PairingResult", "pairing_coverage"]
