"""Messages of the mid-plan review: plan against actual and the re-forecast."""

MESSAGES = {
    "review.briefing_note": {
        "en": "Every figure of this briefing after this section, the executive summary's target "
        "register included, is read from the re-forecast.",
        "zh": "本节之后的各项数据（包括总体情况中的目标任务清单）均依据重新预测。",
    },
    "review.h.register": {
        "en": "City targets given what has happened",
        "zh": "依据实际进展的全市目标任务",
    },
    "review.register_note": {
        "en": "Each target read from the re-forecast: what the returns report up to their last "
        "month, then the settings' forecast from there, with the probability of meeting it.",
        "zh": "各项目标依据重新预测评估：报表所报截至最近月份的实际数，此后按方案设定预测，并给出完成概率。",
    },
    "review.catch_up.col.county": {"en": "County", "zh": "县（市、区）"},
    "review.catch_up.col.target": {"en": "Target", "zh": "目标任务"},
    "review.catch_up.col.per_quarter": {"en": "More a quarter", "zh": "每季度需再增加"},
    "review.catch_up.col.quarters": {"en": "Quarters left", "zh": "剩余季度"},
    "review.catch_up.col.deadline": {"en": "Deadline", "zh": "时限"},
    "review.catch_up.col.quota": {"en": "Quota", "zh": "任务数"},
    "review.catch_up.col.forecast": {"en": "Forecast", "zh": "预计完成"},
    "review.catch_up.overdue": {"en": "deadline past, {n} short", "zh": "时限已过，尚差{n}"},
    "review.interval": {"en": "{mean} ({low} to {high})", "zh": "{mean}（{low}至{high}）"},
    "review.evidence": {
        "en": "{events} {what} / {exposure} {of}",
        "zh": "{what}{events}，{of}{exposure}",
    },
    "review.h.league": {"en": "Counties: league table", "zh": "各县（市、区）排名"},
    "review.league_note": {
        "en": "Each county's city targets split into quotas; score = weighted share of the quota "
        "due so far that was reached; grade by the year-end assessment's rules. A light per "
        "target: green met or on track, amber at risk, red behind.",
        "zh": "全市目标任务分解到各县（市、区）；得分为已到期任务数完成比例的加权和；等次按年终考核规则评定。"
        "每项目标一个信号灯：绿色为已完成或进度正常，黄色为有风险，红色为进度滞后。",
    },
    "review.h.catch_up": {
        "en": "What each lagging county must add",
        "zh": "落后县（市、区）需追赶的进度",
    },
    "review.h.calibration": {
        "en": "Uncertain rates before and after the returns",
        "zh": "报表前后的不确定参数",
    },
    "review.calibration_note": {
        "en": "The Monte Carlo draws these rates from what the scenario assumed, updated by the "
        "flows the counties reported (a conjugate update); the probabilities above use the "
        "updated rates.",
        "zh": "随机模拟所用参数以方案设定为先验，并依据各县（市、区）报送的进出人数更新（共轭更新）；"
        "上述概率采用更新后的参数。",
    },
    "review.lead": {
        "en": "As known on {date}: {returns} returns from {counties} counties, reaching to the end "
        "of {month}{uneven}. Actual figures are the counties' own; from there on the figures "
        "are re-forecast from what has happened.",
        "zh": "截至{date}，共收到{counties}个县（市、区）的{returns}份报表，数据截至{month}末{uneven}。"
        "实际数为各县（市、区）报送数；此后为依据实际情况的重新预测。",
    },
    "review.lead_uneven": {
        "en": " (some counties have reported further; the city figures stop at the earliest)",
        "zh": "（部分县（市、区）报送进度更快，全市数据以最早者为准）",
    },
    "review.plan": {"en": "Plan", "zh": "计划"},
    "review.actual": {"en": "Actual (returns)", "zh": "实际（报表）"},
    "review.forecast": {"en": "Re-forecast", "zh": "重新预测"},
    "review.band": {"en": "Re-forecast, 10 % to 90 %", "zh": "重新预测（10%至90%）"},
    "review.axis.talent": {"en": "Pool members (persons)", "zh": "入库人数（人）"},
    "review.axis.trained": {"en": "Secretaries (persons)", "zh": "村党组织书记（人）"},
    "review.axis.community_venues": {"en": "Projects completed", "zh": "完工项目（个）"},
    "review.axis.village_rooms": {"en": "Projects completed", "zh": "完工项目（个）"},
    "review.title.talent": {
        "en": "Reserve talents, city total: plan, actual and re-forecast",
        "zh": "全市农村后备人才：计划、实际与重新预测",
    },
    "review.title.trained": {
        "en": "Village secretaries trained out of town (special course): plan, actual and re-forecast",
        "zh": "参加异地专题培训的村党组织书记：计划、实际与重新预测",
    },
    "review.title.community_venues": {
        "en": "Community venue projects completed: plan, actual and re-forecast",
        "zh": "社区组织活动场所完工项目：计划、实际与重新预测",
    },
    "review.title.village_rooms": {
        "en": "Village activity room projects completed: plan, actual and re-forecast",
        "zh": "村级组织活动场所完工项目：计划、实际与重新预测",
    },
    "review.target.talent": {"en": "target: more than {n}", "zh": "目标：{n}人以上"},
    "review.target.trained": {"en": "every secretary: {n}", "zh": "全部书记：{n}人"},
}
