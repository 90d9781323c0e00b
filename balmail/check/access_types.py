"""The static type of a member access `x[k]`, when it is certain (spec, member-access-expr):

- a list `T[]` gives `T`; a tuple gives the member a constant index names, else the union of its members;
- a `map<T>` gives `T?` (the key may be absent); a record gives the field a string literal names (`T?`
  when the field is optional), nothing otherwise;
- a string gives `string:Char`; a table its row or nil (tables.member_type).

Anything else (optional or union targets, json, xml, keys that are not literals) stays unknown, so the
checks that read the type stay silent rather than guess."""

from __future__ import annotations

from typing import Any

from balmail.check import tables
from balmail.check.statictypes import union
from balmail.runtime import types as T
from balmail.syntax import ast


def member_access_type(checker: Any, e: ast.MemberAccess) -> T.Type | None:
    target = checker.type_of(e.target)
    if target is None:
        return None
    r = T.resolve(target)
    if isinstance(r, T.TArray):
        return r.element
    if isinstance(r, T.TTuple):
        index = _constant_index(e.index)
        if index is not None:
            return r.member_type(index) if index >= 0 else None
        members = [*r.members, *([r.rest] if r.rest is not None else [])]
        return union(*members) if members else None
    if isinstance(r, T.TMap):
        return union(r.constraint, T.NIL)
    if isinstance(r, T.TRecord):
        key = e.index
        if isinstance(key, ast.Literal) and key.kind == "string":
            field = r.fields.get(key.value)
            if field is None:
                return None
            return union(field.type, T.NIL) if field.optional else field.type
        return None
    if isinstance(r, T.TString):
        return T.TString(char=True)
    return tables.member_type(target)


def _constant_index(index: ast.Expr) -> int | None:
    if isinstance(index, ast.Literal) and index.kind == "int" and isinstance(index.value, int):
        return index.value
    return None


def assigned_type(checker: Any, target: ast.Expr) -> T.Type | None:
    """The type a value stored by `target = v` must have, for a field or member of a list, tuple, map
    or record (as an lvalue, `m[k]` takes the map's member type, without the nil a read adds)."""
    if isinstance(target, ast.FieldAccess) and not target.optional:
        owner = checker.type_of(target.target)
        r = T.resolve(owner) if owner is not None else None
        if isinstance(r, T.TRecord):
            return _stored_field(r, target.name)
        return None
    if not isinstance(target, ast.MemberAccess):
        return None
    owner = checker.type_of(target.target)
    r = T.resolve(owner) if owner is not None else None
    if isinstance(r, T.TArray):
        return r.element
    if isinstance(r, T.TTuple):
        index = _constant_index(target.index)
        return r.member_type(index) if index is not None and index >= 0 else None
    if isinstance(r, T.TMap):
        return r.constraint
    if isinstance(r, T.TRecord):
        key = target.index
        if isinstance(key, ast.Literal) and key.kind == "string":
            return _stored_field(r, key.value)
    return None


def _stored_field(record: T.TRecord, name: str) -> T.Type | None:
    """What a store into field `name` takes: its type, nil too for an optional field (storing `()` into
    `T f?` removes the field), the rest type for a field the record does not declare."""
    field = record.fields.get(name)
    if field is None:
        return record.rest
    return union(field.type, T.NIL) if field.optional else field.type
