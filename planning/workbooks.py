"""Excel workbooks people open, in the run's language: the plan's tables (``tables.xlsx``)
and the training roster for county offices (``training_roster.xlsx``).

English workbooks keep the data names (``talent_totals``, ``county_id``), as the CSV files
do, so scripts can read either. Chinese workbooks are for reading: sheet names and headers
in Chinese (:mod:`planning.i18n.tables`), counties, villages and training bases by their
Chinese names, months as 年月, days as 年月日, coded values (pools, tiers, statuses, yes/no)
in words. Every file is written atomically.

>>> from planning import load_baseline, load_scenario
>>> from planning.catalogue import compute_all
>>> b, s = load_baseline(), load_scenario("baseline")
>>> frame = table_in_chinese("training_cost", compute_all(b, s)["training"].cost, Context.of(b, s))
>>> list(frame.columns)[:2]
['年份', '培训人数']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import present as p
from .fileio import atomic_write
from .i18n import MESSAGES, t

ZH = "zh"

MONTH_COLUMNS = frozenset(
    {"start_month", "finish_month", "due_month", "first_met_month", "deadline_month"}
)
"""Columns holding a plan month number (1 = January of the first plan year)."""

DAY_COLUMNS = frozenset({"start", "end"})
"""Columns holding a calendar day."""


@dataclass(frozen=True)
class Context:
    """What turning codes into words needs: names by id and the plan's first year."""

    counties: Mapping[str, str]
    bases: Mapping[str, str]
    villages: Mapping[str, str]
    townships: Mapping[str, str]
    village_township: Mapping[str, str]
    start_year: int

    @classmethod
    def of(cls, baseline: Any, scenario: Any, lang: str = ZH) -> Context:
        """The names of ``baseline`` in ``lang`` and the first year of ``scenario``."""
        v = baseline.villages
        return cls(
            counties=baseline.names("counties", lang),
            bases=baseline.names("training_bases", lang),
            villages=baseline.names("villages", lang),
            townships=baseline.names("townships", lang),
            village_township=dict(zip(v["village_id"], v["township_id"], strict=True)),
            start_year=int(scenario.run.start_year),
        )


def header(column: str, table: str = "") -> str:
    """A column's Chinese header (the data name when it has none); a table may name a
    column of its own differently (``col.<table>.<column>``)."""
    own = MESSAGES.get(f"col.{table}.{column}") if table else None
    return (own or MESSAGES.get(f"col.{column}", {})).get(ZH, column)


def sheet_title(name: str, used: set[str]) -> str:
    """A sheet's Chinese name, unique in its workbook and within Excel's 31 characters."""
    title = MESSAGES.get(f"sheet.{name}", {}).get(ZH, name)
    title = "".join("_" if ch in "[]:*?/\\" else ch for ch in title)[:31]
    candidate, i = title, 1
    while candidate.lower() in used:
        i += 1
        candidate = f"{title[: 31 - len(str(i)) - 1]}~{i}"
    used.add(candidate.lower())
    return candidate


def _month(value: Any, start_year: int) -> Any:
    if p.is_na(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return p.month_label(int(value), ZH, start_year)
    return p.month_label(value, ZH)


def _day(value: Any) -> Any:
    return None if p.is_na(value) else p.date_label(value, ZH)


def _coded(prefixes: Iterable[str]) -> Callable[[Any], Any]:
    """A code in words from the first message ``<prefix>.<code>`` that exists."""
    prefixes = tuple(prefixes)

    def word(value: Any) -> Any:
        if p.is_na(value):
            return None
        for prefix in prefixes:
            texts = MESSAGES.get(f"{prefix}.{value}")
            if texts:
                return texts[ZH]
        return value

    return word


CODED = {
    "pool": _coded(["talent.pool"]),
    "programme": _coded(["budget.programme"]),
    "from_tier": _coded(["venues.tier"]),
    "to_tier": _coded(["venues.tier"]),
    "tenure_from": _coded(["value.tenure"]),
    "ownership_route": _coded(["venues.route"]),
    "cohort": _coded(["value.cohort"]),
    "status": _coded(["value.status"]),
    "survey": _coded(["value.survey"]),
    "level": _coded(["value.level"]),
    "funding": _coded(["value.funding"]),
}
"""Columns of codes and how each code reads in Chinese."""


def table_in_chinese(name: str, frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """One result table as a Chinese reader sees it: headers, names, dates and codes in
    words. A plan-month column is dropped where a date column says the same."""
    out = frame.copy()
    if "month" in out and "date" in out:
        out = out.drop(columns="month")
    for col in list(out.columns):
        s = out[col]
        if col == "county_id":
            city = t("budget.city", ZH)  # spending not split by county
            out[col] = s.map(lambda c, city=city: city if c == "city" else ctx.counties.get(c, c))
        elif col == "base_name" and "base_id" in out:
            out[col] = [ctx.bases.get(b, n) for b, n in zip(out["base_id"], s, strict=True)]
        elif col in MONTH_COLUMNS or col in ("month", "date"):
            out[col] = s.map(lambda v: _month(v, ctx.start_year)).astype(object)
        elif col in DAY_COLUMNS:
            out[col] = s.map(_day).astype(object)
        elif col in CODED:
            out[col] = s.map(CODED[col]).astype(object)
        elif s.dtype == bool:
            out[col] = s.map(lambda x: p.yes_no(bool(x), ZH)).astype(object)
    return out.rename(columns={c: header(c, name) for c in out.columns})


def register_in_chinese(register: pd.DataFrame) -> pd.DataFrame:
    """The target register as the pages show it (every value already text)."""
    from .catalogue import REGISTER_COLUMNS, register_header, register_rows

    rows = register_rows(register, ZH)
    fields = {"target": "label", "status": "status_label"}
    head = register_header(ZH)
    data = [[getattr(r, fields.get(c, c)) for c in REGISTER_COLUMNS] for r in rows]
    frame = pd.DataFrame(data, columns=head)
    frame.insert(1, header("words"), [r.words for r in rows])
    frame.insert(0, header("kind"), [r.kind_label for r in rows])
    return frame


def _widths(xl: Any, sheet: str, frame: pd.DataFrame) -> None:
    """Columns wide enough for their Chinese header (two units per character)."""
    from openpyxl.utils import get_column_letter

    ws = xl.sheets[sheet]
    for i, col in enumerate(frame.columns, 1):
        wide = sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(col))
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(wide + 2, 60))


def write_tables_workbook(
    path: str | Path, frames: Mapping[str, pd.DataFrame], ctx: Context
) -> Path:
    """Write the plan's tables as a Chinese workbook, one sheet per table, atomically.

    ``frames`` are the briefing's tables by data name (``targets`` is the register).
    """
    used: set[str] = set()
    sheets = []
    for name, frame in frames.items():
        if name == "targets":
            shown = register_in_chinese(frame)
        else:
            shown = table_in_chinese(name, frame, ctx)
        sheets.append((sheet_title(name, used), shown))

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            for title, frame in sheets:
                frame.to_excel(xl, sheet_name=title, index=False)
                _widths(xl, title, frame)

    return atomic_write(path, write)


ROSTER_COLUMNS = (
    "township",
    "village",
    "secretary_id",
    "cohort",
    "key_secretary",
    "tenure_years",
    "due_month",
    "class_id",
    "base_name",
    "start",
    "end",
    "status",
)
"""Columns of a county's sheet of the Chinese roster, in order."""


_NEW_SECRETARY = re.compile(r"^NEW-.+-(\d{4})-(\d{2})-(\d+)$")


def _secretary(secretary_id: Any) -> Any:
    """A secretary's id; a secretary not yet appointed (the model's ``NEW-C01-2014-10-001``)
    as who it will be: ``待定（2014年10月新任第1名）``."""
    m = _NEW_SECRETARY.match(str(secretary_id))
    if not m:
        return secretary_id
    year, month, n = (int(x) for x in m.groups())
    when = p.month_label(f"{year}-{month:02d}", ZH)
    return t("value.new_secretary", ZH, date=when, n=n)


def roster_in_chinese(roster: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """The training roster with villages and townships by name, ordered by county, date."""
    r = roster.sort_values(
        ["county_id", "start", "class_id", "secretary_id"], kind="mergesort", na_position="last"
    )
    r = r.assign(
        secretary_id=r["secretary_id"].map(_secretary),
        township=r["village_id"].map(lambda v: ctx.townships.get(ctx.village_township.get(v))),
        village=r["village_id"].map(lambda v: ctx.villages.get(v, v)),
        base_name=r["base_id"].map(lambda b: None if p.is_na(b) else ctx.bases.get(b, b)),
    )
    return r


def write_roster_workbook(plan: Any, path: str | Path, ctx: Context) -> Path:
    """Write the roster in Chinese: one sheet per county, named by the county, listing every
    secretary to train with township, village, class, base and dates."""
    r = roster_in_chinese(plan.roster, ctx)
    used: set[str] = set()
    sheets = []
    for county, g in r.groupby("county_id", sort=True):
        name = ctx.counties.get(county, county)
        title = sheet_title(str(name), used)
        sheets.append((title, table_in_chinese("roster", g.loc[:, list(ROSTER_COLUMNS)], ctx)))
    if not sheets:
        empty = pd.DataFrame(columns=list(ROSTER_COLUMNS))
        sheets.append((sheet_title("roster", used), table_in_chinese("roster", empty, ctx)))

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            for title, frame in sheets:
                frame.to_excel(xl, sheet_name=title, index=False)
                _widths(xl, title, frame)

    return atomic_write(path, write)


__all__ = [
    "Context",
    "header",
    "register_in_chinese",
    "roster_in_chinese",
    "sheet_title",
    "table_in_chinese",
    "write_roster_workbook",
    "write_tables_workbook",
]
