"""Expression checks that need the static types of types.py's checker: arithmetic on operands of different
basic types (`"count: " + n`), field access on values that have no fields (`s.name` on a string), and
statements that drop the value of a method or remote call (`smtp->sendMessage(m);`).

Called from types.py's walk with the checker; like it, silent whenever a type is not certain.
"""

from __future__ import annotations

from typing import Any

from balmail import diagnostics as diag
from balmail.check.registry import Rule, register
from balmail.check.statictypes import display, kinds, without
from balmail.diagnostics import Severity
from balmail.runtime import types as T
from balmail.syntax import ast

OPERATOR = register(
    Rule(
        code="BAL_TYPE_013",
        name="operator-types",
        severity=Severity.ERROR,
        summary="An arithmetic operator is given operands it is not defined for.",
        what_it_does="Reports `+` and `-` between values of different basic types (a string and an int, an "
        "int and a float) and `-`, `*`, `/`, `%` on strings. Numeric literals take the other operand's "
        "type, as in Ballerina.",
        why="Ballerina converts nothing implicitly: `\"count: \" + n` does not compile.",
        example='function describe(int n) returns string {\n    return "count: " + n;\n}',
        fix='function describe(int n) returns string {\n    return "count: " + n.toString();\n}',
        message="operator '{0}' not defined for '{1}' and '{2}'",
    )
)

_ARITHMETIC = frozenset({"+", "-", "*", "/", "%"})
_SIMPLE = frozenset({"int", "float", "decimal", "string"})
_NO_FIELDS = frozenset({"int", "float", "decimal", "string", "boolean", "list"})


def _single_kind(t: T.Type | None) -> str | None:
    """The one basic kind (nil aside, as operators lift over nil) of `t`, else None."""
    if t is None:
        return None
    k = kinds(t)
    if k is None:
        return None
    k = k - {"nil"}
    return next(iter(k)) if len(k) == 1 else None


def check_binary(checker: Any, e: ast.Binary) -> None:
    """`a + b` and friends whose operand types are certain and that no operator accepts."""
    if e.op not in _ARITHMETIC:
        return
    left, right = checker.type_of(e.left), checker.type_of(e.right)
    lk, rk = _single_kind(left), _single_kind(right)
    if lk is None or rk is None or lk not in _SIMPLE or rk not in _SIMPLE:
        return
    assert left is not None and right is not None
    if lk == rk:
        if lk != "string" or e.op == "+":
            return
    elif lk != "string" and rk != "string":
        if e.op not in ("+", "-") or checker.literal_fits(e):
            return  # int/float division has its own message; literals take the other side's type
    checker.found.append(
        diag.error(OPERATOR.code, OPERATOR.format_message(e.op, display(left), display(right)), e.span)
    )


def check_field_access(checker: Any, e: ast.FieldAccess) -> bool:
    """`x.name` on a string, number, boolean or list: reported and True, else False."""
    target = checker.type_of(e.target)
    if target is None:
        return False
    k = kinds(target)
    if k is None or len(k) != 1 or not k <= _NO_FIELDS:
        return False
    checker.found.append(
        diag.error(
            "BAL_TYPE_005",
            f"invalid operation: type '{display(target)}' does not support field access",
            e.span,
        )
    )
    return True


def check_dropped_value(checker: Any, s: ast.ExprStmt) -> None:
    """A method or remote call statement whose result is certainly not `()` (module functions are
    flow.dropped_results')."""
    call, checked = s.expr, False
    if isinstance(call, ast.CheckExpr):
        call, checked = call.expr, True
    if not isinstance(call, ast.MethodCall | ast.RemoteCall):
        return
    t = checker.type_of(call)
    if t is None:
        return
    k = kinds(t)
    if k is None:
        return
    if checked:
        stripped = without(t, "error")
        k = kinds(stripped) if stripped is not None else None
        if k is None:
            return
    if k - {"nil"}:
        checker.found.append(diag.error("BAL_TYPE_008", "variable assignment is required", s.span))
    elif "error" in k:
        checker.found.append(
            diag.error(
                "BAL_TYPE_008",
                "variable assignment is required",
                s.span,
                help="the call can return an error: write `check` before it, or keep it "
                "(`error? e = ...;`) and handle it",
            )
        )
