"""One term per concept: no message, scenario title or description uses a variant the
glossary (``planning/glossary.py``, ``docs/glossary.md``) rules out."""

from __future__ import annotations

import pytest

from planning.glossary import TERMS, find_variants, glossary_markdown
from planning.i18n import MESSAGES
from planning.paths import ROOT
from planning.scenario import list_scenarios, load_scenario


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_message_uses_a_variant_the_glossary_rules_out(lang):
    found = {
        key: find_variants(texts[lang], lang)
        for key, texts in MESSAGES.items()
        if find_variants(texts[lang], lang)
    }
    shown = [f"{k}: {MESSAGES[k][lang]!r} uses {v}" for k, v in sorted(found.items())]
    assert not found, "\n".join(shown[:40])


@pytest.mark.parametrize("name", list_scenarios())
def test_bundled_scenarios_speak_the_glossary(name):
    s = load_scenario(name)
    for lang in ("en", "zh"):
        for text in (s.title_in(lang), s.description_in(lang)):
            assert not find_variants(text, lang), (name, lang, text)


def test_the_glossary_catches_each_kind_of_variant():
    tiers, pay = "达标社区；优质社区；示范社区；未达标", "基本报酬；绩效报酬（合称报酬）"
    assert find_variants("标准型社区", "zh") == [(tiers, "标准型")]
    assert find_variants("村书记基本补贴", "zh") == [
        ("村党组织书记（书记 after the first mention）", "村书记"),
        (pay, "基本补贴"),
        (pay, "补贴"),
    ]
    # A word that is wrong alone is right in its full form.
    assert find_variants("外出务工经商返乡人员", "zh") == []
    assert find_variants("返乡人员", "zh") == [("外出务工经商返乡人员", "返乡人员 (alone)")]
    assert find_variants("各县（市、区）和县级预算；市、县两级党委", "zh") == []
    assert find_variants("各县", "zh") == [("县（市、区）", "县 (alone)")]
    assert find_variants("Basic subsidy", "en") == [
        ("basic pay; performance pay", "subsidy"),
        ("basic pay; performance pay", "basic subsidy"),
    ]
    assert find_variants("Basic pay", "en") == []


def test_no_term_rules_out_its_own_words():
    for term in TERMS:
        assert term.zh and term.en and term.concept
        assert not find_variants(term.zh, "zh"), term.zh
        assert not find_variants(term.en, "en"), term.en


def test_the_glossary_document_is_rendered_from_the_table():
    doc = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert doc == glossary_markdown()
    assert doc.count("\n| ") == len(TERMS) + 1  # the header row and one row per term


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_status_has_one_word_in_the_register_and_on_the_pages(lang):
    for status in ("met", "at_risk", "missed", "tracked", "guaranteed"):
        assert MESSAGES[f"targets.status.{status}"][lang] == MESSAGES[f"status.{status}"][lang]
    zh_statuses = next(t.zh for t in TERMS if t.concept == "the statuses of a target")
    if lang == "zh":
        words = {MESSAGES[f"status.{s}"]["zh"] for s in ("met", "at_risk", "missed", "tracked")}
        assert words | {MESSAGES["status.guaranteed"]["zh"]} == set(zh_statuses.split("；"))


def test_ids_a_machine_reads_are_not_words():
    assert find_variants("subsidies: pay paid each month", "en") == []
    assert find_variants("one row for each pool (cgvo, returnee, leader)", "en") == []
    assert find_variants("the basic subsidies of the year", "en")
    assert find_variants("returnees who left", "en")
