"""`new stream<T, E>(obj)` and `new (obj)` where a stream is declared: the object must have a `next()`
method (spec: lang.stream, the object a stream is constructed from). Only a class of this module whose
methods are all known is judged; anything else stays unreported."""

from __future__ import annotations

from typing import Any

from balmail.check.methods import _class_methods
from balmail.check.statictypes import kinds
from balmail.runtime import types as T
from balmail.syntax import ast


def _is_stream(td: ast.Node | None) -> bool:
    return isinstance(td, ast.ParameterizedType) and td.name == "stream"


def stream_source_problem(
    checker: Any, declared: ast.Node | None, e: ast.Expr | None
) -> tuple[Any, str] | None:
    """(span, message) when `e` constructs a stream from an object of a class without `next()`."""
    if not isinstance(e, ast.NewExpr) or len(e.args) != 1 or not isinstance(e.args[0], ast.Expr):
        return None
    if not (_is_stream(e.type) or (e.type is None and _is_stream(declared))):
        return None
    arg = e.args[0]
    name: str | None = None
    if isinstance(arg, ast.NewExpr) and isinstance(arg.type, ast.TypeRef) and arg.type.prefix is None:
        name = arg.type.name
    elif isinstance(arg, ast.VarRef):
        var = checker.lookup(arg)
        name = getattr(var.type, "name", None) if var is not None and var.type is not None else None
    cls = checker.classes.get(name) if name else None
    methods = _class_methods(cls) if cls is not None else None
    if methods is None or "next" in methods:
        return None
    return arg.span, f"incompatible types: '{name}' has no 'next' method to back a stream"


def stream_completion_error(t: T.Type | None) -> T.Type | None:
    """The completion type of a stream type that may complete with an error (`stream<T, E>`, E not `()`),
    which `foreach` cannot iterate: its completion type must be nil (spec, "Foreach statement"), else None."""
    r = T.resolve(t) if t is not None else None
    if not isinstance(r, T.TStream) or r.completion is None:
        return None
    found = kinds(r.completion)
    return r.completion if found and "error" in found else None
