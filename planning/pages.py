"""HTML that people read, from autoescaped jinja2 templates (``planning/templates``).

One set of pieces (key-number cards, sentences, tables, the target register, status pills)
is used by the workbook app, the briefings and the batch index, with one stylesheet
(:data:`COMPONENTS_CSS`). Every value is escaped by the template engine; only
:class:`markupsafe.Markup` made by these functions passes as HTML.

>>> from planning.present import Card
>>> "&lt;b&gt;" in cards_html([Card("x", "<b>", "1")])
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from .present import STATUSES, Card

PILL_STATUSES = frozenset(
    {*STATUSES, "ok", "skipped", "failed", "timeout", "invalid", "interrupted"}
)
"""Statuses a pill knows: the targets' traffic lights and the batch's scenario statuses."""


_DATE = re.compile(
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b"
)


def whole_dates(text: Any) -> Markup:
    """``text`` escaped, with every date kept on one line (``2016年12月``, ``Dec 2016``):
    a narrow column may break a sentence, never a date.

    >>> str(whole_dates("自起算：2016年12月 <b>"))
    '自起算：<span class="pw-date">2016年12月</span> &lt;b&gt;'
    """
    escaped = str(Markup.escape(text))
    return Markup(_DATE.sub(lambda m: f'<span class="pw-date">{m.group(0)}</span>', escaped))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The template environment: autoescape on for every template, strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("planning", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["statuses"] = PILL_STATUSES
    env.filters["whole_dates"] = whole_dates
    return env


def render(name: str, **context: Any) -> str:
    """Render the template ``name`` of ``planning/templates``."""
    return environment().get_template(name).render(**context)


@lru_cache(maxsize=1)
def _components() -> Any:
    return environment().get_template("components.html.j2").module


def _text(name: str) -> str:
    return resources.files("planning").joinpath("templates", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def components_css() -> str:
    """The stylesheet of the shared pieces (cards, sentences, tables, register, pills)."""
    return _text("components.css")


@lru_cache(maxsize=1)
def page_css() -> str:
    """The stylesheet of stand-alone pages (briefings, the batch index), pieces included."""
    return _text("page.css") + "\n" + components_css()


def cards_html(cards: Iterable[Card]) -> Markup:
    """Key numbers as cards (label, value, note)."""
    return Markup(_components().cards(list(cards)))


def sentences_html(lines: Iterable[str]) -> Markup:
    """Plain sentences as a bulleted list; empty for none."""
    return Markup(_components().sentences(list(lines)))


def errors_html(lines: Iterable[str]) -> Markup:
    """Messages in red, one block each."""
    return Markup(_components().errors(list(lines)))


def pill_html(status: str, label: str) -> Markup:
    """A traffic-light badge: coloured dot and the status in words."""
    return Markup(_components().pill(status, label))


def register_html(rows: Sequence[Any], header: Sequence[str], title: str = "") -> Markup:
    """The target register (rows from :func:`planning.catalogue.register_rows`)."""
    return Markup(_components().register(list(rows), list(header), title))


def table_html(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    numeric: Iterable[int] = (),
    row_classes: Sequence[str] = (),
    cls: str = "",
) -> Markup:
    """A table; cells are escaped unless they are Markup from this module (e.g. a pill).

    ``numeric`` lists the column positions aligned right.
    """
    return Markup(
        _components().table(
            list(header), [list(r) for r in rows], tuple(numeric), list(row_classes), cls
        )
    )


def escape(text: Any) -> Markup:
    """Escape user text for HTML."""
    return jinja2.utils.markupsafe.escape(text)


__all__ = [
    "Markup",
    "cards_html",
    "components_css",
    "environment",
    "errors_html",
    "escape",
    "page_css",
    "pill_html",
    "register_html",
    "render",
    "sentences_html",
    "table_html",
]
