"""Record and string member access and record field stores (spec, member-access-expr, field-access-expr);
lists and maps are members.py's, tables tables.py's:

- a record `r["f"]` gives the field the string literal names (`T?` when the field is optional);
- a string `s[i]` gives `string:Char`;
- a store `r["f"] = v` takes the field's type (nil too for an optional field).

Anything else (optional or union targets, json, xml, keys that are not literals) stays unknown, so the
checks that read the type stay silent rather than guess."""

from __future__ import annotations

from typing import Any

from balmail.check.statictypes import union
from balmail.runtime import types as T
from balmail.syntax import ast


def member_access_type(checker: Any, e: ast.MemberAccess) -> T.Type | None:
    target = checker.type_of(e.target)
    if target is None:
        return None
    r = T.resolve(target)
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
    return None


def assigned_type(checker: Any, target: ast.Expr) -> T.Type | None:
    """The type a value stored by `r["f"] = v` must have (stores through `r.f` are field_stores.py's)."""
    if not isinstance(target, ast.MemberAccess):
        return None
    owner = checker.type_of(target.target)
    r = T.resolve(owner) if owner is not None else None
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
