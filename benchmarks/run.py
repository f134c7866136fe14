"""Run every ``benchmarks/bench_*.py`` and print one table (``make bench``).

Usage: ``python benchmarks/run.py [NAME_FILTER ...]``
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import measure, table  # noqa: E402


def main(argv: list[str]) -> int:
    rows = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for b in mod.benchmarks():
            if argv and not any(a in b.name for a in argv):
                continue
            print(f"measuring {b.name} ...", file=sys.stderr, flush=True)
            rows.append(measure(b))
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
