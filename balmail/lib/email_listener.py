"""The email listeners of a program: `EmailRuntime` (what every listener of one run shares: the
state store, the pollers' threads, the options of `balmail run`) and `EmailListener`, which binds
services to a `Poller` of the mail layer and calls `onMessage`, `onError` and `onClose` with Ballerina
values. When a message counts as delivered is decided by the poller (docs/delivery.md), never here: a
handler that returns an error or panics raises `HandlerFailed`, and that is all."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import attrs

from balmail.deep import thread_stack
from balmail.lib.email_values import email_error, message_value
from balmail.mail.connection import Timeouts
from balmail.mail.errors import MailError
from balmail.mail.folders import PollerGroup, make_poller
from balmail.mail.listener_settings import ListenerSettings
from balmail.mail.message import CUT_HEADER, ReceivedMessage
from balmail.mail.poller import DEFAULT_GRACE_SECONDS, DEFAULT_MAX_RETRIES, Poller
from balmail.mail.state import MessageKey, StateStore
from balmail.mail.store import POP3_FOLDER, Store, is_postgres, listener_key, open_store
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.strands import Gate, Strands, blocking
from balmail.runtime.values import BError, BList, BObject, to_string

log = logging.getLogger("balmail.email")

POLLER_STACK_BYTES = 64 * 1024 * 1024
"""Handlers run on poller threads; deep Ballerina recursion needs more than the default stack."""
ABANDON_MARGIN_SECONDS = 2.0
"""How long past its time budget the poller still waits for a handler before abandoning it."""

# -- the runtime shared by one program's listeners ---------------------------------------------


@attrs.define
class RuntimeOptions:
    """What `balmail run` decides for every listener of a program."""

    state_dir: Path = attrs.field(factory=lambda: Path(".balmail"))
    state: str | None = None
    """`--state postgresql://...` (else Config.toml's `[balmail] state`, else `state_dir`)."""
    package: str = "balmail"
    """The program's package name: the nodes that share listeners are the ones running the same."""
    once: bool = False
    max_retries: int = DEFAULT_MAX_RETRIES
    grace_seconds: float = DEFAULT_GRACE_SECONDS
    log_subjects: bool = False
    timeouts: Timeouts = attrs.field(factory=Timeouts)


class EmailRuntime:
    """Per program: options, the one state store all listeners share, and every listener
    created, so `balmail run` can start and stop them. Handlers of different listeners run side
    by side as strands (runtime/strands.py), each with its own budgets."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.options = RuntimeOptions()
        self.listeners: list[EmailListener] = []
        self.name_for: Any = None
        """Set by `balmail run`: listener -> its name (the variable's, for metrics, logs, config)."""
        self.observer_for: Any = None
        """Set by `balmail run`: listener -> `PollerObserver` (metrics, health, `--once` summary)."""
        self._store: Store | None = None
        self._store_lock = threading.Lock()
        self._coordinator: Any = None
        """The node's `mail.leases.LeaseCoordinator` when the store is PostgreSQL (not for `--once`)."""

    @classmethod
    def of(cls, ctx: Any) -> EmailRuntime:
        runtime = getattr(ctx, "email_runtime", None)
        if runtime is None:
            runtime = cls(ctx)
            ctx.email_runtime = runtime
        return runtime  # type: ignore[no-any-return]

    def store(self) -> Store:
        with self._store_lock:
            if self._store is None:
                spec = self.state_spec()
                if isinstance(spec, Path):
                    spec.parent.mkdir(parents=True, exist_ok=True)
                self._store = open_store(spec)
                self._store.hold_for_run()  # `balmail retry`/`forget` refuse while it is held
            return self._store

    def state_spec(self) -> Path | str:
        """`--state`, else `[balmail] state` of Config.toml (a postgresql:// URI), else the SQLite
        file in the state folder."""
        if self.options.state:
            return self.options.state
        for _origin, document in getattr(self.ctx, "config_documents", []):
            section = document.get("balmail")
            value = section.get("state") if isinstance(section, dict) else None
            if value is not None:
                if not isinstance(value, str) or not is_postgres(value):
                    raise MailError(f"[balmail] state must be a postgresql:// URI, got {value!r}")
                return value
        return self.options.state_dir / "state.db"

    def coordinator(self) -> Any:
        """The lease coordinator when this run shares a PostgreSQL store with other nodes, else
        None (SQLite, or `--once`, which polls every listener once without taking leases)."""
        store = self.store()
        with self._store_lock:
            if self._coordinator is None and not self.options.once and not isinstance(store, StateStore):
                from balmail.mail.leases import LeaseCoordinator, lease_settings

                documents = getattr(self.ctx, "config_documents", [])
                settings = lease_settings(documents, self.options.package)
                self._coordinator = LeaseCoordinator(store, settings, self._lease_changed)  # type: ignore[arg-type]
            return self._coordinator

    @property
    def current_coordinator(self) -> Any:
        """The coordinator if there is one now (None once `close` handed everything over)."""
        return self._coordinator

    def _lease_changed(self, key: str, owned: bool) -> None:
        watches = getattr(self.ctx, "ops_watches", None)
        metrics = getattr(watches, "metrics", None)
        if metrics is None:
            return
        for listener in self.listeners:
            if listener.lease_key() == key:
                metrics.ownership_changed(listener.name or key, self._coordinator.settings.node, owned)

    def close(self) -> None:
        with self._store_lock:
            coordinator, self._coordinator = self._coordinator, None
        if coordinator is not None:
            coordinator.close()  # releases every lease at once: the other nodes take over now
        with self._store_lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def flush_output(self) -> None:
        for stream in (self.ctx.out, self.ctx.err):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass


def listener_concurrency(
    documents: list[tuple[str, dict[str, Any]]], name: str | None, flagged: dict[str, Any] | None = None
) -> int | str:
    """`[balmail.listeners.NAME] concurrency` (a `--listener NAME.concurrency=N` flag first, then the
    first document that sets it), or the error text."""
    found: list[tuple[str, Any]] = []
    for origin, document in documents:
        section = document.get("balmail", {}).get("listeners", {}).get(name or "", {})
        if isinstance(section, dict) and "concurrency" in section:
            found.append((f"[balmail.listeners.{name}] concurrency in {origin}", section["concurrency"]))
            break
    if flagged and "concurrency" in flagged and (not found or found[0][1] != flagged["concurrency"]):
        found.insert(0, (f"--listener {name}.concurrency", flagged["concurrency"]))
    if not found:
        return 1
    where, value = found[0]
    if type(value) is not int or value < 1:
        return f"{where} must be a whole number of 1 or more, got {value!r}"
    return value


class HandlerFailed(MailError):
    """A service's `onMessage` returned an error or panicked: the message is not handled."""


@attrs.define(eq=False)
class AttachedService:
    obj: BObject
    name: str
    isolated: bool = False
    """An `isolated service`: its messages may be handled at once (`concurrency`); a service
    that is not isolated gets one message at a time, as Ballerina's listeners do."""
    serial: Gate = attrs.field(factory=Gate)
    """Held around each handler of a service that is not isolated; an abandoned handler's hold is
    released for it (runtime/strands.py)."""

    def method(self, name: str) -> Any:
        cls = self.obj.cls
        found = cls.methods.get(name) if hasattr(cls, "methods") else None
        if found is None:
            for base in getattr(cls, "includes", ()):
                found = getattr(base, "methods", {}).get(name)
                if found is not None:
                    break
        return found

    def describe(self) -> str:
        return f"service '{self.name}'" if self.name else "service"


class EmailListener:
    """The Python side of an `email:PopListener`/`email:ImapListener` value: its settings, the
    services attached to it and, once started, the poller that feeds them."""

    def __init__(self, runtime: EmailRuntime, protocol: str, settings: ListenerSettings) -> None:
        self.runtime = runtime
        self.protocol = protocol
        self.settings = settings
        self.services: list[AttachedService] = []
        self.poller: Poller | PollerGroup | None = None
        self.module_level = False
        self.name: str | None = None
        """The listener's variable name when it has one (module level); metrics and logs use it."""
        self.concurrency = 1
        """Messages handled at once (`[balmail.listeners.NAME] concurrency`); services that are not
        `isolated` still get one at a time."""
        self.leased = False
        """Started on a shared store: polled only while this node holds its lease."""
        self._observer: Any = None
        self._stop_grace: float | None = None
        runtime.listeners.append(self)

    def describe(self) -> str:
        s = self.settings
        return f"{self.protocol.upper()} listener for {s.username} at {s.host}:{s.port}"

    # -- Ballerina methods ----------------------------------------------------------------------

    def attach(self, service: Any, name: Any = None) -> BError | None:
        if not isinstance(service, BObject):
            return email_error("attach expects a service object")
        attached = AttachedService(service, _service_name(name))
        if attached.method("onMessage") is None:
            return email_error("Service must contain `onMessage` function.")
        self.services.append(attached)
        return None

    def detach(self, service: Any) -> BError | None:
        self.services = [s for s in self.services if s.obj is not service]
        return None

    def lease_key(self) -> str:
        """The mailbox's lease name: the `server` of its message keys, the account, the folder."""
        s = self.settings
        folders = list(s.options.folders) or [s.folder]
        folder = ",".join(folders) if self.protocol == "imap" else POP3_FOLDER
        return listener_key(f"{self.protocol}://{s.host}".lower(), s.username, folder)

    def start(self) -> BError | None:
        try:
            coordinator = self.runtime.coordinator()
        except MailError as error:
            return email_error(str(error))
        except Exception as error:
            return email_error(f"Cannot open the state store: {error}")
        if coordinator is not None:
            if self.leased:
                return None
            checked = self._build_poller()  # the same errors as an unshared start, at once
            if isinstance(checked, BError):
                return checked
            self.poller = None
            self.leased = True
            coordinator.add(self.lease_key(), self._start_leased, self._stop_leased)
            return None
        if self.poller is not None:
            if not self.poller.stopping:
                return None
            # Stopped before: a poller cannot restart, so a new one takes over once the old one
            # has finished (two pollers must never work on one mailbox at once).
            with blocking(self.runtime.ctx):
                finished = self.poller.join(self.runtime.options.grace_seconds)
            if not finished:
                return email_error(f"The {self.describe()} is still stopping; start it again later")
            self.poller = None
        poller = self._build_poller()
        if isinstance(poller, BError):
            return poller
        try:
            with thread_stack(POLLER_STACK_BYTES):
                poller.start()
        except MailError as error:
            return email_error(str(error))
        return None

    def poll_once(self) -> BError | None:
        """One polling cycle on the calling thread (`balmail run --once`)."""
        poller = self.poller or self._build_poller()
        if isinstance(poller, BError):
            return poller
        poller.poll_once()
        return None

    def _start_leased(self, gate: Any) -> None:
        """This node gained the lease: poll (the coordinator's thread; never a strand)."""
        poller = self._build_poller(gate=gate, on_close=self._lease_closed)
        if isinstance(poller, BError):
            raise MailError(poller.message)
        with thread_stack(POLLER_STACK_BYTES):
            poller.start()

    def _stop_leased(self) -> None:
        """The lease goes to another node (or this one stops): finish the message in flight, ack."""
        poller = self.poller
        if poller is not None:
            grace = self.runtime.options.grace_seconds if self._stop_grace is None else self._stop_grace
            poller.stop(grace)

    def _lease_closed(self, error: MailError | None) -> None:
        """A hand-over is not the listener closing: `onClose` runs once, at the real stop."""
        if error is not None:
            log.warning("%spolling stopped for a hand-over: %s", self._prefix(), error, extra=self._extra())

    def _build_poller(self, gate: Any = None, on_close: Any = None) -> Poller | PollerGroup | BError:
        if not self.services:
            return email_error(f"Cannot start the {self.describe()}: no service is attached")
        if self.name is None and self.runtime.name_for is not None:
            self.name = self.runtime.name_for(self)
        if self.name is not None:
            documents = getattr(self.runtime.ctx, "config_documents", [])
            plan = getattr(self.runtime.ctx, "endpoint_plan", None)
            flagged = plan.listeners.get(self.name, {}) if plan is not None else {}
            configured = listener_concurrency(documents, self.name, flagged)
            if isinstance(configured, str):
                return email_error(configured)
            self.concurrency = configured
        options = self.runtime.options
        try:
            store = self.runtime.store()
        except Exception as error:
            if isinstance(error, MailError):
                return email_error(str(error))
            return email_error(f"Cannot open the state store in {options.state_dir}: {error}")
        settings = attrs.evolve(self.settings, timeouts=options.timeouts)
        self.poller = make_poller(
            settings,
            store,
            self.on_message,
            on_error=self.on_error,
            on_close=on_close or self.on_close,
            max_retries=options.max_retries,
            log_subjects=options.log_subjects,
            observer=self._watch(),
            concurrency=self.effective_concurrency(),
            gate=gate,
            handler_timeout=self.handler_timeout,
            on_abandon=self.abandon_handler,
        )
        if self.name is not None:
            services = ",".join(s.name.lstrip("/") for s in self.services if s.name)
            self.poller.log_fields = {"listener": self.name, "service": services}
        return self.poller

    def _watch(self) -> Any:
        """The listener's observer, made once (a restarted or re-leased poller keeps its tally)."""
        if self._observer is None and self.runtime.observer_for is not None:
            self._observer = self.runtime.observer_for(self)
        return self._observer

    def effective_concurrency(self) -> int:
        """`concurrency`, unless a service is not `isolated`: Ballerina dispatches its messages one
        at a time, and so does balmail (saying so once)."""
        if self.concurrency > 1:
            plain = [s.describe() for s in self.services if not s.isolated]
            if plain:
                log.warning(
                    "%sconcurrency = %d has no effect: %s %s not isolated, so its messages are handled "
                    "one at a time, as Ballerina does (declare it `isolated service`)",
                    self._prefix(),
                    self.concurrency,
                    ", ".join(plain),
                    "is" if len(plain) == 1 else "are",
                )
                return 1
        return self.concurrency

    def _extra(self, error: MailError | None = None) -> dict[str, Any]:
        poller = self.poller
        if poller is None:
            return {}
        return poller.error_extra(error) if error is not None else {"fields": dict(poller.log_fields)}

    def _prefix(self) -> str:
        return "" if self.name is not None else f"{self.describe()}: "

    def graceful_stop(self, grace: float | None = None) -> BError | None:
        if self.leased:
            self.leased = False
            self._stop_grace = grace
            with blocking(self.runtime.ctx):
                coordinator = self.runtime.current_coordinator
                if coordinator is not None:
                    coordinator.remove(self.lease_key())  # stops polling, releases the lease now
            self.on_close(None)
            return None
        if self.poller is not None:
            # The handler in flight (and onClose) need the baton this strand may hold: wait without it.
            with blocking(self.runtime.ctx):
                self.poller.stop(self.runtime.options.grace_seconds if grace is None else grace)
        return None

    def immediate_stop(self) -> BError | None:
        return self.graceful_stop(0.0)

    @property
    def running(self) -> bool:
        if self.leased:
            return True
        return self.poller is not None and not self.poller.join(0)

    # -- poller callbacks -----------------------------------------------------------------------

    def handler_timeout(self) -> float:
        """How long the poller waits for one delivery before abandoning it: each service's
        `onMessage` has the time budget of its own invocation, plus a margin for the budget error to
        surface (a cooperative stop normally ends the handler well before)."""
        seconds = float(self.runtime.ctx.sandbox.budgets.seconds)
        handlers = sum(1 for s in self.services if s.method("onMessage") is not None)
        return seconds * max(1, handlers) + ABANDON_MARGIN_SECONDS

    def abandon_handler(self, ident: int, waited: float) -> Exception:
        """The poller gave up waiting for the delivery on thread `ident`: stop it at its next
        blocking call, free the services it holds, and say what the attempt failed with."""
        Strands.of(self.runtime.ctx).abandon(ident)
        for service in list(self.services):
            service.serial.abandon(ident)
        seconds = self.runtime.ctx.sandbox.budgets.seconds
        return HandlerFailed(
            f"onMessage did not finish: time budget of {seconds} seconds exhausted; raise it with "
            f"--max-time (the handler was still blocked in a library call after {waited:g}s, so it "
            "was abandoned)"
        )

    def on_message(self, message: ReceivedMessage, raw: bytes, key: MessageKey) -> None:
        with Strands.of(self.runtime.ctx).abandonable():
            self._on_message(message, raw, key)

    def _on_message(self, message: ReceivedMessage, raw: bytes, key: MessageKey) -> None:
        if any("\ufffd" in text for text in (message.subject, message.body, message.html_body) if text):
            log.warning(
                "%s: message %s had bytes its charset could not decode; they were replaced with U+FFFD",
                self.describe(),
                key.message_id,
            )
        if CUT_HEADER in message.headers:
            log.warning("%s: message %s: %s", self.describe(), key.message_id, message.headers[CUT_HEADER])
        failures = []
        for service in list(self.services):
            method = service.method("onMessage")
            if method is None:
                continue
            outcome = self.call(service, "onMessage", method, message_value(message))
            if outcome is not None:
                failures.append(outcome)
        if failures:
            raise HandlerFailed("; ".join(failures))

    def on_error(self, error: MailError) -> None:
        handled = False
        for service in list(self.services):
            method = service.method("onError")
            if method is None:
                continue
            handled = True
            outcome = self.call(service, "onError", method, email_error(str(error)))
            if outcome is not None:
                log.error("%s", outcome, extra=self._extra(error))
        if not handled:
            log.error("%s%s", self._prefix(), error, extra=self._extra(error))

    def on_close(self, error: MailError | None) -> None:
        for service in list(self.services):
            method = service.method("onClose")
            if method is None:
                continue
            outcome = self.call(
                service, "onClose", method, None if error is None else email_error(str(error))
            )
            if outcome is not None:
                log.error("%s", outcome)
        if error is not None:
            log.warning("%sclosed: %s", self._prefix(), error, extra=self._extra())

    def call(self, service: AttachedService, name: str, method: Any, arg: Any) -> str | None:
        """Run one handler under the program's lock with fresh budgets; None when it succeeded,
        else a sentence saying how it failed."""
        runtime = self.runtime
        args = [arg][: len(method.params)]
        where = f"{name} of {service.describe()}"
        strands = Strands.of(runtime.ctx)
        if strands.abandoned():
            return f"{where} was not called: the delivery was abandoned"
        wait = 2 * runtime.ctx.sandbox.budgets.seconds + ABANDON_MARGIN_SECONDS
        if not service.isolated and not service.serial.acquire(wait):
            return f"{where} was not called: the service was still busy with another message"
        try:
            outcome = self._invoke(strands, where, method, service, args)
        finally:
            if not service.isolated:
                service.serial.release()
        return outcome

    def _invoke(
        self, strands: Strands, where: str, method: Any, service: AttachedService, args: list[Any]
    ) -> str | None:
        runtime = self.runtime
        with strands.strand():
            try:
                result = method.invoke(service.obj.env, [service.obj, *method.bind(args, None)])
            except BallerinaPanic as panic:
                return f"{where} panicked: {_error_text(panic.error)}"
            except RecursionError:
                return f"{where} panicked: stack overflow"
            finally:
                runtime.flush_output()
        if isinstance(result, BError):
            return f"{where} returned an error: {_error_text(result)}"
        return None


def within_budget(timeouts: Timeouts, left: float | None) -> Timeouts:
    """Socket timeouts no longer than the seconds left in the invocation's time budget."""
    if left is None:
        return timeouts
    bound = max(0.001, left)
    return Timeouts(connect=min(timeouts.connect, bound), read=min(timeouts.read, bound))


def _error_text(error: BError) -> str:
    text = error.message
    if error.detail:
        text += " " + to_string(error.detail)
    return text


def _service_name(name: Any) -> str:
    if name is None:
        return ""
    if isinstance(name, BList):
        return "/" + "/".join(str(x) for x in name)
    return str(name)


