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
    "returnee": "外出务工经商返乡人员",
    "leader": "农村致富带头人",
}

# Groups of three per-pool fields: (short name of the quantity, help sentence).
TARGETS_ZH = {
    "talent": "农村后备人才",
    "trained": "书记异地专题培训",
    "community_venues": "社区组织活动场所项目",
    "village_rooms": "村级组织活动场所项目",
    "socwork": "有持证社会工作者的社区",
    "paired": "结对帮扶的机关党员干部",
    "basic_pay": "基本报酬发放",
}
"""Targets split into county quotas (``assessment.quota_rule.*``, ``assessment.weight.*``)."""

POOL_GROUPS_ZH = {
    "talent.intake_per_year": ("年新增入库", "实施首年全市每年新增入库的人数。"),
    "talent.attrition_rate": ("年出库率", "每年出库（外迁、不再愿意等）的人数占入库人数的比例。"),
    "talent.attrition_spread": (
        "出库率不确定性",
        "年出库率的不确定性：标准差，以百分点计。",
    ),
    "talent.appointment_share": (
        "任用占比",
        "从人才库任用补充的村干部空缺中，各人才库所占的比例（三项之和不为1时按比例折算）。",
    ),
    "talent.degree_share": (
        "大专及以上学历比例",
        "从各人才库任用的人员中具有大专及以上学历的比例。",
    ),
    "assessment.quota_rule": (
        "任务分解办法",
        "全市目标任务分解到各县（市、区）的办法：按行政村数、社区数或人口比例，按方案本身对各县"
        "（市、区）的测算，或按任务分解表（county_quotas.csv）所列；分解数为整数，合计等于全市目标"
        "（最大余数法）。",
    ),
    "assessment.weight": (
        "考核权重",
        "该项任务在县（市、区）考核得分中的相对权重（按截至当期应完成数的完成率加权）；0 = 不计分。",
    ),
}

# dotted key -> (label, help)
FIELDS_ZH: dict[str, tuple[str, str]] = {
    # talent
    "talent.intake_ramp": (
        "新增入库年增长率",
        "实施首年之后，每年新增入库人数按此比例增长（0.1 = 每年增长10%）。",
    ),
    "talent.intake_split": (
        "新增入库在各县（市、区）的分配方式",
        "全市新增入库人数在各县（市、区）之间如何分配。",
    ),
    "talent.county_weights": (
        "各县（市、区）权重",
        "分配方式为“按固定权重”时各县（市、区）（按代码）的权重；未列出的为0。",
    ),
    "talent.intake_fill_rate": ("新增入库完成率", "计划新增入库人数中实际入库的比例。"),
    "talent.fill_rate_spread": ("完成率不确定性", "随机模拟中新增入库完成率的标准差。"),
    "talent.cgvo_intake_month": ("大学生村官到岗月份", "每年大学生村官到岗的月份。"),
    "talent.returnee_spring_share": (
        "春节前后返乡入库比例",
        "外出务工经商返乡人员中在1—3月（春节前后）入库的比例；其余在4—12月均匀入库。",
    ),
    "talent.contract_years": ("大学生村官聘期", "大学生村官一个聘期的年数。"),
    "talent.renewal_share": ("聘期届满留任比例", "聘期届满时留任的大学生村官比例。"),
    "talent.renewal_spread": ("留任比例不确定性", "随机模拟中留任比例的标准差。"),
    "talent.promotion_mode": (
        "选拔方式",
        "每年选拔固定人数的大学生村官，或按在岗大学生村官的一定比例选拔。",
    ),
    "talent.promotion_count": (
        "每年选拔的大学生村官人数",
        "每年选拔（招录）为乡镇公务员或进入乡镇领导班子的大学生村官人数（全市合计）。",
    ),
    "talent.promotion_share": (
        "每年选拔的大学生村官比例",
        "选拔方式为“按在岗人数的一定比例”时使用。",
    ),
    "talent.promotion_month": ("选拔月份", "每年选拔生效的月份。"),
    "talent.cadre_turnover_rate": ("村干部年更替率", "非换届年份离开岗位的村干部比例。"),
    "talent.election_month": (
        "换届选举时间",
        "村“两委”换届选举在实施第几个月（10 = 实施首年10月）。",
    ),
    "talent.election_term_years": ("任期", "两次换届之间的年数（2018年前为3年，之后为5年）。"),
    "talent.election_replacement_share": (
        "换届时调整的村干部比例",
        "换届选举时调整的村干部比例。",
    ),
    "talent.vacancies_from_pools": (
        "从农村后备人才中补充空缺的比例",
        "村干部空缺中从后备人才库任用补充的比例。",
    ),
    "talent.other_recruit_degree_share": (
        "其他新任村干部大专及以上学历比例",
        "不是来自后备人才库的新任村干部中具有大专及以上学历的比例。",
    ),
    "talent.upgrade_seats_per_year": (
        "学历提升名额",
        "每年为不具备大专及以上学历的年轻村干部提供的学历提升教育名额。",
    ),
    "talent.young_share_new_cadres": (
        "其他新任村干部中的年轻干部比例",
        "从外出务工经商返乡人员、农村致富带头人或人才库以外任用的新任村干部中，年龄不超过"
        "年轻村干部年龄上限的比例（大学生村官均为年轻干部）。",
    ),
    "talent.new_cadre_age": (
        "年轻新任村干部年龄",
        "计为年轻干部的新任村干部任职时的假定年龄（不超过年轻村干部年龄上限）。",
    ),
    "talent.upgrade_start_month": ("学历提升入学月份", "每年学历提升学员入学的月份。"),
    "talent.upgrade_years": ("学历提升学制", "从入学到取得大专及以上学历所需的年数。"),
    "talent.young_age_limit": ("年轻村干部年龄上限", "年龄不超过此值的村干部计为年轻村干部。"),
    "talent.exam_month": ("社会工作者职业水平考试月份", "全国社会工作者职业水平考试的月份。"),
    "talent.exam_candidates_per_community": (
        "每个社区报考人数",
        "尚无持证社会工作者的社区每年报考的人数。",
    ),
    "talent.exam_pass_rate": ("考试通过率", "报考人员通过社会工作者职业水平考试的比例。"),
    "talent.social_worker_leaving_rate": (
        "持证社会工作者年离岗率",
        "持证社会工作者每年离开所在社区的比例。",
    ),
    # training
    "training.deadline_month": (
        "现任书记培训完成时限",
        "实施之初在任的村党组织书记全部完成异地专题培训的时间（实施第几个月）。",
    ),
    "training.new_secretary_window_months": (
        "新任书记培训时限",
        "新任书记任职后须在此月数内完成异地专题培训。",
    ),
    "training.yearly_churn": ("非换届年份书记更替率", "非换届年份调整的村党组织书记比例。"),
    "training.election_month": (
        "换届选举时间",
        "村党组织换届选举在实施第几个月（10 = 实施首年10月）。",
    ),
    "training.election_term_years": ("任期", "两次换届之间的年数。"),
    "training.election_replacement_share": (
        "换届时调整的书记比例",
        "换届选举时调整的村党组织书记比例。",
    ),
    "training.absence_cap_share": (
        "同时离岗参训比例上限",
        "一个县（市、区）的村党组织书记中，同一个月离岗参训的最大比例。",
    ),
    "training.blackout_below": (
        "农忙停训阈值",
        "农时可离岗程度低于此值的月份不安排培训班。",
    ),
    "training.classes_per_month_scale": (
        "培训班容量倍数",
        "将每个培训基地每月最多举办的期数乘以此倍数（2 = 翻一番）。",
    ),
    "training.paid_by": (
        "异地专题培训经费承担层级",
        "承担异地专题培训经费的一级财政。此为假设（实施意见未明确）：专题培训由市委组织部组织。",
    ),
    "training.yearly_budget_yuan": (
        "年度培训预算",
        "全市每年异地专题培训支出的上限，由承担层级支出；不填 = 不设上限。",
    ),
    "training.include_in_town_bases": (
        "计入本地培训",
        "同时使用不属于异地专题培训的培训基地（此类培训不计入目标）。",
    ),
    "training.roster_priority": ("参训先后顺序", "谁先参加培训。"),
    "training.cap_follows_calendar": (
        "离岗上限随农时调整",
        "关闭：离岗人数不超过上限与当月农时可离岗程度中较小者；开启（更严格）：上限按可离岗"
        "程度折算（1月为10%×0.6=6%）。",
    ),
    "training.who_must_be_trained": (
        "须按期完成培训的书记",
        "测算期内的在任者：测算期内担任村党组织书记的人；实施之初在任的书记如在参训前离任，"
        "其培训名额让出。实施之初的全部在任者：实施之初在任的每一位书记，即使已经离任。",
    ),
    "training.min_class_size": (
        "每期最少学员",
        "学员少于此数的培训班不举办，各培训基地统一。0 = 各培训基地自定的最少人数"
        "（培训基地表“每期最少学员”一栏，未填为30人）。",
    ),
    "training.festival_days_before": (
        "春节停训：节前天数",
        "自春节（农历正月初一）前此天数起至停训期结束，不举办培训班。",
    ),
    "training.festival_days_after": (
        "春节停训：节后天数",
        "春节后此天数过后方可举办培训班（节前7天、节后6天：共两周，14天）。",
    ),
    "training.extra_classes": (
        "追加培训班",
        "在培训基地每月上限之外追加的期数，键为“基地代码:年份”（如 {'B2:2015': 4}）；"
        "在该年基地可办班的月份举办。",
    ),
    # venues
    "venues.deadline_month": (
        "社区组织活动场所完成时限",
        "达到分类建设结构和产权全部自有目标的时间（实施第几个月）。",
    ),
    "venues.demonstration_share_min": ("示范社区比例不低于", "示范社区占社区总数的最低比例。"),
    "venues.quality_or_better_share_min": (
        "优质社区和示范社区合计比例不低于",
        "优质社区和示范社区合计占社区总数的最低比例。",
    ),
    "venues.require_owned": (
        "场所产权全部自有",
        "租用的场所须购置（或新建自有产权场所替代）。",
    ),
    "venues.land_yuan_per_m2.district": (
        "土地价格：市辖区",
        "新建社区组织活动场所所需土地的价格，按建筑面积每平方米计（楼面地价），适用于该类县级单位。"
        "此为假设：默认只对市辖区计地价；其他县（市、区）的公益场所用地按无偿划拨计。",
    ),
    "venues.land_yuan_per_m2.city": (
        "土地价格：县级市",
        "新建社区组织活动场所所需土地的价格，按建筑面积每平方米计（楼面地价），适用于该类县级单位。"
        "此为假设：默认只对市辖区计地价；其他县（市、区）的公益场所用地按无偿划拨计。",
    ),
    "venues.land_yuan_per_m2.county": (
        "土地价格：县（不含县级市）",
        "新建社区组织活动场所所需土地的价格，按建筑面积每平方米计（楼面地价），适用于该类县级单位。"
        "此为假设：默认只对市辖区计地价；其他县（市、区）的公益场所用地按无偿划拨计。",
    ),
    "venues.paid_by": (
        "社区组织活动场所经费承担层级",
        "承担社区组织活动场所项目经费的一级财政。此为假设（实施意见未明确）。",
    ),
    "venues.yearly_budget_yuan": (
        "社区组织活动场所年度预算",
        "全市每年用于社区组织活动场所建设的支出上限，由承担层级支出。",
    ),
    "venues.county_budget_shares": (
        "各县（市、区）预算份额",
        "可选：为各县（市、区）（按代码）预留的年度预算份额；不填 = 全市统筹。",
    ),
    "venues.season_start_month": (
        "施工季开始月份",
        "可以开工的第一个月份（此前地面冻结）。",
    ),
    "venues.season_end_month": ("施工季结束月份", "施工的最后一个月份。"),
    "venues.project_months": ("工期", "一个社区组织活动场所项目所需的施工月数。"),
    "venues.max_concurrent_per_county": (
        "每个县（市、区）同时在建项目数",
        "一个县（市、区）同时在建的社区组织活动场所项目上限。",
    ),
    "venues.priority": ("建设先后顺序", "哪些社区先建。"),
    "venues.village_deadline_month": (
        "村级组织活动场所完成时限",
        "所有村级组织活动场所达标的时间（实施第几个月）。",
    ),
    "venues.village_paid_by": (
        "村级组织活动场所经费承担层级",
        "承担村级组织活动场所项目经费的一级财政。此为假设（实施意见未明确）。",
    ),
    "venues.village_yearly_budget_yuan": (
        "村级组织活动场所年度预算",
        "全市每年用于村级组织活动场所达标建设的支出上限，由承担层级支出。",
    ),
    "venues.village_project_months": (
        "村级组织活动场所工期",
        "一个村级组织活动场所项目所需的施工月数。",
    ),
    "venues.village_max_concurrent_per_county": (
        "每个县（市、区）同时在建村级项目数",
        "一个县（市、区）同时在建的村级组织活动场所项目上限。",
    ),
    # pay of secretaries
    "subsidies.income_multiplier": (
        "基本报酬与农民人均纯收入之比",
        "每名书记的基本报酬为所在县（市、区）上年农民人均纯收入的倍数。实施意见要求不低于1；"
        "低于1时可能达不到要求。",
    ),
    "subsidies.income_growth_source": (
        "农民收入增长依据",
        "按下列年度增长率增长，或按各县（市、区）近年自身的增长率增长。",
    ),
    "subsidies.income_growth_by_year": (
        "各年农民人均纯收入增长率",
        "各年农民人均纯收入的增长率（第一个数为实施首年）。",
    ),
    "subsidies.grade_shares": (
        "考核等次比例",
        "年度考核各等次书记所占比例；合计为1。",
    ),
    "subsidies.grade_bonus": (
        "各等次绩效报酬",
        "绩效报酬占年度基本报酬的比例，按考核等次确定（0—0.5）。",
    ),
    "subsidies.performance_pay_month": (
        "绩效报酬发放月份",
        "年度考核后由乡镇发放绩效报酬的月份。",
    ),
    # targets
    "targets.talent_total_min": ("农村后备人才总数超过", "三个人才库入库人数合计须超过此数。"),
    "targets.talent_deadline_month": (
        "农村后备人才目标完成时限",
        "三个人才库合计须超过目标的时间（实施第几个月）。",
    ),
    "targets.degree_share_min": (
        "年轻村干部大专及以上学历比例",
        "年轻村干部中具有大专及以上学历的比例。",
    ),
    "targets.degree_deadline_month": (
        "学历目标完成时限",
        "须达到学历比例的时间（实施第几个月）。",
    ),
    "targets.socwork_share_min": (
        "配有持证社会工作者的社区比例",
        "至少配有一名持证社会工作者的社区比例。",
    ),
    "targets.socwork_deadline_month": (
        "持证社会工作者目标完成时限",
        "每个社区都配有持证社会工作者的时间（实施第几个月）。",
    ),
    "targets.key_share": (
        "实行目标责任管理的重点书记比例",
        "村党组织书记（县级选定）和乡镇党委书记（市级选定）均约有此比例作为重点实行目标责任管理。",
    ),
    "targets.satisfaction_min": (
        "群众和党员满意率超过",
        "实施意见要求群众和党员对基层党组织的满意率超过的数值。",
    ),
    "targets.promotions_per_year.township_to_county": (
        "乡镇党委书记提拔为县级党政副职",
        "每年提拔为县（市、区）党政副职或享受副县级待遇的乡镇党委书记人数（全市合计）。"
        "为假设的计划数：实施意见明确了渠道，未规定人数。",
    ),
    "targets.promotions_per_year.village_to_township": (
        "村党组织书记进入乡镇班子或公务员、事业编制",
        "每年按程序选拔进入乡镇（街道）领导班子或公务员、事业编制人员队伍的村（社区）党组织书记人数"
        "（全市合计）。为假设的计划数。",
    ),
    "targets.promotions_per_year.village_to_deputy_township": (
        "村党组织书记提拔为乡镇党政副职",
        "每年提拔为乡镇（街道）党政副职或参照副科级干部管理的特别优秀村（社区）党组织书记人数"
        "（全市合计）。为假设的计划数。",
    ),
    "targets.satisfaction_change_per_year": (
        "满意率年变化（假设）",
        "这是假设，不是模型：各县（市、区）两项满意率自调查至完成时限每年变化的比例"
        "（0 = 保持调查值）。",
    ),
    "targets.satisfaction_change_by_county": (
        "各县（市、区）满意率年变化（假设）",
        "按县（市、区）分别设定的假设年变化，替代所列县（市、区）的全市统一假设。",
    ),
    "targets.at_risk_probability": (
        "风险概率阈值",
        "基准测算能完成、但按期实现的概率低于此值的目标任务标为“有风险”。",
    ),
    # assessment (county accountability)
    "assessment.attainment_cap": (
        "完成率计分上限",
        "县（市、区）对截至当期应完成任务数的完成率，计分时最多按此倍数计，超额完成一项不能掩盖"
        "另一项的差距。",
    ),
    "assessment.excellent_min": (
        "评为优秀的最低得分",
        "评为优秀的最低得分（0—100），受比例上限约束。",
    ),
    "assessment.competent_min": ("评为称职的最低得分", "评为称职的最低得分。"),
    "assessment.basic_min": (
        "评为基本称职的最低得分",
        "评为基本称职的最低得分；低于此分为不称职。",
    ),
    "assessment.excellent_share_max": (
        "优秀比例上限",
        "评为优秀的县（市、区）不超过此比例（向下取整）；其余达到分数的评为称职。",
    ),
    # run
    "run.start_year": ("实施首年", "实施第1个月为该年1月（基准年为上一年）。"),
    "run.horizon_years": ("测算期", "测算的年数。"),
    "run.seed": ("随机数种子", "所有随机模拟的种子；相同的种子得到相同的结果。"),
    "run.mc_draws": ("随机模拟次数", "对不确定参数做随机模拟的次数；0 = 不做随机模拟。"),
    "run.plan_issued": (
        "实施意见印发时间",
        "实施意见印发的年月，在实施首年的上一年。“三年内”从严理解时自该月起算。",
    ),
    "run.deadline_reading": (
        "“三年内”的理解",
        "实施意见“三年内”（及“2至3年”）按哪种理解判定目标任务清单；两种理解的完成时限不同时"
        "并列显示另一种。",
    ),
    "run.language": ("语言", "工作簿和测算简报使用的语言。"),
}

CHOICES_ZH: dict[str, dict[str, str]] = {
    "talent.intake_split": {
        "villages": "按行政村数量",
        "population": "按农村人口",
        "weights": "按固定权重",
    },
    "talent.promotion_mode": {"count": "每年固定人数", "share": "按在岗人数的一定比例"},
    "training.who_must_be_trained": {
        "holders": "测算期内的在任者",
        "cohort": "实施之初的全部在任者",
    },
    "training.roster_priority": {
        "key_then_tenure": "先重点书记，再按任职时间从长到短",
        "tenure": "任职时间最长者优先",
        "village": "按行政村代码顺序",
    },
    "venues.priority": {
        "households": "户数多的社区优先",
        "cheapest": "造价低的项目优先",
        "worst": "场所条件最差的优先",
    },
    "subsidies.income_growth_source": {
        "scenario": "下列年度增长率",
        "county": "各县（市、区）自身的增长率",
    },
    "run.deadline_reading": {
        "strict": "自实施意见印发之月起算",
        "lenient": "自第一个完整实施年度起算",
    },
    **{
        key: {"city": "市级", "county": "县级", "township": "乡镇级"}
        for key in ("training.paid_by", "venues.paid_by", "venues.village_paid_by")
    },
    "run.language": {"en": "英文", "zh": "简体中文"},
    **{
        f"assessment.quota_rule.{k}": {
            "villages": "按行政村数比例",
            "communities": "按社区数比例",
            "population": "按人口比例",
            "plan": "按方案对各县（市、区）的测算比例",
            "table": "按任务分解表（county_quotas.csv）所列",
        }
        for k in TARGETS_ZH
    },
}

UNITS_ZH: dict[str, str] = {
    "availability share": "可离岗程度",
    "classes per year": "期/年",
    "days": "天",
    "draws": "次",
    "month of year": "月份",
    "months": "个月",
    "persons": "人",
    "points": "分",
    "persons per year": "人/年",
    "plan month": "实施第几个月",
    "projects": "个",
    "relative weight": "相对权重",
    "seats per year": "名额/年",
    "share": "比例",
    "share of a county's secretaries": "占本县（市、区）书记的比例",
    "share of basic": "占基本报酬的比例",
    "share per year": "比例/年",
    "share points": "比例",
    "trainees per class": "人/期",
    "share points per year": "比例/年",
    "x": "倍",
    "x income per capita": "倍农民人均纯收入",
    "year": "年",
    "year-month": "年月",
    "years": "年",
    "yuan per m2": "元/平方米",
    "yuan per year": "元/年",
}


def _zh_label_help(key: str) -> tuple[str, str] | None:
    if key in FIELDS_ZH:
        return FIELDS_ZH[key]
    group, _, pool = key.rpartition(".")
    if group in POOL_GROUPS_ZH and pool in POOLS_ZH:
        short, help_zh = POOL_GROUPS_ZH[group]
        return f"{short}：{POOLS_ZH[pool]}", help_zh
    if group in POOL_GROUPS_ZH and pool in TARGETS_ZH:
        short, help_zh = POOL_GROUPS_ZH[group]
        return f"{short}：{TARGETS_ZH[pool]}", help_zh
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
