"""Load and validate the baseline data (a CSV folder or one Excel workbook) into a Baseline.

The table contract lives in :mod:`planning.tables`; every check here is driven by it, so a
column added there is read, typed and checked without touching this module.

Line numbers in messages are physical lines as a spreadsheet or text editor counts them:
line 1 is the first line of the file, so when a CSV file opens with a ``#`` comment line
the header is line 2 and the first data row is line 3. In an Excel workbook the line is
the sheet's row number.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import hashlib
import io
import re
import warnings
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import DataError, Problem
from .fileio import atomic_write, atomic_write_bytes
from .limits import (
    MAX_DATA_FILE_BYTES,
    MAX_ID_LENGTH,
    MAX_ROWS,
    MAX_TEXT_LENGTH,
    MAX_WORKBOOK_UNPACKED_BYTES,
    size_text,
)
from .paths import EXAMPLE_CITY_DIR
from .tables import OPTIONAL_TABLES, STANDARD_TIERS, TABLE_BY_NAME, TABLES, Column, Table

MAX_PER_KIND = 20
"""At most this many problems are listed per file, column and kind of problem."""

README_SHEET = "README"
"""Name of the explanatory sheet of a workbook; the loader skips it."""


class Names(dict):
    """Names by id as the data give them (``{id: name}``), with each name's Chinese form.

    The Chinese form is the ``name_zh`` column, or the name where that is empty (own data
    without Chinese names), so a page in Chinese shows Chinese names wherever the data
    have them and never an empty label.

    >>> n = Names({"C01": "Songfeng District"}, {"C01": "松丰区"})
    >>> n["C01"], n.name("C01", "zh"), n.in_lang("en")
    ('Songfeng District', '松丰区', {'C01': 'Songfeng District'})
    """

    def __init__(
        self,
        names: Mapping[str, str] | None = None,
        zh: Mapping[str, str] | None = None,
        *,
        bases: Names | None = None,
    ):
        super().__init__(names or {})
        zh = zh or {}
        self.zh = {k: (zh.get(k) or v) for k, v in self.items()}
        self.bases = bases

    @classmethod
    def of(cls, frame: pd.DataFrame, key: str, *, bases: Names | None = None) -> Names:
        """The names of a table's rows (columns ``name`` and, if present, ``name_zh``)."""
        ids = frame[key].tolist()
        names = dict(zip(ids, frame["name"], strict=True))
        zh = dict(zip(ids, frame["name_zh"], strict=True)) if "name_zh" in frame else {}
        return cls(names, zh, bases=bases)

    def name(self, key: str, lang: str, default: str | None = None) -> str:
        """The name of ``key`` in ``lang``; ``default`` (else the key) when unknown."""
        table = self.zh if lang == "zh" else self
        return table.get(key, key if default is None else default)

    def in_lang(self, lang: str) -> dict[str, str]:
        """Every name in ``lang``, as a plain dict."""
        return dict(self.zh) if lang == "zh" else dict(self)


@dataclass(frozen=True, eq=False)
class Baseline:
    """The validated baseline of a city: one pandas DataFrame per table.

    Every frame has exactly the columns of :data:`planning.tables.TABLES` in that order,
    with typed values: ids and text as ``str``, ``int``/``float`` columns numeric, ``bool``
    columns as bool, ``months`` columns as tuples of ints. Frames are never mutated by
    the models; treat them as read-only.

    Attributes
    ----------
    source : str
        Folder or workbook the data came from.
    file_hashes : dict
        SHA-256 of each input file (for the provenance in briefings).
    warnings : list of str
        Non-fatal remarks, e.g. columns the schema does not know.
    """

    counties: pd.DataFrame
    townships: pd.DataFrame
    villages: pd.DataFrame
    communities: pd.DataFrame
    secretaries: pd.DataFrame
    township_secretaries: pd.DataFrame
    cadres: pd.DataFrame
    talent_pool: pd.DataFrame
    training_bases: pd.DataFrame
    venue_tiers: pd.DataFrame
    venue_costs: pd.DataFrame
    calendar: pd.DataFrame
    agency_cadres: pd.DataFrame
    source: str = "<memory>"
    file_hashes: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def village_county(self) -> pd.Series:
        """County id of every village, indexed by village id."""
        t = self.townships.set_index("township_id")["county_id"]
        v = self.villages.set_index("village_id")["township_id"]
        return v.map(t).rename("county_id")

    @property
    def county_names(self) -> Names:
        """County name by county id, in table order, with the Chinese names riding along
        (:meth:`Names.in_lang`) and the training bases' names (``.bases``), so that a
        model result carrying these names can label counties and bases in either language."""
        return Names.of(self.counties, "county_id", bases=Names.of(self.training_bases, "base_id"))

    def names(self, table: str, lang: str = "en") -> dict[str, str]:
        """The names of a named table's rows by id, in ``lang`` (``name_zh`` in Chinese,
        the name where it is empty).

        >>> load_baseline().names("counties", "zh")["C01"]
        '松丰区'
        """
        key = TABLE_BY_NAME[table].key
        assert key is not None, table
        return Names.of(self.table(table), key).in_lang(lang)

    @property
    def county_ids(self) -> list[str]:
        """County ids in table order."""
        return self.counties["county_id"].tolist()

    def table(self, name: str) -> pd.DataFrame:
        """A table by name."""
        return getattr(self, name)

    def summary(self) -> dict[str, int]:
        """Rows per table."""
        return {t.name: len(self.table(t.name)) for t in TABLES}

    def text_table(self, name: str) -> pd.DataFrame:
        """A table as its file holds it: bools as yes/no, months as ``"1,2,11,12"``.

        Numbers stay numbers. Used by :meth:`to_csv` and :meth:`to_excel`.
        """
        return _text_frame(TABLE_BY_NAME[name], self.table(name))

    def check(self) -> Baseline:
        """Validate tables built in memory with the same rules as :func:`load_baseline`.

        Useful after editing frames (``dataclasses.replace(b, villages=...)``). Problems
        name the table and the row as a spreadsheet would number it (header = row 1).

        Returns
        -------
        Baseline
            A new, re-typed Baseline with the same source and file hashes.

        Raises
        ------
        DataError
            Listing every problem, e.g. ``villages:3: column 'households': found '-5'; ...``.

        Examples
        --------
        >>> import dataclasses
        >>> b = load_baseline()                                        # doctest: +SKIP
        >>> v = b.villages.assign(households=b.villages.households * 2)  # doctest: +SKIP
        >>> dataclasses.replace(b, villages=v).check().villages.households.sum()  # doctest: +SKIP
        """
        report = _Report()
        raws = {}
        for t in TABLES:
            frame = self.text_table(t.name)
            header = [_header_name(str(c)) for c in frame.columns]
            records = [
                (i, [_cell_text(v) for v in row])
                for i, row in enumerate(frame.itertuples(index=False, name=None), 2)
            ]
            raw = _raw_from_records(t, t.name, [(1, header), *records], report)
            if raw is not None:
                raws[t.name] = raw
        checked = _validate(raws, report, [], self.source, self.source, dict(self.file_hashes))
        return dataclasses.replace(checked, warnings=self.warnings)

    def to_csv(self, folder: str | Path, comment: str | None = None) -> list[Path]:
        """Write every table as ``FOLDER/NAME.csv`` (UTF-8), each file atomically.

        Parameters
        ----------
        folder : str or Path
            Folder to write into; created if missing. Existing table files are replaced.
        comment : str, optional
            Written as a first ``# comment`` line of every file (e.g. the illustrative-data
            notice); the loader skips it.

        Returns
        -------
        list of Path
            The files written, in table order.

        Examples
        --------
        >>> b = load_baseline()                         # doctest: +SKIP
        >>> b.to_csv("my_copy")                         # doctest: +SKIP
        """
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for t in TABLES:
            text = self.text_table(t.name).to_csv(index=False, lineterminator="\n")
            if comment:
                text = f"# {comment}\n{text}"
            path = out / t.filename
            atomic_write_bytes(path, text.encode("utf-8"))
            written.append(path)
        return written

    def to_excel(self, path: str | Path, readme: list[list[Any]] | None = None) -> Path:
        """Write every table as one sheet of an Excel workbook (atomically).

        Parameters
        ----------
        path : str or Path
            Workbook to write (``.xlsx``); replaced if it exists.
        readme : list of rows, optional
            Rows of a first sheet named ``README`` (the loader skips that sheet).

        Examples
        --------
        >>> load_baseline().to_excel("example_city.xlsx")   # doctest: +SKIP
        """
        frames = {t.name: self.text_table(t.name) for t in TABLES}
        return write_workbook(path, frames, readme=readme)


# --------------------------------------------------------------------------- reading


def load_baseline(path: str | Path | None = None) -> Baseline:
    """Load and validate a baseline; None loads the bundled Example City.

    Parameters
    ----------
    path : str or Path, optional
        A folder holding one ``NAME.csv`` per table of :data:`planning.tables.TABLES`, or
        one Excel workbook (``.xlsx``) with one sheet per table. Default: ``data/example_city``.

    Returns
    -------
    Baseline
        Typed frames, the SHA-256 of every file read, and warnings (e.g. unused columns).

    Raises
    ------
    DataError
        Listing every problem found (file, line, column, value found, what is allowed),
        at most :data:`MAX_PER_KIND` per column and kind of problem.

    Examples
    --------
    >>> b = load_baseline()                                       # doctest: +SKIP
    >>> b.summary()["villages"]                                   # doctest: +SKIP
    1336
    >>> load_baseline("my_county.xlsx")                           # doctest: +SKIP
    DataError: my_county.xlsx: 2 problems
      my_county.xlsx[villages]:14: column 'households': found '-3'; expected a whole number >= 1
      ...
    """
    root = Path(path).expanduser() if path is not None else EXAMPLE_CITY_DIR
    shown = _display(root)
    report = _Report()
    notes: list[str] = []
    hashes: dict[str, str] = {}
    if not root.exists():
        raise DataError(f"{shown}: not found; expected a folder of CSV files or an .xlsx workbook")
    if root.is_dir():
        raws = _read_csv_folder(root, report, notes, hashes)
    elif root.suffix.lower() in (".xlsx", ".xlsm"):
        raws = _read_workbook(root, report, notes, hashes)
    elif root.suffix.lower() == ".csv":
        raise DataError(
            f"{shown}: is one CSV file; give the folder that holds all {len(TABLES)} table "
            f"files ({root.parent})"
        )
    else:
        raise DataError(
            f"{shown}: cannot read this kind of file; expected a folder of CSV files "
            "(one NAME.csv per table) or an Excel workbook (.xlsx)"
        )
    return _validate(raws, report, notes, shown, source=str(root), hashes=hashes)


def _validate(
    raws: dict[str, _Raw],
    report: _Report,
    notes: list[str],
    shown: str,
    source: str,
    hashes: dict[str, str],
) -> Baseline:
    """Run every check on the tables read; raise one DataError or return the Baseline."""
    checked = {name: _check_table(raw, report, notes) for name, raw in raws.items()}
    _check_references(raws, checked, report)
    _check_consistency(raws, checked, report)
    if report.total:
        noun = "problem" if report.total == 1 else "problems"
        head = f"{shown}: {report.total:,} {noun}"
        if report.capped:
            head += f" (at most {MAX_PER_KIND} shown per column and kind)"
        raise DataError(head, report.problems())
    frames = {name: _typed_frame(raws[name].table, checked[name]) for name in raws}
    return Baseline(
        **frames, source=source, file_hashes=hashes, warnings=tuple(dict.fromkeys(notes))
    )


@dataclass
class _Raw:
    """One table as read: stripped text cells and the physical line of every row."""

    table: Table
    label: str
    header_line: int
    cells: pd.DataFrame
    lines: np.ndarray
    header: list[str] = field(default_factory=list)
    formulas: dict[tuple[Any, Any], str] = field(default_factory=dict)
    """Formula cells without a saved value: (line, column) -> formula text."""


class _Report:
    """Collects problems, keeping at most MAX_PER_KIND per (file, column, kind)."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str, str], list[Problem]] = {}
        self.extra: Counter[tuple[str, str, str]] = Counter()
        self.total = 0

    @property
    def capped(self) -> bool:
        return bool(self.extra)

    def add(self, group: tuple[str, str, str], where: str, what: str) -> None:
        self.total += 1
        items = self.groups.setdefault(group, [])
        if len(items) < MAX_PER_KIND:
            items.append(Problem(where, what))
        else:
            self.extra[group] += 1

    def cells(
        self, raw: _Raw, col: str, kind: str, mask: np.ndarray, expected: str, extra: Any = None
    ) -> None:
        """One problem per True of ``mask``: ``column 'X': found 'V'; expected ...``.

        ``extra`` (an array of text, optional) is appended after the found value.
        """
        pos = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(pos):
            return
        values = raw.cells[col].to_numpy()
        group = (raw.label, col, kind)
        for i in pos[:MAX_PER_KIND]:
            more = f" {extra[i]}" if extra is not None else ""
            what = f"column '{col}': {_found(values[i])}{more}; expected {expected}"
            formula = raw.formulas.get((raw.lines[i], col))
            if formula is not None:
                what = (
                    f"column '{col}': found a formula without a saved value "
                    f"('{printable(formula[:40])}'): open and save the file in Excel (or WPS), "
                    "which stores the computed values, then validate again"
                )
            self.add(group, f"{raw.label}:{raw.lines[i]}", what)
        rest = len(pos) - min(len(pos), MAX_PER_KIND)
        self.total += rest
        if rest:
            self.extra[group] += rest

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        # Keep each file's problems together, files in table order.
        for group, items in sorted(self.groups.items(), key=lambda g: _file_rank(g[0][0])):
            out.extend(items)
            if self.extra[group]:
                label, col, _ = group
                subject = f"column '{col}': " if col else ""
                out.append(
                    Problem(
                        label,
                        f"{subject}... and {self.extra[group]:,} more problems of this kind "
                        "(fix the ones above and validate again)",
                    )
                )
        return out


def _file_rank(label: str) -> int:
    for i, t in enumerate(TABLES):
        if label in (t.filename, t.name) or label.endswith(f"[{t.name}]"):
            return i
    return -1


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters (C0, DEL, C1): never allowed in an id."""

_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters not allowed in a text cell (tab and line breaks are)."""


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN``, safe to print in a message."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _found(value: Any) -> str:
    text = str(value)
    if text == "":
        return "found an empty cell"
    if len(text) > 40:
        text = text[:37] + "..."
    return f"found '{printable(text)}'"


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- CSV folder


def _read_csv_folder(
    root: Path, report: _Report, notes: list[str], hashes: dict[str, str]
) -> dict[str, _Raw]:
    missing = [t for t in TABLES if not (root / t.filename).is_file()]
    if len(missing) == len(TABLES):
        books = sorted(p.name for p in root.glob("*.xlsx"))
        hint = f"; for a workbook give its path, e.g. {root / books[0]}" if books else ""
        report.add(
            (str(root), "", "files"),
            _display(root),
            "no table files found; expected one CSV file per table: "
            + ", ".join(t.filename for t in TABLES)
            + hint,
        )
        return {}
    known = {t.filename for t in (*TABLES, *OPTIONAL_TABLES)}
    strangers = [p.name for p in sorted(root.glob("*.csv")) if p.name not in known]
    for t in missing:
        near = difflib.get_close_matches(t.filename, strangers, 1, 0.8)
        hint = f" ('{near[0]}' looks like it; rename it)" if near else ""
        report.add(
            (t.filename, "", "file"),
            t.filename,
            f"file not found in {_display(root)}; expected one CSV file per table{hint}",
        )
    notes.extend(f"{name}: not a table of the baseline; ignored" for name in strangers)
    raws = {}
    for t in TABLES:
        if t in missing:
            continue
        try:
            data = _read_limited(root / t.filename, t.filename)
        except DataError as exc:
            what = exc.headline.removeprefix(f"{t.filename}: ")
            report.add((t.filename, "", "file"), t.filename, what)
            continue
        hashes[t.filename] = _hash(data)
        text = _decode(data, t.filename, report)
        if text is None:
            continue
        records = _csv_records(text, t.filename, report)
        raw = _raw_from_records(t, t.filename, records, report)
        if raw is not None:
            raws[t.name] = raw
    return raws


def _decode(data: bytes, label: str, report: _Report) -> str | None:
    """UTF-8 text (BOM dropped), or None after reporting which legacy encoding it looks like."""
    group = (label, "", "encoding")
    if data.startswith(b"PK\x03\x04"):
        report.add(
            group,
            label,
            "file is an Excel workbook with a .csv name; save it as 'CSV UTF-8' or give "
            "the workbook itself as the data",
        )
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        report.add(
            group,
            label,
            "file is UTF-16 (as saved by Excel's 'Unicode Text'); re-save as UTF-8 (CSV UTF-8)",
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.add(
            group,
            f"{label}:{line}",
            f"file is not UTF-8 (looks like {_legacy_encoding(data)}); "
            "re-save as UTF-8 (CSV UTF-8)",
        )
        return None


def _legacy_encoding(data: bytes) -> str:
    """A plain-words guess: GBK/GB18030 (bytes in pairs) or a Western 8-bit code page."""
    b = np.frombuffer(data, dtype=np.uint8)
    high = b >= 0x80
    # GBK writes each Chinese character as two high bytes; Western code pages put single
    # accented letters between ASCII ones.
    isolated = high & ~np.r_[False, high[:-1]] & ~np.r_[high[1:], False]
    try:
        data.decode("gb18030")
        gbk = True
    except UnicodeDecodeError:
        gbk = False
    if gbk and isolated.sum() <= high.sum() / 4:
        return "GBK/GB18030, as saved by older Excel/WPS"
    return "Latin-1/Windows-1252, an older Western encoding"


def _csv_records(text: str, label: str, report: _Report) -> Iterator[tuple[int, list[str]]]:
    """(physical line, fields) of every CSV record after the leading comment lines."""
    skipped = offset = 0
    while offset < len(text):
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end + 1
        stripped = text[offset:end].strip()
        if stripped and not stripped.startswith("#"):
            break
        skipped += 1
        offset = end
    body = text[offset:]
    first = body.split("\n", 1)[0]
    delimiter = ","
    if "," not in first:
        delimiter = "\t" if "\t" in first else (";" if ";" in first else ",")
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    previous = 0
    try:
        for record in reader:
            start = previous + 1 + skipped
            previous = reader.line_num
            yield start, record
    except csv.Error as exc:
        report.add((label, "", "csv"), f"{label}:{previous + 1 + skipped}", f"cannot read: {exc}")


# ---------------------------------------------------------------- Excel workbook


def _read_workbook(
    path: Path, report: _Report, notes: list[str], hashes: dict[str, str]
) -> dict[str, _Raw]:
    data = _read_limited(path, path.name)
    hashes[path.name] = _hash(data)
    archive = _open_archive(data, path)
    book = _open_book(data, path, archive, formulas=False)
    formula_book = None
    try:
        sheets = {name.strip().lower(): name for name in book.sheetnames}
        known = {t.name for t in (*TABLES, *OPTIONAL_TABLES)} | {README_SHEET.lower()}
        for key, name in sheets.items():
            if key not in known:
                notes.append(
                    f"{path.name}: sheet '{printable(name)}' is not a table of the baseline; "
                    "ignored"
                )
        raws = {}
        for t in TABLES:
            label = f"{path.name}[{t.name}]"
            sheet = _table_sheet(book, sheets, t, path, label, report)
            if sheet is None:
                continue
            rows, has_formulas = _scan_sheet(archive, sheet._worksheet_path, sheet.title)
            if rows > MAX_ROWS + 1:
                report.add(
                    (label, "", "rows"),
                    label,
                    f"sheet '{t.name}' has more than {MAX_ROWS:,} rows; expected at most "
                    f"{MAX_ROWS:,} rows per table (split the data, e.g. one city per workbook)",
                )
                continue
            formulas: dict[tuple[int, int], str] = {}
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl's remarks on features it drops
                if has_formulas:
                    formula_book = formula_book or _open_book(data, path, archive, formulas=True)
                    formulas = _formula_cells(formula_book[sheet.title])
                raw = _read_sheet(sheet, t, label, formulas, report)
            if raw is not None:
                raws[t.name] = raw
        return raws
    except _DamagedSheet as exc:
        raise DataError(
            f"{_display(path)}: sheet '{exc.sheet}' is damaged and cannot be read "
            f"({exc.detail}); open the workbook in Excel or WPS and save it again as "
            "'Excel Workbook (.xlsx)'"
        ) from None
    finally:
        book.close()
        if formula_book is not None:
            formula_book.close()


class _DamagedSheet(Exception):
    """A sheet's XML could not be parsed (e.g. cut short inside a valid zip)."""

    def __init__(self, sheet: str, detail: str):
        super().__init__(sheet, detail)
        self.sheet, self.detail = sheet, detail


def _read_limited(path: Path, label: str) -> bytes:
    """The bytes of a data file, refused beyond :data:`MAX_DATA_FILE_BYTES`."""
    try:
        size = path.stat().st_size
        if size > MAX_DATA_FILE_BYTES:
            raise DataError(
                f"{label}: file is too large ({size_text(size)}); expected at most "
                f"{size_text(MAX_DATA_FILE_BYTES)} per data file. Is it the right file?"
            )
        return path.read_bytes()
    except OSError as exc:
        raise DataError(f"{label}: cannot be read ({exc.strerror or exc})") from None


def _open_archive(data: bytes, path: Path) -> zipfile.ZipFile | None:
    """The workbook's zip archive, refused when it unpacks beyond the limit; None if no zip."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        return None  # openpyxl reports it below, in the words users know
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_WORKBOOK_UNPACKED_BYTES:
        raise DataError(
            f"{_display(path)}: the workbook unpacks to {size_text(unpacked)}; expected at "
            f"most {size_text(MAX_WORKBOOK_UNPACKED_BYTES)}. Is it the right file?"
        )
    return archive


def _open_book(data: bytes, path: Path, archive: zipfile.ZipFile | None, formulas: bool) -> Any:
    """Open the workbook read-only: cached values, or (``formulas``) the formulas' text."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops (styles, extensions); not ours.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=not formulas)
    except Exception as exc:  # zipfile/openpyxl raise several unrelated types
        charts = _chart_sheet_names(archive)
        if charts:
            raise DataError(
                f"{_display(path)}: holds a chart sheet that cannot be read "
                f"({', '.join(charts)}); delete the chart sheet (or move its chart onto an "
                "ordinary sheet), save, and validate again"
            ) from None
        raise DataError(
            f"{_display(path)}: not a readable Excel workbook ({type(exc).__name__}); "
            "re-save it from Excel or WPS as 'Excel Workbook (.xlsx)'"
        ) from None


def _chart_sheet_names(archive: zipfile.ZipFile | None) -> list[str]:
    """Names of the chart sheets of a workbook (empty when it has none or cannot tell)."""
    if archive is None or not any(n.startswith("xl/chartsheets/") for n in archive.namelist()):
        return []
    from openpyxl.reader.workbook import WorkbookParser

    try:
        parser = WorkbookParser(archive, "xl/workbook.xml")
        parser.parse()
        return [f"'{s.name}'" for s, rel in parser.find_sheets() if "chartsheet" in rel.Type]
    except Exception:  # a damaged workbook part: the headline still says what to do
        return ["a chart sheet"]


def _table_sheet(
    book: Any, sheets: dict[str, str], t: Table, path: Path, label: str, report: _Report
) -> Any:
    """The worksheet of table ``t``, or None after reporting why there is none."""
    if t.name not in sheets:
        near = difflib.get_close_matches(t.name, list(sheets), 1, 0.75)
        hint = f" (sheet '{sheets[near[0]]}' looks like it; rename it)" if near else ""
        report.add(
            (label, "", "sheet"),
            path.name,
            f"sheet '{t.name}' not found; expected one sheet per table{hint}",
        )
        return None
    sheet = book[sheets[t.name]]
    if not hasattr(sheet, "iter_rows"):
        report.add(
            (label, "", "sheet"),
            path.name,
            f"sheet '{sheet.title}' is a chart sheet; expected an ordinary sheet holding the "
            f"{t.name} table (give the chart sheet another name)",
        )
        return None
    return sheet


_ROW_OR_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|f)[\s/>]")


def _scan_sheet(archive: zipfile.ZipFile | None, part: str, title: str) -> tuple[int, bool]:
    """Rows of a sheet (stopping past the limit) and whether it holds formulas.

    A byte scan of the sheet's XML: far faster than parsing it, so an oversized sheet is
    refused in a moment.
    """
    if archive is None:
        return 0, False
    rows, formulas, tail = 0, False, b""
    try:
        with archive.open(part) as f:
            while rows <= MAX_ROWS + 1 and (chunk := f.read(1 << 20)):
                buf = tail + chunk
                cut = buf.rfind(b"<")  # a tag cut by the chunk end is scanned next time
                for m in _ROW_OR_FORMULA.finditer(buf, 0, max(cut, 0)):
                    if m.group(1) == b"row":
                        rows += 1
                    else:
                        formulas = True
                tail = buf[max(cut, 0) :]
    except (KeyError, zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
        raise _DamagedSheet(title, f"{type(exc).__name__}: {exc}") from None
    return rows, formulas


def _formula_cells(sheet: Any) -> dict[tuple[int, int], str]:
    """(row, column index) -> formula text of every formula cell of a sheet."""
    sheet.reset_dimensions()
    out = {}
    for i, row in enumerate(_guarded(sheet.iter_rows(values_only=True), sheet.title), 1):
        for j, v in enumerate(row):
            if isinstance(v, str) and v.startswith("="):
                out[(i, j)] = v
    return out


def _read_sheet(
    sheet: Any, t: Table, label: str, formulas: dict[tuple[int, int], str], report: _Report
) -> _Raw | None:
    """Read one sheet; formula cells without a saved value are kept for the messages."""
    # Some writers store a wrong sheet size; read every row actually present.
    sheet.reset_dimensions()
    rows = _guarded(sheet.iter_rows(values_only=True), sheet.title)
    unsaved: dict[tuple[int, int], str] = {}

    def records() -> Iterator[tuple[int, list[str]]]:
        for i, row in enumerate(rows, 1):
            for j, v in enumerate(row):
                if v is None and (i, j) in formulas:
                    unsaved[(i, j)] = formulas[(i, j)]
            yield i, [_cell_text(v) for v in row]

    raw = _raw_from_records(t, label, records(), report)
    if raw is not None:
        raw.formulas = unsaved
    return raw


def _guarded(rows: Iterable[Any], sheet: str) -> Iterator[Any]:
    """Rows of a sheet; a damaged sheet raises :class:`_DamagedSheet` instead of a parse error."""
    it = iter(rows)
    while True:
        try:
            row = next(it)
        except StopIteration:
            return
        except Exception as exc:  # the XML parser, zipfile and openpyxl raise many types
            raise _DamagedSheet(sheet, f"{type(exc).__name__}: {exc}") from None
        yield row


def _cell_text(value: Any) -> str:
    """An Excel cell as the text a CSV would hold; whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- records -> raw table


def _raw_from_records(
    table: Table, label: str, records: Iterable[tuple[int, list[str]]], report: _Report
) -> _Raw | None:
    """Header and rows after comment/blank lines; rows padded to the header's width."""
    header: list[str] | None = None
    header_line = 0
    rows: list[list[str]] = []
    lines: list[int] = []
    for line, fields in records:
        if header is None:
            first = next((f.strip() for f in fields if f.strip()), "")
            if not first or first.startswith("#"):
                continue
            header = [_header_name(f) for f in fields]
            while header and header[-1] == "":
                header.pop()
            header_line = line
            continue
        if not "".join(fields).strip():
            continue
        width = len(header)
        if len(fields) != width:
            if len(fields) > width and any(f.strip() for f in fields[width:]):
                report.add(
                    (label, "", "width"),
                    f"{label}:{line}",
                    f"found {len(fields)} values; expected at most {width}, one per column "
                    f"of the header on line {header_line}",
                )
            fields = (fields + [""] * width)[:width]
        if len(rows) == MAX_ROWS:
            report.add(
                (label, "", "rows"),
                f"{label}:{line}",
                f"found more than {MAX_ROWS:,} rows; expected at most {MAX_ROWS:,} rows per "
                "table (split the data, e.g. one city per folder)",
            )
            return None
        rows.append(fields)
        lines.append(line)
    if header is None:
        report.add(
            (label, "", "empty"),
            label,
            "found no header line; expected a header with the columns "
            + ", ".join(table.column_names),
        )
        return None
    cells = pd.DataFrame(rows, columns=range(len(header)), dtype=object)
    frame = {}
    for j in range(len(header)):
        frame[j] = cells[j].astype(str).str.strip() if len(cells) else pd.Series([], dtype=str)
    cells = pd.DataFrame(frame)
    raw = _Raw(table, label, header_line, cells, np.asarray(lines, dtype=np.int64), header)
    if not rows:
        report.add(
            (label, "", "rows"),
            f"{label}:{header_line}",
            f"found a header but no rows; expected at least one row of {table.name}",
        )
    return raw


def _header_name(text: str) -> str:
    return text.strip().strip("\ufeff").strip().lower()


# --------------------------------------------------------------------------- checks


@dataclass
class _Checked:
    """Parsed values of the columns present, and which cells are valid."""

    values: dict[str, pd.Series] = field(default_factory=dict)
    valid: dict[str, np.ndarray] = field(default_factory=dict)


def _check_table(raw: _Raw, report: _Report, notes: list[str]) -> _Checked:
    columns = _match_columns(raw, report, notes)
    named = pd.DataFrame({name: raw.cells[j] for name, j in columns.items()})
    raw.cells = named
    if raw.formulas:
        # Formula cells were found by sheet position; messages look them up by column name.
        name_at = {j: name for name, j in columns.items()}
        raw.formulas = {
            (line, name_at[j]): f for (line, j), f in raw.formulas.items() if j in name_at
        }
    checked = _Checked()
    for col in raw.table.columns:
        if col.default is not None:
            # An optional column with a default: a missing column or an empty cell takes it.
            cells = named[col.name] if col.name in named else pd.Series("", index=named.index)
            named[col.name] = cells.where(cells != "", col.default)
        elif col.name not in named:
            if not col.required:
                named[col.name] = ""
                checked.values[col.name] = named[col.name]
                checked.valid[col.name] = np.ones(len(named), dtype=bool)
            continue
        values, valid = _check_column(raw, col, report)
        checked.values[col.name] = values
        checked.valid[col.name] = valid
    _check_unique(raw, checked, report)
    return checked


def _match_columns(raw: _Raw, report: _Report, notes: list[str]) -> dict[str, int]:
    """Map each known column to its position; report missing, doubled and unknown columns."""
    where = f"{raw.label}:{raw.header_line}"
    positions: dict[str, int] = {}
    for j, name in enumerate(raw.header):
        if name in positions and name:
            report.add(
                (raw.label, name, "header"),
                where,
                f"column '{name}': found twice in the header (columns {positions[name] + 1} "
                f"and {j + 1}); expected each column once",
            )
            continue
        positions[name] = j
    expected = raw.table.column_names
    unknown = [n for n in positions if n not in expected]
    claimed: set[str] = set()
    for col in raw.table.columns:
        if col.name in positions or not col.required:
            continue
        near = difflib.get_close_matches(col.name, [u for u in unknown if u], 1, 0.75)
        if near:
            claimed.add(near[0])
            hint = f"column '{near[0]}' looks like '{col.name}' (rename it)"
        else:
            hint = f"add a column named '{col.name}' ({col.allowed_text()})"
        report.add(
            (raw.label, col.name, "missing"), where, f"column '{col.name}': not found; {hint}"
        )
    for name in unknown:
        if name in claimed:
            continue
        j = positions[name]
        if name == "":
            if (raw.cells[j] != "").any():
                notes.append(f"{raw.label}: column {j + 1} has no header name; ignored")
            continue
        notes.append(f"{raw.label}: column '{printable(name)}' is not used; ignored")
    return {n: j for n, j in positions.items() if n in expected}


_BOOLS = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def _check_column(raw: _Raw, col: Column, report: _Report) -> tuple[pd.Series, np.ndarray]:
    """Parse one column; report wrong types, empty cells and values out of bounds."""
    s = raw.cells[col.name]
    empty = (s == "").to_numpy()
    expected = col.allowed_text()
    if col.kind == "id":
        report.cells(raw, col.name, "empty", empty, expected)
        unfit = _check_text(raw, col, _CONTROL, MAX_ID_LENGTH, "an id", report)
        return s, ~empty & ~unfit
    if col.kind == "ref":
        report.cells(raw, col.name, "empty", empty, expected)
        return s, ~empty
    if col.kind == "text":
        unfit = _check_text(raw, col, _CONTROL_IN_TEXT, MAX_TEXT_LENGTH, "text", report)
        if raw.formulas:
            unsaved = [(line, col.name) in raw.formulas for line in raw.lines]
            report.cells(raw, col.name, "formula", np.asarray(unsaved, dtype=bool), expected)
        return s, ~unfit
    if col.kind == "enum":
        canon = {a.lower(): a for a in col.allowed}
        values = s.str.lower().map(canon)
        bad = values.isna().to_numpy()
        report.cells(raw, col.name, "enum", bad, expected)
        return values, ~bad
    if col.kind == "bool":
        values = s.str.lower().map(_BOOLS)
        bad = values.isna().to_numpy()
        report.cells(raw, col.name, "bool", bad, expected)
        return values, ~bad
    if col.kind == "months":
        values = s.map(_parse_months)
        bad = values.isna().to_numpy()
        report.cells(raw, col.name, "months", bad, expected)
        return values, ~bad
    if col.kind == "month":
        values = s.map(_parse_year_month)
        bad = values.isna().to_numpy()
        report.cells(raw, col.name, "month", bad, expected)
        return values, ~bad
    if col.kind in ("int", "float"):
        return _check_number(raw, col, report)
    raise ValueError(f"unknown column kind {col.kind!r} of {raw.table.name}.{col.name}")


def _check_text(
    raw: _Raw, col: Column, control: re.Pattern, longest: int, what: str, report: _Report
) -> np.ndarray:
    """Report cells holding control characters or longer than ``longest``; True where bad.

    A control character (NUL, U+0001, ...) is invisible in a spreadsheet, breaks the Excel
    writer and makes two ids that look equal differ.
    """
    s = raw.cells[col.name]
    bad = s.str.contains(control.pattern, regex=True).to_numpy(dtype=bool)
    report.cells(
        raw, col.name, "control", bad, f"{what} without control characters (retype the cell)"
    )
    long = (s.str.len() > longest).to_numpy(dtype=bool) & ~bad
    report.cells(raw, col.name, "length", long, f"{what} of at most {longest:,} characters")
    return bad | long


def _check_number(raw: _Raw, col: Column, report: _Report) -> tuple[pd.Series, np.ndarray]:
    s = raw.cells[col.name]
    text = s.where(~s.str.fullmatch(_THOUSANDS), s.str.replace(",", "", regex=False))
    percent = np.zeros(len(s), dtype=bool)
    if col.kind == "float" and "share" in col.unit:
        percent = text.str.endswith("%").to_numpy()
        text = text.str.rstrip("%").str.strip()
    with np.errstate(invalid="ignore"):
        num = pd.to_numeric(text.astype(object), errors="coerce").astype("float64").to_numpy()
    num = np.where(percent, num / 100, num)
    bad_type = ~np.isfinite(num)
    if col.kind == "int":
        with np.errstate(invalid="ignore"):  # inf and nan are reported as bad_type already
            bad_type |= np.isfinite(num) & (np.mod(num, 1) != 0)
    expected = col.allowed_text()
    report.cells(raw, col.name, "type", bad_type, expected)
    ok = ~bad_type
    out = np.zeros(len(s), dtype=bool)
    if col.min is not None:
        out |= (num <= col.min) if col.min_exclusive else (num < col.min)
    if col.max is not None:
        out |= num > col.max
    out &= ok
    report.cells(raw, col.name, "range", out, expected)
    return pd.Series(num, index=s.index), ok & ~out


_MONTH = re.compile(r"0*[0-9]{1,2}")


@lru_cache(maxsize=4096)
def _parse_months(text: str) -> tuple[int, ...] | None:
    parts = [p for p in re.split(r"[,，、;；\s]+", text) if p]
    # ASCII digits only: '²' and '①' pass str.isdigit() but not int().
    if not parts or not all(_MONTH.fullmatch(p) for p in parts):
        return None
    months = sorted({int(p) for p in parts})
    if months[0] < 1 or months[-1] > 12:
        return None
    return tuple(months)


def _check_unique(raw: _Raw, checked: _Checked, report: _Report) -> None:
    """The key column and every unique_together set hold each value once; name both lines."""
    sets = []
    if raw.table.key:
        sets.append((raw.table.key,))
    if raw.table.unique_together:
        sets.append(tuple(raw.table.unique_together))
    for cols in sets:
        if not all(c in checked.values for c in cols):
            continue
        ok = np.logical_and.reduce([checked.valid[c] for c in cols])
        keys = pd.DataFrame({c: checked.values[c] for c in cols})[ok]
        again = keys.duplicated(keep="first").to_numpy()
        if not again.any():
            continue
        first_pos = keys.groupby(list(cols), sort=False, dropna=False).ngroup()
        first_line = pd.Series(raw.lines[ok]).groupby(first_pos.to_numpy()).transform("min")
        pos = np.flatnonzero(ok)
        mask = np.zeros(len(raw.cells), dtype=bool)
        mask[pos[again]] = True
        extra = np.empty(len(raw.cells), dtype=object)
        extra[pos] = [f"again (also on line {n})" for n in first_line.to_numpy()]
        if len(cols) == 1:
            col = raw.table.column(cols[0])
            expected = col.allowed_text() if col.kind == "id" else f"each {col.name} only once"
            report.cells(raw, cols[0], "duplicate", mask, expected, extra)
        else:
            _report_combination(raw, cols, mask, extra, report)


def _report_combination(
    raw: _Raw, cols: tuple[str, ...], mask: np.ndarray, extra: np.ndarray, report: _Report
) -> None:
    names = ", ".join(f"'{c}'" for c in cols)
    group = (raw.label, "+".join(cols), "duplicate")
    pos = np.flatnonzero(mask)
    for i in pos:
        found = ", ".join(f"'{raw.cells[c].iat[i]}'" for c in cols)
        report.add(
            group,
            f"{raw.label}:{raw.lines[i]}",
            f"columns {names}: found {found} {extra[i]}; expected each combination only once",
        )


def _ids(raws: dict[str, _Raw], checked: dict[str, _Checked], table: str) -> set[str] | None:
    """Every non-empty id of a table's key column, or None when it could not be read."""
    t = TABLE_BY_NAME[table]
    if table not in checked or t.key not in checked[table].values:
        return None
    c = checked[table]
    return set(c.values[t.key][c.valid[t.key]].tolist())


def _check_references(raws: dict[str, _Raw], checked: dict[str, _Checked], report: _Report) -> None:
    for name, raw in raws.items():
        for col in raw.table.columns:
            if col.kind != "ref" or col.name not in checked[name].values:
                continue
            ids = _ids(raws, checked, col.ref_table or "")
            if ids is None:
                continue
            c = checked[name]
            unknown = c.valid[col.name] & ~c.values[col.name].isin(ids).to_numpy()
            report.cells(raw, col.name, "reference", unknown, col.allowed_text())
            c.valid[col.name] &= ~unknown


def _coverage(
    raws: dict[str, _Raw],
    checked: dict[str, _Checked],
    table: str,
    col: str,
    expected: str,
    report: _Report,
) -> None:
    """Every id of the referenced table appears in ``table.col`` (e.g. a secretary per village)."""
    if table not in raws or col not in checked[table].values:
        return
    ref = TABLE_BY_NAME[table].column(col).ref_table or ""
    ids = _ids(raws, checked, ref)
    if ids is None:
        return
    c = checked[table]
    present = set(c.values[col][c.valid[col]].tolist())
    order = checked[ref].values[TABLE_BY_NAME[ref].key]
    absent = [i for i in dict.fromkeys(order.tolist()) if i in ids and i not in present]
    if absent:
        shown = ", ".join(absent[:10]) + (", ..." if len(absent) > 10 else "")
        label = raws[table].label
        report.add(
            (label, col, "coverage"),
            label,
            f"column '{col}': no row for {len(absent):,} of the {ref} ({shown}); "
            f"expected {expected}",
        )


def _check_consistency(
    raws: dict[str, _Raw], checked: dict[str, _Checked], report: _Report
) -> None:
    """Rules that span rows or tables: complete calendar and tiers, one secretary per village."""
    _coverage(raws, checked, "secretaries", "village_id", "one secretary per village", report)
    _coverage(raws, checked, "venue_costs", "county_id", "one row per county", report)
    if "calendar" in raws and "month" in checked["calendar"].values:
        c = checked["calendar"]
        seen = set(c.values["month"][c.valid["month"]].astype(int).tolist())
        absent = [str(m) for m in range(1, 13) if m not in seen]
        if absent:
            label = raws["calendar"].label
            report.add(
                (label, "month", "coverage"),
                label,
                f"column 'month': month{'s' if len(absent) > 1 else ''} {', '.join(absent)} "
                "not listed; "
                "expected each month 1-12 exactly once",
            )
    if "venue_tiers" in raws and "tier" in checked["venue_tiers"].values:
        _check_tiers(raws["venue_tiers"], checked["venue_tiers"], report)
    if "secretaries" in raws:
        _check_special_course(raws["secretaries"], checked["secretaries"], report)
    if "agency_cadres" in raws:
        _check_pairing(raws["agency_cadres"], checked["agency_cadres"], report)


def _check_special_course(raw: _Raw, c: _Checked, report: _Report) -> None:
    """A course counts as the plan's special course only if it was taken at all."""
    if not {"special_course", "trained_out_of_town"} <= c.values.keys():
        return
    ok = c.valid["special_course"] & c.valid["trained_out_of_town"]
    special = c.values["special_course"].to_numpy(dtype=object) == True  # noqa: E712
    trained = c.values["trained_out_of_town"].to_numpy(dtype=object) == True  # noqa: E712
    report.cells(
        raw,
        "special_course",
        "order",
        ok & special & ~trained,
        "no when 'trained_out_of_town' is no (only a course taken can be the special course)",
    )


def _check_pairing(raw: _Raw, c: _Checked, report: _Report) -> None:
    """A cadre with a paired household has the month the pairing began, and only then."""
    if "poor_households" not in c.values or "paired_from" not in c.values:
        return
    ok = c.valid["poor_households"] & c.valid["paired_from"]
    households = c.values["poor_households"].to_numpy()
    dated = (c.values["paired_from"] != "").to_numpy()
    missing = ok & (households >= 1) & ~dated
    report.cells(
        raw,
        "paired_from",
        "pairing",
        missing,
        "the month the pairing began, since poor_households is 1 or more",
    )
    stray = ok & (households == 0) & dated
    report.cells(
        raw,
        "paired_from",
        "pairing",
        stray,
        "an empty cell, since poor_households is 0 (no household paired yet)",
    )


def _check_tiers(raw: _Raw, c: _Checked, report: _Report) -> None:
    tiers = c.values["tier"].where(c.valid["tier"])
    absent = [t for t in STANDARD_TIERS if t not in set(tiers.dropna())]
    if absent:
        report.add(
            (raw.label, "tier", "coverage"),
            raw.label,
            f"column 'tier': {', '.join(absent)} not listed; expected each of "
            f"{', '.join(STANDARD_TIERS)} exactly once",
        )
    if "min_area_m2" not in c.values:
        return
    area = c.values["min_area_m2"]
    ok = c.valid["tier"] & c.valid["min_area_m2"]
    rows = {tiers.iat[i]: i for i in np.flatnonzero(ok)}
    previous = None
    for tier in STANDARD_TIERS:
        if tier not in rows:
            continue
        i = rows[tier]
        if previous is not None and area.iat[i] <= area.iat[previous]:
            report.cells(
                raw,
                "min_area_m2",
                "order",
                np.arange(len(area)) == i,
                f"more than {raw.cells['min_area_m2'].iat[previous]} (tier "
                f"'{tiers.iat[previous]}' on line {raw.lines[previous]}); "
                "each tier needs more floor area than the one below",
                extra=np.full(len(area), f"for tier '{tier}'", dtype=object),
            )
        previous = i


# --------------------------------------------------------------------------- typed frames


_YEAR_MONTH = re.compile(
    r"([0-9]{4})\s*(?:[-/.]|年)\s*([0-9]{1,2})(?:\s*月)?"
    r"(?:[-/.][0-9]{1,2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?)?"
)


@lru_cache(maxsize=4096)
def _parse_year_month(text: str) -> str | None:
    """``"2014-03"`` from ``2014-03``, ``2014-3``, ``2014/03``, ``2014年3月`` or a date such as
    ``2014-03-01`` (an Excel date cell); ``""`` for an empty cell; None when unreadable."""
    if text == "":
        return ""
    m = _YEAR_MONTH.fullmatch(text.strip())
    if m is None or not 1 <= int(m.group(2)) <= 12 or not 1900 <= int(m.group(1)) <= 2200:
        return None
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"


def _typed_frame(table: Table, checked: _Checked) -> pd.DataFrame:
    data: dict[str, Any] = {}
    for col in table.columns:
        v = checked.values[col.name].reset_index(drop=True)
        if col.kind == "int":
            data[col.name] = v.astype("int64")
        elif col.kind == "float":
            data[col.name] = v.astype("float64")
        elif col.kind == "bool":
            data[col.name] = v.astype(bool)
        elif col.kind == "months":
            data[col.name] = pd.Series(list(v), dtype=object)
        else:
            data[col.name] = v.astype(str)
    return pd.DataFrame(data)


def _text_frame(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Bools as yes/no and months as ``"1,2,11,12"``; other columns unchanged."""
    out = {}
    for col in table.columns:
        v = frame[col.name]
        if col.kind == "bool":
            v = v.map(lambda x: {True: "yes", False: "no"}.get(x, x))
        elif col.kind == "months":
            v = v.map(_months_text)
        out[col.name] = v
    extra = [c for c in frame.columns if c not in out]
    return pd.DataFrame(out | {c: frame[c] for c in extra}, index=frame.index)


def _months_text(months: Any) -> Any:
    if isinstance(months, tuple | list):
        return ",".join(str(int(m)) if isinstance(m, int | np.integer) else str(m) for m in months)
    return months


# --------------------------------------------------------------------------- writing


def write_workbook(
    path: str | Path,
    frames: dict[str, pd.DataFrame],
    readme: list[list[Any]] | None = None,
    dropdowns: dict[str, dict[str, tuple[str, ...]]] | None = None,
) -> Path:
    """Write frames as sheets of one Excel workbook, atomically (temporary name, then rename).

    Parameters
    ----------
    path : str or Path
        Workbook to write; replaced if it exists.
    frames : dict
        Sheet name -> frame; numbers are written as numbers, header in row 1 (bold, frozen).
    readme : list of rows, optional
        Rows of a first sheet named ``README``.
    dropdowns : dict, optional
        Sheet -> column -> allowed values, offered as an in-cell list in Excel.

    Examples
    --------
    >>> write_workbook("out.xlsx", {"calendar": load_baseline().calendar})  # doctest: +SKIP
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    out = Path(path)
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    if readme is not None:
        ws = book.create_sheet(README_SHEET)
        for row in readme:
            ws.append(list(row))
        for letter, width in zip("ABCDEFG", (16, 24, 20, 26, 44, 14, 90), strict=True):
            ws.column_dimensions[letter].width = width
    for name, frame in frames.items():
        ws = book.create_sheet(name)
        ws.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            ws.append([_excel_value(v) for v in row])
        for j, col in enumerate(frame.columns, 1):
            ws.cell(row=1, column=j).font = bold
            ws.column_dimensions[get_column_letter(j)].width = max(12, len(str(col)) + 2)
        ws.freeze_panes = "A2"
        for j, col in enumerate(frame.columns, 1):
            allowed = (dropdowns or {}).get(name, {}).get(col)
            if allowed:
                letter = get_column_letter(j)
                dv = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"')
                dv.add(f"{letter}2:{letter}5000")
                ws.add_data_validation(dv)
    return atomic_write(out, book.save)


def _excel_value(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value
