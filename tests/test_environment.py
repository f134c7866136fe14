"""environment.yml mirrors pyproject.toml (same packages, same lower bounds), and
constraints.txt pins every one of them to a version within those bounds."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

# conda splits dask[distributed] into two packages; its psycopg ships the binary part.
CONDA_NAMES = {"dask[distributed]": {"dask", "distributed"}, "psycopg[binary]": {"psycopg"}}


def _split(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+(?:\[[^\]]+\])?)\s*(.*)$", req)
    assert m, req
    return m.group(1).lower(), m.group(2).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(meta["dependencies"])
    for extra in meta["optional-dependencies"].values():
        reqs += extra
    out: dict[str, str] = {}
    for r in reqs:
        name, spec = _split(r)
        for n in CONDA_NAMES.get(name, {name}):
            out[n] = spec
    return out


def environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict) or dep.startswith(("python=", "pip")):
            continue
        name, spec = _split(dep)
        out[name] = spec
    return out


def test_same_packages_and_bounds():
    assert environment_requirements() == pyproject_requirements()


def test_python_version_agrees():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "python=3.11" in env["dependencies"]
    assert meta["requires-python"].startswith(">=3.11")


def test_dask_bounds_mirror_the_extra():
    # The extra's single requirement must appear as both conda packages, same bound.
    env = environment_requirements()
    assert env["dask"] == env["distributed"] == pyproject_requirements()["dask"]


# --------------------------------------------------------------------- pinned versions


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def constraint_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep and version, f"constraints.txt: {line!r} is not NAME==VERSION"
        pins[_norm(name)] = version
    return pins


def test_constraints_pin_every_dependency_within_its_bounds():
    from packaging.specifiers import SpecifierSet

    pins = constraint_pins()
    for name, spec in pyproject_requirements().items():
        base = _norm(name.split("[")[0])
        assert base in pins, f"{name} is not pinned in constraints.txt; run make lock"
        assert pins[base] in SpecifierSet(spec), f"{name}: pinned {pins[base]}, needs {spec}"


def test_make_installs_from_the_constraints():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(STAMP): pyproject.toml constraints.txt\n" in makefile
    assert "pip install --quiet -c constraints.txt -e '.[dev,dask]'" in makefile
    assert "\nlock:\n" in makefile


@pytest.mark.skipif(
    Path(sys.prefix).resolve() != (ROOT / ".venv").resolve(),
    reason="checks the project's own .venv, which make builds from constraints.txt",
)
def test_installed_versions_are_the_pinned_ones():
    from importlib.metadata import PackageNotFoundError, version

    wrong = {}
    for name, pinned in constraint_pins().items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed != pinned:
            wrong[name] = (pinned, installed)
    assert wrong == {}, "rebuild .venv (make .venv/.installed) or refresh with make lock"
