"""`value:fromBalString`: the anydata value a `toBalString` text stands for (lang.value: "the subset of
Ballerina expression syntax supported is that produced by toBalString when applied to an anydata value").

Read by hand (a small recursive-descent reader over the few forms `toBalString` writes; no library
parses Ballerina expression syntax): `()`, booleans, ints, floats (`float:NaN`, `-float:Infinity`),
decimals (`1.5d`), JSON-quoted strings, lists `[...]`, mappings `{"k":v}` (keys must be quoted),
`table key(k) [...]`, ``xml`...` ``, ``re `...` `` and the cycle markers `...[n]` of `toBalString`
(n counts links up to the repeated container, a mapping two and a list one, as `runtime/walks.py`
writes them). Lists come back as `anydata[]`, mappings as `map<anydata>`. The whole text `null` is
`()`, as jBallerina has it. Anything else is `{ballerina/lang.value}FromBalStringError` with the
detail message `invalid expression style string value` (jBallerina's words).
"""

from __future__ import annotations

import decimal
import json
import math
import re
from typing import Any

from balmail.runtime import types as T
from balmail.runtime.errors import make_error
from balmail.runtime.tables import BTable, TTable
from balmail.runtime.values import BError, BList, BMap, decimal_value

ERROR = "{ballerina/lang.value}FromBalStringError"
INVALID = "invalid expression style string value"
_NUMBER = re.compile(r"-?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)[dDfF]?")
_SPACE = re.compile(r"\s*")
_KEYWORDS = (("()", None), ("true", True), ("false", False), ("float:NaN", math.nan),
             ("float:Infinity", math.inf), ("-float:Infinity", -math.inf))  # fmt: skip


class _Invalid(Exception):
    def __init__(self, detail: str = INVALID) -> None:
        super().__init__(detail)
        self.detail = detail


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.path: list[Any] = []  # the containers being built, outermost first (for `...[n]`)

    def skip(self) -> None:
        self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def peek(self, s: str) -> bool:
        return self.text.startswith(s, self.pos)

    def expect(self, s: str) -> None:
        self.skip()
        if not self.peek(s):
            raise _Invalid()
        self.pos += len(s)

    def value(self) -> Any:
        self.skip()
        t = self.text
        if self.peek("["):
            return self.list_value()
        if self.peek("{"):
            return self.map_value()
        if self.peek('"'):
            return self.string()
        if self.peek("...["):
            return self.cycle()
        if self.peek("table"):
            return self.table()
        if self.peek("xml`"):
            return self.xml()
        if self.peek("re `"):
            return self.regexp()
        for word, v in _KEYWORDS:
            if self.peek(word) and not _word_char(t, self.pos + len(word)):
                self.pos += len(word)
                return v
        m = _NUMBER.match(t, self.pos)
        if m is None or _word_char(t, m.end()):
            raise _Invalid()
        self.pos = m.end()
        return _number(m.group())

    def string(self) -> str:
        t, i = self.text, self.pos + 1
        while i < len(t) and t[i] != '"':
            i += 2 if t[i] == "\\" else 1
        if i >= len(t):
            raise _Invalid()
        try:
            s = json.loads(t[self.pos : i + 1])
        except ValueError:
            raise _Invalid() from None
        self.pos = i + 1
        return s  # type: ignore[no-any-return]

    def list_value(self) -> BList:
        out = BList([], T.TArray(T.ANYDATA))
        self.pos += 1
        self.path.append(out)
        self.skip()
        if self.peek("]"):
            self.pos += 1
        else:
            while True:
                out.append(self.value())
                self.skip()
                if self.peek("]"):
                    self.pos += 1
                    break
                self.expect(",")
        self.path.pop()
        return out

    def map_value(self) -> BMap:
        out = BMap({}, T.TMap(T.ANYDATA))
        self.pos += 1
        self.path.append(out)
        self.skip()
        if self.peek("}"):
            self.pos += 1
        else:
            while True:
                self.skip()
                if not self.peek('"'):
                    raise _Invalid(INVALID + ": the map keys are not enclosed with '\"'.")
                key = self.string()
                self.expect(":")
                out[key] = self.value()
                self.skip()
                if self.peek("}"):
                    self.pos += 1
                    break
                self.expect(",")
        self.path.pop()
        return out

    def cycle(self) -> Any:
        m = re.compile(r"\.\.\.\[(\d+)\]").match(self.text, self.pos)
        if m is None:
            raise _Invalid()
        self.pos = m.end()
        links = int(m.group(1))
        for depth in range(len(self.path) - 1, -1, -1):
            below = sum(2 if isinstance(c, BMap) else 1 for c in self.path[depth + 1 :])
            if below == links:
                return self.path[depth]
        raise _Invalid()

    def table(self) -> BTable:
        m = re.compile(r"table\s+key\s*\(([^)]*)\)\s*").match(self.text, self.pos)
        if m is None:
            raise _Invalid()
        self.pos = m.end()
        names = tuple(n.strip() for n in m.group(1).split(",") if n.strip())
        rows = self.value()
        if not isinstance(rows, BList) or not all(isinstance(r, BMap) for r in rows):
            raise _Invalid()
        keys = names or None
        out = BTable(TTable(T.TMap(T.ANYDATA), keys), keys)
        for row in rows:
            out.add(row)
        return out

    def _template(self, start: str) -> str:
        begin = self.pos + len(start)
        end = self.text.find("`", begin)
        if end < 0:
            raise _Invalid()
        self.pos = end + 1
        return self.text[begin:end]

    def xml(self) -> Any:
        from balmail.lib.langxml import from_string

        v = from_string(self._template("xml`"))
        if isinstance(v, BError):
            raise _Invalid()
        return v

    def regexp(self) -> Any:
        from balmail.lib.regexp import from_string

        v = from_string(self._template("re `"))
        if isinstance(v, BError):
            raise _Invalid()
        return v


def _word_char(text: str, i: int) -> bool:
    return i < len(text) and (text[i].isalnum() or text[i] in "_.'")


def _number(text: str) -> Any:
    if text[-1] in "dD":
        try:
            return decimal_value(decimal.Decimal(text[:-1]))
        except (decimal.InvalidOperation, decimal.Overflow):
            raise _Invalid() from None
    if text[-1] in "fF" or any(c in text for c in ".eE"):
        return float(text.rstrip("fF"))
    n = int(text)
    if not -(2**63) <= n < 2**63:
        raise _Invalid()
    return n


def from_bal_string(s: str) -> Any:
    if s == "null":
        return None
    reader = _Reader(s)
    try:
        v = reader.value()
        reader.skip()
        if reader.pos != len(s):
            raise _Invalid()
    except _Invalid as bad:
        return make_error(ERROR, {"message": bad.detail})
    except (RecursionError, ValueError, OverflowError):
        return make_error(ERROR, {"message": INVALID})
    return v
