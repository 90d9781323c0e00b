"""Fixtures for the listener runtime tests: the real Dovecot of tests/mail (one per session,
alice's INBOX emptied per test), and a helper that runs `balmail run` as a subprocess."""

from __future__ import annotations

from mail.dovecot_fixtures import dovecot, mailbox  # noqa: F401  (re-exported fixtures)
