"""The one exception type the mail layer raises, so callers have a single thing to catch.

Every failure below the runtime (network, TLS, authentication, protocol, parsing, state store)
becomes a `MailError` whose message names what failed and where; the runtime turns it into an
`email:Error` value for `onError` without having to know which library raised what.
"""

from __future__ import annotations


class MailError(Exception):
    """A mail operation failed; `message` is a sentence a user can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class MessageParseError(MailError):
    """A fetched message could not be turned into a `ReceivedMessage` (kept apart so a poller can
    skip one bad message instead of treating it as a broken connection)."""
