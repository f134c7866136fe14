"""Helpers of the browser tests: Debian's Chromium through Playwright, on 127.0.0.1 only.

Every page records each request that would leave 127.0.0.1 (and aborts it) and every page
error; :meth:`Page.assert_clean` fails a test on either. Waits are for states the page
shows (a chart's data, a message), never fixed sleeps.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from planning.app import HOST

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOCAL = (f"http://{HOST}:", f"ws://{HOST}:", "data:", "blob:", "about:")
CJK = "\u4e00-\u9fff"


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    """Block until ``proc`` listens on ``HOST:port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            socket.create_connection((HOST, port), 0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listened on {HOST}:{port} within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless; a missing browser fails (``make browser``)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
    )


class Page:
    """A browser page that records off-machine requests and page errors."""

    def __init__(self, browser: Any, width: int = 1280, height: int = 1000):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.offsite: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("websocket", self._websocket)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:  # recorded, then refused: the test fails on it (assert_clean)
            self.offsite.append(url)
            route.abort()

    def _websocket(self, ws: Any) -> None:
        if not ws.url.startswith(LOCAL):
            self.offsite.append(ws.url)

    def assert_clean(self) -> None:
        """No request left the machine and the page raised no error."""
        assert self.offsite == [], f"requests outside {HOST}: {self.offsite}"
        assert self.errors == [], f"errors in the page: {self.errors}"

    def wait_until(self, check: Any, what: str, timeout: float = 60.0) -> Any:
        """Poll ``check()`` (reading the page) until it is truthy; fail naming ``what``."""
        deadline = time.monotonic() + timeout
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() > deadline:
                pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
            self.page.wait_for_timeout(100)

    def charts(self) -> list[dict]:
        """Every chart on screen: its name, texts, axis types, traces and widths."""
        return self.page.evaluate(CHARTS_JS)

    def wait_charts(self, names: list[str], timeout: float = 90.0) -> list[dict]:
        """Wait until exactly the charts ``names`` are on screen."""

        def ready() -> list[dict] | None:
            shown = self.charts()
            return shown if sorted(c["name"] for c in shown) == sorted(names) else None

        return self.wait_until(ready, f"charts {names} on screen", timeout)

    def settled_overflow(self, timeout: float = 30.0) -> list[str]:
        """What is still cut off once the page has settled: polls :meth:`overflow` until it
        is empty (a chart being resized passes the edge for a moment on a busy machine)
        and returns the last finding, empty when nothing is cut."""
        deadline = time.monotonic() + timeout
        found = self.overflow()
        while found and time.monotonic() < deadline:
            self.page.wait_for_timeout(200)
            found = self.overflow()
        return found

    def wait_charts_drawn(self, names: list[str], timeout: float = 240.0) -> list[dict]:
        """Wait until exactly the charts ``names`` are on screen, drawn at full width."""

        def ready() -> list[dict] | None:
            shown = self.charts()
            if sorted(c["name"] for c in shown) != sorted(names):
                return None
            if any(abs(c["svgWidth"] - c["boxWidth"]) > 3 for c in shown):
                return None
            return shown

        return self.wait_until(ready, f"charts {names} drawn at the width of their box", timeout)

    def overflow(self) -> list[str]:
        """What is cut off horizontally: visible elements of the workbook reaching past the
        right edge of the window, a controls column wider inside than out, a text box
        whose text or placeholder does not fit."""
        return self.page.evaluate(OVERFLOW_JS)

    def screenshot(self, name: str, root: str = ".planning-workbook") -> Path:
        """A screenshot of the whole workbook (the page scrolls inside its own box, so the
        window is made as tall as the workbook for the shot)."""
        ARTIFACTS.mkdir(exist_ok=True)
        size = self.page.viewport_size
        self.page.evaluate(
            "(sel) => document.querySelector(sel).scrollIntoView({block: 'start'})", root
        )
        bottom = self.page.evaluate(
            "(sel) => Math.ceil(document.querySelector(sel).getBoundingClientRect().bottom)", root
        )
        path = ARTIFACTS / f"{name}.png"
        if bottom + 40 > size["height"]:
            self.page.set_viewport_size({"width": size["width"], "height": bottom + 40})
            self.page.wait_for_timeout(300)  # one frame of layout after the resize
        self.page.screenshot(path=str(path), full_page=True)
        self.page.set_viewport_size(size)
        return path

    def close(self) -> None:
        self.page.close()


CHARTS_JS = """() => Array.from(document.querySelectorAll('.planning-chart.js-plotly-plot'))
  .filter((gd) => gd.offsetParent !== null && gd.layout)
  .map((gd) => {
    const L = gd.layout, F = gd._fullLayout || {};
    const text = (t) => (t && typeof t === 'object' ? t.text : t) || null;
    const axes = {};
    for (const k of Object.keys(F)) {
      if (/^[xy]axis\\d*$/.test(k)) {
        axes[k] = {type: F[k].type, title: text((L[k] || {}).title), range: F[k].range};
      }
    }
    const arr = (a) => (a == null ? null : Array.from(a));
    const svg = gd.querySelector('.main-svg');
    return {
      name: Array.from(gd.classList).find((c) => c.startsWith('planning-chart-'))
        .slice('planning-chart-'.length),
      title: text(L.title),
      axes,
      height: F.height,
      traces: gd.data.map((tr) => ({
        type: tr.type, name: tr.name ?? null, orientation: tr.orientation ?? null,
        x: arr(tr.x), y: arr(tr.y), base: arr(tr.base),
      })),
      legend: (F.showlegend === false) ? [] :
        Array.from(gd.querySelectorAll('.legendtext')).map((e) => e.textContent),
      annotations: (L.annotations || []).map((a) => a.text),
      svgWidth: svg ? svg.getBoundingClientRect().width : 0,
      boxWidth: gd.parentElement.getBoundingClientRect().width,
      plotWidth: gd.getBoundingClientRect().width,
    };
  })"""

OVERFLOW_JS = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const out = [];
  for (const el of document.querySelectorAll('.planning-workbook *')) {
    if (el.closest('.js-plotly-plot') && !el.classList.contains('main-svg')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.offsetParent === null && el.tagName !== 'svg') continue;
    if (r.right > limit) out.push(`${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className} right=${Math.round(r.right)}`);
  }
  // Scroll boxes (the controls column) with content wider than themselves: cut off.
  for (const el of document.querySelectorAll('.planning-workbook .planning-controls')) {
    if (el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1) {
      out.push(`controls column: content ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
  }
  // Text boxes whose text or placeholder is wider than the box.
  const ctx = document.createElement('canvas').getContext('2d');
  for (const el of document.querySelectorAll('.planning-workbook input[type=text], .planning-workbook input:not([type])')) {
    if (el.offsetParent === null) continue;
    const style = getComputedStyle(el);
    ctx.font = style.font;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const text of [el.value, el.placeholder]) {
      if (text && ctx.measureText(text).width > room + 1) out.push(`text box cut: "${text.slice(0, 40)}"`);
    }
  }
  return out.slice(0, 10);
}"""


def figure_essentials(fig: Any) -> dict:
    """What :data:`CHARTS_JS` reads from a page, from a Python figure (for comparison)."""
    full = json.loads(fig.to_json())
    layout, data = full["layout"], full["data"]
    text = lambda t: (t or {}).get("text") if isinstance(t, dict) else t  # noqa: E731
    return {
        "title": text(layout.get("title")),
        "axes": {
            k: {"type": v.get("type"), "title": text(v.get("title"))}
            for k, v in layout.items()
            if k[:5] in ("xaxis", "yaxis")
        },
        "height": layout.get("height"),
        "traces": [
            {
                "type": tr.get("type", "scatter"),
                "name": tr.get("name"),
                "orientation": tr.get("orientation"),
                "x": _plain(tr.get("x")),
                "y": _plain(tr.get("y")),
                "base": _plain(tr.get("base")),
            }
            for tr in data
        ],
    }


def _plain(values: Any) -> list | None:
    """A data array as a list (plotly's JSON may hold numbers as base64 typed arrays)."""
    if values is None:
        return None
    if isinstance(values, dict) and "bdata" in values:
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def same_values(shown: list | None, want: list | None, tol: float = 1e-6) -> bool:
    """Two data arrays hold the same values (numbers within ``tol``, the rest equal)."""
    if shown is None or want is None:
        return shown == want
    if len(shown) != len(want):
        return False
    for a, b in zip(shown, want, strict=True):
        if isinstance(a, int | float) and isinstance(b, int | float):
            if abs(a - b) > tol * max(1.0, abs(b)):
                return False
        elif a != b:
            return False
    return True


def has_cjk(text: str | None) -> bool:
    return bool(text) and re.search(f"[{CJK}]", text) is not None


def charts_of(tab: str) -> list[str]:
    from planning.catalogue import CHARTS

    return [c.name for c in CHARTS if c.topic == tab]


def english_texts(chart: dict) -> list[str]:
    """Texts of a chart a reader reads as words (title, axis titles, legend) that are not
    Chinese: any Latin letter without a Chinese character."""
    texts = [chart["title"], *(a["title"] for a in chart["axes"].values())]
    texts += [tr["name"] for tr in chart["traces"]] + chart["legend"]
    return [x for x in texts if x and re.search("[A-Za-z]", x) and not has_cjk(x)]


def wait_chinese(s: Page, tab: str, timeout: float = 60.0) -> None:
    """Wait until every chart of ``tab`` reads Chinese; fail naming what stays English."""
    deadline = time.monotonic() + timeout
    while True:
        shown = s.charts() if tab != "targets" else []
        left = {c["name"]: english_texts(c) for c in shown if english_texts(c)}
        if not left and len(shown) == len(charts_of(tab)):
            return
        if time.monotonic() > deadline:
            pytest.fail(f"{tab}: still in English after the switch: {left}")
        s.page.wait_for_timeout(100)
