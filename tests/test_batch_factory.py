"""Batch workers fork their kernels from a factory process holding the imports: each
scenario still gets a fresh kernel process of its own, a child of the worker, with the
notebook folder as working directory."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from planning import batch, kernels

pytestmark = [
    pytest.mark.notebook,
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only (prctl)"),
]

PROBE = (
    "import json, os, pathlib, sys\n"
    "info = {\n"
    "    'pid': os.getpid(),\n"
    "    'ppid': os.getppid(),\n"
    "    'cwd': os.getcwd(),\n"
    "    'preloaded': 'scipy.optimize' in sys.modules and 'planning.briefing' in sys.modules,\n"
    "    'fresh': 'leftover' not in globals(),\n"
    "    'parent_cmd': pathlib.Path(f'/proc/{os.getppid()}/cmdline').read_bytes().decode(),\n"
    "}\n"
    "leftover = 1\n"
    "pathlib.Path(out_dir, 'summary.json').write_text(json.dumps(info))\n"
    "from planning import briefing as b\n"
    "b.title_block(scenario, '')"
)


def _notebook(path: Path) -> Path:
    nb = new_notebook()
    params = new_code_cell(
        "scenario = 'x'\noverrides = {}\ndata_dir = None\ncompare_to = None\nout_dir = None"
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, new_code_cell(PROBE)]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(path))
    return path


def test_each_scenario_gets_a_fresh_forked_kernel_child_of_its_worker(tmp_path):
    nb = _notebook(tmp_path / "probe.ipynb")
    names = []
    for n in ("one", "two", "three"):
        p = tmp_path / f"{n}.yaml"
        p.write_text(f"title: {n}\n", encoding="utf-8")
        names.append(str(p))
    result = batch.run_batch(names, out=tmp_path / "out", workers=1, notebook=nb, check_data=False)
    assert result.exit_code == 0, [o.message for o in result.outcomes]
    infos = [o.summary for o in result.outcomes]
    assert len({i["pid"] for i in infos}) == 3  # one process per scenario
    assert len({i["ppid"] for i in infos}) == 1  # all children of the one worker
    assert all("multiprocessing" in i["parent_cmd"] for i in infos)
    assert all(i["fresh"] for i in infos)  # nothing left over from the previous scenario
    assert all(i["preloaded"] for i in infos)  # imports came from the factory
    assert all(Path(i["cwd"]) == nb.parent for i in infos)


def test_without_a_factory_the_kernel_is_launched_as_usual(tmp_path, monkeypatch):
    monkeypatch.setattr(kernels, "_FACTORY", None)
    nb = _notebook(tmp_path / "probe.ipynb")
    (tmp_path / "solo.yaml").write_text("title: solo\n", encoding="utf-8")
    task = batch.Task(
        name="solo",
        scenario=str(tmp_path / "solo.yaml"),
        out_dir=str(tmp_path / "out" / "solo"),
        inputs_hash="x",
        notebook=str(nb),
    )
    o = batch.run_task(task)
    assert o.status == "ok", o.message
    info = json.loads((tmp_path / "out" / "solo" / "summary.json").read_text())
    assert info["fresh"] and not info["preloaded"]
    assert Path(info["cwd"]) == nb.parent
