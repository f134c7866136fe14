"""Shared look of every chart: palette, fonts, layout defaults, target lines, and the axes
of months and money.

Everything a chart shows in words or numbers is formatted by :mod:`planning.present`, so a
chart, the sentence beside it and the briefing read the same. Figures never set a width:
they follow their container (the app shows them from about 560 px to 1400 px wide).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import present
from ..present import STATUS_COLORS  # noqa: F401  (re-exported: the app colours lights with it)

POOL_COLORS = {"cgvo": "#1f6fb2", "returnee": "#e07b39", "leader": "#3a9d5d"}
TIER_COLORS = {
    "below": "#c8c8c8",
    "standard": "#9ecae1",
    "quality": "#4292c6",
    "demonstration": "#08519c",
}
TARGET_COLOR = "#c62828"
FONT = "Noto Sans, Noto Sans CJK SC, Microsoft YaHei, Helvetica, Arial, sans-serif"

TITLE_CHARS = {"en": 64, "zh": 32}
"""Longest title line, in characters, that fits a 560 px chart at the title's font size."""

LEGEND_GAP_PX = 62
"""Distance from the bottom of the plot area to the top of a legend placed below it."""


def wrap_title(title: str, lang: str) -> str:
    """Break a long title into lines (``<br>``) that fit the narrowest chart.

    Plotly never wraps a title; a long one is cut at the right edge of a narrow chart.
    English breaks between words; Chinese before an opening bracket or after a punctuation
    mark when there is one in the second half of the line, else at the limit.

    >>> wrap_title("各县（市、区）村党组织书记基本报酬与农民人均纯收入的对比情况（元/年）", "zh")
    '各县（市、区）村党组织书记基本报酬与农民人均纯收入的对比情况<br>（元/年）'
    """
    limit = TITLE_CHARS["zh" if lang == "zh" else "en"]
    lines: list[str] = []
    rest = title
    while len(rest) > limit:
        if lang == "zh":
            before = rest.rfind("（", limit // 2, limit)
            after = max(rest.rfind(c, limit // 2, limit - 1) for c in "，、：；）") + 1
            cut = max(before, after)
            cut = cut if cut > 0 else limit
        else:
            cut = rest.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    lines.append(rest)
    return "<br>".join(lines)


def style(
    fig: go.Figure,
    title: str,
    *,
    height: int = 380,
    lang: str = "en",
    legend: str | None = "below",
) -> go.Figure:
    """Apply the house layout: plain title, white background, legend, no fixed width.

    Long titles are broken into lines that fit a 560 px chart, and the top margin grows with
    them, so the title never runs into the plot or past the right edge. ``legend`` is
    ``"below"`` (under the x-axis title), ``"above"`` (between the title and the plot, for
    charts whose slanted category labels fill the space below; room for two rows is kept,
    as a narrow chart wraps it) or None.
    """
    text = wrap_title(title, lang)
    lines = text.count("<br>") + 1
    title_px = 12 + 20 * lines
    top = title_px + (58 if legend == "above" else 30)
    bottom = 100 if legend == "below" else 60
    height += top - 62
    # The legend sits below the x-axis title at a fixed distance in pixels, whatever the
    # figure's height (a fixed paper fraction overlaps the axis title on short figures).
    plot_px = max(height - top - bottom, 100)
    if legend == "above":
        legend_layout = {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1 + 8 / plot_px,
            "x": 0,
            "xanchor": "left",
        }
    else:
        legend_layout = {
            "orientation": "h",
            "yanchor": "top",
            "y": -LEGEND_GAP_PX / plot_px,
            "x": 0,
        }
    fig.update_layout(
        title={
            "text": text,
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            # plotly draws a wrapped title about half a line higher than a one-line title
            # (measured in Chromium, two lines or more): move it down by as much.
            "pad": {"t": 12 if lines == 1 else 22},
            "font": {"size": 16},
        },
        template="plotly_white",
        font={"family": FONT, "size": 12},
        height=height,
        autosize=True,
        margin={"l": 64, "r": 24, "t": top, "b": bottom},
        legend=legend_layout,
        hoverlabel={"namelength": -1},
    )
    return fig


def wrap_label(text: str, width: int = 22) -> str:
    """Break a long category label (a base's name) at spaces into lines of ``width``
    characters, so that the axis keeps room for the plot on a narrow chart."""
    if len(text) <= width or " " not in text:
        return text
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


def county_axis(fig: go.Figure, title: str) -> go.Figure:
    """An x axis of county names, slanted up to the right so that the last name ends
    at its bar instead of running past the right edge (and standing off the value axis's
    lowest label)."""
    return fig.update_xaxes(title=title, tickangle=-35, automargin=True, ticklabelstandoff=8)


def count_axis(fig: go.Figure, title: str, axis: str = "y") -> go.Figure:
    """An axis of persons or projects: whole numbers with separators (``10,000``), never
    plotly's SI suffixes (``10k``)."""
    update = {"title": title, "tickformat": ",~f", "rangemode": "tozero"}
    return fig.update_yaxes(**update) if axis == "y" else fig.update_xaxes(**update)


def county_labels(result: Any, ids: Iterable[str], lang: str = "en") -> list[str]:
    """The names of counties in ``lang`` (``Songfeng District`` / ``松丰区``), never their ids.

    ``result`` is a model result carrying ``county_names``, or a frame carrying them in
    ``attrs["county_names"]`` (as :func:`planning.budget.fiscal_rollup` returns). Spending
    not split by county (id ``city``) reads as the city level.
    """
    names = getattr(result, "county_names", None)
    if names is None and isinstance(result, pd.DataFrame):
        names = result.attrs.get("county_names")
    names = names or {}
    # Names from the data carry their Chinese form (planning.data.Names); a plain dict
    # (an older result) has the names as given.
    local = names.in_lang(lang) if hasattr(names, "in_lang") else dict(names)
    from ..i18n import t

    return [t("budget.city", lang) if c == "city" else local.get(c, c) for c in ids]


def target_line(fig: go.Figure, y: float, label: str, **kw) -> go.Figure:
    """A dashed horizontal target line with its label."""
    fig.add_hline(
        y=y,
        line={"color": TARGET_COLOR, "dash": "dash", "width": 1.5},
        annotation_text=label,
        annotation_position="top left",
        **kw,
    )
    return fig


def deadline_marker(fig: go.Figure, x, label: str, **kw) -> go.Figure:
    """A dotted vertical deadline marker, labelled just above the plot.

    The label ends at the line (right-aligned), so that it never runs past the right edge
    of a narrow chart, and sits above the plot, clear of target lines and their labels.
    """
    fig.add_vline(x=x, line={"color": "#555", "dash": "dot", "width": 1.2}, **kw)
    fig.add_annotation(
        x=x,
        y=1,
        yref="paper",
        text=label,
        showarrow=False,
        xanchor="right",
        yanchor="bottom",
        xshift=4,
        font={"color": "#555", "size": 11},
    )
    return fig


# --------------------------------------------------------------------------- months


def month_axis(fig: go.Figure, lang: str, title: str | None = None, axis: str = "x") -> go.Figure:
    """A time axis of months: ticks as ``Jan 2015`` / ``2015年1月``, hover as the same."""
    fmt = present.axis_month_format(lang)
    # The first month's label sits under the corner of the plot: standing off a few pixels
    # keeps it clear of the value axis's lowest label (0).
    update = {"type": "date", "tickformat": fmt, "hoverformat": fmt, "ticklabelstandoff": 8}
    if title is not None:
        update["title"] = {"text": title}
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(**update)
    return fig


def day_label(day: Any, lang: str) -> str:
    """A calendar day as people write it: ``13 Jan 2014`` / ``2014年1月13日``.

    (:mod:`planning.present` labels months; class dates are the one place a day shows.)
    """
    if present.is_na(day):
        return present.NA
    d = pd.Timestamp(day)
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {present.month_label(d, 'en')}"


# --------------------------------------------------------------------------- money


def money_axis(
    fig: go.Figure, values: Iterable[float], title: str, lang: str, axis: str = "y"
) -> present.MoneyScale:
    """Scale a money axis to the unit its largest amount calls for and title it with it.

    Returns the scale: divide every plotted amount by ``scale.divisor``.
    """
    largest = max((abs(float(v)) for v in values if not present.is_na(v)), default=0.0)
    scale = present.money_scale(largest, lang)
    update = {
        "title": {"text": present.money_axis_title(title, scale, lang)},
        # Separators, up to two decimals, trailing zeros dropped: 2,000 / 1.5 / 0.25.
        "tickformat": ",.2~f",
        "rangemode": "tozero",
    }
    (fig.update_yaxes if axis == "y" else fig.update_xaxes)(**update)
    return scale


def scaled(values: Iterable[float], scale: present.MoneyScale) -> list[float]:
    """Amounts in yuan divided into the unit of ``scale`` (NaN kept as a gap)."""
    return [float("nan") if present.is_na(v) else float(v) / scale.divisor for v in values]


def money_texts(values: Iterable[float], lang: str) -> list[str]:
    """Each amount as a sentence writes it (``671万元`` / ``6.7 million yuan``), for hovers."""
    return [present.money(v, lang) for v in values]


money_at_least = present.money_at_least
"""A least amount rounded up (one definition: :func:`planning.present.money_at_least`)."""


def year_labels(years: Iterable[Any], lang: str) -> list[str]:
    """Years as category labels: ``2015`` / ``2015年``."""
    return [present.year_label(y, lang) for y in years]
