"""Positional constructors of AST nodes for the parser's hottest builders.

A frozen attrs node's `__init__` takes keywords and sets each slot through `object.__setattr__` (frozen
classes refuse plain assignment): about a microsecond per node, a fifth of parsing. `maker(cls)` gives a
function that builds the same object from the fields in declaration order (`span` first) by setting the
slots directly: what the class's own `__init__` does, minus its keyword parsing, for classes whose fields
have no validator, converter, factory or post-init (checked here; tests/syntax/test_fast_path.py compares
the objects). Only the parser uses it; everything else keeps calling the class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from balmail.syntax.ast import Node


def makers(*classes: type[Node]) -> tuple[Callable[..., Any], ...]:
    """`make(span, field2, ...)` per class, all fields positional in declaration order (compiled in one
    go: this runs at import); see the module docstring."""
    namespace: dict[str, Any] = {"_new": object.__new__}
    lines: list[str] = []
    for index, cls in enumerate(classes):
        assert not hasattr(cls, "__attrs_post_init__") and not hasattr(cls, "__attrs_pre_init__"), cls
        fields = attrs.fields(cls)
        for f in fields:
            assert f.init and f.validator is None and f.converter is None, (cls, f.name)
            assert not isinstance(f.default, attrs.Factory), (cls, f.name)  # type: ignore[arg-type]
        names = [f.name for f in fields]
        namespace[f"_cls{index}"] = cls
        for n in names:
            namespace[f"_set{index}_{n}"] = getattr(cls, n).__set__
        hidden = ", ".join(f"_set_{n}=_set{index}_{n}" for n in names)
        lines.append(f"def make{index}({', '.join(names)}, *, _new=_new, _cls=_cls{index}, {hidden}):")
        lines.append("    node = _new(_cls)")
        lines += [f"    _set_{n}(node, {n})" for n in names]
        lines.append("    return node")
    exec(compile("\n".join(lines), "<node makers>", "exec"), namespace)  # noqa: S102
    found = []
    for index, cls in enumerate(classes):
        make = namespace[f"make{index}"]
        make.__qualname__ = make.__name__ = f"make_{cls.__name__}"
        found.append(make)
    return tuple(found)


_EVOLVERS: dict[type, tuple[Callable[..., Any], tuple[str, ...]]] = {}


def evolve(node: Node, changes: dict[str, Any]) -> Node:
    """`attrs.evolve(node, **changes)` through the class's maker (made on first use per class)."""
    cls = type(node)
    found = _EVOLVERS.get(cls)
    if found is None:
        found = _EVOLVERS[cls] = (makers(cls)[0], tuple(f.name for f in attrs.fields(cls)))
    make, names = found
    return make(*[changes[n] if n in changes else getattr(node, n) for n in names])  # type: ignore[no-any-return]
