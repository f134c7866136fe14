"""County returns (报表): what a county office reports for a quarter or a month.

A return is an Excel workbook (one sheet per table of :data:`RETURN_TABLES`, plus a
``README`` and a ``lookup`` sheet that are not read) or a folder of CSV files (one
``NAME.csv`` per table). ``planning progress template`` writes one pre-filled with the
county's names and ids; :func:`read_return` reads and checks one the way
:func:`planning.data.load_baseline` checks the baseline: every problem at once, each with
its file and line (``FILE:LINE``, or ``FILE[sheet]:ROW`` in a workbook), the value found
and what is allowed. Rules that need what the ledger already holds (the previous period's
closing stock, a secretary trained only once, ...) are checked by :mod:`planning.ledger`.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .data import (
    README_SHEET,
    Baseline,
    _check_table,
    _csv_records,
    _DamagedSheet,
    _decode,
    _display,
    _formula_cells,
    _open_archive,
    _open_book,
    _Raw,
    _raw_from_records,
    _read_limited,
    _read_sheet,
    _Report,
    _scan_sheet,
    _typed_frame,
    printable,
)
from .errors import DataError, Problem, UsageError
from .i18n import t
from .periods import ReportPeriod, parse_date, parse_period
from .tables import ILLUSTRATIVE_NOTE, POOLS, Column, Table

C = Column

SURVEYS = ("masses", "members")
"""The two satisfaction surveys: the masses' and Party members'."""
CHANGES = ("took_office", "left_office")
EVENTS = ("started", "completed")
COMMUNITY_TARGET_TIERS = ("standard", "quality", "demonstration")
LOOKUP_SHEET = "lookup"
"""Sheet of a return workbook listing the county's names and ids; not read."""

RETURN_TABLES: tuple[Table, ...] = (
    Table(
        "return",
        "Which county and period the return reports, who prepared it and when it was sent.",
        (
            C("county_id", "ref", "", "County id (filled in by the template).", ref_table="counties"),
            C("county", "text", "", "County name, for the reader (not read).", required=False),
            C("period", "text", "", "Quarter such as 2014Q2, or a month such as 2014-05."),
            C("prepared_by", "text", "", "Who prepared the return.", required=False),
            C(
                "submitted_on",
                "text",
                "date",
                "Date the county sent the return, such as 2014-07-10 (may be left empty).",
                required=False,
            ),
        ),
    ),
    Table(
        "talent",
        "Reserve-talent pools: members at the start of the period, in and out during it, "
        "and at its end; one row per pool.",
        (
            C("pool", "enum", "", "Reserve-talent pool.", allowed=POOLS),
            C("opening", "int", "persons", "Members at the start (the last return's closing).", min=0, max=1_000_000),
            C("joined", "int", "persons", "New members taken in (intake).", min=0, max=100_000),
            C("appointed", "int", "persons", "Members appointed to village cadre posts.", min=0, max=100_000),
            C(
                "promoted",
                "int",
                "persons",
                "College-graduate village officials promoted to township posts.",
                min=0,
                max=100_000,
            ),
            C(
                "left",
                "int",
                "persons",
                "Members who left otherwise (contract ended, moved away, removed).",
                min=0,
                max=100_000,
            ),
            C("closing", "int", "persons", "Members at the end of the period.", min=0, max=1_000_000),
        ),
        key="pool",
    ),
    Table(
        "classes",
        "Out-of-town classes held in the period that the county's village Party secretaries "
        "attended.",
        (
            C("class_ref", "id", "", "The county's own reference for the class, e.g. B1-2014-07."),
            C("base_id", "ref", "", "Training base (its id in the lookup sheet).", ref_table="training_bases"),
            C("base", "text", "", "Base name, for the reader (not read).", required=False),
            C("month", "month", "year-month", "Month the class started, such as 2014-07."),
            C("days", "int", "days", "Length of the class.", min=1, max=31),
            C(
                "special_course",
                "bool",
                "",
                "Whether it was the plan's special course on agricultural industrialisation "
                "(only then does it count for the training target).",
            ),
        ),
        key="class_ref",
    ),
    Table(
        "trained",
        "Village Party secretaries trained in those classes. The template lists the county's "
        "secretaries not yet trained: fill in class_ref for those trained in the period and "
        "leave it empty for the others.",
        (
            C("secretary_id", "ref", "", "Secretary (id in the lookup sheet).", ref_table="secretaries"),
            C("village", "text", "", "Village, for the reader (not read).", required=False),
            C("class_ref", "ref", "", "Class attended (a class_ref of the classes sheet); empty: not trained.", ref_table="classes"),
        ),
        key="secretary_id",
    ),
    Table(
        "secretaries",
        "Village Party secretaries who took or left office in the period (a new secretary "
        "gets an id from the county office, e.g. S0012-2).",
        (
            C("secretary_id", "ref", "", "Secretary id.", ref_table="secretaries"),
            C("village_id", "ref", "", "Village (id in the lookup sheet).", ref_table="villages"),
            C("village", "text", "", "Village name, for the reader (not read).", required=False),
            C("change", "enum", "", "What happened.", allowed=CHANGES),
            C("month", "month", "year-month", "Month of the change."),
        ),
        unique_together=("secretary_id", "change"),
    ),
    Table(
        "venues",
        "Venue projects started or completed in the period: community venues and village "
        "activity rooms.",
        (
            C("venue_id", "ref", "", "Community or village id (in the lookup sheet).", ref_table="communities"),
            C("venue", "text", "", "Community or village name, for the reader (not read).", required=False),
            C("event", "enum", "", "Started or completed.", allowed=EVENTS),
            C("month", "month", "year-month", "Month the project started or was completed."),
            C(
                "tier_reached",
                "text",
                "",
                "For a completed community venue: standard, quality or demonstration; for a "
                "village room: village; empty for a start.",
                required=False,
            ),
            C(
                "owned",
                "text",
                "",
                "For a completed project: yes if the venue is owned now, no if still rented; "
                "empty for a start.",
                required=False,
            ),
            C(
                "cost_yuan",
                "float",
                "yuan",
                "Money spent on the project in the period.",
                min=0,
                max=1_000_000_000,
                required=False,
                default="0",
            ),
        ),
        unique_together=("venue_id", "event"),
    ),
    Table(
        "subsidies",
        "Pay of village Party secretaries paid in the period, one row per month.",
        (
            C("month", "month", "year-month", "Month paid."),
            C("secretaries_paid", "int", "persons", "Secretaries paid in the month.", min=0, max=100_000),
            C("basic_yuan", "float", "yuan", "Basic pay paid in the month, all secretaries.", min=0, max=1e10),
            C(
                "performance_yuan",
                "float",
                "yuan",
                "Performance pay paid in the month, all secretaries.",
                min=0,
                max=1e10,
            ),
        ),
        key="month",
    ),
    Table(
        "social_work",
        "Certified social workers by community: social-work exam passes and certified "
        "workers who left in the period.",
        (
            C("community_id", "ref", "", "Community (id in the lookup sheet).", ref_table="communities"),
            C("community", "text", "", "Community name, for the reader (not read).", required=False),
            C("passed", "int", "persons", "Community staff who passed the exam.", min=0, max=1_000),
            C("left", "int", "persons", "Certified workers who left the community.", min=0, max=1_000),
        ),
        key="community_id",
    ),
    Table(
        "pairings",
        "Cadres of Party and government agencies who began a pairing with poor households "
        "in the period.",
        (
            C("cadre_id", "ref", "", "Agency cadre (id in the lookup sheet).", ref_table="agency_cadres"),
            C("poor_households", "int", "households", "Poor households paired.", min=1, max=100),
            C("month", "month", "year-month", "Month the pairing began."),
        ),
        key="cadre_id",
    ),
    Table(
        "surveys",
        "Satisfaction surveys held in the period: sample size and share satisfied.",
        (
            C("survey", "enum", "", "masses: the masses with grassroots Party organisations and "
              "members; members: Party members with their organisations.", allowed=SURVEYS),
            C("respondents", "int", "persons", "People who answered (sample size).", min=1, max=1_000_000),
            C("share_satisfied", "float", "share", "Share of respondents satisfied (0-1 or %).", min=0, max=1),
        ),
        key="survey",
    ),
)  # fmt: skip
"""Every table of a county return, in the order of the workbook's sheets."""

RETURN_TABLE_BY_NAME = {tb.name: tb for tb in RETURN_TABLES}
REQUIRED_SHEETS = ("return", "talent")
"""Sheets a return must have; a missing other sheet means nothing to report in it."""
INFO_COLUMNS = frozenset({"county", "base", "village", "venue", "community"})
"""Columns only for the reader: never read, never stored."""
OPTIONAL_ROWS = {"trained": "class_ref", "pairings": "month"}
"""Sheets whose pre-filled rows count only where this column is filled in."""


class ReturnError(DataError):
    """A county return has problems; nothing of it was stored."""


@dataclass(frozen=True, eq=False)
class Return:
    """A county return as read and checked.

    Attributes
    ----------
    county_id, period : str
        The county and the period (``2014Q2`` or ``2014-05``) it reports.
    frames : dict of DataFrame
        One typed frame per table of :data:`RETURN_TABLES` except ``return`` (empty when
        the sheet was absent), without the columns only for the reader.
    source : str
        The file or folder as shown in messages; ``file_hash`` its SHA-256 (of every CSV
        file in name order for a folder); ``content_hash`` the SHA-256 of the figures alone,
        so the same figures in another file count as the same return.
    """

    county_id: str
    period: ReportPeriod
    frames: dict[str, pd.DataFrame]
    source: str
    file_hash: str
    content_hash: str
    prepared_by: str = ""
    submitted_on: date | None = None
    lines: dict[str, np.ndarray] = field(default_factory=dict)
    """Physical line (or sheet row) of every row of each frame, for messages."""
    labels: dict[str, str] = field(default_factory=dict)
    """How messages name each table's file or sheet (``FILE[sheet]`` or ``DIR/NAME.csv``)."""

    def where(self, table: str, i: int | None = None) -> str:
        """``FILE[sheet]:ROW`` of row ``i`` of a table (its file or sheet when None)."""
        label = self.labels.get(table, self.source)
        if i is None:
            return label
        return f"{label}:{int(self.lines[table][i])}"


# --------------------------------------------------------------------------- reading


def read_return(
    path: str | Path, baseline: Baseline, *, today: date | None = None, lang: str = "en"
) -> Return:
    """Read a county return and check it against the baseline.

    Parameters
    ----------
    path : str or Path
        An Excel workbook (``.xlsx``) or a folder of CSV files, as written by
        :func:`write_template`.
    baseline : Baseline
        The data the ids are checked against.
    today : date, optional
        The date a period must have ended by; default the real today.
    lang : {"en", "zh"}
        Language of the messages of the return's own rules.

    Returns
    -------
    Return

    Raises
    ------
    ReturnError
        Listing every problem at once, e.g.
        ``C03_2014Q2.xlsx[talent]:3: pool 'cgvo': closing is 212 but opening 200 + joined
        15 - appointed 2 - promoted 0 - left 3 = 210``.

    Examples
    --------
    >>> r = read_return("C03_2014Q2.xlsx", load_baseline())      # doctest: +SKIP
    >>> r.period.text, len(r.frames["trained"])                    # doctest: +SKIP
    ('2014Q2', 31)
    """
    read = read_checked(path, baseline, today=today, lang=lang)
    for table, i, sid in read.pending:
        read.report.add(
            (read.labels.get(table, read.shown), "secretary_id", "unknown_secretary"),
            f"{read.labels.get(table, read.shown)}:{read.lines[table][i]}",
            "column 'secretary_id': " + t("progress.rule.unknown_secretary", lang, found=sid),
        )
    if read.report.total:
        raise _error(read.shown, read.report, lang)
    assert read.ret is not None
    return read.ret


@dataclass
class ReadResult:
    """A return as read, before the ledger's rules: the return (None when its header is
    unusable), every problem so far, and the secretaries the baseline does not know
    (table, row, id), which may have taken office in an earlier return."""

    shown: str
    report: _Report
    ret: Return | None
    pending: list[tuple[str, int, str]]
    labels: dict[str, str]
    lines: dict[str, np.ndarray]


def read_checked(
    path: str | Path, baseline: Baseline, *, today: date | None = None, lang: str = "en"
) -> ReadResult:
    """Read a return and apply its own rules; problems are collected, not raised (except
    for a file that cannot be read at all)."""
    report = _Report()
    notes: list[str] = []
    root = Path(path).expanduser()
    shown = _display(root)
    raws, file_hash, labels = _read_any(root, shown, report, notes)
    checked = {name: _check_table(raw, report, notes) for name, raw in raws.items()}
    rules = _Rules(baseline, raws, checked, report, lang, today or date.today())
    header = rules.header()
    lines = {name: raw.lines for name, raw in raws.items()}
    if header is None:
        if "return" in raws and not report.total:
            rules.add("return", None, "one_row", n=0)
        return ReadResult(shown, report, None, [], labels, lines)
    rules.check_all(header)
    frames = {}
    for tb in RETURN_TABLES[1:]:
        if tb.name in raws:
            frames[tb.name], lines[tb.name] = _valid_rows(tb, checked[tb.name], raws[tb.name])
        else:
            frames[tb.name] = _empty(tb)
    county_id, period, prepared_by, submitted_on = header
    ret = Return(
        county_id=county_id,
        period=period,
        frames=frames,
        source=shown,
        file_hash=file_hash,
        content_hash=content_hash(county_id, period.text, frames),
        prepared_by=prepared_by,
        submitted_on=submitted_on,
        lines=lines,
        labels=labels,
    )
    return ReadResult(shown, report, ret, rules.geo.unknown_secretaries, labels, lines)


def _error(shown: str, report: _Report, lang: str) -> ReturnError:
    head = t("progress.problems", lang, source=shown, n=report.total)
    return ReturnError(head, report.problems())


def _valid_rows(tb: Table, c: Any, raw: _Raw) -> tuple[pd.DataFrame, np.ndarray]:
    """The typed frame of the rows whose every cell is valid, and their lines.

    With no problems that is every row; with some, the ledger's rules still see the rest,
    so that one import lists every problem.
    """
    if any(col.name not in c.values for col in tb.columns):  # a column is missing
        return _empty(tb), np.zeros(0, dtype=np.int64)
    ok = np.logical_and.reduce([c.valid[col] for col in c.valid]) if c.valid else None
    if ok is not None and not ok.all():
        c = type(c)(
            values={k: v[ok].reset_index(drop=True) for k, v in c.values.items()},
            valid={k: v[ok] for k, v in c.valid.items()},
        )
    frame = _typed_frame(tb, c)
    lines = raw.lines if ok is None else raw.lines[ok]
    return frame.drop(columns=[col for col in frame if col in INFO_COLUMNS]), lines


def _empty(tb: Table) -> pd.DataFrame:
    cols = [c.name for c in tb.columns if c.name not in INFO_COLUMNS]
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in cols})


def content_hash(county_id: str, period: str, frames: dict[str, pd.DataFrame]) -> str:
    """SHA-256 of a return's figures in a canonical form (rows sorted, numbers as numbers)."""
    doc: dict[str, Any] = {"county_id": county_id, "period": period}
    for name in sorted(frames):
        f = frames[name]
        rows = sorted(json.dumps([_plain(v) for v in r]) for r in f.itertuples(index=False))
        doc[name] = [list(f.columns), rows]
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()


def _plain(v: Any) -> Any:
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _read_any(
    root: Path, shown: str, report: _Report, notes: list[str]
) -> tuple[dict[str, _Raw], str, dict[str, str]]:
    if not root.exists():
        raise ReturnError(
            f"{shown}: not found; expected a return: an Excel workbook (.xlsx) or a folder "
            "of CSV files"
        )
    if root.is_dir():
        return _read_folder(root, shown, report, notes)
    if root.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_book(root, report, notes)
    if root.suffix.lower() == ".csv":
        raise ReturnError(
            f"{shown}: is one CSV file; a return in CSV form is a folder holding one file "
            f"per table ({', '.join(tb.filename for tb in RETURN_TABLES)}): give the folder "
            f"({_display(root.parent)})"
        )
    raise ReturnError(
        f"{shown}: cannot read this kind of file; expected a return: an Excel workbook "
        "(.xlsx) or a folder of CSV files"
    )


def _keep_filled(tb: Table, raw: _Raw) -> None:
    """Drop the pre-filled rows of a checklist sheet whose deciding column is empty."""
    col = OPTIONAL_ROWS.get(tb.name)
    if col is None or col not in raw.header:
        return
    j = raw.header.index(col)
    keep = (raw.cells[j] != "").to_numpy()
    raw.cells = raw.cells[keep].reset_index(drop=True)
    raw.lines = raw.lines[keep]


class _ReturnReport(_Report):
    """The loader's report, except that a sheet with a header and no rows is allowed."""

    def __init__(self, inner: _Report, tb: Table):
        self.inner, self.tb = inner, tb

    def add(self, group, where, what):  # type: ignore[override]
        empty = group[2] == "rows" and what.startswith("found a header but no rows")
        if empty and self.tb.name not in REQUIRED_SHEETS:
            return
        self.inner.add(group, where, what)


def _raw(tb: Table, label: str, records, report: _Report) -> _Raw | None:
    raw = _raw_from_records(tb, label, records, _ReturnReport(report, tb))
    if raw is not None:
        _keep_filled(tb, raw)
    return raw


def _read_folder(
    root: Path, shown: str, report: _Report, notes: list[str]
) -> tuple[dict[str, _Raw], str, dict[str, str]]:
    digest = hashlib.sha256()
    raws: dict[str, _Raw] = {}
    labels = {}
    known = {tb.filename for tb in RETURN_TABLES}
    for p in sorted(root.glob("*.csv")):
        if p.name not in known:
            notes.append(f"{shown}/{p.name}: not a table of a return; ignored")
    for tb in RETURN_TABLES:
        path = root / tb.filename
        label = f"{shown}/{tb.filename}"
        labels[tb.name] = label
        if not path.is_file():
            if tb.name in REQUIRED_SHEETS:
                report.add((label, "", "file"), label, "file not found; every return has it")
            continue
        try:
            data = _read_limited(path, label)
        except DataError as exc:
            report.add((label, "", "file"), label, exc.headline.removeprefix(f"{label}: "))
            continue
        digest.update(tb.filename.encode() + b"\0" + hashlib.sha256(data).digest())
        text = _decode(data, label, report)
        if text is None:
            continue
        raw = _raw(tb, label, _csv_records(text, label, report), report)
        if raw is not None:
            raws[tb.name] = raw
    return raws, digest.hexdigest(), labels


def _read_book(
    path: Path, report: _Report, notes: list[str]
) -> tuple[dict[str, _Raw], str, dict[str, str]]:
    data = _read_limited(path, _display(path))
    archive = _open_archive(data, path)
    book = _open_book(data, path, archive, formulas=False)
    formula_book = None
    labels = {tb.name: f"{path.name}[{tb.name}]" for tb in RETURN_TABLES}
    raws: dict[str, _Raw] = {}
    try:
        sheets = {name.strip().lower(): name for name in book.sheetnames}
        skip = {README_SHEET.lower(), LOOKUP_SHEET}
        for key, name in sheets.items():
            if key not in RETURN_TABLE_BY_NAME and key not in skip:
                notes.append(f"{path.name}: sheet '{printable(name)}' is not part of a return")
        for tb in RETURN_TABLES:
            label = labels[tb.name]
            if tb.name not in sheets:
                if tb.name in REQUIRED_SHEETS:
                    report.add(
                        (label, "", "sheet"),
                        path.name,
                        f"sheet '{tb.name}' not found; every return has it (write a new "
                        "template with planning progress template)",
                    )
                continue
            sheet = book[sheets[tb.name]]
            if not hasattr(sheet, "iter_rows"):
                report.add((label, "", "sheet"), path.name, f"sheet '{tb.name}' is a chart sheet")
                continue
            _, has_formulas = _scan_sheet(archive, sheet._worksheet_path, sheet.title)
            formulas: dict[tuple[int, int], str] = {}
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if has_formulas:
                    formula_book = formula_book or _open_book(data, path, archive, formulas=True)
                    formulas = _formula_cells(formula_book[sheet.title])
                raw = _read_sheet(sheet, tb, label, formulas, _ReturnReport(report, tb))
            if raw is not None:
                _keep_filled(tb, raw)
                raws[tb.name] = raw
    except _DamagedSheet as exc:
        raise ReturnError(
            f"{_display(path)}: sheet '{exc.sheet}' is damaged and cannot be read "
            f"({exc.detail}); open the workbook in Excel or WPS and save it again"
        ) from None
    finally:
        book.close()
        if formula_book is not None:
            formula_book.close()
    return raws, hashlib.sha256(data).hexdigest(), labels


# --------------------------------------------------------------------------- rules


class _Rules:
    """The return's own rules and its ids checked against the baseline."""

    def __init__(self, baseline, raws, checked, report: _Report, lang: str, today: date):
        self.b, self.raws, self.checked, self.report = baseline, raws, checked, report
        self.lang, self.today = lang, today
        self.county_id = ""
        self.period: ReportPeriod | None = None

    # -- helpers
    def _msg(self, key: str, **kw: Any) -> str:
        return t(f"progress.rule.{key}", self.lang, **kw)

    def add(self, table: str, i: int | None, key: str, col: str = "", **kw: Any) -> None:
        raw = self.raws[table]
        where = raw.label if i is None else f"{raw.label}:{raw.lines[i]}"
        prefix = f"column '{col}': " if col else ""
        self.report.add((raw.label, col, key), where, prefix + self._msg(key, **kw))

    def rows(self, table: str, *cols: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """Rows whose listed columns are all valid, as dicts of typed values."""
        if table not in self.checked:
            return
        c = self.checked[table]
        if not all(col in c.values for col in cols):
            return
        ok = np.logical_and.reduce([c.valid[col] for col in cols]) if cols else None
        n = len(self.raws[table].cells)
        for i in range(n):
            if ok is not None and not ok[i]:
                continue
            yield i, {col: c.values[col].iat[i] for col in c.values}

    # -- the return sheet
    def header(self) -> tuple[str, ReportPeriod, str, date | None] | None:
        if "return" not in self.raws:
            return None
        raw = self.raws["return"]
        rows = list(self.rows("return"))
        if len(rows) != 1:
            if len(raw.cells):
                self.add("return", None, "one_row", n=len(rows))
            return None
        i, row = rows[0]
        c = self.checked["return"]
        ok = True
        county = str(row.get("county_id", ""))
        if c.valid["county_id"][i] and county not in self.b.county_names:
            self.add("return", i, "unknown_county", "county_id", found=printable(county))
            ok = False
        period = parse_period(str(row.get("period", ""))) if c.valid["period"][i] else None
        if c.valid["period"][i] and period is None:
            self.add("return", i, "bad_period", "period", found=printable(str(row["period"])))
        submitted = None
        text = str(row.get("submitted_on", "") or "")
        if text:
            submitted = parse_date(text)
            if submitted is None:
                self.add("return", i, "bad_date", "submitted_on", found=printable(text))
        if period is not None:
            if period.end >= self.today:
                self.add("return", i, "future_period", "period", period=period.text,
                         end=period.end.isoformat())  # fmt: skip
            if submitted is not None and submitted > self.today:
                self.add("return", i, "future_date", "submitted_on", found=submitted.isoformat())
            elif submitted is not None and submitted <= period.end:
                self.add("return", i, "early_date", "submitted_on", found=submitted.isoformat(),
                         end=period.end.isoformat())  # fmt: skip
        if not (ok and period is not None and c.valid["county_id"][i]):
            return None
        self.county_id, self.period = county, period
        return county, period, str(row.get("prepared_by", "") or ""), submitted

    # -- every other sheet
    def check_all(self, header: tuple) -> None:
        self.geo = _county_geo(self.b, self.county_id)
        self.talent()
        classes = self.classes()
        self.trained(classes)
        self.secretaries()
        self.venues()
        self.months("subsidies")
        self.in_county("social_work", "community_id", self.geo.communities, "community")
        self.in_county("pairings", "cadre_id", self.geo.cadres, "cadre")
        self.months("pairings")

    def month_in_period(self, table: str, i: int, month: str) -> None:
        assert self.period is not None
        if month and month not in self.period.months:
            self.add(table, i, "month_outside", "month", found=month, period=self.period.text,
                     months=", ".join(self.period.months))  # fmt: skip

    def months(self, table: str) -> None:
        for i, row in self.rows(table, "month"):
            if row["month"] == "":
                self.add(table, i, "empty_month", "month")
            else:
                self.month_in_period(table, i, row["month"])

    def talent(self) -> None:
        if "talent" not in self.checked or "pool" not in self.checked["talent"].values:
            return
        seen = {row["pool"] for _, row in self.rows("talent", "pool")}
        missing = [p for p in POOLS if p not in seen]
        if missing and len(self.raws["talent"].cells):
            self.add("talent", None, "missing_pools", "pool", pools=", ".join(missing))
        cols = ("pool", "opening", "joined", "appointed", "promoted", "left", "closing")
        for i, r in self.rows("talent", *cols):
            expected = r["opening"] + r["joined"] - r["appointed"] - r["promoted"] - r["left"]
            if int(r["closing"]) != int(expected):
                self.add("talent", i, "closing", "closing", pool=r["pool"],
                         closing=int(r["closing"]), opening=int(r["opening"]),
                         joined=int(r["joined"]), appointed=int(r["appointed"]),
                         promoted=int(r["promoted"]), left=int(r["left"]),
                         expected=int(expected))  # fmt: skip
            if r["pool"] != "cgvo" and r["promoted"] > 0:
                self.add("talent", i, "promoted_pool", "promoted", pool=r["pool"],
                         found=int(r["promoted"]))  # fmt: skip

    def classes(self) -> dict[str, bool]:
        bases = self.b.training_bases.set_index("base_id")
        refs: dict[str, bool] = {}
        for _i, r in self.rows("classes", "class_ref"):
            refs[r["class_ref"]] = True
        for i, r in self.rows("classes", "base_id"):
            if r["base_id"] not in bases.index:
                self.add("classes", i, "unknown_base", "base_id", found=printable(r["base_id"]))
            elif bool(r.get("special_course")) and not bases.at[r["base_id"], "out_of_town"]:
                self.add("classes", i, "not_out_of_town", "special_course",
                         base=bases.at[r["base_id"], "name"])  # fmt: skip
        for i, r in self.rows("classes", "month"):
            self.month_in_period("classes", i, r["month"])
        return refs

    def trained(self, classes: dict[str, bool]) -> None:
        took = {r["secretary_id"] for _, r in self.rows("secretaries", "secretary_id", "change")
                if r["change"] == "took_office"}  # fmt: skip
        for i, r in self.rows("trained", "secretary_id"):
            sid = r["secretary_id"]
            if sid in self.geo.secretaries or sid in took:
                continue
            if sid in self.geo.all_secretaries:
                self.add(
                    "trained",
                    i,
                    "other_county_secretary",
                    "secretary_id",
                    found=sid,
                    county=self.b.names("counties", self.lang).get(
                        self.geo.all_secretaries[sid], ""
                    ),
                )
            else:
                self.geo.unknown_secretaries.append(("trained", i, sid))
        for i, r in self.rows("trained", "class_ref"):
            if r["class_ref"] not in classes:
                self.add(
                    "trained", i, "unknown_class", "class_ref", found=printable(r["class_ref"])
                )

    def secretaries(self) -> None:
        for i, r in self.rows("secretaries", "village_id"):
            if r["village_id"] not in self.geo.villages:
                self.add("secretaries", i, "unknown_village", "village_id",
                         found=printable(r["village_id"]))  # fmt: skip
        for i, r in self.rows("secretaries", "secretary_id", "change"):
            sid = r["secretary_id"]
            if r["change"] == "took_office" and sid in self.geo.all_secretaries:
                self.add("secretaries", i, "id_taken", "secretary_id", found=sid)
            elif r["change"] == "left_office" and sid not in self.geo.secretaries:
                took_here = any(
                    x["secretary_id"] == sid and x["change"] == "took_office"
                    for _, x in self.rows("secretaries", "secretary_id", "change")
                )
                if not took_here:
                    self.geo.unknown_secretaries.append(("secretaries", i, sid))
        self.months("secretaries")

    def venues(self) -> None:
        tiers = {t: k for k, t in enumerate(("below", *COMMUNITY_TARGET_TIERS))}
        starts: dict[str, str] = {}
        for _i, r in self.rows("venues", "venue_id", "event", "month"):
            if r["event"] == "started":
                starts[r["venue_id"]] = r["month"]
        for i, r in self.rows("venues", "venue_id"):
            vid = r["venue_id"]
            kind = self.geo.venue_kind(vid)
            if kind is None:
                self.add("venues", i, "unknown_venue", "venue_id", found=printable(vid))
                continue
            event, tier = r.get("event"), str(r.get("tier_reached", "")).strip().lower()
            owned = str(r.get("owned", "")).strip().lower()
            if event == "completed":
                allowed = COMMUNITY_TARGET_TIERS if kind == "community" else ("village",)
                if tier not in allowed and not (kind == "village" and tier == ""):
                    self.add("venues", i, "tier", "tier_reached", found=printable(tier),
                             allowed=", ".join(allowed))  # fmt: skip
                elif kind == "community" and tiers[tier] < tiers[self.geo.community_tier[vid]]:
                    self.add("venues", i, "tier_not_up", "tier_reached", found=tier,
                             now=self.geo.community_tier[vid])  # fmt: skip
                if owned not in ("yes", "no", "true", "false", "1", "0"):
                    self.add("venues", i, "owned", "owned", found=printable(owned))
                month, start = r.get("month", ""), starts.get(vid)
                if start and month and month < start:
                    self.add("venues", i, "completed_before_start", "month", found=month,
                             start=start)  # fmt: skip
            elif event == "started" and (tier or owned):
                self.add("venues", i, "start_with_result", "tier_reached")
        self.months("venues")

    def in_county(self, table: str, col: str, ids: set[str], what: str) -> None:
        for i, r in self.rows(table, col):
            if r[col] not in ids:
                self.add(table, i, f"unknown_{what}", col, found=printable(r[col]))


@dataclass
class _Geo:
    """Ids of one county, from the baseline."""

    villages: dict[str, str]
    communities: set[str]
    community_tier: dict[str, str]
    cadres: set[str]
    secretaries: dict[str, str]
    """Secretary id -> village id, holders at plan start in this county."""
    all_secretaries: dict[str, str]
    """Secretary id -> county id, every county."""
    unknown_secretaries: list[tuple[str, int, str]] = field(default_factory=list)
    """Secretaries the baseline does not know (the ledger may: they took office later)."""

    def venue_kind(self, vid: str) -> str | None:
        if vid in self.communities:
            return "community"
        if vid in self.villages:
            return "village"
        return None


_GEO_CACHE: dict[tuple[int, str], _Geo] = {}


def _county_geo(b: Baseline, county_id: str) -> _Geo:
    key = (id(b), county_id)
    if key in _GEO_CACHE:
        g = _GEO_CACHE[key]
        return _Geo(**{**g.__dict__, "unknown_secretaries": []})
    vc = b.village_county
    villages = vc[vc == county_id].index
    vnames = b.villages.set_index("village_id")["name"]
    com = b.communities[b.communities["county_id"] == county_id]
    secs = b.secretaries
    all_secs = dict(zip(secs["secretary_id"], secs["village_id"].map(vc), strict=True))
    mine = secs[secs["village_id"].isin(villages)]
    g = _Geo(
        villages={v: vnames[v] for v in villages},
        communities=set(com["community_id"]),
        community_tier=dict(zip(com["community_id"], com["tier"], strict=True)),
        cadres=set(b.agency_cadres.loc[b.agency_cadres["county_id"] == county_id, "cadre_id"]),
        secretaries=dict(zip(mine["secretary_id"], mine["village_id"], strict=True)),
        all_secretaries=all_secs,
    )
    if len(_GEO_CACHE) > 512:
        _GEO_CACHE.clear()
    _GEO_CACHE[key] = g
    return _Geo(**{**g.__dict__, "unknown_secretaries": []})


def problems_of(report: _Report) -> list[Problem]:
    return report.problems()


def check_usage(county_id: str, baseline: Baseline) -> None:
    if county_id not in baseline.county_names:
        names = ", ".join(f"{c} ({n})" for c, n in list(baseline.county_names.items())[:12])
        raise UsageError(
            f"county '{printable(county_id)}' is not in the data; expected one of {names}"
        )


__all__ = [
    "ILLUSTRATIVE_NOTE",
    "RETURN_TABLES",
    "Return",
    "ReturnError",
    "read_return",
]
