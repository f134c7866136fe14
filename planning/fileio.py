"""Atomic file writes: readers see the old file or the complete new one, never a part.

Every output the project writes (briefings, tables, workbooks, rosters, scenario files,
generated data) goes through :func:`atomic_write`, so an interrupted run leaves no
half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

FILE_MODE = 0o644
"""Permissions of written files (a temporary file would otherwise keep 0600)."""


def atomic_write(path: str | os.PathLike, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary path beside ``path``, then rename it into place.

    Parameters
    ----------
    path : path-like
        Final file; its folder is created when missing.
    write : callable
        Writes the complete file at the path it is given (e.g. ``book.save``).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> atomic_write("reports/roster.csv", lambda tmp: frame.to_csv(tmp, index=False))
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """:func:`atomic_write` for bytes."""
    return atomic_write(path, lambda tmp: tmp.write_bytes(data))


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """:func:`atomic_write` for UTF-8 text."""
    return atomic_write_bytes(path, text.encode("utf-8"))
