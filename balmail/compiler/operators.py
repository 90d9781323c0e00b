"""Unary and binary operators, type tests and casts, `check`/`trap`, conditionals, ranges
and `let`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from balmail.compiler import annotations, expressions, patterns, typedesc
from balmail.runtime import ops
from balmail.runtime import types as T
from balmail.runtime.errors import (
    BallerinaPanic,
    FailSignal,
    overflow,
    runtime_panic,
)
from balmail.runtime.functions import Eval
from balmail.runtime.values import (
    INT_MIN,
    BError,
    BList,
    BTypedesc,
)
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler


def _overflow() -> BallerinaPanic:
    from balmail.runtime.errors import overflow

    return overflow()


# ------------------------------------------------------------ operators


def expr_Unary(cx: Compiler, e: ast.Unary, expected: T.Type | None) -> Eval:
    op = e.op
    if op == "-" and isinstance(e.operand, ast.Literal) and e.operand.kind in ("int", "float", "decimal"):
        v = expressions.literal_value(cx, e.operand, expected)
        nv = -v
        if type(nv) is int and nv < INT_MIN:
            from balmail.compiler.core import CompileError

            raise CompileError("integer literal out of range", e.span)
        return lambda f: nv
    operand = expressions.expr(
        cx, e.operand, expected if op in ("-", "+") else (T.BOOLEAN if op == "!" else expected)
    )
    if op == "-":
        neg = ops.neg
        return lambda f: neg(operand(f))
    if op == "!":
        return lambda f: not operand(f)
    if op == "~":
        bn = ops.bit_not
        return lambda f: bn(operand(f))
    return operand


def expr_Binary(cx: Compiler, e: ast.Binary, expected: T.Type | None) -> Eval:
    op = e.op
    if op == "&&":
        a = expressions.expr(cx, e.left, T.BOOLEAN)
        b = expressions.expr(cx, e.right, T.BOOLEAN)
        return lambda f: a(f) and b(f)
    if op == "||":
        a = expressions.expr(cx, e.left, T.BOOLEAN)
        b = expressions.expr(cx, e.right, T.BOOLEAN)
        return lambda f: a(f) or b(f)
    arith = op in ("+", "-", "*", "/", "%")
    lt = expressions.static_type(cx, e.left)
    rtp = expressions.static_type(cx, e.right)
    if arith:
        lexp = expected if expressions._numeric_want(expected) else None
        lexp = lexp or (rtp if isinstance(e.left, ast.Literal) else None)
        rexp = expected if expressions._numeric_want(expected) else None
        rexp = rexp or (lt if isinstance(e.right, ast.Literal) else None)
    else:
        lexp = rtp if isinstance(e.left, ast.Literal | ast.Unary) else None
        rexp = lt if isinstance(e.right, ast.Literal | ast.Unary) else None
    a = expressions.expr(cx, e.left, lexp)
    b = expressions.expr(cx, e.right, rexp)
    if op == "+":
        add = ops.add
        sb = cx.sb

        def plus(f: list[Any]) -> Any:
            x = a(f)
            y = b(f)
            if type(x) is int and type(y) is int:
                r = x + y
                if -9223372036854775808 <= r <= 9223372036854775807:
                    return r
                raise _overflow()
            if type(x) is str and type(y) is str and len(x) + len(y) > sb.fast_size:
                sb.check_size(len(x) + len(y))  # before the string is built
            return add(x, y)

        return plus
    if op == "-":
        sub = ops.sub
        if isinstance(e.right, ast.Literal) and type(e.right.value) is int and e.right.kind == "int":
            c = e.right.value

            def minus_c(f: list[Any]) -> Any:
                x = a(f)
                if type(x) is int:
                    r = x - c
                    if r >= -9223372036854775808:
                        return r
                    raise _overflow()
                return sub(x, b(f))

            return minus_c

        def minus(f: list[Any]) -> Any:
            x = a(f)
            y = b(f)
            if type(x) is int and type(y) is int:
                r = x - y
                if -9223372036854775808 <= r <= 9223372036854775807:
                    return r
                raise _overflow()
            return sub(x, y)

        return minus
    if op == "*":
        mul = ops.mul

        def times(f: list[Any]) -> Any:
            x = a(f)
            y = b(f)
            if type(x) is int and type(y) is int:
                r = x * y
                if -9223372036854775808 <= r <= 9223372036854775807:
                    return r
                raise _overflow()
            return mul(x, y)

        return times
    if op == "<":

        def less(f: list[Any]) -> bool:
            x = a(f)
            y = b(f)
            if type(x) is int and type(y) is int:
                return x < y
            return ops.lt(x, y)

        return less
    if op == "==":
        sb = cx.sb

        def equal(f: list[Any]) -> bool:
            x = a(f)
            y = b(f)
            tx = type(x)
            if (tx is int or tx is str) and type(y) is tx:
                return x == y
            return ops.deep_equals(x, y, sb)

        return equal
    fn = ops.BINARY.get(op)
    if fn is None:
        from balmail.compiler.core import CompileError

        raise CompileError(f"operator '{op}' not supported", e.span)
    return lambda f: fn(a(f), b(f))


def expr_IsExpr(cx: Compiler, e: ast.IsExpr, expected: T.Type | None) -> Eval:
    t = typedesc.resolve_type(cx, e.type)
    ev = expressions.expr(cx, e.expr)
    contains = t.contains
    if e.negated:
        return lambda f: not contains(ev(f))
    return lambda f: contains(ev(f))


def expr_Cast(cx: Compiler, e: ast.Cast, expected: T.Type | None) -> Eval:
    if e.type is None:
        return expressions.expr(cx, e.expr, expected)
    t = typedesc.resolve_type(cx, e.type)
    ev = expressions.expr(cx, e.expr, t)
    cast = ops.cast
    return lambda f: cast(ev(f), t)


def expr_TypeOf(cx: Compiler, e: ast.TypeOf, expected: T.Type | None) -> Eval:
    ev = expressions.expr(cx, e.expr)

    def typeof(f: list[Any]) -> BTypedesc:
        v = ev(f)
        # a simple value's type is the singleton of that value, as Ballerina prints it (`typedesc 1`)
        if v is None or type(v) in (bool, int, float, expressions.D, str):
            return BTypedesc(T.TSingleton(v))
        return BTypedesc(T.type_of_value(v))

    return typeof


def expr_CheckExpr(cx: Compiler, e: ast.CheckExpr, expected: T.Type | None) -> Eval:
    want = T.union(expected, T.ERROR) if expected is not None else None
    ev = expressions.expr(cx, e.expr, want)
    if e.panics:

        def checkpanic(f: list[Any]) -> Any:
            v = ev(f)
            if isinstance(v, BError):
                raise BallerinaPanic(v)
            return v

        return checkpanic

    def check(f: list[Any]) -> Any:
        v = ev(f)
        if isinstance(v, BError):
            raise FailSignal(v)
        return v

    return check


def expr_TrapExpr(cx: Compiler, e: ast.TrapExpr, expected: T.Type | None) -> Eval:
    ev = expressions.expr(cx, e.expr, expected)
    sb = cx.sb

    def trap(f: list[Any]) -> Any:
        depth = sb.depth
        try:
            return ev(f)
        except BallerinaPanic as p:
            sb.depth = depth
            return p.error
        except RecursionError:
            sb.depth = depth
            return runtime_panic("StackOverflow", "stack overflow").error

    return trap


def expr_Conditional(cx: Compiler, e: ast.Conditional, expected: T.Type | None) -> Eval:
    c = expressions.expr(cx, e.cond, T.BOOLEAN)
    a = expressions.expr(cx, e.then, expected)
    b = expressions.expr(cx, e.otherwise, expected)
    return lambda f: a(f) if c(f) else b(f)


def expr_Elvis(cx: Compiler, e: ast.Elvis, expected: T.Type | None) -> Eval:
    a = expressions.expr(cx, e.left, T.union(expected, T.NIL) if expected is not None else None)
    b = expressions.expr(cx, e.right, expected)

    def elvis(f: list[Any]) -> Any:
        v = a(f)
        return b(f) if v is None else v

    return elvis


def expr_RangeExpr(cx: Compiler, e: ast.RangeExpr, expected: T.Type | None) -> Eval:
    lo = expressions.expr(cx, e.start, T.INT)
    hi = expressions.expr(cx, e.end, T.INT)
    inc = 1 if e.inclusive else 0
    at = T.TArray(T.INT)
    return lambda f: BList(range(lo(f), hi(f) + inc), at)


def expr_LetExpr(cx: Compiler, e: Any, expected: T.Type | None) -> Eval:
    with cx.scope.block():
        lets = []
        for tb, value in e.bindings:
            t = typedesc.resolve_type(cx, tb.type) if tb.type is not None else None
            ev = expressions.expr(cx, value, t)
            bound_t = t if t is not None else expressions.static_type(cx, value)
            lets.append((ev, patterns.binding(cx, tb.binding, bound_t)))
        body = expressions.expr(cx, e.body, expected)

    def let(f: list[Any]) -> Any:
        for ev, bind in lets:
            bind(f, ev(f))
        return body(f)

    return let


def expr_AnnotationAccess(cx: Compiler, e: Any, expected: T.Type | None) -> Eval:
    target = expressions.expr(cx, e.target)
    key = annotations.annotation_key(cx, e.prefix, e.name)
    value_of = annotations.annotation_value

    def annotation(f: list[Any]) -> Any:
        return value_of(target(f), key)

    return annotation


def expr_Spread(cx: Compiler, e: ast.Spread, expected: T.Type | None) -> Eval:
    return expressions.expr(cx, e.expr)


def _ovf(a: Any, b: Any) -> Any:
    raise overflow()
