"""Differential test of the two expression backends: every conformance program (and every other program of
the repository with a `main` and no listener or service) runs with expressions as generated Python
(codegen.py, the default) and as closures of their family modules (`Compiler.generate_expressions = False`),
and must print the same, end the same way and panic at the same line. Statements have one backend
(stmtgen.py), so this covers what remains twice: operators, access, calls, constructors, templates ..."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest

from balmail.app import run_program
from balmail.compiler.core import Compiler
from balmail.runtime.sandbox import Budgets

ROOT = Path(__file__).resolve().parents[2]
SERVES = re.compile(r"\b(listener|service)\b")


def _programs() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "*.bal"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    paths = [ROOT / name for name in listed] or sorted(ROOT.rglob("*.bal"))
    out = []
    for p in paths:
        if p.name.endswith("-e.bal") or not p.is_file():
            continue
        text = p.read_text(encoding="utf-8", errors="replace")
        if "function main" in text and not SERVES.search(text):
            out.append(p)
    return out


PROGRAMS = _programs()


def _run(path: Path) -> tuple[int, str, str, int | None]:
    out, err = io.StringIO(), io.StringIO()
    result = run_program(path, [], out=out, err=err, cwd=path.parent, environ={},
                         budgets=Budgets(steps=20_000_000, seconds=20.0))
    text = (result.error_text or "").splitlines()
    return result.exit_code, out.getvalue(), text[0] if text else "", result.panic_line


@pytest.mark.parametrize("path", PROGRAMS, ids=[str(p.relative_to(ROOT)) for p in PROGRAMS])
def test_same_behaviour_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generated = _run(path)
    monkeypatch.setattr(Compiler, "generate_expressions", False)
    closures = _run(path)
    assert closures == generated


def test_there_are_programs() -> None:
    assert len(PROGRAMS) > 500
