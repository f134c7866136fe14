"""Briefings: one self-contained HTML file per scenario, readable offline and in print.

Two halves live here.

*Inside the kernel* (the briefing notebook calls these): :func:`prepare` validates the
notebook's parameters and runs every model; the :class:`Briefing` it returns gives each
section as a :class:`Section` of HTML fragments and :class:`Chart` objects. What a section
shows (key numbers, sentences, charts, the target register) comes from
:mod:`planning.catalogue`, the same catalogue the workbook app draws from, and every
string from :mod:`planning.present`; HTML comes from autoescaped templates
(:mod:`planning.pages`). A ``Chart`` shows a plotly figure as the plotly mime bundle
(live in JupyterLab) **and** as a ``<div>`` plus a ``Plotly.newPlot`` call (kept by
nbconvert); neither carries plotly.js nor a MathJax tag.

*Outside the kernel*: :func:`export_html` turns an executed notebook into the briefing
with an in-process nbconvert ``HTMLExporter`` and a template of our own
(``templates/briefing.nbconvert.j2``): no code cells, no prompts, no require.js, MathJax,
mermaid or web fonts, our own stylesheet (with print rules: A4, charts scaled to the page
width, a page break before each section) and exactly one inline copy of plotly.js, added
only when the notebook shows a chart. Files are written under a temporary name and
renamed (:func:`atomic_write_text`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import catalogue, pages
from . import present as p
from .errors import PlanningError, Problem
from .fileio import atomic_write_bytes, atomic_write_text
from .locales import PLOTLY_LOCALES, plotly_locale_js  # noqa: F401  (re-exported)

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHART_CLASS = "briefing-chart"
STATUS_ORDER = p.STATUSES


class BriefingError(PlanningError):
    """A notebook cannot be turned into a briefing (e.g. a chart nbconvert would drop)."""


# --------------------------------------------------------------------------- display objects


class Fragment:
    """A piece of trusted HTML built by this module or :mod:`planning.pages`; shown as
    HTML in notebooks. Never wrap user text in a Fragment directly."""

    __slots__ = ("html",)

    def __init__(self, html_text: str):
        self.html = str(html_text)

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<Fragment {len(self.html)} chars>"

    def __add__(self, other: Fragment) -> Fragment:
        return Fragment(self.html + other.html)


def esc(value: Any) -> str:
    """Text for HTML: ``<script>`` becomes ``&lt;script&gt;`` (quotes escaped too)."""
    return str(pages.escape("" if value is None else str(value)))


def _script_json(obj: Any) -> str:
    """JSON safe inside a ``<script>`` element."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def figure_json(fig: Any) -> dict[str, Any]:
    """A plotly figure as plain JSON types (``data`` and ``layout``)."""
    if isinstance(fig, Mapping):
        return {"data": list(fig.get("data", [])), "layout": dict(fig.get("layout", {}))}
    return json.loads(fig.to_json())


class Chart:
    """Display a plotly figure so that it survives the HTML export.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure or dict
        The figure; its layout height is kept, its width follows the page.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> c = Chart(go.Figure(go.Bar(x=["A"], y=[3])))
    >>> sorted(c._repr_mimebundle_())
    ['application/vnd.plotly.v1+json', 'text/html', 'text/plain']
    """

    CONFIG = {
        "responsive": True,
        "displaylogo": False,
        "displayModeBar": "hover",
        "showLink": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "modeBarButtonsToRemove": ["sendDataToCloud", "editInChartStudio"],
    }

    def __init__(self, fig: Any):
        self.spec = figure_json(fig)

    def div(self) -> str:
        """The ``<div>`` and the ``Plotly.newPlot`` call (plotly.js is added on export)."""
        layout = dict(self.spec["layout"])
        layout.pop("width", None)
        layout["autosize"] = True
        height = int(layout.get("height") or 420)
        div_id = f"chart-{uuid.uuid4().hex[:12]}"
        args = ",".join(_script_json(x) for x in (self.spec["data"], layout, self.CONFIG))
        return (
            f'<div class="{CHART_CLASS}"><div id="{div_id}" class="plotly-graph-div" '
            f'style="height:{height}px;width:100%"></div>'
            f'<script>if(window.Plotly){{Plotly.newPlot("{div_id}",{args})}}</script></div>'
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        title = self.spec["layout"].get("title", {})
        text = title.get("text", "") if isinstance(title, dict) else str(title)
        return {
            PLOTLY_MIME: {**self.spec, "config": self.CONFIG},
            "text/html": self.div(),
            "text/plain": f"<Chart {text!r}>",
        }


@lru_cache(maxsize=1)
def _parts() -> Any:
    return pages.environment().get_template("briefing_parts.html.j2").module


def heading(text: str, level: int = 2, *, section: bool = False) -> Fragment:
    """A heading; ``section=True`` starts a new page when printed."""
    return Fragment(_parts().heading(text, level, section))


def paragraph(text: str, cls: str = "") -> Fragment:
    """A paragraph of escaped text."""
    return Fragment(_parts().paragraph(text, cls))


def bullet_list(items: Iterable[str]) -> Fragment:
    """An unordered list of escaped sentences."""
    return Fragment(pages.sentences_html(items))


def pill(status: str, label: str) -> pages.Markup:
    """A traffic-light badge: coloured dot plus the status in words (prints in grey too);
    markup from the components template, so a table keeps it as it is."""
    return pages.pill_html(status, label)


def table(
    rows: Sequence[Sequence[Any]],
    header: Sequence[str],
    *,
    numeric: Sequence[bool] | None = None,
    row_classes: Sequence[str] | None = None,
    cls: str = "",
) -> Fragment:
    """An HTML table from the components template; every cell is escaped unless it is
    markup built by a template (e.g. :func:`pill`)."""
    cells = [list(r) for r in rows]
    positions = [i for i, flag in enumerate(numeric or []) if flag]
    return Fragment(
        pages.table_html(header, cells, numeric=positions, row_classes=row_classes or (), cls=cls)
    )


def key_figures(cards: Iterable[p.Card]) -> Fragment:
    """Key-number cards (the same cards as the workbook app)."""
    return Fragment(pages.cards_html(cards))


def title_block(title: str, subtitle: str, notes: Iterable[str] = ()) -> Fragment:
    """The briefing's title band."""
    return Fragment(_parts().title_block(title, subtitle, list(notes)))


# --------------------------------------------------------------------------- export

CSS = pages.page_css()
"""The stylesheet of briefings and batch indexes (no web fonts, no external URLs)."""


@lru_cache(maxsize=1)
def _template() -> str:
    from importlib import resources

    return (
        resources.files("planning")
        .joinpath("templates", "briefing.nbconvert.j2")
        .read_text(encoding="utf-8")
    )


def plotly_js() -> str:
    """The plotly.js bundle shipped with the installed plotly package (read once)."""
    return _plotly_js()


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _exporter() -> Any:
    from nbconvert import HTMLExporter

    exp = HTMLExporter(template_name="lab", raw_template=_template())
    exp.exclude_input = True
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    exp.exclude_raw = True
    return exp


def _check_outputs(nb: Any) -> int:
    """Count charts; refuse outputs nbconvert would silently drop (a blank chart)."""
    problems, n_charts = [], 0
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                n_charts += str(data["text/html"]).count(f'class="{CHART_CLASS}"')
            if PLOTLY_MIME in data and "text/html" not in data:
                problems.append(
                    Problem(
                        f"cell {i}",
                        "a plotly figure was displayed without its HTML form; show figures "
                        "with planning.briefing.Chart(fig)",
                    )
                )
    if problems:
        raise BriefingError("the briefing would have blank charts", problems)
    return n_charts


def render_html(nb: Any, *, title: str, lang: str = "en") -> str:
    """The briefing HTML of an executed notebook (a ``NotebookNode``), as text.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook.
    title : str
        Page title (user text; escaped).
    lang : str
        ``"en"`` or ``"zh"``; sets the page language.

    Raises
    ------
    BriefingError
        When a figure was displayed in a form the export would drop.
    """
    from . import __version__

    n_charts = _check_outputs(nb)
    resources = {
        "briefing": {
            "title": title,
            "lang": "zh-Hans" if lang == "zh" else "en",
            "version": __version__,
            "css": CSS,
            "plotly_js": plotly_js() if n_charts else "",
            "plotly_locale": plotly_locale_js(lang) if n_charts else "",
        }
    }
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return body


def export_html(
    notebook: Any, out_path: str | Path, *, title: str | None = None, lang: str | None = None
) -> Path:
    """Write the briefing HTML of an executed notebook atomically.

    Parameters
    ----------
    notebook : path or NotebookNode
        The executed notebook (e.g. papermill's output).
    out_path : path
        Where the ``.html`` goes; written under a temporary name, then renamed.
    title, lang : str, optional
        Default to the notebook metadata ``planning.title``/``planning.language`` set by
        the briefing notebook, else the file name and English.

    Returns
    -------
    Path
        ``out_path``.

    Examples
    --------
    >>> export_html("reports/baseline/briefing.ipynb", "reports/baseline/briefing.html")
    PosixPath('reports/baseline/briefing.html')
    """
    import nbformat

    nb = notebook
    if not hasattr(notebook, "cells"):
        nb = nbformat.read(str(notebook), as_version=4)
    meta = nb.metadata.get("planning", {})
    title = title or meta.get("title") or Path(str(out_path)).stem
    lang = lang or meta.get("language") or "en"
    return atomic_write_text(out_path, render_html(nb, title=title, lang=lang))


def page(title: str, body_html: str, *, lang: str = "en") -> str:
    """A complete stand-alone page with the briefing stylesheet (no scripts).

    ``body_html`` must be HTML built by this module or :mod:`planning.pages`.
    """
    return (
        pages.render(
            "page.html.j2",
            title=title,
            body=pages.Markup(body_html),
            css=pages.Markup(CSS),
            lang=lang,
        )
        + "\n"
    )


# =========================================================================== content
#
# What the briefing notebook shows. Each method of :class:`Briefing` returns a
# :class:`Section` (a list of fragments and charts shown one after another), so the
# notebook stays a handful of one-line cells and nothing here prints or writes, except
# :meth:`Briefing.write_outputs`.


class Section:
    """Fragments and charts shown in order (one output each in a notebook).

    ``html()`` gives the whole section as one HTML string, e.g. for tests.
    """

    def __init__(self, parts: Iterable[Any] = ()):
        self.parts = [x for x in parts if x is not None]

    def html(self) -> str:
        return "".join(x.div() if isinstance(x, Chart) else x.html for x in self.parts)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for x in self.parts:
            display(x)

    def __repr__(self) -> str:
        return f"<Section {len(self.parts)} parts>"


# --------------------------------------------------------------------------- sentences


def target_sentence(
    row: Mapping[str, Any], lang: str = "en", risk_p: float | None = None, **extra: Any
) -> str:
    """One plain sentence about one evaluated target, generated from its numbers.

    Parameters
    ----------
    row : mapping
        One row of :func:`planning.targets.evaluate_targets`.
    lang : str
        ``"en"`` or ``"zh"``.
    risk_p : float, optional
        ``targets.at_risk_probability``, to say why a target is at risk.

    Examples
    --------
    >>> target_sentence(row)  # doctest: +SKIP
    'The reserve pools reach 10,412 by Dec 2016, meeting the target of more than
    10,000 with 4 months to spare; probability 82 %.'
    """
    from .i18n import MESSAGES, t

    tid, status = row["id"], row["status"]
    if row.get("reason") in ("outside_horizon", "no_data"):
        return t(
            f"briefing.sentence.{row['reason']}",
            lang,
            label=row.get("label", tid),
            deadline=p.month_label(row.get("deadline"), lang),
        )
    outcome = "met" if status in ("met", "at_risk", "guaranteed") else "missed"
    unit = row.get("unit", "")
    values = {
        "value": catalogue.register_value(row.get("value"), unit, lang),
        "threshold": catalogue.register_value(row.get("threshold"), unit, lang),
        "deadline": p.month_label(row.get("deadline"), lang),
        "first_met": p.month_label(row.get("first_met"), lang),
        "label": row.get("label", tid),
        "status": p.status_word(status, lang),
        **extra,
    }
    margin = row.get("margin")
    if not p.is_na(margin):
        values["gap"] = catalogue.register_value(abs(float(margin)), unit, lang)
    for col in ("low", "high", "members", "members_low", "members_high"):
        values[col] = p.share(row.get(col), lang)
    values["township"] = p.share(row.get("township_share"), lang)
    assumed = row.get("assumed_change") is True
    values["basis"] = t(f"briefing.satisf.{'assumed' if assumed else 'surveyed'}", lang)
    spare = row.get("months_to_spare")
    if p.is_na(spare):
        values["spare"] = ""
    elif int(spare) == 0:
        values["spare"] = t("briefing.spare.none", lang)
    else:
        values["spare"] = t("briefing.spare.n", lang, n=p.count(int(spare), "month", lang))
    key = f"briefing.sentence.{tid}.{outcome}"
    if key not in MESSAGES:
        key = f"briefing.sentence.generic.{outcome}"
    if outcome == "missed" and p.is_na(row.get("first_met")) and f"{key}_never" in MESSAGES:
        key = f"{key}_never"
    text = t(key, lang, **values)
    prob = row.get("probability")
    if not p.is_na(prob):
        text = text.rstrip("。.") + t("briefing.sentence.probability", lang, p=p.share(prob, lang))
    return text + _why_sentence(row, lang, risk_p, values) + _readings_sentence(row, lang, values)


def _why_sentence(
    row: Mapping[str, Any], lang: str, risk_p: float | None, values: Mapping[str, Any]
) -> str:
    """Why a target is at risk or guaranteed by the settings, as a sentence."""
    from .i18n import MESSAGES, t

    status, reason = row["status"], str(row.get("reason") or "")
    if status == "guaranteed":
        key = f"briefing.sentence.guaranteed.{reason}"
        return t(key, lang, **values) if key in MESSAGES else ""
    if status != "at_risk":
        return ""
    if reason == "probability" and risk_p is not None:
        return t("briefing.sentence.at_risk_p", lang, p=p.share(risk_p, lang))
    if reason == "between_bounds":
        return t(
            "briefing.sentence.at_risk_between_bounds",
            lang,
            early=p.month_label(row.get("early"), lang),
        )
    if reason in ("just_in_time", "interval"):
        return t(f"briefing.sentence.at_risk_{reason}", lang, **values)
    return t("briefing.sentence.at_risk", lang)


def _readings_sentence(row: Mapping[str, Any], lang: str, values: Mapping[str, Any]) -> str:
    """What each reading of the plan's "within three years" gives, and the month the model
    plans to when that is later than the deciding deadline."""
    from .i18n import t
    from .targets import SPECS

    text = ""
    readings = catalogue.register_readings(row, lang)
    if readings:
        text += t("briefing.sentence.readings", lang, readings=readings, **values)
    spec = SPECS.get(str(row["id"]))
    aim, deadline = row.get("aim_month"), row.get("deadline_month")
    later = not p.is_na(aim) and not p.is_na(deadline) and int(aim) > int(deadline)
    if spec is not None and spec.aim_key and later:
        text += t(
            "briefing.sentence.aim",
            lang,
            aim=p.month_label(row.get("aim"), lang),
            setting=p.param_label(spec.aim_key, lang),
            deadline=p.month_label(row.get("deadline"), lang),
        )
    return text


def remedy_sentence(
    target_id: str, r: Mapping[str, Any], lang: str, start_year: int | None = None
) -> str | None:
    """What would meet a missed target, from the goal seeks and the training diagnosis.

    Each goal seek answers for the month its model plans to (the talent, training and venue
    deadlines of the scenario), which the sentence names when ``start_year`` is given.
    """
    from .i18n import t

    def by(month: int) -> str:
        if start_year is None:
            return ""
        date = p.month_label(month, lang, start_year)
        return t("briefing.remedy.by", lang, date=date)

    if target_id == "T-talent":
        seek = r.get("talent_seek")
        if seek is None or seek.met_by_deadline:
            return None
        if seek.multiplier is None:
            return t("briefing.remedy.talent_none", lang, by=by(seek.deadline_month))
        pct = p.share(seek.multiplier - 1, lang)  # "4.2 % more intake": the word says "more"
        return t(
            "briefing.remedy.talent",
            lang,
            pct=pct,
            county=p.number(seek.extra_per_county_per_year, lang),
            by=by(seek.deadline_month),
        )
    if target_id in ("T-train", "T-newsec"):
        diagnosis = r["training"].diagnosis
        if diagnosis is None or target_id == "T-newsec":
            return None
        fixes = [
            line.removeprefix("- ").strip()
            for line in diagnosis.describe(lang).splitlines()[1:]
            if line.startswith("- ")
        ]
        month = int(r["training"].summary["deadline_month"])
        if not fixes:
            return t("briefing.remedy.training_none", lang, by=by(month))
        sep = "；" if lang == "zh" else "; "
        return t("briefing.remedy.training", lang, fixes=sep.join(fixes), by=by(month))
    if target_id == "T-venue":
        seek = r.get("venue_seek")
        if seek is None:
            return None
        month = int(r["venues"].deadline_month)
        if seek.budget_yuan is None:
            return t("briefing.remedy.venues_none", lang, by=by(month))
        return t(
            "briefing.remedy.venues",
            lang,
            budget=p.money_at_least(seek.budget_yuan, lang),
            current=p.money(r["venues"].yearly_budget_yuan, lang),
            by=by(month),
        )
    return None


# --------------------------------------------------------------------------- briefing


@dataclass(frozen=True, eq=False)
class Briefing:
    """One scenario's results and everything the briefing notebook shows about them.

    Build it with :func:`prepare`; each method returns a :class:`Section`.

    Attributes
    ----------
    results : dict
        Every result by name, as :mod:`planning.catalogue` reads them.
    base : Scenario, optional
        The scenario these settings were derived from (``scenario.based_on``).
    """

    scenario: Any
    baseline: Any
    results: dict[str, Any]
    compare: dict[str, Any] | None
    started: Any
    out_dir: Path | None = None
    scenario_source: str = ""
    base: Any = None
    compare_scenario: Any = None
    seconds: Mapping[str, float] | None = None
    review: Any = None
    """The mid-plan review (:class:`planning.review.Review`), None for a plain briefing."""

    @property
    def lang(self) -> str:
        return self.scenario.run.language

    def t(self, key: str, **values: Any) -> str:
        from .i18n import t

        return t(key, self.lang, **values)

    @property
    def register(self) -> Any:
        return self.results["register"]

    # ---------------------------------------------------------------- header + summary

    def data_label(self) -> str:
        """The data in words: the bundled Example City, or the folder or workbook name."""
        if _is_example(self.baseline.source):
            return self.t("briefing.data.example")
        return Path(str(self.baseline.source)).name

    def header(self) -> Section:
        """Title, data and run date; the scenario's description; what differs from the
        scenario these settings were derived from."""
        s = self.scenario
        subtitle = self.t(
            "briefing.subtitle",
            source=self.data_label(),
            date=p.date_label(self.started, self.lang, time=True),
        )
        notes = []
        if _is_example(self.baseline.source):
            notes.append(self.t("common.illustrative"))
        parts: list[Any] = [title_block(s.title_in(self.lang), subtitle, notes)]
        if s.description_in(self.lang):
            parts.append(paragraph(s.description_in(self.lang), "description"))
        if self.base is not None:
            rows = self.changed_rows(self.base)
            if rows:
                parts.append(
                    heading(self.t("briefing.h.based_on", title=self.base.title_in(self.lang)), 3)
                )
                parts.append(
                    table(
                        rows,
                        [
                            self.t("briefing.col.parameter"),
                            self.base.title_in(self.lang),
                            self.t("briefing.col.this"),
                        ],
                        cls="compact",
                    )
                )
        return Section(parts)

    def changed_rows(self, other: Any) -> list[tuple[str, str, str]]:
        """Parameters that differ from ``other``: (label, its value, this value)."""
        from .scenario import FIELDS

        start, lang = self.scenario.run.start_year, self.lang
        return [
            (
                p.param_label(k, lang),
                p.param_value(old, k, lang, start),
                p.param_value(new, k, lang, start),
            )
            for k, (old, new) in self.scenario.changes_from(other).items()
            if k in FIELDS and k != "run.language"
        ]

    def summary(self) -> Section:
        """Executive summary: counts of the plan targets (local standards and qualitative
        tasks apart), key figures, sentences, the register."""
        counts = catalogue.headline_counts(self.register)
        lead = self.t(
            "briefing.counts",
            met=p.number(counts["met"]),
            at_risk=p.number(counts["at_risk"]),
            missed=p.number(counts["missed"]),
            guaranteed=p.number(counts["guaranteed"]),
            n=p.count(counts["plan"], "plan_target", self.lang),
        )
        apart = self.t(
            "briefing.counts_apart",
            local_met=p.number(counts["local_met"]),
            local=p.number(counts["local"]),
            qualitative=p.number(counts["qualitative"]),
        )
        parts: list[Any] = [
            heading(self.t("briefing.h.summary")),
            paragraph(lead + ("" if self.lang == "zh" else " ") + apart, "lead"),
            key_figures(self.key_figures()),
            bullet_list(self.sentences()),
            heading(self.t("register.title"), 3),
            self.register_table(),
        ]
        header, rows = catalogue.county_survey_rows(self.results, self.lang)
        if rows:
            note = "assumed" if self.results["surveys"].assumed else "surveyed"
            parts += [
                heading(self.t("register.county.title"), 3),
                paragraph(self.t(f"register.county.note.{note}"), "note"),
                table(
                    rows,
                    header,
                    numeric=[False, True, True, True],
                    row_classes=[""] * (len(rows) - 1) + ["group"],
                    cls="compact",
                ),
            ]
        return Section(parts)

    def key_figures(self) -> list[p.Card]:
        """The executive summary's key numbers: the same cards as the workbook app's."""
        return catalogue.summary_cards(self.results, self.scenario, self.lang)

    def total_spending_yuan(self) -> float:
        """Venues, village rooms, subsidies and training over the horizon."""
        return float(self.rollup()["spending_yuan"].sum())

    def new_spending_yuan(self) -> float:
        """New spending of the plan over the horizon, every paying level."""
        roll = self.rollup()
        return float(roll.loc[roll["funding"] == "new", "spending_yuan"].sum())

    def rollup(self) -> Any:
        return self.results["budget"]

    def sentences(self) -> list[str]:
        """Plain sentences from the numbers, one per quantified target with a model, each
        missed one followed by what would meet it."""
        reg = self.register
        rows = reg[reg["model"].notna()].to_dict("records")
        s = self.scenario
        extra = {
            "window": p.count(s.training.new_secretary_window_months, "month", self.lang),
            "multiplier": p.number(s.subsidies.income_multiplier, self.lang, 1),
            "issued": p.month_label(s.run.plan_issued, self.lang),
        }
        risk_p = s.targets.at_risk_probability
        out = []
        for row in rows:
            out.append(target_sentence(row, self.lang, risk_p, **extra))
            if row["status"] in ("missed", "at_risk"):
                fix = remedy_sentence(row["id"], self.results, self.lang, s.run.start_year)
                if fix:
                    out.append(fix)
        return out

    def register_table(self, register: Any = None) -> Fragment:
        """The target register as a traffic-light table (plan's words under each label):
        the same rows as the workbook app's."""
        reg = self.register if register is None else register
        rows = catalogue.register_rows(reg, self.lang)
        return Fragment(pages.register_html(rows, catalogue.register_header(self.lang)))

    # ---------------------------------------------------------------- topics

    def topic_section(self, topic: str) -> Section:
        """One topic: its heading, key numbers, sentences and charts (from the catalogue)."""
        r, s, lang = self.results, self.scenario, self.lang
        parts: list[Any] = [heading(self.t(f"briefing.h.{topic}"), section=True)]
        parts.append(key_figures(catalogue.cards(topic, r, s, lang)))
        parts.append(bullet_list(catalogue.sentences(topic, r, s, lang)))
        parts += [Chart(c.build(r, s, lang)) for c in catalogue.charts_of(topic) if c.is_ready(r)]
        return Section(parts)

    def progress_section(self) -> Section:
        """Progress to date (a mid-plan review only; empty otherwise): how far the returns
        reach, plan against actual against the re-forecast, the counties' league and what
        each lagging county must add per quarter, and the calibrated rates."""
        rv = self.review
        if rv is None:
            return Section([])
        lang = self.lang
        parts: list[Any] = [
            heading(self.t("briefing.h.progress"), section=True),
            paragraph(rv.lead(lang), "lead"),
            paragraph(self.t("review.briefing_note"), "note"),
        ]
        from .review import calibration_rows, catch_up_rows, league_rows

        charts = rv.charts(lang)
        parts += [Chart(charts[name]) for name in charts]
        header, rows = league_rows(rv, lang)
        parts += [
            heading(self.t("review.h.league"), 3),
            paragraph(self.t("review.league_note"), "note"),
            table(rows, header, numeric=[True, False, True], cls="compact pw-league"),
            heading(self.t("review.h.catch_up"), 3),
        ]
        lag_header, lag_rows = catch_up_rows(rv, lang)
        if lag_rows:
            numeric = [False, False, True, True, False, True, True]
            parts.append(table(lag_rows, lag_header, numeric=numeric, cls="compact"))
        else:
            parts.append(paragraph(self.t("accountability.catch_up.none")))
        cal_header, cal_rows = calibration_rows(rv, lang)
        if cal_rows:
            parts += [
                heading(self.t("review.h.calibration"), 3),
                paragraph(self.t("review.calibration_note"), "note"),
                table(
                    cal_rows,
                    cal_header,
                    numeric=[False] + [True] * (len(cal_header) - 1),
                    cls="compact",
                ),  # fmt: skip
            ]
        return Section(parts)

    def talent_section(self) -> Section:
        """Reserve-talent pools, Monte Carlo fan, counties, degrees, social workers."""
        return self.topic_section("talent")

    def training_section(self) -> Section:
        """Out-of-town training: coverage, classes, absence, cost; the diagnosis if late."""
        section = self.topic_section("training")
        cost = self.results["training"].cost
        scale = p.money_scale(float(cost["cost_yuan"].max()) if len(cost) else 0, self.lang)
        rows = [
            (
                p.year_label(c["year"], self.lang),
                p.number(c["trainees"]),
                scale.value(c["cost_yuan"], self.lang),
            )
            for c in cost.to_dict("records")
        ]
        header = [
            self.t("briefing.col.year"),
            self.t("briefing.col.trainees"),
            p.money_axis_title(self.t("briefing.col.cost"), scale, self.lang),
        ]
        section.parts.append(table(rows, header, numeric=[False, True, True], cls="compact"))
        return section

    def venues_section(self) -> Section:
        """Community venue tiers, spending and village rooms."""
        return self.topic_section("venues")

    def subsidies_section(self) -> Section:
        """Secretary pay against rural income; the whole cost of the plan, and who pays it:
        new spending by level and what was already paid before the plan."""
        section = self.topic_section("subsidies")
        roll = self.results.get("budget")
        if roll is None or not len(roll):
            return section
        header, rows, unit = catalogue.level_rows(roll, self.lang)
        section.parts += [
            heading(self.t("briefing.h.budget"), 3),
            paragraph(self.t("briefing.budget.note", unit=unit, **self.payers()), "note"),
            table(
                rows,
                header,
                numeric=[False] + [True] * (len(header) - 1),
                row_classes=[""] * (len(rows) - 1) + ["group"],
                cls="compact",
            ),
        ]
        return section

    def payers(self) -> dict[str, str]:
        """Who pays each programme, in words (for the note under the table by level)."""
        from .scenario import PAYERS

        def level(value: str) -> str:
            return self.t(f"briefing.payer.{value}") if value in PAYERS else value

        s = self.scenario
        return {
            "training": level(s.training.paid_by),
            "venues": level(s.venues.paid_by),
            "villages": level(s.venues.village_paid_by),
        }

    # ---------------------------------------------------------------- comparison

    def comparison(self) -> Section:
        """Differences from the ``compare_to`` scenario (empty without one)."""
        if self.compare is None or self.compare_scenario is None:
            return Section()
        other, lang = self.compare_scenario, self.lang
        mine = {r.id: r for r in catalogue.register_rows(self.register, lang)}
        theirs = {r.id: r for r in catalogue.register_rows(self.compare["register"], lang)}
        a = self.register.set_index("id")
        b = self.compare["register"].set_index("id")
        rows = []
        for tid, ra in mine.items():
            if p.is_na(a.loc[tid, "model"]) or tid not in theirs:
                continue
            rb = theirs[tid]
            rows.append(
                (
                    ra.label,
                    rb.value,
                    pill(rb.status, rb.status_label),
                    ra.value,
                    pill(ra.status, ra.status_label),
                    _diff(a.loc[tid, "value"], b.loc[tid, "value"], a.loc[tid, "unit"], lang),
                )
            )
        header = [
            self.t("register.col.target"),
            self.t("briefing.cmp.value", name=other.title_in(self.lang)),
            self.t("briefing.cmp.status", name=other.title_in(self.lang)),
            self.t("briefing.cmp.value", name=self.scenario.title_in(self.lang)),
            self.t("briefing.cmp.status", name=self.scenario.title_in(self.lang)),
            self.t("briefing.cmp.change"),
        ]
        parts: list[Any] = [
            heading(self.t("briefing.h.compare", title=other.title_in(self.lang)), section=True),
            table(
                rows,
                header,
                numeric=[False, True, False, True, False, True],
                cls="pw-compare",
            ),
        ]
        change_rows = self.changed_rows(other)
        if change_rows:
            parts += [
                heading(self.t("briefing.h.changed"), 3),
                table(
                    change_rows,
                    [
                        self.t("briefing.col.parameter"),
                        other.title_in(self.lang),
                        self.scenario.title_in(self.lang),
                    ],
                ),
            ]
        return Section(parts)

    # ---------------------------------------------------------------- appendix

    def appendix(self) -> Section:
        """Every parameter (non-defaults highlighted) and the provenance of the data."""
        from .i18n import MESSAGES
        from .provenance import run_provenance
        from .scenario import FIELDS, flatten

        lang = self.lang
        start = self.scenario.run.start_year
        values = flatten(self.scenario.to_dict())
        rows, classes = [], []
        section = None
        for key, f in FIELDS.items():
            if f.section != section:
                section = f.section
                rows.append((self.t(f"briefing.section.{section}"), "", "", "", ""))
                classes.append("group")
            value = values.get(key)
            changed = _normalise(value) != _normalise(f.default)
            rows.append(
                (
                    p.param_label(key, lang),
                    # Dates and years carry their unit in the value (2016年12月, 2014年).
                    p.unit_label(f.unit, lang) if f.unit not in ("plan month", "year") else "",
                    p.param_value(value, key, lang, start),
                    p.param_value(f.default, key, lang, start),
                    self.t("briefing.changed") if changed else "",
                )
            )
            classes.append("changed" if changed else "")
        header = [
            self.t(f"briefing.col.{c}") for c in ("parameter", "unit", "setting", "default", "note")
        ]
        prov = run_provenance(
            self.baseline.file_hashes,
            self.baseline.source,
            self.scenario.run.seed,
            self.started,
        )
        seconds = self.seconds or {}
        sep = "；" if lang == "zh" else "; "
        timing = sep.join(
            f"{MESSAGES.get(f'panel.model.{k}', {}).get(lang, k)} "
            f"{p.number(v, lang, 2)}{self.t('briefing.seconds_unit')}"
            for k, v in seconds.items()
        )
        prov_rows = [
            (self.t("briefing.prov.scenario"), self.scenario_source or self.scenario.name),
            (self.t("briefing.prov.source"), self.data_label()),
            (self.t("briefing.prov.version"), prov["package_version"]),
            (self.t("briefing.prov.code"), prov["code"]),
            (self.t("briefing.prov.python"), prov["python"]),
            (self.t("briefing.prov.time"), p.date_label(self.started, lang, time=True)),
            (self.t("briefing.prov.seed"), str(prov["seed"])),
            (self.t("briefing.prov.draws"), p.number(self.scenario.run.mc_draws)),
            (self.t("briefing.prov.seconds"), timing or p.NA),
        ]
        file_rows = [(name, digest) for name, digest in sorted(prov["files"].items())]
        return Section(
            [
                heading(self.t("briefing.h.appendix"), section=True),
                heading(self.t("briefing.h.parameters"), 3),
                paragraph(self.t("briefing.parameters.note"), "note"),
                table(rows, header, row_classes=classes, cls="params"),
                heading(self.t("briefing.h.provenance"), 3),
                table(prov_rows, [self.t("briefing.col.item"), self.t("briefing.col.value")]),
                table(
                    file_rows,
                    [self.t("briefing.col.file"), self.t("briefing.col.hash")],
                    cls="hashes",
                ),
            ]
        )

    # ---------------------------------------------------------------- files

    def summary_record(self) -> dict[str, Any]:
        """Key figures and target statuses as plain JSON (for the batch index).

        Each key figure carries the text shown on its card (``text``) and the number
        behind it (``value``, in ``unit``), so the index shows the very same strings.
        """
        reg = self.register.set_index("id")
        # The numbers behind the cards: each at the month its model plans to, like the
        # card (the register reads the plan's own deadlines).
        talent = self.results["talent"].target
        cov = self.results["training"].coverage
        at = cov.loc[cov["month"] == self.scenario.training.deadline_month, "current_share"]
        numbers = {
            "talent.total": (_num(talent.value_at_deadline), "persons"),
            "training.coverage": (_num(at.iloc[0]) if len(at) else None, "share"),
            "venues.met": (_month(reg.loc["T-venue", "first_met"]), "month"),
            "budget.new": (round(self.new_spending_yuan()), "yuan"),
            "budget.total": (round(self.total_spending_yuan()), "yuan"),
        }
        kfs = []
        for card in self.key_figures():
            value, unit = numbers.get(card.id, (None, ""))
            kfs.append(
                {
                    "id": card.id,
                    "label": card.label,
                    "text": card.value,
                    "value": value,
                    "unit": unit,
                }
            )
        prob = talent.probability
        kfs.append(
            {
                "id": "talent.probability",
                "label": self.t(
                    "card.talent.probability", date=p.month_label(talent.deadline, self.lang)
                ),
                "text": p.share(prob, self.lang),
                "value": _num(prob),
                "unit": "share",
            }
        )
        counts = catalogue.headline_counts(self.register)
        kfs.append(
            {
                "id": "targets.plan_met",
                "label": self.t("card.targets.plan_met"),
                "text": self.t(
                    "card.targets.count", n=p.number(counts["met"]), total=p.number(counts["plan"])
                ),
                "value": counts["met"],
                "unit": "targets",
            }
        )
        return {
            "scenario": self.scenario.name,
            "title": self.scenario.title_in(self.lang),
            "language": self.lang,
            "key_figures": kfs,
            "counts": counts,
            "targets": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "kind_label": r.kind_label,
                    "label": r.label,
                    "status": r.status,
                    "status_label": r.status_label,
                    "value": _num(reg.loc[r.id, "value"]),
                    "text": r.value,
                }
                for r in catalogue.register_rows(self.register, self.lang)
            ],
            "as_of": None if self.review is None else self.review.state.as_of.date().isoformat(),
            "counties": self.county_matrix().to_dict("records"),
        }

    def county_matrix(self) -> Any:
        """Each county's quota of each target against its forecast (the index's county
        sheet; in a mid-plan review, the county register's)."""
        from .review import county_matrix

        models = tuple(self.results[k] for k in ("talent", "training", "venues", "subsidies"))
        return county_matrix(self.baseline, self.scenario, models, self.review, self.lang)

    def tables(self) -> dict[str, Any]:
        """Every table of the results, Excel- and CSV-ready (months as text)."""
        import dataclasses

        import pandas as pd

        r = self.results
        out: dict[str, Any] = {"targets": r["register"], "budget_rollup": r["budget"]}
        for name in ("talent", "training", "venues", "subsidies", "surveys", "pairing"):
            obj = r.get(name)
            if obj is None:
                continue
            for f in dataclasses.fields(obj):
                v = getattr(obj, f.name)
                if isinstance(v, pd.DataFrame):
                    out[f"{name}_{f.name}"] = v
        return {k: _plain_frame(v) for k, v in out.items()}

    def write_outputs(self, out_dir: str | Path | None = None) -> None:
        """Write ``tables/*.csv``, ``tables.xlsx``, ``training_roster.xlsx`` (a sheet per
        county) and ``summary.json``, each atomically.

        Does nothing when neither ``out_dir`` nor :attr:`out_dir` is set (an interactive
        session).
        """
        target = Path(out_dir) if out_dir else self.out_dir
        if target is None:
            return None
        from .budget import write_plan_workbook
        from .models.training import write_roster_excel

        target.mkdir(parents=True, exist_ok=True)
        frames = self.tables()
        for name, frame in frames.items():
            atomic_write_bytes(
                target / "tables" / f"{name}.csv", frame.to_csv(index=False).encode("utf-8-sig")
            )
        # The workbook holds the summary tables; per-person and per-month detail stays in
        # the CSV files (openpyxl writes about 30,000 cells a second).
        book = {k: v for k, v in frames.items() if k not in CSV_ONLY}
        # County offices need their own lists: one sheet of named trainees per county.
        if self.lang == "zh":
            from .workbooks import Context, write_roster_workbook, write_tables_workbook

            ctx = Context.of(self.baseline, self.scenario, self.lang)
            write_tables_workbook(target / "tables.xlsx", book, ctx)
            write_roster_workbook(self.results["training"], target / "training_roster.xlsx", ctx)
        else:
            write_plan_workbook(target / "tables.xlsx", **book)
            write_roster_excel(self.results["training"], target / "training_roster.xlsx")
        summary = json.dumps(self.summary_record(), ensure_ascii=False, indent=2)
        atomic_write_text(target / "summary.json", summary)
        return None


CSV_ONLY = frozenset(
    {
        "talent_social_workers",
        "talent_flows",
        "talent_appointments",
        "training_roster",
        "training_away",
        "training_seats",
        "venues_villages",
        "venues_mix",
        "subsidies_monthly",
    }
)
"""Detail tables written as CSV only (the Excel workbook keeps the summary tables)."""


def _num(x: Any) -> float | None:
    return None if p.is_na(x) else float(x)


def _month(x: Any) -> str | None:
    """A month for a data file: ``2016-10`` (None when never)."""
    return None if p.is_na(x) else str(p.as_period(x))


def _plain_frame(frame: Any) -> Any:
    import pandas as pd

    out = frame.copy()
    for c in out.columns:
        periods = out[c].dtype == object and len(out) and isinstance(out[c].iloc[0], pd.Period)
        if periods or isinstance(out[c].dtype, pd.PeriodDtype | pd.CategoricalDtype):
            out[c] = out[c].astype(str)
    return out


def _diff(a: Any, b: Any, unit: str, lang: str) -> str:
    if p.is_na(a) or p.is_na(b):
        return p.NA
    d = float(a) - float(b)
    if unit == "share":
        return p.points(d, lang)
    return p.signed(d, lang)


def _normalise(v: Any) -> Any:
    if isinstance(v, list | tuple):
        return tuple(_normalise(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _normalise(x)) for k, x in v.items()))
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _short_source(source: str) -> str:
    from .paths import ROOT

    try:
        return str(Path(source).resolve().relative_to(ROOT))
    except (ValueError, OSError):
        return str(source)


def _is_example(source: str) -> bool:
    from .paths import EXAMPLE_CITY_DIR

    try:
        return Path(source).resolve() == EXAMPLE_CITY_DIR.resolve()
    except OSError:
        return False


def _load_base(scenario: Any, source: Path) -> Any:
    """The scenario ``scenario.based_on`` names, looked up beside the scenario file and
    then among the bundled scenarios; None when it is gone (the header then says less)."""
    from .scenario import load_scenario

    if not scenario.based_on:
        return None
    for folder in (source.parent, None):
        try:
            if folder is None:
                return load_scenario(scenario.based_on)
            candidate = folder / f"{scenario.based_on}.yaml"
            if candidate.is_file():
                return load_scenario(candidate)
        except PlanningError:
            continue
    return None


def prepare(
    scenario: str = "baseline",
    overrides: Mapping[str, Any] | None = None,
    data_dir: str | None = None,
    compare_to: str | None = None,
    out_dir: str | None = None,
    ledger: str | None = None,
    as_of: str | None = None,
) -> Briefing:
    """Validate the notebook's parameters, load the data and run every model.

    This is the first call of the briefing notebook: anything papermill injected is checked
    here, before any computation, and a bad value stops the run with a message naming the
    key, the value found and what is allowed.

    Parameters
    ----------
    scenario : str
        Scenario name (``data/scenarios/NAME.yaml``) or path.
    overrides : dict, optional
        Dotted keys, e.g. ``{"talent.intake_ramp": 0.1}``.
    data_dir : str, optional
        Data folder or workbook; None = the Example City.
    compare_to : str, optional
        Another scenario whose results are shown side by side.
    out_dir : str, optional
        Where :meth:`Briefing.write_outputs` writes the tables.
    ledger, as_of : str, optional
        A mid-plan review: the progress ledger's URL and the date it is read as known
        (``"2015-06"``); the models start from the counties' returns and the briefing
        opens with the progress to date.

    Examples
    --------
    >>> b = prepare("baseline", {"run.mc_draws": 200})
    >>> b.register.shape[0] > 10
    True
    """
    from datetime import UTC, datetime

    from .data import load_baseline
    from .errors import UsageError
    from .scenario import load_scenario, scenario_path
    from .targets import run_all

    if overrides is not None and not isinstance(overrides, Mapping):
        raise UsageError(
            "bad notebook parameter",
            [Problem("overrides", f"found {type(overrides).__name__}; expected a mapping")],
        )
    started = datetime.now(UTC).astimezone()
    scen = load_scenario(scenario, overrides or None)
    other = load_scenario(compare_to) if compare_to else None
    for key, value in (("ledger", ledger), ("as_of", as_of)):
        if value is not None and not isinstance(value, str):
            raise UsageError(
                "bad notebook parameter",
                [Problem(key, f"found {type(value).__name__}; expected a string or None")],
            )
    baseline = load_baseline(data_dir)
    rv = None
    if ledger is not None or as_of is not None:
        from .ledger import load_ledger
        from .review import review

        with load_ledger(ledger, data=data_dir, create=False) as opened:
            rv = review(baseline, scen, opened.as_of(as_of))
        full = rv.forecast  # the briefing's figures start from what has happened
    else:
        full = run_all(baseline, scen)
    results = catalogue.results_of(full, baseline)
    compare = None
    if other is not None:
        compare = catalogue.results_of(run_all(baseline, other, lang=scen.run.language), baseline)
    path = scenario_path(scenario)
    return Briefing(
        scenario=scen,
        baseline=baseline,
        results=results,
        compare=compare,
        started=started,
        out_dir=Path(out_dir) if out_dir else None,
        scenario_source=_short_source(str(path)),
        base=_load_base(scen, path),
        compare_scenario=other,
        seconds=dict(full.seconds),
        review=rv,
    )
