"""The command line: help texts, exit codes, messages without tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from planning.cli import build_parser

SUBCOMMANDS = ("validate", "template", "run", "batch", "app", "lab")


def planning(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planning", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_help_lists_every_subcommand():
    r = planning("--help")
    assert r.returncode == 0
    for name in SUBCOMMANDS:
        assert name in r.stdout
    assert "Exit codes" in r.stdout


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_explains_itself(name):
    parser = build_parser()
    with pytest.raises(SystemExit) as exc:
        parser.parse_args([name, "--help"])
    assert exc.value.code == 0


def test_subcommand_help_text_via_subprocess():
    r = planning("validate", "--help")
    assert r.returncode == 0
    assert "--data DIR_OR_XLSX" in r.stdout and "SCENARIO" in r.stdout


def test_bad_usage_exits_2():
    r = planning("frobnicate")
    assert r.returncode == 2
    assert "invalid choice" in r.stderr
    assert planning().returncode == 2


def test_validate_bad_scenario_exits_2_with_file_line_key(tmp_path):
    bad = tmp_path / "oops.yaml"
    bad.write_text("name: oops\ntraining:\n  absence_cap_share: 3\n  deadlin_month: 30\n")
    r = planning("validate", str(bad))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert (
        f"{bad}:3: key 'training.absence_cap_share': found 3; expected a number between 0.01 and 1"
        in r.stderr
    )
    assert (
        f"{bad}:4: unknown key 'training.deadlin_month'; did you mean 'training.deadline_month'?"
        in r.stderr
    )


def test_validate_unknown_scenario_name_exits_2():
    r = planning("validate", "baselin")
    assert r.returncode == 2
    assert "did you mean 'baseline'?" in r.stderr
    assert "Traceback" not in r.stderr


def test_validate_good_inputs_print_a_summary():
    r = planning("validate", "baseline", "tight_budget")
    assert r.returncode == 0, r.stderr
    assert "villages" in r.stdout and "1,336 rows" in r.stdout
    assert "scenarios: 2 valid" in r.stdout
    assert "tight_budget" in r.stdout


def test_console_script_is_installed():
    from importlib.metadata import entry_points

    (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "planning"]
    assert ep.value == "planning.cli:main"
