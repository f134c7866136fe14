"""Live charts: what the widget sends to the browser keeps the picture a fresh drawing gives."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from planning.app import FIGURE_JS_ENV
from planning.panel.live import CONFIG, LiveFigure, LiveFigureWidget


def _gantt(days: list[int], rows: int) -> go.Figure:
    """Bars of ``days`` length (in ms) from dates on a date axis, like the class chart."""
    fig = go.Figure(
        go.Bar(
            y=[f"base {i % rows}" for i in range(len(days))],
            base=[f"2015-0{i + 1}-01" for i in range(len(days))],
            x=[d * 86_400_000 for d in days],
            orientation="h",
        )
    )
    fig.update_xaxes(type="date", title_text="Month")
    fig.update_layout(height=220 + 40 * rows, title_text="Classes")
    return fig


def _messages(widget) -> list[dict]:
    sent: list[dict] = []
    widget.observe(lambda c: c["new"] and sent.append(c["new"]), names="_py2js_update")
    return sent


def test_trace_updates_carry_the_declared_axis_type():
    live = LiveFigure(_gantt([5, 6, 7], rows=2))
    sent = _messages(live.widget)
    live.update(_gantt([4, 6, 9], rows=2))
    assert len(sent) == 1  # one message per update
    msg = sent[0]
    assert msg["style_data"], "the bars' lengths changed"
    # plotly.js re-guesses the type of an axis whose traces are restyled (numbers -> linear)
    # unless the same update sets it: the declared type goes with the traces.
    assert msg["layout_data"]["xaxis.type"] == "date"


def test_a_new_height_keeps_the_width_automatic():
    live = LiveFigure(_gantt([5, 6, 7], rows=2))
    sent = _messages(live.widget)
    live.update(_gantt([5, 6, 7, 8], rows=3))
    layout = sent[-1]["layout_data"]
    assert layout["height"] == 220 + 40 * 3
    # plotly.js fixes the width when the height is set alone; the chart must keep
    # following its box.
    assert layout["width"] is None and layout["autosize"] is True


def test_update_shows_exactly_the_new_figure():
    live = LiveFigure(_gantt([5, 6, 7], rows=2))
    new = _gantt([1, 2], rows=1)
    new.update_layout(title_text="Other", xaxis_title_text="Mois")
    live.update(new)
    fw = live.widget
    assert fw.layout.title.text == "Other" and fw.layout.xaxis.title.text == "Mois"
    assert fw.layout.xaxis.type == "date" and fw.layout.width is None
    assert list(fw.data[0].x) == list(new.data[0].x)
    assert list(fw.data[0].base) == list(new.data[0].base)


def test_charts_never_offer_to_send_data_off_the_machine():
    live = LiveFigure(_gantt([5], rows=1))
    config = live.widget._config
    assert config == CONFIG
    assert config["displaylogo"] is False and config["showSendToCloud"] is False
    assert config["showEditInChartStudio"] is False and config["responsive"] is True


def test_chinese_charts_carry_plotlys_chinese_locale():
    config = LiveFigure(_gantt([5], rows=1), "zh").widget._config
    assert config["locale"] == "zh-CN"
    locale = config["locales"]["zh-CN"]
    assert locale["dictionary"]["Download plot as a PNG"] == "下载图表为PNG格式"
    assert locale["dictionary"]["Reset axes"] == "重置轴"
    assert locale["format"]["shortMonths"][:3] == ["一", "二", "三"]
    assert {k: v for k, v in config.items() if k not in ("locale", "locales")} == CONFIG


def test_a_language_switch_makes_the_charts_again_in_the_new_locale(example_baseline):
    from planning.panel import Workbook

    wb = Workbook(baseline=example_baseline, scenario="baseline", lang="en")
    wb.draw_all()
    before = {n: c.widget for tab in wb.tabs.values() for n, c in tab.charts.items()}
    assert before and all("locale" not in fw._config for fw in before.values())
    wb.set_language("zh")
    wb.draw_all()
    after = {n: c for tab in wb.tabs.values() for n, c in tab.charts.items()}
    assert after.keys() == before.keys()
    for name, live in after.items():
        assert live.widget is not before[name] and live.widget._config["locale"] == "zh-CN"
        box = next(t.figure_box for t in wb.tabs.values() if name in t.charts)
        assert live.widget in box.children and before[name] not in box.children
    wb.close()


def test_without_a_served_bundle_each_chart_carries_plotly(monkeypatch):
    monkeypatch.delenv(FIGURE_JS_ENV, raising=False)
    widget = LiveFigure(_gantt([5], rows=1)).widget
    assert isinstance(widget, LiveFigureWidget)
    assert len(widget._esm) > 1_000_000  # plotly's whole widget code


@pytest.mark.parametrize("path", ["voila/labextensions/widgetbundle.js", "/lab/extensions/x.js"])
def test_with_a_served_bundle_charts_load_it_once_per_page(monkeypatch, path):
    monkeypatch.setenv(FIGURE_JS_ENV, path)
    widget = LiveFigure(_gantt([5], rows=1)).widget
    assert isinstance(widget, LiveFigureWidget)
    assert len(widget._esm) < 5_000
    assert json.dumps(path.lstrip("/")) in widget._esm
    assert "import(" in widget._esm and "ResizeObserver" in widget._esm
    # The same code for every chart of a page.
    assert LiveFigure(_gantt([6], rows=1)).widget._esm == widget._esm
