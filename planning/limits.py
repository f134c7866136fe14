"""Resource limits on user input, in one place.

Input beyond these limits is refused before any expensive work starts, with a message that
names the limit. They are far above what a city, or a whole province, needs; they exist so
that a wrong file (a database dump saved as CSV, a scenario file generated in a loop) is
refused in a second instead of running for minutes and exhausting memory.

The data dictionary (``data/README.md``) and ``docs/reliability.md`` list them; a test
keeps both in step with this module.
"""

from __future__ import annotations

MAX_DATA_FILE_BYTES = 50 * 1024 * 1024
"""Largest data file: one CSV table or one Excel workbook (50 MB)."""

MAX_WORKBOOK_UNPACKED_BYTES = 500 * 1024 * 1024
"""Largest total size of an Excel workbook's parts once unpacked (500 MB); an .xlsx file is
a zip archive, and a small archive can unpack to gigabytes."""

MAX_ROWS = 200_000
"""Most data rows in one table (a CSV file or a sheet). A province of 9,050 villages has
about 50,000 village cadres, the largest table."""

MAX_ID_LENGTH = 64
"""Longest id (``village_id``, ``base_id``, ...) and longest key of a county- or base-keyed
scenario mapping, in characters."""

MAX_TEXT_LENGTH = 1_000
"""Longest text cell (a name or note), in characters."""

MAX_SCENARIO_FILE_BYTES = 1024 * 1024
"""Largest scenario file (1 MB); a complete scenario written out in full is about 5 KB."""

MAX_SCENARIO_DEPTH = 10
"""Deepest nesting of mappings and lists in a scenario file; the schema needs 3."""

MAX_SCENARIO_NAME_LENGTH = 80
"""Longest scenario name (it names the output folder of a run)."""

MAX_SCENARIO_TITLE_LENGTH = 200
"""Longest scenario title."""

MAX_SCENARIO_DESCRIPTION_LENGTH = 5_000
"""Longest scenario description."""

_MB = 1024 * 1024

LIMITS: tuple[tuple[str, str], ...] = (
    ("largest data file (a CSV table or an Excel workbook)", f"{MAX_DATA_FILE_BYTES // _MB} MB"),
    ("largest Excel workbook once unpacked", f"{MAX_WORKBOOK_UNPACKED_BYTES // _MB} MB"),
    ("most rows in one table", f"{MAX_ROWS:,}"),
    ("longest id", f"{MAX_ID_LENGTH} characters"),
    ("longest text cell", f"{MAX_TEXT_LENGTH:,} characters"),
    ("largest scenario file", f"{MAX_SCENARIO_FILE_BYTES // _MB} MB"),
    ("deepest nesting in a scenario file", f"{MAX_SCENARIO_DEPTH} levels"),
    ("longest scenario name", f"{MAX_SCENARIO_NAME_LENGTH} characters"),
    ("longest scenario title", f"{MAX_SCENARIO_TITLE_LENGTH} characters"),
    ("longest scenario description", f"{MAX_SCENARIO_DESCRIPTION_LENGTH:,} characters"),
)
"""Every limit in plain words, as the data dictionary and docs/reliability.md list them."""


def size_text(n_bytes: int) -> str:
    """A file size as a user reads it: ``"52.4 MB"``, ``"1.0 MB"``, ``"730 bytes"``."""
    if n_bytes < 1024 * 1024:
        return f"{n_bytes:,} bytes"
    return f"{n_bytes / (1024 * 1024):,.1f} MB"
