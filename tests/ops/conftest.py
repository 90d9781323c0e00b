"""Fixtures for the operations tests: the real Dovecot of tests/mail (one per session) and the
session's PostgreSQL."""

from __future__ import annotations

from mail.dovecot_fixtures import dovecot, mailbox  # noqa: F401  (re-exported fixtures)
from mail.postgres_fixtures import pg_uri, postgres  # noqa: F401
