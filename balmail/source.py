"""Source text and positions: `SourceFile` owns the text, `Span` locates a node or diagnostic in it."""

from __future__ import annotations

import bisect
from pathlib import Path

import attrs


@attrs.frozen(slots=True)
class Span:
    """A range in one file. Lines and columns are 1-based; `end_column` is just past the last character,
    which is how Ballerina prints `(line:col,line:col)`."""

    file: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def to(self, other: Span) -> Span:
        """The span from the start of this one to the end of `other` (for composite nodes)."""
        return Span(
            self.file, self.start, other.end, self.line, self.column, other.end_line, other.end_column
        )

    def ballerina(self) -> str:
        """`(3:13,3:14)` as Ballerina writes it."""
        return f"({self.line}:{self.column},{self.end_line}:{self.end_column})"


@attrs.define(slots=True)
class SourceFile:
    """One `.bal` file's text, with offset → line/column conversion."""

    path: str
    text: str
    _line_starts: list[int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts

    @classmethod
    def read(cls, path: str | Path) -> SourceFile:
        """Read a file as UTF-8 (a BOM is dropped; undecodable bytes are replaced so a span still points)."""
        data = Path(path).read_bytes()
        text = data.decode("utf-8-sig", errors="replace")
        return cls(str(path), text)

    @property
    def name(self) -> str:
        """The file name as diagnostics show it."""
        return self.path

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """A span from offsets."""
        starts = self._line_starts
        index = bisect.bisect_right(starts, start) - 1
        end_index = index if end == start else bisect.bisect_right(starts, end) - 1
        return Span(
            self.path,
            start,
            end,
            index + 1,
            start - starts[index] + 1,
            end_index + 1,
            end - starts[end_index] + 1,
        )

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end == -1 else self.text[start:end].rstrip("\r")

    @property
    def line_count(self) -> int:
        return len(self._line_starts)
