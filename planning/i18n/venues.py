"""Messages of the venue plan, the secretaries' pay budget and the fiscal roll-up."""

MESSAGES = {
    # tiers and routes
    "venues.tier.below": {"en": "Below standard", "zh": "未达标"},
    "venues.tier.standard": {"en": "Standard", "zh": "达标社区"},
    "venues.tier.quality": {"en": "Quality", "zh": "优质社区"},
    "venues.tier.demonstration": {"en": "Demonstration", "zh": "示范社区"},
    "venues.route.none": {"en": "already owned", "zh": "已为自有产权"},
    "venues.route.buy": {"en": "buy the rented premises", "zh": "购置现租用场所"},
    "venues.route.new_build": {"en": "new owned building", "zh": "新建自有产权场所"},
    "venues.route.kept_rented": {"en": "stays rented", "zh": "继续租用"},
    # state of a project in a plan re-made from the returns
    "venues.state.completed": {"en": "completed (reported)", "zh": "已建成（据报表）"},
    "venues.state.under_way": {"en": "under way (reported)", "zh": "在建（据报表）"},
    "venues.state.planned": {"en": "planned", "zh": "计划建设"},
    "venues.state.none": {"en": "no work needed", "zh": "无需建设"},
    "venues.reported.spent": {"en": "Spent to date", "zh": "已支出"},
    "venues.reported.committed": {"en": "Still due on projects under way", "zh": "在建项目待付"},
    "venues.reported.remaining": {"en": "Budget left", "zh": "剩余预算"},
    # tier mix chart
    "venues.mix.title": {
        "en": "Community venues by tier, share of all communities",
        "zh": "达标、优质、示范社区占社区总数的比例",
    },
    "venues.mix.yaxis": {"en": "Share of communities", "zh": "占社区总数的比例"},
    "venues.mix.hover": {
        "en": "{tier}: {communities} ({share})",
        "zh": "{tier}：{communities}（{share}）",
    },
    "venues.mix.target_demo": {
        "en": "Demonstration at least {share}",
        "zh": "示范社区不低于{share}",
    },
    "venues.mix.target_qplus": {
        "en": "Quality or better at least {share}",
        "zh": "优质社区和示范社区合计不低于{share}",
    },
    # spending charts (the money unit is added to axis titles)
    "venues.spend.title": {
        "en": "Community venue spending by county and year",
        "zh": "各县（市、区）社区组织活动场所建设年度支出",
    },
    "venues.spend.village_title": {
        "en": "Village activity room spending by county and year",
        "zh": "各县（市、区）村级组织活动场所建设年度支出",
    },
    "venues.spend.yaxis": {"en": "Spending", "zh": "支出"},
    "venues.spend.county_budget": {"en": "County budget", "zh": "县级预算"},
    "venues.budget.title": {
        "en": "Venue spending per year against the yearly budgets",
        "zh": "组织活动场所建设年度支出与年度预算",
    },
    "venues.budget.communities": {"en": "Community venues", "zh": "社区组织活动场所"},
    "venues.budget.villages": {"en": "Village activity rooms", "zh": "村级组织活动场所"},
    "venues.budget.line": {"en": "{what}: budget", "zh": "{what}：预算"},
    "venues.year": {"en": "Year", "zh": "年份"},
    # schedule
    "venues.done.title": {
        "en": "Community venue projects finished, cumulative",
        "zh": "社区组织活动场所建设项目累计完工数",
    },
    "venues.done.yaxis": {"en": "Projects finished", "zh": "完工项目（个）"},
    "venues.done.target": {"en": "All {projects}", "zh": "全部{projects}"},
    # sentences
    "venues.summary.met": {
        "en": "Community venues meet the tier and ownership targets in {date}, before the "
        "deadline of {deadline}: {projects}, {cost}.",
        "zh": "社区组织活动场所于{date}达到分类建设和产权目标，早于{deadline}的完成时限；"
        "共建设{projects}，投资{cost}。",
    },
    "venues.summary.late": {
        "en": "Community venues meet the targets only in {date}, after the deadline of "
        "{deadline} ({projects}, {cost}); still short at the deadline: {short}.",
        "zh": "社区组织活动场所到{date}才达到目标，晚于{deadline}的完成时限（共{projects}，"
        "投资{cost}）；到{deadline}仍有{short}未达到要求。",
    },
    "venues.summary.never": {
        "en": "Community venues do not meet the targets within the horizon; still short at the "
        "deadline of {deadline}: {short}.",
        "zh": "测算期内社区组织活动场所未能达到目标；到{deadline}仍有{short}未达到要求。",
    },
    "venues.summary.villages": {
        "en": "Village activity rooms: {rooms} need work ({cost}); {status}.",
        "zh": "村级组织活动场所中有{rooms}需改扩建或解决产权（投资{cost}）；{status}。",
    },
    "venues.summary.villages_met": {
        "en": "all meet the standard by {date}",
        "zh": "{date}前全部达标",
    },
    "venues.summary.villages_short": {
        "en": "still short at the deadline of {deadline}: {short}",
        "zh": "到{deadline}仍有{short}未达标",
    },
    "venues.summary.ownership": {
        "en": "Owning the {rented}: {routes}, {cost}.",
        "zh": "{rented}全部转为自有：{routes}，共{cost}。",
    },
    "venues.summary.ownership_land": {
        "en": "Owning the {rented}: {routes}, {cost}, of which land {land}.",
        "zh": "{rented}全部转为自有：{routes}，共{cost}，其中土地{land}。",
    },
    "venues.summary.least_budget": {
        "en": "Least yearly budget that meets the deadline: {budget} (scenario: {current}).",
        "zh": "按期达标所需的最低年度预算：{budget}（本方案为{current}）。",
    },
    "venues.summary.no_budget": {
        "en": "No yearly budget meets the deadline: the building season, the project length or "
        "the cap on projects at once is the limit.",
        "zh": "增加年度预算也无法按期达标：受施工季节、工期或同时在建项目数限制。",
    },
    # subsidies
    "subsidies.table.title": {
        "en": "Basic pay per secretary against rural income (yuan per year)",
        "zh": "村党组织书记基本报酬与农民人均纯收入对比（元/年）",
    },
    "subsidies.legend": {
        # Plotly annotations do not wrap: <br> keeps each line inside a 560 px chart.
        "en": "Green: at least the prior-year rural income (the plan's standard); "
        "red: below it.<br>"
        "{mark} warning: below the same year's rural income, though the standard is met.<br>"
        "In brackets: the margin over the prior-year income (none when equal).",
        "zh": "绿色：不低于上年农民人均纯收入（实施意见的标准）；红色：低于上年农民人均纯收入。<br>"
        "{mark} 提示：已达标准，但低于当年农民人均纯收入。<br>"
        "括号内为高出上年农民人均纯收入的幅度（相等时不标）。",
    },
    "subsidies.cash.title": {
        "en": "Secretaries' pay by county and year",
        "zh": "各县（市、区）村党组织书记报酬年度支出",
    },
    "subsidies.cash.yaxis": {"en": "Paid", "zh": "支出"},
    "subsidies.cash.hover": {
        "en": "{county}, {year}: {total}<br>{basic_name} {basic}<br>"
        "{performance_name} {performance}",
        "zh": "{county}，{year}：{total}<br>{basic_name}{basic}<br>{performance_name}{performance}",
    },
    "subsidies.basic": {"en": "Basic pay", "zh": "基本报酬"},
    "subsidies.performance": {"en": "Performance pay", "zh": "绩效报酬"},
    "subsidies.summary": {
        "en": "Secretaries' pay costs {first} in {first_year}, rising to {last} in "
        "{last_year}; {status}. The performance pay earned in {last_year} ({after}) is "
        "paid after the horizon.",
        "zh": "村党组织书记报酬{first_year}支出{first}，{last_year}增至{last}；{status}。"
        "{last_year}的绩效报酬（{after}）在测算期后发放。",
    },
    "subsidies.all_compliant": {
        "en": "every county pays at least the prior-year rural income in every year",
        "zh": "各县（市、区）每年的基本报酬均不低于上年农民人均纯收入",
    },
    "subsidies.not_compliant": {
        "en": "{county_years} pay less than the prior-year rural income",
        "zh": "有{county_years}的基本报酬低于上年农民人均纯收入",
    },
    # roll-up
    "budget.title": {
        "en": "Whole cost of the scenario by programme and year",
        "zh": "本方案分类别年度支出",
    },
    "budget.yaxis": {"en": "Spending", "zh": "支出"},
    "budget.programme.community_venues": {"en": "Community venues", "zh": "社区组织活动场所"},
    "budget.programme.village_rooms": {"en": "Village activity rooms", "zh": "村级组织活动场所"},
    "budget.programme.basic_subsidy": {"en": "Basic pay", "zh": "书记基本报酬"},
    "budget.programme.performance_subsidy": {"en": "Performance pay", "zh": "书记绩效报酬"},
    "budget.programme.training": {"en": "Out-of-town training", "zh": "异地专题培训"},
    "budget.county_title": {
        "en": "Whole cost of the scenario by county (all years)",
        "zh": "本方案各县（市、区）支出合计（测算期内）",
    },
    "budget.city": {"en": "City level", "zh": "市级统筹"},
    "budget.level_title": {
        "en": "Who pays: new spending by level, and what was already paid before the plan",
        "zh": "经费承担：各级财政新增支出及实施前已有支出",
    },
    "budget.level.city": {"en": "City: new", "zh": "市级新增"},
    "budget.level.county": {"en": "Counties: new", "zh": "县级新增"},
    "budget.level.township": {"en": "Townships: new", "zh": "乡镇级新增"},
    "budget.level.existing": {"en": "Already paid before the plan", "zh": "实施前已有支出"},
    "budget.col.new_city_yuan": {"en": "City: new", "zh": "市级新增"},
    "budget.col.new_county_yuan": {"en": "Counties: new", "zh": "县级新增"},
    "budget.col.new_township_yuan": {"en": "Townships: new", "zh": "乡镇级新增"},
    "budget.col.new_yuan": {"en": "New in all", "zh": "新增合计"},
    "budget.col.existing_yuan": {"en": "Already paid", "zh": "已有支出"},
    "budget.col.total_yuan": {"en": "Whole cost", "zh": "总支出"},
}
