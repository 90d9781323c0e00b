"""The real Dovecot of tests/mail (one per session, alice's INBOX emptied per test)."""

from __future__ import annotations

from mail.conftest import dovecot, mailbox, oauth_session, oauth_world  # noqa: F401  (re-exported fixtures)
