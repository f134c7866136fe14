"""Run the briefing notebook for many scenarios: validated first, in parallel, failure-proof.

``planning batch`` validates every scenario before any kernel starts (invalid ones are
reported, not run), then runs each valid scenario in a long-lived worker process
(papermill's Python API, one fresh kernel per scenario, an overall timeout per scenario)
and exports the briefing in the same process. One failure (an exception in the notebook,
a killed kernel, a timeout) never stops the others; the failed executed notebook is kept
as ``briefing.failed.ipynb`` beside an ``error.txt``.

Layout of one run::

    OUT/RUN_ID/index.html          status, duration, links, target matrix
    OUT/RUN_ID/comparison.csv|xlsx key figures side by side
    OUT/RUN_ID/SCENARIO/           briefing.html, briefing.ipynb, tables.xlsx,
                                   tables/*.csv, summary.json, stamp.json

Every file appears under its final name only when complete (temporary name, then
rename). A scenario whose inputs are unchanged since its last successful run in the same
``OUT`` (same scenario content, data files, notebook and code) is copied from that run
instead of run again, unless ``force``. ``scheduler="tcp://host:port"`` sends the same
task function to a Dask distributed cluster (OUT must be on a filesystem the workers see).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .errors import PlanningError, Problem, UsageError
from .fileio import atomic_write_bytes, atomic_write_text
from .paths import NOTEBOOK_DIR

BRIEFING_NOTEBOOK = NOTEBOOK_DIR / "briefing.ipynb"
STAGING_MARK = ".staging-"


@dataclass(frozen=True)
class Task:
    """Everything a worker needs to produce one scenario's briefing (picklable)."""

    name: str
    scenario: str
    out_dir: str
    inputs_hash: str
    overrides: dict[str, Any] = field(default_factory=dict)
    data_dir: str | None = None
    compare_to: str | None = None
    notebook: str = str(BRIEFING_NOTEBOOK)
    timeout_s: float | None = 600.0
    kernel_name: str = "python3"
    title: str = ""
    language: str = "en"


@dataclass
class Outcome:
    """What happened to one scenario.

    ``status`` is ``ok``, ``skipped`` (unchanged; copied from ``reused_from``),
    ``failed``, ``timeout``, ``invalid`` or ``interrupted``.
    """

    name: str
    status: str
    duration_s: float = 0.0
    message: str = ""
    title: str = ""
    folder: str = ""
    reused_from: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def succeeded(self) -> bool:
        return self.status in ("ok", "skipped")


# --------------------------------------------------------------------------- worker side


def _warm_worker(ignore_sigint: bool = True) -> None:
    """Pay the heavy imports once per worker process, not once per scenario."""
    global _FACTORY
    if ignore_sigint:
        # Ctrl-C is handled by the parent, which stops the workers cleanly.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _FACTORY is None and _become_subreaper():
        # Started first: it imports what the kernels need while this process imports papermill.
        _FACTORY = KernelFactory()
    # nbformat imports jsonschema, whose IRI format checker builds a grammar at import
    # (about 1 s of CPU per worker, at the start of every batch); the notebook schema has
    # no IRI field and nbformat validates without format checkers, so go without it.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    if ignore_sigint:
        import atexit

        atexit.register(_quick_exit)  # registered first, so it runs after the other handlers
    import papermill  # noqa: F401

    from . import briefing

    def warm_exporter() -> None:
        briefing._exporter()
        briefing.plotly_js()

    # The exporter is first needed after the first notebook has run: build it meanwhile.
    threading.Thread(target=warm_exporter, daemon=True).start()


def _quick_exit() -> None:
    """End a pool worker without tearing the interpreter down (about 0.3 s): everything it
    produced is written and published by then."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


def _tracked_kernel_manager(registry: list[Any]) -> type:
    """A kernel manager class that records its instances (so a timer can kill them).

    In a batch worker its kernels come from the worker's :class:`KernelFactory` (a fresh
    process each, with the imports already done); otherwise, or when the factory cannot
    serve, they are launched as usual.
    """
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner

    class TrackedKernelManager(AsyncKernelManager):
        def __init__(self, **kw: Any):
            # Local sockets with a unique path: no TCP ports, no clash between kernels.
            kw.setdefault("transport", "ipc")
            kw.setdefault("ip", os.path.join(tempfile.gettempdir(), f"pk-{uuid.uuid4().hex[:12]}"))
            super().__init__(**kw)
            registry.append(self)

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            prov = self.provisioner
            pid = None
            if _FACTORY is not None and isinstance(prov, LocalProvisioner):
                pid = _FACTORY.launch(kernel_cmd, kw.get("cwd"), kw.get("env"))
            if pid is None:
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            prov.process = ForkedKernel(pid)
            prov.pid = prov.pgid = pid
            prov.cwd = kw.get("cwd") or os.getcwd()
            self._reconcile_connection_info(prov.connection_info)
            return None

    return TrackedKernelManager


# --------------------------------------------------------------------------- kernel factory

KERNEL_PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "IPython.display",
    "pandas",
    "scipy.optimize",
    "plotly.graph_objects",
    "openpyxl",
    "planning.briefing",
    "planning.targets",
    "planning.budget",
    "planning.provenance",
    "planning.data",
    "planning.scenario",
    "planning.models.talent",
    "planning.models.training",
    "planning.models.venues",
    "planning.models.subsidies",
    "planning.charts.talent",
    "planning.charts.training",
    "planning.charts.venues",
    "plotly.io",
    "pandas.io.excel._openpyxl",
    "pandas.io.formats.excel",
)
"""Modules the briefing notebook imports: loaded once by the factory, not by every kernel."""

_FACTORY: KernelFactory | None = None
"""This worker's kernel factory (set in batch worker processes only)."""


def _become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux): a kernel forked by the factory becomes our child."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


class KernelFactory:
    """A helper process holding the kernels' imports; each kernel is a fork of it.

    Starting a kernel normally costs a new interpreter plus ipykernel, pandas, scipy, plotly
    and this package: about 1.3 s of CPU per scenario. The factory pays that once per
    worker; each scenario still gets a fresh process of its own (nothing runs in the
    factory but imports). The forked kernel is handed to this process (a child subreaper)
    so that it is our child, as a launched kernel would be. Any problem: ``launch``
    returns None and the kernel is launched the usual way.
    """

    def __init__(self) -> None:
        import subprocess

        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from planning.batch import _factory_main; _factory_main()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.ready: bool | None = None
        self.lock = threading.Lock()

    def launch(self, kernel_cmd: Sequence[str], cwd: str | None, env: dict | None) -> int | None:
        """Fork a kernel for ``kernel_cmd`` (an ipykernel launch); its pid, or None."""
        head = [sys.executable, "-m", "ipykernel_launcher"]
        if list(kernel_cmd[:3]) != head:
            return None
        env = dict(os.environ if env is None else env)
        env["JPY_PARENT_PID"] = str(os.getpid())
        req = {"argv": list(kernel_cmd[3:]), "cwd": cwd or os.getcwd(), "env": env}
        req["parent"] = os.getpid()
        with self.lock:
            try:
                if self.ready is None:
                    self.ready = self.proc.stdout.readline().strip() == "ready"
                if not self.ready or self.proc.poll() is not None:
                    return None
                self.proc.stdin.write(json.dumps(req) + "\n")
                self.proc.stdin.flush()
                line = self.proc.stdout.readline().strip()
            except (OSError, ValueError):
                self.ready = False
                return None
        return int(line) if line.isdigit() else None


class ForkedKernel:
    """``Popen``-like handle of a kernel made by the factory (our child, see above)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # not ours after all: probe it
                try:
                    os.kill(self.pid, 0)
                except ProcessLookupError:
                    self.returncode = -signal.SIGKILL
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                import subprocess

                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.005)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _factory_main() -> None:
    """The factory process: import, then fork one kernel per request line on stdin.

    Each kernel is forked twice (the middle process exits at once) so that it is adopted
    by the worker, which asked for it and waits for it.
    """
    import importlib

    reply = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # whatever the imports or kernels print goes to stderr, not the replies
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in KERNEL_PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        _warm_plotly()
    # Forking is safe only in a process with one thread.
    reply.write("ready\n" if threading.active_count() == 1 else "unsafe\n")
    for line in sys.stdin:
        req = json.loads(line)
        r, w = os.pipe()
        middle = os.fork()
        if middle == 0:
            try:
                os.close(r)
                kernel = os.fork()
                if kernel == 0:
                    os.close(w)
                    reply.close()
                    _become_kernel(req)
                os.write(w, str(kernel).encode())
            finally:
                os._exit(0)
        os.close(w)
        os.waitpid(middle, 0)  # the kernel is now orphaned, adopted by the worker
        with os.fdopen(r, "rb") as f:
            pid = f.read().decode()
        reply.write(f"{pid}\n")


def _warm_plotly() -> None:
    """Load what plotly loads on first use (validators, the default template)."""
    import plotly.graph_objects as go

    traces = [go.Bar(x=[1], y=[1]), go.Scatter(x=[1], y=[1]), go.Heatmap(z=[[1]])]
    go.Figure([*traces, go.Table(cells={"values": [[1]]})]).to_json()


def _become_kernel(req: dict[str, Any]) -> None:
    """In the forked child: become ``python -m ipykernel_launcher ARGV`` in ``cwd``."""
    code = 1
    try:
        deadline = time.monotonic() + 5
        while os.getppid() != req["parent"] and time.monotonic() < deadline:
            time.sleep(0.001)
        os.setsid()  # its own process group, as a launched kernel
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        if sys.path and sys.path[0] == "":
            del sys.path[0]  # as ipykernel_launcher does; the kernel adds it back
        sys.argv = [sys.executable, *req["argv"]]
        from ipykernel import kernelapp

        code = 0
        try:
            # Read from the environment at import (in the factory): give it explicitly.
            parent = f"--IPKernelApp.parent_handle={req['parent']}"
            kernelapp.launch_new_instance(argv=[*req["argv"], parent])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
        import atexit

        atexit._run_exitfuncs()
    except BaseException:
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _kill_kernels(registry: list[Any]) -> None:
    for km in registry:
        pid = getattr(getattr(km, "provisioner", None), "pid", None)
        if pid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


ENGINE = "planning"
"""papermill engine name: nbclient, keeping hold of the notebook being executed."""


def _register_engine() -> None:
    """papermill's nbclient engine, remembering the notebook it runs.

    With papermill saving after every cell (its default) each save serialises the whole
    notebook (about 40 ms for a briefing, 0.4 s per scenario); without it a dead kernel
    leaves nothing to debug. This engine lets the caller write the notebook itself.
    """
    from papermill.engines import NBClientEngine, papermill_engines

    if ENGINE in papermill_engines._engines:
        return

    class KeepingEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            kwargs.pop("nb_holder").append(nb_man)
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register(ENGINE, KeepingEngine)


def execute_notebook(task: Task, output_path: Path, parameters: dict[str, Any]) -> Any:
    """Run the notebook with papermill in this process; kill the kernel at the deadline.

    Returns the executed notebook. Raises ``TimeoutError`` when the deadline passed, or
    whatever papermill raised; the output notebook is written in every case.
    """
    import papermill
    from papermill.iorw import write_ipynb

    _register_engine()
    kernels: list[Any] = []
    managers: list[Any] = []
    timed_out = threading.Event()

    def on_deadline() -> None:
        timed_out.set()
        _kill_kernels(kernels)

    timer = None
    if task.timeout_s:
        timer = threading.Timer(task.timeout_s, on_deadline)
        timer.daemon = True
        timer.start()
    try:
        return papermill.execute_notebook(
            task.notebook,
            str(output_path),
            parameters=parameters,
            engine_name=ENGINE,
            nb_holder=managers,
            kernel_name=task.kernel_name,
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=str(Path(task.notebook).parent),
            kernel_manager_class=_tracked_kernel_manager(kernels),
            # Every cell has run and its outputs are in: no need to wait for a clean exit.
            shutdown_kernel="immediate",
            # Backstop only: the timer above enforces the overall limit first.
            execution_timeout=task.timeout_s + 30 if task.timeout_s else None,
        )
    except Exception as exc:
        if managers and not output_path.exists():
            write_ipynb(managers[0].nb, str(output_path))  # e.g. after a dead kernel
        if timed_out.is_set():
            raise TimeoutError(
                f"stopped after {task.timeout_s:g} s (per-scenario timeout)"
            ) from exc
        raise
    finally:
        if timer:
            timer.cancel()


def _describe(exc: BaseException) -> str:
    """A one-paragraph reason for a failure, without papermill's decoration."""
    name = type(exc).__name__
    if name == "PapermillExecutionError":
        evalue = getattr(exc, "evalue", "") or ""
        return (
            f"{getattr(exc, 'ename', 'Error')} in cell {getattr(exc, 'exec_count', '?')}: {evalue}"
        )
    if name == "DeadKernelError":
        return "the kernel died (killed, crashed or out of memory)"
    if name == "CellTimeoutError":
        return "a cell ran past the per-scenario timeout"
    return f"{name}: {exc}"


def publish(staging: Path, final: Path, *, keep_existing: bool = False) -> Path:
    """Move a finished staging folder into place, file by file with atomic renames.

    When ``final`` does not exist the whole folder is renamed at once. Otherwise each
    file replaces its namesake; files of an earlier run not produced now are removed,
    unless ``keep_existing`` (used for failures, so an older good briefing survives).
    """
    if not final.exists():
        os.replace(staging, final)
        return final
    produced = {p.relative_to(staging) for p in staging.rglob("*") if p.is_file()}
    for rel in sorted(produced):
        (final / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, final / rel)
    if not keep_existing:
        for p in sorted(final.rglob("*"), reverse=True):
            rel = p.relative_to(final)
            if p.is_file() and rel not in produced:
                p.unlink()
            elif p.is_dir() and not any(p.iterdir()):
                p.rmdir()
    shutil.rmtree(staging, ignore_errors=True)
    return final


def run_task(task: Task) -> Outcome:
    """Produce one scenario's folder: execute, export, publish. Never raises for a
    failing scenario; the returned :class:`Outcome` says what happened.

    Examples
    --------
    >>> o = run_task(Task("baseline", "data/scenarios/baseline.yaml", "reports/baseline", "x"))
    >>> o.status
    'ok'
    """
    from . import briefing

    t0 = time.perf_counter()
    final = Path(task.out_dir)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = final.parent / f".{final.name}{STAGING_MARK}{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    parameters = {
        "scenario": task.scenario,
        "overrides": dict(task.overrides),
        "data_dir": task.data_dir,
        "compare_to": task.compare_to,
        "out_dir": str(staging),
    }
    timings: dict[str, float] = {}
    executed = staging / "briefing.ipynb"
    try:
        nb = execute_notebook(task, executed, parameters)
        timings["execute_s"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        briefing.export_html(
            nb, staging / "briefing.html", title=task.title or None, lang=task.language
        )
        timings["export_s"] = time.perf_counter() - t1
        summary = _read_json(staging / "summary.json")
        stamp = {
            "inputs_hash": task.inputs_hash,
            "scenario": task.name,
            "finished": datetime.now().astimezone().isoformat(timespec="seconds"),
            "timings": timings,
        }
        atomic_write_text(staging / "stamp.json", json.dumps(stamp, indent=2))
        publish(staging, final)
        status, message = "ok", ""
    except BaseException as exc:
        timed_out = isinstance(exc, TimeoutError) or type(exc).__name__ == "CellTimeoutError"
        status = "timeout" if timed_out else "failed"
        message = _describe(exc) if status == "failed" else str(exc)
        summary = {}
        if executed.exists():
            os.replace(executed, staging / "briefing.failed.ipynb")
        detail = "".join(traceback.format_exception(exc))
        (staging / "error.txt").write_text(f"{status}: {message}\n\n{detail}", encoding="utf-8")
        for name in ("summary.json", "briefing.html"):
            (staging / name).unlink(missing_ok=True)
        publish(staging, final, keep_existing=True)
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Outcome(
        name=task.name,
        status=status,
        duration_s=time.perf_counter() - t0,
        message=message,
        title=task.title,
        folder=str(final),
        timings=timings,
        summary=summary,
    )


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# --------------------------------------------------------------------------- planning


@dataclass
class Plan:
    """Validated batch: tasks to run, scenarios to copy, invalid ones with reasons."""

    run_dir: Path
    tasks: list[Task]
    reused: list[tuple[Task, Path]]
    invalid: list[Outcome]


def _unique_names(paths: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for p in paths:
        stem = Path(p).stem if Path(p).suffix in (".yaml", ".yml") else Path(p).name
        seen[stem] = seen.get(stem, 0) + 1
        names.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return names


def new_run_id(out: Path) -> str:
    """A sortable, unique run folder name: ``YYYYMMDD-HHMMSS`` (``-2``, ... if taken)."""
    base = datetime.now().strftime("%Y%m%d-%H%M%S")
    run_id, k = base, 1
    while (out / run_id).exists():
        k += 1
        run_id = f"{base}-{k}"
    return run_id


def find_previous(
    out: Path, name: str, inputs_hash: str, exclude: Path | None = None
) -> Path | None:
    """The newest successful output folder of ``name`` in ``out`` with the same inputs."""
    best: tuple[float, Path] | None = None
    for stamp in out.glob(f"*/{name}/stamp.json"):
        folder = stamp.parent
        if exclude is not None and folder.parent == exclude:
            continue
        data = _read_json(stamp)
        if data.get("inputs_hash") != inputs_hash or not (folder / "briefing.html").is_file():
            continue
        mtime = stamp.stat().st_mtime
        if best is None or mtime > best[0]:
            best = (mtime, folder)
    return best[1] if best else None


def plan_batch(
    scenarios: Sequence[str] | None = None,
    *,
    data: str | Path | None = None,
    out: str | Path = "reports",
    overrides: dict[str, Any] | None = None,
    notebook: str | Path = BRIEFING_NOTEBOOK,
    timeout_s: float | None = 600.0,
    force: bool = False,
    check_data: bool = True,
) -> Plan:
    """Validate every scenario (and the data) and decide what to run, copy or report.

    Raises
    ------
    DataError
        The data cannot be loaded (nothing could run).
    UsageError
        No scenario given or found, or the notebook is missing.
    """
    from .provenance import data_file_hashes, inputs_hash
    from .scenario import list_scenarios, load_scenario, scenario_path

    notebook = Path(notebook).resolve()
    if not notebook.is_file():
        raise UsageError("notebook not found", [Problem(str(notebook), "file not found")])
    names_or_paths = list(scenarios or list_scenarios())
    if not names_or_paths:
        raise UsageError(
            "no scenarios to run",
            [Problem("data/scenarios", "no *.yaml files; name scenarios on the command line")],
        )
    if check_data:
        from .data import load_baseline

        load_baseline(data)  # a DataError stops the batch before any kernel starts
    data_hashes = data_file_hashes(data)
    out = Path(out).resolve()
    run_dir = out / new_run_id(out)
    data_param = str(Path(data).resolve()) if data else None
    tasks, reused, invalid = [], [], []
    for name, arg in zip(_unique_names(names_or_paths), names_or_paths, strict=True):
        path = scenario_path(arg)
        try:
            scen = load_scenario(path, overrides)
        except PlanningError as exc:
            invalid.append(Outcome(name=name, status="invalid", message=str(exc)))
            continue
        digest = inputs_hash(scen.to_yaml(), data_hashes, notebook)
        task = Task(
            name=name,
            scenario=str(path.resolve()),
            out_dir=str(run_dir / name),
            inputs_hash=digest,
            overrides=dict(overrides or {}),
            data_dir=data_param,
            notebook=str(notebook),
            timeout_s=timeout_s,
            title=scen.title,
            language=scen.run.language,
        )
        previous = None if force else find_previous(out, name, digest)
        if previous is not None:
            reused.append((task, previous))
        else:
            tasks.append(task)
    # Longest first (by the last run's time, when known): the batch ends sooner.
    tasks.sort(key=lambda t: -last_duration(out, t.name))
    return Plan(run_dir=run_dir, tasks=tasks, reused=reused, invalid=invalid)


def last_duration(out: Path, name: str) -> float:
    """Seconds the newest successful run of ``name`` in ``out`` took (0 if none)."""
    stamps = sorted(out.glob(f"*/{name}/stamp.json"), key=lambda p: p.stat().st_mtime)
    if not stamps:
        return 0.0
    timings = _read_json(stamps[-1]).get("timings", {})
    return float(sum(timings.values()))


def _reuse(task: Task, previous: Path) -> Outcome:
    """Copy an unchanged scenario's previous output into this run (atomic rename)."""
    final = Path(task.out_dir)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = final.parent / f".{final.name}{STAGING_MARK}{uuid.uuid4().hex[:8]}"
    shutil.copytree(previous, staging)
    publish(staging, final)
    return Outcome(
        name=task.name,
        status="skipped",
        title=task.title,
        folder=str(final),
        reused_from=previous.parent.name,
        summary=_read_json(final / "summary.json"),
    )


# --------------------------------------------------------------------------- running


class Progress:
    """A tqdm bar on a terminal, one plain line per scenario otherwise."""

    def __init__(self, total: int, stream: Any = None):
        self.stream = stream or sys.stderr
        self.total, self.done = total, 0
        self.bar = None
        if total and getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="scenario", desc="briefings", file=self.stream)

    def update(self, o: Outcome) -> None:
        self.done += 1
        line = f"[{self.done}/{self.total}] {o.name}: {o.status} ({o.duration_s:.1f} s)"
        if o.message and not o.succeeded:
            first, *rest = o.message.splitlines()
            line += f" - {first}"
            if o.status == "invalid":  # every problem, each with its file, line and key
                line += "".join(f"\n    {r.strip()}" for r in rest)
        if self.bar is not None:
            self.bar.update(1)
            if not o.succeeded:
                self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _failed(task: Task, exc: BaseException, status: str = "failed") -> Outcome:
    return Outcome(
        name=task.name, status=status, message=_describe(exc), title=task.title, folder=""
    )


def _noop() -> None:
    """Submitted once per worker so that the pool starts (and warms up) right away."""


def start_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes, started and warming up in the background."""
    import multiprocessing as mp

    ex = ProcessPoolExecutor(
        max_workers=workers, mp_context=mp.get_context("spawn"), initializer=_warm_worker
    )
    for _ in range(workers):
        ex.submit(_noop)
    return ex


def _run_local(
    tasks: list[Task],
    workers: int,
    on_done: Callable[[Outcome], None],
    pool: ProcessPoolExecutor | None = None,
) -> list[Outcome]:
    """Run tasks in long-lived spawned worker processes; survive a worker's death.

    When a worker process dies (not a kernel: the process running papermill), the pool
    breaks and every task it held fails with ``BrokenProcessPool``. Those tasks are run
    again, each in a pool of its own, so that a task which kills its worker fails alone.
    """
    outcomes: list[Outcome] = []
    ex = pool or start_pool(min(workers, len(tasks)))
    futures: dict[Future, Task] = {ex.submit(run_task, t): t for t in tasks}
    retry: list[Task] = []
    try:
        while futures:
            done, _ = wait(futures, return_when=FIRST_COMPLETED)
            for fut in done:
                task = futures.pop(fut)
                try:
                    o = fut.result()
                except BrokenProcessPool:
                    retry.append(task)
                    continue
                except Exception as exc:  # a bug in run_task itself
                    o = _failed(task, exc)
                outcomes.append(o)
                on_done(o)
    except BaseException:
        _stop_pool(ex)
        raise
    ex.shutdown(wait=True)
    if retry:
        outcomes += _run_isolated(retry, workers, on_done)
    return outcomes


def _run_isolated(
    tasks: list[Task], workers: int, on_done: Callable[[Outcome], None]
) -> list[Outcome]:
    """Each task in a one-worker pool of its own, at most ``workers`` at a time."""
    outcomes: list[Outcome] = []
    queue = list(tasks)
    running: dict[Future, tuple[Task, ProcessPoolExecutor]] = {}
    try:
        while queue or running:
            while queue and len(running) < workers:
                task = queue.pop(0)
                ex = start_pool(1)
                running[ex.submit(run_task, task)] = (task, ex)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                task, ex = running.pop(fut)
                try:
                    o = fut.result()
                except BrokenProcessPool as exc:
                    o = _failed(task, exc)
                    o.message = "the worker process died twice running this scenario"
                except Exception as exc:
                    o = _failed(task, exc)
                ex.shutdown(wait=False)
                outcomes.append(o)
                on_done(o)
    except BaseException:
        for _, ex in running.values():
            _stop_pool(ex)
        raise
    return outcomes


def _stop_pool(ex: ProcessPoolExecutor) -> None:
    """Cancel what has not started and stop the workers now (their kernels follow)."""
    procs = list((getattr(ex, "_processes", None) or {}).values())
    ex.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)
        if p.is_alive():
            p.kill()


def _run_dask(
    tasks: list[Task], scheduler: str, on_done: Callable[[Outcome], None]
) -> list[Outcome]:
    """Run the same task function on a Dask distributed cluster."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask",
            [Problem("--scheduler", "install the extra: pip install 'planning[dask]'")],
        ) from None
    try:
        client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError) as exc:
        raise UsageError(
            "cannot reach the Dask scheduler", [Problem(scheduler, f"{type(exc).__name__}: {exc}")]
        ) from None
    outcomes: list[Outcome] = []
    try:
        futures = {
            client.submit(
                run_task, t, key=f"briefing-{t.name}-{uuid.uuid4().hex[:8]}", pure=False
            ): t
            for t in tasks
        }
        for fut in as_completed(list(futures)):
            task = futures[fut]
            try:
                o = fut.result()
            except Exception as exc:
                o = _failed(task, exc)
            outcomes.append(o)
            on_done(o)
    except BaseException:
        for fut in futures:
            fut.cancel()
        raise
    finally:
        client.close()
    return outcomes


def sweep_staging(run_dir: Path) -> None:
    """Remove staging folders left by stopped workers (never a finished output)."""
    if run_dir.is_dir():
        for p in run_dir.glob(f".*{STAGING_MARK}*"):
            shutil.rmtree(p, ignore_errors=True)


@dataclass
class BatchResult:
    """Outcome of a batch run."""

    run_dir: Path
    outcomes: list[Outcome]
    interrupted: bool = False

    @property
    def index(self) -> Path:
        return self.run_dir / "index.html"

    @property
    def exit_code(self) -> int:
        """0 when every scenario succeeded (or was unchanged), else 1."""
        ok = all(o.succeeded for o in self.outcomes) and not self.interrupted
        return 0 if ok else 1


def run_batch(
    scenarios: Sequence[str] | None = None,
    *,
    data: str | Path | None = None,
    out: str | Path = "reports",
    workers: int | None = None,
    timeout_s: float | None = 600.0,
    scheduler: str | None = None,
    force: bool = False,
    overrides: dict[str, Any] | None = None,
    notebook: str | Path = BRIEFING_NOTEBOOK,
    check_data: bool = True,
    progress_stream: Any = None,
) -> BatchResult:
    """Validate, run in parallel, write the run's index; see the module docstring.

    Parameters
    ----------
    scenarios : list of str, optional
        Names in ``data/scenarios`` or YAML paths; default every file there.
    data : path, optional
        Data folder or workbook; default the Example City.
    out : path
        Output folder; each run gets ``OUT/RUN_ID``.
    workers : int, optional
        Parallel worker processes (default: CPU cores).
    timeout_s : float, optional
        Overall time allowed per scenario; the kernel is killed after it.
    scheduler : str, optional
        ``tcp://host:port`` of a Dask scheduler instead of local processes.
    force : bool
        Rerun scenarios whose inputs are unchanged.

    Returns
    -------
    BatchResult
        With ``exit_code`` (0 all good, 1 something failed or was invalid).

    Examples
    --------
    >>> r = run_batch(["baseline", "fast_recruitment"], out="reports", workers=2)
    >>> r.exit_code, r.index.name
    (0, 'index.html')
    """
    if workers is None:
        workers = os.cpu_count() or 1
    if workers < 1:
        raise UsageError("bad --workers", [Problem("--workers", f"found {workers}; expected >= 1")])
    if timeout_s is not None and timeout_s <= 0:
        raise UsageError(
            "bad --timeout", [Problem("--timeout", f"found {timeout_s}; expected > 0")]
        )
    # Local workers start (and pay their imports) while the inputs are being validated;
    # no kernel starts before validation is over.
    pool = None
    if not scheduler:
        from .scenario import list_scenarios

        expected = len(scenarios) if scenarios else len(list_scenarios())
        pool = start_pool(max(1, min(workers, expected)))
    try:
        plan = plan_batch(
            scenarios,
            data=data,
            out=out,
            overrides=overrides,
            notebook=notebook,
            timeout_s=timeout_s,
            force=force,
            check_data=check_data,
        )
    except BaseException:
        if pool is not None:
            _stop_pool(pool)
        raise
    if pool is not None and not plan.tasks:
        pool.shutdown(wait=False, cancel_futures=True)
        pool = None
    plan.run_dir.mkdir(parents=True, exist_ok=True)
    progress = Progress(len(plan.tasks) + len(plan.reused) + len(plan.invalid), progress_stream)
    outcomes: list[Outcome] = []

    def done(o: Outcome) -> None:
        outcomes.append(o)
        progress.update(o)

    interrupted = False
    try:
        for o in plan.invalid:
            done(o)
        for task, previous in plan.reused:
            done(_reuse(task, previous))
        if plan.tasks:
            if scheduler:
                _run_dask(plan.tasks, scheduler, done)
            else:
                _run_local(plan.tasks, workers, done, pool)
                pool = None
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if pool is not None:
            _stop_pool(pool)
        progress.close()
        sweep_staging(plan.run_dir)
        finished = {o.name for o in outcomes}
        for t in plan.tasks:
            if t.name not in finished:
                outcomes.append(Outcome(t.name, "interrupted", title=t.title, message="not run"))
        order = {n: i for i, n in enumerate(_plan_order(plan))}
        outcomes.sort(key=lambda o: order.get(o.name, len(order)))
        write_index(plan.run_dir, outcomes, interrupted=interrupted)
    result = BatchResult(plan.run_dir, outcomes, interrupted)
    if interrupted:
        raise KeyboardInterrupt(str(result.index))
    return result


def _plan_order(plan: Plan) -> list[str]:
    names = [o.name for o in plan.invalid] + [t.name for t, _ in plan.reused]
    names += [t.name for t in plan.tasks]
    return sorted(names)


# --------------------------------------------------------------------------- index


def write_index(run_dir: Path, outcomes: Sequence[Outcome], *, interrupted: bool = False) -> Path:
    """Write ``index.html``, ``comparison.csv`` and ``comparison.xlsx`` of a run."""
    from .i18n import t

    lang = next((o.summary.get("language") for o in outcomes if o.summary.get("language")), "en")
    atomic_write_text(run_dir / "index.html", index_html(run_dir, outcomes, lang, interrupted))
    frame = comparison_frame(outcomes)
    atomic_write_bytes(run_dir / "comparison.csv", frame.to_csv(index=False).encode("utf-8-sig"))
    import io

    buf = io.BytesIO()
    frame.to_excel(buf, index=False, sheet_name=t("briefing.batch.sheet.comparison", lang)[:31])
    atomic_write_bytes(run_dir / "comparison.xlsx", buf.getvalue())
    return run_dir / "index.html"


def comparison_frame(outcomes: Sequence[Outcome]) -> Any:
    """One row per scenario: status, duration, key figures, target statuses."""
    import pandas as pd

    rows = []
    for o in outcomes:
        row: dict[str, Any] = {
            "scenario": o.name,
            "title": o.title,
            "status": o.status,
            "duration_s": round(o.duration_s, 1),
        }
        for kf in o.summary.get("key_figures", []):
            label = kf.get("label", kf.get("id"))
            unit = kf.get("unit")
            row[f"{label} ({unit})" if unit else label] = kf.get("value")
        for tg in o.summary.get("targets", []):
            row[f"{tg.get('id')} status"] = tg.get("status")
        rows.append(row)
    return pd.DataFrame(rows)


def index_html(run_dir: Path, outcomes: Sequence[Outcome], lang: str, interrupted: bool) -> str:
    """The run's index page: one row per scenario and the target matrix (all escaped)."""
    from .briefing import esc, heading, page, paragraph, pill, table
    from .i18n import t

    n_ok = sum(o.succeeded for o in outcomes)
    parts = [
        heading(t("briefing.batch.index.title", lang, run=run_dir.name), 1).html,
        paragraph(
            t("briefing.batch.index.summary", lang, ok=n_ok, total=len(outcomes)), "subtitle"
        ).html,
    ]
    if interrupted:
        parts.append(paragraph(t("briefing.batch.index.interrupted", lang), "note").html)
    rows = []
    for o in outcomes:
        link = ""
        folder = run_dir / o.name
        if o.succeeded and (folder / "briefing.html").is_file():
            link = f'<a href="{esc(o.name)}/briefing.html">{esc(t("briefing.batch.index.open", lang))}</a>'
        elif (folder / "briefing.failed.ipynb").is_file():
            link = f'<a href="{esc(o.name)}/briefing.failed.ipynb">{esc(t("briefing.batch.index.failed_nb", lang))}</a>'
        status = {"ok": "met", "skipped": "met", "interrupted": "tracked"}.get(o.status, "missed")
        label = t(f"briefing.batch.status.{o.status}", lang)
        if o.reused_from:
            label += f" ({o.reused_from})"
        rows.append(
            (
                o.name,
                o.title,
                pill(status, label),
                f"{o.duration_s:.1f}",
                link,
                o.message.splitlines()[0] if o.message else "",
            )
        )
    header = [
        t(f"briefing.batch.col.{c}", lang)
        for c in ("scenario", "title", "status", "seconds", "briefing", "note")
    ]
    parts.append(heading(t("briefing.batch.index.scenarios", lang)).html)
    parts.append(
        table(rows, header, numeric=[0, 0, 0, 1, 0, 0], raw=[0, 0, 1, 0, 1, 0]).html  # type: ignore[list-item]
    )
    problems = [o for o in outcomes if o.status == "invalid"]
    if problems:
        parts.append(heading(t("briefing.batch.index.problems", lang), 3).html)
        parts += [f"<pre class=note>{esc(o.message)}</pre>" for o in problems]
    parts.append(_figures_html(outcomes, lang))
    parts.append(_matrix_html(outcomes, lang))
    parts.append(
        "<footer>"
        + esc(t("briefing.batch.index.files", lang))
        + ' <a href="comparison.csv">comparison.csv</a> · <a href="comparison.xlsx">comparison.xlsx</a>'
        + "</footer>"
    )
    return page(t("briefing.batch.index.title", lang, run=run_dir.name), "".join(parts), lang=lang)


def _figures_html(outcomes: Sequence[Outcome], lang: str) -> str:
    """Key figures side by side: one row per figure, one column per scenario."""
    from .briefing import fmt_pct, heading, table
    from .i18n import t

    with_figures = [o for o in outcomes if o.summary.get("key_figures")]
    if not with_figures:
        return ""
    labels: dict[str, str] = {}
    for o in with_figures:
        for kf in o.summary["key_figures"]:
            labels.setdefault(kf["id"], kf.get("label", kf["id"]))
    rows = []
    for kid, label in labels.items():
        row: list[Any] = [label[:1].upper() + label[1:]]
        for o in with_figures:
            kf = next((k for k in o.summary["key_figures"] if k["id"] == kid), {})
            text = kf.get("text")
            if text is None and kf.get("unit") == "share" and kf.get("value") is not None:
                text = fmt_pct(kf["value"], lang)
            row.append(text if text is not None else "-")
        rows.append(row)
    header = [t("briefing.batch.col.figure", lang)] + [o.name for o in with_figures]
    n = len(header)
    return (
        heading(t("briefing.batch.index.figures", lang)).html
        + table(rows, header, numeric=[False] + [True] * (n - 1)).html
    )


def _matrix_html(outcomes: Sequence[Outcome], lang: str) -> str:
    from .briefing import heading, pill, table
    from .i18n import t

    with_targets = [o for o in outcomes if o.summary.get("targets")]
    if not with_targets:
        return ""
    ids: dict[str, str] = {}
    for o in with_targets:
        for tg in o.summary["targets"]:
            ids.setdefault(tg["id"], tg.get("label", tg["id"]))
    rows = []
    for tid, label in ids.items():
        row: list[Any] = [f"{label}"]
        for o in with_targets:
            tg = next((x for x in o.summary["targets"] if x["id"] == tid), None)
            row.append(pill(tg["status"], tg.get("status_label", tg["status"])) if tg else "")
        rows.append(row)
    header = [t("briefing.batch.col.target", lang)] + [o.name for o in with_targets]
    n = len(header)
    return (
        heading(t("briefing.batch.index.matrix", lang)).html
        + table(rows, header, raw=[False] + [True] * (n - 1), cls="bt matrix").html
    )


# --------------------------------------------------------------------------- CLI


def cli_batch(args: argparse.Namespace) -> int:
    """``planning batch``: run scenarios, print where the index is; exit 0/1 (2 via errors)."""
    result = run_batch(
        args.scenarios or None,
        data=args.data,
        out=args.out,
        workers=args.workers,
        timeout_s=args.timeout,
        scheduler=args.scheduler,
        force=args.force,
    )
    counts: dict[str, int] = {}
    for o in result.outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    print(f"{summary}\nindex: {result.index}")
    return result.exit_code


def cli_run(args: argparse.Namespace) -> int:
    """``planning run SCENARIO``: one briefing into OUT/SCENARIO, in this process."""
    from .data import load_baseline
    from .provenance import data_file_hashes, inputs_hash
    from .scenario import load_scenario, scenario_path

    path = scenario_path(args.scenario)
    scen = load_scenario(path)
    compare_path = None
    compare_yaml = None
    if args.compare_to:
        compare_path = scenario_path(args.compare_to)
        compare_yaml = load_scenario(compare_path).to_yaml()
    load_baseline(args.data)
    name = _unique_names([str(args.scenario)])[0]
    out = Path(args.out).resolve()
    task = Task(
        name=name,
        scenario=str(path.resolve()),
        out_dir=str(out / name),
        inputs_hash=inputs_hash(
            scen.to_yaml(), data_file_hashes(args.data), BRIEFING_NOTEBOOK, compare_yaml
        ),
        data_dir=str(Path(args.data).resolve()) if args.data else None,
        compare_to=str(compare_path.resolve()) if compare_path else None,
        timeout_s=getattr(args, "timeout", None),
        title=scen.title,
        language=scen.run.language,
    )
    o = run_task(task)
    if o.succeeded:
        print(f"briefing: {Path(o.folder) / 'briefing.html'}")
        return 0
    print(f"{o.status}: {o.message}\nsee {Path(o.folder) / 'error.txt'}", file=sys.stderr)
    return 1


__all__ = [
    "BRIEFING_NOTEBOOK",
    "BatchResult",
    "Outcome",
    "Task",
    "cli_batch",
    "cli_run",
    "run_batch",
    "run_task",
    "write_index",
]
