"""plotly.js's locales: the chart toolbar's tips and the names of months and days in the
page's language, for briefings (one script registering the locale, embedded like plotly.js
itself) and for the workbook's live charts (the same locale in each chart's config).

Nothing is fetched: the locale's source is a file of the package (``planning/templates``).

>>> plotly_locale_config("zh")["locale"], plotly_locale_config("en")
('zh-CN', {})
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

PLOTLY_LOCALES = {"zh": ("zh-CN", "plotly-locale-zh-cn.js")}
"""plotly.js locale of each page language other than English, and its file in
``planning/templates`` (the chart toolbar's tips and date names)."""


def plotly_locale_js(lang: str) -> str:
    """The script that registers plotly.js's locale for ``lang`` and makes it every chart's
    default (empty for English, plotly's own language). Runs after plotly.js itself.

    >>> "Plotly.setPlotConfig({locale:'zh-CN'})" in plotly_locale_js("zh"), plotly_locale_js("en")
    (True, '')
    """
    if lang not in PLOTLY_LOCALES:
        return ""
    name, filename = PLOTLY_LOCALES[lang]
    return (
        "(function(){var module={exports:{}};\n"
        + _locale_source(filename)
        + f"\nPlotly.register(module.exports);Plotly.setPlotConfig({{locale:'{name}'}});}})();"
    )


def plotly_locale_config(lang: str) -> dict[str, Any]:
    """The entries of a plotly config that put one chart in ``lang``'s locale
    (``locale`` and its definition under ``locales``); empty for English.

    A chart drawn with them needs no registered locale, so a widget in the workbook gets
    its toolbar and date names in Chinese from its own config.
    """
    if lang not in PLOTLY_LOCALES:
        return {}
    name, filename = PLOTLY_LOCALES[lang]
    return {"locale": name, "locales": {name: _locale_definition(filename)}}


@lru_cache(maxsize=4)
def _locale_source(filename: str) -> str:
    return resources.files("planning").joinpath("templates", filename).read_text(encoding="utf-8")


_STRING = r"'((?:[^'\\]|\\.)*)'"
_PAIR = re.compile(rf"{_STRING}\s*:\s*{_STRING}")
_LIST = re.compile(r"(\w+)\s*:\s*\[([^\]]*)\]")
_SCALAR = re.compile(rf"(\w+)\s*:\s*{_STRING}")


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@lru_cache(maxsize=4)
def _locale_definition(filename: str) -> dict[str, Any]:
    """The ``dictionary`` and ``format`` of a plotly.js locale module, read from its source
    (an object literal of quoted strings and lists of them)."""
    source = _locale_source(filename)
    start = source.index("dictionary:")
    split = source.index("format:", start)
    dictionary = {_unquote(k): _unquote(v) for k, v in _PAIR.findall(source[start:split])}
    fmt_text = source[split:]
    fmt: dict[str, Any] = {
        key: [_unquote(x) for x in re.findall(_STRING, items)]
        for key, items in _LIST.findall(fmt_text)
    }
    for key, value in _SCALAR.findall(re.sub(r"\[[^\]]*\]", "[]", fmt_text)):
        fmt.setdefault(key, _unquote(value))
    return {"dictionary": dictionary, "format": fmt}


__all__ = ["PLOTLY_LOCALES", "plotly_locale_config", "plotly_locale_js"]
