"""Conformance programs: `NAME-v.bal` runs and prints the `// @output` lines; `NAME-p.bal` panics at the
line marked `// @panic` (optional text after the marker must appear in the error line); `NAME-e.bal` is
rejected at compile time with an error at the line marked `// @error` (optional message text likewise)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from balmail.app import compile_source, run_program
from balmail.runtime.context import RunContext
from balmail.runtime.sandbox import Budgets
from balmail.serve import ServeOptions
from balmail.source import SourceFile

HERE = Path(__file__).parent
PROGRAMS = sorted(p for p in HERE.rglob("*.bal") if re.search(r"-[vpe]\.bal$", p.name))
MARK = re.compile(r"//\s*@(output|panic|error)\b ?(.*)$")


def _marks(text: str) -> list[tuple[int, str, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        m = MARK.search(line)
        if m:
            found.append((number, m.group(1), m.group(2).rstrip()))
    return found


def _run(path: Path) -> tuple[int, str, str, int | None]:
    out, err = io.StringIO(), io.StringIO()
    # as `balmail run --once`: listeners written in Ballerina are started after `main`, then stopped
    result = run_program(path, [], out=out, err=err, cwd=path.parent, environ={},
                         budgets=Budgets(steps=20_000_000, seconds=20.0),
                         serve_options=ServeOptions(once=True))
    text = result.error_text or ""
    if result.diagnostics and any(d.is_error for d in result.diagnostics):
        text += "\n".join(d.message for d in result.diagnostics)
    return result.exit_code, out.getvalue(), text, result.panic_line


@pytest.mark.parametrize("path", PROGRAMS, ids=[str(p.relative_to(HERE)) for p in PROGRAMS])
def test_program(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    marks = _marks(text)
    expected_out = [t for _, kind, t in marks if kind == "output"]
    kind = path.name[-5]
    if kind == "e":
        errors = [(line, t) for line, k, t in marks if k == "error"]
        assert errors, "an -e program needs a // @error mark"
        source = SourceFile(str(path), text)
        program, found = compile_source(source, RunContext(out=io.StringIO(), err=io.StringIO()))
        reported = [(d.span.line, d.message) for d in found if d.is_error]
        assert program is None, "expected a compile-time error"
        for line, message in errors:
            at_line = [m for ln, m in reported if ln == line]
            assert at_line, f"no error at line {line}; got {reported}"
            if message:
                assert any(message in m for m in at_line), f"{message!r} not in {at_line}"
        return
    code, out, err, panic_line = _run(path)
    if kind == "v":
        assert code == 0, f"program failed: {err}"
        assert out.splitlines() == expected_out
    else:
        panics = [(line, t) for line, k, t in marks if k == "panic"]
        assert panics, "a -p program needs a // @panic mark"
        assert code == 1, "expected a panic"
        assert err.startswith("error: "), err
        assert out.splitlines() == expected_out
        line, message = panics[0]
        returned = panic_line is None and re.search(r"\b(check|return)\b", text.splitlines()[line - 1])
        assert panic_line == line or returned, f"panicked at line {panic_line}, expected {line}: {err}"
        if message:
            assert message in err.splitlines()[0], f"{message!r} not in {err!r}"


def test_there_are_many_programs() -> None:
    assert len(PROGRAMS) >= 1
