"""Messages of the venue plan, the subsidy budget and the fiscal roll-up."""

MESSAGES = {
    # tiers and routes
    "venues.tier.below": {"en": "Below standard", "zh": "未达标"},
    "venues.tier.standard": {"en": "Standard", "zh": "标准型"},
    "venues.tier.quality": {"en": "Quality", "zh": "精品型"},
    "venues.tier.demonstration": {"en": "Demonstration", "zh": "示范型"},
    "venues.route.none": {"en": "already owned", "zh": "已为自有"},
    "venues.route.buy": {"en": "buy the rented premises", "zh": "购买租用场所"},
    "venues.route.new_build": {"en": "new owned building", "zh": "新建自有场所"},
    "venues.route.kept_rented": {"en": "stays rented", "zh": "继续租用"},
    # tier mix chart
    "venues.mix.title": {
        "en": "Community venues by tier, share of all communities",
        "zh": "社区活动场所分类占比",
    },
    "venues.mix.yaxis": {"en": "Share of communities", "zh": "占社区总数比例"},
    "venues.mix.hover": {
        "en": "{tier}: {count} communities ({share})",
        "zh": "{tier}：{count} 个社区（{share}）",
    },
    "venues.mix.target_demo": {
        "en": "Demonstration at least {share}",
        "zh": "示范型不低于 {share}",
    },
    "venues.mix.target_qplus": {
        "en": "Quality or better at least {share}",
        "zh": "精品型及以上不低于 {share}",
    },
    # spending charts
    "venues.spend.title": {
        "en": "Community venue spending by county and year",
        "zh": "各县（市、区）社区场所建设支出（按年）",
    },
    "venues.spend.village_title": {
        "en": "Village room spending by county and year",
        "zh": "各县（市、区）村级活动室建设支出（按年）",
    },
    "venues.spend.yaxis": {"en": "Spending (yuan)", "zh": "支出（元）"},
    "venues.spend.county_budget": {"en": "County budget {year}", "zh": "{year} 年县级预算"},
    "venues.budget.title": {
        "en": "Venue spending per year against the yearly budgets",
        "zh": "场所建设年度支出与年度预算",
    },
    "venues.budget.communities": {"en": "Community venues", "zh": "社区场所"},
    "venues.budget.villages": {"en": "Village rooms", "zh": "村级活动室"},
    "venues.budget.line": {"en": "{what}: budget", "zh": "{what}：预算"},
    "venues.year": {"en": "Year", "zh": "年份"},
    # schedule
    "venues.done.title": {
        "en": "Venue projects finished, cumulative",
        "zh": "累计完工的场所项目",
    },
    "venues.done.yaxis": {"en": "Projects finished", "zh": "完工项目数"},
    # sentences
    "venues.summary.met": {
        "en": "Community venues meet the tier and ownership targets in {date} (plan month "
        "{month}), within the deadline of month {deadline}. {projects} projects cost "
        "{cost} million yuan.",
        "zh": "社区场所于 {date}（规划第 {month} 月）达到分类和产权目标，在第 {deadline} 月期限之内。"
        "共 {projects} 个项目，投资 {cost} 百万元。",
    },
    "venues.summary.late": {
        "en": "Community venues meet the targets only in {date} (plan month {month}), after the "
        "deadline of month {deadline}; {short} communities are still short at the deadline.",
        "zh": "社区场所到 {date}（规划第 {month} 月）才达到目标，晚于第 {deadline} 月期限；"
        "期限时仍有 {short} 个社区未达标。",
    },
    "venues.summary.never": {
        "en": "Community venues do not meet the targets within the horizon; {short} communities "
        "are still short at the deadline (month {deadline}).",
        "zh": "规划期内社区场所未能达到目标；期限（第 {deadline} 月）时仍有 {short} 个社区未达标。",
    },
    "venues.summary.villages": {
        "en": "Village rooms: {projects} rooms need work ({cost} million yuan); {status}.",
        "zh": "村级活动室：{projects} 个需改扩建或产权处置（{cost} 百万元）；{status}。",
    },
    "venues.summary.villages_met": {
        "en": "all meet the standard by month {month}",
        "zh": "第 {month} 月前全部达标",
    },
    "venues.summary.villages_short": {
        "en": "{short} are still short at the deadline",
        "zh": "期限时仍有 {short} 个未达标",
    },
    "venues.summary.least_budget": {
        "en": "Least yearly budget that meets the deadline: {budget} million yuan "
        "(scenario: {current} million).",
        "zh": "按期达标所需的最低年度预算：{budget} 百万元（当前情景：{current} 百万元）。",
    },
    "venues.summary.no_budget": {
        "en": "No yearly budget meets the deadline: the building season, the project length or "
        "the cap on projects at once is the limit.",
        "zh": "任何年度预算都无法按期达标：受施工季、工期或同时在建项目数限制。",
    },
    # subsidies
    "subsidies.table.title": {
        "en": "Basic subsidy per secretary against rural income per capita (yuan per year)",
        "zh": "村党组织书记基本报酬与农民人均纯收入对比（元/年）",
    },
    "subsidies.table.cell": {
        "en": "{basic} ({margin})",
        "zh": "{basic}（{margin}）",
    },
    "subsidies.legend": {
        # Plotly annotations do not wrap: <br> keeps the note inside the page width.
        "en": "Green: at least the same year's rural income.<br>"
        "Amber: at least the prior-year income (the standard) but below the same year's.<br>"
        "Red: below the prior-year income. In brackets: margin over the prior-year income.",
        "zh": "绿色：不低于当年农民人均纯收入。<br>黄色：不低于上年收入（标准）但低于当年收入。<br>"
        "红色：低于上年收入。括号内为高出上年收入的幅度。",
    },
    "subsidies.cash.title": {
        "en": "Secretary subsidies paid per year by county",
        "zh": "各县（市、区）村书记报酬年度支出",
    },
    "subsidies.basic": {"en": "Basic subsidy", "zh": "基本报酬"},
    "subsidies.performance": {"en": "Performance subsidy", "zh": "绩效报酬"},
    "subsidies.summary": {
        "en": "Secretary subsidies cost {first} million yuan in {first_year}, rising to {last} "
        "million in {last_year}; {status}. The performance subsidy earned in {last_year} "
        "({after} million) is paid after the horizon.",
        "zh": "村书记报酬 {first_year} 年支出 {first} 百万元，{last_year} 年增至 {last} 百万元；{status}。"
        "{last_year} 年绩效报酬（{after} 百万元）在规划期后发放。",
    },
    "subsidies.all_compliant": {
        "en": "every county pays at least the prior-year rural income in every year",
        "zh": "各县每年的基本报酬均不低于上年农民人均纯收入",
    },
    "subsidies.not_compliant": {
        "en": "{n} county-years pay less than the prior-year rural income",
        "zh": "有 {n} 个县·年的基本报酬低于上年农民人均纯收入",
    },
    # roll-up
    "budget.title": {
        "en": "Whole cost of the scenario by programme and year",
        "zh": "本情景各项目年度总支出",
    },
    "budget.yaxis": {"en": "Spending (yuan)", "zh": "支出（元）"},
    "budget.programme.community_venues": {"en": "Community venues", "zh": "社区场所建设"},
    "budget.programme.village_rooms": {"en": "Village rooms", "zh": "村级活动室建设"},
    "budget.programme.basic_subsidy": {"en": "Basic subsidy", "zh": "书记基本报酬"},
    "budget.programme.performance_subsidy": {"en": "Performance subsidy", "zh": "书记绩效报酬"},
    "budget.programme.training": {"en": "Out-of-town training", "zh": "异地培训"},
    "budget.county_title": {
        "en": "Whole cost of the scenario by county (all years)",
        "zh": "本情景各县（市、区）总支出（全部年份）",
    },
    "budget.city": {"en": "City level", "zh": "市级统筹"},
}
