"""Which Ballerina modules exist in balmail and how a program's imports bind to them.

A `LibModule` is what an import prefix stands for: functions (Python callables taking Ballerina values),
constants, types and constructible classes. Modules that need the run context (output, sandbox) are built
per program by a factory; langlib modules are bound to the program's sandbox.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from balmail.runtime import types as T


@attrs.define
class LibModule:
    name: str
    functions: dict[str, Callable[..., Any]] = attrs.field(factory=dict)
    constants: dict[str, Any] = attrs.field(factory=dict)
    types: dict[str, Any] = attrs.field(factory=dict)
    classes: dict[str, Callable[..., Any]] = attrs.field(factory=dict)
    arg_type: Any = None  # expected type of numeric literal arguments (lang.float, lang.decimal)
    storage: list[Any] | None = None  # a package module's module-level storage (see compiler/link.py)
    slots: dict[str, int] = attrs.field(factory=dict)  # its variables and constants: name → storage slot
    annotations: dict[str, Any] = attrs.field(factory=dict)
    """A package module's annotations: name → `compiler.annotations.Declared` (key, type, attach points)."""


class NativeClass:
    """A library class whose methods are Python functions taking the object first (`mime:Entity`,
    `regexp:Span`, `os:Process`, `time:Zone`); `readonly` for classes of immutable values."""

    def __init__(self, name: str, native_methods: dict[str, Any], readonly: bool = False) -> None:
        self.name = name
        self.methods: dict[str, Any] = {}
        self.native_methods = native_methods
        self.fields: list[Any] = []
        self.field_types: dict[str, Any] = {}
        self.init: Any = None
        self.readonly = readonly
        self.includes: tuple[Any, ...] = ()
        self.distinct_ids: frozenset[int] = frozenset()
        self.type = T.TObject(self)
        self.type.name = name


def _factories() -> dict[str, Callable[[Any], LibModule]]:
    from balmail.lib import email, http, io, langlib, log, mime, os, regexp, runtime, test, time, uuid

    return {
        "ballerina/email": email.module,
        "ballerina/mime": mime.module,
        "ballerina/http": http.module,
        "ballerina/io": io.module,
        "ballerina/os": os.module,
        "ballerina/log": log.module,
        "ballerina/time": time.module,
        "ballerina/uuid": uuid.module,
        "ballerina/test": test.module,
        "ballerina/lang.runtime": runtime.module,
        "ballerina/lang.regexp": regexp.module,
        **{f"ballerina/lang.{k}": (lambda ctx, k=k: langlib.module(k, ctx.sandbox)) for k in langlib.MODULES},
    }


def load_module(full_name: str, ctx: Any, caller: str = "") -> LibModule:
    """The module an import names; unknown modules give an empty module so their types stay usable
    (calling into them reports that balmail does not provide the module). `caller` is how Ballerina names
    the importing module (`org/pkg`, `org/pkg.util`; "" for a lone file): `log` prints it."""
    factory = _factories().get(full_name)
    if factory is not None:
        if full_name == "ballerina/log":
            from balmail.lib import log

            lib = log.module(ctx, caller)
        else:
            lib = factory(ctx)
        mocks = getattr(ctx, "lib_mocks", None)  # `balmail test`: @test:Mock {moduleName: ...}
        return mocks(full_name, lib) if mocks is not None else lib
    return _placeholder(full_name)


def langlib_module(prefix: str, ctx: Any) -> LibModule | None:
    """Langlib prefixes usable without an import (`int:`, `string:`, `map:` ...)."""
    from balmail.lib import langlib

    if prefix in langlib.AUTO_IMPORTED:
        return langlib.module(prefix, ctx.sandbox)
    return None


def _placeholder(full_name: str) -> LibModule:
    return LibModule(full_name)
