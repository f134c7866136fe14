"""The interactive workbook: a tab per topic, schema-generated controls, live charts.

Three layers, imported one way:

- :mod:`~planning.panel.engine`: which models to rerun for a change, their cache and the
  background worker; no widgets (testable in plain Python).
- :mod:`~planning.panel.view`: :class:`Workbook`, the widgets of the screen; what each tab
  shows comes from :mod:`planning.catalogue`, every string from :mod:`planning.present`.
- :mod:`~planning.panel.explorers`: one-topic sliders over live charts for the topic
  notebooks.

Saving settings and naming exports live in :mod:`~planning.panel.saving`; the live chart
wrapper in :mod:`~planning.panel.live`.

>>> from planning.panel import Workbook
>>> wb = Workbook(scenario="baseline")   # in a notebook cell; displays itself
"""

from __future__ import annotations

from .engine import MODELS, Engine, ModelSpec
from .explorers import (
    Explorer,
    VenueResults,
    talent_explorer,
    training_explorer,
    venue_explorer,
)
from .live import CONFIG, LiveFigure, chart_config
from .saving import NameTaken, SaveError, file_stem
from .view import TABS, Tab, Workbook, briefing_href

__all__ = [
    "CONFIG",
    "chart_config",
    "MODELS",
    "TABS",
    "Engine",
    "Explorer",
    "LiveFigure",
    "ModelSpec",
    "NameTaken",
    "SaveError",
    "Tab",
    "VenueResults",
    "Workbook",
    "briefing_href",
    "file_stem",
    "talent_explorer",
    "training_explorer",
    "venue_explorer",
]
