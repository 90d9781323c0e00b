"""Plain helpers and tables of the type checker (types.py, inference.py, expected.py): the variables it
tracks (`_Var`), expression kinds, literal fits, pattern bindings and narrowing indexes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from balmail.check.statictypes import kinds, union
from balmail.check.walk import SpanIndex, nodes_under
from balmail.resolve import Decl
from balmail.runtime import types as T
from balmail.syntax import ast
from balmail.syntax import ast_workers as W

_SHIFTS = frozenset({"<<", ">>", ">>>"})
_NOT_CONSTANT = (
    ast.Call,
    ast.MethodCall,
    ast.RemoteCall,
    ast.CheckExpr,
    ast.NewExpr,
    ast.QueryExpr,
    ast.AnonFunction,
    ast.ArrowFunction,
    ast.ObjectConstructor,
)
_DECLARED_TYPE_EXPRS = (
    ast.VarRef,
    ast.FieldAccess,
    ast.Call,
    ast.Template,
    ast.MethodCall,
    ast.CheckExpr,
    ast.Cast,
    ast.WaitExpr,
    W.AlternateWait,
    W.WorkerReceive,
    W.MultipleReceive,
    W.MultipleWait,
)
"""Expressions whose static type is a declared one (not shaped by literals inside them): the finer,
finite-type and record-subtyping judgements of subtypes.py apply to them."""


def _const_type(value: ast.Expr | None) -> T.Type | None:
    """A constant's type is the singleton of its value (`const A = "a";` has type `"a"`)."""
    if isinstance(value, ast.Literal) and value.kind in ("string", "int", "boolean"):
        return T.TSingleton(value.value)
    return None


_NARROWING_OPS = frozenset({"==", "!=", "===", "!=="})
_NUMERIC = frozenset({"int", "float", "decimal"})


@attrs.define
class _Var:
    type: T.Type | None
    final: bool = False
    const: bool = False
    module: bool = False


_BASIC: dict[str, T.Type] = {
    "int": T.INT,
    "float": T.FLOAT,
    "decimal": T.DECIMAL,
    "string": T.STRING,
    "boolean": T.BOOLEAN,
}
_STRING_METHODS: dict[str, T.Type] = {
    "trim": T.STRING,
    "toLowerAscii": T.STRING,
    "toUpperAscii": T.STRING,
    "substring": T.STRING,
    "length": T.INT,
    "startsWith": T.BOOLEAN,
    "endsWith": T.BOOLEAN,
    "includes": T.BOOLEAN,
}
_EMAIL_CONSTANTS = {
    "SSL": "SSL",
    "START_TLS_AUTO": "START_TLS_AUTO",
    "START_TLS_ALWAYS": "START_TLS_ALWAYS",
    "START_TLS_NEVER": "START_TLS_NEVER",
    "TLS": "TLS",
    "DEFAULT_FOLDER": "INBOX",
}


def _inferred_length(td: ast.TypeDesc | None, t: T.Type | None, init: ast.Expr | None) -> T.Type | None:
    """`T[*] xs = [a, b, c]` declares `T[3]` (spec: inferred array length)."""
    r = T.resolve(t) if t is not None else None
    if (
        isinstance(td, ast.ArrayType)
        and td.length == "*"
        and isinstance(r, T.TArray)
        and r.length is None
        and isinstance(init, ast.ListExpr)
        and not any(isinstance(i, ast.Spread) for i in init.items)
    ):
        return T.TArray(r.element, len(init.items))
    return t


def _kind_in(t: T.Type | None, allowed: frozenset[str]) -> bool:
    k = kinds(t)
    return k is not None and bool(k) and k <= allowed


def _member_type(t: T.Type | None) -> T.Type | None:
    """The type of the members `foreach` visits in a value of type `t` (see Checker.element_type)."""
    r = T.resolve(t) if t is not None else None
    if isinstance(r, T.TArray):
        return r.element
    if isinstance(r, T.TMap):
        return r.constraint
    if isinstance(r, T.TTuple):
        members = [*r.members, *([r.rest] if r.rest is not None else [])]
        return union(*members) if members else None
    if isinstance(r, T.TRecord):
        simple = frozenset({"nil", "boolean", "int", "float", "decimal", "string"})
        if isinstance(T.resolve(r.rest or T.NEVER), T.TAnydata) and all(
            (kinds(f.type) or {"unknown"}) <= simple for f in r.fields.values()
        ):
            return r.rest  # an open record's simple fields are anydata too
        fields = [f.type for f in r.fields.values()] + ([r.rest] if r.rest is not None else [])
        return union(*fields) if fields else None
    if isinstance(r, T.TUnion) and r.members:
        return union(*(_member_type(m) for m in r.members))
    return None


def _literal_fits(e: ast.Expr, other: frozenset[str]) -> bool:
    """A numeric literal that takes the other operand's numeric type (`f + 1` with `f` a float)."""
    text = e_text(e)
    if not text or not isinstance(e, ast.Literal | ast.Unary):
        return False
    inner = e
    while isinstance(inner, ast.Unary):
        inner = inner.operand
    if not isinstance(inner, ast.Literal):
        return False
    if inner.kind == "int":
        return bool(other & {"float", "decimal"})
    return inner.kind == "float" and other == {"decimal"} and not text.endswith(("f", "F", "d", "D"))


def e_text(e: ast.Expr) -> str:
    while isinstance(e, ast.Unary):
        e = e.operand
    return e.text if isinstance(e, ast.Literal) else ""


_NO_ASSIGNMENTS = SpanIndex([])
_VAR_REF, _BINARY = ast.VarRef, ast.Binary
# `type_of` takes these two by exact class before its isinstance chain: neither is a subclass of a class
# the chain tests before reaching theirs
assert not any(issubclass(c, (ast.Literal, ast.Template)) for c in (_VAR_REF, _BINARY))
assert not issubclass(_BINARY, (ast.VarRef, ast.QualifiedRef, ast.Unary))


def _assignments_to(
    assignments: SpanIndex, body: ast.Node, decls: frozenset[Decl], refs: dict[ast.Node, Decl | None]
) -> SpanIndex:
    """The assignments under `body` that may assign one of `decls` (`_Checker.assigned` keeps no other
    variable): `x = e` / `x += e` to one of them, and every destructuring (read as `assigned` reads it)."""
    if not decls:
        return _NO_ASSIGNMENTS
    kept = [
        n
        for n in assignments.inside(body.span)
        if not isinstance(n, ast.Assign | ast.CompoundAssign)
        or (isinstance(n.target, ast.VarRef) and refs.get(n.target) in decls)
    ]
    return SpanIndex(kept) if kept else _NO_ASSIGNMENTS


def _narrowed_decls(
    narrowing: SpanIndex, body: ast.Node, keys: Callable[[Iterable[ast.Node]], set[Decl]]
) -> frozenset[Decl]:
    """Variables a type test or nil comparison may narrow somewhere in this body (`keys` maps uses to
    their declarations). `narrowing` holds the module's type tests, nil comparisons and `match`
    statements (found by span, not by walking the body)."""
    found: list[ast.Node] = []
    for n in narrowing.inside(body.span):
        roots: list[ast.Node] = []
        if isinstance(n, ast.IsExpr):
            roots.append(n.expr)
        elif isinstance(n, ast.Binary) and n.op in _NARROWING_OPS:
            roots += [n.left, n.right]
        elif isinstance(n, ast.Match):
            roots.append(n.expr)
        for r in roots:
            found.extend(x for x in nodes_under(r) if isinstance(x, ast.VarRef))
    return frozenset(keys(found))


def _pattern_bindings(p: Any) -> list[tuple[str, ast.Node]]:
    """The names bound anywhere under `p`, each with the node declaring it (a CaptureBinding, or the
    pattern holding a `...rest`)."""
    out: list[tuple[str, ast.Node]] = []
    stack = [p]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.CaptureBinding):
            out.append((n.name, n))
        if isinstance(n, ast.Node):
            for a in n.__attrs_attrs__:  # type: ignore[attr-defined]
                v = getattr(n, a.name)
                if isinstance(v, ast.Node):
                    stack.append(v)
                elif isinstance(v, tuple):
                    for x in v:
                        if isinstance(x, ast.Node):
                            stack.append(x)
                        elif isinstance(x, tuple):  # an error pattern's named arguments: (name, pattern)
                            stack.extend(y for y in x if isinstance(y, ast.Node))
        if isinstance(
            n,
            ast.ListPattern
            | ast.MappingPattern
            | ast.ListBinding
            | ast.MappingBinding
            | ast.ErrorPattern
            | ast.ErrorBinding,
        ):
            rest = getattr(n, "rest", None)
            if rest:
                out.append((rest, n))
    return out


def _allows_nil(t: ast.TypeDesc) -> bool:
    if isinstance(t, ast.NilType | ast.OptionalType):
        return True
    if isinstance(t, ast.UnionType):
        return any(_allows_nil(m) for m in t.members)
    if isinstance(t, ast.BuiltinType):
        return t.name in ("any", "anydata", "json", "never")
    if isinstance(t, ast.TypeRef):
        return True  # could name an optional type; stay conservative
    return False
