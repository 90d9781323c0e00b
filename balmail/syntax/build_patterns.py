"""Rule builders of the patterns family: error binding patterns at statement start and the `group by`
clause of queries (helper "patterns")."""

from __future__ import annotations

from balmail.syntax import ast
from balmail.syntax.build import Builder, _first, _of, ident, rule
from balmail.syntax.build_parts import _ErrorArgs


@rule
def stmt_error_binding(b: Builder, c: list) -> ast.ErrorBinding:
    """`error(m, cause, code = c, ...rest) = e;`: a destructuring assignment to existing variables."""
    args = _first(c, _ErrorArgs)
    return ast.ErrorBinding(
        span=b.span(c),
        type=None,
        positional=args.positional if args else (),
        named=args.named if args else (),
        rest=args.rest if args else None,
    )


@rule
def group_by_clause(b: Builder, c: list) -> ast.GroupByClause:
    return ast.GroupByClause(span=b.span(c), keys=tuple(_of(c, ast.GroupingKey)))


@rule
def grouping_key(b: Builder, c: list) -> ast.GroupingKey:
    sp = b.span(c)
    if len(c) == 1:
        return ast.GroupingKey(span=sp, name=ident(c[0]), type=None, expr=None)
    t = c[0] if isinstance(c[0], ast.TypeDesc) else None
    return ast.GroupingKey(span=sp, name=ident(c[1]), type=t, expr=c[-1])


@rule
def query_action_expr(b: Builder, c: list) -> ast.QueryActionExpr:
    pipeline = c[0]
    return ast.QueryActionExpr(span=b.span(c), clauses=pipeline.clauses, body=_first(c, ast.Block))
