"""The parser's token and default tree node: balmail's own, so parsing a valid file never imports Lark.

Lark's parser (error path only, `lark_side.py`) accepts them too: it reads a token's `type`, `value` and
positions, and builds `_rule` children from `Tree.children`.
"""

from __future__ import annotations


class Token(str):
    """A token: the text itself (so builders compare it with keyword text directly), its terminal name and
    its offsets. Lines and columns come from the `SourceFile`, so they are never stored (Lark's error
    messages read them: the class attributes give None)."""

    __slots__ = ("type", "value", "start_pos", "end_pos")
    line = column = end_line = end_column = None

    type: str
    value: str
    start_pos: int
    end_pos: int

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (new_token, (self.type, self.value, self.start_pos, self.end_pos))


def new_token(kind: str, value: str, start: int, end: int) -> Token:
    token = str.__new__(Token, value)
    token.type = kind
    token.value = value
    token.start_pos = start
    token.end_pos = end
    return token


class Tree:
    """What a rule without a builder method gives (`_rule` helpers of the grammar, inlined into their
    parent): its name and children, as Lark's tree has them."""

    __slots__ = ("data", "children")

    def __init__(self, data: str, children: list) -> None:
        self.data = data
        self.children = children

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"
