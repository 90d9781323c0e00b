"""SmtpSender against a real SMTP server (aiosmtpd) on loopback: exact bytes, every security
mode, what crosses the wire in plaintext, and each failure's sentence."""

from __future__ import annotations

import base64
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from balmail.mail.compose import FileAttachment, OutgoingMessage, OutgoingPart, compose, forward
from balmail.mail.connection import Timeouts
from balmail.mail.errors import MailError
from balmail.mail.message import parse_message
from balmail.mail.smtp import DEFAULT_SMTP_PORT, SentMessage, SmtpSender
from balmail.mail.tls import SecureSocketConfig, Security

from .dovecot_harness import free_port
from .fault_proxy import Fault, FaultProxy
from .smtp_peer import (
    BLOCKED_SENDER_DOMAIN,
    REJECTED_CONTENT,
    UNKNOWN_RECIPIENT_DOMAIN,
    USERS,
    PeerCertificates,
    PeerKind,
    PeerUnavailable,
    SmtpPeer,
    make_peer_certificates,
)
from .test_compose import FORWARDED_SOURCE, _shape

FAST = Timeouts(connect=2, read=2)
PASSWORD = USERS["alice"]
PLAIN_TOKEN = base64.b64encode(f"\0alice\0{PASSWORD}".encode())


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> PeerCertificates:
    try:
        return make_peer_certificates(tmp_path_factory.mktemp("smtp-certs"))
    except PeerUnavailable as missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the SMTP tests cannot run: {missing}", pytrace=False)
        pytest.skip(f"SMTP tests cannot run: {missing}")


@pytest.fixture(scope="module")
def running_peers(certs: PeerCertificates) -> Iterator[dict[PeerKind, SmtpPeer]]:
    peers: dict[PeerKind, SmtpPeer] = {}
    try:
        for kind in PeerKind:
            peers[kind] = SmtpPeer(kind, certs).start()
        yield peers
    finally:
        for peer in peers.values():
            peer.stop()


@pytest.fixture
def peers(running_peers: dict[PeerKind, SmtpPeer]) -> dict[PeerKind, SmtpPeer]:
    """The servers, with nothing recorded yet."""
    for peer in running_peers.values():
        peer.clear()
    return running_peers


def _sender(
    port: int,
    security: Security,
    certs: PeerCertificates,
    *,
    username: str = "alice",
    password: str = PASSWORD,
    host: str = "127.0.0.1",
    cert: Path | None = None,
    verify_host_name: bool = True,
    timeouts: Timeouts = FAST,
) -> SmtpSender:
    secure = SecureSocketConfig(str(cert or certs.ca_cert), verify_host_name=verify_host_name)
    return SmtpSender(
        host, username, password, port=port, security=security, secure_socket=secure, timeouts=timeouts
    )


def _message(**fields: object) -> OutgoingMessage:
    fields.setdefault("from_", "alice@example.com")
    fields.setdefault("to", "bob@example.com")
    fields.setdefault("subject", "Hello")
    fields.setdefault("body", "Hi Bob")
    return OutgoingMessage(**fields)  # type: ignore[arg-type]


def _mail_error(sender: SmtpSender, message: OutgoingMessage | None = None) -> str:
    with pytest.raises(MailError) as raised:
        sender.send(message or _message())
    return raised.value.message


def test_default_port_is_smtps() -> None:
    assert DEFAULT_SMTP_PORT == 465
    assert SmtpSender("smtp.example.com").endpoint.port == 465
    assert SmtpSender("smtp.example.com").security is Security.SSL


def test_server_receives_exactly_the_composed_bytes(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates, tmp_path: Path
) -> None:
    peer = peers[PeerKind.SMTPS]
    attachment = tmp_path / "blob.bin"
    attachment.write_bytes(os.urandom(5000) + b"\r\n.\r\n" + bytes(range(256)))
    message = _message(
        to=["Bob <bob@example.com>", "carol@example.org"],
        cc="dave@example.net",
        bcc="hidden@example.com",
        subject="Grüße – Bericht",
        body=".\nA line with only a dot above\n",
        html_body="<p>Grüße</p>",
        attachments=[
            FileAttachment(str(attachment), "application/octet-stream"),
            OutgoingPart("multipart/mixed", parts=[OutgoingPart("text/plain", "inner ✓")]),
        ],
    )
    composed = compose(message)
    sent = _sender(peer.port, Security.SSL, certs).send_composed(composed)
    assert sent == SentMessage(composed.message_id, "alice@example.com", composed.recipients)
    (delivery,) = peer.deliveries
    assert delivery.data == composed.data
    assert delivery.mail_from == "alice@example.com"
    assert delivery.recipients == [
        "bob@example.com",
        "carol@example.org",
        "dave@example.net",
        "hidden@example.com",
    ]
    assert delivery.mail_options == [f"SIZE={len(composed.data)}"]
    assert (delivery.tls, delivery.authenticated_as, delivery.tls_version) == (True, "alice", "TLSv1.3")
    assert b"hidden" not in delivery.data
    received = parse_message(delivery.data)
    assert received.subject == "Grüße – Bericht"
    assert received.body == ".\nA line with only a dot above\n"
    assert received.attachments[0].payload == attachment.read_bytes()
    assert received.attachments[1].parts[0].payload == "inner ✓".encode()


def test_forwarded_message_arrives_with_its_attachments(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates
) -> None:
    peer = peers[PeerKind.SMTPS]
    original = parse_message(FORWARDED_SOURCE)
    _sender(peer.port, Security.SSL, certs).send(
        forward(original, "bob@example.com", from_="alice@example.com")
    )
    (delivery,) = peer.deliveries
    again = parse_message(delivery.data)
    assert again.subject == "Fwd: Quartalsbericht für Q3"
    assert again.body == "Please find the report."
    assert [_shape(p) for p in again.attachments] == [_shape(p) for p in original.attachments]


@pytest.mark.parametrize(
    ("kind", "security", "encrypted"),
    [
        (PeerKind.SMTPS, Security.SSL, True),
        (PeerKind.STARTTLS, Security.START_TLS_AUTO, True),
        (PeerKind.STARTTLS, Security.START_TLS_ALWAYS, True),
        (PeerKind.PLAIN, Security.START_TLS_AUTO, False),
        (PeerKind.STARTTLS, Security.START_TLS_NEVER, False),
        (PeerKind.PLAIN, Security.START_TLS_NEVER, False),
    ],
)
def test_security_modes(
    peers: dict[PeerKind, SmtpPeer],
    certs: PeerCertificates,
    kind: PeerKind,
    security: Security,
    encrypted: bool,
) -> None:
    peer = peers[kind]
    sender = _sender(peer.port, security, certs)
    sender.send(_message())
    assert sender.tls_active is encrypted
    (attempt,) = peer.auth_attempts
    assert (attempt.username, attempt.success, attempt.tls) == ("alice", True, encrypted)
    (delivery,) = peer.deliveries
    assert (delivery.tls, delivery.authenticated_as) == (encrypted, "alice")


@pytest.mark.parametrize(
    ("kind", "security"),
    [
        (PeerKind.STARTTLS, Security.START_TLS_AUTO),
        (PeerKind.STARTTLS, Security.START_TLS_ALWAYS),
        (PeerKind.SMTPS, Security.SSL),
    ],
)
def test_credentials_never_cross_the_wire_in_plaintext(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates, kind: PeerKind, security: Security
) -> None:
    with FaultProxy(peers[kind].port) as proxy:
        _sender(proxy.port, security, certs).send(_message())
        wire = bytes(proxy.client_bytes)
    assert PASSWORD.encode() not in wire and PLAIN_TOKEN not in wire and b"auth" not in wire.lower()
    if kind is PeerKind.STARTTLS:
        before, _, after = wire.partition(b"STARTTLS\r\n")
        assert before.lower().startswith(b"ehlo ")
        assert after[:2] == b"\x16\x03"  # the next client bytes are a TLS handshake record
    assert peers[kind].deliveries


def test_plaintext_mode_really_is_plaintext(peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates) -> None:
    """The control for the check above: the proxy does see credentials when the mode allows it."""
    with FaultProxy(peers[PeerKind.STARTTLS].port) as proxy:
        _sender(proxy.port, Security.START_TLS_NEVER, certs).send(_message())
        wire = bytes(proxy.client_bytes)
    assert b"AUTH PLAIN " + PLAIN_TOKEN in wire and b"starttls" not in wire.lower()


def test_start_tls_always_fails_before_credentials_when_not_offered(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates
) -> None:
    peer = peers[PeerKind.PLAIN]
    with FaultProxy(peer.port) as proxy:
        error = _mail_error(_sender(proxy.port, Security.START_TLS_ALWAYS, certs))
        wire = bytes(proxy.client_bytes)
    assert error == (
        f"Server at 127.0.0.1:{proxy.port} does not offer STARTTLS, which security START_TLS_ALWAYS "
        "requires; credentials were not sent"
    )
    assert wire.lower().startswith(b"ehlo ")
    assert b"auth" not in wire.lower() and b"mail" not in wire.lower()
    assert peer.auth_attempts == [] and peer.deliveries == []


def test_authentication_failure(peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates) -> None:
    peer = peers[PeerKind.SMTPS]
    error = _mail_error(_sender(peer.port, Security.SSL, certs, password="wrong"))
    assert error == (
        f"Authentication failed for user 'alice' at 127.0.0.1:{peer.port}: "
        "535 5.7.8 Authentication credentials invalid"
    )
    assert peer.deliveries == []


def test_non_ascii_credentials_use_utf8_auth_plain(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates
) -> None:
    peer = peers[PeerKind.SMTPS]
    _sender(peer.port, Security.SSL, certs, username="zoe", password=USERS["zoe"]).send(_message())
    assert [(a.username, a.success) for a in peer.auth_attempts] == [("zoe", True)]
    assert peer.deliveries[0].authenticated_as == "zoe"


def test_auth_login_when_plain_is_not_offered(certs: PeerCertificates) -> None:
    peer = SmtpPeer(PeerKind.SMTPS, certs, auth_mechanisms=("LOGIN",)).start()
    try:
        _sender(peer.port, Security.SSL, certs).send(_message())
        error = _mail_error(_sender(peer.port, Security.SSL, certs, password="wrong"))
        non_ascii = _mail_error(
            _sender(peer.port, Security.SSL, certs, username="zoe", password=USERS["zoe"])
        )
    finally:
        peer.stop()
    assert [(a.mechanism, a.success) for a in peer.auth_attempts] == [("LOGIN", True), ("LOGIN", False)]
    assert len(peer.deliveries) == 1
    assert error == (
        f"Authentication failed for user 'alice' at 127.0.0.1:{peer.port}: "
        "535 5.7.8 Authentication credentials invalid"
    )
    assert non_ascii == (
        f"Cannot log in to 127.0.0.1:{peer.port} with non-ASCII credentials: "
        "the server does not offer AUTH PLAIN"
    )


def test_from_defaults_to_the_username(peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates) -> None:
    peer = peers[PeerKind.SMTPS]
    sender = _sender(peer.port, Security.SSL, certs, username="robot@example.com", password="r0b0t")
    sender.send(_message(from_=None))
    (delivery,) = peer.deliveries
    assert delivery.mail_from == "robot@example.com"
    assert b"From: robot@example.com\r\n" in delivery.data


def test_no_username_means_no_login(peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates) -> None:
    peer = peers[PeerKind.PLAIN]
    _sender(peer.port, Security.START_TLS_NEVER, certs, username="", password="").send(_message())
    assert peer.auth_attempts == []
    assert peer.deliveries[0].authenticated_as is None


def test_a_refused_recipient_stops_the_whole_message(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates
) -> None:
    peer = peers[PeerKind.SMTPS]
    message = _message(to=["bob@example.com", f"ghost@{UNKNOWN_RECIPIENT_DOMAIN}"])
    error = _mail_error(_sender(peer.port, Security.SSL, certs), message)
    assert error == (
        f"Recipient(s) refused by 127.0.0.1:{peer.port}, so the message was not sent: "
        f"ghost@{UNKNOWN_RECIPIENT_DOMAIN} (550 5.1.1 No such user here)"
    )
    assert peer.deliveries == []


def test_a_refused_sender(peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates) -> None:
    peer = peers[PeerKind.SMTPS]
    error = _mail_error(
        _sender(peer.port, Security.SSL, certs), _message(from_=f"me@{BLOCKED_SENDER_DOMAIN}")
    )
    assert error == (
        f"SMTP server at 127.0.0.1:{peer.port} refused the message from 'me@{BLOCKED_SENDER_DOMAIN}': "
        "553 5.7.1 Sender address rejected: not owned by user"
    )
    assert peer.deliveries == []


def test_a_message_refused_after_data(peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates) -> None:
    peer = peers[PeerKind.SMTPS]
    verdict, _, value = REJECTED_CONTENT.decode().partition(": ")
    error = _mail_error(_sender(peer.port, Security.SSL, certs), _message(headers={verdict: value}))
    assert error == f"Message refused by 127.0.0.1:{peer.port}: 554 5.6.0 Message rejected by content policy"
    assert peer.deliveries == []


def test_non_ascii_addresses_use_smtputf8(peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates) -> None:
    peer = peers[PeerKind.SMTPS]
    _sender(peer.port, Security.SSL, certs).send(_message(to="jörg@exämple.de"))
    (delivery,) = peer.deliveries
    assert delivery.recipients == ["jörg@exämple.de"]
    assert "SMTPUTF8" in delivery.mail_options


def test_refused_connection(certs: PeerCertificates) -> None:
    port = free_port()
    error = _mail_error(_sender(port, Security.SSL, certs))
    assert error == f"Failed to connect to 127.0.0.1:{port} (connection refused)"


@pytest.mark.parametrize(
    ("kind", "security"),
    [
        (PeerKind.SMTPS, Security.SSL),
        (PeerKind.STARTTLS, Security.START_TLS_ALWAYS),
        (PeerKind.STARTTLS, Security.START_TLS_AUTO),
    ],
)
def test_untrusted_certificate(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates, kind: PeerKind, security: Security
) -> None:
    peer = peers[kind]
    with FaultProxy(peer.port) as proxy:
        error = _mail_error(_sender(proxy.port, security, certs, cert=certs.wrong_ca_cert))
        wire = bytes(proxy.client_bytes)
    assert error.startswith(f"TLS certificate verification failed for 127.0.0.1:{proxy.port}: ")
    assert "unable to get local issuer certificate" in error
    assert b"auth" not in wire.lower() and PLAIN_TOKEN not in wire
    assert peer.auth_attempts == [] and peer.deliveries == []


@pytest.mark.parametrize(
    ("kind", "security"), [(PeerKind.SMTPS, Security.SSL), (PeerKind.STARTTLS, Security.START_TLS_ALWAYS)]
)
def test_secure_socket_versions_and_ciphers_apply(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates, kind: PeerKind, security: Security
) -> None:
    secure = SecureSocketConfig(
        str(certs.ca_cert),
        protocol_versions=["TLSv1.2"],
        ciphers=["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"],
    )
    peer = peers[kind]
    sender = SmtpSender(
        "127.0.0.1", "alice", PASSWORD, port=peer.port, security=security, secure_socket=secure
    )
    sender.send(_message())
    assert peer.deliveries[0].tls_version == "TLSv1.2"


def test_host_name_is_verified_unless_turned_off(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates
) -> None:
    peer = peers[PeerKind.SMTPS]  # its certificate names IP 127.0.0.1, not "localhost"
    error = _mail_error(_sender(peer.port, Security.SSL, certs, host="localhost"))
    assert error.startswith(f"TLS certificate verification failed for localhost:{peer.port}: ")
    assert "mismatch" in error
    _sender(peer.port, Security.SSL, certs, host="localhost", verify_host_name=False).send(_message())
    assert len(peer.deliveries) == 1


def test_ssl_mode_against_a_plaintext_port_says_so(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates
) -> None:
    port = peers[PeerKind.STARTTLS].port
    error = _mail_error(_sender(port, Security.SSL, certs))
    assert error.startswith(
        f"TLS error with 127.0.0.1:{port} while doing the TLS handshake: wrong version number"
    )
    assert "use security START_TLS_ALWAYS" in error


def test_silent_server_times_out(certs: PeerCertificates) -> None:
    with FaultProxy(free_port(), Fault.STALL) as proxy:
        started = time.monotonic()
        error = _mail_error(
            _sender(proxy.port, Security.START_TLS_ALWAYS, certs, timeouts=Timeouts(connect=2, read=0.3))
        )
        elapsed = time.monotonic() - started
    assert error == f"Timed out after 0.3s waiting for 127.0.0.1:{proxy.port} while reading the greeting"
    assert elapsed < 2


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (Fault.CUT, "Connection to 127.0.0.1:{port} was closed unexpectedly while saying EHLO"),
        (Fault.STALL, "Timed out after 0.3s waiting for 127.0.0.1:{port} while saying EHLO"),
    ],
)
def test_connection_failing_after_the_greeting(
    peers: dict[PeerKind, SmtpPeer], certs: PeerCertificates, fault: Fault, expected: str
) -> None:
    peer = peers[PeerKind.PLAIN]
    with socket.create_connection((peer.host, peer.port), timeout=2) as probe:
        greeting = probe.makefile("rb").readline()
    with FaultProxy(peer.port, fault, limit=len(greeting)) as proxy:
        sender = _sender(proxy.port, Security.START_TLS_AUTO, certs, timeouts=Timeouts(connect=2, read=0.3))
        error = _mail_error(sender)
    assert error == expected.format(port=proxy.port)
    assert peer.deliveries == []


def test_server_demanding_auth_it_does_not_offer(certs: PeerCertificates) -> None:
    peer = SmtpPeer(PeerKind.PLAIN, certs, auth_before_tls=False).start()
    try:
        error = _mail_error(_sender(peer.port, Security.START_TLS_AUTO, certs))
    finally:
        peer.stop()
    assert error == (
        f"SMTP server at 127.0.0.1:{peer.port} refused the message from 'alice@example.com': "
        "530 5.7.0 Authentication required (the server did not offer AUTH, so no login was attempted)"
    )
    assert peer.auth_attempts == []


def test_configuration_mistakes_are_reported_before_connecting(
    certs: PeerCertificates, tmp_path: Path
) -> None:
    port = free_port()  # nothing listens: reaching the network would be a different error
    error = _mail_error(_sender(port, Security.SSL, certs, cert=tmp_path / "missing.pem"))
    assert error == f"secureSocket certificate file '{tmp_path / 'missing.pem'}' does not exist"
    error = _mail_error(_sender(port, Security.SSL, certs), _message(to="not an address"))
    assert error == "Invalid address 'not an address' in 'to'"
