"""The ledger as a run's input: the last reported month per county and the run's reference."""

from __future__ import annotations

import pytest


def test_example_city_as_of_june_2015_reports_up_to_march(example_ledger):
    state = example_ledger.as_of("2015-06")
    months = state.reported_months(2014)
    # 2015Q2's returns were sent in July: every county's last period is 2015Q1, which ends
    # in plan month 12 + 3 = 15.
    assert len(months) == 10
    assert set(months.values()) == {15}
    later = example_ledger.as_of("2015-08").reported_months(2014)
    assert set(later.values()) == {18}


def test_ledger_ref_digest_follows_the_returns_in_force(example_ledger, tmp_path):
    from planning.errors import UsageError
    from planning.ledger import ledger_ref

    url = example_ledger.url.render_as_string(hide_password=False)
    a = ledger_ref(url, "2015-06")
    b = ledger_ref(url, "2015-06-30")
    c = ledger_ref(url, "2015-08")
    assert a.digest == b.digest != c.digest
    assert str(a.last_period_end) == "2015-03-31"
    assert str(c.last_period_end) == "2015-06-30"
    with pytest.raises(UsageError, match="no county return was received by 2013-12-31"):
        ledger_ref(url, "2013-12")


def test_importing_the_bundled_returns_again_changes_nothing(example_ledger, example_baseline):
    # make run imports them on every run: a corrected return's first version, imported
    # again, is recognised as in the ledger already (not refused as an early correction).
    from planning.ledger import import_many
    from planning.paths import EXAMPLE_CITY_DIR

    before = example_ledger.versions()
    files = sorted(EXAMPLE_CITY_DIR.glob("returns/*/*"))
    stored, failed = import_many(example_ledger, files, example_baseline, received="submitted")
    assert failed == []
    status = {o.source.rsplit("/", 1)[-1]: (o.status, o.version, o.current) for o in stored}
    assert status["C04_2014Q3.xlsx"] == ("superseded", 1, 2)
    assert status["C04_2014Q3_correction.xlsx"] == ("unchanged", 2, None)
    assert {s for s, _, _ in status.values()} == {"unchanged", "superseded"}
    assert example_ledger.versions().equals(before)


def test_ledger_ref_gives_kernels_an_absolute_path(example_ledger, tmp_path, monkeypatch):
    import shutil

    from planning.ledger import ledger_ref

    here = tmp_path / "deep" / "office"
    here.mkdir(parents=True)
    shutil.copy(example_ledger.url.database, here / "ledger.sqlite")
    monkeypatch.chdir(here)
    ref = ledger_ref("ledger.sqlite", "2015-06")
    assert ref.url == f"sqlite:///{here / 'ledger.sqlite'}"
    assert ref.password is None
