"""Checks of record type descriptors themselves, wherever they are written (type definitions, inline in
declarations, parameters, nested): a field named twice is a redeclared symbol, as jBallerina reports."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.walk import nodes_of
from balmail.syntax import ast


def check_record_types(checker: Any) -> None:
    for rt in nodes_of(checker.module, ast.RecordType):
        seen: set[str] = set()
        for f in rt.fields:  # type: ignore[attr-defined]
            if f.name in seen:
                checker.found.append(report("BAL_NAME_005", f.span, f.name))
            seen.add(f.name)
