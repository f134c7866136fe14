"""Messages of the progress ledger (工作台账): county returns (报表), imports, history, status."""

MESSAGES = {
    # -- headlines
    "progress.problems": {
        "en": "{source}: {n} problem(s); nothing was stored",
        "zh": "{source}：发现 {n} 处问题；未存入台账",
    },
    # -- the return's own rules
    "progress.rule.one_row": {
        "en": "found {n} filled rows; expected exactly one row naming the county and period",
        "zh": "填写了 {n} 行；应当恰好一行，写明县（市、区）和报送期",
    },
    "progress.rule.unknown_county": {
        "en": "found '{found}', not a county of the data; write the county id the template gave",
        "zh": "“{found}”不是数据中的县（市、区）；请填写模板给出的编号",
    },
    "progress.rule.bad_period": {
        "en": "found '{found}'; expected a quarter such as 2014Q2 or a month such as 2014-05",
        "zh": "“{found}”无法识别；应为季度（如 2014Q2）或月份（如 2014-05）",
    },
    "progress.rule.bad_date": {
        "en": "found '{found}'; expected a date such as 2014-07-10, or an empty cell",
        "zh": "“{found}”不是日期；应为如 2014-07-10 的日期，或留空",
    },
    "progress.rule.future_period": {
        "en": "period {period} is not over yet (it ends {end}); a return reports a period that has ended",
        "zh": "报送期 {period} 尚未结束（{end} 结束）；报表只报送已经结束的期间",
    },
    "progress.rule.future_date": {
        "en": "found {found}, a date in the future",
        "zh": "{found} 是将来的日期",
    },
    "progress.rule.early_date": {
        "en": "found {found}; a return is sent after its period ends ({end})",
        "zh": "填报日期 {found} 早于报送期结束（{end}）；报表应在期末之后报送",
    },
    "progress.rule.month_outside": {
        "en": "found {found}, outside period {period}; expected one of {months}",
        "zh": "{found} 不在报送期 {period} 内；应为 {months} 之一",
    },
    "progress.rule.empty_month": {
        "en": "found an empty cell; expected a year and month such as 2014-05",
        "zh": "为空；应填写年月，如 2014-05",
    },
    "progress.rule.missing_pools": {
        "en": "no row for {pools}; expected one row for each pool (cgvo, returnee, leader)",
        "zh": "缺少 {pools} 的行；三个人才库（cgvo、returnee、leader）各一行",
    },
    "progress.rule.closing": {
        "en": "pool '{pool}': closing is {closing} but opening {opening} + joined {joined} - "
        "appointed {appointed} - promoted {promoted} - left {left} = {expected}",
        "zh": "人才库 {pool}：期末 {closing}，但期初 {opening} + 新增入库 {joined} - 任用 "
        "{appointed} - 选拔 {promoted} - 出库 {left} = {expected}",
    },
    "progress.rule.promoted_pool": {
        "en": "pool '{pool}': found {found} promoted; only college-graduate village officials "
        "(cgvo) are promoted to township posts",
        "zh": "人才库 {pool}：选拔 {found} 人；只有大学生村官（cgvo）选拔（招录）为乡镇公务员或进入乡镇领导班子",
    },
    "progress.rule.unknown_base": {
        "en": "found '{found}', not a training base of the data; see the lookup sheet",
        "zh": "“{found}”不是数据中的培训基地；见 lookup 表",
    },
    "progress.rule.not_out_of_town": {
        "en": "yes, but {base} is not an out-of-town base; the special course is out-of-town training",
        "zh": "填了“是”，但{base}不是异地专题培训基地；专题培训须为异地专题培训",
    },
    "progress.rule.other_county_secretary": {
        "en": "found {found}, a secretary of {county}; list only this county's secretaries",
        "zh": "{found} 是{county}的村党组织书记；只填本县（市、区）的书记",
    },
    "progress.rule.unknown_secretary": {
        "en": "found '{found}', a secretary neither in the data nor reported as taking office; "
        "report a new secretary in the secretaries sheet first",
        "zh": "“{found}”既不在数据中，也未报送任职；新任书记请先在 secretaries 表中报送",
    },
    "progress.rule.unknown_class": {
        "en": "found '{found}', not a class_ref of the classes sheet",
        "zh": "“{found}”不是 classes 表中的培训班编号",
    },
    "progress.rule.unknown_village": {
        "en": "found '{found}', not a village of this county; see the lookup sheet",
        "zh": "“{found}”不是本县（市、区）的村；见 lookup 表",
    },
    "progress.rule.id_taken": {
        "en": "found {found} taking office, but that id is already a secretary's; give the "
        "new secretary a new id",
        "zh": "新任书记编号 {found} 已被使用；请为新任书记另编编号",
    },
    "progress.rule.left_twice": {
        "en": "found {found} leaving office, but an earlier return already says so",
        "zh": "{found} 离任已在以前的报表中报送",
    },
    "progress.rule.unknown_venue": {
        "en": "found '{found}', neither a community nor a village of this county; see the "
        "lookup sheet",
        "zh": "“{found}”不是本县（市、区）的社区或村；见 lookup 表",
    },
    "progress.rule.tier": {
        "en": "found '{found}'; expected {allowed}",
        "zh": "“{found}”不可用；应为 {allowed}",
    },
    "progress.rule.tier_not_up": {
        "en": "found {found}, below the venue's tier before the project ({now}); a project "
        "never lowers the tier",
        "zh": "填了 {found}，低于该场所建设前的等级（{now}）；建设项目不会降低等级",
    },
    "progress.rule.owned": {
        "en": "found '{found}'; expected yes or no for a completed project",
        "zh": "“{found}”不可用；完工项目应填 yes 或 no",
    },
    "progress.rule.completed_before_start": {
        "en": "completed in {found}, before it started ({start})",
        "zh": "完工于 {found}，早于开工（{start}）",
    },
    "progress.rule.start_with_result": {
        "en": "filled in for a start; tier_reached and owned are for a completed project",
        "zh": "开工行不填；tier_reached 和 owned 只在完工时填写",
    },
    "progress.rule.unknown_community": {
        "en": "found '{found}', not a community of this county; see the lookup sheet",
        "zh": "“{found}”不是本县（市、区）的社区；见 lookup 表",
    },
    "progress.rule.unknown_cadre": {
        "en": "found '{found}', not an agency cadre of this county; see the lookup sheet",
        "zh": "“{found}”不是本县（市、区）的机关干部；见 lookup 表",
    },
    # -- the ledger's rules
    "progress.rule.received_early": {
        "en": "received {received}, before period {period} ended ({end})",
        "zh": "接收日期 {received} 早于报送期 {period} 结束（{end}）",
    },
    "progress.rule.received_before_version": {
        "en": "received {received}, before version {version} it corrects ({before})",
        "zh": "接收日期 {received} 早于被更正的第 {version} 版（{before}）",
    },
    "progress.rule.overlap": {
        "en": "period {period} overlaps {other}, already in the ledger; report each month once",
        "zh": "报送期 {period} 与台账中的 {other} 重叠；每个月只报一次",
    },
    "progress.rule.gap": {
        "en": "the last return is for {last}; {period} does not follow it (expected a period "
        "starting {start}): import the returns in between first",
        "zh": "上一期报表为 {last}；{period} 与之不相接（应从 {start} 开始）：请先导入中间各期",
    },
    "progress.rule.baseline_source": {
        "en": "the data's pools at plan start",
        "zh": "数据中实施之初的人才库",
    },
    "progress.rule.previous_source": {
        "en": "the closing of {period}",
        "zh": "{period} 的期末数",
    },
    "progress.rule.opening": {
        "en": "pool '{pool}': opening is {found}; expected {expected}, {source}",
        "zh": "人才库 {pool}：期初 {found}；应为 {expected}（{source}）",
    },
    "progress.rule.trained_twice": {
        "en": "found {found}, already trained (return of {period}); a secretary is trained once",
        "zh": "{found} 已在 {period} 报表中参训；每名书记只计一次",
    },
    "progress.rule.trained_before_plan": {
        "en": "found {found}, who took the special course before the plan (the data say so)",
        "zh": "{found} 在实施前已参加专题培训（见数据）",
    },
    "progress.rule.completed_already": {
        "en": "found {found}, completed already (return of {period})",
        "zh": "{found} 已在 {period} 报表中完工",
    },
    "progress.rule.started_twice": {
        "en": "found {found}, started already in {month}",
        "zh": "{found} 已于 {month} 开工",
    },
    "progress.rule.completed_not_started": {
        "en": "found {found} completed, but no return says it started; report the start too",
        "zh": "{found} 报送完工，但没有开工记录；请同时报送开工",
    },
    "progress.rule.paired_twice": {
        "en": "found {found}, paired already (return of {period})",
        "zh": "{found} 已在 {period} 报表中结对",
    },
    "progress.rule.paired_before_plan": {
        "en": "found {found}, paired before the plan (the data say so)",
        "zh": "{found} 在实施前已结对（见数据）",
    },
    "progress.rule.workers_negative": {
        "en": "found {found} leaving, but the community has {have} certified workers",
        "zh": "离开 {found} 人，但该社区只有 {have} 名持证社会工作者",
    },
    "progress.note.next_opening": {
        "en": "{period} opens pool '{pool}' with {opening}, but this return now closes it with "
        "{closing}: correct {period} too",
        "zh": "{period} 人才库 {pool} 期初为 {opening}，而本报表期末现为 {closing}：请一并更正 {period}",
    },
    # -- the ledger
    "progress.ledger.missing": {
        "en": "{path}: no ledger here yet; import returns first (planning progress import "
        "FILE --ledger {path})",
        "zh": "{path}：尚无台账；请先导入报表（planning progress import FILE --ledger {path}）",
    },
    "progress.ledger.locked": {
        "en": "{ledger}: in use by another program for more than {seconds:g} s (an import "
        "still running?); try again when it has finished",
        "zh": "{ledger}：被其他程序占用超过 {seconds:g} 秒（可能正在导入）；请稍后再试",
    },
    "progress.ledger.damaged": {
        "en": "{ledger}: damaged or not a ledger (the database file cannot be read); restore "
        "it from a backup",
        "zh": "{ledger}：文件已损坏或不是台账；请从备份恢复",
    },
    "progress.ledger.unreachable": {
        "en": "{ledger}: cannot reach the ledger's database ({reason}); check the address, "
        "the user and that the server is running",
        "zh": "{ledger}：无法连接台账数据库（{reason}）；请检查地址、用户和服务器是否运行",
    },
    # -- import outcomes
    "progress.import.stored": {
        "en": "{source}: stored the return of {county} for {period} in {ledger}",
        "zh": "{source}：{county} {period} 报表已存入 {ledger}",
    },
    "progress.import.correction": {
        "en": "{source}: stored a correction of {county} for {period} (version {version}; "
        "the earlier figures are kept in the history)",
        "zh": "{source}：已存入 {county} {period} 的更正（第 {version} 版；原数据保留在历史中）",
    },
    "progress.import.unchanged": {
        "en": "{source}: the return of {county} for {period} is already in the ledger with "
        "these figures (version {version}); nothing to do",
        "zh": "{source}：{county} {period} 报表已在台账中，数据相同（第 {version} 版）；无需导入",
    },
    "progress.import.superseded": {
        "en": "{source}: the return of {county} for {period} is already in the ledger with "
        "these figures (version {version}, corrected since by version {current}); nothing to do",
        "zh": "{source}：{county} {period} 报表已在台账中，数据相同（第 {version} 版，"
        "其后已由第 {current} 版更正）；无需导入",
    },
    "progress.import.failed": {
        "en": "{n} return(s) with problems were not stored; fix them and import again",
        "zh": "{n} 份报表有问题，未存入台账；请修改后重新导入",
    },
    # -- template
    "progress.template.wrote": {
        "en": "wrote {out}: the return of {county} for {period}, pre-filled; fill it in, "
        "then: planning progress import {out}",
        "zh": "已生成 {out}：{county} {period} 报表（已预填）；填好后运行 planning progress import {out}",
    },
    # -- history
    "progress.history.none": {
        "en": "no returns of {county}{period} in {ledger}",
        "zh": "{ledger} 中没有{county}{period}的报表",
    },
    "progress.history.version": {
        "en": "{period} version {version} ({status}): received {received}, imported {imported} "
        "by {by}, file {file} (sha256 {hash})",
        "zh": "{period} 第 {version} 版（{status}）：{received} 接收，{imported} 由 {by} 导入，"
        "文件 {file}（sha256 {hash}）",
    },
    "progress.history.stored": {"en": "first return", "zh": "首次报送"},
    "progress.history.correction": {"en": "correction", "zh": "更正"},
    "progress.history.added": {"en": "{sheet}: added {thing}", "zh": "{sheet}：新增 {thing}"},
    "progress.history.removed": {"en": "{sheet}: removed {thing}", "zh": "{sheet}：删除 {thing}"},
    "progress.history.changed": {
        "en": "{sheet}: {thing}: {what}",
        "zh": "{sheet}：{thing}：{what}",
    },
    "progress.history.same": {"en": "(no figure changed)", "zh": "（数据无变化）"},
    "progress.history.secretary_of": {
        "en": "secretary of {village}",
        "zh": "{village}党组织书记",
    },
    "progress.event.started": {"en": "started", "zh": "开工"},
    "progress.event.completed": {"en": "completed", "zh": "完工"},
    # -- sheets
    "progress.sheet.talent": {"en": "reserve talents", "zh": "农村后备人才"},
    "progress.sheet.classes": {"en": "classes", "zh": "培训班"},
    "progress.sheet.trained": {"en": "secretaries trained", "zh": "参训书记"},
    "progress.sheet.secretaries": {"en": "secretaries in and out of office", "zh": "书记任免"},
    "progress.sheet.venues": {"en": "venue projects", "zh": "场所建设项目"},
    "progress.sheet.subsidies": {"en": "pay paid", "zh": "报酬发放"},
    "progress.sheet.social_work": {"en": "social workers", "zh": "社会工作者"},
    "progress.sheet.pairings": {"en": "pairings", "zh": "结对帮扶"},
    "progress.sheet.surveys": {"en": "satisfaction surveys", "zh": "满意率测评"},
    # -- status
    "progress.status.title": {
        "en": "Progress ledger as known on {as_of}: plan and actual by county",
        "zh": "工作台账（截至 {as_of}）：各县（市、区）计划与实际",
    },
    "progress.status.empty": {
        "en": "no returns received by {as_of} in {ledger}",
        "zh": "截至 {as_of}，{ledger} 中没有已接收的报表",
    },
    "progress.status.scenario": {
        "en": "plan: scenario '{scenario}' at the end of each county's last reported period",
        "zh": "计划：方案“{scenario}”在各县（市、区）最近报送期末的测算值",
    },
    "progress.status.missing": {
        "en": "no return yet: {counties}",
        "zh": "尚未报送：{counties}",
    },
    "progress.status.city": {"en": "City", "zh": "全市"},
    "progress.col.county": {"en": "county", "zh": "县（市、区）"},
    "progress.col.period": {"en": "last period", "zh": "最近报送期"},
    "progress.col.indicator": {"en": "indicator", "zh": "指标"},
    "progress.col.target": {"en": "target", "zh": "目标"},
    "progress.col.plan": {"en": "plan", "zh": "计划"},
    "progress.col.actual": {"en": "actual", "zh": "实际"},
    "progress.col.difference": {"en": "actual - plan", "zh": "实际 - 计划"},
    "progress.ind.talent": {"en": "reserve talents (persons)", "zh": "农村后备人才（人）"},
    "progress.ind.trained": {
        "en": "secretaries trained out of town, special course (persons)",
        "zh": "参加异地专题培训的村党组织书记（人）",
    },
    "progress.ind.community_venues": {
        "en": "community venue projects completed",
        "zh": "社区组织活动场所完工项目",
    },
    "progress.ind.village_rooms": {
        "en": "village activity room projects completed",
        "zh": "村级组织活动场所完工项目",
    },
    "progress.ind.basic_pay": {
        "en": "basic pay paid (thousand yuan)",
        "zh": "已发放基本报酬（万元）",
    },
    "progress.ind.socwork": {
        "en": "communities with a certified social worker",
        "zh": "配有持证社会工作者的社区",
    },
    "progress.ind.paired": {
        "en": "agency cadres paired with poor households",
        "zh": "与困难户结对的机关党员干部",
    },
    "progress.ind.satisfaction": {
        "en": "masses' satisfaction (latest survey)",
        "zh": "群众满意率（最近一次测评）",
    },
    "progress.ind.member_satisfaction": {
        "en": "Party members' satisfaction (latest survey)",
        "zh": "党员满意率（最近一次测评）",
    },
    # -- the README sheet of a return
    "progress.readme.title": {
        "en": "Return of {county} for {period} (progress ledger of the plan)",
        "zh": "{county} {period} 报表（工作台账）",
    },
    "progress.readme.step1": {
        "en": "Keep the sheets and their header rows as they are; the lookup sheet lists "
        "every name and id of the county and is not read.",
        "zh": "保留各工作表及表头不变；lookup 表列出本县（市、区）的名称和编号，不会被读取。",
    },
    "progress.readme.step2": {
        "en": "return: check the county and period; write who prepared it and the date sent.",
        "zh": "return：核对县（市、区）和报送期；填写填报人和报送日期。",
    },
    "progress.readme.step3": {
        "en": "talent: one row per pool; opening is pre-filled from the last return; closing "
        "must equal opening + joined - appointed - promoted - left.",
        "zh": "talent：每个人才库一行；期初已按上期预填；期末 = 期初 + 新增入库 - 任用 - 选拔 - 出库。",
    },
    "progress.readme.step4": {
        "en": "classes and trained: list each out-of-town class, then write its class_ref "
        "beside each secretary trained in it; leave the others empty.",
        "zh": "classes 和 trained：逐期填写异地专题培训班，再在参训书记旁填写培训班编号；未参训的留空。",
    },
    "progress.readme.step5": {
        "en": "secretaries: each secretary who took or left office, with the month.",
        "zh": "secretaries：填写本期任职或离任的书记及月份。",
    },
    "progress.readme.step6": {
        "en": "venues: a row when a project starts and another when it is completed (tier "
        "reached and whether the venue is owned).",
        "zh": "venues：项目开工填一行，完工再填一行（达到的等级、是否自有）。",
    },
    "progress.readme.step7": {
        "en": "subsidies: pay paid each month; social_work: exam passes and departures per "
        "community; pairings: fill in month and households for cadres paired this period.",
        "zh": "subsidies：每月发放的报酬；social_work：各社区考试通过和离开人数；pairings：本期结对的干部填写月份和户数。",
    },
    "progress.readme.step8": {
        "en": "surveys: a satisfaction survey held in the period (masses or members), its "
        "sample size and the share satisfied.",
        "zh": "surveys：本期开展的满意率测评（群众或党员）、样本量和满意比例。",
    },
    "progress.readme.step9": {
        "en": "Send the file to the city; it is checked on import and every problem is listed "
        "with its sheet and row. A corrected file for the same period replaces the figures, "
        "and the earlier ones stay in the history.",
        "zh": "将文件报送市里；导入时逐项检查，问题列明工作表和行号。同一期的更正文件会替换数据，原数据保留在历史中。",
    },
}

RETURN_TEXT_ZH: dict[str, str] = {
    # Each sheet of a return, then each column as "sheet.column" (the README sheet in Chinese).
    "return": "报表所属县（市、区）和报送期、填报人及报送日期。",
    "return.county_id": "县（市、区）编号（模板已填）。",
    "return.county": "县（市、区）名称，供阅读（不读取）。",
    "return.period": "报送期：季度如 2014Q2，或月份如 2014-05。",
    "return.prepared_by": "填报人。",
    "return.submitted_on": "县里报送日期，如 2014-07-10（可留空）。",
    "talent": "农村后备人才库：期初人数、本期进出和期末人数；每个人才库一行。",
    "talent.pool": "后备人才库。",
    "talent.opening": "期初人数（上期期末数）。",
    "talent.joined": "本期新增入库人数。",
    "talent.appointed": "任用为村干部的人数。",
    "talent.promoted": "提拔到乡镇岗位的大学生村官人数。",
    "talent.left": "其他原因出库人数（合同期满、外出、调整）。",
    "talent.closing": "期末人数。",
    "classes": "本期举办、本县（市、区）村党组织书记参加的异地培训班次。",
    "classes.class_ref": "本县自定的班次编号，如 B1-2014-07。",
    "classes.base_id": "培训基地（lookup 表中的编号）。",
    "classes.base": "基地名称，供阅读（不读取）。",
    "classes.month": "开班月份，如 2014-07。",
    "classes.days": "培训天数。",
    "classes.special_course": "是否为本规划的农业产业化异地专题培训（只有专题培训计入培训目标）。",
    "trained": "参加上述班次的村党组织书记。模板列出本县尚未培训的书记：本期参训的填写班次编号，其余留空。",
    "trained.secretary_id": "书记（lookup 表中的编号）。",
    "trained.village": "所在村，供阅读（不读取）。",
    "trained.class_ref": "参加的班次（classes 表中的班次编号）；留空表示未参训。",
    "secretaries": "本期任职或离任的村党组织书记（新任书记由县委组织部编号，如 S0012-2）。",
    "secretaries.secretary_id": "书记编号。",
    "secretaries.village_id": "村（lookup 表中的编号）。",
    "secretaries.village": "村名，供阅读（不读取）。",
    "secretaries.change": "变动情况：took_office 任职，left_office 离任。",
    "secretaries.month": "变动月份。",
    "venues": "本期开工或完工的活动场所项目：社区活动场所和村级活动场所。",
    "venues.venue_id": "社区或村编号（lookup 表中）。",
    "venues.venue": "社区或村名称，供阅读（不读取）。",
    "venues.event": "started 开工，completed 完工。",
    "venues.month": "开工或完工月份。",
    "venues.tier_reached": "完工的社区活动场所：standard 标准型、quality 质量型或 demonstration "
    "示范型；村级活动场所：village；开工行留空。",
    "venues.owned": "完工项目：yes 已自有产权，no 仍为租用；开工行留空。",
    "venues.cost_yuan": "本期项目支出（元）。",
    "subsidies": "本期发放的村党组织书记报酬，每月一行。",
    "subsidies.month": "发放月份。",
    "subsidies.secretaries_paid": "当月领取报酬的书记人数。",
    "subsidies.basic_yuan": "当月发放的基本报酬合计（元）。",
    "subsidies.performance_yuan": "当月发放的绩效报酬合计（元）。",
    "social_work": "各社区持证社会工作者：本期通过社会工作者考试和离开的人数。",
    "social_work.community_id": "社区（lookup 表中的编号）。",
    "social_work.community": "社区名称，供阅读（不读取）。",
    "social_work.passed": "通过考试的社区工作人员数。",
    "social_work.left": "离开本社区的持证社会工作者数。",
    "pairings": "本期开始结对帮扶困难户的机关党员干部。",
    "pairings.cadre_id": "机关干部（lookup 表中的编号）。",
    "pairings.poor_households": "结对的困难户数。",
    "pairings.month": "开始结对的月份。",
    "surveys": "本期开展的满意度测评：样本量和满意比例。",
    "surveys.survey": "masses：群众对基层党组织和党员的满意度；members：党员对所在党组织的满意度。",
    "surveys.respondents": "答卷人数（样本量）。",
    "surveys.share_satisfied": "满意的比例（0-1 或百分数）。",
}
"""The Chinese text of every sheet and column of a return (the English is in the table
definitions, ``planning.returns.RETURN_TABLES``); a test checks none is missing."""

RETURN_README_ZH = {
    "header": ["工作表", "列", "类型", "单位", "允许的值", "必填", "说明"],
    "need.yes": "是",
    "need.no": "否",
    "need.info": "否（供阅读）",
}
