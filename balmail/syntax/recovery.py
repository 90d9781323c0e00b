"""Syntax-error recovery by token insertion and deletion, as Ballerina's parser recovers: one error per
mistake, at the place the missing token belongs. Runs only on a file that failed the fast parse: the
tokens are fed one by one to Lark's interactive LALR parser; when one is refused, the repairs below are
tried on copies of the parser state, each kept only if the next tokens then parse:

- a missing `;` (the next token starts a new line, or is `}`), `)`, `]`, `,`, `=` or `{` (the next token
  starts a new line) is inserted, and `>` or `in` where nothing else can come;
- a keyword where a name belongs (`function handle(`, `int limit = 3;`) is read as the name, with an error
  saying it is a keyword, so the rest of the declaration parses;
- a token that cannot be placed is dropped (`invalid token`);
- a punctuation token written for another (`}` for `|}`, `:` for `;`) is replaced (`unexpected '}':
  expected '|}'`);
- a declaration keyword at the start of a line while a block is still open closes the open blocks first
  (`missing close brace token`: the usual forgotten `}` of the function above);
- at the end of the file, what is still open is closed (`missing close brace token`, once per kind).

When none applies, `RecoveryFailed` hands the error back to the parser, whose text repair blanks the bad
statement (one error) and parses again.
"""

from __future__ import annotations

from collections.abc import Callable

from lark import Lark
from lark.exceptions import UnexpectedInput, UnexpectedToken

from balmail.source import code_end
from balmail.syntax.lark_side import LarkLexer
from balmail.syntax.tokens import Token, new_token

INSERTIONS = (
    ("SEMICOLON", ";", "missing semicolon token"),
    ("RPAR", ")", "missing close parenthesis token"),
    ("RSQB", "]", "missing close bracket token"),
    ("COMMA", ",", "missing comma token"),
    ("EQUAL", "=", "missing equal token"),
    ("LBRACE", "{", "missing open brace token"),
)
CLOSERS = {
    "SEMICOLON": ("; ", "missing semicolon token"),
    "RBRACE": ("}", "missing close brace token"),
    "RPAR": (")", "missing close parenthesis token"),
    "RSQB": ("]", "missing close bracket token"),
    "__ANON_4": ("|}", "missing close brace pipe token"),
}
# Tokens inserted only where nothing else can come next (`map<string x`, `foreach int i xs`).
SOLE_INSERTIONS = {"MORETHAN": (">", "missing gt token"), "IN": ("in", "missing in keyword")}
# One punctuation token written for another (`}` closing a `record {|`, `:` ending a field): said once, as
# what was expected there, when neither an insertion nor dropping the token lets the next tokens parse.
REPLACEMENTS = (
    ("SEMICOLON", ";"), ("COMMA", ","), ("RPAR", ")"), ("RSQB", "]"), ("RBRACE", "}"), ("__ANON_4", "|}"),
)  # fmt: skip
REPLACEABLE = frozenset({name for name, _ in REPLACEMENTS} | {"COLON", "DOT"})
DECLARATION_STARTS = frozenset(
    {"FUNCTION", "PUBLIC", "SERVICE", "LISTENER", "TYPE", "CONST", "CONFIGURABLE", "CLASS", "ENUM", "IMPORT",
     "ANNOTATION"}
)  # fmt: skip
LOOKAHEAD = 2
REACH = 8  # tokens an insertion is scored on when several fit
DECLARATION_LOOKAHEAD = 4  # `function name(` : enough to tell a declaration from a statement
MAX_REPAIRS = 25

Report = Callable[[str, int, int], None]


class RecoveryFailed(Exception):
    """No token repair fits; `error` is the parser's exception for the text repair to use."""

    def __init__(self, error: UnexpectedInput) -> None:
        super().__init__(str(error))
        self.error = error


def _synthetic(name: str, value: str, at: int) -> Token:
    """An inserted token: zero width where it is missing, so spans of the nodes around it stay true."""
    return new_token(name, value, at, at)


_SCRATCH: list[list[object]] = [[]]


def _fits(ip: object, feed: list[Token]) -> bool:
    """Whether these tokens parse from this state (tried on a copy; what the builder reports meanwhile is
    taken back, the real feed reports it again)."""
    trial = ip.copy(deepcopy_values=False)  # type: ignore[attr-defined]  (values are immutable)
    scratch = _SCRATCH[0]
    kept = len(scratch)
    try:
        for tok in feed:
            trial.feed_token(tok)
    except Exception:  # noqa: BLE001 - refused, or a builder callback failing on a trial path: no fit
        return False
    finally:
        del scratch[kept:]
    return True


def _reach(ip: object, feed: list[Token]) -> int:
    """How many of these tokens parse from this state before one is refused (on a copy, as `_fits`)."""
    trial = ip.copy(deepcopy_values=False)  # type: ignore[attr-defined]
    scratch = _SCRATCH[0]
    kept = len(scratch)
    done = 0
    try:
        for tok in feed:
            trial.feed_token(tok)
            done += 1
    except Exception:  # noqa: BLE001 - refused (or a builder callback failing on a trial path)
        pass
    finally:
        del scratch[kept:]
    return done


def parse_with_recovery(
    lark: Lark, text: str, start: str, report: Report, builder_diagnostics: list[object]
) -> object:
    """Parse `text`, repairing token errors; `report(message, start, end)` gets one call per repair
    (offsets into `text`). `builder_diagnostics` is the list the AST builder reports into. Raises
    `RecoveryFailed`, or `UnexpectedCharacters` from the lexer."""
    _SCRATCH[0] = builder_diagnostics
    tokens: list[Token] = list(_lexer(lark).lex(text))
    ip = lark.parse_interactive(None, start)
    depth = 0
    repairs = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        at_line_start = tok.start_pos == 0 or text[tok.start_pos - 1] == "\n"
        if depth > 0 and at_line_start and tok.type in DECLARATION_STARTS:
            end = code_end(text, tok.start_pos)
            closed = _close_blocks(ip, tokens[i : i + DECLARATION_LOOKAHEAD], depth, end)
            if closed:
                for _ in range(closed):
                    report("missing close brace token", end, end)
                depth -= closed
                repairs += closed
        try:
            ip.feed_token(tok)
        except UnexpectedToken as e:
            repairs += 1
            if repairs > MAX_REPAIRS:
                raise RecoveryFailed(e) from None
            i = _repair(ip, tokens, i, text, report, e)
            continue
        if tok.type == "LBRACE":
            depth += 1
        elif tok.type == "RBRACE":
            depth = max(0, depth - 1)
        i += 1
    return _finish(ip, text, report)


def _lexer(lark: Lark) -> LarkLexer:
    lexer = getattr(getattr(lark.parser, "lexer", None), "lexer", None)  # Lark wraps the lexer it was given
    if isinstance(lexer, LarkLexer):
        return lexer
    return LarkLexer(lark.lexer_conf)


def _close_blocks(ip: object, ahead: list[Token], depth: int, at: int) -> int:
    """How many `}` make the coming declaration parse (0: none does, leave it to normal recovery)."""
    if _fits(ip, ahead):
        return 0
    closers: list[Token] = []
    for count in range(1, depth + 1):
        closers.append(_synthetic("RBRACE", "}", at))
        if _fits(ip, closers + ahead):
            for closer in closers:
                ip.feed_token(closer)  # type: ignore[attr-defined]
            return count
    return 0


def _repair(
    ip: object, tokens: list[Token], i: int, text: str, report: Report, error: UnexpectedToken
) -> int:
    """Insert a missing token or drop an extra one; returns the index of the next token to feed."""
    tok = tokens[i]
    ahead = tokens[i : i + LOOKAHEAD]
    prev_end = code_end(text, tok.start_pos)
    new_line = "\n" in text[prev_end : tok.start_pos]
    only = ip.accepts() - {"GT_JOINED", "$END"}  # type: ignore[attr-defined]
    if len(only) == 1 and next(iter(only)) in SOLE_INSERTIONS:
        name = next(iter(only))
        value, message = SOLE_INSERTIONS[name]
        missing = _synthetic(name, value, prev_end)
        if _fits(ip, [missing, *ahead]):
            ip.feed_token(missing)  # type: ignore[attr-defined]
            report(message, prev_end, prev_end)
            return i
    # Of the insertions that let the next tokens parse, the one that lets the most of them parse (up to
    # REACH): `{a: 1, b: 2` then a new line `io:println(m);` takes a `,` for two tokens (`io:` reads as
    # a field), but `};` for the whole line.
    candidates: list[tuple[list[Token], list[str]]] = []
    for name, value, message in INSERTIONS:
        if name == "SEMICOLON" and not (new_line or tok.type == "RBRACE"):
            continue
        if name == "LBRACE" and not new_line:
            continue
        candidates.append(([_synthetic(name, value, prev_end)], [message]))
    if new_line:
        closer = [_synthetic("RBRACE", "}", prev_end), _synthetic("SEMICOLON", ";", prev_end)]
        candidates.append((closer, ["missing close brace token", "missing semicolon token"]))
    further = tokens[i : i + REACH]
    best: tuple[int, list[Token], list[str]] | None = None
    for inserted, messages in candidates:
        if not _fits(ip, [*inserted, *ahead]):
            continue
        reach = _reach(ip, [*inserted, *further]) - len(inserted)
        if best is None or reach > best[0]:
            best = (reach, inserted, messages)
    if best is not None:
        for missing in best[1]:
            ip.feed_token(missing)  # type: ignore[attr-defined]
        for message in best[2]:
            report(message, prev_end, prev_end)
        return i
    after = tokens[i + 1 : i + 1 + LOOKAHEAD]
    if tok.type != "IDENT" and tok.value.isidentifier():  # a keyword where a name belongs: `function handle(`
        name = new_token("IDENT", tok.value, tok.start_pos, tok.end_pos or tok.start_pos)
        longer = tokens[i + 1 : i + 1 + DECLARATION_LOOKAHEAD]
        if _fits(ip, [name, *longer]):
            ip.feed_token(name)  # type: ignore[attr-defined]
            report(
                f"invalid token '{tok.value}': it is a keyword (write '{tok.value} to use it as a name)",
                tok.start_pos,
                tok.end_pos or tok.start_pos,
            )
            return i + 1
    # the token can be dropped: what follows parses without it (or, its last token, the file can end)
    if (_fits(ip, after) if after else "$END" in ip.accepts()):  # type: ignore[attr-defined]
        report(f"invalid token '{tok.value}'", tok.start_pos, tok.end_pos or tok.start_pos)
        return i + 1
    if tok.type in REPLACEABLE:
        for name, value in REPLACEMENTS:
            if name == tok.type:
                continue
            instead = new_token(name, value, tok.start_pos, tok.end_pos or tok.start_pos)
            if _fits(ip, [instead, *after]):
                ip.feed_token(instead)  # type: ignore[attr-defined]
                end = tok.end_pos or tok.start_pos
                report(f"unexpected '{tok.value}': expected '{value}'", tok.start_pos, end)
                return i + 1
    raise RecoveryFailed(error)


def _finish(ip: object, text: str, report: Report) -> object:
    """End of input: close whatever is open (one report per closer), then finish the parse."""
    end = len(text.rstrip())
    said: set[str] = set()  # two `}` missing at the end of the file are one mistake: say it once
    for _ in range(500):
        accepts = ip.accepts()  # type: ignore[attr-defined]
        if "$END" in accepts:
            return ip.feed_eof()  # type: ignore[attr-defined]
        for name, (value, message) in CLOSERS.items():
            if name in accepts:
                ip.feed_token(_synthetic(name, value.strip(), end))  # type: ignore[attr-defined]
                if message not in said:
                    said.add(message)
                    report(message, end, end)
                break
        else:
            break
    try:
        return ip.feed_eof()  # type: ignore[attr-defined]
    except UnexpectedInput as e:
        raise RecoveryFailed(e) from None
