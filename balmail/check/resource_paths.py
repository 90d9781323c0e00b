"""Resource methods: only a service or client object has them ("resource methods are only allowed in
'service' or 'client' object types"), and their path parameters (`[T name]`, `[T... names]`) take simple
values only ("only 'int', 'string', 'float', 'boolean', 'decimal' types are supported as path params, found
'json'"), in services, service classes and client classes alike."""

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
