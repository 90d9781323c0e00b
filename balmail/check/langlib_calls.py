"""Calls of the lang library's list and mapping functions in module-call form (`array:push(xs, 1)`,
`map:remove(m, "k")`) whose first argument is certainly no list (no mapping): the first parameter is
`Type[]` (`map<Type>`) with `Type` standing for `any|error`, so jBallerina reports "incompatible types:
expected '(any|error)[]', found 'int'" at the argument. Only the functions whose first parameter is of that
form are judged, and only through the lang modules' own names as imported."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import display, kinds
from balmail.syntax import ast

_LIST_FUNCTIONS = frozenset(
    {
        "length", "push", "pop", "shift", "unshift", "remove", "removeAll", "setLength", "reverse",
        "indexOf", "lastIndexOf", "slice", "enumerate", "iterator", "forEach", "map", "filter", "reduce",
        "some", "every",
    }
)
_MAP_FUNCTIONS = frozenset(
    {
        "length", "remove", "removeIfHasKey", "removeAll", "hasKey", "keys", "toArray", "get", "entries",
        "iterator", "forEach", "map", "filter", "reduce",
    }
)
_CONTAINERS = {
    "ballerina/lang.array": ("list", "(any|error)[]", _LIST_FUNCTIONS),
    "ballerina/lang.map": ("mapping", "map<(any|error)>", _MAP_FUNCTIONS),
}


def check_container_argument(checker: Any, call: ast.Call) -> None:
    func = call.func
    if not isinstance(func, ast.QualifiedRef) or not call.args:
        return
    if isinstance(call.args[0], ast.NamedArg | ast.RestArg):
        return
    known = _CONTAINERS.get(checker.prefixes.get(func.prefix, ""))
    if known is None or func.name not in known[2]:
        return
    kind, expected, _ = known
    found = checker.type_of(call.args[0])
    k = kinds(found)
    if found is not None and k and kind not in k:
        message = f"incompatible types: expected '{expected}', found '{display(found)}'"
        checker.found.append(report("BAL_TYPE_001", call.args[0].span, message=message))
