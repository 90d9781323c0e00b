"""Where each key of a TOML document is written, for diagnostics that point into Config.toml.

`tomllib` gives values without positions, and `tomlkit` keeps formatting but no line/column either, so
this is a small scanner written by hand (docs/config.md says so): it reads a document that `tomllib`
already accepted and records, for every key path, the offsets of the key as written — a table
header's last name (`[balmail.listeners.inbox]` → `inbox`), a key of a key/value line, each part
of a dotted key, and keys inside inline tables. Values are skipped (strings of all four kinds,
arrays over several lines, comments), never interpreted: `tomllib` stays the one parser of values.
"""

from __future__ import annotations

from collections.abc import Callable

KeyPath = tuple[str, ...]
Spans = dict[KeyPath, tuple[int, int]]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}


def key_spans(text: str) -> Spans:
    """Key path → (start, end) offsets of where the key is first written."""
    scanner = _Scanner(text)
    scanner.document()
    return scanner.spans


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.spans: Spans = {}

    # -- document level -------------------------------------------------------------------

    def document(self) -> None:
        table: KeyPath = ()
        while True:
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)
            self.skip_blank(newlines=False)
            if self.peek() == "#":
                self.skip_comment()

    def header(self) -> KeyPath:
        double = self.text.startswith("[[", self.pos)
        self.pos += 2 if double else 1
        path = self.dotted_key(())
        self.skip_blank(newlines=False)
        self.pos += 2 if double else 1
        return path

    def key_value(self, table: KeyPath) -> None:
        path = self.dotted_key(table)
        self.skip_blank(newlines=False)
        if self.peek() != "=":  # not TOML tomllib accepted: stop rather than guess
            self.pos = len(self.text)
            return
        self.pos += 1
        self.skip_blank(newlines=False)
        self.value(path)

    def dotted_key(self, prefix: KeyPath) -> KeyPath:
        path = prefix
        while True:
            self.skip_blank(newlines=False)
            start = self.pos
            name = self.simple_key()
            path = (*path, name)
            self.spans.setdefault(path, (start, self.pos))
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return path
            self.pos += 1

    def simple_key(self) -> str:
        quote = self.peek()
        if quote == '"':
            return self.basic_string()
        if quote == "'":
            end = self.text.find("'", self.pos + 1)
            end = len(self.text) if end == -1 else end
            name = self.text[self.pos + 1 : end]
            self.pos = end + 1
            return name
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in _BARE:
            self.pos += 1
        return self.text[start : self.pos]

    # -- values ---------------------------------------------------------------------------

    def value(self, path: KeyPath) -> None:
        char = self.peek()
        if char == '"' or char == "'":
            self.skip_string()
        elif char == "{":
            self.inline_table(path)
        elif char == "[":
            self.array(path)
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in ",]}#\n":
                self.pos += 1

    def inline_table(self, path: KeyPath) -> None:
        self.pos += 1
        while True:
            self.skip_blank(newlines=True)
            char = self.peek()
            if char == "}" or char == "":
                self.pos += 1
                return
            if char == ",":
                self.pos += 1
                continue
            self.key_value_inline(path)

    def key_value_inline(self, path: KeyPath) -> None:
        inner = self.dotted_key(path)
        self.skip_blank(newlines=False)
        if self.peek() == "=":
            self.pos += 1
            self.skip_blank(newlines=False)
            self.value(inner)

    def array(self, path: KeyPath) -> None:
        self.pos += 1
        index = 0
        while True:
            self.skip_blank(newlines=True)
            char = self.peek()
            if char == "#":
                self.skip_comment()
                continue
            if char == "]" or char == "":
                self.pos += 1
                return
            if char == ",":
                self.pos += 1
                index += 1
                continue
            self.value((*path, str(index)))

    def skip_string(self) -> None:
        quote = self.peek()
        if self.text.startswith(quote * 3, self.pos):
            self.pos += 3
            end = self.text.find(quote * 3, self.pos)
            while end != -1 and quote == '"' and _escaped(self.text, end):
                end = self.text.find(quote * 3, end + 1)
            end = len(self.text) if end == -1 else end + 3
            # up to two more quotes may close it (`""""` ends with a quote inside the string)
            while end < len(self.text) and self.text[end] == quote:
                end += 1
            self.pos = end
        elif quote == '"':
            self.basic_string()
        else:
            end = self.text.find("'", self.pos + 1)
            self.pos = len(self.text) if end == -1 else end + 1

    def basic_string(self) -> str:
        """A one-line "..." string (a quoted key or a value), its escapes decoded."""
        self.pos += 1
        out: list[str] = []
        text = self.text
        while self.pos < len(text) and text[self.pos] not in '"\n':
            char = text[self.pos]
            if char == "\\" and self.pos + 1 < len(text):
                code = text[self.pos + 1]
                if code in "uU":
                    width = 4 if code == "u" else 8
                    digits = text[self.pos + 2 : self.pos + 2 + width]
                    out.append(chr(int(digits, 16)) if _hex(digits) else "")
                    self.pos += 2 + width
                    continue
                out.append(_ESCAPES.get(code, code))
                self.pos += 2
                continue
            out.append(char)
            self.pos += 1
        self.pos += 1
        return "".join(out)

    # -- blanks ---------------------------------------------------------------------------

    def skip_blank(self, *, newlines: bool) -> None:
        blanks = " \t\r\n" if newlines else " \t"
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in blanks:
                self.pos += 1
            elif newlines and char == "#":
                self.skip_comment()
            else:
                return

    def skip_comment(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end == -1 else end

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""


def _escaped(text: str, index: int) -> bool:
    """Whether the character at `index` is escaped by an odd run of backslashes before it."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _hex(digits: str) -> bool:
    return bool(digits) and all(c in "0123456789abcdefABCDEF" for c in digits)


def nearest(spans: Spans, path: KeyPath, fallback: Callable[[], tuple[int, int]]) -> tuple[int, int]:
    """The span of `path`, else of its longest written prefix (an implicit table), else `fallback`."""
    for end in range(len(path), 0, -1):
        found = spans.get(path[:end])
        if found is not None:
            return found
    return fallback()
