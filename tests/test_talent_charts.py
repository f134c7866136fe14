"""Talent charts and summary: the right data, target lines, deadlines, both languages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from planning.charts import talent as ct
from planning.i18n import t
from planning.models.talent import run_talent, seek_intake
from planning.present import share

BUILDERS = (ct.pools_chart, ct.fan_chart, ct.county_chart, ct.degree_chart, ct.socwork_chart)


@pytest.fixture(scope="module")
def result(example_baseline, default_scenario):
    return run_talent(example_baseline, default_scenario.with_overrides({"run.mc_draws": 200}))


def shape_values(fig, axis):
    out = []
    for s in fig.layout.shapes:
        a0, a1 = (s.y0, s.y1) if axis == "y" else (s.x0, s.x1)
        if a0 == a1 and a0 is not None:
            out.append(a0)
    return out


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_chart_builds_with_a_title_and_axis_titles(result, build, lang):
    fig = build(result, lang)
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in fig.layout.title.text)


def test_pools_chart_stacks_the_three_pools_to_the_city_total(result):
    fig = ct.pools_chart(result)
    stacked = [tr for tr in fig.data if tr.stackgroup == "pools"]
    assert [tr.name for tr in stacked] == [t(f"talent.pool.{p}") for p in
                                           ("cgvo", "returnee", "leader")]  # fmt: skip
    total = np.sum([np.asarray(tr.y) for tr in stacked], axis=0)
    np.testing.assert_allclose(total, result.city_total.to_numpy())
    assert 10000 in shape_values(fig, "y")
    deadline = pd.Timestamp("2016-12-01")
    assert any(pd.Timestamp(x) == deadline for x in shape_values(fig, "x"))
    assert "%{y:,.0f}" in stacked[0].hovertemplate


def test_fan_chart_bands_are_the_result_bands(result):
    fig = ct.fan_chart(result)
    by_name = {tr.name: tr for tr in fig.data}
    np.testing.assert_allclose(by_name[t("talent.fan.median")].y, result.bands["p50"])
    np.testing.assert_allclose(by_name[t("talent.fan.band")].y, result.bands["p10"])
    np.testing.assert_allclose(by_name[t("talent.fan.central")].y, result.city_total)
    assert "200" in fig.layout.title.text


def test_fan_chart_without_draws_says_so(example_baseline, default_scenario):
    r = run_talent(example_baseline, default_scenario.with_overrides({"run.mc_draws": 0}))
    fig = ct.fan_chart(r)
    assert fig.layout.annotations[0].text == t("talent.fan.none")


def test_county_chart_shows_each_county_at_the_deadline(result):
    fig = ct.county_chart(result)
    at = result.flows[result.flows["month"] == pd.Period("2016-12", "M")]
    sums = at.groupby("county_id")["stock"].sum()
    bars = {}
    for tr in fig.data:
        for c, x in zip(tr.y, tr.x, strict=True):
            bars[c] = bars.get(c, 0) + x
    # Bars are labelled with the county names the data give.
    assert bars == pytest.approx(sums.rename(index=result.county_names).to_dict())
    assert "Songfeng District" in bars
    # Hover carries the exact rounded number.
    first = fig.data[0]
    assert f"{first.x[0]:,.0f}" in first.text[0]


def test_degree_and_socwork_charts_against_their_targets(result):
    fig = ct.degree_chart(result)
    d = result.degree.groupby("month")[["with_degree", "young_cadres"]].sum()
    np.testing.assert_allclose(fig.data[0].y, d["with_degree"] / d["young_cadres"])
    assert 1.0 in shape_values(fig, "y")
    fig = ct.socwork_chart(result)
    np.testing.assert_allclose(fig.data[0].y, result.socwork_coverage["coverage"])
    assert any(pd.Timestamp(x) == pd.Timestamp("2018-12-01") for x in shape_values(fig, "x"))


def test_summary_lines_tell_when_probability_and_what_it_takes(
    result, example_baseline, default_scenario
):
    seek = seek_intake(example_baseline, default_scenario)
    en = ct.summary_lines(result, seek, "en")
    assert en[0].startswith("The pools pass 10,000 in Jan 2017, after the deadline of Dec 2016")
    assert "Monte Carlo" in en[1] and share(result.target.probability) in en[1]
    assert f"{seek.extra_per_county_per_year} more recruits per county" in en[2]
    assert f"{share(seek.multiplier - 1)} more intake" in en[2]
    zh = ct.summary_lines(result, seek, "zh")
    assert len(zh) == len(en) == 6
    assert "2017年1月" in zh[0]


def test_seek_degree_and_key_tables(result, example_baseline, default_scenario):
    seek = seek_intake(example_baseline, default_scenario)
    table = ct.seek_table(seek, "en")
    assert table.iloc[:, 1].tolist() == [
        "Jan 2017",
        f"{seek.value_at_deadline:,.0f}",
        f"×{seek.multiplier:.4f}",
        f"{seek.extra_city_per_year:,.0f}",
        str(seek.extra_per_county_per_year),
    ]
    deg = ct.degree_table(result, "zh")
    assert list(deg.columns)[0] == t("talent.col.county_id", "zh")
    assert len(deg) == len(example_baseline.counties)
    last = result.degree[result.degree["month"] == pd.Period("2018-12", "M")]
    assert deg.iloc[:, 1].sum() == pytest.approx(last["young_cadres"].sum(), abs=10)
    key = ct.key_table(result, "en")
    assert (
        key[t("talent.col.key_secretaries")].sum()
        == example_baseline.secretaries["key_secretary"].sum()
    )


def test_explorer_sliders_update_the_charts_in_place(example_baseline, default_scenario):
    from planning.panel import talent_explorer

    ex = talent_explorer(example_baseline, default_scenario, max_draws=50)
    controls, figures = ex.controls, list(ex.figures.values())
    assert "talent.intake_per_year.returnee" in controls.widgets
    slider = controls.widgets["talent.intake_ramp"]
    assert (slider.min, slider.max, slider.step) == (-0.5, 1.0, 0.05)
    widget = figures[0].widget
    before = np.sum([np.asarray(tr.y) for tr in widget.data[:3]], axis=0)[35]
    slider.value = 0.2
    after = np.sum([np.asarray(tr.y) for tr in widget.data[:3]], axis=0)[35]
    assert after > before and figures[0].updates == 1
    assert "before or at the deadline" in ex.summary.value
