"""ballerina/email for the evaluator: the module's classes (listeners and the POP3/IMAP/SMTP clients)
bound to their native implementations. Types and records are in `email_values`, listeners in
`email_listener`."""

from __future__ import annotations

import copy
import time
from decimal import Decimal
from typing import Any

import attrs

from balmail.lib.email_listener import EmailListener, EmailRuntime, within_budget
from balmail.lib.email_values import (
    ATTACHMENT,
    CONSTANTS,
    DEFAULT_FOLDER,
    EMAIL_ERROR,
    IMAP_CONFIG,
    IMAP_LISTENER_CONFIG,
    MESSAGE,
    OPTIONS,
    POP_CONFIG,
    POP_LISTENER_CONFIG,
    SECURE_SOCKET,
    SECURITY,
    SERVICE,
    SMTP_CONFIG,
    ConfigProblem,
    coerce_record,
    email_error,
    listener_settings,
    message_value,
    secure_socket_config,
    with_overrides,
)
from balmail.lib.mime import NativeClass
from balmail.lib.registry import LibModule
from balmail.mail.errors import MailError
from balmail.mail.message import MimePart, parse_message
from balmail.mail.oauth2 import MailAuth, take_auth
from balmail.mail.options import MAILBOX_KEYS, mailbox_options
from balmail.mail.tls import Security
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.functions import MISSING, Param
from balmail.runtime.strands import blocking
from balmail.runtime.values import BError, BList, BMap, BObject

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
