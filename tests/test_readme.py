"""The README's table of what the bundled scenarios show is computed, not written by hand:
this test recomputes every number it quotes, so the README cannot drift from the models."""

from __future__ import annotations

import pandas as pd
import pytest

from planning import load_scenario, plan_training, plan_venues, run_talent
from planning.models.talent import seek_intake
from planning.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _row(name: str) -> str:
    (line,) = [
        x for x in README.splitlines() if x.startswith(f"| `{name}` |") and x.count("|") == 5
    ]
    return line


def _month(period) -> str:
    return period.strftime("%b %Y")


@pytest.mark.parametrize("name", ["baseline", "fast_recruitment"])
def test_talent_columns(example_baseline, name):
    s = load_scenario(name)
    tg = run_talent(example_baseline, s).target
    row = _row(name)
    assert f"{tg.value_at_deadline:,.0f}" in row
    assert f"passed in {_month(tg.first_met)}" in row
    assert f"probability {100 * tg.probability:.0f} %" in row


def test_baseline_goal_seek_and_training(example_baseline):
    s = load_scenario("baseline")
    seek = seek_intake(example_baseline, s)
    row = _row("baseline")
    assert f"+{100 * (seek.multiplier - 1):.1f} % intake would do" in row
    plan = plan_training(example_baseline, s)
    assert plan.feasible
    cost = plan.classes["cost_yuan"].sum() / 1e6
    assert f"all, {len(plan.classes)} classes, {cost:.1f} million yuan" in row


@pytest.mark.parametrize("name", ["baseline", "fast_recruitment", "tight_budget"])
def test_venue_column(example_baseline, name):
    s = load_scenario(name)
    plan = plan_venues(example_baseline, s)
    met = _month(pd.Period(f"{s.run.start_year}-01", "M") + (plan.met_month - 1))
    expected = f"met in {met}" if plan.feasible else f"not met; met in {met}"
    assert _row(name).rstrip(" |").endswith(expected)


def test_tight_budget_training_diagnosis(example_baseline):
    from planning.present import money_at_least

    plan = plan_training(example_baseline, load_scenario("tight_budget"))
    assert not plan.feasible
    d = plan.diagnosis
    budget = {f.limit: f for f in d.fixes}["budget"].proposed
    months = {f.limit: f for f in d.fixes}["deadline"].proposed
    words = {1: "one month", 2: "two months", 3: "three months"}[months]
    row = _row("tight_budget")
    assert f"{d.shortfall} short" in row
    # the README reads like the app: the least budget rounded up to the digits shown
    assert f"raise the yearly budget to {money_at_least(budget, 'en')}" in row
    assert f"extend by {words}" in row


@pytest.mark.parametrize("name", ["baseline", "fast_recruitment", "tight_budget"])
def test_register_counts(example_baseline, name):
    from planning.catalogue import headline_counts
    from planning.targets import run_all

    n = headline_counts(run_all(example_baseline, load_scenario(name)).register)
    (line,) = [
        x for x in README.splitlines() if x.startswith(f"| `{name}` | ") and x.count("|") == 6
    ]
    cells = [c.strip() for c in line.strip("|").split("|")][1:]
    assert cells == [str(n[k]) for k in ("met", "at_risk", "missed", "guaranteed")]


def test_mid_plan_review_table(example_baseline, example_ledger):
    """The README's mid-plan review table, recomputed from the bundled returns."""
    from planning.present import number, share
    from planning.review import review

    rv = review(example_baseline, load_scenario("baseline"), example_ledger, "2015-06")
    assert "50 returns from 10 counties" in rv.lead("en") and "50 returns" in README
    reported = rv.actual.query("indicator == 'talent'").iloc[-1]
    row = [x for x in README.splitlines() if x.startswith("| reserve talents at the end of")][0]
    assert f"| {number(rv.plan.talent.city_total.loc['2015-03'])} |" in row
    assert f"| {number(reported['value'])} (reported) |" in row
    row = [x for x in README.splitlines() if x.startswith("| chance of more than 10,000")][0]
    plan_p = rv.plan.register.set_index("id").loc["T-talent", "probability"]
    now_p = rv.forecast.register.set_index("id").loc["T-talent", "probability"]
    assert row.endswith(f"| {share(plan_p)} | {share(now_p)} |")
    league = rv.counties("en").league
    first, last = league.iloc[0], league.iloc[-1]
    row = [x for x in README.splitlines() if x.startswith("| league table |")][0]
    assert f"1. {first['county']} ({first['score_text']})" in row
    assert f"10. {last['county']} ({last['score_text']})" in row
    row = [x for x in README.splitlines() if x.startswith("| lagging counties' catch-up")][0]
    assert row.endswith(f"| {len(rv.counties('en').catch_up)} |")
    # By Dec 2016 (the talent model's own deadline): plan and calibrated re-forecast.
    dec = f"from {share(rv.plan.talent.target.probability)} to "
    assert dec + f"{share(rv.forecast.talent.target.probability)}" in README.replace("\n", " ")
