"""ipywidgets controls generated from the scenario schema.

Every control is made from a :class:`planning.scenario.FieldInfo`: the widget type from the
field's type, bounds and step from the schema, the label with its unit, the help text as
tooltip. Notebooks and the workbook never hand-write a slider.

>>> from planning import load_scenario
>>> controls = section_controls(load_scenario("baseline"), "training")
>>> controls.widgets["training.absence_cap_share"].max
1.0
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import ipywidgets as w
import traitlets

from .errors import Problem, ScenarioError
from .i18n import MESSAGES, t
from .present import GRADES, label, param_value
from .scenario import FIELDS, FieldInfo, Scenario, flatten, safe_yaml

TEXT_INPUT_ABOVE = 1e7
"""Numeric fields whose upper bound exceeds this get a number box instead of a slider."""

_STYLE = {"description_width": "260px"}
_LAYOUT = {"width": "560px"}

_WIDE_TEXT = "576px"
"""Width of a text of pairs or numbers (what the 600 px controls column leaves)."""

CALENDAR_UNITS = ("plan month", "month of year")
"""Units of month sliders that show the month in words beside them (``Dec 2016``,
``Aug``) instead of a plan-month number."""

_WORDS_WIDTH = 90
"""Pixels of the value in words shown beside a month slider or a money box."""

_READOUT_WIDTH = 52
"""Pixels a slider's number takes; a month slider ends its track where the others do."""


def field_label(f: FieldInfo, lang: str = "en") -> str:
    """The field's label in ``lang`` with its unit, e.g. ``"Exam pass rate (share)"``."""
    key = f"field.{f.key}"
    label = MESSAGES[key][lang] if key in MESSAGES else f.label
    ukey = f"unit.{f.unit}"
    unit = MESSAGES[ukey][lang] if ukey in MESSAGES else f.unit
    if not unit:
        return label
    return f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"


def field_help(f: FieldInfo, lang: str = "en") -> str:
    """The field's help text in ``lang`` (English when no translation exists)."""
    key = f"help.{f.key}"
    return MESSAGES[key][lang] if key in MESSAGES else f.help


def _decimals(step: float | None) -> int:
    if not step or float(step).is_integer():
        return 0
    text = f"{step:g}"
    return len(text.split(".")[1]) if "." in text else 0


class OptionalNumber(w.HBox):
    """A number box with a 'no limit' tick box; ``value`` is a float or None."""

    value = traitlets.Any(None)

    def __init__(self, value: float | None, f: FieldInfo, lang: str, **kw: Any):
        # Laid out like the description of the other controls: right-aligned, same width.
        width = _STYLE["description_width"]
        label_layout = w.Layout(width=width, min_width=width, flex="0 0 auto")
        self._label = w.Label(field_label(f, lang), layout=label_layout)
        self._label.add_class("planning-optional-label")
        self._box = w.BoundedFloatText(
            value=value or 0.0,
            min=f.ge or 0.0,
            max=f.le or 1e12,
            step=f.step or 1.0,
            layout=w.Layout(width="160px"),
        )
        self._none = w.Checkbox(
            value=value is None, description=t("widgets.no_limit", lang), indent=False
        )
        self._box.disabled = value is None
        super().__init__([self._label, self._box, self._none], **kw)
        self.value = value
        self._box.observe(self._sync, "value")
        self._none.observe(self._sync, "value")
        self.observe(self._push, "value")

    def _sync(self, _change: Any = None) -> None:
        self._box.disabled = self._none.value
        self.value = None if self._none.value else float(self._box.value)

    def _push(self, change: Any) -> None:
        v = change["new"]
        self._none.value = v is None
        if v is not None:
            self._box.value = float(v)

    def set_language(self, f: FieldInfo, lang: str) -> None:
        """Relabel in ``lang``."""
        self._label.value = field_label(f, lang)
        self._none.description = t("widgets.no_limit", lang)


class MappingText(w.Text):
    """A one-line text of ``key: value`` pairs (or a plain list) parsed as YAML.

    ``value`` stays the text; ``parsed()`` returns the mapping/list or raises ScenarioError.
    In Chinese, assessment grades show by their names (``优秀 0.2、称职 0.5``); they are
    read back by their names in either language or by their ids.
    """

    def __init__(self, value: Any, f: FieldInfo, lang: str = "en", **kw: Any):
        self.key = f.key
        self.lang = lang
        self.is_list = isinstance(f.default, tuple | list)
        kw.setdefault("continuous_update", False)
        super().__init__(value=self.format(value), **kw)

    def format(self, value: Any) -> str:
        if self.is_list:
            return ", ".join(f"{x:g}" for x in value)
        if self.lang == "zh":
            return "、".join(f"{_grade_name(k, 'zh')} {v:g}" for k, v in dict(value).items())
        return ", ".join(f"{k}: {v:g}" for k, v in dict(value).items())

    def set_language(self, lang: str) -> None:
        """Show the text in ``lang``; text that cannot be read is left as typed."""
        try:
            value = self.parsed()
        except ScenarioError:
            self.lang = lang
            return
        self.lang = lang
        self.value = self.format(value)

    def parsed(self) -> Any:
        text = self.value.strip()
        if self.is_list:
            try:
                # As a scenario file is read: no aliases, nesting capped, no Python errors.
                data = safe_yaml(f"[{text}]", "controls")
            except ScenarioError:
                data = None
            ok = isinstance(data, list) and all(_is_number(x) for x in data)
            shape = "numbers separated by commas, e.g. '0.11, 0.07, 0.06'"
        else:
            data = _read_pairs(text)
            ok = data is not None
            shape = "pairs separated by commas, e.g. 'C01: 0.5, C02: 0.5'"
        if not ok:
            raise ScenarioError(
                f"cannot read {self.value!r}",
                [
                    Problem(
                        "controls",
                        f"key '{self.key}': cannot read {self.value!r}; write {shape}",
                        key=self.key,
                    )
                ],
            )
        return data


class MonthText(w.Text):
    """A year and month typed as text (``run.plan_issued``): ``2013-09`` in English,
    ``2013年9月`` in Chinese; either form is read back as ``2013-09``. Text that reads as
    neither is passed on as typed, for the schema to report."""

    def __init__(self, value: str, lang: str = "en", **kw: Any):
        self.lang = lang
        kw.setdefault("continuous_update", False)
        super().__init__(value=self.format(value), **kw)

    def format(self, value: str) -> str:
        m = _YEAR_MONTH.fullmatch(str(value).strip())
        if m is None or self.lang != "zh":
            return str(value)
        return f"{int(m['year'])}年{int(m['month'])}月"

    def parsed(self) -> str:
        text = self.value.strip()
        m = _YEAR_MONTH.fullmatch(text)
        return f"{m['year']}-{int(m['month']):02d}" if m else text

    def set_language(self, lang: str) -> None:
        """Show the month in ``lang``'s form; text that cannot be read is left as typed."""
        value = self.parsed()
        self.lang = lang
        self.value = self.format(value)


_YEAR_MONTH = re.compile(r"(?P<year>\d{4})\s*(?:-|年)\s*(?P<month>\d{1,2})\s*月?")


def _in_words(key: str, control: w.Widget) -> bool:
    """Whether a control shows its value in words beside it (months, money)."""
    if isinstance(control, w.IntSlider):
        return FIELDS[key].unit in CALENDAR_UNITS
    return key.endswith("_yuan") and isinstance(control, w.BoundedIntText | w.BoundedFloatText)


_PAIR = re.compile(
    r"^\s*(?P<key>[^:：]+?)\s*[:：]?\s*(?P<value>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$"
)


def _read_pairs(text: str) -> dict[str, Any] | None:
    """``key: value`` pairs separated by commas (``C01: 0.5, C02: 0.5``) or, as the
    Chinese interface shows them, ``优秀 0.2、称职 0.5``; grade names become grade ids.
    None when the text is not such pairs."""
    text = text.strip().strip("{}")
    out: dict[str, Any] = {}
    for part in filter(str.strip, re.split(r"[,，、;；\n]", text)):
        m = _PAIR.match(part)
        if m is None:
            return None
        value = m["value"]
        try:
            number = int(value) if re.fullmatch(r"[-+]?\d+", value) else float(value)
        except ValueError:  # e.g. a whole number of thousands of digits
            return None
        out[_grade_id(m["key"])] = number
    return out


def _grade_name(key: Any, lang: str) -> str:
    """An assessment grade by its name in ``lang``; any other key as it is."""
    return label(f"grade.{key}", lang, str(key)) if key in GRADES else str(key)


def _grade_id(name: Any) -> Any:
    """The grade id of a grade name in either language (or of the id itself)."""
    text = str(name).strip().lower()
    for grade in GRADES:
        if text in {grade, *(label(f"grade.{grade}", lang).lower() for lang in ("en", "zh"))}:
            return grade
    return name


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def control_for(f: FieldInfo, value: Any, lang: str = "en") -> w.Widget:
    """The widget for one schema field, set to ``value``."""
    desc = field_label(f, lang)
    common = {"description": desc, "style": _STYLE, "layout": w.Layout(**_LAYOUT)}
    tip = field_help(f, lang)
    ann = f.annotation
    if f.choices:
        options = [(_choice_label(f, v, label, lang), v) for v, label in f.choices.items()]
        widget: w.Widget = w.Dropdown(options=options, value=value, **common)
    elif ann is bool:
        widget = w.Checkbox(
            value=bool(value),
            indent=True,
            description=desc,
            style=_STYLE,
            layout=w.Layout(**_LAYOUT),
        )
    elif ann == float | None:
        widget = OptionalNumber(value, f, lang)
    elif ann is str and f.unit == "year-month":
        widget = MonthText(value, lang, **common)
    elif ann is str:
        # Free text checked by the schema.
        widget = w.Text(value=value, continuous_update=False, **common)
    elif ann in (int, float) and f.le is not None and f.le > TEXT_INPUT_ABOVE:
        cls = w.BoundedIntText if ann is int else w.BoundedFloatText
        widget = cls(value=value, min=f.ge or 0, max=f.le, step=f.step or 1, **common)
    elif ann is int:
        widget = w.IntSlider(
            value=value,
            min=int(f.ge or 0),
            max=int(f.le or 100),
            step=int(f.step or 1),
            continuous_update=False,
            **common,
        )
    elif ann is float:
        widget = w.FloatSlider(
            value=value,
            min=f.ge or 0.0,
            max=f.le if f.le is not None else 1.0,
            step=f.step or 0.01,
            readout_format=f".{_decimals(f.step)}f",
            continuous_update=False,
            **common,
        )
    else:
        common["layout"] = w.Layout(width=_WIDE_TEXT)  # pairs need room to be read whole
        widget = MappingText(value, f, lang, **common)
    _set_tooltip(widget, tip)
    return widget


def _set_tooltip(widget: w.Widget, tip: str) -> None:
    # A tooltip on a Box breaks its view in ipywidgets 8 front ends; put it on the parts.
    if isinstance(widget, w.Box):
        for child in widget.children:
            child.tooltip = tip
    else:
        widget.tooltip = tip


def _choice_label(f: FieldInfo, value: str, label: str, lang: str) -> str:
    key = f"choice.{f.key}.{value}"
    return MESSAGES[key][lang] if key in MESSAGES else label


def _value_of(widget: w.Widget) -> Any:
    if isinstance(widget, MappingText | MonthText):
        return widget.parsed()
    return widget.value


def _clean(value: Any, reference: Any) -> Any:
    """Drop float noise from slider arithmetic (0.30000000000000004 -> 0.3).

    A value within rounding of the reference keeps the reference exactly, so an untouched
    1/3 stays 1/3 and does not count as a change.
    """
    if isinstance(value, float) and not isinstance(value, bool):
        if isinstance(reference, int | float) and abs(value - reference) <= 1e-9 * max(
            1.0, abs(value)
        ):
            return type(reference)(reference) if isinstance(reference, float) else value
        return float(f"{value:.12g}")
    return value


CHANGED_CLASS = "planning-changed"
"""CSS class of a control row whose value differs from the reference scenario."""

PROBLEM_CLASS = "planning-problem"
"""CSS class of a control row whose value is invalid."""


class Controls:
    """A set of schema-generated controls for some dotted keys of a scenario.

    Attributes
    ----------
    widgets : dict
        Dotted key -> widget, in schema order.
    messages : dict
        Dotted key -> HTML widget next to the control, empty unless the value is invalid.
    words : dict
        Dotted key -> HTML widget beside a month slider or a money box, saying its value
        in words (``Dec 2016``, ``2,400万元``).
    rows : dict
        Dotted key -> the row holding the control and its message.
    box : ipywidgets.VBox
        All rows stacked, ready to display.
    """

    def __init__(self, base: Scenario, keys: Iterable[str], lang: str = "en"):
        self.base = base
        self.lang = lang
        self._quiet = 0
        values = flatten(base.to_dict())
        self.widgets: dict[str, w.Widget] = {
            k: control_for(FIELDS[k], _typed(FIELDS[k], values[k]), lang) for k in keys
        }
        self.messages: dict[str, w.HTML] = {
            k: w.HTML("", layout=w.Layout(display="none")) for k in self.widgets
        }
        self.start_year = base.run.start_year
        self.words: dict[str, w.HTML] = {
            k: self._words_beside(k, wd) for k, wd in self.widgets.items() if _in_words(k, wd)
        }
        self.rows: dict[str, w.Box] = {
            k: w.VBox(
                [w.HBox([wd, self.words[k]]) if k in self.words else wd, self.messages[k]],
                layout=w.Layout(margin="0 0 2px 0"),
            )
            for k, wd in self.widgets.items()
        }
        for k, row in self.rows.items():
            row.add_class("planning-row")
            row.add_class("planning-key-" + k.replace(".", "-").replace("_", "-"))
        self.box = w.VBox(list(self.rows.values()))

    def _words_beside(self, key: str, control: w.Widget) -> w.HTML:
        """The value in words beside its control: the month a month slider stands for
        (in place of its number), the amount of money in a yuan box."""
        words = w.HTML(layout=w.Layout(width=f"{_WORDS_WIDTH}px"))
        words.add_class("planning-words")
        width = int(_LAYOUT["width"][:-2])
        if isinstance(control, w.IntSlider):
            control.readout = False
            control.layout.width = f"{width - _READOUT_WIDTH}px"
        else:
            control.layout.width = f"{width - _WORDS_WIDTH}px"
        control.observe(lambda _change: self._show_words(key), names="value")
        self._show_words(key, words)
        return words

    def _show_words(self, key: str, words: w.HTML | None = None) -> None:
        words = words or self.words[key]
        value = self.widgets[key].value
        shown = param_value(value, key, self.lang, self.start_year) if value is not None else ""
        words.value = html.escape(shown)

    def show_words(self, start_year: int | None = None) -> None:
        """Show every value in words again, for plans starting in ``start_year`` (default:
        the year last given) and in the controls' language."""
        if start_year is not None:
            self.start_year = start_year
        for key in self.words:
            self._show_words(key)

    def values(self) -> dict[str, Any]:
        """Current value of every control by dotted key (raises ScenarioError on bad text)."""
        ref = flatten(self.base.to_dict())
        return {k: _clean(_value_of(wd), ref.get(k)) for k, wd in self.widgets.items()}

    def read(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """Values of the readable controls, and the problems of the unreadable ones by key."""
        ref = flatten(self.base.to_dict())
        values: dict[str, Any] = {}
        problems: dict[str, list[str]] = {}
        for k, wd in self.widgets.items():
            try:
                values[k] = _clean(_value_of(wd), ref.get(k))
            except ScenarioError as exc:
                for key, texts in problems_by_key(exc, [k]).items():
                    problems.setdefault(key or k, []).extend(texts)
        return values, problems

    def scenario(self, base: Scenario | None = None) -> Scenario:
        """The base scenario with the controls' values applied and validated."""
        return (base or self.base).with_overrides(self.values(), source="controls")

    def set_values(self, scenario: Scenario) -> None:
        """Move every control to the scenario's value."""
        values = flatten(scenario.to_dict())
        for k, wd in self.widgets.items():
            v = _typed(FIELDS[k], values[k])
            if isinstance(wd, MappingText | MonthText):
                wd.value = wd.format(v)
            else:
                wd.value = v

    def observe(self, callback: Callable[[str, Any], None]) -> None:
        """Call ``callback(key, new_value)`` whenever a control changes (not while quiet)."""

        def relay(change: Any, key: str) -> None:
            if not self._quiet:
                callback(key, change["new"])

        for k, wd in self.widgets.items():
            wd.observe(lambda ch, k=k: relay(ch, k), names="value")

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Within this block, changes do not reach the ``observe`` callbacks."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def show_problems(self, problems: Mapping[str, Iterable[str]]) -> None:
        """Show each key's problems under its control; clear every other control's message."""
        for k, msg in self.messages.items():
            texts = list(problems.get(k, ()))
            msg.value = "".join(
                f'<div class="planning-problem-text">{html.escape(x)}</div>' for x in texts
            )
            msg.layout.display = "" if texts else "none"
            row = self.rows[k]
            if texts:
                row.add_class(PROBLEM_CLASS)
            else:
                row.remove_class(PROBLEM_CLASS)

    def mark_changed(self, keys: Iterable[str]) -> None:
        """Highlight the rows of ``keys``; un-highlight every other row."""
        keys = set(keys)
        for k, row in self.rows.items():
            if k in keys:
                row.add_class(CHANGED_CLASS)
            else:
                row.remove_class(CHANGED_CLASS)

    def changed(self, reference: Scenario | None = None) -> list[str]:
        """Keys whose control value differs from ``reference`` (default: the base)."""
        reference = reference or self.base
        ref = flatten(reference.to_dict())
        current = {}
        for k, wd in self.widgets.items():
            try:
                current[k] = _typed(FIELDS[k], _clean(_value_of(wd), ref[k]))
            except ScenarioError:
                current[k] = None  # unreadable text differs from any valid value
        return differing_keys(current, reference)

    def set_language(self, lang: str) -> None:
        """Relabel every control in ``lang``; values are kept."""
        self.lang = lang
        for k, wd in self.widgets.items():
            f = FIELDS[k]
            if isinstance(wd, OptionalNumber):
                wd.set_language(f, lang)
            elif isinstance(wd, MappingText | MonthText):
                with self.quiet():  # the same values in other words
                    wd.set_language(lang)
                wd.description = field_label(f, lang)
            elif isinstance(wd, w.Dropdown) and f.choices:
                value = wd.value
                with self.quiet():  # new options reset the value for a moment
                    wd.options = [
                        (_choice_label(f, v, label, lang), v) for v, label in f.choices.items()
                    ]
                    wd.value = value
                wd.description = field_label(f, lang)
            else:
                wd.description = field_label(f, lang)
            _set_tooltip(wd, field_help(f, lang))
        self.show_words()


def problems_by_key(error: ScenarioError, keys: Iterable[str]) -> dict[str, list[str]]:
    """Assign each problem of a scenario error to the control it is about.

    Every scenario problem carries the dotted key it is about (:attr:`Problem.key`, set by
    the schema); it goes to that key's control, or to the control of the mapping that key
    belongs to. Problems about none of ``keys`` come back under ``""``. The prose of the
    message is never parsed.
    """
    keys = list(keys)
    out: dict[str, list[str]] = {}
    problems = error.problems or [Problem("", error.headline)]
    for problem in problems:
        target = _owner(problem.key, keys) if problem.key else ""
        out.setdefault(target, []).append(_plain_problem(problem.what, target))
    return out


def _owner(key: str, keys: list[str]) -> str:
    """The control of ``keys`` that shows a problem about ``key`` (itself or a parent)."""
    parts = key.split(".")
    return next(
        (".".join(parts[:i]) for i in range(len(parts), 0, -1) if ".".join(parts[:i]) in keys),
        "",
    )


def _plain_problem(text: str, key: str) -> str:
    """The problem without the key prefix already obvious from where it is shown."""
    if key:
        return re.sub(r"^(key )?'[a-z_.]+': ", "", text)
    return text


def _typed(f: FieldInfo, v: Any) -> Any:
    if isinstance(f.default, tuple) and isinstance(v, list):
        return tuple(v)
    return v


def section_controls(
    scenario: Scenario, prefixes: str | Iterable[str], lang: str = "en"
) -> Controls:
    """Controls for every field under the given dotted prefixes (e.g. ``"talent"``).

    Parameters
    ----------
    scenario : Scenario
        Values the controls start from.
    prefixes : str or iterable of str
        Section names or dotted prefixes; ``"talent.attrition_rate"`` gives three sliders.
    lang : {"en", "zh"}
        Language of labels and tooltips.
    """
    if isinstance(prefixes, str):
        prefixes = [prefixes]
    prefixes = list(prefixes)
    keys = [k for k in FIELDS if any(k == p or k.startswith(p + ".") for p in prefixes)]
    if not keys:
        raise ScenarioError(f"no parameters under {', '.join(prefixes)}", [])
    return Controls(scenario, keys, lang)


def controls_for_keys(scenario: Scenario, keys: Iterable[str], lang: str = "en") -> Controls:
    """Controls for an explicit list of dotted keys."""
    keys = list(keys)
    unknown = [k for k in keys if k not in FIELDS]
    if unknown:
        raise ScenarioError("unknown parameters: " + ", ".join(unknown), [])
    return Controls(scenario, keys, lang)


def differing_keys(current: Mapping[str, Any], reference: Scenario) -> list[str]:
    """Dotted keys whose control value differs from the reference scenario."""
    ref = flatten(reference.to_dict())
    return [k for k, v in current.items() if _typed(FIELDS[k], ref[k]) != v]
