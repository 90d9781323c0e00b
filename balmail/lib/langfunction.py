"""`ballerina/lang.function`: `function:call(f, ...args)` calls a function value with arguments known only
at run time. The checks and their wording follow jBallerina's `call` (lang.function): a wrong argument
count panics with `Incorrect parameter count in 'f' : Required 'n', found 'm'` (or `Allowed`), an argument
of the wrong type with `{ballerina/lang.function}IncompatibleArguments` and the two type lists."""

from __future__ import annotations

from typing import Any

from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic, make_error, runtime_panic
from balmail.runtime.values import BFunction, BNative


def f_call(fn: Any, *args: Any) -> Any:
    if isinstance(fn, BNative) or not isinstance(fn, BFunction):
        return fn(*args)
    info = fn.info
    name = info.name
    fixed = [p for p in info.params if not p.rest]
    rest = next((p for p in info.params if p.rest), None)
    required = sum(1 for p in fixed if p.default is None)
    if len(args) < required:
        raise BallerinaPanic(
            make_error(f"Incorrect parameter count in '{name}' : Required '{required}', found '{len(args)}'")
        )
    if rest is None and len(args) > len(fixed):
        raise BallerinaPanic(
            make_error(f"Incorrect parameter count in '{name}' : Allowed '{len(fixed)}', found '{len(args)}'")
        )
    for i, arg in enumerate(args):
        want = fixed[i].type if i < len(fixed) else rest.type  # type: ignore[union-attr]
        if want is not None and not T.resolve(want).contains(arg):
            given = ",".join(T.value_type_name(a) for a in args)
            expected = [str(p.type) for p in fixed] + ([f"{rest.type}..."] if rest is not None else [])
            raise runtime_panic(
                "IncompatibleArguments",
                f"arguments of incompatible types: argument list '({given})' cannot be passed to function "
                f"expecting parameter list '({','.join(expected)})'",
                "lang.function",
            )
    return fn.call(list(args), None)


FUNCTIONS: dict[str, Any] = {"call": f_call}
