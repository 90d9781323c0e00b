"""Numeric literals whose value no value of their type has: an int literal past 2^63 - 1 (jBallerina:
`'9223372036854775808' is out of range for 'int'`; `-9223372036854775808`, the least int, is fine)."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.walk import nodes_of
from balmail.syntax import ast

INT_MAX = 2**63 - 1


def check_int_literals(checker: Any) -> None:
    negated = {
        id(u.operand)
        for u in nodes_of(checker.module, ast.Unary)
        if u.op == "-"  # type: ignore[attr-defined]
    }
    for lit in nodes_of(checker.module, ast.Literal):
        value = getattr(lit, "value", None)
        if getattr(lit, "kind", None) != "int" or not isinstance(value, int) or value <= INT_MAX:
            continue
        if value == INT_MAX + 1 and id(lit) in negated:
            continue
        message = f"'{lit.text}' is out of range for 'int'"  # type: ignore[attr-defined]
        checker.found.append(report("BAL_TYPE_001", lit.span, message=message))
