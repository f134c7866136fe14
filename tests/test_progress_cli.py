"""``planning progress`` as a county office and the city use it: the template round trip,
imports with broken files (exit 2, no traceback, nothing stored), history and status,
and the bundled Example City returns."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ledgertools import filled, write_csv_return

from planning.ledger import load_ledger
from planning.paths import EXAMPLE_CITY_DIR

RETURNS = EXAMPLE_CITY_DIR / "returns"
ERRORS = EXAMPLE_CITY_DIR / "returns_with_errors"


def planning(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planning", "progress", *args],
        capture_output=True, text=True, cwd=cwd, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def example_ledger(tmp_path_factory):
    """The Example City's returns imported as received (their own dates)."""
    path = tmp_path_factory.mktemp("example") / "ledger.sqlite"
    files = sorted(str(p) for p in RETURNS.glob("*/*.xlsx"))
    r = planning("import", "--received", "submitted", "--ledger", str(path), *files)
    assert r.returncode == 0, r.stderr
    return path


def test_example_city_returns_import_cleanly(example_ledger, example_baseline):
    with load_ledger(str(example_ledger)) as ledger:
        v = ledger.versions()
        assert len(v) == 61  # 10 counties x 6 quarters, and one correction
        assert set(v["period"]) == {"2014Q1", "2014Q2", "2014Q3", "2014Q4", "2015Q1", "2015Q2"}
        assert v.groupby(["county_id", "period"]).size().max() == 2
        mid = ledger.as_of("2015-06")
        # 2015Q2 returns were sent in July: as of June the review sees up to 2015Q1.
        assert set(mid.last_period()["period"]) == {"2015Q1"}
        before, after = ledger.as_of("2014-11-04"), ledger.as_of("2014-11-05")

        def returnees(state):
            s = state.talent_stock()
            return int(s[(s.county_id == "C04") & (s.pool == "returnee")]["closing"].iloc[0])

        assert returnees(after) - returnees(before) == 6  # the correction of C04's 2014Q3


def test_example_returns_with_errors_are_refused(example_ledger, tmp_path):
    ledger = tmp_path / "l.sqlite"
    shutil.copy(example_ledger, ledger)
    r = planning("import", "--ledger", str(ledger), *map(str, sorted(ERRORS.iterdir())))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "3 return(s) with problems were not stored" in r.stderr
    assert "C02_2014Q4.xlsx[talent]:3: column 'closing'" in r.stderr
    assert "C05_2014Q4/surveys.csv:2: column 'share_satisfied': found '85'" in r.stderr
    assert "C07_2015Q1.xlsx[return]:2: column 'submitted_on'" in r.stderr


def test_history_and_status_speak_in_names(example_ledger):
    r = planning("history", "--county", "Jinkang", "--period", "2014Q3", "--ledger",
                 str(example_ledger))  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "2014Q3 version 2 (correction): received 2014-11-05" in r.stdout
    assert "reserve talents: returnee: joined" in r.stdout
    r = planning("status", "--as-of", "2015-06", "--ledger", str(example_ledger))
    assert r.returncode == 0, r.stderr
    assert "as known on 2015-06-30" in r.stdout and "City" in r.stdout
    assert "Jinkang City  (last period: 2015Q1)" in r.stdout
    assert "C04" not in r.stdout  # names, not ids
    r = planning("status", "--as-of", "2013-12", "--ledger", str(example_ledger), "--lang", "zh")
    assert r.returncode == 0 and "没有已接收的报表" in r.stdout


def test_history_status_and_problems_in_chinese(example_ledger, tmp_path, example_baseline):
    from zhtools import latin_words

    zh = example_baseline.names("counties", "zh")
    r = planning("status", "--as-of", "2015-06", "--ledger", str(example_ledger), "--lang", "zh")
    assert r.returncode == 0, r.stderr
    assert "截至 2015年6月30日" in r.stdout and "全市" in r.stdout
    assert f"{zh['C04']}（最近报送期：2015年第1季度）" in r.stdout
    assert "个百分点" in r.stdout and "已发放基本报酬（万元）" in r.stdout
    assert not latin_words(r.stdout.splitlines()), latin_words(r.stdout.splitlines())
    r = planning("history", "--county", "C04", "--period", "2014Q3", "--ledger",
                 str(example_ledger), "--lang", "zh")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert (
        r.stdout.startswith(zh["C04"])
        and "2014年第3季度 第 2 版（更正）：2014年11月5日" in r.stdout
    )
    ledger = tmp_path / "l.sqlite"
    shutil.copy(example_ledger, ledger)
    r = planning("import", "--ledger", str(ledger), "--lang", "zh", str(ERRORS / "C02_2014Q4.xlsx"))
    assert r.returncode == 2 and r.stderr.startswith("错误：")
    assert f"是{zh['C10']}的村党组织书记" in r.stderr and "列'closing'：" in r.stderr


def test_template_round_trip(tmp_path, example_baseline):
    book = tmp_path / "C03_2014Q1.xlsx"
    r = planning("template", "--county", "C03", "--period", "2014Q1", "--out", str(book),
                 "--ledger", str(tmp_path / "l.sqlite"))  # fmt: skip
    assert r.returncode == 0, r.stderr
    import openpyxl

    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[0] == "README" and wb.sheetnames[-1] == "lookup"
    assert wb["return"]["B2"].value == example_baseline.county_names["C03"]
    # Left unfilled, it is refused with every empty cell named.
    r = planning("import", str(book), "--ledger", str(tmp_path / "l.sqlite"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "C03_2014Q1.xlsx[talent]:2: column 'joined': found an empty cell" in r.stderr
    # Filled in: stored, then the same again is a no-op that says so.
    folder = write_csv_return(tmp_path / "C03_2014Q1", filled(example_baseline, "C03", "2014Q1"))
    r = planning("import", str(folder), "--ledger", str(tmp_path / "l.sqlite"), "--by", "wang")
    assert r.returncode == 0, r.stderr
    assert "stored the return of" in r.stdout
    r = planning("import", str(folder), "--ledger", str(tmp_path / "l.sqlite"))
    assert r.returncode == 0 and "nothing to do" in r.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (["import", "nowhere.xlsx"], "nowhere.xlsx: not found"),
        (["import", "notes.txt"], "cannot read this kind of file"),
        (
            ["template", "--county", "C99", "--period", "2014Q1", "--out", "x.xlsx"],
            "county 'C99' is not in the data",
        ),  # fmt: skip
        (
            ["template", "--county", "C01", "--period", "spring", "--out", "x.xlsx"],
            "period 'spring': expected a quarter",
        ),  # fmt: skip
        (["status", "--as-of", "soon"], "as of 'soon': not a date"),
        (["status", "--ledger", "mysql://db/x"], "mysql is not supported"),
    ],
)
def test_broken_input_exits_2_without_traceback(tmp_path, args, expected):
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "empty.sqlite").write_bytes(b"")
    if "--ledger" not in args:
        args = [*args, "--ledger", str(tmp_path / "empty.sqlite")]
    r = planning(*args, cwd=tmp_path)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert expected in r.stderr


def test_a_garbled_ledger_file_is_named(tmp_path):
    bad = tmp_path / "ledger.sqlite"
    bad.write_text("not a database")
    r = planning("status", "--ledger", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "is not a ledger (not an SQLite database file)" in r.stderr


def test_help_of_every_progress_action():
    for action in ("template", "import", "history", "status"):
        r = planning(action, "--help")
        assert r.returncode == 0 and "--ledger" in r.stdout


def test_every_return_file_is_a_known_county_and_period():
    names = sorted(p.name for p in RETURNS.glob("*/*.xlsx"))
    assert len(names) == 61
    assert all(Path(n).stem.split("_")[1] in {"2014Q1", "2014Q2", "2014Q3", "2014Q4", "2015Q1",
                                                "2015Q2"} for n in names)  # fmt: skip


def test_chinese_template_explains_every_column_in_chinese(tmp_path, example_baseline):
    from planning.progress import allowed_zh
    from planning.returns import RETURN_TABLES

    book = tmp_path / "C03_2014Q2.xlsx"
    r = planning("template", "--county", "C03", "--period", "2014Q2", "--out", str(book),
                 "--ledger", str(tmp_path / "l.sqlite"), "--lang", "zh")  # fmt: skip
    assert r.returncode == 0, r.stderr
    import openpyxl

    rows = [list(row) for row in openpyxl.load_workbook(book)["README"].iter_rows(values_only=True)]
    header = rows.index(["工作表", "列", "类型", "单位", "允许的值", "必填", "说明"])
    body = rows[header + 1 :]
    wanted = {(tb.name, c.name) for tb in RETURN_TABLES for c in tb.columns}
    assert {(s, c) for s, c, *_ in body if c} == wanted
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for sheet, column, kind, _unit, allowed, need, meaning in body:
        # The meaning and, for a column, its type, allowed values and need are in Chinese;
        # only sheet, column and code names (cgvo, took_office, 2014Q2) stay as written.
        assert cjk.search(meaning), (sheet, column, meaning)
        if column:
            assert all(cjk.search(x) for x in (kind, allowed, need)), (sheet, column)
            assert not re.search(r"\b(a|an|the|or|of|number|empty)\b", allowed), allowed
    row = {(s, c): rest for s, c, *rest in body}
    assert row[("talent", "opening")][:3] == ["整数", "人", "整数，0 至 1,000,000"]
    assert row[("talent", "pool")][2] == "cgvo、returnee、leader 之一"
    assert row[("venues", "owned")][2] == "yes、no，或留空"
    assert row[("return", "county")][3] == "否（供阅读）"
    with pytest.raises(ValueError, match="no Chinese text"):
        allowed_zh("a colour such as red")
