"""Where a result came from: data file hashes, code version, run time, seed.

The same fingerprints decide whether a batch can skip a scenario: its inputs hash covers
the scenario's full content (every parameter, defaults included), the data files, the
compared-to scenario, the briefing notebook and the ``planning`` package version (after
changing code without a new version, run the batch with ``--force``).
"""

from __future__ import annotations

import hashlib
import json
import platform
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from .paths import EXAMPLE_CITY_DIR, PACKAGE_DIR

DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".yaml", ".yml", ".json")


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file's bytes, hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def data_file_hashes(data: str | Path | None = None) -> dict[str, str]:
    """SHA-256 of every data file of a baseline (a CSV folder or one workbook).

    Parameters
    ----------
    data : path, optional
        Folder or Excel workbook; None = the bundled Example City.

    Returns
    -------
    dict
        File name (relative to the folder) -> hex digest, sorted by name.

    Examples
    --------
    >>> sorted(data_file_hashes())[:2]
    ['calendar.csv', 'cadres.csv']
    """
    path = Path(data) if data else EXAMPLE_CITY_DIR
    if path.is_file():
        return {path.name: sha256_file(path)}
    # The loader reads the folder's own files only; subfolders (the county returns in
    # returns/) are not baseline data.
    files = sorted(p for p in path.glob("*") if p.is_file() and p.suffix.lower() in DATA_SUFFIXES)
    return {p.relative_to(path).as_posix(): sha256_file(p) for p in files}


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Package version plus a short hash of the package's Python sources.

    Shown in the provenance so that two briefings made by different code can be told
    apart; the batch's skip decision uses the version only (see :func:`inputs_hash`).
    """
    from . import __version__

    h = hashlib.sha256(__version__.encode())
    for p in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(p.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(p.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def inputs_hash(
    scenario_yaml: str,
    data_hashes: dict[str, str],
    notebook: str | Path,
    compare_to_yaml: str | None = None,
    ledger_digest: str | None = None,
) -> str:
    """One digest of everything a briefing depends on.

    Parameters
    ----------
    scenario_yaml : str
        The validated scenario as full YAML (``Scenario.to_yaml()``: overrides and defaults
        included, so two files that mean the same thing hash the same).
    data_hashes : dict
        From :func:`data_file_hashes`.
    notebook : path
        The briefing notebook.
    compare_to_yaml : str, optional
        The scenario compared against, if any.
    ledger_digest : str, optional
        :attr:`planning.ledger.LedgerRef.digest` of a mid-plan review: the returns in force
        at its date (a correction imported since makes the briefing stale).
    """
    from . import __version__

    payload = {
        "scenario": scenario_yaml,
        "compare_to": compare_to_yaml,
        "data": data_hashes,
        "notebook": sha256_file(notebook),
        "version": __version__,
    }
    if ledger_digest is not None:  # left out otherwise: earlier stamps stay valid
        payload["ledger"] = ledger_digest
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def run_provenance(
    file_hashes: dict[str, str], source: str, seed: int, started: datetime | None = None
) -> dict[str, Any]:
    """The provenance block of a briefing.

    Examples
    --------
    >>> p = run_provenance({"counties.csv": "ab12"}, "data/example_city", 20140101)
    >>> p["seed"], p["files"]["counties.csv"]
    (20140101, 'ab12')
    """
    from . import __version__

    started = started or datetime.now(UTC)
    return {
        "source": source,
        "files": dict(file_hashes),
        "package_version": __version__,
        "code": code_fingerprint(),
        "python": platform.python_version(),
        "run_time": started.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "seed": seed,
    }
