"""Diagnostics as a SARIF 2.1.0 log (the OASIS standard that code-scanning services read): one run, the
rules the results use with their documentation from the registry, results, and the artifacts they are in.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from balmail import __version__
from balmail.check.registry import Rule, rule
from balmail.diagnostics import Diagnostic, Severity, sort_key

__all__ = [
    "INFORMATION_URI",
    "SARIF_SCHEMA_URI",
    "artifact_uri",
    "render_sarif",
    "rule_help_markdown",
    "rule_help_text",
    "to_sarif",
]

SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/balmail/balmail"
"""Where users read about balmail; shown by SARIF viewers next to the tool name."""

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def to_sarif(
    diagnostics: Iterable[Diagnostic],
    *,
    base_dir: str | os.PathLike[str] | None = None,
    tool_version: str = __version__,
    information_uri: str = INFORMATION_URI,
) -> dict[str, Any]:
    """The SARIF log as plain data. File URIs are relative to `base_dir` (forward slashes) when the file is
    under it, absolute `file://` URIs otherwise. Only the rules that results refer to are listed, so the
    log does not change when unrelated rules are registered."""
    ordered = sorted(diagnostics, key=sort_key)
    rule_index: dict[str, int] = {}
    for code in sorted({diagnostic.code for diagnostic in ordered}):
        rule_index[code] = len(rule_index)
    artifact_index: dict[str, int] = {}
    for diagnostic in ordered:
        artifact_index.setdefault(artifact_uri(diagnostic.span.file, base_dir), len(artifact_index))

    results = []
    for diagnostic in ordered:
        span = diagnostic.span
        uri = artifact_uri(span.file, base_dir)
        result: dict[str, Any] = {
            "ruleId": diagnostic.code,
            "ruleIndex": rule_index[diagnostic.code],
            "level": _LEVEL[diagnostic.severity],
            "message": {"text": diagnostic.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "index": artifact_index[uri]},
                        "region": {
                            "startLine": span.line,
                            "startColumn": span.column,
                            "endLine": span.end_line,
                            "endColumn": span.end_column,
                        },
                    }
                }
            ],
        }
        if diagnostic.help:
            result["properties"] = {"help": diagnostic.help}
        results.append(result)

    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "balmail",
                        "version": tool_version,
                        "informationUri": information_uri,
                        "rules": [_descriptor(code) for code in rule_index],
                    }
                },
                "artifacts": [
                    {"location": {"uri": uri}, "sourceLanguage": _language(uri)} for uri in artifact_index
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(
    diagnostics: Iterable[Diagnostic],
    *,
    base_dir: str | os.PathLike[str] | None = None,
    tool_version: str = __version__,
    information_uri: str = INFORMATION_URI,
) -> str:
    """The SARIF log as JSON text (2-space indent, trailing newline); write it as UTF-8."""
    log = to_sarif(diagnostics, base_dir=base_dir, tool_version=tool_version, information_uri=information_uri)
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def artifact_uri(file: str, base_dir: str | os.PathLike[str] | None = None) -> str:
    """A diagnostic's file as a URI reference: relative with forward slashes (percent-encoded) when it lies
    under `base_dir`, or when there is no base and the path is relative; else an absolute `file://` URI."""
    if base_dir is None:
        if not os.path.isabs(file):
            return quote(PurePath(file).as_posix(), safe="/")
        return Path(file).as_uri()
    absolute = os.path.abspath(file)
    base = os.path.abspath(base_dir)
    try:
        relative = PurePath(absolute).relative_to(base)
    except ValueError:
        return Path(absolute).as_uri()
    return quote(relative.as_posix(), safe="/")


def rule_help_text(registered: Rule) -> str:
    """A rule's documentation as plain text: what it does, why, the example and its fix."""
    parts = [registered.what_it_does, f"Why: {registered.why}"]
    if registered.example:
        parts.append("Example:\n" + _indent(registered.example))
    if registered.fix:
        parts.append("Use instead:\n" + _indent(registered.fix))
    return "\n\n".join(parts)


def _language(uri: str) -> str:
    return "toml" if uri.endswith(".toml") else "ballerina"


def rule_help_markdown(registered: Rule) -> str:
    """A rule's documentation as Markdown, in ruff's shape (What it does / Why / Example / Use instead)."""
    parts = [f"## What it does\n{registered.what_it_does}", f"## Why\n{registered.why}"]
    if registered.example:
        parts.append(f"## Example\n```{registered.language}\n{registered.example}\n```")
    if registered.fix:
        parts.append(f"## Use instead\n```{registered.language}\n{registered.fix}\n```")
    return "\n\n".join(parts)


def _descriptor(code: str) -> dict[str, Any]:
    registered = rule(code)
    if registered is None:
        return {"id": code}
    return {
        "id": registered.code,
        "name": registered.name,
        "shortDescription": {"text": registered.summary},
        "fullDescription": {"text": registered.what_it_does},
        "help": {"text": rule_help_text(registered), "markdown": rule_help_markdown(registered)},
        "defaultConfiguration": {"level": _LEVEL[registered.severity]},
    }


def _indent(code: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in code.splitlines())
