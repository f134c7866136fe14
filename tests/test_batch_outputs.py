"""Output folders of runs and batches (planning.outputs): checked names, exclusive run
folders, publishing that never deletes what planning did not write, closed runs, the index
published whole. Fast: no kernel starts here.

Tests that could delete files (publishing, hostile names) work in a folder two levels
below their own temporary folder, with sentinel files beside and above it.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import threading
from pathlib import Path

import pandas as pd
import pytest
from batchtools import Arena, leftovers, snapshot

from planning import outputs, report
from planning.batch import Outcome
from planning.errors import OutputError, PlanningError


@pytest.fixture
def arena(tmp_path):
    """``tmp/a/b`` with sentinels above, beside and in it: a test works in ``b`` only."""
    place = Arena(tmp_path)
    yield place.work
    place.check()


# --------------------------------------------------------------------------- names


HOSTILE_STEMS = [
    ("", "the name is empty"),
    (".", "'.' would write outside its own folder"),
    ("..", "'..' would write outside its own folder"),
    (".hidden", "a name starting with '.' is hidden"),
    ("a/b", "a name may not contain a path separator"),
    ("a\\b", "a name may not contain a path separator"),
    ("a\x01b", "the name contains a control character"),
    ("a\nb", "the name contains a control character"),
    ("x" * 81, "the name has 81 characters"),
    ("trailing.", "a name ending in '.' changes on some systems"),
    ("x.staging-1", "names containing '.staging-' are used for unfinished work"),
    ("index.html", "'index.html' is a file of the run folder"),
    ("Comparison.CSV", "'Comparison.CSV' is a file of the run folder"),
    ("con", "'con' is a device name on Windows"),
    ("LPT1.notes", "'LPT1.notes' is a device name on Windows"),
    ("a*b", "the name contains characters other than letters, digits, '_', '-' and '.'"),
    ("a b", "the name contains characters other than letters, digits, '_', '-' and '.'"),
]


@pytest.mark.parametrize(("stem", "reason"), HOSTILE_STEMS)
def test_hostile_names_are_refused_with_what_where_and_allowed(stem, reason):
    with pytest.raises(OutputError) as exc:
        outputs.output_name(stem, f"/plans/{stem}.yaml")
    message = str(exc.value)
    assert isinstance(exc.value, PlanningError)
    assert "\n" not in message  # one line
    assert reason in message
    assert "allowed: letters, digits, '_', '-' and '.'" in message
    assert "rename the scenario file" in message
    assert "\x01" not in message  # shown escaped, never raw


@pytest.mark.parametrize("stem", ["baseline", "tight_budget", "v2.1-draft", "基线方案", "x" * 80])
def test_ordinary_names_pass(stem):
    assert outputs.output_name(stem) == stem


def test_unique_names_avoid_every_given_name_ignoring_case():
    assert outputs.unique_names(["good", "good", "good-2", "Good"]) == [
        "good",
        "good-3",
        "good-2",
        "Good-4",
    ]


# --------------------------------------------------------------------------- run folders


def test_two_runs_in_the_same_second_get_two_folders(arena, monkeypatch):
    monkeypatch.setattr(outputs, "run_stamp", lambda: "20240101-090000")
    barrier = threading.Barrier(8)
    made: list[Path] = []

    def create():
        barrier.wait()
        made.append(outputs.create_run_dir(arena))

    threads = [threading.Thread(target=create) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    names = sorted(p.name for p in made)
    assert names == sorted(["20240101-090000"] + [f"20240101-090000-{k}" for k in range(2, 9)])
    assert all(outputs.run_is_open(p) for p in made)


def test_a_run_folder_taken_before_is_never_shared(arena, monkeypatch):
    monkeypatch.setattr(outputs, "run_stamp", lambda: "20240101-090000")
    (arena / "20240101-090000").mkdir()
    (arena / "20240101-090000" / "briefing.html").write_text("another batch's")
    (arena / "20240101-090000-2").write_text("a file in the way")
    run = outputs.create_run_dir(arena)
    assert run.name == "20240101-090000-3"
    assert (arena / "20240101-090000" / "briefing.html").read_text() == "another batch's"


# --------------------------------------------------------------------------- publishing


def staged(folder: Path, files: dict[str, str]) -> Path:
    staging = folder / f".s{outputs.STAGING_MARK}{len(list(folder.iterdir()))}"
    for rel, text in files.items():
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        (staging / rel).write_text(text)
    return staging


def test_publish_never_deletes_files_it_did_not_write(arena):
    final = arena / "s"
    outputs.publish(staged(arena, {"briefing.html": "v1", "tables/a.csv": "a"}), final)
    (final / "my_notes.txt").write_text("the planner's own file")
    (final / "tables" / "mine.csv").write_text("the planner's own table")
    outputs.publish(staged(arena, {"briefing.html": "v2"}), final)
    assert (final / "briefing.html").read_text() == "v2"
    assert not (final / "tables" / "a.csv").exists()  # written by the earlier publish
    assert (final / "my_notes.txt").read_text() == "the planner's own file"
    assert (final / "tables" / "mine.csv").read_text() == "the planner's own table"
    assert json.loads((final / outputs.MANIFEST).read_text()) == {"files": ["briefing.html"]}
    assert leftovers(arena) == []


def test_publish_refuses_a_folder_planning_did_not_write(arena):
    final = arena / "data"
    final.mkdir()
    (final / "villages.csv").write_text("someone's data")
    staging = staged(arena, {"briefing.html": "new"})
    with pytest.raises(OutputError, match="exists and was not written by planning"):
        outputs.publish(staging, final)
    assert snapshot(final) == {"villages.csv": b"someone's data"}


def test_publish_ignores_a_manifest_pointing_outside(arena):
    final = arena / "s"
    outputs.publish(staged(arena, {"briefing.html": "v1"}), final)
    manifest = {"files": ["briefing.html", "../sentinel_inside.txt", "/etc/hostname"]}
    (final / outputs.MANIFEST).write_text(json.dumps(manifest))
    outputs.publish(staged(arena, {"error.txt": "failed"}), final)
    assert (arena / "sentinel_inside.txt").read_text() == "keep"
    assert sorted(p.name for p in final.iterdir()) == [outputs.MANIFEST, "error.txt"]


def test_publish_does_not_write_through_a_link(arena):
    final = arena / "s"
    outputs.publish(staged(arena, {"briefing.html": "v1"}), final)
    elsewhere = arena / "elsewhere"
    elsewhere.mkdir()
    (final / "tables").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="not written by planning"):
        outputs.publish(staged(arena, {"tables/a.csv": "a"}), final)
    assert list(elsewhere.iterdir()) == []


def test_an_older_output_without_manifest_is_updated_but_nothing_deleted(arena):
    final = arena / "s"
    final.mkdir()
    (final / "stamp.json").write_text("{}")  # as written before manifests existed
    (final / "briefing.html").write_text("old")
    outputs.publish(staged(arena, {"briefing.html": "new"}), final)
    assert (final / "briefing.html").read_text() == "new"
    assert (final / "stamp.json").read_text() == "{}"


# --------------------------------------------------------------------------- closed runs


def test_nothing_publishes_into_a_closed_run(arena, monkeypatch):
    monkeypatch.setattr(outputs, "run_stamp", lambda: "20240101-090000")
    run = outputs.create_run_dir(arena)
    staging = staged(run, {"briefing.html": "late"})
    outputs.close_run(run)
    with pytest.raises(outputs.RunClosed):
        outputs.publish_in_run(staging, run / "late_one")
    assert not (run / "late_one").exists()
    assert sorted(p.name for p in run.iterdir()) == [staging.name]  # .open and .lock gone
    outputs.close_run(run)  # closing twice is harmless


def test_close_waits_for_a_publish_in_progress(arena, monkeypatch):
    monkeypatch.setattr(outputs, "run_stamp", lambda: "20240101-090000")
    run = outputs.create_run_dir(arena)
    staging = staged(run, {"briefing.html": "done"})
    inside, release = threading.Event(), threading.Event()
    real_publish = outputs.publish

    def slow_publish(*args, **kw):
        inside.set()
        assert release.wait(60)
        return real_publish(*args, **kw)

    monkeypatch.setattr(outputs, "publish", slow_publish)
    publisher = threading.Thread(target=outputs.publish_in_run, args=(staging, run / "s"))
    publisher.start()
    assert inside.wait(60)
    closer = threading.Thread(target=outputs.close_run, args=(run,))
    closer.start()
    assert outputs.run_is_open(run)  # the close waits for the lock the publisher holds
    release.set()
    publisher.join(60)
    closer.join(60)
    assert (run / "s" / "briefing.html").read_text() == "done"
    assert not outputs.run_is_open(run)


# --------------------------------------------------------------------------- the index


def _outcomes() -> list[Outcome]:
    summary = {"language": "en", "key_figures": [{"id": "k", "label": "K", "value": 1}]}
    return [Outcome("a", "ok", 1.0, summary=summary), Outcome("b", "interrupted", message="x")]


def test_index_and_comparison_files_are_published_together(arena):
    report.write_index(arena, _outcomes(), interrupted=True)
    assert sorted(p.name for p in arena.iterdir()) == [
        "comparison.csv",
        "comparison.xlsx",
        "index.html",
        "sentinel_inside.txt",
    ]
    assert list(pd.read_csv(arena / "comparison.csv")["scenario"]) == ["a", "b"]


@pytest.mark.parametrize("failure", [KeyboardInterrupt(), OSError(errno.ENOSPC, "No space")])
def test_an_interrupted_or_failed_index_publishes_nothing(arena, monkeypatch, failure):
    """A second Ctrl-C or a full disk while the Excel file is written: no index.html that
    links to a comparison.xlsx that is not there (the old order wrote the index first)."""
    real = report.atomic_write_bytes

    def write(path, data):
        if Path(path).name == "comparison.xlsx":
            raise failure
        return real(path, data)

    monkeypatch.setattr(report, "atomic_write_bytes", write)
    with pytest.raises(type(failure)):
        report.write_index(arena, _outcomes())
    assert sorted(p.name for p in arena.iterdir()) == ["sentinel_inside.txt"]


def test_ctrl_c_during_the_final_renames_is_held_back(arena, monkeypatch):
    real_replace = os.replace
    sent = []

    def replace(src, dst):
        if Path(dst).parent == arena and not sent:
            sent.append(Path(dst).name)
            signal.raise_signal(signal.SIGINT)  # Ctrl-C between the renames
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        report.write_index(arena, _outcomes())
    assert sent == ["comparison.csv"]
    names = {p.name for p in arena.iterdir()}
    assert names == {"comparison.csv", "comparison.xlsx", "index.html", "sentinel_inside.txt"}


# --------------------------------------------------------------------------- unwritable


def test_out_is_a_file(arena):
    (arena / "out").write_text("a file where the output folder should be")
    with pytest.raises(OutputError) as exc:
        outputs.prepare_out(arena / "out")
    assert "cannot use the output folder" in str(exc.value)
    assert "(EEXIST)" in str(exc.value) and "choose another path" in str(exc.value)
    with pytest.raises(OutputError, match=r"\(ENOTDIR\)"):
        outputs.prepare_out(arena / "out" / "sub")


def test_read_only_out(arena, monkeypatch):
    """Tests run as root, for whom a chmod-ed folder is still writable: make the file
    system refuse instead, as a read-only mount does (EROFS), for this folder only."""
    out = arena / "out"
    out.mkdir()
    real_mkdir = os.mkdir

    def mkdir(path, *args, **kw):
        if Path(path).parent == out:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_mkdir(path, *args, **kw)

    monkeypatch.setattr(os, "mkdir", mkdir)
    with pytest.raises(OutputError) as exc:
        outputs.prepare_out(out)
    assert str(exc.value).startswith(
        "cannot write into the output folder: Read-only file system (EROFS); "
    )
    assert "choose a folder you can write to" in str(exc.value)
    assert list(out.iterdir()) == []


def test_runs_of_killed_batches_are_closed_and_their_unfinished_work_removed(arena):
    import socket

    runs = {}
    for key, owner in {
        "killed": f"{2**22 + 12345} {socket.gethostname()}",  # above Linux's largest pid
        "running": f"{os.getppid()} {socket.gethostname()}",
        "elsewhere": f"{2**22 + 12345} another-machine",
    }.items():
        run = arena / key
        run.mkdir()
        (run / outputs.RUN_LOCK).write_text("")
        (run / outputs.RUN_OPEN).write_text(owner)
        (run / f".s{outputs.STAGING_MARK}1").mkdir()
        (run / "done").mkdir()
        runs[key] = run
    assert outputs.close_abandoned_runs(arena) == [runs["killed"]]
    assert sorted(p.name for p in runs["killed"].iterdir()) == ["done"]
    for key in ("running", "elsewhere"):
        assert len(list(runs[key].iterdir())) == 4, key
