"""Leases on a real PostgreSQL, with coordinators in this process whose "pollers" only record when
they start and stop: one owner per listener, an even spread, hand-over on close and on a node
joining, take-over after expiry, and a partitioned node that stops before its lease expires."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from balmail.mail.leases import LeaseCoordinator, LeaseSettings, assign
from balmail.mail.pgstate import PostgresStore

from .partition_proxy import PartitionProxy
from .postgres_harness import PostgresServer

KEYS = [f"imap://127.0.0.1 user{i:02d} INBOX" for i in range(30)]
LEASE = 1.5


def test_assignment_is_even_deterministic_and_moves_little() -> None:
    nodes = ["a", "b", "c"]
    plan = assign(KEYS, nodes)
    assert assign(list(reversed(KEYS)), list(reversed(nodes))) == plan
    assert sorted(list(plan.values()).count(n) for n in nodes) == [10, 10, 10]
    two = assign(KEYS, ["a", "b"])
    assert sorted(list(two.values()).count(n) for n in ("a", "b")) == [15, 15]
    kept = sum(1 for k in KEYS if plan[k] != "c" and two[k] == plan[k])
    assert kept >= 15, "a node leaving should not reshuffle most of the survivors' listeners"
    assert assign(KEYS[:4], nodes) and set(assign(KEYS[:4], nodes).values()) <= set(nodes)
    assert assign(KEYS, []) == {}


class FakeNode:
    """A coordinator whose pollers are threads that ask the gate every 20 ms and log when it is open."""

    def __init__(self, store: PostgresStore, name: str, keys: list[str], package: str = "pkg") -> None:
        self.name = name
        self.coordinator = LeaseCoordinator(store, LeaseSettings(name, package, LEASE))
        self.events: list[tuple[float, str, str]] = []
        self.handling: dict[str, float] = {}
        """key -> last monotonic time the gate let this node handle it."""
        self._stops: dict[str, threading.Event] = {}
        for key in keys:
            self.coordinator.add(key, self._starter(key), self._stopper(key))

    def _starter(self, key: str) -> Callable[[Callable[[], bool]], None]:
        def start(gate: Callable[[], bool]) -> None:
            stop = threading.Event()
            self._stops[key] = stop
            self.events.append((time.monotonic(), "start", key))

            def poll() -> None:
                while not stop.wait(0.02):
                    if gate():
                        self.handling[key] = time.monotonic()

            threading.Thread(target=poll, daemon=True).start()

        return start

    def _stopper(self, key: str) -> Callable[[], None]:
        def stop() -> None:
            self._stops[key].set()
            self.events.append((time.monotonic(), "stop", key))

        return stop

    def polling(self) -> set[str]:
        running: set[str] = set()
        for _, what, key in self.events:
            (running.add if what == "start" else running.discard)(key)
        return running


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> float:
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > timeout:
            raise AssertionError(f"not within {timeout}s: {what}")
        time.sleep(0.05)
    return time.monotonic() - began


@pytest.fixture
def store(pg_uri: str) -> Iterator[PostgresStore]:
    with PostgresStore(pg_uri) as opened:
        yield opened


def test_nodes_share_listeners_and_hand_over_on_close_and_join(store: PostgresStore) -> None:
    a = FakeNode(store, "a", KEYS)
    b = FakeNode(store, "b", KEYS)
    try:
        def split(*nodes: FakeNode) -> bool:
            sets = [n.polling() for n in nodes]
            union = set().union(*sets)
            return union == set(KEYS) and sum(len(s) for s in sets) == len(KEYS) and all(
                abs(len(s) - len(KEYS) / len(nodes)) <= 1 for s in sets
            )

        wait_until(lambda: split(a, b), 6 * LEASE, "a and b split the listeners")
        owners = {row.listener_key: row.owner for row in store.leases()}
        assert owners == {k: ("a" if k in a.polling() else "b") for k in KEYS}
        c = FakeNode(store, "c", KEYS)
        wait_until(lambda: split(a, b, c), 6 * LEASE, "a, b and c split the listeners")
        closed = time.monotonic()
        c.coordinator.close()  # SIGTERM: released at once, not after expiry
        assert c.polling() == set()
        taken = wait_until(lambda: split(a, b), 3 * LEASE, "a and b take c's listeners back")
        assert taken < LEASE, f"a closed node's listeners waited {taken:.2f}s (lease {LEASE}s)"
        assert time.monotonic() - closed < 2 * LEASE
        assert store.in_use()
    finally:
        a.coordinator.close()
        b.coordinator.close()
    assert store.leases() == [] and not store.in_use()


def test_a_partitioned_node_stops_before_its_lease_expires(
    store: PostgresStore, postgres: PostgresServer, pg_uri: str
) -> None:
    proxy = PartitionProxy(postgres.port)
    via_proxy = pg_uri.replace(f":{postgres.port}/", f":{proxy.port}/")
    cut_store = PostgresStore(via_proxy)
    lonely = FakeNode(cut_store, "cut-off", KEYS[:6])
    wait_until(lambda: lonely.polling() == set(KEYS[:6]), 4 * LEASE, "the node owns its listeners")
    # Another package polling the same mailboxes: it wants them all, but leases are per mailbox.
    other = FakeNode(store, "other", KEYS[:6], package="other-package")
    try:
        time.sleep(LEASE)
        assert other.polling() == set(), "a second node must not poll what the first one owns"
        proxy.cut()
        cut_at = time.monotonic()
        wait_until(lambda: other.polling() == set(KEYS[:6]), 3 * LEASE, "the other node takes over")
        first_start = min(t for t, what, _ in other.events if what == "start")
        last_handled = max(lonely.handling.values())
        assert last_handled < first_start, "two nodes handled the same listener at once"
        assert last_handled < cut_at + LEASE, "the cut-off node handled after its lease could have expired"
        assert first_start - cut_at <= 2 * LEASE, f"take-over took {first_start - cut_at:.2f}s"
        wait_until(lambda: lonely.polling() == set(), 2 * LEASE, "the cut-off node stops its pollers")
        proxy.heal()
        time.sleep(2 * LEASE)
        assert lonely.polling() == set() or other.polling() != set(KEYS[:6])
        assert set(lonely.polling()) & set(other.polling()) == set()
    finally:
        other.coordinator.close()
        lonely.coordinator.close()
        cut_store.close()
        proxy.close()
