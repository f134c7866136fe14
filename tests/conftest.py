"""Shared fixtures. Heavy objects are built once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def example_baseline():
    """The bundled Example City, loaded and validated through the public loader."""
    from planning import load_baseline

    return load_baseline()


@pytest.fixture(scope="session")
def default_scenario():
    """The baseline scenario file."""
    from planning import load_scenario

    return load_scenario("baseline")
