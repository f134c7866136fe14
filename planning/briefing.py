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
import os
import tempfile
import uuid
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import PlanningError, Problem

PLOTLY_MIME = "application/vnd.plotly.v1+json"
CHART_CLASS = "briefing-chart"
STATUS_ORDER = ("met", "at_risk", "missed", "tracked")


class BriefingError(PlanningError):
    """A notebook cannot be turned into a briefing (e.g. a chart nbconvert would drop)."""


# --------------------------------------------------------------------------- atomic files


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Readers see either the old file or the complete new one, never a partial file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    """:func:`atomic_write_bytes` for UTF-8 text."""
    return atomic_write_bytes(path, text.encode("utf-8"))


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


def charts(figs: Iterable[Any]) -> Fragment:
    """Several figures as one output, each under the previous one."""
    return Fragment("".join(Chart(f).div() for f in figs))


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
.kf-value{font-size:24px;font-weight:700;color:var(--accent);font-variant-numeric:tabular-nums}
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
