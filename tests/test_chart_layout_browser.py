"""Every chart drawn by plotly.js in Debian's Chromium, at the narrowest and the widest width
the app shows (560 and 1400 px) and in both languages: nothing is cut at the edges and no
text runs into other text (title, legend, axis titles, tick labels, annotations, colour-bar
title and ticks).

plotly.js is read from the installed plotly package and the page makes no request outside
127.0.0.1. A missing Chromium fails the test; no browser is downloaded.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import plotly
import pytest

from planning import load_baseline, load_scenario, plan_training, plan_venues, run_talent
from planning.budget import fiscal_rollup
from planning.charts import talent as ct
from planning.charts import training as ctr
from planning.charts import venues as cv
from planning.models.subsidies import budget_subsidies

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(900)]

CHROMIUM = Path("/usr/bin/chromium")
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
WIDTHS = (560, 1400)
LANGS = ("en", "zh")
SCENARIOS = ("baseline", "tight_budget")
SLACK_PX = 1.0

MEASURE = """async ([figJson, width]) => {
    const root = document.getElementById('root');
    Plotly.purge(root.firstChild || root);
    root.innerHTML = '';
    root.style.width = width + 'px';
    const gd = document.createElement('div');
    root.appendChild(gd);
    const fig = JSON.parse(figJson);
    await Plotly.newPlot(gd, fig.data, fig.layout, {responsive: true, displayModeBar: false});
    const svg = gd.querySelector('.main-svg').getBoundingClientRect();
    const box = (el, kind) => {
        const r = el.getBoundingClientRect();
        return {kind, text: el.textContent, x0: r.left - svg.left, y0: r.top - svg.top,
                x1: r.right - svg.left, y1: r.bottom - svg.top};
    };
    const all = (sel, kind) => Array.from(gd.querySelectorAll(sel))
        .filter(e => e.getBoundingClientRect().width > 0 && e.textContent.trim() !== '')
        .map(e => box(e, kind));
    return {
        width: svg.width, height: svg.height,
        items: [].concat(
            all('.gtitle', 'title'),
            all('.legend .scrollbox', 'legend'),
            all('.xtitle', 'xtitle'), all('.ytitle', 'ytitle'),
            all('.xtick text', 'xtick'), all('.ytick text', 'ytick'),
            all('.cbtitle text', 'cbtitle'),
            all('.colorbar .cbaxis text, .colorbar .ytick text', 'cbtick'),
            all('.annotation-text-g', 'annotation'),
        ),
    };
}"""

# Pairs of kinds that must not overlap.
APART = [
    ("title", "legend"),
    ("title", "annotation"),
    ("title", "xtick"),
    ("title", "ytick"),
    ("title", "cbtick"),
    ("xtick", "ytick"),
    ("legend", "xtitle"),
    ("legend", "xtick"),
    ("legend", "annotation"),
    ("xtitle", "xtick"),
    ("ytitle", "ytick"),
    ("cbtitle", "cbtick"),
    ("annotation", "annotation"),
    ("annotation", "xtick"),
    ("annotation", "ytick"),
]


def _figures():
    b = load_baseline()
    for name in SCENARIOS:
        s = load_scenario(name).with_overrides({"run.mc_draws": 50})
        talent = run_talent(b, s)
        training = plan_training(b, s, diagnose=False)
        venues = plan_venues(b, s)
        subsidies = budget_subsidies(b, s)
        rollup = fiscal_rollup(venues, subsidies, training)
        builders = {
            **{f: (getattr(ct, f), talent) for f in
               ("pools_chart", "fan_chart", "county_chart", "degree_chart", "socwork_chart")},
            **{f: (getattr(ctr, f), training) for f in
               ("coverage_chart", "gantt_chart", "absence_heatmap", "cost_chart")},
            **{f: (getattr(cv, f), venues) for f in
               ("tier_mix_chart", "venue_spending_chart", "projects_done_chart",
                "venue_budget_chart")},
            "village_spending_chart": (
                lambda r, lang: cv.venue_spending_chart(r, lang, villages=True), venues),
            "subsidy_cash_chart": (cv.subsidy_cash_chart, subsidies),
            "subsidy_compliance_table": (cv.subsidy_compliance_table, subsidies),
            "rollup_chart": (cv.rollup_chart, rollup),
            "rollup_county_chart": (cv.rollup_county_chart, rollup),
        }  # fmt: skip
        for chart, (build, result) in builders.items():
            for lang in LANGS:
                yield f"{name}/{chart}/{lang}", build(result, lang).to_json()


def _overlap(a: dict, b: dict) -> bool:
    return (
        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > SLACK_PX
        and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > SLACK_PX
    )


def layout_problems(m: dict) -> list[str]:
    """What is cut at an edge or runs into other text, in words."""
    found = []
    for it in m["items"]:
        if (
            it["x0"] < -SLACK_PX
            or it["y0"] < -SLACK_PX
            or it["x1"] > m["width"] + SLACK_PX
            or it["y1"] > m["height"] + SLACK_PX
        ):
            found.append(f"{it['kind']} {it['text'][:40]!r} is cut at the edge")
    by_kind: dict[str, list[dict]] = {}
    for it in m["items"]:
        by_kind.setdefault(it["kind"], []).append(it)
    for ka, kb in APART:
        pairs = (
            itertools.combinations(by_kind.get(ka, []), 2)
            if ka == kb
            else itertools.product(by_kind.get(ka, []), by_kind.get(kb, []))
        )
        for a, b in pairs:
            if _overlap(a, b):
                found.append(f"{ka} {a['text'][:30]!r} overlaps {kb} {b['text'][:30]!r}")
    return found


@pytest.fixture(scope="module")
def page():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    def only_loopback(route) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        pg = browser.new_page(viewport={"width": 1500, "height": 1000})
        pg.route("**/*", only_loopback)
        pg.set_content(
            "<html><head><meta charset='utf-8'><script>"
            + PLOTLY_JS.read_text(encoding="utf-8")
            + "</script></head><body style='margin:0'><div id='root'></div></body></html>"
        )
        yield pg
        browser.close()


def test_no_chart_is_cut_or_overlaps_at_any_width(page):
    failures = []
    for where, fig_json in _figures():
        for width in WIDTHS:
            measured = page.evaluate(MEASURE, [fig_json, width])
            assert measured["items"], f"{where}: nothing measured"
            failures += [f"{where} @ {width}px: {p}" for p in layout_problems(measured)]
    assert not failures, "\n".join(failures[:40])
