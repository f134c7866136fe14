"""Labels, help texts, choices and units of every scenario parameter, in English and Chinese.

English comes from the schema itself (:mod:`planning.scenario`), so it never drifts; this
module holds the Simplified Chinese. Keys: ``field.<dotted key>``, ``help.<dotted key>``,
``choice.<dotted key>.<value>`` and ``unit.<unit text>``. A test proves every field of the
schema has its Chinese label, help and choices, and every unit its translation.
"""

from __future__ import annotations

from ..scenario import FIELDS

POOLS_ZH = {
    "cgvo": "大学生村官",
    "returnee": "返乡农民工和创业人员",
    "leader": "农村致富带头人",
}

# Groups of three per-pool fields: (short name of the quantity, help sentence).
POOL_GROUPS_ZH = {
    "talent.intake_per_year": ("招募", "首个规划年全市每年新招募的后备人才人数。"),
    "talent.attrition_rate": ("流失率", "每年离开人才库的成员比例（外迁、失去意愿等）。"),
    "talent.attrition_spread": ("流失率不确定性", "年流失率的不确定性：标准差，以比例点计。"),
    "talent.appointment_share": ("任用", "从人才库补充的村干部空缺中分配给各人才库的比例。"),
    "talent.degree_share": ("有大专学历", "从各人才库任用的人员中具有大专及以上学历的比例。"),
}

# dotted key -> (label, help)
FIELDS_ZH: dict[str, tuple[str, str]] = {
    # talent
    "talent.intake_ramp": (
        "年度招募增长率",
        "首年之后每年的招募人数按此比例增长（0.1 = 每年增长10%）。",
    ),
    "talent.intake_split": ("招募人数在各县的分配方式", "全市招募人数在各县之间如何分配。"),
    "talent.county_weights": (
        "各县权重",
        "分配方式为“按固定的县权重”时各县（按县代码）的权重；未列出的县为0。",
    ),
    "talent.intake_fill_rate": ("招募完成率", "计划招募人数中实际招到的比例。"),
    "talent.fill_rate_spread": ("完成率不确定性", "蒙特卡洛模拟中招募完成率的标准差。"),
    "talent.cgvo_intake_month": ("大学生村官到岗月份", "每年大学生村官到岗的日历月份。"),
    "talent.returnee_spring_share": (
        "春节前后返乡比例",
        "在1-3月（春节前后）加入人才库的返乡人员比例；其余在4-12月均匀加入。",
    ),
    "talent.contract_years": ("大学生村官聘期", "大学生村官一个聘期的年数。"),
    "talent.renewal_share": ("聘期届满留任比例", "聘期届满时选择留任的村官比例。"),
    "talent.renewal_spread": ("留任比例不确定性", "蒙特卡洛模拟中留任比例的标准差。"),
    "talent.promotion_mode": (
        "选拔方式",
        "每年选拔固定人数的村官，或按在岗村官的一定比例选拔。",
    ),
    "talent.promotion_count": (
        "每年选拔进入乡镇的村官人数",
        "每年从大学生村官中选拔进入乡镇岗位的人数（全市合计）。",
    ),
    "talent.promotion_share": ("每年选拔村官比例", "选拔方式为“在岗村官的一定比例”时使用。"),
    "talent.promotion_month": ("选拔月份", "每年选拔生效的日历月份。"),
    "talent.cadre_turnover_rate": ("村干部年更替率", "正常年份离开岗位的村干部比例。"),
    "talent.election_month": (
        "换届选举月份",
        "村委会和村党组织换届选举的规划月份（10 = 第1年10月）。",
    ),
    "talent.election_term_years": ("任期", "两次换届之间的年数（2018年前为3年，之后为5年）。"),
    "talent.election_replacement_share": (
        "换届时更换的村干部比例",
        "换届选举时更换的村干部比例。",
    ),
    "talent.vacancies_from_pools": (
        "从后备人才库补充的空缺比例",
        "村干部空缺中从后备人才库任用补充的比例。",
    ),
    "talent.other_recruit_degree_share": (
        "其他新任村干部的学历比例",
        "不是来自人才库的新任村干部中具有大专学历的比例。",
    ),
    "talent.upgrade_seats_per_year": (
        "学历提升名额",
        "每年为没有大专学历的年轻村干部提供的学历提升教育名额。",
    ),
    "talent.young_share_new_cadres": (
        "其他新任村干部中的年轻人比例",
        "从返乡人员库、致富带头人库或人才库以外任用的新任村干部中，年龄不超过年轻干部上限的"
        "比例（大学生村官均为年轻干部）。",
    ),
    "talent.new_cadre_age": (
        "年轻新任村干部年龄",
        "计为年轻干部的新任村干部任职时的假定年龄（不超过年轻干部年龄上限）。",
    ),
    "talent.upgrade_start_month": ("学历提升入学月份", "每年学历提升学员入学的日历月份。"),
    "talent.upgrade_years": ("学历提升学制", "从入学到取得大专学历所需的年数。"),
    "talent.young_age_limit": ("年轻村干部年龄上限", "年龄不超过此值的村干部计为年轻干部。"),
    "talent.exam_month": ("社会工作者考试月份", "全国社会工作者职业水平考试的日历月份。"),
    "talent.exam_candidates_per_community": (
        "每个社区报考人数",
        "没有持证社会工作者的社区每年报考的人数。",
    ),
    "talent.exam_pass_rate": ("考试通过率", "报考人员通过社会工作者考试的比例。"),
    "talent.social_worker_leaving_rate": (
        "社会工作者流失率",
        "持证社会工作者每年离开所在社区的比例。",
    ),
    # training
    "training.deadline_month": (
        "现任书记培训期限",
        "规划开始时在任的每一位村党组织书记完成异地培训的规划月份。",
    ),
    "training.new_secretary_window_months": (
        "新任书记培训时限",
        "新任书记上任后须在此月数内完成培训。",
    ),
    "training.yearly_churn": ("非换届年份书记更替率", "正常年份更换的书记比例。"),
    "training.election_month": (
        "换届选举月份",
        "村党组织换届选举的规划月份（10 = 第1年10月）。",
    ),
    "training.election_term_years": ("任期", "两次换届之间的年数。"),
    "training.election_replacement_share": (
        "换届时更换的书记比例",
        "换届选举时更换的书记比例。",
    ),
    "training.absence_cap_share": (
        "同时外出培训的书记上限",
        "一个月内一个县的书记中外出参加培训的最大比例。",
    ),
    "training.blackout_below": (
        "农忙停训阈值",
        "农时可用度低于此值的月份不安排培训班。",
    ),
    "training.classes_per_month_scale": (
        "培训班容量倍数",
        "把每个基地每月最多班次乘以此倍数（2 = 翻一番）。",
    ),
    "training.yearly_budget_yuan": (
        "年度培训预算",
        "全市每年培训支出的上限；不填 = 不设上限。",
    ),
    "training.include_in_town_bases": (
        "计入本地培训",
        "同时使用不属于异地培训的基地（这些培训不计入目标）。",
    ),
    "training.roster_priority": ("培训先后顺序", "谁先参加培训。"),
    "training.cap_follows_calendar": (
        "外出上限随农时调整",
        "关闭：外出人数不超过上限与当月农时可用度中较小者；开启（更严格）：上限按可用度缩放（1月为10%×0.6=6%）。",
    ),
    "training.extra_classes": (
        "追加班次",
        "在基地每月上限之外追加购买的班次，键为“基地:年份”（例如 {'B2:2015': 4}）；"
        "在该年基地允许的月份开班。",
    ),
    # venues
    "venues.deadline_month": (
        "社区场所建设期限",
        "达到等级结构和自有产权目标的规划月份。",
    ),
    "venues.demonstration_share_min": ("示范型社区比例不低于", "达到示范型的社区最低比例。"),
    "venues.quality_or_better_share_min": (
        "优质型及以上社区比例不低于",
        "达到优质型及以上的社区最低比例。",
    ),
    "venues.require_owned": ("场所全部自有产权", "租用的场所须购买（或以新建场所替代）。"),
    "venues.yearly_budget_yuan": (
        "年度社区场所预算",
        "全市每年用于社区活动场所的支出上限。",
    ),
    "venues.county_budget_shares": (
        "各县预算份额",
        "可选：为各县（按县代码）预留的年度预算份额；不填 = 全市统筹。",
    ),
    "venues.season_start_month": (
        "施工季开始",
        "可以开工的第一个日历月份（此前地面冻结）。",
    ),
    "venues.season_end_month": ("施工季结束", "施工的最后一个日历月份。"),
    "venues.project_months": ("工期", "一个场所项目所需的施工季月数。"),
    "venues.max_concurrent_per_county": (
        "每县同时在建项目数",
        "一个县同时在建的场所项目上限。",
    ),
    "venues.priority": ("建设先后顺序", "哪些社区先建。"),
    "venues.village_deadline_month": (
        "村级活动场所期限",
        "所有村级活动场所达到村级标准的规划月份。",
    ),
    "venues.village_yearly_budget_yuan": (
        "年度村级活动场所预算",
        "全市每年用于村级活动场所达标的支出上限。",
    ),
    "venues.village_project_months": (
        "村级活动场所工期",
        "一个村级活动场所项目所需的施工季月数。",
    ),
    "venues.village_max_concurrent_per_county": (
        "每县同时在建村级场所数",
        "一个县同时在建的村级活动场所项目上限。",
    ),
    # subsidies
    "subsidies.income_multiplier": (
        "基本补贴与农民人均纯收入之比",
        "每名书记的基本补贴为所在县上年农民人均纯收入的倍数（不低于1）。",
    ),
    "subsidies.income_growth_source": (
        "收入增长依据",
        "按下列年度增长率增长，或按各县自身近年的增长率增长。",
    ),
    "subsidies.income_growth_by_year": (
        "各年农民收入增长率",
        "各规划年农民人均纯收入的增长率（第一个数 = 第1年）。",
    ),
    "subsidies.grade_shares": ("考核等次比例", "年终考核各等次书记所占比例；合计为1。"),
    "subsidies.grade_bonus": (
        "各等次绩效补贴",
        "绩效补贴占年度基本补贴的比例，按考核等次（0-0.5）。",
    ),
    "subsidies.performance_pay_month": (
        "绩效补贴发放月份",
        "年终之后由乡镇发放绩效补贴的日历月份。",
    ),
    # targets
    "targets.talent_total_min": ("后备人才总数超过", "三个人才库合计须超过此数。"),
    "targets.talent_deadline_month": ("后备人才目标期限", "人才库合计须超过目标的规划月份。"),
    "targets.degree_share_min": (
        "年轻村干部大专以上学历比例",
        "年轻村干部中具有大专及以上学历的比例。",
    ),
    "targets.degree_deadline_month": ("学历目标期限", "须达到学历比例的规划月份。"),
    "targets.socwork_share_min": (
        "配有社会工作者的社区比例",
        "至少有一名持证社会工作者的社区比例。",
    ),
    "targets.socwork_deadline_month": (
        "社会工作者目标期限",
        "每个社区都有持证社会工作者的规划月份。",
    ),
    "targets.key_share": (
        "实行目标责任管理的重点书记比例",
        "约此比例的书记作为重点书记实行目标责任管理。",
    ),
    "targets.satisfaction_min": ("群众满意度超过", "规划力争超过的群众满意率。"),
    "targets.at_risk_probability": (
        "风险概率阈值",
        "中心情景达标、但达标概率低于此值的目标标为“有风险”。",
    ),
    # run
    "run.start_year": ("规划首年", "规划第1个月为该年1月（基准年为前一年）。"),
    "run.horizon_years": ("规划期", "模拟的年数。"),
    "run.seed": ("随机种子", "所有随机抽样的种子；相同的种子得到相同的结果。"),
    "run.mc_draws": ("蒙特卡洛抽样次数", "不确定参数的抽样次数；0 = 不做蒙特卡洛模拟。"),
    "run.language": ("语言", "工作簿和简报使用的语言。"),
}

CHOICES_ZH: dict[str, dict[str, str]] = {
    "talent.intake_split": {
        "villages": "按行政村数量",
        "population": "按农村人口",
        "weights": "按固定的县权重",
    },
    "talent.promotion_mode": {"count": "每年固定人数", "share": "在岗村官的一定比例"},
    "training.roster_priority": {
        "key_then_tenure": "先重点书记，再按任职时间从长到短",
        "tenure": "任职时间最长者优先",
        "village": "按村代码顺序",
    },
    "venues.priority": {
        "households": "户数多的社区优先",
        "cheapest": "造价低的项目优先",
        "worst": "场所最差的优先",
    },
    "subsidies.income_growth_source": {
        "scenario": "下列年度增长率",
        "county": "各县自身的增长率",
    },
    "run.language": {"en": "English", "zh": "简体中文"},
}

UNITS_ZH: dict[str, str] = {
    "availability share": "可用度",
    "classes per year": "班次/年",
    "draws": "次",
    "month of year": "月份",
    "months": "个月",
    "persons": "人",
    "persons per year": "人/年",
    "plan month": "规划月",
    "projects": "个",
    "relative weight": "相对权重",
    "seats per year": "名额/年",
    "share": "比例",
    "share of a county's secretaries": "占本县书记比例",
    "share of basic": "占基本补贴比例",
    "share per year": "比例/年",
    "share points": "比例点",
    "x": "倍",
    "x income per capita": "倍人均纯收入",
    "year": "年",
    "years": "年",
    "yuan per year": "元/年",
}


def _zh_label_help(key: str) -> tuple[str, str] | None:
    if key in FIELDS_ZH:
        return FIELDS_ZH[key]
    group, _, pool = key.rpartition(".")
    if group in POOL_GROUPS_ZH and pool in POOLS_ZH:
        short, help_zh = POOL_GROUPS_ZH[group]
        return f"{short}：{POOLS_ZH[pool]}", help_zh
    return None


def _build() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for key, f in FIELDS.items():
        zh = _zh_label_help(key)
        if zh is not None:
            table[f"field.{key}"] = {"en": f.label, "zh": zh[0]}
            table[f"help.{key}"] = {"en": f.help, "zh": zh[1]}
        for value, label in (f.choices or {}).items():
            zh_choice = CHOICES_ZH.get(key, {}).get(value)
            if zh_choice is not None:
                table[f"choice.{key}.{value}"] = {"en": label, "zh": zh_choice}
        if f.unit and f.unit in UNITS_ZH:
            table[f"unit.{f.unit}"] = {"en": f.unit, "zh": UNITS_ZH[f.unit]}
    return table


MESSAGES = _build()
"""Built from the schema: English from the field metadata, Chinese from the tables above."""
