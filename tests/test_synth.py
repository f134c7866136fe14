"""The Example City generator: determinism, golden files, sizes, integrity, bounds, targets, CLI."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planning import synth
from planning.errors import UsageError
from planning.paths import DATA_DIR, EXAMPLE_CITY_DIR, ROOT
from planning.tables import DEGREE_LEVELS, ILLUSTRATIVE_NOTE, TABLE_BY_NAME, TABLES

DOMAIN_AVAILABILITY = {1: 0.6, 2: 0.4, 3: 0.5, 4: 0.1, 5: 0.05, 6: 0.2,
                       7: 0.7, 8: 0.6, 9: 0.2, 10: 0.05, 11: 0.8, 12: 0.9}  # fmt: skip


@pytest.fixture(scope="module")
def city():
    return synth.generate("city")


@pytest.fixture(scope="module")
def province():
    return synth.generate("province")


# --- helpers --------------------------------------------------------------------------


def assert_matches_contract(baseline) -> None:
    """Every frame has the contract's columns in order, the right dtypes and bounded values."""
    for table in TABLES:
        frame = baseline.table(table.name)
        assert tuple(frame.columns) == table.column_names, table.name
        assert len(frame) > 0, table.name
        for col in table.columns:
            s = frame[col.name]
            where = f"{table.name}.{col.name}"
            assert not s.isna().any(), where
            if col.kind in ("id", "ref", "text", "enum"):
                assert s.dtype == "str", where
                assert (s.str.len() > 0).all(), where
            if col.kind == "id":
                assert s.is_unique, where
            if col.kind == "ref":
                key = TABLE_BY_NAME[col.ref_table].key
                known = set(baseline.table(col.ref_table)[key])
                assert s.isin(known).all(), where
            if col.kind == "enum":
                assert s.isin(col.allowed).all(), where
            if col.kind == "int":
                assert s.dtype == np.int64, where
            if col.kind == "float":
                assert s.dtype == np.float64, where
            if col.kind == "bool":
                assert s.dtype == bool, where
            if col.kind == "months":
                assert all(
                    isinstance(v, tuple) and v and all(1 <= m <= 12 for m in v) for v in s
                ), where
            if col.kind in ("int", "float"):
                if col.min is not None:
                    assert ((s > col.min) if col.min_exclusive else (s >= col.min)).all(), where
                if col.max is not None:
                    assert (s <= col.max).all(), where
        if table.unique_together:
            assert not frame.duplicated(list(table.unique_together)).any(), table.name


# --- small pieces, hand-computed ------------------------------------------------------


def test_apportion_by_largest_remainder():
    # 168 * (.35, .35, .20, .10) = 58.8, 58.8, 33.6, 16.8 -> floors 58, 58, 33, 16 (165);
    # three more go to the largest remainders .8, .8, .8 (first come first).
    assert synth._apportion(168, np.array([0.35, 0.35, 0.2, 0.1])).tolist() == [59, 59, 33, 17]
    assert synth._apportion(10, np.array([1.0, 1.0, 1.0])).tolist() == [4, 3, 3]
    # minimum 1 each, then 7 more split 1:6 -> 1 + 1, 1 + 6
    assert synth._apportion(9, np.array([1.0, 6.0]), minimum=1).tolist() == [2, 7]


def test_format_cell():
    bases = TABLE_BY_NAME["training_bases"]
    villages = TABLE_BY_NAME["villages"]
    assert synth.format_cell(bases.column("out_of_town"), True) == "yes"
    assert synth.format_cell(bases.column("out_of_town"), np.False_) == "no"
    assert synth.format_cell(bases.column("months_allowed"), (1, 2, 11, 12)) == "1,2,11,12"
    assert synth.format_cell(villages.column("venue_area_m2"), 150.0) == "150"
    assert synth.format_cell(villages.column("venue_area_m2"), 0.1 + 0.2) == "0.30000000000000004"
    assert synth.format_cell(villages.column("households"), np.int64(850)) == "850"


def test_bad_scale_or_seed_is_a_usage_error():
    with pytest.raises(UsageError, match="scale 'town' is unknown; expected one of city"):
        synth.generate("town")
    with pytest.raises(UsageError, match="seed -1"):
        synth.generate("tiny", -1)


# --- determinism and golden files -----------------------------------------------------


def test_generate_is_deterministic():
    a, b = synth.generate("city", 99), synth.generate("city", 99)
    for table in TABLES:
        pd.testing.assert_frame_equal(a.table(table.name), b.table(table.name))
    other = synth.generate("city", 100)
    assert not a.villages.equals(other.villages)


def test_written_files_are_byte_identical(tmp_path):
    one = synth.write_csv(synth.generate("city", 7), tmp_path / "one")
    two = synth.write_csv(synth.generate("city", 7), tmp_path / "two")
    assert [p.name for p in one] == [t.filename for t in TABLES]
    for p, q in zip(one, two, strict=True):
        assert p.read_bytes() == q.read_bytes(), p.name
    # the temporary folder is gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "two"]


def test_committed_csvs_equal_a_fresh_regeneration(city):
    for table in TABLES:
        committed = (EXAMPLE_CITY_DIR / table.filename).read_bytes()
        fresh = synth.csv_text(city, table).encode("utf-8")
        assert committed == fresh, f"{table.filename} is stale: run python -m planning.synth"
    assert sorted(p.name for p in EXAMPLE_CITY_DIR.glob("*.csv")) == sorted(
        t.filename for t in TABLES
    )


def test_committed_data_dictionary_is_current():
    committed = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert committed == synth.data_dictionary_markdown(), "run python -m planning.synth"


def test_csv_format(city):
    raw = (EXAMPLE_CITY_DIR / "training_bases.csv").read_bytes()
    assert b"\r" not in raw
    text = raw.decode("utf-8")
    lines = text.split("\n")
    assert lines[0] == f"# {ILLUSTRATIVE_NOTE}"
    assert lines[1].split(",") == list(TABLE_BY_NAME["training_bases"].column_names)
    assert text.endswith("\n")
    assert ',"1,2,11,12",' in text or ',"1,11,12",' in text  # month lists are quoted
    assert ",yes," in text and ",no," in text
    for table in TABLES:
        first = (EXAMPLE_CITY_DIR / table.filename).read_text(encoding="utf-8").split("\n")[0]
        assert first == f"# {ILLUSTRATIVE_NOTE}", table.filename


def test_csv_round_trips_through_pandas(city, tmp_path):
    synth.write_csv(city, tmp_path)
    villages = pd.read_csv(tmp_path / "villages.csv", comment=None, skiprows=1)
    assert villages["households"].tolist() == city.villages["households"].tolist()
    assert villages["venue_area_m2"].tolist() == city.villages["venue_area_m2"].tolist()
    sec = pd.read_csv(tmp_path / "secretaries.csv", skiprows=1)
    assert (sec["tenure_years"] == city.secretaries["tenure_years"]).all()
    assert ((sec["key_secretary"] == "yes") == city.secretaries["key_secretary"]).all()


def test_loader_reads_the_generated_data_unchanged(city):
    from planning.data import load_baseline

    loaded = load_baseline(EXAMPLE_CITY_DIR)
    assert loaded.warnings == ()
    for table in TABLES:
        pd.testing.assert_frame_equal(
            loaded.table(table.name).reset_index(drop=True), city.table(table.name), obj=table.name
        )


def test_loader_reads_a_written_province(province, tmp_path):
    from planning.data import load_baseline

    synth.write_csv(province, tmp_path)
    loaded = load_baseline(tmp_path)
    pd.testing.assert_frame_equal(loaded.secretaries.reset_index(drop=True), province.secretaries)
    assert len(loaded.cadres) == len(province.cadres)


# --- sizes, integrity, bounds ---------------------------------------------------------


def test_city_sizes(city):
    assert len(city.counties) == 10
    assert city.counties["kind"].value_counts().to_dict() == {
        "county": 6,
        "city": 3,
        "district": 1,
    }
    assert len(city.villages) == 1336
    assert len(city.secretaries) == 1336
    assert 160 <= len(city.townships) <= 170
    assert len(city.communities) == 168
    assert 4 <= len(city.training_bases) <= 6
    assert city.venue_tiers["tier"].tolist() == ["village", "standard", "quality", "demonstration"]
    assert city.calendar["month"].tolist() == list(range(1, 13))
    assert city.venue_costs["county_id"].tolist() == city.county_ids


def test_province_sizes_and_speed(province):
    start = time.perf_counter()
    synth.generate("province", 5)
    assert time.perf_counter() - start < 5
    assert 120 <= len(province.counties) <= 140
    assert len(province.villages) == 9050
    assert len(province.communities) == 3755
    assert 1000 <= len(province.townships) <= 1250
    assert (province.training_bases["out_of_town"]).sum() >= 20


def test_tiny_sizes():
    tiny = synth.generate("tiny")
    assert 1 <= len(tiny.counties) <= 2
    assert len(tiny.villages) <= 12 and len(tiny.communities) <= 6
    assert_matches_contract(tiny)


@pytest.mark.parametrize("scale", ["city", "province"])
def test_matches_the_contract(scale, city, province):
    assert_matches_contract(city if scale == "city" else province)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), scale=st.sampled_from(["tiny", "city"]))
def test_any_seed_gives_valid_data(seed, scale):
    b = synth.generate(scale, seed)
    assert_matches_contract(b)
    assert b.secretaries["village_id"].tolist() == b.villages["village_id"].tolist()
    assert set(b.cadres["village_id"]) == set(b.villages["village_id"])
    assert (b.secretaries["tenure_years"] <= b.secretaries["age"] - 18).all()
    floors = b.venue_tiers.set_index("tier")["min_area_m2"]
    m = b.communities
    above = m[m["tier"] != "below"]
    assert (above["venue_area_m2"] >= above["tier"].map(floors)).all()
    assert (m.loc[m["tier"] == "below", "venue_area_m2"] < floors["standard"]).all()


def test_hierarchy(city):
    # every county has townships, every township villages, every county all three pools
    assert set(city.townships["county_id"]) == set(city.county_ids)
    assert set(city.villages["township_id"]) == set(city.townships["township_id"])
    pools = city.talent_pool.groupby("county_id")["pool"].unique()
    assert all(sorted(p) == ["cgvo", "leader", "returnee"] for p in pools)
    assert city.village_county.value_counts().sum() == 1336


# --- DOMAIN.md section 2 targets ------------------------------------------------------


def test_community_mix(city):
    shares = city.communities["tier"].value_counts(normalize=True)
    for tier, target in {"below": 0.35, "standard": 0.35, "quality": 0.20,
                         "demonstration": 0.10}.items():  # fmt: skip
        assert shares[tier] == pytest.approx(target, abs=0.03), tier
    rented = (city.communities["venue_tenure"] == "rented").mean()
    assert 0.12 <= rented <= 0.28
    workers = city.communities["social_workers"]
    assert 0.15 <= workers.mean() <= 0.35
    assert (workers == 0).mean() >= 0.6
    assert city.communities["households"].min() >= 800
    assert city.communities["households"].max() <= 6000


def test_secretaries(city):
    s = city.secretaries
    assert s["key_secretary"].mean() == pytest.approx(1 / 3, abs=0.01)
    assert 0.30 <= s["trained_out_of_town"].mean() <= 0.40
    assert 45 <= s["age"].mean() <= 51 and s["age"].between(30, 65).all()
    assert s["tenure_years"].between(0, 20).all()
    degree = s["education"].isin(DEGREE_LEVELS).mean()
    assert 0.10 <= degree <= 0.35  # a minority of secretaries hold a degree today


def test_cadres(city):
    c = city.cadres
    per_village = len(c) / len(city.villages) + 1  # plus the secretary
    assert per_village == pytest.approx(6.5, abs=0.3)
    young = c[c["age"] <= 35]
    assert 0.2 <= len(young) / len(c) <= 0.4
    assert 0.35 <= young["education"].isin(DEGREE_LEVELS).mean() <= 0.55
    # so the T-degree target (all young cadres with a degree) is far from met at baseline


def test_talent_pool(city, province):
    tp = city.talent_pool
    assert tp["members"].sum() == pytest.approx(3300, rel=0.10)
    by_pool = tp.groupby("pool")["members"].sum()
    assert 650 <= by_pool["cgvo"] <= 850
    cgvo = tp[tp["pool"] == "cgvo"]
    assert set(cgvo["cohort_year"]) == {2011, 2012, 2013}  # 3-year contracts still running
    assert tp["cohort_year"].max() <= 2013
    per_village = province.talent_pool["members"].sum() / len(province.villages)
    assert per_village == pytest.approx(3300 / 1336, rel=0.05)


def test_villages(city):
    v = city.villages
    assert v["households"].median() == pytest.approx(850, rel=0.08)
    spread = np.log(v["households"]).std()
    assert 0.28 <= spread <= 0.42
    assert 0.35 <= (v["venue_area_m2"] < 150).mean() <= 0.75  # many rooms below the standard
    assert 0.05 <= (v["venue_tenure"] == "rented").mean() <= 0.30


def test_counties(city):
    c = city.counties
    assert c["rural_income_yuan"].between(9634 * 0.85, 9634 * 1.15).all()
    assert c["income_growth"].between(0.08, 0.14).all()
    assert c["secretary_pay_yuan"].between(5000, 8000).all()
    assert c["satisfaction"].mean() == pytest.approx(0.82, abs=0.05)
    hh = city.villages.groupby(city.village_county.values)["households"].sum()
    ratio = c.set_index("county_id")["population"] / hh
    assert ratio.between(2.7, 3.2).all()  # persons per rural household


def test_venues(city):
    tiers = city.venue_tiers.set_index("tier")
    assert tiers["min_area_m2"].to_dict() == {
        "village": 150,
        "standard": 300,
        "quality": 500,
        "demonstration": 800,
    }
    assert (
        tiers.loc[["standard", "quality", "demonstration"], "equipment_yuan"]
        .between(30_000, 80_000)
        .all()
    )
    costs = city.venue_costs
    assert costs["new_build_yuan_per_m2"].between(900, 1800).all()
    assert costs["new_build_yuan_per_m2"].median() == pytest.approx(1200, rel=0.2)
    assert costs["renovation_yuan_per_m2"].between(400, 600).all()
    assert costs["purchase_yuan_per_m2"].between(3000, 5000).all()


def test_calendar(city):
    cal = city.calendar.set_index("month")
    assert cal["availability"].to_dict() == DOMAIN_AVAILABILITY
    assert (cal["note"].str.len() > 0).all()


@pytest.mark.parametrize("scale", ["city", "province"])
def test_training_bases_fit_the_calendar_and_the_task(scale, city, province):
    b = city if scale == "city" else province
    bases = b.training_bases
    out = bases[bases["out_of_town"]]
    school = bases[~bases["out_of_town"]]
    assert len(school) >= 1 and school["cost_per_trainee_yuan"].between(1200, 1900).all()
    assert out["seats_per_class"].between(50, 160).all()
    assert bases["class_days"].between(3, 7).all()
    assert out["cost_per_trainee_yuan"].median() == pytest.approx(4500, rel=0.12)
    assert bases["max_classes_per_month"].between(1, 3).all()
    blackout = {m for m, a in DOMAIN_AVAILABILITY.items() if a <= 0.2}
    assert all(not (set(months) & blackout) for months in bases["months_allowed"])
    # Three years of out-of-town seats, discounted by the calendar, cover the secretaries
    # not yet trained (so the training target is feasible in principle).
    seats_per_year = sum(
        row.seats_per_class
        * row.max_classes_per_month
        * sum(DOMAIN_AVAILABILITY[m] for m in row.months_allowed)
        for row in out.itertuples()
    )
    untrained = (~b.secretaries["trained_out_of_town"]).sum()
    assert 3 * seats_per_year >= untrained


def test_names_are_fictional_and_plain(city):
    assert city.counties["name"].str.match(r"^[A-Z][a-z]+ (District|City|County)$").all()
    assert city.counties["name"].is_unique
    assert city.villages["name"].str.endswith(" Village").all()
    # names are unique within a township
    assert not city.villages.duplicated(["township_id", "name"]).any()


# --- command line ---------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planning.synth", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_cli_writes_requested_scale(tmp_path):
    out = tmp_path / "tiny city"
    result = run_cli("--scale", "tiny", "--out", str(out), "--seed", "5")
    assert result.returncode == 0, result.stderr
    assert "villages.csv" in result.stdout
    expected = synth.generate("tiny", 5)
    for table in TABLES:
        assert (out / table.filename).read_text(encoding="utf-8") == synth.csv_text(expected, table)
    assert not (tmp_path / "README.md").exists()  # the dictionary only when asked
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny city"]


def test_cli_writes_dictionary_on_request(tmp_path):
    readme = tmp_path / "dict.md"
    result = run_cli("--scale", "tiny", "--out", str(tmp_path / "d"), "--readme", str(readme))
    assert result.returncode == 0, result.stderr
    assert readme.read_text(encoding="utf-8") == synth.data_dictionary_markdown()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scale", "town"], "invalid choice: 'town'"),
        (["--seed", "abc"], "found 'abc'; expected a whole number >= 0"),
        (["--seed", "-3"], "found '-3'; expected a whole number >= 0"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--scale", "province"], "--out DIR is required with --scale province"),
        (["--seed", "7"], "--out DIR is required with --scale city --seed 7"),
    ],
)
def test_cli_bad_arguments_exit_2_without_traceback(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_cli_out_is_a_file(tmp_path):
    target = tmp_path / "file.csv"
    target.write_text("x", encoding="utf-8")
    result = run_cli("--scale", "tiny", "--out", str(target))
    assert result.returncode == 2
    assert "exists and is not a folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "x"


def test_main_in_process(tmp_path, capsys):
    assert synth.main(["--scale", "tiny", "--out", str(tmp_path / "x")]) == 0
    assert "wrote 13 files" in capsys.readouterr().out
    assert Path(tmp_path / "x" / "calendar.csv").exists()
