"""`balmail lint` on the `[balmail...]` deployment settings of a program's Config.toml: the same checks
`balmail run` makes (balmail/deployment.py), reported as diagnostics (BALMAIL_4NN, rules in
check/deployment_rules.py) whose spans point at the key in Config.toml, so an editor or a SARIF viewer
shows them where they are written. Positions come from balmail/tomlspans.py.

The Config.toml checked is the one beside the program: the package root, or the folder of a lone
`.bal` file. Lone files that share a folder share its Config.toml: a name is known when any of them
declares it, and each finding is reported once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from balmail import diagnostics as diag
from balmail.check import deployment_rules as rules
from balmail.check.endpoints import Endpoint, find_program_endpoints
from balmail.deployment import KEYS, SettingProblem, auth_problem, check_setting, keys_for
from balmail.diagnostics import Diagnostic
from balmail.project import Project
from balmail.project.modules import parse_module
from balmail.source import SourceFile
from balmail.tomlspans import KeyPath, key_spans, nearest

CONFIG_NAME = "Config.toml"
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_KIND_CODES = {
    "name": rules.UNKNOWN_ENDPOINT.code,
    "key": rules.UNKNOWN_KEY.code,
    "value": rules.WRONG_VALUE.code,
}


def lint_configs(
    projects: Iterable[Project], *, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> tuple[list[SourceFile], list[Diagnostic]]:
    """The Config.toml files with findings and the findings (after the `--select`/`--ignore` code
    prefixes), for every folder of `projects`."""
    by_config: dict[Path, list[Project]] = {}
    for project in projects:
        path = project.root / CONFIG_NAME
        if path.is_file():
            by_config.setdefault(path, []).append(project)
    sources: list[SourceFile] = []
    found: list[Diagnostic] = []
    for path, owners in by_config.items():
        source = SourceFile.read(path)
        if "balmail" not in source.text:
            continue  # no deployment section: nothing to check, and no program to parse again
        problems = [
            d for d in lint_config(source, [e for p in owners for e in _endpoints(p)], path.resolve().parent)
            if (not select or d.code.startswith(tuple(select))) and not d.code.startswith(tuple(ignore))
        ]  # fmt: skip
        if problems:
            sources.append(source)
            found.extend(problems)
    return sources, found


def _endpoints(project: Project) -> list[Endpoint]:
    modules = []
    for module in project.modules:
        parsed = parse_module(module)
        if parsed.module is not None:
            modules.append((module.name, parsed.module))
    return find_program_endpoints(modules)


def lint_config(source: SourceFile, endpoints: list[Endpoint], base: Path) -> list[Diagnostic]:
    """Every problem of one Config.toml's `[balmail]` table, checked against the program's endpoints."""
    try:
        document = tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as error:
        return [_syntax_error(source, error)]
    section = document.get("balmail")
    if section is None:
        return []
    linter = _Linter(source, key_spans(source.text), endpoints, base)
    if not isinstance(section, dict):
        linter.report(rules.WRONG_VALUE.code, ("balmail",), "'balmail' must be a table")
        return linter.found
    for role, table_name in (("listener", "listeners"), ("client", "clients")):
        tables = section.get(table_name)
        if tables is None:
            continue
        if not isinstance(tables, dict):
            message = f"[balmail.{table_name}] must be a table of tables, one per {role} name"
            linter.report(rules.WRONG_VALUE.code, ("balmail", table_name), message)
            continue
        for name, settings in tables.items():
            linter.section(role, table_name, name, settings)
    return linter.found


class _Linter:
    def __init__(self, source: SourceFile, spans: dict[KeyPath, tuple[int, int]], endpoints: list[Endpoint],
                 base: Path) -> None:  # fmt: skip
        self.source = source
        self.spans = spans
        self.endpoints = endpoints
        self.base = base
        self.found: list[Diagnostic] = []

    def report(self, code: str, path: KeyPath, message: str, help: str | None = None) -> None:
        start, end = nearest(self.spans, path, lambda: (0, 0))
        self.found.append(diag.error(code, message, self.source.span(start, end), help))

    def section(self, role: str, table_name: str, name: str, settings: Any) -> None:
        where: KeyPath = ("balmail", table_name, name)
        if not any(e.role == role and e.name == name for e in self.endpoints):
            try:
                check_setting(self.endpoints, role, name, "", None, self.base)
            except SettingProblem as problem:
                self.report(rules.UNKNOWN_ENDPOINT.code, where, problem.message)
            return
        if not isinstance(settings, dict):
            self.report(
                rules.WRONG_VALUE.code, where, f"[balmail.{table_name}.{name}] must be a table of settings"
            )
            return
        good: dict[str, Any] = {}
        for key, raw in settings.items():
            path = (*where, key)
            misplaced = self._misplaced(role, name, key)
            if misplaced is not None:
                self.report(rules.KEY_NOT_APPLICABLE.code, path, misplaced)
                continue
            try:
                good[key] = check_setting(self.endpoints, role, name, key, raw, self.base)
            except SettingProblem as problem:
                self.report(_KIND_CODES[problem.kind], path, problem.message)
        problem = auth_problem(good)
        if problem is not None:
            about, message = problem
            self.report(rules.AUTH_MISMATCH.code, (*where, about), message)

    def _misplaced(self, role: str, name: str, key: str) -> str | None:
        """Why a key the registry knows does not apply to this endpoint, or None."""
        known = next((k for k in KEYS if k.name == key), None)
        if known is None:
            return None
        if role not in known.roles:
            other = "listeners" if role == "client" else "clients"
            return f"'{key}' applies to {other} only; '{name}' is an email {role}"
        protocols = {e.protocol for e in self.endpoints if e.role == role and e.name == name}
        if protocols <= known.protocols:
            return None
        these = "/".join(sorted(p.upper() for p in protocols - known.protocols))
        applies = "/".join(sorted(p.upper() for p in known.protocols))
        valid = ", ".join(k.name for k in keys_for(role) if protocols <= k.protocols)
        return (
            f"'{key}' makes no sense for {these} {role} '{name}' (it applies to {applies}); "
            f"valid keys: {valid}"
        )


def _syntax_error(source: SourceFile, error: tomllib.TOMLDecodeError) -> Diagnostic:
    text = str(error)
    match = _TOML_POSITION.search(text)
    start = 0
    if match is not None:
        line, column = int(match.group(1)), int(match.group(2))
        start = _offset(source, line, column)
        text = text[: match.start()].rstrip()
    end = min(start + 1, len(source.text))
    return diag.error(
        rules.CONFIG_SYNTAX.code, f"Config.toml is not valid TOML: {text}", source.span(start, end)
    )


def _offset(source: SourceFile, line: int, column: int) -> int:
    lines = source.text.split("\n")
    line = max(1, min(line, len(lines)))
    return sum(len(t) + 1 for t in lines[: line - 1]) + max(0, column - 1)
