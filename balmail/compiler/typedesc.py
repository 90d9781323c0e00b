"""Type descriptors of the syntax tree → runtime types (named, record and constant types,
lazily for recursive definitions).
"""

from __future__ import annotations

from typing import Any

from balmail.compiler import (
    expressions,
)
from balmail.compiler.core import CompileError, Compiler, ModuleEntry
from balmail.compiler.scope import Scope
from balmail.runtime import types as T
from balmail.runtime.functions import Eval
from balmail.syntax import ast
from balmail.syntax.build_syntax import literal_length

# ------------------------------------------------------------ types


def lazy_type(cx: Compiler, m: ast.TypeDefn) -> T.Type:
    def build() -> T.Type:
        t = resolve_type(cx, m.type)
        if t.name is None and not isinstance(m.type, ast.TypeRef | ast.BuiltinType):
            t.name = m.name
        return t

    return T.TLazy(m.name, build)


def resolve_type(cx: Compiler, td: ast.TypeDesc | None) -> T.Type:
    if td is None:
        return T.ANY
    key = id(td)
    cached = cx.type_cache.get(key)
    if cached is not None:
        return cached
    t = _resolve_type(cx, td)
    cx.type_cache[key] = t
    return t


def _resolve_type(cx: Compiler, td: ast.TypeDesc) -> T.Type:
    if isinstance(td, ast.BuiltinType):
        return {**T.BUILTIN_TYPES, "handle": T.HANDLE}.get(td.name, T.ANY)
    if isinstance(td, ast.NilType):
        return T.NIL
    if isinstance(td, ast.TypeRef):
        return named_type(cx, td.prefix, td.name)
    if isinstance(td, ast.UnionType):
        return T.TUnion([resolve_type(cx, m) for m in td.members])
    if isinstance(td, ast.IntersectionType):
        members = [resolve_type(cx, m) for m in td.members]
        return T.TIntersection(members)
    if isinstance(td, ast.OptionalType):
        return T.TUnion([resolve_type(cx, td.inner), T.NIL])
    if isinstance(td, ast.ArrayType):
        length = td.length
        arr = T.TArray(resolve_type(cx, td.element), array_length(cx, length))
        arr.infer_length = length == "*"  # `T[*]`: the list constructor that initialises it fixes the length
        return arr
    if isinstance(td, ast.TupleType):
        return T.TTuple(
            [resolve_type(cx, m) for m in td.members],
            resolve_type(cx, td.rest) if td.rest is not None else None,
        )
    if isinstance(td, ast.MapType):
        return T.TMap(resolve_type(cx, td.constraint))
    if isinstance(td, ast.ErrorType):
        return T.TError(resolve_type(cx, td.detail) if td.detail is not None else None)
    if isinstance(td, ast.DistinctType):
        inner = T.resolve(resolve_type(cx, td.inner))
        did = frozenset({cx.next_distinct()})
        if isinstance(inner, T.TError):
            return T.TError(inner.detail, inner.distinct_ids | did)
        if isinstance(inner, T.TObject):
            return T.TObject(inner.cls, inner.members, inner.distinct_ids | did)
        return inner
    if isinstance(td, ast.SingletonType):
        return T.TSingleton(expressions.literal_value(cx, td.value, None))
    if isinstance(td, ast.RecordType):
        return record_type(cx, td)
    if isinstance(td, ast.ObjectType):
        names = []
        for mem in td.members:
            n = getattr(mem, "name", None)
            if n:
                names.append(n)
        return T.TObject(None, tuple(names))
    if isinstance(td, ast.FunctionType):
        sig = td.signature
        if sig is None:
            return T.TFunction(isolated=True) if td.isolated else T.FUNCTION
        fixed = [resolve_type(cx, p.type) for p in sig.params if not p.rest]
        rest = next((resolve_type(cx, p.type) for p in sig.params if p.rest), None)
        ret = resolve_type(cx, sig.returns) if sig.returns is not None else T.NIL
        return T.TFunction(fixed, rest, ret, td.isolated)
    if isinstance(td, ast.ParameterizedType):
        if td.name == "typedesc":
            return T.TYPEDESC
        if td.name == "stream":
            completion = resolve_type(cx, td.args[1]) if len(td.args) > 1 else None
            return T.TStream(resolve_type(cx, td.args[0]) if td.args else None, completion)
        if td.name == "table":
            from balmail.compiler.tables import table_type

            return table_type(cx, td)
        if td.name == "xml":
            return T.xml_type(resolve_type(cx, td.args[0]) if td.args else None)
        return T.ANY
    if type(td).__name__ == "TableType":
        from balmail.compiler.tables import table_type

        return table_type(cx, td)
    return T.ANY


def array_length(cx: Compiler, length: str | None) -> int | None:
    """`T[3]`, `T[0x10]`, or `T[N]`/`T[m:N]` with an int constant; None for `T[]` and `T[*]`."""
    n = literal_length(length)
    if n is not None or not length or length == "*":
        return n
    prefix, _, name = length.rpartition(":")
    if prefix:
        lib = cx.imports.get(prefix)
        value = getattr(lib, "constants", {}).get(name) if lib is not None else None
    else:
        e = cx.names.get(name)
        if e is None or e.kind != "const":
            raise CompileError(f"array length '{length}' is not a constant", None)
        const = T.resolve(const_type(cx, e))
        value = const.value if isinstance(const, T.TSingleton) else None
    if type(value) is not int or value < 0:
        raise CompileError(f"array length '{length}' must be a non-negative int constant", None)
    return value


def named_type(cx: Compiler, prefix: str | None, name: str) -> T.Type:
    if prefix is None:
        e = cx.names.get(name)
        if e is None:
            raise CompileError(f"unknown type '{name}'", None)
        if e.kind == "type":
            return e.value
        if e.kind == "class":
            return e.value.type
        if e.kind == "const":
            return const_type(cx, e)
        raise CompileError(f"'{name}' is not a type", None)
    if prefix == "int" and name in T.INT_SUBTYPES:
        return T.INT_SUBTYPES[name]
    if prefix == "string" and name == "Char":
        return T.TString(char=True)
    if prefix == "xml" and name in T.XML_SUBTYPES and prefix not in cx.imports:
        return T.XML_SUBTYPES[name]
    if name == "RegExp":
        return T.REGEXP
    lib = cx.imports.get(prefix)
    if lib is not None:
        t = lib.types.get(name)
        if t is not None:
            return t
    return T.ANY


def const_type(cx: Compiler, e: ModuleEntry) -> T.Type:
    """A constant used as a type: the singleton of its value (literal constants are known now)."""
    node = e.node
    value = getattr(node, "value", None)
    if isinstance(value, ast.Unary) and value.op == "-" and isinstance(value.operand, ast.Literal):
        return T.TSingleton(-expressions.literal_value(cx, value.operand, None))
    if isinstance(value, ast.Literal):
        return T.TSingleton(expressions.literal_value(cx, value, None))
    if isinstance(node, ast.EnumMember) and value is None:
        return T.TSingleton(node.name)
    G = cx.G
    slot = e.value
    return T.TLazy(getattr(node, "name", "const"), lambda: T.TSingleton(G[slot]))


def record_type(cx: Compiler, td: ast.RecordType) -> T.Type:
    fields: dict[str, T.Field] = {}
    rest: T.Type | None = None if td.closed else T.ANYDATA
    included: dict[str, T.Field] = {}
    for inc in td.inclusions:
        base = T.resolve(resolve_type(cx, inc))
        if isinstance(base, T.TRecord):
            included.update(base.fields)
            if base.rest is not None and not td.closed:
                rest = base.rest
    for f in td.fields:
        ft = resolve_type(cx, f.type)
        default = None
        if f.default is not None:
            with cx.using_scope(Scope(None)) as default_scope:
                ev = expressions.expr(cx, f.default, ft)
            size = default_scope.size

            def default(ev: Eval = ev, size: int = size) -> Any:
                return ev([None] * size)

        fields[f.name] = T.Field(f.name, ft, f.optional, default, f.readonly)
        fields[f.name].sensitive = _sensitive_data(cx, f)
    # the type's own fields first, then the included ones it does not override: the order Ballerina
    # shows fields in (docs/patterns.md, "Record field order")
    for name, inc_field in included.items():
        fields.setdefault(name, inc_field)
    if td.rest is not None:
        rest = resolve_type(cx, td.rest)
    return T.TRecord(fields, rest)


def _sensitive_data(cx: Compiler, f: ast.RecordField) -> Any:
    """A field's `@log:SensitiveData {...}` as a thunk giving its config mapping (`{}` when written
    without one), evaluated when a log line masks the field; None when the field is not marked."""
    for a in f.annotations:
        lib = cx.imports.get(a.prefix) if a.prefix else None
        if a.name != "SensitiveData" or lib is None or lib.name != "ballerina/log":
            continue
        if a.value is None:
            return dict
        with cx.using_scope(Scope(None)) as scope:
            ev = expressions.expr(cx, a.value, None)
        size = scope.size
        return lambda: ev([None] * size)
    return None
