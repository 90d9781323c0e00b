"""Source text and positions: `SourceFile` owns the text, `Span` locates a node or diagnostic in it."""

from __future__ import annotations

import bisect
from pathlib import Path

import attrs


class Lines:
    """Where the lines of one file start, shared by every span of the file: spans keep offsets only
    and compute lines and columns when asked (a parsed file has a span per node, so storing four more
    numbers in each cost more memory than the rest of the tree)."""

    __slots__ = ("starts", "base")

    def __init__(self, starts: list[int], base: int) -> None:
        self.starts = starts
        self.base = base

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset - self.base)

    def column(self, offset: int) -> int:
        local = offset - self.base
        return local - self.starts[bisect.bisect_right(self.starts, local) - 1] + 1


class Span:
    """A range in one file. Lines and columns are 1-based; `end_column` is just past the last character,
    which is how Ballerina prints `(line:col,line:col)`. Immutable; equal when file, offsets and
    positions are. Made with explicit positions, or by `SourceFile.span` from offsets (positions then
    computed on demand from the file's `Lines`)."""

    __slots__ = ("file", "start", "end", "_where")

    file: str
    start: int
    end: int

    def __init__(
        self, file: str, start: int, end: int, line: int, column: int, end_line: int, end_column: int
    ) -> None:
        self.file = file
        self.start = start
        self.end = end
        self._where: Lines | tuple[int, int, int, int] = (line, column, end_line, end_column)

    @classmethod
    def located(cls, file: str, start: int, end: int, lines: Lines) -> Span:
        span = cls.__new__(cls)
        span.file = file
        span.start = start
        span.end = end
        span._where = lines
        return span

    @property
    def line(self) -> int:
        w = self._where
        return w[0] if type(w) is tuple else w.line(self.start)  # type: ignore[union-attr]

    @property
    def column(self) -> int:
        w = self._where
        return w[1] if type(w) is tuple else w.column(self.start)  # type: ignore[union-attr]

    @property
    def end_line(self) -> int:
        w = self._where
        return w[2] if type(w) is tuple else w.line(self.end)  # type: ignore[union-attr]

    @property
    def end_column(self) -> int:
        w = self._where
        return w[3] if type(w) is tuple else w.column(self.end)  # type: ignore[union-attr]

    def _key(self) -> tuple[str, int, int, int, int, int, int]:
        return (self.file, self.start, self.end, self.line, self.column, self.end_line, self.end_column)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Span:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Span(file={self.file!r}, start={self.start}, end={self.end}, line={self.line}, "
            f"column={self.column}, end_line={self.end_line}, end_column={self.end_column})"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (Span, self._key())

    def to(self, other: Span) -> Span:
        """The span from the start of this one to the end of `other` (for composite nodes)."""
        if self._where is other._where and type(self._where) is Lines:
            return Span.located(self.file, self.start, other.end, self._where)
        return Span(
            self.file, self.start, other.end, self.line, self.column, other.end_line, other.end_column
        )

    def ballerina(self) -> str:
        """`(3:13,3:14)` as Ballerina writes it."""
        return f"({self.line}:{self.column},{self.end_line}:{self.end_column})"


@attrs.define(slots=True)
class SourceFile:
    """One `.bal` file's text, with offset → line/column conversion. `offset` is where the file starts in
    its module's `SourceSet` (0 for a lone file): spans carry module-wide offsets, so a check can slice any
    node's text out of the module's combined text whichever file it came from."""

    path: str
    text: str
    offset: int = 0
    invalid_utf8: tuple[int, ...] = ()
    """Offsets in `text` (file-local) of U+FFFD put where the file had bytes that are not UTF-8: the parser
    reports each as an error, as a source file must be UTF-8."""
    _line_starts: list[int] = attrs.field(init=False, repr=False)
    _lines: Lines = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts
        self._lines = Lines(starts, self.offset)

    @classmethod
    def read(cls, path: str | Path, offset: int = 0) -> SourceFile:
        """Read a file as UTF-8 (a BOM is dropped). Undecodable bytes become U+FFFD, so spans still
        point, and are remembered in `invalid_utf8` for the parser to report."""
        data = Path(path).read_bytes()
        try:
            return cls(str(path), data.decode("utf-8-sig"), offset)
        except UnicodeDecodeError:
            text, bad = decode_marking_invalid(data)
            return cls(str(path), text, offset, bad)

    @property
    def name(self) -> str:
        """The file name as diagnostics show it."""
        return self.path

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """A span from module-wide offsets (this file's text starts at `offset`; 0 for a lone file)."""
        return Span.located(self.path, start, end, self._lines)

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


MAX_INVALID_REPORTED = 25


def decode_marking_invalid(data: bytes) -> tuple[str, tuple[int, ...]]:
    """UTF-8 text with each undecodable run of bytes replaced by U+FFFD, and where those are (at most
    `MAX_INVALID_REPORTED`; the rest are replaced without being listed)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    parts: list[str] = []
    bad: list[int] = []
    at = 0  # characters so far
    pos = 0  # bytes so far
    while len(bad) < MAX_INVALID_REPORTED:
        try:
            parts.append(data[pos:].decode("utf-8"))
            return "".join(parts), tuple(bad)
        except UnicodeDecodeError as e:
            good = data[pos : pos + e.start].decode("utf-8")
            parts.append(good)
            at += len(good)
            bad.append(at)
            parts.append("\ufffd")
            at += 1
            pos += e.end
    parts.append(data[pos:].decode("utf-8", errors="replace"))
    return "".join(parts), tuple(bad)


class SourceSet:
    """The files of one module of a package, seen as one text: file i's text starts at `files[i].offset`
    in `text` (files are separated by a newline). Checks that slice node text (`text[span.start:span.end]`)
    or make spans from offsets work unchanged on a many-file module. `path` is the package's
    `Ballerina.toml`: its folder is where relative paths in the program resolve, as under `bal run`."""

    def __init__(self, path: str, files: list[SourceFile]) -> None:
        self.path = path
        self.files = tuple(files)
        parts: list[str] = []
        at = 0
        for source in self.files:
            if source.offset != at:
                raise ValueError(f"{source.path} starts at {source.offset}, expected {at}")
            parts.append(source.text)
            at += len(source.text) + 1
        self.text = "\n".join(parts)
        self._starts = [source.offset for source in self.files]

    @classmethod
    def read(cls, path: str, files: list[str | Path]) -> SourceSet:
        """Read the files in order, each placed after the previous one."""
        sources: list[SourceFile] = []
        at = 0
        for name in files:
            source = SourceFile.read(name, at)
            sources.append(source)
            at += len(source.text) + 1
        return cls(path, sources)

    @property
    def name(self) -> str:
        return self.path

    def file_at(self, offset: int) -> SourceFile:
        """The file a module-wide offset falls in."""
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.files[index]

    def span(self, start: int, end: int) -> Span:
        """A span from module-wide offsets (both in one file)."""
        return self.file_at(start).span(start, end)


def code_end(text: str, pos: int) -> int:
    """The offset just after the last code character before `pos` (blanks and `//` comments skipped):
    where a diagnostic about something missing after the previous token belongs."""
    lines = text[:pos].split("\n")
    offset = pos
    while lines:
        line = lines.pop()
        offset -= len(line)
        code = line.split("//", 1)[0].rstrip()
        if code.strip():
            return offset + len(code)
        offset -= 1
    return 0
