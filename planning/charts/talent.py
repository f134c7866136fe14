"""Charts and plain-words summary of the reserve-talent model.

Every builder takes a :class:`~planning.models.talent.TalentResult` and ``lang`` and
returns a ``go.Figure``; nothing is shown or written.

>>> from planning import load_baseline, load_scenario, run_talent
>>> fig = pools_chart(run_talent(load_baseline(), load_scenario("baseline")))
>>> [trace.name for trace in fig.data][:1]
['College-graduate village officials']
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..i18n import MESSAGES, t
from ..models.talent import MAX_MULTIPLIER
from ..tables import POOLS
from .common import POOL_COLORS, county_labels, deadline_marker, style, target_line

FAN_COLOR = "#1f6fb2"


def _n(x: float) -> str:
    return f"{x:,.0f}"


def _pct(x: float, digits: int = 0) -> str:
    return f"{x:.{digits}%}"


def _ts(months: pd.Series | pd.PeriodIndex) -> pd.DatetimeIndex:
    return pd.PeriodIndex(months).to_timestamp()


def _month_ts(result, month: int) -> pd.Timestamp:
    first = result.flows["month"].iloc[0]
    return (first + (month - 1)).to_timestamp()


def _mark_target(fig: go.Figure, result, lang: str) -> go.Figure:
    target = result.target
    target_line(fig, target.threshold, t("talent.target_more_than", lang, n=_n(target.threshold)))
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
                hovertemplate=f"%{{x|%Y-%m}}<br>{name}: %{{y:,.0f}}<extra></extra>",
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
            hovertemplate=f"%{{x|%Y-%m}}<br>{t('talent.total', lang)}: %{{y:,.0f}}<extra></extra>",
        )
    )
    _mark_target(fig, result, lang)
    fig.update_yaxes(title=t("talent.persons_axis", lang))
    fig.update_xaxes(title=t("common.month", lang))
    return style(fig, t("talent.pools.title", lang))


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
                                 showlegend=False,
                                 hovertemplate="%{x|%Y-%m}<br>P90: %{y:,.0f}<extra></extra>"))  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=x,
                y=bands["p10"],
                name=t("talent.fan.band", lang),
                mode="lines",
                fill="tonexty",
                fillcolor="rgba(31,111,178,0.22)",
                line={"width": 0, "color": FAN_COLOR},
                hovertemplate="%{x|%Y-%m}<br>P10: %{y:,.0f}<extra></extra>",
            )
        )
        fig.add_trace(go.Scatter(x=x, y=bands["p50"], name=t("talent.fan.median", lang),
                                 mode="lines", line={"color": FAN_COLOR, "width": 2},
                                 hovertemplate="%{x|%Y-%m}<br>P50: %{y:,.0f}<extra></extra>"))  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=x,
            y=total.to_numpy(),
            name=t("talent.fan.central", lang),
            mode="lines",
            line={"color": "#333", "width": 1.5, "dash": "dash"},
            hovertemplate="%{x|%Y-%m}<br>%{y:,.0f}<extra></extra>",
        )
    )
    _mark_target(fig, result, lang)
    fig.update_yaxes(title=t("talent.persons_axis", lang))
    fig.update_xaxes(title=t("common.month", lang))
    return style(fig, t("talent.fan.title", lang, draws=f"{draws:,}"))


def county_chart(result, lang: str = "en", month: pd.Period | None = None) -> go.Figure:
    """Each county's pool members at the deadline (or ``month``), stacked by pool."""
    month = month or result.target.deadline
    f = result.flows[result.flows["month"] == month]
    wide = f.pivot(index="county_id", columns="pool", values="stock").reindex(columns=POOLS)
    wide = wide.loc[wide.sum(axis=1).sort_values().index]
    labels = county_labels(result, wide.index)
    fig = go.Figure()
    for pool in POOLS:
        name = t(f"talent.pool.{pool}", lang)
        text = [t("talent.county.hover", lang, county=c, pool=name, n=_n(v))
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
    fig.update_xaxes(title=t("talent.persons_axis", lang))
    fig.update_yaxes(title=t("common.county", lang))
    height = max(320, 60 + 26 * len(wide))
    return style(fig, t("talent.county.title", lang, month=str(month)), height=height)


def _share_chart(x, share, text, target, deadline, name, title, lang) -> go.Figure:
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=share,
            name=name,
            mode="lines",
            line={"color": FAN_COLOR, "width": 2},
            text=text,
            hovertemplate="%{x|%Y-%m}<br>%{text}<extra></extra>",
        )
    )
    target_line(fig, target, t("talent.target_share", lang, share=_pct(target)))
    deadline_marker(fig, deadline, t("common.deadline", lang))
    fig.update_yaxes(title=t("talent.share_axis", lang), tickformat=".0%", range=[0, 1.05])
    fig.update_xaxes(title=t("common.month", lang))
    return style(fig, title)


def degree_chart(result, lang: str = "en") -> go.Figure:
    """City share of young village cadres with a college degree against its target."""
    d = result.degree.groupby("month", sort=True)[["young_cadres", "with_degree"]].sum()
    share = d["with_degree"] / d["young_cadres"]
    text = [t("talent.degree.hover", lang, with_degree=_n(w), young=_n(y), share=_pct(s, 1))
            for w, y, s in zip(d["with_degree"], d["young_cadres"], share, strict=True)]  # fmt: skip
    target, month = result.degree_target
    return _share_chart(_ts(d.index), share, text, target, _month_ts(result, month),
                        t("talent.degree.share", lang), t("talent.degree.title", lang), lang)  # fmt: skip


def socwork_chart(result, lang: str = "en") -> go.Figure:
    """Expected share of communities with a certified social worker against its target."""
    c = result.socwork_coverage
    text = [t("talent.socwork.hover", lang, share=_pct(s, 1), n=int(n), workers=_n(w))
            for s, n, w in zip(c["coverage"], c["communities"], c["expected_workers"],
                               strict=True)]  # fmt: skip
    target, month = result.socwork_target
    return _share_chart(_ts(c["month"]), c["coverage"], text, target, _month_ts(result, month),
                        t("talent.socwork.coverage", lang), t("talent.socwork.title", lang),
                        lang)  # fmt: skip


def summary_lines(result, seek=None, lang: str = "en") -> list[str]:
    """Plain sentences for a briefing: when the target is met, its probability, what it
    would take (from :func:`~planning.models.talent.seek_intake`), degrees, social workers,
    key secretaries."""
    tg = result.target
    if tg.first_met is not None:
        when = t("talent.summary.before" if tg.met_by_deadline else "talent.summary.after", lang)
        lines = [t("talent.summary.met", lang, threshold=_n(tg.threshold), month=str(tg.first_met),
                   when=when, deadline=str(tg.deadline), value=_n(tg.value_at_deadline))]  # fmt: skip
    else:
        lines = [t("talent.summary.never", lang, threshold=_n(tg.threshold),
                   deadline=str(tg.deadline), value=_n(tg.value_at_deadline))]  # fmt: skip
    if tg.probability is not None:
        lines.append(t("talent.summary.probability", lang, draws=f"{len(result.draws_at_deadline):,}",
                       p=_pct(tg.probability)))  # fmt: skip
    if seek is not None:
        lines.append(_seek_line(seek, tg, lang))
        if seek.multiplier_for_probability is not None and seek.probability is not None:
            lines.append(t("talent.summary.seek_probability", lang, p=_pct(seek.probability),
                           pct=_pct(seek.multiplier_for_probability - 1, 1)))  # fmt: skip
    d = result.degree.groupby("month", sort=True)[["young_cadres", "with_degree"]].sum()
    share = (d["with_degree"] / d["young_cadres"]).to_numpy()
    target, month = result.degree_target
    lines.append(t("talent.summary.degree", lang, start=_pct(share[0]),
                   end=_pct(share[month - 1]), deadline=str(d.index[month - 1]),
                   target=_pct(target)))  # fmt: skip
    cov = result.socwork_coverage["coverage"].to_numpy()
    target, month = result.socwork_target
    lines.append(t("talent.summary.socwork", lang, start=_pct(cov[0]), end=_pct(cov[month - 1]),
                   deadline=str(result.socwork_coverage["month"].iloc[month - 1]),
                   target=_pct(target)))  # fmt: skip
    k = result.key_secretaries
    n, key = int(k["secretaries"].sum()), int(k["key_secretaries"].sum())
    lines.append(t("talent.summary.key", lang, key=key, n=n, share=_pct(key / n if n else np.nan),
                   target=_pct(float(k["target_share"].iloc[0]))))  # fmt: skip
    return lines


def _seek_line(seek, tg, lang: str) -> str:
    if seek.multiplier is None:
        return t("talent.summary.seek_none", lang, max=f"{MAX_MULTIPLIER:g}")
    if seek.met_by_deadline:
        return t("talent.summary.seek_slack", lang, pct=_pct(seek.multiplier, 1))
    return t("talent.summary.seek", lang, deadline=str(tg.deadline),
             pct=_pct(seek.multiplier - 1, 1), city=_n(seek.extra_city_per_year),
             county=seek.extra_per_county_per_year)  # fmt: skip


def seek_table(seek, lang: str = "en") -> pd.DataFrame:
    """The goal-seek answer as a two-column table (what, value) for notebooks and briefings."""
    rows = [
        ("talent.seek.month_met", str(seek.met) if seek.met is not None else "-"),
        ("talent.seek.value_at_deadline", _n(seek.value_at_deadline)),
        ("talent.seek.multiplier",
         "-" if seek.multiplier is None else f"x{seek.multiplier:.4f}"),
        ("talent.seek.extra_city",
         "-" if seek.extra_city_per_year is None else _n(seek.extra_city_per_year)),
        ("talent.seek.extra_county",
         "-" if seek.extra_per_county_per_year is None else str(seek.extra_per_county_per_year)),
    ]  # fmt: skip
    if seek.probability is not None:
        value = seek.multiplier_for_probability
        rows.append((t("talent.seek.probability_multiplier", lang, p=_pct(seek.probability)),
                     "-" if value is None else f"x{value:.4f}"))  # fmt: skip
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
    return out.rename(columns=lambda c: t(f"talent.col.{c}", lang))


def key_table(result, lang: str = "en") -> pd.DataFrame:
    """Key secretaries under target management per county, with localised headers."""
    k = result.key_secretaries.round({"key_share": 3, "target_share": 3})
    return k.rename(columns=lambda c: t(f"talent.col.{c}", lang))
