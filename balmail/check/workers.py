"""Name checks of named workers and worker messages (docs/workers.md): worker names are variables (their
futures) visible to the default worker and to each other; a message names a peer worker of the same
function (or `fork`), or `function`. The name checker calls in here for the worker node kinds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from balmail.check.registry import Rule, register, report
from balmail.diagnostics import Severity
from balmail.source import Span
from balmail.syntax import ast
from balmail.syntax import ast_workers as W

if TYPE_CHECKING:
    from balmail.check.names import NameChecker

UNDEFINED_WORKER = register(
    Rule(
        code="BAL_WORKER_001",
        name="undefined-worker",
        severity=Severity.ERROR,
        summary="A worker message, `flush` or receive names a worker the function does not declare.",
        what_it_does="Reports `v -> W`, `v ->> W`, `<- W` and `flush W` where `W` is neither a named worker "
        "of the same function (or `fork` statement) nor `function`, the function's default worker.",
        why="There is no such worker to exchange messages with; Ballerina rejects the program.",
        example="public function main() {\n    worker A {\n        1 -> C;\n    }\n}",
        fix="public function main() {\n    worker A {\n        1 -> function;\n    }\n    int x = <- A;\n}",
        message="undefined worker '{0}'",
    )
)

MISPLACED_WORKER = register(
    Rule(
        code="BAL_WORKER_002",
        name="misplaced-worker-declaration",
        severity=Severity.ERROR,
        summary="A named worker is declared inside a nested block.",
        what_it_does="Reports `worker W { }` anywhere but the top level of a function body or a `fork`.",
        why="Ballerina starts named workers when the function's body reaches them at its top level; a worker "
        "inside an `if`, a loop or a block is refused.",
        example="public function main() {\n    if true {\n        worker A {\n        }\n    }\n}",
        fix="public function main() {\n    worker A {\n    }\n}",
        message="named worker declaration is allowed only at the top level of a function body or in a "
        "fork statement",
    )
)


def _peers(checker: NameChecker) -> list[set[str]]:
    stack = getattr(checker, "worker_peers", None)
    if stack is None:
        stack = checker.worker_peers = []  # type: ignore[attr-defined]
    return stack  # type: ignore[no-any-return]


@contextmanager
def function_body(checker: NameChecker, block: ast.Block, top: bool) -> Iterator[None]:
    """Walk `block`; at a function body's top level, its named workers are declared first (they see each
    other) and become the peers messages may name."""
    decls = [s for s in block.statements if isinstance(s, W.WorkerDecl)]
    if not top:
        for d in decls:
            checker.report(MISPLACED_WORKER.code, d.span)
    if not decls or not top:
        yield
        return
    for d in decls:
        checker._declare(d.name, d.name_span)
    _peers(checker).append({d.name for d in decls} | {W.DEFAULT_WORKER})
    try:
        yield
    finally:
        _peers(checker).pop()


def stmt(checker: NameChecker, s: ast.Stmt) -> None:
    """A worker declaration, `fork` or send statement."""
    if isinstance(s, W.WorkerDecl):
        _worker_body(checker, s)
    elif isinstance(s, W.Fork):
        for d in s.workers:
            checker._declare(d.name, d.name_span)
        _peers(checker).append({d.name for d in s.workers})
        try:
            for d in s.workers:
                _worker_body(checker, d)
        finally:
            _peers(checker).pop()
    elif isinstance(s, W.WorkerSend):
        checker._expr(s.value)
        _peer(checker, s.peer, s.peer_span)


def _worker_body(checker: NameChecker, d: W.WorkerDecl) -> None:
    _returns(checker, d)
    for annotation in d.annotations:
        checker._annotation(annotation)
    checker._type_opt(d.returns)
    saved_loops, checker.loop_depth = checker.loop_depth, 0
    checker._push(is_function=True)
    checker._block(d.body, new_scope=False, top=True)
    checker._pop()
    checker.loop_depth = saved_loops


def _returns(checker: NameChecker, d: W.WorkerDecl) -> None:
    """A worker's body is checked like a function's against the worker's return type: it must not fall
    off its end when that type has no `()`, and a `check` needs an error in it (Ballerina's messages)."""
    from balmail.check.returns import CHECK_WITHOUT_ERROR, _error_free, _unhandled_checks
    from balmail.check.types import MISSING_RETURN, _allows_nil, _closing, _completes

    if d.returns is not None and not _allows_nil(d.returns) and _completes(d.body):
        checker.found.append(report(MISSING_RETURN, _closing(d.body.span)))
    if _error_free(d.returns):
        for check in _unhandled_checks(d.body):
            help_text = (
                f"add `returns error?` to worker '{d.name}', or handle the error with `do {{ ... }} on fail`"
            )
            checker.found.append(report(CHECK_WITHOUT_ERROR, check.span, help=help_text))


def expr(checker: NameChecker, e: ast.Node) -> None:
    """A sync send, receive or flush: its peers must be workers of the enclosing function."""
    if isinstance(e, W.SyncSend):
        checker._expr(e.value)
        _peer(checker, e.peer, e.peer_span)
    elif isinstance(e, W.WorkerReceive | W.MultipleReceive):
        peers = e.peers if isinstance(e, W.WorkerReceive) else tuple(p for _, p in e.fields)
        for peer, span in zip(peers, e.peer_spans, strict=True):
            _peer(checker, peer, span)
    elif isinstance(e, W.Flush) and e.peer is not None and e.peer_span is not None:
        _peer(checker, e.peer, e.peer_span)


WORKER_EXPRS = (W.SyncSend, W.WorkerReceive, W.MultipleReceive, W.Flush)
WORKER_STMTS = (W.WorkerDecl, W.Fork, W.WorkerSend)


def _peer(checker: NameChecker, peer: str, span: Span) -> None:
    stack = _peers(checker)
    if stack and peer not in stack[-1]:
        checker.report(UNDEFINED_WORKER.code, span, peer)
    elif not stack and peer != W.DEFAULT_WORKER:
        checker.report(UNDEFINED_WORKER.code, span, peer)
