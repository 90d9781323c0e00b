"""`balmail test` on a corpus of passing and failing test packages: exact stdout (golden files), the
last stderr line and the exit code, through the real command line.

Each run works on a copy of the package (the runner writes `target/rerun_test.json`). To refresh the
golden files after an intended change: `BALMAIL_UPDATE_GOLDEN=1 python3 -m pytest tests/testrunner`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
GOLDEN = HERE / "golden"

# (golden name, package, extra arguments, exit code, last stderr line)
CASES = [
    ("passing", "passing", [], 0, None),
    ("failing", "failing", [], 1, "error: there are test failures"),
    ("bad_syntax", "bad_syntax", [], 1, "error: compilation contains errors"),
    ("cycle", "cycle", [], 1, "Cyclic test dependencies detected: testA -> testC -> testB -> testA"),
    ("suite_fixture", "suite_fixture", [], 1, "error: there are test failures"),
    ("no_tests", "no_tests", [], 0, None),
    ("groups_all", "groups", [], 1, "error: there are test failures"),
    ("groups_fast", "groups", ["--groups", "fast"], 0, None),
    ("groups_disabled", "groups", ["--disable-groups", "broken,slow"], 0, None),
    ("groups_tests", "groups", ["--tests", "testSquareL*,testNoGroup"], 0, None),
    ("passing_mocks", "passing", ["--groups", "mocks"], 0, None),
    ("listeners", "listeners", [], 1, "error: there are test failures"),
    ("listeners_ok", "listeners", ["--disable-groups", "broken"], 0, None),
    ("object_mocks", "object_mocks", [], 1, "error: there are test failures"),
    ("object_mocks_ok", "object_mocks", ["--disable-groups", "broken"], 0, None),
]
LOGGING = {"listeners"}
"""Packages whose listeners log deliveries on stderr (timestamps, ports): only its last line is compared."""


def balmail(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def copy_package(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(CORPUS / name, target)
    return target


@pytest.mark.parametrize(("golden", "package", "args", "code", "last_err"), CASES, ids=[c[0] for c in CASES])
def test_golden_output(
    golden: str, package: str, args: list[str], code: int, last_err: str | None, tmp_path: Path
) -> None:
    root = copy_package(package, tmp_path)
    result = balmail("test", *args, cwd=root)
    expected_file = GOLDEN / f"{golden}.txt"
    if os.environ.get("BALMAIL_UPDATE_GOLDEN"):
        expected_file.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected_file.read_text(encoding="utf-8")
    assert result.returncode == code, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("time=")]
    if package in LOGGING:
        assert lines[-1:] == ([last_err] if last_err else []), result.stderr
    elif last_err is None:
        assert result.stderr == ""
    else:
        assert lines and lines[-1] == last_err, result.stderr


def test_package_path_argument_and_rerun_failed(tmp_path: Path) -> None:
    """`--rerun-failed` runs only what failed last time (remembered in target/rerun_test.json)."""
    root = copy_package("groups", tmp_path)
    first = balmail("test", str(root), cwd=tmp_path)
    assert first.returncode == 1
    assert (root / "target" / "rerun_test.json").is_file()
    again = balmail("test", "--rerun-failed", str(root), cwd=tmp_path)
    assert again.returncode == 1
    assert "[pass]" not in again.stdout
    assert "\t\t0 passing\n\t\t1 failing\n\t\t0 skipped\n" in again.stdout
    assert "[fail] testSquareWrong:" in again.stdout
    (root / "tests" / "groups_test.bal").write_text(
        (root / "tests" / "groups_test.bal").read_text().replace("square(2), 5", "square(2), 4")
    )
    fixed = balmail("test", "--rerun-failed", str(root), cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout
    assert fixed.stdout.endswith("\t\t1 passing\n\t\t0 failing\n\t\t0 skipped\n")
    nothing_left = balmail("test", "--rerun-failed", str(root), cwd=tmp_path)
    assert nothing_left.returncode == 0
    assert nothing_left.stdout.endswith("\t\tNo tests found\n")


def test_missing_package_is_a_clear_error(tmp_path: Path) -> None:
    result = balmail("test", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "error: no such file or folder: 'nowhere'\n"


def test_folder_without_manifest_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "main.bal").write_text("function f() {\n}\n")
    result = balmail("test", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "error: '.' is not a Ballerina package (no Ballerina.toml in it)\n"


def test_single_file_runs_its_own_tests(tmp_path: Path) -> None:
    (tmp_path / "calc.bal").write_text(
        "import ballerina/test;\n\nfunction twice(int x) returns int {\n    return 2 * x;\n}\n\n"
        "@test:Config {}\nfunction testTwice() {\n    test:assertEquals(twice(4), 8);\n}\n"
    )
    result = balmail("test", "calc.bal", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Compiling source\n\tcalc\n")
    assert result.stdout.endswith("\t\t[pass] testTwice\n\n\n\t\t1 passing\n\t\t0 failing\n\t\t0 skipped\n")


def test_dependency_on_disabled_test_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "tests").mkdir(parents=True)
    (root / "Ballerina.toml").write_text('[package]\norg = "t"\nname = "pkg"\nversion = "0.1.0"\n')
    (root / "main.bal").write_text("function one() returns int {\n    return 1;\n}\n")
    (root / "tests" / "t.bal").write_text(
        "import ballerina/test;\n\n@test:Config {enable: false}\nfunction testA() {\n}\n\n"
        "@test:Config {dependsOn: [testA]}\nfunction testB() {\n    test:assertEquals(one(), 1);\n}\n"
    )
    result = balmail("test", cwd=root)
    assert result.returncode == 1
    assert result.stderr == (
        "error: Test [testB] depends on function [testA], but it is either disabled or not included.\n"
    )
