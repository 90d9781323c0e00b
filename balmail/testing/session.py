"""One `balmail test` run: load the package, check and compile it with its tests, initialise the module
(its listeners too), run the selected tests and say what happened. Nothing here prints or exits;
program output goes to the given streams and `cli.py` renders the result.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import attrs

from balmail.app import run_in_big_stack
from balmail.diagnostics import Diagnostic
from balmail.runtime.context import RunContext
from balmail.runtime.errors import BallerinaPanic, FailSignal
from balmail.runtime.sandbox import Budgets, Permissions, Sandbox
from balmail.runtime.values import BError, error_to_string, to_bal_string
from balmail.source import SourceFile
from balmail.testing import report
from balmail.testing.build import PackageError, TestPackage, compile_tests, load_package, sources_of
from balmail.testing.runner import Selection, SelectionError, SuiteRun, SuiteRunner, select


@attrs.define
class TestSession:
    """What a `balmail test` run produced: exit code, compile diagnostics, the suite run, an error line."""

    exit_code: int
    package: TestPackage | None = None
    diagnostics: list[Diagnostic] = attrs.field(factory=list)
    sources: list[SourceFile] = attrs.field(factory=list)
    run: SuiteRun | None = None
    error_text: str | None = None


@attrs.define
class TestOptions:
    selection: Selection = attrs.field(factory=Selection)
    rerun_failed: bool = False
    permissions: Permissions | None = None
    budgets: Budgets | None = None
    overrides: dict[str, str] = attrs.field(factory=dict)
    environ: dict[str, str] | None = None


def describe_error(error: BError, files: dict[str, str], module: str) -> str:
    """An error as `bal test` shows a failure: `error("message",...)` with the message's own line
    breaks, then one `callableName: ... fileName: ... lineNumber: ...` line per Ballerina frame.
    `files` maps the file names frames carry to paths relative to the package."""
    parts = [f'"{error.message}"']
    if error.cause is not None:
        parts.append(error_to_string(error.cause))
    parts.extend(f"{k}={to_bal_string(v)}" for k, v in error.detail.items())
    head = "error(" + ",".join(parts) + ")"
    lines = [head]
    for fn, file, line in getattr(error, "stack", []) or []:
        if not file or fn.startswith("$"):
            continue
        shown = files.get(file, file)
        lines.append(f"\tcallableName: {fn} moduleName: {module} fileName: {shown} lineNumber: {line}")
    return "\n".join(lines) + "\n"


def run_tests(
    path: str | Path,
    options: TestOptions | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    start_listeners: Callable[[Any, RunContext], Callable[[], None] | str | None] | None = None,
) -> TestSession:
    """Everything from the package path to the finished run. `start_listeners(program, ctx)` starts the
    module's listeners (returning a stop function, or an error line) when the package has any."""
    options = options or TestOptions()
    out = out if out is not None else sys.stdout
    try:
        package = load_package(path)
    except PackageError as e:
        return TestSession(1, error_text=f"error: {e}")
    sources = sources_of(package)
    if not package.project.ok:
        return TestSession(1, package, list(package.project.diagnostics), sources)
    sandbox = Sandbox(options.permissions, options.budgets)
    ctx = RunContext(out=out, err=err, sandbox=sandbox)
    program, suite, found, problem = compile_tests(package, ctx)
    if problem is not None:
        return TestSession(1, package, found, sources, error_text=problem)
    if program is None or suite is None:
        return TestSession(1, package, found, sources)
    selection = options.selection
    if options.rerun_failed:
        selection = attrs.evolve(selection, rerun=report.read_rerun(package.root) or ())
    try:
        tests = select(suite, selection)
    except SelectionError as e:
        return TestSession(1, package, found, sources, error_text=str(e))
    from balmail.config import ConfigError, resolve_configurables

    try:
        ctx.config_values = resolve_configurables(
            program.configurables,
            cwd=package.config_dir(),
            environ=options.environ if options.environ is not None else dict(os.environ),
            overrides=options.overrides,
        )
    except ConfigError as e:
        return TestSession(1, package, found, sources, error_text=f"error: {e}")
    if program.services or program.listeners:
        from balmail.serve import prepare_services

        found.extend(prepare_services(program, ctx, package.project.default.sources, None))
        if any(d.is_error for d in found):
            return TestSession(1, package, found, sources)

    def emit(text: str) -> None:
        out.write(text)

    out.write(report.header(package.name))
    outcome: list[TestSession] = []

    def body() -> None:
        try:
            outcome.append(_execute(package, program, ctx, suite, tests, emit, start_listeners))
        except Exception as e:  # noqa: BLE001 - a runner bug ends the run with a line, not a traceback
            text = f"error: internal test runner error: {type(e).__name__}: {e}"
            outcome.append(TestSession(1, error_text=text))

    run_in_big_stack(body, "balmail-test")
    out.flush()
    session = outcome[0] if outcome else TestSession(1, error_text="error: the test run stopped unexpectedly")
    session.package, session.diagnostics, session.sources = package, found, sources
    if session.run is not None:
        out.write(report.summary(session.run))
        report.write_rerun(package.root, session.run)
    return session


def _execute(
    package: TestPackage,
    program: Any,
    ctx: RunContext,
    suite: Any,
    tests: list[Any],
    emit: Callable[[str], None],
    start_listeners: Callable[[Any, RunContext], Callable[[], None] | str | None] | None,
) -> TestSession:
    sandbox = ctx.sandbox
    files = {f.name: _relative(f, package.root) for f in reversed(package.files)}
    try:
        sandbox.start_invocation()
        error = program.initialize()
    except BallerinaPanic as p:
        error = p.error
    except FailSignal as f:
        error = f.error
    if error is not None:
        return TestSession(1, error_text=f"error: module initialisation failed: {error_to_string(error)}")
    stop: Callable[[], None] | None = None
    if start_listeners is not None and (program.listeners or program.services):
        started = start_listeners(program, ctx)
        if isinstance(started, str):
            return TestSession(1, error_text=started)
        stop = started
    try:
        runner = SuiteRunner(
            suite,
            program,
            lambda e: describe_error(e, files, package.name),
            sandbox.start_invocation,
            emit,
        )
        run = runner.run(tests)
    finally:
        if stop is not None:
            stop()
    return TestSession(0 if run.ok else 1, run=run)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.name
