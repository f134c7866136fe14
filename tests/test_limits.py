"""The resource limits are named once (planning/limits.py) and documented where users look."""

from __future__ import annotations

import re

from planning.limits import (
    LIMITS,
    MAX_DATA_FILE_BYTES,
    MAX_SCENARIO_FILE_BYTES,
    MAX_WORKBOOK_UNPACKED_BYTES,
    size_text,
)
from planning.paths import ROOT

RELIABILITY = ROOT / "docs" / "reliability.md"


def test_every_limit_is_in_the_data_dictionary_and_the_reliability_page():
    for page in (ROOT / "data" / "README.md", RELIABILITY):
        text = page.read_text(encoding="utf-8")
        for what, value in LIMITS:
            assert f"| {what} | {value} |\n" in text, f"{page.name}: {what}"


def test_limits_in_words_match_the_numbers():
    words = dict(LIMITS)
    assert words["largest data file (a CSV table or an Excel workbook)"] == "50 MB"
    assert MAX_DATA_FILE_BYTES == 50 * 1024 * 1024
    assert words["largest Excel workbook once unpacked"] == "500 MB"
    assert MAX_WORKBOOK_UNPACKED_BYTES == 500 * 1024 * 1024
    assert words["largest scenario file"] == "1 MB"
    assert MAX_SCENARIO_FILE_BYTES == 1024 * 1024


def test_size_text():
    assert size_text(730) == "730 bytes"
    assert size_text(1024 * 1024) == "1.0 MB"
    assert size_text(54_951_245) == "52.4 MB"


def test_tests_named_on_the_reliability_page_exist():
    named = set(re.findall(r"`(?:tests/[\w/]+\.py::)?(test_\w+)`", RELIABILITY.read_text("utf-8")))
    defined = set()
    for path in (ROOT / "tests").glob("test_*.py"):
        defined |= set(re.findall(r"^def (test_\w+)", path.read_text("utf-8"), re.M))
    assert len(named) > 40
    assert named - defined == set()
