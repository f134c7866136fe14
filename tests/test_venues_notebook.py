"""The venue construction notebook runs headless under papermill and shows the plan."""

from __future__ import annotations

import nbformat
import papermill
import pytest

from planning.paths import NOTEBOOK_DIR

pytestmark = [pytest.mark.notebook, pytest.mark.slow]
NOTEBOOK = NOTEBOOK_DIR / "venue_construction.ipynb"


def test_notebook_is_committed_clean_with_a_parameters_cell():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert "scenario = " in tagged[0].source and "overrides = {}" in tagged[0].source
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert not any(
        line.lstrip().startswith(("def ", "class ")) for c in code for line in c.source.splitlines()
    )


def _stream_text(nb) -> str:
    return "".join(
        o.get("text", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "stream"
    )


def test_notebook_runs_headless_with_overrides(tmp_path):
    out = tmp_path / "venues.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        kernel_name="python3",
        progress_bar=False,
        parameters={"overrides": {"venues.yearly_budget_yuan": 12_000_000}, "language": "en"},
    )
    nb = nbformat.read(out, as_version=4)
    text = _stream_text(nb)
    assert "do not meet the targets" in text or "only in" in text
    assert "Least yearly budget that meets the deadline: 24.3 million yuan" in text
    plotly = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    ]
    assert len(plotly) >= 9
    assert all("text/html" in o["data"] for o in plotly)  # kept by nbconvert's HTML export


def test_notebook_stops_on_a_bad_override(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError, match="yearly_budget_yuan"):
        papermill.execute_notebook(
            str(NOTEBOOK),
            str(tmp_path / "bad.ipynb"),
            kernel_name="python3",
            progress_bar=False,
            parameters={"overrides": {"venues.yearly_budget_yuan": -5}},
        )
