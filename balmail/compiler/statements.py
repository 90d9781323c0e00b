"""Statements → closures `exec(frame) -> signal`, for the kinds stmtgen.py does not generate itself:
`match`, `do`, `lock`, `retry`, `fail`, destructuring assignment, query actions, and `on fail` (which
stmtgen also uses for loops). Every other statement kind has one backend, stmtgen.py's generated code.
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
from balmail.compiler.core import CompileError, Compiler
from balmail.runtime import types as T
from balmail.runtime.errors import FailSignal
from balmail.runtime.functions import Exec
from balmail.runtime.strands import Strands
from balmail.syntax import ast

# ------------------------------------------------------------ statements


def block_body(cx: Compiler, block: ast.Block) -> Exec:
    return stmtgen.gen_block_function(cx, block)


def stmt(cx: Compiler, s: ast.Stmt) -> Exec:
    method = dispatch.handler("stmt_", type(s).__name__)
    if method is None:
        raise CompileError(f"statement not supported: {type(s).__name__}", s.span)
    return method(cx, s)


def stmt_Destructure(cx: Compiler, s: ast.Destructure) -> Exec:
    ev = expressions.expr(cx, s.value)
    binder = patterns.binding(cx, s.binding, None, assign=True)

    def run(f: list[Any]) -> None:
        binder(f, ev(f))

    return run


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
