"""Compiling a package for `balmail test`: the project with its `tests/*.bal` (balmail/project), with
the default module's `@test:Mock` functions rewritten (mocking.py) before it is compiled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from balmail.diagnostics import Diagnostic
from balmail.source import SourceFile
from balmail.syntax import ast
from balmail.testing.mocking import rewrite_mocks
from balmail.testing.suite import Suite, SuiteError, read_suite


class PackageError(Exception):
    """The path is not a package or file `balmail test` can run; the message says why."""


@attrs.define
class TestPackage:
    """The project under test: where it is, its name and its source files (tests included)."""

    project: Any
    root: Path
    name: str

    @property
    def files(self) -> list[Path]:
        return [Path(f.path) for m in self.project.modules for f in m.files]

    def config_dir(self) -> Path:
        """Where Config.toml is looked up: `tests/Config.toml` wins, as under `bal test`."""
        tests = self.root / "tests"
        return tests if (tests / "Config.toml").is_file() else self.root


def load_package(path: str | Path) -> TestPackage:
    """A package folder (with Ballerina.toml) or one `.bal` file whose own tests are run."""
    from balmail.project import ProjectError, load_project

    try:
        project = load_project(path)
    except ProjectError as e:
        raise PackageError(str(e)) from None
    if project.manifest is not None:
        name = project.manifest.name
        project = project.with_tests()
    else:
        name = Path(path).stem
    return TestPackage(project, project.root.resolve(), name)


def compile_tests(package: TestPackage, ctx: Any) -> tuple[Any, Suite | None, list[Diagnostic], str | None]:
    """(program, suite, diagnostics, error line): the suite is read from the checked default module,
    whose mocked functions are rewritten before compiling; `ctx.externals` gets their dispatchers."""
    from balmail.app import compile_project
    from balmail.testing.mocking import MockDispatch

    suites: list[Suite] = []
    problems: list[str] = []
    dispatch: list[MockDispatch] = []

    def rewrite(module: ast.Module) -> ast.Module:
        try:
            suite = read_suite(module)
        except SuiteError as e:
            problems.append(f"error: {e}")
            return module
        suites.append(suite)
        d = MockDispatch(suite, ctx)
        dispatch.append(d)
        ctx.externals = d.externals()
        ctx.lib_mocks = d.lib_mocks
        return rewrite_mocks(module, suite.mocked)

    program, found = compile_project(package.project, ctx, rewrite)
    if problems:
        return None, None, found, problems[0]
    if program is None or not suites:
        return None, None, found, None
    dispatch[0].program = program
    return program, suites[0], found, None


def sources_of(package: TestPackage) -> list[SourceFile]:
    return list(package.project.files)
