"""The workbook's engine: which models to rerun for a change, their cache, background work.

Plain Python, no widgets: the view (:mod:`planning.panel.view`) hands it scenarios and
draws what it reports; tests drive it directly.

How a change flows through it:

1. :meth:`Engine.update` gets a validated scenario. Each model declares the scenario
   sections it reads (``run.language`` excluded unless it holds text) and the models it
   takes results from (:data:`MODELS`); its cache key is those sections plus its inputs'
   versions. Only models whose key changed run, in dependency order.
2. With ``background=True``, slow work leaves the caller's path: a model with a quick
   form (the talent model without its Monte Carlo) runs that form at once and its full run
   in a worker thread; a model whose last run took longer than ``slow_s`` runs in the
   worker thread only. Only the latest request per model is kept; a result for settings
   changed meanwhile is dropped.
3. When a background result lands (on the event loop), the engine reruns the models that
   depend on it and calls ``on_results(changed, full_only)`` so the view can redraw.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..data import Baseline
from ..errors import PlanningError
from ..scenario import Scenario

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelSpec:
    """One computation of the workbook and what it depends on.

    Attributes
    ----------
    name : str
        Key of the result (``"talent"``, ``"register"``, ...).
    sections : tuple of str
        Scenario sections the computation reads (``"talent"``) or single dotted keys of
        another section (``"targets.key_share"``); ``run.language`` never counts.
    run : callable
        ``run(baseline, scenario, inputs)`` where ``inputs`` maps each name in ``needs``
        to its current result.
    needs : tuple of str
        Other computations whose results it takes.
    quick : callable, optional
        ``quick(scenario)`` gives a cheaper scenario (e.g. no Monte Carlo) for an immediate
        synchronous pass when the full run is slow; the full run then follows in the
        background. ``quick`` returns None when the scenario has nothing to skip.
    uses_language : bool
        The result holds text in the workbook's language (recomputed on a switch).
    """

    name: str
    sections: tuple[str, ...]
    run: Callable[[Baseline, Scenario, Mapping[str, Any]], Any]
    needs: tuple[str, ...] = ()
    quick: Callable[[Scenario], Scenario | None] | None = None
    uses_language: bool = False


def _no_mc(scenario: Scenario) -> Scenario | None:
    if scenario.run.mc_draws == 0:
        return None
    return scenario.with_overrides({"run.mc_draws": 0}, source="quick pass")


def _talent(b: Baseline, s: Scenario, _: Mapping[str, Any]) -> Any:
    from ..models.talent import run_talent

    return run_talent(b, s)


def _talent_seek(b: Baseline, s: Scenario, _: Mapping[str, Any]) -> Any:
    from ..catalogue import talent_seek

    return talent_seek(b, s)


def _training(b: Baseline, s: Scenario, _: Mapping[str, Any]) -> Any:
    from ..models.training import plan_training

    return plan_training(b, s)


def _venues(b: Baseline, s: Scenario, _: Mapping[str, Any]) -> Any:
    from ..models.venues import plan_venues

    return plan_venues(b, s)


def _venue_seek(b: Baseline, s: Scenario, r: Mapping[str, Any]) -> Any:
    from ..catalogue import venue_seek

    return venue_seek(b, s, r["venues"])


def _subsidies(b: Baseline, s: Scenario, _: Mapping[str, Any]) -> Any:
    from ..models.subsidies import plan_subsidies

    return plan_subsidies(b, s)


def _budget(_b: Baseline, _s: Scenario, r: Mapping[str, Any]) -> Any:
    from ..budget import fiscal_rollup

    return fiscal_rollup(
        venues=r.get("venues"), subsidies=r.get("subsidies"), training=r.get("training")
    )


def _surveys(b: Baseline, s: Scenario, _: Mapping[str, Any]) -> Any:
    from ..models.surveys import survey_satisfaction

    return survey_satisfaction(b, s)


def _pairing(b: Baseline, s: Scenario, _: Mapping[str, Any]) -> Any:
    from ..models.pairing import pairing_coverage

    return pairing_coverage(b, s)


def _register(_b: Baseline, s: Scenario, r: Mapping[str, Any]) -> Any:
    from ..targets import Results, evaluate_targets

    results = Results(
        scenario=s,
        talent=r["talent"],
        training=r["training"],
        venues=r["venues"],
        subsidies=r["subsidies"],
        surveys=r.get("surveys"),
        pairing=r.get("pairing"),
    )
    return evaluate_targets(results, s.run.language)


SECTIONS = ("talent", "training", "venues", "subsidies", "targets", "run")

TALENT_TARGET_KEYS = tuple(
    f"targets.{k}"
    for k in (
        "talent_total_min",
        "talent_deadline_month",
        "degree_share_min",
        "degree_deadline_month",
        "socwork_share_min",
        "socwork_deadline_month",
        "key_share",
    )
)
"""The target thresholds the talent model reads (its goal and the degree/social-worker checks)."""

SURVEY_KEYS = ("targets.satisfaction_change_per_year", "targets.satisfaction_change_by_county")
"""The assumed yearly change of satisfaction, the only settings the surveys read besides ``run``."""

MODELS: tuple[ModelSpec, ...] = (
    ModelSpec("talent", ("talent", *TALENT_TARGET_KEYS, "run"), _talent, quick=_no_mc),
    ModelSpec("talent_seek", ("talent", *TALENT_TARGET_KEYS, "run"), _talent_seek),
    ModelSpec("training", ("training", "run"), _training),
    ModelSpec("venues", ("venues", "run"), _venues),
    ModelSpec("venue_seek", ("venues", "run"), _venue_seek, needs=("venues",)),
    ModelSpec("subsidies", ("subsidies", "run"), _subsidies),
    ModelSpec("budget", (), _budget, needs=("venues", "subsidies", "training")),
    ModelSpec("surveys", (*SURVEY_KEYS, "run"), _surveys),
    ModelSpec("pairing", ("run",), _pairing),
    # Thresholds and deadlines of the register come from every section.
    ModelSpec(
        "register",
        SECTIONS,
        _register,
        needs=("talent", "training", "venues", "subsidies", "surveys", "pairing"),
        uses_language=True,
    ),
)
"""The dependency map: which sections and results each computation reads, in run order."""


@dataclass(frozen=True)
class _Job:
    name: str
    key: str
    scenario: Scenario


class Engine:
    """Runs the workbook's models for a scenario, caching by what each model reads.

    Parameters
    ----------
    baseline : Baseline
        The data every model reads.
    models : tuple of ModelSpec
        The computations and their dependencies (default :data:`MODELS`).
    loop : asyncio loop, optional
        Where background results are delivered; None runs everything synchronously.
    on_results : callable, optional
        ``on_results(changed, full_only)`` after background results landed (on the loop).
    slow_s : float
        A model whose last run took longer runs in the background next time.

    Examples
    --------
    >>> engine = Engine(load_baseline())
    >>> sorted(engine.update(load_scenario("baseline")))[:2]
    ['budget', 'register']
    """

    def __init__(
        self,
        baseline: Baseline,
        models: tuple[ModelSpec, ...] = MODELS,
        *,
        loop: asyncio.AbstractEventLoop | None = None,
        on_results: Callable[[set[str], set[str]], None] | None = None,
        slow_s: float = 0.3,
    ):
        self.baseline = baseline
        self.models: dict[str, ModelSpec] = {m.name: m for m in models}
        self.loop = loop
        self.on_results = on_results
        self.slow_s = slow_s
        self.results: dict[str, Any] = {}
        self.versions: dict[str, int] = {}
        self.timings: dict[str, float] = {}
        self.runs: dict[str, int] = {}
        self.errors: dict[str, str] = {}
        self.slow: set[str] = set()
        self.scenario: Scenario | None = None
        self._keys: dict[str, str] = {}
        self._pending: dict[str, _Job] = {}
        self._running: dict[str, _Job] = {}
        self._baseline_token = 0
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ inputs

    def set_baseline(self, baseline: Baseline) -> None:
        """Plan on other data: every model's cache is invalidated."""
        self.baseline = baseline
        self._baseline_token += 1

    def closure(self, names: set[str]) -> set[str]:
        """``names`` with every computation they need, recursively."""
        out = set(names)
        todo = list(names)
        while todo:
            spec = self.models.get(todo.pop())
            for dep in spec.needs if spec else ():
                if dep not in out:
                    out.add(dep)
                    todo.append(dep)
        return out

    # ------------------------------------------------------------------ computing

    def key(self, m: ModelSpec, scenario: Scenario, data: dict[str, Any] | None = None) -> str:
        """The cache key of a model for a scenario: the sections it reads, its inputs."""
        data = data if data is not None else scenario.to_dict()
        parts = {}
        for sec in m.sections:
            section, _, field_name = sec.partition(".")
            parts[sec] = data[section][field_name] if field_name else data[section]
        if "run" in parts and not m.uses_language:
            parts["run"] = {k: v for k, v in parts["run"].items() if k != "language"}
        parts["_inputs"] = {n: self.versions.get(n, -1) for n in m.needs}
        parts["_baseline"] = self._baseline_token
        return json.dumps(parts, sort_keys=True, default=str)

    def update(
        self, scenario: Scenario, *, background: bool = False, only: set[str] | None = None
    ) -> set[str]:
        """Run every model whose key changed, in dependency order; names of new results.

        ``only`` limits the pass to some models; ``background`` moves slow work to the
        worker thread (see the module's docstring).
        """
        self.scenario = scenario
        background = background and self.loop is not None
        changed: set[str] = set()
        data = scenario.to_dict()
        for m in self.models.values():
            if only is not None and m.name not in only:
                continue
            key = self.key(m, scenario, data)
            if key == self._keys.get(m.name):
                continue
            self._keys[m.name] = key
            quick = m.quick(scenario) if (background and m.quick is not None) else None
            if quick is not None or (background and m.name in self.slow):
                if quick is not None and self._run_now(m, quick, full=False):
                    changed.add(m.name)
                self._submit(_Job(m.name, key, scenario))
                continue
            if self._run_now(m, scenario):
                changed.add(m.name)
        return changed

    def _inputs(self, m: ModelSpec) -> dict[str, Any]:
        return {n: self.results.get(n) for n in m.needs}

    def _run_now(self, m: ModelSpec, scenario: Scenario, *, full: bool = True) -> bool:
        t0 = time.perf_counter()
        try:
            result = m.run(self.baseline, scenario, self._inputs(m))
        except Exception as exc:  # shown in the tab; a model bug must not kill the page
            self._failed(m.name, exc)
            return False
        self._store(m.name, result, time.perf_counter() - t0, full=full)
        return True

    def _store(self, name: str, result: Any, elapsed: float, *, full: bool) -> None:
        self.results[name] = result
        self.versions[name] = self.versions.get(name, 0) + 1
        self.runs[name] = self.runs.get(name, 0) + 1
        self.errors.pop(name, None)
        if full:
            self.timings[name] = elapsed
            if elapsed > self.slow_s:
                self.slow.add(name)
            else:
                self.slow.discard(name)

    def _failed(self, name: str, exc: BaseException) -> None:
        if isinstance(exc, PlanningError):
            text = str(exc)
        else:
            log.error("%s failed:\n%s", name, "".join(traceback.format_exception(exc)))
            text = f"{type(exc).__name__}: {exc}"
        self.errors[name] = text
        self._keys.pop(name, None)  # try again on the next change

    # ------------------------------------------------------------------ background

    def busy(self) -> list[str]:
        """Models running or waiting in the worker thread, in order."""
        return list(dict.fromkeys([*self._running, *self._pending]))

    def _submit(self, job: _Job) -> None:
        if self.loop is None:
            self._run_now(self.models[job.name], job.scenario)
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, "workbook")
        self._pending[job.name] = job  # the latest request wins; older ones are dropped
        if job.name not in self._running:
            self._start(job.name)

    def _start(self, name: str) -> None:
        job = self._pending.pop(name)
        self._running[name] = job
        m = self.models[name]
        inputs = self._inputs(m)
        baseline = self.baseline
        assert self._executor is not None and self.loop is not None

        def work() -> tuple[Any, float]:
            t0 = time.perf_counter()
            result = m.run(baseline, job.scenario, inputs)
            return result, time.perf_counter() - t0

        future = self._executor.submit(work)
        loop = self.loop
        future.add_done_callback(lambda f: loop.call_soon_threadsafe(self._finished, job, f))

    def _finished(self, job: _Job, future: Future) -> None:
        self._running.pop(job.name, None)
        current = self._keys.get(job.name) == job.key
        if job.name in self._pending:
            self._start(job.name)
        if future.cancelled():
            return
        exc = future.exception()
        changed: set[str] = set()
        full_only: set[str] = set()
        if exc is not None:
            if current:
                self._failed(job.name, exc)
        elif current:
            result, elapsed = future.result()
            had_quick = self.models[job.name].quick is not None and job.name in self.results
            self._store(job.name, result, elapsed, full=True)
            changed = {job.name} | self._rerun_dependents(job.name)
            full_only = {job.name} if had_quick else set()
        if self.on_results is not None:
            self.on_results(changed, full_only)

    def _rerun_dependents(self, name: str) -> set[str]:
        changed: set[str] = set()
        done = {name}
        assert self.scenario is not None
        for m in self.models.values():
            if set(m.needs) & done:
                key = self.key(m, self.scenario)
                if key != self._keys.get(m.name):
                    self._keys[m.name] = key
                    if self._run_now(m, self.scenario):
                        changed.add(m.name)
                        done.add(m.name)
        return changed

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until background work is done (tests and scripts; not inside the loop).

        Returns False when work was still running at the timeout.
        """
        deadline = time.monotonic() + timeout
        while (self._running or self._pending) and time.monotonic() < deadline:
            time.sleep(0.01)
        return not (self._running or self._pending)

    def close(self) -> None:
        """Stop the worker thread (results stay as they are)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
