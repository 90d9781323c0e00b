"""The state-store interface: what a poller and `balmail status`/`retry`/`forget` need from the store
of handled messages, whatever keeps it. Two implementations: `state.StateStore` (SQLite, one file,
the default) and `pgstate.PostgresStore` (PostgreSQL, shared by several nodes, with leases).

`open_store(spec)` picks one from a `--state` value or `[balmail] state` setting: a
`postgresql://` (or `postgres://`) URI is PostgreSQL, anything else is the SQLite file's path.
Both keep their schema under a version number checked at open (docs/scale-out.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import attrs

POP3_FOLDER = "INBOX"
POP3_UIDVALIDITY = 0
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


@attrs.frozen
class MessageKey:
    """Identity of one message on one server; `message_id` is the IMAP UID or the POP3 UIDL."""

    server: str
    account: str
    folder: str
    uidvalidity: int
    message_id: str = attrs.field(converter=str)

    @classmethod
    def imap(cls, server: str, account: str, folder: str, uidvalidity: int, uid: int) -> MessageKey:
        return cls(server, account, folder, uidvalidity, str(uid))

    @classmethod
    def pop3(cls, server: str, account: str, uidl: str) -> MessageKey:
        return cls(server, account, POP3_FOLDER, POP3_UIDVALIDITY, uidl)

    def as_row(self) -> tuple[str, str, str, int, str]:
        return (self.server, self.account, self.folder, self.uidvalidity, self.message_id)


@attrs.frozen
class MessageStatus:
    """What the store knows about one message."""

    handled: bool
    attempts: int
    last_error: str | None
    given_up: bool = False
    """Handled by giving up (its `onGiveUp` action applies, not `onSuccess`)."""


@attrs.frozen
class Entry:
    """A message `balmail status` lists (retrying or given up); `key` is what `retry`/`forget` take."""

    key: int
    listener: str
    account: str
    folder: str
    message_id: str
    attempts: int
    reason: str | None
    updated_at: float
    has_copy: bool
    given_up: bool


@attrs.frozen
class Mailbox:
    """One mailbox's polling record (`listener_cycles`), for `balmail status`."""

    listener: str
    server: str
    account: str
    folder: str
    last_cycle_at: float | None
    last_ok_at: float | None
    last_error: str | None
    cycles_ok: int
    cycles_failed: int
    handled: int
    retried: int
    given_up: int


@attrs.frozen
class LeaseRow:
    """Who owns a listener right now (PostgreSQL only: SQLite has one node by construction)."""

    listener_key: str
    owner: str
    expires_in: float
    """Seconds until the lease expires by the database's clock (negative: expired)."""


class StoreInUse(Exception):
    """`retry`/`forget` found a run using the store (and were not forced)."""


class UnknownKeys(Exception):
    """`retry`/`forget` were given keys the store does not have (or that cannot be retried)."""


class Store(Protocol):
    """Everything balmail asks of a state store. Every write is durable when it returns; all methods
    raise `MailError` when the store fails, and are safe to call from several threads."""

    def describe(self) -> str:
        """Where the store is, for messages (never a password)."""
        ...

    def close(self) -> None: ...

    # -- what pollers use ------------------------------------------------------------------------

    def hold_for_run(self) -> None:
        """Mark the store as used by a run until `close` (`retry`/`forget` check it)."""
        ...

    def record_attempt(self, key: MessageKey, error: str | None = None) -> int: ...

    def mark_handled(self, key: MessageKey) -> None: ...

    def note_error(self, key: MessageKey, error: str) -> None: ...

    def mark_given_up(self, key: MessageKey, reason: str, raw: bytes | None) -> None: ...

    def pending_retries(self, server: str, account: str, folder: str) -> list[tuple[MessageKey, bytes]]: ...

    def record_cycle(
        self, listener: str, server: str, account: str, folder: str, ok: bool, error: str | None,
        handled: int, retried: int, given_up: int,
    ) -> None: ...

    def status(self, key: MessageKey) -> MessageStatus: ...

    def statuses(
        self, server: str, account: str, folder: str, uidvalidity: int, message_ids: list[str]
    ) -> dict[str, MessageStatus]: ...

    def is_handled(self, key: MessageKey) -> bool: ...

    def attempts(self, key: MessageKey) -> int: ...

    def last_error(self, key: MessageKey) -> str | None: ...

    def forget_other_uidvalidities(self, server: str, account: str, folder: str, uidvalidity: int) -> int: ...

    def forget_missing(
        self, server: str, account: str, folder: str, uidvalidity: int, present: set[str]
    ) -> int: ...

    # -- what `balmail status`/`retry`/`forget` use ----------------------------------------------

    def in_use(self) -> bool:
        """True while a `balmail run` (any node) uses the store."""
        ...

    def mailboxes(self) -> list[Mailbox]: ...

    def entries(self) -> list[Entry]:
        """Messages being retried or given up, oldest first."""
        ...

    def leases(self) -> list[LeaseRow]: ...

    def retry(self, keys: list[int], all_given_up: bool) -> int:
        """Make given-up messages eligible again in one transaction (raises `UnknownKeys`)."""
        ...

    def forget(self, keys: list[int], before: float | None) -> int:
        """Remove entries by key, or all last changed before `before`, in one transaction."""
        ...


def listener_key(server: str, account: str, folder: str) -> str:
    """The lease name of one mailbox (account + folder on a server): what a node owns."""
    return f"{server} {account} {folder}"


def is_postgres(spec: str | Path) -> bool:
    return isinstance(spec, str) and spec.startswith(POSTGRES_SCHEMES)


def redact_uri(uri: str) -> str:
    """A PostgreSQL URI without its password, for messages and `balmail status`."""
    scheme, sep, rest = uri.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in userinfo:
        return uri
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{host}"


def open_store(spec: str | Path) -> Store:
    """The store a `--state`/`[balmail] state` value names (raises `MailError` when it cannot be used)."""
    if is_postgres(spec):
        from balmail.mail.pgstate import PostgresStore

        return PostgresStore(str(spec))
    from balmail.mail.state import StateStore

    return StateStore(spec)
