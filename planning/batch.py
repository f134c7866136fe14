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

Where files go and how they are published (checked folder names, an exclusively created
run folder, nothing deleted that planning did not write, a run closed against late
results) is :mod:`planning.outputs`; the kernels' fork server is :mod:`planning.kernels`;
the index page is :mod:`planning.report`. Ctrl-C and SIGTERM stop the workers and their
kernels, keep what finished and write the index (exit 130 and 143); workers, factories
and kernels die with the batch even when it is killed with ``kill -9``.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import glob
import json
import os
import shutil
import signal
import sys
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

from . import kernels
from .errors import OutputError, PlanningError, Problem, UsageError
from .fileio import atomic_write_text
from .i18n import t
from .outputs import (
    STAGING_MARK,
    RunClosed,
    close_abandoned_runs,
    close_run,
    create_run_dir,
    new_staging,
    output_error,
    output_name,
    owned_files,
    prepare_out,
    printable,
    process_exists,
    publish,
    publish_in_run,
    run_is_open,
    scenario_stem,
    signals_deferred,
    sweep_staging,
    unique_names,
)
from .paths import NOTEBOOK_DIR
from .report import write_index

BRIEFING_NOTEBOOK = NOTEBOOK_DIR / "briefing.ipynb"


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
    run_dir: str | None = None
    """The batch run this task belongs to: it publishes only while that run is open."""
    ledger: str | None = None
    """URL of the progress ledger for a mid-plan review (no password), or None."""
    as_of: str | None = None
    """The review's date as given (``2015-06``); None with a ledger = as known now."""
    ledger_password: str | None = field(default=None, repr=False)
    """The ledger's password, given to the kernel as ``PGPASSWORD`` (never written)."""


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


def _warm_worker(
    parent: int | None = None, parent_thread_lives: bool = True, ignore_sigint: bool = True
) -> None:
    """Prepare a pool worker: die with the batch, then pay the heavy imports once.

    The worker stops its kernels and its factory on SIGTERM (sent by the batch when it
    stops, or by Linux when the batch process dies, even by ``kill -9``), so that nothing
    the batch started outlives it or keeps its output streams open. Linux signals a
    parent's death when the *thread* that started the child ends: when that was not the
    batch's main thread, the worker watches its parent instead.
    """
    if ignore_sigint:
        # Ctrl-C is handled by the parent, which stops the workers cleanly.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if hasattr(signal, "pthread_sigmask"):  # blocked at start (see start_pool)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGTERM, _worker_stopped)
    if parent is not None and not (
        parent_thread_lives and kernels.die_with_parent(signal.SIGTERM, parent)
    ):
        kernels.watch_parent(parent, signal.SIGTERM)
    if kernels._FACTORY is None and kernels._become_subreaper():
        # Started first: it imports what the kernels need while this process imports papermill.
        kernels._FACTORY = kernels.KernelFactory()
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


_STAGING: list[Path] = []
"""Staging folders of the scenarios running in this process (removed if it is stopped)."""


def _worker_stopped(signum: int, _frame: Any) -> None:
    """SIGTERM in a pool worker: kill its kernels and factory, remove their files and the
    unfinished work, exit."""
    kernels.stop_all()
    for staging in list(_STAGING):
        shutil.rmtree(staging, ignore_errors=True)
    _quick_exit(128 + signum)


def _quick_exit(code: int = 0) -> None:
    """End a pool worker without tearing the interpreter down (about 0.3 s): everything it
    produced is written and published by then."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


ENGINE = "planning"
"""papermill engine name: nbclient, keeping hold of the notebook being executed."""


def _register_engine() -> None:
    """papermill's nbclient engine, remembering the notebook it runs.

    With papermill saving after every cell (its default) each save serialises the whole
    notebook (about 40 ms for a briefing, 0.4 s per scenario); without it a dead kernel
    leaves nothing to debug. This engine lets the caller write the notebook itself.
    """
    import logging

    from papermill.engines import NBClientEngine, papermill_engines

    if ENGINE in papermill_engines._engines:
        return
    # A kernel killed at the deadline or by the batch is reported once, as the scenario's
    # status; papermill's own "Kernel died while waiting for execute reply" (or "... before
    # replying to kernel_info", when it is killed while starting) lines are noise.
    logging.getLogger("papermill").addFilter(_quiet_kernel_death)

    class KeepingEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> Any:
            kwargs.pop("nb_holder").append(nb_man)
            return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)

    papermill_engines.register(ENGINE, KeepingEngine)


def _quiet_kernel_death(record: Any) -> bool:
    return "Kernel died" not in str(record.getMessage())


WATCH_PERIOD_S = 0.5
"""How often a running scenario checks its deadline and whether its run was closed."""


class _Watch:
    """Kill a scenario's kernel at its deadline, or as soon as its run is closed."""

    def __init__(self, task: Task, registry: list[Any]):
        self.task, self.registry = task, registry
        self.reason = ""
        self.done = threading.Event()
        self.start = time.monotonic()
        self.thread = threading.Thread(target=self._watch, name="scenario-watch", daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        run_dir = Path(self.task.run_dir) if self.task.run_dir else None
        limit = self.task.timeout_s
        while not self.done.wait(WATCH_PERIOD_S):
            if limit and time.monotonic() - self.start >= limit:
                self.reason = "timeout"
            elif run_dir is not None and not run_is_open(run_dir):
                self.reason = "closed"
            else:
                continue
            kernels._kill_kernels(self.registry)
            return

    def stop(self) -> None:
        self.done.set()


def execute_notebook(task: Task, output_path: Path, parameters: dict[str, Any]) -> Any:
    """Run the notebook with papermill in this process; kill the kernel at the deadline.

    Returns the executed notebook. Raises ``TimeoutError`` when the deadline passed,
    :class:`RunClosed` when the run was closed meanwhile (the batch was stopped), or
    whatever papermill raised; the output notebook is written in every case.
    """
    import papermill
    from papermill.iorw import write_ipynb

    _register_engine()
    registry: list[Any] = []
    managers: list[Any] = []
    watch = _Watch(task, registry)
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
            kernel_manager_class=kernels._tracked_kernel_manager(registry),
            # Every cell has run and its outputs are in: no need to wait for a clean exit.
            shutdown_kernel="immediate",
            # Backstop only: the watch above enforces the overall limit first.
            execution_timeout=task.timeout_s + 30 if task.timeout_s else None,
        )
    except Exception as exc:
        if managers and not output_path.exists():
            write_ipynb(managers[0].nb, str(output_path))  # e.g. after a dead kernel
        if watch.reason == "timeout":
            raise TimeoutError(
                f"stopped after {task.timeout_s:g} s (per-scenario timeout)"
            ) from exc
        if watch.reason == "closed":
            raise RunClosed("the batch was stopped while this scenario ran") from exc
        raise
    finally:
        watch.stop()
        kernels.release(registry)


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
    if isinstance(exc, PlanningError):
        return str(exc)
    if isinstance(exc, OSError) and exc.errno:
        where = f" at {exc.filename}" if exc.filename else ""
        code = errno.errorcode.get(exc.errno, str(exc.errno))
        return f"could not write the output: {exc.strerror} ({code}){where}"
    return f"{name}: {exc}"


def _publish(task: Task, staging: Path, final: Path, *, keep_existing: bool = False) -> None:
    if task.run_dir:
        publish_in_run(staging, final, keep_existing=keep_existing)
    else:
        publish(staging, final, keep_existing=keep_existing)


def run_task(task: Task) -> Outcome:
    """Produce one scenario's folder: execute, export, publish. Never raises for a
    failing scenario; the returned :class:`Outcome` says what happened.

    A task of a batch run (``task.run_dir``) publishes only while that run is open: after
    the batch was stopped, a result still arriving (a worker that had not stopped yet, a
    Dask worker) is discarded, status ``interrupted``.

    Raises
    ------
    OutputError
        The output folder cannot be written at all (read-only, a file in the way); nothing
        was run.

    Examples
    --------
    >>> o = run_task(Task("baseline", "data/scenarios/baseline.yaml", "reports/baseline", "x"))
    >>> o.status
    'ok'
    """
    t0 = time.perf_counter()
    final = Path(task.out_dir)
    output_name(final.name, task.scenario)
    if task.run_dir and not run_is_open(Path(task.run_dir)):
        return _outcome(task, "interrupted", t0, "the batch was stopped before this scenario ran")
    if not task.run_dir and final.exists() and owned_files(final) is None:
        raise OutputError(
            "cannot write the briefing",
            [
                Problem(
                    str(final),
                    "exists and was not written by planning; move it away or choose another --out",
                )
            ],
        )
    try:
        if not task.run_dir:
            final.parent.mkdir(parents=True, exist_ok=True)
        staging = new_staging(final)
    except OSError as exc:
        raise output_error("write the output", final.parent, exc) from None
    _STAGING.append(staging)
    try:
        return _produce(task, staging, final, t0)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        _STAGING.remove(staging)


def _produce(task: Task, staging: Path, final: Path, t0: float) -> Outcome:
    from . import briefing

    parameters = {
        "scenario": task.scenario,
        "overrides": dict(task.overrides),
        "data_dir": task.data_dir,
        "compare_to": task.compare_to,
        "out_dir": str(staging),
    }
    if task.ledger is not None:  # a mid-plan review; plain briefings keep their parameters
        parameters["ledger"] = task.ledger
        parameters["as_of"] = task.as_of
        if task.ledger_password is not None:  # the kernel inherits it; no file holds it
            os.environ["PGPASSWORD"] = task.ledger_password
    timings: dict[str, float] = {}
    executed = staging / "briefing.ipynb"
    try:
        nb = execute_notebook(task, executed, parameters)
        timings["execute_s"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        summary = _read_json(staging / "summary.json")
        # The page title in the briefing's own language (the summary's), as its heading reads.
        title = summary.get("title") or task.title or None
        briefing.export_html(
            nb,
            staging / "briefing.html",
            title=title,
            lang=summary.get("language") or task.language,
        )
        timings["export_s"] = time.perf_counter() - t1
        stamp = {
            "inputs_hash": task.inputs_hash,
            "scenario": task.name,
            "finished": datetime.now().astimezone().isoformat(timespec="seconds"),
            "timings": timings,
        }
        atomic_write_text(staging / "stamp.json", json.dumps(stamp, indent=2))
        _publish(task, staging, final)
        return _outcome(task, "ok", t0, timings=timings, summary=summary)
    except RunClosed:
        return _outcome(task, "interrupted", t0, "the batch was stopped; nothing was published")
    except BaseException as exc:
        timed_out = isinstance(exc, TimeoutError) or type(exc).__name__ == "CellTimeoutError"
        status = "timeout" if timed_out else "failed"
        message = _describe(exc) if status == "failed" else str(exc)
        try:
            _keep_failure(task, staging, final, status, message, exc)
        except RunClosed:
            status, message = "interrupted", "the batch was stopped; nothing was published"
        except (OSError, PlanningError) as exc2:  # e.g. the disk is full: say so, keep going
            message += f" (and the failed notebook could not be kept: {_describe(exc2)})"
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        return _outcome(task, status, t0, message, timings=timings)


def _keep_failure(
    task: Task, staging: Path, final: Path, status: str, message: str, exc: BaseException
) -> None:
    """Publish the failed notebook and ``error.txt`` (an older good briefing stays)."""
    executed = staging / "briefing.ipynb"
    if executed.exists():
        os.replace(executed, staging / "briefing.failed.ipynb")
    detail = "".join(traceback.format_exception(exc))
    (staging / "error.txt").write_text(f"{status}: {message}\n\n{detail}", encoding="utf-8")
    for name in ("summary.json", "briefing.html", "stamp.json"):
        (staging / name).unlink(missing_ok=True)
    _publish(task, staging, final, keep_existing=True)


def _outcome(task: Task, status: str, t0: float, message: str = "", **kw: Any) -> Outcome:
    return Outcome(
        name=task.name,
        status=status,
        duration_s=time.perf_counter() - t0,
        message=message,
        title=task.title,
        folder=str(task.out_dir) if status not in ("interrupted",) else "",
        **kw,
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
    """Checked, distinct output folder names of scenario arguments (see :func:`output_name`).

    Raises
    ------
    OutputError
        One of them cannot name a folder (``planning run``; a batch reports it instead).
    """
    return unique_names([output_name(scenario_stem(p), str(p)) for p in paths])


def _output_names(paths: Sequence[str]) -> list[str | OutputError]:
    """Like :func:`_unique_names`, with the error in place of each name that cannot be used."""
    checked: list[str | OutputError] = []
    for p in paths:
        try:
            checked.append(output_name(scenario_stem(p), str(p)))
        except OutputError as exc:
            checked.append(exc)
    good = iter(unique_names([c for c in checked if isinstance(c, str)]))
    return [next(good) if isinstance(c, str) else c for c in checked]


def find_previous(
    out: Path, name: str, inputs_hash: str, exclude: Path | None = None
) -> Path | None:
    """The newest successful output folder of ``name`` in ``out`` with the same inputs."""
    best: tuple[float, Path] | None = None
    for stamp in out.glob(f"*/{glob.escape(name)}/stamp.json"):
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
    ledger: str | None = None,
    as_of: str | None = None,
) -> Plan:
    """Validate every scenario (and the data), decide what to run, copy or report, and
    create the run folder (exclusively: a concurrent batch gets another one).

    Raises
    ------
    DataError
        The data cannot be loaded (nothing could run).
    UsageError
        No scenario given or found, or the notebook is missing.
    OutputError
        The run folder cannot be created in ``out``.
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
    baseline = None
    if check_data:
        from .data import load_baseline

        baseline = load_baseline(data)  # a DataError stops the batch before any kernel starts
    data_hashes = data_file_hashes(data)
    review = review_ref(ledger, as_of, data)  # checked before any kernel starts
    out = prepare_out(Path(out).resolve())
    data_param = str(Path(data).resolve()) if data else None
    valid, invalid = [], []
    for name, arg in zip(_output_names(names_or_paths), names_or_paths, strict=True):
        if isinstance(name, OutputError):
            shown = printable(scenario_stem(arg)) or printable(str(arg))
            invalid.append(Outcome(name=shown, status="invalid", message=str(name)))
            continue
        path = scenario_path(arg)
        try:
            scen = load_scenario(path, overrides, baseline=baseline)  # ids checked against data
        except PlanningError as exc:
            invalid.append(Outcome(name=name, status="invalid", message=str(exc)))
            continue
        digest = inputs_hash(
            scen.to_yaml(), data_hashes, notebook, ledger_digest=review and review.digest
        )
        valid.append((name, path, scen, digest))
    run_dir = create_run_dir(out)
    tasks, reused = [], []
    for name, path, scen, digest in valid:
        task = Task(
            name=name,
            scenario=str(path.resolve()),
            out_dir=str(run_dir / name),
            inputs_hash=digest,
            overrides=dict(overrides or {}),
            data_dir=data_param,
            notebook=str(notebook),
            timeout_s=timeout_s,
            title=scen.title_in(scen.run.language),
            language=scen.run.language,
            run_dir=str(run_dir),
            ledger=review and review.url,
            as_of=review and review.as_of,
            ledger_password=review and review.password,
        )
        previous = None if force else find_previous(out, name, digest, exclude=run_dir)
        if previous is not None:
            reused.append((task, previous))
        else:
            tasks.append(task)
    # Longest first (by the last run's time, when known): the batch ends sooner.
    tasks.sort(key=lambda t: -last_duration(out, t.name))
    return Plan(run_dir=run_dir, tasks=tasks, reused=reused, invalid=invalid)


def review_ref(ledger: str | None, as_of: str | None, data: str | Path | None) -> Any:
    """The checked ledger and date of a mid-plan review, None for a plain run.

    ``--as-of`` alone reads the default ledger (``$PLANNING_LEDGER``, else ``ledger.sqlite``
    beside the data); ``--ledger`` alone reads it as known now.
    """
    if ledger is None and as_of is None:
        return None
    from .ledger import ledger_ref

    return ledger_ref(ledger, as_of, data=data)


def last_duration(out: Path, name: str) -> float:
    """Seconds the newest successful run of ``name`` in ``out`` took (0 if none)."""
    stamps = sorted(out.glob(f"*/{glob.escape(name)}/stamp.json"), key=lambda p: p.stat().st_mtime)
    if not stamps:
        return 0.0
    timings = _read_json(stamps[-1]).get("timings", {})
    return float(sum(timings.values()))


def _reuse(task: Task, previous: Path) -> Outcome:
    """Copy an unchanged scenario's previous output into this run (atomic rename)."""
    final = Path(task.out_dir)
    staging = final.parent / f".{final.name}{STAGING_MARK}{uuid.uuid4().hex[:8]}"
    try:
        shutil.copytree(previous, staging)
        _publish(task, staging, final)
    except RunClosed:
        return Outcome(task.name, "interrupted", title=task.title, message="not run")
    except (OSError, PlanningError) as exc:
        message = f"could not copy the unchanged result of {previous.parent.name}: "
        return Outcome(task.name, "failed", title=task.title, message=message + _describe(exc))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
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
    """A tqdm bar on a terminal, one plain line per scenario otherwise, in ``lang``."""

    def __init__(self, total: int, stream: Any = None, lang: str = "en"):
        self.stream = stream or sys.stderr
        self.total, self.done = total, 0
        self.lang = lang
        self.bar = None
        if total and getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm

            desc = t("cli.bar", lang)
            self.bar = tqdm(total=total, unit="scenario", desc=desc, file=self.stream)

    def update(self, o: Outcome) -> None:
        from .cli import localize_error

        self.done += 1
        line = t(
            "cli.progress",
            self.lang,
            done=self.done,
            total=self.total,
            name=o.name,
            status=status_word(o.status, self.lang),
            seconds=f"{o.duration_s:.1f}",
        )
        if o.message and not o.succeeded:
            first, *rest = localize_error(o.message, self.lang).splitlines()
            line += f" - {first}"
            if o.status == "invalid":  # every problem, each with its file, line and key
                line += "".join(f"\n    {r.strip()}" for r in rest)
        if self.bar is not None:
            self.bar.update(1)
            if not o.succeeded:
                self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def note(self, text: str) -> None:
        """One status line about the whole batch (e.g. a lost Dask scheduler)."""
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _failed(task: Task, exc: BaseException, status: str = "failed") -> Outcome:
    return Outcome(
        name=task.name, status=status, message=_describe(exc), title=task.title, folder=""
    )


def _noop() -> None:
    """Submitted once per worker so that the pool starts (and warms up) right away."""


_WORKER_PIDS: list[int] = []
"""Every pool worker started by this process (their kernels' sockets are swept after)."""


def start_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes, started and warming up in the background.

    Each worker stops its kernels when told to (SIGTERM) and dies with this process.
    """
    import multiprocessing as mp

    main = threading.current_thread() is threading.main_thread()
    ex = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),
        initializer=_warm_worker,
        initargs=(os.getpid(), main),
    )
    with _sigint_ignored_by_children(main):
        for _ in range(workers):
            ex.submit(_noop)
    # Kept here: the executor forgets its processes when it shuts down.
    ex._planning_procs = list((getattr(ex, "_processes", None) or {}).values())  # type: ignore[attr-defined]
    _WORKER_PIDS.extend(p.pid for p in ex._planning_procs if p.pid)  # type: ignore[attr-defined]
    return ex


@contextlib.contextmanager
def _sigint_ignored_by_children(main: bool) -> Any:
    """Start processes with Ctrl-C ignored from their first instruction.

    Ctrl-C in a terminal reaches the whole process group; a worker still importing (before
    :func:`_warm_worker` ignores it) would die with a traceback. Ignored and blocked
    signals survive the start of a new program, so both are set while the workers are
    spawned; a Ctrl-C meanwhile stays pending (blocked) and reaches this process after.
    """
    if not main or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


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
    """Cancel what has not started and stop the workers now (they stop their kernels).

    A second Ctrl-C or SIGTERM meanwhile does not cut this short.
    """
    procs = list(getattr(ex, "_planning_procs", None) or [])
    with signals_deferred():
        ex.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():
                p.kill()
                p.join(timeout=5)


def _sweep_worker_sockets() -> None:
    """Remove socket files of kernels whose worker has ended without removing them."""
    ended = [pid for pid in _WORKER_PIDS if not process_exists(pid)]
    kernels.sweep_sockets(ended)
    _WORKER_PIDS[:] = [p for p in _WORKER_PIDS if p not in ended]


# --------------------------------------------------------------------------- Dask


@contextlib.contextmanager
def _quiet_dask_logs() -> Any:
    """Silence distributed's own log lines and tracebacks in this process for a while: a
    lost scheduler or a cancelled run is reported once, as a status line of ours."""
    import logging

    names = ["distributed", "tornado"] + [
        n
        for n in list(logging.root.manager.loggerDict)
        if n.startswith(("distributed.", "tornado."))
    ]
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _scheduler_lost(exc: BaseException) -> bool:
    reason = str(getattr(exc, "reason", "") or "")
    return "scheduler" in reason or isinstance(exc, OSError | TimeoutError)


def _run_dask(
    tasks: list[Task],
    scheduler: str,
    on_done: Callable[[Outcome], None],
    note: Callable[[str], None] = print,
) -> list[Outcome]:
    """Run the same task function on a Dask distributed cluster.

    After Ctrl-C the futures are cancelled; a task still running on a worker sees its run
    closed and stops (see :func:`run_task`). When the scheduler is lost, the scenarios not
    finished are reported ``failed`` with one status line, and the batch ends.
    """
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask",
            [Problem("--scheduler", "install the extra: pip install 'planning[dask]'")],
        ) from None
    with _quiet_dask_logs():
        try:
            client = Client(scheduler, timeout=10)
        except (OSError, TimeoutError) as exc:
            raise UsageError(
                "cannot reach the Dask scheduler",
                [Problem(scheduler, f"{type(exc).__name__}: {exc}")],
            ) from None
        outcomes: list[Outcome] = []
        pending: dict[Any, Task] = {}
        lost = False
        try:
            for t in tasks:
                key = f"briefing-{t.name}-{uuid.uuid4().hex[:8]}"
                pending[client.submit(run_task, t, key=key, pure=False)] = t
            for fut in as_completed(list(pending)):
                try:
                    o = fut.result()
                except Exception as exc:
                    if _scheduler_lost(exc):
                        lost = True
                        break
                    o = _failed(pending[fut], exc)
                pending.pop(fut)
                outcomes.append(o)
                on_done(o)
        except OSError:
            lost = True
        except BaseException:
            with contextlib.suppress(Exception):
                client.cancel(list(pending), force=True)
            raise
        finally:
            with contextlib.suppress(Exception):
                client.close(timeout=5)
    if lost:
        note(f"lost the Dask scheduler at {scheduler}: {len(pending)} scenario(s) not finished")
        message = f"lost the connection to the Dask scheduler at {scheduler} before the end"
        for t in pending.values():
            o = Outcome(t.name, "failed", title=t.title, message=message)
            outcomes.append(o)
            on_done(o)
    return outcomes


# --------------------------------------------------------------------------- batch


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, ``timeout``, a CI cancel), handled like Ctrl-C; exit code 143."""

    exit_code = 143


@contextlib.contextmanager
def _stop_signals() -> Any:
    """Ctrl-C and SIGTERM while a batch runs (main thread, default handlers only).

    The first one raises ``KeyboardInterrupt`` (SIGTERM: :class:`Terminated`); any further
    one is ignored while the batch stops its workers and writes the index, so that a
    second Ctrl-C cannot leave a half-written run behind.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping: list[int] = []

    def stop(signum: int, _frame: Any) -> None:
        if stopping:
            return
        stopping.append(signum)
        raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    replaced = {}
    for sig, default in (
        (signal.SIGINT, signal.default_int_handler),
        (signal.SIGTERM, signal.SIG_DFL),
    ):
        previous = signal.getsignal(sig)
        if previous is default:
            replaced[sig] = previous
            signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, previous in replaced.items():
            signal.signal(sig, previous)


@dataclass
class BatchResult:
    """Outcome of a batch run."""

    run_dir: Path
    outcomes: list[Outcome]
    interrupted: bool = False
    index_error: OutputError | None = None
    """Set when the index (or its comparison files) could not be written, e.g. a full disk."""

    @property
    def index(self) -> Path:
        return self.run_dir / "index.html"

    @property
    def exit_code(self) -> int:
        """0 when every scenario succeeded (or was unchanged) and the index is written, else 1."""
        ok = all(o.succeeded for o in self.outcomes) and not self.interrupted
        return 0 if ok and self.index_error is None else 1


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
    ledger: str | None = None,
    as_of: str | None = None,
) -> BatchResult:
    """Validate, run in parallel, write the run's index; see the module docstring.

    Ctrl-C and SIGTERM stop the workers and their kernels, keep what finished and write
    the index; then ``KeyboardInterrupt`` (for SIGTERM its subclass :class:`Terminated`)
    is raised with the :class:`BatchResult` as its ``result`` attribute.

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
    ledger, as_of : str, optional
        A mid-plan review: every briefing starts from the ledger's returns as known at
        ``as_of`` (``--as-of`` alone reads the default ledger beside the data).

    Returns
    -------
    BatchResult
        With ``exit_code`` (0 all good, 1 something failed or was invalid).

    Raises
    ------
    OutputError
        ``out`` cannot be written (read-only, full, a file in the way); nothing ran.

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
    out = prepare_out(Path(out).resolve())
    # What a batch killed together with its workers could not clean up (kill -9 of the
    # whole process group): its kernels' files and its run's unfinished work.
    kernels.sweep_stale_files()
    close_abandoned_runs(out)
    with _stop_signals():
        return _run_batch(
            scenarios,
            data=data,
            out=out,
            workers=workers,
            timeout_s=timeout_s,
            scheduler=scheduler,
            force=force,
            overrides=overrides,
            notebook=notebook,
            check_data=check_data,
            progress_stream=progress_stream,
            ledger=ledger,
            as_of=as_of,
        )


def _run_batch(
    scenarios: Sequence[str] | None,
    *,
    out: Path,
    workers: int,
    scheduler: str | None,
    progress_stream: Any,
    **plan_args: Any,
) -> BatchResult:
    # Local workers start (and pay their imports) while the inputs are being validated;
    # no kernel starts before validation is over.
    pool = None
    if not scheduler:
        from .scenario import list_scenarios

        expected = len(scenarios) if scenarios else len(list_scenarios())
        pool = start_pool(max(1, min(workers, expected)))
    try:
        plan = plan_batch(scenarios, out=out, **plan_args)
    except BaseException:
        if pool is not None:
            _stop_pool(pool)
        raise
    if pool is not None and not plan.tasks:
        pool.shutdown(wait=False, cancel_futures=True)
        pool = None
    progress = Progress(
        len(plan.tasks) + len(plan.reused) + len(plan.invalid), progress_stream, plan_language(plan)
    )
    outcomes: list[Outcome] = []

    def done(o: Outcome) -> None:
        outcomes.append(o)
        progress.update(o)

    stop: KeyboardInterrupt | None = None
    index_error = None
    try:
        for o in plan.invalid:
            done(o)
        for task, previous in plan.reused:
            done(_reuse(task, previous))
        if plan.tasks:
            if scheduler:
                _run_dask(plan.tasks, scheduler, done, progress.note)
            else:
                _run_local(plan.tasks, workers, done, pool)
                pool = None
    except KeyboardInterrupt as exc:
        stop = exc
    finally:
        # A second Ctrl-C (or SIGTERM) must not leave a half-written run behind.
        with signals_deferred(redeliver=False) as late:
            if pool is not None:
                _stop_pool(pool)
            close_run(plan.run_dir)  # from now on, a late result cannot publish here
            progress.close()
            sweep_staging(plan.run_dir)
            finished = {o.name for o in outcomes}
            for t in plan.tasks:
                if t.name not in finished:
                    outcomes.append(
                        Outcome(t.name, "interrupted", title=t.title, message="not run")
                    )
            order = {n: i for i, n in enumerate(_plan_order(plan))}
            outcomes.sort(key=lambda o: order.get(o.name, len(order)))
            try:
                write_index(plan.run_dir, outcomes, interrupted=stop is not None)
            except OSError as exc:
                index_error = output_error("write the run's index", plan.run_dir, exc)
            _sweep_worker_sockets()
    if stop is None and late:
        stop = Terminated() if signal.SIGTERM in late else KeyboardInterrupt()
    result = BatchResult(plan.run_dir, outcomes, stop is not None, index_error)
    if stop is not None:
        err = type(stop)(str(result.index))
        err.result = result  # type: ignore[attr-defined]
        raise err
    return result


def plan_language(plan: Plan) -> str:
    """The language a batch speaks in: its scenarios' (the first that runs), else English."""
    tasks = plan.tasks + [task for task, _ in plan.reused]
    return next((task.language for task in tasks if task.language), "en")


def status_word(status: str, lang: str) -> str:
    """A scenario's outcome in words (``ok`` / ``已生成``); the code itself in English."""
    return t(f"briefing.batch.status.{status}", lang) if lang != "en" else status


def _plan_order(plan: Plan) -> list[str]:
    names = [o.name for o in plan.invalid] + [t.name for t, _ in plan.reused]
    names += [t.name for t in plan.tasks]
    return sorted(names)


# --------------------------------------------------------------------------- CLI


def _one_line(exc: PlanningError) -> str:
    return exc.headline + "".join(f"; {p}" for p in exc.problems)


def cli_batch(args: argparse.Namespace) -> int:
    """``planning batch``: run scenarios, print where the index is.

    Exit 0 all good, 1 something failed (or the index could not be written), 2 bad input
    or an unwritable ``--out`` (via :class:`PlanningError`), 130 Ctrl-C, 143 SIGTERM.
    """
    try:
        result = run_batch(
            args.scenarios or None,
            data=args.data,
            out=args.out,
            workers=args.workers,
            timeout_s=args.timeout,
            scheduler=args.scheduler,
            force=args.force,
            ledger=getattr(args, "ledger", None),
            as_of=getattr(args, "as_of", None),
        )
    except KeyboardInterrupt as exc:
        from .cli import language_of

        lang = language_of(args)
        stopped: BatchResult | None = getattr(exc, "result", None)
        word = t("cli.terminated" if isinstance(exc, Terminated) else "cli.interrupted", lang)
        if stopped is None:
            print(word, file=sys.stderr)
        elif stopped.index_error is not None:
            error = _one_line(stopped.index_error)
            print(t("cli.stopped_error", lang, word=word, error=error), file=sys.stderr)
        else:
            print(t("cli.stopped_index", lang, word=word, path=stopped.index), file=sys.stderr)
        return getattr(exc, "exit_code", 130)
    lang = result_language(result)
    counts: dict[str, int] = {}
    for o in result.outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    sep = "，" if lang == "zh" else ", "
    summary = sep.join(
        t("cli.count", lang, n=n, status=status_word(s, lang)) for s, n in sorted(counts.items())
    )
    if result.index_error is not None:
        print(summary)
        print(t("cli.error", lang, text=_one_line(result.index_error)), file=sys.stderr)
    else:
        print(f"{summary}\n{t('cli.index', lang, path=result.index)}")
    return result.exit_code


def result_language(result: BatchResult) -> str:
    """The language of a finished batch: its briefings' (as its index), else English."""
    return next(
        (o.summary.get("language") for o in result.outcomes if o.summary.get("language")), "en"
    )


def cli_run(args: argparse.Namespace) -> int:
    """``planning run SCENARIO``: one briefing into OUT/SCENARIO, in this process."""
    from .data import load_baseline
    from .provenance import data_file_hashes, inputs_hash
    from .scenario import load_scenario, scenario_path

    name = _unique_names([str(args.scenario)])[0]
    out = prepare_out(Path(args.out).resolve())
    path = scenario_path(args.scenario)
    scen = load_scenario(path)
    compare_path = None
    compare_yaml = None
    if args.compare_to:
        compare_path = scenario_path(args.compare_to)
        compare_yaml = load_scenario(compare_path).to_yaml()
    load_scenario(path, baseline=load_baseline(args.data))  # ids checked against the data
    review = review_ref(getattr(args, "ledger", None), getattr(args, "as_of", None), args.data)
    task = Task(
        name=name,
        scenario=str(path.resolve()),
        out_dir=str(out / name),
        inputs_hash=inputs_hash(
            scen.to_yaml(),
            data_file_hashes(args.data),
            BRIEFING_NOTEBOOK,
            compare_yaml,
            ledger_digest=review and review.digest,
        ),
        data_dir=str(Path(args.data).resolve()) if args.data else None,
        compare_to=str(compare_path.resolve()) if compare_path else None,
        timeout_s=getattr(args, "timeout", None),
        title=scen.title_in(scen.run.language),
        language=scen.run.language,
        ledger=review and review.url,
        as_of=review and review.as_of,
        ledger_password=review and review.password,
    )
    o = run_task(task)
    lang = scen.run.language
    if o.succeeded:
        print(t("cli.briefing", lang, path=Path(o.folder) / "briefing.html"))
        return 0
    from .cli import localize_error

    error_txt = Path(o.folder) / "error.txt" if o.folder else None
    see = t("cli.see", lang, path=error_txt) if error_txt and error_txt.is_file() else ""
    message = localize_error(o.message, lang)
    print(
        t("cli.failed", lang, status=status_word(o.status, lang), message=message, see=see),
        file=sys.stderr,
    )
    return 1


__all__ = [
    "BRIEFING_NOTEBOOK",
    "BatchResult",
    "Outcome",
    "STAGING_MARK",
    "Task",
    "Terminated",
    "cli_batch",
    "cli_run",
    "publish",
    "run_batch",
    "run_task",
    "sweep_staging",
    "write_index",
]
