"""`balmail replay`: feed saved messages (`.eml` files or a Maildir) straight to a program's
services, with no mail server: `onMessage` for each message, `onError` when it fails, the same
mapping to `email:Message` and the same handler calls (budgets, sandbox, one at a time) as a real
listener. The module is initialised (module-level listeners are created and services attached, but
no listener is started and `main` is not called), so only `service ... on` declarations are fed.
"""

from __future__ import annotations

import mailbox
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import attrs

from balmail.app import RunResult, compile_source, panic_text, run_in_big_stack, stack_text
from balmail.runtime.context import RunContext
from balmail.runtime.errors import BallerinaPanic, FailSignal
from balmail.runtime.sandbox import Budgets, Permissions, Sandbox
from balmail.source import SourceFile


class ReplayInputError(Exception):
    """A message file or Maildir that cannot be read, or a service that does not exist (usage)."""


@attrs.frozen
class SavedMessage:
    label: str
    raw: bytes


def read_messages(files: list[str], maildir: str | None) -> list[SavedMessage]:
    """The messages to replay, in the order given (a Maildir's in file-name order: delivery order)."""
    out: list[SavedMessage] = []
    for name in files:
        path = Path(name)
        if not path.is_file():
            raise ReplayInputError(f"no such message file: '{name}'")
        try:
            out.append(SavedMessage(path.name, path.read_bytes()))
        except OSError as e:
            raise ReplayInputError(f"cannot read '{name}': {e.strerror or e}") from None
    if maildir is not None:
        root = Path(maildir)
        if not all((root / sub).is_dir() for sub in ("cur", "new", "tmp")):
            raise ReplayInputError(f"'{maildir}' is not a Maildir (it needs cur/, new/ and tmp/ folders)")
        box = mailbox.Maildir(root, factory=None, create=False)
        for key in sorted(box.keys()):
            with box.get_file(key) as handle:
                out.append(SavedMessage(key, handle.read()))
    if not out:
        raise ReplayInputError("no messages to replay: give .eml files or --maildir DIR")
    return out


def replay(
    path: str | Path,
    messages: list[SavedMessage],
    *,
    service: str | None = None,
    report: Callable[[str], None],
    overrides: dict[str, str] | None = None,
    permissions: Permissions | None = None,
    budgets: Budgets | None = None,
    endpoints: Any = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    cwd: str | Path | None = None,
    environ: dict[str, str] | None = None,
) -> RunResult:
    """Replay `messages` into the services of `path` (a `.bal` file or a package folder); `report` gets
    one line per handler call.
    Exit code 0 when every call succeeded, 1 when a handler failed or the program did not start,
    2 for an unknown service name."""
    from balmail.compiler.link import program_modules
    from balmail.config import ConfigError, resolve_configurables
    from balmail.deployment import DeploymentError, plan_for_run
    from balmail.serve import ServeOptions, prepare_services

    sandbox = Sandbox(permissions, budgets)
    ctx = RunContext(out=out, err=err, sandbox=sandbox)
    ctx.flush_lines = True
    base = Path(cwd) if cwd else Path.cwd()
    source: Any
    if Path(path).is_dir():  # a package: its modules compiled together, Config.toml from its root
        from balmail.app import compile_project
        from balmail.project import ProjectError, load_project

        try:
            project = load_project(path)
        except ProjectError as e:
            return RunResult(2, error_text=f"error: {e}")
        sources = list(project.files)
        if not project.ok:
            return RunResult(1, list(project.diagnostics), sources)
        source = project.default.sources
        program, found = compile_project(project, ctx)
        base = Path(cwd) if cwd else project.root.resolve()
    else:
        source = SourceFile.read(path)
        sources = [source]
        program, found = compile_source(source, ctx)
    if program is None:
        return RunResult(1, found, sources)
    env = environ if environ is not None else dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="balmail-replay-") as scratch:
        found.extend(prepare_services(program, ctx, source, ServeOptions(state_dir=Path(scratch))))
        if any(d.is_error for d in found):
            return RunResult(1, found, sources)
        try:
            ctx.config_values = resolve_configurables(
                program.configurables, cwd=base, environ=env, overrides=overrides or {},
                root=program.compiler.qualified,
            )
            ctx.endpoint_plan = plan_for_run(program_modules(program), endpoints, cwd=base, environ=env)
        except (ConfigError, DeploymentError) as e:
            return RunResult(1, found, sources, f"error: {e}")
        outcome: list[RunResult] = []
        try:
            run_in_big_stack(
                lambda: outcome.append(
                    _replay_all(program, ctx, source, sources, found, messages, service, report)
                ),
                "balmail-replay",
            )
        finally:
            runtime = getattr(ctx, "email_runtime", None)
            if runtime is not None:
                runtime.close()
                runtime.flush_output()
                from balmail.serve import SignalGate

                gate = SignalGate.of(ctx)
                if gate is not None:
                    gate.restore()
    return outcome[0] if outcome else RunResult(1, found, sources, "error: the replay stopped unexpectedly")


def _replay_all(
    program: Any,
    ctx: Any,
    source: Any,
    sources: list[SourceFile],
    found: list[Any],
    messages: list[SavedMessage],
    wanted: str | None,
    report: Callable[[str], None],
) -> RunResult:
    from balmail.lib.email_values import email_error, message_value
    from balmail.mail.errors import MailError
    from balmail.mail.message import parse_message

    try:
        ctx.sandbox.start_invocation()
        error = program.initialize()
    except BallerinaPanic as p:
        return RunResult(1, found, sources, panic_text(p.error) + stack_text(p, source))
    except FailSignal as f:  # a `check` at module level (a client that may not connect)
        return RunResult(1, found, sources, panic_text(f.error))
    if error is not None:
        return RunResult(1, found, sources, panic_text(error))
    runtime = getattr(ctx, "email_runtime", None)
    targets = [(li, s) for li in (runtime.listeners if runtime else []) for s in li.services]
    if not targets:
        return RunResult(
            1, found, sources,
            "error: the program attaches no service to an email listener at module level; replay feeds "
            "`service ... on` declarations",
        )  # fmt: skip
    if wanted is not None:
        names = [s.name for _, s in targets]
        chosen = [(li, s) for li, s in targets if s.name == wanted]
        if not chosen:
            listing = ", ".join(f"'{n}'" if n else "(unnamed)" for n in names)
            return RunResult(
                2, found, sources, f"error: no service named '{wanted}'; the services are: {listing}"
            )
        targets = chosen
    failed = 0
    for saved in messages:
        try:
            value = message_value(parse_message(saved.raw))
        except MailError as problem:
            failed += 1
            report(f"{saved.label}: cannot be read as a message: {problem}")
            error = email_error(f"Message {saved.label} could not be parsed: {problem}")
            for listener, svc in targets:
                _call_on_error(listener, svc, error, saved.label, report)
            continue
        for listener, svc in targets:
            method = svc.method("onMessage")
            outcome = listener.call(svc, "onMessage", method, value)
            if outcome is None:
                report(f"{saved.label}: onMessage of {svc.describe()}: ok")
                continue
            failed += 1
            report(f"{saved.label}: {outcome}")
            _call_on_error(listener, svc, email_error(outcome), saved.label, report)
    report(f"{len(messages)} message(s) replayed, {failed} failed")
    return RunResult(1 if failed else 0, found, sources)


def _call_on_error(listener: Any, svc: Any, error: Any, label: str, report: Callable[[str], None]) -> None:
    method = svc.method("onError")
    if method is None:
        return
    outcome = listener.call(svc, "onError", method, error)
    report(f"{label}: " + (outcome if outcome is not None else f"onError of {svc.describe()}: ok"))
