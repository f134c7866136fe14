"""Planning workbook for strengthening grassroots service-oriented Party organisations.

The public API reads as one family. Verbs: ``load_*`` reads and validates input;
``run_*`` simulates; ``plan_*`` optimises a schedule or a budget; ``seek_*`` finds the
least change that meets a target; ``evaluate_targets`` and ``run_all`` give the target
register. Each model returns one result type (``TalentResult``, ``TrainingPlan``,
``VenuePlan``, ``SubsidyBudget``; goal seeks ``IntakeSeek`` and ``BudgetSeek``). Names are
imported lazily so that ``import planning`` stays fast and free of side effects.

>>> from planning import load_baseline, load_scenario, run_talent
>>> baseline, scenario = load_baseline(), load_scenario("baseline")
>>> run_talent(baseline, scenario).target.threshold
10000
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .errors import DataError, PlanningError, Problem, ScenarioError, UsageError

try:
    __version__ = version("planning")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

_LAZY = {
    # input
    "load_baseline": "planning.data",
    "Baseline": "planning.data",
    "load_scenario": "planning.scenario",
    "Scenario": "planning.scenario",
    # models and their results
    "run_talent": "planning.models.talent",
    "TalentResult": "planning.models.talent",
    "seek_intake": "planning.models.talent",
    "IntakeSeek": "planning.models.talent",
    "plan_training": "planning.models.training",
    "TrainingPlan": "planning.models.training",
    "Diagnosis": "planning.models.training",
    "plan_venues": "planning.models.venues",
    "VenuePlan": "planning.models.venues",
    "seek_venue_budget": "planning.models.venues",
    "BudgetSeek": "planning.models.venues",
    "plan_subsidies": "planning.models.subsidies",
    "SubsidyBudget": "planning.models.subsidies",
    # the register
    "evaluate_targets": "planning.targets",
    "run_all": "planning.targets",
    "Results": "planning.targets",
    # the progress ledger
    "load_ledger": "planning.ledger",
    "Ledger": "planning.ledger",
    "LedgerState": "planning.ledger",
    # what people see
    "Workbook": "planning.panel",
    "export_html": "planning.briefing",
    "run_batch": "planning.batch",
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
