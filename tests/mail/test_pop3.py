"""Pop3Client against Dovecot and the embedded POP3 server alike (fixture `mail_server`): every
security mode, TLS verification, failures, and the polling operations (UIDL listing, RETR, DELE
taking effect only with QUIT)."""

from __future__ import annotations

import pytest

from balmail.mail.connection import Timeouts
from balmail.mail.errors import MailError
from balmail.mail.message import parse_message
from balmail.mail.pop3 import Pop3Client
from balmail.mail.tls import SecureSocketConfig, Security

from .dovecot_harness import free_port
from .fault_proxy import Fault, FaultProxy
from .server_harness import MailServer

FAST = Timeouts(connect=2.0, read=2.0)


def message(subject: str, body: str = "hello\r\n") -> bytes:
    return (
        f"From: sender@example.test\r\nTo: alice@example.test\r\nSubject: {subject}\r\n\r\n{body}"
    ).encode()


def client(
    server: MailServer,
    security: Security = Security.SSL,
    *,
    port: int | None = None,
    host: str | None = None,
    user: str = "alice",
    password: str | None = None,
    cert: str | None = None,
    secure_socket: SecureSocketConfig | None | bool = True,
    timeouts: Timeouts = FAST,
) -> Pop3Client:
    if port is None:
        port = server.pop3s_port if security is Security.SSL else server.pop3_port
    if secure_socket is True:
        secure_socket = SecureSocketConfig(cert=cert or str(server.ca_cert))
    return Pop3Client(
        host or server.host,
        user,
        server.users[user] if password is None else password,
        port=port,
        security=security,
        secure_socket=secure_socket or None,
        timeouts=timeouts,
    )


def subjects_on_server(pop: Pop3Client) -> list[str]:
    return [parse_message(pop.retrieve(item.number)).subject for item in pop.list_messages()]


# -- security modes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("security", "expect_tls"),
    [
        (Security.SSL, True),
        (Security.START_TLS_AUTO, True),
        (Security.START_TLS_ALWAYS, True),
        (Security.START_TLS_NEVER, False),
    ],
)
def test_every_security_mode_logs_in_and_reads_mail(
    mailbox: MailServer, security: Security, expect_tls: bool
) -> None:
    mailbox.append("alice", message(f"pop {security.name}"))
    with client(mailbox, security) as pop:
        assert pop.tls_active is expect_tls
        assert subjects_on_server(pop) == [f"pop {security.name}"]


def test_start_tls_always_fails_before_login_when_not_offered(mail_server: MailServer) -> None:
    with FaultProxy(mail_server.pop3_no_starttls_port) as proxy:
        pop = client(mail_server, Security.START_TLS_ALWAYS, port=proxy.port)
        with pytest.raises(MailError) as failure:
            pop.connect()
    assert str(failure.value) == (
        f"Server at 127.0.0.1:{proxy.port} does not offer STARTTLS (STLS), which security "
        "START_TLS_ALWAYS requires; credentials were not sent"
    )
    assert b"USER" not in proxy.client_bytes and b"PASS" not in proxy.client_bytes


def test_start_tls_auto_stays_plaintext_when_not_offered(mailbox: MailServer) -> None:
    mailbox.append("alice", message("auto plain"))
    with client(mailbox, Security.START_TLS_AUTO, port=mailbox.pop3_no_starttls_port) as pop:
        assert pop.tls_active is False
        assert subjects_on_server(pop) == ["auto plain"]


@pytest.mark.parametrize("security", [Security.START_TLS_AUTO, Security.START_TLS_ALWAYS])
def test_stls_modes_send_no_credentials_in_plaintext(mail_server: MailServer, security: Security) -> None:
    with FaultProxy(mail_server.pop3_port) as proxy:
        with client(mail_server, security, port=proxy.port) as pop:
            assert pop.tls_active
    seen = bytes(proxy.client_bytes)
    command_end = seen.index(b"STLS\r\n") + len(b"STLS\r\n")
    assert seen[command_end : command_end + 2] == b"\x16\x03"  # next comes a TLS ClientHello record
    assert b"USER" not in seen and b"secret" not in seen


def test_start_tls_never_really_is_plaintext(mail_server: MailServer) -> None:
    with FaultProxy(mail_server.pop3_port) as proxy:
        with client(mail_server, Security.START_TLS_NEVER, port=proxy.port):
            pass
    assert b"STLS" not in proxy.client_bytes
    assert b"USER alice\r\nPASS secret\r\n" in proxy.client_bytes


# -- TLS verification -----------------------------------------------------------------------------


@pytest.mark.parametrize("security", [Security.SSL, Security.START_TLS_ALWAYS])
def test_untrusted_certificate_is_rejected(mail_server: MailServer, security: Security) -> None:
    pop = client(mail_server, security, cert=str(mail_server.wrong_ca_cert))
    with pytest.raises(MailError) as failure:
        pop.connect()
    port = mail_server.pop3s_port if security is Security.SSL else mail_server.pop3_port
    assert str(failure.value).startswith(f"TLS certificate verification failed for 127.0.0.1:{port}: ")


def test_host_name_mismatch_depends_on_verify_host_name(mailbox: MailServer) -> None:
    with pytest.raises(
        MailError, match=r"^TLS certificate verification failed for localhost:\d+: .*mismatch"
    ):
        client(mailbox, Security.SSL, host="localhost").connect()
    relaxed = SecureSocketConfig(cert=str(mailbox.ca_cert), verify_host_name=False)
    with client(mailbox, Security.START_TLS_ALWAYS, host="localhost", secure_socket=relaxed) as pop:
        assert pop.tls_active
        assert pop.list_messages() == []


# -- connection failures --------------------------------------------------------------------------


def test_bad_credentials(mail_server: MailServer) -> None:
    pop = client(mail_server, Security.SSL, password="wrong")
    with pytest.raises(MailError) as failure:
        pop.connect()
    assert str(failure.value) == (
        f"Authentication failed for user 'alice' at 127.0.0.1:{mail_server.pop3s_port}: "
        "[AUTH] Authentication failed."
    )


def test_unusual_passwords(mailbox: MailServer) -> None:
    for user in ("bob", "zoe"):
        with client(mailbox, Security.SSL, user=user) as pop:
            assert pop.list_messages() == []


def test_refused_connection() -> None:
    port = free_port()
    pop = Pop3Client("127.0.0.1", "alice", "secret", port=port, timeouts=FAST)
    with pytest.raises(MailError) as failure:
        pop.connect()
    assert str(failure.value) == f"Failed to connect to 127.0.0.1:{port} (connection refused)"


def test_silent_server_times_out(mail_server: MailServer) -> None:
    with FaultProxy(mail_server.pop3_port, Fault.STALL) as proxy:
        pop = client(
            mail_server, Security.START_TLS_NEVER, port=proxy.port, timeouts=Timeouts(connect=2, read=0.5)
        )
        with pytest.raises(MailError) as failure:
            pop.connect()
    assert (
        str(failure.value)
        == f"Timed out after 0.5s waiting for 127.0.0.1:{proxy.port} while reading the greeting"
    )


def test_connection_cut_while_retrieving(mailbox: MailServer) -> None:
    mailbox.append("alice", message("small"))
    mailbox.append("alice", message("big", body="z" * 100_000))
    with FaultProxy(mailbox.pop3_port, Fault.CUT, limit=3000) as proxy:
        pop = client(mailbox, Security.START_TLS_NEVER, port=proxy.port)
        pop.connect()
        small, big = pop.list_messages()
        pop.delete(small.number)  # never committed: the cut must roll it back
        with pytest.raises(MailError) as failure:
            pop.retrieve(big.number)
        assert proxy.server_bytes == 3000
    assert str(failure.value) == (
        f"Connection to 127.0.0.1:{proxy.port} was closed unexpectedly while retrieving message {big.number}"
    )
    with client(mailbox) as pop:
        assert subjects_on_server(pop) == ["small", "big"]


# -- polling operations ---------------------------------------------------------------------------


def test_lists_by_uidl_in_arrival_order_and_retrieves_exact_bytes(mailbox: MailServer) -> None:
    raws = [message(f"p{n}", body=f"body {n}\r\n..dot-stuffed line\r\n") for n in range(4)]
    for raw in raws:
        mailbox.append("alice", raw)
    with client(mailbox) as pop:
        listing = pop.list_messages()
        assert [item.number for item in listing] == [1, 2, 3, 4]
        assert len({item.uidl for item in listing}) == 4
        assert [pop.retrieve(item.number) for item in listing] == raws
    with client(mailbox) as pop:
        assert pop.list_messages() == listing  # UIDLs are stable across sessions


def test_long_lines_are_retrieved(mailbox: MailServer) -> None:
    raw = message("long", body="<p>" + "w" * 10_000 + "</p>\r\n")
    mailbox.append("alice", raw)
    with client(mailbox) as pop:
        assert pop.retrieve(1) == raw


def test_messages_stay_unless_deleted(mailbox: MailServer) -> None:
    for n in range(3):
        mailbox.append("alice", message(f"keep{n}"))
    with client(mailbox) as pop:
        for item in pop.list_messages():
            pop.retrieve(item.number)
        pop.quit()
    with client(mailbox) as pop:
        assert subjects_on_server(pop) == ["keep0", "keep1", "keep2"]


def test_delete_takes_effect_only_with_quit(mailbox: MailServer) -> None:
    for n in range(3):
        mailbox.append("alice", message(f"d{n}"))
    pop = client(mailbox)
    pop.connect()
    pop.delete(2)
    pop.abort()  # no QUIT: the server must roll the deletion back
    with client(mailbox) as pop:
        assert subjects_on_server(pop) == ["d0", "d1", "d2"]
        pop.delete(2)
        pop.quit()
    with client(mailbox) as pop:
        assert subjects_on_server(pop) == ["d0", "d2"]
    assert len(mailbox.flags("alice")) == 2


def test_context_manager_aborts_on_error(mailbox: MailServer) -> None:
    mailbox.append("alice", message("survives"))
    with pytest.raises(RuntimeError), client(mailbox) as pop:
        pop.delete(1)
        raise RuntimeError("handler failed")
    with client(mailbox) as pop:
        assert subjects_on_server(pop) == ["survives"]


def test_refused_command_keeps_the_session(mailbox: MailServer) -> None:
    with client(mailbox) as pop:
        with pytest.raises(MailError) as failure:
            pop.retrieve(99)
        assert str(failure.value).startswith(
            f"POP3 server at 127.0.0.1:{mailbox.pop3s_port} refused retrieving message 99: "
        )
        assert pop.list_messages() == []


def test_use_after_close_is_a_clear_error(mailbox: MailServer) -> None:
    pop = client(mailbox)
    pop.connect()
    pop.close()
    pop.close()
    with pytest.raises(MailError, match=r"^POP3 session with 127\.0\.0\.1:\d+ is not connected$"):
        pop.list_messages()
