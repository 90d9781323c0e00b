"""ImapClient against Dovecot and the embedded IMAP server (pymap) alike (fixture `mail_server`):
every security mode, TLS verification, failures, and the polling operations (unseen search,
fetch without side effects, mark seen only when told)."""

from __future__ import annotations

import pytest

from balmail.mail.connection import Timeouts
from balmail.mail.errors import MailError
from balmail.mail.imap import ImapClient, _parse_fetch, _uid_set
from balmail.mail.message import parse_message
from balmail.mail.tls import SecureSocketConfig, Security
from balmail.mail.utf7 import encode as _modified_utf7

from .dovecot_harness import free_port
from .fault_proxy import Fault, FaultProxy
from .server_harness import MailServer

FAST = Timeouts(connect=2.0, read=2.0)


def message(subject: str, body: str = "hello\n", to: str = "alice@example.test") -> bytes:
    return (
        f"From: Sender <sender@example.test>\nTo: {to}\nSubject: {subject}\n"
        f"Message-ID: <{abs(hash(subject))}@example.test>\n\n{body}"
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
) -> ImapClient:
    if port is None:
        port = server.imaps_port if security is Security.SSL else server.imap_port
    if secure_socket is True:
        secure_socket = SecureSocketConfig(cert=cert or str(server.ca_cert))
    return ImapClient(
        host or server.host,
        user,
        server.users[user] if password is None else password,
        port=port,
        security=security,
        secure_socket=secure_socket or None,
        timeouts=timeouts,
    )


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
    uid = mailbox.append("alice", message(f"mode {security.name}"))
    with client(mailbox, security) as imap:
        assert imap.tls_active is expect_tls
        imap.select_folder()
        assert imap.search_unseen() == [uid]
        [fetched] = list(imap.fetch([uid]))
    assert parse_message(fetched.raw).subject == f"mode {security.name}"


def test_start_tls_always_fails_before_login_when_not_offered(mail_server: MailServer) -> None:
    with FaultProxy(mail_server.imap_no_starttls_port) as proxy:
        imap = client(mail_server, Security.START_TLS_ALWAYS, port=proxy.port)
        with pytest.raises(MailError) as failure:
            imap.connect()
    assert str(failure.value) == (
        f"Server at 127.0.0.1:{proxy.port} does not offer STARTTLS, which security START_TLS_ALWAYS "
        "requires; credentials were not sent"
    )
    assert b"LOGIN" not in bytes(proxy.client_bytes).upper()
    assert b"secret" not in proxy.client_bytes


def test_start_tls_auto_stays_plaintext_when_not_offered(mailbox: MailServer) -> None:
    uid = mailbox.append("alice", message("auto without starttls"))
    with client(mailbox, Security.START_TLS_AUTO, port=mailbox.imap_no_starttls_port) as imap:
        assert imap.tls_active is False
        imap.select_folder()
        assert imap.search_unseen() == [uid]


@pytest.mark.parametrize("security", [Security.START_TLS_AUTO, Security.START_TLS_ALWAYS])
def test_starttls_modes_send_no_credentials_in_plaintext(mail_server: MailServer, security: Security) -> None:
    with FaultProxy(mail_server.imap_port) as proxy:
        with client(mail_server, security, port=proxy.port) as imap:
            assert imap.tls_active
    seen = bytes(proxy.client_bytes)
    command_end = seen.index(b"STARTTLS\r\n") + len(b"STARTTLS\r\n")
    assert seen[command_end : command_end + 2] == b"\x16\x03"  # next comes a TLS ClientHello record
    assert b"secret" not in seen and b"LOGIN" not in seen


def test_start_tls_never_really_is_plaintext(mail_server: MailServer) -> None:
    with FaultProxy(mail_server.imap_port) as proxy:
        with client(mail_server, Security.START_TLS_NEVER, port=proxy.port) as imap:
            assert not imap.tls_active
    assert b"STARTTLS" not in proxy.client_bytes
    assert b"secret" in proxy.client_bytes


# -- TLS verification -----------------------------------------------------------------------------


@pytest.mark.parametrize("security", [Security.SSL, Security.START_TLS_ALWAYS, Security.START_TLS_AUTO])
def test_untrusted_certificate_is_rejected(mail_server: MailServer, security: Security) -> None:
    imap = client(mail_server, security, cert=str(mail_server.wrong_ca_cert))
    with pytest.raises(MailError) as failure:
        imap.connect()
    port = mail_server.imaps_port if security is Security.SSL else mail_server.imap_port
    assert str(failure.value).startswith(f"TLS certificate verification failed for 127.0.0.1:{port}: ")
    assert "unable to get local issuer certificate" in str(failure.value)


def test_system_trust_store_does_not_trust_the_test_ca(mail_server: MailServer) -> None:
    imap = client(mail_server, Security.SSL, secure_socket=None)
    with pytest.raises(MailError, match=r"^TLS certificate verification failed for 127\.0\.0\.1:\d+"):
        imap.connect()


def test_host_name_mismatch_is_rejected_when_verifying(mail_server: MailServer) -> None:
    imap = client(mail_server, Security.SSL, host="localhost")
    with pytest.raises(MailError) as failure:
        imap.connect()
    assert str(failure.value).startswith(
        f"TLS certificate verification failed for localhost:{mail_server.imaps_port}"
    )
    assert "mismatch" in str(failure.value).lower()


def test_host_name_mismatch_is_accepted_when_verify_host_name_is_false(mailbox: MailServer) -> None:
    config = SecureSocketConfig(cert=str(mailbox.ca_cert), verify_host_name=False)
    for security in (Security.SSL, Security.START_TLS_ALWAYS):
        with client(mailbox, security, host="localhost", secure_socket=config) as imap:
            assert imap.tls_active
            assert imap.select_folder().exists == 0


def test_server_certificate_itself_can_be_the_trust_anchor(mailbox: MailServer) -> None:
    with client(mailbox, Security.SSL, cert=str(mailbox.server_cert)) as imap:
        assert imap.tls_active


def test_protocol_version_limits_are_applied(mail_server: MailServer) -> None:
    tls13 = SecureSocketConfig(cert=str(mail_server.ca_cert), protocol_versions=["TLSv1.3"])
    with client(mail_server, Security.SSL, secure_socket=tls13) as imap:
        assert imap._session().sock.version() == "TLSv1.3"
    # Dovecot is configured with ssl_min_protocol = TLSv1.2, so a TLSv1.1-only client must fail.
    old = SecureSocketConfig(cert=str(mail_server.ca_cert), protocol_versions=["TLSv1.1"])
    with pytest.raises(MailError, match=r"^TLS error with 127\.0\.0\.1:\d+ while doing the TLS handshake"):
        client(mail_server, Security.SSL, secure_socket=old).connect()


def test_cipher_list_is_applied(mail_server: MailServer) -> None:
    config = SecureSocketConfig(
        cert=str(mail_server.ca_cert), ciphers=["TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"]
    )
    with client(mail_server, Security.SSL, secure_socket=config) as imap:
        sock = imap._session().sock
        assert sock.version() == "TLSv1.2"
        assert sock.cipher()[0] == "ECDHE-ECDSA-AES256-GCM-SHA384"


# -- connection failures --------------------------------------------------------------------------


def test_bad_credentials(mail_server: MailServer) -> None:
    imap = client(mail_server, Security.SSL, password="wrong")
    with pytest.raises(MailError) as failure:
        imap.connect()
    assert str(failure.value) == (
        f"Authentication failed for user 'alice' at 127.0.0.1:{mail_server.imaps_port}: "
        "[AUTHENTICATIONFAILED] Authentication failed."
    )


def test_passwords_with_quotes_and_non_ascii_characters(mailbox: MailServer) -> None:
    for user in ("bob", "zoe"):
        with client(mailbox, Security.SSL, user=user) as imap:
            assert imap.select_folder().name == "INBOX"


def test_refused_connection() -> None:
    port = free_port()
    imap = ImapClient("127.0.0.1", "alice", "secret", port=port, security=Security.SSL, timeouts=FAST)
    with pytest.raises(MailError) as failure:
        imap.connect()
    assert str(failure.value) == f"Failed to connect to 127.0.0.1:{port} (connection refused)"


def test_unresolvable_host() -> None:
    imap = ImapClient("no-such-host.invalid", "alice", "secret", timeouts=FAST)
    with pytest.raises(
        MailError, match=r"^Failed to connect to no-such-host\.invalid:993 \(cannot resolve host name"
    ):
        imap.connect()


def test_silent_server_times_out(mail_server: MailServer) -> None:
    with FaultProxy(mail_server.imaps_port, Fault.STALL) as proxy:
        imap = client(mail_server, Security.SSL, port=proxy.port, timeouts=Timeouts(connect=2, read=0.5))
        with pytest.raises(MailError) as failure:
            imap.connect()
    assert str(failure.value) == (
        f"Timed out after 0.5s waiting for 127.0.0.1:{proxy.port} while doing the TLS handshake"
    )


def test_server_that_stops_answering_mid_session_times_out(mailbox: MailServer) -> None:
    uid = mailbox.append("alice", message("big", body="x" * 200_000))
    with FaultProxy(mailbox.imap_port, Fault.STALL, limit=4000) as proxy:
        imap = client(
            mailbox, Security.START_TLS_NEVER, port=proxy.port, timeouts=Timeouts(connect=2, read=0.5)
        )
        imap.connect()
        imap.select_folder()
        with pytest.raises(MailError) as failure:
            list(imap.fetch([uid]))
    assert str(failure.value) == (
        f"Timed out after 0.5s waiting for 127.0.0.1:{proxy.port} while fetching messages"
    )
    with pytest.raises(MailError, match="is not connected"):
        imap.search_unseen()


def test_connection_dropped_at_once(mail_server: MailServer) -> None:
    with FaultProxy(mail_server.imap_port, Fault.DROP) as proxy:
        imap = client(mail_server, Security.START_TLS_NEVER, port=proxy.port)
        with pytest.raises(MailError) as failure:
            imap.connect()
    assert str(failure.value) == (
        f"Connection to 127.0.0.1:{proxy.port} was closed unexpectedly while reading the greeting"
    )


def test_connection_cut_in_the_middle_of_a_message(mailbox: MailServer) -> None:
    uid = mailbox.append("alice", message("big", body="y" * 200_000))
    with FaultProxy(mailbox.imap_port, Fault.CUT, limit=5000) as proxy:
        imap = client(mailbox, Security.START_TLS_NEVER, port=proxy.port)
        imap.connect()
        imap.select_folder()
        with pytest.raises(MailError) as failure:
            list(imap.fetch([uid]))
        assert proxy.server_bytes == 5000
    assert str(failure.value) == (
        f"Connection to 127.0.0.1:{proxy.port} was closed unexpectedly while fetching messages"
    )
    # Nothing was acknowledged: the message is still unseen for the next attempt.
    assert "\\Seen" not in mailbox.flags("alice")[uid]


# -- polling operations ---------------------------------------------------------------------------


def test_uidvalidity_and_counts_come_from_select(mailbox: MailServer) -> None:
    mailbox.append("alice", message("one"))
    mailbox.append("alice", message("two"), seen=True)
    with client(mailbox) as imap:
        status = imap.select_folder("INBOX")
    assert status.uidvalidity == mailbox.uidvalidity("alice")
    assert status.exists == 2
    assert status.uidnext is not None and status.uidnext > max(mailbox.flags("alice"))


def test_fetches_all_unseen_in_arrival_order_without_marking_them(mailbox: MailServer) -> None:
    uids = {}
    for number in range(1, 8):
        uids[number] = mailbox.append("alice", message(f"m{number}"), seen=number in (2, 5))
    with client(mailbox) as imap:
        imap.select_folder()
        unseen = imap.search_unseen()
        assert unseen == [uids[n] for n in (1, 3, 4, 6, 7)]
        fetched = list(imap.fetch(unseen, batch_size=2))
    assert [f.uid for f in fetched] == unseen
    assert [parse_message(f.raw).subject for f in fetched] == ["m1", "m3", "m4", "m6", "m7"]
    flags = mailbox.flags("alice")
    assert [uid for uid, f in sorted(flags.items()) if "\\Seen" in f] == [uids[2], uids[5]]


def test_fetch_returns_the_exact_stored_bytes(mailbox: MailServer) -> None:
    raw = message("exact", body="line one\r\n.line starting with a dot\r\nend\r\n").replace(b"\n", b"\r\n")
    raw = raw.replace(b"\r\r\n", b"\r\n")
    uid = mailbox.append("alice", raw)
    with client(mailbox) as imap:
        imap.select_folder()
        [fetched] = list(imap.fetch([uid]))
    assert fetched.raw == raw


def test_mark_seen_only_marks_what_it_is_told(mailbox: MailServer) -> None:
    first, second, third = (mailbox.append("alice", message(f"s{n}")) for n in range(3))
    with client(mailbox) as imap:
        imap.select_folder()
        list(imap.fetch([first, second, third]))
        imap.mark_seen([first, third])
        imap.mark_seen([])
    flags = mailbox.flags("alice")
    assert "\\Seen" in flags[first] and "\\Seen" in flags[third]
    assert "\\Seen" not in flags[second]
    with client(mailbox) as imap:
        imap.select_folder()
        assert imap.search_unseen() == [second]


def test_missing_folder_is_a_clear_error(mailbox: MailServer) -> None:
    with client(mailbox) as imap:
        with pytest.raises(MailError) as failure:
            imap.select_folder("Nope")
        assert str(failure.value).startswith(
            f"Folder 'Nope' could not be selected at 127.0.0.1:{mailbox.imaps_port}"
        )
        # A refused command leaves the session usable.
        assert imap.select_folder("INBOX").name == "INBOX"


def test_folder_names_are_quoted_and_utf7_encoded(mailbox: MailServer) -> None:
    mailbox.create_folder("alice", '&AMQ-rger mit \\"Zitat\\"')
    mailbox.create_folder("alice", "Archive 2024 Q1")
    with client(mailbox) as imap:
        assert imap.select_folder('Ärger mit "Zitat"').exists == 0
        assert imap.select_folder("Archive 2024 Q1").exists == 0


def test_operations_need_a_selected_folder(mailbox: MailServer) -> None:
    with client(mailbox) as imap:
        with pytest.raises(MailError, match="No folder is selected"):
            imap.search_unseen()
    with pytest.raises(MailError, match="is not connected"):
        imap.select_folder()


def test_fetch_skips_uids_that_no_longer_exist(mailbox: MailServer) -> None:
    uid = mailbox.append("alice", message("survivor"))
    with client(mailbox) as imap:
        imap.select_folder()
        fetched = list(imap.fetch([uid + 1000, uid]))
    assert [f.uid for f in fetched] == [uid]


# -- pure helpers -----------------------------------------------------------------------------------


def test_modified_utf7_matches_rfc3501_examples() -> None:
    assert _modified_utf7("~peter/mail/台北/日本語") == "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
    assert _modified_utf7("A&B") == "A&-B"
    assert _modified_utf7("INBOX") == "INBOX"


def test_uid_sets_are_compressed() -> None:
    assert _uid_set([5, 1, 2, 3, 9, 10, 12]) == "1:3,5,9:10,12"
    assert _uid_set([7]) == "7"


def test_fetch_parsing_accepts_uid_after_the_literal_and_ignores_flag_updates() -> None:
    data = [
        (b"1 (UID 10 BODY[] {3}", b"abc"),
        b")",
        b"2 (FLAGS (\\Seen))",
        (b"3 (BODY[] {2}", b"de"),
        b" UID 12)",
    ]
    assert _parse_fetch(data) == {10: b"abc", 12: b"de"}
