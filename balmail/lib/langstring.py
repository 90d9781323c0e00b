"""lang.string: the functions of strings, usable as methods and as `string:` module calls (split from
langlib.py, which merges the tables)."""

from __future__ import annotations

import decimal
from typing import Any

from balmail.lib import regexp
from balmail.runtime import types as T
from balmail.runtime.errors import (
    make_error,
    runtime_panic,
)
from balmail.runtime.sandbox import Sandbox, metered
from balmail.runtime.values import (
    BList,
    BRegExp,
    BStream,
    to_string,
)

D = decimal.Decimal
STRING_ARRAY = T.TArray(T.STRING)
INT_ARRAY = T.TArray(T.INT)
BYTE_ARRAY = T.TArray(T.BYTE)


def s_substring(s: str, start: int, end: int | None = None) -> str:
    if end is None:
        end = len(s)
    if start < 0 or end > len(s) or start > end:
        raise runtime_panic(
            "IndexOutOfRange",
            f"string index out of range: startIndex: {start}, endIndex: {end}, length: {len(s)}",
            "lang.string",
        )
    return s[start:end]


def s_index_of(s: str, sub: str, start: int = 0) -> int | None:
    i = s.find(sub, start)
    return None if i < 0 else i


def s_last_index_of(s: str, sub: str, start: int | None = None) -> int | None:
    i = s.rfind(sub, 0, (start + len(sub)) if start is not None else len(s))
    return None if i < 0 else i


def s_includes(s: str, sub: str, start: int = 0) -> bool:
    return s.find(sub, start) >= 0


def s_upper(s: str) -> str:
    return "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in s)


def s_lower(s: str) -> str:
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def s_trim(s: str) -> str:
    return s.strip(" \t\n\x0b\x0c\r")


@metered
def s_join(sb: Sandbox, sep: str, *strs: str) -> str:
    sb.check_size(sum(map(len, strs)) + len(sep) * max(0, len(strs) - 1))
    return sep.join(strs)


@metered
def s_concat(sb: Sandbox, *strs: str) -> str:
    sb.check_size(sum(map(len, strs)))
    return "".join(strs)


def _pad(sb: Sandbox, s: str, length: int, pad: str) -> str:
    """The padding `padStart`/`padEnd`/`padZero` add, its size checked before it is built."""
    n = max(0, length - len(s))
    if n * len(pad) + len(s) > sb.max_size:
        sb.check_size(n * len(pad) + len(s))
    return pad * n


@metered
def s_pad_start(sb: Sandbox, s: str, length: int, pad: str = " ") -> str:
    return _pad(sb, s, length, pad) + s


@metered
def s_pad_end(sb: Sandbox, s: str, length: int, pad: str = " ") -> str:
    return s + _pad(sb, s, length, pad)


@metered
def s_pad_zero(sb: Sandbox, s: str, length: int, zero: str = "0") -> str:
    if s.startswith(("-", "+")):
        return s[0] + _pad(sb, s, length, zero) + s[1:]
    return _pad(sb, s, length, zero) + s


def s_from_bytes(b: Any) -> Any:
    try:
        return bytes(list(b)).decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return make_error("array contains invalid UTF-8 byte value")


def s_to_bytes(s: str) -> BList:
    return BList(s.encode("utf-8"), BYTE_ARRAY)


def s_code_point_compare(a: str, b: str) -> int:
    return (a > b) - (a < b)


def s_get_code_point(s: str, i: int) -> int:
    if not 0 <= i < len(s):
        raise runtime_panic(
            "IndexOutOfRange", f"string index out of range: index: {i}, size: {len(s)}", "lang.string"
        )
    return ord(s[i])


def s_to_code_point_ints(s: str) -> BList:
    return BList([ord(c) for c in s], INT_ARRAY)


def _valid_code_point(cp: int) -> bool:
    """A Unicode scalar value: 0..0x10FFFF without the surrogates, which a Ballerina string cannot hold."""
    return 0 <= cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF


def s_from_code_point_ints(cps: Any) -> Any:
    for cp in cps:
        if not _valid_code_point(cp):
            return make_error(f"invalid codepoint: {cp}")
    return "".join(chr(c) for c in cps)


def s_from_code_point_int(cp: int) -> Any:
    if not _valid_code_point(cp):
        return make_error(f"invalid codepoint: {cp}")
    return chr(cp)


def s_to_code_point_int(ch: str) -> int:
    """`string:Char`'s code point (the argument is one character by its type)."""
    return ord(ch)


def s_equals_ignore_case(a: str, b: str) -> bool:
    return s_lower(a) == s_lower(b)


@metered
def s_matches(sb: Sandbox, s: str, rx: BRegExp) -> bool:
    return regexp.is_full_match(sb, rx, s)


@metered
def s_includes_match(sb: Sandbox, s: str, rx: BRegExp, start: int = 0) -> bool:
    return regexp.find(sb, rx, s, start) is not None


def s_length(s: str) -> int:
    return len(s)


def s_to_string(s: Any) -> str:
    return to_string(s)


def s_from_string(s: str) -> str:
    return s


STRING = {
    "length": s_length,
    "substring": s_substring,
    "indexOf": s_index_of,
    "lastIndexOf": s_last_index_of,
    "includes": s_includes,
    "startsWith": lambda s, p: s.startswith(p),
    "endsWith": lambda s, p: s.endswith(p),
    "toUpperAscii": s_upper,
    "toLowerAscii": s_lower,
    "trim": s_trim,
    "join": s_join,
    "concat": s_concat,
    "padStart": s_pad_start,
    "padEnd": s_pad_end,
    "padZero": s_pad_zero,
    "fromBytes": s_from_bytes,
    "toBytes": s_to_bytes,
    "codePointCompare": s_code_point_compare,
    "getCodePoint": s_get_code_point,
    "toCodePointInts": s_to_code_point_ints,
    "fromCodePointInts": s_from_code_point_ints,
    "fromCodePointInt": s_from_code_point_int,
    "toCodePointInt": s_to_code_point_int,
    "equalsIgnoreCaseAscii": s_equals_ignore_case,
    "matches": s_matches,
    "includesMatch": s_includes_match,
    "iterator": lambda s: BStream(iter(s)),
}
