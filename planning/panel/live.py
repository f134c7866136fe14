"""Live charts of the workbook: a plotly FigureWidget kept up to date in place.

Two things here work around how plotly's FigureWidget behaves in a browser:

- plotly.js guesses an axis' type again whenever a trace's ``x`` or ``y`` changes, and
  the widget only sends what changed on the Python side, so an axis declared ``date``
  over numbers (a gantt's bar lengths) silently became a linear axis of milliseconds;
  and a new height fixed the width. :class:`LiveFigureWidget` sends the declared axis
  types with every trace update and keeps the width automatic.
- Every FigureWidget carries plotly's whole widget code (about 5 MB) in its own state;
  a page with many charts receives and evaluates it once per chart, and a chart whose
  copy takes over 2 s to load (anywidget's limit) never receives another update. When
  the server serves that code (``planning app`` and ``planning lab`` do, see
  :func:`planning.app.figure_js_dir`), charts instead load it once per page from there
  (:data:`FIGURE_JS_ENV`), and follow the width of their box when it changes without a
  window resize (a side panel opening, a tab shown).
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

import plotly.graph_objects as go

from ..app import FIGURE_JS_ENV

CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "showLink": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "plotlyServerURL": "",
    "modeBarButtonsToRemove": ["sendDataToCloud", "editInChartStudio", "lasso2d", "select2d"],
}
"""Plotly config of every live chart: follows the width of its box, no button that sends
data off the machine, no logo link."""

_SHARED_ESM = """\
// Plotly's FigureWidget code, loaded once per page from the server instead of once per chart.
const config = document.getElementById("jupyter-config-data");
const base = ((config && JSON.parse(config.textContent).baseUrl) || "/").replace(/\\/?$/, "/");
const plotly = await import(new URL(base + %(path)s, window.location.origin).href);

// Redraw at the width of the chart's box whenever the two differ: when the box changes size
// without a window resize (a side panel opening, a tab shown), and after every draw (a
// chart made again while its tab was hidden is drawn at plotly's default width). Once per
// frame, never inside the observer's callback; a redraw that does not change the width is
// not repeated until the box changes again.
function followWidth(el) {
  let frame = 0;
  let waits = 0;
  let hooked = false;
  let stuckAt = null;
  function fit() {
    frame = 0;
    const box = Math.round(el.getBoundingClientRect().width);
    if (!box) return; // hidden: fitted when shown
    const drawn = el._fullLayout && el._fullLayout.width;
    if (typeof el._responsiveChartHandler !== "function" || !drawn) {
      if (waits++ < 600) frame = requestAnimationFrame(fit); // not drawn yet
      return;
    }
    waits = 0;
    if (!hooked && typeof el.on === "function") {
      hooked = true;
      el.on("plotly_afterplot", later);
    }
    if (Math.abs(drawn - box) <= 2) {
      stuckAt = null;
    } else if (drawn !== stuckAt) {
      stuckAt = drawn;
      el._responsiveChartHandler();
    }
  }
  function later() {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(fit);
  }
  const observer = new ResizeObserver(() => {
    stuckAt = null;
    later();
  });
  observer.observe(el);
  return () => {
    cancelAnimationFrame(frame);
    observer.disconnect();
  };
}

export default () => {
  const figure = plotly.default();
  return {
    initialize: (ctx) => figure.initialize(ctx),
    render(ctx) {
      const remove = figure.render(ctx);
      const stop = followWidth(ctx.el);
      return () => {
        stop();
        if (typeof remove === "function") remove();
      };
    },
  };
};
"""


class LiveFigureWidget(go.FigureWidget):
    """A FigureWidget whose updates say what plotly.js would otherwise guess again.

    The widget sends only what differs from its Python copy, but plotly.js changes two
    things on its own: it guesses an axis' type again when a trace's coordinates change
    (a gantt's bar lengths are numbers on a date axis), and it fixes the width at its
    current value when the height changes. Every update that touches traces therefore
    carries the declared axis types, and one that sets the height keeps the width
    automatic, so the chart keeps following its box.
    """

    def _send_update_msg(
        self, restyle_data, relayout_data, trace_indexes=None, source_view_id=None
    ):
        relayout_data = dict(relayout_data or {})
        if restyle_data:
            for name, axis in self.layout.to_plotly_json().items():
                if not name.startswith(("xaxis", "yaxis")) or not isinstance(axis, dict):
                    continue
                if "type" in axis and not any(k.split(".")[0] == name for k in relayout_data):
                    relayout_data[f"{name}.type"] = axis["type"]
        if "height" in relayout_data and "width" not in relayout_data and self.layout.width is None:
            relayout_data.update(width=None, autosize=True)
        super()._send_update_msg(restyle_data, relayout_data, trace_indexes, source_view_id)


@cache
def _shared_figure_class(path: str) -> type[LiveFigureWidget]:
    """A LiveFigureWidget whose code is a short module loading plotly's from ``path``."""
    return type(
        "SharedFigureWidget",
        (LiveFigureWidget,),
        {"_esm": _SHARED_ESM % {"path": json.dumps(path.lstrip("/"))}, "__module__": __name__},
    )


def figure_widget(fig: go.Figure) -> LiveFigureWidget:
    """A widget of ``fig``: loading plotly's code once per page when the server serves
    it (:data:`~planning.app.FIGURE_JS_ENV` is set), else carrying its own copy."""
    path = os.environ.get(FIGURE_JS_ENV, "").strip()
    cls = _shared_figure_class(path) if path else LiveFigureWidget
    return cls(fig)


def chart_config(lang: str = "en") -> dict[str, Any]:
    """The plotly config of a live chart in ``lang``: :data:`CONFIG` and, in Chinese,
    plotly.js's zh-CN locale (toolbar tips, month and day names) carried in the config
    itself. plotly.js reads a chart's config when it first draws it, so a chart changes
    language by being made again (:class:`LiveFigure` keeps its ``lang``)."""
    from ..locales import plotly_locale_config

    return {**CONFIG, **plotly_locale_config(lang)}


class LiveFigure:
    """A plotly FigureWidget kept up to date from freshly built figures, in place.

    The widget is made once; :meth:`update` makes it show the new figure inside one
    ``batch_update`` (one message to the browser). When the new figure has the same
    number and types of traces, the traces are updated in place; otherwise they are
    replaced. The layout is replaced as a whole, so nothing of the old picture (an axis
    type, a range) survives into the new one.
    """

    def __init__(self, fig: go.Figure, lang: str = "en"):
        self.widget = figure_widget(_sized(fig))
        self.widget._config = chart_config(lang)
        self.lang = lang
        self.updates = 0

    def update(self, fig: go.Figure) -> None:
        """Make the widget show ``fig`` without re-creating it."""
        fig = _sized(fig)
        fw = self.widget
        new = list(fig.data)
        same_shape = len(new) == len(fw.data) and all(
            a.type == b.type for a, b in zip(fw.data, new, strict=True)
        )
        layout = fig.layout.to_plotly_json()
        layout.pop("template", None)  # set once at creation; the same house template
        if not same_shape:
            with fw.batch_update():
                fw.data = []
            fw.add_traces(new)
        with fw.batch_update():
            if same_shape:
                for old_tr, new_tr in zip(fw.data, new, strict=True):
                    props = new_tr.to_plotly_json()
                    props.pop("uid", None)
                    props.pop("type", None)
                    for stale in set(old_tr.to_plotly_json()) - set(props) - {"uid", "type"}:
                        props[stale] = None
                    old_tr.update(props, overwrite=True)
            for stale in set(fw.layout.to_plotly_json()) - set(layout) - {"template"}:
                layout[stale] = None
            fw.layout.update(layout, overwrite=True)
        self.updates += 1


def _sized(fig: go.Figure) -> go.Figure:
    """The figure without a fixed width, so that it follows its container."""
    if fig.layout.width is not None or fig.layout.autosize is not True:
        fig = go.Figure(fig)
        fig.layout.width = None
        fig.layout.autosize = True
    return fig
