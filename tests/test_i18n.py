"""The message table: both languages everywhere, same placeholders, every schema field covered."""

from __future__ import annotations

import re
import string

import pytest

from planning.i18n import LANGUAGES, MESSAGES, t
from planning.i18n import fields as fields_i18n
from planning.scenario import FIELDS
from planning.widgets import field_help, field_label

CJK = re.compile(r"[\u4e00-\u9fff]")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_and_same_placeholders(key):
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES), key
    assert all(isinstance(v, str) and v.strip() for v in texts.values()), key
    assert _placeholders(texts["en"]) == _placeholders(texts["zh"]), key


@pytest.mark.parametrize("key", sorted(FIELDS))
def test_every_schema_field_has_chinese_label_and_help(key):
    f = FIELDS[key]
    label = MESSAGES[f"field.{key}"]
    help_ = MESSAGES[f"help.{key}"]
    # English is the schema's own text, so it cannot drift from the schema.
    assert label["en"] == f.label and help_["en"] == f.help
    assert CJK.search(label["zh"]), f"{key}: zh label {label['zh']!r} has no Chinese"
    assert CJK.search(help_["zh"]), f"{key}: zh help {help_['zh']!r} has no Chinese"
    for value in f.choices or {}:
        assert f"choice.{key}.{value}" in MESSAGES, f"{key}: choice {value!r} untranslated"
    if f.unit:
        assert MESSAGES[f"unit.{f.unit}"]["zh"], f"unit {f.unit!r} untranslated"


def test_no_stale_translations():
    """A Chinese entry for a key the schema no longer has is a typo or a leftover."""
    groups = {k.rpartition(".")[0] for k in FIELDS}
    assert set(fields_i18n.FIELDS_ZH) <= set(FIELDS)
    assert set(fields_i18n.POOL_GROUPS_ZH) <= groups
    assert set(fields_i18n.CHOICES_ZH) <= {k for k, f in FIELDS.items() if f.choices}
    for key, choices in fields_i18n.CHOICES_ZH.items():
        assert set(choices) == set(FIELDS[key].choices), key
    assert set(fields_i18n.UNITS_ZH) <= {f.unit for f in FIELDS.values()}


def test_labels_switch_language_with_unit():
    f = FIELDS["talent.exam_pass_rate"]
    assert field_label(f, "en") == "Exam pass rate (share)"
    assert field_label(f, "zh") == "考试通过率（比例）"
    assert field_help(f, "zh") == "报考人员通过社会工作者职业水平考试的比例。"
    pool = FIELDS["talent.attrition_rate.returnee"]
    assert field_label(pool, "zh") == "年出库率：外出务工经商返乡人员（比例/年）"
    assert field_help(pool, "zh").startswith("每年出库")


def test_t_fills_placeholders_and_rejects_unknown_keys():
    assert t("common.yes", "zh") == "是"
    with pytest.raises(KeyError):
        t("no.such.key", "en")
