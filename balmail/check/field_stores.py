"""Stores through field access, `r.f = v` and `r.f op= v`: the value must fit the record field (an optional
field also takes `()`, which removes it), a closed record has no other field to store into, and a map
has no field access for assignment (jBallerina: `m["k"] = v` is the way)."""

from __future__ import annotations

from typing import Any

from balmail.check import compound
from balmail.check.registry import report
from balmail.check.statictypes import display, union
from balmail.runtime import types as T
from balmail.syntax import ast

NO_FIELD_STORE = "invalid operation: type '{}' does not support field access for assignment"


def _store_type(checker: Any, target: ast.FieldAccess) -> T.Type | None:
    """The type `target.name` stores, or None when unknown; reports a field a closed record lacks and a
    map target (returning None then too)."""
    t = checker.type_of(target.target)
    r = T.resolve(t) if t is not None else None
    if isinstance(r, T.TMap):
        checker.found.append(report("BAL_TYPE_005", target.span, message=NO_FIELD_STORE.format(display(t))))
        return None
    if not isinstance(r, T.TRecord):
        return None
    field = r.fields.get(target.name)
    if field is None:
        if r.rest is None:
            checker.found.append(report("BAL_TYPE_005", target.name_span, target.name, display(t)))
        return None
    if field.readonly:
        return None
    return union(field.type, T.NIL) if field.optional else field.type


def check_field_store(checker: Any, target: ast.FieldAccess, value: ast.Expr) -> None:
    """`r.f = v`."""
    expected = _store_type(checker, target)
    if expected is not None:
        checker.expect(expected, value)


def check_field_compound(checker: Any, s: ast.CompoundAssign, target: ast.FieldAccess) -> None:
    """`r.f op= v`: operands without nil, a defined operation, a result that fits the field."""
    expected = _store_type(checker, target)
    if expected is None or compound.nullable_operands(checker, s, checker.type_of(target)):
        return
    compound.check_result(checker, s, target, expected)
