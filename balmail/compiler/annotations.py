"""Annotation values of type and class definitions (`@info {id: 1} type T ...;`), computed once at
module initialisation and read by the annotation access `t.@info` (spec, "Annotations"): the value of an
annotation declared without a type is `true`, otherwise its mapping constructor (`{}` when none is
written) built with the annotation's type and made read-only; a typedesc without it gives `()`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from balmail.compiler import expressions, typedesc
from balmail.compiler.core import Compiler
from balmail.runtime import types as T
from balmail.runtime.ops import clone_readonly
from balmail.runtime.values import BTypedesc
from balmail.syntax import ast

_VALUES = "_annotation_values"
"""The attribute of a definition's type object holding {annotation key: value}."""


@attrs.frozen
class Declared:
    """An annotation declared by a module: the key its values are stored under, its type (None: declared
    without one, its value is `true`) and the attach points whose values are kept at run time."""

    key: str
    type: T.Type | None
    points: frozenset[str]


def annotation_key(cx: Compiler, prefix: str | None, name: str) -> str:
    """Annotations are told apart by module and name (`@a` here is not `@m:a`); a package module's own
    annotation has the key its importers use for `@m:a` (the module's qualified name)."""
    if prefix is None:
        return f"{cx.qualified}:{name}" if cx.qualified else name
    lib = cx.imports.get(prefix)
    declared = getattr(lib, "annotations", {}).get(name)
    if declared is not None:
        return declared.key
    return f"{getattr(lib, 'name', prefix)}:{name}"


def declared_annotations(cx: Compiler) -> dict[str, Declared]:
    """The annotations a compiled module declares, as modules importing it see them (compiler/link.py)."""
    out: dict[str, Declared] = {}
    for m in cx.module.members:
        if isinstance(m, ast.AnnotationDecl):
            out[m.name] = _declared(cx, m)
    return out


def _declared(cx: Compiler, decl: ast.AnnotationDecl) -> Declared:
    t = typedesc.resolve_type(cx, decl.type) if decl.type is not None else None
    return Declared(annotation_key(cx, None, decl.name), t, frozenset(_runtime_points(decl.attach_points)))


def annotation_steps(
    cx: Compiler, members: tuple[ast.Member, ...], free_names: Callable[[Compiler, Any], set[str]]
) -> list[tuple[set[str], set[str], Callable[[], None]]]:
    """Module initialisation steps storing the annotation values of the module's type and class
    definitions on their types, each after the module values its mapping constructor reads."""
    decls = {m.name: m for m in members if isinstance(m, ast.AnnotationDecl)}
    steps: list[tuple[set[str], set[str], Callable[[], None]]] = []
    for m in members:
        if not isinstance(m, ast.TypeDefn | ast.ClassDefn) or not m.annotations:
            continue
        entry = cx.names.get(m.name)
        if entry is None:
            continue
        owners = [entry.value] if entry.kind == "type" else [entry.value.type]
        for a in m.annotations:
            if a.prefix is None:
                decl = decls.get(a.name)
                if decl is None:
                    continue
                declared = _declared(cx, decl)
            else:  # `@m:a`: declared by a package module this one imports
                declared = getattr(cx.imports.get(a.prefix), "annotations", {}).get(a.name)
                if declared is None:
                    continue  # a library module's annotation (`@display {...}`) keeps no value here
            if not declared.points & {"type", "class"}:
                continue  # `on source type`: the annotation exists in the source only
            uses = free_names(cx, a.value) if a.value is not None else set()
            steps.append((set(), uses, _step(cx, owners, declared, a)))
    return steps


def _runtime_points(points: tuple[str, ...]) -> set[str]:
    """The attach points whose values are kept at run time: those not marked `source`."""
    kept: set[str] = set()
    source = False
    for p in points:
        if p == "source":
            source = True
            continue
        if not source:
            kept.add(p)
        source = False
    return kept


def _step(cx: Compiler, owners: list[Any], declared: Declared, a: ast.Annotation) -> Callable[[], None]:
    key = declared.key
    if declared.type is None:

        def value(frame: list[Any]) -> Any:
            return True
    else:
        mapping = a.value if a.value is not None else ast.MappingExpr(span=a.span, fields=())
        value = expressions.expr(cx, mapping, declared.type)

    def step() -> None:
        v = clone_readonly(value(cx.module_frame()))
        for owner in owners:
            _values_of(owner, create=True)[key] = v
            if isinstance(owner, T.TLazy):
                target = owner.get()
                if target.name == owner.name:  # the definition's own type (not a shared `int`)
                    _values_of(target, create=True)[key] = v

    return step


def _values_of(t: Any, create: bool = False) -> dict[str, Any] | None:
    values = getattr(t, _VALUES, None)
    if values is None and create:
        values = {}
        setattr(t, _VALUES, values)
    return values


def annotation_value(td: Any, key: str) -> Any:
    """`td.@a`: the annotation value its type definition carries, else `()`."""
    if not isinstance(td, BTypedesc):
        return None
    values = _values_of(td.type)
    return None if values is None else values.get(key)
