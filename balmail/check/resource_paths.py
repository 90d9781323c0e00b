"""Resource methods: only a service or client object has them ("resource methods are only allowed in
'service' or 'client' object types"), and their path parameters (`[T name]`, `[T... names]`) take simple
values only ("only 'int', 'string', 'float', 'boolean', 'decimal' types are supported as path params, found
'json'"), in services, service classes and client classes alike. Two resource methods of a class with one
accessor and one path (parameter names and types aside) are one symbol to jBallerina, which names it by its
mangled name (`Cls.$get$path$*`); a client object's resource methods return no client objects and no
functions."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import display, kinds
from balmail.check.walk import nodes_of
from balmail.syntax import ast

_SIMPLE = frozenset({"int", "string", "float", "boolean", "decimal"})
_MESSAGE = (
    "only 'int', 'string', 'float', 'boolean', 'decimal' types are supported as path params, found '{}'"
)


def check_path_params(checker: Any) -> None:
    for fn in nodes_of(checker.module, ast.FunctionDefn):
        for segment in getattr(fn, "resource_path", None) or ():
            if segment.param_type is None:
                continue
            t = checker.resolver.resolve(segment.param_type)
            k = kinds(t) if t is not None else None
            if k and not k <= _SIMPLE:
                message = _MESSAGE.format(display(t))
                checker.found.append(report("BAL_TYPE_001", segment.param_type.span, message=message))


def check_resource_placement(checker: Any) -> None:
    """Classes and object types with a resource method that are neither `service` nor `client`."""
    for node in nodes_of(checker.module, ast.ClassDefn, ast.ObjectType):
        qualifiers = set(getattr(node, "qualifiers", ()))
        if qualifiers & {"service", "client"}:
            continue
        for m in getattr(node, "members", ()):
            if isinstance(m, ast.FunctionDefn) and m.resource_path is not None:
                message = "resource methods are only allowed in 'service' or 'client' object types"
                checker.found.append(report("BAL_TYPE_001", m.span, message=message))


def check_resource_methods(checker: Any) -> None:
    """Duplicate resource methods of classes; what client objects' resource methods return."""
    for cls in nodes_of(checker.module, ast.ClassDefn):
        seen: set[str] = set()
        for m in cls.members:  # type: ignore[attr-defined]
            if not isinstance(m, ast.FunctionDefn) or m.resource_path is None:
                continue
            name = _mangled(m.name, m.resource_path)
            if name in seen and m.resource_path:
                span = m.resource_path[0].span.to(m.resource_path[-1].span)
                checker.found.append(report("BAL_NAME_005", span, f"{cls.name}.{name}"))  # type: ignore[attr-defined]
            seen.add(name)
    for obj in nodes_of(checker.module, ast.ClassDefn, ast.ObjectConstructor):
        if "client" not in getattr(obj, "qualifiers", ()):
            continue
        for m in obj.members:  # type: ignore[attr-defined]
            if not isinstance(m, ast.FunctionDefn) or m.resource_path is None or m.signature.returns is None:
                continue
            returns = m.signature.returns
            found = _returned_kinds(checker, returns, frozenset())
            for kind in ("client object", "function"):
                if kind in found:
                    message = f"return type of the resource function does not allow '{kind}' types"
                    checker.found.append(report("BAL_TYPE_001", returns.span, message=message))


def _mangled(accessor: str, path: tuple[ast.ResourceSegment, ...]) -> str:
    """jBallerina's name of a resource method: `$get$a$*` for `get a/[string x]`, `**` for a rest param."""
    parts = ["**" if s.rest else "*" if s.param_type is not None else s.name or "." for s in path]
    return "$" + "$".join([accessor, *(parts or ["."])])


def _returned_kinds(checker: Any, td: ast.Node, seen: frozenset[str]) -> set[str]:
    """Which of client objects and functions `td` admits, through unions, optional types, intersections
    and this module's type definitions and classes."""
    if isinstance(td, ast.UnionType | ast.IntersectionType):
        return {k for m in td.members for k in _returned_kinds(checker, m, seen)}
    if isinstance(td, ast.OptionalType):
        return _returned_kinds(checker, td.inner, seen)
    if isinstance(td, ast.FunctionType):
        return {"function"}
    if isinstance(td, ast.ObjectType | ast.ClassDefn):
        return {"client object"} if "client" in td.qualifiers else set()
    if isinstance(td, ast.TypeRef) and td.prefix is None and td.name not in seen:
        for m in checker.module.members:
            if isinstance(m, ast.ClassDefn) and m.name == td.name:
                return _returned_kinds(checker, m, seen | {td.name})
            if isinstance(m, ast.TypeDefn) and m.name == td.name:
                return _returned_kinds(checker, m.type, seen | {td.name})
    return set()
