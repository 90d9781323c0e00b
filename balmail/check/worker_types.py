"""Static types of `wait` and of worker receives (docs/workers.md, "Checks").

* `wait W` on a named worker has W's return type (`()` without `returns`); `wait f` on a `future<T>`
  variable or on `start f()` has T; `wait A | B` the union of its futures' types.
* `<- A | B` (alternate receive) has the union of its receives' types; `<- {a: A, b: B}` and
  `wait {a: A, b: B}` a closed record of each field's receive or wait type.
* `<- W` has the type of the value W sends to this worker (when all its sends here have one type: the
  i-th receive takes the i-th send), plus the error part of W's
  return type (W may end with an error instead of sending: spec, "Single receive action"). It is known
  only when W's body was walked before the receive and every such send is a top-level statement of W
  (a send in a branch adds `error:NoMessage`, left unknown here): anything less certain stays None, so
  no valid program is refused.

The type checker (types.py) owns the walk; this module keeps the per-function worker table.
"""

from __future__ import annotations

from typing import Any

import attrs

from balmail.check.statictypes import display, kinds, union
from balmail.runtime import types as T
from balmail.syntax import ast
from balmail.syntax import ast_workers as W


class FutureOf(T.Type):
    """`future<T>` as the checker sees it: only `wait` looks inside; every other check is silent on it."""

    def __init__(self, result: T.Type) -> None:
        self.result = result

    def contains(self, v: Any) -> bool:
        return False

    def describe(self) -> str:
        return f"future<{display(self.result)}>"


@attrs.define
class _Worker:
    decl: W.WorkerDecl
    returns: T.Type | None  # None: not known
    walked: bool = False


@attrs.define
class WorkerTable:
    """The named workers of one function body (its top level and its `fork` statements)."""

    workers: dict[str, _Worker] = attrs.field(factory=dict)
    sent: dict[tuple[str, str], list[T.Type | None]] = attrs.field(factory=dict)
    conditional: set[tuple[str, str]] = attrs.field(factory=set)  # (sender, receiver) sent from a branch
    current: str = W.DEFAULT_WORKER

    @classmethod
    def of(cls, body: ast.Block, resolve: Any) -> WorkerTable:
        table = cls()
        decls: list[W.WorkerDecl] = []
        for s in body.statements:
            if isinstance(s, W.WorkerDecl):
                decls.append(s)
            elif isinstance(s, W.Fork):
                decls.extend(s.workers)
        for d in decls:
            ret = T.NIL if d.returns is None else resolve(d.returns)
            table.workers[d.name] = _Worker(d, ret)
            _mark_conditional(table, d)
        return table

    def record_send(self, peer: str, t: T.Type | None) -> None:
        self.sent.setdefault((self.current, peer), []).append(t)

    def wait_type(self, target: ast.Expr, type_of: Any) -> T.Type | None:
        if isinstance(target, ast.VarRef) and target.name in self.workers:
            return self.workers[target.name].returns
        if isinstance(target, ast.StartExpr):
            found = type_of(target.expr)
            return found
        t = type_of(target)
        return t.result if isinstance(t, FutureOf) else None

    @staticmethod
    def record_of(fields: list[tuple[str, T.Type | None]]) -> T.Type | None:
        """`<- {a: A, b: B}` / `wait {a: A, b: B}`: a closed record of each field's result type (spec,
        "Multiple receive action", "Multiple wait action"); None unless every field's type is known."""
        if not fields or any(t is None for _, t in fields):
            return None
        return T.TRecord({n: T.Field(n, t, False, None) for n, t in fields if t is not None}, None)

    def receive_type(self, peer: str) -> T.Type | None:
        worker = self.workers.get(peer)
        key = (peer, self.current)
        if worker is None or not worker.walked or key in self.conditional or worker.returns is None:
            return None
        sent = self.sent.get(key)
        if not sent or any(t is None for t in sent):
            return None
        # the i-th receive takes the i-th send: certain only when every send has the same type
        if len({display(t) for t in sent if t is not None}) != 1:
            return None
        found: T.Type | None = sent[0]
        errors = kinds(worker.returns)
        if errors is None:
            return None
        if "error" in errors:
            found = union(found, T.ERROR)
        return found


def _mark_conditional(table: WorkerTable, d: W.WorkerDecl) -> None:
    """The sends of worker `d` that may not happen: below a top-level statement (in a branch or loop), or
    after a statement that may leave the worker early (`return`, `check`, `fail`)."""
    may_leave = False
    for s in d.body.statements:
        send = s if isinstance(s, W.WorkerSend) else None
        if isinstance(s, ast.ExprStmt) and isinstance(s.expr, W.SyncSend):
            send = s.expr
        if send is not None:
            if may_leave:
                table.conditional.add((d.name, send.peer))
            inner = [send.value]
        else:
            inner = [s]
        stack: list[Any] = inner
        while stack:
            n = stack.pop()
            if isinstance(n, W.WorkerSend | W.SyncSend):
                table.conditional.add((d.name, n.peer))
            if isinstance(n, ast.Return | ast.Fail) or (isinstance(n, ast.CheckExpr) and not n.panics):
                may_leave = True
            if isinstance(n, ast.Node):
                stack.extend(ast.children(n))
