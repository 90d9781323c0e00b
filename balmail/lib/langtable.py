"""The `lang.table` library (`t.put(r)`, `table:keys(t)`, ...), over `runtime.tables.BTable`.

Functions that walk every row take the run's sandbox (`@metered`) and charge a step per row, as the
other langlib walks do. Value-level functions a table answers differently from lists (`toJson`, `clone`,
`cloneReadOnly`) are here too; `toString`/`toBalString`/`toJsonString` come from `lang.value`, which prints
tables through `runtime.values`.
"""

from __future__ import annotations

import functools
from typing import Any

from balmail.runtime import ops
from balmail.runtime import types as T
from balmail.runtime.sandbox import Sandbox, metered
from balmail.runtime.tables import BTable, TTable, clone_table
from balmail.runtime.values import BList, BStream


def _charge(sb: Sandbox, n: int) -> None:
    sb.charge(n)


def _row_type(t: BTable) -> T.Type | None:
    return t.type.row if t.type is not None else None


def t_keys(t: BTable) -> BList:
    kt = t.type.derived_key_type() if t.type is not None else None
    return BList(t.key_list(), T.TArray(kt) if kt is not None else None)


def t_to_array(t: BTable) -> BList:
    row = _row_type(t)
    return BList(list(t.rows.values()), T.TArray(row) if row is not None else None)


def t_add(t: BTable, row: Any) -> None:
    t.add(row)


def t_put(t: BTable, row: Any) -> None:
    t.put(row)


@metered
def t_map(sb: Sandbox, t: BTable, fn: Any) -> BTable:
    """`map` builds a keyless table of what `fn` returns for each row."""
    out = BTable(TTable(T.TMap(T.ANYDATA)), None)
    for r in list(t.rows.values()):
        _charge(sb, 1)
        out.add(fn(r))
    return out


@metered
def t_filter(sb: Sandbox, t: BTable, fn: Any) -> BTable:
    """`filter` keeps the table's type and key."""
    _charge(sb, len(t.rows))
    return t.like(r for r in list(t.rows.values()) if fn(r))


@metered
def t_for_each(sb: Sandbox, t: BTable, fn: Any) -> None:
    for r in list(t.rows.values()):
        _charge(sb, 1)
        fn(r)


@metered
def t_reduce(sb: Sandbox, t: BTable, fn: Any, initial: Any) -> Any:
    _charge(sb, len(t.rows))
    return functools.reduce(lambda acc, r: fn(acc, r), list(t.rows.values()), initial)


def t_iterator(t: BTable) -> BStream:
    return BStream(iter(list(t.rows.values())), _row_type(t))


def t_to_json(t: BTable) -> BList:
    from balmail.lib.langlib import v_to_json

    return BList([v_to_json(r) for r in t.rows.values()], T.TArray(T.JSON))


@metered
def t_clone(sb: Sandbox, t: BTable) -> BTable:
    _charge(sb, len(t.rows))
    return clone_table(t, lambda r: ops.clone(r, sb), False)


@metered
def t_clone_readonly(sb: Sandbox, t: BTable) -> BTable:
    _charge(sb, len(t.rows))
    return clone_table(t, lambda r: ops.clone_readonly(r, sb), True)


TABLE: dict[str, Any] = {
    "length": len,
    "iterator": t_iterator,
    "get": BTable.get,
    "put": t_put,
    "add": t_add,
    "map": t_map,
    "forEach": t_for_each,
    "filter": t_filter,
    "reduce": t_reduce,
    "remove": BTable.remove,
    "removeIfHasKey": BTable.remove_if_has_key,
    "removeAll": BTable.remove_all,
    "hasKey": BTable.has_key,
    "keys": t_keys,
    "toArray": t_to_array,
    "nextKey": BTable.next_key,
}
"""`lang.table`, by Ballerina name."""

TABLE_VALUE_METHODS: dict[str, Any] = {
    "toJson": t_to_json,
    "clone": t_clone,
    "cloneReadOnly": t_clone_readonly,
}
"""`lang.value` functions a table answers as a table (the rest are shared with other values)."""
