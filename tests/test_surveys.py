"""Satisfaction surveys (T-satisf): Wilson intervals, the population-weighted city rate, the
assumed yearly change and the status, each on a hand-sized case."""

from __future__ import annotations

import dataclasses
import math

import pytest

from planning.errors import ScenarioError
from planning.models.surveys import Z95, city_rate, survey_satisfaction, wilson_interval
from planning.scenario import load_scenario
from planning.synth import generate
from planning.targets import Results, evaluate_targets


def _wilson_by_hand(p, n, z=1.96):
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return centre - half, centre + half


def test_wilson_interval_against_a_hand_computation():
    # 80 of 100 satisfied: centre (0.8 + 0.019208) / 1.038415 = 0.788914, half 0.077735
    low, high = wilson_interval(0.8, 100, 1.96)
    assert (round(low, 4), round(high, 4)) == (0.7112, 0.8666)
    assert (low, high) == pytest.approx(_wilson_by_hand(0.8, 100))
    assert abs(Z95 - 1.959964) < 1e-6
    # a rate of 1 keeps an interval below 1; never outside 0-1
    low, high = wilson_interval(1.0, 50)
    assert high == pytest.approx(1.0) and low == pytest.approx(50 / (50 + Z95**2))


def test_city_rate_by_hand():
    """Two counties, population 1,000 and 3,000; 80 % of 100 and 90 % of 400 satisfied."""
    rate, low, high, effective = city_rate([0.8, 0.9], [100, 400], [1000, 3000])
    assert rate == pytest.approx(0.25 * 0.8 + 0.75 * 0.9)  # 0.875
    variance = 0.25**2 * 0.8 * 0.2 / 100 + 0.75**2 * 0.9 * 0.1 / 400  # 0.0002265625
    assert effective == pytest.approx(0.875 * 0.125 / variance)  # 482.76
    assert (low, high) == pytest.approx(_wilson_by_hand(0.875, effective, Z95))


def _two_counties(masses, members, n_masses=400, n_members=200, population=(1000, 3000)):
    b = generate("tiny")
    counties = b.counties.assign(
        population=list(population),
        satisfaction=list(masses),
        satisfaction_respondents=[n_masses, n_masses],
        member_satisfaction=list(members),
        member_respondents=[n_members, n_members],
    )
    return dataclasses.replace(b, counties=counties).check()


def test_rates_per_county_and_city_with_the_assumed_change():
    b = _two_counties([0.80, 0.90], [0.85, 0.95])
    s = load_scenario(
        None,
        {
            "targets.satisfaction_change_per_year": 0.01,
            "targets.satisfaction_change_by_county": {"C02": 0.015},
        },
    )
    r = survey_satisfaction(b, s)
    # from the survey (end of 2013) to the end of the horizon (Dec 2018): 5 years
    assert (r.deadline_month, r.years, r.assumed) == (60, 5.0, True)
    masses = r.counties[r.counties["survey"] == "masses"].set_index("county_id")
    # C01: 0.80 + 5 x 0.01; C02: 0.90 + 5 x 0.015 (its own assumption replaces the city's)
    assert masses["rate"].tolist() == pytest.approx([0.85, 0.975])
    assert masses["surveyed"].tolist() == [0.80, 0.90]
    low, high = wilson_interval(0.85, 400)
    assert (masses.loc["C01", "low"], masses.loc["C01", "high"]) == pytest.approx((low, high))
    city = r.rate("masses")
    assert city[0] == pytest.approx(0.25 * 0.85 + 0.75 * 0.975)
    members = r.rate("members")
    assert members[0] == pytest.approx(0.25 * 0.90 + 0.75 * 1.0)  # 0.95 + 0.075 is clipped at 1
    as_surveyed = survey_satisfaction(b, load_scenario())
    assert as_surveyed.assumed is False
    assert as_surveyed.rate("masses")[0] == pytest.approx(0.25 * 0.80 + 0.75 * 0.90)


def test_unknown_county_in_the_assumption_is_refused():
    b = _two_counties([0.8, 0.9], [0.85, 0.95])
    s = load_scenario(None, {"targets.satisfaction_change_by_county": {"C99": 0.01}})
    with pytest.raises(ScenarioError, match="C99"):
        survey_satisfaction(b, s)


def _register(b, s):
    r = Results(s, None, None, None, None, surveys=survey_satisfaction(b, s))
    return evaluate_targets(r).set_index("id").loc["T-satisf"]


@pytest.mark.parametrize(
    ("masses", "members", "status", "reason"),
    [
        # both intervals above 90 %
        ((0.95, 0.96), (0.96, 0.97), "met", ""),
        # the members' interval straddles 90 %: at risk
        ((0.95, 0.96), (0.89, 0.91), "at_risk", "interval"),
        # the masses' interval lies wholly at or below 90 %: missed, whatever the members say
        ((0.80, 0.82), (0.96, 0.97), "missed", ""),
    ],
)
def test_status_from_the_intervals(masses, members, status, reason):
    b = _two_counties(masses, members, n_masses=2000, n_members=2000)
    s = load_scenario()
    row = _register(b, s)
    assert (row["status"], row["reason"]) == (status, reason)
    sv = survey_satisfaction(b, s)
    assert (row["value"], row["low"], row["high"]) == pytest.approx(sv.rate("masses"))
    assert row["members"] == pytest.approx(sv.rate("members")[0])


def test_example_city(example_baseline, default_scenario):
    r = survey_satisfaction(example_baseline, default_scenario)
    c = example_baseline.counties
    w = c["population"] / c["population"].sum()
    rate, low, high = r.rate("masses")
    assert rate == pytest.approx(float((w * c["satisfaction"]).sum()))
    assert low < rate < high
    assert len(r.counties) == 2 * len(c)
    row = _register(example_baseline, default_scenario)
    assert row["status"] == "missed"  # the masses' interval lies below 90 %
    assert high < 0.9
