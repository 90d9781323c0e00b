"""What a polling cycle and each message in it ended with, and whom a poller tells: the per-message
errors it reports (`MessageFailure`, `MessageGivenUp`), `CycleResult`, how a delivery was settled
(`Settled`, which picks the after-handling action), and the callback/observer shapes the runtime
passes in. Plain values: no I/O here."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Protocol

import attrs

from balmail.mail.errors import MailError
from balmail.mail.message import ReceivedMessage
from balmail.mail.store import MessageKey


class MessageFailure(MailError):
    """One message could not be delivered on this attempt (it did not parse, or the handler
    failed). It stays unacknowledged and is tried again on a later cycle while retries remain."""

    def __init__(self, message: str, *, key: MessageKey, attempt: int, max_attempts: int, cause: Exception):
        super().__init__(message)
        self.key = key
        self.attempt = attempt
        self.max_attempts = max_attempts
        self.cause = cause


class MessageGivenUp(MailError):
    """A message failed on every allowed attempt and is acknowledged anyway so it cannot block
    the mailbox; `raw` (when it was fetched) lets the runtime keep a copy somewhere."""

    def __init__(self, message: str, *, key: MessageKey, attempts: int, last_error: str, raw: bytes | None):
        super().__init__(message)
        self.key = key
        self.attempts = attempts
        self.last_error = last_error
        self.raw = raw


OnMessage = Callable[[ReceivedMessage, bytes, MessageKey], None]
"""Handle one message; return to accept it, raise (any `Exception`) to report a failure."""
OnError = Callable[[MailError], None]
OnClose = Callable[[MailError | None], None]


class PollerObserver(Protocol):
    """Told what a poller does, for metrics, health and `--once` summaries; the poller ignores
    (logs) an observer that raises, so watching can never stop the polling."""

    def cycle_finished(self, result: CycleResult, seconds: float) -> None: ...

    def handler_finished(self, seconds: float, ok: bool) -> None: ...

    def connection_changed(self, connected: bool) -> None: ...

    def backing_off(self, failures: int, delay: float) -> None: ...


@attrs.define
class CycleResult:
    """What one polling cycle did; `error` is the failure that ended it early, if any."""

    fetched: int = 0
    """Messages fetched from the server and handed to the handler (or found unparsable)."""
    delivered: int = 0
    """Messages whose handler returned."""
    retried: int = 0
    """Failed attempts with retries left: the message stays and is tried again later."""
    failed: int = 0
    """Failed attempts (parse error or handler failure), including those then given up."""
    given_up: int = 0
    already_handled: int = 0
    """Messages an earlier attempt handled but did not get to acknowledge; acked without the handler."""
    acknowledged: int = 0
    """Messages the server confirmed as acknowledged in this cycle."""
    stopped_early: bool = False
    error: MailError | None = None
    backlog: int = 0
    """New messages `maxMessagesPerPoll` left for the next cycle."""


class Settled(enum.Enum):
    """How a message's delivery ended, i.e. which action acknowledges it."""

    HANDLED = "handled"
    """Its handler succeeded: `onSuccess`."""
    GIVEN_UP = "given up"
    """Every attempt failed: `onGiveUp`."""
    NOTHING = "nothing"
    """Handled earlier and acknowledged with an action that leaves it listed (`keep`): skip it."""


def explain_failure(error: BaseException) -> str:
    """A failure as one line: a MailError is already a sentence; anything else gets its type,
    since `str(KeyError('x'))` alone says nothing."""
    if isinstance(error, MailError):
        return error.message
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
