"""Messages of the briefings, the target register and the batch index."""

MESSAGES = {
    # ---------------------------------------------------------------- batch index
    "briefing.batch.index.title": {
        "en": "Scenario briefings, run {run}",
        "zh": "情景简报（批次 {run}）",
    },
    "briefing.batch.index.summary": {
        "en": "{ok} of {total} scenarios complete.",
        "zh": "共 {total} 个情景，已完成 {ok} 个。",
    },
    "briefing.batch.index.interrupted": {
        "en": "The run was interrupted; finished briefings are complete, the rest were not run. "
        "Run the batch again to complete only the rest.",
        "zh": "本批次被中断：已完成的简报完整可用，其余未运行。再次运行批处理即可只补齐其余情景。",
    },
    "briefing.batch.index.scenarios": {"en": "Scenarios", "zh": "情景"},
    "briefing.batch.index.matrix": {
        "en": "Targets by scenario",
        "zh": "各情景目标达成情况",
    },
    "briefing.batch.index.problems": {
        "en": "Scenarios with problems (not run)",
        "zh": "有问题的情景（未运行）",
    },
    "briefing.batch.index.open": {"en": "open briefing", "zh": "打开简报"},
    "briefing.batch.index.failed_nb": {"en": "failed notebook", "zh": "失败的笔记本"},
    "briefing.batch.index.files": {"en": "Key figures side by side:", "zh": "关键数字对比："},
    "briefing.batch.sheet.comparison": {"en": "comparison", "zh": "情景对比"},
    "briefing.batch.col.scenario": {"en": "Scenario", "zh": "情景"},
    "briefing.batch.col.title": {"en": "Title", "zh": "标题"},
    "briefing.batch.col.status": {"en": "Status", "zh": "状态"},
    "briefing.batch.col.seconds": {"en": "Seconds", "zh": "用时（秒）"},
    "briefing.batch.col.briefing": {"en": "Briefing", "zh": "简报"},
    "briefing.batch.col.note": {"en": "Note", "zh": "说明"},
    "briefing.batch.col.target": {"en": "Target", "zh": "目标"},
    "briefing.batch.col.figure": {"en": "Key figure", "zh": "关键数字"},
    "briefing.batch.index.figures": {"en": "Key figures", "zh": "关键数字"},
    "briefing.batch.status.ok": {"en": "done", "zh": "完成"},
    "briefing.batch.status.skipped": {"en": "unchanged", "zh": "未变化"},
    "briefing.batch.status.failed": {"en": "failed", "zh": "失败"},
    "briefing.batch.status.timeout": {"en": "timed out", "zh": "超时"},
    "briefing.batch.status.invalid": {"en": "invalid", "zh": "参数无效"},
    "briefing.batch.status.interrupted": {"en": "not run", "zh": "未运行"},
}

TARGET_MESSAGES = {
    "targets.status.met": {"en": "met", "zh": "达成"},
    "targets.status.at_risk": {"en": "at risk", "zh": "有风险"},
    "targets.status.missed": {"en": "missed", "zh": "未达成"},
    "targets.status.tracked": {"en": "tracked", "zh": "跟踪"},
    "targets.T-talent.label": {"en": "Reserve talents", "zh": "农村后备人才"},
    "targets.T-talent.words": {
        "en": "The total number of rural reserve talents in the city will reach more than "
        "10,000 within three years.",
        "zh": "三年内全市农村后备人才总数达到1万人以上。",
    },
    "targets.T-train.label": {
        "en": "Secretaries trained out of town",
        "zh": "村党组织书记异地培训",
    },
    "targets.T-train.words": {
        "en": "Within three years, all current village Party organisation secretaries take part "
        "in special training on agricultural industrialisation in other places.",
        "zh": "三年内，现任村党组织书记全部参加一次农业产业化异地专题培训。",
    },
    "targets.T-newsec.label": {"en": "New secretaries trained", "zh": "新任书记培训"},
    "targets.T-newsec.words": {
        "en": "Secretaries appointed later (e.g. after the election) get the same course "
        "within a set time of taking office.",
        "zh": "此后（如换届后）新任的书记在任职后规定期限内参加同样的培训。",
    },
    "targets.T-degree.label": {"en": "Young cadres with a degree", "zh": "年轻村干部学历"},
    "targets.T-degree.words": {
        "en": "All young village cadres have a college degree or above.",
        "zh": "年轻村干部全部达到大专以上学历。",
    },
    "targets.T-socwork.label": {"en": "Social worker in every community", "zh": "社区社会工作者"},
    "targets.T-socwork.words": {
        "en": "Each community trains at least one professional social worker.",
        "zh": "每个社区至少培养一名专业社会工作者。",
    },
    "targets.T-key.label": {
        "en": "Key secretaries under target management",
        "zh": "重点书记目标管理",
    },
    "targets.T-key.words": {
        "en": "City and county Party committees each select about one third of the key rural "
        "Party organisation secretaries for target responsibility management.",
        "zh": "市、县两级党委分别选择三分之一左右的重点农村党组织书记实行目标责任管理。",
    },
    "targets.T-promote.label": {"en": "Officials promoted every year", "zh": "大学生村官择优选拔"},
    "targets.T-promote.words": {
        "en": "Every year, a group of township cadres is selected from outstanding college-"
        "graduate village officials.",
        "zh": "每年从优秀大学生村官中选拔一批乡镇干部。",
    },
    "targets.T-venue.label": {"en": "Community venues 30/30/40", "zh": "社区活动场所30/30/40"},
    "targets.T-venue.words": {
        "en": "Use 2 to 3 years to build up to 30 %, 30 % and 40 % standard, quality and "
        "demonstration communities, with venues standardised and fully owned.",
        "zh": "用2至3年时间，使标准型、质量型、示范型社区分别达到30%、30%、40%，"
        "社区活动场所全部达标并产权自有。",
    },
    "targets.T-village-room.label": {"en": "Village activity rooms", "zh": "村级活动场所"},
    "targets.T-village-room.words": {
        "en": "Pay close attention to the standardised construction of village-level "
        "organisation activity venues.",
        "zh": "抓好村级组织活动场所规范化建设。",
    },
    "targets.T-subsidy.label": {"en": "Secretary basic subsidy", "zh": "村书记基本补贴"},
    "targets.T-subsidy.words": {
        "en": "The basic subsidy is set no lower than the per-capita income of farmers in the "
        "county, paid monthly; a performance subsidy follows the yearly assessment.",
        "zh": "基本补贴按不低于所在县农民人均纯收入的标准确定，按月发放；绩效补贴根据年度考核确定。",
    },
    "targets.T-reserve-pools.label": {"en": "Three talent pools", "zh": "三支后备人才队伍"},
    "targets.T-reserve-pools.words": {
        "en": "Establish three rural reserve talent pools.",
        "zh": "建立三支农村后备人才库。",
    },
    "targets.T-satisf.label": {"en": "Residents' satisfaction", "zh": "群众满意度"},
    "targets.T-satisf.words": {
        "en": "The satisfaction rate of the broad masses with grassroots Party organisations "
        "reaches over 90 %.",
        "zh": "广大群众对基层党组织和党员的满意率达到90%以上。",
    },
    "targets.T-poor.label": {"en": "Cadres paired with poor households", "zh": "结对帮扶困难户"},
    "targets.T-poor.words": {
        "en": "Each Party member and cadre in government agencies contacts at least one poor "
        "household.",
        "zh": "机关每名党员干部至少联系一户困难户。",
    },
    "targets.Q-star.label": {"en": "Yearly star rating", "zh": "年度星级评定"},
    "targets.Q-star.words": {
        "en": "Party organisations are star-rated every year.",
        "zh": "每年开展基层党组织星级评定。",
    },
    "targets.Q-demo.label": {"en": "Demonstration sites", "zh": "示范点建设"},
    "targets.Q-demo.words": {
        "en": "Build demonstration sites of service-oriented Party organisations.",
        "zh": "建设服务型党组织示范点。",
    },
    "targets.Q-weak.label": {"en": "Weak organisations rectified", "zh": "软弱涣散党组织整顿"},
    "targets.Q-weak.words": {
        "en": "Rectify weak and lax grassroots Party organisations.",
        "zh": "整顿软弱涣散基层党组织。",
    },
    "targets.Q-visits.label": {"en": "Holiday visits", "zh": "节日走访慰问"},
    "targets.Q-visits.words": {
        "en": "Visit the masses at New Year, Spring Festival, 1 July and National Day.",
        "zh": "元旦、春节、七一、国庆期间走访慰问群众。",
    },
    "targets.Q-meetings.label": {"en": "Three meetings and one lesson", "zh": "三会一课"},
    "targets.Q-meetings.words": {
        "en": 'Hold "three meetings and one lesson" regularly.',
        "zh": "坚持“三会一课”制度。",
    },
}

MESSAGES.update(TARGET_MESSAGES)

BRIEFING_MESSAGES = {
    "briefing.subtitle": {
        "en": "Scenario {name} · data {source} · run {date}",
        "zh": "情景 {name} · 数据 {source} · 运行于 {date}",
    },
    "briefing.h.summary": {"en": "Executive summary", "zh": "摘要"},
    "briefing.h.register": {"en": "Targets of the plan", "zh": "规划目标一览"},
    "briefing.counts": {
        "en": "Of {n} quantified targets, {met} are met, {at_risk} at risk and {missed} missed "
        "under this scenario.",
        "zh": "在本情景下，{n}项量化目标中{met}项达成、{at_risk}项有风险、{missed}项未达成。",
    },
    "briefing.kf.talent": {"en": "reserve talents by {deadline}", "zh": "{deadline}后备人才总数"},
    "briefing.kf.talent_note": {
        "en": "target more than {threshold}; probability {p}",
        "zh": "目标超过{threshold}人；达成概率{p}",
    },
    "briefing.kf.probability": {
        "en": "probability of the reserve-talent target",
        "zh": "后备人才目标的达成概率",
    },
    "briefing.kf.target": {"en": "target {threshold}", "zh": "目标 {threshold}"},
    "briefing.kf.train": {
        "en": "current secretaries trained by {deadline}",
        "zh": "{deadline}前现任书记完成异地培训",
    },
    "briefing.kf.train_note": {
        "en": "{n} secretaries in all; {cost}",
        "zh": "共培训{n}名书记；{cost}",
    },
    "briefing.kf.venue": {
        "en": "demonstration communities by {deadline}",
        "zh": "{deadline}示范型社区占比",
    },
    "briefing.kf.spending": {
        "en": "million yuan of city spending over {years} years",
        "zh": "万元：{years}年财政投入合计",
    },
    "briefing.kf.spending_note": {
        "en": "venues, village rooms, subsidies, training",
        "zh": "社区场所、村级场所、补贴、培训",
    },
    "briefing.spare.none": {"en": "just in time", "zh": "恰在期限内"},
    "briefing.spare.n": {"en": "with {n} months to spare", "zh": "提前{n}个月"},
    "briefing.sentence.probability": {"en": "; probability {p}.", "zh": "；达成概率{p}。"},
    "briefing.sentence.at_risk": {
        "en": " The margin is thin: at risk.",
        "zh": "余量很小，列为有风险。",
    },
    "briefing.sentence.at_risk_p": {
        "en": " That is below the {p} confidence asked for: at risk.",
        "zh": "低于要求的{p}把握，列为有风险。",
    },
    "briefing.sentence.generic.met": {
        "en": "{label}: {value} by {deadline} ({status}).",
        "zh": "{label}：{deadline}达到{value}（{status}）。",
    },
    "briefing.sentence.generic.missed": {
        "en": "{label}: {value} by {deadline} ({status}).",
        "zh": "{label}：{deadline}为{value}（{status}）。",
    },
    "briefing.sentence.T-talent.met": {
        "en": "The reserve pools reach {value} by {deadline}, meeting the target of more than "
        "{threshold} {spare}.",
        "zh": "到{deadline}，后备人才总数达到{value}人，{spare}实现超过{threshold}人的目标。",
    },
    "briefing.sentence.T-talent.missed": {
        "en": "The reserve pools reach {value} by {deadline}, {gap} short of the target of more "
        "than {threshold}; the target is first passed in {first_met}.",
        "zh": "到{deadline}，后备人才总数为{value}人，距超过{threshold}人的目标还差{gap}人；"
        "预计{first_met}才能达到。",
    },
    "briefing.sentence.T-talent.missed_never": {
        "en": "The reserve pools reach {value} by {deadline}, {gap} short of the target of more "
        "than {threshold}, and do not pass it within the plan horizon.",
        "zh": "到{deadline}，后备人才总数为{value}人，距超过{threshold}人的目标还差{gap}人，"
        "规划期内无法达到。",
    },
    "briefing.sentence.T-train.met": {
        "en": "All secretaries in post at plan start are trained out of town by {deadline}, "
        "{spare}.",
        "zh": "规划开始时在任的村党组织书记于{deadline}前全部完成异地培训（{spare}）。",
    },
    "briefing.sentence.T-train.missed": {
        "en": "Only {value} of the secretaries in post at plan start are trained out of town by "
        "{deadline}; the target is all of them.",
        "zh": "到{deadline}，规划开始时在任的书记仅有{value}完成异地培训，目标为全部完成。",
    },
    "briefing.sentence.T-newsec.met": {
        "en": "Every new secretary is trained within {window} months of taking office.",
        "zh": "新任书记全部在任职后{window}个月内完成培训。",
    },
    "briefing.sentence.T-newsec.missed": {
        "en": "{value} of new secretaries are trained within {window} months of taking office; "
        "the target is all of them.",
        "zh": "新任书记中有{value}在任职后{window}个月内完成培训，目标为全部。",
    },
    "briefing.sentence.T-degree.met": {
        "en": "{value} of young village cadres hold a junior-college degree or above by "
        "{deadline}, meeting the target of {threshold}.",
        "zh": "到{deadline}，年轻村干部中大专及以上学历占{value}，达到{threshold}的目标。",
    },
    "briefing.sentence.T-degree.missed": {
        "en": "{value} of young village cadres hold a junior-college degree or above by "
        "{deadline}, short of the target of {threshold}.",
        "zh": "到{deadline}，年轻村干部中大专及以上学历占{value}，未达到{threshold}的目标。",
    },
    "briefing.sentence.T-socwork.met": {
        "en": "{value} of communities are expected to have a certified social worker by "
        "{deadline}, meeting the target of {threshold}.",
        "zh": "到{deadline}，预计{value}的社区拥有持证社会工作者，达到{threshold}的目标。",
    },
    "briefing.sentence.T-socwork.missed": {
        "en": "{value} of communities are expected to have a certified social worker by "
        "{deadline}, short of the target of {threshold}.",
        "zh": "到{deadline}，预计{value}的社区拥有持证社会工作者，未达到{threshold}的目标。",
    },
    "briefing.sentence.T-key.met": {
        "en": "{value} of village secretaries are under target responsibility management, "
        "close to the one third the plan asks for.",
        "zh": "{value}的村党组织书记实行目标责任管理，接近规划要求的三分之一。",
    },
    "briefing.sentence.T-key.missed": {
        "en": "{value} of village secretaries are under target responsibility management, "
        "far from the {threshold} the plan asks for.",
        "zh": "{value}的村党组织书记实行目标责任管理，与规划要求的{threshold}差距较大。",
    },
    "briefing.sentence.T-promote.met": {
        "en": "At least {value} college-graduate officials are promoted to township posts in "
        "every plan year.",
        "zh": "每个规划年至少有{value}名大学生村官被选拔进入乡镇岗位。",
    },
    "briefing.sentence.T-promote.missed": {
        "en": "In at least one plan year no college-graduate official is promoted to a "
        "township post.",
        "zh": "至少有一个规划年没有大学生村官被选拔进入乡镇岗位。",
    },
    "briefing.sentence.T-venue.met": {
        "en": "Community venues reach the 30/30/40 mix, all standard and owned, in "
        "{first_met}, {spare}; {value} are demonstration communities by {deadline}.",
        "zh": "社区活动场所于{first_met}达到30/30/40结构且全部达标、产权自有（{spare}）；"
        "到{deadline}示范型社区占{value}。",
    },
    "briefing.sentence.T-venue.missed": {
        "en": "By {deadline} only {value} of communities are at the demonstration tier (goal "
        "{threshold}) and the 30/30/40 mix is reached only in {first_met}.",
        "zh": "到{deadline}示范型社区仅占{value}（目标{threshold}），30/30/40结构要到{first_met}"
        "才能实现。",
    },
    "briefing.sentence.T-venue.missed_never": {
        "en": "By {deadline} only {value} of communities are at the demonstration tier (goal "
        "{threshold}); the 30/30/40 mix is not reached within the plan horizon.",
        "zh": "到{deadline}示范型社区仅占{value}（目标{threshold}），规划期内无法实现30/30/40结构。",
    },
    "briefing.sentence.T-village-room.met": {
        "en": "Every village activity room meets the standard by {first_met}, {spare}.",
        "zh": "村级组织活动场所于{first_met}全部达标（{spare}）。",
    },
    "briefing.sentence.T-village-room.missed": {
        "en": "By {deadline}, {value} of village activity rooms meet the standard; all do only "
        "in {first_met}.",
        "zh": "到{deadline}，{value}的村级活动场所达标；要到{first_met}才能全部达标。",
    },
    "briefing.sentence.T-village-room.missed_never": {
        "en": "By {deadline}, only {value} of village activity rooms meet the standard, and not "
        "all do within the plan horizon.",
        "zh": "到{deadline}，仅{value}的村级活动场所达标，规划期内无法全部达标。",
    },
    "briefing.sentence.T-subsidy.met": {
        "en": "The basic subsidy is at least the county's rural income per capita in every "
        "county and every year.",
        "zh": "各县每年的基本补贴均不低于当地农民人均纯收入。",
    },
    "briefing.sentence.T-subsidy.missed": {
        "en": "The basic subsidy reaches rural income per capita in only {value} of "
        "county-years; the worst falls {gap} short.",
        "zh": "只有{value}的县·年基本补贴达到农民人均纯收入，最差的相差{gap}。",
    },
    "briefing.sentence.T-reserve-pools.met": {
        "en": "All three reserve-talent pools exist in every county by {deadline}.",
        "zh": "到{deadline}，各县均建立了三支后备人才队伍。",
    },
    "briefing.sentence.T-reserve-pools.missed": {
        "en": "By {deadline}, only {value} of counties have all three reserve-talent pools.",
        "zh": "到{deadline}，仅{value}的县建立了全部三支后备人才队伍。",
    },
    "briefing.rolling": {"en": "every year", "zh": "每年"},
    "briefing.col.target": {"en": "Target", "zh": "目标"},
    "briefing.col.goal": {"en": "Goal", "zh": "目标值"},
    "briefing.col.deadline": {"en": "Deadline", "zh": "期限"},
    "briefing.col.value": {"en": "Value", "zh": "数值"},
    "briefing.col.first_met": {"en": "First met", "zh": "首次达成"},
    "briefing.col.probability": {"en": "Probability", "zh": "达成概率"},
    "briefing.col.status": {"en": "Status", "zh": "状态"},
    "briefing.col.year": {"en": "Year", "zh": "年份"},
    "briefing.col.trainees": {"en": "Trainees", "zh": "培训人数"},
    "briefing.col.cost": {"en": "Cost", "zh": "费用"},
    "briefing.col.parameter": {"en": "Parameter", "zh": "参数"},
    "briefing.col.unit": {"en": "Unit", "zh": "单位"},
    "briefing.col.default": {"en": "Default", "zh": "默认值"},
    "briefing.col.note": {"en": "Note", "zh": "说明"},
    "briefing.col.item": {"en": "Item", "zh": "项目"},
    "briefing.col.file": {"en": "Data file", "zh": "数据文件"},
    "briefing.h.talent": {
        "en": "Reserve talents, degrees and social workers",
        "zh": "后备人才、学历与社会工作者",
    },
    "briefing.h.training": {
        "en": "Out-of-town training of village secretaries",
        "zh": "村党组织书记异地培训",
    },
    "briefing.h.venues": {"en": "Community venues and village rooms", "zh": "社区与村级活动场所"},
    "briefing.h.subsidies": {"en": "Secretary subsidies and spending", "zh": "书记补贴与财政投入"},
    "briefing.h.budget": {"en": "City spending by programme", "zh": "分项目财政投入"},
    "briefing.h.compare": {"en": "Differences from “{title}”", "zh": "与“{title}”的差异"},
    "briefing.h.changed": {"en": "Parameters that differ", "zh": "不同的参数"},
    "briefing.h.appendix": {"en": "Appendix", "zh": "附录"},
    "briefing.h.parameters": {"en": "Every parameter of this scenario", "zh": "本情景全部参数"},
    "briefing.h.provenance": {"en": "Provenance", "zh": "数据来源与运行信息"},
    "briefing.training.line": {
        "en": "{classes} classes at {bases} bases train {trained} secretaries for {cost}.",
        "zh": "在{bases}个基地开设{classes}个班次，培训{trained}名书记，费用{cost}。",
    },
    "briefing.cmp.value": {"en": "Value, {name}", "zh": "{name} 数值"},
    "briefing.cmp.status": {"en": "Status, {name}", "zh": "{name} 状态"},
    "briefing.cmp.change": {"en": "Change", "zh": "变化"},
    "briefing.section.talent": {"en": "Reserve talent", "zh": "后备人才"},
    "briefing.section.training": {"en": "Training", "zh": "培训"},
    "briefing.section.venues": {"en": "Venues", "zh": "活动场所"},
    "briefing.section.subsidies": {"en": "Subsidies", "zh": "补贴"},
    "briefing.section.targets": {"en": "Targets", "zh": "目标"},
    "briefing.section.run": {"en": "Run", "zh": "运行设置"},
    "briefing.changed": {"en": "changed", "zh": "已修改"},
    "briefing.parameters.note": {
        "en": "Highlighted rows differ from the default.",
        "zh": "高亮的行与默认值不同。",
    },
    "briefing.prov.scenario": {"en": "Scenario file", "zh": "情景文件"},
    "briefing.prov.source": {"en": "Data", "zh": "数据"},
    "briefing.prov.version": {"en": "Package version", "zh": "程序版本"},
    "briefing.prov.code": {"en": "Code fingerprint", "zh": "代码指纹"},
    "briefing.prov.python": {"en": "Python", "zh": "Python"},
    "briefing.prov.time": {"en": "Run time", "zh": "运行时间"},
    "briefing.prov.seed": {"en": "Random seed", "zh": "随机种子"},
    "briefing.prov.draws": {"en": "Monte Carlo draws", "zh": "蒙特卡洛抽样次数"},
    "briefing.prov.seconds": {"en": "Model seconds", "zh": "模型用时"},
}

MESSAGES.update(BRIEFING_MESSAGES)
