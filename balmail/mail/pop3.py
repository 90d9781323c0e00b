"""POP3 client for polling a maildrop: list by UIDL, retrieve, and delete only when told.

Built on `poplib` for the wire protocol; this module adds the security modes, timeouts, and the
translation of every failure into one `MailError` sentence. Deletions (DELE) only take effect when
the session ends with QUIT (RFC 1939 §6), so `abort()` after a failure keeps every message.
"""

from __future__ import annotations

import poplib
import socket
import ssl
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

import attrs

from balmail.mail.account import MailAccount
from balmail.mail.connection import Endpoint, Timeouts, open_socket, translate_errors
from balmail.mail.errors import MailError
from balmail.mail.oauth2 import MailAuth, b64, sasl_plain, token_login
from balmail.mail.tls import SecureSocketConfig, Security

DEFAULT_POP3_PORT = 995

# poplib refuses lines over 2048 bytes, but real messages carry longer ones (unwrapped HTML,
# long encoded headers). Allow much longer lines while still bounding memory per line.
_MAX_LINE = 1 << 20

_T = TypeVar("_T")


@attrs.frozen
class Pop3Listing:
    """A message in the maildrop: its session-local number and its stable unique id (UIDL)."""

    number: int
    uidl: str


class _Pop3(poplib.POP3):
    """`poplib.POP3` whose socket comes from `open_socket` (connect/read timeouts, implicit TLS)
    and whose line limit fits real-world mail."""

    def __init__(self, endpoint: Endpoint, timeouts: Timeouts, tls: ssl.SSLContext | None) -> None:
        self._endpoint = endpoint
        self._timeouts = timeouts
        self._implicit_tls = tls
        super().__init__(endpoint.host, endpoint.port, timeout=timeouts.connect)

    def _create_socket(self, timeout: float | None) -> socket.socket:
        return open_socket(self._endpoint, self._timeouts, self._implicit_tls)

    def _getline(self) -> tuple[bytes, int]:
        line = self.file.readline(_MAX_LINE + 1)
        if len(line) > _MAX_LINE:
            raise poplib.error_proto("-ERR line too long")
        if not line:
            raise poplib.error_proto("-ERR EOF")
        octets = len(line)
        if line.endswith(b"\r\n"):
            return line[:-2], octets
        if line.startswith(b"\r"):
            return line[1:-1], octets
        return line[:-1], octets


class Pop3Client(MailAccount):
    """A session with one POP3 account. Use as a context manager, or `connect()`/`close()`."""

    def __init__(
        self,
        host: str,
        username: str,
        password: str,
        *,
        port: int = DEFAULT_POP3_PORT,
        security: Security = Security.SSL,
        secure_socket: SecureSocketConfig | None = None,
        timeouts: Timeouts | None = None,
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
        self._pop: _Pop3 | None = None

    def __enter__(self) -> Pop3Client:
        self.connect()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    # -- session -----------------------------------------------------------------------------

    def connect(self) -> None:
        """Connect, secure the channel as `security` demands, then log in with USER/PASS;
        credentials never travel in plaintext unless the mode allows it."""
        if self._pop is not None:
            return
        context, implicit = self._tls_contexts()
        pop = self._guard("reading the greeting", lambda: _Pop3(self.endpoint, self.timeouts, implicit))
        self._pop = pop
        self.tls_active = implicit is not None
        try:
            if self.security in (Security.START_TLS_AUTO, Security.START_TLS_ALWAYS):
                assert context is not None
                self._start_tls(pop, context)
            self._login(pop)
        except BaseException:
            self.abort()
            raise

    def _start_tls(self, pop: _Pop3, context: ssl.SSLContext) -> None:
        capabilities = self._capabilities(pop)
        if "STLS" not in capabilities:
            if self.security is Security.START_TLS_ALWAYS:
                raise MailError(
                    f"Server at {self.endpoint} does not offer STARTTLS (STLS), which security "
                    "START_TLS_ALWAYS requires; credentials were not sent"
                )
            return
        self._guard("doing the STARTTLS handshake", lambda: pop.stls(context))
        self.tls_active = True

    def _capabilities(self, pop: _Pop3) -> dict[str, list[str]]:
        """CAPA, with servers that lack it (RFC 1939 only) treated as offering nothing."""
        try:
            return self._guard("asking for capabilities", pop.capa)
        except MailError:
            if self._pop is None:
                raise  # the connection itself broke
            return {}

    def _login(self, pop: _Pop3) -> None:
        auth = self.auth

        def refused(text: str) -> str:
            return f"Authentication failed for user '{self.username}' at {self.endpoint}: {text}"

        if auth is not None and auth.method != "login":
            mechanism = auth.mechanism
            offered = self._capabilities(pop).get("SASL", [])
            self._require_mechanism(mechanism in (m.upper() for m in offered), mechanism)

            def sasl(response: bytes) -> None:
                exchange = lambda: _sasl(pop, mechanism, response, auth.error_reply)  # noqa: E731
                self._guard("logging in", exchange, refusal=refused)

            if auth.uses_token:
                token_login(auth, self.username, self.endpoint, sasl, lambda: self._pop is not None)
            else:
                sasl(sasl_plain(self.username, self._password))
            return

        def login() -> None:
            pop.user(self.username)
            pop.pass_(self._password)

        self._guard("logging in", login, refusal=refused)

    def quit(self) -> None:
        """End the session with QUIT, which is what makes earlier `delete` calls take effect;
        raises if the server did not confirm, because then nothing was deleted."""
        pop = self._session()
        self._guard("committing deletions (QUIT)", pop.quit)
        self._pop = None

    def close(self) -> None:
        """Best-effort QUIT that never raises (it runs on the way out of failures too)."""
        if self._pop is None:
            return
        try:
            self.quit()
        except MailError:
            self.abort()

    def abort(self) -> None:
        """Drop the connection without QUIT: the server discards this session's deletions."""
        pop, self._pop = self._pop, None
        if pop is not None:
            try:
                pop.close()
            except OSError:
                pass

    # -- messages ------------------------------------------------------------------------------

    def list_messages(self) -> list[Pop3Listing]:
        """Every message with its UIDL, in maildrop order (oldest first on common servers)."""
        pop = self._session()
        _, lines, _ = self._guard(
            "listing messages (UIDL)",
            pop.uidl,
            refusal=lambda text: (
                f"POP3 server at {self.endpoint} refused UIDL ({text}); unique ids are needed "
                "to track which messages were handled"
            ),
        )
        listings = []
        for line in lines:
            parts = line.decode("ascii", "replace").split()
            if len(parts) >= 2 and parts[0].isdigit():
                listings.append(Pop3Listing(number=int(parts[0]), uidl=parts[1]))
        return sorted(listings, key=lambda listing: listing.number)

    def retrieve(self, number: int) -> bytes:
        """The whole message (RETR), dot-unstuffed, lines joined with CRLF as on the wire."""
        pop = self._session()
        _, lines, _ = self._guard(f"retrieving message {number}", lambda: pop.retr(number))
        return b"\r\n".join(lines) + b"\r\n"

    def delete(self, number: int) -> None:
        """Mark a message for deletion (DELE); it disappears only after `quit()`."""
        pop = self._session()
        self._guard(f"deleting message {number}", lambda: pop.dele(number))

    # -- plumbing ------------------------------------------------------------------------------

    def _session(self) -> _Pop3:
        if self._pop is None:
            raise MailError(f"POP3 session with {self.endpoint} is not connected")
        return self._pop

    def _guard(self, action: str, call: Callable[[], _T], refusal: Callable[[str], str] | None = None) -> _T:
        """Run one protocol step, translating failures. A broken or timed-out connection is
        dropped; an -ERR reply leaves the session usable. `refusal` words a refused step."""
        try:
            with translate_errors(self.endpoint, action, self.timeouts.read):
                try:
                    return call()
                except poplib.error_proto as error:
                    text = _server_text(error)
                    if text == "EOF":
                        raise EOFError from None
                    if refusal is not None:
                        raise _Refused(refusal(text)) from None
                    raise _Refused(f"POP3 server at {self.endpoint} refused {action}: {text}") from None
        except _Refused as refused:
            raise MailError(refused.message) from None
        except MailError:
            self.abort()
            raise


def _sasl(pop: _Pop3, mechanism: str, response: bytes, error_reply: bytes) -> None:
    """RFC 5034 AUTH without an initial response (a long token would pass the 255-octet command
    limit): `AUTH MECH`, the server's `+ ` continuation, the response; an error challenge
    (`+ base64-json`, RFC 7628 §3.2.2) is answered with `error_reply` and then refused."""
    pop._putcmd(f"AUTH {mechanism}")
    line, _ = pop._getline()
    if not line.startswith(b"+") or line.startswith(b"+OK"):
        raise poplib.error_proto(line)
    pop._putline(b64(response).encode("ascii"))
    line, _ = pop._getline()
    for _ in range(3):
        if line.startswith(b"+OK") or not line.startswith(b"+"):
            break
        pop._putline(b64(error_reply).encode("ascii"))
        line, _ = pop._getline()
    if not line.startswith(b"+OK"):
        raise poplib.error_proto(line)


class _Refused(MailError):
    """An -ERR reply: the connection is fine, so the session is kept."""


def _server_text(error: poplib.error_proto) -> str:
    raw = error.args[0] if error.args else b""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    text = text.strip()
    if text.startswith("-ERR"):
        text = text[len("-ERR") :].strip()
    return text or "no reason given"
