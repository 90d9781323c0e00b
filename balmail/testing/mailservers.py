"""The mail side of `balmail test`: a package whose code (or whose tests) use email listeners or
clients is tested against the embedded dev servers (balmail/devserver), as `balmail dev` runs it.

As under `bal test`, the module's listeners are started once the module is initialised and stopped
(gracefully, `onClose` called) after the last test. Every listener and client — the program's and
the tests' own — is redirected to the embedded servers through the deployment `Redirect`
(balmail/deployment.py), whatever host it names, so a test can send a message with an
`email:SmtpClient`, wait, and assert on what the handler did (its module state, the mail it sent,
read back with an `email:PopClient`/`email:ImapClient`). Listeners poll every `POLL_SECONDS` unless
`[balmail.listeners.NAME] pollingInterval` says otherwise, so end-to-end tests stay fast without
editing the `.bal` source. Mailboxes start empty (the tests send what they need) unless `--seed`.
"""

from __future__ import annotations

import logging
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from balmail.check.endpoints import find_endpoints
from balmail.deployment import DeploymentError, EndpointOptions, Redirect, plan_for_run

POLL_SECONDS = Decimal("0.1")
"""How often redirected listeners poll during tests: a test waiting for a handler waits ~0.1 s."""
STOP_GRACE_SECONDS = 10.0


class MailSetupError(Exception):
    """The servers did not start, the seed cannot be read or an override does not fit (one line)."""


class TestMail:
    """Embedded servers for one test run, the redirect plan put on the run context and the
    listeners started for the tests; `stop()` undoes all of it (idempotent)."""

    def __init__(self, servers: Any, scratch: tempfile.TemporaryDirectory[str] | None) -> None:
        self.servers = servers
        self.scratch = scratch
        self.started: list[Any] = []
        self._stopped = False

    @property
    def state_dir(self) -> Path | None:
        return Path(self.scratch.name) if self.scratch is not None else None

    @classmethod
    def wanted(cls, module: Any) -> bool:
        """The package (tests included) constructs an email listener or client."""
        return bool(find_endpoints(module))

    @classmethod
    def start(cls, seed: Path | None) -> TestMail:
        """Start the servers (seeded from `seed` when given) and a scratch folder for the state store:
        each run's mailboxes are new, so a state kept from an earlier run would be meaningless."""
        from balmail.devserver import DevServerError, DevServers, load_seed

        try:
            messages = list(load_seed(seed)) if seed is not None else None
        except DevServerError as e:
            raise MailSetupError(f"--seed: {e}") from None
        try:
            servers = DevServers.start(seed=messages, host="127.0.0.1")
        except DevServerError as e:
            raise MailSetupError(f"the embedded mail servers did not start: {e}") from None
        return cls(servers, tempfile.TemporaryDirectory(prefix="balmail-test-"))

    def plan(self, module: Any, cwd: Path, environ: dict[str, str]) -> Any:
        """The endpoint plan of the run: Config.toml's `[balmail.listeners/clients]` plus the redirect."""
        redirect = Redirect(
            "127.0.0.1", dict(self.servers.ports), str(self.servers.ca_file), polling_interval=POLL_SECONDS
        )
        try:
            return plan_for_run(module, EndpointOptions(redirect=redirect), cwd=cwd, environ=environ)
        except DeploymentError as e:
            raise MailSetupError(str(e)) from None

    def start_listeners(self, program: Any, ctx: Any) -> str | None:
        """Start the module-level listeners that have services, as `bal test` does before the tests;
        an error line when one cannot start."""
        from balmail.lib.email_listener import EmailListener
        from balmail.runtime.values import BObject

        runtime = getattr(ctx, "email_runtime", None)
        if runtime is None:
            return None
        for _name, slot in program.listeners:
            value = program.G[slot]
            if isinstance(value, BObject) and isinstance(value.env, EmailListener):
                value.env.module_level = True
        for listener in runtime.listeners:
            if not listener.module_level or listener.poller is not None or not listener.services:
                continue
            error = listener.start()
            if error is not None:
                return f"error: cannot start the {listener.describe()}: {error.message}"
            self.started.append(listener)
        if self.started:
            logging.getLogger("balmail.test").debug("%d listener(s) started for the tests", len(self.started))
        return None

    def stop_listeners(self, ctx: Any) -> None:
        """Stop every running listener: handlers in flight finish and `onClose` is called, as when
        `bal test` stops the module's listeners after the last test."""
        runtime = getattr(ctx, "email_runtime", None)
        if runtime is not None:
            from balmail.serve import _stop_all

            _stop_all([li for li in runtime.listeners if li.poller is not None], STOP_GRACE_SECONDS)
            runtime.flush_output()

    def stop(self, ctx: Any) -> None:
        """The listeners (if still running), then the servers; the scratch state is removed."""
        if self._stopped:
            return
        self._stopped = True
        self.stop_listeners(ctx)
        runtime = getattr(ctx, "email_runtime", None)
        if runtime is not None:
            runtime.close()
        self.servers.stop()
        if self.scratch is not None:
            self.scratch.cleanup()
