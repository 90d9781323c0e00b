"""`balmail dev`: every example runs once against the embedded servers with its own `mail/` seeds
(exact start-up lines, the handlers' log lines, exit codes); the dev loop closes (SMTP in ->
listener -> SMTP reply -> the sender's mailbox); bad input gives clear errors."""

from __future__ import annotations

import http.server
import json
import os
import re
import smtplib
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
import trustme

from balmail.devserver import DevServers

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"
TOKEN = "dev-token"


def balmail(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    for name in ("BAL_CONFIG_FILES", "BAL_CONFIG_DATA", "BALMAIL_LOG_LEVEL"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )


@attrs.frozen
class Case:
    endpoints: tuple[str, ...]
    """The start-up lines for the listeners and clients, ports replaced by {imap}, {imaps}, ..."""
    expected: tuple[str, ...]
    """Fragments of the handlers' log lines (stderr), in order."""
    flags: tuple[str, ...] = ()


CASES = {
    "alert_triage_imap": Case(
        ("listener alertInbox: IMAP alerts@localhost -> 127.0.0.1:{imaps} (SSL)",
         "client smtp: SMTP -> 127.0.0.1:{smtp} (START_TLS_ALWAYS)"),
        ('message="on-call paged" host="api-03" to="oncall@localhost"',
         'message="database warning" host="db-01"', 'message="alert resolved"',
         'message="alert from unknown sender dropped" sender="someone@example.com"',
         'message="alert triage stopped"'),
        ("-CdryRun=false",),
    ),
    "attachment_filer_imap": Case(
        ("listener archive: IMAP archive@localhost -> 127.0.0.1:{imaps} (SSL)",),
        ('message="attachments filed" subject="Signed contract ACME-2026-14" files=2',
         'message="attachments filed" subject="Taxi receipt" files=1',
         'message="nothing to file" subject="Forgot the attachment"'),
        ("-Cfolder={tmp}", "--allow-write={tmp}"),
    ),
    "attachment_inventory_imap": Case(
        ("listener sharedInbox: IMAP shared@localhost -> 127.0.0.1:{imaps} (SSL)",),
        ('message="message inventoried" subject="Q3 figures" attachments=2 totalBytes=245',
         'message="attachment violates policy" fileName="cleanup.sh"',
         'message="message inventoried" subject="Lunch on Friday?" attachments=0'),
    ),
    "auto_responder_pop": Case(
        ("client smtp: SMTP -> 127.0.0.1:{smtps} (SSL)",
         "listener auto-responder: POP3 helpdesk@localhost -> 127.0.0.1:{pop3s} (SSL)"),
        ('message="auto-reply sent" to="Pat Doe <pat@example.com>"',
         'message="auto-reply sent" to="Lee Chan <lee.chan@example.org>"',
         'message="no auto-reply" subject="Automatic reply: Printer on 3rd floor jams"',
         'reason="automatic message"',
         'message="no auto-reply" subject="IT newsletter: December" reason="bulk or list mail"'),
    ),
    "bounce_processor_pop": Case(
        ("listener bounceInbox: POP3 bounces@localhost -> 127.0.0.1:{pop3s} (SSL)",),
        ('message="bounce processed" recipient="gone@example.test" status="5.1.1" action="suppressed"',
         'message="bounce processed" recipient="busy@example.org" status="4.2.2" action="retry later (1/3)"'),
    ),
    "heartbeat_monitor_pop": Case(
        ("listener heartbeatListener: POP3 heartbeat@localhost -> 127.0.0.1:{pop3s} (SSL)",),
        ('message="heartbeat" system="crm" count=1', 'message="heartbeat" system="billing" count=1',
         'message="heartbeat" system="crm" count=2',
         'message="systems without a heartbeat" systems=["warehouse"]'),
        ("-CrunFor=2",),  # main() starts the listener, sleeps runFor seconds, stops it
    ),
    "invoice_archive_imap": Case(
        ("listener invoiceInbox: IMAP invoices@localhost -> 127.0.0.1:{imap} (START_TLS_ALWAYS)",),
        ('message="invoice archived" number="2026-7" vendor="ACME" amount=1200.50',
         'message="invoice needs approval" number="GX-88412"',
         'message="rejected invoice e-mail" error="missing \'Invoice:\' line"'),
    ),
    "mailing_list_digest_imap": Case(
        ("listener listInbox: IMAP lists@localhost -> 127.0.0.1:{imap} (START_TLS_AUTO)",),
        ('message="final digest" lists="users.ballerina.example=2, ops.mail.example=1"',),
    ),
    "meter_readings_plaintext_pop": Case(
        ("listener gatewayInbox: POP3 meters@localhost -> 127.0.0.1:{pop3} (START_TLS_NEVER)",),
        ('message="readings received" batch="batch 2026-11-30 07:00" meters=3',
         'meter="M-1002" kwh=612', 'message="reading e-mail without readings"'),
    ),
    "ops_commands_pop": Case(
        ("listener commandInbox: POP3 ops@localhost -> 127.0.0.1:{pop3} (START_TLS_ALWAYS)",),
        ('message="command executed" operator="ann@localhost" summary="scaling api to 3 replicas"',
         'summary="restarting worker (memory leak)"',
         'reason="sender is not an operator: mallory@example.com"',
         'reason="replicas must be between 1 and 20"'),
    ),
    "order_intake_imap": Case(
        ("listener orderInbox: IMAP orders@localhost -> 127.0.0.1:{imaps} (SSL)",),
        ('message="order accepted" orderId="AB-12345"', 'message="order accepted" orderId="CD-20931"',
         'message="ignoring message without an order number"'),
    ),
    "routing_http_imap": Case(
        ("listener inbox: IMAP support@localhost -> 127.0.0.1:{imaps} (SSL)",
         "client smtp: SMTP -> 127.0.0.1:{smtps} (SSL)"),
        ('message="ticket created" id=', 'priority="normal"', 'message="ticket created" id=',
         'priority="high"', 'message="ticket created" id=', 'priority="normal"'),
        ("-CticketApi={api}", f"-CapiToken={TOKEN}", "-CapiCertPath={api_ca}", "--allow-net={api_host}"),
    ),
    "support_desk_pop": Case(
        ("listener support-desk: POP3 support@localhost -> 127.0.0.1:{pop3s} (SSL)",
         "client smtp: SMTP -> 127.0.0.1:{smtps} (SSL)"),
        ('message="ticket opened" reference="SUP-1001" priority="URGENT"',
         'message="ticket opened" reference="SUP-1002" priority="HIGH"', 'lastTicket=1003 clean=true'),
    ),
}  # fmt: skip


def test_every_example_has_a_case_and_mail() -> None:
    folders = {path.name for path in EXAMPLES.iterdir() if path.is_dir()}
    assert folders == set(CASES)
    for folder in folders:
        assert len(list((EXAMPLES / folder / "mail").glob("*.eml"))) >= 3, folder


class TicketApi:
    """An HTTPS ticket system for routing_http_imap: `POST /api/tickets` creates a ticket."""

    def __init__(self, directory: Path) -> None:
        authority = trustme.CA()
        self.ca_file = directory / "api-ca.pem"
        authority.cert_pem.write_to_path(str(self.ca_file))
        self.received: list[dict[str, Any]] = []
        api = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                ok = self.path == "/api/tickets" and self.headers.get("Authorization") == f"Bearer {TOKEN}"
                if ok:
                    api.received.append(json.loads(body))
                data = json.dumps({"id": 1000 + len(api.received), "status": "open"}).encode()
                self.send_response(201 if ok else 401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        authority.issue_cert("127.0.0.1").configure_cert(context)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def ticket_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TicketApi]:
    api = TicketApi(tmp_path_factory.mktemp("api"))
    try:
        yield api
    finally:
        api.stop()


PORTS = re.compile(r"^  IMAP (\d+)  IMAPS (\d+)  POP3 (\d+)  POP3S (\d+)  SMTP (\d+)  SMTPS (\d+)$", re.M)


@pytest.mark.parametrize("folder", sorted(CASES))
def test_example_runs_once_against_the_dev_servers(
    folder: str, tmp_path: Path, ticket_api: TicketApi
) -> None:
    case = CASES[folder]
    values = {"tmp": str(tmp_path), "api": f"https://127.0.0.1:{ticket_api.port}/api",
              "api_ca": str(ticket_api.ca_file), "api_host": f"127.0.0.1:{ticket_api.port}"}  # fmt: skip
    flags = [flag.format(**values) for flag in case.flags]
    done = balmail("dev", f"examples/{folder}", "--once", *flags)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and 'level=ERROR module="balmail"' not in done.stderr, done.stderr
    seeds = len(list((EXAMPLES / folder / "mail").glob("*.eml")))
    lines = done.stdout.splitlines()
    assert (
        lines[0]
        == f"balmail dev: mail servers on 127.0.0.1, {seeds} seed message(s) from examples/{folder}/mail"
    )
    found = PORTS.search(done.stdout)
    assert found is not None, done.stdout
    ports = dict(zip(("imap", "imaps", "pop3", "pop3s", "smtp", "smtps"), found.groups(), strict=True))
    assert re.match(r"^  CA certificate: .*ca\.pem$", lines[2])
    for line in case.endpoints:
        assert line.format(**ports) in lines, done.stdout
    assert lines[lines.index(next(x for x in lines if x.startswith("listener "))) + 1].startswith(
        "Send one more test message to "
    )
    position = 0
    for fragment in case.expected:
        at = done.stderr.find(fragment, position)
        assert at >= 0, f"{fragment!r} not in order in:\n{done.stderr}"
        position = at
    assert f"fetched {seeds}, handled {seeds}, retried 0, given up 0, errors 0" in done.stderr, done.stderr
    if folder == "routing_http_imap":
        assert {t["subject"] for t in ticket_api.received[-3:]} >= {"URGENT: invoice charged twice"}


def test_the_printed_command_sends_one_more_message(tmp_path: Path) -> None:
    """The copy-paste command works as printed, while `balmail dev` runs; the listener handles it."""
    program = tmp_path / "echo.bal"
    program.write_text(
        "import ballerina/email;\nimport ballerina/log;\n\n"
        'listener email:ImapListener inbox = new ({host: "imap.example.com", username: "me@example.com", '
        'password: "x"});\n\nservice "echo" on inbox {\n    remote function onMessage(email:Message m) {\n'
        '        log:printInfo("got", subject = m.subject);\n    }\n}\n'
    )
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "balmail.cli", "dev", str(program)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert process.stdout is not None and process.stderr is not None
        command = None
        for line in process.stdout:
            if line.startswith("  python3 -c "):
                command = line.strip()
                break
        assert command is not None
        sent = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=30)
        assert sent.returncode == 0, sent.stderr
        for line in process.stderr:
            if 'message="got" subject="One more test"' in line:
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode == 0


def test_dev_loop_smtp_in_listener_smtp_reply_second_mailbox(tmp_path: Path) -> None:
    """A message sent by SMTP reaches the auto-responder's mailbox; its reply, sent through the
    program's SmtpClient, lands in the sender's mailbox. The program is pointed at the servers with
    the endpoint-override flags `balmail dev` builds on (in a subprocess, as a user runs it)."""
    servers = DevServers.start()
    try:
        with smtplib.SMTP("127.0.0.1", servers.ports["smtp"], timeout=10) as smtp:
            smtp.sendmail("kim@example.net", ["helpdesk@localhost"],
                          b"From: Kim <kim@example.net>\r\nTo: helpdesk@localhost\r\nSubject: Wifi down\r\n"
                          b"Message-ID: <wifi-1@example.net>\r\n\r\nThe wifi is down.\r\n")  # fmt: skip
        ca, pop3s, smtps = servers.ca_file, servers.ports["pop3s"], servers.ports["smtps"]
        done = balmail(
            "run", "--once", "--state-dir", str(tmp_path), f"--allow-net=127.0.0.1:{smtps}",
            "--listener", "auto-responder.host=127.0.0.1", "--listener", f"auto-responder.port={pop3s}",
            "--listener", f"auto-responder.caFile={ca}", "--client", "smtp.host=127.0.0.1",
            "--client", f"smtp.port={smtps}", "--client", f"smtp.caFile={ca}", "auto_responder.bal",
            cwd=EXAMPLES / "auto_responder_pop",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert 'message="auto-reply sent" to="Kim <kim@example.net>" subject="Wifi down"' in done.stderr
        (reply,) = servers.messages("kim@example.net")
        assert b"Subject: Re: Wifi down" in reply
        assert b"In-Reply-To: <wifi-1@example.net>" in reply and b"Auto-Submitted: auto-replied" in reply
        assert servers.messages("helpdesk@localhost") == []  # POP3: deleted once handled
    finally:
        servers.stop()


def test_missing_path_is_a_usage_error() -> None:
    done = balmail("dev", "examples/nope", "--once")
    assert done.returncode == 2
    assert done.stderr.endswith("Error: no such file or folder: 'examples/nope'\n")


def test_folder_with_several_programs(tmp_path: Path) -> None:
    (tmp_path / "a.bal").write_text("public function main() {}\n")
    (tmp_path / "b.bal").write_text("public function main() {}\n")
    done = balmail("dev", str(tmp_path), "--once")
    assert done.returncode == 2
    assert f"'{tmp_path}' should hold exactly one .bal file (found: a.bal, b.bal); name the file instead" in (
        done.stderr
    )


def test_missing_seed_folder() -> None:
    done = balmail("dev", "examples/order_intake_imap", "--seed", "no-such-dir", "--once")
    assert done.returncode == 2
    assert done.stderr.endswith("Error: Seed path 'no-such-dir' does not exist\n")


def test_unknown_override_name_in_dev() -> None:
    done = balmail("dev", "examples/order_intake_imap", "--listener", "inbox.port=1", "--once")
    assert done.returncode == 1
    assert done.stderr.endswith(
        "error: --listener inbox.port=1: no email listener named 'inbox' in the program; "
        "valid names: orderInbox\n"
    )


def test_unknown_override_key_in_dev() -> None:
    done = balmail("dev", "examples/order_intake_imap", "--listener", "orderInbox.hots=x", "--once")
    assert done.returncode == 1
    assert done.stderr.startswith(
        "error: --listener orderInbox.hots=x: unknown key 'hots' for listener 'orderInbox'; valid keys: "
        "host, "
        "port, security, username, password, caFile, pollingInterval, concurrency"
    )
