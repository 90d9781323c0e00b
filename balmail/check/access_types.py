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
