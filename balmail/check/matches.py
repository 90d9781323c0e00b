"""`match` statements: patterns that can never match, and whether the clauses cover every value.

Spec (match statement): clauses are tried in order and the first whose pattern matches runs; the wildcard
`_` matches any value that is not an error; a `var x` capture matches every value. jBallerina refuses a
pattern no value can reach ("unreachable pattern: preceding patterns are too general or the pattern
ordering is not correct"), a wildcard where the matched value is an error ("pattern will not be
matched"), and, when the clauses cover every value and none completes, the statement after the `match`
("unreachable code"). Only certain cases are reported: a pattern after an unguarded `_` or `var x`, a
literal repeated after an unguarded clause with the same literal, `_` against a type whose values are all
errors, and coverage by `var x`, by `_` of a type without errors, or by literals listing every value of a
finite type such as `boolean`.
"""

from __future__ import annotations

from typing import Any

from balmail.check.registry import Rule, register, report
from balmail.check.statictypes import kinds
from balmail.diagnostics import Severity
from balmail.runtime import types as T
from balmail.syntax import ast

MATCH_PATTERN = register(
    Rule(
        code="BAL_TYPE_121",
        name="unmatchable-pattern",
        severity=Severity.ERROR,
        summary="A `match` pattern can never match: an earlier pattern takes every value it could, or it "
        "cannot match the matched type at all.",
        what_it_does="Reports a pattern after an unguarded `_` or `var x` clause, a literal pattern repeated "
        "after an unguarded clause with the same literal, and `_` (which matches no error) when the matched "
        "value is always an error.",
        why="Ballerina rejects patterns that can never match: the clause is dead code, usually a misordered "
        "clause or a wildcard that was meant to catch errors (`var e` does).",
        example='function f(any x) {\n    match x {\n        _ => {}\n        "a" => {}\n    }\n}',
        fix='function f(any x) {\n    match x {\n        "a" => {}\n        _ => {}\n    }\n}',
        message="unreachable pattern: preceding patterns are too general or the pattern ordering is not "
        "correct",
    )
)
NOT_MATCHED = "pattern will not be matched"


def _literal(p: Any) -> tuple[str, object] | None:
    if isinstance(p, ast.ConstPattern) and isinstance(p.expr, ast.Literal):
        lit = p.expr
        if lit.kind in ("int", "string", "boolean", "nil"):
            return lit.kind, lit.value
    return None


def _captures_all(p: Any) -> bool:
    return isinstance(p, ast.VarPattern) and isinstance(p.binding, ast.CaptureBinding)


def _finite_values(t: T.Type) -> set[tuple[str, object]] | None:
    """Every value of `t` as (kind, value) when `t` is a finite union of booleans, nil and singletons."""
    r = T.resolve(t)
    members = r.members if isinstance(r, T.TUnion) else [r]
    out: set[tuple[str, object]] = set()
    for m in members:
        m = T.resolve(m)
        if isinstance(m, T.TBoolean):
            out |= {("boolean", True), ("boolean", False)}
        elif isinstance(m, T.TNil):
            out.add(("nil", None))
        elif isinstance(m, T.TSingleton):
            v = m.value
            kind = (
                "nil"
                if v is None
                else "boolean"
                if isinstance(v, bool)
                else "int"
                if isinstance(v, int)
                else "string"
                if isinstance(v, str)
                else None
            )
            if kind is None:
                return None
            out.add((kind, v))
        else:
            return None
    return out


def check_match(checker: Any, s: ast.Match, t: T.Type | None) -> bool:
    """Report the patterns of `s` that can never match; return whether its clauses cover every value of
    `t` (the matched expression's type, None when unknown)."""
    k = kinds(t)
    only_errors = k is not None and k == frozenset({"error"})
    no_errors = k is not None and "error" not in k
    wildcard = capture = False  # an unguarded `_` / `var x` seen before
    seen: set[tuple[str, object]] = set()  # literals of earlier unguarded clauses
    exhaustive = False
    for c in s.clauses:
        for p in c.patterns:
            lit = _literal(p)
            if capture or (wildcard and (isinstance(p, ast.WildcardPattern) or lit is not None)):
                checker.found.append(report(MATCH_PATTERN, p.span))
            elif lit is not None and lit in seen:
                checker.found.append(report(MATCH_PATTERN, p.span))
            elif isinstance(p, ast.WildcardPattern) and only_errors:
                # a warning in jBallerina (its error binding pattern tests): the program still builds
                checker.found.append(
                    report(MATCH_PATTERN, p.span, message=NOT_MATCHED, severity=Severity.WARNING)
                )
            if c.guard is not None:
                continue
            if lit is not None:
                seen.add(lit)
            elif isinstance(p, ast.WildcardPattern):
                wildcard = True
                exhaustive = exhaustive or no_errors
            elif _captures_all(p):
                capture = exhaustive = True
    if not exhaustive and t is not None:
        values = _finite_values(t)
        exhaustive = values is not None and bool(values) and values <= seen
    return exhaustive
