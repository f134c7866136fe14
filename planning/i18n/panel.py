"""Messages of the interactive workbook (planning.panel)."""

MESSAGES = {
    "panel.title": {
        "en": "Service-oriented grassroots Party organisations: planning workbook",
        "zh": "服务型基层党组织建设测算工作簿",
    },
    "panel.subtitle": {
        "en": "Move a control and every chart and target that depends on it updates.",
        "zh": "调整任一参数，受其影响的图表和目标任务即时更新。",
    },
    # tabs
    "panel.tab.talent": {"en": "Reserve talent", "zh": "后备人才"},
    "panel.tab.training": {"en": "Out-of-town training", "zh": "异地专题培训"},
    "panel.tab.venues": {"en": "Venues", "zh": "组织活动场所"},
    "panel.tab.subsidies": {"en": "Pay & budget", "zh": "书记报酬与预算"},
    "panel.tab.targets": {"en": "Targets", "zh": "目标任务"},
    "panel.tab.progress": {"en": "Progress", "zh": "工作进展"},
    "panel.progress.as_of": {"en": "As of", "zh": "截至"},
    "panel.progress.busy": {
        "en": "Re-forecasting from the returns…",
        "zh": "正在依据报表重新预测……",
    },
    "panel.progress.no_ledger": {
        "en": "No progress ledger yet. Import the counties' quarterly returns "
        "(planning progress import FILES) and open the workbook again to follow the plan "
        "against what has happened.",
        "zh": "尚无工作台账。将各县（市、区）季度报表导入台账后重新打开工作台，"
        "即可对照实际情况查看实施进展。",
    },
    # scenario bar
    "panel.scenario": {"en": "Scenario", "zh": "测算方案"},
    "panel.reset": {"en": "Reset", "zh": "重置"},
    "panel.reset_tip": {
        "en": "Set every control back to the chosen scenario",
        "zh": "将所有参数恢复为所选方案的值",
    },
    "panel.no_changes": {"en": "Same as '{name}'", "zh": "与“{name}”相同"},
    "panel.changes": {
        "en": "{count} from '{name}' (highlighted)",
        "zh": "与“{name}”相比有{count}（已突出显示）",
    },
    "panel.language": {"en": "Language", "zh": "语言"},
    "panel.save_title": {"en": "Title", "zh": "方案名称"},
    "panel.save_title_placeholder": {
        "en": "new scenario, e.g. Faster recruitment",
        "zh": "新方案名称，如：加快新增入库",
    },
    "panel.save_name": {"en": "File name", "zh": "文件名"},
    "panel.save_name_placeholder": {
        "en": "made from the title",
        "zh": "由名称自动生成",
    },
    "panel.save_note": {"en": "Note", "zh": "说明"},
    "panel.save_note_placeholder": {
        "en": "why these settings (optional)",
        "zh": "调整理由（可不填）",
    },
    "panel.save": {"en": "Save scenario", "zh": "保存方案"},
    "panel.overwrite": {"en": "Overwrite", "zh": "覆盖"},
    "panel.saved": {"en": "Saved '{title}' as {path}", "zh": "已将“{title}”保存为{path}"},
    "panel.save_exists": {
        "en": "'{name}' already exists ({path}). Click 'Overwrite' to replace it, or pick another name.",
        "zh": "“{name}”已存在（{path}）。点击“覆盖”替换，或换一个文件名。",
    },
    "panel.save_bad_name": {
        "en": "A file name uses letters, digits, '_', '.' and '-' only, starts with a letter, digit or '_' and has at most {max} characters (found '{name}').",
        "zh": "文件名只能由字母、数字、“_”、“.”和“-”组成，以字母、数字或“_”开头，最多{max}个字符（现为“{name}”）。",
    },
    "panel.save_no_title": {
        "en": "Give the scenario a title before saving.",
        "zh": "请先填写方案名称再保存。",
    },
    "panel.save_long_title": {
        "en": "The title has {n} characters; at most {max} are allowed.",
        "zh": "名称有{n}个字，最多{max}个。",
    },
    "panel.save_is_folder": {
        "en": "{path} is a folder, not a scenario file; choose another file name.",
        "zh": "{path}是文件夹，不是方案文件，请换一个文件名。",
    },
    "panel.save_failed": {
        "en": "The scenario could not be written to {path}; nothing was saved.",
        "zh": "方案无法写入{path}，未保存任何内容。",
    },
    "panel.save_invalid": {
        "en": "Fix the highlighted values before saving.",
        "zh": "请先修正标红的参数再保存。",
    },
    "panel.saved_description": {
        "en": "Based on '{base}'. Changes: {changes}.",
        "zh": "基于“{base}”。改动：{changes}。",
    },
    "panel.saved_no_changes": {"en": "none", "zh": "无"},
    "panel.export": {"en": "Export briefing", "zh": "导出测算简报"},
    "panel.export_running": {
        "en": "Writing the briefing for '{name}'…",
        "zh": "正在生成“{name}”的测算简报……",
    },
    "panel.export_done": {"en": "Briefing ready:", "zh": "测算简报已生成："},
    "panel.export_failed": {
        "en": "The briefing failed: {error}",
        "zh": "测算简报生成失败：{error}",
    },
    "panel.edited_title": {
        "en": "{title} (edited in the workbook)",
        "zh": "{title}（在工作簿中调整）",
    },
    # data
    "panel.data": {"en": "Data", "zh": "数据"},
    "panel.data_placeholder": {
        "en": "CSV folder or Excel file; empty: Example City",
        "zh": "数据文件夹或电子表格；留空用示例城市",
    },
    "panel.data_load": {"en": "Load data", "zh": "加载数据"},
    "panel.data_loaded": {
        "en": "Data: {source} ({villages} villages, {communities} communities)",
        "zh": "数据：{source}（{villages}个行政村，{communities}个社区）",
    },
    "panel.data_problems": {
        "en": "The data in {source} cannot be used; nothing was changed:",
        "zh": "{source}中的数据无法使用，未做任何更改：",
    },
    "panel.example_city": {"en": "Example City (bundled)", "zh": "示例城市（内置）"},
    # status
    "panel.busy": {"en": "Updating: {what}", "zh": "正在更新：{what}"},
    "panel.ready": {"en": "Up to date", "zh": "已是最新"},
    "panel.invalid": {
        "en": "Some values are not valid (see the messages next to them); the charts show the last valid settings.",
        "zh": "部分参数无效（见参数下方的提示）；图表仍显示上一次有效设置的结果。",
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
    "panel.model.talent_mc": {"en": "uncertainty bands", "zh": "随机模拟区间"},
    "panel.model.training": {"en": "training plan", "zh": "异地专题培训安排"},
    "panel.model.venues": {"en": "venue plan", "zh": "组织活动场所建设安排"},
    "panel.model.subsidies": {"en": "pay budget", "zh": "书记报酬预算"},
    "panel.model.budget": {"en": "budget roll-up", "zh": "支出汇总"},
    "panel.model.talent_seek": {"en": "intake goal seek", "zh": "新增入库测算"},
    "panel.model.venue_seek": {"en": "least venue budget", "zh": "社区组织活动场所最低预算测算"},
    "panel.model.surveys": {"en": "satisfaction surveys", "zh": "满意率调查"},
    "panel.model.pairing": {"en": "pairing with poor households", "zh": "结对帮扶困难户"},
    "panel.model.register": {"en": "target register", "zh": "目标任务清单"},
    "panel.other_problems": {"en": "Other problems:", "zh": "其他问题："},
}
