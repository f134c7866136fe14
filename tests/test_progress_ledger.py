"""The progress ledger on both backends (SQLite file and a real PostgreSQL server): storing
returns, idempotence, corrections and their history, the state as of a date, and every
rule of a return on a hand-made bad one. Figures are counted by hand on the tiny city
(two counties; C01: villages V0001-V0003, communities M001-M003, pools cgvo 1, returnee 3,
leader 3)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from ledgertools import add_rows, filled, set_talent, write_csv_return

from planning.ledger import LedgerError, load_ledger
from planning.returns import ReturnError, read_return

TODAY = date(2016, 1, 1)


def _import(ledger, tmp_path, baseline, frames, name="r", **kw):
    path = write_csv_return(tmp_path / name, frames)
    kw.setdefault("today", TODAY)
    return ledger.import_return(path, baseline, by="tester", **kw)


@pytest.fixture
def ledger(ledger_url):
    with load_ledger(ledger_url) as ledger:
        yield ledger


def test_a_return_is_stored_and_read_back(ledger, tmp_path, tiny_baseline):
    f = filled(tiny_baseline, "C01", "2014Q1")
    set_talent(f, "returnee", joined=5, appointed=1, left=2)  # 3 + 5 - 1 - 2 = 5
    set_talent(f, "cgvo", joined=2, promoted=1)  # 1 + 2 - 1 = 2
    add_rows(f, "classes", [["B1-2014-01", "B1", "", "2014-01", 6, "yes"]])
    f["trained"].loc[f["trained"]["secretary_id"] == "S0002", "class_ref"] = "B1-2014-01"
    add_rows(f, "venues", [["M001", "", "started", "2014-02", "", "", 120000]])
    f["social_work"].loc[f["social_work"]["community_id"] == "M001", "passed"] = 1
    f["pairings"].loc[f["pairings"]["cadre_id"] == "A00002", ["poor_households", "month"]] = [
        1,
        "2014-03",
    ]
    add_rows(f, "surveys", [["masses", 400, "91%"]])
    out = _import(ledger, tmp_path, tiny_baseline, f, received=date(2014, 4, 10))
    assert (out.status, out.version, out.county) == ("stored", 1, "Guping City")
    state = ledger.as_of("2014-04-30")
    stock = state.talent_stock().set_index("pool")["closing"].to_dict()
    assert stock == {"cgvo": 2, "returnee": 5, "leader": 3}
    assert state.trained()[["secretary_id", "base_id", "special_course"]].values.tolist() == [
        ["S0002", "B1", True]
    ]
    assert state.venue_projects()[["venue_id", "started", "completed"]].values.tolist() == [
        ["M001", "2014-02", None]
    ]
    assert state.spending()["basic_yuan"].sum() == pytest.approx(90000.0)
    assert state.table("surveys")["share_satisfied"].tolist() == [pytest.approx(0.91)]
    assert state.table("pairings")["cadre_id"].tolist() == ["A00002"]
    # Received on 10 April: not known at the end of March.
    assert len(ledger.as_of("2014-03-31").returns) == 0


def test_same_return_again_changes_nothing(ledger, tmp_path, tiny_baseline):
    f = filled(tiny_baseline, "C01", "2014Q1")
    first = _import(ledger, tmp_path, tiny_baseline, f)
    again = _import(ledger, tmp_path, tiny_baseline, f)
    assert (first.status, again.status, again.version) == ("stored", "unchanged", 1)
    # The same figures in an Excel workbook are the same return, too.
    from planning.data import write_workbook

    book = tmp_path / "r.xlsx"
    write_workbook(book, f)
    assert ledger.import_return(book, tiny_baseline, today=TODAY).status == "unchanged"
    assert len(ledger.versions("C01")) == 1


def test_correction_keeps_history_and_as_of_sees_it_only_after(ledger, tmp_path, tiny_baseline):
    f = filled(tiny_baseline, "C01", "2014Q1")
    set_talent(f, "leader", joined=4)  # closing 7
    _import(ledger, tmp_path, tiny_baseline, f, "v1", received=date(2014, 4, 10))
    set_talent(f, "leader", joined=6)  # closing 9
    out = _import(ledger, tmp_path, tiny_baseline, f, "v2", received=date(2014, 5, 20))
    assert (out.status, out.version) == ("correction", 2)

    def leader(when):
        s = ledger.as_of(when).talent_stock()
        return int(s.loc[s["pool"] == "leader", "closing"].iloc[0])

    assert leader("2014-05-19") == 7
    assert leader("2014-05-20") == 9
    assert leader(datetime(2014, 5, 20, 11, 59)) == 7
    history = ledger.history(tiny_baseline, "C01", "2014Q1")
    assert [(v["version"], v["status"], v["imported_by"]) for v in history] == [
        (1, "stored", "tester"),
        (2, "correction", "tester"),
    ]
    assert history[1]["changes"] == ["reserve talents: leader: joined 4 → 6, closing 7 → 9"]
    # Both versions stay in the ledger.
    assert ledger.versions("C01", "2014Q1")["version"].tolist() == [1, 2]


def test_next_period_opens_with_the_last_closing(ledger, tmp_path, tiny_baseline):
    f = filled(tiny_baseline, "C01", "2014Q1")
    set_talent(f, "returnee", joined=5)  # closing 8
    _import(ledger, tmp_path, tiny_baseline, f, "q1")
    g = filled(tiny_baseline, "C01", "2014Q2", ledger.as_of(None))
    assert g["talent"].set_index("pool").at["returnee", "opening"] == 8
    assert _import(ledger, tmp_path, tiny_baseline, g, "q2").status == "stored"
    # The opening copied from the data instead: the rule names what was expected.
    h = filled(tiny_baseline, "C01", "2014Q3")  # without the ledger: opening 3, not 8
    with pytest.raises(ReturnError) as exc:
        _import(ledger, tmp_path, tiny_baseline, h, "q3")
    assert "talent.csv:3: column 'opening': pool 'returnee': opening is 3; expected 8, the " \
        "closing of 2014Q2" in str(exc.value)  # fmt: skip
    assert len(ledger.versions("C01")) == 2


# ------------------------------------------------------------------ every rule, one by one


def _bad(frames_edit, expected: str, *, before=None):
    return (frames_edit, expected, before)


def _t(f, col, value, pool="returnee"):
    f["talent"].loc[f["talent"]["pool"] == pool, col] = value


def _trained(f, sid, ref):
    f["trained"].loc[f["trained"]["secretary_id"] == sid, "class_ref"] = ref


def _class(f, ref="K1", base="B1", month="2014-01", special="yes"):
    add_rows(f, "classes", [[ref, base, "", month, 6, special]])


RULES = {
    "closing does not add up": (
        lambda f: _t(f, "closing", 4),
        "talent.csv:3: column 'closing': pool 'returnee': closing is 4 but opening 3 + joined 0 "
        "- appointed 0 - promoted 0 - left 0 = 3",
    ),
    "promotion out of a pool other than cgvo": (
        lambda f: (_t(f, "promoted", 1), _t(f, "closing", 2)),
        "talent.csv:3: column 'promoted': pool 'returnee': found 1 promoted",
    ),
    "a pool missing": (
        lambda f: f.__setitem__("talent", f["talent"].iloc[:2]),
        "column 'pool': no row for leader",
    ),
    "negative count": (lambda f: _t(f, "joined", -1), "talent.csv:3: column 'joined': found '-1'"),
    "unknown county": (
        lambda f: f["return"].__setitem__("county_id", "C99"),
        "return.csv:2: column 'county_id': found 'C99', not a county of the data",
    ),
    "unreadable period": (
        lambda f: f["return"].__setitem__("period", "2014Q5"),
        "return.csv:2: column 'period': found '2014Q5'",
    ),
    "period in the future": (
        lambda f: (
            f["return"].__setitem__("period", "2016Q1"),
            f["return"].__setitem__("submitted_on", ""),
        ),  # fmt: skip
        "period 2016Q1 is not over yet (it ends 2016-03-31)",
    ),
    "sent before the period ended": (
        lambda f: f["return"].__setitem__("submitted_on", "2014-03-20"),
        "column 'submitted_on': found 2014-03-20; a return is sent after its period ends",
    ),
    "month outside the period": (
        lambda f: _class(f, month="2014-04"),
        "classes.csv:2: column 'month': found 2014-04, outside period 2014Q1",
    ),
    "unknown base": (
        lambda f: _class(f, base="B9"),
        "column 'base_id': found 'B9', not a training",
    ),
    "special course at a base not out of town": (
        lambda f: _class(f, base="B2"),
        "classes.csv:2: column 'special_course': yes, but",
    ),
    "another county's secretary": (
        lambda f: (_class(f), add_rows(f, "trained", [["S0005", "", "K1"]])),
        "found S0005, a secretary of Tailong County",
    ),
    "unknown secretary": (
        lambda f: (_class(f), add_rows(f, "trained", [["S0100", "", "K1"]])),
        "found 'S0100', a secretary neither in the data nor reported as taking office",
    ),
    "unknown class": (
        lambda f: _trained(f, "S0001", "K7"),
        "trained.csv:2: column 'class_ref': found 'K7', not a class_ref",
    ),
    "a secretary twice in one return": (
        lambda f: (
            _class(f),
            _trained(f, "S0001", "K1"),
            add_rows(f, "trained", [["S0001", "", "K1"]]),
        ),
        "column 'secretary_id': found 'S0001' again (also on line 2)",
    ),
    "unknown village": (
        lambda f: add_rows(f, "secretaries", [["S0001-2", "V0005", "", "took_office", "2014-02"]]),
        "secretaries.csv:2: column 'village_id': found 'V0005', not a village of this county",
    ),
    "new secretary with an id in use": (
        lambda f: add_rows(f, "secretaries", [["S0002", "V0001", "", "took_office", "2014-02"]]),
        "found S0002 taking office, but that id is already a secretary's",
    ),
    "unknown venue": (
        lambda f: add_rows(f, "venues", [["M004", "", "started", "2014-02", "", "", 0]]),
        "found 'M004', neither a community nor a village of this county",
    ),
    "tier that is not one": (
        lambda f: add_rows(
            f,
            "venues",
            [
                ["M001", "", "started", "2014-01", "", "", 0],
                ["M001", "", "completed", "2014-03", "gold", "yes", 0],
            ],
        ),  # fmt: skip
        "venues.csv:3: column 'tier_reached': found 'gold'; expected standard, quality, "
        "demonstration",
    ),
    "tier lowered": (
        lambda f: add_rows(
            f,
            "venues",
            [
                ["M002", "", "started", "2014-01", "", "", 0],
                ["M002", "", "completed", "2014-03", "below", "yes", 0],
            ],
        ),  # fmt: skip
        "venues.csv:3: column 'tier_reached': found 'below'",
    ),
    "completed without saying whether owned": (
        lambda f: add_rows(
            f,
            "venues",
            [
                ["M001", "", "started", "2014-01", "", "", 0],
                ["M001", "", "completed", "2014-03", "standard", "", 0],
            ],
        ),  # fmt: skip
        "venues.csv:3: column 'owned': found ''; expected yes or no",
    ),
    "completed before it started": (
        lambda f: add_rows(
            f,
            "venues",
            [
                ["M001", "", "started", "2014-03", "", "", 0],
                ["M001", "", "completed", "2014-02", "standard", "yes", 0],
            ],
        ),  # fmt: skip
        "venues.csv:3: column 'month': completed in 2014-02, before it started (2014-03)",
    ),
    "a start with a result": (
        lambda f: add_rows(f, "venues", [["M001", "", "started", "2014-03", "quality", "", 0]]),
        "venues.csv:2: column 'tier_reached': filled in for a start",
    ),
    "completed, never started": (
        lambda f: add_rows(
            f, "venues", [["V0001", "", "completed", "2014-03", "village", "yes", 0]]
        ),
        "venues.csv:2: column 'venue_id': found V0001 completed, but no return says it started",
    ),
    "unknown community": (
        lambda f: add_rows(f, "social_work", [["M004", "", 1, 0]]),
        "social_work.csv:5: column 'community_id': found 'M004', not a community of this county",
    ),
    "more workers leaving than there are": (
        lambda f: f["social_work"].__setitem__("left", [0, 2, 0]),
        "social_work.csv:3: column 'left': found 2 leaving, but the community has 1 certified",
    ),
    "unknown cadre": (
        lambda f: add_rows(f, "pairings", [["A00009", 1, "2014-02"]]),
        "column 'cadre_id': found 'A00009', not an agency cadre of this county",
    ),
    "paired before the plan": (
        lambda f: add_rows(f, "pairings", [["A00003", 1, "2014-02"]]),
        "found A00003, paired before the plan",
    ),
    "share above 100 %": (
        lambda f: add_rows(f, "surveys", [["masses", 400, 85]]),
        "surveys.csv:2: column 'share_satisfied': found '85'; expected a number >= 0 and <= 1",
    ),
    "sheet missing its column": (
        lambda f: f.__setitem__("talent", f["talent"].drop(columns=["left"])),
        "column 'left': not found",
    ),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_on_a_hand_made_bad_return(rule, tmp_path, tiny_baseline):
    edit, expected = RULES[rule]
    f = filled(tiny_baseline, "C01", "2014Q1")
    edit(f)
    path = write_csv_return(tmp_path / "bad", f)
    from planning.ledger import Ledger

    with load_ledger(f"sqlite:///{tmp_path / 'l.sqlite'}") as ledger:
        assert isinstance(ledger, Ledger)
        with pytest.raises(ReturnError) as exc:
            ledger.import_return(path, tiny_baseline, today=TODAY)
        text = str(exc.value)
        assert expected in text, text
        assert text.splitlines()[0].endswith("nothing was stored")
        assert len(ledger.versions()) == 0


def test_every_problem_at_once(tmp_path, tiny_baseline):
    f = filled(tiny_baseline, "C01", "2014Q1")
    for name in ("closing does not add up", "unknown base", "unknown cadre", "share above 100 %"):
        RULES[name][0](f)
    with pytest.raises(ReturnError) as exc:
        read_return(write_csv_return(tmp_path / "bad", f), tiny_baseline, today=TODAY)
    assert len(exc.value.problems) == 4
    assert str(exc.value).startswith(f"{tmp_path / 'bad'}: 4 problem(s); nothing was stored")


LEDGER_RULES = {
    "trained twice": (
        lambda f: (_class(f, month="2014-01"), _trained(f, "S0001", "K1")),
        # The template no longer lists S0001; the county adds the row by hand.
        lambda g: (_class(g, month="2014-04"), add_rows(g, "trained", [["S0001", "", "K1"]])),
        "found S0001, already trained (return of 2014Q1)",
    ),
    "paired twice": (
        lambda f: add_rows(f, "pairings", [["A00002", 1, "2014-03"]]),
        lambda g: add_rows(g, "pairings", [["A00002", 1, "2014-04"]]),
        "found A00002, paired already (return of 2014Q1)",
    ),
    "completed twice": (
        lambda f: add_rows(
            f,
            "venues",
            [
                ["V0001", "", "started", "2014-01", "", "", 0],
                ["V0001", "", "completed", "2014-03", "village", "yes", 0],
            ],
        ),  # fmt: skip
        lambda g: add_rows(
            g, "venues", [["V0001", "", "completed", "2014-05", "village", "yes", 0]]
        ),
        "found V0001, completed already (return of 2014Q1)",
    ),
    "started twice": (
        lambda f: add_rows(f, "venues", [["V0001", "", "started", "2014-01", "", "", 0]]),
        lambda g: add_rows(g, "venues", [["V0001", "", "started", "2014-05", "", "", 0]]),
        "found V0001, started already in 2014-01",
    ),
    "new secretary's id reused": (
        lambda f: add_rows(
            f,
            "secretaries",
            [
                ["S0001", "V0001", "", "left_office", "2014-02"],
                ["S0001-2", "V0001", "", "took_office", "2014-02"],
            ],
        ),  # fmt: skip
        lambda g: add_rows(g, "secretaries", [["S0001-2", "V0002", "", "took_office", "2014-05"]]),
        "found S0001-2 taking office, but that id is already a secretary's",
    ),
}


@pytest.mark.parametrize("rule", sorted(LEDGER_RULES))
def test_ledger_rules_against_earlier_returns(rule, ledger, tmp_path, tiny_baseline):
    first, second, expected = LEDGER_RULES[rule]
    f = filled(tiny_baseline, "C01", "2014Q1")
    first(f)
    assert _import(ledger, tmp_path, tiny_baseline, f, "q1").status == "stored"
    g = filled(tiny_baseline, "C01", "2014Q2", ledger.as_of(None))
    second(g)
    with pytest.raises(ReturnError) as exc:
        _import(ledger, tmp_path, tiny_baseline, g, "q2")
    assert expected in str(exc.value)
    assert len(ledger.versions("C01")) == 1


def test_secretary_who_took_office_earlier_can_be_trained(ledger, tmp_path, tiny_baseline):
    f = filled(tiny_baseline, "C01", "2014Q1")
    LEDGER_RULES["new secretary's id reused"][0](f)
    _import(ledger, tmp_path, tiny_baseline, f, "q1")
    g = filled(tiny_baseline, "C01", "2014Q2", ledger.as_of(None))
    assert "S0001-2" in set(g["trained"]["secretary_id"])  # the template lists the new one
    assert "S0001" not in set(g["trained"]["secretary_id"])  # not the one who left
    _class(g, month="2014-06")
    _trained(g, "S0001-2", "K1")
    assert _import(ledger, tmp_path, tiny_baseline, g, "q2").status == "stored"


def test_gap_and_overlap_and_received_dates(ledger, tmp_path, tiny_baseline):
    _import(ledger, tmp_path, tiny_baseline, filled(tiny_baseline, "C01", "2014Q1"), "q1")
    with pytest.raises(ReturnError, match="the last return is for 2014Q1; 2014Q3 does not"):
        _import(ledger, tmp_path, tiny_baseline, filled(tiny_baseline, "C01", "2014Q3"), "q3")
    with pytest.raises(ReturnError, match="period 2014-02 overlaps 2014Q1"):
        _import(ledger, tmp_path, tiny_baseline, filled(tiny_baseline, "C01", "2014-02"), "m2")
    f = filled(tiny_baseline, "C01", "2014Q2", ledger.as_of(None))
    with pytest.raises(ReturnError, match="received 2014-06-15, before period 2014Q2 ended"):
        _import(ledger, tmp_path, tiny_baseline, f, "q2", received=date(2014, 6, 15))
    assert len(ledger.versions()) == 1


def test_hostile_text_is_stored_as_text(ledger, tmp_path, tiny_baseline):
    """Bound parameters only: text that looks like SQL is kept verbatim, nothing runs."""
    evil = "x'); DROP TABLE ledger_returns; --"
    f = filled(tiny_baseline, "C01", "2014Q1")
    f["return"].loc[0, "prepared_by"] = evil
    _class(f, ref="K1'; DELETE FROM ledger_classes; --")
    _import(ledger, tmp_path, tiny_baseline, f)
    v = ledger.versions()
    assert v["prepared_by"].tolist() == [evil]
    assert ledger.as_of(None).table("classes")["class_ref"].tolist() == [
        "K1'; DELETE FROM ledger_classes; --"
    ]
    history = ledger.history(tiny_baseline, "C01")
    assert len(history) == 1


def test_ledger_errors_name_the_problem(tmp_path):
    bad = tmp_path / "ledger.sqlite"
    bad.write_bytes(b"this is a spreadsheet, not a database" * 100)
    with pytest.raises(LedgerError, match="is not a ledger"):
        load_ledger(str(bad))
    with pytest.raises(LedgerError, match="no ledger here yet"):
        load_ledger(str(tmp_path / "none.sqlite"), create=False)
    other = tmp_path / "other.sqlite"
    import sqlite3

    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE accounts (id integer)")
    with pytest.raises(LedgerError, match="is a database but not a ledger"):
        load_ledger(str(other))


def test_damaged_sqlite_file_gives_a_clear_error(tmp_path, tiny_baseline):
    path = tmp_path / "ledger.sqlite"
    with load_ledger(str(path)) as ledger:
        _import(ledger, tmp_path, tiny_baseline, filled(tiny_baseline, "C01", "2014Q1"))
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)  # header kept, pages garbled
    path.write_bytes(bytes(data))
    with pytest.raises(LedgerError, match="damaged or not a ledger"):
        load_ledger(str(path)).as_of(None)


def test_locked_sqlite_file_gives_a_clear_error(tmp_path, tiny_baseline):
    import sqlite3

    path = tmp_path / "ledger.sqlite"
    load_ledger(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        locked = "in use by another program for more than 0.5 s"
        with (
            pytest.raises(LedgerError, match=locked),
            load_ledger(str(path), wait_seconds=0.5) as ledger,
        ):
            _import(ledger, tmp_path, tiny_baseline, filled(tiny_baseline, "C01", "2014Q1"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_unreachable_server_gives_a_clear_error():
    from ledgertools import free_port

    url = f"postgresql://planner:secret@127.0.0.1:{free_port()}/ledger"
    with pytest.raises(LedgerError) as exc:
        load_ledger(url)
    assert "cannot reach the ledger's database" in str(exc.value)
    assert "secret" not in str(exc.value)
