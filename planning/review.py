"""The mid-plan review: what the ledger says happened, set against the plan and the
re-forecast that starts from it.

:func:`actual_series` turns the ledger's returns into city totals at each reported month
(the points of the plan-against-actual charts); :func:`plan_series` reads the same
quantities month by month from a run's results, so the plan (a run without the ledger) and
the re-forecast (a run from the ledger) are drawn from the same definitions.

>>> from planning import load_baseline
>>> from planning.ledger import load_ledger
>>> state = load_ledger("ledger.sqlite").as_of("2015-06")   # doctest: +SKIP
>>> actual_series(state, load_baseline(), 2014).query("indicator == 'talent'")  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from markupsafe import Markup

from . import present as pr
from .data import Baseline
from .i18n import t

SERIES = ("talent", "trained", "community_venues", "village_rooms")
"""Quantities drawn plan against actual, month by month (chart titles ``review.title.*``)."""

COLUMNS = ["indicator", "month", "value", "counties"]


def actual_series(state: Any, baseline: Baseline, start_year: int) -> pd.DataFrame:
    """City totals the returns report, one row per quantity and reported month.

    Columns ``indicator`` (one of :data:`SERIES`), ``month`` (``pd.Period``, the end of a
    reported period, or a month in which a class was held or a venue completed), ``value``
    (the city total at the end of that month) and ``counties`` (how many counties it
    covers). A month is kept only when every county that has sent any return had reported
    up to it, so a point never mixes a county's latest figure with another's missing one.

    - ``talent``: pool members at the end of each reported period (closing stocks);
    - ``trained``: secretaries trained in the special course, cumulated by the month of
      their class, those trained before the plan included;
    - ``community_venues`` / ``village_rooms``: projects completed, cumulated by month.
    """
    if state is None or not len(state.returns):
        return pd.DataFrame(columns=COLUMNS)
    reporting = sorted(set(state.returns["county_id"]))
    covered = min(state.reported_months(start_year).values())
    rows: list[pd.DataFrame] = []

    ends = state.returns[["county_id", "period", "period_end"]]
    talent = state.table("talent").merge(ends, on=["county_id", "period"])
    if len(talent):
        by = talent.groupby("period_end").agg(
            value=("closing", "sum"), counties=("county_id", "nunique")
        )
        by = by[by["counties"] == len(reporting)].reset_index()
        by["month"] = pd.PeriodIndex(pd.to_datetime(by["period_end"]), freq="M")
        by["indicator"] = "talent"
        rows.append(by[COLUMNS])

    months = pd.period_range(f"{start_year}-01", periods=covered, freq="M")
    vc = baseline.village_county
    secs = baseline.secretaries
    before = secs[secs["special_course"]]
    before = int(before["village_id"].map(vc).isin(reporting).sum())
    tr = state.trained()
    if len(tr):
        tr = tr[tr["special_course"].astype(bool)]
    per_month = (
        pd.PeriodIndex(tr["month"], freq="M").value_counts() if len(tr) else pd.Series(dtype=int)
    )
    cum = per_month.reindex(months, fill_value=0).cumsum() + before
    rows.append(_frame("trained", months, cum.to_numpy(), len(reporting)))

    vp = state.venue_projects()
    com_ids = set(baseline.communities["community_id"])
    for name, is_com in (("community_venues", True), ("village_rooms", False)):
        done = vp[vp["completed"].notna()] if len(vp) else vp
        if len(done):
            done = done[done["venue_id"].isin(com_ids) == is_com]
        counts = (
            pd.PeriodIndex(done["completed"], freq="M").value_counts()
            if len(done)
            else pd.Series(dtype=int)
        )
        cum = counts.reindex(months, fill_value=0).cumsum()
        rows.append(_frame(name, months, cum.to_numpy(), len(reporting)))
    out = pd.concat(rows, ignore_index=True)
    out["value"] = out["value"].astype(float)
    return out.sort_values(["indicator", "month"], kind="stable").reset_index(drop=True)


def _frame(indicator: str, months: pd.PeriodIndex, values: np.ndarray, counties: int):
    return pd.DataFrame(
        {"indicator": indicator, "month": months, "value": values, "counties": counties}
    )


def plan_series(results: Any, baseline: Baseline) -> pd.DataFrame:
    """The same quantities as :func:`actual_series`, every month of a run's horizon.

    ``results`` is a :class:`~planning.targets.Results` (with or without a ledger).
    Trained secretaries count those trained before the plan; venue projects count when
    they finish.
    """
    scen = results.scenario
    start, horizon = scen.run.start_year, scen.run.months
    months = pd.period_range(f"{start}-01", periods=horizon, freq="M")
    rows = [_frame("talent", months, results.talent.city_total.to_numpy(), 0)]

    roster = results.training.roster
    current = roster[(roster["cohort"] == "current") & roster["class_id"].notna()]
    m = pd.to_numeric(current["month"], errors="coerce").dropna().astype(int)
    secs = baseline.secretaries
    before = int(secs["special_course"].sum())
    counts = m.value_counts().reindex(range(1, horizon + 1), fill_value=0)
    rows.append(_frame("trained", months, counts.cumsum().to_numpy() + before, 0))

    for name, table in (
        ("community_venues", results.venues.communities),
        ("village_rooms", results.venues.villages),
    ):
        finish = pd.to_numeric(table.loc[table["project"], "finish_month"], errors="coerce")
        counts = finish.dropna().astype(int).value_counts()
        counts = counts.reindex(range(1, horizon + 1), fill_value=0)
        rows.append(_frame(name, months, counts.cumsum().to_numpy(), 0))
    out = pd.concat(rows, ignore_index=True)
    out["value"] = out["value"].astype(float)
    return out


# --------------------------------------------------------------------------- the review


@dataclass(frozen=True, eq=False)
class Review:
    """A mid-plan review: the plan, what happened, and the re-forecast from it.

    Attributes
    ----------
    scenario, baseline
        What was planned and on what data.
    state : LedgerState
        The ledger as known at the review's date.
    plan : Results
        The scenario run from the start (no ledger): the plan as set out.
    forecast : Results
        The scenario run from the ledger's actual state: the re-forecast.
    actual, planned, forecast_series : DataFrame
        :func:`actual_series` and :func:`plan_series` of the plan and the re-forecast.

    :meth:`counties` gives the county accountability (quotas, county register, league,
    catch-up, grades) with the re-forecast as each county's forecast.
    """

    scenario: Any
    baseline: Baseline
    state: Any
    plan: Any
    forecast: Any
    actual: pd.DataFrame
    planned: pd.DataFrame
    forecast_series: pd.DataFrame
    seconds: dict[str, float] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)
    """Results made on demand: the county forecast, the register and counties per language."""

    @property
    def start_year(self) -> int:
        return int(self.scenario.run.start_year)

    @property
    def last_month(self) -> int:
        """Plan month of the latest month every reporting county has reported up to."""
        return min(self.state.reported_months(self.start_year).values())

    def register(self, lang: str) -> pd.DataFrame:
        """The city's target register evaluated on the re-forecast, in ``lang``: each
        target's value at its deadline, status and probability given what has happened."""
        key = f"register:{lang}"
        if key not in self._cache:
            if lang == self.scenario.run.language:
                self._cache[key] = self.forecast.register
            else:
                from .targets import evaluate_targets

                self._cache[key] = evaluate_targets(self.forecast, lang)
        return self._cache[key]

    def county_forecast(self) -> pd.DataFrame:
        """Counties x quota indicators: the re-forecast at each indicator's deadline."""
        from .accountability import at_deadlines

        f = self.forecast
        return at_deadlines(self.baseline, self.scenario, (f.talent, f.training, f.venues,
                                                            f.subsidies))  # fmt: skip

    def counties(self, lang: str) -> Any:
        """The county accountability in ``lang`` (:func:`planning.accountability.review`)."""
        if lang not in self._cache:
            from . import accountability

            if "forecast" not in self._cache:
                self._cache["forecast"] = self.county_forecast()
            p = self.plan
            self._cache[lang] = accountability.review(
                self.state,
                self.baseline,
                self.scenario,
                self._cache["forecast"],
                lang=lang,
                models=(p.talent, p.training, p.venues, p.subsidies),
            )
        return self._cache[lang]

    def lead(self, lang: str) -> str:
        """The review's first sentence: the date and how far the returns reach."""
        last = self.state.last_period()
        periods = sorted(set(last["period"]))
        known = pr.date_label(self.state.as_of, lang)
        reached = pr.month_label(pr.period(self.last_month, self.start_year), lang)
        return t(
            "review.lead",
            lang,
            date=known,
            counties=pr.number(len(last), lang),
            month=reached,
            returns=pr.number(len(self.state.returns), lang),
            uneven="" if len(periods) <= 1 else t("review.lead_uneven", lang),
        )

    def charts(self, lang: str) -> dict[str, Any]:
        """Plan against actual against re-forecast, one chart per :data:`SERIES`."""
        from .charts.progress import progress_chart

        scen, start = self.scenario, self.start_year
        out = {}
        for ind in SERIES:
            kw: dict[str, Any] = {}
            if ind == "talent":
                n = scen.targets.talent_total_min
                band = self.forecast.talent.bands
                kw = {
                    "band": band,
                    "target": (n, t("review.target.talent", lang, n=pr.number(n, lang))),
                    "deadline": pr.period(scen.targets.talent_deadline_month, start),
                }
            elif ind == "trained":
                n = len(self.baseline.secretaries)
                kw = {
                    "target": (n, t("review.target.trained", lang, n=pr.number(n, lang))),
                    "deadline": pr.period(scen.training.deadline_month, start),
                }
            out[ind] = progress_chart(
                ind, self.planned, self.actual, self.forecast_series, lang=lang, **kw
            )
        return out


def review(
    baseline: Baseline,
    scenario: Any,
    ledger: Any,
    as_of: Any = None,
    *,
    plan: Any = None,
) -> Review:
    """Run the plan and the re-forecast and read what happened (see :class:`Review`).

    ``ledger`` is a ``Ledger``, a URL or a ``LedgerState`` (then ``as_of`` is None);
    ``plan`` reuses a run of the scenario without the ledger when the caller has one.
    """
    import time

    from .errors import Problem, UsageError
    from .targets import ledger_state, run_all

    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    state = ledger_state(ledger, as_of)
    if state is None or not len(state.returns):
        when = "now" if state is None else pr.date_label(state.as_of, "en")
        raise UsageError(
            "no county return to review",
            [Problem("ledger", f"no return was received by {when}; import returns first")],
        )
    seconds["ledger"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    plan = plan if plan is not None else run_all(baseline, scenario)
    seconds["plan"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    forecast = run_all(baseline, scenario, ledger=state)
    seconds["forecast"] = time.perf_counter() - t0
    start = int(scenario.run.start_year)
    return Review(
        scenario=scenario,
        baseline=baseline,
        state=state,
        plan=plan,
        forecast=forecast,
        actual=actual_series(state, baseline, start),
        planned=plan_series(plan, baseline),
        forecast_series=plan_series(forecast, baseline),
        seconds=seconds,
    )


LIGHT_STATUS = {"green": "met", "amber": "at_risk", "red": "missed"}
"""The register's pill colour of each county traffic light."""


def league_rows(rv: Review, lang: str) -> tuple[list[str], list[list[Any]]]:
    """The county league table: rank, county, score, grade and a light per target."""
    from . import pages
    from .accountability import QUOTA_INDICATORS

    league = rv.counties(lang).league
    header = [t(f"accountability.col.{c}", lang) for c in ("rank", "county", "score", "grade")]
    header += [t(f"accountability.ind.{i}", lang) for i in QUOTA_INDICATORS]
    rows = []
    for r in league.to_dict("records"):
        row: list[Any] = [pr.number(r["rank"], lang), r["county"], r["score_text"], r["grade_text"]]
        row += [
            pages.pill_html(LIGHT_STATUS[r[f"light.{i}"]], r[f"{i}_text"]) for i in QUOTA_INDICATORS
        ]
        rows.append(row)
    return header, rows


def catch_up_lines(rv: Review, lang: str) -> list[str]:
    """What each lagging county must add per quarter, in the league's order (sentences,
    as ``planning progress review`` prints them)."""
    lines = list(rv.counties(lang).catch_up["text"])
    return lines or [t("accountability.catch_up.none", lang)]


def catch_up_rows(rv: Review, lang: str) -> tuple[list[str], list[list[str]]]:
    """The catch-up as a table, in the league's order: county, target, what it must add
    per quarter and over how many quarters to which deadline, its quota and forecast. A
    deadline already past reads as the shortfall left."""
    lag = rv.counties(lang).catch_up
    header = [t(f"review.catch_up.col.{c}", lang) for c in CATCH_UP_COLUMNS]
    rows = []
    for r in lag.to_dict("records"):
        if r["quarters_left"] > 0:
            per_q = r["catch_up_per_quarter_text"]
            left = pr.count(r["quarters_left"], "quarter", lang)
        else:
            per_q = t("review.catch_up.overdue", lang, n=_value(r["shortfall"], r, lang))
            left = pr.NA
        rows.append([r["county"], r["label"], per_q, left, r["deadline_text"], r["quota_text"],
                     r["forecast_text"]])  # fmt: skip
    return header, rows


CATCH_UP_COLUMNS = ("county", "target", "per_quarter", "quarters", "deadline", "quota", "forecast")


def _value(x: float, row: dict[str, Any], lang: str) -> str:
    from .accountability import value_text

    return value_text(x, row["indicator"], lang)


def calibration_rows(rv: Review, lang: str) -> tuple[list[str], list[list[str]]]:
    """The Monte Carlo's rates before and after the returns (city level), if calibrated."""
    cal = getattr(rv.forecast.talent, "calibration", None)
    if cal is None or not len(cal):
        return [], []
    city = cal[cal["county_id"].isna()]

    def interval(row: Any, which: str) -> str:
        mean, lo, hi = (row[f"{which}_{k}"] for k in ("mean", "p05", "p95"))
        return t("review.interval", lang, mean=pr.share(mean, lang), low=pr.share(lo, lang),
                 high=pr.share(hi, lang))  # fmt: skip

    header = [t(f"calibration.col.{c}", lang) for c in ("rate", "prior_mean", "evidence")]
    header.append(t("calibration.col.posterior_mean", lang))
    rows = []
    for row in city.to_dict("records"):
        key = f"calibration.rate.{row['rate']}"
        label = t(f"{key}.{row['pool']}" if row["rate"] == "attrition" else key, lang)
        if row["evidence"] == "reported":
            evidence = t(
                "review.evidence",
                lang,
                events=pr.number(row["events"], lang),
                what=t(f"calibration.events.{row['rate']}", lang),
                exposure=pr.number(row["exposure"], lang),
                of=t(f"calibration.exposure.{row['rate']}", lang),
            )
        else:
            evidence = t(f"calibration.evidence.{row['evidence']}", lang)
        rows.append([label, interval(row, "prior"), evidence, interval(row, "posterior")])
    return header, rows


def county_matrix(
    baseline: Baseline, scenario: Any, models: Any, rv: Review | None, lang: str
) -> pd.DataFrame:
    """Every county's quota of each target against its forecast at the target's deadline,
    for the index's per-county sheet: ``county``, ``target``, ``quota``, ``forecast``,
    ``status`` (words).

    In a mid-plan review (``rv``) these are the county register's (the forecast starts from
    the returns, statuses as in the league table); otherwise the plan's own county figures
    against the quotas (met, or missed by the deadline). ``models`` are the talent,
    training, venue and subsidy results.
    """
    from . import accountability as acc

    if rv is not None:
        reg = rv.counties(lang).register
        return pd.DataFrame(
            {
                "county": reg["county"],
                "target": reg["label"],
                "quota": reg["quota"].astype(int),
                "forecast": reg["forecast"].round(1),
                "status": reg["status_text"],
            }
        )
    ids = baseline.county_ids
    plan = acc.at_deadlines(baseline, scenario, models)
    quotas = acc.county_quotas(baseline, scenario, plan, acc.quotas_table_for(baseline, scenario))
    names = baseline.names("counties", lang)
    rows = []
    for c in ids:
        for ind in acc.QUOTA_INDICATORS:
            quota, fc = int(quotas.at[c, ind]), float(plan.at[c, ind])
            status = "met" if fc > quota - acc.HALF else "missed"
            rows.append(
                {
                    "county": names[c],
                    "target": t(f"accountability.ind.{ind}", lang),
                    "quota": quota,
                    "forecast": round(fc, 1),
                    "status": pr.status_word(status, lang),
                }
            )
    return pd.DataFrame(rows)


def counties_html(rv: Review, lang: str) -> tuple[Markup, Markup]:
    """The county league table with the catch-up lines, and the calibrated rates, as HTML
    (the app's Progress tab; the briefing shows the same rows)."""
    from . import pages

    header, rows = league_rows(rv, lang)
    league = (
        _h3(t("review.h.league", lang))
        + pages.sentences_html([t("review.league_note", lang)])
        + pages.table_html(header, rows, numeric=(0, 2), cls="compact pw-league")
        + _h3(t("review.h.catch_up", lang))
        + _catch_up_html(rv, lang)
    )
    cal_header, cal_rows = calibration_rows(rv, lang)
    calibration = Markup("")
    if cal_rows:
        calibration = (
            _h3(t("review.h.calibration", lang))
            + pages.sentences_html([t("review.calibration_note", lang)])
            + pages.table_html(cal_header, cal_rows, numeric=range(1, len(cal_header)))
        )
    return league, calibration


def register_html(rv: Review, lang: str) -> Markup:
    """The city's register on the re-forecast, with its heading and note, as HTML."""
    from . import catalogue, pages

    rows = catalogue.register_rows(rv.register(lang), lang)
    return (
        _h3(t("review.h.register", lang))
        + pages.sentences_html([t("review.register_note", lang)])
        + pages.register_html(rows, catalogue.register_header(lang))
    )


def _catch_up_html(rv: Review, lang: str) -> Markup:
    from . import pages

    header, rows = catch_up_rows(rv, lang)
    if not rows:
        return pages.sentences_html([t("accountability.catch_up.none", lang)])
    return pages.table_html(header, rows, numeric=(2, 3, 5, 6), cls="compact")


def _h3(text: str) -> Markup:
    return Markup("<h3>{}</h3>").format(text)


__all__ = [
    "SERIES",
    "Review",
    "actual_series",
    "calibration_rows",
    "catch_up_lines",
    "catch_up_rows",
    "counties_html",
    "county_matrix",
    "league_rows",
    "plan_series",
    "register_html",
    "review",
]
