"""Listeners written in Ballerina: an object of a class with `attach`, `detach`, `'start`,
`gracefulStop` and `immediateStop` (the `Listener` object type of the spec, "Listeners and services").

As the spec's program execution has it: a `service ... on l` declaration constructs the service object
and calls `l.attach(service, attachPoint)` during module initialisation (an error from it ends the
initialisation: a panic at the service); after `main` returns, every module-level listener is started
with `'start()` in declaration order, and when the program ends (a signal, or at once with
`balmail run --once`) each is stopped with `gracefulStop()`. Email listeners, which are library
objects, keep their own runtime (serve.py); this module only handles the ones written in Ballerina.
"""

from __future__ import annotations

from typing import Any

from balmail.compiler.link import package_programs
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.values import BError, BList, BObject

LIFECYCLE = ("attach", "detach", "start", "gracefulStop", "immediateStop")


def is_listener_object(value: Any) -> bool:
    """An object of a Ballerina class that has the `Listener` methods (not a library listener)."""
    if not isinstance(value, BObject):
        return False
    methods = getattr(value.cls, "methods", None) or {}
    return all(name in methods for name in LIFECYCLE)


def attach_point_value(point: str | tuple[str, ...] | None) -> Any:
    """The attach point as `attach` receives it: `()`, the string literal, or the absolute resource
    path's segments as a `string[]` (`/` gives `[]`)."""
    if point is None or isinstance(point, str):
        return point
    return BList(list(point), T.TArray(T.STRING))


def attach(listener: BObject, service: BObject, point: str | tuple[str, ...] | None) -> BError | None:
    """`listener.attach(service, point)`: the error it returns, if any."""
    return _call(listener, "attach", [service, attach_point_value(point)])


def module_listener_objects(program: Any) -> list[BObject]:
    """The program's module-level listeners written in Ballerina, in declaration order (modules in
    initialisation order), then those a service declaration creates (`service on new L()`), which
    are module listeners too."""
    found: list[BObject] = []
    for module in package_programs(program):
        declared = [module.G[slot] if slot < len(module.G) else None for _name, slot in module.listeners]
        for value in [*declared, *module.service_listeners]:  # then `service on new L()`'s
            if is_listener_object(value) and not any(value is f for f in found):
                found.append(value)
    return found


def start_all(listeners: list[BObject]) -> BError | None:
    """`'start()` on each listener; the first error (returned or panicked) stops there."""
    for listener in listeners:
        error = _guarded(listener, "start")
        if error is not None:
            return error
    return None


def stop_all(listeners: list[BObject]) -> BError | None:
    """`gracefulStop()` on each listener; every one is asked even when an earlier one fails."""
    first: BError | None = None
    for listener in listeners:
        error = _guarded(listener, "gracefulStop")
        if error is not None and first is None:
            first = error
    return first


def _guarded(listener: BObject, method: str) -> BError | None:
    try:
        return _call(listener, method, [])
    except BallerinaPanic as p:
        return p.error


def _call(listener: BObject, method: str, args: list[Any]) -> BError | None:
    result = listener.cls.methods[method].invoke_method(listener, args)
    return result if isinstance(result, BError) else None
