"""Builders of the "constructs" helper: `Pair [a, b] = p;` — a declaration whose type is a name and whose
binding is a list binding pattern. At statement start `Name[x, y]` parses as a multi-key member access
(the grammar cannot tell the two apart before `=`), and an assignment to a multi-key member access is not
Ballerina (a member-access lvalue has one key expression: spec, "Assignment"), so the builder turns it
into the declaration."""

from __future__ import annotations

from balmail.syntax import ast
from balmail.syntax.build import Builder, _first, rule
from balmail.syntax.build_parts import _Args


def typed_list_declaration(b: Builder, target: ast.Expr, value: ast.Expr, span: object) -> ast.VarDecl | None:
    """`T [a, [b, c]] = e;` read as `T[a, [b, c]] = e;`: the declaration, or None if it is not one."""
    if not isinstance(target, ast.MemberAccess) or not isinstance(target.index, ast.ListExpr):
        return None
    owner, keys = target.target, target.index
    if not isinstance(owner, ast.VarRef | ast.QualifiedRef) or len(keys.items) < 2 or b.source is None:
        return None
    between = b.source.text[owner.span.end : keys.span.start]
    if between.strip():  # `t[[a, b]] = v`: one key that is a list constructor, a real member access
        return None
    rest: str | None = None
    named = list(keys.items)
    if isinstance(named[-1], ast.Spread) and isinstance(named[-1].expr, ast.VarRef):
        rest = named.pop().expr.name
    items = [key_binding(i) for i in named]
    if any(i is None for i in items):
        return None
    prefix = owner.prefix if isinstance(owner, ast.QualifiedRef) else None
    t = ast.TypeRef(span=owner.span, prefix=prefix, name=owner.name)
    binding = ast.ListBinding(span=keys.span, items=tuple(items), rest=rest)  # type: ignore[arg-type]
    return ast.VarDecl(span=span, final=False, type=t, binding=binding, init=value, annotations=())


def key_binding(e: ast.Expr) -> ast.BindingPattern | None:
    """The binding pattern a key of `Pair [a, [b, _]]` stands for (None: the key is not made of names)."""
    if isinstance(e, ast.VarRef):
        if e.name == "_":
            return ast.WildcardBinding(span=e.span)
        return ast.CaptureBinding(span=e.span, name=e.name)
    if isinstance(e, ast.ListExpr):
        items = [key_binding(i) for i in e.items]
        if any(i is None for i in items):
            return None
        return ast.ListBinding(span=e.span, items=tuple(items), rest=None)  # type: ignore[arg-type]
    return None


@rule
def wildcard_key(b: Builder, c: list) -> ast.VarRef:
    """`_` among the keys of `Pair [a, _] = p;` (only a declaration can use it)."""
    return ast.VarRef(span=b.span(c), name="_")


@rule
def rest_key(b: Builder, c: list) -> ast.Spread:
    """`...rest` last among the keys of `Pair [a, ...rest] = p;` (only a declaration can use it)."""
    return ast.Spread(span=b.span(c), expr=ast.VarRef(span=b.tspan(c[-1]), name=str(c[-1])))


@rule
def send_error(b: Builder, c: list) -> ast.ErrorConstructor:
    """`error("x", code = 1) -> w;`: the value sent is an error constructor."""
    args = _first(c, _Args)
    return ast.ErrorConstructor(span=b.span(c), type=None, args=args.items if args else ())


@rule
def destructure_wildcard(b: Builder, c: list) -> ast.TypeRef:
    """`_` in `[a, _] = p;`: the tuple-type cover keeps it as a type named `_`, which no type can be (the
    resolver refuses it as a type; `Builder._tuple_to_binding` turns it into a wildcard binding)."""
    return ast.TypeRef(span=b.span(c), prefix=None, name="_")


@rule
def destructure_rest(b: Builder, c: list) -> ast.TypeRef:
    """`...rest` last in `[a, ...rest] = p;`: kept as a type named `...rest` (no type can be) until
    `Builder._tuple_to_binding` makes it the list binding pattern's rest binding."""
    return ast.TypeRef(span=b.span(c), prefix=None, name="..." + str(c[-1]))


@rule
def type_keyword_value(b: Builder, c: list) -> ast.TypeExpr:
    """`xml`, `readonly` or `error` as a value: the typedesc of that type, like `int` (`type_expr`)."""
    span = b.span(c)
    word = str(c[0])
    t: ast.TypeDesc
    if word == "xml":
        t = ast.ParameterizedType(span=span, name="xml", args=())
    elif word == "error":
        t = ast.ErrorType(span=span, detail=None)
    else:
        t = ast.BuiltinType(span=span, name="readonly")
    return ast.TypeExpr(span=span, type=t)


@rule
def qualified_function_type(b: Builder, c: list) -> ast.FunctionType:
    """`isolated function (int) returns int`: a function type whose values must be isolated functions."""
    isolated = str(c[0]) == "isolated"
    return ast.FunctionType(span=b.span(c), signature=_first(c, ast.Signature), isolated=isolated)
