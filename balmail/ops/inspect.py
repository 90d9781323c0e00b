"""`balmail status`, `retry` and `forget`: what the state store says per listener, and the two ways
to act on it, for either store (SQLite file or PostgreSQL, `mail/store.py`). Every change is one
transaction, so a run polling at the same time sees either all of it or none; both commands still
refuse while a run uses the store unless forced, because a run may be delivering the very message
being changed.
"""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path

from balmail.mail.errors import MailError
from balmail.mail.store import (
    Entry,
    Store,
    UnknownKeys,
    is_postgres,
    listener_key,
    open_store,
    redact_uri,
)

STATE_FILE = "state.db"
DEFAULT_STATE_DIR = ".balmail"


class InspectError(Exception):
    """The store cannot be found or changed; the message says what to do."""


def locate_store(path: str | None, cwd: Path | None = None) -> Path | str:
    """PATH may be a `postgresql://` URI, the state folder, the `state.db` file, or a `.bal` program
    (its `.balmail/`). Without PATH: `[balmail] state` of ./Config.toml, else `.balmail`."""
    if path is None:
        configured = configured_state(cwd or Path.cwd())
        if configured is not None:
            return configured
    if path is not None and is_postgres(path):
        return path
    target = Path(path) if path else Path(DEFAULT_STATE_DIR)
    if target.suffix == ".bal":
        target = target.resolve().parent / DEFAULT_STATE_DIR
    if target.is_dir():
        target = target / STATE_FILE
    if not target.is_file():
        raise InspectError(
            f"no state store at {target} (give the state folder, its state.db, the program or a "
            "postgresql:// URI)"
        )
    return target


def configured_state(folder: Path) -> str | None:
    """A PostgreSQL `[balmail] state` in FOLDER's Config.toml (an unreadable file is ignored here:
    `balmail run` reports it)."""
    try:
        document = tomllib.loads((folder / "Config.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    section = document.get("balmail")
    value = section.get("state") if isinstance(section, dict) else None
    return value if isinstance(value, str) and is_postgres(value) else None


def _open(spec: Path | str) -> Store:
    try:
        return open_store(spec)
    except MailError as error:
        raise InspectError(f"cannot use the state store {_name(spec)}: {error}") from None


def _name(spec: Path | str) -> str:
    return redact_uri(spec) if isinstance(spec, str) else str(spec)


def _stamp(seconds: float | None) -> str:
    if seconds is None:
        return "never"
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def status_lines(spec: Path | str) -> list[str]:
    """The report `balmail status` prints."""
    store = _open(spec)
    try:
        mailboxes = store.mailboxes()
        entries = store.entries()
        leases = {lease.listener_key: lease for lease in store.leases()}
        active = store.in_use()
    except MailError as error:
        raise InspectError(f"cannot use the state store {_name(spec)}: {error}") from None
    finally:
        store.close()
    lines = [f"state store {_name(spec)}: {'a run is using it' if active else 'no run is using it'}"]
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
        lease = leases.pop(listener_key(box.server, box.account, box.folder), None)
        if lease is not None:
            lines.append(_lease_line(lease.owner, lease.expires_in))
        lines += _entry_lines([e for e in entries if (e.account, e.folder) == (box.account, box.folder)])
    for key, lease in sorted(leases.items()):
        lines += [f"listener {key} (no cycle recorded yet)", _lease_line(lease.owner, lease.expires_in)]
    orphans = [e for e in entries if (e.account, e.folder) not in listed]
    if orphans:
        lines.append("messages of mailboxes with no recorded cycle")
        lines += _entry_lines(orphans)
    if len(lines) == 1:
        lines.append("nothing recorded yet")
    return lines


def _lease_line(owner: str, expires_in: float) -> str:
    if expires_in < 0:
        return f"  owned by no node (node {owner}'s lease expired {-expires_in:.1f}s ago)"
    return f"  owned by node {owner} (lease renewed, expires in {expires_in:.1f}s)"


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


def _change(spec: Path | str, force: bool, what: str, keys: list[int], other: object) -> int:
    store = _open(spec)
    try:
        if not force and store.in_use():
            raise InspectError(
                f"a balmail run is using {_name(spec)}; stop it first, or {what} anyway with --force "
                "(the change is atomic, but the run may be handling the same message)"
            )
        if what == "retry":
            return store.retry(keys, bool(other))
        return store.forget(keys, other)  # type: ignore[arg-type]
    except UnknownKeys as error:
        raise InspectError(str(error)) from None
    except MailError as error:
        raise InspectError(f"cannot use the state store {_name(spec)}: {error}") from None
    finally:
        store.close()


def retry(spec: Path | str, keys: list[int], all_given_up: bool, force: bool) -> int:
    """Make given-up messages eligible again (delivered from the store's copy on the next cycle);
    returns how many."""
    return _change(spec, force, "retry", keys, all_given_up)


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


def forget(spec: Path | str, keys: list[int], before: float | None, force: bool) -> int:
    """Remove entries by key, or every entry last changed before a date; returns how many."""
    return _change(spec, force, "forget", keys, before)
