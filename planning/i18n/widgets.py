"""Messages of the schema-generated controls."""

MESSAGES = {
    "widgets.no_limit": {"en": "no limit", "zh": "不设上限"},
}
