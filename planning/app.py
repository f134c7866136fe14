"""``planning app`` (the workbook as a Voila app, code hidden) and ``planning lab`` (JupyterLab).

Both listen on 127.0.0.1 only, take a free port unless one is given, and print the URL.
The app serves ``notebooks/workbook.ipynb`` with its code hidden; briefings exported from the
app are written under ``reports/`` and served by the same server so that the link works.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

from .errors import Problem, UsageError
from .paths import NOTEBOOK_DIR, ROOT

HOST = "127.0.0.1"
WORKBOOK = NOTEBOOK_DIR / "workbook.ipynb"
APP_ROOT_ENV = "PLANNING_APP_ROOT"
"""Environment variable telling the workbook's kernel which folder the app serves files from."""

SERVED_FILES = [r"reports/.*\.html", r".*\.(png|jpg|gif|svg)"]
"""Files the app may serve (briefings written from the workbook, images); nothing else."""


def free_port(host: str = HOST) -> int:
    """A TCP port that is free on ``host`` right now.

    Examples
    --------
    >>> 1024 < free_port() < 65536
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _check_port(port: int) -> int:
    if port == 0:
        return free_port()
    if not 1 <= port <= 65535:
        raise UsageError("bad port", [Problem("--port", f"found {port}; expected 1-65535 or 0")])
    return port


def voila_command(port: int, *, open_browser: bool = False, notebook: Path = WORKBOOK) -> list[str]:
    """The Voila command line serving ``notebook`` on 127.0.0.1:``port`` with code hidden.

    Examples
    --------
    >>> "--Voila.ip=127.0.0.1" in voila_command(8866)
    True
    """
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--port={port}",
        f"--Voila.ip={HOST}",
        f"--Voila.root_dir={ROOT}",
        f"--Voila.open_browser={open_browser}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        *[f"--VoilaConfiguration.file_allowlist={p}" for p in SERVED_FILES],
        # Only briefings and images: never notebooks, code, scenarios or data.
        "--VoilaConfiguration.file_denylist=.*\\.(ipynb|py|yaml|csv|xlsx)",
    ]


def lab_command(port: int, token: str, *, open_browser: bool = False) -> list[str]:
    """The JupyterLab command line on 127.0.0.1:``port`` rooted at the project folder."""
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={ROOT}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.open_browser={open_browser}",
        "--LabApp.default_url=/lab/tree/notebooks/workbook.ipynb",
        # Containers and CI run as root; JupyterLab refuses that unless told.
        *(["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]


def app_url(port: int) -> str:
    """Where the app is reachable."""
    return f"http://{HOST}:{port}/"


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _run(cmd: list[str], url: str, what: str) -> int:
    """Run the server until it exits, Ctrl+C or SIGTERM (which also stops the server)."""
    env = {**os.environ, APP_ROOT_ENV: str(ROOT)}
    print(f"{what}: {url}", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _check_workbook() -> None:
    if not WORKBOOK.is_file():
        raise UsageError(
            "the workbook notebook is missing",
            [Problem(str(WORKBOOK), "file not found; reinstall or restore notebooks/")],
        )


def cli_app(args: argparse.Namespace) -> int:
    """``planning app``: serve the workbook with Voila on 127.0.0.1, code hidden."""
    _check_workbook()
    port = _check_port(args.port)
    cmd = voila_command(port, open_browser=not args.no_browser)
    return _run(cmd, app_url(port), "Workbook app")


def cli_lab(args: argparse.Namespace) -> int:
    """``planning lab``: JupyterLab on 127.0.0.1 with the workbook open."""
    _check_workbook()
    port = _check_port(args.port)
    token = secrets.token_hex(16)
    cmd = lab_command(port, token, open_browser=not args.no_browser)
    url = f"http://{HOST}:{port}/lab/tree/notebooks/workbook.ipynb?token={token}"
    return _run(cmd, url, "JupyterLab")
