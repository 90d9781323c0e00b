"""docs/lint-rules.md is exactly what `render_rule_reference()` renders from the registry, so the reference
and the SARIF rule help never drift apart. Regenerate with BALMAIL_UPDATE_GOLDEN=1."""

from __future__ import annotations

import os
from pathlib import Path

from balmail.check.lint import lint_rules
from balmail.report.rules import render_rule_reference
from balmail.report.sarif import rule_help_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "lint-rules.md"


def test_rule_reference_is_generated_from_the_registry() -> None:
    rendered = render_rule_reference()
    if os.environ.get("BALMAIL_UPDATE_GOLDEN") == "1" or not DOC.exists():
        DOC.write_text(rendered, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == rendered, "regenerate with BALMAIL_UPDATE_GOLDEN=1 pytest"


def test_every_rule_is_documented_with_the_sarif_help() -> None:
    text = DOC.read_text(encoding="utf-8")
    for registered in lint_rules():
        assert f"## {registered.code}\n" in text
        assert rule_help_markdown(registered).replace("## ", "### ") in text
        documented = registered.what_it_does and registered.why and registered.example and registered.fix
        assert documented, registered.code


def test_lint_rules_cover_the_issue() -> None:
    codes = {registered.code for registered in lint_rules()}
    assert {f"EMAIL_10{n}" for n in range(1, 8)} <= codes
    assert {f"BALMAIL_1{n:02d}" for n in range(1, 15)} <= codes
    assert {
        "BALMAIL_301",
        "BALMAIL_302",
        "BALMAIL_303",
        "BAL_TYPE_101",
        "BAL_TYPE_102",
        "BAL_NAME_003",
    } <= codes
