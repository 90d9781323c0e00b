"""Intermediate values the builders pass up the parse (never in the AST), and `_with_prefix`."""

from __future__ import annotations

from typing import Any

from balmail.source import Span
from balmail.syntax import ast
from balmail.syntax.makers import evolve
from balmail.syntax.tokens import Token


class _Part:
    """Base for values passed between rules but not kept in the AST; they have no span of their own.
    Subclasses only name their fields in `__slots__` (typed by annotations); the values are given in order."""

    __slots__: tuple[str, ...] = ()

    def __init_subclass__(cls) -> None:
        # `__init__(self, field1, ...)` setting each slot: straight-line code, as parts are made per rule
        names = cls.__slots__
        lines = [f"def __init__(self{''.join(', ' + n for n in names)}):"]
        lines += [f"    self.{n} = {n}" for n in names] or ["    pass"]
        namespace: dict[str, Any] = {}
        exec(compile("\n".join(lines), f"<{cls.__name__}.__init__>", "exec"), namespace)  # noqa: S102
        cls.__init__ = namespace["__init__"]  # type: ignore[misc]


class _Org(_Part):
    __slots__ = ("name",)
    name: str


class _ModuleName(_Part):
    __slots__ = ("parts",)
    parts: tuple[str, ...]


class _Qualifiers(_Part):
    __slots__ = ("tokens",)
    tokens: tuple[Token, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.value for t in self.tokens)


class _Annotations(_Part):
    __slots__ = ("items",)
    items: tuple[ast.Annotation, ...]


class _ConfigRequired(_Part):
    __slots__ = ()


class _AttachPoint(_Part):
    __slots__ = ("value",)
    value: str | tuple[str, ...]


class _ExprList(_Part):
    __slots__ = ("items",)
    items: tuple[ast.Expr, ...]


class _ResourcePath(_Part):
    __slots__ = ("segments",)
    segments: tuple[ast.ResourceSegment, ...]


class _Params(_Part):
    __slots__ = ("items",)
    items: tuple[ast.Param, ...]


class _Returns(_Part):
    __slots__ = ("type", "annotations")
    type: ast.TypeDesc
    annotations: tuple[ast.Annotation, ...]


class _Inclusion(_Part):
    __slots__ = ("type",)
    type: ast.TypeDesc


class _Rest(_Part):
    __slots__ = ("type",)
    type: ast.TypeDesc


class _TupleMembers(_Part):
    __slots__ = ("items", "rest")
    items: tuple[ast.TypeDesc, ...]
    rest: ast.TypeDesc | None


class _Else(_Part):
    __slots__ = ("branch", "span")
    branch: ast.Block | ast.If
    span: Span


class _Guard(_Part):
    __slots__ = ("expr",)
    expr: ast.Expr


class _Items(_Part):
    __slots__ = ("items", "rest")
    items: tuple[Any, ...]
    rest: str | None


class _RestName(_Part):
    __slots__ = ("name",)
    name: str


class _NamedPair(_Part):
    __slots__ = ("pair",)
    pair: tuple[Any, Any]


class _ErrorArgs(_Part):
    __slots__ = ("positional", "named", "rest")
    positional: tuple[Any, ...]
    named: tuple[tuple[str, Any], ...]
    rest: str | None


class _Args(_Part):
    __slots__ = ("items",)
    items: tuple[Any, ...]


class _Fields(_Part):
    __slots__ = ("items",)
    items: tuple[ast.MappingField, ...]


class _Text(str):
    """A name passed up between rules, with its absolute offsets (the AST keeps plain `str`)."""

    __slots__ = ("start", "end")

    def __new__(cls, value: str, start: int, end: int) -> _Text:
        obj = super().__new__(cls, value)
        obj.start = start
        obj.end = end
        return obj


class _Pipeline(_Part):
    __slots__ = ("clauses", "span")
    clauses: tuple[Any, ...]
    span: Span


class _Result(_Part):
    __slots__ = ("kind", "expr")
    kind: str
    expr: ast.Expr


class _Conflict(_Part):
    __slots__ = ("expr",)
    expr: ast.Expr


def _with_prefix(
    member: ast.Member, annotations: _Annotations | None, quals: _Qualifiers | None, span: Span
) -> ast.Member:
    """Attach the annotations and qualifiers that precede a member, widening its span to include them."""
    changes: dict[str, Any] = {"span": span}
    if annotations is not None:
        changes["annotations"] = annotations.items + member.annotations
    if quals is not None:
        changes["qualifiers"] = quals.names + member.qualifiers
    return evolve(member, changes)  # type: ignore[no-any-return]
