"""The session's PostgreSQL (tests/mail/postgres_harness.py) and a fresh database per test.

Without PostgreSQL the tests skip locally, but fail when CI=true: .ci/setup installs it, so a
missing server there means the PostgreSQL store silently stopped being tested.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from .postgres_harness import PostgresServer, PostgresUnavailable, start_postgres


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        server = start_postgres()
    except PostgresUnavailable as missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the PostgreSQL tests cannot run: {missing}", pytrace=False)
        pytest.skip(f"these tests need PostgreSQL: {missing}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_uri(postgres: PostgresServer) -> str:
    """A URI of a new, empty database on the session's server."""
    return postgres.database()
