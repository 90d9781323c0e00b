"""Deeply nested programs (issue 16): 5,000 nested `if`, 10,000 nested `[`, a 50,000-term `+` chain and
20,000 `else if` are checked, linted and run (Ballerina's parser accepts them all) with no Python
traceback: the passes run on a big-stack thread (balmail/deep.py) and generated code is split where
CPython's own limits (100 indents, 200 parentheses) would refuse it. The full sizes run with `check`;
`lint` and `run` use a quarter of them unless BALMAIL_FUZZ_LONG=1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from balmail.cli import main
from balmail.deep import NestingTooDeep, call_deep

LONG = os.environ.get("BALMAIL_FUZZ_LONG") == "1"


def nested_ifs(n: int) -> tuple[str, str]:
    return "if true {\n" * n + 'io:println("deep");\n' + "}\n" * n, "deep"


def nested_lists(n: int) -> tuple[str, str]:
    return "json x = " + "[" * n + "]" * n + ";\nio:println(x is json);\n", "true"


def plus_chain(n: int) -> tuple[str, str]:
    return "int x = " + " + ".join(["1"] * n) + ";\nio:println(x);\n", str(n)


def else_ifs(n: int) -> tuple[str, str]:
    chain = "".join(f" else if v == {i} {{ io:println({i}); }}\n" for i in range(1, n))
    text = f"int v = {n - 1};\nif v == 0 {{ io:println(0); }}\n{chain} else {{ io:println(-1); }}\n"
    return text, str(n - 1)


def method_chain(n: int) -> tuple[str, str]:
    """Each link's type needs the chain below it: asked twice per link it was exponential (22 links took
    88 s to check), asked once but per link quadratic (10,000 links took 140 s to run)."""
    return 'string s = " abc "' + ".trim()" * n + ";\nio:println(s);\n", "abc"


SHAPES = [
    (nested_ifs, 5_000),
    (nested_lists, 10_000),
    (plus_chain, 50_000),
    (else_ifs, 20_000),
    (method_chain, 10_000),
]


def write(tmp_path: Path, shape: object, n: int) -> tuple[Path, str]:
    body, printed = shape(n)  # type: ignore[operator]
    path = tmp_path / "deep.bal"
    path.write_text("import ballerina/io;\n\npublic function main() {\n" + body + "}\n")
    return path, printed


@pytest.mark.parametrize(("shape", "n"), SHAPES, ids=[s.__name__ for s, _ in SHAPES])
def test_check_handles_the_full_depth(tmp_path: Path, shape: object, n: int) -> None:
    path, _ = write(tmp_path, shape, n)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    assert "1 file(s) checked, 0 error(s)" in result.output


@pytest.mark.parametrize("command", ["lint", "run"])
@pytest.mark.parametrize(("shape", "n"), SHAPES, ids=[s.__name__ for s, _ in SHAPES])
def test_lint_and_run_handle_deep_nesting(tmp_path: Path, command: str, shape: object, n: int) -> None:
    path, printed = write(tmp_path, shape, n if LONG else n // 4)
    result = CliRunner().invoke(main, [command, str(path)])
    assert not isinstance(result.exception, RecursionError | IndentationError | SyntaxError), result.output
    assert result.exit_code == 0, result.output
    if command == "run":
        assert result.output.splitlines()[-1] == printed


def test_what_even_the_big_stack_cannot_follow_is_a_clear_error() -> None:
    def forever(n: int) -> int:
        return forever(n + 1) + 1

    with pytest.raises(NestingTooDeep, match="nests too deeply for balmail to follow"):
        call_deep(forever, 0)


def test_thread_stack_is_restored_when_threads_start_threads_at_once() -> None:
    """`threading.stack_size` is process-wide: concurrent users of `thread_stack` must each see their own
    size while starting a thread, and the process's default must come back afterwards."""
    import threading

    from balmail.deep import thread_stack

    before = threading.stack_size()
    seen: list[int] = []
    started: list[threading.Thread] = []

    def starter(nbytes: int) -> None:
        for _ in range(20):
            with thread_stack(nbytes):
                seen.append(threading.stack_size() - nbytes)
                child = threading.Thread(target=lambda: None)
                child.start()
                started.append(child)

    starters = [threading.Thread(target=starter, args=(n << 20,)) for n in (32, 64, 96, 128)]
    for t in starters:
        t.start()
    for t in starters + started:
        t.join()
    assert seen == [0] * 80
    assert threading.stack_size() == before


# A syntax error deep inside sends the file through the Lark recovery path (balmail/syntax/recovery.py)
# instead of the fast driver: it must find the one mistake at its line, at the same depths.
def ifs_missing_semicolon(n: int) -> tuple[str, int]:
    return "if true {\n" * n + 'io:println("deep")\n' + "}\n" * n, 4 + n


def lists_missing_comma(n: int) -> tuple[str, int]:
    return "json x = " + "[" * n + "1 2" + "]" * n + ";\n", 4


def plus_chain_missing_operand(n: int) -> tuple[str, int]:
    return "int x = " + " + ".join(["1"] * n) + " + ;\n", 4


def else_ifs_missing_semicolon(n: int) -> tuple[str, int]:
    chain = "".join(f" else if v == {i} {{ io:println({i}); }}\n" for i in range(1, n))
    return f"int v = 3;\nif v == 0 {{ io:println(0); }}\n{chain} else {{ io:println(-1) }}\n", 5 + n


def ifs_unclosed(n: int) -> tuple[str, int]:
    return "if true {\n" * n + 'io:println("deep");\n' + "}\n" * (n - 1), 4 + 2 * n


BROKEN = [
    (ifs_missing_semicolon, 5_000, "missing semicolon token"),
    (lists_missing_comma, 10_000, "missing comma token"),
    (plus_chain_missing_operand, 50_000, "unexpected ';': expected an expression"),
    (else_ifs_missing_semicolon, 20_000, "missing semicolon token"),
    (ifs_unclosed, 5_000, "missing close brace token"),
]


@pytest.mark.parametrize(("shape", "n", "message"), BROKEN, ids=[s.__name__ for s, _, _ in BROKEN])
def test_one_syntax_error_deep_inside_is_reported_once(
    tmp_path: Path, shape: object, n: int, message: str
) -> None:
    if shape is else_ifs_missing_semicolon and not LONG:
        n //= 4
    body, line = shape(n)  # type: ignore[operator]
    path = tmp_path / "deep.bal"
    path.write_text("import ballerina/io;\n\npublic function main() {\n" + body + "}\n")
    for command in ("check", "run"):
        result = CliRunner().invoke(main, [command, str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.output)
        assert result.exit_code == 1, (command, result.output)
        errors = [row for row in result.output.splitlines() if row.startswith("ERROR")]
        assert len(errors) == 1, (command, errors)
        assert f"deep.bal:({line}:" in errors[0] and f"] {message} [BAL_SYNTAX_001]" in errors[0], errors
