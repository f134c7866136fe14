"""Messages of the reserve-talent pools, young cadres' degrees and social workers."""

MESSAGES = {
    "talent.pool.cgvo": {"en": "College-graduate village officials", "zh": "大学生村官"},
    "talent.pool.returnee": {
        "en": "Returning migrants and business people",
        "zh": "返乡农民工和创业人员",
    },
    "talent.pool.leader": {"en": "Local leaders in getting rich", "zh": "农村致富带头人"},
    "talent.total": {"en": "All three pools", "zh": "三支队伍合计"},
    "talent.persons_axis": {"en": "Pool members (persons)", "zh": "人才库成员（人）"},
    "talent.share_axis": {"en": "Share (%)", "zh": "比例（%）"},
    "talent.target_more_than": {"en": "Target: more than {n}", "zh": "目标：超过 {n} 人"},
    "talent.target_share": {"en": "Target: {share}", "zh": "目标：{share}"},
    "talent.hover_persons": {"en": "{name}: {n} persons", "zh": "{name}：{n} 人"},
    # stacked pools
    "talent.pools.title": {
        "en": "Reserve talents in the three pools, city total",
        "zh": "全市三支农村后备人才队伍总量",
    },
    # fan
    "talent.fan.title": {
        "en": "Reserve talents: range of outcomes from {draws} Monte Carlo draws",
        "zh": "后备人才总量：{draws} 次蒙特卡洛模拟的结果范围",
    },
    "talent.fan.band": {"en": "10 % to 90 % of draws", "zh": "10%–90% 模拟结果区间"},
    "talent.fan.p10": {"en": "10th percentile", "zh": "第 10 百分位"},
    "talent.fan.p90": {"en": "90th percentile", "zh": "第 90 百分位"},
    "talent.fan.median": {"en": "Median of draws", "zh": "模拟中位数"},
    "talent.fan.central": {"en": "Central case", "zh": "基准测算"},
    "talent.fan.none": {
        "en": "No Monte Carlo in this scenario (run.mc_draws = 0)",
        "zh": "本情景未做蒙特卡洛模拟（run.mc_draws = 0）",
    },
    # county contribution
    "talent.county.title": {
        "en": "Reserve talents by county at the deadline ({month})",
        "zh": "截止时（{month}）各县（市、区）后备人才人数",
    },
    "talent.county.hover": {
        "en": "{county}, {pool}: {n} persons",
        "zh": "{county}，{pool}：{n} 人",
    },
    # degree
    "talent.degree.title": {
        "en": "Young village cadres (35 or under) with a college degree",
        "zh": "35 岁及以下年轻村干部中大专及以上学历比例",
    },
    "talent.degree.share": {"en": "With a degree", "zh": "具有大专及以上学历"},
    "talent.degree.hover": {
        "en": "{with_degree} of {young} young cadres ({share})",
        "zh": "{young} 名年轻村干部中 {with_degree} 名（{share}）",
    },
    # social workers
    "talent.socwork.title": {
        "en": "Communities with at least one certified social worker (expected share)",
        "zh": "至少有一名持证社会工作者的社区（期望比例）",
    },
    "talent.socwork.coverage": {"en": "Expected coverage", "zh": "期望覆盖率"},
    "talent.socwork.hover": {
        "en": "{share} of {n} communities; {workers} certified workers expected",
        "zh": "{n} 个社区中的 {share}；预计持证社工 {workers} 名",
    },
    # summary sentences
    "talent.summary.met": {
        "en": "The pools pass {threshold} in {month}, {when} the deadline of {deadline}; "
        "at the deadline they hold {value}.",
        "zh": "后备人才总量于 {month} 超过 {threshold} 人，{when} {deadline} 的期限；"
        "截止时共 {value} 人。",
    },
    "talent.summary.before": {"en": "before or at", "zh": "早于或恰在"},
    "talent.summary.after": {"en": "after", "zh": "晚于"},
    "talent.summary.never": {
        "en": "The pools do not pass {threshold} within the horizon; at the deadline of "
        "{deadline} they hold {value}.",
        "zh": "规划期内后备人才总量未超过 {threshold} 人；截至 {deadline} 共 {value} 人。",
    },
    "talent.summary.probability": {
        "en": "Across {draws} Monte Carlo draws, the target is met by the deadline in {p}.",
        "zh": "在 {draws} 次蒙特卡洛模拟中，按期实现目标的概率为 {p}。",
    },
    "talent.summary.seek": {
        "en": "To meet it by {deadline}: {pct} more intake (about {city} more recruits a "
        "year city-wide), or {county} more recruits per county per year.",
        "zh": "若要在 {deadline} 前实现：招募量增加 {pct}（全市每年约多招 {city} 人），"
        "或每个县（市、区）每年多招 {county} 人。",
    },
    "talent.summary.seek_slack": {
        "en": "The target is met with room to spare: {pct} of the planned intake would "
        "still be enough.",
        "zh": "目标有余量：只需计划招募量的 {pct} 即可实现。",
    },
    "talent.summary.seek_none": {
        "en": "No intake increase up to {max}x meets the target by the deadline.",
        "zh": "即使招募量增加到 {max} 倍也无法按期实现目标。",
    },
    "talent.summary.degree": {
        "en": "Young cadres with a degree: {start} now, {end} at {deadline} (target {target}).",
        "zh": "年轻村干部大专及以上学历比例：目前 {start}，{deadline} 为 {end}（目标 {target}）。",
    },
    "talent.summary.socwork": {
        "en": "Communities with a certified social worker: {start} now, {end} expected at "
        "{deadline} (target {target}).",
        "zh": "有持证社会工作者的社区比例：目前 {start}，预计 {deadline} 为 {end}（目标 {target}）。",
    },
    "talent.summary.key": {
        "en": "Key secretaries under target management: {key} of {n} ({share}; about "
        "{target} expected).",
        "zh": "实行目标责任管理的重点村党组织书记：{n} 名中 {key} 名（{share}；应约为 {target}）。",
    },
    # goal-seek table
    "talent.seek.what": {"en": "Question", "zh": "问题"},
    "talent.seek.value": {"en": "Answer", "zh": "结果"},
    "talent.seek.month_met": {
        "en": "Month the target is met with the scenario's intake",
        "zh": "按本情景招募量实现目标的月份",
    },
    "talent.seek.value_at_deadline": {
        "en": "Pool members at the deadline (persons)",
        "zh": "截止时人才库成员（人）",
    },
    "talent.seek.multiplier": {
        "en": "Least intake multiplier that meets the target by the deadline",
        "zh": "按期实现目标所需的最低招募量倍数",
    },
    "talent.seek.extra_city": {
        "en": "Extra recruits a year, city-wide, that multiplier means",
        "zh": "该倍数相当于全市每年多招募人数",
    },
    "talent.seek.extra_county": {
        "en": "Or: least extra recruits per county per year",
        "zh": "或：每个县（市、区）每年最少多招募人数",
    },
    # table headers
    "talent.col.county_id": {"en": "County", "zh": "县（市、区）"},
    "talent.col.young_cadres": {"en": "Young cadres", "zh": "年轻村干部"},
    "talent.col.with_degree": {"en": "With a degree", "zh": "有大专及以上学历"},
    "talent.col.in_upgrade": {"en": "In degree upgrade", "zh": "正在学历提升"},
    "talent.col.degree_share": {"en": "Share with a degree", "zh": "学历达标比例"},
    "talent.col.secretaries": {"en": "Secretaries", "zh": "村党组织书记"},
    "talent.col.key_secretaries": {"en": "Key secretaries", "zh": "重点书记"},
    "talent.col.key_share": {"en": "Key share", "zh": "重点书记比例"},
    "talent.col.target_share": {"en": "Target share", "zh": "目标比例"},
    "talent.col.target_key": {"en": "Target number", "zh": "目标人数"},
    "talent.col.gap": {"en": "Still to select", "zh": "尚需遴选"},
    "talent.seek.probability_multiplier": {
        "en": "Least intake multiplier that meets it in {p} of the draws",
        "zh": "在 {p} 的模拟中按期实现目标所需的最低招募量倍数",
    },
    "talent.summary.seek_probability": {
        "en": "To meet it by the deadline in {p} of the Monte Carlo draws: {pct} more intake.",
        "zh": "若要在 {p} 的蒙特卡洛模拟中按期实现：招募量需增加 {pct}。",
    },
}
