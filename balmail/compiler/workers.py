"""Named workers, `fork`, worker messages, `wait`, `flush` and `start` (runtime in runtime/workers.py,
design in docs/workers.md).

A function body with named workers is split where the first worker is declared (`function_body`): the
statements before it run as usual, the rest is a `WorkersRegion` that starts every named worker, then
runs the default worker's remaining statements. Worker bodies compile like anonymous functions without
parameters over the function's frame, so they see its parameters and the variables declared before them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from balmail.compiler import expressions, stmtgen, typedesc
from balmail.compiler.core import RET, CompileError
from balmail.compiler.scope import Scope
from balmail.runtime import types as T
from balmail.runtime import workers as rw
from balmail.runtime.errors import BallerinaPanic, FailSignal
from balmail.runtime.functions import Eval, Exec, FunctionInfo
from balmail.runtime.strands import Strands
from balmail.runtime.values import BMap
from balmail.syntax import ast
from balmail.syntax import ast_workers as W

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler


def function_body(block: ast.Block) -> ast.Block:
    """`block` with the statements from its first named worker on gathered into a `WorkersRegion`."""
    stmts = block.statements
    first = next((i for i, s in enumerate(stmts) if isinstance(s, W.WorkerDecl)), None)
    if first is None:
        return block
    rest = stmts[first:]
    region = W.WorkersRegion(span=rest[0].span, body=ast.Block(span=block.span, statements=rest))
    return ast.Block(span=block.span, statements=(*stmts[:first], region))


def _worker_info(cx: Compiler, d: W.WorkerDecl) -> FunctionInfo:
    """A worker body as a function without parameters whose frame's parent is the enclosing frame."""
    info = FunctionInfo(d.name, cx.sb)
    info.ret_type = typedesc.resolve_type(cx, d.returns) if d.returns is not None else T.NIL
    scope = Scope(cx.scope, info.ret_type)
    scope.worker = d.name  # type: ignore[attr-defined]
    with cx.compiling_function(d.name, d.body.span.file, scope, cx.self_class):
        generated = stmtgen.gen_invoke(cx, info, function_body(d.body))
    info.finish(scope.size, generated)
    return info


def _start_all(
    cx: Compiler, decls: list[W.WorkerDecl]
) -> tuple[list[tuple[str, int, FunctionInfo, bool]], Strands]:
    # before the bodies: siblings see them
    slots = [(d.name, cx.scope.declare(d.name, T.ANY, decl=cx.record.decls.get(d))) for d in decls]
    compiled = [
        (name, slot, _worker_info(cx, d), any_thread(d.annotations))
        for (name, slot), d in zip(slots, decls, strict=True)
    ]
    return compiled, Strands.of(cx.ctx)


def _spawn(group: rw.WorkerGroup, f: list[Any], compiled: list[tuple[str, int, FunctionInfo, bool]]) -> None:
    # Started last-declared first: what Ballerina's examples print (docs/workers.md, "Order").
    for name, slot, info, at_once in reversed(compiled):
        f[slot] = group.spawn(name, lambda info=info: info.invoke(f, []), at_once)


def any_thread(annotations: tuple[ast.Annotation, ...]) -> bool:
    """`@strand {thread: "any"}`: Ballerina runs the strand on a thread of its own (docs/workers.md)."""
    for a in annotations:
        if a.prefix is None and a.name == "strand" and a.value is not None:
            for field in a.value.fields:
                value = field.value
                if field.key == "thread" and isinstance(value, ast.Literal) and value.value == "any":
                    return True
    return False


def stmt_WorkersRegion(cx: Compiler, s: W.WorkersRegion) -> Exec:
    decls = [x for x in s.body.statements if isinstance(x, W.WorkerDecl)]
    others = tuple(x for x in s.body.statements if not isinstance(x, W.WorkerDecl))
    compiled, strands = _start_all(cx, decls)
    rest = stmtgen.gen_block_function(cx, ast.Block(span=s.body.span, statements=others))

    def region(f: list[Any]) -> Any:
        group = rw.WorkerGroup(strands)
        _spawn(group, f, compiled)
        group.enter_default()
        try:
            r = rest(f)
        except FailSignal as e:
            group.leave_default(value=e.error)
            raise
        except BallerinaPanic as p:
            group.leave_default(panic=p)
            raise
        except BaseException:
            group.leave_default()
            raise
        group.leave_default(value=f[1] if r == RET else None)
        return r

    return region


def stmt_WorkerDecl(cx: Compiler, s: W.WorkerDecl) -> Exec:
    raise CompileError("a named worker can only be declared in a function body or a 'fork' statement", s.span)


def stmt_Fork(cx: Compiler, s: W.Fork) -> Exec:
    compiled, strands = _start_all(cx, list(s.workers))

    def fork(f: list[Any]) -> None:
        _spawn(rw.WorkerGroup(strands), f, compiled)

    return fork


def stmt_WorkerSend(cx: Compiler, s: W.WorkerSend) -> Exec:
    ev = expressions.expr(cx, s.value)
    peer = s.peer

    def send(f: list[Any]) -> None:
        value = ev(f)
        group, me = rw.current()
        group.send(me, peer, value)

    return send


def expr_SyncSend(cx: Compiler, e: W.SyncSend, expected: T.Type | None) -> Eval:
    ev = expressions.expr(cx, e.value)
    peer = e.peer

    def sync_send(f: list[Any]) -> Any:
        value = ev(f)
        group, me = rw.current()
        return group.sync_send(me, peer, value)

    return sync_send


def expr_WorkerReceive(cx: Compiler, e: W.WorkerReceive, expected: T.Type | None) -> Eval:
    peers = e.peers
    if len(peers) == 1:
        peer = peers[0]

        def receive(f: list[Any]) -> Any:
            group, me = rw.current()
            return group.receive(me, peer)

        return receive

    def alternate_receive(f: list[Any]) -> Any:
        group, me = rw.current()
        return group.alternate_receive(me, peers)

    return alternate_receive


def _mapping_type(expected: T.Type | None) -> T.Type:
    """The inherent type of the record a multiple receive or wait builds: the one expected, if any."""
    r = T.resolve(expected) if expected is not None else None
    if isinstance(r, T.TUnion):
        found = [m for m in T.member_types(r) if isinstance(T.resolve(m), T.TRecord | T.TMap)]
        r = T.resolve(found[0]) if len(found) == 1 else None
    if isinstance(r, T.TRecord | T.TMap):
        return expected if not isinstance(T.resolve(expected), T.TUnion) else r  # type: ignore[return-value]
    return T.TMap(T.ANY)


def expr_MultipleReceive(cx: Compiler, e: W.MultipleReceive, expected: T.Type | None) -> Eval:
    fields = e.fields
    mtype = _mapping_type(expected)

    def multiple_receive(f: list[Any]) -> Any:
        group, me = rw.current()
        return BMap([(name, group.receive(me, peer)) for name, peer in fields], mtype)

    return multiple_receive


def expr_Flush(cx: Compiler, e: W.Flush, expected: T.Type | None) -> Eval:
    peer = e.peer

    def flush(f: list[Any]) -> Any:
        group, me = rw.current()
        return group.flush(me, peer)

    return flush


# ------------------------------------------------------------ futures


def expr_StartExpr(cx: Compiler, e: ast.StartExpr, expected: T.Type | None) -> Eval:
    ev = expressions.expr(cx, e.expr)
    strands = Strands.of(cx.ctx)
    name = cx.current_function
    at_once = any_thread(e.annotations)

    def start(f: list[Any]) -> Any:
        snapshot = f.copy()  # the call sees the variables as they are now, not when its strand runs
        return rw.start(strands, lambda: ev(snapshot), name, at_once)

    return start


def expr_WaitExpr(cx: Compiler, e: ast.WaitExpr, expected: T.Type | None) -> Eval:
    ev = expressions.expr(cx, e.expr)
    strands = Strands.of(cx.ctx)
    return lambda f: rw.wait_one(strands, ev(f))


def expr_AlternateWait(cx: Compiler, e: W.AlternateWait, expected: T.Type | None) -> Eval:
    evs = [expressions.expr(cx, x) for x in e.futures]
    strands = Strands.of(cx.ctx)
    return lambda f: rw.wait_any(strands, [ev(f) for ev in evs])


def expr_MultipleWait(cx: Compiler, e: W.MultipleWait, expected: T.Type | None) -> Eval:
    names = [name for name, _ in e.fields]
    evs = [expressions.expr(cx, x) for _, x in e.fields]
    strands = Strands.of(cx.ctx)
    mtype = _mapping_type(expected)

    def multiple_wait(f: list[Any]) -> Any:
        values = rw.wait_all(strands, [ev(f) for ev in evs])
        return BMap(zip(names, values, strict=True), mtype)

    return multiple_wait
