"""Lines the ``planning`` command prints, in the language of the scenarios it runs."""

MESSAGES = {
    "cli.error": {"en": "error: {text}", "zh": "错误：{text}"},
    "cli.note": {"en": "note: {text}", "zh": "提示：{text}"},
    "cli.briefing": {"en": "briefing: {path}", "zh": "测算简报：{path}"},
    "cli.index": {"en": "index: {path}", "zh": "汇总页：{path}"},
    "cli.failed": {"en": "{status}: {message}{see}", "zh": "{status}：{message}{see}"},
    "cli.see": {"en": "; see {path}", "zh": "；详见{path}"},
    "cli.progress": {
        "en": "[{done}/{total}] {name}: {status} ({seconds} s)",
        "zh": "[{done}/{total}] {name}：{status}（{seconds}秒）",
    },
    "cli.count": {"en": "{n} {status}", "zh": "{status}{n}个"},
    "cli.interrupted": {"en": "interrupted", "zh": "已中断"},
    "cli.terminated": {"en": "terminated", "zh": "已终止"},
    "cli.stopped_index": {
        "en": "{word}; what finished is listed in {path}",
        "zh": "{word}；已完成的方案见{path}",
    },
    "cli.stopped_error": {"en": "{word}; error: {error}", "zh": "{word}；错误：{error}"},
    "cli.bar": {"en": "briefings", "zh": "测算简报"},
    "cli.validate.failed": {
        "en": "validation failed: {n} input(s) with problems",
        "zh": "检查未通过：{n}个输入有问题",
    },
    "cli.validate.data": {"en": "data: {source}", "zh": "数据：{source}"},
    "cli.validate.rows": {"en": "{rows} rows", "zh": "{rows}行"},
    "cli.validate.warning": {"en": "warning: {text}", "zh": "提示：{text}"},
    "cli.validate.scenarios": {"en": "scenarios: {n} valid", "zh": "测算方案：{n}个有效"},
}

# Problems in user input are written from templates in English (planning.scenario,
# planning.data); in Chinese their fixed phrases are replaced, while the file, line, key,
# column and the values found stay as they are. Applied in order.
PROBLEM_PHRASES_ZH: tuple[tuple[str, str], ...] = (
    (r"^(.*): scenario has (\d+) problems?$", r"\1：方案有\2处问题"),
    (r"^(.*) has (\d+) problems?$", r"\1有\2处问题"),
    (r"(?<![A-Za-z])unknown key '([^']*)'", r"未知参数'\1'"),
    (r"; did you mean '([^']*)'\?", r"；是否应为'\1'？"),
    (r"; see the parameter list in README", r"；参数见README中的参数表"),
    (r"(?<![A-Za-z])key '([^']*)': ", r"参数'\1'："),
    (r"(?<![A-Za-z])column '([^']*)': ", r"列'\1'："),
    (r"(?<![A-Za-z])found (.*?); expected ", r"现为\1；应为"),
    (r"(?<![A-Za-z])a whole number between (\S+) and (\S+)", r"\1至\2之间的整数"),
    (r"(?<![A-Za-z])a number between (\S+) and (\S+)", r"\1至\2之间的数"),
    (r"(?<![A-Za-z])a whole number >= (\S+) and <= (\S+)", r"\1至\2之间的整数"),
    (r"(?<![A-Za-z])a number >= (\S+) and <= (\S+)", r"\1至\2之间的数"),
    (r"(?<![A-Za-z])a number > (\S+) and <= (\S+)", r"大于\1且不超过\2的数"),
    (r"(?<![A-Za-z])one of ", r"下列之一："),
    (r"(?<![A-Za-z])yes or no \(also true/false, 1/0\)", r"是或否（yes/no、true/false、1/0）"),
    (r"(?<![A-Za-z])an id listed in (\w+)", r"\1表中的代码"),
    (r"(?<![A-Za-z])a unique, non-empty id", r"唯一且不为空的代码"),
    (r"(?<![A-Za-z])not found\b", r"未找到"),
    (r"\(?Input should be less than or equal to ([^)]+)\)?", r"（应不大于\1）"),
    (r"\(?Input should be greater than or equal to ([^)]+)\)?", r"（应不小于\1）"),
    (r"\(?Input should be less than ([^)]+)\)?", r"（应小于\1）"),
    (r"\(?Input should be greater than ([^)]+)\)?", r"（应大于\1）"),
    (r"\(?Input should be a valid integer[^)]*\)?", r"（应为整数）"),
    (r"\(?Input should be a valid number[^)]*\)?", r"（应为数字）"),
    (r"\(?Input should be a valid boolean[^)]*\)?", r"（应为是或否）"),
    (r": is not a folder or workbook", r"：不是文件夹或电子表格"),
)
"""Regular expressions and their replacements for problem lines shown in Chinese."""
