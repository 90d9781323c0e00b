"""The resolve pass (docs/structure.md): one walk over a parsed module recording, for every name used, the
declaration it refers to and, for every declaration, its kind, function, block and written type. Below
`check/` and the compiler; imports only `syntax/` and `source`."""

from __future__ import annotations

from balmail.resolve.record import Decl, FunctionScope, Resolution
from balmail.resolve.walk import binding_names, resolve_module

__all__ = ["Decl", "FunctionScope", "Resolution", "binding_names", "resolve_module"]
