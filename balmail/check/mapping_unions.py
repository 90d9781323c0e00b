"""A mapping constructor where a union of record types is expected: its inherent type is the one member
it fits; when it fits several (`RequiredX|OptionalX` for `{x: 1}`) jBallerina refuses it as an
ambiguous type. Only decided when every field is named by a literal key and every value's type is
known, so a constructor that fits one member is never refused."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import certainly_incompatible, display
from balmail.runtime import types as T
from balmail.syntax import ast


def _fits(checker: Any, record: T.TRecord, given: dict[str, T.Type]) -> bool:
    for name, f in record.fields.items():
        if name not in given and not f.optional and f.default is None:
            return False
    for name, t in given.items():
        field = record.fields.get(name)
        wanted = field.type if field is not None else record.rest
        if wanted is None or certainly_incompatible(t, wanted):
            return False
    return True


def ambiguous_mapping(checker: Any, expected: T.Type, e: ast.MappingExpr) -> bool:
    """Report (and say so) a mapping constructor that fits more than one record type of the union."""
    r = T.resolve(expected)
    if not isinstance(r, T.TUnion):
        return False
    records = [T.resolve(m) for m in r.members if not isinstance(T.resolve(m), T.TNil)]
    if len(records) < 2 or not all(isinstance(m, T.TRecord) for m in records):
        return False
    given: dict[str, T.Type] = {}
    for f in e.fields:
        if f.kind not in ("key", "string", "shorthand") or f.key is None:
            return False
        if isinstance(f.value, ast.MappingExpr | ast.ListExpr):  # typed by the member it goes to
            return False
        t = checker.type_of(f.value)
        if t is None:
            return False
        given[f.key] = t
    if sum(1 for m in records if _fits(checker, m, given)) < 2:  # type: ignore[arg-type]
        return False
    checker.found.append(report("BAL_TYPE_001", e.span, message=f"ambiguous type '{display(expected)}'"))
    return True
