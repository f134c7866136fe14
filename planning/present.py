"""Everything people read passes through here: dates, money, shares, counts and statuses.

The workbook app, the briefings, the batch index and the charts all format with these
functions, so a number reads the same wherever it appears. Chinese is written the way an
organisation department writes it (money in 万元 / 亿元, dates as 年月); English follows
the same rules in English words.

The plan calendar is defined once: plan month 1 is January of ``run.start_year``
(:func:`period`); a plan-month number never reaches a page, only its date does.

>>> money(6_712_500, "zh"), money(6_712_500, "en")
('671万元', '6.7 million yuan')
>>> share(0.8978, "en"), share(0.8978, "zh")
('89.8 %', '89.8%')
>>> month_label(period(36, 2014), "zh")
'2016年12月'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .i18n import MESSAGES, t

LANGUAGES = ("en", "zh")

NA = "—"
"""What an empty or unknown value shows (never ``None``, ``nan`` or ``-``)."""

STATUSES = ("met", "at_risk", "missed", "guaranteed", "tracked")
"""Statuses of a target, in the order counts are shown: the traffic lights, then
"guaranteed by the settings" (a commitment, not a model result) and "tracked"."""

STATUS_COLORS = {
    "met": "#2e7d32",
    "at_risk": "#f9a825",
    "missed": "#c62828",
    "guaranteed": "#3f5f8a",
    "tracked": "#757575",
}
"""Colour of each status (light, pill, chart)."""

PALETTE = {"ink": "#1d2433", "muted": "#5b6475", "accent": "#1f3a5f"}


# --------------------------------------------------------------------------- values


def is_na(x: Any) -> bool:
    """True for None, NaN, NaT and pandas NA (the values shown as :data:`NA`)."""
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _float(x: Any) -> float | None:
    if is_na(x):
        return None
    v = float(x)
    return None if math.isnan(v) else v


# --------------------------------------------------------------------------- calendar


def period(month: int, start_year: int) -> pd.Period:
    """The calendar month of plan month ``month`` (1 = January of ``start_year``).

    >>> period(1, 2014), period(36, 2014)
    (Period('2014-01', 'M'), Period('2016-12', 'M'))
    """
    return pd.Period(year=start_year, month=1, freq="M") + (int(month) - 1)


def plan_month(when: pd.Period, start_year: int) -> int:
    """The plan month of a calendar month (inverse of :func:`period`)."""
    return (when.year - start_year) * 12 + when.month


def as_period(value: Any, start_year: int | None = None) -> pd.Period | None:
    """A month as a ``pd.Period``: from a Period, a Timestamp, ``"2016-12"``, or a plan
    month number (then ``start_year`` is required)."""
    if is_na(value):
        return None
    if isinstance(value, pd.Period):
        return value.asfreq("M")
    if isinstance(value, pd.Timestamp):
        return value.to_period("M")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if start_year is None:
            raise ValueError("a plan month number needs the plan's start year")
        return period(int(value), start_year)
    return pd.Period(str(value), "M")


_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_label(value: Any, lang: str, start_year: int | None = None) -> str:
    """A month as people write it: ``Dec 2016`` / ``2016年12月``; :data:`NA` if unknown.

    ``value`` is a Period, a Timestamp, ``"2016-12"`` or, with ``start_year``, a plan month.
    """
    p = as_period(value, start_year)
    if p is None:
        return NA
    if lang == "zh":
        return f"{p.year}年{p.month}月"
    return f"{_EN_MONTHS[p.month - 1]} {p.year}"


def year_label(year: Any, lang: str) -> str:
    """``2016`` / ``2016年``."""
    if is_na(year):
        return NA
    return f"{int(year)}年" if lang == "zh" else f"{int(year)}"


def years_label(first: int, last: int, lang: str) -> str:
    """A span of years: ``2014-2018`` / ``2014—2018年``."""
    if first == last:
        return year_label(first, lang)
    return f"{first}—{last}年" if lang == "zh" else f"{first}-{last}"


def date_label(when: Any, lang: str, *, time: bool = False) -> str:
    """A day (and time): ``1 Dec 2026`` / ``2026年12月1日``; with ``time``, ``, 10:20``."""
    if is_na(when):
        return NA
    ts = pd.Timestamp(when)
    if lang == "zh":
        text = f"{ts.year}年{ts.month}月{ts.day}日"
        return f"{text} {ts:%H:%M}" if time else text
    text = f"{ts.day} {_EN_MONTHS[ts.month - 1]} {ts.year}"
    return f"{text}, {ts:%H:%M}" if time else text


def axis_month_format(lang: str) -> str:
    """d3 time format of month ticks on chart axes (``Jan 2015`` / ``2015年1月``)."""
    return "%Y年%-m月" if lang == "zh" else "%b %Y"


def hover_month(lang: str, field: str = "x") -> str:
    """The plotly hover-template piece that shows ``field`` as a month."""
    return f"%{{{field}|{axis_month_format(lang)}}}"


# --------------------------------------------------------------------------- numbers


def number(x: Any, lang: str = "en", digits: int = 0) -> str:
    """A count or amount with thousands separators: ``10,412``; :data:`NA` if unknown."""
    v = _float(x)
    if v is None:
        return NA
    if digits == 0:
        v = round(v)
        return f"{int(v):,}"
    return f"{v:,.{digits}f}"


def signed(x: Any, lang: str = "en", digits: int = 0) -> str:
    """A change with its sign: ``+1,474`` / ``-12``."""
    v = _float(x)
    if v is None:
        return NA
    text = number(abs(v), lang, digits)
    if text.strip("0.,") == "":
        return text
    return ("+" if v > 0 else "-") + text


def share(x: Any, lang: str = "en") -> str:
    """A share as a percentage with one rounding rule everywhere.

    One decimal (``89.8 %``); whole values without it (``100 %``, ``0 %``). A share
    below 1 never shows as 100 % and a share above 0 never as 0 %: 0.9996 is ``99.9 %``,
    so "met" and "not met" never read the same. Chinese: ``89.8%``.

    >>> share(0.9996, "en"), share(1.0, "zh"), share(0.00001, "en")
    ('99.9 %', '100%', '0.1 %')
    """
    v = _float(x)
    if v is None:
        return NA
    pct = 100 * v
    tenths = round(pct * 10)
    if tenths >= 1000 and v < 1 - 1e-12:
        tenths = 999
    if tenths <= 0 < v:
        tenths = 1
    if tenths <= -1000 and v > -1 + 1e-12:
        tenths = -999
    text = f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths / 10:.1f}"
    return f"{text}%" if lang == "zh" else f"{text} %"


def points(x: Any, lang: str = "en") -> str:
    """A change of a share in percentage points: ``+1.2 pts`` / ``+1.2个百分点``."""
    v = _float(x)
    if v is None:
        return NA
    text = signed(100 * v, lang, 1)
    if text.strip("0.,") == "":  # no change reads as 0, not 0.0
        text = "0"
    return f"{text}个百分点" if lang == "zh" else f"{text} pts"


# --------------------------------------------------------------------------- money

WAN = 1e4
YI = 1e8

EN_MONEY_UNITS = {"thousand": "thousand yuan", "million": "million yuan"}
"""English money units; Chinese never counts money in thousands or millions (千元, 百万元)."""


@dataclass(frozen=True)
class MoneyScale:
    """A unit for a column of money: divide yuan by ``divisor``, label with ``unit``."""

    divisor: float
    unit: str
    digits: int

    def value(self, yuan: Any, lang: str = "en") -> str:
        """``yuan`` in this unit, as a bare number."""
        v = _float(yuan)
        if v is None:
            return NA
        return number(v / self.divisor, lang, self.digits)


def money_scale(largest_yuan: float, lang: str) -> MoneyScale:
    """The unit a table or chart axis of money uses, chosen from its largest amount.

    Chinese: 元 below 1万, 万元 below 1亿, 亿元 above; English: yuan, thousand yuan,
    million yuan.
    """
    big = abs(float(largest_yuan or 0))
    if lang == "zh":
        if big >= YI:
            return MoneyScale(YI, t("unit.money.yi", lang), 2)
        if big >= WAN:
            return MoneyScale(WAN, t("unit.money.wan", lang), 0 if big >= 100 * WAN else 1)
        return MoneyScale(1.0, t("unit.money.yuan", lang), 0)
    if big >= 1e6:
        return MoneyScale(1e6, EN_MONEY_UNITS["million"], 1)
    if big >= 1e4:
        return MoneyScale(1e3, EN_MONEY_UNITS["thousand"], 0)
    return MoneyScale(1.0, t("unit.money.yuan", lang), 0)


def money(yuan: Any, lang: str = "en") -> str:
    """An amount of money as an official writes it.

    >>> money(8_500, "zh"), money(125_000, "zh"), money(6_712_500, "zh"), money(1.234e8, "zh")
    ('8,500元', '12.5万元', '671万元', '1.23亿元')
    >>> money(8_500, "en"), money(125_000, "en"), money(6_712_500, "en")
    ('8,500 yuan', '125 thousand yuan', '6.7 million yuan')
    """
    v = _float(yuan)
    if v is None:
        return NA
    scale = money_scale(v, lang)
    text = scale.value(v, lang)
    if lang == "zh":
        return f"{text}{scale.unit}"
    return f"{text} {scale.unit}"


def money_at_least(yuan: Any, lang: str = "en") -> str:
    """A least amount (a budget that just suffices), rounded UP and shown to at least three
    significant digits, so the amount read is always enough and close to the need.

    >>> money_at_least(1_711_000, "en"), money_at_least(1_711_000, "zh")
    ('1.72 million yuan', '172万元')
    >>> money_at_least(21_829_740, "en"), money_at_least(21_829_740, "zh")
    ('21.9 million yuan', '2,183万元')
    """
    v = _float(yuan)
    if v is None:
        return NA
    scale = money_scale(v, lang)
    whole = len(str(int(abs(v) // scale.divisor))) if abs(v) >= scale.divisor else 1
    # more digits only where the unit is written with decimals (million yuan, 亿元)
    digits = max(scale.digits, 3 - whole) if scale.digits else 0
    step = scale.divisor / 10**digits
    up = math.ceil(v / step - 1e-9) * step
    text = number(up / scale.divisor, lang, digits)
    return f"{text}{scale.unit}" if lang == "zh" else f"{text} {scale.unit}"


def money_axis_title(title: str, scale: MoneyScale, lang: str) -> str:
    """An axis or column title with its money unit: ``Spending (million yuan)`` /
    ``支出（万元）``."""
    return f"{title}（{scale.unit}）" if lang == "zh" else f"{title} ({scale.unit})"


# --------------------------------------------------------------------------- words


def count(n: Any, noun: str, lang: str) -> str:
    """A number with its noun in the right form: ``1 month``, ``2 months``, ``2个月``.

    ``noun`` names a pair of messages ``count.<noun>.one`` / ``count.<noun>.other``.
    """
    v = _float(n)
    if v is None:
        return NA
    form = "one" if v == 1 else "other"
    return t(f"count.{noun}.{form}", lang, n=number(v, lang))


def ownership_routes(own: Mapping[str, Any], lang: str) -> str:
    """How rented venues become owned, routes with none left out: ``27 new buildings and
    2 bought`` / ``新建27处和购置2处`` (``own`` as :attr:`VenuePlan.ownership` gives it)."""
    routes = [
        count(own["new_build"], "new_building", lang) if own["new_build"] else "",
        count(own["buy"], "purchase", lang) if own["buy"] else "",
    ]
    return join(routes, lang)


def status_word(status: str, lang: str) -> str:
    """The word of a status: met / at risk / missed / guaranteed by the settings / tracked."""
    return t(f"status.{status}", lang)


def yes_no(value: bool, lang: str) -> str:
    """``yes`` / ``是``."""
    return t("common.yes" if value else "common.no", lang)


def join(items: Iterable[str], lang: str) -> str:
    """A list in running text: ``a, b and c`` / ``a、b和c``."""
    items = [x for x in items if x]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if lang == "zh":
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def label(key: str, lang: str, default: str | None = None) -> str:
    """A message if it exists, else ``default`` (or the key itself)."""
    texts = MESSAGES.get(key)
    if texts is None:
        return key if default is None else default
    return texts[lang]


# --------------------------------------------------------------------------- parameters

GRADES = ("excellent", "good", "pass", "fail")
"""Assessment grades of a secretary's performance pay, in order."""


def param_label(key: str, lang: str) -> str:
    """A scenario parameter's label (without its unit): ``Exam pass rate`` / ``...``."""
    from .scenario import FIELDS

    f = FIELDS.get(key)
    return label(f"field.{key}", lang, f.label if f else key)


def unit_label(unit: str, lang: str) -> str:
    """A schema unit in ``lang`` (``share`` / ``比例``); empty for none."""
    return label(f"unit.{unit}", lang, unit) if unit else ""


def _param_part(v: Any, unit: str, key: str, lang: str, start_year: int | None) -> str:
    if v is None:
        return t("param.none", lang)
    if isinstance(v, bool):
        return yes_no(v, lang)
    if isinstance(v, str):
        if unit == "year-month":
            try:
                return month_label(v, lang)
            except ValueError:
                return v
        return label(f"choice.{key}.{v}", lang, v)
    if isinstance(v, int | float):
        if key == "training.min_class_size" and v == 0:  # 0 = each base's own minimum
            return t("param.base_own", lang)
        if key.endswith("_yuan"):
            return money(v, lang)
        if unit == "year":
            return year_label(v, lang)
        if key == "run.seed":  # an identifier, not an amount: no separators
            return str(int(v))
        if unit == "plan month" and start_year is not None:
            return month_label(int(v), lang, start_year)
        if unit == "month of year" and 1 <= int(v) <= 12:
            return f"{int(v)}月" if lang == "zh" else _EN_MONTHS[int(v) - 1]
        if unit == "share points":
            pts = number(100 * v, lang, 0 if float(100 * v).is_integer() else 1)
            return f"{pts}个百分点" if lang == "zh" else f"{pts} pts"
        if unit == "share points per year":
            pts = number(100 * v, lang, 0 if float(100 * v).is_integer() else 1)
            return f"每年{pts}个百分点" if lang == "zh" else f"{pts} pts a year"
        if unit.startswith("share"):
            return share(v, lang)
        return number(v, lang, 0 if float(v).is_integer() else _digits(float(v)))
    return str(v)


def _digits(v: float) -> int:
    text = f"{v:.6g}"
    return min(len(text.split(".")[1]), 4) if "." in text and "e" not in text else 4


def param_value(value: Any, key: str, lang: str, start_year: int | None = None) -> str:
    """A parameter's value as people read it: money in 万元, shares in %, choices and
    grades in words, lists and mappings spelled out; never a Python value. Plan months
    show as dates when ``start_year`` is given.

    >>> param_value(0.15, "talent.intake_ramp", "en"), param_value(True, "venues.require_owned", "zh")
    ('15 %', '是')
    """
    from .scenario import FIELDS

    f = FIELDS.get(key)
    unit = f.unit if f else ""
    sep = "；" if lang == "zh" else "; "
    if isinstance(value, dict):
        if not value:
            return t("param.empty", lang)
        parts = []
        for k, v in value.items():
            name = label(f"grade.{k}", lang, k) if k in GRADES else str(k)
            parts.append(
                f"{name}{'：' if lang == 'zh' else ': '}{_param_part(v, unit, key, lang, start_year)}"
            )
        return sep.join(parts)
    if isinstance(value, list | tuple):
        if not value:
            return t("param.empty", lang)
        return ("、" if lang == "zh" else ", ").join(
            _param_part(v, unit, key, lang, start_year) for v in value
        )
    return _param_part(value, unit, key, lang, start_year)


# --------------------------------------------------------------------------- cards


@dataclass(frozen=True)
class Card:
    """One key number as people see it, in the app and in the briefing alike.

    Attributes
    ----------
    id : str
        Stable identifier (``"talent.total"``) used by tests and the batch index.
    label : str
        What the number is, with its date (``Reserve talents in Dec 2016``).
    value : str
        The number, formatted (``9,860``).
    note : str
        One short line of context (``target > 10,000; probability 41.3 %``).
    status : str, optional
        A traffic-light status when the card stands for a target.
    """

    id: str
    label: str
    value: str
    note: str = ""
    status: str | None = None


__all__ = [
    "Card",
    "LANGUAGES",
    "MoneyScale",
    "NA",
    "STATUSES",
    "STATUS_COLORS",
    "as_period",
    "axis_month_format",
    "count",
    "date_label",
    "hover_month",
    "is_na",
    "join",
    "label",
    "money",
    "money_at_least",
    "money_axis_title",
    "money_scale",
    "month_label",
    "number",
    "param_label",
    "param_value",
    "period",
    "plan_month",
    "points",
    "share",
    "signed",
    "status_word",
    "unit_label",
    "year_label",
    "years_label",
    "yes_no",
]
