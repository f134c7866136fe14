"""The workbook's screen: scenario bar, save and export, data choice, one tab per topic.

:class:`Workbook` is what ``notebooks/workbook.ipynb`` (and the Voila app) displays. It
owns the widgets only; the computing is the :class:`~planning.panel.engine.Engine`'s, what
each tab shows comes from :mod:`planning.catalogue` (charts, key numbers, sentences, the
register), and every string from :mod:`planning.present` through :mod:`planning.pages`,
the same as in the briefings.

How a change flows:

1. A control changes; a short timer (``debounce_s``) coalesces bursts, so holding an
   arrow key computes once for the latest value, never a backlog.
2. The controls are read into one validated scenario. Invalid values are shown next to
   their control and nothing is recomputed.
3. The engine reruns only what depends on the change: the visible tab's models first,
   then the rest; slow work goes to its worker thread.
4. Charts of recomputed models are rebuilt and copied into the existing FigureWidgets
   (:class:`~planning.panel.live.LiveFigure`); charts of hidden tabs when they open.
"""

from __future__ import annotations

import asyncio
import logging
import os
import traceback
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import catalogue, pages
from ..data import Baseline, load_baseline
from ..errors import PlanningError, Problem, ScenarioError
from ..i18n import MESSAGES, t
from ..paths import REPORTS_DIR, ROOT, SCENARIO_DIR
from ..present import count, number
from ..scenario import FIELDS, Scenario, list_scenarios, load_scenario, scenario_path
from ..widgets import Controls, controls_for_keys, problems_by_key
from .engine import MODELS, Engine, ModelSpec
from .live import LiveFigure
from .progress import ProgressPanel, find_ledger
from .saving import NameTaken, SaveError, describe, export_scenario, file_stem, save_scenario

log = logging.getLogger(__name__)

TABS = catalogue.TOPICS
"""Tab names in display order; titles come from ``panel.tab.<name>``."""

PROGRESS = "progress"
"""The Progress tab (a mid-plan review), last, after the topics' tabs."""

TAB_CONTROLS: dict[str, tuple[str, ...]] = {
    "talent": ("talent",),
    "training": ("training",),
    "venues": ("venues",),
    "subsidies": ("subsidies",),
    "targets": ("targets", "assessment", "run"),
}
"""Scenario sections (dotted prefixes) whose controls each tab shows."""

TAB_OF_MODEL = {
    "talent": "talent",
    "talent_seek": "talent",
    "training": "training",
    "venues": "venues",
    "venue_seek": "venues",
    "subsidies": "subsidies",
    "budget": "subsidies",
    "register": "targets",
}
"""Where a model's failure is reported."""

LANGUAGE_KEY = "run.language"
"""The language control sits in the scenario bar, not in a tab."""

SCENARIO_DIR_ENV = "PLANNING_SCENARIO_DIR"
"""Environment variable naming the folder the workbook lists and saves scenarios in."""

REPORTS_DIR_ENV = "PLANNING_REPORTS_DIR"
"""Environment variable naming the folder exported briefings are written under."""


@dataclass
class Tab:
    """The widgets of one tab."""

    name: str
    controls: Controls
    message: w.HTML
    numbers: w.HTML
    figure_box: w.VBox
    register: w.HTML | None = None
    charts: dict[str, LiveFigure] = field(default_factory=dict)
    box: w.Box | None = None


class Workbook:
    """The planning workbook: scenario bar, save and export, data choice, a tab per topic.

    Parameters
    ----------
    baseline : Baseline, optional
        Data to plan on; default: load ``data_dir`` (None = the bundled Example City).
    scenario : str, Path or Scenario
        A scenario name from ``data/scenarios``, a YAML path, or a Scenario.
    data_dir : str or Path, optional
        Folder of CSV files or an Excel workbook (used when ``baseline`` is None).
    lang : {"en", "zh"}, optional
        Language of the whole workbook; default: the scenario's ``run.language``.
    scenario_dir : Path, optional
        Where scenarios are listed and saved (default: the ``PLANNING_SCENARIO_DIR``
        environment variable, else ``data/scenarios``).
    reports_dir : Path, optional
        Where exported briefings go, in ``workbook/NAME/`` (default: the
        ``PLANNING_REPORTS_DIR`` environment variable, else ``reports``).
    debounce_s : float, optional
        Quiet time before a change is computed; default 0.02 s inside a running event
        loop (a kernel), 0 (compute at once) elsewhere.
    background : bool, optional
        Run slow work in a worker thread; default: when an event loop is running.
    models, charts, numbers : optional
        The computations, charts and key numbers (default: :data:`engine.MODELS`,
        :data:`catalogue.CHARTS`, :data:`catalogue.NUMBERS`).
    ledger : str, optional
        The progress ledger the Progress tab reviews against (URL or path); default
        ``$PLANNING_LEDGER``, else ``ledger.sqlite`` beside the data if there is one.
    as_of : str, optional
        The Progress tab's first date (``"2015-06"``); default the latest.

    Examples
    --------
    >>> wb = Workbook(scenario="baseline")   # in a notebook cell; displays itself
    >>> wb.set("talent.intake_per_year.returnee", 1800)
    >>> wb.results["talent"].target.met_by_deadline
    True
    """

    def __init__(
        self,
        baseline: Baseline | None = None,
        scenario: str | Path | Scenario = "baseline",
        data_dir: str | Path | None = None,
        lang: str | None = None,
        *,
        scenario_dir: Path | None = None,
        reports_dir: Path | None = None,
        debounce_s: float | None = None,
        background: bool | None = None,
        models: tuple[ModelSpec, ...] | None = None,
        charts: tuple[catalogue.ChartSpec, ...] | None = None,
        numbers: tuple[catalogue.NumbersSpec, ...] | None = None,
        ledger: str | None = None,
        as_of: str | None = None,
    ):
        self.scenario_dir = Path(scenario_dir or os.environ.get(SCENARIO_DIR_ENV) or SCENARIO_DIR)
        self.reports_dir = Path(reports_dir or os.environ.get(REPORTS_DIR_ENV) or REPORTS_DIR)
        self.base, self.base_source = self._resolve(scenario)
        self.lang = lang or self.base.run.language
        if self.lang != self.base.run.language:
            self.base = self.base.with_overrides({LANGUAGE_KEY: self.lang}, source="lang")
        self.data_dir = data_dir
        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        self.loop = loop
        self.debounce_s = (0.02 if loop else 0.0) if debounce_s is None else debounce_s
        self.background = (loop is not None) if background is None else background
        self.engine = Engine(
            baseline if baseline is not None else load_baseline(data_dir),
            models if models is not None else MODELS,
            loop=loop if self.background else None,
            on_results=self._background_results,
        )
        self.chart_specs = {c.name: c for c in (charts if charts is not None else catalogue.CHARTS)}
        self.number_specs = list(numbers if numbers is not None else catalogue.NUMBERS)
        self.scenario = self.base
        self.problems: dict[str, list[str]] = {}
        self.last_briefing: Path | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._export_executor: ThreadPoolExecutor | None = None
        self._bar_render: Callable[[str], str] | None = None
        self._stale: set[str] = set()
        self._draw_errors: dict[str, str] = {}
        self._picking = False
        self._confirm_for: tuple[str, str] | None = None
        self._stem_edited = False
        self._setting_stem = False
        self._review_args = (ledger if ledger is not None else find_ledger(data_dir), as_of)

        self._build_widgets()
        self.refresh(wait=True)

    # ------------------------------------------------------------------ engine state

    @property
    def baseline(self) -> Baseline:
        """The data the workbook plans on."""
        return self.engine.baseline

    @property
    def results(self) -> dict[str, Any]:
        """Latest result of each computation by name."""
        return self.engine.results

    @property
    def versions(self) -> dict[str, int]:
        return self.engine.versions

    @property
    def runs(self) -> dict[str, int]:
        """How many times each computation ran."""
        return self.engine.runs

    @property
    def timings(self) -> dict[str, float]:
        """Seconds of each computation's last full run."""
        return self.engine.timings

    @property
    def errors(self) -> dict[str, str]:
        """Computations whose last run failed, with the message shown."""
        return self.engine.errors

    @property
    def slow_s(self) -> float:
        """A model whose last run took longer than this runs in the background next time."""
        return self.engine.slow_s

    @slow_s.setter
    def slow_s(self, value: float) -> None:
        self.engine.slow_s = value

    # ------------------------------------------------------------------ scenario sources

    def _resolve(self, scenario: str | Path | Scenario) -> tuple[Scenario, str]:
        if isinstance(scenario, Scenario):
            return scenario, scenario.name
        path = scenario_path(scenario, self.scenario_dir)
        return load_scenario(path), str(path)

    # ------------------------------------------------------------------ widgets

    def _build_widgets(self) -> None:
        lang = self.lang
        self.style = w.HTML(f"<style>{pages.components_css()}\n{_app_css()}</style>")
        self.title = w.HTML()
        self.scenario_pick = w.Dropdown(layout=w.Layout(width="320px"))
        self.scenario_pick.add_class("planning-scenario")
        self._fill_scenario_options(self.base.name)
        self.scenario_pick.observe(self._on_pick, names="value")
        self.reset_button = w.Button(icon="undo", layout=w.Layout(width="auto"))
        self.reset_button.on_click(lambda _: self.reset())
        self.changes = w.HTML()
        self.language = controls_for_keys(self.base, [LANGUAGE_KEY], lang)
        lw = self.language.widgets[LANGUAGE_KEY]
        lw.layout = w.Layout(width="260px")
        lw.style = {"description_width": "80px"}
        lw.add_class("planning-language")
        self.language.observe(lambda _k, v: self.set_language(v))

        self.save_title = w.Text(layout=w.Layout(width="360px"))
        self.save_title.observe(self._on_title, names="value")
        self.save_name = w.Text(layout=w.Layout(width="300px"))
        self.save_name.observe(self._on_stem, names="value")
        self.save_note = w.Textarea(layout=w.Layout(width="664px", height="48px"))
        self.save_button = w.Button(icon="save", layout=w.Layout(width="auto"))
        self.save_button.on_click(lambda _: self._save_clicked(overwrite=False))
        self.confirm_button = w.Button(
            button_style="warning", layout=w.Layout(width="auto", display="none")
        )
        self.confirm_button.on_click(lambda _: self._save_clicked(overwrite=True))
        self.export_button = w.Button(icon="file-text", layout=w.Layout(width="auto"))
        self.export_button.on_click(lambda _: self.export_briefing())
        self.bar_message = w.HTML()
        for widget, css in (
            (self.save_title, "planning-save-title"),
            (self.save_name, "planning-save-name"),
            (self.save_note, "planning-save-note"),
            (self.save_button, "planning-save"),
            (self.confirm_button, "planning-overwrite"),
            (self.export_button, "planning-export"),
            (self.bar_message, "planning-bar-message"),
            (self.reset_button, "planning-reset"),
        ):
            widget.add_class(css)

        self.data_path = w.Text(layout=w.Layout(width="420px"))
        if self.data_dir:
            self.data_path.value = str(self.data_dir)
        self.data_button = w.Button(icon="folder-open", layout=w.Layout(width="auto"))
        self.data_button.on_click(lambda _: self.load_data(self.data_path.value.strip() or None))
        self.data_status = w.HTML()
        self.busy = w.HTML()

        self.tabs: dict[str, Tab] = {}
        for name in TABS:
            keys = [
                k
                for k in FIELDS
                if k != LANGUAGE_KEY
                and any(k == p or k.startswith(p + ".") for p in TAB_CONTROLS[name])
            ]
            controls = controls_for_keys(self.base, keys, lang)
            controls.observe(self._on_control)
            tab = Tab(
                name,
                controls,
                w.HTML(),
                w.HTML(),
                w.VBox([], layout=w.Layout(width="100%")),
                register=w.HTML() if name == "targets" else None,
            )
            if tab.register is not None:
                tab.register.add_class("planning-register")
            tab.box = self._tab_box(tab)
            self.tabs[name] = tab
        ledger, as_of = self._review_args
        self.progress = ProgressPanel(
            lambda: self.baseline,
            ledger,
            lang,
            as_of=as_of,
            loop=self.loop if self.background else None,
        )
        self.tab = w.Tab(children=[*(self.tabs[n].box for n in TABS), self.progress.box])
        self.tab.observe(self._on_tab, names="selected_index")

        row = {"align_items": "center", "flex_flow": "row wrap"}
        self.scenario_row = w.HBox(
            [self.scenario_pick, self.reset_button, self.changes, lw], layout=w.Layout(**row)
        )
        self.save_row = w.HBox(
            [
                self.save_title,
                self.save_name,
                self.save_button,
                self.confirm_button,
                self.export_button,
            ],
            layout=w.Layout(**row),
        )
        self.note_row = w.HBox([self.save_note], layout=w.Layout(**row))
        self.data_row = w.HBox(
            [self.data_path, self.data_button, self.data_status], layout=w.Layout(**row)
        )
        self.widget = w.VBox(
            [
                self.style,
                self.title,
                self.scenario_row,
                self.save_row,
                self.note_row,
                self.bar_message,
                self.data_row,
                self.busy,
                self.tab,
            ],
            layout=w.Layout(width="100%"),
        )
        self.widget.add_class("planning-workbook")
        self._label_everything()
        self._show_data_status()

    def _tab_box(self, tab: Tab) -> w.Box:
        right: list[w.Widget] = [tab.message, tab.numbers]
        if tab.register is not None:
            right.append(tab.register)
        right.append(tab.figure_box)
        left = w.VBox([tab.controls.box])
        left.add_class("planning-controls")
        right_box = w.VBox(right)
        right_box.add_class("planning-results")
        box = w.HBox([left, right_box], layout=w.Layout(width="100%"))
        box.add_class("planning-tabbox")
        return box

    def _label_everything(self) -> None:
        lang = self.lang
        self.title.value = str(
            pages.render(
                "app_title.html.j2",
                title=t("panel.title", lang),
                subtitle=t("panel.subtitle", lang),
            )
        )
        self.scenario_pick.description = t("panel.scenario", lang)
        self.scenario_pick.style = {"description_width": "70px"}
        self.reset_button.description = t("panel.reset", lang)
        self.reset_button.tooltip = t("panel.reset_tip", lang)
        self.save_title.description = t("panel.save_title", lang)
        self.save_title.placeholder = t("panel.save_title_placeholder", lang)
        self.save_title.style = {"description_width": "70px"}
        self.save_name.description = t("panel.save_name", lang)
        self.save_name.placeholder = t("panel.save_name_placeholder", lang)
        self.save_name.style = {"description_width": "70px"}
        self.save_note.description = t("panel.save_note", lang)
        self.save_note.placeholder = t("panel.save_note_placeholder", lang)
        self.save_note.style = {"description_width": "70px"}
        self.save_button.description = t("panel.save", lang)
        self.confirm_button.description = t("panel.overwrite", lang)
        self.export_button.description = t("panel.export", lang)
        self.data_path.description = t("panel.data", lang)
        self.data_path.placeholder = t("panel.data_placeholder", lang)
        self.data_path.style = {"description_width": "70px"}
        self.data_button.description = t("panel.data_load", lang)
        self.tab.titles = [t(f"panel.tab.{n}", lang) for n in (*TABS, PROGRESS)]

    def _fill_scenario_options(self, selected: str) -> None:
        names = list_scenarios(self.scenario_dir)
        if selected not in names:
            names = [selected, *names]
        options = [(self._scenario_title(n, selected), n) for n in names]
        self._picking = True
        try:
            self.scenario_pick.options = options
            self.scenario_pick.value = selected
        finally:
            self._picking = False

    def _scenario_title(self, name: str, selected: str) -> str:
        """A scenario's title in the workbook's language (``title_zh`` in Chinese)."""
        if name == selected:
            return self.base.title_in(self.lang)
        try:
            return load_scenario(scenario_path(name, self.scenario_dir)).title_in(self.lang)
        except PlanningError:
            return name

    def _ipython_display_(self) -> None:  # pragma: no cover - exercised in notebooks
        from IPython.display import display

        display(self.widget)

    # ------------------------------------------------------------------ public actions

    @property
    def controls(self) -> dict[str, Controls]:
        """Controls of each tab by tab name (the language control is ``self.language``)."""
        return {n: tab.controls for n, tab in self.tabs.items()}

    def widget_for(self, key: str) -> w.Widget:
        """The control of a dotted key."""
        if key == LANGUAGE_KEY:
            return self.language.widgets[key]
        for c in self.controls.values():
            if key in c.widgets:
                return c.widgets[key]
        raise KeyError(key)

    def set(self, key: str, value: Any) -> None:
        """Set a control as a user would and compute at once (tests, scripted demos)."""
        self.widget_for(key).value = value
        self.flush()

    def flush(self) -> None:
        """Compute now if a change is waiting for its debounce timer."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
            self.refresh()

    def reset(self) -> None:
        """Move every control back to the chosen scenario."""
        self._set_controls(self.base)
        self.refresh()

    def pick(self, name: str) -> None:
        """Choose a scenario from the scenario folder and reset the controls to it."""
        self.scenario_pick.value = name

    def set_language(self, lang: str) -> None:
        """Switch every label, title, chart and table to ``lang`` (no recomputation)."""
        if lang == self.lang:
            return
        self.lang = lang
        lw = self.language.widgets[LANGUAGE_KEY]
        if lw.value != lang:
            with self.language.quiet():
                lw.value = lang
        self.language.set_language(lang)
        for tab in self.tabs.values():
            tab.controls.set_language(lang)
        self.progress.set_language(lang)
        self._label_everything()
        self._fill_scenario_options(self.scenario_pick.value or self.base.name)
        self._show_data_status()
        if self._bar_render is not None:
            self.bar_message.value = self._bar_render(lang)
        self.refresh()
        self._redraw(set(self.results), everything=True)

    # ------------------------------------------------------------------ change handling

    def _on_control(self, _key: str, _value: Any) -> None:
        if self.debounce_s <= 0 or self.loop is None:
            self.refresh()
            return
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self.loop.call_later(self.debounce_s, self._timer_fired)

    def _timer_fired(self) -> None:
        self._timer = None
        self.refresh()

    def _on_pick(self, change: Any) -> None:
        if self._picking or change["new"] is None:
            return
        name = change["new"]
        try:
            self.base, self.base_source = self._resolve(name)
        except PlanningError as exc:
            self._say(lambda _l, e=str(exc): pages.errors_html([e]))
            return
        self._say(lambda _l: "")
        self._set_controls(self.base)
        if self.base.run.language != self.lang:
            self.set_language(self.base.run.language)
        self.refresh()

    def _set_controls(self, scenario: Scenario) -> None:
        for c in self.controls.values():
            with c.quiet():
                c.set_values(scenario)
        with self.language.quiet():
            self.language.set_values(scenario)

    def _read_controls(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        values: dict[str, Any] = {}
        problems: dict[str, list[str]] = {}
        for c in [*self.controls.values(), self.language]:
            v, p = c.read()
            values.update(v)
            problems.update(p)
        return values, problems

    def _validate(self) -> tuple[Scenario | None, dict[str, list[str]]]:
        values, problems = self._read_controls()
        if problems:
            return None, problems
        try:
            return self.base.with_overrides(values, source="controls"), {}
        except ScenarioError as exc:
            return None, problems_by_key(exc, values)

    def read_scenario(self) -> Scenario:
        """The scenario the controls describe, validated; ScenarioError lists the problems."""
        scenario, problems = self._validate()
        if scenario is None:
            raise ScenarioError(
                "controls: the settings are not valid",
                [Problem(k or "controls", x) for k, texts in problems.items() for x in texts],
            )
        return scenario

    def refresh(self, *, wait: bool = False) -> None:
        """Read the controls, validate, recompute what changed and redraw it.

        ``wait=True`` computes everything in full before returning (the first picture).
        """
        scenario, problems = self._validate()
        self._show_problems(problems)
        if scenario is None:
            return
        if scenario.run.start_year != self.scenario.run.start_year:
            for c in self.controls.values():
                c.show_words(scenario.run.start_year)
        self.scenario = scenario
        self._show_changes()
        background = self.background and not wait
        # What is on screen first; then the rest (e.g. the register behind another tab).
        first = self.engine.update(scenario, background=background, only=self._visible_models())
        self._redraw(first)
        rest = self.engine.update(scenario, background=background)
        if rest:
            self._redraw(rest)
        self.progress.update(scenario, visible=self.visible_tab() == PROGRESS, wait=wait)
        self._show_busy()

    def _visible_models(self) -> set[str]:
        """The computations the visible tab shows, with everything they need."""
        tab = self.visible_tab()
        names = {m for c in self.chart_specs.values() if c.topic == tab for m in c.models}
        names |= {m for n in self.number_specs if n.topic == tab for m in n.models}
        if tab == "targets":
            names.add("register")
        return self.engine.closure(names)

    def _background_results(self, changed: set[str], full_only: set[str]) -> None:
        if changed:
            self._redraw(changed, full_only=full_only)
        else:
            self._show_messages()
        self._show_busy()

    def close(self) -> None:
        """Stop the debounce timer and the worker threads (the widgets stay as they are)."""
        if self._timer is not None:
            self._timer.cancel()
        self.engine.close()
        if self._export_executor is not None:
            self._export_executor.shutdown(wait=False, cancel_futures=True)
        self.progress.close()

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until background work is done (tests and scripts; not inside the loop)."""
        return self.engine.wait(timeout)

    # ------------------------------------------------------------------ drawing

    def _redraw(
        self, changed: set[str], *, everything: bool = False, full_only: set[str] = frozenset()
    ) -> None:
        """Refresh numbers and the register now; charts of the visible tab now, others
        when their tab is opened (building a figure costs tens of milliseconds).

        ``full_only`` names models whose new result only adds the full run to a quick pass
        already drawn: only charts marked ``needs_full`` are rebuilt for them.
        """
        lang, scenario = self.lang, self.scenario
        for spec in self.chart_specs.values():
            hit = set(spec.models) & changed
            if hit and hit <= full_only and not spec.needs_full:
                continue
            if everything or hit:
                self._stale.add(spec.name)
        self._draw_charts(self.visible_tab())  # what the planner looks at goes out first
        for spec in self.number_specs:
            if not everything and not set(spec.models) & changed:
                continue
            if any(m not in self.results for m in spec.models if m in self.engine.models):
                continue
            try:
                cards = spec.cards(self.results, scenario, lang)
                lines = spec.sentences(self.results, scenario, lang) if spec.sentences else []
            except Exception as exc:
                log.error("numbers of %s failed:\n%s", spec.topic, traceback.format_exc())
                self._draw_errors[f"numbers:{spec.topic}"] = t(
                    "panel.chart_failed", lang, error=f"{exc}"
                )
                continue
            self._draw_errors.pop(f"numbers:{spec.topic}", None)
            html = pages.cards_html(cards) + pages.sentences_html(lines)
            self.tabs[spec.topic].numbers.value = str(html)
        if everything or "register" in changed:
            self._show_register()
        self._show_messages()

    def visible_tab(self) -> str:
        """Name of the tab on screen (``"progress"`` for the Progress tab)."""
        index = self.tab.selected_index or 0
        return TABS[index] if index < len(TABS) else PROGRESS

    def _on_tab(self, _change: Any) -> None:
        if self.visible_tab() == PROGRESS:
            self.progress.update(self.scenario, visible=True)
            return
        self._draw_charts(self.visible_tab())
        self._show_messages()

    def draw_all(self) -> None:
        """Bring the charts of every tab up to date (tests, exports)."""
        for name in TABS:
            self._draw_charts(name)
        self._show_messages()

    def _draw_charts(self, tab_name: str) -> None:
        if tab_name not in self.tabs:
            return  # the Progress tab draws itself
        tab = self.tabs[tab_name]
        for spec in self.chart_specs.values():
            if spec.topic != tab_name:
                continue
            if spec.name in tab.charts and spec.name not in self._stale:
                continue
            if not spec.is_ready(self.results):
                continue
            try:
                fig = spec.build(self.results, self.scenario, self.lang)
            except Exception as exc:  # a chart bug shows as a message, not a traceback
                log.error("chart %s failed:\n%s", spec.name, traceback.format_exc())
                self._draw_errors[spec.name] = t("panel.chart_failed", self.lang, error=f"{exc}")
                self._stale.discard(spec.name)
                continue
            self._draw_errors.pop(spec.name, None)
            self._stale.discard(spec.name)
            live = tab.charts.get(spec.name)
            if live is None or live.lang != self.lang:
                # A chart takes its locale when first drawn: a new language, a new widget.
                old = live
                live = tab.charts[spec.name] = LiveFigure(fig, self.lang)
                live.widget.add_class("planning-chart")
                live.widget.add_class(f"planning-chart-{spec.name}")
                order = [c for c in self.chart_specs if c in tab.charts]
                tab.figure_box.children = [tab.charts[n].widget for n in order]
                if old is not None:
                    old.widget.close()
            else:
                live.update(fig)

    def _show_messages(self) -> None:
        lang = self.lang
        messages: dict[str, list[str]] = {n: [] for n in TABS}
        for key, text in self._draw_errors.items():
            name = key.split(":", 1)[1] if key.startswith("numbers:") else None
            spec = self.chart_specs.get(key)
            tab = name or (spec.topic if spec is not None else "targets")
            messages[tab].append(text)
        for name, err in self.errors.items():
            tab = TAB_OF_MODEL.get(name, "targets")
            model = t(f"panel.model.{name}", lang) if f"panel.model.{name}" in MESSAGES else name
            messages[tab].append(t("panel.model_failed", lang, model=model, error=err))
        bad = self.problems_tabs()
        for name, tab in self.tabs.items():
            lines = []
            if name in bad or (self.problems.get("") and name == "targets"):
                lines.append(t("panel.invalid", lang))
                if self.problems.get(""):
                    lines.append(
                        t("panel.other_problems", lang) + " " + "; ".join(self.problems[""])
                    )
            tab.message.value = str(pages.errors_html(lines + messages[name]))

    def _show_register(self) -> None:
        tab = self.tabs["targets"]
        reg = self.results.get("register")
        assert tab.register is not None
        if reg is None:
            tab.register.value = str(pages.sentences_html([t("register.empty", self.lang)]))
            return
        rows = catalogue.register_rows(reg, self.lang)
        tab.register.value = str(
            pages.register_html(
                rows, catalogue.register_header(self.lang), t("register.title", self.lang)
            )
        )

    # ------------------------------------------------------------------ status lines

    def problems_tabs(self) -> set[str]:
        """Tabs holding a control with an invalid value."""
        out = set()
        for name, tab in self.tabs.items():
            if any(k in tab.controls.widgets for k in self.problems):
                out.add(name)
        return out

    def _show_problems(self, problems: Mapping[str, list[str]]) -> None:
        self.problems = {k: list(v) for k, v in problems.items() if v}
        for c in self.controls.values():
            c.show_problems(self.problems)
        self._show_messages()

    def _show_changes(self) -> None:
        keys: list[str] = []
        for c in self.controls.values():
            changed = c.changed(self.base)
            c.mark_changed(changed)
            keys += changed
        self.changes.value = str(
            pages.render(
                "app_changes.html.j2",
                changed=bool(keys),
                text=t(
                    "panel.changes",
                    self.lang,
                    count=count(len(keys), "change", self.lang),
                    name=self.base.title_in(self.lang),
                )
                if keys
                else t("panel.no_changes", self.lang, name=self.base.title_in(self.lang)),
                tip=describe(self.scenario, self.base, self.lang) if keys else "",
            )
        )

    def changed_keys(self) -> list[str]:
        """Dotted keys whose control differs from the chosen scenario."""
        return [k for c in self.controls.values() for k in c.changed(self.base)]

    def _show_busy(self) -> None:
        names = self.engine.busy()
        if not names:
            self.busy.value = ""
            return
        what = "、" if self.lang == "zh" else ", "
        text = what.join(
            t("panel.model.talent_mc", self.lang)
            if n == "talent"
            else (t(f"panel.model.{n}", self.lang) if f"panel.model.{n}" in MESSAGES else n)
            for n in names
        )
        self.busy.value = str(
            pages.render("app_busy.html.j2", text=t("panel.busy", self.lang, what=text))
        )

    def _show_data_status(self) -> None:
        b = self.baseline
        source = b.source if self.data_dir is not None else t("panel.example_city", self.lang)
        self.data_status.value = str(
            pages.escape(
                t(
                    "panel.data_loaded",
                    self.lang,
                    source=source,
                    villages=number(len(b.villages)),
                    communities=number(len(b.communities)),
                )
            )
        )

    # ------------------------------------------------------------------ data choice

    def load_data(self, path: str | Path | None) -> bool:
        """Switch to another data folder or Excel workbook; problems are shown, not raised."""
        try:
            baseline = load_baseline(path)
        except PlanningError as exc:
            source = str(path) if path else t("panel.example_city", self.lang)
            problems = [str(p) for p in exc.problems] or [str(exc)]
            self.data_status.value = str(
                pages.render(
                    "app_problems.html.j2",
                    head=t("panel.data_problems", self.lang, source=source),
                    problems=problems,
                )
            )
            return False
        self.engine.set_baseline(baseline)
        self.data_dir = path
        self._show_data_status()
        self.refresh()
        return True

    # ------------------------------------------------------------------ save and export

    def _say(self, render: Callable[[str], str]) -> None:
        """Show a message next to the scenario buttons; it follows language switches."""
        self._bar_render = render
        self.bar_message.value = str(render(self.lang))

    def _hide_confirm(self) -> None:
        self._confirm_for = None
        self.confirm_button.layout.display = "none"

    def _on_title(self, change: Any) -> None:
        self._hide_confirm()
        if not self._stem_edited:
            self._setting_stem = True
            try:
                self.save_name.value = file_stem(change["new"]) if change["new"].strip() else ""
            finally:
                self._setting_stem = False

    def _on_stem(self, change: Any) -> None:
        self._hide_confirm()
        if not self._setting_stem:
            self._stem_edited = bool(change["new"].strip())

    def _save_clicked(self, *, overwrite: bool) -> None:
        stem = self.save_name.value.strip()
        title = self.save_title.value.strip() or stem
        stem = stem or (file_stem(title) if title else "")
        # A confirmation holds only for the name and title it was asked for.
        confirmed = overwrite and self._confirm_for == (stem, title)
        try:
            path = self.save_as(title, name=stem, note=self.save_note.value, overwrite=confirmed)
        except NameTaken as exc:
            self._confirm_for = (stem, title)
            self.confirm_button.layout.display = ""
            self._say(lambda _l, e=str(exc): pages.errors_html([e]))
            return
        except PlanningError as exc:
            self._hide_confirm()
            lines = [exc.headline, *[str(p) for p in exc.problems]]
            self._say(lambda _l, x=lines: pages.errors_html(x))
            return
        self._hide_confirm()
        shown = _display_path(path)
        self._say(
            lambda lang: pages.render(
                "app_ok.html.j2", text=t("panel.saved", lang, title=title, path=shown)
            )
        )

    def save_as(
        self,
        title: str,
        *,
        name: str | None = None,
        note: str = "",
        overwrite: bool = False,
    ) -> Path:
        """Write the current settings as ``<scenario_dir>/<name>.yaml``, validated.

        ``title`` is what people read (any text, Chinese included); ``name`` the file name,
        derived from the title when not given (:func:`~planning.panel.saving.file_stem`).
        The description is ``note`` followed by the scenario the settings started from
        and what differs from it, in the workbook's language. The file holds every
        parameter, so ``planning batch`` runs it as is.

        Raises NameTaken when another file has that name and ``overwrite`` is False;
        SaveError when the name, the title or a value is invalid or the file cannot be
        written.
        """
        lang = self.lang
        try:
            scenario = self.read_scenario()
        except ScenarioError:
            raise SaveError(t("panel.save_invalid", lang)) from None
        title = title.strip() or (name or "").strip()
        stem = name if name is not None else file_stem(title)
        scenario, path = save_scenario(
            scenario,
            self.scenario_dir,
            stem=stem,
            title=title,
            description=describe(scenario, self.base, lang, note),
            base=self.base,
            overwrite=overwrite,
            lang=lang,
        )
        self.base, self.base_source = scenario, str(path)
        self._fill_scenario_options(scenario.name)
        self.refresh()
        return path

    def export_briefing(self) -> Path | None:
        """Write the briefing of the current settings and show a link to it.

        The settings go to ``<reports_dir>/workbook/.scenarios/NAME.yaml`` and the briefing
        to ``<reports_dir>/workbook/NAME/briefing.html`` through the batch runner's single-scenario
        path (the same notebook and export as ``planning run``). Settings that differ from
        the chosen scenario get a name of their own (``NAME_edited_<hash>``) and record the
        scenario they started from, so the briefing lists what was changed. Inside a
        kernel it runs in a worker thread and returns None at once; elsewhere it returns
        the HTML path (None on failure). The data are ``data_dir`` (the Example City when
        the workbook was given an in-memory baseline).
        """
        try:
            scenario = self.read_scenario()
        except ScenarioError:
            self._say(lambda lang: pages.errors_html([t("panel.save_invalid", lang)]))
            return None
        scenario = export_scenario(scenario, self.base, self.lang)
        self._say(
            lambda lang, s=scenario: pages.render(
                "app_busy.html.j2", text=t("panel.export_running", lang, name=s.title_in(lang))
            )
        )
        self.export_button.disabled = True
        if self.loop is not None and self.background:
            if self._export_executor is None:
                self._export_executor = ThreadPoolExecutor(1, "workbook-export")
            future = self._export_executor.submit(self._run_export, scenario)
            loop = self.loop
            future.add_done_callback(lambda f: loop.call_soon_threadsafe(self._export_finished, f))
            return None
        future: Future = Future()
        try:
            future.set_result(self._run_export(scenario))
        except Exception as exc:
            future.set_exception(exc)
        return self._export_finished(future)

    def _run_export(self, scenario: Scenario) -> Any:
        from ..batch import BRIEFING_NOTEBOOK, Task, run_task
        from ..fileio import atomic_write_text
        from ..provenance import data_file_hashes, inputs_hash

        root = self.reports_dir / "workbook"
        yaml_path = root / ".scenarios" / f"{scenario.name}.yaml"
        atomic_write_text(yaml_path, scenario.to_yaml())
        if scenario.based_on and not (root / ".scenarios" / f"{scenario.based_on}.yaml").exists():
            atomic_write_text(
                root / ".scenarios" / f"{scenario.based_on}.yaml", self.base.to_yaml()
            )
        data = str(Path(self.data_dir).resolve()) if self.data_dir else None
        task = Task(
            name=scenario.name,
            scenario=str(yaml_path),
            out_dir=str(root / scenario.name),
            inputs_hash=inputs_hash(scenario.to_yaml(), data_file_hashes(data), BRIEFING_NOTEBOOK),
            data_dir=data,
            title=scenario.title_in(self.lang),
            language=self.lang,
        )
        return run_task(task)

    def _export_finished(self, future: Future) -> Path | None:
        self.export_button.disabled = False
        try:
            outcome = future.result()
        except Exception as exc:  # shown next to the button, not as a traceback
            log.error("briefing export failed:\n%s", traceback.format_exc())
            self._say(
                lambda lang, e=str(exc): pages.errors_html(
                    [t("panel.export_failed", lang, error=e)]
                )
            )
            return None
        if not outcome.succeeded:
            where = Path(outcome.folder) / "error.txt" if outcome.folder else None
            err = f"{outcome.message} {_display_path(where) if where else ''}".strip()
            self._say(lambda lang: pages.errors_html([t("panel.export_failed", lang, error=err)]))
            return None
        path = Path(outcome.folder) / "briefing.html"
        self.last_briefing = path
        href, shown = briefing_href(path), _display_path(path)
        self._say(
            lambda lang: pages.render(
                "app_link.html.j2",
                text=t("panel.export_done", lang),
                href=href,
                file=path.name,
                path=shown,
            )
        )
        return path


def _app_css() -> str:
    from importlib import resources

    return resources.files("planning").joinpath("templates", "app.css").read_text("utf-8")


def briefing_href(path: Path) -> str:
    """A link to a file under the project: the app's file URL inside Voila, else relative."""
    root = Path(os.environ.get("PLANNING_APP_ROOT", ROOT))
    try:
        rel = path.resolve().relative_to(root.resolve())
    except ValueError:
        return path.resolve().as_uri()
    base = os.environ.get("VOILA_BASE_URL")
    if base is not None:
        return f"{base.rstrip('/')}/voila/files/{rel.as_posix()}"
    return "../" + rel.as_posix()  # JupyterLab resolves it from notebooks/


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
