"""The embedded SMTP server (aiosmtpd's protocol code): what it accepts is delivered straight into
the recipients' INBOXes in the shared `MailStore`, so a program that replies or forwards sees its
own mail arrive at the embedded IMAP and POP3 servers.

STARTTLS is offered on the plain port; the implicit-TLS port speaks TLS from the first byte. AUTH
PLAIN and LOGIN accept any credentials (or only a given user table) and are allowed without TLS,
as on loopback nothing can listen in.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Mapping
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from .mailboxes import MailStore, account_key

HOSTNAME = "balmail-dev"


class _QuietLoginData(logging.Filter):
    """aiosmtpd itself sets its deprecated `Session.login_data` after every successful AUTH and
    warns about it; that warning is noise for the dev server's users."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Session.login_data is deprecated")


_aiosmtpd_log = logging.getLogger("mail.log")
_aiosmtpd_log.addFilter(_QuietLoginData())
_aiosmtpd_log.setLevel(logging.WARNING)  # it logs every connection and command at INFO


class _Delivery:
    """aiosmtpd handler: any recipient with a user part is accepted; DATA delivers."""

    def __init__(self, store: MailStore) -> None:
        self.store = store

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if not account_key(address):
            return "550 5.1.1 A recipient needs a user part"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content
        assert isinstance(raw, bytes)  # decode_data is off
        await self.store.deliver(raw, envelope.rcpt_tos)
        return "250 2.0.0 Delivered to the local mailboxes"


class _Authenticator:
    def __init__(self, users: Mapping[str, str] | None) -> None:
        self.users = users

    def __call__(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if self.users is None:
            return AuthResult(success=True)
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user = data.login.decode("utf-8", "replace")
        ok = self.users.get(user) == data.password.decode("utf-8", "replace")
        return AuthResult(success=ok, handled=False)


async def start_smtp_listener(
    store: MailStore,
    tls_context: ssl.SSLContext,
    users: Mapping[str, str] | None,
    host: str,
    *,
    implicit_tls: bool,
) -> asyncio.Server:
    handler = _Delivery(store)
    authenticator = _Authenticator(users)
    loop = asyncio.get_running_loop()

    def protocol() -> SMTP:
        return SMTP(
            handler,
            hostname=HOSTNAME,
            ident="balmail dev SMTP server",
            tls_context=None if implicit_tls else tls_context,
            require_starttls=False,
            authenticator=authenticator,
            auth_require_tls=False,
            loop=loop,
        )

    return await loop.create_server(protocol, host=host, port=0, ssl=tls_context if implicit_tls else None)
