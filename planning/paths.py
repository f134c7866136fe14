"""Where the project's bundled files live."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
DATA_DIR = ROOT / "data"
EXAMPLE_CITY_DIR = DATA_DIR / "example_city"
SCENARIO_DIR = DATA_DIR / "scenarios"
NOTEBOOK_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
