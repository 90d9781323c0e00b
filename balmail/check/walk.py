"""Generic AST traversal for the lint rules: children of any node, a depth-first walk, and the small
lookups several rules share (which prefix a module is imported under, module-level declarations).

Rules walk the tree through these helpers, never through node-specific visitors, so a node kind added to
the AST later is still traversed.
"""

from __future__ import annotations

import bisect
import itertools
import weakref
from collections.abc import Callable, Iterator

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
        if nodes is None:  # without the module itself: a value referring to its key would keep it alive
            nodes = _MODULE_ORDER[node] = _preorder(node)[1:]
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
        index = {}
        for node in walk(module):
            if node is not module:
                found = index.get(type(node))
                if found is None:
                    index[type(node)] = [node]
                else:
                    found.append(node)
        _MODULE_KINDS[module] = index
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
        """The nodes whose span lies inside `span`, by start."""
        i = bisect.bisect_left(self.starts, span.start)
        nodes, end = self.nodes, span.end
        while i < len(nodes) and nodes[i].span.start < end:
            if nodes[i].span.end <= end:
                yield nodes[i]
            i += 1


def functions_of(module: ast.Module) -> list[ast.Node]:
    """The function nodes under `module` (classes named in FUNCTION_KINDS), grouped by class."""
    nodes_of(module)  # builds the index
    index = _MODULE_KINDS[module]
    return [node for cls, nodes in index.items() if cls.__name__ in FUNCTION_KINDS for node in nodes]


def _preorder(node: ast.Node) -> list[ast.Node]:
    """`_walk(node, None)` as a list, built without a generator (the order of a whole module)."""
    out: list[ast.Node] = []
    stack = [node]
    add, pop, push, children = out.append, stack.pop, stack.extend, ast.children
    while stack:
        current = pop()
        add(current)
        found = children(current)
        if found:
            found.reverse()
            push(found)
    return out


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
