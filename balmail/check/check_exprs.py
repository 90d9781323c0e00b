"""`check e` and `checkpanic e` need an `e` that may be an error and may be something else: jBallerina
refuses one whose type has no error ("no expression type is equivalent to error type") or is nothing but
errors ("all expression types are equivalent to error type"). Decided only for calls of the program's own
functions, whose return types it declares, never from a library model."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import kinds
from balmail.syntax import ast


def check_check_expr(checker: Any, e: ast.CheckExpr) -> None:
    operand = e.expr
    if not isinstance(operand, ast.Call) or checker.module_function(operand) is None:
        return
    t = checker.type_of(operand)
    k = kinds(t) if t is not None else None
    if not k:
        return
    word = "checkpanic" if e.panics else "check"
    if "error" not in k:
        problem = "no expression type is equivalent to error type"
    elif k == {"error"}:
        problem = "all expression types are equivalent to error type"
    else:
        return
    message = f"invalid usage of the '{word}' expression operator: {problem}"
    checker.found.append(report("BAL_TYPE_001", e.span, message=message))
