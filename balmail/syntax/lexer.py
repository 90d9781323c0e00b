"""The lexer of the fast path: balmail's own, because Lark's general lexer counts lines and runs callbacks
per token, and one alternation of every terminal makes Python's `re` try them all in turn at each token.

The terminals (from Lark's grammar, in its priority order) are grouped by the characters a token can start
with: at each position the lexer skips blanks and tries only the terminals that can start with the next
character, in the same order as the whole alternation, so it finds the same token. Keywords are found by
a dict lookup on identifiers; a template (which nests) by `templates.match_template`. Tokens carry
offsets only; lines and columns come from the `SourceFile`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from balmail.syntax.templates import match_template
from balmail.syntax.tokens import Token

OTHER = ""
"""The dispatch key of every character outside ASCII."""

skip_blanks = re.compile(r"[ \t\r\n\f]*").match

Spec = tuple[list[tuple[str, str]], dict[str, str], frozenset[str], dict[str, tuple[int, ...]]]
"""(terminals as (name, regex) in match order, keyword text -> terminal, ignored terminals,
first character -> indexes of the terminals that can start with it)."""


class LexError(Exception):
    """No terminal matches at `pos`."""

    def __init__(self, pos: int) -> None:
        super().__init__(pos)
        self.pos = pos


class FastLexer:
    """Splits text into `Token`s; see the module docstring."""

    def __init__(self, spec: Spec) -> None:
        self.terminals, self.keywords, self.ignore, self.dispatch = spec
        self._matchers: dict[str, object] = {}

    def spec(self) -> Spec:
        return self.terminals, self.keywords, self.ignore, self.dispatch

    def _matcher(self, char: str) -> object:
        """The compiled alternation of the terminals that can start with `char`, followed by the blanks
        after the token (so one match moves to the next token); None when no terminal can. Made on first
        use, so a small file compiles only the few it needs."""
        key = char if char in self.dispatch else OTHER if ord(char) > 127 else None
        if key is None or key not in self.dispatch:
            return None
        found = self._matchers.get(key)
        if found is None and [self.terminals[i][0] for i in self.dispatch[key]] == ["TEMPLATE"]:
            found = match_template  # templates nest, which no regex matches (`templates.py`)
        if found is None:
            alternatives = "|".join(
                f"(?P<{self.terminals[i][0]}>{self.terminals[i][1]})" for i in self.dispatch[key]
            )
            found = re.compile(f"(?:{alternatives})[ \\t\\r\\n\\f]*").match
            self._matchers[key] = found
        self._matchers[char] = found
        return found

    def lex(self, text: str) -> Iterator[Token]:
        """The tokens of `text`; raises `LexError` where no terminal matches."""
        matchers = self._matchers
        keywords = self.keywords
        ignore = self.ignore
        pos = skip_blanks(text, 0).end()
        size = len(text)
        new = str.__new__
        while pos < size:
            match = matchers.get(text[pos]) or self._matcher(text[pos])
            m = match(text, pos) if match is not None else None  # type: ignore[operator]
            if m is None:
                raise LexError(pos)
            kind = m.lastgroup
            if kind not in ignore:
                value = m.group(kind)
                if kind == "IDENT":
                    kind = keywords.get(value, "IDENT")
                token = new(Token, value)  # `new_token`, inlined
                token.type = kind
                token.value = value
                token.start_pos = pos
                token.end_pos = pos + len(value)
                yield token
            pos = m.end()


def build_spec(terminals: list[tuple[str, str]], keywords: dict[str, str], ignore: frozenset[str]) -> Spec:
    """The lexer's spec from the terminals in match order (keywords and blanks already left out)."""
    dispatch: dict[str, list[int]] = {}
    for index, (_name, regex) in enumerate(terminals):
        for char in first_chars(regex):
            dispatch.setdefault(char, []).append(index)
    return terminals, keywords, ignore, {char: tuple(indexes) for char, indexes in dispatch.items()}


# ---------------------------------------------------------------- first characters of a regex

_ASCII = [chr(i) for i in range(128)]
_ALL = frozenset(_ASCII) | {OTHER}


def first_chars(regex: str) -> frozenset[str]:
    """The ASCII characters a match of `regex` can start with, plus `OTHER` if it can start outside
    ASCII (every character when it can match the empty string or uses a construct not looked into)."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(regex)
    if parsed.state.flags & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_VERBOSE):
        return _ALL
    chars, nullable = _first(list(parsed), c)
    return _ALL if nullable else frozenset(chars)


def _first(items: list, c: object) -> tuple[set[str], bool]:  # noqa: ANN001
    """First characters of a sequence of parsed items, and whether it can match the empty string."""
    found: set[str] = set()
    for op, arg in items:
        chars, nullable = _first_item(op, arg, c)
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _first_item(op: object, arg: object, c: object) -> tuple[set[str], bool]:  # noqa: ANN001, PLR0911
    k = c  # the `re._constants` module
    if op is k.LITERAL:  # type: ignore[attr-defined]
        return ({chr(arg)} if arg < 128 else {OTHER}), False  # type: ignore[operator]
    if op is k.IN:  # type: ignore[attr-defined]
        return _char_class(arg, k), False  # type: ignore[arg-type]
    if op is k.SUBPATTERN:  # type: ignore[attr-defined]
        _group, add_flags, _del_flags, sub = arg  # type: ignore[misc]
        if add_flags & k.SRE_FLAG_IGNORECASE:  # type: ignore[attr-defined]
            return set(_ALL), True
        return _first(list(sub), k)
    if op is k.BRANCH:  # type: ignore[attr-defined]
        found: set[str] = set()
        nullable = False
        for alternative in arg[1]:  # type: ignore[index]
            chars, empty = _first(list(alternative), k)
            found |= chars
            nullable = nullable or empty
        return found, nullable
    if op in (k.MAX_REPEAT, k.MIN_REPEAT, k.POSSESSIVE_REPEAT):  # type: ignore[attr-defined]
        low, _high, sub = arg  # type: ignore[misc]
        chars, empty = _first(list(sub), k)
        return chars, empty or low == 0
    if op in (k.AT, k.ASSERT, k.ASSERT_NOT):  # type: ignore[attr-defined]
        return set(), True  # zero width: the next item gives the first character
    return set(_ALL), True  # anything else (ANY, back references, ...): every character


def _char_class(items: list, k: object) -> set[str]:  # noqa: ANN001
    negate = False
    members: set[str] = set()
    other = False
    tests = {
        k.CATEGORY_DIGIT: (r"\d", False),  # type: ignore[attr-defined]
        k.CATEGORY_NOT_DIGIT: (r"\D", True),  # type: ignore[attr-defined]
        k.CATEGORY_SPACE: (r"\s", True),  # type: ignore[attr-defined]
        k.CATEGORY_NOT_SPACE: (r"\S", True),  # type: ignore[attr-defined]
        k.CATEGORY_WORD: (r"\w", True),  # type: ignore[attr-defined]
        k.CATEGORY_NOT_WORD: (r"\W", True),  # type: ignore[attr-defined]
    }
    for op, arg in items:
        if op is k.NEGATE:  # type: ignore[attr-defined]
            negate = True
        elif op is k.LITERAL:  # type: ignore[attr-defined]
            if arg < 128:
                members.add(chr(arg))
            else:
                other = True
        elif op is k.RANGE:  # type: ignore[attr-defined]
            low, high = arg
            members |= {chr(i) for i in range(low, min(high, 127) + 1)}
            other = other or high > 127
        elif op is k.CATEGORY and arg in tests:  # type: ignore[attr-defined]
            pattern, beyond = tests[arg]
            members |= {ch for ch in _ASCII if re.match(pattern, ch)}
            other = other or beyond
        else:
            return set(_ALL)
    if negate:
        return (set(_ASCII) - members) | {OTHER}
    return members | ({OTHER} if other else set())
