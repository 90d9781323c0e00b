"""Values of module constants that jBallerina computes when it compiles them: integer arithmetic that
leaves the 64-bit range is "'int' range overflow", and integer division or remainder by zero is "invalid
constant expression, reason '/ by zero'" (the reason is Java's, as jBallerina reports it), at the
operation that fails. Only expressions made of integer literals, other integer constants and `+ - * / %`
(and unary `- + ~`) are computed; anything else leaves the constant unjudged."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.syntax import ast

_MIN, _MAX = -(2**63), 2**63 - 1


class _Failed(Exception):
    def __init__(self, node: ast.Node, message: str) -> None:
        self.node, self.message = node, message


def check_constant_values(checker: Any) -> None:
    consts = {m.name: m for m in checker.module.members if isinstance(m, ast.ConstDecl)}
    for decl in consts.values():
        try:
            _value(decl.value, consts, frozenset({decl.name}))
        except _Failed as failed:
            checker.found.append(report("BAL_TYPE_001", failed.node.span, message=failed.message))


def _value(e: ast.Node, consts: dict[str, ast.ConstDecl], seen: frozenset[str]) -> int | None:
    """The integer value of `e`, None when it is not such an integer expression (or depends on a constant
    that fails itself: that one is reported at its own declaration)."""
    if isinstance(e, ast.Literal):
        return e.value if e.kind == "int" and isinstance(e.value, int) else None
    if isinstance(e, ast.VarRef):
        decl = consts.get(e.name)
        if decl is None or e.name in seen:
            return None
        try:
            return _value(decl.value, consts, seen | {e.name})
        except _Failed:
            return None
    if isinstance(e, ast.Unary):
        v = _value(e.operand, consts, seen)
        if v is None or e.op not in ("-", "+", "~"):
            return None
        return _checked(e, -v if e.op == "-" else ~v if e.op == "~" else v)
    if isinstance(e, ast.Binary) and e.op in ("+", "-", "*", "/", "%"):
        a, b = _value(e.left, consts, seen), _value(e.right, consts, seen)
        if a is None or b is None:
            return None
        if e.op in ("/", "%") and b == 0:
            raise _Failed(e, "invalid constant expression, reason '/ by zero'")
        if e.op == "+":
            return _checked(e, a + b)
        if e.op == "-":
            return _checked(e, a - b)
        if e.op == "*":
            return _checked(e, a * b)
        quotient = abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1)  # truncated, as Ballerina's
        return _checked(e, quotient) if e.op == "/" else a - quotient * b
    return None


def _checked(e: ast.Node, v: int) -> int:
    if not _MIN <= v <= _MAX:
        raise _Failed(e, "'int' range overflow")
    return v
