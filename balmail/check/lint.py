"""`balmail lint` on one file: parse and name checks (`check_source`), then every lint rule, then the
user's choices: `// balmail:ignore CODE` comments and `--select` / `--ignore` code prefixes.

The rules: Ballerina's email plugin (email.py), names in catalogued library modules (modules.py), `return`
and `check` against the function's return type (returns.py), the compiler's simple type checks (types.py),
configuration records (listener_config.py) and portability (portability.py). Rules run only
on a file without syntax errors: a repaired parse would give misleading findings. Also renders the rule
reference, docs/lint-rules.md, from the registry.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from balmail import diagnostics as diag
from balmail.check import deployment_rules  # noqa: F401  (registers BALMAIL_4NN, checked in deployment_lint.py)
from balmail.check.email import check_email_services
from balmail.check.listener_config import check_listener_configs
from balmail.check.packages import check_project
from balmail.check.permissions import check_permissions
from balmail.check.program import check_source
from balmail.check.registry import Rule, all_rules
from balmail.diagnostics import Diagnostic
from balmail.gcpause import without_gc_passes
from balmail.project import Project
from balmail.source import SourceFile, SourceSet
from balmail.syntax import ast

LintCheck = Callable[[SourceFile, ast.Module, str], list[Diagnostic]]

LINT_CHECKS: tuple[LintCheck, ...] = (
    check_listener_configs,
    check_permissions,
)
"""balmail's own lint rules, as `(source, module, base_dir) -> diagnostics` (the compiler's checks run in
`check_module`, the email plugin's in `run_rules`)."""

NOT_LINT = frozenset({"BAL_TYPE_099", "BALMAIL_SERVE_001"})
"""Codes that only compiling or starting a program reports (`run`), never `lint`."""

LINT_PREFIXES = ("BAL_SYNTAX_", "BAL_NAME_", "BAL_TYPE_0", "BAL_TYPE_1", "EMAIL_", "BALMAIL_")
"""The codes `balmail lint` reports, by prefix and in the rule reference's order (BAL_TYPE_099 is the
evaluator's "cannot compile", not a lint finding)."""

_IGNORE = re.compile(r"//\s*balmail:ignore(?=\s|$)([^\n]*)")
_CODE_TOKEN = re.compile(r"[A-Z][A-Z0-9_]*")
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@attrs.frozen
class LintResult:
    """One linted file: its source, the diagnostics reported (sorted), and how many were suppressed by
    comments or filtered out by `--select` / `--ignore`."""

    source: SourceFile
    diagnostics: tuple[Diagnostic, ...]
    suppressed: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is diag.Severity.WARNING)


def parse_prefixes(values: Iterable[str]) -> tuple[str, ...]:
    """`--select`/`--ignore` values (each a comma-separated list) as upper-case code prefixes. A value that
    is not a code prefix (`EMAIL_1`, `BALMAIL`) is a ValueError the command line shows as a usage error."""
    found: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if not _PREFIX.fullmatch(part):
                raise ValueError(f"'{part}' is not a rule code or code prefix (like EMAIL_104 or BALMAIL_1)")
            found.append(part.upper())
    return tuple(found)


def suppressions(source: SourceFile) -> dict[int, frozenset[str] | None]:
    """Line → the codes (or prefixes) `// balmail:ignore` suppresses there; None means every code. A comment
    alone on its line applies to the next line as well."""
    found: dict[int, frozenset[str] | None] = {}
    if "balmail:ignore" not in source.text:
        return found
    for index in range(1, source.line_count + 1):
        line = source.line_text(index)
        match = _IGNORE.search(line)
        if match is None:
            continue
        codes = frozenset(_CODE_TOKEN.findall(match.group(1).split("--")[0]))
        targets = [index, index + 1] if not line[: match.start()].strip() else [index]
        for target in targets:
            previous = found.get(target, frozenset())
            found[target] = None if not codes or previous is None else previous | codes
    return found


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def lint_source(
    source: SourceFile,
    *,
    base_dir: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> LintResult:
    """All diagnostics for one file, after suppression comments and `select`/`ignore` prefixes. `base_dir`
    is where relative paths in the program (certificate files) are looked up: the file's folder."""
    checked = check_source(source)
    found = list(checked.diagnostics)
    syntax_ok = not any(d.code.startswith("BAL_SYNTAX_") for d in found)
    if checked.module is not None and syntax_ok:
        folder = os.path.dirname(source.path) if base_dir is None else base_dir
        compiled = not any(d.is_error for d in found)
        found.extend(run_rules(source, checked.module, folder, compiled=compiled))
    kept = _keep(found, [source], select, ignore)
    return LintResult(source, tuple(kept), len(found) - len(kept))


@without_gc_passes
def run_rules(
    source: SourceFile | SourceSet, module: ast.Module, base_dir: str, *, compiled: bool = True
) -> list[Diagnostic]:
    """Every lint rule on one module whose syntax is sound (a file, or a package module's files at once).
    The email plugin's rules run only on a program that `compiled` (no compile error), as under `bal build`,
    and report EMAIL_107 exactly as the plugin does."""
    found: list[Diagnostic] = []
    if compiled:
        found.extend(check_email_services(source, module, exact=True))  # type: ignore[arg-type]
    for check in LINT_CHECKS:
        found.extend(check(source, module, base_dir))  # type: ignore[arg-type]
    return found


def lint_project(
    project: Project, *, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> tuple[Diagnostic, ...]:
    """`lint_source` for a whole project: `check_project`, then the rules on each module of sound syntax
    (relative paths resolve against the package root), then suppressions and `select`/`ignore`."""
    if not project.is_package:
        source = project.default.sources
        assert isinstance(source, SourceFile)
        return lint_source(source, select=select, ignore=ignore).diagnostics
    checked = check_project(project)
    found = list(checked.diagnostics)
    compiled = not any(d.is_error for d in found)
    for module in checked.modules:
        if module.module is not None and module.syntax_ok:
            found.extend(run_rules(module.source, module.module, str(project.root), compiled=compiled))
    return tuple(_keep(found, list(project.files), select, ignore))


def _keep(
    found: list[Diagnostic], sources: list[SourceFile], select: Sequence[str], ignore: Sequence[str]
) -> list[Diagnostic]:
    """The findings left after `select`/`ignore` and `// balmail:ignore` comments, once each, sorted."""
    ignored = {source.path: suppressions(source) for source in sources}
    kept: list[Diagnostic] = []
    for item in found:
        if select and not _matches(item.code, select):
            continue
        if ignore and _matches(item.code, ignore):
            continue
        lines = ignored.get(item.span.file, {})
        if item.span.line in lines:
            codes = lines[item.span.line]
            if codes is None or _matches(item.code, codes):
                continue
        kept.append(item)
    return sorted(_unique(kept), key=diag.sort_key)


def _unique(found: list[Diagnostic]) -> list[Diagnostic]:
    """Two rules may reach the same finding (a record used twice): report it once."""
    seen: set[tuple[str, int, int, str]] = set()
    unique = []
    for item in found:
        key = (item.code, item.span.start, item.span.end, item.message)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def failed(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    """Whether lint fails: any error, or with `strict` any warning too (info never fails)."""
    levels = (diag.Severity.ERROR, diag.Severity.WARNING) if strict else (diag.Severity.ERROR,)
    return any(d.severity in levels for d in diagnostics)


# ---------------------------------------------------------------- rule reference


def lint_rules() -> list[Rule]:
    """The registered rules `balmail lint` reports: Ballerina's compiler, its email plugin, then balmail's."""
    found = [r for r in all_rules() if r.code.startswith(LINT_PREFIXES) and r.code not in NOT_LINT]

    def order(registered: Rule) -> tuple[int, str]:
        family = next(i for i, prefix in enumerate(LINT_PREFIXES) if registered.code.startswith(prefix))
        return family, registered.code

    return sorted(found, key=order)
