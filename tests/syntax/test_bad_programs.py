"""One bad program per diagnostic under tests/syntax/bad/, each with the exact `balmail check` output.

Regenerate the golden files with `BALMAIL_UPDATE_GOLDEN=1 python -m pytest tests/syntax` after a deliberate
change, and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from balmail.cli import main

BAD = Path(__file__).parent / "bad"
PROGRAMS = sorted(BAD.glob("*.bal"))


def run_check(path: Path, *extra: str) -> tuple[int, str]:
    runner = CliRunner()
    rel = os.path.relpath(path, Path.cwd())
    result = runner.invoke(main, ["check", *extra, rel])
    return result.exit_code, result.stdout


def test_every_code_has_a_bad_program() -> None:
    codes = {
        p.name.split("_", 3)[0] + "_" + p.name.split("_", 3)[1] + "_" + p.name.split("_", 3)[2]
        for p in PROGRAMS
    }
    assert {"BAL_SYNTAX_001"} | {f"BAL_NAME_00{i}" for i in range(1, 8)} <= codes


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_bad_program_matches_golden(program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(program.parent.parent.parent.parent)
    code, out = run_check(program)
    golden = program.with_suffix(".txt")
    if os.environ.get("BALMAIL_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert code == 1
    assert out == golden.read_text(encoding="utf-8")
    expected_code = "_".join(program.name.split("_", 3)[:3])
    assert f"[{expected_code}]" in out


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_bad_program_json_matches_text(program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(program.parent.parent.parent.parent)
    code, out = run_check(program, "--format", "json")
    assert code == 1
    records = json.loads(out)
    text = program.with_suffix(".txt").read_text(encoding="utf-8")
    headers = [line for line in text.splitlines() if line.startswith("ERROR [")]
    assert len(records) == len(headers)
    for record, header in zip(records, headers, strict=True):
        position = f"({record['line']}:{record['column']},{record['endLine']}:{record['endColumn']})"
        assert position in header and record["code"] in header and record["message"] in header
