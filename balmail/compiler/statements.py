"""Statements → closures `exec(frame) -> signal` (the path for statements the generated code
of stmtgen.py does not emit itself).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from balmail.compiler import (
    dispatch,
    expressions,
    patterns,
    queries,
    stmtgen,
    typedesc,
)
from balmail.compiler.core import BRK, CNT, RET, CompileError, Compiler
from balmail.runtime import types as T
from balmail.runtime.access import fill_field, fill_member, iterate, store_field, store_member
from balmail.runtime.errors import BallerinaPanic, FailSignal, runtime_panic
from balmail.runtime.functions import Eval, Exec
from balmail.runtime.strands import Strands
from balmail.runtime.values import BError
from balmail.syntax import ast

# ------------------------------------------------------------ statements


def block_body(cx: Compiler, block: ast.Block) -> Exec:
    return stmtgen.gen_block_function(cx, block)


def stmt(cx: Compiler, s: ast.Stmt) -> Exec:
    method = dispatch.handler("stmt_", type(s).__name__)
    if method is None:
        raise CompileError(f"statement not supported: {type(s).__name__}", s.span)
    return method(cx, s)


def stmt_BlockStmt(cx: Compiler, s: ast.BlockStmt) -> Exec:
    return block_body(cx, s.block)


def stmt_VarDecl(cx: Compiler, s: ast.VarDecl) -> Exec:
    t = typedesc.resolve_type(cx, s.type) if s.type is not None else None
    ev = expressions.expr(cx, s.init, t) if s.init is not None else None
    if t is None and s.init is not None:
        t = expressions.static_type(cx, s.init)
    if isinstance(s.binding, ast.CaptureBinding):
        slot = cx.scope.declare(s.binding.name, t)
        if ev is None:
            return _noop
        if s.final and t is not None and getattr(T.resolve(t), "readonly", False) is True:
            from balmail.runtime.ops import freeze

            def decl_ro(f: list[Any]) -> None:
                f[slot] = freeze(ev(f))

            return decl_ro

        def decl(f: list[Any]) -> None:
            f[slot] = ev(f)

        return decl
    if isinstance(s.binding, ast.WildcardBinding):
        if ev is None:
            return _noop

        def ignore(f: list[Any]) -> None:
            ev(f)

        return ignore
    binder = patterns.binding(cx, s.binding, t)
    assert ev is not None

    def destructure(f: list[Any]) -> None:
        binder(f, ev(f))

    return destructure


def stmt_Assign(cx: Compiler, s: ast.Assign) -> Exec:
    target = s.target
    expected = expressions.static_type(cx, target)
    ev = expressions.expr(cx, s.value, expected)
    return assigner(cx, target, ev)


def assigner(cx: Compiler, target: ast.Expr, ev: Eval) -> Exec:
    if isinstance(target, ast.VarRef):
        found = cx.scope.lookup(target.name)
        if found is not None:
            depth, slot, _ = found
            if depth == 0:

                def set0(f: list[Any]) -> None:
                    f[slot] = ev(f)

                return set0
            if depth == 1:

                def set1(f: list[Any]) -> None:
                    f[0][slot] = ev(f)

                return set1

            def setn(f: list[Any]) -> None:
                e = f
                for _ in range(depth):
                    e = e[0]
                e[slot] = ev(f)

            return setn
        entry = cx.names.get(target.name)
        if entry is None or entry.kind != "var":
            raise CompileError(f"cannot assign to '{target.name}'", target.span)
        G = cx.G
        gslot = entry.value

        def setg(f: list[Any]) -> None:
            G[gslot] = ev(f)

        return setg
    if isinstance(target, ast.FieldAccess):
        obj = lvalue_container(cx, target.target)
        name = target.name

        def setfield(f: list[Any]) -> None:
            o = obj(f)
            v = ev(f)
            store_field(o, name, v)

        return setfield
    if isinstance(target, ast.MemberAccess):
        obj = lvalue_container(cx, target.target)
        idx = expressions.expr(cx, target.index)
        sb = cx.sb
        literal_key = isinstance(target.index, ast.Literal) and target.index.kind == "string"

        def setmember(f: list[Any]) -> None:
            o = obj(f)
            i = idx(f)
            store_member(o, i, ev(f), sb, literal_key)

        return setmember
    raise CompileError("invalid assignment target", target.span)


def lvalue_container(cx: Compiler, e: ast.Expr) -> Eval:
    """The container of an lvalue (`v[3]` in `v[3][7] = 42`, `r.inner` in `r.inner.x = 1`), read so that a
    missing member is created from its type's filler value (spec: lvalues, filling read)."""
    if isinstance(e, ast.MemberAccess) and type(e.target).__name__ != "XmlNavigation":
        obj = lvalue_container(cx, e.target)
        idx = expressions.expr(cx, e.index)
        sb = cx.sb

        def filling_member(f: list[Any]) -> Any:
            return fill_member(obj(f), idx(f), sb)

        return filling_member
    if isinstance(e, ast.FieldAccess) and not e.optional:
        inner = lvalue_container(cx, e.target)
        name = e.name

        def filling_field(f: list[Any]) -> Any:
            return fill_field(inner(f), name)

        return filling_field
    return expressions.expr(cx, e)


def stmt_CompoundAssign(cx: Compiler, s: ast.CompoundAssign) -> Exec:
    from balmail.runtime.ops import BINARY

    op = BINARY[s.op]
    expected = expressions.static_type(cx, s.target)
    cur = expressions.expr(cx, s.target)
    rhs = expressions.expr(cx, s.value, expected)
    if s.op == "+":
        from balmail.runtime.ops import add as op_add

        sb = cx.sb

        def combined(f: list[Any]) -> Any:
            a = cur(f)
            b = rhs(f)
            if type(a) is int and type(b) is int:
                r = a + b
                if -9223372036854775808 <= r <= 9223372036854775807:
                    return r
            if type(a) is str and type(b) is str and len(a) + len(b) > sb.fast_size:
                sb.check_size(len(a) + len(b))  # before the string is built
            return op_add(a, b)

        return assigner(cx, s.target, combined)
    return assigner(cx, s.target, lambda f: op(cur(f), rhs(f)))


def stmt_Destructure(cx: Compiler, s: ast.Destructure) -> Exec:
    ev = expressions.expr(cx, s.value)
    binder = patterns.binding(cx, s.binding, None, assign=True)

    def run(f: list[Any]) -> None:
        binder(f, ev(f))

    return run


def stmt_IgnoreStmt(cx: Compiler, s: ast.IgnoreStmt) -> Exec:
    ev = expressions.expr(cx, s.value)

    def run(f: list[Any]) -> None:
        ev(f)

    return run


def stmt_ExprStmt(cx: Compiler, s: ast.ExprStmt) -> Exec:
    ev = expressions.expr(cx, s.expr)

    def run(f: list[Any]) -> None:
        ev(f)

    return run


def stmt_If(cx: Compiler, s: ast.If) -> Exec:
    cond = expressions.expr(cx, s.cond, T.BOOLEAN)
    then = block_body(cx, s.then)
    if s.otherwise is None:

        def if_(f: list[Any]) -> Any:
            if cond(f):
                return then(f)
            return None

        return if_
    other = block_body(cx, s.otherwise) if isinstance(s.otherwise, ast.Block) else stmt(cx, s.otherwise)

    def if_else(f: list[Any]) -> Any:
        if cond(f):
            return then(f)
        return other(f)

    return if_else


def with_on_fail(cx: Compiler, run: Exec, on_fail: ast.OnFail | None) -> Exec:
    if on_fail is None:
        return run
    with cx.scope.block():
        bind: Callable[[list[Any], Any], None] | None = None
        if on_fail.binding is not None:
            bt = on_fail.binding.type
            t = typedesc.resolve_type(cx, bt) if bt is not None else T.ERROR
            bind = patterns.binding(cx, on_fail.binding.binding, t)
        handler = block_body(cx, on_fail.body)

    def guarded(f: list[Any]) -> Any:
        try:
            return run(f)
        except FailSignal as e:
            if bind is not None:
                bind(f, e.error)
            return handler(f)

    return guarded


def stmt_While(cx: Compiler, s: ast.While) -> Exec:
    cond = expressions.expr(cx, s.cond, T.BOOLEAN)
    with cx.scope.loop():
        body = block_body(cx, s.body)
    sb = cx.sb

    def while_(f: list[Any]) -> Any:
        while cond(f):
            sb.steps -= 1
            if sb.steps < 0:
                sb.refill()
            r = body(f)
            if r is not None:
                if r == BRK:
                    break
                if r == CNT:
                    continue
                return r
        return None

    return with_on_fail(cx, while_, s.on_fail)


def stmt_Foreach(cx: Compiler, s: ast.Foreach) -> Exec:
    sb = cx.sb
    it = s.iterable
    if isinstance(it, ast.RangeExpr) and isinstance(s.binding.binding, ast.CaptureBinding):
        lo = expressions.expr(cx, it.start, T.INT)
        hi = expressions.expr(cx, it.end, T.INT)
        inclusive = it.inclusive
        with cx.scope.block():
            slot = cx.scope.declare(s.binding.binding.name, T.INT)
            with cx.scope.loop():
                body = block_body(cx, s.body)

        def for_range(f: list[Any]) -> Any:
            end = hi(f)
            for i in range(lo(f), end + 1 if inclusive else end):
                sb.steps -= 1
                if sb.steps < 0:
                    sb.refill()
                f[slot] = i
                r = body(f)
                if r is not None:
                    if r == BRK:
                        break
                    if r == CNT:
                        continue
                    return r
            return None

        return with_on_fail(cx, for_range, s.on_fail)
    src = expressions.expr(cx, it)
    src_t = expressions.static_type(cx, it)
    with cx.scope.block():
        bt = s.binding.type
        t = typedesc.resolve_type(cx, bt) if bt is not None else _iter_elem_type(src_t)
        if isinstance(s.binding.binding, ast.CaptureBinding):
            slot = cx.scope.declare(s.binding.binding.name, t)
            bind = None
        else:
            slot = -1
            bind = patterns.binding(cx, s.binding.binding, t)
        with cx.scope.loop():
            body = block_body(cx, s.body)

    def foreach(f: list[Any]) -> Any:
        for v in iterate(src(f)):
            sb.steps -= 1
            if sb.steps < 0:
                sb.refill()
            if bind is None:
                f[slot] = v
            else:
                bind(f, v)
            r = body(f)
            if r is not None:
                if r == BRK:
                    break
                if r == CNT:
                    continue
                return r
        return None

    return with_on_fail(cx, foreach, s.on_fail)


def stmt_Break(cx: Compiler, s: ast.Break) -> Exec:
    return lambda f: BRK


def stmt_Continue(cx: Compiler, s: ast.Continue) -> Exec:
    return lambda f: CNT


def stmt_Return(cx: Compiler, s: ast.Return) -> Exec:
    if s.value is None:
        return lambda f: RET
    ev = expressions.expr(cx, s.value, cx.scope.ret_type)

    def ret(f: list[Any]) -> int:
        f[1] = ev(f)
        return RET

    return ret


def stmt_Panic(cx: Compiler, s: ast.Panic) -> Exec:
    ev = expressions.expr(cx, s.value, T.ERROR)

    def panic(f: list[Any]) -> None:
        v = ev(f)
        if not isinstance(v, BError):
            raise runtime_panic("TypeCastError", "panic requires an error value")
        raise BallerinaPanic(v)

    return panic


def stmt_Fail(cx: Compiler, s: ast.Fail) -> Exec:
    ev = expressions.expr(cx, s.value, T.ERROR)

    def fail(f: list[Any]) -> None:
        raise FailSignal(ev(f))

    return fail


def stmt_Lock(cx: Compiler, s: ast.Lock) -> Exec:
    """`lock { ... }`: excludes every other `lock` block of the program (runtime/strands.py)."""
    body = with_on_fail(cx, block_body(cx, s.body), s.on_fail)
    strands = Strands.of(cx.ctx)

    def lock(f: list[Any]) -> Any:
        with strands.lock_statement():
            return body(f)

    return lock


def stmt_Do(cx: Compiler, s: ast.Do) -> Exec:
    return with_on_fail(cx, block_body(cx, s.body), s.on_fail)


def stmt_Retry(cx: Compiler, s: ast.Retry) -> Exec:
    count = 3
    if s.args:
        first = s.args[0]
        if isinstance(first, ast.Literal) and isinstance(first.value, int):
            count = first.value
    body = block_body(cx, s.body)

    def retry(f: list[Any]) -> Any:
        for attempt in range(count + 1):
            try:
                return body(f)
            except FailSignal:
                if attempt == count:
                    raise
        return None

    return with_on_fail(cx, retry, s.on_fail)


def stmt_Match(cx: Compiler, s: ast.Match) -> Exec:
    subject = expressions.expr(cx, s.expr)
    subject_t = expressions.static_type(cx, s.expr)
    clauses = []
    for c in s.clauses:
        with cx.scope.block():
            pats = [patterns.pattern(cx, p, subject_t) for p in c.patterns]
            guard = expressions.expr(cx, c.guard, T.BOOLEAN) if c.guard is not None else None
            body = block_body(cx, c.body)
        clauses.append((pats, guard, body))

    def match(f: list[Any]) -> Any:
        v = subject(f)
        for pats, guard, body in clauses:
            for p in pats:
                if p(f, v):
                    if guard is None or guard(f):
                        return body(f)
                    break
        return None

    return with_on_fail(cx, match, s.on_fail)


def stmt_QueryAction(cx: Compiler, s: ast.QueryAction) -> Exec:
    return queries.query_action(cx, s)


_UNSET = object()


def _noop(f: list[Any]) -> None:
    return None


def _iter_elem_type(t: T.Type | None) -> T.Type | None:
    if t is None:
        return None
    r = T.resolve(t)
    if isinstance(r, T.TArray):
        return r.element
    if isinstance(r, T.TMap):
        return r.constraint
    if isinstance(r, T.TString):
        return T.STRING
    return None
