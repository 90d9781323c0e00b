"""The routing examples end to end against real peers on loopback: a message appended to Dovecot is
picked up by `balmail run --once`, the handler posts JSON to an HTTPS ticket API (stdlib
`http.server` with the Dovecot CA's certificate), answers by SMTP (aiosmtpd over SMTPS) and files
attachments; what the peers received is checked, and each refused permission is shown to stop the
handler with an error naming the flag (and to leave the message unacknowledged)."""

from __future__ import annotations

import email
import email.policy
import http.server
import json
import os
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from mail.dovecot_harness import HOST, DovecotServer, free_port
from mail.smtp_peer import PeerCertificates, PeerKind, PeerUnavailable, SmtpPeer, require_aiosmtpd

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"
TOKEN = "test-token"


class TicketApi:
    """An HTTPS ticket system: `POST /api/tickets` with the right bearer token creates a ticket."""

    def __init__(self, cert: Path, key: Path) -> None:
        self.port = free_port()
        self.received: list[dict[str, Any]] = []
        api = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path != "/api/tickets":
                    return self.answer(404, {"error": "no such resource"})
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    return self.answer(401, {"error": "bad token"})
                api.received.append(
                    {"headers": dict(self.headers.items()), "ticket": json.loads(body.decode("utf-8"))}
                )
                return self.answer(201, {"id": 1000 + len(api.received), "status": "open"})

            def answer(self, code: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer((HOST, self.port), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}/api"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def peers(dovecot: DovecotServer) -> Iterator[tuple[TicketApi, SmtpPeer]]:
    """An HTTPS API and an SMTPS server with the Dovecot's certificate, so one `certPath` (the
    Dovecot CA) trusts all three servers, as one company CA would."""
    try:
        require_aiosmtpd()
    except PeerUnavailable as missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the SMTP peer cannot run: {missing}", pytrace=False)
        pytest.skip(str(missing))
    key = dovecot.server_cert.parent / "server.key"
    certs = PeerCertificates(dovecot.ca_cert, dovecot.wrong_ca_cert, dovecot.server_cert, key)
    api = TicketApi(dovecot.server_cert, key)
    smtp = SmtpPeer(PeerKind.SMTPS, certs).start()
    try:
        yield api, smtp
    finally:
        smtp.stop()
        api.stop()


@pytest.fixture
def clean_peers(peers: tuple[TicketApi, SmtpPeer]) -> tuple[TicketApi, SmtpPeer]:
    api, smtp = peers
    api.received.clear()
    smtp.clear()
    return api, smtp


def run_example(
    folder: str, program: str, tmp_path: Path, overrides: dict[str, str], *flags: str
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    args = [f"-C{k}={v}" for k, v in overrides.items()]
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", "run", "--once", "--state-dir", str(tmp_path), *flags, *args,
         program],
        cwd=EXAMPLES / folder, capture_output=True, text=True, env=env, timeout=90,
    )  # fmt: skip


def mail_settings(mailbox: DovecotServer, port: int, smtp: SmtpPeer | None = None) -> dict[str, str]:
    settings = {
        "host": mailbox.host,
        "port": str(port),
        "username": "alice",
        "password": mailbox.users["alice"],
        "certPath": str(mailbox.ca_cert),
    }
    if smtp is not None:
        settings |= {"smtpHost": smtp.host, "smtpPort": str(smtp.port)}
    return settings


def received(smtp: SmtpPeer, index: int = 0) -> email.message.EmailMessage:
    return email.message_from_bytes(smtp.deliveries[index].data, policy=email.policy.default)  # type: ignore[return-value]


# -- routing_http_imap ------------------------------------------------------------------------

ROUTED = (
    b"From: ann@localhost\r\nTo: alice@example.test\r\nSubject: Login is down - urgent\r\n"
    b"Message-ID: <m1@localhost>\r\n\r\nI cannot log in since this morning.\r\n"
)


def test_routing_posts_a_ticket_and_confirms_by_smtp(
    mailbox: DovecotServer, clean_peers: tuple[TicketApi, SmtpPeer], tmp_path: Path
) -> None:
    api, smtp = clean_peers
    uid = mailbox.append("alice", ROUTED)
    overrides = mail_settings(mailbox, mailbox.imaps_port, smtp) | {
        "ticketApi": api.url,
        "apiToken": TOKEN,
        "apiCertPath": str(mailbox.ca_cert),
    }
    done = run_example("routing_http_imap", "routing.bal", tmp_path, overrides, "--allow-net=127.0.0.1")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "ticket created" in done.stderr, done.stderr
    assert [r["ticket"] for r in api.received] == [
        {
            "subject": "Login is down - urgent",
            "requester": "ann@localhost",
            "body": "I cannot log in since this morning.\n",
            "priority": "high",
            "labels": ["login"],
        }
    ]
    assert api.received[0]["headers"]["Content-Type"] == "application/json"
    assert len(smtp.deliveries) == 1, done.stderr
    delivery = smtp.deliveries[0]
    assert delivery.recipients == ["ann@localhost"] and delivery.tls and delivery.authenticated_as == "alice"
    reply = received(smtp)
    assert reply["Subject"] == "[#1001] Login is down - urgent"
    assert reply["X-Ticket-Id"] == "1001"
    assert "ticket #1001 (priority high)" in reply.get_content()
    assert "\\Seen" in mailbox.flags("alice").get(uid, set())


def test_routing_without_the_smtp_permission_fails_the_handler(
    mailbox: DovecotServer, clean_peers: tuple[TicketApi, SmtpPeer], tmp_path: Path
) -> None:
    api, smtp = clean_peers
    uid = mailbox.append("alice", ROUTED)
    overrides = mail_settings(mailbox, mailbox.imaps_port, smtp) | {
        "ticketApi": api.url,
        "apiToken": TOKEN,
        "apiCertPath": str(mailbox.ca_cert),
    }
    flag = f"--allow-net=127.0.0.1:{api.port}"
    done = run_example("routing_http_imap", "routing.bal", tmp_path, overrides, flag)
    assert done.returncode == 0, done.stderr
    assert f"grant it with --allow-net=127.0.0.1:{smtp.port}" in done.stderr, done.stderr
    assert len(api.received) == 1 and smtp.deliveries == []
    assert "\\Seen" not in mailbox.flags("alice").get(uid, set())  # retried on a later cycle


def test_routing_without_the_api_permission_refuses_at_start(
    mailbox: DovecotServer, clean_peers: tuple[TicketApi, SmtpPeer], tmp_path: Path
) -> None:
    api, smtp = clean_peers
    mailbox.append("alice", ROUTED)
    overrides = mail_settings(mailbox, mailbox.imaps_port, smtp) | {"ticketApi": api.url, "apiToken": TOKEN}
    done = run_example("routing_http_imap", "routing.bal", tmp_path, overrides)
    assert done.returncode == 1
    assert f"grant it with --allow-net=127.0.0.1:{api.port}" in done.stderr, done.stderr
    assert api.received == []


# -- auto_responder_pop -----------------------------------------------------------------------


def test_auto_responder_answers_people_and_not_machines(
    mailbox: DovecotServer, clean_peers: tuple[TicketApi, SmtpPeer], tmp_path: Path
) -> None:
    _, smtp = clean_peers
    mailbox.append(
        "alice",
        b"From: bob@localhost\r\nTo: alice@example.test\r\nSubject: Question about my invoice\r\n"
        b"Message-ID: <q1@localhost>\r\n\r\nHello?\r\n",
    )
    mailbox.append(
        "alice",
        b"From: carol@localhost\r\nTo: alice@example.test\r\nSubject: Out of office\r\n"
        b"Auto-Submitted: auto-replied\r\n\r\nI am away.\r\n",
    )
    overrides = mail_settings(mailbox, mailbox.pop3s_port, smtp) | {"replyFrom": "helpdesk@localhost"}
    done = run_example(
        "auto_responder_pop", "auto_responder.bal", tmp_path, overrides, "--allow-net=127.0.0.1"
    )
    assert done.returncode == 0, done.stderr
    assert "no auto-reply" in done.stderr and "automatic message" in done.stderr, done.stderr
    assert len(smtp.deliveries) == 1
    assert smtp.deliveries[0].recipients == ["bob@localhost"]
    reply = received(smtp)
    assert reply["Subject"] == "Re: Question about my invoice"
    assert reply["From"] == "helpdesk@localhost"
    assert reply["In-Reply-To"] == "<q1@localhost>" and reply["References"] == "<q1@localhost>"
    assert reply["Auto-Submitted"] == "auto-replied"
    assert 'we received your message "Question about my invoice"' in reply.get_content()
    assert mailbox.flags("alice") == {}  # POP3 deleted both: both were handled


def test_auto_responder_without_network_permission(
    mailbox: DovecotServer, clean_peers: tuple[TicketApi, SmtpPeer], tmp_path: Path
) -> None:
    _, smtp = clean_peers
    overrides = mail_settings(mailbox, mailbox.pop3s_port, smtp)
    done = run_example("auto_responder_pop", "auto_responder.bal", tmp_path, overrides)
    assert done.returncode == 1
    assert f"grant it with --allow-net=127.0.0.1:{smtp.port}" in done.stderr, done.stderr


# -- attachment_filer_imap --------------------------------------------------------------------


def with_attachments() -> tuple[bytes, bytes, bytes]:
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 4
    text = "line one\r\nline two ü\r\n".encode()
    message = EmailMessage()
    message["From"] = "dan@localhost"
    message["To"] = "alice@example.test"
    message["Subject"] = "Scans"
    message.set_content("Two files attached.")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="scan 1.pdf")
    message.add_attachment(text, maintype="text", subtype="plain", filename="../../notes.txt")
    return message.as_bytes(policy=email.policy.SMTP), pdf, text


def test_filer_writes_attachments_index_and_metadata(mailbox: DovecotServer, tmp_path: Path) -> None:
    raw, pdf, text = with_attachments()
    uid = mailbox.append("alice", raw)
    folder = tmp_path / "filed"
    folder.mkdir()
    overrides = mail_settings(mailbox, mailbox.imaps_port) | {"folder": str(folder)}
    done = run_example(
        "attachment_filer_imap", "attachment_filer.bal", tmp_path, overrides, f"--allow-write={folder}"
    )
    assert done.returncode == 0, done.stderr
    assert "attachments filed" in done.stderr, done.stderr
    assert (folder / "1-1-scan_1.pdf").read_bytes() == pdf
    assert (folder / "1-2-notes.txt").read_bytes() == text
    assert sorted(p.name for p in tmp_path.rglob("notes.txt")) == []  # nothing climbed out
    assert (folder / "index.csv").read_text().splitlines() == [
        f"{folder}/1-1-scan_1.pdf,application/pdf,{len(pdf)}",
        f"{folder}/1-2-notes.txt,text/plain,{len(text)}",
    ]
    meta = json.loads((folder / "1-message.json").read_text())
    assert meta == {
        "subject": "Scans",
        "from": "dan@localhost",
        "files": [f"{folder}/1-1-scan_1.pdf", f"{folder}/1-2-notes.txt"],
    }
    assert "\\Seen" in mailbox.flags("alice").get(uid, set())


def test_filer_without_write_permission_writes_nothing(mailbox: DovecotServer, tmp_path: Path) -> None:
    raw, _, _ = with_attachments()
    uid = mailbox.append("alice", raw)
    folder = tmp_path / "filed"
    folder.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    overrides = mail_settings(mailbox, mailbox.imaps_port) | {"folder": str(folder)}
    done = run_example(
        "attachment_filer_imap", "attachment_filer.bal", tmp_path, overrides, f"--allow-write={elsewhere}"
    )
    assert done.returncode == 0, done.stderr
    assert f"grant it with --allow-write={folder}/1-1-scan_1.pdf" in done.stderr, done.stderr
    assert list(folder.iterdir()) == []
    assert "\\Seen" not in mailbox.flags("alice").get(uid, set())


# -- forwarding with attachments --------------------------------------------------------------

FORWARDER = """import ballerina/email;

configurable string host = ?;
configurable int port = ?;
configurable string password = ?;
configurable string certPath = ?;
configurable int smtpPort = ?;

service "forwarder" on new email:ImapListener({host, port, username: "alice", password,
        secureSocket: {cert: certPath}}) {
    remote function onMessage(email:Message message) returns error? {
        email:SmtpClient smtp = check new (host, "alice", password, port = smtpPort,
            secureSocket = {cert: certPath});
        check smtp->sendMessage({
            to: "archive@localhost",
            subject: "Fwd: " + message.subject,
            'from: "alice@localhost",
            body: message.body ?: "",
            attachments: message?.attachments
        });
    }
}
"""


def test_handler_forwards_a_received_message_with_its_attachments(
    mailbox: DovecotServer, clean_peers: tuple[TicketApi, SmtpPeer], tmp_path: Path
) -> None:
    _, smtp = clean_peers
    raw, pdf, text = with_attachments()
    mailbox.append("alice", raw)
    program = tmp_path / "forwarder.bal"
    program.write_text(FORWARDER)
    settings = mail_settings(mailbox, mailbox.imaps_port, smtp)
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    args = [f"-C{k}={v}" for k, v in settings.items() if k not in ("username", "smtpHost")]
    done = subprocess.run(
        [sys.executable, "-m", "balmail.cli", "run", "--once", "--state-dir", str(tmp_path),
         "--allow-net=127.0.0.1", *args, str(program)],
        capture_output=True, text=True, env=env, timeout=90,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(smtp.deliveries) == 1, done.stderr
    forwarded = received(smtp)
    assert forwarded["Subject"] == "Fwd: Scans"
    parts = [p for p in forwarded.iter_attachments()]
    assert [p.get_filename() for p in parts] == ["scan 1.pdf", "../../notes.txt"]
    assert parts[0].get_content() == pdf
    assert parts[1].get_payload(decode=True) == text
    assert forwarded.get_body(("plain",)).get_content().startswith("Two files attached.")
