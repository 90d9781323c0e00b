"""A real SMTP server on loopback for the SMTP tests: `aiosmtpd` run in a thread.

Three kinds, like a real provider's ports: plain SMTP without STARTTLS, SMTP offering STARTTLS
(submission, 587), and implicit TLS (SMTPS, 465). Certificates come from the same throwaway CA
code as the Dovecot harness. AUTH is offered even before TLS, so a client that sent credentials
in plaintext would be caught instead of being saved by a careful server.
"""

from __future__ import annotations

import enum
import logging
import shutil
import ssl
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .dovecot_harness import HOST, free_port, make_certificates

if TYPE_CHECKING:
    from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

USERS = {"alice": "secret", "zoe": "pässwörd-ünïcode", "robot@example.com": "r0b0t"}
UNKNOWN_RECIPIENT_DOMAIN = "nowhere.invalid"
"""RCPT TO any address in this domain is refused with 550, like an unknown mailbox."""
BLOCKED_SENDER_DOMAIN = "blocked.invalid"
"""MAIL FROM any address in this domain is refused with 553, like a sender the account may not use."""
REJECTED_CONTENT = b"X-Test-Verdict: reject"
"""A message containing these bytes is refused after DATA, like a spam or virus filter does."""


class PeerUnavailable(Exception):
    """aiosmtpd or the openssl command is missing; the caller decides between skip and fail."""


def require_aiosmtpd() -> None:
    """aiosmtpd is imported lazily, so a machine without it skips these tests instead of
    failing to collect the whole suite."""
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        raise PeerUnavailable("the aiosmtpd package is not installed (pip install aiosmtpd)") from None


class PeerKind(enum.Enum):
    PLAIN = "plain"
    STARTTLS = "starttls"
    SMTPS = "smtps"


@attrs.frozen
class PeerCertificates:
    ca_cert: Path
    wrong_ca_cert: Path
    server_cert: Path
    server_key: Path


def make_peer_certificates(directory: Path) -> PeerCertificates:
    """A CA, a server certificate for IP 127.0.0.1 signed by it, and an unrelated CA."""
    require_aiosmtpd()
    if shutil.which("openssl") is None:
        raise PeerUnavailable("the openssl command is not installed (needed to make test certificates)")
    directory.mkdir(parents=True, exist_ok=True)
    make_certificates(directory)
    return PeerCertificates(
        ca_cert=directory / "ca.pem",
        wrong_ca_cert=directory / "wrong-ca.pem",
        server_cert=directory / "server.pem",
        server_key=directory / "server.key",
    )


@attrs.frozen
class Delivery:
    """One message as the server received it, with how it was received."""

    mail_from: str
    recipients: list[str]
    data: bytes
    mail_options: list[str]
    tls: bool
    authenticated_as: str | None
    tls_version: str | None = None


@attrs.frozen
class AuthAttempt:
    mechanism: str
    username: str
    success: bool
    tls: bool


def _uses_tls(server: SMTP) -> bool:
    return _tls_version(server) is not None


def _tls_version(server: SMTP) -> str | None:
    transport = server.transport
    ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
    return ssl_object.version() if ssl_object is not None else None


class _Recorder:
    """aiosmtpd handler and authenticator: checks users, refuses unknown mailboxes, records."""

    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        self.auth_attempts: list[AuthAttempt] = []

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        from aiosmtpd.smtp import AuthResult, LoginPassword

        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        username = auth_data.login.decode("utf-8", "replace")
        password = auth_data.password.decode("utf-8", "replace")
        success = USERS.get(username) == password
        self.auth_attempts.append(AuthAttempt(mechanism, username, success, _uses_tls(server)))
        if not success:
            # handled=False: aiosmtpd itself answers 535, as a real server does.
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data=username)

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, mail_options: list[str]
    ) -> str:
        if address.lower().endswith("@" + BLOCKED_SENDER_DOMAIN):
            return "553 5.7.1 Sender address rejected: not owned by user"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address.lower().endswith("@" + UNKNOWN_RECIPIENT_DOMAIN):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        data = envelope.original_content or b""
        if REJECTED_CONTENT in data:
            return "554 5.6.0 Message rejected by content policy"
        self.deliveries.append(
            Delivery(
                mail_from=envelope.mail_from or "",
                recipients=list(envelope.rcpt_tos),
                data=bytes(data),
                mail_options=list(envelope.mail_options),
                tls=_uses_tls(server),
                authenticated_as=session.auth_data if session.authenticated else None,
                tls_version=_tls_version(server),
            )
        )
        return "250 2.0.0 Message accepted"


class SmtpPeer:
    """One running server of `kind`; `deliveries` and `auth_attempts` say what clients did."""

    def __init__(
        self,
        kind: PeerKind,
        certs: PeerCertificates,
        *,
        auth_before_tls: bool = True,
        auth_mechanisms: tuple[str, ...] = ("PLAIN", "LOGIN"),
    ) -> None:
        """`auth_before_tls=False` makes a plaintext server that offers no AUTH yet demands it,
        like a submission server reached without TLS; `auth_mechanisms` limits what AUTH offers."""
        self.kind = kind
        self.host = HOST
        self.port = free_port()
        self._recorder = _Recorder()
        server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_tls.load_cert_chain(certs.server_cert, certs.server_key)
        smtp_options: dict[str, Any] = {
            "authenticator": self._recorder.authenticate,
            "auth_require_tls": not auth_before_tls,
            "auth_required": not auth_before_tls,
            "auth_exclude_mechanism": [m for m in ("PLAIN", "LOGIN") if m not in auth_mechanisms],
            "server_hostname": "smtp.balmail.test",
            "ready_timeout": 5.0,
        }
        if kind is PeerKind.STARTTLS:
            smtp_options["tls_context"] = server_tls
        if kind is PeerKind.SMTPS:
            smtp_options["ssl_context"] = server_tls
        from aiosmtpd.controller import Controller

        self._controller = Controller(self._recorder, hostname=HOST, port=self.port, **smtp_options)

    @property
    def deliveries(self) -> list[Delivery]:
        return self._recorder.deliveries

    @property
    def auth_attempts(self) -> list[AuthAttempt]:
        return self._recorder.auth_attempts

    def clear(self) -> None:
        self._recorder.deliveries.clear()
        self._recorder.auth_attempts.clear()

    def start(self) -> SmtpPeer:
        # aiosmtpd logs every client that hangs up mid-handshake with a traceback; the failure
        # tests do that on purpose, and what matters is what the client reports.
        logging.getLogger("mail.log").setLevel(logging.CRITICAL)
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()
