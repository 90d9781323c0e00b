"""Annotations this module declares, where they are attached: only at the attach points the declaration
names (jBallerina: `annotation 'marker' is not allowed on type`), and with a value that fits the
annotation's type. Type definitions (`type`) and module functions (`function`) are checked; other
points and annotations of other modules are left alone."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.syntax import ast

_POINTS: dict[type, str] = {ast.TypeDefn: "type", ast.FunctionDefn: "function"}


def check_annotations(checker: Any) -> None:
    decls = {m.name: m for m in checker.module.members if isinstance(m, ast.AnnotationDecl)}
    if not decls:
        return
    for m in checker.module.members:
        point = _POINTS.get(type(m))
        for a in getattr(m, "annotations", ()):
            decl = decls.get(a.name) if a.prefix is None else None
            if decl is None:
                continue
            if point is not None and decl.attach_points and point not in decl.attach_points:
                message = f"annotation '{a.name}' is not allowed on {point}"
                checker.found.append(report("BAL_TYPE_001", a.span, message=message))
                continue
            t = checker.resolver.resolve(decl.type) if decl.type is not None else None
            if t is not None and a.value is not None:
                checker.expect(t, a.value)
