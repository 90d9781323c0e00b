"""RFC 5322/MIME bytes → `ReceivedMessage`, the plain-Python shape of a received `email:Message`.

Owns the rules that decide what a handler sees: which part is the body, which parts are
attachments, how addresses, encoded words and charsets are decoded. Parsing is lenient like a
mail client (broken headers and charsets degrade to readable text); the only exception that can
escape is `MessageParseError`.

Rules, following Ballerina's reference implementation where it defines them:
- `to`/`cc`/`bcc`/`reply_to`: None when absent or without a usable address, a `str` for one
  address, `list[str]` for several; each as `Name <addr>` (or the bare address), names decoded.
- `subject`: "" when missing; RFC 2047 words decoded.
- `content_type`: the message's Content-Type value, "text/plain" when absent (as JavaMail).
- `body`: for a single-part textual message, its text (whatever its subtype, as Ballerina does);
  for multipart, the first text/plain leaf of the first part (or of the whole message when it is
  multipart/alternative). `html_body`: the first text/html leaf in the same place.
- `attachments`: for multipart/alternative none; for other multiparts the parts after the first,
  or all parts when the first cannot be a body (an attachment or non-textual part); a single-part
  message that is not text is one attachment. Nothing the sender attached is dropped.
- Text is charset-decoded and its line endings normalised to "\\n".

Speed (bench/throughput.py): `email.policy.default` parses a header into a structured object on
every `get`, and `get_content_type`, `get_content_charset`, `get_payload(decode=True)` and
friends each fetch Content-Type again. `_CachingPolicy` memoises that parse (a pure function of
name and value, so the objects are shared read-only), and plain address lists (`Name <a@b>`,
`a@b`, comma separated, nothing to quote or decode) skip the header registry altogether; both
give exactly the registry's results (a test compares them on a generated corpus).
"""

from __future__ import annotations

import codecs
import email
import email.policy
import itertools
import re
from email.headerregistry import Address
from email.message import Message
from typing import Any

import attrs

from balmail.mail.errors import MessageParseError


class _CachingPolicy(email.policy.EmailPolicy):
    """`policy.default` whose parsed header objects are memoised by (name, value): the same
    Content-Type is fetched many times per message, and most messages share a few values. The
    module's own lookups use lower-case names, so a header decoded for `headers` is not parsed
    again for `subject` or `cc`."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if hasattr(value, "name"):
            return value
        return _parsed_header(name, value)


_HEADER_CACHE: dict[tuple[str, str], Any] = {}
_HEADER_CACHE_LIMIT = 256
"""Entries are a few KB each (parse trees); enough for the values repeated within a message and
the few Content-Type/To values shared by many."""


def _parsed_header(name: str, value: str) -> Any:
    """The header registry's object for one header, memoised; the registry is a pure function
    of name and value, and its objects are only read (a `str` subclass with parse results)."""
    key = (name, value)
    found = _HEADER_CACHE.get(key)
    if found is None:
        found = email.policy.default.header_fetch_parse(name, value)
        if len(_HEADER_CACHE) >= _HEADER_CACHE_LIMIT:
            _HEADER_CACHE.clear()
        _HEADER_CACHE[key] = found
    return found


_POLICY = _CachingPolicy()
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_SURROGATE_ESCAPE = re.compile("[\udc80-\udcff]")
MIN_CONTAINERS, MAX_CONTAINERS = 32, 100
LINE_CHECKS = 5_000_000
"""Python's parser checks every line against every enclosing multipart boundary, so parsing takes time
in proportion to lines x nesting (a 2,000-deep message of 10,000 lines: 18 s), and recurses per level.
The multipart and message/rfc822 entities parsed as such are the first `LINE_CHECKS / lines`, at least
`MIN_CONTAINERS` and at most `MAX_CONTAINERS`; later ones are kept unparsed: each becomes a
`text/x-balmail-unparsed-...` part holding its bytes as they were, and the message carries a
`CUT_HEADER` saying so (the runtime logs it). Nothing is dropped."""
CUT_HEADER = "X-Balmail-Unparsed-Parts"
_CONTAINER = re.compile(rb"(?im)^content-type:[ \t]*(?:\r?\n[ \t]+)?(?P<kind>multipart|message)/")
_ADDRESS_HEADERS = {"to": "to", "cc": "cc", "bcc": "bcc", "reply_to": "reply-to"}

# Labels that real mail mislabels: decode with the superset a client would use.
_CHARSET_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
}


@attrs.frozen
class MimePart:
    """One MIME entity of an attachment tree; becomes a `mime:Entity` in the runtime."""

    content_type: str
    """The Content-Type value as written (with parameters), "text/plain" when absent."""
    headers: dict[str, str]
    payload: bytes
    """Transfer-decoded content; empty for multiparts (see `parts`), the serialized inner
    message for message/rfc822."""
    filename: str | None = None
    parts: list[MimePart] = attrs.field(factory=list)

    @property
    def media_type(self) -> str:
        """`type/subtype`, lower case, without parameters."""
        return self.content_type.split(";", 1)[0].strip().lower() or "text/plain"


@attrs.frozen
class ReceivedMessage:
    """A received message in the shape of `email:Message` (see the module docstring for rules)."""

    to: str | list[str] | None
    subject: str
    from_: str | None = None
    sender: str | None = None
    cc: str | list[str] | None = None
    bcc: str | list[str] | None = None
    reply_to: str | list[str] | None = None
    body: str | None = None
    html_body: str | None = None
    content_type: str = "text/plain"
    headers: dict[str, str] = attrs.field(factory=dict)
    attachments: list[MimePart] = attrs.field(factory=list)


def parse_message(raw: bytes) -> ReceivedMessage:
    """Parse one fetched message. Raises only `MessageParseError`, with a reason."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise MessageParseError(f"Message must be bytes, got {type(raw).__name__}")
    # Blank lines before the headers would make every header part of the body.
    data = bytes(raw).lstrip(b"\r\n")
    if not data.strip():
        raise MessageParseError("Message is empty")
    data, cut, allowed = _cut_containers(data)
    try:
        message = email.message_from_bytes(data, policy=_POLICY)
        received = _build(message)
        if cut:
            received.headers[CUT_HEADER] = (
                f"{cut} multipart or message/rfc822 parts after the first {allowed} were kept "
                "unparsed as text/x-balmail-unparsed-* parts"
            )
        return received
    except MessageParseError:
        raise
    except RecursionError:
        raise MessageParseError("Message is nested too deeply to parse") from None
    except Exception as error:  # the email package can fail in many small ways on hostile input
        raise MessageParseError(f"Could not parse message: {type(error).__name__}: {error}") from None


def _cut_containers(data: bytes) -> tuple[bytes, int, int]:
    """The message with the containers after the first `allowed` relabelled as text, how many were, and
    `allowed` (see `LINE_CHECKS`)."""
    allowed = max(MIN_CONTAINERS, min(MAX_CONTAINERS, LINE_CHECKS // max(1, data.count(b"\n"))))
    found = list(itertools.islice(_CONTAINER.finditer(data), allowed, None))
    if not found:
        return data, 0, allowed
    pieces: list[bytes] = []
    at = 0
    for m in found:
        pieces.append(data[at : m.start("kind")])
        pieces.append(b"text/x-balmail-unparsed-" + m.group("kind").lower() + b"-")
        at = m.end()
    pieces.append(data[at:])
    return b"".join(pieces), len(found), allowed


def _build(message: Message) -> ReceivedMessage:
    headers = _headers(message)
    addresses = {field: _address_field(message, name) for field, name in _ADDRESS_HEADERS.items()}
    body_parts, attachment_parts = _split_body(message)
    body, html_body = _find_texts(body_parts)
    if body is None and not _media_type(message).startswith("multipart/") and _is_textual(message):
        body = _text_of(message)
    return ReceivedMessage(
        to=addresses["to"],
        cc=addresses["cc"],
        bcc=addresses["bcc"],
        reply_to=addresses["reply_to"],
        subject=_header_text(message, "subject") or "",
        from_=_single_address(message, "from"),
        sender=_single_address(message, "sender"),
        body=body,
        html_body=html_body,
        content_type=_header_text(message, "content-type") or "text/plain",
        headers=headers,
        attachments=[_mime_part(part, 1) for part in attachment_parts],
    )


# -- body and attachments -----------------------------------------------------------------------


def _media_type(part: Message) -> str:
    """The content type to act on: a multipart whose boundary is missing or never occurs was
    left as text by the parser, and mail clients show it as plain text, so do we."""
    known = part.__dict__.get("_balmail_media")  # asked many times per part; the part never changes
    if known is not None:
        return str(known)
    media = part.get_content_type()
    if media.startswith("multipart/") and not isinstance(part.get_payload(), list):
        media = "text/plain"
    part.__dict__["_balmail_media"] = media
    return media


def _split_body(message: Message) -> tuple[list[Message], list[Message]]:
    """Which parts hold the body and which are attachments. A part that cannot be a body (an
    attachment, or non-textual content) is kept as an attachment rather than dropped."""
    if not _media_type(message).startswith("multipart/"):
        if _could_be_body(message):
            return [message], []
        return [], [message]
    parts = _children(message)
    if not parts:
        return [], []
    if _media_type(message) == "multipart/alternative":
        return parts, []
    if not _could_be_body(parts[0]):
        return [], parts
    return [parts[0]], parts[1:]


def _could_be_body(part: Message) -> bool:
    if _is_attachment(part):
        return False
    return _media_type(part).startswith("multipart/") or _is_textual(part)


def _find_texts(parts: list[Message]) -> tuple[str | None, str | None]:
    plain: str | None = None
    html: str | None = None
    for leaf in _leaves(parts, 0):
        media = _media_type(leaf)
        if plain is None and media == "text/plain" and not _is_attachment(leaf):
            plain = _text_of(leaf)
        elif html is None and media == "text/html" and not _is_attachment(leaf):
            html = _text_of(leaf)
    return plain, html


def _leaves(parts: list[Message], depth: int) -> list[Message]:
    found: list[Message] = []
    for part in parts:
        media = _media_type(part)
        if media.startswith("multipart/"):
            found.extend(_leaves(_children(part), depth + 1))
        elif media != "message/rfc822":
            found.append(part)
    return found


def _children(part: Message) -> list[Message]:
    payload = part.get_payload()
    if isinstance(payload, list):
        return [child for child in payload if isinstance(child, Message)]
    return []


def _is_attachment(part: Message) -> bool:
    disposition = part.get_content_disposition()
    return disposition == "attachment"


def _is_textual(part: Message) -> bool:
    media = _media_type(part)
    maintype, _, subtype = media.partition("/")
    return (
        maintype == "text"
        or media in ("application/json", "application/xml")
        or subtype.endswith("+json")
        or subtype.endswith("+xml")
    )


def _mime_part(part: Message, depth: int) -> MimePart:
    content_type = _header_text(part, "content-type") or part.get_content_type()
    headers = _headers(part)
    filename = _filename(part)
    if _media_type(part).startswith("multipart/"):
        children = _children(part)
        return MimePart(
            content_type=content_type,
            headers=headers,
            payload=b"",
            filename=filename,
            parts=[_mime_part(child, depth + 1) for child in children],
        )
    return MimePart(
        content_type=content_type, headers=headers, payload=_payload_bytes(part), filename=filename
    )


def _payload_bytes(part: Message) -> bytes:
    if part.get_content_type() == "message/rfc822" or part.is_multipart():
        inner = _children(part)
        if not inner:
            return b""
        try:
            return inner[0].as_bytes(policy=_POLICY)
        except Exception:
            return inner[0].as_bytes(policy=email.policy.compat32)
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload
    return b""


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        return None
    return _repair(str(name)) if name else None


def _text_of(part: Message) -> str:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    return _LINE_BREAKS.sub("\n", decode_text(data, charset))


def decode_text(data: bytes, charset: str | None) -> str:
    """Decode like a mail client: trust a known charset (using the superset real senders mean),
    guess UTF-8 then Windows-1252 when it is missing, unknown or claims plain ASCII (old mailers
    say us-ascii and send Latin-1), and never fail."""
    label = (charset or "").strip().strip('"').lower()
    if label not in ("", "us-ascii", "ascii"):
        label = _CHARSET_SUPERSETS.get(label, label)
        try:
            codecs.lookup(label)
        except LookupError:
            pass
        else:
            return data.decode(label, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


# -- headers and addresses ------------------------------------------------------------------------


def _headers(part: Message) -> dict[str, str]:
    """All headers, decoded; a repeated header keeps its last value (as Ballerina's map does)."""
    result: dict[str, str] = {}
    for name, raw in part.raw_items():
        result[str(name)] = _decode_header(str(name), raw)
    return result


def _decode_header(name: str, raw: object) -> str:
    """Unfold and decode RFC 2047 words; values without encoded words stay exactly as written
    (so Content-Type keeps its original parameter spelling)."""
    text = _repair(_LINE_BREAKS.sub("", str(raw)))
    if "=?" not in text:
        return text.strip()
    try:
        return str(_parsed_header(name.lower(), text)).strip()
    except Exception:
        return text.strip()


def _header_text(part: Message, name: str) -> str | None:
    raw = _raw_header(part, name)
    return None if raw is None else _decode_header(name, raw)


def _raw_header(part: Message, name: str) -> str | None:
    """The first value of a header (by lower-case name), from an index built once per part."""
    index = part.__dict__.get("_balmail_first_headers")
    if index is None:
        index = {}
        for key, value in part.raw_items():
            index.setdefault(str(key).lower(), str(value))
        part.__dict__["_balmail_first_headers"] = index
    return index.get(name)  # type: ignore[no-any-return]


def _addresses(part: Message, name: str) -> list[str]:
    raw = _raw_header(part, name)
    if raw is None:
        return []
    text = _repair(_LINE_BREAKS.sub("", raw))
    simple = _simple_addresses(text)
    if simple is not None:
        return simple
    try:
        header = _parsed_header(name, text)
        found = list(getattr(header, "addresses", ()))
    except Exception:
        return [text.strip()] if "@" in text else []
    return [_format_address(address) for address in found if address.addr_spec and address.addr_spec != "<>"]


# RFC 5322 atext: what a display-name word or a dot-atom may contain without quoting.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_DOT_ATOM = rf"{_ATEXT}+(?:\.{_ATEXT}+)*"
_ADDR_SPEC = rf"{_DOT_ATOM}@{_DOT_ATOM}"
_SIMPLE_ADDRESS = re.compile(
    rf" *(?:(?P<name>{_ATEXT}+(?: +{_ATEXT}+)*) *<(?P<angle>{_ADDR_SPEC})>"
    rf'|"(?P<quoted>[ !#-\[\]-~]+)" *<(?P<quoted_angle>{_ADDR_SPEC})>'
    rf"|<(?P<bare_angle>{_ADDR_SPEC})>|(?P<bare>{_ADDR_SPEC})) *(?:,|\Z)"
)
_SPECIALS = frozenset('()<>@,:;.\\"[]')


def _simple_addresses(text: str) -> list[str] | None:
    """Addresses of a plain list (`Name Words <a@b.c>`, `"Quoted, Name" <a@b.c>`, `<a@b.c>`,
    `a@b.c`, comma separated), formatted as the header registry would (atoms joined by one space;
    a quoted name unquoted unless it holds a special character); None when anything else occurs
    (escapes, comments, encoded words, groups, tabs, non-ASCII...), which then goes through the
    registry."""
    if "=?" in text or not text:  # `=`, `?` and `_` are atext, but an encoded word needs decoding
        return None
    found: list[str] = []
    position = 0
    while position < len(text):
        match = _SIMPLE_ADDRESS.match(text, position)
        if match is None or match.end() == position:
            return None
        position = match.end()
        if match["name"] is not None:
            found.append(f"{' '.join(match['name'].split())} <{match['angle']}>")
        elif match["quoted"] is not None:
            name = match["quoted"]
            shown = f'"{name}"' if not _SPECIALS.isdisjoint(name) else name
            found.append(f"{shown} <{match['quoted_angle']}>")
        else:
            found.append(match["bare_angle"] or match["bare"])
    if text.rstrip(" ").endswith(","):  # an empty last item: let the registry decide
        return None
    return found


def _format_address(address: Address) -> str:
    try:
        return str(address)
    except Exception:
        return address.addr_spec


def _address_field(part: Message, name: str) -> str | list[str] | None:
    found = _addresses(part, name)
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    return found


def _single_address(part: Message, name: str) -> str | None:
    found = _addresses(part, name)
    return found[0] if found else None


def _repair(text: str) -> str:
    """Undo the parser's surrogate escapes for raw 8-bit header bytes: UTF-8 if they are valid
    UTF-8 (common today), otherwise Latin-1 byte by byte (common in older mail)."""
    if text.isascii() or _SURROGATE_ESCAPE.search(text) is None:
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:
        return "".join(chr(ord(c) - 0xDC00) if "\udc80" <= c <= "\udcff" else c for c in text)
