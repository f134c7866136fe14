"""Community venue tiers and village activity rooms: least-cost targets and a build schedule.

The plan asks that within 2-3 years 30 % of communities be standard, 30 % quality and 40 %
demonstration, with every venue owned. Read as at-least shares: demonstration >= 40 %,
quality or better >= 70 %, none below standard, none rented.

Three steps:

1. **Costs** (:func:`tier_options`): for each community and each tier it may reach (never
   below its tier today) the cost of getting there. Extension: new-build price per m2 for the
   area missing to the tier's floor. Renovation: renovation price per m2 of the existing area
   when the venue moves up a tier. Equipment: the target tier's equipment cost minus the
   current tier's (the equipment already there is kept; the table gives costs "from
   scratch"). Ownership: a rented venue is either replaced by an existing property bought
   at the purchase price per m2 (which includes its land), or by a new owned building at the
   new-build price plus the land price per m2 (``venues.land_yuan_per_m2``, by kind of
   county), each of the tier's floor area (at least today's area); the cheaper is taken.
2. **Targets** (:func:`choose_target_tiers`): the assignment of target tiers meeting the
   shares at least total cost, solved exactly with ``scipy.optimize.milp`` (HiGHS).
3. **Schedule** (:func:`schedule_projects`): month by month through the building season,
   projects start in priority order when their county has a free slot and the year's budget
   (city pot, and the county's pot when shares are set) can pay for them. A project's cost is
   spread evenly over its working months (stage payments), so each year's spending is the
   sum of the work done in that year. A project that fits in one season never straddles a
   winter; longer projects pause over winter.

:func:`seek_venue_budget` finds the least yearly budget meeting the targets by the deadline.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from ..data import Baseline
from ..errors import DataError, PlanningError, Problem, ScenarioError
from ..scenario import Scenario, Venues

if TYPE_CHECKING:
    from ..ledger import LedgerState

TIERS = ("below", "standard", "quality", "demonstration")
"""Community tiers, lowest first; the rank of a tier is its position here."""
RANK = {t: i for i, t in enumerate(TIERS)}
EPS_YUAN = 1e-3
"""Slack in budget comparisons (floating-point sums of stage payments)."""


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, eq=False)
class VenuePlan:
    """A venue plan: target tiers, schedule, tier mix over time and spending.

    Attributes
    ----------
    communities : DataFrame
        One row per community: community_id, county_id, households, from_tier, to_tier,
        tenure_from, ownership_route (``none``/``buy``/``new_build``/``kept_rented``),
        area_from_m2, area_added_m2, extension_yuan, renovation_yuan, equipment_yuan,
        land_yuan (part of ownership_yuan), ownership_yuan, cost_yuan, project (bool), start_month, finish_month (plan months,
        <NA> when no project or not scheduled within the horizon).
    mix : DataFrame
        Tidy tier mix by month (0 = today): month, date, tier, communities, share.
    target_check : DataFrame
        By month: demonstration_share, quality_or_better_share, below_standard, rented,
        demonstration_target, quality_or_better_target, met.
    spending : DataFrame
        By year and county: year, county_id, spent_yuan, budget_yuan (the county's pot, NaN
        when the budget is one city pot).
    spending_by_year : DataFrame
        City totals: year, spent_yuan, budget_yuan.
    villages : DataFrame
        One row per village: village_id, county_id, households, area_from_m2,
        tenure_from, ownership_route, area_added_m2, the cost in parts and cost_yuan,
        project (work needed), start_month, finish_month.
    village_spending, village_spending_by_year : DataFrame
        The same two frames for village rooms (village budget).
    feasible, village_feasible : bool
        Targets met at their deadlines.
    met_month, village_met_month : int or None
        First plan month at which the targets hold (None = not within the horizon).
    shortfall, village_shortfall : DataFrame
        Rows of ``communities``/``villages`` still short of their target at the deadline.
    """

    communities: pd.DataFrame
    mix: pd.DataFrame
    target_check: pd.DataFrame
    spending: pd.DataFrame
    spending_by_year: pd.DataFrame
    villages: pd.DataFrame
    village_spending: pd.DataFrame
    village_spending_by_year: pd.DataFrame
    feasible: bool
    met_month: int | None
    village_feasible: bool
    village_met_month: int | None
    shortfall: pd.DataFrame
    village_shortfall: pd.DataFrame
    deadline_month: int
    village_deadline_month: int
    yearly_budget_yuan: float
    village_yearly_budget_yuan: float
    county_names: dict[str, str] = field(default_factory=dict)
    """County id -> name, for chart labels."""
    village_floor_m2: float | None = None
    """Least floor area of a village activity room (the ``village`` row of venue_tiers): the
    city's own working standard, shown with the village-room target."""
    paid_by: str = "city"
    """Level of government that pays the community venue projects (``venues.paid_by``)."""
    village_paid_by: str = "county"
    """Level that pays the village room projects (``venues.village_paid_by``)."""
    reported: dict[str, Any] = field(default_factory=dict)
    """With a ledger: the reported state and its money (yuan). ``restart_month`` (last
    reported plan month), ``completed``/``under_way`` (community projects fixed by the
    returns), ``spent_yuan`` (reported cost of community projects), ``committed_yuan``
    (payments still due on those under way), ``remaining_budget_yuan`` (the yearly budgets
    from the restart's year on, less what was reported spent in those years),
    ``planned_yuan`` (projects re-planned), and the same with ``village_`` for village
    rooms. Empty without a ledger."""

    @property
    def total_cost_yuan(self) -> float:
        """Cost of every community project in the plan (scheduled or not)."""
        return float(self.communities["cost_yuan"].sum())

    @property
    def village_total_cost_yuan(self) -> float:
        """Cost of every village room project."""
        return float(self.villages["cost_yuan"].sum())

    @property
    def ownership(self) -> dict[str, float]:
        """Rented community venues made owned: how many (``venues``), by which route
        (``new_build``, ``buy``), what the purchases or new buildings cost
        (``ownership_yuan``) and the land's part of it (``land_yuan``)."""
        com = self.communities
        owned = com[com["ownership_route"].isin(["buy", "new_build"])]
        built = int((owned["ownership_route"] == "new_build").sum())
        return {
            "venues": len(owned),
            "new_build": built,
            "buy": len(owned) - built,
            "ownership_yuan": float(owned["ownership_yuan"].sum()),
            "land_yuan": float(owned["land_yuan"].sum()) if "land_yuan" in owned else 0.0,
        }


@dataclass(frozen=True)
class BudgetSeek:
    """Result of :func:`seek_venue_budget`.

    ``budget_yuan`` is the least yearly budget found (None when no budget suffices, e.g.
    the concurrency cap or the season is the limit); the targets are met at it and missed
    at ``below_yuan`` (a budget less than ``tolerance_yuan`` lower). ``met_month`` is when
    the targets are met at ``budget_yuan``; ``reason`` says why no budget suffices.
    """

    which: str
    budget_yuan: float | None
    below_yuan: float | None
    met_month: int | None
    tolerance_yuan: float
    reason: str = ""


@dataclass(frozen=True)
class ScheduleRules:
    """The parts of a scenario that shape a schedule (communities or village rooms)."""

    yearly_budget_yuan: float
    county_shares: tuple[float, ...] | None
    season_start_month: int
    season_end_month: int
    project_months: int
    max_concurrent: int
    horizon_months: int
    deadline_month: int | None = None
    """When set, counties that would otherwise miss the deadline go first (see schedule)."""


# --------------------------------------------------------------------------- costs


def _lookup_tables(baseline: Baseline) -> tuple[dict[str, tuple[float, float]], pd.DataFrame]:
    tiers = baseline.venue_tiers.set_index("tier")
    missing = [t for t in ("village", *TIERS[1:]) if t not in tiers.index]
    if missing:
        raise DataError(
            "venue_tiers is incomplete",
            [
                Problem(
                    "venue_tiers",
                    f"no row for tier(s) {', '.join(missing)}; "
                    "expected village, standard, quality, demonstration",
                )
            ],
        )
    std = {t: (float(r.min_area_m2), float(r.equipment_yuan)) for t, r in tiers.iterrows()}
    costs = baseline.venue_costs.set_index("county_id")
    return std, costs


def _county_costs(costs: pd.DataFrame, county_ids: pd.Series, table: str) -> pd.DataFrame:
    unknown = sorted(set(county_ids) - set(costs.index))
    if unknown:
        raise DataError(
            "venue_costs lacks counties",
            [
                Problem("venue_costs", f"no unit costs for county {c}, which has {table}")
                for c in unknown
            ],
        )
    return costs.loc[county_ids.to_numpy()].reset_index(drop=True)


def land_prices(baseline: Baseline, scenario: Scenario, county_ids: pd.Series) -> np.ndarray:
    """Land price per m2 of floor area for a new building in each row's county, from the
    county's kind (``counties.kind``) and ``venues.land_yuan_per_m2``.

    >>> land_prices(generate("city"), Scenario(), pd.Series(["C01", "C02"])).tolist()
    [1500.0, 0.0]
    """
    kind = baseline.counties.set_index("county_id")["kind"]
    prices = scenario.venues.land_yuan_per_m2
    by_county = kind.map(lambda k: float(getattr(prices, str(k))))
    return county_ids.map(by_county).to_numpy(float)


def tier_options(baseline: Baseline, scenario: Scenario) -> pd.DataFrame:
    """Cost of bringing each community to each tier it may reach.

    An owned venue is extended (new-build price per m2 of the area missing to the tier's
    floor), renovated (its existing area, when it moves up a tier) and equipped. A rented
    venue must become owned (``venues.require_owned``), by the cheaper of two routes:

    - **buy** an existing property of the area the tier needs (the rented premises
      themselves when they are big enough) at the purchase price per m2, which includes
      its land; renovated when the venue moves up a tier, and equipped;
    - **new build**: a new owned building of that area, at the new-build price plus the
      land price per m2 of floor area (``venues.land_yuan_per_m2`` by kind of county);
      equipment moves along.

    Parameters
    ----------
    baseline : Baseline
    scenario : Scenario
        Uses ``venues.require_owned`` and ``venues.land_yuan_per_m2``.

    Returns
    -------
    DataFrame
        One row per (community, reachable tier): community_id, county_id, from_tier, to_tier,
        ownership_route, area_added_m2, extension_yuan, renovation_yuan, equipment_yuan,
        land_yuan, ownership_yuan (purchase, or new building with its land), cost_yuan. Tiers
        below today's and ``below`` are never offered.

    Examples
    --------
    >>> opts = tier_options(generate("city"), Scenario())
    >>> opts.groupby("community_id").size().max()
    3
    """
    std, costs = _lookup_tables(baseline)
    com = baseline.communities
    unit = _county_costs(costs, com["county_id"], "communities")
    build = unit["new_build_yuan_per_m2"].to_numpy()
    reno = unit["renovation_yuan_per_m2"].to_numpy()
    purchase = unit["purchase_yuan_per_m2"].to_numpy()
    land = land_prices(baseline, scenario, com["county_id"])
    rank0 = com["tier"].map(RANK).to_numpy()
    area = com["venue_area_m2"].to_numpy(float)
    rented = (com["venue_tenure"] == "rented").to_numpy() & scenario.venues.require_owned
    equip0 = np.array([std[t][1] if t != "below" else 0.0 for t in com["tier"]])
    frames = []
    for k in TIERS[1:]:
        ok = rank0 <= RANK[k]
        floor, equip = std[k]
        up = rank0 < RANK[k]
        added = np.maximum(0.0, floor - area)
        ext = build * added
        ren = np.where(up, reno * area, 0.0)
        eq = np.where(up, np.maximum(0.0, equip - equip0), 0.0)
        # A rented venue's two routes, each for the area the tier needs.
        need = np.maximum(floor, area)
        bought = purchase * need
        buy = bought + np.where(up, reno * need, 0.0) + eq
        new_land = land * need
        new = (build + land) * need + eq
        use_new = rented & (new < buy)
        use_buy = rented & ~use_new
        route = np.where(use_new, "new_build", np.where(rented, "buy", "none"))
        if not scenario.venues.require_owned:
            route = np.where(com["venue_tenure"] == "rented", "kept_rented", route)
        frames.append(
            pd.DataFrame(
                {
                    "community_id": com["community_id"],
                    "county_id": com["county_id"],
                    "from_tier": com["tier"],
                    "to_tier": k,
                    "ownership_route": route,
                    "area_added_m2": np.where(rented, need - area, added),
                    "extension_yuan": np.where(rented, 0.0, ext),
                    "renovation_yuan": np.where(
                        use_new, 0.0, np.where(use_buy, np.where(up, reno * need, 0.0), ren)
                    ),
                    "equipment_yuan": eq,
                    "land_yuan": np.where(use_new, new_land, 0.0),
                    "ownership_yuan": np.where(use_new, new - eq, np.where(use_buy, bought, 0.0)),
                    "cost_yuan": np.where(use_new, new, np.where(use_buy, buy, ext + ren + eq)),
                }
            )[ok]
        )
    out = pd.concat(frames, ignore_index=True)
    out["project"] = (
        (out["to_tier"].map(RANK) > out["from_tier"].map(RANK))
        | out["ownership_route"].isin(["buy", "new_build"])
        | (out["area_added_m2"] > 0)
    )
    return out.sort_values(["community_id", "to_tier"], key=_tier_key, kind="stable").reset_index(
        drop=True
    )


def _tier_key(s: pd.Series) -> pd.Series:
    return s.map(RANK) if s.name == "to_tier" else s


# --------------------------------------------------------------------------- targets


def target_counts(n: int, venues: Venues) -> tuple[int, int]:
    """Least numbers of demonstration and quality-or-better communities out of ``n``.

    >>> target_counts(168, Venues())
    (68, 118)
    """
    demo = math.ceil(venues.demonstration_share_min * n - 1e-9)
    qplus = math.ceil(venues.quality_or_better_share_min * n - 1e-9)
    return demo, max(qplus, demo)


def choose_target_tiers(
    options: pd.DataFrame,
    demo_min: int,
    qplus_min: int,
    county_capacity: dict[str, int] | None = None,
) -> pd.DataFrame:
    """Pick one option per community meeting the tier counts at least total cost (exact).

    A binary ``y[c, tier]`` per option; one option per community; at least ``demo_min``
    demonstration and ``qplus_min`` quality-or-better communities; minimise total cost.
    With ``county_capacity`` also: at most that many projects in each county (the projects
    its teams can finish by the deadline), so that upgrades needed only for the city-wide
    shares go where they can be built in time. When no choice fits those capacities, the
    fewest projects beyond them are planned (the schedule then shows the shortfall).

    Parameters
    ----------
    options : DataFrame
        As from :func:`tier_options` (community_id, to_tier, cost_yuan, ...).
    demo_min, qplus_min : int
        Least counts, e.g. from :func:`target_counts`.
    county_capacity : dict, optional
        Most projects per county id, e.g. from :func:`projects_by_deadline`.

    Returns
    -------
    DataFrame
        The chosen rows of ``options``, one per community, in community order.

    Examples
    --------
    >>> opts = tier_options(baseline, scenario)
    >>> chosen = choose_target_tiers(opts, *target_counts(168, scenario.venues))
    >>> (chosen["to_tier"] == "demonstration").sum() >= 68
    True
    """
    if options.empty:
        return options
    codes, uniques = pd.factorize(options["community_id"])
    n_opt, n_com = len(options), len(uniques)
    rank = options["to_tier"].map(RANK).to_numpy()
    one = sparse.csr_matrix((np.ones(n_opt), (codes, np.arange(n_opt))), shape=(n_com, n_opt))
    counts = np.vstack([(rank == 3).astype(float), (rank >= 2).astype(float)])
    cost = options["cost_yuan"].to_numpy(float) / 1e3  # thousands of yuan: better scaled
    n_extra, blocks = 0, []
    if county_capacity is not None:
        # One overflow variable per county, priced above any possible cost saving, so the
        # fewest projects beyond the capacities come first and least cost second.
        ccodes, counties = pd.factorize(options["county_id"])
        n_extra = len(counties)
        proj = options["project"].to_numpy(float)
        load = sparse.csr_matrix((proj, (ccodes, np.arange(n_opt))), shape=(n_extra, n_opt))
        ub = np.array([county_capacity.get(c, n_com) for c in counties], dtype=float)
        blocks = [(load, -sparse.identity(n_extra), ub)]
        penalty = 1.0 + options.groupby("community_id")["cost_yuan"].max().sum() / 1e3
        cost = np.concatenate([cost, np.full(n_extra, penalty)])
    pad = sparse.csr_matrix((n_com, n_extra))
    constraints = [
        LinearConstraint(sparse.hstack([one, pad]).tocsr(), 1, 1),
        LinearConstraint(
            np.hstack([counts, np.zeros((2, n_extra))]), [demo_min, qplus_min], np.inf
        ),
        *[LinearConstraint(sparse.hstack([a, e]).tocsr(), -np.inf, u) for a, e, u in blocks],
    ]
    upper = np.concatenate([np.ones(n_opt), np.full(n_extra, np.inf)])
    res = _solve_binary(cost, n_opt, constraints, Bounds(np.zeros(n_opt + n_extra), upper))
    if res.status != 0 or res.x is None:
        raise PlanningError(
            "no venue tier plan meets the targets",
            [
                Problem(
                    "venues",
                    f"the solver reports: {res.message}; found {n_com} communities, "
                    f"needs {demo_min} demonstration and {qplus_min} quality or better",
                )
            ],
        )
    return options[res.x[:n_opt] > 0.5].reset_index(drop=True)


def _solve_binary(cost: np.ndarray, n_binary: int, constraints: list, bounds: Bounds):
    """Solve with the first ``n_binary`` variables binary: the LP relaxation first (these
    assignment problems are nearly always integral, and an integral LP optimum is the
    MILP optimum), the branch-and-bound only when it is not."""
    lp = milp(cost, integrality=np.zeros(len(cost)), bounds=bounds, constraints=constraints)
    if lp.status == 0 and lp.x is not None:
        frac = np.abs(lp.x[:n_binary] - np.round(lp.x[:n_binary]))
        if frac.max(initial=0.0) <= 1e-9:
            lp.x[:n_binary] = np.round(lp.x[:n_binary])
            return lp
    integrality = np.concatenate([np.ones(n_binary), np.zeros(len(cost) - n_binary)])
    return milp(cost, integrality=integrality, bounds=bounds, constraints=constraints)


# --------------------------------------------------------------------------- schedule


def _in_season(month: int, rules: ScheduleRules) -> bool:
    cal = (month - 1) % 12 + 1
    return rules.season_start_month <= cal <= rules.season_end_month


def work_months(start: int, rules: ScheduleRules) -> list[int] | None:
    """Plan months in which a project started in ``start`` works, or None if it cannot start.

    A project works ``project_months`` months of building season. When that fits in one
    season it must (no winter break in the middle of a job); longer projects pause over
    winter. Projects that would run past the horizon cannot start.

    >>> rules = ScheduleRules(1e7, None, 5, 10, 3, 4, 60)
    >>> work_months(17, rules), work_months(21, rules)
    ([17, 18, 19], None)
    """
    if not _in_season(start, rules):
        return None
    season_len = rules.season_end_month - rules.season_start_month + 1
    cal = (start - 1) % 12 + 1
    if rules.project_months <= season_len and cal + rules.project_months - 1 > (
        rules.season_end_month
    ):
        return None
    months, m = [], start
    while len(months) < rules.project_months:
        if _in_season(m, rules):
            months.append(m)
        m += 1
    return months if months[-1] <= rules.horizon_months else None


def projects_by_deadline(rules: ScheduleRules, deadline_month: int, from_month: int = 1) -> int:
    """How many projects one slot (one of a county's concurrent teams) finishes by a deadline,
    starting no earlier than ``from_month``.

    >>> projects_by_deadline(ScheduleRules(1e7, None, 5, 10, 3, 4, 60), 36)
    6
    """
    timing = ScheduleRules(
        0.0,
        None,
        rules.season_start_month,
        rules.season_end_month,
        rules.project_months,
        1,
        rules.horizon_months,
    )
    return _slot_rounds(timing, deadline_month, from_month)


@functools.lru_cache(maxsize=4096)
def _slot_rounds(rules: ScheduleRules, deadline_month: int, from_month: int) -> int:
    done, s = 0, from_month
    while s <= rules.horizon_months:
        months = work_months(s, rules)
        if months is None:
            s += 1
            continue
        if months[-1] > deadline_month:
            break
        done, s = done + 1, months[-1] + 1
    return done


def _start_table(rules: ScheduleRules) -> dict[int, tuple[int, tuple[tuple[int, float], ...]]]:
    """For every possible start month: finish month and (year index, share of cost) pairs."""
    table = {}
    for s in range(1, rules.horizon_months + 1):
        months = work_months(s, rules)
        if months is None:
            continue
        years = [(m - 1) // 12 for m in months]
        shares = tuple((y, years.count(y) / len(months)) for y in sorted(set(years)))
        table[s] = (months[-1], shares)
    return table


def schedule_projects(
    county_idx: np.ndarray,
    cost_yuan: np.ndarray,
    order: np.ndarray,
    n_counties: int,
    rules: ScheduleRules,
    *,
    from_month: int = 1,
    spent0: np.ndarray | None = None,
    running0: list[list[int]] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Start and finish month of each project, greedily in priority order.

    Month by month, every waiting project (in ``order``) starts when its county runs fewer
    than ``max_concurrent`` projects and every year it works in still has the money for its
    share of the cost (city pot and, with county shares, the county's pot). A project that
    does not fit waits, and cheaper projects behind it may go first (no money is left idle).

    Parameters
    ----------
    county_idx : int array
        County position (0..n_counties-1) of each project.
    cost_yuan : float array
        Cost of each project, spread evenly over its working months.
    order : int array
        Project positions, highest priority first.
    n_counties : int
    rules : ScheduleRules
    from_month : int, default 1
        No project starts before this plan month (a re-plan after reported months).
    spent0 : array [county, year], optional
        Money already spent or committed in each year (it comes off the year's budgets).
    running0 : list of lists, optional
        Finish months of projects under way in each county (they hold a team each).

    Returns
    -------
    start, finish : int arrays
        Plan months; 0 where a project could not be scheduled within the horizon.

    Examples
    --------
    >>> rules = ScheduleRules(1e6, None, 5, 10, 3, 1, 24)
    >>> schedule_projects(np.array([0, 0]), np.array([6e5, 6e5]), np.array([0, 1]), 1, rules)
    (array([ 5, 17]), array([ 7, 19]))
    """
    n = len(cost_yuan)
    start = np.zeros(n, dtype=np.int64)
    finish = np.zeros(n, dtype=np.int64)
    n_years = (rules.horizon_months + 11) // 12
    budget = rules.yearly_budget_yuan + EPS_YUAN
    spent = [0.0] * n_years
    shares = rules.county_shares
    c_budget = (
        None if shares is None else [float(x) * rules.yearly_budget_yuan + EPS_YUAN for x in shares]
    )
    c_spent = [[0.0] * n_years for _ in range(n_counties)]
    running: list[list[int]] = [[] for _ in range(n_counties)]  # finish months, per county
    if spent0 is not None:
        spent = [float(x) for x in spent0.sum(axis=0)]
        for c in range(min(n_counties, spent0.shape[0])):
            c_spent[c] = [float(x) for x in spent0[c]]
    if running0 is not None:
        running = [list(r) for r in running0]
    cost = [float(x) for x in cost_yuan]
    county = [int(x) for x in county_idx]
    pending = [int(i) for i in order]

    def try_start(items: list[int], s: int, fin: int, year_shares, reserve: float) -> None:
        for i in items:
            c = county[i]
            if len(running[c]) >= rules.max_concurrent:
                continue
            fits = all(spent[y] + cost[i] * f <= budget - reserve for y, f in year_shares)
            if fits and c_budget is not None:
                fits = all(c_spent[c][y] + cost[i] * f <= c_budget[c] for y, f in year_shares)
            if not fits:
                continue
            for y, f in year_shares:
                spent[y] += cost[i] * f
                c_spent[c][y] += cost[i] * f
            start[i], finish[i] = s, fin
            running[c].append(fin)

    for s, (fin, year_shares) in _start_table(rules).items():
        if s < from_month:
            continue
        running = [[f for f in r if f >= s] for r in running]
        if not pending:
            break
        critical = _critical_counties(pending, county, running, s, rules)
        urgent = [i for i in pending if county[i] in critical]
        try_start(urgent, s, fin, year_shares, 0.0)
        reserve = _reserve_yuan(urgent, start, county, cost, running, s, rules)
        try_start([i for i in pending if county[i] not in critical], s, fin, year_shares, reserve)
        pending = [i for i in pending if start[i] == 0]
    return start, finish


def _critical_counties(
    pending: list[int], county: list[int], running: list[list[int]], s: int, rules: ScheduleRules
) -> set[int]:
    """Counties whose waiting projects are within one round (one project per team, the
    projects-at-once cap) of what their teams can still finish by the deadline: a month or
    two of waiting makes them miss it, so they go first. Without that round of slack a
    county filled to its capacity by the target tiers waits behind bigger communities
    elsewhere for the first year's money and misses by a project or two."""
    if rules.deadline_month is None or s > rules.deadline_month or not pending:
        return set()
    waiting = np.bincount(np.asarray([county[i] for i in pending]), minlength=len(running))
    critical = set()
    for c, fins in enumerate(running):
        if waiting[c] == 0:
            continue
        left = (rules.max_concurrent - len(fins)) * projects_by_deadline(
            rules, rules.deadline_month, s
        ) + sum(projects_by_deadline(rules, rules.deadline_month, f + 1) for f in fins)
        if waiting[c] >= left - rules.max_concurrent:
            critical.add(c)
    return critical


def _reserve_yuan(
    urgent: list[int],
    start: np.ndarray,
    county: list[int],
    cost: list[float],
    running: list[list[int]],
    s: int,
    rules: ScheduleRules,
) -> float:
    """Money of this year kept for the starts critical counties still make later this year."""
    if not urgent or rules.deadline_month is None:
        return 0.0
    year_end = min(((s - 1) // 12 + 1) * 12, rules.deadline_month)
    by_county: dict[int, list[int]] = {}
    for i in urgent:
        if start[i] == 0:
            by_county.setdefault(county[i], []).append(i)
    total = 0.0
    for c, items in by_county.items():
        later = (rules.max_concurrent - len(running[c])) * projects_by_deadline(
            rules, year_end, s + 1
        ) + sum(projects_by_deadline(rules, year_end, f + 1) for f in running[c])
        total += sum(cost[i] for i in items[:later])
    return total


def yearly_spending(
    county_idx: np.ndarray, cost_yuan: np.ndarray, start: np.ndarray, rules: ScheduleRules
) -> np.ndarray:
    """Spending of a schedule as an array [county, year] in yuan (stage payments)."""
    n_years = (rules.horizon_months + 11) // 12
    n_counties = int(county_idx.max()) + 1 if len(county_idx) else 0
    out = np.zeros((max(n_counties, 1), n_years))
    table = _start_table(rules)
    for c, cost, s in zip(county_idx, cost_yuan, start, strict=True):
        if s > 0:
            for y, f in table[int(s)][1]:
                out[c, y] += cost * f
    return out


def required_budget(spend: np.ndarray, county_shares: tuple[float, ...] | None) -> float:
    """Least yearly budget under which a schedule with this [county, year] spending fits."""
    need = float(spend.sum(axis=0).max(initial=0.0))
    if county_shares is not None:
        for c, share in enumerate(county_shares[: spend.shape[0]]):
            top = float(spend[c].max(initial=0.0))
            if top > 0:
                need = max(need, top / share if share > 0 else math.inf)
    return need


# --------------------------------------------------------------------------- plan


def _rules(baseline: Baseline, scenario: Scenario, *, village: bool, budget: float | None = None):
    v = scenario.venues
    shares = None
    if v.county_budget_shares:
        unknown = sorted(set(v.county_budget_shares) - set(baseline.county_ids))
        if unknown:
            raise ScenarioError(
                "venues.county_budget_shares names unknown counties",
                [
                    Problem(
                        "venues.county_budget_shares",
                        f"found county id(s) {', '.join(unknown)}; allowed: "
                        f"{', '.join(baseline.county_ids)}",
                    )
                ],
            )
        shares = tuple(float(v.county_budget_shares.get(c, 0.0)) for c in baseline.county_ids)
    default = v.village_yearly_budget_yuan if village else v.yearly_budget_yuan
    return ScheduleRules(
        yearly_budget_yuan=float(default if budget is None else budget),
        county_shares=shares,
        season_start_month=v.season_start_month,
        season_end_month=v.season_end_month,
        project_months=v.village_project_months if village else v.project_months,
        max_concurrent=v.village_max_concurrent_per_county
        if village
        else v.max_concurrent_per_county,
        horizon_months=scenario.run.months,
        deadline_month=v.village_deadline_month if village else v.deadline_month,
    )


def priority_order(projects: pd.DataFrame, rule: str) -> np.ndarray:
    """Positions of ``projects`` in build order under a priority rule.

    ``households``: biggest first; ``cheapest``: lowest cost first; ``worst``: lowest tier
    today first, then rented before owned, then smallest area. Ties go by id (first column).
    """
    ident = projects.iloc[:, 0].to_numpy()
    if rule == "households":
        keys = [ident, -projects["households"].to_numpy()]
    elif rule == "cheapest":
        keys = [ident, projects["cost_yuan"].to_numpy()]
    else:
        rank = projects["from_tier"].map(RANK).to_numpy() if "from_tier" in projects else 0
        rented = (projects["tenure_from"] == "owned").to_numpy()
        keys = [ident, projects["area_from_m2"].to_numpy(), rented, rank * np.ones(len(ident))]
    return np.lexsort(keys)


def _community_table(
    baseline: Baseline, scenario: Scenario, fixed: _Fixed | None = None
) -> pd.DataFrame:
    opts = tier_options(baseline, scenario)
    com = baseline.communities
    rules = _rules(baseline, scenario, village=False)
    per_slot = projects_by_deadline(rules, scenario.venues.deadline_month)
    capacity = {c: per_slot * rules.max_concurrent for c in baseline.county_ids}
    if fixed is not None:
        opts, capacity = _fixed_options(opts, fixed, rules, capacity, scenario)
    chosen = choose_target_tiers(opts, *target_counts(len(com), scenario.venues), capacity)
    if fixed is not None:
        chosen = _fixed_costs(chosen, fixed, "community_id")
    base = com[["community_id", "households", "venue_area_m2", "venue_tenure"]].rename(
        columns={"venue_area_m2": "area_from_m2", "venue_tenure": "tenure_from"}
    )
    out = base.merge(chosen, on="community_id", how="left", validate="1:1")
    cols = [
        "community_id",
        "county_id",
        "households",
        "from_tier",
        "to_tier",
        "tenure_from",
        "ownership_route",
        "area_from_m2",
        "area_added_m2",
        "extension_yuan",
        "renovation_yuan",
        "equipment_yuan",
        "land_yuan",
        "ownership_yuan",
        "cost_yuan",
        "project",
    ]
    return out[cols]


def _tiers_at(table: pd.DataFrame, finish: np.ndarray, months: np.ndarray):
    """Tier rank and rented flag of every community at each month: arrays [month, community]."""
    done = (finish[None, :] > 0) & (finish[None, :] <= months[:, None])
    r0 = table["from_tier"].map(RANK).to_numpy()
    r1 = table["to_tier"].map(RANK).to_numpy()
    rented0 = (table["tenure_from"] == "rented").to_numpy()
    rented1 = rented0 & (table["ownership_route"] == "kept_rented").to_numpy()
    return np.where(done, r1, r0), np.where(done, rented1, rented0)


def _target_check(
    table: pd.DataFrame, finish: np.ndarray, months: np.ndarray, scenario: Scenario
) -> pd.DataFrame:
    v = scenario.venues
    n = len(table)
    rank, rented = _tiers_at(table, finish, months)
    demo_min, qplus_min = target_counts(n, v)
    demo, qplus = (rank == 3).sum(axis=1), (rank >= 2).sum(axis=1)
    below, n_rented = (rank == 0).sum(axis=1), rented.sum(axis=1)
    met = (demo >= demo_min) & (qplus >= qplus_min) & (below == 0)
    if v.require_owned:
        met &= n_rented == 0
    return pd.DataFrame(
        {
            "month": months,
            "demonstration_share": demo / max(n, 1),
            "quality_or_better_share": qplus / max(n, 1),
            "below_standard": below,
            "rented": n_rented,
            "demonstration_target": v.demonstration_share_min,
            "quality_or_better_target": v.quality_or_better_share_min,
            "met": met,
        }
    )


def plan_dates(months: np.ndarray | pd.Series, start_year: int) -> pd.Series:
    """First day of each plan month (month 0 = December of the base year) as Timestamps."""
    m = np.asarray(months, dtype=np.int64)
    years, cal = start_year + (m - 1) // 12, (m - 1) % 12 + 1
    return pd.to_datetime({"year": years, "month": cal, "day": np.ones_like(m)})


def _mix(table: pd.DataFrame, finish: np.ndarray, months: np.ndarray, start_year: int):
    rank, _ = _tiers_at(table, finish, months)
    n = max(len(table), 1)
    counts = np.stack([(rank == k).sum(axis=1) for k in range(len(TIERS))], axis=1)
    out = pd.DataFrame(
        {
            "month": np.repeat(months, len(TIERS)),
            "tier": np.tile(TIERS, len(months)),
            "communities": counts.ravel(),
            "share": counts.ravel() / n,
        }
    )
    out.insert(1, "date", plan_dates(out["month"], start_year))
    return out


def _first_met(check: pd.DataFrame) -> int | None:
    met = check.loc[check["met"], "month"]
    return int(met.iloc[0]) if len(met) else None


def _spending_frames(spend: np.ndarray, rules: ScheduleRules, county_ids: list[str], start_year):
    n_years = spend.shape[1]
    years = start_year + np.arange(n_years)
    by_county = pd.DataFrame(
        {
            "year": np.tile(years, len(county_ids)),
            "county_id": np.repeat(county_ids, n_years),
            "spent_yuan": spend[: len(county_ids)].ravel(),
            "budget_yuan": np.repeat(
                np.asarray(rules.county_shares) * rules.yearly_budget_yuan
                if rules.county_shares is not None
                else np.full(len(county_ids), np.nan),
                n_years,
            ),
        }
    )
    by_year = pd.DataFrame(
        {"year": years, "spent_yuan": spend.sum(axis=0), "budget_yuan": rules.yearly_budget_yuan}
    )
    return by_county, by_year


def _schedule_table(
    table: pd.DataFrame,
    baseline: Baseline,
    rules: ScheduleRules,
    rule: str,
    fixed: _Fixed | None = None,
):
    """Start/finish (0 = none) for every row of a project table, and [county, year] spending.

    With ``fixed`` (a reported state) the projects completed or under way keep their months
    and money; the rest are scheduled from the month after the restart."""
    county_pos = {c: i for i, c in enumerate(baseline.county_ids)}
    n_years = (rules.horizon_months + 11) // 12
    spend = np.zeros((len(county_pos), n_years))
    start = np.zeros(len(table), dtype=np.int64)
    finish = np.zeros(len(table), dtype=np.int64)
    kw: dict[str, Any] = {}
    todo = table["project"].to_numpy(bool)
    if fixed is not None:
        ids = table.iloc[:, 0]
        pinned = ids.isin(fixed.state.index).to_numpy()
        todo = todo & ~pinned
        f = fixed.state.reindex(ids[pinned])
        start[pinned] = f["start"].to_numpy(np.int64)
        finish[pinned] = f["finish"].to_numpy(np.int64)
        pre = fixed.spend.reindex(ids[pinned]).fillna(0.0).to_numpy()[:, :n_years]
        np.add.at(spend, table.loc[pinned, "county_id"].map(county_pos).to_numpy(int), pre)
        running: list[list[int]] = [[] for _ in county_pos]
        for c, fin in zip(table.loc[pinned, "county_id"], finish[pinned], strict=True):
            if fin > fixed.restart:
                running[county_pos[c]].append(int(fin))
        kw = {"from_month": fixed.restart + 1, "spent0": spend.copy(), "running0": running}
    proj = table[todo]
    cidx = proj["county_id"].map(county_pos).to_numpy(np.int64)
    cost = proj["cost_yuan"].to_numpy(float)
    s, f = schedule_projects(cidx, cost, priority_order(proj, rule), len(county_pos), rules, **kw)
    pos = np.flatnonzero(todo)
    start[pos], finish[pos] = s, f
    if len(proj):
        part = yearly_spending(cidx, cost, s, rules)
        spend[: part.shape[0]] += part
    return start, finish, spend


# --------------------------------------------------------------------------- reported state


@dataclass(frozen=True, eq=False)
class _Fixed:
    """Venue projects the returns fix (communities or village rooms)."""

    restart: int  # plan month of the end of the last reported period (city-wide)
    state: pd.DataFrame  # by venue id: state, start, finish, tier_reached, owned, reported_yuan
    spend: pd.DataFrame  # by venue id: money per plan year (reported, then still due)
    reported: pd.DataFrame  # by venue id: reported money per plan year


def _rest_months(start: int, t0: int, rules: ScheduleRules) -> list[int]:
    """Working months after ``t0`` of a project started in ``start`` and not yet reported
    complete: its building-season months as the rules count them; one under way past its
    end finishes in the first building month after ``t0``."""
    months, m = [], start
    while len(months) < rules.project_months:
        if _in_season(m, rules):
            months.append(m)
        m += 1
    rest = [x for x in months if x > t0]
    if not rest:
        m = t0 + 1
        while not _in_season(m, rules):
            m += 1
        rest = [m]
    return rest


def _fixed_projects(
    ledger: LedgerState, ids: pd.Series, rules: ScheduleRules, start_year: int, t0: int
) -> _Fixed:
    """Projects of ``ids`` (community or village ids) the ledger reports completed or
    started by ``t0``, with the money they took and still take by plan year."""
    n_years = (rules.horizon_months + 11) // 12
    vp = ledger.venue_projects()
    vp = vp[vp["venue_id"].isin(set(ids))] if len(vp) else vp
    rows = ledger.table("venues")
    rows = rows[rows["venue_id"].isin(set(ids))] if len(rows) else rows

    def month(x) -> int:
        p = pd.Period(str(x), "M")
        return (p.year - start_year) * 12 + p.month

    reported = pd.DataFrame(0.0, index=pd.Index(vp["venue_id"], name="venue_id"),
                            columns=range(n_years))  # fmt: skip
    for r in rows.itertuples():
        y = (month(r.month) - 1) // 12
        if 0 <= y < n_years and r.cost_yuan is not None and not pd.isna(r.cost_yuan):
            reported.loc[r.venue_id, y] += float(r.cost_yuan)
    state, spend = [], reported.copy()
    for r in vp.itertuples():
        s0 = month(r.started) if r.started is not None else 0
        if r.completed is not None:
            state.append((r.venue_id, "completed", s0, month(r.completed), r.tier_reached,
                          r.owned, float(r.cost_yuan or 0.0)))  # fmt: skip
        else:
            rest = _rest_months(s0, t0, rules)
            state.append((r.venue_id, "under_way", s0, rest[-1], None, None,
                          float(r.cost_yuan or 0.0)))  # fmt: skip
    state = pd.DataFrame(
        state,
        columns=["venue_id", "state", "start", "finish", "tier_reached", "owned", "reported_yuan"],
    ).set_index("venue_id")
    return _Fixed(t0, state, spend, reported)


def _fixed_options(
    opts: pd.DataFrame,
    fixed: _Fixed,
    rules: ScheduleRules,
    capacity: dict[str, int],
    scenario: Scenario,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Tier options with the reported projects pinned: a completed venue has the one option
    of its reported tier, a venue under way only options with work (it cannot be dropped).
    Neither takes a team in the re-plan, and each county's capacity is what is left of it
    and what its teams can still finish after the restart."""
    st = fixed.state
    done = st.index[st["state"] == "completed"]
    going = st.index[st["state"] == "under_way"]
    cid = opts["community_id"]
    keep = ~cid.isin(done)
    pinned = []
    for vid in done:
        mine = opts[cid == vid]
        if not len(mine):
            continue
        tier = st.loc[vid, "tier_reached"]
        row = mine[mine["to_tier"] == tier]
        row = (row if len(row) else mine.iloc[[0]].assign(to_tier=tier)).copy()
        if st.loc[vid, "owned"] == "no":
            row["ownership_route"] = np.where(
                row["ownership_route"].isin(["buy", "new_build"]), "kept_rented",
                row["ownership_route"],
            )  # fmt: skip
        pinned.append(row)
    work = cid.isin(going) & opts["project"]
    has_work = set(opts.loc[work, "community_id"])
    keep &= ~(cid.isin(has_work) & ~opts["project"])
    out = pd.concat([opts[keep], *pinned]).sort_values(
        ["community_id", "to_tier"], key=_tier_key, kind="stable"
    )
    out = out.reset_index(drop=True)
    out["project"] = out["project"] & ~out["community_id"].isin(st.index)
    left = projects_by_deadline(rules, scenario.venues.deadline_month, fixed.restart + 1)
    county_of = opts.drop_duplicates("community_id").set_index("community_id")["county_id"]
    n_fixed = county_of.reindex(st.index.intersection(county_of.index)).value_counts()
    cap = {
        c: max(0, min(k - int(n_fixed.get(c, 0)), left * rules.max_concurrent))
        for c, k in capacity.items()
    }
    return out, cap


def _fixed_costs(chosen: pd.DataFrame, fixed: _Fixed, key: str) -> pd.DataFrame:
    """The chosen rows with the reported projects back as projects at their money: a
    completed one at its reported cost, one under way at the larger of the planned and
    the reported cost."""
    st = fixed.state
    out = chosen.copy()
    ids = out[key]
    pin = ids.isin(st.index).to_numpy()
    rep = st["reported_yuan"].reindex(ids[pin]).to_numpy(float)
    done = (st["state"].reindex(ids[pin]) == "completed").to_numpy()
    planned = out.loc[pin, "cost_yuan"].to_numpy(float)
    out.loc[pin, "cost_yuan"] = np.where(done, rep, np.maximum(planned, rep))
    out.loc[pin, "project"] = True
    return out


def _pin_spend(table: pd.DataFrame, fixed: _Fixed, rules: ScheduleRules, key: str) -> _Fixed:
    """Add to the reported money of projects under way what they still cost, spread evenly
    over their working months after the restart."""
    st = fixed.state
    spend = fixed.spend.copy()
    n_years = spend.shape[1]
    cost = table.set_index(key)["cost_yuan"]
    for vid in st.index[st["state"] == "under_way"]:
        if vid not in cost.index:
            continue
        due = max(float(cost[vid]) - float(st.loc[vid, "reported_yuan"]), 0.0)
        rest = _rest_months(int(st.loc[vid, "start"]), fixed.restart, rules)
        for m in rest:
            y = (m - 1) // 12
            if y < n_years:
                spend.loc[vid, y] += due / len(rest)
    return _Fixed(fixed.restart, st, spend, fixed.reported)


def _with_months(table: pd.DataFrame, start: np.ndarray, finish: np.ndarray) -> pd.DataFrame:
    out = table.copy()
    out["start_month"] = pd.array(np.where(start > 0, start, 0), dtype="Int64")
    out["finish_month"] = pd.array(np.where(finish > 0, finish, 0), dtype="Int64")
    out.loc[start == 0, ["start_month", "finish_month"]] = pd.NA
    return out


# --------------------------------------------------------------------------- village rooms


def village_options(baseline: Baseline, scenario: Scenario) -> pd.DataFrame:
    """Every village room with what bringing it to the village standard (and owned) costs.

    A room below the standard floor is extended (new-build price per m2), its existing area
    renovated and fully equipped (equipment of the ``village`` row). A rented room is bought
    or replaced by a new owned room of at least the floor area, whichever is cheaper. Village
    rooms stand on the village's collective land: no land price is added (unlike community
    venues, :func:`tier_options`).

    Returns
    -------
    DataFrame
        village_id, county_id, households, area_from_m2, tenure_from, ownership_route,
        area_added_m2, extension_yuan, renovation_yuan, equipment_yuan, ownership_yuan,
        cost_yuan, project (True when any work is needed).
    """
    std, costs = _lookup_tables(baseline)
    floor, equip_v = std["village"]
    vil = baseline.villages
    county = vil["village_id"].map(baseline.village_county).reset_index(drop=True)
    unit = _county_costs(costs, county, "villages")
    area = vil["venue_area_m2"].to_numpy(float)
    tenure = vil["venue_tenure"].to_numpy()
    rented = (tenure == "rented") & scenario.venues.require_owned
    short = area < floor
    nb = unit["new_build_yuan_per_m2"].to_numpy()
    ext = nb * np.maximum(0.0, floor - area)
    ren = np.where(short, unit["renovation_yuan_per_m2"].to_numpy() * area, 0.0)
    eq = np.where(short, equip_v, 0.0)
    buy = np.where(rented, unit["purchase_yuan_per_m2"].to_numpy() * area, 0.0)
    replace = nb * np.maximum(floor, area) + eq
    use_new = rented & (replace < ext + ren + eq + buy)
    route = np.where(use_new, "new_build", np.where(rented, "buy", "none"))
    route = np.where((tenure == "rented") & ~rented, "kept_rented", route)
    return pd.DataFrame(
        {
            "village_id": vil["village_id"].to_numpy(),
            "county_id": county.to_numpy(),
            "households": vil["households"].to_numpy(),
            "area_from_m2": area,
            "tenure_from": tenure,
            "ownership_route": route,
            "area_added_m2": np.where(
                use_new, np.maximum(floor, area) - area, np.maximum(0.0, floor - area)
            ),
            "extension_yuan": np.where(use_new, 0.0, ext),
            "renovation_yuan": np.where(use_new, 0.0, ren),
            "equipment_yuan": eq,
            "ownership_yuan": np.where(use_new, replace - eq, buy),
            "cost_yuan": np.where(use_new, replace, ext + ren + eq + buy),
            "project": short | rented,
        }
    )


# --------------------------------------------------------------------------- public API


def plan_venues(
    baseline: Baseline, scenario: Scenario, *, ledger: LedgerState | None = None
) -> VenuePlan:
    """Least-cost venue targets for every community, a build schedule and village rooms.

    Parameters
    ----------
    baseline : Baseline
        Uses communities, villages, townships, venue_tiers, venue_costs.
    scenario : Scenario
        The ``venues`` section (targets, budgets, season, project length, cap, priority)
        and ``run.horizon_years``/``run.start_year``.
    ledger : LedgerState, optional
        The reported state (:meth:`planning.ledger.Ledger.as_of`). Projects the returns
        report completed keep their reported tier and month, those started finish as the
        season and project length say and cannot be dropped; the tiers of the other
        communities are chosen again (same 30/30/40 shares) and their projects scheduled
        from the month after the latest reported month of any county, each year's budget
        less the money reported spent and still due that year (``reported``). The venue
        budgets pay the venue projects only (not the secretaries' pay). Without it the plan
        is made from plan start.

    Returns
    -------
    VenuePlan

    Examples
    --------
    >>> plan = plan_venues(load_baseline(), load_scenario("baseline"))
    >>> plan.feasible, plan.met_month
    (True, 34)
    >>> plan.communities[["community_id", "from_tier", "to_tier", "finish_month"]].head(2)
      community_id      from_tier        to_tier  finish_month
    0         M001  demonstration  demonstration          <NA>
    1         M002          below       standard            10
    """
    v, start_year = scenario.venues, scenario.run.start_year
    months = np.arange(scenario.run.months + 1)
    rules = _rules(baseline, scenario, village=False)
    vrules = _rules(baseline, scenario, village=True)
    fixed = vfixed = None
    if ledger is not None:
        t0 = min(max(ledger.reported_months(start_year).values(), default=0), scenario.run.months)
        com_ids = baseline.communities["community_id"]
        fixed = _fixed_projects(ledger, com_ids, rules, start_year, t0)
        vil_ids = baseline.villages["village_id"]
        vfixed = _fixed_projects(ledger, vil_ids, vrules, start_year, t0)
    table = _community_table(baseline, scenario, fixed)
    if fixed is not None:
        fixed = _pin_spend(table, fixed, rules, "community_id")
    start, finish, spend = _schedule_table(table, baseline, rules, v.priority, fixed)
    communities = _with_months(table, start, finish)
    check = _target_check(table, finish, months, scenario)
    check.insert(1, "date", plan_dates(months, start_year))
    at_deadline = table["project"].to_numpy() & ((finish == 0) | (finish > v.deadline_month))
    spending, by_year = _spending_frames(spend, rules, baseline.county_ids, start_year)

    vtable = village_options(baseline, scenario)
    if vfixed is not None:
        vtable = _fixed_costs(vtable, vfixed, "village_id")
        vfixed = _pin_spend(vtable, vfixed, vrules, "village_id")
    vstart, vfinish, vspend = _schedule_table(vtable, baseline, vrules, v.priority, vfixed)
    villages = _with_months(vtable, vstart, vfinish)
    v_short = vtable["project"].to_numpy() & ((vfinish == 0) | (vfinish > v.village_deadline_month))
    v_done = np.where(vtable["project"], np.where(vfinish > 0, vfinish, np.inf), 0)
    v_met = float(v_done.max(initial=0))
    v_spending, v_by_year = _spending_frames(vspend, vrules, baseline.county_ids, start_year)

    met_month = _first_met(check)
    reported: dict[str, Any] = {}
    if fixed is not None and vfixed is not None:
        communities = _with_state(communities, fixed, "community_id")
        villages = _with_state(villages, vfixed, "village_id")
        spending, by_year = _with_reported(spending, by_year, fixed, table, "community_id")
        v_spending, v_by_year = _with_reported(v_spending, v_by_year, vfixed, vtable, "village_id")
        reported = {
            "restart_month": fixed.restart,
            **_money(fixed, by_year, rules, ""),
            **_money(vfixed, v_by_year, vrules, "village_"),
        }
    return VenuePlan(
        communities=communities,
        mix=_mix(table, finish, months, start_year),
        target_check=check,
        spending=spending,
        spending_by_year=by_year,
        villages=villages,
        village_spending=v_spending,
        village_spending_by_year=v_by_year,
        feasible=met_month is not None and met_month <= v.deadline_month,
        met_month=met_month,
        village_feasible=not v_short.any(),
        village_met_month=int(v_met) if np.isfinite(v_met) else None,
        shortfall=communities[at_deadline].reset_index(drop=True),
        village_shortfall=villages[v_short].reset_index(drop=True),
        deadline_month=v.deadline_month,
        village_deadline_month=v.village_deadline_month,
        yearly_budget_yuan=v.yearly_budget_yuan,
        village_yearly_budget_yuan=v.village_yearly_budget_yuan,
        county_names=baseline.county_names,
        village_floor_m2=float(_lookup_tables(baseline)[0]["village"][0]),
        paid_by=v.paid_by,
        village_paid_by=v.village_paid_by,
        reported=reported,
    )


def _with_state(frame: pd.DataFrame, fixed: _Fixed, key: str) -> pd.DataFrame:
    """Add ``state``: ``completed`` or ``under_way`` (fixed by the returns), ``planned``
    (a project of the re-plan) or ``none``."""
    st = fixed.state["state"].reindex(frame[key]).to_numpy(object)
    planned = np.where(frame["project"].to_numpy(bool), "planned", "none")
    return frame.assign(state=np.where(pd.isna(st), planned, st).astype(str))


def _with_reported(by_county, by_year, fixed: _Fixed, table: pd.DataFrame, key: str):
    """Spending frames with ``reported_yuan``: the money the returns report, by year."""
    county = table.set_index(key)["county_id"]
    rep = fixed.reported.assign(county_id=county.reindex(fixed.reported.index).to_numpy())
    per = rep.groupby("county_id").sum()
    n_years = len(by_year)
    years = by_year["year"].to_numpy()
    cells = {(c, int(years[y])): float(per.loc[c, y]) for c in per.index for y in range(n_years)}
    by_county = by_county.assign(
        reported_yuan=[cells.get((c, int(y)), 0.0) for c, y in
                       zip(by_county["county_id"], by_county["year"], strict=True)]
    )  # fmt: skip
    by_year = by_year.assign(reported_yuan=fixed.reported.sum(axis=0).to_numpy()[:n_years])
    return by_county, by_year


def _money(fixed: _Fixed, by_year: pd.DataFrame, rules: ScheduleRules, pre: str) -> dict:
    """Money of the reported state (yuan): spent, still due on projects under way, planned,
    and the yearly budgets left from the restart's year on."""
    first = fixed.restart // 12  # plan-year index of the first month re-planned
    reported = fixed.reported.sum(axis=0).to_numpy()
    committed = float(fixed.spend.to_numpy().sum() - reported.sum())
    total = by_year["spent_yuan"].to_numpy()
    st = fixed.state["state"]
    return {
        f"{pre}completed": int((st == "completed").sum()),
        f"{pre}under_way": int((st == "under_way").sum()),
        f"{pre}spent_yuan": float(reported.sum()),
        f"{pre}committed_yuan": committed,
        f"{pre}planned_yuan": float(total.sum() - reported.sum() - committed),
        f"{pre}remaining_budget_yuan": float(
            np.maximum(rules.yearly_budget_yuan - reported[first:], 0.0).sum()
        ),
    }


def seek_venue_budget(
    baseline: Baseline,
    scenario: Scenario,
    which: str = "communities",
    *,
    tolerance_yuan: float = 1000.0,
) -> BudgetSeek:
    """The least yearly budget that meets the venue targets by the deadline.

    Bisection on the yearly budget, rerunning only the schedule (the least-cost target tiers
    do not depend on the budget). The answer is then lowered to the peak yearly spending of
    the schedule it gives, which yields the very same schedule; so the targets are met at
    ``budget_yuan`` exactly and missed at ``below_yuan`` (at most ``tolerance_yuan`` less).

    Parameters
    ----------
    baseline, scenario
        As for :func:`plan_venues`; the scenario's own budget is ignored.
    which : {"communities", "villages"}
        The community tier targets (``venues.deadline_month``) or the village room target
        (``venues.village_deadline_month``, village budget).
    tolerance_yuan : float
        Width of the final bracket.

    Returns
    -------
    BudgetSeek

    Examples
    --------
    >>> seek = seek_venue_budget(load_baseline(), load_scenario("baseline"))
    >>> round(seek.budget_yuan / 1e6, 1)
    21.8
    """
    if which not in ("communities", "villages"):
        raise ScenarioError(
            "unknown venue target",
            [Problem("which", f"found {which!r}; expected 'communities' or 'villages'")],
        )
    village = which == "villages"
    v = scenario.venues
    table = village_options(baseline, scenario) if village else _community_table(baseline, scenario)
    deadline = v.village_deadline_month if village else v.deadline_month
    months = np.array([deadline])

    def outcome(budget: float) -> tuple[bool, np.ndarray, np.ndarray]:
        rules = _rules(baseline, scenario, village=village, budget=budget)
        _, finish, spend = _schedule_table(table, baseline, rules, v.priority)
        if village:
            ok = not (table["project"].to_numpy() & ((finish == 0) | (finish > deadline))).any()
        else:
            ok = bool(_target_check(table, finish, months, scenario)["met"].iloc[0])
        return ok, finish, spend

    total = float(table.loc[table["project"], "cost_yuan"].sum())
    ok0, finish0, _ = outcome(0.0)
    if ok0:
        met0 = _met_month(table, finish0, scenario, village)
        return BudgetSeek(which, 0.0, None, met0, tolerance_yuan)
    ok_hi, _, _ = outcome(total)
    if not ok_hi:
        return BudgetSeek(
            which,
            None,
            None,
            None,
            tolerance_yuan,
            reason="even an unlimited budget misses the deadline: the building "
            "season, project length or projects-at-once cap is the limit",
        )
    lo, hi = 0.0, total
    while hi - lo > tolerance_yuan:
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if outcome(mid)[0] else (mid, hi)
    rules = _rules(baseline, scenario, village=village, budget=hi)
    _, finish, spend = outcome(hi)
    snapped = required_budget(spend, rules.county_shares)
    ok, finish, _ = outcome(snapped)
    best = snapped if ok else hi
    met = _met_month(table, finish, scenario, village)
    return BudgetSeek(which, best, lo, met, tolerance_yuan)


def _met_month(table: pd.DataFrame, finish: np.ndarray, scenario: Scenario, village: bool):
    if village:
        done = np.where(table["project"], np.where(finish > 0, finish, np.inf), 0)
        top = float(done.max(initial=0))
        return int(top) if np.isfinite(top) else None
    months = np.arange(scenario.run.months + 1)
    return _first_met(_target_check(table, finish, months, scenario))


least_venue_budget = seek_venue_budget
"""The former name of :func:`seek_venue_budget` (kept for existing scripts)."""
