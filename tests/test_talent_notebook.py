"""The talent notebook runs headless under papermill and shows the model's answers."""

from __future__ import annotations

import nbformat
import papermill
import pytest
from nbtools import outputs_text

from planning.paths import NOTEBOOK_DIR

NOTEBOOK = NOTEBOOK_DIR / "talent_pools.ipynb"


def test_notebook_is_thin_and_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert "scenario = " in tagged[0].source and "overrides = " in tagged[0].source
    assert "data_dir = None" in tagged[0].source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None
            assert "def " not in cell.source and "class " not in cell.source


@pytest.mark.notebook
def test_notebook_runs_headless_with_parameters(tmp_path):
    out = tmp_path / "talent.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"overrides": {"talent.intake_ramp": 0.1, "run.mc_draws": 200}},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    text = outputs_text(nbformat.read(out, as_version=4))
    # With 10 % more intake a year the target is met before the deadline.
    assert "before or at the deadline of Dec 2016" in text
    assert "Across 200 draws of the Monte Carlo simulation" in text
    assert "application/vnd.plotly.v1+json" in text
    assert "Least intake multiplier" in text
    assert "application/vnd.jupyter.widget-view+json" in text
