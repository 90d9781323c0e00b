"""The declared parameters and return types of library module functions (`io:fileWriteCsv`,
`time:utcToCivil`, `uuid:validate` ...), as the Ballerina modules declare them.

Two readers: the compiler gives each argument its parameter's type as the expected type (so `20.5` is a
decimal where a `time:Seconds` is asked for, and `{hours: 5}` is built as a `time:ZoneOffset` with its
defaults), and `balmail check` counts and types the arguments of a call with the same rules as for the
methods of library objects (check/libfunctions.py adds these to its own descriptions of the log, io and
os functions it covers). A return type of None means "depends on the call" (a dependently-typed
function such as `io:fileReadCsv`), which the checker leaves alone. Only functions listed here are
checked; a library function missing from this table is still callable.
"""

from __future__ import annotations

from balmail.lib import io as io_lib
from balmail.lib import io_xml, os_exec, time_zone
from balmail.lib import time as time_lib
from balmail.lib import uuid as uuid_lib
from balmail.lib.sigtypes import Signature, SigParam
from balmail.runtime import types as T
from balmail.runtime.functions import Param


def _p(name: str, t: T.Type, default: bool = False) -> SigParam:
    return SigParam(name, t, default)


def _sig(returns: T.Type | None, *params: SigParam) -> Signature:
    return Signature(params, returns)


def _or(*types: T.Type) -> T.Type:
    return T.TUnion(list(types))


STRING, INT, BOOLEAN, DECIMAL, NIL = T.STRING, T.INT, T.BOOLEAN, T.DECIMAL, T.NIL
STRINGS = T.TArray(T.STRING)
BYTES = T.TArray(T.BYTE)
ANYDATA_MAP = T.TMap(T.ANYDATA)

IO_ERROR = io_lib.IO_ERROR
WRITE_OPTION = _or(T.TSingleton("OVERWRITE"), T.TSingleton("APPEND"))
WRITE_OPTION.name = "io:FileWriteOption"
_IO_NIL = _or(IO_ERROR, NIL)
_CSV_ROWS = _or(T.TArray(STRINGS), T.TArray(ANYDATA_MAP))


def _io() -> dict[str, Signature]:
    """The CSV and XML functions (check/libfunctions.py describes the other file functions)."""
    path = _p("path", STRING)
    option = _p("option", WRITE_OPTION, default=True)
    return {
        "fileReadCsv": _sig(
            None, path, _p("skipHeaders", INT, default=True), _p("returnType", T.TYPEDESC, default=True)
        ),
        "fileReadCsvAsStream": _sig(None, path, _p("returnType", T.TYPEDESC, default=True)),
        "fileWriteCsv": _sig(_IO_NIL, path, _p("content", _CSV_ROWS), option),
        "fileWriteCsvFromStream": _sig(_IO_NIL, path, _p("content", T.TStream()), option),
        "fileReadXml": _sig(_or(T.XML, IO_ERROR), path),
        "fileWriteXml": _sig(
            _IO_NIL,
            path,
            _p("content", T.XML),
            _p("fileWriteOption", WRITE_OPTION, default=True),
            SigParam("xmlOptions", io_xml.WRITE_OPTIONS, included=True),
        ),
    }


def _time() -> dict[str, Signature]:
    utc, civil, date = time_lib.UTC, time_lib.CIVIL, time_lib.DATE
    error = time_lib.TIME_ERROR
    return {
        "utcNow": _sig(utc, _p("precision", _or(INT, NIL), default=True)),
        "monotonicNow": _sig(DECIMAL),
        "utcToString": _sig(STRING, _p("utc", utc)),
        "utcFromString": _sig(_or(utc, error), _p("timestamp", STRING)),
        "utcAddSeconds": _sig(utc, _p("utc", utc), _p("seconds", DECIMAL)),
        "utcDiffSeconds": _sig(DECIMAL, _p("utc1", utc), _p("utc2", utc)),
        "utcToEmailString": _sig(STRING, _p("utc", utc), _p("zh", time_lib.UTC_ZONE_HANDLING, default=True)),
        "utcToCivil": _sig(civil, _p("utc", utc)),
        "utcFromCivil": _sig(_or(utc, error), _p("civilTime", civil)),
        "civilFromString": _sig(_or(civil, error), _p("dateTimeString", STRING)),
        "civilToString": _sig(_or(STRING, error), _p("civil", civil)),
        "civilAddDuration": _sig(_or(civil, error), _p("civil", civil), _p("duration", time_zone.DURATION)),
        "civilToEmailString": _sig(
            _or(STRING, error), _p("civil", civil), _p("zoneHandling", time_lib.HEADER_ZONE_HANDLING)
        ),
        "civilFromEmailString": _sig(_or(civil, error), _p("dateTimeString", STRING)),
        "getZone": _sig(_or(time_zone.ZONE, NIL), _p("id", STRING)),
        "loadSystemZone": _sig(_or(time_zone.ZONE, error)),
        "dateValidate": _sig(_or(error, NIL), _p("date", date)),
        "dayOfWeek": _sig(time_lib.DAY_OF_WEEK, _p("date", date)),
    }


def _uuid() -> dict[str, Signature]:
    error = uuid_lib.UUID_ERROR
    record = uuid_lib.UUID_RECORD
    named = (_p("namespace", uuid_lib.NAMESPACE), _p("name", STRING))
    return {
        "createType1AsString": _sig(STRING),
        "createType3AsString": _sig(_or(STRING, error), *named),
        "createType4AsString": _sig(STRING),
        "createType5AsString": _sig(_or(STRING, error), *named),
        "createRandomUuid": _sig(STRING),
        "createType1AsRecord": _sig(_or(record, error)),
        "createType3AsRecord": _sig(_or(record, error), *named),
        "createType4AsRecord": _sig(_or(record, error)),
        "createType5AsRecord": _sig(_or(record, error), *named),
        "nilAsString": _sig(STRING),
        "nilAsRecord": _sig(record),
        "validate": _sig(BOOLEAN, _p("uuid", STRING)),
        "getVersion": _sig(_or(uuid_lib.VERSION, error), _p("uuid", STRING)),
        "toBytes": _sig(_or(BYTES, error), _p("uuid", _or(STRING, record))),
        "toString": _sig(_or(STRING, T.ERROR), _p("uuid", _or(BYTES, record))),
        "toRecord": _sig(_or(record, error), _p("uuid", _or(STRING, BYTES))),
    }


OS_ERROR_OR_NIL = _or(os_exec.OS_ERROR, NIL)


def _os() -> dict[str, Signature]:
    return {
        "getUsername": _sig(STRING),
        "getUserHome": _sig(STRING),
        "setEnv": _sig(OS_ERROR_OR_NIL, _p("key", STRING), _p("value", STRING)),
        "unsetEnv": _sig(OS_ERROR_OR_NIL, _p("key", STRING)),
        "listEnv": _sig(T.TMap(STRING)),
        "exec": _sig(
            _or(os_exec.PROCESS, os_exec.OS_ERROR),
            _p("command", os_exec.COMMAND),
            SigParam("envProperties", os_exec.ENV_PROPERTIES, included=True),
        ),
    }


SIGNATURES: dict[str, dict[str, Signature]] = {
    "ballerina/io": _io(),
    "ballerina/time": _time(),
    "ballerina/uuid": _uuid(),
    "ballerina/os": _os(),
}
"""Module → function name → declared signature."""


MODULE_TYPES: dict[str, dict[str, T.Type]] = {
    "ballerina/time": {
        "Utc": time_lib.UTC,
        "Seconds": DECIMAL,
        "Civil": time_lib.CIVIL,
        "Date": time_lib.DATE,
        "TimeOfDay": time_lib.TIME_OF_DAY,
        "ZoneOffset": time_lib.ZONE_OFFSET,
        "DayOfWeek": time_lib.DAY_OF_WEEK,
        "Error": time_lib.TIME_ERROR,
        "FormatError": time_lib.FORMAT_ERROR,
        "Zone": time_zone.ZONE,
        "TimeZone": time_zone.TIME_ZONE,
        "Duration": time_zone.DURATION,
        "UtcZoneHandling": time_lib.UTC_ZONE_HANDLING,
        "HeaderZoneHandling": time_lib.HEADER_ZONE_HANDLING,
    },
    "ballerina/os": {
        "Process": os_exec.PROCESS,
        "Command": os_exec.COMMAND,
        "EnvProperties": os_exec.ENV_PROPERTIES,
        "Error": os_exec.OS_ERROR,
        "ProcessExecError": os_exec.PROCESS_EXEC_ERROR,
    },
    "ballerina/io": {
        "XmlWriteOptions": io_xml.WRITE_OPTIONS,
        "XmlDoctype": io_xml.DOCTYPE,
        "XmlEntityType": io_xml.ENTITY_TYPE,
        "FileOutputStream": io_lib.FILE_OUTPUT_STREAM,
    },
    "ballerina/uuid": {
        "Uuid": uuid_lib.UUID_RECORD,
        "Version": uuid_lib.VERSION,
        "NamespaceUUID": uuid_lib.NAMESPACE,
        "Error": uuid_lib.UUID_ERROR,
    },
}
"""The public types of these modules, for the checker's records and assignments."""


def signature(module: str, name: str) -> Signature | None:
    return SIGNATURES.get(module, {}).get(name)


def param_hints(module: str, name: str) -> list[Param] | None:
    """The parameters as the compiler's argument hints (expected types for positional and named
    arguments), or None for a function not described here."""
    sig = signature(module, name)
    if sig is None:
        return None
    return [Param(p.name, p.type, None, p.rest) for p in sig.params]
