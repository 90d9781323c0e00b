"""Configuration text read defensively: whatever a Config.toml, `BAL_CONFIG_DATA` or `-C` value holds
(binary bytes, brackets thousands deep, integers past 64 bits), the result is a parsed table or a
`ConfigError` saying what is wrong, never a Python exception. Also locates keys in TOML text, so a
message can point at `(line:col,line:col)` as Ballerina's do (`tomllib` keeps no positions).

Hand-written because no maintained TOML library offers both a nesting bound and key positions
(`tomllib` recurses once per bracket, `tomlkit` keeps positions only as text fragments).
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

MAX_NESTING = 128
"""Arrays and inline tables nested deeper than this are refused before parsing (tomllib recurses)."""

INT_MIN, INT_MAX = -(2**63), 2**63 - 1
"""TOML integers are 64-bit (TOML 1.0 §Integer), as Ballerina's `int` is."""

# Strings and comments (whose brackets do not nest) and the brackets themselves.
_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]', re.S
)


class ConfigError(Exception):
    """A configuration problem to fix; the message names the variable and where its value came from."""


def decode(data: bytes, origin: str) -> str:
    """The text of a configuration file, which TOML requires to be UTF-8 (a BOM is dropped)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ConfigError(
            f"[{origin}] is not a TOML file: byte 0x{data[e.start]:02x} on line {line} is not UTF-8 text"
        ) from None


def check_text(text: str, origin: str) -> None:
    """Refuse text that cannot be UTF-8 (undecodable bytes of an environment variable or argument reach
    Python as lone surrogates) and brackets nested deeper than `MAX_NESTING`."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ConfigError(
            f"[{origin}] is not UTF-8 text (undecodable byte at character {e.start + 1})"
        ) from None
    depth = 0
    for m in _TOKENS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, m.start()) + 1
                raise ConfigError(
                    f"[{origin}] arrays or inline tables are nested more than {MAX_NESTING} levels deep "
                    f"(line {line})"
                )
        elif c in "]}":
            depth = max(0, depth - 1)


def parse(text: str, origin: str) -> dict[str, Any]:
    """A TOML document as a table, checked as above and for integers outside 64 bits."""
    check_text(text, origin)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"invalid TOML in {_named(origin)}: {e}") from None
    except (RecursionError, MemoryError):
        raise ConfigError(f"[{origin}] is nested too deeply to read") from None
    check_ints(table, origin)
    return table


def _named(origin: str) -> str:
    return origin if origin == "BAL_CONFIG_DATA" else f"'{origin}'"


def check_ints(value: Any, origin: str) -> None:
    """Every integer in a parsed value fits Ballerina's `int`, and tables made by dotted keys
    (`[a.a.a...]`, which need no brackets) nest no deeper than `MAX_NESTING` either. Iterative."""
    todo = [(value, 0)]
    while todo:
        v, depth = todo.pop()
        if isinstance(v, dict | list):
            if depth > MAX_NESTING:
                raise ConfigError(
                    f"[{origin}] tables or arrays are nested more than {MAX_NESTING} levels deep"
                )
            todo.extend((x, depth + 1) for x in (v.values() if isinstance(v, dict) else v))
        elif type(v) is int and not INT_MIN <= v <= INT_MAX:
            raise ConfigError(
                f"[{origin}] integer {v} is out of the range of 'int' (-9223372036854775808 to "
                f"9223372036854775807)"
            )


# -- where keys are ------------------------------------------------------------------------------

_HEADER = re.compile(r"\s*\[\[?\s*(?P<key>[^\]]*?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"\s*(?P<key>(?:[A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"
                  r"\"(?:[^\"\\]|\\.)*\"|'[^']*'))*)\s*=")
_PART = re.compile(r"[A-Za-z0-9_-]+|\"((?:[^\"\\]|\\.)*)\"|'([^']*)'")


def _parts(key: str) -> tuple[str, ...]:
    out = []
    for m in _PART.finditer(key):
        if m.group(1) is not None:
            out.append(m.group(1))
        elif m.group(2) is not None:
            out.append(m.group(2))
        else:
            out.append(m.group())
    return tuple(out)


def key_spans(text: str) -> dict[tuple[str, ...], str]:
    """`(line:col,line:col)` of each table header and `key = value` line, by dotted path. A table's span
    runs from its header to its last line, as Ballerina's messages show it. Keys inside inline tables
    and multi-line values are not located (their message has no position)."""
    spans: dict[tuple[str, ...], str] = {}
    table: tuple[str, ...] = ()
    table_start: tuple[int, int] | None = None
    last = (0, 0)
    lines = text.splitlines()

    def close_table() -> None:
        if table_start is not None and not spans.get(table):
            spans[table] = f"({table_start[0]}:{table_start[1]},{last[0]}:{last[1]})"

    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.match(line) if stripped.startswith("[") else None
        if header is not None:
            close_table()
            table = _parts(header.group("key"))
            spans.setdefault(table, "")  # filled in when the table ends; keeps document order
            table_start = (number, len(line) - len(line.lstrip()) + 1)
            last = (number, len(line.rstrip()) + 1)
            continue
        key = _KEY.match(line)
        if key is not None:
            path = table + _parts(key.group("key"))
            spans.setdefault(path, f"({number}:{key.start('key') + 1},{number}:{len(line.rstrip()) + 1})")
        last = (number, len(line.rstrip()) + 1)
    close_table()
    return spans
