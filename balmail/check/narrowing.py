"""The few type narrowings the type checker trusts (spec, "Type narrowing"): elsewhere a variable that a
type test may narrow is left untyped (types.py `_narrowed_names`). Only local variables that are not
assigned in the region where the narrowed type holds are narrowed:

* `if x is T { ... }`: in the block `x` has type T;
* `if x is () { ...return/panic/fail... }` (or `x == ()`) with no `else`: after it, in the rest of the
  enclosing block, `x` has its declared type without `()`;

and only where `x` is not tested again (a later test narrows further, which this module does not follow).

What a narrowed variable is then checked for (method calls on `time:Zone?` tested `is time:Zone`,
assignments of it) is what the rest of the checker checks for any typed variable."""

from __future__ import annotations

from typing import Any

from balmail.check.initialization import _assigned_names
from balmail.check.statictypes import without
from balmail.check.walk import walk
from balmail.runtime import types as T
from balmail.syntax import ast


def _local(checker: Any, e: ast.Expr) -> Any:
    """The local variable `e` names (its `_Var`), or None for anything else."""
    if not isinstance(e, ast.VarRef):
        return None
    for scope in reversed(checker.scopes):
        if e.name in scope:
            return scope[e.name]
    return None


def _tested_again(name: str, regions: list[ast.Node]) -> bool:
    """Whether a type test, nil comparison or `match` on `name` occurs in `regions`: a narrowing this
    module does not follow, so the region's type for `name` is left to the flow-insensitive default."""
    for region in regions:
        for n in walk(region):
            operands: list[Any] = []
            if isinstance(n, ast.IsExpr):
                operands = [n.expr]
            elif isinstance(n, ast.Binary) and n.op in ("==", "!=", "===", "!=="):
                operands = [n.left, n.right]
            elif isinstance(n, ast.Match):
                operands = [n.expr]
            if any(isinstance(o, ast.VarRef) and o.name == name for o in operands):
                return True
    return False


def then_fact(checker: Any, cond: ast.Expr, then: ast.Block) -> tuple[Any, T.Type] | None:
    """`if x is T { then }`: (x's variable, T) when `then` never assigns x."""
    if not isinstance(cond, ast.IsExpr) or cond.negated:
        return None
    var = _local(checker, cond.expr)
    name = cond.expr.name  # type: ignore[attr-defined]
    if var is None or var.type is None or name in _assigned_names(then) or _tested_again(name, [then]):
        return None
    t = checker.resolver.resolve(cond.type)
    return (var, t) if t is not None else None


def _nil_test(cond: ast.Expr) -> ast.Expr | None:
    if isinstance(cond, ast.IsExpr) and not cond.negated and isinstance(cond.type, ast.NilType):
        return cond.expr
    if isinstance(cond, ast.Binary) and cond.op in ("==", "===") and isinstance(cond.right, ast.Literal):
        if cond.right.kind == "nil":
            return cond.left
    return None


def after_fact(
    checker: Any, s: ast.If, rest: list[ast.Stmt], completes: bool
) -> tuple[Any, T.Type] | None:
    """`if x is () { <does not complete> }` then `rest`: (x's variable, its type without nil) when no
    statement of `rest` (or the `if`) assigns x."""
    if s.otherwise is not None or completes:
        return None
    tested = _nil_test(s.cond)
    var = _local(checker, tested) if tested is not None else None
    if var is None or var.type is None:
        return None
    name = tested.name  # type: ignore[union-attr]
    if name in _assigned_names(s.then) or any(name in _assigned_names(r) for r in rest):
        return None
    if _tested_again(name, list(rest)):
        return None
    t = without(var.type, "nil")
    return (var, t) if t is not None else None
