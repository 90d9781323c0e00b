"""Rule builders of the patterns family: error binding patterns at statement start and the `group by`
clause of queries (helper "patterns")."""

from __future__ import annotations

from balmail.syntax import ast
from balmail.syntax.build import Builder, _ErrorArgs, _first, rule


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
