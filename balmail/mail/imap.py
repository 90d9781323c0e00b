"""IMAP4rev1 client for polling a folder: select, find unseen by UID, fetch without side effects,
and mark `\\Seen` only when the caller says the message was handled.

Built on `imaplib` for the wire protocol; this module adds the security modes, timeouts, UID-only
operations and the translation of every failure into one `MailError` sentence.
"""

from __future__ import annotations

import base64
import imaplib
import re
import socket
import ssl
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, TypeVar

import attrs

from balmail.mail.account import MailAccount
from balmail.mail.connection import Endpoint, Timeouts, open_socket, translate_errors
from balmail.mail.errors import MailError
from balmail.mail.tls import SecureSocketConfig, Security

DEFAULT_IMAP_PORT = 993
DEFAULT_FOLDER = "INBOX"
DEFAULT_FETCH_BATCH = 25

_T = TypeVar("_T")
_UID_RE = re.compile(rb"\bUID\s+(\d+)", re.IGNORECASE)


@attrs.frozen
class FolderStatus:
    """What SELECT told us: `uidvalidity` scopes every UID (a change means old UIDs are void)."""

    name: str
    uidvalidity: int
    exists: int
    uidnext: int | None


@attrs.frozen
class FetchedMessage:
    """One message's raw RFC 5322 bytes with the UID it is known by in the selected folder."""

    uid: int
    raw: bytes


class _Imap4(imaplib.IMAP4):
    """`imaplib.IMAP4` whose socket comes from `open_socket`: separate connect and read
    timeouts, and implicit TLS when a context is given (instead of a second SSL subclass)."""

    def __init__(self, endpoint: Endpoint, timeouts: Timeouts, tls: ssl.SSLContext | None) -> None:
        self._endpoint = endpoint
        self._timeouts = timeouts
        self._implicit_tls = tls
        super().__init__(endpoint.host, endpoint.port, timeout=timeouts.connect)

    def _create_socket(self, timeout: float | None = None) -> socket.socket:
        return open_socket(self._endpoint, self._timeouts, self._implicit_tls)


class ImapClient(MailAccount):
    """A session with one IMAP account. Use as a context manager, or `connect()`/`close()`."""

    def __init__(
        self,
        host: str,
        username: str,
        password: str,
        *,
        port: int = DEFAULT_IMAP_PORT,
        security: Security = Security.SSL,
        secure_socket: SecureSocketConfig | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        super().__init__(
            host,
            username,
            password,
            port=port,
            security=security,
            secure_socket=secure_socket,
            timeouts=timeouts,
        )
        self._imap: _Imap4 | None = None
        self.folder: FolderStatus | None = None

    def __enter__(self) -> ImapClient:
        self.connect()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- session -----------------------------------------------------------------------------

    def connect(self) -> None:
        """Connect, secure the channel as `security` demands, then log in; credentials never
        travel in plaintext unless the mode allows it."""
        if self._imap is not None:
            return
        context, implicit = self._tls_contexts()
        imap = self._guard("reading the greeting", lambda: _Imap4(self.endpoint, self.timeouts, implicit))
        self._imap = imap
        self.tls_active = implicit is not None
        try:
            if self.security in (Security.START_TLS_AUTO, Security.START_TLS_ALWAYS):
                assert context is not None
                self._start_tls(imap, context)
            self._login(imap)
        except BaseException:
            self.abort()
            raise

    def _start_tls(self, imap: _Imap4, context: ssl.SSLContext) -> None:
        if "STARTTLS" not in imap.capabilities:
            if self.security is Security.START_TLS_ALWAYS:
                raise MailError(
                    f"Server at {self.endpoint} does not offer STARTTLS, which security "
                    "START_TLS_ALWAYS requires; credentials were not sent"
                )
            return
        self._guard("doing the STARTTLS handshake", lambda: imap.starttls(context))
        self.tls_active = True

    def _login(self, imap: _Imap4) -> None:
        def login() -> None:
            if self.username.isascii() and self._password.isascii():
                imap.login(self.username, self._password)
            elif "AUTH=PLAIN" in imap.capabilities:
                token = f"\0{self.username}\0{self._password}".encode()
                imap.authenticate("PLAIN", lambda _challenge: token)
            else:
                raise MailError(
                    f"Cannot log in to {self.endpoint} with non-ASCII credentials: the server does not "
                    "offer AUTH=PLAIN"
                )

        self._guard(
            "logging in",
            login,
            refusal=lambda text: (
                f"Authentication failed for user '{self.username}' at {self.endpoint}: {text}"
            ),
        )

    def close(self) -> None:
        """Log out politely; never raises, because it runs on the way out of failures too."""
        imap, self._imap = self._imap, None
        self.folder = None
        if imap is None:
            return
        try:
            imap.logout()
        except Exception:
            _shutdown(imap)

    def abort(self) -> None:
        """Drop the connection without a goodbye (after a timeout the stream is unusable)."""
        imap, self._imap = self._imap, None
        self.folder = None
        if imap is not None:
            _shutdown(imap)

    # -- folder and messages -------------------------------------------------------------------

    def select_folder(self, folder: str = DEFAULT_FOLDER) -> FolderStatus:
        """Open `folder` read-write (needed to set `\\Seen` later) and read its UIDVALIDITY."""
        imap = self._session()
        action = f"selecting folder '{folder}'"

        def select() -> tuple[str, list[Any]]:
            return imap.select(_quote_mailbox(folder))

        typ, data = self._guard(action, select)
        if typ != "OK":
            raise MailError(
                f"Folder '{folder}' could not be selected at {self.endpoint}: {_server_text(data)}"
            )
        uidvalidity = _first_int(imap.untagged_responses.get("UIDVALIDITY"))
        if uidvalidity is None:
            raise MailError(f"Server at {self.endpoint} did not report UIDVALIDITY for folder '{folder}'")
        status = FolderStatus(
            name=folder,
            uidvalidity=uidvalidity,
            exists=_first_int(data) or 0,
            uidnext=_first_int(imap.untagged_responses.get("UIDNEXT")),
        )
        self.folder = status
        return status

    def search_unseen(self) -> list[int]:
        """UIDs of messages without `\\Seen`, oldest first (UIDs grow in arrival order)."""
        imap, _ = self._selected()
        data = self._checked("searching for unseen messages", lambda: imap.uid("SEARCH", "UNSEEN"))
        uids: set[int] = set()
        for line in data:
            if isinstance(line, bytes):
                uids.update(int(token) for token in line.split() if token.isdigit())
        return sorted(uids)

    def fetch(self, uids: Iterable[int], batch_size: int = DEFAULT_FETCH_BATCH) -> Iterator[FetchedMessage]:
        """Yield full messages in the order of `uids`, `batch_size` per round trip.

        BODY.PEEK[] leaves `\\Seen` alone, so fetching is never acknowledging. UIDs that vanished
        (expunged meanwhile) are skipped.
        """
        imap, _ = self._selected()
        wanted = list(uids)
        if batch_size < 1:
            raise MailError(f"Fetch batch size must be at least 1, got {batch_size}")
        for start in range(0, len(wanted), batch_size):
            batch = wanted[start : start + batch_size]
            sequence = _uid_set(batch)
            data = self._checked(
                "fetching messages",
                lambda sequence=sequence: imap.uid("FETCH", sequence, "(UID BODY.PEEK[])"),
            )
            found = _parse_fetch(data)
            for uid in batch:
                raw = found.get(uid)
                if raw is not None:
                    yield FetchedMessage(uid=uid, raw=raw)

    def mark_seen(self, uids: Iterable[int]) -> None:
        """Acknowledge handled messages by UID (never by sequence number, which shifts)."""
        imap, _ = self._selected()
        wanted = sorted(set(uids))
        if not wanted:
            return
        self._checked(
            "marking messages as seen",
            lambda: imap.uid("STORE", _uid_set(wanted), "+FLAGS.SILENT", "(\\Seen)"),
        )

    # -- plumbing ------------------------------------------------------------------------------

    def _session(self) -> _Imap4:
        if self._imap is None:
            raise MailError(f"IMAP session with {self.endpoint} is not connected")
        return self._imap

    def _selected(self) -> tuple[_Imap4, FolderStatus]:
        imap = self._session()
        if self.folder is None:
            raise MailError(f"No folder is selected on {self.endpoint}; call select_folder first")
        return imap, self.folder

    def _checked(self, action: str, call: Callable[[], tuple[str, list[Any]]]) -> list[Any]:
        typ, data = self._guard(action, call)
        if typ != "OK":
            raise MailError(f"IMAP server at {self.endpoint} refused {action}: {_server_text(data)}")
        return data

    def _guard(self, action: str, call: Callable[[], _T], refusal: Callable[[str], str] | None = None) -> _T:
        """Run one protocol step, translating failures. A broken or timed-out connection is
        dropped so later steps fail cleanly; a refusal (NO/BAD) leaves the session usable.
        `refusal` words the message for a refused step from the server's text."""
        try:
            with translate_errors(self.endpoint, action, self.timeouts.read):
                try:
                    return call()
                except imaplib.IMAP4.abort as error:
                    text = _server_text(error.args)
                    if "EOF" in text:
                        raise EOFError from None
                    broke = f"IMAP connection to {self.endpoint} broke while {action}: {text}"
                    raise MailError(broke) from None
        except imaplib.IMAP4.error as error:
            text = _server_text(error.args)
            if refusal is not None:
                raise MailError(refusal(text)) from None
            raise MailError(f"IMAP server at {self.endpoint} refused {action}: {text}") from None
        except MailError:
            self.abort()
            raise


def _shutdown(imap: imaplib.IMAP4) -> None:
    try:
        imap.shutdown()
    except Exception:
        pass


def _first_int(values: list[Any] | None) -> int | None:
    for value in values or []:
        if isinstance(value, bytes) and value.strip().isdigit():
            return int(value)
    return None


def _server_text(data: Iterable[Any] | Any) -> str:
    """The human part of a server reply, whatever shape imaplib handed it over in."""
    items = data if isinstance(data, list | tuple) else [data]
    texts = []
    for item in items:
        if isinstance(item, bytes):
            texts.append(item.decode("utf-8", "replace"))
        elif isinstance(item, str):
            texts.append(re.sub(r"b'(.*?)'", r"\1", item))
    text = " ".join(t.strip() for t in texts if t and t.strip())
    return text or "no reason given"


def _uid_set(uids: list[int]) -> str:
    """Compress UIDs to an IMAP sequence set (1:3,7) to keep commands short."""
    ordered = sorted(set(uids))
    ranges: list[str] = []
    start = previous = ordered[0]
    for uid in ordered[1:]:
        if uid == previous + 1:
            previous = uid
            continue
        ranges.append(f"{start}:{previous}" if previous != start else str(start))
        start = previous = uid
    ranges.append(f"{start}:{previous}" if previous != start else str(start))
    return ",".join(ranges)


def _parse_fetch(data: list[Any]) -> dict[int, bytes]:
    """Map UID → literal from imaplib's FETCH data: (b'1 (UID 5 BODY[] {n}', literal) tuples,
    where the UID may instead follow the literal in the next plain bytes item. Unsolicited
    FETCH lines (flag updates) carry no literal and are ignored."""
    found: dict[int, bytes] = {}
    pending: bytes | None = None
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            prefix, literal = item
            match = _UID_RE.search(prefix) if isinstance(prefix, bytes) else None
            if match and b"BODY[]" in prefix.upper():
                found[int(match.group(1))] = literal
                pending = None
            elif isinstance(prefix, bytes) and b"BODY[]" in prefix.upper():
                pending = literal
        elif isinstance(item, bytes) and pending is not None:
            match = _UID_RE.search(item)
            if match:
                found[int(match.group(1))] = pending
            pending = None
    return found


def _quote_mailbox(name: str) -> str:
    """Quote a folder name for SELECT, encoding non-ASCII as IMAP modified UTF-7 (RFC 3501 §5.1.3)."""
    encoded = _modified_utf7(name)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _modified_utf7(name: str) -> str:
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            chunk = "".join(pending).encode("utf-16-be")
            b64 = base64.b64encode(chunk).decode("ascii").rstrip("=").replace("/", ",")
            out.append(f"&{b64}-")
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)
