"""Charts and plain-words summary of the reserve-talent model.

Every builder takes a :class:`~planning.models.talent.TalentResult` and ``lang`` and
returns a ``go.Figure``; nothing is shown or written.

>>> from planning import load_baseline, load_scenario, run_talent
>>> fig = pools_chart(run_talent(load_baseline(), load_scenario("baseline")))
>>> [trace.name for trace in fig.data][:1]
['College-graduate village officials']
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import present as pr
from ..i18n import MESSAGES, t
from ..models.talent import MAX_MULTIPLIER
from ..tables import POOLS
from .common import (
    POOL_COLORS,
    count_axis,
    county_labels,
    deadline_marker,
    month_axis,
    style,
    target_line,
)

FAN_COLOR = "#1f6fb2"


def _ts(months: pd.Series | pd.PeriodIndex) -> pd.DatetimeIndex:
    return pd.PeriodIndex(months).to_timestamp()


def _period(result, month: int) -> pd.Period:
    """The calendar month of plan month ``month`` of this result."""
    return result.flows["month"].iloc[0] + (month - 1)


def _hover(lang: str, what: str, value: str = "%{y:,.0f}") -> str:
    """A hover of one month's value: ``Dec 2016<br>All three pools: 9,860``."""
    sep = "：" if lang == "zh" else ": "
    return f"{pr.hover_month(lang)}<br>{what}{sep}{value}<extra></extra>"


def _mark_target(fig: go.Figure, result, lang: str) -> go.Figure:
    target = result.target
    target_line(
        fig, target.threshold, t("talent.target_more_than", lang, n=pr.number(target.threshold))
    )
    deadline_marker(fig, target.deadline.to_timestamp(), t("common.deadline", lang))
    return fig


def pools_chart(result, lang: str = "en") -> go.Figure:
    """Stacked city totals of the three pools by month, the target line and the deadline.

    Examples
    --------
    >>> pools_chart(result, "zh").layout.title.text
    '全市三支农村后备人才队伍总量'
    """
    fig = go.Figure()
    totals = result.totals
    for pool in POOLS:
        part = totals[totals["pool"] == pool]
        name = t(f"talent.pool.{pool}", lang)
        fig.add_trace(
            go.Scatter(
                x=_ts(part["month"]),
                y=part["stock"],
                name=name,
                stackgroup="pools",
                mode="lines",
                line={"width": 0.5, "color": POOL_COLORS[pool]},
                fillcolor=POOL_COLORS[pool],
                hovertemplate=_hover(lang, name),
            )
        )
    total = result.city_total
    fig.add_trace(
        go.Scatter(
            x=_ts(total.index),
            y=total.to_numpy(),
            name=t("talent.total", lang),
            mode="lines",
            line={"width": 0},
            showlegend=False,
            hovertemplate=_hover(lang, t("talent.total", lang)),
        )
    )
    _mark_target(fig, result, lang)
    count_axis(fig, t("talent.persons_axis", lang))
    month_axis(fig, lang, t("common.month", lang))
    return style(fig, t("talent.pools.title", lang), lang=lang)


def fan_chart(result, lang: str = "en") -> go.Figure:
    """Monte Carlo fan of the city total: the 10-90 % band, the median, the central case."""
    fig = go.Figure()
    total = result.city_total
    x = _ts(total.index)
    bands = result.bands
    if bands is None:
        fig.add_annotation(text=t("talent.fan.none", lang), showarrow=False, x=0.5, y=0.5,
                           xref="paper", yref="paper")  # fmt: skip
        draws = 0
    else:
        draws = len(result.draws_at_deadline)
        fig.add_trace(go.Scatter(x=x, y=bands["p90"], name=t("talent.fan.p90", lang),
                                 mode="lines", line={"width": 0, "color": FAN_COLOR},
                                 showlegend=False, hovertemplate=_hover(lang, t("talent.fan.p90", lang))))  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=x,
                y=bands["p10"],
                name=t("talent.fan.band", lang),
                mode="lines",
                fill="tonexty",
                fillcolor="rgba(31,111,178,0.22)",
                line={"width": 0, "color": FAN_COLOR},
                hovertemplate=_hover(lang, t("talent.fan.p10", lang)),
            )
        )
        fig.add_trace(go.Scatter(x=x, y=bands["p50"], name=t("talent.fan.median", lang),
                                 mode="lines", line={"color": FAN_COLOR, "width": 2},
                                 hovertemplate=_hover(lang, t("talent.fan.median", lang))))  # fmt: skip
    central = t("talent.fan.central", lang)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=total.to_numpy(),
            name=central,
            mode="lines",
            line={"color": "#333", "width": 1.5, "dash": "dash"},
            hovertemplate=_hover(lang, central),
        )
    )
    _mark_target(fig, result, lang)
    count_axis(fig, t("talent.persons_axis", lang))
    month_axis(fig, lang, t("common.month", lang))
    title = t("talent.fan.title", lang, draws=pr.number(draws))
    return style(fig, title, lang=lang)


def county_chart(result, lang: str = "en", month: pd.Period | None = None) -> go.Figure:
    """Each county's pool members at the deadline (or ``month``), stacked by pool."""
    month = month or result.target.deadline
    f = result.flows[result.flows["month"] == month]
    wide = f.pivot(index="county_id", columns="pool", values="stock").reindex(columns=POOLS)
    wide = wide.loc[wide.sum(axis=1).sort_values().index]
    labels = county_labels(result, wide.index, lang)
    fig = go.Figure()
    for pool in POOLS:
        name = t(f"talent.pool.{pool}", lang)
        text = [t("talent.county.hover", lang, county=c, pool=name, n=pr.number(v))
                for c, v in zip(labels, wide[pool], strict=True)]  # fmt: skip
        fig.add_trace(
            go.Bar(
                y=labels,
                x=wide[pool],
                name=name,
                orientation="h",
                marker_color=POOL_COLORS[pool],
                text=text,
                textposition="none",
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    count_axis(fig, t("talent.persons_axis", lang), axis="x")
    fig.update_yaxes(title=t("common.county", lang), automargin=True)
    # Room for every county's name, and for the pool legend wrapping to three rows.
    height = 220 + 24 * len(wide)
    title = t("talent.county.title", lang, month=pr.month_label(month, lang))
    return style(fig, title, height=height, lang=lang)


def _share_chart(x, share, text, target, deadline, name, title, lang) -> go.Figure:
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=share,
            name=name,
            mode="lines",
            line={"color": FAN_COLOR, "width": 2},
            text=text,
            hovertemplate=f"{pr.hover_month(lang)}<br>%{{text}}<extra></extra>",
        )
    )
    target_line(fig, target, t("talent.target_share", lang, share=pr.share(target, lang)))
    deadline_marker(fig, deadline, t("common.deadline", lang))
    fig.update_yaxes(title=t("talent.share_axis", lang), tickformat=".0%", range=[0, 1.05])
    month_axis(fig, lang, t("common.month", lang))
    return style(fig, title, lang=lang)


def _degree_shares(result) -> tuple[pd.DataFrame, pd.Series]:
    d = result.degree.groupby("month", sort=True)[["young_cadres", "with_degree"]].sum()
    return d, d["with_degree"] / d["young_cadres"]


def degree_chart(result, lang: str = "en") -> go.Figure:
    """City share of young village cadres with a college degree against its target."""
    d, share = _degree_shares(result)
    text = [t("talent.degree.hover", lang, with_degree=pr.number(w), young=pr.number(y),
              share=pr.share(s, lang))
            for w, y, s in zip(d["with_degree"], d["young_cadres"], share, strict=True)]  # fmt: skip
    target, month = result.degree_target
    deadline = _period(result, month).to_timestamp()
    return _share_chart(_ts(d.index), share, text, target, deadline,
                        t("talent.degree.share", lang), t("talent.degree.title", lang), lang)  # fmt: skip


def socwork_chart(result, lang: str = "en") -> go.Figure:
    """Expected share of communities with a certified social worker against its target."""
    c = result.socwork_coverage
    text = [t("talent.socwork.hover", lang, share=pr.share(s, lang),
              communities=pr.count(n, "community", lang), workers=pr.number(w))
            for s, n, w in zip(c["coverage"], c["communities"], c["expected_workers"],
                               strict=True)]  # fmt: skip
    target, month = result.socwork_target
    deadline = _period(result, month).to_timestamp()
    return _share_chart(_ts(c["month"]), c["coverage"], text, target, deadline,
                        t("talent.socwork.coverage", lang), t("talent.socwork.title", lang),
                        lang)  # fmt: skip


def summary_lines(result, seek=None, lang: str = "en") -> list[str]:
    """Plain sentences for a briefing: when the target is met, its probability, what it
    would take (from :func:`~planning.models.talent.seek_intake`), degrees, social workers,
    key secretaries.

    Examples
    --------
    >>> summary_lines(result)[0][:65]
    'The pools pass 10,000 in Jan 2017, after the deadline of Dec 2016'
    """
    tg = result.target
    deadline = pr.month_label(tg.deadline, lang)
    if tg.first_met is not None:
        when = t("talent.summary.before" if tg.met_by_deadline else "talent.summary.after", lang)
        lines = [t("talent.summary.met", lang, threshold=pr.number(tg.threshold),
                   month=pr.month_label(tg.first_met, lang), when=when, deadline=deadline,
                   value=pr.number(tg.value_at_deadline))]  # fmt: skip
    else:
        lines = [t("talent.summary.never", lang, threshold=pr.number(tg.threshold),
                   deadline=deadline, value=pr.number(tg.value_at_deadline))]  # fmt: skip
    if tg.probability is not None:
        lines.append(t("talent.summary.probability", lang,
                       draws=pr.count(len(result.draws_at_deadline), "draw", lang),
                       p=pr.share(tg.probability, lang)))  # fmt: skip
    if seek is not None:
        lines.append(_seek_line(seek, tg, lang))
        if seek.multiplier_for_probability is not None and seek.probability is not None:
            lines.append(t("talent.summary.seek_probability", lang,
                           p=pr.share(seek.probability, lang),
                           pct=pr.share(seek.multiplier_for_probability - 1, lang)))  # fmt: skip
    d, share = _degree_shares(result)
    target, month = result.degree_target
    lines.append(t("talent.summary.degree", lang, start=pr.share(share.iloc[0], lang),
                   end=pr.share(share.iloc[month - 1], lang),
                   deadline=pr.month_label(d.index[month - 1], lang),
                   target=pr.share(target, lang)))  # fmt: skip
    cov = result.socwork_coverage
    target, month = result.socwork_target
    lines.append(t("talent.summary.socwork", lang, start=pr.share(cov["coverage"].iloc[0], lang),
                   end=pr.share(cov["coverage"].iloc[month - 1], lang),
                   deadline=pr.month_label(cov["month"].iloc[month - 1], lang),
                   target=pr.share(target, lang)))  # fmt: skip
    k = result.key_secretaries
    n, key = int(k["secretaries"].sum()), int(k["key_secretaries"].sum())
    tn, tkey = int(k["township_secretaries"].sum()), int(k["township_key"].sum())
    lines.append(t("talent.summary.key", lang, key=pr.number(key),
                   secretaries=pr.count(n, "village_secretary", lang),
                   share=pr.share(key / n if n else None, lang),
                   township_key=pr.number(tkey),
                   township_secretaries=pr.count(tn, "township_secretary", lang),
                   township_share=pr.share(tkey / tn if tn else None, lang),
                   target=pr.share(float(k["target_share"].iloc[0]), lang)))  # fmt: skip
    return lines


def _seek_line(seek, tg, lang: str) -> str:
    if seek.multiplier is None:
        return t("talent.summary.seek_none", lang, max=pr.number(MAX_MULTIPLIER, lang, 1))
    if seek.met_by_deadline:
        return t("talent.summary.seek_slack", lang, pct=pr.share(seek.multiplier, lang))
    return t("talent.summary.seek", lang, deadline=pr.month_label(tg.deadline, lang),
             pct=pr.share(seek.multiplier - 1, lang), city=pr.number(seek.extra_city_per_year),
             county=pr.count(seek.extra_per_county_per_year, "more_recruit", lang))  # fmt: skip


def _times(x) -> str:
    return pr.NA if x is None else f"×{x:.4f}"


def seek_table(seek, lang: str = "en") -> pd.DataFrame:
    """The goal-seek answer as a two-column table (what, value) for notebooks and briefings."""
    rows = [
        ("talent.seek.month_met", pr.month_label(seek.met, lang)),
        ("talent.seek.value_at_deadline", pr.number(seek.value_at_deadline)),
        ("talent.seek.multiplier", _times(seek.multiplier)),
        ("talent.seek.extra_city", pr.number(seek.extra_city_per_year)),
        ("talent.seek.extra_county", pr.number(seek.extra_per_county_per_year)),
    ]
    if seek.probability is not None:
        rows.append((t("talent.seek.probability_multiplier", lang,
                       p=pr.share(seek.probability, lang)),
                     _times(seek.multiplier_for_probability)))  # fmt: skip
    return pd.DataFrame(
        {t("talent.seek.what", lang): [t(k, lang) if k in MESSAGES else k for k, _ in rows],
         t("talent.seek.value", lang): [v for _, v in rows]}
    )  # fmt: skip


def degree_table(result, lang: str = "en") -> pd.DataFrame:
    """Young cadres and their degrees per county at the degree deadline, rounded for reading."""
    _, month = result.degree_target
    d = result.degree
    at = d[d["month"] == d["month"].iloc[0] + (month - 1)]
    cols = {"young_cadres": 0, "with_degree": 0, "in_upgrade": 0, "degree_share": 3}
    out = at[["county_id", *cols]].round(cols).reset_index(drop=True)
    out["county_id"] = county_labels(result, out["county_id"], lang)
    return out.rename(columns=lambda c: t(f"talent.col.{c}", lang))


def key_table(result, lang: str = "en") -> pd.DataFrame:
    """Key secretaries under target management per county, village and township, with
    localised headers."""
    k = result.key_secretaries.round({"key_share": 3, "target_share": 3, "township_key_share": 3})
    if "county_id" in k.columns:
        k = k.assign(county_id=county_labels(result, k["county_id"], lang))
    return k.rename(columns=lambda c: t(f"talent.col.{c}", lang))
