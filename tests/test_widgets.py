"""Schema-generated controls: the controls and the schema list the same fields, bounds, defaults."""

from __future__ import annotations

import ipywidgets as w
import pytest

from planning.errors import ScenarioError
from planning.scenario import FIELDS, Scenario, flatten, load_scenario
from planning.widgets import (
    CHANGED_CLASS,
    TEXT_INPUT_ABOVE,
    MappingText,
    OptionalNumber,
    controls_for_keys,
    field_label,
    problems_by_key,
    section_controls,
)

SECTIONS = list(dict.fromkeys(f.section for f in FIELDS.values()))  # schema order


@pytest.fixture(scope="module")
def defaults() -> Scenario:
    return Scenario()


@pytest.fixture(scope="module")
def all_controls(defaults):
    return {s: section_controls(defaults, s) for s in SECTIONS}


def test_controls_list_exactly_the_schema_fields(all_controls):
    keys = [k for c in all_controls.values() for k in c.widgets]
    assert keys == list(FIELDS)  # same fields, same order, none twice


@pytest.mark.parametrize("key", list(FIELDS))
def test_each_control_carries_the_schema_bounds_step_default(all_controls, key):
    f = FIELDS[key]
    wd = all_controls[f.section].widgets[key]
    if f.choices:
        assert isinstance(wd, w.Dropdown)
        assert [v for _, v in wd.options] == list(f.choices)
        assert wd.value == f.default
    elif f.annotation is bool:
        assert isinstance(wd, w.Checkbox) and wd.value is f.default
    elif f.annotation == float | None:
        assert isinstance(wd, OptionalNumber) and wd.value == f.default
        assert (wd._box.min, wd._box.max) == (f.ge, f.le)
    elif f.annotation in (int, float):
        assert (wd.min, wd.max, wd.step) == (f.ge, f.le, f.step), key
        assert wd.value == f.default
        big = f.le > TEXT_INPUT_ABOVE
        assert isinstance(wd, w.BoundedIntText | w.BoundedFloatText) == big, key
        if not big:
            assert isinstance(wd, w.IntSlider if f.annotation is int else w.FloatSlider)
            assert wd.continuous_update is False  # a drag computes once, on release
    elif f.annotation is str:
        assert isinstance(wd, w.Text) and not isinstance(wd, MappingText)
        assert wd.value == f.default and wd.continuous_update is False
    else:
        assert isinstance(wd, MappingText)
        assert wd.parsed() == (list(f.default) if wd.is_list else dict(f.default))
    if isinstance(wd, w.Box):  # a Box's own tooltip breaks its view; its parts carry it
        assert wd.tooltip is None and all(c.tooltip == f.help for c in wd.children)
    else:
        assert wd.tooltip == f.help
    assert field_label(f) in (getattr(wd, "description", "") or wd._label.value)


def test_controls_map_back_to_the_same_scenario(all_controls, defaults):
    values = {}
    for c in all_controls.values():
        values.update(c.values())
    assert defaults.with_overrides(values) == defaults
    schema_values = {k: v for k, v in flatten(defaults.to_dict()).items() if k in FIELDS}
    assert schema_values == {k: _plain(values[k]) for k in FIELDS}


def _plain(v):
    return list(v) if isinstance(v, tuple) else v


def test_set_values_then_values_round_trips_every_scenario_file():
    from planning.scenario import list_scenarios

    names = list_scenarios()
    assert names, "no scenario files in data/scenarios"
    controls = controls_for_keys(Scenario(), FIELDS)
    for name in names:
        s = load_scenario(name)
        controls.set_values(s)
        assert controls.scenario(s) == s, name
        assert controls.changed(s) == []


def test_slider_float_noise_is_dropped_and_untouched_thirds_stay_exact(defaults):
    c = section_controls(defaults, "targets")
    c.widgets["targets.degree_share_min"].value = 0.1 + 0.2  # 0.30000000000000004
    values = c.values()
    assert values["targets.degree_share_min"] == 0.3
    assert values["targets.key_share"] == 1 / 3  # the default, not a rounded copy
    assert c.changed() == ["targets.degree_share_min"]


def test_changed_rows_are_highlighted(defaults):
    c = section_controls(defaults, "venues")
    c.widgets["venues.project_months"].value = 5
    c.mark_changed(c.changed())
    assert CHANGED_CLASS in c.rows["venues.project_months"]._dom_classes
    assert CHANGED_CLASS not in c.rows["venues.priority"]._dom_classes
    c.widgets["venues.project_months"].value = defaults.venues.project_months
    c.mark_changed(c.changed())
    assert CHANGED_CLASS not in c.rows["venues.project_months"]._dom_classes


def test_bad_values_land_next_to_their_control(defaults):
    c = controls_for_keys(defaults, FIELDS)
    c.widgets["subsidies.grade_shares"].value = "excellent: 0.5, good: 0.9, pass: 0.1, fail: 0"
    c.widgets["training.deadline_month"].value = 80  # beyond the 60-month horizon
    with pytest.raises(ScenarioError) as info:
        c.scenario()
    found = problems_by_key(info.value, c.widgets)
    assert set(found) == {"subsidies.grade_shares"} or set(found) == {"training.deadline_month"}
    # One problem is reported at a time per validation stage; fix it and the other shows.
    c.show_problems(found)
    key = next(iter(found))
    assert c.messages[key].layout.display == ""
    assert "must sum to 1" in c.messages[key].value or "beyond the horizon" in c.messages[key].value
    others = [k for k in c.messages if k != key]
    assert all(c.messages[k].value == "" for k in others)


def test_unreadable_mapping_text_is_a_scenario_error(defaults):
    c = section_controls(defaults, "subsidies")
    c.widgets["subsidies.grade_shares"].value = "excellent 0.5 good"
    with pytest.raises(ScenarioError):
        c.values()
    assert "subsidies.grade_shares" in c.changed()


def test_language_switch_relabels_and_keeps_values(defaults):
    c = section_controls(defaults, ["talent.intake_split", "training.yearly_budget_yuan"])
    split = c.widgets["talent.intake_split"]
    split.value = "population"
    c.set_language("zh")
    assert split.description.startswith("新增入库在各县（市、区）的分配方式")
    assert split.value == "population"
    assert ("按农村人口", "population") in split.options
    assert c.widgets["training.yearly_budget_yuan"]._none.description == "不设上限"
    c.set_language("en")
    assert split.description == "Split of intake across counties"


def test_optional_number_none_and_value():
    c = controls_for_keys(Scenario(), ["training.yearly_budget_yuan"])
    box = c.widgets["training.yearly_budget_yuan"]
    assert box.value is None
    box._none.value = False
    box._box.value = 2_000_000
    assert c.scenario().training.yearly_budget_yuan == 2_000_000
    box.value = None
    assert box._none.value is True and c.scenario().training.yearly_budget_yuan is None


def test_observe_reports_changes_except_while_quiet(defaults):
    c = section_controls(defaults, "venues")
    seen = []
    c.observe(lambda key, value: seen.append((key, value)))
    c.widgets["venues.project_months"].value = 4
    assert seen == [("venues.project_months", 4)]
    with c.quiet():
        c.set_values(defaults)
        c.set_language("zh")
    assert seen == [("venues.project_months", 4)]
    assert c.values()["venues.project_months"] == defaults.venues.project_months


def test_problem_key_places_a_message_without_reading_its_prose():
    from planning.errors import Problem

    error = ScenarioError(
        "x.yaml: 2 problems",
        [
            Problem("x.yaml:3", "found 7 in the file", key="training.deadline_month"),
            Problem("x.yaml:4", "found the county 'C99'", key="talent.county_weights"),
        ],
    )
    keys = ["training.deadline_month", "talent.county_weights", "run.seed"]
    assert problems_by_key(error, keys) == {
        "training.deadline_month": ["found 7 in the file"],
        "talent.county_weights": ["found the county 'C99'"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "C01: " + "[" * 5000 + "]" * 5000,  # a RecursionError in the YAML composer
        "C01: " + "9" * 5000,  # a ValueError: too many digits for int()
        "C01: &w 1, C02: *w",  # an alias
        "C01: 2014-13-45",  # a ValueError: no such date
    ],
)
def test_hostile_mapping_text_is_a_scenario_error(defaults, text):
    c = section_controls(defaults, "talent")
    c.widgets["talent.county_weights"].value = text
    with pytest.raises(ScenarioError) as info:
        c.values()
    (p,) = info.value.problems
    assert p.key == "talent.county_weights"
    assert p.what.startswith("key 'talent.county_weights': cannot read ")


def test_problems_go_to_the_control_their_key_names_never_by_the_prose():
    from planning.errors import Problem, ScenarioError
    from planning.widgets import problems_by_key

    err = ScenarioError(
        "bad",
        [
            # the prose names another key: the problem's own key decides
            Problem(
                "f.yaml:3", "clashes with venues.deadline_month", key="training.deadline_month"
            ),
            Problem("f.yaml:4", "found 9; expected ...", key="subsidies.grade_shares.excellent"),
            Problem("f.yaml", "something about training.deadline_month"),  # no key
        ],
    )
    keys = ["training.deadline_month", "venues.deadline_month", "subsidies.grade_shares"]
    out = problems_by_key(err, keys)
    assert out == {
        "training.deadline_month": ["clashes with venues.deadline_month"],
        "subsidies.grade_shares": ["found 9; expected ..."],
        "": ["something about training.deadline_month"],
    }


def test_grade_shares_read_in_the_workbook_language_and_back():
    from planning import load_scenario
    from planning.widgets import section_controls

    c = section_controls(load_scenario("baseline"), "subsidies")
    box = c.widgets["subsidies.grade_shares"]
    assert box.value == "excellent: 0.2, good: 0.5, pass: 0.25, fail: 0.05"
    before = box.parsed()
    c.set_language("zh")
    assert box.value == "优秀 0.2、称职 0.5、基本称职 0.25、不称职 0.05"
    assert box.parsed() == before == {"excellent": 0.2, "good": 0.5, "pass": 0.25, "fail": 0.05}
    box.value = "优秀: 0.3, good: 0.4, basically competent: 0.25, 不称职：0.05"
    assert box.parsed() == {"excellent": 0.3, "good": 0.4, "pass": 0.25, "fail": 0.05}
    assert c.changed() == ["subsidies.grade_shares"]


def test_the_issue_month_reads_as_a_date_in_chinese_and_back(defaults):
    c = section_controls(defaults, "run.plan_issued")
    box = c.widgets["run.plan_issued"]
    assert box.value == "2013-09"
    c.set_language("zh")
    assert box.value == "2013年9月"
    assert c.read() == ({"run.plan_issued": "2013-09"}, {}) and c.changed() == []
    box.value = "2013年10月"
    assert c.read()[0] == {"run.plan_issued": "2013-10"} and c.changed() == ["run.plan_issued"]
    c.set_values(defaults)
    assert box.value == "2013年9月"
    box.value = "2013-13"  # read as typed: the schema says what is wrong
    assert c.read()[0] == {"run.plan_issued": "2013-13"}
    c.set_language("en")
    assert box.value == "2013-13"
