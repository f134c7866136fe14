"""Conjugate calibration of the reserve-talent Monte Carlo (``planning.calibration``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from planning.calibration import (
    COLUMNS,
    Evidence,
    beta_prior,
    calibrate,
    evidence,
    gamma_prior,
    gamma_summary,
    gamma_update,
)
from planning.errors import DataError

IDS = ["C01", "C02"]
POOLS = ("cgvo", "returnee", "leader")
ATTR = {"cgvo": (0.06, 0.01), "returnee": (0.1, 0.02), "leader": (0.08, 0.02)}
FILL = (1.0, 0.1)
RENEWAL = (0.6, 0.08)


def no_evidence() -> Evidence:
    z = np.zeros((3, 2))
    return Evidence(z, z, np.zeros(2), np.zeros(2), z.astype(bool), np.zeros(2, bool))


def with_returnees(left: list[float], years: list[float]) -> Evidence:
    e = no_evidence()
    lv, my, has = e.left.copy(), e.member_years.copy(), e.has_attrition.copy()
    lv[1], my[1], has[1] = left, years, np.array(years) > 0
    return Evidence(lv, my, e.joined, e.planned, has, e.has_fill)


def test_priors_have_the_scenario_mean_and_spread():
    a, b = gamma_prior(0.1, 0.02)
    assert (a, b) == pytest.approx((25.0, 250.0))
    g = stats.gamma(a, scale=1 / b)
    assert (g.mean(), g.std()) == pytest.approx((0.1, 0.02))
    al, be = beta_prior(0.6, 0.08)
    assert (al, be) == pytest.approx((21.9, 14.6))
    assert (stats.beta(al, be).mean(), stats.beta(al, be).std()) == pytest.approx((0.6, 0.08))
    assert gamma_update(25.0, 250.0, 30, 200.0) == (55.0, 450.0)


@pytest.mark.parametrize(
    ("mean", "sd", "match"), [(0.1, 0.0, "Gamma"), (0.0, 0.1, "Gamma"), (0.6, 0.5, "Beta")]
)
def test_impossible_priors_are_refused(mean, sd, match):
    with pytest.raises(DataError, match=match):
        (beta_prior if match == "Beta" else gamma_prior)(mean, sd)


def test_with_no_evidence_every_posterior_is_the_prior_exactly():
    cal = calibrate(no_evidence(), IDS, ATTR, FILL, RENEWAL)
    t = cal.table
    assert list(t.columns) == list(COLUMNS)
    for a, b in zip(["prior_mean", "prior_p05", "prior_p95"],
                    ["posterior_mean", "posterior_p05", "posterior_p95"], strict=True):  # fmt: skip
        assert t[a].tolist() == t[b].tolist()
    # the county priors are the scenario's prior too (no city evidence to move them)
    for i, p in enumerate(POOLS):
        a0, b0 = gamma_prior(*ATTR[p])
        assert cal.attrition[0][i].tolist() == [a0, a0]
        assert cal.attrition[1][i].tolist() == [b0, b0]
        rows = t[(t["rate"] == "attrition") & (t["pool"] == p)]
        assert rows["prior_mean"].tolist() == pytest.approx([ATTR[p][0]] * 3)
    assert set(t["evidence"]) == {"no_returns", "not_reported"}
    # the same rate in every county, draw by draw
    attr, fill, renewal = cal.draws(500, seed=7)
    assert np.array_equal(attr[:, :, 0], attr[:, :, 1])
    assert np.array_equal(fill[:, 0], fill[:, 1])
    assert attr.mean(axis=(1, 2)) == pytest.approx([0.06, 0.1, 0.08], rel=0.05)
    assert renewal.mean() == pytest.approx(0.6, abs=0.01)


def test_evidence_moves_the_rate_the_right_way_and_narrows_it():
    """Prior Gamma(25, 250) (mean 0.1, sd 0.02). 30 returnees left over 200 member-years
    (rate 0.15) -> city posterior Gamma(55, 450), mean 0.12222; 5 over 200 (0.025) ->
    Gamma(30, 450), mean 0.06667. Both 90 % intervals are narrower than the prior's."""
    prior_width = np.subtract(*gamma_summary(25.0, 250.0)[2:0:-1])
    for left, mean in ((30, 55 / 450), (5, 30 / 450)):
        t = calibrate(with_returnees([left, 0], [200.0, 0.0]), IDS, ATTR, FILL, RENEWAL).table
        city = t[(t["pool"] == "returnee") & t["county_id"].isna()].iloc[0]
        assert (city["events"], city["exposure"]) == (left, 200.0)
        assert city["posterior_mean"] == pytest.approx(mean, rel=1e-12)
        assert city["posterior_p95"] - city["posterior_p05"] < prior_width
        lo, hi = stats.gamma.ppf([0.05, 0.95], 25 + left, scale=1 / 450)
        assert (city["posterior_p05"], city["posterior_p95"]) == pytest.approx((lo, hi))
        assert city["evidence"] == "reported"


def test_counties_are_shrunk_toward_the_city():
    """C01: 30 left over 200 member-years, C02: 10 over 200. City: Gamma(25 + 40, 250 + 400)
    = mean 0.1. County priors: mean 0.1 at the scenario's strength b = 250 (a = 25).
    C01: Gamma(25 + 30, 250 + 200), mean 0.12222 (raw 0.15); C02: Gamma(35, 450), mean
    0.07778 (raw 0.05): each between its own rate and the city's."""
    cal = calibrate(with_returnees([30, 10], [200.0, 200.0]), IDS, ATTR, FILL, RENEWAL)
    t = cal.table.set_index(["rate", "pool", "county_id"], drop=False)
    ret = t[(t["rate"] == "attrition") & (t["pool"] == "returnee")]
    city = ret[ret["county_id"].isna()].iloc[0]
    assert city["posterior_mean"] == pytest.approx(65 / 650)
    c01, c02 = (ret[ret["county_id"] == c].iloc[0] for c in IDS)
    assert c01["prior_mean"] == c02["prior_mean"] == pytest.approx(0.1)
    assert c01["posterior_mean"] == pytest.approx(55 / 450)
    assert c02["posterior_mean"] == pytest.approx(35 / 450)
    assert cal.attrition[0][1].tolist() == pytest.approx([55.0, 35.0])
    assert cal.attrition[1][1].tolist() == pytest.approx([450.0, 450.0])
    # draws keep each county's posterior, moving together
    attr, _, _ = cal.draws(4000, seed=1)
    assert attr[1].mean(axis=0) == pytest.approx([55 / 450, 35 / 450], rel=0.02)
    assert np.corrcoef(attr[1, :, 0], attr[1, :, 1])[0, 1] > 0.99
    # a county without returns keeps the city-centred prior
    cal2 = calibrate(with_returnees([30, 0], [200.0, 0.0]), IDS, ATTR, FILL, RENEWAL)
    r2 = cal2.table
    c02 = r2[(r2["pool"] == "returnee") & (r2["county_id"] == "C02")].iloc[0]
    assert c02["evidence"] == "no_returns"
    assert c02["posterior_mean"] == c02["prior_mean"] == pytest.approx(55 / 450)


def test_the_renewal_share_is_not_reported_and_stays_the_prior():
    cal = calibrate(with_returnees([30, 10], [200.0, 200.0]), IDS, ATTR, FILL, RENEWAL)
    row = cal.table[cal.table["rate"] == "renewal"].iloc[0]
    assert row["evidence"] == "not_reported"
    assert np.isnan(row["events"]) and np.isnan(row["exposure"])
    assert row["posterior_mean"] == row["prior_mean"] == pytest.approx(0.6)
    assert cal.renewal == pytest.approx((21.9, 14.6))


def test_same_seed_same_draws():
    cal = calibrate(with_returnees([30, 10], [200.0, 200.0]), IDS, ATTR, FILL, RENEWAL)
    a, b, c = cal.draws(100, seed=3), cal.draws(100, seed=3), cal.draws(100, seed=4)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert not np.array_equal(a[0], c[0])


def test_evidence_from_a_talent_sheet():
    """Two quarters of C01: 2014Q2 (plan months 4-6) and 2014Q3 (7-9). Exposure = mean of
    opening and closing x 0.25 years. August (month 8) ends officials' contracts, so the
    officials' 2014Q3 row is left out of their attrition. Fill: joined over the plan's
    intake of the same months, all pools."""
    rows = []
    for period, (o, j, left, c) in (("2014Q2", (100, 20, 4, 116)), ("2014Q3", (116, 8, 6, 118))):
        for pool in POOLS:
            rows.append(dict(county_id="C01", period=period, pool=pool, opening=o, joined=j,
                             appointed=0, promoted=0, left=left, closing=c))  # fmt: skip
    returns = pd.DataFrame(
        {
            "county_id": "C01",
            "period": ["2014Q2", "2014Q3"],
            "period_start": pd.to_datetime(["2014-04-01", "2014-07-01"]).date,
            "period_end": pd.to_datetime(["2014-06-30", "2014-09-30"]).date,
        }
    )
    from planning.calibration import reported_periods

    periods = reported_periods(pd.DataFrame(rows), returns, 2014)
    assert periods["m0"].tolist() == [4, 4, 4, 7, 7, 7]
    assert periods["m1"].tolist() == [6, 6, 6, 9, 9, 9]
    planned = np.zeros((12, 3, 2))
    planned[:, :, 0] = 1.0  # one planned recruit a month per pool in C01
    ev = evidence(periods, planned, IDS, POOLS, skip_months={"cgvo": {8}})
    q2, q3 = (100 + 116) / 2 * 0.25, (116 + 118) / 2 * 0.25
    assert ev.member_years[:, 0].tolist() == pytest.approx([q2, q2 + q3, q2 + q3])
    assert ev.left[:, 0].tolist() == [4, 10, 10]
    assert ev.left[:, 1].tolist() == [0, 0, 0] and not ev.has_attrition[:, 1].any()
    assert ev.joined.tolist() == [3 * 28, 0] and ev.planned.tolist() == [18.0, 0.0]
    assert ev.has_fill.tolist() == [True, False]


def test_a_talent_row_without_its_return_is_refused():
    from planning.calibration import reported_periods

    flows = pd.DataFrame([dict(county_id="C01", period="2014Q2", pool="cgvo", opening=1,
                               joined=0, appointed=0, promoted=0, left=0, closing=1)])  # fmt: skip
    returns = pd.DataFrame(columns=["county_id", "period", "period_start", "period_end"])
    with pytest.raises(DataError, match="without a return") as e:
        reported_periods(flows, returns, 2014)
    assert "C01 2014Q2" in str(e.value)
    with pytest.raises(DataError, match="lacks columns") as e:
        reported_periods(flows.drop(columns="left"), returns, 2014)
    assert "left" in str(e.value)


def test_example_city_counts_come_from_the_returns(example_ledger, example_baseline,
                                                   default_scenario):  # fmt: skip
    """As of 2015-06 (2014Q1-2015Q1): returnees left 55 + 79 + 73 + 71 + 82 = 360; officials
    13 + 13 + 19 + 13 = 58 (2014Q3, with the August contract ends, left out)."""
    from planning.models.talent import run_talent

    state = example_ledger.as_of("2015-06")
    t = run_talent(example_baseline, default_scenario, ledger=state).calibration
    t = t.assign(pool=t["pool"].fillna("all"))
    city = t[t["county_id"].isna()].set_index(["rate", "pool"])
    assert city.loc[("attrition", "returnee"), "events"] == 360
    assert city.loc[("attrition", "cgvo"), "events"] == 58
    flows = state.talent_flows()
    left = flows.query("pool == 'leader'")["left"].sum()
    assert city.loc[("attrition", "leader"), "events"] == left
    assert city.loc[("intake_fill", "all"), "events"] == flows["joined"].sum() == 4920
    # county events add up to the city's
    counties = t[t["county_id"].notna()].groupby(["rate", "pool"])["events"].sum()
    for key in [("attrition", p) for p in POOLS] + [("intake_fill", "all")]:
        assert counties.loc[key] == city.loc[key, "events"]
    # the pooled posteriors are narrower than the scenario's priors
    width = city["posterior_p95"] - city["posterior_p05"]
    prior = city["prior_p95"] - city["prior_p05"]
    assert (width.drop(("renewal", "cgvo")) < prior.drop(("renewal", "cgvo"))).all()


def test_the_table_reads_in_chinese_with_the_glossary_terms():
    from planning.calibration import labelled

    cal = calibrate(with_returnees([30, 10], [200.0, 200.0]), IDS, ATTR, FILL, RENEWAL)
    zh = labelled(cal.table, "zh", {"C01": "松峰区", "C02": "古今市"})
    assert zh.columns[:3].tolist() == ["参数", "县（市、区）", "测算假设值"]
    first = zh.iloc[0]
    assert (first["参数"], first["县（市、区）"]) == ("年出库率：大学生村官", "全市")
    assert zh["县（市、区）"].iloc[1:3].tolist() == ["松峰区", "古今市"]
    assert zh["参数"].iloc[-1] == "聘期届满留任比例"
    assert zh["依据"].iloc[-1] == "报表不填报此项，沿用测算假设"
    en = labelled(cal.table, "en")
    assert (
        en["Rate"].iloc[3] == "Yearly attrition rate: returning migrant workers and business people"
    )
    assert en["Updated from the returns"].iloc[3] == pytest.approx(65 / 650)
