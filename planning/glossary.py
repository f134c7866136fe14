"""One term per concept: the words every page, chart, table and file uses, in both languages.

Chinese follows the register of a Party organisation department (the terms of the city's
implementation opinions and of DOMAIN.md section 6); English follows the same concepts.
Each term lists the variants that are *not* used, so that a test
(``tests/test_glossary.py``) can prove no message table, scenario title or description
uses one. ``docs/glossary.md`` is rendered from this table (:func:`glossary_markdown`).

A variant is plain text, or a pair ``(shown, regex)`` when it is wrong only in some
contexts (``县`` alone is wrong, ``县（市、区）`` and ``县级`` are right).

>>> find_variants("各县基本补贴", "zh")
[('基本报酬；绩效报酬（合称报酬）', '基本补贴'), ('基本报酬；绩效报酬（合称报酬）', '补贴'), ('县（市、区）', '县 (alone)')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Variant = str | tuple[str, str]


@dataclass(frozen=True)
class Term:
    """One concept and the one word for it in each language.

    Attributes
    ----------
    concept : str
        What the term means, in plain English.
    zh, en : str
        The words used (several forms separated by ``；`` / ``;`` when the concept has
        parts, e.g. the three pools).
    avoid_zh, avoid_en : tuple
        Variants never used for this concept.
    note : str
        How the term is used, when its form depends on the place.
    """

    concept: str
    zh: str
    en: str
    avoid_zh: tuple[Variant, ...] = ()
    avoid_en: tuple[Variant, ...] = ()
    note: str = ""


TERMS: tuple[Term, ...] = (
    Term(
        "service-oriented grassroots Party organisation",
        "服务型基层党组织",
        "service-oriented grassroots Party organisation",
        ("基层服务型党组织",),
    ),
    Term(
        "the city's document the workbook follows",
        "实施意见",
        "the plan (implementation opinions)",
        ("规划", "方案要求", "文件要求"),
        note="Chinese never calls the document 规划; its periods are 实施首年, 实施之初 and 测算期.",
    ),
    Term("the first year of the plan", "实施首年", "the first plan year", ("规划首年", "第一年")),
    Term(
        "the month the plan starts",
        "实施之初",
        "plan start",
        ("规划初期", "规划开始", "实施初期"),
    ),
    Term(
        "the years the workbook computes",
        "测算期",
        "horizon (the years computed)",
        ("规划期", "模拟期"),
    ),
    Term(
        "a month of the plan",
        "2016年12月（实施第36个月 only where the number helps）",
        "Dec 2016",
        ("规划第", ("第N月", r"第\s*\d+\s*月"), "规划月"),
        note="Dates are written as 年月; a month number is never shown alone.",
    ),
    Term(
        "village Party secretary",
        "村党组织书记（书记 after the first mention）",
        "village Party secretary",
        ("村书记", "村支书", "村党支部书记"),
    ),
    Term(
        "rural reserve talents",
        "农村后备人才（后备人才）",
        "reserve talents",
        ("后备干部", "储备人才"),
    ),
    Term(
        "a pool of reserve talents",
        "后备人才库（人才库）",
        "pool",
        (("队伍", r"(?<!人员)队伍"),),
    ),
    Term("the first pool", "大学生村官", "college-graduate village officials", ("大学生村干部",)),
    Term(
        "the second pool",
        "外出务工经商返乡人员",
        "returning migrant workers and business people",
        (
            "返乡农民工",
            "创业人员",
            ("返乡人员 (alone)", r"(?<!外出务工经商)返乡人员"),
        ),
        (("returning migrants", r"\breturning migrants\b"), ("returnees", r"\breturnees?\b")),
    ),
    Term(
        "the third pool",
        "农村致富带头人",
        "local leaders in getting rich",
        ("致富能人", ("致富带头人 (alone)", r"(?<!农村)致富带头人")),
    ),
    Term(
        "people joining a pool",
        "新增入库",
        "intake",
        ("招募", "招收", "多招"),
    ),
    Term("people leaving a pool", "出库", "attrition", ("流失",)),
    Term(
        "the three community tiers and below",
        "达标社区；优质社区；示范社区；未达标",
        "standard; quality; demonstration; below standard",
        ("标准型", "标准社区", "质量型", "优质型", "精品型", "示范型", "不达标"),
        note="The mix reads 达标社区、优质社区、示范社区分别占社区总数的30%、30%、40%.",
    ),
    Term(
        "the premises of a community",
        "社区组织活动场所",
        "community venue",
        ("社区活动场所", "社区场所", "社区服务场所"),
    ),
    Term(
        "the premises of a village",
        "村级组织活动场所",
        "village activity room",
        ("村级活动场所", "村级场所", "村活动室"),
    ),
    Term(
        "a secretary's pay",
        "基本报酬；绩效报酬（合称报酬）",
        "basic pay; performance pay",
        ("基本补贴", "绩效补贴", "补贴", "绩效工资"),
        (
            ("subsidy", r"\bsubsid(y|ies)\b"),
            ("basic subsidy", r"\bbasic subsidy\b"),
        ),
    ),
    Term(
        "the yearly assessment grades of a secretary",
        "优秀；称职；基本称职；不称职",
        "excellent; competent; basically competent; incompetent",
        ("良好", "合格"),
    ),
    Term(
        "the course every secretary attends",
        "异地专题培训",
        "out-of-town special training",
        ("异地培训", "轮训", "外地培训"),
    ),
    Term(
        "one course run once",
        "培训班（计数为期：20期）",
        "class",
        ("班次",),
    ),
    Term("a place in a class", "培训名额", "seat", ("座位",)),
    Term(
        "a secretary away from the village for training",
        "离岗",
        "away",
        (("外出 (not 外出务工)", r"外出(?!务工)"),),
    ),
    Term(
        "certified social worker",
        "持证社会工作者",
        "certified social worker",
        ("社工",),
    ),
    Term(
        "key secretaries under target responsibility management",
        "目标责任管理",
        "target responsibility management",
        ("目标管理",),
    ),
    Term(
        "promotion of college-graduate village officials",
        "选拔（招录）为乡镇公务员、进入乡镇领导班子",
        "promoted to township posts",
        ("乡镇岗位", "乡镇干部"),
    ),
    Term(
        "the register of the plan's targets",
        "目标任务清单",
        "target register",
        ("目标登记表", "规划目标一览", "登记表", "一览"),
    ),
    Term(
        "a target without a model",
        "定性任务（未测算）；状态：未测算",
        "qualitative task (tracked, not modelled); status: tracked",
        ("跟踪", "仅跟踪"),
    ),
    Term(
        "the statuses of a target",
        "完成；有风险；未完成；未测算；设定保证",
        "met; at risk; missed; tracked; guaranteed by the settings",
        ("达成",),
        note="设定保证 is the status of a target that holds by construction of the settings; "
        "sentences and cards say it whole: 由参数设定保证，并非测算结果.",
    ),
    Term("the date a target is due", "时限（完成时限）", "deadline", ("期限", "截止")),
    Term(
        "satisfaction",
        "群众和党员对基层党组织的满意率（满意率）",
        "satisfaction rate with grassroots Party organisations",
        ("满意度",),
    ),
    Term(
        "money",
        "元；万元；亿元",
        "yuan; thousand yuan; million yuan",
        ("百万元", "千元", "千万元"),
    ),
    Term(
        "rural income per capita",
        "农民人均纯收入",
        "rural income per capita",
        (("人均纯收入 (alone)", r"(?<!农民)人均纯收入"), "人均可支配收入"),
    ),
    Term(
        "a county-level unit",
        "县（市、区）",
        "county",
        (("县 (alone)", r"(?<!市、)县(?!（市、区）|级|委|（不含县级市）)"),),
        note="县级 and 县委 keep their form; 市、县两级 is the plan's own phrase.",
    ),
    Term(
        "the uncertainty runs",
        "随机模拟",
        "Monte Carlo draws",
        ("蒙特卡洛", "抽样"),
    ),
    Term("a set of settings", "测算方案（方案）", "scenario", ("情景",)),
    Term(
        "young cadres' education",
        "大专及以上学历",
        "junior-college degree or above",
        ("大专以上", "大专学历"),
    ),
    Term("the ledger of quarterly returns", "工作台账", "progress ledger", ("进度台账",)),
)
"""Every concept with its one term in each language."""


def _pattern(variant: Variant, lang: str) -> tuple[str, re.Pattern]:
    if isinstance(variant, tuple):
        shown, regex = variant
        return shown, re.compile(regex, 0 if lang == "zh" else re.I)
    if lang == "zh":
        return variant, re.compile(re.escape(variant))
    return variant, re.compile(rf"\b{re.escape(variant)}\b", re.I)


IDENTIFIERS = re.compile(r"\b(?:cgvo|returnee|leader|subsidies|social_work)\b(?=[:,)])")
"""Names a machine reads (the pools' ids, the sheets of a county return) written as such in
a message, ``subsidies: ...`` or ``(cgvo, returnee, leader)``: not words, so not variants."""


def find_variants(text: str, lang: str) -> list[tuple[str, str]]:
    """The avoided variants ``text`` uses: ``(term, variant)`` pairs, in glossary order."""
    text = IDENTIFIERS.sub(" ", text)
    found = []
    for term in TERMS:
        avoid = term.avoid_zh if lang == "zh" else term.avoid_en
        for v in avoid:
            shown, pattern = _pattern(v, lang)
            if pattern.search(text):
                found.append((term.zh if lang == "zh" else term.en, shown))
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def glossary_markdown() -> str:
    """``docs/glossary.md``: the table of terms with the variants not used."""
    head = (
        "# Glossary: one term per concept\n\n"
        "Every label, sentence, chart, table and file of the workbook uses these words, in\n"
        "Chinese as an organisation department writes them and in English. The variants in\n"
        "the last columns are not used; `tests/test_glossary.py` checks every message table\n"
        "(`planning/i18n/`), the bundled scenarios' titles and descriptions, and the data\n"
        "dictionary against them. This file is rendered from `planning/glossary.py`\n"
        "(`python -m planning.glossary > docs/glossary.md`); edit the table there.\n\n"
        "| concept | Chinese | English | not used (Chinese) | not used (English) |\n"
        "|---|---|---|---|---|\n"
    )
    rows = []
    for term in TERMS:
        avoid_zh = "、".join(_pattern(v, "zh")[0] for v in term.avoid_zh) or "-"
        avoid_en = "; ".join(_pattern(v, "en")[0] for v in term.avoid_en) or "-"
        rows.append(
            f"| {_cell(term.concept)} | {_cell(term.zh)} | {_cell(term.en)} "
            f"| {_cell(avoid_zh)} | {_cell(avoid_en)} |\n"
        )
    notes = [f"- **{t.zh.split('（')[0]}**: {t.note}\n" for t in TERMS if t.note]
    tail = "\n## Notes\n\n" + "".join(notes) if notes else ""
    return head + "".join(rows) + tail


if __name__ == "__main__":  # pragma: no cover
    print(glossary_markdown(), end="")
