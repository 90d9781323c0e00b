"""IMAP modified UTF-7 (RFC 3501 §5.1.3), the encoding of mailbox names on the wire.

Printable ASCII stands for itself, except `&`, written `&-`; every run of other characters is
UTF-16BE in base64 with `,` for `/`, no padding, between `&` and `-`. Python's "utf-7" codec is
the plain RFC 2152 variant (`+`, `/`, optional shifts), so it cannot be used; the codec is small
enough to write here, and `decode(encode(x)) == x` is tested on every plane.
"""

from __future__ import annotations

import base64
import binascii

from balmail.mail.errors import MailError


def encode(name: str) -> str:
    """A folder name as the server expects it in SELECT, MOVE, COPY, CREATE."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            chunk = "".join(pending).encode("utf-16-be", "surrogatepass")
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


def decode(encoded: str) -> str:
    """A folder name as the server sent it (LIST), back to text; a malformed name is a MailError."""
    out: list[str] = []
    i = 0
    while i < len(encoded):
        char = encoded[i]
        if char != "&":
            if not 0x20 <= ord(char) <= 0x7E:
                raise MailError(f"Folder name '{encoded}' is not modified UTF-7: raw character {char!r}")
            out.append(char)
            i += 1
            continue
        end = encoded.find("-", i + 1)
        if end < 0:
            raise MailError(f"Folder name '{encoded}' is not modified UTF-7: '&' without a closing '-'")
        chunk = encoded[i + 1 : end]
        i = end + 1
        if not chunk:
            out.append("&")
            continue
        b64 = chunk.replace(",", "/")
        try:
            raw = base64.b64decode(b64 + "=" * (-len(b64) % 4), validate=True)
            out.append(raw.decode("utf-16-be"))
        except (binascii.Error, UnicodeDecodeError):
            raise MailError(f"Folder name '{encoded}' is not modified UTF-7: bad run '&{chunk}-'") from None
    return "".join(out)


def quote(name: str) -> str:
    """`encode`d and written as an IMAP quoted string (names may contain spaces)."""
    return '"' + encode(name).replace("\\", "\\\\").replace('"', '\\"') + '"'
