"""ballerina/lang.regexp: `re` templates compiled to `regex`-package patterns, and the regexp functions.

Engine (docs/sandbox.md): Ballerina's runtime matches with a backtracking engine (Java's), so a linear-time
engine such as RE2 would change which alternative wins and what groups capture in corner cases; the
`regex` package is backtracking with `re`'s syntax (version 0) and takes a `timeout`, so every match runs
under the time left in the invocation's budget and a catastrophic pattern ends in a budget error instead
of stalling the listener. Each matching function is `@metered` (bound to the run's sandbox).

Ballerina's regex syntax is an ECMAScript-like subset; the differences from Python's `re` that matter are
translated here: `\\p{..}`/`\\P{..}` Unicode properties (expanded into character ranges built from
`unicodedata`), `$` (end of input only, like Python's `\\Z`) and escapes Python would read differently.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any

import regex

from balmail.lib.registry import LibModule
from balmail.runtime import types as T
from balmail.runtime.errors import make_error, runtime_panic
from balmail.runtime.sandbox import Sandbox, metered
from balmail.runtime.values import BError, BFunction, BList, BNative, BObject, BRegExp


class NativeClass:
    """A library class whose methods are Python functions (`regexp:Span`)."""

    def __init__(self, name: str, native_methods: dict[str, Any]) -> None:
        self.name = name
        self.methods: dict[str, Any] = {}
        self.native_methods = native_methods
        self.readonly = True
        self.includes: tuple[Any, ...] = ()
        self.distinct_ids: frozenset[int] = frozenset()
        self.type = T.TObject(self)
        self.type.name = name


SPAN_CLASS = NativeClass("regexp:Span", {"substring": lambda span: span.fields["captured"]})
SPAN_TYPE = SPAN_CLASS.type
GROUPS_TYPE = T.TIntersection([T.TTuple([SPAN_TYPE], T.TUnion([SPAN_TYPE, T.NIL])), T.READONLY])
GROUPS_TYPE.name = "regexp:Groups"

_GENERAL = {
    "L": "L",
    "Lu": "Lu",
    "Ll": "Ll",
    "Lt": "Lt",
    "Lm": "Lm",
    "Lo": "Lo",
    "N": "N",
    "Nd": "Nd",
    "Nl": "Nl",
    "No": "No",
    "P": "P",
    "Pc": "Pc",
    "Pd": "Pd",
    "Ps": "Ps",
    "Pe": "Pe",
    "Pi": "Pi",
    "Pf": "Pf",
    "Po": "Po",
    "S": "S",
    "Sm": "Sm",
    "Sc": "Sc",
    "Sk": "Sk",
    "So": "So",
    "Z": "Z",
    "Zs": "Zs",
    "Zl": "Zl",
    "Zp": "Zp",
    "M": "M",
    "Mn": "Mn",
    "Mc": "Mc",
    "Me": "Me",
    "C": "C",
    "Cc": "Cc",
    "Cf": "Cf",
    "Co": "Co",
    "Cn": "Cn",
}


@functools.lru_cache(maxsize=64)
def _category_ranges(cat: str) -> str:
    """Character-class body for a Unicode general category (e.g. `L`), as ranges."""
    out: list[str] = []
    start = None
    prev = -2
    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp)).startswith(cat):
            if start is None:
                start = cp
            elif cp != prev + 1:
                out.append(_range(start, prev))
                start = cp
            prev = cp
    if start is not None:
        out.append(_range(start, prev))
    return "".join(out)


def _range(a: int, b: int) -> str:
    return re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"


def translate(source: str) -> str:
    """Ballerina regex text → Python `re` pattern text."""
    out: list[str] = []
    i = 0
    n = len(source)
    in_class = False
    while i < n:
        c = source[i]
        if c == "\\" and i + 1 < n:
            nxt = source[i + 1]
            if nxt in "pP" and i + 2 < n and source[i + 2] == "{":
                end = source.index("}", i)
                name = source[i + 3 : end]
                if "=" in name:
                    name = name.split("=", 1)[1]
                cat = _GENERAL.get(name, name)
                body = _category_ranges(cat)
                if in_class:
                    if nxt == "P":
                        raise ValueError("negated property inside a character class is not supported")
                    out.append(body)
                else:
                    out.append(("[^" if nxt == "P" else "[") + body + "]")
                i = end + 1
                continue
            if nxt == "u" and i + 2 < n and source[i + 2] == "{":
                end = source.index("}", i)
                out.append(re.escape(chr(int(source[i + 3 : end], 16))))
                i = end + 1
                continue
            out.append(c + nxt)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            if i + 1 < n and source[i + 1] == "^":
                out.append("^")
                i += 1
            i += 1
            continue
        if c == "]" and in_class:
            in_class = False
        elif c == "$" and not in_class:
            out.append(r"\Z")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def compile_regexp(source: str) -> BRegExp:
    try:
        return BRegExp(source, regex.compile(translate(source), regex.V0))
    except (regex.error, ValueError, OverflowError, RecursionError) as e:
        raise runtime_panic("RegularExpressionError", f"invalid regular expression '{source}': {e}") from None


def escape_literal(text: str) -> str:
    return re.sub(r"([\\^$.|?*+()\[\]{}])", r"\\\1", text)


def _span(m: Any, group: int = 0) -> BObject | None:
    if m.start(group) < 0:
        return None
    obj = BObject(SPAN_CLASS)
    obj.fields = {"startIndex": m.start(group), "endIndex": m.end(group), "captured": m.group(group)}
    return obj


def _groups(m: Any) -> BList:
    return BList([_span(m, g) for g in range(0, (m.re.groups or 0) + 1)], GROUPS_TYPE, ro=True)


def _timed(sb: Sandbox, call: Any, *args: Any) -> Any:
    """Run one matching call of the `regex` package under the time left in the invocation."""
    try:
        return call(*args, timeout=sb.seconds_left(), concurrent=True)
    except TimeoutError:
        raise sb.exhaust("seconds") from None


def _matches(sb: Sandbox, rx: BRegExp, s: str, start: int = 0) -> Iterator[Any]:
    """Every match from `start`, each searched under the time budget (and counted as a step)."""
    pos = start
    n = len(s)
    while pos <= n:
        m = _timed(sb, rx.compiled.search, s, pos)
        if m is None:
            return
        sb.charge(1)
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


@metered
def find(sb: Sandbox, rx: BRegExp, s: str, start: int = 0) -> Any:
    m = _timed(sb, rx.compiled.search, s, start)
    return _span(m) if m else None


@metered
def find_all(sb: Sandbox, rx: BRegExp, s: str, start: int = 0) -> BList:
    return BList([_span(m) for m in _matches(sb, rx, s, start)], T.TArray(SPAN_TYPE))


@metered
def find_groups(sb: Sandbox, rx: BRegExp, s: str, start: int = 0) -> Any:
    m = _timed(sb, rx.compiled.search, s, start)
    return _groups(m) if m else None


@metered
def find_all_groups(sb: Sandbox, rx: BRegExp, s: str, start: int = 0) -> BList:
    return BList([_groups(m) for m in _matches(sb, rx, s, start)], T.TArray(GROUPS_TYPE))


@metered
def match_at(sb: Sandbox, rx: BRegExp, s: str, start: int = 0) -> Any:
    m = _timed(sb, rx.compiled.match, s, start)
    return _span(m) if m else None


@metered
def match_groups_at(sb: Sandbox, rx: BRegExp, s: str, start: int = 0) -> Any:
    m = _timed(sb, rx.compiled.match, s, start)
    return _groups(m) if m else None


@metered
def is_full_match(sb: Sandbox, rx: BRegExp, s: str) -> bool:
    return _timed(sb, rx.compiled.fullmatch, s) is not None


@metered
def full_match_groups(sb: Sandbox, rx: BRegExp, s: str) -> Any:
    m = _timed(sb, rx.compiled.fullmatch, s)
    return _groups(m) if m else None


def _replacement(replacement: Any) -> Any:
    if isinstance(replacement, BFunction | BNative):
        return lambda m: replacement(_groups(m))
    return lambda m: replacement


def _text(value: Any) -> str:
    if type(value) is not str:
        raise runtime_panic("TypeCastError", "a regexp replacement must be a string")
    return value


@metered
def replace(sb: Sandbox, rx: BRegExp, s: str, replacement: Any, start: int = 0) -> str:
    m = _timed(sb, rx.compiled.search, s, start)
    if m is None:
        return s
    text = _text(_replacement(replacement)(m))
    sb.check_size(len(s) - (m.end() - m.start()) + len(text))
    return s[: m.start()] + text + s[m.end() :]


@metered
def replace_all(sb: Sandbox, rx: BRegExp, s: str, replacement: Any, start: int = 0) -> str:
    """Replace every match, adding up the result's size before it is built (the size budget)."""
    rep = _replacement(replacement)
    parts: list[str] = [s[:start]]
    size = start
    last = start
    for m in _matches(sb, rx, s, start):
        text = _text(rep(m))
        size += (m.start() - last) + len(text)
        if size > sb.max_size:
            sb.check_size(size)
        parts.append(s[last : m.start()])
        parts.append(text)
        last = m.end()
    sb.check_size(size + len(s) - last)
    parts.append(s[last:])
    return "".join(parts)


@metered
def split(sb: Sandbox, rx: BRegExp, s: str) -> BList:
    parts: list[str] = []
    last = 0
    for m in _matches(sb, rx, s):
        if m.end() == m.start() == 0:
            continue
        parts.append(s[last : m.start()])
        last = m.end()
    parts.append(s[last:])
    return BList(parts, T.TArray(T.STRING))


def from_string(s: str) -> Any:
    try:
        return compile_regexp(s)
    except Exception:  # noqa: BLE001 - a bad pattern is an error value here, not a panic
        return make_error(f"invalid regular expression: {s}")


FUNCTIONS = {
    "find": find,
    "findAll": find_all,
    "findGroups": find_groups,
    "findAllGroups": find_all_groups,
    "matchAt": match_at,
    "matchGroupsAt": match_groups_at,
    "isFullMatch": is_full_match,
    "fullMatchGroups": full_match_groups,
    "replace": replace,
    "replaceAll": replace_all,
    "split": split,
    "fromString": from_string,
}


def module(ctx: Any) -> LibModule:
    sb = ctx.sandbox
    return LibModule(
        "ballerina/lang.regexp",
        functions={
            k: functools.partial(f, sb) if getattr(f, "metered", False) else f for k, f in FUNCTIONS.items()
        },
        types={"RegExp": T.REGEXP, "Span": SPAN_TYPE, "Groups": GROUPS_TYPE},
    )


__all__ = ["BError", "FUNCTIONS", "compile_regexp", "escape_literal", "module"]
