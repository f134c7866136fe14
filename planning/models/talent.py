"""Reserve-talent pools, village cadre appointments, young cadres' degrees, social workers.

The model is a monthly stock-and-flow of the three reserve-talent pools (college-graduate
village officials ``cgvo``, returning migrants and business people ``returnee``, local
leaders in getting rich ``leader``) in every county, driven by the ``talent`` section of a
scenario. Everything is expected values (fractional persons); the uncertain rates
(attrition, intake fill rate, contract renewal) are drawn in a Monte Carlo whose draws are an
array axis, so 1,000 runs cost about as much as a few dozen plain ones.

Order of events inside one month, for each county and pool:

1. attrition on the stock at the start of the month, and this month's intake;
2. officials whose contract ends this month: the renewal share stays on, the rest leave;
3. in the promotion month, officials promoted to township posts;
4. appointments into village cadre vacancies (normal turnover plus the election wave).

Outflows 2-4 never take more than the stock holds, so stocks never go negative, and
``stock = stock_start + in_intake - out_attrition - out_expired - out_promoted -
out_appointed`` holds for every row of :attr:`TalentResult.flows`.

Examples
--------
>>> from planning import load_baseline, load_scenario
>>> result = run_talent(load_baseline(), load_scenario("baseline"))
>>> result.target.first_met                                     # doctest: +SKIP
Period('2017-01', 'M')
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..calibration import Calibration, evidence, reported_periods
from ..calibration import calibrate as calibrate_rates
from ..data import Baseline
from ..errors import DataError, Problem, ScenarioError, UsageError
from ..scenario import Scenario, Talent
from ..tables import DEGREE_LEVELS, POOLS

if TYPE_CHECKING:
    from ..ledger import LedgerState

P = len(POOLS)
CGVO, RETURNEE, LEADER = range(P)
FLOW_COLUMNS = ("in_intake", "out_attrition", "out_expired", "out_promoted", "out_appointed")
"""Flow columns of :attr:`TalentResult.flows`: inflows ``in_*``, outflows ``out_*``."""

MIN_AGE = 18
MC_CELLS_PER_BLOCK = 200_000
"""Draws x counties simulated at once in the Monte Carlo (about 5 MB per state array)."""


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class TalentTarget:
    """Whether and when the pools pass the reserve-talent target.

    Attributes
    ----------
    threshold : int
        The pools together must be strictly more than this (``targets.talent_total_min``).
    deadline_month : int
        Plan month of the deadline (``targets.talent_deadline_month``); ``deadline`` as a Period.
    first_met_month : int or None
        First plan month whose end-of-month city total is more than the threshold.
    met_by_deadline : bool
        ``first_met_month`` is at or before the deadline.
    value_at_deadline : float
        City total at the end of the deadline month (expected persons).
    probability : float or None
        Share of Monte Carlo draws meeting the target by the deadline; None without draws.
    """

    threshold: int
    deadline_month: int
    deadline: pd.Period
    first_met_month: int | None
    first_met: pd.Period | None
    met_by_deadline: bool
    value_at_deadline: float
    probability: float | None

    @property
    def shortfall(self) -> float:
        """Persons missing at the deadline (negative = margin above the threshold)."""
        return self.threshold - self.value_at_deadline


@dataclass(frozen=True)
class TalentResult:
    """Everything :func:`run_talent` computes; frames are tidy and read-only.

    Attributes
    ----------
    flows : DataFrame
        One row per month x county x pool: ``month`` (monthly Period), ``county_id``,
        ``pool``, ``stock_start``, ``in_intake``, ``out_attrition``, ``out_expired``,
        ``out_promoted``, ``out_appointed``, ``stock`` (end of month).
    totals : DataFrame
        The same flows summed over counties: one row per month x pool.
    target : TalentTarget
    bands : DataFrame or None
        Monte Carlo city total per month: ``p10``, ``p50``, ``p90``, ``mean``.
    appointments : DataFrame
        Village cadre vacancies per month x county, and how they were filled.
    degree : DataFrame
        Young village cadres and how many hold a degree, per month x county.
    social_workers : DataFrame
        Per month x community: expected certified workers and P(at least one).
    socwork_coverage : DataFrame
        Per month: mean over communities of P(at least one) (``coverage``).
    key_secretaries : DataFrame
        Key secretaries under target management per county against about one third, village
        and township Party secretaries.
    draws_at_deadline : ndarray or None
        City total at the deadline in each Monte Carlo draw.
    degree_target, socwork_target : tuple
        ``(least share, deadline plan month)`` of the degree and social-worker targets.
    """

    flows: pd.DataFrame
    totals: pd.DataFrame
    target: TalentTarget
    bands: pd.DataFrame | None
    appointments: pd.DataFrame
    degree: pd.DataFrame
    social_workers: pd.DataFrame
    socwork_coverage: pd.DataFrame
    key_secretaries: pd.DataFrame
    draws_at_deadline: np.ndarray | None
    degree_target: tuple[float, int]
    socwork_target: tuple[float, int]
    county_names: dict[str, str] = field(default_factory=dict)
    """County id -> name, for chart labels."""
    met_probability: np.ndarray | None = None
    """Share of Monte Carlo draws whose pools have passed the target by the end of each plan
    month (entry ``m - 1`` for plan month ``m``); None without draws. The register reads it
    at the plan's own deadline, which may differ from ``targets.talent_deadline_month``."""
    actual_month: dict[str, int] = field(default_factory=dict)
    """County id -> plan month of the end of its last reported period (the re-forecast starts
    there); empty without a ledger."""
    actual: pd.DataFrame | None = None
    """Reported stocks per pool at each reported period end, for plan-vs-actual charts:
    ``county_id`` (None for the city, given only where every county reported), ``pool``,
    ``month`` (monthly Period), ``stock``. None without a ledger."""
    calibration: pd.DataFrame | None = None
    """Prior and posterior of each uncertain rate (:data:`planning.calibration.COLUMNS`);
    None without a ledger or with ``calibrate=False``."""
    correction: pd.DataFrame | None = None
    """Where the re-forecast set the pools to the reported stocks: ``county_id``, ``pool``,
    ``month``, ``simulated`` (the plan's stock before the reset), ``reported``,
    ``correction`` (reported - simulated). In the rows of :attr:`flows` of those months
    ``stock`` is the reported stock, so ``stock - stock_start - inflows + outflows`` is the
    correction there. None without a ledger."""

    @property
    def city_total(self) -> pd.Series:
        """City total of the three pools at the end of each month."""
        return self.totals.groupby("month", sort=True)["stock"].sum().rename("total")


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class _Inputs:
    """Scenario and baseline turned into arrays; independent of the random draws."""

    county_ids: list[str]
    months: int
    start_year: int
    initial: np.ndarray  # [P, C] members at plan start
    contract_init: np.ndarray  # [K, C] officials on contract, by cohort slot
    arrival_slot: np.ndarray  # [T] cohort slot receiving officials in month t, or -1
    expiry_slot: np.ndarray  # [T] cohort slot whose contract ends in month t, or -1
    intake: np.ndarray  # [T, P, C] planned intake before the fill rate
    timing: np.ndarray  # [T, P] share of a year's intake arriving in month t (no ramp)
    pool_mix: np.ndarray  # [P] share of each pool in the yearly intake
    demand: np.ndarray  # [T, P, C] vacancies to be filled from each pool
    vacancies: np.ndarray  # [T, C] village cadre vacancies
    promotion_months: frozenset[int]
    promotion_mode: str
    promotion_count: float
    promotion_share: float


@dataclass(frozen=True)
class _Rates:
    attrition_month: np.ndarray  # [P, D, 1]
    fill: np.ndarray  # [1, D, 1]
    renewal: np.ndarray  # [D, 1]


def monthly_rate(rate_per_year: np.ndarray | float) -> np.ndarray:
    """The monthly rate that compounds to a yearly rate: ``1 - (1 - r) ** (1 / 12)``."""
    return 1.0 - (1.0 - np.asarray(rate_per_year, dtype=float)) ** (1.0 / 12.0)


def plan_months(start_year: int, months: int) -> pd.PeriodIndex:
    """Plan months 1..months as monthly Periods starting January of ``start_year``."""
    return pd.period_range(f"{start_year}-01", periods=months, freq="M")


@dataclass(frozen=True)
class Geography:
    """County of every village as positions, computed once per run (pandas lookups are slow)."""

    county_ids: list[str]
    village_ids: pd.Index
    village_county: np.ndarray  # county position of each row of ``villages``
    secretary_county: np.ndarray  # county position of each row of ``secretaries``
    cadre_county: np.ndarray  # county position of each row of ``cadres``

    def county_of(self, village_ids: pd.Series) -> np.ndarray:
        """County position (0..C-1) of each village id."""
        pos = self.village_ids.get_indexer(village_ids)
        if (pos < 0).any():
            bad = sorted(set(pd.Series(village_ids)[pos < 0].astype(str)))[:5]
            raise DataError(
                "people are listed in unknown villages",
                [Problem("secretaries/cadres", f"village_id {', '.join(bad)} not in villages")],
            )
        return self.village_county[pos]

    def count(self, positions: np.ndarray) -> np.ndarray:
        """How many rows fall in each county, from their county positions."""
        return np.bincount(positions, minlength=len(self.county_ids))


def geography(baseline: Baseline) -> Geography:
    """Positions of counties, townships and villages for fast per-county sums."""
    ids = baseline.county_ids
    t_county = pd.Index(ids).get_indexer(baseline.townships["county_id"])
    t_pos = pd.Index(baseline.townships["township_id"]).get_indexer(
        baseline.villages["township_id"]
    )
    if (t_pos < 0).any() or (t_county < 0).any():
        raise DataError(
            "villages or townships point to unknown places",
            [Problem("villages/townships", "every township_id and county_id must exist")],
        )
    geo = Geography(ids, pd.Index(baseline.villages["village_id"]), t_county[t_pos],
                    np.zeros(0, int), np.zeros(0, int))  # fmt: skip
    return dataclasses.replace(
        geo,
        secretary_county=geo.county_of(baseline.secretaries["village_id"]),
        cadre_county=geo.county_of(baseline.cadres["village_id"]),
    )


def county_weights(baseline: Baseline, talent: Talent, geo: Geography) -> np.ndarray:
    """Share of the city's intake going to each county, by the scenario's split rule."""
    ids = geo.county_ids
    if talent.intake_split == "villages":
        w = np.bincount(geo.village_county, minlength=len(ids)).astype(float)
    elif talent.intake_split == "population":
        w = baseline.counties["population"].to_numpy(dtype=float)
    else:
        unknown = sorted(set(talent.county_weights) - set(ids))
        if unknown:
            raise ScenarioError(
                "talent.county_weights names unknown counties",
                [
                    Problem(
                        "talent.county_weights",
                        f"found {', '.join(unknown)}; allowed: " + ", ".join(ids),
                    )
                ],
            )
        w = np.array([talent.county_weights.get(c, 0.0) for c in ids], dtype=float)
        if (w < 0).any():
            raise ScenarioError(
                "talent.county_weights has negative weights",
                [Problem("talent.county_weights", "weights must be 0 or more")],
            )
    if w.sum() <= 0:
        raise ScenarioError(
            "the intake cannot be split across counties",
            [
                Problem(
                    "talent.intake_split",
                    f"rule '{talent.intake_split}' gives every county "
                    "a weight of 0; give at least one county a positive weight",
                )
            ],
        )
    return w / w.sum()


def intake_timing(talent: Talent, months: int) -> np.ndarray:
    """Share of a year's intake of each pool that arrives in each plan month, ``[T, P]``.

    Officials all arrive in ``cgvo_intake_month``; returnees ``returnee_spring_share`` in
    January-March (a third each) and the rest evenly over April-December; leaders evenly.
    """
    by_moy = np.zeros((12, P))
    by_moy[talent.cgvo_intake_month - 1, CGVO] = 1.0
    by_moy[:3, RETURNEE] = talent.returnee_spring_share / 3
    by_moy[3:, RETURNEE] = (1 - talent.returnee_spring_share) / 9
    by_moy[:, LEADER] = 1 / 12
    return np.tile(by_moy, (math.ceil(months / 12), 1))[:months]


def planned_intake(talent: Talent, weights: np.ndarray, months: int) -> np.ndarray:
    """Planned intake (before the fill rate) per month, pool and county, ``[T, P, C]``."""
    yearly = np.array([getattr(talent.intake_per_year, p) for p in POOLS])
    year = np.arange(months) // 12
    ramp = (1.0 + talent.intake_ramp) ** year
    per_month = intake_timing(talent, months) * yearly[None, :] * ramp[:, None]
    return per_month[:, :, None] * weights[None, None, :]


def election_months(talent: Talent, months: int) -> list[int]:
    """Plan months with a village election: the first one, then every term."""
    step = 12 * talent.election_term_years
    return list(range(talent.election_month, months + 1, step))


def cadre_posts(baseline: Baseline, geo: Geography) -> np.ndarray:
    """Village 'two committees' posts (secretaries + other cadres) per county."""
    return (geo.count(geo.secretary_county) + geo.count(geo.cadre_county)).astype(float)


def vacancies_per_month(talent: Talent, posts: np.ndarray, months: int) -> np.ndarray:
    """Village cadre vacancies per month and county, ``[T, C]``.

    Normal turnover spreads ``cadre_turnover_rate`` evenly over the months (1/12 a month);
    an election month adds ``election_replacement_share`` of the posts.
    """
    share = np.full(months, talent.cadre_turnover_rate / 12)
    for m in election_months(talent, months):
        share[m - 1] += talent.election_replacement_share
    return share[:, None] * posts[None, :]


def appointment_demand(talent: Talent, vacancies: np.ndarray) -> np.ndarray:
    """Vacancies to be filled from each pool, ``[T, P, C]``."""
    shares = np.array([getattr(talent.appointment_share, p) for p in POOLS])
    mix = shares / shares.sum() if shares.sum() > 0 else np.zeros(P)
    return vacancies[:, None, :] * talent.vacancies_from_pools * mix[None, :, None]


def initial_pools(baseline: Baseline) -> np.ndarray:
    """Members of each pool in each county at plan start, ``[P, C]``."""
    tp = baseline.talent_pool
    c_pos = pd.Index(baseline.county_ids).get_indexer(tp["county_id"])
    if (c_pos < 0).any():
        unknown = sorted(set(tp["county_id"][c_pos < 0]))
        raise DataError(
            "talent_pool names unknown counties",
            [Problem("talent_pool.csv", f"county_id {', '.join(unknown)} not in counties")],
        )
    p_pos = pd.Index(POOLS).get_indexer(tp["pool"])
    out = np.zeros((P, len(baseline.county_ids)))
    np.add.at(out, (p_pos, c_pos), tp["members"].to_numpy(dtype=float))
    return out


def contract_cohorts(baseline: Baseline, talent: Talent, start_year: int, months: int):
    """Officials' contract cohorts: their members and the months they arrive and expire.

    A cohort that started in ``cohort_year`` arrived in ``cgvo_intake_month`` of that year
    and its contract ends ``contract_years`` later in the same calendar month; cohorts
    already past that date before the plan are counted as staying on (no contract left).

    Returns ``(contract_init [K, C], arrival_slot [T], expiry_slot [T])``.
    """
    ids = baseline.county_ids
    moy, length = talent.cgvo_intake_month, 12 * talent.contract_years
    tp = baseline.talent_pool
    cg = tp[tp["pool"] == "cgvo"]
    first_arrival = (cg["cohort_year"].to_numpy() - start_year) * 12 + moy
    expiry_of_new = [m + length for m in range(moy, months + 1, 12)]
    expiries = sorted({int(e) for e in first_arrival + length if e >= 1} | set(expiry_of_new))
    slot = {e: k for k, e in enumerate(expiries)}
    init = np.zeros((len(expiries), len(ids)))
    c_pos = pd.Index(ids).get_indexer(cg["county_id"])
    for arr, c, n in zip(first_arrival, c_pos, cg["members"].to_numpy(), strict=True):
        if arr + length >= 1:
            init[slot[int(arr + length)], c] += n
    arrival_slot = np.full(months, -1)
    expiry_slot = np.full(months, -1)
    for m in range(moy, months + 1, 12):
        arrival_slot[m - 1] = slot[m + length]
    for e, k in slot.items():
        if e <= months:
            expiry_slot[e - 1] = k
    return init, arrival_slot, expiry_slot


def prepare(baseline: Baseline, scenario: Scenario, geo: Geography | None = None) -> _Inputs:
    """Turn the baseline and the scenario into the arrays the simulation steps through."""
    if len(baseline.counties) == 0:
        raise DataError("the baseline has no counties", [Problem("counties.csv", "no rows")])
    geo = geo or geography(baseline)
    talent, months, start = scenario.talent, scenario.run.months, scenario.run.start_year
    weights = county_weights(baseline, talent, geo)
    vacancies = vacancies_per_month(talent, cadre_posts(baseline, geo), months)
    init, arrival_slot, expiry_slot = contract_cohorts(baseline, talent, start, months)
    yearly = np.array([getattr(talent.intake_per_year, p) for p in POOLS])
    return _Inputs(
        county_ids=baseline.county_ids,
        months=months,
        start_year=start,
        initial=initial_pools(baseline),
        contract_init=init,
        arrival_slot=arrival_slot,
        expiry_slot=expiry_slot,
        intake=planned_intake(talent, weights, months),
        timing=intake_timing(talent, months),
        pool_mix=yearly / yearly.sum() if yearly.sum() > 0 else np.full(P, 1 / P),
        demand=appointment_demand(talent, vacancies),
        vacancies=vacancies,
        promotion_months=frozenset(range(talent.promotion_month, months + 1, 12)),
        promotion_mode=talent.promotion_mode,
        promotion_count=float(talent.promotion_count),
        promotion_share=talent.promotion_share,
    )


# --------------------------------------------------------------------------- rates


def central_rates(talent: Talent) -> _Rates:
    """The scenario's own rates as a single 'draw'."""
    a = np.array([getattr(talent.attrition_rate, p) for p in POOLS])
    return _Rates(
        attrition_month=monthly_rate(a)[:, None, None],
        fill=np.array([talent.intake_fill_rate]).reshape(1, 1, 1),
        renewal=np.array([[talent.renewal_share]]),
    )


def drawn_rates(talent: Talent, draws: int, seed: int) -> _Rates:
    """Monte Carlo draws of the uncertain rates (normal, clipped to their valid range).

    Draws are city-wide: one attrition rate per pool, one fill rate and one renewal share
    per draw, shared by every county (a bad year is bad everywhere). The order of the draws
    is fixed, so the same seed gives the same numbers.
    """
    rng = np.random.default_rng(seed)
    mean = np.array([getattr(talent.attrition_rate, p) for p in POOLS])
    sd = np.array([getattr(talent.attrition_spread, p) for p in POOLS])
    a = np.clip(rng.normal(mean[:, None], sd[:, None], (P, draws)), 0.0, 0.95)
    fill = np.clip(rng.normal(talent.intake_fill_rate, talent.fill_rate_spread, draws), 0, None)
    renewal = np.clip(rng.normal(talent.renewal_share, talent.renewal_spread, draws), 0, 1)
    return _Rates(monthly_rate(a)[:, :, None], fill[None, :, None], renewal[:, None])


# --------------------------------------------------------------------------- simulation


@dataclass(frozen=True)
class _Run:
    city_total: np.ndarray  # [T, D]
    stock_start: np.ndarray | None = None  # [T, P, D, C]
    intake: np.ndarray | None = None
    attrition: np.ndarray | None = None
    expired: np.ndarray | None = None  # [T, D, C]
    promoted: np.ndarray | None = None  # [T, D, C]
    appointed: np.ndarray | None = None  # [T, P, D, C]
    stock: np.ndarray | None = None


def _promotion_rate(inp: _Inputs, cgvo: np.ndarray) -> np.ndarray:
    """Share of officials promoted this month, per draw ``[D, 1]``.

    A count is split across counties in proportion to their officials, never more than
    a county has: rate = min(1, count / officials in the city).
    """
    if inp.promotion_mode == "share":
        return np.full((cgvo.shape[0], 1), inp.promotion_share)
    city = cgvo.sum(axis=1, keepdims=True)
    if inp.promotion_count <= 0:
        return np.zeros_like(city)
    return inp.promotion_count / np.maximum(city, inp.promotion_count)


class _RatePhases:
    """The rates of each month: ``before`` up to each county's switch month, then ``rates``.

    Without a switch every month uses ``rates`` (the arrays themselves, so a plain run does
    exactly the arithmetic it always did); mixed months are built once per pattern.
    """

    def __init__(self, rates: _Rates, before: _Rates | None, switch: np.ndarray | None):
        self.rates, self.before, self.switch = rates, before, switch
        self.cache: dict[bytes, tuple[_Rates, np.ndarray]] = {}

    def at(self, t: int, intake_scale: float) -> tuple[_Rates, np.ndarray, np.ndarray]:
        r = self.rates
        if self.before is not None and self.switch is not None:
            pre = t < self.switch  # month t + 1 is at or before the county's last actual
            if pre.any():
                key = pre.tobytes()
                if key not in self.cache:
                    b, m = self.before, pre[None, None, :]
                    mixed = _Rates(
                        np.where(m, b.attrition_month, r.attrition_month),
                        np.where(m, b.fill, r.fill),
                        np.where(pre[None, :], b.renewal, r.renewal),
                    )
                    self.cache[key] = (mixed, 1.0 - mixed.attrition_month)
                mixed, keep = self.cache[key]
                return mixed, keep, mixed.fill * intake_scale
        return r, 1.0 - r.attrition_month, r.fill * intake_scale


def _reset(s: np.ndarray, contract: np.ndarray, stock: np.ndarray) -> np.ndarray:
    """Set the counties with a reported stock (``stock`` [P, C], NaN elsewhere) to it."""
    cols = np.flatnonzero(~np.isnan(stock).any(axis=0))
    if not len(cols):
        return s
    s = s.copy()
    sim = s[CGVO][:, cols]  # [D, n]
    new = np.broadcast_to(stock[CGVO, cols], sim.shape)
    contract[:, :, cols] *= np.divide(new, sim, out=np.zeros_like(sim), where=sim > 0)
    s[:, :, cols] = stock[:, None, cols]
    return s


def simulate(
    inp: _Inputs,
    rates: _Rates,
    *,
    months: int | None = None,
    intake_scale: float = 1.0,
    extra: np.ndarray | None = None,
    record: bool = False,
    reset: np.ndarray | None = None,
    before: _Rates | None = None,
    switch: np.ndarray | None = None,
) -> _Run:
    """Step the pools through the months, all draws and counties at once.

    ``intake_scale`` multiplies the planned intake; ``extra`` ([T, P, C]) adds recruits
    after the fill rate. With ``record`` every flow is kept (for the tidy frames);
    otherwise only the city total per month and draw.

    Re-forecast from reported stocks: ``reset`` ([T, P, C], NaN where none) sets a county's
    pools at the end of a month to the reported stocks in every draw, and scales its
    officials' contract cohorts by reported / simulated officials (0 if none simulated), so
    contract ends continue consistently. With ``before`` and ``switch`` ([C] plan months),
    county ``c`` uses the rates ``before`` up to month ``switch[c]`` and ``rates`` after it
    (the draws carry uncertainty only after the last actual point).
    """
    months = months or inp.months
    draws, counties = rates.fill.shape[1], inp.initial.shape[1]
    s = np.broadcast_to(inp.initial[:, None, :], (P, draws, counties)).copy()
    contract = np.broadcast_to(inp.contract_init[:, None, :],
                               (len(inp.contract_init), draws, counties)).copy()  # fmt: skip
    phases = _RatePhases(rates, before, switch)
    reset_months = (
        set() if reset is None else set(np.flatnonzero(~np.isnan(reset).all(axis=(1, 2))))
    )
    shape4, shape3 = (months, P, draws, counties), (months, draws, counties)
    rec = {k: np.zeros(shape4) for k in ("start", "in", "attr", "app", "end")} if record else {}
    exp_rec, pro_rec = (np.zeros(shape3), np.zeros(shape3)) if record else (None, None)
    city_total = np.empty((months, draws))
    for t in range(months):
        rates, keep, fill = phases.at(t, intake_scale)
        start = s
        arrivals = inp.intake[t][:, None, :] * fill
        if extra is not None:
            arrivals = arrivals + extra[t][:, None, :]
        attr = start * rates.attrition_month
        s = start + arrivals - attr
        contract *= keep[CGVO]
        if inp.arrival_slot[t] >= 0:
            contract[inp.arrival_slot[t]] += arrivals[CGVO]
        held = s[CGVO].copy()
        expired = promoted = None
        k = inp.expiry_slot[t]
        if k >= 0:
            expired = np.minimum((1.0 - rates.renewal) * contract[k], s[CGVO])
            contract[k] = 0.0
            s[CGVO] -= expired
            held = s[CGVO].copy()
        if t + 1 in inp.promotion_months:
            promoted = s[CGVO] * _promotion_rate(inp, s[CGVO])
            s[CGVO] -= promoted
        appointed = np.minimum(inp.demand[t][:, None, :], s)
        s = s - appointed
        # Promotions and appointments take officials evenly from every contract cohort.
        contract *= np.divide(s[CGVO], held, out=np.zeros_like(held), where=held > 0)
        if t in reset_months:
            s = _reset(s, contract, reset[t])
        # Counties first, then the pools one by one: the same order of additions whatever
        # the number of draws, so a draw's total does not depend on its Monte Carlo block.
        by_pool = s.sum(axis=2)
        city_total[t] = by_pool[0] + by_pool[1] + by_pool[2]
        if record:
            rec["start"][t], rec["in"][t], rec["attr"][t] = start, arrivals, attr
            rec["app"][t], rec["end"][t] = appointed, s
            if expired is not None:
                exp_rec[t] = expired
            if promoted is not None:
                pro_rec[t] = promoted
    if not record:
        return _Run(city_total)
    return _Run(city_total, rec["start"], rec["in"], rec["attr"], exp_rec, pro_rec,
                rec["app"], rec["end"])  # fmt: skip


# --------------------------------------------------------------------------- target


def first_met(city_total: np.ndarray, threshold: float) -> np.ndarray:
    """First plan month (1-based) whose total is more than ``threshold``, per draw; 0 = never.

    ``city_total`` is ``[T, D]``; the result has one entry per draw.
    """
    above = city_total > threshold
    return np.where(above.any(axis=0), above.argmax(axis=0) + 1, 0)


def read_actuals(total: np.ndarray, last: int, known: dict[int, float]) -> np.ndarray:
    """The totals ``[T, D]`` as the target reads them when months up to ``last`` are past.

    Up to the last actual month the target counts as met only where a reported city total
    (``known``: plan month -> total of every county's reported stocks) passes the threshold;
    the simulated months before the last actual point are not evidence (they read -inf).

    >>> read_actuals(np.array([[5.0], [9.0], [7.0], [8.0]]), 3, {3: 6.0})[:, 0].tolist()
    [-inf, -inf, 6.0, 8.0]
    """
    out = np.array(total, dtype=float, copy=True)
    out[:last] = -np.inf
    for m, v in known.items():
        if 1 <= m <= last:
            out[m - 1] = v
    return out


def talent_target(
    city_total: np.ndarray,
    scenario: Scenario,
    draws_total: np.ndarray | None,
    actuals: tuple[int, dict[int, float]] | None = None,
) -> TalentTarget:
    """The target record from the central city total ``[T]`` and optional draws ``[T, D]``.

    ``actuals`` = ``(last actual month, {month: reported city total})`` makes the first
    month met read the reported totals up to the last actual month (:func:`read_actuals`).
    """
    threshold = scenario.targets.talent_total_min
    deadline = scenario.targets.talent_deadline_month
    months = plan_months(scenario.run.start_year, len(city_total))
    read = city_total[:, None] if actuals is None else read_actuals(city_total[:, None], *actuals)
    met = int(first_met(read, threshold)[0])
    prob = None
    if draws_total is not None:
        if actuals is not None:
            draws_total = read_actuals(draws_total, *actuals)
        met_d = first_met(draws_total, threshold)
        prob = float(np.mean((met_d > 0) & (met_d <= deadline)))
    return TalentTarget(
        threshold=threshold,
        deadline_month=deadline,
        deadline=months[deadline - 1],
        first_met_month=met or None,
        first_met=months[met - 1] if met else None,
        met_by_deadline=bool(met and met <= deadline),
        value_at_deadline=float(city_total[deadline - 1]),
        probability=prob,
    )


def monte_carlo(inp: _Inputs, scenario: Scenario) -> np.ndarray | None:
    """City total per month in every draw, ``[T, D]``; None when ``run.mc_draws`` is 0."""
    draws = scenario.run.mc_draws
    if draws == 0:
        return None
    return simulate_draws(inp, drawn_rates(scenario.talent, draws, scenario.run.seed))


def calibrated_rates(cal: Calibration, draws: int, seed: int) -> _Rates:
    """Monte Carlo draws from the calibrated posteriors, per county (``[P, D, C]``)."""
    attr, fill, renewal = cal.draws(draws, seed)
    return _Rates(monthly_rate(attr), fill[None, :, :], np.asarray(renewal)[:, None])


def calibrated_central(cal: Calibration) -> _Rates:
    """The posterior means as a single 'draw', per county."""
    attr, fill, renewal = cal.means()
    return _Rates(monthly_rate(attr)[:, None, :], fill[None, None, :], np.array([[renewal]]))


def simulate_draws(inp: _Inputs, rates: _Rates, **kw) -> np.ndarray:
    """City total per month and draw, ``[T, D]``, simulating blocks of draws at a time.

    Blocks bound the memory at province scale (130 counties x 20,000 draws); ``kw`` goes
    to :func:`simulate` (``months``, ``intake_scale``, ``extra``).
    """
    draws = rates.fill.shape[1]
    block = max(1, MC_CELLS_PER_BLOCK // max(1, len(inp.county_ids)))
    parts = []
    for lo in range(0, draws, block):
        part = slice(lo, lo + block)
        sub = _Rates(rates.attrition_month[:, part], rates.fill[:, part], rates.renewal[part])
        parts.append(simulate(inp, sub, **kw).city_total)
    return np.concatenate(parts, axis=1)


def bands_frame(draws_total: np.ndarray, months: pd.PeriodIndex) -> pd.DataFrame:
    """P10/P50/P90 and mean of the city total per month across the draws."""
    q = np.percentile(draws_total, [10, 50, 90], axis=1)
    return pd.DataFrame(
        {"month": months, "p10": q[0], "p50": q[1], "p90": q[2],
         "mean": draws_total.mean(axis=1)}
    )  # fmt: skip


# --------------------------------------------------------------------------- frames


def labels(names, codes: np.ndarray) -> pd.Categorical:
    """Id or pool labels as a Categorical (ten times faster to build than text columns)."""
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(names), dtype="str"))


def flows_frame(run: _Run, inp: _Inputs, months: pd.PeriodIndex) -> pd.DataFrame:
    """Tidy flows of the central run: one row per month x county x pool."""
    T, C = len(months), len(inp.county_ids)

    def tcp(a: np.ndarray) -> np.ndarray:  # [T, P, 1, C] -> rows in month, county, pool order
        return a[:, :, 0, :].transpose(0, 2, 1).ravel()

    def cgvo_only(a: np.ndarray) -> np.ndarray:  # [T, 1, C] -> same rows, 0 for other pools
        out = np.zeros((T, C, P))
        out[:, :, CGVO] = a[:, 0, :]
        return out.ravel()

    return pd.DataFrame(
        {
            "month": months[np.repeat(np.arange(T), C * P)],
            "county_id": labels(inp.county_ids, np.tile(np.repeat(np.arange(C), P), T)),
            "pool": labels(POOLS, np.tile(np.arange(P), T * C)),
            "stock_start": tcp(run.stock_start),
            "in_intake": tcp(run.intake),
            "out_attrition": tcp(run.attrition),
            "out_expired": cgvo_only(run.expired),
            "out_promoted": cgvo_only(run.promoted),
            "out_appointed": tcp(run.appointed),
            "stock": tcp(run.stock),
        }
    )


def totals_frame(run: _Run, months: pd.PeriodIndex) -> pd.DataFrame:
    """Flows summed over counties: one row per month x pool."""
    T = len(months)

    def tp(a: np.ndarray) -> np.ndarray:  # [T, P, 1, C] or [T, 1, C] (officials) -> rows
        if a.ndim == 3:
            out = np.zeros((T, P))
            out[:, CGVO] = a[:, 0, :].sum(axis=1)
            return out.ravel()
        return a[:, :, 0, :].sum(axis=2).ravel()

    return pd.DataFrame(
        {
            "month": months[np.repeat(np.arange(T), P)],
            "pool": labels(POOLS, np.tile(np.arange(P), T)),
            "stock_start": tp(run.stock_start),
            "in_intake": tp(run.intake),
            "out_attrition": tp(run.attrition),
            "out_expired": tp(run.expired),
            "out_promoted": tp(run.promoted),
            "out_appointed": tp(run.appointed),
            "stock": tp(run.stock),
        }
    )


def appointments_frame(run: _Run, inp: _Inputs, months: pd.PeriodIndex) -> pd.DataFrame:
    """Vacancies per month x county and how they were filled (pools or other recruits)."""
    T, C = inp.vacancies.shape
    app = run.appointed[:, :, 0, :]  # [T, P, C]
    cols = {f"from_{p}": app[:, i, :].ravel() for i, p in enumerate(POOLS)}
    return pd.DataFrame(
        {
            "month": months[np.repeat(np.arange(T), C)],
            "county_id": labels(inp.county_ids, np.tile(np.arange(C), T)),
            "vacancies": inp.vacancies.ravel(),
            **cols,
            "other_recruits": (inp.vacancies - app.sum(axis=1)).ravel(),
        }
    )


# --------------------------------------------------------------------------- degrees


def young_cadres_by_age(baseline: Baseline, talent: Talent, geo: Geography) -> np.ndarray:
    """Young village cadres (secretaries and other cadres) at plan start, ``[2, A, C]``.

    Axis 0 is without (0) / with (1) a junior-college degree or above; axis 1 is age from
    18 to ``young_age_limit``.
    """
    out = np.zeros((2, talent.young_age_limit - MIN_AGE + 1, len(geo.county_ids)))
    for frame, county in ((baseline.secretaries, geo.secretary_county),
                          (baseline.cadres, geo.cadre_county)):  # fmt: skip
        age = frame["age"].to_numpy(dtype=int)
        young = age <= talent.young_age_limit
        degree = frame["education"].isin(DEGREE_LEVELS).to_numpy(dtype=int)
        np.add.at(out, (degree[young], age[young] - MIN_AGE, county[young]), 1.0)
    return out


def young_entrants(talent: Talent, appointed: np.ndarray, vacancies: np.ndarray) -> np.ndarray:
    """New young cadres per month and county without (0) / with (1) a degree, ``[2, T, C]``.

    ``appointed`` is ``[T, P, C]`` from the pools; the rest of the vacancies go to other
    recruits. Officials are all young; the other sources by ``young_share_new_cadres``.
    """
    ys = talent.young_share_new_cadres
    young = np.array([1.0, ys, ys])
    deg = np.array([getattr(talent.degree_share, p) for p in POOLS])
    other = vacancies - appointed.sum(axis=1)
    with_deg = np.einsum("tpc,p->tc", appointed, young * deg)
    with_deg += other * ys * talent.other_recruit_degree_share
    without = np.einsum("tpc,p->tc", appointed, young * (1 - deg))
    without += other * ys * (1 - talent.other_recruit_degree_share)
    return np.stack([without, with_deg])


def leaving_share(talent: Talent, months: int) -> np.ndarray:
    """Share of village cadres leaving their posts in each month (turnover + elections)."""
    share = np.full(months, talent.cadre_turnover_rate / 12)
    for m in election_months(talent, months):
        share[m - 1] += talent.election_replacement_share
    return np.minimum(share, 1.0)


def birth_cohorts(by_age: np.ndarray, limit: int, months: int) -> np.ndarray:
    """Spread cadres counted by whole years of age over birth months, ``[S, B, C]``.

    Index ``j`` holds people who stop being young (turn ``limit + 1``) in plan month
    ``j + 1``; someone aged ``a`` at plan start has an equal chance of each of the 12
    months of that year of age, so index ``12 (limit - a)`` to ``12 (limit - a) + 11``.
    """
    n_status, n_age, counties = by_age.shape
    out = np.zeros((n_status, months + 12 * (limit + 1 - MIN_AGE), counties))
    for i in range(n_age):
        j = 12 * (limit - (MIN_AGE + i))
        out[:, j : j + 12, :] += by_age[:, i, None, :] / 12
    return out


def degree_pipeline(
    baseline: Baseline,
    talent: Talent,
    appointed: np.ndarray,
    vacancies: np.ndarray,
    geo: Geography | None = None,
) -> dict[str, np.ndarray]:
    """Young cadres with and without a degree per month and county (arrays ``[T, C]``).

    State per birth month and county: without a degree, with one, or enrolled in one of
    the yearly upgrade cohorts. Each month: cadres leave (turnover, election wave, the same
    share at every age); those turning ``young_age_limit + 1`` stop counting as young;
    new young cadres arrive aged ``new_cadre_age`` (birth month spread over the year); in
    the enrolment month the year's seats are shared across counties in proportion to their
    young cadres without a degree; a cohort gets its degree ``upgrade_years`` after
    enrolment if still young and in post.
    """
    T, limit = len(vacancies), talent.young_age_limit
    entry_age = min(talent.new_cadre_age, limit)  # young new cadres are young
    start = young_cadres_by_age(baseline, talent, geo or geography(baseline))
    enrol_months = list(range(talent.upgrade_start_month, T + 1, 12))
    completes = {
        m + max(1, round(12 * talent.upgrade_years)): k for k, m in enumerate(enrol_months)
    }
    # x is kept in units of the share still in post (true = x * still), so turnover,
    # which hits every age alike, costs one multiplication of the small totals per month.
    x = np.zeros((2 + len(enrol_months), *birth_cohorts(start, limit, T).shape[1:]))
    x[:2] = birth_cohorts(start, limit, T)
    total = x.sum(axis=1)  # [S, C] true persons
    still = 1.0
    entrants = young_entrants(talent, appointed, vacancies)
    keep = 1.0 - leaving_share(talent, T)
    rec = {
        k: np.zeros((T, x.shape[2]))
        for k in ("young", "with_degree", "in_upgrade", "aged_out", "completed", "enrolled")
    }
    for t in range(T):
        still *= keep[t]
        total *= keep[t]
        if still < 1e-9:  # renormalise (and clear everyone out when all posts change)
            x *= still
            still = 1.0
        aged = x[:, t, :] * still
        x[:, t, :] = 0.0
        total -= aged
        np.maximum(total, 0.0, out=total)  # rounding only
        rec["aged_out"][t] = aged.sum(axis=0)
        j = t + 1 + 12 * (limit - entry_age)
        x[:2, j : j + 12, :] += entrants[:, t, None, :] / (12 * still)
        total[:2] += entrants[:, t, :]
        if t + 1 in enrol_months:
            k = 2 + enrol_months.index(t + 1)
            without = total[0].sum()
            seats = talent.upgrade_seats_per_year
            rate = seats / max(without, seats) if seats > 0 else 0.0  # min(1, seats/without)
            x[k] += x[0] * rate
            x[0] *= 1 - rate
            rec["enrolled"][t] = total[0] * rate
            total[k] += total[0] * rate
            total[0] *= 1 - rate
        if t + 1 in completes:
            k = 2 + completes[t + 1]
            rec["completed"][t] = total[k]
            x[1] += x[k]
            x[k] = 0.0
            total[1] += total[k]
            total[k] = 0.0
        rec["young"][t] = total.sum(axis=0)
        rec["with_degree"][t] = total[1]
        rec["in_upgrade"][t] = total[2:].sum(axis=0)
    rec["new_young"] = entrants.sum(axis=0)
    return rec


def degree_frame(rec: dict[str, np.ndarray], ids: list[str], months: pd.PeriodIndex):
    """Tidy degree frame: one row per month x county."""
    T, C = rec["young"].shape
    young, deg = rec["young"].ravel(), rec["with_degree"].ravel()
    return pd.DataFrame(
        {
            "month": months[np.repeat(np.arange(T), C)],
            "county_id": labels(ids, np.tile(np.arange(C), T)),
            "young_cadres": young,
            "with_degree": deg,
            "in_upgrade": rec["in_upgrade"].ravel(),
            "degree_share": np.divide(deg, young, out=np.full_like(deg, np.nan),
                                      where=young > 0),
            "new_young_cadres": rec["new_young"].ravel(),
            "aged_out": rec["aged_out"].ravel(),
            "enrolled": rec["enrolled"].ravel(),
            "completed_upgrade": rec["completed"].ravel(),
        }
    )  # fmt: skip


# --------------------------------------------------------------------------- social workers


def binomial_pmf(n: int, p: float) -> np.ndarray:
    """P(k successes out of n) for k = 0..n."""
    return np.array([math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)])


def exam_passes_pmf(candidates: float, pass_rate: float) -> np.ndarray:
    """Distribution of the number passing when a community sends ``candidates``.

    A fractional number of candidates (2.5) means the lower whole number in part of the
    years and the upper one in the rest (half 2, half 3), so the mean is kept.
    """
    lo = math.floor(candidates)
    frac = candidates - lo
    pmf = np.zeros(lo + 2)
    pmf[: lo + 1] += (1 - frac) * binomial_pmf(lo, pass_rate)
    pmf += frac * binomial_pmf(lo + 1, pass_rate)
    return pmf


def leaving_matrix(states: int, leaving_rate_per_year: float) -> np.ndarray:
    """Monthly transition of a community's count of workers when each leaves independently.

    ``M[n, j]`` = P(j of n workers still there after a month) (binomial thinning).
    """
    stay = 1.0 - float(monthly_rate(leaving_rate_per_year))
    m = np.zeros((states, states))
    for n in range(states):
        m[n, : n + 1] = binomial_pmf(n, stay)
    return m


def social_worker_chain(counts: np.ndarray, talent: Talent, months: int) -> np.ndarray:
    """Probability distribution of certified workers per community and month, ``[T, N, S]``.

    Exact Markov chain per community on the count of workers: every month each worker
    leaves with the monthly leaving rate; in the exam month a community with none sends
    ``exam_candidates_per_community`` candidates, each passing with ``exam_pass_rate``.
    """
    passes = exam_passes_pmf(talent.exam_candidates_per_community, talent.exam_pass_rate)
    states = int(max(counts.max(initial=0), len(passes) - 1)) + 1
    dist = np.zeros((len(counts), states))
    dist[np.arange(len(counts)), counts.astype(int)] = 1.0
    move = leaving_matrix(states, talent.social_worker_leaving_rate)
    out = np.empty((months, *dist.shape))
    for t in range(months):
        dist = dist @ move
        if t % 12 + 1 == talent.exam_month:
            none = dist[:, :1].copy()
            dist[:, 0] = 0.0
            dist[:, : len(passes)] += none * passes[None, :]
        out[t] = dist
    return out


def social_worker_frames(
    baseline: Baseline, talent: Talent, months: pd.PeriodIndex
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per community and month: expected workers and P(at least one); city coverage per month.

    Coverage is the mean over communities of P(at least one) -- the expected share of
    communities with a worker -- computed per community, never from averaged counts.
    """
    com, ids = baseline.communities, baseline.county_ids
    T, N = len(months), len(com)
    dist = social_worker_chain(com["social_workers"].to_numpy(), talent, T)
    expected = dist @ np.arange(dist.shape[2])  # [T, N]
    p_any = 1.0 - dist[:, :, 0]
    per = pd.DataFrame(
        {
            "month": months[np.repeat(np.arange(T), N)],
            "community_id": labels(com["community_id"], np.tile(np.arange(N), T)),
            "county_id": labels(ids, np.tile(pd.Index(ids).get_indexer(com["county_id"]), T)),
            "expected_workers": expected.ravel(),
            "p_at_least_one": p_any.ravel(),
        }
    )
    coverage = pd.DataFrame(
        {
            "month": months,
            "communities": N,
            "coverage": p_any.mean(axis=1) if N else np.full(T, np.nan),
            "expected_workers": expected.sum(axis=1),
        }
    )
    return per, coverage


def key_secretaries_frame(
    baseline: Baseline, key_share: float, geo: Geography | None = None
) -> pd.DataFrame:
    """Key secretaries under target responsibility management per county, at both levels the
    plan names: village Party secretaries (selected by the counties) and township Party
    committee secretaries (selected by the city).

    ``target_key`` is the about-one-third goal rounded to whole persons; ``gap`` is how
    many more (positive) or fewer (negative) key secretaries that needs. The ``township_``
    columns are the same for township secretaries.
    """
    geo = geo or geography(baseline)
    sec = baseline.secretaries
    c_pos = geo.secretary_county
    n = np.bincount(c_pos, minlength=len(geo.county_ids))
    key = np.bincount(c_pos, weights=sec["key_secretary"].to_numpy(dtype=float),
                      minlength=len(geo.county_ids)).astype(int)  # fmt: skip
    target = np.rint(n * key_share).astype(int)
    ts = baseline.township_secretaries
    town_county = ts["township_id"].map(baseline.townships.set_index("township_id")["county_id"])
    t_pos = town_county.map({c: i for i, c in enumerate(geo.county_ids)}).to_numpy(dtype=int)
    tn = np.bincount(t_pos, minlength=len(geo.county_ids))
    tkey = np.bincount(t_pos, weights=ts["key_secretary"].to_numpy(dtype=float),
                       minlength=len(geo.county_ids)).astype(int)  # fmt: skip
    ttarget = np.rint(tn * key_share).astype(int)

    def share(k: np.ndarray, total: np.ndarray) -> np.ndarray:
        return np.divide(k, total, out=np.full(len(total), np.nan), where=total > 0)

    return pd.DataFrame(
        {
            "county_id": baseline.county_ids,
            "secretaries": n,
            "key_secretaries": key,
            "key_share": share(key, n),
            "target_share": key_share,
            "target_key": target,
            "gap": target - key,
            "township_secretaries": tn,
            "township_key": tkey,
            "township_key_share": share(tkey, tn),
            "township_target_key": ttarget,
            "township_gap": ttarget - tkey,
        }
    )


OFFICIALS_REFERENCE = {
    "in_post": (650, 850),
    "hired_per_year": (250, 300),
    "stay_on_share": 0.6,
}
"""Reference figures of a prefecture's college-graduate village officials (DOMAIN.md section
2): 650-850 in post, 250-300 hired a year, about 60 % staying on after a 3-year contract. The
officials' appointment rate (``talent.vacancies_from_pools`` x the officials' share of
``talent.appointment_share``) is calibrated so that the Example City's officials stay in that
band (:func:`officials_calibration`, ``docs/talent.md``)."""


def officials_by_year(result: TalentResult) -> pd.DataFrame:
    """The college-graduate officials' pool year by year, city-wide, to set beside the
    reference figures (:data:`OFFICIALS_REFERENCE`).

    Parameters
    ----------
    result : TalentResult
        From :func:`run_talent`.

    Returns
    -------
    DataFrame
        One row per plan year: ``year``, ``in_post_start`` (January 1), ``in_post_end``
        (December 31), ``in_post_low`` and ``in_post_high`` (least and most at any month
        end), ``hired``, ``attrition``, ``left_at_contract_end``, ``promoted``,
        ``appointed`` (into village cadre posts), all in expected persons.

    Examples
    --------
    >>> officials_by_year(run_talent(load_baseline(), load_scenario()))["in_post_end"].round()
    0    645.0
    1    744.0
    2    829.0
    3    747.0
    4    840.0
    Name: in_post_end, dtype: float64
    """
    f = result.totals[result.totals["pool"].astype(str) == "cgvo"]
    year = f["month"].dt.year.to_numpy()
    sums = f.groupby(year)[list(FLOW_COLUMNS)].sum()
    stock = f.groupby(year)["stock"]
    return pd.DataFrame(
        {
            "year": sums.index.to_numpy(),
            "in_post_start": f.groupby(year)["stock_start"].first().to_numpy(),
            "in_post_end": stock.last().to_numpy(),
            "in_post_low": stock.min().to_numpy(),
            "in_post_high": stock.max().to_numpy(),
            "hired": sums["in_intake"].to_numpy(),
            "attrition": sums["out_attrition"].to_numpy(),
            "left_at_contract_end": sums["out_expired"].to_numpy(),
            "promoted": sums["out_promoted"].to_numpy(),
            "appointed": sums["out_appointed"].to_numpy(),
        }
    )


def appointment_rates(talent: Talent) -> dict[str, float]:
    """Share of all village cadre vacancies filled from each pool: ``vacancies_from_pools``
    times the pool's share of ``appointment_share`` (the shares scaled to sum to 1).

    >>> appointment_rates(Scenario().talent)
    {'cgvo': 0.1, 'returnee': 0.15, 'leader': 0.15}
    """
    shares = {p: float(getattr(talent.appointment_share, p)) for p in POOLS}
    total = sum(shares.values())
    if total <= 0:
        return dict.fromkeys(POOLS, 0.0)
    return {p: talent.vacancies_from_pools * v / total for p, v in shares.items()}


def officials_calibration(
    baseline: Baseline,
    scenario: Scenario,
    rates: tuple[float, ...] = (0.05, 0.075, 0.1, 0.125, 0.15, 0.2),
) -> pd.DataFrame:
    """How many officials stay in post for each candidate appointment rate.

    The officials' appointment rate is the share of all village cadre vacancies filled by
    appointing college-graduate officials (:func:`appointment_rates`). For each candidate,
    ``talent.vacancies_from_pools`` and ``talent.appointment_share`` are set so that the
    officials fill that share while the returnees and leaders fill what they fill under
    ``scenario``; only the officials' appointments change. The rate whose ``mean_in_post`` is
    nearest the middle of the reference band (:data:`OFFICIALS_REFERENCE`) is the calibrated
    one.

    Returns
    -------
    DataFrame
        One row per candidate: ``cgvo_rate``, the settings that give it
        (``vacancies_from_pools``, ``cgvo_share``, ``returnee_share``, ``leader_share``),
        ``mean_in_post`` (mean of the month ends over the horizon), ``year_end_low``,
        ``year_end_high``, ``appointed`` (over the horizon), ``hired_per_year`` (mean).

    Examples
    --------
    >>> cal = officials_calibration(load_baseline(), load_scenario())
    >>> float(cal.loc[cal["mean_in_post"].sub(750).abs().idxmin(), "cgvo_rate"])
    0.1
    """
    now = appointment_rates(scenario.talent)
    others = now["returnee"] + now["leader"]
    rows = []
    for rate in rates:
        from_pools = rate + others
        shares = {p: (rate if p == "cgvo" else now[p]) / from_pools if from_pools > 0 else 0.0
                  for p in POOLS}  # fmt: skip
        if from_pools > 1 + 1e-12:
            continue  # more than every vacancy: not a candidate
        s = scenario.with_overrides(
            {
                "talent.vacancies_from_pools": from_pools,
                **{f"talent.appointment_share.{p}": v for p, v in shares.items()},
                "run.mc_draws": 0,
            },
            source="calibration",
        )
        result = run_talent(baseline, s)
        year = officials_by_year(result)
        cg = result.totals[result.totals["pool"].astype(str) == "cgvo"]
        rows.append(
            {
                "cgvo_rate": rate,
                "vacancies_from_pools": from_pools,
                **{f"{p}_share": v for p, v in shares.items()},
                "mean_in_post": float(cg["stock"].mean()),
                "year_end_low": float(year["in_post_end"].min()),
                "year_end_high": float(year["in_post_end"].max()),
                "appointed": float(year["appointed"].sum()),
                "hired_per_year": float(year["hired"].mean()),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- entry points


def run_talent(
    baseline: Baseline,
    scenario: Scenario,
    *,
    ledger: LedgerState | None = None,
    calibrate: bool = True,
) -> TalentResult:
    """Run the reserve-talent model: pools, target, Monte Carlo, degrees, social workers.

    With a ``ledger`` (:meth:`planning.ledger.Ledger.as_of`) the run is a re-forecast: at
    the end of each county's last reported month the county's pools are set to the reported
    closing stocks and the simulation continues from there (:func:`reforecast_state`); the
    Monte Carlo carries uncertainty only after that month, and with ``calibrate`` its rates
    (and the central path's after that month) come from the posteriors updated by the
    reported flows (:mod:`planning.calibration`). Counties without returns keep the plan.

    Parameters
    ----------
    baseline : Baseline
        Counties, villages, secretaries and cadres, communities and the pools at plan start.
    scenario : Scenario
        Uses the ``talent`` section, ``targets.talent_*``, ``targets.degree_*``,
        ``targets.socwork_*``, ``targets.key_share`` and ``run`` (start year, horizon,
        seed, ``mc_draws``; 0 draws skips the Monte Carlo).
    ledger : LedgerState, optional
        The actual state as of a date; None runs the plan from its start (as always).
    calibrate : bool
        With a ledger, draw the uncertain rates from the calibrated posteriors (default);
        False keeps the scenario's normal draws (after the last actual month).

    Returns
    -------
    TalentResult

    Examples
    --------
    >>> from planning import load_baseline, load_scenario
    >>> r = run_talent(load_baseline(), load_scenario("baseline"))
    >>> r.flows.columns.tolist()[:4]
    ['month', 'county_id', 'pool', 'stock_start']
    >>> r.target.threshold
    10000
    """
    talent, targets = scenario.talent, scenario.targets
    geo = geography(baseline)
    inp = prepare(baseline, scenario, geo)
    months = plan_months(inp.start_year, inp.months)
    re = None if ledger is None else reforecast_state(ledger, inp, scenario, calibrate=calibrate)
    if re is None:
        run = simulate(inp, central_rates(talent), record=True)
        draws = monte_carlo(inp, scenario)
        target = talent_target(run.city_total[:, 0], scenario, draws)
        read = draws
    else:
        plan = central_rates(talent)
        kw = {"reset": re.reset, "before": plan, "switch": re.switch}
        central = plan if re.calibration is None else calibrated_central(re.calibration)
        run = simulate(inp, central, record=True, **kw)
        draws = None
        if scenario.run.mc_draws > 0:
            n, seed = scenario.run.mc_draws, scenario.run.seed
            rates = (drawn_rates(talent, n, seed) if re.calibration is None
                     else calibrated_rates(re.calibration, n, seed))  # fmt: skip
            draws = simulate_draws(inp, rates, **kw)
        actuals = (re.last, re.known)
        target = talent_target(run.city_total[:, 0], scenario, draws, actuals)
        read = None if draws is None else read_actuals(draws, *actuals)
    appointed = run.appointed[:, :, 0, :]
    degree = degree_pipeline(baseline, talent, appointed, inp.vacancies, geo)
    per_community, coverage = social_worker_frames(baseline, talent, months)
    flows = flows_frame(run, inp, months)
    return TalentResult(
        flows=flows,
        totals=totals_frame(run, months),
        target=target,
        bands=None if draws is None else bands_frame(draws, months),
        appointments=appointments_frame(run, inp, months),
        degree=degree_frame(degree, inp.county_ids, months),
        social_workers=per_community,
        socwork_coverage=coverage,
        key_secretaries=key_secretaries_frame(baseline, targets.key_share, geo),
        draws_at_deadline=None if draws is None else draws[targets.talent_deadline_month - 1],
        degree_target=(targets.degree_share_min, targets.degree_deadline_month),
        socwork_target=(targets.socwork_share_min, targets.socwork_deadline_month),
        county_names=baseline.county_names,
        met_probability=None if read is None else met_by_month(read, targets.talent_total_min),
        **({} if re is None else {
            "actual_month": re.actual_month,
            "actual": re.actual,
            "calibration": None if re.calibration is None else re.calibration.table,
            "correction": correction_frame(flows, re.actual_month),
        }),
    )  # fmt: skip


@dataclass(frozen=True)
class Reforecast:
    """What a re-forecast needs from the ledger (see :func:`reforecast_state`).

    ``switch`` [C] is each county's last actual plan month (0 = none); ``reset`` [T, P, C]
    the reported stocks at that month's end (NaN elsewhere); ``last`` the latest of them;
    ``known`` plan month -> reported city total where every county reported that period.
    """

    actual_month: dict[str, int]
    switch: np.ndarray
    reset: np.ndarray
    last: int
    known: dict[int, float]
    actual: pd.DataFrame
    calibration: Calibration | None


def reforecast_state(
    ledger: LedgerState, inp: _Inputs, scenario: Scenario, *, calibrate: bool = True
) -> Reforecast:
    """Reported stocks, the months they were reported for, and the calibration.

    A county's last reported period must end within the horizon (plan months 1 to ``T``);
    a period ending before the plan starts does not set the pools (the county keeps the plan).
    """
    ids, T, start = inp.county_ids, inp.months, inp.start_year
    reported = ledger.reported_months(start)
    unknown = sorted(set(reported) - set(ids))
    if unknown:
        raise DataError(
            "the ledger names counties the baseline does not have",
            [Problem("returns", f"county_id {', '.join(unknown)}; allowed: {', '.join(ids)}")],
        )
    late = {c: m for c, m in reported.items() if m > T}
    if late:
        c, m = sorted(late.items())[0]
        raise DataError(
            "a return reports a period after the plan's horizon",
            [Problem("returns", f"county {c}: last period ends {m} months after the plan starts;"
                     f" the horizon is {T} months (run.horizon_years)")],
        )  # fmt: skip
    actual_month = {c: m for c, m in sorted(reported.items()) if m >= 1}
    switch = np.zeros(len(ids), dtype=int)
    reset = np.full((T, P, len(ids)), np.nan)
    stock = ledger.talent_stock()
    c_pos = pd.Index(ids).get_indexer(stock["county_id"])
    p_pos = pd.Index(POOLS).get_indexer(stock["pool"])
    for cid, m in actual_month.items():
        j = ids.index(cid)
        rows = (c_pos == j) & (p_pos >= 0)
        pools = set(stock.loc[rows, "pool"])
        if pools != set(POOLS):
            raise DataError(
                "a county's last return lacks reserve-talent pools",
                [Problem("talent", f"county {cid}: found {', '.join(sorted(pools)) or 'none'};"
                         f" expected {', '.join(POOLS)}")],
            )  # fmt: skip
        switch[j] = m
        reset[m - 1, p_pos[rows], j] = stock.loc[rows, "closing"].to_numpy(dtype=float)
    actual, known = actual_frames(ledger, ids, start, T)
    cal = None
    if calibrate:
        cal = calibration_of(ledger, inp, scenario, set(actual_month))
    return Reforecast(actual_month, switch, reset, max(actual_month.values(), default=0),
                      known, actual, cal)  # fmt: skip


def actual_frames(
    ledger: LedgerState, ids: list[str], start_year: int, months: int
) -> tuple[pd.DataFrame, dict[int, float]]:
    """The reported stocks per county and pool at each period end within the plan, with the
    city's where every county reported (:attr:`TalentResult.actual`), and those city totals
    by plan month."""
    f = reported_periods(ledger.talent_flows(), ledger.returns, start_year)
    f = f[(f["m1"] >= 1) & (f["m1"] <= months)]
    period = plan_months(start_year, months)
    county = pd.DataFrame(
        {
            "county_id": f["county_id"].astype(object).to_numpy(),
            "pool": f["pool"].astype(str).to_numpy(),
            "m": f["m1"].to_numpy(),
            "stock": f["closing"].to_numpy(dtype=float),
        }
    )
    everyone = county.groupby("m")["county_id"].nunique() == len(ids)
    full = county[county["m"].isin(everyone[everyone].index)]
    city = full.groupby(["m", "pool"], as_index=False)["stock"].sum()
    city.insert(0, "county_id", None)
    out = pd.concat([county, city[county.columns]], ignore_index=True)
    out["pool"] = pd.Categorical(out["pool"], categories=list(POOLS))
    out = out.sort_values(["m", "county_id", "pool"], na_position="first", kind="stable")
    out.insert(2, "month", period[out["m"].to_numpy() - 1])
    known = {int(m): float(v) for m, v in city.groupby("m")["stock"].sum().items()}
    return out.drop(columns="m").reset_index(drop=True), known


def calibration_of(
    ledger: LedgerState, inp: _Inputs, scenario: Scenario, reporting: set[str]
) -> Calibration:
    """The calibrated posteriors from the reported flows (:mod:`planning.calibration`)."""
    tl = scenario.talent
    spreads = {f"attrition_spread.{p}": getattr(tl.attrition_spread, p) for p in POOLS}
    spreads |= {"fill_rate_spread": tl.fill_rate_spread, "renewal_spread": tl.renewal_spread}
    zero = [k for k, v in spreads.items() if not v > 0]
    if zero:
        raise ScenarioError(
            "the calibration needs a spread on every uncertain rate",
            [Problem(f"talent.{k}", "found 0; set a positive spread, or run without "
                     "calibration (calibrate=False)") for k in zero],
        )  # fmt: skip
    periods = reported_periods(ledger.talent_flows(), ledger.returns, inp.start_year)
    ends = {m + 1 for m in np.flatnonzero(inp.expiry_slot >= 0)}
    ev = evidence(periods, inp.intake, inp.county_ids, POOLS, skip_months={"cgvo": ends})
    attr = {p: (getattr(tl.attrition_rate, p), getattr(tl.attrition_spread, p)) for p in POOLS}
    return calibrate_rates(
        ev,
        inp.county_ids,
        attr,
        (tl.intake_fill_rate, tl.fill_rate_spread),
        (tl.renewal_share, tl.renewal_spread),
        pools=POOLS,
        reporting=reporting,
    )


def correction_frame(flows: pd.DataFrame, actual_month: dict[str, int]) -> pd.DataFrame:
    """Rows of the flows where the pools were set to the reported stocks (see
    :attr:`TalentResult.correction`)."""
    if not actual_month:
        return pd.DataFrame(columns=["county_id", "pool", "month", "simulated", "reported",
                                     "correction"])  # fmt: skip
    month, start = flows["month"].dt, flows["month"].iloc[0]
    m = ((month.year - start.year) * 12 + month.month - start.month + 1).to_numpy()
    at = flows["county_id"].astype(object).map(pd.Series(actual_month)).fillna(-1)
    rows = flows[m == at.to_numpy()]
    sim = rows["stock_start"] + rows["in_intake"] - rows[list(FLOW_COLUMNS[1:])].sum(axis=1)
    return pd.DataFrame(
        {
            "county_id": rows["county_id"].astype(object).to_numpy(),
            "pool": rows["pool"].to_numpy(),
            "month": rows["month"].to_numpy(),
            "simulated": sim.to_numpy(),
            "reported": rows["stock"].to_numpy(),
            "correction": (rows["stock"] - sim).to_numpy(),
        }
    )


def met_by_month(draws_total: np.ndarray, threshold: float) -> np.ndarray:
    """Share of draws whose city total has passed ``threshold`` by each plan month.

    ``draws_total`` is ``[T, D]``; the result has ``T`` entries and never decreases (a draw
    counts from the month its total first passes the threshold, as the target reads it).

    >>> met_by_month(np.array([[9.0, 11.0], [12.0, 8.0]]), 10).tolist()
    [0.5, 1.0]
    """
    met = first_met(draws_total, threshold)
    months = np.arange(1, draws_total.shape[0] + 1)
    return ((met[None, :] > 0) & (met[None, :] <= months[:, None])).mean(axis=1)


@dataclass(frozen=True)
class IntakeSeek:
    """What intake meets the reserve-talent target by its deadline (see :func:`seek_intake`).

    Attributes
    ----------
    month_met : int or None
        With the scenario's own intake, the first plan month the target is met (the
        reverse question); ``met`` is the same as a Period.
    met_by_deadline : bool
        Whether the scenario's own intake already meets the target by the deadline.
    multiplier : float or None
        Least multiplier on the scenario's planned intake (all pools, all years) that meets
        the target by the deadline; ``multiplier_below`` is just below it and misses, and
        the two differ by less than one recruit a year. None if no multiplier up to
        ``MAX_MULTIPLIER`` does.
    extra_city_per_year : float or None
        Extra recruits a year (city, year 1, after the fill rate) that the multiplier means.
    extra_per_county_per_year : int or None
        Least whole number of extra recruits per county per year (each county the same,
        split across pools like the scenario's intake, after the fill rate) that meets the
        target by the deadline; one fewer misses. 0 when already met.
    multiplier_for_probability : float or None
        When a ``probability`` was asked for: the least multiplier meeting the target by
        the deadline in at least that share of the Monte Carlo draws.
    """

    threshold: int
    deadline_month: int
    month_met: int | None
    met: pd.Period | None
    met_by_deadline: bool
    value_at_deadline: float
    multiplier: float | None
    multiplier_below: float | None
    extra_city_per_year: float | None
    extra_per_county_per_year: int | None
    evaluations: int
    probability: float | None = None
    multiplier_for_probability: float | None = None


MAX_MULTIPLIER = 64.0
MAX_EXTRA_PER_COUNTY = 1_000_000


def _best_by_deadline(inp: _Inputs, rates: _Rates, deadline: int, **kw) -> float:
    """Highest city total at any month up to the deadline (met by then iff > threshold)."""
    return float(simulate(inp, rates, months=deadline, **kw).city_total.max())


def _bisect_float(meets, lo: float, hi: float, tol: float) -> tuple[float, float]:
    """Shrink [lo, hi] (lo misses, hi meets) until shorter than ``tol``; monotone ``meets``."""
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if meets(mid) else (mid, hi)
    return lo, hi


def _bisect_int(meets, lo: int, hi: int) -> int:
    """Least integer in (lo, hi] that meets (lo misses, hi meets); monotone ``meets``."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if meets(mid) else (mid, hi)
    return hi


def _least_multiplier(meets, tol: float) -> tuple[float | None, float | None]:
    """(just below, least) multiplier meeting a monotone test, or (None, None) if none does."""
    lo, hi = (0.0, 1.0) if meets(1.0) else (1.0, 2.0)
    while hi <= MAX_MULTIPLIER and not meets(hi):
        lo, hi = hi, 2 * hi
    if hi > MAX_MULTIPLIER:
        return None, None
    return _bisect_float(meets, lo, hi, tol)


def _least_extra(meets) -> int | None:
    """Least whole number of extra recruits meeting a monotone test, or None."""
    if meets(0):
        return 0
    lo, hi = 0, 1
    while hi <= MAX_EXTRA_PER_COUNTY and not meets(hi):
        lo, hi = hi, 2 * hi
    return _bisect_int(meets, lo, hi) if hi <= MAX_EXTRA_PER_COUNTY else None


def _meet_share(inp: _Inputs, rates: _Rates, deadline: int, threshold: float, m: float):
    """Share of draws whose city total passes the threshold by the deadline at multiplier m."""
    totals = simulate_draws(inp, rates, months=deadline, intake_scale=m)
    return float(np.mean(totals.max(axis=0) > threshold))


def seek_intake(
    baseline: Baseline, scenario: Scenario, *, probability: float | None = None
) -> IntakeSeek:
    """Least intake that gets the pools past the target by the deadline, and when it is met.

    The city total at every month never falls when intake rises (tested), so the search
    is a bisection: on a multiplier of the planned intake until the bracket is narrower
    than one recruit a year, and on whole extra recruits per county per year.

    Parameters
    ----------
    probability : float, optional
        Also find the least multiplier that meets the target by the deadline in at least
        this share of the Monte Carlo draws (``run.mc_draws`` of them, same seed, so the
        share never falls as intake rises); e.g. ``targets.at_risk_probability``.

    Examples
    --------
    >>> from planning import load_baseline, load_scenario
    >>> s = seek_intake(load_baseline(), load_scenario("baseline"), probability=0.8)
    >>> round(s.multiplier, 3), s.extra_per_county_per_year, s.multiplier_for_probability > 1.1
    (1.042, 15, True)
    """
    inp = prepare(baseline, scenario)
    rates = central_rates(scenario.talent)
    threshold, deadline = scenario.targets.talent_total_min, scenario.targets.talent_deadline_month
    full = simulate(inp, rates).city_total[:, 0]
    month = int(first_met(full[:, None], threshold)[0])
    calls = [1]

    def best(**kw) -> float:
        calls[0] += 1
        return _best_by_deadline(inp, rates, deadline, **kw)

    yearly = np.bincount(np.arange(inp.months) // 12, weights=inp.intake.sum(axis=(1, 2)))
    fill = float(rates.fill.ravel()[0])
    max_year = float(yearly[: math.ceil(deadline / 12)].max()) * fill
    below = mult = None
    if max_year > 0:
        below, mult = _least_multiplier(lambda m: best(intake_scale=m) > threshold, 1 / max_year)
    per_extra = (inp.timing * inp.pool_mix[None, :])[:, :, None] * np.ones(len(inp.county_ids))
    extra = _least_extra(lambda x: best(extra=x * per_extra) > threshold)
    p_mult = _probability_multiplier(inp, scenario, probability, max_year, calls)
    months = plan_months(inp.start_year, inp.months)
    return IntakeSeek(
        threshold=threshold,
        deadline_month=deadline,
        month_met=month or None,
        met=months[month - 1] if month else None,
        met_by_deadline=bool(month and month <= deadline),
        value_at_deadline=float(full[deadline - 1]),
        multiplier=mult,
        multiplier_below=below,
        extra_city_per_year=None if mult is None else (mult - 1.0) * float(yearly[0]) * fill,
        extra_per_county_per_year=extra,
        evaluations=calls[0],
        probability=probability,
        multiplier_for_probability=p_mult,
    )


def _probability_multiplier(
    inp: _Inputs, scenario: Scenario, probability: float | None, max_year: float, calls: list
) -> float | None:
    """Least multiplier meeting the target by the deadline in ``probability`` of the draws."""
    if probability is None:
        return None
    if not 0 < probability <= 1:
        raise UsageError(
            "seek_intake: probability must be a share",
            [Problem("probability", f"found {probability!r}; expected more than 0 and at most 1")],
        )
    if scenario.run.mc_draws == 0 or max_year <= 0:
        raise UsageError(
            "seek_intake: a probability needs Monte Carlo draws and some intake",
            [Problem("run.mc_draws", "set run.mc_draws above 0 (e.g. 1000) and plan an intake")],
        )
    rates = drawn_rates(scenario.talent, scenario.run.mc_draws, scenario.run.seed)
    threshold, deadline = scenario.targets.talent_total_min, scenario.targets.talent_deadline_month

    def meets(m: float) -> bool:
        calls[0] += 1
        return _meet_share(inp, rates, deadline, threshold, m) >= probability

    return _least_multiplier(meets, 1 / max_year)[1]
