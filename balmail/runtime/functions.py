"""What compiled functions and classes are at run time: parameters, `FunctionInfo` (how a call binds its
arguments and runs its body on a fresh frame) and `ClassInfo`. Frames are Python lists: slot 0 holds the
enclosing frame (for closures), slot 1 the return value, then parameters and locals. Library modules build
native functions against these, so they live below both `lib/` and the compiler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic, FailSignal, runtime_panic
from balmail.runtime.values import BFunction, BList

Frame = list[Any]
Eval = Callable[[Frame], Any]
Exec = Callable[[Frame], Any]

MISSING = object()  # an argument left to its default


class Param:
    __slots__ = ("name", "type", "default", "rest", "included", "has_default")

    def __init__(self, name: str, type: T.Type, default: Eval | None, rest: bool) -> None:
        self.included = False
        self.has_default = default is not None
        self.name = name
        self.type = type
        self.default = default
        self.rest = rest


class FunctionInfo:
    """A compiled function or method. `invoke(env, args)` runs it with arguments already in parameter order
    (MISSING for defaults, the rest parameter already packed); `call_value` binds a dynamic call.

    `invoke` is an attribute, set once: the generated entry when the body is compiled (`finish`), the host
    function of an external one (`bind_external`), and until then `run_frame` (an empty body)."""

    def __init__(self, name: str, sandbox: Any) -> None:
        self.name = name
        self.sb = sandbox
        self.params: list[Param] = []
        self.ret_type: T.Type = T.NIL
        self.body: Exec = lambda f: None
        self.size = 2
        self.pad: list[Any] = []
        self.has_defaults = False
        self.is_method = False
        self.isolated = False  # declared `isolated` (printed and tested by `isolated function` types)
        self.has_rest = False
        self.arity = -1
        self.simple = False  # no defaults, no rest parameter: callable as `direct(env, *args)`
        self.direct: Any = None
        self.invoke: Callable[[Any, list[Any]], Any] = self.run_frame

    def finish(self, size: int, invoke: Callable[[Any, list[Any]], Any] | None = None) -> None:
        """The body is compiled: its frame size, and the entry point calls go through."""
        self.size = size
        if invoke is not None:
            self.invoke = invoke
        first = 2 + len(self.params) + (1 if self.is_method else 0)
        self.pad = [None] * max(0, size - first)
        self.has_defaults = any(p.default is not None for p in self.params)
        self.has_rest = bool(self.params) and self.params[-1].rest
        simple = not self.has_defaults and not self.has_rest and not self.is_method
        self.arity = len(self.params) if simple else -1

    def bind_external(self, invoke: Callable[[Any, list[Any]], Any]) -> None:
        """An `external` function: calls go to the host's `invoke(env, args)`."""
        self.invoke = invoke
        self.direct = lambda env, *args: invoke(env, list(args))

    def run_frame(self, env: Any, args: list[Any]) -> Any:
        """Run `body` on a fresh frame (the entry of a function whose body was never compiled)."""
        sb = self.sb
        f = [env, None, *args]
        if self.pad:
            f.extend(self.pad)
        if self.has_defaults:
            base = 3 if self.is_method else 2
            for i, p in enumerate(self.params):
                if f[base + i] is MISSING:
                    f[base + i] = p.default(f) if p.default is not None else None
        if next(sb.tick, 1):
            sb.enter()
        try:
            self.body(f)
        except FailSignal as e:
            return e.error
        except BallerinaPanic as p:
            p.trace.append((self.name, p.line))
            p.line = None
            raise
        except RecursionError:
            raise runtime_panic("StackOverflow", "stack overflow") from None
        except MemoryError:
            raise sb.out_of_memory() from None
        finally:
            sb.rets += 1
        return f[1]

    def invoke_method(self, obj: Any, args: list[Any]) -> Any:
        return self.invoke(obj.env, [obj, *self.bind(args, None)])

    def bind(self, args: list[Any], named: dict[str, Any] | None) -> list[Any]:
        """Positional + named arguments → parameter order, packing the rest parameter."""
        params = self.params
        n = len(params) - (1 if self.has_rest else 0)
        out: list[Any] = list(args[:n])
        rest = BList(args[n:], T.TArray(params[-1].type)) if self.has_rest else None
        if not self.has_rest and len(args) > n:
            from balmail.runtime.errors import runtime_panic

            raise runtime_panic("FunctionCallError", f"too many arguments in call to '{self.name}'")
        while len(out) < n:
            out.append(MISSING)
        if named:
            for k, v in named.items():
                for i, p in enumerate(params[:n]):
                    if p.name == k:
                        out[i] = v
                        break
        for i, v in enumerate(out):
            if v is MISSING and params[i].default is None:
                from balmail.runtime.errors import runtime_panic

                raise runtime_panic("FunctionCallError", f"missing required parameter '{params[i].name}'")
        if rest is not None:
            out.append(rest)
        return out

    def call_value(self, fn: BFunction, args: list[Any], named: dict[str, Any] | None) -> Any:
        bound = self.bind(args, named)
        if fn.bound_self is not None:
            return self.invoke(fn.env, [fn.bound_self, *bound])
        return self.invoke(fn.env, bound)


class ClassInfo:
    """A class (or an object constructor's anonymous class): fields with their initialisers, methods."""

    def __init__(self, name: str | None) -> None:
        self.name = name
        self.fields: list[tuple[str, Eval | None, T.Type]] = []
        self.field_types: dict[str, T.Type] = {}
        self.methods: dict[str, FunctionInfo] = {}
        self.init: FunctionInfo | None = None
        self.type: T.TObject = T.TObject(self)
        self.includes: tuple[Any, ...] = ()
        self.distinct_ids: frozenset[int] = frozenset()
        self.readonly = False
        self.locked: dict[str, str] = {}  # field -> "readonly" or "final": not updatable after init
        self.has_private = False  # a `private` member: the class's type then matches only its own objects
        if name:
            self.type.name = name
