"""`service T on l { ... }`: a service declaration with a type descriptor must implement every method that
object type declares (jBallerina: "no implementation found for the method 'm' of service declaration
'object { ... }'", at the declaration, naming the service's own object type as its type checker prints
it: fields, then methods, each `[public ]function name (params) returns (result);`). Judged only when the
type is an object type of this module without inclusions, and printed only when every member is a plain
field or method whose types resolve."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import display
from balmail.syntax import ast


def check_service_types(checker: Any) -> None:
    for svc in checker.module.members:
        if not isinstance(svc, ast.ServiceDecl) or svc.type is None or svc.type.prefix is not None:
            continue
        members = checker.module.members
        defn = next((m for m in members if isinstance(m, ast.TypeDefn) and m.name == svc.type.name), None)
        if defn is None or not isinstance(defn.type, ast.ObjectType):
            continue
        required = defn.type.members
        if any(isinstance(m, ast.TypeInclusion) for m in (*required, *svc.members)):
            continue
        own = {m.name for m in svc.members if isinstance(m, ast.FunctionDefn) and m.resource_path is None}
        missing = [m for m in required if isinstance(m, ast.FunctionDefn) and m.resource_path is None]
        missing = [m for m in missing if m.name not in own]
        if not missing:
            continue
        shown = _object_display(checker, [*svc.members, *missing])
        if shown is None:
            continue
        for m in missing:
            message = f"no implementation found for the method '{m.name}' of service declaration '{shown}'"
            checker.found.append(report("BAL_TYPE_114", svc.span, message=message))


def _object_display(checker: Any, members: list[ast.Node]) -> str | None:
    fields: list[str] = []
    methods: list[str] = []
    for m in members:
        if isinstance(m, ast.ObjectField):
            t = checker.resolver.resolve(m.type)
            if t is None or set(m.qualifiers) - {"public"}:
                return None
            fields.append(f"{'public ' if 'public' in m.qualifiers else ''}{display(t)} {m.name};")
        elif isinstance(m, ast.FunctionDefn) and not m.resource_path and not set(m.qualifiers) - {"public"}:
            signature = _signature(checker, m.signature)
            if signature is None:
                return None
            methods.append(f"{'public ' if 'public' in m.qualifiers else ''}function {m.name} {signature};")
        else:
            return None
    return "object { " + "".join(p + " " for p in [*fields, *methods]) + "}"


def _signature(checker: Any, sig: ast.Signature) -> str | None:
    params: list[str] = []
    for p in sig.params:
        t = checker.resolver.resolve(p.type)
        if t is None or p.rest or p.included:
            return None
        params.append(display(t))
    ret = checker.resolver.resolve(sig.returns) if sig.returns is not None else None
    if sig.returns is not None and ret is None:
        return None
    return f"({','.join(params)}) returns ({display(ret) if ret is not None else ''})"
