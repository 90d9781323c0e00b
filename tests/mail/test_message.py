"""parse_message on real-world-shaped mail: what a handler sees as body, htmlBody, attachments,
addresses and headers, and that nothing but MessageParseError ever escapes."""

from __future__ import annotations

import email.policy
import random
import re

import pytest

from balmail.mail import message as message_module
from balmail.mail.errors import MailError, MessageParseError
from balmail.mail.message import MimePart, ReceivedMessage, decode_text, parse_message

from .server_harness import MailServer


def crlf(text: bytes) -> bytes:
    return re.sub(rb"\r?\n", b"\r\n", text)


THUNDERBIRD_ALTERNATIVE = crlf(
    b"""Return-Path: <anna@example.org>
Received: from mx.example.org by mail.example.test; Tue, 3 Sep 2024 10:00:00 +0200
Received: from [10.0.0.5] by mx.example.org; Tue, 3 Sep 2024 09:59:58 +0200
Message-ID: <c0ffee@example.org>
Date: Tue, 3 Sep 2024 09:59:58 +0200
MIME-Version: 1.0
From: =?UTF-8?Q?Anna_M=C3=BCller?= <anna@example.org>
To: Orders <orders@example.test>
Subject: =?UTF-8?Q?Bestellung_f=C3=BCr_M=C3=A4rz?=
Content-Type: multipart/alternative;
 boundary="------------alt0123456789"

This is a multi-part message in MIME format.
--------------alt0123456789
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: quoted-printable

Hallo,

bitte liefern Sie 3 St=C3=BCck.
Gr=C3=BC=C3=9Fe, Anna
--------------alt0123456789
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: 8bit

<html><body><p>Hallo,</p><p>bitte liefern Sie 3 St\xc3\xbcck.</p></body></html>

--------------alt0123456789--
"""
)

OUTLOOK_MIXED = crlf(
    b"""From: "Smith, John" <john.smith@corp.example>
Sender: assistant@corp.example
To: orders@example.test, "Billing Dept." <billing@example.test>
Cc: =?iso-8859-1?Q?Fran=E7ois?= <francois@example.fr>
Reply-To: replies@corp.example
Subject: RE: Invoice 2024-117
Thread-Topic: Invoice 2024-117
Content-Type: multipart/mixed; boundary="_004_OUTER_"
MIME-Version: 1.0

--_004_OUTER_
Content-Type: multipart/alternative; boundary="_000_ALT_"

--_000_ALT_
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

Please find the invoice attached. Total: 120 =80.

--_000_ALT_
Content-Type: text/html; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

<p>Please find the invoice attached. Total: 120 =80.</p>

--_000_ALT_--

--_004_OUTER_
Content-Type: application/pdf; name="invoice.pdf"
Content-Description: invoice.pdf
Content-Disposition: attachment; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf; size=12
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfs
--_004_OUTER_
Content-Type: multipart/mixed; boundary="_NESTED_"

--_NESTED_
Content-Type: text/csv; charset=utf-8; name="items.csv"
Content-Disposition: attachment; filename="items.csv"

sku,qty
A-1,3
--_NESTED_
Content-Type: application/json
Content-Disposition: attachment; filename="=?UTF-8?B?ZGF0ZW7DvGJlcnNpY2h0Lmpzb24=?="

{"total": 120}
--_NESTED_--

--_004_OUTER_
Content-Type: message/rfc822

From: earlier@corp.example
Subject: the original request

Can we get a quote?
--_004_OUTER_--
"""
)


# -- structure --------------------------------------------------------------------------------------


def test_multipart_alternative_gives_text_and_html_and_no_attachments() -> None:
    message = parse_message(THUNDERBIRD_ALTERNATIVE)
    assert message.body == "Hallo,\n\nbitte liefern Sie 3 Stück.\nGrüße, Anna"
    assert message.html_body == "<html><body><p>Hallo,</p><p>bitte liefern Sie 3 Stück.</p></body></html>\n"
    assert message.attachments == []
    assert message.subject == "Bestellung für März"
    assert message.from_ == "Anna Müller <anna@example.org>"
    assert message.to == "Orders <orders@example.test>"
    assert message.content_type == 'multipart/alternative; boundary="------------alt0123456789"'


def test_mixed_message_with_nested_parts() -> None:
    message = parse_message(OUTLOOK_MIXED)
    assert message.body == "Please find the invoice attached. Total: 120 €.\n"
    assert message.html_body == "<p>Please find the invoice attached. Total: 120 €.</p>\n"
    pdf, nested, forwarded = message.attachments
    assert pdf.media_type == "application/pdf"
    assert pdf.content_type == 'application/pdf; name="invoice.pdf"'
    assert pdf.filename == "Rechnung März.pdf"
    assert pdf.payload == b"%PDF-1.4\n%\xc7\xec"
    assert pdf.headers["Content-Description"] == "invoice.pdf"
    assert pdf.parts == []

    assert nested.media_type == "multipart/mixed"
    assert nested.payload == b""
    csv, json = nested.parts
    assert (csv.media_type, csv.filename, csv.payload) == ("text/csv", "items.csv", b"sku,qty\r\nA-1,3")
    assert (json.media_type, json.filename, json.payload) == (
        "application/json",
        "datenübersicht.json",
        b'{"total": 120}',
    )

    assert forwarded.media_type == "message/rfc822"
    assert b"Subject: the original request" in forwarded.payload
    assert b"Can we get a quote?" in forwarded.payload


def test_mixed_message_addresses_and_headers() -> None:
    message = parse_message(OUTLOOK_MIXED)
    assert message.from_ == '"Smith, John" <john.smith@corp.example>'
    assert message.sender == "assistant@corp.example"
    assert message.to == ["orders@example.test", '"Billing Dept." <billing@example.test>']
    assert message.cc == "François <francois@example.fr>"
    assert message.bcc is None
    assert message.reply_to == "replies@corp.example"
    assert message.headers["Thread-Topic"] == "Invoice 2024-117"
    assert message.headers["Cc"] == "François <francois@example.fr>"
    assert list(message.headers)[:3] == ["From", "Sender", "To"]


def test_single_part_html_is_body_and_html_body() -> None:
    message = parse_message(
        b"To: a@example.test\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<b>hi</b>\r\n"
    )
    assert message.body == "<b>hi</b>\n"
    assert message.html_body == "<b>hi</b>\n"


def test_html_only_multipart_related_has_no_plain_body() -> None:
    raw = crlf(
        b"""To: a@example.test
Content-Type: multipart/related; boundary=R

--R
Content-Type: text/html; charset=utf-8

<img src="cid:logo">
--R
Content-Type: image/png
Content-ID: <logo>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--R--
"""
    )
    message = parse_message(raw)
    assert message.body is None
    assert message.html_body == '<img src="cid:logo">'
    [logo] = message.attachments
    assert logo.payload == b"\x89PNG\r\n\x1a\n"
    assert logo.headers["Content-ID"] == "<logo>"


def test_an_attachment_in_first_place_is_kept_as_an_attachment() -> None:
    raw = crlf(
        b"""To: a@example.test
Content-Type: multipart/mixed; boundary=B

--B
Content-Type: text/plain; name=notes.txt
Content-Disposition: attachment; filename=notes.txt

attached notes
--B--
"""
    )
    message = parse_message(raw)
    assert message.body is None
    [notes] = message.attachments
    assert (notes.filename, notes.payload) == ("notes.txt", b"attached notes")


def test_single_part_binary_message_is_one_attachment() -> None:
    raw = b"Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERg=="
    message = parse_message(raw)
    assert message.body is None
    [pdf] = message.attachments
    assert (pdf.media_type, pdf.payload) == ("application/pdf", b"%PDF")


def test_json_message_body_is_text() -> None:
    message = parse_message(b'To: a@example.test\r\nContent-Type: application/json\r\n\r\n{"a": 1}')
    assert message.body == '{"a": 1}'


# -- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (b"=?UTF-8?B?w5xiZXJwcsO8ZnVuZw==?=", "Überprüfung"),
        (b"=?iso-8859-1?Q?Caf=E9_cr=E8me?=", "Café crème"),
        (b"Re: =?utf-8?q?Gr=C3=BC=C3=9Fe?= =?utf-8?q?_aus_K=C3=B6ln?=", "Re: Grüße aus Köln"),
        (b"=?UTF-8?B?5pel5pys6Kqe?=\r\n =?UTF-8?B?44Gu5Lu25ZCN?=", "日本語の件名"),
        (b"Mixed =?utf-8?q?=E2=82=AC?=100 price", "Mixed €100 price"),
        (b"=?windows-1252?q?=93quoted=94?=", "\u201cquoted\u201d"),
        (b"Plain ASCII subject", "Plain ASCII subject"),
        (b"Folded\r\n  across lines", "Folded  across lines"),
        (b"Raw UTF-8 \xc3\xa9t\xc3\xa9", "Raw UTF-8 été"),
        (b"Raw Latin-1 \xe9t\xe9", "Raw Latin-1 été"),
        (b"=?unknown-charset?Q?still_readable?=", "still readable"),
    ],
)
def test_subjects(header: bytes, expected: str) -> None:
    assert parse_message(b"Subject: " + header + b"\r\nTo: a@example.test\r\n\r\nx").subject == expected


@pytest.mark.parametrize(
    ("headers", "body", "expected"),
    [
        (
            b"Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit",
            b"Gr\xfc\xdfe",
            "Grüße",
        ),
        (
            b"Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable",
            b"Pr=E9sentation =\r\nsuite",
            "Présentation suite",
        ),
        (
            b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64",
            b"4pyTIGRvbmU=",
            "✓ done",
        ),
        (b"Content-Type: text/plain", b"undeclared \xc3\xbc utf-8", "undeclared ü utf-8"),
        (b"Content-Type: text/plain", b"undeclared \xfc latin", "undeclared ü latin"),
        (
            b"Content-Type: text/plain; charset=us-ascii",
            b"claims ascii \x93quoted\x94",
            "claims ascii “quoted”",
        ),
        (b"Content-Type: text/plain; charset=x-no-such-charset", b"caf\xc3\xa9", "café"),
        (b"Content-Type: text/plain; charset=utf-8", b"broken \xff byte", "broken \ufffd byte"),
        (b"Content-Type: text/plain; charset=gb2312", "汉字".encode("gb18030"), "汉字"),
    ],
)
def test_bodies_are_charset_decoded(headers: bytes, body: bytes, expected: str) -> None:
    assert parse_message(b"To: a@example.test\r\n" + headers + b"\r\n\r\n" + body).body == expected


def test_line_endings_are_normalised() -> None:
    assert parse_message(b"Subject: s\r\n\r\none\r\ntwo\rthree\nfour").body == "one\ntwo\nthree\nfour"


def test_decode_text_never_fails() -> None:
    assert decode_text(bytes(range(256)), None)
    assert decode_text(b"\xff\xfe", "utf-16") == ""
    assert decode_text(b"abc", '"UTF-8"') == "abc"


# -- addresses ------------------------------------------------------------------------------------


def test_one_address_is_a_string_several_are_a_list_none_is_none() -> None:
    message = parse_message(
        b"To: one@example.test\r\nCc: a@example.test, B <b@example.test>,\r\n  c@example.test\r\n\r\n"
    )
    assert message.to == "one@example.test"
    assert message.cc == ["a@example.test", "B <b@example.test>", "c@example.test"]
    assert message.bcc is None and message.reply_to is None and message.from_ is None


def test_group_syntax_and_unusable_addresses() -> None:
    message = parse_message(
        b"To: undisclosed-recipients:;\r\nCc: Team: x@example.test, y@example.test;\r\nBcc: <<<@@@>>>\r\n\r\n"
    )
    assert message.to is None
    assert message.cc == ["x@example.test", "y@example.test"]
    assert message.bcc is None
    assert message.headers["To"] == "undisclosed-recipients:;"


def test_missing_headers() -> None:
    message = parse_message(b"\r\nX-Only: header\r\n\r\nJust a body\r\n")
    assert message == ReceivedMessage(
        to=None,
        subject="",
        body="Just a body\n",
        content_type="text/plain",
        headers={"X-Only": "header"},
    )


def test_repeated_header_keeps_the_last_value() -> None:
    message = parse_message(b"Received: first\r\nReceived: second\r\nSubject: s\r\n\r\n")
    assert message.headers == {"Received": "second", "Subject": "s"}


# -- hostile input --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"\r\n\r\n", b"   "])
def test_empty_input_is_a_parse_error(raw: bytes) -> None:
    with pytest.raises(MessageParseError, match="^Message is empty$"):
        parse_message(raw)


def test_non_bytes_is_a_parse_error() -> None:
    with pytest.raises(MessageParseError, match="^Message must be bytes, got str$"):
        parse_message("Subject: x\r\n\r\n")  # type: ignore[arg-type]


def test_parse_error_is_a_mail_error() -> None:
    assert issubclass(MessageParseError, MailError)


@pytest.mark.parametrize(
    "raw",
    [
        b"\x00\x01\x02garbage\xff\xfe\xfd",
        b"Content-Type: multipart/mixed\r\n\r\nno boundary parameter",
        b"Content-Type: multipart/mixed; boundary=NEVER\r\n\r\nthe boundary never appears",
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\ncut off",
        b"Content-Type: text/plain; charset=\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not-base64###",
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n=",
        b"Content-Type: ;;;\r\nContent-Disposition: attachment; filename*=bogus''%ZZ\r\n\r\nx",
        b'To: "unterminated <a@example.test>\r\nFrom: @@@\r\nSubject: =?utf-8?q?=ZZ?=\r\n\r\nx',
        b"Subject: " + b"=?utf-8?b?" * 5000 + b"\r\n\r\nx",
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\n"
        + b"--B\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n" * 200,
        b"header-without-colon\r\nSubject: later\r\n\r\nbody",
    ],
)
def test_malformed_messages_degrade_instead_of_failing(raw: bytes) -> None:
    message = parse_message(raw)
    assert isinstance(message, ReceivedMessage)
    assert isinstance(message.subject, str)
    assert message.body is None or isinstance(message.body, str)


def test_garbage_text_is_shown_as_body() -> None:
    message = parse_message(b"\x00\x01\x02garbage\xff\xfe\xfd")
    assert message.headers == {}
    assert message.body == "\x00\x01\x02garbageÿþý"


def test_random_bytes_never_raise_anything_but_parse_errors() -> None:
    rng = random.Random(20240903)
    pieces = [
        b"Subject: ", b"To: ", b"Content-Type: multipart/mixed; boundary=Q", b"--Q", b"\r\n", b"=?", b"?=",
        b"base64", b"Content-Transfer-Encoding: ", b":", b";", b'"', b"\xff", b"\x00", b"<", b">",
    ]  # fmt: skip
    for _ in range(300):
        raw = b"".join(
            rng.choice(pieces) if rng.random() < 0.6 else bytes([rng.randrange(256)])
            for _ in range(rng.randrange(1, 200))
        )
        try:
            parse_message(raw)
        except MessageParseError:
            pass


# -- fast paths give the header registry's results -------------------------------------------------


def _registry_addresses(text: str) -> list[str]:
    header = email.policy.default.header_factory("to", text)
    return [str(a) for a in header.addresses if a.addr_spec and a.addr_spec != "<>"]


def test_simple_address_fast_path_matches_the_header_registry() -> None:
    rng = random.Random(20260302)
    words = ["Ann", "O'Brien", "x", "a.b", "J\u00f6rg", "=?utf-8?q?x?=", 'q"uote', "(c)", "x_y", "{~}"]
    words += ["Smith,", "a\\b", " ", "[x]", "@", "<y>", "a;b:c"]
    addrs = ["a@b.c", "first.last@example.test", "x+tag@sub.example", "o'neil@x.y", "a..b@c", "@x", "a@"]
    separators = [" ", "  ", "", "\t"]
    checked = 0
    for _ in range(6000):
        items = []
        for _ in range(rng.randrange(1, 4)):
            addr = rng.choice(addrs)
            shape = rng.randrange(4)
            name = rng.choice(separators).join(rng.choice(words) for _ in range(rng.randrange(1, 4)))
            lead, trail = rng.choice(separators), rng.choice(separators)
            if shape == 0:
                items.append(f"{lead}{addr}{trail}")
            elif shape == 1:
                items.append(f"{lead}<{addr}>{trail}")
            elif shape == 2:
                items.append(f"{lead}{name}{rng.choice(separators)}<{addr}>{trail}")
            else:
                items.append(f'{lead}"{name}"{rng.choice(separators)}<{addr}>{trail}')
        text = ",".join(items)
        fast = message_module._simple_addresses(text)
        if fast is not None:
            checked += 1
            assert fast == _registry_addresses(text), text
    assert checked > 300


def _corpus() -> list[bytes]:
    samples = [value for name, value in globals().items() if name.isupper() and isinstance(value, bytes)]
    rng = random.Random(7)
    senders = ["Ann", "Ann Lee", "", "a.b"]
    recipients = ["x@y.z", "X <x@y.z>, y@y.z", '"Q, R" <q@r.s>', "g: a@b.c;"]
    types = ["text/plain", "text/html; charset=latin-1", "TEXT/Plain"]
    for n in range(200):
        sender, to, content_type = rng.choice(senders), rng.choice(recipients), rng.choice(types)
        samples.append(
            crlf(
                f"From: {sender} <u{n}@example.test>\nTo: {to}\nContent-Type: {content_type}\n\n"
                f"body {n}\n".encode()
            )
        )
    return samples


def test_fast_paths_change_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus()
    fast = [parse_message(raw) for raw in corpus]
    monkeypatch.setattr(message_module, "_POLICY", email.policy.default)
    monkeypatch.setattr(message_module, "_simple_addresses", lambda text: None)
    monkeypatch.setattr(message_module, "_parsed_header", email.policy.default.header_factory)
    assert [parse_message(raw) for raw in corpus] == fast


# -- through a real server ------------------------------------------------------------------------


def test_round_trip_through_a_real_server(mailbox: MailServer) -> None:
    from balmail.mail.imap import ImapClient
    from balmail.mail.tls import SecureSocketConfig

    uid = mailbox.append("alice", OUTLOOK_MIXED)
    with ImapClient(
        mailbox.host,
        "alice",
        "secret",
        port=mailbox.imaps_port,
        secure_socket=SecureSocketConfig(str(mailbox.ca_cert)),
    ) as imap:
        imap.select_folder()
        [fetched] = list(imap.fetch([uid]))
    assert parse_message(fetched.raw) == parse_message(OUTLOOK_MIXED)
    assert isinstance(parse_message(fetched.raw).attachments[0], MimePart)
