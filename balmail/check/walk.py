"""Generic AST traversal for the lint rules: children of any node, a depth-first walk, and the small
lookups several rules share (which prefix a module is imported under, module-level declarations).

Rules walk the tree through these helpers, never through node-specific visitors, so a node kind added to
the AST later is still traversed.
"""

from __future__ import annotations

import bisect
import itertools
import weakref
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from balmail.source import Span
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
        if nodes is None:
            nodes = _index(node)[0]
        return itertools.chain((node,), nodes)
    return _walk(node, prune)


_MODULE_KINDS: weakref.WeakKeyDictionary[ast.Node, dict[type, list[ast.Node]]] = weakref.WeakKeyDictionary()
"""The nodes of a module by class, each list in walk order (built once from the walk order above): most
checks look at a few kinds of node, and testing every node of a large file for them, pass after pass,
cost more than the checks."""


def nodes_of(module: ast.Module, *kinds: type) -> list[ast.Node]:
    """The nodes under `module` that are instances of `kinds` (the module itself excluded), grouped by
    class, each group in walk order: use it where the order of different kinds does not matter. The list
    may be the index's own: read it, do not change it."""
    index = _MODULE_KINDS.get(module)
    if index is None:
        index = _index(module)[1]
    groups = [nodes for cls, nodes in index.items() if issubclass(cls, kinds)]
    if len(groups) == 1:
        return groups[0]
    return [node for nodes in groups for node in nodes]


class SpanIndex:
    """Nodes ordered by where they start, to find those inside a span (a function's body) without
    walking it: in an AST a node lies under another exactly when its span lies inside the other's (spans
    are module-wide offsets, also for a package module's several files)."""

    def __init__(self, nodes: list[ast.Node]) -> None:
        self.nodes = sorted(nodes, key=lambda n: n.span.start)
        self.starts = [n.span.start for n in self.nodes]

    def inside(self, span: Span) -> Iterator[ast.Node]:
        """The nodes whose span lies inside `span`, by start (an iterator over a list made at once:
        most spans asked about hold none or a few, and a generator costs more to start)."""
        starts, end = self.starts, span.end
        i = bisect.bisect_left(starts, span.start)
        if i == len(starts) or starts[i] >= end:
            return iter(())
        nodes = self.nodes
        found = []
        for j in range(i, bisect.bisect_left(starts, end, i)):
            node = nodes[j]
            if node.span.end <= end:
                found.append(node)
        return iter(found)


def functions_of(module: ast.Module) -> list[ast.Node]:
    """The function nodes under `module` (classes named in FUNCTION_KINDS), grouped by class."""
    nodes_of(module)  # builds the index
    index = _MODULE_KINDS[module]
    return [node for cls, nodes in index.items() if cls.__name__ in FUNCTION_KINDS for node in nodes]


def _index(module: ast.Module) -> tuple[list[ast.Node], dict[type, list[ast.Node]]]:
    """The module's walk order (without the module itself: a value referring to its key would keep it
    alive) and its nodes by class, made in one walk and kept for the module's later walks."""
    found = _MODULE_ORDER.get(module)
    by_kind = _MODULE_KINDS.get(module)
    if found is not None and by_kind is not None:
        return found, by_kind
    order: list[ast.Node] = []
    by_kind = {}
    stack: list[ast.Node] = []
    add, pop, push = order.append, stack.pop, stack.append
    pushers = ast.children_pushers()
    ast.children_pusher(ast.Module)(module, push)
    while stack:
        current = pop()
        add(current)
        cls = type(current)
        kind = by_kind.get(cls)
        if kind is None:
            by_kind[cls] = [current]
            push_children = ast.children_pusher(cls)
        else:
            kind.append(current)
            push_children = pushers[cls]
        if push_children is not None:
            push_children(current, push)
    _MODULE_ORDER[module] = order
    _MODULE_KINDS[module] = by_kind
    return order, by_kind


def nodes_under(node: ast.Node) -> list[ast.Node]:
    """`list(walk(node))` made without a generator (for small subtrees walked whole, many times)."""
    return ast.subtree(node)


def _walk(node: ast.Node, prune: Callable[[ast.Node], bool] | None) -> Iterator[ast.Node]:
    stack = [node]
    pop, push = stack.pop, stack.append
    pushers = ast.children_pushers()
    while stack:
        current = pop()
        yield current
        if prune is not None and current is not node and prune(current):
            continue
        cls = type(current)
        push_children = pushers[cls] if cls in pushers else ast.children_pusher(cls)
        if push_children is not None:
            push_children(current, push)


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


def assigned_decls(node: ast.Node, refs: Mapping[ast.Node, Any]) -> set[Any]:
    """The variables assigned anywhere under `node` (`x = e`, `x += e`, destructuring and its `...rest`),
    as the declarations the resolve record's `refs` gives their uses."""
    out: set[Any] = set()
    for n in walk(node):
        if isinstance(n, ast.Assign | ast.CompoundAssign) and isinstance(n.target, ast.VarRef):
            targets: list[ast.Node] = [n.target]
        elif isinstance(n, ast.Destructure):
            targets = list(walk(n.binding))
        else:
            continue
        for t in targets:
            d = refs.get(t)
            if d is not None:
                out.add(d)
    return out
