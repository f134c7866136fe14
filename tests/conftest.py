"""Shared fixtures. Heavy objects are built once per test session."""

from __future__ import annotations

import pytest
from hypothesis import settings

# Property tests draw the same examples on every machine and run: a failure in CI is
# reproducible, and the suite's verdict does not depend on luck (``make fuzz`` explores).
settings.register_profile("planning", derandomize=True)
settings.load_profile("planning")


@pytest.fixture(scope="session")
def example_baseline():
    """The bundled Example City, loaded and validated through the public loader."""
    from planning import load_baseline

    return load_baseline()


@pytest.fixture(scope="session")
def default_scenario():
    """The baseline scenario file."""
    from planning import load_scenario

    return load_scenario("baseline")


@pytest.fixture(scope="session")
def postgres():
    """A throw-away PostgreSQL cluster for the session (Debian's server binaries).

    Missing binaries skip the PostgreSQL half of the ledger tests on a developer's machine
    and fail them in CI (``CI`` set), where ``make test`` installs the server first.
    """
    import os

    from ledgertools import PostgresCluster, pg_bindir

    bindir = pg_bindir()
    if bindir is None:
        message = (
            "PostgreSQL server binaries not found (apt-get install postgresql; make test does)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    cluster = PostgresCluster(bindir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request, tmp_path):
    """A fresh, empty ledger on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    cluster = request.getfixturevalue("postgres")
    import uuid

    name = f"ledger_{uuid.uuid4().hex[:16]}"
    return cluster.create_database(name)


@pytest.fixture(scope="session")
def tiny_baseline():
    """Two counties, eight villages, four communities: small enough to count by hand."""
    from planning.synth import generate

    return generate("tiny")


@pytest.fixture(scope="session")
def example_ledger(tmp_path_factory, example_baseline):
    """The Example City's bundled returns (2014Q1-2015Q2) in a SQLite ledger, each received
    on the date written in it: as of 2015-06 the counties have reported up to 2015Q1."""
    from planning.ledger import import_many, load_ledger
    from planning.paths import EXAMPLE_CITY_DIR

    path = tmp_path_factory.mktemp("ledger") / "example.sqlite"
    ledger = load_ledger(f"sqlite:///{path}")
    files = sorted(EXAMPLE_CITY_DIR.glob("returns/*/*"))
    stored, failed = import_many(ledger, files, example_baseline, received="submitted")
    assert not failed and len(stored) == len(files)
    yield ledger
    ledger.close()
