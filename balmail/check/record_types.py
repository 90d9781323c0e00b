"""Record types: the type of a field read from a union of records, and checks of record type
descriptors themselves wherever they are written (type definitions, inline in declarations, parameters,
nested): a field named twice is a redeclared symbol, as jBallerina reports."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import union
from balmail.check.walk import nodes_of
from balmail.runtime import types as T
from balmail.syntax import ast


def check_record_types(checker: Any) -> None:
    for rt in nodes_of(checker.module, ast.RecordType):
        seen: set[str] = set()
        for f in rt.fields:  # type: ignore[attr-defined]
            if f.name in seen:
                checker.found.append(report("BAL_NAME_005", f.span, f.name))
            seen.add(f.name)


def record_union_field(t: T.TUnion, name: str, nil: bool) -> T.Type | None:
    """`r.name` where `r` is a union of record types each declaring `name`: the union of the field types,
    with nil when the field is optional in any of them (or the access is `?.` on a nilable `r`); None when
    a member is not a record or lacks the field (then the type is not certain here)."""
    found: list[T.Type] = []
    for m in t.members:
        r = T.resolve(m)
        field = r.fields.get(name) if isinstance(r, T.TRecord) else None
        if field is None:
            return None
        found.append(field.type)
        nil = nil or field.optional
    return union(*found, T.NIL) if nil else union(*found)
