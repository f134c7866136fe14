"""Plan against actual, month by month: the plan as set out, what the returns report, and
the re-forecast continuing from the last reported month (with its Monte Carlo band for the
reserve talents)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from .. import present as pr
from ..i18n import t
from .common import count_axis, deadline_marker, month_axis, style, target_line

PLAN_COLOR = "#9e9e9e"
ACTUAL_COLOR = "#222222"
FORECAST_COLOR = "#1f6fb2"


def _hover(lang: str, what: str) -> str:
    sep = "：" if lang == "zh" else ": "
    return f"{pr.hover_month(lang)}<br>{what}{sep}%{{y:,.0f}}<extra></extra>"


def _ts(months: Any) -> pd.DatetimeIndex:
    return pd.PeriodIndex(months, freq="M").to_timestamp()


def progress_chart(
    indicator: str,
    plan: pd.DataFrame,
    actual: pd.DataFrame,
    forecast: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    band: pd.DataFrame | None = None,
    target: tuple[float, str] | None = None,
    deadline: pd.Period | None = None,
) -> go.Figure:
    """One quantity of :data:`planning.review.SERIES`: plan, actual and re-forecast.

    Parameters
    ----------
    plan, actual, forecast : DataFrame
        :func:`~planning.review.plan_series` of the plan's run, :func:`~planning.review.
        actual_series`, and ``plan_series`` of the run from the ledger; each filtered here
        to ``indicator``. The re-forecast is drawn from the last reported month on.
    band : DataFrame, optional
        ``month``, ``p10``, ``p90`` of the re-forecast's Monte Carlo (reserve talents).
    target : (value, label), optional
        A target line.
    deadline : Period, optional
        The target's deadline.
    """
    plan, actual = plan[plan["indicator"] == indicator], actual[actual["indicator"] == indicator]
    if forecast is not None:
        forecast = forecast[forecast["indicator"] == indicator]
    fig = go.Figure()
    name = t("review.plan", lang)
    fig.add_trace(
        go.Scatter(
            x=_ts(plan["month"]), y=plan["value"], name=name, mode="lines", legendrank=1,
            line={"color": PLAN_COLOR, "width": 2, "dash": "dash"},
            hovertemplate=_hover(lang, name),
        )
    )  # fmt: skip
    last = actual["month"].max() if len(actual) else None
    if forecast is not None and last is not None:
        ahead = forecast[forecast["month"] >= last]
        if band is not None:
            b = band[pd.PeriodIndex(band["month"], freq="M") >= last]
            x = _ts(b["month"])
            fig.add_trace(go.Scatter(x=x, y=b["p90"], mode="lines", showlegend=False,
                                     line={"width": 0, "color": FORECAST_COLOR},
                                     hoverinfo="skip"))  # fmt: skip
            fig.add_trace(
                go.Scatter(
                    x=x, y=b["p10"], mode="lines", fill="tonexty",
                    name=t("review.band", lang), fillcolor="rgba(31,111,178,0.2)", legendrank=4,
                    line={"width": 0, "color": FORECAST_COLOR}, hoverinfo="skip",
                )
            )  # fmt: skip
        # The re-forecast starts at the last reported point, so the two lines join.
        start = actual[actual["month"] == last]
        x = list(_ts(start["month"])) + list(_ts(ahead["month"][ahead["month"] > last]))
        y = list(start["value"]) + list(ahead["value"][ahead["month"] > last])
        name = t("review.forecast", lang)
        fig.add_trace(
            go.Scatter(
                x=x, y=y, name=name, mode="lines", legendrank=3,
                line={"color": FORECAST_COLOR, "width": 2.5},
                hovertemplate=_hover(lang, name),
            )
        )  # fmt: skip
    name = t("review.actual", lang)
    fig.add_trace(
        go.Scatter(
            x=_ts(actual["month"]), y=actual["value"], name=name, mode="lines+markers", legendrank=2,
            line={"color": ACTUAL_COLOR, "width": 2}, marker={"size": 7},
            hovertemplate=_hover(lang, name),
        )
    )  # fmt: skip
    if target is not None:
        target_line(fig, target[0], target[1])
    if deadline is not None:
        deadline_marker(fig, deadline.to_timestamp(), t("common.deadline", lang))
    # Plan, actual, re-forecast, band: plotly would list a chart with a filled band in
    # reverse order.
    fig.update_layout(legend={"traceorder": "normal"})
    count_axis(fig, t(f"review.axis.{indicator}", lang))
    month_axis(fig, lang, t("common.month", lang))
    return style(fig, t(f"review.title.{indicator}", lang), lang=lang, height=340)


__all__ = ["progress_chart"]
