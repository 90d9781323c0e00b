"""The `balmail` command line. The only module that prints or exits."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import click

from balmail import __version__
from balmail.diagnostics import Diagnostic
from balmail.source import SourceFile

if TYPE_CHECKING:
    from balmail.project import Project
    from balmail.web.live import LiveUI

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2


def load_projects(paths: tuple[str, ...]) -> list[Project]:
    """The programs PATHS name (default: the current folder): files, packages, folders of either."""
    from balmail.project import ProjectError, discover

    try:
        return discover(paths or (".",))
    except ProjectError as e:
        raise click.UsageError(str(e)) from None


def collect_files(paths: tuple[str, ...]) -> list[Path]:
    """Expand the command's paths: a folder means every `.bal` file under it (sorted, stable order)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.bal") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise click.UsageError(f"no such file or folder: '{raw}'")
    if not files:
        raise click.UsageError("no .bal files found in: " + ", ".join(paths))
    return files


def read_sources(files: list[Path]) -> list[SourceFile]:
    """Read each file; an unreadable file is a usage error with a clear message."""
    sources = []
    for path in files:
        try:
            sources.append(SourceFile.read(path))
        except OSError as e:
            raise click.UsageError(f"cannot read '{path}': {e.strerror or e}") from None
    return sources


def emit(diagnostics: list[Diagnostic], sources: list[SourceFile], fmt: str, base_dir: Path) -> None:
    """Print diagnostics in the chosen format on stdout."""
    from balmail.report import render_json, render_sarif, render_text

    if fmt == "json":
        click.echo(render_json(diagnostics))
    elif fmt == "sarif":
        click.echo(render_sarif(diagnostics, base_dir=str(base_dir)))
    elif diagnostics:
        text = render_text(diagnostics, sources)
        click.echo(text, nl=not text.endswith("\n"))


def endpoint_options(command: Any) -> Any:
    """`--listener NAME.key=value` and `--client NAME.key=value` (balmail/deployment.py)."""
    command = click.option(
        "--client", "client_flags", multiple=True, metavar="NAME.KEY=VALUE",
        help="Override a setting of the email client NAME (docs/config.md).",
    )(command)
    return click.option(
        "--listener", "listener_flags", multiple=True, metavar="NAME.KEY=VALUE",
        help="Override a setting of the email listener NAME: host, port, security, username, password, "
        "caFile, pollingInterval (docs/config.md).",
    )(command)  # fmt: skip


EXIT_INTERNAL = 70


class SafeGroup(click.Group):
    """The command group, with one last guard: a Python exception that escapes a command is a balmail bug,
    reported in one sentence (exit 70), never as a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as e:  # noqa: BLE001 - the guard of last resort
            click.echo(
                f"balmail: internal error ({type(e).__name__}: {e}); this is a bug in balmail, please "
                "report it together with the program",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)


ALLOW_FLAGS = ("--allow-read", "--allow-write", "--allow-net", "--allow-env", "--allow-exec")


class AllowOption(click.Option):
    """An `--allow-*` flag: `--allow-net=HOST` grants HOST, a bare `--allow-net` grants any host. A value
    is only ever attached with `=`, so `balmail run --allow-net prog.bal` runs prog.bal (see AllowCommand)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None:
            return None
        return f"{self.opts[0]}[={self.metavar}]", record[1]


class AllowCommand(click.Command):
    """A command with `--allow-*` flags: a bare flag becomes `--allow-X=*` before click parses, so the
    argument after it is never taken as its value (click would take any word that is not an option)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        rewritten: list[str] = []
        for i, arg in enumerate(args):
            if arg == "--":
                rewritten.extend(args[i:])
                break
            if arg in ALLOW_FLAGS:
                arg = f"{arg}=*"
                if i + 1 < len(args) and not args[i + 1].startswith("-"):
                    ctx.meta.setdefault("balmail.bare_allow", []).append((args[i], args[i + 1]))
            rewritten.append(arg)
        return super().parse_args(ctx, rewritten)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as e:  # `--allow-env HOME prog.bal`: HOME was taken as the program
            for flag, word in ctx.meta.get("balmail.bare_allow", []):
                if f"'{word}'" in e.message:
                    e.message += f" (a value of {flag} is attached with '=': {flag}={word})"
            raise


def allow_option(flag: str, metavar: str, what: str) -> Any:
    """One `--allow-*` option of an `AllowCommand` (a list of granted names; "*" grants everything)."""
    return click.option(flag, flag[2:].replace("-", "_"), cls=AllowOption, multiple=True, metavar=metavar,
                        help=what)


@click.group(cls=SafeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="balmail")
def main() -> None:
    """Run, check and lint Ballerina email-listener programs without a JVM."""


def _deep(fn: Any) -> Any:
    """Run a check pass on a big stack (balmail/deep.py); input nested beyond even that is an error
    message and exit 1, never a traceback."""
    from balmail.deep import NestingTooDeep, call_deep

    try:
        return call_deep(fn)
    except NestingTooDeep as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_ERRORS)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(paths: tuple[str, ...], fmt: str) -> None:
    """Parse PATHS and resolve names; report problems. A path is a .bal file, a package folder (with
    Ballerina.toml), or a folder of either; default: the current folder.

    Exit 0 when clean, 1 when there are errors, 2 on usage errors.
    """
    from balmail.check.packages import check_project

    sources: list[SourceFile] = []
    found: list[Diagnostic] = []
    for project in load_projects(paths):
        found.extend(_deep(lambda: check_project(project).diagnostics))  # noqa: B023 - called at once
        sources.extend(project.files)
    emit(found, sources, fmt, Path.cwd())
    if fmt == "text":
        errors = sum(1 for d in found if d.is_error)
        files = sum(1 for source in sources if source.path.endswith(".bal"))
        click.echo(f"{files} file(s) checked, {errors} error(s)", err=True)
    sys.exit(EXIT_ERRORS if any(d.is_error for d in found) else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--select", multiple=True, metavar="PREFIX,...", help="Report only these code prefixes.")
@click.option("--ignore", multiple=True, metavar="PREFIX,...", help="Leave out these code prefixes.")
def lint(
    paths: tuple[str, ...], fmt: str, strict: bool, select: tuple[str, ...], ignore: tuple[str, ...]
) -> None:
    """Lint PATHS (files, package folders, folders of either; default: the current folder): Ballerina's
    email-service checks, listener
    configuration, portability, and the `[balmail...]` sections of the Config.toml beside the program.
    Suppress one finding with `// balmail:ignore CODE` on its line.

    Exit 0 when clean, 1 on errors (on warnings too with --strict), 2 on usage errors.
    """
    from balmail.check.lint import failed, lint_project, parse_prefixes
    from balmail.deployment_lint import lint_configs

    try:
        selected, ignored = parse_prefixes(select), parse_prefixes(ignore)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    sources: list[SourceFile] = []
    found: list[Diagnostic] = []
    projects = load_projects(paths)
    for project in projects:
        found.extend(_deep(lambda: lint_project(project, select=selected, ignore=ignored)))  # noqa: B023
        sources.extend(project.files)
    config_sources, config_found = lint_configs(projects, select=selected, ignore=ignored)  # Config.toml
    sources.extend(config_sources)
    found.extend(config_found)
    emit(found, sources, fmt, Path.cwd())
    if fmt == "text":
        errors = sum(1 for d in found if d.is_error)
        warnings = sum(1 for d in found if d.severity.value == "warning")
        notes = len(found) - errors - warnings
        files = sum(1 for source in sources if source.path.endswith(".bal"))
        summary = f"{files} file(s) linted, {errors} error(s), {warnings} warning(s), {notes} info"
        click.echo(summary, err=True)
    sys.exit(EXIT_ERRORS if failed(found, strict=strict) else EXIT_OK)


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for raw in values for v in raw.split(",") if v.strip())


# -- run, replay and dev: the permission, budget and override flags --------------------------


def program_options(command: Any) -> Any:
    """-C, the permission and budget flags and the endpoint overrides, as `balmail run` has them (the
    command must be an `AllowCommand`)."""
    allow = allow_option
    options = [
        click.option("-C", "overrides", multiple=True, metavar="NAME=VALUE", help="Set a configurable."),
        allow("--allow-read", "PATH", "Allow reading files under PATH (comma list; bare flag: anywhere)."),
        allow("--allow-write", "PATH", "Allow writing files under PATH (comma list; bare flag: anywhere)."),
        allow("--allow-net", "HOST[:PORT]", "Allow network access to HOST (comma list; bare flag: any)."),
        allow("--allow-env", "NAME", "Allow reading environment variable NAME (comma list; bare flag: all)."),
        allow("--allow-exec", "PROGRAM",
              "Allow os:exec to start PROGRAM, a name on PATH or a path (comma list; bare flag: any)."),
        click.option("--max-steps", type=int, default=None, help="Step budget (loop iterations + calls)."),
        click.option("--max-time", type=float, default=None, help="Wall-time budget in seconds."),
        click.option("--max-depth", type=int, default=None, help="Call depth budget."),
        click.option("--max-size", type=int, default=None, help="Largest string/list/map size."),
        click.option("--max-memory", default=None,
                     help="Memory a handler may add to the process (e.g. 512M, 2G)."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return endpoint_options(command)


@attrs.frozen
class ProgramOptions:
    """What `program_options` parsed, ready for `run_program`-like calls."""

    overrides: dict[str, str]
    permissions: Any
    budgets: Any
    endpoints: Any


def take_program_options(options: dict[str, Any]) -> ProgramOptions:
    """Pop `program_options`' values out of a command's keyword arguments and check them."""
    from balmail.deployment import EndpointOptions
    from balmail.runtime.sandbox import Budgets, Permissions

    def grant(values: tuple[str, ...]) -> tuple[str, ...] | None:
        items = [v for raw in values for v in raw.split(",") if v]
        return None if "*" in items else tuple(items)

    parsed: dict[str, str] = {}
    for item in options.pop("overrides"):
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.UsageError(f"-C expects NAME=VALUE, got '{item}'")
        parsed[name] = value
    try:
        budgets = Budgets().with_flags(
            steps=options.pop("max_steps"), seconds=options.pop("max_time"), depth=options.pop("max_depth"),
            size=options.pop("max_size"), memory=options.pop("max_memory"),
        )  # fmt: skip
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    permissions = Permissions(
        grant(options.pop("allow_read")), grant(options.pop("allow_write")), grant(options.pop("allow_net")),
        grant(options.pop("allow_env")), exec=grant(options.pop("allow_exec")),
    )  # fmt: skip
    endpoints = EndpointOptions(options.pop("listener_flags"), options.pop("client_flags"))
    return ProgramOptions(parsed, permissions, budgets, endpoints)


@main.command("test", cls=AllowCommand)
@click.argument("package", default=".", required=False)
@click.option("--tests", "tests", multiple=True, metavar="NAME,...",
              help="Run only these tests (* wildcards).")
@click.option("--groups", multiple=True, metavar="GROUP,...", help="Run only tests in these groups.")
@click.option("--disable-groups", multiple=True, metavar="GROUP,...", help="Leave out tests in these groups.")
@click.option("--rerun-failed", is_flag=True, help="Run only the tests that failed in the last run.")
@click.option("--test-report", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Write a JUnit XML report to FILE.")
@click.option("-C", "overrides", multiple=True, metavar="NAME=VALUE", help="Set a configurable variable.")
@allow_option("--allow-read", "PATH", "Allow reading files under PATH (comma list; bare flag: anywhere).")
@allow_option("--allow-write", "PATH", "Allow writing files under PATH (comma list; bare flag: anywhere).")
@allow_option("--allow-net", "HOST[:PORT]", "Allow network access to HOST (comma list; bare flag: any host).")
@allow_option("--allow-env", "NAME", "Allow reading environment variable NAME (comma list; bare flag: all).")
@allow_option("--allow-exec", "PROGRAM",
              "Allow os:exec to start PROGRAM, a name on PATH or a path (comma list; bare flag: any).")
@click.option("--seed", type=click.Path(), default=None, metavar="DIR",
              help="Start every mailbox of the embedded mail servers with these .eml files (or Maildir).")
@click.option("--no-mail-servers", is_flag=True,
              help="Connect listeners and clients to the hosts the program names, not embedded servers.")
def test_command(
    package: str,
    tests: tuple[str, ...],
    groups: tuple[str, ...],
    disable_groups: tuple[str, ...],
    rerun_failed: bool,
    test_report: str | None,
    seed: str | None,
    no_mail_servers: bool,
    overrides: tuple[str, ...],
    allow_read: tuple[str, ...],
    allow_write: tuple[str, ...],
    allow_net: tuple[str, ...],
    allow_env: tuple[str, ...],
    allow_exec: tuple[str, ...],
) -> None:
    """Run the Ballerina tests of PACKAGE (default: the current folder): its `.bal` files with
    `tests/*.bal`, using `ballerina/test`. Exit 1 when a test fails or the package does not compile."""
    from balmail.report import render_text
    from balmail.runtime.sandbox import Permissions
    from balmail.testing.report import junit_xml
    from balmail.testing.runner import Selection
    from balmail.testing.session import TestOptions, run_tests

    def grant(values: tuple[str, ...]) -> tuple[str, ...] | None:
        items = _names(values)
        return None if "*" in items else items

    def loopback(granted: tuple[str, ...] | None) -> tuple[str, ...] | None:
        """Tests may reach loopback servers (the embedded mail servers, a local HTTP peer) unasked."""
        return None if granted is None else (*granted, "127.0.0.1", "localhost")

    parsed: dict[str, str] = {}
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.UsageError(f"-C expects NAME=VALUE, got '{item}'")
        parsed[name] = value
    options = TestOptions(
        selection=Selection(_names(tests), _names(groups), _names(disable_groups)),
        rerun_failed=rerun_failed,
        permissions=Permissions(
            grant(allow_read), grant(allow_write), loopback(grant(allow_net)), grant(allow_env),
            exec=grant(allow_exec),
        ),
        overrides=parsed,
        mail_servers=not no_mail_servers,
        seed=Path(seed) if seed else None,
    )
    session = run_tests(package, options, out=sys.stdout, err=sys.stderr)
    if session.diagnostics and any(d.is_error for d in session.diagnostics):
        text = render_text(session.diagnostics, session.sources)
        click.echo(text, err=True, nl=not text.endswith("\n"))
        click.echo("error: compilation contains errors", err=True)
    if session.error_text:
        click.echo(session.error_text, err=True)
    if test_report and session.run is not None and session.package is not None:
        try:
            Path(test_report).write_text(junit_xml(session.package.name, session.run), encoding="utf-8")
        except OSError as e:
            click.echo(f"error: cannot write '{test_report}': {e.strerror or e}", err=True)
            sys.exit(EXIT_ERRORS)
    if session.run is not None and not session.run.ok:
        click.echo("error: there are test failures", err=True)
    sys.exit(session.exit_code)


@main.command(cls=AllowCommand)
@click.argument("program", default=".", required=False)
@program_options
@click.option("--state-dir", type=click.Path(file_okay=False), default=None,
              help="Where listeners record handled messages (default: .balmail/ beside the program).")
@click.option("--state", "state", default=None, metavar="URI",
              help="A postgresql:// URI: keep the state there, shared with other nodes (docs/scale-out.md).")
@click.option("--max-retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Retries of a message whose handler failed before it is given up.")
@click.option("--grace-period", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Seconds a running handler may take to finish after SIGINT/SIGTERM.")
@click.option("--once", is_flag=True, help="Run one polling cycle for every listener, then exit.")
@click.option("--log-subjects", is_flag=True, help="Show message subjects in the delivery log lines.")
@click.option("--metrics", "metrics", default=None, metavar="HOST:PORT",
              help="Serve Prometheus metrics (/metrics) and health (/healthz) on HOST:PORT.")
@click.option("--ui", is_flag=True, help="Also serve the design canvas with live counters (URL on stderr).")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def run(
    program: str,
    state_dir: str | None,
    state: str | None,
    max_retries: int,
    grace_period: float,
    once: bool,
    log_subjects: bool,
    metrics: str | None,
    ui: bool,
    args: tuple[str, ...],
    **rest: Any,
) -> None:
    """Run PROGRAM (a .bal file or a package folder, default: the current folder): its `main`, then its
    email listeners until SIGINT/SIGTERM; ARGS (after `--`) go to `main`. Exit 1 on compile errors or an
    error."""
    from balmail.app import run_program
    from balmail.report import render_text
    from balmail.serve import ServeOptions

    if Path(program).is_dir() and not (Path(program) / "Ballerina.toml").is_file():
        raise click.UsageError(
            f"'{program}' is not a Ballerina package (no Ballerina.toml in it): "
            "give a .bal file or a package folder"
        )
    if not Path(program).exists():
        raise click.UsageError(f"no such file or folder: '{program}'")
    if state is not None and not state.startswith(("postgresql://", "postgres://")):
        raise click.UsageError(
            f"--state expects a postgresql:// URI (use --state-dir for a folder), got '{state}'"
        )
    if metrics is not None:
        from balmail.ops.metrics import MetricsError, parse_address

        try:
            parse_address(metrics)
        except MetricsError as e:
            raise click.UsageError(str(e)) from None
    options = take_program_options(rest)
    parsed = options.overrides
    argv = list(args[1:] if args and args[0] == "--" else args)
    live = _start_live_ui(Path(program), parsed) if ui else None
    result = run_program(
        program, argv, overrides=parsed, permissions=options.permissions, budgets=options.budgets,
        out=sys.stdout, err=sys.stderr,
        serve_options=ServeOptions(
            state_dir=Path(state_dir) if state_dir else None, state=state, max_retries=max_retries,
            grace_seconds=grace_period, once=once, log_subjects=log_subjects, metrics=metrics,
            on_watches=live.attach if live else None,
        ),
        endpoints=options.endpoints,
    )
    if live is not None:
        live.stop()
    if result.diagnostics and any(d.is_error for d in result.diagnostics):
        click.echo(render_text(result.diagnostics, result.sources), err=True, nl=False)
    for line in result.summary:
        click.echo(line, err=True)
    if result.error_text:
        click.echo(result.error_text, err=True)
    sys.exit(result.exit_code)


@main.command()
@click.argument("name")
@click.option("--template", "template", type=click.Choice(["email-listener-pop", "email-listener-imap"]),
              default="email-listener-pop", show_default=True, help="What the package does.")
@click.option("--org", default=None, help="Organisation name in Ballerina.toml (default: your user name).")
def new(name: str, template: str, org: str | None) -> None:
    """Create package NAME (a folder) laid out as WSO2 Integrator does: an email listener with its
    Config.toml and README. Refuses a folder that exists and is not empty."""
    from balmail.project.new import NewPackageError, create_package

    try:
        package = create_package(Path(name), template, org)
    except NewPackageError as e:
        raise click.UsageError(str(e)) from None
    except OSError as e:
        raise click.UsageError(f"cannot create '{name}': {e.strerror or e}") from None
    click.echo(f"Created new package '{package}' at {name}.")
    click.echo(f"Next: set the mailbox in {Path(name) / 'Config.toml'}, then `balmail run {name}`.")


def _start_live_ui(path: Path, overrides: dict[str, str]) -> LiveUI:
    """`--ui`: the design canvas of the running program, its counters pushed live; the URL on stderr."""
    import os

    from balmail.web.live import LiveUI
    from balmail.web.program import ProgramError

    try:
        live = LiveUI.start(path, environ=dict(os.environ), overrides=overrides)
    except ProgramError as e:
        raise click.UsageError(str(e)) from None
    except OSError as e:
        raise click.UsageError(f"cannot serve the design canvas: {e.strerror or e}") from None
    click.echo(f"balmail design (live): {live.url}", err=True)
    return live


@main.command()
@click.argument("path", default=".", required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("-C", "overrides", multiple=True, metavar="NAME=VALUE",
              help="A configurable's value, as `balmail run -C` would set it.")
def design(path: str, port: int, open_browser: bool, overrides: tuple[str, ...]) -> None:
    """Show PATH (a .bal file or a program folder) on a design canvas in the browser: explorer, listeners
    and services, handler flows, listener forms that write back to the source and Config.toml.

    Serves on the loopback address only; the printed URL carries a random access token. Ctrl-C stops.
    """
    import os
    import webbrowser

    from balmail.web.program import ProgramError, program_files
    from balmail.web.server import DesignServer, DesignState

    parsed: dict[str, str] = {}
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.UsageError(f"-C expects NAME=VALUE, got '{item}'")
        parsed[name] = value
    try:
        program_files(Path(path))
    except ProgramError as e:
        raise click.UsageError(str(e)) from None
    state = DesignState(Path(path), environ=dict(os.environ), overrides=parsed)
    try:
        server = DesignServer(state, port)
    except OSError as e:
        raise click.UsageError(f"cannot listen on 127.0.0.1:{port}: {e.strerror or e}") from None
    click.echo(f"balmail design: {server.url}")
    sys.stdout.flush()
    click.echo("Ctrl-C stops the server.", err=True)
    if open_browser:
        webbrowser.open(server.url)
    server.run()
    sys.exit(EXIT_OK)


@main.command()
@click.argument("path", required=False)
def status(path: str | None) -> None:
    """Show the state store per listener: last cycle, counts, messages being retried and given up
    (with their keys for `retry`/`forget`) and, on PostgreSQL, which node owns each listener. PATH: the
    state folder (default .balmail, or Config.toml's `[balmail] state`), its state.db, the program, or a
    postgresql:// URI."""
    from balmail.ops.inspect import InspectError, locate_store, status_lines

    try:
        lines = status_lines(locate_store(path))
    except InspectError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo("\n".join(lines))


_STATE_DIR = click.option(
    "--state-dir", "--state", "state_dir", default=None, metavar="PATH",
    help="The state folder, its state.db, the program, or a postgresql:// URI (default: .balmail).",
)
_FORCE = click.option("--force", is_flag=True, help="Change the store even while a run is using it.")


@main.command()
@click.argument("keys", nargs=-1, type=int)
@click.option("--all-given-up", is_flag=True, help="Every given-up message.")
@_STATE_DIR
@_FORCE
def retry(keys: tuple[int, ...], all_given_up: bool, state_dir: str | None, force: bool) -> None:
    """Make given-up messages (KEYS from `balmail status`) eligible again: the next run delivers
    them from the store's copy. Refuses while a run uses the store, unless --force."""
    from balmail.ops.inspect import InspectError, locate_store
    from balmail.ops.inspect import retry as retry_messages

    if bool(keys) == all_given_up:
        raise click.UsageError("give the KEYS of given-up messages or --all-given-up (one of the two)")
    try:
        count = retry_messages(locate_store(state_dir), list(keys), all_given_up, force)
    except InspectError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"{count} message(s) will be delivered again on the next polling cycle")


@main.command()
@click.argument("keys", nargs=-1, type=int)
@click.option("--before", default=None, metavar="DATE", help="Every entry last changed before DATE (UTC).")
@_STATE_DIR
@_FORCE
def forget(keys: tuple[int, ...], before: str | None, state_dir: str | None, force: bool) -> None:
    """Remove entries (KEYS from `balmail status`, or all older than --before DATE) from the state
    store. Refuses while a run uses the store, unless --force."""
    from balmail.ops.inspect import InspectError, locate_store, parse_date
    from balmail.ops.inspect import forget as forget_entries

    if bool(keys) == (before is not None):
        raise click.UsageError("give the KEYS of entries or --before DATE (one of the two)")
    try:
        moment = parse_date(before) if before is not None else None
        count = forget_entries(locate_store(state_dir), list(keys), moment, force)
    except InspectError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"{count} entr{'y' if count == 1 else 'ies'} removed")


def print_failure(result: Any) -> None:
    from balmail.report import render_text

    if result.diagnostics and any(d.is_error for d in result.diagnostics):
        click.echo(render_text(result.diagnostics, result.sources), err=True, nl=False)
    for line in getattr(result, "summary", ()):
        click.echo(line, err=True)
    if result.error_text:
        click.echo(result.error_text, err=True)


@main.command(cls=AllowCommand)
@click.argument("program", type=click.Path())
@click.argument("messages", nargs=-1)
@click.option("--maildir", type=click.Path(), default=None, help="Replay every message of this Maildir.")
@click.option("--service", default=None, metavar="NAME", help="Feed only the service with this name.")
@program_options
def replay(
    program: str, messages: tuple[str, ...], maildir: str | None, service: str | None, **rest: Any
) -> None:
    """Feed MESSAGES (.eml files) or a Maildir straight to the services of PROGRAM (a .bal file or a
    package folder), no server needed:
    `onMessage` for each, `onError` when it fails; one line per call on stdout.

    Exit 0 when every handler succeeded, 1 when one failed (or the program did not start), 2 on
    usage errors (a missing message file, an unknown service)."""
    from balmail.replay import ReplayInputError, read_messages
    from balmail.replay import replay as run_replay

    options = take_program_options(rest)
    target = Path(program)
    if target.is_dir() and not (target / "Ballerina.toml").is_file():
        raise click.UsageError(
            f"'{program}' is a folder but not a package (no Ballerina.toml); name the .bal file"
        )
    if not target.exists():
        raise click.UsageError(f"no such file or package: '{program}'")
    try:
        saved = read_messages(list(messages), maildir)
    except ReplayInputError as e:
        raise click.UsageError(str(e)) from None
    result = run_replay(
        program, saved, service=service, report=click.echo, overrides=options.overrides,
        permissions=options.permissions, budgets=options.budgets, endpoints=options.endpoints,
        out=sys.stdout, err=sys.stderr,
    )  # fmt: skip
    print_failure(result)
    sys.exit(result.exit_code)



@main.command(cls=AllowCommand)
@click.argument("path", default=".", required=False)
@click.option("--seed", type=click.Path(file_okay=False), default=None,
              help="Seed every mailbox with the .eml files (or Maildir) in DIR (default: mail/ beside it).")
@click.option("--state-dir", type=click.Path(file_okay=False), default=None,
              help="Where listeners record handled messages (default: a temporary folder).")
@click.option("--once", is_flag=True, help="Handle what is in the mailboxes, call onClose, exit.")
@click.option("--max-retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Retries of a message whose handler failed before it is given up.")
@click.option("--grace-period", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Seconds a running handler may take to finish after SIGINT/SIGTERM.")
@click.option("--log-subjects", is_flag=True, help="Show message subjects in the delivery log lines.")
@click.option("--ui", is_flag=True, help="Also serve the design canvas with live counters (URL on stderr).")
@program_options
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def dev(
    path: str, seed: str | None, state_dir: str | None, once: bool, max_retries: int, grace_period: float,
    log_subjects: bool, ui: bool, args: tuple[str, ...], **rest: Any,
) -> None:
    """Run PATH (a .bal file or its folder, default: the current folder) against embedded IMAP, POP3
    and SMTP servers on loopback, with every listener and client redirected to them and the mailboxes
    seeded with sample messages. Until Ctrl-C, or one round with --once.

    Exit 0 when all went well, 1 on compile errors or a failed handler round, 2 on usage errors."""
    from balmail.deployment import Applied
    from balmail.dev import DevError, Started, resolve_program, run_dev, send_command
    from balmail.serve import ServeOptions

    options = take_program_options(rest)
    live = None
    if ui:
        try:
            live = _start_live_ui(resolve_program(path), options.overrides)
        except DevError as e:
            raise click.UsageError(str(e)) from None
    first_listener: list[str] = []
    shown: set[tuple[str, str | None, str, int]] = set()  # clients made per message are shown once

    def started(info: Started) -> None:
        where = f" from {info.seed}" if info.seed is not None else ""
        click.echo(f"balmail dev: mail servers on {info.host}, {info.seeded} seed message(s){where}")
        ports = "  ".join(f"{name.upper()} {port}" for name, port in sorted(info.ports.items()))
        click.echo(f"  {ports}")
        click.echo(f"  CA certificate: {info.ca_file}")

    def endpoint(applied: Applied, info: Started) -> None:
        seen = (applied.role, applied.name, applied.protocol, applied.port)
        if seen in shown:
            return
        shown.add(seen)
        name = applied.name if applied.name is not None else "(unnamed)"
        who = f" {applied.username}" if applied.role == "listener" else ""
        click.echo(
            f"{applied.role} {name}: {applied.protocol.upper()}{who} -> {applied.host}:{applied.port} "
            f"({applied.security})"
        )
        if applied.role == "listener" and not first_listener:
            first_listener.append(applied.username)
            click.echo(f"Send one more test message to {applied.username}:")
            click.echo("  " + send_command(info.host, info.ports["smtp"], applied.username))

    argv = list(args[1:] if args and args[0] == "--" else args)
    try:
        result = run_dev(
            path, argv, seed=seed, on_started=started, on_endpoint=endpoint, endpoints=options.endpoints,
            state_dir=Path(state_dir) if state_dir else None,
            serve_options=ServeOptions(
                max_retries=max_retries, grace_seconds=grace_period, once=once, log_subjects=log_subjects,
                on_watches=live.attach if live else None,
            ),
            overrides=options.overrides, permissions=options.permissions, budgets=options.budgets,
            out=sys.stdout, err=sys.stderr,
        )
    except DevError as e:
        raise click.UsageError(str(e)) from None
    finally:
        if live is not None:
            live.stop()
    print_failure(result)
    sys.exit(result.exit_code)

if __name__ == "__main__":  # pragma: no cover
    main()
