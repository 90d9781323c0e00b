"""`balmail status`, `retry` and `forget`: what the state store says per listener, and the two ways
to act on it. Every change is one SQLite transaction (`BEGIN IMMEDIATE`), so a run polling at the
same time sees either all of it or none; both commands still refuse while a run holds the store
unless forced, because a run may be delivering the very message being changed.
"""

from __future__ import annotations

import datetime
import functools
import sqlite3
from pathlib import Path
from typing import Any

import attrs

from balmail.mail.errors import MailError
from balmail.mail.state import StateStore

STATE_FILE = "state.db"
DEFAULT_STATE_DIR = ".balmail"


class InspectError(Exception):
    """The store cannot be found or changed; the message says what to do."""


def locate_store(path: str | None) -> Path:
    """PATH may be the state folder, the `state.db` file, or a `.bal` program (its `.balmail/`)."""
    target = Path(path) if path else Path(DEFAULT_STATE_DIR)
    if target.suffix == ".bal":
        target = target.resolve().parent / DEFAULT_STATE_DIR
    if target.is_dir():
        target = target / STATE_FILE
    if not target.is_file():
        raise InspectError(
            f"no state store at {target} (give the state folder, its state.db or the program)"
        )
    return target


@attrs.frozen
class Entry:
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


def _connect(path: Path) -> sqlite3.Connection:
    StateStore(path).close()  # creates missing tables/columns of an older store
    db = sqlite3.connect(str(path), timeout=10.0, isolation_level=None)
    return db


def _stamp(seconds: float | None) -> str:
    if seconds is None:
        return "never"
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _sqlite_errors(function: Any) -> Any:
    """A locked or damaged store is an `InspectError` with SQLite's reason, never a traceback."""

    @functools.wraps(function)
    def wrapped(path: Path, *args: Any) -> Any:
        try:
            return function(path, *args)
        except (sqlite3.Error, MailError) as error:
            raise InspectError(f"cannot use the state store {path}: {error}") from None

    return wrapped


@_sqlite_errors
def status_lines(path: Path) -> list[str]:
    """The report `balmail status` prints."""
    db = _connect(path)
    try:
        mailboxes = [
            Mailbox(*row)
            for row in db.execute(
                "SELECT listener, server, account, folder, last_cycle_at, last_ok_at, last_error, cycles_ok, "
                "cycles_failed, handled, retried, given_up FROM listener_cycles ORDER BY listener"
            )
        ]
        entries = _entries(db, "m.handled = 0 OR m.given_up = 1")
    finally:
        db.close()
    active = StateStore.run_active(path)
    lines = [f"state store {path}: {'a run is using it' if active else 'no run is using it'}"]
    listed: set[tuple[str, str]] = set()
    for box in mailboxes:
        listed.add((box.account, box.folder))
        outcome = "ok" if box.last_error is None else f"failed: {box.last_error}"
        lines += [
            f"listener {box.listener} ({box.server}, {box.account}, {box.folder})",
            f"  last cycle {_stamp(box.last_cycle_at)} ({outcome}); last success {_stamp(box.last_ok_at)}",
            f"  cycles {box.cycles_ok} ok, {box.cycles_failed} failed; messages handled {box.handled}, "
            f"retried {box.retried}, given up {box.given_up}",
        ]
        lines += _entry_lines([e for e in entries if (e.account, e.folder) == (box.account, box.folder)])
    orphans = [e for e in entries if (e.account, e.folder) not in listed]
    if orphans:
        lines.append("messages of mailboxes with no recorded cycle")
        lines += _entry_lines(orphans)
    if len(lines) == 1:
        lines.append("nothing recorded yet")
    return lines


def _entries(db: sqlite3.Connection, where: str) -> list[Entry]:
    rows = db.execute(
        "SELECT m.rowid, COALESCE(c.listener, ''), m.account, m.folder, m.message_id, m.attempts, "
        "m.last_error, m.updated_at, m.raw IS NOT NULL, m.given_up FROM handled_messages m "
        "LEFT JOIN listener_cycles c "
        "ON c.server = m.server AND c.account = m.account AND c.folder = m.folder "
        f"WHERE {where} ORDER BY m.rowid"
    ).fetchall()
    return [_entry(row) for row in rows]


def _entry(row: tuple[object, ...]) -> Entry:
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


def _entry_lines(entries: list[Entry]) -> list[str]:
    out: list[str] = []
    retrying = [e for e in entries if not e.given_up]
    given_up = [e for e in entries if e.given_up]
    if retrying:
        out.append("  retrying:")
        out += [
            f"    key {e.key}: message {e.message_id}, {e.attempts} attempt(s), last error: {e.reason}"
            for e in retrying
        ]
    if given_up:
        out.append("  given up:")
        for e in given_up:
            copy = "" if e.has_copy else " (no copy kept: cannot be retried)"
            out.append(
                f"    key {e.key}: message {e.message_id}, {e.attempts} attempt(s), {_stamp(e.updated_at)}, "
                f"reason: {e.reason}{copy}"
            )
    return out


def _refuse_while_running(path: Path, force: bool, what: str) -> None:
    if not force and StateStore.run_active(path):
        raise InspectError(
            f"a balmail run is using {path}; stop it first, or {what} anyway with --force "
            "(the change is atomic, but the run may be handling the same message)"
        )


_SELECT_GIVEN_UP = "SELECT rowid, raw IS NOT NULL FROM handled_messages WHERE given_up = 1"


@_sqlite_errors
def retry(path: Path, keys: list[int], all_given_up: bool, force: bool) -> int:
    """Make given-up messages eligible again (delivered from the store's copy on the next cycle);
    returns how many."""
    _refuse_while_running(path, force, "retry")
    db = _connect(path)
    try:
        db.execute("BEGIN IMMEDIATE")
        if all_given_up:
            rows = db.execute(f"{_SELECT_GIVEN_UP}").fetchall()
        else:
            marks = ", ".join("?" * len(keys))
            rows = db.execute(f"{_SELECT_GIVEN_UP} AND rowid IN ({marks})", keys).fetchall()
            missing = sorted(set(keys) - {int(r[0]) for r in rows})
            if missing:
                listed = ", ".join(map(str, missing))
                raise InspectError(f"no given-up message with key {listed} (see balmail status)")
        without_copy = [int(r[0]) for r in rows if not r[1]]
        if without_copy and not all_given_up:
            raise InspectError(
                f"key {', '.join(map(str, without_copy))}: no copy of the message was kept (the process "
                "stopped during its last attempt), so it cannot be delivered again"
            )
        chosen = [int(r[0]) for r in rows if r[1]]
        db.executemany(
            "UPDATE handled_messages SET handled = 0, given_up = 0, attempts = 0, retry_requested = 1, "
            "last_error = 'retry requested' WHERE rowid = ?",
            [(k,) for k in chosen],
        )
        db.execute("COMMIT")
        return len(chosen)
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()


def parse_date(text: str) -> float:
    """`2026-12-01` or an ISO date-time (UTC unless it says otherwise) → Unix seconds."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise InspectError(
            f"--before expects a date like 2026-12-01 or 2026-12-01T08:00, got '{text}'"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()


@_sqlite_errors
def forget(path: Path, keys: list[int], before: float | None, force: bool) -> int:
    """Remove entries by key, or every entry last changed before a date; returns how many."""
    _refuse_while_running(path, force, "forget")
    db = _connect(path)
    try:
        db.execute("BEGIN IMMEDIATE")
        if before is not None:
            count = db.execute("DELETE FROM handled_messages WHERE updated_at < ?", (before,)).rowcount
        else:
            marks = ", ".join("?" * len(keys))
            query = f"SELECT rowid FROM handled_messages WHERE rowid IN ({marks})"
            found = {int(r[0]) for r in db.execute(query, keys)}
            missing = sorted(set(keys) - found)
            if missing:
                raise InspectError(f"no entry with key {', '.join(map(str, missing))} (see balmail status)")
            count = db.execute(f"DELETE FROM handled_messages WHERE rowid IN ({marks})", keys).rowcount
        db.execute("COMMIT")
        return int(count)
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()
