"""Expressions group by Ballerina's operator precedence and associativity (spec, "Expressions")."""

from __future__ import annotations

import pytest

from balmail.syntax import ast
from balmail.syntax.parser import parse_text


def show(e: ast.Node) -> str:
    """Fully parenthesised rendering of an expression tree."""
    if isinstance(e, ast.Binary):
        return f"({show(e.left)} {e.op} {show(e.right)})"
    if isinstance(e, ast.IsExpr):
        return f"({show(e.expr)} {'!is' if e.negated else 'is'} T)"
    if isinstance(e, ast.RangeExpr):
        return f"({show(e.start)} {'...' if e.inclusive else '..<'} {show(e.end)})"
    if isinstance(e, ast.Unary):
        return f"({e.op}{show(e.operand)})"
    if isinstance(e, ast.Cast):
        return f"(<T>{show(e.expr)})"
    if isinstance(e, ast.CheckExpr):
        return f"(check {show(e.expr)})"
    if isinstance(e, ast.Elvis):
        return f"({show(e.left)} ?: {show(e.right)})"
    if isinstance(e, ast.Conditional):
        return f"({show(e.cond)} ? {show(e.then)} : {show(e.otherwise)})"
    if isinstance(e, ast.VarRef):
        return e.name
    if isinstance(e, ast.Literal):
        return e.text
    if isinstance(e, ast.Call):
        return f"{show(e.func)}()"
    raise AssertionError(type(e).__name__)


def expr(text: str) -> ast.Expr:
    result = parse_text(f"function f() {{\n    var x = {text};\n}}\n", "p.bal")
    assert result.ok, [d.message for d in result.diagnostics]
    assert result.module is not None
    fn = result.module.members[0]
    assert isinstance(fn, ast.FunctionDefn) and fn.body is not None
    decl = fn.body.statements[0]
    assert isinstance(decl, ast.VarDecl) and decl.init is not None
    return decl.init


@pytest.mark.parametrize(
    ("source", "grouped"),
    [
        ("a + b * c", "(a + (b * c))"),
        ("a - b - c", "((a - b) - c)"),
        ("a * b % c / d", "(((a * b) % c) / d)"),
        ("a << b + c", "(a << (b + c))"),
        ("a >> 2 >>> b", "((a >> 2) >>> b)"),
        ("a > b >> c", "(a > (b >> c))"),
        ("1 ..< n + 1", "(1 ..< (n + 1))"),
        ("a == b < c", "(a == (b < c))"),
        ("a < b == c >= d", "((a < b) == (c >= d))"),
        ("x is T && y", "((x is T) && y)"),
        ("a + b is T", "((a + b) is T)"),
        ("x !is T || y", "((x !is T) || y)"),
        ("a | b ^ c & d", "(a | (b ^ (c & d)))"),
        ("a || b && c", "(a || (b && c))"),
        ("a && b == c", "(a && (b == c))"),
        ("-a * b", "((-a) * b)"),
        ("!a && b", "((!a) && b)"),
        ("<T>x + 1", "((<T>x) + 1)"),
        ("check f() + 1", "((check f()) + 1)"),
        ("a ?: b ?: c", "(a ?: (b ?: c))"),
        ("a || b ?: c", "((a || b) ?: c)"),
        ("c ? a : d ? e : f", "(c ? a : (d ? e : f))"),
        ("x is T ? a : b", "((x is T) ? a : b)"),
        ("a === b != c", "((a === b) != c)"),
    ],
)
def test_precedence(source: str, grouped: str) -> None:
    assert show(expr(source)) == grouped


def test_negative_literal_is_one_literal() -> None:
    e = expr("-9223372036854775808")
    assert isinstance(e, ast.Literal) and e.value == -9223372036854775808
