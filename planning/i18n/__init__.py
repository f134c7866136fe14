"""One message table for every label, title and sentence users see, in English and Chinese.

Each topic keeps its messages in a module of this package (``common``, ``talent``, ...) as a
dict ``MESSAGES = {key: {"en": ..., "zh": ...}}``; they are merged here into one table.
A test checks that every key has both languages and the same placeholders.

>>> t("common.yes", "zh")
'是'
"""

from __future__ import annotations

from importlib import import_module
from pkgutil import iter_modules

LANGUAGES = ("en", "zh")


def _load() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for m in sorted(iter_modules(__path__), key=lambda m: m.name):
        mod = import_module(f"{__name__}.{m.name}")
        for key, texts in getattr(mod, "MESSAGES", {}).items():
            if key in table:
                raise RuntimeError(f"message key {key!r} defined twice (again in {m.name})")
            table[key] = texts
    return table


MESSAGES: dict[str, dict[str, str]] = _load()


def t(key: str, lang: str = "en", /, **values: object) -> str:
    """The message ``key`` in ``lang`` with ``{placeholders}`` filled in.

    Unknown keys raise KeyError (a missing translation is a bug, not a user error).
    """
    text = MESSAGES[key][lang]
    return text.format(**values) if values else text
