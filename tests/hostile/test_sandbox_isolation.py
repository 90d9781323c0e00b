"""Budgets live in the run's own sandbox: a second sandbox in the same process never changes the first's
limits (issue 16, item 6)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from balmail.app import run_program
from balmail.runtime.sandbox import Budgets, Permissions, Sandbox

BUILDS = """
import ballerina/io;

public function main() {
    string s = "";
    int[] xs = [];
    foreach int i in 0 ..< 50 {
        s = s + "0123456789";
        xs.push(i);
    }
    io:println(s.length(), " ", xs.length());
}
"""


def _run(path: Path, budgets: Budgets) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    result = run_program(path, [], budgets=budgets, out=out, err=err)
    return result.exit_code, out.getvalue() + err.getvalue() + (result.error_text or "")


def test_second_sandbox_does_not_change_the_first(tmp_path: Path) -> None:
    program = tmp_path / "builds.bal"
    program.write_text(BUILDS)
    small = Sandbox(budgets=Budgets(size=100))
    Sandbox(budgets=Budgets(size=10**9))  # another run's sandbox, created later in the same process
    with pytest.raises(Exception) as exhausted:
        small.check_size(101)
    assert "size budget of 100" in str(exhausted.value.error.message)  # type: ignore[attr-defined]
    # whole runs: the small one fails its own budget even after a generous run was compiled
    code_big, text_big = _run(program, Budgets(size=10**9))
    assert code_big == 0 and "500 50" in text_big
    code_small, text_small = _run(program, Budgets(size=100))
    assert code_small == 1 and "size budget of 100 exceeded" in text_small
    code_big, text_big = _run(program, Budgets(size=10**9))
    assert code_big == 0 and "500 50" in text_big


def test_list_push_checks_its_own_sandbox(tmp_path: Path) -> None:
    program = tmp_path / "push.bal"
    program.write_text(BUILDS.replace('s = s + "0123456789";', ""))
    code, text = _run(program, Budgets(size=20))
    assert code == 1 and "size budget of 20 exceeded" in text


def test_fork_is_independent() -> None:
    parent = Sandbox(Permissions(read=("/tmp",)), Budgets(steps=1_000))
    child = parent.fork(Budgets(steps=50_000_000, size=5))
    assert child.permissions is parent.permissions
    assert parent.budgets.steps == 1_000 and parent.max_size == Budgets().size
    assert child.max_size == 5
    child.start_invocation()
    assert parent.budgets.steps == 1_000


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        ({"seconds": float("nan")}, "--max-time must be a finite number"),
        ({"seconds": float("inf")}, "--max-time must be a finite number"),
        ({"seconds": -5.0}, "--max-time must be a positive number"),
        ({"steps": 0}, "--max-steps must be a positive number"),
        ({"size": -1}, "--max-size must be a positive number"),
    ],
)
def test_nonsense_budget_values_are_refused(flags: dict[str, float], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        Budgets().with_flags(**flags)
