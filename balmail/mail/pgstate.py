"""The state store on PostgreSQL (`--state postgresql://...`): the same records as the SQLite store
(`state.py`), shared by every node that runs the same package, plus the node and lease rows the
lease coordinator (`leases.py`) uses to give each listener one owner at a time.

psycopg 3 with its connection pool: each call borrows a connection (checked before use, so a
restarted server costs one failed call, not a dead pool), runs one statement or one transaction in
autocommit mode, and gives it back. Commits are durable when they return (`synchronous_commit` is
the server's default, on). Expiry times are computed with the database's clock (`now()`), so the
nodes' clocks need not agree. The schema is versioned (`MIGRATIONS`), migrated at open under an
advisory lock, and a newer schema than this code knows is refused.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from balmail.mail.errors import MailError
from balmail.mail.state import entry_of, retry_choice
from balmail.mail.store import (
    Entry,
    LeaseRow,
    Mailbox,
    MessageKey,
    MessageStatus,
    UnknownKeys,
    redact_uri,
)

MIGRATION_LOCK = 7_361_004_211
"""pg_advisory_xact_lock key: nodes starting together migrate one after another."""
POOL_SIZE = 16
CONNECT_SECONDS = 5
STATEMENT_MS = 15_000

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: the records the SQLite store keeps
        """
        CREATE TABLE balmail_messages (
            id BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
            server TEXT NOT NULL,
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            uidvalidity BIGINT NOT NULL,
            message_id TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            handled BOOLEAN NOT NULL DEFAULT FALSE,
            given_up BOOLEAN NOT NULL DEFAULT FALSE,
            retry_requested BOOLEAN NOT NULL DEFAULT FALSE,
            raw BYTEA,
            last_error TEXT,
            first_seen_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (server, account, folder, uidvalidity, message_id)
        )
        """,
        """
        CREATE TABLE balmail_cycles (
            server TEXT NOT NULL,
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            listener TEXT NOT NULL,
            last_cycle_at DOUBLE PRECISION,
            last_ok_at DOUBLE PRECISION,
            last_error TEXT,
            cycles_ok BIGINT NOT NULL DEFAULT 0,
            cycles_failed BIGINT NOT NULL DEFAULT 0,
            handled BIGINT NOT NULL DEFAULT 0,
            retried BIGINT NOT NULL DEFAULT 0,
            given_up BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (server, account, folder)
        )
        """,
    ),
    (  # 2: nodes and the leases they hold (docs/scale-out.md)
        """
        CREATE TABLE balmail_nodes (
            node TEXT PRIMARY KEY,
            package TEXT NOT NULL,
            started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            expires_at TIMESTAMPTZ NOT NULL
        )
        """,
        """
        CREATE TABLE balmail_leases (
            listener_key TEXT PRIMARY KEY,
            package TEXT NOT NULL,
            owner TEXT NOT NULL,
            acquired_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            expires_at TIMESTAMPTZ NOT NULL
        )
        """,
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_KEY = "server = %s AND account = %s AND folder = %s AND uidvalidity = %s AND message_id = %s"


class PostgresStore:
    """The `Store` interface (`store.py`) on a PostgreSQL database; thread-safe."""

    def __init__(self, uri: str, *, pool_size: int = POOL_SIZE) -> None:
        self.uri = uri
        self.name = redact_uri(uri)
        self._held_by: str | None = None
        self._closed = threading.Event()
        self._pool = ConnectionPool(
            uri,
            min_size=1,
            max_size=pool_size,
            kwargs={
                "autocommit": True,
                "connect_timeout": CONNECT_SECONDS,
                "options": f"-c statement_timeout={STATEMENT_MS}",
                # A cut network must fail calls within seconds, not after TCP's minutes.
                "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 2,
                "tcp_user_timeout": CONNECT_SECONDS * 1000,
            },  # fmt: skip
            check=ConnectionPool.check_connection,
            timeout=CONNECT_SECONDS * 2,
            open=False,
            name="balmail-state",
        )
        try:
            # One plain connection first: a refused or misconfigured server fails now, with the
            # server's own reason, instead of after the pool's retries time out.
            psycopg.connect(uri, connect_timeout=CONNECT_SECONDS).close()
            self._pool.open(wait=True, timeout=CONNECT_SECONDS * 2)
        except (psycopg.Error, PoolTimeout) as error:
            self._pool.close()
            raise MailError(f"Cannot open the state store at {self.name}: {_reason(error)}") from None
        try:
            self._migrate()
        except BaseException:
            self._pool.close()
            raise

    def _migrate(self) -> None:
        def migrate(conn: psycopg.Connection[Any]) -> None:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                conn.execute("CREATE TABLE IF NOT EXISTS balmail_schema (version INTEGER NOT NULL)")
                row = conn.execute("SELECT max(version) FROM balmail_schema").fetchone()
                version = 0 if row is None or row[0] is None else int(row[0])
                if version > SCHEMA_VERSION:
                    raise MailError(
                        f"The state store at {self.name} has schema version {version}, newer than the "
                        f"{SCHEMA_VERSION} this balmail knows: it was migrated by a newer balmail; upgrade "
                        "balmail on this node (all nodes must run the same version)"
                    )
                for number in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in MIGRATIONS[number - 1]:
                        conn.execute(statement)  # type: ignore[arg-type]
                    conn.execute("INSERT INTO balmail_schema (version) VALUES (%s)", (number,))

        self._call(migrate, opening=True)

    def schema_version(self) -> int:
        row = self._one("SELECT max(version) FROM balmail_schema", ())
        return int(row[0]) if row and row[0] is not None else 0

    def describe(self) -> str:
        return self.name

    def close(self) -> None:
        if not self._closed.is_set():
            self._closed.set()
            self._pool.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what pollers use ------------------------------------------------------------------------

    def hold_for_run(self) -> None:
        """A run on PostgreSQL is a node (its row in `balmail_nodes`, written by the coordinator);
        nothing more to hold."""

    def record_attempt(self, key: MessageKey, error: str | None = None) -> int:
        now = time.time()
        row = self._one(
            """
            INSERT INTO balmail_messages
                (server, account, folder, uidvalidity, message_id, attempts, last_error,
                 first_seen_at, updated_at)
            VALUES (%s, %s, %s, %s, %s, 1, %s, %s, %s)
            ON CONFLICT (server, account, folder, uidvalidity, message_id) DO UPDATE SET
                attempts = balmail_messages.attempts + 1, last_error = excluded.last_error,
                updated_at = excluded.updated_at
            RETURNING attempts
            """,
            (*key.as_row(), error, now, now),
        )
        return int(row[0]) if row else 0

    def mark_handled(self, key: MessageKey) -> None:
        now = time.time()
        self._exec(
            """
            INSERT INTO balmail_messages
                (server, account, folder, uidvalidity, message_id, handled, first_seen_at, updated_at)
            VALUES (%s, %s, %s, %s, %s, TRUE, %s, %s)
            ON CONFLICT (server, account, folder, uidvalidity, message_id) DO UPDATE SET
                handled = TRUE, given_up = FALSE, retry_requested = FALSE, raw = NULL, last_error = NULL,
                updated_at = excluded.updated_at
            """,
            (*key.as_row(), now, now),
        )

    def note_error(self, key: MessageKey, error: str) -> None:
        self._exec(
            f"UPDATE balmail_messages SET last_error = %s, updated_at = %s WHERE {_KEY}",
            (error, time.time(), *key.as_row()),
        )

    def mark_given_up(self, key: MessageKey, reason: str, raw: bytes | None) -> None:
        now = time.time()
        self._exec(
            """
            INSERT INTO balmail_messages
                (server, account, folder, uidvalidity, message_id, handled, given_up, last_error, raw,
                 first_seen_at, updated_at)
            VALUES (%s, %s, %s, %s, %s, TRUE, TRUE, %s, %s, %s, %s)
            ON CONFLICT (server, account, folder, uidvalidity, message_id) DO UPDATE SET
                handled = TRUE, given_up = TRUE, retry_requested = FALSE, last_error = excluded.last_error,
                raw = COALESCE(excluded.raw, balmail_messages.raw), updated_at = excluded.updated_at
            """,
            (*key.as_row(), reason, raw, now, now),
        )

    def pending_retries(self, server: str, account: str, folder: str) -> list[tuple[MessageKey, bytes]]:
        rows = self._all(
            "SELECT uidvalidity, message_id, raw FROM balmail_messages WHERE server = %s AND account = %s "
            "AND folder = %s AND retry_requested AND NOT handled AND raw IS NOT NULL ORDER BY first_seen_at",
            (server, account, folder),
        )
        return [(MessageKey(server, account, folder, int(u), str(m)), bytes(raw)) for u, m, raw in rows]

    def record_cycle(
        self, listener: str, server: str, account: str, folder: str, ok: bool, error: str | None,
        handled: int, retried: int, given_up: int,
    ) -> None:
        now = time.time()
        self._exec(
            """
            INSERT INTO balmail_cycles
                (server, account, folder, listener, last_cycle_at, last_ok_at, last_error,
                 cycles_ok, cycles_failed, handled, retried, given_up)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (server, account, folder) DO UPDATE SET
                listener = excluded.listener, last_cycle_at = excluded.last_cycle_at,
                last_ok_at = COALESCE(excluded.last_ok_at, balmail_cycles.last_ok_at),
                last_error = excluded.last_error,
                cycles_ok = balmail_cycles.cycles_ok + excluded.cycles_ok,
                cycles_failed = balmail_cycles.cycles_failed + excluded.cycles_failed,
                handled = balmail_cycles.handled + excluded.handled,
                retried = balmail_cycles.retried + excluded.retried,
                given_up = balmail_cycles.given_up + excluded.given_up
            """,
            (
                server, account, folder, listener, now, now if ok else None, error,
                1 if ok else 0, 0 if ok else 1, handled, retried, given_up,
            ),
        )  # fmt: skip

    def status(self, key: MessageKey) -> MessageStatus:
        sql = f"SELECT handled, attempts, last_error FROM balmail_messages WHERE {_KEY}"
        row = self._one(sql, key.as_row())
        if row is None:
            return MessageStatus(handled=False, attempts=0, last_error=None)
        return MessageStatus(bool(row[0]), int(row[1]), row[2])

    def statuses(
        self, server: str, account: str, folder: str, uidvalidity: int, message_ids: list[str]
    ) -> dict[str, MessageStatus]:
        if not message_ids:
            return {}
        rows = self._all(
            "SELECT message_id, handled, attempts, last_error, given_up FROM balmail_messages WHERE "
            "server = %s AND account = %s AND folder = %s AND uidvalidity = %s AND message_id = ANY(%s)",
            (server, account, folder, uidvalidity, list(message_ids)),
        )
        return {str(m): MessageStatus(bool(h), int(a), e, bool(g)) for m, h, a, e, g in rows}

    def is_handled(self, key: MessageKey) -> bool:
        return self.status(key).handled

    def attempts(self, key: MessageKey) -> int:
        return self.status(key).attempts

    def last_error(self, key: MessageKey) -> str | None:
        return self.status(key).last_error

    def forget_other_uidvalidities(self, server: str, account: str, folder: str, uidvalidity: int) -> int:
        return self._count(
            "DELETE FROM balmail_messages WHERE server = %s AND account = %s AND folder = %s "
            "AND uidvalidity <> %s",
            (server, account, folder, uidvalidity),
        )

    def forget_missing(
        self, server: str, account: str, folder: str, uidvalidity: int, present: set[str]
    ) -> int:
        return self._count(
            "DELETE FROM balmail_messages WHERE server = %s AND account = %s AND folder = %s "
            "AND uidvalidity = %s AND handled AND NOT given_up AND NOT (message_id = ANY(%s))",
            (server, account, folder, uidvalidity, sorted(present)),
        )

    # -- balmail status / retry / forget -----------------------------------------------------------

    def in_use(self) -> bool:
        row = self._one("SELECT count(*) FROM balmail_nodes WHERE expires_at > now()", ())
        return bool(row and row[0])

    def mailboxes(self) -> list[Mailbox]:
        rows = self._all(
            "SELECT listener, server, account, folder, last_cycle_at, last_ok_at, last_error, cycles_ok, "
            "cycles_failed, handled, retried, given_up FROM balmail_cycles "
            "ORDER BY listener, account, folder",
            (),
        )
        return [Mailbox(*row) for row in rows]

    def entries(self) -> list[Entry]:
        rows = self._all(
            "SELECT m.id, COALESCE(c.listener, ''), m.account, m.folder, m.message_id, m.attempts, "
            "m.last_error, m.updated_at, m.raw IS NOT NULL, m.given_up FROM balmail_messages m "
            "LEFT JOIN balmail_cycles c "
            "ON c.server = m.server AND c.account = m.account AND c.folder = m.folder "
            "WHERE NOT m.handled OR m.given_up ORDER BY m.id",
            (),
        )
        return [entry_of(row) for row in rows]

    def leases(self) -> list[LeaseRow]:
        rows = self._all(
            "SELECT listener_key, owner, EXTRACT(EPOCH FROM expires_at - now()) FROM balmail_leases "
            "ORDER BY listener_key",
            (),
        )
        return [LeaseRow(str(k), str(o), float(e)) for k, o, e in rows]

    def retry(self, keys: list[int], all_given_up: bool) -> int:
        def change(conn: psycopg.Connection[Any]) -> int:
            select = "SELECT id, raw IS NOT NULL FROM balmail_messages WHERE given_up"
            if all_given_up:
                rows = conn.execute(select + " FOR UPDATE").fetchall()
            else:
                rows = conn.execute(select + " AND id = ANY(%s) FOR UPDATE", (keys,)).fetchall()
            chosen = retry_choice(keys, all_given_up, [(int(r[0]), bool(r[1])) for r in rows])
            conn.execute(
                "UPDATE balmail_messages SET handled = FALSE, given_up = FALSE, attempts = 0, "
                "retry_requested = TRUE, last_error = 'retry requested' WHERE id = ANY(%s)",
                (chosen,),
            )
            return len(chosen)

        return self.transaction(change)

    def forget(self, keys: list[int], before: float | None) -> int:
        def change(conn: psycopg.Connection[Any]) -> int:
            if before is not None:
                return conn.execute("DELETE FROM balmail_messages WHERE updated_at < %s", (before,)).rowcount
            rows = conn.execute("SELECT id FROM balmail_messages WHERE id = ANY(%s)", (keys,))
            found = {int(r[0]) for r in rows}
            missing = sorted(set(keys) - found)
            if missing:
                raise UnknownKeys(f"no entry with key {', '.join(map(str, missing))} (see balmail status)")
            return conn.execute("DELETE FROM balmail_messages WHERE id = ANY(%s)", (keys,)).rowcount

        return self.transaction(change)

    # -- plumbing ----------------------------------------------------------------------------------

    def transaction(
        self, change: Callable[[psycopg.Connection[Any]], Any], timeout: float | None = None
    ) -> Any:
        """Run `change` in one transaction on one pooled connection (the lease coordinator's too,
        with a short `timeout` for getting a connection)."""

        def run(conn: psycopg.Connection[Any]) -> Any:
            with conn.transaction():
                return change(conn)

        return self._call(run, timeout=timeout)

    def _call(
        self,
        work: Callable[[psycopg.Connection[Any]], Any],
        *,
        opening: bool = False,
        timeout: float | None = None,
    ) -> Any:
        if self._closed.is_set():
            raise MailError(f"State store at {self.name} is closed")
        try:
            with self._pool.connection(timeout=timeout) as conn:
                return work(conn)
        except (psycopg.Error, PoolTimeout) as error:
            what = "Cannot use the state store at" if opening else "State store at"
            raise MailError(f"{what} {self.name} failed: {_reason(error)}") from None

    def _exec(self, sql: str, params: Sequence[object]) -> None:
        self._call(lambda conn: conn.execute(sql, params))  # type: ignore[arg-type]

    def _count(self, sql: str, params: Sequence[object]) -> int:
        return int(self._call(lambda conn: conn.execute(sql, params).rowcount))  # type: ignore[arg-type]

    def _one(self, sql: str, params: Sequence[object]) -> Any:
        return self._call(lambda conn: conn.execute(sql, params).fetchone())  # type: ignore[arg-type]

    def _all(self, sql: str, params: Sequence[object]) -> list[Any]:
        rows = self._call(lambda conn: conn.execute(sql, params).fetchall())  # type: ignore[arg-type]
        return list(rows)


def _reason(error: BaseException) -> str:
    """psycopg's message on one line (it may span several: the server's detail and hint)."""
    text = " ".join(str(error).split())
    return text or type(error).__name__
