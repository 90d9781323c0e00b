"""Source text → AST, with syntax errors as diagnostics.

The fast path is balmail's own (`lexer.py` and `_Driver` here) and runs on plain tables saved once per
grammar version, so parsing a valid file never imports Lark. Lark builds those tables from the grammar
and, on a file with a syntax error, parses it again: the parser reports the error, repairs what it can (a
missing `;`, stray tokens) and goes on, so one run shows more than one error. Nothing here raises on bad
input.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from balmail import diagnostics as diag
from balmail.diagnostics import Diagnostic
from balmail.source import SourceFile, code_end
from balmail.syntax import (
    ast,
    families,  # noqa: F401  (registers the family rule builders)
)
from balmail.syntax.build import SYNTAX, Builder
from balmail.syntax.lexer import FastLexer, skip_blanks
from balmail.syntax.tokens import Token, Tree, new_token

if TYPE_CHECKING:
    from lark import Lark
    from lark.exceptions import UnexpectedInput, UnexpectedToken

MAX_SYNTAX_ERRORS = 25

_PLAIN_NAME = re.compile(r"[ \t\r\n]*([A-Za-z][A-Za-z0-9_]*)[ \t\r\n]*\Z")
"""An interpolation that is one plain (ASCII, unescaped) identifier."""

# Closing punctuation the parser may insert at end of file to finish an unfinished construct.
_CLOSERS = (("SEMICOLON", ";"), ("RBRACE", "}"), ("RPAR", ")"), ("RSQB", "]"))


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


# Bump when the tables (`lark_side.tables`) or the lexer's spec change shape, so old caches are not loaded.
_TABLES_FORMAT = 3


def _lark_version() -> str:
    """Lark's version without importing it (the tables are Lark's LALR construction of the grammar)."""
    from importlib.util import find_spec

    spec = find_spec("lark")
    if spec is None or spec.origin is None:
        return "?"
    try:
        with open(spec.origin, encoding="utf-8") as f:
            found = re.search(r"""__version__\s*(?::\s*str\s*)?=\s*["']([^"']+)""", f.read())
    except OSError:
        return "?"
    return found.group(1) if found else "?"


def _tables_file(grammar_text: str) -> str | None:
    """Where the fast path's tables for this grammar are kept, or None when no writable place exists."""
    # marshal data is read back by the same Python only: its cache tag is part of the key
    key = f"{grammar_text}\0{_lark_version()}\0{_TABLES_FORMAT}\0{sys.implementation.cache_tag}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for folder in (os.path.join(base, "balmail"), os.path.join(tempfile.gettempdir(), "balmail-cache")):
        try:
            os.makedirs(folder, exist_ok=True)
            if os.access(folder, os.W_OK):
                return os.path.join(folder, f"tables-{digest}.marshal")
        except OSError:
            continue
    return None


# Reduction kinds of the fast path's driver (the third item of each `_Driver.reductions` entry).
_PASS = 0
"""A `?rule` (or an inlined `_rule` that is one inlined `_rule`) reduced from one symbol: its value is that
symbol's value, so the driver only moves the state (precedence chains: most reductions)."""
_CALL = 1
"""A rule with a builder: the builder gets the children (with `_rule` children spliced in)."""
_LIST = 2
"""A `_rule` without `_rule` children: its value is the list of its children, spliced into its parent."""
_GROW = 3
"""`_items: _items item`, the common left-recursive list: the item is appended to the left list in place."""


def _single(fn: Any) -> Any:
    """A `?rule`: one child is passed through, several are built."""

    def expand(children: list) -> Any:
        return children[0] if len(children) == 1 else fn(children)

    return expand


def _splicer(spec: tuple[bool, ...], fn: Any) -> Any:
    """The children of a rule with `_rule` children (lists) spliced in, as Lark's tree builder does (the
    first spliced list is reused, so lists grow in place instead of being copied), passed to `fn` (None:
    the spliced list is the value, for a `_rule`)."""
    if spec == (True, False) and fn is not None:

        def grow(children: list) -> Any:
            items = children[0]
            items.append(children[1])
            return fn(items)

        return grow
    if spec == (False, True):  # `rule: item _items`, as `splice` does it

        def after_one(children: list) -> Any:
            items = [children[0]]
            items += children[1]
            return items if fn is None else fn(items)

        return after_one
    if spec == (False, True, False):  # `"{" _items "}"`

        def between(children: list) -> Any:
            items = [children[0]]
            items += children[1]
            items.append(children[2])
            return items if fn is None else fn(items)

        return between
    plan = tuple(enumerate(spec))

    def splice(children: list) -> Any:
        filtered: list = []
        for i, expand in plan:
            if expand:
                if filtered:
                    filtered += children[i]
                else:
                    filtered = children[i]
            else:
                filtered.append(children[i])
        return filtered if fn is None else fn(filtered)

    return splice


class _Driver:
    """A lean LALR(1) driver over the saved table, calling the builder as Lark's inline transformer would
    (same child shaping: `_rule` inlining, `?rule` pass-through, aliases). On any error it returns
    (False, None) and the caller re-parses with Lark, whose exception carries what error repair needs
    (errors are rare)."""

    def __init__(self, tables: dict[str, Any], builder: Builder) -> None:
        reductions = []
        for size, origin, name, expand1, inline in tables["rules"]:
            fn: Any = getattr(builder, name, None)
            if fn is None:
                if not origin.startswith("_"):  # a `?rule` passing its one child up (a Tree otherwise)
                    how = _PASS if expand1 and size == 1 and inline is None else _CALL
                    fn = None if how == _PASS else _tree_maker(name, inline)
                elif inline is None:
                    how = _LIST
                elif inline == (True,):  # a `_rule` that is one `_rule`: the same list
                    how, fn = _PASS, None
                elif inline == (True, False):
                    how = _GROW
                else:
                    how, fn = _CALL, _splicer(inline, None)
            else:
                how = _CALL
                if expand1:
                    if size == 1 and inline is None:
                        how, fn = _PASS, None
                    else:
                        fn = _single(fn)
                if inline is not None and fn is not None:
                    fn = _splicer(inline, fn)
            reductions.append((size, origin, how, fn))
        self.reductions = reductions
        self.states: dict[int, dict[str, int]] = tables["rows"]
        self.start_states: dict[str, int] = tables["start_states"]
        self.end_states: dict[str, int] = tables["end_states"]
        self.final_states = frozenset(self.end_states.values())
        self.lexer = FastLexer(tables["lexer"])
        self.chains: dict[tuple[int, int, str], int] = {}
        """(state below, top state, lookahead) -> the top state after every pass-through reduction a
        precedence chain makes there (`?expr: or_expr`, `?or_expr: and_expr`, ...): one lookup instead
        of one reduction per level (most reductions of an expression are these)."""

    def _chain(self, below: int, origin: str, kind: str) -> int:
        """Follow pass-through reductions from `below` (whose goto on `origin` is the next top) while the
        lookahead `kind` keeps reducing by one."""
        states = self.states
        top = states[below][origin]
        while True:
            if top in self.final_states:  # Lark accepts as soon as the end state is reached
                return top
            action = states[top].get(kind)
            if action is None or action >= 0:
                return top
            _size, next_origin, how, _fn = self.reductions[~action]
            if how != _PASS:
                return top
            top = states[below][next_origin]

    def parse(self, text: str, start: str) -> tuple[bool, object]:
        """(True, value) for text of the grammar, else (False, None). The loop reads its tables by
        subscript, not `.get`: a missing entry (a syntax error) raises KeyError, and any exception from
        here means "parse it again with Lark" (`_Parser._attempt`)."""
        states = self.states
        reductions = self.reductions
        chains = self.chains
        state = self.start_states[start]
        row = states[state]
        state_stack = [state]
        value_stack: list[object] = []
        push_state = state_stack.append
        push_value = value_stack.append
        # The lexer (`FastLexer.lex`) runs inline here: no generator step and attribute read per token.
        lexer = self.lexer
        matchers = lexer._matchers
        keywords = lexer.keywords
        ignore = lexer.ignore
        new = str.__new__
        pos = skip_blanks(text, 0).end()
        length = len(text)
        try:
            while pos < length:
                try:
                    match = matchers[text[pos]]
                except KeyError:
                    match = lexer._matcher(text[pos])
                    if match is None:
                        return False, None
                m = match(text, pos)  # type: ignore[operator]
                if m is None:
                    return False, None
                kind = m.lastgroup
                if kind in ignore:
                    pos = m.end()
                    continue
                value = m[kind]
                if kind == "IDENT":
                    kind = keywords.get(value, "IDENT")
                token = new(Token, value)
                token.type = kind
                token.value = value
                token.start_pos = pos
                token.end_pos = pos + len(value)
                pos = m.end()
                while True:
                    action = row[kind]
                    if action >= 0:
                        push_state(action)
                        push_value(token)
                        row = states[action]
                        break
                    size, origin, how, fn = reductions[~action]
                    if how == _PASS:  # one symbol passed through: its value stays on the stack
                        key = (state_stack[-2], state_stack[-1], kind)
                        try:
                            top = chains[key]
                        except KeyError:
                            top = chains[key] = self._chain(state_stack[-2], origin, kind)
                        state_stack[-1] = top
                        row = states[top]
                        continue
                    if size == 1:  # the most common reduction: replace the top in place
                        value_stack[-1] = fn([value_stack[-1]]) if how == _CALL else [value_stack[-1]]
                        state = states[state_stack[-2]][origin]
                        state_stack[-1] = state
                        row = states[state]
                        continue
                    if how == _GROW:
                        item = value_stack.pop()
                        value_stack[-1].append(item)  # type: ignore[attr-defined]
                        del state_stack[-1]
                        state = states[state_stack[-2]][origin]
                        state_stack[-1] = state
                        row = states[state]
                        continue
                    if size:
                        children = value_stack[-size:]
                        del value_stack[-size:]
                        del state_stack[-size:]
                    else:
                        children = []
                    push_value(fn(children) if how == _CALL else children)
                    state = states[state_stack[-1]][origin]
                    push_state(state)
                    row = states[state]
        except KeyError:
            return False, None
        return self._finish(start, state_stack, value_stack)

    def _finish(self, start: str, state_stack: list[int], value_stack: list[object]) -> tuple[bool, object]:
        """The reductions at the end of the input, up to the end state."""
        states = self.states
        end_state = self.end_states[start]
        kind = "$END"
        while state_stack[-1] != end_state:
            action = states[state_stack[-1]].get(kind)
            if action is None or action >= 0:
                return False, None
            size, origin, how, fn = self.reductions[~action]
            if how == _PASS:
                key = (state_stack[-2], state_stack[-1], kind)
                top = self.chains.get(key)
                if top is None:
                    top = self.chains[key] = self._chain(state_stack[-2], origin, kind)
                state_stack[-1] = top
                continue
            if size:
                children = value_stack[-size:]
                del value_stack[-size:]
                del state_stack[-size:]
            else:
                children = []
            if how == _GROW:
                children[0].append(children[1])
                value: object = children[0]
            else:
                value = fn(children) if how == _CALL else children
            push = value_stack.append
            push(value)
            state_stack.append(states[state_stack[-1]][origin])
        return True, value_stack[-1]


def _tree_maker(name: str, inline: tuple[bool, ...] | None) -> Any:
    """A rule without a builder that is not passed through: a `Tree`, as Lark makes it."""

    def make(children: list) -> Tree:
        return Tree(name, children)

    return make if inline is None else _splicer(inline, make)


class _Parser:
    """The parser and its builder; one per process (see `_instance`). The fast path runs on cached tables;
    the Lark parser itself is built only when a file has a syntax error."""

    def __init__(self) -> None:
        self.grammar_text = grammar_path().read_text(encoding="utf-8")
        self.builder = Builder()
        self._lark: Lark | None = None
        tables = self._load_tables()
        self.display: dict[str, str] = tables["display"]
        self.driver = _Driver(tables, self.builder)
        self.builder.parse_interpolation = self._parse_interpolation
        self.diagnostics: list[Diagnostic] = []
        self.source: SourceFile | None = None
        self.base = 0
        self.reference = False
        """Parse valid text with Lark's parser instead of the fast path (tests compare the two)."""

    @property
    def lark(self) -> Lark:
        """Lark's own LALR parser (error path: its exceptions carry the interactive parser)."""
        if self._lark is None:
            from balmail.syntax.lark_side import build_lark

            self._lark = build_lark(self.grammar_text, self.builder)
        return self._lark

    def _load_tables(self) -> dict[str, Any]:
        """The fast-path tables from the cache, or built with Lark and saved (first run of a grammar)."""
        path = _tables_file(self.grammar_text)
        if path and os.path.exists(path):
            try:
                with open(path, "rb") as f:
                    loaded = marshal.loads(f.read())  # `marshal.load(f)` reads the file piece by piece
                if isinstance(loaded, dict) and loaded.get("format") == _TABLES_FORMAT:
                    return loaded
            except Exception:  # noqa: BLE001 - a stale or broken cache is rebuilt
                pass
        from balmail.syntax.lark_side import tables as lark_tables

        tables = lark_tables(self.lark)
        tables["format"] = _TABLES_FORMAT
        if path:
            try:
                tmp = f"{path}.{os.getpid()}"
                with open(tmp, "wb") as f:
                    marshal.dump(tables, f)
                os.replace(tmp, path)
            except OSError:
                pass
        return tables

    # ------------------------------------------------------------ entry points

    def parse(self, source: SourceFile) -> ParseResult:
        self.source = source
        self.base = source.offset  # offsets are module-wide (source.py); 0 for a lone file
        self.diagnostics = []
        self.builder.source = source
        self.builder.base = source.offset
        self.builder.diagnostics = self.diagnostics
        collecting = gc.isenabled()
        gc.disable()  # building an AST allocates many small objects and no cycles: skip GC passes meanwhile
        try:
            module = self._run(source.text, "start")
        finally:
            if collecting:
                # The AST lives as long as the program: moved to the oldest generation at once (freeze then
                # unfreeze), instead of the next young collection walking every node just built (as
                # gcpause.py does after the passes that follow; balmail keeps no objects frozen).
                gc.freeze()
                gc.unfreeze()
                gc.enable()
        for at in source.invalid_utf8:  # replaced when read (source.py): a source file must be UTF-8
            where = source.span(source.offset + at, source.offset + at + 1)
            self.diagnostics.append(diag.error(SYNTAX, "invalid UTF-8 in source file", where))
        found = tuple(sorted(self.diagnostics, key=diag.sort_key))
        if module is None and not found:
            start = source.span(source.offset, source.offset)
            found = (diag.error(SYNTAX, "could not parse this file", start),)
        return ParseResult(source, module if isinstance(module, ast.Module) else None, found)

    def _parse_interpolation(self, text: str, offset: int) -> ast.Expr | None:
        name = _PLAIN_NAME.match(text)
        if name is not None and not self.reference and name.group(1) not in self.driver.lexer.keywords:
            # `${total}`, most interpolations: the variable reference a parse of the text would give
            assert self.source is not None
            start = offset + name.start(1)
            return ast.VarRef(span=self.source.span(start, name.end(1) + offset), name=name.group(1))
        saved = self.base
        self.base = offset
        self.builder.base = offset
        try:
            return self._run(text, "expr_only")
        finally:
            self.base = saved
            self.builder.base = saved

    def _run(self, text: str, start: str) -> object | None:
        """Parse; on a syntax error, report it, repair the text without moving any offset (blank the bad
        statement, or put a `;` into the whitespace where one is missing) and parse again."""
        outer = self.diagnostics
        reported: list[Diagnostic] = []
        result: object | None = None
        cut: list[int] = []  # where an unterminated template cut the text off (see _Repair.add)
        for _attempt in range(MAX_SYNTAX_ERRORS + 1):
            done, result = self._attempt(text, start)
            if done:
                break
            from lark.exceptions import UnexpectedInput  # error path only

            from balmail.syntax.recovery import RecoveryFailed, parse_with_recovery

            repair = _Repair(self, text, cut)
            inserted = _Repair(self, text, cut)  # this attempt's token repairs (kept if it parses to the end)
            try:
                result = parse_with_recovery(self.lark, text, start, inserted.add, self.diagnostics)
                reported.extend(inserted.found)
                break
            except (UnexpectedInput, RecoveryFailed) as failed:
                e = failed.error if isinstance(failed, RecoveryFailed) else failed
                fixed = repair.fix(e)
                reported.extend(repair.found)
                if fixed is None:
                    self.diagnostics = []
                    result = repair.result
                    break
                text = fixed
            except Exception as e:  # noqa: BLE001 - a builder failure on odd input must not become a traceback
                self.diagnostics = [self._internal(e)]
                result = None
                break
        outer.extend(reported)
        outer.extend(self.diagnostics)
        self.diagnostics = outer
        self.builder.diagnostics = outer
        return result

    def _attempt(self, text: str, start: str) -> tuple[bool, object | None]:
        """One fast parse with fresh builder diagnostics; (False, None) on any error."""
        self.diagnostics = []
        self.builder.diagnostics = self.diagnostics
        try:
            if self.reference:
                done, result = True, self.lark.parse(text, start)
            else:
                done, result = self.driver.parse(text, start)
        except Exception:  # noqa: BLE001 - the Lark re-parse reports it properly
            done, result = False, None
        if not done:
            self.diagnostics = []
            self.builder.diagnostics = self.diagnostics
        return done, result

    def _internal(self, e: Exception) -> Diagnostic:
        assert self.source is not None
        span = self.source.span(self.base, self.base)
        return diag.error(SYNTAX, f"could not parse this file ({type(e).__name__}: {e})", span)

    # ------------------------------------------------------------ messages

    def describe(self, token: Token) -> str:
        if token.type == "$END":
            return "end of file"
        if token.type in ("IDENT", "STRING", "INT_LITERAL", "HEX_LITERAL", "FLOAT_LITERAL"):
            return f"{self.display[token.type]} '{token.value}'"
        return f"'{token.value}'"

    def expected(self, names: set[str]) -> str:
        """Words for what the parser could take: broad classes first, else a short list of tokens."""
        if {"IDENT", "INT_LITERAL", "STRING", "LPAR"} <= names and "IF" in names:
            return "a statement"
        if {"IDENT", "INT_LITERAL", "STRING", "LPAR"} <= names:
            return "an expression"
        shown = sorted(
            {self.display.get(n, n) for n in names if not n.startswith("__ANON") or n in self.display}
        )
        operators = [t for t in shown if t in _OPERATORS]
        if len(operators) >= 5:
            shown = [t for t in shown if t not in _OPERATORS] + ["an operator"]
        if len(shown) > 6:
            shown = shown[:6] + ["..."]
        if not shown:
            return "something else"
        return shown[0] if len(shown) == 1 else "one of " + ", ".join(shown)


_OPERATORS = frozenset(
    "'!=' '!==' '!is' '%' '&&' '&' '*' '+' '-' '/' '<' '<=' '==' '===' '>' '>=' '^' '|' '||' '?' '?:' "
    "'is' '..<' '...' '<<' '.' '?.' '[' '(' '->'".split()
)


class _Repair:
    """Turns one syntax error into a diagnostic and a repaired text of the same length (so every offset,
    line and column stays true), or None when the parse cannot go on."""

    def __init__(self, parser: _Parser, text: str, cut: list[int]) -> None:
        self.parser = parser
        self.text = text
        self.cut = cut
        self.found: list[Diagnostic] = []
        self.result: object | None = None

    def add(self, message: str, start: int, end: int) -> None:
        assert self.parser.source is not None
        if self.cut and start >= self.cut[0] and message.startswith(("missing ", "unexpected end of file")):
            return  # what an unterminated template left open is that one mistake, already reported
        base = self.parser.base
        span = self.parser.source.span(base + start, base + max(start, end))
        self.found.append(diag.error(SYNTAX, message, span))

    def fix(self, e: UnexpectedInput) -> str | None:
        from lark.exceptions import UnexpectedCharacters, UnexpectedToken  # error path only

        if isinstance(e, UnexpectedCharacters):
            return self._bad_character(e.pos_in_stream)
        if isinstance(e, UnexpectedToken):
            if e.token.type == "$END":
                return self._at_end(e)
            return self._bad_token(e)
        self.add("unexpected end of file", len(self.text), len(self.text))
        return None

    def _bad_character(self, pos: int) -> str:
        ch = self.text[pos]
        if ch == '"':
            line_end = self.text.find("\n", pos)
            line_end = len(self.text) if line_end == -1 else line_end
            self.add("unterminated string literal: missing closing '\"'", pos, line_end)
            return self._blank(self._statement_start(pos), line_end)
        if ch == "`":
            self.add("unterminated template: missing closing '`'", pos, pos + 1)
            self.cut.append(len(self.text[:pos].rstrip()))
            return self._blank(pos, len(self.text))
        shown = ch if ch.isprintable() else f"\\u{{{ord(ch):04X}}}"  # a NUL or control byte, spelt out
        self.add(f"invalid character '{shown}'", pos, pos + 1)
        return self._blank_statement(pos, pos + 1)

    def _bad_token(self, e: UnexpectedToken) -> str:
        tok = e.token
        start, end = tok.start_pos or 0, tok.end_pos or 0
        semicolon = self._missing_semicolon(e)
        if semicolon is not None:
            return semicolon
        expected = self.parser.expected(set(e.expected))
        self.add(f"unexpected {self.parser.describe(tok)}: expected {expected}", start, end)
        return self._blank_statement(start, end)

    def _missing_semicolon(self, e: UnexpectedToken) -> str | None:
        """`x = 5` then a new line: put `;` in the first blank after the previous token."""
        if "SEMICOLON" not in e.expected:
            return None
        pos = e.token.start_pos or 0
        prev = code_end(self.text, pos)
        gap = self.text[prev:pos]
        if "\n" not in gap:
            return None
        for i, ch in enumerate(gap):
            if ch in " \t\r\n" and i + 1 < len(gap) or (ch in " \t" and i + 1 == len(gap)):
                at = prev + i + (1 if ch == "\n" else 0)
                if at < pos and self.text[at] in " \t":
                    self.add("missing semicolon token", prev, prev)
                    return self.text[:at] + ";" + self.text[at + 1 :]
        return None

    def _blank_statement(self, start: int, end: int) -> str:
        """Blank from the start of the statement holding the bad token to its end (`;`, or before `}`)."""
        begin = self._statement_start(start)
        stop = end
        depth = 0
        if self.text[start:end] == ";":  # the bad token ends the statement itself (`x = a +;`)
            return self._blank(begin, end)
        while stop < len(self.text):
            ch = self.text[stop]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
            elif ch == ";" and depth <= 0:
                stop += 1
                break
            elif ch == "{" and depth <= 0:
                stop = _matching_brace(self.text, stop)  # a bad block header takes its block with it
                break
            elif ch == "}" and depth <= 0:
                break
            stop += 1
        if stop <= end:
            stop = end
        return self._blank(begin, stop)

    def _statement_start(self, pos: int) -> int:
        while pos > 0 and self.text[pos - 1] not in ";{}":
            pos -= 1
        return pos

    def _blank(self, start: int, end: int) -> str:
        region = self.text[start:end]
        spaces = "".join("\n" if ch == "\n" else " " for ch in region)
        return self.text[:start] + spaces + self.text[end:]

    def _at_end(self, e: UnexpectedToken) -> None:
        """End of file inside a construct: report it, then close what is open so the AST is still built."""
        end = len(self.text.rstrip())
        self.add(f"unexpected end of file: expected {self.parser.expected(set(e.expected))}", end, end)
        ip = e.interactive_parser
        if ip is None:  # raised where no parser state is kept (the token-recovery path): nothing to close
            self.result = None
            return None
        for _ in range(500):
            accepts = ip.accepts()
            if "$END" in accepts:
                try:
                    self.result = ip.feed_eof()
                except Exception:  # noqa: BLE001 - best effort: a failed close only loses the partial AST
                    self.result = None
                return None
            for name, value in _CLOSERS:
                if name in accepts:
                    ip.feed_token(new_token(name, value, end, end))
                    break
            else:
                return None
        return None


def _matching_brace(text: str, pos: int) -> int:
    """The offset just past the `}` closing the `{` at `pos` (braces in strings and comments are rare enough
    in a bad statement's block to ignore); the end of text when unbalanced."""
    depth = 0
    for i in range(pos, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


@lru_cache(maxsize=1)
def _instance() -> _Parser:
    return _Parser()


def parse_source(source: SourceFile) -> ParseResult:
    """Parse one source file into a module AST plus syntax diagnostics."""
    return _instance().parse(source)


def parse_text(text: str, path: str = "<text>") -> ParseResult:
    """Parse text (tests, `-e`-style use)."""
    return parse_source(SourceFile(path, text))


def parse_with_lark(source: SourceFile) -> ParseResult:
    """Parse as `parse_source` does, but with Lark's own parser where the fast path would run: the
    reference the fast path is tested against (tests/syntax/test_fast_path.py)."""
    parser = _instance()
    parser.reference = True
    try:
        return parser.parse(source)
    finally:
        parser.reference = False
