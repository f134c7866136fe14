"""Saving the workbook's settings as a scenario file, and naming exported settings.

No widgets here: the view calls these and shows what they raise next to its buttons.
A scenario's *title* is what people read (any text, Chinese included); its file name is
derived from the title as a safe stem (:func:`file_stem`), which a planner may override.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from ..errors import PlanningError, Problem, ScenarioError
from ..fileio import atomic_write_text
from ..i18n import t
from ..present import param_label, param_value
from ..scenario import FIELDS, Scenario

STEM_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
"""What a scenario file name (without ``.yaml``) may be: the schema's name rule."""

MAX_STEM = 60
"""Longest file stem derived from a title (the schema allows 80 for a name)."""

MAX_TITLE = 200
"""Longest title (the schema's limit)."""


class SaveError(PlanningError):
    """The settings could not be written (bad name, folder not writable, disk full)."""


class NameTaken(SaveError):
    """Another scenario file has this name; overwriting needs a confirmation."""


def file_stem(title: str) -> str:
    """A safe file stem for a title: ASCII letters, digits and ``_``; a short digest of
    the title when it has none (a Chinese title), so that two titles never share a file.

    >>> file_stem("Faster recruitment 2015"), file_stem("加快招募")[:9]
    ('faster_recruitment_2015', 'scenario_')
    """
    text = unicodedata.normalize("NFKD", title)
    ascii_words = re.findall(r"[A-Za-z0-9]+", text.encode("ascii", "ignore").decode())
    stem = "_".join(w.lower() for w in ascii_words)[:MAX_STEM].strip("_")
    has_other = any(ord(ch) > 127 and unicodedata.category(ch)[0] in "LN" for ch in title)
    if not stem or has_other:
        digest = hashlib.sha256(title.strip().encode("utf-8")).hexdigest()[:8]
        stem = f"{stem[: MAX_STEM - 10]}_{digest}" if stem else f"scenario_{digest}"
    return stem


def check_stem(stem: str, lang: str) -> str:
    """The stem if it is a valid scenario file name; SaveError naming the rule otherwise."""
    if not STEM_PATTERN.match(stem or "") or len(stem) > MAX_STEM:
        raise SaveError(t("panel.save_bad_name", lang, name=stem[:80], max=MAX_STEM))
    return stem


def changes_text(scenario: Scenario, base: Scenario, lang: str) -> str:
    """What differs from ``base``, in words: ``Exam pass rate: 22 % → 30 %; ...``."""
    start = scenario.run.start_year
    parts = []
    for key, (old, new) in scenario.changes_from(base).items():
        if key not in FIELDS or key == "run.language":
            continue
        parts.append(
            f"{param_label(key, lang)}{'：' if lang == 'zh' else ': '}"
            f"{param_value(old, key, lang, start)} → {param_value(new, key, lang, start)}"
        )
    return ("；" if lang == "zh" else "; ").join(parts)


def describe(scenario: Scenario, base: Scenario, lang: str, note: str = "") -> str:
    """The description of settings saved from the workbook: the planner's note, then
    what scenario they started from and what differs from it."""
    changes = changes_text(scenario, base, lang) or t("panel.saved_no_changes", lang)
    lines = [note.strip()] if note.strip() else []
    lines.append(t("panel.saved_description", lang, base=base.title_in(lang), changes=changes))
    return "\n".join(lines)


def save_scenario(
    scenario: Scenario,
    folder: Path,
    *,
    stem: str,
    title: str,
    description: str,
    base: Scenario,
    overwrite: bool,
    lang: str,
) -> tuple[Scenario, Path]:
    """Write ``scenario`` as ``folder/<stem>.yaml`` with every parameter, validated.

    Raises
    ------
    NameTaken
        A file of that name exists and ``overwrite`` is False.
    SaveError
        The name is not allowed, the title is empty or too long, or the file cannot be
        written (the message says why; nothing is left behind).
    """
    stem = check_stem(stem, lang)
    title = title.strip()
    if not title:
        raise SaveError(t("panel.save_no_title", lang))
    if len(title) > MAX_TITLE:
        raise SaveError(t("panel.save_long_title", lang, n=len(title), max=MAX_TITLE))
    path = folder / f"{stem}.yaml"
    if path.is_dir():
        raise SaveError(t("panel.save_is_folder", lang, path=str(path)))
    if path.exists() and not overwrite:
        raise NameTaken(t("panel.save_exists", lang, name=stem, path=str(path)))
    try:
        scenario = scenario.with_overrides(
            {
                "name": stem,
                "title": title,
                "description": description,
                # The title typed is the one shown in every language (not the base's).
                "title_zh": "",
                "description_zh": "",
                "based_on": base.name,
            },
            source="save as",
        )
    except ScenarioError as exc:
        raise SaveError(t("panel.save_invalid", lang), exc.problems) from None
    text = scenario.to_yaml()
    Scenario.from_yaml_text(text, str(path))  # what is written must load back
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
    except OSError as exc:
        raise SaveError(
            t("panel.save_failed", lang, path=str(path)),
            [Problem(str(path), exc.strerror or type(exc).__name__)],
        ) from None
    return scenario, path


def export_scenario(scenario: Scenario, base: Scenario, lang: str) -> Scenario:
    """The settings to export a briefing of: the scenario itself when unchanged, else a
    copy named ``<name>_edited_<digest>`` titled in ``lang`` and recording its base, so
    that it never replaces the file's own briefing and the briefing lists the changes."""
    if not any(k in FIELDS and k != "run.language" for k in scenario.changes_from(base)):
        return scenario
    digest = hashlib.sha256(scenario.to_yaml().encode()).hexdigest()[:8]
    return scenario.with_overrides(
        {
            "name": f"{base.name[:60]}_edited_{digest}",
            "title": t("panel.edited_title", lang, title=base.title_in(lang))[:MAX_TITLE],
            "description": describe(scenario, base, lang),
            "title_zh": "",
            "description_zh": "",
            "based_on": base.name,
        },
        source="export",
    )
