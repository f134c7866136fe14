"""Seeded county returns of the fictional Example City: what "actually happened".

Each figure is a random draw around the baseline scenario's own plan (Poisson counts
around the talent model's flows, the training plan's classes with a few absentees, venue
projects a month or two late, pay within 1 % of the budget, pairings as the data schedule
them, one satisfaction survey at the end of 2014), so that a mid-plan review shows
counties ahead and behind. Called by ``python -m planning.synth``; the same seed gives
byte-identical workbooks.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .data import Baseline, write_workbook
from .fileio import atomic_write_bytes
from .periods import ReportPeriod, parse_period
from .progress import _cols, _dropdowns, lookup_frame, readme_rows

RETURNS_STREAM = 3
"""Random stream of the returns (see :mod:`planning.synth`)."""
EXAMPLE_PERIODS = ("2014Q1", "2014Q2", "2014Q3", "2014Q4", "2015Q1", "2015Q2")
ELECTION_PERIOD = "2014Q4"
CORRECTED = ("C04", "2014Q3", 6)
"""The Example City's one correction: C04 first reported 6 fewer returnees joining in
2014Q3, and sent a corrected return in November."""


@dataclass
class _County:
    holders: dict[str, str]  # village -> secretary in post
    trained: set[str]
    closing: dict[str, int]


def generate_returns(
    baseline: Baseline, scenario: Any, seed: int, periods: tuple[str, ...] = EXAMPLE_PERIODS
) -> dict[tuple[str, str], dict[str, pd.DataFrame]]:
    """The sheets of every county's return for each period, keyed by (county, period).

    Examples
    --------
    >>> from planning import load_baseline, load_scenario
    >>> r = generate_returns(load_baseline(), load_scenario(), 2013, ("2014Q1",))  # doctest: +SKIP
    >>> sorted(r)[0]                                                              # doctest: +SKIP
    ('C01', '2014Q1')
    """
    from .models.subsidies import plan_subsidies
    from .models.talent import run_talent
    from .models.training import plan_training
    from .models.venues import plan_venues

    rng = np.random.default_rng([int(seed), RETURNS_STREAM])
    b = baseline
    start = scenario.run.start_year
    talent = run_talent(b, scenario)
    training = plan_training(b, scenario)
    venues = plan_venues(b, scenario)
    pay = plan_subsidies(b, scenario)
    flows = talent.flows.assign(m=_plan_month(talent.flows["month"], start))
    flows["county_id"] = flows["county_id"].astype(str)
    flows["pool"] = flows["pool"].astype(str)
    workers = talent.social_workers.assign(m=_plan_month(talent.social_workers["month"], start))
    vc = b.village_county
    state = {}
    for c in b.county_ids:
        villages = vc[vc == c].index
        secs = b.secretaries[b.secretaries["village_id"].isin(villages)]
        tp = b.talent_pool[b.talent_pool["county_id"] == c].groupby("pool")["members"].sum()
        state[c] = _County(
            holders=dict(zip(secs["village_id"], secs["secretary_id"], strict=True)),
            trained=set(secs.loc[secs["special_course"], "secretary_id"]),
            closing={p: int(tp.get(p, 0)) for p in ("cgvo", "returnee", "leader")},
        )
    out = {}
    for text in periods:
        period = parse_period(text)
        assert period is not None
        months = [(pd.Period(m, "M").year - start) * 12 + pd.Period(m, "M").month
                  for m in period.months]  # fmt: skip
        for c in b.county_ids:
            st = state[c]
            sheets: dict[str, pd.DataFrame] = {}
            sheets["talent"] = _talent(rng, flows, c, months, st)
            sheets["secretaries"], left = _secretaries(rng, b, c, period, st)
            sheets["classes"], sheets["trained"] = _training(rng, b, training, c, period, months,
                                                             st, left)  # fmt: skip
            sheets["venues"] = _venues(rng, b, venues, c, period, months, start)
            sheets["subsidies"] = _pay(rng, b, pay, c, period, months)
            sheets["social_work"] = _social(rng, b, workers, c, months)
            sheets["pairings"] = _pairings(rng, b, c, period)
            sheets["surveys"] = _surveys(rng, b, c, period)
            sheets["return"] = pd.DataFrame(
                [[c, b.county_names[c], period.text,
                  f"Organisation Department of {b.county_names[c]}",
                  (period.end + timedelta(days=int(rng.integers(8, 21)))).isoformat()]],
                columns=_cols("return"),
            )  # fmt: skip
            out[(c, text)] = {name: sheets[name] for name in _ORDER}
    return out


_ORDER = ("return", "talent", "classes", "trained", "secretaries", "venues", "subsidies",
          "social_work", "pairings", "surveys")  # fmt: skip


def _plan_month(months: pd.Series, start: int) -> pd.Series:
    return (months.dt.year - start) * 12 + months.dt.month


def _talent(rng, flows: pd.DataFrame, c: str, months: list[int], st: _County) -> pd.DataFrame:
    f = flows[(flows["county_id"] == c) & flows["m"].isin(months)]
    rows = []
    for pool in ("cgvo", "returnee", "leader"):
        g = f[f["pool"] == pool]
        opening = st.closing[pool]
        joined = int(rng.poisson(g["in_intake"].sum() * rng.lognormal(0, 0.15)))
        appointed = int(rng.poisson(g["out_appointed"].sum()))
        promoted = int(rng.poisson(g["out_promoted"].sum())) if pool == "cgvo" else 0
        left = int(rng.poisson(g["out_attrition"].sum() + g["out_expired"].sum()))
        room = opening + joined
        appointed = min(appointed, room)
        promoted = min(promoted, room - appointed)
        left = min(left, room - appointed - promoted)
        closing = room - appointed - promoted - left
        st.closing[pool] = closing
        rows.append([pool, opening, joined, appointed, promoted, left, closing])
    return pd.DataFrame(rows, columns=_cols("talent"))


def _secretaries(rng, b: Baseline, c: str, period: ReportPeriod, st: _County):
    rate = 0.20 if period.text == ELECTION_PERIOD else 0.05 / 4
    villages = sorted(st.holders)
    n = int(rng.binomial(len(villages), rate))
    chosen = sorted(rng.choice(len(villages), size=n, replace=False)) if n else []
    vnames = b.villages.set_index("village_id")["name"]
    rows, left = [], {}
    for k in chosen:
        v = villages[k]
        old = st.holders[v]
        month = period.months[int(rng.integers(0, len(period.months)))]
        new = f"{old.split('-')[0]}-{int(old.split('-')[1]) + 1 if '-' in old else 2}"
        rows.append([old, v, vnames[v], "left_office", month])
        rows.append([new, v, vnames[v], "took_office", month])
        st.holders[v] = new
        left[old] = month
    return pd.DataFrame(rows, columns=_cols("secretaries")), left


def _training(rng, b, training, c, period, months, st: _County, left: dict[str, str]):
    r = training.roster
    r = r[(r["county_id"] == c) & (r["cohort"] == "current") & r["class_id"].notna()]
    r = r[pd.to_numeric(r["month"], errors="coerce").isin(months)]
    bases = b.training_bases.set_index("base_id")
    vnames = b.villages.set_index("village_id")["name"]
    classes, trained = [], []
    in_post = set(st.holders.values()) | set(left)
    for cid, g in r.groupby("class_id", sort=True):
        base = g["base_id"].iloc[0]
        month = period.months[months.index(int(g["month"].iloc[0]))]
        attend = [
            s for s, v in zip(g["secretary_id"], g["village_id"], strict=True)
            if s in in_post and s not in st.trained and left.get(s, "9999") > month
            and rng.random() > 0.04
        ]  # fmt: skip
        if not attend:
            continue
        classes.append([cid, base, bases.at[base, "name"], month,
                        int(bases.at[base, "class_days"]),
                        "yes" if bases.at[base, "out_of_town"] else "no"])  # fmt: skip
        for s in attend:
            v = b.secretaries.set_index("secretary_id").at[s, "village_id"]
            trained.append([s, vnames[v], cid])
            st.trained.add(s)
    return (pd.DataFrame(classes, columns=_cols("classes")),
            pd.DataFrame(trained, columns=_cols("trained")))  # fmt: skip


def _venues(rng, b, venues, c, period, months, start):
    rows = []
    names = {**dict(zip(b.communities["community_id"], b.communities["name"], strict=True)),
             **dict(zip(b.villages["village_id"], b.villages["name"], strict=True))}  # fmt: skip
    for table, key, tier in ((venues.communities, "community_id", None),
                             (venues.villages, "village_id", "village")):  # fmt: skip
        t = table[(table["county_id"] == c) & table["project"]]
        for row in t.itertuples():
            # One stream per venue, so that the draws do not depend on the period.
            vr = np.random.default_rng([int(abs(hash_id(getattr(row, key)))), 7])
            delay = int(vr.random() < 0.3)
            s = int(row.start_month) + delay
            f = int(row.finish_month) + delay + int(vr.random() < 0.2)
            vid = getattr(row, key)
            cost = float(row.cost_yuan)
            if s in months:
                rows.append([vid, names[vid], "started", _month(s, start), "", "",
                             round(cost / 2, -2)])  # fmt: skip
            if f in months:
                reached = tier or str(row.to_tier)
                rows.append([vid, names[vid], "completed", _month(f, start), reached, "yes",
                             round(cost - round(cost / 2, -2), 2)])  # fmt: skip
    return pd.DataFrame(rows, columns=_cols("venues"))


def hash_id(text: str) -> int:
    """A stable number from an id (Python's hash() changes between runs)."""
    return int.from_bytes(text.encode("utf-8")[-8:].rjust(8, b"\0"), "big") % (2**31)


def _month(m: int, start: int) -> str:
    return str(pd.Period(f"{start}-01", "M") + (m - 1))


def _pay(rng, b, pay, c, period, months):
    m = pay.monthly[(pay.monthly["county_id"] == c) & pay.monthly["month"].isin(months)]
    n = int((b.village_county == c).sum())
    rows = []
    for row, label in zip(m.itertuples(), period.months, strict=True):
        rows.append([label, n, round(row.basic_yuan * (1 + rng.normal(0, 0.01)), 2),
                     round(row.performance_yuan, 2)])  # fmt: skip
    return pd.DataFrame(rows, columns=_cols("subsidies"))


def _social(rng, b, workers, c, months):
    w = workers[workers["county_id"] == c]
    before = w[w["m"] == months[0] - 1].set_index("community_id")["expected_workers"]
    after = w[w["m"] == months[-1]].set_index("community_id")["expected_workers"]
    com = b.communities[b.communities["county_id"] == c]
    rows = []
    for cid, name in zip(com["community_id"], com["name"], strict=True):
        gain = max(0.0, float(after.get(cid, 0)) - float(before.get(cid, 0)))
        rows.append([cid, name, int(rng.poisson(gain)), 0])
    return pd.DataFrame(rows, columns=_cols("social_work"))


def _pairings(rng, b, c, period):
    ac = b.agency_cadres
    ac = ac[(ac["county_id"] == c) & ac["paired_from"].isin(period.months)]
    rows = [[a.cadre_id, int(a.poor_households), a.paired_from] for a in ac.itertuples()
            if rng.random() > 0.03]  # fmt: skip
    return pd.DataFrame(rows, columns=_cols("pairings"))


def _surveys(rng, b, c, period):
    if period.text != "2014Q4":
        return pd.DataFrame(columns=_cols("surveys"))
    row = b.counties.set_index("county_id").loc[c]
    masses = float(np.clip(row["satisfaction"] + 0.02 + rng.normal(0, 0.015), 0, 1))
    members = float(np.clip(row["member_satisfaction"] + 0.01 + rng.normal(0, 0.01), 0, 1))
    return pd.DataFrame(
        [["masses", int(row["satisfaction_respondents"]), round(masses, 3)],
         ["members", int(row["member_respondents"]), round(members, 3)]],
        columns=_cols("surveys"),
    )  # fmt: skip


# --------------------------------------------------------------------------- files


def with_mistakes(returns: dict, baseline: Baseline) -> dict[str, dict[str, pd.DataFrame]]:
    """A few returns with realistic mistakes, for docs/progress.md (file name -> sheets)."""
    out = {}
    # C02, 2014Q4: a sum that does not add up, a class month outside the quarter, another
    # county's secretary, and a completion dated before its start.
    s = {k: v.copy() for k, v in returns[("C02", "2014Q4")].items()}
    s["talent"].loc[1, "closing"] += 2
    s["classes"].loc[0, "month"] = "2014-09"
    other = baseline.secretaries["secretary_id"].iloc[-1]
    s["trained"] = pd.concat(
        [s["trained"], pd.DataFrame([[other, "", s["classes"]["class_ref"].iloc[-1]]],
                                    columns=_cols("trained"))],
        ignore_index=True,
    )  # fmt: skip
    com = baseline.communities[baseline.communities["county_id"] == "C02"].iloc[-1]
    s["venues"] = pd.concat([s["venues"], pd.DataFrame(
        [[com.community_id, com["name"], "started", "2014-12", "", "", 10000.0],
         [com.community_id, com["name"], "completed", "2014-11", "quality", "yes", 20000.0]],
        columns=_cols("venues"))], ignore_index=True)  # fmt: skip
    out["C02_2014Q4.xlsx"] = s
    # C05, 2014Q4 as CSV: the opening copied from the wrong quarter, a secretary trained
    # again, a share typed as a percentage number, a village id mistyped.
    s = {k: v.copy() for k, v in returns[("C05", "2014Q4")].items()}
    s["talent"].loc[0, "opening"] += 3
    s["talent"].loc[0, "closing"] += 3
    q1 = returns[("C05", "2014Q1")]["trained"]
    if len(q1) and len(s["classes"]):
        s["trained"] = pd.concat([s["trained"], pd.DataFrame(
            [[q1["secretary_id"].iloc[0], q1["village"].iloc[0],
              s["classes"]["class_ref"].iloc[0]]], columns=_cols("trained"))],
            ignore_index=True)  # fmt: skip
    s["surveys"] = pd.DataFrame([["masses", 400, 85]], columns=_cols("surveys"))
    s["secretaries"] = pd.DataFrame([["S9999-2", "V99999", "", "took_office", "2014-11"]],
                                    columns=_cols("secretaries"))  # fmt: skip
    out["C05_2014Q4"] = s
    # C07, 2015Q1: sent before the quarter ended, and a pool row deleted.
    s = {k: v.copy() for k, v in returns[("C07", "2015Q1")].items()}
    s["return"].loc[0, "submitted_on"] = "2015-03-20"
    s["talent"] = s["talent"].iloc[:2]
    out["C07_2015Q1.xlsx"] = s
    return out


def corrected(returns: dict) -> tuple[dict, dict]:
    """The Example City's correction: C04's first 2014Q3 return (6 returnees fewer
    joined) and the corrected one sent in November 2014."""
    c, p, n = CORRECTED
    right = {k: v.copy() for k, v in returns[(c, p)].items()}
    wrong = {k: v.copy() for k, v in right.items()}
    i = int(np.flatnonzero(wrong["talent"]["pool"] == "returnee")[0])
    wrong["talent"].loc[i, "joined"] -= n
    wrong["talent"].loc[i, "closing"] -= n
    right["return"] = right["return"].copy()
    right["return"].loc[0, "submitted_on"] = "2014-11-05"
    right["return"].loc[0, "prepared_by"] += " (correction)"
    return wrong, right


def write_return(
    path: Path, sheets: dict[str, pd.DataFrame], baseline: Baseline, county_id: str
) -> Path:
    """Write one return as a workbook (``.xlsx``) or a CSV folder, byte-identical for the
    same sheets."""
    period = parse_period(str(sheets["return"]["period"].iloc[0]))
    assert period is not None
    lookup = lookup_frame(baseline, county_id)
    readme = readme_rows(baseline.county_names[county_id], period)
    if path.suffix == ".xlsx":
        buf = io.BytesIO()
        tmp = path.with_name(f".{path.name}.tmp.xlsx")
        write_workbook(tmp, {**sheets, "lookup": lookup}, readme=readme, dropdowns=_dropdowns())
        buf.write(_stable_xlsx(tmp.read_bytes()))
        tmp.unlink()
        return atomic_write_bytes(path, buf.getvalue())
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    for name, frame in {**sheets, "lookup": lookup}.items():
        atomic_write_bytes(path / f"{name}.csv",
                           frame.to_csv(index=False, lineterminator="\n").encode())  # fmt: skip
    return path


_STAMP = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _stable_xlsx(data: bytes) -> bytes:
    """The workbook with fixed timestamps (zip entries and document properties)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _STAMP.sub(
                    lambda m: m.group(0).split(b">")[0] + b">2014-01-01T00:00:00Z</dcterms:"
                    + m.group(1) + b">", body)  # fmt: skip
            z = zipfile.ZipInfo(info.filename, date_time=(2014, 1, 1, 0, 0, 0))
            z.compress_type = zipfile.ZIP_DEFLATED
            z.external_attr = 0o644 << 16
            dst.writestr(z, body)
    return out.getvalue()


def write_example_returns(baseline: Baseline, scenario: Any, seed: int, folder: Path) -> list[Path]:
    """Write the Example City's returns (``returns/PERIOD/COUNTY_PERIOD.xlsx``, with the
    one correction) and ``returns_with_errors/``; returns the files written."""
    returns = generate_returns(baseline, scenario, seed)
    wrong, right = corrected(returns)
    out = []
    root = folder / "returns"
    if root.exists():
        shutil.rmtree(root)
    for (c, p), sheets in sorted(returns.items()):
        first = wrong if (c, p) == CORRECTED[:2] else sheets
        out.append(write_return(root / p / f"{c}_{p}.xlsx", first, baseline, c))
    c, p, _ = CORRECTED
    out.append(write_return(root / p / f"{c}_{p}_correction.xlsx", right, baseline, c))
    bad = folder / "returns_with_errors"
    if bad.exists():
        shutil.rmtree(bad)
    for name, sheets in with_mistakes(returns, baseline).items():
        county = str(sheets["return"]["county_id"].iloc[0])
        out.append(write_return(bad / name, sheets, baseline, county))
    return out
