"""Loading and strict validation of the baseline data (planning.data)."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.data import MAX_PER_KIND, Baseline, load_baseline
from planning.errors import DataError
from planning.paths import EXAMPLE_CITY_DIR
from planning.tables import ILLUSTRATIVE_NOTE, TABLES
from planning.template import write_template

# --------------------------------------------------------------------------- fixtures


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
    small.to_csv(folder, comment=ILLUSTRATIVE_NOTE)
    return folder


def edit(folder: Path, table: str, old: str, new: str, count: int = 1) -> None:
    """Replace text in NAME.csv (exactly ``count`` occurrences must exist)."""
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, (old, text)
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_baseline(path)
    return [str(p) for p in info.value.problems]


def only_problem(path: Path) -> str:
    found = problems(path)
    assert len(found) == 1, found
    return found[0]


def sha256_of(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


# --------------------------------------------------------------------------- good data


def test_example_city_loads_cleanly(example_baseline):
    b = example_baseline
    assert b.warnings == ()
    for t in TABLES:
        frame = b.table(t.name)
        assert list(frame.columns) == list(t.column_names)
        text = (EXAMPLE_CITY_DIR / t.filename).read_text(encoding="utf-8").splitlines()
        rows = [line for line in text if line and not line.startswith("#")]
        assert len(frame) == len(rows) - 1  # minus the header
    assert b.villages["village_id"].is_unique
    assert sorted(b.secretaries["village_id"]) == sorted(b.villages["village_id"])
    assert sorted(b.calendar["month"]) == list(range(1, 13))
    assert set(b.file_hashes) == {t.filename for t in TABLES}


def test_typed_frames(small):
    assert small.secretaries["trained_out_of_town"].dtype == bool
    assert small.secretaries["trained_out_of_town"].tolist() == [False, True, False, False]
    assert small.villages["households"].dtype == np.int64
    assert small.villages["households"].sum() == 820 + 1040 + 610 + 930
    assert small.villages["venue_area_m2"].dtype == np.float64
    assert small.training_bases["months_allowed"].tolist() == [
        (1, 2, 7, 8, 11, 12),
        (1, 2, 3, 7, 8, 11, 12),
    ]
    assert small.village_county.to_dict() == {
        "V001": "C01",
        "V002": "C01",
        "V003": "C02",
        "V004": "C02",
    }


def test_csv_and_excel_round_trip(small, tmp_path):
    small.to_csv(tmp_path / "csv")
    small.to_excel(tmp_path / "book.xlsx")
    for copy in (load_baseline(tmp_path / "csv"), load_baseline(tmp_path / "book.xlsx")):
        for t in TABLES:
            pd.testing.assert_frame_equal(copy.table(t.name), small.table(t.name))


def test_input_files_unchanged_and_hashed(good):
    before = sha256_of(good)
    mtimes = {p.name: p.stat().st_mtime_ns for p in good.iterdir()}
    b = load_baseline(good)
    assert sha256_of(good) == before
    assert {p.name: p.stat().st_mtime_ns for p in good.iterdir()} == mtimes
    assert b.file_hashes == before
    assert b.source == str(good)


def test_bad_input_files_unchanged(good):
    edit(good, "villages", "820", "-820")
    before = sha256_of(good)
    problems(good)
    assert sha256_of(good) == before


# --------------------------------------------------------------------------- accepted variants


def test_bom_crlf_spaces_and_case(good, small):
    for t in TABLES:
        path = good / t.filename
        lines = path.read_text(encoding="utf-8").splitlines()
        header = ",".join(f"  {h.upper()} " for h in lines[1].split(","))
        body = [", ".join(f" {c} " for c in line.split(",")) for line in lines[2:]]
        text = "\r\n".join([lines[0], header, *body]) + "\r\n"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    # the quoted months "1,2,7,8,11,12" became '" 1', ' 2', ...: restore that one file
    small.to_csv(good / "plain")
    shutil.copy(good / "plain" / "training_bases.csv", good / "training_bases.csv")
    shutil.rmtree(good / "plain")
    b = load_baseline(good)
    for t in TABLES:
        pd.testing.assert_frame_equal(b.table(t.name), small.table(t.name))


@pytest.mark.parametrize(
    ("yes", "no"), [("yes", "no"), ("YES", "No"), ("true", "false"), ("TRUE", "False"), ("1", "0")]
)
def test_bool_spellings(good, small, yes, no):
    # The last three columns: trained_out_of_town, key_secretary, special_course.
    edit(good, "secretaries", ",no,yes,no\n", f",{no},{yes},{no}\n", count=2)
    edit(good, "secretaries", ",yes,no,yes\n", f",{yes},{no},{yes}\n")
    edit(good, "secretaries", ",no,no,no\n", f",{no},{no},{no}\n")
    b = load_baseline(good)
    pd.testing.assert_frame_equal(b.secretaries, small.secretaries)


def test_months_with_spaces_and_duplicates(good):
    edit(good, "training_bases", '"1,2,7,8,11,12"', '" 12, 1 ,2,  7,8 ,11, 12"')
    b = load_baseline(good)
    assert b.training_bases["months_allowed"].iat[0] == (1, 2, 7, 8, 11, 12)


def _drop_column(folder: Path, table: str, column: str) -> None:
    path = folder / f"{table}.csv"
    frame = pd.read_csv(path, skiprows=1, dtype=str, keep_default_na=False)
    text = frame.drop(columns=[column]).to_csv(index=False)
    path.write_text(f"# {ILLUSTRATIVE_NOTE}\n{text}", encoding="utf-8")


def test_optional_columns_take_their_defaults(good, small):
    # Data made before the special course and the class rules load as they did: no earlier
    # course counts, classes need 30 trainees, no fixed cost per class.
    _drop_column(good, "secretaries", "special_course")
    _drop_column(good, "training_bases", "min_class_size")
    _drop_column(good, "training_bases", "cost_per_class_yuan")
    b = load_baseline(good)
    assert b.warnings == ()
    assert b.secretaries["special_course"].tolist() == [False] * 4
    assert b.training_bases["min_class_size"].tolist() == [30, 30]
    assert b.training_bases["cost_per_class_yuan"].tolist() == [0.0, 0.0]
    assert small.secretaries["special_course"].tolist() == [False, True, False, False]


def test_empty_optional_cells_take_their_defaults(good):
    edit(good, "secretaries", ",yes,no,yes\n", ",yes,no,\n")
    edit(good, "training_bases", ",2,30,17500.0\n", ",2,,\n")
    b = load_baseline(good)
    assert b.secretaries["special_course"].tolist() == [False] * 4
    assert b.training_bases["min_class_size"].tolist() == [30, 30]
    assert b.training_bases["cost_per_class_yuan"].tolist() == [0.0, 3000.0]


def test_special_course_needs_a_course_taken(good):
    edit(
        good,
        "secretaries",
        "S003,V003,56,junior_middle,15.0,no,no,no",
        "S003,V003,56,junior_middle,15.0,no,no,yes",
    )
    assert only_problem(good) == (
        "secretaries.csv:5: column 'special_course': found 'yes'; expected no when "
        "'trained_out_of_town' is no (only a course taken can be the special course)"
    )


def test_class_rules_out_of_bounds(good):
    edit(good, "training_bases", ",2,30,17500.0\n", ",2,0,-1\n")
    assert problems(good) == [
        "training_bases.csv:3: column 'min_class_size': found '0'; expected a whole number "
        ">= 1 and <= 1,000; an empty cell or a missing column means 30",
        "training_bases.csv:3: column 'cost_per_class_yuan': found '-1'; expected a number "
        ">= 0 and <= 10,000,000; an empty cell or a missing column means 0",
    ]


def test_thousands_separators_and_percent_shares(good):
    edit(good, "counties", ",86000,", ',"86,000",')
    edit(good, "counties", ",0.11,", ",11%,")
    b = load_baseline(good)
    assert b.counties["population"].iat[0] == 86000
    assert b.counties["income_growth"].iat[0] == pytest.approx(0.11)


def test_no_comment_line_header_is_line_1(good):
    for t in TABLES:
        path = good / t.filename
        path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    load_baseline(good)
    edit(good, "villages", "820", "-820")
    assert only_problem(good) == (
        "villages.csv:2: column 'households': found '-820'; expected a whole number >= 1 and <= 50,000"
    )


def test_blank_lines_keep_physical_line_numbers(good):
    edit(good, "villages", "\nV002,", "\n\n,,,,,\nV002,")
    edit(good, "villages", "1040", "x")
    # line 1 comment, 2 header, 3 V001, 4 blank, 5 empty cells, 6 V002
    assert only_problem(good) == (
        "villages.csv:6: column 'households': found 'x'; expected a whole number >= 1 and <= 50,000"
    )


def test_optional_column_may_be_left_out(good):
    path = good / "calendar.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [",".join(line.split(",")[:2]) for line in lines[1:]]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    b = load_baseline(good)
    assert b.calendar["note"].tolist() == [""] * 12


def test_excel_numbers_and_booleans(small, tmp_path):
    book = tmp_path / "book.xlsx"
    small.to_excel(book)
    wb = openpyxl.load_workbook(book)
    ws = wb["secretaries"]
    ws["F2"] = True  # trained_out_of_town as an Excel boolean
    ws["C2"] = 48.0  # a whole number stored as float
    ws["A2"] = 1001  # a numeric id
    wb.save(book)
    b = load_baseline(book)
    assert b.secretaries["trained_out_of_town"].iat[0]
    assert b.secretaries["age"].iat[0] == 48
    assert b.secretaries["secretary_id"].iat[0] == "1001"


# --------------------------------------------------------------------------- warnings


def test_unknown_columns_files_and_sheets_are_warnings(good, small, tmp_path):
    edit(good, "villages", "venue_tenure\n", "venue_tenure,remark\n")
    (good / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    b = load_baseline(good)
    assert b.warnings == (
        "notes.csv: not a table of the baseline; ignored",
        "villages.csv: column 'remark' is not used; ignored",
    )
    book = tmp_path / "book.xlsx"
    small.to_excel(book)
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("Sheet1")
    wb.save(book)
    assert load_baseline(book).warnings == (
        "book.xlsx: sheet 'Sheet1' is not a table of the baseline; ignored",
    )


# --------------------------------------------------------------------------- each bad input


def test_missing_file(good):
    (good / "cadres.csv").unlink()
    assert only_problem(good) == (
        f"cadres.csv: file not found in {good}; expected one CSV file per table"
    )


def test_misnamed_file_suggests_the_name(good):
    (good / "cadres.csv").rename(good / "cadre.csv")
    assert problems(good)[0] == (
        f"cadres.csv: file not found in {good}; expected one CSV file per table "
        "('cadre.csv' looks like it; rename it)"
    )


def test_missing_sheet(small, tmp_path):
    book = tmp_path / "book.xlsx"
    small.to_excel(book)
    wb = openpyxl.load_workbook(book)
    wb["calendar"].title = "calender"
    del wb["cadres"]
    wb.save(book)
    assert problems(book) == [
        "book.xlsx: sheet 'cadres' not found; expected one sheet per table",
        "book.xlsx: sheet 'calendar' not found; expected one sheet per table "
        "(sheet 'calender' looks like it; rename it)",
    ]


def test_missing_column_suggests_misspelt_header(good):
    edit(good, "villages", ",households,", ",housholds,")
    assert only_problem(good) == (
        "villages.csv:2: column 'households': not found; "
        "column 'housholds' looks like 'households' (rename it)"
    )


def test_missing_column_without_lookalike(good):
    path = good / "counties.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line.rsplit(",", 1)[0] for line in lines[1:]]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert only_problem(good) == (
        "counties.csv:2: column 'member_respondents': not found; add a column named "
        "'member_respondents' (a whole number >= 1 and <= 1,000,000)"
    )


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        (
            "counties",
            ",86000,",
            ",lots,",
            "counties.csv:3: column 'population': found 'lots'; expected a whole number >= 1 and <= 10,000,000",
        ),
        (
            "villages",
            ",1040,",
            ",1040.5,",
            "villages.csv:4: column 'households': found '1040.5'; expected a whole number >= 1 and <= 50,000",
        ),
        (
            "villages",
            ",180.0,",
            ",big,",
            "villages.csv:3: column 'venue_area_m2': found 'big'; expected a number > 0 and <= 100,000",
        ),
        (
            "villages",
            ",820,",
            ",,",
            "villages.csv:3: column 'households': found an empty cell; "
            "expected a whole number >= 1 and <= 50,000",
        ),
    ],
)
def test_wrong_type(good, table, old, new, message):
    edit(good, table, old, new)
    assert only_problem(good) == message


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        (
            "villages",
            ",820,",
            ",-5,",
            "villages.csv:3: column 'households': found '-5'; expected a whole number >= 1 and <= 50,000",
        ),
        (
            "counties",
            ",0.84,420,",
            ",1.4,420,",
            "counties.csv:3: column 'satisfaction': found '1.4'; expected a number >= 0 and <= 1",
        ),
        (
            "counties",
            ",0.84,420,",
            ",0.84,0,",
            "counties.csv:3: column 'satisfaction_respondents': found '0'; expected a whole "
            "number >= 1 and <= 1,000,000",
        ),
        (
            "agency_cadres",
            ",2,2013-11\n",
            ",2,2013-13\n",
            "agency_cadres.csv:3: column 'paired_from': found '2013-13'; expected a year and "
            "month such as 2014-03, or empty for none",
        ),
        (
            "agency_cadres",
            ",2,2013-11\n",
            ",-1,2013-11\n",
            "agency_cadres.csv:3: column 'poor_households': found '-1'; expected a whole number "
            ">= 0 and <= 100",
        ),
        (
            "villages",
            ",95.0,",
            ",0,",
            "villages.csv:6: column 'venue_area_m2': found '0'; expected a number > 0 and <= 100,000",
        ),
        (
            "communities",
            ",rented,0\n",
            ",rented,-1\n",
            "communities.csv:4: column 'social_workers': found '-1'; expected a whole number >= 0 and <= 1,000",
        ),
        (
            "calendar",
            "\n4,0.1,",
            "\n4,-0.1,",
            "calendar.csv:6: column 'availability': found '-0.1'; expected a number >= 0 and <= 1",
        ),
        (
            "secretaries",
            ",56,",
            ",156,",
            "secretaries.csv:5: column 'age': found '156'; expected a whole number >= 18 and <= 80",
        ),
        (
            "training_bases",
            '"1,2,7,8,11,12"',
            '"1,2,13"',
            "training_bases.csv:3: column 'months_allowed': found '1,2,13'; "
            "expected month numbers 1-12 separated by commas, e.g. 1,2,11,12",
        ),
        (
            "training_bases",
            '"1,2,7,8,11,12"',
            '"Jan,Feb"',
            "training_bases.csv:3: column 'months_allowed': found 'Jan,Feb'; "
            "expected month numbers 1-12 separated by commas, e.g. 1,2,11,12",
        ),
    ],
)
def test_out_of_range(good, table, old, new, message):
    edit(good, table, old, new)
    assert only_problem(good) == message


def test_pairing_month_follows_the_households(good):
    """A cadre with a paired household has the month it began; one without has none."""
    edit(good, "agency_cadres", ",2,2013-11\n", ",2,\n")
    edit(good, "agency_cadres", ",0,\n", ",0,2014-02\n")
    assert problems(good) == [
        "agency_cadres.csv:3: column 'paired_from': found an empty cell; expected the month "
        "the pairing began, since poor_households is 1 or more",
        "agency_cadres.csv:5: column 'paired_from': found '2014-02'; expected an empty cell, "
        "since poor_households is 0 (no household paired yet)",
    ]


def test_pairing_month_accepts_the_ways_people_write_it(good):
    edit(good, "agency_cadres", ",2,2013-11\n", ",2,2013年11月\n")
    edit(good, "agency_cadres", ",1,2014-04\n", ",1,2014/4\n")
    b = load_baseline(good)
    assert b.agency_cadres["paired_from"].tolist() == ["2013-11", "2014-04", ""]


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        (
            "villages",
            ",owned\nV002",
            ",bought\nV002",
            "villages.csv:3: column 'venue_tenure': found 'bought'; expected one of owned, rented",
        ),
        (
            "cadres",
            ",primary",
            ",university",
            "cadres.csv:6: column 'education': found 'university'; expected one of primary, "
            "junior_middle, senior_middle, junior_college, bachelor, postgraduate",
        ),
        (
            "secretaries",
            "S002,V002,39,junior_college,4.5,yes",
            "S002,V002,39,junior_college,4.5,maybe",
            "secretaries.csv:4: column 'trained_out_of_town': found 'maybe'; "
            "expected yes or no (also true/false, 1/0)",
        ),
    ],
)
def test_bad_choice(good, table, old, new, message):
    edit(good, table, old, new)
    assert only_problem(good) == message


def test_empty_id(good):
    edit(good, "cadres", "K004,", ",")
    assert only_problem(good) == (
        "cadres.csv:6: column 'cadre_id': found an empty cell; expected a unique, non-empty id"
    )


def test_duplicate_id_names_both_lines(good):
    edit(good, "cadres", "K005,", "K002,")
    assert only_problem(good) == (
        "cadres.csv:7: column 'cadre_id': found 'K002' again (also on line 4); "
        "expected a unique, non-empty id"
    )


def test_unique_together(good):
    edit(good, "talent_pool", "C01,cgvo,2011,", "C01,cgvo,2012,")
    assert only_problem(good) == (
        "talent_pool.csv:4: columns 'county_id', 'pool', 'cohort_year': found 'C01', 'cgvo', "
        "'2012' again (also on line 3); expected each combination only once"
    )


def test_two_secretaries_for_one_village(good):
    # S004 moves to V003: V003 has two secretaries and V004 none
    edit(good, "secretaries", "S004,V004,", "S004,V003,")
    assert problems(good) == [
        "secretaries.csv:6: column 'village_id': found 'V003' again (also on line 5); "
        "expected each village_id only once",
        "secretaries.csv: column 'village_id': no row for 1 of the villages (V004); "
        "expected one secretary per village",
    ]


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        (
            "villages",
            "V003,T02,",
            "V003,T09,",
            "villages.csv:5: column 'township_id': found 'T09'; expected an id listed in townships",
        ),
        (
            "townships",
            "T02,C02,",
            "T02,C2,",
            "townships.csv:4: column 'county_id': found 'C2'; expected an id listed in counties",
        ),
        (
            "cadres",
            "K006,V004,",
            "K006,V04,",
            "cadres.csv:8: column 'village_id': found 'V04'; expected an id listed in villages",
        ),
        (
            "communities",
            "M02,C02,",
            "M02,C03,",
            "communities.csv:4: column 'county_id': found 'C03'; expected an id listed in counties",
        ),
    ],
)
def test_unknown_reference(good, table, old, new, message):
    edit(good, table, old, new)
    assert only_problem(good) == message


def test_secretary_of_unknown_village(good):
    edit(good, "secretaries", "S004,V004,", "S004,V009,")
    assert problems(good) == [
        "secretaries.csv:6: column 'village_id': found 'V009'; expected an id listed in villages",
        "secretaries.csv: column 'village_id': no row for 1 of the villages (V004); "
        "expected one secretary per village",
    ]


def test_empty_table(good):
    path = good / "cadres.csv"
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:2]) + "\n")
    assert only_problem(good) == (
        "cadres.csv:2: found a header but no rows; expected at least one row of cadres"
    )


def test_empty_file(good):
    (good / "cadres.csv").write_text(f"# {ILLUSTRATIVE_NOTE}\n", encoding="utf-8")
    assert only_problem(good) == (
        "cadres.csv: found no header line; expected a header with the columns "
        "cadre_id, village_id, age, education"
    )


def test_gbk_file(good):
    path = good / "villages.csv"
    text = path.read_text(encoding="utf-8").replace("Maple Creek Village", "枫溪村")
    for name in ("柳树村", "石桥村", "北田村"):  # Chinese on line 5 only
        text = text.replace(name, "")
    path.write_bytes(text.encode("gbk"))
    assert only_problem(good) == (
        "villages.csv:5: file is not UTF-8 (looks like GBK/GB18030, as saved by older "
        "Excel/WPS); re-save as UTF-8 (CSV UTF-8)"
    )


def test_latin1_file(good):
    path = good / "townships.csv"
    text = path.read_text(encoding="utf-8").replace("Cedar Township", "Cèdre Township")
    # Latin-1 has no Chinese: the optional Chinese names are left empty.
    text = text.replace("东岸镇", "").replace("柏树乡", "")
    path.write_bytes(text.encode("latin-1"))
    message = only_problem(good)
    assert message == (
        "townships.csv:4: file is not UTF-8 (looks like Latin-1/Windows-1252, an older "
        "Western encoding); re-save as UTF-8 (CSV UTF-8)"
    )
    assert "Ã" not in message and "�" not in message


def test_too_many_values_in_a_row(good):
    edit(good, "townships", "T01,C01,Eastbank Town,东岸镇", "T01,C01,Eastbank Town,东岸镇,extra")
    assert only_problem(good) == (
        "townships.csv:3: found 5 values; expected at most 4, one per column of the header "
        "on line 2"
    )


def test_doubled_header(good):
    edit(good, "townships", "township_id,county_id,name", "township_id,county_id,name,name")
    assert only_problem(good) == (
        "townships.csv:2: column 'name': found twice in the header (columns 3 and 4); "
        "expected each column once"
    )


# --------------------------------------------------------------------------- table rules


def test_calendar_needs_each_month_once(good):
    edit(good, "calendar", "\n4,0.1,", "\n5,0.1,")
    assert problems(good) == [
        "calendar.csv:7: column 'month': found '5' again (also on line 6); "
        "expected each month only once",
        "calendar.csv: column 'month': month 4 not listed; expected each month 1-12 exactly once",
    ]


def test_venue_tiers_complete_and_increasing(good):
    edit(good, "venue_tiers", "quality,500.0,", "quality,250,")
    assert only_problem(good) == (
        "venue_tiers.csv:5: column 'min_area_m2': found '250' for tier 'quality'; expected "
        "more than 300.0 (tier 'standard' on line 4); each tier needs more floor area than "
        "the one below"
    )
    edit(good, "venue_tiers", "quality,250,", "standard,500,")
    assert problems(good) == [
        "venue_tiers.csv:5: column 'tier': found 'standard' again (also on line 4); "
        "expected each tier only once",
        "venue_tiers.csv: column 'tier': quality not listed; expected each of village, "
        "standard, quality, demonstration exactly once",
    ]


def test_every_county_has_venue_costs(good):
    path = good / "venue_costs.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("C02,1100.0,450.0,1900.0\n", ""))
    assert only_problem(good) == (
        "venue_costs.csv: column 'county_id': no row for 1 of the counties (C02); "
        "expected one row per county"
    )


# --------------------------------------------------------------------------- many problems


def test_every_problem_listed_with_headline(good):
    edit(good, "counties", ",86000,", ",lots,")
    edit(good, "villages", ",households,", ",housholds,")
    edit(good, "cadres", "K005,", "K002,")
    edit(good, "calendar", "\n4,0.1,", "\n44,0.1,")
    (good / "venue_costs.csv").unlink()
    with pytest.raises(DataError) as info:
        load_baseline(good)
    err = info.value
    assert err.headline == f"{good}: 6 problems"
    assert [str(p) for p in err.problems] == [
        "counties.csv:3: column 'population': found 'lots'; expected a whole number >= 1 and <= 10,000,000",
        "villages.csv:2: column 'households': not found; "
        "column 'housholds' looks like 'households' (rename it)",
        "cadres.csv:7: column 'cadre_id': found 'K002' again (also on line 4); "
        "expected a unique, non-empty id",
        f"venue_costs.csv: file not found in {good}; expected one CSV file per table",
        "calendar.csv:6: column 'month': found '44'; expected a whole number >= 1 and <= 12",
        "calendar.csv: column 'month': month 4 not listed; expected each month 1-12 exactly once",
    ]
    assert str(err).splitlines()[0] == err.headline


def test_problems_capped_per_column_and_kind(good):
    path = good / "cadres.csv"
    lines = path.read_text(encoding="utf-8").splitlines()[:2]
    lines += [f"K{i:04d},V001,{-i},bachelor" for i in range(1, 101)]  # ages all wrong
    lines += [f"X{i:04d},V001,30,phd" for i in range(1, 31)]  # education all wrong
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_baseline(good)
    shown = [str(p) for p in info.value.problems]
    assert info.value.headline == f"{good}: 130 problems (at most 20 shown per column and kind)"
    ages = [s for s in shown if "column 'age'" in s]
    assert len(ages) == MAX_PER_KIND + 1
    assert ages[0] == (
        "cadres.csv:3: column 'age': found '-1'; expected a whole number >= 18 and <= 80"
    )
    assert ages[-1] == (
        "cadres.csv: column 'age': ... and 80 more problems of this kind "
        "(fix the ones above and validate again)"
    )
    assert sum("column 'education'" in s for s in shown) == MAX_PER_KIND + 1


def test_excel_problems_name_sheet_and_row(small, tmp_path):
    book = tmp_path / "book.xlsx"
    small.to_excel(book)
    wb = openpyxl.load_workbook(book)
    wb["villages"]["E3"] = "many"
    wb["villages"]["B4"] = "T09"
    wb["calendar"]["B13"] = 1.5
    wb.save(book)
    assert problems(book) == [
        "book.xlsx[villages]:3: column 'households': found 'many'; expected a whole number >= 1 and <= 50,000",
        "book.xlsx[villages]:4: column 'township_id': found 'T09'; "
        "expected an id listed in townships",
        "book.xlsx[calendar]:13: column 'availability': found '1.5'; "
        "expected a number >= 0 and <= 1",
    ]


# --------------------------------------------------------------------------- paths


def test_path_not_found(tmp_path):
    with pytest.raises(DataError, match="nowhere: not found; expected a folder of CSV files"):
        load_baseline(tmp_path / "nowhere")


def test_wrong_kind_of_file(tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(DataError, match="cannot read this kind of file"):
        load_baseline(old)
    one = tmp_path / "villages.csv"
    one.write_text("village_id\n", encoding="utf-8")
    with pytest.raises(DataError, match="is one CSV file; give the folder that holds all 13"):
        load_baseline(one)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DataError, match="not a readable Excel workbook"):
        load_baseline(broken)


def test_folder_without_tables_points_to_workbook(small, tmp_path):
    small.to_excel(tmp_path / "mine.xlsx")
    assert only_problem(tmp_path) == (
        f"{tmp_path}: no table files found; expected one CSV file per table: "
        + ", ".join(t.filename for t in TABLES)
        + f"; for a workbook give its path, e.g. {tmp_path / 'mine.xlsx'}"
    )


# --------------------------------------------------------------------------- in memory


def test_check_in_memory(small):
    assert small.check().summary() == small.summary()
    villages = small.villages.assign(households=[820, -5, 610, 930])
    bad = dataclasses.replace(small, villages=villages, source="<edited>")
    with pytest.raises(DataError) as info:
        bad.check()
    assert info.value.headline == "<edited>: 1 problem"
    assert [str(p) for p in info.value.problems] == [
        "villages:3: column 'households': found '-5'; expected a whole number >= 1 and <= 50,000"
    ]


def test_generated_tiny_city_passes_the_loader_rules():
    from planning.synth import generate

    tiny = generate("tiny")
    checked = tiny.check()
    for t in TABLES:
        pd.testing.assert_frame_equal(checked.table(t.name), tiny.table(t.name))


NUMERIC = [(t.name, c) for t in TABLES for c in t.columns if c.kind in ("int", "float")]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_out_of_range_number_is_reported_at_its_row(small, data):
    table, col = data.draw(st.sampled_from(NUMERIC), label="column")
    frame = small.table(table)
    row = data.draw(st.integers(0, len(frame) - 1), label="row")
    if col.min is not None:
        bad = data.draw(st.floats(col.min - 1000, col.min, exclude_max=not col.min_exclusive))
    else:
        bad = data.draw(st.floats(col.max, col.max + 1000, exclude_min=True))
    if col.kind == "int":
        bad = float(np.floor(bad)) if col.min is not None else float(np.ceil(bad))
        if col.min is not None and bad >= col.min:
            bad = col.min - 1
    values = frame[col.name].astype("float64").to_numpy(copy=True)
    values[row] = bad
    edited = dataclasses.replace(small, **{table: frame.assign(**{col.name: values})})
    with pytest.raises(DataError) as info:
        edited.check()
    shown = [str(p) for p in info.value.problems]
    # the calendar's month is also its key: a changed month leaves a month unlisted
    assert shown[0].startswith(f"{table}:{row + 2}: column '{col.name}': found '")
    assert shown[0].endswith(f"; expected {col.allowed_text()}")
    assert len(shown) == (2 if (table, col.name) == ("calendar", "month") else 1), shown


def test_utf16_and_workbook_saved_as_csv(good, small, tmp_path):
    path = good / "villages.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    small.to_excel(tmp_path / "book.xlsx")
    shutil.copy(tmp_path / "book.xlsx", good / "cadres.csv")
    assert problems(good) == [
        "villages.csv: file is UTF-16 (as saved by Excel's 'Unicode Text'); "
        "re-save as UTF-8 (CSV UTF-8)",
        "cadres.csv: file is an Excel workbook with a .csv name; save it as 'CSV UTF-8' or "
        "give the workbook itself as the data",
    ]


def test_sheet_names_ignore_case_and_spaces(small, tmp_path):
    book = tmp_path / "book.xlsx"
    small.to_excel(book)
    wb = openpyxl.load_workbook(book)
    wb["villages"].title = " Villages "
    wb.save(book)
    assert load_baseline(book).summary() == small.summary()
