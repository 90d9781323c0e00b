"""The fast parse path (balmail's lexer and LALR driver, syntax/lexer.py and parser._Driver) against
Lark's: the same tokens and the same AST, spans and diagnostics for every .bal file in the repository;
and checking a valid file never imports Lark."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from balmail.source import SourceFile
from balmail.syntax.lexer import LexError
from balmail.syntax.parser import _instance, parse_source, parse_text, parse_with_lark
from balmail.syntax.templates import template_end

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(p for p in ROOT.rglob("*.bal") if ".git" not in p.parts)


def _texts() -> list[tuple[str, str]]:
    texts = [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8", errors="replace")) for p in FILES]
    assert len(texts) > 100
    return texts


def _reference_tokens(text: str) -> list[tuple[str, str, int, int]] | int:
    """Tokens by one alternation of every terminal in match order (what the lexer's first-character
    groups must agree with) and templates by their scanner, or the offset of the first character no
    terminal matches."""
    terminals, keywords, ignore, _dispatch = _instance().driver.lexer.spec()
    master = re.compile(r"[ \t\r\n\f]*(?:" + "|".join(f"(?P<{n}>{r})" for n, r in terminals) + ")")
    found = []
    pos = 0
    while pos < len(text):
        start = len(text) - len(text[pos:].lstrip(" \t\r\n\f"))
        if text.startswith("`", start):  # templates nest: no regex, the scanner (syntax/templates.py)
            end = template_end(text, start)
            if end < 0:
                return start  # type: ignore[return-value]
            found.append(("TEMPLATE", text[start:end], start, end))
            pos = end
            continue
        m = master.match(text, pos)
        if m is None:
            rest = len(text) - len(text[pos:].lstrip(" \t\r\n\f"))
            return found if rest == len(text) else rest  # type: ignore[return-value]
        kind = m.lastgroup
        assert kind is not None
        if kind not in ignore:
            value = m.group(kind)
            found.append(
                (keywords.get(value, "IDENT") if kind == "IDENT" else kind, value, m.start(kind), m.end())
            )
        pos = m.end()
    return found


def test_lexer_finds_the_tokens_of_one_alternation() -> None:
    lexer = _instance().driver.lexer
    texts = _texts() + [("odd", "x\u00e9 = `a${b}` #c\n/**/ 1.5e3d 0x1Fp3 a:b ?) \u00e9\u00e9 @ \\u{E9}x")]
    for name, text in texts:
        try:
            ours: list[tuple[str, str, int, int]] | int = [
                (t.type, t.value, t.start_pos, t.end_pos) for t in lexer.lex(text)
            ]
        except LexError as e:
            ours = e.pos
        assert ours == _reference_tokens(text), name


def test_fast_path_builds_what_lark_builds() -> None:
    """Same AST (spans included: `repr` shows every field) and diagnostics on both paths."""
    differ = []
    for name, text in _texts():
        fast = parse_source(SourceFile(name, text))
        slow = parse_with_lark(SourceFile(name, text))
        if repr(fast.module) != repr(slow.module) or fast.diagnostics != slow.diagnostics:
            differ.append(name)
    assert differ == []


def test_checking_a_valid_file_does_not_import_lark(tmp_path: Path) -> None:
    """Nor the library modules `check` describes statically (start-up time, bench/parse.py)."""
    parse_text("int x = 1;")  # the tables are saved (first run of this grammar)
    program = tmp_path / "ok.bal"
    program.write_text("import ballerina/io;\n\npublic function main() {\n    io:println(`x${1}`);\n}\n")
    code = (
        "import sys\nfrom balmail import cli\nsys.argv = ['balmail', 'check', sys.argv[1]]\n"
        "try:\n    cli.main()\nexcept SystemExit as e:\n    code = e.code\n"
        "heavy = ('lark', 'balmail.lib.signatures', 'balmail.lib.io', 'balmail.lib.os_exec')\n"
        "print(code, sorted(m for m in sys.modules if m in heavy or m.startswith('lark.')))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code, str(program)], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr


def test_a_syntax_error_still_reports_through_lark() -> None:
    result = parse_text("function f() {\n    int x = 1\n    int y = 2;\n}\n")
    assert [d.message for d in result.diagnostics] == ["missing semicolon token"]


def test_node_makers_build_what_the_classes_build() -> None:
    """`makers.makers` (the hot builders' positional constructors) give objects equal, field by field and
    by type, to the class's own `__init__`; for every node class, so a new field cannot be missed."""
    import attrs

    from balmail.syntax import ast
    from balmail.syntax.makers import makers

    classes: list[type] = []
    stack: list[type] = [ast.Node]
    while stack:
        cls = stack.pop()
        classes.append(cls)
        stack.extend(cls.__subclasses__())
    made = makers(*classes)
    for cls, make in zip(classes, made, strict=True):
        values = {f.name: (f.name, cls.__name__) for f in attrs.fields(cls)}
        ours = make(*values.values())
        theirs = cls(**values)
        assert type(ours) is cls
        assert [getattr(ours, n) for n in values] == [getattr(theirs, n) for n in values]
        assert repr(ours) == repr(theirs)
