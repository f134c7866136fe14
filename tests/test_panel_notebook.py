"""The workbook notebook runs headless under papermill; the briefing export from the panel."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from planning.paths import NOTEBOOK_DIR

WORKBOOK = NOTEBOOK_DIR / "workbook.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_workbook_notebook_is_thin_and_stored_without_outputs():
    import nbformat

    nb = nbformat.read(WORKBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].metadata.get("tags") == ["parameters"]
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None
        assert "def " not in cell.source and "class " not in cell.source
    # the parameters cell holds literals only
    params: dict = {}
    exec(code[0].source, {}, params)  # noqa: S102 - our own literal cell
    assert params == {"scenario": "baseline", "data_dir": None, "language": "en"}


@pytest.mark.notebook
@pytest.mark.slow
def test_workbook_notebook_runs_headless_under_papermill(tmp_path):
    import papermill

    out = tmp_path / "workbook.ipynb"
    nb = papermill.execute_notebook(
        str(WORKBOOK),
        str(out),
        parameters={"scenario": "fast_recruitment", "language": "zh"},
        kernel_name="python3",
        cwd=str(NOTEBOOK_DIR),
        progress_bar=False,
    )
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    views = [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
    assert len(views) == 1, "the workbook is displayed once, as a widget"
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    texts = json.dumps(state.get("state", {}), ensure_ascii=False)
    if state:  # papermill stores the widget state: the UI was built in Chinese
        assert "后备人才" in texts


@pytest.mark.notebook
@pytest.mark.slow
def test_export_briefing_writes_html_for_the_current_settings(example_baseline, tmp_path):
    from planning.panel import Workbook

    wb = Workbook(baseline=example_baseline, reports_dir=tmp_path / "reports")
    wb.set("talent.intake_fill_rate", 1.1)
    path = wb.export_briefing()
    assert path is not None, wb.bar_message.value
    assert path.name == "briefing.html" and path.parent.name.startswith("baseline_edited_")
    assert path.is_relative_to(tmp_path / "reports" / "workbook")
    html = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=[\"']https?:", html)  # opens offline
    assert len(html) > 1_000_000  # plotly.js inline, once
    assert "Briefing ready" in wb.bar_message.value and "href=" in wb.bar_message.value
    saved = Path(path.parents[1]) / ".scenarios" / f"{path.parent.name}.yaml"
    from planning.scenario import load_scenario

    edited = load_scenario(saved)
    assert edited.talent.intake_fill_rate == 1.1 and edited.based_on == "baseline"
    # The briefing says what was changed from the scenario it started from, in words.
    text = re.sub(r"<[^>]+>", " ", html)
    assert "Settings changed from" in text and "Intake fill rate" in text
    head = text[: text.index("Executive summary")]
    assert "110 %" in head and "_edited_" not in head  # the file name only in the appendix


def test_briefing_link_inside_voila_uses_the_app_file_url(monkeypatch):
    from planning.panel import briefing_href
    from planning.paths import ROOT

    path = ROOT / "reports" / "workbook" / "x" / "briefing.html"
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    monkeypatch.setenv("PLANNING_APP_ROOT", str(ROOT))
    assert briefing_href(path) == "/voila/files/reports/workbook/x/briefing.html"
    monkeypatch.delenv("VOILA_BASE_URL")
    assert briefing_href(path) == "../reports/workbook/x/briefing.html"
