"""Messages of the training rotation: chart titles, axes, hover texts and the diagnosis."""

MESSAGES = {
    # charts
    "training.gantt.title": {
        "en": "Out-of-town special training classes by training base",
        "zh": "各培训基地异地专题培训班安排",
    },
    "training.gantt.base": {"en": "Training base", "zh": "培训基地"},
    "training.gantt.seats": {"en": "Seats used", "zh": "名额使用率"},
    "training.gantt.hover": {
        "en": "{base}<br>{start} to {end}<br>Seats used: {used} of {capacity}<br>"
        "Trainees from {counties}<br>Cost: {cost}",
        "zh": "{base}<br>{start}至{end}<br>参训{used}人，名额{capacity}人<br>"
        "学员来自{counties}<br>费用：{cost}",
    },
    "training.coverage.title": {
        "en": "Share of village Party secretaries trained out of town",
        "zh": "村党组织书记异地专题培训覆盖率",
    },
    "training.coverage.current": {
        "en": "Secretaries in post at plan start",
        "zh": "实施之初在任的书记",
    },
    "training.coverage.in_post": {
        "en": "Secretaries in post that month (expected)",
        "zh": "当月在任的书记（预计）",
    },
    "training.coverage.hover": {
        "en": "{name}: {share} trained ({secretaries})",
        "zh": "{name}：已培训{share}（共{secretaries}）",
    },
    "training.coverage.axis": {"en": "Share trained (%)", "zh": "已培训比例（%）"},
    "training.coverage.target": {"en": "All trained ({share})", "zh": "全部完成培训（{share}）"},
    "training.coverage.deadline": {"en": "Deadline", "zh": "完成时限"},
    "training.away.title": {
        "en": "Secretaries away training, as a share of the county's cap",
        "zh": "离岗参训书记人数占本县（市、区）上限的比例",
    },
    "training.away.colour": {"en": "Share of cap used", "zh": "占上限比例"},
    "training.away.hover": {
        "en": "{county}, {month}<br>Away {away} of cap {cap}<br>({share} of {secretaries})",
        "zh": "{county}，{month}<br>离岗{away}人，上限{cap}人<br>（占{secretaries}的{share}）",
    },
    "training.cost.title": {"en": "Training cost by year", "zh": "各年度异地专题培训费用"},
    "training.cost.axis": {"en": "Cost", "zh": "费用"},
    "training.cost.year": {"en": "Year", "zh": "年份"},
    "training.cost.spent": {"en": "Cost", "zh": "费用"},
    "training.cost.budget": {"en": "Yearly budget", "zh": "年度预算"},
    "training.cost.hover": {
        "en": "{year}: {cost} for {trainees}",
        "zh": "{year}：{cost}，培训{trainees}",
    },
    # summary sentences
    "training.summary.feasible": {
        "en": "All {current} untrained secretaries in post at plan start are trained by {deadline}, "
        "and {new} new secretaries within {window} of taking office: {classes}, {cost}.",
        "zh": "实施之初在任且尚未参训的{current}名书记于{deadline}前全部完成异地专题培训，"
        "{new}名新任书记在任职后{window}内完成培训：共举办{classes}，费用{cost}。",
    },
    "training.summary.feasible_holders": {
        "en": "All {current} secretaries in post at plan start who stay in office are trained by "
        "{deadline} ({leaving} more are expected to leave office first and free their seats), "
        "and {new} new secretaries within {window} of taking office: {classes}, {cost}.",
        "zh": "实施之初在任并留任的{current}名村党组织书记于{deadline}前全部完成异地专题培训"
        "（另有{leaving}名预计在参训前离任，让出培训名额），"
        "{new}名新任书记在任职后{window}内完成培训：共{classes}，费用{cost}。",
    },
    "training.summary.infeasible": {
        "en": "The deadlines cannot all be met: {secretaries} would be trained late or not at all.",
        "zh": "无法按期完成全部培训：将有{secretaries}逾期或未能参训。",
    },
    # diagnosis
    "training.diag.head": {
        "en": "{secretaries} cannot be trained by their deadline ({current} in post at plan "
        "start, {new} new). "
        "Any one of these changes fixes it:",
        "zh": "共有{secretaries}无法按期完成培训（实施之初在任的{current}名，新任{new}名）。"
        "以下任一调整即可解决：",
    },
    "training.diag.none": {
        "en": "No single change of one limit is enough; relax several limits together.",
        "zh": "仅调整单一限制不足以解决，需要同时放宽多项限制。",
    },
    "training.diag.seats": {
        "en": "add {classes} in total: {parts}",
        "zh": "共追加{classes}：{parts}",
    },
    "training.diag.seats_part": {
        "en": "{classes} at base {base} in {year}",
        "zh": "{year}在培训基地{base}追加{classes}",
    },
    "training.diag.class_size": {
        "en": "lower the smallest class allowed from {old} to {new} trainees",
        "zh": "将每期最少学员从{old}人降至{new}人",
    },
    "training.diag.cap": {
        "en": "raise the absence cap from {old} to {new}",
        "zh": "将同时离岗比例上限从{old}提高到{new}",
    },
    "training.diag.calendar": {
        "en": "lower the blackout threshold from {old} to {new} availability (opens more months)",
        "zh": "将农忙停训阈值从{old}降至{new}（开放更多月份）",
    },
    "training.diag.budget": {
        "en": "raise the yearly budget from {old} to {new}",
        "zh": "将年度预算从{old}提高到{new}",
    },
    "training.diag.deadline": {
        "en": "extend the deadline by {months}",
        "zh": "将完成时限延后{months}",
    },
    "training.diag.window": {
        "en": "give new secretaries {months} more to be trained",
        "zh": "将新任书记的培训时限延长{months}",
    },
    "training.diag.both": {
        "en": "extend the deadline and the window for new secretaries by {months}",
        "zh": "将完成时限和新任书记培训时限均延后{months}",
    },
    # roster export
    "training.roster.sheet_note": {
        "en": "Training roster of county {county}: {n} secretaries.",
        "zh": "{county}异地专题培训名单：共{n}名书记。",
    },
    # county table
    "training.table.secretaries": {"en": "Secretaries", "zh": "书记人数"},
    "training.table.current": {"en": "To train (in post at start)", "zh": "待培训（实施之初在任）"},
    "training.table.new": {"en": "To train (new)", "zh": "待培训（新任）"},
    "training.table.on_time": {"en": "Trained on time", "zh": "按期完成"},
    "training.table.first": {"en": "First class", "zh": "首期培训班"},
    "training.table.last": {"en": "Last class", "zh": "末期培训班"},
    "training.table.most_away": {"en": "Most away in a month", "zh": "单月最多离岗人数"},
    # a plan re-solved from the returns
    "training.reported.trained": {"en": "Trained (reported)", "zh": "已培训（据报表）"},
    "training.reported.held": {"en": "Class held (reported)", "zh": "已举办培训班（据报表）"},
    "training.reported.spent": {"en": "Spent to date", "zh": "已支出"},
    "training.reported.remaining": {"en": "Budget left", "zh": "剩余预算"},
}
