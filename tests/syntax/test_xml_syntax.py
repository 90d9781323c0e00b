"""XML syntax (docs/xml.md): literals are parsed by expat when the file is, a malformed one is an error at
the literal; `/<` is a navigation step only where no operand follows the `>`."""

from __future__ import annotations

import pytest

from balmail.syntax import ast
from balmail.syntax.ast_xml import XmlNavigation, XmlnsDecl, XmlnsStmt, XmlTemplate
from balmail.syntax.parser import parse_text


def init_of(text: str) -> ast.Expr:
    result = parse_text(f"function f() {{\n    var x = {text};\n}}\n", "p.bal")
    assert result.ok, [d.message for d in result.diagnostics]
    fn = result.module.members[0]
    return fn.body.statements[0].init


def test_literal_tree_keeps_interpolations_in_content_and_attributes() -> None:
    e = init_of('xml `<a id="${i}">x ${b}<!--c--></a>`')
    assert isinstance(e, XmlTemplate)
    assert e.tree == (("e", "a", (("id", (0,)),), (("t", ("x ", 1)), ("c", ("c",))), False),)
    assert len(e.exprs) == 2


@pytest.mark.parametrize(
    ("text", "kind", "names"),
    [
        ("x.<a>", "filter", ("a",)),
        ("x/<a|p:b>", "children", ("a", "p:b")),
        ("x/<*>", "children", ("*",)),
        ("x/*", "all", ()),
        ("x/**/<p:*>", "descendants", ("p:*",)),
        ("x/<map>", "children", ("map",)),
    ],
)
def test_navigation_steps(text: str, kind: str, names: tuple[str, ...]) -> None:
    e = init_of(text)
    assert isinstance(e, XmlNavigation)
    assert (e.kind, e.names) == (kind, names)


@pytest.mark.parametrize("text", ["a / <float>b", "a/<float>b", "a / <int>(b + 1)"])
def test_division_by_a_cast_stays_a_division(text: str) -> None:
    e = init_of(text)
    assert isinstance(e, ast.Binary) and e.op == "/" and isinstance(e.right, ast.Cast)


def test_step_before_a_query_keyword() -> None:
    e = init_of("from var b in x/<b> select b")
    assert isinstance(e, ast.QueryExpr)
    assert isinstance(e.clauses[0].expr, XmlNavigation)


def test_xmlns_declarations() -> None:
    result = parse_text(
        'xmlns "http://a" as a;\nxmlns "http://d";\nfunction f() {\n    xmlns "http://b" as b;\n}\n', "p.bal"
    )
    assert result.ok
    decls = [m for m in result.module.members if isinstance(m, XmlnsDecl)]
    assert [(d.prefix, d.uri.value) for d in decls] == [("a", "http://a"), (None, "http://d")]
    stmt = result.module.members[2].body.statements[0]
    assert isinstance(stmt, XmlnsStmt) and stmt.prefix == "b"


@pytest.mark.parametrize(
    ("literal", "message", "column"),
    [
        ("<a><b></a>", "mismatched tag", 26),
        ("<a>&nope;</a>", "undefined entity", 21),
        ("<${n}/>", "an interpolation can stand in content and attribute values only, not here", 19),
        ("<?xml version='1.0'?><a/>", "an XML declaration is not allowed here", 18),
    ],
)
def test_malformed_literal_is_an_error_at_the_literal(literal: str, message: str, column: int) -> None:
    result = parse_text(f"function f() {{\n    xml x = xml `{literal}`;\n}}\n", "p.bal")
    errors = [d for d in result.diagnostics if d.is_error]
    assert len(errors) == 1, errors
    assert errors[0].message == f"invalid XML literal: {message}"
    assert (errors[0].span.line, errors[0].span.column) == (2, column)  # the literal's text starts at 18


def test_statement_starting_with_a_navigation_step() -> None:
    text = "function f() {\n    x/<b>.forEach(g);\n    x.<a>.forEach(g);\n    x/*.forEach(g);\n}\n"
    result = parse_text(text, "p.bal")
    assert result.ok, [d.message for d in result.diagnostics]
    calls = [s.expr for s in result.module.members[0].body.statements]
    assert [c.target.kind for c in calls] == ["children", "filter", "all"]
