"""Every construct program (tests/syntax/programs/) and every example parses and resolves with no
diagnostics, and its AST is well formed: every node has a span inside its parent's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from balmail.check.program import check_source
from balmail.source import SourceFile
from balmail.syntax import ast

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted((ROOT / "tests" / "syntax" / "programs").glob("*.bal"))
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.bal") if "tests" not in p.parts)


def nodes(node: ast.Node) -> Iterator[tuple[ast.Node, ast.Node]]:
    """(parent, child) pairs of the whole tree."""
    for field in attrs.fields(type(node)):
        value = getattr(node, field.name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            for sub in item if isinstance(item, tuple) else (item,):
                if isinstance(sub, ast.Node):
                    yield node, sub
                    yield from nodes(sub)


def parse(path: Path) -> ast.Module:
    result = check_source(SourceFile.read(path))
    assert result.diagnostics == (), [d.message for d in result.diagnostics]
    assert result.module is not None
    return result.module


@pytest.mark.parametrize("path", PROGRAMS + EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_program_checks_clean_with_nested_spans(path: Path) -> None:
    module = parse(path)
    text = path.read_text(encoding="utf-8")
    for parent, child in nodes(module):
        assert 0 <= child.span.start <= child.span.end <= len(text), child
        assert parent.span.start <= child.span.start and child.span.end <= parent.span.end, (parent, child)
        assert child.span.file == str(path)


def test_corpus_covers_every_construct_node() -> None:
    """Every concrete AST class is produced by some program of the corpus: the grammar reaches all of it."""
    seen: set[type] = set()
    for path in PROGRAMS + EXAMPLES:
        module = parse(path)
        seen.add(type(module))
        seen.update(type(child) for _, child in nodes(module))
    concrete = {
        cls
        for cls in vars(ast).values()
        if isinstance(cls, type) and issubclass(cls, ast.Node) and attrs.has(cls) and not cls.__subclasses__()
    }
    missing = sorted(cls.__name__ for cls in concrete - seen)
    assert missing == []


def test_construct_programs_exist() -> None:
    assert len(PROGRAMS) >= 60
    assert len(EXAMPLES) >= 8
