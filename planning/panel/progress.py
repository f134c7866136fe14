"""The workbook's "Progress" tab: a mid-plan review of the current settings against the
counties' returns in the progress ledger, as known at a date the planner picks.

It shows how far the returns reach, plan against actual against the re-forecast (the
re-forecast starts from what the returns report), the counties' league table with traffic
lights and the catch-up each lagging county needs, and the calibrated rates. Everything on
it comes from :class:`planning.review.Review` through the presentation layer, as in the
briefing's "Progress to date".

The review reruns every model from the ledger (about a second on a city), so it runs when
the tab is shown, when the date changes, and when the settings change while it is shown;
with a running event loop it runs in a worker thread and only the latest request is drawn.
"""

from __future__ import annotations

import logging
import os
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import pages
from .. import present as pr
from ..errors import PlanningError
from ..i18n import t
from .live import LiveFigure

log = logging.getLogger(__name__)

LEDGER_ENV = "PLANNING_LEDGER"
AS_OF_ENV = "PLANNING_AS_OF"
"""The Progress tab's first date when the workbook is started with ``--as-of``."""


def find_ledger(data_dir: str | Path | None) -> str | None:
    """The ledger the workbook reviews: ``$PLANNING_LEDGER``, else ``ledger.sqlite`` beside
    the data when that file exists; None when there is none (the tab says how to start)."""
    if os.environ.get(LEDGER_ENV):
        return os.environ[LEDGER_ENV]
    from ..ledger import default_ledger

    path = default_ledger(data_dir)
    return str(path) if path.is_file() else None


def as_of_options(state: Any, lang: str) -> list[tuple[str, str]]:
    """Month ends from the first return received to the last: ``(label, "YYYY-MM")``."""
    received = pd.to_datetime(state.returns["received_at"])
    if not len(received):
        return []
    months = pd.period_range(received.min().to_period("M"), received.max().to_period("M"))
    return [(pr.month_label(m, lang), str(m)) for m in months]


class ProgressPanel:
    """The Progress tab's widgets and its review (see the module docstring).

    Parameters
    ----------
    baseline : Callable returning the Baseline
        The workbook's current data.
    ledger : str, optional
        The ledger's URL or path; None shows how to start one.
    as_of : str, optional
        The first date shown (``"2015-06"``); default the latest month a return came in.
    loop : event loop, optional
        With a loop, reviews run in a worker thread and land on it.
    """

    def __init__(
        self,
        baseline: Callable[[], Any],
        ledger: str | None,
        lang: str,
        *,
        as_of: str | None = None,
        loop: Any = None,
    ):
        self._baseline = baseline
        self.ledger_url = ledger
        self.lang = lang
        self.loop = loop
        self.review: Any = None
        self.error = ""
        self.stale = True
        self._scenario: Any = None
        self._request = 0
        self._executor: ThreadPoolExecutor | None = None
        self._future: Future | None = None
        self.charts: dict[str, LiveFigure] = {}
        self.as_of = w.Dropdown(layout=w.Layout(width="260px"))
        self.as_of.add_class("planning-as-of")
        self.message = w.HTML()
        self.lead = w.HTML()
        self.register = w.HTML()
        self.register.add_class("planning-progress-register")
        self.counties = w.HTML()
        self.counties.add_class("planning-league")
        self.calibration = w.HTML()
        self.figure_box = w.VBox([], layout=w.Layout(width="100%"))
        # The date on top and the review across the whole width: the league table has a
        # column per target and needs the room a controls column would take.
        results = w.VBox(
            [
                self.message,
                self.lead,
                self.register,
                self.figure_box,
                self.counties,
                self.calibration,
            ],  # fmt: skip
            layout=w.Layout(width="100%"),
        )
        results.add_class("planning-progress-results")
        self.box = w.VBox([self.as_of, results], layout=w.Layout(width="100%"))
        self.box.add_class("planning-progress")
        self._ledger = None
        self._quiet = False
        self._dates: list[tuple[str, str]] = []
        self._open_ledger()
        self._fill_dates(as_of or os.environ.get(AS_OF_ENV))
        self.as_of.observe(self._on_date, names="value")
        self.set_language(lang)

    # ---------------------------------------------------------------- ledger and dates

    def _open_ledger(self) -> None:
        if self.ledger_url is None:
            return
        from ..ledger import load_ledger

        try:
            self._ledger = load_ledger(self.ledger_url, create=False)
            self._latest = self._ledger.as_of(None)
        except PlanningError as exc:
            self._ledger, self.error = None, str(exc)

    def _fill_dates(self, as_of: str | None) -> None:
        if self._ledger is None:
            self.as_of.options, self.as_of.disabled = [], True
            return
        self._dates = as_of_options(self._latest, self.lang)
        values = [v for _, v in self._dates]
        self.as_of.options = self._dates
        if as_of is not None and as_of in values:
            self.as_of.value = as_of
        elif values:
            self.as_of.value = values[-1]

    def set_language(self, lang: str) -> None:
        """Relabel everything (the charts are remade in the new language)."""
        self.lang = lang
        self.as_of.description = t("panel.progress.as_of", lang)
        self.as_of.style = {"description_width": "70px"}
        if self._ledger is not None:
            value = self.as_of.value
            self._quiet = True  # the same dates in other words: nothing to recompute
            try:
                self._dates = as_of_options(self._latest, lang)
                self.as_of.options = self._dates
                self.as_of.value = value
            finally:
                self._quiet = False
        self.draw()

    # ---------------------------------------------------------------- computing

    def update(self, scenario: Any, *, visible: bool, wait: bool = False) -> None:
        """New settings: review them now if the tab is shown, else when it is."""
        if scenario is not self._scenario:
            self._scenario = scenario
            self.stale = True
        if visible and self.stale:
            self.run(wait=wait)

    def _on_date(self, _change: Any) -> None:
        if self._quiet:
            return
        self.stale = True
        self.run()

    def run(self, *, wait: bool = False) -> None:
        """Review the current settings as of the picked date."""
        if self._ledger is None or self._scenario is None:
            self.stale = False
            self.draw()
            return
        self.stale = False
        self._request += 1
        request, scenario, when = self._request, self._scenario, self.as_of.value
        if self.loop is None or wait:
            self._finish(request, *self._compute(scenario, when))
            return
        self.message.value = str(pages.sentences_html([t("panel.progress.busy", self.lang)]))
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="planning-review")
        future = self._executor.submit(self._compute, scenario, when)

        def landed(f: Future) -> None:
            if not f.cancelled():  # cancelled: the workbook was closed meanwhile
                self.loop.call_soon_threadsafe(self._finish, request, *f.result())

        future.add_done_callback(landed)

    def _compute(self, scenario: Any, when: str | None) -> tuple[Any, str]:
        from ..review import review

        try:
            return review(self._baseline(), scenario, self._ledger, when), ""
        except PlanningError as exc:
            return None, str(exc)
        except Exception as exc:  # a bug shows as a message, not a dead tab
            log.error("review failed:\n%s", traceback.format_exc())
            return None, t("panel.chart_failed", self.lang, error=f"{exc}")

    def _finish(self, request: int, result: Any, error: str) -> None:
        if request != self._request:
            return  # settings or date changed meanwhile: a newer review is on its way
        self.review, self.error = result, error
        self.draw()

    def wait(self, timeout: float = 120.0) -> None:
        """Block until the review in flight is done (tests; not inside the event loop)."""
        if self._executor is not None:
            self._executor.submit(lambda: None).result(timeout)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        if self._ledger is not None:
            self._ledger.close()

    # ---------------------------------------------------------------- drawing

    def draw(self) -> None:
        """Show the latest review (or why there is none) in the current language."""
        lang = self.lang
        if self._ledger is None:
            lines = [self.error] if self.error else []
            self.message.value = str(pages.errors_html(lines)) if lines else ""
            self.lead.value = str(pages.sentences_html([t("panel.progress.no_ledger", lang)]))
            return
        self.message.value = str(pages.errors_html([self.error])) if self.error else ""
        rv = self.review
        if rv is None:
            return
        from ..review import counties_html, register_html

        # Everything is made first and shown together: a language switch never leaves the
        # lead in one language and the league table in the other for a moment.
        lead = str(pages.sentences_html([rv.lead(lang)]))
        figures = rv.charts(lang)
        counties, calibration = counties_html(rv, lang)
        register = str(register_html(rv, lang))
        self.lead.value = lead
        self.register.value = register
        replaced = []
        for name, fig in figures.items():
            live = self.charts.get(name)
            if live is None or live.lang != lang:
                # A chart takes its locale when first made: a new language, a new widget.
                if live is not None:
                    replaced.append(live)
                live = self.charts[name] = LiveFigure(fig, lang)
                live.widget.add_class("planning-chart")
                live.widget.add_class(f"planning-chart-progress-{name}")
            else:
                live.update(fig)
        self.figure_box.children = [self.charts[n].widget for n in figures]
        for old in replaced:  # only once off the page: a shown widget closed is an error
            old.widget.close()
        self.counties.value = str(counties)
        self.calibration.value = str(calibration)


__all__ = ["ProgressPanel", "as_of_options", "find_ledger"]
