"""Generic AST traversal for the lint rules: children of any node, a depth-first walk, and the small
lookups several rules share (which prefix a module is imported under, module-level declarations).

Rules walk the tree through these helpers, never through node-specific visitors, so a node kind added to
the AST later is still traversed.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable, Iterator

from balmail.syntax import ast

# By name, so node kinds that only some versions of the AST have (local functions) need no import.
_FUNCTION_BOUNDARIES = frozenset(
    {
        "FunctionDefn",
        "LocalFunction",
        "AnonFunction",
        "ArrowFunction",
        "ObjectConstructor",
        "ClassDefn",
        "ServiceDecl",
        "WorkerDecl",  # `return` and `check` in a named worker's body belong to the worker
    }
)
FUNCTION_KINDS = frozenset({"FunctionDefn", "LocalFunction", "AnonFunction"})


def children(node: ast.Node) -> list[ast.Node]:
    """Direct child nodes in field order (the AST's own generic traversal)."""
    return ast.children(node)


_MODULE_ORDER: weakref.WeakKeyDictionary[ast.Node, list[ast.Node]] = weakref.WeakKeyDictionary()
"""Every node of a module in walk order, built by the first whole-module walk: a dozen checks and lint
rules walk the whole module, and for a large file the walks cost more than the checks themselves."""


def walk(node: ast.Node, prune: Callable[[ast.Node], bool] | None = None) -> Iterator[ast.Node]:
    """Every node under `node` (itself included), depth first in source order. When `prune(n)` is true the
    walk yields `n` but does not enter it."""
    if prune is None and type(node) is ast.Module:
        nodes = _MODULE_ORDER.get(node)
        if nodes is None:  # without the module itself: a value referring to its key would keep it alive
            nodes = _MODULE_ORDER[node] = list(_walk(node, None))[1:]
        return itertools.chain((node,), nodes)
    return _walk(node, prune)


def _walk(node: ast.Node, prune: Callable[[ast.Node], bool] | None) -> Iterator[ast.Node]:
    stack = [node]
    children = ast.children
    while stack:
        current = stack.pop()
        yield current
        if prune is not None and current is not node and prune(current):
            continue
        stack.extend(reversed(children(current)))


def is_function_boundary(node: ast.Node) -> bool:
    """Nodes that start a new function body: what `return` inside them refers to changes."""
    return type(node).__name__ in _FUNCTION_BOUNDARIES


def import_prefix(module: ast.Module, full_name: str) -> str | None:
    """The prefix `module` imports `full_name` (e.g. `ballerina/email`) under, or None."""
    for imp in module.imports:
        if imp.full_name == full_name and imp.alias != "_":
            return imp.prefix
    return None


def prefixes(module: ast.Module) -> dict[str, str]:
    """Prefix → full module name for every import of the file."""
    return {imp.prefix: imp.full_name for imp in module.imports if imp.alias != "_"}


def source_text(text: str, node: ast.Node) -> str:
    """The source text a node was parsed from."""
    return text[node.span.start : node.span.end]
