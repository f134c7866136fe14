"""Briefings and batches: seconds per briefing and where they go, batch throughput against
running the papermill and nbconvert command-line tools one scenario after another, and the
size of a briefing against its budget.

Run with ``python benchmarks/run.py briefing`` (or ``batch``); the batch comparison takes a
few minutes.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import Bench

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "briefing.ipynb"
MIXES = {
    "default mix": ["baseline", "fast_recruitment", "tight_budget", "baseline"],
    "4 x baseline": ["baseline"] * 4,
}
"""Four briefings per batch comparison: the default scenarios (``tight_budget`` alone takes
about 7.5 s: its training plan misses deadlines, so the model is solved in five stages and
the diagnosis re-solves it) plus the baseline again, and four light ones (copies, so that
the batch runs four briefings)."""


@functools.cache
def work() -> Path:
    """A scratch folder made on first use (not at import: batch workers import this
    module) and removed when the benchmark ends."""
    path = Path(tempfile.mkdtemp(prefix="bench-briefing-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


SEEN: dict[str, float] = {}


def _scenario_files(mix: str) -> list[str]:
    """Four distinct scenario files (copies, so that the batch runs four briefings)."""
    folder = work() / "scenarios" / mix.replace(" ", "_")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, name in enumerate(MIXES[mix]):
        dst = folder / f"{i}_{name}.yaml"
        shutil.copy(ROOT / "data" / "scenarios" / f"{name}.yaml", dst)
        paths.append(str(dst))
    return paths


def _task(name: str = "baseline"):
    from planning.batch import Task

    return Task(
        name=name,
        scenario=str(ROOT / "data" / "scenarios" / f"{name}.yaml"),
        out_dir=str(work() / "one" / name),
        inputs_hash="bench",
        timeout_s=600,
    )


def one_briefing() -> None:
    from planning.batch import run_task

    o = run_task(_task())
    assert o.status == "ok", o.message
    SEEN["execute_s"] = o.timings["execute_s"]
    SEEN["export_s"] = o.timings["export_s"]


_POOL = None


def in_worker() -> None:
    """One briefing in a warm batch worker: its kernel forked from the worker's factory."""
    global _POOL
    from planning.batch import run_task, start_pool

    if _POOL is None:
        _POOL = start_pool(1)
    o = _POOL.submit(run_task, _task()).result()
    assert o.status == "ok", o.message
    SEEN["worker_execute_s"] = o.timings["execute_s"]
    SEEN["worker_export_s"] = o.timings["export_s"]


def imports() -> None:
    subprocess.run(
        [sys.executable, "-c", "import papermill, nbconvert, planning.briefing, planning.batch"],
        check=True,
    )


def kernel_start() -> None:
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def cells_note() -> str:
    """Seconds inside the kernel's cells (from papermill's metadata) of the last briefing."""
    import nbformat

    nb = nbformat.read(str(work() / "one" / "baseline" / "briefing.ipynb"), as_version=4)
    cells = sum(c.metadata.get("papermill", {}).get("duration") or 0 for c in nb.cells)
    total = nb.metadata["papermill"]["duration"]
    first = nb.cells[2].metadata["papermill"]["duration"]
    return (
        f"cells {cells:.2f} s of papermill's {total:.2f} s (first cell with imports, data and "
        f"models {first:.2f} s); rest is kernel start and papermill"
    )


def export_only() -> None:
    from planning.briefing import export_html

    export_html(work() / "one" / "baseline" / "briefing.ipynb", work() / "export.html")


def size_note() -> str:
    from planning.briefing import plotly_js

    size = (work() / "one" / "baseline" / "briefing.html").stat().st_size
    js = len(plotly_js().encode())
    budget = 1.3 * js + 1_000_000
    return (
        f"briefing {size / 1e6:.2f} MB; plotly.min.js {js / 1e6:.2f} MB; budget "
        f"1.3 x js + 1 MB = {budget / 1e6:.2f} MB -> {'ok' if size <= budget else 'OVER'}"
    )


def plain_way(mix: str) -> None:
    """papermill then jupyter nbconvert, from a shell, one scenario after another."""
    out = work() / "plain"
    out.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    for i, path in enumerate(_scenario_files(mix)):
        nb = out / f"{i}.ipynb"
        subprocess.run(
            [BIN / "papermill", str(NOTEBOOK), str(nb), "-p", "scenario", path,
             "-k", "python3", "--no-progress-bar", "--log-level", "ERROR", "--cwd", str(ROOT)],
            check=True,
        )  # fmt: skip
        subprocess.run(
            [BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", "--log-level", "ERROR",
             str(nb)],
            check=True,
        )  # fmt: skip
    SEEN[f"plain {mix}"] = time.perf_counter() - t0


def batch_two_workers(mix: str) -> None:
    from planning.batch import run_batch

    t0 = time.perf_counter()
    out = work() / "batch" / mix.replace(" ", "_")
    r = run_batch(_scenario_files(mix), out=out, workers=2, force=True, progress_stream=_Null())
    assert r.exit_code == 0, [o.message for o in r.outcomes]
    SEEN[f"batch {mix}"] = time.perf_counter() - t0


class _Null:
    def write(self, _):
        return 0

    def flush(self):
        pass

    def isatty(self):
        return False


def batch_note(mix: str) -> str:
    n = len(MIXES[mix])
    b, p = SEEN.get(f"batch {mix}"), SEEN.get(f"plain {mix}")
    if not b or not p:
        return ""
    return (
        f"{n} briefings: batch {b / n:.1f} s each, plain way {p / n:.1f} s each; "
        f"speed-up {p / b:.1f}x (target >= 4x)"
    )


def benchmarks() -> list[Bench]:
    out = [
        Bench(
            "briefing: one scenario, in-process papermill + export",
            one_briefing,
            target_s=10.0,
            repeats=3,
            note=lambda: f"execute {SEEN['execute_s']:.2f} s, export {SEEN['export_s']:.2f} s",
        ),
        Bench(
            "briefing: one scenario in a batch worker (kernel forked with imports done)",
            in_worker,
            target_s=10.0,
            repeats=3,
            note=lambda: (
                f"execute {SEEN['worker_execute_s']:.2f} s, export {SEEN['worker_export_s']:.2f} s"
            ),
        ),
        Bench("briefing: interpreter + imports (new process)", imports, repeats=3),
        Bench("briefing: kernel start", kernel_start, repeats=3, note=cells_note),
        Bench(
            "briefing: HTML export of an executed notebook",
            export_only,
            2.0,
            repeats=5,
            note=size_note,
        ),
    ]
    for mix in MIXES:
        out += [
            Bench(
                f"batch: plain way, papermill + nbconvert CLIs, {mix}",
                lambda mix=mix: plain_way(mix),
                repeats=1,
                warmup=False,
            ),
            # The warm-up run leaves timings behind, so the measured run starts the longest
            # scenario first, as every repeated batch does.
            Bench(
                f"batch: planning batch, 2 workers, {mix}",
                lambda mix=mix: batch_two_workers(mix),
                repeats=1,
                note=lambda mix=mix: batch_note(mix),
            ),
        ]
    return out
