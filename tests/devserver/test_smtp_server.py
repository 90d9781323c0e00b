"""The embedded SMTP server (aiosmtpd) through the standard library's smtplib: STARTTLS, the TLS
port, AUTH with any credentials, and delivery that lands in the mailboxes seen by IMAP and POP3."""

from __future__ import annotations

import imaplib
import poplib
import smtplib
import ssl

import pytest

from balmail.devserver import DevServers

HOST = "127.0.0.1"


def message(subject: str, to: str) -> bytes:
    return f"From: sender@example.test\r\nTo: {to}\r\nSubject: {subject}\r\n\r\nhi\r\n".encode()


def test_starttls_auth_and_delivery_to_every_recipient(
    dev: DevServers, account: str, tls: ssl.SSLContext
) -> None:
    other = f"{account}x"
    raw = message("to two", f"{account}@example.test, {other}@example.test")
    with smtplib.SMTP(HOST, dev.ports["smtp"], timeout=5) as smtp:
        smtp.ehlo()
        assert smtp.has_extn("starttls")
        smtp.starttls(context=tls)
        smtp.ehlo()
        assert "PLAIN" in smtp.esmtp_features["auth"]
        smtp.login("anyone", "any password")
        refused = smtp.sendmail(
            "sender@example.test", [f"{account}@example.test", f"<{other.upper()}@x.test>"], raw
        )
    assert refused == {}
    assert dev.messages(account) == [raw]
    assert dev.messages(other) == [raw]
    imap = imaplib.IMAP4_SSL(HOST, dev.ports["imaps"], ssl_context=tls)
    imap.login(account, "x")
    imap.select("INBOX")
    typ, data = imap.fetch("1", "(BODY[])")
    imap.logout()
    assert data[0][1] == raw
    pop = poplib.POP3_SSL(HOST, dev.ports["pop3s"], context=tls, timeout=5)
    pop.user(other)
    pop.pass_("x")
    assert b"\r\n".join(pop.retr(1)[1]) + b"\r\n" == raw
    pop.quit()


def test_implicit_tls_port_without_auth(dev: DevServers, account: str, tls: ssl.SSLContext) -> None:
    raw = message("over smtps", f"{account}@example.test")
    with smtplib.SMTP_SSL(HOST, dev.ports["smtps"], context=tls, timeout=5) as smtp:
        smtp.ehlo()
        assert not smtp.has_extn("starttls")
        smtp.sendmail("sender@example.test", [account], raw)
    assert dev.messages(account) == [raw]


def test_dot_stuffed_data_arrives_unstuffed_with_crlf(dev: DevServers, account: str) -> None:
    raw = b"Subject: dots\r\n\r\n.leading dot\r\n..two\r\n.\r\nend\r\n"
    with smtplib.SMTP(HOST, dev.ports["smtp"], timeout=5) as smtp:
        smtp.sendmail("s@example.test", [account], raw)  # smtplib stuffs the dots on the wire
    assert dev.messages(account) == [raw]


def test_a_recipient_without_a_user_part_is_refused_with_5xx(dev: DevServers) -> None:
    with smtplib.SMTP(HOST, dev.ports["smtp"], timeout=5) as smtp:
        smtp.ehlo()
        smtp.mail("s@example.test")
        code, text = smtp.rcpt("<@example.test>")
    assert 550 <= code <= 553, text


def test_a_user_table_refuses_wrong_smtp_credentials() -> None:
    with DevServers.start(users={"alice": "secret"}) as strict:
        with smtplib.SMTP(HOST, strict.ports["smtp"], timeout=5) as smtp:
            with pytest.raises(smtplib.SMTPAuthenticationError):
                smtp.login("alice", "wrong")
            smtp.login("alice", "secret")
