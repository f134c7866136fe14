"""Messages of the interactive workbook (planning.panel)."""

MESSAGES = {
    "panel.title": {
        "en": "Grassroots service planning workbook",
        "zh": "基层服务型党组织建设规划工作簿",
    },
    "panel.subtitle": {
        "en": "Move a control and every chart and target that depends on it updates.",
        "zh": "调整任一参数，受其影响的图表和目标会立即更新。",
    },
    # tabs
    "panel.tab.talent": {"en": "Reserve talent", "zh": "后备人才"},
    "panel.tab.training": {"en": "Training rotation", "zh": "轮训"},
    "panel.tab.venues": {"en": "Venues", "zh": "活动场所"},
    "panel.tab.subsidies": {"en": "Subsidies & budget", "zh": "补贴与预算"},
    "panel.tab.targets": {"en": "Targets", "zh": "目标"},
    # scenario bar
    "panel.scenario": {"en": "Scenario", "zh": "情景"},
    "panel.reset": {"en": "Reset", "zh": "重置"},
    "panel.reset_tip": {
        "en": "Set every control back to the chosen scenario",
        "zh": "将所有参数恢复为所选情景的值",
    },
    "panel.no_changes": {"en": "Same as '{name}'", "zh": "与“{name}”相同"},
    "panel.changes": {
        "en": "{count} change(s) from '{name}' (highlighted)",
        "zh": "与“{name}”相比有 {count} 处改动（已突出显示）",
    },
    "panel.language": {"en": "Language", "zh": "语言"},
    "panel.save_name": {"en": "Save as", "zh": "另存为"},
    "panel.save_placeholder": {"en": "new_scenario_name", "zh": "new_scenario_name"},
    "panel.save": {"en": "Save scenario", "zh": "保存情景"},
    "panel.overwrite": {"en": "Overwrite", "zh": "覆盖"},
    "panel.saved": {"en": "Saved {path}", "zh": "已保存 {path}"},
    "panel.save_exists": {
        "en": "'{name}' already exists ({path}). Click 'Overwrite' to replace it, or pick another name.",
        "zh": "“{name}”已存在（{path}）。点击“覆盖”替换它，或换一个名称。",
    },
    "panel.save_bad_name": {
        "en": "A scenario name uses letters, digits, '_', '.' and '-' only, and starts with a letter, digit or '_' (found '{name}').",
        "zh": "情景名称只能包含字母、数字、“_”、“.”和“-”，并以字母、数字或“_”开头（当前为“{name}”）。",
    },
    "panel.save_invalid": {
        "en": "Fix the highlighted values before saving.",
        "zh": "请先修正标出的参数值再保存。",
    },
    "panel.saved_title": {"en": "Saved from the workbook", "zh": "从工作簿保存"},
    "panel.saved_description": {
        "en": "Based on '{base}'. Changes: {changes}.",
        "zh": "基于“{base}”。改动：{changes}。",
    },
    "panel.export": {"en": "Export briefing", "zh": "导出简报"},
    "panel.export_running": {
        "en": "Writing the briefing for '{name}'…",
        "zh": "正在生成“{name}”的简报……",
    },
    "panel.export_done": {
        "en": 'Briefing ready: <a href="{href}" target="_blank">open {file}</a> ({path})',
        "zh": '简报已生成：<a href="{href}" target="_blank">打开 {file}</a>（{path}）',
    },
    "panel.export_failed": {"en": "The briefing failed: {error}", "zh": "简报生成失败：{error}"},
    "panel.edited": {"en": "edited in the workbook", "zh": "在工作簿中修改"},
    # data
    "panel.data": {"en": "Data", "zh": "数据"},
    "panel.data_placeholder": {
        "en": "folder of CSV files or Excel workbook; empty = Example City",
        "zh": "CSV 文件夹或 Excel 工作簿；留空 = 示例城市",
    },
    "panel.data_load": {"en": "Load data", "zh": "加载数据"},
    "panel.data_loaded": {
        "en": "Data: {source} ({villages} villages, {communities} communities)",
        "zh": "数据：{source}（{villages} 个行政村，{communities} 个社区）",
    },
    "panel.data_problems": {
        "en": "The data in {source} cannot be used; nothing was changed:",
        "zh": "{source} 中的数据无法使用，未做任何更改：",
    },
    "panel.example_city": {"en": "Example City (bundled)", "zh": "示例城市（内置）"},
    # status
    "panel.busy": {"en": "Updating: {what}", "zh": "正在更新：{what}"},
    "panel.ready": {"en": "Up to date", "zh": "已是最新"},
    "panel.invalid": {
        "en": "Some values are not valid (see the messages next to them); the charts show the last valid settings.",
        "zh": "部分参数值无效（见其旁边的提示）；图表显示的是上一次有效设置的结果。",
    },
    "panel.model_failed": {
        "en": "The {model} calculation failed: {error}",
        "zh": "{model}计算失败：{error}",
    },
    "panel.chart_failed": {
        "en": "A chart could not be drawn: {error}",
        "zh": "图表无法绘制：{error}",
    },
    "panel.not_available": {
        "en": "This part is not available yet: {error}",
        "zh": "此部分暂不可用：{error}",
    },
    "panel.model.talent": {"en": "reserve talent", "zh": "后备人才"},
    "panel.model.talent_mc": {"en": "uncertainty bands", "zh": "不确定性区间"},
    "panel.model.training": {"en": "training plan", "zh": "培训计划"},
    "panel.model.venues": {"en": "venue plan", "zh": "场所建设计划"},
    "panel.model.subsidies": {"en": "subsidy budget", "zh": "补贴预算"},
    "panel.model.budget": {"en": "budget roll-up", "zh": "预算汇总"},
    "panel.model.register": {"en": "target register", "zh": "目标登记表"},
    "panel.other_problems": {"en": "Other problems:", "zh": "其他问题："},
    # key numbers
    "panel.kn.pools_at_deadline": {
        "en": "Reserve talents at {date}",
        "zh": "{date}后备人才总数",
    },
    "panel.kn.target_more_than": {"en": "target: more than {value}", "zh": "目标：超过 {value}"},
    "panel.kn.first_met": {"en": "Target first met", "zh": "首次达标"},
    "panel.kn.never": {"en": "not within the horizon", "zh": "规划期内未达标"},
    "panel.kn.probability": {"en": "Chance of meeting it", "zh": "达标概率"},
    "panel.kn.no_mc": {"en": "no Monte Carlo", "zh": "未做蒙特卡洛"},
    "panel.kn.draws": {"en": "{draws} draws", "zh": "{draws} 次抽样"},
    "panel.kn.degree_share": {
        "en": "Young cadres with a degree, {date}",
        "zh": "{date}年轻村干部大专以上学历比例",
    },
    "panel.kn.socwork": {
        "en": "Communities with a social worker, {date}",
        "zh": "{date}配有社会工作者的社区比例",
    },
    "panel.kn.target_value": {"en": "target: {value}", "zh": "目标：{value}"},
    "panel.kn.venue_met": {"en": "Venue targets met", "zh": "社区场所目标达成"},
    "panel.kn.deadline": {"en": "deadline {date}", "zh": "期限 {date}"},
    "panel.kn.venue_cost": {"en": "Community venue projects", "zh": "社区场所项目"},
    "panel.kn.projects": {"en": "{count} projects", "zh": "{count} 个项目"},
    "panel.kn.village_met": {"en": "Village rooms up to standard", "zh": "村级场所达标"},
    "panel.kn.village_cost": {"en": "Village room projects", "zh": "村级场所项目"},
    "panel.kn.subsidy_cash": {"en": "Subsidies paid over the plan", "zh": "规划期补贴支出"},
    "panel.kn.basic_range": {
        "en": "Basic subsidy per secretary, {year}",
        "zh": "{year}年每名书记基本补贴",
    },
    "panel.kn.compliant": {
        "en": "Basic subsidy at least rural income",
        "zh": "基本补贴不低于农民人均纯收入",
    },
    "panel.kn.compliant_all": {"en": "every county, every year", "zh": "所有县、所有年份"},
    "panel.kn.compliant_some": {
        "en": "{count} county-years below",
        "zh": "{count} 个县年低于标准",
    },
    "panel.kn.total_spending": {"en": "Whole plan cost", "zh": "规划总支出"},
    "panel.kn.all_programmes": {"en": "all programmes, {years}", "zh": "全部项目，{years}"},
    "panel.kn.after_horizon": {
        "en": "plus {amount} performance subsidy paid after the horizon",
        "zh": "另有 {amount} 绩效补贴在规划期后发放",
    },
    "panel.kn.training_feasible": {
        "en": "Current secretaries trained by",
        "zh": "现任书记完成培训期限",
    },
    "panel.kn.training_coverage": {"en": "Trained at the deadline", "zh": "期限时已培训比例"},
    "panel.kn.training_cost": {"en": "Training cost over the plan", "zh": "规划期培训费用"},
    "panel.kn.classes": {"en": "{count} classes", "zh": "{count} 个班次"},
    "panel.kn.met": {"en": "met", "zh": "达成"},
    "panel.kn.missed": {"en": "missed", "zh": "未达成"},
    "panel.kn.targets_met": {"en": "Targets met", "zh": "已达成目标"},
    "panel.kn.targets_at_risk": {"en": "At risk", "zh": "有风险"},
    "panel.kn.targets_missed": {"en": "Missed", "zh": "未达成"},
    "panel.kn.targets_tracked": {"en": "Tracked only", "zh": "仅跟踪"},
    "panel.kn.of_total": {"en": "of {total}", "zh": "共 {total} 项"},
    # money and dates
    "panel.money_million": {"en": "{value} million yuan", "zh": "{value} 万元"},
    "panel.month_date": {"en": "{month} {year}", "zh": "{year}年{month}月"},
    # register
    "panel.register.title": {"en": "Target register", "zh": "目标登记表"},
    "panel.register.target": {"en": "Target", "zh": "目标"},
    "panel.register.status": {"en": "Status", "zh": "状态"},
    "panel.register.value": {"en": "Value at deadline", "zh": "期限时的值"},
    "panel.register.threshold": {"en": "Threshold", "zh": "标准"},
    "panel.register.deadline": {"en": "Deadline", "zh": "期限"},
    "panel.register.first_met": {"en": "First met", "zh": "首次达标"},
    "panel.register.probability": {"en": "Probability", "zh": "概率"},
    "panel.register.empty": {"en": "No targets to show.", "zh": "没有可显示的目标。"},
}
