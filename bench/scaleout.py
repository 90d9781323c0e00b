"""Scale-out on PostgreSQL (docs/scale-out.md): drain rate of 30 mailboxes x 50 messages with 1, 2 and
3 `balmail run` nodes, fail-over time after `kill -9` of a node, and the store's cost per message on
PostgreSQL against SQLite (both measured in this run).

    python bench/scaleout.py [--per-mailbox 50] [--handler-ms 20] [--lease 3]

Needs Dovecot and PostgreSQL (Debian's packages; .ci/setup installs both). Nodes start on empty
mailboxes and the clock starts once their leases are spread evenly; then all messages are delivered
at once (files in the Maildirs, as an MDA does) and the drain is the time until the last handler ended.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))
sys.path.insert(0, str(REPO_ROOT))

from cluster.cluster_harness import Node, add_users, deliver, handled, leases, write_program  # noqa: E402
from mail.dovecot_harness import DovecotServer, start_dovecot  # noqa: E402
from mail.postgres_harness import PostgresServer, start_postgres  # noqa: E402

from balmail.mail.state import MessageKey  # noqa: E402
from balmail.mail.store import open_store  # noqa: E402

MAILBOXES = 30


def wait(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out: {what}")
        time.sleep(0.02)


def empty(server: DovecotServer, users: list[str]) -> None:
    for user in users:
        server.reset(user)


def drain(server: DovecotServer, pg: PostgresServer, users: list[str], count: int, args: argparse.Namespace,
          work: Path) -> tuple[float, float]:
    """(seconds from the messages' arrival to the last handler's end, writing the files before)."""
    uri = pg.database()
    empty(server, users)
    program = write_program(work / f"n{count}", server, users, uri=uri, lease=args.lease,
                            handler_ms=args.handler_ms)  # fmt: skip
    nodes = [Node(program, f"n{i}") for i in range(count)]
    try:
        cap = -(-MAILBOXES // count)

        def spread() -> bool:
            owners = [o for o, _ in leases(uri).values()]
            return len(owners) == MAILBOXES and all(owners.count(n.node_id) in (cap, cap - 1) for n in nodes)

        wait(spread, 60 + 10 * args.lease, "leases spread over the nodes")
        staging = time.monotonic()
        published: list[float] = []
        subjects = deliver(server, users, args.per_mailbox, lambda: published.append(time.monotonic()))
        began = published[0]
        appended = began - staging
        wait(lambda: set(handled(nodes)) >= subjects, 600, "every message handled")
        last = max(line.at for node in nodes for line in node.ended())
        return last - began, appended
    finally:
        for node in nodes:
            node.stop(30)


def failover(server: DovecotServer, pg: PostgresServer, users: list[str], args: argparse.Namespace,
             work: Path) -> tuple[float, float]:
    """kill -9 of one of three nodes: (seconds until its leases have new owners, until the first
    of its mailboxes' messages is handled elsewhere)."""
    uri = pg.database()
    empty(server, users)
    program = write_program(
        work / "failover", server, users, uri=uri, lease=args.lease, handler_ms=args.handler_ms
    )
    nodes = [Node(program, f"n{i}") for i in range(3)]
    try:
        wait(lambda: {o for o, _ in leases(uri).values()} == {n.node_id for n in nodes}, 120, "three owners")
        victim = nodes[0]
        held = {k.split()[1] for k, (o, _) in leases(uri).items() if o == victim.node_id}
        victim.kill()
        killed = time.monotonic()
        for user in held:  # new mail for the dead node's mailboxes: who handles it, and when?
            server.append(user, f"Subject: {user}-after\n\nx\n".encode())
        survivors = {n.node_id for n in nodes[1:]}
        wait(lambda: all(leases(uri)[f"imap://127.0.0.1 {u} INBOX"][0] in survivors for u in held), 120,
             "take-over")  # fmt: skip
        taken = time.monotonic() - killed
        wait(lambda: any(s.endswith("-after") for s in handled(nodes[1:])), 120, "a message handled")
        first = min(line.at for n in nodes[1:] for line in n.ended() if line.subject.endswith("-after"))
        return taken, first - killed
    finally:
        for node in nodes:
            node.stop(30)


def store_cost(spec: str | Path, messages: int) -> float:
    """Milliseconds of store work per message as a poller does it: one `statuses` read per batch of
    100, then `record_attempt` and `mark_handled` per message."""
    store = open_store(spec)
    try:
        began = time.perf_counter()
        for start in range(0, messages, 100):
            ids = [str(uid) for uid in range(start + 1, start + 101)]
            store.statuses("imap://bench", "acct", "INBOX", 1, ids)
            for uid in ids:
                key = MessageKey.imap("imap://bench", "acct", "INBOX", 1, int(uid))
                store.record_attempt(key, "in flight")
                store.mark_handled(key)
        return (time.perf_counter() - began) * 1000 / messages
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--per-mailbox", type=int, default=50)
    parser.add_argument("--handler-ms", type=int, default=20)
    parser.add_argument("--lease", type=float, default=3.0)
    parser.add_argument("--store-messages", type=int, default=2000)
    args = parser.parse_args()
    server = start_dovecot()
    pg = start_postgres()
    work = Path(tempfile.mkdtemp(prefix="balmail-scaleout-"))
    try:
        users = add_users(server, MAILBOXES)
        total = MAILBOXES * args.per_mailbox
        print(f"{MAILBOXES} mailboxes x {args.per_mailbox} messages, handler {args.handler_ms} ms, "
              f"lease {args.lease:g} s")  # fmt: skip
        rates = {}
        for count in (1, 2, 3):
            seconds, appended = drain(server, pg, users, count, args, work)
            rates[count] = total / seconds
            ratio = rates[count] / rates[1]
            print(f"  {count} node(s): drained {total} in {seconds:.2f} s = {rates[count]:.0f} msg/s "
                  f"({ratio:.2f}x of 1 node; files written in {appended:.2f} s before)")  # fmt: skip
        taken, first = failover(server, pg, users, args, work)
        print(f"  kill -9 of 1 of 3 nodes: leases taken over after {taken:.2f} s "
              f"({taken / args.lease:.2f} x lease; goal <= 2 x), first message handled after {first:.2f} s")
        sqlite = [store_cost(work / f"s{i}.db", args.store_messages) for i in range(3)]
        postgres = [store_cost(pg.database(), args.store_messages) for _ in range(3)]
        s, p = statistics.median(sqlite), statistics.median(postgres)
        print(f"  store per message: SQLite {s:.3f} ms, PostgreSQL {p:.3f} ms "
              f"(+{p - s:.3f} ms, {p / s:.1f}x)")
    finally:
        pg.stop()
        server.stop()


if __name__ == "__main__":
    main()
