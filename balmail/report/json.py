"""Diagnostics as JSON for tools: a list of flat records with a fixed key order, UTF-8 text unescaped."""

from __future__ import annotations

import json
from collections.abc import Iterable

from balmail.check.registry import rule
from balmail.diagnostics import Diagnostic, sort_key

__all__ = ["record", "render_json"]


def record(diagnostic: Diagnostic) -> dict[str, str | int | None]:
    """One diagnostic as `{code, name, severity, message, file, line, column, endLine, endColumn, help}`;
    `name` is the rule's kebab-case name, or None for a code the registry does not know."""
    span = diagnostic.span
    registered = rule(diagnostic.code)
    return {
        "code": diagnostic.code,
        "name": registered.name if registered is not None else None,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "file": span.file,
        "line": span.line,
        "column": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
        "help": diagnostic.help,
    }


def render_json(diagnostics: Iterable[Diagnostic]) -> str:
    """The records in report order as a JSON array (2-space indent, trailing newline); write it as UTF-8."""
    records = [record(diagnostic) for diagnostic in sorted(diagnostics, key=sort_key)]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
