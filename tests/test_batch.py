"""Batch runner on a small fixture notebook: statuses, exit codes, failures kept, timeout,
incremental skip, interruption then rerun, a Dask LocalCluster.

The fixture notebook (``batchtools``) reads a command from the scenario's description
(``raise``, ``die``, ``sleep:S``, ``hold:STARTED:HOLD``, ...) so that one batch mixes good,
failing and slow scenarios without touching the real models.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from batchtools import leftovers, wait_until, write_fixture_notebook, write_scenario

from planning import batch
from planning.cli import main as cli_main

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fx(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    nb = write_fixture_notebook(root / "fixture.ipynb")
    scen = root / "scenarios"
    scen.mkdir()
    return root, nb, scen


@pytest.fixture(scope="module")
def mixed_run(fx):
    root, nb, scen = fx
    names = [
        write_scenario(scen, "good", title="<script>alert(1)</script>"),
        write_scenario(scen, "good2"),
        write_scenario(scen, "boom", "raise"),
        write_scenario(scen, "dies", "die"),
        write_scenario(scen, "slow", "sleep:600"),
    ]
    bad = scen / "broken.yaml"
    bad.write_text("talent:\n  intake_fill_rate: 7\n", encoding="utf-8")
    names.append(str(bad))
    # 25 s: far beyond a fixture scenario's time even on a loaded machine (a first kernel
    # waits for its worker's imports), far below the slow scenario's 600 s.
    return batch.run_batch(
        names, out=root / "out", workers=2, timeout_s=25, notebook=nb, check_data=False
    )


def test_mixed_batch_statuses_and_exit_code(mixed_run):
    result = mixed_run
    status = {o.name: o.status for o in result.outcomes}
    assert status == {
        "good": "ok",
        "good2": "ok",
        "boom": "failed",
        "dies": "failed",
        "slow": "timeout",
        "broken": "invalid",
    }
    assert result.exit_code == 1
    by = {o.name: o for o in result.outcomes}
    assert "RuntimeError" in by["boom"].message and "boom in" in by["boom"].message
    assert "kernel died" in by["dies"].message
    assert "intake_fill_rate" in by["broken"].message and "broken.yaml:2" in by["broken"].message


def test_good_scenarios_complete_and_failures_kept(mixed_run):
    result = mixed_run
    run = result.run_dir
    for name in ("good", "good2"):
        folder = run / name
        html = (folder / "briefing.html").read_text(encoding="utf-8")
        assert html.rstrip().endswith("</html>")
        assert html.count('class="plotly-graph-div"') == 1
        nb = nbformat.read(str(folder / "briefing.ipynb"), as_version=4)
        assert nb.cells[0].metadata["tags"] == ["parameters"]
        stamp = json.loads((folder / "stamp.json").read_text())
        assert len(stamp["inputs_hash"]) == 64
        assert json.loads((folder / "summary.json").read_text())["key_figures"][0]["value"] == 10412
    for name, status in (("boom", "failed"), ("dies", "failed"), ("slow", "timeout")):
        folder = run / name
        assert (folder / "briefing.failed.ipynb").is_file(), name
        assert not (folder / "briefing.html").exists()
        assert not (folder / "stamp.json").exists()
        assert (folder / "error.txt").read_text().startswith(f"{status}: "), name
    failed = nbformat.read(str(run / "boom" / "briefing.failed.ipynb"), as_version=4)
    errors = [o for c in failed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors and errors[0].ename == "RuntimeError"
    assert not (run / "broken").exists()
    assert leftovers(run) == []


def test_timeout_stops_the_scenario_not_the_batch(mixed_run):
    result = mixed_run
    slow = next(o for o in result.outcomes if o.name == "slow")
    assert slow.status == "timeout"
    assert slow.message == "stopped after 25 s (per-scenario timeout)"
    error = (result.run_dir / "slow" / "error.txt").read_text().splitlines()[0]
    assert error == "timeout: stopped after 25 s (per-scenario timeout)"
    assert [o.status for o in result.outcomes if o.name.startswith("good")] == ["ok", "ok"]


def test_index_and_comparison(mixed_run):
    result = mixed_run
    html = result.index.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert 'href="good/briefing.html"' in html and 'href="boom/briefing.failed.ipynb"' in html
    assert "http://" not in html and "https://" not in html
    assert "Targets by scenario" in html and "T-talent" not in html  # labels, not ids
    table = pd.read_csv(result.run_dir / "comparison.csv")
    assert sorted(table["scenario"]) == ["boom", "broken", "dies", "good", "good2", "slow"]
    good = table.set_index("scenario").loc["good"]
    assert good["Reserve pools (persons)"] == 10412 and good["T-talent status"] == "met"
    xlsx = pd.read_excel(result.run_dir / "comparison.xlsx")
    assert list(xlsx.columns) == list(table.columns)


def test_incremental_skip_force_and_change(fx, mixed_run):
    root, nb, scen = fx
    names = [str(scen / "good.yaml"), str(scen / "good2.yaml")]
    again = batch.run_batch(names, out=root / "out", workers=2, notebook=nb, check_data=False)
    assert [o.status for o in again.outcomes] == ["skipped", "skipped"]
    assert again.exit_code == 0
    assert all(o.reused_from == mixed_run.run_dir.name for o in again.outcomes)
    assert (again.run_dir / "good" / "briefing.html").is_file()
    assert "10412" in (again.run_dir / "comparison.csv").read_text()
    # change one scenario's content: only that one runs again
    write_scenario(scen, "good2", title="Scenario good2, revised")
    changed = batch.run_batch(names, out=root / "out", workers=1, notebook=nb, check_data=False)
    assert {o.name: o.status for o in changed.outcomes} == {"good": "skipped", "good2": "ok"}
    forced = batch.run_batch(
        names[:1], out=root / "out", workers=1, notebook=nb, check_data=False, force=True
    )
    assert [o.status for o in forced.outcomes] == ["ok"]


INTERRUPTED_RUN = """
import sys
from planning.batch import run_batch
names = sys.argv[1:4]
try:
    run_batch(names, out=sys.argv[4], workers=1, notebook=sys.argv[5], check_data=False)
except KeyboardInterrupt as exc:
    print("INTERRUPTED", exc, flush=True)
    sys.exit(130)
"""


def test_interrupt_then_rerun_completes_the_rest(fx):
    root, nb, scen = fx
    started, hold = root / "b_hang.started", root / "b_hang.hold"
    hold.write_text("wait while this exists")
    names = [
        write_scenario(scen, "a_first"),
        write_scenario(scen, "b_hang", f"hold:{started}:{hold}"),
        write_scenario(scen, "c_last"),
    ]
    out = root / "interrupted"
    proc = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED_RUN, *names, str(out), str(nb)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        wait_until(started.exists, "b_hang to start (after a_first, one worker)")
    finally:
        proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert "INTERRUPTED" in stdout
    (run_dir,) = list(out.iterdir())
    html = (run_dir / "a_first" / "briefing.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")
    assert not (run_dir / "b_hang").exists() and not (run_dir / "c_last").exists()
    assert leftovers(out) == []
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    assert "interrupted" in index and "not run" in index
    # a rerun does only the rest
    hold.unlink()
    rerun = batch.run_batch(names, out=out, workers=1, notebook=nb, check_data=False)
    assert {o.name: o.status for o in rerun.outcomes} == {
        "a_first": "skipped",
        "b_hang": "ok",
        "c_last": "ok",
    }
    assert rerun.exit_code == 0


def test_dask_local_cluster(fx):
    distributed = pytest.importorskip("distributed")
    root, nb, scen = fx
    names = [write_scenario(scen, "on_dask"), write_scenario(scen, "on_dask_boom", "raise")]
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
    ):
        result = batch.run_batch(
            names,
            out=root / "dask",
            scheduler=cluster.scheduler_address,
            notebook=nb,
            check_data=False,
        )
    assert {o.name: o.status for o in result.outcomes} == {
        "on_dask": "ok",
        "on_dask_boom": "failed",
    }
    assert (result.run_dir / "on_dask" / "briefing.html").is_file()
    assert result.exit_code == 1


def test_a_dying_worker_process_does_not_stop_the_others(fx, tmp_path):
    root, nb, scen = fx
    names = [write_scenario(scen, "kills_worker", "kill-worker"), write_scenario(scen, "bystander")]
    result = batch.run_batch(names, out=tmp_path, workers=2, notebook=nb, check_data=False)
    by = {o.name: o for o in result.outcomes}
    assert by["bystander"].status == "ok"
    assert by["kills_worker"].status == "failed"
    assert "worker process died twice" in by["kills_worker"].message
    assert result.exit_code == 1
    assert leftovers(tmp_path) == []


def test_bad_usage_exits_2(capsys):
    assert cli_main(["batch", "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err
    assert cli_main(["batch", "--timeout", "-1"]) == 2


def test_unknown_scenario_is_reported_not_run(fx, tmp_path):
    root, nb, scen = fx
    good = write_scenario(scen, "alone")
    result = batch.run_batch(
        [good, "no_such_scenario"], out=tmp_path, workers=1, notebook=nb, check_data=False
    )
    status = {o.name: o.status for o in result.outcomes}
    assert status == {"alone": "ok", "no_such_scenario": "invalid"}
    assert result.exit_code == 1


def test_publish_replaces_files_and_keeps_older_good_on_failure(tmp_path):
    final = tmp_path / "s"
    staging = tmp_path / ".s.staging-1"
    staging.mkdir()
    (staging / "briefing.html").write_text("old good")
    (staging / "error.txt").write_text("old error")
    batch.publish(staging, final)  # a first publish: the whole folder renamed
    assert not staging.exists()
    staging.mkdir()
    (staging / "briefing.html").write_text("new good")
    batch.publish(staging, final)
    assert (final / "briefing.html").read_text() == "new good"
    assert not (final / "error.txt").exists()  # stale file of an earlier publish removed
    assert not staging.exists()
    staging.mkdir()
    (staging / "error.txt").write_text("new error")
    batch.publish(staging, final, keep_existing=True)
    assert (final / "briefing.html").read_text() == "new good"
    assert (final / "error.txt").read_text() == "new error"


class _Stream:
    def __init__(self, tty: bool):
        self.tty, self.text = tty, ""

    def write(self, s):
        self.text += s
        return len(s)

    def flush(self):
        pass

    def isatty(self):
        return self.tty


def test_progress_plain_lines_and_tty_bar():
    plain = _Stream(tty=False)
    p = batch.Progress(2, plain)
    p.update(batch.Outcome("a", "ok", 1.25))
    p.update(batch.Outcome("b", "failed", 2.0, message="RuntimeError in cell 3: boom\nmore"))
    p.close()
    assert plain.text.splitlines() == [
        "[1/2] a: ok (1.2 s)",
        "[2/2] b: failed (2.0 s) - RuntimeError in cell 3: boom",
    ]
    tty = _Stream(tty=True)
    p = batch.Progress(2, tty)
    p.update(batch.Outcome("a", "ok", 1.0))
    p.update(batch.Outcome("b", "timeout", 9.0, message="stopped after 8 s"))
    p.close()
    assert "2/2" in tty.text and "briefings" in tty.text  # the tqdm bar
    assert "[2/2] b: timeout (9.0 s) - stopped after 8 s" in tty.text
    assert "[1/2] a: ok" not in tty.text  # successes only move the bar


def test_run_command_rejects_an_unknown_scenario(tmp_path, capsys):
    assert cli_main(["run", "no_such_scenario", "--out", str(tmp_path)]) == 2
    assert "no_such_scenario" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_progress_lists_every_problem_of_an_invalid_scenario():
    plain = _Stream(tty=False)
    p = batch.Progress(1, plain)
    message = (
        "bad.yaml: scenario has 2 problems\n"
        "  bad.yaml:3: key 'talent.intake_ramp': found 5; expected a number between -0.5 and 1\n"
        "  bad.yaml:4: unknown key 'talent.foo'"
    )
    p.update(batch.Outcome("bad", "invalid", 0.0, message=message))
    p.close()
    assert plain.text.splitlines() == [
        "[1/1] bad: invalid (0.0 s) - bad.yaml: scenario has 2 problems",
        "    bad.yaml:3: key 'talent.intake_ramp': found 5; expected a number between -0.5 and 1",
        "    bad.yaml:4: unknown key 'talent.foo'",
    ]
