"""Batches and runs under faults: hostile scenario file names, two batches in the same
second, SIGTERM, kill -9, early and repeated Ctrl-C, read-only output folders, a full disk.

Each test works in its own folder two levels below its temporary folder, with sentinel
files beside and above it (``batchtools.Arena``). A batch under test runs as a subprocess
in a session of its own; the test signals only that process, and finds every process the
batch started by a tag in their environment (``/proc``), waiting with a generous timeout
until none is left. Nothing here asserts on elapsed time.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from batchtools import (
    ROOT,
    Arena,
    kill_tagged,
    leftovers,
    new_tag,
    planning_cli,
    snapshot,
    tagged_env,
    tagged_pids,
    wait_until,
    write_fixture_notebook,
    write_scenario,
)

from planning import batch, report
from planning.cli import main as cli_main

pytestmark = [
    pytest.mark.notebook,
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux (/proc, prctl)"),
]


@pytest.fixture(scope="module")
def nb(tmp_path_factory):
    return write_fixture_notebook(tmp_path_factory.mktemp("faults") / "fixture.ipynb")


@pytest.fixture
def arena(tmp_path):
    place = Arena(tmp_path)
    yield place.work
    place.check()


@pytest.fixture
def tag():
    """Tag of the processes a test starts; whatever is left of them is killed afterwards."""
    value = new_tag()
    yield value
    kill_tagged(value)


def start(cmd: list[str], tag: str, tmpdir: Path, **env: str) -> subprocess.Popen:
    """A batch in a session of its own; ``tmpdir`` is its temporary folder (kernel sockets)."""
    tmpdir.mkdir(exist_ok=True)
    return subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=tagged_env(tag, TMPDIR=str(tmpdir), **env),
        start_new_session=True,
    )


def statuses(run_dir: Path) -> dict[str, str]:
    table = pd.read_csv(run_dir / "comparison.csv")
    return dict(zip(table["scenario"], table["status"], strict=True))


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def linked_files_exist(run_dir: Path) -> bool:
    html = (run_dir / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"#:]+)"', html)
    return bool(links) and all((run_dir / link).is_file() for link in links)


# --------------------------------------------------------------------------- 9. names

HOSTILE_FILES = [
    "..yaml",  # stem '.': used to publish into --out itself, deleting everything there
    "...yaml",  # stem '..': used to publish into the parent of --out
    ".yaml",
    ".hidden.yaml",
    "index.html.yaml",
    "con.yaml",
    "a\x01b.yaml",
    "a\\b.yaml",
    "x" * 81 + ".yaml",
]


@pytest.mark.parametrize("filename", HOSTILE_FILES, ids=repr)
def test_run_refuses_a_hostile_file_name_and_touches_nothing(arena, filename, capsys):
    out = arena / "out"
    out.mkdir()
    (out / "earlier_work.txt").write_text("keep")
    (out / "other_scenario").mkdir()
    (out / "other_scenario" / "briefing.html").write_text("keep")
    scen = arena / "scen"
    scen.mkdir()
    (scen / filename).write_text("title: hostile\n", encoding="utf-8")
    before = snapshot(arena)
    assert cli_main(["run", str(scen / filename), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot name an output folder ")
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert snapshot(arena) == before


def test_batch_reports_hostile_names_runs_the_rest_and_touches_nothing_else(nb, arena, tag):
    out = arena / "out"
    out.mkdir()
    (out / "earlier_work.txt").write_text("keep")
    scen = arena / "scen"
    scen.mkdir()
    names = []
    for filename in HOSTILE_FILES:
        (scen / filename).write_text("title: hostile\n", encoding="utf-8")
        names.append(str(scen / filename))
    names += [write_scenario(scen, "good"), write_scenario(scen, "dies", "die")]
    proc = start(planning_cli(nb, "batch", *names, "--out", str(out)), tag, arena / "tmp")
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 1, stderr
    (run_dir,) = [p for p in out.iterdir() if p.is_dir()]
    assert sorted(p.name for p in out.iterdir()) == sorted([run_dir.name, "earlier_work.txt"])
    assert sorted(p.name for p in run_dir.iterdir()) == [
        "comparison.csv",
        "comparison.xlsx",
        "dies",
        "good",
        "index.html",
    ]
    shown = {".", "..", ".yaml", ".hidden", "index.html", "con", "a\\x01b", "a\\b", "x" * 81}
    assert statuses(run_dir) == {
        **{name: "invalid" for name in shown},
        "good": "ok",
        "dies": "failed",
    }
    assert (run_dir / "good" / "briefing.html").is_file()
    # Only our status lines: no "Kernel died" line from papermill, no traceback.
    lines = stderr.splitlines()
    assert [line for line in lines if not line.startswith(("[", "    "))] == []
    assert sum("cannot name an output folder" in line for line in lines) == len(HOSTILE_FILES)
    assert "\x01" not in stderr  # a control character is shown escaped, never sent raw
    assert leftovers(out) == []


# --------------------------------------------------------------------------- 10. same second


def test_two_batches_started_in_the_same_second_do_not_share_a_run(nb, arena, tag):
    out = arena / "out"
    procs = []
    for plan in ("A", "B"):
        folder = arena / f"plan_{plan}"
        folder.mkdir()
        name = write_scenario(folder, "s", title=f"Plan {plan}")
        cmd = planning_cli(nb, "batch", name, "--out", str(out), "--workers", "1")
        procs.append(start(cmd, tag, arena / "tmp", PLANNING_TEST_RUN_STAMP="20240101-090000"))
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in results]
    runs = sorted(p.name for p in out.iterdir())
    assert runs == ["20240101-090000", "20240101-090000-2"]
    found = []
    for run in runs:
        html = (out / run / "s" / "briefing.html").read_text(encoding="utf-8")
        found.append("Plan A" if "Plan A" in html else "Plan B")
        assert ("Plan A" in html) != ("Plan B" in html)
    assert sorted(found) == ["Plan A", "Plan B"]
    indexes = {line for stdout, _ in results for line in stdout.splitlines() if "index" in line}
    assert indexes == {f"index: {out / run / 'index.html'}" for run in runs}


# --------------------------------------------------------------------------- 11. signals


def held_batch(nb: Path, arena: Path, tag: str) -> tuple[subprocess.Popen, Path, Path]:
    """A batch with one worker: ``a_done`` finishes, ``b_held`` is running (waited for),
    ``c_never`` has not started."""
    scen = arena / "scen"
    scen.mkdir()
    started, hold = arena / "b_held.started", arena / "b_held.hold"
    hold.write_text("wait while this exists")
    names = [
        write_scenario(scen, "a_done"),
        write_scenario(scen, "b_held", f"hold:{started}:{hold}"),
        write_scenario(scen, "c_never"),
    ]
    out = arena / "out"
    cmd = planning_cli(nb, "batch", *names, "--out", str(out), "--workers", "1")
    proc = start(cmd, tag, arena / "tmp")
    wait_until(started.exists, "b_held to start")
    return proc, out, arena / "tmp"


def test_sigterm_is_handled_like_ctrl_c(nb, arena, tag):
    proc, out, tmp = held_batch(nb, arena, tag)
    os.kill(proc.pid, signal.SIGTERM)
    # communicate() returns only once no process holds the batch's stdout and stderr.
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 143, stderr
    assert "Traceback" not in stderr
    (run_dir,) = list(out.iterdir())
    assert stderr.splitlines()[-1] == (
        f"terminated; what finished is listed in {run_dir / 'index.html'}"
    )
    assert statuses(run_dir) == {"a_done": "ok", "b_held": "interrupted", "c_never": "interrupted"}
    assert (run_dir / "a_done" / "briefing.html").is_file()
    assert linked_files_exist(run_dir)
    wait_until(lambda: not tagged_pids(tag), "every process the batch started to end")
    assert list(tmp.glob("pk-*")) == []  # the killed kernel's sockets
    assert leftovers(out) == []


def test_kill_9_of_the_batch_takes_its_children_along(nb, arena, tag):
    proc, out, tmp = held_batch(nb, arena, tag)
    kernel = int((arena / "b_held.started").read_text())
    workers = [pid for pid in tagged_pids(tag) if "multiprocessing" in cmdline(pid)]
    assert kernel in tagged_pids(tag) and workers
    os.kill(proc.pid, signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=120)  # `planning batch | cat` returns
    assert proc.returncode == -signal.SIGKILL
    wait_until(lambda: not tagged_pids(tag), "the workers, factories and kernels to die")
    assert list(tmp.glob("pk-*")) == []
    assert leftovers(out) == []


def test_ctrl_c_early_prints_no_traceback(nb, arena, tag):
    scen = arena / "scen"
    scen.mkdir()
    names = [write_scenario(scen, "one"), write_scenario(scen, "two")]
    out = arena / "out"
    cmd = planning_cli(nb, "batch", *names, "--out", str(out), "--workers", "2")
    proc = start(cmd, tag, arena / "tmp")
    wait_until(
        lambda: (
            out.is_dir()
            and any(out.iterdir())
            and any("_factory_main" in cmdline(pid) for pid in tagged_pids(tag))
        ),
        "the run folder and a kernel factory (still importing) to exist",
    )
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole process group
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
    (run_dir,) = list(out.iterdir())
    assert stderr.splitlines()[-1] == (
        f"interrupted; what finished is listed in {run_dir / 'index.html'}"
    )
    assert linked_files_exist(run_dir)
    wait_until(lambda: not tagged_pids(tag), "every process the batch started to end")


def test_repeated_ctrl_c_still_leaves_a_whole_index(nb, arena, tag):
    proc, out, tmp = held_batch(nb, arena, tag)
    for _ in range(3):  # impatient: Ctrl-C, Ctrl-C, Ctrl-C
        os.kill(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    (run_dir,) = list(out.iterdir())
    assert statuses(run_dir) == {"a_done": "ok", "b_held": "interrupted", "c_never": "interrupted"}
    assert linked_files_exist(run_dir)  # index.html never without comparison.xlsx
    wait_until(lambda: not tagged_pids(tag), "every process the batch started to end")
    assert leftovers(out) == []


# --------------------------------------------------------------------------- 13. unwritable


def refuse_writes(monkeypatch, folder: Path, code: int = errno.EROFS) -> None:
    """Make creating anything directly in ``folder`` fail as on a read-only mount.

    The tests run as root, for whom a chmod-ed folder is still writable; a read-only
    mount needs privileges. So the two calls that create entries (``os.mkdir`` and
    ``os.open`` with ``O_CREAT``) refuse for this one folder, with the errno the file
    system would give."""
    real_mkdir, real_open = os.mkdir, os.open

    def mkdir(path, *args, **kw):
        if Path(path).parent == folder:
            raise OSError(code, os.strerror(code), str(path))
        return real_mkdir(path, *args, **kw)

    def open_(path, flags, *args, **kw):
        if flags & os.O_CREAT and Path(path).parent == folder:
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "mkdir", mkdir)
    monkeypatch.setattr(os, "open", open_)


@pytest.mark.parametrize("command", ["batch", "run"])
def test_out_that_is_a_file_ends_with_one_line_and_exit_2(arena, command, capsys):
    out = arena / "out"
    out.write_text("a file where the output folder should be")
    args = ["batch", "baseline"] if command == "batch" else ["run", "baseline"]
    assert cli_main([*args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: cannot use the output folder: File exists (EEXIST); {out}: a file is in the "
        "way where a folder is needed; choose another path\n"
    )
    assert out.read_text() == "a file where the output folder should be"


@pytest.mark.parametrize("command", ["batch", "run"])
def test_read_only_out_ends_with_one_line_and_exit_2(arena, command, capsys, monkeypatch):
    out = arena / "out"
    out.mkdir()
    refuse_writes(monkeypatch, out)
    assert cli_main([command, "baseline", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write into the output folder: Read-only file system")
    assert err.endswith("the file system is read-only; choose a folder you can write to\n")
    assert list(out.iterdir()) == []


def test_template_into_a_read_only_folder(arena, capsys, monkeypatch):
    refuse_writes(monkeypatch, arena)
    target = arena / "mine.xlsx"
    assert cli_main(["template", "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == (
        "error: cannot write the template: Read-only file system (EROFS); "
        f"{target}: the file system is read-only; choose a folder you can write to\n"
    )
    assert sorted(p.name for p in arena.iterdir()) == ["sentinel_inside.txt"]


def test_template_onto_a_folder(arena, capsys):
    target = arena / "mine.xlsx"
    target.mkdir()
    assert cli_main(["template", "--out", str(target), "--force"]) == 2
    assert capsys.readouterr().err == (
        f"error: {target}: is a folder; give the name of a workbook file\n"
    )
    assert list(target.iterdir()) == []


def test_full_disk_at_the_index_ends_with_one_line_and_exit_1(arena, capsys, monkeypatch):
    """The disk fills up as the index is written: no index.html, no comparison files, no
    staging folder; one line says so; the run failed (exit 1)."""
    real = report.atomic_write_bytes

    def write(path, data):
        if Path(path).name == "comparison.xlsx":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, data)

    monkeypatch.setattr(report, "atomic_write_bytes", write)
    bad = arena / "bad.yaml"
    bad.write_text("talent:\n  intake_fill_rate: 7\n", encoding="utf-8")
    out = arena / "out"
    assert cli_main(["batch", str(bad), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    (run_dir,) = list(out.iterdir())
    assert captured.out == "1 invalid\n"
    assert captured.err.splitlines()[-1] == (
        f"error: cannot write the run's index: No space left on device (ENOSPC); {run_dir}: "
        "the disk is full; free some space or choose another folder"
    )
    assert "Traceback" not in captured.err
    assert list(run_dir.iterdir()) == []


def test_full_disk_when_publishing_a_briefing(nb, arena, monkeypatch):
    def full(*args, **kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(arena / "out"))

    monkeypatch.setattr(batch, "publish", full)
    scenario = write_scenario(arena, "s")
    task = batch.Task("s", scenario, str(arena / "out" / "s"), "x", notebook=str(nb))
    o = batch.run_task(task)
    assert o.status == "failed"
    assert o.message.startswith("could not write the output: No space left on device (ENOSPC)")
    assert o.message.endswith(
        "(and the failed notebook could not be kept: could not write the output: No space "
        f"left on device (ENOSPC) at {arena / 'out'})"
    )
    assert list((arena / "out").iterdir()) == []  # nothing half-published, no staging


def test_run_into_a_folder_planning_did_not_write(arena, capsys):
    out = arena / "out"
    (out / "baseline").mkdir(parents=True)
    (out / "baseline" / "notes.txt").write_text("the planner's own notes")
    before = snapshot(arena)
    assert cli_main(["run", "baseline", "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: cannot write the briefing; {out / 'baseline'}: exists and was not written "
        "by planning; move it away or choose another --out\n"
    )
    assert snapshot(arena) == before


def test_after_kill_9_of_the_whole_group_the_next_batch_cleans_up(nb, arena, tag):
    """``timeout -s KILL`` kills the batch and its workers at once: nobody can clean up.
    The next batch into the same --out removes the dead run's unfinished work and the
    kernels' files, and reuses what had finished."""
    proc, out, tmp = held_batch(nb, arena, tag)
    (killed_run,) = list(out.iterdir())
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=120)
    wait_until(lambda: not tagged_pids(tag), "the batch, its workers and kernels to die")
    assert leftovers(out) != [] and list(tmp.glob("pk-*")) != []  # what was left behind
    again = start(
        planning_cli(nb, "batch", str(arena / "scen" / "a_done.yaml"), "--out", str(out)),
        tag,
        tmp,
    )
    stdout, stderr = again.communicate(timeout=300)
    assert again.returncode == 0, stderr
    assert leftovers(out) == []
    assert sorted(p.name for p in tmp.iterdir()) == []
    assert sorted(p.name for p in killed_run.iterdir()) == ["a_done"]
    (new_run,) = [p for p in out.iterdir() if p != killed_run]
    assert statuses(new_run) == {"a_done": "skipped"}
