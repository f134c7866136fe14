"""Messages of county accountability: quotas, the county register, the league table, the
catch-up and the year-end grades (``planning progress review``)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- indicators
    "accountability.ind.talent": {"en": "Reserve talents", "zh": "农村后备人才"},
    "accountability.ind.trained": {"en": "Secretaries trained", "zh": "书记异地专题培训"},
    "accountability.ind.community_venues": {
        "en": "Community venue projects",
        "zh": "社区组织活动场所项目",
    },
    "accountability.ind.village_rooms": {
        "en": "Village room projects",
        "zh": "村级组织活动场所项目",
    },
    "accountability.ind.socwork": {
        "en": "Communities with a social worker",
        "zh": "有持证社会工作者的社区",
    },
    "accountability.ind.paired": {"en": "Agency cadres paired", "zh": "结对帮扶的机关党员干部"},
    "accountability.ind.basic_pay": {"en": "Basic pay paid", "zh": "基本报酬发放"},
    # ---------------------------------------------------------------- what a county must add
    "accountability.need.talent": {"en": "{n} more reserve talents", "zh": "农村后备人才{n}人"},
    "accountability.need.trained": {"en": "{n} more secretaries trained", "zh": "培训书记{n}名"},
    "accountability.need.community_venues": {
        "en": "{n} more community venue projects completed",
        "zh": "建成社区组织活动场所项目{n}个",
    },
    "accountability.need.village_rooms": {
        "en": "{n} more village room projects completed",
        "zh": "建成村级组织活动场所项目{n}个",
    },
    "accountability.need.socwork": {
        "en": "{n} more communities with a certified social worker",
        "zh": "有持证社会工作者的社区{n}个",
    },
    "accountability.need.paired": {
        "en": "{n} more agency cadres paired",
        "zh": "结对帮扶的机关党员干部{n}名",
    },
    "accountability.need.basic_pay": {"en": "{n} more in basic pay", "zh": "基本报酬{n}"},
    "accountability.need_one.talent": {"en": "{n} more reserve talent", "zh": "农村后备人才{n}人"},
    "accountability.need_one.trained": {"en": "{n} more secretary trained", "zh": "培训书记{n}名"},
    "accountability.need_one.community_venues": {
        "en": "{n} more community venue project completed",
        "zh": "建成社区组织活动场所项目{n}个",
    },
    "accountability.need_one.village_rooms": {
        "en": "{n} more village room project completed",
        "zh": "建成村级组织活动场所项目{n}个",
    },
    "accountability.need_one.socwork": {
        "en": "{n} more community with a certified social worker",
        "zh": "有持证社会工作者的社区{n}个",
    },
    "accountability.need_one.paired": {
        "en": "{n} more agency cadre paired",
        "zh": "结对帮扶的机关党员干部{n}名",
    },
    "accountability.need_one.basic_pay": {"en": "{n} more in basic pay", "zh": "基本报酬{n}"},
    # ---------------------------------------------------------------- statuses
    "accountability.status.on_track": {"en": "on track", "zh": "进度正常"},
    "accountability.status.behind": {"en": "behind", "zh": "进度滞后"},
    "accountability.status.no_intake": {"en": "no intake reported", "zh": "未报新增"},
    "accountability.status.no_return": {"en": "no return", "zh": "未报送报表"},
    # ---------------------------------------------------------------- catch-up sentences
    "accountability.catch_up.line": {
        "en": "{county} needs {what} a quarter over the next {quarters} to {deadline} "
        "(quota {quota}; forecast {forecast})",
        "zh": "{county}今后{quarters}（至{deadline}）每季度需再增加{what}"
        "（任务数{quota}，预计{forecast}）",
    },
    "accountability.catch_up.overdue": {
        "en": "{county}: {label}, {what} short of the quota, which was due {deadline} "
        "(quota {quota}; forecast {forecast})",
        "zh": "{county}{label}距任务数尚差{what}，时限{deadline}已过（任务数{quota}，预计{forecast}）",
    },
    "accountability.catch_up.no_intake": {
        "en": "; no intake reported so far",
        "zh": "；至今未报新增",
    },
    "accountability.catch_up.none": {
        "en": "No county lags behind its quotas.",
        "zh": "各县（市、区）均未落后于任务数。",
    },
    # ---------------------------------------------------------------- column headings
    "accountability.col.rank": {"en": "Rank", "zh": "排名"},
    "accountability.col.county_id": {"en": "County id", "zh": "县（市、区）编号"},
    "accountability.col.county": {"en": "County", "zh": "县（市、区）"},
    "accountability.col.score": {"en": "Score", "zh": "得分"},
    "accountability.col.grade": {"en": "Grade", "zh": "等次"},
    "accountability.col.limited": {
        "en": "Excellent score, beyond the share limit",
        "zh": "达到优秀分数但超出比例",
    },
    "accountability.col.indicator": {"en": "Target", "zh": "目标任务"},
    "accountability.col.label": {"en": "Target", "zh": "目标任务"},
    "accountability.col.period": {"en": "Last return", "zh": "最近报表"},
    "accountability.col.last_month": {"en": "Last month reported", "zh": "最近报告月份"},
    "accountability.col.deadline_month": {"en": "Deadline", "zh": "完成时限"},
    "accountability.col.deadline": {"en": "Deadline", "zh": "完成时限"},
    "accountability.col.quota": {"en": "Quota", "zh": "任务数"},
    "accountability.col.plan_to_date": {"en": "Plan to date", "zh": "计划进度"},
    "accountability.col.actual_to_date": {"en": "Actual to date", "zh": "实际完成"},
    "accountability.col.intake": {"en": "Reported intake", "zh": "报告新增"},
    "accountability.col.quota_to_date": {"en": "Quota due to date", "zh": "截至当期应完成"},
    "accountability.col.attainment": {"en": "Attainment", "zh": "完成率"},
    "accountability.col.plan_at_deadline": {"en": "Plan at deadline", "zh": "计划到期数"},
    "accountability.col.forecast": {"en": "Forecast at deadline", "zh": "到期预计"},
    "accountability.col.gap": {"en": "Forecast minus quota", "zh": "预计与任务数之差"},
    "accountability.col.no_intake": {"en": "No intake reported", "zh": "未报新增"},
    "accountability.col.status": {"en": "Status", "zh": "状态"},
    "accountability.col.light": {"en": "Light", "zh": "信号灯"},
    "accountability.col.quarters_left": {"en": "Quarters left", "zh": "剩余季度"},
    "accountability.col.shortfall": {"en": "Shortfall", "zh": "缺口"},
    "accountability.col.catch_up_per_quarter": {"en": "Catch-up a quarter", "zh": "每季度需追加"},
    "accountability.col.text": {"en": "What it must do", "zh": "追赶要求"},
    # ---------------------------------------------------------------- the review command
    "accountability.review.title": {
        "en": "County review as of {as_of} (scenario: {scenario})",
        "zh": "各县（市、区）考核（截至{as_of}，方案：{scenario}）",
    },
    "accountability.review.league": {
        "en": "League table (score: weighted attainment of the quotas due to date)",
        "zh": "排名（得分：截至当期应完成任务数的加权完成率）",
    },
    "accountability.review.catch_up": {"en": "Catch-up", "zh": "追赶要求"},
    "accountability.review.grades": {
        "en": "Grades: {counts}; excellent at most {limit} of {n} counties",
        "zh": "等次：{counts}；优秀不超过{n}个县（市、区）中的{limit}个",
    },
    "accountability.review.wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
    "accountability.review.empty": {
        "en": "No return in {ledger} as of {as_of}; nothing to review.",
        "zh": "截至{as_of}，{ledger} 中没有报表，无法考核。",
    },
    "accountability.review.legend": {
        "en": "Lights: ● met or on track, ◐ at risk, ○ behind / no intake / no return",
        "zh": "信号灯：● 完成或进度正常，◐ 有风险，○ 进度滞后、未报新增或未报送",
    },
}
