"""The run's index: ``index.html`` and the comparison files (CSV and Excel) of a batch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fileio import atomic_write_bytes

if TYPE_CHECKING:
    from .batch import Outcome


def write_index(run_dir: Path, outcomes: Sequence[Outcome], *, interrupted: bool = False) -> Path:
    """Write ``index.html``, ``comparison.csv`` and ``comparison.xlsx`` of a run, together.

    The three files are written into a staging folder and renamed into place together,
    the index last and with Ctrl-C held back meanwhile: the index never links to a
    comparison file that is missing. On an error (e.g. a full disk) nothing is published
    and the staging folder is removed; the error is raised.
    """
    import io
    import os
    import shutil
    import uuid

    import pandas as pd

    from .i18n import t
    from .outputs import STAGING_MARK, signals_deferred

    lang = next((o.summary.get("language") for o in outcomes if o.summary.get("language")), "en")
    staging = run_dir / f".index{STAGING_MARK}{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        frame = comparison_frame(outcomes, lang)
        counties = county_frame(outcomes, lang)
        buf = io.BytesIO()
        sheet = t("briefing.batch.sheet.comparison", lang)[:31]
        with pd.ExcelWriter(buf, engine="openpyxl") as book:
            frame.to_excel(book, index=False, sheet_name=sheet)
            if len(counties):
                counties.to_excel(
                    book, index=False, sheet_name=t("briefing.batch.sheet.counties", lang)[:31]
                )
        files = {
            "comparison.csv": frame.to_csv(index=False).encode("utf-8-sig"),
            "comparison.xlsx": buf.getvalue(),
            "index.html": index_html(run_dir, outcomes, lang, interrupted).encode("utf-8"),
        }
        for name, data in files.items():
            atomic_write_bytes(staging / name, data)
        with signals_deferred():
            moved: list[Path] = []
            try:
                for name in files:  # the index last: it links to the others
                    os.replace(staging / name, run_dir / name)
                    moved.append(run_dir / name)
            except OSError:
                for path in moved:
                    path.unlink(missing_ok=True)
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return run_dir / "index.html"


COMPARISON_UNITS = {
    "persons": "人",
    "share": "比例",
    "month": "时间",
    "yuan": "元",
    "targets": "项",
}
"""Units of the key figures in the comparison files, in Chinese."""


def county_frame(outcomes: Sequence[Outcome], lang: str = "en") -> Any:
    """One row per scenario, county and target: quota, forecast at the deadline, status
    (from each briefing's ``summary.json``; a mid-plan review's forecast starts from the
    returns, and its date is given)."""
    import pandas as pd

    from .i18n import t
    from .present import date_label

    cols = ("scenario", "as_of", "county", "target", "quota", "forecast", "status")
    rows = []
    for o in outcomes:
        as_of = o.summary.get("as_of")
        for r in o.summary.get("counties", []):
            when = date_label(as_of, lang) if as_of else ""
            rows.append((o.name, when, r["county"], r["target"], r["quota"],
                         r["forecast"], r["status"]))  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(cols))
    if not frame["as_of"].astype(bool).any():
        frame = frame.drop(columns="as_of")
    return frame.rename(columns={c: t(f"briefing.batch.county_col.{c}", lang) for c in cols})


def comparison_frame(outcomes: Sequence[Outcome], lang: str = "en") -> Any:
    """One row per scenario: status, duration, key figures, target statuses.

    English headers are the data names (``scenario``, ``T-talent status``); in Chinese the
    headers, statuses and months are written as the index page shows them.
    """
    import pandas as pd

    from .i18n import t
    from .present import month_label

    zh = lang == "zh"
    rows = []
    for o in outcomes:
        status = o.status
        if zh:
            status = t(f"briefing.batch.status.{o.status}", lang)
        row: dict[str, Any] = {
            t("briefing.batch.col.scenario", lang) if zh else "scenario": o.name,
            t("briefing.batch.col.title", lang) if zh else "title": o.title,
            t("briefing.batch.col.status", lang) if zh else "status": status,
            t("briefing.batch.col.seconds", lang) if zh else "duration_s": round(o.duration_s, 1),
        }
        for kf in o.summary.get("key_figures", []):
            label = kf.get("label", kf.get("id"))
            unit = kf.get("unit")
            value = kf.get("value")
            if zh:
                if unit == "month" and value:
                    value = month_label(value, lang)
                unit = COMPARISON_UNITS.get(unit, unit)
                row[f"{label}（{unit}）" if unit else label] = value
            else:
                row[f"{label} ({unit})" if unit else label] = value
        for tg in o.summary.get("targets", []):
            if zh:
                row[f"{tg.get('label')}（{t('register.col.status', lang)}）"] = tg.get(
                    "status_label"
                )
            else:
                row[f"{tg.get('id')} status"] = tg.get("status")
        rows.append(row)
    return pd.DataFrame(rows)


def run_label(run_id: str, lang: str) -> str:
    """A run folder's name as a date: ``20261201-045950`` -> ``1 Dec 2026, 04:59``."""
    import re
    from datetime import datetime

    from .present import date_label

    m = re.match(r"^(\d{8}-\d{6})", run_id)
    if not m:
        return run_id
    return date_label(datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), lang, time=True)


STATUS_PILLS = {"ok": "ok", "skipped": "skipped", "interrupted": "interrupted"}
"""The pill colour of a scenario's status in the index (anything else is a failure)."""


def _note(o: Outcome, lang: str) -> str:
    """The first line of what went wrong, in ``lang``; nothing where the status says it all
    (a scenario not run because the batch stopped)."""
    from .cli import localize_error

    if not o.message or o.status == "interrupted":
        return ""
    return localize_error(o.message, lang).splitlines()[0]


def index_html(run_dir: Path, outcomes: Sequence[Outcome], lang: str, interrupted: bool) -> str:
    """The run's index page: one row per scenario, the key figures side by side and the
    target matrix, from the same cards and register rows as the briefings (all escaped)."""
    from .briefing import CSS
    from .cli import localize_error
    from .i18n import t
    from .pages import Markup, render
    from .present import NA, number

    when = run_label(run_dir.name, lang)
    unit = t("briefing.seconds_unit", lang)
    rows = []
    for o in outcomes:
        href = link = ""
        # An invalid scenario has no folder (its name may not even be usable as one).
        folder = run_dir / o.name
        if o.status == "invalid":
            pass
        elif o.succeeded and (folder / "briefing.html").is_file():
            href, link = f"{o.name}/briefing.html", t("briefing.batch.index.open", lang)
        elif (folder / "briefing.failed.ipynb").is_file():
            href = f"{o.name}/briefing.failed.ipynb"
            link = t("briefing.batch.index.failed_nb", lang)
        label = t(f"briefing.batch.status.{o.status}", lang)
        if o.reused_from:
            label = t("briefing.batch.status.reused", lang, run=run_label(o.reused_from, lang))
        rows.append(
            {
                "name": o.name,
                "title": o.title or o.name,
                "pill": STATUS_PILLS.get(o.status, "failed"),
                "status": label,
                "href": href,
                "link": link,
                "seconds": f"{number(o.duration_s, lang, 1)}{unit}",
                "note": _note(o, lang),
            }
        )
    with_figures = [o for o in outcomes if o.summary.get("key_figures")]
    labels: dict[str, str] = {}
    for o in with_figures:
        for kf in o.summary["key_figures"]:
            labels.setdefault(kf["id"], kf.get("label", kf["id"]))
    figures = []
    for kid, label in labels.items():
        values = []
        for o in with_figures:
            kf = next((k for k in o.summary["key_figures"] if k["id"] == kid), {})
            values.append(kf.get("text") or NA)
        figures.append({"id": kid, "label": label, "texts": values})
    with_targets = [o for o in outcomes if o.summary.get("targets")]
    ids: dict[str, str] = {}
    kinds: dict[str, tuple[str, str]] = {}
    for o in with_targets:
        for tg in o.summary["targets"]:
            ids.setdefault(tg["id"], tg.get("label", tg["id"]))
            kinds.setdefault(tg["id"], (tg.get("kind", ""), tg.get("kind_label", "")))
    matrix = []
    for tid, label in ids.items():
        cells = []
        for o in with_targets:
            tg = next((x for x in o.summary["targets"] if x["id"] == tid), None)
            cells.append(
                {
                    "status": tg["status"],
                    "label": tg.get("status_label", tg["status"]),
                    "text": tg.get("text", ""),
                }
                if tg
                else None
            )
        kind, kind_label = kinds[tid]
        if kind and (not matrix or matrix[-1]["kind"] != kind):
            matrix.append({"id": "", "kind": kind, "group": kind_label, "cells": []})
        matrix.append({"id": tid, "kind": kind, "group": "", "label": label, "cells": cells})
    title = t("briefing.batch.index.title", lang, run=when)
    body = render(
        "index.html.j2",
        title=title,
        summary=t(
            "briefing.batch.index.summary",
            lang,
            ok=sum(o.succeeded for o in outcomes),
            total=len(outcomes),
        ),
        interrupted=t("briefing.batch.index.interrupted", lang) if interrupted else "",
        scenarios_heading=t("briefing.batch.index.scenarios", lang),
        header=[
            t(f"briefing.batch.col.{c}", lang)
            for c in ("title", "status", "briefing", "seconds", "note")
        ],
        rows=rows,
        problems_heading=t("briefing.batch.index.problems", lang),
        problems=[localize_error(o.message, lang) for o in outcomes if o.status == "invalid"],
        figures_heading=t("briefing.batch.index.figures", lang),
        figure_col=t("briefing.batch.col.figure", lang),
        columns=[o.title or o.name for o in with_figures],
        figures=figures,
        matrix_heading=t("briefing.batch.index.matrix", lang),
        target_col=t("briefing.batch.col.target", lang),
        matrix_columns=[o.title or o.name for o in with_targets],
        matrix=matrix,
        files=t("briefing.batch.index.files", lang),
    )
    return render("page.html.j2", title=title, body=Markup(body), css=Markup(CSS), lang=lang) + "\n"
