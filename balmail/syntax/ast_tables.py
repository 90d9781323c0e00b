"""AST nodes of Ballerina tables: `table<Row> key(id)` types, `table key(id) [...]` constructors and
`table key(id) from ...` queries. Multi-key member access `t[a, b]` is a `MemberAccess` whose index is a
list constructor of the key values (the key of a multi-field table is that tuple)."""

from __future__ import annotations

from balmail.syntax.ast import Expr, QueryExpr, TypeDesc, node


@node
class TableType(TypeDesc):
    """`table<row> key(f, ...)` (key_fields) or `table<row> key<K>` (key_type); plain `table<row>` stays a
    `ParameterizedType`."""

    row: TypeDesc
    key_fields: tuple[str, ...] | None
    key_type: TypeDesc | None


@node
class TableConstructor(Expr):
    """`table key(f, ...) [row, ...]`; key_fields is None without a key specifier."""

    key_fields: tuple[str, ...] | None
    rows: tuple[Expr, ...]


@node
class TableQuery(Expr):
    """`table key(f, ...) from ... select row [on conflict e]`: the query builds the table's rows."""

    key_fields: tuple[str, ...]
    query: QueryExpr
