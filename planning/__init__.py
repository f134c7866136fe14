"""Planning workbook for strengthening grassroots service-oriented Party organisations.

The public API is small and explicit; names are imported lazily so that ``import planning``
stays fast and free of side effects.

>>> from planning import load_baseline, load_scenario
>>> baseline, scenario = load_baseline(), load_scenario("baseline")
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .errors import DataError, PlanningError, Problem, ScenarioError, UsageError

__version__ = "0.1.0"

_LAZY = {
    "load_baseline": "planning.data",
    "Baseline": "planning.data",
    "load_scenario": "planning.scenario",
    "Scenario": "planning.scenario",
    "run_talent": "planning.models.talent",
    "plan_training": "planning.models.training",
    "plan_venues": "planning.models.venues",
    "budget_subsidies": "planning.models.subsidies",
    "evaluate_targets": "planning.targets",
    "run_all": "planning.targets",
}

__all__ = [
    "DataError",
    "PlanningError",
    "Problem",
    "ScenarioError",
    "UsageError",
    "__version__",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'planning' has no attribute '{name}'")
    return getattr(import_module(mod), name)


def __dir__() -> list[str]:
    return sorted(__all__)
