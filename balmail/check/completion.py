"""Whether statements can complete normally (spec: reachability): for "missing return", "unreachable
code" and the type checker's narrowing after an `if` whose one branch cannot complete. Calls to the
module's `returns never` functions stop like `panic`, and `while` on a constant `true` loops forever
unless it breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from balmail.check.walk import nodes_of
from balmail.source import Span
from balmail.syntax import ast
from balmail.syntax import ast_workers as W


def closing_brace(span: Any) -> Any:
    return Span(
        span.file, span.end - 1, span.end, span.end_line, span.end_column - 1, span.end_line, span.end_column
    )


def completes(
    node: Any,
    never: frozenset[str] = frozenset(),
    truths: frozenset[str] = frozenset(),
    exhaustive: Callable[[ast.Match], bool] | None = None,
) -> bool:
    """Whether a statement or block can complete normally.

    `never` names the module functions declared `returns never`: a call statement to one of them
    does not complete, as Ballerina's reachability analysis treats it like `panic`. `truths` names the
    module constants whose value is `true` (`while ALWAYS_TRUE {}` loops like `while true {}`).
    Without `exhaustive` a `match` whose clauses all stop counts as stopping (for "missing return":
    unsure means no error); with it, such a `match` stops only when `exhaustive(match)` says its
    patterns cover every value (for "unreachable code": unsure means no error either).
    """

    def go(n: Any) -> bool:
        return completes(n, never, truths, exhaustive)

    if isinstance(node, ast.Block):
        return all(go(s) for s in node.statements)
    if isinstance(node, ast.Return | ast.Panic | ast.Fail):
        return False
    if isinstance(node, ast.If):
        return node.otherwise is None or go(node.then) or go(node.otherwise)
    if isinstance(node, ast.BlockStmt):
        return go(node.block)
    if isinstance(node, ast.Do | ast.Lock):
        return go(node.body) or (node.on_fail is not None and go(node.on_fail.body))
    if isinstance(node, ast.While):
        cond = node.cond
        if (isinstance(cond, ast.Literal) and cond.value is True) or (
            isinstance(cond, ast.VarRef) and cond.name in truths
        ):
            return has_break(node.body)
        return True
    if isinstance(node, ast.Match):
        stops = bool(node.clauses) and not any(go(c.body) for c in node.clauses)
        return not stops if exhaustive is None else not (stops and exhaustive(node))
    if isinstance(node, ast.ExprStmt) and isinstance(node.expr, ast.CheckExpr):
        return True
    if isinstance(node, ast.ExprStmt) and isinstance(node.expr, ast.Call):
        func = node.expr.func
        return not (isinstance(func, ast.VarRef) and func.name in never)
    return True


def true_constants(module: ast.Module) -> frozenset[str]:
    """Module constants whose value is `true` and that no local name shadows: a `while` on one of them
    never ends by its condition (Ballerina folds constant conditions in its reachability analysis)."""
    found = {
        m.name
        for m in module.members
        if isinstance(m, ast.ConstDecl) and isinstance(m.value, ast.Literal) and m.value.value is True
    }
    if found:
        for n in nodes_of(module, ast.CaptureBinding, ast.Param):
            found.discard(getattr(n, "name", None))
    return frozenset(found)


SIMPLE_STATEMENTS = (
    ast.VarDecl,
    ast.Assign,
    ast.CompoundAssign,
    ast.Destructure,
    ast.ExprStmt,
    ast.Return,
    ast.Panic,
    ast.Fail,
    ast.IgnoreStmt,
    ast.Break,
    ast.Continue,
    W.WorkerSend,
)
"""Statements without statements inside: a variable one of them assigns (or a closure in it assigns) is
back at its declared type after it."""


def stops(
    node: Any, never: frozenset[str], truths: frozenset[str], memo: dict[int, bool | None]
) -> bool | None:
    """Whether a statement or block certainly cannot complete normally (True), certainly can (False),
    or this checker cannot tell (None): for narrowing after an `if` whose one branch stops. `memo` (by node
    id, for one module) keeps an `else if` chain linear: each `if` of it asks about the rest of the chain."""
    if isinstance(node, ast.If | ast.Block):
        key = id(node)
        if key in memo:
            return memo[key]
        memo[key] = found = _stops_uncached(node, never, truths, memo)
        return found
    return _stops_uncached(node, never, truths, memo)


def _stops_uncached(
    node: Any, never: frozenset[str], truths: frozenset[str], memo: dict[int, bool | None]
) -> bool | None:
    if isinstance(node, ast.Block):
        unsure = False
        for s in node.statements:
            r = stops(s, never, truths, memo)
            if r is True:
                return True
            unsure = unsure or r is None
        return None if unsure else False
    if isinstance(node, ast.Return | ast.Panic | ast.Fail | ast.Break | ast.Continue):
        return True
    if isinstance(node, ast.If):
        if node.otherwise is None:
            return False
        a, b = stops(node.then, never, truths, memo), stops(node.otherwise, never, truths, memo)
        return True if a is True and b is True else False if a is False or b is False else None
    if isinstance(node, ast.BlockStmt):
        return stops(node.block, never, truths, memo)
    if isinstance(node, ast.Lock) or (isinstance(node, ast.Do) and node.on_fail is None):
        return stops(node.body, never, truths, memo)
    if isinstance(node, ast.ExprStmt) and isinstance(node.expr, ast.Call):
        func = node.expr.func
        return True if isinstance(func, ast.VarRef) and func.name in never else False
    if isinstance(node, ast.ExprStmt | ast.VarDecl | ast.Assign | ast.CompoundAssign | ast.Foreach):
        return False
    if isinstance(node, ast.While):
        return None if not completes(node, never, truths) else False
    return None


def returns_never(sig: ast.Signature) -> bool:
    return isinstance(sig.returns, ast.BuiltinType) and sig.returns.name == "never"


def has_break(node: Any) -> bool:
    if isinstance(node, ast.Break):
        return True
    if isinstance(node, ast.While | ast.Foreach):
        return False
    if isinstance(node, ast.Block):
        return any(has_break(s) for s in node.statements)
    if isinstance(node, ast.If):
        return has_break(node.then) or (node.otherwise is not None and has_break(node.otherwise))
    if isinstance(node, ast.BlockStmt):
        return has_break(node.block)
    if isinstance(node, ast.Match):
        return any(has_break(c.body) for c in node.clauses)
    if isinstance(node, ast.Do | ast.Lock):
        return has_break(node.body)
    return False
