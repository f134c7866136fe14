"""The kernel fork server (planning.kernels) on its own: it ends quietly when its worker
goes, processes die with their parent, a stopped worker's kernel files are removed.

Every process here is started by the test, tagged in its environment, and waited for
with a generous timeout; nothing asserts on elapsed time.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from batchtools import ROOT, kill_tagged, new_tag, tagged_env, tagged_pids, wait_until

from planning import kernels

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Linux only (prctl, /proc)"
)


@pytest.fixture
def tag():
    value = new_tag()
    yield value
    kill_tagged(value)


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_the_factory_ends_quietly_when_its_worker_has_gone(tag):
    """The worker stops while the factory is still importing: its answer ("ready") meets a
    closed pipe. Before, that printed a BrokenPipeError traceback on the batch's stderr."""
    factory = subprocess.Popen(
        [sys.executable, "-c", "from planning.kernels import _factory_main; _factory_main()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=tagged_env(tag),
    )
    factory.stdout.close()  # the worker's end of the answers: gone
    factory.stdin.close()
    err = factory.stderr.read().decode()
    factory.stderr.close()
    assert factory.wait(timeout=120) == 0
    assert "Traceback" not in err and "BrokenPipeError" not in err


CHAIN = """
import os, subprocess, sys, time
from planning import kernels
if sys.argv[1] == "parent":
    child = subprocess.Popen([sys.executable, "-c", __doc__, "child", str(os.getpid())])
    print(child.pid, flush=True)
    time.sleep(600)
else:
    kernels.die_with_parent(9, int(sys.argv[2]))
    while True:  # busy, as a kernel deep in a computation: no chance to notice anything
        pass
"""


def test_a_process_dies_with_its_parent(tag):
    script = f"__doc__ = {CHAIN!r}\n{CHAIN}"
    parent = subprocess.Popen(
        [sys.executable, "-c", script, "parent"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=tagged_env(tag),
    )
    child = int(parent.stdout.readline())
    assert alive(child)
    parent.kill()
    parent.wait(timeout=60)
    parent.stdout.close()
    wait_until(lambda: not alive(child), "the child to die with its parent")
    wait_until(lambda: not tagged_pids(tag), "nothing of the chain to be left")


def test_die_with_parent_when_the_parent_is_already_gone(tag):
    """The parent died before the request: the signal is sent at once."""
    code = "from planning import kernels; kernels.die_with_parent(15, parent=1)\nimport time\ntime.sleep(600)"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=tagged_env(tag))
    assert proc.wait(timeout=120) == -signal.SIGTERM


def test_a_stopped_workers_kernel_files_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(kernels.tempfile, "tempdir", str(tmp_path))
    prefix = kernels.socket_prefix()
    assert Path(prefix).name.startswith(f"pk-{os.getpid()}-")
    for port in range(1, 6):
        Path(f"{prefix}-{port}").write_text("")
    conn = tmp_path / "tmp1234.json"
    conn.write_text(json.dumps({"ip": prefix, "transport": "ipc"}))
    other = tmp_path / "someone_else.json"
    other.write_text(json.dumps({"ip": "127.0.0.1"}))
    km = SimpleNamespace(transport="ipc", ip=prefix, connection_file=str(conn))
    kernels._LIVE.append(km)
    kernels.release([km, SimpleNamespace(transport="tcp", ip="", connection_file=str(other))])
    assert list(tmp_path.iterdir()) == [other]
    assert km not in kernels._LIVE


def test_sockets_of_ended_workers_are_swept_and_no_others(tmp_path, monkeypatch):
    monkeypatch.setattr(kernels.tempfile, "tempdir", str(tmp_path))
    for name in ("pk-111-aaaa-1", "pk-111-aaaa-2", "pk-1111-bbbb-1", "pk-222-cccc-1", "notes"):
        (tmp_path / name).write_text("")
    kernels.sweep_sockets([111])
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "notes",
        "pk-1111-bbbb-1",
        "pk-222-cccc-1",
    ]


def test_files_of_a_batch_killed_with_its_workers_are_swept_next_time(tmp_path):
    """``timeout -s KILL`` kills the whole process group: nobody could clean up. The next
    batch removes what belonged to processes that no longer exist, and nothing else."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(timeout=60)
    dead, live = gone.pid, os.getpid()
    names = {
        "dead": f"pk-{dead}-0123456789ab",
        "live": f"pk-{live}-0123456789ab",
    }
    for name in names.values():
        for port in (1, 2):
            (tmp_path / f"{name}-{port}").write_text("")
    for key, name in names.items():
        (tmp_path / f"tmp{key}.json").write_text(json.dumps({"ip": str(tmp_path / name)}))
    (tmp_path / "pk-notes-1").write_text("not ours")
    (tmp_path / "tmpother.json").write_text(json.dumps({"ip": "127.0.0.1"}))
    kernels.sweep_stale_files(str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"pk-{live}-0123456789ab-1",
        f"pk-{live}-0123456789ab-2",
        "pk-notes-1",
        "tmplive.json",
        "tmpother.json",
    ]
