"""Rule builders of the workers family (grammar section `workers`): named workers, `fork`, worker
messages, `wait` actions and `flush` (AST in ast_workers.py)."""

from __future__ import annotations

from balmail.syntax import ast
from balmail.syntax import ast_workers as W
from balmail.syntax.build import Builder, _first, _is_token, _of, ident, rule
from balmail.syntax.build_parts import _Annotations, _Returns, _Text
from balmail.syntax.tokens import Token


@rule
def peer_worker(b: Builder, c: list) -> _Text:
    tok = c[0]
    if tok.type == "IDENT":
        return b.text(tok)
    return _Text(W.DEFAULT_WORKER, tok.start_pos + b.base, tok.end_pos + b.base)


@rule
def worker_decl(b: Builder, c: list) -> W.WorkerDecl:
    anns = _first(c, _Annotations)
    name = next(x for x in c if _is_token(x) and x.type == "IDENT")
    returns = _first(c, _Returns)
    return W.WorkerDecl(
        span=b.span(c),
        name=ident(name),
        name_span=b.tspan(name),
        returns=returns.type if returns is not None else None,
        body=_first(c, ast.Block),
        annotations=anns.items if anns else (),
    )


@rule
def fork_stmt(b: Builder, c: list) -> W.Fork:
    return W.Fork(span=b.span(c), workers=tuple(_of(c, W.WorkerDecl)))


@rule
def send_literal(b: Builder, c: list) -> ast.Literal:
    return b.literal(c)  # type: ignore[no-any-return]


@rule
def send_stmt(b: Builder, c: list) -> ast.Stmt:
    value, arrow, peer = c[0], c[1], c[2]
    span = b.span(c)
    if _is_token(arrow, "->>"):
        send = W.SyncSend(span=b.span(c[:3]), value=value, peer=str(peer), peer_span=b.tspan(peer))
        return ast.ExprStmt(span=span, expr=send)
    return W.WorkerSend(span=span, value=value, peer=str(peer), peer_span=b.tspan(peer))


@rule
def sync_send(b: Builder, c: list) -> W.SyncSend:
    peer = c[2]
    return W.SyncSend(span=b.span(c), value=c[0], peer=str(peer), peer_span=b.tspan(peer))


@rule
def action_stmt(b: Builder, c: list) -> ast.ExprStmt:
    return ast.ExprStmt(span=b.span(c), expr=c[0])


@rule
def wait_action(b: Builder, c: list) -> ast.Expr:
    span = b.span(c)
    futures = _of(c, ast.Expr)
    if len(futures) > 1:
        return W.AlternateWait(span=span, futures=tuple(futures))
    only = futures[0]
    if isinstance(only, ast.MappingExpr):
        fields = []
        for f in only.fields:
            if f.kind == "shorthand" and f.key is not None:
                fields.append((f.key, ast.VarRef(span=f.value.span, name=f.key)))
            elif f.kind in ("key", "string") and f.key is not None:
                fields.append((f.key, f.value))
            else:
                b.error("invalid field in a multiple wait: expected 'name: future' or a worker name", f.span)
        return W.MultipleWait(span=span, fields=tuple(fields))
    return ast.WaitExpr(span=span, expr=only)


@rule
def receive_action(b: Builder, c: list) -> W.WorkerReceive:
    peers = [x for x in c if isinstance(x, _Text)]
    return W.WorkerReceive(
        span=b.span(c), peers=tuple(str(p) for p in peers), peer_spans=tuple(b.tspan(p) for p in peers)
    )


@rule
def receive_field(b: Builder, c: list) -> tuple[str, _Text]:
    texts = [x for x in c if isinstance(x, _Text)]
    if len(texts) == 2:
        return str(texts[0]), texts[1]
    text = b.text(c[0])
    return str(text), text


@rule
def multiple_receive(b: Builder, c: list) -> W.MultipleReceive:
    fields = [x for x in c if isinstance(x, tuple)]
    return W.MultipleReceive(
        span=b.span(c),
        fields=tuple((name, str(peer)) for name, peer in fields),
        peer_spans=tuple(b.tspan(peer) for _, peer in fields),
    )


@rule
def flush_action(b: Builder, c: list) -> W.Flush:
    names = [x for x in c if isinstance(x, Token) and x.type == "IDENT"]
    if names:
        return W.Flush(span=b.span(c), peer=ident(names[0]), peer_span=b.tspan(names[0]))
    return W.Flush(span=b.span(c), peer=None, peer_span=None)
