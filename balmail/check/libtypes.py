"""The library types the compiler checks need, described statically: `ballerina/email`'s records (as the
module declares them, ballerina/commons.bal and the listener/client endpoints) and a few others.

Why not import balmail/lib/email.py: that module pulls in the mail layer (about 0.2 s), and `balmail
check` must start fast. tests/check/test_libtypes.py keeps these descriptions equal to the run-time ones.
"""

from __future__ import annotations

import attrs

from balmail.lib.sigtypes import SigParam
from balmail.runtime import types as T


def _named(t: T.Type, name: str) -> T.Type:
    t.name = name
    return t


def _f(name: str, t: T.Type, *, optional: bool = False, default: bool = False) -> T.Field:
    return T.Field(name, t, optional, (lambda: None) if default else None)


def _record(name: str, *fields: T.Field) -> T.TRecord:
    record = T.TRecord({f.name: f for f in fields}, None)
    record.name = name
    return record


STRINGS = T.TArray(T.STRING)
STRING_OR_STRINGS = T.TUnion([T.STRING, STRINGS])
SECURITY = _named(
    T.TUnion([T.TSingleton(s) for s in ("START_TLS_AUTO", "START_TLS_ALWAYS", "START_TLS_NEVER", "SSL")]),
    "email:Security",
)
PROTOCOL_NAME = _named(T.TUnion([T.TSingleton("TLS")]), "email:Protocol")
PROTOCOL = _record(
    "record {| email:Protocol name; string[] versions; |}",
    _f("name", PROTOCOL_NAME),
    _f("versions", STRINGS, default=True),
)
SECURE_SOCKET = _record(
    "email:SecureSocket",
    _f("cert", T.STRING),
    _f("protocol", PROTOCOL, optional=True),
    _f("ciphers", STRINGS, optional=True),
    _f("verifyHostName", T.BOOLEAN, default=True),
)


def _listener_config(name: str) -> T.TRecord:
    return _record(
        name,
        _f("host", T.STRING),
        _f("username", T.STRING),
        _f("password", T.STRING),
        _f("pollingInterval", T.DECIMAL, default=True),
        _f("port", T.INT, default=True),
        _f("security", SECURITY, default=True),
        _f("secureSocket", SECURE_SOCKET, optional=True),
    )


def _client_config(name: str) -> T.TRecord:
    return _record(
        name,
        _f("port", T.INT, default=True),
        _f("security", SECURITY, default=True),
        _f("secureSocket", SECURE_SOCKET, optional=True),
    )


ENTITY = _named(T.TObject(None, ()), "mime:Entity")
ATTACHMENT = _record("email:Attachment", _f("filePath", T.STRING), _f("contentType", T.STRING))
ATTACHMENTS = T.TUnion([ENTITY, ATTACHMENT, T.TArray(T.TUnion([ENTITY, ATTACHMENT]))])
MESSAGE_FIELDS = (
    _f("to", STRING_OR_STRINGS),
    _f("subject", T.STRING),
    _f("from", T.STRING, optional=True),
    _f("body", T.STRING, optional=True),
    _f("htmlBody", T.STRING, optional=True),
    _f("cc", STRING_OR_STRINGS, optional=True),
    _f("bcc", STRING_OR_STRINGS, optional=True),
    _f("replyTo", STRING_OR_STRINGS, optional=True),
    _f("contentType", T.STRING, optional=True),
    _f("headers", T.TMap(T.STRING), optional=True),
    _f("sender", T.STRING, optional=True),
    _f("attachments", ATTACHMENTS, optional=True),
)
MESSAGE = _record("email:Message", *MESSAGE_FIELDS)
OPTIONS = _record(
    "email:Options", *(f for f in MESSAGE_FIELDS if f.name not in ("to", "subject", "from", "body"))
)
EMAIL_ERROR = _named(T.TError(None, frozenset({-200})), "email:Error")

EMAIL_TYPES: dict[str, T.Type] = {
    "Message": MESSAGE,
    "Options": OPTIONS,
    "Attachment": ATTACHMENT,
    "SecureSocket": SECURE_SOCKET,
    "Security": SECURITY,
    "Protocol": PROTOCOL_NAME,
    "Error": EMAIL_ERROR,
    "PopListenerConfiguration": _listener_config("email:PopListenerConfiguration"),
    "ImapListenerConfiguration": _listener_config("email:ImapListenerConfiguration"),
    "PopConfiguration": _client_config("email:PopConfiguration"),
    "ImapConfiguration": _client_config("email:ImapConfiguration"),
    "SmtpConfiguration": _client_config("email:SmtpConfiguration"),
    **{
        name: _named(T.TObject(None, ()), f"email:{name}")
        for name in ("PopListener", "ImapListener", "PopClient", "ImapClient", "SmtpClient", "Service")
    },
}
"""ballerina/email's public types by name."""

CONFIG_RECORDS = frozenset(
    {
        "email:PopListenerConfiguration",
        "email:ImapListenerConfiguration",
        "email:PopConfiguration",
        "email:ImapConfiguration",
        "email:SmtpConfiguration",
        "email:SecureSocket",
    }
)
"""Records check/listener_config.py validates (with richer help, through variables and configurables);
the general type checker leaves mapping constructors of these types to it."""

LOGGER = _named(T.TObject(None, ()), "log:Logger")

_DESCRIBED_HERE: dict[str, dict[str, T.Type]] = {
    "ballerina/email": EMAIL_TYPES,
    "ballerina/mime": {"Entity": ENTITY},
    "ballerina/log": {"Logger": LOGGER},
}


def module_types(module: str) -> dict[str, T.Type]:
    """The public types of a library module this checker describes (name -> type; empty when none).
    Those of time, uuid, ... are described next to their signatures in lib/signatures.py, which imports
    those library modules: it is read only when a program uses one of them."""
    found = _DESCRIBED_HERE.get(module)
    if found is not None:
        return found
    from balmail.lib.signatures import MODULE_TYPES as LIBRARY_TYPES

    return LIBRARY_TYPES.get(module, {})


# -- methods of library objects ------------------------------------------------------------------


LibParam = SigParam
"""A parameter of a library function or method (`default` when it may be left out, `rest` for `T... xs`,
`included` for `*Options options`): the one description lib/signatures.py also gives the compiler."""


@attrs.frozen
class LibMethod:
    """A method of a library object type: `remote` ones are called with `->`, others with `.`."""

    name: str
    remote: bool
    params: tuple[LibParam, ...]
    returns: T.Type
    isolated: bool = True


_ERROR_OR_NIL = T.TUnion([EMAIL_ERROR, T.NIL])
_RECEIVE = T.TUnion([MESSAGE, EMAIL_ERROR, T.NIL])


def _receiving() -> dict[str, LibMethod]:
    return {
        "receiveMessage": LibMethod(
            "receiveMessage",
            True,
            (LibParam("folder", T.STRING, default=True), LibParam("timeout", T.DECIMAL, default=True)),
            _RECEIVE,
        ),
        "close": LibMethod("close", True, (), _ERROR_OR_NIL),
    }


def _listener_methods() -> dict[str, LibMethod]:
    service = EMAIL_TYPES["Service"]
    name_param = LibParam("name", T.TUnion([T.STRING, STRINGS, T.NIL]), default=True)
    return {
        "attach": LibMethod("attach", False, (LibParam("s", service), name_param), _ERROR_OR_NIL),
        "detach": LibMethod("detach", False, (LibParam("s", service),), _ERROR_OR_NIL),
        "start": LibMethod("start", False, (), _ERROR_OR_NIL),
        "gracefulStop": LibMethod("gracefulStop", False, (), _ERROR_OR_NIL),
        "immediateStop": LibMethod("immediateStop", False, (), _ERROR_OR_NIL),
    }


def _logger_methods() -> dict[str, LibMethod]:
    """`log:Logger`: the print functions as methods, and `withContext` (Ballerina's Logger type)."""
    key_values = T.TRecord({}, T.ANY)
    key_values.name = "log:KeyValues"
    raw = _named(T.TObject(None, ()), "log:PrintableRawTemplate")
    params = (
        LibParam("msg", _named(T.TUnion([T.STRING, raw]), "(string|log:PrintableRawTemplate)")),
        LibParam("error", T.TUnion([T.ERROR, T.NIL]), default=True),
        LibParam("stackTrace", T.ANY, default=True),
        LibParam("keyValues", key_values, included=True),
    )
    methods = {
        n: LibMethod(n, False, params, T.NIL) for n in ("printDebug", "printInfo", "printWarn", "printError")
    }
    methods["withContext"] = LibMethod(
        "withContext", False, (LibParam("keyValues", key_values, included=True),), T.TUnion([LOGGER, T.ERROR])
    )
    return methods


def _process_methods() -> dict[str, LibMethod]:
    """`os:Process` (lib/os_exec.py; imported when a program calls a method of one, see `_Methods`)."""
    from balmail.lib import io as io_lib
    from balmail.lib import os_exec

    error = os_exec.OS_ERROR
    stream = LibParam("fileOutputStream", io_lib.FILE_OUTPUT_STREAM, default=True)
    return {
        "waitForExit": LibMethod("waitForExit", False, (), T.TUnion([T.INT, error])),
        "output": LibMethod("output", False, (stream,), T.TUnion([T.TArray(T.BYTE), error])),
        "exit": LibMethod("exit", False, (), T.NIL),
    }


def _zone_methods() -> dict[str, LibMethod]:
    """`time:Zone` and its class `time:TimeZone` (lib/time_zone.py; imported when a program calls a method
    of one, see `_Methods`)."""
    from balmail.lib import time as time_lib
    from balmail.lib import time_zone

    civil, error = time_lib.CIVIL, time_lib.TIME_ERROR
    utc = time_lib.UTC
    return {
        "fixedOffset": LibMethod("fixedOffset", False, (), T.TUnion([time_lib.ZONE_OFFSET, T.NIL])),
        "utcToCivil": LibMethod("utcToCivil", False, (LibParam("utc", utc),), civil),
        "utcFromCivil": LibMethod("utcFromCivil", False, (LibParam("civil", civil),), T.TUnion([utc, error])),
        "civilAddDuration": LibMethod(
            "civilAddDuration",
            False,
            (LibParam("civil", civil), LibParam("duration", time_zone.DURATION)),
            T.TUnion([civil, error]),
        ),
    }


class _Methods(dict):  # type: ignore[type-arg]
    """Object type name -> its methods; a value given as a function is made when first read, so the library
    modules describing it are imported only for a program that uses that type (`check` starts fast)."""

    def __getitem__(self, name: str) -> dict[str, LibMethod]:
        value = super().__getitem__(name)
        if callable(value):
            value = value()
            self[name] = value
        return value  # type: ignore[no-any-return]

    def get(self, name: str, default: object = None) -> object:  # type: ignore[override]
        return self[name] if name in self else default

    def items(self):  # type: ignore[no-untyped-def, override]
        return [(name, self[name]) for name in self]

    def values(self):  # type: ignore[no-untyped-def, override]
        return [self[name] for name in self]


OBJECT_METHODS: dict[str, dict[str, LibMethod]] = {
    "log:Logger": _logger_methods(),
    "os:Process": _process_methods,  # type: ignore[dict-item]  (made when first read: _Methods)
    "time:Zone": _zone_methods,  # type: ignore[dict-item]  (made when first read: _Methods)
    "time:TimeZone": _zone_methods,  # type: ignore[dict-item]
    "email:SmtpClient": {
        "sendMessage": LibMethod("sendMessage", True, (LibParam("email", MESSAGE),), _ERROR_OR_NIL),
        "send": LibMethod(
            "send",
            True,
            (
                LibParam("to", STRING_OR_STRINGS),
                LibParam("subject", T.STRING),
                LibParam("from", T.STRING),
                LibParam("body", T.STRING),
                LibParam("options", OPTIONS, included=True),
            ),
            _ERROR_OR_NIL,
        ),
        # not in the module's SmtpClient as far as its source shows; balmail's runtime accepts it, and an
        # unknown method here would be a false error if the module has it
        "close": LibMethod("close", True, (), _ERROR_OR_NIL),
    },
    "email:PopClient": _receiving(),
    "email:ImapClient": _receiving(),
    "email:PopListener": _listener_methods(),
    "email:ImapListener": _listener_methods(),
}
"""The methods of ballerina/email's object types, as the module declares them (client and listener
endpoints): unknown methods, `.` for `->`, argument counts and types are checked against these."""
OBJECT_METHODS = _Methods(OBJECT_METHODS)  # values given as functions are made when first read
