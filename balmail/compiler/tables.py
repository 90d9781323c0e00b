"""Table constructors and queries that build tables: `table key(id) [ {...}, ... ]`,
`table key(id) from ... select r [on conflict e]`, and a plain query whose expected type is a table.

The contextually expected type gives the rows' type (each row is a mapping constructor compiled against
it) and, when the constructor has no key specifier, the key. A repeated key in a constructor panics as
`add` does; a query replaces the earlier row unless `on conflict` gives an error, which becomes the value
of the whole query (as Ballerina's query tables do).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from balmail.compiler import expressions, queries, typedesc
from balmail.compiler.constructors import _wants_readonly
from balmail.runtime import ops
from balmail.runtime import types as T
from balmail.runtime.functions import Eval
from balmail.runtime.tables import BTable, TTable
from balmail.runtime.values import BError
from balmail.syntax import ast
from balmail.syntax.ast_tables import TableConstructor, TableQuery, TableType

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler

ROW = T.TMap(T.ANYDATA)
"""The row type of a table whose type nothing gives (`var t = table key(id) [...]`)."""


def table_type(cx: Compiler, td: ast.TypeDesc) -> T.Type:
    """`table<R>`, `table<R> key(f)`, `table<R> key<K>` as a runtime type (typedesc.py asks here)."""
    if isinstance(td, TableType):
        key_type = typedesc.resolve_type(cx, td.key_type) if td.key_type is not None else None
        return TTable(typedesc.resolve_type(cx, td.row), td.key_fields, key_type)
    assert isinstance(td, ast.ParameterizedType)
    return TTable(typedesc.resolve_type(cx, td.args[0]) if td.args else ROW)


def expected_table(expected: T.Type | None) -> TTable | None:
    """The table type among the members of an expected type (looking through `readonly & ...`)."""
    if expected is None:
        return None
    for m in T.member_types(expected):
        if isinstance(m, TTable):
            return m
        if isinstance(m, T.TIntersection):
            found = expected_table(m.non_readonly())
            if found is not None:
                return found
    return None


def _inherent(tt: TTable | None, key_fields: tuple[str, ...] | None) -> TTable:
    if tt is None:
        return TTable(ROW, key_fields)
    if tt.key_fields == key_fields:
        return tt
    return TTable(tt.row, key_fields, tt.key_type if key_fields is None else None)


def expr_TableConstructor(cx: Compiler, e: TableConstructor, expected: T.Type | None) -> Eval:
    tt = expected_table(expected)
    key_fields = e.key_fields if e.key_fields is not None else (tt.key_fields if tt is not None else None)
    inherent = _inherent(tt, key_fields)
    row_t = tt.row if tt is not None else None
    rows = [expressions.expr(cx, r, row_t) for r in e.rows]
    ro = _wants_readonly(expected)
    sb = cx.sb

    def build(f: list[Any]) -> BTable:
        out = BTable(inherent, key_fields)
        for ev in rows:
            row = ev(f)
            out.add(ops.freeze(row) if ro else row)
        sb.check_size(len(out))
        out.ro = ro
        return out

    return build


def expr_TableQuery(cx: Compiler, e: TableQuery, expected: T.Type | None) -> Eval:
    return query_table(cx, e.query, e.key_fields, expected_table(expected))


def query_table(
    cx: Compiler, q: ast.QueryExpr, key_fields: tuple[str, ...] | None, tt: TTable | None
) -> Eval:
    """A `select` query whose rows make a table (queries.py hands over queries expecting a table)."""
    if key_fields is None and tt is not None:
        key_fields = tt.key_fields
    inherent = _inherent(tt, key_fields)
    cx.scope.push()
    try:
        run, _slots = queries.query_pipeline(cx, q.clauses)
        result = expressions.expr(cx, q.result, tt.row if tt is not None else None)
        conflict = expressions.expr(cx, q.on_conflict) if q.on_conflict is not None else None
    finally:
        cx.scope.pop()
    sb = cx.sb

    def build(f: list[Any]) -> Any:
        out = BTable(inherent, key_fields)
        for _ in run(f):
            row = result(f)
            if conflict is not None and key_fields and out.has_key(out.key_of(row)):
                err = conflict(f)
                if isinstance(err, BError):
                    return err
            out.put(row)
            sb.check_size(len(out))
        return out

    return queries._catch_fail(build)
