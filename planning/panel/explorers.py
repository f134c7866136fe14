"""Topic explorers: schema-generated sliders above live charts, for one topic each.

The topic notebooks show one each (:func:`talent_explorer`, :func:`training_explorer`,
:func:`venue_explorer`); the workbook's tabs (:mod:`planning.panel.view`) do the same for
every topic at once. Sentences are those of :mod:`planning.catalogue`'s topics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as w
import plotly.graph_objects as go

from .. import pages
from ..errors import ScenarioError
from ..scenario import Scenario
from ..widgets import problems_by_key, section_controls
from .live import LiveFigure


class Explorer:
    """Schema-generated sliders above live charts and plain sentences, for one topic.

    The topic notebooks show one each (:func:`talent_explorer`, :func:`training_explorer`,
    :func:`venue_explorer`); the workbook's tabs do the same for every topic at once.
    A change reruns ``compute`` and updates every figure in place; an invalid value is
    shown under its control and leaves the figures as they were.

    Parameters
    ----------
    baseline, scenario
        Data and the scenario the controls start from.
    keys : sequence of str
        Dotted schema prefixes of the controls.
    compute : callable
        ``compute(baseline, scenario) -> result``.
    figures : mapping
        Figure name -> ``build(result, lang) -> go.Figure``.
    summary : callable
        ``summary(result, lang) -> list of sentences``.

    Attributes
    ----------
    controls : planning.widgets.Controls
    figures : dict of LiveFigure
    result
        The latest result of ``compute``.
    widget : ipywidgets.VBox
        What the notebook shows (an Explorer displays as this widget).
    """

    def __init__(
        self,
        baseline: Any,
        scenario: Scenario,
        keys: Sequence[str],
        compute: Callable[[Any, Scenario], Any],
        figures: Mapping[str, Callable[[Any, str], go.Figure]],
        summary: Callable[[Any, str], list[str]],
        lang: str = "en",
    ):
        self.baseline, self.lang = baseline, lang
        self._compute, self._builders, self._summary = compute, dict(figures), summary
        self.controls = section_controls(scenario, keys, lang)
        self.result = compute(baseline, scenario)
        self.figures = {
            n: LiveFigure(b(self.result, lang), lang) for n, b in self._builders.items()
        }
        self.summary = w.HTML(self._summary_html())
        self.controls.observe(self._on_change)
        self.widget = w.VBox(
            [self.controls.box, self.summary, *[f.widget for f in self.figures.values()]]
        )

    def _summary_html(self) -> str:
        return str(pages.sentences_html(self._summary(self.result, self.lang)))

    def _on_change(self, _key: str, _value: Any) -> None:
        values, problems = self.controls.read()
        if not problems:
            try:
                scenario = self.controls.base.with_overrides(values, source="controls")
            except ScenarioError as exc:
                problems = problems_by_key(exc, list(self.controls.widgets))
        self.controls.show_problems(problems)
        if problems:
            return
        self.result = self._compute(self.baseline, scenario)
        for name, build in self._builders.items():
            self.figures[name].update(build(self.result, self.lang))
        self.summary.value = self._summary_html()
        self.controls.mark_changed(self.controls.changed())

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


TALENT_EXPLORER_KEYS = (
    "talent.intake_per_year",
    "talent.intake_ramp",
    "talent.intake_fill_rate",
    "talent.attrition_rate",
    "talent.renewal_share",
    "talent.vacancies_from_pools",
    "talent.upgrade_seats_per_year",
    "talent.exam_candidates_per_community",
)
TRAINING_EXPLORER_KEYS = (
    "training.deadline_month",
    "training.new_secretary_window_months",
    "training.absence_cap_share",
    "training.cap_follows_calendar",
    "training.blackout_below",
    "training.classes_per_month_scale",
    "training.yearly_budget_yuan",
    "training.include_in_town_bases",
    "training.yearly_churn",
    "training.election_replacement_share",
)
VENUE_EXPLORER_KEYS = ("venues", "subsidies")


def talent_explorer(
    baseline: Any,
    scenario: Scenario,
    lang: str = "en",
    keys: Sequence[str] = TALENT_EXPLORER_KEYS,
    max_draws: int = 300,
) -> Explorer:
    """The reserve-talent levers over the pools, Monte Carlo fan and county charts.

    At most ``max_draws`` Monte Carlo draws are run per change so that dragging stays
    instant. Example: ``talent_explorer(load_baseline(), load_scenario("baseline"))``.
    """
    from ..charts import talent as ct
    from ..models.talent import run_talent

    draws = min(scenario.run.mc_draws, max_draws)
    base = scenario.with_overrides({"run.mc_draws": draws}, source="explorer")
    figures = {"pools": ct.pools_chart, "fan": ct.fan_chart, "county": ct.county_chart}
    return Explorer(
        baseline,
        base,
        keys,
        run_talent,
        figures,
        lambda r, lang: ct.summary_lines(r, None, lang)[:2],
        lang,
    )


def training_explorer(
    baseline: Any,
    scenario: Scenario,
    lang: str = "en",
    keys: Sequence[str] = TRAINING_EXPLORER_KEYS,
) -> Explorer:
    """The training levers over the coverage, class, absence and cost charts.

    Each change re-plans exactly (with the diagnosis when the deadlines cannot be met).
    """
    from ..charts import training as ctr
    from ..models.training import plan_training

    figures = {
        "coverage": ctr.coverage_chart,
        "gantt": ctr.gantt_chart,
        "absence": ctr.absence_heatmap,
        "cost": ctr.cost_chart,
    }
    return Explorer(baseline, scenario, keys, plan_training, figures, ctr.summary_lines, lang)


@dataclass(frozen=True)
class VenueResults:
    """What the venue explorer recomputes on each change."""

    plan: Any
    seek: Any
    subsidies: Any


def _venue_results(baseline: Any, scenario: Scenario) -> VenueResults:
    from ..models.subsidies import plan_subsidies
    from ..models.venues import plan_venues, seek_venue_budget

    return VenueResults(
        plan_venues(baseline, scenario),
        seek_venue_budget(baseline, scenario),
        plan_subsidies(baseline, scenario),
    )


def venue_explorer(
    baseline: Any,
    scenario: Scenario,
    lang: str = "en",
    keys: Sequence[str] = VENUE_EXPLORER_KEYS,
) -> Explorer:
    """The venue and subsidy levers over the tier mix, budget and compliance charts.

    Each change reruns the venue plan, the least-budget search and the subsidy budget.
    """
    from ..charts import venues as cv

    figures = {
        "mix": lambda r, lang: cv.tier_mix_chart(r.plan, lang),
        "budget": lambda r, lang: cv.venue_budget_chart(r.plan, lang),
        "compliance": lambda r, lang: cv.subsidy_compliance_table(r.subsidies, lang),
    }

    def summary(r: VenueResults, lang: str) -> list[str]:
        return [*cv.venue_summary(r.plan, r.seek, lang), cv.subsidy_summary(r.subsidies, lang)]

    return Explorer(baseline, scenario, keys, _venue_results, figures, summary, lang)
