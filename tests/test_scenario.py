"""The scenario schema: defaults, bounds, unknown keys, overrides, YAML round trip, types."""

from __future__ import annotations

import math
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from planning import ScenarioError, load_scenario
from planning.paths import SCENARIO_DIR
from planning.scenario import (
    FIELDS,
    Scenario,
    allowed_text,
    flatten,
    list_scenarios,
    suggest_key,
)

SECTIONS = ("talent", "training", "venues", "subsidies", "targets", "assessment", "run")


def test_defaults_are_valid_and_follow_domain_figures():
    s = Scenario()
    assert s.targets.talent_total_min == 10000
    assert s.targets.talent_deadline_month == 36
    assert s.training.deadline_month == 36
    assert s.training.new_secretary_window_months == 12
    assert s.training.absence_cap_share == pytest.approx(0.10)
    assert s.training.election_replacement_share == pytest.approx(0.20)
    assert s.venues.demonstration_share_min == pytest.approx(0.40)
    assert s.venues.quality_or_better_share_min == pytest.approx(0.70)
    assert (s.venues.season_start_month, s.venues.season_end_month) == (5, 10)
    assert s.talent.contract_years == 3
    assert s.talent.renewal_share == pytest.approx(0.6)
    assert s.subsidies.income_multiplier >= 1
    assert s.run.months == 60


def test_every_field_has_label_help_and_default_within_bounds():
    assert len(FIELDS) > 60
    for key, f in FIELDS.items():
        assert f.section in SECTIONS, key
        assert f.label and f.label != key.split(".")[-1], key
        assert f.help, key
        if f.ge is not None and isinstance(f.default, int | float):
            assert f.default >= f.ge, key
        if f.le is not None and isinstance(f.default, int | float):
            assert f.default <= f.le, key
        numeric = f.annotation in (int, float)
        if numeric:
            assert f.ge is not None and f.le is not None, f"{key} needs bounds for its slider"
            assert f.step, f"{key} needs a slider step"
            assert f.unit or key.endswith("seed"), f"{key} needs a unit"


def _bound_cases():
    for key, f in FIELDS.items():
        if f.annotation in (int, float) and f.le is not None:
            yield key, f.le + (1 if f.annotation is int else max(f.step or 0.01, 0.01))
        if f.annotation in (int, float) and f.ge is not None:
            yield key, f.ge - (1 if f.annotation is int else max(f.step or 0.01, 0.01))


@pytest.mark.parametrize(("key", "value"), list(_bound_cases()))
def test_each_bound_is_enforced(key, value):
    with pytest.raises(ScenarioError) as exc:
        Scenario().with_overrides({key: value})
    msg = str(exc.value)
    assert f"key '{key}'" in msg
    assert "expected" in msg and "between" in msg


def test_bound_message_names_key_value_range_and_unit():
    with pytest.raises(ScenarioError) as exc:
        load_scenario(overrides={"training.absence_cap_share": 1.5})
    (p,) = exc.value.problems
    assert p.what.startswith("key 'training.absence_cap_share': found 1.5; expected a number")
    assert "between 0.01 and 1" in p.what
    assert "share of a county's secretaries" in p.what


def test_choices_message_lists_allowed_values():
    with pytest.raises(ScenarioError) as exc:
        load_scenario(overrides={"venues.priority": "random"})
    assert "'households', 'cheapest', 'worst'" in str(exc.value)
    assert "found 'random'" in str(exc.value)


def test_unknown_override_suggests_the_right_key():
    with pytest.raises(ScenarioError) as exc:
        load_scenario(overrides={"talent.atrition_rate.returnee": 0.1})
    assert "did you mean 'talent.attrition_rate.returnee'?" in str(exc.value)
    assert suggest_key("training.absense_cap_share") == "training.absence_cap_share"
    assert suggest_key("talent.foo") != "talent"  # never the key's own section


def test_unknown_key_in_file_names_file_line_and_suggestion(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\ntraining:\n  deadline_month: 30\n  absense_cap: 0.2\n")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    (p,) = exc.value.problems
    assert p.where == f"{path}:4"
    assert "unknown key 'training.absense_cap'" in p.what
    assert "did you mean 'training.absence_cap_share'?" in p.what


def test_every_problem_in_a_file_is_listed_with_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: bad\n"
        "talent:\n"
        "  intake_per_year:\n"
        "    cgvo: lots\n"
        "  renewal_share: 1.2\n"
        "venues:\n"
        "  priority: random\n"
    )
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    where = sorted(p.where for p in exc.value.problems)
    assert where == [f"{path}:4", f"{path}:5", f"{path}:7"]
    text = str(exc.value)
    assert "found 'lots'; expected a number" in text
    assert "found 1.2; expected a number between 0 and 1" in text


def test_wrong_types_are_reported():
    for key, value in (
        ("run.horizon_years", "five"),
        ("run.horizon_years", 2.5),
        ("venues.require_owned", "perhaps"),
        ("talent.county_weights", [1, 2]),
    ):
        with pytest.raises(ScenarioError) as exc:
            load_scenario(overrides={key: value})
        assert f"key '{key}'" in str(exc.value)


def test_cross_field_rules():
    with pytest.raises(ScenarioError, match="beyond the horizon of 24 months"):
        load_scenario(overrides={"run.horizon_years": 2})
    with pytest.raises(ScenarioError, match="season_start_month must not be after"):
        load_scenario(overrides={"venues.season_start_month": 11})
    with pytest.raises(ScenarioError, match="grade_shares must sum to 1; found 1.3"):
        load_scenario(
            overrides={
                "subsidies.grade_shares": {
                    "excellent": 0.5,
                    "good": 0.5,
                    "pass": 0.25,
                    "fail": 0.05,
                }
            }
        )


def test_bare_name_finds_bundled_file_and_overrides_apply():
    s = load_scenario("baseline", overrides={"talent.attrition_rate.returnee": 0.1})
    assert s.name == "baseline"
    assert s.talent.attrition_rate.returnee == 0.1
    # The override does not touch its neighbours.
    assert s.talent.attrition_rate.cgvo == Scenario().talent.attrition_rate.cgvo


def test_missing_scenario_suggests_the_nearest_name():
    with pytest.raises(ScenarioError) as exc:
        load_scenario("baselin")
    assert "did you mean 'baseline'?" in str(exc.value)


def test_yaml_errors_name_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: x\ntalent:\n  renewal_share: [0.5\n")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert exc.value.problems[0].where.startswith(f"{path}:")
    assert "not valid YAML" in str(exc.value)


def test_yaml_is_loaded_safely(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("name: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ScenarioError, match="not valid YAML"):
        load_scenario(path)


def test_non_mapping_file_is_rejected(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n- 2\n")
    with pytest.raises(ScenarioError, match="expected a mapping"):
        load_scenario(path)


def test_legacy_encoding_says_resave_as_utf8(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("name: gbk\ntitle: 基线情景\n".encode("gbk"))
    with pytest.raises(ScenarioError, match="re-save the file as UTF-8"):
        load_scenario(path)


def test_scenario_is_immutable():
    s = Scenario()
    with pytest.raises(ValidationError):
        s.training.deadline_month = 30  # type: ignore[misc]


@pytest.mark.parametrize("name", list_scenarios())
def test_bundled_scenarios_round_trip_exactly(name):
    s = load_scenario(name)
    again = Scenario.from_yaml_text(s.to_yaml())
    assert again == s
    assert again.to_yaml() == s.to_yaml()


def test_bundled_scenarios_are_meaningful():
    names = list_scenarios()
    assert "baseline" in names and len(names) >= 3
    base = load_scenario("baseline")
    for name in names:
        s = load_scenario(name)
        assert s.name == name, "file name and scenario name agree"
        assert (SCENARIO_DIR / f"{name}.yaml").is_file()
        if name != "baseline":
            assert s.changes_from(base), f"{name} changes nothing"
            assert s.description


def test_changes_from_lists_dotted_keys():
    base = Scenario()
    s = base.with_overrides({"training.absence_cap_share": 0.2, "run.seed": 7})
    assert s.changes_from(base) == {
        "training.absence_cap_share": (0.1, 0.2),
        "run.seed": (base.run.seed, 7),
    }


def test_flatten_covers_exactly_the_schema_fields():
    flat = flatten(Scenario().to_dict())
    meta = {"name", "title", "description", "title_zh", "description_zh", "based_on"}
    assert set(flat) - meta == set(FIELDS)


def test_allowed_text_for_each_kind():
    assert allowed_text("run.language") == "one of 'en', 'zh'"
    assert allowed_text("talent.contract_years") == "a whole number between 1 and 6 (years)"
    assert allowed_text("training.yearly_budget_yuan").startswith("a number or empty")


def _value_strategy(key):
    f = FIELDS[key]
    if f.choices:
        return st.sampled_from(list(f.choices))
    if f.annotation is bool:
        return st.booleans()
    if f.annotation is int:
        return st.integers(int(f.ge), int(f.le))
    if f.annotation is float:
        return st.floats(f.ge, f.le, allow_nan=False)
    return None


_SIMPLE = [k for k in FIELDS if _value_strategy(k) is not None and "deadline" not in k]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_valid_values_round_trip_through_yaml(data):
    keys = data.draw(st.lists(st.sampled_from(_SIMPLE), min_size=1, max_size=6, unique=True))
    overrides = {k: data.draw(_value_strategy(k)) for k in keys}
    overrides.pop("run.horizon_years", None)  # keep deadlines inside the horizon
    if overrides.get("talent.intake_split") == "weights":
        overrides["talent.county_weights"] = {"C01": 1.0}  # the split needs a weight
    if "run.start_year" in overrides:  # the plan is issued in the year before its first year
        overrides["run.plan_issued"] = f"{overrides['run.start_year'] - 1}-09"
    if {"venues.season_start_month", "venues.season_end_month"} & set(overrides):
        overrides["venues.season_start_month"] = 5
        overrides["venues.season_end_month"] = 10
    s = Scenario().with_overrides(overrides)
    again = Scenario.from_yaml_text(s.to_yaml())
    assert again == s
    for k, v in overrides.items():
        got = again
        for part in k.split("."):
            got = getattr(got, part)
        assert got == v or (isinstance(v, float) and math.isclose(got, v))


def test_literal_fields_have_choices_for_every_value():
    for key, f in FIELDS.items():
        if typing.get_origin(f.annotation) is typing.Literal:
            assert f.choices is not None, key
            assert set(f.choices) == set(typing.get_args(f.annotation)), key


def test_parameter_reference_is_current():
    from planning.paths import ROOT
    from planning.scenario import parameters_markdown

    committed = (ROOT / "docs" / "parameters.md").read_text(encoding="utf-8")
    assert committed == parameters_markdown(), (
        "regenerate: python -m planning.scenario > docs/parameters.md"
    )
