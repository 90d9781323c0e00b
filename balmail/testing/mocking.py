"""Function mocking: how `@test:Mock` replaces a module function for every caller.

Calls to module functions are bound when the module is compiled (generated code keeps a direct
reference to the callee), so a mock cannot be swapped in afterwards. Instead the syntax tree is
rewritten before compiling: the mocked function keeps its body under a name no source can spell
(`f$original`, reached by `callOriginal()`), and `f` itself becomes an external function whose
implementation is a dispatcher supplied through the run context (`ctx.externals`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import attrs

from balmail.lib.test import ORIGINAL, registry_of
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.values import BError, BMap, BObject
from balmail.syntax import ast
from balmail.testing.suite import Suite

ORIGINAL_SUFFIX = "$original"


def rewrite_mocks(module: ast.Module, mocked: set[str]) -> ast.Module:
    """The module with each mocked function split into its original body and an external stub."""
    if not mocked:
        return module
    members: list[ast.Member] = []
    for m in module.members:
        if isinstance(m, ast.FunctionDefn) and m.name in mocked and m.body is not None:
            members.append(attrs.evolve(m, name=m.name + ORIGINAL_SUFFIX, annotations=()))
            members.append(attrs.evolve(m, body=None, annotations=()))
        else:
            members.append(m)
    return attrs.evolve(module, members=tuple(members))


def mock_error(message: str) -> BallerinaPanic:
    return BallerinaPanic(BError(message))


class MockDispatch:
    """Calls of mocked functions, routed by the suite's `@test:Mock` declarations once compiled."""

    def __init__(self, suite: Suite, ctx: Any) -> None:
        self.suite = suite
        self.ctx = ctx
        self.program: Any = None

    def externals(self) -> dict[str, Callable[[Any, list[Any]], Any]]:
        return {name: self._invoker(name) for name in self.suite.mocked}

    def _invoker(self, name: str) -> Callable[[Any, list[Any]], Any]:
        def invoke(env: Any, args: list[Any]) -> Any:
            return self.dispatch(name, args)

        return invoke

    def _function(self, name: str) -> Any:
        info = self.program.functions.get(name) if self.program is not None else None
        if info is None:
            raise mock_error(f"function '{name}' cannot be found")
        return info

    def dispatch(self, name: str, args: list[Any]) -> Any:
        """A call of a mocked function of the package (its arguments already bound)."""
        mock_fn = self.suite.function_mocks.get(name)
        if mock_fn is not None:
            return self._function(mock_fn).invoke(None, args)
        action = self._action(self.suite.object_mocks[name], name, args)
        if action == ORIGINAL:
            return self._function(name + ORIGINAL_SUFFIX).invoke(None, args)
        return self._act(action, lambda info: info.invoke(None, args))

    def lib_mocks(self, full_name: str, lib: Any) -> Any:
        """The library module with the functions `@test:Mock {moduleName: ...}` names replaced."""
        wanted = {fn: key for key in self.suite.imported_mocks if key[0] == full_name for fn in (key[1],)}
        if not wanted:
            return lib
        functions = dict(lib.functions)
        for fn, key in wanted.items():
            original = functions.get(fn)
            if original is not None:
                functions[fn] = self._imported(key, original)
        return attrs.evolve(lib, functions=functions)

    def _imported(self, key: tuple[str, str], original: Callable[..., Any]) -> Callable[..., Any]:
        def invoke(*args: Any, **named: Any) -> Any:
            kind, target = self.suite.imported_mocks[key]
            if kind == "function":
                return call_with(self._function(target), list(args), named)
            action = self._action(target, key[1], list(args))
            if action == ORIGINAL:
                return original(*args, **named)
            return self._act(action, lambda info: call_with(info, list(args), named))

        functools.update_wrapper(invoke, original)
        return invoke

    def _action(self, var: str, name: str, args: list[Any]) -> tuple[Any, ...]:
        entry = self.program.names.get(var)
        obj = self.program.G[entry.value] if entry is not None else None
        if not isinstance(obj, BObject):
            raise mock_error(f"mock object '{var}' is not initialised")
        action = registry_of(self.ctx).state(obj).action_for(args)
        if action is None:
            raise mock_error(f"no return value or action registered for function '{name}'")
        return action

    def _act(self, action: tuple[Any, ...], call: Callable[[Any], Any]) -> Any:
        kind = action[0]
        if kind == "return":
            return action[1]
        if kind == "sequence":
            values, index = action[1], action[2]
            if not values:
                return None
            value = values[min(index[0], len(values) - 1)]
            index[0] += 1
            return value
        return call(self._function(action[1]))  # "call": another function by name


def call_with(info: Any, args: list[Any], named: dict[str, Any]) -> Any:
    """Call a Ballerina function with a library call's arguments: named arguments that are no
    parameter go into its included record parameter (`*log:KeyValues keyValues`), as Ballerina
    binds them."""
    params = info.params[: len(info.params) - (1 if info.has_rest else 0)]
    names = {p.name for p in params}
    included = next((p for p in params if getattr(p, "included", False)), None)
    if included is not None:
        extra = {k: v for k, v in named.items() if k not in names}
        named = {k: v for k, v in named.items() if k in names}
        named[included.name] = BMap(extra)
    return info.invoke(None, info.bind(args, named or None))
