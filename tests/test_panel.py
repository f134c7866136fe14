"""The workbook panel, headless: controls, live figures, dependency map, save-as, errors, language."""

from __future__ import annotations

import re

import numpy as np
import pytest

from planning.i18n import t
from planning.panel import TABS, LiveFigure, NameTaken, SaveError, Workbook
from planning.scenario import FIELDS, list_scenarios, load_scenario

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def tiny():
    from planning.synth import generate

    return generate("tiny")


@pytest.fixture()
def wb(tiny, tmp_path):
    return Workbook(baseline=tiny, scenario="baseline", scenario_dir=_copy_scenarios(tmp_path))


def _copy_scenarios(tmp_path):
    from planning.paths import SCENARIO_DIR

    d = tmp_path / "scenarios"
    d.mkdir()
    for p in SCENARIO_DIR.glob("*.yaml"):
        (d / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return d


def _trace_y(fig_widget, name_part: str | None = None, index: int = 0):
    traces = list(fig_widget.data)
    if name_part is not None:
        traces = [tr for tr in traces if name_part in (tr.name or "")]
    return np.asarray(traces[index].y, dtype=float)


@pytest.mark.parametrize("name", list_scenarios())
def test_panel_builds_for_every_scenario(example_baseline, name):
    wb = Workbook(baseline=example_baseline, scenario=name)
    wb.draw_all()
    assert wb.errors == {} and wb._draw_errors == {}
    assert wb.scenario == load_scenario(name)
    assert [wb.tab.get_title(i) for i in range(len(TABS))] == [
        t(f"panel.tab.{n}", "en") for n in TABS
    ]
    for tab in ("talent", "training", "venues", "subsidies"):
        assert wb.tabs[tab].charts, f"no charts in {tab}"
        assert "pw-card" in wb.tabs[tab].numbers.value
    assert "pw-pill" in wb.tabs["targets"].register.value
    assert wb.changed_keys() == []


def test_workbook_controls_cover_the_schema_once(wb):
    keys = [k for c in wb.controls.values() for k in c.widgets] + list(wb.language.widgets)
    assert sorted(keys) == sorted(FIELDS)
    assert len(keys) == len(set(keys))
    # each tab shows its own section's controls
    for name in ("talent", "training", "venues", "subsidies"):
        assert all(k.startswith(name + ".") for k in wb.controls[name].widgets)


def test_changing_a_control_updates_the_figures_in_place(wb, tiny):
    from planning.models.talent import run_talent

    live: LiveFigure = wb.tabs["talent"].charts["talent_pools"]
    widget = live.widget
    before = [np.asarray(tr.y, dtype=float).copy() for tr in widget.data]
    wb.set("talent.intake_per_year.returnee", 3000)
    assert wb.tabs["talent"].charts["talent_pools"].widget is widget  # never re-created
    after = [np.asarray(tr.y, dtype=float) for tr in widget.data]
    assert any(not np.allclose(a, b) for a, b in zip(before, after, strict=True))
    # The figure shows what the model computes for the new settings.
    expected = run_talent(tiny, wb.scenario).city_total.to_numpy()
    stacked = np.sum([y for y in after if len(y) == len(expected)], axis=0)
    shown = [y for y in after if np.allclose(y, expected)] or [stacked]
    assert np.allclose(shown[0], expected)
    assert live.updates == 1


def test_only_models_depending_on_the_changed_section_rerun(wb):
    runs = dict(wb.runs)
    wb.set("venues.project_months", 4)
    assert {k: wb.runs[k] - runs[k] for k in runs} == {
        "talent": 0,
        "talent_seek": 0,
        "training": 0,
        "venues": 1,
        "venue_seek": 1,
        "subsidies": 0,
        "budget": 1,
        "surveys": 0,
        "pairing": 0,
        "register": 1,
    }
    runs = dict(wb.runs)
    wb.set("subsidies.income_multiplier", 1.5)
    assert {k for k in runs if wb.runs[k] > runs[k]} == {"subsidies", "budget", "register"}
    runs = dict(wb.runs)
    wb.set("targets.talent_total_min", 500)  # read by the talent model's target
    assert {k for k in runs if wb.runs[k] > runs[k]} == {"talent", "talent_seek", "register"}
    runs = dict(wb.runs)
    wb.set("targets.satisfaction_min", 0.95)  # read by the register only
    assert {k for k in runs if wb.runs[k] > runs[k]} == {"register"}
    runs = dict(wb.runs)
    wb.set("targets.satisfaction_change_per_year", 0.01)  # the surveys' assumption
    assert {k for k in runs if wb.runs[k] > runs[k]} == {"surveys", "register"}
    runs = dict(wb.runs)
    wb.set("run.language", "zh")  # words only: just the register's labels
    assert {k for k in runs if wb.runs[k] > runs[k]} == {"register"}


_TARGETS = {
    "talent_total_min": 500,
    "talent_deadline_month": 24,
    "degree_share_min": 0.5,
    "degree_deadline_month": 30,
    "socwork_share_min": 0.5,
    "socwork_deadline_month": 30,
    "key_share": 0.5,
    "satisfaction_min": 0.5,
    "at_risk_probability": 0.6,
}


@pytest.mark.parametrize(
    ("model", "section", "overrides"),
    [
        ("talent", "training", {"training.absence_cap_share": 0.3}),
        ("talent", "venues", {"venues.project_months": 5}),
        ("talent", "subsidies", {"subsidies.income_multiplier": 2.0}),
        ("venues", "talent", {"talent.intake_per_year.cgvo": 900}),
        ("venues", "targets", {"targets.talent_total_min": 100}),
        ("subsidies", "venues", {"venues.yearly_budget_yuan": 1e6}),
        ("subsidies", "targets", {"targets.degree_share_min": 0.5}),
        ("training", "talent", {"talent.cadre_turnover_rate": 0.2}),
        ("training", "venues", {"venues.season_start_month": 4}),
        ("training", "targets", {f"targets.{k}": v for k, v in _TARGETS.items()}),
        ("venues", "targets", {f"targets.{k}": v for k, v in _TARGETS.items()}),
        ("talent", "targets.satisfaction_min", {"targets.satisfaction_min": 0.5}),
        ("talent", "targets.at_risk_probability", {"targets.at_risk_probability": 0.6}),
        ("surveys", "talent", {"talent.intake_per_year.cgvo": 900}),
        ("surveys", "targets.satisfaction_min", {"targets.satisfaction_min": 0.5}),
        ("pairing", "targets", {"targets.satisfaction_change_per_year": 0.02}),
        ("pairing", "subsidies", {"subsidies.income_multiplier": 2.0}),
    ],
)
def test_dependency_map_is_sound(tiny, model, section, overrides):
    """A model does not read a section (or key) the map says it does not depend on."""
    from planning.panel import MODELS

    spec = {m.name: m for m in MODELS}[model]
    assert section not in spec.sections
    assert not any(section.startswith(x + ".") for x in spec.sections)
    s = load_scenario("baseline")
    a = spec.run(tiny, s, {})
    b = spec.run(tiny, s.with_overrides(overrides), {})
    _assert_same_result(a, b)


def _assert_same_result(a, b):
    import dataclasses

    import pandas as pd

    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, pd.DataFrame):
            pd.testing.assert_frame_equal(x, y)
        elif isinstance(x, np.ndarray):
            np.testing.assert_array_equal(x, y)
        elif dataclasses.is_dataclass(x):
            _assert_same_result(x, y)
        elif isinstance(x, dict):  # e.g. solver statistics: compare all but timings
            assert {k: v for k, v in x.items() if not k.endswith("_s")} == {
                k: v for k, v in y.items() if not k.endswith("_s")
            }, f.name
        else:
            assert x == y, f.name


def test_save_as_round_trip_and_overwrite_needs_confirmation(wb):
    wb.set("talent.intake_per_year.returnee", 2100)
    wb.set("venues.priority", "cheapest")
    wb.set("subsidies.grade_shares", "excellent: 0.3, good: 0.4, pass: 0.25, fail: 0.05")
    expected = wb.read_scenario()
    path = wb.save_as("my_plan")
    assert path == wb.scenario_dir / "my_plan.yaml"
    saved = load_scenario(path)
    assert saved.name == "my_plan"
    # Identical settings: every parameter equal to what the controls showed.
    meta = {"name": "x", "title": "x", "description": "", "based_on": ""}
    meta |= {"title_zh": "", "description_zh": ""}
    assert saved.model_copy(update=meta) == expected.model_copy(update=meta)
    assert saved.based_on == "baseline" and saved.title == "my_plan"
    assert set(saved.changes_from(load_scenario("baseline"))) >= {
        "talent.intake_per_year.returnee",
        "venues.priority",
        "subsidies.grade_shares",
    }
    # The saved file becomes the chosen scenario: nothing differs from it any more.
    assert wb.scenario_pick.value == "my_plan" and wb.changed_keys() == []
    text = path.read_text(encoding="utf-8")
    wb.set("venues.project_months", 6)
    with pytest.raises(NameTaken):
        wb.save_as("my_plan")
    assert path.read_text(encoding="utf-8") == text  # untouched without confirmation
    wb.save_as("my_plan", overwrite=True)
    assert load_scenario(path).venues.project_months == 6


def test_save_buttons_ask_before_overwriting(wb):
    wb.save_name.value = "baseline"
    before = (wb.scenario_dir / "baseline.yaml").read_text(encoding="utf-8")
    wb.save_button.click()
    assert wb.confirm_button.layout.display != "none"
    assert "already exists" in wb.bar_message.value
    assert (wb.scenario_dir / "baseline.yaml").read_text(encoding="utf-8") == before
    wb.save_name.value = "baseline_copy"  # another name: the confirmation goes away
    assert wb.confirm_button.layout.display == "none"
    wb.save_button.click()
    assert "Saved" in wb.bar_message.value and (wb.scenario_dir / "baseline_copy.yaml").exists()


def test_saved_file_passes_the_command_line_validation(wb, capsys):
    from planning.cli import main

    path = wb.save_as("for_batch")
    assert main(["validate", str(path)]) == 0
    assert "1 valid" in capsys.readouterr().out


def test_bad_names_are_refused(wb):
    for bad in ("", "../evil", "has space", "-dash", "x" * 300, "a\x00b"):
        with pytest.raises(SaveError):
            wb.save_as("A title", name=bad)
    with pytest.raises(SaveError, match="title"):
        wb.save_as("  ")
    assert sorted(p.stem for p in wb.scenario_dir.glob("*.yaml")) == list_scenarios()


def test_a_bad_value_shows_a_message_next_to_the_control(wb):
    runs = dict(wb.runs)
    wb.set("training.deadline_month", 80)  # beyond the 60-month horizon
    msg = wb.controls["training"].messages["training.deadline_month"]
    assert msg.layout.display == "" and "beyond the horizon of 60 months" in msg.value
    assert t("panel.invalid", "en") in wb.tabs["training"].message.value
    assert "Traceback" not in wb.tabs["training"].message.value
    assert wb.runs == runs  # nothing recomputed from invalid settings
    with pytest.raises(SaveError, match="Fix the highlighted values"):
        wb.save_as("broken")
    wb.set("training.deadline_month", 30)
    assert msg.layout.display == "none" and msg.value == ""
    assert wb.tabs["training"].message.value == ""
    assert wb.runs["training"] == runs["training"] + 1


def test_unreadable_text_and_section_rules_land_next_to_their_control(wb):
    wb.set("subsidies.grade_shares", "excellent: 0.9, good: 0.9, pass: 0, fail: 0")
    msg = wb.controls["subsidies"].messages["subsidies.grade_shares"]
    assert "must sum to 1" in msg.value
    wb.set("subsidies.grade_shares", "excellent: a lot")
    assert "cannot read" in msg.value
    wb.reset()
    assert msg.value == "" and wb.changed_keys() == []


def test_changed_fields_are_highlighted_and_reset_clears_them(wb):
    wb.set("talent.exam_pass_rate", 0.5)
    wb.set("venues.require_owned", False)
    assert wb.changed_keys() == ["talent.exam_pass_rate", "venues.require_owned"]
    assert "planning-changed" in wb.controls["talent"].rows["talent.exam_pass_rate"]._dom_classes
    assert "2 changes from 'Baseline - the plan as written'" in html_text(wb.changes.value)
    wb.reset()
    assert wb.changed_keys() == [] and wb.scenario == load_scenario("baseline")
    assert (
        "planning-changed" not in wb.controls["talent"].rows["talent.exam_pass_rate"]._dom_classes
    )


def html_text(s: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", s))


def test_picking_a_scenario_moves_every_control(wb):
    wb.pick("tight_budget")
    target = load_scenario("tight_budget")
    assert wb.base == target and wb.scenario == target
    assert wb.changed_keys() == []


def test_language_switch_changes_labels_titles_charts_and_register(wb):
    runs = dict(wb.runs)
    wb.language.widgets["run.language"].value = "zh"
    assert wb.lang == "zh"
    assert wb.tab.get_title(0) == "后备人才"
    assert CJK.search(wb.widget_for("talent.exam_pass_rate").description)
    assert CJK.search(wb.reset_button.description)
    pools = wb.tabs["talent"].charts["talent_pools"].widget
    assert CJK.search(pools.layout.title.text)
    assert CJK.search(wb.tabs["targets"].register.value)
    assert CJK.search(wb.tabs["talent"].numbers.value)
    assert {k for k in runs if wb.runs[k] > runs[k]} == {"register"}
    wb.set_language("en")
    # Charts are made again in the new language (plotly reads a chart's locale once).
    again = wb.tabs["talent"].charts["talent_pools"].widget
    assert again is not pools and not CJK.search(again.layout.title.text)


def test_workbook_starts_in_the_scenario_language(tiny):
    wb = Workbook(baseline=tiny, lang="zh")
    assert wb.scenario.run.language == "zh"
    assert wb.title.value.count("工作簿") == 1


def test_bad_data_path_is_reported_readably(wb, tmp_path):
    baseline = wb.baseline
    assert wb.load_data(tmp_path / "nothing_here") is False
    assert wb.baseline is baseline
    assert "pw-error" in wb.data_status.value and "<li>" in wb.data_status.value
    assert "Traceback" not in wb.data_status.value


def test_own_excel_workbook_can_be_loaded(wb, tmp_path):
    from planning.template import write_template

    xlsx = write_template(tmp_path / "own.xlsx")
    runs = dict(wb.runs)
    assert wb.load_data(xlsx) is True, wb.data_status.value
    assert str(xlsx) in html_text(wb.data_status.value)
    assert all(wb.runs[k] == runs[k] + 1 for k in ("talent", "venues", "subsidies"))


def test_charts_of_a_hidden_tab_are_brought_up_to_date_when_it_opens(wb):
    wb.draw_all()
    venue_mix = wb.tabs["venues"].charts["venue_mix"]
    before = [np.asarray(tr.y, dtype=float).copy() for tr in venue_mix.widget.data]
    assert wb.visible_tab() == "talent"
    wb.set("venues.demonstration_share_min", 0.6)
    assert venue_mix.updates == 0  # not on screen: not rebuilt yet
    wb.tab.selected_index = TABS.index("venues")
    assert venue_mix.updates == 1
    after = [np.asarray(tr.y, dtype=float) for tr in venue_mix.widget.data]
    assert any(
        a.shape != b.shape or not np.allclose(a, b) for a, b in zip(before, after, strict=False)
    )


def test_village_room_projects_count_only_rooms_that_need_work(example_baseline):
    from planning import load_scenario, plan_venues
    from planning.catalogue import venue_cards

    s = load_scenario("baseline")
    plan = plan_venues(example_baseline, s)
    cards = {c.id: c for c in venue_cards({"venues": plan}, s, "en")}
    needed = int(plan.villages["project"].sum())
    assert 0 < needed < len(plan.villages)
    assert cards["villages.cost"].note == f"{needed:,} village rooms"


def test_save_as_takes_any_title_and_derives_a_safe_file_name(wb):
    wb.set("talent.exam_pass_rate", 0.3)
    path = wb.save_as("加快后备人才招募 2015", note="为2015年预算准备")
    assert path.parent == wb.scenario_dir and path.suffix == ".yaml"
    assert re.fullmatch(r"2015_[0-9a-f]{8}", path.stem)  # ASCII stem; digest of the title
    saved = load_scenario(path)
    assert saved.title == "加快后备人才招募 2015" and saved.based_on == "baseline"
    assert saved.description.startswith("为2015年预算准备\n")
    assert "Exam pass rate: 22 % → 30 %" in saved.description  # what changed, in words
    assert "talent.exam_pass_rate" not in saved.description
    # the picker lists scenarios by their titles
    assert ("加快后备人才招募 2015", path.stem) in wb.scenario_pick.options


def test_save_as_writes_the_description_in_the_workbook_language(tiny, tmp_path):
    wb = Workbook(baseline=tiny, lang="zh", scenario_dir=_copy_scenarios(tmp_path))
    wb.set("talent.exam_pass_rate", 0.3)
    saved = load_scenario(wb.save_as("试算"))
    assert "考试通过率：22% → 30%" in saved.description
    assert "Changes" not in saved.description and "edited" not in saved.title


def test_save_failures_are_shown_next_to_the_button_and_leave_nothing(wb, tmp_path):
    before = sorted(p.name for p in wb.scenario_dir.iterdir())
    # a 300-character file name
    wb.save_title.value = "Long"
    wb.save_name.value = "x" * 300
    wb.save_button.click()
    assert "at most 60 characters" in wb.bar_message.value
    assert "Traceback" not in wb.bar_message.value
    # a folder where the file should go
    (wb.scenario_dir / "taken.yaml").mkdir()
    wb.save_name.value = "taken"
    wb.save_button.click()
    assert "is a folder" in wb.bar_message.value
    # a scenario folder that cannot be written (a file stands where the folder should be;
    # tests run as root, which ignores permission bits)
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder", encoding="utf-8")
    wb.scenario_dir = blocked / "scenarios"
    wb.save_name.value = "fine"
    wb.save_button.click()
    assert "could not be written" in wb.bar_message.value
    assert "Traceback" not in wb.bar_message.value
    after = sorted(p.name for p in (tmp_path / "scenarios").iterdir())
    assert after == sorted([*before, "taken.yaml"])  # no stray .tmp, nothing half-written
    assert not list(tmp_path.rglob("*.tmp"))


def test_overwrite_confirmed_for_one_name_does_not_apply_to_another(wb):
    wb.save_title.value = "Copy"
    wb.save_name.value = "baseline"
    wb.save_button.click()
    assert wb.confirm_button.layout.display != "none"
    base_text = (wb.scenario_dir / "fast_recruitment.yaml").read_text(encoding="utf-8")
    wb.save_name.value = "fast_recruitment"  # changed after the question was asked
    assert wb.confirm_button.layout.display == "none"
    wb._save_clicked(overwrite=True)  # a stale click on the hidden button
    assert (wb.scenario_dir / "fast_recruitment.yaml").read_text(encoding="utf-8") == base_text
    assert "already exists" in wb.bar_message.value
    wb.confirm_button.click()  # now confirmed for this name
    assert load_scenario(wb.scenario_dir / "fast_recruitment.yaml").title == "Copy"


def test_month_and_money_controls_say_their_value_in_words(wb):
    c = wb.controls["training"]
    slider = c.widgets["training.deadline_month"]
    assert slider.readout is False  # no bare "36" beside the slider
    assert c.words["training.deadline_month"].value == "Dec 2016"
    wb.set("training.deadline_month", 30)
    assert c.words["training.deadline_month"].value == "Jun 2016"
    wb.set("run.start_year", 2015)  # on another tab: every month slider follows
    wb.set("run.plan_issued", "2014-09")  # the plan's issue date moves with it
    assert wb.problems == {}
    assert c.words["training.deadline_month"].value == "Jun 2017"
    assert wb.controls["talent"].words["talent.cgvo_intake_month"].value == "Aug"
    wb.set_language("zh")
    assert c.words["training.deadline_month"].value == "2017年6月"
    budget = wb.controls["venues"].words["venues.yearly_budget_yuan"]
    assert budget.value == "2,400万元"
    wb.set("venues.yearly_budget_yuan", 16_000_000)
    assert budget.value == "1,600万元"
