"""Key numbers and the target register (planning.catalogue): the same words in the app,
the briefing and the batch index."""

MESSAGES = {
    # shared pieces of cards
    "card.deadline": {"en": "deadline {date}", "zh": "时限：{date}"},
    "card.target": {"en": "target {value}", "zh": "目标：{value}"},
    "card.never": {"en": "not within the plan", "zh": "测算期内未实现"},
    "card.seek_none": {
        "en": "no change of this lever alone meets it",
        "zh": "仅调整这一项无法实现",
    },
    "card.range": {"en": "{low} to {high}", "zh": "{low}至{high}"},
    "card.of": {"en": "{n} of {total}", "zh": "{n}个（共{total}个）"},
    "card.targets.count": {"en": "{n} of {total}", "zh": "{n}项（共{total}项）"},
    # reserve talent
    "card.talent.total": {"en": "Reserve talents, {date}", "zh": "{date}农村后备人才总数"},
    "card.talent.total_note": {
        "en": "target more than {threshold}",
        "zh": "目标：{threshold}人以上",
    },
    "card.talent.first_met": {"en": "Target first passed", "zh": "首次达到目标的时间"},
    "card.talent.probability": {
        "en": "Chance of passing the reserve-talent target by {date}",
        "zh": "{date}前实现农村后备人才目标的概率",
    },
    "card.talent.draws": {"en": "{draws} of uncertain rates", "zh": "对不确定参数做{draws}"},
    "card.talent.no_mc": {"en": "no uncertainty run", "zh": "未做随机模拟"},
    "card.talent.seek": {
        "en": "More intake that would meet it",
        "zh": "按期实现所需的新增入库增幅",
    },
    "card.talent.seek_note": {
        "en": "{county} more recruits per county a year",
        "zh": "即每个县（市、区）每年多入库{county}人",
    },
    "card.talent.degree": {
        "en": "Young cadres with a degree, {date}",
        "zh": "{date}年轻村干部大专及以上学历比例",
    },
    "card.talent.socwork": {
        "en": "Communities with a certified social worker, {date}",
        "zh": "{date}配有持证社会工作者的社区比例",
    },
    # training
    "card.training.coverage": {
        "en": "Secretaries in post at plan start trained by {date}",
        "zh": "实施之初在任的村党组织书记{date}前完成异地专题培训的比例",
    },
    "card.training.coverage_all": {
        "en": "all {total} in post at plan start",
        "zh": "实施之初在任的{total}人全部完成",
    },
    "card.training.coverage_late": {
        "en": "{late} of {total} trained late",
        "zh": "{total}人中{late}人逾期",
    },
    "card.training.done": {
        "en": "All of them trained",
        "zh": "全部完成异地专题培训的时间",
    },
    "card.training.cost": {"en": "Training cost over the horizon", "zh": "测算期内培训费用"},
    # venues
    "card.venues.met": {
        "en": "Communities reach 30/30/40, all owned",
        "zh": "社区组织活动场所达到30%、30%、40%结构且全部自有",
    },
    "card.venues.cost": {"en": "Community venue projects", "zh": "社区组织活动场所建设项目"},
    "card.venues.ownership": {"en": "Owning the rented venues", "zh": "租用场所转为自有"},
    "card.venues.ownership_note": {
        "en": "{routes}; land {land}",
        "zh": "{routes}；土地{land}",
    },
    "card.venues.seek": {
        "en": "Yearly venue budget that would meet it",
        "zh": "按期达标所需的社区组织活动场所年度预算",
    },
    "card.venues.seek_note": {"en": "now {current} a year", "zh": "现为每年{current}"},
    "card.villages.met": {
        "en": "Village rooms up to standard",
        "zh": "村级组织活动场所全部达标的时间",
    },
    "card.villages.cost": {"en": "Village room projects", "zh": "村级组织活动场所建设项目"},
    # subsidies and budget
    "card.subsidies.cash": {
        "en": "Secretaries' pay over the horizon",
        "zh": "测算期内村党组织书记报酬支出",
    },
    "card.subsidies.after": {
        "en": "plus {amount} of performance pay paid in {year}",
        "zh": "另有绩效报酬{amount}于{year}发放",
    },
    "card.subsidies.basic": {
        "en": "Basic pay per secretary, {year}",
        "zh": "{year}村党组织书记人均基本报酬",
    },
    "card.subsidies.basic_note": {"en": "across the counties, a year", "zh": "各县（市、区）全年"},
    "card.subsidies.compliant": {
        "en": "Counties paying at least rural income",
        "zh": "基本报酬不低于上年农民人均纯收入的县（市、区）",
    },
    "card.subsidies.compliant_all": {
        "en": "every county, every year",
        "zh": "各县（市、区）各年均达到",
    },
    "card.subsidies.compliant_some": {
        "en": "{n} below in some year",
        "zh": "{n}个别年份未达到",
    },
    "card.budget.total": {"en": "Whole cost of the plan, {years}", "zh": "{years}总支出"},
    "card.budget.note": {
        "en": "every level; {existing} of it already paid before the plan",
        "zh": "各级合计；其中实施前已有支出{existing}",
    },
    "card.budget.new": {"en": "New spending of the plan, {years}", "zh": "{years}新增支出"},
    "card.budget.new_note": {
        "en": "city {city}; counties {county}; townships {township}",
        "zh": "市级{city}；县级{county}；乡镇级{township}",
    },
    # register counts
    "card.targets.met": {"en": "Targets met", "zh": "完成"},
    "card.targets.at_risk": {"en": "At risk", "zh": "有风险"},
    "card.targets.missed": {"en": "Missed", "zh": "未完成"},
    "card.targets.guaranteed": {"en": "Guaranteed by the settings", "zh": "由参数设定保证"},
    "card.targets.tracked": {"en": "Qualitative tasks", "zh": "定性任务"},
    "card.targets.of": {"en": "of {n}", "zh": "共{n}"},
    "card.targets.tracked_note": {
        "en": "tracked, not modelled",
        "zh": "未测算",
    },
    "card.targets.local": {"en": "Local working standards met", "zh": "本市工作标准完成"},
    "card.targets.local_note": {
        "en": "the city's own, with assumed numbers",
        "zh": "本市自定，数值为假设",
    },
    # the register table
    "register.title": {"en": "Target register", "zh": "目标任务清单"},
    "register.empty": {"en": "The register is being computed.", "zh": "目标任务清单正在测算。"},
    "register.rolling": {"en": "every year", "zh": "每年"},
    "register.col.target": {"en": "Target", "zh": "目标任务"},
    "register.col.goal": {"en": "Goal", "zh": "目标值"},
    "register.col.deadline": {"en": "Deadline", "zh": "完成时限"},
    "register.col.value": {"en": "Value at deadline", "zh": "到期测算值"},
    "register.col.first_met": {"en": "First met", "zh": "首次达到"},
    "register.col.probability": {"en": "Probability", "zh": "概率"},
    "register.col.status": {"en": "Status", "zh": "状态"},
}
