"""Rule builders of query expressions and their clauses.
(Split out of build.py: each function is registered as a `Builder` method by `rule`.)"""

from __future__ import annotations

from balmail.syntax import ast
from balmail.syntax.build import Builder, _first, _has, _of, rule
from balmail.syntax.build_parts import _Conflict, _NamedPair, _Pipeline, _Result, _Text


@rule
def query_expr(b: Builder, c: list) -> ast.QueryExpr:
    prefix = _first(c, _Text)
    pipeline = _first(c, _Pipeline)
    result = _first(c, _Result)
    conflict = _first(c, _Conflict)
    return ast.QueryExpr(
        span=b.span(c),
        construct=str(prefix) if prefix else None,
        clauses=pipeline.clauses,
        kind=result.kind,
        result=result.expr,
        on_conflict=conflict.expr if conflict else None,
    )


@rule
def query_type_prefix(b: Builder, c: list) -> _Text:
    return b.text(c[0])


@rule
def query_pipeline(b: Builder, c: list) -> _Pipeline:
    return _Pipeline(tuple(c), b.span(c))


@rule
def from_clause(b: Builder, c: list) -> ast.FromClause:
    return ast.FromClause(span=b.span(c), binding=c[1], expr=c[3])


@rule
def where_clause(b: Builder, c: list) -> ast.WhereClause:
    return ast.WhereClause(span=b.span(c), cond=c[1])


@rule
def let_clause(b: Builder, c: list) -> ast.LetClause:
    return ast.LetClause(span=b.span(c), bindings=tuple(x.pair for x in c if isinstance(x, _NamedPair)))


@rule
def let_var(b: Builder, c: list) -> _NamedPair:
    return _NamedPair((_first(c, ast.TypedBinding), c[-1]))


@rule
def join_clause(b: Builder, c: list) -> ast.JoinClause:
    outer = _has(c, "outer")
    rest = c[1:] if outer else c
    return ast.JoinClause(
        span=b.span(c), outer=outer, binding=rest[1], expr=rest[3], left_key=rest[5], right_key=rest[7]
    )


@rule
def order_by_clause(b: Builder, c: list) -> ast.OrderByClause:
    return ast.OrderByClause(span=b.span(c), keys=tuple(_of(c, ast.OrderKey)))


@rule
def order_key(b: Builder, c: list) -> ast.OrderKey:
    direction = c[1] if len(c) > 1 else None
    if direction is not None and direction.value not in ("ascending", "descending"):
        b.error(f"unexpected '{direction.value}': expected 'ascending' or 'descending'", b.tspan(direction))
    descending = direction is not None and direction.value == "descending"
    return ast.OrderKey(span=b.span(c), expr=c[0], descending=descending)


@rule
def limit_clause(b: Builder, c: list) -> ast.LimitClause:
    return ast.LimitClause(span=b.span(c), count=c[1])


@rule
def select_clause(b: Builder, c: list) -> _Result:
    return _Result("select", c[1])


@rule
def collect_clause(b: Builder, c: list) -> _Result:
    return _Result("collect", c[1])


@rule
def on_conflict(b: Builder, c: list) -> _Conflict:
    return _Conflict(c[2])
