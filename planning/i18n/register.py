"""Messages of the target register's kinds, statuses, readings of the plan's dates and
reasons (planning.targets, planning.catalogue, the briefing's sentences)."""

MESSAGES = {
    # ---------------------------------------------------------------- status words
    "targets.status.guaranteed": {"en": "guaranteed by the settings", "zh": "设定保证"},
    "card.targets.plan_met": {"en": "Plan targets met", "zh": "实施意见目标任务完成"},
    "count.plan_target.one": {"en": "{n} plan target", "zh": "{n}项实施意见目标任务"},
    "count.plan_target.other": {"en": "{n} plan targets", "zh": "{n}项实施意见目标任务"},
    # ---------------------------------------------------------------- local standards
    "targets.T-newsec.standard": {
        "en": "The city's own working standard (assumed number): every secretary appointed "
        "during the plan takes the same course within {window} of taking office.",
        "zh": "本市工作标准（数值为假设）：测算期内新任村党组织书记在任职后{window}内参加同样的异地专题培训。",
    },
    "targets.T-village-room.standard": {
        "en": "The city's own working standard (assumed numbers): every village activity "
        "room has at least {area} m² and is owned, by {deadline}.",
        "zh": "本市工作标准（数值为假设）：{deadline}前每个村级组织活动场所面积不少于{area}平方米且产权自有。",
    },
    # ---------------------------------------------------------------- register groups
    "register.kind.plan": {"en": "Plan targets", "zh": "实施意见目标任务"},
    "register.kind.plan.note": {
        "en": "a number or a deadline in the plan",
        "zh": "实施意见明确了数量或时限",
    },
    "register.kind.local": {"en": "Local working standards", "zh": "本市工作标准"},
    "register.kind.local.note": {
        "en": "implied by the plan, quantified by the city; the numbers are assumptions",
        "zh": "实施意见有要求但未量化，由本市自定；数值为假设",
    },
    "register.kind.qualitative": {"en": "Qualitative tasks", "zh": "定性任务（未测算）"},
    "register.kind.qualitative.note": {
        "en": "tracked, not modelled",
        "zh": "实施意见的定性要求，不作测算",
    },
    # ---------------------------------------------------------------- deadlines
    "register.between": {"en": "{early} to {late}", "zh": "{early}至{late}"},
    "register.other_reading.lenient": {
        "en": "{deadline} from the first full plan year",
        "zh": "自第一个完整实施年度起算：{deadline}",
    },
    "register.other_reading.strict": {
        "en": "{deadline} from the plan's issue",
        "zh": "自实施意见印发起算：{deadline}",
    },
    "register.reading_gives": {"en": "{status} by {deadline}", "zh": "以{deadline}计{status}"},
    # ---------------------------------------------------------------- reasons
    "register.reason.probability": {
        "en": "probability below the confidence asked",
        "zh": "按期实现的概率低于要求",
    },
    "register.reason.just_in_time": {
        "en": "just in time, no month to spare",
        "zh": "恰好在完成时限当月完成，没有余量",
    },
    "register.reason.between_bounds": {
        "en": "met only after the early bound",
        "zh": "在较早的完成时限之后才完成",
    },
    "register.reason.interval": {
        "en": "the survey interval includes the threshold",
        "zh": "调查区间跨越目标值",
    },
    "register.reason.thin_margin": {"en": "thin margin", "zh": "余量很小"},
    "register.reason.multiplier": {
        "en": "basic pay set at no less than the income",
        "zh": "基本报酬按不低于农民人均纯收入设定",
    },
    "register.reason.data_flag": {
        "en": "the selection as recorded in the data",
        "zh": "按数据中记录的人选",
    },
    "register.reason.pools_at_start": {
        "en": "every pool exists before the plan starts",
        "zh": "实施之初各人才库均已建立",
    },
    "register.reason.promotion_setting": {
        "en": "promotions set above zero",
        "zh": "选拔人数按参数设定大于零",
    },
    "register.reason.outside_horizon": {
        "en": "deadline outside the simulated years",
        "zh": "完成时限不在测算期内",
    },
    "register.reason.no_data": {"en": "no rows in the data", "zh": "数据中无记录"},
    # ---------------------------------------------------------------- surveys
    "register.interval": {"en": "{value} ({low}–{high})", "zh": "{value}（{low}–{high}）"},
    "register.survey": {
        "en": "the masses; Party members {members}; 95 % survey intervals",
        "zh": "前为群众满意率；党员满意率{members}；括号内为95%调查区间",
    },
    "register.survey.assumed": {
        "en": "the masses; Party members {members}; 95 % survey intervals, with the assumed "
        "yearly change",
        "zh": "前为群众满意率；党员满意率{members}；括号内为95%调查区间；含假设的年变化",
    },
    # ---------------------------------------------------------------- key secretaries
    "register.key": {
        "en": "village secretaries ({key} of {total}, by the counties); township secretaries "
        "{township} ({township_key} of {township_total}, by the city)",
        "zh": "村党组织书记（{key}/{total}，县级选定）；乡镇党委书记{township}"
        "（{township_key}/{township_total}，市级选定）",
    },
    # ---------------------------------------------------------------- tracked counts
    "register.count.per_year": {"en": "{n} a year planned", "zh": "计划每年{n}人"},
    "register.count.detail": {
        "en": "{channels}; {total} over {years}; planned numbers (assumed), not modelled",
        "zh": "{channels}；{years}共{total}人；计划数（假设），未测算",
    },
    "register.count.targets.promotions_per_year.township_to_county": {
        "en": "{n} to deputy county posts",
        "zh": "提拔县级党政副职{n}人",
    },
    "register.count.targets.promotions_per_year.village_to_township": {
        "en": "{n} into township teams or public posts",
        "zh": "进入乡镇班子或公务员、事业编制{n}人",
    },
    "register.count.targets.promotions_per_year.village_to_deputy_township": {
        "en": "{n} to deputy township posts",
        "zh": "提拔乡镇党政副职{n}人",
    },
    # ---------------------------------------------------------------- by county
    "register.county.title": {
        "en": "Satisfaction and pairing by county",
        "zh": "分县（市、区）满意率与结对帮扶",
    },
    "register.county.note.surveyed": {
        "en": "Rates as surveyed in the base year, with 95 % survey intervals; the city rate "
        "weights the counties by population.",
        "zh": "满意率为基准年调查结果，括号内为95%调查区间；全市满意率按人口加权。",
    },
    "register.county.note.assumed": {
        "en": "Surveyed rates moved by the assumed yearly change (an assumption, not a model) "
        "to the end of the plan, with 95 % survey intervals; the city rate weights the "
        "counties by population.",
        "zh": "调查满意率按假设的年变化（为假设，并非模型）推算至测算期末，括号内为95%调查区间；"
        "全市满意率按人口加权。",
    },
    "register.county.masses": {"en": "The masses' satisfaction", "zh": "群众满意率"},
    "register.county.members": {"en": "Party members' satisfaction", "zh": "党员满意率"},
    "register.county.paired": {
        "en": "Agency cadres paired by {date}",
        "zh": "{date}前结对的机关党员干部",
    },
    "register.county.paired_of": {
        "en": "{share} ({n} of {total})",
        "zh": "{share}（{total}人中{n}人）",
    },
    "register.county.city": {"en": "City", "zh": "全市"},
    # ---------------------------------------------------------------- briefing sentences
    "briefing.sentence.T-satisf.met": {
        "en": "By {deadline}, {value} of the masses ({low} to {high}) and {members} of Party "
        "members ({members_low} to {members_high}) are satisfied, {basis}; the plan asks for "
        "over {threshold}.",
        "zh": "到{deadline}，群众满意率{value}（{low}至{high}），党员满意率{members}"
        "（{members_low}至{members_high}），{basis}；实施意见要求{threshold}以上。",
    },
    "briefing.sentence.T-satisf.missed": {
        "en": "By {deadline}, {value} of the masses ({low} to {high}) and {members} of Party "
        "members ({members_low} to {members_high}) are satisfied, {basis}; short of the over "
        "{threshold} the plan asks for.",
        "zh": "到{deadline}，群众满意率{value}（{low}至{high}），党员满意率{members}"
        "（{members_low}至{members_high}），{basis}；未达到实施意见要求的{threshold}以上。",
    },
    "briefing.satisf.surveyed": {
        "en": "as surveyed in the base year, with no change assumed",
        "zh": "按基准年调查结果，未假设变化",
    },
    "briefing.satisf.assumed": {
        "en": "the surveyed rates moved by the assumed yearly change (an assumption, not a model)",
        "zh": "调查结果按假设的年变化推算（为假设，并非模型）",
    },
    "briefing.sentence.T-poor.met": {
        "en": "Every agency cadre is paired with at least one poor household by {first_met}, "
        "{spare}.",
        "zh": "机关党员干部于{first_met}全部结对联系至少一户困难户（{spare}）。",
    },
    "briefing.sentence.T-poor.missed": {
        "en": "By {deadline}, {value} of agency cadres are paired with at least one poor "
        "household; all are only in {first_met}.",
        "zh": "到{deadline}，{value}的机关党员干部结对联系了困难户；要到{first_met}才能全部结对。",
    },
    "briefing.sentence.T-poor.missed_never": {
        "en": "By {deadline}, {value} of agency cadres are paired with at least one poor "
        "household, and the ledger does not pair them all.",
        "zh": "到{deadline}，{value}的机关党员干部结对联系了困难户，工作台账中仍有人未结对。",
    },
    "briefing.sentence.no_data": {
        "en": "{label}: the data hold no rows for it; not judged.",
        "zh": "{label}：数据中无相应记录，未作判定。",
    },
    "briefing.counts_apart": {
        "en": "Counted apart: local working standards, {local_met} of {local} met; qualitative "
        "tasks, {qualitative} tracked without a model.",
        "zh": "另列：本市工作标准{local}项中{local_met}项完成；定性任务{qualitative}项，未测算。",
    },
    "briefing.sentence.at_risk_just_in_time": {
        "en": " It is met only in the deadline month, with no month to spare: at risk.",
        "zh": "恰好在完成时限当月才完成，没有余量，列为有风险。",
    },
    "briefing.sentence.at_risk_between_bounds": {
        "en": " The plan asks for 2 to 3 years; it is met only after {early}: at risk.",
        "zh": "实施意见要求用2至3年完成，{early}之后才完成，列为有风险。",
    },
    "briefing.sentence.at_risk_interval": {
        "en": " The survey's 95 % interval includes the threshold of {threshold}: at risk.",
        "zh": "调查的95%区间包含{threshold}的目标值，列为有风险。",
    },
    "briefing.sentence.guaranteed.multiplier": {
        "en": " Basic pay is set at {multiplier} times the prior-year income, so it "
        "cannot fall below it: guaranteed by the settings, not a model result.",
        "zh": "基本报酬按上年农民人均纯收入的{multiplier}倍设定，不会低于该收入：由参数设定保证，"
        "并非测算结果。",
    },
    "briefing.sentence.guaranteed.data_flag": {
        "en": " The key secretaries are the selection recorded in the data: guaranteed by the "
        "settings, not a model result.",
        "zh": "实行目标责任管理的重点书记为数据中记录的人选：由参数设定保证，并非测算结果。",
    },
    "briefing.sentence.guaranteed.pools_at_start": {
        "en": " The data hold all three pools in every county before the plan starts: "
        "guaranteed by the settings, not a model result.",
        "zh": "数据显示实施之初各县（市、区）三个后备人才库均已建立：由参数设定保证，并非测算结果。",
    },
    "briefing.sentence.guaranteed.promotion_setting": {
        "en": " The scenario sets the yearly promotions above zero: guaranteed by the settings, "
        "not a model result.",
        "zh": "本方案设定的每年选拔人数大于零：由参数设定保证，并非测算结果。",
    },
    "briefing.sentence.readings": {
        "en": " Counted from the plan's issue ({issued}) or from the first full plan year: "
        "{readings}.",
        "zh": "自实施意见印发（{issued}）起算或自第一个完整实施年度起算：{readings}。",
    },
    "briefing.sentence.aim": {
        "en": " The model plans to {aim} (“{setting}”); set it to {deadline} to plan for the "
        "plan's own deadline.",
        "zh": "测算按{aim}安排（“{setting}”）；如按实施意见自身的完成时限安排，可设为{deadline}。",
    },
    "briefing.sentence.outside_horizon": {
        "en": "{label}: the deadline, {deadline}, lies outside the simulated years; not judged.",
        "zh": "{label}：完成时限{deadline}不在测算期内，未作判定。",
    },
}
