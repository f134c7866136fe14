"""The whole cost of a scenario in one table, and an Excel workbook of every plan table.

:func:`fiscal_rollup` puts the yearly spending of each programme (community venues, village
rooms, basic and performance subsidies, out-of-town training) side by side by county, with
the level of government that pays each row and whether it is new spending or was already
paid before the plan. :func:`rollup_by_year` is the whole-cost table (programmes, new
spending by level, spending already paid). :func:`write_plan_workbook` writes any mix of plan
results and frames to one ``.xlsx`` file, atomically (a temporary file renamed into place).
"""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import Problem, UsageError
from .fileio import atomic_write

PROGRAMMES = (
    "community_venues",
    "village_rooms",
    "basic_subsidy",
    "performance_subsidy",
    "training",
)
"""Programme names of the roll-up, in display order."""

LEVELS = ("city", "county", "township")
"""Levels of government that pay, in display order."""

FUNDING = ("new", "existing")
"""New spending of the plan, or spending already paid before it (and going on)."""

PAYERS = {
    "basic_subsidy": "county",
    "performance_subsidy": "township",
}
"""Who pays as the plan assigns it: "the county (city, district) will coordinate the finance
and issue [the basic subsidy] on a monthly basis"; performance subsidies "are paid by the
township". Training and venues are paid as the scenario sets (``training.paid_by``,
``venues.paid_by``, ``venues.village_paid_by``), read from the results."""

CITY = "city"
"""County id used for spending not split by county (e.g. training without a county split)."""

ROLLUP_COLUMNS = ["year", "county_id", "programme", "level", "funding", "spending_yuan"]


def _default_payer(section: str, key: str) -> str:
    from .scenario import Scenario

    return str(getattr(getattr(Scenario(), section), key))


def _venue_parts(venues: Any) -> list[pd.DataFrame]:
    parts = []
    for attr, name, key in (
        ("spending", "community_venues", "paid_by"),
        ("village_spending", "village_rooms", "village_paid_by"),
    ):
        frame = getattr(venues, attr, None)
        if frame is not None and len(frame):
            level = getattr(venues, key, None) or _default_payer("venues", key)
            parts.append(
                frame.assign(
                    programme=name, level=level, funding="new", spending_yuan=frame["spent_yuan"]
                )
            )
    return parts


def _subsidy_parts(subsidies: Any) -> list[pd.DataFrame]:
    y = subsidies.yearly
    basic = PAYERS["basic_subsidy"]
    # Data made before the split (no basic_existing_yuan) count as new spending.
    existing = y.get("basic_existing_yuan", 0.0)
    return [
        y.assign(
            programme="basic_subsidy",
            level=basic,
            funding="existing",
            spending_yuan=existing,
        ),
        y.assign(
            programme="basic_subsidy",
            level=basic,
            funding="new",
            spending_yuan=y["basic_yuan"] - existing,
        ),
        y.assign(
            programme="performance_subsidy",
            level=PAYERS["performance_subsidy"],
            funding="new",
            spending_yuan=y["performance_paid_yuan"],
        ),
    ]


def _training_part(training: Any) -> pd.DataFrame:
    """Training cost by year, split by county when the plan's seat table allows it."""
    cost = getattr(training, "cost", None)
    if not isinstance(cost, pd.DataFrame) or not {"year", "cost_yuan"} <= set(cost.columns):
        raise UsageError(
            "fiscal_rollup cannot read the training plan",
            [
                Problem(
                    "training",
                    "expected a result with a 'cost' table holding 'year' and "
                    "'cost_yuan' columns, as plan_training returns",
                )
            ],
        )
    level = getattr(training, "paid_by", None) or _default_payer("training", "paid_by")
    seats = getattr(training, "seats", None)
    split = {"month", "county_id", "cost_yuan"}
    if isinstance(seats, pd.DataFrame) and split <= set(seats.columns) and len(cost):
        first_year = int(cost["year"].min())
        by = seats.assign(year=first_year + (seats["month"].astype(int) - 1) // 12)
        by = by.groupby(["year", "county_id"], as_index=False)["cost_yuan"].sum()
        if np.isclose(by["cost_yuan"].sum(), cost["cost_yuan"].sum(), rtol=1e-9, atol=1.0):
            return by.assign(
                programme="training", level=level, funding="new", spending_yuan=by["cost_yuan"]
            )
    return cost.assign(
        county_id=CITY,
        programme="training",
        level=level,
        funding="new",
        spending_yuan=cost["cost_yuan"],
    )


def _order(s: pd.Series) -> pd.Series:
    for names in (PROGRAMMES, LEVELS, FUNDING):
        if s.name in ("programme", "level", "funding") and set(s) <= set(names):
            return s.map({p: i for i, p in enumerate(names)})
    return s


def fiscal_rollup(venues: Any = None, subsidies: Any = None, training: Any = None) -> pd.DataFrame:
    """Yearly spending by county, programme and paying level, new or already paid.

    Parameters
    ----------
    venues : VenuePlan, optional
        From :func:`planning.plan_venues`: community venue and village room spending (stage
        payments in the year the work is done), paid by ``venues.paid_by`` and
        ``venues.village_paid_by``; all new spending.
    subsidies : SubsidyBudget, optional
        From :func:`planning.plan_subsidies`: basic subsidy (paid by the county; what it paid
        before the plan is ``existing``, the rise is ``new``) and performance subsidy (paid by
        the township, new), cash paid in the year.
    training : TrainingPlan, optional
        From :func:`planning.plan_training`: cost of out-of-town training (paid by
        ``training.paid_by``, new), by county when its seat table gives one, else under
        county id ``"city"``.

    Returns
    -------
    DataFrame
        year, county_id, programme, level (``city``, ``county``, ``township``: who pays),
        funding (``new`` or ``existing``), spending_yuan; rows with zero spending are kept so
        that every county shows in every year. ``county_id`` says where the money is spent,
        ``level`` whose budget it comes from. ``attrs["county_names"]`` maps county ids to
        names (from the results given), for charts.

    Examples
    --------
    >>> roll = fiscal_rollup(plan_venues(b, s), plan_subsidies(b, s))
    >>> roll[roll["funding"] == "new"].groupby("level")["spending_yuan"].sum()
    """
    parts: list[pd.DataFrame] = []
    if venues is not None:
        parts += _venue_parts(venues)
    if subsidies is not None:
        parts += _subsidy_parts(subsidies)
    if training is not None:
        parts.append(_training_part(training))
    if not parts:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=t)
                for c, t in zip(
                    ROLLUP_COLUMNS, ("int64", "str", "str", "str", "str", "float64"), strict=True
                )
            }
        )
    keys = ROLLUP_COLUMNS[:-1]
    out = pd.concat([p[ROLLUP_COLUMNS] for p in parts], ignore_index=True)
    out = out.groupby(keys, as_index=False)["spending_yuan"].sum()
    out = out.sort_values(keys, key=_order, kind="stable")
    out["year"] = out["year"].astype("int64")
    out = out.reset_index(drop=True)
    # County names travel with the table, so that charts of it name counties, not ids.
    names = next((getattr(r, "county_names", None) for r in (venues, subsidies, training)
                  if getattr(r, "county_names", None)), None)  # fmt: skip
    if names:
        # A copy, with the names in Chinese when the data give them (planning.data.Names).
        out.attrs["county_names"] = copy.deepcopy(names)
    return out


def rollup_by_year(rollup: pd.DataFrame) -> pd.DataFrame:
    """The whole-cost table: one row per year with a column per programme and
    ``total_yuan``, then the new spending by paying level (``new_city_yuan``,
    ``new_county_yuan``, ``new_township_yuan``), ``new_yuan`` and ``existing_yuan`` (paid
    before the plan and going on).

    Examples
    --------
    >>> rollup_by_year(fiscal_rollup(venues, subsidies, training)).columns.tolist()[-5:]
    ['new_city_yuan', 'new_county_yuan', 'new_township_yuan', 'new_yuan', 'existing_yuan']
    """
    wide = rollup.pivot_table(
        index="year", columns="programme", values="spending_yuan", aggfunc="sum", fill_value=0.0
    )
    wide = wide[[p for p in PROGRAMMES if p in wide.columns]]
    wide["total_yuan"] = wide.sum(axis=1)
    funding = rollup["funding"] if "funding" in rollup else pd.Series("new", index=rollup.index)
    new = rollup[funding == "new"]
    if "level" in rollup:
        by_level = new.pivot_table(
            index="year", columns="level", values="spending_yuan", aggfunc="sum", fill_value=0.0
        )
    else:
        by_level = pd.DataFrame(index=wide.index)
    for level in LEVELS:
        wide[f"new_{level}_yuan"] = by_level.get(level, 0.0)
    wide = wide.fillna(0.0)
    wide["new_yuan"] = new.groupby("year")["spending_yuan"].sum().reindex(wide.index).fillna(0.0)
    wide["existing_yuan"] = wide["total_yuan"] - wide["new_yuan"]
    wide.columns.name = None
    return wide.reset_index()


def new_by_level(rollup: pd.DataFrame) -> dict[str, float]:
    """New spending over every year of the roll-up, by paying level (every level listed).

    >>> new_by_level(fiscal_rollup(venues, subsidies, training))  # doctest: +SKIP
    {'city': 101.6e6, 'county': 149.7e6, 'township': 16.6e6}
    """
    new = rollup[rollup["funding"] == "new"] if "funding" in rollup else rollup
    sums = new.groupby("level")["spending_yuan"].sum() if "level" in new else pd.Series()
    return {level: float(sums.get(level, 0.0)) for level in LEVELS}


def _frames_of(key: str, value: Any) -> tuple[list[tuple[str, pd.DataFrame]], list[dict]]:
    """The DataFrame parts and the scalar facts of one result object (or frame)."""
    if isinstance(value, pd.DataFrame):
        return [(key, value)], []
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        raise UsageError(
            "write_plan_workbook got something it cannot write",
            [
                Problem(
                    key,
                    f"found a {type(value).__name__}; expected a DataFrame or a plan "
                    "result such as VenuePlan, SubsidyBudget or TrainingPlan",
                )
            ],
        )
    frames, facts = [], []
    for f in dataclasses.fields(value):
        v = getattr(value, f.name)
        if isinstance(v, pd.DataFrame):
            frames.append((f"{key}_{f.name}", v))
        elif isinstance(v, str | int | float | bool | np.integer | np.floating | type(None)):
            facts.append({"result": key, "item": f.name, "value": v})
        elif isinstance(v, dict):
            facts += [
                {"result": key, "item": f"{f.name}.{k}", "value": x}
                for k, x in v.items()
                if isinstance(x, str | int | float | bool | np.integer | np.floating)
            ]
    return frames, facts


def _excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells Excel can hold: tuples/lists/dicts as text, time zones dropped."""
    out = frame.copy()
    for c in out.columns:
        s = out[c]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            out[c] = s.dt.tz_localize(None)
        elif s.dtype == object:
            out[c] = s.map(
                lambda x: (
                    ", ".join(map(str, x))
                    if isinstance(x, tuple | list)
                    else (str(x) if isinstance(x, dict | set) else x)
                )
            )
    return out


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31]
    candidate, i = base, 1
    while candidate.lower() in used:
        i += 1
        candidate = f"{base[: 31 - len(str(i)) - 1]}~{i}"
    used.add(candidate.lower())
    return candidate


def write_plan_workbook(path: str | Path, **results: Any) -> Path:
    """Write every table of the given plan results to one Excel workbook, atomically.

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` file to write; its folder must exist. An existing file is replaced only
        once the new one is complete.
    **results
        Named results: plan objects (VenuePlan, SubsidyBudget, TrainingPlan, ...) give one
        sheet per table (``venues_communities``, ...); DataFrames give one sheet each. Scalar
        facts (feasible, met month, ...) go to a ``summary`` sheet.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> write_plan_workbook("plan.xlsx", venues=plan, subsidies=sb, rollup=fiscal_rollup(plan, sb))
    PosixPath('plan.xlsx')
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise UsageError(
            "cannot write the plan workbook", [Problem(str(path), "the folder does not exist")]
        )
    sheets: list[tuple[str, pd.DataFrame]] = []
    facts: list[dict] = []
    for key, value in results.items():
        fr, fa = _frames_of(key, value)
        sheets += fr
        facts += fa
    used: set[str] = set()

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            summary = pd.DataFrame(facts, columns=["result", "item", "value"])
            summary.astype({"value": str}).to_excel(
                xl, sheet_name=_sheet_name("summary", used), index=False
            )
            for name, frame in sheets:
                _excel_safe(frame).to_excel(xl, sheet_name=_sheet_name(name, used), index=False)

    atomic_write(path, write)
    return path
