"""Received messages as `email:Message` record values and `mime:Entity` objects, and listener
configurations checked against the closed configuration records (no server needed)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from balmail.lib import mime
from balmail.lib.email_values import (
    IMAP_LISTENER_CONFIG,
    MESSAGE,
    POP_LISTENER_CONFIG,
    ConfigProblem,
    coerce_record,
    listener_settings,
    message_value,
)
from balmail.mail.message import parse_message
from balmail.mail.tls import Security
from balmail.runtime.values import BError, BList, BMap

MULTIPART = b"""From: Sender <sender@example.test>
To: one@example.test
Cc: a@example.test, b@example.test
Subject: =?utf-8?q?r=C3=A9sum=C3=A9?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

the body
--XX
Content-Type: application/json
Content-Disposition: attachment; filename="data.json"

{"k": [1, 2]}
--XX
Content-Type: application/xml

<a><b>1</b></a>
--XX
Content-Type: application/octet-stream
Content-Transfer-Encoding: base64
X-Part: binary

AAEC/w==
--XX
Content-Type: multipart/alternative; boundary="YY"

--YY
Content-Type: text/plain

inner plain
--YY
Content-Type: text/html

<p>inner</p>
--YY--
--XX--
"""


def call(entity: object, name: str, *args: object) -> object:
    return mime.ENTITY_CLASS.native_methods[name](entity, *args)


def test_message_record_follows_the_string_or_list_rule() -> None:
    value = message_value(parse_message(MULTIPART))
    assert MESSAGE.contains(value)
    assert value["to"] == "one@example.test"
    assert isinstance(value["cc"], BList) and list(value["cc"]) == ["a@example.test", "b@example.test"]
    assert "bcc" not in value and "replyTo" not in value and "htmlBody" not in value
    assert value["subject"] == "résumé"
    assert value["from"] == "Sender <sender@example.test>"
    assert value["body"] == "the body"
    assert value["contentType"].startswith("multipart/mixed")
    assert isinstance(value["headers"], BMap) and value["headers"]["Cc"] == "a@example.test, b@example.test"


def test_missing_to_is_an_empty_list_and_missing_subject_is_empty() -> None:
    value = message_value(parse_message(b"From: x@example.test\n\nbody\n"))
    assert list(value["to"]) == [] and value["subject"] == ""
    assert "attachments" not in value
    assert MESSAGE.contains(value)


def test_attachments_are_mime_entities_with_their_content() -> None:
    value = message_value(parse_message(MULTIPART))
    json_part, xml_part, binary, nested = value["attachments"]
    assert mime.ENTITY_TYPE.contains(json_part)
    assert call(json_part, "getContentType") == "application/json"
    assert call(json_part, "getText").strip() == '{"k": [1, 2]}'
    parsed = call(json_part, "getJson")
    assert isinstance(parsed, BMap) and list(parsed["k"]) == [1, 2]
    assert call(json_part, "getContentDisposition").fields["fileName"] == "data.json"
    assert str(call(xml_part, "getXml")) == "<a><b>1</b></a>"
    assert isinstance(call(json_part, "getXml"), BError)
    assert list(call(binary, "getByteArray")) == [0, 1, 2, 255]
    assert call(binary, "getHeader", "x-part") == "binary"
    assert call(binary, "hasHeader", "X-Missing") is False
    assert isinstance(call(binary, "getHeader", "X-Missing"), BError)
    parts = call(nested, "getBodyParts")
    assert [call(p, "getText").strip() for p in parts] == ["inner plain", "<p>inner</p>"]
    assert isinstance(call(json_part, "getBodyParts"), BError)


def test_configuration_defaults_follow_ballerina() -> None:
    checked = coerce_record(BMap({"host": "h", "username": "u", "password": "p"}), POP_LISTENER_CONFIG)
    assert (
        checked["pollingInterval"] == Decimal(30) and checked["port"] == 995 and checked["security"] == "SSL"
    )
    assert "secureSocket" not in checked
    imap = coerce_record(
        BMap(
            {
                "host": "h",
                "username": "u",
                "password": "p",
                "pollingInterval": 0.5,
                "security": "START_TLS_ALWAYS",
                "secureSocket": BMap({"cert": "ca.pem", "protocol": BMap({"name": "TLS"})}),
            }
        ),
        IMAP_LISTENER_CONFIG,
    )
    assert imap["port"] == 993 and imap["pollingInterval"] == Decimal("0.5")
    assert imap["secureSocket"]["verifyHostName"] is True
    assert list(imap["secureSocket"]["protocol"]["versions"]) == []
    settings = listener_settings("imap", imap)
    assert settings.security is Security.START_TLS_ALWAYS and settings.secure_socket is not None
    assert settings.secure_socket.cert == "ca.pem" and settings.polling_interval == Decimal("0.5")


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"host": "h", "username": "u"}, "required field 'password' is missing"),
        ({"host": "h", "username": "u", "password": "p", "folder": "x"}, "field 'folder' is not allowed"),
        ({"host": "h", "username": "u", "password": "p", "port": "993"}, "field 'port' must be int"),
        ({"host": "h", "username": "u", "password": "p", "security": "TLS"}, "field 'security' must be"),
        (
            {"host": "h", "username": "u", "password": "p", "secureSocket": BMap({"verifyHostName": False})},
            "required field 'secureSocket.cert' is missing",
        ),
    ],
)
def test_configuration_problems_name_the_field(config: dict[str, object], expected: str) -> None:
    with pytest.raises(ConfigProblem, match=expected):
        coerce_record(BMap(config), IMAP_LISTENER_CONFIG)


def test_serve_defaults_match_the_poller() -> None:
    from balmail import serve
    from balmail.mail import poller

    assert serve.DEFAULT_MAX_RETRIES == poller.DEFAULT_MAX_RETRIES
    assert serve.DEFAULT_GRACE_SECONDS == poller.DEFAULT_GRACE_SECONDS
