"""Fixtures for the multi-node tests: the session's Dovecot and PostgreSQL."""

from __future__ import annotations

from mail.dovecot_fixtures import dovecot  # noqa: F401  (re-exported fixtures)
from mail.postgres_fixtures import pg_uri, postgres  # noqa: F401
