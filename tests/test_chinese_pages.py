"""Every kind of page in Chinese reads as Chinese: no Latin-letter word outside the
allow-list of :mod:`zhtools` (ids, file names, keys, hashes, m²).

Rendered for real, per page kind: the workbook app's tabs (a headless ``Workbook``: every
label, option, tooltip, card, sentence, register row and chart), the briefing (every
section and its charts' JSON, a comparison included), the batch index with an invalid
scenario, and the Excel files (``tables.xlsx``, ``training_roster.xlsx``,
``comparison.xlsx``: sheet names, headers and text cells). Charts one by one are checked in
``tests/test_chart_text.py``.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import openpyxl
import pytest
from zhtools import VisibleText, figure_texts, latin_words

from planning import briefing
from planning.batch import Outcome
from planning.panel import Workbook
from planning.report import index_html, write_index
from planning.scenario import list_scenarios

pytestmark = pytest.mark.slow

SCENARIOS = list_scenarios()


def _report(found: dict[str, str]) -> str:
    return "\n".join(f"{word!r} in {where!r}" for word, where in list(found.items())[:25])


# --------------------------------------------------------------------------- the app


def widget_texts(widget: w.Widget, skip: frozenset[int] = frozenset()) -> list[str]:
    """What the reader sees of a widget tree: descriptions, option labels, tab titles,
    placeholders, tooltips, HTML and labels. Text a user typed into a box is not read,
    except the mapping boxes the workbook fills itself. Widgets in ``skip`` (by id) and
    everything inside them are left out."""
    from planning.widgets import MappingText

    if id(widget) in skip:
        return []
    out: list[str] = []
    for name in ("description", "placeholder", "tooltip"):
        value = getattr(widget, name, None)
        if isinstance(value, str) and value:
            out.append(value)
    if isinstance(widget, w.Tab):
        out += [x for x in widget.titles if x]
    if isinstance(widget, w.Dropdown | w.Select | w.ToggleButtons):
        out += [o[0] if isinstance(o, tuple) else str(o) for o in widget.options]
    if isinstance(widget, w.HTML | w.HTMLMath):
        out += VisibleText(widget.value).texts
    elif isinstance(widget, w.Label | MappingText):
        out.append(widget.value)
    for child in getattr(widget, "children", ()) or ():
        out += widget_texts(child, skip)
    return out


@pytest.fixture(scope="module", params=SCENARIOS)
def chinese_app(request, example_baseline):
    wb = Workbook(baseline=example_baseline, scenario=request.param, lang="zh")
    wb.wait()
    wb.draw_all()
    yield request.param, wb
    wb.close()


def test_every_app_tab_reads_in_chinese(chinese_app):
    name, wb = chinese_app
    # The scenario picker and the "same as ..." line show the scenario files' titles, set
    # by the view; they are checked on their own below.
    texts = widget_texts(wb.widget, frozenset({id(wb.scenario_pick), id(wb.changes)}))
    assert any("农村后备人才" in x for x in texts), "the walk found no Chinese text"
    for tab in wb.tabs.values():
        for box in tab.figure_box.children:
            fig = getattr(box, "figure", box)
            texts += figure_texts(fig.to_plotly_json())
    found = latin_words(texts)
    assert not found, _report(found)


def test_the_app_names_scenarios_in_chinese(chinese_app):
    _, wb = chinese_app
    texts = widget_texts(wb.scenario_pick) + widget_texts(wb.changes)
    assert not latin_words(texts), _report(latin_words(texts))


def test_the_scenario_picker_follows_the_language(example_baseline):
    from planning.scenario import load_scenario

    wb = Workbook(baseline=example_baseline, scenario="baseline", lang="en")
    titles = {n: load_scenario(n) for n in SCENARIOS}
    labels = dict((v, k) for k, v in wb.scenario_pick.options)
    assert all(labels[n] == s.title for n, s in titles.items())
    wb.set_language("zh")
    labels = dict((v, k) for k, v in wb.scenario_pick.options)
    assert all(labels[n] == s.title_zh for n, s in titles.items())
    assert titles["baseline"].title_zh in wb.changes.value
    assert wb.scenario_pick.value == "baseline"
    wb.close()


def test_mapping_boxes_write_grades_in_the_page_language(example_baseline):
    wb = Workbook(baseline=example_baseline, scenario="baseline", lang="zh")
    box = wb.widget_for("subsidies.grade_shares")
    assert box.value == "优秀 0.2、称职 0.5、基本称职 0.25、不称职 0.05"
    before = wb.read_scenario().subsidies.grade_shares
    wb.set_language("en")
    assert box.value == "excellent: 0.2, good: 0.5, pass: 0.25, fail: 0.05"
    assert wb.read_scenario().subsidies.grade_shares == before
    assert wb.changed_keys() == []
    wb.close()


# --------------------------------------------------------------------------- briefings


def briefing_page(name: str, compare_to: str | None = None) -> str:
    """A Chinese briefing as the notebook assembles it, on one stand-alone page."""
    b = briefing.prepare(name, {"run.language": "zh", "run.mc_draws": 200}, None, compare_to)
    parts = [
        b.header(),
        b.summary(),
        b.talent_section(),
        b.training_section(),
        b.venues_section(),
        b.subsidies_section(),
        b.comparison(),
        b.appendix(),
    ]
    body = "".join(part.html() for part in parts)
    return briefing.page(b.scenario.title_in("zh"), body, lang="zh")


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_briefing_reads_in_chinese(name):
    compare_to = "baseline" if name != "baseline" else None
    seen = VisibleText(briefing_page(name, compare_to))
    assert any("总体情况" in x for x in seen.texts)
    assert seen.charts, "the page has no charts: the chart scripts were not found"
    texts = seen.texts + [x for fig in seen.charts for x in figure_texts(fig)]
    found = latin_words(texts, allowed=SCENARIOS)
    assert not found, _report(found)


def test_an_exported_chinese_briefing_registers_plotly_in_chinese(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    chart = briefing.Chart({"data": [{"type": "bar", "x": ["甲"], "y": [1]}], "layout": {}})
    out = nbformat.v4.new_output("display_data", data=chart._repr_mimebundle_())
    nb.cells.append(nbformat.v4.new_code_cell("", outputs=[out]))
    zh = briefing.render_html(nb, title="测算简报", lang="zh")
    en = briefing.render_html(nb, title="Briefing", lang="en")
    assert "Plotly.setPlotConfig({locale:'zh-CN'})" in zh and "'自动缩放'" in zh
    assert zh.index("Plotly.register(") > zh.index(briefing.plotly_js()[:200])
    assert "Plotly.setPlotConfig({locale:" not in en and '<html lang="zh-Hans">' in zh


# --------------------------------------------------------------------------- the index


def _outcomes(tmp_path: Path) -> list[Outcome]:
    out = []
    for name in SCENARIOS:
        b = briefing.prepare(name, {"run.language": "zh", "run.mc_draws": 100})
        folder = tmp_path / name
        folder.mkdir()
        (folder / "briefing.html").write_text("<html></html>", encoding="utf-8")
        record = b.summary_record()
        out.append(Outcome(name, "ok", 3.5, title=record["title"], folder=str(folder),
                           summary=record))  # fmt: skip
    bad = tmp_path / "bad.yaml"
    bad.write_text("talent:\n  exam_pass_rate: 1.5\n  intake_per_yer: 3\n", encoding="utf-8")
    from planning.errors import ScenarioError
    from planning.scenario import load_scenario

    with pytest.raises(ScenarioError) as err:
        load_scenario(bad)
    out.append(Outcome("bad", "invalid", 0.0, message=str(err.value), title="bad"))
    out.append(Outcome("late", "interrupted", 0.0, message="not run", title="late"))
    return out


def test_the_index_reads_in_chinese(tmp_path):
    run_dir = tmp_path / "20261201-101500"
    run_dir.mkdir()
    outcomes = _outcomes(run_dir)
    seen = VisibleText(index_html(run_dir, outcomes, "zh", interrupted=True))
    assert any("测算方案简报汇总" in x for x in seen.texts)
    assert any("方案有2处问题" in x for x in seen.texts)  # the invalid scenario's report
    found = latin_words(seen.texts, allowed=[*SCENARIOS, "bad", "late"])
    assert not found, _report(found)


# --------------------------------------------------------------------------- Excel files


def workbook_texts(path: Path) -> list[str]:
    """Sheet names, headers and every text cell of a workbook."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        out = list(book.sheetnames)
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                out += [v for v in row if isinstance(v, str)]
    finally:
        book.close()
    return out


@pytest.fixture(scope="module")
def chinese_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zh_outputs")
    b = briefing.prepare("tight_budget", {"run.language": "zh", "run.mc_draws": 100})
    b.write_outputs(folder)
    return folder


@pytest.mark.parametrize("filename", ["tables.xlsx", "training_roster.xlsx"])
def test_the_excel_files_of_a_chinese_run_read_in_chinese(chinese_files, filename):
    texts = workbook_texts(chinese_files / filename)
    assert {"培训基地", "开班日期"} <= set(texts)  # headers of both files
    found = latin_words(texts)
    assert not found, _report(found)


def test_the_roster_has_a_sheet_per_county_named_in_chinese(chinese_files, example_baseline):
    book = openpyxl.load_workbook(chinese_files / "training_roster.xlsx", read_only=True)
    try:
        names = set(book.sheetnames)
        header = next(book.worksheets[0].iter_rows(max_row=1, values_only=True))
    finally:
        book.close()
    assert names == set(example_baseline.names("counties", "zh").values())
    assert header[:3] == ("乡镇", "行政村", "书记代码")


def test_the_comparison_file_of_a_chinese_run_reads_in_chinese(tmp_path):
    run_dir = tmp_path / "20261201-101500"
    run_dir.mkdir()
    write_index(run_dir, _outcomes(run_dir))
    texts = workbook_texts(run_dir / "comparison.xlsx")
    assert "方案对比" in texts and "测算方案" in texts
    found = latin_words(texts, allowed=[*SCENARIOS, "bad", "late"])
    assert not found, _report(found)


# --------------------------------------------------------------------------- saved settings


def test_settings_saved_in_chinese_describe_themselves_in_chinese(tmp_path, example_baseline):
    from planning.panel.saving import export_scenario
    from planning.paths import SCENARIO_DIR
    from planning.scenario import load_scenario

    (tmp_path / "baseline.yaml").write_bytes((SCENARIO_DIR / "baseline.yaml").read_bytes())
    wb = Workbook(baseline=example_baseline, scenario="baseline", lang="zh", scenario_dir=tmp_path)
    wb.set("talent.exam_pass_rate", 0.3)
    saved = load_scenario(wb.save_as("提高考试通过率"))
    edited = export_scenario(wb.read_scenario(), load_scenario("baseline"), "zh")
    wb.close()
    assert saved.title_in("zh") == "提高考试通过率" and saved.title_zh == ""
    assert saved.description == "基于“基准方案：按实施意见测算”。改动：考试通过率：22% → 30%。"
    assert edited.title == "基准方案：按实施意见测算（在工作簿中调整）"
    assert not latin_words([saved.description, edited.title, edited.description])


def test_the_register_sheet_groups_targets_as_the_pages_do(chinese_files):
    book = openpyxl.load_workbook(chinese_files / "tables.xlsx", read_only=True)
    try:
        rows = list(book["目标任务清单"].iter_rows(values_only=True))
        pairing = next(book["各县（市、区）结对帮扶"].iter_rows(max_row=1, values_only=True))
    finally:
        book.close()
    assert rows[0][:3] == ("类别", "目标任务", "实施意见原文")
    assert {r[0] for r in rows[1:]} == {"实施意见目标任务", "本市工作标准", "定性任务（未测算）"}
    assert {"完成", "有风险", "未完成", "设定保证", "未测算"} >= {r[-1] for r in rows[1:]}
    assert "结对困难户数" in pairing and "户数" not in pairing


def test_every_table_of_the_chinese_workbook_has_chinese_names():
    """A column or sheet added to the results without a Chinese name fails here at once."""
    from planning.briefing import CSV_ONLY
    from planning.i18n import MESSAGES
    from planning.workbooks import CODED

    b = briefing.prepare("tight_budget", {"run.language": "zh", "run.mc_draws": 0})
    missing = []
    for name, frame in b.tables().items():
        if name in CSV_ONLY or name == "targets":
            continue
        if f"sheet.{name}" not in MESSAGES:
            missing.append(f"sheet {name}")
        missing += [
            f"{name}.{c}"
            for c in frame.columns
            if f"col.{c}" not in MESSAGES and f"col.{name}.{c}" not in MESSAGES
        ]
        for col, word in CODED.items():
            if col in frame:
                missing += [f"{name}.{col}={v}" for v in frame[col].dropna().unique()
                            if word(v) == v]  # fmt: skip
    assert not missing, missing
