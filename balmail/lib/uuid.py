"""ballerina/uuid: UUIDs of versions 1, 3, 4 and 5 as strings and as `uuid:Uuid` records, and their
validation and conversions, with Python's `uuid` module (RFC 4122) doing the generation.

As in the Ballerina module, the names of versions 3 and 5 are trimmed and must not be empty, `validate`
accepts any 8-4-4-4-12 hexadecimal text, and `createRandomUuid` is a version 4 UUID.
"""

from __future__ import annotations

import re
import uuid as _uuid
from typing import Any

from balmail.lib.registry import LibModule
from balmail.runtime import types as T
from balmail.runtime.values import BError, BList, BMap

UUID_ERROR = T.TError(None, frozenset({-600}))
UUID_ERROR.name = "uuid:Error"

_UUID_FIELDS = ("timeLow", "timeMid", "timeHiAndVersion", "clockSeqHiAndReserved", "clockSeqLo", "node")
_UUID_RECORD = T.TRecord({n: T.Field(n, T.INT, False, None) for n in _UUID_FIELDS}, T.ANYDATA)
UUID_RECORD = T.TIntersection([_UUID_RECORD, T.READONLY])
UUID_RECORD.name = "uuid:Uuid"
VERSION = T.TUnion([T.TSingleton(v) for v in ("V1", "V3", "V4", "V5")])
VERSION.name = "uuid:Version"
NAMESPACES = {
    "NAME_SPACE_DNS": str(_uuid.NAMESPACE_DNS),
    "NAME_SPACE_URL": str(_uuid.NAMESPACE_URL),
    "NAME_SPACE_OID": str(_uuid.NAMESPACE_OID),
    "NAME_SPACE_X500": str(_uuid.NAMESPACE_X500),
    "NAME_SPACE_NIL": "00000000-0000-0000-0000-000000000000",
}
NAMESPACE = T.TUnion([T.TSingleton(v) for v in NAMESPACES.values()])
NAMESPACE.name = "uuid:NamespaceUUID"
BYTES = T.TArray(T.BYTE)
_PATTERN = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def uuid_error(message: str, cause: BError | None = None) -> BError:
    return BError(message, cause, None, UUID_ERROR)


def validate(text: str) -> bool:
    return _PATTERN.fullmatch(text) is not None


def create_type1() -> str:
    return str(_uuid.uuid1())


def create_type4() -> str:
    return str(_uuid.uuid4())


def _named(version: int, namespace: str, name: str) -> Any:
    trimmed = name.strip()
    if not trimmed:
        return uuid_error("Name cannot be empty")
    space = _uuid.UUID(namespace)
    return str(_uuid.uuid3(space, trimmed) if version == 3 else _uuid.uuid5(space, trimmed))


def _record(text: str) -> BMap:
    u = _uuid.UUID(text)
    values = (u.time_low, u.time_mid, u.time_hi_version, u.clock_seq_hi_variant, u.clock_seq_low, u.node)
    return BMap(dict(zip(_UUID_FIELDS, values, strict=True)), UUID_RECORD, ro=True)


def _as_record(text: Any) -> Any:
    return text if isinstance(text, BError) else _record(text)


def to_record(value: Any) -> Any:
    if type(value) is str:
        if not validate(value):
            return uuid_error("Invalid UUID string provided")
        return _record(value)
    text = _from_bytes(value)
    return text if isinstance(text, BError) else _record(text)


def _from_bytes(data: Any) -> Any:
    if len(data) != 16:
        return uuid_error("Invalid UUID byte array provided")
    return str(_uuid.UUID(bytes=bytes(data)))


def to_string(value: Any) -> Any:
    if isinstance(value, BList):
        return _from_bytes(value)
    fields = (value[n] for n in _UUID_FIELDS)
    try:
        return str(_uuid.UUID(fields=tuple(fields)))
    except ValueError as e:
        return uuid_error(f"Invalid UUID record provided: {e}")


def to_bytes(value: Any) -> Any:
    text = value if type(value) is str else to_string(value)
    if isinstance(text, BError):
        return uuid_error("Failed to convert UUID record to a string", text)
    if not validate(text):
        return uuid_error("Invalid UUID string provided")
    return BList(list(_uuid.UUID(text).bytes), BYTES)


def get_version(text: str) -> Any:
    if not validate(text):
        return uuid_error("Invalid UUID string provided")
    version = _uuid.UUID(text).version
    if version not in (1, 3, 4, 5):
        return uuid_error("Unsupported UUID version")
    return f"V{version}"


def module(ctx: Any) -> LibModule:
    nil = NAMESPACES["NAME_SPACE_NIL"]
    return LibModule(
        "ballerina/uuid",
        functions={
            "createType1AsString": create_type1,
            "createType3AsString": lambda namespace, name: _named(3, namespace, name),
            "createType4AsString": create_type4,
            "createType5AsString": lambda namespace, name: _named(5, namespace, name),
            "createRandomUuid": create_type4,
            "createType1AsRecord": lambda: _record(create_type1()),
            "createType3AsRecord": lambda namespace, name: _as_record(_named(3, namespace, name)),
            "createType4AsRecord": lambda: _record(create_type4()),
            "createType5AsRecord": lambda namespace, name: _as_record(_named(5, namespace, name)),
            "nilAsString": lambda: nil,
            "nilAsRecord": lambda: _record(nil),
            "validate": validate,
            "getVersion": get_version,
            "toBytes": to_bytes,
            "toString": to_string,
            "toRecord": to_record,
        },
        constants={**NAMESPACES, "V1": "V1", "V3": "V3", "V4": "V4", "V5": "V5"},
        types={"Uuid": UUID_RECORD, "Version": VERSION, "NamespaceUUID": NAMESPACE, "Error": UUID_ERROR},
    )
