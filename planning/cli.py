"""The ``planning`` command (also ``python -m planning``).

Errors caused by the user (bad data, bad scenario, bad usage) are printed without a
traceback and exit with code 2; bugs still show their traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

from .errors import PlanningError
from .i18n import t

EPILOG = (
    "Data: a folder of CSV files or one Excel workbook (default: the bundled Example City).\n"
    "Scenarios: a bare name finds data/scenarios/NAME.yaml; a path is used as is.\n"
    "Exit codes: 0 success, 1 some scenario failed, 2 bad input, usage or an unwritable\n"
    "output folder, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM)."
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
    _review_arguments(r)
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
    _review_arguments(b)
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
        _review_arguments(a)
        a.set_defaults(func=_handler("planning.app", f"cli_{name}"))
    _progress_parser(sub)
    return p


def _review_arguments(a: argparse.ArgumentParser) -> None:
    """``--ledger`` and ``--as-of`` of a mid-plan review (``run`` and ``batch``)."""
    a.add_argument(
        "--ledger",
        metavar="URL",
        help="mid-plan review: start from the counties' returns in this ledger "
        "(sqlite:///PATH, postgresql://USER@HOST/DB or a file path)",
    )
    a.add_argument(
        "--as-of",
        metavar="DATE",
        help="the ledger as known on this date, e.g. 2015-06 (default: now; alone, it reads "
        "$PLANNING_LEDGER, else ledger.sqlite beside the data)",
    )


def _progress_parser(sub: Any) -> None:
    """The ``planning progress`` subcommands."""
    p = sub.add_parser(
        "progress",
        help="the progress ledger: county returns, imports, history, plan against actual",
        description="Follow the plan with the counties' quarterly returns kept in a ledger "
        "(an SQLite file beside the data, or PostgreSQL). See docs/progress.md.",
    )
    ps = p.add_subparsers(dest="progress_command", metavar="ACTION", required=True)

    def common(a: argparse.ArgumentParser, ledger: bool = True) -> None:
        a.add_argument("--data", metavar="DIR_OR_XLSX", help="data folder or Excel workbook")
        if ledger:
            a.add_argument(
                "--ledger",
                metavar="URL",
                help="sqlite:///PATH, postgresql://USER@HOST/DB or a file path "
                "(default: $PLANNING_LEDGER, else ledger.sqlite beside the data)",
            )
        a.add_argument("--lang", choices=("en", "zh"), default="en", help="language (en)")

    a = ps.add_parser(
        "template",
        help="write a county's return to fill in (Excel, or CSV files in a folder)",
        description="Write a county's return for a period, pre-filled with its names and "
        "ids, the opening stocks and a README sheet. FILE.xlsx writes a workbook; any "
        "other name a folder of CSV files.",
    )
    a.add_argument("--county", required=True, help="county id or name, e.g. C03")
    a.add_argument("--period", required=True, help="quarter such as 2014Q2, or month 2014-05")
    a.add_argument("--out", required=True, metavar="FILE.xlsx|DIR", help="where to write it")
    a.add_argument("--force", action="store_true", help="overwrite an existing file")
    common(a)
    a.set_defaults(func=_handler("planning.progress", "cli_template"))

    a = ps.add_parser(
        "import",
        help="check returns and store them in the ledger",
        description="Check each return (every problem listed with its file and line) and "
        "store the valid ones, each in one transaction. The same return again changes "
        "nothing; a different one for the same county and period is stored as a correction. "
        "Exit 0 when all were stored (or unchanged), 2 when any had problems.",
    )
    a.add_argument("files", nargs="+", metavar="FILE", help="returns (.xlsx or CSV folders)")
    a.add_argument("--by", help="who imports (default: the operating-system user)")
    a.add_argument(
        "--received",
        metavar="DATE|submitted",
        help="when the city received the returns (default: now); 'submitted' takes the "
        "date written in each return, for entering paper returns received earlier",
    )
    common(a)
    a.set_defaults(func=_handler("planning.progress", "cli_import"))

    a = ps.add_parser(
        "history",
        help="who changed what when: every version of a county's returns",
        description="List every version of a county's returns (all periods, or one) with "
        "who imported it, when it was received, its file and what each correction changed.",
    )
    a.add_argument("--county", required=True, help="county id or name")
    a.add_argument("--period", help="one period only, e.g. 2014Q2")
    common(a)
    a.set_defaults(func=_handler("planning.progress", "cli_history"))

    a = ps.add_parser(
        "status",
        help="plan against actual per county, as known on a date",
        description="Plan (a scenario's forecast) against actual (the ledger) per county and "
        "indicator, at the end of each county's last reported period, as the ledger was "
        "known at the end of --as-of (default: now).",
    )
    a.add_argument("--as-of", metavar="DATE", help="e.g. 2015-06, 2015-06-30 or 2015Q2")
    a.add_argument("--county", help="one county (id or name)")
    a.add_argument("--scenario", default="baseline", help="scenario of the plan (baseline)")
    common(a)
    a.set_defaults(func=_handler("planning.progress", "cli_status"))

    a = ps.add_parser(
        "review",
        help="county quotas, league table, catch-up and grades, as known on a date",
        description="County accountability: each city target split into county quotas, the "
        "counties ranked by score, what each lagging county must add per quarter, and the "
        "year-end grades, from the ledger as known at the end of --as-of. See "
        "docs/accountability.md.",
    )
    a.add_argument("--as-of", metavar="DATE", help="e.g. 2015-06, 2015-06-30 or 2015Q2")
    a.add_argument("--county", help="one county (id or name): its register and catch-up")
    a.add_argument("--scenario", default="baseline", help="scenario of the plan (baseline)")
    a.add_argument("--out", metavar="DIR", help="write the tables as CSV and Excel into DIR")
    common(a)
    a.set_defaults(func=_handler("planning.accountability", "cli_review"))


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
            # With the data at hand, county and base ids are checked against it too.
            scenarios.append(load_scenario(name, baseline=baseline))
        except PlanningError as exc:
            problems.append(str(exc))
    lang = language_of(args)
    if problems:
        print("\n".join(localize_error(x, lang) for x in problems), file=sys.stderr)
        print(t("cli.validate.failed", lang, n=len(problems)), file=sys.stderr)
        return 2
    assert baseline is not None
    print(t("cli.validate.data", lang, source=baseline.source))
    for table, rows in baseline.summary().items():
        print(f"  {table:<16} {t('cli.validate.rows', lang, rows=f'{rows:>7,}')}")
    for w in baseline.warnings:
        print(f"  {t('cli.validate.warning', lang, text=w)}")
    print(t("cli.validate.scenarios", lang, n=len(scenarios)))
    for s in scenarios:
        print(f"  {s.name:<20} {s.title_in(lang)}")
    return 0


def language_of(args: argparse.Namespace) -> str:
    """The language the command speaks: that of its scenarios (``run.language``), the first
    one readable; English when none is given or none can be read."""
    from .scenario import list_scenarios, peek_language

    names = getattr(args, "scenarios", None)
    if names is None and getattr(args, "scenario", None):
        names = [args.scenario]
    if not names and hasattr(args, "scenarios"):
        names = list_scenarios()
    for name in names or []:
        lang = peek_language(name)
        if lang is not None:
            return lang
    return "en"


def localize_error(text: str, lang: str) -> str:
    """A problem report in ``lang``: in Chinese, the fixed phrases of the English templates
    are replaced; files, lines, keys, columns and the values found stay as they are.

    >>> localize_error("a.yaml:3: key 'run.seed': found -1; expected a whole number "
    ...                "between 0 and 4294967295", "zh")
    "a.yaml:3: 参数'run.seed'：现为-1；应为0至4294967295之间的整数"
    """
    if lang != "zh":
        return text
    import re

    from .i18n.cli import PROBLEM_PHRASES_ZH
    from .i18n.fields import UNITS_ZH

    lines = []
    for line in text.splitlines():
        for pattern, repl in PROBLEM_PHRASES_ZH:
            line = re.sub(pattern, repl, line)
        line = re.sub(
            r" \(([a-z' ]+)\)",
            lambda m: f"（{UNITS_ZH[m.group(1)]}）" if m.group(1) in UNITS_ZH else m.group(0),
            line,
        )
        lines.append(re.sub(r"(?<=\S) （", "（", line))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except PlanningError as exc:
        lang = language_of(args)
        print(t("cli.error", lang, text=localize_error(str(exc), lang)), file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        print(t("cli.interrupted", language_of(args)), file=sys.stderr)
        return getattr(exc, "exit_code", 130)  # 143 for SIGTERM (planning.batch.Terminated)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
