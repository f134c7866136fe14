"""The public API: one family of names, the version from the package metadata, and every
Python example of the documentation kept running."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest

import planning

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
VERBS = ("load_", "run_", "plan_", "seek_", "evaluate_", "export_")


def test_version_comes_from_the_package_metadata():
    assert planning.__version__ == version("planning")


def test_every_public_name_resolves_and_reads_as_one_family():
    for name in planning.__all__:
        obj = getattr(planning, name)
        assert obj is not None, name
        if callable(obj) and name[0].islower() and name != "__version__":
            assert name.startswith(VERBS), f"{name}: not one of the verbs {VERBS}"
    for result in ("TalentResult", "TrainingPlan", "VenuePlan", "SubsidyBudget"):
        assert result in planning.__all__
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = planning.nothing


def test_model_functions_return_their_result_types(example_baseline):
    s = planning.load_scenario("baseline")
    assert isinstance(planning.run_talent(example_baseline, s), planning.TalentResult)
    assert isinstance(planning.plan_venues(example_baseline, s), planning.VenuePlan)
    assert isinstance(planning.plan_subsidies(example_baseline, s), planning.SubsidyBudget)
    assert isinstance(planning.seek_intake(example_baseline, s), planning.IntakeSeek)


def _examples() -> list[tuple[str, int, str]]:
    out = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"```python\n(.*?)```", text, re.S):
            line = text[: m.start()].count("\n") + 2
            out.append((path.name, line, m.group(1)))
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("doc", "line", "code"), _examples(), ids=lambda x: str(x)[:30])
def test_documentation_examples_run(doc, line, code, tmp_path, monkeypatch):
    """Each ```python block runs as written, in a scratch folder (files it writes land there)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    compiled = compile(code, f"{doc}:{line}", "exec")
    exec(compiled, {"__name__": "__doc_example__"})  # noqa: S102 - our own documentation


def test_there_are_examples_to_run():
    assert len(_examples()) >= 6
