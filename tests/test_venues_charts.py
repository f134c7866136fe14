"""Charts and summaries of venues, subsidies and the roll-up: data on the figure match the plan."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest

from planning.budget import fiscal_rollup
from planning.charts import venues as cv
from planning.models.subsidies import budget_subsidies
from planning.models.venues import least_venue_budget, plan_venues


@pytest.fixture(scope="module")
def results(example_baseline, default_scenario):
    plan = plan_venues(example_baseline, default_scenario)
    sb = budget_subsidies(example_baseline, default_scenario)
    return plan, sb, fiscal_rollup(plan, sb)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tier_mix_chart_stacks_shares_with_target_lines(results, lang):
    plan = results[0]
    fig = cv.tier_mix_chart(plan, lang)
    assert isinstance(fig, go.Figure)
    assert [tr.stackgroup for tr in fig.data] == ["tiers"] * 4
    demo = fig.data[0]
    expected = plan.mix.query("tier == 'demonstration'")["share"].tolist()
    assert list(demo.y) == pytest.approx(expected)
    lines = sorted(s.y0 for s in fig.layout.shapes if s.y0 == s.y1)
    assert lines == pytest.approx([0.4, 0.7])
    assert "17" in demo.text[0]  # 17 demonstration communities today, in the hover
    if lang == "zh":
        assert fig.layout.title.text == "达标、优质、示范社区占社区总数的比例"


def test_spending_charts_match_the_plan(results):
    plan = results[0]
    fig = cv.venue_spending_chart(plan)  # counties spend millions: million yuan
    assert fig.layout.yaxis.title.text == "Spending (million yuan)"
    shown = sum(sum(tr.y) for tr in fig.data if isinstance(tr, go.Bar))
    assert shown == pytest.approx(plan.spending["spent_yuan"].sum() / 1e6)
    budget = cv.venue_budget_chart(plan)
    bars = [tr for tr in budget.data if isinstance(tr, go.Bar)]
    assert list(bars[0].y) == pytest.approx((plan.spending_by_year["spent_yuan"] / 1e6).tolist())
    done = cv.projects_done_chart(plan).data[0]
    assert done.y[-1] == plan.communities["project"].sum()


def test_compliance_table_colours_each_county_year(results):
    sb = results[1]
    fig = cv.subsidy_compliance_table(sb)
    table = fig.data[0]
    ids = sorted(sb.compliance["county_id"].unique())
    assert list(table.cells.values[0]) == [sb.county_names[c] for c in ids]
    colours = {c for col in table.cells.fill.color[1:] for c in col}
    # Multiplier 1: basic equals the prior-year income (compliant, green) and is below the
    # same year's income (marked as a warning); no "+0.0 %" margin is shown.
    assert colours == {cv.COMPLIANCE_COLORS["compliant"]}
    first = table.cells.values[1][0]
    assert cv.SAME_YEAR_MARK in first and "0.0" not in first and "(" not in first


def test_rollup_charts_add_up(results):
    roll = results[2]
    fig = cv.rollup_chart(roll, "zh")  # hundreds of millions a year: 万元
    assert fig.layout.yaxis.title.text == "支出（万元）"
    assert sum(sum(tr.y) for tr in fig.data) == pytest.approx(roll["spending_yuan"].sum() / 1e4)
    by_county = cv.rollup_county_chart(roll)
    assert sum(sum(tr.y) for tr in by_county.data) == pytest.approx(
        roll["spending_yuan"].sum() / 1e6
    )
    assert "Songfeng District" in by_county.data[0].x
    cash = cv.subsidy_cash_chart(results[1])
    assert [tr.name for tr in cash.data] == [str(y) for y in range(2014, 2019)]
    assert sum(sum(tr.y) for tr in cash.data) == pytest.approx(
        results[1].yearly["cash_yuan"].sum() / 1e6
    )


def test_summaries_state_the_numbers(results, example_baseline, default_scenario):
    plan, sb, _ = results
    seek = least_venue_budget(example_baseline, default_scenario)
    en = cv.venue_summary(plan, seek)
    assert en[0] == (
        "Community venues meet the targets only in Jul 2017, after the deadline of Dec 2016 "
        "(89 projects, 72.5 million yuan); still short at the deadline: 1 community."
    )
    # 27 rented venues, all replaced by new buildings; the district's nine pay for land.
    assert en[1] == (
        "Owning the 27 rented venues: 27 new buildings, 30.6 million yuan, of which land "
        "6.9 million yuan."
    )
    # The least budget is rounded up to the digits shown: the amount read suffices.
    assert f"{math.ceil(seek.budget_yuan / 1e5) / 10:,.1f} million" in en[3]
    zh = cv.venue_summary(plan, seek, "zh")
    assert "2017年7月" in zh[0]
    assert zh[1] == "27处租用场所全部转为自有：新建27处，共3,056万元，其中土地689万元。"
    assert "every county pays at least" in cv.subsidy_summary(sb)


def test_explorer_recomputes_on_a_control_and_rejects_bad_values(
    example_baseline, default_scenario
):
    from planning.panel import venue_explorer

    ex = venue_explorer(example_baseline, default_scenario)
    # 24 million a year falls one community short since the district's land is priced.
    assert not ex.result.plan.feasible
    ex.controls.widgets["venues.yearly_budget_yuan"].value = 26_000_000
    assert ex.result.plan.feasible and ex.figures["budget"].updates == 1
    ex.controls.widgets["venues.yearly_budget_yuan"].value = 12_000_000
    assert not ex.result.plan.feasible and ex.figures["budget"].updates == 2
    budget_line = [tr for tr in ex.figures["budget"].widget.data if tr.type == "scatter"][0]
    assert set(budget_line.y) == {12.0}  # million yuan
    assert "do not meet" in ex.summary.value or "only in" in ex.summary.value
    ex.controls.widgets["subsidies.grade_shares"].value = "excellent: 0.9, good: 0.5"
    assert "sum to 1" in ex.controls.messages["subsidies.grade_shares"].value
    assert ex.figures["budget"].updates == 2  # figures unchanged while a value is invalid
