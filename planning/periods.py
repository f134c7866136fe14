"""Reporting periods of county returns: a quarter (``2014Q2``) or a month (``2014-05``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd

_QUARTER = re.compile(r"\s*([0-9]{4})\s*[-/ ]?\s*[Qq]\s*([1-4])\s*")
_QUARTER_ZH = re.compile(r"\s*([0-9]{4})\s*年?\s*第?\s*([1-4一二三四])\s*季度?\s*")
_MONTH = re.compile(r"\s*([0-9]{4})\s*(?:[-/.]|年)\s*([0-9]{1,2})\s*月?\s*")
_ZH_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4"}


@dataclass(frozen=True, order=True)
class ReportPeriod:
    """A quarter or a month; ``text`` is its canonical form (``2014Q2`` or ``2014-05``).

    Ordered by first day, then by length (a month sorts before the quarter it opens).
    """

    start: date
    end: date
    text: str

    @property
    def is_quarter(self) -> bool:
        return "Q" in self.text

    @property
    def months(self) -> list[str]:
        """Every month of the period as ``YYYY-MM``."""
        first = pd.Period(self.start, "M")
        n = 3 if self.is_quarter else 1
        return [str(first + i) for i in range(n)]

    def overlaps(self, other: ReportPeriod) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return self.text


def parse_period(text: str) -> ReportPeriod | None:
    """A period from ``2014Q2``, ``2014-Q2``, ``2014年第二季度``, ``2014-05`` or ``2014年5月``;
    None when unreadable.

    >>> parse_period("2014Q2").end
    datetime.date(2014, 6, 30)
    >>> parse_period("2014-5").text
    '2014-05'
    """
    text = str(text)
    m = _QUARTER.fullmatch(text) or _QUARTER_ZH.fullmatch(text)
    if m:
        year, q = int(m.group(1)), int(_ZH_DIGITS.get(m.group(2), m.group(2)))
        if not 1900 <= year <= 2200:
            return None
        p = pd.Period(year=year, quarter=q, freq="Q")
        return ReportPeriod(p.start_time.date(), p.end_time.date(), f"{year}Q{q}")
    m = _MONTH.fullmatch(text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not (1900 <= year <= 2200 and 1 <= month <= 12):
            return None
        p = pd.Period(year=year, month=month, freq="M")
        return ReportPeriod(p.start_time.date(), p.end_time.date(), f"{year:04d}-{month:02d}")
    return None


_DATE = re.compile(
    r"\s*([0-9]{4})\s*(?:[-/.]|年)\s*([0-9]{1,2})\s*(?:[-/.]|月)\s*([0-9]{1,2})\s*日?"
)


def period_label(text: str, lang: str = "en") -> str:
    """A period as people read it: ``2014Q2`` / ``2014-05`` in English, ``2014年第2季度`` /
    ``2014年5月`` in Chinese (text that is no period is returned as it is).

    >>> period_label("2014Q2", "zh"), period_label("2014-05", "zh"), period_label("2014Q2")
    ('2014年第2季度', '2014年5月', '2014Q2')
    """
    p = parse_period(text) if text else None
    if p is None or lang != "zh":
        return str(text)
    if p.is_quarter:
        return f"{p.start.year}年第{(p.start.month - 1) // 3 + 1}季度"
    return f"{p.start.year}年{p.start.month}月"


def parse_date(text: str) -> date | None:
    """A date from ``2014-07-10``, ``2014/7/10``, ``2014年7月10日`` or an Excel date cell
    (``2014-07-10T00:00:00``); None when unreadable.

    >>> parse_date("2014年7月10日")
    datetime.date(2014, 7, 10)
    """
    text = str(text).strip()
    if "T" in text:
        text = text.split("T", 1)[0]
    elif " " in text and ":" in text:
        text = text.split(" ", 1)[0]
    m = _DATE.fullmatch(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_as_of(text: str) -> datetime | None:
    """The end of a day, month or quarter as a moment: ``2015-06`` is 30 June 2015, 23:59:59.

    >>> parse_as_of("2015-06")
    datetime.datetime(2015, 6, 30, 23, 59, 59, 999999)
    """
    day = parse_date(text)
    if day is None:
        p = parse_period(text)
        if p is None:
            return None
        day = p.end
    return end_of_day(day)


def end_of_day(day: date) -> datetime:
    """The last moment of ``day``."""
    return datetime.combine(day, time.max)


def month_end(month: str) -> date:
    """Last day of a ``YYYY-MM`` month."""
    return pd.Period(month, "M").end_time.date()


def previous_day(day: date) -> date:
    return day - timedelta(days=1)
