"""Training rotation scheduler: solve time at city and province scale, and the optimality gap.

The gap compares the plan's cost with the linear-programming lower bound of the same cost
stage (deadlines held): 0 % means the integer plan costs no more than the relaxation.
"""

from __future__ import annotations

from functools import cache

from common import Bench

from planning.models.training import plan_training
from planning.scenario import load_scenario


@cache
def _inputs(scale: str):
    from planning.synth import generate

    return generate(scale), load_scenario("baseline")


@cache
def _impossible():
    from pathlib import Path

    from planning.synth import generate

    path = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "training_impossible.yaml"
    return generate("city"), load_scenario(path)


def _note(scale: str) -> str:
    b, s = _inputs(scale)
    p = plan_training(b, s, diagnose=False, lp_bound=True)
    sm = p.summary
    lp = sm["lp_cost_bound_yuan"]
    gap = (sm["cost_yuan"] - lp) / lp if lp else 0.0
    return (
        f"{sm['variables']} vars, {sm['constraints']} rows, {sm['trained']} trained, "
        f"{sm['classes']} classes, cost {sm['cost_yuan']:,.0f} yuan, "
        f"LP bound {lp:,.0f}, gap {gap:.3%}, feasible={p.feasible}"
    )


def _diag_note() -> str:
    b, s = _impossible()
    d = plan_training(b, s).diagnosis
    return f"shortfall {d.shortfall}; fixes: {', '.join(d.binding) or 'none'}"


def benchmarks() -> list[Bench]:
    """Median solve times; targets from the training issue (2-core machine)."""
    city, province = _inputs("city"), _inputs("province")
    return [
        Bench(
            "training: plan, city (1,336 secretaries)",
            lambda: plan_training(*city, diagnose=False),
            target_s=0.5,
            repeats=7,
            note=lambda: _note("city"),
        ),
        Bench(
            "training: plan, province (9,050 secretaries)",
            lambda: plan_training(*province, diagnose=False),
            target_s=10.0,
            repeats=3,
            note=lambda: _note("province"),
        ),
        Bench(
            "training: impossible city scenario + diagnosis",
            lambda: plan_training(*_impossible()),
            target_s=None,
            repeats=3,
            note=_diag_note,
        ),
    ]
