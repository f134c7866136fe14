"""Charts of the venue plan, the subsidy budget and the fiscal roll-up.

Every builder takes result objects or frames and ``lang``, and returns a ``go.Figure``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..budget import PROGRAMMES, rollup_by_year
from ..i18n import t
from .common import TIER_COLORS, county_labels, deadline_marker, style, target_line

STACK_ORDER = ("demonstration", "quality", "standard", "below")
"""Bottom to top: the demonstration band meets its target line, demonstration + quality
meets the quality-or-better line."""

YEAR_COLORS = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
PROGRAMME_COLORS = {
    "community_venues": "#2171b5",
    "village_rooms": "#6baed6",
    "basic_subsidy": "#e07b39",
    "performance_subsidy": "#f2b27a",
    "training": "#3a9d5d",
}
COMPLIANCE_COLORS = {"above": "#d9f0d3", "equal": "#fff3c4", "below": "#f8d0d0"}


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _month_date(month: int, start_year: int) -> pd.Timestamp:
    return pd.Timestamp(year=start_year + (month - 1) // 12, month=(month - 1) % 12 + 1, day=1)


def tier_mix_chart(plan, lang: str = "en") -> go.Figure:
    """Stacked area of community tier shares by month, with the two target lines and the
    deadline.

    Examples
    --------
    >>> tier_mix_chart(plan_venues(baseline, scenario)).data[0].name
    'Demonstration'
    """
    mix, check = plan.mix, plan.target_check.iloc[0]
    fig = go.Figure()
    for tier in STACK_ORDER:
        part = mix[mix["tier"] == tier]
        name = t(f"venues.tier.{tier}", lang)
        text = [
            t("venues.mix.hover", lang, tier=name, count=int(c), share=f"{s:.1%}")
            for c, s in zip(part["communities"], part["share"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=part["date"],
                y=part["share"],
                name=name,
                stackgroup="tiers",
                mode="lines",
                line={"width": 0.5, "color": TIER_COLORS[tier]},
                fillcolor=TIER_COLORS[tier],
                text=text,
                hovertemplate="%{x|%Y-%m}<br>%{text}<extra></extra>",
            )
        )
    demo, qplus = check["demonstration_target"], check["quality_or_better_target"]
    target_line(fig, demo, t("venues.mix.target_demo", lang, share=_pct(demo)))
    target_line(fig, qplus, t("venues.mix.target_qplus", lang, share=_pct(qplus)))
    start_year = int(mix["date"].iloc[-1].year) - (int(mix["month"].iloc[-1]) - 1) // 12
    deadline_marker(fig, _month_date(plan.deadline_month, start_year), t("common.deadline", lang))
    fig.update_yaxes(title=t("venues.mix.yaxis", lang), tickformat=".0%", range=[0, 1])
    fig.update_xaxes(title=t("common.month", lang))
    return style(fig, t("venues.mix.title", lang))


def venue_spending_chart(plan, lang: str = "en", *, villages: bool = False) -> go.Figure:
    """Bars of spending by county, one bar per year; county budget caps when shares are set."""
    frame = plan.village_spending if villages else plan.spending
    fig = go.Figure()
    for i, (year, part) in enumerate(frame.groupby("year")):
        if part["spent_yuan"].sum() == 0:
            continue
        fig.add_trace(
            go.Bar(
                x=county_labels(plan, part["county_id"]),
                y=part["spent_yuan"],
                name=str(year),
                marker_color=YEAR_COLORS[i % len(YEAR_COLORS)],
                hovertemplate="%{x} "
                + str(year)
                + ": %{y:,.0f} "
                + t("common.yuan", lang)
                + "<extra></extra>",
            )
        )
    caps = frame.dropna(subset=["budget_yuan"]).drop_duplicates("county_id")
    if len(caps):
        fig.add_trace(
            go.Scatter(
                x=county_labels(plan, caps["county_id"]),
                y=caps["budget_yuan"],
                mode="markers",
                marker_symbol="line-ew",
                marker={"size": 28, "line": {"width": 2, "color": "#c62828"}},
                name=t("venues.spend.county_budget", lang, year=""),
                hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=t("common.county", lang))
    fig.update_yaxes(title=t("venues.spend.yaxis", lang), tickformat=",.0f")
    key = "venues.spend.village_title" if villages else "venues.spend.title"
    # County names are slanted below the axis: the year legend goes top right instead.
    fig = style(fig, t(key, lang), height=420)
    return fig.update_layout(legend={"y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"})


def venue_budget_chart(plan, lang: str = "en") -> go.Figure:
    """City spending per year on community venues and village rooms against their budgets."""
    fig = go.Figure()
    pairs = (
        ("communities", plan.spending_by_year, "#2171b5"),
        ("villages", plan.village_spending_by_year, "#6baed6"),
    )
    for what, frame, color in pairs:
        name = t(f"venues.budget.{what}", lang)
        fig.add_trace(
            go.Bar(
                x=frame["year"],
                y=frame["spent_yuan"],
                name=name,
                marker_color=color,
                hovertemplate="%{x}: %{y:,.0f} " + t("common.yuan", lang) + "<extra></extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=frame["year"],
                y=frame["budget_yuan"],
                mode="lines+markers",
                name=t("venues.budget.line", lang, what=name),
                line={"dash": "dash", "color": color},
                hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=t("venues.year", lang), dtick=1)
    fig.update_yaxes(title=t("venues.spend.yaxis", lang), tickformat=",.0f")
    return style(fig, t("venues.budget.title", lang))


def projects_done_chart(plan, lang: str = "en") -> go.Figure:
    """Cumulative number of community venue projects finished by month."""
    com = plan.communities
    months = plan.mix["month"].unique()
    dates = plan.mix.drop_duplicates("month")["date"]
    finish = com["finish_month"].dropna().to_numpy(int)
    done = [(finish <= m).sum() for m in months]
    fig = go.Figure(
        go.Scatter(
            x=dates,
            y=done,
            mode="lines",
            line={"shape": "hv", "color": "#2171b5"},
            name=t("venues.done.yaxis", lang),
            hovertemplate="%{x|%Y-%m}: %{y}<extra></extra>",
        )
    )
    target_line(fig, int(com["project"].sum()), t("common.target", lang))
    fig.update_yaxes(title=t("venues.done.yaxis", lang))
    fig.update_xaxes(title=t("common.month", lang))
    return style(fig, t("venues.done.title", lang))


def _compliance_color(row: pd.Series) -> str:
    if not row["compliant"]:
        return COMPLIANCE_COLORS["below"]
    return COMPLIANCE_COLORS["above" if row["compliant_same_year"] else "equal"]


def subsidy_compliance_table(subsidies, lang: str = "en") -> go.Figure:
    """Table of basic subsidy per secretary by county (rows) and year (columns), each cell
    coloured by compliance and showing the margin over the prior-year rural income."""
    comp = subsidies.compliance.assign(
        color=lambda d: d.apply(_compliance_color, axis=1),
        text=lambda d: [
            t("subsidies.table.cell", lang, basic=f"{b:,.0f}", margin=f"{m:+.1%}")
            for b, m in zip(d["basic_per_secretary_yuan"], d["margin_share"], strict=True)
        ],
    )
    counties = list(dict.fromkeys(comp["county_id"]))
    years = sorted(comp["year"].unique())
    text = comp.pivot(index="county_id", columns="year", values="text").loc[counties]
    color = comp.pivot(index="county_id", columns="year", values="color").loc[counties]
    fig = go.Figure(
        go.Table(
            header={
                "values": [t("common.county", lang), *map(str, years)],
                "fill_color": "#e8eef5",
                "align": "left",
                "font": {"size": 12},
            },
            cells={
                "values": [county_labels(subsidies, counties), *[text[y].tolist() for y in years]],
                "fill_color": [["#ffffff"] * len(counties), *[color[y].tolist() for y in years]],
                "align": "left",
                "height": 24,
            },
        )
    )
    fig.add_annotation(
        text=t("subsidies.legend", lang),
        x=0,
        y=-0.02,
        xref="paper",
        yref="paper",
        showarrow=False,
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 11},
    )
    fig = style(fig, t("subsidies.table.title", lang), height=170 + 26 * len(counties))
    return fig.update_layout(margin={"b": 70})


def subsidy_cash_chart(subsidies, lang: str = "en") -> go.Figure:
    """Stacked bars of subsidies paid per year (basic + performance paid) by county."""
    y = subsidies.yearly
    fig = go.Figure()
    parts = (
        ("basic_yuan", "subsidies.basic", "#e07b39"),
        ("performance_paid_yuan", "subsidies.performance", "#f2b27a"),
    )
    for col, key, color in parts:
        fig.add_trace(
            go.Bar(
                x=[y["year"].astype(str), y["county_id"]],
                y=y[col],
                name=t(key, lang),
                marker_color=color,
                hovertemplate="%{x}: %{y:,.0f} " + t("common.yuan", lang) + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=t("venues.spend.yaxis", lang), tickformat=",.0f")
    return style(fig, t("subsidies.cash.title", lang), height=420)


def rollup_chart(rollup: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Stacked bars of the whole cost of a scenario by year and programme."""
    wide = rollup_by_year(rollup)
    fig = go.Figure()
    for prog in PROGRAMMES:
        if prog not in wide.columns:
            continue
        fig.add_trace(
            go.Bar(
                x=wide["year"],
                y=wide[prog],
                name=t(f"budget.programme.{prog}", lang),
                marker_color=PROGRAMME_COLORS[prog],
                hovertemplate="%{x}: %{y:,.0f} " + t("common.yuan", lang) + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("venues.year", lang), dtick=1)
    fig.update_yaxes(title=t("budget.yaxis", lang), tickformat=",.0f")
    return style(fig, t("budget.title", lang))


def rollup_county_chart(rollup: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Stacked bars of the whole cost of a scenario by county (all years) and programme."""
    by = rollup.groupby(["county_id", "programme"], as_index=False)["spending_yuan"].sum()
    fig = go.Figure()
    for prog in PROGRAMMES:
        part = by[by["programme"] == prog]
        if part.empty:
            continue
        names = [t("budget.city", lang) if c == "city" else c for c in part["county_id"]]
        fig.add_trace(
            go.Bar(
                x=names,
                y=part["spending_yuan"],
                name=t(f"budget.programme.{prog}", lang),
                marker_color=PROGRAMME_COLORS[prog],
                hovertemplate="%{x}: %{y:,.0f} " + t("common.yuan", lang) + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("common.county", lang))
    fig.update_yaxes(title=t("budget.yaxis", lang), tickformat=",.0f")
    return style(fig, t("budget.county_title", lang))


def _million(x: float) -> str:
    return f"{x / 1e6:,.1f}"


def venue_summary(plan, seek=None, lang: str = "en") -> list[str]:
    """Plain sentences on the venue plan (and the least budget, when ``seek`` is given)."""
    dates = plan.mix.drop_duplicates("month").set_index("month")["date"]

    def fmt(month: int) -> str:
        return dates.loc[month].strftime("%Y-%m")

    n_proj = int(plan.communities["project"].sum())
    if plan.feasible:
        out = [
            t(
                "venues.summary.met",
                lang,
                date=fmt(plan.met_month),
                month=plan.met_month,
                deadline=plan.deadline_month,
                projects=n_proj,
                cost=_million(plan.total_cost_yuan),
            )
        ]
    elif plan.met_month is not None:
        out = [
            t(
                "venues.summary.late",
                lang,
                date=fmt(plan.met_month),
                month=plan.met_month,
                deadline=plan.deadline_month,
                short=len(plan.shortfall),
            )
        ]
    else:
        out = [
            t("venues.summary.never", lang, deadline=plan.deadline_month, short=len(plan.shortfall))
        ]
    status = (
        t("venues.summary.villages_met", lang, month=plan.village_met_month)
        if plan.village_feasible
        else t("venues.summary.villages_short", lang, short=len(plan.village_shortfall))
    )
    out.append(
        t(
            "venues.summary.villages",
            lang,
            projects=int(plan.villages["project"].sum()),
            cost=_million(plan.village_total_cost_yuan),
            status=status,
        )
    )
    if seek is not None:
        if seek.budget_yuan is None:
            out.append(t("venues.summary.no_budget", lang))
        else:
            out.append(
                t(
                    "venues.summary.least_budget",
                    lang,
                    budget=_million(seek.budget_yuan),
                    current=_million(plan.yearly_budget_yuan),
                )
            )
    return out


def subsidy_summary(subsidies, lang: str = "en") -> str:
    """One plain sentence on the subsidy budget."""
    cash = subsidies.cash_by_year
    bad = int((~subsidies.compliance["compliant"]).sum())
    status = (
        t("subsidies.all_compliant", lang)
        if bad == 0
        else t("subsidies.not_compliant", lang, n=bad)
    )
    return t(
        "subsidies.summary",
        lang,
        first=_million(cash["cash_yuan"].iloc[0]),
        first_year=int(cash["year"].iloc[0]),
        last=_million(cash["cash_yuan"].iloc[-1]),
        last_year=int(cash["year"].iloc[-1]),
        status=status,
        after=_million(subsidies.performance_after_horizon_yuan),
    )


__all__ = [
    "projects_done_chart",
    "rollup_chart",
    "rollup_county_chart",
    "subsidy_cash_chart",
    "subsidy_compliance_table",
    "subsidy_summary",
    "tier_mix_chart",
    "venue_budget_chart",
    "venue_spending_chart",
    "venue_summary",
]
