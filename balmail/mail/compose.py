"""`OutgoingMessage` → RFC 5322/MIME bytes plus the SMTP envelope, the sending half of `email:Message`.

Owns the rules for what a sent message looks like, following Ballerina's SmtpClient where it
defines them and the MIME RFCs where it does not:
- no attachments: one text part (`content_type`, default text/plain, or text/html when only
  `html_body` is given); `body` and `html_body` together → multipart/alternative; neither → an
  empty text/plain body. An empty string counts as not given, as in Ballerina.
- attachments: multipart/mixed whose first part is the body as above (an empty text/plain part
  when there is no body, so a textual first attachment is never mistaken for the body), then one
  part per attachment in order.
- attachment bytes travel unchanged: 7bit when they already are plain CRLF text, base64 otherwise
  (message/rfc822 parts, which may not be base64, are re-serialized as 7bit MIME).
- text bodies and attachment text come back exactly as given (no line break is appended;
  only a single-part message gains the final CRLF that SMTP needs).
- headers: non-ASCII subjects, names and parameters are RFC 2047/2231 encoded; `Date` and
  `Message-ID` are added unless `headers` gives them; other `headers` are added, replacing a
  generated header of the same name. Headers that have a field (From, Sender, To, Cc, Bcc,
  Reply-To, Subject) come from the field, so headers and envelope always agree, and the MIME
  structure headers (Content-Type, Content-Transfer-Encoding, MIME-Version) from this module;
  such entries in `headers` are ignored (programs copy a received message's headers map).
- `bcc` addresses are envelope recipients only and never appear in the headers.
- an address with a non-ASCII mailbox or domain makes the message need SMTPUTF8 (RFC 6531).
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import email.utils
import mimetypes
import os
import re
from collections.abc import Iterable, Sequence
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart

import attrs

from balmail.mail.errors import MailError
from balmail.mail.message import MimePart, ReceivedMessage

# Bodies are always 7-bit (quoted-printable/base64 where needed), so no server needs 8BITMIME.
_POLICY = email.policy.SMTP.clone(cte_type="7bit")
_UTF8_POLICY = email.policy.SMTPUTF8.clone(cte_type="7bit")
_STRUCTURE_HEADERS = frozenset({"content-type", "content-transfer-encoding", "mime-version"})
_NEVER_COPIED = _STRUCTURE_HEADERS | {"bcc"}
_FIELD_HEADERS = frozenset({"from", "sender", "to", "cc", "bcc", "reply-to", "subject"})
_MAX_LINE = 998
_MAX_DEPTH = 32
_BOUNDARY_PARAM = re.compile(r';\s*boundary\s*=\s*("[^"]*"|[^;]*)', re.IGNORECASE)


@attrs.frozen
class FileAttachment:
    """`email:Attachment`: a file read at send time, sent with the content type the user gave."""

    file_path: str
    content_type: str


@attrs.frozen
class OutgoingPart:
    """An in-memory MIME entity to attach (`mime:Entity`): leaf content or nested `parts`.

    `payload` as `str` is text, sent in the charset of `content_type` (UTF-8 when it names
    none); as `bytes` it is sent unchanged. For a multipart `content_type`, `parts` are the
    children and `payload` is ignored.
    """

    content_type: str = "application/octet-stream"
    payload: bytes | str = b""
    headers: dict[str, str] = attrs.field(factory=dict)
    filename: str | None = None
    parts: list[OutgoingPart] = attrs.field(factory=list)


Attachment = FileAttachment | OutgoingPart | MimePart
Addresses = str | Sequence[str] | None


def _address_list(value: Addresses) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [item for item in value if item.strip()]


def _attachment_list(value: Attachment | Iterable[Attachment] | None) -> list[Attachment]:
    if value is None:
        return []
    if isinstance(value, FileAttachment | OutgoingPart | MimePart):
        return [value]
    return list(value)


@attrs.frozen
class OutgoingMessage:
    """A message to send, shaped like Ballerina's `email:Message` (see the module docstring).

    Address fields take one address or a list; each entry may be `Name <addr>` or a bare
    address. `from_` may be left out when the sender's username is an address.
    """

    to: list[str] = attrs.field(converter=_address_list)
    subject: str = ""
    from_: str | None = None
    sender: str | None = None
    cc: list[str] = attrs.field(factory=list, converter=_address_list)
    bcc: list[str] = attrs.field(factory=list, converter=_address_list)
    reply_to: list[str] = attrs.field(factory=list, converter=_address_list)
    body: str | None = None
    html_body: str | None = None
    content_type: str | None = None
    headers: dict[str, str] = attrs.field(factory=dict)
    attachments: list[Attachment] = attrs.field(factory=list, converter=_attachment_list)


@attrs.frozen
class ComposedMessage:
    """What goes over SMTP: the envelope and the exact message bytes (CRLF line endings)."""

    data: bytes
    envelope_from: str
    recipients: list[str]
    message_id: str
    needs_smtputf8: bool = False


def compose(message: OutgoingMessage, *, default_from: str | None = None) -> ComposedMessage:
    """Build the bytes and envelope of `message`; every problem is a `MailError` naming the field.

    `default_from` is used when the message has no `from_` (Ballerina sends as the username).
    """
    from_text = message.from_ if message.from_ and message.from_.strip() else default_from
    if not from_text:
        raise MailError("The message has no 'from' address; set 'from' on the message")
    fields: dict[str, list[Address]] = {
        "from": _parse_addresses("from", [from_text]),
        "to": _parse_addresses("to", message.to),
        "cc": _parse_addresses("cc", message.cc),
        "bcc": _parse_addresses("bcc", message.bcc),
        "reply-to": _parse_addresses("replyTo", message.reply_to),
        "sender": _parse_addresses("sender", [message.sender] if message.sender else []),
    }
    recipients = _unique(a.addr_spec for name in ("to", "cc", "bcc") for a in fields[name])
    if not recipients:
        raise MailError("The message has no recipients; give at least one 'to', 'cc' or 'bcc' address")
    needs_utf8 = any(not a.addr_spec.isascii() for found in fields.values() for a in found)
    policy = _UTF8_POLICY if needs_utf8 else _POLICY
    envelope_from = (fields["from"][0]).addr_spec

    root = EmailMessage(policy=policy)
    try:
        content = _content(message, policy)
        _set_address(root, "From", fields["from"])
        if fields["sender"]:
            _set_address(root, "Sender", fields["sender"])
        _set_address(root, "To", fields["to"])
        if fields["cc"]:
            _set_address(root, "Cc", fields["cc"])
        if fields["reply-to"]:
            _set_address(root, "Reply-To", fields["reply-to"])
        root["Subject"] = message.subject
        root["Date"] = email.utils.format_datetime(email.utils.localtime())
        root["Message-ID"] = email.utils.make_msgid(domain=_id_domain(envelope_from))
        _apply_user_headers(root, message.headers)
        root["MIME-Version"] = "1.0"
        for name, value in content.items():
            if name.lower() != "mime-version":
                root[name] = value
        root.set_payload(content.get_payload())
        data = root.as_bytes(policy=policy)
        if not data.endswith(b"\r\n"):
            data += b"\r\n"  # SMTP carries lines; the last one ends too
    except MailError:
        raise
    except (ValueError, TypeError, LookupError) as error:
        raise MailError(f"Could not build the message: {error}") from None
    return ComposedMessage(
        data=data,
        envelope_from=envelope_from,
        recipients=recipients,
        message_id=str(root["Message-ID"]),
        needs_smtputf8=needs_utf8,
    )


# -- forwarding ---------------------------------------------------------------------------------


def outgoing_part(part: MimePart) -> OutgoingPart:
    """A received attachment as a part to send again, bytes, headers and nesting intact."""
    return OutgoingPart(
        content_type=_BOUNDARY_PARAM.sub("", part.content_type),
        payload=part.payload,
        headers={k: v for k, v in part.headers.items() if k.lower() not in _STRUCTURE_HEADERS},
        filename=part.filename,
        parts=[outgoing_part(child) for child in part.parts],
    )


def forwarded_attachments(message: ReceivedMessage) -> list[OutgoingPart]:
    """The attachments of a received message, ready for `OutgoingMessage.attachments`."""
    return [outgoing_part(part) for part in message.attachments]


def forward(
    message: ReceivedMessage,
    to: Addresses,
    *,
    from_: str | None = None,
    subject: str | None = None,
    note: str | None = None,
) -> OutgoingMessage:
    """A forward of `message`: same bodies (with `note` above the text body) and attachments,
    subject prefixed with "Fwd: " unless it already is one."""
    original = message.subject
    if subject is None:
        subject = original if original.lower().startswith("fwd:") else f"Fwd: {original}"
    body = message.body
    if note is not None:
        body = f"{note}\n\n{body}" if body else note
    return OutgoingMessage(
        to=to,
        subject=subject,
        from_=from_,
        body=body,
        html_body=message.html_body,
        attachments=forwarded_attachments(message),
    )


# -- content ------------------------------------------------------------------------------------


def _content(message: OutgoingMessage, policy: email.policy.Policy) -> MIMEPart:
    """The message's MIME content (everything but the top-level headers)."""
    body = _body_part(message, policy)
    if not message.attachments:
        return body
    mixed = _multipart("multipart/mixed", policy)
    mixed.attach(body)
    for index, attachment in enumerate(message.attachments):
        mixed.attach(_attachment_part(attachment, policy, f"attachment {index + 1}", 1))
    return mixed


def _body_part(message: OutgoingMessage, policy: email.policy.Policy) -> MIMEPart:
    # As in Ballerina, an empty body counts as none when choosing the shape.
    text, html = message.body or None, message.html_body or None
    if text is not None and html is not None:
        alternative = _multipart("multipart/alternative", policy)
        alternative.attach(_text_part("text/plain", {}, text, policy, "body"))
        alternative.attach(_text_part("text/html", {}, html, policy, "htmlBody"))
        return alternative
    if text is None and html is None:
        return _text_part("text/plain", {}, "", policy, "body")
    content = text if text is not None else html
    assert content is not None
    default = "text/plain" if text is not None else "text/html"
    media, params = _content_type(message.content_type or default, "contentType")
    if media.startswith("multipart/") or media == "message/rfc822":
        raise MailError(f"contentType '{media}' cannot describe a text body; use attachments for parts")
    return _text_part(media, params, content, policy, "contentType")


def _multipart(media: str, policy: email.policy.Policy) -> MIMEPart:
    part = MIMEPart(policy=policy)
    part.set_type(media)
    del part["MIME-Version"]  # set_type adds it; only the top level carries it
    return part


def _text_part(
    media: str, params: dict[str, str], text: str, policy: email.policy.Policy, where: str
) -> MIMEPart:
    """Text in its charset (UTF-8 unless `params` names one), with CRLF line breaks, and with
    no line break added at the end, so the receiver gets back exactly what was given."""
    params = dict(params)
    charset = params.setdefault("charset", "utf-8")
    data = _encode_text(_crlf(text), charset, where)
    part = MIMEPart(policy=policy)
    _set_leaf(part, media, params, data, textual=True)
    return part


def _attachment_part(attachment: Attachment, policy: email.policy.Policy, where: str, depth: int) -> MIMEPart:
    if depth > _MAX_DEPTH:
        raise MailError(f"Attachment nesting is deeper than {_MAX_DEPTH} levels")
    if isinstance(attachment, MimePart):
        attachment = outgoing_part(attachment)
    if isinstance(attachment, FileAttachment):
        return _file_part(attachment, policy)
    if not isinstance(attachment, OutgoingPart):
        raise MailError(f"{where} is a {type(attachment).__name__}, not an attachment or MIME part")
    media, params = _content_type(attachment.content_type, f"the content type of {where}")
    if media.startswith("multipart/"):
        part = _multipart(media, policy)
        params.pop("boundary", None)
        for key, value in params.items():
            part.set_param(key, value)
        for index, child in enumerate(attachment.parts):
            part.attach(_attachment_part(child, policy, f"part {index + 1} of {where}", depth + 1))
        _copy_part_headers(part, attachment.headers, attachment.filename)
        return part
    part = MIMEPart(policy=policy)
    data = attachment.payload
    if media == "message/rfc822":
        _set_message_payload(part, data, policy, where)
    elif isinstance(data, str):
        part = _text_part(media, params, data, policy, f"the content type of {where}")
    elif isinstance(data, bytes | bytearray | memoryview):
        _set_leaf(part, media, params, bytes(data))
    else:
        raise MailError(f"The payload of {where} must be text or bytes, not {type(data).__name__}")
    _copy_part_headers(part, attachment.headers, attachment.filename)
    return part


def _file_part(attachment: FileAttachment, policy: email.policy.Policy) -> MIMEPart:
    path = attachment.file_path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise MailError(f"Attachment file '{path}' does not exist") from None
    except IsADirectoryError:
        raise MailError(f"Attachment path '{path}' is a directory, not a file") from None
    except PermissionError:
        raise MailError(f"Attachment file '{path}' is not readable") from None
    except OSError as error:
        raise MailError(f"Attachment file '{path}' could not be read ({error.strerror})") from None
    declared = attachment.content_type.strip()
    if not declared:
        declared = mimetypes.guess_type(path)[0] or "application/octet-stream"
    media, params = _content_type(declared, f"the content type of attachment '{path}'")
    if media.startswith("multipart/"):
        raise MailError(
            f"Attachment file '{path}' cannot be sent as {media}: a file is one part; "
            "use its own type or application/octet-stream"
        )
    part = MIMEPart(policy=policy)
    if media == "message/rfc822":  # an .eml file: attached as the message it holds
        _set_message_payload(part, data, policy, f"attachment '{path}'")
    else:
        _set_leaf(part, media, params, data)
    part.add_header("Content-Disposition", "attachment", filename=os.path.basename(path))
    return part


def _set_leaf(
    part: MIMEPart, media: str, params: dict[str, str], data: bytes, *, textual: bool = False
) -> None:
    """Attach `data` so that the receiver decodes exactly these bytes: as is when it is plain
    CRLF text, quoted-printable for other text with CRLF line breaks, base64 otherwise."""
    part["Content-Type"] = media
    for key, value in params.items():
        part.set_param(key, value)
    if _is_plain_crlf_text(data):
        part["Content-Transfer-Encoding"] = "7bit"
        part.set_payload(data.decode("ascii"))
    elif textual and _has_only_crlf_breaks(data):
        part["Content-Transfer-Encoding"] = "quoted-printable"
        part.set_payload(binascii.b2a_qp(data, istext=True).decode("ascii"))
    else:
        part["Content-Transfer-Encoding"] = "base64"
        part.set_payload(base64.encodebytes(data).decode("ascii"))


def _set_message_payload(part: MIMEPart, data: bytes | str, policy: email.policy.Policy, where: str) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        inner = email.message_from_bytes(raw, policy=policy)
    except Exception as error:  # the parser can fail in many small ways on odd input
        raise MailError(f"{where} is message/rfc822 but does not hold a message ({error})") from None
    part.set_content(inner, cte="7bit")  # the 7-bit policy re-encodes 8-bit content when writing


def _copy_part_headers(part: MIMEPart, headers: dict[str, str], filename: str | None) -> None:
    has_disposition = False
    for name, value in headers.items():
        if name.lower() in _NEVER_COPIED:
            continue
        has_disposition = has_disposition or name.lower() == "content-disposition"
        del part[name]
        part[name] = value
    if filename and not has_disposition:
        part.add_header("Content-Disposition", "attachment", filename=filename)


def _is_plain_crlf_text(data: bytes) -> bool:
    """True when sending `data` as 7bit cannot change a single byte: ASCII without NUL,
    every line break a CRLF pair, no line longer than SMTP allows."""
    if not data.isascii() or b"\0" in data or not _has_only_crlf_breaks(data):
        return False
    return all(len(line) <= _MAX_LINE for line in data.split(b"\r\n"))


def _has_only_crlf_breaks(data: bytes) -> bool:
    return data.count(b"\r") == data.count(b"\n") == data.count(b"\r\n")


def _crlf(text: str) -> str:
    """Attachment text in MIME's canonical form, so it can travel as 7bit unchanged."""
    return re.sub(r"\r\n|\r|\n", "\r\n", text)


def _encode_text(text: str, charset: str, where: str) -> bytes:
    try:
        return text.encode(charset)
    except LookupError:
        raise MailError(f"Unknown charset '{charset}' in {where}") from None
    except UnicodeEncodeError:
        raise MailError(f"The text cannot be written in charset '{charset}' given in {where}") from None


# -- headers ------------------------------------------------------------------------------------


def _content_type(value: str, where: str) -> tuple[str, dict[str, str]]:
    maintype, slash, subtype = value.split(";", 1)[0].strip().partition("/")
    if not slash or not re.fullmatch(r"[!#-'*+.0-9A-Z^-~-]+", maintype + subtype):
        raise MailError(f"Invalid content type '{value}' in {where}; expected type/subtype, e.g. text/plain")
    header = _POLICY.header_factory("content-type", value)
    media = str(header.content_type)  # type: ignore[attr-defined]
    params = {str(k).lower(): str(v) for k, v in header.params.items()}  # type: ignore[attr-defined]
    return media, params


def _parse_addresses(field: str, entries: Iterable[str]) -> list[Address]:
    found: list[Address] = []
    for entry in entries:
        if "\r" in entry or "\n" in entry:
            raise MailError(f"Invalid address {entry!r} in '{field}': line breaks are not allowed")
        try:
            header = _POLICY.header_factory("to", entry)  # any address-list header parses alike
            addresses = list(header.addresses)  # type: ignore[attr-defined]
        except Exception:
            addresses = []
        valid = [a for a in addresses if a.username and a.domain and " " not in a.addr_spec]
        if not valid or len(valid) != len(addresses):
            raise MailError(f"Invalid address '{entry}' in '{field}'")
        found.extend(valid)
    return found


def _set_address(root: EmailMessage, name: str, addresses: list[Address]) -> None:
    root[name] = addresses


def _apply_user_headers(root: EmailMessage, headers: dict[str, str]) -> None:
    for name, value in headers.items():
        if not name or not re.fullmatch(r"[!-9;-~]+", name):
            raise MailError(f"Invalid header name {name!r} in 'headers'")
        if name.lower() in _NEVER_COPIED or name.lower() in _FIELD_HEADERS:
            continue
        if "\r" in value or "\n" in value:
            raise MailError(f"Header '{name}' may not contain line breaks")
        del root[name]
        try:
            root[name] = value
        except (ValueError, TypeError) as error:
            raise MailError(f"Invalid value for header '{name}': {error}") from None


def _id_domain(address: str) -> str:
    domain = address.rpartition("@")[2]
    return domain if domain and domain.isascii() else "balmail.invalid"


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result: list[str] = []
    for item in items:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result
