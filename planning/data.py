"""Load and validate the baseline data (a CSV folder or one Excel workbook) into a Baseline.

The table contract lives in :mod:`planning.tables`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


@dataclass(frozen=True, eq=False)
class Baseline:
    """The validated baseline of a city: one pandas DataFrame per table.

    Every frame has exactly the columns of :data:`planning.tables.TABLES` in that order,
    with typed values: ids and text as ``str``, ``int``/``float`` columns numeric, ``bool``
    columns as bool, ``months`` columns as tuples of ints. Frames are never mutated by
    the models; treat them as read-only.

    Attributes
    ----------
    source : str
        Folder or workbook the data came from.
    file_hashes : dict
        SHA-256 of each input file (for the provenance in briefings).
    warnings : list of str
        Non-fatal remarks, e.g. columns the schema does not know.
    """

    counties: pd.DataFrame
    townships: pd.DataFrame
    villages: pd.DataFrame
    communities: pd.DataFrame
    secretaries: pd.DataFrame
    cadres: pd.DataFrame
    talent_pool: pd.DataFrame
    training_bases: pd.DataFrame
    venue_tiers: pd.DataFrame
    venue_costs: pd.DataFrame
    calendar: pd.DataFrame
    source: str = "<memory>"
    file_hashes: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def village_county(self) -> pd.Series:
        """County id of every village, indexed by village id."""
        t = self.townships.set_index("township_id")["county_id"]
        v = self.villages.set_index("village_id")["township_id"]
        return v.map(t).rename("county_id")

    @property
    def county_ids(self) -> list[str]:
        """County ids in table order."""
        return self.counties["county_id"].tolist()

    def table(self, name: str) -> pd.DataFrame:
        """A table by name."""
        return getattr(self, name)

    def summary(self) -> dict[str, int]:
        """Rows per table."""
        from .tables import TABLES

        return {t.name: len(self.table(t.name)) for t in TABLES}


def load_baseline(path: str | Path | None = None) -> Baseline:
    """Load and validate a baseline; None loads the bundled Example City.

    Placeholder until the loader lands; see the foundation issue.
    """
    raise NotImplementedError("load_baseline is being written")
