"""The export machinery on small notebooks: no CDN, one plotly.js, escaping, atomic files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import plotly.graph_objects as go
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from planning import briefing, fileio
from planning.briefing import BriefingError, Chart, Fragment, export_html
from planning.fileio import atomic_write_text
from planning.present import Card

HOSTILE = "<script>alert(1)</script>"


def plotly_banner() -> str:
    """The first line of the installed plotly.min.js (its version banner)."""
    return briefing.plotly_js()[:60]


def figure_html(div: str) -> tuple[str, list, dict]:
    """(id, data, layout) of one chart's ``Plotly.newPlot`` call."""
    m = re.search(r'Plotly\.newPlot\("([^"]+)",', div)
    assert m, div[:200]
    decoder = json.JSONDecoder()
    data, end = decoder.raw_decode(div, m.end())
    layout, _ = decoder.raw_decode(div, end + 1)
    return m.group(1), data, layout


def display_output(obj) -> dict:
    bundle = obj._repr_mimebundle_() if hasattr(obj, "_repr_mimebundle_") else None
    data = bundle or {"text/html": obj._repr_html_(), "text/plain": repr(obj)}
    return new_output("display_data", data=data)


def notebook_with(*objects, stderr: str = "") -> nbformat.NotebookNode:
    nb = new_notebook()
    cell = new_code_cell("import planning  # hidden in the briefing")
    cell.outputs = [display_output(o) for o in objects]
    if stderr:
        cell.outputs.append(new_output("stream", name="stderr", text=stderr))
    nb.cells = [cell]
    return nb


def test_chart_bundle_is_live_in_lab_and_kept_by_nbconvert():
    fig = go.Figure(go.Bar(x=["C01", "C02"], y=[3, 4]))
    fig.update_layout(height=300, width=1200)
    bundle = Chart(fig)._repr_mimebundle_()
    assert bundle[briefing.PLOTLY_MIME]["data"][0]["y"] == [3, 4]
    div_id, data, layout = figure_html(bundle["text/html"])
    assert f'id="{div_id}"' in bundle["text/html"]
    assert data[0]["x"] == ["C01", "C02"]
    assert "width" not in layout and layout["autosize"] is True  # follows the page width
    assert "height:300px" in bundle["text/html"]
    assert "<script src" not in bundle["text/html"] and "MathJax" not in bundle["text/html"]


def test_chart_text_cannot_close_the_script():
    fig = go.Figure(go.Bar(x=["</script><script>alert(2)</script>"], y=[1]))
    div = Chart(fig).div()
    assert "</script><script>alert(2)" not in div
    _, data, _ = figure_html(div)
    assert data[0]["x"] == ["</script><script>alert(2)</script>"]  # the text survives intact


def test_export_embeds_plotly_once_and_nothing_external(tmp_path):
    figs = [go.Figure(go.Scatter(x=[1, 2], y=[i, i + 1])) for i in range(3)]
    nb = notebook_with(
        briefing.title_block(HOSTILE, "sub"), *[Chart(f) for f in figs], stderr="a warning"
    )
    out = export_html(nb, tmp_path / "b.html", title=HOSTILE)
    html = out.read_text(encoding="utf-8")
    assert html.count(plotly_banner()) == 1
    rest = html.replace(briefing.plotly_js(), "")
    assert not re.search(r"https?://", rest)
    assert "<script src" not in rest and "<link" not in rest and "@import" not in rest
    assert html.count('class="plotly-graph-div"') == 3
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    assert "<script>alert(1)" not in html
    assert "a warning" not in html  # stderr is not for leaders
    assert "import planning" not in html and "In&nbsp;[" not in html  # no code, no prompts
    assert "@media print" in html and "break-before:page" in html


def test_no_charts_no_plotly(tmp_path):
    html = export_html(notebook_with(briefing.paragraph("text only")), tmp_path / "x.html")
    assert plotly_banner() not in html.read_text(encoding="utf-8")


def test_blank_chart_is_refused(tmp_path):
    nb = notebook_with(briefing.paragraph("x"))
    nb.cells[0].outputs.append(
        new_output("display_data", data={briefing.PLOTLY_MIME: {"data": [], "layout": {}}})
    )
    with pytest.raises(BriefingError, match="blank charts") as info:
        export_html(nb, tmp_path / "x.html")
    assert "Chart(fig)" in str(info.value)
    assert not (tmp_path / "x.html").exists()


def test_fragments_escape_user_text():
    rows = [(HOSTILE, briefing.pill("met", "met")), (briefing.pill("met", HOSTILE), "x")]
    html = briefing.table(rows, ["a", "b"]).html
    assert "&lt;script&gt;" in html and "<script>" not in html
    # A pill is template markup and kept; user text inside it is escaped all the same.
    assert html.count('<span class="pw-pill pw-met">') == 2
    # A string that merely looks like markup is text, wherever it stands.
    html = briefing.table([('<span class="pw-pill">x</span>',)], ["a"]).html
    assert "&lt;span" in html
    assert "&lt;b&gt;" in briefing.paragraph("<b>").html
    assert "&lt;" in briefing.bullet_list(["<i>"]).html
    cards = briefing.key_figures([Card("x", "<label>", "<1>", "<note>")]).html
    assert "<1>" not in cards and "&lt;label&gt;" in cards and "&lt;note&gt;" in cards
    assert isinstance(briefing.heading("<h>") + briefing.heading("x"), Fragment)


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "briefing.html"
    atomic_write_text(path, "old")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(fileio.os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write_text(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.html"]


def test_target_sentence_from_numbers():
    import pandas as pd

    row = {
        "id": "T-talent",
        "label": "Reserve talents",
        "status": "met",
        "status_label": "met",
        "unit": "persons",
        "value": 10412.0,
        "threshold": 10000.0,
        "deadline": pd.Period("2016-12", "M"),
        "first_met": pd.Period("2016-08", "M"),
        "months_to_spare": 4,
        "margin": 412.0,
        "probability": 0.82,
    }
    assert briefing.target_sentence(row) == (
        "The reserve pools reach 10,412 by Dec 2016, meeting the target of more than "
        "10,000 with 4 months to spare; probability 82 %."
    )
    missed = {**row, "status": "missed", "value": 9638.2, "margin": -361.8, "months_to_spare": None}
    missed["first_met"] = pd.Period("2017-02", "M")
    text = briefing.target_sentence(missed)
    assert "9,638" in text and "362 short" in text and "Feb 2017" in text
    one = briefing.target_sentence({**row, "months_to_spare": 1})
    assert "with 1 month to spare" in one
    zh = briefing.target_sentence(row, "zh")
    assert "10,412" in zh and "提前4个月" in zh and "82%" in zh


def test_sentences_say_why_a_target_is_at_risk_or_guaranteed():
    import pandas as pd

    train = {
        "id": "T-train",
        "label": "Secretaries trained out of town",
        "status": "at_risk",
        "reason": "just_in_time",
        "unit": "share",
        "value": 1.0,
        "threshold": 1.0,
        "deadline": pd.Period("2016-12", "M"),
        "deadline_month": 36,
        "first_met": pd.Period("2016-12", "M"),
        "months_to_spare": 0,
    }
    assert briefing.target_sentence(train) == (
        "All secretaries in post at plan start are trained out of town by Dec 2016, just in "
        "time. It is met only in the deadline month, with no month to spare: at risk."
    )
    # both readings of "within three years", the strict one deciding
    strict = {
        **train,
        "status": "missed",
        "reason": "",
        "value": 0.84,
        "deadline": pd.Period("2016-09", "M"),
        "deadline_month": 33,
        "months_to_spare": None,
        "reading": "strict",
        "deadline_strict": pd.Period("2016-09", "M"),
        "deadline_lenient": pd.Period("2016-12", "M"),
        "status_strict": "missed",
        "status_lenient": "at_risk",
        "aim": pd.Period("2016-12", "M"),
        "aim_month": 36,
    }
    text = briefing.target_sentence(strict, issued="Sep 2013")
    assert "Only 84 % of the secretaries in post at plan start are trained out of town by " in text
    assert (
        "Counted from the plan's issue (Sep 2013) or from the first full plan year: missed by "
        "Sep 2016, at risk by Dec 2016."
    ) in text
    assert "set it to Sep 2016 to plan for the plan's own deadline" in text
    subsidy = {
        "id": "T-subsidy",
        "label": "Secretaries' basic pay",
        "status": "guaranteed",
        "reason": "multiplier",
        "unit": "share",
        "value": 1.0,
        "threshold": 1.0,
    }
    text = briefing.target_sentence(subsidy, multiplier="1.0")
    assert text.endswith(
        "Basic pay is set at 1.0 times the prior-year income, so it cannot fall below "
        "it: guaranteed by the settings, not a model result."
    )
    zh = briefing.target_sentence(subsidy, "zh", multiplier="1.0")
    assert "由参数设定保证" in zh and "met" not in zh


def test_kernel_side_needs_no_nbformat(tmp_path):
    """Charts render in a kernel without importing nbformat (about 1 s per kernel)."""
    import subprocess
    import sys

    code = (
        "import sys, plotly.graph_objects as go\n"
        "from planning.briefing import Chart\n"
        "Chart(go.Figure(go.Bar(y=[1])))._repr_mimebundle_()\n"
        "print('nbformat' in sys.modules, 'nbconvert' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_notebook_is_committed_clean():
    nb = nbformat.read(str(Path(briefing.__file__).parents[1] / "notebooks" / "briefing.ipynb"), 4)
    assert nb.cells[0].metadata["tags"] == ["parameters"]
    for cell in nb.cells:
        assert cell.cell_type == "code"
        assert not cell.get("outputs") and cell.get("execution_count") is None
        assert not re.search(r"^\s*(def|class) ", cell.source, re.M)
    params = nb.cells[0].source
    for name in ("scenario", "overrides", "data_dir", "compare_to"):
        assert re.search(rf"^{name} = ", params, re.M), name


def test_spending_key_figure_is_the_new_spending_by_level_in_words_and_in_yuan():
    from planning.budget import fiscal_rollup, new_by_level

    b = briefing.prepare("baseline")
    kf = {k["id"]: k for k in b.summary_record()["key_figures"]}
    spend = kf["budget.new"]
    r = b.results
    roll = fiscal_rollup(r["venues"], r["subsidies"], r["training"])
    levels = new_by_level(roll)
    new = sum(levels.values())
    # New spending is the whole cost less the secretaries' pay before the plan.
    existing = r["subsidies"].yearly["basic_existing_yuan"].sum()
    assert new == pytest.approx(roll["spending_yuan"].sum() - existing)
    assert spend["unit"] == "yuan" and spend["value"] == round(new)
    assert spend["text"] == f"{new / 1e6:.1f} million yuan"
    assert spend["label"] == "New spending of the plan, 2014-2018"
    # The executive summary's card names each level's part: the city's is its own.
    card = {c.id: c for c in b.key_figures()}["budget.new"]
    assert card.note == (
        f"city {levels['city'] / 1e6:.1f} million yuan; counties "
        f"{levels['county'] / 1e6:.1f} million yuan; townships "
        f"{levels['township'] / 1e6:.1f} million yuan"
    )
    assert "budget.total" not in kf  # the whole cost is in the subsidies section
