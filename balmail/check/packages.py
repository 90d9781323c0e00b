"""Checking a project: every module of a package (or the one file of a lone program) gets the same
checks a single file gets, over all its files at once (module-level names are shared by the files of a
module, imports are per file), with `prefix:name` into the package's other modules resolved against what
those modules define and make `public`. Registers the rules for packages and manifests.
"""

from __future__ import annotations

import attrs

from balmail import diagnostics as diag
from balmail.check.names import ModuleExports, module_exports
from balmail.check.program import check_module
from balmail.check.registry import Rule, register
from balmail.diagnostics import Diagnostic, Severity
from balmail.project import PackageModules, ParsedModule, Project, parse_project
from balmail.source import SourceFile, SourceSet
from balmail.syntax import ast

register(
    Rule(
        code="BAL_NAME_008",
        name="non-accessible-symbol",
        severity=Severity.ERROR,
        summary="A name of another module of the package is used but not declared `public` there.",
        what_it_does="Reports `util:name` where module `util` of the same package defines `name` "
        "without `public`.",
        why="Only public members are visible outside their module; Ballerina rejects the reference.",
        example="// modules/util/util.bal\nfunction clean(string s) returns string => s.trim();\n\n"
        '// main.bal\nimport shop.util;\n\npublic function main() {\n    _ = util:clean(" x ");\n}',
        fix="// modules/util/util.bal\npublic function clean(string s) returns string => s.trim();",
        message="attempt to refer to non-accessible symbol '{0}'",
    )
)
register(
    Rule(
        code="BAL_NAME_009",
        name="unresolved-module",
        severity=Severity.ERROR,
        summary="An import names a module of the package that does not exist.",
        what_it_does="Reports `import pkg.name;` (or `import org/pkg.name;`) when the package has no "
        "`modules/name/` folder with `.bal` files.",
        why="The module cannot be found, so nothing that uses it can be compiled.",
        example="import shop.utils;",
        fix="import shop.util;",
        message="cannot resolve module '{0}'",
    )
)
register(
    Rule(
        code="BAL_NAME_010",
        name="cyclic-module-imports",
        severity=Severity.ERROR,
        summary="Modules of the package import each other in a cycle.",
        what_it_does="Reports the first import that closes a cycle between modules of the package.",
        why="Modules are initialised imported-first; a cycle has no such order, so Ballerina rejects it.",
        example="// modules/a/a.bal\nimport shop.b;\n\n// modules/b/b.bal\nimport shop.a;",
        fix="Move what both modules need into a third module that imports neither.",
        message="cyclic module imports detected '{0}'",
    )
)
register(
    Rule(
        code="BAL_PROJECT_001",
        name="invalid-manifest",
        severity=Severity.ERROR,
        summary="`Ballerina.toml` is not valid TOML or has no usable `[package]` table.",
        what_it_does="Reports a `Ballerina.toml` that cannot be read as TOML, lacks `[package]`, or has an "
        "invalid `org`, `name` or `version` in it.",
        why="The package's name and organisation name its modules and configuration tables.",
        example='[package]\nname = "1shop"',
        fix='[package]\norg = "acme"\nname = "shop"\nversion = "0.1.0"',
    )
)
register(
    Rule(
        code="BAL_PROJECT_002",
        name="manifest-table-ignored",
        severity=Severity.INFO,
        summary="A table of `Ballerina.toml` that balmail does not use.",
        what_it_does="Notes tables other than `[package]` (`[build-options]`, `[[dependency]]`, "
        "`[[platform.java17.dependency]]`): balmail reads only the package's name, org and version.",
        why="Build options tune Ballerina's compiler and packaging; they do not change what the program "
        "does, so balmail runs it the same without them.",
        example="[build-options]\nobservabilityIncluded = true",
    )
)


@attrs.frozen
class ModuleCheck:
    """One checked module: its parse, the sources checks read text from, and its diagnostics (sorted)."""

    parsed: ParsedModule
    diagnostics: tuple[Diagnostic, ...]

    @property
    def module(self) -> ast.Module | None:
        return self.parsed.module

    @property
    def source(self) -> SourceFile | SourceSet:
        return self.parsed.sources.sources

    @property
    def syntax_ok(self) -> bool:
        return self.parsed.syntax_ok


@attrs.frozen
class ProjectCheck:
    """Every module of a project checked, in initialisation order, plus the manifest's and the import
    graph's diagnostics."""

    project: Project
    package: PackageModules | None
    modules: tuple[ModuleCheck, ...]
    diagnostics: tuple[Diagnostic, ...]
    """All of them, the modules' included, sorted by file and position."""

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def linked_exports(package: PackageModules, parsed: ParsedModule) -> dict[str, ModuleExports]:
    """For one module: each import name that reaches another module of the package → what it exports."""
    linked: dict[str, ModuleExports] = {}
    for full_name, target in parsed.links.items():
        other = package.module(target)
        if other is not None and other.module is not None:
            linked[full_name] = module_exports(other.module, other.sources.qualified)
    return linked


def check_project(project: Project) -> ProjectCheck:
    """Parse and resolve names in every module (names only where the module's syntax is sound)."""
    found: list[Diagnostic] = list(project.diagnostics)
    if not project.ok:
        return ProjectCheck(project, None, (), tuple(sorted(found, key=diag.sort_key)))
    package = parse_project(project)
    found.extend(package.diagnostics)
    unresolved = {(d.span.file, d.span.start) for d in package.diagnostics if d.code == "BAL_NAME_009"}
    modules: list[ModuleCheck] = []
    for parsed in package.modules:
        own = list(parsed.diagnostics)
        if parsed.module is not None and parsed.syntax_ok:
            names = check_module(parsed.module, parsed.sources.sources, linked_exports(package, parsed))
            own.extend(d for d in names if (d.span.file, d.span.start) not in unresolved)
        own.sort(key=diag.sort_key)
        modules.append(ModuleCheck(parsed, tuple(own)))
        found.extend(own)
    return ProjectCheck(project, package, tuple(modules), tuple(sorted(found, key=diag.sort_key)))
