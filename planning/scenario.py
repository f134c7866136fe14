"""One schema for every parameter of a scenario.

A scenario is an immutable, validated :class:`Scenario` made of nested sections
(``talent``, ``training``, ``venues``, ``subsidies``, ``targets``, ``run``). Each field
carries its default, bounds, slider step, unit, label and help text; the sliders, the YAML
file format, papermill parameter checks, the briefing's parameter table and the error
messages are all generated from here.

Months inside the plan are counted from 1 = January of ``run.start_year``; month 36 is the
end of the third year.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .errors import Problem, ScenarioError
from .limits import (
    MAX_ID_LENGTH,
    MAX_SCENARIO_DEPTH,
    MAX_SCENARIO_DESCRIPTION_LENGTH,
    MAX_SCENARIO_FILE_BYTES,
    MAX_SCENARIO_NAME_LENGTH,
    MAX_SCENARIO_TITLE_LENGTH,
    size_text,
)
from .paths import SCENARIO_DIR

if TYPE_CHECKING:
    from .data import Baseline

# --------------------------------------------------------------------------- field helper


def F(
    default: Any,
    *,
    label: str,
    unit: str = "",
    help: str,
    ge: float | None = None,
    le: float | None = None,
    step: float | None = None,
    choices: Mapping[str, str] | None = None,
) -> Any:
    """A schema field with the metadata the UI, files and briefings need.

    ``choices`` maps each allowed value of a text field to its plain-words label.
    """
    extra: dict[str, Any] = {"unit": unit}
    if step is not None:
        extra["step"] = step
    if choices is not None:
        extra["choices"] = dict(choices)
    return Field(default, ge=ge, le=le, title=label, description=help, json_schema_extra=extra)


class Section(BaseModel):
    """Base of every scenario section: immutable, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


# --------------------------------------------------------------------------- rules


def rule(detail: str, *, key: str | None = None, entry: Any = None, near: str = "") -> Exception:
    """A validation error with a plain-words ``detail`` about one scenario key.

    ``key`` names the dotted key when the rule sits on a section or on the whole scenario
    (a field's own validator leaves it out); ``entry`` names one entry of a mapping or list
    (a county id, a list index), so that the message points at that entry's line; ``near``
    is a comma-separated list of other keys whose line may be shown instead.
    """
    ctx: dict[str, Any] = {"detail": detail, "near": near}
    if key is not None:
        ctx["key"] = key
    if entry is not None:
        ctx["entry"] = str(entry)
    return PydanticCustomError("scenario_rule", "{detail}", ctx)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _shown(text: str) -> str:
    """Text safe to print: control characters as ``\\xNN``, cut after 40 characters."""
    text = text if len(text) <= 40 else text[:37] + "..."
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def check_ids(mapping: Mapping[str, Any], what: str) -> None:
    """Every key of a county- or base-keyed mapping is a plausible id (the data decide which)."""
    for k in mapping:
        if not k.strip() or len(k) > MAX_ID_LENGTH or _CONTROL.search(k):
            raise rule(
                f"found the {what} '{_shown(k)}'; expected an id of 1 to {MAX_ID_LENGTH} "
                "characters without control characters",
                entry=k,
            )


def check_numbers(mapping: Mapping[Any, float], lo: float, hi: float, unit: str) -> None:
    """Every value of a mapping is a finite number between ``lo`` and ``hi``."""
    for k, v in mapping.items():
        if not (math.isfinite(v) and lo <= v <= hi):
            raise rule(
                f"'{_shown(str(k))}' is {_num(v)}; expected a {unit} between {_num(lo)} and "
                f"{_num(hi)}",
                entry=k,
            )


def _num(x: float) -> str:
    """A number as a planner writes it: 1,000,000, 0.25, 1e+308, nan."""
    if math.isfinite(x) and float(x).is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:g}"


MAX_COUNTY_WEIGHT = 1_000_000
"""Largest relative weight of one county (weights are relative; no more range is needed)."""

MAX_EXTRA_CLASSES = 1_000
"""Most extra classes bought at one base in one year."""

EXTRA_CLASS_KEY = re.compile(r"(?P<base>[^:]+):(?P<year>[0-9]{4})")
"""``BASE:YEAR`` with an ASCII four-digit year ('B1:²' and 'B1:２０１５' are refused)."""


def pool_values(
    cls_name: str, doc: str, defaults: dict[str, float], *, short: str, **kw: Any
) -> type[Section]:
    """Make a section of one number per pool; the three fields share bounds, unit and step.

    ``short`` names the quantity in each label, e.g. ``"Intake"`` gives
    ``"Intake: college-graduate officials"``.
    """
    labels = {
        "cgvo": f"{short}: college-graduate officials",
        "returnee": f"{short}: returning migrant workers and business people",
        "leader": f"{short}: local leaders in getting rich",
    }
    ann = {p: float for p in labels}
    ns: dict[str, Any] = {"__annotations__": ann, "__doc__": doc}
    for p, lab in labels.items():
        ns[p] = F(defaults[p], label=lab, help=f"{doc}.", **kw)
    return type(cls_name, (Section,), ns)


IntakePerYear = pool_values(
    "IntakePerYear",
    "New pool members recruited per year, city total, in the first plan year",
    {"cgvo": 280, "returnee": 1600, "leader": 1500},
    short="Intake",
    unit="persons per year",
    ge=0,
    le=20000,
    step=10,
)
AttritionRate = pool_values(
    "AttritionRate",
    "Share of pool members who leave the pool per year (moving away, losing interest)",
    {"cgvo": 0.06, "returnee": 0.12, "leader": 0.08},
    short="Attrition",
    unit="share per year",
    ge=0,
    le=0.9,
    step=0.01,
)
AttritionSpread = pool_values(
    "AttritionSpread",
    "Uncertainty of the yearly attrition rate: standard deviation, in share points",
    {"cgvo": 0.01, "returnee": 0.03, "leader": 0.02},
    short="Attrition uncertainty",
    unit="share points",
    ge=0,
    le=0.3,
    step=0.005,
)
AppointmentShare = pool_values(
    "AppointmentShare",
    "Share of the village cadre vacancies filled from pools that goes to each pool (the "
    "three are scaled to sum to 1 when they do not)",
    {"cgvo": 0.25, "returnee": 0.375, "leader": 0.375},
    short="Appointments",
    unit="share",
    ge=0,
    le=1,
    step=0.025,
)
DegreeShare = pool_values(
    "DegreeShare",
    "Share of members appointed from each pool who hold a junior-college degree or above",
    {"cgvo": 1.0, "returnee": 0.35, "leader": 0.25},
    short="Degree holders",
    unit="share",
    ge=0,
    le=1,
    step=0.05,
)


KIND_LABELS = {
    "district": "urban districts",
    "city": "county-level cities",
    "county": "counties",
}
"""Kinds of county-level unit (``counties.kind``) as a label names them."""


def kind_values(
    cls_name: str, doc: str, defaults: dict[str, float], *, short: str, help: str, **kw: Any
) -> type[Section]:
    """Make a section of one number per kind of county-level unit (district, county-level
    city, county); the three fields share bounds, unit and step."""
    ann = dict.fromkeys(KIND_LABELS, float)
    ns: dict[str, Any] = {"__annotations__": ann, "__doc__": doc}
    for k, words in KIND_LABELS.items():
        ns[k] = F(defaults[k], label=f"{short}: {words}", help=help, **kw)
    return type(cls_name, (Section,), ns)


LandPrice = kind_values(
    "LandPrice",
    "Price of the land a new venue building needs, per m2 of floor area, by kind of county",
    {"district": 1500, "city": 0, "county": 0},
    short="Land price",
    help="Land for a new community venue building, per m2 of floor area built, in counties of "
    "this kind. An assumption: the default prices land in urban districts only; in county-level "
    "cities and counties land for a public venue is taken as allotted at no charge.",
    unit="yuan per m2",
    ge=0,
    le=100_000,
    step=100,
)

PAYERS = {
    "city": "the city",
    "county": "the county (city, district)",
    "township": "the township",
}
"""Levels of government that pay a programme, with their plain-words labels."""


# --------------------------------------------------------------------------- sections


class Talent(Section):
    """Reserve-talent pools, village cadre appointments, degrees and social workers."""

    intake_per_year: IntakePerYear = IntakePerYear()  # type: ignore[valid-type]
    intake_ramp: float = F(
        0.0,
        label="Yearly intake growth",
        unit="share per year",
        help="Intake grows by this share each year after the first (0.1 = +10 % a year).",
        ge=-0.5,
        le=1.0,
        step=0.05,
    )
    intake_split: Literal["villages", "population", "weights"] = F(
        "villages",
        label="Split of intake across counties",
        help="How the city's intake is shared among counties.",
        choices={
            "villages": "by number of villages",
            "population": "by rural population",
            "weights": "by fixed county weights",
        },
    )
    county_weights: dict[str, float] = F(
        {},
        label="County weights",
        unit="relative weight",
        help="Weight per county id when the split is 'weights'; counties not listed get 0.",
    )
    intake_fill_rate: float = F(
        1.0,
        label="Intake fill rate",
        unit="share",
        help="Share of the planned intake actually recruited.",
        ge=0,
        le=1.5,
        step=0.05,
    )
    fill_rate_spread: float = F(
        0.08,
        label="Fill rate uncertainty",
        unit="share points",
        help="Standard deviation of the fill rate in the Monte Carlo.",
        ge=0,
        le=0.5,
        step=0.01,
    )
    cgvo_intake_month: int = F(
        8,
        label="Officials' arrival month",
        unit="month of year",
        help="Calendar month in which each year's college-graduate officials arrive.",
        ge=1,
        le=12,
        step=1,
    )
    returnee_spring_share: float = F(
        0.6,
        label="Returning migrant workers joining at Spring Festival",
        unit="share",
        help="Share of returning migrant workers and business people who join in January-March "
        "(around Spring Festival); the rest join evenly over April-December.",
        ge=0,
        le=1,
        step=0.05,
    )
    attrition_rate: AttritionRate = AttritionRate()  # type: ignore[valid-type]
    attrition_spread: AttritionSpread = AttritionSpread()  # type: ignore[valid-type]
    contract_years: int = F(
        3,
        label="Officials' contract length",
        unit="years",
        help="Length of a college-graduate village official's contract.",
        ge=1,
        le=6,
        step=1,
    )
    renewal_share: float = F(
        0.6,
        label="Officials staying on at contract end",
        unit="share",
        help="Share of officials who stay on when their contract expires.",
        ge=0,
        le=1,
        step=0.05,
    )
    renewal_spread: float = F(
        0.08,
        label="Renewal uncertainty",
        unit="share points",
        help="Standard deviation of the renewal share in the Monte Carlo.",
        ge=0,
        le=0.5,
        step=0.01,
    )
    promotion_mode: Literal["count", "share"] = F(
        "count",
        label="Promotion rule",
        help="Promote a fixed number of officials each year, or a share of those in post.",
        choices={"count": "a fixed number per year", "share": "a share of officials in post"},
    )
    promotion_count: int = F(
        40,
        label="Officials promoted per year",
        unit="persons per year",
        help="College-graduate officials selected into township posts each year (city total).",
        ge=0,
        le=2000,
        step=5,
    )
    promotion_share: float = F(
        0.05,
        label="Share of officials promoted per year",
        unit="share per year",
        help="Used when the promotion rule is 'share'.",
        ge=0,
        le=0.5,
        step=0.01,
    )
    promotion_month: int = F(
        9,
        label="Promotion month",
        unit="month of year",
        help="Calendar month in which the yearly promotions take effect.",
        ge=1,
        le=12,
        step=1,
    )
    cadre_turnover_rate: float = F(
        0.05,
        label="Village cadre turnover",
        unit="share per year",
        help="Share of village cadres leaving their posts in a normal year.",
        ge=0,
        le=0.5,
        step=0.01,
    )
    election_month: int = F(
        10,
        label="Election month",
        unit="plan month",
        help="Plan month of the village committee and branch elections (10 = October of year 1).",
        ge=1,
        le=120,
        step=1,
    )
    election_term_years: int = F(
        3,
        label="Term length",
        unit="years",
        help="Years between elections (3 until 2018, then 5).",
        ge=1,
        le=5,
        step=1,
    )
    election_replacement_share: float = F(
        0.2,
        label="Cadres replaced at an election",
        unit="share",
        help="Share of village cadres who change at an election.",
        ge=0,
        le=1,
        step=0.05,
    )
    vacancies_from_pools: float = F(
        0.4,
        label="Vacancies filled from the pools",
        unit="share",
        help="Share of village cadre vacancies filled by appointing reserve-pool members.",
        ge=0,
        le=1,
        step=0.05,
    )
    appointment_share: AppointmentShare = AppointmentShare()  # type: ignore[valid-type]
    degree_share: DegreeShare = DegreeShare()  # type: ignore[valid-type]
    other_recruit_degree_share: float = F(
        0.3,
        label="Degree share of other new cadres",
        unit="share",
        help="Share of new cadres not from the pools who hold a college degree.",
        ge=0,
        le=1,
        step=0.05,
    )
    young_share_new_cadres: float = F(
        0.45,
        label="Young share of other new cadres",
        unit="share",
        help="Share of new village cadres aged at or below the young-cadre limit, for those "
        "appointed from the pools of returning migrant workers and business people and of local "
        "leaders in getting rich, or from outside the pools (officials "
        "are all young).",
        ge=0,
        le=1,
        step=0.05,
    )
    new_cadre_age: int = F(
        30,
        label="Age of young new cadres",
        unit="years",
        help="Age at appointment assumed for new village cadres who count as young (at most "
        "the young-cadre age limit).",
        ge=18,
        le=45,
        step=1,
    )
    upgrade_start_month: int = F(
        9,
        label="Degree-upgrade enrolment month",
        unit="month of year",
        help="Calendar month in which each year's degree-upgrade students enrol.",
        ge=1,
        le=12,
        step=1,
    )
    upgrade_seats_per_year: int = F(
        300,
        label="Degree-upgrade seats",
        unit="seats per year",
        help="Places per year in the degree-upgrade programme for young cadres without a degree.",
        ge=0,
        le=5000,
        step=10,
    )
    upgrade_years: float = F(
        2.0,
        label="Degree-upgrade length",
        unit="years",
        help="Years from enrolment to a junior-college degree.",
        ge=0.5,
        le=5,
        step=0.5,
    )
    young_age_limit: int = F(
        35,
        label="Young cadre age limit",
        unit="years",
        help="Cadres at or below this age count as young.",
        ge=25,
        le=45,
        step=1,
    )
    exam_month: int = F(
        6,
        label="Social-work exam month",
        unit="month of year",
        help="Calendar month of the national social-work qualification exam.",
        ge=1,
        le=12,
        step=1,
    )
    exam_candidates_per_community: float = F(
        2.0,
        label="Exam candidates per community",
        unit="persons per year",
        help="Candidates each community without a certified social worker sends to the exam.",
        ge=0,
        le=20,
        step=0.5,
    )
    exam_pass_rate: float = F(
        0.22,
        label="Exam pass rate",
        unit="share",
        help="Share of candidates who pass the social-work exam.",
        ge=0,
        le=1,
        step=0.01,
    )
    social_worker_leaving_rate: float = F(
        0.08,
        label="Social workers leaving",
        unit="share per year",
        help="Share of certified social workers who leave their community each year.",
        ge=0,
        le=0.9,
        step=0.01,
    )

    @field_validator("county_weights")
    @classmethod
    def _check_weights(cls, weights: dict[str, float]) -> dict[str, float]:
        check_ids(weights, "county id")
        check_numbers(weights, 0, MAX_COUNTY_WEIGHT, "weight")
        return weights

    @model_validator(mode="after")
    def _check_split(self) -> Talent:
        if self.intake_split == "weights" and not any(w > 0 for w in self.county_weights.values()):
            raise rule(
                "intake_split is 'weights' but no county has a positive weight; give at "
                "least one county a weight above 0 (e.g. {C01: 1})",
                key="talent.county_weights",
                near="talent.intake_split",
            )
        return self


class Training(Section):
    """Out-of-town training rotation for village secretaries."""

    deadline_month: int = F(
        36,
        label="Deadline for current secretaries",
        unit="plan month",
        help="Plan month by which every secretary in post at plan start is trained out of town.",
        ge=1,
        le=120,
        step=1,
    )
    new_secretary_window_months: int = F(
        12,
        label="Window for new secretaries",
        unit="months",
        help="Months after taking office within which a new secretary is trained.",
        ge=1,
        le=36,
        step=1,
    )
    yearly_churn: float = F(
        0.05,
        label="Secretary turnover outside elections",
        unit="share per year",
        help="Share of secretaries replaced in a normal year.",
        ge=0,
        le=0.5,
        step=0.01,
    )
    election_month: int = F(
        10,
        label="Election month",
        unit="plan month",
        help="Plan month of the branch elections (10 = October of year 1).",
        ge=1,
        le=120,
        step=1,
    )
    election_term_years: int = F(
        3,
        label="Term length",
        unit="years",
        help="Years between elections.",
        ge=1,
        le=5,
        step=1,
    )
    election_replacement_share: float = F(
        0.2,
        label="Secretaries replaced at an election",
        unit="share",
        help="Share of secretaries who change at an election.",
        ge=0,
        le=1,
        step=0.05,
    )
    absence_cap_share: float = F(
        0.10,
        label="Most secretaries away at once",
        unit="share of a county's secretaries",
        help="Largest share of a county's secretaries who may be away training in one month.",
        ge=0.01,
        le=1,
        step=0.01,
    )
    blackout_below: float = F(
        0.25,
        label="Blackout threshold",
        unit="availability share",
        help="Months whose farm-calendar availability is below this allow no class.",
        ge=0,
        le=1,
        step=0.05,
    )
    classes_per_month_scale: float = F(
        1.0,
        label="Class capacity multiplier",
        unit="x",
        help="Multiplies every base's most classes per month (2 = twice as many).",
        ge=0,
        le=10,
        step=0.1,
    )
    paid_by: Literal["city", "county", "township"] = F(
        "city",
        label="Training paid by",
        help="Level of government whose budget pays the out-of-town training. An assumption "
        "(the plan names no payer): the city's organisation department runs the special course.",
        choices=PAYERS,
    )
    yearly_budget_yuan: float | None = F(
        None,
        label="Yearly training budget",
        unit="yuan per year",
        help="Most spent on training per year, by the level that pays it; empty = no limit.",
        ge=0,
        le=1e10,
        step=100000,
    )
    include_in_town_bases: bool = F(
        False,
        label="Count in-town courses",
        help="Also use bases whose courses are not out of town (they do not meet the target).",
    )
    roster_priority: Literal["key_then_tenure", "tenure", "village"] = F(
        "key_then_tenure",
        label="Roster order",
        help="Who is trained first.",
        choices={
            "key_then_tenure": "key secretaries, then longest-serving",
            "tenure": "longest-serving first",
            "village": "by village id",
        },
    )
    cap_follows_calendar: bool = F(
        False,
        label="Absence cap follows the farm calendar",
        help=(
            "Off: at most the smaller of the cap and the month's availability may be away. "
            "On (stricter): the cap is scaled by availability (10 % x 0.6 = 6 % in January)."
        ),
    )
    who_must_be_trained: Literal["holders", "cohort"] = F(
        "holders",
        label="Who must be trained by the deadline",
        help=(
            "Holders: whoever holds the post during the plan; a secretary in post at plan "
            "start who leaves office before his class frees the seat. Cohort: every "
            "secretary in post at plan start, even one who has left."
        ),
        choices={
            "holders": "whoever holds the post during the plan",
            "cohort": "everyone in post at plan start",
        },
    )
    min_class_size: int = F(
        0,
        label="Least trainees in a class",
        unit="trainees per class",
        help=(
            "A smaller class is not held; the same minimum at every base. 0 = each base's "
            "own minimum (training_bases.min_class_size, 30 where not given)."
        ),
        ge=0,
        le=200,
        step=1,
    )
    festival_days_before: int = F(
        7,
        label="Spring Festival break: days before",
        unit="days",
        help=(
            "No class runs from this many days before the Spring Festival (lunar new year) "
            "to the end of the break."
        ),
        ge=0,
        le=30,
        step=1,
    )
    festival_days_after: int = F(
        6,
        label="Spring Festival break: days after",
        unit="days",
        help=(
            "No class runs until this many days after the Spring Festival have passed "
            "(7 before and 6 after: the fortnight, 14 days)."
        ),
        ge=0,
        le=30,
        step=1,
    )
    extra_classes: dict[str, int] = F(
        {},
        label="Extra classes",
        unit="classes per year",
        help=(
            "Classes bought beyond a base's monthly limit, keyed 'BASE:YEAR' "
            "(e.g. {'B2:2015': 4}); they run in the base's allowed months of that year."
        ),
    )

    @field_validator("extra_classes")
    @classmethod
    def _check_extra_classes(cls, extra: dict[str, int]) -> dict[str, int]:
        for key in extra:
            m = EXTRA_CLASS_KEY.fullmatch(key)
            if m is None or len(m["base"]) > MAX_ID_LENGTH or _CONTROL.search(m["base"]):
                raise rule(
                    f"found the key '{_shown(key)}'; expected 'BASE:YEAR', a base id and a "
                    "four-digit year such as 'B2:2015'",
                    entry=key,
                )
        check_numbers(extra, 0, MAX_EXTRA_CLASSES, "whole number of classes")
        return extra


class Venues(Section):
    """Community venue tiers and village activity rooms."""

    deadline_month: int = F(
        36,
        label="Venue deadline",
        unit="plan month",
        help="Plan month by which the tier mix and ownership targets must be met.",
        ge=1,
        le=120,
        step=1,
    )
    demonstration_share_min: float = F(
        0.40,
        label="Demonstration communities at least",
        unit="share",
        help="Least share of communities at the demonstration tier.",
        ge=0,
        le=1,
        step=0.05,
    )
    quality_or_better_share_min: float = F(
        0.70,
        label="Quality or better at least",
        unit="share",
        help="Least share of communities at the quality tier or above.",
        ge=0,
        le=1,
        step=0.05,
    )
    require_owned: bool = F(
        True,
        label="Every venue owned",
        help="Rented venues must be bought (or replaced by a new building).",
    )
    land_yuan_per_m2: LandPrice = LandPrice()  # type: ignore[valid-type]
    paid_by: Literal["city", "county", "township"] = F(
        "city",
        label="Community venues paid by",
        help="Level of government whose budget pays the community venue projects. An "
        "assumption (the plan names no payer).",
        choices=PAYERS,
    )
    yearly_budget_yuan: float = F(
        24_000_000,
        label="Yearly venue budget",
        unit="yuan per year",
        help="Most spent on community venues per year, by the level that pays them.",
        ge=0,
        le=1e10,
        step=500_000,
    )
    county_budget_shares: dict[str, float] = F(
        {},
        label="County budget shares",
        unit="share",
        help="Optional share of the yearly budget reserved for each county id; empty = one city pot.",
    )
    season_start_month: int = F(
        5,
        label="Building season starts",
        unit="month of year",
        help="First calendar month in which building work can start (frozen ground before).",
        ge=1,
        le=12,
        step=1,
    )
    season_end_month: int = F(
        10,
        label="Building season ends",
        unit="month of year",
        help="Last calendar month of building work.",
        ge=1,
        le=12,
        step=1,
    )
    project_months: int = F(
        3,
        label="Project length",
        unit="months",
        help="Months of building season one venue project takes.",
        ge=1,
        le=12,
        step=1,
    )
    max_concurrent_per_county: int = F(
        4,
        label="Projects at once per county",
        unit="projects",
        help="Most venue projects one county runs at the same time.",
        ge=1,
        le=100,
        step=1,
    )
    priority: Literal["households", "cheapest", "worst"] = F(
        "households",
        label="Build order",
        help="Which communities are built first.",
        choices={
            "households": "biggest communities first",
            "cheapest": "cheapest projects first",
            "worst": "worst venues first",
        },
    )
    village_deadline_month: int = F(
        36,
        label="Village room deadline",
        unit="plan month",
        help="Plan month by which every village room meets the village standard.",
        ge=1,
        le=120,
        step=1,
    )
    village_paid_by: Literal["city", "county", "township"] = F(
        "county",
        label="Village rooms paid by",
        help="Level of government whose budget pays the village activity room projects. An "
        "assumption (the plan names no payer).",
        choices=PAYERS,
    )
    village_yearly_budget_yuan: float = F(
        40_000_000,
        label="Yearly village room budget",
        unit="yuan per year",
        help="Most spent per year on bringing village rooms up to standard, by the level that "
        "pays them.",
        ge=0,
        le=1e10,
        step=500_000,
    )
    village_project_months: int = F(
        2,
        label="Village room project length",
        unit="months",
        help="Months of building season one village room project takes.",
        ge=1,
        le=12,
        step=1,
    )
    village_max_concurrent_per_county: int = F(
        30,
        label="Village room projects at once per county",
        unit="projects",
        help="Most village room projects one county runs at the same time.",
        ge=1,
        le=1000,
        step=1,
    )

    @field_validator("county_budget_shares")
    @classmethod
    def _check_county_shares(cls, shares: dict[str, float]) -> dict[str, float]:
        check_ids(shares, "county id")
        check_numbers(shares, 0, 1, "share")
        total = sum(shares.values())
        if total > 1 + 1e-9:
            raise rule(f"county_budget_shares must sum to at most 1; found {total:g}")
        return shares


class Subsidies(Section):
    """Village secretaries' basic and performance pay."""

    income_multiplier: float = F(
        1.0,
        label="Basic pay vs rural income",
        unit="x income per capita",
        help="Basic pay per secretary as a multiple of the county's prior-year rural "
        "income per capita. The plan asks for at least 1; below 1 the rule can fail.",
        ge=0.5,
        le=4.0,
        step=0.1,
    )
    income_growth_source: Literal["scenario", "county"] = F(
        "scenario",
        label="Income growth from",
        help="Grow rural income by the yearly rates below, or by each county's own recent rate.",
        choices={"scenario": "the yearly rates below", "county": "each county's own rate"},
    )
    income_growth_by_year: tuple[float, ...] = F(
        (0.11, 0.07, 0.06, 0.06, 0.06),
        label="Rural income growth by year",
        unit="share per year",
        help="Growth of rural income per capita in each plan year (first = year 1).",
    )
    grade_shares: dict[str, float] = F(
        {"excellent": 0.2, "good": 0.5, "pass": 0.25, "fail": 0.05},
        label="Assessment grade shares",
        unit="share",
        help="Share of secretaries in each year-end assessment grade; sums to 1.",
    )
    grade_bonus: dict[str, float] = F(
        {"excellent": 0.5, "good": 0.3, "pass": 0.1, "fail": 0.0},
        label="Performance pay by grade",
        unit="share of basic",
        help="Performance pay as a share of the yearly basic pay, by grade (0-0.5).",
    )
    performance_pay_month: int = F(
        1,
        label="Performance pay month",
        unit="month of year",
        help="Calendar month after the year end in which the township pays the performance pay.",
        ge=1,
        le=12,
        step=1,
    )

    @field_validator("grade_shares")
    @classmethod
    def _check_grade_shares(cls, shares: dict[str, float]) -> dict[str, float]:
        # Each share on its own first: NaN or 2.0 and -1.0 can sum to 1.
        check_ids(shares, "grade")
        check_numbers(shares, 0, 1, "share")
        total = sum(shares.values())
        if abs(total - 1.0) > 1e-6:
            raise rule(f"grade_shares must sum to 1; found {total:g}")
        return shares

    @field_validator("grade_bonus")
    @classmethod
    def _check_grade_bonus(cls, bonus: dict[str, float]) -> dict[str, float]:
        check_ids(bonus, "grade")
        check_numbers(bonus, 0, 1, "share of the basic pay")
        return bonus

    @field_validator("income_growth_by_year")
    @classmethod
    def _check_growth(cls, rates: tuple[float, ...]) -> tuple[float, ...]:
        if not rates:
            raise rule("found an empty list; expected one growth rate per plan year or fewer")
        if len(rates) > 100:
            raise rule(f"found {len(rates)} rates; expected at most 100, one per plan year")
        for i, r in enumerate(rates):
            if not (math.isfinite(r) and -0.5 <= r <= 1):
                raise rule(f"year {i + 1} has {r:g}; expected a share between -0.5 and 1", entry=i)
        return rates

    @model_validator(mode="after")
    def _check_grades(self) -> Subsidies:
        if set(self.grade_shares) != set(self.grade_bonus):
            raise rule(
                "grade_shares and grade_bonus must name the same grades; found "
                f"{', '.join(map(_shown, self.grade_shares))} and "
                f"{', '.join(map(_shown, self.grade_bonus))}",
                key="subsidies.grade_bonus",
                near="subsidies.grade_shares",
            )
        return self


class PromotionsPerYear(Section):
    """Promotions planned each year through the channels the plan names for township and
    village Party secretaries: assumed planned counts, not modelled (the returns of the
    progress ledger do not report them yet)."""

    township_to_county: int = F(
        3,
        label="Township secretaries promoted to county posts",
        unit="persons per year",
        help="Township Party committee secretaries promoted each year to deputy posts in the "
        "county Party committee or government, or given deputy-county treatment (city total). "
        "An assumed planned count; the plan names the channel, not a number.",
        ge=0,
        le=500,
        step=1,
    )
    village_to_township: int = F(
        15,
        label="Village secretaries into township teams or public posts",
        unit="persons per year",
        help="Village (community) Party secretaries selected each year into township "
        "(street) teams, the civil service or public-service posts (city total). An assumed "
        "planned count.",
        ge=0,
        le=2000,
        step=1,
    )
    village_to_deputy_township: int = F(
        3,
        label="Village secretaries promoted to deputy township posts",
        unit="persons per year",
        help="Particularly outstanding village (community) Party secretaries promoted each "
        "year to deputy township (street) posts or managed as deputy section-level cadres "
        "(city total). An assumed planned count.",
        ge=0,
        le=500,
        step=1,
    )


class Targets(Section):
    """Thresholds and deadlines of the plan's targets (the target register)."""

    talent_total_min: int = F(
        10000,
        label="Reserve talents, more than",
        unit="persons",
        help="The three pools together must exceed this number.",
        ge=0,
        le=200000,
        step=100,
    )
    talent_deadline_month: int = F(
        36,
        label="Reserve talent deadline",
        unit="plan month",
        help="Plan month by which the pools must exceed the target.",
        ge=1,
        le=120,
        step=1,
    )
    degree_share_min: float = F(
        1.0,
        label="Young cadres with a degree",
        unit="share",
        help="Share of young village cadres who hold a junior-college degree or above.",
        ge=0,
        le=1,
        step=0.01,
    )
    degree_deadline_month: int = F(
        60,
        label="Degree deadline",
        unit="plan month",
        help="Plan month by which the degree share must be reached.",
        ge=1,
        le=120,
        step=1,
    )
    socwork_share_min: float = F(
        1.0,
        label="Communities with a social worker",
        unit="share",
        help="Share of communities with at least one certified social worker.",
        ge=0,
        le=1,
        step=0.01,
    )
    socwork_deadline_month: int = F(
        60,
        label="Social worker deadline",
        unit="plan month",
        help="Plan month by which every community has a certified social worker.",
        ge=1,
        le=120,
        step=1,
    )
    key_share: float = F(
        1 / 3,
        label="Key secretaries under target management",
        unit="share",
        help="About this share of secretaries, village secretaries (selected by the counties) "
        "and township secretaries (selected by the city) alike, are managed as key "
        "secretaries.",
        ge=0,
        le=1,
        step=0.01,
    )
    satisfaction_min: float = F(
        0.90,
        label="Satisfaction, over",
        unit="share",
        help="Residents' satisfaction rate the plan aims to exceed.",
        ge=0,
        le=1,
        step=0.01,
    )
    satisfaction_change_per_year: float = F(
        0.0,
        label="Assumed yearly change of satisfaction",
        unit="share points per year",
        help="An assumption, not a model: both surveyed satisfaction rates move by this many "
        "share points a year in every county, from the survey to the deadline (0 = as surveyed).",
        ge=-0.1,
        le=0.1,
        step=0.005,
    )
    satisfaction_change_by_county: dict[str, float] = F(
        {},
        label="Assumed yearly change of satisfaction by county",
        unit="share points per year",
        help="An assumption per county id, replacing the city-wide assumed change for the "
        "counties listed.",
    )
    promotions_per_year: PromotionsPerYear = PromotionsPerYear()
    at_risk_probability: float = F(
        0.8,
        label="At-risk probability",
        unit="share",
        help="A target met in the central case but with a lower probability than this is at risk.",
        ge=0.5,
        le=0.99,
        step=0.01,
    )

    @field_validator("satisfaction_change_by_county")
    @classmethod
    def _check_satisfaction_change(cls, changes: dict[str, float]) -> dict[str, float]:
        check_ids(changes, "county id")
        check_numbers(changes, -0.1, 0.1, "change in share points per year")
        return changes


QUOTA_TARGETS = {
    "talent": "reserve talents",
    "trained": "secretaries trained",
    "community_venues": "community venue projects",
    "village_rooms": "village room projects",
    "socwork": "communities with a social worker",
    "paired": "agency cadres paired",
    "basic_pay": "basic pay paid",
}
"""Targets of the register split into county quotas (``assessment``), as labels name them."""

QUOTA_RULES = {
    "villages": "in proportion to villages",
    "communities": "in proportion to communities",
    "population": "in proportion to population",
    "plan": "in proportion to the plan's own county forecast at the deadline",
    "table": "as set in the county_quotas table",
}
"""How a city target is split into county quotas."""


def target_values(
    cls_name: str, doc: str, defaults: dict[str, Any], *, short: str, help: str, **kw: Any
) -> type[Section]:
    """Make a section of one field per target split into county quotas (:data:`QUOTA_TARGETS`);
    the fields share type, bounds, unit and choices."""
    kind = type(next(iter(defaults.values())))
    if "choices" in kw:
        kind = Literal[tuple(kw["choices"])]  # type: ignore[assignment,misc]
    ann = dict.fromkeys(QUOTA_TARGETS, kind)
    ns: dict[str, Any] = {"__annotations__": ann, "__doc__": doc}
    for k, words in QUOTA_TARGETS.items():
        ns[k] = F(defaults[k], label=f"{short}: {words}", help=help, **kw)
    return type(cls_name, (Section,), ns)


QuotaRule = target_values(
    "QuotaRule",
    "How each city target is split into county quotas",
    {
        "talent": "villages",
        "trained": "villages",
        "community_venues": "plan",
        "village_rooms": "plan",
        "socwork": "communities",
        "paired": "plan",
        "basic_pay": "plan",
    },
    short="Quota rule",
    help="How the city target is split into integer county quotas that add up to it (largest "
    "remainders): in proportion to each county's villages, communities or population, to the "
    "plan's own county forecast at the deadline, or as written in the data's county_quotas table.",
    choices=QUOTA_RULES,
)
ScoreWeight = target_values(
    "ScoreWeight",
    "Weight of each target in a county's assessment score",
    {
        "talent": 30.0,
        "trained": 20.0,
        "community_venues": 10.0,
        "village_rooms": 10.0,
        "socwork": 10.0,
        "paired": 10.0,
        "basic_pay": 10.0,
    },
    short="Score weight",
    help="Relative weight of the target in the county's score (weighted attainment of the "
    "quota due to date); 0 leaves it out of the score.",
    unit="relative weight",
    ge=0,
    le=100,
    step=1,
)


class Assessment(Section):
    """County accountability (the plan's Part V): county quotas, the league table and the
    year-end grades. See docs/accountability.md."""

    quota_rule: QuotaRule = QuotaRule()  # type: ignore[valid-type]
    weight: ScoreWeight = ScoreWeight()  # type: ignore[valid-type]
    attainment_cap: float = F(
        1.2,
        label="Attainment counted up to",
        unit="x",
        help="A county's attainment of a quota due to date counts in its score up to this "
        "multiple, so that overshooting one target cannot hide another's shortfall.",
        ge=1,
        le=2,
        step=0.05,
    )
    excellent_min: float = F(
        95,
        label="Score for excellent, at least",
        unit="points",
        help="Least score (0-100) graded excellent (优秀), within the share limit.",
        ge=0,
        le=120,
        step=1,
    )
    competent_min: float = F(
        85,
        label="Score for competent, at least",
        unit="points",
        help="Least score graded competent (称职).",
        ge=0,
        le=120,
        step=1,
    )
    basic_min: float = F(
        70,
        label="Score for basically competent, at least",
        unit="points",
        help="Least score graded basically competent (基本称职); below it, incompetent (不称职).",
        ge=0,
        le=120,
        step=1,
    )
    excellent_share_max: float = F(
        0.2,
        label="Excellent: at most this share of counties",
        unit="share",
        help="At most this share of counties (rounded down) is graded excellent; the others "
        "that reach the score are graded competent.",
        ge=0,
        le=1,
        step=0.05,
    )


LANGUAGE_CHOICES = ("en", "zh")
"""Languages of the workbook and its outputs (``run.language``)."""


class Run(Section):
    """Time frame, randomness and presentation."""

    start_year: int = F(
        2014,
        label="First plan year",
        unit="year",
        help="Month 1 of the plan is January of this year (the base year is the year before).",
        ge=2000,
        le=2100,
        step=1,
    )
    horizon_years: int = F(
        5, label="Horizon", unit="years", help="Years simulated.", ge=1, le=10, step=1
    )
    seed: int = F(
        20140101,
        label="Random seed",
        help="Seed of every random draw; the same seed gives the same numbers.",
        ge=0,
        le=2**32 - 1,
        step=1,
    )
    mc_draws: int = F(
        1000,
        label="Monte Carlo draws",
        unit="draws",
        help="Number of draws of the uncertain rates; 0 = no Monte Carlo.",
        ge=0,
        le=20000,
        step=100,
    )
    plan_issued: str = F(
        "2013-09",
        label="Plan issued",
        unit="year-month",
        help="Year and month the plan was issued (YYYY-MM), in the year before the first plan "
        "year. 'Within three years' read strictly runs from this month.",
    )
    deadline_reading: Literal["strict", "lenient"] = F(
        "strict",
        label="Reading of 'within three years'",
        help="Which reading of the plan's 'within three years' (and '2 to 3 years') decides the "
        "target register; the other is shown beside it where the dates differ.",
        choices={
            "strict": "from the month the plan was issued",
            "lenient": "from the first full plan year",
        },
    )
    language: Literal["en", "zh"] = F(
        "en",
        label="Language",
        help="Language of the workbook and briefings.",
        choices={"en": "English", "zh": "简体中文"},
    )

    @field_validator("plan_issued")
    @classmethod
    def _check_plan_issued(cls, text: str) -> str:
        m = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text)
        if m is None or not 1 <= int(m.group(2)) <= 12:
            raise rule(f"found '{_shown(text)}'; expected a year and month such as 2013-09")
        return text

    @property
    def issued(self) -> Any:
        """The month the plan was issued, as a ``pd.Period``."""
        import pandas as pd

        return pd.Period(self.plan_issued, "M")

    @property
    def months(self) -> int:
        """Number of plan months."""
        return 12 * self.horizon_years

    def period(self, month: int) -> Any:
        """The calendar month (a ``pd.Period``) of plan month ``month``: 1 is January of
        ``start_year`` (one definition, :func:`planning.present.period`)."""
        from .present import period

        return period(month, self.start_year)


class Scenario(BaseModel):
    """A complete, validated, immutable set of parameters.

    Examples
    --------
    >>> s = load_scenario("baseline", overrides={"talent.attrition_rate.returnee": 0.1})
    >>> s.talent.attrition_rate.returnee
    0.1
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    name: str = Field(
        "baseline",
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$",
        max_length=MAX_SCENARIO_NAME_LENGTH,
    )
    title: str = Field("Baseline", max_length=MAX_SCENARIO_TITLE_LENGTH)
    description: str = Field("", max_length=MAX_SCENARIO_DESCRIPTION_LENGTH)
    title_zh: str = Field(
        "",
        max_length=MAX_SCENARIO_TITLE_LENGTH,
        description="The title in Chinese, shown when the workbook speaks Chinese (optional).",
    )
    description_zh: str = Field(
        "",
        max_length=MAX_SCENARIO_DESCRIPTION_LENGTH,
        description="The description in Chinese (optional).",
    )
    based_on: str = Field(
        "",
        pattern=r"^([A-Za-z0-9_][A-Za-z0-9_.-]*)?$",
        max_length=MAX_SCENARIO_NAME_LENGTH,
        description="Name of the scenario these settings were derived from (set by the workbook).",
    )
    talent: Talent = Talent()
    training: Training = Training()
    venues: Venues = Venues()
    subsidies: Subsidies = Subsidies()
    targets: Targets = Targets()
    assessment: Assessment = Assessment()
    run: Run = Run()

    @field_validator("title", "description", "title_zh", "description_zh")
    @classmethod
    def _check_text(cls, text: str, info: ValidationInfo) -> str:
        # Line breaks and tabs are fine in a description, not in a title.
        prose = info.field_name in ("description", "description_zh")
        control = _CONTROL_IN_TEXT if prose else _CONTROL
        bad = control.search(text)
        if bad:
            raise rule(
                f"found a control character (\\x{ord(bad.group()):02x}) in '{_shown(text)}'; "
                "expected plain text"
            )
        return text

    @model_validator(mode="after")
    def _check_cross_fields(self) -> Scenario:
        n = self.run.months
        for key, month in (
            ("training.deadline_month", self.training.deadline_month),
            ("venues.deadline_month", self.venues.deadline_month),
            ("venues.village_deadline_month", self.venues.village_deadline_month),
            ("targets.talent_deadline_month", self.targets.talent_deadline_month),
            ("targets.degree_deadline_month", self.targets.degree_deadline_month),
            ("targets.socwork_deadline_month", self.targets.socwork_deadline_month),
        ):
            if month > n:
                raise rule(
                    f"{key} is {month}, beyond the horizon of {n} months "
                    f"(run.horizon_years = {self.run.horizon_years}); lower it or lengthen "
                    "the horizon",
                    key=key,
                    near="run.horizon_years",
                )
        if self.venues.season_start_month > self.venues.season_end_month:
            raise rule(
                "venues.season_start_month must not be after venues.season_end_month "
                f"(found {self.venues.season_start_month} > {self.venues.season_end_month})",
                key="venues.season_start_month",
                near="venues.season_end_month",
            )
        issued_year = int(self.run.plan_issued[:4])
        if issued_year != self.run.start_year - 1:
            raise rule(
                f"run.plan_issued is {self.run.plan_issued}; expected a month of "
                f"{self.run.start_year - 1}, the year before the first plan year "
                f"(run.start_year = {self.run.start_year}): the plan is issued in its base year",
                key="run.plan_issued",
                near="run.start_year",
            )
        first, last = self.run.start_year, self.run.start_year + self.run.horizon_years - 1
        for k in self.training.extra_classes:
            year = int(k.partition(":")[2])
            if not first <= year <= last:
                raise rule(
                    f"found the year {year} in '{_shown(k)}'; expected a plan year "
                    f"{first}-{last} (run.start_year and run.horizon_years)",
                    key="training.extra_classes",
                    entry=k,
                )
        return self

    def title_in(self, lang: str) -> str:
        """The title people read in ``lang``: ``title_zh`` in Chinese when the file gives
        one, else ``title``.

        >>> load_scenario("baseline").title_in("zh")
        '基准方案：按实施意见测算'
        """
        return self.title_zh if lang == "zh" and self.title_zh else self.title

    def description_in(self, lang: str) -> str:
        """The description in ``lang`` (``description_zh`` in Chinese when given)."""
        return self.description_zh if lang == "zh" and self.description_zh else self.description

    # ------------------------------------------------------------------ I/O

    def to_dict(self) -> dict[str, Any]:
        """Every field as plain YAML/JSON types."""
        return self.model_dump(mode="json")

    def to_yaml(self) -> str:
        """The full scenario as YAML; ``Scenario.from_yaml_text(s.to_yaml()) == s``."""
        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)

    def changes_from(self, other: Scenario) -> dict[str, tuple[Any, Any]]:
        """Dotted keys whose values differ: ``{key: (other's value, this value)}``."""
        a, b = flatten(other.to_dict()), flatten(self.to_dict())
        return {k: (a.get(k), b[k]) for k in b if a.get(k) != b[k]}

    def with_overrides(self, overrides: Mapping[str, Any], source: str = "overrides") -> Scenario:
        """A new scenario with dotted-key overrides applied and validated."""
        return _build(_apply_overrides(self.to_dict(), overrides, source), source, None)

    @classmethod
    def from_yaml_text(cls, text: str, source: str = "<text>") -> Scenario:
        """Parse and validate scenario YAML text."""
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_SCENARIO_FILE_BYTES:
            raise _too_large(source, size)
        data, lines = _parse_yaml(text, source)
        return _build(_sections_checked(data, source, lines), source, lines)


# --------------------------------------------------------------------------- schema walk


@dataclass(frozen=True)
class FieldInfo:
    """Metadata of one leaf parameter, as the UI and the briefings need it."""

    key: str
    section: str
    label: str
    help: str
    unit: str
    default: Any
    annotation: Any
    ge: float | None
    le: float | None
    step: float | None
    choices: dict[str, str] | None


META_FIELDS = ("name", "title", "description", "title_zh", "description_zh", "based_on")
"""Top-level fields that describe a scenario rather than parameterise the models."""


def iter_fields(model: type[BaseModel] = Scenario, prefix: str = "") -> Iterator[FieldInfo]:
    """Every leaf parameter of the schema with its metadata, in schema order.

    Nested sections are walked; the scenario's ``name``, ``title`` and ``description``
    are not parameters and are skipped.
    """
    for name, info in model.model_fields.items():
        if not prefix and name in META_FIELDS:
            continue
        key = f"{prefix}{name}"
        ann = info.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            yield from iter_fields(ann, key + ".")
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        ge = le = None
        for m in info.metadata:
            ge = getattr(m, "ge", ge)
            le = getattr(m, "le", le)
        yield FieldInfo(
            key=key,
            section=key.split(".")[0],
            label=info.title or name,
            help=info.description or "",
            unit=str(extra.get("unit", "")),
            default=info.default,
            annotation=ann,
            ge=ge,
            le=le,
            step=extra.get("step"),  # type: ignore[arg-type]
            choices=extra.get("choices"),  # type: ignore[arg-type]
        )


FIELDS: dict[str, FieldInfo] = {f.key: f for f in iter_fields()}
"""Every leaf parameter by dotted key."""


def flatten(d: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dict -> dotted keys, stopping at schema leaves (dict-valued fields stay whole)."""
    out: dict[str, Any] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping) and key not in FIELDS:
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


# --------------------------------------------------------------------------- loading


def _all_keys() -> list[str]:
    keys = set(FIELDS) | set(META_FIELDS)
    for k in FIELDS:
        parts = k.split(".")
        for i in range(1, len(parts)):
            keys.add(".".join(parts[:i]))
    return sorted(keys)


def suggest_key(key: str) -> str | None:
    """The nearest valid dotted key to a misspelt one, or None; never ``key`` itself."""
    # Never suggest a key's own parent section ('talent.foo' -> 'talent' helps nobody).
    keys = [k for k in _all_keys() if k != key and not key.startswith(k + ".")]
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
    if close:
        return close[0]
    last = key.split(".")[-1]
    tails = {k.split(".")[-1]: k for k in keys}
    close = difflib.get_close_matches(last, list(tails), n=1, cutoff=0.7)
    return tails[close[0]] if close else None


class _Refused(Exception):
    """A YAML construct a scenario file may not use, at a position in the file."""

    def __init__(self, mark: Any, what: str):
        super().__init__(what)
        self.mark, self.what = mark, what


class _ScenarioLoader(yaml.SafeLoader):
    """The safe loader without anchors and aliases, and with a cap on nesting.

    An alias bomb (a few hundred bytes that expand to billions of nodes) and thousands of
    nested brackets (a RecursionError in the composer) are refused at their line, before
    any node is built.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                "found an anchor or alias (& or *); a scenario file writes every value out in full",
            )
        self.depth += 1
        try:
            if self.depth > MAX_SCENARIO_DEPTH:
                raise _Refused(
                    event.start_mark,
                    f"found values nested more than {MAX_SCENARIO_DEPTH} levels deep; a "
                    "scenario needs 3 (section, group, key)",
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _parse_yaml(text: str, source: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Safe-load YAML and map each dotted key to its line number (1-based).

    Anchors, aliases, nesting beyond :data:`MAX_SCENARIO_DEPTH` and a key given twice in
    one mapping are errors (YAML itself would keep the last and silently drop the first).
    """
    node, data = _load_yaml(text, source)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError(
            f"{source} is not a scenario",
            [
                Problem(
                    source, f"found a {type(data).__name__}; expected a mapping of keys to values"
                )
            ],
        )
    return data, _key_lines(node, source)


def safe_yaml(text: str, source: str = "<text>") -> Any:
    """Parse YAML text the way scenario files are parsed: safely, without anchors or aliases,
    nesting capped; for values typed into a form.

    Raises
    ------
    ScenarioError
        Naming the line, for anything a scenario file may not hold.

    Examples
    --------
    >>> safe_yaml("{C01: 0.5, C02: 0.5}")
    {'C01': 0.5, 'C02': 0.5}
    """
    return _load_yaml(text, source)[1]


def _load_yaml(text: str, source: str) -> tuple[Any, Any]:
    """(node, data) of a YAML text; every failure is a ScenarioError."""
    loader = None
    try:
        loader = _ScenarioLoader(text)  # the reader already refuses non-printable characters
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as exc:
        raise ScenarioError(
            f"{source} is refused", [Problem(f"{source}:{exc.mark.line + 1}", exc.what)]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(
            f"{source} is not valid YAML",
            [Problem(where, f"{problem}; check indentation and colons")],
        ) from None
    except (ValueError, OverflowError) as exc:
        # A scalar YAML resolves but Python cannot build: a 5,000-digit number, 2014-13-45.
        raise ScenarioError(
            f"{source} is not valid YAML",
            [
                Problem(
                    source, f"a value cannot be read ({exc}); write it as a plain number or text"
                )
            ],
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return node, data


def _key_lines(node: Any, source: str) -> dict[str, int]:
    """Line of every dotted key (and list item); a key given twice is a ScenarioError."""
    lines: dict[str, int] = {}
    twice: list[Problem] = []

    def walk(n: Any, prefix: str) -> None:
        if isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                lines.setdefault(f"{prefix}{i}", item.start_mark.line + 1)
                walk(item, f"{prefix}{i}.")
        if not isinstance(n, yaml.MappingNode):
            return
        seen: dict[str, int] = {}
        for k, v in n.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else str(k.start_mark)
            key, line = f"{prefix}{name}", k.start_mark.line + 1
            if name in seen:
                twice.append(
                    Problem(
                        f"{source}:{line}",
                        f"key '{_shown(key)}' is given twice, on lines {seen[name]} and {line}; "
                        "keep one (YAML would silently drop the first)",
                        key=key,
                    )
                )
                continue
            seen[name] = line
            lines.setdefault(key, line)
            walk(v, key + ".")

    walk(node, "")
    if twice:
        n = len(twice)
        raise ScenarioError(f"{source}: {n} key{'s' if n != 1 else ''} given twice", twice)
    return lines


def _sections() -> frozenset[str]:
    return frozenset(k for k in _all_keys() if k not in FIELDS) - set(META_FIELDS)


SECTION_KEYS = _sections()
"""Dotted keys that hold other keys (``talent``, ``talent.intake_per_year``, ...)."""


def _sections_checked(
    data: dict[str, Any], source: str, lines: Mapping[str, int] | None
) -> dict[str, Any]:
    """Every section of a file is a mapping of keys; an empty one (``talent:`` with nothing
    under it) or a single value (``talent: 5``) is a ScenarioError."""
    problems: list[Problem] = []

    def walk(d: Mapping[Any, Any], prefix: str) -> None:
        for k, v in d.items():
            key = f"{prefix}{k}"
            if key not in SECTION_KEYS:
                continue
            if isinstance(v, dict):
                walk(v, key + ".")
                continue
            found = "an empty section" if v is None else _fmt(v)
            problems.append(
                Problem(
                    _where(source, lines, key),
                    f"key '{key}': found {found}; expected keys indented under it, such as "
                    f"'{_example(key)}' (or delete the line)",
                    key=key,
                )
            )

    walk(data, "")
    if problems:
        n = len(problems)
        raise ScenarioError(f"{source}: scenario has {n} problem{'s' if n != 1 else ''}", problems)
    return data


def _example(section: str) -> str:
    """A line one could write under a section: its first parameter and that one's default."""
    leaves = [f for f in FIELDS if f.rpartition(".")[0] == section]
    f = FIELDS[leaves[0]] if leaves else FIELDS[next(k for k in FIELDS if k.startswith(section))]
    name = f.key.removeprefix(section + ".")
    return f"{name}: {yaml.safe_dump(f.default, default_flow_style=True).splitlines()[0]}"


def _where(source: str, lines: Mapping[str, int] | None, *keys: str) -> str:
    """``source:line`` of the first of ``keys`` found, else of the first key's nearest section.

    A line of 0 marks a key set by an override: the file says nothing about it.
    """
    if not lines or not keys:
        return source
    for k in keys:
        if k in lines:
            return f"{source}:{lines[k]}" if lines[k] else source
    parts = keys[0].split(".")
    for i in range(len(parts) - 1, 0, -1):
        line = lines.get(".".join(parts[:i]))
        if line is not None:
            return f"{source}:{line}" if line else source
    return source


def _fmt(v: Any) -> str:
    return _shown(repr(v) if isinstance(v, str) else str(v))


def allowed_text(key: str) -> str:
    """Plain-words allowed values of a dotted key, from the schema."""
    f = FIELDS.get(key)
    if f is None:
        return ""
    if f.choices:
        return "one of " + ", ".join(f"'{c}'" for c in f.choices)
    if f.unit == "year-month":
        return "a year and month such as '2013-09', in the year before run.start_year"
    ann = f.annotation
    kind = {int: "a whole number", float: "a number", bool: "true or false"}.get(ann, "")
    if ann == float | None:
        kind = "a number or empty"
    if f.ge is not None and f.le is not None:
        rng = f"between {f.ge:g} and {f.le:g}"
    elif f.ge is not None:
        rng = f">= {f.ge:g}"
    elif f.le is not None:
        rng = f"<= {f.le:g}"
    else:
        rng = ""
    unit = f" ({f.unit})" if f.unit else ""
    text = " ".join(x for x in (kind, rng) if x)
    return (text or f"a value like {f.default!r}") + unit


def _build(data: dict[str, Any], source: str, lines: Mapping[str, int] | None) -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems = [_problem(err, source, lines) for err in exc.errors()]
        n = len(problems)
        raise ScenarioError(
            f"{source}: scenario has {n} problem{'s' if n != 1 else ''}", problems
        ) from None


TEXT_ALLOWED = {
    "name": f"a name of 1 to {MAX_SCENARIO_NAME_LENGTH} letters, digits, '_', '.' and '-', "
    "starting with a letter, digit or '_' (it names the run's output folder)",
    "title": f"text of at most {MAX_SCENARIO_TITLE_LENGTH} characters",
    "description": f"text of at most {MAX_SCENARIO_DESCRIPTION_LENGTH:,} characters",
    "title_zh": f"text of at most {MAX_SCENARIO_TITLE_LENGTH} characters",
    "description_zh": f"text of at most {MAX_SCENARIO_DESCRIPTION_LENGTH:,} characters",
}
"""What the scenario's name, title and description may hold, in words."""


def _problem(err: Any, source: str, lines: Mapping[str, int] | None) -> Problem:
    """One pydantic error as a Problem: file:line, dotted key, found and allowed."""
    loc = [str(x) for x in err["loc"]]
    key = ".".join(loc)
    ctx = err.get("ctx") or {}
    if err["type"] == "scenario_rule":
        key = ctx.get("key") or key
        near = [k for k in str(ctx.get("near", "")).split(",") if k]
        entry = [f"{key}.{ctx['entry']}"] if "entry" in ctx else []
        where = _where(source, lines, *entry, key, *near)
        return Problem(where, f"key '{key}': {ctx['detail']}", key=key)
    where = _where(source, lines, key)
    control = next(
        (".".join(loc[:i]) for i in range(len(loc), 0, -1) if ".".join(loc[:i]) in FIELDS), None
    )
    if err["type"] == "extra_forbidden":
        hint = suggest_key(key)
        msg = f"unknown key '{_shown(key)}'"
        msg += f"; did you mean '{hint}'?" if hint else "; see the parameter list in README"
        return Problem(where, msg, key=key)
    detail = err["msg"].removeprefix("Value error, ")
    if not key:
        return Problem(where, detail)
    if key in TEXT_ALLOWED:
        return Problem(
            where,
            f"key '{key}': found {_fmt(err.get('input'))}; expected {TEXT_ALLOWED[key]}",
            key=key,
        )
    if FIELDS.get(key) is None:
        # An entry of a mapping or list field, or a rule across several fields.
        return Problem(
            where, f"'{_shown(key)}': found {_fmt(err.get('input'))}; {detail}", key=control or key
        )
    allowed = allowed_text(key) or err["msg"]
    msg = f"key '{key}': found {_fmt(err.get('input'))}; expected {allowed}"
    if detail and allowed not in detail:
        msg += f" ({detail})"
    return Problem(where, msg, key=key)


def _apply_overrides(
    data: dict[str, Any], overrides: Mapping[str, Any] | None, source: str
) -> dict[str, Any]:
    """Apply dotted-key overrides to a nested dict (a deep copy is returned)."""
    import copy

    out = copy.deepcopy(data)
    problems = []
    for key, value in (overrides or {}).items():
        if not isinstance(key, str) or not key:
            problems.append(Problem(source, f"override key {_fmt(key)} is not a dotted key"))
            continue
        if key in SECTION_KEYS:
            example = _example(key).partition(":")[0]
            problems.append(
                Problem(
                    source,
                    f"key '{key}' is a section, not a parameter; override one of its keys, "
                    f"e.g. '{key}.{example}'",
                    key=key,
                )
            )
            continue
        if key not in FIELDS and key not in META_FIELDS:
            hint = suggest_key(key)
            msg = f"unknown key '{_shown(key)}'"
            msg += f"; did you mean '{hint}'?" if hint else ""
            problems.append(Problem(source, msg, key=key))
            continue
        parts = key.split(".")
        node = out
        for p in parts[:-1]:
            if not isinstance(node.get(p), dict):
                # A file's sections were checked to be mappings; this one is new here.
                node[p] = {}
            node = node[p]
        node[parts[-1]] = value
    if problems:
        n = len(problems)
        raise ScenarioError(f"{source}: {n} bad override{'s' if n != 1 else ''}", problems)
    return out


def _too_large(source: str, size: int) -> ScenarioError:
    return ScenarioError(
        f"{source} is too large",
        [
            Problem(
                source,
                f"found {size_text(size)}; expected at most "
                f"{size_text(MAX_SCENARIO_FILE_BYTES)} for a scenario file (a complete "
                "scenario is about 5 KB). Is it the right file?",
            )
        ],
    )


def _read_scenario_text(path: Path, source: str) -> str:
    """The file's text; refused when too large (before reading) or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_SCENARIO_FILE_BYTES:
            raise _too_large(source, size)
        data = path.read_bytes()
    except OSError as exc:
        raise ScenarioError(
            f"{source} cannot be read", [Problem(source, f"{exc.strerror or exc}")]
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScenarioError(
            f"{source} is not UTF-8 text",
            [Problem(source, "re-save the file as UTF-8")],
        ) from None


def _ids_text(ids: list[str]) -> str:
    return ", ".join(ids[:12]) + (f", ... ({len(ids)} in all)" if len(ids) > 12 else "")


def check_scenario_data(
    scenario: Scenario,
    baseline: Baseline,
    source: str = "scenario",
    lines: Mapping[str, int] | None = None,
) -> None:
    """Check the scenario's county and base ids against the data, before any model runs.

    ``talent.county_weights``, ``venues.county_budget_shares`` and
    ``targets.satisfaction_change_by_county`` must name counties of the data, ``training.extra_classes`` bases of the data that the plan may use.

    Raises
    ------
    ScenarioError
        One problem per unknown id, with the file and line when ``lines`` are given.

    Examples
    --------
    >>> check_scenario_data(load_scenario("baseline"), load_baseline())   # doctest: +SKIP
    """
    problems = []
    counties = list(baseline.county_ids)
    for key, mapping in (
        ("talent.county_weights", scenario.talent.county_weights),
        ("venues.county_budget_shares", scenario.venues.county_budget_shares),
        ("targets.satisfaction_change_by_county", scenario.targets.satisfaction_change_by_county),
    ):
        for cid in mapping:
            if cid in counties:
                continue
            near = difflib.get_close_matches(cid, counties, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            problems.append(
                Problem(
                    _where(source, lines, f"{key}.{cid}", key),
                    f"key '{key}': found the county '{_shown(cid)}', which is not in the data"
                    f"{hint}; expected one of {_ids_text(counties)}",
                    key=key,
                )
            )
    problems += _check_extra_class_bases(scenario, baseline, source, lines)
    if problems:
        n = len(problems)
        raise ScenarioError(
            f"{source}: {n} problem{'s' if n != 1 else ''} with the data in {baseline.source}",
            problems,
        )


def _check_extra_class_bases(
    scenario: Scenario, baseline: Baseline, source: str, lines: Mapping[str, int] | None
) -> list[Problem]:
    key = "training.extra_classes"
    bases = baseline.training_bases
    known = bases["base_id"].tolist()
    usable = (
        known
        if scenario.training.include_in_town_bases
        else (bases.loc[bases["out_of_town"], "base_id"].tolist())
    )
    problems = []
    for k in scenario.training.extra_classes:
        base = k.partition(":")[0]
        if base in usable:
            continue
        if base in known:
            what = (
                f"found the base '{_shown(base)}' in '{_shown(k)}', whose courses are not out of "
                f"town; expected one of {_ids_text(usable) or '(none)'}, or set "
                "training.include_in_town_bases: true"
            )
        else:
            near = difflib.get_close_matches(base, known, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            what = (
                f"found the base '{_shown(base)}' in '{_shown(k)}', which is not in the data"
                f"{hint}; expected one of {_ids_text(usable) or '(none)'}"
            )
        problems.append(
            Problem(_where(source, lines, f"{key}.{k}", key), f"key '{key}': {what}", key=key)
        )
    return problems


def scenario_path(name_or_path: str | Path, scenario_dir: Path | None = None) -> Path:
    """Resolve a bare scenario name to ``data/scenarios/NAME.yaml``; paths pass through."""
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.parent != Path("."):
        return p
    return (scenario_dir or SCENARIO_DIR) / f"{name_or_path}.yaml"


def peek_language(name_or_path: str | Path) -> str | None:
    """The ``run.language`` a scenario file asks for, read without validating the rest,
    so that even a report of its problems can be in its language; None when the file
    cannot be read or names no language it knows.

    >>> peek_language("baseline")
    'en'
    """
    try:
        path = scenario_path(name_or_path)
        if path.stat().st_size > MAX_SCENARIO_FILE_BYTES:
            return None
        data = safe_yaml(path.read_text(encoding="utf-8"), str(path))
    except (OSError, UnicodeDecodeError, ScenarioError, ValueError):
        return None
    run = data.get("run") if isinstance(data, dict) else None
    lang = run.get("language", "en") if isinstance(run, dict) else "en"
    return lang if lang in LANGUAGE_CHOICES else None


def list_scenarios(scenario_dir: Path | None = None) -> list[str]:
    """Names of the scenario files in a folder (default ``data/scenarios``), sorted."""
    d = scenario_dir or SCENARIO_DIR
    return sorted(p.stem for p in d.glob("*.yaml"))


def load_scenario(
    name_or_path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    scenario_dir: Path | None = None,
    baseline: Baseline | None = None,
) -> Scenario:
    """Load, merge and validate a scenario.

    Parameters
    ----------
    name_or_path : str or Path, optional
        A bare name (``"baseline"``) looked up in ``data/scenarios/``, or a path to a YAML
        file. None gives the schema defaults.
    overrides : mapping, optional
        Dotted keys applied on top, e.g. ``{"talent.attrition_rate.returnee": 0.1}``.
    baseline : Baseline, optional
        Data to check the scenario against (county and base ids, see
        :func:`check_scenario_data`), so that nothing fails later inside a model.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        Naming the file, line, dotted key, value found and what is allowed.

    Examples
    --------
    >>> load_scenario("baseline").training.deadline_month
    36
    """
    if name_or_path is None:
        data: dict[str, Any] = {}
        source, lines = "defaults", None
    else:
        path = scenario_path(name_or_path, scenario_dir)
        source = str(path)
        if not path.is_file():
            known = list_scenarios(path.parent) if path.parent.is_dir() else []
            hint = difflib.get_close_matches(path.stem, known, n=1)
            msg = "file not found"
            if hint:
                msg += f"; did you mean '{hint[0]}'?"
            elif known:
                msg += "; available: " + ", ".join(known)
            raise ScenarioError(f"scenario '{name_or_path}' not found", [Problem(source, msg)])
        data, lines = _parse_yaml(_read_scenario_text(path, source), source)
        data = _sections_checked(data, source, lines)
    if overrides:
        data = _apply_overrides(data, overrides, "overrides")
        source = f"{source} + overrides"
        lines = _overridden(lines, overrides)
    scenario = _build(data, source, lines)
    if baseline is not None:
        check_scenario_data(scenario, baseline, source, lines)
    return scenario


def _overridden(lines: Mapping[str, int] | None, overrides: Mapping[str, Any]) -> dict[str, int]:
    """Lines of a file's keys with every overridden key marked 0 (no line in the file)."""
    keys = [k for k in overrides if isinstance(k, str)]
    out = {k: v for k, v in (lines or {}).items() if not any(k.startswith(o + ".") for o in keys)}
    return out | dict.fromkeys(keys, 0)


def parameters_markdown() -> str:
    """The parameter reference (``docs/parameters.md``), generated from the schema."""
    lines = [
        "# Scenario parameters",
        "",
        "Generated from `planning/scenario.py` (`python -m planning.scenario > docs/parameters.md`);",
        "a test keeps it current. Plan months count from 1 = January of `run.start_year`.",
        "A scenario file lists `name`, `title`, `description` and any of these keys, nested",
        "by section; every key not given keeps its default.",
    ]
    section = None
    for f in iter_fields():
        if f.section != section:
            section = f.section
            doc = (Scenario.model_fields[section].annotation.__doc__ or "").strip()
            lines += ["", f"## `{section}`", "", doc, ""]
            lines += ["| key | label | default | allowed | help |", "|---|---|---|---|---|"]
        default = f.default.model_dump() if isinstance(f.default, BaseModel) else f.default
        allowed = allowed_text(f.key).replace("|", "/")
        lines.append(
            f"| `{f.key}` | {f.label} | `{default}` | {allowed} | {f.help.replace('|', '/')} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(parameters_markdown(), end="")
