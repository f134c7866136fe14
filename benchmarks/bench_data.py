"""Loading and validating baseline data: CSV folders and Excel workbooks, city and province."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from common import Bench

from planning.data import load_baseline
from planning.synth import generate, write_csv


@functools.cache
def _files() -> dict[str, Path]:
    """Province CSVs and city/province workbooks, written once into a scratch folder."""
    root = Path(tempfile.mkdtemp(prefix="bench-data-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    city, province = generate("city"), generate("province")
    write_csv(province, root / "province")
    city.to_excel(root / "city.xlsx")
    province.to_excel(root / "province.xlsx")
    return {
        "province": root / "province",
        "city.xlsx": root / "city.xlsx",
        "province.xlsx": root / "province.xlsx",
    }


def benchmarks() -> list[Bench]:
    return [
        Bench("data: load + validate city CSV", lambda: load_baseline(), target_s=0.5),
        Bench(
            "data: load + validate province CSV",
            lambda: load_baseline(_files()["province"]),
            target_s=2.0,
            repeats=5,
        ),
        Bench(
            "data: load + validate city workbook",
            lambda: load_baseline(_files()["city.xlsx"]),
            target_s=2.0,
            repeats=5,
        ),
        Bench(
            "data: load + validate province workbook",
            lambda: load_baseline(_files()["province.xlsx"]),
            repeats=3,
            note="openpyxl reading cell by cell: the one slow path",
        ),
    ]
