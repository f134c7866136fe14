"""Messages shared by every topic."""

MESSAGES = {
    "common.yes": {"en": "yes", "zh": "是"},
    "common.no": {"en": "no", "zh": "否"},
    "common.month": {"en": "Month", "zh": "月份"},
    "common.county": {"en": "County", "zh": "县（市、区）"},
    "common.persons": {"en": "persons", "zh": "人"},
    "common.yuan": {"en": "yuan", "zh": "元"},
    "common.target": {"en": "Target", "zh": "目标"},
    "common.deadline": {"en": "Deadline", "zh": "时限"},
    "common.illustrative": {
        "en": "Illustrative data for the fictional Example City; not real statistics of any place.",
        "zh": "示例城市为虚构数据，仅作演示，不代表任何真实地区的统计。",
    },
}
