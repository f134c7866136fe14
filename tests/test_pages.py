"""The HTML pieces: autoescaped everywhere user text goes, our stylesheets kept intact."""

from __future__ import annotations

import re

from planning import pages
from planning.briefing import page
from planning.present import Card

HOSTILE = '<script>alert("x")</script> & more'


def test_cards_escape_every_field():
    html = str(pages.cards_html([Card("a", HOSTILE, HOSTILE, HOSTILE, "met")]))
    assert "<script>" not in html and html.count("&lt;script&gt;") == 3
    assert 'data-card="a"' in html and "pw-card-met" in html


def test_tables_escape_text_and_keep_pills():
    pill = pages.pill_html("missed", HOSTILE)
    html = str(pages.table_html(["h"], [[HOSTILE], [pill]], numeric=[0]))
    assert "<script>" not in html
    assert '<span class="pw-pill pw-missed">' in html
    assert '<th class="pw-num">' in html


def test_an_unknown_status_gets_a_neutral_pill():
    assert 'class="pw-pill pw-tracked"' in str(pages.pill_html("<bad>", "x"))


def test_stand_alone_pages_keep_their_stylesheet_unescaped():
    html = page(HOSTILE, str(pages.sentences_html([HOSTILE])))
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert "&#34;" not in style and '"Noto Sans"' in style  # fonts named, quotes intact
    assert "<title>&lt;script&gt;" in html
    assert ".pw-card{" in style  # the shared pieces are styled on every page


def test_register_macro_shows_each_field_once():
    from planning.catalogue import RegisterRow

    row = RegisterRow("T-x", "Label", "words", "≥ 100 %", "Dec 2016", "99.9 %", "—", "—",
                      "missed", "missed")  # fmt: skip
    html = str(pages.register_html([row], ["a", "b", "c", "d", "e", "f", "g"], "Title"))
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)
    assert len(cells) == 7 and "99.9 %" in cells[3] and "Dec 2016" in cells[2]


def test_register_dates_never_break_and_stay_escaped():
    from planning.catalogue import RegisterRow

    row = RegisterRow("T-x", "Label", "words", "≥ 100%", "2015年9月至2016年9月", "99.9%",
                      "2017年2月", "—", "missed", "未完成", deadline_detail="自起算：2016年12月",
                      status_detail=f"以2016年9月计未完成 {HOSTILE}")  # fmt: skip
    html = str(pages.register_html([row], ["a", "b", "c", "d", "e", "f", "g"], "Title"))
    dates = re.findall(r'<span class="pw-date">(.*?)</span>', html)
    assert dates == ["2015年9月", "2016年9月", "2016年12月", "2017年2月", "2016年9月"]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert pages.whole_dates("Dec 2016 and 2016-12") == (
        '<span class="pw-date">Dec 2016</span> and 2016-12'
    )
    assert ".pw-date{white-space:nowrap}" in pages.components_css()
