"""Training charts: numbers on the figures equal the plan's frames, in both languages."""

from __future__ import annotations

import numpy as np
import pytest
from test_training import CAL, TWO_BASES, tiny_baseline, tiny_scenario

from planning.charts.training import (
    absence_heatmap,
    cost_chart,
    coverage_chart,
    gantt_chart,
    summary_text,
)
from planning.models.training import plan_training


@pytest.fixture(scope="module")
def plan():
    b = tiny_baseline({"A": 20, "B": 10}, {"B": 5}, TWO_BASES, CAL, key={"A": 3})
    return plan_training(b, tiny_scenario())


@pytest.fixture(scope="module")
def short_plan():
    b = tiny_baseline({"A": 20, "B": 10}, {"B": 5}, TWO_BASES, CAL)
    return plan_training(b, tiny_scenario(yearly_budget_yuan=20_000))


def test_gantt_one_bar_per_class_with_exact_hover(plan):
    fig = gantt_chart(plan)
    bar = fig.data[0]
    assert len(bar.base) == len(plan.classes) == 7
    assert bar.base[0] == plan.classes["start"].iloc[0].strftime("%Y-%m-%d")
    # Bars last the class's days (5 days in ms).
    assert bar.x[0] == 5 * 86_400_000
    assert "Seats used: 1 of 10" in bar.hovertext[0] and "Cost: 1,000 yuan" in bar.hovertext[0]
    # In the middle of 1-23 January: the Spring Festival break of 2014 starts on 24 January.
    assert "10 Jan 2014 to 14 Jan 2014" in bar.hovertext[0]
    assert list(bar.marker.color) == list(
        100 * plan.classes["seats_used"] / plan.classes["capacity"]
    )
    assert fig.layout.xaxis.type == "date"
    assert gantt_chart(plan, "zh").layout.title.text == "各培训基地异地专题培训班安排"


def test_coverage_curve_reaches_target_by_deadline(plan):
    fig = coverage_chart(plan)
    current, in_post = fig.data
    assert np.allclose(current.y, plan.coverage["current_share"] * 100)
    assert current.y[5] == 100.0 and current.y[0] == pytest.approx(100 * 11 / 30)
    assert fig.layout.shapes[0].y0 == 100  # the target line
    assert str(fig.layout.shapes[1].x0).startswith("2014-06-30")  # deadline: end of month 6
    assert in_post.name == "Secretaries in post that month (expected)"
    assert coverage_chart(plan, "zh").data[0].name == "实施之初在任的书记"


def test_absence_heatmap_is_share_of_cap(plan):
    fig = absence_heatmap(plan)
    hm = fig.data[0]
    assert list(hm.y) == ["A", "B"]
    # A: 4 away against a cap of 4 in January; B: 2 of 2.
    assert hm.z[0][0] == 100 and hm.z[1][0] == 100
    # April: B sends 1 of a cap of 2.
    assert hm.z[1][3] == 50
    assert (
        "Away 1 of cap 2" in hm.hovertext[1][3] and "(10 % of 10 secretaries)" in hm.hovertext[1][3]
    )
    assert (hm.zmin, hm.zmax) == (0, 100)


def test_cost_chart_with_and_without_budget(plan, short_plan):
    fig = cost_chart(plan)  # 23,000 yuan: thousand yuan
    assert len(fig.data) == 1 and fig.data[0].y[0] == pytest.approx(23)
    fig = cost_chart(short_plan, "zh")  # 万元
    assert [tr.name for tr in fig.data] == ["费用", "年度预算"]
    assert fig.data[1].y[0] == pytest.approx(2)
    assert max(fig.data[0].y) <= 2 + 1e-9


def test_summary_sentences(plan, short_plan):
    assert summary_text(plan).startswith("All 25 untrained secretaries in post at plan start")
    assert "23 thousand yuan" in summary_text(plan)  # costs are money as people write it
    text = summary_text(short_plan)
    assert "3 secretaries would be trained late" in text
    assert "raise the yearly budget from 20 thousand yuan to 23 thousand yuan" in text
    assert "年度预算" in summary_text(short_plan, "zh")


def test_explorer_replans_when_a_slider_moves():
    from planning.panel import training_explorer

    b = tiny_baseline({"A": 20, "B": 10}, {"B": 5}, TWO_BASES, CAL)
    ex = training_explorer(b, tiny_scenario())
    summary = ex.summary
    assert "All 25 untrained" in summary.value
    ex.controls.widgets["training.deadline_month"].value = 5
    assert "4 secretaries would be trained late" in summary.value
    assert "from 20 % to 25 %" in summary.value
    assert ex.controls.changed() == ["training.deadline_month"]
    coverage = ex.figures["coverage"].widget
    assert str(coverage.layout.shapes[1].x0).startswith("2014-05-31")


def test_absence_heatmap_names_counties(example_baseline, default_scenario):
    from planning import plan_training

    plan = plan_training(example_baseline, default_scenario, diagnose=False)
    hm = absence_heatmap(plan).data[0]
    names = example_baseline.counties.set_index("county_id")["name"]
    assert list(hm.y) == [names[c] for c in dict.fromkeys(plan.away["county_id"])]
    assert hm.hovertext[0][0].startswith(names.iloc[0])
