"""Fiscal roll-up and the Excel export of plan tables."""

from __future__ import annotations

import os
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest

from planning.budget import PROGRAMMES, fiscal_rollup, rollup_by_year, write_plan_workbook
from planning.errors import UsageError
from planning.models.subsidies import budget_subsidies
from planning.models.venues import plan_venues


@pytest.fixture(scope="module")
def results(example_baseline, default_scenario):
    return (
        plan_venues(example_baseline, default_scenario),
        budget_subsidies(example_baseline, default_scenario),
    )


def test_rollup_adds_up_each_programme(results):
    venues, subsidies = results
    roll = fiscal_rollup(venues, subsidies)
    assert list(roll.columns) == ["year", "county_id", "programme", "spending_yuan"]
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
    assert list(wide.columns)[1:-1] == [p for p in PROGRAMMES if p != "training"]


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
    assert str(row["value"].item()) == "True"


def test_workbook_rejects_bad_input_and_leaves_no_file(tmp_path):
    with pytest.raises(UsageError, match="expected a DataFrame"):
        write_plan_workbook(tmp_path / "x.xlsx", venues=42)
    with pytest.raises(UsageError, match="folder does not exist"):
        write_plan_workbook(tmp_path / "nope" / "x.xlsx", t=pd.DataFrame())
    assert os.listdir(tmp_path) == []
