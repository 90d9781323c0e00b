"""Static types for the compiler checks: AST type descriptors resolved to the runtime's type objects
(balmail/runtime/types.py, so check and evaluator share one notion of type), the library types a program can
name without importing the library's run-time code, the names Ballerina prints for types, and the *basic
kinds* a type admits.

Resolution is partial on purpose: anything not certain (a type from a module balmail does not describe,
an object or function type, a cyclic definition) resolves to None, and the checks stay silent about it.
Incompatibility is decided by basic kinds (int, float, decimal, string, boolean, nil, error, mapping,
list, ...): a value whose type admits a kind the expected type does not admit at all is certainly refused,
which is sound whatever the finer subtyping rules say. See docs/type-checking.md.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable

from balmail.runtime import types as T
from balmail.runtime.tables import TTable
from balmail.syntax import ast

# -- basic kinds --------------------------------------------------------------------------------

SIMPLE_KINDS = frozenset({"int", "float", "decimal", "string", "boolean", "nil"})
ANYDATA_KINDS = SIMPLE_KINDS | {"mapping", "list", "xml", "table"}
ALL_KINDS = ANYDATA_KINDS | {"error", "object", "function", "typedesc", "handle", "stream", "future"}

_BUILTIN: dict[str, T.Type] = {**T.BUILTIN_TYPES, "error": T.ERROR}


_LEAF_KINDS: dict[type, frozenset[str]] = {
    T.TInt: frozenset({"int"}),
    T.TFloat: frozenset({"float"}),
    T.TDecimal: frozenset({"decimal"}),
    T.TString: frozenset({"string"}),
    T.TBoolean: frozenset({"boolean"}),
    T.TNil: frozenset({"nil"}),
}
"""`kinds` of the commonest types by their exact class (no subclass: those take the tests below)."""


def kinds(t: T.Type | None) -> frozenset[str] | None:
    """The basic kinds values of `t` can have, or None when that is not known."""
    if t is None:
        return None
    leaf = _LEAF_KINDS.get(type(t))  # before `resolve`: a lazy named type is never one of these
    if leaf is not None:
        return leaf
    t = T.resolve(t)
    leaf = _LEAF_KINDS.get(type(t))
    if leaf is not None:
        return leaf
    if isinstance(t, T.TInt):
        return frozenset({"int"})
    if isinstance(t, T.TFloat):
        return frozenset({"float"})
    if isinstance(t, T.TDecimal):
        return frozenset({"decimal"})
    if isinstance(t, T.TString):
        return frozenset({"string"})
    if isinstance(t, T.TBoolean):
        return frozenset({"boolean"})
    if isinstance(t, T.TNil):
        return frozenset({"nil"})
    if isinstance(t, T.TSingleton):
        return _value_kind(t.value)
    if isinstance(t, T.TNever):
        return frozenset()
    if isinstance(t, T.TRecord | T.TMap):
        return frozenset({"mapping"})
    if isinstance(t, T.TArray | T.TTuple):
        return frozenset({"list"})
    if isinstance(t, T.TError):
        return frozenset({"error"})
    if isinstance(t, T.TObject):
        return frozenset({"object"})
    if isinstance(t, T.TFunction):
        return frozenset({"function"})
    if isinstance(t, TTable):
        return frozenset({"table"})
    if isinstance(t, T.TXml):
        return frozenset({"xml"})
    if isinstance(t, T.TStream):
        return frozenset({"stream"})
    if isinstance(t, T.TJson):
        return SIMPLE_KINDS | {"mapping", "list"}
    if isinstance(t, T.TAnydata):
        return ANYDATA_KINDS
    if isinstance(t, T.TAny):
        return ALL_KINDS - {"error"}
    if isinstance(t, T.TReadonly):
        return ALL_KINDS
    if isinstance(t, T.TUnion):
        out: set[str] = set()
        for m in t.members:
            k = kinds(m)
            if k is None:
                return None
            out |= k
        return frozenset(out)
    if isinstance(t, T.TIntersection):
        found: frozenset[str] | None = ALL_KINDS
        for m in t.members:
            k = kinds(m)
            if k is None:
                return None
            found = found & k
        return found
    return None


def _value_kind(v: object) -> frozenset[str] | None:
    if v is None:
        return frozenset({"nil"})
    if isinstance(v, bool):
        return frozenset({"boolean"})
    if isinstance(v, int):
        return frozenset({"int"})
    if isinstance(v, float):
        return frozenset({"float"})
    if isinstance(v, decimal.Decimal):
        return frozenset({"decimal"})
    if isinstance(v, str):
        return frozenset({"string"})
    return None


def certainly_incompatible(found: T.Type | None, expected: T.Type | None) -> bool:
    """A value of type `found` can certainly not be used where `expected` is wanted: it admits a basic kind
    the expected type does not admit at all (`string?` where `string` is wanted, `int` for `float`)."""
    fk, ek = kinds(found), kinds(expected)
    if fk is None or ek is None or not fk:
        return False
    return not fk <= ek


def without(t: T.Type, kind: str) -> T.Type | None:
    """`t` with the members of one basic kind removed (`string?` without nil is `string`); None if unsure."""
    r = T.resolve(t)
    if isinstance(r, T.TUnion):
        kept = []
        for m in r.members:
            k = kinds(m)
            if k is None:
                return None
            if k != frozenset({kind}):
                if kind in k:
                    inner = without(m, kind)
                    if inner is None:
                        return None
                    kept.append(inner)
                else:
                    kept.append(m)
        if not kept:
            return T.NEVER
        return kept[0] if len(kept) == 1 else T.TUnion(kept)
    k = kinds(r)
    if k is None:
        return None
    if k == frozenset({kind}):
        return T.NEVER
    if kind in k:
        return None
    return t


def union(*members: T.Type | None) -> T.Type | None:
    if any(m is None for m in members):
        return None
    flat: list[T.Type] = []
    for m in members:
        assert m is not None
        r = T.resolve(m)
        for x in r.members if isinstance(r, T.TUnion) and r.name is None else [m]:
            if not any(x is y for y in flat):
                flat.append(x)
    flat = [x for x in flat if not isinstance(T.resolve(x), T.TNever)] or [T.NEVER]
    return flat[0] if len(flat) == 1 else T.TUnion(flat)


# -- names as Ballerina prints them -------------------------------------------------------------


def display(t: T.Type) -> str:
    """`string?`, `(int|string)`, `email:Message`, `string[]`: the spelling of Ballerina's messages."""
    if t.name:
        return t.name
    r = T.resolve(t)
    if r is not t and r.name:
        return r.name
    if isinstance(r, T.TUnion):
        members = r.members
        nil = [m for m in members if isinstance(T.resolve(m), T.TNil)]
        rest = [m for m in members if not isinstance(T.resolve(m), T.TNil)]
        if nil and rest:
            inner = display(rest[0]) if len(rest) == 1 else "(" + "|".join(display(m) for m in rest) + ")"
            return inner + "?"
        return "(" + "|".join(display(m) for m in members) + ")"
    if isinstance(r, T.TArray):
        dims = f"[{r.length}]" if r.length is not None else "[]"
        element = r.element
        while isinstance(element, T.TArray) and not element.name:  # `int[3][2]` is `(int[2])[3]`
            dims += f"[{element.length}]" if element.length is not None else "[]"
            element = element.element
        inner = display(element)
        if isinstance(T.resolve(element), T.TUnion) and not inner.startswith("("):
            inner = f"({inner})"
        return inner + dims
    if isinstance(r, T.TMap):
        return f"map<{display(r.constraint)}>"
    if isinstance(r, T.TTuple):  # jBallerina's spelling: `[int,string...]`, no spaces
        items = [display(m) for m in r.members] + ([display(r.rest) + "..."] if r.rest is not None else [])
        return "[" + ",".join(items) + "]"
    if isinstance(r, T.TSingleton):
        v = r.value
        if isinstance(v, str):
            return '"' + v + '"'
        if isinstance(v, bool):
            return "true" if v else "false"
        return "()" if v is None else str(v)
    return r.describe()


# -- resolving AST type descriptors -------------------------------------------------------------


class TypeResolver:
    """Module type definitions and library types, resolved once per module. `library(prefix, name)` gives
    a library type a prefix names (None when unknown)."""

    def __init__(self, module: ast.Module, library: Callable[[str, str], T.Type | None]) -> None:
        self.library = library
        self.defs: dict[str, ast.Node] = {}
        for m in module.members:
            if isinstance(m, ast.TypeDefn | ast.ClassDefn | ast.EnumDefn):
                self.defs[m.name] = m
            elif isinstance(m, ast.ConstDecl):
                self.defs.setdefault(m.name, m)
        self.cache: dict[str, T.Type | None] = {}
        self.busy: set[str] = set()

    def array_length(self, length: str | None) -> int | None:
        """`T[3]`, `T[0x10]`, `T[N]` with a module constant `N`; None for `T[]`, `T[*]` and unknowns."""
        from balmail.syntax.build_syntax import literal_length

        n = literal_length(length)
        if n is None and length:
            d = self.defs.get(length)
            if isinstance(d, ast.ConstDecl) and isinstance(d.value, ast.Literal) and d.value.kind == "int":
                n = d.value.value
        return n

    def named(self, name: str) -> T.Type | None:
        if name in self.cache:
            return self.cache[name]
        d = self.defs.get(name)
        if d is None or name in self.busy:
            return None
        self.busy.add(name)
        t: T.Type | None = None
        if isinstance(d, ast.TypeDefn):
            t = self.resolve(d.type)
            named_kinds = (
                ast.RecordType | ast.UnionType | ast.ErrorType | ast.DistinctType | ast.TupleType
                | ast.FunctionType
            )
            if t is not None and isinstance(d.type, named_kinds):
                t.name = name
        elif isinstance(d, ast.EnumDefn):
            values = []
            for mem in d.members:
                if mem.value is None:
                    values.append(T.TSingleton(mem.name))
                elif isinstance(mem.value, ast.Literal) and mem.value.kind == "string":
                    values.append(T.TSingleton(mem.value.value))
                else:
                    values = []
                    break
            if values:
                t = T.TUnion(values)  # type: ignore[arg-type]
                t.name = name
            else:
                t = T.STRING
        elif isinstance(d, ast.ConstDecl) and isinstance(d.value, ast.Literal):
            v = d.value.value
            if d.value.kind in ("int", "string", "boolean", "nil"):
                t = T.TSingleton(v)
        elif isinstance(d, ast.ClassDefn):
            t = T.TObject(None, tuple(m.name for m in d.members if isinstance(m, ast.FunctionDefn)))
            t.name = name
        self.busy.discard(name)
        self.cache[name] = t
        return t

    def resolve(self, td: ast.Node | None) -> T.Type | None:
        if td is None:
            return None
        if isinstance(td, ast.BuiltinType):
            return _BUILTIN.get(td.name)
        if isinstance(td, ast.NilType):
            return T.NIL
        if isinstance(td, ast.TypeRef):
            if td.prefix is None:
                return self.named(td.name)
            if td.prefix == "int" and td.name in T.INT_SUBTYPES:
                return T.INT_SUBTYPES[td.name]
            if td.prefix == "string" and td.name == "Char":
                return T.TString(char=True)
            if td.prefix == "xml" and td.name in T.XML_SUBTYPES and self.library(td.prefix, td.name) is None:
                return T.XML_SUBTYPES[td.name]
            return self.library(td.prefix, td.name)
        if isinstance(td, ast.OptionalType):
            inner = self.resolve(td.inner)
            return None if inner is None else T.TUnion([inner, T.NIL])
        if isinstance(td, ast.UnionType):
            members = [self.resolve(m) for m in td.members]
            if any(m is None for m in members):
                return None
            return T.TUnion(members)  # type: ignore[arg-type]
        if isinstance(td, ast.TupleType):
            members = [self.resolve(m) for m in td.members]
            rest = self.resolve(td.rest) if td.rest is not None else None
            if any(m is None for m in members) or (td.rest is not None and rest is None):
                return None
            return T.TTuple(members, rest)  # type: ignore[arg-type]
        if isinstance(td, ast.ArrayType):
            element = self.resolve(td.element)
            if element is None:
                return None
            return T.TArray(element, self.array_length(td.length))
        if isinstance(td, ast.MapType):
            constraint = self.resolve(td.constraint)
            return None if constraint is None else T.TMap(constraint)
        if isinstance(td, ast.ErrorType):
            return T.ERROR if td.detail is None else T.TError(None)
        if isinstance(td, ast.DistinctType):  # a type of its own: never the shared `error`
            inner = self.resolve(td.inner)
            if not isinstance(inner, T.TError):
                return None
            return T.TError(inner.detail, inner.distinct_ids | {id(td)})
        if isinstance(td, ast.SingletonType) and isinstance(td.value, ast.Literal):
            if td.value.kind in ("int", "string", "boolean", "nil"):
                return T.TSingleton(td.value.value)
            return None
        if isinstance(td, ast.RecordType):
            return self.record(td)
        if isinstance(td, ast.FunctionType):
            if td.signature is None:
                return T.TFunction()  # `function`: any function value, which cannot be called as such
            return self.function_type(td.signature)
        if isinstance(td, ast.ParameterizedType) and td.name == "xml":
            arg = self.resolve(td.args[0]) if td.args else None
            return None if td.args and arg is None else T.xml_type(arg)
        if isinstance(td, ast.ParameterizedType) and td.name == "stream" and td.args:
            element = self.resolve(td.args[0])  # its static type: `foreach` reads the completion type
            completion = self.resolve(td.args[1]) if len(td.args) > 1 else None
            if element is None or (len(td.args) > 1 and completion is None):
                return None
            return T.TStream(element, completion)
        if isinstance(td, ast.IntersectionType):
            members = [self.resolve(m) for m in td.members]
            if any(m is None for m in members):
                return None
            return T.TIntersection(members)  # type: ignore[arg-type]
        if isinstance(td, ast.ParameterizedType) and td.name == "table" or type(td).__name__ == "TableType":
            from balmail.check.tables import resolve_table

            return resolve_table(self, td)
        return None

    def function_type(self, sig: ast.Signature) -> T.Type | None:
        """`function (int, string...) returns boolean` when every part resolves; defaults unknown."""
        params: list[T.Type] = []
        rest: T.Type | None = None
        for p in sig.params:
            t = self.resolve(p.type)
            if t is None or p.default is not None or p.included:
                return None
            if p.rest:
                rest = t
            else:
                params.append(t)
        ret = T.NIL if sig.returns is None else self.resolve(sig.returns)
        return None if ret is None else T.TFunction(params, rest, ret)

    def record(self, td: ast.RecordType) -> T.Type | None:
        fields: dict[str, T.Field] = {}
        rest: T.Type | None = None if td.closed else T.ANYDATA
        for inc in td.inclusions:
            base = self.resolve(inc)
            base = T.resolve(base) if base is not None else None
            if not isinstance(base, T.TRecord):
                return None
            fields.update(base.fields)
            if base.rest is not None and not td.closed:
                rest = base.rest
        for f in td.fields:
            ft = self.resolve(f.type)
            if ft is None:
                return None
            default = (lambda: None) if f.default is not None else None
            fields[f.name] = T.Field(f.name, ft, f.optional, default, f.readonly)
        if td.rest is not None:
            rest = self.resolve(td.rest)
            if rest is None:
                return None
        return T.TRecord(fields, rest)
