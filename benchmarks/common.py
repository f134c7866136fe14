"""Tiny benchmark harness: median of repeated runs, printed as one table.

Each ``benchmarks/bench_*.py`` module defines ``def benchmarks() -> list[Bench]``.
``python benchmarks/run.py`` (``make bench``) runs them all and prints one table.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Bench:
    """One measured case.

    ``run`` is called ``repeats`` times after one warm-up call; ``target_s`` is the goal
    (None = report only). ``note`` adds context, e.g. an optimality gap.
    """

    name: str
    run: Callable[[], object]
    target_s: float | None = None
    repeats: int = 7
    note: str | Callable[[], str] = ""
    warmup: bool = True


@dataclass
class Measured:
    name: str
    median_s: float
    min_s: float
    max_s: float
    repeats: int
    target_s: float | None
    note: str

    @property
    def verdict(self) -> str:
        if self.target_s is None:
            return "-"
        return "ok" if self.median_s <= self.target_s else "SLOW"


def measure(b: Bench) -> Measured:
    """Median, min and max wall time of ``b.run`` over ``b.repeats`` runs."""
    if b.warmup:
        b.run()
    times = []
    for _ in range(b.repeats):
        t0 = time.perf_counter()
        b.run()
        times.append(time.perf_counter() - t0)
    note = b.note() if callable(b.note) else b.note
    return Measured(
        b.name, statistics.median(times), min(times), max(times), b.repeats, b.target_s, note
    )


def fmt_s(s: float) -> str:
    if s < 1e-3:
        return f"{s * 1e6:.0f} us"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def table(rows: list[Measured]) -> str:
    """A plain-text table of measured figures."""
    head = ("benchmark", "median", "min", "max", "runs", "target", "", "note")
    body = [
        (
            r.name,
            fmt_s(r.median_s),
            fmt_s(r.min_s),
            fmt_s(r.max_s),
            str(r.repeats),
            fmt_s(r.target_s) if r.target_s is not None else "-",
            r.verdict,
            r.note,
        )
        for r in rows
    ]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [head, *body]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
