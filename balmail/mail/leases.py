"""Leases: with the state on PostgreSQL, each listener (a mailbox: server, account, folder) is polled
by at most one node at a time, spread evenly over the live nodes of the same package, and taken
over when its node dies (docs/scale-out.md).

One `LeaseCoordinator` per node runs a thread that, every `lease_seconds / 3`, in ONE transaction:
renews the node's row (`balmail_nodes`, expiry = the database's now() + lease), reads the live
nodes of its package, computes who should own each listener (rendezvous hashing with a load cap:
every node computes the same answer from the same rows), releases leases whose poller it has
stopped, and acquires or renews the leases it should hold (`balmail_leases`: taken only when free,
expired, or already its own). It starts a poller for each lease it gains and stops the pollers of
leases it must hand over (then releases them, so the new owner waits at most one renewal).

Safety does not depend on the renewal arriving: a node measures its lease on its own monotonic
clock from the moment it *sent* the renewal (which is before the database computed the expiry), and
its pollers' gate refuses to start a message once less than a third of the lease is left. So a node
cut off from the database stops handling before its lease can expire and be taken by another node.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import psycopg

from balmail.mail.errors import MailError
from balmail.mail.pgstate import CONNECT_SECONDS, PostgresStore

log = logging.getLogger(__name__)

DEFAULT_LEASE_SECONDS = 15.0
MIN_LEASE_SECONDS = 1.0
RETRY_SECONDS = 0.5
"""After a failed renewal, try again this soon (a restarted database is back within seconds)."""


@attrs.frozen
class LeaseSettings:
    """`[balmail] leaseSeconds` and `node`, and the package the node runs (its peers run the same)."""

    node: str
    package: str
    lease_seconds: float = DEFAULT_LEASE_SECONDS

    @property
    def renew_every(self) -> float:
        return self.lease_seconds / 3

    @property
    def stop_margin(self) -> float:
        """Handling stops when less than this is left of the lease (room for the handler in flight)."""
        return self.lease_seconds / 3


def assign(keys: Iterable[str], nodes: Iterable[str]) -> dict[str, str]:
    """Listener key -> node: rendezvous (highest random weight) hashing, each node capped at
    ceil(keys / nodes), keys taken in sorted order; deterministic, so every node agrees, and a node
    joining or leaving moves few listeners."""
    live = sorted(set(nodes))
    ordered = sorted(set(keys))
    if not live:
        return {}
    cap = math.ceil(len(ordered) / len(live))
    load = dict.fromkeys(live, 0)
    out: dict[str, str] = {}
    for key in ordered:
        ranked = sorted(live, key=lambda node: _weight(node, key), reverse=True)
        chosen = next(node for node in ranked if load[node] < cap)
        load[chosen] += 1
        out[key] = chosen
    return out


def _weight(node: str, key: str) -> bytes:
    return hashlib.blake2b(f"{node}\0{key}".encode(), digest_size=8).digest()


@attrs.define(eq=False)
class _Slot:
    """One listener this node may poll."""

    key: str
    start: Callable[[Callable[[], bool]], None]
    """Start polling; the argument is the gate the poller asks before each message."""
    stop: Callable[[], None]
    """Stop polling (returns when the handler in flight has finished or the grace period ended)."""
    owned: bool = False
    running: bool = False
    releasing: bool = False
    released: bool = False
    """Its poller stopped for a hand-over: the lease goes at the next renewal."""


class LeaseCoordinator:
    """A node's leases; `add` listeners, `start`, and `close` (SIGTERM) to hand everything over."""

    def __init__(
        self,
        store: PostgresStore,
        settings: LeaseSettings,
        on_change: Callable[[str, bool], None] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.on_change = on_change
        """Told (key, owned) when this node gains or loses a listener (metrics)."""
        self._slots: dict[str, _Slot] = {}
        self._lock = threading.Lock()
        self._valid_until = 0.0
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self._failing_since: float | None = None
        self._conn: psycopg.Connection[Any] | None = None
        self._conn_lock = threading.Lock()
        self.renewals_ok = 0
        self.renewals_failed = 0

    # -- the node's listeners ----------------------------------------------------------------------

    def add(self, key: str, start: Callable[[Callable[[], bool]], None], stop: Callable[[], None]) -> None:
        with self._lock:
            self._slots[key] = _Slot(key, start, stop)
        if self._thread is None:
            self.start()
        self._wake.set()

    def remove(self, key: str) -> None:
        """Stop polling `key` for good and release its lease at once (a graceful stop)."""
        with self._lock:
            slot = self._slots.pop(key, None)
        if slot is None:
            return
        if slot.running:
            slot.stop()
        self._release([key])

    def may_handle(self, key: str) -> bool:
        """The pollers' gate: this node holds the lease with enough time left to handle a message."""
        slot = self._slots.get(key)
        if slot is None or not slot.owned or slot.releasing:
            return False
        return time.monotonic() < self._valid_until - self.settings.stop_margin

    def owned(self) -> list[str]:
        with self._lock:
            return sorted(k for k, s in self._slots.items() if s.owned)

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="balmail-leases", daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Stop every poller, release every lease and leave (the node row goes): others take the
        listeners over at their next renewal instead of waiting for the leases to expire."""
        self._closing.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(self.settings.lease_seconds + 5)
        with self._lock:
            slots = list(self._slots.values())
            self._slots.clear()
        threads = [threading.Thread(target=s.stop, daemon=True) for s in slots if s.running]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        try:
            self._txn(self._leave, 2.0)
        except MailError as error:
            log.warning("could not release this node's leases (they expire by themselves): %s", error)
        with self._conn_lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _leave(self, conn: Any) -> None:
        conn.execute("DELETE FROM balmail_leases WHERE owner = %s", (self.settings.node,))
        conn.execute("DELETE FROM balmail_nodes WHERE node = %s", (self.settings.node,))

    # -- the renewal loop --------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._closing.is_set():
            sent = time.monotonic()
            try:
                with self._lock:
                    slots = list(self._slots.values())
                acquired = self._txn(lambda conn, s=slots: self._renew(conn, s), self.settings.renew_every)
            except MailError as error:
                self.renewals_failed += 1
                self._renewal_failed(error)
                self._wake.wait(RETRY_SECONDS)
                self._wake.clear()
                continue
            except Exception:
                log.exception("lease renewal failed unexpectedly")
                self.renewals_failed += 1
                self._renewal_failed(MailError("unexpected failure"))
                self._wake.wait(RETRY_SECONDS)
                self._wake.clear()
                continue
            self.renewals_ok += 1
            if self._failing_since is not None:
                log.info("the state store is reachable again; leases renewed")
                self._failing_since = None
            self._valid_until = sent + self.settings.lease_seconds
            self._apply(slots, acquired)
            self._wake.wait(self.settings.renew_every)
            self._wake.clear()

    def _renew(self, conn: Any, slots: list[_Slot]) -> tuple[set[str], set[str]]:
        """One transaction: heartbeat, live nodes, releases, acquisitions; (acquired, wanted)."""
        s = self.settings
        lease = f"{s.lease_seconds} seconds"
        conn.execute(
            "INSERT INTO balmail_nodes (node, package, expires_at) VALUES (%s, %s, now() + %s::interval) "
            "ON CONFLICT (node) DO UPDATE SET package = excluded.package, expires_at = excluded.expires_at",
            (s.node, s.package, lease),
        )
        live = [
            row[0]
            for row in conn.execute(
                "SELECT node FROM balmail_nodes WHERE package = %s AND expires_at > now()", (s.package,)
            )
        ]
        conn.execute("DELETE FROM balmail_nodes WHERE expires_at < now() - interval '1 hour'")
        plan = assign([slot.key for slot in slots], live)
        wanted = {key for key, node in plan.items() if node == s.node}
        released = [slot.key for slot in slots if slot.released]
        if released:
            conn.execute(
                "DELETE FROM balmail_leases WHERE listener_key = ANY(%s) AND owner = %s", (released, s.node)
            )
        # Keep what still runs (a hand-over in progress) and take what this node should own.
        keep = sorted({slot.key for slot in slots if slot.running and not slot.released} | wanted)
        keep = [key for key in keep if key not in released]
        if not keep:
            return set(), wanted
        rows = conn.execute(
            """
            INSERT INTO balmail_leases (listener_key, package, owner, expires_at)
            SELECT key, %s, %s, now() + %s::interval FROM unnest(%s::text[]) AS key
            ON CONFLICT (listener_key) DO UPDATE SET
                owner = excluded.owner, package = excluded.package, expires_at = excluded.expires_at,
                acquired_at = CASE WHEN balmail_leases.owner = excluded.owner
                              THEN balmail_leases.acquired_at ELSE now() END
            WHERE balmail_leases.owner = excluded.owner OR balmail_leases.expires_at < now()
            RETURNING listener_key
            """,
            (s.package, s.node, lease, keep),
        ).fetchall()
        return {row[0] for row in rows}, wanted

    def _apply(self, slots: list[_Slot], outcome: tuple[set[str], set[str]]) -> None:
        acquired, wanted = outcome
        for slot in slots:
            if slot.released:
                slot.released = slot.owned = slot.releasing = False
                self._changed(slot.key, False)
            holds = slot.key in acquired
            if holds and not slot.owned and not slot.running and slot.key in wanted:
                slot.owned = True
                self._changed(slot.key, True)
                log.info("this node (%s) now owns listener %s", self.settings.node, slot.key)
                try:
                    slot.start(lambda key=slot.key: self.may_handle(key))  # type: ignore[misc]
                    slot.running = True
                except Exception:
                    log.exception("could not start polling %s", slot.key)
                    slot.owned = False
                    slot.released = True
            elif holds and slot.owned and slot.key not in wanted and not slot.releasing:
                log.info("handing listener %s over to another node (rebalancing)", slot.key)
                self._stop_async(slot, release=True)
            elif not holds and slot.owned:
                log.warning("this node lost the lease of listener %s; it stops polling it", slot.key)
                slot.owned = False
                self._changed(slot.key, False)
                self._stop_async(slot, release=False)

    def _renewal_failed(self, error: MailError) -> None:
        now = time.monotonic()
        if self._failing_since is None:
            self._failing_since = now
            log.warning("cannot renew this node's leases: %s", error)
        if now >= self._valid_until - self.settings.stop_margin:
            with self._lock:
                slots = [s for s in self._slots.values() if s.owned]
            if slots:
                log.warning(
                    "the leases of %d listener(s) are about to expire and cannot be renewed: this node "
                    "stops handling them so that another node can take over",
                    len(slots),
                )
            for slot in slots:
                slot.owned = False
                self._changed(slot.key, False)
                self._stop_async(slot, release=False)

    def _stop_async(self, slot: _Slot, release: bool) -> None:
        """Stop the poller without holding up renewals; with `release`, the lease goes after it."""
        slot.releasing = True

        def stop() -> None:
            try:
                slot.stop()
            finally:
                slot.running = False
                if release:
                    slot.released = True
                    self._wake.set()
                else:
                    slot.releasing = False

        threading.Thread(target=stop, name=f"balmail-handover {slot.key}", daemon=True).start()

    def _release(self, keys: list[str]) -> None:
        try:
            self._txn(
                lambda conn: conn.execute(
                    "DELETE FROM balmail_leases WHERE listener_key = ANY(%s) AND owner = %s",
                    (keys, self.settings.node),
                ),
                2.0,
            )
        except MailError as error:
            log.warning("could not release leases %s (they expire by themselves): %s", keys, error)
        for key in keys:
            self._changed(key, False)

    def _txn(self, work: Callable[[Any], Any], limit: float) -> Any:
        """`work` in one transaction on the coordinator's own connection, given up after `limit`
        seconds: a watchdog shuts the socket down, because a partitioned network (packets dropped,
        not refused) would otherwise block the call for as long as TCP keeps trying."""
        with self._conn_lock:
            try:
                if self._conn is None or self._conn.closed:
                    self._conn = psycopg.connect(
                        self.store.uri, autocommit=True,
                        connect_timeout=max(2, min(CONNECT_SECONDS, math.ceil(limit))),
                    )  # fmt: skip
                conn = self._conn
                watchdog = threading.Timer(limit, _shut_down, args=(conn,))
                watchdog.daemon = True
                watchdog.start()
                try:
                    with conn.transaction():
                        return work(conn)
                finally:
                    watchdog.cancel()
            except psycopg.Error as error:
                if self._conn is not None:
                    self._conn.close()
                    self._conn = None
                text = " ".join(str(error).split()) or type(error).__name__
                raise MailError(f"State store at {self.store.name} failed: {text}") from None

    def _changed(self, key: str, owned: bool) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(key, owned)
        except Exception:
            log.exception("lease observer failed")


def _shut_down(conn: psycopg.Connection[Any]) -> None:
    """Make a call blocked on `conn` fail now (its socket is shut down under it)."""
    try:
        duplicate = socket.socket(fileno=os.dup(conn.fileno()))
    except (OSError, psycopg.Error):
        return
    try:
        duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        duplicate.close()


def lease_settings(documents: list[tuple[str, dict[str, Any]]], package: str) -> LeaseSettings:
    """`[balmail] node` (default: host name and process id) and `leaseSeconds` (default 15, at
    least 1) from the first Config.toml that sets each; raises `MailError` on a bad value."""
    node: Any = None
    lease: Any = None
    for origin, document in documents:
        section = document.get("balmail")
        if not isinstance(section, dict):
            continue
        if node is None and "node" in section:
            node = section["node"]
            if not isinstance(node, str) or not node.strip():
                raise MailError(f"[balmail] node in {origin} must be a non-empty string, got {node!r}")
        if lease is None and "leaseSeconds" in section:
            lease = section["leaseSeconds"]
            if isinstance(lease, bool) or not isinstance(lease, int | float) or lease < MIN_LEASE_SECONDS:
                raise MailError(
                    f"[balmail] leaseSeconds in {origin} must be a number of seconds of at least "
                    f"{MIN_LEASE_SECONDS:g}, got {lease!r}"
                )
    return LeaseSettings(
        node=node or f"{socket.gethostname()}-{os.getpid()}",
        package=package,
        lease_seconds=float(lease) if lease is not None else DEFAULT_LEASE_SECONDS,
    )
