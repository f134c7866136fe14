"""``planning app`` (the workbook as a Voila app, code hidden) and ``planning lab`` (JupyterLab).

Both listen on 127.0.0.1 only, take a free port unless one is given, and print the URL.
The app serves ``notebooks/workbook.ipynb`` with its code hidden; briefings exported from the
app are written under ``reports/`` and served by the same server so that the link works.

Nothing on the page comes from outside the machine: the app uses the ``planning`` Voila
template (Voila's lab template without its CDN links, see ``planning/jupyter``), and both
servers serve plotly's widget code themselves so that the charts load it once per page
(:mod:`planning.panel.live`). Start the servers with :func:`server_env` as environment.
"""

from __future__ import annotations

import argparse
import importlib.util
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

JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"
"""Jupyter data folder of the project (its Voila template), put on ``JUPYTER_PATH``."""

VOILA_TEMPLATE = "planning"
"""The app's Voila template (``planning/jupyter/voila/templates/planning``)."""

FIGURE_JS_ENV = "PLANNING_FIGURE_JS"
"""Environment variable telling the kernels where the server serves plotly's widget code
(a URL path from the server's base URL); unset, every chart carries its own copy."""

FIGURE_JS_FILE = "widgetbundle.js"
"""Plotly's widget code (an ES module) in :func:`figure_js_dir`."""

FIGURE_JS_URL = {"app": "voila/labextensions/", "lab": "lab/extensions/"}
"""Where each server serves the folders of ``extra_labextensions_path``."""

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


def figure_js_dir() -> Path:
    """The folder of plotly's widget code (:data:`FIGURE_JS_FILE`), which the servers serve
    as an extra labextensions folder (it holds no extension, so none is loaded from it)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise UsageError("plotly is not installed", [Problem("plotly", "pip install plotly")])
    return Path(next(iter(spec.submodule_search_locations))) / "package_data"


def server_env(kind: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment to start the ``"app"`` (Voila) or ``"lab"`` server in.

    Adds the project's Jupyter data folder (the app's Voila template) to ``JUPYTER_PATH``,
    tells the kernels where plotly's widget code is served (:data:`FIGURE_JS_ENV`) and
    which folder the app serves files from (:data:`APP_ROOT_ENV`).

    Examples
    --------
    >>> server_env("app", {})[FIGURE_JS_ENV]
    'voila/labextensions/widgetbundle.js'
    """
    env = dict(os.environ if base is None else base)
    paths = [str(JUPYTER_DATA), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    env["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    env[FIGURE_JS_ENV] = FIGURE_JS_URL[kind] + FIGURE_JS_FILE
    env[APP_ROOT_ENV] = str(ROOT)
    return env


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
        f"--VoilaConfiguration.template={VOILA_TEMPLATE}",
        f"--VoilaConfiguration.extra_labextensions_path={figure_js_dir()}",
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
        f"--LabApp.extra_labextensions_path={figure_js_dir()}",
        # Containers and CI run as root; JupyterLab refuses that unless told.
        *(["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]


def app_url(port: int) -> str:
    """Where the app is reachable."""
    return f"http://{HOST}:{port}/"


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _run(cmd: list[str], url: str, what: str, env: dict[str, str]) -> int:
    """Run the server until it exits, Ctrl+C or SIGTERM (which also stops the server)."""
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


def review_env(args: argparse.Namespace, env: dict[str, str]) -> dict[str, str]:
    """``--ledger`` and ``--as-of`` for the workbook's Progress tab, checked first (a
    missing ledger or a bad date exits 2 before any server starts)."""
    ledger, as_of = getattr(args, "ledger", None), getattr(args, "as_of", None)
    if ledger is None and as_of is None:
        return env
    from .ledger import ledger_ref

    ref = ledger_ref(ledger, as_of, data=None)
    env["PLANNING_LEDGER"] = ref.url
    if ref.password is not None:
        env["PGPASSWORD"] = ref.password
    if as_of is not None:
        env["PLANNING_AS_OF"] = as_of
    return env


def cli_app(args: argparse.Namespace) -> int:
    """``planning app``: serve the workbook with Voila on 127.0.0.1, code hidden."""
    _check_workbook()
    port = _check_port(args.port)
    env = review_env(args, server_env("app"))
    cmd = voila_command(port, open_browser=not args.no_browser)
    return _run(cmd, app_url(port), "Workbook app", env)


def cli_lab(args: argparse.Namespace) -> int:
    """``planning lab``: JupyterLab on 127.0.0.1 with the workbook open."""
    _check_workbook()
    port = _check_port(args.port)
    token = secrets.token_hex(16)
    cmd = lab_command(port, token, open_browser=not args.no_browser)
    url = f"http://{HOST}:{port}/lab/tree/notebooks/workbook.ipynb?token={token}"
    return _run(cmd, url, "JupyterLab", review_env(args, server_env("lab")))
