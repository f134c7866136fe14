"""What each topic shows: its charts, its key numbers and its sentences, in one catalogue.

The workbook app (:mod:`planning.panel`) and the briefing (:mod:`planning.briefing`) both
draw from here, so a key number, a register row or a chart reads the same in both. Every
builder takes ``results``, a mapping of model results by name (the names of
:data:`RESULTS`), the scenario and a language; every string is formatted by
:mod:`planning.present`.

>>> from planning import load_baseline, load_scenario
>>> from planning.catalogue import compute_all, cards
>>> s = load_scenario("baseline")
>>> r = compute_all(load_baseline(), s)
>>> [c.value for c in cards("talent", r, s, "en")][:1]
['9,860']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pandas as pd

from . import present as p
from .i18n import t
from .present import Card
from .scenario import Scenario

TOPICS = ("talent", "training", "venues", "subsidies", "targets")
"""Topics in the order the app's tabs and the briefing's sections show them."""

RESULTS = (
    "talent",
    "talent_seek",
    "training",
    "venues",
    "venue_seek",
    "subsidies",
    "budget",
    "surveys",
    "pairing",
    "register",
)
"""Names of the results the builders read (see :func:`compute_all`)."""

Results = Mapping[str, Any]


# --------------------------------------------------------------------------- computing


def compute_all(baseline: Any, scenario: Scenario) -> dict[str, Any]:
    """Every result the catalogue reads, computed in dependency order (no caching).

    The app's engine computes the same results one by one, only when their inputs change
    (:mod:`planning.panel.engine`); this is the plain path for briefings and tests.
    """
    from .targets import Results as TargetResults
    from .targets import run_all

    full = run_all(baseline, scenario)
    assert isinstance(full, TargetResults)
    return results_of(full, baseline)


def results_of(full: Any, baseline: Any) -> dict[str, Any]:
    """The catalogue's results mapping from :func:`planning.targets.run_all`'s result,
    with the goal seeks the briefing and the app show beside a missed target."""
    from .budget import fiscal_rollup

    scenario = full.scenario
    return {
        "talent": full.talent,
        "talent_seek": talent_seek(baseline, scenario),
        "training": full.training,
        "venues": full.venues,
        "venue_seek": venue_seek(baseline, scenario, full.venues),
        "subsidies": full.subsidies,
        "budget": fiscal_rollup(full.venues, full.subsidies, full.training),
        "surveys": full.surveys,
        "pairing": full.pairing,
        "register": full.register,
    }


def talent_seek(baseline: Any, scenario: Scenario) -> Any:
    """The least intake that meets the reserve-talent target by its deadline."""
    from .models.talent import seek_intake

    return seek_intake(baseline, scenario)


def venue_seek(baseline: Any, scenario: Scenario, plan: Any = None) -> Any:
    """The least yearly venue budget that meets the deadline; None when it is met."""
    from .models.venues import seek_venue_budget

    if plan is not None and plan.feasible:
        return None
    return seek_venue_budget(baseline, scenario)


# --------------------------------------------------------------------------- charts


@dataclass(frozen=True)
class ChartSpec:
    """One chart of a topic: which results it reads and how it is built.

    ``ready(results)`` says whether the results hold what the chart shows (the Monte
    Carlo fan needs its bands); until then the app keeps the chart's last picture and the
    briefing leaves it out. ``needs_full`` marks a chart that differs between a model's
    quick pass and its full run (the fan), so only it is redrawn when the full run lands.
    """

    name: str
    topic: str
    models: tuple[str, ...]
    module: str
    builder: str
    kwargs: tuple[tuple[str, Any], ...] = ()
    ready: Callable[[Results], bool] | None = None
    needs_full: bool = False

    def build(self, results: Results, scenario: Scenario, lang: str) -> Any:
        """The figure (a ``go.Figure``) for these results."""
        mod = import_module(f"planning.charts.{self.module}")
        return getattr(mod, self.builder)(results[self.models[0]], lang, **dict(self.kwargs))

    def is_ready(self, results: Results) -> bool:
        """The results hold everything this chart shows."""
        if any(results.get(m) is None for m in self.models):
            return False
        return self.ready is None or self.ready(results)


def _has_bands(r: Results) -> bool:
    return getattr(r["talent"], "bands", None) is not None


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("talent_pools", "talent", ("talent",), "talent", "pools_chart"),
    ChartSpec(
        "talent_fan",
        "talent",
        ("talent",),
        "talent",
        "fan_chart",
        ready=_has_bands,
        needs_full=True,
    ),
    ChartSpec("talent_county", "talent", ("talent",), "talent", "county_chart"),
    ChartSpec("talent_degree", "talent", ("talent",), "talent", "degree_chart"),
    ChartSpec("talent_socwork", "talent", ("talent",), "talent", "socwork_chart"),
    ChartSpec("training_coverage", "training", ("training",), "training", "coverage_chart"),
    ChartSpec("training_gantt", "training", ("training",), "training", "gantt_chart"),
    ChartSpec("training_absence", "training", ("training",), "training", "absence_heatmap"),
    ChartSpec("training_cost", "training", ("training",), "training", "cost_chart"),
    ChartSpec("venue_mix", "venues", ("venues",), "venues", "tier_mix_chart"),
    ChartSpec("venue_done", "venues", ("venues",), "venues", "projects_done_chart"),
    ChartSpec("venue_budget", "venues", ("venues",), "venues", "venue_budget_chart"),
    ChartSpec("venue_spending", "venues", ("venues",), "venues", "venue_spending_chart"),
    ChartSpec(
        "village_spending",
        "venues",
        ("venues",),
        "venues",
        "venue_spending_chart",
        kwargs=(("villages", True),),
    ),
    ChartSpec("subsidy_cash", "subsidies", ("subsidies",), "venues", "subsidy_cash_chart"),
    ChartSpec(
        "subsidy_compliance", "subsidies", ("subsidies",), "venues", "subsidy_compliance_table"
    ),
    ChartSpec("budget_rollup", "subsidies", ("budget",), "venues", "rollup_chart"),
    ChartSpec("budget_levels", "subsidies", ("budget",), "venues", "level_chart"),
    ChartSpec("budget_counties", "subsidies", ("budget",), "venues", "rollup_county_chart"),
)
"""Every chart, in the order each topic shows them (app tab and briefing section alike)."""

CHART_BY_NAME = {c.name: c for c in CHARTS}


def charts_of(topic: str) -> tuple[ChartSpec, ...]:
    """The charts of one topic, in display order."""
    return tuple(c for c in CHARTS if c.topic == topic)


# --------------------------------------------------------------------------- key numbers


def _at(frame: pd.DataFrame, when: pd.Period, column: str) -> float | None:
    row = frame.loc[frame["month"] == when, column]
    return float(row.iloc[0]) if len(row) else None


def _register_row(r: Results, target_id: str) -> Mapping[str, Any] | None:
    reg = r.get("register")
    if reg is None:
        return None
    rows = reg[reg["id"] == target_id]
    return rows.iloc[0].to_dict() if len(rows) else None


def talent_cards(r: Results, s: Scenario, lang: str) -> list[Card]:
    """Pools at the deadline, when the target is first passed, its probability, what
    intake would meet it when it is missed, degrees and social workers."""
    res = r["talent"]
    tg = res.target
    deadline = p.month_label(tg.deadline, lang)
    cards = [
        Card(
            "talent.total",
            t("card.talent.total", lang, date=deadline),
            p.number(tg.value_at_deadline, lang),
            t("card.talent.total_note", lang, threshold=p.number(tg.threshold, lang)),
        ),
        Card(
            "talent.first_met",
            t("card.talent.first_met", lang),
            p.month_label(tg.first_met, lang)
            if tg.first_met is not None
            else t("card.never", lang),
            t("card.deadline", lang, date=deadline),
        ),
        Card(
            "talent.probability",
            t("card.talent.probability", lang, date=deadline),
            p.share(tg.probability, lang),
            t("card.talent.draws", lang, draws=p.count(len(res.draws_at_deadline), "draw", lang))
            if tg.probability is not None
            else t("card.talent.no_mc", lang),
        ),
    ]
    seek = r.get("talent_seek")
    if seek is not None and not seek.met_by_deadline:
        cards.append(talent_seek_card(seek, lang))
    share_min, month = res.degree_target
    when = p.period(month, s.run.start_year)
    deg = res.degree.groupby("month")[["young_cadres", "with_degree"]].sum()
    value = None
    if when in deg.index and deg.loc[when, "young_cadres"] > 0:
        value = deg.loc[when, "with_degree"] / deg.loc[when, "young_cadres"]
    cards.append(
        Card(
            "talent.degree",
            t("card.talent.degree", lang, date=p.month_label(when, lang)),
            p.share(value, lang),
            t("card.target", lang, value=p.share(share_min, lang)),
        )
    )
    sw_min, sw_month = res.socwork_target
    sw_when = p.period(sw_month, s.run.start_year)
    cards.append(
        Card(
            "talent.socwork",
            t("card.talent.socwork", lang, date=p.month_label(sw_when, lang)),
            p.share(_at(res.socwork_coverage, sw_when, "coverage"), lang),
            t("card.target", lang, value=p.share(sw_min, lang)),
        )
    )
    return cards


def talent_seek_card(seek: Any, lang: str) -> Card:
    """What intake would meet the reserve-talent target by its deadline."""
    if seek.multiplier is None:
        return Card("talent.seek", t("card.talent.seek", lang), p.NA, t("card.seek_none", lang))
    return Card(
        "talent.seek",
        t("card.talent.seek", lang),
        p.signed(100 * (seek.multiplier - 1), lang, 1) + ("%" if lang == "zh" else " %"),
        t(
            "card.talent.seek_note",
            lang,
            county=p.number(seek.extra_per_county_per_year, lang),
        ),
    )


def _training_done(plan: Any) -> pd.Period | None:
    """First month every secretary in post at plan start is trained (None if never)."""
    cov = plan.coverage
    done = cov.loc[cov["current_trained"] >= cov["current_total"], "date"]
    return pd.Timestamp(done.iloc[0]).to_period("M") if len(done) else None


def training_cards(r: Results, s: Scenario, lang: str) -> list[Card]:
    """Share of current secretaries trained by the deadline, when all are, cost, classes."""
    plan = r["training"]
    when = p.period(s.training.deadline_month, s.run.start_year)
    deadline = p.month_label(when, lang)
    cov = plan.coverage
    at = cov[cov["month"] == s.training.deadline_month]
    share = float(at["current_share"].iloc[0]) if len(at) else None
    total = int(at["current_total"].iloc[0]) if len(at) else 0
    late = plan.diagnosis.shortfall_current if plan.diagnosis is not None else 0
    note = (
        t("card.training.coverage_late", lang, total=p.number(total, lang), late=p.number(late))
        if late
        else t("card.training.coverage_all", lang, total=p.number(total, lang))
    )
    done = _training_done(plan)
    cost = float(plan.cost["cost_yuan"].sum()) if len(plan.cost) else 0.0
    return [
        Card(
            "training.coverage",
            t("card.training.coverage", lang, date=deadline),
            p.share(share, lang),
            note,
        ),
        Card(
            "training.done",
            t("card.training.done", lang),
            p.month_label(done, lang) if done is not None else t("card.never", lang),
            t("card.deadline", lang, date=deadline),
        ),
        Card(
            "training.cost",
            t("card.training.cost", lang),
            p.money(cost, lang),
            p.count(len(plan.classes), "class", lang),
        ),
    ]


def venue_cards(r: Results, s: Scenario, lang: str) -> list[Card]:
    """When the venue and village-room targets are met, what the projects cost, and the
    least yearly budget that would meet a missed venue deadline."""
    plan = r["venues"]
    start = s.run.start_year

    def when(month: int | None) -> str:
        return p.month_label(month, lang, start) if month is not None else t("card.never", lang)

    projects = int(plan.communities["project"].sum())
    rooms = int(plan.villages["project"].sum())
    cards = [
        Card(
            "venues.met",
            t("card.venues.met", lang),
            when(plan.met_month),
            t("card.deadline", lang, date=when(plan.deadline_month)),
        ),
        Card(
            "venues.cost",
            t("card.venues.cost", lang),
            p.money(plan.total_cost_yuan, lang),
            p.count(projects, "project", lang),
        ),
    ]
    own = ownership_card(plan, lang)
    if own is not None:
        cards.append(own)
    seek = r.get("venue_seek")
    if seek is not None and not plan.feasible:
        cards.append(
            Card(
                "venues.seek",
                t("card.venues.seek", lang),
                p.money_at_least(seek.budget_yuan, lang) if seek.budget_yuan is not None else p.NA,
                t("card.venues.seek_note", lang, current=p.money(plan.yearly_budget_yuan, lang))
                if seek.budget_yuan is not None
                else t("card.seek_none", lang),
            )
        )
    cards += [
        Card(
            "villages.met",
            t("card.villages.met", lang),
            when(plan.village_met_month),
            t("card.deadline", lang, date=when(plan.village_deadline_month)),
        ),
        Card(
            "villages.cost",
            t("card.villages.cost", lang),
            p.money(plan.village_total_cost_yuan, lang),
            p.count(rooms, "room", lang),
        ),
    ]
    return cards


def ownership_card(plan: Any, lang: str) -> Card | None:
    """What making the rented venues owned costs (purchases, or new buildings with their
    land); None when no venue is rented or all stay rented."""
    own = plan.ownership
    if not own["venues"]:
        return None
    return Card(
        "venues.ownership",
        t("card.venues.ownership", lang),
        p.money(own["ownership_yuan"], lang),
        t(
            "card.venues.ownership_note",
            lang,
            routes=p.ownership_routes(own, lang),
            land=p.money(own["land_yuan"], lang),
        ),
    )


def subsidy_cards(r: Results, s: Scenario, lang: str) -> list[Card]:
    """Pay over the plan, the basic pay range, compliance with the rural-income rule and
    the whole cost of the plan."""
    sb = r["subsidies"]
    cash = float(sb.yearly["cash_yuan"].sum())
    last = int(sb.yearly["year"].max())
    basic = sb.yearly.loc[sb.yearly["year"] == last, "basic_per_secretary_yuan"]
    comp = sb.compliance
    below = comp.loc[~comp["compliant"].astype(bool), "county_id"].nunique()
    counties = comp["county_id"].nunique()
    cards = [
        Card(
            "subsidies.cash",
            t("card.subsidies.cash", lang),
            p.money(cash, lang),
            t(
                "card.subsidies.after",
                lang,
                amount=p.money(sb.performance_after_horizon_yuan, lang),
                year=p.year_label(last + 1, lang),
            ),
        ),
        Card(
            "subsidies.basic",
            t("card.subsidies.basic", lang, year=p.year_label(last, lang)),
            t(
                "card.range",
                lang,
                low=p.money(basic.min(), lang),
                high=p.money(basic.max(), lang),
            ),
            t("card.subsidies.basic_note", lang),
        ),
        Card(
            "subsidies.compliant",
            t("card.subsidies.compliant", lang),
            t("card.of", lang, n=p.number(counties - below), total=p.number(counties)),
            t("card.subsidies.compliant_all", lang)
            if below == 0
            else t("card.subsidies.compliant_some", lang, n=p.count(below, "county", lang)),
        ),
    ]
    roll = r.get("budget")
    if roll is not None and len(roll):
        cards += [new_spending_card(roll, lang), budget_card(roll, lang)]
    return cards


def budget_card(roll: pd.DataFrame, lang: str) -> Card:
    """The whole cost of the plan over its years: new spending and what was already paid
    before the plan (the secretaries' pay before it), every level."""
    years = p.years_label(int(roll["year"].min()), int(roll["year"].max()), lang)
    existing = roll.loc[roll["funding"] == "existing", "spending_yuan"].sum()
    return Card(
        "budget.total",
        t("card.budget.total", lang, years=years),
        p.money(float(roll["spending_yuan"].sum()), lang),
        t("card.budget.note", lang, existing=p.money(float(existing), lang)),
    )


def new_spending_card(roll: pd.DataFrame, lang: str) -> Card:
    """The plan's new spending over its years, and each paying level's part of it: the
    city's spending is its own, not the counties' and townships'."""
    from .budget import new_by_level

    years = p.years_label(int(roll["year"].min()), int(roll["year"].max()), lang)
    levels = new_by_level(roll)
    return Card(
        "budget.new",
        t("card.budget.new", lang, years=years),
        p.money(sum(levels.values()), lang),
        t(
            "card.budget.new_note",
            lang,
            **{level: p.money(amount, lang) for level, amount in levels.items()},
        ),
    )


LEVEL_COLUMNS = (
    "new_city_yuan",
    "new_county_yuan",
    "new_township_yuan",
    "new_yuan",
    "existing_yuan",
    "total_yuan",
)
"""Money columns of the table of spending by paying level (from :func:`rollup_by_year`)."""


def level_rows(roll: pd.DataFrame, lang: str) -> tuple[list[str], list[list[str]], str]:
    """Who pays, year by year: the new spending of the city, the counties and the
    townships, the new total, what was already paid before the plan and the whole cost;
    header, rows (the total over the years last) and the money unit of the whole table
    (``million yuan`` / ``万元``)."""
    from .budget import rollup_by_year

    wide = rollup_by_year(roll)
    total = wide[list(LEVEL_COLUMNS)].sum()
    # The unit of the years' amounts (万元 rather than 亿元 for the total row alone).
    scale = p.money_scale(float(wide["total_yuan"].max()), lang)
    header = [t("briefing.col.year", lang)] + [t(f"budget.col.{c}", lang) for c in LEVEL_COLUMNS]
    rows = [
        [p.year_label(int(row["year"]), lang)] + [scale.value(row[c], lang) for c in LEVEL_COLUMNS]
        for row in wide.to_dict("records")
    ]
    years = p.years_label(int(wide["year"].min()), int(wide["year"].max()), lang)
    rows.append([years] + [scale.value(total[c], lang) for c in LEVEL_COLUMNS])
    return header, rows, scale.unit


def headline_counts(register: pd.DataFrame) -> dict[str, int]:
    """Plan targets by status, and how many there are (``plan``).

    Only plan targets (a number or a deadline in the plan) are counted; local working
    standards (``local``: how many, ``local_met`` of them met or guaranteed) and qualitative
    tasks (``qualitative``) are counted apart.
    """
    kinds = register["kind"] if "kind" in register else pd.Series("plan", index=register.index)
    plan = register[kinds == "plan"]
    counts = plan["status"].value_counts()
    out = {k: int(counts.get(k, 0)) for k in p.STATUSES}
    out["plan"] = len(plan)
    local = register[kinds == "local"]
    out["local"] = len(local)
    out["local_met"] = int(local["status"].isin(("met", "guaranteed")).sum())
    out["qualitative"] = int((kinds == "qualitative").sum())
    return out


def register_cards(r: Results, s: Scenario, lang: str) -> list[Card]:
    """How many plan targets are met, at risk, missed and guaranteed by the settings; the
    local working standards and the qualitative tasks apart."""
    n = headline_counts(r["register"])
    of = t("card.targets.of", lang, n=p.count(n["plan"], "plan_target", lang))
    return [
        Card("targets.met", t("card.targets.met", lang), p.number(n["met"]), of, "met"),
        Card("targets.at_risk", t("card.targets.at_risk", lang), p.number(n["at_risk"]), of),
        Card("targets.missed", t("card.targets.missed", lang), p.number(n["missed"]), of),
        Card(
            "targets.guaranteed",
            t("card.targets.guaranteed", lang),
            p.number(n["guaranteed"]),
            of,
            "guaranteed",
        ),
        Card(
            "targets.local",
            t("card.targets.local", lang),
            t(
                "card.targets.count",
                lang,
                n=p.number(n["local_met"]),
                total=p.number(n["local"]),
            ),
            t("card.targets.local_note", lang),
        ),
        Card(
            "targets.tracked",
            t("card.targets.tracked", lang),
            p.number(n["qualitative"]),
            t("card.targets.tracked_note", lang),
        ),
    ]


@dataclass(frozen=True)
class NumbersSpec:
    """Key numbers and sentences of a topic and the results they read."""

    topic: str
    models: tuple[str, ...]
    cards: Callable[[Results, Scenario, str], list[Card]]
    sentences: Callable[[Results, Scenario, str], list[str]] | None = None


def talent_sentences(r: Results, s: Scenario, lang: str) -> list[str]:
    """Plain sentences on the reserve-talent pools (with the goal seek when known)."""
    from .charts.talent import summary_lines

    return list(summary_lines(r["talent"], r.get("talent_seek"), lang))


def training_sentences(r: Results, s: Scenario, lang: str) -> list[str]:
    """Plain sentences on the training plan, with the diagnosis when it is late."""
    from .charts.training import summary_lines

    return list(summary_lines(r["training"], lang))


def venue_sentences(r: Results, s: Scenario, lang: str) -> list[str]:
    """Plain sentences on the venue plan, with the least budget when it is late."""
    from .charts.venues import venue_summary

    return list(venue_summary(r["venues"], r.get("venue_seek"), lang))


def subsidy_sentences(r: Results, s: Scenario, lang: str) -> list[str]:
    """One plain sentence on the subsidy budget."""
    from .charts.venues import subsidy_summary

    return [subsidy_summary(r["subsidies"], lang)]


NUMBERS: tuple[NumbersSpec, ...] = (
    NumbersSpec("talent", ("talent", "talent_seek"), talent_cards, talent_sentences),
    NumbersSpec("training", ("training",), training_cards, training_sentences),
    NumbersSpec("venues", ("venues", "venue_seek"), venue_cards, venue_sentences),
    NumbersSpec("subsidies", ("subsidies", "budget"), subsidy_cards, subsidy_sentences),
    NumbersSpec("targets", ("register",), register_cards),
)
"""Key numbers of every topic (the app's tabs and the briefing's sections)."""

NUMBERS_BY_TOPIC = {n.topic: n for n in NUMBERS}


def cards(topic: str, r: Results, s: Scenario, lang: str) -> list[Card]:
    """The key numbers of one topic."""
    return NUMBERS_BY_TOPIC[topic].cards(r, s, lang)


def sentences(topic: str, r: Results, s: Scenario, lang: str) -> list[str]:
    """The plain sentences of one topic."""
    spec = NUMBERS_BY_TOPIC[topic]
    return spec.sentences(r, s, lang) if spec.sentences else []


SUMMARY_CARDS = ("talent.total", "training.coverage", "venues.met", "budget.new")
"""The key numbers of a briefing's executive summary, taken from the topics' own cards."""


def summary_cards(r: Results, s: Scenario, lang: str) -> list[Card]:
    """The executive summary's key numbers: the same cards the topics show."""
    every = {
        c.id: c
        for topic in ("talent", "training", "venues", "subsidies")
        for c in cards(topic, r, s, lang)
    }
    return [every[i] for i in SUMMARY_CARDS if i in every]


# --------------------------------------------------------------------------- register


_COMPARATORS = {">": ">", ">=": "≥", "<=": "≤", "~": "≈"}


@dataclass(frozen=True)
class RegisterRow:
    """One target of the register as people read it (every field already text).

    ``kind`` groups the rows (plan targets, local standards, qualitative tasks; the group's
    heading is ``kind_label``). ``words`` is the plan's own words, or for a local standard
    the city's working standard with its assumed number. ``deadline_detail`` gives the
    other reading's deadline where it differs; ``status_detail`` why a target is at risk or
    guaranteed and what each reading gives.
    """

    id: str
    label: str
    words: str
    goal: str
    deadline: str
    value: str
    first_met: str
    probability: str
    status: str
    status_label: str
    note: str = ""
    kind: str = "plan"
    kind_label: str = ""
    kind_note: str = ""
    deadline_detail: str = ""
    status_detail: str = ""
    value_detail: str = ""


def register_value(x: Any, unit: str, lang: str) -> str:
    """A register value or threshold in its unit."""
    if p.is_na(x):
        return p.NA
    if unit == "share":
        return p.share(x, lang)
    return p.number(x, lang)


def register_interval(value: Any, low: Any, high: Any, lang: str) -> str:
    """A surveyed share with its 95 % interval: ``84.7 % (83.7 %–85.7 %)``."""
    if p.is_na(low) or p.is_na(high):
        return p.share(value, lang)
    return t(
        "register.interval",
        lang,
        value=p.share(value, lang),
        low=p.share(low, lang),
        high=p.share(high, lang),
    )


def register_survey_detail(row: Mapping[str, Any], lang: str) -> str:
    """The Party members' rate under the masses' one, and whether a change is assumed."""
    if p.is_na(row.get("members")):
        return ""
    members = register_interval(
        row["members"], row.get("members_low"), row.get("members_high"), lang
    )
    key = "register.survey.assumed" if row.get("assumed_change") is True else "register.survey"
    return t(key, lang, members=members)


def register_key_detail(row: Mapping[str, Any], lang: str) -> str:
    """Under T-key's value (the village secretaries'): the township secretaries' share, with
    the counts at both levels."""
    if p.is_na(row.get("township_share")):
        return ""
    return t(
        "register.key",
        lang,
        key=p.number(row.get("key")),
        total=p.number(row.get("total")),
        township=p.share(row.get("township_share"), lang),
        township_key=p.number(row.get("township_key")),
        township_total=p.number(row.get("township_total")),
    )


def register_counts(row: Mapping[str, Any], lang: str) -> tuple[str, str] | None:
    """A tracked count's value (``18 a year planned``) and detail (each channel, the total
    over the horizon); None when the row is not a tracked count."""
    counts, years = row.get("counts"), row.get("years")
    if not isinstance(counts, Mapping) or not isinstance(years, tuple):
        return None
    per_year = sum(int(n) for n in counts.values())
    channels = ("；" if lang == "zh" else "; ").join(
        t(f"register.count.{key}", lang, n=p.number(n)) for key, n in counts.items()
    )
    detail = t(
        "register.count.detail",
        lang,
        channels=channels,
        total=p.number(row.get("planned_total")),
        years=p.years_label(years[0], years[1], lang),
    )
    return t("register.count.per_year", lang, n=p.number(per_year)), detail


def _span(early: Any, late: Any, lang: str) -> str:
    """A deadline, or the two bounds of "2 to 3 years"."""
    if p.is_na(early):
        return p.month_label(late, lang)
    return t(
        "register.between", lang, early=p.month_label(early, lang), late=p.month_label(late, lang)
    )


def register_deadline(row: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """The deadline cell of a register row: the deciding deadline (both bounds of "2 to 3
    years") and, where the other reading's deadline differs, that one in words."""
    if row.get("rolling"):
        return t("register.rolling", lang), ""
    text = _span(row.get("early"), row.get("deadline"), lang)
    reading = row.get("reading")
    if p.is_na(reading) or not reading:
        return text, ""
    other = "lenient" if reading == "strict" else "strict"
    if row.get(f"deadline_{other}") == row.get(f"deadline_{reading}"):
        return text, ""
    span = _span(row.get(f"early_{other}"), row.get(f"deadline_{other}"), lang)
    return text, t(f"register.other_reading.{other}", lang, deadline=span)


def register_readings(row: Mapping[str, Any], lang: str) -> str:
    """What each reading of "within three years" gives, deciding one first: ``missed by
    Sep 2016, met by Dec 2016``; empty where both readings have the same deadline."""
    reading = row.get("reading")
    if p.is_na(reading) or not reading:
        return ""
    other = "lenient" if reading == "strict" else "strict"
    if row.get(f"deadline_{other}") == row.get(f"deadline_{reading}"):
        return ""
    parts = [
        t(
            "register.reading_gives",
            lang,
            status=p.status_word(str(row.get(f"status_{r}")), lang),
            deadline=p.month_label(row.get(f"deadline_{r}"), lang),
        )
        for r in (reading, other)
    ]
    return ("，" if lang == "zh" else ", ").join(parts)


def register_reason(row: Mapping[str, Any], lang: str) -> str:
    """Why a target is at risk or guaranteed, in a few words; empty otherwise."""
    reason = str(row.get("reason") or "")
    status = str(row.get("status"))
    if not reason or status not in ("at_risk", "guaranteed", "tracked"):
        return ""
    key = f"register.reason.{reason}"
    return p.label(key, lang, "")


def register_rows(register: pd.DataFrame, lang: str) -> list[RegisterRow]:
    """Every row of the register (:func:`planning.targets.evaluate_targets`) as text, plan
    targets first, then local standards, then qualitative tasks."""
    from .targets import KINDS

    records = register.to_dict("records")
    order = {k: i for i, k in enumerate(KINDS)}
    records.sort(key=lambda row: order.get(str(row.get("kind") or "plan"), 0))
    rows = []
    for row in records:
        comp = _COMPARATORS.get(str(row.get("comparator") or ""), "")
        unit = str(row.get("unit") or "")
        goal = f"{comp} {register_value(row['threshold'], unit, lang)}" if comp else p.NA
        deadline, deadline_detail = register_deadline(row, lang)
        status = str(row["status"])
        kind = str(row.get("kind") or "plan")
        detail = [x for x in (register_reason(row, lang), register_readings(row, lang)) if x]
        standard = str(row.get("standard") or "")
        value = (
            register_interval(row.get("value"), row.get("low"), row.get("high"), lang)
            if not p.is_na(row.get("low"))
            else register_value(row.get("value"), unit, lang)
        )
        value_detail = register_survey_detail(row, lang) or register_key_detail(row, lang)
        counted = register_counts(row, lang)
        if counted is not None:
            value, value_detail = counted
        rows.append(
            RegisterRow(
                id=str(row["id"]),
                label=str(row["label"]),
                words=standard if kind == "local" and standard else str(row.get("words") or ""),
                goal=goal,
                deadline=deadline,
                value=value,
                first_met=p.month_label(row.get("first_met"), lang),
                probability=p.share(row.get("probability"), lang),
                status=status,
                status_label=p.status_word(status, lang),
                kind=kind,
                kind_label=t(f"register.kind.{kind}", lang),
                kind_note=t(f"register.kind.{kind}.note", lang),
                deadline_detail=deadline_detail,
                status_detail=("；" if lang == "zh" else "; ").join(detail),
                value_detail=value_detail,
            )
        )
    return rows


def county_survey_rows(r: Results, lang: str) -> tuple[list[str], list[list[str]]]:
    """Satisfaction of the masses and of Party members per county (with their 95 % survey
    intervals) and agency cadres paired by the T-poor deadline: header and rows, the city
    last. Empty when neither result is at hand."""
    sv, pr = r.get("surveys"), r.get("pairing")
    if sv is None or pr is None:
        return [], []
    by = sv.counties.set_index(["county_id", "survey"])
    paired = pr.counties.set_index("county_id")
    deadline = p.month_label(pr.deadline_month, lang, _start_year(pr))
    header = [
        t("common.county", lang),
        t("register.county.masses", lang),
        t("register.county.members", lang),
        t("register.county.paired", lang, date=deadline),
    ]
    names = sv.county_names
    local = names.in_lang(lang) if hasattr(names, "in_lang") else dict(names)
    rows = []
    for cid in names:
        cells = [local.get(cid, cid)]
        for survey in ("masses", "members"):
            row = by.loc[(cid, survey)]
            cells.append(register_interval(row["rate"], row["low"], row["high"], lang))
        c = paired.loc[cid] if cid in paired.index else None
        cells.append(
            t(
                "register.county.paired_of",
                lang,
                share=p.share(c["share_by_deadline"], lang),
                n=p.number(c["paired_by_deadline"]),
                total=p.number(c["cadres"]),
            )
            if c is not None and c["cadres"] > 0
            else p.NA
        )
        rows.append(cells)
    city = [t("register.county.city", lang)]
    city += [register_interval(*sv.rate(survey), lang) for survey in ("masses", "members")]
    at = pr.share_at(pr.deadline_month)
    city.append(
        t(
            "register.county.paired_of",
            lang,
            share=p.share(at, lang),
            n=p.number(round((at or 0) * pr.cadres)),
            total=p.number(pr.cadres),
        )
        if pr.cadres
        else p.NA
    )
    rows.append(city)
    return header, rows


def _start_year(pairing: Any) -> int:
    first = pairing.coverage.loc[pairing.coverage["month"] == 1, "date"]
    return int(first.iloc[0].year)


REGISTER_COLUMNS = ("target", "goal", "deadline", "value", "first_met", "probability", "status")
"""Columns of the register table, in order (headers are ``register.col.<name>``)."""


def register_header(lang: str) -> list[str]:
    """Column headers of the register table."""
    return [t(f"register.col.{c}", lang) for c in REGISTER_COLUMNS]


__all__ = [
    "CHARTS",
    "CHART_BY_NAME",
    "Card",
    "ChartSpec",
    "NUMBERS",
    "NumbersSpec",
    "RESULTS",
    "REGISTER_COLUMNS",
    "RegisterRow",
    "SUMMARY_CARDS",
    "TOPICS",
    "budget_card",
    "level_rows",
    "new_spending_card",
    "cards",
    "charts_of",
    "compute_all",
    "county_survey_rows",
    "headline_counts",
    "register_cards",
    "register_header",
    "register_rows",
    "register_value",
    "results_of",
    "sentences",
    "summary_cards",
    "talent_seek",
    "venue_seek",
]
