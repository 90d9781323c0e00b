"""The embedded IMAP server (pymap) through the standard library's imaplib: login with any
credentials, select, fetch, store \\Seen, folders, STARTTLS and the implicit-TLS port."""

from __future__ import annotations

import imaplib
import re
import ssl

import pytest

from balmail.devserver import DevServers

HOST = "127.0.0.1"


def message(subject: str) -> bytes:
    head = f"From: a@example.test\r\nTo: b@example.test\r\nSubject: {subject}\r\n"
    return f"{head}\r\nbody of {subject}\r\n".encode()


def test_login_select_fetch_and_store_seen(dev: DevServers, account: str, tls: ssl.SSLContext) -> None:
    dev.deliver(message("first"), [account])
    dev.deliver(message("second"), [account])
    imap = imaplib.IMAP4_SSL(HOST, dev.ports["imaps"], ssl_context=tls)
    assert imap.login(account, "any password")[0] == "OK"
    typ, data = imap.select("INBOX")
    assert (typ, data) == ("OK", [b"2"])
    uidvalidity = imap.untagged_responses["UIDVALIDITY"][0]
    typ, data = imap.uid("SEARCH", None, "UNSEEN")
    uids = data[0].split()
    assert len(uids) == 2
    typ, data = imap.uid("FETCH", uids[0], "(BODY.PEEK[])")
    assert data[0][1] == message("first")
    imap.uid("STORE", uids[0], "+FLAGS", "(\\Seen)")
    typ, data = imap.uid("SEARCH", None, "UNSEEN")
    assert data[0].split() == [uids[1]]
    imap.logout()
    again = imaplib.IMAP4_SSL(HOST, dev.ports["imaps"], ssl_context=tls)
    again.login(account.upper(), "another password")  # the same account
    again.select("INBOX", readonly=True)
    assert again.untagged_responses["UIDVALIDITY"][0] == uidvalidity
    typ, data = again.uid("FETCH", "1:*", "(FLAGS)")
    assert [b"\\Seen" in line for line in data] == [True, False]
    again.logout()


def test_starttls_on_the_plain_port(dev: DevServers, account: str, tls: ssl.SSLContext) -> None:
    imap = imaplib.IMAP4(HOST, dev.ports["imap"])
    assert "STARTTLS" in imap.capabilities
    assert imap.starttls(tls)[0] == "OK"
    assert imap.sock.version() in ("TLSv1.2", "TLSv1.3")
    imap.login(account, "x")
    assert imap.select("INBOX")[0] == "OK"
    imap.logout()


def test_the_tls_port_does_not_offer_starttls(dev: DevServers, tls: ssl.SSLContext) -> None:
    imap = imaplib.IMAP4_SSL("localhost", dev.ports["imaps"], ssl_context=tls)  # valid for localhost too
    assert "STARTTLS" not in imap.capabilities
    imap.logout()


def test_an_untrusting_client_rejects_the_certificate(dev: DevServers) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        imaplib.IMAP4_SSL(HOST, dev.ports["imaps"], ssl_context=ssl.create_default_context())


def test_folders_created_by_the_client_belong_to_the_account(
    dev: DevServers, account: str, tls: ssl.SSLContext
) -> None:
    imap = imaplib.IMAP4_SSL(HOST, dev.ports["imaps"], ssl_context=tls)
    imap.login(account, "x")
    assert imap.create("Archive")[0] == "OK"
    assert imap.append("Archive", None, None, message("filed"))[0] == "OK"
    typ, data = imap.list()
    assert any(b'"Archive"' in line or line.endswith(b" Archive") for line in data)
    imap.logout()
    assert dev.messages(account, "Archive") == [message("filed")]
    other = imaplib.IMAP4_SSL(HOST, dev.ports["imaps"], ssl_context=tls)
    other.login(f"{account}-other", "x")
    assert other.select("Archive")[0] == "NO"
    other.logout()


def test_delivered_mail_shows_up_in_an_open_session(
    dev: DevServers, account: str, tls: ssl.SSLContext
) -> None:
    imap = imaplib.IMAP4_SSL(HOST, dev.ports["imaps"], ssl_context=tls)
    imap.login(account, "x")
    assert imap.select("INBOX")[1] == [b"0"]
    dev.deliver(message("late"), [account])
    imap.noop()
    assert imap.untagged_responses["EXISTS"][-1] == b"1"
    imap.logout()


def test_bad_credentials_with_a_user_table() -> None:
    with DevServers.start(users={"alice": "secret"}) as strict:
        imap = imaplib.IMAP4(HOST, strict.ports["imap"])
        with pytest.raises(
            imaplib.IMAP4.error, match=re.escape("[AUTHENTICATIONFAILED] Authentication failed.")
        ):
            imap.login("alice", "wrong")
        assert imap.login("alice", "secret")[0] == "OK"
        imap.logout()
