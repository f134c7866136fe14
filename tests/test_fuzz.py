"""Fuzz `planning validate` with seeded mutations of the bundled data and scenarios.

The property, for every case: `planning validate` ends with exit code 0 or 2 (within a
time limit), prints no traceback and leaves its inputs unchanged; and when it says 0,
every model runs on those inputs.

Each case copies the inputs into its own temporary folder and applies a few mutations
drawn from a random generator seeded by the case number: cells (hostile values, copies,
swaps), rows (dropped, doubled, shuffled, blank, short, long), columns (dropped, doubled,
renamed, moved, unknown), encodings (BOM, UTF-16, GBK, Latin-1, stray bytes), line
endings, delimiters, truncation and size for the CSV tables; damaged parts for an Excel
workbook; and for the scenario YAML files hostile values, unknown and doubled keys,
anchors, deep nesting, tags, truncation and encodings. The same seed gives the same
cases on every run and every machine.

The normal suite runs a few hundred cases on a one-county cut of the Example City (every
table, the same files, fewer rows); ``make fuzz`` runs thousands on the whole city:

    PLANNING_FUZZ_CASES=3000 PLANNING_FUZZ_CITY=full pytest tests/test_fuzz.py

A failing case prints its number and mutations; rerun it alone with ``-k "case_17-"``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from planning.cli import main
from planning.data import load_baseline
from planning.paths import EXAMPLE_CITY_DIR, ROOT, SCENARIO_DIR
from planning.scenario import FIELDS, load_scenario
from planning.tables import TABLES

CASES = int(os.environ.get("PLANNING_FUZZ_CASES", "200"))
SEED = int(os.environ.get("PLANNING_FUZZ_SEED", "20140101"))
CITY = os.environ.get("PLANNING_FUZZ_CITY", "cut")  # "cut": one county; "full": the city
CASE_SECONDS = 120
"""A case taking longer than this is a hang (the property's time limit), not a slow test."""

MC_DRAWS = 20
"""Monte Carlo draws of the model run after a clean validation."""


# --------------------------------------------------------------------- the seed inputs


def _csv_fields(line: str) -> list[str]:
    return next(csv.reader([line]))


def cut_city(src: Path, out: Path, counties: set[str]) -> None:
    """The bundled tables restricted to some counties, every other line kept as written."""
    out.mkdir(parents=True)

    def keep(name: str, col: str, allowed: set[str], key: str | None = None) -> set[str]:
        lines = (src / f"{name}.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        head, body = lines[:2], lines[2:]
        cols = _csv_fields(head[1])
        kept = [line for line in body if _csv_fields(line)[cols.index(col)] in allowed]
        (out / f"{name}.csv").write_text("".join(head + kept), encoding="utf-8")
        return {_csv_fields(line)[cols.index(key)] for line in kept} if key else set()

    keep("counties", "county_id", counties)
    towns = keep("townships", "county_id", counties, "township_id")
    villages = keep("villages", "township_id", towns, "village_id")
    keep("communities", "county_id", counties)
    keep("secretaries", "village_id", villages)
    keep("township_secretaries", "township_id", towns)
    keep("cadres", "village_id", villages)
    keep("talent_pool", "county_id", counties)
    keep("venue_costs", "county_id", counties)
    keep("agency_cadres", "county_id", counties)
    for name in ("training_bases", "venue_tiers", "calendar"):
        shutil.copy(src / f"{name}.csv", out / f"{name}.csv")


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    """The seed data folder: the bundled city, or its one-county cut (every table)."""
    if CITY == "full":
        return EXAMPLE_CITY_DIR
    out = tmp_path_factory.mktemp("fuzz") / "city"
    cut_city(EXAMPLE_CITY_DIR, out, {"C01"})
    load_baseline(out)  # the seed itself must be valid
    return out


@pytest.fixture(scope="module")
def workbook(city, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzzbook") / "city.xlsx"
    load_baseline(city).to_excel(path)
    return path


SCENARIOS = sorted(SCENARIO_DIR.glob("*.yaml"))


# --------------------------------------------------------------------- mutations of tables

HOSTILE_CELLS = (
    "", " ", "-1", "0", "-0", "+5", "3.5", "1e20", "10000000000000000000", "9223372036854775808",
    "-9223372036854775809", "1e308", "1e309", "1e-320", "nan", "NaN", "inf", "-inf", "1²", "①",
    "١٢", "１２", "0x10", "1_000", "1,000", "50%", "yes", "no", "TRUE", "N/A", "null", "None",
    "#REF!", "=SUM(A1:A3)", "\x00", "\x01abc", "a\x7fb", "x\u202eRTL", "😀", "'", '"', "\\",
    "C01", "C99", "T001", "V0001", "B1", "1,2,13", "0,1", "12", "13", "99", "2014-01-01",
    "standard", "owned", "cgvo", "village", "  padded  ", "\u00a0", "x" * 2000,
)  # fmt: skip


@dataclass
class Case:
    """One fuzz case: its generator, and the mutations applied, in words."""

    number: int
    rng: random.Random
    steps: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        self.steps.append(text)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _body_range(lines: list[str]) -> range:
    """Indexes of data lines: after the comment and header lines, before a final blank."""
    end = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
    return range(2, end)


def _rewrite_row(case: Case, lines: list[str], edit: Callable[[list[str]], list[str]]) -> None:
    rows = _body_range(lines)
    if not rows:
        return
    i = case.rng.choice(rows)
    try:
        fields = _csv_fields(lines[i])
    except (csv.Error, StopIteration):
        fields = []
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(edit(fields))
    lines[i] = buf.getvalue()


def op_cell(case: Case, lines: list[str]) -> None:
    value = case.rng.choice(HOSTILE_CELLS)
    col = case.rng.randrange(12)
    case.note(f"cell {col} := {value[:20]!r}")

    def edit(fields: list[str]) -> list[str]:
        if fields:
            fields[col % len(fields)] = value
        return fields

    _rewrite_row(case, lines, edit)


def op_cell_copy(case: Case, lines: list[str]) -> None:
    rows = _body_range(lines)
    if len(rows) < 2:
        return
    src = _csv_fields(lines[case.rng.choice(rows)]) if lines[rows[0]] else []
    col = case.rng.randrange(12)
    case.note(f"cell {col} copied from another row")

    def edit(fields: list[str]) -> list[str]:
        if fields and src:
            fields[col % len(fields)] = src[col % len(src)]
        return fields

    _rewrite_row(case, lines, edit)


def op_cell_swap(case: Case, lines: list[str]) -> None:
    a, b = case.rng.randrange(12), case.rng.randrange(12)
    case.note(f"cells {a} and {b} swapped")

    def edit(fields: list[str]) -> list[str]:
        if fields:
            i, j = a % len(fields), b % len(fields)
            fields[i], fields[j] = fields[j], fields[i]
        return fields

    _rewrite_row(case, lines, edit)


def op_row_width(case: Case, lines: list[str]) -> None:
    extra = case.rng.choice([-3, -1, 1, 4])
    case.note(f"a row {extra:+d} values")

    def edit(fields: list[str]) -> list[str]:
        return fields[:extra] if extra < 0 else fields + ["x"] * extra

    _rewrite_row(case, lines, edit)


def op_rows(case: Case, lines: list[str]) -> None:
    rows = list(_body_range(lines))
    if not rows:
        return
    kind = case.rng.choice(["drop", "double", "shuffle", "blank", "drop_all"])
    case.note(f"rows: {kind}")
    body = [lines[i] for i in rows]
    if kind == "drop":
        for _ in range(case.rng.randint(1, 3)):
            if body:
                body.pop(case.rng.randrange(len(body)))
    elif kind == "double":
        body.insert(case.rng.randrange(len(body) + 1), case.rng.choice(body))
    elif kind == "shuffle":
        case.rng.shuffle(body)
    elif kind == "blank":
        body.insert(case.rng.randrange(len(body) + 1), "," * case.rng.randrange(8))
    else:
        body = []
    lines[rows[0] : rows[-1] + 1] = body


def op_size(case: Case, lines: list[str]) -> None:
    rows = list(_body_range(lines))
    if not rows:
        return
    times = case.rng.choice([2, 5, 20])
    unique = case.rng.random() < 0.5
    case.note(f"body x{times}, {'unique' if unique else 'repeated'} ids")
    body = [lines[i] for i in rows]
    more = []
    for k in range(1, times):
        for line in body:
            more.append(f"Z{k}{line}" if unique else line)
    lines[rows[-1] + 1 : rows[-1] + 1] = more


def op_column(case: Case, lines: list[str]) -> None:
    if len(lines) < 2:
        return
    kind = case.rng.choice(["drop", "double", "rename", "move", "unknown", "case"])
    header = _csv_fields(lines[1]) if lines[1] else []
    if not header:
        return
    j, k = case.rng.randrange(len(header)), case.rng.randrange(len(header))
    case.note(f"column {j}: {kind}")

    def edit_all(f: Callable[[list[str]], list[str]]) -> None:
        for i in [1, *_body_range(lines)]:
            try:
                fields = _csv_fields(lines[i])
            except (csv.Error, StopIteration):
                continue
            buf = io.StringIO()
            csv.writer(buf, lineterminator="").writerow(f(fields))
            lines[i] = buf.getvalue()

    if kind == "drop":
        edit_all(lambda fs: fs[:j] + fs[j + 1 :])
    elif kind == "double":
        edit_all(lambda fs: fs[: j + 1] + fs[j : j + 1] + fs[j + 1 :])
    elif kind == "move":
        edit_all(lambda fs: _moved(fs, j, k))
    elif kind == "unknown":
        edit_all(lambda fs: [*fs, "extra"])
    else:
        name = header[j]
        new = name.upper() if kind == "case" else name[:-1] or "x"
        header[j] = new
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow(header)
        lines[1] = buf.getvalue()


def _moved(fields: list[str], j: int, k: int) -> list[str]:
    if j >= len(fields):
        return fields
    out = fields[:j] + fields[j + 1 :]
    out.insert(min(k, len(out)), fields[j])
    return out


def op_layout(case: Case, lines: list[str]) -> None:
    kind = case.rng.choice(
        ["no_comment", "no_header", "blank_lines", "comments", "quote", "delimiter", "truncate"]
    )
    case.note(f"layout: {kind}")
    if kind == "no_comment" and lines:
        lines.pop(0)
    elif kind == "no_header" and len(lines) > 1:
        lines.pop(1)
    elif kind == "blank_lines":
        for _ in range(3):
            lines.insert(case.rng.randrange(len(lines) + 1), " " * case.rng.randrange(3))
    elif kind == "comments":
        lines.insert(case.rng.randrange(len(lines) + 1), "# note, with a comma")
    elif kind == "quote" and len(lines) > 2:
        i = case.rng.randrange(1, len(lines))
        p = case.rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:p] + '"' + lines[i][p:]
    elif kind == "delimiter":
        sep = case.rng.choice([";", "\t", "|"])
        lines[:] = [line.replace(",", sep) for line in lines]
    elif kind == "truncate":
        text = "\n".join(lines)
        lines[:] = _lines(text[: case.rng.randrange(len(text) + 1)])


TABLE_OPS = (
    op_cell, op_cell, op_cell, op_cell_copy, op_cell_swap, op_row_width, op_rows, op_size,
    op_column, op_layout,
)  # fmt: skip


def encode(case: Case, text: str) -> bytes:
    """The text as a file: mostly UTF-8, sometimes another encoding or stray bytes."""
    r = case.rng.random()
    if r < 0.80:
        return text.encode("utf-8")
    kind = case.rng.choice(["bom", "utf16", "gbk", "latin1", "crlf", "cr", "stray", "nul"])
    case.note(f"encoding: {kind}")
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if kind == "utf16":
        return text.encode("utf-16")
    if kind == "gbk":
        return text.replace("Village", "村", 1).encode("gbk", "replace")
    if kind == "latin1":
        return text.replace("Village", "Villàge", 1).encode("latin-1", "replace")
    if kind == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if kind == "cr":
        return text.replace("\n", "\r").encode("utf-8")
    data = bytearray(text.encode("utf-8"))
    p = case.rng.randrange(len(data) + 1)
    data[p:p] = b"\xff\xfe\x80" if kind == "stray" else b"\x00"
    return bytes(data)


def mutate_folder(case: Case, seed: Path, out: Path) -> None:
    """Copy the seed tables into ``out`` and damage one or two of them."""
    shutil.copytree(seed, out)
    for _ in range(case.rng.choice([1, 1, 1, 2])):
        table = case.rng.choice(TABLES).filename
        path = out / table
        r = case.rng.random()
        if r < 0.03:
            case.note(f"{table}: deleted")
            path.unlink(missing_ok=True)
            continue
        if r < 0.05:
            case.note(f"{table}: replaced by a workbook's bytes")
            path.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
            continue
        if not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # this case already gave the table another encoding
        lines = _lines(text)
        for _ in range(case.rng.choice([1, 1, 2, 3])):
            op = case.rng.choice(TABLE_OPS)
            case.note(f"{table}: {op.__name__}")
            op(case, lines)
        path.write_bytes(encode(case, "\n".join(lines)))


def mutate_workbook(case: Case, seed: Path, out: Path) -> None:
    """Damage one part of an Excel workbook: cut short, dropped, flipped bytes, odd cells."""
    with zipfile.ZipFile(seed) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    name = case.rng.choice(sorted(parts))
    kind = case.rng.choice(["truncate", "drop", "flip", "garbage", "cell", "cell", "cell"])
    case.note(f"workbook {name}: {kind}")
    data = parts[name]
    if kind == "truncate":
        parts[name] = data[: case.rng.randrange(len(data) + 1)]
    elif kind == "drop":
        del parts[name]
    elif kind == "flip" and data:
        b = bytearray(data)
        for _ in range(case.rng.randint(1, 5)):
            b[case.rng.randrange(len(b))] = case.rng.randrange(256)
        parts[name] = bytes(b)
    elif kind == "garbage":
        parts[name] = b"<?xml version='1.0'?><" + bytes(case.rng.randrange(256) for _ in range(64))
    else:
        sheets = [p for p in parts if p.startswith("xl/worksheets/sheet")]
        name = case.rng.choice(sheets)
        value = case.rng.choice(HOSTILE_CELLS)
        cell = f'<c t="inlineStr"><is><t>{_xml(value)}</t></is></c>'
        if case.rng.random() < 0.3:
            cell = f"<c><f>{_xml(value) or '1+1'}</f></c>"
        case.note(f"  {name}: a cell {value[:20]!r}")
        text = parts[name].decode("utf-8")
        parts[name] = text.replace("</row>", cell + "</row>", 1 + case.rng.randrange(3)).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for part, data in parts.items():
            zout.writestr(part, data)


def _xml(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(c for c in text if c in "\t\n" or (c >= " " and c != "\x7f"))


# --------------------------------------------------------------------- mutations of scenarios

HOSTILE_VALUES: tuple[Any, ...] = (
    None, "", "abc", True, False, -1, 0, 1, 2.5, 10**20, -(10**20), 1e308, -1e308,
    float("nan"), float("inf"), float("-inf"), 1e-320, [1, 2], {"a": 1}, [], {}, "1e3", "①",
    "\x01", "x" * 300,
)  # fmt: skip
COUNTY_KEYS = ("C01", "C02", "C10", "C99", "", " C01", "c01", "C\x01", "1", "C01" * 30)
BASE_KEYS = ("B1:2014", "B2:2016", "B5:2015", "B9:2015", "B1:2030", "B1:²", "B1", ":2015")
GRADES = ("excellent", "good", "pass", "fail")


def _number_near(case: Case, key: str) -> Any:
    f = FIELDS[key]
    lo, hi = f.ge, f.le
    choices: list[Any] = [lo, hi]
    if lo is not None and hi is not None:
        choices += [case.rng.uniform(lo, hi), lo - (f.step or 1), hi + (f.step or 1)]
        if f.annotation is int:
            choices += [case.rng.randint(int(lo), int(hi))]
    return case.rng.choice([c for c in choices if c is not None] or [0])


def _mapping_value(case: Case, key: str) -> Any:
    if key.endswith("county_weights") or key.endswith("county_budget_shares"):
        keys = COUNTY_KEYS
        values: tuple[Any, ...] = (0, 0.1, 0.5, 1, 2, -1, 1e308, float("nan"), "x")
    elif key.endswith("extra_classes"):
        keys = BASE_KEYS
        values = (0, 1, 3, -2, 10**6, 2.5, "x")
    elif key.endswith("grade_shares") or key.endswith("grade_bonus"):
        keys = (*GRADES, "great")
        values = (0, 0.05, 0.2, 0.25, 0.5, 1, 2, -1, float("nan"))
    else:
        return [case.rng.choice((0.06, -0.6, 2, float("nan"), "x")) for _ in range(8)]
    n = case.rng.randint(0, 5)
    return {case.rng.choice(keys): case.rng.choice(values) for _ in range(n)}


def _set(data: dict, dotted: str, value: Any) -> None:
    node = data
    parts = dotted.split(".")
    for p in parts[:-1]:
        if not isinstance(node.get(p), dict):
            node[p] = {}
        node = node[p]
    node[parts[-1]] = value


def mutate_scenario_data(case: Case, data: dict) -> None:
    for _ in range(case.rng.randint(1, 4)):
        key = case.rng.choice(sorted(FIELDS))
        f = FIELDS[key]
        r = case.rng.random()
        if r < 0.35:
            if f.annotation in (int, float):
                value = _number_near(case, key)
            elif f.choices:
                value = case.rng.choice([*f.choices, "other"])
            elif isinstance(f.default, dict | tuple | list):
                value = _mapping_value(case, key)
            else:
                value = case.rng.choice(HOSTILE_VALUES)
        elif r < 0.75:
            value = case.rng.choice(HOSTILE_VALUES)
        elif r < 0.85:
            key = case.rng.choice(["talent.intake_per_yer", "traning", "run.seed.x", "x"])
            value = 1
        elif r < 0.95:
            key = case.rng.choice(["talent", "training", "run", "talent.attrition_rate"])
            value = case.rng.choice([None, 5, "x", [1]])
        else:
            key, value = (
                case.rng.choice(["name", "title", "description"]),
                case.rng.choice(HOSTILE_VALUES),
            )
        case.note(f"scenario {key} := {str(value)[:30]!r}")
        _set(data, key, value)


def mutate_scenario_text(case: Case, text: str) -> str:
    kind = case.rng.choice(
        [
            "dup_line", "drop_line", "indent", "truncate", "anchor", "deep", "tab", "dup_section",
            "documents", "tag", "control", "long_int", "bad_date",
        ]
    )  # fmt: skip
    case.note(f"scenario text: {kind}")
    lines = text.split("\n")
    i = case.rng.randrange(len(lines))
    if kind == "dup_line":
        lines.insert(i, lines[i])
    elif kind == "drop_line":
        lines.pop(i)
    elif kind == "indent":
        lines[i] = case.rng.choice(["  ", " ", "    "]) + lines[i]
    elif kind == "truncate":
        return text[: case.rng.randrange(len(text) + 1)]
    elif kind == "anchor":
        lines += ["talent:", "  attrition_rate: &r {cgvo: 0.1}", "  degree_share: *r"]
    elif kind == "deep":
        lines.append("run: " + "[" * case.rng.choice([5, 12, 3000]) + "]" * 3000)
    elif kind == "tab":
        lines[i] = "\t" + lines[i]
    elif kind == "dup_section":
        lines += ["run:", "  seed: 3", "run:", "  seed: 4"]
    elif kind == "documents":
        lines.insert(i, "---")
    elif kind == "tag":
        lines.append(
            case.rng.choice(
                [
                    "title: !!python/object/apply:os.system ['true']",
                    "title: !!binary aGVsbG8=",
                    "run: !!set {seed: 1}",
                    "description: !!timestamp 2001-12-14t21:59:43.10-05:00",
                ]
            )
        )
    elif kind == "control":
        lines.insert(i, 'title: "a\\x01b\\0"')
    elif kind == "long_int":
        lines.append("run:\n  seed: " + "9" * case.rng.choice([30, 5000]))
    else:
        lines.append("title: 2014-13-45")
    return "\n".join(lines)


def mutate_scenario(case: Case, out: Path) -> None:
    seed = case.rng.choice(SCENARIOS)
    case.note(f"scenario from {seed.name}")
    data = yaml.safe_load(seed.read_text(encoding="utf-8")) or {}
    if case.rng.random() < 0.8:
        mutate_scenario_data(case, data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if case.rng.random() < 0.35:
        text = mutate_scenario_text(case, text)
    out.write_bytes(encode(case, text))


# --------------------------------------------------------------------- running a case


class CaseTimeout(Exception):
    """The case ran past CASE_SECONDS: a hang."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise CaseTimeout(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def validate_in_process(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["validate", *args])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, out.getvalue() + err.getvalue()


_RUNS: dict[str, str] = {}
"""Inputs already run through the models (by fingerprint): a valid mutation that reads the
same as an earlier one (a BOM, CRLF, a renamed header's case) need not run again."""


def run_models(data: Path, scenario: Path) -> None:
    from planning.targets import run_all

    baseline = load_baseline(data)
    scen = load_scenario(scenario, baseline=baseline)
    scen = scen.with_overrides({"run.mc_draws": min(scen.run.mc_draws, MC_DRAWS)})
    key = hashlib.sha256(
        "".join(baseline.text_table(t.name).to_csv() for t in TABLES).encode()
        + scen.to_yaml().encode()
    ).hexdigest()
    if key in _RUNS:
        return
    run_all(baseline, scen)
    _RUNS[key] = scenario.name


def make_case(number: int, city: Path, workbook: Path, folder: Path) -> tuple[Case, Path, Path]:
    """The inputs of case ``number``: a data folder or workbook, and a scenario file."""
    case = Case(number, random.Random(SEED * 1_000_003 + number))
    folder.mkdir(parents=True, exist_ok=True)
    scenario = folder / "scenario.yaml"
    data: Path = city
    kind = case.rng.random()
    if kind < 0.55:
        data = folder / "data"
        mutate_folder(case, city, data)
        shutil.copy(case.rng.choice(SCENARIOS), scenario)
    elif kind < 0.65:
        data = folder / "city.xlsx"
        mutate_workbook(case, workbook, data)
        shutil.copy(SCENARIO_DIR / "baseline.yaml", scenario)
    else:
        mutate_scenario(case, scenario)
    return case, data, scenario


def check_case(number: int, city: Path, workbook: Path, folder: Path) -> int:
    case, data, scenario = make_case(number, city, workbook, folder)
    before = fingerprint(folder)
    story = f"case {number} (seed {SEED}): " + "; ".join(case.steps)
    try:
        with time_limit(CASE_SECONDS):
            code, output = validate_in_process("--data", str(data), str(scenario))
            assert code in (0, 2), f"{story}\nexit {code}\n{output}"
            assert "Traceback" not in output, f"{story}\n{output}"
            assert fingerprint(folder) == before, f"{story}\ninputs changed"
            if code == 0:
                run_models(data, scenario)
    except CaseTimeout as exc:
        pytest.fail(f"{story}\n{exc}")
    except AssertionError:
        raise
    except Exception as exc:
        raise AssertionError(f"{story}\n{type(exc).__name__}: {exc}") from exc
    return code


# --------------------------------------------------------------------- the tests


@pytest.mark.parametrize("number", range(CASES), ids=lambda n: f"case_{n}-")
def test_validate_property(number, city, workbook, tmp_path):
    check_case(number, city, workbook, tmp_path)


def test_cases_are_the_same_every_run(city, workbook, tmp_path):
    for number in (0, 7, 123):
        a = make_case(number, city, workbook, tmp_path / f"a{number}")
        b = make_case(number, city, workbook, tmp_path / f"b{number}")
        assert a[0].steps == b[0].steps
        assert fingerprint(tmp_path / f"a{number}") == fingerprint(tmp_path / f"b{number}")


def test_cases_reach_both_outcomes(city, workbook, tmp_path):
    # A harness whose mutations were all rejected (or all harmless) would prove little.
    codes = {check_case(n, city, workbook, tmp_path / str(n)) for n in range(12)}
    assert codes == {0, 2}


@pytest.mark.skipif(CITY == "full", reason="the whole city is the seed")
def test_cut_city_keeps_every_table(city):
    b = load_baseline(city)
    assert b.county_ids == ["C01"]
    assert {t.name: len(b.table(t.name)) > 0 for t in TABLES} == {t.name: True for t in TABLES}


@pytest.mark.parametrize("number", [3, 11, 42])
def test_validate_property_in_a_real_process(number, city, workbook, tmp_path):
    """A few cases through ``python -m planning``, as a user runs it."""
    case, data, scenario = make_case(number, city, workbook, tmp_path)
    expected, _ = validate_in_process("--data", str(data), str(scenario))
    done = subprocess.run(
        [sys.executable, "-m", "planning", "validate", "--data", str(data), str(scenario)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=CASE_SECONDS,
    )
    story = "; ".join(case.steps)
    assert done.returncode == expected, story
    assert "Traceback" not in done.stdout + done.stderr, story


def test_alias_bomb_in_a_real_process(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(
        "name: bomb\na: &a {x: lol}\n"
        + "".join(
            f"{a}: &{a} {{{', '.join(f'{a}{i}: *{b}' for i in range(9))}}}\n"
            for a, b in zip("bcdefghi", "abcdefgh", strict=True)
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "planning", "validate", str(bomb)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CASE_SECONDS,
    )
    assert done.returncode == 2
    assert f"{bomb}:2: found an anchor or alias" in done.stderr
    assert "Traceback" not in done.stderr
