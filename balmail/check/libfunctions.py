"""Signatures of the library functions email handlers call most (`ballerina/log`, `ballerina/io`,
`ballerina/os`), described statically as `libtypes` describes the email module's types, so that `check`
reports wrong arguments to them as Ballerina does (`log:printInfo(42)` is `incompatible types: expected
'(string|log:PrintableRawTemplate)', found 'int'`).

Only parameter lists and result types that are certain are written here (from the modules' API docs);
a function not listed is left alone, and its name is still checked by names.py against the module's
member list. Result types matter too: `string s = check io:fileReadString(p);` is typed through them.
"""

from __future__ import annotations

import functools

import attrs

from balmail.check.libtypes import LOGGER, LibParam
from balmail.runtime import types as T


@attrs.frozen
class LibFunction:
    """A module-level library function: parameters and result type."""

    params: tuple[LibParam, ...]
    returns: T.Type | None  # None: not described (arguments are still checked)


def _named(t: T.Type, name: str) -> T.Type:
    t.name = name
    return t


def _open_record(name: str) -> T.TRecord:
    """An included record parameter whose fields are any named arguments (`*log:KeyValues`)."""
    record = T.TRecord({}, T.ANYDATA)
    record.name = name
    return record


_RAW_TEMPLATE = _named(T.TObject(None, ()), "log:PrintableRawTemplate")
_MESSAGE = _named(T.TUnion([T.STRING, _RAW_TEMPLATE]), "(string|log:PrintableRawTemplate)")
_LOG_PARAMS = (
    LibParam("msg", _MESSAGE),
    LibParam("error", T.TUnion([T.ERROR, T.NIL]), default=True),
    LibParam("stackTrace", T.ANY, default=True),
    LibParam("keyValues", _open_record("log:KeyValues"), included=True),
)
_LOG = {
    name: LibFunction(_LOG_PARAMS, T.NIL) for name in ("printDebug", "printInfo", "printWarn", "printError")
}
_LOG["root"] = LibFunction((), LOGGER)
_LOG["fromConfig"] = LibFunction(
    (LibParam("config", _open_record("log:Config"), included=True),),
    T.TUnion([LOGGER, _named(T.TError(), "log:Error")]),
)

_IO_ERROR = _named(T.TError(), "io:Error")
_IO_ERROR_OR_NIL = T.TUnion([_IO_ERROR, T.NIL])
_WRITE_OPTION = _named(T.TUnion([T.TSingleton("OVERWRITE"), T.TSingleton("APPEND")]), "io:FileWriteOption")
_BYTES = T.TArray(T.BYTE)
_STRINGS = T.TArray(T.STRING)


def _or_io_error(t: T.Type) -> T.Type:
    return T.TUnion([t, _IO_ERROR])


def _path() -> LibParam:
    return LibParam("path", T.STRING)


def _option() -> LibParam:
    return LibParam("option", _WRITE_OPTION, default=True)


_PRINTABLE_REST = LibParam("values", T.TArray(T.TUnion([T.ANY, T.ERROR])), rest=True)  # io:Printable
_IO = {
    "println": LibFunction((_PRINTABLE_REST,), T.NIL),
    "print": LibFunction((_PRINTABLE_REST,), T.NIL),
    "fileReadString": LibFunction((_path(),), _or_io_error(T.STRING)),
    "fileReadLines": LibFunction((_path(),), _or_io_error(_STRINGS)),
    "fileReadBytes": LibFunction((_path(),), _or_io_error(_named(T.TArray(T.BYTE), "byte[] & readonly"))),
    "fileReadJson": LibFunction((_path(),), _or_io_error(T.JSON)),
    "fileWriteString": LibFunction((_path(), LibParam("content", T.STRING), _option()), _IO_ERROR_OR_NIL),
    "fileWriteLines": LibFunction((_path(), LibParam("content", _STRINGS), _option()), _IO_ERROR_OR_NIL),
    "fileWriteBytes": LibFunction((_path(), LibParam("content", _BYTES), _option()), _IO_ERROR_OR_NIL),
    "fileWriteJson": LibFunction((_path(), LibParam("content", T.JSON)), _IO_ERROR_OR_NIL),
}

_OS = {
    "getEnv": LibFunction((LibParam("name", T.STRING),), T.STRING),
}

FUNCTIONS: dict[str, dict[str, LibFunction]] = {
    "ballerina/log": _LOG,
    "ballerina/io": _IO,
    "ballerina/os": _OS,
}
"""Library module → the functions described here."""


@functools.cache
def all_functions() -> dict[str, dict[str, LibFunction]]:
    """`FUNCTIONS` and the declared signatures lib/ keeps for its newer members (lib/signatures.py, which
    imports those library modules: read only when a call is not described here)."""
    from balmail.lib.signatures import SIGNATURES

    merged = {module: dict(functions) for module, functions in FUNCTIONS.items()}
    for module, functions in SIGNATURES.items():
        for name, sig in functions.items():
            merged.setdefault(module, {}).setdefault(name, LibFunction(sig.params, sig.returns))  # type: ignore[arg-type]
    return merged


def library_function(module: str | None, name: str) -> LibFunction | None:
    """The description of `module:name`, or None when it is not described."""
    if module is None:
        return None
    found = FUNCTIONS.get(module, {}).get(name)
    return found if found is not None else all_functions().get(module, {}).get(name)
