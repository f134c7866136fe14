"""Following the plan: county return templates, plan against actual, and the
``planning progress`` commands (template, import, history, status).

See ``docs/progress.md`` for the planner's view.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .data import Baseline, write_workbook
from .errors import UsageError
from .fileio import atomic_write_text
from .i18n import t
from .i18n.fields import UNITS_ZH
from .i18n.progress import RETURN_README_ZH, RETURN_TEXT_ZH
from .ledger import Ledger, LedgerMissing, LedgerState, import_many, load_ledger
from .outputs import output_error
from .periods import ReportPeriod, parse_period, period_label
from .returns import (
    CHANGES,
    COMMUNITY_TARGET_TIERS,
    EVENTS,
    INFO_COLUMNS,
    LOOKUP_SHEET,
    RETURN_TABLES,
    SURVEYS,
)
from .tables import ILLUSTRATIVE_NOTE, POOLS

# --------------------------------------------------------------------------- counties


def resolve_county(baseline: Baseline, text: str) -> str:
    """A county id from its id or its name (``C03``, ``Kangbei County``, ``kangbei``).

    Raises
    ------
    UsageError
        No county, or several, match.
    """
    names = baseline.county_names
    if text in names:
        return text
    low = text.strip().lower()
    hits = [c for c, n in names.items() if n.lower() == low or c.lower() == low]
    if not hits:
        hits = [c for c, n in names.items() if n.lower().startswith(low)]
    if len(hits) == 1:
        return hits[0]
    listed = ", ".join(f"{n} ({c})" for c, n in names.items())
    raise UsageError(f"county '{text}' is not in the data; expected one of: {listed}")


def _period(text: str) -> ReportPeriod:
    p = parse_period(text)
    if p is None:
        raise UsageError(
            f"period '{text}': expected a quarter such as 2014Q2 or a month such as 2014-05"
        )
    return p


# --------------------------------------------------------------------------- template


def template_frames(
    baseline: Baseline, county_id: str, period: ReportPeriod, state: LedgerState | None = None
) -> dict[str, pd.DataFrame]:
    """The sheets of a county's return, pre-filled with its names and ids.

    The talent sheet opens with the last return's closing stock (or the data's pools at
    plan start); the trained sheet lists the secretaries not yet trained; the social-work
    sheet every community; the pay sheet every month of the period.
    """
    b = baseline
    vc = b.village_county
    vnames = b.villages.set_index("village_id")["name"]
    secs = b.secretaries[b.secretaries["village_id"].map(vc) == county_id]
    holders = dict(zip(secs["secretary_id"], secs["village_id"], strict=True))
    opening = (
        b.talent_pool[b.talent_pool["county_id"] == county_id].groupby("pool")["members"].sum()
    )
    trained: set[str] = set(secs.loc[secs["special_course"], "secretary_id"])
    paired: set[str] = set()
    if state is not None:
        mine = state.returns[state.returns["county_id"] == county_id]
        before = mine[mine["period_end"] < period.start]
        if len(before):
            last = before.iloc[-1]["period"]
            tl = state.tables["talent"]
            tl = tl[(tl["county_id"] == county_id) & (tl["period"] == last)]
            opening = tl.set_index("pool")["closing"]
        s = state.tables["secretaries"]
        s = s[s["county_id"] == county_id]
        for row in s.itertuples():
            if row.change == "took_office":
                holders[row.secretary_id] = row.village_id
        for row in s.itertuples():
            if row.change == "left_office":
                holders.pop(row.secretary_id, None)
        tr = state.tables["trained"]
        trained |= set(tr.loc[tr["county_id"] == county_id, "secretary_id"])
        pa = state.tables["pairings"]
        paired = set(pa.loc[pa["county_id"] == county_id, "cadre_id"])
    com = b.communities[b.communities["county_id"] == county_id]
    ac = b.agency_cadres[b.agency_cadres["county_id"] == county_id]
    unpaired = ac[((ac["paired_from"] == "") | (ac["paired_from"] >= "2014-01"))
                  & ~ac["cadre_id"].isin(paired)]  # fmt: skip
    waiting = [(s, v) for s, v in holders.items() if s not in trained]
    frames = {
        "return": pd.DataFrame(
            [[county_id, b.county_names[county_id], period.text, "", ""]],
            columns=_cols("return"),
        ),
        "talent": pd.DataFrame(
            [[p, int(opening.get(p, 0)), None, None, None, None, None] for p in POOLS],
            columns=_cols("talent"),
        ),
        "classes": pd.DataFrame(columns=_cols("classes")),
        "trained": pd.DataFrame(
            [[s, vnames.get(v, ""), ""] for s, v in waiting], columns=_cols("trained")
        ),
        "secretaries": pd.DataFrame(columns=_cols("secretaries")),
        "venues": pd.DataFrame(columns=_cols("venues")),
        "subsidies": pd.DataFrame(
            [[m, None, None, None] for m in period.months], columns=_cols("subsidies")
        ),
        "social_work": pd.DataFrame(
            [[c, n, 0, 0] for c, n in zip(com["community_id"], com["name"], strict=True)],
            columns=_cols("social_work"),
        ),
        "pairings": pd.DataFrame(
            [[c, None, ""] for c in unpaired["cadre_id"]], columns=_cols("pairings")
        ),
        "surveys": pd.DataFrame(columns=_cols("surveys")),
    }
    return frames


def _cols(name: str) -> list[str]:
    return [c.name for c in next(tb for tb in RETURN_TABLES if tb.name == name).columns]


def lookup_frame(baseline: Baseline, county_id: str) -> pd.DataFrame:
    """Names and ids of a county (villages with their secretary, communities, bases,
    agency cadres), for the reader of a return; never read back."""
    b = baseline
    vc = b.village_county
    rows: list[list[Any]] = []
    sec = b.secretaries.set_index("village_id")["secretary_id"]
    for v in b.villages[b.villages["village_id"].map(vc) == county_id].itertuples():
        rows.append(["village", v.village_id, v.name, f"secretary {sec.get(v.village_id, '')}"])
    for c in b.communities[b.communities["county_id"] == county_id].itertuples():
        rows.append(["community", c.community_id, c.name, f"tier {c.tier}, {c.venue_tenure}"])
    for tb in b.training_bases.itertuples():
        where = "out of town" if tb.out_of_town else "not out of town"
        rows.append(["training base", tb.base_id, tb.name, where])
    for a in b.agency_cadres[b.agency_cadres["county_id"] == county_id].itertuples():
        rows.append(["agency cadre", a.cadre_id, "", f"paired from {a.paired_from or '-'}"])
    return pd.DataFrame(rows, columns=["kind", "id", "name", "detail"])


def readme_rows(county: str, period: ReportPeriod, lang: str = "en") -> list[list[Any]]:
    """The README sheet of a return: how to fill it in and every column explained, in the
    language asked for (sheet and column names stay as the file has them)."""
    rows: list[list[Any]] = [
        [t("progress.readme.title", lang, county=county, period=period.text)],
        [ILLUSTRATIVE_NOTE if "Example" in county else ""],
        [],
    ]
    for i in range(1, 10):
        rows.append([str(i), t(f"progress.readme.step{i}", lang)])
    zh = lang == "zh"
    header = RETURN_README_ZH["header"] if zh else ["sheet", "column", "type", "unit",
                                                    "allowed values", "required", "meaning"]  # fmt: skip
    rows += [[], header]
    for tb in RETURN_TABLES:
        rows.append(
            [tb.name, "", "", "", "", "", RETURN_TEXT_ZH[tb.name] if zh else tb.description]
        )
        for c in tb.columns:
            need = "info" if c.name in INFO_COLUMNS else ("yes" if c.required else "no")
            allowed = _allowed(tb.name, c)
            rows.append([
                tb.name,
                c.name,
                KINDS_ZH[c.kind] if zh else c.kind,
                {**UNITS_ZH, "date": "日期"}.get(c.unit, c.unit) if zh else c.unit,
                allowed_zh(allowed) if zh else allowed,
                RETURN_README_ZH[f"need.{need}"] if zh else NEED_EN[need],
                RETURN_TEXT_ZH[f"{tb.name}.{c.name}"] if zh else c.description,
            ])  # fmt: skip
    return rows


NEED_EN = {"yes": "yes", "no": "no", "info": "no (for the reader)"}
KINDS_ZH = {"bool": "是/否", "enum": "选项", "float": "数", "int": "整数", "id": "编号",
            "ref": "编号", "month": "年月", "text": "文字"}  # fmt: skip

_ALLOWED_ZH: tuple[tuple[str, str], ...] = (
    (r"^a whole number >= ([\d,]+) and <= ([\d,]+)$", r"整数，\1 至 \2"),
    (r"^a number >= ([\d,.]+) and <= ([\d,.]+)$", r"数，\1 至 \2"),
    (r"^a number >= ([\d,.]+) and <= ([\d,.]+); an empty cell or a missing column means 0$",
     r"数，\1 至 \2；空格或缺列按 0 计"),
    (r"^one of (.+)$", "ONE_OF"),
    (r"^yes or no \(also true/false, 1/0\)$", "yes 或 no（也可写 true/false、1/0）"),
    (r"^a unique, non-empty id$", "唯一且不为空的编号"),
    (r"^a year and month such as (\S+), or empty for none$", r"年月，如 \1；没有则留空"),
    (r"^an id listed in (\w+)$", r"数据表 \1 中已有的编号（见 lookup 表）"),
    (r"^a quarter such as (\S+) or a month such as (\S+)$", r"季度如 \1，或月份如 \2"),
    (r"^any text$", "任意文字"),
    (r"^(.+), or empty$", "OR_EMPTY"),
)  # fmt: skip


def allowed_zh(text: str) -> str:
    """The allowed values of a return's column in Chinese (the codes stay as written)."""
    for pattern, repl in _ALLOWED_ZH:
        m = re.match(pattern, text)
        if not m:
            continue
        if repl == "ONE_OF":
            return "、".join(m.group(1).split(", ")) + " 之一"
        if repl == "OR_EMPTY":
            head = m.group(1)
            if head.startswith("a date such as "):
                return f"日期如 {head.removeprefix('a date such as ')}，或留空"
            return "、".join(head.replace(" or ", ", ").split(", ")) + "，或留空"
        return m.expand(repl)
    raise ValueError(f"no Chinese text for the allowed values {text!r}")


def _allowed(table: str, c: Any) -> str:
    if (table, c.name) == ("venues", "tier_reached"):
        return ", ".join((*COMMUNITY_TARGET_TIERS, "village")) + ", or empty"
    if (table, c.name) == ("venues", "owned"):
        return "yes or no, or empty"
    if (table, c.name) == ("return", "submitted_on"):
        return "a date such as 2014-07-10, or empty"
    if (table, c.name) == ("return", "period"):
        return "a quarter such as 2014Q2 or a month such as 2014-05"
    return c.allowed_text()


def _dropdowns() -> dict[str, dict[str, tuple[str, ...]]]:
    return {
        "talent": {"pool": POOLS},
        "classes": {"special_course": ("yes", "no")},
        "secretaries": {"change": CHANGES},
        "venues": {
            "event": EVENTS,
            "owned": ("yes", "no"),
            "tier_reached": (*COMMUNITY_TARGET_TIERS, "village"),
        },  # fmt: skip
        "surveys": {"survey": SURVEYS},
    }


def write_template(
    baseline: Baseline,
    county_id: str,
    period: ReportPeriod,
    out: str | Path,
    *,
    state: LedgerState | None = None,
    force: bool = False,
    lang: str = "en",
) -> Path:
    """Write a county's return to fill in: an Excel workbook (``.xlsx``) or, for any other
    name, a folder of CSV files.

    Examples
    --------
    >>> write_template(load_baseline(), "C03", parse_period("2014Q2"), "C03_2014Q2.xlsx")  # doctest: +SKIP
    """
    path = Path(out)
    if path.exists() and not force and not (path.is_dir() and not any(path.iterdir())):
        raise UsageError(f"{path}: already exists; choose another name or add --force")
    if not path.parent.is_dir():
        raise UsageError(f"{path.parent}: folder not found; create it first")
    frames = template_frames(baseline, county_id, period, state)
    readme = readme_rows(_county_names(baseline, lang)[county_id], period, lang)
    lookup = lookup_frame(baseline, county_id)
    try:
        if path.suffix.lower() == ".xlsx":
            if path.is_dir():
                raise UsageError(f"{path}: is a folder; give the name of a workbook file")
            write_workbook(path, {**frames, LOOKUP_SHEET: lookup}, readme=readme,
                           dropdowns=_dropdowns())  # fmt: skip
        else:
            if path.exists() and not path.is_dir():
                raise UsageError(f"{path}: is a file; a CSV return is a folder (or name it .xlsx)")
            path.mkdir(exist_ok=True)
            for name, frame in {**frames, LOOKUP_SHEET: lookup}.items():
                atomic_write_text(
                    path / f"{name}.csv", frame.to_csv(index=False, lineterminator="\n")
                )
            text = "\n".join(",".join(str(x) for x in row) for row in readme) + "\n"
            atomic_write_text(path / "README.txt", text)
    except OSError as exc:
        raise output_error("write the return", path, exc) from None
    return path


# --------------------------------------------------------------------------- plan vs actual


INDICATORS = (
    "talent",
    "trained",
    "community_venues",
    "village_rooms",
    "basic_pay",
    "socwork",
    "paired",
    "satisfaction",
    "member_satisfaction",
)
"""Rows of the status table, in order; labels in the message table (``progress.ind.*``)."""


def actual_by_county(state: LedgerState, baseline: Baseline) -> pd.DataFrame:
    """Actual figures per county from the ledger: one column per indicator, counties as
    rows (ids as the index); NaN where a county has not reported."""
    b = state.tables
    ids = baseline.county_ids
    out = pd.DataFrame(index=pd.Index(ids, name="county_id"), columns=INDICATORS, dtype=float)
    reported = set(state.returns["county_id"])
    stock = state.talent_stock().groupby("county_id")["closing"].sum()
    tr = state.trained()
    tr = tr[tr["special_course"].astype(bool)] if len(tr) else tr
    secs = baseline.secretaries
    vc = baseline.village_county
    before = secs[secs["special_course"]].assign(county_id=lambda f: f["village_id"].map(vc))
    trained = (
        before.groupby("county_id")
        .size()
        .add(tr.groupby("county_id")["secretary_id"].nunique() if len(tr) else 0, fill_value=0)
    )
    vp = state.venue_projects()
    done = vp[vp["completed"].notna()] if len(vp) else vp
    com_ids = set(baseline.communities["community_id"])
    is_com = done["venue_id"].isin(com_ids) if len(done) else pd.Series([], dtype=bool)
    community = done[is_com].groupby("county_id").size() if len(done) else pd.Series(dtype=float)
    village = done[~is_com].groupby("county_id").size() if len(done) else pd.Series(dtype=float)
    pay = b["subsidies"].groupby("county_id")["basic_yuan"].sum() / 1000
    sw = b["social_work"]
    workers = baseline.communities.set_index("community_id")["social_workers"].astype(float)
    if len(sw):
        net = sw.groupby("community_id")["passed"].sum() - sw.groupby("community_id")["left"].sum()
        workers = workers.add(net, fill_value=0)
    com_county = baseline.communities.set_index("community_id")["county_id"]
    covered = (workers >= 1).groupby(com_county).sum()
    ac = baseline.agency_cadres
    paired0 = ac[(ac["paired_from"] != "") & (ac["paired_from"] < "2014-01")]
    paired = (
        paired0.groupby("county_id")
        .size()
        .add(b["pairings"].groupby("county_id").size(), fill_value=0)
    )
    sv = b["surveys"].merge(state.returns[["county_id", "period", "period_end"]],
                            on=["county_id", "period"])  # fmt: skip
    latest = sv.sort_values("period_end").groupby(["county_id", "survey"]).tail(1)
    share = latest.set_index(["county_id", "survey"])["share_satisfied"]
    for c in ids:
        if c not in reported:
            continue
        out.loc[c] = [
            stock.get(c, np.nan),
            trained.get(c, 0),
            community.get(c, 0),
            village.get(c, 0),
            pay.get(c, 0),
            covered.get(c, 0),
            paired.get(c, 0),
            share.get((c, "masses"), np.nan),
            share.get((c, "members"), np.nan),
        ]
    return out


def plan_models(baseline: Baseline, scenario: Any) -> tuple[Any, Any, Any, Any]:
    """The model results :func:`plan_by_county` reads: talent, training, venues, subsidies."""
    from .models.subsidies import plan_subsidies
    from .models.talent import run_talent
    from .models.training import plan_training
    from .models.venues import plan_venues

    return (
        run_talent(baseline, scenario),
        plan_training(baseline, scenario),
        plan_venues(baseline, scenario),
        plan_subsidies(baseline, scenario),
    )


def plan_by_county(
    baseline: Baseline, scenario: Any, months: dict[str, int], models: Any = None
) -> pd.DataFrame:
    """The scenario's plan per county at a plan month each (1 = January of the first plan
    year): one column per indicator, as :func:`actual_by_county`. ``models`` (from
    :func:`plan_models`) saves running the models again."""
    start = scenario.run.start_year
    talent, training, venues, pay = models or plan_models(baseline, scenario)
    f = talent.flows.assign(m=lambda x: (x["month"].dt.year - start) * 12 + x["month"].dt.month)
    sw = talent.social_workers.assign(
        m=lambda x: (x["month"].dt.year - start) * 12 + x["month"].dt.month
    )
    roster = training.roster
    base_special = baseline.secretaries[baseline.secretaries["special_course"]]
    vc = baseline.village_county
    special0 = base_special["village_id"].map(vc).value_counts()
    ac = baseline.agency_cadres
    out = pd.DataFrame(index=pd.Index(list(months), name="county_id"), columns=INDICATORS,
                       dtype=float)  # fmt: skip
    threshold = float(scenario.targets.satisfaction_min)
    for c, m in months.items():
        r = roster[(roster["county_id"] == c) & (roster["cohort"] == "current")]
        trained = r["class_id"].notna() & (pd.to_numeric(r["month"], errors="coerce") <= m)
        com = venues.communities
        vil = venues.villages
        until = pd.Period(f"{start}-01", "M") + (m - 1)
        out.loc[c] = [
            f.loc[(f["county_id"] == c) & (f["m"] == m), "stock"].sum(),
            special0.get(c, 0) + int(trained.sum()),
            int(((com["county_id"] == c) & com["project"] & (com["finish_month"] <= m)).sum()),
            int(((vil["county_id"] == c) & vil["project"] & (vil["finish_month"] <= m)).sum()),
            pay.monthly.loc[
                (pay.monthly["county_id"] == c) & (pay.monthly["month"] <= m), "basic_yuan"
            ].sum()
            / 1000,  # fmt: skip
            sw.loc[(sw["county_id"] == c) & (sw["m"] == m), "p_at_least_one"].sum(),
            int(
                (
                    (ac["county_id"] == c)
                    & (ac["paired_from"] != "")
                    & (ac["paired_from"] <= str(until))
                ).sum()
            ),  # fmt: skip
            threshold,
            threshold,
        ]
    return out


def status_frame(
    state: LedgerState,
    baseline: Baseline,
    scenario: Any,
    county_id: str | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Plan against actual per county and indicator, at the end of each county's last
    reported period, with a city row (sums; satisfaction population-weighted).

    Columns: ``county_id``, ``county``, ``period``, ``indicator``, ``label``, ``plan``,
    ``actual``, ``difference``.
    """
    last = state.last_period()
    if county_id is not None:
        last = last[last["county_id"] == county_id]
    if not len(last):
        return pd.DataFrame(columns=["county_id", "county", "period", "indicator", "label",
                                     "plan", "actual", "difference"])  # fmt: skip
    start = scenario.run.start_year
    months = {
        r.county_id: (pd.Timestamp(r.period_end).year - start) * 12
        + pd.Timestamp(r.period_end).month
        for r in last.itertuples()
    }
    actual = actual_by_county(state, baseline).loc[list(months)]
    plan = plan_by_county(baseline, scenario, months)
    names = _county_names(baseline, lang)
    rows = []
    periods = dict(zip(last["county_id"], last["period"], strict=True))
    for c in months:
        for ind in INDICATORS:
            rows.append(_row(c, names[c], periods[c], ind, plan.at[c, ind], actual.at[c, ind],
                             lang))  # fmt: skip
    if county_id is None and len(months) > 1:
        pop = baseline.counties.set_index("county_id")["population"].reindex(list(months))
        for ind in INDICATORS:
            if "satisfaction" in ind:
                a = actual[ind]
                w = pop[a.notna()]
                act = float((a.dropna() * w).sum() / w.sum()) if w.sum() else np.nan
                pl = float(plan[ind].iloc[0])
            else:
                act, pl = float(actual[ind].sum()), float(plan[ind].sum())
            rows.append(_row("", t("progress.status.city", lang), "", ind, pl, act, lang))
    return pd.DataFrame(rows)


def _row(c: str, name: str, period: str, ind: str, plan: float, actual: float, lang: str):
    return {
        "county_id": c,
        "county": name,
        "period": period,
        "indicator": ind,
        "label": t(f"progress.ind.{ind}", lang),
        "plan": float(plan),
        "actual": float(actual),
        "difference": float(actual) - float(plan),
    }


def _fmt(x: float, ind: str, lang: str = "en") -> str:
    if x is None or not np.isfinite(x):
        return "—"
    if "satisfaction" in ind:
        return f"{100 * x:.1f}%" if lang == "zh" else f"{100 * x:.1f} %"
    if ind == "basic_pay" and lang == "zh":  # thousand yuan, shown in 万元
        return f"{x / 10:,.1f}"
    return f"{x:,.0f}"


def _fmt_diff(x: float, ind: str, lang: str = "en") -> str:
    if x is None or not np.isfinite(x):
        return "—"
    if "satisfaction" in ind:
        return f"{100 * x:+.1f}个百分点" if lang == "zh" else f"{100 * x:+.1f} pt"
    if ind == "basic_pay" and lang == "zh":
        return f"{x / 10:+,.1f}"
    return f"{x:+,.0f}"


def _county_names(baseline: Baseline, lang: str) -> dict[str, str]:
    """County names by id in ``lang`` (``name_zh`` in Chinese)."""
    return baseline.names("counties", lang)


def _width(text: str) -> int:
    """Columns a text takes in a terminal: two for a Chinese character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _rjust(text: str, width: int) -> str:
    return " " * max(0, width - _width(text)) + text


def status_text(frame: pd.DataFrame, lang: str = "en") -> str:
    """The status table as plain text, one block per county."""
    lines = []
    width = max((_width(x) for x in frame["label"]), default=10) + 2
    cols = ("progress.col.plan", "progress.col.actual", "progress.col.difference")
    num = 16 if lang == "zh" else 14
    head = _ljust(t("progress.col.indicator", lang), width) + "".join(
        _rjust(t(c, lang), num) for c in cols
    )
    for (county, period), block in frame.groupby(["county", "period"], sort=False):
        lines.append("")
        shown = period_label(period, lang)
        if period:
            county += (
                f"（{t('progress.col.period', lang)}：{shown}）"
                if lang == "zh"
                else f"  ({t('progress.col.period', lang)}: {shown})"
            )
        lines.append(county)
        lines.append(head)
        for r in block.itertuples():
            cells = (
                _fmt(r.plan, r.indicator, lang),
                _fmt(r.actual, r.indicator, lang),
                _fmt_diff(r.difference, r.indicator, lang),
            )
            lines.append(_ljust(r.label, width) + "".join(_rjust(c, num) for c in cells))
    return "\n".join(lines)


# --------------------------------------------------------------------------- CLI


def _baseline(args: argparse.Namespace) -> Baseline:
    from .data import load_baseline

    return load_baseline(args.data)


def _open(args: argparse.Namespace, create: bool) -> Ledger:
    return load_ledger(args.ledger, data=args.data, create=create)


def cli_template(args: argparse.Namespace) -> int:
    baseline = _baseline(args)
    county = resolve_county(baseline, args.county)
    period = _period(args.period)
    state = None
    ledger = None
    try:
        ledger = _open(args, create=False)
        state = ledger.as_of(None)
    except LedgerMissing:  # no ledger yet: the data's figures at plan start
        pass
    finally:
        if ledger is not None:
            ledger.close()
    out = write_template(baseline, county, period, args.out, state=state, force=args.force,
                         lang=args.lang)  # fmt: skip
    print(t("progress.template.wrote", args.lang, out=out,
            county=_county_names(baseline, args.lang)[county],
            period=period_label(period.text, args.lang)))  # fmt: skip
    return 0


def cli_import(args: argparse.Namespace) -> int:
    baseline = _baseline(args)
    with _open(args, create=True) as ledger:
        outcomes, failures = import_many(ledger, args.files, baseline, by=args.by,
                                         received=args.received, lang=args.lang)  # fmt: skip
        names = _county_names(baseline, args.lang)
        for o in outcomes:
            print(t(f"progress.import.{o.status}", args.lang, source=o.source,
                    county=names.get(o.county_id, o.county),
                    period=period_label(o.period, args.lang), version=o.version,
                    current=o.current, ledger=ledger.shown))  # fmt: skip
            for note in o.notes:
                print("  " + t("cli.note", args.lang, text=note))
    from .cli import localize_error

    for exc in failures:
        print(t("cli.error", args.lang, text=localize_error(str(exc), args.lang)), file=sys.stderr)
    if failures:
        print(t("progress.import.failed", args.lang, n=len(failures)), file=sys.stderr)
        return 2
    return 0


def cli_history(args: argparse.Namespace) -> int:
    baseline = _baseline(args)
    county = resolve_county(baseline, args.county)
    period = _period(args.period).text if args.period else None
    lang = args.lang
    with _open(args, create=False) as ledger:
        versions = ledger.history(baseline, county, period, lang)
        shown = ledger.shown
    name = _county_names(baseline, lang)[county]
    if not versions:
        label = period_label(period, lang) if period else ""
        print(t("progress.history.none", lang, county=name,
                period=(label if lang == "zh" else f" {label}") if period else "",
                ledger=shown))  # fmt: skip
        return 0
    print(name)
    for v in versions:
        print(t("progress.history.version", lang, period=period_label(v["period"], lang),
                version=v["version"], status=t(f"progress.history.{v['status']}", lang),
                received=_when(v["received_at"], lang), imported=_when(v["imported_at"], lang),
                by=v["imported_by"], file=v["file_name"], hash=v["file_hash"][:12]))  # fmt: skip
        if v["status"] == "correction":
            for line in v["changes"] or [t("progress.history.same", lang)]:
                print(f"    {line}")
    return 0


def _when(x: Any, lang: str = "en") -> str:
    if isinstance(x, datetime | pd.Timestamp):
        if lang == "zh":
            return f"{x.year}年{x.month}月{x.day}日 {x:%H:%M}"
        return x.strftime("%Y-%m-%d %H:%M")
    return str(x)


@dataclass(frozen=True)
class _Reading:
    """What ``status`` and ``review`` read first: data, scenario, county, the ledger's state
    at ``--as-of`` and that date in words."""

    baseline: Baseline
    scenario: Any
    county: str | None
    lang: str
    state: LedgerState
    shown: str
    as_of: str


def read_for_cli(args: argparse.Namespace) -> _Reading:
    """The data, scenario, county and ledger state of ``planning progress status|review``."""
    from .scenario import load_scenario

    baseline = _baseline(args)
    scenario = load_scenario(args.scenario, baseline=baseline)
    county = resolve_county(baseline, args.county) if args.county else None
    lang = args.lang
    with _open(args, create=False) as ledger:
        state = ledger.as_of(args.as_of)
        shown = ledger.shown
    if args.as_of:
        day = state.as_of.date()
        as_of = f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()
    else:
        as_of = _when(state.as_of, lang)
    return _Reading(baseline, scenario, county, lang, state, shown, as_of)


def cli_status(args: argparse.Namespace) -> int:
    r = read_for_cli(args)
    baseline, scenario, county, lang, state = r.baseline, r.scenario, r.county, r.lang, r.state
    as_of = r.as_of
    if not len(state.returns):
        print(t("progress.status.empty", lang, as_of=as_of, ledger=r.shown))
        return 0
    frame = status_frame(state, baseline, scenario, county, lang)
    print(t("progress.status.title", lang, as_of=as_of))
    print(t("progress.status.scenario", lang, scenario=scenario.title_in(lang)))
    missing = [n for c, n in _county_names(baseline, lang).items()
               if c not in set(state.returns["county_id"]) and county in (None, c)]  # fmt: skip
    if missing:
        print(
            t(
                "progress.status.missing",
                lang,
                counties=("、" if lang == "zh" else ", ").join(missing),
            )
        )
    print(status_text(frame, lang))
    return 0
