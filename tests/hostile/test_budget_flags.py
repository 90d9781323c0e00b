"""Nonsense budget values on the command line are usage errors (exit 2), never a switched-off budget."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from balmail.cli import main

HELLO = 'import ballerina/io;\n\npublic function main() {\n    io:println("hi");\n}\n'


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [
        ("--max-time", "nan", "--max-time must be a finite number of seconds, got nan"),
        ("--max-time", "inf", "--max-time must be a finite number of seconds, got inf"),
        ("--max-time", "-5", "--max-time must be a positive number of seconds, got -5.0"),
        ("--max-steps", "0", "--max-steps must be a positive number of steps, got 0"),
        ("--max-depth", "-1", "--max-depth must be a positive number of nested calls, got -1"),
        ("--max-size", "0", "--max-size must be a positive number"),
    ],
)
def test_nonsense_budget_is_a_usage_error(tmp_path: Path, flag: str, value: str, words: str) -> None:
    program = tmp_path / "hello.bal"
    program.write_text(HELLO)
    result = CliRunner().invoke(main, ["run", str(program), f"{flag}={value}"])
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output
