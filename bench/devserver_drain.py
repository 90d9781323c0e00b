"""The embedded dev servers (`balmail.devserver`, used by `balmail dev` and `balmail test`).

drain: messages/s that balmail's poller (`mail/poller.py`: search, batched fetch, parse, a no-op
handler, state store, acknowledge) drains from the embedded IMAP server, beside a real Dovecot
in the same run with the same messages (~2 KB each), and the ratio embedded/Dovecot. POP3 is
measured the same way. Each server is filled over IMAP APPEND (not timed); the best of
`--rounds` is reported. Dovecot comes from the test harness of tests/mail (Debian
`dovecot-imapd`, `dovecot-pop3d`); without it only the embedded figures are printed.

Run: `python bench/devserver_drain.py` (1,000 messages, 3 rounds; `--count 200` for a quick run).
Each benchmark is one function taking the parsed arguments; `BENCHMARKS` lists them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))
sys.path.insert(0, str(REPO_ROOT))

from mail.dovecot_harness import DovecotUnavailable, start_dovecot  # noqa: E402
from mail.embedded_harness import start_embedded  # noqa: E402
from mail.server_harness import MailServer  # noqa: E402

from balmail.mail.connection import Timeouts  # noqa: E402
from balmail.mail.listener_settings import ListenerSettings  # noqa: E402
from balmail.mail.poller import Poller  # noqa: E402
from balmail.mail.state import StateStore  # noqa: E402
from balmail.mail.tls import Security  # noqa: E402

USER = "alice"


def make_messages(count: int) -> list[bytes]:
    """Plain-text messages of about 2 KB with realistic headers."""
    body = "The quarterly figures are attached below; please review them before Friday.\n" * 24
    return [
        (
            f'From: "Ann Example {i}" <ann{i}@example.test>\n'
            f"To: Alice <alice@example.test>, bob@example.test\n"
            f"Subject: Report {i}: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\n"
            f"Date: Mon, 02 Mar 2026 10:{i % 60:02d}:00 +0000\n"
            f"Message-ID: <dev-bench-{i}@example.test>\n"
            f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}"
        ).encode()
        for i in range(count)
    ]


def drain_once(server: MailServer, protocol: str, messages: list[bytes], work: Path) -> float:
    """Fill alice's INBOX, then time the poller's cycles until every message was handled."""
    server.reset(USER)
    server.append_many(USER, messages)
    port = server.imap_port if protocol == "imap" else server.pop3_port
    settings = ListenerSettings(
        protocol=protocol,
        host=server.host,
        port=port,
        username=USER,
        password=server.users[USER],
        security=Security.START_TLS_NEVER,
        timeouts=Timeouts(connect=10, read=60),
        polling_interval=Decimal(3600),
    )
    handled = 0

    def on_message(*_: object) -> None:
        nonlocal handled
        handled += 1

    store = StateStore(work / f"{server.kind}-{protocol}-{time.monotonic_ns()}.db")
    poller = Poller(settings, store, on_message)
    started = time.perf_counter()
    while handled < len(messages):
        result = poller.poll_once()
        if result.error is not None:
            raise SystemExit(f"{server.kind} {protocol}: {result.error}")
    elapsed = time.perf_counter() - started
    store.close()
    return len(messages) / elapsed


def bench_drain(args: argparse.Namespace) -> None:
    messages = make_messages(args.count)
    servers: list[MailServer] = []
    try:
        servers.append(start_dovecot())
    except DovecotUnavailable as missing:
        print(f"(Dovecot not measured: {missing})")
    servers.append(start_embedded())
    try:
        with tempfile.TemporaryDirectory(prefix="balmail-bench-dev-") as work:
            print(
                f"drain: {args.count} messages of ~2 KB, best of {args.rounds} rounds, plaintext on loopback"
            )
            for protocol in ("imap", "pop3"):
                rates = {}
                for server in servers:
                    rates[server.kind] = max(
                        drain_once(server, protocol, messages, Path(work)) for _ in range(args.rounds)
                    )
                    print(f"  {protocol:4} {server.kind:8} {rates[server.kind]:8.0f} messages/s")
                if "dovecot" in rates:
                    print(f"  {protocol:4} embedded/dovecot ratio {rates['embedded'] / rates['dovecot']:.2f}")
    finally:
        for server in servers:
            server.stop()


BENCHMARKS: dict[str, Callable[[argparse.Namespace], None]] = {"drain": bench_drain}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="messages per drain (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per server, best kept (default 3)")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), help="run one benchmark")
    args = parser.parse_args()
    for name, bench in BENCHMARKS.items():
        if args.only in (None, name):
            bench(args)


if __name__ == "__main__":
    main()
