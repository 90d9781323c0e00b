"""SMTP submission for `email:SmtpClient`: connect, secure the channel, log in, send one message.

Built on `smtplib` for the wire protocol and on the same `Security` modes, `SecureSocketConfig`
and timeouts as the POP3/IMAP clients. This module adds the security rules (credentials never
travel in plaintext unless the mode allows it), all-or-nothing recipients, and the translation
of every failure into one `MailError` sentence naming the step and the server.
"""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from collections.abc import Callable
from typing import TypeVar

import attrs

from balmail.mail.account import MailAccount
from balmail.mail.compose import ComposedMessage, OutgoingMessage, compose
from balmail.mail.connection import Endpoint, Timeouts, open_socket, translate_errors
from balmail.mail.errors import MailError
from balmail.mail.oauth2 import MailAuth, b64, sasl_plain, token_login
from balmail.mail.tls import SecureSocketConfig, Security

DEFAULT_SMTP_PORT = 465

_T = TypeVar("_T")
# Preferred first; PLAIN and LOGIN are what servers offer over TLS today.
_MECHANISMS = {"PLAIN": "auth_plain", "LOGIN": "auth_login", "CRAM-MD5": "auth_cram_md5"}


@attrs.frozen
class SentMessage:
    """What the server accepted: the Message-ID (for threading and logs) and the envelope."""

    message_id: str
    envelope_from: str
    recipients: list[str]


class _Smtp(smtplib.SMTP):
    """`smtplib.SMTP` whose socket comes from `open_socket`: separate connect and read timeouts,
    and implicit TLS when a context is given (instead of the separate `SMTP_SSL` class)."""

    def __init__(
        self, endpoint: Endpoint, timeouts: Timeouts, tls: ssl.SSLContext | None, local_hostname: str | None
    ) -> None:
        self._endpoint = endpoint
        self._timeouts = timeouts
        self._implicit_tls = tls
        super().__init__(local_hostname=local_hostname, timeout=timeouts.read)
        # The name STARTTLS verifies; smtplib sets it only when __init__ itself connects.
        self._host = endpoint.host

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        return open_socket(self._endpoint, self._timeouts, self._implicit_tls)


class SmtpSender(MailAccount):
    """Sends messages through one SMTP server account, one connection per message (as
    Ballerina's client does), so an idle client holds no connection the server may drop."""

    def __init__(
        self,
        host: str,
        username: str = "",
        password: str = "",
        *,
        port: int = DEFAULT_SMTP_PORT,
        security: Security = Security.SSL,
        secure_socket: SecureSocketConfig | None = None,
        timeouts: Timeouts | None = None,
        local_hostname: str | None = None,
        auth: MailAuth | None = None,
    ) -> None:
        super().__init__(
            host,
            username,
            password,
            port=port,
            security=security,
            secure_socket=secure_socket,
            timeouts=timeouts,
            auth=auth,
        )
        self.local_hostname = local_hostname

    def send(self, message: OutgoingMessage) -> SentMessage:
        """Compose and send `message`; a missing `from_` defaults to the username, as in
        Ballerina. The message was accepted by the server when this returns."""
        return self.send_composed(compose(message, default_from=self.username or None))

    def send_composed(self, composed: ComposedMessage) -> SentMessage:
        """Send already composed bytes to the envelope recipients. Either every recipient is
        accepted and the message is sent, or nothing is sent and a `MailError` says why."""
        context, implicit = self._tls_contexts()
        smtp = _Smtp(self.endpoint, self.timeouts, implicit, self.local_hostname)
        self.tls_active = implicit is not None
        try:
            self._open(smtp)
            if self.security in (Security.START_TLS_AUTO, Security.START_TLS_ALWAYS):
                assert context is not None
                self._start_tls(smtp, context)
            logged_in = self._login(smtp)
            self._transfer(smtp, composed, logged_in)
        except BaseException:
            smtp.close()
            raise
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            # The server already accepted the message; a failed goodbye must not make a caller
            # retry and deliver it twice.
            smtp.close()
        return SentMessage(
            message_id=composed.message_id,
            envelope_from=composed.envelope_from,
            recipients=list(composed.recipients),
        )

    # -- steps -------------------------------------------------------------------------------

    def _open(self, smtp: _Smtp) -> None:
        try:
            code, text = self._guard(
                "reading the greeting", lambda: smtp.connect(self.endpoint.host, self.endpoint.port)
            )
        except MailError as error:
            if self.security is Security.SSL and "wrong version number" in error.message:
                raise MailError(
                    f"{error.message} (the server does not speak TLS on port {self.endpoint.port}; "
                    "for a STARTTLS port such as 587 use security START_TLS_ALWAYS)"
                ) from None
            raise
        if code != 220:
            raise MailError(f"SMTP server at {self.endpoint} refused the connection: {_reply(code, text)}")
        self._hello(smtp)

    def _hello(self, smtp: _Smtp) -> None:
        code, text = self._guard("saying EHLO", smtp.ehlo)
        if 200 <= code <= 299:
            return
        code, text = self._guard("saying HELO", smtp.helo)
        if not 200 <= code <= 299:
            raise MailError(f"SMTP server at {self.endpoint} refused EHLO and HELO: {_reply(code, text)}")

    def _start_tls(self, smtp: _Smtp, context: ssl.SSLContext) -> None:
        if not smtp.has_extn("starttls"):
            if self.security is Security.START_TLS_ALWAYS:
                raise MailError(
                    f"Server at {self.endpoint} does not offer STARTTLS, which security "
                    "START_TLS_ALWAYS requires; credentials were not sent"
                )
            return
        code, text = self._guard("doing the STARTTLS handshake", lambda: smtp.starttls(context=context))
        if code != 220:
            # It offered TLS and then refused it: never fall back to plaintext.
            raise MailError(f"SMTP server at {self.endpoint} refused STARTTLS: {_reply(code, text)}")
        self.tls_active = True
        self._hello(smtp)  # RFC 3207: capabilities learnt before TLS are void

    def _login(self, smtp: _Smtp) -> bool:
        """Log in when a username is given and the server offers AUTH; like JavaMail, a server
        without AUTH gets no credentials (it may then refuse the sender, which we explain)."""
        if not self.username or not smtp.has_extn("auth"):
            return False
        mechanisms = (smtp.esmtp_features.get("auth") or "").upper().split()
        auth = self.auth
        if auth is not None:
            self._require_mechanism(auth.mechanism in mechanisms, auth.mechanism)

            def sasl(response: bytes) -> None:
                self._guard("logging in", lambda: _sasl(smtp, auth.mechanism, response, auth.error_reply))

            if auth.uses_token:
                token_login(auth, self.username, self.endpoint, sasl, lambda: smtp.sock is not None)
            elif auth.method == "plain":
                sasl(sasl_plain(self.username, self._password))
            else:
                smtp.user, smtp.password = self.username, self._password
                self._guard("logging in", lambda: smtp.auth("LOGIN", smtp.auth_login))
            return True

        def login() -> None:
            if self.username.isascii() and self._password.isascii():
                mechanism = next((m for m in _MECHANISMS if m in mechanisms), None)
                if mechanism is None:
                    raise MailError(
                        f"Cannot log in to {self.endpoint}: it offers AUTH {' '.join(mechanisms)}, "
                        f"but only {', '.join(_MECHANISMS)} are supported"
                    )
                smtp.user, smtp.password = self.username, self._password
                # One mechanism, one attempt: retrying others only adds failures to the account.
                smtp.auth(mechanism, getattr(smtp, _MECHANISMS[mechanism]))
                return
            if "PLAIN" not in mechanisms:
                raise MailError(
                    f"Cannot log in to {self.endpoint} with non-ASCII credentials: the server does not "
                    "offer AUTH PLAIN"
                )
            # smtplib encodes credentials as ASCII; AUTH PLAIN carries UTF-8 (RFC 4616).
            token = base64.b64encode(f"\0{self.username}\0{self._password}".encode()).decode("ascii")
            code, text = smtp.docmd("AUTH", f"PLAIN {token}")
            if code not in (235, 503):
                raise smtplib.SMTPAuthenticationError(code, text)

        self._guard("logging in", login)
        return True

    def _transfer(self, smtp: _Smtp, composed: ComposedMessage, logged_in: bool) -> None:
        options: list[str] = []
        if composed.needs_smtputf8:
            if not smtp.has_extn("smtputf8"):
                raise MailError(
                    f"The message has non-ASCII addresses, which need SMTPUTF8, but the server at "
                    f"{self.endpoint} does not offer it"
                )
            smtp.command_encoding = "utf-8"
            options.append("SMTPUTF8")
        if smtp.has_extn("size"):
            options.append(f"SIZE={len(composed.data)}")
        code, text = self._guard("sending MAIL FROM", lambda: smtp.mail(composed.envelope_from, options))
        if code != 250:
            self._reset(smtp)
            hint = ""
            if self.username and not logged_in:
                hint = " (the server did not offer AUTH, so no login was attempted)"
            raise MailError(
                f"SMTP server at {self.endpoint} refused the message from '{composed.envelope_from}': "
                f"{_reply(code, text)}{hint}"
            )
        refused: list[str] = []
        for recipient in composed.recipients:
            code, text = self._guard("sending RCPT TO", lambda recipient=recipient: smtp.rcpt(recipient))
            if code not in (250, 251):
                refused.append(f"{recipient} ({_reply(code, text)})")
        if refused:
            self._reset(smtp)
            raise MailError(
                f"Recipient(s) refused by {self.endpoint}, so the message was not sent: {', '.join(refused)}"
            )
        code, text = self._guard("sending the message", lambda: smtp.data(composed.data))
        if code != 250:
            raise MailError(f"Message refused by {self.endpoint}: {_reply(code, text)}")

    def _reset(self, smtp: _Smtp) -> None:
        try:
            smtp.rset()
        except (smtplib.SMTPException, OSError):
            pass

    # -- plumbing ------------------------------------------------------------------------------

    def _guard(self, action: str, call: Callable[[], _T]) -> _T:
        """Run one protocol step, turning socket, TLS and smtplib failures into `MailError`."""
        with translate_errors(self.endpoint, action, self.timeouts.read):
            try:
                return call()
            except smtplib.SMTPServerDisconnected as error:
                # smtplib reports timeouts and resets as "disconnected"; recover the cause so
                # translate_errors words it like the other protocols do.
                cause = error.__context__
                if isinstance(cause, OSError) and not isinstance(cause, smtplib.SMTPException):
                    raise cause from None
                raise EOFError from None
            except smtplib.SMTPException as error:
                # SMTPException is an OSError; it must not reach translate_errors as one.
                raise self._refusal(action, error) from None

    def _refusal(self, action: str, error: smtplib.SMTPException) -> MailError:
        if isinstance(error, smtplib.SMTPAuthenticationError):
            reply = _reply(error.smtp_code, error.smtp_error)
            return MailError(f"Authentication failed for user '{self.username}' at {self.endpoint}: {reply}")
        if isinstance(error, smtplib.SMTPDataError):
            return MailError(
                f"Message refused by {self.endpoint}: {_reply(error.smtp_code, error.smtp_error)}"
            )
        if isinstance(error, smtplib.SMTPResponseException):
            reply = _reply(error.smtp_code, error.smtp_error)
            return MailError(f"SMTP server at {self.endpoint} refused {action}: {reply}")
        if isinstance(error, smtplib.SMTPNotSupportedError):
            return MailError(f"SMTP server at {self.endpoint} cannot do {action}: {error}")
        return MailError(f"SMTP error with {self.endpoint} while {action}: {error}")


def _sasl(smtp: _Smtp, mechanism: str, response: bytes, error_reply: bytes) -> None:
    """AUTH with an initial response (RFC 4954); an error challenge (334 with a JSON status, RFC 7628
    §3.2.2) is answered with `error_reply`, after which the server refuses."""
    code, text = smtp.docmd("AUTH", f"{mechanism} {b64(response)}")
    for _ in range(3):
        if code != 334:
            break
        code, text = smtp.docmd(b64(error_reply))
    if code not in (235, 503):
        raise smtplib.SMTPAuthenticationError(code, text)


def _reply(code: int, text: bytes | str) -> str:
    """A server reply as one readable line: "535 5.7.8 Authentication credentials invalid"."""
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    message = " ".join(message.split())
    return f"{code} {message}".strip() if code and code > 0 else message or "no reply"
