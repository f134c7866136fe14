"""What a Chinese reader sees on a page, and the Latin-letter words in it.

A page in Chinese may show Latin letters only where the user typed them or a machine needs
them: ids from the data (C01, B1-2014-01-1, M001), scenario file names, parameter keys in
problem reports, file names and paths, hashes and version strings, and the unit m².
Anything else is an English word that should have been Chinese.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any

ALLOWED_PATTERNS = (
    re.compile(r"m²"),
    # file names and paths
    re.compile(r"(?:[\w.~-]*/)*[\w.-]+\.(?:csv|xlsx|yaml|yml|html|ipynb|txt|json)\b"),
    re.compile(r"(?<![\w])/(?:[\w.-]+/)*[\w.-]+"),
    # ids typed in the data: C01, B1, S0001, B1-2014-01-1, B2:2015
    re.compile(r"\b[A-Z]{1,2}\d+(?:[-:]\d+)*\b"),
    # dotted parameter keys (talent.exam_pass_rate) in problem reports
    re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b"),
    # hashes and version strings
    re.compile(r"\b\d+\.\d+\.\d+(?:\+[0-9a-f]+)?\b"),
    re.compile(r"\b[0-9a-f]{8,}\b"),
    # plotly's hover placeholders and markup are not text
    re.compile(r"%\{[^}]*\}"),
    re.compile(r"<[^>]+>"),
)

LATIN = re.compile(r"[A-Za-z]+")


def latin_words(texts: Iterable[str], allowed: Iterable[str] = ()) -> dict[str, str]:
    """Latin-letter words in ``texts`` outside the allow-list: ``{word: where}``.

    ``allowed`` adds exact strings (a scenario's file name, say) to the patterns above.
    """
    extra = sorted(set(allowed), key=len, reverse=True)
    found: dict[str, str] = {}
    for text in texts:
        rest = str(text)
        for pattern in ALLOWED_PATTERNS:
            rest = pattern.sub(" ", rest)
        for word in extra:
            rest = rest.replace(word, " ")
        for word in LATIN.findall(rest):
            found.setdefault(word, str(text)[:160])
    return found


class VisibleText(HTMLParser):
    """Text a reader sees on an HTML page: element text and the ``title``, ``alt`` and
    ``placeholder`` attributes; scripts and styles are not text. The arguments of every
    ``Plotly.newPlot`` call (the charts) are kept in :attr:`charts`."""

    def __init__(self, html: str):
        super().__init__()
        self.texts: list[str] = []
        self.scripts: list[str] = []
        self._skip = 0
        self._script: list[str] | None = None
        self.feed(html)
        self.charts = [c for s in self.scripts for c in plotly_calls(s)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
            self._script = [] if tag == "script" else None
        for key, value in attrs:
            if key in ("title", "alt", "placeholder", "aria-label") and value:
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
            if tag == "script" and self._script is not None:
                self.scripts.append("".join(self._script))
                self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        elif not self._skip and data.strip():
            self.texts.append(data.strip())


def plotly_calls(script: str) -> Iterator[dict[str, Any]]:
    """The figures a briefing script draws: ``{"data", "layout", "config"}`` per call."""
    for m in re.finditer(r'Plotly\.newPlot\("[^"]+",(.*?)\)\}', script, flags=re.S):
        data, layout, config = json.loads(f"[{m.group(1)}]")
        yield {"data": data, "layout": layout, "config": config}


TEXT_KEYS = {"text", "name", "hovertemplate", "hovertext", "ticktext", "ticksuffix"}


def figure_texts(fig: dict[str, Any]) -> list[str]:
    """The strings of a figure's JSON that people read (titles, names, hovers, labels,
    annotations, table cells and category labels that are not dates)."""
    out: list[str] = []

    def walk(node: Any, key: str | None = None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("template", "bdata", "dtype", "shape"):
                    continue
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str):
            category = key in ("x", "y") and not re.match(r"^\d{4}-\d{2}", node)
            if key in TEXT_KEYS or key == "values" or category:
                out.append(node)

    walk({"data": fig.get("data"), "layout": fig.get("layout")})
    return out
