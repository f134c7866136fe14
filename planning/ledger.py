"""The progress ledger (工作台账): every county return ever imported, with its history.

The ledger is an SQL database reached through SQLAlchemy: an SQLite file by default
(``data/ledger.sqlite``, beside the data) or a PostgreSQL server shared by several offices
(``postgresql://user@host/db``). Its schema is created and upgraded by the Alembic
migrations in :mod:`planning.migrations` when the ledger is opened; nothing else touches
it. Every statement uses bound parameters: no SQL is ever built from user text.

A return is stored in one transaction with its file's hash, who imported it, when, and
when the city received it. The same figures again are a no-op; different figures for a
county and period already in the ledger are a **correction**: a new version that
supersedes the earlier one, which stays. :meth:`Ledger.as_of` gives the state as it was
known on any past date (corrections received later are not seen).

Imports are serialised (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-level
advisory lock), so two processes importing at once never lose or duplicate a return; a
unique constraint on (county, period, version) backs that up.

>>> ledger = load_ledger("sqlite:///reports/ledger.sqlite")          # doctest: +SKIP
>>> ledger.import_return("C03_2014Q2.xlsx", load_baseline()).status   # doctest: +SKIP
'stored'
>>> ledger.as_of("2015-06").talent_stock()                            # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import NullPool

from .data import Baseline, printable
from .errors import PlanningError, Problem, UsageError
from .i18n import t
from .paths import DATA_DIR, PACKAGE_DIR
from .periods import ReportPeriod, end_of_day, parse_as_of, parse_period
from .returns import (
    INFO_COLUMNS,
    RETURN_TABLES,
    ReadResult,
    Return,
    ReturnError,
    read_checked,
)

LEDGER_FILE = "ledger.sqlite"
"""Name of the default ledger file, beside the data."""
WAIT_SECONDS = 30.0
"""How long an import waits for another one holding the ledger before giving up."""
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
PLAN_START = "2014-01"
"""First month of the plan: the data describe the end of 2013."""
LOCK_KEY = 0x706C616E  # PostgreSQL advisory lock of imports ('plan')
SHEETS = tuple(tb.name for tb in RETURN_TABLES[1:])
KEYS: dict[str, tuple[str, ...]] = {
    "talent": ("pool",),
    "classes": ("class_ref",),
    "trained": ("secretary_id",),
    "secretaries": ("secretary_id", "change"),
    "venues": ("venue_id", "event"),
    "subsidies": ("month",),
    "social_work": ("community_id",),
    "pairings": ("cadre_id",),
    "surveys": ("survey",),
}
"""The columns naming a row of each sheet, for the history's differences."""


class LedgerError(PlanningError):
    """The ledger cannot be opened or written: not found, damaged, locked, unreachable."""

    def _render(self) -> str:
        return self.headline + "".join(f"\n  {p}" for p in self.problems)


class LedgerMissing(LedgerError):
    """No ledger file exists yet where one was asked for (and none is to be created)."""


# --------------------------------------------------------------------------- schema

metadata = sa.MetaData()
_ID, _ENUM, _MONTH, _TEXT = sa.String(64), sa.String(16), sa.String(7), sa.String(1000)

returns_table = sa.Table(
    "ledger_returns",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("county_id", _ID, nullable=False),
    sa.Column("period", _ENUM, nullable=False),
    sa.Column("period_start", sa.Date(), nullable=False),
    sa.Column("period_end", sa.Date(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("file_hash", sa.String(64), nullable=False),
    sa.Column("file_name", _TEXT, nullable=False),
    sa.Column("prepared_by", _TEXT, nullable=False),
    sa.Column("submitted_on", sa.Date(), nullable=True),
    sa.Column("imported_by", sa.String(200), nullable=False),
    sa.Column("imported_at", sa.DateTime(), nullable=False),
    sa.Column("received_at", sa.DateTime(), nullable=False),
    sa.UniqueConstraint("county_id", "period", "version", name="uq_ledger_returns_version"),
    sa.Index("ix_ledger_returns_received_at", "received_at"),
    sa.Index("ix_ledger_returns_county_period", "county_id", "period"),
)


def _sql_type(kind: str) -> Any:
    return {
        "id": _ID,
        "ref": _ID,
        "enum": _ENUM,
        "month": _MONTH,
        "text": _TEXT,
        "int": sa.Integer(),
        "float": sa.Float(),
        "bool": sa.Boolean(),
    }[kind]


def _sheet_table(name: str) -> sa.Table:
    tb = next(x for x in RETURN_TABLES if x.name == name)
    cols = [c for c in tb.columns if c.name not in INFO_COLUMNS]
    return sa.Table(
        f"ledger_{name}",
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "return_id",
            sa.Integer(),
            sa.ForeignKey("ledger_returns.id", name=f"fk_ledger_{name}_return"),
            nullable=False,
        ),
        *(sa.Column(c.name, _sql_type(c.kind), nullable=False) for c in cols),
        sa.Index(f"ix_ledger_{name}_return_id", "return_id"),
    )


sheet_tables: dict[str, sa.Table] = {name: _sheet_table(name) for name in SHEETS}


# --------------------------------------------------------------------------- where


def default_ledger(data: str | Path | None = None) -> Path:
    """The default ledger file: ``ledger.sqlite`` beside the data folder or workbook
    (``data/ledger.sqlite`` for the bundled Example City)."""
    if data is None:
        return DATA_DIR / LEDGER_FILE
    return Path(data).expanduser().resolve().parent / LEDGER_FILE


def ledger_url(where: str | Path | None = None, data: str | Path | None = None) -> sa.URL:
    """The database URL of a ledger: ``sqlite:///PATH``, ``postgresql://...``, a bare file
    path (an SQLite file), or None for :func:`default_ledger`.

    ``postgresql://`` uses the psycopg driver that planning installs.
    """
    if where is None:
        where = os.environ.get("PLANNING_LEDGER") or default_ledger(data)
    text = str(where)
    if "://" not in text:
        return sa.URL.create("sqlite", database=str(Path(text).expanduser()))
    try:
        url = sa.make_url(text)
    except Exception:
        raise UsageError(
            f"ledger '{printable(_hide_password(text))}': not a database URL; expected "
            "sqlite:///PATH, postgresql://USER@HOST:PORT/DATABASE or a file path"
        ) from None
    backend = url.get_backend_name()
    if backend == "postgresql" and url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    elif backend not in ("sqlite", "postgresql"):
        raise UsageError(
            f"ledger '{url.render_as_string(hide_password=True)}': {backend} is not supported; "
            "expected an SQLite file (sqlite:///PATH) or PostgreSQL (postgresql://...)"
        )
    return url


def _hide_password(text: str) -> str:
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", text)


def shown_url(url: sa.URL) -> str:
    """A ledger's URL as messages show it: the file path of SQLite, no password."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.set(drivername="postgresql").render_as_string(hide_password=True)


# --------------------------------------------------------------------------- opening


def load_ledger(
    where: str | Path | None = None,
    *,
    data: str | Path | None = None,
    create: bool = True,
    wait_seconds: float = WAIT_SECONDS,
) -> Ledger:
    """Open a ledger, creating or upgrading its schema (Alembic) when needed.

    Parameters
    ----------
    where : str or Path, optional
        ``sqlite:///PATH``, ``postgresql://USER@HOST:PORT/DB``, a file path, or None for
        ``$PLANNING_LEDGER`` or the default (``ledger.sqlite`` beside ``data``).
    data : str or Path, optional
        The data folder or workbook, which places the default ledger.
    create : bool
        Create an SQLite ledger that does not exist yet (False: a LedgerError says so).
    wait_seconds : float
        How long to wait for another program holding the ledger.

    Raises
    ------
    LedgerError
        Not found, not a ledger, damaged, locked, made by a newer planning, or unreachable.

    Examples
    --------
    >>> ledger = load_ledger("sqlite:///data/ledger.sqlite")          # doctest: +SKIP
    >>> ledger.as_of("2015-06").returns[["county_id", "period"]].tail(1)  # doctest: +SKIP
    """
    url = ledger_url(where, data)
    if url.get_backend_name() == "sqlite":
        _check_sqlite_file(url, create)
    ledger = Ledger(url, wait_seconds)
    try:
        ledger.upgrade()
    except BaseException:
        ledger.close()
        raise
    return ledger


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_sqlite_file(url: sa.URL, create: bool) -> None:
    path = Path(str(url.database))
    if str(url.database) in ("", ":memory:"):
        return
    if path.is_dir():
        raise LedgerError(f"{path}: is a folder; give the ledger's file, e.g. {path / LEDGER_FILE}")
    if not path.exists():
        if not create:
            raise LedgerMissing(t("progress.ledger.missing", "en", path=str(path)))
        if not path.parent.is_dir():
            raise LedgerError(f"{path.parent}: folder not found; create it first")
        return
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise LedgerError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if head and head != _SQLITE_MAGIC:
        raise LedgerError(
            f"{path}: is not a ledger (not an SQLite database file); give the ledger's "
            "file, or restore it from a backup"
        )


def _make_engine(url: sa.URL, wait_seconds: float) -> sa.Engine:
    if url.get_backend_name() == "sqlite":
        engine = sa.create_engine(
            url, poolclass=NullPool, connect_args={"timeout": float(wait_seconds)}
        )

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" below decide how a transaction starts.
            dbapi_connection.isolation_level = None
            dbapi_connection.execute("PRAGMA foreign_keys = ON")

        @event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            # A writer takes the write lock at once, so that what it read stays true until
            # it commits: two imports at once run one after the other.
            write = conn.get_execution_options().get("ledger_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    ms = int(wait_seconds * 1000)
    return sa.create_engine(
        url,
        poolclass=NullPool,
        connect_args={"connect_timeout": 10, "options": f"-c lock_timeout={ms}"},
    )


@dataclass
class ImportOutcome:
    """What an import did: ``stored`` (a first return), ``correction`` (a new version of
    a county and period already in the ledger), ``unchanged`` (the same figures again) or
    ``superseded`` (the figures of an earlier version, since corrected: nothing stored;
    ``current`` is the version in force)."""

    status: str
    county_id: str
    county: str
    period: str
    version: int
    source: str
    notes: list[str] = field(default_factory=list)
    current: int | None = None


class Ledger:
    """An open ledger; see :func:`load_ledger`."""

    def __init__(self, url: sa.URL, wait_seconds: float = WAIT_SECONDS):
        self.url = url
        self.shown = shown_url(url)
        self.wait_seconds = wait_seconds
        self.engine = _make_engine(url, wait_seconds)
        self.backend = url.get_backend_name()

    def close(self) -> None:
        """Release the ledger's connections."""
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({self.shown!r})"

    # ------------------------------------------------------------------ plumbing

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Database errors as a LedgerError that says what to do."""
        try:
            yield
        except sa.exc.DBAPIError as exc:
            raise self._ledger_error(exc) from None

    def _ledger_error(self, exc: sa.exc.DBAPIError) -> LedgerError:
        text = str(exc.orig) if exc.orig is not None else str(exc)
        low = text.lower()
        if "database is locked" in low or "lock timeout" in low:
            return LedgerError(
                t("progress.ledger.locked", "en", ledger=self.shown, seconds=self.wait_seconds)
            )
        if "not a database" in low or "malformed" in low or "disk image" in low:
            return LedgerError(t("progress.ledger.damaged", "en", ledger=self.shown))
        if "readonly" in low or "read-only" in low or "permission" in low:
            return LedgerError(f"{self.shown}: cannot be written ({text.strip()})")
        if "unable to open" in low:
            return LedgerError(f"{self.shown}: cannot be opened ({text.strip()})")
        if isinstance(exc, sa.exc.OperationalError) and self.backend == "postgresql":
            first = text.strip().splitlines()[0] if text.strip() else type(exc.orig).__name__
            return LedgerError(
                t("progress.ledger.unreachable", "en", ledger=self.shown, reason=first)
            )
        return LedgerError(f"{self.shown}: the database refused the operation ({text.strip()})")

    @contextlib.contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self._errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction, holding the ledger's import lock until it ends."""
        with self._errors(), self.engine.connect() as raw:
            conn = raw.execution_options(ledger_write=True)
            with conn.begin():
                if self.backend == "postgresql":
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(LOCK_KEY)))
                yield conn

    def upgrade(self) -> None:
        """Create the schema in an empty database or upgrade an older one to the newest."""
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        script = ScriptDirectory.from_config(cfg)
        head = script.get_current_head()
        with self._write() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
            if current is not None and current not in {s.revision for s in script.walk_revisions()}:
                raise LedgerError(
                    f"{self.shown}: was made by a newer version of planning (schema "
                    f"'{current}'); upgrade planning to use it"
                )
            if current is None:
                tables = set(sa.inspect(conn).get_table_names())
                if tables - {"alembic_version"}:
                    raise LedgerError(
                        f"{self.shown}: is a database but not a ledger (it holds other tables: "
                        f"{', '.join(sorted(tables)[:5])}); give the ledger's own database"
                    )
            cfg.attributes["connection"] = conn
            from alembic import command

            command.upgrade(cfg, "head")

    def revision(self) -> str | None:
        """The schema revision of the database (``"0002"``)."""
        from alembic.runtime.migration import MigrationContext

        with self._read() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    # ------------------------------------------------------------------ import

    def import_return(
        self,
        source: str | Path | ReadResult,
        baseline: Baseline,
        *,
        by: str | None = None,
        received: datetime | date | str | None = None,
        today: date | None = None,
        lang: str = "en",
    ) -> ImportOutcome:
        """Check a return and store it in one transaction; nothing is stored on a problem.

        Parameters
        ----------
        source : path or ReadResult
            The return (workbook or CSV folder), or one read already.
        baseline : Baseline
            The data its ids are checked against.
        by : str, optional
            Who imports it (default: the operating-system user).
        received : datetime, date, ``"submitted"`` or None
            When the city received the return; ``as_of`` reads this. Default: now. A date
            (for a paper return received earlier) or ``"submitted"`` (the return's own
            ``submitted_on``).
        today : date, optional
            The date checks of "not in the future" use (default: the real today).

        Returns
        -------
        ImportOutcome

        Raises
        ------
        ReturnError
            Every problem of the return and of the ledger's rules, at once.
        LedgerError
            The ledger cannot be written.
        """
        now = datetime.now().replace(microsecond=0)
        today = today or now.date()
        read = (
            source
            if isinstance(source, ReadResult)
            else read_checked(source, baseline, today=today, lang=lang)
        )
        if read.ret is None:
            raise _return_error(read, lang)
        ret = read.ret
        when = _received(received, ret, now, today)
        name = baseline.county_names.get(ret.county_id, ret.county_id)
        with self._write() as conn:
            versions = _versions(conn, ret.county_id, ret.period.text)
            latest = versions[-1] if versions else None
            if latest is not None and latest["content_hash"] == ret.content_hash:
                return ImportOutcome(
                    "unchanged", ret.county_id, name, ret.period.text, latest["version"],
                    read.shown,
                )  # fmt: skip
            earlier = [v for v in versions if v["content_hash"] == ret.content_hash]
            if earlier:
                # A version a later correction replaced, imported again (all of a county's
                # files imported once more): it is in the ledger already; nothing changes.
                return ImportOutcome(
                    "superseded", ret.county_id, name, ret.period.text, earlier[-1]["version"],
                    read.shown, [], latest["version"],
                )  # fmt: skip
            rules = _LedgerRules(conn, baseline, read, lang)
            rules.check(when, latest)
            if read.report.total:
                raise _return_error(read, lang)
            version = 1 if latest is None else latest["version"] + 1
            _insert(conn, ret, version, by or _os_user(), now, when)
            status = "stored" if latest is None else "correction"
            return ImportOutcome(
                status, ret.county_id, name, ret.period.text, version, read.shown, rules.notes
            )

    # ------------------------------------------------------------------ reading

    def versions(self, county_id: str | None = None, period: str | None = None) -> pd.DataFrame:
        """Every stored version (all returns and their corrections), oldest first."""
        r = returns_table
        q = sa.select(r).order_by(r.c.county_id, r.c.period_start, r.c.period, r.c.version)
        if county_id is not None:
            q = q.where(r.c.county_id == county_id)
        if period is not None:
            q = q.where(r.c.period == period)
        with self._read() as conn:
            return _frame(conn.execute(q))

    def history(
        self, baseline: Baseline, county_id: str, period: str | None = None, lang: str = "en"
    ) -> list[dict[str, Any]]:
        """Who changed what when: every version of a county's returns with its changes.

        Returns
        -------
        list of dict
            One per version, oldest first: ``period``, ``version``, ``status`` (``stored``
            or ``correction``), ``received_at``, ``imported_at``, ``imported_by``,
            ``file_name``, ``file_hash``, ``prepared_by`` and ``changes`` (lines in words,
            from the version before; empty for a first return).
        """
        versions = self.versions(county_id, period)
        out = []
        with self._read() as conn:
            rows_by_version = {
                int(v.id): _sheets_of(conn, [int(v.id)]) for v in versions.itertuples()
            }
        names = _Names(baseline, lang)
        previous: dict[str, dict[str, pd.DataFrame]] = {}
        for v in versions.itertuples():
            sheets = rows_by_version[int(v.id)]
            before = previous.get(v.period)
            changes = [] if before is None else _differences(before, sheets, names, lang)
            previous[v.period] = sheets
            out.append(
                {
                    "county_id": v.county_id,
                    "period": v.period,
                    "version": int(v.version),
                    "status": "stored" if before is None else "correction",
                    "received_at": v.received_at,
                    "imported_at": v.imported_at,
                    "imported_by": v.imported_by,
                    "file_name": v.file_name,
                    "file_hash": v.file_hash,
                    "prepared_by": v.prepared_by,
                    "changes": changes,
                }
            )
        return out

    def as_of(self, when: datetime | date | str | None = None) -> LedgerState:
        """The ledger as it was known at the end of a day, month or quarter.

        Only returns received by then count, each county and period in the latest version
        received by then: a correction received later is not seen, so a past review can be
        reproduced exactly.

        Parameters
        ----------
        when : datetime, date or str, optional
            ``"2015-06"`` (end of June 2015), ``"2015-06-30"``, ``"2015Q2"``, a date or a
            datetime; None: now.

        Examples
        --------
        >>> state = load_ledger().as_of("2015-06")                 # doctest: +SKIP
        >>> state.talent_stock().groupby("county_id")["closing"].sum()  # doctest: +SKIP
        """
        cut = _moment(when)
        with self._read() as conn:
            current = _current(cut).subquery("current")
            returns = _frame(
                conn.execute(
                    sa.select(current).order_by(current.c.county_id, current.c.period_start)
                )
            )
            tables = {}
            for name, tbl in sheet_tables.items():
                cols = [c for c in tbl.c if c.name not in ("id",)]
                q = (
                    sa.select(current.c.county_id, current.c.period, *cols)
                    .join(current, current.c.id == tbl.c.return_id)
                    .order_by(tbl.c.id)
                )
                tables[name] = _frame(conn.execute(q)).drop(columns=["return_id"])
        return LedgerState(cut, returns, tables)


def _moment(when: datetime | date | str | None) -> datetime:
    if when is None:
        return datetime.now()
    if isinstance(when, datetime):
        return when
    if isinstance(when, date):
        return end_of_day(when)
    moment = parse_as_of(str(when))
    if moment is None:
        raise UsageError(
            f"as of '{printable(str(when))}': not a date; expected a day such as 2015-06-30, "
            "a month such as 2015-06 or a quarter such as 2015Q2"
        )
    return moment


def _current(cut: datetime | None, county_id: str | None = None) -> sa.Select:
    """The latest version received by ``cut`` of every county and period."""
    r = returns_table
    conds = [] if cut is None else [r.c.received_at <= cut]
    if county_id is not None:
        conds.append(r.c.county_id == county_id)
    latest = (
        sa.select(r.c.county_id, r.c.period, sa.func.max(r.c.version).label("v"))
        .where(*conds)
        .group_by(r.c.county_id, r.c.period)
        .subquery("latest")
    )
    return sa.select(r).join(
        latest,
        sa.and_(
            r.c.county_id == latest.c.county_id,
            r.c.period == latest.c.period,
            r.c.version == latest.c.v,
        ),
    )


def _frame(result: sa.CursorResult) -> pd.DataFrame:
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _versions(conn: sa.Connection, county_id: str, period: str) -> list[dict[str, Any]]:
    r = returns_table
    rows = conn.execute(
        sa.select(r.c.id, r.c.version, r.c.content_hash, r.c.received_at)
        .where(r.c.county_id == county_id, r.c.period == period)
        .order_by(r.c.version)
    )
    return [dict(row._mapping) for row in rows]


def _sheets_of(conn: sa.Connection, ids: Sequence[int]) -> dict[str, pd.DataFrame]:
    out = {}
    for name, tbl in sheet_tables.items():
        cols = [c for c in tbl.c if c.name not in ("id", "return_id")]
        res = conn.execute(
            sa.select(*cols).where(tbl.c.return_id.in_(list(ids))).order_by(tbl.c.id)
        )
        out[name] = _frame(res)
    return out


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (some containers)
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def _received(received: Any, ret: Return, now: datetime, today: date) -> datetime:
    if received is None:
        return now
    if isinstance(received, str) and received.strip().lower() == "submitted":
        if ret.submitted_on is None:
            return now
        return datetime.combine(ret.submitted_on, time(12, 0))
    if isinstance(received, datetime):
        return received
    if isinstance(received, date):
        return datetime.combine(received, time(12, 0))
    moment = parse_as_of(str(received))
    if moment is None:
        raise UsageError(
            f"received '{printable(str(received))}': not a date; expected a day such as "
            "2014-07-10, or 'submitted' for the date written in each return"
        )
    return datetime.combine(moment.date(), time(12, 0))


def _return_error(read: ReadResult, lang: str) -> ReturnError:
    head = t("progress.problems", lang, source=read.shown, n=read.report.total)
    return ReturnError(head, read.report.problems())


def _insert(
    conn: sa.Connection, ret: Return, version: int, by: str, now: datetime, received: datetime
) -> int:
    """Store one version of a return and its rows (inside the caller's transaction)."""
    res = conn.execute(
        returns_table.insert().values(
            county_id=ret.county_id,
            period=ret.period.text,
            period_start=ret.period.start,
            period_end=ret.period.end,
            version=version,
            content_hash=ret.content_hash,
            file_hash=ret.file_hash,
            file_name=Path(ret.source).name[:1000],
            prepared_by=ret.prepared_by[:1000],
            submitted_on=ret.submitted_on,
            imported_by=by[:200],
            imported_at=now,
            received_at=received,
        )
    )
    return_id = int(res.inserted_primary_key[0])
    for name, frame in ret.frames.items():
        if not len(frame):
            continue
        tbl = sheet_tables[name]
        cols = [c.name for c in tbl.c if c.name not in ("id", "return_id")]
        rows = [
            {"return_id": return_id, **{c: _py(v) for c, v in zip(cols, rec, strict=True)}}
            for rec in frame[cols].itertuples(index=False, name=None)
        ]
        conn.execute(tbl.insert(), rows)
    return return_id


def _py(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    return v


# --------------------------------------------------------------------------- ledger rules


class _LedgerRules:
    """Rules that need what the ledger holds for the county (other periods, as now)."""

    def __init__(self, conn: sa.Connection, baseline: Baseline, read: ReadResult, lang: str):
        assert read.ret is not None
        self.conn, self.b, self.read, self.ret, self.lang = conn, baseline, read, read.ret, lang
        self.notes: list[str] = []
        cur = _current(None, self.ret.county_id).subquery("current")
        self.others = _frame(
            self.conn.execute(
                sa.select(cur)
                .where(cur.c.period != self.ret.period.text)
                .order_by(cur.c.period_start)
            )
        )
        ids = [int(i) for i in self.others["id"]] if len(self.others) else []
        self.sheets = _sheets_with_period(conn, ids, self.others)

    def add(self, table: str, i: int | None, key: str, col: str = "", **kw: Any) -> None:
        where = self.ret.where(table, i)
        prefix = f"column '{col}': " if col else ""
        what = prefix + t(f"progress.rule.{key}", self.lang, **kw)
        self.read.report.add((self.ret.where(table), col, key), where, what)

    def check(self, received: datetime, latest: dict[str, Any] | None) -> None:
        self.received(received, latest)
        self.overlap()
        self.opening()
        self.secretaries()
        self.trained()
        self.venues()
        self.pairings()
        self.social_work()

    def received(self, received: datetime, latest: dict[str, Any] | None) -> None:
        p = self.ret.period
        if received.date() <= p.end:
            self.add("return", None, "received_early", received=received.date().isoformat(),
                     period=p.text, end=p.end.isoformat())  # fmt: skip
        if latest is not None and received < latest["received_at"]:
            self.add("return", None, "received_before_version",
                     received=received.date().isoformat(), version=latest["version"],
                     before=latest["received_at"].date().isoformat())  # fmt: skip

    def overlap(self) -> None:
        for o in self.others.itertuples():
            other = parse_period(o.period)
            if other is not None and other.overlaps(self.ret.period):
                self.add("return", None, "overlap", period=self.ret.period.text, other=o.period)

    def _previous(self) -> Any:
        before = self.others[self.others["period_end"] < self.ret.period.start]
        return None if not len(before) else before.iloc[-1]

    def opening(self) -> None:
        talent = self.ret.frames["talent"]
        prev = self._previous()
        if prev is None:
            tp = self.b.talent_pool
            tp = tp[tp["county_id"] == self.ret.county_id]
            closing = tp.groupby("pool")["members"].sum().to_dict()
            source = t("progress.rule.baseline_source", self.lang)
        else:
            gap_start = pd.Timestamp(prev["period_end"]) + pd.Timedelta(days=1)
            if gap_start.date() != self.ret.period.start:
                self.add("return", None, "gap", last=prev["period"], period=self.ret.period.text,
                         start=gap_start.date().isoformat())  # fmt: skip
                return
            tl = self.sheets["talent"]
            tl = tl[tl["period"] == prev["period"]]
            closing = dict(zip(tl["pool"], tl["closing"], strict=True))
            source = t("progress.rule.previous_source", self.lang, period=prev["period"])
        for i, row in enumerate(talent.itertuples()):
            expected = int(closing.get(row.pool, 0))
            if int(row.opening) != expected:
                self.add("talent", i, "opening", "opening", pool=row.pool,
                         found=int(row.opening), expected=expected, source=source)  # fmt: skip
        # A correction of an earlier period that changes its closing stock: the next
        # period's opening no longer agrees; say so, the next return needs correcting too.
        after = self.others[self.others["period_start"] > self.ret.period.end]
        if len(after):
            nxt = after.iloc[0]
            tl = self.sheets["talent"]
            tl = tl[tl["period"] == nxt["period"]]
            opening = dict(zip(tl["pool"], tl["opening"], strict=True))
            for row in talent.itertuples():
                if row.pool in opening and int(opening[row.pool]) != int(row.closing):
                    self.notes.append(
                        t(
                            "progress.note.next_opening",
                            self.lang,
                            period=nxt["period"],
                            pool=row.pool,
                            opening=int(opening[row.pool]),
                            closing=int(row.closing),
                        )  # fmt: skip
                    )

    def known_secretaries(self) -> tuple[dict[str, str], set[str]]:
        """Secretaries who took office in earlier returns (id -> village) and who left."""
        s = self.sheets["secretaries"]
        took = s[s["change"] == "took_office"]
        left = set(s.loc[s["change"] == "left_office", "secretary_id"])
        return dict(zip(took["secretary_id"], took["village_id"], strict=True)), left

    def secretaries(self) -> None:
        took, left = self.known_secretaries()
        frame = self.ret.frames["secretaries"]
        for i, row in enumerate(frame.itertuples()):
            if row.change == "took_office" and row.secretary_id in took:
                self.add("secretaries", i, "id_taken", "secretary_id", found=row.secretary_id)
            if row.change == "left_office" and row.secretary_id in left:
                self.add("secretaries", i, "left_twice", "secretary_id", found=row.secretary_id)
        for table, i, sid in self.read.pending:
            if sid not in took:
                where = (
                    f"{self.read.labels.get(table, self.read.shown)}:{self.read.lines[table][i]}"
                )
                what = "column 'secretary_id': " + t(
                    "progress.rule.unknown_secretary", self.lang, found=sid
                )
                self.read.report.add(
                    (self.ret.where(table), "secretary_id", "unknown"), where, what
                )

    def trained(self) -> None:
        done = self.sheets["trained"]
        seen = dict(zip(done["secretary_id"], done["period"], strict=True))
        for i, row in enumerate(self.ret.frames["trained"].itertuples()):
            if row.secretary_id in seen:
                self.add("trained", i, "trained_twice", "secretary_id", found=row.secretary_id,
                         period=seen[row.secretary_id])  # fmt: skip
        secs = self.b.secretaries
        special = set(secs.loc[secs["special_course"], "secretary_id"])
        classes = self.ret.frames["classes"]
        special_refs = set(classes.loc[classes["special_course"].astype(bool), "class_ref"])
        for i, row in enumerate(self.ret.frames["trained"].itertuples()):
            if row.secretary_id in special and row.class_ref in special_refs:
                self.add("trained", i, "trained_before_plan", "secretary_id",
                         found=row.secretary_id)  # fmt: skip

    def venues(self) -> None:
        v = self.sheets["venues"]
        first = self.ret.period.start
        starts = v[v["event"] == "started"]
        started = dict(zip(starts["venue_id"], starts["month"], strict=True))
        earlier = set(starts.loc[starts["period_start"] < first, "venue_id"]) if len(v) else set()
        done = v[v["event"] == "completed"]
        completed = dict(zip(done["venue_id"], done["period"], strict=True))
        done_before = set(done.loc[done["period_start"] < first, "venue_id"]) if len(v) else set()
        frame = self.ret.frames["venues"]
        here = set(frame.loc[frame["event"] == "started", "venue_id"])
        for i, row in enumerate(frame.itertuples()):
            vid = row.venue_id
            if vid in completed and (row.event == "completed" or vid in done_before):
                self.add("venues", i, "completed_already", "venue_id", found=vid,
                         period=completed[vid])  # fmt: skip
            elif row.event == "started" and vid in started:
                self.add("venues", i, "started_twice", "venue_id", found=vid, month=started[vid])
            elif row.event == "completed" and vid not in earlier | here:
                self.add("venues", i, "completed_not_started", "venue_id", found=vid)

    def pairings(self) -> None:
        p = self.sheets["pairings"]
        seen = dict(zip(p["cadre_id"], p["period"], strict=True))
        ac = self.b.agency_cadres
        before = ac[(ac["paired_from"] != "") & (ac["paired_from"] < PLAN_START)]
        earlier = set(before["cadre_id"])
        for i, row in enumerate(self.ret.frames["pairings"].itertuples()):
            if row.cadre_id in seen:
                self.add("pairings", i, "paired_twice", "cadre_id", found=row.cadre_id,
                         period=seen[row.cadre_id])  # fmt: skip
            elif row.cadre_id in earlier:
                self.add("pairings", i, "paired_before_plan", "cadre_id", found=row.cadre_id)

    def social_work(self) -> None:
        com = self.b.communities.set_index("community_id")["social_workers"]
        sw = self.sheets["social_work"]
        earlier = sw[sw["period_start"] < self.ret.period.start] if len(sw) else sw
        net = (earlier.groupby("community_id")["passed"].sum()
               - earlier.groupby("community_id")["left"].sum()) if len(earlier) else {}  # fmt: skip
        for i, row in enumerate(self.ret.frames["social_work"].itertuples()):
            have = int(com.get(row.community_id, 0)) + int(dict(net).get(row.community_id, 0))
            if have + int(row.passed) - int(row.left) < 0:
                self.add("social_work", i, "workers_negative", "left", found=int(row.left),
                         have=have + int(row.passed))  # fmt: skip


def _sheets_with_period(
    conn: sa.Connection, ids: list[int], returns: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Rows of the given versions, each with its period and period start."""
    out = {}
    meta = returns.set_index("id")[["period", "period_start"]] if len(returns) else None
    for name, tbl in sheet_tables.items():
        cols = [c for c in tbl.c if c.name != "id"]
        if ids:
            frame = _frame(conn.execute(sa.select(*cols).where(tbl.c.return_id.in_(ids))))
        else:
            frame = pd.DataFrame(columns=[c.name for c in cols])
        if meta is not None and len(frame):
            frame = frame.join(meta, on="return_id")
        else:
            frame["period"] = pd.Series(dtype=object)
            frame["period_start"] = pd.Series(dtype=object)
        out[name] = frame
    return out


# --------------------------------------------------------------------------- history


class _Names:
    """Names people know things by, for messages: counties, villages, communities, bases."""

    def __init__(self, b: Baseline, lang: str = "en"):
        self.county = b.names("counties", lang)
        self.village = b.names("villages", lang)
        self.community = b.names("communities", lang)
        self.base = b.names("training_bases", lang)
        self.sec_village = dict(
            zip(b.secretaries["secretary_id"], b.secretaries["village_id"], strict=True)
        )

    def thing(self, sheet: str, key: tuple[Any, ...], lang: str) -> str:
        k = key[0]
        if sheet in ("trained", "secretaries"):
            village = self.village.get(self.sec_village.get(k, ""), "")
            label = t("progress.history.secretary_of", lang, village=village) if village else k
            return f"{label} ({k})" if village else label
        if sheet == "venues":
            name = self.community.get(k) or self.village.get(k) or k
            return f"{name}, {t(f'progress.event.{key[1]}', lang)}"
        if sheet == "social_work":
            return self.community.get(k, k)
        return " ".join(str(x) for x in key)


def _differences(
    before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame], names: _Names, lang: str
) -> list[str]:
    """Lines in words: rows added, removed or changed between two versions of a return."""
    out = []
    for sheet in SHEETS:
        keys = list(KEYS[sheet])
        a = before[sheet].set_index(keys) if len(before[sheet]) else None
        b = after[sheet].set_index(keys) if len(after[sheet]) else None
        ak = set(a.index) if a is not None else set()
        bk = set(b.index) if b is not None else set()
        title = t(f"progress.sheet.{sheet}", lang)
        for k in sorted(bk - ak, key=str):
            out.append(t("progress.history.added", lang, sheet=title,
                         thing=names.thing(sheet, _tuple(k), lang)))  # fmt: skip
        for k in sorted(ak - bk, key=str):
            out.append(t("progress.history.removed", lang, sheet=title,
                         thing=names.thing(sheet, _tuple(k), lang)))  # fmt: skip
        for k in sorted(ak & bk, key=str):
            ra, rb = a.loc[k], b.loc[k]
            diffs = [
                f"{c} {_show(ra[c])} → {_show(rb[c])}"
                for c in a.columns
                if _show(ra[c]) != _show(rb[c])
            ]
            if diffs:
                out.append(t("progress.history.changed", lang, sheet=title,
                             thing=names.thing(sheet, _tuple(k), lang),
                             what=", ".join(diffs)))  # fmt: skip
    return out


def _tuple(k: Any) -> tuple[Any, ...]:
    return k if isinstance(k, tuple) else (k,)


def _show(v: Any) -> str:
    v = _py(v)
    if isinstance(v, float):
        return f"{v:,.0f}" if v.is_integer() else f"{v:,.4g}"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


# --------------------------------------------------------------------------- state


@dataclass(frozen=True, eq=False)
class LedgerState:
    """The actual state as known at one moment (:meth:`Ledger.as_of`).

    Attributes
    ----------
    as_of : datetime
        The moment.
    returns : DataFrame
        The version of each county and period in force then: ``county_id``, ``period``,
        ``period_start``, ``period_end``, ``version``, ``received_at``, ``imported_by``, ...
    tables : dict of DataFrame
        Rows of those versions, one frame per sheet, each with ``county_id`` and ``period``.
    """

    as_of: datetime
    returns: pd.DataFrame
    tables: dict[str, pd.DataFrame]

    def table(self, name: str) -> pd.DataFrame:
        """The rows of one sheet (``talent``, ``trained``, ``venues``, ...)."""
        return self.tables[name]

    def last_period(self) -> pd.DataFrame:
        """The last period each county reported: ``county_id``, ``period``, ``period_end``."""
        r = self.returns
        if not len(r):
            return pd.DataFrame(columns=["county_id", "period", "period_end"])
        last = r.sort_values("period_end").groupby("county_id").tail(1)
        return last[["county_id", "period", "period_end"]].reset_index(drop=True)

    def reported_months(self, start_year: int) -> dict[str, int]:
        """Plan month (1 = January of ``start_year``) of the end of each county's last
        reported period; counties with no return are left out.

        >>> # 2015Q1 in a plan starting in 2014 ends in plan month 15
        """
        last = self.last_period()
        ends = pd.to_datetime(last["period_end"])
        months = (ends.dt.year - start_year) * 12 + ends.dt.month
        return dict(zip(last["county_id"], months.astype(int).tolist(), strict=True))

    def talent_stock(self) -> pd.DataFrame:
        """Members of each pool at the end of each county's last reported period:
        ``county_id``, ``pool``, ``period``, ``closing``."""
        tl = self.tables["talent"]
        last = self.last_period()
        m = tl.merge(last[["county_id", "period"]], on=["county_id", "period"])
        return m[["county_id", "pool", "period", "closing"]].reset_index(drop=True)

    def talent_flows(self) -> pd.DataFrame:
        """Every reported period's flows per county and pool (the talent sheet)."""
        return self.tables["talent"]

    def trained(self) -> pd.DataFrame:
        """Secretaries trained, with their class: ``county_id``, ``period``,
        ``secretary_id``, ``class_ref``, ``base_id``, ``month``, ``days``,
        ``special_course``."""
        tr = self.tables["trained"]
        cl = self.tables["classes"]
        return tr.merge(cl, on=["county_id", "period", "class_ref"], how="left")

    def venue_projects(self) -> pd.DataFrame:
        """One row per venue project: ``county_id``, ``venue_id``, ``started`` and
        ``completed`` (months, None when not yet), ``tier_reached``, ``owned``,
        ``cost_yuan`` (all reported spending)."""
        v = self.tables["venues"]
        if not len(v):
            return pd.DataFrame(
                columns=[
                    "county_id",
                    "venue_id",
                    "started",
                    "completed",
                    "tier_reached",
                    "owned",
                    "cost_yuan",
                ]  # fmt: skip
            )
        start = v[v["event"] == "started"].set_index(["county_id", "venue_id"])["month"]
        done = v[v["event"] == "completed"].set_index(["county_id", "venue_id"])
        cost = v.groupby(["county_id", "venue_id"])["cost_yuan"].sum()
        out = pd.DataFrame({"started": start, "completed": done["month"],
                            "tier_reached": done["tier_reached"], "owned": done["owned"],
                            "cost_yuan": cost})  # fmt: skip
        out = out.reset_index().rename(columns={"level_0": "county_id", "level_1": "venue_id"})
        return out.astype(object).where(out.notna(), None)

    def spending(self) -> pd.DataFrame:
        """Pay of secretaries paid per county and month (the subsidies sheet)."""
        return self.tables["subsidies"]


# --------------------------------------------------------------------------- many files


def import_many(
    ledger: Ledger,
    paths: Sequence[str | Path],
    baseline: Baseline,
    *,
    by: str | None = None,
    received: Any = None,
    today: date | None = None,
    lang: str = "en",
) -> tuple[list[ImportOutcome], list[ReturnError]]:
    """Import several returns, each in its own transaction, earliest period first.

    Every return is read and checked first; those with problems are reported and not
    stored, the others are stored (a later period of the same county after an earlier).
    """
    reads = [read_checked(p, baseline, today=today, lang=lang) for p in paths]

    def order(r: ReadResult) -> tuple[Any, ...]:
        if r.ret is None:
            return (0, "", date.min, r.shown)
        return (1, r.ret.period.start, r.ret.period.end, r.ret.county_id, r.shown)

    outcomes, failures = [], []
    for read in sorted(reads, key=order):
        try:
            outcomes.append(
                ledger.import_return(
                    read, baseline, by=by, received=received, today=today, lang=lang
                )
            )
        except ReturnError as exc:
            failures.append(exc)
    return outcomes, failures


# --------------------------------------------------------------------------- runs


@dataclass(frozen=True)
class LedgerRef:
    """A ledger and a date for a run, checked before any kernel starts.

    Attributes
    ----------
    url : str
        The ledger's URL as a kernel opens it (no password: PostgreSQL takes it from
        ``PGPASSWORD`` or ``~/.pgpass``, so it never lands in an executed notebook).
    as_of : str or None
        The date as given (``2015-06``), None for "now".
    digest : str
        A digest of the returns in force at that date: a briefing made from the same
        returns is reused, one made before a correction is not.
    last_period_end : date
        End of the latest period any county reported by then.
    password : str or None
        The URL's password, handed to the kernels as ``PGPASSWORD`` (never written).
    """

    url: str
    as_of: str | None
    digest: str
    last_period_end: date
    password: str | None = field(default=None, repr=False, compare=False)


def ledger_ref(
    where: str | Path | None, as_of: str | None, *, data: str | Path | None = None
) -> LedgerRef:
    """Check a ledger and a date for ``planning run/batch --ledger --as-of``.

    Raises
    ------
    LedgerError
        The ledger is missing, damaged or unreachable.
    UsageError
        The date is not a date, or the ledger holds no return received by then.
    """
    url = ledger_url(where, data)
    with load_ledger(where, data=data, create=False) as ledger:
        state = ledger.as_of(as_of)
    if not len(state.returns):
        raise UsageError(
            f"ledger {shown_url(url)}: no county return was received by "
            f"{state.as_of.date().isoformat()}; expected a date after the first return was "
            "imported (see planning progress history)"
        )
    keys = state.returns[["county_id", "period", "version", "file_hash"]].astype(str)
    digest = hashlib.sha256(keys.to_csv(index=False).encode()).hexdigest()
    last = max(pd.to_datetime(state.returns["period_end"])).date()
    password = None if url.password is None else str(url.password)
    url = url.set(password=None)
    if url.get_backend_name() == "sqlite" and url.database:
        # Kernels and servers start in other folders: give them the file, not a path
        # relative to where the command was typed.
        url = url.set(database=str(Path(url.database).resolve()))
    return LedgerRef(url.render_as_string(hide_password=False), as_of, digest, last, password)


__all__ = [
    "ImportOutcome",
    "Ledger",
    "LedgerError",
    "LedgerRef",
    "LedgerState",
    "Problem",
    "ReportPeriod",
    "import_many",
    "ledger_ref",
    "load_ledger",
]
