"""One fixture program per rule and case, named by its code, each with its golden text output beside it
(`NAME.bal` → `NAME.expected`). Set BALMAIL_UPDATE_GOLDEN=1 to rewrite the goldens after a deliberate change.

A fixture whose name contains `_ok` or `_suppressed` must report nothing; every other fixture must report its
code. Every lint rule must have a fixture.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from balmail.check.lint import lint_rules, lint_source, parse_prefixes, suppressions
from balmail.report import render_text
from balmail.source import SourceFile

HERE = Path(__file__).resolve().parent
UPDATE = os.environ.get("BALMAIL_UPDATE_GOLDEN") == "1"
_CODE = re.compile(r"^([A-Z]+(?:_[A-Z]+)*_\d{3})_")


def fixture_programs() -> list[Path]:
    """Every fixture program, named by the code it shows (`EMAIL_104_onmessage_wrong_param.bal`)."""
    return sorted(HERE.glob("*.bal"))


def lint_fixture(path: Path) -> str:
    """The text report as `balmail lint NAME.bal` run in this folder prints it on stdout."""
    source = SourceFile(path.name, path.read_text(encoding="utf-8"))
    result = lint_source(source, base_dir=str(path.parent))
    return render_text(result.diagnostics, [source])


@pytest.mark.parametrize("program", fixture_programs(), ids=lambda p: p.stem)
def test_fixture_matches_golden(program: Path) -> None:
    output = lint_fixture(program)
    golden = program.with_suffix(".expected")
    if UPDATE or not golden.exists():
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("program", fixture_programs(), ids=lambda p: p.stem)
def test_fixture_reports_its_code(program: Path) -> None:
    match = _CODE.match(program.name)
    assert match, f"{program.name} is not named by a rule code"
    code = match.group(1)
    source = SourceFile(program.name, program.read_text(encoding="utf-8"))
    codes = {d.code for d in lint_source(source, base_dir=str(program.parent)).diagnostics}
    if "_ok" in program.stem or "_suppressed" in program.stem:
        assert codes == set(), codes
    else:
        assert code in codes


def test_every_lint_rule_has_a_fixture() -> None:
    named = {_CODE.match(p.name).group(1) for p in fixture_programs()}  # type: ignore[union-attr]
    wanted = {r.code for r in lint_rules() if r.code.startswith(("EMAIL_", "BALMAIL_", "BAL_TYPE_"))}
    # BALMAIL_4NN are findings in Config.toml, not in a .bal file: tests/lint/test_config_toml.py has them
    wanted = {code for code in wanted if not code.startswith("BALMAIL_4")}
    assert wanted <= named, sorted(wanted - named)


def test_every_golden_has_a_program() -> None:
    for golden in HERE.glob("*.expected"):
        assert golden.with_suffix(".bal").exists(), golden.name


def test_select_and_ignore_by_prefix() -> None:
    program = HERE / "BALMAIL_113_weak_tls_version.bal"
    source = SourceFile(program.name, program.read_text(encoding="utf-8"))
    everything = lint_source(source, base_dir=str(HERE))
    assert {d.code for d in everything.diagnostics} == {"BALMAIL_113"}
    assert lint_source(source, base_dir=str(HERE), select=("EMAIL_",)).diagnostics == ()
    assert lint_source(source, base_dir=str(HERE), ignore=("BALMAIL_1",)).diagnostics == ()
    kept = lint_source(source, base_dir=str(HERE), select=("BALMAIL",), ignore=("BALMAIL_3",))
    assert kept.diagnostics == everything.diagnostics
    assert kept.suppressed == 0


def test_parse_prefixes() -> None:
    assert parse_prefixes(["EMAIL_1,balmail_3", " BAL_NAME_004 "]) == ("EMAIL_1", "BALMAIL_3", "BAL_NAME_004")
    assert parse_prefixes([""]) == ()
    with pytest.raises(ValueError, match="not a rule code"):
        parse_prefixes(["EMAIL-104"])


def test_suppression_comments() -> None:
    source = SourceFile(
        "s.bal",
        "int a = 1; // balmail:ignore BALMAIL_109, EMAIL_1 -- why\n"
        "// balmail:ignore\n"
        "int b = 2;\n"
        'string c = "// balmail:ignore-not";\n',
    )
    assert suppressions(source) == {1: frozenset({"BALMAIL_109", "EMAIL_1"}), 2: None, 3: None}
