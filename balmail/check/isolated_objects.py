"""The `lock` discipline of isolated objects and isolated variables (spec, "Isolated objects" and
"Isolated variables"), which concurrent email handlers meet first: in an `isolated` class, service or
object constructor a mutable field (one not declared `final`) must be `private` and may be read or
written through `self` only inside a `lock` statement; a module variable declared `isolated` may be
touched only inside a `lock` statement, wherever the reference is.

Only fields not declared `final` count as mutable here (a `final` field of a mutable structured type is
mutable too, which this check leaves to Ballerina). The object's `init` method is not checked: it runs
before the object is shared. A closure created inside a `lock` runs later, outside it, so references in
closure bodies need a `lock` of their own. Messages are jBallerina's.
"""

from __future__ import annotations

from collections.abc import Iterator

from balmail.check.registry import Rule, register, report
from balmail.check.walk import nodes_of, walk
from balmail.diagnostics import Diagnostic, Severity
from balmail.syntax import ast

ISOLATED_OBJECT = register(
    Rule(
        code="BAL_TYPE_113",
        name="isolated-object-state",
        severity=Severity.ERROR,
        summary="Mutable state of an isolated object or an isolated variable is used without a `lock`.",
        what_it_does="Reports, in an `isolated` class, service or object constructor, a mutable field that "
        "is not `private` and a `self.field` access to a mutable field outside a `lock` statement; and "
        "any reference to an `isolated` module variable outside a `lock` statement.",
        why="Ballerina rejects the program: an isolated service's methods may run concurrently (the email "
        "listener dispatches messages in parallel), so its mutable state must be reached under a lock.",
        example="isolated service on inbox {\n    private int seen = 0;\n\n"
        "    remote function onMessage(email:Message message) {\n        self.seen += 1;\n    }\n}",
        fix="isolated service on inbox {\n    private int seen = 0;\n\n"
        "    remote function onMessage(email:Message message) {\n        lock {\n"
        "            self.seen += 1;\n        }\n    }\n}",
        message="invalid access of a mutable field of an 'isolated' object outside a 'lock' statement",
    )
)

_NON_PRIVATE = "invalid non-private mutable field in an 'isolated' object"
_ISOLATED_VARIABLE = "invalid access of an 'isolated' variable outside a 'lock' statement"
_CLOSURES = (ast.AnonFunction, ast.ArrowFunction)


def _outside_lock(node: ast.Node) -> Iterator[ast.Node]:
    """Nodes under `node` not inside a `lock` statement; a closure's body starts outside any lock."""
    stack: list[tuple[ast.Node, bool]] = [(node, False)]
    while stack:
        n, locked = stack.pop()
        if isinstance(n, ast.Lock):
            locked = True
        elif isinstance(n, _CLOSURES):
            locked = False
        if not locked:
            yield n
        stack.extend((c, locked) for c in reversed(ast.children(n)))


def _objects(module: ast.Module) -> Iterator[tuple[ast.Node, tuple[ast.Node, ...]]]:
    objects = ast.ClassDefn | ast.ServiceDecl | ast.ObjectConstructor
    candidates = nodes_of(module, ast.ClassDefn, ast.ServiceDecl, ast.ObjectConstructor)
    if not any("isolated" in n.qualifiers for n in candidates):  # type: ignore[attr-defined]
        return  # most modules: no isolated object, and no need to walk them (in walk order below)
    for n in walk(module):
        if isinstance(n, objects) and "isolated" in n.qualifiers:
            yield n, n.members


def _isolated_objects(module: ast.Module) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for _obj, members in _objects(module):
        mutable = set()
        for m in members:
            if isinstance(m, ast.ObjectField) and not {"final", "readonly"} & set(m.qualifiers):
                mutable.add(m.name)
                if "private" not in m.qualifiers:
                    found.append(report(ISOLATED_OBJECT, m.name_span, message=_NON_PRIVATE))
        if not mutable:
            continue
        for m in members:
            if not isinstance(m, ast.FunctionDefn) or m.body is None or m.name == "init":
                continue
            for n in _outside_lock(m.body):
                if (
                    isinstance(n, ast.FieldAccess)
                    and isinstance(n.target, ast.VarRef)
                    and n.target.name == "self"
                    and n.name in mutable
                ):
                    found.append(report(ISOLATED_OBJECT, n.span))
    return found


def _declared_names(node: ast.Node) -> set[str]:
    names = {n.name for n in walk(node) if isinstance(n, ast.CaptureBinding)}
    names |= {n.name for n in walk(node) if isinstance(n, ast.Param) and n.name}
    return names


def _isolated_variables(module: ast.Module) -> list[Diagnostic]:
    isolated = {
        m.binding.name
        for m in module.members
        if isinstance(m, ast.ModuleVarDecl)
        and isinstance(m.binding, ast.CaptureBinding)
        and "isolated" in m.qualifiers
    }
    if not isolated:
        return []
    found: list[Diagnostic] = []
    roots: list[ast.Node] = []
    for m in module.members:
        if isinstance(m, ast.FunctionDefn) and m.body is not None:
            roots.append(m)
        elif isinstance(m, ast.ClassDefn | ast.ServiceDecl):
            roots.extend(x for x in m.members if isinstance(x, ast.FunctionDefn | ast.ObjectField))
    for root in roots:
        if _declared_names(root) & isolated:
            continue  # a local of the same name: which reference means which is not followed here
        for n in _outside_lock(root):
            if isinstance(n, ast.VarRef) and n.name in isolated:
                found.append(report(ISOLATED_OBJECT, n.span, message=_ISOLATED_VARIABLE))
    return found


def check_isolated_state(module: ast.Module) -> list[Diagnostic]:
    """Unlocked mutable state of isolated objects, and unlocked references to isolated variables."""
    return _isolated_objects(module) + _isolated_variables(module)
