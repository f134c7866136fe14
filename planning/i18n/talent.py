"""Messages of the reserve-talent pools, young cadres' degrees and social workers."""

MESSAGES = {
    "talent.pool.cgvo": {"en": "College-graduate village officials", "zh": "大学生村官"},
    "talent.pool.returnee": {
        "en": "Returning migrant workers and business people",
        "zh": "外出务工经商返乡人员",
    },
    "talent.pool.leader": {"en": "Local leaders in getting rich", "zh": "农村致富带头人"},
    "talent.total": {"en": "All three pools", "zh": "三个人才库合计"},
    "talent.persons_axis": {"en": "Pool members (persons)", "zh": "入库人数（人）"},
    "talent.share_axis": {"en": "Share (%)", "zh": "比例（%）"},
    "talent.target_more_than": {"en": "Target: more than {n}", "zh": "目标：超过{n}人"},
    "talent.target_share": {"en": "Target: {share}", "zh": "目标：{share}"},
    "talent.hover_persons": {"en": "{name}: {n} persons", "zh": "{name}：{n}人"},
    # stacked pools
    "talent.pools.title": {
        "en": "Reserve talents in the three pools, city total",
        "zh": "全市三个农村后备人才库入库人数",
    },
    # fan
    "talent.fan.title": {
        "en": "Reserve talents: range of outcomes from {draws} Monte Carlo draws",
        "zh": "农村后备人才总数：{draws}次随机模拟的结果区间",
    },
    "talent.fan.band": {"en": "10 % to 90 % of draws", "zh": "10%至90%的模拟结果"},
    "talent.fan.p10": {"en": "10th percentile", "zh": "10%分位数"},
    "talent.fan.p90": {"en": "90th percentile", "zh": "90%分位数"},
    "talent.fan.median": {"en": "Median of draws", "zh": "模拟结果中位数"},
    "talent.fan.central": {"en": "Central case", "zh": "基准测算"},
    "talent.fan.none": {
        "en": "No Monte Carlo draws in this scenario (the number of draws is 0)",
        "zh": "本方案未做随机模拟（模拟次数为0）",
    },
    # county contribution
    "talent.county.title": {
        "en": "Reserve talents by county at the deadline ({month})",
        "zh": "完成时限（{month}）各县（市、区）农村后备人才人数",
    },
    "talent.county.hover": {
        "en": "{county}, {pool}: {n} persons",
        "zh": "{county}，{pool}：{n}人",
    },
    # degree
    "talent.degree.title": {
        "en": "Young village cadres (35 or under) with a college degree",
        "zh": "35岁及以下年轻村干部中大专及以上学历比例",
    },
    "talent.degree.share": {"en": "With a degree", "zh": "大专及以上学历"},
    "talent.degree.hover": {
        "en": "{with_degree} of {young} young cadres ({share})",
        "zh": "{young}名年轻村干部中{with_degree}名具有大专及以上学历（{share}）",
    },
    # social workers
    "talent.socwork.title": {
        "en": "Communities with at least one certified social worker (expected share)",
        "zh": "至少配有一名持证社会工作者的社区比例（期望值）",
    },
    "talent.socwork.coverage": {"en": "Expected coverage", "zh": "期望覆盖率"},
    "talent.socwork.hover": {
        "en": "{share} of {communities}; {workers} certified social workers expected",
        "zh": "{communities}中占{share}；预计持证社会工作者{workers}名",
    },
    # summary sentences
    "talent.summary.met": {
        "en": "The pools pass {threshold} in {month}, {when} the deadline of {deadline}; "
        "at the deadline they hold {value}.",
        "zh": "农村后备人才总数于{month}超过{threshold}人，{when}{deadline}的完成时限；到{deadline}共{value}人。",
    },
    "talent.summary.before": {"en": "before or at", "zh": "不晚于"},
    "talent.summary.after": {"en": "after", "zh": "晚于"},
    "talent.summary.never": {
        "en": "The pools do not pass {threshold} within the horizon; at the deadline of "
        "{deadline} they hold {value}.",
        "zh": "测算期内农村后备人才总数未超过{threshold}人；到{deadline}共{value}人。",
    },
    "talent.summary.probability": {
        "en": "Across {draws} of the Monte Carlo simulation, the target is met by the deadline "
        "in {p} of them.",
        "zh": "经{draws}，按期实现目标的概率为{p}。",
    },
    "talent.summary.seek": {
        "en": "To meet it by {deadline}: {pct} more intake (about {city} more recruits a "
        "year city-wide), or {county} per county per year.",
        "zh": "若要在{deadline}前实现：新增入库增加{pct}（全市每年约多入库{city}人），"
        "或每个县（市、区）每年{county}。",
    },
    "talent.summary.seek_slack": {
        "en": "The target is met with room to spare: {pct} of the planned intake would "
        "still be enough.",
        "zh": "目标有余量：新增入库只需达到计划的{pct}即可实现。",
    },
    "talent.summary.seek_none": {
        "en": "No intake increase up to {max} times the plan meets the target by the deadline.",
        "zh": "即使新增入库增加到计划的{max}倍，也无法按期实现目标。",
    },
    "talent.summary.degree": {
        "en": "Young cadres with a degree: {start} now, {end} at {deadline} (target {target}).",
        "zh": "年轻村干部大专及以上学历比例：目前为{start}，{deadline}为{end}（目标{target}）。",
    },
    "talent.summary.socwork": {
        "en": "Communities with a certified social worker: {start} now, {end} expected at "
        "{deadline} (target {target}).",
        "zh": "配有持证社会工作者的社区比例：目前为{start}，预计{deadline}为{end}（目标{target}）。",
    },
    "talent.summary.key": {
        "en": "Key secretaries under target management: {key} of {secretaries} ({share}) "
        "selected by the counties, and {township_key} of {township_secretaries} "
        "({township_share}) selected by the city; about {target} expected at each level.",
        "zh": "实行目标责任管理的重点书记：县级选定{secretaries}中{key}名（{share}），"
        "市级选定{township_secretaries}中{township_key}名（{township_share}）；"
        "两级均要求三分之一左右即约{target}。",
    },
    # goal-seek table
    "talent.seek.what": {"en": "Question", "zh": "测算项目"},
    "talent.seek.value": {"en": "Answer", "zh": "测算结果"},
    "talent.seek.month_met": {
        "en": "Month the target is met with the scenario's intake",
        "zh": "按本方案新增入库实现目标的时间",
    },
    "talent.seek.value_at_deadline": {
        "en": "Pool members at the deadline (persons)",
        "zh": "完成时限时的入库人数（人）",
    },
    "talent.seek.multiplier": {
        "en": "Least intake multiplier that meets the target by the deadline",
        "zh": "按期实现目标所需的新增入库最低倍数",
    },
    "talent.seek.extra_city": {
        "en": "Extra recruits a year, city-wide, that multiplier means",
        "zh": "该倍数相当于全市每年多入库人数",
    },
    "talent.seek.extra_county": {
        "en": "Or: least extra recruits per county per year",
        "zh": "或：每个县（市、区）每年至少多入库人数",
    },
    # table headers
    "talent.col.county_id": {"en": "County", "zh": "县（市、区）"},
    "talent.col.young_cadres": {"en": "Young cadres", "zh": "年轻村干部"},
    "talent.col.with_degree": {"en": "With a degree", "zh": "大专及以上学历"},
    "talent.col.in_upgrade": {"en": "In degree upgrade", "zh": "正在学历提升"},
    "talent.col.degree_share": {"en": "Share with a degree", "zh": "大专及以上学历比例"},
    "talent.col.secretaries": {"en": "Village secretaries", "zh": "村党组织书记"},
    "talent.col.key_secretaries": {"en": "Key secretaries", "zh": "重点书记"},
    "talent.col.key_share": {"en": "Key share", "zh": "重点书记比例"},
    "talent.col.target_share": {"en": "Target share", "zh": "目标比例"},
    "talent.col.target_key": {"en": "Target number", "zh": "目标人数"},
    "talent.col.gap": {"en": "Still to select", "zh": "尚需遴选"},
    "talent.col.township_secretaries": {"en": "Township secretaries", "zh": "乡镇党委书记"},
    "talent.col.township_key": {"en": "Key township secretaries", "zh": "重点乡镇党委书记"},
    "talent.col.township_key_share": {"en": "Township key share", "zh": "乡镇重点书记比例"},
    "talent.col.township_target_key": {"en": "Township target number", "zh": "乡镇目标人数"},
    "talent.col.township_gap": {"en": "Township still to select", "zh": "乡镇尚需遴选"},
    "talent.seek.probability_multiplier": {
        "en": "Least intake multiplier that meets it in {p} of the draws",
        "zh": "按期实现目标的概率达到{p}所需的新增入库最低倍数",
    },
    "talent.summary.seek_probability": {
        "en": "To meet it by the deadline in {p} of the Monte Carlo draws: {pct} more intake.",
        "zh": "若要使按期实现的概率达到{p}：新增入库需增加{pct}。",
    },
}
