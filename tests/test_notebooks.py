"""Every notebook is thin: one tagged `parameters` cell of literals, then calls into
`planning`; no `def` or `class`; committed without outputs. (Each notebook's own test file
executes it under papermill.)"""

from __future__ import annotations

import ast

import nbformat
import pytest

from planning.paths import NOTEBOOK_DIR, ROOT

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def test_the_five_notebooks_are_there():
    names = {p.stem for p in NOTEBOOKS}
    assert names == {
        "briefing",
        "talent_pools",
        "training_rotation",
        "venue_construction",
        "workbook",
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_thin_and_clean(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    # The parameters cell holds literals only (papermill overrides them by name).
    for node in ast.parse(tagged[0].source).body:
        assert isinstance(node, ast.Assign), ast.dump(node)
        ast.literal_eval(node.value)
    for cell in code:
        assert not cell.outputs and cell.execution_count is None, "commit without outputs"
        defs = [
            n
            for n in ast.walk(ast.parse(cell.source))
            if isinstance(n, ast.FunctionDef | ast.ClassDef)
        ]
        assert not defs, "logic belongs in the planning package"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_is_executed_by_a_test(path):
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    assert f'"{path.name}"' in tests and "execute_notebook" in tests
