"""Hostile scenario files and values: YAML bombs, doubled keys, nonsense numbers, odd ids.

Each case once crashed, hung or was accepted and ran on wrong numbers; each must now be a
ScenarioError naming the file, line and dotted key, found by ``planning validate`` and by
the batch's up-front check, before any kernel starts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planning import ScenarioError, load_baseline, load_scenario
from planning.batch import plan_batch
from planning.cli import main
from planning.errors import Problem
from planning.limits import MAX_SCENARIO_DEPTH, MAX_SCENARIO_FILE_BYTES, MAX_SCENARIO_NAME_LENGTH
from planning.paths import SCENARIO_DIR
from planning.scenario import FIELDS, Scenario, _all_keys, check_scenario_data, suggest_key


def scenario_file(folder: Path, text: str, name: str = "mine.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(*args, **kw) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        load_scenario(*args, **kw)
    return info.value


def shown(err: ScenarioError) -> list[str]:
    return [str(p) for p in err.problems]


# --------------------------------------------------------------------- 3: YAML bombs, depth, size

# Each level maps nine keys to the level below: 9**8 mappings once expanded, from 700 bytes.
BILLION_LAUGHS = "name: bomb\na: &a {x: lol}\n" + "".join(
    f"{a}: &{a} {{{', '.join(f'{a}{i}: *{b}' for i in range(9))}}}\n"
    for a, b in zip("bcdefghi", "abcdefgh", strict=True)
)


@pytest.mark.timeout(60)
def test_alias_bomb_is_refused_at_its_line(tmp_path):
    path = scenario_file(tmp_path, BILLION_LAUGHS)
    assert len(path.read_bytes()) < 1000
    err = error_of(path)
    assert err.headline == f"{path} is refused"
    assert shown(err) == [
        f"{path}:2: found an anchor or alias (& or *); a scenario file writes every value out "
        "in full"
    ]


def test_a_single_alias_is_refused_too(tmp_path):
    path = scenario_file(
        tmp_path,
        "name: alias\n"
        "talent:\n"
        "  attrition_rate: &rates {cgvo: 0.1, returnee: 0.1, leader: 0.1}\n"
        "  degree_share: *rates\n",
    )
    assert shown(error_of(path)) == [
        f"{path}:3: found an anchor or alias (& or *); a scenario file writes every value out "
        "in full"
    ]


def test_thousands_of_nested_brackets_are_refused(tmp_path):
    path = scenario_file(tmp_path, "name: deep\n\ntalent: " + "[" * 5000 + "]" * 5000 + "\n")
    assert shown(error_of(path)) == [
        f"{path}:3: found values nested more than {MAX_SCENARIO_DEPTH} levels deep; a scenario "
        "needs 3 (section, group, key)"
    ]


def test_nesting_up_to_the_limit_reaches_the_schema(tmp_path):
    # The document is level 1, 'talent' level 2: 8 more brackets make 10 levels.
    path = scenario_file(tmp_path, "name: deep\ntalent: " + "[" * 8 + "]" * 8 + "\n")
    assert shown(error_of(path)) == [
        f"{path}:2: key 'talent': found [[[[[[[[]]]]]]]]; expected keys indented under it, "
        "such as 'intake_ramp: 0.0' (or delete the line)"
    ]


def test_oversized_scenario_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: nothing is written
    err = error_of(path)
    assert err.headline == f"{path} is too large"
    assert shown(err) == [
        f"{path}: found 50.0 MB; expected at most 1.0 MB for a scenario file (a complete "
        "scenario is about 5 KB). Is it the right file?"
    ]


def test_oversized_yaml_text_is_refused():
    text = "name: big\ndescription: " + "x" * MAX_SCENARIO_FILE_BYTES + "\n"
    with pytest.raises(ScenarioError, match="expected at most 1.0 MB for a scenario file"):
        Scenario.from_yaml_text(text, "big.yaml")


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("run:\n  seed: " + "9" * 5000, "Exceeds the limit (4300 digits)"),
        ("title: 2014-13-45", "month must be in 1..12"),
    ],
)
def test_values_yaml_resolves_but_python_cannot_build(tmp_path, line, fragment):
    path = scenario_file(tmp_path, f"name: odd\n{line}\n")
    err = error_of(path)
    assert err.headline == f"{path} is not valid YAML"
    (problem,) = err.problems
    assert problem.where == str(path)
    assert fragment in problem.what
    assert problem.what.endswith("; write it as a plain number or text")


# --------------------------------------------------------------------- 4: keys given twice


def test_section_given_twice_names_both_lines(tmp_path):
    path = scenario_file(
        tmp_path,
        "name: twice\n"
        "talent:\n"
        "  intake_ramp: 0.1\n"
        "training:\n"
        "  deadline_month: 30\n"
        "talent:\n"
        "  renewal_share: 0.5\n",
    )
    err = error_of(path)
    assert err.headline == f"{path}: 1 key given twice"
    assert shown(err) == [
        f"{path}:6: key 'talent' is given twice, on lines 2 and 6; keep one (YAML would "
        "silently drop the first)"
    ]
    assert err.problems[0].key == "talent"


def test_key_given_twice_inside_a_section_and_a_mapping(tmp_path):
    path = scenario_file(
        tmp_path,
        "name: twice\n"
        "training:\n"
        "  deadline_month: 30\n"
        "  deadline_month: 36\n"
        "talent:\n"
        "  county_weights: {C01: 1, C01: 2}\n",
    )
    assert shown(error_of(path)) == [
        f"{path}:4: key 'training.deadline_month' is given twice, on lines 3 and 4; keep one "
        "(YAML would silently drop the first)",
        f"{path}:6: key 'talent.county_weights.C01' is given twice, on lines 6 and 6; keep one "
        "(YAML would silently drop the first)",
    ]


# --------------------------------------------------------------------- 5: nonsense values


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        (
            "{excellent: .nan, good: 0.5, pass: 0.25, fail: 0.05}",
            "'excellent' is nan; expected a share between 0 and 1",
        ),
        (
            "{excellent: 2.0, good: -1.0, pass: 0.0, fail: 0.0}",
            "'excellent' is 2; expected a share between 0 and 1",
        ),
        (
            "{excellent: 0.2, good: -0.5, pass: 1.25, fail: 0.05}",
            "'good' is -0.5; expected a share between 0 and 1",
        ),
    ],
)
def test_grade_shares_each_between_0_and_1(tmp_path, shares, message):
    path = scenario_file(tmp_path, f"name: grades\nsubsidies:\n  grade_shares: {shares}\n")
    assert shown(error_of(path)) == [f"{path}:3: key 'subsidies.grade_shares': {message}"]


def test_grade_bonus_nan(tmp_path):
    path = scenario_file(
        tmp_path,
        "name: bonus\nsubsidies:\n  grade_bonus:\n"
        "    excellent: 0.5\n    good: .nan\n    pass: 0.1\n    fail: 0\n",
    )
    assert shown(error_of(path)) == [
        f"{path}:5: key 'subsidies.grade_bonus': 'good' is nan; expected a share of the basic "
        "pay between 0 and 1"
    ]


@pytest.mark.parametrize(
    ("weight", "found"), [("1e308", "1e+308"), (".nan", "nan"), ("-1", "-1"), (".inf", "inf")]
)
def test_county_weights_finite_and_bounded(tmp_path, weight, found):
    path = scenario_file(
        tmp_path,
        "name: weights\ntalent:\n  intake_split: weights\n  county_weights:\n"
        f"    C01: 1\n    C02: {weight}\n",
    )
    assert shown(error_of(path)) == [
        f"{path}:6: key 'talent.county_weights': 'C02' is {found}; expected a weight between "
        "0 and 1,000,000"
    ]


def test_weights_split_needs_a_positive_weight(tmp_path):
    path = scenario_file(
        tmp_path, "name: weights\ntalent:\n  intake_split: weights\n  county_weights: {C01: 0}\n"
    )
    assert shown(error_of(path)) == [
        f"{path}:4: key 'talent.county_weights': intake_split is 'weights' but no county has a "
        "positive weight; give at least one county a weight above 0 (e.g. {C01: 1})"
    ]
    path = scenario_file(tmp_path, "name: weights\ntalent:\n  intake_split: weights\n")
    assert [p.where for p in error_of(path).problems] == [f"{path}:3"]


def test_county_budget_shares_nan(tmp_path):
    path = scenario_file(tmp_path, "name: shares\nvenues:\n  county_budget_shares: {C01: .nan}\n")
    assert shown(error_of(path)) == [
        f"{path}:3: key 'venues.county_budget_shares': 'C01' is nan; expected a share between "
        "0 and 1"
    ]


@pytest.mark.parametrize(
    ("key", "count", "message"),
    [
        ("'B1:²'", 2, "found the key 'B1:²'; expected 'BASE:YEAR'"),
        ("'B1:２０１５'", 2, "found the key 'B1:２０１５'; expected 'BASE:YEAR'"),
        ("B1", 2, "found the key 'B1'; expected 'BASE:YEAR'"),
        ("':2015'", 2, "found the key ':2015'; expected 'BASE:YEAR'"),
        ("B1:2015", -3, "'B1:2015' is -3; expected a whole number of classes between 0 and 1,000"),
        ("B1:2015", 5000, "'B1:2015' is 5,000; expected a whole number of classes between 0 and"),
        ("B1:2030", 2, "found the year 2030 in 'B1:2030'; expected a plan year 2014-2018"),
    ],
)
def test_extra_classes_keys_and_counts(tmp_path, key, count, message):
    path = scenario_file(
        tmp_path, f"name: extra\ntraining:\n  extra_classes:\n    {key}: {count}\n"
    )
    (problem,) = error_of(path).problems
    assert problem.where == f"{path}:4"
    assert problem.what.startswith(f"key 'training.extra_classes': {message}")
    assert problem.key == "training.extra_classes"


def test_control_characters_in_title_and_description(tmp_path):
    path = scenario_file(
        tmp_path, 'name: ctl\ntitle: "A\\x01B"\ndescription: "one\\ntwo\\tthree\\0"\n'
    )
    assert shown(error_of(path)) == [
        f"{path}:2: key 'title': found a control character (\\x01) in 'A\\x01B'; expected "
        "plain text",
        f"{path}:3: key 'description': found a control character (\\x00) in "
        "'one\\x0atwo\\x09three\\x00'; expected plain text",
    ]


def test_line_breaks_in_a_description_are_fine(tmp_path):
    path = scenario_file(tmp_path, 'name: ok\ndescription: "one\\ntwo\\tthree"\n')
    assert load_scenario(path).description == "one\ntwo\tthree"


# --------------------------------------------------------------------- 5: scenario x data


@pytest.fixture(scope="module")
def city():
    return load_baseline()


UNKNOWN_IDS = (
    "name: ids\n"
    "talent:\n"
    "  intake_split: weights\n"
    "  county_weights:\n"
    "    C01: 1\n"
    "    C99: 2\n"
    "venues:\n"
    "  county_budget_shares: {C1: 0.2}\n"
    "training:\n"
    "  extra_classes:\n"
    "    B9:2015: 2\n"
    "    B5:2015: 1\n"
)


def expected_id_problems(path: Path) -> list[str]:
    counties = "C01, C02, C03, C04, C05, C06, C07, C08, C09, C10"
    return [
        f"{path}:6: key 'talent.county_weights': found the county 'C99', which is not in the "
        f"data (did you mean 'C09'?); expected one of {counties}",
        f"{path}:8: key 'venues.county_budget_shares': found the county 'C1', which is not in "
        f"the data (did you mean 'C10'?); expected one of {counties}",
        f"{path}:11: key 'training.extra_classes': found the base 'B9' in 'B9:2015', which is "
        "not in the data; expected one of B1, B2, B3, B4",
        f"{path}:12: key 'training.extra_classes': found the base 'B5' in 'B5:2015', whose "
        "courses are not out of town; expected one of B1, B2, B3, B4, or set "
        "training.include_in_town_bases: true",
    ]


def test_unknown_counties_and_bases_against_the_data(tmp_path, city):
    path = scenario_file(tmp_path, UNKNOWN_IDS)
    load_scenario(path)  # fine on its own: ids are checked against data
    err = error_of(path, baseline=city)
    assert err.headline == f"{path}: 4 problems with the data in {city.source}"
    assert shown(err) == expected_id_problems(path)
    assert [p.key for p in err.problems] == [
        "talent.county_weights",
        "venues.county_budget_shares",
        "training.extra_classes",
        "training.extra_classes",
    ]


def test_in_town_base_allowed_when_in_town_bases_count(tmp_path, city):
    path = scenario_file(
        tmp_path,
        "name: town\ntraining:\n  include_in_town_bases: true\n  extra_classes: {B5:2015: 1}\n",
    )
    assert load_scenario(path, baseline=city).training.extra_classes == {"B5:2015": 1}


def test_check_scenario_data_without_a_file(city):
    s = Scenario().with_overrides({"venues.county_budget_shares": {"X": 0.5}})
    with pytest.raises(ScenarioError) as info:
        check_scenario_data(s, city)
    assert [p.where for p in info.value.problems] == ["scenario"]


def test_validate_checks_scenario_against_data(tmp_path, capsys):
    path = scenario_file(tmp_path, UNKNOWN_IDS)
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    for line in expected_id_problems(path):
        assert f"  {line}\n" in err
    assert "Traceback" not in err


def test_batch_checks_scenario_against_data_before_any_kernel(tmp_path):
    path = scenario_file(tmp_path, UNKNOWN_IDS)
    plan = plan_batch([str(path), "baseline"], out=tmp_path / "out")
    assert [t.name for t in plan.tasks] == ["baseline"]
    (invalid,) = plan.invalid
    assert invalid.status == "invalid"
    for line in expected_id_problems(path):
        assert f"  {line}" in invalid.message.splitlines()


def test_batch_overrides_are_checked_against_data_without_a_file_line(tmp_path):
    plan = plan_batch(
        ["baseline"],
        out=tmp_path / "out",
        overrides={"venues.county_budget_shares": {"C77": 0.5}},
    )
    (invalid,) = plan.invalid
    source = f"{SCENARIO_DIR / 'baseline.yaml'} + overrides"
    assert (
        f"  {source}: key 'venues.county_budget_shares': found the county 'C77', which is "
        "not in the data (did you mean 'C07'?); expected one of C01, "
    ) in invalid.message


# --------------------------------------------------------------------- 8: sections, suggestions


@pytest.mark.parametrize(
    ("section", "found"),
    [("talent:\n", "an empty section"), ("talent: 5\n", "5"), ("talent: [1, 2]\n", "[1, 2]")],
)
def test_section_empty_or_a_value_with_overrides(tmp_path, section, found):
    path = scenario_file(tmp_path, "name: odd\n" + section)
    for overrides in ({"talent.intake_ramp": 0.2}, {"talent.attrition_rate.cgvo": 0.1}, None):
        err = error_of(path, overrides=overrides)
        assert shown(err) == [
            f"{path}:2: key 'talent': found {found}; expected keys indented under it, such as "
            "'intake_ramp: 0.0' (or delete the line)"
        ]


def test_pool_group_given_a_value(tmp_path):
    path = scenario_file(tmp_path, "name: odd\ntalent:\n  attrition_rate: 0.1\n")
    err = error_of(path, overrides={"talent.attrition_rate.cgvo": 0.2})
    assert shown(err) == [
        f"{path}:3: key 'talent.attrition_rate': found 0.1; expected keys indented under it, "
        "such as 'cgvo: 0.06' (or delete the line)"
    ]


def test_overriding_a_section_names_its_keys():
    err = error_of(overrides={"talent.intake_per_year": 5})
    assert shown(err) == [
        "overrides: key 'talent.intake_per_year' is a section, not a parameter; override one "
        "of its keys, e.g. 'talent.intake_per_year.cgvo'"
    ]


def test_suggestion_is_never_what_was_typed():
    for key in _all_keys():
        assert suggest_key(key) != key, key


def test_unknown_key_suggestion_in_a_file(tmp_path):
    path = scenario_file(tmp_path, "name: x\ntalent:\n  intake_per_yer: {cgvo: 1}\n")
    assert shown(error_of(path)) == [
        f"{path}:3: unknown key 'talent.intake_per_yer'; did you mean 'talent.intake_per_year'?"
    ]


# --------------------------------------------------------------------- Problem.key


def test_problem_key_is_keyword_only_and_optional():
    p = Problem("a.yaml:3", "found 2")
    assert p.key is None
    assert str(p) == "a.yaml:3: found 2"
    assert Problem("a.yaml:3", "found 2", key="run.seed").key == "run.seed"
    with pytest.raises(TypeError):
        Problem("a.yaml:3", "found 2", "run.seed")  # type: ignore[misc]


def test_every_scenario_problem_carries_its_key(tmp_path):
    path = scenario_file(
        tmp_path,
        "name: keys\n"
        "talent:\n"
        "  attrition_rate:\n"
        "    returnee: 2\n"
        "  renewl_share: 0.5\n"
        "training:\n"
        "  deadline_month: 100\n"
        "subsidies:\n"
        "  grade_shares: {excellent: 0.5, good: 0.5, pass: 0.5, fail: 0}\n",
    )
    err = error_of(path)
    assert {p.where: p.key for p in err.problems} == {
        f"{path}:4": "talent.attrition_rate.returnee",
        f"{path}:5": "talent.renewl_share",
        f"{path}:9": "subsidies.grade_shares",
    }
    # The cross-field rule runs once the fields are valid.
    path = scenario_file(tmp_path, "name: keys\ntraining:\n  deadline_month: 100\n")
    (p,) = error_of(path).problems
    assert (p.where, p.key) == (f"{path}:3", "training.deadline_month")
    (p,) = error_of(overrides={"run.horizon_years": 2}).problems
    assert p.key == "training.deadline_month"
    (p,) = error_of(overrides={"talent.atrition_rate.cgvo": 0.1}).problems
    assert p.key == "talent.atrition_rate.cgvo"


def test_problem_key_of_a_mapping_entry_is_the_field():
    err = error_of(overrides={"talent.county_weights": {"C01": "many"}})
    (p,) = err.problems
    assert p.key == "talent.county_weights"
    assert p.what.startswith("'talent.county_weights.C01': found 'many'; Input should be")


def test_every_field_key_is_a_control_key():
    # A form finds each problem's control by Problem.key; every schema key is one.
    for key in FIELDS:
        (p,) = error_of(overrides={key: object()}).problems
        assert p.key == key, key


def test_training_model_reads_only_ascii_years_in_extra_classes():
    # The model's own guard, for a scenario built without validation: '²' passes
    # str.isdigit() but not int().
    from planning.models.training import _extra_classes

    s = Scenario()
    unchecked = s.model_copy(
        update={"training": s.training.model_copy(update={"extra_classes": {"B1:²": 2}})}
    )
    with pytest.raises(ScenarioError) as info:
        _extra_classes(unchecked, ("B1", "B2"))
    assert [str(p) for p in info.value.problems] == [
        "training.extra_classes: key 'B1:²' = 2: expected 'BASE:YEAR' with a base among B1, "
        "B2, a plan year 2014-2018 and a whole number >= 0"
    ]


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        (
            "name",
            "x" * (MAX_SCENARIO_NAME_LENGTH + 1),
            "expected a name of 1 to 80 letters, digits, '_', '.' and '-', starting with a "
            "letter, digit or '_' (it names the run's output folder)",
        ),
        ("title", "t" * 201, "expected text of at most 200 characters"),
        ("description", "d" * 5001, "expected text of at most 5,000 characters"),
    ],
)
def test_name_title_and_description_lengths(key, value, expected):
    (p,) = error_of(overrides={key: value}).problems
    assert p.what == f"key '{key}': found '{value[:36]}...; {expected}"
    assert p.key == key
    assert getattr(load_scenario(overrides={key: value[:-1]}), key) == value[:-1]  # at the limit
