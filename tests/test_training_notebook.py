"""The training rotation notebook runs headless under papermill and shows the plan."""

from __future__ import annotations

import nbformat
import pandas as pd
import papermill
import pytest
from nbtools import outputs_text

from planning.paths import NOTEBOOK_DIR

NOTEBOOK = NOTEBOOK_DIR / "training_rotation.ipynb"


def test_notebook_is_thin_and_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and nb.cells.index(tagged[0]) == 1
    src = tagged[0].source
    assert 'scenario = "baseline"' in src and "overrides = {}" in src and "data_dir = None" in src
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None
            lines = [line.lstrip() for line in cell.source.splitlines()]
            assert not any(line.startswith(("def ", "class ")) for line in lines)


@pytest.mark.notebook
def test_notebook_runs_headless_and_writes_the_roster(tmp_path):
    out = tmp_path / "training.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"roster_dir": str(tmp_path / "roster")},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    text = outputs_text(nbformat.read(out, as_version=4))
    assert (
        "All 872 secretaries in post at plan start who stay in office are trained by Dec 2016 "
        "(464 more are expected to leave office first and free their seats)"
    ) in text
    assert text.count("application/vnd.plotly.v1+json") >= 4
    assert "Out-of-town special training classes by training base" in text
    assert "application/vnd.jupyter.widget-view+json" in text  # the sliders
    sheets = pd.read_excel(tmp_path / "roster" / "training_roster.xlsx", sheet_name=None)
    assert len(sheets) == 10
    roster = pd.read_csv(tmp_path / "roster" / "training_roster.csv", encoding="utf-8-sig")
    assert len(roster) == 1336 + 790  # with the 464 in reserve, who free their seats


@pytest.mark.notebook
def test_notebook_shows_the_diagnosis_in_chinese(tmp_path):
    out = tmp_path / "training_zh.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"overrides": {"training.deadline_month": 12}, "language": "zh"},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    text = outputs_text(nbformat.read(out, as_version=4))
    assert "无法按期完成全部培训" in text
    assert "将同时离岗比例上限从10%提高到17%" in text
