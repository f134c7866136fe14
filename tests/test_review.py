"""The mid-plan review's series: what the returns report, month by month, agrees with the
per-county status table (another reading of the same ledger) and with hand counts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning.progress import actual_by_county
from planning.review import SERIES, actual_series, plan_series


def test_actual_series_agree_with_the_county_status_table(example_ledger, example_baseline):
    state = example_ledger.as_of("2015-06")
    a = actual_series(state, example_baseline, 2014)
    assert set(a["indicator"]) == set(SERIES)
    by_county = actual_by_county(state, example_baseline)
    last = a[a["month"] == pd.Period("2015-03", "M")].set_index("indicator")["value"]
    for ind in SERIES:
        assert last[ind] == by_county[ind].sum(), ind
    # Cumulative counts never fall; every point covers all ten counties.
    for ind in ("trained", "community_venues", "village_rooms"):
        v = a.loc[a["indicator"] == ind, "value"].to_numpy()
        assert (np.diff(v) >= 0).all()
    assert (a["counties"] == 10).all()
    # Pool members are reported at quarter ends only: 2014Q1 to 2015Q1.
    talent = a[a["indicator"] == "talent"]
    assert [str(m) for m in talent["month"]] == [
        "2014-03", "2014-06", "2014-09", "2014-12", "2015-03",
    ]  # fmt: skip


def test_actual_series_hand_count_of_one_quarter(example_ledger, example_baseline):
    state = example_ledger.as_of("2015-06")
    a = actual_series(state, example_baseline, 2014).set_index(["indicator", "month"])["value"]
    tl = state.table("talent")
    assert (
        a[("talent", pd.Period("2014-09", "M"))]
        == tl.loc[tl["period"] == "2014Q3", "closing"].sum()
    )
    tr = state.trained()
    special = tr[tr["special_course"].astype(bool)]
    held_by_june_2014 = int((special["month"] <= "2014-06").sum())
    before = int(example_baseline.secretaries["special_course"].sum())
    assert a[("trained", pd.Period("2014-06", "M"))] == before + held_by_june_2014


def test_a_correction_received_later_is_not_seen_earlier(example_ledger, example_baseline):
    # Jinkang City's 2014Q3 return was corrected on 5 November 2014 (6 more returnees).
    before = actual_series(example_ledger.as_of("2014-11-04"), example_baseline, 2014)
    after = actual_series(example_ledger.as_of("2014-11-05"), example_baseline, 2014)

    def pick(f):
        return f.set_index(["indicator", "month"]).loc[
            ("talent", pd.Period("2014-09", "M")), "value"
        ]

    assert pick(after) - pick(before) == 6


def test_plan_series_reads_the_run(example_baseline, default_scenario):
    from planning.targets import run_all

    r = run_all(example_baseline, default_scenario)
    ps = plan_series(r, example_baseline).set_index(["indicator", "month"])["value"]
    dec16 = pd.Period("2016-12", "M")
    assert ps[("talent", dec16)] == r.talent.city_total.loc[dec16]
    com = r.venues.communities
    horizon = default_scenario.run.months
    last = pd.Period("2014-01", "M") + (horizon - 1)
    done = com["project"] & (pd.to_numeric(com["finish_month"]) <= horizon)
    assert ps[("community_venues", last)] == int(done.sum()) > 0
    secs = example_baseline.secretaries
    assert ps[("trained", pd.Period("2014-01", "M"))] >= int(secs["special_course"].sum())
