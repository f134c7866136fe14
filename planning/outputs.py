"""Where a run's files go, and how they get there without harming anything else.

Promises kept here (see ``docs/reliability.md``):

- An output folder name is a checked slug (:func:`output_name`): it always names a folder
  directly inside ``--out``; never ``.``, ``..``, a hidden name, a path, a device name or a
  name the run itself uses.
- A run folder is created exclusively (:func:`create_run_dir`): two batches started in the
  same second get two folders.
- Publishing (:func:`publish`) moves a finished staging folder into place and deletes only
  files that an earlier publish put there (listed in the folder's manifest); a folder that
  planning did not write is refused, untouched.
- A run is *open* while its batch runs; once closed (:func:`close_run`) nothing more is
  published into it (:func:`publish_in_run`), so a late result from a stopped worker or a
  Dask cluster cannot change a run whose index is written.
- OS errors on the output side become :class:`~planning.errors.OutputError` with a message
  saying what could not be written, where, why and what to do (:func:`output_error`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import signal
import socket
import tempfile
import threading
import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from .errors import OutputError, Problem

STAGING_MARK = ".staging-"
"""Part of the name of every staging folder (``.NAME.staging-XXXXXXXX``)."""

MANIFEST = ".planning-files.json"
"""In every published folder: the files planning put there (the only ones it may delete)."""

LEGACY_MARKS = ("stamp.json", "error.txt")
"""A folder written before manifests existed carries one of these."""

RUN_LOCK = ".lock"
RUN_OPEN = ".open"
"""Hidden files of a run folder while its batch runs; both go when the run is closed."""

NAME_MAX_CHARS = 80
"""Longest output folder name (the scenario file's stem), in characters."""

RUN_FILES = ("index.html", "comparison.csv", "comparison.xlsx")
"""Files of a run folder: no scenario folder may take these names."""

DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(1, 10)]
    + [f"lpt{i}" for i in range(1, 10)]
)
"""Names Windows reserves for devices (with any extension): a folder there cannot be opened."""

_SLUG = re.compile(r"\w[\w.-]*")

ALLOWED_NAMES = (
    f"letters, digits, '_', '-' and '.', starting with a letter, digit or '_', not ending "
    f"with '.', at most {NAME_MAX_CHARS} characters, and none of "
    f"{', '.join(RUN_FILES)}, CON, PRN, AUX, NUL, COM1-9, LPT1-9"
)


def printable(text: str) -> str:
    """``text`` with control and other unprintable characters shown as escapes (``\\x01``)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def scenario_stem(name_or_path: str | os.PathLike) -> str:
    """The name a scenario argument gives its output folder: the file's stem, or the name."""
    p = Path(name_or_path)
    return p.stem if p.suffix in (".yaml", ".yml") else p.name


def output_name(stem: str, source: str = "") -> str:
    """Check that ``stem`` can name an output folder inside ``--out``; return it.

    Raises
    ------
    OutputError
        Naming the scenario file, the name found and what is allowed.

    Examples
    --------
    >>> output_name("tight_budget")
    'tight_budget'
    >>> output_name("..")                                  # doctest: +SKIP
    OutputError: cannot name an output folder '..' ...
    """
    reason = _name_problem(stem)
    if reason is None:
        return stem
    shown = printable(stem)
    raise OutputError(
        f"cannot name an output folder {shown!r} (from {printable(source) or shown})",
        [
            Problem(
                printable(source),
                f"{reason}; allowed: {ALLOWED_NAMES}; rename the scenario file",
            )
        ],
    )


def _name_problem(stem: str) -> str | None:
    if not stem:
        return "the name is empty"
    if stem in (".", ".."):
        return f"{stem!r} would write outside its own folder"
    if stem.startswith("."):
        return "a name starting with '.' is hidden"
    if any(sep in stem for sep in ("/", "\\", os.sep)):
        return "a name may not contain a path separator"
    if any(not c.isprintable() for c in stem):
        return "the name contains a control character"
    if len(stem) > NAME_MAX_CHARS:
        return f"the name has {len(stem)} characters"
    if stem.endswith("."):
        return "a name ending in '.' changes on some systems"
    if STAGING_MARK in stem:
        return f"names containing {STAGING_MARK!r} are used for unfinished work"
    low = stem.casefold()
    if low in RUN_FILES:
        return f"{stem!r} is a file of the run folder"
    if low.split(".")[0] in DEVICE_NAMES:
        return f"{stem!r} is a device name on Windows"
    if not _SLUG.fullmatch(stem):
        return "the name contains characters other than letters, digits, '_', '-' and '.'"
    return None


def unique_names(names: Sequence[str]) -> list[str]:
    """Make checked names unique (ignoring case): ``a``, ``a-2``, ... avoiding every name given."""
    taken = {n.casefold() for n in names}
    used: set[str] = set()
    out = []
    for n in names:
        name, k = n, 1
        while name.casefold() in used or (k > 1 and name.casefold() in taken):
            k += 1
            name = f"{n}-{k}"
        used.add(name.casefold())
        out.append(name)
    return out


# --------------------------------------------------------------------------- OS errors

_FIXES = {
    errno.EROFS: "the file system is read-only; choose a folder you can write to",
    errno.EACCES: "permission denied; choose a folder you can write to",
    errno.EPERM: "not permitted; choose a folder you can write to",
    errno.ENOSPC: "the disk is full; free some space or choose another folder",
    errno.EDQUOT: "the disk quota is used up; free some space or choose another folder",
    errno.ENOTDIR: "a file is in the way where a folder is needed; choose another path",
    errno.EEXIST: "a file is in the way where a folder is needed; choose another path",
    errno.EISDIR: "a folder is in the way where a file is needed; choose another name",
    errno.ENAMETOOLONG: "the path is too long; choose a shorter one",
    errno.ENOENT: "a folder on the way does not exist; create it first",
}


def output_error(doing: str, path: str | os.PathLike, exc: OSError) -> OutputError:
    """An :class:`OutputError` for ``exc`` raised while ``doing`` (e.g. "create the run folder")."""
    code = exc.errno or 0
    name = errno.errorcode.get(code, "")
    reason = exc.strerror or type(exc).__name__
    fix = _FIXES.get(code, "check the folder and try again")
    return OutputError(
        f"cannot {doing}: {reason}{f' ({name})' if name else ''}",
        [Problem(printable(str(path)), fix)],
    )


def prepare_out(out: Path) -> Path:
    """Create ``out`` when missing and check that files can be created in it.

    Raises
    ------
    OutputError
        ``out`` is a file, read-only, full, or cannot be created.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file of that name
        raise output_error("use the output folder", out, exc) from None
    except OSError as exc:
        raise output_error("create the output folder", out, exc) from None
    try:
        probe = tempfile.mkdtemp(prefix=".probe-", dir=out)
    except OSError as exc:
        raise output_error("write into the output folder", out, exc) from None
    os.rmdir(probe)
    return out


# --------------------------------------------------------------------------- run folders


def run_stamp() -> str:
    """The start time as a sortable run id: ``YYYYMMDD-HHMMSS``."""
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def create_run_dir(out: Path, attempts: int = 1000) -> Path:
    """Create a new, empty run folder ``OUT/YYYYMMDD-HHMMSS`` (``-2``, ``-3``, ... if taken).

    The folder is created with an exclusive ``mkdir``: of two batches started in the same
    second, one gets the plain name and the other the next suffix. The run is open (see
    :func:`close_run`).

    Raises
    ------
    OutputError
        The folder cannot be created (read-only, full, a file in the way).
    """
    base = run_stamp()
    for k in range(1, attempts + 1):
        run_dir = out / (base if k == 1 else f"{base}-{k}")
        try:
            run_dir.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise output_error("create the run folder", run_dir, exc) from None
        try:
            (run_dir / RUN_LOCK).touch(exist_ok=False)
            (run_dir / RUN_OPEN).write_text(f"{os.getpid()} {socket.gethostname()}\n")
        except OSError as exc:
            shutil.rmtree(run_dir, ignore_errors=True)
            raise output_error("create the run folder", run_dir, exc) from None
        return run_dir
    raise OutputError(
        "cannot create the run folder",
        [Problem(str(out / base), f"{attempts} run folders of this second exist already")],
    )


def run_is_open(run_dir: Path) -> bool:
    """Whether results may still be published into ``run_dir``."""
    return (run_dir / RUN_OPEN).is_file()


@contextlib.contextmanager
def _run_lock(run_dir: Path, exclusive: bool) -> Iterator[bool]:
    """Hold the run's lock (shared by publishers, exclusive to close); False if it is gone."""
    try:
        fd = os.open(run_dir / RUN_LOCK, os.O_RDWR)
    except OSError:
        yield False
        return
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        except (ImportError, OSError):
            pass  # no locks here (or on this file system): the open marker alone decides
        yield True
    finally:
        os.close(fd)


def close_run(run_dir: Path) -> None:
    """Close a run: wait for a publish in progress, then allow none any more.

    Closing only removes files (so it works on a full disk); it is idempotent.
    """
    with _run_lock(run_dir, exclusive=True):
        (run_dir / RUN_OPEN).unlink(missing_ok=True)
        (run_dir / RUN_LOCK).unlink(missing_ok=True)


def close_abandoned_runs(out: Path) -> list[Path]:
    """Close the runs in ``out`` whose batch was killed (on this machine) before it could
    close them itself, and remove their unfinished work. Returns the runs closed.

    A run's open marker names the batch's process and machine; a run of a process that
    still exists, or of another machine, is left alone.
    """
    closed = []
    for marker in out.glob(f"*/{RUN_OPEN}"):
        try:
            pid_text, host = marker.read_text(encoding="utf-8").split()
            pid = int(pid_text)
        except (OSError, ValueError):
            continue
        if host != socket.gethostname() or pid == os.getpid() or process_exists(pid):
            continue
        sweep_staging(marker.parent)
        close_run(marker.parent)
        closed.append(marker.parent)
    return closed


def process_exists(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (a zombie has ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, someone else's
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc here: it exists


class RunClosed(Exception):
    """The run was closed (interrupted, scheduler lost, or finished) before this result."""


def publish_in_run(staging: Path, final: Path, *, keep_existing: bool = False) -> Path:
    """:func:`publish` into a run folder (``final.parent``), only while the run is open.

    Raises
    ------
    RunClosed
        The run is closed; nothing was published (the staging folder is left to the caller).
    """
    run_dir = final.parent
    with _run_lock(run_dir, exclusive=False) as locked:
        if not locked or not run_is_open(run_dir):
            raise RunClosed(f"{run_dir} was closed before this result was ready")
        return publish(staging, final, keep_existing=keep_existing)


# --------------------------------------------------------------------------- publishing


def new_staging(final: Path) -> Path:
    """Create the staging folder for ``final``, beside it: ``.NAME.staging-XXXXXXXX``."""
    staging = final.parent / f".{final.name}{STAGING_MARK}{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    return staging


def sweep_staging(folder: Path) -> None:
    """Remove staging folders left in ``folder`` by stopped work (never a finished output)."""
    if folder.is_dir():
        for p in folder.glob(f".*{STAGING_MARK}*"):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)


def _files(folder: Path) -> set[Path]:
    return {
        p.relative_to(folder)
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink() and p.name != MANIFEST
    }


def owned_files(folder: Path) -> set[Path] | None:
    """Files an earlier publish put in ``folder`` (from its manifest); None if not ours.

    A folder written before manifests existed (it has ``stamp.json`` or ``error.txt``) is
    ours, but none of its files may be deleted: the empty set.
    """
    try:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    except FileNotFoundError:
        return set() if any((folder / m).is_file() for m in LEGACY_MARKS) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    owned = set()
    for item in listed if isinstance(listed, list) else []:
        rel = Path(str(item))
        # Only plain relative paths below the folder (a manifest is a file anyone can edit).
        if rel.parts and not rel.is_absolute() and ".." not in rel.parts:
            owned.add(rel)
    return owned


def _write_manifest(folder: Path, files: set[Path]) -> None:
    data = json.dumps({"files": sorted(p.as_posix() for p in files)}, indent=1)
    tmp = folder / f"{MANIFEST}.{uuid.uuid4().hex[:8]}.part"
    tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def _no_links_on_the_way(final: Path, rel: Path) -> bool:
    p = final
    for part in rel.parts[:-1]:
        p = p / part
        if p.is_symlink() or (p.exists() and not p.is_dir()):
            return False
    return not (final / rel).is_symlink()


def publish(staging: Path, final: Path, *, keep_existing: bool = False) -> Path:
    """Move a finished staging folder into place; never delete what planning did not write.

    When ``final`` does not exist the whole folder is renamed at once. Otherwise ``final``
    must be a folder planning wrote (it has a manifest, or is an output of an older
    version): each new file replaces its namesake, and files an earlier publish listed that
    are not produced now are removed, unless ``keep_existing`` (used for failures, so an
    older good briefing survives). Files planning did not list are never touched.

    Raises
    ------
    OutputError
        ``final`` is a link, a file, or a folder planning did not write.
    """
    produced = _files(staging)
    if not final.exists() and not final.is_symlink():
        _write_manifest(staging, produced)
        try:
            os.rename(staging, final)
            return final
        except OSError:
            if not final.exists():
                raise
    if final.is_symlink() or not final.is_dir():
        raise OutputError(
            "cannot publish the output",
            [Problem(str(final), "is a file or a link, not a folder planning wrote; move it")],
        )
    owned = owned_files(final)
    if owned is None or not all(_no_links_on_the_way(final, rel) for rel in produced):
        raise OutputError(
            "cannot publish the output",
            [
                Problem(
                    str(final),
                    f"exists and was not written by planning (no {MANIFEST}); nothing was "
                    "changed there; move it away or choose another --out",
                )
            ],
        )
    for rel in sorted(produced):
        (final / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, final / rel)
    kept = owned | produced
    if not keep_existing:
        for rel in sorted(owned - produced, reverse=True):
            if _no_links_on_the_way(final, rel):
                (final / rel).unlink(missing_ok=True)
                _remove_empty_parents(final, rel)
        kept = produced
    _write_manifest(final, kept)
    shutil.rmtree(staging, ignore_errors=True)
    return final


def _remove_empty_parents(final: Path, rel: Path) -> None:
    for parent in list(rel.parents)[:-1]:  # not final itself
        with contextlib.suppress(OSError):
            (final / parent).rmdir()  # only when empty


# --------------------------------------------------------------------------- signals


@contextlib.contextmanager
def signals_deferred(redeliver: bool = True) -> Iterator[list[int]]:
    """Hold back Ctrl-C and SIGTERM during work that must not be cut in the middle.

    Yields the list of signals received meanwhile. On leaving, they are delivered again
    (the usual handlers run: ``KeyboardInterrupt``...), unless ``redeliver`` is false and
    the caller acts on the list itself. Outside the main thread nothing changes (signals
    are delivered to the main thread only).
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    signums = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.getsignal(s) for s in signums}
    for s in signums:
        signal.signal(s, lambda n, _frame: received.append(n))
    try:
        yield received
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if redeliver:
            for s in dict.fromkeys(received):
                signal.raise_signal(s)


__all__ = [
    "MANIFEST",
    "NAME_MAX_CHARS",
    "STAGING_MARK",
    "RunClosed",
    "close_abandoned_runs",
    "close_run",
    "create_run_dir",
    "new_staging",
    "output_error",
    "output_name",
    "owned_files",
    "prepare_out",
    "printable",
    "process_exists",
    "publish",
    "publish_in_run",
    "run_is_open",
    "scenario_stem",
    "signals_deferred",
    "sweep_staging",
    "unique_names",
]
