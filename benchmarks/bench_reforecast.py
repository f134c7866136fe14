"""The whole mid-plan review of the Example City as of 2015-06 from its bundled returns.

- the re-forecast (talent with calibration, training re-solve, venue re-plan), the models
  the issue's target of 1 s at city scale counts;
- ``run_all(ledger=...)``: every model and the register;
- the review the briefing and the Progress tab show: the plan, the re-forecast, the series,
  the county register, league, catch-up and grades.

The province has no returns and its training programme alone takes minutes to solve
(``bench_training.py``), so the province re-forecast is measured per model in
``bench_reforecast_talent.py`` and ``bench_reforecast_plans.py``.
"""

from __future__ import annotations

from bench_reforecast_talent import AS_OF, _city
from common import Bench

from planning.models.talent import run_talent
from planning.models.training import plan_training
from planning.models.venues import plan_venues
from planning.review import review
from planning.scenario import load_scenario
from planning.targets import run_all


def benchmarks() -> list[Bench]:
    scenario = load_scenario("baseline")
    baseline, ledger = _city()

    def reforecast():
        state = ledger.as_of(AS_OF)
        run_talent(baseline, scenario, ledger=state)
        plan_training(baseline, scenario, ledger=state, diagnose=False)
        plan_venues(baseline, scenario, ledger=state)

    def whole_review():
        rv = review(baseline, scenario, ledger, AS_OF)
        rv.counties(scenario.run.language)
        return rv

    def note() -> str:
        rv = whole_review()
        s = rv.forecast.seconds
        return ", ".join(f"{k} {v:.2f} s" for k, v in s.items() if v >= 0.01)

    return [
        Bench("review: city re-forecast (talent, training, venues)", reforecast, 1.0, repeats=5),
        Bench(
            "review: city run_all from the ledger",
            lambda: run_all(baseline, scenario, ledger=ledger, as_of=AS_OF),
            None,
            repeats=5,
            note=note,
        ),
        Bench("review: city, whole review with counties", whole_review, None, repeats=3),
    ]
