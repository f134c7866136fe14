"""Charts of the venue plan, the subsidy budget and the fiscal roll-up.

Every builder takes result objects or frames and ``lang``, and returns a ``go.Figure``.
Money is shown in the unit its largest amount calls for (万元 / 亿元 in Chinese, thousand
or million yuan in English), dates as months and counties by their names.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import present as pr
from ..budget import LEVELS, PROGRAMMES, rollup_by_year
from ..i18n import t
from .common import (
    TIER_COLORS,
    count_axis,
    county_axis,
    county_labels,
    deadline_marker,
    money_at_least,
    money_axis,
    money_texts,
    month_axis,
    scaled,
    style,
    target_line,
    year_labels,
)

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
COMPLIANCE_COLORS = {"compliant": "#d9f0d3", "not_compliant": "#f8d0d0"}
"""Fill of a subsidy cell: at least the prior-year rural income (the plan's standard), or
below it."""

WARNING_INK = "#8a5a00"
"""Text colour of a compliant cell that is below the same year's rural income."""

SAME_YEAR_MARK = "△"
"""Mark of a compliant cell below the same year's rural income (a warning, not a breach)."""


def _sep(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _money_hover(lang: str, *what: str) -> str:
    """``2014, Community venues: 23.9 million yuan`` (the amount from ``customdata``)."""
    label = ("，" if lang == "zh" else ", ").join(what)
    return f"{label}{_sep(lang)}%{{customdata}}<extra></extra>"


def _start_year(plan) -> int:
    """Plan month 1 is January of the start year; the tier mix dates every plan month."""
    last = plan.mix.iloc[-1]
    return int(last["date"].year) - (int(last["month"]) - 1) // 12


def _month_text(plan, month: int, lang: str) -> str:
    return pr.month_label(pr.period(month, _start_year(plan)), lang)


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
            t("venues.mix.hover", lang, tier=name,
              communities=pr.count(c, "community", lang), share=pr.share(s, lang))
            for c, s in zip(part["communities"], part["share"], strict=True)
        ]  # fmt: skip
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
                hovertemplate=f"{pr.hover_month(lang)}<br>%{{text}}<extra></extra>",
            )
        )
    demo, qplus = check["demonstration_target"], check["quality_or_better_target"]
    target_line(fig, demo, t("venues.mix.target_demo", lang, share=pr.share(demo, lang)))
    target_line(fig, qplus, t("venues.mix.target_qplus", lang, share=pr.share(qplus, lang)))
    deadline = pr.period(plan.deadline_month, _start_year(plan)).to_timestamp()
    deadline_marker(fig, deadline, t("common.deadline", lang))
    fig.update_yaxes(title=t("venues.mix.yaxis", lang), tickformat=".0%", range=[0, 1])
    month_axis(fig, lang, t("common.month", lang))
    return style(fig, t("venues.mix.title", lang), lang=lang)


def venue_spending_chart(plan, lang: str = "en", *, villages: bool = False) -> go.Figure:
    """Bars of spending by county, one bar per year; county budget caps when shares are set."""
    frame = plan.village_spending if villages else plan.spending
    fig = go.Figure()
    scale = money_axis(
        fig, [*frame["spent_yuan"], *frame["budget_yuan"]], t("venues.spend.yaxis", lang), lang
    )
    for i, (year, part) in enumerate(frame.groupby("year")):
        if part["spent_yuan"].sum() == 0:
            continue
        year_text = pr.year_label(year, lang)
        fig.add_trace(
            go.Bar(
                x=county_labels(plan, part["county_id"], lang),
                y=scaled(part["spent_yuan"], scale),
                name=year_text,
                marker_color=YEAR_COLORS[i % len(YEAR_COLORS)],
                customdata=money_texts(part["spent_yuan"], lang),
                hovertemplate=_money_hover(lang, "%{x}", year_text),
            )
        )
    caps = frame.dropna(subset=["budget_yuan"]).drop_duplicates("county_id")
    if len(caps):
        fig.add_trace(
            go.Scatter(
                x=county_labels(plan, caps["county_id"], lang),
                y=scaled(caps["budget_yuan"], scale),
                mode="markers",
                marker_symbol="line-ew",
                marker={"size": 28, "line": {"width": 2, "color": "#c62828"}},
                name=t("venues.spend.county_budget", lang),
                customdata=money_texts(caps["budget_yuan"], lang),
                hovertemplate=_money_hover(lang, "%{x}"),
            )
        )
    fig.update_layout(barmode="group")
    county_axis(fig, t("common.county", lang))
    key = "venues.spend.village_title" if villages else "venues.spend.title"
    # County names are slanted below the axis: the legend goes above the plot instead.
    return style(fig, t(key, lang), height=420, lang=lang, legend="above")


def venue_budget_chart(plan, lang: str = "en") -> go.Figure:
    """Spending per year on community venues and village rooms against their budgets (by
    whichever level pays them, ``venues.paid_by`` and ``venues.village_paid_by``)."""
    fig = go.Figure()
    pairs = (
        ("communities", plan.spending_by_year, "#2171b5"),
        ("villages", plan.village_spending_by_year, "#6baed6"),
    )
    amounts = [v for _, f, _ in pairs for c in ("spent_yuan", "budget_yuan") for v in f[c]]
    scale = money_axis(fig, amounts, t("venues.spend.yaxis", lang), lang)
    for what, frame, color in pairs:
        name = t(f"venues.budget.{what}", lang)
        years = year_labels(frame["year"], lang)
        fig.add_trace(
            go.Bar(
                x=years,
                y=scaled(frame["spent_yuan"], scale),
                name=name,
                marker_color=color,
                customdata=money_texts(frame["spent_yuan"], lang),
                hovertemplate=_money_hover(lang, "%{x}", name),
            )
        )
        line = t("venues.budget.line", lang, what=name)
        fig.add_trace(
            go.Scatter(
                x=years,
                y=scaled(frame["budget_yuan"], scale),
                mode="lines+markers",
                name=line,
                line={"dash": "dash", "color": color},
                customdata=money_texts(frame["budget_yuan"], lang),
                hovertemplate=_money_hover(lang, "%{x}", line),
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=t("venues.year", lang), type="category")
    return style(fig, t("venues.budget.title", lang), lang=lang)


def projects_done_chart(plan, lang: str = "en") -> go.Figure:
    """Cumulative number of community venue projects finished by month."""
    com = plan.communities
    months = plan.mix["month"].unique()
    dates = plan.mix.drop_duplicates("month")["date"]
    finish = com["finish_month"].dropna().to_numpy(int)
    done = [int((finish <= m).sum()) for m in months]
    fig = go.Figure(
        go.Scatter(
            x=dates,
            y=done,
            mode="lines",
            line={"shape": "hv", "color": "#2171b5"},
            name=t("venues.done.yaxis", lang),
            text=[pr.count(n, "project", lang) for n in done],
            hovertemplate=f"{pr.hover_month(lang)}{_sep(lang)}%{{text}}<extra></extra>",
        )
    )
    total = int(com["project"].sum())
    target_line(
        fig, total, t("venues.done.target", lang, projects=pr.count(total, "project", lang))
    )
    count_axis(fig, t("venues.done.yaxis", lang))
    month_axis(fig, lang, t("common.month", lang))
    return style(fig, t("venues.done.title", lang), lang=lang)


def _compliance_cell(row: pd.Series, lang: str) -> str:
    """``12,000 (+8.7 %)``; nothing in brackets when the pay equals the standard; the
    warning mark when it is below the same year's income."""
    text = pr.number(row["basic_per_secretary_yuan"])
    margin = float(row["margin_share"])
    if round(margin, 3) != 0:
        shown = pr.share(abs(margin), lang)
        text += f"（{'+' if margin > 0 else '-'}{shown}）" if lang == "zh" else (
            f" ({'+' if margin > 0 else '-'}{shown})"
        )  # fmt: skip
    if row["compliant"] and not row["compliant_same_year"]:
        text += f" {SAME_YEAR_MARK}"
    return text


def subsidy_compliance_table(subsidies, lang: str = "en") -> go.Figure:
    """Table of basic subsidy per secretary by county (rows) and year (columns).

    A cell is green when the subsidy is at least the county's prior-year rural income (the
    plan's standard, compliant) and red when below it; a compliant cell below the same
    year's income carries a warning mark (:data:`SAME_YEAR_MARK`) and darker text. In
    brackets: the margin over the prior-year income, when there is one.
    """
    comp = subsidies.compliance.assign(
        color=lambda d: [
            COMPLIANCE_COLORS["compliant" if ok else "not_compliant"] for ok in d["compliant"]
        ],
        ink=lambda d: [
            WARNING_INK if ok and not same else "#1d2433"
            for ok, same in zip(d["compliant"], d["compliant_same_year"], strict=True)
        ],
        text=lambda d: [_compliance_cell(r, lang) for _, r in d.iterrows()],
    )
    counties = list(dict.fromkeys(comp["county_id"]))
    years = sorted(comp["year"].unique())

    def grid(col: str) -> pd.DataFrame:
        return comp.pivot(index="county_id", columns="year", values=col).loc[counties]

    text, color, ink = grid("text"), grid("color"), grid("ink")
    fig = go.Figure(
        go.Table(
            columnwidth=[1.5, *[1] * len(years)],
            header={
                "values": [t("common.county", lang), *year_labels(years, lang)],
                "fill_color": "#e8eef5",
                "align": "left",
                "font": {"size": 12},
            },
            cells={
                "values": [
                    county_labels(subsidies, counties, lang),
                    *[text[y].tolist() for y in years],
                ],
                "fill_color": [["#ffffff"] * len(counties), *[color[y].tolist() for y in years]],
                "font": {"color": [["#1d2433"] * len(counties), *[ink[y].tolist() for y in years]]},
                "align": "left",
                "height": 24,
            },
        )
    )
    fig.add_annotation(
        text=t("subsidies.legend", lang, mark=SAME_YEAR_MARK),
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        showarrow=False,
        xanchor="left",
        yanchor="top",
        yshift=-4,
        align="left",
        font={"size": 11},
    )
    fig = style(
        fig, t("subsidies.table.title", lang), height=190 + 24 * len(counties), lang=lang,
        legend=None,
    )  # fmt: skip
    return fig.update_layout(margin={"l": 8, "r": 8, "b": 76})


def subsidy_cash_chart(subsidies, lang: str = "en") -> go.Figure:
    """Subsidies paid by county, one bar per year (basic + performance paid in the year);
    the hover splits each bar into its two parts."""
    y = subsidies.yearly
    fig = go.Figure()
    scale = money_axis(fig, y["cash_yuan"], t("subsidies.cash.yaxis", lang), lang)
    basic, perf = t("subsidies.basic", lang), t("subsidies.performance", lang)
    for i, (year, part) in enumerate(y.groupby("year")):
        year_text = pr.year_label(year, lang)
        hover = [
            t("subsidies.cash.hover", lang, county=c, year=year_text, total=pr.money(total, lang),
              basic_name=basic, basic=pr.money(b, lang), performance_name=perf,
              performance=pr.money(p, lang))
            for c, total, b, p in zip(
                county_labels(subsidies, part["county_id"], lang), part["cash_yuan"],
                part["basic_yuan"], part["performance_paid_yuan"], strict=True,
            )
        ]  # fmt: skip
        fig.add_trace(
            go.Bar(
                x=county_labels(subsidies, part["county_id"], lang),
                y=scaled(part["cash_yuan"], scale),
                name=year_text,
                marker_color=YEAR_COLORS[i % len(YEAR_COLORS)],
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    county_axis(fig, t("common.county", lang))
    return style(fig, t("subsidies.cash.title", lang), height=420, lang=lang, legend="above")


def rollup_chart(rollup: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Stacked bars of the whole cost of a scenario by year and programme."""
    wide = rollup_by_year(rollup)
    fig = go.Figure()
    scale = money_axis(fig, wide["total_yuan"], t("budget.yaxis", lang), lang)
    years = year_labels(wide["year"], lang)
    for prog in PROGRAMMES:
        if prog not in wide.columns:
            continue
        name = t(f"budget.programme.{prog}", lang)
        fig.add_trace(
            go.Bar(
                x=years,
                y=scaled(wide[prog], scale),
                name=name,
                marker_color=PROGRAMME_COLORS[prog],
                customdata=money_texts(wide[prog], lang),
                hovertemplate=_money_hover(lang, "%{x}", name),
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("venues.year", lang), type="category")
    return style(fig, t("budget.title", lang), lang=lang)


LEVEL_COLORS = {
    "city": "#08519c",
    "county": "#4292c6",
    "township": "#9ecae1",
    "existing": "#d9d9d9",
}
"""New spending of each paying level (blues, darkest for the city) and spending already paid
before the plan (grey)."""


def level_chart(rollup: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Stacked bars by year of the new spending of each paying level (city, county,
    township), topped by the spending already paid before the plan: the whole cost of the
    year.

    Examples
    --------
    >>> [tr.name for tr in level_chart(fiscal_rollup(venues, subsidies, training)).data]
    ['City: new', 'Counties: new', 'Townships: new', 'Already paid before the plan']
    """
    wide = rollup_by_year(rollup)
    fig = go.Figure()
    scale = money_axis(fig, wide["total_yuan"], t("budget.yaxis", lang), lang)
    years = year_labels(wide["year"], lang)
    parts = [(f"new_{lv}_yuan", t(f"budget.level.{lv}", lang), LEVEL_COLORS[lv]) for lv in LEVELS]
    parts.append(("existing_yuan", t("budget.level.existing", lang), LEVEL_COLORS["existing"]))
    for column, name, color in parts:
        fig.add_trace(
            go.Bar(
                x=years,
                y=scaled(wide[column], scale),
                name=name,
                marker_color=color,
                customdata=money_texts(wide[column], lang),
                hovertemplate=_money_hover(lang, "%{x}", name),
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("venues.year", lang), type="category")
    return style(fig, t("budget.level_title", lang), lang=lang)


def rollup_county_chart(rollup: pd.DataFrame, lang: str = "en") -> go.Figure:
    """Stacked bars of the whole cost of a scenario by county (all years) and programme."""
    by = rollup.groupby(["county_id", "programme"], as_index=False)["spending_yuan"].sum()
    fig = go.Figure()
    totals = by.groupby("county_id")["spending_yuan"].sum()
    scale = money_axis(fig, totals, t("budget.yaxis", lang), lang)
    for prog in PROGRAMMES:
        part = by[by["programme"] == prog]
        if part.empty:
            continue
        name = t(f"budget.programme.{prog}", lang)
        fig.add_trace(
            go.Bar(
                x=county_labels(rollup, part["county_id"], lang),
                y=scaled(part["spending_yuan"], scale),
                name=name,
                marker_color=PROGRAMME_COLORS[prog],
                customdata=money_texts(part["spending_yuan"], lang),
                hovertemplate=_money_hover(lang, "%{x}", name),
            )
        )
    fig.update_layout(barmode="stack")
    county_axis(fig, t("common.county", lang))
    return style(fig, t("budget.county_title", lang), height=420, lang=lang, legend="above")


def venue_summary(plan, seek=None, lang: str = "en") -> list[str]:
    """Plain sentences on the venue plan (and the least budget, when ``seek`` is given).

    Examples
    --------
    >>> venue_summary(plan)[0][-53:]
    'deadline of Dec 2016: 89 projects, 65.4 million yuan.'
    """
    projects = pr.count(int(plan.communities["project"].sum()), "project", lang)
    deadline = _month_text(plan, plan.deadline_month, lang)
    short = pr.count(len(plan.shortfall), "community", lang)
    if plan.feasible:
        out = [t("venues.summary.met", lang, date=_month_text(plan, plan.met_month, lang),
                 deadline=deadline, projects=projects,
                 cost=pr.money(plan.total_cost_yuan, lang))]  # fmt: skip
    elif plan.met_month is not None:
        out = [t("venues.summary.late", lang, date=_month_text(plan, plan.met_month, lang),
                 deadline=deadline, short=short, projects=projects,
                 cost=pr.money(plan.total_cost_yuan, lang))]  # fmt: skip
    else:
        out = [t("venues.summary.never", lang, deadline=deadline, short=short)]
    own = ownership_summary(plan, lang)
    if own:
        out.append(own)
    village_deadline = _month_text(plan, plan.village_deadline_month, lang)
    if plan.village_feasible:
        status = t("venues.summary.villages_met", lang,
                   date=_month_text(plan, plan.village_met_month, lang))  # fmt: skip
    else:
        status = t("venues.summary.villages_short", lang, deadline=village_deadline,
                   short=pr.count(len(plan.village_shortfall), "room", lang))  # fmt: skip
    out.append(
        t(
            "venues.summary.villages",
            lang,
            rooms=pr.count(int(plan.villages["project"].sum()), "room", lang),
            cost=pr.money(plan.village_total_cost_yuan, lang),
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
                    budget=money_at_least(seek.budget_yuan, lang),
                    current=pr.money(plan.yearly_budget_yuan, lang),
                )
            )
    return out


def ownership_summary(plan, lang: str = "en") -> str:
    """One sentence on making every rented venue owned: how many are built new or bought,
    what the buildings or purchases cost (with the land's part); empty when no venue is
    rented (or all stay rented).

    Examples
    --------
    >>> ownership_summary(plan)
    'Owning the 27 rented venues: 27 new buildings, 30.6 million yuan, of which land 6.9 million yuan.'
    """
    own = plan.ownership
    if not own["venues"]:
        return ""
    return t(
        "venues.summary.ownership_land" if own["land_yuan"] > 0 else "venues.summary.ownership",
        lang,
        rented=pr.count(own["venues"], "rented_venue", lang),
        routes=pr.ownership_routes(own, lang),
        cost=pr.money(own["ownership_yuan"], lang),
        land=pr.money(own["land_yuan"], lang),
    )


def subsidy_summary(subsidies, lang: str = "en") -> str:
    """One plain sentence on the subsidy budget.

    Examples
    --------
    >>> subsidy_summary(budget)
    'Secretary subsidies cost 13.2 million yuan in 2014, rising to 22.2 million yuan in 2018; ...'
    """
    cash = subsidies.cash_by_year
    bad = int((~subsidies.compliance["compliant"]).sum())
    status = (
        t("subsidies.all_compliant", lang)
        if bad == 0
        else t("subsidies.not_compliant", lang, county_years=pr.count(bad, "county_year", lang))
    )
    last_year = pr.year_label(cash["year"].iloc[-1], lang)
    return t(
        "subsidies.summary",
        lang,
        first=pr.money(cash["cash_yuan"].iloc[0], lang),
        first_year=pr.year_label(cash["year"].iloc[0], lang),
        last=pr.money(cash["cash_yuan"].iloc[-1], lang),
        last_year=last_year,
        status=status,
        after=pr.money(subsidies.performance_after_horizon_yuan, lang),
    )


__all__ = [
    "level_chart",
    "ownership_summary",
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
