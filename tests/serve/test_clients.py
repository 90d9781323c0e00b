"""`email:ImapClient`, `email:PopClient` and `email:SmtpClient` from a program's `main`, against
the real Dovecot and the loopback SMTP peer; clients need `--allow-net` like any handler code."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from mail.dovecot_harness import DovecotServer
from mail.smtp_peer import PeerCertificates, PeerKind, PeerUnavailable, SmtpPeer, make_peer_certificates

from balmail.app import run_program
from balmail.runtime.sandbox import Permissions

PROGRAM = """import ballerina/email;
import ballerina/io;

configurable string password = ?;
configurable int imapPort = ?;
configurable int popPort = ?;

public function main() returns error? {
    email:ImapClient imap = check new ("127.0.0.1", "alice", password, {port: imapPort,
        security: email:START_TLS_NEVER});
    email:Message? first = check imap->receiveMessage();
    io:println(first is email:Message ? first.subject : "none");
    email:Message|email:Error? nothing = imap->receiveMessage(email:DEFAULT_FOLDER, 0);
    io:println(nothing is () ? "empty" : "unexpected");
    check imap->close();

    email:PopClient pop = check new ("127.0.0.1", "alice", password, {port: popPort,
        security: email:START_TLS_NEVER});
    email:Message? second = check pop->receiveMessage();
    io:println(second is email:Message ? second.subject : "none");
    check pop->close();
}
"""


def run(tmp_path: Path, source: str, permissions: Permissions, **config: object) -> tuple[int, str, str]:
    lines = [f"{k} = {v}" if isinstance(v, int) else f'{k} = "{v}"' for k, v in config.items()]
    (tmp_path / "Config.toml").write_text("\n".join(lines) + "\n")
    program = tmp_path / "prog.bal"
    program.write_text(source)
    out, err = io.StringIO(), io.StringIO()
    result = run_program(program, [], permissions=permissions, out=out, err=err, cwd=tmp_path)
    return result.exit_code, out.getvalue(), (result.error_text or "") + err.getvalue()


def test_imap_and_pop_clients_receive_and_acknowledge(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.append("alice", b"From: a@example.test\nTo: alice@example.test\nSubject: first\n\nbody\n")
    config = {"password": mailbox.users["alice"], "imapPort": mailbox.imap_port, "popPort": mailbox.pop3_port}
    code, out, err = run(tmp_path, PROGRAM, Permissions(net=None), **config)
    assert code == 0, err
    # IMAP marked the message seen; POP3 still sees it (its maildrop is every message) and deletes it.
    assert out.splitlines() == ["first", "empty", "first"]
    assert mailbox.flags("alice") == {}


def test_clients_need_network_permission(mailbox: DovecotServer, tmp_path: Path) -> None:
    config = {"password": mailbox.users["alice"], "imapPort": mailbox.imap_port, "popPort": mailbox.pop3_port}
    code, _out, err = run(tmp_path, PROGRAM, Permissions(net=("elsewhere.test",)), **config)
    assert code == 1
    assert "permission denied" in err and "--allow-net=127.0.0.1" in err


@pytest.fixture(scope="module")
def smtps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SmtpPeer, PeerCertificates]]:
    try:
        certs = make_peer_certificates(tmp_path_factory.mktemp("smtp-certs"))
    except PeerUnavailable as missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the SMTP tests cannot run: {missing}", pytrace=False)
        pytest.skip(str(missing))
    peer = SmtpPeer(PeerKind.SMTPS, certs).start()
    try:
        yield peer, certs
    finally:
        peer.stop()


def test_smtp_client_sends_messages(smtps: tuple[SmtpPeer, PeerCertificates], tmp_path: Path) -> None:
    peer, certs = smtps
    peer.clear()
    source = """import ballerina/email;

configurable int port = ?;
configurable string cert = ?;

public function main() returns error? {
    email:SmtpClient smtp = check new ("127.0.0.1", "alice", "secret", port = port, secureSocket = {cert});
    check smtp->send("bob@example.test", "hi", "alice@example.test", "hello bob");
    email:Message message = {to: ["c@example.test", "d@example.test"], subject: "two", body: "text",
        'from: "alice@example.test", headers: {"X-Tag": "t"}};
    check smtp->sendMessage(message);
}
"""
    code, _out, err = run(tmp_path, source, Permissions(net=None), port=peer.port, cert=str(certs.ca_cert))
    assert code == 0, err
    first, second = peer.deliveries
    assert first.recipients == ["bob@example.test"] and first.tls
    assert b"Subject: hi" in first.data and b"hello bob" in first.data
    assert second.recipients == ["c@example.test", "d@example.test"]
    assert b"X-Tag: t" in second.data
