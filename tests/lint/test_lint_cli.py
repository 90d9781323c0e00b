"""`balmail lint` through the command line: exact output, the three formats, exit codes, and the examples
corpus (which must give no errors: no false positives)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# tests/*.bal of the example packages are not linted (they belong to `balmail test`)
EXAMPLE_FILES = len([p for p in (ROOT / "examples").rglob("*.bal") if "tests" not in p.parts])


def balmail(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_examples_have_no_errors_and_only_the_deliberate_warnings() -> None:
    # The examples' handlers declare `returns error?` (balmail retries the message): Ballerina's plugin
    # refuses that (EMAIL_107, with a note on what balmail does); nothing else is an error.
    everything = json.loads(balmail("lint", "--format", "json", "examples").stdout)
    errors = [r for r in everything if r["severity"] == "error"]
    assert errors and {r["code"] for r in errors} == {"EMAIL_107"}
    result = balmail("lint", "--ignore", "EMAIL_107", "examples")
    assert result.returncode == 0, result.stdout
    assert result.stderr.startswith(f"{EXAMPLE_FILES} file(s) linted, 0 error(s), 2 warning(s), ")
    headers = [line for line in result.stdout.splitlines() if line.startswith(("ERROR", "WARNING"))]
    assert [line.rsplit(" ", 1)[-1] for line in headers] == ["[BALMAIL_108]", "[BALMAIL_107]"]
    assert "mailing_list_digest.bal" in headers[0] and "meter_readings.bal" in headers[1]


def test_syntax_corpus_has_no_lint_errors() -> None:
    # Handlers here declare `returns error?`, which balmail runs (retry) and the plugin refuses (EMAIL_107).
    result = balmail("lint", "--format", "json", "--ignore", "EMAIL_107", "tests/syntax/programs")
    records = json.loads(result.stdout)
    assert [r for r in records if r["severity"] == "error"] == []
    assert result.returncode == 0


def test_strict_fails_on_warnings_and_ignore_lifts_it() -> None:
    assert balmail("lint", "--strict", "examples").returncode == 1
    ignored = "BALMAIL_107,BALMAIL_108,BALMAIL_201,EMAIL_107"  # examples' handlers return error? on purpose
    result = balmail("lint", "--strict", "--ignore", ignored, "examples")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr == f"{EXAMPLE_FILES} file(s) linted, 0 error(s), 0 warning(s), 0 info\n"


def test_errors_exit_1_with_the_golden_text() -> None:
    result = balmail("lint", "EMAIL_104_onmessage_wrong_param.bal", cwd=HERE)
    assert result.returncode == 1
    golden = (HERE / "EMAIL_104_onmessage_wrong_param.expected").read_text(encoding="utf-8")
    assert result.stdout == golden
    assert result.stderr == "1 file(s) linted, 1 error(s), 0 warning(s), 0 info\n"


def test_select_by_prefix() -> None:
    result = balmail("lint", "--select", "EMAIL_", "BALMAIL_109_literal_password.bal", cwd=HERE)
    assert result.returncode == 0
    assert result.stdout == ""
    program = "BALMAIL_109_literal_password.bal"
    result = balmail("lint", "--select", "balmail_1", "--strict", program, cwd=HERE)
    assert result.returncode == 1
    assert result.stdout.count("[BALMAIL_109]") == 2


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert balmail("lint", cwd=tmp_path).returncode == 2  # no PATHS: the current folder, here empty
    missing = balmail("lint", "no-such-file.bal", cwd=tmp_path)
    assert missing.returncode == 2
    assert "no such file or folder: 'no-such-file.bal'" in missing.stderr
    assert balmail("lint", "--format", "xml", "examples").returncode == 2
    bad = balmail("lint", "--select", "EMAIL-104", "examples")
    assert bad.returncode == 2
    assert "'EMAIL-104' is not a rule code or code prefix" in bad.stderr
    (tmp_path / "empty").mkdir()
    assert balmail("lint", "empty", cwd=tmp_path).returncode == 2


def test_a_folder_lints_every_bal_file_under_it(tmp_path: Path) -> None:
    nested = tmp_path / "services" / "mail"
    nested.mkdir(parents=True)
    (tmp_path / "services" / "a.bal").write_text("public function main() {\n}\n")
    (nested / "b.bal").write_text("function f() {\n    return 1;\n}\n")
    (nested / "notes.txt").write_text("not ballerina")
    result = balmail("lint", "services", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "2 file(s) linted, 1 error(s), 0 warning(s), 0 info\n"
    assert result.stdout.startswith(
        "ERROR [services/mail/b.bal:(2:12,2:13)] incompatible types: expected '()', found 'int' "
        "[BAL_TYPE_101]\n"
    )


def test_json_format() -> None:
    result = balmail("lint", "--format", "json", "BALMAIL_105_port_out_of_range.bal", cwd=HERE)
    assert result.returncode == 1
    records = json.loads(result.stdout)
    assert records[0] == {
        "code": "BALMAIL_105",
        "name": "port-out-of-range",
        "severity": "error",
        "message": "port must be between 1 and 65535, found 99300 (from 'PORT')",
        "file": "BALMAIL_105_port_out_of_range.bal",
        "line": 9,
        "column": 101,
        "endLine": 9,
        "endColumn": 105,
        "help": "the standard IMAP ports are 143, 993",
    }
    assert len(records) == 2


def test_sarif_for_every_fixture_is_valid(sarif_validator: jsonschema.Draft4Validator) -> None:
    result = balmail("lint", "--format", "sarif", "tests/lint")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    sarif_validator.validate(log)
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert {"EMAIL_104", "BALMAIL_101", "BALMAIL_301", "BAL_TYPE_101"} <= set(rules)
    assert rules["BALMAIL_110"]["defaultConfiguration"] == {"level": "warning"}
    assert "## Use instead" in rules["EMAIL_107"]["help"]["markdown"]
    uris = {artifact["location"]["uri"] for artifact in run["artifacts"]}
    assert "tests/lint/EMAIL_104_onmessage_wrong_param.bal" in uris
    levels = {result["level"] for result in run["results"]}
    assert levels == {"error", "warning", "note"}


def test_clean_sarif_is_valid(sarif_validator: jsonschema.Draft4Validator, tmp_path: Path) -> None:
    (tmp_path / "app.bal").write_text("public function main() {\n}\n")
    result = balmail("lint", "--format", "sarif", "app.bal", cwd=tmp_path)
    assert result.returncode == 0
    log = json.loads(result.stdout)
    sarif_validator.validate(log)
    assert log["runs"][0]["results"] == []
