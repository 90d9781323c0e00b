"""The `lang.*` library: functions usable as methods (`s.length()`) and as module calls (`string:length(s)`).
Each table maps a Ballerina function name to a Python function whose first argument is the value.

Functions that can run long or build large values are `@metered`: they take the run's sandbox as a first
argument, bound per sandbox by `module(name, sb)` and `method_for(v, name, sb)` (no budget is global).
"""

from __future__ import annotations

import decimal
import functools
import json
import math
from typing import Any

from balmail.lib import frombalstring, langfunction, langstream, langxml, regexp
from balmail.lib.langlist import ARRAY, member_array_type
from balmail.lib.langnumbers import BOOLEAN, DECIMAL, FLOAT, INT
from balmail.lib.langstring import STRING
from balmail.lib.langtable import TABLE, TABLE_VALUE_METHODS
from balmail.lib.registry import LibModule
from balmail.runtime import ops
from balmail.runtime import types as T
from balmail.runtime.errors import (
    make_error,
    runtime_panic,
    type_cast_error,
)
from balmail.runtime.rawtemplate import RAW_TEMPLATE
from balmail.runtime.sandbox import Sandbox, metered
from balmail.runtime.tables import BTable
from balmail.runtime.types import AUTO_LANG_PREFIXES
from balmail.runtime.values import (
    INT_MAX,
    INT_MIN,
    BError,
    BList,
    BMap,
    BNative,
    BObject,
    BRegExp,
    BStream,
    BTypedesc,
    to_bal_string,
    to_json_string,
    to_string,
)
from balmail.runtime.walks import record_keys
from balmail.runtime.workers import FUTURE_METHODS, BFuture
from balmail.runtime.xml import BXml

D = decimal.Decimal
STRING_ARRAY = T.TArray(T.STRING)
INT_ARRAY = T.TArray(T.INT)
BYTE_ARRAY = T.TArray(T.BYTE)


def _bind(table: dict[str, Any], sb: Sandbox) -> dict[str, Any]:
    return {k: functools.partial(f, sb) if getattr(f, "metered", False) else f for k, f in table.items()}


# the tables of strings, numbers and lists live in langstring.py, langnumbers.py and langlist.py


# ---------------------------------------------------------------- map


def _map_like(m: BMap, items: Any, constraint: T.Type | None = None) -> BMap:
    t = m.type
    r = T.resolve(t) if t is not None else None
    if isinstance(r, T.TRecord):
        c = (
            T.union(*[f.type for f in r.fields.values()], *([r.rest] if r.rest else []))
            if r.fields
            else (r.rest or T.ANYDATA)
        )
        t = T.TMap(c)
    if constraint is not None:
        t = None
    return BMap(items, t)


def m_get(m: BMap, k: str) -> Any:
    try:
        return m[k]
    except KeyError:
        raise runtime_panic("KeyNotFound", f"cannot find key '{k}'", "lang.map") from None


def m_remove(m: BMap, k: str) -> Any:
    if m.ro:
        raise runtime_panic("InherentTypeViolation", "cannot update a read-only map", "lang.map")
    if k not in m:
        raise runtime_panic("KeyNotFound", f"cannot find key '{k}'", "lang.map")
    return m.pop(k)


def m_remove_if_has_key(m: BMap, k: str) -> Any:
    if m.ro:
        raise runtime_panic("InherentTypeViolation", "cannot update a read-only map", "lang.map")
    return m.pop(k, None)


def m_remove_all(m: BMap) -> None:
    if m.ro:
        raise runtime_panic("InherentTypeViolation", "cannot update a read-only map", "lang.map")
    m.clear()


def _keys(m: BMap) -> list[str]:
    """A map's keys in the order Ballerina shows and iterates them: a record's in its print order
    (runtime/walks.record_keys, docs/patterns.md): `keys()`, `entries()`, `toArray()` and printing agree."""
    return record_keys(m) or list(m.keys())


def _items(m: BMap) -> list[tuple[str, Any]]:
    keys = record_keys(m)
    return [(k, m[k]) for k in keys] if keys is not None else list(m.items())


def _values(m: BMap) -> list[Any]:
    keys = record_keys(m)
    return [m[k] for k in keys] if keys is not None else list(m.values())


MAP = {
    "keys": lambda m: BList(_keys(m), STRING_ARRAY),
    "hasKey": lambda m, k: k in m,
    "get": m_get,
    "remove": m_remove,
    "removeIfHasKey": m_remove_if_has_key,
    "removeAll": m_remove_all,
    "length": len,
    "entries": lambda m: _map_like(m, {k: BList([k, v]) for k, v in _items(m)}, T.ANY),
    "toArray": lambda m: BList(_values(m), member_array_type(m)),
    "map": lambda m, fn: BMap({k: fn(v) for k, v in _items(m)}),
    "filter": lambda m, fn: _map_like(m, {k: v for k, v in _items(m) if fn(v)}),
    "forEach": lambda m, fn: [fn(v) for v in _values(m)] and None,
    "reduce": lambda m, fn, init: functools.reduce(lambda a, v: fn(a, v), _values(m), init),
    "iterator": lambda m: BStream(iter(_values(m))),
}


# ---------------------------------------------------------------- error


def _frame_to_string(frame: BObject) -> str:
    f = frame.fields
    return f"callableName: {f['callableName']}  fileName: {f['fileName']} lineNumber: {f['lineNumber']}"


STACK_FRAME_CLASS = regexp.NativeClass("error:StackFrame", {"toString": _frame_to_string})


def e_stack_trace(e: BError) -> BList:
    """`error:stackTrace`: where the error was created, innermost call first."""
    frames = []
    for function, file, line in e.stack:
        obj = BObject(STACK_FRAME_CLASS)
        obj.fields = {"callableName": function, "moduleName": None, "fileName": file, "lineNumber": line}
        frames.append(obj)
    return BList(frames, T.TArray(STACK_FRAME_CLASS.type), ro=True)


ERROR = {
    "message": lambda e: e.message,
    "cause": lambda e: e.cause,
    "detail": lambda e: e.detail,
    "stackTrace": e_stack_trace,
    "toString": lambda e: to_string(e),
    "toBalString": lambda e: to_bal_string(e),
}


# ---------------------------------------------------------------- value


def _json_to_value(x: Any) -> Any:
    if isinstance(x, dict):
        return BMap({k: _json_to_value(v) for k, v in x.items()}, T.TMap(T.JSON))
    if isinstance(x, list):
        return BList([_json_to_value(v) for v in x], T.TArray(T.JSON))
    if isinstance(x, float):
        return x
    return x


def from_json_string(s: str, numbers: Any = None) -> Any:
    """`value:fromJsonString`: integers as int, other numbers as decimal; `numbers` (float or D) reads
    every number as that type instead (fromJsonFloatString, fromJsonDecimalString)."""
    try:
        data = json.loads(
            s,
            parse_float=numbers or (lambda t: D(t)),
            parse_int=numbers or (lambda t: -0.0 if t == "-0" else int(t)),
            parse_constant=lambda t: (_ for _ in ()).throw(ValueError(t)),
        )
    except (ValueError, RecursionError, decimal.InvalidOperation) as e:
        return make_error(f"invalid JSON: {e}")
    return _json_to_value(data)


def v_ensure_type(v: Any, td: Any) -> Any:
    t = td.type if isinstance(td, BTypedesc) else T.ANYDATA
    if t.contains(v):
        return v
    r = ops.convert_numeric(v, t)
    if r is not ops._MISSING:
        return r
    # the same error a failing cast `<T>v` panics with (lang.value: ensureType behaves as a cast that
    # returns its error instead of panicking)
    return type_cast_error(T.value_type_name(v), str(t)).error


def v_clone_with_type(v: Any, td: Any) -> Any:
    t = td.type if isinstance(td, BTypedesc) else T.ANYDATA
    return ops.convert_to(v, t)


def v_from_json_string_with_type(s: str, td: Any) -> Any:
    v = from_json_string(s)
    if isinstance(v, BError):
        return v
    return v_clone_with_type(v, td)


def v_to_json(v: Any) -> Any:
    if isinstance(v, BMap):
        return BMap({k: v_to_json(x) for k, x in v.items()}, T.TMap(T.JSON))
    if isinstance(v, BList):
        return BList([v_to_json(x) for x in v], T.TArray(T.JSON))
    if isinstance(v, BXml):
        return to_string(v)  # lang.value: xml becomes its string
    return v


def v_merge_json(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, BMap) and isinstance(b, BMap):
        for k, x in b.items():
            if k in a:
                r = v_merge_json(a[k], x)
                if isinstance(r, BError):
                    return r
                a[k] = r
            else:
                a[k] = x
        return a
    return make_error("cannot merge JSON values")


@metered
def v_to_string(sb: Sandbox, v: Any) -> str:
    return to_string(v, sb)


@metered
def v_to_bal_string(sb: Sandbox, v: Any) -> str:
    return to_bal_string(v, sb)


@metered
def v_to_json_string(sb: Sandbox, v: Any) -> str:
    return to_json_string(v, sb)


@metered
def v_clone(sb: Sandbox, v: Any) -> Any:
    return ops.clone(v, sb)


@metered
def v_clone_readonly(sb: Sandbox, v: Any) -> Any:
    return ops.clone_readonly(v, sb)


VALUE = {
    "toString": v_to_string,
    "toBalString": v_to_bal_string,
    "fromBalString": frombalstring.from_bal_string,
    "toJsonString": v_to_json_string,
    "toJson": v_to_json,
    "fromJsonString": from_json_string,
    "fromJsonWithType": v_clone_with_type,
    "fromJsonStringWithType": v_from_json_string_with_type,
    "clone": v_clone,
    "cloneReadOnly": v_clone_readonly,
    "ensureType": v_ensure_type,
    "cloneWithType": v_clone_with_type,
    "isReadOnly": T.is_readonly,
    "mergeJson": v_merge_json,
    "count": lambda *xs: len(xs),
    "first": lambda *xs: xs[0],
    "last": lambda *xs: xs[-1],
    "fromJsonFloatString": lambda s: from_json_string(s, float),
    "fromJsonDecimalString": lambda s: from_json_string(s, D),
}


REGEXP_METHODS = dict(regexp.FUNCTIONS)
REGEXP_METHODS.pop("fromString")

TYPEDESC: dict[str, Any] = {}
OBJECT: dict[str, Any] = {}
STREAM = langstream.FUNCTIONS


MODULES: dict[str, dict[str, Any]] = {
    "string": STRING,
    "int": INT,
    "float": FLOAT,
    "decimal": DECIMAL,
    "boolean": BOOLEAN,
    "array": ARRAY,
    "map": MAP,
    "error": ERROR,
    "value": VALUE,
    "regexp": regexp.FUNCTIONS,
    "typedesc": TYPEDESC,
    "object": OBJECT,
    "stream": STREAM,
    "table": TABLE,
    "xml": langxml.FUNCTIONS,
    "future": {},
    "function": langfunction.FUNCTIONS,
}
# Langlib prefixes usable without an import: the one list name resolution uses, limited to the modules
# balmail provides.
AUTO_IMPORTED = tuple(sorted(prefix for prefix in AUTO_LANG_PREFIXES if prefix in MODULES))

CONSTANTS: dict[str, dict[str, Any]] = {
    "int": {
        "MAX_VALUE": INT_MAX,
        "MIN_VALUE": INT_MIN,
        "SIGNED8_MAX_VALUE": 127,
        "SIGNED8_MIN_VALUE": -128,
        "SIGNED16_MAX_VALUE": 32767,
        "SIGNED16_MIN_VALUE": -32768,
        "SIGNED32_MAX_VALUE": 2**31 - 1,
        "SIGNED32_MIN_VALUE": -(2**31),
        "UNSIGNED8_MAX_VALUE": 255,
        "UNSIGNED16_MAX_VALUE": 65535,
        "UNSIGNED32_MAX_VALUE": 2**32 - 1,
    },
    "float": {"NaN": math.nan, "Infinity": math.inf, "PI": math.pi, "E": math.e},
    "array": {"ASCENDING": "ascending", "DESCENDING": "descending"},
    "xml": langxml.CONSTANTS,
}
TYPES: dict[str, dict[str, Any]] = {
    "int": dict(T.INT_SUBTYPES),
    "string": {"Char": T.TString(char=True), "RegExp": T.REGEXP},
    "array": {"SortDirection": T.STRING},
    "value": {"Cloneable": T.ANYDATA, "JsonDecimal": T.JSON},
    "regexp": {"RegExp": T.REGEXP, "Span": regexp.SPAN_TYPE, "Groups": regexp.GROUPS_TYPE},
    "error": {"StackFrame": STACK_FRAME_CLASS.type},
    "xml": langxml.TYPES,
    "object": {"RawTemplate": RAW_TEMPLATE},
}
_WANTS_TYPE = {"ensureType": 1, "cloneWithType": 1, "fromJsonWithType": 1, "fromJsonStringWithType": 1}


class _TypedNative:
    """A value-module function that takes a typedesc defaulting to the contextually expected type."""

    def __init__(self, fn: Any, n: int) -> None:
        self.fn = fn
        self.wants_expected_type = n + 1

    def __call__(self, *args: Any, **kw: Any) -> Any:
        return self.fn(*args, **kw)


def module(name: str, sb: Sandbox) -> LibModule:
    """The `lang.NAME` module with its functions bound to `sb` (built once per sandbox)."""
    key = f"langlib.module.{name}"
    found = sb.bound.get(key)
    if found is None:
        found = sb.bound[key] = _module(name, sb)
    return found  # type: ignore[no-any-return]


def _module(name: str, sb: Sandbox) -> LibModule:
    funcs = _bind(MODULES.get(name, {}), sb)
    if name == "value":
        for k, n in _WANTS_TYPE.items():
            funcs[k] = _TypedNative(funcs[k], n)
    return LibModule(
        f"ballerina/lang.{name}",
        functions=funcs,
        constants=CONSTANTS.get(name, {}),
        types=TYPES.get(name, {}),
        arg_type={"float": T.FLOAT, "decimal": T.DECIMAL}.get(name),
    )


_METHOD_TABLES = {
    "string": STRING,
    "array": ARRAY,
    "map": MAP,
    "int": INT,
    "float": FLOAT,
    "decimal": DECIMAL,
    "error": ERROR,
    "regexp": REGEXP_METHODS,
    "boolean": BOOLEAN,
    "stream": STREAM,
    "table": {**TABLE, **TABLE_VALUE_METHODS},
    "object": OBJECT,
    "value": VALUE,
    "xml": langxml.FUNCTIONS,
    "future": FUTURE_METHODS,
    # `int:range(...)` is an iterable object whose only method is `iterator()`; its iterator's
    # `next()` gives `record {| int value; |}?` as a stream's does
    "range": {"iterator": lambda r: BStream(iter(r), T.TStream(T.INT))},
    "none": {},
}


def _method_tables(sb: Sandbox) -> dict[str, dict[str, Any]]:
    tables = sb.bound.get("langlib.methods")
    if tables is None:
        tables = sb.bound["langlib.methods"] = {k: _bind(t, sb) for k, t in _METHOD_TABLES.items()}
    return tables  # type: ignore[no-any-return]


def method_for(v: Any, name: str, sb: Sandbox) -> Any:
    """The langlib function `v.name(...)` calls, by the value's basic type, bound to `sb`; value:* as
    the fallback."""
    t = type(v)
    if t is str:
        kind = "string"
    elif isinstance(v, BList):
        kind = "array"
    elif isinstance(v, BMap):
        kind = "map"
    elif t is int:
        kind = "int"
    elif t is float:
        kind = "float"
    elif t is D:
        kind = "decimal"
    elif isinstance(v, BError):
        kind = "error"
    elif isinstance(v, BRegExp):
        kind = "regexp"
    elif t is bool:
        kind = "boolean"
    elif isinstance(v, BStream):
        kind = "stream"
    elif isinstance(v, BTable):
        kind = "table"
    elif isinstance(v, BObject | BNative):
        kind = "object"
    elif isinstance(v, BXml):
        kind = "xml"
    elif isinstance(v, BFuture):
        kind = "future"
    elif t is range:
        return _method_tables(sb)["range"].get(name)
    else:
        kind = "none"
    tables = _method_tables(sb)
    fn = tables[kind].get(name)
    if fn is None:
        fn = tables["value"].get(name)
    return fn


def method_of_kind(kind: str, name: str, sb: Sandbox) -> Any:
    """`method_for` decided at compile time, for a receiver whose static type fixes its basic type
    (`kind` as in method_for: "string", "array", "int", "float"); None when there is no such method."""
    tables = _method_tables(sb)
    fn = tables[kind].get(name)
    return fn if fn is not None else tables["value"].get(name)


__all__ = [
    "method_for",
    "method_of_kind",
    "module",
    "from_json_string",
]
