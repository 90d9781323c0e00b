"""What may be assigned to: a variable, or a field or member of one reached through `.` and `[...]`
(jBallerina's parser accepts only those in an assignment's left-hand side). An optional field access
(`r?.x = 1;`) anywhere in that chain is "invalid expr in assignment lhs", reported at the left-hand side."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.walk import nodes_of
from balmail.syntax import ast


def check_assignment_targets(checker: Any) -> None:
    for stmt in nodes_of(checker.module, ast.Assign, ast.CompoundAssign):
        target = stmt.target  # type: ignore[attr-defined]
        node = target
        while isinstance(node, ast.FieldAccess | ast.MemberAccess):
            if isinstance(node, ast.FieldAccess) and node.optional:
                message = "invalid expr in assignment lhs"
                checker.found.append(report("BAL_SYNTAX_001", target.span, message=message))
                break
            node = node.target
