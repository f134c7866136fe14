"""Shared look of every chart: palette, fonts, layout defaults and target lines."""

from __future__ import annotations

import plotly.graph_objects as go

POOL_COLORS = {"cgvo": "#1f6fb2", "returnee": "#e07b39", "leader": "#3a9d5d"}
TIER_COLORS = {
    "below": "#c8c8c8",
    "standard": "#9ecae1",
    "quality": "#4292c6",
    "demonstration": "#08519c",
}
STATUS_COLORS = {"met": "#2e7d32", "at_risk": "#f9a825", "missed": "#c62828", "tracked": "#757575"}
TARGET_COLOR = "#c62828"
FONT = "Noto Sans, Noto Sans CJK SC, Microsoft YaHei, Helvetica, Arial, sans-serif"


def style(fig: go.Figure, title: str, *, height: int = 380) -> go.Figure:
    """Apply the house layout: plain title, white background, legend below, fits A4 width."""
    # The legend sits below the x-axis title at a fixed distance in pixels, whatever the
    # figure's height (a fixed paper fraction overlaps the axis title on short figures).
    top, bottom = 60, 100
    plot_px = max(height - top - bottom, 100)
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 16}},
        template="plotly_white",
        font={"family": FONT, "size": 12},
        height=height,
        margin={"l": 60, "r": 20, "t": top, "b": bottom},
        legend={"orientation": "h", "yanchor": "top", "y": -62 / plot_px, "x": 0},
        hoverlabel={"namelength": -1},
    )
    return fig


def county_labels(result, ids) -> list[str]:
    """Axis labels for county ids: the county's name when the result carries it."""
    names = getattr(result, "county_names", None) or {}
    return [names.get(c, c) for c in ids]


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
    """A dotted vertical deadline marker with its label (x may be a Timestamp)."""
    fig.add_vline(x=x, line={"color": "#555", "dash": "dot", "width": 1.2}, **kw)
    fig.add_annotation(
        x=x, y=1, yref="paper", text=label, showarrow=False, xanchor="left", yanchor="bottom"
    )
    return fig
