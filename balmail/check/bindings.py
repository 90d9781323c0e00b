"""List binding patterns against the list type they destructure (`var [a, b] = p;`, `Pair [a, _] = p;`,
`[a, [b, c]] = p;`): a pattern with more or fewer members than a tuple of fixed length (or a
fixed-length array) cannot match it, which Ballerina refuses at compile time with "invalid list binding
pattern; member variable count mismatch with member type count". Only a type known to be such a list is
judged (open arrays and tuples with a rest member admit any count the pattern can take)."""

from __future__ import annotations

from collections.abc import Callable

from balmail.runtime import types as T
from balmail.source import Span
from balmail.syntax import ast

COUNT_MISMATCH = "invalid list binding pattern; member variable count mismatch with member type count"


OnCapture = Callable[[ast.CaptureBinding, T.Type], None]


def list_binding_problems(
    binding: ast.Node, t: T.Type | None, on_capture: OnCapture | None = None
) -> list[tuple[Span, str]]:
    """(span, message) for each list binding pattern in `binding` whose member count cannot match `t`.
    `on_capture` is told the member type each variable of the pattern takes, when it is known."""
    found: list[tuple[Span, str]] = []
    _walk(binding, t, found, on_capture)
    return found


def _walk(
    binding: ast.Node,
    t: T.Type | None,
    found: list[tuple[Span, str]],
    on_capture: OnCapture | None,
) -> None:
    if t is None:
        return
    if isinstance(binding, ast.CaptureBinding):
        if on_capture is not None:
            on_capture(binding, t)
        return
    if not isinstance(binding, ast.ListBinding):
        return
    r = T.resolve(t)
    members: list[T.Type | None]
    if isinstance(r, T.TTuple):
        members, rest = list(r.members), r.rest
    elif isinstance(r, T.TArray) and r.length is not None:
        members, rest = [r.element] * r.length, None
    elif isinstance(r, T.TArray):
        members, rest = [], r.element
    else:
        return
    n = len(binding.items)
    if rest is None and (n > len(members) or (binding.rest is None and n != len(members))):
        found.append((binding.span, COUNT_MISMATCH))
        return
    for i, item in enumerate(binding.items):
        member = members[i] if i < len(members) else rest
        _walk(item, member, found, on_capture)
