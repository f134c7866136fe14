"""Briefings: one self-contained HTML file per scenario, readable offline and in print.

Two halves live here.

*Inside the kernel* (the briefing notebook calls these): :class:`Fragment` and
:class:`Chart` are small display objects. A ``Chart`` shows a plotly figure as the plotly
mime bundle (live in JupyterLab) **and** as a ``<div>`` plus a ``Plotly.newPlot`` call
(kept by nbconvert). Neither carries plotly.js nor a MathJax tag, and no ``nbformat``
import happens in the kernel (plotly's own renderers import it, about 1 s per kernel).
Text that comes from users is escaped with :func:`html.escape` before it reaches HTML.

*Outside the kernel*: :func:`export_html` turns an executed notebook into the briefing
with an in-process nbconvert ``HTMLExporter`` and a small template of our own: no code
cells, no prompts, no require.js, MathJax, mermaid or web fonts, our own stylesheet
(with print rules: A4, charts scaled to the page width, a page break before each
section) and exactly one inline copy of plotly.js, added only when the notebook shows a
chart. Files are written under a temporary name and renamed (:func:`atomic_write_text`).
"""

from __future__ import annotations

import html
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import PlanningError, Problem
from .fileio import atomic_write_bytes, atomic_write_text

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHART_CLASS = "briefing-chart"
STATUS_ORDER = ("met", "at_risk", "missed", "tracked")


class BriefingError(PlanningError):
    """A notebook cannot be turned into a briefing (e.g. a chart nbconvert would drop)."""


# --------------------------------------------------------------------------- kernel side


class Fragment:
    """A piece of trusted HTML built by this module; shown as HTML in notebooks.

    Build fragments only through the helpers here, which escape every user-provided
    string; never wrap user text in a Fragment directly.
    """

    __slots__ = ("html",)

    def __init__(self, html_text: str):
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<Fragment {len(self.html)} chars>"

    def __add__(self, other: Fragment) -> Fragment:
        return Fragment(self.html + other.html)


def esc(value: Any) -> str:
    """Text for HTML: ``<script>`` becomes ``&lt;script&gt;`` (quotes escaped too)."""
    return html.escape("" if value is None else str(value), quote=True)


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

    CONFIG = {"responsive": True, "displaylogo": False, "displayModeBar": "hover"}

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


def heading(text: str, level: int = 2, *, section: bool = False) -> Fragment:
    """A heading; ``section=True`` starts a new page when printed."""
    cls = ' class="section"' if section else ""
    return Fragment(f"<h{level}{cls}>{esc(text)}</h{level}>")


def paragraph(text: str, cls: str = "") -> Fragment:
    """A paragraph of escaped text."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return Fragment(f"<p{attr}>{esc(text)}</p>")


def bullet_list(items: Iterable[str], cls: str = "findings") -> Fragment:
    """An unordered list of escaped sentences."""
    body = "".join(f"<li>{esc(s)}</li>" for s in items)
    return Fragment(f'<ul class="{esc(cls)}">{body}</ul>')


def pill(status: str, label: str) -> str:
    """A traffic-light badge: coloured dot plus the status in words (prints in grey too)."""
    status = status if status in STATUS_ORDER else "tracked"
    return f'<span class="pill {status}"><span class="dot"></span>{esc(label)}</span>'


def table(
    rows: Sequence[Sequence[Any]],
    header: Sequence[str],
    *,
    numeric: Sequence[bool] | None = None,
    raw: Sequence[bool] | None = None,
    row_classes: Sequence[str] | None = None,
    cls: str = "bt",
) -> Fragment:
    """An HTML table; every cell escaped unless its column is marked ``raw``.

    ``raw`` columns must hold HTML built by this module (e.g. :func:`pill`), never user text.
    """
    n = len(header)
    numeric = list(numeric or [False] * n)
    raw = list(raw or [False] * n)
    head = "".join(
        f"<th{' class=num' if numeric[i] else ''}>{esc(h)}</th>" for i, h in enumerate(header)
    )
    body = []
    for r, row in enumerate(rows):
        cells = []
        for i, v in enumerate(row):
            text = str(v) if raw[i] else esc(v)
            cells.append(f"<td{' class=num' if numeric[i] else ''}>{text}</td>")
        rc = f' class="{esc(row_classes[r])}"' if row_classes and row_classes[r] else ""
        body.append(f"<tr{rc}>{''.join(cells)}</tr>")
    return Fragment(
        f'<table class="{esc(cls)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def key_figures(cards: Iterable[tuple[str, str, str]]) -> Fragment:
    """Big-number cards: (value, label, note) each, all escaped."""
    body = "".join(
        f'<div class="kf"><div class="kf-value">{esc(v)}</div>'
        f'<div class="kf-label">{esc(label)}</div><div class="kf-note">{esc(note)}</div></div>'
        for v, label, note in cards
    )
    return Fragment(f'<div class="kfs">{body}</div>')


def title_block(title: str, subtitle: str, notes: Iterable[str] = ()) -> Fragment:
    """The briefing's title band."""
    extra = "".join(f'<p class="note">{esc(n)}</p>' for n in notes)
    return Fragment(
        f'<header class="title"><h1>{esc(title)}</h1><p class="subtitle">{esc(subtitle)}</p>'
        f"{extra}</header>"
    )


# --------------------------------------------------------------------------- look


CSS = """
:root{--ink:#1d2433;--muted:#5b6475;--line:#d9dee7;--band:#f4f6fa;--accent:#1f3a5f;
--met:#2e7d32;--at_risk:#f9a825;--missed:#c62828;--tracked:#757575}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;color:var(--ink);font:15px/1.55 "Noto Sans","Noto Sans CJK SC",
"Source Han Sans SC","PingFang SC","Microsoft YaHei","Segoe UI",Helvetica,Arial,sans-serif}
main{max-width:940px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:28px;line-height:1.25;margin:0 0 6px;color:var(--accent)}
h2{font-size:21px;margin:40px 0 12px;padding-top:14px;border-top:3px solid var(--accent);
color:var(--accent)}
h3{font-size:16px;margin:22px 0 8px}
p{margin:6px 0 10px}
header.title{border-bottom:1px solid var(--line);padding-bottom:12px;margin-bottom:8px}
.subtitle{color:var(--muted);margin:0}
.note{color:var(--muted);font-size:13px}
.description{white-space:pre-wrap}
table.bt{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13.5px}
table.bt th,table.bt td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;
vertical-align:top}
table.bt th{background:var(--band);font-weight:600;border-bottom:2px solid #c5ccd8}
table.bt td.num,table.bt th.num{text-align:right;font-variant-numeric:tabular-nums;
white-space:nowrap}
table.bt tr.changed td{background:#fff4d6}
table.bt tr.changed td:first-child{box-shadow:inset 3px 0 0 #e0a800}
table.bt tr.group td{background:var(--band);font-weight:600}
table.bt.compact{width:auto;min-width:50%}
table.bt.hashes td:last-child{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:12px;
word-break:break-all}
table.register .words{font-size:12.5px;color:var(--muted);margin-top:2px}
table.register td:first-child{width:44%}
p.lead{font-size:16px}
table.matrix td,table.matrix th{text-align:center}
table.matrix td:first-child,table.matrix th:first-child{text-align:left}
.pill{display:inline-flex;align-items:center;gap:6px;padding:1px 9px 1px 7px;
border-radius:11px;font-size:12.5px;font-weight:600;white-space:nowrap;
border:1px solid currentColor;background:#fff}
.pill .dot{width:9px;height:9px;border-radius:50%;background:currentColor}
.pill.met{color:var(--met)}.pill.at_risk{color:#a86f00}.pill.at_risk .dot{background:var(--at_risk)}
.pill.missed{color:var(--missed)}.pill.tracked{color:var(--tracked)}
.pill.failed{color:var(--missed)}.pill.invalid{color:var(--missed)}
.pill.skipped{color:var(--met)}.pill.ok{color:var(--met)}.pill.interrupted{color:var(--tracked)}
.kfs{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin:12px 0 18px}
.kf{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:var(--band)}
.kf-value{font-size:22px;line-height:1.3;font-weight:700;color:var(--accent);font-variant-numeric:tabular-nums}
.kf-label{font-size:13px;font-weight:600}
.kf-note{font-size:12px;color:var(--muted)}
ul.findings{padding-left:20px}ul.findings li{margin:4px 0}
.briefing-chart{margin:10px 0 20px;break-inside:avoid;page-break-inside:avoid}
.jp-OutputArea-output{overflow:visible}
.jp-RenderedText pre{white-space:pre-wrap;font-size:13px;color:var(--muted)}
a{color:var(--accent)}
footer{margin-top:40px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);
padding-top:8px}
@page{size:A4;margin:14mm 12mm}
@media print{
body{font-size:11pt}
main{max-width:none;padding:0}
h2.section{break-before:page;page-break-before:always;margin-top:0}
h2,h3{break-after:avoid;page-break-after:avoid}
tr,.kf{break-inside:avoid;page-break-inside:avoid}
.briefing-chart{zoom:0.76}
.modebar-container{display:none!important}
a{color:inherit;text-decoration:none}
}
""".strip()
"""The stylesheet of briefings and batch indexes (no web fonts, no external URLs)."""

TEMPLATE = r"""
{%- extends 'base.html.j2' -%}
{%- block header -%}
<!DOCTYPE html>
<html lang="{{ resources.briefing.lang | e }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="planning {{ resources.briefing.version | e }}">
<title>{{ resources.briefing.title | e }}</title>
<style>{{ resources.briefing.css }}</style>
{%- if resources.briefing.plotly_js %}
<script>window.PlotlyConfig={MathJaxConfig:'local'};</script>
<script>{{ resources.briefing.plotly_js }}</script>
{%- endif %}
</head>
{%- endblock header -%}
{%- block body_header -%}
<body class="briefing"><main>
{%- endblock body_header -%}
{%- block body_footer -%}
</main></body>
{%- endblock body_footer -%}
{%- block footer -%}
</html>
{%- endblock footer -%}
{%- block stream_stderr -%}{%- endblock stream_stderr -%}
{%- block data_javascript -%}{%- endblock data_javascript -%}
{%- block data_widget_view -%}{%- endblock data_widget_view -%}
{%- block data_mermaid -%}{%- endblock data_mermaid -%}
"""
"""nbconvert template: the lab cell markup, our own page head, nothing from a CDN."""


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

    exp = HTMLExporter(template_name="lab", raw_template=TEMPLATE)
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
    """A complete stand-alone page with the briefing stylesheet (no scripts)."""
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-Hans" if lang == "zh" else "en"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
        f'initial-scale=1"><title>{esc(title)}</title><style>{CSS}</style></head>'
        f'<body class="briefing"><main>{body_html}</main></body></html>\n'
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
        self.parts = [p for p in parts if p is not None]

    def html(self) -> str:
        return "".join(p.div() if isinstance(p, Chart) else p.html for p in self.parts)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for p in self.parts:
            display(p)

    def __repr__(self) -> str:
        return f"<Section {len(self.parts)} parts>"


# --------------------------------------------------------------------------- formatting


def fmt_int(x: float | None) -> str:
    """``10412.3`` -> ``"10,412"``; None -> ``"-"``."""
    return "-" if x is None or _isnan(x) else f"{round(float(x)):,}"


def fmt_pct(x: float | None, lang: str = "en", digits: int = 0) -> str:
    """``0.823`` -> ``"82 %"`` (``"82%"`` in Chinese); None -> ``"-"``."""
    if x is None or _isnan(x):
        return "-"
    text = f"{100 * float(x):.{digits}f}"
    return f"{text}%" if lang == "zh" else f"{text} %"


def fmt_month(period: Any, lang: str = "en", *, short: bool = False) -> str:
    """A plan month as words: ``December 2016`` (``Dec 2016`` if short) / ``2016年12月``."""
    import pandas as pd

    if _na(period):
        return "-"
    if isinstance(period, pd.Period):
        if lang == "zh":
            return f"{period.year}年{period.month}月"
        return period.strftime("%b %Y" if short else "%B %Y")
    return str(period)


def fmt_yuan(x: float | None, lang: str = "en") -> str:
    """Yuan in millions (English) or ten-thousands (Chinese)."""
    if x is None or _isnan(x):
        return "-"
    return f"{float(x) / 1e4:,.0f}万元" if lang == "zh" else f"{float(x) / 1e6:,.1f} million yuan"


def _yuan_number(x: float, lang: str) -> str:
    """Yuan as a bare number in the unit its label names (million yuan / 万元)."""
    return f"{x / 1e4:,.0f}" if lang == "zh" else f"{x / 1e6:,.1f}"


def fmt_value(x: Any, unit: str, lang: str = "en") -> str:
    """A register value in its unit."""
    if x is None or _isnan(x):
        return "-"
    if unit == "share":
        return fmt_pct(x, lang, 0 if abs(float(x) - 1) < 1e-9 or float(x) == 0 else 1)
    return fmt_int(x)


def _isnan(x: Any) -> bool:
    try:
        return x != x  # NaN and pandas NA compare unequal to themselves
    except (TypeError, ValueError):
        return True


def _na(x: Any) -> bool:
    import pandas as pd

    return x is None or bool(pd.isna(x))


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
    'The reserve pools reach 10,412 by December 2016, meeting the target of more than
    10,000 with 4 months to spare; probability 82 %.'
    """
    from .i18n import MESSAGES, t

    tid, status = row["id"], row["status"]
    outcome = "met" if status in ("met", "at_risk") else "missed"
    unit = row.get("unit", "")
    values = {
        "value": fmt_value(row.get("value"), unit, lang),
        "threshold": fmt_value(row.get("threshold"), unit, lang),
        "deadline": fmt_month(row.get("deadline"), lang),
        "first_met": fmt_month(row.get("first_met"), lang),
        "label": row.get("label", tid),
        "status": row.get("status_label", status),
        **extra,
    }
    margin = row.get("margin")
    if not _na(margin):
        values["gap"] = fmt_value(abs(float(margin)), unit, lang)
    spare = row.get("months_to_spare")
    if _na(spare):
        values["spare"] = ""
    elif int(spare) == 0:
        values["spare"] = t("briefing.spare.none", lang)
    else:
        values["spare"] = t("briefing.spare.n", lang, n=int(spare))
    key = f"briefing.sentence.{tid}.{outcome}"
    if key not in MESSAGES:
        key = f"briefing.sentence.generic.{outcome}"
    if outcome == "missed" and _na(row.get("first_met")) and f"{key}_never" in MESSAGES:
        key = f"{key}_never"
    text = t(key, lang, **values)
    p = row.get("probability")
    if not _na(p):
        text = text.rstrip("。.") + t("briefing.sentence.probability", lang, p=fmt_pct(p, lang))
    if status == "at_risk":
        low_p = not _na(p) and risk_p is not None and float(p) < risk_p
        if low_p:
            text += t("briefing.sentence.at_risk_p", lang, p=fmt_pct(risk_p, lang))
        else:
            text += t("briefing.sentence.at_risk", lang)
    return text


# --------------------------------------------------------------------------- briefing


@dataclass(frozen=True, eq=False)
class Briefing:
    """One scenario's results and everything the briefing notebook shows about them.

    Build it with :func:`prepare`; each method returns a :class:`Section`.
    """

    scenario: Any
    baseline: Any
    results: Any
    compare: Any
    started: Any
    out_dir: Path | None = None
    scenario_source: str = ""

    @property
    def lang(self) -> str:
        return self.scenario.run.language

    def t(self, key: str, **values: Any) -> str:
        from .i18n import t

        return t(key, self.lang, **values)

    # ---------------------------------------------------------------- header + summary

    def header(self) -> Section:
        """Title, scenario, data and run date; the scenario's description (escaped)."""
        s = self.scenario
        subtitle = self.t(
            "briefing.subtitle",
            name=s.name,
            source=_short_source(self.baseline.source),
            date=self.started.strftime("%Y-%m-%d %H:%M"),
        )
        notes = []
        if _is_example(self.baseline.source):
            notes.append(self.t("common.illustrative"))
        parts = [title_block(s.title, subtitle, notes)]
        if s.description:
            parts.append(paragraph(s.description, "description"))
        return Section(parts)

    def summary(self) -> Section:
        """Executive summary: counts, key figures, sentences, the traffic-light register."""
        from .targets import status_counts

        reg = self.results.register
        counts = status_counts(reg)
        quantified = counts["met"] + counts["at_risk"] + counts["missed"]
        parts: list[Any] = [
            heading(self.t("briefing.h.summary")),
            paragraph(
                self.t(
                    "briefing.counts",
                    met=counts["met"],
                    at_risk=counts["at_risk"],
                    missed=counts["missed"],
                    n=quantified,
                ),
                "lead",
            ),
            key_figures(self.key_figures()),
            bullet_list(self.sentences()),
            heading(self.t("briefing.h.register"), 3),
            self.register_table(),
        ]
        return Section(parts)

    def key_figures(self) -> list[tuple[str, str, str]]:
        """The four or five numbers that matter: (value, label, note)."""
        r, lang = self.results, self.lang
        reg = r.register.set_index("id")
        talent = reg.loc["T-talent"]
        train = reg.loc["T-train"]
        venue = reg.loc["T-venue"]
        cards = [
            (
                fmt_int(talent["value"]),
                self.t("briefing.kf.talent", deadline=fmt_month(talent["deadline"], lang)),
                self.t(
                    "briefing.kf.talent_note",
                    threshold=fmt_int(talent["threshold"]),
                    p=fmt_pct(talent["probability"], lang),
                )
                if not _na(talent["probability"])
                else self.t("briefing.kf.target", threshold=fmt_int(talent["threshold"])),
            ),
            (
                fmt_pct(train["value"], lang),
                self.t("briefing.kf.train", deadline=fmt_month(train["deadline"], lang)),
                self.t(
                    "briefing.kf.train_note",
                    n=fmt_int(r.training.summary.get("trained", 0)),
                    cost=fmt_yuan(r.training.summary.get("cost_yuan"), lang),
                ),
            ),
            (
                fmt_value(venue["value"], "share", lang),
                self.t("briefing.kf.venue", deadline=fmt_month(venue["deadline"], lang)),
                self.t("briefing.kf.target", threshold=fmt_pct(venue["threshold"], lang)),
            ),
            (
                _yuan_number(self.total_spending_yuan(), lang),
                self.t("briefing.kf.spending", years=self.scenario.run.horizon_years),
                self.t("briefing.kf.spending_note"),
            ),
        ]
        return cards

    def total_spending_yuan(self) -> float:
        """Venues, village rooms, subsidies and training over the horizon."""
        return float(self.rollup()["spending_yuan"].sum())

    def rollup(self) -> Any:
        from .budget import fiscal_rollup

        r = self.results
        return fiscal_rollup(r.venues, r.subsidies, r.training)

    def sentences(self) -> list[str]:
        """Plain sentences from the numbers, one per quantified target with a model."""
        reg = self.results.register
        rows = reg[reg["model"].notna()].to_dict("records")
        extra = {"window": self.scenario.training.new_secretary_window_months}
        risk_p = self.scenario.targets.at_risk_probability
        return [target_sentence(row, self.lang, risk_p, **extra) for row in rows]

    def register_table(self, register: Any = None) -> Fragment:
        """The target register as a traffic-light table (plan's words under each label)."""
        reg = self.results.register if register is None else register
        lang = self.lang
        rows = []
        for row in reg.to_dict("records"):
            label = f"<strong>{esc(row['label'])}</strong>"
            label += f'<div class="words">{esc(row["words"])}</div>'
            comp = {">": ">", ">=": "≥", "~": "≈"}.get(row["comparator"], "")
            goal = f"{comp} {fmt_value(row['threshold'], row['unit'], lang)}" if comp else "-"
            deadline = (
                self.t("briefing.rolling")
                if row["rolling"]
                else fmt_month(row["deadline"], lang, short=True)
            )
            rows.append(
                (
                    label,
                    goal,
                    deadline,
                    fmt_value(row["value"], row["unit"], lang),
                    fmt_month(row["first_met"], lang, short=True),
                    fmt_pct(row["probability"], lang) if not _na(row["probability"]) else "-",
                    pill(row["status"], row["status_label"]),
                )
            )
        header = [
            self.t(f"briefing.col.{c}")
            for c in ("target", "goal", "deadline", "value", "first_met", "probability", "status")
        ]
        return table(
            rows,
            header,
            numeric=[False, True, False, True, False, True, False],
            raw=[True, False, False, False, False, False, True],
            cls="bt register",
        )

    # ---------------------------------------------------------------- topics

    def talent_section(self) -> Section:
        """Reserve-talent pools, Monte Carlo fan, counties, degrees, social workers."""
        from .charts import talent as ch

        r, lang = self.results.talent, self.lang
        figs = [ch.pools_chart(r, lang)]
        if r.bands is not None:
            figs.append(ch.fan_chart(r, lang))
        figs += [ch.county_chart(r, lang), ch.degree_chart(r, lang), ch.socwork_chart(r, lang)]
        return Section(
            [
                heading(self.t("briefing.h.talent"), section=True),
                bullet_list(ch.summary_lines(r, lang=lang)),
                *[Chart(f) for f in figs],
            ]
        )

    def training_section(self) -> Section:
        """Out-of-town training: coverage, classes, absence, cost; the diagnosis if late."""
        plan, lang = self.results.training, self.lang
        parts: list[Any] = [heading(self.t("briefing.h.training"), section=True)]
        parts.append(bullet_list(_training_lines(plan, lang)))
        parts += [Chart(f) for f in _training_figures(plan, lang)]
        cost = plan.cost
        rows = [
            (int(c["year"]), fmt_int(c["trainees"]), fmt_yuan(c["cost_yuan"], lang))
            for c in cost.to_dict("records")
        ]
        header = [
            self.t("briefing.col.year"),
            self.t("briefing.col.trainees"),
            self.t("briefing.col.cost"),
        ]
        parts.append(table(rows, header, numeric=[False, True, True], cls="bt compact"))
        return Section(parts)

    def venues_section(self) -> Section:
        """Community venue tiers, spending and village rooms."""
        from .charts import venues as ch

        plan, lang = self.results.venues, self.lang
        figs = [
            ch.tier_mix_chart(plan, lang),
            ch.venue_spending_chart(plan, lang),
            ch.projects_done_chart(plan, lang),
            ch.venue_spending_chart(plan, lang, villages=True),
        ]
        return Section(
            [
                heading(self.t("briefing.h.venues"), section=True),
                bullet_list(ch.venue_summary(plan, lang=lang)),
                *[Chart(f) for f in figs],
            ]
        )

    def subsidies_section(self) -> Section:
        """Secretary subsidies against rural income; the city's spending roll-up."""
        from .charts import venues as ch

        sub, lang = self.results.subsidies, self.lang
        rollup = self.rollup()
        return Section(
            [
                heading(self.t("briefing.h.subsidies"), section=True),
                bullet_list([ch.subsidy_summary(sub, lang)]),
                Chart(ch.subsidy_cash_chart(sub, lang)),
                Chart(ch.subsidy_compliance_table(sub, lang)),
                heading(self.t("briefing.h.budget"), 3),
                Chart(ch.rollup_chart(rollup, lang)),
                Chart(ch.rollup_county_chart(rollup, lang)),
            ]
        )

    # ---------------------------------------------------------------- comparison

    def comparison(self) -> Section:
        """Differences from the ``compare_to`` scenario (empty without one)."""
        if self.compare is None:
            return Section()
        other = self.compare
        lang = self.lang
        a = self.results.register.set_index("id")
        b = other.register.set_index("id")
        rows = []
        for tid in a.index:
            ra, rb = a.loc[tid], b.loc[tid]
            if ra["model"] is None or _na(ra["model"]):
                continue
            rows.append(
                (
                    ra["label"],
                    fmt_value(rb["value"], rb["unit"], lang),
                    pill(rb["status"], rb["status_label"]),
                    fmt_value(ra["value"], ra["unit"], lang),
                    pill(ra["status"], ra["status_label"]),
                    _diff(ra["value"], rb["value"], ra["unit"], lang),
                )
            )
        header = [
            self.t("briefing.col.target"),
            self.t("briefing.cmp.value", name=other.scenario.name),
            self.t("briefing.cmp.status", name=other.scenario.name),
            self.t("briefing.cmp.value", name=self.scenario.name),
            self.t("briefing.cmp.status", name=self.scenario.name),
            self.t("briefing.cmp.change"),
        ]
        changes = self.scenario.changes_from(other.scenario)
        change_rows = [
            (_field_label(k, lang), _fmt_param(old, k), _fmt_param(new, k))
            for k, (old, new) in changes.items()
            if k not in ("name", "title", "description")
        ]
        parts: list[Any] = [
            heading(self.t("briefing.h.compare", title=other.scenario.title), section=True),
            table(rows, header, numeric=[0, 1, 0, 1, 0, 1], raw=[0, 0, 1, 0, 1, 0]),  # type: ignore[list-item]
        ]
        if change_rows:
            parts += [
                heading(self.t("briefing.h.changed"), 3),
                table(
                    change_rows,
                    [
                        self.t("briefing.col.parameter"),
                        other.scenario.name,
                        self.scenario.name,
                    ],
                ),
            ]
        return Section(parts)

    # ---------------------------------------------------------------- appendix

    def appendix(self) -> Section:
        """Every parameter (non-defaults highlighted) and the provenance of the data."""
        from .provenance import run_provenance
        from .scenario import FIELDS, flatten

        lang = self.lang
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
                    _field_label(key, lang),
                    _unit_label(f.unit, lang),
                    _fmt_param(value, key),
                    _fmt_param(f.default, key),
                    self.t("briefing.changed") if changed else "",
                )
            )
            classes.append("changed" if changed else "")
        header = [
            self.t(f"briefing.col.{c}") for c in ("parameter", "unit", "value", "default", "note")
        ]
        prov = run_provenance(
            self.baseline.file_hashes,
            self.baseline.source,
            self.scenario.run.seed,
            self.started,
        )
        prov_rows = [
            (self.t("briefing.prov.scenario"), self.scenario_source or self.scenario.name),
            (self.t("briefing.prov.source"), _short_source(prov["source"])),
            (self.t("briefing.prov.version"), prov["package_version"]),
            (self.t("briefing.prov.code"), prov["code"]),
            (self.t("briefing.prov.python"), prov["python"]),
            (self.t("briefing.prov.time"), prov["run_time"]),
            (self.t("briefing.prov.seed"), str(prov["seed"])),
            (self.t("briefing.prov.draws"), fmt_int(self.scenario.run.mc_draws)),
            (
                self.t("briefing.prov.seconds"),
                ", ".join(f"{k} {v:.2f} s" for k, v in self.results.seconds.items()),
            ),
        ]
        file_rows = [(name, digest) for name, digest in sorted(prov["files"].items())]
        return Section(
            [
                heading(self.t("briefing.h.appendix"), section=True),
                heading(self.t("briefing.h.parameters"), 3),
                paragraph(self.t("briefing.parameters.note"), "note"),
                table(rows, header, row_classes=classes, cls="bt params"),
                heading(self.t("briefing.h.provenance"), 3),
                table(prov_rows, [self.t("briefing.col.item"), self.t("briefing.col.value")]),
                table(
                    file_rows,
                    [self.t("briefing.col.file"), "SHA-256"],
                    cls="bt hashes",
                ),
            ]
        )

    # ---------------------------------------------------------------- files

    def summary_record(self) -> dict[str, Any]:
        """Key figures and target statuses as plain JSON (for the batch index)."""
        reg = self.results.register
        kfs = []
        for (value, label, _note), kid in zip(
            self.key_figures(), ("talent", "train", "venue", "spending"), strict=True
        ):
            kfs.append({"id": kid, "label": label, "text": value})
        row = reg.set_index("id")
        kfs[0]["value"] = _num(row.loc["T-talent", "value"])
        kfs[0]["unit"] = "persons"
        kfs[1]["value"] = _num(row.loc["T-train", "value"])
        kfs[1]["unit"] = "share"
        kfs[2]["value"] = _num(row.loc["T-venue", "value"])
        kfs[2]["unit"] = "share"
        # The label already says "million yuan": keep the value in the same unit.
        kfs[3]["value"] = round(self.total_spending_yuan() / 1e6, 1)
        kfs.append(
            {
                "id": "talent_probability",
                "label": self.t("briefing.kf.probability"),
                "value": _num(row.loc["T-talent", "probability"]),
                "unit": "share",
            }
        )
        return {
            "scenario": self.scenario.name,
            "title": self.scenario.title,
            "language": self.lang,
            "key_figures": kfs,
            "targets": [
                {
                    "id": r["id"],
                    "label": r["label"],
                    "status": r["status"],
                    "status_label": r["status_label"],
                    "value": _num(r["value"]),
                }
                for r in reg.to_dict("records")
            ],
        }

    def tables(self) -> dict[str, Any]:
        """Every table of the results, Excel- and CSV-ready (months as text)."""
        import dataclasses

        import pandas as pd

        r = self.results
        out: dict[str, Any] = {"targets": r.register, "budget_rollup": self.rollup()}
        for name in ("talent", "training", "venues", "subsidies"):
            obj = getattr(r, name)
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
        write_plan_workbook(target / "tables.xlsx", **book)
        # County offices need their own lists: one sheet of named trainees per county.
        write_roster_excel(self.results.training, target / "training_roster.xlsx")
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


TRAINING_CHARTS = (
    "coverage_chart",
    "gantt_chart",
    "classes_chart",
    "absence_heatmap",
    "away_chart",
    "cost_chart",
)
"""Builders of :mod:`planning.charts.training` shown in the training section, in order."""


def _training_lines(plan: Any, lang: str) -> list[str]:
    """Plain sentences on the training plan, with the diagnosis when it is late."""
    try:
        from .charts import training as ch

        return list(ch.summary_lines(plan, lang))
    except (ImportError, AttributeError):
        pass
    from .i18n import t

    summ = plan.summary
    lines = [
        t(
            "briefing.training.line",
            lang,
            classes=summ.get("classes", 0),
            trained=fmt_int(summ.get("trained", 0)),
            cost=fmt_yuan(summ.get("cost_yuan"), lang),
            bases=len(summ.get("bases", [])),
        )
    ]
    if plan.diagnosis is not None:
        lines += plan.diagnosis.describe(lang).splitlines()
    return lines


def _training_figures(plan: Any, lang: str) -> list[Any]:
    """The training charts (from :mod:`planning.charts.training` when present)."""
    try:
        from .charts import training as ch
    except ImportError:
        return []
    names = [n for n in TRAINING_CHARTS if hasattr(ch, n)]
    return [getattr(ch, n)(plan, lang) for n in names]


def _num(x: Any) -> float | None:
    return None if _na(x) else float(x)


def _plain_frame(frame: Any) -> Any:
    import pandas as pd

    out = frame.copy()
    for c in out.columns:
        periods = out[c].dtype == object and len(out) and isinstance(out[c].iloc[0], pd.Period)
        if periods or isinstance(out[c].dtype, pd.PeriodDtype | pd.CategoricalDtype):
            out[c] = out[c].astype(str)
    return out


def _diff(a: Any, b: Any, unit: str, lang: str) -> str:
    if _na(a) or _na(b):
        return "-"
    d = float(a) - float(b)
    if unit == "share":
        pts = 100 * d
        return f"{pts:+.1f}" + ("个百分点" if lang == "zh" else " pts")
    return f"{d:+,.0f}"


def _normalise(v: Any) -> Any:
    if isinstance(v, list | tuple):
        return tuple(_normalise(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _normalise(x)) for k, x in v.items()))
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _fmt_param(v: Any, key: str = "") -> str:
    """A parameter value as text: money with thousands separators, numbers as entered."""
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int | float) and key.endswith("_yuan"):
        return f"{v:,.0f}"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:.4g}"
    if isinstance(v, list | tuple):
        return ", ".join(_fmt_param(x) for x in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_fmt_param(x)}" for k, x in v.items()) or "-"
    return str(v)


def _field_label(key: str, lang: str) -> str:
    from .i18n import MESSAGES
    from .scenario import FIELDS

    f = FIELDS.get(key)
    return MESSAGES.get(f"field.{key}", {}).get(lang) or (f.label if f else key)


def _unit_label(unit: str, lang: str) -> str:
    from .i18n import MESSAGES

    return MESSAGES.get(f"unit.{unit}", {}).get(lang, unit) if unit else ""


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


def prepare(
    scenario: str = "baseline",
    overrides: Mapping[str, Any] | None = None,
    data_dir: str | None = None,
    compare_to: str | None = None,
    out_dir: str | None = None,
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

    Examples
    --------
    >>> b = prepare("baseline", {"run.mc_draws": 200})
    >>> b.results.register.shape[0] > 10
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
    baseline = load_baseline(data_dir)
    results = run_all(baseline, scen)
    compare = run_all(baseline, other, lang=scen.run.language) if other else None
    return Briefing(
        scenario=scen,
        baseline=baseline,
        results=results,
        compare=compare,
        started=started,
        out_dir=Path(out_dir) if out_dir else None,
        scenario_source=_short_source(str(scenario_path(scenario))),
    )
