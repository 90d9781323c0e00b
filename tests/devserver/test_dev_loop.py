"""The whole dev loop on balmail's own mail layer, every hop over TLS with the dev CA: a message
sent in by SMTP reaches a polling listener (IMAP and POP3), whose handler replies through
balmail's SMTP client to the embedded SMTP server, and the reply lands in the sender's mailbox."""

from __future__ import annotations

import smtplib
import ssl
from decimal import Decimal
from pathlib import Path

import pytest

from balmail.devserver import DevServers
from balmail.mail.compose import OutgoingMessage
from balmail.mail.listener_settings import ListenerSettings
from balmail.mail.message import ReceivedMessage, parse_message
from balmail.mail.poller import Poller
from balmail.mail.smtp import SmtpSender
from balmail.mail.state import MessageKey, StateStore
from balmail.mail.tls import SecureSocketConfig, Security


@pytest.mark.parametrize(
    ("protocol", "security"), [("imap", Security.SSL), ("pop3", Security.START_TLS_ALWAYS)]
)
def test_smtp_in_listener_reply_out_second_mailbox(
    dev: DevServers, account: str, tls: ssl.SSLContext, tmp_path: Path, protocol: str, security: Security
) -> None:
    support, customer = f"{account}-support", f"{account}-customer"
    trust = SecureSocketConfig(cert=str(dev.ca_file))
    with smtplib.SMTP_SSL("127.0.0.1", dev.ports["smtps"], context=tls, timeout=5) as smtp:
        smtp.sendmail(
            f"{customer}@example.test",
            [f"{support}@example.test"],
            f"From: {customer}@example.test\r\nTo: {support}@example.test\r\nSubject: help\r\n\r\nplease\r\n",
        )
    sender = SmtpSender(
        "127.0.0.1",
        f"{support}@example.test",
        "pw",
        port=dev.ports["smtp"],
        security=Security.START_TLS_ALWAYS,
        secure_socket=trust,
    )

    def on_message(message: ReceivedMessage, raw: bytes, key: MessageKey) -> None:
        sender.send(OutgoingMessage(to=message.from_, subject=f"Re: {message.subject}", body="on it"))

    port = dev.ports["imaps"] if security is Security.SSL else dev.ports["pop3"]
    settings = ListenerSettings(
        protocol=protocol,
        host="127.0.0.1",
        port=port,
        username=f"{support}@example.test",
        password="pw",
        security=security,
        secure_socket=trust,
        polling_interval=Decimal(1),
    )
    store = StateStore(tmp_path / "state.db")
    result = Poller(settings, store, on_message).poll_once()
    store.close()
    assert (result.error, result.delivered, result.acknowledged) == (None, 1, 1)
    [reply] = dev.messages(customer)
    parsed = parse_message(reply)
    assert parsed.subject == "Re: help"
    assert f"{support}@example.test" in str(parsed.from_)
    left = dev.messages(support)
    assert len(left) == (1 if protocol == "imap" else 0)  # IMAP marks it seen, POP3 deletes it
