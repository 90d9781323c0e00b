"""ballerina/lang.regexp: `re` templates compiled to `regex`-package patterns, and the regexp functions.

Engine (docs/sandbox.md): Ballerina's runtime matches with a backtracking engine (Java's), so a linear-time
engine such as RE2 would change which alternative wins and what groups capture in corner cases; the
`regex` package is backtracking with `re`'s syntax (version 0) and takes a `timeout`, so every match runs
under the time left in the invocation's budget and a catastrophic pattern ends in a budget error instead
of stalling the listener. Each matching function is `@metered` (bound to the run's sandbox).

Ballerina's regex syntax is an ECMAScript-like subset; the differences from Python's `re` that matter are
translated here: `\\p{..}`/`\\P{..}` Unicode properties (onto the `regex`
package's own, which knows scripts and general categories), `$` (end of input only, like Python's `\\Z`)
and escapes; an escape Ballerina's grammar does not have (`\\b`, `\\1`) is a RegexpSyntaxError.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator
from typing import Any

import regex

from balmail.lib.registry import LibModule, NativeClass
from balmail.runtime import types as T
from balmail.runtime.errors import make_error, runtime_panic
from balmail.runtime.sandbox import Sandbox, metered
from balmail.runtime.values import BError, BFunction, BList, BNative, BObject, BRegExp

SPAN_CLASS = NativeClass("regexp:Span", {"substring": lambda span: span.fields["captured"]}, readonly=True)
SPAN_TYPE = SPAN_CLASS.type
GROUPS_TYPE = T.TIntersection([T.TTuple([SPAN_TYPE], T.TUnion([SPAN_TYPE, T.NIL])), T.READONLY])
GROUPS_TYPE.name = "regexp:Groups"

_GENERAL = frozenset(
    "L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Co Cs Cn"
    .split()
)
"""Ballerina's `ReUnicodeGeneralCategoryName`s: `\\p{Lu}` and `\\p{gc=Lu}` take only these."""

_SYNTAX_CHARS = frozenset("^$\\.*+?()[]{}|")
"""`ReSyntaxChar`: what `\\` may quote (`ReQuoteEscape`)."""

_ESCAPES = {"t": "\\t", "n": "\\n", "r": "\\r", "f": "\\f", "v": "\\v"}
_CLASS_ESCAPES = frozenset("dDsSwW")


class RegexpSyntaxError(ValueError):
    """A Ballerina regular expression that does not follow Ballerina's regexp grammar."""


def _property(source: str, i: int) -> tuple[str, int]:
    """`\\p{..}`/`\\P{..}` at `i` → the `regex` package's own property escape, and the index after it.

    The `regex` package matches Unicode properties natively (current Unicode tables, scripts included), so
    Ballerina's `\\p{Lu}`, `\\p{gc=Lu}` and `\\p{sc=Latin}` map one to one onto it."""
    end = source.find("}", i + 3)
    if end < 0:
        raise RegexpSyntaxError(f"missing '}}' after '\\{source[i + 1]}{{'")
    name = source[i + 3 : end]
    kind, _, value = name.rpartition("=")
    if kind == "sc":
        if not re.fullmatch(r"[A-Za-z_]+", value):
            raise RegexpSyntaxError(f"invalid Unicode script name '{value}'")
        prop = f"sc={value}"
    elif kind in ("", "gc"):
        if value not in _GENERAL:
            raise RegexpSyntaxError(f"invalid Unicode general category '{value}'")
        prop = f"gc={value}"
    else:
        raise RegexpSyntaxError(f"invalid Unicode property '{name}' (Ballerina takes 'sc=' or 'gc=')")
    return f"\\{source[i + 1]}{{{prop}}}", end + 1


def _escape(source: str, i: int, in_class: bool) -> tuple[str, int]:
    """The escape at `source[i] == '\\'` → pattern text and the index after it; only Ballerina's escapes
    (`ReEscape`) are taken, so `\\b`, `\\1` or `\\x41` are errors as they are in Ballerina."""
    if i + 1 >= len(source):
        raise RegexpSyntaxError("a regular expression cannot end with '\\'")
    nxt = source[i + 1]
    if nxt in "pP" and source.startswith("{", i + 2):
        return _property(source, i)
    if nxt == "u" and source.startswith("{", i + 2):
        end = source.find("}", i + 3)
        digits = source[i + 3 : end] if end > 0 else ""
        if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", digits) or int(digits, 16) > sys.maxunicode:
            raise RegexpSyntaxError(f"invalid code point escape '\\u{{{digits}'")
        return re.escape(chr(int(digits, 16))), end + 1
    if nxt in _SYNTAX_CHARS or nxt in _CLASS_ESCAPES or (in_class and nxt == "-"):
        return "\\" + nxt, i + 2
    if nxt in _ESCAPES:
        return _ESCAPES[nxt], i + 2
    raise RegexpSyntaxError(f"invalid escape '\\{nxt}' in a regular expression")


def translate(source: str) -> str:
    """Ballerina regex text → `regex`-package pattern text (raises RegexpSyntaxError)."""
    out: list[str] = []
    i = 0
    n = len(source)
    in_class = False
    while i < n:
        c = source[i]
        if c == "\\":
            text, i = _escape(source, i, in_class)
            out.append(text)
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


def regexp_error(source: str) -> str | None:
    """Why `source` is not a regular expression balmail can match, or None when it is."""
    try:
        regex.compile(translate(source), regex.V0)
    except (regex.error, ValueError, OverflowError, RecursionError) as e:
        return re.sub(r" at position \d+$", "", str(e))  # a position in the translated text would mislead
    return None


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
