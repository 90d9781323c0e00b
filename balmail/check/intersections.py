"""Intersection type descriptors jBallerina refuses: `A & B` with no `readonly` among the members and not
all error types is an "unsupported intersection" to jBallerina (its SymbolResolver builds only readonly and
error intersections). balmail runs the others as the spec describes them, so it reports only those that
are certainly empty (`int & R`, tuples of different lengths, closed records each requiring a field the
other lacks), which jBallerina refuses too: an empty intersection is never what was meant."""

from __future__ import annotations

from typing import Any

import attrs

from balmail.check.registry import Rule, register, report
from balmail.check.type_tests import never_meet
from balmail.check.walk import nodes_of
from balmail.diagnostics import Severity
from balmail.runtime import types as T
from balmail.syntax import ast

UNSUPPORTED_INTERSECTION = register(
    Rule(
        code="BAL_TYPE_016",
        name="unsupported-intersection",
        severity=Severity.ERROR,
        summary="An intersection type without `readonly` whose members have no value in common.",
        what_it_does="Reports `A & B` where neither member is `readonly`, not every member is an error type, "
        "and no value can belong to all members (different basic types, tuples of different lengths, "
        "closed records each requiring a field the other does not allow).",
        why="Ballerina's compiler supports intersections only with `readonly` and of error types; an "
        "empty intersection describes no value at all.",
        example="type Point record {| int x; |};\ntype Bad int & Point;",
        fix="type Point record {| int x; |};\ntype Good readonly & Point;",
        message="unsupported intersection",
    )
)


def check_intersections(checker: Any) -> None:
    """Every intersection type descriptor of the module, wherever it is written."""
    defs = {m.name: m.type for m in checker.module.members if isinstance(m, ast.TypeDefn)}
    for node in nodes_of(checker.module, ast.IntersectionType):
        members: list[ast.TypeDesc] = list(node.members)  # type: ignore[attr-defined]
        types = [checker.resolver.resolve(m) for m in members]
        resolved = [T.resolve(t) if t is not None else None for t in types]
        if any(isinstance(r, T.TReadonly | T.TIntersection) for r in resolved):
            continue  # jBallerina's readonly intersections, and their own messages
        if all(isinstance(r, T.TError) for r in resolved):
            continue
        if None in resolved:
            empty = _empty_by_syntax(members, defs)
        else:
            empty = any(
                never_meet(a, b, structural=False) for i, a in enumerate(resolved) for b in resolved[i + 1 :]
            )  # type: ignore[arg-type]
        if empty:
            checker.found.append(report(UNSUPPORTED_INTERSECTION, node.span))


@attrs.frozen
class _RecordShape:
    """A record type descriptor as written: the fields a value must have, and those it may have (None when
    the record is open)."""

    required: frozenset[str]
    allowed: frozenset[str] | None


_SIMPLE_NAMES = {
    "int": "int",
    "byte": "int",
    "float": "float",
    "decimal": "decimal",
    "string": "string",
    "boolean": "boolean",
}


def _alternatives(td: ast.Node, defs: dict[str, ast.Node], seen: frozenset[str]) -> list[object] | None:
    """The members of `td` as basic kind names or record shapes, read from the syntax, for types the
    resolver leaves unresolved (records that refer to themselves); None when any member is not one."""
    if isinstance(td, ast.NilType):
        return ["nil"]
    if isinstance(td, ast.BuiltinType):
        return [_SIMPLE_NAMES[td.name]] if td.name in _SIMPLE_NAMES else None
    if isinstance(td, ast.OptionalType):
        inner = _alternatives(td.inner, defs, seen)
        return None if inner is None else [*inner, "nil"]
    if isinstance(td, ast.UnionType):
        found: list[object] = []
        for m in td.members:
            alts = _alternatives(m, defs, seen)
            if alts is None:
                return None
            found.extend(alts)
        return found
    if isinstance(td, ast.TypeRef) and td.prefix is None and td.name in defs and td.name not in seen:
        return _alternatives(defs[td.name], defs, seen | {td.name})
    if isinstance(td, ast.RecordType) and not td.inclusions:
        names = frozenset(f.name for f in td.fields)
        required = frozenset(f.name for f in td.fields if not f.optional)
        return [_RecordShape(required, names if td.closed and td.rest is None else None)]
    return None


def _empty_by_syntax(members: list[ast.TypeDesc], defs: dict[str, ast.Node]) -> bool:
    alts = [_alternatives(m, defs, frozenset()) for m in members]
    return any(
        a is not None and b is not None and all(not _may_meet(x, y) for x in a for y in b)
        for i, a in enumerate(alts)
        for b in alts[i + 1 :]
    )


def _may_meet(x: object, y: object) -> bool:
    if isinstance(x, _RecordShape) and isinstance(y, _RecordShape):
        x_fits = y.allowed is None or x.required <= y.allowed
        return x_fits and (x.allowed is None or y.required <= x.allowed)
    return x == y
