"""Messages of the calibration table: the plan's assumed rates beside those updated from the
counties' returns (``planning.calibration``)."""

MESSAGES = {
    "calibration.title": {
        "en": "Uncertain rates: the plan's assumption and the rate updated from the returns",
        "zh": "不确定参数：实施意见测算假设与按报表校准后的数值",
    },
    # rows
    "calibration.rate.attrition.cgvo": {
        "en": "Yearly attrition rate: college-graduate village officials",
        "zh": "年出库率：大学生村官",
    },
    "calibration.rate.attrition.returnee": {
        "en": "Yearly attrition rate: returning migrant workers and business people",
        "zh": "年出库率：外出务工经商返乡人员",
    },
    "calibration.rate.attrition.leader": {
        "en": "Yearly attrition rate: local leaders in getting rich",
        "zh": "年出库率：农村致富带头人",
    },
    "calibration.rate.intake_fill": {"en": "Intake fill rate", "zh": "新增入库完成率"},
    "calibration.rate.renewal": {
        "en": "Share of officials staying on at contract end",
        "zh": "聘期届满留任比例",
    },
    "calibration.city": {"en": "City", "zh": "全市"},
    # columns
    "calibration.col.rate": {"en": "Rate", "zh": "参数"},
    "calibration.col.county": {"en": "County", "zh": "县（市、区）"},
    "calibration.col.prior_mean": {"en": "Plan's assumption", "zh": "测算假设值"},
    "calibration.col.prior_p05": {"en": "Assumption, 5 %", "zh": "假设值5%分位数"},
    "calibration.col.prior_p95": {"en": "Assumption, 95 %", "zh": "假设值95%分位数"},
    "calibration.col.events": {"en": "Counted in the returns", "zh": "报表计数"},
    "calibration.col.exposure": {"en": "Out of", "zh": "计数基数"},
    "calibration.col.posterior_mean": {"en": "Updated from the returns", "zh": "按报表校准值"},
    "calibration.col.posterior_p05": {"en": "Updated, 5 %", "zh": "校准值5%分位数"},
    "calibration.col.posterior_p95": {"en": "Updated, 95 %", "zh": "校准值95%分位数"},
    "calibration.col.evidence": {"en": "Evidence", "zh": "依据"},
    # what the counts are
    "calibration.events.attrition": {"en": "members who left", "zh": "出库人数"},
    "calibration.events.intake_fill": {"en": "members who joined", "zh": "新增入库人数"},
    "calibration.exposure.attrition": {
        "en": "member-years in the pool",
        "zh": "在库人年数",
    },
    "calibration.exposure.intake_fill": {"en": "planned intake", "zh": "计划新增入库人数"},
    # evidence
    "calibration.evidence.reported": {"en": "From the returns", "zh": "依据报表"},
    "calibration.evidence.no_returns": {
        "en": "No returns yet: the assumption is kept",
        "zh": "尚无报表，沿用测算假设",
    },
    "calibration.evidence.not_reported": {
        "en": "Not in the returns: the assumption is kept",
        "zh": "报表不填报此项，沿用测算假设",
    },
}
