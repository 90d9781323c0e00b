"""`balmail check` through the real console script: exact output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def balmail(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_clean_file_exits_0_and_prints_nothing_on_stdout(tmp_path: Path) -> None:
    app = tmp_path / "app.bal"
    app.write_text('import ballerina/io;\n\npublic function main() {\n    io:println("hi");\n}\n')
    result = balmail("check", "app.bal", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr == "1 file(s) checked, 0 error(s)\n"


def test_examples_folder_is_clean() -> None:
    result = balmail("check", "examples")
    assert result.returncode == 0, result.stdout
    assert result.stderr.endswith(" file(s) checked, 0 error(s)\n")


def test_error_exits_1_with_ballerina_style_text(tmp_path: Path) -> None:
    app = tmp_path / "app.bal"
    app.write_text("public function main() {\n    int x = 1\n    int y = 2;\n}\n")
    result = balmail("check", "app.bal", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "ERROR [app.bal:(2:14,2:14)] missing semicolon token [BAL_SYNTAX_001]\n"
        "2 |     int x = 1\n"
        "  |              ^\n"
    )


def test_json_format(tmp_path: Path) -> None:
    app = tmp_path / "app.bal"
    app.write_text("public function main() {\n    foo();\n}\n")
    result = balmail("check", "--format", "json", "app.bal", cwd=tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {
            "code": "BAL_NAME_002",
            "name": "undefined-function",
            "severity": "error",
            "message": "undefined function 'foo'",
            "file": "app.bal",
            "line": 2,
            "column": 5,
            "endLine": 2,
            "endColumn": 8,
            "help": None,
        }
    ]


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = balmail("check", "nope.bal", cwd=tmp_path)
    assert result.returncode == 2
    assert "no such file or folder: 'nope.bal'" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_arguments_means_the_current_folder(tmp_path: Path) -> None:
    result = balmail("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.endswith("Error: no .bal files found in: .\n")
    (tmp_path / "app.bal").write_text("public function main() {\n}\n")
    result = balmail("check", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "1 file(s) checked, 0 error(s)\n")


def test_binary_garbage_gives_diagnostics_not_a_traceback(tmp_path: Path) -> None:
    app = tmp_path / "junk.bal"
    app.write_bytes(bytes(range(256)) * 4)
    result = balmail("check", "junk.bal", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout.startswith("ERROR [junk.bal:(")


def test_fresh_and_cached_parser_tables_give_the_same_results(tmp_path: Path) -> None:
    """First run builds the parser tables into an empty cache; later runs start from them, and a syntax
    error (which needs the full Lark parser) is still reported the same way."""
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    good = tmp_path / "good.bal"
    good.write_text('import ballerina/io;\n\npublic function main() {\n    io:println("hi");\n}\n')
    bad = tmp_path / "bad.bal"
    bad.write_text("public function main() {\n    int x = 1\n    int y = 2;\n}\n")

    def check(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "balmail.cli", "check", name],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    first = [check("good.bal"), check("bad.bal")]
    assert any((tmp_path / "cache" / "balmail").glob("tables-*.marshal"))
    second = [check("good.bal"), check("bad.bal")]
    for a, b in zip(first, second, strict=True):
        assert (a.returncode, a.stdout) == (b.returncode, b.stdout)
    assert first[0].returncode == 0 and first[1].returncode == 1
    assert "missing semicolon token" in first[1].stdout
