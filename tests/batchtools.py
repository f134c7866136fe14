"""Shared helpers of the batch tests: a small fixture notebook driven by the scenario's
description, scenario files, polling for observable states, and the processes a test
started (found by a tag in their environment, which every descendant inherits).

Fixture commands (the scenario's ``description``):

- ``raise``: an exception in a cell; ``die``: the kernel kills itself;
  ``kill-worker``: the kernel kills the process running papermill;
- ``sleep:S``; ``sleep-if:FILE:S`` (only while FILE exists);
- ``hold:STARTED:HOLD``: write the kernel's pid to STARTED, then wait while HOLD exists
  (at most two minutes). Tests wait for STARTED instead of guessing that a scenario runs.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from planning import batch

ROOT = Path(__file__).resolve().parents[1]

FIXTURE_CELLS = [
    "import json, os, pathlib, time\n"
    "from planning.scenario import load_scenario\n"
    "from planning import briefing as b\n"
    "s = load_scenario(scenario, overrides)\n"
    "cmd = s.description\n"
    "b.title_block(s.title, s.name)",
    "if cmd == 'raise':\n"
    "    raise RuntimeError('boom in ' + s.title)\n"
    "if cmd == 'die':\n"
    "    os.kill(os.getpid(), 9)\n"
    "if cmd == 'kill-worker':\n"
    "    os.kill(os.getppid(), 9)\n"
    "    time.sleep(30)\n"
    "if cmd.startswith('sleep:'):\n"
    "    time.sleep(float(cmd.split(':')[1]))\n"
    "if cmd.startswith('sleep-if:') and pathlib.Path(cmd.split(':')[1]).exists():\n"
    "    time.sleep(float(cmd.split(':')[2]))\n"
    "if cmd.startswith('hold:'):\n"
    "    _, started, hold = cmd.split(':')\n"
    "    pathlib.Path(started).write_text(str(os.getpid()))\n"
    "    t_end = time.monotonic() + 120\n"
    "    while pathlib.Path(hold).exists() and time.monotonic() < t_end:\n"
    "        time.sleep(0.05)",
    "import plotly.graph_objects as go\nb.Chart(go.Figure(go.Bar(x=['a', 'b'], y=[1, 2])))",
    "if out_dir:\n"
    "    summary = {'language': 'en', 'scenario': s.name,\n"
    "               'key_figures': [{'id': 'pools', 'label': 'Reserve pools', 'value': 10412,\n"
    "                                'unit': 'persons'}],\n"
    "               'targets': [{'id': 'T-talent', 'label': 'Reserve talents',\n"
    "                            'status': 'met', 'status_label': 'met'}]}\n"
    "    pathlib.Path(out_dir, 'summary.json').write_text(json.dumps(summary))",
]


def write_fixture_notebook(path: Path) -> Path:
    nb = new_notebook()
    params = new_code_cell(
        "scenario = 'baseline'\noverrides = {}\ndata_dir = None\ncompare_to = None\nout_dir = None"
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params] + [new_code_cell(c) for c in FIXTURE_CELLS]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(path))
    return path


def write_scenario(folder: Path, name: str, description: str = "", title: str = "") -> str:
    path = folder / f"{name}.yaml"
    title = title or f"Scenario {name}"
    path.write_text(
        f"title: {json.dumps(title)}\ndescription: {json.dumps(description)}\n", encoding="utf-8"
    )
    return str(path)


def leftovers(folder: Path) -> list[Path]:
    """Staging folders or temporary files that must never survive a run."""
    return [
        p for p in folder.rglob("*") if batch.STAGING_MARK in p.name or p.name.endswith(".part")
    ]


def wait_until(condition: Callable[[], object], what: str, timeout_s: float = 120.0) -> object:
    """Poll ``condition`` until it is truthy; fail naming ``what`` after a generous timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {timeout_s:.0f} s for {what}")
        time.sleep(0.05)


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, bytes | None]:
    """Every file and folder below ``folder`` (except below ``skip``) with its content
    (None for folders, a marker for sockets and other special files)."""
    found: dict[str, bytes | None] = {}
    for p in sorted(folder.rglob("*")):
        if skip is not None and (p == skip or skip in p.parents):
            continue
        if p.is_symlink():
            found[str(p.relative_to(folder))] = b"-> " + os.fsencode(os.readlink(p))
        elif p.is_dir():
            found[str(p.relative_to(folder))] = None
        elif p.is_file():
            found[str(p.relative_to(folder))] = p.read_bytes()
        else:
            found[str(p.relative_to(folder))] = b"<special file>"
    return found


class Arena:
    """A folder two levels below ``tmp_path`` (``tmp/a/b``) with sentinel files above,
    beside and inside it; :meth:`check` proves nothing outside ``b`` was touched."""

    def __init__(self, tmp_path: Path):
        self.root = tmp_path
        self.work = tmp_path / "a" / "b"
        self.work.mkdir(parents=True)
        (tmp_path / "sentinel_above.txt").write_text("keep")
        (tmp_path / "a" / "sentinel_beside.txt").write_text("keep")
        (self.work / "sentinel_inside.txt").write_text("keep")
        self.before = self._outside()

    def _outside(self) -> dict[str, bytes | None]:
        return snapshot(self.root, skip=self.work)

    def check(self) -> None:
        assert self._outside() == self.before
        assert (self.work / "sentinel_inside.txt").read_text() == "keep"


# --------------------------------------------------------------------------- processes

TAG_VAR = "PLANNING_TEST_TAG"


def new_tag() -> str:
    return uuid.uuid4().hex


def tagged_env(tag: str, **extra: str) -> dict[str, str]:
    """The environment for a subprocess whose descendants a test must find again."""
    env = dict(os.environ, **extra)
    env[TAG_VAR] = tag
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


def tagged_pids(tag: str) -> list[int]:
    """Live (not zombie) processes carrying ``tag`` in their environment (Linux /proc)."""
    needle = f"{TAG_VAR}={tag}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                continue
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except (OSError, IndexError):
            continue  # ended meanwhile, or not ours to read
    return found


def kill_tagged(tag: str) -> None:
    """Clean-up after a failed test: SIGKILL what it started (and nothing else)."""
    for pid in tagged_pids(tag):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


CLI_SCRIPT = """
import functools, os, sys
from planning import batch, cli, outputs
notebook, argv = sys.argv[1], sys.argv[2:]
batch.run_batch = functools.partial(batch.run_batch, notebook=notebook, check_data=False)
if os.environ.get("PLANNING_TEST_RUN_STAMP"):
    outputs.run_stamp = lambda: os.environ["PLANNING_TEST_RUN_STAMP"]
sys.exit(cli.main(argv))
"""
"""``planning ...`` with the batch's notebook replaced by the fixture notebook (and, when
``PLANNING_TEST_RUN_STAMP`` is set, the clock naming run folders fixed)."""


def planning_cli(notebook: Path, *args: str) -> list[str]:
    """The command line of :data:`CLI_SCRIPT` for ``planning ARGS``."""
    return [sys.executable, "-c", CLI_SCRIPT, str(notebook), *args]
