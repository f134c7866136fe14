"""County accountability (the plan's Part V): county quotas, the county register, the league
table, the catch-up each lagging county needs, and the year-end grades.

Every function returns a frame with the raw numbers (for tests and further work) and the
text people read (``*_text`` columns, through :mod:`planning.present`). Formulas and the
reading of the plan are in ``docs/accountability.md``.

>>> largest_remainder(10, {"A": 1, "B": 1, "C": 1}).tolist()
[4, 3, 3]
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .data import Baseline
from .errors import DataError, Problem
from .i18n import t
from .ledger import LedgerState
from .present import GRADES, NA, STATUS_COLORS, count, money, month_label, number, share
from .progress import actual_by_county, plan_by_county, plan_models
from .tables import OPTIONAL_BY_NAME, QUOTA_INDICATORS
from .targets import SPECS, THIN_COUNT_MARGIN

TARGET_OF = {
    "talent": "T-talent",
    "trained": "T-train",
    "community_venues": "T-venue",
    "village_rooms": "T-village-room",
    "socwork": "T-socwork",
    "paired": "T-poor",
    "basic_pay": "T-subsidy",
}
"""The register's target behind each quota indicator (its deadline decides the quota's)."""

COUNTY_STATUSES = ("met", "on_track", "at_risk", "behind", "no_intake", "no_return")
"""Status of a county on one target, best first (``met`` and ``at_risk`` are the register's
own words)."""

LIGHTS = {
    "met": "green",
    "on_track": "green",
    "at_risk": "amber",
    "behind": "red",
    "no_intake": "red",
    "no_return": "red",
}
"""Traffic light of each county status."""

LIGHT_COLORS = {
    "green": STATUS_COLORS["met"],
    "amber": STATUS_COLORS["at_risk"],
    "red": STATUS_COLORS["missed"],
}

EPS = 1e-9
HALF = 1.0
"""A forecast or actual less than one unit (person, project, thousand yuan) short of its quota
meets it: the quotas are rounded to whole units, the forecasts are not."""


# --------------------------------------------------------------------------- quotas


def largest_remainder(total: int, weights: Mapping[str, float] | pd.Series) -> pd.Series:
    """Integer shares of ``total`` in proportion to ``weights`` that add up to ``total``
    exactly (largest remainder method; equal remainders go to the earlier key).

    >>> largest_remainder(7, {"C01": 1, "C02": 2, "C03": 4}).tolist()
    [1, 2, 4]
    >>> largest_remainder(100, {"C01": 1, "C02": 1, "C03": 1}).tolist()
    [34, 33, 33]
    """
    w = pd.Series(weights, dtype=float)
    total = int(total)
    if (w < 0).any() or not np.isfinite(w).all():
        raise ValueError("weights must be finite and not negative")
    if w.sum() <= 0:
        w = pd.Series(1.0, index=w.index)
    exact = total * w / w.sum()
    base = np.floor(exact + EPS).astype(int)
    left = total - int(base.sum())
    rem = (exact - base).to_numpy()
    order = np.argsort(-rem, kind="stable")  # stable: ties keep the key order
    extra = np.zeros(len(w), dtype=int)
    extra[order[:left]] = 1
    return (base + extra).astype(int)


def deadlines(scenario: Any) -> dict[str, int]:
    """Plan month of each quota indicator's deadline: its register target's, under the
    scenario's reading of the plan's dates."""
    return {ind: SPECS[TARGET_OF[ind]].resolve_deadline(scenario) for ind in QUOTA_INDICATORS}


def at_deadlines(baseline: Baseline, scenario: Any, models: Any) -> pd.DataFrame:
    """Counties x quota indicators: each indicator read from the model results ``models``
    (talent, training, venues, subsidies) at its own deadline."""
    due = deadlines(scenario)
    ids = baseline.county_ids
    at = {
        d: plan_by_county(baseline, scenario, dict.fromkeys(ids, d), models)
        for d in sorted(set(due.values()))
    }
    return pd.DataFrame({ind: at[due[ind]][ind] for ind in QUOTA_INDICATORS})


def quotas_table_for(baseline: Baseline, scenario: Any) -> pd.DataFrame | None:
    """The data's ``county_quotas`` table when some quota rule of the scenario asks for it."""
    rules = scenario.assessment.quota_rule
    if any(getattr(rules, i) == "table" for i in QUOTA_INDICATORS):
        return read_county_quotas(baseline)
    return None


def city_targets(baseline: Baseline, scenario: Any, plan_at_deadline: pd.DataFrame) -> dict:
    """The city target of each quota indicator as a whole number (see the docs, section 1)."""
    b = baseline
    out = {
        "talent": int(scenario.targets.talent_total_min),
        "trained": len(b.secretaries),
        "socwork": math.ceil(scenario.targets.socwork_share_min * len(b.communities) - EPS),
        "paired": len(b.agency_cadres),
    }
    for ind in ("community_venues", "village_rooms", "basic_pay"):
        out[ind] = int(round(float(plan_at_deadline[ind].sum())))
    return {ind: out[ind] for ind in QUOTA_INDICATORS}


def read_county_quotas(baseline: Baseline, path: str | Path | None = None) -> pd.DataFrame | None:
    """The ``county_quotas`` table beside the data (``county_quotas.csv`` in the data folder,
    or the sheet ``county_quotas`` of the data workbook), or of ``path``; None when there is
    none. Checked like any table of the data: every problem named with file, line and column.
    """
    from .data import (
        _check_table,
        _csv_records,
        _decode,
        _raw_from_records,
        _read_limited,
        _read_sheet,
        _Report,
        _typed_frame,
    )

    table = OPTIONAL_BY_NAME["county_quotas"]
    source = Path(path) if path is not None else Path(baseline.source)
    report = _Report()
    raw = None
    if source.is_dir():
        source = source / table.filename
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        if not source.is_file():
            return None
        from openpyxl import load_workbook

        book = load_workbook(source, read_only=True, data_only=True)
        try:
            sheets = {n.strip().lower(): n for n in book.sheetnames}
            if table.name not in sheets:
                return None
            label = f"{source.name}[{table.name}]"
            raw = _read_sheet(book[sheets[table.name]], table, label, {}, report)
        finally:
            book.close()
    else:
        if not source.is_file():
            return None
        text = _decode(_read_limited(source, source.name), source.name, report)
        if text is not None:
            raw = _raw_from_records(table, source.name, _csv_records(text, source.name, report),
                                    report)  # fmt: skip
    frame = None
    if raw is not None:
        checked = _check_table(raw, report, [])
        known = set(baseline.county_ids)
        listed = ", ".join(baseline.county_ids)
        if "county_id" in raw.cells:
            for value, line in zip(raw.cells["county_id"], raw.lines, strict=True):
                if value not in known:
                    report.add((raw.label, "county_id", "ref"), f"{raw.label}:{line}",
                               f"column 'county_id': found '{value}', not a county of the "
                               f"data; expected one of {listed}")  # fmt: skip
        if not report.total:
            frame = _typed_frame(table, checked).assign(line=raw.lines)
    if report.total:
        raise DataError(f"{source}: {report.total} problem(s) in county quotas", report.problems())
    assert frame is not None and raw is not None
    return frame.assign(source=raw.label)


def county_quotas(
    baseline: Baseline,
    scenario: Any,
    plan_at_deadline: pd.DataFrame,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Integer county quotas (counties x quota indicators) adding up to each city target.

    The rule of each indicator is ``scenario.assessment.quota_rule.<indicator>``: in
    proportion to villages, communities, population, the plan's own county forecast at the
    deadline (``plan_at_deadline``), or as written in ``table`` (:func:`read_county_quotas`).

    Raises
    ------
    DataError
        A ``table`` rule without a table, or a table missing a county of such a target.
    """
    b = baseline
    ids = b.county_ids
    vc = b.village_county
    villages = vc.value_counts().reindex(ids, fill_value=0)
    communities = b.communities["county_id"].value_counts().reindex(ids, fill_value=0)
    population = b.counties.set_index("county_id")["population"].reindex(ids).astype(float)
    totals = city_targets(b, scenario, plan_at_deadline)
    out = pd.DataFrame(index=pd.Index(ids, name="county_id"), columns=list(QUOTA_INDICATORS),
                       dtype="int64")  # fmt: skip
    rules = scenario.assessment.quota_rule
    problems: list[Problem] = []
    for ind in QUOTA_INDICATORS:
        how = getattr(rules, ind)
        if how == "table":
            if table is None:
                raise DataError(
                    f"assessment.quota_rule.{ind} is 'table' but the data have no county_quotas "
                    f"table; add county_quotas.csv (columns county_id, indicator, quota) beside "
                    f"the data in {b.source}, or choose another rule (villages, communities, "
                    "population, plan)"
                )
            rows = table[table["indicator"] == ind].set_index("county_id")
            for c in ids:
                if c not in rows.index:
                    where = str(table["source"].iloc[0]) if len(table) else "county_quotas"
                    problems.append(Problem(where, f"column 'county_id': no row for {c} "
                                            f"({b.county_names[c]}) and indicator '{ind}'; "
                                            f"expected one row for each county: "
                                            f"{', '.join(ids)}"))  # fmt: skip
            out[ind] = rows["quota"].reindex(ids).fillna(0).astype("int64")
            continue
        weights = {
            "villages": villages,
            "communities": communities,
            "population": population,
            "plan": plan_at_deadline[ind].reindex(ids).clip(lower=0),
        }[how]
        out[ind] = largest_remainder(totals[ind], weights.astype(float)).to_numpy()
    if problems:
        raise DataError(f"county quotas: {len(problems)} problem(s)", problems)
    return out


# --------------------------------------------------------------------------- register


def _intake(state: LedgerState, baseline: Baseline, actual: pd.DataFrame) -> pd.DataFrame:
    """Additions reported since plan start, per county and indicator (see the docs)."""
    ids = baseline.county_ids
    tb = state.tables
    tr = state.trained()
    tr = tr[tr["special_course"].astype(bool)] if len(tr) else tr
    sw = tb["social_work"]
    out = pd.DataFrame(index=pd.Index(ids, name="county_id"))
    out["talent"] = tb["talent"].groupby("county_id")["joined"].sum()
    out["trained"] = tr.groupby("county_id").size() if len(tr) else 0
    out["community_venues"] = actual["community_venues"]
    out["village_rooms"] = actual["village_rooms"]
    out["socwork"] = sw.groupby("county_id")["passed"].sum() if len(sw) else 0
    out["paired"] = tb["pairings"].groupby("county_id").size()
    out["basic_pay"] = actual["basic_pay"]
    return out.reindex(columns=list(QUOTA_INDICATORS)).fillna(0).astype(float)


def _start(baseline: Baseline, start_year: int) -> pd.DataFrame:
    """Each indicator per county at plan start, from the data."""
    b = baseline
    ids = b.county_ids
    vc = b.village_county
    out = pd.DataFrame(0.0, index=pd.Index(ids, name="county_id"), columns=list(QUOTA_INDICATORS))
    out["talent"] = b.talent_pool.groupby("county_id")["members"].sum().reindex(ids).fillna(0)
    special = b.secretaries[b.secretaries["special_course"]]
    out["trained"] = special["village_id"].map(vc).value_counts().reindex(ids).fillna(0)
    com = b.communities
    out["socwork"] = (com["social_workers"] >= 1).groupby(com["county_id"]).sum().reindex(ids)
    ac = b.agency_cadres
    paired0 = ac[(ac["paired_from"] != "") & (ac["paired_from"] < f"{start_year}-01")]
    out["paired"] = paired0.groupby("county_id").size().reindex(ids).fillna(0)
    return out.fillna(0.0)


@dataclass(frozen=True)
class Review:
    """A mid-plan review of the counties as of a date (:func:`review`).

    Attributes
    ----------
    register : DataFrame
        One row per county and quota indicator (:func:`county_register`).
    league : DataFrame
        Counties ranked by score, with grades (:func:`league_table`).
    catch_up : DataFrame
        The lagging counties' catch-up per quarter (:func:`catch_up_frame`).
    quotas : DataFrame
        Counties x indicators, integer quotas.
    """

    register: pd.DataFrame
    league: pd.DataFrame
    catch_up: pd.DataFrame
    quotas: pd.DataFrame
    lang: str = "en"

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every frame by name, for CSV and Excel: league, catch_up, register, quotas."""
        return {
            "league": self.league,
            "catch_up": self.catch_up,
            "register": self.register,
            "quotas": self.quotas.reset_index(),
        }


def county_register(
    state: LedgerState,
    baseline: Baseline,
    scenario: Any,
    forecast: pd.DataFrame | None = None,
    *,
    quotas_table: pd.DataFrame | None = None,
    lang: str = "en",
    models: Any = None,
) -> pd.DataFrame:
    """Per county and quota indicator: quota, plan and actual to date, forecast at the
    deadline, status, and the catch-up per quarter (formulas in docs/accountability.md).

    Parameters
    ----------
    forecast : DataFrame, optional
        Counties (index ``county_id``) x indicators: the forecast at each indicator's
        deadline, e.g. a re-forecast from the ledger. Cells left out or NaN take the default:
        the plan's forecast at the deadline shifted by the county's actual-minus-plan gap at
        its last report; for a county with no intake reported, its actual to date.
    quotas_table : DataFrame, optional
        The ``county_quotas`` table (:func:`read_county_quotas`), for rules ``table``.
    """
    b = baseline
    ids = b.county_ids
    start_year = scenario.run.start_year
    models = models or plan_models(b, scenario)
    due = deadlines(scenario)
    plan_deadline = at_deadlines(b, scenario, models)
    quotas = county_quotas(b, scenario, plan_deadline, quotas_table)
    reported = state.reported_months(start_year)
    periods = dict(zip(state.last_period()["county_id"], state.last_period()["period"],
                       strict=True))  # fmt: skip
    actual = actual_by_county(state, b).reindex(ids)
    months = {c: reported.get(c, 0) for c in ids}
    plan_now = plan_by_county(b, scenario, {c: max(m, 1) for c, m in months.items()}, models)
    intake = _intake(state, b, actual)
    start = _start(b, start_year)
    names = b.names("counties", lang)
    rows = []
    for c in ids:
        m = months[c]
        for ind in QUOTA_INDICATORS:
            d = due[ind]
            quota = int(quotas.at[c, ind])
            p_dead = float(plan_deadline.at[c, ind])
            has_return = c in reported
            p_now = float(plan_now.at[c, ind]) if has_return else float(start.at[c, ind])
            act = float(actual.at[c, ind]) if has_return else np.nan
            if p_dead > EPS:
                share_due = min(max(p_now / p_dead, 0.0), 1.0)
            else:
                share_due = min(m / d, 1.0) if d else 1.0
            quota_now = quota * share_due
            expected = p_now - float(start.at[c, ind]) > 0.5
            no_intake = has_return and expected and intake.at[c, ind] <= 0
            default = act if no_intake else p_dead + (act - p_now)
            fc = default
            if forecast is not None and c in forecast.index and ind in forecast.columns:
                given = forecast.at[c, ind]
                if given is not None and np.isfinite(given):
                    fc = float(given)
            left = max(0, math.ceil((d - m) / 3)) if has_return else math.ceil(d / 3)
            status = _status(has_return, no_intake, act, fc, quota, d, m)
            short = quota - fc if np.isfinite(fc) and quota - fc >= HALF else 0.0
            if status == "met":
                short = 0.0
            per_q = math.ceil(short / max(left, 1) - EPS) if np.isfinite(short) and short > 0 else 0
            att = (
                1.0
                if quota_now <= EPS
                else (0.0 if not np.isfinite(act) else act / quota_now)  # fmt: skip
            )
            rows.append({
                "county_id": c,
                "county": names[c],
                "indicator": ind,
                "label": t(f"accountability.ind.{ind}", lang),
                "period": periods.get(c, ""),
                "last_month": m,
                "deadline_month": d,
                "quota": quota,
                "plan_to_date": p_now,
                "actual_to_date": act,
                "intake": float(intake.at[c, ind]),
                "quota_to_date": quota_now,
                "attainment": att,
                "plan_at_deadline": p_dead,
                "forecast": fc,
                "gap": fc - quota if np.isfinite(fc) else np.nan,
                "no_intake": bool(no_intake),
                "status": status,
                "light": LIGHTS[status],
                "quarters_left": int(left),
                "shortfall": short,
                "catch_up_per_quarter": int(per_q),
            })  # fmt: skip
    frame = pd.DataFrame(rows)
    return _register_text(frame, start_year, lang)


def _status(has_return: bool, no_intake: bool, act: float, fc: float, quota: int, d: int,
            m: int) -> str:  # fmt: skip
    """The county status of one target (docs/accountability.md, section 2)."""
    if not has_return:
        return "no_return"
    if act > quota - HALF:
        return "met"
    if no_intake:
        return "no_intake"
    if m >= d or fc <= quota - HALF:
        return "behind"
    if fc - quota < THIN_COUNT_MARGIN * quota:
        return "at_risk"
    return "on_track"


def value_text(x: Any, ind: str, lang: str) -> str:
    """An indicator's amount as people read it: persons and projects as counts, basic pay
    (thousand yuan) as money (万元 in Chinese)."""
    if x is None or not np.isfinite(x):
        return NA
    if ind == "basic_pay":
        return money(1000 * float(x), lang)
    return number(x, lang)


def status_text(status: str, lang: str) -> str:
    """A county status in words (the register's words for met and at risk)."""
    if status in ("met", "at_risk"):
        return t(f"status.{status}", lang)
    return t(f"accountability.status.{status}", lang)


def _register_text(frame: pd.DataFrame, start_year: int, lang: str) -> pd.DataFrame:
    from .periods import period_label

    f = frame
    f["period_text"] = [period_label(p, lang) if p else NA for p in f["period"]]
    f["deadline_text"] = [month_label(int(d), lang, start_year) for d in f["deadline_month"]]
    for col in ("quota", "plan_to_date", "actual_to_date", "quota_to_date", "forecast",
                "shortfall", "catch_up_per_quarter"):  # fmt: skip
        f[f"{col}_text"] = [value_text(x, i, lang) for x, i in zip(f[col], f["indicator"],
                                                                     strict=True)]  # fmt: skip
    f["attainment_text"] = [share(x, lang) for x in f["attainment"]]
    f["status_text"] = [status_text(s, lang) for s in f["status"]]
    return f


# --------------------------------------------------------------------------- league and grades


def scores(register: pd.DataFrame, scenario: Any) -> pd.Series:
    """Each county's score, 0-100 (x the attainment cap at most): the weighted mean of its
    attainment of the quota due to date, each capped at ``assessment.attainment_cap``."""
    a = scenario.assessment
    w = pd.Series({ind: float(getattr(a.weight, ind)) for ind in QUOTA_INDICATORS})
    att = register.pivot(index="county_id", columns="indicator", values="attainment")
    att = att.reindex(columns=list(QUOTA_INDICATORS)).clip(upper=a.attainment_cap).fillna(0.0)
    if w.sum() <= 0:
        return pd.Series(0.0, index=att.index)
    order = list(dict.fromkeys(register["county_id"]))
    return (100 * (att * w).sum(axis=1) / w.sum()).reindex(order)


def grade_counties(score: pd.Series, scenario: Any) -> pd.DataFrame:
    """Year-end grades from scores: ``grade`` (excellent / good / pass / fail, labels
    优秀 / 称职 / 基本称职 / 不称职) and ``limited`` (reached the excellent score but beyond
    the share limit, graded competent).

    Counties are taken by score, highest first (equal scores in county order); at most
    ``floor(excellent_share_max x counties)`` are excellent.
    """
    a = scenario.assessment
    n = len(score)
    cap = math.floor(a.excellent_share_max * n + EPS)
    order = sorted(range(n), key=lambda i: (-round(float(score.iloc[i]), 9), i))
    grade = [""] * n
    limited = [False] * n
    excellent = 0
    for i in order:
        s = float(score.iloc[i])
        if s >= a.excellent_min - EPS and excellent < cap:
            grade[i] = "excellent"
            excellent += 1
        elif s >= a.competent_min - EPS:
            grade[i] = "good"
            limited[i] = s >= a.excellent_min - EPS
        elif s >= a.basic_min - EPS:
            grade[i] = "pass"
        else:
            grade[i] = "fail"
    return pd.DataFrame({"score": score.to_numpy(), "grade": grade, "limited": limited},
                        index=score.index)  # fmt: skip


def league_table(register: pd.DataFrame, scenario: Any, lang: str = "en") -> pd.DataFrame:
    """Counties ranked by score, with their grade and the traffic light of every target.

    Columns: ``rank``, ``county_id``, ``county``, ``score``, ``grade``, ``limited``, one
    status column per indicator (``status.<indicator>``, a county status) and its light
    (``light.<indicator>``), and the text columns ``score_text``, ``grade_text``,
    ``<indicator>_text`` (status in words).
    """
    g = grade_counties(scores(register, scenario), scenario)
    names = dict(zip(register["county_id"], register["county"], strict=False))
    st = register.pivot(index="county_id", columns="indicator", values="status")
    rows = []
    for c, r in g.iterrows():
        row: dict[str, Any] = {"county_id": c, "county": names[c], "score": float(r["score"]),
                               "grade": r["grade"], "limited": bool(r["limited"])}  # fmt: skip
        for ind in QUOTA_INDICATORS:
            row[f"status.{ind}"] = st.at[c, ind]
            row[f"light.{ind}"] = LIGHTS[st.at[c, ind]]
        rows.append(row)
    f = pd.DataFrame(rows)
    f["_order"] = range(len(f))
    f = f.sort_values(["score", "_order"], ascending=[False, True], kind="stable")
    f = f.drop(columns="_order").reset_index(drop=True)
    f.insert(0, "rank", range(1, len(f) + 1))
    f["score_text"] = [number(x, lang, 1) for x in f["score"]]
    f["grade_text"] = [t(f"grade.{x}", lang) for x in f["grade"]]
    for ind in QUOTA_INDICATORS:
        f[f"{ind}_text"] = [status_text(s, lang) for s in f[f"status.{ind}"]]
    return f


def catch_up_frame(register: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The lagging counties' catch-up: one row per county and target whose forecast falls
    short of its quota, in the league's county order, with the sentence people read
    (``text``): "Kangbei County needs 61 more reserve talents a quarter ...".
    """
    lag = register[(register["shortfall"] > 0) & (register["status"] != "met")].copy()
    lines = []
    for r in lag.itertuples():
        need = "need_one" if r.catch_up_per_quarter == 1 else "need"
        what = t(f"accountability.{need}.{r.indicator}", lang,
                 n=value_text(r.catch_up_per_quarter, r.indicator, lang))  # fmt: skip
        if r.quarters_left > 0:
            key = "accountability.catch_up.line"
        else:
            key = "accountability.catch_up.overdue"
            what = value_text(r.shortfall, r.indicator, lang)
        quarters = count(r.quarters_left, "quarter", lang)
        text = t(key, lang, county=r.county, what=what, quarters=quarters, label=r.label,
                 deadline=r.deadline_text, quota=r.quota_text, forecast=r.forecast_text)  # fmt: skip
        if r.no_intake:
            text += t("accountability.catch_up.no_intake", lang)
        lines.append(text)
    lag["text"] = lines
    cols = ["county_id", "county", "indicator", "label", "status", "status_text", "no_intake",
            "quota", "forecast", "shortfall", "quarters_left", "catch_up_per_quarter",
            "deadline_month", "deadline_text", "quota_text", "forecast_text",
            "catch_up_per_quarter_text", "text"]  # fmt: skip
    return lag[cols].reset_index(drop=True)


def review(
    state: LedgerState,
    baseline: Baseline,
    scenario: Any,
    forecast: pd.DataFrame | None = None,
    *,
    quotas_table: pd.DataFrame | None = None,
    lang: str = "en",
    models: Any = None,
) -> Review:
    """The whole mid-plan review of the counties as the ledger ``state`` knows it.

    ``quotas_table`` defaults to the data's own ``county_quotas`` table when some rule asks
    for one; ``models`` (talent, training, venues, subsidies results of the plan, as
    :func:`planning.progress.plan_models` gives) saves running the plan again.

    Examples
    --------
    >>> rv = review(ledger.as_of("2015-06"), load_baseline(), load_scenario())  # doctest: +SKIP
    >>> rv.league[["rank", "county", "score_text", "grade_text"]]  # doctest: +SKIP
    """
    if quotas_table is None:
        quotas_table = quotas_table_for(baseline, scenario)
    reg = county_register(state, baseline, scenario, forecast, quotas_table=quotas_table,
                          lang=lang, models=models)  # fmt: skip
    league = league_table(reg, scenario, lang)
    rank = {c: i for i, c in enumerate(league["county_id"])}
    lag = catch_up_frame(reg, lang)
    lag = lag.iloc[sorted(range(len(lag)), key=lambda i: (rank[lag["county_id"].iloc[i]], i))]
    quotas = reg.pivot(index="county_id", columns="indicator", values="quota")
    quotas = quotas.reindex(index=baseline.county_ids, columns=list(QUOTA_INDICATORS))
    return Review(reg, league, lag.reset_index(drop=True), quotas, lang)


def column_label(column: str, lang: str) -> str:
    """The heading of a frame's column: ``score_text`` -> ``Score`` / ``得分``."""
    base = column.removesuffix("_text")
    for prefix in ("status.", "light."):
        base = base.removeprefix(prefix)
    if base in QUOTA_INDICATORS:
        return t(f"accountability.ind.{base}", lang)
    return t(f"accountability.col.{base}", lang)


# --------------------------------------------------------------------------- CLI

SYMBOLS = {"green": "●", "amber": "◐", "red": "○"}
"""Traffic lights in plain text."""


def league_text(league: pd.DataFrame, lang: str = "en") -> str:
    """The league table as plain text: rank, county, score, grade and one light per target."""
    from .progress import _ljust, _rjust, _width

    width = max([_width(c) for c in league["county"]] + [8]) + 2
    gw = max([_width(g) for g in league["grade_text"]] + [6]) + 2
    inds = list(QUOTA_INDICATORS)
    head = (
        _rjust(t("accountability.col.rank", lang), 5) + "  "
        + _ljust(t("accountability.col.county", lang), width)
        + _rjust(t("accountability.col.score", lang), 7) + "  "
        + _ljust(t("accountability.col.grade", lang), gw)
        + "  ".join(t(f"accountability.ind.{i}", lang) for i in inds)
    )  # fmt: skip
    lines = [head]
    for r in league.itertuples(index=False):
        row = r._asdict()
        cells = []
        for i in inds:
            name = t(f"accountability.ind.{i}", lang)
            light = SYMBOLS[
                league.loc[league["county_id"] == row["county_id"], f"light.{i}"].iloc[0]
            ]
            cells.append(_ljust(light, _width(name)))
        lines.append(
            _rjust(str(row["rank"]), 5) + "  " + _ljust(row["county"], width)
            + _rjust(row["score_text"], 7) + "  " + _ljust(row["grade_text"], gw)
            + "  ".join(cells)
        )  # fmt: skip
    return "\n".join(lines)


def register_text(register: pd.DataFrame, lang: str = "en") -> str:
    """One county's register as plain text: quota, plan and actual to date, forecast, status,
    catch-up per quarter."""
    from .progress import _ljust, _rjust, _width

    cols = ("quota", "plan_to_date", "actual_to_date", "forecast", "catch_up_per_quarter")
    width = max([_width(x) for x in register["label"]] + [10]) + 2
    num = 16
    head = _ljust(t("accountability.col.label", lang), width) + "".join(
        _rjust(t(f"accountability.col.{c}", lang), num) for c in cols
    ) + "  " + t("accountability.col.status", lang)  # fmt: skip
    lines = [head]
    for r in register.itertuples(index=False):
        row = r._asdict()
        cells = "".join(_rjust(str(row[f"{c}_text"]), num) for c in cols)
        lines.append(_ljust(row["label"], width) + cells + "  " + row["status_text"])
    return "\n".join(lines)


def write_review(rv: Review, out: str | Path) -> list[Path]:
    """Write the review's frames as CSV files and one Excel workbook (``review.xlsx``) into
    the folder ``out`` (created if its parent exists)."""
    from .data import write_workbook
    from .errors import UsageError
    from .fileio import atomic_write_text
    from .outputs import output_error

    path = Path(out)
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path}: is a file; --out takes a folder")
    if not path.parent.is_dir():
        raise UsageError(f"{path.parent}: folder not found; create it first")
    written = []
    try:
        path.mkdir(exist_ok=True)
        for name, frame in rv.frames().items():
            target = path / f"{name}.csv"
            atomic_write_text(target, frame.to_csv(index=False, lineterminator="\n"))
            written.append(target)
        written.append(write_workbook(path / "review.xlsx", rv.frames()))
    except OSError as exc:
        raise output_error("write the review", path, exc) from None
    return written


def cli_review(args: Any) -> int:
    """``planning progress review``: league table and catch-up lines; files with ``--out``."""
    from .progress import _county_names, read_for_cli

    r = read_for_cli(args)
    baseline, scenario, county, lang, state = r.baseline, r.scenario, r.county, r.lang, r.state
    as_of = r.as_of
    if not len(state.returns):
        print(t("accountability.review.empty", lang, as_of=as_of, ledger=r.shown))
        return 0
    # The same county review as the briefing's and the Progress tab's: the forecast of each
    # county is the re-forecast from the returns.
    from .review import review as reforecast

    rv = reforecast(baseline, scenario, state).counties(lang)
    print(t("accountability.review.title", lang, as_of=as_of, scenario=scenario.title_in(lang)))
    print()
    if county is None:
        print(t("accountability.review.league", lang))
        print(league_text(rv.league, lang))
        print(t("accountability.review.legend", lang))
        counts = rv.league["grade"].value_counts()
        sep = "，" if lang == "zh" else ", "
        text = sep.join(f"{t(f'grade.{g}', lang)} {int(counts.get(g, 0))}" for g in GRADES)
        n = len(rv.league)
        limit = math.floor(scenario.assessment.excellent_share_max * n + EPS)
        print(t("accountability.review.grades", lang, counts=text, limit=limit, n=n))
        lag = rv.catch_up
    else:
        print(_county_names(baseline, lang)[county])
        print(register_text(rv.register[rv.register["county_id"] == county], lang))
        row = rv.league[rv.league["county_id"] == county].iloc[0]
        print(f"{t('accountability.col.score', lang)}: {row['score_text']}  "
              f"{t('accountability.col.grade', lang)}: {row['grade_text']}  "
              f"{t('accountability.col.rank', lang)}: {row['rank']}")  # fmt: skip
        lag = rv.catch_up[rv.catch_up["county_id"] == county]
    print()
    print(t("accountability.review.catch_up", lang))
    if not len(lag):
        print("  " + t("accountability.catch_up.none", lang))
    for line in lag["text"]:
        print("  " + line)
    if args.out:
        for p in write_review(rv, args.out):
            print(t("accountability.review.wrote", lang, path=p))
    return 0


__all__ = [
    "COUNTY_STATUSES",
    "GRADES",
    "LIGHTS",
    "Review",
    "catch_up_frame",
    "cli_review",
    "city_targets",
    "column_label",
    "county_quotas",
    "county_register",
    "deadlines",
    "grade_counties",
    "largest_remainder",
    "league_table",
    "read_county_quotas",
    "review",
    "write_review",
    "scores",
    "status_text",
    "value_text",
]
