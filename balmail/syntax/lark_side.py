"""Everything that needs Lark: its LALR parser (built for files with a syntax error, whose exceptions and
interactive parser error repair needs) and the plain tables the fast path is made from (once per grammar
version). Imported only on those two paths, so checking a valid file never imports Lark.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from functools import partial
from typing import Any

from lark import Lark, Tree
from lark.common import LexerConf
from lark.exceptions import UnexpectedCharacters
from lark.lexer import Lexer
from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders, ExpandSingleChild, ParseTreeBuilder

from balmail.syntax.lexer import FastLexer, LexError, Spec, build_spec
from balmail.syntax.tokens import Token

NAMED_TERMINALS = {
    "IDENT": "identifier",
    "STRING": "string literal",
    "INT_LITERAL": "integer literal",
    "HEX_LITERAL": "hex literal",
    "FLOAT_LITERAL": "floating-point literal",
    "TEMPLATE": "template",
    "EMPTY_BRACKETS": "'[]'",
    "$END": "end of file",
    "QCOLON": "':'",
    "GT_JOINED": "'>'",
    "NOT_IS": "'!is'",
    "HEX_FLOAT_LITERAL": "floating-point literal",
}


def lexer_spec(conf: LexerConf) -> Spec:
    """The fast lexer's spec from Lark's terminals: Lark's priority order (then longest pattern first),
    keywords (string terminals an identifier would match) left to a dict, plain blanks left out."""
    terminals = sorted(
        conf.terminals, key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name)
    )
    ident = next(t for t in terminals if t.name == "IDENT")
    ident_re = re.compile(ident.pattern.to_regexp())
    keywords = {
        t.pattern.value: t.name
        for t in terminals
        if t.pattern.type == "str" and ident_re.fullmatch(t.pattern.value)
    }
    blanks = {
        t.name for t in terminals if t.name in conf.ignore and re.fullmatch(t.pattern.to_regexp(), " \t\n")
    }
    ordered = [
        (t.name, t.pattern.to_regexp())
        for t in terminals
        if t.pattern.value not in keywords and t.name not in blanks
    ]
    return build_spec(ordered, keywords, frozenset(conf.ignore))


class LarkLexer(Lexer):
    """The fast lexer as Lark's parser takes it (error path): a bad character is Lark's
    `UnexpectedCharacters`, which error repair reads."""

    def __init__(self, conf: LexerConf) -> None:
        self.fast = FastLexer(lexer_spec(conf))

    def lex(self, text: str) -> Iterator[Token]:  # type: ignore[override]
        try:
            yield from self.fast.lex(text)
        except LexError as e:
            line = text.count("\n", 0, e.pos) + 1
            column = e.pos - text.rfind("\n", 0, e.pos)
            raise UnexpectedCharacters(text, e.pos, line, column) from None


def _cache_file(grammar_text: str) -> str | None:
    """A per-grammar cache path for Lark's own tables, or None when no writable place exists."""
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


def build_lark(grammar_text: str, builder: object) -> Lark:
    """Lark's LALR parser over the grammar, with the AST builder run inline as its transformer."""
    options: dict[str, Any] = dict(
        parser="lalr",
        lexer=LarkLexer,
        keep_all_tokens=True,
        start=["start", "expr_only"],
        transformer=builder,
        maybe_placeholders=False,
    )
    cache = _cache_file(grammar_text)
    try:
        return Lark(grammar_text, cache=cache or False, **options)
    except (OSError, EOFError, ValueError):
        return Lark(grammar_text, **options)


def tables(lark: Lark) -> dict[str, Any]:
    """The fast path's tables as plain data (marshal-able, so loading them imports nothing):

    - `rows`: state -> terminal or rule name -> action, a shift (or goto) to state `n` as `n`, a reduction
      by rule `i` as `~i`;
    - `rules`: per rule (number of symbols, rule name, builder method name, whether a single child is
      passed through (`?rule`), which children are `_rule`s to inline (None: none)), as Lark's tree
      builder shapes them with `keep_all_tokens`;
    - start and end states, the lexer's spec and the display names of terminals for messages."""
    table = lark.parser.parser.parser.parse_table  # type: ignore[attr-defined]
    index = {rule: i for i, rule in enumerate(lark.rules)}
    rows = {
        state: {
            str(name): arg if getattr(action, "name", "") == "Shift" else ~index[arg]
            for name, (action, arg) in actions.items()
        }
        for state, actions in table.states.items()
    }
    rules = []
    for rule, chain in ParseTreeBuilder(lark.rules, Tree, False, False, False).rule_builders:
        expand1 = ExpandSingleChild in chain
        inline = None
        for wrapper in chain:
            if isinstance(wrapper, partial):
                assert wrapper.func is ChildFilterLALR_NoPlaceholders, wrapper
                included = wrapper.args[0]
                assert [i for i, _ in included] == list(range(len(rule.expansion))), "every token is kept"
                inline = tuple(bool(expand) for _, expand in included)
        assert rule.options.template_source is None
        name = str(rule.alias or rule.origin.name)
        rules.append((len(rule.expansion), str(rule.origin.name), name, expand1, inline))
    display = dict(NAMED_TERMINALS)
    for terminal in lark.terminals:
        if terminal.name not in display and terminal.pattern.type == "str":
            display[terminal.name] = f"'{terminal.pattern.value}'"
    return {
        "rows": rows,
        "rules": rules,
        "start_states": dict(table.start_states),
        "end_states": dict(table.end_states),
        "lexer": lexer_spec(lark.lexer_conf),
        "display": display,
    }
