"""The resolve pass (docs/structure.md): one walk over a parsed module recording, for every name used, the
declaration it refers to and, for every declaration, its kind, function, block and written type. Below
`check/` and the compiler; imports only `syntax/` and `source`."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from balmail.resolve.record import Decl, FunctionScope, Resolution
from balmail.resolve.walk import binding_names, resolve_module
from balmail.syntax import ast

__all__ = ["Decl", "FunctionScope", "Resolution", "binding_names", "record_of", "resolve_module"]

_RECORDS: WeakKeyDictionary[ast.Module, Resolution] = WeakKeyDictionary()


def record_of(module: ast.Module) -> Resolution:
    """The resolve record of `module`, made once: `check` and the compiler of one run share it (the AST is
    immutable, so the record stays right; it is dropped with the module)."""
    found = _RECORDS.get(module)
    if found is None:
        found = _RECORDS[module] = resolve_module(module)
    return found
