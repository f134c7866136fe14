"""The baseline data contract: every table, every column, its type, unit and allowed values.

This module is the single source for the loader's checks (:mod:`planning.data`), the
generator (:mod:`planning.synth`), the Excel template and the data dictionary
(``data/README.md``). Change a column here and all of them follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EDUCATION_LEVELS = (
    "primary",
    "junior_middle",
    "senior_middle",
    "junior_college",
    "bachelor",
    "postgraduate",
)
"""Education levels, lowest first. ``junior_college`` and above count as a college degree."""

DEGREE_LEVELS = frozenset({"junior_college", "bachelor", "postgraduate"})

POOLS = ("cgvo", "returnee", "leader")
"""Reserve-talent pools: college-graduate village officials, returning migrant workers and
business people, local leaders in getting rich."""

COMMUNITY_TIERS = ("below", "standard", "quality", "demonstration")
"""Community venue tiers, lowest first (``below`` = below the standard tier)."""

STANDARD_TIERS = ("village", "standard", "quality", "demonstration")
"""Rows of the ``venue_tiers`` table: the village room standard and the three community tiers."""

COUNTY_KINDS = ("district", "city", "county")
TENURES = ("owned", "rented")

ILLUSTRATIVE_NOTE = (
    "Illustrative data for the fictional Example City; not real statistics of any place."
)


@dataclass(frozen=True)
class Column:
    """One column of a baseline table.

    ``kind`` is one of ``id`` (unique non-empty text), ``ref`` (text naming an id of
    ``ref_table``), ``text``, ``int``, ``float``, ``bool`` (yes/no, true/false, 1/0),
    ``enum`` (one of ``allowed``), ``months`` (a list of months 1-12 such as ``"1,2,11,12"``)
    or ``month`` (a year and month such as ``"2014-03"``, or empty for none).
    ``min``/``max`` bound numbers inclusively; ``min_exclusive`` makes the lower bound strict.
    Every ``int`` and ``float`` column has both bounds, taken from the domain (a class has
    at most 1,000 seats, a village at most 50,000 households): values beyond them are typing
    errors, and whole numbers stay far below 2**53, where float64 and int64 part ways.
    """

    name: str
    kind: str
    unit: str
    description: str
    min: float | None = None
    max: float | None = None
    min_exclusive: bool = False
    allowed: tuple[str, ...] = ()
    ref_table: str | None = None
    required: bool = True
    default: str | None = None
    """Value (as written in a file) of an empty cell or a missing column; only for optional
    columns (``required=False``). None: an empty cell stays empty (text columns only)."""

    def allowed_text(self) -> str:
        """Plain-words description of the allowed values, used in messages and the dictionary."""
        text = self._allowed_text()
        if self.default is not None:
            text += f"; an empty cell or a missing column means {self.default}"
        return text

    def _allowed_text(self) -> str:
        if self.kind == "id":
            return "a unique, non-empty id"
        if self.kind == "ref":
            return f"an id listed in {self.ref_table}"
        if self.kind == "text":
            return "any text"
        if self.kind == "bool":
            return "yes or no (also true/false, 1/0)"
        if self.kind == "enum":
            return "one of " + ", ".join(self.allowed)
        if self.kind == "months":
            return "month numbers 1-12 separated by commas, e.g. 1,2,11,12"
        if self.kind == "month":
            return "a year and month such as 2014-03, or empty for none"
        word = "a whole number" if self.kind == "int" else "a number"
        lo, hi = self.min, self.max
        fmt = _num
        if lo is not None and hi is not None:
            op = ">" if self.min_exclusive else ">="
            return f"{word} {op} {fmt(lo)} and <= {fmt(hi)}"
        if lo is not None:
            op = ">" if self.min_exclusive else ">="
            return f"{word} {op} {fmt(lo)}"
        if hi is not None:
            return f"{word} <= {fmt(hi)}"
        return word


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


@dataclass(frozen=True)
class Table:
    """One baseline table: a CSV file ``NAME.csv`` or an Excel sheet ``NAME``."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: str | None = None
    unique_together: tuple[str, ...] = field(default_factory=tuple)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


C = Column

NAME_ZH = "Name in Chinese, shown on pages in Chinese (optional; empty or missing = the name)."
"""Description of every ``name_zh`` column."""

TABLES: tuple[Table, ...] = (
    Table(
        "counties",
        "County-level units (districts, county-level cities, counties) of the city.",
        (
            C("county_id", "id", "", "County id, e.g. C01."),
            C("name", "text", "", "County name (fictional)."),
            C("name_zh", "text", "", NAME_ZH, required=False),
            C("kind", "enum", "", "Kind of county-level unit.", allowed=COUNTY_KINDS),
            C(
                "population",
                "int",
                "persons",
                "Registered rural population.",
                min=1,
                max=10_000_000,
            ),
            C(
                "rural_income_yuan",
                "float",
                "yuan per person per year",
                "Rural income per capita in the base year (2013).",
                min=0,
                max=1_000_000,
                min_exclusive=True,
            ),
            C(
                "income_growth",
                "float",
                "share per year",
                "Recent yearly growth of rural income per capita (0.08 = 8 %).",
                min=-0.5,
                max=1,
            ),
            C(
                "secretary_pay_yuan",
                "float",
                "yuan per secretary per year",
                "Village secretary pay before the plan (basic pay in the base year).",
                min=0,
                max=1_000_000,
            ),
            C(
                "satisfaction",
                "float",
                "share",
                "The masses' satisfaction with grassroots Party organisations and Party "
                "members: share of respondents satisfied in the survey of the base year (0-1).",
                min=0,
                max=1,
            ),
            C(
                "satisfaction_respondents",
                "int",
                "persons",
                "Respondents of that survey in the county (its sample size).",
                min=1,
                max=1_000_000,
            ),
            C(
                "member_satisfaction",
                "float",
                "share",
                "Party members' satisfaction with their grassroots Party organisations: share "
                "of member respondents satisfied in the survey of the base year (0-1).",
                min=0,
                max=1,
            ),
            C(
                "member_respondents",
                "int",
                "persons",
                "Party members who answered that survey in the county (its sample size).",
                min=1,
                max=1_000_000,
            ),
        ),
        key="county_id",
    ),
    Table(
        "townships",
        "Townships and towns; each belongs to one county.",
        (
            C("township_id", "id", "", "Township id, e.g. T001."),
            C("county_id", "ref", "", "County the township belongs to.", ref_table="counties"),
            C("name", "text", "", "Township name (fictional)."),
            C("name_zh", "text", "", NAME_ZH, required=False),
        ),
        key="township_id",
    ),
    Table(
        "villages",
        "Administrative villages, each with one village Party organisation.",
        (
            C("village_id", "id", "", "Village id, e.g. V0001."),
            C("township_id", "ref", "", "Township of the village.", ref_table="townships"),
            C("name", "text", "", "Village name (fictional)."),
            C("name_zh", "text", "", NAME_ZH, required=False),
            C("households", "int", "households", "Registered households.", min=1, max=50_000),
            C(
                "venue_area_m2",
                "float",
                "m2",
                "Floor area of the village activity room.",
                min=0,
                max=100_000,
                min_exclusive=True,
            ),
            C(
                "venue_tenure",
                "enum",
                "",
                "Whether the activity room is owned or rented.",
                allowed=TENURES,
            ),
        ),
        key="village_id",
    ),
    Table(
        "communities",
        "Urban communities with their service venues.",
        (
            C("community_id", "id", "", "Community id, e.g. M001."),
            C("county_id", "ref", "", "County of the community.", ref_table="counties"),
            C("name", "text", "", "Community name (fictional)."),
            C("name_zh", "text", "", NAME_ZH, required=False),
            C("households", "int", "households", "Resident households.", min=1, max=100_000),
            C(
                "venue_area_m2",
                "float",
                "m2",
                "Floor area of the community service venue.",
                min=0,
                max=100_000,
                min_exclusive=True,
            ),
            C(
                "tier",
                "enum",
                "",
                "Venue tier today (area and equipment); 'below' = below the standard tier.",
                allowed=COMMUNITY_TIERS,
            ),
            C(
                "venue_tenure",
                "enum",
                "",
                "Whether the venue is owned or rented.",
                allowed=TENURES,
            ),
            C(
                "social_workers",
                "int",
                "persons",
                "Certified professional social workers working in the community.",
                min=0,
                max=1_000,
            ),
        ),
        key="community_id",
    ),
    Table(
        "secretaries",
        "Village Party organisation secretaries in post at plan start, one per village.",
        (
            C("secretary_id", "id", "", "Secretary id, e.g. S0001."),
            C("village_id", "ref", "", "Village the secretary serves.", ref_table="villages"),
            C("age", "int", "years", "Age at plan start.", min=18, max=80),
            C("education", "enum", "", "Highest education completed.", allowed=EDUCATION_LEVELS),
            C("tenure_years", "float", "years", "Years in post at plan start.", min=0, max=60),
            C(
                "trained_out_of_town",
                "bool",
                "",
                "Already completed an out-of-town training course before the plan.",
            ),
            C(
                "key_secretary",
                "bool",
                "",
                "Selected as a key secretary under target responsibility management.",
            ),
            C(
                "special_course",
                "bool",
                "",
                "The out-of-town course already completed was this plan's special course on "
                "agricultural industrialisation; only then does it count for the target. "
                "'no' (the default) puts the secretary in scope of the training plan again.",
                required=False,
                default="no",
            ),
        ),
        key="secretary_id",
        unique_together=("village_id",),
    ),
    Table(
        "township_secretaries",
        "Township Party committee secretaries in post at plan start, one per township.",
        (
            C("secretary_id", "id", "", "Township secretary id, e.g. P001."),
            C(
                "township_id",
                "ref",
                "",
                "Township whose Party committee the secretary leads.",
                ref_table="townships",
            ),
            C("age", "int", "years", "Age at plan start.", min=18, max=80),
            C("tenure_years", "float", "years", "Years in post at plan start.", min=0, max=60),
            C(
                "key_secretary",
                "bool",
                "",
                "Selected by the city as a key township secretary under target responsibility "
                "management.",
            ),
        ),
        key="secretary_id",
        unique_together=("township_id",),
    ),
    Table(
        "cadres",
        "Village 'two committees' members other than the secretary.",
        (
            C("cadre_id", "id", "", "Cadre id, e.g. K00001."),
            C("village_id", "ref", "", "Village the cadre serves.", ref_table="villages"),
            C("age", "int", "years", "Age at plan start.", min=18, max=80),
            C("education", "enum", "", "Highest education completed.", allowed=EDUCATION_LEVELS),
        ),
        key="cadre_id",
    ),
    Table(
        "talent_pool",
        "Members of the three reserve-talent pools at plan start, counted by county, pool and cohort.",
        (
            C("county_id", "ref", "", "County of the pool members.", ref_table="counties"),
            C("pool", "enum", "", "Reserve-talent pool.", allowed=POOLS),
            C(
                "cohort_year",
                "int",
                "year",
                "Year the members joined the pool; for college-graduate village officials "
                "the year their contract started.",
                min=1990,
                max=2100,
            ),
            C("members", "int", "persons", "Number of members.", min=0, max=100_000),
        ),
        unique_together=("county_id", "pool", "cohort_year"),
    ),
    Table(
        "training_bases",
        "Training bases that run out-of-town courses on agricultural industrialisation.",
        (
            C("base_id", "id", "", "Base id, e.g. B1."),
            C("name", "text", "", "Base name (fictional)."),
            C("name_zh", "text", "", NAME_ZH, required=False),
            C("out_of_town", "bool", "", "Whether a course here counts as out-of-town training."),
            C(
                "seats_per_class",
                "int",
                "trainees per class",
                "Seats in one class.",
                min=1,
                max=1_000,
            ),
            C("class_days", "int", "days", "Length of one class.", min=1, max=31),
            C(
                "cost_per_trainee_yuan",
                "float",
                "yuan per trainee",
                "Cost of one trainee's place: fees, travel and board.",
                min=0,
                max=1_000_000,
            ),
            C("months_allowed", "months", "", "Calendar months in which the base runs classes."),
            C(
                "max_classes_per_month",
                "int",
                "classes per month",
                "Most classes the base can run in one month.",
                min=0,
                max=100,
            ),
            C(
                "min_class_size",
                "int",
                "trainees per class",
                "Fewest trainees for a class to run: a smaller class is not held (a minimum "
                "above the seats means full classes only).",
                min=1,
                max=1_000,
                required=False,
                default="30",
            ),
            C(
                "cost_per_class_yuan",
                "float",
                "yuan per class",
                "Fixed cost of running one class, whatever its size: teachers, venue, "
                "organisation.",
                min=0,
                max=10_000_000,
                required=False,
                default="0",
            ),
        ),
        key="base_id",
    ),
    Table(
        "venue_tiers",
        "Floor-area and equipment standards for the village room and each community tier.",
        (
            C("tier", "enum", "", "Standard the row describes.", allowed=STANDARD_TIERS),
            C(
                "min_area_m2",
                "float",
                "m2",
                "Least floor area of the tier.",
                min=0,
                max=100_000,
                min_exclusive=True,
            ),
            C(
                "equipment_yuan",
                "float",
                "yuan per venue",
                "Cost of equipping a venue to this tier from scratch.",
                min=0,
                max=100_000_000,
            ),
        ),
        key="tier",
    ),
    Table(
        "venue_costs",
        "Building unit costs by county.",
        (
            C("county_id", "ref", "", "County the costs apply to.", ref_table="counties"),
            C(
                "new_build_yuan_per_m2",
                "float",
                "yuan per m2",
                "Cost of building new floor area.",
                min=0,
                max=1_000_000,
                min_exclusive=True,
            ),
            C(
                "renovation_yuan_per_m2",
                "float",
                "yuan per m2",
                "Cost of renovating existing floor area when a venue moves up a tier.",
                min=0,
                max=1_000_000,
            ),
            C(
                "purchase_yuan_per_m2",
                "float",
                "yuan per m2",
                "Cost of buying rented premises outright.",
                min=0,
                max=1_000_000,
                min_exclusive=True,
            ),
        ),
        unique_together=("county_id",),
    ),
    Table(
        "calendar",
        "Farm calendar: the share of village cadres who can leave for training in each month.",
        (
            C("month", "int", "month of year", "Calendar month 1-12.", min=1, max=12),
            C(
                "availability",
                "float",
                "share",
                "Share of a normal month's capacity usable for training (0 = blackout).",
                min=0,
                max=1,
            ),
            C("note", "text", "", "Farm work in that month.", required=False),
        ),
        key="month",
    ),
    Table(
        "agency_cadres",
        "Party members and cadres in government agencies, and the poor households paired "
        "with each (the pairing ledger).",
        (
            C("cadre_id", "id", "", "Agency cadre id, e.g. A00001."),
            C(
                "county_id",
                "ref",
                "",
                "County whose Party and government agencies employ the cadre (city agencies: "
                "the county they sit in).",
                ref_table="counties",
            ),
            C(
                "poor_households",
                "int",
                "households",
                "Poor households paired with the cadre (0 = none yet).",
                min=0,
                max=100,
            ),
            C(
                "paired_from",
                "month",
                "year-month",
                "Month the cadre's first pairing began or is scheduled to begin; empty when no "
                "household is paired.",
            ),
        ),
        key="cadre_id",
    ),
)

TABLE_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

QUOTA_INDICATORS = (
    "talent",
    "trained",
    "community_venues",
    "village_rooms",
    "socwork",
    "paired",
    "basic_pay",
)
"""Targets of the register that are split into county quotas (the ``indicator`` column of
``county_quotas``, the keys of ``assessment.quota_rule`` in a scenario)."""

OPTIONAL_TABLES: tuple[Table, ...] = (
    Table(
        "county_quotas",
        "Optional. County quotas written by the city for the targets whose quota rule is "
        "'table' (assessment.quota_rule in the scenario): one row per county and target. "
        "Needed only for those targets; every county is listed for each of them.",
        (
            C("county_id", "ref", "", "County the quota is set for.", ref_table="counties"),
            C(
                "indicator",
                "enum",
                "",
                "Target: reserve talents (talent), secretaries trained (trained), community "
                "venue projects (community_venues), village room projects (village_rooms), "
                "communities with a certified social worker (socwork), agency cadres paired "
                "(paired), basic pay paid in thousand yuan (basic_pay).",
                allowed=QUOTA_INDICATORS,
            ),
            C(
                "quota",
                "int",
                "persons, projects, communities or thousand yuan",
                "The county's quota at the target's deadline; the quotas of a target add up "
                "to the city target.",
                min=0,
                max=100_000_000,
            ),
        ),
        unique_together=("county_id", "indicator"),
    ),
)
"""Tables a data folder may hold or leave out (the loader reads them only when asked)."""

OPTIONAL_BY_NAME: dict[str, Table] = {t.name: t for t in OPTIONAL_TABLES}
