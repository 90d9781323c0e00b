"""Which locals generated functions keep as Python locals (balmail/compiler/slots.py): decided before
emitting, right for closures, and generated once more when a closure the walk did not foresee asks."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from balmail.app import compile_source
from balmail.compiler import slots, stmtgen
from balmail.compiler.scope import SLOT_KINDS, Scope
from balmail.runtime.context import RunContext
from balmail.source import SourceFile

LANG = Path(__file__).resolve().parent.parent / "lang"

PROGRAM = """
import ballerina/io;

function total(int n) returns int {
    int t = 0;
    foreach int i in 0 ..< n {
        t += i;
    }
    return t;
}

function captured() returns int {
    int x = 1;
    function () returns int get = () => x;
    x = 5;
    return get();
}

function counters() returns int[] {
    (function () returns int)[] fs = [];
    foreach int i in 0 ..< 3 {
        fs.push(() => i * 10);
    }
    return fs.map(f => f());
}

type Point record {|
    int x;
    int y = 7;
|};

function points(int[] xs) returns Point[] {
    return xs.map(v => <Point>{x: v});
}

public function main() {
    io:println(total(5), " ", captured(), " ", counters(), " ", points([1, 2]));
}
"""


def _compile(text: str, name: str = "p.bal") -> tuple[Any, io.StringIO]:
    out = io.StringIO()
    program, found = compile_source(SourceFile(name, text), RunContext(out=out, err=io.StringIO()))
    assert program is not None, [d.message for d in found]
    return program, out


def _run(text: str) -> str:
    program, out = _compile(text)
    assert program.initialize() is None
    program.main.invoke(None, [])
    return out.getvalue()


def test_loop_locals_are_python_locals() -> None:
    program, _ = _compile(PROGRAM)
    source = program.functions["total"].invoke.__doc__
    assert "_v3 = 0" in source and "f[" not in source and "f = [" not in source


def test_captured_locals_live_in_the_frame() -> None:
    program, _ = _compile(PROGRAM)
    source = program.functions["captured"].invoke.__doc__
    assert "f[2] = 1" in source and "f[2] = 5" in source


def test_program_output() -> None:
    assert _run(PROGRAM) == "10 5 [0,10,20] [{\"x\":1,\"y\":7},{\"x\":2,\"y\":7}]\n"


def test_locals_a_closure_asks_for_late_are_generated_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the walk switched off every closure-read local is found late: the output must not change."""
    expected = _run(PROGRAM)
    monkeypatch.setattr(slots, "frame_names", lambda cx, body: frozenset())
    assert _run(PROGRAM) == expected
    for path in sorted((LANG / "closure").glob("*-v.bal")):
        program, out = _compile(path.read_text(encoding="utf-8"), str(path))
        assert program.initialize() is None
        program.main.invoke(None, [])
        lines = [ln.split("// @output ", 1)[1] for ln in path.read_text().splitlines() if "// @output " in ln]
        assert out.getvalue().splitlines() == lines, path.name


# Programs where a closure asks for a local the walk could not foresee, because the generator's choice
# depends on static types (a mapping constructor left to the closure compiler): generated twice.
FORESEEN_LATE = {"table/iteration-v.bal"}


def test_the_walk_foresees_the_conformance_programs(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = {"invoke": 0, "body": 0}
    gen_invoke, gen_body = stmtgen.gen_invoke, stmtgen._gen_body

    def counting_invoke(*args: Any) -> Any:
        counts["invoke"] += 1
        return gen_invoke(*args)

    def counting_body(*args: Any) -> Any:
        counts["body"] += 1
        return gen_body(*args)

    monkeypatch.setattr(stmtgen, "gen_invoke", counting_invoke)
    monkeypatch.setattr(stmtgen, "_gen_body", counting_body)
    late = set()
    for path in sorted(LANG.rglob("*-[vp].bal")):
        counts["invoke"] = counts["body"] = 0
        compile_source(SourceFile(str(path), path.read_text(encoding="utf-8")),
                       RunContext(out=io.StringIO(), err=io.StringIO()))
        if counts["body"] != counts["invoke"]:
            late.add(str(path.relative_to(LANG)))
    assert late == FORESEEN_LATE


TWO_XS = """
function twoXs() returns int {
    int total = 0;
    if total == 0 {
        int x = 1;
        total += x;
    }
    if total == 1 {
        int x = 2;
        function () returns int get = () => x;
        total += get();
    }
    return total;
}

public function main() {
}
"""


def test_slots_belong_to_declarations_not_names() -> None:
    """Of two locals named `x`, only the one a closure reads lives in the frame (slots.py works on the
    resolve record's declarations)."""
    program, _ = _compile(TWO_XS)
    source = program.functions["twoXs"].invoke.__doc__
    assert "_v3 = 1" in source and "f[4] = 2" in source
    assert program.initialize() is None
    assert program.functions["twoXs"].invoke(None, []) == 3


def test_every_local_of_the_conformance_programs_is_found_by_its_declaration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A use the resolve record resolves to a parameter, local or worker finds its slot by that
    declaration: the compiler's name lookup is never the one that answers for it."""
    missed: set[str] = set()
    lookup = Scope.lookup

    def checking(self: Scope, name: str, quiet: bool = False, decl: Any = None) -> Any:
        if decl is not None and decl.kind in SLOT_KINDS:
            scope: Scope | None = self
            while scope is not None and decl not in scope.decls:
                scope = scope.parent
            if scope is None:
                missed.add(f"{decl.span.file}:{decl.span.line} {name}")
        return lookup(self, name, quiet, decl)

    monkeypatch.setattr(Scope, "lookup", checking)
    for path in sorted(LANG.rglob("*-[vp].bal")):
        compile_source(SourceFile(str(path), path.read_text(encoding="utf-8")),
                       RunContext(out=io.StringIO(), err=io.StringIO()))
    assert not missed
