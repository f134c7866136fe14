"""Helpers of the ledger's tests: a throw-away PostgreSQL cluster, and hand-made returns."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pandas as pd

from planning.periods import parse_period
from planning.progress import template_frames

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"


def pg_bindir() -> Path | None:
    dirs = sorted(glob.glob(PG_BIN_GLOB), key=lambda d: int(Path(d).parent.name))
    return Path(dirs[-1]) if dirs and Path(dirs[-1], "initdb").exists() else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresCluster:
    """A PostgreSQL cluster in a temp folder, on a free port of 127.0.0.1, trust login.

    initdb and postgres refuse to run as root: as root they run as the ``postgres``
    system user on a folder it owns.
    """

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="planning-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.root / "log"),
                  "-w", "-t", "60", "start")  # fmt: skip

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # test-made name, not user text
        return self.url(name)


# ----------------------------------------------------------------- hand-made returns


def filled(baseline, county: str, period: str, state=None) -> dict[str, pd.DataFrame]:
    """A county's template with zeros everywhere: a valid return with nothing happening."""
    p = parse_period(period)
    frames = template_frames(baseline, county, p, state)
    frames["return"].loc[0, "submitted_on"] = (p.end + pd.Timedelta(days=10)).isoformat()
    frames["return"].loc[0, "prepared_by"] = "county office"
    t = frames["talent"]
    for c in ("joined", "appointed", "promoted", "left"):
        t[c] = 0
    t["closing"] = t["opening"]
    s = frames["subsidies"]
    s["secretaries_paid"], s["basic_yuan"], s["performance_yuan"] = 3, 30000.0, 0.0
    return frames


def set_talent(frames, pool: str, **values: int) -> None:
    """Change a pool's flows and keep closing = opening + in - out."""
    t = frames["talent"]
    i = t.index[t["pool"] == pool][0]
    for k, v in values.items():
        t.loc[i, k] = v
    r = t.loc[i]
    t.loc[i, "closing"] = r.opening + r.joined - r.appointed - r.promoted - r.left


def add_rows(frames, sheet: str, rows: list[list]) -> None:
    f = frames[sheet]
    frames[sheet] = pd.concat([f, pd.DataFrame(rows, columns=f.columns)], ignore_index=True)


def write_csv_return(folder: Path, frames: dict[str, pd.DataFrame]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        (folder / f"{name}.csv").write_text(frame.to_csv(index=False, lineterminator="\n"))
    return folder


def wait_for(path: Path, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > end:
            raise TimeoutError(path)
        time.sleep(0.05)
