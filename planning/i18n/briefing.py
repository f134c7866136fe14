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
