"""`balmail dev`: run a program against embedded mail servers (balmail/devserver) started in the
same process, so it can be tried with no mail server installed.

Every listener and client is redirected to the servers through the endpoint overrides
(balmail/deployment.py `Redirect`): the loopback host, the port of its protocol and security mode,
the servers' throwaway CA. Mailboxes start with the seed messages (`--seed DIR`, default the `mail/`
folder beside the program). Delivery is the one of `balmail run` (same poller, same state store);
the state lives in a temporary folder unless `--state-dir` is given, because the servers' mailboxes
are new on every start.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import attrs

from balmail.app import RunResult, run_program
from balmail.deployment import Applied, EndpointOptions, Redirect

SEED_FOLDER = "mail"
DEV_POLLING_SECONDS = Decimal(1)
"""How often redirected listeners poll unless `pollingInterval` is overridden by name: a message
sent to the dev servers shows up within a second, whatever the program's production interval."""


class DevError(Exception):
    """The program or seed folder cannot be used (a usage error)."""


def resolve_program(path: str | Path) -> Path:
    """PATH as given, or the single `.bal` file of a folder that is not a package."""
    target = Path(path)
    if target.is_file():
        return target
    if not target.is_dir():
        raise DevError(f"no such file or folder: '{path}'")
    if (target / "Ballerina.toml").is_file():
        return target
    files = sorted(p for p in target.glob("*.bal") if p.is_file())
    if len(files) != 1:
        found = ", ".join(p.name for p in files) if files else "none"
        raise DevError(f"'{path}' should hold exactly one .bal file (found: {found}); name the file instead")
    return files[0]


def default_seed(program: Path) -> Path | None:
    folder = (program if program.is_dir() else program.parent) / SEED_FOLDER
    return folder if folder.is_dir() else None


def load_seed_messages(seed: str | Path | None, program: Path) -> tuple[Path | None, list[bytes]]:
    """The seed folder used and its messages (.eml files or a Maildir)."""
    from balmail.devserver import DevServerError, load_seed

    folder = Path(seed) if seed is not None else default_seed(program)
    if folder is None:
        return None, []
    try:
        return folder, list(load_seed(folder))
    except DevServerError as e:
        raise DevError(str(e)) from None


@attrs.frozen
class Started:
    """What `announce` gets once the servers run."""

    host: str
    ports: dict[str, int]
    ca_file: Path
    seed: Path | None
    seeded: int


def run_dev(
    path: str | Path,
    args: list[str],
    *,
    seed: str | Path | None,
    on_started: Callable[[Started], None],
    on_endpoint: Callable[[Applied, Started], None],
    endpoints: EndpointOptions | None = None,
    state_dir: Path | None = None,
    serve_options: Any = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    **run_options: Any,
) -> RunResult:
    """Start the servers, run the program against them (`balmail run` semantics), stop them."""
    from balmail.devserver import DevServerError, DevServers
    from balmail.serve import ServeOptions

    program = resolve_program(path)
    folder, messages = load_seed_messages(seed, program)
    try:
        servers = DevServers.start(seed=messages or None, host="127.0.0.1")
    except DevServerError as e:
        return RunResult(1, error_text=f"error: the dev mail servers did not start: {e}")
    started = Started("127.0.0.1", dict(servers.ports), Path(servers.ca_file), folder, len(messages))
    scratch = tempfile.TemporaryDirectory(prefix="balmail-dev-") if state_dir is None else None
    try:
        on_started(started)
        redirect = Redirect(
            started.host, started.ports, str(started.ca_file),
            polling_interval=DEV_POLLING_SECONDS, on_applied=lambda applied: on_endpoint(applied, started),
        )  # fmt: skip
        options = endpoints or EndpointOptions()
        options = attrs.evolve(options, redirect=redirect)
        serve = serve_options or ServeOptions()
        serve = attrs.evolve(serve, state_dir=state_dir or Path(scratch.name))  # type: ignore[union-attr]
        config_dir = (program if program.is_dir() else program.parent).resolve()
        return run_program(
            program, args, serve_options=serve, endpoints=options, out=out, err=err, cwd=config_dir,
            **run_options,
        )  # fmt: skip
    finally:
        servers.stop()
        if scratch is not None:
            scratch.cleanup()


def send_command(host: str, port: int, recipient: str) -> str:
    """A copy-paste shell command that sends one more test message with Python's smtplib."""
    message = (
        f"From: you@example.com\\r\\nTo: {recipient}\\r\\nSubject: One more test\\r\\n\\r\\n"
        "Sent from the balmail dev command line.\\r\\n"
    )
    return (
        f"python3 -c \"import smtplib; smtplib.SMTP('{host}', {port}).sendmail('you@example.com', "
        f"['{recipient}'], b'{message}')\""
    )
