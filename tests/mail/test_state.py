"""The handled-messages store: counting attempts, remembering success, surviving restarts and
crashes, and keeping keys apart per server, account, folder and UIDVALIDITY."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from balmail.mail.errors import MailError
from balmail.mail.state import MessageKey, MessageStatus, StateStore

KEY = MessageKey.imap("imap.example.test:993", "orders@example.test", "INBOX", 1700000000, 42)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[StateStore]:
    with StateStore(tmp_path / "state" / "handled.sqlite3") as opened:
        yield opened


def test_unknown_message_is_neither_handled_nor_attempted(store: StateStore) -> None:
    assert store.is_handled(KEY) is False
    assert store.attempts(KEY) == 0
    assert store.last_error(KEY) is None


def test_attempts_are_counted_and_errors_kept(store: StateStore) -> None:
    assert store.record_attempt(KEY) == 1
    assert store.record_attempt(KEY, error="handler panicked") == 2
    assert store.attempts(KEY) == 2
    assert store.last_error(KEY) == "handler panicked"
    assert store.is_handled(KEY) is False


def test_mark_handled(store: StateStore) -> None:
    store.record_attempt(KEY, error="first try failed")
    store.mark_handled(KEY)
    assert store.is_handled(KEY) is True
    assert store.attempts(KEY) == 1
    assert store.last_error(KEY) is None


def test_mark_handled_without_a_recorded_attempt(store: StateStore) -> None:
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
def test_every_key_component_matters(store: StateStore, other: MessageKey) -> None:
    store.mark_handled(KEY)
    assert store.is_handled(other) is False


def test_pop3_keys_use_the_uidl(store: StateStore) -> None:
    key = MessageKey.pop3("pop.example.test:995", "orders", "000000016b06da2f")
    assert (key.folder, key.uidvalidity, key.message_id) == ("INBOX", 0, "000000016b06da2f")
    store.mark_handled(key)
    assert store.is_handled(MessageKey.pop3("pop.example.test:995", "orders", "000000016b06da2f"))
    assert not store.is_handled(MessageKey.pop3("pop.example.test:995", "orders", "000000026b06da2f"))


def test_state_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "handled.sqlite3"
    with StateStore(path) as first:
        first.record_attempt(KEY)
        first.mark_handled(KEY)
    with StateStore(path) as second:
        assert second.is_handled(KEY) and second.attempts(KEY) == 1


def test_each_write_is_durable_before_a_crash(tmp_path: Path) -> None:
    """A process that dies right after mark_handled (no close, no atexit) must not lose it."""
    path = tmp_path / "handled.sqlite3"
    script = textwrap.dedent(
        f"""
        import os
        from balmail.mail.state import MessageKey, MessageStatus, StateStore
        store = StateStore({str(path)!r})
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
    with StateStore(path) as reopened:
        assert reopened.is_handled(MessageKey.imap("s", "a", "INBOX", 7, 1))
        assert reopened.attempts(MessageKey.imap("s", "a", "INBOX", 7, 1)) == 2
        assert reopened.last_error(MessageKey.imap("s", "a", "INBOX", 7, 2)) == "boom"


def test_each_write_survives_kill_9(tmp_path: Path) -> None:
    """synchronous=NORMAL leaves commits in the WAL without fsync: that must survive SIGKILL of
    a process that is still running (only an OS crash could drop them)."""
    path = tmp_path / "handled.sqlite3"
    script = textwrap.dedent(
        f"""
        import sys, time
        from balmail.mail.state import MessageKey, StateStore
        store = StateStore({str(path)!r})
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
    with StateStore(path) as reopened:
        for uid in range(1, 201):
            key = MessageKey.imap("s", "a", "INBOX", 7, uid)
            assert reopened.status(key) == MessageStatus(handled=True, attempts=1, last_error=None)


def test_store_uses_wal_journal_with_normal_sync(store: StateStore) -> None:
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_status_reads_everything_at_once(store: StateStore) -> None:
    assert store.status(KEY) == MessageStatus(handled=False, attempts=0, last_error=None)
    store.record_attempt(KEY, error="boom")
    assert store.status(KEY) == MessageStatus(handled=False, attempts=1, last_error="boom")
    store.mark_handled(KEY)
    assert store.status(KEY) == MessageStatus(handled=True, attempts=1, last_error=None)


def test_concurrent_attempts_are_all_counted(store: StateStore) -> None:
    def worker() -> None:
        for _ in range(50):
            store.record_attempt(KEY)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.attempts(KEY) == 400


def test_forget_other_uidvalidities(store: StateStore) -> None:
    old = MessageKey.imap(KEY.server, KEY.account, KEY.folder, 1, 5)
    other_folder = MessageKey.imap(KEY.server, KEY.account, "Archive", 1, 5)
    for key in (old, other_folder, KEY):
        store.mark_handled(key)
    assert store.forget_other_uidvalidities(KEY.server, KEY.account, KEY.folder, KEY.uidvalidity) == 1
    assert not store.is_handled(old)
    assert store.is_handled(other_folder) and store.is_handled(KEY)


def test_forget_missing_keeps_present_and_unhandled_messages(store: StateStore) -> None:
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


def test_statuses_of_many_messages_at_once(store: StateStore) -> None:
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
