"""One `balmail test` run: load the package, check and compile it with its tests, initialise the module
(its listeners too, started against the embedded mail servers: mailservers.py), run the selected
tests and say what happened. Nothing here prints or exits;
program output goes to the given streams and `cli.py` renders the result.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import attrs

from balmail.app import run_in_big_stack
from balmail.deployment import DeploymentError, plan_for_run
from balmail.diagnostics import Diagnostic
from balmail.runtime.context import RunContext
from balmail.runtime.errors import BallerinaPanic, FailSignal
from balmail.runtime.sandbox import Budgets, Permissions, Sandbox
from balmail.runtime.strands import Strands
from balmail.runtime.values import BError, error_to_string, to_bal_string
from balmail.source import SourceFile
from balmail.testing import report
from balmail.testing.build import PackageError, TestPackage, compile_tests, load_package, sources_of
from balmail.testing.mailservers import MailSetupError, TestMail
from balmail.testing.runner import Selection, SelectionError, SuiteRun, SuiteRunner, select

TARGET_FOLDER = "target"


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
    mail_servers: bool = True
    """Redirect email listeners and clients to embedded servers (mailservers.py); False: the hosts
    the program and Config.toml name."""
    seed: Path | None = None
    """Messages every mailbox of the embedded servers starts with (default: none)."""


def with_target(permissions: Permissions | None, root: Path) -> Permissions:
    """The granted permissions plus reading and writing under the package's `target/` folder (made
    here, as `bal test` makes it), so tests and the handlers they drive can write files there."""
    target = root / TARGET_FOLDER
    try:
        target.mkdir(exist_ok=True)
    except OSError:
        pass
    p = permissions or Permissions()
    return attrs.evolve(
        p,
        read=None if p.read is None else (*p.read, str(target)),
        write=None if p.write is None else (*p.write, str(target)),
    )


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
) -> TestSession:
    """Everything from the package path to the finished run. A package that uses email listeners or
    clients runs against the embedded mail servers with its listeners started (mailservers.py)."""
    options = options or TestOptions()
    out = out if out is not None else sys.stdout
    try:
        package = load_package(path)
    except PackageError as e:
        return TestSession(1, error_text=f"error: {e}")
    sources = sources_of(package)
    if not package.project.ok:
        return TestSession(1, package, list(package.project.diagnostics), sources)
    sandbox = Sandbox(with_target(options.permissions, package.root), options.budgets)
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
    from balmail.config import ConfigError, config_sources, resolve_configurables

    environ = options.environ if options.environ is not None else dict(os.environ)
    try:
        ctx.config_values = resolve_configurables(
            program.configurables, cwd=package.config_dir(), environ=environ, overrides=options.overrides,
            root=program.compiler.qualified if program.compiler is not None else "",
        )
        ctx.config_documents = config_sources(package.config_dir(), environ, options.overrides)
    except ConfigError as e:
        return TestSession(1, package, found, sources, error_text=f"error: {e}")
    mail: TestMail | None = None
    module = program.compiler.module if program.compiler is not None else None
    try:
        if options.mail_servers and module is not None and TestMail.wanted(module):
            mail = TestMail.start(options.seed)
            ctx.endpoint_plan = mail.plan(module, package.config_dir(), environ)
        elif module is not None:
            ctx.endpoint_plan = plan_for_run(module, None, cwd=package.config_dir(), environ=environ)
    except (MailSetupError, DeploymentError) as e:
        if mail is not None:
            mail.stop(ctx)
        return TestSession(1, package, found, sources, error_text=f"error: {e}")
    scratch = tempfile.TemporaryDirectory(prefix="balmail-test-") if mail is None else None
    try:
        return _run_suite(package, program, ctx, suite, tests, found, sources, mail, scratch, out)
    finally:
        if mail is not None:
            mail.stop(ctx)
        runtime = getattr(ctx, "email_runtime", None)
        if runtime is not None:
            runtime.close()
        if scratch is not None:
            scratch.cleanup()
        from balmail.serve import SignalGate

        gate = SignalGate.of(ctx)
        if gate is not None:
            gate.restore()


def _run_suite(
    package: TestPackage,
    program: Any,
    ctx: RunContext,
    suite: Any,
    tests: list[Any],
    found: list[Diagnostic],
    sources: list[SourceFile],
    mail: TestMail | None,
    scratch: tempfile.TemporaryDirectory[str] | None,
    out: TextIO,
) -> TestSession:
    if program.services or program.listeners:
        from balmail.serve import ServeOptions, prepare_services

        state_dir = mail.state_dir if mail is not None else Path(scratch.name)  # type: ignore[union-attr]
        found.extend(prepare_services(program, ctx, package.project.default.sources, ServeOptions(state_dir)))
        if any(d.is_error for d in found):
            return TestSession(1, package, found, sources)

    def emit(text: str) -> None:
        out.write(text)

    out.write(report.header(package.name))
    outcome: list[TestSession] = []

    def body() -> None:
        try:
            outcome.append(_execute(package, program, ctx, suite, tests, emit, mail))
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
    mail: TestMail | None,
) -> TestSession:
    strands = Strands.of(ctx)
    files = {f.name: _relative(f, package.root) for f in reversed(package.files)}
    try:
        with strands.strand():
            error = program.initialize()
    except BallerinaPanic as p:
        error = p.error
    except FailSignal as f:
        error = f.error
    if error is not None:
        return TestSession(1, error_text=f"error: module initialisation failed: {error_to_string(error)}")
    try:
        if mail is not None:
            problem = mail.start_listeners(program, ctx)
            if problem is not None:
                return TestSession(1, error_text=problem)
        runner = SuiteRunner(
            suite,
            program,
            lambda e: describe_error(e, files, package.name),
            strands.strand,
            emit,
        )
        run = runner.run(tests)
    finally:
        if mail is not None:
            mail.stop_listeners(ctx)  # they stop (onClose) before the summary, as under bal test
    return TestSession(0 if run.ok else 1, run=run)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.name
