"""The progress ledger: importing county returns and reading the state as of a date, at
city scale (the Example City's returns) and province scale (130 counties, six quarters).

Imports go into SQLite files in a scratch folder, each measured run into a fresh ledger.
"""

from __future__ import annotations

import atexit
import functools
import itertools
import shutil
import tempfile
from pathlib import Path

import numpy as np
from common import Bench

from planning.data import load_baseline, write_workbook
from planning.ledger import import_many, load_ledger
from planning.paths import EXAMPLE_CITY_DIR
from planning.periods import parse_period
from planning.progress import template_frames
from planning.synth import generate

PERIODS = ("2014Q1", "2014Q2", "2014Q3", "2014Q4", "2015Q1", "2015Q2")
RUNS = 8


@functools.cache
def _root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="bench-progress-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


@functools.cache
def _city():
    baseline = load_baseline()
    path = _root() / "city.sqlite"
    files = sorted(EXAMPLE_CITY_DIR.glob("returns/*/*.xlsx"))
    with load_ledger(str(path)) as ledger:
        _, failed = import_many(ledger, files, baseline, received="submitted")
        assert not failed, failed
    return baseline, path


def _province_return(baseline, county: str, period: str, state: dict, rng) -> dict:
    """A filled return: talent flows that add up, a class with a sixth of the secretaries
    not yet trained, every month's pay."""
    f = template_frames(baseline, county, parse_period(period))
    t = f["talent"]
    t["opening"] = [state["closing"].get((county, p), o) for p, o in zip(t["pool"], t["opening"],
                                                                            strict=True)]  # fmt: skip
    t["joined"] = rng.integers(0, 20, 3)
    t["appointed"], t["promoted"], t["left"] = 0, 0, rng.integers(0, 3, 3)
    t["left"] = np.minimum(t["left"], t["opening"] + t["joined"])
    t["closing"] = t["opening"] + t["joined"] - t["left"]
    for p, c in zip(t["pool"], t["closing"], strict=True):
        state["closing"][(county, p)] = int(c)
    tr = f["trained"]
    tr = tr[~tr["secretary_id"].isin(state["trained"])]
    pick = tr.iloc[: max(1, len(tr) // 6)].copy()
    month = parse_period(period).months[0]
    f["classes"].loc[0] = [f"B01-{period}", "B01", "", month, 6, "yes"]
    pick["class_ref"] = f"B01-{period}"
    f["trained"] = pick
    state["trained"].update(pick["secretary_id"])
    f["subsidies"]["secretaries_paid"] = 70
    f["subsidies"]["basic_yuan"] = 700000.0
    f["subsidies"]["performance_yuan"] = 0.0
    f["pairings"] = f["pairings"].iloc[:0]
    return f


@functools.cache
def _province():
    """Province baseline, its returns (2014Q1 as workbooks; every quarter as CSV), and a
    ledger holding all six quarters."""
    baseline = generate("province")
    rng = np.random.default_rng(14)
    state = {"closing": {}, "trained": set()}
    root = _root() / "province"
    books, folders = [], {p: [] for p in PERIODS}
    for period in PERIODS:
        for c in baseline.county_ids:
            f = _province_return(baseline, c, period, state, rng)
            folders[period].append(write_csv_return(root / period / c, f))
            if period == PERIODS[0]:
                books.append(write_workbook(root / "books" / f"{c}_{period}.xlsx", f))
    path = _root() / "province.sqlite"
    with load_ledger(str(path)) as ledger:
        for period in PERIODS:
            _, failed = import_many(ledger, folders[period], baseline)
            assert not failed, failed[0]
    return baseline, books, path


def write_csv_return(folder: Path, frames: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        (folder / f"{name}.csv").write_text(frame.to_csv(index=False, lineterminator="\n"))
    return folder


@functools.cache
def _open(which: str):
    return load_ledger(str(_city()[1] if which == "city" else _province()[2]))


def _fresh_ledgers(prefix: str):
    counter = itertools.count()
    return lambda: _root() / f"{prefix}-{next(counter)}.sqlite"


def benchmarks() -> list[Bench]:
    city_file = sorted(EXAMPLE_CITY_DIR.glob("returns/2014Q1/*.xlsx"))[2]
    fresh_city, fresh_province = _fresh_ledgers("one"), _fresh_ledgers("quarter")

    def import_county():
        baseline, _ = _city()
        with load_ledger(str(fresh_city())) as ledger:
            ledger.import_return(city_file, baseline)

    def import_province_quarter():
        baseline, books, _ = _province()
        with load_ledger(str(fresh_province())) as ledger:
            _, failed = import_many(ledger, books, baseline)
            assert not failed

    return [
        Bench(
            "progress: import one county's quarterly return (xlsx)",
            import_county,
            target_s=0.5,
            repeats=RUNS,
        ),  # fmt: skip
        Bench(
            "progress: import a province quarter (130 county workbooks)",
            import_province_quarter,
            target_s=20.0,
            repeats=3,
        ),  # fmt: skip
        Bench(
            "progress: as_of, city (60 returns, 6 quarters)",
            lambda: _open("city").as_of("2015-06"),
            target_s=0.2,
            repeats=RUNS,
        ),  # fmt: skip
        Bench(
            "progress: as_of, province (780 returns)",
            lambda: _open("province").as_of("2015-06"),
            target_s=2.0,
            repeats=RUNS,
        ),  # fmt: skip
    ]
