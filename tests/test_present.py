"""The presentation layer: every rule checked against hand-written strings."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from planning import present as p


def test_plan_calendar_is_defined_once():
    assert p.period(1, 2014) == pd.Period("2014-01", "M")
    assert p.period(36, 2014) == pd.Period("2016-12", "M")
    assert p.period(37, 2014) == pd.Period("2017-01", "M")
    for m in (1, 12, 13, 34, 60):
        assert p.plan_month(p.period(m, 2014), 2014) == m


def test_run_period_is_the_same_calendar():
    from planning.scenario import Run

    run = Run(start_year=2015)
    assert run.period(1) == pd.Period("2015-01", "M")
    assert run.period(24) == p.period(24, 2015)


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (pd.Period("2016-12", "M"), "Dec 2016", "2016年12月"),
        (pd.Timestamp("2014-03-15"), "Mar 2014", "2014年3月"),
        ("2017-02", "Feb 2017", "2017年2月"),
        (None, "—", "—"),
        (pd.NaT, "—", "—"),
    ],
)
def test_month_labels(value, en, zh):
    assert p.month_label(value, "en") == en
    assert p.month_label(value, "zh") == zh


def test_plan_month_numbers_become_dates_never_numbers():
    assert p.month_label(34, "zh", 2014) == "2016年10月"
    assert p.month_label(34, "en", 2014) == "Oct 2016"
    with pytest.raises(ValueError, match="start year"):
        p.month_label(34, "en")


@pytest.mark.parametrize(
    ("yuan", "en", "zh"),
    [
        (0, "0 yuan", "0元"),
        (8_500, "8,500 yuan", "8,500元"),
        (125_000, "125 thousand yuan", "12.5万元"),
        (6_712_500, "6.7 million yuan", "671万元"),
        (65_400_000, "65.4 million yuan", "6,540万元"),
        (113_000_000, "113.0 million yuan", "1.13亿元"),
        (279_836_484, "279.8 million yuan", "2.80亿元"),
        (None, "—", "—"),
        (float("nan"), "—", "—"),
    ],
)
def test_money_as_officials_write_it(yuan, en, zh):
    assert p.money(yuan, "en") == en
    assert p.money(yuan, "zh") == zh


def test_money_scale_for_axes_and_columns():
    s = p.money_scale(80_000_000, "zh")
    assert (s.divisor, s.unit) == (1e4, "万元") and s.value(80_000_000, "zh") == "8,000"
    s = p.money_scale(280_000_000, "zh")
    assert (s.divisor, s.unit) == (1e8, "亿元") and s.value(280_000_000, "zh") == "2.80"
    s = p.money_scale(80_000_000, "en")
    assert (s.divisor, s.unit) == (1e6, "million yuan") and s.value(80_000_000) == "80.0"
    assert p.money_axis_title("Spending", s, "en") == "Spending (million yuan)"
    assert p.money_axis_title("支出", p.money_scale(1e7, "zh"), "zh") == "支出（万元）"


@pytest.mark.parametrize(
    ("x", "en", "zh"),
    [
        (0.317, "31.7 %", "31.7%"),
        (0.32, "32 %", "32%"),
        (0.898204, "89.8 %", "89.8%"),
        (1.0, "100 %", "100%"),
        (0.0, "0 %", "0%"),
        (0.99995, "99.9 %", "99.9%"),  # below the target never reads as 100 %
        (0.00001, "0.1 %", "0.1%"),  # above nothing never reads as 0 %
        (-0.2, "-20 %", "-20%"),
        (None, "—", "—"),
    ],
)
def test_one_share_rule(x, en, zh):
    assert p.share(x, "en") == en
    assert p.share(x, "zh") == zh


def test_shares_never_round_across_a_target():
    rng = np.random.default_rng(7)
    for x in rng.uniform(0.99, 1.0, 500):
        if x < 1:
            assert p.share(x) != "100 %"
    for x in rng.uniform(0, 0.001, 500):
        if x > 0:
            assert p.share(x) != "0 %"


def test_points_and_signs():
    assert p.points(0.012, "en") == "+1.2 pts"
    assert p.points(-0.05, "zh") == "-5.0个百分点"
    assert p.signed(1474.2) == "+1,474" and p.signed(-12) == "-12" and p.signed(0) == "0"
    assert p.number(10412.4) == "10,412" and p.number(math.nan) == "—"


def test_counts_with_plurals():
    assert p.count(1, "month", "en") == "1 month"
    assert p.count(2, "month", "en") == "2 months"
    assert p.count(2, "month", "zh") == "2个月"
    assert p.count(1, "change", "en") == "1 change"
    assert p.count(1_638, "secretary", "en") == "1,638 secretaries"
    assert p.count(3, "target", "zh") == "3项目标"


def test_status_words_and_lists():
    assert [p.status_word(s, "en") for s in p.STATUSES] == [
        "met",
        "at risk",
        "missed",
        "guaranteed by the settings",
        "tracked",
    ]
    assert p.status_word("guaranteed", "zh") == "设定保证"
    assert p.status_word("at_risk", "zh") == "有风险"
    assert p.join(["a", "b", "c"], "en") == "a, b and c"
    assert p.join(["甲", "乙", "丙"], "zh") == "甲、乙和丙"


def test_dates_with_time():
    when = pd.Timestamp("2026-12-01 10:20")
    assert p.date_label(when, "en", time=True) == "1 Dec 2026, 10:20"
    assert p.date_label(when, "zh", time=True) == "2026年12月1日 10:20"
    assert p.date_label(when, "zh") == "2026年12月1日"


def test_parameter_values_in_words():
    assert p.param_value(0.15, "talent.intake_ramp", "en") == "15 %"
    assert p.param_value(True, "venues.require_owned", "zh") == "是"
    assert p.param_value(None, "training.yearly_budget_yuan", "en") == "no limit"
    assert p.param_value(24_000_000, "venues.yearly_budget_yuan", "zh") == "2,400万元"
    assert p.param_value(36, "training.deadline_month", "zh", 2014) == "2016年12月"
    assert p.param_value(8, "talent.cgvo_intake_month", "en") == "Aug"
    assert p.param_value(0.08, "talent.fill_rate_spread", "zh") == "8个百分点"
    assert p.param_value(0.005, "targets.satisfaction_change_per_year", "zh") == "每年0.5个百分点"
    assert p.param_value(0.01, "targets.satisfaction_change_per_year", "en") == "1 pts a year"
    assert p.param_value(0, "training.min_class_size", "zh") == "各培训基地自定"
    assert p.param_value(25, "training.min_class_size", "en") == "25"
    shares = {"excellent": 0.2, "good": 0.5, "pass": 0.25, "fail": 0.05}
    assert p.param_value(shares, "subsidies.grade_shares", "zh") == (
        "优秀：20%；称职：50%；基本称职：25%；不称职：5%"
    )
    assert p.param_value("cheapest", "venues.priority", "en") == "cheapest projects first"
    assert p.param_value("key_then_tenure", "training.roster_priority", "zh") == (
        "先重点书记，再按任职时间从长到短"
    )


def test_no_python_value_reaches_a_parameter_cell():
    from planning.scenario import FIELDS, flatten, load_scenario

    for name in ("baseline", "tight_budget", "fast_recruitment"):
        s = load_scenario(name)
        values = flatten(s.to_dict())
        for key in FIELDS:
            for lang in ("en", "zh"):
                text = p.param_value(values[key], key, lang, s.run.start_year)
                assert text not in ("None", "True", "False", "nan", "{}", "[]"), (key, text)
                assert "_" not in text or key.endswith("county_weights"), (key, text)


def test_least_amounts_round_up_to_three_significant_digits():
    assert p.money_at_least(1_711_000, "en") == "1.72 million yuan"
    assert p.money_at_least(1_711_000, "zh") == "172万元"
    assert p.money_at_least(21_829_740, "en") == "21.9 million yuan"
    assert p.money_at_least(1_700_000, "en") == "1.70 million yuan"  # exact stays exact


def test_docstring_examples_of_the_presentation_layer():
    import doctest

    assert doctest.testmod(p).failed == 0
