"""Composing outgoing messages: exact bytes for the simple shapes, structure and round trips
through `parse_message` (the receiving side) for the rest."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from balmail.mail.compose import (
    ComposedMessage,
    FileAttachment,
    OutgoingMessage,
    OutgoingPart,
    compose,
    forward,
    forwarded_attachments,
    outgoing_part,
)
from balmail.mail.errors import MailError
from balmail.mail.message import MimePart, ReceivedMessage, parse_message

FIXED = {"Date": "Wed, 25 Nov 2026 10:00:00 +0000", "Message-ID": "<fixed@example.com>"}
BINARY = bytes(range(256)) * 3


def _composed(**fields: object) -> ComposedMessage:
    fields.setdefault("from_", "alice@example.com")
    fields.setdefault("to", "bob@example.com")
    return compose(OutgoingMessage(**fields))  # type: ignore[arg-type]


def _mime(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)  # type: ignore[return-value]


def _boundaries(data: bytes) -> list[bytes]:
    parsed = _mime(data)
    return [part.get_boundary().encode() for part in parsed.walk() if part.get_boundary()]


def test_text_only_message_bytes() -> None:
    composed = _composed(subject="Hello", body="line one\nline two", headers=dict(FIXED))
    assert composed.data == (
        b"From: alice@example.com\r\n"
        b"To: bob@example.com\r\n"
        b"Subject: Hello\r\n"
        b"Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
        b"Message-ID: <fixed@example.com>\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: text/plain; charset="utf-8"\r\n'
        b"Content-Transfer-Encoding: 7bit\r\n"
        b"\r\n"
        b"line one\r\n"
        b"line two\r\n"
    )
    assert composed.envelope_from == "alice@example.com"
    assert composed.recipients == ["bob@example.com"]
    assert composed.message_id == "<fixed@example.com>"
    assert not composed.needs_smtputf8


def test_all_address_fields_and_bcc_only_in_envelope() -> None:
    composed = _composed(
        from_="Alice <alice@example.com>",
        sender="robot@example.com",
        to=["bob@example.com", "Carol <carol@example.org>"],
        cc="dave@example.net",
        bcc=["secret@example.com", "BOB@example.com"],
        reply_to=["help@example.com", "desk@example.com"],
        subject="s",
        body="b",
    )
    head = composed.data.split(b"\r\n\r\n", 1)[0]
    assert b"From: Alice <alice@example.com>\r\n" in head
    assert b"Sender: robot@example.com\r\n" in head
    assert b"To: bob@example.com, Carol <carol@example.org>\r\n" in head
    assert b"Cc: dave@example.net\r\n" in head
    assert b"Reply-To: help@example.com, desk@example.com\r\n" in head
    assert b"secret" not in composed.data and b"Bcc" not in composed.data
    # Every envelope recipient once (case-insensitively), Bcc included.
    assert composed.recipients == [
        "bob@example.com",
        "carol@example.org",
        "dave@example.net",
        "secret@example.com",
    ]


def test_date_and_message_id_are_generated() -> None:
    parsed = _mime(_composed(subject="s", body="b").data)
    assert parsed["Date"].datetime is not None
    assert parsed["Message-ID"].endswith("@example.com>")


def test_non_ascii_subject_names_and_headers_are_encoded() -> None:
    composed = _composed(
        from_="Jörg Müller <jorg@example.com>",
        to="Zoë <zoe@example.com>",
        subject="Grüße aus Köln – ünïcödé " * 3 + "Ende",
        body="Schöne Grüße\n",
        headers={"X-Note": "naïve"},
    )
    assert composed.data.isascii()
    assert all(len(line) <= 998 for line in composed.data.split(b"\r\n"))
    received = parse_message(composed.data)
    assert received.subject == "Grüße aus Köln – ünïcödé " * 3 + "Ende"
    assert received.from_ == "Jörg Müller <jorg@example.com>"
    assert received.to == "Zoë <zoe@example.com>"
    assert received.headers["X-Note"] == "naïve"
    assert received.body == "Schöne Grüße\n"
    assert b"Content-Transfer-Encoding: quoted-printable" in composed.data


def test_non_ascii_address_needs_smtputf8() -> None:
    composed = _composed(to="jörg@exämple.de", subject="s", body="b")
    assert composed.needs_smtputf8
    assert "To: jörg@exämple.de\r\n".encode() in composed.data
    assert composed.recipients == ["jörg@exämple.de"]


def test_body_and_html_make_multipart_alternative() -> None:
    composed = _composed(subject="s", body="plain text", html_body="<p>html</p>")
    parsed = _mime(composed.data)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    received = parse_message(composed.data)
    assert (received.body, received.html_body, received.attachments) == ("plain text", "<p>html</p>", [])


def test_html_only_and_declared_content_type() -> None:
    html = parse_message(_composed(subject="s", html_body="<b>x</b>").data)
    assert html.content_type.startswith("text/html") and html.body == "<b>x</b>\n"
    latin = _composed(subject="s", body="café", content_type="text/plain; charset=iso-8859-1")
    assert b'Content-Type: text/plain; charset="iso-8859-1"' in latin.data
    assert b"caf=E9" in latin.data
    assert parse_message(latin.data).body == "café\n"
    markdown = _composed(subject="s", body="# Title", content_type="text/markdown")
    assert _mime(markdown.data).get_content_type() == "text/markdown"


def test_an_empty_text_body_counts_as_none() -> None:
    parsed = _mime(_composed(subject="s", body="", html_body="<p>only html</p>").data)
    assert parsed.get_content_type() == "text/html"


def test_no_body_is_an_empty_text_part() -> None:
    received = parse_message(_composed(subject="s").data)
    assert received.body == ""
    assert received.content_type.startswith("text/plain")


def test_long_lines_and_dots_survive() -> None:
    text = "x" * 2000 + "\n.\n..leading dots\nend"
    composed = _composed(subject="s", body=text, attachments=[OutgoingPart("text/plain", b"a")])
    assert all(len(line) <= 998 for line in composed.data.split(b"\r\n"))
    assert parse_message(composed.data).body == text


def test_attachments_make_multipart_mixed_and_round_trip(tmp_path: Path) -> None:
    binary_file = tmp_path / "data.bin"
    binary_file.write_bytes(BINARY)
    report = tmp_path / "Bericht März.csv"
    report.write_bytes(b"a;b\nc;d\n")  # LF line endings must come back as they were
    nested = OutgoingPart(
        'multipart/related; type="text/html"',
        parts=[
            OutgoingPart("text/html", "<img src='cid:logo'>"),
            OutgoingPart("image/png", b"\x89PNG\r\n\x1a\n", headers={"Content-ID": "<logo>"}),
        ],
    )
    composed = _composed(
        subject="files",
        body="see attached",
        html_body="<p>see attached</p>",
        attachments=[
            FileAttachment(str(binary_file), "application/octet-stream"),
            FileAttachment(str(report), "text/csv"),
            OutgoingPart("application/json", '{"ok": true}', filename="result.json"),
            OutgoingPart("text/plain", "Grüße\n", headers={"Content-Disposition": "inline"}),
            nested,
        ],
    )
    parsed = _mime(composed.data)
    assert parsed.get_content_type() == "multipart/mixed"
    assert [p.get_content_type() for p in parsed.iter_parts()] == [
        "multipart/alternative",
        "application/octet-stream",
        "text/csv",
        "application/json",
        "text/plain",
        "multipart/related",
    ]
    assert composed.data.count(b"MIME-Version") == 1
    received = parse_message(composed.data)
    assert (received.body, received.html_body) == ("see attached", "<p>see attached</p>")
    binary, csv, json_part, inline, related = received.attachments
    assert (binary.payload, binary.filename) == (BINARY, "data.bin")
    assert (csv.payload, csv.filename, csv.media_type) == (b"a;b\nc;d\n", "Bericht März.csv", "text/csv")
    assert (json_part.payload, json_part.filename) == (b'{"ok": true}', "result.json")
    assert inline.payload == "Grüße\r\n".encode() and inline.headers["Content-Disposition"] == "inline"
    assert related.media_type == "multipart/related"
    assert 'type="text/html"' in related.content_type
    html_part, logo = related.parts
    assert html_part.payload == b"<img src='cid:logo'>"
    assert (logo.payload, logo.headers["Content-ID"]) == (b"\x89PNG\r\n\x1a\n", "<logo>")


def test_attachment_without_body_keeps_an_empty_body_part() -> None:
    composed = _composed(
        subject="s", attachments=OutgoingPart("text/plain", "not the body", filename="a.txt")
    )
    received = parse_message(composed.data)
    assert received.body == ""
    assert [a.payload for a in received.attachments] == [b"not the body"]


def test_message_rfc822_attachment(tmp_path: Path) -> None:
    inner = b"From: x@example.com\r\nSubject: Inner\r\n\r\nInner body\r\n"
    eml = tmp_path / "old.eml"
    eml.write_bytes(inner)
    composed = _composed(subject="s", body="b", attachments=[FileAttachment(str(eml), "message/rfc822")])
    assert b"Content-Transfer-Encoding: base64" not in composed.data  # RFC 2046 5.2.1
    (attached,) = parse_message(composed.data).attachments
    assert attached.media_type == "message/rfc822"
    again = parse_message(attached.payload)
    assert (again.subject, again.body) == ("Inner", "Inner body\n")


def test_message_rfc822_with_8bit_content_is_sent_as_7bit() -> None:
    inner = (
        "From: x@example.com\r\nSubject: Grüße\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Köln\r\n"
    ).encode()
    composed = _composed(subject="s", body="b", attachments=[OutgoingPart("message/rfc822", inner)])
    assert composed.data.isascii()
    assert b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: 7bit\r\n" in composed.data
    (attached,) = parse_message(composed.data).attachments
    again = parse_message(attached.payload)
    assert (again.subject, again.body) == ("Grüße", "Grüße aus Köln\n")


def test_user_headers_are_added_but_fields_and_mime_structure_win() -> None:
    composed = _composed(
        subject="from the field",
        body="b",
        headers={
            "Subject": "from headers",
            "TO": "other@example.com",
            "In-Reply-To": "<parent@example.com>",
            "Content-Type": "application/evil",
            "Bcc": "leak@example.com",
            "X-Mailer": "balmail",
            **FIXED,
        },
    )
    parsed = _mime(composed.data)
    assert parsed.get_all("Subject") == ["from the field"]
    assert parsed.get_all("To") == ["bob@example.com"] and composed.recipients == ["bob@example.com"]
    assert parsed["In-Reply-To"] == "<parent@example.com>" and parsed["X-Mailer"] == "balmail"
    assert parsed.get_content_type() == "text/plain"
    assert b"leak" not in composed.data and b"other@" not in composed.data
    assert parsed.get_all("Message-ID") == ["<fixed@example.com>"] == [composed.message_id]
    assert parsed.get_all("Date") == [FIXED["Date"]]


def test_copying_a_received_headers_map_is_harmless() -> None:
    received = parse_message(FORWARDED_SOURCE)
    composed = _composed(subject="Re: report", body="thanks", headers=received.headers)
    again = parse_message(composed.data)
    assert (again.subject, again.to, again.from_, again.body) == (
        "Re: report",
        "bob@example.com",
        "alice@example.com",
        "thanks\n",  # a single-part message ends with a line break, which SMTP needs
    )
    assert again.content_type.startswith("text/plain")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"from_": None}, "The message has no 'from' address; set 'from' on the message"),
        ({"to": []}, "The message has no recipients; give at least one 'to', 'cc' or 'bcc' address"),
        ({"to": "not an address"}, "Invalid address 'not an address' in 'to'"),
        ({"cc": ["ok@example.com", "@example.com"]}, "Invalid address '@example.com' in 'cc'"),
        ({"to": "a@example.com\r\nBcc: x@example.com"}, "line breaks are not allowed"),
        ({"subject": "a\nb"}, "Could not build the message"),
        ({"headers": {"X-A": "1\r\nBcc: x@example.com"}}, "Header 'X-A' may not contain line breaks"),
        ({"headers": {"Bad Name": "1"}}, "Invalid header name 'Bad Name' in 'headers'"),
        ({"body": "x", "content_type": "nonsense"}, "Invalid content type 'nonsense' in contentType"),
        ({"body": "x", "content_type": "text/plain; charset=nope"}, "Unknown charset 'nope' in contentType"),
        ({"body": "€", "content_type": "text/plain; charset=us-ascii"}, "cannot be written in charset"),
        ({"attachments": [FileAttachment("/no/such/file.pdf", "application/pdf")]}, "does not exist"),
        ({"attachments": [OutgoingPart("text/plain", 42)]}, "must be text or bytes"),  # type: ignore[arg-type]
    ],
)
def test_mistakes_are_mail_errors_naming_the_field(fields: dict[str, object], message: str) -> None:
    with pytest.raises(MailError) as raised:
        _composed(**fields)
    assert message in raised.value.message


def test_default_from_is_used_when_message_has_none() -> None:
    composed = compose(OutgoingMessage(to="bob@example.com", body="b"), default_from="robot@example.com")
    assert composed.envelope_from == "robot@example.com"
    assert b"From: robot@example.com\r\n" in composed.data


FORWARDED_SOURCE = (
    b"From: Origin <origin@example.com>\r\n"
    b"To: alice@example.com\r\n"
    b"Subject: =?utf-8?q?Quartalsbericht_f=C3=BCr_Q3?=\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="outer"\r\n'
    b"\r\n"
    b"--outer\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"\r\n"
    b"Please find the report.\r\n"
    b"--outer\r\n"
    b'Content-Type: application/pdf; name="r.pdf"\r\n'
    b"Content-Transfer-Encoding: base64\r\n"
    b"Content-Disposition: attachment; filename*=utf-8''Bericht%20M%C3%A4rz.pdf\r\n"
    b"\r\n" + __import__("base64").encodebytes(BINARY).replace(b"\n", b"\r\n") + b"--outer\r\n"
    b"Content-Type: text/plain; charset=us-ascii\r\n"
    b"Content-Disposition: attachment; filename=notes.txt\r\n"
    b"\r\n"
    b"line 1\r\n"
    b"line 2\r\n"
    b"--outer\r\n"
    b'Content-Type: multipart/alternative; boundary="inner"\r\n'
    b"\r\n"
    b"--inner\r\n"
    b"Content-Type: text/plain\r\n"
    b"\r\n"
    b"nested plain\r\n"
    b"--inner\r\n"
    b"Content-Type: text/html\r\n"
    b"\r\n"
    b"<p>nested</p>\r\n"
    b"--inner--\r\n"
    b"--outer\r\n"
    b"Content-Type: message/rfc822\r\n"
    b"\r\n"
    b"From: older@example.com\r\n"
    b"Subject: older\r\n"
    b"\r\n"
    b"older body\r\n"
    b"--outer--\r\n"
)


def _parameterized(name: str, value: str | None) -> tuple[str, dict[str, str]] | None:
    """A Content-Type/-Disposition value as (value, params), so quoting style does not matter."""
    if value is None:
        return None
    header = email.policy.default.header_factory(name, value)
    params = {k: v for k, v in header.params.items() if k != "boundary"}  # type: ignore[attr-defined]
    kind = header.content_type if name == "content-type" else header.content_disposition  # type: ignore[attr-defined]
    return kind, params


def _shape(part: MimePart) -> tuple[object, ...]:
    """What must survive forwarding: type and parameters, bytes, name, disposition, children."""
    media_and_params = _parameterized("content-type", part.content_type)
    payload = part.payload
    if part.media_type == "message/rfc822":
        inner = parse_message(payload)
        payload = (inner.subject, inner.body)  # type: ignore[assignment]
    return (
        media_and_params,
        payload,
        part.filename,
        _parameterized("content-disposition", part.headers.get("Content-Disposition")),
        [_shape(child) for child in part.parts],
    )


def test_forwarding_a_received_message_keeps_every_attachment() -> None:
    received = parse_message(FORWARDED_SOURCE)
    assert len(received.attachments) == 4
    outgoing = forward(received, "bob@example.com", from_="alice@example.com", note="FYI")
    assert outgoing.subject == "Fwd: Quartalsbericht für Q3"
    assert outgoing.body == "FYI\n\nPlease find the report."
    again = parse_message(compose(outgoing).data)
    assert again.subject == "Fwd: Quartalsbericht für Q3"
    assert [_shape(p) for p in again.attachments] == [_shape(p) for p in received.attachments]
    assert again.attachments[0].payload == BINARY
    assert again.attachments[0].filename == "Bericht März.pdf"


def test_received_parts_can_be_attached_directly() -> None:
    received = parse_message(FORWARDED_SOURCE)
    direct = OutgoingMessage(
        to="bob@example.com", from_="a@example.com", body="b", attachments=received.attachments
    )
    via_helper = OutgoingMessage(
        to="bob@example.com", from_="a@example.com", body="b", attachments=forwarded_attachments(received)
    )
    first = parse_message(compose(direct).data).attachments
    second = parse_message(compose(via_helper).data).attachments
    assert (
        [_shape(p) for p in first] == [_shape(p) for p in second] == [_shape(p) for p in received.attachments]
    )


def test_outgoing_part_drops_the_old_boundary() -> None:
    part = MimePart(content_type='multipart/mixed; boundary="old"; charset=x', headers={}, payload=b"")
    assert outgoing_part(part).content_type == "multipart/mixed; charset=x"


def test_forward_keeps_an_existing_fwd_prefix() -> None:
    received = ReceivedMessage(to="a@example.com", subject="FWD: hello", body=None)
    outgoing = forward(received, ["b@example.com"], from_="a@example.com")
    assert outgoing.subject == "FWD: hello" and outgoing.body is None and outgoing.to == ["b@example.com"]
