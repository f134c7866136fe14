"""Out-of-town training rotation for village secretaries: an exact class plan and a roster.

The plan answers the target "within three years, all current village party organization
secretaries must participate in special training ... in other places" (T-train) and its
rolling companion for secretaries appointed later (T-newsec).

Model (a mixed-integer programme solved exactly by HiGHS through :func:`scipy.optimize.milp`)
--------------------------------------------------------------------------------------------
Secretaries are aggregated, never handled one by one, so the model stays small:

* ``x[b, m]`` whole classes run by base ``b`` in plan month ``m`` (only months the base
  allows and the farm calendar keeps open; at most ``max_classes_per_month`` times
  ``training.classes_per_month_scale``, plus any ``training.extra_classes``) and ``z[b, m]``
  whole seats filled in them: ``z[b, m] <= seats_per_class[b] * x[b, m]``;
* ``u[c, m]`` whole seats county ``c`` takes in month ``m``, with
  ``sum_b z[b, m] = sum_c u[c, m]``. This is the seats-per-base-month-and-county model
  ``s[b, m, c]`` projected: any county may sit in any class and the cost depends only on the
  base, so every split of whole seats is equally good and is made after the solve (counties
  poured into the month's classes in order). Same optimum, a quarter of the variables;
* cohorts ``k`` per county: the secretaries in post at plan start who are not yet trained
  (due by ``training.deadline_month``) and one cohort per county and month of appointment of
  new secretaries (yearly turnover spread over the months plus the election wave every term),
  each trained from the month after appointment until
  ``training.new_secretary_window_months`` after it; cohorts whose due month falls beyond the
  horizon carry no requirement and are not planned;
* ``y[k, m]`` secretaries of cohort ``k`` trained in month ``m`` (``u[c, m] = sum_k y``)
  and a slack ``never[k]`` for those left out, so the model is always feasible and the slack
  is the shortfall; for a fixed seat plan this part is a network flow, so its optimal
  vertices are whole numbers;
* absence cap: ``u[c, m] <= floor(secretaries[c] * min(cap, availability[m]))``, or
  ``floor(secretaries[c] * cap * availability[m])`` when ``training.cap_follows_calendar``;
* optional yearly budget on ``sum cost_per_trainee[b] * z[b, m]``.

The objective is lexicographic and solved in stages, each stage holding the optimum of the
previous ones, so no weight can trade a missed deadline for money: (1) fewest secretaries
missing their due month, then (when some must miss) fewest left untrained within the horizon
and fewest months late, (2) least cost, (3) earliest training (least sum of month x seats).
HiGHS runs with a zero relative MIP gap; every stage is optimal, not just feasible.

Roster: the plan's seats are handed to named secretaries in priority order (key secretaries,
then the longest-serving; ``training.roster_priority``), earliest due date first across
cohorts. New secretaries get synthetic ids ``NEW-<county>-<YYYY-MM>-<nnn>`` in the same roster
(column ``cohort`` = ``"new"``), because their names are not known when the plan is made.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from ..data import Baseline
from ..errors import DataError, Problem, ScenarioError
from ..fileio import atomic_write
from ..scenario import EXTRA_CLASS_KEY, Scenario

if TYPE_CHECKING:
    from ..ledger import LedgerState

LIMITS = ("seats", "class_size", "calendar", "absence_cap", "budget", "deadline")
"""Limits a diagnosis can name, in the order they are reported."""

TIME_LIMIT_S = 120.0
"""Safety limit per solver call; the Example City solves in a fraction of a second."""

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Fix:
    """One change that alone makes an infeasible plan feasible.

    Attributes
    ----------
    limit : str
        One of :data:`LIMITS`.
    overrides : dict
        Scenario overrides (dotted keys) that apply the change:
        ``scenario.with_overrides(fix.overrides)`` gives a feasible plan.
    current, proposed : Any
        The limit's value now and after the change (for ``seats``: extra classes in total).
    detail : dict
        Extra facts for the description, e.g. ``{"B2:2015": 4}`` extra classes by base and year.
    """

    limit: str
    overrides: dict[str, Any]
    current: Any
    proposed: Any
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Diagnosis:
    """Why a training plan cannot meet every deadline, and the least changes that fix it.

    Attributes
    ----------
    shortfall : int
        Secretaries who miss their due month in the best plan.
    shortfall_current, shortfall_new : int
        The same, split into secretaries in post at plan start and new secretaries.
    binding : tuple of str
        Limits that, changed alone by the amount in ``fixes``, make the plan feasible.
    fixes : tuple of Fix
        The least such change per limit (computed by re-solving, not estimated).
    blocked : tuple of str
        Limits that cannot fix the plan on their own (e.g. no budget limit is set).
    """

    shortfall: int
    shortfall_current: int
    shortfall_new: int
    binding: tuple[str, ...]
    fixes: tuple[Fix, ...]
    blocked: tuple[str, ...]

    def fix(self, limit: str) -> Fix | None:
        """The fix for one limit, or None."""
        return next((f for f in self.fixes if f.limit == limit), None)

    def describe(self, lang: str = "en") -> str:
        """The diagnosis in plain words, e.g. for a briefing."""
        from .. import present as pr
        from ..i18n import t

        lines = [
            t(
                "training.diag.head",
                lang,
                secretaries=pr.count(self.shortfall, "secretary", lang),
                current=pr.number(self.shortfall_current),
                new=pr.number(self.shortfall_new),
            )
        ]
        for f in self.fixes:
            lines.append("- " + _fix_text(f, lang))
        if not self.fixes:
            lines.append(t("training.diag.none", lang))
        return "\n".join(lines)


def _fix_text(f: Fix, lang: str) -> str:
    from .. import present as pr
    from ..i18n import t

    if f.limit == "seats":
        parts = [
            t("training.diag.seats_part", lang, classes=pr.count(n, "class", lang),
              base=k.split(":")[0], year=pr.year_label(k.split(":")[1], lang))
            for k, n in f.detail["added"].items()
        ]  # fmt: skip
        sep = "；" if lang == "zh" else "; "
        return t(
            "training.diag.seats", lang, parts=sep.join(parts),
            classes=pr.count(f.proposed, "class", lang),
        )  # fmt: skip
    if f.limit == "class_size":
        return t("training.diag.class_size", lang, old=pr.number(f.current),
                 new=pr.number(f.proposed))  # fmt: skip
    if f.limit == "absence_cap":
        return t("training.diag.cap", lang, old=pr.share(f.current, lang),
                 new=pr.share(f.proposed, lang))  # fmt: skip
    if f.limit == "calendar":
        return t("training.diag.calendar", lang, old=pr.share(f.current, lang),
                 new=pr.share(f.proposed, lang))  # fmt: skip
    if f.limit == "budget":
        return t("training.diag.budget", lang, old=pr.money(f.current, lang),
                 new=pr.money_at_least(f.proposed, lang))  # fmt: skip
    key = {"deadline": "deadline", "window": "window"}.get(f.detail["which"], "both")
    return t(f"training.diag.{key}", lang, months=pr.count(f.detail["months"], "month", lang))


@dataclass(frozen=True, eq=False)
class TrainingPlan:
    """The class plan, the named roster and the checks against every limit.

    Attributes
    ----------
    classes : DataFrame
        One row per class: class_id, base_id, month (plan month), start, end, class_days,
        capacity, seats_used, counties (how many counties send trainees), cost_yuan.
    seats : DataFrame
        Seats used per class and county: class_id, base_id, month, county_id, seats, cost_yuan.
    roster : DataFrame
        One row per secretary to be trained: secretary_id, county_id, village_id, cohort
        (``current`` or ``new``), key_secretary, tenure_years, appointed_month, due_month,
        class_id, base_id, month, start, end, status (``on_time``, ``late``, ``not_scheduled``).
    coverage : DataFrame
        By month: current_trained/current_total/current_share (secretaries in post at plan
        start, trained before the plan or in it) and in_post_share (expected share of the
        secretaries in post that month who are trained).
    away : DataFrame
        By county and month: away, cap, secretaries, away_share, cap_share, within_cap.
    cost : DataFrame
        By calendar year: trainees, cost_yuan, budget_yuan, within_budget.
    feasible : bool
        Every deadline met inside every limit.
    diagnosis : Diagnosis or None
        None when feasible.
    summary : dict
        Key figures: counts, cost, solver statistics.
    """

    classes: pd.DataFrame
    seats: pd.DataFrame
    roster: pd.DataFrame
    coverage: pd.DataFrame
    away: pd.DataFrame
    cost: pd.DataFrame
    feasible: bool
    diagnosis: Diagnosis | None
    summary: dict[str, Any]
    county_names: dict[str, str] = field(default_factory=dict)
    """County id -> name, for chart labels."""
    paid_by: str = "city"
    """Level of government that pays the training (``training.paid_by``)."""


# --------------------------------------------------------------------------- the instance


@dataclass(frozen=True, eq=False)
class _Instance:
    """Numbers the model needs, indexed by position (county c, base b, plan month m = 1..T)."""

    county_ids: tuple[str, ...]
    secretaries: np.ndarray  # per county
    already_trained: np.ndarray  # per county
    base_ids: tuple[str, ...]
    base_names: tuple[str, ...]
    seats: np.ndarray
    price: np.ndarray
    days: np.ndarray
    min_size: np.ndarray  # fewest trainees for a class to run, at most the seats
    fixed: np.ndarray  # cost of running one class, whatever its size
    free: tuple[tuple[tuple[int, int], ...], ...]  # free days (first, last) by plan month
    open_b: np.ndarray  # calendar-open (base, month) pairs
    open_m: np.ndarray
    open_k: np.ndarray  # most classes at that pair (before extra classes)
    extra: dict[tuple[int, int], int]  # (base, year index 0..) -> extra classes allowed
    months: int
    start_year: int
    avail: np.ndarray  # availability by plan month (index m - 1)
    cap: np.ndarray  # absence cap in persons, shape (C, T)
    cohorts: pd.DataFrame  # county, cohort, appointed, release, due, size
    budget: float | None
    reading: str  # training.who_must_be_trained
    untrained: np.ndarray  # per county: plan-start secretaries not yet trained
    leaving: np.ndarray  # per county: of those, seats freed by departures before the deadline
    departed: np.ndarray  # per county: plan-start secretaries who leave before the deadline
    restart: int = 0  # last plan month already reported (0 = plan from the start)
    spent: np.ndarray | None = None  # per plan year: cost of the classes already held


def _calendar(baseline: Baseline) -> np.ndarray:
    cal = baseline.calendar.set_index("month")["availability"]
    missing = [m for m in range(1, 13) if m not in cal.index]
    if missing:
        raise DataError(
            "the farm calendar is incomplete",
            [
                Problem(
                    "calendar",
                    f"months {missing} have no availability; every month 1-12 needs a row",
                )
            ],
        )
    return np.array([float(cal[m]) for m in range(1, 13)])


def _secretary_counties(baseline: Baseline) -> pd.Series:
    county = baseline.secretaries["village_id"].map(baseline.village_county)
    bad = baseline.secretaries.loc[county.isna(), "secretary_id"].tolist()
    if bad:
        raise DataError(
            "secretaries whose village has no county",
            [Problem("secretaries", f"secretary_id {', '.join(bad[:5])}: village unknown")],
        )
    return county.astype(str)


def _extra_classes(scenario: Scenario, base_ids: tuple[str, ...]) -> dict[tuple[int, int], int]:
    tr, run = scenario.training, scenario.run
    out: dict[tuple[int, int], int] = {}
    problems = []
    for key, n in tr.extra_classes.items():
        # The schema admits only 'BASE:YEAR' with ASCII digits; a scenario built without
        # validation gets the same message instead of int()'s ValueError on '²'.
        m = EXTRA_CLASS_KEY.fullmatch(key)
        base = m["base"] if m else key
        ok = m is not None and base in base_ids
        yi = int(m["year"]) - run.start_year if m else -1
        if not ok or not 0 <= yi < run.horizon_years or n < 0:
            problems.append(
                Problem(
                    "training.extra_classes",
                    f"key '{key}' = {n}: expected 'BASE:YEAR' with a base among "
                    f"{', '.join(base_ids) or '(none)'}, a plan year "
                    f"{run.start_year}-{run.start_year + run.horizon_years - 1} "
                    "and a whole number >= 0",
                )
            )
            continue
        out[(base_ids.index(base), yi)] = int(n)
    if problems:
        raise ScenarioError("training.extra_classes has bad entries", problems)
    return out


def _new_cohorts(n_sec: np.ndarray, scenario: Scenario) -> np.ndarray:
    """Whole new secretaries per county and appointment month, shape (C, T).

    Expected appointments (turnover outside election months, the election share in election
    months) are rounded on the running total, so no fraction is lost or invented.
    """
    tr, months = scenario.training, scenario.run.months
    elections = set(range(tr.election_month, months + 1, 12 * tr.election_term_years))
    rate = np.array(
        [
            tr.election_replacement_share if m in elections else tr.yearly_churn / 12
            for m in range(1, months + 1)
        ]
    )
    cum = np.floor(np.cumsum(np.outer(n_sec, rate), axis=1) + 0.5)
    return np.diff(cum, axis=1, prepend=0).astype(int)


LUNAR_YEARS = (1900, 2099)
"""Years whose Spring Festival the lunar calendar (``lunardate``) knows."""


@lru_cache(maxsize=512)
def spring_festival(year: int) -> dt.date:
    """The Spring Festival (first day of the lunar year) that falls in ``year``.

    Examples
    --------
    >>> spring_festival(2015)
    datetime.date(2015, 2, 19)
    """
    from lunardate import LunarDate

    return LunarDate(year, 1, 1).to_solar_date()


@lru_cache(maxsize=64)
def free_days(
    start_year: int, months: int, days_before: int, days_after: int
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Days of each plan month outside the Spring Festival break, as stretches (first, last).

    The break runs from ``days_before`` days before the Spring Festival to ``days_after``
    days after it. A month the break does not touch is one stretch ``(1, days in month)``.

    Examples
    --------
    >>> free_days(2015, 2, 7, 6)[1]  # February 2015: the festival is on 19 February
    ((1, 11), (26, 28))
    """
    last = start_year + (months - 1) // 12 + 1  # next year's break may start in December
    if start_year < LUNAR_YEARS[0] or last > LUNAR_YEARS[1]:
        raise ScenarioError(
            "the plan years are outside the lunar calendar",
            [
                Problem(
                    "run.start_year",
                    f"plan years {start_year}-{last - 1}: Spring Festival dates are known "
                    f"for {LUNAR_YEARS[0]}-{LUNAR_YEARS[1] - 1} as plan years; choose a start "
                    "year and horizon inside them",
                )
            ],
        )
    breaks = [
        (f - dt.timedelta(days=days_before), f + dt.timedelta(days=days_after))
        for f in map(spring_festival, range(start_year, last + 1))
    ]
    out = []
    for m in range(months):
        first = dt.date(start_year + m // 12, m % 12 + 1, 1)
        n = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).day
        closed = np.zeros(n, bool)
        for a, b in breaks:
            lo, hi = max((a - first).days, 0), min((b - first).days, n - 1)
            if lo <= hi:
                closed[lo : hi + 1] = True
        out.append(_stretches(closed))
    return tuple(out)


def _stretches(closed: np.ndarray) -> tuple[tuple[int, int], ...]:
    """Runs of open days (1-based first and last day) in a month's closed-day mask."""
    edges = np.diff(np.concatenate([[1], closed.astype(int), [1]]))
    starts, ends = np.nonzero(edges == -1)[0], np.nonzero(edges == 1)[0]
    return tuple((int(a) + 1, int(b)) for a, b in zip(starts, ends, strict=True))


def _fits(stretches: tuple[tuple[int, int], ...], days: int, month_days: int) -> bool:
    """A class of ``days`` (at most the month) fits in one stretch of free days."""
    need = min(days, month_days)
    return any(b - a + 1 >= need for a, b in stretches)


def _open_base_months(
    bases: pd.DataFrame, avail: np.ndarray, tr, free, start_year: int
) -> tuple[np.ndarray, ...]:
    """(base, plan month, most classes) for every month a base may run classes: its allowed
    calendar months, outside the farm-calendar blackout, with room for a whole class
    outside the Spring Festival break."""
    out: list[tuple[int, int, int]] = []
    month_days = [
        pd.Timestamp(year=start_year + (m - 1) // 12, month=(m - 1) % 12 + 1, day=1).days_in_month
        for m in range(1, len(avail) + 1)
    ]
    for b, (allowed, kmax, days) in enumerate(
        zip(bases["months_allowed"], bases["max_classes_per_month"], bases["class_days"],
            strict=True)
    ):  # fmt: skip
        k = math.floor(kmax * tr.classes_per_month_scale + 1e-9)
        for m, a in enumerate(avail, start=1):
            if (
                (m - 1) % 12 + 1 in allowed
                and a >= tr.blackout_below
                and a > 0
                and _fits(free[m - 1], int(days), month_days[m - 1])
            ):
                out.append((b, m, k))
    arr = np.array(out, int).reshape(-1, 3)
    return arr[:, 0], arr[:, 1], arr[:, 2]


def _cohorts(
    untrained: np.ndarray, new: np.ndarray, scenario: Scenario, act: _Actual | None = None
) -> pd.DataFrame:
    """One row per cohort: county (position), cohort, appointed, release, due, size.

    The plan-start cohort of a county may train from month 1 to the deadline; a new cohort
    appointed in month ``a`` from ``a + 1`` to ``a + window``, if that is inside the horizon.
    From a reported state (``act``) nobody is trained before the month after the restart,
    and a new cohort appointed by then is the named new secretaries still waiting.
    """
    tr, T = scenario.training, scenario.run.months
    W = tr.new_secretary_window_months
    t0 = act.restart if act is not None else 0
    rows = [
        (c, "current", 0, t0 + 1, tr.deadline_month, int(n))
        for c, n in enumerate(untrained)
        if n > 0
    ]
    for c, m0 in zip(*np.nonzero(new), strict=True):
        a = int(m0) + 1
        if a + W <= T:
            size = int(new[c, m0]) if a > t0 else len(act.waiting.get((int(c), a), ()))
            if size > 0:
                rows.append((int(c), "new", a, max(a, t0) + 1, a + W, size))
    return pd.DataFrame(
        rows, columns=["county", "cohort", "appointed", "release", "due", "size"]
    ).astype({"county": int, "appointed": int, "release": int, "due": int, "size": int})


def _in_scope(baseline: Baseline, sec_county: pd.Series, county_ids) -> tuple[np.ndarray, ...]:
    """Secretaries and those already trained per county.

    An out-of-town course taken before the plan counts only when it was this plan's
    special course (``secretaries.special_course``).
    """
    secs = baseline.secretaries
    done = secs["trained_out_of_town"].to_numpy(bool) & _special(secs)
    n_sec = sec_county.value_counts().reindex(county_ids, fill_value=0).to_numpy()
    trained = sec_county[done].value_counts().reindex(county_ids, fill_value=0).to_numpy()
    return n_sec, trained


def _special(secs: pd.DataFrame) -> np.ndarray:
    # Frames built in code (not loaded) may lack the optional column: its default is no.
    if "special_course" not in secs:
        return np.zeros(len(secs), bool)
    return secs["special_course"].to_numpy(bool)


def _departures(new: np.ndarray, n_sec: np.ndarray, untrained: np.ndarray, deadline: int):
    """Secretaries in post at plan start who leave before the deadline, and the seats freed.

    Each new secretary replaces one who leaves; those who leave are taken to be secretaries
    in post at plan start (a secretary appointed during the plan serves on). Who leaves is
    not known in advance: each departure before the deadline frees the seat of one still
    waiting for his class, while anyone is waiting (whoever stays takes the next seat).
    """
    departed = np.minimum(new[:, :deadline].sum(axis=1), n_sec)
    return departed, np.minimum(departed, untrained)


def _instance(baseline: Baseline, scenario: Scenario, act: _Actual | None = None) -> _Instance:
    tr, run = scenario.training, scenario.run
    T = run.months
    avail12 = _calendar(baseline)
    county_ids = tuple(baseline.county_ids)
    sec_county = _secretary_counties(baseline)
    n_sec, trained = _in_scope(baseline, sec_county, county_ids)
    bases = baseline.training_bases
    if not tr.include_in_town_bases:
        bases = bases[bases["out_of_town"]]
    bases = bases.sort_values("base_id")
    base_ids = tuple(bases["base_id"])
    avail = np.array([avail12[(m - 1) % 12] for m in range(1, T + 1)])
    free = free_days(run.start_year, T, tr.festival_days_before, tr.festival_days_after)
    open_b, open_m, open_k = _open_base_months(bases, avail, tr, free, run.start_year)
    # Share allowed away: the cap scaled by availability, or the smaller of the two.
    if tr.cap_follows_calendar:
        share = tr.absence_cap_share * avail
    else:
        share = np.minimum(tr.absence_cap_share, avail)
    cap = np.floor(np.outer(n_sec, share) + 1e-9).astype(int)
    new = _new_cohorts(n_sec, scenario)
    deadline = min(tr.deadline_month, T)
    if act is None:
        departed, leaving = _departures(new, n_sec, n_sec - trained, deadline)
        waiting = n_sec - trained
    else:
        # Months already reported: the appointments that were made, the secretaries named
        # as trained or gone leave the list; departures still to come free seats as before.
        t0 = act.restart
        new[:, :t0] = act.appointed[:, :t0]
        departed = np.minimum(new[:, :deadline].sum(axis=1), n_sec)
        waiting = n_sec - trained - act.trained_current - act.left_untrained
        to_come = np.maximum(new[:, :deadline].sum(axis=1) - act.left_current, 0)
        leaving = np.minimum(to_come, waiting)
        keep = open_m > t0
        open_b, open_m, open_k = open_b[keep], open_m[keep], open_k[keep]
    if tr.who_must_be_trained == "cohort":
        leaving = np.zeros_like(leaving)
    seats = bases["seats_per_class"].to_numpy(int)
    least = _column(bases, "min_class_size", 30).astype(int)
    if tr.min_class_size:
        least = np.full(len(bases), tr.min_class_size)
    return _Instance(
        county_ids=county_ids,
        secretaries=n_sec,
        already_trained=trained,
        base_ids=base_ids,
        base_names=tuple(bases["name"]),
        seats=seats,
        price=bases["cost_per_trainee_yuan"].to_numpy(float),
        days=bases["class_days"].to_numpy(int),
        min_size=np.minimum(least, seats),
        fixed=_column(bases, "cost_per_class_yuan", 0.0).astype(float),
        free=free,
        open_b=open_b,
        open_m=open_m,
        open_k=open_k,
        extra=_extra_classes(scenario, base_ids),
        months=T,
        start_year=run.start_year,
        avail=avail,
        cap=cap,
        cohorts=_cohorts(waiting - leaving, new, scenario, act),
        budget=tr.yearly_budget_yuan,
        reading=tr.who_must_be_trained,
        untrained=n_sec - trained,
        leaving=leaving,
        departed=departed,
        restart=0 if act is None else act.restart,
        spent=None if act is None else act.spent,
    )


# --------------------------------------------------------------------------- reported state


@dataclass(frozen=True, eq=False)
class _Actual:
    """What the ledger says happened up to the restart month, in the model's terms."""

    restart: int  # plan month of the end of the last reported period (city-wide)
    appointed: np.ndarray  # [county, month]: new secretaries who took office, months <= restart
    trained_current: np.ndarray  # per county: plan-start secretaries trained in the ledger
    left_current: np.ndarray  # per county: plan-start secretaries who left office
    left_untrained: np.ndarray  # per county: of those, the ones not trained
    waiting: dict[tuple[int, int], list[str]]  # (county, month appointed) -> named, untrained
    names: pd.DataFrame  # secretary_id, county_id, village_id, appointed_month (new ones)
    gone: frozenset[str]  # secretaries who left office
    history: pd.DataFrame  # one row per secretary trained in the ledger (the roster's columns)
    held: pd.DataFrame  # classes held (the class table's columns plus ``held``)
    held_seats: pd.DataFrame  # seats per held class and county (the seat table's columns)
    spent: np.ndarray  # per plan year: cost of the classes held


def _plan_month(text: pd.Series, start_year: int) -> np.ndarray:
    p = pd.PeriodIndex(text.astype(str), freq="M")
    return ((p.year - start_year) * 12 + p.month).to_numpy(int)


def _actual(baseline: Baseline, scenario: Scenario, ledger: LedgerState) -> _Actual:
    """The reported state in the model's terms: the city restarts after the latest month any
    county has reported (a county that reported less has its missing months counted as
    nothing trained; classes are shared by the counties, so one restart month for all)."""
    tr, run = scenario.training, scenario.run
    T, start_year = run.months, run.start_year
    county_ids = list(baseline.county_ids)
    cpos = {c: i for i, c in enumerate(county_ids)}
    C = len(county_ids)
    reported = ledger.reported_months(start_year)
    t0 = min(max(reported.values(), default=0), T)
    secs = baseline.secretaries.assign(county_id=_secretary_counties(baseline).to_numpy())
    before = set(secs.loc[secs["trained_out_of_town"].to_numpy(bool) & _special(secs),
                          "secretary_id"])  # fmt: skip
    plan_start = set(secs["secretary_id"])
    # Trained in this plan's special course, by month reported.
    done = ledger.trained()
    if len(done):
        done = done[done["special_course"].eq(True) & done["month"].notna()]
        done = done.assign(m=_plan_month(done["month"], start_year))
        done = done[(done["m"] >= 1) & (done["m"] <= t0) & ~done["secretary_id"].isin(before)]
        done = done.sort_values(["m", "class_ref", "secretary_id"]).drop_duplicates("secretary_id")
    else:
        done = pd.DataFrame(columns=["county_id", "secretary_id", "class_ref", "base_id", "m",
                                     "days"])  # fmt: skip
    trained_ids = set(done["secretary_id"])
    moves = ledger.table("secretaries")
    if len(moves):
        moves = moves.assign(m=_plan_month(moves["month"], start_year))
        moves = moves[moves["m"] <= t0]
    took = moves[moves["change"] == "took_office"] if len(moves) else moves
    left = moves[moves["change"] == "left_office"] if len(moves) else moves
    gone = frozenset(left["secretary_id"]) if len(left) else frozenset()
    took = took[took["m"] >= 1] if len(took) else took

    def per_county(ids) -> np.ndarray:
        rows = secs[secs["secretary_id"].isin(ids)]
        return rows["county_id"].value_counts().reindex(county_ids, fill_value=0).to_numpy()

    appointed = np.zeros((C, T), int)
    if len(took):
        np.add.at(appointed, (took["county_id"].map(cpos).to_numpy(int),
                              took["m"].to_numpy(int) - 1), 1)  # fmt: skip
    waiting: dict[tuple[int, int], list[str]] = {}
    fresh = took[~took["secretary_id"].isin(trained_ids | gone | plan_start)] if len(took) else took
    for row in fresh.sort_values("secretary_id").itertuples():
        waiting.setdefault((cpos[row.county_id], int(row.m)), []).append(row.secretary_id)
    names = pd.DataFrame(
        {
            "secretary_id": took["secretary_id"].to_numpy() if len(took) else [],
            "county_id": took["county_id"].to_numpy() if len(took) else [],
            "village_id": took["village_id"].to_numpy() if len(took) else [],
            "appointed_month": took["m"].to_numpy(int) if len(took) else [],
        }
    )
    # Classes held: one row per class (a class is shared by the counties that sent people).
    bases = baseline.training_bases.set_index("base_id")
    fixed = _column(baseline.training_bases, "cost_per_class_yuan", 0.0)
    fixed_of = dict(zip(baseline.training_bases["base_id"], fixed.astype(float), strict=True))
    seat_rows = (
        done.groupby(["class_ref", "base_id", "m", "county_id"]).size().rename("seats")
        if len(done)
        else pd.Series(dtype=int, name="seats")
    ).reset_index()
    held_rows, seat_out = [], []
    for (ref, b, m), g in seat_rows.groupby(["class_ref", "base_id", "m"], sort=True):
        if b not in bases.index:
            raise DataError(
                "the ledger names a training base the data does not have",
                [Problem("classes", f"class {ref}: base_id {b}; known: "
                         f"{', '.join(bases.index)}")],
            )  # fmt: skip
        price, n = float(bases.loc[b, "cost_per_trainee_yuan"]), int(g["seats"].sum())
        days = int(done.loc[done["class_ref"] == ref, "days"].iloc[0])
        first = pd.Timestamp(year=start_year + (m - 1) // 12, month=(m - 1) % 12 + 1, day=1)
        held_rows.append((ref, b, str(bases.loc[b, "name"]), int(m), first,
                          first + pd.Timedelta(days=days - 1), days,
                          int(bases.loc[b, "seats_per_class"]), n, len(g),
                          n * price + fixed_of[b]))  # fmt: skip
        for row in g.itertuples():
            share = int(row.seats) * price + fixed_of[b] * int(row.seats) / n
            seat_out.append((ref, b, int(m), row.county_id, int(row.seats), share))
    held = pd.DataFrame(
        held_rows,
        columns=["class_id", "base_id", "base_name", "month", "start", "end", "class_days",
                 "capacity", "seats_used", "counties", "cost_yuan"],
    )  # fmt: skip
    held_seats = pd.DataFrame(
        seat_out, columns=["class_id", "base_id", "month", "county_id", "seats", "cost_yuan"]
    )
    n_years = (T + 11) // 12
    spent = np.zeros(n_years)
    if len(held):
        np.add.at(spent, (held["month"].to_numpy(int) - 1) // 12, held["cost_yuan"].to_numpy())
    # The roster's history: who was trained, in which class and month.
    info = secs.set_index("secretary_id")
    new_of = names.set_index("secretary_id")
    rows = []
    W = tr.new_secretary_window_months
    for r in done.merge(held[["class_id", "start", "end"]], left_on="class_ref",
                        right_on="class_id").itertuples():  # fmt: skip
        if r.secretary_id in info.index:
            p = info.loc[r.secretary_id]
            rows.append(
                (
                    r.secretary_id,
                    p["county_id"],
                    p["village_id"],
                    "current",
                    bool(p["key_secretary"]),
                    float(p["tenure_years"]),
                    0,
                    tr.deadline_month,
                    r.class_ref,
                    r.base_id,
                    int(r.m),
                    r.start,
                    r.end,
                )
            )
        else:  # fmt: skip
            a = int(new_of.loc[r.secretary_id, "appointed_month"]) if (
                r.secretary_id in new_of.index) else 0  # fmt: skip
            village = new_of.loc[r.secretary_id, "village_id"] if a else None
            rows.append(
                (
                    r.secretary_id,
                    r.county_id,
                    village,
                    "new",
                    False,
                    0.0,
                    a,
                    a + W if a else 0,
                    r.class_ref,
                    r.base_id,
                    int(r.m),
                    r.start,
                    r.end,
                )
            )
    history = pd.DataFrame(
        rows,
        columns=["secretary_id", "county_id", "village_id", "cohort", "key_secretary",
                 "tenure_years", "appointed_month", "due_month", "class_id", "base_id",
                 "month", "start", "end"],
    )  # fmt: skip
    late = history["month"].to_numpy(int) > history["due_month"].to_numpy(int)
    history["status"] = np.where(late, "late", "on_time")
    left_start = [s for s in gone if s in plan_start]
    return _Actual(
        restart=int(t0),
        appointed=appointed,
        trained_current=per_county(trained_ids & plan_start),
        left_current=per_county(set(left_start)),
        left_untrained=per_county({s for s in left_start if s not in trained_ids | before}),
        waiting=waiting,
        names=names,
        gone=gone,
        history=history,
        held=held,
        held_seats=held_seats,
        spent=spent,
    )


def _column(frame: pd.DataFrame, name: str, default: float) -> np.ndarray:
    """An optional column of the bases (frames built in code may lack it: its default)."""
    if name not in frame:
        return np.full(len(frame), default)
    return frame[name].to_numpy()


# --------------------------------------------------------------------------- the programme


@dataclass(eq=False)
class _Model:
    """Variables, bounds and constraints of one mixed-integer programme.

    Blocks of variables, in order: ``x`` classes and ``z`` seats filled per open base-month,
    ``u`` seats per county-month, ``y`` trainees per cohort-month, ``never`` per cohort,
    ``e`` extra classes per base-month, and optionally one budget variable.
    """

    inst: _Instance
    x_b: np.ndarray
    x_m: np.ndarray
    x_k: np.ndarray
    u_c: np.ndarray
    u_m: np.ndarray
    y_k: np.ndarray
    y_m: np.ndarray
    e_x: np.ndarray  # x variable of each extra-class variable
    lb: np.ndarray
    ub: np.ndarray
    integrality: np.ndarray
    constraints: LinearConstraint
    missing: np.ndarray  # objective vectors
    never: np.ndarray
    lateness: np.ndarray
    cost: np.ndarray
    early: np.ndarray
    extra: np.ndarray
    budget_var: int | None

    def sl(self, part: str) -> slice:
        """Position of one block of variables."""
        sizes = [len(self.x_b), len(self.x_b), len(self.u_c), len(self.y_k)]
        sizes += [len(self.inst.cohorts), len(self.e_x)]
        starts = np.cumsum([0, *sizes])
        i = ("x", "z", "u", "y", "never", "e").index(part)
        return slice(int(starts[i]), int(starts[i + 1]))


class _Rows:
    """Accumulates sparse constraint rows ``lo <= A v <= hi``."""

    def __init__(self) -> None:
        self.r: list[np.ndarray] = []
        self.c: list[np.ndarray] = []
        self.v: list[np.ndarray] = []
        self.lo: list[np.ndarray] = []
        self.hi: list[np.ndarray] = []
        self.n = 0

    def new(self, nrows: int, lo, hi) -> int:
        """Open ``nrows`` rows with their bounds; returns the first row's number."""
        self.lo.append(np.broadcast_to(np.asarray(lo, float), (nrows,)).copy())
        self.hi.append(np.broadcast_to(np.asarray(hi, float), (nrows,)).copy())
        self.n += nrows
        return self.n - nrows

    def put(self, row, col, val) -> None:
        """Coefficients ``A[row, col] = val`` (absolute row numbers)."""
        row = np.asarray(row, int)
        self.r.append(row)
        self.c.append(np.asarray(col, int))
        self.v.append(np.broadcast_to(np.asarray(val, float), row.shape).copy())

    def build(self, nvar: int) -> LinearConstraint:
        cat = lambda parts, dt: np.concatenate(parts) if parts else np.zeros(0, dt)  # noqa: E731
        a = coo_array(
            (cat(self.v, float), (cat(self.r, int), cat(self.c, int))), shape=(self.n, nvar)
        ).tocsr()
        return LinearConstraint(a, cat(self.lo, float), cat(self.hi, float))


def _group(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row number of each key among the distinct keys, and the distinct keys."""
    uniq, inv = np.unique(keys, return_inverse=True)
    return inv, uniq


def _build(
    inst: _Instance,
    *,
    late: bool,
    free_extra: bool = False,
    budget_var: bool = False,
) -> _Model:
    """The programme for one instance.

    ``late`` lets cohorts be trained after their due month (used for the best plan when the
    deadlines cannot all be met); ``free_extra`` lets every open base-month take extra classes
    at a price of 1 each (diagnosis of seats); ``budget_var`` replaces the yearly budget by a
    variable (diagnosis of the budget).
    """
    T = inst.months
    co = inst.cohorts
    total = int(co["size"].sum())
    # x: classes per open base-month; extra classes per (base, year) when allowed.
    yr = (inst.open_m - 1) // 12
    allow = np.array([inst.extra.get((b, y), 0) for b, y in zip(inst.open_b, yr, strict=True)])
    if free_extra:
        allow = np.maximum(allow, -(-total // inst.seats[inst.open_b]) + 1)
    keep = (inst.open_k + allow) > 0
    x_b, x_m, x_k, x_e = inst.open_b[keep], inst.open_m[keep], inst.open_k[keep], allow[keep]
    nx = len(x_b)
    months_open = np.unique(x_m)
    # y: cohort-months inside [release, due] (or to the horizon when late), open, cap > 0.
    yk, ym = [], []
    for k, (c, rel, due) in enumerate(zip(co["county"], co["release"], co["due"], strict=True)):
        last = T if late else due
        mm = months_open[(months_open >= rel) & (months_open <= last)]
        mm = mm[inst.cap[c, mm - 1] > 0]
        yk.append(np.full(len(mm), k))
        ym.append(mm)
    y_k = np.concatenate(yk) if yk else np.zeros(0, int)
    y_m = np.concatenate(ym) if ym else np.zeros(0, int)
    y_c = co["county"].to_numpy()[y_k] if len(y_k) else np.zeros(0, int)
    # u: seats per county-month where someone of the county can be trained that month.
    cm_key = np.unique(y_c * (T + 1) + y_m)
    u_c, u_m = cm_key // (T + 1), cm_key % (T + 1)
    nu, ny, nk = len(cm_key), len(y_k), len(co)
    e_x = np.nonzero(x_e > 0)[0]
    ne = len(e_x)
    nvar = 2 * nx + nu + ny + nk + ne + (1 if budget_var else 0)
    o_z, o_u, o_y = nx, 2 * nx, 2 * nx + nu
    o_n, o_e = o_y + ny, o_y + ny + nk
    lb = np.zeros(nvar)
    ub = np.full(nvar, np.inf)
    ub[:nx] = x_k + x_e
    ub[o_z:o_u] = inst.seats[x_b] * ub[:nx]
    ub[o_u:o_y] = inst.cap[u_c, u_m - 1]
    ub[o_n:o_e] = co["size"].to_numpy()
    ub[o_e : o_e + ne] = x_e[e_x]
    integrality = np.zeros(nvar)
    integrality[:o_y] = 1
    integrality[o_e : o_e + ne] = 1
    integrality[o_n:o_e] = 1  # whole secretaries: lets the solver round its bounds up
    rows = _Rows()
    # (1) seats within classes: z - seats * x <= 0
    r = rows.new(nx, -np.inf, 0.0)
    rows.put(r + np.arange(nx), o_z + np.arange(nx), 1.0)
    rows.put(r + np.arange(nx), np.arange(nx), -inst.seats[x_b])
    # (1b) no class below the minimum: min_size * x - z <= 0
    big = np.nonzero(inst.min_size[x_b] > 1)[0]
    r = rows.new(len(big), -np.inf, 0.0)
    rows.put(r + np.arange(len(big)), big, inst.min_size[x_b[big]])
    rows.put(r + np.arange(len(big)), o_z + big, -1.0)
    # (2) seats filled at the bases in a month = seats taken by the counties that month.
    # Any county may sit in any class, so which county sits where is settled after the
    # solve (any split of whole seats works); this keeps the model free of base x county.
    mi = np.searchsorted(months_open, x_m)
    r = rows.new(len(months_open), 0.0, 0.0)
    rows.put(r + mi, o_z + np.arange(nx), 1.0)
    rows.put(r + np.searchsorted(months_open, u_m), o_u + np.arange(nu), -1.0)
    # (3) seats of a county-month = its cohorts trained that month (u <= cap by its bound)
    r = rows.new(nu, 0.0, 0.0)
    rows.put(r + np.arange(nu), o_u + np.arange(nu), 1.0)
    rows.put(r + np.searchsorted(cm_key, y_c * (T + 1) + y_m), o_y + np.arange(ny), -1.0)
    # (4) every cohort member trained once or counted as never trained
    r = rows.new(nk, co["size"], co["size"])
    rows.put(r + y_k, o_y + np.arange(ny), 1.0)
    rows.put(r + np.arange(nk), o_n + np.arange(nk), 1.0)
    # (5) extra classes: x - e <= classes per month; per base-year total <= allowance
    if ne:
        r = rows.new(ne, -np.inf, x_k[e_x])
        rows.put(r + np.arange(ne), e_x, 1.0)
        rows.put(r + np.arange(ne), o_e + np.arange(ne), -1.0)
        if not free_extra:
            gi, gu = _group(x_b[e_x] * 1000 + (x_m[e_x] - 1) // 12)
            cap_by = [inst.extra.get((int(g) // 1000, int(g) % 1000), 0) for g in gu]
            r = rows.new(len(gu), -np.inf, cap_by)
            rows.put(r + gi, o_e + np.arange(ne), 1.0)
    # (6) yearly budget: seats at the per-trainee cost and each class's fixed cost
    price_z = inst.price[x_b]
    fixed_x = inst.fixed[x_b]
    if inst.budget is not None or budget_var:
        n_years = (T + 11) // 12
        # Money already spent on classes held this year comes off the year's budget.
        spent = np.zeros(n_years) if inst.spent is None else inst.spent
        if budget_var:
            hi = -spent
        else:
            hi = np.maximum(inst.budget - spent, 0.0) if inst.spent is not None else inst.budget
        r = rows.new(n_years, -np.inf, hi)
        rows.put(r + (x_m - 1) // 12, o_z + np.arange(nx), price_z)
        has = np.nonzero(fixed_x)[0]
        rows.put(r + (x_m[has] - 1) // 12, has, fixed_x[has])
        if budget_var:
            rows.put(r + np.arange(n_years), np.full(n_years, nvar - 1), -1.0)
    missing = np.zeros(nvar)
    missing[o_n:o_e] = 1
    missing[o_y:o_n] = (y_m > co["due"].to_numpy()[y_k]).astype(float)
    lateness = np.zeros(nvar)
    lateness[o_y:o_n] = np.maximum(y_m - co["due"].to_numpy()[y_k], 0)
    never = np.zeros(nvar)
    never[o_n:o_e] = 1
    cost = np.zeros(nvar)
    cost[:nx] = fixed_x
    cost[o_z:o_u] = price_z
    early = np.zeros(nvar)
    early[o_u:o_y] = u_m
    extra = np.zeros(nvar)
    extra[o_e : o_e + ne] = 1
    return _Model(
        inst, x_b, x_m, x_k, u_c, u_m, y_k, y_m, e_x, lb, ub, integrality,
        rows.build(nvar), missing, never, lateness, cost, early, extra,
        nvar - 1 if budget_var else None,
    )  # fmt: skip


@dataclass(eq=False)
class _Solved:
    model: _Model
    x: np.ndarray
    status: str
    stages: dict[str, float]
    solve_s: float
    calls: int


class _Solver:
    """Runs HiGHS with a zero MIP gap and collects the time spent."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0

    def run(
        self,
        m: _Model,
        c: np.ndarray,
        fixed: list[tuple[np.ndarray, float]] = (),  # type: ignore[assignment]
        *,
        relax: bool = False,
    ):
        cons = [m.constraints]
        for vec, hi in fixed:
            cons.append(LinearConstraint(vec.reshape(1, -1), -np.inf, hi))
        t0 = time.perf_counter()
        res = milp(
            c,
            integrality=np.zeros_like(m.integrality) if relax else m.integrality,
            bounds=Bounds(m.lb, m.ub),
            constraints=cons,
            options={"mip_rel_gap": 0.0, "time_limit": TIME_LIMIT_S, "presolve": True},
        )
        self.seconds += time.perf_counter() - t0
        self.calls += 1
        return res


def _ok(res) -> bool:
    return res.x is not None and res.status in (0, 1)


def _shortfall(inst: _Instance, solver: _Solver) -> int:
    """Fewest secretaries who must miss their due month (0 = the deadlines can all be met)."""
    if inst.cohorts.empty:
        return 0
    m = _build(inst, late=False)
    lp = solver.run(m, m.missing, relax=True)
    if lp.fun > 1e-6:  # the relaxation already proves some must miss
        return max(1, math.ceil(lp.fun - 1e-6))
    res = solver.run(m, m.missing)
    return round(res.fun) if _ok(res) else int(inst.cohorts["size"].sum())


def _cost_tolerance(inst: _Instance, cost: float) -> float:
    """Slack allowed on the cost optimum in the last stage: below any real cost difference."""
    p = np.unique(np.concatenate([inst.price, inst.fixed[inst.fixed > 0]]))
    step = float(np.min(np.diff(p))) / 2 if len(p) > 1 else 0.5
    return min(step, max(1e-6 * abs(cost), 1e-3))


def _stage(solver: _Solver, m: _Model, c: np.ndarray, fixed: list, **kw):
    """One stage; if fixing the earlier optima at their exact values trips the solver's
    tolerances, retry with a looser hold (still far below one whole secretary or yuan)."""
    for slack in (0.0, 1e-3):
        res = solver.run(m, c, [(v, hi + slack) for v, hi in fixed], **kw)
        if _ok(res):
            return res
    return None


def _cost_unit(inst: _Instance) -> float | None:
    """The largest amount every cost (per trainee, per class) is a whole multiple of, to the
    fen; None when some cost is not a whole number of fen."""
    fen = np.concatenate([inst.price, inst.fixed]) * 100
    whole = np.rint(fen)
    if not len(fen) or not np.allclose(fen, whole, rtol=0, atol=1e-6) or whole.max() > 2**52:
        return None
    unit = int(np.gcd.reduce(whole.astype(np.int64)))
    return unit / 100 if unit > 0 else None


def _cost_then_early(inst: _Instance, m: _Model, weighted: bool = False) -> np.ndarray | None:
    """One objective that orders plans by cost, then by earliest training (None: solve the
    two stages apart).

    Every plan's cost is a whole multiple of the cost unit, so a weight on the earliness
    small enough that all of it stays below half a unit cannot trade money for time; the
    optimum is the earliest of the cheapest plans. With a yearly budget one such solve is
    several times faster than a stage that holds the cost optimum as a constraint; without
    one the two stages apart are faster.
    """
    unit = _cost_unit(inst)
    if unit is None or (inst.budget is None and not weighted):
        return None
    top = float(m.early.max(initial=0)) * float(m.inst.cohorts["size"].sum())
    return m.cost + unit / (2 * (top + 1)) * m.early


def _last_stages(
    solver,
    inst: _Instance,
    m: _Model,
    fixed: list,
    stages: dict,
    lp_bound: bool,
    *,
    weighted: bool = False,
):
    """Least cost, then earliest training (one weighted solve when it is exact, else two;
    ``weighted`` tries the one solve even without a yearly budget)."""
    res = None
    if len(np.unique(inst.price)) > 1 or inst.fixed.any() or lp_bound:
        both = _cost_then_early(inst, m, weighted)
        if both is not None:
            res = _stage(solver, m, both, fixed)
        if res is None:
            res = _stage(solver, m, m.cost, fixed)
            if res is None:
                return None
            fixed = [*fixed, (m.cost, res.fun + _cost_tolerance(inst, res.fun))]
            res = _stage(solver, m, m.early, fixed) or res
        stages["cost_yuan"] = float(m.cost @ res.x)
        if lp_bound:
            lp = _stage(solver, m, m.cost, fixed, relax=True)
            stages["lp_cost_bound_yuan"] = float(lp.fun) if lp is not None else float("nan")
    else:
        res = _stage(solver, m, m.early, fixed)
        if res is None:
            return None
    stages["early"] = float(round(m.early @ res.x))
    return res


def _late_from_bound(solver: _Solver, inst: _Instance, lp) -> tuple[_Model, Any, int] | None:
    """When some must miss their due month: the fewest never trained and fewest months late
    with the missing held at the relaxation's bound, rounded up. The relaxation of the
    on-time programme bounds the missing of any plan from below (late trainees leave their
    classes fractionally), so a plan found at the bound settles the first stage without its
    integer solve. None when there is no such plan (the stages are then solved in turn)."""
    if not _ok(lp):
        return None
    short = math.ceil(lp.fun - 1e-6)
    model = _build(inst, late=True)
    weight = float(model.lateness.max(initial=0)) * float(inst.cohorts["size"].sum()) + 1
    res = _stage(solver, model, weight * model.never + model.lateness,
                 [(model.missing, short + 1e-6)])  # fmt: skip
    return None if res is None else (model, res, short)


def _optimise(inst: _Instance, *, lp_bound: bool = False) -> tuple[_Solved, dict[str, Any]]:
    """Lexicographic stages: deadlines met, then (when some must miss) fewest never trained
    and fewest months late, then least cost, then earliest training.

    Each stage holds the earlier optima as constraints; when a later stage fails (time limit,
    numerical trouble) the plan of the last stage that succeeded is kept.
    """
    solver = _Solver()
    info: dict[str, Any] = {}
    red = _build(inst, late=False)
    if inst.cohorts.empty:
        return _Solved(red, np.zeros(len(red.lb)), "nothing to train", {}, 0.0, 0), info
    stages: dict[str, float] = {}
    never = red.sl("never")
    # When the relaxation lets everyone be on time, look for the cheapest, earliest plan
    # with nobody missing at once: proving the first stage's optimum of 0 on its own is
    # the slow part once classes have a minimum size. Only if there is no such plan is
    # the first stage solved.
    lp = solver.run(red, red.missing, relax=True)
    if _ok(lp) and lp.fun <= 1e-6:
        keep = red.ub[never].copy()
        red.ub[never] = 0.0
        res = _last_stages(solver, inst, red, [], stages, lp_bound)
        if res is not None:
            return _solved(solver, red, res, {"missing": 0.0, **stages}, info)
        red.ub[never] = keep
        stages.clear()
    late = _late_from_bound(solver, inst, lp) if inst.restart > 0 else None
    if late is not None:
        # A re-solve whose relaxation bound is reached: the first stage is settled.
        model, res, short = late
        stages["missing"] = float(short)
        last, fixed = (model, res), [(model.missing, short + 1e-6)]
        stages["never"] = float(round(model.never @ res.x))
        stages["late_months"] = float(round(model.lateness @ res.x))
        fixed += [(model.never, stages["never"] + 1e-6),
                  (model.lateness, stages["late_months"] + 1e-6)]  # fmt: skip
        res = _last_stages(solver, inst, model, fixed, stages, lp_bound, weighted=True)
        if res is not None:
            last = (model, res)
        return _solved(solver, *last, stages, info)
    res = _stage(solver, red, red.missing, [])
    short = round(res.fun) if res is not None else int(inst.cohorts["size"].sum())
    stages["missing"] = float(short)
    last, model, fixed = (red, res), red, []
    if res is not None and short == 0:
        red.ub[never] = 0.0
    else:
        # Fewest never trained, then fewest months late: one solve, the weight on those
        # never trained above any possible lateness.
        model = _build(inst, late=True)
        fixed = [(model.missing, short + 1e-6)]
        weight = float(model.lateness.max(initial=0)) * float(inst.cohorts["size"].sum()) + 1
        res = _stage(solver, model, weight * model.never + model.lateness, fixed)
        if res is not None:
            last = (model, res)
            stages["never"] = float(round(model.never @ res.x))
            stages["late_months"] = float(round(model.lateness @ res.x))
            fixed += [(model.never, stages["never"] + 1e-6),
                      (model.lateness, stages["late_months"] + 1e-6)]  # fmt: skip
    if last[1] is not None:
        res = _last_stages(solver, inst, model, fixed, stages, lp_bound)
        if res is not None:
            last = (model, res)
    return _solved(solver, *last, stages, info)


def _solved(solver: _Solver, model: _Model, res, stages: dict, info: dict):
    if "lp_cost_bound_yuan" in stages:
        info["lp_cost_bound_yuan"] = stages.pop("lp_cost_bound_yuan")
    if res is None:
        x, status = np.zeros(len(model.lb)), "no solution"
    else:
        x = res.x
        status = {0: "optimal", 1: "time limit"}.get(res.status, res.message)
    return _Solved(model, x, status, stages, solver.seconds, solver.calls), info


# --------------------------------------------------------------------------- plan frames


def _month_start(inst: _Instance, m: int) -> pd.Timestamp:
    return pd.Timestamp(year=inst.start_year + (m - 1) // 12, month=(m - 1) % 12 + 1, day=1)


def _class_table(inst: _Instance, model: _Model, sol: np.ndarray):
    """Classes and their seats per county from the solved seats.

    Each base-month runs as few classes as hold its seats (never more than the solver
    allowed), filled evenly; the month's county seats are poured into the classes in county
    order, so a county's trainees sit together as far as possible.
    """
    z = np.rint(sol[model.sl("z")]).astype(int)
    u = np.rint(sol[model.sl("u")]).astype(int)
    queues: dict[int, list[list[int]]] = {}
    for c, m, n in zip(model.u_c, model.u_m, u, strict=True):
        if n > 0:
            queues.setdefault(int(m), []).append([int(c), int(n)])
    classes, parts = [], []
    for j in sorted(np.nonzero(z)[0], key=lambda j: (model.x_m[j], model.x_b[j])):
        b, m, total = int(model.x_b[j]), int(model.x_m[j]), int(z[j])
        size, days = int(inst.seats[b]), int(inst.days[b])
        n_cls = -(-total // size)
        fill = [total // n_cls + (1 if i < total % n_cls else 0) for i in range(n_cls)]
        start0 = _month_start(inst, m)
        first_days = _class_starts(inst.free[m - 1], days, start0.days_in_month, n_cls)
        queue = queues.get(m, [])
        price, fixed = float(inst.price[b]), float(inst.fixed[b])
        for i in range(n_cls):
            start = start0 + pd.Timedelta(days=first_days[i] - 1)
            end = min(start + pd.Timedelta(days=days - 1), start0 + pd.offsets.MonthEnd(0))
            cid = f"{inst.base_ids[b]}-{start0:%Y-%m}-{i + 1}"
            room, mine = fill[i], []
            while room and queue:
                take = min(queue[0][1], room)
                mine.append((inst.county_ids[queue[0][0]], take))
                room -= take
                queue[0][1] -= take
                if queue[0][1] == 0:
                    queue.pop(0)
            seated = fill[i] - room
            # A county pays its seats and its share (by seats) of the class's fixed cost.
            parts += [
                (cid, inst.base_ids[b], m, county, take, take * price + fixed * take / seated)
                for county, take in mine
            ]
            classes.append(
                (cid, inst.base_ids[b], inst.base_names[b], m, start, end, days,
                 size, seated, len(mine), seated * price + fixed)
            )  # fmt: skip
    cls = pd.DataFrame(
        classes,
        columns=["class_id", "base_id", "base_name", "month", "start", "end", "class_days",
                 "capacity", "seats_used", "counties", "cost_yuan"],
    )  # fmt: skip
    seat = pd.DataFrame(
        parts, columns=["class_id", "base_id", "month", "county_id", "seats", "cost_yuan"]
    )
    cls = cls.astype(
        {"class_id": "str", "base_id": "str", "base_name": "str", "month": int,
         "start": "datetime64[us]", "end": "datetime64[us]", "class_days": int,
         "capacity": int, "seats_used": int, "counties": int, "cost_yuan": float}
    )  # fmt: skip
    seat = seat.astype(
        {"class_id": "str", "base_id": "str", "month": int, "county_id": "str", "seats": int,
         "cost_yuan": float}
    )  # fmt: skip
    return cls, seat


def _class_starts(free: tuple[tuple[int, int], ...], days: int, month_days: int, n: int):
    """First days of ``n`` classes of a base in one month, spread over the days a whole
    class fits outside the Spring Festival break (one class: the middle such day)."""
    length = min(days, month_days)
    fits = [d for a, b in free for d in range(a, b - length + 2)]
    if n == 1:
        return [fits[(len(fits) - 1) // 2]]
    return [fits[i * (len(fits) - 1) // (n - 1)] for i in range(n)]


def _trained_by_cohort(inst: _Instance, model: _Model, sol: np.ndarray, seat: pd.DataFrame):
    """Whole secretaries per cohort and month: the solver's split when it is whole and agrees
    with the seats, else earliest-due-first (which meets every deadline the seats allow)."""
    co = inst.cohorts
    y = np.rint(sol[model.sl("y")]).astype(int)
    per_cm = seat.groupby(["county_id", "month"])["seats"].sum()
    got = pd.DataFrame(
        {"k": model.y_k, "c": co["county"].to_numpy()[model.y_k], "m": model.y_m, "n": y}
    )
    got = got[got["n"] > 0]
    check = got.assign(county_id=[inst.county_ids[c] for c in got["c"]])
    agree = check.groupby(["county_id", "m"])["n"].sum()
    agree.index = agree.index.set_names(["county_id", "month"])
    whole = np.allclose(sol[model.sl("y")], y, atol=1e-6)
    per_k = got.groupby("k")["n"].sum()
    sizes_ok = bool((per_k <= co["size"].to_numpy()[per_k.index]).all())
    if whole and sizes_ok and agree.sort_index().equals(per_cm.sort_index()):
        return got[["k", "m", "n"]].reset_index(drop=True), "solver"
    return _earliest_due_first(inst, per_cm), "earliest due first"


def _earliest_due_first(inst: _Instance, per_cm: pd.Series) -> pd.DataFrame:
    co = inst.cohorts
    rows = []
    for ci, cid in enumerate(inst.county_ids):
        if cid not in per_cm.index.get_level_values(0):
            continue
        mine = co.index[co["county"] == ci].to_numpy()
        left = co.loc[mine, "size"].to_numpy().copy()
        for m, n in per_cm.loc[cid].items():
            # Not yet late first, by due month; late ones after.
            due = co.loc[mine, "due"].to_numpy()
            rel = co.loc[mine, "release"].to_numpy()
            order = np.lexsort((due, due < m))
            for i in order:
                if n == 0:
                    break
                if rel[i] <= m and left[i] > 0:
                    take = min(left[i], n)
                    rows.append((int(mine[i]), int(m), int(take)))
                    left[i] -= take
                    n -= take
    return pd.DataFrame(rows, columns=["k", "m", "n"])


_PRIORITY = {
    "key_then_tenure": (["key_secretary", "tenure_years", "secretary_id"], [False, False, True]),
    "tenure": (["tenure_years", "secretary_id"], [False, True]),
    "village": (["village_id", "secretary_id"], [True, True]),
}


def _people(
    baseline: Baseline, scenario: Scenario, inst: _Instance, act: _Actual | None = None
) -> pd.DataFrame:
    """Everyone to be trained, one row each, with cohort ``k`` and ``rank`` (0 = first seat).

    Plan-start secretaries are ranked by ``training.roster_priority``; new secretaries
    (not known by name yet) get synthetic ids ``NEW-<county>-<YYYY-MM>-<nnn>``.
    """
    co = inst.cohorts
    secs = baseline.secretaries.assign(county_id=_secretary_counties(baseline).to_numpy())
    todo = secs[~(secs["trained_out_of_town"].to_numpy(bool) & _special(secs))]
    if act is not None:
        done = set(act.history["secretary_id"]) | act.gone
        todo = todo[~todo["secretary_id"].isin(done)]
    cols, asc = _PRIORITY[scenario.training.roster_priority]
    todo = todo.sort_values(cols, ascending=asc, kind="mergesort")
    cur = co[co["cohort"] == "current"]
    k_of = pd.Series(cur.index, index=[inst.county_ids[c] for c in cur["county"]])
    size_of = pd.Series(cur["size"].to_numpy(), index=k_of.index)
    current = pd.DataFrame(
        {
            "k": k_of.reindex(todo["county_id"]).to_numpy(),
            "secretary_id": todo["secretary_id"].to_numpy(),
            "village_id": todo["village_id"].to_numpy(),
            "key_secretary": todo["key_secretary"].to_numpy(),
            "tenure_years": todo["tenure_years"].to_numpy(),
            "county_id": todo["county_id"].to_numpy(),
        }
    )
    # The last in each county's order beyond the seats the departures leave are the reserve.
    place = current.groupby("county_id").cumcount().to_numpy()
    seats = size_of.reindex(current["county_id"]).fillna(0).to_numpy()
    reserve = current[place >= seats].drop(columns="k")
    current = current[place < seats].drop(columns="county_id")
    new = co[co["cohort"] == "new"]
    k = np.repeat(new.index.to_numpy(), new["size"].to_numpy())
    seq = pd.Series(k).groupby(k).cumcount().to_numpy() + 1
    tags = {
        i: f"NEW-{inst.county_ids[r.county]}-{_month_start(inst, r.appointed):%Y-%m}-"
        for i, r in zip(new.index, new.itertuples(), strict=True)
    }
    ids = [f"{tags[i]}{n:03d}" for i, n in zip(k, seq, strict=True)]
    villages = [None] * len(k)
    if act is not None:
        # New secretaries already appointed by the restart are known by name.
        where = act.names.set_index("secretary_id")["village_id"]
        for j, (i, n) in enumerate(zip(k, seq, strict=True)):
            r = new.loc[i]
            if r["appointed"] <= act.restart:
                ids[j] = act.waiting[(int(r["county"]), int(r["appointed"]))][n - 1]
                villages[j] = where.get(ids[j])
    fresh = pd.DataFrame(
        {
            "k": k,
            "secretary_id": ids,
            "village_id": pd.array(villages, dtype="str"),
            "key_secretary": np.zeros(len(k), bool),
            "tenure_years": np.zeros(len(k)),
        }
    )
    people = pd.concat([current, fresh], ignore_index=True)
    people["k"] = people["k"].astype(int)
    people["rank"] = people.groupby("k").cumcount()
    people["county_id"] = [inst.county_ids[c] for c in co["county"].to_numpy()[people["k"]]]
    people["cohort"] = co["cohort"].to_numpy()[people["k"]]
    people["appointed_month"] = co["appointed"].to_numpy()[people["k"]]
    people["due_month"] = co["due"].to_numpy()[people["k"]]
    reserve = reserve.assign(
        cohort="current", appointed_month=0, due_month=scenario.training.deadline_month
    )
    return people, reserve


def _roster(inst, people, trained: pd.DataFrame, classes, seat) -> pd.DataFrame:
    """Hand each county's seats, class by class, to its people: earliest due, then priority.

    Within a cohort the first months go to the first-ranked people; within a county and
    month, cohorts due earlier take the earlier classes.
    """
    people, reserve = people
    co = inst.cohorts
    t = trained.loc[trained.index.repeat(trained["n"]), ["k", "m"]]
    t = t.sort_values(["k", "m"], kind="mergesort").reset_index(drop=True)
    t["rank"] = t.groupby("k").cumcount()
    t["due"] = co["due"].to_numpy()[t["k"]]
    t["county_id"] = pd.array(
        [inst.county_ids[c] for c in co["county"].to_numpy()[t["k"]]], dtype="str"
    )
    t = t.sort_values(["county_id", "m", "due", "k", "rank"], kind="mergesort")
    t["pos"] = t.groupby(["county_id", "m"]).cumcount()
    slots = seat.sort_values(["county_id", "month", "base_id", "class_id"], kind="mergesort")
    slots = slots.loc[slots.index.repeat(slots["seats"]), ["county_id", "month", "class_id"]]
    slots = slots.rename(columns={"month": "m"}).reset_index(drop=True)
    slots["pos"] = slots.groupby(["county_id", "m"]).cumcount()
    t = t.merge(slots, on=["county_id", "m", "pos"], how="left", validate="one_to_one")
    r = people.merge(t[["k", "rank", "m", "class_id"]], on=["k", "rank"], how="left")
    r["class_id"] = r["class_id"].astype("str")
    r = r.merge(classes[["class_id", "base_id", "start", "end"]], on="class_id", how="left")
    r["month"] = r["m"].astype("Int64")
    late = (r["month"] > r["due_month"]).fillna(False).to_numpy(bool)
    r["status"] = np.where(r["month"].isna(), "not_scheduled", np.where(late, "late", "on_time"))
    if len(reserve):
        r = pd.concat([r, reserve.assign(status="reserve")], ignore_index=True)
        r["class_id"] = r["class_id"].astype("str")
        r["month"] = r["month"].astype("Int64")
    order = ["secretary_id", "county_id", "village_id", "cohort", "key_secretary", "tenure_years",
             "appointed_month", "due_month", "class_id", "base_id", "month", "start", "end",
             "status"]  # fmt: skip
    r = r[order].sort_values(["county_id", "cohort", "month", "secretary_id"], kind="mergesort")
    return r.reset_index(drop=True)


def _away(inst: _Instance, seat: pd.DataFrame) -> pd.DataFrame:
    T, C = inst.months, len(inst.county_ids)
    away = np.zeros((C, T), int)
    if len(seat):
        ci = pd.Index(inst.county_ids).get_indexer(seat["county_id"])
        np.add.at(away, (ci, seat["month"].to_numpy() - 1), seat["seats"].to_numpy())
    n = np.repeat(inst.secretaries, T)
    return pd.DataFrame(
        {
            "county_id": np.repeat(inst.county_ids, T),
            "month": np.tile(np.arange(1, T + 1), C),
            "date": np.tile([_month_start(inst, m) for m in range(1, T + 1)], C),
            "away": away.ravel(),
            "cap": inst.cap.ravel(),
            "secretaries": n,
            "away_share": away.ravel() / np.maximum(n, 1),
            "cap_share": inst.cap.ravel() / np.maximum(n, 1),
            "within_cap": away.ravel() <= inst.cap.ravel(),
        }
    )


def _coverage(
    inst: _Instance, roster: pd.DataFrame, away: pd.DataFrame, appointed: np.ndarray, deadline: int
):
    """Share of those who must be trained by the deadline who are trained, month by month,
    and the expected share of the secretaries in post.

    Who must be trained follows ``training.who_must_be_trained``: under ``cohort`` every
    secretary in post at plan start; under ``holders`` those who hold the post at the
    deadline: the secretaries in post at plan start who stay, and the new secretaries whose
    window ends by the deadline (one appointed later is still within his window then).

    In post: each month's departures (one per new appointment) are assumed to hit trained
    and untrained secretaries alike, so the trained stock shrinks by the departure share.
    """
    T = inst.months
    months = np.arange(1, T + 1)

    def per_month(rows: pd.DataFrame) -> np.ndarray:
        done = rows[rows["month"].notna()]
        return done.groupby("month").size().reindex(months, fill_value=0).to_numpy()

    current = per_month(roster[roster["cohort"] == "current"])
    if inst.reading == "holders":
        new = roster[(roster["cohort"] == "new") & (roster["due_month"] <= deadline)]
        # Departures beyond the untrained ones fall on secretaries trained before the plan.
        before = inst.already_trained - np.maximum(inst.departed - inst.untrained, 0)
        total = int((inst.secretaries - inst.departed).sum()) + len(new)
        trained = int(before.sum()) + np.cumsum(current + per_month(new))
    else:
        total = int(inst.secretaries.sum())
        trained = int(inst.already_trained.sum()) + np.cumsum(current)
    if inst.reading == "holders":
        in_post = _in_post_holders(inst, roster, appointed)
    else:
        away_m = away.pivot(index="county_id", columns="month", values="away")
        away_m = away_m.reindex(list(inst.county_ids)).to_numpy(float)
        n = np.maximum(inst.secretaries.astype(float), 1.0)
        stock = inst.already_trained.astype(float)
        in_post = np.zeros(T)
        for m in range(T):
            stock = np.minimum(stock * (1 - appointed[:, m] / n) + away_m[:, m], n)
            in_post[m] = stock.sum()
    return pd.DataFrame(
        {
            "month": months,
            "date": [_month_start(inst, m) for m in months],
            "current_trained": trained,
            "current_total": total,
            "current_share": trained / max(total, 1),
            "in_post_trained": in_post,
            "in_post_share": in_post / max(int(inst.secretaries.sum()), 1),
        }
    )


def _in_post_holders(inst: _Instance, roster: pd.DataFrame, appointed: np.ndarray) -> np.ndarray:
    """Trained secretaries in post by month, on the plan's own reading of departures: those
    who leave are secretaries in post at plan start, untrained ones first; new secretaries
    serve on."""
    T, ids = inst.months, list(inst.county_ids)
    done = roster[roster["month"].notna()]

    def cum(rows: pd.DataFrame) -> np.ndarray:
        n = rows.groupby(["county_id", "month"]).size().unstack(fill_value=0)
        n = n.reindex(index=ids, columns=range(1, T + 1), fill_value=0)
        return np.cumsum(n.to_numpy(float), axis=1)

    stay = inst.secretaries[:, None] - np.minimum(
        np.cumsum(appointed, axis=1), inst.secretaries[:, None]
    )
    current = inst.already_trained[:, None] + cum(done[done["cohort"] == "current"])
    return (np.minimum(current, stay) + cum(done[done["cohort"] == "new"])).sum(axis=0)


def _cost(inst: _Instance, classes: pd.DataFrame) -> pd.DataFrame:
    years = np.arange(inst.start_year, inst.start_year + (inst.months + 11) // 12)
    y = inst.start_year + (classes["month"] - 1) // 12
    fixed = inst.fixed[pd.Index(inst.base_ids).get_indexer(classes["base_id"])]
    by = (
        classes.assign(year=y, fixed=fixed)
        .groupby("year")
        .agg(
            trainees=("seats_used", "sum"),
            classes=("class_id", "size"),
            cost_yuan=("cost_yuan", "sum"),
            fixed_cost_yuan=("fixed", "sum"),
        )
    )
    by = by.reindex(years, fill_value=0)
    budget = np.nan if inst.budget is None else float(inst.budget)
    out = pd.DataFrame(
        {
            "year": years,
            "trainees": by["trainees"].to_numpy(int),
            "classes": by["classes"].to_numpy(int),
            "cost_yuan": by["cost_yuan"].to_numpy(float),
            "fixed_cost_yuan": by["fixed_cost_yuan"].to_numpy(float),
            "budget_yuan": budget,
        }
    )
    if inst.spent is not None:
        # Classes held count in their year; only what is planned must fit what is left.
        out["spent_yuan"] = inst.spent[: len(out)]
        budget = np.maximum(budget, out["spent_yuan"].to_numpy())
    out["within_budget"] = True if inst.budget is None else out["cost_yuan"] <= budget + 1e-6
    return out


# --------------------------------------------------------------------------- public API


def plan_training(
    baseline: Baseline,
    scenario: Scenario,
    *,
    diagnose: bool = True,
    lp_bound: bool = False,
    ledger: LedgerState | None = None,
) -> TrainingPlan:
    """Plan out-of-town training classes that get every village secretary trained in time.

    Parameters
    ----------
    baseline : Baseline
        Secretaries (who is already trained, key secretaries, tenure), training bases and the
        farm calendar.
    scenario : Scenario
        The ``training`` section (deadline, window for new secretaries, turnover, elections,
        absence cap, blackout threshold, class multiplier, extra classes, yearly budget,
        roster order) and ``run`` (start year, horizon).
    diagnose : bool, default True
        When the deadlines cannot all be met, compute the least change per limit that fixes
        it (a few more solves).
    lp_bound : bool, default False
        Also solve the linear relaxation of the cost stage and report it in
        ``summary["lp_cost_bound_yuan"]`` (for the optimality gap in benchmarks).
    ledger : LedgerState, optional
        The reported state (:meth:`planning.ledger.Ledger.as_of`). The plan then restarts
        after the latest month any county has reported (``summary["restart_month"]``): the
        secretaries the returns name as trained in the special course keep their class as
        history (roster column ``reported`` true, status ``on_time`` or ``late`` against
        their due month; classes with ``held`` true), those who left office drop out, the new secretaries who took office join by name, and the classes
        of the months left are re-solved under every limit, each year's budget less what
        the classes held that year cost. Without it the plan is made from plan start.

    Returns
    -------
    TrainingPlan
        Classes, seats per county, the named roster, coverage, absence against the cap,
        cost by year, ``feasible`` and ``diagnosis`` (None when feasible).

    Examples
    --------
    >>> from planning import load_baseline, load_scenario
    >>> plan = plan_training(load_baseline(), load_scenario("baseline"))  # doctest: +SKIP
    >>> plan.feasible, int(plan.coverage.loc[35, "current_share"] * 100)  # doctest: +SKIP
    (True, 100)
    """
    act = None if ledger is None else _actual(baseline, scenario, ledger)
    inst = _instance(baseline, scenario, act)
    solved, info = _optimise(inst, lp_bound=lp_bound)
    classes, seat = _class_table(inst, solved.model, solved.x)
    trained, how = _trained_by_cohort(inst, solved.model, solved.x, seat)
    roster = _roster(inst, _people(baseline, scenario, inst, act), trained, classes, seat)
    new = _new_cohorts(inst.secretaries, scenario)
    if act is not None:
        new[:, : act.restart] = act.appointed[:, : act.restart]
        roster, classes, seat = _with_history(act, roster, classes, seat)
    away = _away(inst, seat)
    coverage = _coverage(inst, roster, away, new, scenario.training.deadline_month)
    cost = _cost(inst, classes)
    mine = ~roster["reported"] if act is not None else np.ones(len(roster), bool)
    short = roster["status"].isin(["late", "not_scheduled"]) & mine
    reserve = roster["status"] == "reserve"
    ahead = away["month"] > inst.restart
    feasible = bool(
        not short.any() and away.loc[ahead, "within_cap"].all() and cost["within_budget"].all()
    )
    diagnosis = None
    if not feasible and diagnose:
        diagnosis = _diagnose(baseline, scenario, inst, roster[mine], act)
    summary = {
        "deadline_month": scenario.training.deadline_month,
        "window_months": scenario.training.new_secretary_window_months,
        "start_year": scenario.run.start_year,
        "secretaries": int(inst.secretaries.sum()),
        "already_trained": int(inst.already_trained.sum()),
        "reading": inst.reading,
        "current_untrained": int(inst.untrained.sum()),
        "current_leaving": int(inst.leaving.sum()),
        "current_to_train": int(((roster["cohort"] == "current") & ~reserve).sum()),
        "new_to_train": int((roster["cohort"] == "new").sum()),
        "new_due_after_horizon": int(new.sum() - (roster["cohort"] == "new").sum()),
        "in_scope": int(coverage["current_total"].iat[0]) if len(coverage) else 0,
        "trained": int(roster["month"].notna().sum()),
        "shortfall": int(short.sum()),
        "classes": len(classes),
        "smallest_class": int(classes["seats_used"].min()) if len(classes) else 0,
        "seats_used": int(classes["seats_used"].sum()),
        "seat_capacity": int(classes["capacity"].sum()),
        "cost_yuan": float(cost["cost_yuan"].sum()),
        "bases": list(inst.base_ids),
        "variables": int(len(solved.model.lb)),
        "constraints": int(solved.model.constraints.A.shape[0]),
        "solver_status": solved.status,
        "solver_calls": solved.calls,
        "solve_s": solved.solve_s,
        "stages": solved.stages,
        "assignment": how,
        **info,
    }
    if act is not None:
        summary.update(_reported_summary(act, inst, cost, roster))
    return TrainingPlan(
        classes,
        seat,
        roster,
        coverage,
        away,
        cost,
        feasible,
        diagnosis,
        summary,
        county_names=baseline.county_names,
        paid_by=scenario.training.paid_by,
    )


def _with_history(act: _Actual, roster: pd.DataFrame, classes: pd.DataFrame, seat: pd.DataFrame):
    """The roster, classes and seats with the reported ones first (``reported`` marks the
    secretaries trained in the returns, ``held`` their classes)."""
    hist = act.history.astype({"month": "Int64"})
    roster = pd.concat(
        [hist[roster.columns].assign(reported=True), roster.assign(reported=False)],
        ignore_index=True,
    )
    roster = roster.sort_values(["county_id", "cohort", "month", "secretary_id"], kind="mergesort")
    classes = pd.concat(
        [act.held.assign(held=True), classes.assign(held=False)], ignore_index=True
    ).astype(classes.dtypes.to_dict() | {"held": bool})
    seat = pd.concat([act.held_seats, seat], ignore_index=True).astype(seat.dtypes.to_dict())
    return roster.reset_index(drop=True), classes, seat


def _reported_summary(
    act: _Actual, inst: _Instance, cost: pd.DataFrame, roster: pd.DataFrame
) -> dict[str, Any]:
    """Figures of the reported state: restart month, who was trained, left or took office,
    money spent on classes held and what is left of the budget (yuan)."""
    first_year = inst.restart // 12  # plan-year index of the first month re-planned
    ahead = cost.iloc[first_year:]
    spent_ahead = act.spent[first_year : len(cost)]
    planned = ahead["cost_yuan"].to_numpy() - spent_ahead
    out = {
        "restart_month": inst.restart,
        "trained_in_ledger": len(act.history),
        "trained_in_ledger_current": int((act.history["cohort"] == "current").sum()),
        "left_in_ledger": len(act.gone),
        "took_office_in_ledger": len(act.names),
        "held_classes": len(act.held),
        "spent_yuan": float(act.spent.sum()),
        "planned_cost_yuan": float(planned.sum()),
        "remaining_budget_yuan": None,
        "budget_left_after_plan_yuan": None,
    }
    if inst.budget is not None:
        left = np.maximum(inst.budget - spent_ahead, 0.0)
        out["remaining_budget_yuan"] = float(left.sum())
        out["budget_left_after_plan_yuan"] = float((left - planned).sum())
    return out


# --------------------------------------------------------------------------- diagnosis


def _diagnose(
    baseline: Baseline,
    scenario: Scenario,
    inst: _Instance,
    roster: pd.DataFrame,
    act: _Actual | None = None,
) -> Diagnosis:
    """Least change per limit that makes every deadline reachable, each found by re-solving."""
    solver = _Solver()
    tr = scenario.training

    seen: dict[str, bool] = {}

    def feasible(overrides: dict[str, Any]) -> bool:
        # The same change is asked about more than once (a fix found by a search is
        # checked again below): solve each only once.
        key = json.dumps(overrides, sort_keys=True, default=str)
        if key not in seen:
            sc = scenario.with_overrides(overrides)
            seen[key] = _shortfall(_instance(baseline, sc, act), solver) == 0
        return seen[key]

    found = [
        _fix_seats(inst, tr, solver),
        _fix_class_size(inst, feasible),
        _fix_calendar(baseline, tr, feasible),
        _fix_cap(tr, feasible),
        _fix_budget(inst, tr, solver),
        _fix_deadline(scenario, feasible, roster),
    ]
    fixes = tuple(f for f in found if f is not None and feasible(f.overrides))
    missed = roster[roster["status"].isin(["late", "not_scheduled"])]
    return Diagnosis(
        shortfall=len(missed),
        shortfall_current=int((missed["cohort"] == "current").sum()),
        shortfall_new=int((missed["cohort"] == "new").sum()),
        binding=tuple(f.limit for f in fixes),
        fixes=fixes,
        blocked=tuple(lim for lim in LIMITS if lim not in {f.limit for f in fixes}),
    )


def _fix_seats(inst: _Instance, tr, solver: _Solver) -> Fix | None:
    """Fewest extra classes (any base, any open month) that let every deadline be met."""
    if not len(inst.open_b):
        return None
    m = _build(inst, late=False, free_extra=True)
    m.ub[m.sl("never")] = 0.0
    res = solver.run(m, m.extra)
    if not _ok(res):
        return None
    e = np.rint(res.x[m.sl("e")]).astype(int)
    added: dict[str, int] = {}
    for j, n in zip(m.e_x, e, strict=True):
        if n > 0:
            key = f"{inst.base_ids[m.x_b[j]]}:{inst.start_year + (m.x_m[j] - 1) // 12}"
            added[key] = added.get(key, 0) + int(n)
    merged = dict(tr.extra_classes)
    for key, n in added.items():
        merged[key] = max(merged.get(key, 0), n)
    added = {k: merged[k] - tr.extra_classes.get(k, 0) for k in sorted(merged)}
    added = {k: n for k, n in added.items() if n > 0}
    return Fix(
        "seats",
        {"training.extra_classes": merged},
        current=sum(tr.extra_classes.values()),
        proposed=sum(added.values()),
        detail={"added": added},
    )


def _fix_class_size(inst: _Instance, feasible) -> Fix | None:
    """Largest class minimum (whole trainees, the same at every base) below today's with
    which every deadline can be met, by bisection (feasibility only falls as it rises)."""
    now = int(inst.min_size.max(initial=1))
    if now <= 1 or not feasible({"training.min_class_size": 1}):
        return None
    lo, hi = 1, now
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if feasible({"training.min_class_size": mid}):
            lo = mid
        else:
            hi = mid
    return Fix("class_size", {"training.min_class_size": lo}, now, lo)


def _fix_calendar(baseline: Baseline, tr, feasible) -> Fix | None:
    """Highest blackout threshold below today's that opens enough months."""
    levels = sorted({a for a in _calendar(baseline) if 0 < a < tr.blackout_below}, reverse=True)
    for a in levels:
        if feasible({"training.blackout_below": float(a)}):
            return Fix(
                "calendar", {"training.blackout_below": float(a)}, tr.blackout_below, float(a)
            )
    return None


def _fix_cap(tr, feasible) -> Fix | None:
    """Least absence cap, in whole percentage points, by bisection (feasibility rises with it)."""
    lo = math.floor(tr.absence_cap_share * 100 + 1e-9)
    if lo >= 100 or not feasible({"training.absence_cap_share": 1.0}):
        return None
    hi = 100
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if feasible({"training.absence_cap_share": mid / 100}):
            hi = mid
        else:
            lo = mid
    return Fix(
        "absence_cap", {"training.absence_cap_share": hi / 100}, tr.absence_cap_share, hi / 100
    )


def _fix_budget(inst: _Instance, tr, solver: _Solver) -> Fix | None:
    """Least yearly budget (rounded up to 1,000 yuan) with which every deadline can be met."""
    if inst.budget is None:
        return None
    m = _build(inst, late=False, budget_var=True)
    m.ub[m.sl("never")] = 0.0
    c = np.zeros(len(m.lb))
    c[m.budget_var] = 1.0
    res = solver.run(m, c)
    if not _ok(res):
        return None
    need = math.ceil(res.fun / 1000 - 1e-9) * 1000
    return Fix("budget", {"training.yearly_budget_yuan": float(need)}, inst.budget, float(need))


def _fix_deadline(scenario: Scenario, feasible, roster: pd.DataFrame) -> Fix | None:
    """Fewest months of delay, by bisection (feasibility only grows with the delay).

    The deadline of the plan-start secretaries is moved when they miss it, the window of new
    secretaries when they do, both when both miss (or when one alone cannot fix it).
    """
    tr, T = scenario.training, scenario.run.months
    d, w = tr.deadline_month, tr.new_secretary_window_months
    missed = roster.loc[roster["status"].isin(["late", "not_scheduled"]), "cohort"]
    first = {(True, False): "deadline", (False, True): "window"}.get(
        (bool((missed == "current").any()), bool((missed == "new").any())), "both"
    )

    def change(delta: int, which: str) -> dict[str, int]:
        out = {}
        if which in ("both", "deadline"):
            out["training.deadline_month"] = min(d + delta, T)
        if which in ("both", "window"):
            out["training.new_secretary_window_months"] = min(w + delta, 36)
        return out

    for which in dict.fromkeys((first, "both")):
        hi = {"deadline": T - d, "window": 36 - w, "both": max(T - d, 36 - w)}[which]
        if hi <= 0 or not feasible(change(hi, which)):
            continue
        lo = 0
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if feasible(change(mid, which)):
                hi = mid
            else:
                lo = mid
        return Fix("deadline", change(hi, which), 0, hi, {"months": hi, "which": which})
    return None


# --------------------------------------------------------------------------- export

ROSTER_EXPORT_COLUMNS = (
    "county_id", "secretary_id", "village_id", "cohort", "key_secretary", "tenure_years",
    "due_month", "class_id", "base_id", "start", "end", "status",
)  # fmt: skip
"""Columns of the exported roster, in order."""


def _export_frame(plan: TrainingPlan) -> pd.DataFrame:
    r = plan.roster.loc[:, list(ROSTER_EXPORT_COLUMNS)].copy()
    for col in ("start", "end"):
        r[col] = r[col].dt.strftime("%Y-%m-%d")
    return r.sort_values(["county_id", "start", "class_id", "secretary_id"], kind="mergesort")


def write_roster_csv(plan: TrainingPlan, path: str | os.PathLike) -> Path:
    """Write the whole roster as one CSV file (UTF-8 with BOM so Excel reads Chinese names).

    Examples
    --------
    >>> write_roster_csv(plan, "reports/roster.csv")  # doctest: +SKIP
    PosixPath('reports/roster.csv')
    """
    frame = _export_frame(plan)
    return atomic_write(path, lambda p: frame.to_csv(p, index=False, encoding="utf-8-sig"))


def write_roster_excel(plan: TrainingPlan, path: str | os.PathLike) -> Path:
    """Write the roster as an Excel workbook with one sheet per county (for county offices).

    Examples
    --------
    >>> write_roster_excel(plan, "reports/roster.xlsx")  # doctest: +SKIP
    PosixPath('reports/roster.xlsx')
    """
    frame = _export_frame(plan)

    def write(p: Path) -> None:
        with pd.ExcelWriter(p, engine="openpyxl") as xl:
            if frame.empty:
                frame.to_excel(xl, sheet_name="roster", index=False)
            for county, g in frame.groupby("county_id", sort=True):
                g.to_excel(xl, sheet_name=str(county)[:31], index=False)

    return atomic_write(path, write)
