"""Hostile data: odd digits, huge numbers, control characters, damaged or oversized files.

Each case once ended in a traceback or in models running on wrong numbers; each must now
be a DataError naming the file, line and column, at load time.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

import planning.data
from planning.cli import main
from planning.data import Baseline, load_baseline
from planning.errors import DataError
from planning.limits import MAX_DATA_FILE_BYTES, MAX_ID_LENGTH, MAX_ROWS, MAX_TEXT_LENGTH
from planning.tables import TABLES
from planning.template import write_template


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Baseline:
    """The template's example data set: 2 counties, 4 villages, every table filled."""
    book = tmp_path_factory.mktemp("tpl") / "template.xlsx"
    write_template(book)
    return load_baseline(book)


@pytest.fixture
def good(small, tmp_path) -> Path:
    """A valid CSV folder; every file opens with a '#' line, so the header is line 2."""
    folder = tmp_path / "good"
    small.to_csv(folder, comment="my county")
    return folder


@pytest.fixture
def book(small, tmp_path) -> Path:
    path = tmp_path / "book.xlsx"
    small.to_excel(path)
    return path


def edit(folder: Path, table: str, old: str, new: str) -> None:
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (old, text)
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_baseline(path)
    return [str(p) for p in info.value.problems]


def headline(path: Path) -> str:
    with pytest.raises(DataError) as info:
        load_baseline(path)
    assert info.value.problems == []
    return info.value.headline


def validate(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def rewrite_zip(src: Path, dst: Path, edit_part) -> None:
    """Copy a workbook part by part; ``edit_part(name, data)`` returns new bytes or None."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit_part(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data)


def sheet_part(path: Path, title: str) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return book[title]._worksheet_path
    finally:
        book.close()


# --------------------------------------------------------------------- 1: odd digits


@pytest.mark.parametrize("month", ["1²", "①", "١", "1\u00b9"])
def test_months_with_non_ascii_digits_are_a_cell_problem(good, month):
    # str.isdigit() is true for each of these; int() fails on most of them.
    edit(good, "training_bases", '"1,2,7,8,11,12"', f'"{month},2,7,8,11,12"')
    assert problems(good) == [
        f"training_bases.csv:3: column 'months_allowed': found '{month},2,7,8,11,12'; "
        "expected month numbers 1-12 separated by commas, e.g. 1,2,11,12"
    ]


def test_months_with_leading_zeros_still_read(good):
    edit(good, "training_bases", '"1,2,7,8,11,12"', '"01,02,07,08,11,12"')
    assert load_baseline(good).training_bases["months_allowed"].iat[0] == (1, 2, 7, 8, 11, 12)


def test_month_with_thousands_of_digits_is_a_cell_problem(good):
    edit(good, "training_bases", '"1,2,7,8,11,12"', '"' + "1" * 5000 + '"')
    (found,) = problems(good)
    assert found.startswith("training_bases.csv:3: column 'months_allowed': found '111")


# --------------------------------------------------------------------- 2: huge numbers


@pytest.mark.parametrize("value", ["1e20", "10000000000000000000", "9223372036854775808"])
def test_whole_numbers_beyond_int64_are_out_of_range(good, value):
    edit(good, "villages", ",820,", f",{value},")
    assert problems(good) == [
        f"villages.csv:3: column 'households': found '{value}'; "
        "expected a whole number >= 1 and <= 50,000"
    ]


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400"])
def test_floats_must_be_finite(good, value):
    edit(good, "villages", ",180.0,", f",{value},")
    assert problems(good) == [
        f"villages.csv:3: column 'venue_area_m2': found '{value}'; "
        "expected a number > 0 and <= 100,000"
    ]


def test_every_number_column_has_both_bounds():
    for t in TABLES:
        for c in t.columns:
            if c.kind in ("int", "float"):
                assert c.min is not None and c.max is not None, f"{t.name}.{c.name}"
                assert c.max < 2**53, f"{t.name}.{c.name}"


def test_huge_number_in_a_workbook_cell(small, tmp_path):
    path = tmp_path / "book.xlsx"
    small.to_excel(path)
    wb = openpyxl.load_workbook(path)
    wb["villages"]["E2"] = 10**20  # households, after name and name_zh
    wb["training_bases"]["E2"] = 1e20  # seats_per_class
    wb.save(path)
    assert problems(path) == [
        "book.xlsx[villages]:2: column 'households': found '1e+20'; "
        "expected a whole number >= 1 and <= 50,000",
        "book.xlsx[training_bases]:2: column 'seats_per_class': found '1e+20'; "
        "expected a whole number >= 1 and <= 1,000",
    ]


# --------------------------------------------------------------------- 6: seats, control chars


def test_seats_per_class_1e20_rejected_at_load(good):
    edit(good, "training_bases", "yes,60,7,", "yes,1e20,7,")
    assert problems(good) == [
        "training_bases.csv:3: column 'seats_per_class': found '1e20'; "
        "expected a whole number >= 1 and <= 1,000"
    ]


@pytest.mark.parametrize(("char", "shown"), [("\x01", "\\x01"), ("\x00", "\\x00")])
def test_control_character_in_an_id(good, char, shown):
    edit(good, "training_bases", "B2,Pine", f"B{char}2,Pine")
    assert problems(good) == [
        f"training_bases.csv:4: column 'base_id': found 'B{shown}2'; "
        "expected an id without control characters (retype the cell)"
    ]


def test_control_character_in_a_text_cell(good):
    edit(good, "villages", "Willow Village", "Willow\x07Village")
    assert problems(good) == [
        "villages.csv:3: column 'name': found 'Willow\\x07Village'; "
        "expected text without control characters (retype the cell)"
    ]


def test_tab_and_line_break_in_a_text_cell_are_fine(good):
    edit(good, "villages", "Willow Village", '"Willow\tVillage\nupper part"')
    assert load_baseline(good).villages["name"].iat[0] == "Willow\tVillage\nupper part"


def test_control_character_in_a_reference_does_not_match(good):
    edit(good, "villages", "V001,T01,", "V001,T\x0101,")
    assert problems(good) == [
        "villages.csv:3: column 'township_id': found 'T\\x0101'; expected an id listed in townships"
    ]


def test_id_and_text_lengths(good):
    long_id = "V" * (MAX_ID_LENGTH + 1)
    long_name = "W" * (MAX_TEXT_LENGTH + 1)
    edit(good, "communities", "M01,", f"{long_id},")
    edit(good, "villages", "Willow Village", long_name)
    assert problems(good) == [
        "villages.csv:3: column 'name': found 'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW...'; "
        "expected text of at most 1,000 characters",
        "communities.csv:3: column 'community_id': found 'VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV...'; "
        "expected an id of at most 64 characters",
    ]


def test_longest_id_allowed(good):
    edit(good, "communities", "M01,", f"{'M' * MAX_ID_LENGTH},")
    assert load_baseline(good).communities["community_id"].iat[0] == "M" * MAX_ID_LENGTH


def test_control_character_in_a_header_is_shown_escaped(good):
    edit(good, "calendar", "note", "note,x\x02y")
    assert "calendar.csv: column 'x\\x02y' is not used; ignored" in load_baseline(good).warnings


# --------------------------------------------------------------------- 7: damaged sheet


def test_truncated_sheet_xml_is_a_data_error(book, tmp_path):
    part = sheet_part(book, "villages")
    damaged = tmp_path / "damaged.xlsx"
    rewrite_zip(book, damaged, lambda n, d: d[: len(d) // 2] if n == part else d)
    text = headline(damaged)
    assert text.startswith(
        f"{damaged}: sheet 'villages' is damaged and cannot be read (ParseError: "
    )
    assert text.endswith(
        "); open the workbook in Excel or WPS and save it again as 'Excel Workbook (.xlsx)'"
    )


def test_truncated_sheet_xml_through_the_cli(book, tmp_path, capsys):
    part = sheet_part(book, "calendar")
    damaged = tmp_path / "damaged.xlsx"
    rewrite_zip(book, damaged, lambda n, d: d[:-40] if n == part else d)
    code, out, err = validate(capsys, "--data", str(damaged), "baseline")
    assert code == 2
    assert out == ""
    assert "sheet 'calendar' is damaged and cannot be read" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------- 15: workbook oddities


def test_formula_without_saved_value(book):
    wb = openpyxl.load_workbook(book)
    wb["villages"]["E2"] = "=E3+1"  # households
    wb["villages"]["C3"] = '=UPPER("stone")'
    wb.save(book)  # openpyxl saves formulas without their values, as some tools do
    assert problems(book) == [
        "book.xlsx[villages]:3: column 'name': found a formula without a saved value "
        "('=UPPER(\"stone\")'): open and save the file in Excel (or WPS), which stores the "
        "computed values, then validate again",
        "book.xlsx[villages]:2: column 'households': found a formula without a saved value "
        "('=E3+1'): open and save the file in Excel (or WPS), which stores the computed "
        "values, then validate again",
    ]


def test_formula_with_saved_value_is_read(book, tmp_path):
    # What Excel writes: the formula and its last computed value side by side.
    part = sheet_part(book, "villages")

    def add_formula(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        text = data.decode()
        assert text.count("<v>820</v>") == 1
        return text.replace("<v>820</v>", "<f>D3-220</f><v>820</v>").encode()

    saved = tmp_path / "saved.xlsx"
    rewrite_zip(book, saved, add_formula)
    assert load_baseline(saved).villages["households"].iat[0] == 820


def _add_chart_sheet(path: Path, title: str) -> None:
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.load_workbook(path)
    if title in wb.sheetnames:
        del wb[title]
    chart = BarChart()
    chart.add_data(Reference(wb["villages"], min_col=4, min_row=1, max_row=5))
    wb.create_chartsheet(title).add_chart(chart)
    wb.save(path)


def test_chart_sheet_beside_the_tables_is_ignored(book):
    _add_chart_sheet(book, "Households")
    assert "book.xlsx: sheet 'Households' is not a table of the baseline; ignored" in (
        load_baseline(book).warnings
    )


def test_chart_sheet_named_like_a_table(book):
    _add_chart_sheet(book, "calendar")
    assert problems(book) == [
        "book.xlsx: sheet 'calendar' is a chart sheet; expected an ordinary sheet holding the "
        "calendar table (give the chart sheet another name)"
    ]


def test_chart_sheet_openpyxl_cannot_read(book, tmp_path):
    # A chart sheet without its relationships part made openpyxl fail with AttributeError.
    _add_chart_sheet(book, "Households")
    bare = tmp_path / "bare.xlsx"
    rewrite_zip(book, bare, lambda n, d: None if n.startswith("xl/chartsheets/_rels/") else d)
    assert headline(bare) == (
        f"{bare}: holds a chart sheet that cannot be read ('Households'); delete the chart "
        "sheet (or move its chart onto an ordinary sheet), save, and validate again"
    )


# --------------------------------------------------------------------- 15: sizes and rows


def test_oversized_csv_file_is_refused_unread(good):
    with (good / "cadres.csv").open("r+b") as f:
        f.truncate(MAX_DATA_FILE_BYTES + 1)  # sparse: nothing is written
    assert problems(good) == [
        "cadres.csv: file is too large (50.0 MB); expected at most 50.0 MB per data file. "
        "Is it the right file?"
    ]


def test_oversized_workbook_is_refused_unread(book):
    with book.open("r+b") as f:
        f.truncate(MAX_DATA_FILE_BYTES + 10 * 1024 * 1024)
    assert headline(book) == (
        "book.xlsx: file is too large (60.0 MB); expected at most 50.0 MB per data file. "
        "Is it the right file?"
    )


def test_workbook_that_unpacks_too_far_is_refused(book, tmp_path, monkeypatch):
    monkeypatch.setattr(planning.data, "MAX_WORKBOOK_UNPACKED_BYTES", 100_000)
    part = sheet_part(book, "calendar")
    bomb = tmp_path / "bomb.xlsx"
    rewrite_zip(book, bomb, lambda n, d: d + b" " * 200_000 if n == part else d)
    assert headline(bomb).startswith(f"{bomb}: the workbook unpacks to ")
    assert headline(bomb).endswith("; expected at most 100,000 bytes. Is it the right file?")


def test_table_with_too_many_rows(good):
    lines = (good / "cadres.csv").read_text(encoding="utf-8").splitlines()
    row = lines[2].split(",", 1)[1]
    body = [f"K{i:07d},{row}" for i in range(MAX_ROWS + 1)]
    (good / "cadres.csv").write_text("\n".join(lines[:2] + body) + "\n", encoding="utf-8")
    assert problems(good) == [
        f"cadres.csv:{MAX_ROWS + 3}: found more than 200,000 rows; expected at most "
        "200,000 rows per table (split the data, e.g. one city per folder)"
    ]


def test_table_at_the_row_limit_loads(good, monkeypatch):
    monkeypatch.setattr(planning.data, "MAX_ROWS", 12)
    assert len(load_baseline(good).calendar) == 12


def test_sheet_with_too_many_rows_is_refused_before_parsing(book, monkeypatch):
    monkeypatch.setattr(planning.data, "MAX_ROWS", 5)
    parsed = []
    real = planning.data._read_sheet
    monkeypatch.setattr(
        planning.data,
        "_read_sheet",
        lambda sheet, *a: parsed.append(sheet.title) or real(sheet, *a),
    )
    assert problems(book) == [
        "book.xlsx[cadres]: sheet 'cadres' has more than 5 rows; expected at most 5 rows per "
        "table (split the data, e.g. one city per workbook)",
        "book.xlsx[talent_pool]: sheet 'talent_pool' has more than 5 rows; expected at most 5 "
        "rows per table (split the data, e.g. one city per workbook)",
        "book.xlsx[calendar]: sheet 'calendar' has more than 5 rows; expected at most 5 rows "
        "per table (split the data, e.g. one city per workbook)",
    ]
    assert {"cadres", "talent_pool", "calendar"}.isdisjoint(parsed)
    assert "villages" in parsed
