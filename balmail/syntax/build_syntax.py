"""Rule builders for fixed-length and multi-dimensional array types, the statement-start declaration
cover `Name[...] x`, and `distinct service class` (grammar section `helper syntax`).

Array dimensions follow the spec's "Array types": `T[n1][n2]` means `(T[n2])[n1]`, so `v[i][j]` indexes
in the order the dimensions are written. The builder therefore adds each further dimension innermost.
"""

from __future__ import annotations

import attrs

from balmail.source import Span
from balmail.syntax import ast
from balmail.syntax.build import Builder, _first, ident, rule
from balmail.syntax.build_parts import _Args, _Items, _Part, _Qualifiers, _Text
from balmail.syntax.tokens import Token


def add_dimension(span: Span, element: ast.TypeDesc, length: str | None) -> ast.ArrayType:
    """`element` followed by `[length]`: a dimension written after others belongs innermost."""
    if isinstance(element, ast.ArrayType) and not getattr(element, "parenthesized", False):
        inner = add_dimension(span, element.element, length)
        return attrs.evolve(element, span=span, element=inner)
    return ast.ArrayType(span=span, element=element, length=length)


def literal_length(length: str | None) -> int | None:
    """The length an array dimension spells with a literal (`3`, `0x10`); None otherwise."""
    if not length:
        return None
    if length.isdigit():
        return int(length)
    if length[:2].lower() == "0x":
        return int(length, 16)
    return None


@ast.node
class BindingCover(ast.TypeDesc):
    """`T [a, b]` before `=`/`in`: a type and the list binding of its declaration (never a type alone)."""

    element: ast.TypeDesc
    binding: ast.BindingPattern


def array_type(b: Builder, c: list) -> ast.TypeDesc:
    """`T[]`, `T[N]`, or `T [a, b]` (a declaration's list binding, see `dim_or_binding`)."""
    span = b.span(c)
    if len(c) == 4 and isinstance(c[2], _Items):
        items = c[2]
        binding = ast.ListBinding(span=b.span(c[1:]), items=items.items, rest=items.rest)
        return BindingCover(span=span, element=c[0], binding=binding)
    return add_dimension(span, c[0], str(c[2]) if len(c) == 4 else None)


@rule
def dim_or_binding(b: Builder, c: list) -> _Text | _Items:
    first = c[0]
    if isinstance(first, _Items):
        if len(first.items) == 1 and first.rest is None and isinstance(first.items[0], ast.CaptureBinding):
            capture = first.items[0]
            return _Text(capture.name, capture.span.start, capture.span.end)
        return first
    return array_len(b, c)


def split_binding(
    b: Builder, t: ast.TypeDesc | None
) -> tuple[ast.TypeDesc | None, ast.BindingPattern | None]:
    """A declaration written without a separate binding: `[int, int] [a, b] = t;` or `foreach T [x] in`
    (the last bracket group is the binding)."""
    if isinstance(t, BindingCover):
        return t.element, t.binding
    if isinstance(t, ast.ArrayType):
        chain = [t]
        while isinstance(chain[-1].element, ast.ArrayType):
            chain.append(chain[-1].element)
        last = chain[-1]
        name = last.length
        if name and (name[0].isalpha() or name[0] in "_'\\") and ":" not in name:
            assert b.source is not None
            end = last.span.end - 1
            capture = ast.CaptureBinding(span=b.source.span(end - len(name), end), name=name)
            inner: ast.TypeDesc = last.element
            for outer in reversed(chain[:-1]):
                inner = attrs.evolve(outer, element=inner)
            binding = ast.ListBinding(span=capture.span, items=(capture,), rest=None)
            return inner, binding
    return t, None


@rule
def array_len(b: Builder, c: list) -> _Text:
    first, last = c[0], c[-1]
    if len(c) == 3:  # a qualified constant `m:N`
        text = f"{ident(first)}:{ident(last)}"
    elif isinstance(first, Token) and first.type == "IDENT":
        text = ident(first)
    else:
        text = str(first)
    return _Text(text, first.start_pos + b.base, last.end_pos + b.base)


def _dims_to_type(b: Builder, e: ast.Expr) -> ast.TypeDesc | None:
    """`Foo[3][N]` parsed as member accesses on a name → the array type it spells (None: not a type)."""
    if isinstance(e, ast.VarRef):
        return ast.TypeRef(span=e.span, prefix=None, name=e.name)
    if isinstance(e, ast.QualifiedRef):
        return ast.TypeRef(span=e.span, prefix=e.prefix, name=e.name)
    if isinstance(e, ast.MemberAccess):
        element = _dims_to_type(b, e.target)
        if element is None:
            return None
        return add_dimension(e.span, element, _length_of(b, e.index))
    return None


def _length_of(b: Builder, index: ast.Expr) -> str | None:
    if isinstance(index, ast.Literal) and index.kind == "int":
        return str(index.value)
    if isinstance(index, ast.VarRef):
        return index.name
    if isinstance(index, ast.QualifiedRef):
        return f"{index.prefix}:{index.name}"
    b.error("an array length must be an int literal, a constant or '*'", index.span)
    return None


@rule
def stmt_dims_cover(b: Builder, c: list) -> ast.TypeDesc:
    span = b.span(c)
    element = _dims_to_type(b, c[0])
    length = "*" if isinstance(c[2], Token) and c[2].value == "*" else _length_of(b, c[2])
    if element is None:
        b.error("expected a type before the variable name", span)
        element = ast.BuiltinType(span=span, name="any")
    return add_dimension(span, element, length)


@rule
def distinct_prefix(b: Builder, c: list) -> _Qualifiers:
    return _Qualifiers(tuple(c))


@rule
def distinct_after(b: Builder, c: list) -> _Qualifiers:
    return _Qualifiers(tuple(c))


# -- client resource access actions ------------------------------------------------------------------


class _Segments(_Part):
    __slots__ = ("items",)
    items: tuple[ast.Expr, ...]


class _Method(_Part):
    __slots__ = ("name",)
    name: _Text


@rule
def res_segments(b: Builder, c: list) -> _Segments:
    return _Segments(tuple(x for x in c if isinstance(x, ast.Expr)))


@rule
def res_segment(b: Builder, c: list) -> ast.Expr:
    span = b.span(c)
    if len(c) == 1:  # a name: `perf\-test` is the segment "perf-test"
        name = str(c[0])
        return ast.Literal(span=span, kind="string", value=name, text=name)
    if len(c) == 4:  # `[...e]`
        return ast.Spread(span=span, expr=c[2])
    return c[1]


@rule
def res_keyword(b: Builder, c: list) -> _Text:
    return b.text(c[0])


@rule
def res_method(b: Builder, c: list) -> _Method:
    return _Method(c[1])


@rule
def res_args(b: Builder, c: list) -> _Args:
    args = _first(c, _Args)
    return args if args is not None else _Args(())


@rule
def resource_action(b: Builder, c: list) -> ast.ResourceAction:
    segments = _first(c, _Segments)
    method = _first(c, _Method)
    args = _first(c, _Args)
    name = method.name if method is not None else None
    slash = c[2]
    return ast.ResourceAction(
        span=b.span(c),
        target=c[0],
        segments=segments.items if segments is not None else (),
        method=str(name) if name is not None else "get",
        args=args.items if args is not None else (),
        method_span=b.tspan(name) if name is not None else b.tspan(slash),
    )
