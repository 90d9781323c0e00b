"""A source file must be UTF-8 (issue 16): undecodable bytes are errors at their position, from check,
lint and run alike, not silently replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from balmail.cli import main
from balmail.source import MAX_INVALID_REPORTED, SourceFile

SOURCE = b'import ballerina/io;\n\npublic function main() {\n    io:println("caf\xe9 \xff");\n}\n'


@pytest.mark.parametrize("command", ["check", "lint", "run"])
def test_invalid_utf8_is_an_error(tmp_path: Path, command: str) -> None:
    path = tmp_path / "bad.bal"
    path.write_bytes(SOURCE)
    result = CliRunner().invoke(main, [command, str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output.count("invalid UTF-8 in source file") == 2
    assert "(4:20,4:21)] invalid UTF-8 in source file" in result.output
    assert "(4:22,4:23)] invalid UTF-8 in source file" in result.output


def test_valid_utf8_and_bom_are_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "ok.bal"
    path.write_bytes(b"\xef\xbb\xbf" + SOURCE.replace(b"\xe9 \xff", "é ü".encode()))
    source = SourceFile.read(path)
    assert source.invalid_utf8 == ()
    assert 'io:println("café ü")' in source.text


def test_many_invalid_bytes_are_listed_up_to_a_limit(tmp_path: Path) -> None:
    path = tmp_path / "noise.bal"
    path.write_bytes(b"// " + b"\xff" * 10_000 + b"\n")
    source = SourceFile.read(path)
    assert len(source.invalid_utf8) == MAX_INVALID_REPORTED
    assert source.text == "// " + "\ufffd" * 10_000 + "\n"


def test_a_control_character_outside_a_literal_is_named_not_printed(tmp_path: Path) -> None:
    path = tmp_path / "nul.bal"
    path.write_bytes(b"public function main() {\n    int x = 1;\x00\x1b\n}\n")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "(2:15,2:16)] invalid character '\\u{0000}' [BAL_SYNTAX_001]" in result.output
