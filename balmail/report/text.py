"""Human-readable diagnostics in Ballerina's style: a `ERROR [file.bal:(3:13,3:14)] message [CODE]` header,
then the source line with carets under the span, then the help. `render_plain` is the header alone.

The format is specified in docs/diagnostics.md; the golden tests in tests/report/ pin it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from balmail.diagnostics import Diagnostic, sort_key
from balmail.source import SourceFile, Span

__all__ = ["TAB_WIDTH", "excerpt", "header", "render_plain", "render_text"]

TAB_WIDTH = 4
"""Tab stops every 4 columns, the indentation Ballerina's formatter uses."""

Sources = Mapping[str, SourceFile] | Iterable[SourceFile]

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def header(diagnostic: Diagnostic) -> str:
    """`ERROR [app.bal:(3:13,3:14)] missing semicolon token [BAL_SYNTAX_001]`, always one line."""
    message = " ".join(diagnostic.message.splitlines())
    span = diagnostic.span
    return f"{diagnostic.severity.label} [{span.file}:{span.ballerina()}] {message} [{diagnostic.code}]"


def render_plain(diagnostics: Iterable[Diagnostic]) -> str:
    """One header line per diagnostic, in report order; "" when there are none."""
    return "".join(header(diagnostic) + "\n" for diagnostic in sorted(diagnostics, key=sort_key))


def render_text(
    diagnostics: Iterable[Diagnostic], sources: Sources = (), *, tab_width: int = TAB_WIDTH
) -> str:
    """Each diagnostic as its header, the source excerpt (when its file is among `sources`) and its help,
    separated by blank lines; "" when there are none."""
    by_path = _index(sources)
    blocks: list[str] = []
    for diagnostic in sorted(diagnostics, key=sort_key):
        lines = [header(diagnostic)]
        source = by_path.get(diagnostic.span.file)
        gutter = len(str(diagnostic.span.line))
        if source is not None:
            lines.extend(excerpt(diagnostic.span, source, tab_width=tab_width))
        if diagnostic.help:
            lines.extend(_help_lines(diagnostic.help, gutter))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def excerpt(span: Span, source: SourceFile, *, tab_width: int = TAB_WIDTH) -> list[str]:
    """The span's first line with a line-number gutter and a caret line under the span. Tabs are expanded
    to `tab_width` stops and wide characters count two cells, so the carets line up in a terminal. A span
    that goes on past its first line gets carets to the end of that line and a `...` line."""
    gutter = len(str(span.line))
    text = source.line_text(span.line)
    shown, cells = _display(text, tab_width)
    start = _cell(cells, span.column - 1)
    continues = span.end_line > span.line and not (span.end_line == span.line + 1 and span.end_column == 1)
    if span.end_line > span.line:
        end = _cell(cells, len(text))
    else:
        end = _cell(cells, span.end_column - 1)
    carets = "^" * max(1, end - start)
    lines = [
        f"{span.line:>{gutter}} | {shown}".rstrip(),
        f"{'':>{gutter}} | {' ' * start}{carets}",
    ]
    if continues:
        lines.append(f"{'':>{gutter}} | ...")
    return lines


def _index(sources: Sources) -> dict[str, SourceFile]:
    if isinstance(sources, Mapping):
        return dict(sources)
    return {source.path: source for source in sources}


def _help_lines(help_text: str, gutter: int) -> list[str]:
    first, *rest = help_text.splitlines() or [""]
    pad = " " * gutter
    return [f"{pad} = help: {first}"] + [f"{pad}         {line}".rstrip() for line in rest]


def _display(text: str, tab_width: int) -> tuple[str, list[int]]:
    """The line as a terminal shows it, and for each character index (plus one past the end) the cell
    where that character starts."""
    pieces: list[str] = []
    cells: list[int] = []
    cell = 0
    for char in text:
        cells.append(cell)
        if char == "\t":
            width = tab_width - cell % tab_width
            pieces.append(" " * width)
        elif unicodedata.category(char) == "Cc":
            # Control characters would move the cursor or drive the terminal: show a placeholder.
            width = 1
            pieces.append("\ufffd")
        else:
            width = _width(char)
            pieces.append(char)
        cell += width
    cells.append(cell)
    return "".join(pieces), cells


def _width(char: str) -> int:
    if char in _ZERO_WIDTH or unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _cell(cells: list[int], index: int) -> int:
    """The cell of a character index; past the end of the line each column is one cell."""
    if index < len(cells):
        return cells[max(index, 0)]
    return cells[-1] + index - (len(cells) - 1)
