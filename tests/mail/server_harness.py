"""What the mail tests need of a server, whichever it is: its ports, its certificates, its users, and
mailbox helpers that shape and inspect a mailbox over plain IMAP (independent of the code under
test). Dovecot (dovecot_harness.py) and the embedded servers (embedded_harness.py) both provide it,
so one parametrised suite runs against both.
"""

from __future__ import annotations

import imaplib
import re
from pathlib import Path

HOST = "127.0.0.1"
USERS = {
    "alice": "secret",
    "bob": 'p@ss "w0rd" \\ with spaces',
    "zoe": "pässwörd-ünïcode",
}


class MailServer:
    """Base of both harnesses; `kind` is "dovecot" or "embedded" (tests name it only where the two
    servers legitimately differ, and say why)."""

    kind: str
    host: str
    imap_port: int
    imaps_port: int
    pop3_port: int
    pop3s_port: int
    imap_no_starttls_port: int
    pop3_no_starttls_port: int
    ca_cert: Path
    wrong_ca_cert: Path
    server_cert: Path
    users: dict[str, str]

    def admin(self, user: str) -> imaplib.IMAP4:
        """A plaintext IMAP session for test setup (loopback, so both servers allow it)."""
        imap = imaplib.IMAP4(self.host, self.imap_port, timeout=10)
        token = f"\0{user}\0{self.users[user]}".encode()
        imap.authenticate("PLAIN", lambda _challenge: token)
        return imap

    def append(self, user: str, raw: bytes, *, seen: bool = False, folder: str = "INBOX") -> int:
        """Deliver a raw RFC 5322 message; returns its UID (from APPENDUID)."""
        imap = self.admin(user)
        try:
            flags = "(\\Seen)" if seen else None
            typ, data = imap.append(folder, flags, None, _crlf(raw))
            assert typ == "OK", data
            match = re.search(rb"APPENDUID \d+ (\d+)", data[0])
            assert match, data
            return int(match.group(1))
        finally:
            imap.logout()

    def append_many(self, user: str, messages: list[bytes], *, folder: str = "INBOX") -> list[int]:
        """Deliver several messages over one session, in order; returns their UIDs."""
        imap = self.admin(user)
        try:
            uids = []
            for raw in messages:
                typ, data = imap.append(folder, None, None, _crlf(raw))
                assert typ == "OK", data
                match = re.search(rb"APPENDUID \d+ (\d+)", data[0])
                assert match, data
                uids.append(int(match.group(1)))
            return uids
        finally:
            imap.logout()

    def delete_folder(self, user: str, encoded_name: str) -> None:
        """Delete a folder with its messages (re-creating it gives it a new UIDVALIDITY)."""
        imap = self.admin(user)
        try:
            typ, data = imap.delete(f'"{encoded_name}"')
            assert typ == "OK", data
        finally:
            imap.logout()

    def reset(self, user: str, folder: str = "INBOX") -> None:
        """Delete every message in the folder (UIDVALIDITY stays; UIDs keep growing)."""
        imap = self.admin(user)
        try:
            typ, data = imap.select(folder)
            assert typ == "OK", data
            if int(data[0]) > 0:
                imap.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
                imap.expunge()
        finally:
            imap.logout()

    def create_folder(self, user: str, encoded_name: str) -> None:
        """Create a folder; the name is given already in IMAP modified UTF-7."""
        imap = self.admin(user)
        try:
            typ, data = imap.create(f'"{encoded_name}"')
            assert typ == "OK" or b"exists" in data[0].lower(), data
        finally:
            imap.logout()

    def flags(self, user: str, folder: str = "INBOX") -> dict[int, set[str]]:
        """UID → flags, as the server stores them right now."""
        imap = self.admin(user)
        try:
            typ, data = imap.select(folder, readonly=True)
            assert typ == "OK", data
            if int(data[0]) == 0:
                return {}
            typ, data = imap.uid("FETCH", "1:*", "(UID FLAGS)")
            result: dict[int, set[str]] = {}
            for line in data:
                text = line.decode() if isinstance(line, bytes) else ""
                match = re.search(r"UID (\d+) FLAGS \(([^)]*)\)", text) or re.search(
                    r"FLAGS \(([^)]*)\) UID (\d+)", text
                )
                if not match:
                    continue
                if text.find("UID") < text.find("FLAGS"):
                    uid, flags = int(match.group(1)), match.group(2)
                else:
                    flags, uid = match.group(1), int(match.group(2))
                result[uid] = set(flags.split())
            return result
        finally:
            imap.logout()

    def uidvalidity(self, user: str, folder: str = "INBOX") -> int:
        imap = self.admin(user)
        try:
            typ, data = imap.status(folder, "(UIDVALIDITY)")
            assert typ == "OK", data
            match = re.search(rb"UIDVALIDITY (\d+)", data[0])
            assert match, data
            return int(match.group(1))
        finally:
            imap.logout()

    def log_tail(self, lines: int = 40) -> str:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


def _crlf(raw: bytes) -> bytes:
    return re.sub(rb"\r?\n", b"\r\n", raw)
