"""The plan's target register, and its evaluation on model results.

:data:`REGISTER` lists every target of the plan as data: its id, the plan's own words
(in the message table, ``targets.<id>.words``), the measurable form, the comparator, where
its threshold and deadline come from in the scenario, and which model answers it.
Qualitative commitments are listed as *tracked* items without a model.

:func:`run_all` runs every model once and evaluates the register; :func:`evaluate_targets`
turns results into one row per target: value at the deadline, status (``met``,
``at_risk``, ``missed``, ``tracked``), the month first met, the margin and, where the Monte
Carlo ran, the probability of meeting the target.

A met target is *at risk* when its probability is below ``targets.at_risk_probability`` or
its margin is thin: less than 2 % of a head-count threshold, or less than one share point
above a share threshold below 100 %.

Examples
--------
>>> from planning import load_baseline, load_scenario
>>> results = run_all(load_baseline(), load_scenario("baseline"))
>>> results.register.set_index("id").loc["T-train", "status"]
'met'
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .data import Baseline
from .scenario import Scenario

THIN_COUNT_MARGIN = 0.02
"""A head-count target met by less than this share of its threshold is at risk."""
THIN_SHARE_MARGIN = 0.01
"""A share target (below 100 %) met by less than this many share points is at risk."""
ABOUT_TOLERANCE = 0.05
"""'About one third': within this many share points counts as met."""
EPS = 1e-9


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
        ``talent``, ``training``, ``venues``, ``subsidies``; None for tracked items.
    kind : str
        ``quantified`` (from the plan's figures) or ``qualitative``.
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
    kind: str = "quantified"
    rolling: bool = False

    def resolve_threshold(self, scenario: Scenario) -> float | None:
        """The threshold under a scenario."""
        if self.threshold_key:
            return float(_get(scenario, self.threshold_key))
        return self.threshold

    def resolve_deadline(self, scenario: Scenario) -> int:
        """The deadline as a plan month under a scenario."""
        if self.deadline_key:
            return int(_get(scenario, self.deadline_key))
        return self.deadline_month or scenario.run.months


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
        deadline_key="targets.talent_deadline_month",
        model="talent",
    ),
    TargetSpec(
        "T-train",
        "share of secretaries in post at plan start trained out of town",
        ">=",
        "share",
        threshold=1.0,
        deadline_key="training.deadline_month",
        model="training",
    ),
    TargetSpec(
        "T-newsec",
        "share of new secretaries trained within the window after appointment",
        ">=",
        "share",
        threshold=1.0,
        model="training",
        rolling=True,
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
        "share of village secretaries under target responsibility management",
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
        deadline_key="venues.deadline_month",
        model="venues",
    ),
    TargetSpec(
        "T-village-room",
        "share of village activity rooms at the village standard",
        ">=",
        "share",
        threshold=1.0,
        deadline_key="venues.village_deadline_month",
        model="venues",
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
        "residents' satisfaction with grassroots Party organisations (survey)",
        ">",
        "share",
        threshold_key="targets.satisfaction_min",
    ),
    TargetSpec(
        "T-poor",
        "cadres paired with at least one poor household",
        ">=",
        "share",
        threshold=1.0,
        deadline_month=12,
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
"""Every target of the plan, in the order the briefing lists them."""

SPECS = {s.id: s for s in REGISTER}


def register_frame(scenario: Scenario, lang: str = "en") -> pd.DataFrame:
    """The register resolved under a scenario: thresholds and deadlines as numbers.

    Examples
    --------
    >>> from planning.scenario import load_scenario
    >>> register_frame(load_scenario()).set_index("id").loc["T-talent", "threshold"]
    10000.0
    """
    from .i18n import t

    rows = []
    for s in REGISTER:
        deadline = s.resolve_deadline(scenario)
        rows.append(
            {
                "id": s.id,
                "label": t(f"targets.{s.id}.label", lang),
                "words": t(f"targets.{s.id}.words", lang),
                "metric": s.metric,
                "comparator": s.comparator,
                "threshold": s.resolve_threshold(scenario),
                "unit": s.unit,
                "deadline_month": None if s.kind == "qualitative" else deadline,
                "rolling": s.rolling,
                "model": s.model,
                "kind": s.kind,
            }
        )
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
    """

    scenario: Scenario
    talent: Any
    training: Any
    venues: Any
    subsidies: Any
    register: pd.DataFrame = field(default_factory=pd.DataFrame)
    seconds: dict[str, float] = field(default_factory=dict)

    def target(self, target_id: str) -> pd.Series:
        """One evaluated row of the register."""
        return self.register.set_index("id").loc[target_id]


def run_all(baseline: Baseline, scenario: Scenario, lang: str | None = None) -> Results:
    """Run every model once and evaluate the target register.

    Parameters
    ----------
    baseline : Baseline
    scenario : Scenario
    lang : str, optional
        Language of the register's labels; default ``scenario.run.language``.

    Returns
    -------
    Results

    Examples
    --------
    >>> from planning import load_baseline, load_scenario
    >>> r = run_all(load_baseline(), load_scenario("baseline"))
    >>> sorted(r.seconds)
    ['subsidies', 'talent', 'training', 'venues']
    """
    from .models.subsidies import budget_subsidies
    from .models.talent import run_talent
    from .models.training import plan_training
    from .models.venues import plan_venues

    out: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    for name, func in (
        ("talent", run_talent),
        ("training", plan_training),
        ("venues", plan_venues),
        ("subsidies", budget_subsidies),
    ):
        t0 = time.perf_counter()
        out[name] = func(baseline, scenario)
        seconds[name] = time.perf_counter() - t0
    partial = Results(scenario=scenario, seconds=seconds, **out)
    register = evaluate_targets(partial, lang or scenario.run.language)
    return Results(scenario=scenario, register=register, seconds=seconds, **out)


# --------------------------------------------------------------------------- evaluation


@dataclass
class Evaluation:
    """Raw facts of one target before the status rule is applied."""

    value: float | None = None
    met: bool | None = None
    first_met_month: int | None = None
    margin: float | None = None
    probability: float | None = None
    note: str = ""


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


def _eval_talent(r: Results) -> Evaluation:
    tg = r.talent.target
    return Evaluation(
        value=float(tg.value_at_deadline),
        # "Within three years": met once the pools pass the target by the deadline, the
        # same reading as the model's goal seek and Monte Carlo probability.
        met=bool(tg.met_by_deadline),
        first_met_month=tg.first_met_month,
        margin=float(tg.value_at_deadline - tg.threshold),
        probability=None if tg.probability is None else float(tg.probability),
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


def _eval_key(r: Results, threshold: float) -> Evaluation:
    k = r.talent.key_secretaries
    share = float(k["key_secretaries"].sum() / k["secretaries"].sum())
    margin = ABOUT_TOLERANCE - abs(share - threshold)
    return Evaluation(
        value=share, met=margin >= 0, first_met_month=1 if margin >= 0 else None, margin=margin
    )


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
    )


def _eval_reserve_pools(r: Results, deadline: int, start_year: int) -> Evaluation:
    f = r.talent.flows
    months = _month_number(f["month"], start_year).to_numpy()
    has = (f["stock"].to_numpy() > EPS).astype(int)
    frame = pd.DataFrame({"month": months, "county": f["county_id"].astype(str), "has": has})
    pools = frame.groupby(["month", "county"])["has"].sum()
    complete = (pools >= 3).groupby(level="month").mean()
    series = pd.DataFrame({"month": complete.index.to_numpy(), "share": complete.to_numpy()})
    return _eval_series(series, 1.0, deadline)


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
        value=share, met=bool(c["compliant"].all()), margin=float(c["margin_share"].min())
    )


def _evaluate_one(
    spec: TargetSpec, r: Results, threshold: float | None, deadline: int
) -> Evaluation:
    start = r.scenario.run.start_year
    horizon = r.scenario.run.months
    match spec.id:
        case "T-talent":
            return _eval_talent(r)
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
    return Evaluation()


def status_of(spec: TargetSpec, ev: Evaluation, threshold: float | None, p_at_risk: float) -> str:
    """``met``, ``at_risk``, ``missed`` or ``tracked`` (see the module docstring)."""
    if spec.model is None or ev.met is None:
        return "tracked"
    if not ev.met:
        return "missed"
    if ev.probability is not None and ev.probability < p_at_risk:
        return "at_risk"
    if ev.margin is not None and threshold is not None and spec.comparator in (">", ">="):
        if spec.unit == "persons" and threshold > 0:
            if ev.margin < THIN_COUNT_MARGIN * threshold:
                return "at_risk"
        elif spec.unit == "share" and threshold < 1 - EPS and ev.margin < THIN_SHARE_MARGIN:
            return "at_risk"
    return "met"


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
        One row per target: ``id``, ``label``, ``words``, ``metric``, ``comparator``,
        ``threshold``, ``unit``, ``deadline_month``, ``deadline`` (Period), ``value`` (at
        the deadline), ``first_met_month``, ``first_met``, ``months_to_spare``, ``margin``,
        ``probability``, ``status``, ``status_label``, ``model``, ``kind``, ``note``.

    Examples
    --------
    >>> reg = evaluate_targets(results)
    >>> reg.set_index("id").loc["T-talent", ["value", "status"]].tolist()  # doctest: +SKIP
    [9638.2, 'missed']
    """
    from .i18n import t

    scenario = results.scenario
    lang = lang or scenario.run.language
    frame = register_frame(scenario, lang)
    start = pd.Period(f"{scenario.run.start_year}-01", "M")
    p_risk = scenario.targets.at_risk_probability
    rows = []
    for spec, base in zip(REGISTER, frame.to_dict("records"), strict=True):
        threshold = None if pd.isna(base["threshold"]) else float(base["threshold"])
        deadline = None if pd.isna(base["deadline_month"]) else int(base["deadline_month"])
        base.update(threshold=threshold, deadline_month=deadline)
        ev = (
            Evaluation()
            if spec.model is None
            else _evaluate_one(spec, results, threshold, deadline)
        )
        status = status_of(spec, ev, threshold, p_risk)
        first = ev.first_met_month
        spare = None
        if status in ("met", "at_risk") and first is not None and not spec.rolling:
            spare = int(deadline - first)
        rows.append(
            {
                **base,
                "deadline": None if deadline is None else start + (int(deadline) - 1),
                "value": _clean(ev.value),
                "first_met_month": first,
                "first_met": None if first is None else start + (int(first) - 1),
                "months_to_spare": spare,
                "margin": _clean(ev.margin),
                "probability": _clean(ev.probability),
                "status": status,
                "status_label": t(f"targets.status.{status}", lang),
                "note": ev.note,
            }
        )
    out = pd.DataFrame(rows)
    for col in ("first_met_month", "months_to_spare", "deadline_month"):
        out[col] = out[col].astype("Int64")
    return out


def _clean(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def status_counts(register: pd.DataFrame) -> dict[str, int]:
    """How many targets are met, at risk, missed and tracked."""
    counts = register["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in ("met", "at_risk", "missed", "tracked")}


__all__ = [
    "REGISTER",
    "Results",
    "TargetSpec",
    "evaluate_targets",
    "register_frame",
    "run_all",
    "status_counts",
    "status_of",
]
