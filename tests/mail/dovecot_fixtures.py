"""The session's real Dovecot, and alice's INBOX emptied around a test: for suites that run against
Dovecot only (tests/serve). The mail protocol suites use conftest's `mail_server`, which runs them
against Dovecot and the embedded servers alike.

Without Dovecot the tests skip locally, but fail when CI=true: CI installs it, so a missing
server there means the suite silently stopped testing the protocol layer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from .dovecot_harness import DovecotServer, DovecotUnavailable, start_dovecot


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    try:
        server = start_dovecot()
    except DovecotUnavailable as missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the mail tests cannot run: {missing}", pytrace=False)
        pytest.skip(f"mail tests need a local Dovecot: {missing}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def mailbox(dovecot: DovecotServer) -> Iterator[DovecotServer]:
    """The server with alice's INBOX emptied before the test (and after, to leave it tidy)."""
    dovecot.reset("alice")
    yield dovecot
    dovecot.reset("alice")
