"""Venue plan, least-budget search and subsidy budget at city and province scale."""

from __future__ import annotations

from common import Bench

from planning.models.subsidies import plan_subsidies
from planning.models.venues import plan_venues, seek_venue_budget
from planning.scenario import Scenario
from planning.synth import generate


def benchmarks() -> list[Bench]:
    city, province, scenario = generate("city"), generate("province"), Scenario()

    def city_note() -> str:
        p = plan_venues(city, scenario)
        return (
            f"{int(p.communities['project'].sum())} community + {int(p.villages['project'].sum())} village "
            f"projects; met month {p.met_month}"
        )

    def province_note() -> str:
        p = plan_venues(province, scenario)
        return (
            f"{len(p.communities)} communities, {int(p.communities['project'].sum())} "
            f"projects, {int(p.villages['project'].sum())} village projects"
        )

    return [
        Bench(
            "venues: plan, city (168 communities)",
            lambda: plan_venues(city, scenario),
            target_s=0.2,
            note=city_note,
        ),
        Bench(
            "venues: plan, province (3,755 communities)",
            lambda: plan_venues(province, scenario),
            target_s=5.0,
            repeats=3,
            note=province_note,
        ),
        Bench(
            "venues: least budget, city",
            lambda: seek_venue_budget(city, scenario),
            target_s=None,
            repeats=3,
        ),
        Bench(
            "subsidies: budget, province",
            lambda: plan_subsidies(province, scenario),
            target_s=None,
            repeats=3,
        ),
    ]
