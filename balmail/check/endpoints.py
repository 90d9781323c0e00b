"""Which email listeners and clients a program creates, and the name each one is known by in the
`[balmail.listeners.NAME]` / `[balmail.clients.NAME]` sections of Config.toml (docs/config.md).

A name is the variable the `new` expression initialises or is assigned to (module-level or local,
`self.x` in a class), or, for a listener written inline as `service "name" on new ...`, the service
name. The place of the `new` (its span) is the key the runtime uses to find an endpoint's name when
the listener or client is constructed, so the evaluator needs no knowledge of variable names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from balmail.check.walk import import_prefix, walk
from balmail.source import Span
from balmail.syntax import ast

EMAIL_MODULE = "ballerina/email"
CLASSES: dict[str, tuple[str, str]] = {
    "PopListener": ("listener", "pop3"),
    "ImapListener": ("listener", "imap"),
    "PopClient": ("client", "pop3"),
    "ImapClient": ("client", "imap"),
    "SmtpClient": ("client", "smtp"),
}
"""Class name → (role, protocol)."""


@attrs.frozen
class Endpoint:
    """One `new` of an email listener or client: its name (None when it has none), role, protocol."""

    name: str | None
    role: str  # "listener" | "client"
    protocol: str  # "pop3" | "imap" | "smtp"
    span: Span

    @property
    def site(self) -> tuple[str, int]:
        return site_key(self.span)


def site_key(span: Span) -> tuple[str, int]:
    """What identifies a `new` expression at run time: file and start offset."""
    return (span.file, span.start)


def find_endpoints(module: ast.Module) -> list[Endpoint]:
    """Every email listener and client construction in the module, in source order."""
    prefix = import_prefix(module, EMAIL_MODULE)
    if prefix is None:
        return []
    found: dict[tuple[str, int], Endpoint] = {}
    for node in walk(module):
        for endpoint in _endpoints_of(node, prefix):
            found.setdefault(endpoint.site, endpoint)
    # `new` expressions nobody names (an argument, a returned value) still count: dev redirects them
    for node in walk(module):
        if isinstance(node, ast.NewExpr):
            kind = _class_of(node.type, prefix)
            key = site_key(node.span)
            if kind is not None and key not in found:
                found[key] = Endpoint(None, kind[0], kind[1], node.span)
    return sorted(found.values(), key=lambda e: e.span.start)


def find_program_endpoints(modules: Iterable[tuple[str, ast.Module]]) -> list[Endpoint]:
    """Every endpoint of a program's modules, given as (module name, AST) with "" for the default module.
    A submodule's endpoint is named `module.name` (`util.inbox`), as its listener is in logs and metrics,
    so `[balmail.listeners."util.inbox"]` reaches it."""
    found: list[Endpoint] = []
    for module_name, module in modules:
        for endpoint in find_endpoints(module):
            if module_name and endpoint.name is not None:
                endpoint = attrs.evolve(endpoint, name=f"{module_name}.{endpoint.name}")
            found.append(endpoint)
    return found


def _endpoints_of(node: ast.Node, prefix: str) -> Iterator[Endpoint]:
    if isinstance(node, ast.ListenerDecl):
        yield from _named(node.name, node.type, node.init, prefix)
    elif isinstance(node, ast.ModuleVarDecl | ast.VarDecl):
        if isinstance(node.binding, ast.CaptureBinding) and node.init is not None:
            yield from _named(node.binding.name, node.type, node.init, prefix)
    elif isinstance(node, ast.ObjectField) and node.default is not None:
        yield from _named(node.name, node.type, node.default, prefix)
    elif isinstance(node, ast.Assign):
        target = node.target
        if isinstance(target, ast.VarRef):
            yield from _named(target.name, None, node.value, prefix)
        elif isinstance(target, ast.FieldAccess) and isinstance(target.target, ast.VarRef):
            if target.target.name == "self":
                yield from _named(target.name, None, node.value, prefix)
    elif isinstance(node, ast.ServiceDecl) and node.attach_point is not None:
        point = node.attach_point
        name = "/" + "/".join(point) if isinstance(point, tuple) else point
        for expr in node.listeners:
            yield from _named(name, None, expr, prefix)


def _named(name: str, declared: ast.TypeDesc | None, init: ast.Expr, prefix: str) -> Iterator[Endpoint]:
    new = _new_of(init)
    if new is None:
        return
    kind = _class_of(new.type, prefix) or _class_of(declared, prefix)
    if kind is not None:
        yield Endpoint(name, kind[0], kind[1], new.span)


def _new_of(expr: ast.Expr) -> ast.NewExpr | None:
    """The `new` an initialiser is, under `check`/`checkpanic`/`trap`."""
    while isinstance(expr, ast.CheckExpr | ast.TrapExpr):
        expr = expr.expr
    return expr if isinstance(expr, ast.NewExpr) else None


def _class_of(t: ast.TypeDesc | None, prefix: str) -> tuple[str, str] | None:
    if isinstance(t, ast.TypeRef) and t.prefix == prefix:
        return CLASSES.get(t.name)
    return None
