"""The plan's target register, and its evaluation on model results.

:data:`REGISTER` lists every target of the plan as data: its id, the plan's own words
(in the message table, ``targets.<id>.words``), the measurable form, the comparator, where
its threshold and deadline come from, and which model answers it. Rows are of three kinds
(:data:`KINDS`): **plan targets** (a number or a deadline in the plan), **local standards**
the plan implies but does not quantify (the city's own working standard, with an assumed
number) and **qualitative tasks** (listed and tracked, no model).

:func:`run_all` runs every model once and evaluates the register; :func:`evaluate_targets`
turns results into one row per target: value at the deadline, status, the month first met,
the margin and, where the Monte Carlo ran, the probability of meeting the target.

Statuses (:func:`judge`):

- ``guaranteed``: the target holds by construction of the settings or the data (a basic
  subsidy set at no less than the income it is compared with, the key-secretary flag in the
  data, pools that exist before the plan starts, promotions set above zero). A commitment,
  not a model result.
- ``missed``: not met by the deadline.
- ``at_risk``: met, but with a probability below ``targets.at_risk_probability``; exactly in
  the deadline month ("just in time", no month to spare); after the early bound of a "2 to
  3 years" target; with a survey interval that straddles the threshold; or by a thin margin
  (less than 2 % of a head-count threshold, or less than one share point above a share
  threshold below 100 %).
- ``met``: otherwise; ``tracked`` for qualitative tasks.

The plan's own deadlines: "within three years" (reserve talents, training) and "2 to 3
years" (venues) are read from the month the plan was issued (``run.plan_issued``; strict)
or from the first full plan year (lenient). Both are evaluated; ``run.deadline_reading``
says which decides the status.

Examples
--------
>>> from planning import load_baseline, load_scenario
>>> results = run_all(load_baseline(), load_scenario("baseline"))
>>> results.register.set_index("id").loc["T-key", "status"]
'guaranteed'
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .data import Baseline
from .errors import Problem, UsageError
from .scenario import Scenario

THIN_COUNT_MARGIN = 0.02
"""A head-count target met by less than this share of its threshold is at risk."""
THIN_SHARE_MARGIN = 0.01
"""A share target (below 100 %) met by less than this many share points is at risk."""
ABOUT_TOLERANCE = 0.05
"""'About one third': within this many share points counts as met."""
EPS = 1e-9

KINDS = ("plan", "local", "qualitative")
"""Kinds of register rows, in the order the register shows them: plan targets, local
working standards (the city's own, with an assumed number), qualitative tasks."""

READINGS = ("strict", "lenient")
"""Readings of the plan's "within N years": from the month the plan was issued (strict) or
from the first full plan year (lenient)."""

STATUSES = ("met", "at_risk", "missed", "guaranteed", "tracked")
"""Every status a register row can have."""


@dataclass(frozen=True)
class TargetSpec:
    """One entry of the register.

    Attributes
    ----------
    id : str
        Stable id, e.g. ``"T-talent"``.
    metric : str
        The measurable form in words (English; labels for users come from the message
        table under ``targets.<id>.label`` and ``targets.<id>.words``).
    comparator : str
        ``">"``, ``">="``, ``"~"`` (about) or ``""`` for tracked items.
    unit : str
        ``persons``, ``share`` or ``""``.
    threshold_key : str or None
        Dotted scenario key holding the threshold; ``threshold`` is used when None.
    deadline_key : str or None
        Dotted scenario key holding the deadline (plan month); ``deadline_month`` when None,
        and the horizon's last month when both are None (rolling or yearly targets).
    model : str or None
        ``talent``, ``training``, ``venues``, ``subsidies``, ``surveys``, ``pairing``; None
        for tracked items.
    kind : str
        ``plan``, ``local`` or ``qualitative`` (:data:`KINDS`).
    within_months : tuple of int
        The plan's own span: ``(36,)`` for "within three years", ``(24, 36)`` for "2 to 3
        years". When set, the deadline is the plan's (from ``run.plan_issued`` or the first
        full plan year, see :func:`plan_deadline`), not a parameter.
    aim_key : str or None
        For a target with the plan's own span: the parameter holding the month its model
        plans to (the city's working deadline), mentioned when it is later than the plan's.
    """

    id: str
    metric: str
    comparator: str = ""
    unit: str = ""
    threshold_key: str | None = None
    threshold: float | None = None
    deadline_key: str | None = None
    deadline_month: int | None = None
    model: str | None = None
    kind: str = "plan"
    rolling: bool = False
    within_months: tuple[int, ...] = ()
    aim_key: str | None = None
    count_keys: tuple[str, ...] = ()
    """For a tracked count: the scenario keys of the counts planned per year; the row's
    value is their sum per year, a planned number (an assumption; no model)."""

    def resolve_threshold(self, scenario: Scenario) -> float | None:
        """The threshold under a scenario."""
        if self.threshold_key:
            return float(_get(scenario, self.threshold_key))
        return self.threshold

    def resolve_deadline(self, scenario: Scenario, reading: str | None = None) -> int:
        """The deadline as a plan month under a scenario (the late bound of a span);
        ``reading`` defaults to ``run.deadline_reading``."""
        if self.within_months:
            return plan_deadline(scenario, self.within_months[-1], reading)
        if self.deadline_key:
            return int(_get(scenario, self.deadline_key))
        return self.deadline_month or scenario.run.months

    def resolve_early(self, scenario: Scenario, reading: str | None = None) -> int | None:
        """The early bound of a "2 to 3 years" span as a plan month; None for others."""
        if len(self.within_months) < 2:
            return None
        return plan_deadline(scenario, self.within_months[0], reading)


def plan_deadline(scenario: Scenario, months: int, reading: str | None = None) -> int:
    """Plan month at which the plan's "within ``months`` months" ends under a reading.

    Strict: counted from the month the plan was issued (``run.plan_issued``), so "within
    three years" of September 2013 ends in September 2016. Lenient: counted from the first
    full plan year, so it ends in December 2016 (plan month 36).

    >>> from planning.scenario import load_scenario
    >>> s = load_scenario()
    >>> plan_deadline(s, 36, "strict"), plan_deadline(s, 36, "lenient")
    (33, 36)
    """
    from .present import plan_month

    reading = reading or scenario.run.deadline_reading
    if reading == "lenient":
        return int(months)
    return plan_month(scenario.run.issued + int(months), scenario.run.start_year)


def _get(scenario: Scenario, dotted: str) -> Any:
    obj: Any = scenario
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


REGISTER: tuple[TargetSpec, ...] = (
    TargetSpec(
        "T-talent",
        "sum of the three reserve-talent pools, city total",
        ">",
        "persons",
        threshold_key="targets.talent_total_min",
        model="talent",
        within_months=(36,),
        aim_key="targets.talent_deadline_month",
    ),
    TargetSpec(
        "T-train",
        "share of secretaries in post at plan start trained out of town",
        ">=",
        "share",
        threshold=1.0,
        model="training",
        within_months=(36,),
        aim_key="training.deadline_month",
    ),
    TargetSpec(
        "T-degree",
        "share of young village cadres with a junior-college degree or above",
        ">=",
        "share",
        threshold_key="targets.degree_share_min",
        deadline_key="targets.degree_deadline_month",
        model="talent",
    ),
    TargetSpec(
        "T-socwork",
        "share of communities with at least one certified social worker (expected)",
        ">=",
        "share",
        threshold_key="targets.socwork_share_min",
        deadline_key="targets.socwork_deadline_month",
        model="talent",
    ),
    TargetSpec(
        "T-key",
        "share of village secretaries (selected by the counties) and of township secretaries "
        "(selected by the city) under target responsibility management",
        "~",
        "share",
        threshold_key="targets.key_share",
        deadline_month=12,
        model="talent",
    ),
    TargetSpec(
        "T-promote",
        "officials promoted from the college-graduate pool in each plan year",
        ">",
        "persons",
        threshold=0.0,
        model="talent",
        rolling=True,
    ),
    TargetSpec(
        "T-venue",
        "community venues: demonstration share, quality-or-better share, none below "
        "standard, all owned",
        ">=",
        "share",
        threshold_key="venues.demonstration_share_min",
        model="venues",
        within_months=(24, 36),
        aim_key="venues.deadline_month",
    ),
    TargetSpec(
        "T-subsidy",
        "share of county-years whose basic subsidy is at least prior-year rural income per capita",
        ">=",
        "share",
        threshold=1.0,
        model="subsidies",
        rolling=True,
    ),
    TargetSpec(
        "T-reserve-pools",
        "share of counties with all three reserve-talent pools",
        ">=",
        "share",
        threshold=1.0,
        deadline_month=12,
        model="talent",
    ),
    TargetSpec(
        "T-satisf",
        "satisfaction of the masses and of Party members with grassroots Party "
        "organisations (surveys, population-weighted, 95 % interval)",
        ">",
        "share",
        threshold_key="targets.satisfaction_min",
        model="surveys",
    ),
    TargetSpec(
        "T-poor",
        "share of agency cadres paired with at least one poor household",
        ">=",
        "share",
        threshold=1.0,
        deadline_month=12,
        model="pairing",
    ),
    TargetSpec(
        "T-newsec",
        "share of new secretaries trained within the window after appointment",
        ">=",
        "share",
        threshold=1.0,
        model="training",
        kind="local",
        rolling=True,
    ),
    TargetSpec(
        "T-village-room",
        "share of village activity rooms at the village standard",
        ">=",
        "share",
        threshold=1.0,
        deadline_key="venues.village_deadline_month",
        model="venues",
        kind="local",
    ),
    TargetSpec(
        "Q-promote-township",
        "township secretaries promoted to deputy county posts (or deputy-county treatment), "
        "planned per year",
        unit="persons per year",
        kind="qualitative",
        count_keys=("targets.promotions_per_year.township_to_county",),
    ),
    TargetSpec(
        "Q-promote-village",
        "village secretaries selected into township teams or public posts, and the "
        "particularly outstanding promoted to deputy township posts, planned per year",
        unit="persons per year",
        kind="qualitative",
        count_keys=(
            "targets.promotions_per_year.village_to_township",
            "targets.promotions_per_year.village_to_deputy_township",
        ),
    ),
    TargetSpec("Q-star", "star rating of Party organisations every year", kind="qualitative"),
    TargetSpec(
        "Q-demo", "demonstration sites of service-oriented organisations", kind="qualitative"
    ),
    TargetSpec("Q-weak", "rectifying weak and lax organisations", kind="qualitative"),
    TargetSpec(
        "Q-visits",
        "visits at New Year, Spring Festival, 1 July and National Day",
        kind="qualitative",
    ),
    TargetSpec("Q-meetings", '"three meetings and one lesson" held regularly', kind="qualitative"),
)
"""Every target of the plan, grouped by kind (plan targets, local standards, qualitative
tasks), in the order the register lists them."""

SPECS = {s.id: s for s in REGISTER}


def register_frame(scenario: Scenario, lang: str = "en") -> pd.DataFrame:
    """The register resolved under a scenario: thresholds and deadlines as numbers.

    ``deadline_month`` is the deadline under ``run.deadline_reading``; a target with the
    plan's own span also has ``deadline_strict_month`` and ``deadline_lenient_month`` (and
    ``early_*`` bounds for "2 to 3 years").

    Examples
    --------
    >>> from planning.scenario import load_scenario
    >>> register_frame(load_scenario()).set_index("id").loc["T-talent", "threshold"]
    10000.0
    """
    from .i18n import t

    rows = []
    for s in REGISTER:
        qualitative = s.kind == "qualitative"
        row = {
            "id": s.id,
            "label": t(f"targets.{s.id}.label", lang),
            "words": t(f"targets.{s.id}.words", lang),
            "metric": s.metric,
            "comparator": s.comparator,
            "threshold": s.resolve_threshold(scenario),
            "unit": s.unit,
            "deadline_month": None if qualitative else s.resolve_deadline(scenario),
            "early_month": s.resolve_early(scenario),
            "rolling": s.rolling,
            "model": s.model,
            "kind": s.kind,
            "reading": scenario.run.deadline_reading if s.within_months else None,
            "aim_month": int(_get(scenario, s.aim_key)) if s.aim_key else None,
        }
        for reading in READINGS:
            own = bool(s.within_months)
            row[f"deadline_{reading}_month"] = (
                s.resolve_deadline(scenario, reading) if own else None
            )
            row[f"early_{reading}_month"] = s.resolve_early(scenario, reading) if own else None
        rows.append(row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, eq=False)
class Results:
    """Every model's result for one scenario, and the evaluated register.

    Attributes
    ----------
    scenario : Scenario
    talent, training, venues, subsidies
        ``TalentResult``, ``TrainingPlan``, ``VenuePlan``, ``SubsidyBudget``.
    register : DataFrame
        :func:`evaluate_targets` of these results.
    seconds : dict
        Wall time of each model, for the provenance.
    surveys, pairing
        ``SatisfactionResult`` and ``PairingResult`` (read from the data); None leaves
        their targets untracked.
    ledger : LedgerState or None
        The actual state the models started from (a mid-plan review), else None.
    """

    scenario: Scenario
    talent: Any
    training: Any
    venues: Any
    subsidies: Any
    register: pd.DataFrame = field(default_factory=pd.DataFrame)
    seconds: dict[str, float] = field(default_factory=dict)
    surveys: Any = None
    pairing: Any = None
    ledger: Any = None
    """The ledger's :class:`~planning.ledger.LedgerState` a mid-plan review started from."""

    def target(self, target_id: str) -> pd.Series:
        """One evaluated row of the register."""
        return self.register.set_index("id").loc[target_id]


def run_all(
    baseline: Baseline,
    scenario: Scenario,
    lang: str | None = None,
    *,
    ledger: Any = None,
    as_of: Any = None,
) -> Results:
    """Run every model once and evaluate the target register.

    Parameters
    ----------
    baseline : Baseline
    scenario : Scenario
    lang : str, optional
        Language of the register's labels; default ``scenario.run.language``.
    ledger : Ledger, LedgerState, str or path, optional
        A mid-plan review: the models start from the counties' returns (talent stocks as
        reported, trained secretaries out of the training plan, venues done or under way
        fixed, money spent deducted). A :class:`~planning.ledger.Ledger` or a URL is read
        as known at ``as_of``; a ``LedgerState`` is used as it is.
    as_of : date or str, optional
        The review's date (``"2015-06"``); default now.

    Returns
    -------
    Results

    Examples
    --------
    >>> from planning import load_baseline, load_scenario
    >>> r = run_all(load_baseline(), load_scenario("baseline"))
    >>> sorted(r.seconds)
    ['pairing', 'subsidies', 'surveys', 'talent', 'training', 'venues']
    """
    from .models.pairing import pairing_coverage
    from .models.subsidies import plan_subsidies
    from .models.surveys import survey_satisfaction
    from .models.talent import run_talent
    from .models.training import plan_training
    from .models.venues import plan_venues

    state = ledger_state(ledger, as_of)
    actual = {} if state is None else {"ledger": state}
    out: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    for name, func, kw in (
        ("talent", run_talent, actual),
        ("training", plan_training, actual),
        ("venues", plan_venues, actual),
        ("subsidies", plan_subsidies, {}),
        ("surveys", survey_satisfaction, {}),
        ("pairing", pairing_coverage, {}),
    ):
        t0 = time.perf_counter()
        out[name] = func(baseline, scenario, **kw)
        seconds[name] = time.perf_counter() - t0
    partial = Results(scenario=scenario, seconds=seconds, ledger=state, **out)
    register = evaluate_targets(partial, lang or scenario.run.language)
    return Results(scenario=scenario, register=register, seconds=seconds, ledger=state, **out)


def ledger_state(ledger: Any, as_of: Any = None) -> Any:
    """The :class:`~planning.ledger.LedgerState` a run starts from (None without a ledger).

    ``ledger`` is a ``LedgerState`` (used as it is; ``as_of`` must then be None), a
    ``Ledger`` (read as known at ``as_of``) or a URL or path (opened, read, closed).
    """
    from .ledger import Ledger, LedgerState, load_ledger

    if ledger is None:
        if as_of is not None:
            raise UsageError(
                "as_of without a ledger",
                [Problem("as_of", f"found {as_of!s}; give the ledger it reads as well")],
            )
        return None
    if isinstance(ledger, LedgerState):
        if as_of is not None:
            raise UsageError(
                "as_of with a ledger state",
                [Problem("as_of", "a LedgerState is already read at a date; pass the Ledger")],
            )
        return ledger
    if isinstance(ledger, Ledger):
        return ledger.as_of(as_of)
    with load_ledger(ledger, create=False) as opened:
        return opened.as_of(as_of)


# --------------------------------------------------------------------------- evaluation


@dataclass
class Evaluation:
    """Raw facts of one target at one deadline, before the status rule is applied.

    ``guaranteed`` marks a target that holds by construction of the settings or the data
    (``why`` says which); ``risk`` carries a reason for "at risk" found by the evaluation
    itself (a survey interval straddling the threshold).
    """

    value: float | None = None
    met: bool | None = None
    first_met_month: int | None = None
    margin: float | None = None
    probability: float | None = None
    note: str = ""
    guaranteed: bool = False
    why: str = ""
    risk: str = ""


def _first_month(months: pd.Series, ok: pd.Series) -> int | None:
    hit = months[ok.to_numpy()]
    return int(hit.iloc[0]) if len(hit) else None


def _month_number(values: pd.Series, start_year: int) -> pd.Series:
    """Plan month (1 = January of the start year) of Period, Timestamp or int values."""
    if isinstance(values.dtype, pd.PeriodDtype):
        p = values
    elif pd.api.types.is_datetime64_any_dtype(values):
        p = values.dt.to_period("M")
    else:
        return values.astype("int64")
    return (p.dt.year - start_year) * 12 + p.dt.month


def _eval_talent(r: Results, deadline: int) -> Evaluation:
    tg = r.talent.target
    first = tg.first_met_month
    if deadline == tg.deadline_month:
        value, prob = float(tg.value_at_deadline), tg.probability
    else:
        # The plan's own deadline differs from the month the model aims at: read the
        # central path and the Monte Carlo at the plan's deadline.
        city = r.talent.city_total
        value = float(city.iloc[deadline - 1])
        by_month = getattr(r.talent, "met_probability", None)
        prob = None if by_month is None else float(by_month[deadline - 1])
    return Evaluation(
        value=value,
        # "Within three years": met once the pools pass the target by the deadline, the
        # same reading as the model's goal seek and Monte Carlo probability.
        met=bool(first is not None and first <= deadline),
        first_met_month=first,
        margin=float(value - tg.threshold),
        probability=None if prob is None else float(prob),
    )


def _share_series(frame: pd.DataFrame, num: str, den: str, start_year: int) -> pd.DataFrame:
    g = frame.groupby("month", sort=True)[[num, den]].sum()
    months = _month_number(pd.Series(g.index, index=g.index), start_year)
    return pd.DataFrame({"month": months.to_numpy(), "share": (g[num] / g[den]).to_numpy()})


def _eval_series(series: pd.DataFrame, threshold: float, deadline: int) -> Evaluation:
    """A share path by plan month, compared ``>= threshold`` at the deadline."""
    ok = series["share"] >= threshold - EPS
    at = series.loc[series["month"] == deadline, "share"]
    value = float(at.iloc[0]) if len(at) else float("nan")
    return Evaluation(
        value=value,
        met=bool(value >= threshold - EPS),
        first_met_month=_first_month(series["month"], ok),
        margin=value - threshold,
    )


def _eval_train(r: Results, threshold: float, deadline: int) -> Evaluation:
    cov = r.training.coverage.rename(columns={"current_share": "share"})
    ev = _eval_series(cov[["month", "share"]], threshold, deadline)
    if r.training.diagnosis is not None:
        ev.note = r.training.diagnosis.describe(r.scenario.run.language)
    return ev


def _eval_newsec(r: Results, threshold: float, horizon: int) -> Evaluation:
    roster = r.training.roster
    new = roster[(roster["cohort"] == "new") & (roster["due_month"] <= horizon)]
    if new.empty:
        return Evaluation(value=None, met=True, margin=None)
    on_time = float((new["status"] == "on_time").mean())
    return Evaluation(value=on_time, met=on_time >= threshold - EPS, margin=on_time - threshold)


def _eval_degree(r: Results, threshold: float, deadline: int, start_year: int) -> Evaluation:
    series = _share_series(r.talent.degree, "with_degree", "young_cadres", start_year)
    return _eval_series(series, threshold, deadline)


def _eval_socwork(r: Results, threshold: float, deadline: int, start_year: int) -> Evaluation:
    cov = r.talent.socwork_coverage
    series = pd.DataFrame(
        {
            "month": _month_number(cov["month"], start_year).to_numpy(),
            "share": cov["coverage"].to_numpy(),
        }
    )
    return _eval_series(series, threshold, deadline)


def key_shares(k: pd.DataFrame) -> dict[str, float | None]:
    """City-wide shares of key secretaries at both levels (None where there are none)."""
    out: dict[str, float | None] = {}
    for level, key, total in (
        ("village", "key_secretaries", "secretaries"),
        ("township", "township_key", "township_secretaries"),
    ):
        n = float(k[total].sum()) if total in k else 0.0
        out[level] = float(k[key].sum()) / n if n > 0 else None
    return out


def _eval_key(r: Results, threshold: float) -> Evaluation:
    # The key secretaries are a selection the organisation department records in the
    # data, not a projection: when about one third are flagged at both levels the target
    # holds by the data; when not, the recorded selection misses it. "City and county party
    # committees respectively": the counties select village secretaries, the city township
    # secretaries; both must be about one third. The value is the village secretaries'.
    shares = key_shares(r.talent.key_secretaries)
    margins = [ABOUT_TOLERANCE - abs(x - threshold) for x in shares.values() if x is not None]
    margin = min(margins)
    return Evaluation(
        value=shares["village"],
        met=margin >= 0,
        first_met_month=1 if margin >= 0 else None,
        margin=margin,
        guaranteed=True,
        why="data_flag",
    )


def _promotion_setting(r: Results) -> bool:
    """The scenario promotes a positive number (or share) of officials every year."""
    t = r.scenario.talent
    return (t.promotion_count if t.promotion_mode == "count" else t.promotion_share) > 0


def _eval_promote(r: Results, start_year: int) -> Evaluation:
    f = r.talent.flows
    cg = f[f["pool"].astype(str) == "cgvo"]
    months = _month_number(cg["month"], start_year)
    years = (months - 1) // 12
    per_year = cg["out_promoted"].groupby(years.to_numpy()).sum()
    least = float(per_year.min())
    monthly = cg["out_promoted"].groupby(months.to_numpy()).sum()
    first = monthly.index[monthly.to_numpy() > EPS]
    return Evaluation(
        value=least,
        met=bool(least > EPS),
        first_met_month=int(first[0]) if len(first) else None,
        margin=least,
        # Promotions are a decision the scenario sets, not something the model finds.
        guaranteed=_promotion_setting(r),
        why="promotion_setting",
    )


def _eval_reserve_pools(r: Results, deadline: int, start_year: int) -> Evaluation:
    f = r.talent.flows
    months = _month_number(f["month"], start_year).to_numpy()
    has = (f["stock"].to_numpy() > EPS).astype(int)
    frame = pd.DataFrame({"month": months, "county": f["county_id"].astype(str), "has": has})
    pools = frame.groupby(["month", "county"])["has"].sum()
    complete = (pools >= 3).groupby(level="month").mean()
    series = pd.DataFrame({"month": complete.index.to_numpy(), "share": complete.to_numpy()})
    ev = _eval_series(series, 1.0, deadline)
    # Pools the data already hold before the plan starts exist by construction.
    if "stock_start" in f.columns:
        first = f[months == months.min()]
        start = (first["stock_start"].to_numpy() > EPS).astype(int)
        by_county = pd.Series(start).groupby(first["county_id"].astype(str).to_numpy()).sum()
        ev.guaranteed = bool(len(by_county) and (by_county >= 3).all())
        ev.why = "pools_at_start"
    return ev


def _eval_venue(r: Results, deadline: int) -> Evaluation:
    v, ven = r.venues, r.scenario.venues
    check = v.target_check.set_index("month")
    row = check.loc[min(deadline, int(check.index.max()))]
    margins = [
        float(row["demonstration_share"] - ven.demonstration_share_min),
        float(row["quality_or_better_share"] - ven.quality_or_better_share_min),
    ]
    met = bool(row["met"])
    note = ""
    if not met:
        note = f"below standard: {int(row['below_standard'])}; rented: {int(row['rented'])}"
    return Evaluation(
        value=float(row["demonstration_share"]),
        met=met,
        first_met_month=v.met_month,
        margin=min(margins),
        note=note,
    )


def _eval_village_room(r: Results, deadline: int) -> Evaluation:
    vil = r.venues.villages
    finish = pd.to_numeric(vil["finish_month"], errors="coerce")
    done_by = ~vil["project"].astype(bool) | (finish <= deadline).fillna(False).astype(bool)
    share = float(done_by.mean()) if len(vil) else 1.0
    return Evaluation(
        value=share,
        met=bool(share >= 1 - EPS),
        first_met_month=r.venues.village_met_month,
        margin=share - 1.0,
    )


def _eval_subsidy(r: Results) -> Evaluation:
    c = r.subsidies.compliance
    share = float(c["compliant"].mean())
    return Evaluation(
        value=share,
        met=bool(c["compliant"].all()),
        margin=float(c["margin_share"].min()),
        # A basic subsidy set at no less than the prior-year income is never below it: the
        # rule holds by the setting. Below 1 the comparison is a real one.
        guaranteed=r.scenario.subsidies.income_multiplier >= 1,
        why="multiplier",
    )


def _eval_satisf(r: Results, threshold: float) -> Evaluation:
    """Both rates the plan names must be over the threshold: met when the survey interval
    of each lies above it, missed when that of either lies at or below it, at risk when an
    interval straddles it. The value is the masses' rate."""
    sv = r.surveys
    if sv is None:
        return Evaluation()
    rates = {s: sv.rate(s) for s in ("masses", "members")}
    missed = any(high <= threshold for _, _, high in rates.values())
    straddles = any(low <= threshold < high for _, low, high in rates.values())
    value = rates["masses"][0]
    return Evaluation(
        value=value,
        met=not missed,
        margin=value - threshold,
        risk="interval" if straddles else "",
    )


def _eval_poor(r: Results, threshold: float, deadline: int) -> Evaluation:
    pr = r.pairing
    if pr is None or pr.cadres == 0:
        return Evaluation(note="no_data")
    cov = pr.coverage
    series = cov.loc[cov["month"] >= 1, ["month", "share"]]
    return _eval_series(series, threshold, deadline)


def _evaluate_one(
    spec: TargetSpec, r: Results, threshold: float | None, deadline: int
) -> Evaluation:
    start = r.scenario.run.start_year
    horizon = r.scenario.run.months
    if deadline < 1 or deadline > horizon:
        # The deadline falls outside the simulated months: nothing to judge.
        return Evaluation(note="outside_horizon")
    match spec.id:
        case "T-talent":
            return _eval_talent(r, deadline)
        case "T-train":
            return _eval_train(r, float(threshold or 1.0), deadline)
        case "T-newsec":
            return _eval_newsec(r, float(threshold or 1.0), horizon)
        case "T-degree":
            return _eval_degree(r, float(threshold or 1.0), deadline, start)
        case "T-socwork":
            return _eval_socwork(r, float(threshold or 1.0), deadline, start)
        case "T-key":
            return _eval_key(r, float(threshold or 0.0))
        case "T-promote":
            return _eval_promote(r, start)
        case "T-venue":
            return _eval_venue(r, deadline)
        case "T-village-room":
            return _eval_village_room(r, deadline)
        case "T-subsidy":
            return _eval_subsidy(r)
        case "T-reserve-pools":
            return _eval_reserve_pools(r, deadline, start)
        case "T-satisf":
            return _eval_satisf(r, float(threshold or 0.0))
        case "T-poor":
            return _eval_poor(r, float(threshold or 1.0), deadline)
    return Evaluation()


def judge(
    spec: TargetSpec,
    ev: Evaluation,
    threshold: float | None,
    p_at_risk: float,
    deadline: int | None = None,
    early: int | None = None,
) -> tuple[str, str]:
    """The status of one evaluated target and the reason behind it.

    Returns
    -------
    (status, reason)
        ``status`` is one of :data:`STATUSES`. ``reason`` says why a target is at risk
        (``probability``, ``just_in_time``, ``between_bounds``, ``interval``,
        ``thin_margin``) or guaranteed (the evaluation's ``why``); empty otherwise.

    Examples
    --------
    >>> spec = TargetSpec("x", "", ">=", "share", threshold=1.0, model="m")
    >>> judge(spec, Evaluation(1.0, True, first_met_month=36), 1.0, 0.8, deadline=36)
    ('at_risk', 'just_in_time')
    """
    if spec.model is None or ev.met is None:
        return "tracked", ev.note if ev.note in ("outside_horizon", "no_data") else ""
    if not ev.met:
        return "missed", ""
    if ev.guaranteed:
        return "guaranteed", ev.why
    if ev.probability is not None and ev.probability < p_at_risk:
        return "at_risk", "probability"
    if ev.risk:
        return "at_risk", ev.risk
    first = ev.first_met_month
    if not spec.rolling and first is not None and deadline is not None and first >= deadline:
        return "at_risk", "just_in_time"
    if early is not None and (first is None or first > early):
        return "at_risk", "between_bounds"
    if ev.margin is not None and threshold is not None and spec.comparator in (">", ">="):
        if spec.unit == "persons" and threshold > 0:
            if ev.margin < THIN_COUNT_MARGIN * threshold:
                return "at_risk", "thin_margin"
        elif spec.unit == "share" and threshold < 1 - EPS and ev.margin < THIN_SHARE_MARGIN:
            return "at_risk", "thin_margin"
    return "met", ""


def status_of(
    spec: TargetSpec,
    ev: Evaluation,
    threshold: float | None,
    p_at_risk: float,
    deadline: int | None = None,
    early: int | None = None,
) -> str:
    """The status alone (see :func:`judge`)."""
    return judge(spec, ev, threshold, p_at_risk, deadline, early)[0]


def _judged(
    spec: TargetSpec,
    results: Results,
    threshold: float | None,
    deadline: int | None,
    early: int | None,
) -> tuple[Evaluation, str, str, int | None]:
    """Evaluate and judge one target at one deadline: (evaluation, status, reason, spare)."""
    p_risk = results.scenario.targets.at_risk_probability
    if spec.model is None or deadline is None or getattr(results, spec.model, None) is None:
        # Qualitative, or its model's result is not at hand (yet): nothing to judge.
        ev = Evaluation()
    else:
        ev = _evaluate_one(spec, results, threshold, deadline)
    status, reason = judge(spec, ev, threshold, p_risk, deadline, early)
    spare = None
    first = ev.first_met_month
    if status in ("met", "at_risk", "guaranteed") and first is not None and not spec.rolling:
        spare = int(deadline - first) if deadline is not None else None
    return ev, status, reason, spare


def evaluate_targets(results: Results, lang: str | None = None) -> pd.DataFrame:
    """Evaluate every target of the register on one scenario's results.

    Parameters
    ----------
    results : Results
        From :func:`run_all` (the models' results; its ``register`` is ignored).
    lang : str, optional
        Language of ``label``, ``words`` and ``status_label``; default the scenario's.

    Returns
    -------
    DataFrame
        One row per target: ``id``, ``kind``, ``label``, ``words``, ``metric``,
        ``comparator``, ``threshold``, ``unit``, ``deadline_month``, ``deadline`` (Period),
        ``value`` (at the deadline), ``first_met_month``, ``first_met``,
        ``months_to_spare``, ``margin``, ``probability``, ``status``, ``reason``,
        ``status_label``, ``model``, ``note``; for a target with the plan's own span also
        ``reading`` (the one deciding) and, for each reading, ``deadline_<r>``,
        ``early_<r>`` and ``status_<r>``.

    Examples
    --------
    >>> reg = evaluate_targets(results)
    >>> reg.set_index("id").loc["T-talent", ["value", "status"]].tolist()  # doctest: +SKIP
    [9450.3, 'missed']
    """
    from .i18n import t

    scenario = results.scenario
    lang = lang or scenario.run.language
    frame = register_frame(scenario, lang)
    start = pd.Period(f"{scenario.run.start_year}-01", "M")

    def when(month: Any) -> pd.Period | None:
        return None if month is None or pd.isna(month) else start + (int(month) - 1)

    rows = []
    for spec, base in zip(REGISTER, frame.to_dict("records"), strict=True):
        threshold = None if pd.isna(base["threshold"]) else float(base["threshold"])
        deadline = _month_or_none(base["deadline_month"])
        early = _month_or_none(base["early_month"])
        base.update(threshold=threshold, deadline_month=deadline, early_month=early)
        ev, status, reason, spare = _judged(spec, results, threshold, deadline, early)
        first = ev.first_met_month
        row = {
            **base,
            "deadline": when(deadline),
            "early": when(early),
            "value": _clean(ev.value),
            "first_met_month": first,
            "first_met": when(first),
            "months_to_spare": spare,
            "margin": _clean(ev.margin),
            "probability": _clean(ev.probability),
            "status": status,
            "reason": reason,
            "status_label": t(f"targets.status.{status}", lang),
            "note": ev.note,
        }
        for reading in READINGS:
            d, e = (
                _month_or_none(base[f"deadline_{reading}_month"]),
                _month_or_none(base[f"early_{reading}_month"]),
            )
            row[f"deadline_{reading}"] = when(d)
            row[f"early_{reading}"] = when(e)
            row[f"status_{reading}"] = (
                _judged(spec, results, threshold, d, e)[1] if spec.within_months else None
            )
        row["aim"] = when(_month_or_none(base["aim_month"]))
        row.update(_local_standard(spec, results, lang))
        row.update(_survey_columns(spec, results))
        row.update(_key_columns(spec, results))
        row.update(_tracked_counts(spec, scenario))
        rows.append(row)
    out = pd.DataFrame(rows)
    for col in (
        "first_met_month",
        "months_to_spare",
        "deadline_month",
        "early_month",
        "aim_month",
        *(f"{w}_{r}_month" for w in ("deadline", "early") for r in READINGS),
    ):
        out[col] = out[col].astype("Int64")
    return out


def _local_standard(spec: TargetSpec, results: Results, lang: str) -> dict[str, str]:
    """The city's own working standard in words, with its assumed number (local rows)."""
    from .i18n import t
    from .present import count, month_label, number

    if spec.kind != "local":
        return {"standard": ""}
    s = results.scenario
    if spec.id == "T-newsec":
        window = count(s.training.new_secretary_window_months, "month", lang)
        return {"standard": t("targets.T-newsec.standard", lang, window=window)}
    floor = getattr(results.venues, "village_floor_m2", None)
    deadline = month_label(s.venues.village_deadline_month, lang, s.run.start_year)
    area = number(floor, lang) if floor is not None else "—"
    return {"standard": t("targets.T-village-room.standard", lang, area=area, deadline=deadline)}


def _survey_columns(spec: TargetSpec, results: Results) -> dict[str, Any]:
    """The survey interval of the masses' rate (``low``, ``high``) and the Party members'
    rate with its interval (``members``, ``members_low``, ``members_high``), for T-satisf;
    ``assumed_change`` when an assumed yearly change moves the surveyed rates."""
    out: dict[str, Any] = dict.fromkeys(
        ("low", "high", "members", "members_low", "members_high", "assumed_change")
    )
    sv = results.surveys
    if spec.id != "T-satisf" or sv is None:
        return out
    _, out["low"], out["high"] = sv.rate("masses")
    out["members"], out["members_low"], out["members_high"] = sv.rate("members")
    if sv.assumed:
        out["assumed_change"] = True
    return out


def _tracked_counts(spec: TargetSpec, scenario: Scenario) -> dict[str, Any]:
    """For a tracked count: ``value`` (planned per year, the channels together),
    ``planned_total`` (over the horizon, whose first and last year are ``years``) and
    ``counts`` (each channel's scenario key and its count per year)."""
    if not spec.count_keys:
        return {"counts": None, "planned_total": None, "years": None}
    counts = {k: int(_get(scenario, k)) for k in spec.count_keys}
    per_year = sum(counts.values())
    run = scenario.run
    return {
        "value": float(per_year),
        "planned_total": per_year * run.horizon_years,
        "counts": counts,
        "years": (run.start_year, run.start_year + run.horizon_years - 1),
    }


def _key_columns(spec: TargetSpec, results: Results) -> dict[str, Any]:
    """For T-key, the township secretaries beside the village ones: ``township_key``,
    ``township_total`` and ``township_share``; and the village counts ``key``, ``total``."""
    out: dict[str, Any] = dict.fromkeys(
        ("key", "total", "township_key", "township_total", "township_share")
    )
    talent = getattr(results, "talent", None)
    if spec.id != "T-key" or talent is None:
        return out
    k = talent.key_secretaries
    out["key"], out["total"] = int(k["key_secretaries"].sum()), int(k["secretaries"].sum())
    if "township_secretaries" in k:
        out["township_key"] = int(k["township_key"].sum())
        out["township_total"] = int(k["township_secretaries"].sum())
        out["township_share"] = key_shares(k)["township"]
    return out


def _month_or_none(x: Any) -> int | None:
    return None if x is None or pd.isna(x) else int(x)


def _clean(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def status_counts(register: pd.DataFrame, kind: str | None = None) -> dict[str, int]:
    """How many rows have each status (:data:`STATUSES`); only rows of ``kind`` if given."""
    rows = register if kind is None else register[register["kind"] == kind]
    counts = rows["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}


__all__ = [
    "KINDS",
    "READINGS",
    "REGISTER",
    "STATUSES",
    "Evaluation",
    "Results",
    "TargetSpec",
    "evaluate_targets",
    "judge",
    "key_shares",
    "plan_deadline",
    "register_frame",
    "run_all",
    "status_counts",
    "status_of",
]
