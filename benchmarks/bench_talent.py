"""Reserve-talent model: one evaluation (city, province), 1,000 Monte Carlo draws, goal seek.

Targets on a 2-core machine: city <= 10 ms, province <= 50 ms, 1,000 draws <= 1 s, goal
seek <= 0.3 s. "Evaluation" is a full :func:`run_talent` without Monte Carlo: pools, the
target, vacancies and appointments, the degree pipeline, social workers, key secretaries and
every tidy frame.
"""

from __future__ import annotations

from functools import cache

from common import Bench

from planning.models.talent import central_rates, prepare, run_talent, seek_intake, simulate
from planning.scenario import load_scenario
from planning.synth import generate


@cache
def _data():
    city, province = generate("city"), generate("province")
    scenario = load_scenario("baseline")
    return city, province, scenario


def benchmarks() -> list[Bench]:
    city, province, scenario = _data()
    plain = scenario.with_overrides({"run.mc_draws": 0})
    mc = scenario.with_overrides({"run.mc_draws": 1000})
    inp = prepare(city, plain)
    rates = central_rates(plain.talent)
    counties = len(city.counties)

    def note_city() -> str:
        r = run_talent(city, plain)
        return f"{counties} counties x 3 pools x {plain.run.months} months; 10,000 in {r.target.first_met}"

    def note_mc() -> str:
        p = run_talent(city, mc).target.probability
        return f"P(meet by deadline) = {p:.1%}"

    def note_seek() -> str:
        s = seek_intake(city, plain)
        return (
            f"x{s.multiplier:.4f} or +{s.extra_per_county_per_year}/county/yr; {s.evaluations} runs"
        )

    return [
        Bench(
            "talent: pools only, city (1 run)",
            lambda: simulate(inp, rates),
            None,
            repeats=21,
            note="numpy stock-flow, 10 counties",
        ),  # fmt: skip
        Bench(
            "talent: evaluation, city",
            lambda: run_talent(city, plain),
            0.010,
            repeats=15,
            note=note_city,
        ),  # fmt: skip
        Bench(
            "talent: evaluation, province",
            lambda: run_talent(province, plain),
            0.050,
            repeats=7,
            note=f"{len(province.counties)} counties, {len(province.communities)} communities",
        ),  # fmt: skip
        Bench(
            "talent: 1,000 Monte Carlo draws, city",
            lambda: run_talent(city, mc),
            1.0,
            repeats=5,
            note=note_mc,
        ),  # fmt: skip
        Bench(
            "talent: goal seek, city",
            lambda: seek_intake(city, plain),
            0.3,
            repeats=5,
            note=note_seek,
        ),  # fmt: skip
        Bench(
            "talent: goal seek for 80 % of 1,000 draws, city",
            lambda: seek_intake(city, mc, probability=0.8),
            None,
            repeats=3,
            note=lambda: (
                f"x{seek_intake(city, mc, probability=0.8).multiplier_for_probability:.4f}"
            ),
        ),  # fmt: skip
    ]
