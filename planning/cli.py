"""The ``planning`` command (also ``python -m planning``).

Errors caused by the user (bad data, bad scenario, bad usage) are printed without a
traceback and exit with code 2; bugs still show their traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from .errors import PlanningError

EPILOG = (
    "Data: a folder of CSV files or one Excel workbook (default: the bundled Example City).\n"
    "Scenarios: a bare name finds data/scenarios/NAME.yaml; a path is used as is.\n"
    "Exit codes: 0 success, 1 some scenario failed, 2 bad input or usage."
)


def _handler(module: str, func: str) -> Callable[[argparse.Namespace], int]:
    def call(args: argparse.Namespace) -> int:
        return getattr(import_module(module), func)(args)

    return call


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    p = argparse.ArgumentParser(
        prog="planning",
        description="Planning workbook for grassroots Party organisations: check data and "
        "scenarios, run models, write briefings.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"planning {_version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    v = sub.add_parser(
        "validate",
        help="check the data and scenarios; list every problem",
        description="Check the baseline data and scenario files. Exit 0 with a summary, "
        "or 2 with every problem listed on stderr.",
    )
    v.add_argument("--data", metavar="DIR_OR_XLSX", help="data folder or Excel workbook")
    v.add_argument(
        "scenarios",
        nargs="*",
        metavar="SCENARIO",
        help="scenario names or YAML paths (default: every file in data/scenarios)",
    )
    v.set_defaults(func=cli_validate)

    t = sub.add_parser(
        "template",
        help="write an Excel workbook to fill in with your own data",
        description="Write an Excel workbook with one sheet per table, the right headers, a "
        "few example rows forming a small valid data set, and a sheet explaining every column.",
    )
    t.add_argument("--out", required=True, metavar="FILE.xlsx", help="workbook to write")
    t.add_argument("--force", action="store_true", help="overwrite an existing file")
    t.set_defaults(func=_handler("planning.template", "cli_template"))

    r = sub.add_parser(
        "run",
        help="run one scenario and write its briefing",
        description="Run every model for one scenario and write OUT/SCENARIO/briefing.html, "
        "the executed notebook and the tables (CSV and Excel).",
    )
    r.add_argument("scenario", metavar="SCENARIO", help="scenario name or YAML path")
    r.add_argument("--data", metavar="DIR_OR_XLSX", help="data folder or Excel workbook")
    r.add_argument("--out", default="reports", metavar="DIR", help="output folder (reports)")
    r.add_argument("--compare-to", metavar="SCENARIO", help="show differences from this one")
    r.set_defaults(func=_handler("planning.batch", "cli_run"))

    b = sub.add_parser(
        "batch",
        help="run many scenarios in parallel and write an index",
        description="Validate the scenarios, run the valid ones in parallel (one kernel "
        "each) and write OUT/RUN_ID/index.html comparing them.",
    )
    b.add_argument(
        "scenarios", nargs="*", metavar="SCENARIO", help="default: all in data/scenarios"
    )
    b.add_argument("--data", metavar="DIR_OR_XLSX", help="data folder or Excel workbook")
    b.add_argument("--out", default="reports", metavar="DIR", help="output folder (reports)")
    b.add_argument("--workers", type=int, metavar="N", help="parallel workers (default: cores)")
    b.add_argument(
        "--timeout", type=float, default=600, metavar="S", help="seconds per scenario (600)"
    )
    b.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786")
    b.add_argument(
        "--force", action="store_true", help="rerun scenarios whose inputs are unchanged"
    )
    b.set_defaults(func=_handler("planning.batch", "cli_batch"))

    for name, helptext in (
        ("app", "serve the workbook as an app (Voila, code hidden) on 127.0.0.1"),
        ("lab", "open JupyterLab on 127.0.0.1 with the notebooks folder"),
    ):
        a = sub.add_parser(name, help=helptext, description=helptext)
        a.add_argument("--port", type=int, default=0, help="port (default: a free one)")
        a.add_argument("--no-browser", action="store_true", help="only print the URL")
        a.set_defaults(func=_handler("planning.app", f"cli_{name}"))
    return p


def _version() -> str:
    from . import __version__

    return __version__


def cli_validate(args: argparse.Namespace) -> int:
    """``planning validate``: load data and scenarios, print a summary or every problem."""
    from .data import load_baseline
    from .scenario import list_scenarios, load_scenario

    problems: list[str] = []
    baseline = None
    try:
        baseline = load_baseline(args.data)
    except PlanningError as exc:
        problems.append(str(exc))
    names = args.scenarios or list_scenarios()
    scenarios = []
    for name in names:
        try:
            scenarios.append(load_scenario(name))
        except PlanningError as exc:
            problems.append(str(exc))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"validation failed: {len(problems)} input(s) with problems", file=sys.stderr)
        return 2
    assert baseline is not None
    print(f"data: {baseline.source}")
    for table, rows in baseline.summary().items():
        print(f"  {table:<16} {rows:>7,} rows")
    for w in baseline.warnings:
        print(f"  warning: {w}")
    print(f"scenarios: {len(scenarios)} valid")
    for s in scenarios:
        print(f"  {s.name:<20} {s.title}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except PlanningError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
