"""Source text → AST, with syntax errors as diagnostics. The only place that talks to Lark's parser.

The LALR tables are built once per grammar version and cached on disk, so start-up stays fast.
On a syntax error the parser reports it, repairs what it can (a missing `;`, stray tokens) and goes on,
so one run shows more than one error. Nothing here raises on bad input.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import attrs
from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from balmail import diagnostics as diag
from balmail.diagnostics import Diagnostic
from balmail.source import SourceFile
from balmail.syntax import ast
from balmail.syntax.build import SYNTAX, Builder

MAX_SYNTAX_ERRORS = 25

_NAMED_TERMINALS = {
    "IDENT": "identifier",
    "STRING": "string literal",
    "INT_LITERAL": "integer literal",
    "HEX_LITERAL": "hex literal",
    "FLOAT_LITERAL": "floating-point literal",
    "TEMPLATE": "template",
    "EMPTY_BRACKETS": "'[]'",
    "$END": "end of file",
}
# Closing punctuation the parser may insert at end of file to finish an unfinished construct.
_CLOSERS = ("SEMICOLON", "RBRACE", "RPAR", "RSQB", "__CLOSE_RECORD")


@attrs.frozen
class ParseResult:
    """What parsing one file gives: the AST (None only if nothing could be built) and syntax diagnostics."""

    source: SourceFile
    module: ast.Module | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def grammar_path() -> Path:
    """The grammar shipped inside the package (wheel) or beside it (source checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "grammar" / "ballerina.lark", here.parent / "grammar" / "ballerina.lark"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("grammar/ballerina.lark is missing from the balmail installation")


def _cache_file(grammar_text: str) -> str | None:
    """A per-grammar cache path for Lark's tables, or None when no writable place exists."""
    import lark

    digest = hashlib.sha256((grammar_text + lark.__version__).encode()).hexdigest()[:16]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for folder in (os.path.join(base, "balmail"), os.path.join(tempfile.gettempdir(), "balmail-cache")):
        try:
            os.makedirs(folder, exist_ok=True)
            if os.access(folder, os.W_OK):
                return os.path.join(folder, f"grammar-{digest}.lark")
        except OSError:
            continue
    return None


class _Parser:
    """The Lark parser and its builder; one per process (see `_instance`)."""

    def __init__(self) -> None:
        text = grammar_path().read_text(encoding="utf-8")
        self.builder = Builder()
        options = dict(
            parser="lalr",
            lexer="basic",
            keep_all_tokens=True,
            start=["start", "expr_only"],
            transformer=self.builder,
            maybe_placeholders=False,
        )
        cache = _cache_file(text)
        try:
            self.lark = Lark(text, cache=cache or False, **options)
        except (OSError, EOFError, ValueError):
            self.lark = Lark(text, **options)
        self.display = self._terminal_display()
        self.builder.parse_interpolation = self._parse_interpolation
        self.diagnostics: list[Diagnostic] = []
        self.source: SourceFile | None = None
        self.base = 0

    def _terminal_display(self) -> dict[str, str]:
        display = dict(_NAMED_TERMINALS)
        for terminal in self.lark.terminals:
            if terminal.name not in display and terminal.pattern.type == "str":
                display[terminal.name] = f"'{terminal.pattern.value}'"
        return display

    # ------------------------------------------------------------ entry points

    def parse(self, source: SourceFile) -> ParseResult:
        self.source = source
        self.base = 0
        self.diagnostics = []
        self.builder.source = source
        self.builder.base = 0
        self.builder.diagnostics = self.diagnostics
        module = self._run(source.text, "start")
        found = tuple(sorted(self.diagnostics, key=diag.sort_key))
        if module is None and not found:
            found = (diag.error(SYNTAX, "could not parse this file", source.span(0, 0)),)
        return ParseResult(source, module if isinstance(module, ast.Module) else None, found)

    def _parse_interpolation(self, text: str, offset: int) -> ast.Expr | None:
        saved = self.base
        self.base = offset
        self.builder.base = offset
        try:
            return self._run(text, "expr_only")
        finally:
            self.base = saved
            self.builder.base = saved

    def _run(self, text: str, start: str) -> object | None:
        state = _Recovery(self, text)
        try:
            return self.lark.parse(text, start=start, on_error=state.on_error)
        except UnexpectedInput as e:
            state.report(e)
            return None
        except Exception as e:  # noqa: BLE001 - a builder failure after recovery must not become a traceback
            if not self.diagnostics:
                assert self.source is not None
                self.diagnostics.append(
                    diag.error(SYNTAX, f"could not parse this file ({type(e).__name__})", self.source.span(0, 0))
                )
            return None

    # ------------------------------------------------------------ messages

    def describe(self, token: Token) -> str:
        if token.type == "$END":
            return "end of file"
        if token.type in ("IDENT", "STRING", "INT_LITERAL", "HEX_LITERAL", "FLOAT_LITERAL"):
            return f"{self.display[token.type]} '{token.value}'"
        return f"'{token.value}'"

    def expected(self, names: set[str]) -> str:
        if {"IDENT", "INT_LITERAL", "STRING", "LPAR"} <= names and "IF" in names:
            return "a statement"
        if {"IDENT", "INT_LITERAL", "STRING", "LPAR"} <= names:
            return "an expression"
        shown = sorted(self.display.get(n, n) for n in names if not n.startswith("__ANON") or n in self.display)
        if len(shown) > 6:
            shown = shown[:6] + ["..."]
        return "one of " + ", ".join(shown) if len(shown) > 1 else (shown[0] if shown else "something else")


class _Recovery:
    """Error handler for one parse: reports each error once and repairs the input so parsing continues."""

    def __init__(self, parser: _Parser, text: str) -> None:
        self.parser = parser
        self.text = text
        self.last_error_pos = -10
        self.count = 0

    def span(self, start: int, end: int) -> object:
        assert self.parser.source is not None
        base = self.parser.base
        return self.parser.source.span(base + start, base + end)

    def add(self, message: str, start: int, end: int) -> None:
        self.count += 1
        if self.count <= MAX_SYNTAX_ERRORS:
            self.parser.diagnostics.append(diag.error(SYNTAX, message, self.span(start, end)))  # type: ignore[arg-type]

    def report(self, e: UnexpectedInput) -> None:
        if isinstance(e, UnexpectedCharacters):
            ch = self.text[e.pos_in_stream : e.pos_in_stream + 1]
            if ch == '"':
                self.add("unterminated string literal", e.pos_in_stream, len(self.text.split("\n", 1)[0]))
            elif ch == "`":
                self.add("unterminated template: missing closing '`'", e.pos_in_stream, e.pos_in_stream + 1)
            else:
                self.add(f"invalid character '{ch}'", e.pos_in_stream, e.pos_in_stream + 1)
        elif isinstance(e, UnexpectedToken):
            tok = e.token
            start = tok.start_pos if tok.start_pos is not None else len(self.text)
            end = tok.end_pos if tok.end_pos is not None else start
            if tok.type == "$END":
                start = end = len(self.text.rstrip())
            self.add(
                f"unexpected {self.parser.describe(tok)}: expected {self.parser.expected(set(e.expected))}", start, end
            )
        elif isinstance(e, UnexpectedEOF):
            self.add("unexpected end of file", len(self.text), len(self.text))

    def on_error(self, e: UnexpectedInput) -> bool:
        if self.count > MAX_SYNTAX_ERRORS * 4:
            return False
        if isinstance(e, UnexpectedCharacters):
            self.report(e)
            return True
        if not isinstance(e, UnexpectedToken):
            self.report(e)
            return False
        tok = e.token
        ip = e.interactive_parser
        if tok.type == "$END":
            self.report(e)
            return self._close_at_end(ip)
        if self._insert_semicolon(e):
            return True
        pos = tok.start_pos or 0
        if pos - self.last_error_pos > 1:
            self.report(e)
        self.last_error_pos = tok.end_pos or pos
        return True  # drop the token and go on

    def _insert_semicolon(self, e: UnexpectedToken) -> bool:
        """A missing `;` before a token on a new line: report it at the end of the previous token."""
        ip = e.interactive_parser
        if "SEMICOLON" not in ip.accepts():
            return False
        prev = self._previous_token_end(e.token.start_pos or 0)
        if "\n" not in self.text[prev : e.token.start_pos]:
            return False
        trial = ip.copy()
        try:
            trial.feed_token(Token("SEMICOLON", ";", start_pos=prev, end_pos=prev))
            trial.feed_token(e.token)
        except UnexpectedInput:
            return False
        ip.feed_token(Token("SEMICOLON", ";", start_pos=prev, end_pos=prev))
        ip.feed_token(e.token)
        self.add("missing semicolon token", prev, prev)
        return True

    def _previous_token_end(self, pos: int) -> int:
        """The end of the last non-blank, non-comment text before `pos`."""
        text = self.text[:pos]
        lines = text.split("\n")
        while lines:
            line = lines[-1]
            code = line.split("//", 1)[0].rstrip()
            if code.strip():
                return len("\n".join(lines[:-1])) + (1 if len(lines) > 1 else 0) + len(code)
            lines.pop()
        return 0

    def _close_at_end(self, ip: object) -> bool:
        """At end of file, insert closing punctuation until the module is complete (up to a limit)."""
        parser = ip  # lark InteractiveParser
        end = len(self.text)
        for _ in range(200):
            accepts = parser.accepts()  # type: ignore[attr-defined]
            if "$END" in accepts:
                return True
            for name in _CLOSERS:
                if name in accepts:
                    value = {"SEMICOLON": ";", "RBRACE": "}", "RPAR": ")", "RSQB": "]"}.get(name, "|}")
                    parser.feed_token(Token(name, value, start_pos=end, end_pos=end))  # type: ignore[attr-defined]
                    break
            else:
                return False
        return False


@lru_cache(maxsize=1)
def _instance() -> _Parser:
    return _Parser()


def parse_source(source: SourceFile) -> ParseResult:
    """Parse one source file into a module AST plus syntax diagnostics."""
    return _instance().parse(source)


def parse_text(text: str, path: str = "<text>") -> ParseResult:
    """Parse text (tests, `-e`-style use)."""
    return parse_source(SourceFile(path, text))
