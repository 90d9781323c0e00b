"""Member access on lists, maps, records and strings (`xs[i]`, `m[k]`, `r["f"]`, `s[i]`): the type a
read gives, the type a store (`xs[i] = v`) must fit, and constant indexes that jBallerina refuses because
they are past the end of a fixed-length array or of a tuple without a rest type.

Kept conservative like the rest of the checks: a type is only given when the container's static type is
certainly a list, a map, a record read or written by a literal key, or a string (tables are `tables.py`'s;
unions and other keys are left alone).
"""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import union
from balmail.runtime import types as T
from balmail.syntax import ast

OUT_OF_RANGE = "list index out of range: index: '{}'"


def _container(checker: Any, e: ast.MemberAccess) -> T.Type | None:
    t = checker.type_of(e.target)
    return T.resolve(t) if t is not None else None


def _constant_index(e: ast.Expr) -> int | None:
    """The value of an int literal index (`2`, `-1`), else None."""
    if isinstance(e, ast.Literal) and e.kind == "int" and isinstance(e.value, int):
        return e.value
    if isinstance(e, ast.Unary) and e.op == "-" and isinstance(e.operand, ast.Literal):
        inner = _constant_index(e.operand)
        return -inner if inner is not None else None
    return None


def _list_member(r: T.Type, index: ast.Expr) -> T.Type | None:
    if isinstance(r, T.TArray):
        return r.element
    if isinstance(r, T.TTuple):
        i = _constant_index(index)
        if i is not None:
            return r.member_type(i) if i >= 0 else None
        members = list(r.members) + ([r.rest] if r.rest is not None else [])
        return union(*members) if members else None
    return None


def read_type(checker: Any, e: ast.MemberAccess) -> T.Type | None:
    """`xs[i]` on a list is its member type; `m[k]` on a map is the constraint or nil (no such key);
    `r["f"]` on a record the field; `s[i]` on a string a `string:Char`."""
    if isinstance(e.index, ast.ListExpr):  # `t[k1, k2]`: a multi-key table access
        return None
    r = _container(checker, e)
    if isinstance(r, T.TMap):
        return union(r.constraint, T.NIL)
    if isinstance(r, T.TRecord):  # `r["f"]`: the field a string literal names (with nil when optional)
        name = _literal_key(e.index)
        field = r.fields.get(name) if name is not None else None
        if field is None:
            return None
        return union(field.type, T.NIL) if field.optional else field.type
    if isinstance(r, T.TString):
        return T.TString(char=True)
    return _list_member(r, e.index) if r is not None else None


def write_type(checker: Any, target: ast.MemberAccess) -> T.Type | None:
    """The type a value stored by `xs[i] = v`, `m[k] = v` or `r["f"] = v` must have: the member type (the
    map's constraint, without the nil a read adds; a record's field, with nil when it is optional)."""
    if isinstance(target.index, ast.ListExpr):
        return None
    r = _container(checker, target)
    if isinstance(r, T.TMap):
        return r.constraint
    if isinstance(r, T.TRecord):
        name = _literal_key(target.index)
        return _stored_field(r, name) if name is not None else None
    return _list_member(r, target.index) if r is not None else None


def _literal_key(index: ast.Expr) -> str | None:
    return index.value if isinstance(index, ast.Literal) and index.kind == "string" else None


def _stored_field(record: T.TRecord, name: str) -> T.Type | None:
    """What a store into field `name` takes: its type, nil too for an optional field (storing `()` into
    `T f?` removes the field), the rest type for a field the record does not declare."""
    field = record.fields.get(name)
    if field is None:
        return record.rest
    return union(field.type, T.NIL) if field.optional else field.type


def check_index_range(checker: Any, e: ast.MemberAccess) -> None:
    """A constant index outside a fixed-length array or a tuple without a rest type (read or store)."""
    i = _constant_index(e.index)
    if i is None:
        return
    r = _container(checker, e)
    if isinstance(r, T.TArray) and r.length is not None:
        size: int | None = r.length
    elif isinstance(r, T.TTuple) and r.rest is None:
        size = len(r.members)
    else:
        return
    if i < 0 or (size is not None and i >= size):
        checker.found.append(report("BAL_TYPE_001", e.index.span, message=OUT_OF_RANGE.format(i)))


def check_store(checker: Any, target: ast.MemberAccess, value: ast.Expr) -> None:
    """`xs[i] = v` / `m[k] = v`: `v` must fit the member type."""
    check_index_range(checker, target)
    checker.expect(write_type(checker, target), value)


def check_list_push(checker: Any, e: ast.MethodCall) -> None:
    """`xs.push(v)` / `xs.unshift(v)` on an array: each value must fit the member type."""
    if e.name not in ("push", "unshift"):
        return
    r = checker.type_of(e.target)
    r = T.resolve(r) if r is not None else None
    if not isinstance(r, T.TArray):
        return
    for arg in e.args:
        if isinstance(arg, ast.Expr) and not isinstance(arg, ast.NamedArg | ast.RestArg | ast.Spread):
            checker.expect(r.element, arg)
