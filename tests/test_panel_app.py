"""``planning app`` and ``planning lab``: 127.0.0.1 only, free port, URL printed, code hidden."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from planning import app
from planning.errors import UsageError
from planning.paths import ROOT


def test_voila_command_binds_loopback_hides_code_and_serves_only_briefings():
    cmd = app.voila_command(8866)
    assert cmd[:3] == [sys.executable, "-m", "voila"]
    assert cmd[3] == str(app.WORKBOOK)
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=8866" in cmd
    assert "--strip_sources=True" in cmd
    assert f"--Voila.root_dir={ROOT}" in cmd
    assert "--Voila.open_browser=False" in cmd
    allow = [c.split("=", 1)[1] for c in cmd if c.startswith("--VoilaConfiguration.file_allowlist")]
    assert allow == app.SERVED_FILES


def test_lab_command_binds_loopback_with_a_token():
    cmd = app.lab_command(8888, "abc")
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--ServerApp.port=8888" in cmd
    assert "--IdentityProvider.token=abc" in cmd
    assert f"--ServerApp.root_dir={ROOT}" in cmd
    assert f"--LabApp.extra_labextensions_path={app.figure_js_dir()}" in cmd


def test_app_uses_its_own_template_and_serves_plotly_widget_code():
    cmd = app.voila_command(8866)
    assert f"--VoilaConfiguration.template={app.VOILA_TEMPLATE}" in cmd
    assert f"--VoilaConfiguration.extra_labextensions_path={app.figure_js_dir()}" in cmd
    assert (app.figure_js_dir() / app.FIGURE_JS_FILE).is_file()
    # The served folder holds no extension that a server would try to load.
    assert not list(app.figure_js_dir().glob("*/package.json"))
    template = app.JUPYTER_DATA / "voila" / "templates" / app.VOILA_TEMPLATE
    assert (template / "conf.json").is_file() and (template / "index.html.j2").is_file()


@pytest.mark.parametrize("kind", ["app", "lab"])
def test_server_env_finds_the_template_and_tells_kernels_where_plotly_is(kind):
    env = app.server_env(kind, {"JUPYTER_PATH": "/somewhere"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(app.JUPYTER_DATA), "/somewhere"]
    assert env[app.FIGURE_JS_ENV] == app.FIGURE_JS_URL[kind] + app.FIGURE_JS_FILE
    assert env[app.APP_ROOT_ENV] == str(ROOT)


@pytest.mark.parametrize("handler", [app.cli_app, app.cli_lab])
def test_port_zero_takes_a_free_port_and_prints_the_url(monkeypatch, capsys, handler):
    seen = {}

    def fake_run(cmd, url, what, env):
        seen.update(cmd=cmd, url=url, env=env)
        print(f"{what}: {url}")
        return 0

    monkeypatch.setattr(app, "_run", fake_run)
    assert handler(argparse.Namespace(port=0, no_browser=True)) == 0
    url = seen["url"]
    assert url.startswith("http://127.0.0.1:") and url in capsys.readouterr().out
    port = int(url.split(":")[2].split("/")[0])
    assert 1024 < port < 65536
    assert handler(argparse.Namespace(port=4321, no_browser=True)) == 0
    assert ":4321/" in seen["url"]
    assert seen["env"][app.FIGURE_JS_ENV].endswith(app.FIGURE_JS_FILE)


def test_bad_port_is_a_usage_error():
    with pytest.raises(UsageError):
        app.cli_app(argparse.Namespace(port=70000, no_browser=True))


def _start(command: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "planning", command, "--no-browser", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = proc.stdout.readline().strip()
    assert line.split(": ", 1)[1].startswith("http://127.0.0.1:"), line
    return proc, line.split(": ", 1)[1]


def _get(url: str, timeout: float) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()  # planning stops its server on SIGTERM
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    finally:
        proc.stdout.close()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_planning_app_serves_the_workbook_without_code():
    proc, url = _start("app")
    try:
        status, page = _get(url, 180)
        assert status == 200
        assert "planning-workbook" in page or "jupyter-widgets" in page
        assert "from planning.panel import Workbook" not in page  # code hidden
    finally:
        _stop(proc)
    assert proc.returncode is not None


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_planning_lab_serves_jupyterlab_with_a_token():
    proc, url = _start("lab")
    try:
        base, token = url.split("/lab/")[0], url.split("token=")[1]
        status, body = _get(f"{base}/api/status?token={token}", 120)
        assert status == 200 and "started" in body
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{base}/api/contents", timeout=30)  # no token: refused
    finally:
        _stop(proc)
