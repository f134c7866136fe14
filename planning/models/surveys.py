"""The two satisfaction rates the plan names, from the counties' surveys, with their
survey uncertainty.

The plan asks that "the satisfaction rate of the broad masses with grassroots Party
organisations and Party members, and of Party members with grassroots Party organisations"
reach over 90 %. The data hold, per county, both surveyed rates and their sample sizes
(``counties.satisfaction`` / ``satisfaction_respondents`` and ``member_satisfaction`` /
``member_respondents``), surveyed in the base year.

There is no causal model of satisfaction. A scenario may set an *assumed* yearly change in
share points (``targets.satisfaction_change_per_year``, or per county
``targets.satisfaction_change_by_county``; default 0), applied from the survey (the end of
the base year) to the deadline and clipped to 0-100 %; it is labelled as an assumption
wherever it is shown.

The city rate weights each county by its population. Its uncertainty is that of a
stratified sample: the variance of the weighted rate is ``sum(w**2 * p * (1 - p) / n)``,
the effective sample size ``p * (1 - p) / variance``, and the interval the Wilson score
interval at that size (95 %). A county's interval is the Wilson interval of its own survey.

>>> lo, hi = wilson_interval(0.8, 100)
>>> round(lo, 4), round(hi, 4)
(0.7112, 0.8666)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..data import Baseline
from ..errors import Problem, ScenarioError
from ..scenario import Scenario

Z95 = 1.959963984540054
"""Standard normal quantile of a two-sided 95 % interval."""

SURVEYS = {
    "masses": ("satisfaction", "satisfaction_respondents"),
    "members": ("member_satisfaction", "member_respondents"),
}
"""The two surveys the plan names: column of the rate and of the sample size in ``counties``."""


def wilson_interval(rate: float, respondents: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a surveyed share.

    Parameters
    ----------
    rate : float
        Share of respondents satisfied (0-1).
    respondents : float
        Sample size (an effective size may be fractional); must be > 0.
    z : float
        Normal quantile; 1.96 for 95 %.

    Returns
    -------
    (low, high)

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(0.9, 400)]
    [0.8667, 0.9257]
    """
    n = float(respondents)
    centre = (rate + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class SatisfactionResult:
    """Both satisfaction rates at the deadline, per county and for the city.

    Attributes
    ----------
    counties : DataFrame
        One row per county and survey: ``county_id``, ``survey`` (``masses`` /
        ``members``), ``population``, ``weight`` (population share), ``surveyed``,
        ``respondents``, ``change_per_year`` (the assumption), ``rate`` (at the deadline),
        ``low``, ``high`` (Wilson, 95 %).
    city : DataFrame
        One row per survey: ``survey``, ``rate``, ``low``, ``high``, ``respondents``,
        ``effective_respondents``.
    deadline_month : int
        Plan month the rates are projected to (the end of the horizon).
    years : float
        Years from the survey (end of the base year) to the deadline.
    assumed : bool
        Whether any assumed change is applied (the rates then are not the surveyed ones).
    """

    counties: pd.DataFrame
    city: pd.DataFrame
    deadline_month: int
    years: float
    assumed: bool
    county_names: dict[str, str] = field(default_factory=dict)

    def rate(self, survey: str = "masses") -> tuple[float, float, float]:
        """``(rate, low, high)`` of the city for one survey."""
        row = self.city.set_index("survey").loc[survey]
        return float(row["rate"]), float(row["low"]), float(row["high"])


def _changes(baseline: Baseline, scenario: Scenario) -> np.ndarray:
    t = scenario.targets
    ids = baseline.county_ids
    unknown = sorted(set(t.satisfaction_change_by_county) - set(ids))
    if unknown:
        raise ScenarioError(
            "targets.satisfaction_change_by_county names counties not in the data",
            [
                Problem(
                    "targets.satisfaction_change_by_county",
                    f"found {', '.join(unknown)}; expected county ids of the data: "
                    + ", ".join(ids),
                    key="targets.satisfaction_change_by_county",
                )
            ],
        )
    by_county = t.satisfaction_change_by_county
    return np.array([by_county.get(c, t.satisfaction_change_per_year) for c in ids], dtype=float)


def city_rate(
    rates: np.ndarray, respondents: np.ndarray, weights: np.ndarray
) -> tuple[float, float, float, float]:
    """The weighted rate of strata and its Wilson interval at the effective sample size.

    Returns
    -------
    (rate, low, high, effective_respondents)

    Examples
    --------
    >>> r = city_rate(np.array([0.8, 0.9]), np.array([100, 400]), np.array([1.0, 3.0]))
    >>> [round(x, 4) for x in r]
    [0.875, 0.8425, 0.9016, 482.7586]
    """
    w = np.asarray(weights, dtype=float) / float(np.sum(weights))
    p = np.asarray(rates, dtype=float)
    n = np.asarray(respondents, dtype=float)
    rate = float(np.sum(w * p))
    variance = float(np.sum(w * w * p * (1 - p) / n))
    # A share of 0 or 1 in every stratum has no sampling variance: use the whole sample.
    effective = rate * (1 - rate) / variance if variance > 0 else float(n.sum())
    low, high = wilson_interval(rate, effective)
    return rate, low, high, effective


def survey_satisfaction(baseline: Baseline, scenario: Scenario) -> SatisfactionResult:
    """Both satisfaction rates at the end of the horizon, per county and for the city.

    Parameters
    ----------
    baseline : Baseline
        Uses ``counties``: population and the two surveys.
    scenario : Scenario
        ``targets.satisfaction_change_*`` (the assumed change) and ``run`` (the horizon).

    Returns
    -------
    SatisfactionResult

    Examples
    --------
    >>> from planning import load_baseline, load_scenario
    >>> r = survey_satisfaction(load_baseline(), load_scenario())
    >>> sorted(r.city["survey"])
    ['masses', 'members']
    """
    c = baseline.counties
    deadline = scenario.run.months
    years = deadline / 12
    change = _changes(baseline, scenario)
    population = c["population"].to_numpy(dtype=float)
    weight = population / population.sum()
    rows, city = [], []
    for survey, (rate_col, n_col) in SURVEYS.items():
        surveyed = c[rate_col].to_numpy(dtype=float)
        n = c[n_col].to_numpy(dtype=float)
        rate = np.clip(surveyed + change * years, 0.0, 1.0)
        bounds = [wilson_interval(p, k) for p, k in zip(rate, n, strict=True)]
        rows.append(
            pd.DataFrame(
                {
                    "county_id": c["county_id"].to_numpy(),
                    "survey": survey,
                    "population": population,
                    "weight": weight,
                    "surveyed": surveyed,
                    "respondents": n.astype(int),
                    "change_per_year": change,
                    "rate": rate,
                    "low": [b[0] for b in bounds],
                    "high": [b[1] for b in bounds],
                }
            )
        )
        value, low, high, effective = city_rate(rate, n, weight)
        city.append(
            {
                "survey": survey,
                "rate": value,
                "low": low,
                "high": high,
                "respondents": int(n.sum()),
                "effective_respondents": effective,
            }
        )
    return SatisfactionResult(
        counties=pd.concat(rows, ignore_index=True),
        city=pd.DataFrame(city),
        deadline_month=deadline,
        years=years,
        assumed=bool(np.any(change != 0)),
        county_names=baseline.county_names,
    )


__all__ = [
    "SURVEYS",
    "SatisfactionResult",
    "Z95",
    "city_rate",
    "survey_satisfaction",
    "wilson_interval",
]
