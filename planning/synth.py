"""Seeded generator of the fictional Example City (and of larger or smaller variants).

The numbers follow the reference figures of the plan's domain: 10 county-level units,
1,336 villages with one secretary each, about 165 townships, 168 urban communities, about
3,300 reserve talents in three pools, a handful of training bases, venue standards and the
farm calendar. Every name is invented and every number is illustrative.

``generate`` builds a typed :class:`~planning.data.Baseline` in memory; ``write_csv`` writes
it as the CSV folder the loader reads; ``data_dictionary_markdown`` renders ``data/README.md``
from :mod:`planning.tables`. Run ``python -m planning.synth --help`` to regenerate files.

Determinism: every draw comes from ``numpy.random.default_rng(seed)`` in a fixed order (and
from ``default_rng([seed, stream])`` for columns and tables added later, one stream each, so
that adding one leaves every other byte unchanged); nothing depends on ``hash()`` or set
ordering, so the same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .data import Baseline
from .limits import LIMITS
from .paths import DATA_DIR, EXAMPLE_CITY_DIR
from .tables import (
    COMMUNITY_TIERS,
    EDUCATION_LEVELS,
    ILLUSTRATIVE_NOTE,
    OPTIONAL_TABLES,
    POOLS,
    TABLE_BY_NAME,
    TABLES,
    Column,
    Table,
)

DEFAULT_SEED = 2013
"""Seed of the bundled Example City (the plan's base year)."""

COMMENT_LINE = f"# {ILLUSTRATIVE_NOTE}"
"""First line of every generated CSV file; the loader skips leading '#' lines."""

BASE_YEAR = 2013

SURVEY_STREAM = 1
"""Stream of the survey columns: columns and tables added to the generator later draw from
their own ``default_rng([seed, stream])``, so adding one never changes the others."""
PAIRING_STREAM = 2
"""Stream of the agency cadres and their pairing with poor households."""
TOWNSHIP_STREAM = 3
"""Stream of the township Party committee secretaries."""

AGENCY_CADRES_CITY = 4000
"""Party members and cadres in the city's and counties' agencies (an assumption)."""
PAIRING_WAVES = (
    # share of cadres, first and last month the pairing began (none = not paired yet)
    (0.015, None, None),
    (0.030, "2015-01", "2015-06"),
    (0.300, "2014-04", "2014-12"),
    (0.655, "2013-10", "2014-03"),
)
"""When agency cadres were paired with poor households: most during the mass-line campaign
of 2013-14, a few in 2015, some not yet (assumptions of the Example City)."""


@dataclass(frozen=True)
class ScaleSpec:
    """Sizes of one generated city.

    ``kinds`` counts districts, county-level cities and counties; ``townships`` is a target
    (the count per county is rounded); the other counts are exact.
    """

    kinds: tuple[int, int, int]
    villages: int
    townships: int
    communities: int
    out_of_town_bases: int
    party_schools: int


SCALES: dict[str, ScaleSpec] = {
    "city": ScaleSpec((1, 3, 6), villages=1336, townships=165, communities=168,
                      out_of_town_bases=4, party_schools=1),
    "province": ScaleSpec((13, 39, 78), villages=9050, townships=1117, communities=3755,
                          out_of_town_bases=27, party_schools=13),
    "tiny": ScaleSpec((0, 1, 1), villages=8, townships=3, communities=4, out_of_town_bases=1,
                      party_schools=1),
}  # fmt: skip
"""Named sizes: ``city`` is the Example City; ``province`` the whole province; ``tiny`` for tests."""

# Reference rates (DOMAIN.md section 2).
CITY_VILLAGES = 1336
TALENT_CITY = {"cgvo": 750, "returnee": 1150, "leader": 1400}  # about 3,300 in all
CGVO_COHORTS = {2011: 0.30, 2012: 0.33, 2013: 0.37}  # contract start years still in post
OTHER_COHORTS = {2009: 0.10, 2010: 0.15, 2011: 0.20, 2012: 0.25, 2013: 0.30}
TIER_SHARES = (0.35, 0.35, 0.20, 0.10)  # below, standard, quality, demonstration
TIER_AREA_M2 = {"below": (90, 290), "standard": (300, 490), "quality": (500, 780),
                "demonstration": (800, 1200)}  # fmt: skip
TIER_RENTED = {"below": 0.30, "standard": 0.20, "quality": 0.12, "demonstration": 0.05}
TIER_SOCIAL_WORKERS = {"below": 0.15, "standard": 0.25, "quality": 0.30, "demonstration": 0.50}
VENUE_TIERS = (("village", 150.0, 10000.0), ("standard", 300.0, 30000.0),
               ("quality", 500.0, 50000.0), ("demonstration", 800.0, 80000.0))  # fmt: skip
CALENDAR = (
    (1, 0.6, "Winter slack season; main training window (November-January)."),
    (2, 0.4, "Spring Festival; fewer cadres can leave."),
    (3, 0.5, "Preparing for spring ploughing."),
    (4, 0.1, "Sowing starts mid-April; blackout."),
    (5, 0.05, "Sowing and transplanting; blackout."),
    (6, 0.2, "Transplanting ends mid-June; field management."),
    (7, 0.7, "Second window (July to mid-August)."),
    (8, 0.6, "Second window closes mid-August."),
    (9, 0.2, "Harvest starts mid-September; blackout."),
    (10, 0.05, "Autumn harvest; blackout."),
    (11, 0.8, "Harvest ends early November; main window opens."),
    (12, 0.9, "Winter slack season; main training window."),
)
BASE_MONTHS = ((1, 2, 11, 12), (1, 7, 8, 11, 12), (7, 8, 11, 12), (1, 3, 11, 12),
               (1, 2, 3, 7, 8, 11, 12), (1, 11, 12))  # fmt: skip
PARTY_SCHOOL_MONTHS = (1, 2, 3, 7, 8, 11, 12)

SYLLABLES = (
    "an", "bai", "bei", "chang", "cheng", "de", "dong", "feng", "fu", "gu", "hai", "he",
    "hong", "hua", "jin", "kang", "le", "lin", "ling", "liu", "long", "mao", "ming", "nan",
    "ning", "ping", "qing", "quan", "rong", "shan", "shui", "shun", "song", "tai", "tian",
    "xi", "xin", "yang", "yu", "yuan",
)  # fmt: skip
NAME_STEMS = tuple(a.capitalize() + b for a in SYLLABLES for b in SYLLABLES if a != b)
KIND_NAMES = ("district", "city", "county")
KIND_SUFFIX = {"district": "District", "city": "City", "county": "County"}

# One character per syllable (a place-like reading of it), so every invented name has a
# Chinese form: 'Songfeng District' is 松丰区. Names stay fictional.
SYLLABLE_ZH = dict(
    zip(
        SYLLABLES,
        "安白北昌城德东丰福古海河红华金康乐林岭柳龙茂明南宁平青泉荣山水顺松泰天西新阳玉源",
        strict=True,
    )
)
STEM_ZH = {
    a.capitalize() + b: SYLLABLE_ZH[a] + SYLLABLE_ZH[b]
    for a in SYLLABLES
    for b in SYLLABLES
    if a != b
}
KIND_SUFFIX_ZH = {"district": "区", "city": "市", "county": "县"}
SUFFIX_ZH = {"Town": "镇", "Township": "乡", "Village": "村", "Community": "社区"}


def generate(scale: str = "city", seed: int = DEFAULT_SEED) -> Baseline:
    """Generate a fictional, illustrative baseline.

    Parameters
    ----------
    scale : {"city", "province", "tiny"}
        ``city`` is the Example City (10 county-level units, 1,336 villages, 168
        communities); ``province`` about 130 counties and 9,050 villages; ``tiny`` two
        counties and a handful of rows, for tests.
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives the same data.

    Returns
    -------
    Baseline
        Typed frames following :data:`planning.tables.TABLES` exactly.

    Examples
    --------
    >>> b = generate("city")
    >>> len(b.villages), len(b.counties)
    (1336, 10)
    """
    from .errors import UsageError

    if scale not in SCALES:
        raise UsageError(f"scale {scale!r} is unknown; expected one of {', '.join(SCALES)}")
    if not isinstance(seed, int | np.integer) or isinstance(seed, bool) or seed < 0:
        raise UsageError(f"seed {seed!r} is not allowed; expected a whole number >= 0")
    spec = SCALES[scale]
    rng = np.random.default_rng(int(seed))
    counties, villages_per_county = _counties_skeleton(spec, rng)
    townships, villages = _townships_and_villages(spec, counties, villages_per_county, rng)
    counties = _county_figures(counties, villages, townships, rng)
    counties.update(_surveys(counties, np.random.default_rng([int(seed), SURVEY_STREAM])))
    frames = {
        "counties": counties,
        "townships": townships,
        "villages": villages,
        "communities": _communities(spec, counties, rng),
        "secretaries": _secretaries(villages, rng),
        "township_secretaries": _township_secretaries(
            townships, np.random.default_rng([int(seed), TOWNSHIP_STREAM])
        ),
        "cadres": _cadres(villages, rng),
        "talent_pool": _talent_pool(counties, villages_per_county, spec.villages, rng),
        "training_bases": _training_bases(spec, counties, rng),
        "venue_tiers": {
            "tier": [t[0] for t in VENUE_TIERS],
            "min_area_m2": [t[1] for t in VENUE_TIERS],
            "equipment_yuan": [t[2] for t in VENUE_TIERS],
        },
        "venue_costs": _venue_costs(counties, rng),
        "calendar": {
            "month": [c[0] for c in CALENDAR],
            "availability": [c[1] for c in CALENDAR],
            "note": [c[2] for c in CALENDAR],
        },
        "agency_cadres": _agency_cadres(
            counties, spec.villages, np.random.default_rng([int(seed), PAIRING_STREAM])
        ),
    }
    typed = {name: _typed_frame(TABLE_BY_NAME[name], cols) for name, cols in frames.items()}
    return Baseline(**typed, source=f"<synth scale={scale} seed={int(seed)}>")


# ---------------------------------------------------------------------------
# helpers


def _apportion(total: int, weights: np.ndarray, minimum: int = 0) -> np.ndarray:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    weights = np.asarray(weights, dtype=float)
    base = np.full(len(weights), minimum, dtype=np.int64)
    rest = total - base.sum()
    if rest < 0:
        raise ValueError("total is smaller than the minimum allotment")
    exact = rest * weights / weights.sum()
    out = np.floor(exact).astype(np.int64)
    short = int(rest - out.sum())
    order = np.argsort(-(exact - out), kind="stable")
    out[order[:short]] += 1
    return base + out


def _ids(prefix: str, n: int, width: int) -> list[str]:
    width = max(width, len(str(n)))
    return [f"{prefix}{i:0{width}d}" for i in range(1, n + 1)]


def _stems(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct invented name stems such as 'Beiling'."""
    idx = rng.choice(len(NAME_STEMS), size=n, replace=n > len(NAME_STEMS))
    return [NAME_STEMS[i] for i in idx]


def _name_zh(name: str) -> str:
    """The Chinese form of an invented name: 'Heshan Village' -> '河山村'."""
    stem, _, suffix = name.rpartition(" ")
    return STEM_ZH[stem] + SUFFIX_ZH[suffix]


def _pick(rng: np.random.Generator, levels: Sequence[str], probs: Sequence[float], n: int):
    return np.asarray(levels, dtype=object)[rng.choice(len(levels), size=n, p=probs)]


def _typed_frame(table: Table, cols: dict) -> pd.DataFrame:
    """A frame with exactly the table's columns, in order, with the loader's dtypes."""
    return pd.DataFrame({c.name: _typed_series(c, cols[c.name]) for c in table.columns})


def _typed_series(col: Column, values) -> pd.Series:
    if col.kind in ("id", "ref", "text", "enum", "month"):
        return pd.Series([str(v) for v in values], dtype="str")
    if col.kind == "int":
        return pd.Series(np.asarray(values, dtype=np.int64))
    if col.kind == "float":
        return pd.Series(np.asarray(values, dtype=np.float64))
    if col.kind == "bool":
        return pd.Series(np.asarray(values, dtype=bool))
    if col.kind == "months":
        return pd.Series([tuple(int(m) for m in v) for v in values], dtype=object)
    raise ValueError(f"unknown column kind {col.kind!r}")


# ---------------------------------------------------------------------------
# tables


def _counties_skeleton(spec: ScaleSpec, rng: np.random.Generator):
    kinds = [k for k, n in zip(KIND_NAMES, spec.kinds, strict=True) for _ in range(n)]
    n = len(kinds)
    kind_arr = np.asarray(kinds)
    # Districts are mostly urban: few villages, many communities.
    village_weight = np.select(
        [kind_arr == "district", kind_arr == "city"], [0.35, 1.0], default=1.25
    ) * rng.lognormal(0.0, 0.25, n)
    community_weight = np.select(
        [kind_arr == "district", kind_arr == "city"], [4.0, 1.5], default=0.6
    ) * rng.lognormal(0.0, 0.25, n)
    stems = _stems(rng, n)
    names = [f"{stem} {KIND_SUFFIX[k]}" for stem, k in zip(stems, kinds, strict=True)]
    counties = {
        "county_id": _ids("C", n, 2),
        "name": names,
        "name_zh": [
            STEM_ZH[stem] + KIND_SUFFIX_ZH[k] for stem, k in zip(stems, kinds, strict=True)
        ],
        "kind": kinds,
        "_community_weight": community_weight,
    }
    return counties, _apportion(spec.villages, village_weight, minimum=1)


def _townships_and_villages(spec, counties, villages_per_county, rng):
    per_township = spec.villages / spec.townships
    n_town = np.maximum(1, np.rint(villages_per_county / per_township)).astype(np.int64)
    n_town = np.minimum(n_town, villages_per_county)
    town_county = np.repeat(counties["county_id"], n_town)
    town_ids = _ids("T", len(town_county), 3)
    town_stems = _stems(rng, len(town_ids))
    suffix = np.where(rng.random(len(town_ids)) < 0.5, "Town", "Township")
    townships = {
        "township_id": town_ids,
        "county_id": list(town_county),
        "name": [f"{s} {x}" for s, x in zip(town_stems, suffix, strict=True)],
        "name_zh": [STEM_ZH[s] + SUFFIX_ZH[x] for s, x in zip(town_stems, suffix, strict=True)],
    }
    counts = []
    for nv, nt in zip(villages_per_county, n_town, strict=True):
        counts.extend(_apportion(int(nv), rng.lognormal(0.0, 0.3, int(nt)), minimum=1))
    counts = np.asarray(counts, dtype=np.int64)
    n = int(counts.sum())
    names = []
    for k in counts:  # names unique within a township, as in real life not across them
        names.extend(f"{NAME_STEMS[i]} Village" for i in rng.choice(len(NAME_STEMS), k, False))
    households = np.clip(np.rint(rng.lognormal(np.log(850), 0.35, n)), 120, 4000)
    area = np.clip(np.rint(rng.lognormal(np.log(140), 0.4, n)), 40, 600)
    villages = {
        "village_id": _ids("V", n, 4),
        "township_id": list(np.repeat(town_ids, counts)),
        "name": names,
        "name_zh": [_name_zh(x) for x in names],
        "households": households,
        "venue_area_m2": area,
        "venue_tenure": np.where(rng.random(n) < 0.15, "rented", "owned"),
    }
    return townships, villages


def _county_figures(counties, villages, townships, rng):
    n = len(counties["county_id"])
    kind = np.asarray(counties["kind"])
    town_county = dict(zip(townships["township_id"], townships["county_id"], strict=True))
    village_county = pd.Series([town_county[t] for t in villages["township_id"]])
    households = pd.Series(villages["households"]).groupby(village_county).sum()
    households = households.reindex(counties["county_id"]).to_numpy()
    persons_per_household = rng.uniform(2.7, 3.2, n)
    urban_bonus = np.select([kind == "district", kind == "city"], [0.08, 0.03], default=0.0)
    income = 9634 * (1 + urban_bonus + np.clip(rng.normal(0, 0.07, n), -0.14, 0.14))
    out = dict(counties)
    out.update(
        population=np.rint(households * persons_per_household),
        rural_income_yuan=np.rint(np.clip(income, 9634 * 0.85, 9634 * 1.15)),
        income_growth=np.round(np.clip(rng.normal(0.11, 0.01, n), 0.08, 0.14), 3),
        secretary_pay_yuan=np.rint(rng.uniform(5000, 8000, n) / 100) * 100,
        satisfaction=np.round(np.clip(rng.normal(0.82, 0.06, n), 0.65, 0.97), 3),
    )
    return out


def _surveys(counties, rng):
    """Sample sizes of the masses' survey and the Party members' survey per county, and the
    members' rate (members rate their own organisations a little higher, as is usual)."""
    n = len(counties["county_id"])
    masses = np.asarray(counties["satisfaction"], dtype=float)
    members = np.round(np.clip(masses + rng.normal(0.05, 0.03, n), 0.6, 0.99), 3)
    return {
        "satisfaction_respondents": np.rint(rng.uniform(300, 800, n) / 10) * 10,
        "member_satisfaction": members,
        "member_respondents": np.rint(rng.uniform(100, 300, n) / 10) * 10,
    }


def _agency_cadres(counties, n_villages, rng):
    """Agency cadres by county (more where agencies concentrate: districts, then cities)
    and the poor households paired with each, with the month the pairing began."""
    kind = np.asarray(counties["kind"])
    weight = np.asarray(counties["population"], dtype=float) * np.select(
        [kind == "district", kind == "city"], [2.0, 1.3], default=1.0
    )
    total = max(len(weight), round(AGENCY_CADRES_CITY * n_villages / CITY_VILLAGES))
    per_county = _apportion(total, weight, minimum=1)
    n = int(per_county.sum())
    shares = np.array([w[0] for w in PAIRING_WAVES])
    wave = rng.choice(len(PAIRING_WAVES), size=n, p=shares / shares.sum())
    u = rng.random(n)
    months = []
    for w, x in zip(wave, u, strict=True):
        _, first, last = PAIRING_WAVES[w]
        if first is None:
            months.append("")
            continue
        lo, hi = pd.Period(first, "M"), pd.Period(last, "M")
        months.append(str(lo + int(x * ((hi - lo).n + 1))))
    paired = np.array([m != "" for m in months])
    households = np.where(paired, 1 + rng.poisson(0.6, n), 0)
    return {
        "cadre_id": _ids("A", n, 5),
        "county_id": list(np.repeat(counties["county_id"], per_county)),
        "poor_households": households,
        "paired_from": months,
    }


def _communities(spec, counties, rng):
    n = spec.communities
    per_county = _apportion(n, counties.pop("_community_weight"))
    county = np.repeat(counties["county_id"], per_county)
    households = np.clip(np.rint(rng.lognormal(np.log(2500), 0.4, n)), 800, 6000)
    # Bigger communities tend to have better venues; exact tier shares, noisy ranking.
    score = np.log(households) + rng.normal(0, 0.5, n)
    tier_counts = _apportion(n, np.asarray(TIER_SHARES))
    tier = np.empty(n, dtype=object)
    tier[np.argsort(score, kind="stable")] = np.repeat(COMMUNITY_TIERS, tier_counts)
    lo = np.array([TIER_AREA_M2[t][0] for t in tier], dtype=float)
    hi = np.array([TIER_AREA_M2[t][1] for t in tier], dtype=float)
    area = np.rint(lo + (hi - lo) * rng.random(n))
    rented = rng.random(n) < np.array([TIER_RENTED[t] for t in tier])
    workers = rng.poisson(np.array([TIER_SOCIAL_WORKERS[t] for t in tier]))
    names = []
    for k in per_county:
        names.extend(f"{NAME_STEMS[i]} Community" for i in rng.choice(len(NAME_STEMS), k, False))
    return {
        "community_id": _ids("M", n, 3),
        "county_id": list(county),
        "name": names,
        "name_zh": [_name_zh(x) for x in names],
        "households": households,
        "venue_area_m2": area,
        "tier": tier,
        "venue_tenure": np.where(rented, "rented", "owned"),
        "social_workers": workers,
    }


def _secretaries(villages, rng):
    n = len(villages["village_id"])
    key = np.zeros(n, dtype=bool)
    key[rng.choice(n, size=round(n / 3), replace=False)] = True
    trained = rng.random(n) < np.where(key, 0.45, 0.30)
    age = np.clip(np.rint(rng.normal(48, 6.5, n)), 32, 62)
    education = _pick(rng, EDUCATION_LEVELS, (0.05, 0.33, 0.40, 0.16, 0.06, 0.0), n)
    tenure = np.round(np.minimum(np.clip(rng.gamma(2.0, 3.5, n), 0, 20), age - 22), 1)
    return {
        "secretary_id": _ids("S", n, 4),
        "village_id": villages["village_id"],
        "age": age,
        "education": education,
        "tenure_years": tenure,
        "trained_out_of_town": trained,
        "key_secretary": key,
        # The special course is new with the plan: no earlier course was this one.
        "special_course": np.zeros(n, dtype=bool),
    }


def _township_secretaries(townships, rng):
    """One Party committee secretary per township; about one third selected by the city as
    key secretaries under target responsibility management (the plan's "about one-third")."""
    n = len(townships["township_id"])
    key = np.zeros(n, dtype=bool)
    key[rng.choice(n, size=round(n / 3), replace=False)] = True
    age = np.clip(np.rint(rng.normal(45, 5, n)), 32, 58)
    tenure = np.round(np.clip(rng.gamma(2.0, 1.6, n), 0.2, 10.0), 1)
    return {
        "secretary_id": _ids("P", n, 3),
        "township_id": townships["township_id"],
        "age": age,
        "tenure_years": tenure,
        "key_secretary": key,
    }


def _cadres(villages, rng):
    # About 6.5 'two committees' members per village, one of them the secretary.
    per_village = rng.choice([4, 5, 6, 7], size=len(villages["village_id"]),
                             p=[0.15, 0.30, 0.40, 0.15])  # fmt: skip
    n = int(per_village.sum())
    young = rng.random(n) < 0.30
    age = np.where(
        young,
        rng.integers(23, 36, n),
        np.clip(np.rint(rng.normal(49, 7, n)), 36, 65),
    )
    edu_young = _pick(rng, EDUCATION_LEVELS, (0.0, 0.20, 0.35, 0.30, 0.14, 0.01), n)
    edu_older = _pick(rng, EDUCATION_LEVELS, (0.12, 0.45, 0.35, 0.06, 0.02, 0.0), n)
    return {
        "cadre_id": _ids("K", n, 5),
        "village_id": list(np.repeat(villages["village_id"], per_village)),
        "age": age,
        "education": np.where(young, edu_young, edu_older),
    }


def _talent_pool(counties, villages_per_county, n_villages, rng):
    weights = villages_per_county * rng.lognormal(0.0, 0.2, len(villages_per_county))
    rows = {"county_id": [], "pool": [], "cohort_year": [], "members": []}
    per_pool = {}
    for pool in POOLS:
        total = round(TALENT_CITY[pool] * n_villages / CITY_VILLAGES)
        per_pool[pool] = _apportion(total, weights * rng.lognormal(0.0, 0.15, len(weights)))
    for i, county_id in enumerate(counties["county_id"]):
        for pool in POOLS:
            cohorts = CGVO_COHORTS if pool == "cgvo" else OTHER_COHORTS
            years = list(cohorts)
            members = rng.multinomial(per_pool[pool][i], list(cohorts.values()))
            for year, m in zip(years, members, strict=True):
                rows["county_id"].append(county_id)
                rows["pool"].append(pool)
                rows["cohort_year"].append(year)
                rows["members"].append(int(m))
    return rows


def _training_bases(spec, counties, rng):
    n_out, n_school = spec.out_of_town_bases, spec.party_schools
    n = n_out + n_school
    out = np.arange(n) < n_out
    stems = _stems(rng, n)
    # Party schools sit in rural counties where there are some, else in any county.
    named = list(zip(counties["name"], counties["name_zh"], strict=True))
    rural = [c for c, k in zip(named, counties["kind"], strict=True) if k == "county"]
    hosts = rural or named
    school_names = [hosts[i % len(hosts)] for i in range(n_school)]
    names = [f"{s} Agricultural Industrialisation Base" for s in stems[:n_out]]
    names += [f"{c} Party School" for c, _ in school_names]
    names_zh = [f"{STEM_ZH[s]}农业产业化培训基地" for s in stems[:n_out]]
    names_zh += [f"{c}委党校" for _, c in school_names]
    seats = np.where(out, rng.integers(5, 17, n) * 10, rng.integers(6, 13, n) * 10)
    days = np.where(out, rng.integers(5, 8, n), rng.integers(3, 6, n))
    cost = np.where(
        out,
        np.clip(np.rint(rng.normal(4500, 400, n) / 100) * 100, 3600, 5600),
        np.clip(np.rint(rng.normal(1500, 150, n) / 50) * 50, 1200, 1900),
    )
    option = rng.integers(0, len(BASE_MONTHS), n)
    months = [
        BASE_MONTHS[o] if is_out else PARTY_SCHOOL_MONTHS
        for o, is_out in zip(option, out, strict=True)
    ]
    return {
        "base_id": _ids("B", n, 1),
        "name": names,
        "name_zh": names_zh,
        "out_of_town": out,
        "seats_per_class": seats,
        "class_days": days,
        "cost_per_trainee_yuan": cost,
        "months_allowed": months,
        "max_classes_per_month": rng.integers(1, 4, n),
        # Drawn from nothing (no random numbers), so every other file stays as it was:
        # the usual minimum of 30, and teachers and venue at 2,500 yuan a class day out of
        # town, 1,000 at a party school.
        "min_class_size": np.full(n, 30),
        "cost_per_class_yuan": days * np.where(out, 2500.0, 1000.0),
    }


def _venue_costs(counties, rng):
    n = len(counties["county_id"])
    kind = np.asarray(counties["kind"])
    dearer = np.select([kind == "district", kind == "city"], [1.15, 1.05], default=1.0)
    new_build = np.clip(1200 * dearer * rng.lognormal(0.0, 0.15, n), 900, 1800)
    return {
        "county_id": counties["county_id"],
        "new_build_yuan_per_m2": np.rint(new_build / 10) * 10,
        "renovation_yuan_per_m2": np.rint(rng.uniform(400, 600, n) / 10) * 10,
        "purchase_yuan_per_m2": np.rint(np.minimum(rng.uniform(3000, 4700, n) * dearer, 5000) / 50)
        * 50,
    }


# ---------------------------------------------------------------------------
# writing


def format_cell(col: Column, value) -> str:
    """One value as CSV text: yes/no bools, '1,2,11,12' months, shortest round-trip floats.

    Examples
    --------
    >>> from planning.tables import TABLE_BY_NAME
    >>> format_cell(TABLE_BY_NAME["villages"].column("venue_area_m2"), 150.0)
    '150'
    """
    if col.kind == "bool":
        return "yes" if value else "no"
    if col.kind == "months":
        return ",".join(str(int(m)) for m in value)
    if col.kind == "int":
        return str(int(value))
    if col.kind == "float":
        x = float(value)
        return str(int(x)) if x.is_integer() else repr(x)
    return str(value)


def csv_text(baseline: Baseline, table: Table) -> str:
    """The CSV text of one table: the illustrative-data comment line, header, rows."""
    frame = baseline.table(table.name)
    columns = [[format_cell(c, v) for v in frame[c.name].tolist()] for c in table.columns]
    buf = io.StringIO()
    buf.write(COMMENT_LINE + "\n")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.column_names)
    writer.writerows(zip(*columns, strict=True))
    return buf.getvalue()


def write_csv(baseline: Baseline, out_dir: str | Path) -> list[Path]:
    """Write every table as ``OUT_DIR/NAME.csv`` (UTF-8, LF line endings).

    Files are written to a temporary folder next to ``out_dir`` first and then moved into
    place, so an interrupted run never leaves a half-written data set. Each file starts with
    one ``#`` comment line saying the data are illustrative; the loader skips it.

    Parameters
    ----------
    baseline : Baseline
        Data to write, e.g. ``generate("province")``.
    out_dir : str or Path
        Folder to write into; created when missing. Other files in it are left alone.

    Returns
    -------
    list of Path
        The files written, in table order.

    Examples
    --------
    >>> write_csv(generate("tiny"), "/tmp/tiny_city")[0].name
    'counties.csv'
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}-") as tmp:
        for table in TABLES:
            (Path(tmp) / table.filename).write_bytes(csv_text(baseline, table).encode("utf-8"))
        for table in TABLES:
            os.replace(Path(tmp) / table.filename, out / table.filename)
            written.append(out / table.filename)
    return written


# ---------------------------------------------------------------------------
# data dictionary

KIND_WORDS = {
    "id": "text (id)",
    "ref": "text (id)",
    "text": "text",
    "enum": "text (choice)",
    "int": "whole number",
    "float": "number",
    "bool": "yes/no",
    "months": "list of months",
    "month": "year and month",
}

_DICTIONARY_INTRO = """\
# Example City data: data dictionary

> **{note}**
>
> Every file in `data/example_city/` describes the fictional *Example City*: the names
> are invented, and the numbers are drawn by a seeded generator (`planning/synth.py`) from
> public reference figures for a prefecture-level city of this kind (10 county-level
> units, about 1,336 villages, about 168 urban communities, about 3,300 reserve talents).
> Each CSV file repeats the notice in its first line.

This page is generated from the table contract in `planning/tables.py`; do not edit it by
hand (run `python -m planning.synth` after changing the contract).

## The files at a glance

| file | what it holds | key | rows in Example City |
|---|---|---|---:|
"""

_DICTIONARY_USAGE = """\

## Regenerating the data, and other sizes

```sh
python -m planning.synth                                    # rewrites data/example_city and this page
python -m planning.synth --scale province --out DIR         # about 9,050 villages, 130 counties
python -m planning.synth --scale tiny --out DIR --seed 7    # two counties, for quick tests
```

The generator is deterministic: the same scale and seed always give byte-identical files
(the bundled data use seed {seed}). All files are written to a temporary folder first and
moved into place only once every one is complete, so a failed run leaves no half-written
file behind. In Python,
`planning.synth.generate(scale, seed)` returns the same data as a `Baseline` without
touching the disk.

## Using your own data

Bring the figures of a real city in either form, then check them with
`planning validate --data DIR_OR_XLSX` (every problem is listed with file, line and column):

- **A folder of CSV files**, one per table, named as below (`counties.csv`, ...). Copy
  `data/example_city/` and replace the rows.
- **One Excel workbook** with one sheet per table, named like the files without `.csv`.
  `planning template --out my.xlsx` writes such a workbook with the right headers, a few
  example rows and a sheet explaining every column.

Format rules:

- Text is UTF-8 (Excel's "CSV UTF-8" is fine, with or without BOM); a file saved in a
  legacy encoding is rejected with a request to re-save it as UTF-8.
- The header (column names) is the first line; lines starting with `#` are allowed at the
  top, before the header, for notes such as the illustrative-data notice.
- Use the column names listed below; columns the contract does not know are reported as
  warnings. A few columns have a default (named in their row below): they may be left out,
  and an empty cell takes the default. Mind `secretaries.special_course`: an out-of-town
  course taken before the plan counts for the training target only where it says `yes`
  (the course was this plan's special course on agricultural industrialisation); left out,
  every secretary is in scope of the training plan, as in the Example City, which marks no
  earlier course as the special one.
- yes/no columns accept `yes`/`no` (also `true`/`false`, `1`/`0`); month lists are month
  numbers separated by commas, e.g. `1,2,11,12`; numbers use a decimal point, shares are
  written as fractions (0.35, not 35 %).
- Every reference (a village's township, a township's county, ...) must name an id that
  exists in the referenced table.
- Numbers must be finite and within the bounds listed for their column; the upper bounds
  come from the domain (a class has at most 1,000 seats) and catch typing errors such as
  `1e20`.
- Ids and text cells must not hold control characters (NUL, U+0001, ...), which a
  spreadsheet does not show; text cells may hold tabs and line breaks.
- In a workbook, every formula must have its computed value saved with it: open the file
  in Excel or WPS and save it once before validating. Sheets other than the tables (a
  README, charts) are ignored; each table's sheet must be an ordinary sheet.

## Limits

Input beyond these limits is refused at once, with a message naming the limit
(`planning/limits.py`):

| limit | value |
|---|---|
{limits}
## Tables
"""


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _key_text(table: Table) -> str:
    if table.key:
        return f"`{table.key}`"
    if len(table.unique_together) == 1:
        return f"`{table.unique_together[0]}` (one row each)"
    if table.unique_together:
        return " + ".join(f"`{c}`" for c in table.unique_together) + " (one row per combination)"
    return "none"


def _table_section(table: Table) -> str:
    lines = [
        f"### `{table.filename}`",
        "",
        f"{table.description} Key: {_key_text(table)}.",
        "",
        "| column | type | unit | allowed values | meaning |",
        "|---|---|---|---|---|",
    ]
    for c in table.columns:
        allowed = c.allowed_text()
        if not c.required and c.default is None:
            allowed += "; may be left empty"
        lines.append(
            f"| `{c.name}` | {KIND_WORDS[c.kind]} | {_md_cell(c.unit) or '-'} "
            f"| {_md_cell(allowed)} | {_md_cell(c.description)} |"
        )
    return "\n".join(lines) + "\n"


def data_dictionary_markdown() -> str:
    """The data dictionary (``data/README.md``), generated from :mod:`planning.tables`.

    Lists every table (file, what a row is, key, rows in the Example City) and every column
    (type, unit, allowed values, meaning), with how to regenerate the data and how to bring
    one's own. A test keeps the committed ``data/README.md`` equal to this text.

    Examples
    --------
    >>> data_dictionary_markdown().splitlines()[0]
    '# Example City data: data dictionary'
    """
    rows = generate("city", DEFAULT_SEED).summary()
    parts = [_DICTIONARY_INTRO.format(note=ILLUSTRATIVE_NOTE)]
    for t in TABLES:
        parts.append(
            f"| [`{t.filename}`](#{t.name}csv) | {_md_cell(t.description)} "
            f"| {_key_text(t)} | {rows[t.name]:,} |\n"
        )
    limits = "".join(f"| {what} | {value} |\n" for what, value in LIMITS)
    parts.append(_DICTIONARY_USAGE.format(seed=DEFAULT_SEED, limits=limits))
    for t in TABLES:
        parts.append("\n" + _table_section(t))
    parts.append(
        "\n## Optional tables\n\nA data folder (or workbook) may hold these besides the tables "
        "above; the Example City needs none of them.\n"
    )
    for t in OPTIONAL_TABLES:
        parts.append("\n" + _table_section(t))
    return "".join(parts)


# ---------------------------------------------------------------------------
# command line


def build_parser() -> argparse.ArgumentParser:
    """Parser of ``python -m planning.synth``."""
    p = argparse.ArgumentParser(
        prog="python -m planning.synth",
        description="Generate the fictional, illustrative Example City data (or a larger or "
        "smaller variant) as CSV files. The same seed gives byte-identical files. Without "
        "arguments, regenerates the bundled data/example_city and data/README.md.",
    )
    p.add_argument(
        "--scale",
        default="city",
        choices=list(SCALES),
        help="city: 10 counties, 1,336 villages (default); province: about 130 counties, "
        "9,050 villages; tiny: two counties, for tests",
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        help=f"folder to write the CSV files into (default: {_rel(EXAMPLE_CITY_DIR)})",
    )
    p.add_argument(
        "--seed",
        type=_seed_arg,
        default=DEFAULT_SEED,
        help=f"random seed, a whole number >= 0 (default: {DEFAULT_SEED})",
    )
    p.add_argument(
        "--returns",
        action="store_true",
        help="also write county returns for 2014Q1-2015Q2 (returns/, returns_with_errors/); "
        "always done for the bundled Example City",
    )
    p.add_argument(
        "--readme",
        metavar="FILE",
        help="also write the data dictionary (Markdown) to FILE; without --out this is "
        f"{_rel(DATA_DIR / 'README.md')}",
    )
    return p


def _seed_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"found {text!r}; expected a whole number >= 0") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"found {text!r}; expected a whole number >= 0")
    return value


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m planning.synth``; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else EXAMPLE_CITY_DIR
    readme = Path(args.readme) if args.readme else None
    if args.out is None and readme is None and args.scale == "city":
        readme = DATA_DIR / "README.md"
    if args.out is None and (args.scale != "city" or args.seed != DEFAULT_SEED):
        parser.error(
            f"--out DIR is required with --scale {args.scale} --seed {args.seed}; "
            f"{_rel(EXAMPLE_CITY_DIR)} holds the bundled Example City (scale city, "
            f"seed {DEFAULT_SEED})"
        )
    if out.exists() and not out.is_dir():
        parser.error(f"--out {args.out}: exists and is not a folder")
    baseline = generate(args.scale, args.seed)
    try:
        files = write_csv(baseline, out)
        if readme is not None:
            readme.parent.mkdir(parents=True, exist_ok=True)
            readme.write_bytes(data_dictionary_markdown().encode("utf-8"))
        returns = []
        if args.returns or args.out is None:
            from .scenario import load_scenario
            from .synth_returns import write_example_returns

            returns = write_example_returns(baseline, load_scenario("baseline"), args.seed, out)
    except OSError as exc:
        print(f"python -m planning.synth: error: cannot write: {exc}", file=sys.stderr)
        return 2
    rows = baseline.summary()
    print(f"wrote {len(files)} files to {_rel(out)} (scale {args.scale}, seed {args.seed}):")
    for name, n in rows.items():
        print(f"  {name + '.csv':<20} {n:>7,} rows")
    if readme is not None:
        print(f"wrote the data dictionary to {_rel(readme)}")
    if returns:
        print(f"wrote {len(returns)} county returns to {_rel(out / 'returns')} and "
              f"{_rel(out / 'returns_with_errors')}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
