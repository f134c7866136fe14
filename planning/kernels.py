"""Kernels for batch workers: a fork server holding the briefing's imports.

A batch worker runs one scenario after another, each in a fresh Jupyter kernel. Starting a
kernel the usual way costs a new interpreter and every import the briefing needs; the
:class:`KernelFactory` pays the imports once per worker and forks each kernel from there
(:class:`ForkedKernel` is the worker's handle on it). :func:`_tracked_kernel_manager` gives
papermill a kernel manager that uses the factory and records its kernels, so that a
deadline can kill them.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import signal
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from .outputs import process_exists


def _tracked_kernel_manager(registry: list[Any]) -> type:
    """A kernel manager class that records its instances (so a timer can kill them).

    In a batch worker its kernels come from the worker's :class:`KernelFactory` (a fresh
    process each, with the imports already done); otherwise, or when the factory cannot
    serve, they are launched as usual.
    """
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner

    class TrackedKernelManager(AsyncKernelManager):
        def __init__(self, **kw: Any):
            # Local sockets with a unique path: no TCP ports, no clash between kernels.
            kw.setdefault("transport", "ipc")
            kw.setdefault("ip", socket_prefix())
            super().__init__(**kw)
            registry.append(self)
            _LIVE.append(self)

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            prov = self.provisioner
            pid = None
            if _FACTORY is not None and isinstance(prov, LocalProvisioner):
                pid = _FACTORY.launch(kernel_cmd, kw.get("cwd"), kw.get("env"))
            if pid is None:
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            prov.process = ForkedKernel(pid)
            prov.pid = prov.pgid = pid
            prov.cwd = kw.get("cwd") or os.getcwd()
            self._reconcile_connection_info(prov.connection_info)
            return None

    return TrackedKernelManager


# --------------------------------------------------------------------------- kernel factory

KERNEL_PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "IPython.display",
    "pandas",
    "scipy.optimize",
    "plotly.graph_objects",
    "openpyxl",
    "planning.briefing",
    "planning.targets",
    "planning.budget",
    "planning.provenance",
    "planning.data",
    "planning.scenario",
    "planning.models.talent",
    "planning.models.training",
    "planning.models.venues",
    "planning.models.subsidies",
    "planning.charts.talent",
    "planning.charts.training",
    "planning.charts.venues",
    "plotly.io",
    "pandas.io.excel._openpyxl",
    "pandas.io.formats.excel",
)
"""Modules the briefing notebook imports: loaded once by the factory, not by every kernel."""

_FACTORY: KernelFactory | None = None
"""This worker's kernel factory (set in batch worker processes only)."""


_LIVE: list[Any] = []
"""Kernel managers of this process whose kernels may still run (see :func:`stop_all`)."""

SOCKET_PREFIX = "pk-"
"""Kernels talk over local sockets ``TMPDIR/pk-PID-XXXXXXXXXXXX-N`` (PID: the worker's)."""

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


def _prctl(option: int, value: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux): a kernel forked by the factory becomes our child."""
    return _prctl(PR_SET_CHILD_SUBREAPER, 1)


def die_with_parent(sig: int = signal.SIGKILL, parent: int | None = None) -> bool:
    """Have Linux send ``sig`` to this process when its parent dies (``PR_SET_PDEATHSIG``).

    When ``parent`` is given and is no longer this process's parent (it died before the
    request), the signal is sent at once. Returns False where this is not available; see
    :func:`watch_parent` for a portable fallback.

    Examples
    --------
    >>> die_with_parent(signal.SIGTERM, parent=os.getppid())   # doctest: +SKIP
    True
    """
    if not _prctl(PR_SET_PDEATHSIG, int(sig)):
        return False
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), sig)
    return True


def watch_parent(parent: int, sig: int = signal.SIGTERM, period_s: float = 1.0) -> threading.Thread:
    """Send ``sig`` to this process once ``parent`` is no longer its parent (polling thread)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(period_s)
        os.kill(os.getpid(), sig)

    thread = threading.Thread(target=watch, name="watch-parent", daemon=True)
    thread.start()
    return thread


def socket_prefix() -> str:
    """A unique path prefix for one kernel's sockets, naming this process (see :func:`sweep_sockets`)."""
    name = f"{SOCKET_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}"
    return os.path.join(tempfile.gettempdir(), name)


def remove_kernel_files(km: Any) -> None:
    """Remove a kernel's socket files and connection file (left behind when it was killed)."""
    ip = str(getattr(km, "ip", "") or "")
    if getattr(km, "transport", "") == "ipc" and os.path.basename(ip).startswith(SOCKET_PREFIX):
        for path in glob.glob(glob.escape(ip) + "-*"):
            with contextlib.suppress(OSError):
                os.unlink(path)
    conn = str(getattr(km, "connection_file", "") or "")
    if conn.endswith(".json"):
        with contextlib.suppress(OSError, ValueError):
            with open(conn, encoding="utf-8") as f:
                ours = json.load(f).get("ip") == ip  # written for this kernel, not someone's
            if ours:
                os.unlink(conn)


def release(registry: list[Any]) -> None:
    """Forget the kernels of ``registry`` (they have ended) and remove their files."""
    for km in registry:
        remove_kernel_files(km)
        with contextlib.suppress(ValueError):
            _LIVE.remove(km)


def sweep_sockets(pids: Iterable[int]) -> None:
    """Remove socket files of kernels started by processes ``pids`` (which have ended)."""
    folder = tempfile.gettempdir()
    for pid in pids:
        for path in glob.glob(os.path.join(folder, f"{SOCKET_PREFIX}{int(pid)}-*")):
            with contextlib.suppress(OSError):
                os.unlink(path)


_STALE = re.compile(rf"{SOCKET_PREFIX}(\d+)-[0-9a-f]{{12}}")


def sweep_stale_files(folder: str | None = None) -> None:
    """Remove kernel sockets and connection files left by processes that no longer exist.

    A batch killed together with its workers (``kill -9`` to the whole process group, as
    ``timeout -s KILL`` does) cannot clean up; the next batch does. Only files named as
    :func:`socket_prefix` names them, of ended processes, are touched.
    """
    folder = folder or tempfile.gettempdir()
    for path in glob.glob(os.path.join(folder, f"{SOCKET_PREFIX}*-*-*")):
        match = _STALE.fullmatch(os.path.basename(path).rsplit("-", 1)[0])
        if match and not process_exists(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(path)
    for path in glob.glob(os.path.join(folder, "tmp*.json")):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            if os.path.getsize(path) > 4096:
                continue
            with open(path, encoding="utf-8") as f:
                ip = json.load(f).get("ip", "")
            match = _STALE.fullmatch(os.path.basename(ip))
            if os.path.dirname(ip) == folder and match and not process_exists(int(match.group(1))):
                os.unlink(path)


def stop_all() -> None:
    """Kill every kernel this process started, remove their files, stop the factory.

    Called when a batch worker is told to stop (SIGTERM from the batch, or its parent died).
    """
    _kill_kernels(_LIVE)
    deadline = time.monotonic() + 2
    for km in list(_LIVE):
        proc = getattr(getattr(km, "provisioner", None), "process", None)
        with contextlib.suppress(Exception):
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    release(list(_LIVE))
    if _FACTORY is not None:
        _FACTORY.stop()


class KernelFactory:
    """A helper process holding the kernels' imports; each kernel is a fork of it.

    Starting a kernel normally costs a new interpreter plus ipykernel, pandas, scipy, plotly
    and this package: about 1.3 s of CPU per scenario. The factory pays that once per
    worker; each scenario still gets a fresh process of its own (nothing runs in the
    factory but imports). The forked kernel is handed to this process (a child subreaper)
    so that it is our child, as a launched kernel would be. Any problem: ``launch``
    returns None and the kernel is launched the usual way.
    """

    def __init__(self) -> None:
        import subprocess

        code = "from planning.kernels import _factory_main; _factory_main()"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.ready: bool | None = None
        self.lock = threading.Lock()

    def launch(self, kernel_cmd: Sequence[str], cwd: str | None, env: dict | None) -> int | None:
        """Fork a kernel for ``kernel_cmd`` (an ipykernel launch); its pid, or None."""
        head = [sys.executable, "-m", "ipykernel_launcher"]
        if list(kernel_cmd[:3]) != head:
            return None
        env = dict(os.environ if env is None else env)
        env["JPY_PARENT_PID"] = str(os.getpid())
        req = {"argv": list(kernel_cmd[3:]), "cwd": cwd or os.getcwd(), "env": env}
        req["parent"] = os.getpid()
        with self.lock:
            try:
                if self.ready is None:
                    self.ready = self.proc.stdout.readline().strip() == "ready"
                if not self.ready or self.proc.poll() is not None:
                    return None
                self.proc.stdin.write(json.dumps(req) + "\n")
                self.proc.stdin.flush()
                line = self.proc.stdout.readline().strip()
            except (OSError, ValueError):
                self.ready = False
                return None
        return int(line) if line.isdigit() else None

    def stop(self) -> None:
        """End the factory process now (it holds nothing worth keeping)."""
        with contextlib.suppress(OSError):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=2)
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(Exception):
                stream.close()


class ForkedKernel:
    """``Popen``-like handle of a kernel made by the factory (our child, see above)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # not ours after all: probe it
                try:
                    os.kill(self.pid, 0)
                except ProcessLookupError:
                    self.returncode = -signal.SIGKILL
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                import subprocess

                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.005)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _factory_main() -> None:
    """The factory process: import, then fork one kernel per request line on stdin.

    Each kernel is forked twice (the middle process exits at once) so that it is adopted
    by the worker, which asked for it and waits for it. The factory dies with its worker
    (parent-death signal, and end of its input); when the worker has gone it ends quietly,
    without a traceback about the closed pipe.
    """
    if len(sys.argv) > 1 and sys.argv[1].isdigit():
        die_with_parent(signal.SIGKILL, int(sys.argv[1]))
    try:
        _serve_forks()
    except (OSError, ValueError, KeyboardInterrupt):
        pass  # the worker stopped (broken pipe, closed input): nobody to answer
    finally:
        os._exit(0)


def _serve_forks() -> None:
    import importlib

    reply = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # whatever the imports or kernels print goes to stderr, not the replies
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in KERNEL_PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        _warm_plotly()
    # Forking is safe only in a process with one thread.
    reply.write("ready\n" if threading.active_count() == 1 else "unsafe\n")
    for line in sys.stdin:
        req = json.loads(line)
        r, w = os.pipe()
        middle = os.fork()
        if middle == 0:
            try:
                os.close(r)
                kernel = os.fork()
                if kernel == 0:
                    os.close(w)
                    reply.close()
                    _become_kernel(req)
                os.write(w, str(kernel).encode())
            finally:
                os._exit(0)
        os.close(w)
        os.waitpid(middle, 0)  # the kernel is now orphaned, adopted by the worker
        with os.fdopen(r, "rb") as f:
            pid = f.read().decode()
        reply.write(f"{pid}\n")


def _warm_plotly() -> None:
    """Load what plotly loads on first use (validators, the default template)."""
    import plotly.graph_objects as go

    traces = [go.Bar(x=[1], y=[1]), go.Scatter(x=[1], y=[1]), go.Heatmap(z=[[1]])]
    go.Figure([*traces, go.Table(cells={"values": [[1]]})]).to_json()


def _become_kernel(req: dict[str, Any]) -> None:
    """In the forked child: become ``python -m ipykernel_launcher ARGV`` in ``cwd``."""
    code = 1
    try:
        deadline = time.monotonic() + 5
        while os.getppid() != req["parent"] and time.monotonic() < deadline:
            time.sleep(0.001)
        if os.getppid() == req["parent"]:
            # Only now (adopted by the worker) can the kernel ask to die with its parent.
            die_with_parent(signal.SIGKILL, req["parent"])
        os.setsid()  # its own process group, as a launched kernel
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        if sys.path and sys.path[0] == "":
            del sys.path[0]  # as ipykernel_launcher does; the kernel adds it back
        sys.argv = [sys.executable, *req["argv"]]
        from ipykernel import kernelapp

        code = 0
        try:
            # Read from the environment at import (in the factory): give it explicitly.
            parent = f"--IPKernelApp.parent_handle={req['parent']}"
            kernelapp.launch_new_instance(argv=[*req["argv"], parent])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
        import atexit

        atexit._run_exitfuncs()
    except BaseException:
        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _kill_kernels(registry: list[Any]) -> None:
    """SIGKILL the kernels of ``registry`` and whatever they started (their process group)."""
    for km in registry:
        prov = getattr(km, "provisioner", None)
        pid = getattr(prov, "pid", None)
        if not pid:
            continue
        with contextlib.suppress(OSError):
            if getattr(prov, "pgid", None) == pid:
                os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
