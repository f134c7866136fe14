"""What people read on a chart or beside it: every string of every figure, for every bundled
scenario and both languages, speaks through :mod:`planning.present`.

The whole figure JSON is walked (titles, axis titles, tick formats, trace names, hover
templates, texts, annotations, table cells, category labels) and checked for raw internals
(county ids, plan-month numbers, ``%Y-%m`` dates, Python values, raw yuan), for the wrong
money unit in Chinese, and for English words in a Chinese figure. A few exact strings are
computed by hand, and the subsidy compliance colours are checked on a two-county case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest

from planning import load_scenario, plan_training, plan_venues, run_talent
from planning import present as p
from planning.budget import fiscal_rollup
from planning.charts import talent as ct
from planning.charts import training as ctr
from planning.charts import venues as cv
from planning.models.subsidies import SubsidyBudget, budget_subsidies
from planning.models.talent import seek_intake
from planning.models.venues import least_venue_budget
from planning.paths import ROOT

SCENARIOS = sorted(f.stem for f in (ROOT / "data" / "scenarios").glob("*.yaml"))
LANGS = ("en", "zh")

TALENT = ("pools_chart", "fan_chart", "county_chart", "degree_chart", "socwork_chart")
TRAINING = ("coverage_chart", "gantt_chart", "absence_heatmap", "cost_chart")
VENUES = (
    "tier_mix_chart",
    "venue_spending_chart",
    "venue_village_spending_chart",
    "projects_done_chart",
    "venue_budget_chart",
)
SUBSIDIES = ("subsidy_cash_chart", "subsidy_compliance_table")
ROLLUP = ("rollup_chart", "rollup_county_chart")
BUILDERS = (
    [("talent", b) for b in TALENT]
    + [("training", b) for b in TRAINING]
    + [("venues", b) for b in VENUES]
    + [("subsidies", b) for b in SUBSIDIES]
    + [("rollup", b) for b in ROLLUP]
)


@dataclass(frozen=True)
class Results:
    talent: Any
    seek: Any
    training: Any
    venues: Any
    venue_seek: Any
    subsidies: Any
    rollup: pd.DataFrame


_CACHE: dict[str, Results] = {}


@pytest.fixture(scope="module")
def results(example_baseline):
    def get(name: str) -> Results:
        if name not in _CACHE:
            s = load_scenario(name).with_overrides({"run.mc_draws": 100})
            venues = plan_venues(example_baseline, s)
            training = plan_training(example_baseline, s)
            subsidies = budget_subsidies(example_baseline, s)
            _CACHE[name] = Results(
                talent=run_talent(example_baseline, s),
                seek=seek_intake(example_baseline, s),
                training=training,
                venues=venues,
                venue_seek=least_venue_budget(example_baseline, s),
                subsidies=subsidies,
                rollup=fiscal_rollup(venues, subsidies, training),
            )
        return _CACHE[name]

    return get


def build(r: Results, topic: str, name: str, lang: str):
    if name == "venue_village_spending_chart":
        return cv.venue_spending_chart(r.venues, lang, villages=True)
    module = {"talent": ct, "training": ctr}.get(topic, cv)
    arg = {
        "talent": r.talent,
        "training": r.training,
        "venues": r.venues,
        "subsidies": r.subsidies,
        "rollup": r.rollup,
    }[topic]
    return getattr(module, name)(arg, lang)


# --------------------------------------------------------------------------- walking a figure

# Keys whose strings people read (hover texts and labels included).
TEXT_KEYS = {
    "text",
    "hovertemplate",
    "hovertext",
    "name",
    "ticktext",
    "texttemplate",
    "values",
    "customdata",
    "ticksuffix",
    "tickprefix",
}
FORMAT_KEYS = {"tickformat", "hoverformat", "xhoverformat", "yhoverformat"}
CATEGORY_KEYS = {"x", "y"}  # strings here are category labels on an axis
ISO_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2}([ T][\d:.]+)?)?$")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple | np.ndarray | pd.Index | pd.Series):
        for v in list(value):
            yield from _strings(v)


def visible(fig) -> tuple[list[str], list[str]]:
    """Every string people read on ``fig``, and its d3 formats (tick and hover)."""
    texts: list[str] = []
    formats: list[str] = []

    def walk(node: Any, key: str | None = None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "template":
                    continue
                if k == "title":
                    texts.extend(_strings(v.get("text") if isinstance(v, dict) else v))
                if k in FORMAT_KEYS and isinstance(v, str):
                    formats.append(v)
                walk(v, k)
        elif isinstance(node, list | tuple | np.ndarray):
            items = list(node)
            if key in TEXT_KEYS:
                texts.extend(_strings(items))
            elif key in CATEGORY_KEYS:
                texts.extend(s for s in _strings(items) if not ISO_DATE.match(s))
            else:
                for item in items:
                    walk(item, key)
        elif (
            isinstance(node, str)
            and key in TEXT_KEYS | CATEGORY_KEYS
            and not (key in CATEGORY_KEYS and ISO_DATE.match(node))
        ):
            texts.append(node)

    walk(fig.to_plotly_json())
    return texts, formats


def numbers_on_axes(fig) -> Iterator[tuple[str, float]]:
    """The largest number of each trace's value axes (the numbers the ticks show)."""
    for trace in fig.data:
        if trace.type in ("table", "heatmap"):
            continue
        for axis in ("x", "y"):
            values = getattr(trace, axis, None)
            if values is None:
                continue
            if trace.type == "bar" and trace.base is not None and axis == "x":
                continue  # a Gantt bar's length in milliseconds on a date axis
            nums = [
                abs(float(v))
                for v in np.asarray(values, dtype=object).ravel()
                if isinstance(v, int | float | np.number) and not isinstance(v, bool)
            ]
            nums = [v for v in nums if not np.isnan(v)]
            if nums:
                yield f"{trace.name}.{axis}", max(nums)


# --------------------------------------------------------------------------- the rules

COUNTY_ID = re.compile(r"\bC\d\d\b")
PLAN_MONTH = re.compile(r"plan month|规划第|\bmonths? \d|\bby month\b|第\s*\d+\s*月", re.I)
PLURAL_HEDGE = re.compile(r"\(s\)|\b1 months\b|\b1 changes\b")
ISO_MONTH = re.compile(r"(?<![\d%])\d{4}-\d{2}(?![\d])")
PYTHON = re.compile(r"\b(nan|NaN|None|True|False|NaT|<NA>|inf)\b")
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d{6,}(?:\.\d+)?")
PLACEHOLDER = re.compile(r"%\{[^}]*\}|<[^>]+>|\{[a-z_]+\}")
LATIN = re.compile(r"[A-Za-z][A-Za-z'\-]+")
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_ALLOWED = {"m²"}


def _data_words(baseline, lang: str = "en") -> set[str]:
    """Ids the user typed in the data, allowed as is, and the names in the page's
    language (English names never pass on a Chinese page, nor Chinese ones on an
    English page)."""
    bases = baseline.training_bases
    ids = set(baseline.counties["county_id"]) | set(bases["base_id"])
    if lang == "zh":
        return (
            ids
            | set(baseline.names("counties", "zh").values())
            | set(baseline.names("training_bases", "zh").values())
        )
    return ids | set(baseline.counties["name"]) | set(bases["name"])


def problems(texts: list[str], formats: list[str], lang: str, data_words: set[str]) -> list:
    found = []
    for text in texts:
        bare = PLACEHOLDER.sub(" ", text)
        for rule, pattern in (
            ("county id", COUNTY_ID),
            ("plan month", PLAN_MONTH),
            ("(s) plural", PLURAL_HEDGE),
            ("ISO month", ISO_MONTH),
            ("Python value", PYTHON),
        ):
            if pattern.search(bare):
                found.append((rule, text))
        if "%Y-%m" in text:
            found.append(("%Y-%m", text))
        for number in NUMBER.findall(bare):
            if float(number.replace(",", "")) >= 100_000:
                found.append(("raw yuan", text))
        if lang == "zh":
            if "百万元" in text or "千元" in text:
                found.append(("百万元/千元", text))
            rest = bare
            for word in sorted(data_words, key=len, reverse=True):
                rest = rest.replace(word, " ")
            words = [w for w in LATIN.findall(rest) if w not in ZH_ALLOWED]
            if words:
                found.append((f"English {words}", text))
        elif CJK.search(
            " ".join(bare.replace(w, " ") for w in sorted(data_words, key=len, reverse=True))
        ):
            found.append(("Chinese in English", text))
    for fmt in formats:
        if "%Y-%m" in fmt:
            found.append(("%Y-%m format", fmt))
    return found


@pytest.mark.parametrize("topic,name", BUILDERS, ids=[b for _, b in BUILDERS])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_chart_speaks_through_the_presentation_layer(
    results, example_baseline, scenario, lang, topic, name
):
    fig = build(results(scenario), topic, name, lang)
    texts, formats = visible(fig)
    assert texts, "no text found: the walk is broken"
    found = problems(texts, formats, lang, _data_words(example_baseline, lang))
    assert not found, "\n".join(f"{rule}: {text!r}" for rule, text in found[:12])
    raw = [(where, v) for where, v in numbers_on_axes(fig) if v >= 100_000]
    assert not raw, f"raw yuan on an axis: {raw}"
    assert fig.layout.width is None, "a fixed width does not follow the container"


@pytest.mark.parametrize("topic,name", BUILDERS, ids=[b for _, b in BUILDERS])
@pytest.mark.parametrize("lang", LANGS)
def test_month_axes_and_hovers_show_dates_the_reader_writes(results, topic, name, lang):
    fig = build(results("baseline"), topic, name, lang)
    layout = fig.to_plotly_json()["layout"]
    for key, axis in layout.items():
        if not key.startswith(("xaxis", "yaxis")) or axis.get("type") != "date":
            continue
        assert axis.get("tickformat") == p.axis_month_format(lang), key
    for trace in fig.data:
        template = getattr(trace, "hovertemplate", None) or ""
        for field in re.findall(r"%\{(\w+)\|([^}]*)\}", template):
            assert field[1] == p.axis_month_format(lang), template


@pytest.mark.parametrize("topic,name", BUILDERS, ids=[b for _, b in BUILDERS])
def test_numeric_axes_never_use_si_suffixes(results, topic, name):
    """plotly's default ticks write 10k and 1.5M: every numeric axis sets its own format."""
    fig = build(results("tight_budget"), topic, name, "zh")
    layout = fig.layout
    for trace in fig.data:
        if trace.type not in ("scatter", "bar"):
            continue
        horizontal = getattr(trace, "orientation", None) == "h"
        ref = (trace.xaxis or "x") if horizontal else (trace.yaxis or "y")
        axis = layout[ref.replace("x", "xaxis").replace("y", "yaxis")]
        if axis.type in ("date", "category"):
            continue
        assert axis.tickformat, f"{trace.name}: axis {ref} has no tick format"


SENTENCES = {
    "talent": lambda r, lang: ct.summary_lines(r.talent, r.seek, lang),
    "training": lambda r, lang: ctr.summary_lines(r.training, lang),
    "venues": lambda r, lang: cv.venue_summary(r.venues, r.venue_seek, lang),
    "subsidies": lambda r, lang: [cv.subsidy_summary(r.subsidies, lang)],
}


@pytest.mark.parametrize("topic", sorted(SENTENCES))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_sentence_speaks_through_the_presentation_layer(
    results, example_baseline, scenario, lang, topic
):
    lines = SENTENCES[topic](results(scenario), lang)
    assert lines and all(isinstance(x, str) and x for x in lines)
    found = problems(lines, [], lang, _data_words(example_baseline, lang))
    # "million yuan" in a sentence is money written by present.money: never raw.
    found += [("raw yuan", x) for x in lines if re.search(r"\d{1,3}(,\d{3}){2,}", x)]
    assert not found, "\n".join(f"{rule}: {text!r}" for rule, text in found[:12])


# --------------------------------------------------------------------------- exact strings


def test_money_axes_are_scaled_and_titled_by_hand(results):
    plan = results("baseline").venues
    by_year = plan.spending_by_year
    villages = plan.village_spending_by_year
    largest = max(
        by_year["spent_yuan"].max(),
        by_year["budget_yuan"].max(),
        villages["spent_yuan"].max(),
        villages["budget_yuan"].max(),
    )
    assert 1e7 <= largest < 1e8  # tens of millions: 万元 in Chinese, million yuan in English
    en = cv.venue_budget_chart(plan, "en")
    assert en.layout.yaxis.title.text == "Spending (million yuan)"
    assert list(en.data[0].y) == pytest.approx((by_year["spent_yuan"] / 1e6).tolist())
    zh = cv.venue_budget_chart(plan, "zh")
    assert zh.layout.yaxis.title.text == "支出（万元）"
    assert list(zh.data[0].y) == pytest.approx((by_year["spent_yuan"] / 1e4).tolist())
    # The hover of a bar names its amount as a sentence would.
    first = by_year["spent_yuan"].iloc[0]
    assert p.money(first, "zh") in zh.data[0].customdata[0]
    assert p.money(first, "en") in en.data[0].customdata[0]


def test_training_cost_axis_in_thousand_yuan_for_a_small_plan():
    from test_training import CAL, TWO_BASES, tiny_baseline, tiny_scenario

    plan = plan_training(tiny_baseline({"A": 20, "B": 10}, {"B": 5}, TWO_BASES, CAL),
                         tiny_scenario())  # fmt: skip
    assert plan.cost["cost_yuan"].iloc[0] == 23_000
    en = ctr.cost_chart(plan, "en")
    assert en.layout.yaxis.title.text == "Cost (thousand yuan)"
    assert en.data[0].y[0] == pytest.approx(23.0)
    assert "23 thousand yuan" in en.data[0].hovertext[0]
    zh = ctr.cost_chart(plan, "zh")
    assert zh.layout.yaxis.title.text == "费用（万元）"
    assert zh.data[0].y[0] == pytest.approx(2.3)
    assert zh.data[0].hovertext[0].startswith("2014年：2.3万元")


def test_month_labels_by_hand(results):
    r = results("baseline")
    assert ct.county_chart(r.talent, "en").layout.title.text.endswith("(Dec 2016)")
    assert "2016年12月" in ct.county_chart(r.talent, "zh").layout.title.text
    first = r.talent.target.first_met
    en = ct.summary_lines(r.talent, r.seek, "en")[0]
    assert en.startswith(f"The pools pass 10,000 in {p.month_label(first, 'en')}, after the")
    assert "deadline of Dec 2016" in en
    zh = ct.summary_lines(r.talent, r.seek, "zh")[0]
    assert p.month_label(first, "zh") in zh and "2016年12月" in zh


def test_tight_budget_training_sentences_by_hand(results):
    lines = ctr.summary_lines(results("tight_budget").training, "en")
    text = "\n".join(lines)
    assert "197 secretaries would be trained late or not at all" in text
    assert "by 2 months" in text
    # The least budget (1,800,300 yuan: seats and each class's fixed cost) is rounded up to
    # what is shown, so the figure shown suffices.
    assert "from 1.5 million yuan to 1.81 million yuan" in text
    zh = "\n".join(ctr.summary_lines(results("tight_budget").training, "zh"))
    assert "从150万元提高到181万元" in zh and "2个月" in zh


def test_venue_sentences_by_hand(results):
    r = results("baseline")
    plan = r.venues
    when = p.month_label(p.period(plan.met_month, 2014), "en")
    en = cv.venue_summary(plan, r.venue_seek, "en")
    # Land in the district: one community is still short at the deadline.
    assert f"only in {when}, after the deadline of Dec 2016 (89 projects" in en[0]
    assert en[0].endswith("still short at the deadline: 1 community.")
    assert p.money(plan.total_cost_yuan, "en") in en[0]
    zh = cv.venue_summary(plan, r.venue_seek, "zh")
    assert p.month_label(p.period(plan.met_month, 2014), "zh") in zh[0]
    assert p.money(plan.total_cost_yuan, "zh") in zh[0]


# --------------------------------------------------------------------------- compliance


def _two_counties() -> SubsidyBudget:
    """County A pays above the same year's income; B exactly the prior-year income (below the
    same year's: compliant with a warning) in 2014 and less than it in 2015 (not compliant)."""
    rows = [
        # year, county, basic, prior income, same-year income
        (2014, "A", 12_000, 10_000, 11_000),
        (2015, "A", 13_000, 11_000, 12_000),
        (2014, "B", 9_000, 9_000, 9_900),
        (2015, "B", 9_500, 9_900, 10_800),
    ]
    comp = pd.DataFrame(
        rows,
        columns=[
            "year",
            "county_id",
            "basic_per_secretary_yuan",
            "income_prior_yuan",
            "income_same_year_yuan",
        ],
    )
    comp["margin_yuan"] = comp["basic_per_secretary_yuan"] - comp["income_prior_yuan"]
    comp["margin_share"] = comp["margin_yuan"] / comp["income_prior_yuan"]
    comp["compliant"] = comp["margin_yuan"] >= 0
    comp["compliant_same_year"] = comp["basic_per_secretary_yuan"] >= comp["income_same_year_yuan"]
    empty = pd.DataFrame()
    return SubsidyBudget(empty, empty, comp, 0.0, {"A": "Anping County", "B": "Baihe County"})


@pytest.mark.parametrize("lang", LANGS)
def test_compliance_colours_on_two_counties(lang):
    fig = cv.subsidy_compliance_table(_two_counties(), lang)
    table = fig.data[0]
    values, fills = table.cells.values, table.cells.fill.color
    assert list(values[0]) == ["Anping County", "Baihe County"]
    green, red = cv.COMPLIANCE_COLORS["compliant"], cv.COMPLIANCE_COLORS["not_compliant"]
    # Columns 2014, 2015; rows A, B.
    assert [list(fills[1]), list(fills[2])] == [[green, green], [green, red]]
    a14, b14, b15 = values[1][0], values[1][1], values[2][1]
    mark = cv.SAME_YEAR_MARK
    # The mark warns of a compliant cell below the same year's income; red needs none.
    assert mark not in a14 and mark in b14 and mark not in b15
    assert "-4" in b15
    assert a14.startswith("12,000") and b14.startswith("9,000")
    assert "+20 %" in a14 if lang == "en" else "+20%" in a14
    assert "0.0" not in b14  # equal to the standard: no "(+0.0 %)"
    legend = fig.layout.annotations[0].text
    assert mark in legend
    assert ("same year" in legend) if lang == "en" else ("当年" in legend)


def test_compliance_table_is_green_when_the_target_is_met(results):
    sb = results("baseline").subsidies
    assert sb.all_compliant
    fills = {c for col in cv.subsidy_compliance_table(sb).data[0].cells.fill.color[1:]
             for c in col}  # fmt: skip
    assert fills == {cv.COMPLIANCE_COLORS["compliant"]}
