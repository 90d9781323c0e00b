"""Ballerina tables at run time: the `table<Row> key(...)` type (`TTable`) and the table value (`BTable`).

A table is an ordered collection of mappings. With a key specifier, each row's key (the value of its one
key field, or the tuple of the values of several) is unique and looked up by `==` (deep equality); rows keep
the order they were first added in, and `put` of an existing key replaces the row in place (Ballerina's
`TableValueImpl` keeps the position). Keys are hashed through `hash_key`, which maps values that are `==`
to the same hashable Python value (int 1 and float 1.0 stay distinct; NaN equals NaN).

Panics use Ballerina's reasons and texts: `{ballerina/lang.table}KeyConstraintViolation` ("a value found
for key '5'"), `{ballerina/lang.table}KeyNotFound` ("cannot find key '5'"),
`{ballerina/lang.table}InherentTypeViolation` and `{ballerina/lang.table}InvalidUpdate` (read-only tables).
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Iterator
from typing import Any

from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic, runtime_panic
from balmail.runtime.values import BList, BMap, to_string

_MODULE = "lang.table"


class TTable(T.Type):
    """`table<row>`, `table<row> key(f, ...)` or `table<row> key<K>`."""

    def __init__(
        self, row: T.Type, key_fields: tuple[str, ...] | None = None, key_type: T.Type | None = None
    ) -> None:
        self.row = row
        self.key_fields = key_fields
        self.key_type = key_type

    def contains(self, v: Any) -> bool:
        if not isinstance(v, BTable):
            return False
        if self.key_fields is not None and v.key_fields != self.key_fields:
            return False
        if self.key_type is not None and v.key_fields is None:
            return False
        if v.type is not None and not v.ro:
            return T.is_subtype(v.type, self)
        row = self.row
        return all(row.contains(r) for r in v.rows.values())

    def subtype_of(self, b: T.Type) -> bool:
        """`self <: b` for a `b` that is not a union (types.is_subtype asks through this hook)."""
        if isinstance(b, TTable):
            if b.key_fields is not None and self.key_fields != b.key_fields:
                return False
            if b.key_type is not None:
                if self.key_fields is None and self.key_type is None:
                    return False
                mine = self.key_type or self.derived_key_type()
                if mine is not None and not T.is_subtype(mine, b.key_type):
                    return False
            return T.is_subtype(self.row, b.row)
        return False

    def pure_in(self, target: T.Type) -> bool:
        """Whether the table's values are all anydata (a table is never json)."""
        return not isinstance(target, T.TJson) and T.is_subtype(self.row, T.ANYDATA)

    def derived_key_type(self) -> T.Type | None:
        """The type of keys given by the key fields' types (a tuple for several fields)."""
        if not self.key_fields:
            return self.key_type
        row = T.resolve(self.row)
        if isinstance(row, T.TIntersection):
            row = T.resolve(row.non_readonly())
        if isinstance(row, T.TRecord):
            types = [row.field_type(f) or T.ANYDATA for f in self.key_fields]
        elif isinstance(row, T.TMap):
            types = [row.constraint] * len(self.key_fields)
        else:
            return None
        return types[0] if len(types) == 1 else T.TTuple(types, None)

    def describe(self) -> str:
        row = str(self.row)
        if isinstance(T.resolve(self.row), T.TUnion | T.TIntersection) and not self.row.name:
            row = f"({row})"
        text = f"table<{row}>"
        if self.key_fields is not None:
            return f"{text} key({', '.join(self.key_fields)})"
        if self.key_type is not None:
            return f"{text} key<{self.key_type}>"
        return text


ANY_TABLE = TTable(T.TMap(T.ANY_OR_ERROR))


# ---------------------------------------------------------------- keys


def hash_key(v: Any) -> Any:
    """A hashable stand-in for a key value: equal under Ballerina's `==` ⇔ equal here."""
    t = type(v)
    if t is str or t is int:
        return v if t is str else (0, v)
    if v is None:
        return (1,)
    if t is bool:
        return (2, v)
    if t is float:
        return (3, "NaN") if v != v else (3, v)
    if t is decimal.Decimal:
        return (4, v)
    if isinstance(v, BList):
        return (5, tuple(hash_key(x) for x in v))
    if isinstance(v, BMap):
        return (6, tuple(sorted(((k, hash_key(x)) for k, x in v.items()), key=lambda p: p[0])))
    if isinstance(v, BTable):
        return (7, tuple(hash_key(r) for r in v.rows.values()))
    return (8, id(v))


def key_text(key: Any) -> str:
    """A key as Ballerina's messages show it: a string as is, a tuple key as `[1,"a"]`."""
    return to_string(key)


def _panic(kind: str, message: str) -> BallerinaPanic:
    return runtime_panic(kind, message, _MODULE)


# ---------------------------------------------------------------- values


class BTable:
    """A table value. `rows` maps the hashed key (a serial number without a key specifier) to the row,
    in insertion order; `keys` maps the hashed key to the key value itself."""

    __slots__ = ("type", "key_fields", "rows", "keys", "ro", "max_int_key", "_serial")

    def __init__(self, type: TTable | None, key_fields: tuple[str, ...] | None, ro: bool = False) -> None:
        self.type = type
        self.key_fields = key_fields
        self.rows: dict[Any, BMap] = {}
        self.keys: dict[Any, Any] = {}
        self.ro = ro
        self.max_int_key: int | None = None  # the largest int key ever used (`nextKey`)
        self._serial = 0

    __hash__ = object.__hash__

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[BMap]:
        return iter(list(self.rows.values()))

    # ------------------------------------------------------------ keys of rows

    def key_of(self, row: Any) -> Any:
        """The key value of `row` under this table's key specifier."""
        fields = self.key_fields
        assert fields
        if not isinstance(row, BMap):
            raise _panic("InherentTypeViolation", f"value '{to_string(row)}' is not a mapping")
        try:
            if len(fields) == 1:
                return row[fields[0]]
            return BList([row[f] for f in fields])
        except KeyError as missing:
            raise _panic("KeyNotFound", f"cannot find key field {missing} in the row") from None

    def _check_update(self) -> None:
        if self.ro:
            raise _panic("InvalidUpdate", "modification not allowed on readonly value")

    def _check_row(self, row: Any) -> None:
        t = self.type
        if t is None:
            return
        if not isinstance(row, BMap) or not T.resolve(t.row).contains(row):
            raise _panic(
                "InherentTypeViolation",
                f"value type '{T.value_type_name(row)}' inconsistent with the inherent table type '{t}'",
            )

    def _remember(self, key: Any) -> None:
        if type(key) is int and (self.max_int_key is None or key > self.max_int_key):
            self.max_int_key = key

    # ------------------------------------------------------------ lang.table operations

    def add(self, row: Any) -> None:
        """`t.add(row)`: a row whose key is already in the table is a panic."""
        self._store(row, replace=False)

    def put(self, row: Any) -> None:
        """`t.put(row)`: adds, or replaces the row with the same key (keeping its position)."""
        self._store(row, replace=True)

    def _store(self, row: Any, *, replace: bool) -> None:
        self._check_update()
        self._check_row(row)
        if not self.key_fields:
            self._append(row)
            return
        key = self.key_of(row)
        h = hash_key(key)
        if not replace and h in self.rows:
            raise _panic("KeyConstraintViolation", f"a value found for key '{key_text(key)}'")
        self.rows[h] = row
        self.keys[h] = key
        self._remember(key)

    def _append(self, row: BMap) -> None:
        self._serial += 1
        self.rows[self._serial] = row

    def set_member(self, key: Any, row: Any) -> None:
        """`t[k] = row`: the row's own key must be `k`; it then replaces or adds (spec, member access
        lvalue on tables)."""
        self._check_update()
        self._need_key()
        self._check_row(row)
        if hash_key(self.key_of(row)) != hash_key(key):
            raise _panic("KeyNotFound", f"the key '{key_text(key)}' not found in value {to_string(row)}")
        self.put(row)

    def _need_key(self) -> None:
        if not self.key_fields:
            raise _panic("KeyNotFound", "keys are not defined")

    def find(self, key: Any) -> BMap | None:
        """`t[k]`: the row with key `k`, or nil."""
        if not self.key_fields:
            return None
        return self.rows.get(hash_key(key))

    def get(self, key: Any) -> BMap:
        self._need_key()
        row = self.rows.get(hash_key(key))
        if row is None:
            raise _panic("KeyNotFound", f"cannot find key '{key_text(key)}'")
        return row

    def has_key(self, key: Any) -> bool:
        return bool(self.key_fields) and hash_key(key) in self.rows

    def remove(self, key: Any) -> BMap:
        self._check_update()
        self._need_key()
        h = hash_key(key)
        if h not in self.rows:
            raise _panic("KeyNotFound", f"cannot find key '{key_text(key)}'")
        self.keys.pop(h, None)
        return self.rows.pop(h)

    def remove_if_has_key(self, key: Any) -> BMap | None:
        self._check_update()
        if not self.key_fields:
            return None
        h = hash_key(key)
        self.keys.pop(h, None)
        return self.rows.pop(h, None)

    def remove_all(self) -> None:
        self._check_update()
        self.rows.clear()
        self.keys.clear()

    def key_list(self) -> list[Any]:
        self._need_key()
        return list(self.keys.values())

    def next_key(self) -> int:
        """The largest int key used + 1, or 0 for an empty table (langlib `nextKey`, as Ballerina's runtime
        computes it: removed keys still count while the table has rows)."""
        kt = self.type.derived_key_type() if self.type is not None else None
        if (
            not self.key_fields
            or len(self.key_fields) != 1
            or (kt is not None and not isinstance(T.resolve(kt), T.TInt))
        ):
            raise runtime_panic(
                "OperationNotSupported",
                "Defined key sequence is not supported with nextKey(). The key sequence should only have "
                "an Integer field.",
                _MODULE,
            )
        return 0 if not self.rows or self.max_int_key is None else self.max_int_key + 1

    def like(self, rows: Iterable[BMap], keep_type: bool = True) -> BTable:
        """A new table of the same type and key with `rows` (for `filter` and `clone`)."""
        out = BTable(self.type if keep_type else None, self.key_fields)
        for r in rows:
            out.add(r)
        return out


def build_table(t: TTable | None, key_fields: tuple[str, ...] | None, rows: Iterable[Any]) -> BTable:
    """A table constructor's value: rows are added in order, a repeated key panics."""
    out = BTable(t, key_fields)
    for r in rows:
        out.add(r)
    return out


def table_equals(a: BTable, b: Any, eq: Any) -> bool:
    """`==` on tables: the same number of rows, equal in order."""
    if not isinstance(b, BTable) or len(a.rows) != len(b.rows):
        return False
    return all(eq(x, y) for x, y in zip(a.rows.values(), b.rows.values(), strict=True))


def table_text(v: BTable, row_text: Any, bal: bool) -> str:
    """`toString` (`[{...},{...}]`) or `toBalString` (`table key(id) [{...}]`) of a table."""
    body = "[" + ",".join(row_text(r) for r in v.rows.values()) + "]"
    if not bal:
        return body
    return f"table key({','.join(v.key_fields or ())}) {body}"


def clone_table(v: BTable, clone_row: Any, readonly: bool) -> BTable:
    """`clone`/`cloneReadOnly` of a table: each row cloned, same type and key."""
    if v.ro:
        return v
    out = BTable(v.type, v.key_fields)
    for h, r in v.rows.items():
        out.rows[h] = clone_row(r)
        if h in v.keys:
            out.keys[h] = v.keys[h]
    out.max_int_key = v.max_int_key
    out._serial = v._serial
    out.ro = readonly
    return out
