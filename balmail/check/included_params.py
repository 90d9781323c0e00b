"""Included record parameters (`*Options opts`): their fields are passed as named arguments, so a required
field may not share its name with another parameter or with a required field of an earlier included record
parameter. jBallerina reports such a name as a "redeclared symbol" at the later included parameter; an
optional field (`int a?;`) does not clash."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.walk import nodes_of
from balmail.runtime import types as T
from balmail.syntax import ast


def check_included_params(checker: Any) -> None:
    for sig in nodes_of(checker.module, ast.Signature):
        params: tuple[ast.Param, ...] = sig.params  # type: ignore[attr-defined]
        if not any(p.included for p in params):
            continue
        taken = {p.name for p in params if not p.included and p.name is not None}
        for p in params:
            if not p.included:
                continue
            t = checker.resolver.resolve(p.type)
            record = T.resolve(t) if t is not None else None
            if not isinstance(record, T.TRecord):
                continue
            required = [name for name, f in record.fields.items() if not f.optional]
            for name in required:
                if name in taken:
                    checker.found.append(report("BAL_NAME_005", p.type.span, name))
            taken.update(required)
