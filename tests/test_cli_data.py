"""`planning validate --data` and `planning template` through a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from planning.paths import ROOT
from planning.tables import TABLES
from planning.template import EXAMPLE_ROWS


def planning(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planning", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    folder = tmp_path_factory.mktemp("cli")
    done = planning("template", "--out", "mine.xlsx", cwd=folder)
    return folder / "mine.xlsx", done


def test_template_then_validate(workbook):
    path, done = workbook
    assert done.returncode == 0, done.stderr
    assert path.is_file()
    assert "wrote mine.xlsx" in done.stdout
    checked = planning("validate", "--data", path.name, "baseline", cwd=path.parent)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""
    assert "data: mine.xlsx" in checked.stdout
    for t in TABLES:
        assert f"  {t.name:<16} {len(EXAMPLE_ROWS[t.name]):>7,} rows" in checked.stdout


def test_template_refuses_to_overwrite(workbook):
    path, _ = workbook
    before = path.read_bytes()
    done = planning("template", "--out", path.name, cwd=path.parent)
    assert done.returncode == 2
    assert "mine.xlsx: already exists; choose another name or add --force" in done.stderr
    assert "Traceback" not in done.stderr
    assert path.read_bytes() == before


def test_template_needs_out(tmp_path):
    done = planning("template", cwd=tmp_path)
    assert done.returncode == 2
    assert "--out" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_validate_example_city():
    done = planning("validate", "baseline", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "villages" in done.stdout and "1,336 rows" in done.stdout


def test_validate_bad_data_lists_every_problem(tmp_path):
    folder = tmp_path / "bad"
    planning("template", "--out", str(tmp_path / "t.xlsx"), cwd=tmp_path)
    from planning.data import load_baseline

    load_baseline(tmp_path / "t.xlsx").to_csv(folder, comment="my county")
    villages = folder / "villages.csv"
    villages.write_text(villages.read_text().replace(",820,", ",-820,").replace("T02", "T9"))
    (folder / "calendar.csv").unlink()
    done = planning("validate", "--data", "bad", "baseline", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert "bad: 4 problems" in done.stderr
    for line in (
        "villages.csv:3: column 'households': found '-820'; expected a whole number >= 1 and <= 50,000",
        "villages.csv:5: column 'township_id': found 'T9'; expected an id listed in townships",
        "villages.csv:6: column 'township_id': found 'T9'; expected an id listed in townships",
        "calendar.csv: file not found in bad; expected one CSV file per table",
    ):
        assert f"  {line}\n" in done.stderr


def test_validate_missing_path(tmp_path):
    done = planning("validate", "--data", "nowhere", "baseline", cwd=tmp_path)
    assert done.returncode == 2
    assert "nowhere: not found" in done.stderr
    assert "Traceback" not in done.stderr
