"""The embedded POP3 server (RFC 1939 with UIDL and TOP, CAPA and response codes from RFC 2449,
STLS from RFC 2595, the AUTH code from RFC 3206), written here because no maintained Python POP3
server library exists.

A session serves its account's IMAP INBOX from the shared `MailStore`: the maildrop is the INBOX
as it was at login (RFC 1939 4), locked against other POP3 sessions of the same account until the
session ends; `DELE` only marks, and only `QUIT` expunges the marked messages (and sets `\\Seen`
on the retrieved ones, as Dovecot does). A dropped connection changes nothing. The UIDL of a
message is its INBOX UIDVALIDITY and UID, so it is stable across sessions and never reused.
"""

from __future__ import annotations

import asyncio
import re
import ssl
from collections.abc import Callable, Mapping

import attrs
from pymap.backend.dict.mailbox import MailboxData, Message

from .mailboxes import MailStore, content, mark_seen

IDLE_TIMEOUT = 600.0  # RFC 1939 3: the autologout timer must be at least 10 minutes
LOCK_WAIT = 3.0  # how long a login waits for a previous session of the account to finish
MAX_LINE = 512  # RFC 2449 4: commands are at most 255 octets; more is not a POP3 client
MAX_BAD_COMMANDS = 10
_STUFF = re.compile(rb"^\.", re.MULTILINE)


@attrs.define
class _Item:
    """One message of the maildrop as the session saw it at login."""

    uid: int
    uidl: str
    raw: bytes
    message: Message  # handed back to the mailbox on QUIT
    deleted: bool = False
    retrieved: bool = False


class _Closed(Exception):
    """The client hung up, went silent past the timer, or misbehaved beyond repair."""


class Pop3Server:
    """The connection callback for `asyncio.start_server`; one instance per listening port."""

    def __init__(
        self,
        store: MailStore,
        tls_context: ssl.SSLContext,
        users: Mapping[str, str] | None,
        *,
        offer_stls: bool,
        implicit_tls: bool,
    ) -> None:
        self.store = store
        self.tls_context = tls_context
        self.users = users
        self.offer_stls = offer_stls
        self.implicit_tls = implicit_tls

    async def __call__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        session = _Session(self, reader, writer)
        try:
            await session.run()
        except (_Closed, ConnectionError, ssl.SSLError, asyncio.IncompleteReadError, TimeoutError):
            pass
        except asyncio.CancelledError:
            pass  # the servers are stopping; asyncio logs a cancelled connection task as an error
        finally:
            session.release()
            writer.close()


class _Session:
    """One connection: the AUTHORIZATION and TRANSACTION states, then UPDATE on QUIT."""

    def __init__(
        self, server: Pop3Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.server = server
        self.reader = reader
        self.writer = writer
        self.tls = server.implicit_tls
        self.user: str | None = None
        self.account: str | None = None
        self.lock: asyncio.Lock | None = None
        self.items: list[_Item] = []
        self.inbox: MailboxData | None = None
        self.bad_commands = 0

    # -- plumbing ---------------------------------------------------------------------------------

    async def send(self, line: str) -> None:
        self.writer.write(line.encode("utf-8") + b"\r\n")
        await self.writer.drain()

    async def send_multiline(self, first: str, body: bytes) -> None:
        """A positive response with a dot-terminated, byte-stuffed body (RFC 1939 3)."""
        if body and not body.endswith(b"\r\n"):
            body += b"\r\n"
        self.writer.write(first.encode("utf-8") + b"\r\n" + _STUFF.sub(b"..", body) + b".\r\n")
        await self.writer.drain()

    async def read_command(self) -> str:
        try:
            line = await asyncio.wait_for(self.reader.readuntil(b"\n"), IDLE_TIMEOUT)
        except asyncio.LimitOverrunError:
            await self.send("-ERR Line too long.")
            raise _Closed() from None
        if len(line) > MAX_LINE:
            await self.send("-ERR Line too long.")
            raise _Closed()
        return line.rstrip(b"\r\n").decode("utf-8", "surrogateescape")

    def release(self) -> None:
        if self.lock is not None and self.lock.locked():
            self.lock.release()
        self.lock = None

    # -- the command loop -------------------------------------------------------------------------

    async def run(self) -> None:
        await self.send("+OK balmail dev POP3 server ready.")
        while True:
            line = await self.read_command()
            keyword, _, argument = line.partition(" ")
            keyword = keyword.upper()
            if self.account is None:
                handler = _AUTHORIZATION.get(keyword)
            else:
                handler = _TRANSACTION.get(keyword)
            if handler is None:
                known = keyword in _AUTHORIZATION or keyword in _TRANSACTION
                await self.send("-ERR Not valid in this state." if known else "-ERR Unknown command.")
                self.bad_commands += 1
                if self.bad_commands >= MAX_BAD_COMMANDS:
                    await self.send("-ERR Too many bad commands, closing the connection.")
                    raise _Closed()
                continue
            self.bad_commands = 0
            if await handler(self, argument) is False:
                return

    # -- AUTHORIZATION ----------------------------------------------------------------------------

    async def capa(self, argument: str) -> None:
        lines = ["TOP", "UIDL", "USER", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"]
        if self.account is None and self.server.offer_stls and not self.tls:
            lines.append("STLS")
        lines.append("IMPLEMENTATION balmail-dev")
        await self.send_multiline("+OK Capability list follows.", "\r\n".join(lines).encode() + b"\r\n")

    async def stls(self, argument: str) -> bool:
        if self.tls or not self.server.offer_stls:
            await self.send("-ERR TLS is already active." if self.tls else "-ERR STLS is not offered here.")
            return True
        await self.send("+OK Begin TLS negotiation.")
        # RFC 2595 / RFC 8314: plaintext pipelined after STLS must not be taken as protected input.
        if self.reader._buffer:  # no public API tells whether the client sent more already
            raise _Closed()
        await self.writer.start_tls(self.server.tls_context)
        self.tls = True
        self.user = None  # RFC 2595 4: forget what was learned before TLS
        return True

    async def user_command(self, argument: str) -> None:
        if not argument:
            await self.send("-ERR USER needs a name.")
            return
        self.user = argument
        await self.send("+OK Send the password.")

    async def pass_command(self, argument: str) -> None:
        user, self.user = self.user, None
        if user is None:
            await self.send("-ERR Send USER first.")
            return
        if self.server.users is not None and self.server.users.get(user) != argument:
            await self.send("-ERR [AUTH] Authentication failed.")
            return
        lock = self.server.store.pop3_lock(user)
        deadline = asyncio.get_running_loop().time() + LOCK_WAIT
        # Polled rather than `wait_for(lock.acquire())`, whose timeout can lose an acquisition
        # that completes while it cancels (Python < 3.12); on one loop, check-then-acquire is atomic.
        while lock.locked():
            if asyncio.get_running_loop().time() >= deadline:
                await self.send("-ERR [IN-USE] The maildrop is locked by another POP3 session.")
                return
            await asyncio.sleep(0.02)
        await lock.acquire()
        self.lock = lock
        inbox = await self.server.store.folder(user)
        validity = inbox.uid_validity
        self.items = [
            _Item(message.uid, f"{validity:08x}{message.uid:08x}", await content(message), message)
            async for message in inbox.messages()
        ]
        self.inbox = inbox
        self.account = user
        count, size = self._totals()
        await self.send(f"+OK Logged in, {count} messages ({size} octets).")

    async def quit(self, argument: str) -> bool:
        if self.inbox is not None:  # the UPDATE state (RFC 1939 6)
            deleted = [item.uid for item in self.items if item.deleted]
            seen = [item.message for item in self.items if item.retrieved and not item.deleted]
            await mark_seen(self.inbox, seen)
            if deleted:
                await self.inbox.delete(deleted)
            self.release()
            await self.send(f"+OK Logging out, {len(deleted)} messages deleted.")
        else:
            await self.send("+OK Logging out.")
        return False

    # -- TRANSACTION ------------------------------------------------------------------------------

    def _totals(self) -> tuple[int, int]:
        live = [item for item in self.items if not item.deleted]
        return len(live), sum(len(item.raw) for item in live)

    async def _item(self, argument: str) -> tuple[int, _Item] | None:
        """The message a numeric argument names, or an `-ERR` already sent."""
        if not argument.isdigit():
            await self.send("-ERR Expected a message number.")
            return None
        number = int(argument)
        if not 1 <= number <= len(self.items):
            await self.send(f"-ERR No message {number}.")
            return None
        item = self.items[number - 1]
        if item.deleted:
            await self.send(f"-ERR Message {number} is deleted.")
            return None
        return number, item

    async def stat(self, argument: str) -> None:
        count, size = self._totals()
        await self.send(f"+OK {count} {size}")

    async def list_command(self, argument: str) -> None:
        await self._listing(argument, lambda item: str(len(item.raw)))

    async def uidl(self, argument: str) -> None:
        await self._listing(argument, lambda item: item.uidl)

    async def _listing(self, argument: str, describe: Callable[[_Item], str]) -> None:
        """LIST gives sizes, UIDL unique ids; both skip deleted messages."""
        if argument:
            found = await self._item(argument)
            if found is not None:
                number, item = found
                await self.send(f"+OK {number} {describe(item)}")
            return
        lines = [
            f"{number} {describe(item)}" for number, item in enumerate(self.items, 1) if not item.deleted
        ]
        count, size = self._totals()
        body = "".join(f"{line}\r\n" for line in lines).encode()
        await self.send_multiline(f"+OK {count} messages ({size} octets)", body)

    async def retr(self, argument: str) -> None:
        found = await self._item(argument)
        if found is not None:
            _, item = found
            item.retrieved = True
            await self.send_multiline(f"+OK {len(item.raw)} octets", item.raw)

    async def top(self, argument: str) -> None:
        number_text, _, lines_text = argument.partition(" ")
        if not lines_text.isdigit():
            await self.send("-ERR TOP needs a message number and a number of lines.")
            return
        found = await self._item(number_text)
        if found is not None:
            _, item = found
            head, separator, body = item.raw.partition(b"\r\n\r\n")
            lines = body.split(b"\r\n")
            if lines[-1] == b"":
                lines.pop()
            kept = lines[: int(lines_text)]
            text = head + separator + b"".join(line + b"\r\n" for line in kept)
            await self.send_multiline("+OK Top of message follows.", text)

    async def dele(self, argument: str) -> None:
        found = await self._item(argument)
        if found is not None:
            number, item = found
            item.deleted = True
            await self.send(f"+OK Message {number} deleted.")

    async def noop(self, argument: str) -> None:
        await self.send("+OK")

    async def rset(self, argument: str) -> None:
        for item in self.items:
            item.deleted = False
        count, size = self._totals()
        await self.send(f"+OK Maildrop has {count} messages ({size} octets).")


_AUTHORIZATION = {
    "CAPA": _Session.capa,
    "STLS": _Session.stls,
    "USER": _Session.user_command,
    "PASS": _Session.pass_command,
    "QUIT": _Session.quit,
}
_TRANSACTION = {
    "CAPA": _Session.capa,
    "STAT": _Session.stat,
    "LIST": _Session.list_command,
    "UIDL": _Session.uidl,
    "RETR": _Session.retr,
    "TOP": _Session.top,
    "DELE": _Session.dele,
    "NOOP": _Session.noop,
    "RSET": _Session.rset,
    "QUIT": _Session.quit,
}


async def start_pop3_listener(
    store: MailStore,
    tls_context: ssl.SSLContext,
    users: Mapping[str, str] | None,
    host: str,
    *,
    offer_stls: bool,
    implicit_tls: bool,
) -> asyncio.Server:
    handler = Pop3Server(store, tls_context, users, offer_stls=offer_stls, implicit_tls=implicit_tls)
    return await asyncio.start_server(
        handler, host=host, port=0, ssl=tls_context if implicit_tls else None, limit=MAX_LINE
    )
