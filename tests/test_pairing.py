"""Pairing of agency cadres with poor households (T-poor), on hand-sized ledgers."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from planning.models.pairing import pairing_coverage
from planning.scenario import load_scenario
from planning.synth import generate
from planning.targets import Results, evaluate_targets


def _ledger(rows):
    b = generate("tiny")
    frame = pd.DataFrame(rows, columns=["cadre_id", "county_id", "poor_households", "paired_from"])
    return dataclasses.replace(b, agency_cadres=frame).check()


LEDGER = [
    ("A1", "C01", 2, "2013-11"),  # before the plan
    ("A2", "C01", 1, "2014-04"),
    ("A3", "C02", 3, "2014-12"),  # in the deadline month
    ("A4", "C02", 1, "2015-02"),  # after the deadline
    ("A5", "C02", 0, ""),  # not paired
]


def test_coverage_by_hand():
    b = _ledger(LEDGER)
    s = load_scenario()
    r = pairing_coverage(b, s)
    cov = r.coverage.set_index("month")["share"]
    assert cov.loc[0] == 1 / 5  # A1, before the plan
    assert cov.loc[3] == 1 / 5 and cov.loc[4] == 2 / 5  # A2 from Apr 2014
    assert cov.loc[12] == 3 / 5  # A3 in Dec 2014: by the end of the month
    assert cov.loc[14] == 4 / 5 and cov.loc[24] == 4 / 5  # A5 never
    assert r.coverage.set_index("month").loc[12, "date"] == pd.Period("2014-12", "M")
    assert (r.cadres, r.households) == (5, 7)
    c = r.counties.set_index("county_id")
    assert c.loc["C01", ["cadres", "paired_by_deadline", "never_paired"]].tolist() == [2, 2, 0]
    assert c.loc["C02", ["cadres", "paired_by_deadline", "never_paired"]].tolist() == [3, 1, 1]
    assert c.loc["C02", "share_by_deadline"] == pytest.approx(1 / 3)


def _t_poor(b, s):
    r = Results(s, None, None, None, None, pairing=pairing_coverage(b, s))
    return evaluate_targets(r).set_index("id").loc["T-poor"]


def test_register_row_by_hand():
    s = load_scenario()
    row = _t_poor(_ledger(LEDGER), s)
    assert row["deadline"] == pd.Period("2014-12", "M")
    assert (row["value"], row["status"]) == (pytest.approx(0.6), "missed")
    assert pd.isna(row["first_met"])  # A5 is never paired
    done = [r if r[0] != "A5" else ("A5", "C02", 1, "2014-06") for r in LEDGER if r[0] != "A4"]
    row = _t_poor(_ledger(done), s)
    # everyone paired by Dec 2014, the last one in that very month: just in time
    assert (row["value"], row["first_met_month"], row["status"], row["reason"]) == (
        1.0,
        12,
        "at_risk",
        "just_in_time",
    )
    early = [(c, k, h, m if m != "2014-12" else "2014-09") for c, k, h, m in done]
    row = _t_poor(_ledger(early), s)
    assert (row["status"], row["months_to_spare"]) == ("met", 3)


def test_an_empty_ledger_is_not_judged():
    """Loaded data always hold a row; a Baseline built in memory may not."""
    s = load_scenario()
    empty = generate("tiny").agency_cadres.iloc[:0]
    b = dataclasses.replace(generate("tiny"), agency_cadres=empty)
    row = _t_poor(b, s)
    assert (row["status"], row["reason"]) == ("tracked", "no_data")


def test_example_city(example_baseline, default_scenario):
    r = pairing_coverage(example_baseline, default_scenario)
    a = example_baseline.agency_cadres
    by_deadline = ((a["paired_from"] != "") & (a["paired_from"] <= "2014-12")).mean()
    assert r.share_at(12) == pytest.approx(by_deadline)
    assert r.cadres == len(a) == r.counties["cadres"].sum()
