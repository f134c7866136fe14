"""Charts and plain-words summary of the training rotation.

Every builder takes a :class:`~planning.models.training.TrainingPlan` and ``lang`` and
returns a ``go.Figure``; nothing is shown or written.

>>> from planning import load_baseline, load_scenario, plan_training
>>> plan = plan_training(load_baseline(), load_scenario("baseline"))
>>> gantt_chart(plan).layout.title.text
'Out-of-town special training classes by training base'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import present as pr
from ..i18n import t
from .common import (
    TARGET_COLOR,
    county_labels,
    day_label,
    deadline_marker,
    money_axis,
    money_texts,
    month_axis,
    scaled,
    style,
    target_line,
    wrap_label,
    year_labels,
)

LINE_COLORS = {"current": "#1f6fb2", "in_post": "#e07b39"}
BAR_COLOR = "#4292c6"


def _month_end(plan, month: int) -> pd.Timestamp:
    start = pd.Timestamp(year=plan.summary["start_year"], month=1, day=1)
    return start + pd.offsets.MonthEnd(month)


def _mid_month(plan, month: int) -> pd.Timestamp:
    """The middle of a plan month: a heat-map cell centred there spans the whole month."""
    return pr.period(month, plan.summary["start_year"]).to_timestamp() + pd.Timedelta(days=14)


def _deadline_label(plan, lang: str) -> str:
    return pr.month_label(
        pr.period(plan.summary["deadline_month"], plan.summary["start_year"]), lang
    )


def _colorbar(title: str, lang: str) -> dict:
    # The title runs along the bar, right of its tick labels: set on top, a title wider
    # than the bar runs over the ticks and past the right edge of a narrow chart.
    return {
        "title": {"text": title, "side": "right"},
        "thickness": 14,
        "ticksuffix": "%" if lang == "zh" else " %",
    }


def _base_labels(plan, lang: str) -> list[str]:
    """A training base by its name in ``lang``; by id and name only when two bases share
    a name. The names in Chinese come with the plan's county names (``.bases``)."""
    cls = plan.classes
    bases = getattr(getattr(plan, "county_names", None), "bases", None)
    shown = [
        bases.name(b, lang, n) if bases is not None else n
        for b, n in zip(cls["base_id"], cls["base_name"], strict=True)
    ]
    names = pd.Series(shown, index=cls["base_id"].to_numpy())
    names = names[~names.index.duplicated()]
    shared = set(names[names.duplicated(keep=False)])
    return [wrap_label(f"{b} {n}" if n in shared else n)
            for b, n in zip(cls["base_id"], shown, strict=True)]  # fmt: skip


def gantt_chart(plan, lang: str = "en") -> go.Figure:
    """Every class as a bar from its first to its last day, one row per training base.

    The bar's colour shows how full the class is; hovering gives the dates, seats and cost.

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
        labels = _base_labels(plan, lang)
        hover = [
            t(
                "training.gantt.hover",
                lang,
                base=label.replace("<br>", " "),
                start=day_label(r.start, lang),
                end=day_label(r.end, lang),
                used=pr.number(r.seats_used),
                capacity=pr.number(r.capacity),
                counties=pr.count(r.counties, "county", lang),
                cost=pr.money(r.cost_yuan, lang),
            )
            for label, r in zip(labels, cls.itertuples(), strict=True)
        ]
        fig.add_trace(
            go.Bar(
                y=labels,
                base=start.dt.strftime("%Y-%m-%d"),
                x=(end - start).dt.total_seconds() * 1000,
                orientation="h",
                marker={
                    "color": fill * 100,
                    "colorscale": "Blues",
                    "cmin": 0,
                    "cmax": 100,
                    "colorbar": _colorbar(t("training.gantt.seats", lang), lang),
                    "line": {"width": 1, "color": "#08306b"},
                },
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
            )
        )
    month_axis(fig, lang, t("common.month", lang))
    fig.update_yaxes(
        title_text=t("training.gantt.base", lang), autorange="reversed", automargin=True
    )
    deadline_marker(
        fig, _month_end(plan, plan.summary["deadline_month"]), t("common.deadline", lang)
    )
    rows = max(cls["base_id"].nunique(), 1) if len(cls) else 1
    return style(
        fig, t("training.gantt.title", lang), height=200 + 50 * rows, lang=lang, legend=None
    )


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
        text = [
            t("training.coverage.hover", lang, name=name, share=pr.share(s, lang),
              secretaries=pr.count(n, "secretary", lang))
            for s, n in zip(cov[col], np.round(cov[extra].to_numpy(float)), strict=True)
        ]  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=x,
                y=cov[col] * 100,
                text=text,
                name=name,
                mode="lines",
                line={"color": LINE_COLORS[key], "width": 2.5 if key == "current" else 1.5},
                hovertemplate=f"{pr.hover_month(lang)}<br>%{{text}}<extra></extra>",
            )
        )
    target_line(fig, 100, t("training.coverage.target", lang, share=pr.share(1, lang)))
    deadline_marker(
        fig, _month_end(plan, plan.summary["deadline_month"]), t("common.deadline", lang)
    )
    fig.update_yaxes(title_text=t("training.coverage.axis", lang), range=[0, 105], tickformat="d")
    month_axis(fig, lang, t("common.month", lang))
    return style(fig, t("training.coverage.title", lang), lang=lang)


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
    names = county_labels(plan, counties, lang)
    grid = away.set_index(["county_id", "month"])
    use = np.where(grid["cap"] > 0, 100 * grid["away"] / grid["cap"].clip(lower=1), np.nan)
    z = pd.Series(use, index=grid.index).unstack("month").reindex(counties)[months]
    start_year = plan.summary["start_year"]
    hover = [
        [
            t(
                "training.away.hover",
                lang,
                county=name,
                month=pr.month_label(pr.period(m, start_year), lang),
                away=pr.number(grid.at[(c, m), "away"]),
                cap=pr.number(grid.at[(c, m), "cap"]),
                share=pr.share(grid.at[(c, m), "away_share"], lang),
                secretaries=pr.count(grid.at[(c, m), "secretaries"], "secretary", lang),
            )
            for m in months
        ]
        for c, name in zip(counties, names, strict=True)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(),
            x=[_mid_month(plan, m) for m in months],
            y=names,
            zmin=0,
            zmax=100,
            colorscale="Blues",
            colorbar=_colorbar(t("training.away.colour", lang), lang),
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    month_axis(fig, lang, t("common.month", lang))
    fig.update_yaxes(title_text=t("common.county", lang), autorange="reversed", automargin=True)
    return style(
        fig, t("training.away.title", lang), height=200 + 22 * len(counties), lang=lang,
        legend=None,
    )  # fmt: skip


def cost_chart(plan, lang: str = "en") -> go.Figure:
    """Training cost by calendar year, with the yearly budget when one is set.

    Examples
    --------
    >>> cost_chart(plan).layout.yaxis.title.text
    'Cost (million yuan)'
    """
    cost = plan.cost
    years = year_labels(cost["year"], lang)
    fig = go.Figure()
    budget = cost["budget_yuan"] if cost["budget_yuan"].notna().any() else None
    amounts = [*cost["cost_yuan"], *([] if budget is None else budget)]
    scale = money_axis(fig, amounts, t("training.cost.axis", lang), lang)
    fig.add_trace(
        go.Bar(
            x=years,
            y=scaled(cost["cost_yuan"], scale),
            name=t("training.cost.spent", lang),
            marker_color=BAR_COLOR,
            hovertext=[
                t(
                    "training.cost.hover",
                    lang,
                    year=y,
                    cost=pr.money(c, lang),
                    trainees=pr.count(n, "trainee", lang),
                )
                for y, c, n in zip(years, cost["cost_yuan"], cost["trainees"], strict=True)
            ],  # fmt: skip
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    if budget is not None:
        fig.add_trace(
            go.Scatter(
                x=years,
                y=scaled(budget, scale),
                name=t("training.cost.budget", lang),
                mode="lines+markers",
                line={"color": TARGET_COLOR, "dash": "dash"},
                customdata=money_texts(budget, lang),
                hovertemplate="%{x}"
                + ("：" if lang == "zh" else ": ")
                + "%{customdata}<extra></extra>",
            )
        )
    fig.update_xaxes(title_text=t("training.cost.year", lang), type="category")
    return style(fig, t("training.cost.title", lang), lang=lang)


def summary_lines(plan, lang: str = "en") -> list[str]:
    """Plain sentences: whether every deadline is met, and if not, the least changes that fix it.

    Examples
    --------
    >>> summary_lines(plan)[0][:30]
    'All 872 secretaries in post at'
    """
    s = plan.summary
    if plan.feasible:
        # Whoever holds the post: say how many seats the departures free (none may).
        key = "training.summary.feasible"
        if s.get("reading") == "holders" and s.get("current_leaving"):
            key = "training.summary.feasible_holders"
        return [
            t(
                key,
                lang,
                current=pr.number(s["current_to_train"]),
                leaving=pr.number(s.get("current_leaving", 0)),
                deadline=_deadline_label(plan, lang),
                new=pr.number(s["new_to_train"]),
                window=pr.count(s["window_months"], "month", lang),
                classes=pr.count(s["classes"], "class", lang),
                cost=pr.money(s["cost_yuan"], lang),
            )
        ]
    lines = [
        t("training.summary.infeasible", lang,
          secretaries=pr.count(s["shortfall"], "secretary", lang))
    ]  # fmt: skip
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
            "current": g.apply(
                lambda x: int(((x["cohort"] == "current") & (x["status"] != "reserve")).sum()),
                include_groups=False,
            ),
            "new": g["cohort"].apply(lambda c: int((c == "new").sum())),
            "on_time": g["status"].apply(lambda x: int((x == "on_time").sum())),
            "first": g["start"].min().map(lambda d: pr.month_label(d, lang)),
            "last": g["start"].max().map(lambda d: pr.month_label(d, lang)),
        }
    )
    out = away.join(out, how="left").fillna(
        {"current": 0, "new": 0, "on_time": 0, "first": pr.NA, "last": pr.NA}
    )
    out = out.reset_index()
    out["county_id"] = county_labels(plan, out["county_id"], lang)
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
