"""What was handled: an embedded SQLite store so a restart neither loses nor repeats work.

A message is identified by (server, account, folder, UIDVALIDITY, UID-or-UIDL); POP3 uses folder
"INBOX" and UIDVALIDITY 0. Each handler attempt is counted, so a poller can retry a failing
message a bounded number of times. Every write is its own committed transaction in WAL mode with
`synchronous=NORMAL`: after `mark_handled` returns, the record survives the process crashing or
being killed (it is in the WAL file, which the OS writes out whatever happens to the process); an
OS crash or power cut can drop the most recent records, which only ever makes handled messages be
delivered again, never lost (docs/delivery.md). Full fsync per write cost half the throughput.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from balmail.mail.errors import MailError
from balmail.mail.store import (
    POP3_FOLDER,
    POP3_UIDVALIDITY,
    Entry,
    LeaseRow,
    Mailbox,
    MessageKey,
    MessageStatus,
    UnknownKeys,
)

__all__ = ["POP3_FOLDER", "POP3_UIDVALIDITY", "MessageKey", "MessageStatus", "StateStore"]
SCHEMA_VERSION = 1
"""`PRAGMA user_version` of a store this code made; a newer one is refused (docs/scale-out.md)."""
_IDS_PER_QUERY = 500
"""Below SQLite's smallest limit on bound parameters (999 before 3.32)."""
SYNCHRONOUS = "NORMAL"
"""In WAL mode: commits are written to the WAL but fsynced only at checkpoints (see above)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS handled_messages (
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    folder TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    message_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    handled INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    first_seen_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (server, account, folder, uidvalidity, message_id)
)
"""

_COLUMNS = (
    ("given_up", "INTEGER NOT NULL DEFAULT 0"),
    ("retry_requested", "INTEGER NOT NULL DEFAULT 0"),
    ("raw", "BLOB"),
)
"""Added to `handled_messages` after its first release (stores made before get them on open): a
given-up message keeps its reason and a copy, so `balmail retry` can deliver it again from here
(it was already acknowledged on the server)."""

_CYCLES = """
CREATE TABLE IF NOT EXISTS listener_cycles (
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    folder TEXT NOT NULL,
    listener TEXT NOT NULL,
    last_cycle_at REAL,
    last_ok_at REAL,
    last_error TEXT,
    cycles_ok INTEGER NOT NULL DEFAULT 0,
    cycles_failed INTEGER NOT NULL DEFAULT 0,
    handled INTEGER NOT NULL DEFAULT 0,
    retried INTEGER NOT NULL DEFAULT 0,
    given_up INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (server, account, folder)
)
"""
RUN_LOCK_SUFFIX = ".run-lock"


class StateStore:
    """Thread-safe handle on the store file (pollers may run on several threads)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._run_lock: int | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                str(self.path), timeout=10.0, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as error:
            raise MailError(f"Cannot open the state store at {self.path}: {error}") from None
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                self._db.close()
                raise MailError(
                    f"The state store at {self.path} has schema version {version}, newer than the "
                    f"{SCHEMA_VERSION} this balmail knows: it was written by a newer balmail; upgrade "
                    "balmail (or use another state folder)"
                )
            if version < SCHEMA_VERSION:
                self._migrate()
        except sqlite3.Error as error:
            self._db.close()
            raise MailError(f"Cannot use the state store at {self.path}: {error}") from None

    def _migrate(self) -> None:
        """Version 1: the tables, plus the columns added after the first release (stores made
        before `user_version` was kept have version 0 and may lack them). One transaction."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(_SCHEMA)
            db.execute(_CYCLES)
            have = {row[1] for row in db.execute("PRAGMA table_info(handled_messages)")}
            for name, declaration in _COLUMNS:
                if name not in have:
                    db.execute(f"ALTER TABLE handled_messages ADD COLUMN {name} {declaration}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def describe(self) -> str:
        return str(self.path)

    def __enter__(self) -> StateStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._db.close()
            if self._run_lock is not None:
                os.close(self._run_lock)  # closing the descriptor releases the lock
                self._run_lock = None

    # -- who uses the store --------------------------------------------------------------------

    def hold_for_run(self) -> None:
        """Mark the store as used by a run until `close` (or the process's death: the OS drops
        the lock). Several runs may hold it at once; `balmail retry`/`forget` check for them."""
        if self._run_lock is None:
            fd = os.open(str(self.path) + RUN_LOCK_SUFFIX, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(fd, fcntl.LOCK_SH)
            self._run_lock = fd

    def in_use(self) -> bool:
        return StateStore.run_active(self.path)

    @staticmethod
    def run_active(path: str | Path) -> bool:
        """True while a `balmail run` holds the store at `path`."""
        lock_path = str(path) + RUN_LOCK_SUFFIX
        try:
            fd = os.open(lock_path, os.O_RDWR)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False

    def record_attempt(self, key: MessageKey, error: str | None = None) -> int:
        """Count one handler attempt (before or after running it) and return the new total."""
        now = time.time()
        row = self._write(
            """
            INSERT INTO handled_messages
                (server, account, folder, uidvalidity, message_id, attempts, last_error,
                 first_seen_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)
            ON CONFLICT (server, account, folder, uidvalidity, message_id) DO UPDATE SET
                attempts = attempts + 1, last_error = excluded.last_error, updated_at = excluded.updated_at
            RETURNING attempts
            """,
            (*key.as_row(), error, now, now),
        )
        return int(row[0]) if row else 0

    def mark_handled(self, key: MessageKey) -> None:
        """Remember that the handler succeeded, so the message is never delivered again."""
        now = time.time()
        self._write(
            """
            INSERT INTO handled_messages
                (server, account, folder, uidvalidity, message_id, handled, first_seen_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 1, ?, ?)
            ON CONFLICT (server, account, folder, uidvalidity, message_id) DO UPDATE SET
                handled = 1, given_up = 0, retry_requested = 0, raw = NULL, last_error = NULL,
                updated_at = excluded.updated_at
            """,
            (*key.as_row(), now, now),
        )

    def note_error(self, key: MessageKey, error: str) -> None:
        """Why the latest attempt failed (it replaces the 'did not finish' mark written before it)."""
        self._write(
            "UPDATE handled_messages SET last_error = ?, updated_at = ? WHERE server = ? AND account = ? "
            "AND folder = ? AND uidvalidity = ? AND message_id = ?",
            (error, time.time(), *key.as_row()),
        )

    def mark_given_up(self, key: MessageKey, reason: str, raw: bytes | None) -> None:
        """Like `mark_handled` (it is acknowledged and never delivered by itself again), but the
        reason and a copy stay, for `balmail status` and `balmail retry`."""
        now = time.time()
        self._write(
            """
            INSERT INTO handled_messages
                (server, account, folder, uidvalidity, message_id, handled, given_up, last_error, raw,
                 first_seen_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?)
            ON CONFLICT (server, account, folder, uidvalidity, message_id) DO UPDATE SET
                handled = 1, given_up = 1, retry_requested = 0, last_error = excluded.last_error,
                raw = COALESCE(excluded.raw, raw), updated_at = excluded.updated_at
            """,
            (*key.as_row(), reason, raw, now, now),
        )

    def pending_retries(self, server: str, account: str, folder: str) -> list[tuple[MessageKey, bytes]]:
        """Given-up messages `balmail retry` made eligible again, with their copies, oldest first."""
        rows = self._read_all(
            "SELECT uidvalidity, message_id, raw FROM handled_messages WHERE server = ? AND account = ? "
            "AND folder = ? AND retry_requested = 1 AND handled = 0 AND raw IS NOT NULL "
            "ORDER BY first_seen_at",
            (server, account, folder),
        )
        out: list[tuple[MessageKey, bytes]] = []
        for uidvalidity, message_id, raw in rows:
            key = MessageKey(server, account, folder, int(uidvalidity), str(message_id))  # type: ignore[call-overload]
            out.append((key, bytes(raw)))  # type: ignore[call-overload]
        return out

    def record_cycle(
        self, listener: str, server: str, account: str, folder: str, ok: bool, error: str | None,
        handled: int, retried: int, given_up: int,
    ) -> None:
        """One polling cycle's outcome and counts, per mailbox, for `balmail status`."""
        now = time.time()
        self._write(
            """
            INSERT INTO listener_cycles
                (server, account, folder, listener, last_cycle_at, last_ok_at, last_error,
                 cycles_ok, cycles_failed, handled, retried, given_up)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (server, account, folder) DO UPDATE SET
                listener = excluded.listener, last_cycle_at = excluded.last_cycle_at,
                last_ok_at = COALESCE(excluded.last_ok_at, last_ok_at), last_error = excluded.last_error,
                cycles_ok = cycles_ok + excluded.cycles_ok,
                cycles_failed = cycles_failed + excluded.cycles_failed,
                handled = handled + excluded.handled, retried = retried + excluded.retried,
                given_up = given_up + excluded.given_up
            """,
            (
                server, account, folder, listener, now, now if ok else None, error,
                1 if ok else 0, 0 if ok else 1, handled, retried, given_up,
            ),
        )

    def status(self, key: MessageKey) -> MessageStatus:
        """Handled flag, attempts and last error in one read (the poller asks for each message)."""
        row = self._read(
            "SELECT handled, attempts, last_error FROM handled_messages WHERE server = ? AND account = ? "
            "AND folder = ? AND uidvalidity = ? AND message_id = ?",
            key.as_row(),
        )
        if row is None:
            return MessageStatus(handled=False, attempts=0, last_error=None)
        handled, attempts, last_error = row
        return MessageStatus(bool(handled), int(attempts), None if last_error is None else str(last_error))

    def statuses(
        self, server: str, account: str, folder: str, uidvalidity: int, message_ids: list[str]
    ) -> dict[str, MessageStatus]:
        """`status` of many messages of one folder in a few queries (the poller asks about every
        message it lists); messages the store does not know are left out."""
        found: dict[str, MessageStatus] = {}
        for start in range(0, len(message_ids), _IDS_PER_QUERY):
            chunk = message_ids[start : start + _IDS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            rows = self._read_all(
                "SELECT message_id, handled, attempts, last_error, given_up FROM handled_messages WHERE "
                f"server = ? AND account = ? AND folder = ? AND uidvalidity = ? AND message_id IN ({marks})",
                (server, account, folder, uidvalidity, *chunk),
            )
            for message_id, handled, attempts, last_error, given_up in rows:
                found[str(message_id)] = MessageStatus(
                    bool(handled),
                    int(attempts),
                    None if last_error is None else str(last_error),
                    bool(given_up),
                )
        return found

    def is_handled(self, key: MessageKey) -> bool:
        row = self._read(
            "SELECT handled FROM handled_messages WHERE server = ? AND account = ? AND folder = ? "
            "AND uidvalidity = ? AND message_id = ?",
            key.as_row(),
        )
        return bool(row and row[0])

    def attempts(self, key: MessageKey) -> int:
        row = self._read(
            "SELECT attempts FROM handled_messages WHERE server = ? AND account = ? AND folder = ? "
            "AND uidvalidity = ? AND message_id = ?",
            key.as_row(),
        )
        return int(row[0]) if row else 0

    def last_error(self, key: MessageKey) -> str | None:
        row = self._read(
            "SELECT last_error FROM handled_messages WHERE server = ? AND account = ? AND folder = ? "
            "AND uidvalidity = ? AND message_id = ?",
            key.as_row(),
        )
        return row[0] if row else None

    def forget_other_uidvalidities(self, server: str, account: str, folder: str, uidvalidity: int) -> int:
        """Drop records of a folder's earlier UIDVALIDITY epochs (their UIDs mean nothing now);
        returns how many rows went."""
        cursor = self._execute(
            "DELETE FROM handled_messages "
            "WHERE server = ? AND account = ? AND folder = ? AND uidvalidity != ?",
            (server, account, folder, uidvalidity),
        )
        return cursor.rowcount

    def forget_missing(
        self, server: str, account: str, folder: str, uidvalidity: int, present: set[str]
    ) -> int:
        """Drop handled records for messages no longer on the server (a POP3 maildrop after
        deletion), so the store does not grow forever; given-up ones stay until `balmail forget`.
        Returns how many rows went."""
        with self._lock:
            try:
                rows = self._db.execute(
                    "SELECT message_id FROM handled_messages WHERE server = ? AND account = ? "
                    "AND folder = ? AND uidvalidity = ? AND handled = 1 AND given_up = 0",
                    (server, account, folder, uidvalidity),
                ).fetchall()
                gone = [
                    (server, account, folder, uidvalidity, row[0]) for row in rows if row[0] not in present
                ]
                if gone:
                    self._db.execute("BEGIN IMMEDIATE")
                    self._db.executemany(
                        "DELETE FROM handled_messages WHERE server = ? AND account = ? AND folder = ? "
                        "AND uidvalidity = ? AND message_id = ?",
                        gone,
                    )
                    self._db.execute("COMMIT")
                return len(gone)
            except sqlite3.Error as error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise MailError(f"State store at {self.path} failed: {error}") from None

    # -- balmail status / retry / forget ---------------------------------------------------------

    def mailboxes(self) -> list[Mailbox]:
        rows = self._read_all(
            "SELECT listener, server, account, folder, last_cycle_at, last_ok_at, last_error, cycles_ok, "
            "cycles_failed, handled, retried, given_up FROM listener_cycles ORDER BY listener",
            (),
        )
        return [Mailbox(*row) for row in rows]  # type: ignore[arg-type]

    def entries(self) -> list[Entry]:
        rows = self._read_all(
            "SELECT m.rowid, COALESCE(c.listener, ''), m.account, m.folder, m.message_id, m.attempts, "
            "m.last_error, m.updated_at, m.raw IS NOT NULL, m.given_up FROM handled_messages m "
            "LEFT JOIN listener_cycles c "
            "ON c.server = m.server AND c.account = m.account AND c.folder = m.folder "
            "WHERE m.handled = 0 OR m.given_up = 1 ORDER BY m.rowid",
            (),
        )
        return [entry_of(row) for row in rows]

    def leases(self) -> list[LeaseRow]:
        return []  # one file, one run: nothing to share

    def retry(self, keys: list[int], all_given_up: bool) -> int:
        def change(db: sqlite3.Connection) -> int:
            select = "SELECT rowid, raw IS NOT NULL FROM handled_messages WHERE given_up = 1"
            if all_given_up:
                rows = db.execute(select).fetchall()
            else:
                marks = ", ".join("?" * len(keys))
                rows = db.execute(f"{select} AND rowid IN ({marks})", keys).fetchall()
            chosen = retry_choice(keys, all_given_up, [(int(r[0]), bool(r[1])) for r in rows])
            db.executemany(
                "UPDATE handled_messages SET handled = 0, given_up = 0, attempts = 0, retry_requested = 1, "
                "last_error = 'retry requested' WHERE rowid = ?",
                [(k,) for k in chosen],
            )
            return len(chosen)

        return self._transaction(change)

    def forget(self, keys: list[int], before: float | None) -> int:
        def change(db: sqlite3.Connection) -> int:
            if before is not None:
                gone = db.execute("DELETE FROM handled_messages WHERE updated_at < ?", (before,))
                return int(gone.rowcount)
            marks = ", ".join("?" * len(keys))
            query = f"SELECT rowid FROM handled_messages WHERE rowid IN ({marks})"
            found = {int(r[0]) for r in db.execute(query, keys)}
            missing = sorted(set(keys) - found)
            if missing:
                raise UnknownKeys(f"no entry with key {', '.join(map(str, missing))} (see balmail status)")
            return int(db.execute(f"DELETE FROM handled_messages WHERE rowid IN ({marks})", keys).rowcount)

        return self._transaction(change)

    def _transaction(self, change: Callable[[sqlite3.Connection], int]) -> int:
        """One `BEGIN IMMEDIATE` transaction: a run polling at the same time sees all of it or none."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                count = change(self._db)
                self._db.execute("COMMIT")
                return count
            except BaseException as error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise MailError(f"State store at {self.path} failed: {error}") from None
                raise

    # -- plumbing ------------------------------------------------------------------------------

    def _write(self, sql: str, params: tuple[object, ...]) -> tuple[object, ...] | None:
        with self._lock:
            try:
                # Autocommit mode: the statement is its own transaction, durable once it has run to
                # completion - hence fetchall(), since a RETURNING statement left half-read would
                # keep its transaction open.
                rows = self._db.execute(sql, params).fetchall()
                return rows[0] if rows else None
            except sqlite3.Error as error:
                raise MailError(f"State store at {self.path} failed: {error}") from None

    def _execute(self, sql: str, params: tuple[object, ...]) -> sqlite3.Cursor:
        with self._lock:
            try:
                return self._db.execute(sql, params)
            except sqlite3.Error as error:
                raise MailError(f"State store at {self.path} failed: {error}") from None

    def _read_all(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise MailError(f"State store at {self.path} failed: {error}") from None

    def _read(self, sql: str, params: tuple[object, ...]) -> tuple[object, ...] | None:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchone()
            except sqlite3.Error as error:
                raise MailError(f"State store at {self.path} failed: {error}") from None


def entry_of(row: tuple[object, ...] | list[object]) -> Entry:
    """An `Entry` from (key, listener, account, folder, message_id, attempts, reason, updated,
    has_copy, given_up)."""
    key, listener, account, folder, message_id, attempts, reason, updated, has_copy, given_up = row
    return Entry(
        int(key),  # type: ignore[call-overload]
        str(listener),
        str(account),
        str(folder),
        str(message_id),
        int(attempts),  # type: ignore[call-overload]
        None if reason is None else str(reason),
        float(updated),  # type: ignore[arg-type]
        bool(has_copy),
        bool(given_up),
    )


def retry_choice(keys: list[int], all_given_up: bool, found: list[tuple[int, bool]]) -> list[int]:
    """Which given-up messages (`found`: key, has a copy) `retry` makes eligible, or `UnknownKeys`:
    named keys must all exist and have a copy; `--all-given-up` skips those without one."""
    if not all_given_up:
        missing = sorted(set(keys) - {k for k, _ in found})
        if missing:
            listed = ", ".join(map(str, missing))
            raise UnknownKeys(f"no given-up message with key {listed} (see balmail status)")
        without_copy = [k for k, has_copy in found if not has_copy]
        if without_copy:
            raise UnknownKeys(
                f"key {', '.join(map(str, without_copy))}: no copy of the message was kept (the process "
                "stopped during its last attempt), so it cannot be delivered again"
            )
    return [k for k, has_copy in found if has_copy]
