"""Fields an object type or class gets from the object types it includes (`*T;`), as jBallerina's
SymbolEnter merges them: a field that two inclusions both bring, and the object does not declare itself,
is a "redeclared symbol" at the later inclusion; a field the object declares over an included one must
have a subtype of the included field's type. Only object types declared in this module are followed."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import display
from balmail.check.subtypes import not_assignable
from balmail.syntax import ast


def check_included_fields(checker: Any, members: tuple[ast.Node, ...]) -> None:
    own = {m.name: m for m in members if isinstance(m, ast.ObjectField)}
    brought: set[str] = set()
    for inc in members:
        if not isinstance(inc, ast.TypeInclusion):
            continue
        fields = _object_fields(checker, inc.type, frozenset())
        if fields is None:
            continue
        for name, td in fields.items():
            field = own.get(name)
            if field is not None:
                _override(checker, field, name, td)
            elif name in brought:
                checker.found.append(report("BAL_NAME_005", inc.type.span, name))
            brought.add(name)


def _override(checker: Any, field: ast.ObjectField, name: str, included_td: ast.TypeDesc) -> None:
    was, now = checker.resolver.resolve(included_td), checker.resolver.resolve(field.type)
    if was is None or now is None or not not_assignable(now, was):
        return
    message = (
        f"included field '{name}' of type '{display(was)}' cannot be overridden by a field of type "
        f"'{display(now)}': expected a subtype of '{display(was)}'"
    )
    checker.found.append(report("BAL_TYPE_001", field.span, message=message))


def _object_fields(checker: Any, td: ast.TypeDesc, seen: frozenset[str]) -> dict[str, ast.TypeDesc] | None:
    """The fields (name -> written type) of the module object type `td` names, its own inclusions' first;
    None when `td` is not such a type or an inclusion under it is not known."""
    if not isinstance(td, ast.TypeRef) or td.prefix is not None or td.name in seen:
        return None
    members = checker.module.members
    defn = next((m for m in members if isinstance(m, ast.TypeDefn) and m.name == td.name), None)
    if defn is None or not isinstance(defn.type, ast.ObjectType):
        return None
    fields: dict[str, ast.TypeDesc] = {}
    for m in defn.type.members:
        if isinstance(m, ast.TypeInclusion):
            inner = _object_fields(checker, m.type, seen | {td.name})
            if inner is None:
                return None
            fields.update(inner)
    for m in defn.type.members:
        if isinstance(m, ast.ObjectField):
            fields[m.name] = m.type
    return fields
