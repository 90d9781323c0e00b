"""The stack walks' per-class child pushers (ast.children_pusher, ast.forward_pusher) push exactly the
nodes `ast.children` lists, last first and in field order: walks through them visit what a walk through
`children` does (docs/scale.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from balmail.check.walk import nodes_under, walk
from balmail.source import SourceFile
from balmail.syntax import ast
from balmail.syntax.parser import parse_source

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted((ROOT / "tests" / "lang").rglob("*-v.bal"))[::7]
PROGRAMS += sorted((ROOT / "examples").rglob("*.bal"))


@pytest.mark.parametrize("path", PROGRAMS[:120], ids=lambda p: str(p.relative_to(ROOT)))
def test_pushers_push_the_children_of_every_node(path: Path) -> None:
    module = parse_source(SourceFile.read(path)).module
    assert module is not None
    for node in walk(module):
        expected = [id(x) for x in ast.children(node)]
        backward: list[ast.Node] = []
        forward: list[ast.Node] = []
        for pusher, out in ((ast.children_pusher, backward), (ast.forward_pusher, forward)):
            push = pusher(type(node))
            if push is not None:
                push(node, out.append)
        assert [id(x) for x in reversed(backward)] == expected, type(node).__name__
        assert [id(x) for x in forward] == expected, type(node).__name__
    assert [id(x) for x in nodes_under(module)] == [id(x) for x in walk(module)]
