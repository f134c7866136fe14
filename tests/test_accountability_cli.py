"""``planning progress review`` through the command line: the Example City as of 2015-06,
files written with --out, Chinese, and bad input exiting 2 without a traceback."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from planning.paths import EXAMPLE_CITY_DIR


def planning(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planning", "progress", *args],
                          capture_output=True, text=True, timeout=300)  # fmt: skip


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("review") / "ledger.sqlite"
    files = sorted(str(p) for p in (EXAMPLE_CITY_DIR / "returns").glob("*/*.xlsx"))
    r = planning("import", "--received", "submitted", "--ledger", str(path), *files)
    assert r.returncode == 0, r.stderr
    return path


def test_review_prints_league_and_catch_up_and_writes_files(ledger, tmp_path):
    out = tmp_path / "review"
    r = planning("review", "--as-of", "2015-06", "--ledger", str(ledger), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "1  Kangbei County" in r.stdout
    # The re-forecast from the returns, as in the briefing: forecast 88 of a quota of 175
    # over 6 quarters to Sep 2016 -> ceil(87 / 6) = 15 a quarter.
    assert "Kangbei County needs 15 more secretaries trained a quarter" in r.stdout
    league = pd.read_csv(out / "league.csv")
    assert league["rank"].tolist() == list(range(1, 11))
    assert league.loc[0, "county_id"] == "C10"
    assert pd.read_csv(out / "quotas.csv")["talent"].sum() == 10_000
    assert (out / "review.xlsx").is_file()


def test_review_in_chinese_for_one_county(ledger):
    r = planning("review", "--as-of", "2015-06", "--ledger", str(ledger), "--county", "Kangbei",
                 "--lang", "zh")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "康北县" in r.stdout
    assert "每季度需再增加" in r.stdout and "C10" not in r.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--county", "Nowhere"], "county 'Nowhere' is not in the data"),
        (["--scenario", "no_such"], "no_such"),
    ],
)
def test_bad_input_exits_2_without_traceback(ledger, args, message):
    r = planning("review", "--as-of", "2015-06", "--ledger", str(ledger), *args)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr
