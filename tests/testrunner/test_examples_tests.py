"""Every example in examples/ is a package with Ballerina tests, and `balmail test` passes them
(the same command a user runs in the example's folder)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PACKAGES = sorted(p for p in EXAMPLES.iterdir() if p.is_dir())
E2E = re.compile(r'@test:Config\s*\{[^}]*groups:\s*\["e2e"\][^}]*\}\s*function\s+(\w+)')


def e2e_tests(example: Path) -> list[str]:
    """The example's end-to-end tests: `@test:Config {groups: ["e2e"]}` functions."""
    return [name for f in sorted((example / "tests").glob("*.bal")) for name in E2E.findall(f.read_text())]


def test_every_example_has_tests() -> None:
    for example in PACKAGES:
        assert (example / "Ballerina.toml").is_file(), example.name
        assert list((example / "tests").glob("*.bal")), f"{example.name} has no tests/*.bal"
        assert e2e_tests(example), f"{example.name} has no end-to-end test (group e2e)"


@pytest.mark.parametrize("example", PACKAGES, ids=[p.name for p in PACKAGES])
def test_example_tests_pass(example: Path, tmp_path: Path) -> None:
    copy = tmp_path / example.name  # the runner writes target/rerun_test.json into the package
    shutil.copytree(example, copy)
    result = subprocess.run(
        [sys.executable, "-m", "balmail.cli", "test"], cwd=copy, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"Compiling source\n\t{example.name}\n")
    assert "\t\t0 failing\n\t\t0 skipped\n" in result.stdout
    assert "\t\t0 passing\n" not in result.stdout
    for name in e2e_tests(example):  # run against the embedded mail servers, listeners started
        assert f"\t\t[pass] {name}\n" in result.stdout, name
