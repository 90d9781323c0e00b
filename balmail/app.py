"""Running a program: check it, compile it once, resolve configurables, initialise the module and call
`main` with the command-line arguments. Returns what happened; `cli.py` does the printing and exiting.
"""

from __future__ import annotations

import decimal
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import attrs

from balmail import diagnostics as diag
from balmail.deep import thread_stack
from balmail.diagnostics import Diagnostic
from balmail.gcpause import program_collections
from balmail.lib.runtime import run_stop_handlers
from balmail.runtime import types as T
from balmail.runtime.context import RunContext
from balmail.runtime.errors import BallerinaPanic, FailSignal
from balmail.runtime.sandbox import Budgets, Permissions, Sandbox
from balmail.runtime.strands import Strands
from balmail.runtime.values import BError, BList, to_string
from balmail.runtime.workers import unobserved_panic
from balmail.source import SourceFile, SourceSet

STACK_BYTES = 512 * 1024 * 1024


def run_in_big_stack(body: Callable[[], None], name: str) -> None:
    """Run `body` on a thread with a large stack and wait for it: deeply recursive Ballerina code needs
    more stack than the main thread has (used by run, replay and test)."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 200_000))
    with program_collections():
        with thread_stack(STACK_BYTES):
            worker = threading.Thread(target=body, name=name)
            worker.start()
        worker.join()


@attrs.define
class RunResult:
    """Exit code, diagnostics that stopped the run (compile errors), and the error line for stderr."""

    exit_code: int
    diagnostics: list[Diagnostic] = attrs.field(factory=list)
    sources: list[SourceFile] = attrs.field(factory=list)
    error_text: str | None = None
    panic_line: int | None = None
    summary: list[str] = attrs.field(factory=list)
    """`balmail run --once`: one line per listener (stderr, before `error_text`)."""


def panic_text(error: BError) -> str:
    """`error: msg {detail}` — how Ballerina reports an uncaught error from `main`."""
    text = f"error: {error.message}"
    if error.detail:
        text += " " + to_string(error.detail)
    return text


def stack_text(
    p: BallerinaPanic, source: SourceFile | SourceSet, defined_in: dict[str, str] | None = None
) -> str:
    """The stack trace Ballerina prints under an uncaught panic: `at module:function(file:line)` lines.
    In a package the module is the package's folder and `defined_in` names the file of each function."""
    name = Path(source.path).name
    module = Path(source.path).stem
    if isinstance(source, SourceSet):
        module = Path(source.path).resolve().parent.name
        name = "?"
    frames = list(p.trace)
    if p.line is not None:
        frames.insert(0, ("$init", p.line))
    out = []
    shown = [(fn, line) for fn, line in frames if line is not None]
    for i, (fn, line) in enumerate(shown):
        if i == TRACE_HEAD and len(shown) > TRACE_HEAD + TRACE_TAIL:  # a deep recursion: keep both ends
            out.append(f"\n           ... {len(shown) - TRACE_HEAD - TRACE_TAIL} more frames")
        if TRACE_HEAD <= i < len(shown) - TRACE_TAIL:
            continue
        prefix = "        at " if not out else "           "
        out.append(f"\n{prefix}{module}:{fn}({(defined_in or {}).get(fn, name)}:{line})")
    return "".join(out)


TRACE_HEAD, TRACE_TAIL = 40, 10
"""A panic's printed stack keeps its innermost 40 and outermost 10 frames (a recursion can be 20,000 deep)."""


def _function_files(program: Any, source: SourceFile | SourceSet) -> dict[str, str] | None:
    """For a package: the file each function of the default module is defined in."""
    compiler = getattr(program, "compiler", None)
    if not isinstance(source, SourceSet) or compiler is None:
        return None
    from balmail.syntax import ast

    found = {"$init": Path(source.files[0].path).name}
    for member in compiler.module.members:
        if isinstance(member, ast.FunctionDefn):
            found[member.name] = Path(member.span.file).name
    return found


def _origin(p: BallerinaPanic) -> int | None:
    if p.line is not None:
        return p.line
    for _, line in p.trace:
        if line is not None:
            return line
    return None


def check_program(source: SourceFile) -> tuple[Any, list[Diagnostic]]:
    """Parse, resolve names and type-check (check/program.py); returns (module, diagnostics)."""
    from balmail.check.program import check_source

    result = check_source(source)
    return result.module, list(result.diagnostics)


def compile_source(source: SourceFile, ctx: RunContext) -> tuple[Any, list[Diagnostic]]:
    """Check and compile; (program, diagnostics) with program None when there were errors."""
    module, found = check_program(source)
    if module is None or any(d.is_error for d in found):
        return None, found
    from balmail.compiler.core import CompileError, compile_program

    try:
        program = compile_program(module, ctx)
    except CompileError as e:
        span = e.span if e.span is not None else source.span(0, 0)
        found.append(diag.error("BAL_TYPE_099", str(e), span))
        return None, found
    return program, found


def check_project_program(project: Any) -> tuple[Any, list[Diagnostic]]:
    """`check_program` for a package: names in every module, then the type and return checks on each
    module's files at once; returns (the check, diagnostics)."""
    from balmail.check.packages import check_project

    checked = check_project(project)
    found = list(checked.diagnostics)
    if checked.ok:
        from balmail.check.returns import check_check_expressions, check_return_values
        from balmail.check.types import check_types

        for module in checked.modules:
            if module.module is not None:
                found.extend(check_types(module.module, module.source))  # type: ignore[arg-type]
                found.extend(check_return_values(module.source, module.module))  # type: ignore[arg-type]
                found.extend(check_check_expressions(module.source, module.module))  # type: ignore[arg-type]
    return checked, found


def compile_project(
    project: Any, ctx: RunContext, rewrite: Callable[[Any], Any] | None = None
) -> tuple[Any, list[Diagnostic]]:
    """Check and compile a package: the default module and the modules it imports (directly or not),
    imported modules first. (program, diagnostics) with program None when there were errors.
    `rewrite` maps the checked default module's syntax tree before compiling (`balmail test` mocks)."""
    from balmail.compiler.core import CompileError
    from balmail.compiler.link import ModuleUnit, compile_package

    checked, found = check_project_program(project)
    if any(d.is_error for d in found):
        return None, found
    needed = {""}
    for module in reversed(checked.modules):  # initialisation order: importers come after
        if module.parsed.name in needed:
            needed.update(module.parsed.links.values())
    units = [
        ModuleUnit(
            m.parsed.name,
            rewrite(m.module) if rewrite is not None and m.parsed.name == "" else m.module,
            m.parsed.links,
            m.parsed.sources.config_key,
            m.parsed.sources.sources,
            m.parsed.sources.qualified,
        )
        for m in checked.modules
        if m.parsed.name in needed and m.module is not None
    ]
    try:
        program = compile_package(units, ctx)
    except CompileError as e:
        span = e.span if e.span is not None else project.default.files[0].span(0, 0)
        found.append(diag.error("BAL_TYPE_099", str(e), span))
        return None, found
    return program, found


def convert_arg(text: str, t: T.Type) -> Any:
    """A command-line argument converted to a `main` parameter type."""
    r = T.resolve(t)
    if isinstance(r, T.TUnion):
        for m in r.members:
            try:
                return convert_arg(text, m)
            except ValueError:
                continue
        raise ValueError(text)
    if isinstance(r, T.TString | T.TAny | T.TAnydata | T.TJson):
        return text
    if isinstance(r, T.TInt):
        v = int(text)
        if not r.contains(v):
            raise ValueError(text)
        return v
    if isinstance(r, T.TFloat):
        return float(text)
    if isinstance(r, T.TDecimal):
        try:
            return decimal.Decimal(text)
        except decimal.InvalidOperation:
            raise ValueError(text) from None
    if isinstance(r, T.TBoolean):
        if text in ("true", "false"):
            return text == "true"
        raise ValueError(text)
    raise ValueError(text)


def bind_main_args(main: Any, args: list[str]) -> list[Any]:
    """Positional command-line arguments → `main`'s parameters (defaults, rest, `--name=value` options)."""
    from balmail.runtime.functions import MISSING

    params = main.params
    positional: list[str] = []
    named: dict[str, str] = {}
    for a in args:
        if a.startswith("--") and "=" in a:
            k, v = a[2:].split("=", 1)
            named[k] = v
        else:
            positional.append(a)
    out: list[Any] = []
    i = 0
    for p in params:
        if p.rest:
            out.append(BList([convert_arg(x, p.type) for x in positional[i:]], T.TArray(p.type)))
            i = len(positional)
            continue
        if p.name in named:
            out.append(convert_arg(named.pop(p.name), p.type))
        elif i < len(positional):
            out.append(convert_arg(positional[i], p.type))
            i += 1
        elif p.default is not None:
            out.append(MISSING)
        elif T.resolve(p.type).contains(None):
            out.append(None)
        else:
            raise ValueError(f"missing argument for parameter '{p.name}'")
    if i < len(positional):
        raise ValueError(f"too many arguments: {' '.join(positional[i:])}")
    return out


def run_program(
    path: str | Path,
    args: list[str] | None = None,
    *,
    overrides: dict[str, str] | None = None,
    permissions: Permissions | None = None,
    budgets: Budgets | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    cwd: str | Path | None = None,
    environ: dict[str, str] | None = None,
    serve_options: Any = None,
    endpoints: Any = None,
) -> RunResult:
    """Run the `main` of a `.bal` file. Program output goes to `out`/`err`; the result says how it ended."""
    from balmail.config import ConfigError, config_sources, resolve_configurables
    from balmail.deep import NestingTooDeep, call_deep

    sandbox = Sandbox(permissions, budgets)
    ctx = RunContext(out=out, err=err, sandbox=sandbox)
    config_dir = Path(cwd) if cwd else Path.cwd()
    source: SourceFile | SourceSet
    if Path(path).is_dir():  # a package: Config.toml is looked up in its root, as `bal run` does
        from balmail.project import ProjectError, load_project

        try:
            project = load_project(path)
        except ProjectError as e:
            return RunResult(2, error_text=f"error: {e}")
        sources = list(project.files)
        if not project.ok:
            return RunResult(1, list(project.diagnostics), sources)
        source = project.default.sources
        try:
            program, found = call_deep(compile_project, project, ctx)
        except NestingTooDeep as e:
            return RunResult(1, [], sources, f"error: {e}")
        config_dir = project.root.resolve()
    else:
        source = SourceFile.read(path)
        sources = [source]
        try:
            program, found = call_deep(compile_source, source, ctx)
        except NestingTooDeep as e:
            return RunResult(1, [], sources, f"error: {e}")
    if program is None:
        return RunResult(1, found, sources)
    from balmail.compiler.link import has_listeners, has_services, program_modules

    ctx.flush_lines = has_listeners(program)  # long-running: print as it happens
    from balmail.serve import prepare_services, serve_listeners  # email services and listeners

    found.extend(prepare_services(program, ctx, source, serve_options))
    if any(d.is_error for d in found):
        return RunResult(1, found, sources)
    from balmail.ops.logs import LogConfigError, install_log_sink

    run_environ = environ if environ is not None else dict(os.environ)
    try:
        ctx.config_values = resolve_configurables(
            program.configurables, cwd=config_dir, environ=run_environ, overrides=overrides or {},
            root=program.compiler.qualified,
        )
        ctx.config_documents = config_sources(config_dir, run_environ, overrides)
        install_log_sink(ctx, ctx.config_documents, config_dir, run_environ)
    except ConfigError as e:
        return RunResult(1, found, sources, f"error: {e}")
    except LogConfigError as e:
        return RunResult(1, found, sources, f"error: invalid log configuration: {e}")
    from balmail.permissions_config import PermissionConfigError, config_permissions, widen

    try:  # `[balmail.permissions]`: grants beside the --allow-* flags (docs/sandbox.md)
        granted = config_permissions(ctx.config_documents, str(config_dir))
    except PermissionConfigError as e:
        return RunResult(1, found, sources, f"error: {e}")
    if granted:
        sandbox.permissions = widen(sandbox.permissions, granted)
    if program.compiler is not None:
        from balmail.deployment import DeploymentError, plan_for_run

        try:  # `[balmail.listeners/clients]` and --listener/--client (docs/config.md)
            ctx.endpoint_plan = plan_for_run(
                program_modules(program), endpoints, cwd=config_dir,
                environ=environ if environ is not None else dict(os.environ),
            )
        except DeploymentError as e:
            return RunResult(1, found, sources, f"error: {e}")
    if program.main is None and not has_services(program):
        # jBallerina's launcher: "'<file>' does not contain a main function or a service"
        entry = Path(path).resolve().name if Path(path).is_dir() else Path(path).name
        return RunResult(1, found, sources, f"error: '{entry}' does not contain a main function or a service")
    if program.main is not None:
        try:
            main_args = bind_main_args(program.main, list(args or []))
        except ValueError as e:
            return RunResult(1, found, sources, f"error: invalid command-line arguments: {e}")
    else:
        main_args = []
    outcome: list[RunResult] = []

    strands = Strands.of(ctx)

    def body() -> None:
        with strands.strand():  # listeners started by `main` run their handlers while it waits
            outcome.append(_execute(program, main_args, sandbox, found, source, sources))

    run_in_big_stack(body, "balmail-main")
    strands.join_spawned()  # named workers and `start`ed calls still running when `main` returned
    lost = unobserved_panic(strands)
    if lost is not None and outcome and outcome[0].exit_code == 0:
        text = panic_text(lost.error) + stack_text(lost, source, _function_files(program, source))
        outcome[0] = RunResult(1, found, sources, text, panic_line=_origin(lost))
    if ctx.out is not None:
        try:
            ctx.out.flush()
        except (OSError, ValueError):
            pass
    if outcome and outcome[0].exit_code == 0:
        served = serve_listeners(program, ctx, serve_options)  # until SIGINT/SIGTERM
        stopped = run_stop_handlers(ctx)  # `runtime:onGracefulStop` handlers, after the listeners
        if served.error_text is None and stopped is not None:
            served.error_text = panic_text(stopped)
        if served.error_text is not None or served.failed:
            return RunResult(1, found, sources, served.error_text, summary=served.summary)
        outcome[0].summary = served.summary
    return outcome[0] if outcome else RunResult(1, found, sources, "error: the program stopped unexpectedly")


def _execute(
    program: Any,
    main_args: list[Any],
    sandbox: Sandbox,
    found: list[Diagnostic],
    source: SourceFile | SourceSet,
    sources: list[SourceFile],
) -> RunResult:
    try:
        sandbox.start_invocation()
        err = program.initialize()
        if err is not None:
            return RunResult(1, found, sources, panic_text(err))
        if program.main is not None:
            sandbox.start_invocation()
            r = program.main.invoke(None, main_args)
            if isinstance(r, BError):
                return RunResult(1, found, sources, panic_text(r))
    except BallerinaPanic as p:
        text = panic_text(p.error) + stack_text(p, source, _function_files(program, source))
        return RunResult(1, found, sources, text, panic_line=_origin(p))
    except FailSignal as f:
        return RunResult(1, found, sources, panic_text(f.error))
    except RecursionError:
        return RunResult(1, found, sources, 'error: {ballerina}StackOverflow {"message":"stack overflow"}')
    except Exception as e:  # noqa: BLE001 - an evaluator bug must still end the run with a clear line
        return RunResult(1, found, sources, f"error: internal evaluator error: {type(e).__name__}: {e}")
    return RunResult(0, found, sources)
