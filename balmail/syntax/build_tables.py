"""Rule builders of the table family (grammar section `tables`): table types with a key constraint, table
constructors, `table key(...) from ...` queries and multi-key member access."""

from __future__ import annotations

from typing import Any

from balmail.syntax import ast
from balmail.syntax.ast_tables import TableConstructor, TableQuery, TableType
from balmail.syntax.build import Builder, _first, _of, ident, rule
from balmail.syntax.tokens import Token


class _KeySpec:
    """`key(a, b)`: the field names, passed up to the rule that uses it."""

    __slots__ = ("fields", "last")

    def __init__(self, fields: tuple[str, ...], last: Token) -> None:
        self.fields = fields
        self.last = last  # the closing `)`, for the span of the construct around it


class _KeyType:
    """`key<K>`: the key type, passed up to the table type."""

    __slots__ = ("type", "last")

    def __init__(self, type: ast.TypeDesc, last: Token) -> None:
        self.type = type
        self.last = last


@rule
def table_key_spec(b: Builder, c: list) -> _KeySpec:
    return _KeySpec(tuple(ident(t) for t in c if isinstance(t, Token) and t.type == "IDENT"), c[-1])


@rule
def table_key_type(b: Builder, c: list) -> _KeyType:
    return _KeyType(_first(c, ast.TypeDesc), c[-1])


def _spanned(c: list) -> list:
    """The children with key parts replaced by their last token (they have no span of their own)."""
    return [x.last if isinstance(x, _KeySpec | _KeyType) else x for x in c if not isinstance(x, tuple)]


@rule
def keyed_table_t(b: Builder, c: list) -> TableType:
    spec = _first(c, _KeySpec)
    ktype = _first(c, _KeyType)
    return TableType(
        span=b.span(_spanned(c)),
        row=_first(c, ast.TypeDesc),
        key_fields=spec.fields if spec is not None else None,
        key_type=ktype.type if ktype is not None else None,
    )


@rule
def table_rows(b: Builder, c: list) -> tuple[ast.Expr, ...]:
    return tuple(_of(c, ast.Expr))


@rule
def table_constructor(b: Builder, c: list) -> TableConstructor:
    spec = _first(c, _KeySpec)
    rows = _first(c, tuple)
    return TableConstructor(
        span=b.span(_spanned(c)),
        key_fields=spec.fields if spec is not None else None,
        rows=rows or (),
    )


@rule
def table_query(b: Builder, c: list) -> TableQuery:
    spec = _first(c, _KeySpec)
    rest = [x for x in c[2:] if not isinstance(x, _KeySpec)]
    query: Any = b.query_expr(rest)
    return TableQuery(span=b.span([c[0], *rest]), key_fields=spec.fields, query=query)


@rule
def multi_key_access(b: Builder, c: list) -> ast.MemberAccess:
    """`t[a, b]`: the key is the tuple of the values (spec, "Member access expression")."""
    keys = tuple(_of(c[1:], ast.Expr))
    open_at = next(i for i, x in enumerate(c) if isinstance(x, Token) and x.value == "[")
    index = ast.ListExpr(span=b.span(c[open_at:]), items=keys)
    return ast.MemberAccess(span=b.span(c), target=c[0], index=index)
