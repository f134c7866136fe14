"""The Excel template a county office fills in (planning.template)."""

from __future__ import annotations

import openpyxl
import pytest

from planning.data import load_baseline
from planning.errors import UsageError
from planning.tables import ILLUSTRATIVE_NOTE, TABLES
from planning.template import EXAMPLE_ROWS, write_template


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "my_county.xlsx"
    write_template(path)
    return path


def test_example_rows_match_the_contract():
    assert set(EXAMPLE_ROWS) == {t.name for t in TABLES}
    for t in TABLES:
        assert EXAMPLE_ROWS[t.name], t.name
        for row in EXAMPLE_ROWS[t.name]:
            assert len(row) == len(t.columns), (t.name, row)


def test_template_is_a_valid_data_set(template):
    b = load_baseline(template)
    assert b.warnings == ()
    assert b.summary() == {t.name: len(EXAMPLE_ROWS[t.name]) for t in TABLES}
    assert sorted(b.secretaries["village_id"]) == sorted(b.villages["village_id"])
    assert b.file_hashes.keys() == {"my_county.xlsx"}


def test_sheets_headers_and_rows(template):
    wb = openpyxl.load_workbook(template, read_only=True)
    try:
        assert wb.sheetnames == ["README"] + [t.name for t in TABLES]
        for t in TABLES:
            rows = list(wb[t.name].iter_rows(values_only=True))
            assert rows[0] == t.column_names
            assert len(rows) == 1 + len(EXAMPLE_ROWS[t.name])
        # numbers are stored as numbers, not text
        assert wb["villages"]["E2"].value == 820  # households, after name and name_zh
        assert wb["villages"]["D2"].value == "柳树村"
        assert wb["calendar"]["B13"].value == pytest.approx(0.9)
    finally:
        wb.close()


def test_readme_explains_every_column(template):
    wb = openpyxl.load_workbook(template, read_only=True)
    try:
        rows = [r for r in wb["README"].iter_rows(values_only=True)]
    finally:
        wb.close()
    assert any(ILLUSTRATIVE_NOTE in (r[0] or "") for r in rows)
    header = ("table", "column", "type", "unit", "allowed values", "required", "meaning")
    start = next(i for i, r in enumerate(rows) if tuple(r[:7]) == header)
    explained = {(r[0], r[1]): r for r in rows[start + 1 :] if r[1]}
    for t in TABLES:
        for c in t.columns:
            row = explained[(t.name, c.name)]
            assert row[4] == c.allowed_text()
            assert row[6] == c.description
            assert (row[3] or "") == c.unit
    assert explained[("villages", "venue_tenure")][4] == "one of owned, rented"


def test_dropdowns_for_choices(template):
    wb = openpyxl.load_workbook(template)
    lists = {dv.formula1 for dv in wb["villages"].data_validations.dataValidation}
    assert '"owned,rented"' in lists
    lists = {dv.formula1 for dv in wb["secretaries"].data_validations.dataValidation}
    assert '"yes,no"' in lists


def test_refuses_to_overwrite_without_force(tmp_path):
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"someone's work")
    with pytest.raises(UsageError, match="already exists; choose another name or add --force"):
        write_template(path)
    assert path.read_bytes() == b"someone's work"
    write_template(path, force=True)
    load_baseline(path)
    assert [p.name for p in tmp_path.iterdir()] == ["mine.xlsx"]  # no temporary file left


def test_bad_output_names(tmp_path):
    with pytest.raises(UsageError, match="give a name ending in .xlsx"):
        write_template(tmp_path / "mine.csv")
    with pytest.raises(UsageError, match="folder not found"):
        write_template(tmp_path / "no" / "mine.xlsx")
