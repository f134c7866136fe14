"""Messages of the briefings, the target register and the batch index."""

MESSAGES = {
    # ---------------------------------------------------------------- batch index
    "briefing.batch.index.title": {
        "en": "Scenario briefings of {run}",
        "zh": "测算方案简报汇总（{run}）",
    },
    "briefing.batch.index.summary": {
        "en": "{ok} of {total} scenarios complete.",
        "zh": "共{total}个方案，已完成{ok}个。",
    },
    "briefing.batch.index.interrupted": {
        "en": "The run was interrupted; finished briefings are complete, the rest were not run. "
        "Run the batch again to complete only the rest.",
        "zh": "本次批量测算被中断：已完成的简报完整可用，其余方案未测算。再次批量测算即可只补齐其余方案。",
    },
    "briefing.batch.index.scenarios": {"en": "Scenarios", "zh": "测算方案"},
    "briefing.batch.index.matrix": {
        "en": "Targets by scenario",
        "zh": "各方案目标任务完成情况",
    },
    "briefing.batch.index.problems": {
        "en": "Scenarios with problems (not run)",
        "zh": "有问题的方案（未测算）",
    },
    "briefing.batch.index.open": {"en": "open briefing", "zh": "查看简报"},
    "briefing.batch.index.failed_nb": {"en": "failed notebook", "zh": "出错记录"},
    "briefing.batch.index.files": {"en": "Key figures side by side:", "zh": "主要数据对比表："},
    "briefing.batch.sheet.comparison": {"en": "comparison", "zh": "方案对比"},
    "briefing.batch.sheet.counties": {"en": "counties", "zh": "各县（市、区）"},
    "briefing.batch.county_col.scenario": {"en": "scenario", "zh": "方案文件"},
    "briefing.batch.county_col.as_of": {"en": "returns as of", "zh": "报表截至"},
    "briefing.batch.county_col.county": {"en": "county", "zh": "县（市、区）"},
    "briefing.batch.county_col.target": {"en": "target", "zh": "目标任务"},
    "briefing.batch.county_col.quota": {"en": "quota", "zh": "任务数"},
    "briefing.batch.county_col.forecast": {"en": "forecast at the deadline", "zh": "时限预计"},
    "briefing.batch.county_col.status": {"en": "status", "zh": "状态"},
    "briefing.batch.col.scenario": {"en": "Scenario", "zh": "方案文件"},
    "briefing.batch.col.title": {"en": "Title", "zh": "测算方案"},
    "briefing.batch.col.status": {"en": "Status", "zh": "状态"},
    "briefing.batch.col.seconds": {"en": "Seconds", "zh": "用时（秒）"},
    "briefing.batch.col.briefing": {"en": "Briefing", "zh": "测算简报"},
    "briefing.batch.col.note": {"en": "Note", "zh": "说明"},
    "briefing.batch.col.target": {"en": "Target", "zh": "目标任务"},
    "briefing.batch.col.figure": {"en": "Key figure", "zh": "主要数据"},
    "briefing.batch.index.figures": {"en": "Key figures", "zh": "主要数据"},
    "briefing.batch.status.ok": {"en": "done", "zh": "已生成"},
    "briefing.batch.status.skipped": {"en": "unchanged", "zh": "沿用上次结果"},
    "briefing.batch.status.failed": {"en": "failed", "zh": "出错"},
    "briefing.batch.status.timeout": {"en": "timed out", "zh": "超时"},
    "briefing.batch.status.invalid": {"en": "invalid", "zh": "参数有误"},
    "briefing.batch.status.interrupted": {"en": "not run", "zh": "未测算"},
    "briefing.batch.status.reused": {
        "en": "unchanged since {run}",
        "zh": "与{run}的测算相同",
    },
}

TARGET_MESSAGES = {
    "targets.status.met": {"en": "met", "zh": "完成"},
    "targets.status.at_risk": {"en": "at risk", "zh": "有风险"},
    "targets.status.missed": {"en": "missed", "zh": "未完成"},
    "targets.status.tracked": {"en": "tracked", "zh": "未测算"},
    "targets.T-talent.label": {"en": "Reserve talents", "zh": "农村后备人才"},
    "targets.T-talent.words": {
        "en": "The total number of rural reserve talents in the city will reach more than "
        "10,000 within three years.",
        "zh": "用三年时间，全市农村后备人才总数达到1万人以上。",
    },
    "targets.T-train.label": {
        "en": "Secretaries trained out of town",
        "zh": "村党组织书记异地专题培训",
    },
    "targets.T-train.words": {
        "en": "Within three years, all current village Party organisation secretaries take part "
        "in special training on agricultural industrialisation in other places.",
        "zh": "三年内，现任村党组织书记全部到外地参加一次农业产业化专题培训。",
    },
    "targets.T-newsec.label": {"en": "New secretaries trained", "zh": "新任书记异地专题培训"},
    "targets.T-newsec.words": {
        "en": "Secretaries appointed later (e.g. after the election) get the same course "
        "within a set time of taking office.",
        "zh": "此后（如换届后）新任的村党组织书记在任职后规定时间内参加同样的培训。",
    },
    "targets.T-degree.label": {
        "en": "Young cadres with a degree",
        "zh": "年轻村干部大专及以上学历",
    },
    "targets.T-degree.words": {
        "en": "All young village cadres have a college degree or above.",
        "zh": "年轻村干部全部达到大专及以上学历。",
    },
    "targets.T-socwork.label": {
        "en": "Social worker in every community",
        "zh": "社区持证社会工作者",
    },
    "targets.T-socwork.words": {
        "en": "Each community trains at least one professional social worker.",
        "zh": "每个社区至少培养1名专业社会工作者。",
    },
    "targets.T-key.label": {
        "en": "Key secretaries under target management",
        "zh": "重点村党组织书记目标责任管理",
    },
    "targets.T-key.words": {
        "en": "City and county Party committees each select about one third of the key rural "
        "Party organisation secretaries for target responsibility management.",
        "zh": "市、县两级党委分别选取三分之一左右的农村党组织书记作为重点，实行目标责任管理。",
    },
    "targets.T-promote.label": {
        "en": "Officials promoted every year",
        "zh": "优秀大学生村官选拔使用",
    },
    "targets.T-promote.words": {
        "en": "Every year, a group of township cadres is selected from outstanding college-"
        "graduate village officials.",
        "zh": "每年从优秀大学生村官中选拔（招录）一批乡镇公务员或进入乡镇领导班子。",
    },
    "targets.T-venue.label": {
        "en": "Community venues 30/30/40",
        "zh": "达标、优质、示范社区30%、30%、40%",
    },
    "targets.T-venue.words": {
        "en": "Use 2 to 3 years to build up to 30 %, 30 % and 40 % standard, quality and "
        "demonstration communities, with venues standardised and fully owned.",
        "zh": "用2至3年时间，达标社区、优质社区、示范社区分别占社区总数的30%、30%、40%，"
        "社区组织活动场所全部达标、产权全部自有。",
    },
    "targets.T-village-room.label": {"en": "Village activity rooms", "zh": "村级组织活动场所"},
    "targets.T-village-room.words": {
        "en": "Pay close attention to the standardised construction of village-level "
        "organisation activity venues.",
        "zh": "抓好村级组织活动场所规范化建设。",
    },
    "targets.T-subsidy.label": {"en": "Secretaries' basic pay", "zh": "村党组织书记基本报酬"},
    "targets.T-subsidy.words": {
        "en": "Basic pay is set no lower than the per-capita income of farmers in the "
        "county, paid monthly; performance pay follows the yearly assessment.",
        "zh": "基本报酬按不低于所在县（市、区）农民人均纯收入的标准确定，按月发放；"
        "绩效报酬根据年度考核结果确定。",
    },
    "targets.T-reserve-pools.label": {"en": "Three talent pools", "zh": "三个农村后备人才库"},
    "targets.T-reserve-pools.words": {
        "en": "Establish three rural reserve talent pools.",
        "zh": "建立三个农村后备人才库。",
    },
    "targets.T-satisf.label": {
        "en": "Satisfaction of the masses and of Party members",
        "zh": "群众和党员满意率",
    },
    "targets.T-satisf.words": {
        "en": "The satisfaction rate of the broad masses with grassroots Party organisations "
        "and Party members, and of the majority of Party members with grassroots Party "
        "organisations, reaches over 90 %.",
        "zh": "广大群众对基层党组织和党员、广大党员对基层党组织的满意率均达到90%以上。",
    },
    "targets.T-poor.label": {
        "en": "Agency cadres paired with poor households",
        "zh": "机关党员干部结对帮扶困难户",
    },
    "targets.T-poor.words": {
        "en": "Each Party member and cadre in government agencies contacts at least one poor "
        "household.",
        "zh": "机关每名党员干部至少联系1户困难户。",
    },
    "targets.Q-promote-township.label": {
        "en": "Promotion of township secretaries",
        "zh": "乡镇党委书记晋升渠道",
    },
    "targets.Q-promote-township.words": {
        "en": "Township Party committee secretaries with outstanding performance can be "
        "promoted to deputy positions in the county (city, district) Party and government or "
        "enjoy deputy county-level treatment.",
        "zh": "实绩突出的乡镇党委书记，可提拔为县（市、区）党政副职或享受副县级待遇。",
    },
    "targets.Q-promote-village.label": {
        "en": "Promotion of village secretaries",
        "zh": "村党组织书记晋升渠道",
    },
    "targets.Q-promote-village.words": {
        "en": "Village (community) Party organisation secretaries with outstanding performance "
        "can be selected into the township (street) team or the civil service and public "
        "service staff according to procedures; the particularly outstanding can be promoted "
        "to deputy township (street) posts or managed as deputy section-level cadres.",
        "zh": "实绩突出的村（社区）党组织书记，可按程序选拔进入乡镇（街道）领导班子或公务员、"
        "事业编制人员队伍；特别优秀的可提拔为乡镇（街道）党政副职或参照副科级干部管理。",
    },
    "targets.Q-star.label": {"en": "Yearly star rating", "zh": "年度星级评定"},
    "targets.Q-star.words": {
        "en": "Party organisations are star-rated every year.",
        "zh": "每年开展基层党组织星级评定。",
    },
    "targets.Q-demo.label": {"en": "Demonstration sites", "zh": "服务型党组织示范点建设"},
    "targets.Q-demo.words": {
        "en": "Build demonstration sites of service-oriented Party organisations.",
        "zh": "建设服务型基层党组织示范点。",
    },
    "targets.Q-weak.label": {"en": "Weak organisations rectified", "zh": "软弱涣散党组织整顿"},
    "targets.Q-weak.words": {
        "en": "Rectify weak and lax grassroots Party organisations.",
        "zh": "整顿软弱涣散基层党组织。",
    },
    "targets.Q-visits.label": {"en": "Holiday visits", "zh": "节日走访慰问"},
    "targets.Q-visits.words": {
        "en": "Visit the masses at New Year, Spring Festival, 1 July and National Day.",
        "zh": "元旦、春节、“七一”、国庆期间走访慰问群众。",
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
        "en": "Data: {source} · prepared {date}",
        "zh": "数据：{source}　生成时间：{date}",
    },
    "briefing.data.example": {
        "en": "the Example City (bundled, illustrative)",
        "zh": "示例城市（内置演示数据）",
    },
    "briefing.h.based_on": {
        "en": "Settings changed from “{title}”",
        "zh": "与“{title}”相比调整的参数",
    },
    "briefing.col.this": {"en": "These settings", "zh": "本方案"},
    "briefing.remedy.by": {"en": " by {date}", "zh": "在{date}前"},
    "briefing.remedy.talent": {
        "en": "What would meet it{by}: {pct} more intake in every pool and year, or {county} "
        "more recruits per county a year.",
        "zh": "如需{by}实现：各人才库每年新增入库增加{pct}，或每个县（市、区）每年多入库{county}人。",
    },
    "briefing.remedy.talent_none": {
        "en": "No increase of intake alone meets it{by}.",
        "zh": "仅增加新增入库无法{by}实现。",
    },
    "briefing.remedy.training": {
        "en": "Any one of these would meet it{by}: {fixes}.",
        "zh": "以下任一调整即可{by}完成：{fixes}。",
    },
    "briefing.remedy.training_none": {
        "en": "No single change of seats, calendar, absence cap or budget meets it{by}.",
        "zh": "仅调整培训名额、农时安排、同时离岗比例或预算中的任一项均无法{by}完成。",
    },
    "briefing.remedy.venues": {
        "en": "A yearly venue budget of {budget} (now {current}) would meet it{by}.",
        "zh": "如将社区组织活动场所年度预算提高到{budget}（现为{current}），即可{by}达标。",
    },
    "briefing.remedy.venues_none": {
        "en": "No yearly budget alone meets it{by}: the building season and the cap on projects "
        "bind.",
        "zh": "仅增加年度预算无法{by}达标：受施工季节和同时在建项目数限制。",
    },
    "briefing.seconds_unit": {"en": " s", "zh": "秒"},
    "briefing.h.summary": {"en": "Executive summary", "zh": "总体情况"},
    "briefing.h.progress": {"en": "Progress to date", "zh": "工作进展"},
    "briefing.counts": {
        "en": "Of {n}, {met} are met, {at_risk} at risk, {missed} missed and {guaranteed} "
        "guaranteed by the settings under this scenario.",
        "zh": "按本方案测算，{n}中{met}项完成、{at_risk}项有风险、{missed}项未完成、"
        "{guaranteed}项由参数设定保证。",
    },
    "briefing.spare.none": {"en": "just in time", "zh": "恰好按期"},
    "briefing.spare.n": {"en": "with {n} to spare", "zh": "提前{n}"},
    "briefing.sentence.probability": {"en": "; probability {p}.", "zh": "；按期实现的概率为{p}。"},
    "briefing.sentence.at_risk": {
        "en": " The margin is thin: at risk.",
        "zh": "余量很小，列为有风险。",
    },
    "briefing.sentence.at_risk_p": {
        "en": " That is below the {p} confidence asked for: at risk.",
        "zh": "低于要求的{p}，列为有风险。",
    },
    "briefing.sentence.generic.met": {
        "en": "{label}: {value} by {deadline} ({status}).",
        "zh": "{label}：到{deadline}达到{value}（{status}）。",
    },
    "briefing.sentence.generic.missed": {
        "en": "{label}: {value} by {deadline} ({status}).",
        "zh": "{label}：到{deadline}为{value}（{status}）。",
    },
    "briefing.sentence.T-talent.met": {
        "en": "The reserve pools reach {value} by {deadline}, meeting the target of more than "
        "{threshold} {spare}.",
        "zh": "到{deadline}，农村后备人才总数达到{value}人，{spare}实现{threshold}人以上的目标。",
    },
    "briefing.sentence.T-talent.missed": {
        "en": "The reserve pools reach {value} by {deadline}, {gap} short of the target of more "
        "than {threshold}; the target is first passed in {first_met}.",
        "zh": "到{deadline}，农村后备人才总数为{value}人，距{threshold}人以上的目标还差{gap}人；"
        "预计{first_met}才能达到。",
    },
    "briefing.sentence.T-talent.missed_never": {
        "en": "The reserve pools reach {value} by {deadline}, {gap} short of the target of more "
        "than {threshold}, and do not pass it within the plan horizon.",
        "zh": "到{deadline}，农村后备人才总数为{value}人，距{threshold}人以上的目标还差{gap}人，"
        "测算期内无法达到。",
    },
    "briefing.sentence.T-train.met": {
        "en": "All secretaries in post at plan start are trained out of town by {deadline}, "
        "{spare}.",
        "zh": "实施之初在任的村党组织书记于{deadline}前全部完成异地专题培训（{spare}）。",
    },
    "briefing.sentence.T-train.missed": {
        "en": "Only {value} of the secretaries in post at plan start are trained out of town by "
        "{deadline}; the target is all of them.",
        "zh": "到{deadline}，实施之初在任的书记仅有{value}完成异地专题培训，目标为全部完成。",
    },
    "briefing.sentence.T-newsec.met": {
        "en": "Every new secretary is trained within {window} of taking office.",
        "zh": "新任书记全部在任职后{window}内完成异地专题培训。",
    },
    "briefing.sentence.T-newsec.missed": {
        "en": "{value} of new secretaries are trained within {window} of taking office; "
        "the target is all of them.",
        "zh": "新任书记中有{value}在任职后{window}内完成异地专题培训，目标为全部完成。",
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
        "zh": "到{deadline}，预计{value}的社区配有持证社会工作者，达到{threshold}的目标。",
    },
    "briefing.sentence.T-socwork.missed": {
        "en": "{value} of communities are expected to have a certified social worker by "
        "{deadline}, short of the target of {threshold}.",
        "zh": "到{deadline}，预计{value}的社区配有持证社会工作者，未达到{threshold}的目标。",
    },
    "briefing.sentence.T-key.met": {
        "en": "{value} of village secretaries (selected by the counties) and {township} of "
        "township secretaries (selected by the city) are under target responsibility "
        "management, close to the one third the plan asks for.",
        "zh": "{value}的村党组织书记（县级选定）和{township}的乡镇党委书记（市级选定）作为重点"
        "实行目标责任管理，符合实施意见“三分之一左右”的要求。",
    },
    "briefing.sentence.T-key.missed": {
        "en": "{value} of village secretaries (selected by the counties) and {township} of "
        "township secretaries (selected by the city) are under target responsibility "
        "management; both should be about {threshold}.",
        "zh": "{value}的村党组织书记（县级选定）和{township}的乡镇党委书记（市级选定）作为重点"
        "实行目标责任管理；实施意见要求两级均为{threshold}左右。",
    },
    "briefing.sentence.T-promote.met": {
        "en": "At least {value} college-graduate officials are promoted to township posts in "
        "every plan year.",
        "zh": "每年至少有{value}名优秀大学生村官选拔（招录）为乡镇公务员或进入乡镇领导班子。",
    },
    "briefing.sentence.T-promote.missed": {
        "en": "In at least one plan year no college-graduate official is promoted to a "
        "township post.",
        "zh": "至少有一年没有大学生村官选拔（招录）为乡镇公务员或进入乡镇领导班子。",
    },
    "briefing.sentence.T-venue.met": {
        "en": "Community venues reach the 30/30/40 mix, all standard and owned, in "
        "{first_met}, {spare}; {value} are demonstration communities by {deadline}.",
        "zh": "{first_met}，达标社区、优质社区、示范社区达到30%、30%、40%的结构，社区组织活动场所"
        "全部达标、产权全部自有（{spare}）；到{deadline}示范社区占{value}。",
    },
    "briefing.sentence.T-venue.missed": {
        "en": "By {deadline} only {value} of communities are at the demonstration tier (goal "
        "{threshold}) and the 30/30/40 mix is reached only in {first_met}.",
        "zh": "到{deadline}示范社区仅占{value}（目标{threshold}），30%、30%、40%的结构要到"
        "{first_met}才能实现。",
    },
    "briefing.sentence.T-venue.missed_never": {
        "en": "By {deadline} only {value} of communities are at the demonstration tier (goal "
        "{threshold}); the 30/30/40 mix is not reached within the plan horizon.",
        "zh": "到{deadline}示范社区仅占{value}（目标{threshold}），测算期内无法实现30%、30%、40%的结构。",
    },
    "briefing.sentence.T-village-room.met": {
        "en": "Every village activity room meets the standard by {first_met}, {spare}.",
        "zh": "村级组织活动场所于{first_met}全部达标（{spare}）。",
    },
    "briefing.sentence.T-village-room.missed": {
        "en": "By {deadline}, {value} of village activity rooms meet the standard; all do only "
        "in {first_met}.",
        "zh": "到{deadline}，{value}的村级组织活动场所达标；要到{first_met}才能全部达标。",
    },
    "briefing.sentence.T-village-room.missed_never": {
        "en": "By {deadline}, only {value} of village activity rooms meet the standard, and not "
        "all do within the plan horizon.",
        "zh": "到{deadline}，仅{value}的村级组织活动场所达标，测算期内无法全部达标。",
    },
    "briefing.sentence.T-subsidy.met": {
        "en": "Basic pay is at least the county's rural income per capita in every "
        "county and every year.",
        "zh": "各县（市、区）每年的基本报酬均不低于当地上年农民人均纯收入。",
    },
    "briefing.sentence.T-subsidy.missed": {
        "en": "Basic pay reaches rural income per capita in only {value} of "
        "county-years; the worst falls {gap} short.",
        "zh": "按县（市、区）和年度计，只有{value}的基本报酬达到上年农民人均纯收入，差距最大的差{gap}。",
    },
    "briefing.sentence.T-reserve-pools.met": {
        "en": "All three reserve-talent pools exist in every county by {deadline}.",
        "zh": "到{deadline}，各县（市、区）均建立了三个农村后备人才库。",
    },
    "briefing.sentence.T-reserve-pools.missed": {
        "en": "By {deadline}, only {value} of counties have all three reserve-talent pools.",
        "zh": "到{deadline}，仅{value}的县（市、区）建立了全部三个农村后备人才库。",
    },
    "briefing.col.value": {"en": "Value", "zh": "内容"},
    "briefing.col.setting": {"en": "Value", "zh": "本方案取值"},
    "briefing.col.year": {"en": "Year", "zh": "年份"},
    "briefing.col.trainees": {"en": "Trainees", "zh": "培训人数"},
    "briefing.col.cost": {"en": "Cost", "zh": "费用"},
    "briefing.col.parameter": {"en": "Parameter", "zh": "参数"},
    "briefing.col.unit": {"en": "Unit", "zh": "单位"},
    "briefing.col.default": {"en": "Default", "zh": "默认值"},
    "briefing.col.note": {"en": "Note", "zh": "说明"},
    "briefing.col.item": {"en": "Item", "zh": "项目"},
    "briefing.col.file": {"en": "Data file", "zh": "数据文件"},
    "briefing.col.hash": {"en": "SHA-256", "zh": "文件校验码"},
    "briefing.h.talent": {
        "en": "Reserve talents, degrees and social workers",
        "zh": "农村后备人才、年轻村干部学历和持证社会工作者",
    },
    "briefing.h.training": {
        "en": "Out-of-town special training of village secretaries",
        "zh": "村党组织书记异地专题培训",
    },
    "briefing.h.venues": {
        "en": "Community venues and village rooms",
        "zh": "社区和村级组织活动场所",
    },
    "briefing.h.subsidies": {
        "en": "Secretaries' pay and spending",
        "zh": "村党组织书记报酬和财政投入",
    },
    "briefing.h.budget": {
        "en": "Who pays: new spending by level and spending already paid",
        "zh": "经费承担：各级财政新增支出和已有支出",
    },
    "briefing.budget.note": {
        "en": "As the plan assigns: the county pays the basic pay, the township the "
        "performance pay. As this scenario sets: training is paid by {training}, "
        "community venues by {venues}, village rooms by {villages}. The secretaries' pay "
        "before the plan was already in the counties' budgets: only the rise above it is new. "
        "Amounts in {unit}.",
        "zh": "按实施意见分工：基本报酬由县级承担，绩效报酬由乡镇承担。按本方案设定：异地专题培训"
        "经费由{training}承担，社区组织活动场所由{venues}承担，村级组织活动场所由{villages}"
        "承担。实施前书记报酬已列入县级预算，只有高出部分为新增支出。单位：{unit}。",
    },
    "briefing.payer.city": {"en": "the city", "zh": "市级"},
    "briefing.payer.county": {"en": "the counties", "zh": "县级"},
    "briefing.payer.township": {"en": "the townships", "zh": "乡镇级"},
    "briefing.h.compare": {"en": "Differences from “{title}”", "zh": "与“{title}”的对比"},
    "briefing.h.changed": {"en": "Parameters that differ", "zh": "调整的参数"},
    "briefing.h.appendix": {"en": "Appendix", "zh": "附录"},
    "briefing.h.parameters": {"en": "Every parameter of this scenario", "zh": "本方案全部参数"},
    "briefing.h.provenance": {"en": "Provenance", "zh": "数据来源和测算信息"},
    "briefing.cmp.value": {"en": "Value, {name}", "zh": "测算值（{name}）"},
    "briefing.cmp.status": {"en": "Status, {name}", "zh": "状态（{name}）"},
    "briefing.cmp.change": {"en": "Change", "zh": "变化"},
    "briefing.section.talent": {"en": "Reserve talent", "zh": "农村后备人才"},
    "briefing.section.training": {"en": "Training", "zh": "异地专题培训"},
    "briefing.section.venues": {"en": "Venues", "zh": "组织活动场所"},
    "briefing.section.subsidies": {"en": "Pay", "zh": "书记报酬"},
    "briefing.section.targets": {"en": "Targets", "zh": "目标任务"},
    "briefing.section.assessment": {"en": "County assessment", "zh": "县（市、区）考核"},
    "briefing.section.run": {"en": "Run", "zh": "测算设置"},
    "briefing.changed": {"en": "changed", "zh": "已调整"},
    "briefing.parameters.note": {
        "en": "Highlighted rows differ from the default.",
        "zh": "底色标出的参数与默认值不同。",
    },
    "briefing.prov.scenario": {"en": "Scenario file", "zh": "方案文件"},
    "briefing.prov.source": {"en": "Data", "zh": "数据"},
    "briefing.prov.version": {"en": "Package version", "zh": "工作簿版本"},
    "briefing.prov.code": {"en": "Code fingerprint", "zh": "代码指纹"},
    "briefing.prov.python": {"en": "Python", "zh": "运行环境版本"},
    "briefing.prov.time": {"en": "Run time", "zh": "测算时间"},
    "briefing.prov.seed": {"en": "Random seed", "zh": "随机数种子"},
    "briefing.prov.draws": {"en": "Monte Carlo draws", "zh": "随机模拟次数"},
    "briefing.prov.seconds": {"en": "Model seconds", "zh": "测算用时"},
}

MESSAGES.update(BRIEFING_MESSAGES)
