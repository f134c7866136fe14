"""A stopped batch stays stopped: after Ctrl-C or a lost Dask scheduler the run is closed,
and a scenario still running somewhere (a Dask worker) can neither publish into it nor
keep its kernel running.

The guard is tested on its own (a run closed before, during and just after a scenario's
execution, in this process), then on a local Dask cluster (Ctrl-C) and on a cluster
started from the command line whose scheduler is killed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from batchtools import (
    ROOT,
    kill_tagged,
    leftovers,
    new_tag,
    planning_cli,
    tagged_env,
    tagged_pids,
    wait_until,
    write_fixture_notebook,
    write_scenario,
)

from planning import batch, outputs

pytestmark = [pytest.mark.notebook, pytest.mark.slow]


@pytest.fixture(scope="module")
def nb(tmp_path_factory):
    return write_fixture_notebook(tmp_path_factory.mktemp("dask") / "fixture.ipynb")


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


def task_in_run(nb: Path, run: Path, scenario: str) -> batch.Task:
    name = Path(scenario).stem
    return batch.Task(name, scenario, str(run / name), "x", notebook=str(nb), run_dir=str(run))


def statuses(run_dir: Path) -> dict[str, str]:
    table = pd.read_csv(run_dir / "comparison.csv")
    return dict(zip(table["scenario"], table["status"], strict=True))


# --------------------------------------------------------------------------- the guard


def test_a_task_of_a_closed_run_does_not_start(nb, tmp_path):
    run = outputs.create_run_dir(tmp_path)
    outputs.close_run(run)
    o = batch.run_task(task_in_run(nb, run, write_scenario(tmp_path, "late")))
    assert (o.status, o.message) == (
        "interrupted",
        "the batch was stopped before this scenario ran",
    )
    assert list(run.iterdir()) == []


def test_closing_the_run_stops_a_running_scenario(nb, tmp_path):
    run = outputs.create_run_dir(outputs.prepare_out(tmp_path / "out"))
    started, hold = tmp_path / "started", tmp_path / "hold"
    hold.write_text("wait")
    task = task_in_run(nb, run, write_scenario(tmp_path, "held", f"hold:{started}:{hold}"))

    def close_once_running():  # as the batch does when it is stopped
        wait_until(started.exists, "the scenario to start")
        outputs.close_run(run)

    closer = threading.Thread(target=close_once_running, daemon=True)
    closer.start()
    o = batch.run_task(task)
    closer.join(timeout=120)
    assert (o.status, o.message) == ("interrupted", "the batch was stopped; nothing was published")
    assert not alive(int(started.read_text()))  # the kernel was stopped, not left waiting
    assert list(run.iterdir()) == []


def test_a_result_finished_after_the_close_is_not_published(nb, tmp_path, monkeypatch):
    from planning import briefing

    run = outputs.create_run_dir(outputs.prepare_out(tmp_path / "out"))
    real_export = briefing.export_html

    def close_then_export(*args, **kw):
        outputs.close_run(run)  # the batch stops while this result is being exported
        return real_export(*args, **kw)

    monkeypatch.setattr(briefing, "export_html", close_then_export)
    o = batch.run_task(task_in_run(nb, run, write_scenario(tmp_path, "late")))
    assert (o.status, o.message) == ("interrupted", "the batch was stopped; nothing was published")
    assert list(run.iterdir()) == []


# --------------------------------------------------------------------------- on Dask


def test_ctrl_c_on_a_local_cluster_cancels_and_nothing_arrives_later(nb, tmp_path):
    distributed = pytest.importorskip("distributed")
    started, hold = tmp_path / "started", tmp_path / "hold"
    hold.write_text("wait")
    names = [write_scenario(tmp_path, "held", f"hold:{started}:{hold}")]
    out = tmp_path / "out"
    main = threading.main_thread().ident

    def ctrl_c_once_running():
        wait_until(started.exists, "the scenario to start on the Dask worker")
        signal.pthread_kill(main, signal.SIGINT)

    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        helper = threading.Thread(target=ctrl_c_once_running, daemon=True)
        helper.start()
        with pytest.raises(KeyboardInterrupt) as exc:
            batch.run_batch(
                names, out=out, scheduler=cluster.scheduler_address, notebook=nb, check_data=False
            )
        helper.join(timeout=120)
        run_dir = exc.value.result.run_dir
        assert statuses(run_dir) == {"held": "interrupted"}
        kernel = int(started.read_text())
        wait_until(lambda: not alive(kernel), "the Dask worker's kernel to be stopped")
        with distributed.Client(cluster) as client:

            def busy() -> int:
                counts = client.run(lambda dask_worker: dask_worker.state.executing_count)
                return sum(counts.values())

            wait_until(lambda: busy() == 0, "the Dask worker to finish the cancelled task")
    assert sorted(p.name for p in run_dir.iterdir()) == [
        "comparison.csv",
        "comparison.xlsx",
        "index.html",
    ]
    assert leftovers(out) == []


def test_a_lost_scheduler_ends_the_batch_with_one_line(nb, tmp_path, tag):
    pytest.importorskip("distributed")
    dask = Path(sys.executable).parent / "dask"
    if not dask.exists():
        pytest.skip("the dask command is not installed")
    env = tagged_env(tag, TMPDIR=str(tmp_path))
    sched_file = tmp_path / "scheduler.json"
    logs = tmp_path / "dask.log"
    common = ["--no-dashboard", "--scheduler-file", str(sched_file)]
    with logs.open("w") as log:
        scheduler = subprocess.Popen(
            [str(dask), "scheduler", "--host", "127.0.0.1", "--port", "0", *common],
            stdout=log,
            stderr=log,
            env=env,
            start_new_session=True,
        )
        wait_until(sched_file.exists, "the Dask scheduler to start")
        address = json.loads(sched_file.read_text())["address"]
        worker_cmd = ["worker", "--nworkers", "1", "--nthreads", "1", *common]
        worker = subprocess.Popen(
            [str(dask), *worker_cmd], stdout=log, stderr=log, env=env, start_new_session=True
        )
    started, hold = tmp_path / "started", tmp_path / "hold"
    hold.write_text("wait")
    name = write_scenario(tmp_path, "held", f"hold:{started}:{hold}")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        planning_cli(nb, "batch", name, "--out", str(out), "--scheduler", address),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    wait_until(started.exists, "the scenario to start on the Dask worker")
    kernel = int(started.read_text())
    os.kill(scheduler.pid, signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr
    assert stderr.splitlines() == [
        f"lost the Dask scheduler at {address}: 1 scenario(s) not finished",
        f"[1/1] held: failed (0.0 s) - lost the connection to the Dask scheduler at {address} "
        "before the end",
    ]
    (run_dir,) = list(out.iterdir())
    assert statuses(run_dir) == {"held": "failed"}
    hold.unlink()  # were the kernel still running, it would now finish and try to publish
    wait_until(lambda: not alive(kernel), "the Dask worker's kernel to end")
    wait_until(lambda: not tagged_pids(tag), "the Dask worker to close (its scheduler is gone)")
    assert scheduler.wait(timeout=60) == -signal.SIGKILL
    worker.wait(timeout=60)
    assert sorted(p.name for p in run_dir.iterdir()) == [
        "comparison.csv",
        "comparison.xlsx",
        "index.html",
    ]
    assert leftovers(out) == []
