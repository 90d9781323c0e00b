"""IMAP4rev1 client for polling a folder: select, find unseen by UID, fetch without side effects,
and mark `\\Seen` only when the caller says the message was handled.

Built on `imaplib` for the wire protocol; this module adds the security modes, timeouts, UID-only
operations and the translation of every failure into one `MailError` sentence.
"""

from __future__ import annotations

import imaplib
import re
import select
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, TypeVar

import attrs

from balmail.mail import utf7
from balmail.mail.account import MailAccount
from balmail.mail.connection import Endpoint, Timeouts, open_socket, translate_errors
from balmail.mail.errors import MailError
from balmail.mail.oauth2 import MailAuth, sasl_plain, token_login
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
        self._imap: _Imap4 | None = None
        self.folder: FolderStatus | None = None
        self.avoid_move = False
        self.exists_at: float | None = None
        """When IDLE last reported new mail (monotonic seconds), for latency measurements."""
        self._capabilities: frozenset[str] | None = None
        """Use COPY + expunge even when MOVE is offered (tests of the fallback on a real server)."""

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
        auth = self.auth

        def refused(text: str) -> str:
            return f"Authentication failed for user '{self.username}' at {self.endpoint}: {text}"

        if auth is not None and auth.method != "login":
            mechanism = auth.mechanism
            self._require_mechanism(f"AUTH={mechanism}" in imap.capabilities, mechanism)

            def sasl(response: bytes) -> None:
                replies = iter((response, auth.error_reply, None))
                self._guard("logging in", lambda: imap.authenticate(mechanism, lambda _c: next(replies)),
                            refusal=refused)  # fmt: skip

            if auth.uses_token:
                token_login(auth, self.username, self.endpoint, sasl, lambda: self._imap is not None)
            else:
                sasl(sasl_plain(self.username, self._password))
            return

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

        self._guard("logging in", login, refusal=refused)

    def close(self) -> None:
        """Log out politely; never raises, because it runs on the way out of failures too."""
        imap, self._imap = self._imap, None
        self.folder = None
        self._capabilities = None
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
        self._capabilities = None
        if imap is not None:
            _shutdown(imap)

    # -- folder and messages -------------------------------------------------------------------

    def select_folder(self, folder: str = DEFAULT_FOLDER) -> FolderStatus:
        """Open `folder` read-write (needed to set `\\Seen` later) and read its UIDVALIDITY."""
        imap = self._session()
        action = f"selecting folder '{folder}'"

        def select() -> tuple[str, list[Any]]:
            return imap.select(utf7.quote(folder))

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
        return self.search("UNSEEN")

    def search(self, criteria: str, what: str = "unseen messages") -> list[int]:
        """UIDs matching IMAP SEARCH `criteria` (ASCII, already checked), oldest first."""
        imap, _ = self._selected()
        imap.untagged_responses.pop("EXISTS", None)  # from here on, an EXISTS means new mail
        data = self._checked(f"searching for {what}", lambda: imap.uid("SEARCH", criteria))
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

    def folder_exists(self, folder: str) -> bool:
        """Whether LIST finds `folder` (exactly that name, not a pattern)."""
        imap = self._session()
        pattern = utf7.quote(folder.replace("%", "").replace("*", ""))
        data = self._checked(f"looking for folder '{folder}'", lambda: imap.list('""', pattern))
        return any(isinstance(line, bytes) and line.strip() for line in data)

    def copy(self, uids: Iterable[int], folder: str) -> None:
        """UID COPY to `folder` (it must exist: a missing folder is a refusal naming it)."""
        imap, _ = self._selected()
        wanted = sorted(set(uids))
        if wanted:
            self._checked(
                f"copying messages to folder '{folder}'",
                lambda: imap.uid("COPY", _uid_set(wanted), utf7.quote(folder)),
            )

    def move(self, uids: Iterable[int], folder: str) -> None:
        """UID MOVE (RFC 6851) when the server offers it, else COPY, `\\Deleted` and expunge."""
        imap, _ = self._selected()
        wanted = sorted(set(uids))
        if not wanted:
            return
        if "MOVE" in self.capabilities() and not self.avoid_move:
            self._checked(
                f"moving messages to folder '{folder}'",
                lambda: imap.uid("MOVE", _uid_set(wanted), utf7.quote(folder)),
            )
            return
        self.copy(wanted, folder)
        self.delete(wanted)

    def delete(self, uids: Iterable[int]) -> None:
        """`\\Deleted` and expunge these UIDs only (UID EXPUNGE, RFC 4315, when offered; a plain
        EXPUNGE otherwise, which also removes other messages someone flagged `\\Deleted`)."""
        imap, _ = self._selected()
        wanted = sorted(set(uids))
        if not wanted:
            return
        uid_set = _uid_set(wanted)
        self._checked(
            "flagging messages as deleted",
            lambda: imap.uid("STORE", uid_set, "+FLAGS.SILENT", "(\\Deleted)"),
        )
        if "UIDPLUS" in self.capabilities():
            self._checked("expunging deleted messages", lambda: imap.uid("EXPUNGE", uid_set))
        else:
            self._checked("expunging deleted messages", imap.expunge)

    # -- IDLE (RFC 2177) -------------------------------------------------------------------------

    @property
    def supports_idle(self) -> bool:
        return "IDLE" in self.capabilities()

    def capabilities(self) -> frozenset[str]:
        """What the server offers once logged in (servers advertise more after authentication, e.g.
        Dovecot's MOVE and UIDPLUS; imaplib keeps only the greeting's list). Asked once per session."""
        imap = self._session()
        if self._capabilities is None:
            data = self._checked("asking for capabilities", imap.capability)
            words = b" ".join(d for d in data if isinstance(d, bytes)).decode("ascii", "replace").upper()
            self._capabilities = frozenset(words.split())  # after login, this list is the one that counts
        return self._capabilities

    def idle(self, seconds: float, wake_fd: int | None = None) -> bool:
        """Wait in IDLE up to `seconds` for new mail in the selected folder: True as soon as the
        server reports EXISTS (or had reported one since the last SEARCH), False when the time is
        up or `wake_fd` became readable (the poller is stopping). The folder stays selected and
        the session usable either way; a dropped connection is a MailError."""
        imap, _ = self._selected()
        if imap.untagged_responses.pop("EXISTS", None):
            return True  # mail came in while the cycle ran: no need to wait
        tag = imap._new_tag()
        new_mail = False

        def start() -> None:
            nonlocal new_mail
            imap.send(tag + b" IDLE\r\n")
            while True:
                line = imap._get_line()
                if line.startswith(b"+"):
                    return
                if line.startswith(tag):
                    raise imaplib.IMAP4.error(line[len(tag) :].strip())
                new_mail = new_mail or _is_exists(line)

        self._guard("starting IDLE", start)
        try:
            if not new_mail:
                new_mail = self._guard("waiting in IDLE", lambda: _wait_for_exists(imap, seconds, wake_fd))
            if new_mail:
                self.exists_at = time.monotonic()
        finally:
            if self._imap is imap:
                self._guard("ending IDLE", lambda: _done(imap, tag))
        return new_mail

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


def _is_exists(line: bytes) -> bool:
    parts = line.split()
    return len(parts) >= 3 and parts[0] == b"*" and parts[2].upper() == b"EXISTS"


def _buffered(imap: imaplib.IMAP4) -> bool:
    """Whether a response is already readable without waiting: bytes in imaplib's buffered reader
    (or TLS's) that `select` on the socket cannot see. A non-blocking `peek` returns the buffer or
    what one read finds, and raises nothing but "would block" when there is nothing."""
    sock = imap.sock
    timeout = sock.gettimeout()
    sock.setblocking(False)
    try:
        return bool(imap.file.peek(1))
    except (BlockingIOError, ssl.SSLWantReadError):
        return False
    finally:
        sock.settimeout(timeout)


def _wait_for_exists(imap: imaplib.IMAP4, seconds: float, wake_fd: int | None) -> bool:
    """Read IDLE's untagged responses until an EXISTS (True), the deadline or a wake-up (False)."""
    deadline = time.monotonic() + max(0.0, seconds)
    watched: list[Any] = [imap.sock] + ([wake_fd] if wake_fd is not None else [])
    while True:
        if not _buffered(imap):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            readable, _, _ = select.select(watched, [], [], remaining)
            if wake_fd is not None and wake_fd in readable:
                return False
            if not readable:
                return False
        line = imap._get_line()
        if _is_exists(line):
            return True
        if line.upper().startswith(b"* BYE"):
            raise imaplib.IMAP4.abort(line[5:].decode("utf-8", "replace").strip() or "BYE")


def _done(imap: imaplib.IMAP4, tag: bytes) -> None:
    """End IDLE and read up to its tagged reply (EXISTS seen on the way stay for the next wait)."""
    imap.send(b"DONE\r\n")
    while True:
        line = imap._get_line()
        if line.startswith(tag):
            if not line[len(tag) :].strip().upper().startswith(b"OK"):
                raise imaplib.IMAP4.error(line[len(tag) :].strip())
            return
        if _is_exists(line):
            imap.untagged_responses.setdefault("EXISTS", []).append(line.split()[1])


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
