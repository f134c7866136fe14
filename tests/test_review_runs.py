"""A mid-plan review as a run's input: ``planning run/batch --ledger --as-of``, the inputs'
digest, and ``run_all(ledger=..., as_of=...)``'s argument checks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from planning.errors import UsageError
from planning.provenance import inputs_hash


def planning(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planning", *args],
        capture_output=True, text=True, cwd=cwd, timeout=300,
    )  # fmt: skip


def test_inputs_hash_changes_with_the_returns_and_only_then(tmp_path):
    nb = tmp_path / "n.ipynb"
    nb.write_text("{}")
    plain = inputs_hash("a: 1\n", {"x.csv": "00"}, nb)
    assert inputs_hash("a: 1\n", {"x.csv": "00"}, nb, ledger_digest=None) == plain
    one = inputs_hash("a: 1\n", {"x.csv": "00"}, nb, ledger_digest="d1")
    two = inputs_hash("a: 1\n", {"x.csv": "00"}, nb, ledger_digest="d2")
    assert len({plain, one, two}) == 3


@pytest.mark.parametrize("command", ["run", "batch"])
def test_review_of_a_missing_ledger_exits_2_before_running(command, tmp_path):
    out = tmp_path / "deep" / "out"
    r = planning(command, "baseline", "--ledger", str(tmp_path / "none.sqlite"),
                 "--as-of", "2015-06", "--out", str(out))  # fmt: skip
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert "none.sqlite" in r.stderr
    assert not any(out.glob("*/*/briefing.html")) and not (out / "baseline").exists()


def test_review_before_the_first_return_exits_2(example_ledger, tmp_path):
    url = example_ledger.url.render_as_string(hide_password=False)
    r = planning("run", "baseline", "--ledger", url, "--as-of", "2014-03",
                 "--out", str(tmp_path / "out"))  # fmt: skip
    assert r.returncode == 2, r.stderr
    assert "no county return was received by 2014-03-31" in r.stderr
    assert "Traceback" not in r.stderr
    r = planning("run", "baseline", "--ledger", url, "--as-of", "June",
                 "--out", str(tmp_path / "out"))  # fmt: skip
    assert r.returncode == 2 and "June" in r.stderr and "Traceback" not in r.stderr


def test_run_all_checks_its_ledger_arguments(example_baseline, default_scenario, example_ledger):
    from planning.targets import ledger_state, run_all

    with pytest.raises(UsageError, match="as_of"):
        run_all(example_baseline, default_scenario, as_of="2015-06")
    state = example_ledger.as_of("2015-06")
    assert ledger_state(state) is state
    with pytest.raises(UsageError, match="LedgerState"):
        ledger_state(state, "2015-06")
    again = ledger_state(example_ledger.url.render_as_string(hide_password=False), "2015-06")
    assert again.reported_months(2014) == state.reported_months(2014)
