"""The ledger under stress, on both backends: two processes importing at once, an import
killed in the middle of its transaction, and the schema's migrations (an empty database,
and the previous schema with data in it).

Destructive tests work in their own temp folder two levels deep and signal only the
processes they started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from ledgertools import filled, set_talent, wait_for, write_csv_return

from planning.ledger import load_ledger, metadata

TODAY = date(2016, 1, 1)
ROOT = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from pathlib import Path
    from planning.synth import generate
    from planning.ledger import load_ledger
    url, path, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    baseline = generate("tiny")
    ledger = load_ledger(url)
    while not go.exists():
        time.sleep(0.01)
    out = ledger.import_return(path, baseline, today=date(2016, 1, 1))
    print(out.status, out.version)
    """
)


def _deep(tmp_path: Path) -> Path:
    work = tmp_path / "faults" / "run"
    work.mkdir(parents=True)
    return work


def _start(script: str, *args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _return(work: Path, baseline, county: str, name: str, joined: int = 0) -> Path:
    f = filled(baseline, county, "2014Q1")
    set_talent(f, "leader", joined=joined)
    return write_csv_return(work / name, f)


def test_two_processes_at_once_never_lose_or_duplicate(ledger_url, tmp_path, tiny_baseline):
    work = _deep(tmp_path)
    load_ledger(ledger_url).close()  # schema first: both children find it ready
    go = work / "go"
    same = _return(work, tiny_baseline, "C01", "c01")
    other = _return(work, tiny_baseline, "C02", "c02")
    # The same return from two processes: one stores it, the other finds it there.
    procs = [_start(CHILD, ledger_url, str(same), str(go), cwd=work) for _ in range(2)]
    go.touch()
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert sorted(o[0].strip() for o in outs) == ["stored 1", "unchanged 1"]
    # Two different returns for one county and period at once: one is stored first, the
    # other becomes version 2 (a correction); none is lost.
    go.unlink()
    a = _return(work, tiny_baseline, "C02", "c02a", joined=1)
    procs = [_start(CHILD, ledger_url, str(p), str(go), cwd=work) for p in (other, a)]
    go.touch()
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert sorted(o[0].strip() for o in outs) == ["correction 2", "stored 1"]
    with load_ledger(ledger_url) as ledger:
        v = ledger.versions()
        assert sorted(zip(v["county_id"], v["version"], strict=True)) == [
            ("C01", 1), ("C02", 1), ("C02", 2)
        ]  # fmt: skip
        assert len(ledger.as_of(None).table("talent")) == 6  # 3 pools x 2 counties


KILLED = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from pathlib import Path
    import planning.ledger as L
    from planning.synth import generate
    url, path, marker = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    original = L._insert

    def stalled(conn, *args, **kw):
        original(conn, *args, **kw)   # every row written, not committed
        marker.touch()
        time.sleep(600)

    L._insert = stalled
    ledger = L.load_ledger(url)
    ledger.import_return(path, generate("tiny"), today=date(2016, 1, 1))
    """
)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_import_killed_mid_transaction_leaves_nothing(ledger_url, tmp_path, tiny_baseline, sig):
    work = _deep(tmp_path)
    load_ledger(ledger_url).close()
    path = _return(work, tiny_baseline, "C01", "c01", joined=2)
    marker = work / "inside"
    proc = _start(KILLED, ledger_url, str(path), str(marker), cwd=work)
    try:
        wait_for(marker, 120)
        proc.send_signal(sig)  # only the process this test started
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    with load_ledger(ledger_url, wait_seconds=30) as ledger:
        assert len(ledger.versions()) == 0
        with ledger.engine.connect() as conn:
            for table in metadata.sorted_tables:
                n = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()
                assert n == 0, table.name
        # And the ledger works as before.
        out = ledger.import_return(path, tiny_baseline, today=TODAY)
        assert (out.status, out.version) == ("stored", 1)


# ----------------------------------------------------------------------- migrations


def _alembic(conn, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    from planning.ledger import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


def test_migrations_create_the_schema_the_code_expects(ledger_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with load_ledger(ledger_url) as ledger:
        assert ledger.revision() == "0002"
        with ledger.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_migrations_upgrade_the_previous_schema_with_its_data(ledger_url, tiny_baseline):
    from planning.ledger import Ledger
    from planning.ledger import ledger_url as to_url

    url = to_url(ledger_url)
    raw = Ledger(url)
    with raw.engine.connect() as conn, conn.begin():
        _alembic(conn, "0001")
    with raw.engine.connect() as conn, conn.begin():
        cols = {c["name"] for c in sa.inspect(conn).get_columns("ledger_returns")}
        assert "received_at" not in cols
        conn.execute(
            sa.text(
                "INSERT INTO ledger_returns (county_id, period, period_start, period_end, "
                "version, content_hash, file_hash, file_name, prepared_by, imported_by, "
                "imported_at) VALUES (:c, :p, :s, :e, 1, :h, :h, :f, '', :by, :at)"
            ),
            {"c": "C01", "p": "2014Q1", "s": date(2014, 1, 1), "e": date(2014, 3, 31),
             "h": "0" * 64, "f": "old.xlsx", "by": "archivist",
             "at": datetime(2014, 4, 9, 9)},
        )  # fmt: skip
    raw.close()
    with load_ledger(ledger_url) as ledger:  # opening upgrades to the newest schema
        assert ledger.revision() == "0002"
        v = ledger.versions()
        assert v["received_at"].tolist() == v["imported_at"].tolist()
        assert v["imported_by"].tolist() == ["archivist"]
        assert len(ledger.as_of("2014-04-09").returns) == 1
        assert len(ledger.as_of("2014-04-08").returns) == 0


def test_migrations_ship_inside_the_package():
    import tomllib

    from planning.ledger import MIGRATIONS_DIR

    assert MIGRATIONS_DIR.parent.name == "planning"
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "versions" / "__init__.py").is_file()
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "migrations/script.py.mako" in meta["tool"]["setuptools"]["package-data"]["planning"]


@pytest.mark.slow
def test_installed_wheel_holds_the_migrations(tmp_path):
    out = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    import zipfile

    (wheel,) = out.glob("planning-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "env.py",
        "script.py.mako",
        "versions/0001_returns.py",
        "versions/0002_received_at.py",
    ):
        assert f"planning/migrations/{name}" in names
