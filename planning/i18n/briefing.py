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
