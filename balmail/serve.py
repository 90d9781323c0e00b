"""The listener runtime of `balmail run`: binds a program's email services to its listeners,
starts one poller per listener after `main`, and stops them all gracefully on SIGINT/SIGTERM.

Two entry points, both called by `app.run_program`:
- `prepare_services` (before module initialisation) compiles every `service ... on ...`
  declaration into a service object, through the evaluator's own object-constructor compilation,
  and adds an initialisation step that attaches it to its listeners, after every module-level
  listener has been initialised (so an attach failure is a module init failure, as in Ballerina);
- `serve_listeners` (after `main` returned) starts the module's listeners and waits, on the main
  thread because only it receives signals, until a signal or until every listener has stopped.

Listeners started from `main` with `l.'start()` keep running after `main` returns, until a
signal, like module-level ones (see docs/runtime.md).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from balmail import diagnostics as diag
from balmail import listener_objects
from balmail.check.registry import Rule, register
from balmail.compiler.link import package_programs
from balmail.deep import thread_stack
from balmail.diagnostics import Diagnostic, Severity
from balmail.runtime.errors import BallerinaPanic, make_error
from balmail.runtime.values import BError, BObject
from balmail.source import SourceFile
from balmail.syntax import ast

if TYPE_CHECKING:  # the mail stack is imported only by programs that use email
    from balmail.lib.email_listener import EmailListener, EmailRuntime

SERVE_CODE = register(
    Rule(
        code="BALMAIL_SERVE_001",
        name="service-cannot-compile",
        severity=Severity.ERROR,
        summary="An email service of the program cannot be compiled, so balmail does not start it.",
        what_it_does="Reports a service declaration that `balmail run` cannot attach to its listener "
        "because the evaluator cannot compile it.",
        why="balmail refuses to start a listener whose handlers it cannot run faithfully.",
    )
).code
STATE_DIR_NAME = ".balmail"
WAKE_SECONDS = 0.2
"""How often the main thread checks whether every listener has stopped by itself."""
DEFAULT_MAX_RETRIES = 3
"""As `mail/poller.py` (not imported here, to keep `balmail run` of other programs light)."""
DEFAULT_GRACE_SECONDS = 30.0


@attrs.define
class ServeOptions:
    """The `balmail run` flags that shape the listener runtime."""

    state_dir: Path | None = None
    """Where the delivery state lives; default `.balmail/` beside the program."""
    state: str | None = None
    """`--state postgresql://...`: the shared store (before Config.toml's `[balmail] state`)."""
    max_retries: int = DEFAULT_MAX_RETRIES
    grace_seconds: float = DEFAULT_GRACE_SECONDS
    once: bool = False
    log_subjects: bool = False
    metrics: str | None = None
    """`--metrics HOST:PORT`: serve Prometheus metrics and /healthz there."""
    on_watches: Any = None
    """Called with the run's `ops.watch.Watches` once they exist (`--ui`: the canvas's live counters)."""


@attrs.define
class ServeOutcome:
    """How serving ended: the error line for stderr (a listener could not start), the `--once`
    summary lines, and whether `--once` saw a failed cycle or a given-up message (exit 1)."""

    error_text: str | None = None
    summary: list[str] = attrs.field(factory=list)
    failed: bool = False


def prepare_services(
    program: Any, ctx: Any, source: SourceFile, options: ServeOptions | None
) -> list[Diagnostic]:
    """Compile the service declarations and schedule their attachment; the runtime options are
    set now because `main` may create and start listeners itself."""
    options = options or ServeOptions()
    programs = package_programs(program)
    if not any(p.services for p in programs) and getattr(ctx, "email_runtime", None) is None:
        return []
    from balmail.lib.email_listener import EmailRuntime

    runtime = EmailRuntime.of(ctx)
    state_dir = options.state_dir or Path(source.path).resolve().parent / STATE_DIR_NAME
    runtime.options = attrs.evolve(
        runtime.options,
        state_dir=Path(state_dir),
        state=options.state,
        package=package_name(Path(source.path)),
        once=options.once,
        max_retries=options.max_retries,
        grace_seconds=options.grace_seconds,
        log_subjects=options.log_subjects,
    )
    configure_logging(ctx, options.log_subjects)
    _watch_listeners(program, ctx, runtime, options)
    SignalGate.install(ctx, runtime)
    from balmail.check.email import check_email_services
    from balmail.compiler.core import CompileError

    found: list[Diagnostic] = []
    steps: list[Any] = []
    for module in programs:  # every module's services, attached once all modules are initialised
        compiler = module.compiler
        if compiler is None:
            continue
        module_source = source if module is program else module.source
        # What Ballerina's email compiler plugin rejects (EMAIL_101..107) does not run here either.
        refused = [d for d in check_email_services(module_source, compiler.module) if d.is_error]
        found.extend(refused)
        if refused:
            continue
        for service in module.services:
            try:
                steps.append(_attach_step(compiler, service))
            except CompileError as error:
                span = error.span if error.span is not None else service.span
                found.append(diag.error(SERVE_CODE, str(error), span))
    if not found:
        program.init_steps.extend(steps)
    return found


def _watch_listeners(program: Any, ctx: Any, runtime: EmailRuntime, options: ServeOptions) -> None:
    """Give every poller an observer that keeps its tally (health, `--once` summary) and, with
    `--metrics`, its Prometheus series; listeners started from `main` are watched too."""
    from balmail.ops.watch import Watches

    metrics = None
    if options.metrics is not None:
        from balmail.ops.metrics import Metrics

        metrics = Metrics()
    watches = Watches(metrics)
    ctx.ops_watches = watches
    if options.on_watches is not None:
        options.on_watches(watches)

    def observer_for(listener: EmailListener) -> Any:
        name = listener.name or listener_name(program, listener)
        listener.name = name
        services = ",".join(s.name.lstrip("/") for s in listener.services if s.name)
        return watches.add(name, services, listener.settings.interval_seconds)

    runtime.observer_for = observer_for
    runtime.name_for = lambda listener: listener_name(program, listener)


def package_name(path: Path) -> str:
    """`org/name` of the package the program belongs to (Ballerina.toml beside it or above), else
    the file's name: nodes running the same share its listeners (docs/scale-out.md)."""
    import tomllib

    for folder in [path.parent, *path.parent.parents][:4]:
        manifest = folder / "Ballerina.toml"
        if manifest.is_file():
            try:
                package = tomllib.loads(manifest.read_text(encoding="utf-8")).get("package", {})
            except (OSError, tomllib.TOMLDecodeError):
                break
            if isinstance(package, dict) and package.get("name"):
                return f"{package.get('org', '')}/{package['name']}"
            break
    return path.resolve().name


def listener_name(program: Any, listener: EmailListener) -> str:
    """The listener's module-level variable name (`module.name` in a package's submodule), else
    `protocol://user@host:port`."""
    for name, value in _module_listeners(program):
        if isinstance(value, BObject) and value.env is listener:
            return name
    s = listener.settings
    return f"{listener.protocol}://{s.username}@{s.host}:{s.port}"


def _module_listeners(program: Any) -> list[tuple[str, Any]]:
    """(name, value) of the module-level listeners of every module of the program."""
    found: list[tuple[str, Any]] = []
    for module in package_programs(program):
        for name, slot in module.listeners:
            value = module.G[slot] if slot < len(module.G) else None
            found.append((f"{module.module_name}.{name}" if module.module_name else name, value))
    return found


def _attach_step(compiler: Any, service: ast.ServiceDecl) -> Any:
    constructor = ast.ObjectConstructor(
        span=service.span, qualifiers=("service",), type=service.type, members=service.members
    )
    from balmail.compiler import expressions
    from balmail.lib.email_listener import EmailListener

    make_object = expressions.expr(compiler, constructor, None)
    isolated = "isolated" in service.qualifiers
    listeners = [(expressions.expr(compiler, expr, None), expr) for expr in service.listeners]
    name = _attach_name(service.attach_point)

    def attach() -> None:
        frame = compiler.module_frame()
        targets: list[EmailListener] = []
        written: list[BObject] = []  # listeners written in Ballerina (listener_objects.py)
        for evaluate, expr in listeners:
            value = evaluate(frame)
            if isinstance(value, BError):
                raise BallerinaPanic(value)
            listener = value.env if isinstance(value, BObject) else None
            if listener_objects.is_listener_object(value):
                written.append(value)
                compiler.program.service_listeners.append(value)  # `service on new L()` starts too
                continue
            if not isinstance(listener, EmailListener):
                panic = BallerinaPanic(make_error("a service can only be attached to an email listener here"))
                panic.line = expr.span.line
                raise panic
            listener.module_level = True
            targets.append(listener)
        obj = make_object(frame)
        if isinstance(obj, BError):  # the service's `init` returned an error: initialisation fails
            panic = BallerinaPanic(obj)
            panic.line = service.span.line
            raise panic
        for written_listener in written:
            error = listener_objects.attach(written_listener, obj, service.attach_point)
            if error is not None:
                panic = BallerinaPanic(error)
                panic.line = service.span.line
                raise panic
        for listener in targets:
            error = listener.attach(obj, name)
            if error is not None:
                panic = BallerinaPanic(error)
                panic.line = service.span.line
                raise panic
            listener.services[-1].isolated = isolated

    return attach


def _attach_name(point: str | tuple[str, ...] | None) -> str | None:
    if point is None:
        return None
    if isinstance(point, tuple):
        return "/" + "/".join(point)
    return point


def serve_listeners(program: Any, ctx: Any, options: ServeOptions | None) -> ServeOutcome:
    """Run the program's listeners until a signal (or one cycle each with `--once`)."""
    options = options or ServeOptions()
    written = listener_objects.module_listener_objects(program)
    for dynamic in getattr(ctx, "dynamic_listeners", None) or []:  # runtime:registerListener
        if not any(dynamic is w for w in written):
            written.append(dynamic)
    if written:  # listeners written in Ballerina: started now, stopped when serving ends
        return _serve_written(program, ctx, options, written)
    return serve_email_listeners(program, ctx, options)


def serve_email_listeners(program: Any, ctx: Any, options: ServeOptions) -> ServeOutcome:
    """Poll the email listeners until a signal (or one cycle each with `--once`)."""
    runtime: EmailRuntime | None = getattr(ctx, "email_runtime", None)
    if runtime is None:
        return ServeOutcome()
    from balmail.lib.email_listener import EmailListener

    for _name, value in _module_listeners(program):
        if isinstance(value, BObject) and isinstance(value.env, EmailListener):
            value.env.module_level = True
    log = logging.getLogger("balmail.serve")
    to_start: list[EmailListener] = []
    for listener in runtime.listeners:
        if not listener.module_level or listener.poller is not None:
            continue
        if not listener.services:
            log.warning("%s has no service attached; it is not polled", listener.describe())
            continue
        to_start.append(listener)
    server = None
    try:
        if options.metrics is not None:
            from balmail.ops.metrics import MetricsError, MetricsServer

            try:
                server = MetricsServer(ctx.ops_watches.metrics, ctx.ops_watches, options.metrics)
            except MetricsError as error:
                _stop_all([li for li in runtime.listeners if li.poller is not None], 0.0)
                return ServeOutcome(f"error: {error}")
            server.start()
            log.info("metrics on http://%s:%d/metrics, health on /healthz", server.host, server.port)
        if options.once:
            return _run_once(runtime, to_start, ctx.ops_watches)
        return ServeOutcome(_run_until_signal(runtime, to_start, log))
    finally:
        if server is not None:
            server.close()
        runtime.close()
        runtime.flush_output()
        gate = SignalGate.of(ctx)
        if gate is not None:
            gate.restore()


def _serve_written(program: Any, ctx: Any, options: ServeOptions, written: list[BObject]) -> ServeOutcome:
    """Start the listeners written in Ballerina, serve the email ones as usual, then stop them all
    (at once with `--once`, else after SIGINT/SIGTERM)."""
    error = listener_objects.start_all(written)
    if error is not None:
        return ServeOutcome(_error_line(error))
    outcome = ServeOutcome()
    runtime = getattr(ctx, "email_runtime", None)
    if runtime is not None and runtime.listeners:
        outcome = serve_email_listeners(program, ctx, options)  # waits for the signal itself
    else:
        if runtime is not None:
            outcome = serve_email_listeners(program, ctx, options)  # nothing to poll: closes it
        if not options.once:
            _wait_for_signal()
    error = listener_objects.stop_all(written)
    if error is not None and outcome.error_text is None:
        outcome.error_text = _error_line(error)
    return outcome


def _error_line(error: BError) -> str:
    from balmail.runtime.values import to_string

    return f"error: {error.message}" + (" " + to_string(error.detail) if error.detail else "")


def _wait_for_signal() -> None:
    """Block the main thread until SIGINT or SIGTERM (a program whose only listeners are its own)."""
    event = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        return
    previous = {sig: signal.signal(sig, lambda *_: event.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not event.wait(WAKE_SECONDS):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run_once(runtime: EmailRuntime, listeners: list[EmailListener], watches: Any) -> ServeOutcome:
    """One cycle of every listener, all at once (each on its own thread, as when they poll)."""
    from balmail.lib.email_listener import POLLER_STACK_BYTES

    errors: list[str | None] = [None] * len(listeners)

    def cycle(index: int, listener: EmailListener) -> None:
        error = listener.poll_once()
        if error is not None:
            errors[index] = error.message

    with thread_stack(POLLER_STACK_BYTES):
        threads = [
            threading.Thread(target=cycle, args=(i, li), name="balmail-once", daemon=True)
            for i, li in enumerate(listeners)
        ]
        for thread in threads:
            thread.start()
    for thread in threads:
        thread.join()
    for message in errors:
        if message is not None:
            return ServeOutcome(f"error: {message}")
    _stop_all([li for li in runtime.listeners if li.poller is not None], runtime.options.grace_seconds)
    watched = watches.all()
    return ServeOutcome(
        summary=[w.summary_line() for w in watched], failed=any(w.failed for w in watched)
    )


def _run_until_signal(
    runtime: EmailRuntime, listeners: list[EmailListener], log: logging.Logger
) -> str | None:
    gate = SignalGate.of(runtime.ctx) or SignalGate.install(runtime.ctx, runtime)
    gate.serving = True
    for listener in listeners:
        error = listener.start()
        if error is not None:
            _stop_all(
                [li for li in runtime.listeners if li.poller is not None], runtime.options.grace_seconds
            )
            return f"error: {error.message}"
    active = [li for li in runtime.listeners if li.poller is not None or li.leased]
    if not active:
        return None
    log.info("%d listener(s) polling; stop with Ctrl-C or SIGTERM", len(active))
    while not gate.event.wait(WAKE_SECONDS):
        if not any(li.running for li in active):
            break
    if gate.received:
        log.info(
            "%s received: stopping listeners (grace period %gs)",
            signal.Signals(gate.received[0]).name,
            runtime.options.grace_seconds,
        )
    _stop_all(active, runtime.options.grace_seconds)
    return None


class SignalGate:
    """SIGINT/SIGTERM for a program with email listeners, installed on the main thread before
    the program starts. While listeners are served, a signal just wakes the serving loop. While
    `main` still runs (it may have started listeners and be sleeping), a signal stops every
    running listener gracefully and ends the process with exit code 0, as Ballerina's runtime
    does: `main` runs on a worker thread that cannot be interrupted."""

    def __init__(self, runtime: EmailRuntime) -> None:
        self.runtime = runtime
        self.event = threading.Event()
        self.received: list[int] = []
        self.serving = False
        self.previous: dict[int, Any] = {}

    @classmethod
    def of(cls, ctx: Any) -> SignalGate | None:
        return getattr(ctx, "email_signals", None)

    @classmethod
    def install(cls, ctx: Any, runtime: EmailRuntime) -> SignalGate:
        gate = cls.of(ctx)
        if gate is None:
            gate = cls(runtime)
            ctx.email_signals = gate
            if threading.current_thread() is threading.main_thread():
                for sig in (signal.SIGINT, signal.SIGTERM):
                    gate.previous[sig] = signal.signal(sig, gate.on_signal)
        return gate

    def on_signal(self, signum: int, frame: Any) -> None:
        self.received.append(signum)
        self.event.set()
        if self.serving:
            return
        runtime = self.runtime
        running = [li for li in runtime.listeners if li.running]
        if not running:
            self._pass_on(signum, frame)
            return
        logging.getLogger("balmail.serve").info(
            "%s received while main runs: stopping %d listener(s) and exiting",
            signal.Signals(signum).name,
            len(running),
        )
        _stop_all(running, runtime.options.grace_seconds)
        runtime.close()
        runtime.flush_output()
        os._exit(0)

    def _pass_on(self, signum: int, frame: Any) -> None:
        """No listener runs: the signal means what it meant before (KeyboardInterrupt, or the
        default action), so a program that only uses clients is interrupted as usual."""
        previous = self.previous.get(signum, signal.SIG_DFL)
        if callable(previous):
            previous(signum, frame)
        elif previous != signal.SIG_IGN:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    def restore(self) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        self.previous.clear()


def _stop_all(listeners: list[EmailListener], grace: float) -> None:
    """Stop every listener at once, so the grace periods run side by side, not one after another."""
    threads = [
        threading.Thread(target=listener.graceful_stop, args=(grace,), name="balmail-stop", daemon=True)
        for listener in listeners
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(grace + 10.0)


# -- logging ------------------------------------------------------------------------------------


def configure_logging(ctx: Any, log_subjects: bool = False) -> None:
    """Runtime lines go to the program's log sink (`[ballerina.log]`: level, format, destinations),
    at INFO unless configured (BALMAIL_LOG_LEVEL=DEBUG for one line per polling cycle)."""
    from balmail.ops.logs import configure_runtime_logging

    configure_runtime_logging(ctx, log_subjects)
