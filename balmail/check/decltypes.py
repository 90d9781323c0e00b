"""The typing step right after the resolve pass (docs/structure.md): the declared type of each declaration of
the resolve record, resolved once per module to the checks' static types (check/statictypes.py), so the
type checks read a name's declared type from its `Decl` instead of resolving the written type again at
each place that binds the name.

A declared type is the type written for the declaration, read the way Ballerina reads it there: a rest
parameter `T... xs` is a `T[]`, `future<T>` is a future of `T`, a constant without a written type has the
type of its literal, `self` is its class. A declaration with no written type (`var`, an arrow
parameter, a nested capture of a destructuring pattern, a named worker) has none here: what the checks
infer for it (from an initialiser, a collection's members, a worker's returns) depends on the flow of the
function and is theirs to work out.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from balmail.check.libtypes import module_types
from balmail.check.statictypes import TypeResolver
from balmail.check.worker_types import FutureOf
from balmail.resolve import Decl, Resolution, record_of
from balmail.resolve import record as R
from balmail.runtime import types as T
from balmail.syntax import ast

_MISSING = object()


class DeclTypes:
    """Declared types of one module's declarations (`of(decl)`), each resolved once, with the module's one
    `TypeResolver` (`resolver`: its named types are resolved once too, for every check that uses it)."""

    def __init__(self, module: ast.Module, record: Resolution) -> None:
        self.record = record
        prefixes = {imp.prefix: imp.full_name for imp in module.imports if imp.alias != "_"}

        def library(prefix: str, name: str) -> T.Type | None:
            full = prefixes.get(prefix)
            return module_types(full).get(name) if full else None

        self.resolver = TypeResolver(module, library)
        self._types: dict[Decl, T.Type | None] = {}

    def of(self, decl: Decl | None) -> T.Type | None:
        """The declared type of `decl` (None: none written, or not certain)."""
        if decl is None:
            return None
        found = self._types.get(decl, _MISSING)
        if found is _MISSING:
            found = self._types[decl] = self._declared(decl)
        return found  # type: ignore[return-value]

    def of_node(self, node: ast.Node) -> T.Type | None:
        """The declared type of the (first) declaration `node` makes (a Param, CaptureBinding, ...)."""
        return self.of(self.record.decls.get(node))

    def _declared(self, decl: Decl) -> T.Type | None:
        node, written = decl.node, decl.type
        if decl.kind == R.SELF:
            return self.resolver.named(node.name) if isinstance(node, ast.ClassDefn) else None
        if isinstance(node, ast.ConstDecl) and written is None:
            return _literal_type(node.value)
        if written is None:
            return None
        if isinstance(written, ast.ParameterizedType) and written.name == "future" and written.args:
            result = self.resolver.resolve(written.args[0])
            return FutureOf(result) if result is not None else None
        t = self.resolver.resolve(written)
        if isinstance(node, ast.Param) and node.rest and t is not None:
            return T.TArray(t)
        return t


def _literal_type(e: ast.Expr | None) -> T.Type | None:
    """The type of a constant's literal value (`const N = 3;` is an `int`)."""
    if isinstance(e, ast.Unary) and e.op == "-" and isinstance(e.operand, ast.Literal):
        e = e.operand
    if not isinstance(e, ast.Literal):
        return None
    if e.kind == "float":
        return T.DECIMAL if e.text[-1:] in "dD" else T.FLOAT
    return LITERAL_TYPES.get(e.kind)


LITERAL_TYPES: dict[str, T.Type] = {
    "int": T.INT,
    "string": T.STRING,
    "boolean": T.BOOLEAN,
    "nil": T.NIL,
    "decimal": T.DECIMAL,
}

_TYPINGS: WeakKeyDictionary[ast.Module, DeclTypes] = WeakKeyDictionary()


def decl_types_of(module: ast.Module) -> DeclTypes:
    """The declared types of `module`'s declarations, made once per module (like its resolve record) and
    shared by every check of one `check` run."""
    found = _TYPINGS.get(module)
    if found is None:
        found = _TYPINGS[module] = DeclTypes(module, record_of(module))
    return found
