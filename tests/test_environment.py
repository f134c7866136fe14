"""environment.yml mirrors pyproject.toml: same packages, same lower bounds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# conda splits dask[distributed] into two packages.
CONDA_NAMES = {"dask[distributed]": {"dask", "distributed"}}


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
