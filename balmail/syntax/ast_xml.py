"""Syntax of XML: template literals (parsed at compile time), `xmlns` declarations and navigation."""

from __future__ import annotations

from balmail.source import Span
from balmail.syntax.ast import Expr, Member, Stmt, Template, node


@node
class XmlTemplate(Template):
    """``xml `...` ``: `tree` is the parsed content (balmail/xmltext.py's tuples); an int in it indexes
    `exprs`. `strings`/`exprs` stay as for every template, so passes over templates see the values."""

    tree: tuple


@node
class XmlnsDecl(Member):
    """`xmlns "uri" as p;` at module level (`prefix` None: the default namespace)."""

    uri: Expr
    prefix: str | None


@node
class XmlnsStmt(Stmt):
    """`xmlns "uri" as p;` in a block: in scope for the statements after it."""

    uri: Expr
    prefix: str | None


@node
class XmlNavigation(Expr):
    """`x.<n>` (kind "filter"), `x/<n>` ("children"), `x/*` ("all"), `x/**/<n>` ("descendants").
    `names` are qualified names as written, `*` or `p:*`; empty for `x/*`."""

    target: Expr
    kind: str
    names: tuple[str, ...]
    names_span: Span
