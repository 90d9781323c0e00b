"""Builders of the XML family: template literals (parsed here with expat, so a malformed literal is a
compile-time error at its span), `xmlns` declarations and navigation expressions."""

from __future__ import annotations

from balmail.syntax import ast
from balmail.syntax.ast_xml import XmlNavigation, XmlnsDecl, XmlnsStmt, XmlTemplate
from balmail.syntax.build import Builder, _first, ident, rule
from balmail.syntax.templates import interpolations
from balmail.syntax.tokens import Token
from balmail.xmltext import XmlSyntaxError, parse_content


@rule
def xml_literal(b: Builder, c: list, tok: Token, strings: list[str], exprs: list[ast.Expr]) -> ast.Expr:
    """Called by `Builder.template` for ``xml `...` ``."""
    text = tok.value[1:-1]
    gaps = [end - start for start, end in interpolations(text)]
    span = b.span(c)
    try:
        tree = parse_content(strings, gaps)
    except XmlSyntaxError as e:
        assert b.source is not None
        start = tok.start_pos + b.base + 1 + min(e.offset, len(text))
        where = b.source.span(start, min(start + 1, tok.end_pos + b.base))
        b.error(f"invalid XML literal: {e.reason}", where if where.line == span.line else span)
        tree = ()
    return XmlTemplate(span=span, kind="xml", strings=tuple(strings), exprs=tuple(exprs), tree=tree)


def _xmlns_parts(b: Builder, c: list) -> tuple[ast.Expr, str | None]:
    uri = _first(c, ast.Expr)
    prefix = None
    for i, item in enumerate(c):
        if isinstance(item, Token) and item.value == "as":
            prefix = ident(c[i + 1])
    return uri, prefix


@rule
def xmlns_decl(b: Builder, c: list) -> XmlnsDecl:
    uri, prefix = _xmlns_parts(b, c)
    return XmlnsDecl(span=b.span(c), annotations=(), qualifiers=(), uri=uri, prefix=prefix)


@rule
def xmlns_stmt(b: Builder, c: list) -> XmlnsStmt:
    uri, prefix = _xmlns_parts(b, c)
    return XmlnsStmt(span=b.span(c), uri=uri, prefix=prefix)


@rule
def xmlns_uri(b: Builder, c: list) -> ast.Expr:
    tok = c[0]
    if tok.type == "STRING":
        return ast.Literal(span=b.tspan(tok), kind="string", value=b.string_value(tok), text=tok.value)
    if len(c) == 1:
        return ast.VarRef(span=b.tspan(tok), name=ident(tok))
    return ast.QualifiedRef(span=b.span(c), prefix=ident(c[0]), name=ident(c[-1]))


@rule
def xml_names(b: Builder, c: list) -> tuple[tuple[str, ...], object]:
    names: list[str] = []
    current = ""
    for item in c:
        if not isinstance(item, Token):  # a field_name: element names may be keywords (`x/<map>`)
            current += str(item)
            continue
        v = item.value
        if v == "|":
            names.append(current)
            current = ""
        elif v == "<" or v == ">":
            continue
        else:
            current += ident(item) if item.type == "IDENT" else v
    names.append(current)
    return tuple(names), b.span(c)


def _navigation(b: Builder, c: list, kind: str) -> XmlNavigation:
    names = _first(c, tuple)
    found, span = names if names is not None else ((), b.span(c[1:]))
    return XmlNavigation(span=b.span(c), target=c[0], kind=kind, names=found, names_span=span)


@rule
def xml_filter(b: Builder, c: list) -> XmlNavigation:
    return _navigation(b, c, "filter")


@rule
def xml_children(b: Builder, c: list) -> XmlNavigation:
    return _navigation(b, c, "children")


@rule
def xml_all_children(b: Builder, c: list) -> XmlNavigation:
    return _navigation(b, c, "all")


@rule
def xml_descendants(b: Builder, c: list) -> XmlNavigation:
    return _navigation(b, c, "descendants")



def _qualified_attribute(b: Builder, c: list, optional: bool) -> ast.FieldAccess:
    """`x.ns:attr`: the attribute's qualified name is kept as the field name; the compiler expands it."""
    name = f"{ident(c[2])}:{ident(c[4])}"
    return ast.FieldAccess(
        span=b.span(c), target=c[0], name=name, optional=optional, name_span=b.span(c[2:])
    )


@rule
def xml_attribute_access(b: Builder, c: list) -> ast.FieldAccess:
    return _qualified_attribute(b, c, False)


@rule
def xml_optional_attribute_access(b: Builder, c: list) -> ast.FieldAccess:
    return _qualified_attribute(b, c, True)
