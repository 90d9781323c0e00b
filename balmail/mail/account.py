"""What every mail client (POP3, IMAP, SMTP) holds about the account it talks to: the server, the
credentials, the security mode with its TLS settings, and the timeouts; and how a mode turns into the
TLS contexts a connection needs."""

from __future__ import annotations

import ssl

from balmail.mail.connection import Endpoint, Timeouts
from balmail.mail.errors import MailError
from balmail.mail.oauth2 import MailAuth
from balmail.mail.tls import SecureSocketConfig, Security, build_ssl_context


class MailAccount:
    """Base of the protocol clients. The password is kept private so no repr or log shows it."""

    def __init__(
        self,
        host: str,
        username: str,
        password: str,
        *,
        port: int,
        security: Security = Security.SSL,
        secure_socket: SecureSocketConfig | None = None,
        timeouts: Timeouts | None = None,
        auth: MailAuth | None = None,
    ) -> None:
        self.endpoint = Endpoint(host, port)
        self.username = username
        self._password = password
        self.security = security
        self._secure_socket = secure_socket
        self.timeouts = timeouts or Timeouts()
        self.auth = auth
        """How to log in; None: the protocol's usual password login (LOGIN, USER/PASS, AUTH)."""
        self.tls_active = False
        """Whether the current (or last) connection is encrypted."""

    def _tls_contexts(self) -> tuple[ssl.SSLContext | None, ssl.SSLContext | None]:
        """(context for TLS at all, context for TLS from the first byte): none for START_TLS_NEVER, the
        second only for SSL; the STARTTLS modes use the first after the server's greeting."""
        if self.security is Security.START_TLS_NEVER:
            return None, None
        context = build_ssl_context(self._secure_socket)
        return context, context if self.security is Security.SSL else None

    def _require_mechanism(self, offered: bool, mechanism: str) -> None:
        """A configured SASL mechanism the server does not advertise: say so instead of trying."""
        if not offered:
            raise MailError(
                f"Cannot log in to {self.endpoint} with auth '{mechanism.lower()}': the server does not "
                f"offer {mechanism}"
            )
