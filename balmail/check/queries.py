"""Query expressions in types.py's checker: the variables of `from`, `join` and `let` clauses get their
types (a `var` binding takes the collection's member type, as `foreach` does), every clause is checked
like other expressions, and `select` is checked against the member type of the list the query builds
(`string[] s = from var x in ints select x;` is refused at `x`, as Ballerina does).

What it cannot follow it leaves alone: after `group by` the variables are sequences, so nothing past
it is checked; `collect` is not checked; only a query building a list (a list type expected, no
`stream`/`map`/`table` keyword) or a stream (`stream from`, a stream type expected) has its `select`
checked. Called with the checker, like operators.py.
"""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import certainly_incompatible, display
from balmail.runtime import types as T
from balmail.syntax import ast


def check_query(checker: Any, q: ast.QueryExpr, expected: T.Type | None) -> None:
    """Walk `q`, binding its variables, then check `select` against `expected`."""
    for clause in q.clauses:
        if isinstance(clause, ast.GroupByClause):
            return  # the query's variables are sequences from here on
        _clause(checker, clause)
    if q.kind != "select":
        return
    checker.expect(_member_wanted(expected, q.construct), q.result)
    checker.expr(q.result)
    checker.expr(q.on_conflict)


def _clause(checker: Any, clause: Any) -> None:
    if isinstance(clause, ast.FromClause | ast.JoinClause):
        checker.expr(clause.expr)
        checker.bind(clause.binding.binding, _binding_type(checker, clause.binding, clause.expr))
        if isinstance(clause, ast.JoinClause):
            checker.expr(clause.left_key)
            checker.expr(clause.right_key)
    elif isinstance(clause, ast.WhereClause):
        checker.expect(T.BOOLEAN, clause.cond)
        checker.expr(clause.cond)
    elif isinstance(clause, ast.LetClause):
        for binding, value in clause.bindings:
            declared = checker.resolver.resolve(binding.type) if binding.type is not None else None
            checker.expect(declared, value)
            checker.expr(value)
            t = declared if binding.type is not None else checker.type_of(value)
            checker.bind(binding.binding, t)
    elif isinstance(clause, ast.OrderByClause):
        for key in clause.keys:
            checker.expr(key.expr)
    elif isinstance(clause, ast.LimitClause):
        checker.expect(T.INT, clause.count)
        checker.expr(clause.count)


def _binding_type(checker: Any, binding: ast.TypedBinding, collection: ast.Expr) -> T.Type | None:
    """The type of `from T x in xs` / `from var x in xs`: the declared one (refused when the members
    of `xs` certainly do not fit it), else the members' type when known."""
    element = checker.element_type(collection)
    if binding.type is None:
        return element
    t = checker.resolver.resolve(binding.type)
    if element is not None and t is not None and certainly_incompatible(element, t):
        checker.found.append(report("BAL_TYPE_001", binding.span, display(t), display(element)))
    return t


def _member_wanted(expected: T.Type | None, construct: str | None) -> T.Type | None:
    """The type `select` must give for `expected`: an array's member type for a query building a list, a
    stream's for `stream from ...` (spec: the select expression's contextually expected type); else None."""
    r = T.resolve(expected) if expected is not None else None
    if construct is None and isinstance(r, T.TArray):
        return r.element
    if construct == "stream" and isinstance(r, T.TStream):
        return r.element
    return None
