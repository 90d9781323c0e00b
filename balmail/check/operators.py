"""Expression checks that need the static types of types.py's checker: arithmetic, comparison and equality
on operands of different basic types (`"count: " + n`, `n < "3"`, `n == s`), field access on values that
have no fields (`s.name` on a string), and
statements that drop the value of a method or remote call (`smtp->sendMessage(m);`).

Called from types.py's walk with the checker; like it, silent whenever a type is not certain.
"""

from __future__ import annotations

from typing import Any

from balmail.check.registry import Rule, register, report
from balmail.check.statictypes import display, kinds, without
from balmail.diagnostics import Severity
from balmail.runtime import types as T
from balmail.syntax import ast

OPERATOR = register(
    Rule(
        code="BAL_TYPE_013",
        name="operator-types",
        severity=Severity.ERROR,
        summary="An arithmetic, comparison or equality operator is given operands it is not defined for.",
        what_it_does="Reports `+` and `-` between values of different basic types (a string and an int, an "
        "int and a float), `*`, `/`, `%` across numeric types other than an int times a float or decimal and "
        "a float or decimal divided by (or modulo) an int (`int / float` is refused), and `-`, `*`, `/`, `%` "
        "on strings; `<`, `<=`, `>`, `>=` between different "
        "ordered types (`int` and `string`, `int` and `float`; `()` is allowed on either side); `==`, `!=` "
        "between simple types that share no value (`int` and `string`, a `string` and `()`) and between "
        "function values (which only `===` compares); any arithmetic "
        "on a boolean; unary `!` on anything but a boolean, `-`/`+` on a non-number, `~` on a non-int "
        "(`operator '!' not defined for 'int'`). Numeric literals take the other operand's type, as in "
        "Ballerina.",
        why='Ballerina converts nothing implicitly: `"count: " + n` does not compile.',
        example='function describe(int n) returns string {\n    return "count: " + n;\n}',
        fix='function describe(int n) returns string {\n    return "count: " + n.toString();\n}',
        message="operator '{0}' not defined for '{1}' and '{2}'",
    )
)

_ARITHMETIC = frozenset({"+", "-", "*", "/", "%"})
MIXED_MULTIPLICATIVE = frozenset({
    ("*", "int", "float"), ("*", "float", "int"), ("*", "int", "decimal"), ("*", "decimal", "int"),
    ("/", "float", "int"), ("/", "decimal", "int"), ("%", "float", "int"), ("%", "decimal", "int"),
})  # fmt: skip
"""The multiplicative operators Ballerina defines across numeric types (since 2201.1, spec issue 261): an
int times a float or decimal, a float or decimal divided by an int or taken modulo an int; the result has
the float or decimal operand's type. `int / float`, `int % decimal` and float with decimal stay refused."""
_RELATIONAL = frozenset({"<", "<=", ">", ">="})
_EQUALITY = frozenset({"==", "!="})
_SIMPLE_OR_NIL = frozenset({"int", "float", "decimal", "string", "boolean", "nil"})
_SIMPLE = frozenset({"int", "float", "decimal", "string"})
NO_FIELD_KINDS = frozenset({"int", "float", "decimal", "string", "boolean", "list", "error"})


def _single_kind(t: T.Type | None) -> str | None:
    """The one basic kind (nil aside, as operators lift over nil) of `t`, else None."""
    if t is None:
        return None
    k = kinds(t)
    if k is None:
        return None
    k = k - {"nil"}
    return next(iter(k)) if len(k) == 1 else None


def _report(checker: Any, e: ast.Binary, left: T.Type, right: T.Type) -> None:
    checker.found.append(report(OPERATOR, e.span, e.op, display(left), display(right)))


def _check_comparison(checker: Any, e: ast.Binary) -> None:
    """`<` and friends need one ordered type on both sides (nil lifts); `==` needs types that share a value
    (for simple types: a common basic kind, nil included). Declared types are used even for variables a
    type test narrows elsewhere: narrowing only removes members, so operands whose declared types share no
    kind share none after narrowing either."""
    saved = checker.narrowed
    checker.narrowed = frozenset()
    try:
        left, right = checker.type_of(e.left), checker.type_of(e.right)
        literal = checker.literal_fits(e)
    finally:
        checker.narrowed = saved
    if left is None or right is None or literal:
        return
    if e.op in _RELATIONAL:
        lk, rk = _single_kind(left), _single_kind(right)
        if lk is None or rk is None or lk == rk or lk not in _ORDERED or rk not in _ORDERED:
            return
    else:
        lk_all, rk_all = kinds(left), kinds(right)
        if lk_all == rk_all == {"function"}:
            pass  # `==` compares anydata values: function values only with `===`
        elif not lk_all or not rk_all or not lk_all <= _SIMPLE_OR_NIL or not rk_all <= _SIMPLE_OR_NIL:
            return
        elif lk_all & rk_all:
            return
    _report(checker, e, left, right)


_ORDERED = frozenset({"int", "float", "decimal", "string", "boolean"})


def _check_list_constructors(checker: Any, e: ast.Binary) -> None:
    """Two list constructors, each of the tuple type jBallerina infers for it (`[1, 0.3]` is an
    `[int,float]`): no arithmetic takes lists; `==` needs tuples that can hold the same values (same length)
    and `<` tuples of one ordered type: neither has a position whose members are simple values of different
    basic types."""
    left, right = checker.inferred_tuple(e.left), checker.inferred_tuple(e.right)
    if not isinstance(left, T.TTuple) or not isinstance(right, T.TTuple):
        return
    if e.op in _ARITHMETIC:
        _report(checker, e, left, right)
        return
    if e.op not in _RELATIONAL and e.op not in ("==", "!="):
        return
    disjoint = e.op in ("==", "!=") and len(left.members) != len(right.members)  # `<` orders any lengths
    for a, b in zip(left.members, right.members, strict=False):
        ka, kb = _single_kind(a), _single_kind(b)
        if ka in _ORDERED and kb in _ORDERED and ka != kb:
            disjoint = True
    if disjoint:
        _report(checker, e, left, right)


def check_binary(checker: Any, e: ast.Binary) -> None:
    """`a + b` and friends whose operand types are certain and that no operator accepts."""
    if isinstance(e.left, ast.ListExpr) and isinstance(e.right, ast.ListExpr):
        _check_list_constructors(checker, e)
        return
    if e.op in _RELATIONAL or e.op in _EQUALITY:
        _check_comparison(checker, e)
        return
    if e.op in _BITWISE:
        _check_bitwise(checker, e)
        return
    if e.op in ("&&", "||"):
        _check_logical(checker, e)
        return
    if e.op not in _ARITHMETIC:
        return
    left, right = checker.type_of(e.left), checker.type_of(e.right)
    lk, rk = _single_kind(left), _single_kind(right)
    if "boolean" in (lk, rk) and {lk, rk} <= _SIMPLE | {"boolean"}:
        assert left is not None and right is not None
        _report(checker, e, left, right)  # no arithmetic operator takes a boolean
        return
    if lk is None or rk is None or lk not in _SIMPLE or rk not in _SIMPLE:
        return
    assert left is not None and right is not None
    if lk == rk:
        if lk != "string" or e.op == "+":
            return
    elif lk != "string" and rk != "string":
        if (e.op, lk, rk) in MIXED_MULTIPLICATIVE or checker.literal_fits(e):
            return  # literals take the other side's type
    _report(checker, e, left, right)


_BITWISE = frozenset({"&", "|", "^", "<<", ">>", ">>>"})


def _check_logical(checker: Any, e: ast.Binary) -> None:
    """`&&` and `||` take booleans only (spec, logical-expr; no nil lifting): `n && true` with an int `n`
    is `operator '&&' not defined for 'int' and 'boolean'`."""
    left, right = checker.type_of(e.left), checker.type_of(e.right)
    lk, rk = kinds(left), kinds(right)
    if lk is None or rk is None or lk == rk == {"boolean"}:
        return
    if (lk | rk) <= _SIMPLE | {"boolean", "nil"} and (len(lk) == 1 and len(rk) == 1):
        assert left is not None and right is not None
        _report(checker, e, left, right)


def _check_bitwise(checker: Any, e: ast.Binary) -> None:
    """Bitwise and shift operators take ints only (spec, binary-bitwise-expr and shift-expr): `a == 1 & b`
    with `&` for `&&` is refused, as Ballerina does."""
    left, right = checker.type_of(e.left), checker.type_of(e.right)
    lk, rk = _single_kind(left), _single_kind(right)
    if lk is None or rk is None or not {lk, rk} <= _SIMPLE | {"boolean"} or lk == rk == "int":
        return
    assert left is not None and right is not None
    _report(checker, e, left, right)


def check_field_access(checker: Any, e: ast.FieldAccess) -> bool:
    """`x.name` on a string, number, boolean or list: reported and True, else False."""
    target = checker.type_of(e.target)
    if target is None:
        return False
    k = kinds(target)
    if k is None or len(k) != 1 or not k <= NO_FIELD_KINDS:
        return False
    checker.found.append(
        report(
            "BAL_TYPE_005",
            e.span,
            message=f"invalid operation: type '{display(target)}' does not support field access",
        )
    )
    return True


def check_dropped_value(checker: Any, s: ast.ExprStmt) -> None:
    """A method or remote call statement whose result is certainly not `()` (module functions are
    flow.dropped_results')."""
    call, checked = s.expr, False
    if isinstance(call, ast.CheckExpr):
        call, checked = call.expr, True
    if not isinstance(call, ast.MethodCall | ast.RemoteCall):
        return
    t = checker.type_of(call)
    if t is None:
        return
    k = kinds(t)
    if k is None:
        return
    if checked:
        stripped = without(t, "error")
        k = kinds(stripped) if stripped is not None else None
        if k is None:
            return
    if k - {"nil"}:
        checker.found.append(report("BAL_TYPE_008", s.span))
    elif "error" in k:
        checker.found.append(
            report(
                "BAL_TYPE_008",
                s.span,
                help="the call can return an error: write `check` before it, or keep it "
                "(`error? e = ...;`) and handle it",
            )
        )


_UNARY_OPERANDS = {
    "!": frozenset({"boolean"}),
    "-": _SIMPLE - {"string"},
    "+": _SIMPLE - {"string"},
    "~": frozenset({"int"}),
}
"""The basic kinds each unary operator is defined for (spec, unary-expr); `-`, `+` and `~` lift over nil,
`!` does not."""


def check_unary(checker: Any, e: ast.Unary) -> None:
    """`!n` on an int, `-b` on a boolean, `~b`: an operand no value of which the operator accepts."""
    allowed = _UNARY_OPERANDS.get(e.op)
    if allowed is None:
        return
    t = checker.type_of(e.operand)
    k = kinds(t)
    if t is None or not k:
        return
    if e.op != "!":
        k = k - {"nil"}
    if k and not k & allowed:
        message = f"operator '{e.op}' not defined for '{display(t)}'"
        checker.found.append(report(OPERATOR, e.span, message=message))


_NUMERIC_KINDS = frozenset({"int", "float", "decimal"})


def check_cast(checker: Any, e: ast.Cast) -> None:
    """`<int>b` with `b` a boolean: a type cast succeeds only for a value of both types, or a numeric value
    converted to another numeric type (spec, type-cast-expr), so operands sharing no basic kind with the
    target, numbers aside, cannot be cast; nor can a number whose type the target lacks when the target has
    several numeric types to convert it to (`<int|decimal>f`)."""
    if e.type is None:
        return
    target = checker.resolver.resolve(e.type)
    found = checker.type_of(e.expr)
    tk, fk = kinds(target), kinds(found)
    if target is None or found is None or tk is None or not fk:
        return
    numeric_targets = tk & _NUMERIC_KINDS
    if len(numeric_targets) > 1 and (fk & _NUMERIC_KINDS) - tk:
        pass  # `<int|decimal>f`: which numeric type a float would be converted to is ambiguous
    elif fk & tk or (fk & _NUMERIC_KINDS and numeric_targets):
        return
    message = f"incompatible types: '{display(found)}' cannot be cast to '{display(target)}'"
    checker.found.append(report("BAL_TYPE_001", e.span, message=message))
