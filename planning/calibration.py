"""Calibration of the reserve-talent Monte Carlo from the counties' returns.

The Monte Carlo of :mod:`planning.models.talent` draws three uncertain rates around the
scenario's values: the yearly attrition of each pool, the intake fill rate and the officials'
renewal share at contract end. Given the reported flows of a :class:`~planning.ledger.LedgerState`
those draws come instead from conjugate posteriors:

* **attrition** of each pool: a Gamma prior on the yearly rate (mean = the scenario's rate,
  standard deviation = its spread, by moments) and a Poisson count of the members who ``left``
  over the exposure in member-years (mean of opening and closing times the period's years).
  Gamma(a, b) + k events over E member-years = Gamma(a + k, b + E).
* **intake fill**: a Gamma prior on realised intake per planned recruit (mean
  ``intake_fill_rate``, sd ``fill_rate_spread``); events are the members who ``joined``, the
  exposure is the plan's intake for the same county and months.
* **renewal share**: a Beta prior by moments. The returns do not report renewals at contract
  end, so there is no evidence and the posterior is the prior (the table says so).

Pooling across counties: the city posterior comes from the counts of every county; each
county's prior has the city posterior's mean and the scenario prior's strength (``b`` times
``prior_strength``), and the county's own counts update it. With no evidence every posterior
is the scenario's prior exactly.

The college-graduate officials' ``left`` includes those leaving at contract end, which the
model counts apart (renewal share); periods containing a contract-end month are therefore
left out of the officials' attrition evidence.

Examples
--------
>>> a, b = gamma_prior(0.12, 0.03)
>>> round(a, 6), round(b, 6)
(16.0, 133.333333)
>>> gamma_update(16.0, 133.0, events=30, exposure=200.0)
(46.0, 333.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .errors import DataError, Problem

POOLS_DEFAULT = ("cgvo", "returnee", "leader")
LOW, HIGH = 0.05, 0.95
"""The interval shown for every prior and posterior: 5 % and 95 % quantiles."""
PRIOR_STRENGTH = 1.0
"""A county's prior carries this multiple of the scenario prior's strength (its ``b``)."""
MAX_ATTRITION = 0.95
"""Drawn yearly attrition is capped here, as in the uncalibrated Monte Carlo."""

COLUMNS = (
    "rate", "pool", "county_id", "prior_mean", "prior_p05", "prior_p95", "events", "exposure",
    "posterior_mean", "posterior_p05", "posterior_p95", "evidence",
)  # fmt: skip
"""Columns of :attr:`Calibration.table`. ``evidence`` is ``reported`` (returns counted),
``no_returns`` (nothing reported for it) or ``not_reported`` (the returns do not carry it)."""


def gamma_prior(mean: float, sd: float) -> tuple[float, float]:
    """Shape ``a`` and rate ``b`` of the Gamma with this mean and standard deviation.

    >>> gamma_prior(0.5, 0.25)
    (4.0, 8.0)
    """
    if not (mean > 0 and sd > 0):
        raise DataError(
            "a Gamma prior needs a positive mean and spread",
            [Problem("calibration", f"found mean {mean!r}, sd {sd!r}; both must be more than 0")],
        )
    return mean**2 / sd**2, mean / sd**2


def beta_prior(mean: float, sd: float) -> tuple[float, float]:
    """``alpha`` and ``beta`` of the Beta with this mean and standard deviation.

    >>> [round(x, 9) for x in beta_prior(0.6, 0.08)]
    [21.9, 14.6]
    """
    var = sd**2
    if not (0 < mean < 1 and 0 < var < mean * (1 - mean)):
        raise DataError(
            "a Beta prior needs a mean between 0 and 1 and a spread below sqrt(mean (1 - mean))",
            [Problem("calibration", f"found mean {mean!r}, sd {sd!r}")],
        )
    common = mean * (1 - mean) / var - 1
    return mean * common, (1 - mean) * common


def gamma_update(a: float, b: float, events: float, exposure: float) -> tuple[float, float]:
    """Gamma(a, b) prior, ``events`` Poisson events over ``exposure`` -> posterior (a + k, b + E)."""
    return a + events, b + exposure


def gamma_summary(a, b) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, 5 % and 95 % quantiles of Gamma(a, b) (shape, rate)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a / b, stats.gamma.ppf(LOW, a, scale=1 / b), stats.gamma.ppf(HIGH, a, scale=1 / b)


# --------------------------------------------------------------------------- evidence


def plan_month(dates: pd.Series, start_year: int) -> np.ndarray:
    """Plan month (1 = January of ``start_year``) of each date."""
    d = pd.to_datetime(dates)
    return ((d.dt.year - start_year) * 12 + d.dt.month).to_numpy(dtype=int)


def reported_periods(flows: pd.DataFrame, returns: pd.DataFrame, start_year: int) -> pd.DataFrame:
    """The talent sheet with each row's first and last plan month (``m0``, ``m1``)."""
    need = {"county_id", "period", "pool", "opening", "joined", "left", "closing"}
    missing = sorted(need - set(flows.columns))
    if missing:
        raise DataError(
            "the talent sheet lacks columns the calibration reads",
            [
                Problem(
                    "talent", f"missing {', '.join(missing)}; expected {', '.join(sorted(need))}"
                )
            ],
        )
    keys = returns[["county_id", "period", "period_start", "period_end"]]
    f = flows.merge(keys, on=["county_id", "period"], how="left")
    if f["period_end"].isna().any():
        bad = f.loc[f["period_end"].isna(), ["county_id", "period"]].drop_duplicates()
        shown = ", ".join(f"{c} {p}" for c, p in bad.itertuples(index=False))
        raise DataError(
            "talent rows without a return",
            [Problem("talent", f"{shown}: no return of that county and period")],
        )
    f["m0"] = plan_month(f["period_start"], start_year)
    f["m1"] = plan_month(f["period_end"], start_year)
    return f


@dataclass(frozen=True)
class Evidence:
    """Counts per pool and county, ``[P, C]`` (attrition) and ``[C]`` (fill)."""

    left: np.ndarray
    member_years: np.ndarray
    joined: np.ndarray
    planned: np.ndarray
    has_attrition: np.ndarray  # [P, C] bool: some period counted
    has_fill: np.ndarray  # [C] bool


def evidence(
    periods: pd.DataFrame,
    planned: np.ndarray,
    county_ids: list[str],
    pools: tuple[str, ...] = POOLS_DEFAULT,
    skip_months: dict[str, set[int]] | None = None,
) -> Evidence:
    """Events and exposures from :func:`reported_periods` rows.

    ``planned`` is the plan's intake ``[T, P, C]`` before the fill rate; a period's planned
    intake is its months' sum within the plan (months before plan start count 0, and such
    periods are left out of the fill evidence). ``skip_months[pool]`` are plan months whose
    periods are left out of that pool's attrition (the officials' contract ends).
    """
    P, C, T = len(pools), len(county_ids), planned.shape[0]
    c = pd.Index(county_ids).get_indexer(periods["county_id"])
    p = pd.Index(pools).get_indexer(periods["pool"])
    if (c < 0).any() or (p < 0).any():
        bad = sorted(set(periods["county_id"][c < 0]) | set(periods["pool"][p < 0]))
        raise DataError(
            "the talent sheet names unknown counties or pools",
            [Problem("talent", f"found {', '.join(map(str, bad))}; allowed: "
                     + ", ".join([*county_ids, *pools]))],
        )  # fmt: skip
    m0, m1 = periods["m0"].to_numpy(), periods["m1"].to_numpy()
    years = (m1 - m0 + 1) / 12.0
    exposure = 0.5 * (periods["opening"].to_numpy(float) + periods["closing"].to_numpy(float))
    exposure = exposure * years
    counted = np.ones(len(periods), bool)
    for pool, months in (skip_months or {}).items():
        if pool in pools and months:
            spans = zip(m0, m1, strict=True)
            hit = np.array([any(a <= m <= b for m in months) for a, b in spans], dtype=bool)
            counted &= ~((p == pools.index(pool)) & hit)
    left = np.zeros((P, C))
    member_years = np.zeros((P, C))
    has_attr = np.zeros((P, C), bool)
    np.add.at(left, (p[counted], c[counted]), periods["left"].to_numpy(float)[counted])
    np.add.at(member_years, (p[counted], c[counted]), exposure[counted])
    has_attr[p[counted], c[counted]] = True
    # Fill: the plan's intake of the same county and months, all pools together.
    cum = np.concatenate([np.zeros((1, P, C)), np.cumsum(planned, axis=0)])
    inside = m0 >= 1
    lo, hi = np.clip(m0 - 1, 0, T), np.clip(m1, 0, T)
    plan_rows = cum[hi, p, c] - cum[lo, p, c]
    joined = np.zeros(C)
    plan = np.zeros(C)
    np.add.at(joined, c[inside], periods["joined"].to_numpy(float)[inside])
    np.add.at(plan, c[inside], plan_rows[inside])
    has_fill = np.zeros(C, bool)
    has_fill[c[inside]] = True
    return Evidence(left, member_years, joined, plan, has_attr, has_fill)


# --------------------------------------------------------------------------- posteriors


@dataclass(frozen=True)
class Calibration:
    """Prior and posterior of every calibrated rate, city-wide and per county.

    Attributes
    ----------
    attrition : tuple of ndarray
        ``(a, b)`` of each county's posterior on the yearly attrition, ``[P, C]``.
    fill : tuple of ndarray
        ``(a, b)`` of each county's posterior on the intake fill rate, ``[C]``.
    renewal : tuple of float
        ``(alpha, beta)`` of the renewal share (city-wide).
    table : DataFrame
        One row per rate and place (:data:`COLUMNS`); ``county_id`` None for the city.
    """

    attrition: tuple[np.ndarray, np.ndarray]
    fill: tuple[np.ndarray, np.ndarray]
    renewal: tuple[float, float]
    table: pd.DataFrame

    def means(self) -> tuple[np.ndarray, np.ndarray, float]:
        """Posterior means: attrition ``[P, C]`` (capped), fill ``[C]``, renewal."""
        a, b = self.attrition
        fa, fb = self.fill
        ra, rb = self.renewal
        return np.minimum(a / b, MAX_ATTRITION), fa / fb, ra / (ra + rb)

    def draws(self, n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``n`` draws: attrition ``[P, n, C]``, fill ``[n, C]``, renewal ``[n]``.

        One uniform per draw and rate is shared by every county (a bad year is bad
        everywhere) and turned into each county's posterior quantile, so counties keep
        their own posteriors and move together. Same seed, same numbers.
        """
        rng = np.random.default_rng(seed)
        a, b = self.attrition
        P, C = a.shape
        u_attr = stats.uniform.rvs(size=(P, n), random_state=rng)
        u_fill = stats.uniform.rvs(size=n, random_state=rng)
        u_ren = stats.uniform.rvs(size=n, random_state=rng)
        attr = stats.gamma.ppf(u_attr[:, :, None], a[:, None, :], scale=1 / b[:, None, :])
        fa, fb = self.fill
        fill = stats.gamma.ppf(u_fill[:, None], fa[None, :], scale=1 / fb[None, :])
        renewal = stats.beta.ppf(u_ren, *self.renewal)
        return np.minimum(attr, MAX_ATTRITION), fill, renewal


def calibrate(
    ev: Evidence,
    county_ids: list[str],
    attrition: dict[str, tuple[float, float]],
    fill: tuple[float, float],
    renewal: tuple[float, float],
    *,
    pools: tuple[str, ...] = POOLS_DEFAULT,
    reporting: set[str] | None = None,
    prior_strength: float = PRIOR_STRENGTH,
) -> Calibration:
    """Posteriors from the evidence and the scenario's ``(mean, sd)`` of each rate.

    ``attrition`` maps each pool to the scenario's (rate, spread); ``fill`` and ``renewal``
    are (mean, spread). ``reporting`` are the counties with returns (the others show
    ``no_returns``). ``prior_strength`` scales the county priors' strength.
    """
    if prior_strength <= 0:
        raise DataError(
            "the county prior strength must be positive",
            [Problem("prior_strength", f"found {prior_strength!r}; expected more than 0")],
        )
    reporting = set(county_ids) if reporting is None else reporting
    rows: list[dict] = []
    P, C = len(pools), len(county_ids)
    post_a, post_b = np.zeros((P, C)), np.zeros((P, C))

    def add(rate, pool, county, prior, k, e, post, evidence_kind):
        pm, p05, p95 = (float(x) for x in gamma_summary(*prior))
        qm, q05, q95 = (float(x) for x in gamma_summary(*post))
        rows.append(dict(zip(COLUMNS, (rate, pool, county, pm, p05, p95, float(k), float(e),
                                       qm, q05, q95, evidence_kind), strict=True)))  # fmt: skip

    def pooled(rate, pool, mean_sd, k, e, has):
        a0, b0 = gamma_prior(*mean_sd)
        a_city, b_city = gamma_update(a0, b0, k.sum(), e.sum())
        add(rate, pool, None, (a0, b0), k.sum(), e.sum(), (a_city, b_city),
            "reported" if has.any() else "no_returns")  # fmt: skip
        bc = b0 * prior_strength
        ac = a_city * (bc / b_city)  # the city mean at the county strength
        a_post, b_post = ac + k, bc + e
        for j, cid in enumerate(county_ids):
            kind = "reported" if has[j] else "no_returns"
            add(rate, pool, cid, (ac, bc), k[j], e[j], (a_post[j], b_post[j]), kind)
        return a_post, b_post

    for i, pool in enumerate(pools):
        post_a[i], post_b[i] = pooled(
            "attrition", pool, attrition[pool], ev.left[i], ev.member_years[i],
            ev.has_attrition[i] & np.isin(county_ids, list(reporting)),
        )  # fmt: skip
    fill_post = pooled("intake_fill", None, fill, ev.joined, ev.planned,
                       ev.has_fill & np.isin(county_ids, list(reporting)))  # fmt: skip
    alpha, beta = beta_prior(*renewal)
    lo, hi = stats.beta.ppf([LOW, HIGH], alpha, beta)
    mean = alpha / (alpha + beta)
    rows.append(dict(zip(COLUMNS, ("renewal", "cgvo", None, mean, lo, hi, np.nan, np.nan,
                                   mean, lo, hi, "not_reported"), strict=True)))  # fmt: skip
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    for col in ("rate", "pool", "county_id", "evidence"):  # None stays None (the city)
        table[col] = pd.Series([r[col] for r in rows], dtype=object)
    return Calibration((post_a, post_b), fill_post, (alpha, beta), table)


# --------------------------------------------------------------------------- labels


def labelled(table: pd.DataFrame, lang: str = "en", county_names: dict | None = None):
    """The calibration table with its rows and columns named in ``lang`` (numbers kept):
    rate labels, county names (the city as such), the evidence in words.

    >>> t = calibrate(Evidence(np.zeros((3, 1)), np.zeros((3, 1)), np.zeros(1), np.zeros(1),
    ...               np.zeros((3, 1), bool), np.zeros(1, bool)), ["C01"],
    ...               dict.fromkeys(POOLS_DEFAULT, (0.1, 0.02)), (1.0, 0.1), (0.6, 0.08)).table
    >>> labelled(t, "zh", {"C01": "松峰区"}).iloc[0, :2].tolist()
    ['年出库率：大学生村官', '全市']
    """
    from .i18n import t

    names = county_names or {}

    def rate(row) -> str:
        key = f"calibration.rate.{row['rate']}"
        return t(f"{key}.{row['pool']}" if row["rate"] == "attrition" else key, lang)

    def county(cid) -> str:
        return t("calibration.city", lang) if cid is None else names.get(cid, cid)

    out = pd.DataFrame(
        {
            "rate": [rate(r) for _, r in table.iterrows()],
            "county": [county(c) for c in table["county_id"]],
            **{c: table[c].to_numpy() for c in COLUMNS[3:-1]},
            "evidence": [t(f"calibration.evidence.{e}", lang) for e in table["evidence"]],
        }
    )
    return out.rename(columns={c: t(f"calibration.col.{c}", lang) for c in out.columns})
