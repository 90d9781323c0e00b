"""What `balmail check` runs on one file: parse, then name resolution (only when the syntax is sound)."""

from __future__ import annotations

import attrs

from balmail import diagnostics as diag
from balmail.check.compiler import compiler_checks
from balmail.check.names import ModuleExports, check_names
from balmail.diagnostics import Diagnostic
from balmail.gcpause import without_gc_passes
from balmail.source import SourceFile, SourceSet
from balmail.syntax import ast
from balmail.syntax.parser import parse_source


@attrs.frozen
class CheckResult:
    """A checked file: its source, its AST (None if it could not be parsed) and all diagnostics, sorted."""

    source: SourceFile
    module: ast.Module | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


@without_gc_passes
def check_module(
    module: ast.Module, source: SourceFile | SourceSet, linked: dict[str, ModuleExports] | None = None
) -> list[Diagnostic]:
    """What `check` runs on a module whose syntax is sound: one file, or every file of a package's module
    at once (`source` is then the module's SourceSet; `linked` what the package's other modules export).
    Single files and packages both come through here, so a check added here covers both."""
    return check_names(module, linked) + compiler_checks(source, module, linked)


def check_source(source: SourceFile) -> CheckResult:
    """Parse and resolve names. Name checks are skipped when the file has syntax errors, since a repaired
    parse would give misleading follow-on errors."""
    parsed = parse_source(source)
    found = list(parsed.diagnostics)
    if parsed.module is not None and parsed.ok:
        found.extend(check_module(parsed.module, source))
    return CheckResult(source, parsed.module, tuple(sorted(found, key=diag.sort_key)))
