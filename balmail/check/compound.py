"""Compound assignment (`lv op= e`), which the spec defines as `lv = lv op e` with `lv` evaluated once:
jBallerina refuses it when either operand's static type allows nil ("compound assignment not allowed with
nullable operands"), e.g. `m[k] += 1` on a `map<int>`, whose member read is an `int?`; otherwise the
operation must be defined and its result must fit what the target stores."""

from __future__ import annotations

from typing import Any

from balmail.check import members
from balmail.check.operators import check_binary
from balmail.check.registry import report
from balmail.check.statictypes import display, kinds
from balmail.check.subtypes import not_assignable
from balmail.runtime import types as T
from balmail.syntax import ast

NULLABLE = "compound assignment not allowed with nullable operands"


def nullable_operands(checker: Any, s: ast.CompoundAssign, target_type: T.Type | None) -> bool:
    """Report (and say so) a compound assignment with an operand whose type certainly includes nil."""
    for t in (target_type, checker.type_of(s.value)):
        k = kinds(t) if t is not None else None
        if k is not None and "nil" in k:
            checker.found.append(report("BAL_TYPE_001", s.span, message=NULLABLE))
            return True
    return False


def check_member_compound(checker: Any, s: ast.CompoundAssign, target: ast.MemberAccess) -> None:
    """`xs[i] op= v` / `m[k] op= v`: operands without nil, a defined operation, a result that fits."""
    members.check_index_range(checker, target)
    expected = members.write_type(checker, target)
    if expected is None or nullable_operands(checker, s, members.read_type(checker, target)):
        return
    check_result(checker, s, target, expected)


def check_result(checker: Any, s: ast.CompoundAssign, target: ast.Expr, expected: T.Type) -> None:
    """`t op= v` is `t = t op v`: the operation must be defined and its result fit what `t` stores."""
    combined = ast.Binary(span=s.span, op=s.op, left=target, right=s.value)
    before = len(checker.found)
    check_binary(checker, combined)
    if len(checker.found) == before:
        found = checker.type_of(combined)
        if found is not None and not_assignable(found, expected):
            checker.found.append(report("BAL_TYPE_001", s.span, display(expected), display(found)))
