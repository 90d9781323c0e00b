"""The handled-messages store: counting attempts, remembering success, surviving restarts and
crashes, and keeping keys apart per server, account, folder and UIDVALIDITY. One suite for both
stores: every test that uses `spec`/`store` runs on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from balmail.mail.errors import MailError
from balmail.mail.pgstate import MIGRATIONS, PostgresStore
from balmail.mail.state import MessageKey, MessageStatus, StateStore
from balmail.mail.store import Store, UnknownKeys, is_postgres, open_store

from .dovecot_harness import free_port
from .postgres_harness import PostgresServer

KEY = MessageKey.imap("imap.example.test:993", "orders@example.test", "INBOX", 1700000000, 42)


@pytest.fixture(params=["sqlite", "postgresql"])
def spec(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a store lives: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "state" / "handled.sqlite3"
    return request.getfixturevalue("pg_uri")  # type: ignore[no-any-return]


@pytest.fixture
def store(spec: str | Path) -> Iterator[Store]:
    opened = open_store(spec)
    try:
        yield opened
    finally:
        opened.close()


def test_unknown_message_is_neither_handled_nor_attempted(store: Store) -> None:
    assert store.is_handled(KEY) is False
    assert store.attempts(KEY) == 0
    assert store.last_error(KEY) is None


def test_attempts_are_counted_and_errors_kept(store: Store) -> None:
    assert store.record_attempt(KEY) == 1
    assert store.record_attempt(KEY, error="handler panicked") == 2
    assert store.attempts(KEY) == 2
    assert store.last_error(KEY) == "handler panicked"
    assert store.is_handled(KEY) is False


def test_mark_handled(store: Store) -> None:
    store.record_attempt(KEY, error="first try failed")
    store.mark_handled(KEY)
    assert store.is_handled(KEY) is True
    assert store.attempts(KEY) == 1
    assert store.last_error(KEY) is None


def test_mark_handled_without_a_recorded_attempt(store: Store) -> None:
    store.mark_handled(KEY)
    assert store.is_handled(KEY) and store.attempts(KEY) == 0


@pytest.mark.parametrize(
    "other",
    [
        MessageKey.imap("other.example.test:993", "orders@example.test", "INBOX", 1700000000, 42),
        MessageKey.imap("imap.example.test:993", "sales@example.test", "INBOX", 1700000000, 42),
        MessageKey.imap("imap.example.test:993", "orders@example.test", "Archive", 1700000000, 42),
        MessageKey.imap("imap.example.test:993", "orders@example.test", "INBOX", 1700000001, 42),
        MessageKey.imap("imap.example.test:993", "orders@example.test", "INBOX", 1700000000, 43),
    ],
)
def test_every_key_component_matters(store: Store, other: MessageKey) -> None:
    store.mark_handled(KEY)
    assert store.is_handled(other) is False


def test_pop3_keys_use_the_uidl(store: Store) -> None:
    key = MessageKey.pop3("pop.example.test:995", "orders", "000000016b06da2f")
    assert (key.folder, key.uidvalidity, key.message_id) == ("INBOX", 0, "000000016b06da2f")
    store.mark_handled(key)
    assert store.is_handled(MessageKey.pop3("pop.example.test:995", "orders", "000000016b06da2f"))
    assert not store.is_handled(MessageKey.pop3("pop.example.test:995", "orders", "000000026b06da2f"))


def test_state_survives_reopening(spec: str | Path) -> None:
    first = open_store(spec)
    first.record_attempt(KEY)
    first.mark_handled(KEY)
    first.close()
    second = open_store(spec)
    try:
        assert second.is_handled(KEY) and second.attempts(KEY) == 1
    finally:
        second.close()


def test_each_write_is_durable_before_a_crash(spec: str | Path) -> None:
    """A process that dies right after mark_handled (no close, no atexit) must not lose it."""
    script = textwrap.dedent(
        f"""
        import os
        from balmail.mail.state import MessageKey
        from balmail.mail.store import open_store
        store = open_store({str(spec)!r})
        key = MessageKey.imap("s", "a", "INBOX", 7, 1)
        store.record_attempt(key)
        store.record_attempt(key)
        store.mark_handled(key)
        store.record_attempt(MessageKey.imap("s", "a", "INBOX", 7, 2), error="boom")
        os._exit(1)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 1, result.stderr.decode()
    reopened = open_store(spec)
    try:
        assert reopened.is_handled(MessageKey.imap("s", "a", "INBOX", 7, 1))
        assert reopened.attempts(MessageKey.imap("s", "a", "INBOX", 7, 1)) == 2
        assert reopened.last_error(MessageKey.imap("s", "a", "INBOX", 7, 2)) == "boom"
    finally:
        reopened.close()


def test_each_write_survives_kill_9(spec: str | Path) -> None:
    """synchronous=NORMAL leaves commits in the WAL without fsync: that must survive SIGKILL of
    a process that is still running (only an OS crash could drop them); PostgreSQL commits are
    on the server once they return."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from balmail.mail.state import MessageKey
        from balmail.mail.store import open_store
        store = open_store({str(spec)!r})
        for uid in range(1, 201):
            key = MessageKey.imap("s", "a", "INBOX", 7, uid)
            store.record_attempt(key)
            store.mark_handled(key)
        print("written", flush=True)
        time.sleep(60)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    try:
        assert process.stdout is not None and process.stdout.readline() == b"written\n"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    reopened = open_store(spec)
    try:
        for uid in range(1, 201):
            key = MessageKey.imap("s", "a", "INBOX", 7, uid)
            assert reopened.status(key) == MessageStatus(handled=True, attempts=1, last_error=None)
    finally:
        reopened.close()


def test_store_uses_wal_journal_with_normal_sync(tmp_path: Path) -> None:
    with StateStore(tmp_path / "s.db") as store, sqlite3.connect(store.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_status_reads_everything_at_once(store: Store) -> None:
    assert store.status(KEY) == MessageStatus(handled=False, attempts=0, last_error=None)
    store.record_attempt(KEY, error="boom")
    assert store.status(KEY) == MessageStatus(handled=False, attempts=1, last_error="boom")
    store.mark_handled(KEY)
    assert store.status(KEY) == MessageStatus(handled=True, attempts=1, last_error=None)


def test_concurrent_attempts_are_all_counted(store: Store) -> None:
    def worker() -> None:
        for _ in range(50):
            store.record_attempt(KEY)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.attempts(KEY) == 400


def test_forget_other_uidvalidities(store: Store) -> None:
    old = MessageKey.imap(KEY.server, KEY.account, KEY.folder, 1, 5)
    other_folder = MessageKey.imap(KEY.server, KEY.account, "Archive", 1, 5)
    for key in (old, other_folder, KEY):
        store.mark_handled(key)
    assert store.forget_other_uidvalidities(KEY.server, KEY.account, KEY.folder, KEY.uidvalidity) == 1
    assert not store.is_handled(old)
    assert store.is_handled(other_folder) and store.is_handled(KEY)


def test_forget_missing_keeps_present_and_unhandled_messages(store: Store) -> None:
    keys = [MessageKey.pop3("pop:995", "a", uidl) for uidl in ("u1", "u2", "u3")]
    store.mark_handled(keys[0])
    store.mark_handled(keys[1])
    store.record_attempt(keys[2])
    assert store.forget_missing("pop:995", "a", "INBOX", 0, present={"u2"}) == 1
    assert [store.is_handled(k) for k in keys] == [False, True, False]
    assert store.attempts(keys[2]) == 1


def test_unusable_path_is_a_mail_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(MailError, match=r"^Cannot open the state store at .*file/handled\.sqlite3"):
        StateStore(blocker / "handled.sqlite3")


def test_corrupt_file_is_a_mail_error(tmp_path: Path) -> None:
    path = tmp_path / "handled.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(MailError, match=r"^Cannot use the state store at "):
        StateStore(path)


def test_statuses_of_many_messages_at_once(store: Store) -> None:
    keys = [MessageKey.imap("s", "a", "INBOX", 7, uid) for uid in range(1, 1201)]
    for key in keys[::2]:
        store.record_attempt(key, error="boom")
    for key in keys[::4]:
        store.mark_handled(key)
    store.record_attempt(MessageKey.imap("s", "a", "INBOX", 8, 1))  # another UIDVALIDITY
    found = store.statuses("s", "a", "INBOX", 7, [key.message_id for key in keys] + ["9999"])
    assert len(found) == 600
    assert found["1"] == MessageStatus(handled=True, attempts=1, last_error=None)
    assert found["3"] == MessageStatus(handled=False, attempts=1, last_error="boom")
    assert "2" not in found
    assert all(found[key.message_id] == store.status(key) for key in keys[::2])
    assert store.statuses("s", "a", "INBOX", 7, []) == {}


def test_status_retry_and_forget_on_the_store(store: Store) -> None:
    """What `balmail status`/`retry`/`forget` ask of a store, the same on both."""
    given_up = MessageKey.imap("s", "a", "INBOX", 7, 1)
    no_copy = MessageKey.imap("s", "a", "INBOX", 7, 2)
    retrying = MessageKey.imap("s", "a", "INBOX", 7, 3)
    store.mark_given_up(given_up, "boom", b"Subject: x\r\n\r\nbody")
    store.mark_given_up(no_copy, "died", None)
    store.record_attempt(retrying, error="flaky")
    store.mark_handled(MessageKey.imap("s", "a", "INBOX", 7, 4))
    store.record_cycle("inbox", "s", "a", "INBOX", True, None, 1, 1, 2)
    store.record_cycle("inbox", "s", "a", "INBOX", False, "login refused", 0, 0, 0)
    [box] = store.mailboxes()
    counts = (box.listener, box.cycles_ok, box.cycles_failed, box.handled, box.given_up)
    assert counts == ("inbox", 1, 1, 1, 2)
    assert box.last_error == "login refused" and box.last_ok_at is not None
    entries = store.entries()
    assert [(e.message_id, e.given_up, e.has_copy, e.listener) for e in entries] == [
        ("1", True, True, "inbox"), ("2", True, False, "inbox"), ("3", False, False, "inbox"),
    ]  # fmt: skip
    keys = {e.message_id: e.key for e in entries}
    with pytest.raises(UnknownKeys, match="no copy of the message was kept"):
        store.retry([keys["2"]], False)
    with pytest.raises(UnknownKeys, match="no given-up message with key 99999"):
        store.retry([99999], False)
    assert store.retry([], True) == 1
    assert store.pending_retries("s", "a", "INBOX") == [(given_up, b"Subject: x\r\n\r\nbody")]
    assert store.status(given_up) == MessageStatus(handled=False, attempts=0, last_error="retry requested")
    store.mark_handled(given_up)
    assert store.pending_retries("s", "a", "INBOX") == []
    with pytest.raises(UnknownKeys, match="no entry with key 99999"):
        store.forget([99999], None)
    assert store.forget([keys["3"]], None) == 1
    assert store.attempts(retrying) == 0
    assert store.forget([], before=time.time() + 60) == 3
    assert store.entries() == [] and not store.is_handled(given_up)
    assert store.in_use() is False and store.leases() == []


def test_a_newer_schema_is_refused(spec: str | Path) -> None:
    open_store(spec).close()
    if is_postgres(spec):
        with psycopg.connect(str(spec), autocommit=True) as conn:
            conn.execute("INSERT INTO balmail_schema (version) VALUES (99)")
    else:
        with sqlite3.connect(spec) as raw:
            raw.execute("PRAGMA user_version = 99")
    with pytest.raises(MailError, match=r"has schema version 99, newer than the \d+ this balmail knows"):
        open_store(spec)


def test_postgres_migrates_step_by_step(pg_uri: str) -> None:
    """A database at version 1 (no lease tables yet) gets version 2 at open, its records kept."""
    with psycopg.connect(pg_uri, autocommit=True) as conn:
        conn.execute("CREATE TABLE balmail_schema (version INTEGER NOT NULL)")
        for statement in MIGRATIONS[0]:
            conn.execute(statement)  # type: ignore[arg-type]
        conn.execute("INSERT INTO balmail_schema VALUES (1)")
        conn.execute(
            "INSERT INTO balmail_messages (server, account, folder, uidvalidity, message_id, handled, "
            "first_seen_at, updated_at) VALUES ('s', 'a', 'INBOX', 7, '1', TRUE, 0, 0)"
        )
    with PostgresStore(pg_uri) as store:
        assert store.schema_version() == len(MIGRATIONS) == 2
        assert store.is_handled(MessageKey.imap("s", "a", "INBOX", 7, 1))
        assert store.leases() == []


def test_an_unreachable_postgres_is_a_mail_error(postgres: PostgresServer) -> None:
    with pytest.raises(MailError, match=r"^Cannot open the state store at postgresql://balmail@127\.0\.0\.1:"):
        open_store(postgres.uri("postgres", port=free_port()))


def test_old_sqlite_stores_get_a_version(tmp_path: Path) -> None:
    """A store made before versions were kept (user_version 0, no given_up column) is migrated."""
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as raw:
        raw.execute(
            "CREATE TABLE handled_messages (server TEXT NOT NULL, account TEXT NOT NULL, "
            "folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, message_id TEXT NOT NULL, "
            "attempts INTEGER NOT NULL DEFAULT 0, "
            "handled INTEGER NOT NULL DEFAULT 0, last_error TEXT, first_seen_at REAL NOT NULL, "
            "updated_at REAL NOT NULL, PRIMARY KEY (server, account, folder, uidvalidity, message_id))"
        )
        raw.execute("INSERT INTO handled_messages VALUES ('s', 'a', 'INBOX', 7, '1', 1, 1, NULL, 0, 0)")
    with StateStore(path) as store:
        assert store.is_handled(MessageKey.imap("s", "a", "INBOX", 7, 1))
        store.mark_given_up(MessageKey.imap("s", "a", "INBOX", 7, 2), "x", b"raw")
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
