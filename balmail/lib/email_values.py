"""ballerina/email's types and constants, its configuration records (checked and given their
defaults here) and the `email:Message` value of a received message."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from balmail.lib.mime import ENTITY_TYPE, entity_value
from balmail.mail.listener_settings import ListenerSettings
from balmail.mail.message import ReceivedMessage
from balmail.mail.tls import SecureSocketConfig, Security
from balmail.runtime import types as T
from balmail.runtime.functions import MISSING
from balmail.runtime.values import BError, BList, BMap, quote_string

# -- constants and types ----------------------------------------------------------------------

SSL = "SSL"
START_TLS_AUTO = "START_TLS_AUTO"
START_TLS_ALWAYS = "START_TLS_ALWAYS"
START_TLS_NEVER = "START_TLS_NEVER"
TLS = "TLS"
DEFAULT_FOLDER = "INBOX"

CONSTANTS = {
    "SSL": SSL,
    "START_TLS_AUTO": START_TLS_AUTO,
    "START_TLS_ALWAYS": START_TLS_ALWAYS,
    "START_TLS_NEVER": START_TLS_NEVER,
    "TLS": TLS,
    "DEFAULT_FOLDER": DEFAULT_FOLDER,
}

EMAIL_ERROR = T.TError(None, frozenset({-200}))
EMAIL_ERROR.name = "email:Error"

STRINGS = T.TArray(T.STRING)
STRING_OR_STRINGS = T.TUnion([T.STRING, STRINGS])


def _named(t: T.Type, name: str) -> T.Type:
    t.name = name
    return t


def _field(name: str, t: T.Type, *, optional: bool = False, default: Any = MISSING) -> T.Field:
    thunk = None
    if default is not MISSING:
        value = default

        def thunk() -> Any:
            return BList([], STRINGS) if isinstance(value, list) else value

    return T.Field(name, t, optional, thunk)


def _record(name: str, *fields: T.Field) -> T.TRecord:
    record = T.TRecord({f.name: f for f in fields}, None)
    record.name = name
    return record


SECURITY = _named(
    T.TUnion([T.TSingleton(s) for s in (SSL, START_TLS_AUTO, START_TLS_ALWAYS, START_TLS_NEVER)]),
    "email:Security",
)
PROTOCOL = _record(
    "record {| email:TLS name; string[] versions; |}",
    _field("name", T.TSingleton(TLS)),
    _field("versions", STRINGS, default=[]),
)
SECURE_SOCKET = _record(
    "email:SecureSocket",
    _field("cert", T.STRING),
    _field("protocol", PROTOCOL, optional=True),
    _field("ciphers", STRINGS, optional=True),
    _field("verifyHostName", T.BOOLEAN, default=True),
)


def _listener_config(name: str, port: int) -> T.TRecord:
    return _record(
        name,
        _field("host", T.STRING),
        _field("username", T.STRING),
        _field("password", T.STRING),
        _field("pollingInterval", T.DECIMAL, default=Decimal(30)),
        _field("port", T.INT, default=port),
        _field("security", SECURITY, default=SSL),
        _field("secureSocket", SECURE_SOCKET, optional=True),
    )


def _client_config(name: str, port: int) -> T.TRecord:
    return _record(
        name,
        _field("port", T.INT, default=port),
        _field("security", SECURITY, default=SSL),
        _field("secureSocket", SECURE_SOCKET, optional=True),
    )


POP_LISTENER_CONFIG = _listener_config("email:PopListenerConfiguration", 995)
IMAP_LISTENER_CONFIG = _listener_config("email:ImapListenerConfiguration", 993)
POP_CONFIG = _client_config("email:PopConfiguration", 995)
IMAP_CONFIG = _client_config("email:ImapConfiguration", 993)
SMTP_CONFIG = _client_config("email:SmtpConfiguration", 465)

ATTACHMENT = _record("email:Attachment", _field("filePath", T.STRING), _field("contentType", T.STRING))
ATTACHMENT_ITEM = T.TUnion([ENTITY_TYPE, ATTACHMENT])
ATTACHMENTS = T.TUnion([ENTITY_TYPE, ATTACHMENT, T.TArray(ATTACHMENT_ITEM)])
HEADERS = T.TMap(T.STRING)

MESSAGE = _record(
    "email:Message",
    _field("to", STRING_OR_STRINGS),
    _field("subject", T.STRING),
    _field("from", T.STRING, optional=True),
    _field("body", T.STRING, optional=True),
    _field("htmlBody", T.STRING, optional=True),
    _field("cc", STRING_OR_STRINGS, optional=True),
    _field("bcc", STRING_OR_STRINGS, optional=True),
    _field("replyTo", STRING_OR_STRINGS, optional=True),
    _field("contentType", T.STRING, optional=True),
    _field("headers", HEADERS, optional=True),
    _field("sender", T.STRING, optional=True),
    _field("attachments", ATTACHMENTS, optional=True),
)
OPTIONS = _record(
    "email:Options",
    *(f for n, f in MESSAGE.fields.items() if n not in ("to", "subject", "from", "body")),
)
SERVICE = _named(T.TObject(None, ()), "email:Service")


def email_error(message: str, cause: BError | None = None) -> BError:
    """An `email:Error` value; `err.message()` gives `message`."""
    return BError(message, cause, BMap(ro=True), EMAIL_ERROR)


# -- configuration records --------------------------------------------------------------------


class ConfigProblem(Exception):
    """A configuration value does not fit its closed record type."""


def coerce_record(value: Any, record: T.TRecord, path: str = "") -> BMap:
    """`value` checked against a closed record type and completed with its defaults, the way a
    mapping constructor typed by the record would be; numbers become decimals where the record
    wants a decimal (an untyped `{pollingInterval: 10}` argument holds an int)."""
    if not isinstance(value, BMap):
        what = f"field '{path}'" if path else "the value"
        raise ConfigProblem(f"{what} must be a {record.name} record, got {T.value_type_name(value)}")
    out = BMap(type=record)
    for key in value:
        if key not in record.fields:
            raise ConfigProblem(f"field '{path}{key}' is not allowed (the record is closed)")
    for name, field in record.fields.items():
        if name in value and not (value[name] is None and field.optional):
            out[name] = _coerce_value(value[name], field.type, f"{path}{name}")
        elif field.default is not None:
            out[name] = field.default()
        elif not field.optional:
            raise ConfigProblem(f"required field '{path}{name}' is missing")
    return out


def _coerce_value(v: Any, t: T.Type, path: str) -> Any:
    r = T.resolve(t)
    if isinstance(r, T.TRecord):
        return coerce_record(v, r, path + ".")
    if isinstance(r, T.TDecimal) and type(v) in (int, float):
        v = Decimal(str(v))
    if isinstance(r, T.TArray) and isinstance(v, BList):
        v = BList([_coerce_value(x, r.element, f"{path}[{i}]") for i, x in enumerate(v)], r)
    if not r.contains(v):
        got = quote_string(v) if type(v) is str else T.value_type_name(v)
        raise ConfigProblem(f"field '{path}' must be {t}, got {got}")
    return v


def with_overrides(config: BMap, changes: dict[str, Any]) -> BMap:
    """A checked configuration record with endpoint overrides applied (balmail/deployment.py):
    `caFile` becomes `secureSocket.cert`, keeping the program's protocol and cipher limits."""
    if not changes:
        return config
    out = BMap(dict(config), config.type)
    for key, value in changes.items():
        if key == "caFile":
            socket = config.get("secureSocket")
            fields = dict(socket) if socket is not None else {"verifyHostName": True}
            fields["cert"] = value
            out["secureSocket"] = BMap(fields, SECURE_SOCKET)
        elif key == "pollingInterval":
            out[key] = Decimal(value)
        else:
            out[key] = value
    return out


def secure_socket_config(value: BMap | None) -> SecureSocketConfig | None:
    if value is None:
        return None
    protocol = value.get("protocol")
    versions = tuple(protocol.get("versions") or ()) if protocol is not None else ()
    return SecureSocketConfig(
        cert=value["cert"],
        protocol_versions=versions,
        ciphers=tuple(value.get("ciphers") or ()),
        verify_host_name=bool(value.get("verifyHostName", True)),
    )


def listener_settings(protocol: str, config: BMap) -> ListenerSettings:
    """A checked configuration record → the poller's settings (protocol is "pop3" or "imap")."""
    return ListenerSettings(
        protocol=protocol,
        host=config["host"],
        username=config["username"],
        password=config["password"],
        port=config["port"],
        security=Security.from_name(config["security"]),
        secure_socket=secure_socket_config(config.get("secureSocket")),
        polling_interval=config["pollingInterval"],
    )


# -- received messages ------------------------------------------------------------------------


def _addresses(value: str | list[str] | None) -> Any:
    if isinstance(value, list):
        return BList(value, STRINGS)
    return value


def message_value(message: ReceivedMessage) -> BMap:
    """A received message as an `email:Message` record, fields in the record's order: absent
    parts are absent fields; an address field is a string for one address and a string[] for
    several, as in Ballerina."""
    to = _addresses(message.to)
    fields: list[tuple[str, Any]] = [
        ("to", to if to is not None else BList([], STRINGS)),
        ("subject", message.subject),
        ("from", message.from_),
        ("body", message.body),
        ("htmlBody", message.html_body),
        ("cc", _addresses(message.cc)),
        ("bcc", _addresses(message.bcc)),
        ("replyTo", _addresses(message.reply_to)),
        ("contentType", message.content_type),
        ("headers", BMap(message.headers, HEADERS)),
        ("sender", message.sender),
    ]
    if message.attachments:
        entities = [entity_value(part) for part in message.attachments]
        fields.append(("attachments", BList(entities, T.TArray(ATTACHMENT_ITEM))))
    return BMap({key: value for key, value in fields if value is not None}, MESSAGE)


