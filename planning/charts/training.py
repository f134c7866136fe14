"""Charts and plain-words summary of the training rotation.

Every builder takes a :class:`~planning.models.training.TrainingPlan` and ``lang`` and
returns a ``go.Figure``; nothing is shown or written.

>>> from planning import load_baseline, load_scenario, plan_training
>>> plan = plan_training(load_baseline(), load_scenario("baseline"))
>>> gantt_chart(plan).layout.title.text
'Out-of-town classes by training base'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from .common import TARGET_COLOR, county_labels, deadline_marker, style, target_line

LINE_COLORS = {"current": "#1f6fb2", "in_post": "#e07b39"}
BAR_COLOR = "#4292c6"


def _n(x: float) -> str:
    return f"{x:,.0f}"


def _month_end(plan, month: int) -> pd.Timestamp:
    start = pd.Timestamp(year=plan.summary["start_year"], month=1, day=1)
    return start + pd.offsets.MonthEnd(month)


def gantt_chart(plan, lang: str = "en") -> go.Figure:
    """Every class as a bar from its first to its last day, one row per training base.

    The bar's colour shows how full the class is; hovering gives the exact seats and cost.

    Examples
    --------
    >>> fig = gantt_chart(plan, "zh")
    >>> fig.layout.yaxis.title.text
    '培训基地'
    """
    cls = plan.classes
    fig = go.Figure()
    if len(cls):
        start = cls["start"]
        end = cls["end"] + pd.Timedelta(days=1)  # bars end after the last day
        fill = cls["seats_used"] / cls["capacity"]
        hover = [
            t(
                "training.gantt.hover",
                lang,
                cls=r.class_id,
                start=f"{r.start:%Y-%m-%d}",
                end=f"{r.end:%Y-%m-%d}",
                used=r.seats_used,
                capacity=r.capacity,
                counties=r.counties,
                cost=_n(r.cost_yuan),
            )
            for r in cls.itertuples()
        ]
        fig.add_trace(
            go.Bar(
                y=[f"{b} {n}" for b, n in zip(cls["base_id"], cls["base_name"], strict=True)],
                base=start.dt.strftime("%Y-%m-%d"),
                x=(end - start).dt.total_seconds() * 1000,
                orientation="h",
                marker={
                    "color": fill * 100,
                    "colorscale": "Blues",
                    "cmin": 0,
                    "cmax": 100,
                    "colorbar": {"title": {"text": t("training.gantt.seats", lang) + " (%)"}},
                    "line": {"width": 1, "color": "#08306b"},
                },
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
            )
        )
    fig.update_xaxes(type="date", title_text=t("common.month", lang))
    fig.update_yaxes(title_text=t("training.gantt.base", lang), autorange="reversed")
    deadline_marker(
        fig, _month_end(plan, plan.summary["deadline_month"]), t("common.deadline", lang)
    )
    rows = max(cls["base_id"].nunique(), 1) if len(cls) else 1
    return style(fig, t("training.gantt.title", lang), height=220 + 40 * rows)


def coverage_chart(plan, lang: str = "en") -> go.Figure:
    """Share trained by month: the secretaries in post at plan start (the target) and the
    expected share of those in post each month, against 100 % and the deadline.

    Examples
    --------
    >>> [tr.name for tr in coverage_chart(plan).data]
    ['Secretaries in post at plan start', 'Secretaries in post that month (expected)']
    """
    cov = plan.coverage
    x = [_month_end(plan, m) for m in cov["month"]]
    fig = go.Figure()
    for key, col, extra in (
        ("current", "current_share", "current_trained"),
        ("in_post", "in_post_share", "in_post_trained"),
    ):
        name = t(f"training.coverage.{key}", lang)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=cov[col] * 100,
                customdata=np.round(cov[extra].to_numpy(float)),
                name=name,
                mode="lines",
                line={"color": LINE_COLORS[key], "width": 2.5 if key == "current" else 1.5},
                hovertemplate=(
                    f"%{{x|%Y-%m}}<br>{name}: %{{y:.1f}} % (%{{customdata:,.0f}})<extra></extra>"
                ),
            )
        )
    target_line(fig, 100, t("training.coverage.target", lang))
    deadline_marker(
        fig, _month_end(plan, plan.summary["deadline_month"]), t("common.deadline", lang)
    )
    fig.update_yaxes(title_text=t("training.coverage.axis", lang), range=[0, 105])
    fig.update_xaxes(title_text=t("common.month", lang))
    return style(fig, t("training.coverage.title", lang))


def absence_heatmap(plan, lang: str = "en") -> go.Figure:
    """Secretaries away training per county and month, as a share of the county's cap.

    100 % means the cap is fully used; blank cells are months where nobody may leave.

    Examples
    --------
    >>> absence_heatmap(plan).data[0].zmax
    100
    """
    away = plan.away
    months = sorted(away["month"].unique())
    counties = list(dict.fromkeys(away["county_id"]))
    grid = away.set_index(["county_id", "month"])
    use = np.where(grid["cap"] > 0, 100 * grid["away"] / grid["cap"].clip(lower=1), np.nan)
    z = pd.Series(use, index=grid.index).unstack("month").reindex(counties)[months]
    hover = [
        [
            t(
                "training.away.hover",
                lang,
                county=plan.county_names.get(c, c),
                month=f"{_month_end(plan, m):%Y-%m}",
                away=int(grid.at[(c, m), "away"]),
                cap=int(grid.at[(c, m), "cap"]),
                share=f"{100 * grid.at[(c, m), 'away_share']:.1f}",
                n=int(grid.at[(c, m), "secretaries"]),
            )
            for m in months
        ]
        for c in counties
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(),
            x=[_month_end(plan, m) for m in months],
            y=county_labels(plan, counties),
            zmin=0,
            zmax=100,
            colorscale="Blues",
            colorbar={"title": {"text": t("training.away.colour", lang)}},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=t("common.month", lang))
    fig.update_yaxes(title_text=t("common.county", lang), autorange="reversed")
    return style(fig, t("training.away.title", lang), height=200 + 22 * len(counties))


def cost_chart(plan, lang: str = "en") -> go.Figure:
    """Training cost by calendar year, with the yearly budget when one is set.

    Examples
    --------
    >>> cost_chart(plan).layout.yaxis.title.text
    'Cost (million yuan)'
    """
    cost = plan.cost
    years = cost["year"].astype(str)
    fig = go.Figure(
        go.Bar(
            x=years,
            y=cost["cost_yuan"] / 1e6,
            name=t("training.cost.spent", lang),
            marker_color=BAR_COLOR,
            hovertext=[
                t("training.cost.hover", lang, year=y, cost=_n(c), n=int(n))
                for y, c, n in zip(cost["year"], cost["cost_yuan"], cost["trainees"], strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    if cost["budget_yuan"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=years,
                y=cost["budget_yuan"] / 1e6,
                name=t("training.cost.budget", lang),
                mode="lines+markers",
                line={"color": TARGET_COLOR, "dash": "dash"},
                hovertemplate="%{x}: %{y:,.2f} M<extra></extra>",
            )
        )
    fig.update_xaxes(title_text=t("training.cost.year", lang), type="category")
    fig.update_yaxes(title_text=t("training.cost.axis", lang))
    return style(fig, t("training.cost.title", lang))


def summary_lines(plan, lang: str = "en") -> list[str]:
    """Plain sentences: whether every deadline is met, and if not, the least changes that fix it.

    Examples
    --------
    >>> summary_lines(plan)[0][:30]
    'All 848 untrained secretaries '
    """
    s = plan.summary
    if plan.feasible:
        return [
            t(
                "training.summary.feasible",
                lang,
                current=_n(s["current_to_train"]),
                deadline=f"{_month_end(plan, s['deadline_month']):%Y-%m}",
                new=_n(s["new_to_train"]),
                window=s["window_months"],
                classes=s["classes"],
                cost=f"{s['cost_yuan'] / 1e6:,.1f}",
            )
        ]
    lines = [t("training.summary.infeasible", lang, n=_n(s["shortfall"]))]
    if plan.diagnosis is not None:
        lines += [x.removeprefix("- ") for x in plan.diagnosis.describe(lang).splitlines()]
    return lines


def summary_text(plan, lang: str = "en") -> str:
    """The summary sentences as one text."""
    return "\n".join(summary_lines(plan, lang))


def county_table(plan, lang: str = "en") -> pd.DataFrame:
    """Per county: secretaries, already trained, to train (plan start and new), on time,
    first and last class month, and the most away in one month against the cap.

    Examples
    --------
    >>> county_table(plan).columns[0]
    'County'
    """
    r = plan.roster
    away = plan.away.groupby("county_id").agg(
        secretaries=("secretaries", "first"), most_away=("away", "max")
    )
    g = r.groupby("county_id")
    out = pd.DataFrame(
        {
            "current": g["cohort"].apply(lambda c: int((c == "current").sum())),
            "new": g["cohort"].apply(lambda c: int((c == "new").sum())),
            "on_time": g["status"].apply(lambda x: int((x == "on_time").sum())),
            "first": g["start"].min().dt.strftime("%Y-%m"),
            "last": g["start"].max().dt.strftime("%Y-%m"),
        }
    )
    out = away.join(out, how="left").fillna({"current": 0, "new": 0, "on_time": 0})
    out = out.reset_index()
    cols = {
        "county_id": "common.county",
        "secretaries": "training.table.secretaries",
        "current": "training.table.current",
        "new": "training.table.new",
        "on_time": "training.table.on_time",
        "first": "training.table.first",
        "last": "training.table.last",
        "most_away": "training.table.most_away",
    }
    out = out[list(cols)].astype({"current": int, "new": int, "on_time": int})
    return out.rename(columns={k: t(v, lang) for k, v in cols.items()})
