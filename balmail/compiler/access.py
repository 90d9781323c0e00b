"""Field and member access expressions (`x.f`, `x?.f`, `x[i]`), both ways they compile: a closure
(`expr_`) and generated source (`code_`, which inlines the fast path a static type allows). Either way
the semantics are runtime/access.py's `field`/`optional_field`/`member`, the one place they live.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from balmail.compiler import codegen, expressions
from balmail.runtime import access
from balmail.runtime import types as T
from balmail.runtime.functions import Eval
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.codegen import Gen
    from balmail.compiler.core import Compiler


def expr_FieldAccess(cx: Compiler, e: ast.FieldAccess, expected: T.Type | None) -> Eval:
    target = expressions.expr(cx, e.target)
    name = e.name
    if ":" in name:  # `x.ns:attr`: an xml attribute by qualified name
        from balmail.compiler.xml import attribute_name

        name = attribute_name(cx, e)
    read = access.optional_field if e.optional else access.field
    want = json_conversion(cx, e, expected)
    if want is not None:
        ensure = access.ensure
        return lambda f: ensure(read(target(f), name), want)
    return lambda f: read(target(f), name)


def json_conversion(cx: Compiler, e: ast.FieldAccess, expected: T.Type | None) -> T.Type | None:
    """A field access on json whose context expects a narrower type (`int age = check j.age;`) converts
    the value as `ensureType` would (spec: field access on json): the type to convert to, else None."""
    if expected is None:
        return None
    st = expressions.static_type(cx, e.target)
    rt = T.resolve(st) if st is not None else None
    is_json_map = isinstance(rt, T.TMap) and isinstance(T.resolve(rt.constraint), T.TJson)
    if not (isinstance(rt, T.TJson) or is_json_map):
        return None
    members = [m for m in T.member_types(expected) if not isinstance(m, T.TError)]
    if not members:
        return None
    want = members[0] if len(members) == 1 else T.TUnion(members)
    if T.is_subtype(T.JSON, want):
        return None
    return want


def expr_MemberAccess(cx: Compiler, e: ast.MemberAccess, expected: T.Type | None) -> Eval:
    if type(e.target).__name__ == "XmlNavigation" and getattr(e.target, "kind", "") != "filter":
        from balmail.compiler.xml import indexed_step

        return indexed_step(cx, e)  # `x/<e>[i]`
    target = expressions.expr(cx, e.target)
    index = expressions.expr(cx, e.index)
    member = access.member

    def read(f: list[Any]) -> Any:
        v = target(f)
        return member(v, index(f))

    return read


def code_FieldAccess(cx: Compiler, e: ast.FieldAccess, expected: T.Type | None, g: Gen) -> str | None:
    if e.optional or ":" in e.name:
        return None
    want = json_conversion(cx, e, expected)
    if want is not None:
        a = codegen.code(cx, e.target, None, g)
        return f"{g.const(access.ensure)}({g.const(access.field)}({a}, {e.name!r}), {g.const(want)})"
    t = g.tmp()
    a = codegen.code(cx, e.target, None, g)
    name = repr(e.name)
    st = expressions.static_type(cx, e.target)
    rt = T.resolve(st) if st is not None else None
    if isinstance(rt, T.TRecord):
        field = rt.fields.get(e.name)
        if field is not None and not field.optional:
            return f"{a}[{name}]"  # statically a record (a BMap) with this required field: it is there
    return f"({t}[{name}] if type({t} := {a}) is BMap and {name} in {t} else _field({t}, {name}))"


def code_MemberAccess(cx: Compiler, e: ast.MemberAccess, expected: T.Type | None, g: Gen) -> str | None:
    if type(e.target).__name__ == "XmlNavigation":
        return None  # `x/<e>[i]` indexes per element (compiler/xml.py)
    a = codegen.code(cx, e.target, None, g)
    i = codegen.code(cx, e.index, None, g)
    ta, ti = g.tmp(), g.tmp()
    st = expressions.static_type(cx, e.target)
    rt = T.resolve(st) if st is not None else None
    if isinstance(rt, T.TArray | T.TTuple) and codegen.is_int(expressions.static_type(cx, e.index), i):
        # statically a list indexed by an int: only the bounds are tested (names need no temporary)
        if not codegen.is_simple(a, g):
            a, ta = ta, f"({ta} := {a})"
        else:
            ta = a
        if not codegen.is_simple(i, g):
            i, ti = ti, f"({ti} := {i})"
        else:
            ti = i
        if codegen.nonneg(i, g):
            if g.optimistic:  # an IndexError re-runs the statement's expression checked (guarded)
                g.guessed = True
                return f"{ta}[{ti}]"  # each evaluated once (a temporary's walrus when not simple)
            return f"({a}[{i}] if {ti} < len({ta}) else _member({a}, {i}))"
        return f"({a}[{i}] if 0 <= {ti} < len({ta}) else _member({a}, {i}))"
    if isinstance(rt, T.TMap):
        if isinstance(T.resolve(expressions.static_type(cx, e.index) or T.NEVER), T.TString):
            return f"{a}.get({i})"  # statically a map (a BMap) and a string key
        return (
            f"({ta}.get({ti}) if (type({ta} := {a}) is BMap) & (type({ti} := {i}) is str) "
            f"else _member({ta}, {ti}))"
        )
    return (
        f"({ta}[{ti}] if ((type({ta} := {a}) is BList) & (type({ti} := {i}) is int)) "
        f"and 0 <= {ti} < len({ta}) else _member({ta}, {ti}))"
    )


_PURE_OPS = frozenset(("+", "-", "*", "<", "<=", ">", ">=", "==", "!=", "&&", "||", "!"))


def pure(e: ast.Expr) -> bool:
    """Whether evaluating `e` changes nothing (locals, literals, arithmetic, comparisons, member and
    field reads, lengths): evaluating it again gives the same result, or fails at the same point."""
    if isinstance(e, ast.VarRef | ast.Literal):
        return True
    if isinstance(e, ast.Binary):
        return e.op in _PURE_OPS and pure(e.left) and pure(e.right)
    if isinstance(e, ast.Unary):
        return e.op in _PURE_OPS and pure(e.operand)
    if isinstance(e, ast.MemberAccess):
        return type(e.target).__name__ != "XmlNavigation" and pure(e.target) and pure(e.index)
    if isinstance(e, ast.FieldAccess):
        return pure(e.target)
    if isinstance(e, ast.MethodCall):
        return e.name == "length" and not e.args and pure(e.target)
    return False


def guarded(cx: Compiler, e: ast.Expr, expected: T.Type | None, g: Gen, out: list[str], pad: str) -> str:
    """`e` as generated source for a statement at `pad`. A pure expression reading lists by indexes known
    to be non-negative reads them without a bounds test, under `try`: an IndexError (an index past the
    end) runs the same expression again with the tests, which panics as Ballerina does; nothing it did
    before failing had an effect (zero-cost `try` in CPython 3.11, so the common path is one index)."""
    if not pure(e):
        return codegen.code(cx, e, expected, g)
    g.optimistic, g.guessed = True, False
    try:
        fast = codegen.code(cx, e, expected, g)
    finally:
        g.optimistic = False
    if not g.guessed:
        return fast
    slow = codegen.code(cx, e, expected, g)
    t = g.tmp()
    out += [f"{pad}try:", f"{pad}    {t} = {fast}", f"{pad}except IndexError:", f"{pad}    {t} = {slow}"]
    return t
