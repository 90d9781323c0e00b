"""ballerina/email for the evaluator: the module's types and constants, the listeners (which bind
services to a `Poller` of the mail layer) and the POP3/IMAP/SMTP clients.

Owns the Ballerina side of a listener: checking a configuration against the closed
`PopListenerConfiguration`/`ImapListenerConfiguration` records (with their defaults), turning a
`ReceivedMessage` into an `email:Message` record value, and calling a service's `onMessage`,
`onError` and `onClose` with Ballerina values. When a message counts as delivered is decided by
the poller (docs/delivery.md), never here: a handler that returns an error or panics raises
`HandlerFailed`, and that is all.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from balmail.deep import thread_stack
from balmail.lib.mime import ENTITY_TYPE, NativeClass, entity_value
from balmail.lib.registry import LibModule
from balmail.mail.connection import Timeouts
from balmail.mail.errors import MailError
from balmail.mail.folders import PollerGroup, make_poller
from balmail.mail.listener_settings import ListenerSettings
from balmail.mail.message import CUT_HEADER, MimePart, ReceivedMessage, parse_message
from balmail.mail.oauth2 import MailAuth, take_auth
from balmail.mail.options import MAILBOX_KEYS, mailbox_options
from balmail.mail.poller import DEFAULT_GRACE_SECONDS, DEFAULT_MAX_RETRIES, Poller
from balmail.mail.state import MessageKey, StateStore
from balmail.mail.store import POP3_FOLDER, Store, is_postgres, listener_key, open_store
from balmail.mail.tls import SecureSocketConfig, Security
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.functions import MISSING, Param
from balmail.runtime.strands import Gate, Strands, blocking
from balmail.runtime.values import BError, BList, BMap, BObject, quote_string, to_string

log = logging.getLogger("balmail.email")

POLLER_STACK_BYTES = 64 * 1024 * 1024
ABANDON_MARGIN_SECONDS = 2.0
"""How long past its time budget the poller still waits for a handler before abandoning it."""
"""Handlers run on poller threads; deep Ballerina recursion needs more than the default stack."""

# -- constants and types ----------------------------------------------------------------------

SSL = "SSL"
START_TLS_AUTO = "START_TLS_AUTO"
START_TLS_ALWAYS = "START_TLS_ALWAYS"
START_TLS_NEVER = "START_TLS_NEVER"
TLS = "TLS"
DEFAULT_FOLDER = "INBOX"

CONSTANTS = {
    "SSL": SSL,
    "START_TLS_AUTO": START_TLS_AUTO,
    "START_TLS_ALWAYS": START_TLS_ALWAYS,
    "START_TLS_NEVER": START_TLS_NEVER,
    "TLS": TLS,
    "DEFAULT_FOLDER": DEFAULT_FOLDER,
}

EMAIL_ERROR = T.TError(None, frozenset({-200}))
EMAIL_ERROR.name = "email:Error"

STRINGS = T.TArray(T.STRING)
STRING_OR_STRINGS = T.TUnion([T.STRING, STRINGS])


def _named(t: T.Type, name: str) -> T.Type:
    t.name = name
    return t


def _field(name: str, t: T.Type, *, optional: bool = False, default: Any = MISSING) -> T.Field:
    thunk = None
    if default is not MISSING:
        value = default

        def thunk() -> Any:
            return BList([], STRINGS) if isinstance(value, list) else value

    return T.Field(name, t, optional, thunk)


def _record(name: str, *fields: T.Field) -> T.TRecord:
    record = T.TRecord({f.name: f for f in fields}, None)
    record.name = name
    return record


SECURITY = _named(
    T.TUnion([T.TSingleton(s) for s in (SSL, START_TLS_AUTO, START_TLS_ALWAYS, START_TLS_NEVER)]),
    "email:Security",
)
PROTOCOL = _record(
    "record {| email:TLS name; string[] versions; |}",
    _field("name", T.TSingleton(TLS)),
    _field("versions", STRINGS, default=[]),
)
SECURE_SOCKET = _record(
    "email:SecureSocket",
    _field("cert", T.STRING),
    _field("protocol", PROTOCOL, optional=True),
    _field("ciphers", STRINGS, optional=True),
    _field("verifyHostName", T.BOOLEAN, default=True),
)


def _listener_config(name: str, port: int) -> T.TRecord:
    return _record(
        name,
        _field("host", T.STRING),
        _field("username", T.STRING),
        _field("password", T.STRING),
        _field("pollingInterval", T.DECIMAL, default=Decimal(30)),
        _field("port", T.INT, default=port),
        _field("security", SECURITY, default=SSL),
        _field("secureSocket", SECURE_SOCKET, optional=True),
    )


def _client_config(name: str, port: int) -> T.TRecord:
    return _record(
        name,
        _field("port", T.INT, default=port),
        _field("security", SECURITY, default=SSL),
        _field("secureSocket", SECURE_SOCKET, optional=True),
    )


POP_LISTENER_CONFIG = _listener_config("email:PopListenerConfiguration", 995)
IMAP_LISTENER_CONFIG = _listener_config("email:ImapListenerConfiguration", 993)
POP_CONFIG = _client_config("email:PopConfiguration", 995)
IMAP_CONFIG = _client_config("email:ImapConfiguration", 993)
SMTP_CONFIG = _client_config("email:SmtpConfiguration", 465)

ATTACHMENT = _record("email:Attachment", _field("filePath", T.STRING), _field("contentType", T.STRING))
ATTACHMENT_ITEM = T.TUnion([ENTITY_TYPE, ATTACHMENT])
ATTACHMENTS = T.TUnion([ENTITY_TYPE, ATTACHMENT, T.TArray(ATTACHMENT_ITEM)])
HEADERS = T.TMap(T.STRING)

MESSAGE = _record(
    "email:Message",
    _field("to", STRING_OR_STRINGS),
    _field("subject", T.STRING),
    _field("from", T.STRING, optional=True),
    _field("body", T.STRING, optional=True),
    _field("htmlBody", T.STRING, optional=True),
    _field("cc", STRING_OR_STRINGS, optional=True),
    _field("bcc", STRING_OR_STRINGS, optional=True),
    _field("replyTo", STRING_OR_STRINGS, optional=True),
    _field("contentType", T.STRING, optional=True),
    _field("headers", HEADERS, optional=True),
    _field("sender", T.STRING, optional=True),
    _field("attachments", ATTACHMENTS, optional=True),
)
OPTIONS = _record(
    "email:Options",
    *(f for n, f in MESSAGE.fields.items() if n not in ("to", "subject", "from", "body")),
)
SERVICE = _named(T.TObject(None, ()), "email:Service")


def email_error(message: str, cause: BError | None = None) -> BError:
    """An `email:Error` value; `err.message()` gives `message`."""
    return BError(message, cause, BMap(ro=True), EMAIL_ERROR)


# -- configuration records --------------------------------------------------------------------


class ConfigProblem(Exception):
    """A configuration value does not fit its closed record type."""


def coerce_record(value: Any, record: T.TRecord, path: str = "") -> BMap:
    """`value` checked against a closed record type and completed with its defaults, the way a
    mapping constructor typed by the record would be; numbers become decimals where the record
    wants a decimal (an untyped `{pollingInterval: 10}` argument holds an int)."""
    if not isinstance(value, BMap):
        what = f"field '{path}'" if path else "the value"
        raise ConfigProblem(f"{what} must be a {record.name} record, got {T.value_type_name(value)}")
    out = BMap(type=record)
    for key in value:
        if key not in record.fields:
            raise ConfigProblem(f"field '{path}{key}' is not allowed (the record is closed)")
    for name, field in record.fields.items():
        if name in value and not (value[name] is None and field.optional):
            out[name] = _coerce_value(value[name], field.type, f"{path}{name}")
        elif field.default is not None:
            out[name] = field.default()
        elif not field.optional:
            raise ConfigProblem(f"required field '{path}{name}' is missing")
    return out


def _coerce_value(v: Any, t: T.Type, path: str) -> Any:
    r = T.resolve(t)
    if isinstance(r, T.TRecord):
        return coerce_record(v, r, path + ".")
    if isinstance(r, T.TDecimal) and type(v) in (int, float):
        v = Decimal(str(v))
    if isinstance(r, T.TArray) and isinstance(v, BList):
        v = BList([_coerce_value(x, r.element, f"{path}[{i}]") for i, x in enumerate(v)], r)
    if not r.contains(v):
        got = quote_string(v) if type(v) is str else T.value_type_name(v)
        raise ConfigProblem(f"field '{path}' must be {t}, got {got}")
    return v


def with_overrides(config: BMap, changes: dict[str, Any]) -> BMap:
    """A checked configuration record with endpoint overrides applied (balmail/deployment.py):
    `caFile` becomes `secureSocket.cert`, keeping the program's protocol and cipher limits."""
    if not changes:
        return config
    out = BMap(dict(config), config.type)
    for key, value in changes.items():
        if key == "caFile":
            socket = config.get("secureSocket")
            fields = dict(socket) if socket is not None else {"verifyHostName": True}
            fields["cert"] = value
            out["secureSocket"] = BMap(fields, SECURE_SOCKET)
        elif key == "pollingInterval":
            out[key] = Decimal(value)
        else:
            out[key] = value
    return out


def secure_socket_config(value: BMap | None) -> SecureSocketConfig | None:
    if value is None:
        return None
    protocol = value.get("protocol")
    versions = tuple(protocol.get("versions") or ()) if protocol is not None else ()
    return SecureSocketConfig(
        cert=value["cert"],
        protocol_versions=versions,
        ciphers=tuple(value.get("ciphers") or ()),
        verify_host_name=bool(value.get("verifyHostName", True)),
    )


def listener_settings(protocol: str, config: BMap) -> ListenerSettings:
    """A checked configuration record → the poller's settings (protocol is "pop3" or "imap")."""
    return ListenerSettings(
        protocol=protocol,
        host=config["host"],
        username=config["username"],
        password=config["password"],
        port=config["port"],
        security=Security.from_name(config["security"]),
        secure_socket=secure_socket_config(config.get("secureSocket")),
        polling_interval=config["pollingInterval"],
    )


# -- received messages ------------------------------------------------------------------------


def _addresses(value: str | list[str] | None) -> Any:
    if isinstance(value, list):
        return BList(value, STRINGS)
    return value


def message_value(message: ReceivedMessage) -> BMap:
    """A received message as an `email:Message` record, fields in the record's order: absent
    parts are absent fields; an address field is a string for one address and a string[] for
    several, as in Ballerina."""
    to = _addresses(message.to)
    fields: list[tuple[str, Any]] = [
        ("to", to if to is not None else BList([], STRINGS)),
        ("subject", message.subject),
        ("from", message.from_),
        ("body", message.body),
        ("htmlBody", message.html_body),
        ("cc", _addresses(message.cc)),
        ("bcc", _addresses(message.bcc)),
        ("replyTo", _addresses(message.reply_to)),
        ("contentType", message.content_type),
        ("headers", BMap(message.headers, HEADERS)),
        ("sender", message.sender),
    ]
    if message.attachments:
        entities = [entity_value(part) for part in message.attachments]
        fields.append(("attachments", BList(entities, T.TArray(ATTACHMENT_ITEM))))
    return BMap({key: value for key, value in fields if value is not None}, MESSAGE)


# -- native classes ---------------------------------------------------------------------------


class NativeInit:
    """Stands in for a class's `init` method so the evaluator's `new (...)` gives arguments their
    parameter types (a `{...}` argument is then typed by the configuration record, defaults and
    all) and calls `construct(obj, *args)`; a returned `BError` is what `new` evaluates to."""

    is_method = True

    def __init__(self, name: str, params: list[Param], construct: Any) -> None:
        self.name = name
        self.params = params
        self.construct = construct

    def bind(self, args: list[Any], named: dict[str, Any] | None) -> list[Any]:
        out = list(args) + [MISSING] * (len(self.params) - len(args))
        if len(out) > len(self.params):
            raise BallerinaPanic(email_error(f"too many arguments in call to '{self.name}'"))
        included = [i for i, p in enumerate(self.params) if p.included]
        for key, value in (named or {}).items():
            for i, p in enumerate(self.params):
                if p.name == key:
                    out[i] = value
                    break
            else:
                if not included:
                    raise BallerinaPanic(email_error(f"'{self.name}' has no parameter '{key}'"))
                # `*SmtpConfiguration clientConfig`: named arguments are the record's fields
                slot = included[0]
                if not isinstance(out[slot], BMap):
                    out[slot] = BMap()
                out[slot][key] = value
        return out

    def invoke(self, env: Any, args: list[Any], site: Any = None) -> Any:
        obj, *rest = args
        return self.construct(obj, *[None if a is MISSING else a for a in rest], site=site)

    def new(self, cls: NativeClass, *args: Any, __site__: Any = None, **named: Any) -> Any:
        """The constructor used for `new email:X(...)`; the evaluator passes the span of the `new`
        as `__site__` (endpoint overrides are keyed by it, see balmail/check/endpoints.py)."""
        obj = BObject(cls)
        result = self.invoke(None, [obj, *self.bind(list(args), named)], site=__site__)
        return result if isinstance(result, BError) else obj

    def constructor(self, cls: NativeClass) -> Any:
        def new(*args: Any, **named: Any) -> Any:
            return self.new(cls, *args, **named)

        new.wants_site = True  # type: ignore[attr-defined]
        new.params = self.params  # type: ignore[attr-defined]  # arguments typed by the parameters
        return new


def _param(name: str, t: T.Type, optional: bool = False, included: bool = False) -> Param:
    param = Param(name, t, (lambda f: None) if optional else None, False)
    param.included = included
    return param


def _native(obj: Any) -> Any:
    return obj.env if isinstance(obj, BObject) else None


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


# -- clients ----------------------------------------------------------------------------------


class ReceivingClient:
    """`email:PopClient`/`email:ImapClient`: one session per call, so an idle client holds no
    connection; `receiveMessage` takes the oldest new message and acknowledges it (IMAP
    `\\Seen`, POP3 `DELE`) as Ballerina's client does."""

    def __init__(
        self,
        runtime: EmailRuntime,
        protocol: str,
        host: str,
        username: str,
        password: str,
        config: BMap,
        *,
        auth: MailAuth | None = None,
    ) -> None:
        self.runtime = runtime
        self.auth = auth
        self.protocol = protocol
        self.host = host
        self.username = username
        self._password = password
        self.port = config["port"]
        self.security = Security.from_name(config["security"])
        self.secure_socket = secure_socket_config(config.get("secureSocket"))

    def receive(self, folder: str, timeout: Decimal | float, budget: float | None = None) -> Any:
        """The oldest new message, waiting up to `timeout` for one; never past `budget` (the seconds
        left in the invocation), which also bounds every socket wait."""
        deadline = time.monotonic() + float(timeout)
        hard = None if budget is None else time.monotonic() + budget
        if hard is not None:
            deadline = min(deadline, hard)
        while True:
            try:
                left = None if hard is None else hard - time.monotonic()
                raw = self._take_one(folder, left)
            except MailError as error:
                return email_error(str(error))
            if raw is not None:
                try:
                    return message_value(parse_message(raw))
                except MailError as error:
                    return email_error(str(error))
            if time.monotonic() >= deadline:
                return None
            time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))

    def _take_one(self, folder: str, left: float | None = None) -> bytes | None:
        from balmail.mail.imap import ImapClient
        from balmail.mail.pop3 import Pop3Client

        common: dict[str, Any] = {
            "port": self.port,
            "security": self.security,
            "secure_socket": self.secure_socket,
            "timeouts": within_budget(self.runtime.options.timeouts, left),
            "auth": self.auth,
        }
        if self.protocol == "imap":
            with ImapClient(self.host, self.username, self._password, **common) as imap:
                imap.select_folder(folder)
                uids = imap.search_unseen()
                if not uids:
                    return None
                for fetched in imap.fetch(uids[:1]):
                    imap.mark_seen([fetched.uid])
                    return fetched.raw
                return None
        pop = Pop3Client(self.host, self.username, self._password, **common)
        pop.connect()
        try:
            listings = pop.list_messages()
            if not listings:
                return None
            raw = pop.retrieve(listings[0].number)
            pop.delete(listings[0].number)
        except BaseException:
            pop.abort()
            raise
        pop.quit()
        return raw


def _outgoing(message: BMap) -> Any:
    from balmail.mail.compose import FileAttachment, OutgoingMessage, OutgoingPart

    def addresses(v: Any) -> list[str]:
        if v is None:
            return []
        return [v] if isinstance(v, str) else [str(x) for x in v]

    attachments: list[Any] = []
    raw_attachments = message.get("attachments")
    items = (
        raw_attachments
        if isinstance(raw_attachments, BList)
        else ([raw_attachments] if raw_attachments is not None else [])
    )
    for item in items:
        if isinstance(item, BObject) and isinstance(item.env, MimePart):
            attachments.append(item.env)
        elif isinstance(item, BMap):
            attachments.append(FileAttachment(item["filePath"], item["contentType"]))
        elif isinstance(item, BObject) and isinstance(item.env, OutgoingPart):
            attachments.append(item.env)
    headers = message.get("headers")
    return OutgoingMessage(
        to=addresses(message.get("to")),
        subject=message.get("subject") or "",
        from_=message.get("from"),
        sender=message.get("sender"),
        cc=addresses(message.get("cc")),
        bcc=addresses(message.get("bcc")),
        reply_to=addresses(message.get("replyTo")),
        body=message.get("body"),
        html_body=message.get("htmlBody"),
        content_type=message.get("contentType"),
        headers=dict(headers) if headers else {},
        attachments=attachments,
    )


# -- the module -------------------------------------------------------------------------------


def module(ctx: Any) -> LibModule:
    """Built per program: listener and client classes reach the program's runtime."""
    runtime = EmailRuntime.of(ctx)
    sandbox = ctx.sandbox

    def listener_class(class_name: str, protocol: str, config_type: T.TRecord) -> tuple[NativeClass, Any]:
        def construct(obj: BObject, config: Any, site: Any = None) -> BError | None:
            try:
                checked = coerce_record(config, config_type)
                plan = getattr(ctx, "endpoint_plan", None)
                mailbox: dict[str, Any] = {}
                auth = None
                if plan is not None:
                    current = {k: checked[k] for k in ("host", "port", "security", "username")}
                    changes = plan.settings(site, "listener", protocol, current)
                    mailbox = {k: changes.pop(k) for k in MAILBOX_KEYS if k in changes}
                    auth = take_auth(changes)
                    checked = with_overrides(checked, changes)
                settings = attrs.evolve(listener_settings(protocol, checked), auth=auth)
                if mailbox:
                    folder, options = mailbox_options(mailbox)
                    settings = attrs.evolve(settings, folder=folder or settings.folder, options=options)
            except (ConfigProblem, MailError) as problem:
                return email_error(f"Invalid {config_type.name}: {problem}")
            obj.env = EmailListener(runtime, protocol, settings)
            return None

        def on_listener(method: Any) -> Any:
            def call(obj: BObject, *args: Any) -> Any:
                listener = _native(obj)
                if not isinstance(listener, EmailListener):
                    return email_error("the listener was not initialised")
                return method(listener, *args)

            return call

        init = NativeInit(class_name, [_param("config", config_type)], construct)
        cls = NativeClass(
            class_name,
            {
                "attach": on_listener(EmailListener.attach),
                "detach": on_listener(EmailListener.detach),
                "start": on_listener(EmailListener.start),
                "gracefulStop": on_listener(EmailListener.graceful_stop),
                "immediateStop": on_listener(EmailListener.immediate_stop),
            },
        )
        cls.init = init
        cls.type.native_ctor = init.constructor(cls)  # type: ignore[attr-defined]
        return cls, cls.type.native_ctor  # type: ignore[attr-defined]

    def client_class(class_name: str, protocol: str, config_type: T.TRecord) -> tuple[NativeClass, Any]:
        def construct(
            obj: BObject, host: Any, username: Any, password: Any, config: Any = None, site: Any = None
        ) -> Any:
            try:
                checked = coerce_record(config if config is not None else BMap(), config_type)
            except ConfigProblem as problem:
                return email_error(f"Invalid {config_type.name}: {problem}")
            plan = getattr(ctx, "endpoint_plan", None)
            auth = None
            if plan is not None:
                current = {"host": host, "port": checked["port"], "security": checked["security"],
                           "username": username}  # fmt: skip
                changes = plan.settings(site, "client", protocol, current)
                auth = take_auth(changes)
                host = changes.pop("host", host)
                username = changes.pop("username", username)
                password = changes.pop("password", password)
                checked = with_overrides(checked, changes)
            # `balmail dev` grants a redirected client exactly the embedded server it now points at
            if plan is None or plan.redirect is None:
                denied = sandbox.allow_net(str(host), checked["port"])
                if denied is not None:
                    return email_error(denied.message)
            if protocol == "smtp":
                from balmail.mail.smtp import SmtpSender

                obj.env = SmtpSender(
                    str(host),
                    str(username),
                    str(password),
                    port=checked["port"],
                    security=Security.from_name(checked["security"]),
                    secure_socket=secure_socket_config(checked.get("secureSocket")),
                    timeouts=runtime.options.timeouts,
                    auth=auth,
                )
            else:
                obj.env = ReceivingClient(
                    runtime, protocol, str(host), str(username), str(password), checked, auth=auth
                )
            return None

        params = [
            _param("host", T.STRING),
            _param("username", T.STRING),
            _param("password", T.STRING),
            _param("clientConfig", config_type, optional=True, included=True),
        ]
        init = NativeInit(class_name, params, construct)
        if protocol == "smtp":
            methods = {"sendMessage": send_message, "send": send, "close": lambda obj: None}
        else:
            methods = {"receiveMessage": receive_message, "close": lambda obj: None}
        cls = NativeClass(class_name, methods)
        cls.init = init
        cls.type.native_ctor = init.constructor(cls)  # type: ignore[attr-defined]
        return cls, cls.type.native_ctor  # type: ignore[attr-defined]

    def receive_message(obj: BObject, folder: Any = None, timeout: Any = None) -> Any:
        client = _native(obj)
        if not isinstance(client, ReceivingClient):
            return email_error("the client was not initialised")
        left = sandbox.seconds_left()  # this strand's deadline: read before giving up the baton
        with blocking(ctx):
            return client.receive(folder or DEFAULT_FOLDER, timeout if timeout is not None else 1, left)

    def send_message(obj: BObject, message: Any) -> Any:
        from balmail.mail.smtp import SmtpSender

        sender = _native(obj)
        if not isinstance(sender, SmtpSender):
            return email_error("the client was not initialised")
        if not isinstance(message, BMap):
            return email_error("sendMessage expects an email:Message record")
        try:
            outgoing = _outgoing(message)
            left = sandbox.seconds_left()
            bounded = copy.copy(sender)  # shared by strands: the bound is this call's own
            bounded.timeouts = within_budget(sender.timeouts, left)
            with blocking(ctx):
                bounded.send(outgoing)
        except MailError as error:
            return email_error(str(error))
        return None

    def send(obj: BObject, to: Any, subject: Any, from_: Any = None, body: Any = None, **options: Any) -> Any:
        message = BMap({"to": to, "subject": subject}, MESSAGE)
        extra = dict(options)
        if "from" in extra:
            from_ = extra.pop("from")
        if from_ is not None:
            message["from"] = from_
        if body is not None:
            message["body"] = body
        message.update({k: v for k, v in extra.items() if v is not None})
        return send_message(obj, message)

    pop_listener, pop_listener_new = listener_class("email:PopListener", "pop3", POP_LISTENER_CONFIG)
    imap_listener, imap_listener_new = listener_class("email:ImapListener", "imap", IMAP_LISTENER_CONFIG)
    pop_client, pop_client_new = client_class("email:PopClient", "pop3", POP_CONFIG)
    imap_client, imap_client_new = client_class("email:ImapClient", "imap", IMAP_CONFIG)
    smtp_client, smtp_client_new = client_class("email:SmtpClient", "smtp", SMTP_CONFIG)

    return LibModule(
        "ballerina/email",
        constants=dict(CONSTANTS),
        types={
            "Message": MESSAGE,
            "Options": OPTIONS,
            "Attachment": ATTACHMENT,
            "SecureSocket": SECURE_SOCKET,
            "Security": SECURITY,
            "Error": EMAIL_ERROR,
            "Service": SERVICE,
            "PopListenerConfiguration": POP_LISTENER_CONFIG,
            "ImapListenerConfiguration": IMAP_LISTENER_CONFIG,
            "PopConfiguration": POP_CONFIG,
            "ImapConfiguration": IMAP_CONFIG,
            "SmtpConfiguration": SMTP_CONFIG,
            "PopListener": pop_listener.type,
            "ImapListener": imap_listener.type,
            "PopClient": pop_client.type,
            "ImapClient": imap_client.type,
            "SmtpClient": smtp_client.type,
        },
        classes={
            "PopListener": pop_listener_new,
            "ImapListener": imap_listener_new,
            "PopClient": pop_client_new,
            "ImapClient": imap_client_new,
            "SmtpClient": smtp_client_new,
        },
    )
