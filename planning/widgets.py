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

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ipywidgets as w
import traitlets
import yaml

from .errors import ScenarioError
from .i18n import MESSAGES, t
from .scenario import FIELDS, FieldInfo, Scenario, flatten

TEXT_INPUT_ABOVE = 1e7
"""Numeric fields whose upper bound exceeds this get a number box instead of a slider."""

_STYLE = {"description_width": "260px"}
_LAYOUT = {"width": "560px"}


def field_label(f: FieldInfo, lang: str = "en") -> str:
    """The field's label in ``lang`` with its unit, e.g. ``"Exam pass rate (share)"``."""
    key = f"field.{f.key}"
    label = MESSAGES[key][lang] if key in MESSAGES else f.label
    ukey = f"unit.{f.unit}"
    unit = MESSAGES[ukey][lang] if ukey in MESSAGES else f.unit
    return f"{label} ({unit})" if unit else label


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
        self._box = w.BoundedFloatText(
            value=value or 0.0, min=f.ge or 0.0, max=f.le or 1e12, step=f.step or 1.0
        )
        self._none = w.Checkbox(
            value=value is None, description=t("widgets.no_limit", lang), indent=False
        )
        self._box.disabled = value is None
        super().__init__([self._box, self._none], **kw)
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


class MappingText(w.Text):
    """A one-line text of ``key: value`` pairs (or a plain list) parsed as YAML.

    ``value`` stays the text; ``parsed()`` returns the mapping/list or raises ScenarioError.
    """

    def __init__(self, value: Any, f: FieldInfo, **kw: Any):
        self.key = f.key
        self.is_list = isinstance(f.default, tuple | list)
        super().__init__(value=self.format(value), **kw)

    def format(self, value: Any) -> str:
        if self.is_list:
            return ", ".join(f"{x:g}" for x in value)
        return ", ".join(f"{k}: {v:g}" for k, v in dict(value).items())

    def parsed(self) -> Any:
        text = self.value.strip()
        wrapped = f"[{text}]" if self.is_list else "{" + text + "}"
        try:
            data = yaml.safe_load(wrapped)
        except yaml.YAMLError:
            data = None
        ok = isinstance(data, list) if self.is_list else isinstance(data, dict)
        if not ok:
            shape = (
                "numbers separated by commas" if self.is_list else "pairs like 'C01: 0.5, C02: 0.5'"
            )
            raise ScenarioError(
                f"key '{self.key}': cannot read {self.value!r}", []
            ) from ValueError(shape)
        return data


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
        widget = w.Checkbox(value=bool(value), indent=False, description=desc)
    elif ann == float | None:
        widget = OptionalNumber(value, f, lang)
        widget.children = (w.Label(desc, layout=w.Layout(width="260px")), *widget.children)
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
        widget = MappingText(value, f, **common)
    widget.tooltip = tip
    return widget


def _choice_label(f: FieldInfo, value: str, label: str, lang: str) -> str:
    key = f"choice.{f.key}.{value}"
    return MESSAGES[key][lang] if key in MESSAGES else label


def _value_of(widget: w.Widget) -> Any:
    if isinstance(widget, MappingText):
        return widget.parsed()
    return widget.value


class Controls:
    """A set of schema-generated controls for some dotted keys of a scenario.

    Attributes
    ----------
    widgets : dict
        Dotted key -> widget, in schema order.
    box : ipywidgets.VBox
        All controls stacked, ready to display.
    """

    def __init__(self, base: Scenario, keys: Iterable[str], lang: str = "en"):
        self.base = base
        values = flatten(base.to_dict())
        self.widgets: dict[str, w.Widget] = {
            k: control_for(FIELDS[k], _typed(FIELDS[k], values[k]), lang) for k in keys
        }
        self.box = w.VBox(list(self.widgets.values()))

    def values(self) -> dict[str, Any]:
        """Current value of every control by dotted key (raises ScenarioError on bad text)."""
        return {k: _value_of(wd) for k, wd in self.widgets.items()}

    def scenario(self, base: Scenario | None = None) -> Scenario:
        """The base scenario with the controls' values applied and validated."""
        return (base or self.base).with_overrides(self.values(), source="controls")

    def set_values(self, scenario: Scenario) -> None:
        """Move every control to the scenario's value."""
        values = flatten(scenario.to_dict())
        for k, wd in self.widgets.items():
            v = _typed(FIELDS[k], values[k])
            if isinstance(wd, MappingText):
                wd.value = wd.format(v)
            else:
                wd.value = v

    def observe(self, callback: Callable[[str, Any], None]) -> None:
        """Call ``callback(key, new_value)`` whenever a control changes."""
        for k, wd in self.widgets.items():
            wd.observe(lambda ch, k=k: callback(k, ch["new"]), names="value")


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
