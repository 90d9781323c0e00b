"""Delivery latency with IMAP IDLE: time from APPEND (the server has the message) to the start of
the handler, p50 and p99 over N messages (default 200), for a listener with `idle = true` beside
the same listener polling every 1 s (the baseline), measured in the same run against a real
Dovecot on loopback (the test harness of tests/mail) and the embedded dev server. Goal: IDLE p50
<= 50 ms.

Dovecot delays IDLE notifications by 500 ms on purpose (NOTIFY_DELAY_MSECS in its
mailbox-watch.c, not configurable), so APPEND -> handler cannot go below that there. The
listener's IMAP session notes when it read EXISTS (`ImapClient.exists_at`), which splits each
latency into the server's part and balmail's part (EXISTS read -> handler start: DONE, SEARCH,
FETCH, the store's records, parsing). The embedded server (pymap) takes tens of milliseconds to
notify as well. So the goal is judged on balmail's part, on both servers; the whole is printed.

Messages are appended one at a time over an already logged-in session, each after the previous one
was handled plus a random pause (0-1 s), so polling is sampled at every phase of its interval.
The handler is the poller's callback (what `lib/email` calls before running `onMessage`).

Run: `python bench/idle.py` (`--count 50` for a quick run).
"""

from __future__ import annotations

import argparse
import imaplib
import random
import statistics
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "tests"))

from mail.dovecot_harness import start_dovecot  # noqa: E402
from mail.embedded_harness import start_embedded  # noqa: E402
from mail.server_harness import MailServer  # noqa: E402

from balmail.mail.connection import Timeouts  # noqa: E402
from balmail.mail.listener_settings import ListenerSettings  # noqa: E402
from balmail.mail.options import MailboxOptions  # noqa: E402
from balmail.mail.poller import Poller  # noqa: E402
from balmail.mail.state import StateStore  # noqa: E402
from balmail.mail.tls import Security  # noqa: E402


def measure(
    server: MailServer, idle: bool, interval: str, count: int, state: Path
) -> tuple[list[float], list[float]]:
    """(APPEND -> handler start, EXISTS read by the listener -> handler start) per message."""
    started: dict[str, float] = {}
    arrived = threading.Condition()

    notified: dict[str, float] = {}

    def on_message(message, raw, key) -> None:  # type: ignore[no-untyped-def]
        now = time.monotonic()
        session = poller.idle.session
        with arrived:
            started[message.subject] = now
            if session is not None and session.exists_at is not None:
                notified[message.subject] = session.exists_at
            arrived.notify_all()

    settings = ListenerSettings(
        protocol="imap", host=server.host, port=server.imap_port, username="alice",
        password=server.users["alice"], security=Security.START_TLS_NEVER,
        polling_interval=Decimal(interval), timeouts=Timeouts(connect=5, read=10),
        options=MailboxOptions(idle=idle),
    )  # fmt: skip
    server.reset("alice")
    latencies: list[float] = []
    own: list[float] = []
    with StateStore(state) as store:
        poller = Poller(settings, store, on_message)
        poller.start()
        admin = server.admin("alice")
        try:
            time.sleep(0.5)  # the first (empty) cycle is over
            for n in range(count):
                subject = f"latency {idle} {n}"
                raw = f"From: a@example.test\r\nTo: alice@example.test\r\nSubject: {subject}\r\n\r\nhi\r\n"
                time.sleep(random.uniform(0.0, 1.0))  # any phase of a 1 s polling interval
                sent = time.monotonic()
                typ, data = admin.append("INBOX", None, None, raw.encode())
                assert typ == "OK", data
                with arrived:
                    if not arrived.wait_for(lambda s=subject: s in started, timeout=30):  # type: ignore[misc]
                        raise SystemExit(f"message {n} was not delivered within 30 s")
                latencies.append(started[subject] - sent)
                if idle and subject in notified:
                    own.append(started[subject] - notified[subject])
        finally:
            try:
                admin.logout()
            except (imaplib.IMAP4.error, OSError):
                pass
            poller.stop(5)
    return latencies, own


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def row(name: str, values: list[float]) -> str:
    if not values:
        return f"{name:44} (no EXISTS seen)"
    cells = [pct(values, 50), pct(values, 99), statistics.fmean(values), max(values)]
    return f"{name:44} " + " ".join(f"{v * 1000:7.1f}ms" for v in cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--server", choices=("dovecot", "embedded", "both"), default="both")
    args = parser.parse_args()
    kinds = ("dovecot", "embedded") if args.server == "both" else (args.server,)
    print(f"delivery latency, APPEND -> handler start, {args.count} messages each, on loopback")
    print(f"{'':44} {'p50':>9} {'p99':>9} {'mean':>9} {'max':>9}")
    for kind in kinds:
        server: MailServer = start_dovecot() if kind == "dovecot" else start_embedded()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                idle, idle_own = measure(server, True, "30", args.count, Path(tmp) / "idle.db")
                polled, _ = measure(server, False, "1", args.count, Path(tmp) / "poll.db")
        finally:
            server.stop()
        print(row(f"{kind}: idle = true", idle))
        print(row(f"{kind}: idle, balmail's part (EXISTS read -> handler)", idle_own))
        print(row(f"{kind}: polling every 1 s (baseline)", polled))
        p50 = pct(idle_own, 50) if idle_own else float("nan")
        print(f"{kind}: goal p50 <= 50 ms on balmail's part: "
              f"{p50 * 1000:.1f} ms, {'met' if p50 <= 0.050 else 'NOT met'}; polling/IDLE p50 "
              f"{pct(polled, 50) / pct(idle, 50):.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
