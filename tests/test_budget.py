"""Fiscal roll-up and the Excel export of plan tables."""

from __future__ import annotations

import os
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest

from planning.budget import (
    PROGRAMMES,
    fiscal_rollup,
    new_by_level,
    rollup_by_year,
    write_plan_workbook,
)
from planning.errors import UsageError
from planning.models.subsidies import plan_subsidies
from planning.models.venues import plan_venues


@pytest.fixture(scope="module")
def results(example_baseline, default_scenario):
    return (
        plan_venues(example_baseline, default_scenario),
        plan_subsidies(example_baseline, default_scenario),
    )


def test_rollup_adds_up_each_programme(results):
    venues, subsidies = results
    roll = fiscal_rollup(venues, subsidies)
    assert list(roll.columns) == [
        "year",
        "county_id",
        "programme",
        "level",
        "funding",
        "spending_yuan",
    ]
    total = roll.groupby("programme")["spending_yuan"].sum()
    assert total["community_venues"] == pytest.approx(venues.spending["spent_yuan"].sum())
    assert total["village_rooms"] == pytest.approx(venues.village_spending["spent_yuan"].sum())
    assert total["basic_subsidy"] == pytest.approx(subsidies.yearly["basic_yuan"].sum())
    assert total["performance_subsidy"] == pytest.approx(
        subsidies.yearly["performance_paid_yuan"].sum()
    )
    c01 = roll.query("year == 2014 and county_id == 'C01' and programme == 'community_venues'")
    expected = venues.spending.query("year == 2014 and county_id == 'C01'")["spent_yuan"]
    assert c01["spending_yuan"].item() == pytest.approx(expected.item())
    wide = rollup_by_year(roll)
    assert wide["total_yuan"].sum() == pytest.approx(roll["spending_yuan"].sum())
    assert list(wide.columns)[1:6] == [p for p in PROGRAMMES if p != "training"] + ["total_yuan"]
    levels = wide[["new_city_yuan", "new_county_yuan", "new_township_yuan"]].sum(axis=1)
    assert levels.to_numpy() == pytest.approx(wide["new_yuan"].to_numpy())
    assert (wide["new_yuan"] + wide["existing_yuan"]).to_numpy() == pytest.approx(
        wide["total_yuan"].to_numpy()
    )
    # The existing spending is the secretaries' pay before the plan, every year the same.
    assert wide["existing_yuan"].to_numpy() == pytest.approx(
        subsidies.yearly.groupby("year")["basic_existing_yuan"].sum().to_numpy()
    )


def test_every_row_carries_who_pays_and_whether_it_is_new_by_hand():
    """Hand-sized results: venues paid by the city, village rooms by the counties, training
    by the townships (as a scenario may set); the basic subsidy by the county, its part
    already paid before the plan apart; the performance subsidy by the township."""
    venues = SimpleNamespace(
        spending=pd.DataFrame(
            {"year": [2014, 2014], "county_id": ["C01", "C02"], "spent_yuan": [100.0, 50.0]}
        ),
        village_spending=pd.DataFrame({"year": [2014], "county_id": ["C01"], "spent_yuan": [30.0]}),
        paid_by="city",
        village_paid_by="county",
    )
    subsidies = SimpleNamespace(
        yearly=pd.DataFrame(
            {
                "year": [2014, 2015],
                "county_id": ["C01", "C01"],
                "basic_yuan": [120.0, 130.0],
                "basic_existing_yuan": [80.0, 80.0],
                "performance_paid_yuan": [0.0, 12.0],
            }
        )
    )
    cost = pd.DataFrame({"year": [2014], "trainees": [2], "cost_yuan": [40.0]})
    training = SimpleNamespace(cost=cost, paid_by="township")
    roll = fiscal_rollup(venues, subsidies, training)
    by = roll.groupby(["programme", "level", "funding"])["spending_yuan"].sum().to_dict()
    assert by == {
        ("basic_subsidy", "county", "existing"): 160.0,
        ("basic_subsidy", "county", "new"): 90.0,  # 40 + 50 above the old pay
        ("community_venues", "city", "new"): 150.0,
        ("performance_subsidy", "township", "new"): 12.0,
        ("training", "township", "new"): 40.0,
        ("village_rooms", "county", "new"): 30.0,
    }
    # New spending: city 150; counties 30 + 90 = 120; townships 12 + 40 = 52.
    assert new_by_level(roll) == {"city": 150.0, "county": 120.0, "township": 52.0}
    wide = rollup_by_year(roll).set_index("year")
    # 2014: 100 + 50 + 30 + 120 + 40 = 340, of it 80 already paid.
    assert wide.loc[2014, ["total_yuan", "new_yuan", "existing_yuan"]].tolist() == [340, 260, 80]
    assert wide.loc[2014, ["new_city_yuan", "new_county_yuan", "new_township_yuan"]].tolist() == [
        150,
        70,
        40,
    ]
    # 2015: basic 130 (80 of it already paid) + performance 12.
    assert wide.loc[2015, ["total_yuan", "new_county_yuan", "new_township_yuan"]].tolist() == [
        142,
        50,
        12,
    ]
    assert wide.loc[2015, "new_city_yuan"] == 0
    # Without payers on the results, the scenario's defaults apply: training and community
    # venues by the city, village rooms by the counties.
    bare = fiscal_rollup(
        SimpleNamespace(spending=venues.spending, village_spending=venues.village_spending),
        training=SimpleNamespace(cost=cost),
    )
    assert new_by_level(bare) == {"city": 190.0, "county": 30.0, "township": 0.0}


def test_payers_follow_the_scenario(example_baseline, default_scenario):
    s = default_scenario.with_overrides(
        {"venues.paid_by": "county", "venues.village_paid_by": "township"}
    )
    venues = plan_venues(example_baseline, s)
    roll = fiscal_rollup(venues)
    assert set(roll.loc[roll["programme"] == "community_venues", "level"]) == {"county"}
    assert set(roll.loc[roll["programme"] == "village_rooms", "level"]) == {"township"}
    assert new_by_level(roll)["city"] == 0


def test_rollup_reads_a_training_plan_with_or_without_county_split():
    cost = pd.DataFrame({"year": [2014, 2015], "trainees": [3, 1], "cost_yuan": [300.0, 100.0]})
    seats = pd.DataFrame(
        {
            "month": [1, 11, 13],
            "county_id": ["C01", "C02", "C01"],
            "seats": [1, 2, 1],
            "cost_yuan": [100.0, 200.0, 100.0],
        }
    )
    split = fiscal_rollup(training=SimpleNamespace(cost=cost, seats=seats))
    assert split.set_index(["year", "county_id"])["spending_yuan"].to_dict() == {
        (2014, "C01"): 100.0,
        (2014, "C02"): 200.0,
        (2015, "C01"): 100.0,
    }
    whole = fiscal_rollup(training=SimpleNamespace(cost=cost))
    assert whole["county_id"].eq("city").all() and whole["spending_yuan"].sum() == 400.0
    with pytest.raises(UsageError, match="training"):
        fiscal_rollup(training=SimpleNamespace(cost=pd.DataFrame({"x": [1]})))
    assert fiscal_rollup().empty


def test_rollup_with_the_real_training_plan(example_baseline, default_scenario):
    from planning.models.training import plan_training

    tp = plan_training(example_baseline, default_scenario, diagnose=False)
    roll = fiscal_rollup(training=tp)
    assert roll["spending_yuan"].sum() == pytest.approx(tp.cost["cost_yuan"].sum())
    assert set(roll["county_id"]) <= set(example_baseline.county_ids)


def test_workbook_has_every_table_and_replaces_atomically(results, tmp_path):
    venues, subsidies = results
    roll = fiscal_rollup(venues, subsidies)
    path = tmp_path / "plan.xlsx"
    path.write_text("old")
    out = write_plan_workbook(path, venues=venues, subsidies=subsidies, rollup=roll)
    assert out == path and os.listdir(tmp_path) == ["plan.xlsx"]
    wb = openpyxl.load_workbook(path, read_only=True)
    assert {"summary", "venues_communities", "venues_mix", "subsidies_compliance", "rollup"} <= set(
        wb.sheetnames
    )
    back = pd.read_excel(path, sheet_name="venues_communities")
    assert len(back) == len(venues.communities)
    assert back["cost_yuan"].sum() == pytest.approx(venues.communities["cost_yuan"].sum())
    summary = pd.read_excel(path, sheet_name="summary")
    row = summary.query("result == 'venues' and item == 'feasible'")
    assert str(row["value"].item()) == str(venues.feasible)


def test_workbook_rejects_bad_input_and_leaves_no_file(tmp_path):
    with pytest.raises(UsageError, match="expected a DataFrame"):
        write_plan_workbook(tmp_path / "x.xlsx", venues=42)
    with pytest.raises(UsageError, match="folder does not exist"):
        write_plan_workbook(tmp_path / "nope" / "x.xlsx", t=pd.DataFrame())
    assert os.listdir(tmp_path) == []
