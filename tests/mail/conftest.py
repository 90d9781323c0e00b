"""Fixtures for the mail protocol tests: `mail_server` is one real Dovecot or the embedded dev
servers (balmail.devserver), each started once per session, and every test that uses it runs
against both; `mailbox` is that server with alice's INBOX emptied around the test. Suites elsewhere
that want Dovecot only import `dovecot` and `mailbox` from `mail.dovecot_fixtures`, not from here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .dovecot_fixtures import dovecot  # noqa: F401  (the session's Dovecot)
from .embedded_harness import EmbeddedServer, start_embedded
from .oauth_fixtures import oauth_session, oauth_world  # noqa: F401  (OAuth2: token server + Dovecot)
from .postgres_fixtures import pg_uri, postgres  # noqa: F401  (PostgreSQL for the store suite)
from .server_harness import MailServer


@pytest.fixture(scope="session")
def embedded() -> Iterator[EmbeddedServer]:
    server = start_embedded()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session", params=["dovecot", "embedded"])
def mail_server(request: pytest.FixtureRequest) -> MailServer:
    server: MailServer = request.getfixturevalue(request.param)
    return server


@pytest.fixture
def mailbox(mail_server: MailServer) -> Iterator[MailServer]:
    """The server with alice's INBOX emptied before the test (and after, to leave it tidy)."""
    mail_server.reset("alice")
    yield mail_server
    mail_server.reset("alice")
