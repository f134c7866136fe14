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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import Problem, ScenarioError
from .paths import SCENARIO_DIR

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


def pool_values(
    cls_name: str, doc: str, defaults: dict[str, float], *, short: str, **kw: Any
) -> type[Section]:
    """Make a section of one number per pool; the three fields share bounds, unit and step.

    ``short`` names the quantity in each label, e.g. ``"Intake"`` gives
    ``"Intake: college-graduate officials"``.
    """
    labels = {
        "cgvo": f"{short}: college-graduate officials",
        "returnee": f"{short}: returning migrants and business people",
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
    "Share of the village cadre vacancies filled from pools that goes to each pool",
    {"cgvo": 0.4, "returnee": 0.3, "leader": 0.3},
    short="Appointments",
    unit="share",
    ge=0,
    le=1,
    step=0.05,
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
        label="Returnees around Spring Festival",
        unit="share",
        help="Share of returnees who join in January-March (around Spring Festival); the rest "
        "join evenly over April-December.",
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
        0.5,
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
        "appointed from the returnee and leader pools or from outside the pools (officials "
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
    yearly_budget_yuan: float | None = F(
        None,
        label="Yearly training budget",
        unit="yuan per year",
        help="Most the city spends on training per year; empty = no limit.",
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
    extra_classes: dict[str, int] = F(
        {},
        label="Extra classes",
        unit="classes per year",
        help=(
            "Classes bought beyond a base's monthly limit, keyed 'BASE:YEAR' "
            "(e.g. {'B2:2015': 4}); they run in the base's allowed months of that year."
        ),
    )


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
    yearly_budget_yuan: float = F(
        24_000_000,
        label="Yearly venue budget",
        unit="yuan per year",
        help="Most the city spends on community venues per year.",
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
    village_yearly_budget_yuan: float = F(
        40_000_000,
        label="Yearly village room budget",
        unit="yuan per year",
        help="Most the city spends per year on bringing village rooms up to standard.",
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

    @model_validator(mode="after")
    def _check_county_shares(self) -> Venues:
        for cid, share in self.county_budget_shares.items():
            if not 0 <= share <= 1:
                raise ValueError(
                    f"county_budget_shares['{cid}'] is {share:g}; expected a share between 0 and 1"
                )
        total = sum(self.county_budget_shares.values())
        if total > 1 + 1e-9:
            raise ValueError(f"county_budget_shares must sum to at most 1; found {total:g}")
        return self


class Subsidies(Section):
    """Village secretary basic and performance subsidies."""

    income_multiplier: float = F(
        1.0,
        label="Basic subsidy vs rural income",
        unit="x income per capita",
        help="Basic subsidy per secretary as a multiple of the county's prior-year rural "
        "income per capita (at least 1).",
        ge=1.0,
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
        label="Performance subsidy by grade",
        unit="share of basic",
        help="Performance subsidy as a share of the yearly basic subsidy, by grade (0-0.5).",
    )
    performance_pay_month: int = F(
        1,
        label="Performance pay month",
        unit="month of year",
        help="Calendar month after the year end in which the township pays the performance subsidy.",
        ge=1,
        le=12,
        step=1,
    )

    @model_validator(mode="after")
    def _check_grades(self) -> Subsidies:
        total = sum(self.grade_shares.values())
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"grade_shares must sum to 1; found {total:g}")
        if set(self.grade_shares) != set(self.grade_bonus):
            raise ValueError("grade_shares and grade_bonus must name the same grades")
        for g, v in {**self.grade_shares, **self.grade_bonus}.items():
            if not 0 <= v <= 1:
                raise ValueError(f"grade '{g}' has {v:g}; expected a share between 0 and 1")
        for r in self.income_growth_by_year:
            if not -0.5 <= r <= 1:
                raise ValueError(f"income growth {r:g} is outside -0.5..1")
        return self


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
        help="About this share of secretaries are managed as key secretaries.",
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
    at_risk_probability: float = F(
        0.8,
        label="At-risk probability",
        unit="share",
        help="A target met in the central case but with a lower probability than this is at risk.",
        ge=0.5,
        le=0.99,
        step=0.01,
    )


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
    language: Literal["en", "zh"] = F(
        "en",
        label="Language",
        help="Language of the workbook and briefings.",
        choices={"en": "English", "zh": "简体中文"},
    )

    @property
    def months(self) -> int:
        """Number of plan months."""
        return 12 * self.horizon_years


class Scenario(BaseModel):
    """A complete, validated, immutable set of parameters.

    Examples
    --------
    >>> s = load_scenario("baseline", overrides={"talent.attrition_rate.returnee": 0.1})
    >>> s.talent.attrition_rate.returnee
    0.1
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    name: str = Field("baseline", pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$", max_length=80)
    title: str = Field("Baseline", max_length=200)
    description: str = Field("", max_length=5000)
    talent: Talent = Talent()
    training: Training = Training()
    venues: Venues = Venues()
    subsidies: Subsidies = Subsidies()
    targets: Targets = Targets()
    run: Run = Run()

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
                raise ValueError(
                    f"{key} is {month}, beyond the horizon of {n} months "
                    f"(run.horizon_years = {self.run.horizon_years}); lower it or lengthen the horizon"
                )
        if self.venues.season_start_month > self.venues.season_end_month:
            raise ValueError(
                "venues.season_start_month must not be after venues.season_end_month "
                f"(found {self.venues.season_start_month} > {self.venues.season_end_month})"
            )
        return self

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
        data, lines = _parse_yaml(text, source)
        return _build(data, source, lines)


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


def iter_fields(model: type[BaseModel] = Scenario, prefix: str = "") -> Iterator[FieldInfo]:
    """Every leaf parameter of the schema with its metadata, in schema order.

    Nested sections are walked; the scenario's ``name``, ``title`` and ``description``
    are not parameters and are skipped.
    """
    for name, info in model.model_fields.items():
        if not prefix and name in ("name", "title", "description"):
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
    keys = set(FIELDS) | {"name", "title", "description"}
    for k in FIELDS:
        parts = k.split(".")
        for i in range(1, len(parts)):
            keys.add(".".join(parts[:i]))
    return sorted(keys)


def suggest_key(key: str) -> str | None:
    """The nearest valid dotted key to a misspelt one, or None."""
    # Never suggest a key's own parent section ('talent.foo' -> 'talent' helps nobody).
    keys = [k for k in _all_keys() if not key.startswith(k + ".")]
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
    if close:
        return close[0]
    last = key.split(".")[-1]
    tails = {k.split(".")[-1]: k for k in keys}
    close = difflib.get_close_matches(last, list(tails), n=1, cutoff=0.7)
    return tails[close[0]] if close else None


def _parse_yaml(text: str, source: str) -> tuple[dict[str, Any], dict[str, int]]:
    """Safe-load YAML and map each dotted key to its line number (1-based)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(
            f"{source} is not valid YAML",
            [Problem(where, f"{problem}; check indentation and colons")],
        ) from None
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
    lines: dict[str, int] = {}

    def walk(n: Any, prefix: str) -> None:
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                key = f"{prefix}{k.value}"
                lines[key] = k.start_mark.line + 1
                walk(v, key + ".")

    walk(node, "")
    return data, lines


def _fmt(v: Any) -> str:
    return repr(v) if isinstance(v, str) else str(v)


def allowed_text(key: str) -> str:
    """Plain-words allowed values of a dotted key, from the schema."""
    f = FIELDS.get(key)
    if f is None:
        return ""
    if f.choices:
        return "one of " + ", ".join(f"'{c}'" for c in f.choices)
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


def _build(data: dict[str, Any], source: str, lines: dict[str, int] | None) -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = [str(x) for x in err["loc"]]
            key = ".".join(loc)
            # Walk up to the nearest key we have a line for.
            line = None
            if lines:
                for i in range(len(loc), 0, -1):
                    line = lines.get(".".join(loc[:i]))
                    if line:
                        break
            where = f"{source}:{line}" if line else source
            if err["type"] == "extra_forbidden":
                hint = suggest_key(key)
                msg = f"unknown key '{key}'"
                msg += f"; did you mean '{hint}'?" if hint else "; see the parameter list in README"
            elif not key:
                msg = err["msg"].removeprefix("Value error, ")
            else:
                found = err.get("input")
                allowed = allowed_text(key) or err["msg"]
                detail = err["msg"].removeprefix("Value error, ")
                msg = f"key '{key}': found {_fmt(found)}; expected {allowed}"
                if detail and allowed not in detail and FIELDS.get(key) is not None:
                    msg += f" ({detail})"
                elif FIELDS.get(key) is None:
                    # A rule across several fields of a section: the detail says it all.
                    msg = f"'{key}': {detail}"
            problems.append(Problem(where, msg))
        n = len(problems)
        raise ScenarioError(
            f"{source}: scenario has {n} problem{'s' if n != 1 else ''}", problems
        ) from None


def _apply_overrides(
    data: dict[str, Any], overrides: Mapping[str, Any] | None, source: str
) -> dict[str, Any]:
    """Apply dotted-key overrides to a nested dict (a deep copy is returned)."""
    import copy

    out = copy.deepcopy(data)
    problems = []
    for key, value in (overrides or {}).items():
        if not isinstance(key, str) or not key:
            problems.append(Problem(source, f"override key {key!r} is not a dotted key"))
            continue
        if key not in FIELDS and key not in ("name", "title", "description"):
            hint = suggest_key(key)
            msg = f"unknown key '{key}'"
            msg += f"; did you mean '{hint}'?" if hint else ""
            problems.append(Problem(source, msg))
            continue
        parts = key.split(".")
        node = out
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = value
    if problems:
        n = len(problems)
        raise ScenarioError(f"{source}: {n} bad override{'s' if n != 1 else ''}", problems)
    return out


def scenario_path(name_or_path: str | Path, scenario_dir: Path | None = None) -> Path:
    """Resolve a bare scenario name to ``data/scenarios/NAME.yaml``; paths pass through."""
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.parent != Path("."):
        return p
    return (scenario_dir or SCENARIO_DIR) / f"{name_or_path}.yaml"


def list_scenarios(scenario_dir: Path | None = None) -> list[str]:
    """Names of the scenario files in a folder (default ``data/scenarios``), sorted."""
    d = scenario_dir or SCENARIO_DIR
    return sorted(p.stem for p in d.glob("*.yaml"))


def load_scenario(
    name_or_path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    scenario_dir: Path | None = None,
) -> Scenario:
    """Load, merge and validate a scenario.

    Parameters
    ----------
    name_or_path : str or Path, optional
        A bare name (``"baseline"``) looked up in ``data/scenarios/``, or a path to a YAML
        file. None gives the schema defaults.
    overrides : mapping, optional
        Dotted keys applied on top, e.g. ``{"talent.attrition_rate.returnee": 0.1}``.

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
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise ScenarioError(
                f"{source} is not UTF-8 text",
                [Problem(source, "re-save the file as UTF-8")],
            ) from None
        data, lines = _parse_yaml(text, source)
    if overrides:
        data = _apply_overrides(data, overrides, "overrides")
        return _build(data, f"{source} + overrides", lines)
    return _build(data, source, lines)


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
