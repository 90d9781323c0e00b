"""The accounts and folders every embedded server shares: pymap's in-memory (dict) mailboxes.

IMAP reaches them through pymap's own session code; POP3 and SMTP delivery go through the same
`MailboxData` objects, so a POP3 `DELE`+`QUIT` is an IMAP expunge and an SMTP delivery is an IMAP
`EXISTS`. Everything here runs on the servers' event loop thread (pymap's objects are not
thread-safe); `DevServers` hops onto that loop for calls from other threads.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from pymap.backend.dict.filter import FilterSet
from pymap.backend.dict.mailbox import MailboxData, MailboxSet, Message
from pymap.flags import FlagOp
from pymap.parsing.message import AppendMessage
from pymap.parsing.specials import FetchRequirement
from pymap.parsing.specials.flag import Seen

from .errors import DevServerError

_LINE_END = re.compile(rb"\r?\n")


def account_key(name: str) -> str:
    """The mailbox a login name or an address reaches: its user part, case-insensitive.

    `Alice`, `alice@example.test` and `<ALICE@other.test>` are one account, so a program that logs
    in with a bare user name still receives what another program sent to its full address (a dev
    server serves one domain; see docs/devserver.md)."""
    address = name.strip().strip("<>").strip()
    local = address.rpartition("@")[0] if "@" in address else address
    return local.lower()


def crlf(raw: bytes) -> bytes:
    """Lines end in CRLF on the wire (RFC 5322 2.1); stored messages are kept that way."""
    return _LINE_END.sub(b"\r\n", raw)


class MailStore:
    """Account name → pymap mailbox set, each new one filled with the seed messages."""

    def __init__(self, seed: Sequence[bytes] = ()) -> None:
        self._seed = [crlf(raw) for raw in seed]
        self._accounts: dict[str, tuple[MailboxSet, FilterSet]] = {}
        self._creating = asyncio.Lock()
        self._pop3_locks: dict[str, asyncio.Lock] = {}

    async def account(self, name: str) -> tuple[MailboxSet, FilterSet]:
        """The account's mailboxes, created (and seeded into INBOX) on first use."""
        key = account_key(name)
        found = self._accounts.get(key)
        if found is not None:
            return found
        async with self._creating:
            found = self._accounts.get(key)
            if found is None:
                found = (MailboxSet(), FilterSet())
                inbox = await found[0].get_mailbox("INBOX")
                for raw in self._seed:
                    await _append(inbox, raw)
                self._accounts[key] = found
            return found

    async def folder(self, name: str, folder: str = "INBOX") -> MailboxData:
        mailbox_set, _ = await self.account(name)
        try:
            return await mailbox_set.get_mailbox(folder)
        except KeyError:
            raise DevServerError(f"Account '{account_key(name)}' has no folder '{folder}'") from None

    async def deliver(self, raw: bytes, recipients: Iterable[str]) -> None:
        """Append `raw` to the INBOX of each recipient's account (once per account)."""
        accounts = dict.fromkeys(account_key(r) for r in recipients if account_key(r))
        for key in accounts:
            await _append(await self.folder(key), crlf(raw))

    async def messages(self, name: str, folder: str = "INBOX") -> list[bytes]:
        mailbox = await self.folder(name, folder)
        return [await content(message) async for message in mailbox.messages()]

    def pop3_lock(self, name: str) -> asyncio.Lock:
        """The RFC 1939 maildrop lock: one POP3 session per account at a time."""
        return self._pop3_locks.setdefault(account_key(name), asyncio.Lock())


async def _append(mailbox: MailboxData, raw: bytes) -> Message:
    return await mailbox.append(AppendMessage(raw, datetime.now(UTC)), recent=True)


async def content(message: Message) -> bytes:
    """The stored bytes of a message, exactly as IMAP `BODY[]` returns them."""
    loaded = await message.load_content(FetchRequirement.CONTENT)
    return bytes(loaded)


async def mark_seen(mailbox: MailboxData, messages: Iterable[Message]) -> None:
    for message in messages:
        await mailbox.update(message.uid, message, frozenset({Seen}), FlagOp.ADD)
