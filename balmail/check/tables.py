"""Tables in the checker: their static types (`table<Row> key(id)` → `runtime.tables.TTable`), the types of
`t[k]` and of lang.table calls, and the key-specifier errors Ballerina's compiler reports:

- `field 'name' used in key specifier must be a readonly field`
- `field 'name' used in key specifier must be a required field`
- `field name 'no' used in key specifier is not found in table constraint type 'Row'`

Like the rest of check/, an answer is given only when certain (a row type that does not resolve is
never judged).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from balmail.check.registry import Rule, register
from balmail.check.statictypes import TypeResolver, display
from balmail.check.subtypes import not_assignable
from balmail.check.walk import nodes_of
from balmail.diagnostics import Diagnostic, Severity, error
from balmail.runtime import types as T
from balmail.runtime.tables import TTable
from balmail.syntax import ast
from balmail.syntax.ast_tables import TableConstructor, TableQuery, TableType

KEY_SPECIFIER = register(
    Rule(
        code="BAL_TABLE_001",
        name="invalid-key-specifier",
        severity=Severity.ERROR,
        summary="A table's key specifier names a field that cannot be a key.",
        what_it_does="Reports a key specifier (`key(id)`) whose field the row type does not declare, or "
        "declares without `readonly`, or as optional.",
        why="Ballerina rejects the program: a key field must exist in every row and never change, or the "
        "table could not find its rows by key.",
        example="type Row record {| int id; string name; |};\ntable<Row> key(id) rows = table [];",
        fix="type Row record {| readonly int id; string name; |};\ntable<Row> key(id) rows = table [];",
        message="field '{0}' used in key specifier must be a readonly field",
    )
)

TABLE_METHOD_RESULTS = {"length": T.INT, "hasKey": T.BOOLEAN, "nextKey": T.INT}


def resolve_table(resolver: TypeResolver, td: ast.Node) -> T.Type | None:
    """The static type of `table<R>`/`table<R> key(...)`/`table<R> key<K>` (None if `R` is unknown)."""
    if isinstance(td, TableType):
        row = resolver.resolve(td.row)
        key_type = resolver.resolve(td.key_type) if td.key_type is not None else None
        if row is None or (td.key_type is not None and key_type is None):
            return None
        return TTable(row, td.key_fields, key_type)
    if isinstance(td, ast.ParameterizedType) and td.name == "table" and td.args:
        row = resolver.resolve(td.args[0])
        return TTable(row) if row is not None else None
    return None


def member_type(target: T.Type | None) -> T.Type | None:
    """`t[k]` on a table: its row type or nil."""
    r = T.resolve(target) if target is not None else None
    if isinstance(r, TTable):
        return T.TUnion([r.row, T.NIL])
    return None


def method_result(target: T.Type | None, name: str) -> T.Type | None:
    """The result type of a lang.table method called on a value of static type `target`, when certain."""
    r = T.resolve(target) if target is not None else None
    if not isinstance(r, TTable):
        return None
    if name in TABLE_METHOD_RESULTS:
        return TABLE_METHOD_RESULTS[name]
    if name in ("get", "remove"):
        return r.row
    if name == "removeIfHasKey":
        return T.TUnion([r.row, T.NIL])
    if name == "toArray":
        return T.TArray(r.row)
    return None


def expect_rows(checker: Any, expected: T.Type, e: ast.Expr) -> bool:
    """A table constructor where a table is expected: each row is checked against the row type (as a
    mapping constructor would be). True when `e` was a table constructor."""
    if not isinstance(e, TableConstructor):
        return False
    r = T.resolve(expected)
    if isinstance(r, TTable):
        for row in e.rows:
            checker.expect(r.row, row)
    return True


def check_member_access(checker: Any, e: ast.MemberAccess) -> None:
    """`t[k]` on a table without a key: Ballerina has no member access for it."""
    r = T.resolve(t) if (t := checker.type_of(e.target)) is not None else None
    if isinstance(r, TTable) and r.key_fields is None and r.key_type is None:
        assert t is not None
        name = e.target.name if isinstance(e.target, ast.VarRef) else display(t)
        message = f"member access is not supported for table '{name}'"
        checker.found.append(error(KEY_SPECIFIER.code, message, e.span))


def check_member_update(checker: Any, target: ast.MemberAccess, value: ast.Expr) -> None:
    """`t[k] = row`: only on a table with a key, and the row must fit the row type."""
    t = checker.type_of(target.target)
    r = T.resolve(t) if t is not None else None
    if not isinstance(r, TTable):
        return
    if r.key_fields is None and r.key_type is None:
        assert t is not None
        message = f"cannot update '{display(t)}' with member access expression"
        checker.found.append(error(KEY_SPECIFIER.code, message, target.span))
        return
    checker.expect(r.row, value)


def check_table_call(checker: Any, e: ast.MethodCall) -> None:
    """`t.add(row)`/`t.put(row)`: the row must fit the row type; `t.get(k)`, `remove`, `hasKey`,
    `removeIfHasKey`: the key must fit the key type (a single key field's type)."""
    t = checker.type_of(e.target)
    r = T.resolve(t) if t is not None else None
    if not isinstance(r, TTable) or len(e.args) != 1 or not isinstance(e.args[0], ast.Expr):
        return
    arg = e.args[0]
    if isinstance(arg, ast.NamedArg | ast.RestArg):
        return
    if e.name in ("add", "put"):
        checker.expect(r.row, arg)
    elif e.name in ("get", "remove", "hasKey", "removeIfHasKey") and r.key_fields and len(r.key_fields) == 1:
        checker.expect(r.derived_key_type(), arg)


def _record_of(row: T.Type) -> tuple[T.TRecord | None, bool]:
    """The record type rows have and whether `readonly &` makes all its fields read-only."""
    r = T.resolve(row)
    readonly = False
    if isinstance(r, T.TIntersection):
        readonly = r.readonly
        r = T.resolve(r.non_readonly())
    return (r if isinstance(r, T.TRecord) else None), readonly


def _key_problems(
    resolver: TypeResolver, row_td: ast.TypeDesc, fields: tuple[str, ...], span: Any
) -> Iterator[Diagnostic]:
    row = resolver.resolve(row_td)
    if row is None:
        return
    record, all_readonly = _record_of(row)
    if record is None:
        if isinstance(T.resolve(row), T.TMap):
            yield error(
                KEY_SPECIFIER.code,
                "table with constraint of type map cannot have key specifier or key type constraint",
                span,
            )
        return
    for name in fields:
        f = record.fields.get(name)
        if f is None:
            yield error(
                KEY_SPECIFIER.code,
                f"field name '{name}' used in key specifier is not found in table constraint type "
                f"'{display(row)}'",
                span,
            )
        elif not (f.readonly or all_readonly):
            yield error(KEY_SPECIFIER.code, KEY_SPECIFIER.format_message(name), span)
        elif f.optional:
            yield error(
                KEY_SPECIFIER.code, f"field '{name}' used in key specifier must be a required field", span
            )


def _key_type_problems(
    resolver: TypeResolver, td: TableType, keys: tuple[str, ...], span: Any
) -> Iterator[Diagnostic]:
    """`table<R> key<K> t = table key(f) [...]`: the key fields' types must be a subtype of `K`."""
    table = resolve_table(resolver, td)
    want = resolver.resolve(td.key_type)
    if not isinstance(table, TTable) or want is None:
        return
    have = TTable(table.row, keys).derived_key_type()
    if have is not None and not_assignable(have, want):
        fields, wanted = ", ".join(keys), display(want)
        message = f"table key specifier '[{fields}]' does not match with key constraint type '[{wanted}]'"
        yield error(KEY_SPECIFIER.code, message, span)


def check_tables(module: ast.Module, resolver: TypeResolver) -> Iterator[Diagnostic]:
    """BAL_TABLE_001 for each table type whose key specifier cannot work with its row type; and for
    `T x = table key(...) [...]` declarations whose declared row type cannot have that key."""
    for node in nodes_of(module, TableType, ast.VarDecl, ast.ModuleVarDecl):
        if isinstance(node, TableType) and (node.key_fields or node.key_type is not None):
            yield from _key_problems(resolver, node.row, node.key_fields or (), node.span)
        elif isinstance(node, ast.VarDecl | ast.ModuleVarDecl) and isinstance(
            node.init, TableConstructor | TableQuery
        ):
            keys = node.init.key_fields
            td = node.type
            if td is None and isinstance(node.init, TableConstructor) and not node.init.rows:
                yield error(
                    KEY_SPECIFIER.code,
                    "cannot infer the member type from table constructor; no values are provided in table "
                    "constructor",
                    node.init.span,
                )
            elif keys and isinstance(td, ast.ParameterizedType) and td.name == "table" and td.args:
                yield from _key_problems(resolver, td.args[0], keys, node.init.span)
            elif keys and isinstance(td, TableType) and td.key_type is not None:
                yield from _key_type_problems(resolver, td, keys, node.init.span)
            elif keys is not None and isinstance(td, TableType) and td.key_fields is not None:
                if tuple(keys) != tuple(td.key_fields):
                    yield error(
                        KEY_SPECIFIER.code,
                        f"table key specifier mismatch. expected: '[{', '.join(td.key_fields)}]' but found "
                        f"'[{', '.join(keys)}]'",
                        node.init.span,
                    )
