"""Endpoint overrides: the `[balmail.listeners.NAME]` / `[balmail.clients.NAME]` sections of
Config.toml and the `--listener NAME.key=value` / `--client NAME.key=value` flags, which change
where a listener or client connects without editing the `.bal` file (docs/config.md).

Built around one key registry (`KEYS`): a later setting (IDLE, folders, concurrency, OAuth2) is one
more `Key`. Overrides are checked against the program before anything runs (unknown names and keys
list the valid ones); the resulting `EndpointPlan` is put on the run context, and the email module
asks it for the settings of each listener or client as it is constructed. `balmail dev` adds a
`Redirect` that sends every endpoint to the embedded servers.
"""

from __future__ import annotations

import decimal
import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from balmail.check.endpoints import Endpoint, find_endpoints, find_program_endpoints, site_key
from balmail.mail import options as mailbox
from balmail.mail.oauth2 import AUTH_METHODS, TOKEN_METHODS
from balmail.syntax import ast

SECURITY_MODES = ("SSL", "START_TLS_AUTO", "START_TLS_ALWAYS", "START_TLS_NEVER")
ALL_PROTOCOLS = frozenset({"pop3", "imap", "smtp"})
IMAP = frozenset({"imap"})
RECEIVING = frozenset({"pop3", "imap"})
BOTH_ROLES = frozenset({"listener", "client"})


class DeploymentError(Exception):
    """An override that does not fit the program or the key's type; the message says where it was."""


def _text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError("a string")
    return raw


def _host(raw: Any) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("a non-empty string")
    return raw.strip()


def _port(raw: Any) -> int:
    if type(raw) is not int or not 1 <= raw <= 65535:
        raise ValueError("an integer from 1 to 65535")
    return raw


def _security(raw: Any) -> str:
    if not isinstance(raw, str) or raw.strip().removeprefix("email:") not in SECURITY_MODES:
        raise ValueError("one of " + ", ".join(SECURITY_MODES))
    return raw.strip().removeprefix("email:")


def _seconds(raw: Any) -> decimal.Decimal:
    if type(raw) not in (int, float, decimal.Decimal):
        raise ValueError("a positive number of seconds")
    value = raw if isinstance(raw, decimal.Decimal) else decimal.Decimal(repr(raw))
    if not value.is_finite() or value <= 0:
        raise ValueError("a positive number of seconds")
    return value


def _concurrency(raw: Any) -> Any:
    """Checked where it is read (`listener_concurrency` in lib/email.py), with its own message."""
    return raw


def _auth(raw: Any) -> str:
    if not isinstance(raw, str) or raw.strip().lower() not in AUTH_METHODS:
        raise ValueError("one of " + ", ".join(AUTH_METHODS))
    return raw.strip().lower()


def _secret(raw: Any) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("a non-empty string")
    return raw.strip()


OAUTH2_KEYS: dict[str, str] = {
    "tokenUrl": "the token endpoint's http(s) URL",
    "clientId": "the client (application) id registered there",
    "clientSecret": "the client secret (client-credentials grant; sent with a refresh token too)",
    "refreshToken": "a refresh token (refresh-token grant, as for a delegated Gmail or Microsoft 365 login)",
    "scopes": "the scopes to ask for: an array of strings, or one space-separated string",
}
"""The keys of a `[balmail.listeners.NAME.oauth2]` / `[balmail.clients.NAME.oauth2]` table."""


def _oauth2(raw: Any) -> dict[str, Any]:
    """Each key of the table checked; whether the whole is complete is checked once every source
    was merged (`_check_auth`), since flags may give one key at a time."""
    if not isinstance(raw, dict):
        raise ValueError("a table with " + ", ".join(OAUTH2_KEYS))
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in OAUTH2_KEYS:
            raise ValueError(f"a table of {', '.join(OAUTH2_KEYS)} (unknown key '{key}')")
        if key == "scopes":
            if isinstance(value, str):
                value = value.replace(",", " ").split()
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise ValueError("a table whose 'scopes' is an array of strings")
            out[key] = tuple(v.strip() for v in value)
        elif key == "tokenUrl":
            if not isinstance(value, str) or not value.strip().lower().startswith(("http://", "https://")):
                raise ValueError("a table whose 'tokenUrl' is an http:// or https:// URL")
            out[key] = value.strip()
        else:
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"a table whose '{key}' is a non-empty string")
            out[key] = value.strip()
    return out


def _number(text: str) -> Any:
    """Flag text read as a TOML number would be (so one parser checks both); else the text."""
    try:
        return int(text.strip())
    except ValueError:
        pass
    try:
        return decimal.Decimal(text.strip())
    except decimal.InvalidOperation:
        return text


def _path(raw: Any) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("the path of a PEM file")
    return raw


@attrs.frozen
class Key:
    """One deployment setting of a listener or client."""

    name: str
    parse: Callable[[Any], Any]
    """TOML value → the value; raises ValueError("what it must be")."""
    roles: frozenset[str]
    protocols: frozenset[str]
    default: str
    doc: str
    ballerina: str
    """What a Ballerina program does instead (docs/config.md lists it)."""
    numeric: bool = False
    """Flag text is read as a number first."""
    flag: Callable[[str], Any] | None = None
    """Flag text → the TOML value it stands for (e.g. "true" → True), when not a string or number."""
    pop3: Callable[[Any], str | None] | None = None
    """Why a parsed value cannot be used by a POP3 listener (None: it can)."""
    secret: bool = False
    """Never shown back (the design canvas masks it; messages never carry it)."""

    def from_flag(self, text: str) -> Any:
        if self.flag is not None:
            return self.flag(text)
        return _number(text) if self.numeric else text


KEYS: tuple[Key, ...] = (
    Key("host", _host, BOTH_ROLES, ALL_PROTOCOLS, "the program's value",
        "Server host name or address to connect to.",
        "the `host` field of the listener configuration, or the client's first argument"),
    Key("port", _port, BOTH_ROLES, ALL_PROTOCOLS, "the program's value",
        "Server port.", "the `port` field", numeric=True),
    Key("security", _security, BOTH_ROLES, ALL_PROTOCOLS, "the program's value",
        "SSL, START_TLS_AUTO, START_TLS_ALWAYS or START_TLS_NEVER.", "the `security` field"),
    Key("username", _text, BOTH_ROLES, ALL_PROTOCOLS, "the program's value",
        "Account to log in as.", "the `username` field, or the client's second argument"),
    Key("password", _text, BOTH_ROLES, ALL_PROTOCOLS, "the program's value",
        "Password of the account.", "the `password` field, or the client's third argument", secret=True),
    Key("caFile", _path, BOTH_ROLES, ALL_PROTOCOLS, "the program's `secureSocket.cert`, else the system CAs",
        "PEM file of the certificate(s) to trust; relative paths start at the Config.toml's folder "
        "(at the working directory for a flag).",
        "`secureSocket: {cert: ...}`"),
    Key("pollingInterval", _seconds, frozenset({"listener"}), RECEIVING, "the program's value",
        "Seconds between polling cycles (a decimal).", "the `pollingInterval` field", numeric=True),
    Key("concurrency", _concurrency, frozenset({"listener"}), RECEIVING, "1",
        "Messages of an `isolated service` handled at once (read by lib/email.py, docs/operations.md).",
        "nothing: Ballerina's listeners dispatch one message at a time", numeric=True),
    Key("folder", mailbox.parse_folder, frozenset({"listener"}), IMAP, "INBOX",
        "IMAP folder to watch (any name: spaces and non-ASCII are sent in modified UTF-7).",
        "nothing: `email:ImapListener` always reads INBOX"),
    Key("folders", mailbox.parse_folders, frozenset({"listener"}), IMAP, "[\"INBOX\"]",
        "Several IMAP folders, one connection and one polling thread each (a flag: comma-separated).",
        "nothing: one listener per account, INBOX only"),
    Key("onSuccess", mailbox.parse_on_success, frozenset({"listener"}), RECEIVING,
        "IMAP `seen`, POP3 `delete`",
        "After the handler succeeded: `seen`, `delete`, `move:FOLDER`, `copy:FOLDER` (and seen) or "
        "`keep` (POP3: `delete` or `keep`; kept messages are not handled twice).",
        "IMAP: marks `\\Seen`; POP3: deletes", pop3=lambda action: mailbox.pop3_action("onSuccess", action)),
    Key("onGiveUp", mailbox.parse_on_give_up, frozenset({"listener"}), RECEIVING,
        "IMAP `seen`, POP3 `delete`",
        "After every retry failed: `seen`, `keep`, `move:FOLDER` (a dead-letter folder) or `delete` "
        "(POP3: `delete` or `keep`).",
        "nothing: Ballerina has no retries; a failed message is acknowledged like any other",
        pop3=lambda action: mailbox.pop3_action("onGiveUp", action)),
    Key("unseenOnly", mailbox.parse_bool, frozenset({"listener"}), IMAP, "true",
        "Take only messages without `\\Seen` (false: every message matching `search`; handled ones "
        "are remembered in the state store, not re-delivered).",
        "unseen messages only", flag=mailbox.bool_from_flag),
    Key("search", mailbox.parse_search, frozenset({"listener"}), IMAP, "none (every unseen message)",
        "IMAP SEARCH criteria (RFC 3501 6.4.4) the messages must also match, checked at start; ASCII.",
        "nothing"),
    Key("maxMessagesPerPoll", mailbox.parse_max, frozenset({"listener"}), RECEIVING, "no limit",
        "Handle at most N new messages per cycle, oldest first; the rest wait for the next cycle.",
        "nothing: every new message is fetched each cycle", numeric=True),
    Key("idle", mailbox.parse_bool, frozenset({"listener"}), IMAP, "false",
        "Wait in IMAP IDLE (RFC 2177) between cycles and start the next one as soon as mail arrives; "
        "`pollingInterval` stays the longest wait; servers without IDLE are polled.",
        "nothing: polls every `pollingInterval`", flag=mailbox.bool_from_flag),
    Key("auth", _auth, BOTH_ROLES, ALL_PROTOCOLS,
        "`xoauth2` when `accessToken` or `oauth2` is set, else the protocol's password login",
        "How to log in: `xoauth2` or `oauthbearer` (RFC 7628) with an OAuth2 access token, `plain` "
        "(SASL PLAIN) or `login` (IMAP LOGIN, POP3 USER/PASS, SMTP AUTH LOGIN) with the password.",
        "nothing: Ballerina's clients and listeners log in with the password only"),
    Key("accessToken", _secret, BOTH_ROLES, ALL_PROTOCOLS, "none",
        "An OAuth2 access token used as is (it is not renewed; prefer `oauth2` for a long run).",
        "nothing", secret=True),
    Key("oauth2", _oauth2, BOTH_ROLES, ALL_PROTOCOLS, "none",
        "Table: where to get and renew access tokens (`tokenUrl`, `clientId`, `clientSecret` or "
        "`refreshToken`, `scopes`); renewed before expiry and once more when the server refuses one.",
        "nothing", secret=True),
)  # fmt: skip


def keys_for(role: str, protocol: str | None = None) -> list[Key]:
    return [k for k in KEYS if role in k.roles and (protocol is None or protocol in k.protocols)]


@attrs.frozen
class Redirect:
    """`balmail dev`: every endpoint goes to the embedded servers; the port follows the security
    mode (SSL → the implicit-TLS port, the STARTTLS modes → the plain port)."""

    host: str
    ports: dict[str, int]
    """"imap", "imaps", "pop3", "pop3s", "smtp", "smtps" → port."""
    ca_file: str
    polling_interval: decimal.Decimal | None = None
    """Listeners poll this often unless `pollingInterval` is overridden by name."""
    on_applied: Callable[[Applied], None] | None = attrs.field(default=None, eq=False)
    """Told about each endpoint as it is constructed (`balmail dev` prints it)."""

    def port_for(self, protocol: str, security: str) -> int:
        return self.ports[protocol + ("s" if security == "SSL" else "")]


@attrs.define
class Applied:
    """What one constructed endpoint ended up with (for `balmail dev`'s start-up lines)."""

    name: str | None
    role: str
    protocol: str
    host: str
    port: int
    security: str
    username: str


@attrs.define
class EndpointPlan:
    """Validated overrides per endpoint name, plus the dev redirect; asked once per construction."""

    listeners: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    clients: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    redirect: Redirect | None = None
    sites: dict[tuple[str, int], Endpoint] = attrs.field(factory=dict)
    applied: list[Applied] = attrs.field(factory=list)

    def settings(self, site: Any, role: str, protocol: str, current: dict[str, Any]) -> dict[str, Any]:
        """The fields to change for the listener or client constructed at `site` (a Span), given its
        current `host`, `port`, `security`, `username`: a dict of key → value (caFile a path)."""
        endpoint = self.sites.get(site_key(site)) if site is not None else None
        name = endpoint.name if endpoint is not None else None
        table = self.listeners if role == "listener" else self.clients
        changes = dict(table.get(name, {})) if name is not None else {}
        if self.redirect is not None:
            # the embedded servers take any credentials and offer no OAuth2: log in with the password
            for key in ("auth", "accessToken", "oauth2"):
                changes.pop(key, None)
            security = changes.get("security", current["security"])
            changes["host"] = self.redirect.host
            changes["port"] = self.redirect.port_for(protocol, security)
            changes["caFile"] = self.redirect.ca_file
            if role == "listener" and self.redirect.polling_interval is not None:
                changes.setdefault("pollingInterval", self.redirect.polling_interval)
        effective = {**current, **changes}
        applied = Applied(
            name, role, protocol, str(effective["host"]), int(effective["port"]), str(effective["security"]),
            str(effective["username"]),
        )  # fmt: skip
        self.applied.append(applied)
        if self.redirect is not None and self.redirect.on_applied is not None:
            self.redirect.on_applied(applied)
        return changes


@attrs.frozen
class Source:
    """Where overrides came from: a Config.toml document (its `[balmail]` table) or flags."""

    origin: str
    table: dict[str, Any]
    base: Path
    """Relative `caFile` paths start here."""


def parse_flag(flag: str, item: str) -> tuple[str, str, str]:
    """`NAME.key=value` → (name, key, value); NAME may itself contain dots (a service path)."""
    target, sep, value = item.partition("=")
    name, dot, key = target.rpartition(".")
    if not sep or not dot or not name or not key:
        raise DeploymentError(f"{flag} expects NAME.key=value, got '{item}'")
    return name, key, value


def build_plan(
    module: ast.Module | Sequence[tuple[str, ast.Module]],
    documents: Iterable[tuple[str, dict[str, Any]]],
    *,
    cwd: Path,
    listener_flags: Iterable[str] = (),
    client_flags: Iterable[str] = (),
    redirect: Redirect | None = None,
) -> EndpointPlan | None:
    """Check every override against the program and the key registry; None when there is nothing
    to apply (no overrides, no redirect), so a plain run pays nothing. `module` is the default module, or
    every module of a package as (name, AST) pairs ("" for the default one): a submodule's endpoints are
    then named `module.name`."""
    sources: list[Source] = []
    for origin, document in documents:
        section = document.get("balmail")
        if section is None:
            continue
        if not isinstance(section, dict):
            raise DeploymentError(f"[{origin}] 'balmail' must be a table")
        base = Path(origin).resolve().parent if origin.endswith(".toml") else cwd
        sources.append(Source(origin, section, base))
    listener_flags, client_flags = list(listener_flags), list(client_flags)
    wanted = (
        redirect is not None
        or listener_flags
        or client_flags
        or any("listeners" in s.table or "clients" in s.table for s in sources)
    )
    if not wanted:
        return None
    if isinstance(module, ast.Module):
        endpoints = find_endpoints(module)
    else:
        endpoints = find_program_endpoints(module)
    plan = EndpointPlan(redirect=redirect, sites={e.site: e for e in endpoints})
    # flags first: the first value found for a key wins (flags, then the documents in the order
    # configurable values are looked up)
    for flag, role, items in (
        ("--listener", "listener", listener_flags),
        ("--client", "client", client_flags),
    ):
        for item in reversed(items):  # the last of two flags for one key wins
            name, key, value = parse_flag(flag, item)
            sub = name.endswith(".oauth2") and not any(e.name == name for e in endpoints)
            if sub:  # NAME.oauth2.tokenUrl=URL: one key of the oauth2 table
                name, key, value = name.removesuffix(".oauth2"), "oauth2", {key: value}  # type: ignore[assignment]
            _put(plan, endpoints, role, name, key, value, f"{flag} {item}", cwd, from_flag=not sub)
    for source in sources:
        for role, table_name in (("listener", "listeners"), ("client", "clients")):
            tables = source.table.get(table_name)
            if tables is None:
                continue
            where = f"[{source.origin}] [balmail.{table_name}]"
            if not isinstance(tables, dict):
                raise DeploymentError(f"{where} must be a table of tables, one per {role} name")
            for name, settings in tables.items():
                here = f"[{source.origin}] [balmail.{table_name}.{_toml_key(name)}]"
                if not isinstance(settings, dict):
                    raise DeploymentError(f"{here} must be a table of settings")
                for key, value in settings.items():
                    _put(plan, endpoints, role, name, key, value, here, source.base)
    for role, table in (("listener", plan.listeners), ("client", plan.clients)):
        for name, settings in table.items():
            _check_auth(f"[balmail.{role}s.{_toml_key(name)}]", settings)
    return plan


def _check_auth(where: str, settings: dict[str, Any]) -> None:
    problem = auth_problem(settings)
    if problem is not None:
        raise DeploymentError(f"{where}: {problem[1]}")


def auth_problem(settings: dict[str, Any]) -> tuple[str, str] | None:
    """Whether `auth`, `accessToken` and `oauth2` make sense together (checked after every source was
    merged): None, or (the key the problem is about, what is wrong)."""
    method = settings.get("auth")
    token, oauth2 = settings.get("accessToken"), settings.get("oauth2")
    if token is not None and oauth2 is not None:
        return "accessToken", "give either 'accessToken' or 'oauth2', not both"
    if oauth2 is not None:
        missing = [k for k in ("tokenUrl", "clientId") if k not in oauth2]
        if "clientSecret" not in oauth2 and "refreshToken" not in oauth2:
            missing.append("clientSecret or refreshToken")
        if missing:
            return "oauth2", f"'oauth2' needs {', '.join(missing)}"
    if method in TOKEN_METHODS and token is None and oauth2 is None:
        return "auth", f"auth '{method}' needs 'accessToken' or an 'oauth2' table"
    if method is not None and method not in TOKEN_METHODS and (token is not None or oauth2 is not None):
        kind = "accessToken" if token is not None else "oauth2"
        return "auth", (
            f"'{kind}' is set but auth '{method}' logs in with the password; "
            "use auth 'xoauth2' or 'oauthbearer'"
        )
    return None


class SettingProblem(Exception):
    """One setting that does not fit: `kind` is "name" (no such endpoint), "key" (no such key for
    it) or "value" (wrong type or value); the message leaves out where it was written."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def check_setting(
    endpoints: list[Endpoint],
    role: str,
    name: str,
    key: str,
    raw: Any,
    base: Path,
    *,
    from_flag: bool = False,
) -> Any:
    """The value of one `[balmail.{role}s.NAME]` setting, checked against the program and the
    registry (`balmail run` and `balmail lint` share it); raises SettingProblem."""
    named = [e for e in endpoints if e.role == role and e.name == name]
    if not named:
        valid = sorted({e.name for e in endpoints if e.role == role and e.name is not None})
        listing = "valid names: " + ", ".join(valid) if valid else f"the program names no email {role}"
        raise SettingProblem("name", f"no email {role} named '{name}' in the program; {listing}")
    protocols = {e.protocol for e in named}
    applicable = [k for k in keys_for(role) if protocols <= k.protocols]
    found = next((k for k in applicable if k.name == key), None)
    if found is None:
        valid_keys = ", ".join(k.name for k in applicable)
        other = next((k for k in keys_for(role) if k.name == key), None)
        if other is not None:
            kinds = "/".join(sorted(p.upper() for p in other.protocols))
            these = "/".join(sorted(p.upper() for p in protocols))
            raise SettingProblem(
                "key",
                f"'{key}' applies to {kinds} {role}s only, and '{name}' is a {these} {role}; "
                f"valid keys: {valid_keys}",
            )
        raise SettingProblem("key", f"unknown key '{key}' for {role} '{name}'; valid keys: {valid_keys}")
    try:
        value = found.parse(found.from_flag(raw) if from_flag else raw)
    except ValueError as wrong:
        got = f"'{raw}'" if isinstance(raw, str) else _toml_kind(raw)
        raise SettingProblem("value", f"'{key}' must be {wrong}, got {got}") from None
    if found.pop3 is not None and "pop3" in protocols:
        problem = found.pop3(value)
        if problem is not None:
            raise SettingProblem("value", problem)
    if found.name == "caFile":
        path = Path(value)
        path = path if path.is_absolute() else base / path
        if not path.is_file():
            raise SettingProblem("value", f"'caFile' file '{path}' does not exist")
        value = str(path)
    return value


def _put(
    plan: EndpointPlan,
    endpoints: list[Endpoint],
    role: str,
    name: str,
    key: str,
    raw: Any,
    where: str,
    base: Path,
    *,
    from_flag: bool = False,
) -> None:
    try:
        value = check_setting(endpoints, role, name, key, raw, base, from_flag=from_flag)
    except SettingProblem as problem:
        raise DeploymentError(f"{where}: {problem.message}") from None
    table = plan.listeners if role == "listener" else plan.clients
    if key == "oauth2" and isinstance(table.get(name, {}).get(key), dict):
        for sub, sub_value in value.items():  # merged key by key: flags may give one at a time
            table[name][key].setdefault(sub, sub_value)
        return
    table.setdefault(name, {}).setdefault(key, value)


def _toml_key(name: str) -> str:
    bare = name and all(c.isalnum() or c in "_-" for c in name)
    return name if bare else '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_kind(raw: Any) -> str:
    kinds = {bool: "a boolean", int: "an integer", float: "a float", list: "an array", dict: "a table"}
    return kinds.get(type(raw), type(raw).__name__)


def read_documents(paths: Iterable[Path]) -> list[tuple[str, dict[str, Any]]]:
    """Config.toml files read for their `[balmail]` tables (tests and tools outside `run`)."""
    out = []
    for path in paths:
        try:
            out.append((str(path), tomllib.loads(path.read_text(encoding="utf-8"))))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise DeploymentError(f"cannot read '{path}': {e}") from None
    return out


@attrs.frozen
class EndpointOptions:
    """What a command line asks of the endpoints: `--listener`/`--client` flags, the dev redirect."""

    listener_flags: tuple[str, ...] = ()
    client_flags: tuple[str, ...] = ()
    redirect: Redirect | None = None


def plan_for_run(
    module: ast.Module | Sequence[tuple[str, ast.Module]],
    options: EndpointOptions | None,
    *,
    cwd: Path,
    environ: dict[str, str],
) -> EndpointPlan | None:
    """The plan for one run: Config.toml documents looked up as for configurable values, plus flags."""
    from balmail.config import ConfigError, load_documents

    options = options or EndpointOptions()
    try:
        documents = load_documents(cwd, environ)
    except ConfigError as e:
        raise DeploymentError(str(e)) from None
    return build_plan(
        module, documents, cwd=cwd, listener_flags=options.listener_flags,
        client_flags=options.client_flags, redirect=options.redirect,
    )  # fmt: skip
