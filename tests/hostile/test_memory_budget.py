"""The memory budget (`--max-memory`): a handler that keeps growing fails with the memory budget
error; a Python `MemoryError` becomes that error too (never an internal error or an OOM kill); big
builders check the size budget before allocating (issue 16, item 3)."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from balmail.app import run_program
from balmail.runtime.sandbox import Budgets, parse_bytes

REPO = Path(__file__).resolve().parents[2]

GROWS = """
import ballerina/io;

public function main() {
    string[] xs = [];
    string base = "".padEnd(1000000, "x");
    foreach int i in 0 ..< 100000 {
        xs.push(base + i.toString());
    }
    io:println(xs.length());
}
"""


def _run(tmp_path: Path, source: str, budgets: Budgets) -> tuple[int, str]:
    path = tmp_path / "prog.bal"
    path.write_text(source)
    out, err = io.StringIO(), io.StringIO()
    result = run_program(path, [], budgets=budgets, out=out, err=err)
    assert not result.diagnostics, result.diagnostics
    return result.exit_code, out.getvalue() + err.getvalue() + (result.error_text or "")


def test_growing_handler_fails_the_memory_budget(tmp_path: Path) -> None:
    code, text = _run(tmp_path, GROWS, Budgets(memory=64 * 1024**2))
    assert code == 1
    assert "memory budget of 67108864 bytes exceeded; raise it with --max-memory" in text


BIG = """
import ballerina/io;

public function main() {
    string s = "".padStart(SIZE, "x");
    io:println(s.length());
}
"""


@pytest.mark.parametrize(
    "call",
    [
        '"".padStart(SIZE, "x")',
        '"".padEnd(SIZE, "x")',
        '"7".padZero(SIZE)',
        'string:\'join(",", "a".padEnd(600000, "a"), "b".padEnd(600000, "b"))',
        'string:concat("a".padEnd(600000, "a"), "b".padEnd(600000, "b"))',
        '(1.5).toFixedString(SIZE)',
        '(1.5).toExpString(SIZE)',
    ],
)
def test_builders_check_the_size_budget_first(tmp_path: Path, call: str) -> None:
    source = BIG.replace('"".padStart(SIZE, "x")', call).replace("SIZE", "1000000000")
    code, text = _run(tmp_path, source, Budgets(size=1_000_000))
    assert code == 1
    assert "size budget of 1000000 exceeded" in text


@pytest.mark.parametrize(
    "statement",
    [
        "int[] xs = [1]; xs.setLength(1000000000); io:println(xs.length());",
        "int[] xs = [1]; xs[1000000000] = 2; io:println(xs.length());",
        "int[] xs = [1]; xs.unshift(...xs); io:println(xs.length());",
    ],
)
def test_list_growth_checks_the_size_budget_first(tmp_path: Path, statement: str) -> None:
    source = "import ballerina/io;\n\npublic function main() {\n    " + statement + "\n}\n"
    code, text = _run(tmp_path, source, Budgets(size=1))
    assert code == 1
    assert "size budget of 1 exceeded" in text


def test_memory_error_becomes_the_memory_budget_error(tmp_path: Path) -> None:
    """Under an address-space limit, a single huge allocation raises MemoryError inside a library
    call; the run reports the memory budget, not an internal error or a traceback."""
    program = tmp_path / "huge.bal"
    program.write_text(BIG.replace("SIZE", "3000000000"))
    limit = 3 * 1024**3

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "balmail.cli", "run", "--max-size", "4000000000", str(program)],
        capture_output=True, text=True, env=env, preexec_fn=cap, timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "memory budget of 2147483648 bytes exceeded" in done.stderr
    assert "Traceback" not in done.stderr and "InternalError" not in done.stderr


@pytest.mark.parametrize(
    ("text", "value"), [("2G", 2 * 1024**3), ("512M", 512 * 1024**2), ("64k", 65536), ("1000", 1000)]
)
def test_memory_flag_values(text: str, value: int) -> None:
    assert parse_bytes(text, "--max-memory") == value
    assert Budgets().with_flags(memory=text).memory == value


@pytest.mark.parametrize("text", ["lots", "-1G", "nan", "infG", "0"])
def test_nonsense_memory_values(text: str) -> None:
    with pytest.raises(ValueError, match="--max-memory"):
        Budgets().with_flags(memory=text)
