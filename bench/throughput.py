"""Listener throughput: `balmail run --once` dispatching N messages (~2 KB each) from a real
Dovecot on loopback to a trivial handler, beside a raw standard-library client doing the same
work (fetch, parse with `email`, mark seen / delete) in the same run. Prints messages/second and
the balmail/raw ratio for IMAP and POP3 (goal >= 0.5x), then listeners side by side: the drain time
of 20 listeners (20 mailboxes) whose handler sleeps 50 ms against one listener with the same
handler and the same messages per mailbox (goal <= 1.5x), then the peak RSS of `balmail run` with
1 and with 100 idle listeners (goal <= 150 MB).

Two raw baselines: 'default' parses with `email.policy.default` and reads what a handler gets
(addresses, decoded subject, text body) - the modern stdlib way, and what balmail builds on;
'lean' parses with compat32 and decodes with `decode_header`/`getaddresses`, which does less
(no MIME walk, no structured headers) and is the harder target. Ratios are given with balmail's
fixed start-up (imports, parse, compile: one run on an empty mailbox) and without it.

Run: `python bench/throughput.py` (5,000 messages; `--count 500` for a quick run, `--no-rss`,
`--no-side-by-side`, `--baseline default|lean`). Dovecot is started with the test harness of
tests/mail (Debian `dovecot-imapd`, `dovecot-pop3d`).
"""

from __future__ import annotations

import argparse
import email
import email.header
import email.policy
import email.utils
import imaplib
import os
import poplib
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))

from mail import dovecot_harness  # noqa: E402
from mail.dovecot_harness import DovecotServer, start_dovecot  # noqa: E402

SIDE_BY_SIDE = 20
SLEEPY_PER_MAILBOX = 20
SLEEPY_USERS = {f"load{n:02d}": f"load-password-{n:02d}" for n in range(SIDE_BY_SIDE)}
dovecot_harness.USERS.update(SLEEPY_USERS)  # mailboxes of the side-by-side figure (bench only)

SLEEPY_LISTENER = """
listener email:ImapListener inbox{n} = check new ({{
    host: host, username: "{user}", password: "{password}", port: {port},
    security: email:START_TLS_NEVER, pollingInterval: 3600
}});

service on inbox{n} {{
    remote function onMessage(email:Message m) {{
        io:println("start");
        runtime:sleep(0.05);
        io:println("end");
    }}
}}
"""

USER = "alice"
FETCH_BATCH = 25
"""As balmail's IMAP poller (`mail/imap.py` DEFAULT_FETCH_BATCH), so both do the same round trips."""

TRIVIAL_HANDLER = """import ballerina/email;

configurable string host = ?;
configurable int port = ?;
configurable string password = ?;

listener email:{kind}Listener inbox = check new ({{
    host: host,
    username: "{user}",
    password: password,
    port: port,
    security: email:START_TLS_NEVER,
    pollingInterval: 3600
}});

service on inbox {{
    remote function onMessage(email:Message message) {{
    }}
}}
"""

IDLE_LISTENER = """listener email:{kind}Listener l{n} = new ({{
    host: host, username: "{user}", password: password, port: {port},
    security: email:START_TLS_NEVER, pollingInterval: {interval}
}});

service "s{n}" on l{n} {{
    remote function onMessage(email:Message message) {{
    }}
}}
"""


def make_messages(count: int) -> list[bytes]:
    """Plain-text messages of about 2 KB with realistic headers (names, several recipients)."""
    line = "The quarterly figures are attached below; please review them before Friday.\n"
    body = line * 24
    messages = []
    for i in range(count):
        messages.append(
            (
                f'From: "Ann Example {i}" <ann{i}@example.test>\n'
                f"To: Alice <alice@example.test>, bob@example.test\n"
                f"Cc: =?utf-8?q?J=C3=B6rg?= <joerg@example.test>\n"
                f"Subject: Report {i}: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\n"
                f"Date: Mon, 02 Mar 2026 10:{i % 60:02d}:00 +0000\n"
                f"Message-ID: <bench-{i}@example.test>\n"
                f"MIME-Version: 1.0\n"
                f"Content-Type: text/plain; charset=utf-8\n\n"
                f"{body}"
            ).encode()
        )
    return messages


def fill(server: DovecotServer, messages: list[bytes]) -> None:
    server.reset(USER)
    server.append_many(USER, messages)


def raw_imap(server: DovecotServer, lean: bool) -> int:
    """What a hand-written imaplib poller does: unseen UIDs, batched BODY.PEEK[], parse, \\Seen."""
    imap = imaplib.IMAP4(server.host, server.imap_port, timeout=60)
    imap.login(USER, server.users[USER])
    imap.select("INBOX")
    _, data = imap.uid("SEARCH", "UNSEEN")
    uids = [int(token) for token in data[0].split()]
    handled = 0
    for start in range(0, len(uids), FETCH_BATCH):
        batch = uids[start : start + FETCH_BATCH]
        _, data = imap.uid("FETCH", ",".join(map(str, batch)), "(UID BODY.PEEK[])")
        for item in data:
            if isinstance(item, tuple):
                _parse(item[1], lean)
                handled += 1
        imap.uid("STORE", ",".join(map(str, batch)), "+FLAGS.SILENT", "(\\Seen)")
    imap.logout()
    return handled


def raw_pop3(server: DovecotServer, lean: bool) -> int:
    """What a hand-written poplib poller does: UIDL, RETR, parse, DELE each, QUIT."""
    pop = poplib.POP3(server.host, server.pop3_port, timeout=60)
    pop.user(USER)
    pop.pass_(server.users[USER])
    _, listing, _ = pop.uidl()
    handled = 0
    for entry in listing:
        number = int(entry.split()[0])
        _, lines, _ = pop.retr(number)
        _parse(b"\r\n".join(lines), lean)
        pop.dele(number)
        handled += 1
    pop.quit()
    return handled


def _consume(message: email.message.EmailMessage) -> None:
    """Touch what a handler gets (addresses, subject, body), as balmail's mapping does."""
    for name in ("from", "to", "cc", "subject"):
        str(message.get(name, ""))
    part = message.get_body(("plain",))
    if part is not None:
        part.get_content()


def _consume_lean(message: email.message.Message) -> None:
    """The least a client can do and still hand over decoded text: compat32 headers through
    `decode_header`/`getaddresses`, the body through `get_payload(decode=True)`."""
    for name in ("from", "to", "cc"):
        email.utils.getaddresses(message.get_all(name, []))
    str(email.header.make_header(email.header.decode_header(message.get("subject", ""))))
    payload = message.get_payload(decode=True)
    if isinstance(payload, bytes):
        payload.decode(message.get_content_charset() or "utf-8", "replace")


def _parse(raw: bytes, lean: bool) -> None:
    if lean:
        _consume_lean(email.message_from_bytes(raw))
    else:
        _consume(email.message_from_bytes(raw, policy=email.policy.default))


def balmail_command(program: Path, state_dir: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "balmail.cli", "run", "--state-dir", str(state_dir), *extra, str(program)]


def run_balmail_once(server: DovecotServer, program: Path, port: int, work: Path) -> float:
    state_dir = Path(tempfile.mkdtemp(dir=work, prefix="state-"))
    command = balmail_command(
        program, state_dir, "--once", f"-Chost={server.host}", f"-Cport={port}",
        f"-Cpassword={server.users[USER]}",
    )  # fmt: skip
    log_path = state_dir / "balmail.log"
    with open(log_path, "w", encoding="utf-8") as log:  # as a cron job appending to a log file
        started = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=log, env=_env())
        elapsed = time.perf_counter() - started
    errors = log_path.read_text(encoding="utf-8")
    if done.returncode != 0 or "level=ERROR" in errors:
        raise SystemExit(f"balmail run failed ({done.returncode}):\n{errors[-3000:]}")
    return elapsed


def _env() -> dict[str, str]:
    """As a user runs it: INFO logging (one line per message on stderr)."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    env.pop("BALMAIL_LOG_LEVEL", None)
    return env


def remaining(server: DovecotServer, protocol: str) -> int:
    """Messages a run left unhandled (unseen for IMAP, still present for POP3)."""
    imap = server.admin(USER)
    try:
        imap.select("INBOX", readonly=True)
        _, data = imap.uid("SEARCH", "UNSEEN" if protocol == "IMAP" else "ALL")
        return len(data[0].split())
    finally:
        imap.logout()


BASELINES = {
    "default": "email.policy.default, fields read as a handler gets them",
    "lean": "compat32 + decode_header/getaddresses/get_payload (less decoding)",
}


def measure(
    server: DovecotServer,
    protocol: str,
    messages: list[bytes],
    work: Path,
    baselines: list[str],
) -> tuple[dict[str, float], float, float]:
    """Seconds for the raw client per baseline, for `balmail run --once`, and for balmail's
    fixed start-up (the same command on an empty mailbox)."""
    kind = "Imap" if protocol == "IMAP" else "Pop"
    port = server.imap_port if protocol == "IMAP" else server.pop3_port
    program = work / f"bench_{kind.lower()}.bal"
    program.write_text(TRIVIAL_HANDLER.format(kind=kind, user=USER), encoding="utf-8")
    raw = raw_imap if protocol == "IMAP" else raw_pop3

    raw_seconds: dict[str, float] = {}
    for baseline in baselines:
        fill(server, messages)
        started = time.perf_counter()
        handled = raw(server, baseline == "lean")
        raw_seconds[baseline] = time.perf_counter() - started
        if handled != len(messages) or remaining(server, protocol):
            raise SystemExit(f"raw {protocol} client handled {handled} of {len(messages)}")

    fill(server, messages)
    balmail_seconds = run_balmail_once(server, program, port, work)
    left = remaining(server, protocol)
    if left:
        raise SystemExit(f"balmail left {left} of {len(messages)} {protocol} messages unhandled")

    server.reset(USER)
    startup_seconds = run_balmail_once(server, program, port, work)
    return raw_seconds, balmail_seconds, startup_seconds


def peak_rss_mib(server: DovecotServer, listeners: int, seconds: float, work: Path) -> float:
    """Peak RSS of `balmail run` with `listeners` IMAP/POP3 listeners polling an empty mailbox
    every second, stopped with SIGTERM after `seconds`."""
    parts = ["import ballerina/email;\n\nconfigurable string host = ?;\nconfigurable string password = ?;\n"]
    for n in range(listeners):
        kind, port = ("Imap", server.imap_port) if n % 2 == 0 else ("Pop", server.pop3_port)
        parts.append(IDLE_LISTENER.format(kind=kind, n=n, user=USER, port=port, interval=1))
    program = work / f"idle_{listeners}.bal"
    program.write_text("\n".join(parts), encoding="utf-8")
    state_dir = Path(tempfile.mkdtemp(dir=work, prefix="state-"))
    command = balmail_command(program, state_dir, f"-Chost={server.host}", f"-Cpassword={server.users[USER]}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
    time.sleep(seconds)
    process.send_signal(signal.SIGTERM)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"idle balmail run failed ({process.returncode}):\n{errors[-3000:]}")
    return usage.ru_maxrss / 1024  # kilobytes on Linux


def drain_seconds(server: DovecotServer, listeners: int, work: Path) -> tuple[float, float]:
    """(drain, whole run) of `balmail run --once` with SLEEPY_PER_MAILBOX messages in each of
    `listeners` mailboxes. Drain: from the first handler's start to the last handler's end, as the
    handlers' own stdout lines arrive (start-up and compile are the same for both and left out)."""
    users = list(SLEEPY_USERS)[:listeners]
    parts = ["import ballerina/email;\nimport ballerina/io;\nimport ballerina/lang.runtime;\n\n"
             "configurable string host = ?;\n"]  # fmt: skip
    for n, user in enumerate(users):
        password = SLEEPY_USERS[user]
        parts.append(SLEEPY_LISTENER.format(n=n, user=user, password=password, port=server.imap_port))
    program = work / f"sleepy_{listeners}.bal"
    program.write_text("\n".join(parts), encoding="utf-8")
    for user in users:
        server.reset(user)
        server.append_many(user, make_messages(SLEEPY_PER_MAILBOX))
    state_dir = Path(tempfile.mkdtemp(dir=work, prefix="state-"))
    command = balmail_command(program, state_dir, "--once", f"-Chost={server.host}")
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), text=True
    )
    stamps: list[tuple[float, str]] = []
    assert process.stdout is not None
    for line in process.stdout:
        stamps.append((time.perf_counter(), line.strip()))
    errors = process.stderr.read() if process.stderr else ""
    whole = time.perf_counter() - started
    if process.wait() != 0:
        raise SystemExit(f"side-by-side run failed ({process.returncode}):\n{errors[-3000:]}")
    if any(remaining_in(server, user) for user in users):
        raise SystemExit("side-by-side run left messages unhandled")
    starts = [t for t, text in stamps if text == "start"]
    ends = [t for t, text in stamps if text == "end"]
    if len(ends) != listeners * SLEEPY_PER_MAILBOX:
        raise SystemExit(f"expected {listeners * SLEEPY_PER_MAILBOX} handler runs, saw {len(ends)}")
    return max(ends) - min(starts), whole


def remaining_in(server: DovecotServer, user: str) -> int:
    return sum(1 for flags in server.flags(user).values() if "\\Seen" not in flags)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="messages per protocol (default 5000)")
    parser.add_argument("--protocol", choices=["IMAP", "POP3", "both"], default="both")
    parser.add_argument("--no-rss", action="store_true", help="skip the idle-listener memory figures")
    parser.add_argument("--idle-seconds", type=float, default=8.0, help="how long idle listeners run")
    parser.add_argument("--no-side-by-side", action="store_true", help="skip the 20-listener figure")
    parser.add_argument(
        "--baseline",
        choices=["default", "lean", "both"],
        default="both",
        help="how the raw client parses: " + "; ".join(f"{k}: {v}" for k, v in BASELINES.items()),
    )
    args = parser.parse_args()
    ssl.create_default_context()  # fail early on a broken OpenSSL, before starting Dovecot
    baselines = list(BASELINES) if args.baseline == "both" else [args.baseline]

    messages = make_messages(args.count)
    size = sum(len(m) for m in messages) / len(messages)
    print(f"{args.count} messages of ~{size / 1024:.1f} KB each, Dovecot on loopback (plaintext);")
    print(
        "balmail: `balmail run --once`, trivial handler, INFO log to a file; start-up = same run, empty box"
    )
    for baseline in baselines:
        print(f"raw client '{baseline}': fetch, parse with {BASELINES[baseline]}, mark seen / delete")
    server = start_dovecot()
    work = Path(tempfile.mkdtemp(prefix="balmail-bench-"))
    try:
        protocols = ["IMAP", "POP3"] if args.protocol == "both" else [args.protocol]
        for protocol in protocols:
            raw_s, bal_s, start_s = measure(server, protocol, messages, work, baselines)
            bal_rate = args.count / bal_s
            print(
                f"{protocol}: balmail {bal_rate:6.0f} msg/s ({bal_s:.2f}s, of which start-up {start_s:.2f}s)"
            )
            for baseline, seconds in raw_s.items():
                raw_rate = args.count / seconds
                print(
                    f"  vs raw '{baseline}' {raw_rate:6.0f} msg/s ({seconds:.2f}s): ratio "
                    f"{bal_rate / raw_rate:.2f}x (goal >= 0.5x); without start-up "
                    f"{seconds / max(bal_s - start_s, 1e-9):.2f}x"
                )
        if not args.no_side_by_side:
            one, one_whole = drain_seconds(server, 1, work)
            many, many_whole = drain_seconds(server, SIDE_BY_SIDE, work)
            print(
                f"side by side: {SIDE_BY_SIDE} listeners x {SLEEPY_PER_MAILBOX} messages, 50 ms handler, "
                f"drain {many:.2f}s vs 1 listener: {one:.2f}s = {many / one:.2f}x (goal <= 1.5x; one "
                f"after another would be {SIDE_BY_SIDE}x); whole --once runs {many_whole:.2f}s / "
                f"{one_whole:.2f}s"
            )
        if not args.no_rss:
            server.reset(USER)
            for listeners in (1, 100):
                rss = peak_rss_mib(server, listeners, args.idle_seconds, work)
                print(f"peak RSS, {listeners:3} idle listener(s) polling every 1s: {rss:6.1f} MiB")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
