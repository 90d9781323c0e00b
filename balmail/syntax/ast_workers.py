"""AST nodes of Ballerina's concurrency constructs: named workers, `fork`, worker messages (`->`, `->>`,
`<-`), `wait` in its alternate and multiple forms, and `flush` (docs/workers.md). A single `wait f` stays
`ast.WaitExpr`. A peer worker is named by a string; the function's default worker is `"function"`."""

from __future__ import annotations

from balmail.source import Span
from balmail.syntax.ast import Annotation, Block, Expr, Stmt, TypeDesc, node

DEFAULT_WORKER = "function"


@node
class WorkerDecl(Stmt):
    """`worker A returns T { ... }`: runs concurrently with the default worker once declared."""

    name: str
    name_span: Span
    returns: TypeDesc | None
    body: Block
    annotations: tuple[Annotation, ...]


@node
class Fork(Stmt):
    """`fork { worker A {...} worker B {...} }`: the workers start together; their names are futures after."""

    workers: tuple[WorkerDecl, ...]


@node
class WorkerSend(Stmt):
    """`v -> W;` (async: never waits)."""

    value: Expr
    peer: str
    peer_span: Span


@node
class SyncSend(Expr):
    """`v ->> W`: waits until W received the value; `()` or W's error."""

    value: Expr
    peer: str
    peer_span: Span


@node
class WorkerReceive(Expr):
    """`<- W`, or alternate `<- A | B` (the first non-error message) when several peers are given."""

    peers: tuple[str, ...]
    peer_spans: tuple[Span, ...]


@node
class MultipleReceive(Expr):
    """`<- {a: A, b: B}`: a record of one message from each peer."""

    fields: tuple[tuple[str, str], ...]  # (field name, peer)
    peer_spans: tuple[Span, ...]


@node
class AlternateWait(Expr):
    """`wait A | B`: the result of whichever future completes first (a non-error result preferred)."""

    futures: tuple[Expr, ...]


@node
class MultipleWait(Expr):
    """`wait {a: A, b: B}` / `wait {A, B}`: a record of every future's result."""

    fields: tuple[tuple[str, Expr], ...]


@node
class Flush(Expr):
    """`flush W` / `flush`: waits until the messages sent (to W) were received; `()` or the error."""

    peer: str | None
    peer_span: Span | None


@node
class WorkersRegion(Stmt):
    """Made by the compiler, never parsed: a function body from its first named worker on (the workers
    start together, then the default worker runs the other statements; compiler/workers.py)."""

    INTERNAL = True  # not a construct of the language: left out of the supported-subset table

    body: Block
