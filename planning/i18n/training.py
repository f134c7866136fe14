"""Messages of the training rotation: chart titles, axes, hover texts and the diagnosis."""

MESSAGES = {
    # charts
    "training.gantt.title": {
        "en": "Out-of-town classes by training base",
        "zh": "各培训基地异地培训班次安排",
    },
    "training.gantt.base": {"en": "Training base", "zh": "培训基地"},
    "training.gantt.seats": {"en": "Seats used", "zh": "已用座位"},
    "training.gantt.hover": {
        "en": "Class {cls}<br>{start} to {end}<br>Seats used {used} of {capacity}<br>"
        "Counties {counties}<br>Cost {cost} yuan",
        "zh": "班次 {cls}<br>{start} 至 {end}<br>已用座位 {used} / {capacity}<br>"
        "涉及县数 {counties}<br>费用 {cost} 元",
    },
    "training.coverage.title": {
        "en": "Share of village secretaries trained out of town",
        "zh": "村党组织书记异地培训覆盖率",
    },
    "training.coverage.current": {
        "en": "Secretaries in post at plan start",
        "zh": "规划初期在任书记",
    },
    "training.coverage.in_post": {
        "en": "Secretaries in post that month (expected)",
        "zh": "当月在任书记（预期）",
    },
    "training.coverage.axis": {"en": "Share trained (%)", "zh": "已培训比例（%）"},
    "training.coverage.target": {"en": "All trained (100 %)", "zh": "全部培训（100%）"},
    "training.coverage.deadline": {"en": "Deadline", "zh": "完成期限"},
    "training.away.title": {
        "en": "Secretaries away training, as a share of the county's cap",
        "zh": "外出培训书记人数占本县上限的比例",
    },
    "training.away.colour": {"en": "Share of cap used (%)", "zh": "上限使用率（%）"},
    "training.away.hover": {
        "en": "{county}, {month}<br>Away {away} of cap {cap}<br>({share} % of {n} secretaries)",
        "zh": "{county}，{month}<br>外出 {away} 人 / 上限 {cap} 人<br>（占 {n} 名书记的 {share}%）",
    },
    "training.cost.title": {"en": "Training cost by year", "zh": "各年度培训费用"},
    "training.cost.axis": {"en": "Cost (million yuan)", "zh": "费用（百万元）"},
    "training.cost.year": {"en": "Year", "zh": "年份"},
    "training.cost.spent": {"en": "Cost", "zh": "费用"},
    "training.cost.budget": {"en": "Yearly budget", "zh": "年度预算"},
    "training.cost.hover": {
        "en": "{year}: {cost} yuan for {n} trainees",
        "zh": "{year} 年：{cost} 元，培训 {n} 人",
    },
    # summary sentences
    "training.summary.feasible": {
        "en": "All {current} untrained secretaries in post at plan start are trained by {deadline}, "
        "and {new} new secretaries within {window} months of taking office: {classes} classes, "
        "{cost} million yuan.",
        "zh": "规划初期在任且未参加培训的 {current} 名书记于 {deadline} 前全部完成异地培训，"
        "{new} 名新任书记在任职后 {window} 个月内完成培训：共 {classes} 个班次，"
        "费用 {cost} 百万元。",
    },
    "training.summary.infeasible": {
        "en": "The deadlines cannot all be met: {n} secretaries would be trained late or not at all.",
        "zh": "无法按期完成全部培训：将有 {n} 名书记延期或未能参加培训。",
    },
    # diagnosis
    "training.diag.head": {
        "en": "{n} secretaries miss their deadline ({current} in post at plan start, {new} new). "
        "Any one of these changes fixes it:",
        "zh": "共有 {n} 名书记无法按期完成培训（规划初期在任 {current} 名，新任 {new} 名）。"
        "以下任一调整即可解决：",
    },
    "training.diag.none": {
        "en": "No single change of one limit is enough; relax several limits together.",
        "zh": "仅调整单一限制不足以解决，需要同时放宽多项限制。",
    },
    "training.diag.seats": {
        "en": "add {n} classes in total: {parts}",
        "zh": "共追加 {n} 个班次：{parts}",
    },
    "training.diag.seats_part": {
        "en": "{n} at base {base} in {year}",
        "zh": "{year} 年在基地 {base} 追加 {n} 个",
    },
    "training.diag.cap": {
        "en": "raise the absence cap from {old} % to {new} %",
        "zh": "将外出上限从 {old}% 提高到 {new}%",
    },
    "training.diag.calendar": {
        "en": "lower the blackout threshold from {old} to {new} (opens more months)",
        "zh": "将农忙停训阈值从 {old} 降至 {new}（开放更多月份）",
    },
    "training.diag.budget": {
        "en": "raise the yearly budget from {old} to {new} yuan",
        "zh": "将年度预算从 {old} 元提高到 {new} 元",
    },
    "training.diag.deadline": {
        "en": "extend the deadline by {n} month(s)",
        "zh": "将完成期限延后 {n} 个月",
    },
    "training.diag.window": {
        "en": "give new secretaries {n} more month(s) to be trained",
        "zh": "将新任书记的培训期限延长 {n} 个月",
    },
    "training.diag.both": {
        "en": "extend the deadline and the window for new secretaries by {n} month(s)",
        "zh": "将完成期限和新任书记培训期限均延后 {n} 个月",
    },
    # roster export
    "training.roster.sheet_note": {
        "en": "Training roster of county {county}: {n} secretaries.",
        "zh": "{county} 培训名单：共 {n} 名书记。",
    },
    # county table
    "training.table.secretaries": {"en": "Secretaries", "zh": "书记人数"},
    "training.table.current": {"en": "To train (in post at start)", "zh": "待培训（规划初期在任）"},
    "training.table.new": {"en": "To train (new)", "zh": "待培训（新任）"},
    "training.table.on_time": {"en": "Trained on time", "zh": "按期完成"},
    "training.table.first": {"en": "First class", "zh": "首个班次"},
    "training.table.last": {"en": "Last class", "zh": "最后班次"},
    "training.table.most_away": {"en": "Most away in a month", "zh": "单月最多外出人数"},
}
