"""SARIF report: an exact golden log, validity against the official SARIF 2.1.0 schema for every registered
rule, URIs relative to a base directory, and the rule help built from the registry."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from balmail import __version__
from balmail.check import registry
from balmail.check.registry import Rule, all_rules
from balmail.diagnostics import Diagnostic, Severity, error, info, warning
from balmail.report.sarif import (
    INFORMATION_URI,
    SARIF_SCHEMA_URI,
    artifact_uri,
    render_sarif,
    rule_help_markdown,
    rule_help_text,
    to_sarif,
)
from balmail.source import Span

SAMPLE_RULE = Rule(
    code="TEST_001",
    name="sample-rule",
    severity=Severity.WARNING,
    summary="A sample rule.",
    what_it_does="Flags samples.",
    why="Samples are suspicious.",
    example="int x = 1;",
    fix="int y = 1;",
)


def region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def span(file: str, line: int, column: int, end_line: int, end_column: int) -> Span:
    return Span(file, 0, 0, line, column, end_line, end_column)


@pytest.fixture
def sample_rule(monkeypatch: pytest.MonkeyPatch) -> Rule:
    """SAMPLE_RULE registered for one test only, so the golden log does not follow production wording."""
    monkeypatch.setitem(registry._RULES, SAMPLE_RULE.code, SAMPLE_RULE)
    return SAMPLE_RULE


def test_golden_log(tmp_path: Path, sample_rule: Rule) -> None:
    base = tmp_path / "proj"
    diagnostics = [
        info("UNKNOWN_001", "not registered", span(str(base / "b dir" / "ü.bal"), 1, 1, 1, 1)),
        warning("TEST_001", "sample found", span(str(base / "app.bal"), 7, 3, 9, 4), help="rename it"),
        error("TEST_001", "outside", span(str(tmp_path / "other.bal"), 2, 5, 2, 6)),
    ]
    log = to_sarif(diagnostics, base_dir=base, tool_version="9.9.9", information_uri="https://example.org/b")
    outside = (tmp_path / "other.bal").as_uri()
    assert log == {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "balmail",
                        "version": "9.9.9",
                        "informationUri": "https://example.org/b",
                        "rules": [
                            {
                                "id": "TEST_001",
                                "name": "sample-rule",
                                "shortDescription": {"text": "A sample rule."},
                                "fullDescription": {"text": "Flags samples."},
                                "help": {
                                    "text": "Flags samples.\n\nWhy: Samples are suspicious.\n\n"
                                    "Example:\n    int x = 1;\n\nUse instead:\n    int y = 1;",
                                    "markdown": "## What it does\nFlags samples.\n\n"
                                    "## Why\nSamples are suspicious.\n\n"
                                    "## Example\n```ballerina\nint x = 1;\n```\n\n"
                                    "## Use instead\n```ballerina\nint y = 1;\n```",
                                },
                                "defaultConfiguration": {"level": "warning"},
                            },
                            {"id": "UNKNOWN_001"},
                        ],
                    }
                },
                "artifacts": [
                    {"location": {"uri": outside}, "sourceLanguage": "ballerina"},
                    {"location": {"uri": "app.bal"}, "sourceLanguage": "ballerina"},
                    {"location": {"uri": "b%20dir/%C3%BC.bal"}, "sourceLanguage": "ballerina"},
                ],
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": "TEST_001",
                        "ruleIndex": 0,
                        "level": "error",
                        "message": {"text": "outside"},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": outside, "index": 0},
                                    "region": region(2, 5, 2, 6),
                                }
                            }
                        ],
                    },
                    {
                        "ruleId": "TEST_001",
                        "ruleIndex": 0,
                        "level": "warning",
                        "message": {"text": "sample found"},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": "app.bal", "index": 1},
                                    "region": region(7, 3, 9, 4),
                                }
                            }
                        ],
                        "properties": {"help": "rename it"},
                    },
                    {
                        "ruleId": "UNKNOWN_001",
                        "ruleIndex": 1,
                        "level": "note",
                        "message": {"text": "not registered"},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": "b%20dir/%C3%BC.bal", "index": 2},
                                    "region": region(1, 1, 1, 1),
                                }
                            }
                        ],
                    },
                ],
            }
        ],
    }


def test_golden_log_is_schema_valid(
    tmp_path: Path, sample_rule: Rule, sarif_validator: jsonschema.Draft4Validator
) -> None:
    diagnostics = [
        warning("TEST_001", "sample found", span(str(tmp_path / "app.bal"), 7, 3, 9, 4), help="x"),
        info("UNKNOWN_001", "not registered", span("/elsewhere/x.bal", 1, 1, 1, 1)),
    ]
    sarif_validator.validate(to_sarif(diagnostics, base_dir=tmp_path))


def test_every_registered_rule_gives_a_valid_log(sarif_validator: jsonschema.Draft4Validator) -> None:
    diagnostics: list[Diagnostic] = []
    for index, registered in enumerate(all_rules(), start=1):
        where = span("app.bal", index, 1, index, 5)
        diagnostics.append(Diagnostic(registered.code, registered.severity, registered.summary, where))
    log = json.loads(render_sarif(diagnostics).encode("utf-8"))
    sarif_validator.validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["version"] == __version__
    assert driver["informationUri"] == INFORMATION_URI
    assert [rule["id"] for rule in driver["rules"]] == [registered.code for registered in all_rules()]
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_empty_log_is_valid(sarif_validator: jsonschema.Draft4Validator) -> None:
    log = to_sarif([])
    sarif_validator.validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["artifacts"] == []


def test_schema_rejects_a_broken_log(sarif_validator: jsonschema.Draft4Validator) -> None:
    """Guards the guard: the schema in use really checks levels and regions."""
    log = to_sarif([error("BAL_SYNTAX_001", "bad", span("a.bal", 1, 1, 1, 2))])
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator.validate(log)
    log["runs"][0]["results"][0]["level"] = "error"
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator.validate(log)


def test_render_is_the_log_as_utf8_json() -> None:
    diagnostics = [error("BAL_NAME_001", "undefined symbol 'ñ'", span("app.bal", 1, 1, 1, 2))]
    text = render_sarif(diagnostics, tool_version="1.0")
    assert "'ñ'" in text
    assert text.endswith("}\n")
    assert json.loads(text) == to_sarif(diagnostics, tool_version="1.0")


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("app.bal", "app.bal"),
        ("src/app.bal", "src/app.bal"),
        ("my dir/ü.bal", "my%20dir/%C3%BC.bal"),
    ],
)
def test_relative_uris_without_base(file: str, expected: str) -> None:
    assert artifact_uri(file) == expected


def test_uris_relative_to_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "proj" / "sub").mkdir(parents=True)
    assert artifact_uri("proj/sub/app.bal", base_dir="proj") == "sub/app.bal"
    assert artifact_uri(str(tmp_path / "proj" / "app.bal"), base_dir=tmp_path / "proj") == "app.bal"
    assert artifact_uri("other.bal", base_dir="proj") == (tmp_path / "other.bal").as_uri()
    assert artifact_uri(str(tmp_path / "x.bal")) == (tmp_path / "x.bal").as_uri()


def test_rule_help_for_a_real_rule() -> None:
    registered = registry.rule("BAL_NAME_007")
    assert registered is not None
    assert rule_help_text(registered).startswith(registered.what_it_does + "\n\nWhy: ")
    markdown = rule_help_markdown(registered)
    assert markdown.startswith("## What it does\n")
    assert "## Use instead\n```ballerina\nimport ballerina/log;\n" in markdown


def test_help_omits_missing_example_and_fix() -> None:
    bare = Rule("TEST_002", "bare-rule", Severity.INFO, "Bare.", "Does.", "Because.")
    assert rule_help_text(bare) == "Does.\n\nWhy: Because."
    assert rule_help_markdown(bare) == "## What it does\nDoes.\n\n## Why\nBecause."
