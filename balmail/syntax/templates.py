"""Backtick templates: where one ends and where its `${...}` interpolations are.

Hand-written rather than a terminal regex because templates nest: an interpolation is an expression, so it
holds strings, braces (mappings, function bodies) and other templates to any depth, and Python's `re`
cannot match balanced nesting. The lexers (`lexer.FastLexer` and the fast path's inline loop) call
`match_template` for a token that starts with a backtick; the builders use `interpolations` to split a
template's text, so both agree on every boundary.
"""

from __future__ import annotations

import re

_PLAIN = re.compile(r"[^`$]*").match
"""Template text up to the next backtick or dollar."""

_CODE = re.compile(r"[^{}`\"/]*").match
"""Interpolation code up to the next character that can open or close something."""

_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"').match

_BLANKS = re.compile(r"[ \t\r\n\f]*").match


def template_end(text: str, pos: int) -> int:
    """The offset just after the template whose opening backtick is at `pos`, or -1 when it does not
    end (a missing closing backtick, or an interpolation that does not close)."""
    i = pos + 1
    size = len(text)
    while True:
        i = _PLAIN(text, i).end()
        if i >= size:
            return -1
        if text[i] == "`":
            return i + 1
        # a `$`
        if text.startswith("${", i):
            i = interpolation_end(text, i + 2)
            if i < 0:
                return -1
        else:
            i += 1


def interpolation_end(text: str, pos: int) -> int:
    """The offset just after the `}` that closes the interpolation whose code starts at `pos`, or -1."""
    depth = 0
    i = pos
    size = len(text)
    while True:
        i = _CODE(text, i).end()
        if i >= size:
            return -1
        ch = text[i]
        if ch == "}":
            if depth == 0:
                return i + 1
            depth -= 1
            i += 1
        elif ch == "{":
            depth += 1
            i += 1
        elif ch == "`":
            i = template_end(text, i)
            if i < 0:
                return -1
        elif ch == '"':
            m = _STRING(text, i)
            if m is None:
                return -1
            i = m.end()
        elif text.startswith("//", i):  # a comment runs to the end of its line
            i = text.find("\n", i)
            if i < 0:
                return -1
        else:  # a lone `/`
            i += 1


def interpolations(body: str) -> list[tuple[int, int]]:
    """(start of `${`, end after `}`) of each interpolation in a template's text between its backticks
    (a text `template_end` accepted)."""
    found: list[tuple[int, int]] = []
    i = 0
    size = len(body)
    while True:
        i = _PLAIN(body, i).end()
        if i >= size:
            return found
        if body.startswith("${", i):
            end = interpolation_end(body, i + 2)
            if end < 0:  # not reached for a lexed template
                return found
            found.append((i, end))
            i = end
        else:
            i += 1


class TemplateMatch:
    """What `re.Match` gives the lexers for one token (`lastgroup`, `m[kind]`, `group`, `end`): a
    TEMPLATE and the blanks after it."""

    __slots__ = ("_end", "_value")
    lastgroup = "TEMPLATE"

    def __init__(self, value: str, end: int) -> None:
        self._value = value
        self._end = end

    def __getitem__(self, _kind: str) -> str:
        return self._value

    def group(self, _kind: str) -> str:
        return self._value

    def end(self) -> int:
        return self._end


def match_template(text: str, pos: int) -> TemplateMatch | None:
    """The template at `pos` with the blanks after it, as a match; None when it does not end."""
    end = template_end(text, pos)
    if end < 0:
        return None
    return TemplateMatch(text[pos:end], _BLANKS(text, end).end())
