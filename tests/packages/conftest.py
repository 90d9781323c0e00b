"""Fixtures for the package tests: the real Dovecot of tests/mail (alice's INBOX emptied per test)."""

from __future__ import annotations

from mail.dovecot_fixtures import dovecot, mailbox  # noqa: F401  (re-exported fixtures)
