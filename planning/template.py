"""The Excel template a county office fills in with its own data.

``planning template --out my_county.xlsx`` writes one sheet per table of
:data:`planning.tables.TABLES` with the right headers and a few example rows that together
form a small valid data set, plus a first sheet ``README`` explaining every column.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pandas as pd

from .data import write_workbook
from .errors import UsageError
from .outputs import output_error
from .tables import ILLUSTRATIVE_NOTE, TABLES, Column

KIND_WORDS = {
    "id": "id (text)",
    "ref": "id of another table",
    "text": "text",
    "int": "whole number",
    "float": "number",
    "bool": "yes/no",
    "enum": "one of a list",
    "months": "list of months",
    "month": "year and month",
}

# Two counties, four villages, two communities: the smallest data set every rule accepts.
EXAMPLE_ROWS: dict[str, list[tuple[Any, ...]]] = {
    "counties": [
        (
            "C01",
            "Riverside District",
            "滨江区",
            "district",
            86000,
            10400.0,
            0.11,
            7200.0,
            0.84,
            420,
            0.9,
            160,
        ),
        (
            "C02",
            "Pine Hill County",
            "松岭县",
            "county",
            152000,
            8900.0,
            0.10,
            5600.0,
            0.79,
            610,
            0.86,
            210,
        ),
    ],
    "townships": [
        ("T01", "C01", "Eastbank Town", "东岸镇"),
        ("T02", "C02", "Cedar Township", "柏树乡"),
    ],
    "villages": [
        ("V001", "T01", "Willow Village", "柳树村", 820, 180.0, "owned"),
        ("V002", "T01", "Stone Bridge Village", "石桥村", 1040, 120.0, "rented"),
        ("V003", "T02", "Maple Creek Village", "枫溪村", 610, 150.0, "owned"),
        ("V004", "T02", "North Field Village", "北田村", 930, 95.0, "rented"),
    ],
    "communities": [
        ("M01", "C01", "Harbour Road Community", "港湾路社区", 2600, 420.0, "standard", "owned", 1),
        (
            "M02",
            "C02",
            "Station Square Community",
            "站前广场社区",
            1800,
            240.0,
            "below",
            "rented",
            0,
        ),
    ],
    "secretaries": [
        ("S001", "V001", 48, "senior_middle", 9.0, "no", "yes", "no"),
        ("S002", "V002", 39, "junior_college", 4.5, "yes", "no", "yes"),
        ("S003", "V003", 56, "junior_middle", 15.0, "no", "no", "no"),
        ("S004", "V004", 33, "bachelor", 2.0, "no", "yes", "no"),
    ],
    "township_secretaries": [
        ("P01", "T01", 46, 3.5, "yes"),
        ("P02", "T02", 41, 1.2, "no"),
    ],
    "cadres": [
        ("K001", "V001", 31, "senior_middle"),
        ("K002", "V001", 45, "junior_middle"),
        ("K003", "V002", 28, "junior_college"),
        ("K004", "V003", 52, "primary"),
        ("K005", "V003", 34, "senior_middle"),
        ("K006", "V004", 41, "bachelor"),
    ],
    "talent_pool": [
        ("C01", "cgvo", 2011, 6),
        ("C01", "cgvo", 2012, 8),
        ("C01", "returnee", 2013, 25),
        ("C01", "leader", 2013, 18),
        ("C02", "cgvo", 2012, 7),
        ("C02", "returnee", 2013, 31),
        ("C02", "leader", 2013, 22),
    ],
    "training_bases": [
        (
            "B1",
            "Provincial Agricultural Industrialisation Base",
            "省农业产业化培训基地",
            "yes",
            60,
            7,
            4500.0,
            "1,2,7,8,11,12",
            2,
            30,
            17500.0,
        ),
        (
            "B2",
            "Pine Hill County Party School",
            "松岭县委党校",
            "no",
            80,
            3,
            1500.0,
            "1,2,3,7,8,11,12",
            4,
            30,
            3000.0,
        ),
    ],
    "venue_tiers": [
        ("village", 150.0, 20000.0),
        ("standard", 300.0, 30000.0),
        ("quality", 500.0, 50000.0),
        ("demonstration", 800.0, 80000.0),
    ],
    "venue_costs": [
        ("C01", 1400.0, 550.0, 2600.0),
        ("C02", 1100.0, 450.0, 1900.0),
    ],
    "calendar": [
        (1, 0.6, "winter slack season"),
        (2, 0.4, "Spring Festival"),
        (3, 0.5, "spring preparation"),
        (4, 0.1, "sowing"),
        (5, 0.05, "sowing and transplanting"),
        (6, 0.2, "field management"),
        (7, 0.7, "summer window"),
        (8, 0.6, "summer window"),
        (9, 0.2, "harvest begins"),
        (10, 0.05, "harvest"),
        (11, 0.8, "main training window"),
        (12, 0.9, "main training window"),
    ],
    "agency_cadres": [
        ("A001", "C01", 2, "2013-11"),
        ("A002", "C01", 1, "2014-04"),
        ("A003", "C02", 0, ""),
    ],
}


def example_frames() -> dict[str, pd.DataFrame]:
    """The template's example rows, one frame per table, in file form (yes/no, "1,2,11,12")."""
    return {
        t.name: pd.DataFrame(EXAMPLE_ROWS[t.name], columns=list(t.column_names)) for t in TABLES
    }


def readme_rows() -> list[list[Any]]:
    """Rows of the README sheet: how to fill in the workbook and every column explained."""
    rows: list[list[Any]] = [
        ["Baseline data template of the planning workbook"],
        [ILLUSTRATIVE_NOTE + " The example rows only show the format; replace them."],
        [],
        ["How to fill it in"],
        ["1", "Keep one sheet per table and the header row (row 1) exactly as it is."],
        ["2", "Delete the example rows and enter your own, one row per village, cadre, ..."],
        ["3", "Ids are any text (e.g. V0001) but must be unique; references must use them."],
        ["4", "Yes/no columns accept yes/no, true/false or 1/0; months as 1,2,11,12;"],
        ["", "shares as 0.08 or 8%; numbers may be stored as numbers or as text."],
        ["5", "Every village needs exactly one secretary; every county one venue_costs row;"],
        ["", "the calendar lists months 1-12 once; venue_tiers lists each tier once, with"],
        ["", "a larger minimum area for each higher tier."],
        ["", "agency_cadres: a month such as 2014-03 when poor_households is 1 or more,"],
        ["", "an empty cell when it is 0."],
        ["6", "Check the file: planning validate --data THIS_FILE.xlsx (every problem is listed"],
        ["", "with sheet, row, column, the value found and what is allowed)."],
        ["7", "Extra columns are allowed (e.g. remarks); they are ignored with a warning."],
        ["8", "Columns with a default (listed below) may be left out or left empty. Mind"],
        ["", "secretaries.special_course: an earlier out-of-town course counts for the"],
        ["", "training target only where it says yes (it was this plan's special course);"],
        ["", "left out or empty it is no, and the secretary is trained again."],
        [],
        ["table", "column", "type", "unit", "allowed values", "required", "meaning"],
    ]
    for t in TABLES:
        rows.append([t.name, "", "", "", "", "", t.description])
        rows.extend(
            [t.name, c.name, KIND_WORDS[c.kind], c.unit, c.allowed_text(), _req(c), c.description]
            for c in t.columns
        )
    return rows


def _req(col: Column) -> str:
    if col.required:
        return "yes"
    if col.default is not None:
        return f"no (left out or empty: {col.default})"
    return "no (may be left out)"


def _dropdowns() -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for t in TABLES:
        for c in t.columns:
            if c.kind == "enum":
                out.setdefault(t.name, {})[c.name] = c.allowed
            elif c.kind == "bool":
                out.setdefault(t.name, {})[c.name] = ("yes", "no")
    return out


def write_template(path: str | Path, force: bool = False) -> Path:
    """Write the Excel template: a README sheet and one sheet per table with example rows.

    Parameters
    ----------
    path : str or Path
        Workbook to write, e.g. ``my_county.xlsx``. Written under a temporary name first,
        then renamed, so an interrupted run never leaves half a file.
    force : bool
        Overwrite an existing file.

    Returns
    -------
    Path
        The workbook written; ``load_baseline(path)`` accepts it as it is.

    Raises
    ------
    UsageError
        The file exists and ``force`` is false, its folder does not exist, or the name
        does not end in ``.xlsx``.
    OutputError
        The file cannot be written (read-only folder, full disk, ...); nothing is left.

    Examples
    --------
    >>> write_template("my_county.xlsx")                       # doctest: +SKIP
    PosixPath('my_county.xlsx')
    """
    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: the template is an Excel workbook; give a name ending in .xlsx")
    if out.exists() and not force:
        raise UsageError(f"{out}: already exists; choose another name or add --force to replace it")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: folder not found; create it first")
    if out.is_dir():
        raise UsageError(f"{out}: is a folder; give the name of a workbook file")
    try:
        # Written under a temporary name and renamed: on any error nothing is left behind.
        write_workbook(out, example_frames(), readme=readme_rows(), dropdowns=_dropdowns())
    except OSError as exc:
        raise output_error("write the template", out, exc) from None
    return out


def cli_template(args: argparse.Namespace) -> int:
    """``planning template --out FILE.xlsx [--force]``."""
    out = write_template(args.out, force=args.force)
    print(f"wrote {out}: a README sheet and {len(TABLES)} table sheets with example rows")
    print(f"check it after filling in: planning validate --data {out}")
    return 0
