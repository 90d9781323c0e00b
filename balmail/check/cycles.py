"""Module-level definitions that are defined in terms of themselves with nothing in between: a type
definition whose type is itself through references, unions, intersections, optional types and
inclusions only (`type A A;`, `type C D; type D C;`; a list, mapping, function or object member type in
between makes a recursive type, which is fine), and constants whose values refer to each other in a
cycle (`const A = B + 1; const B = A + 1;`). jBallerina's messages name the cycle from its first
definition in the file."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import Rule, register, report
from balmail.check.walk import walk
from balmail.diagnostics import Severity
from balmail.syntax import ast

CYCLIC_DEFINITION = register(
    Rule(
        code="BAL_TYPE_015",
        name="cyclic-definition",
        severity=Severity.ERROR,
        summary="A type or a constant is defined in terms of itself.",
        what_it_does="Reports a type definition that refers back to itself only through type references, "
        "unions, intersections, optional types and inclusions (`type A A;`), and module constants whose "
        "values refer to each other in a cycle (`const A = B + 1; const B = A + 1;`).",
        why="Such a type has no values to describe, and such constants have no value to start from; "
        "Ballerina rejects both. A type is recursive only through a structure (`type Tree Tree[]|int;`).",
        example="type Id Key;\ntype Key Id;",
        fix="type Id string;\ntype Key Id;",
        message="invalid cyclic type reference in '[{0}]'",
    )
)


def _direct_type_refs(td: ast.Node | None) -> list[str]:
    """Names of this module's types that `td` is made of directly (no structure in between)."""
    if isinstance(td, ast.TypeRef):
        return [td.name] if td.prefix is None else []
    if isinstance(td, ast.UnionType | ast.IntersectionType):
        return [n for m in td.members for n in _direct_type_refs(m)]
    if isinstance(td, ast.OptionalType | ast.DistinctType):
        return _direct_type_refs(td.inner)
    if isinstance(td, ast.RecordType):
        return [n for inc in td.inclusions for n in _direct_type_refs(inc)]
    if isinstance(td, ast.ObjectType):
        return [n for m in td.members if isinstance(m, ast.TypeInclusion) for n in _direct_type_refs(m.type)]
    return []


def _cycle_from(start: str, edges: dict[str, list[str]]) -> list[str] | None:
    """The shortest path start -> ... -> start along `edges`, without its closing `start`."""
    paths = [[start]]
    seen = {start}
    while paths:
        nxt = []
        for path in paths:
            for n in edges.get(path[-1], []):
                if n == start:
                    return path
                if n not in seen and n in edges:
                    seen.add(n)
                    nxt.append(path + [n])
        paths = nxt
    return None


def check_cycles(checker: Any) -> None:
    members = checker.module.members
    types = [m for m in members if isinstance(m, ast.TypeDefn)]
    edges = {m.name: _direct_type_refs(m.type) for m in types}
    reported: set[frozenset[str]] = set()
    for m in types:
        path = _cycle_from(m.name, edges)
        if path is not None and frozenset(path) not in reported:
            reported.add(frozenset(path))
            checker.found.append(report(CYCLIC_DEFINITION, m.span, ", ".join(path + [m.name])))
    consts = [m for m in members if isinstance(m, ast.ConstDecl)]
    names = {m.name for m in consts}
    refs: dict[str, list[ast.VarRef]] = {
        m.name: [r for r in walk(m.value) if isinstance(r, ast.VarRef) and r.name in names] for m in consts
    }
    const_edges = {name: [r.name for r in rs] for name, rs in refs.items()}
    reported = set()
    for m in consts:
        path = _cycle_from(m.name, const_edges)
        if path is None or frozenset(path) in reported:
            continue
        reported.add(frozenset(path))
        closing = next(r for r in refs[path[-1]] if r.name == m.name)  # the reference that closes the cycle
        message = f"illegal cyclic reference '[{', '.join(path)}]'"
        checker.found.append(report(CYCLIC_DEFINITION, closing.span, message=message))
