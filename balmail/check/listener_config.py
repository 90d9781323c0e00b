"""Checks of email listener (and client) configuration records: BALMAIL_101..114.

The records are the closed `email:PopListenerConfiguration` / `email:ImapListenerConfiguration` (and the
client `PopConfiguration` / `ImapConfiguration` / `SmtpConfiguration`, and `SecureSocket` inside them).
They are found where listeners are created (`listener email:X l = new ({...})`, `new email:X({...})`,
`new (cfg)`) and where a variable is declared with one of those types. Field values are followed through
constants, module and local variables, and configurables with a default, as far as they are literals.

What is checked: the record's shape as Ballerina's type checker sees it (unknown field, wrong type,
missing required field; errors with Ballerina's wording), values that cannot work (polling interval,
port range, unknown TLS version), and settings that are risky (cleartext, opportunistic STARTTLS, literal
credentials, a missing certificate file, no host name check, a weak TLS version, very frequent polling of
a remote server). A configurable's default can be overridden at deployment, so it is used for value
checks but never blamed as a literal credential or a missing file.
"""

from __future__ import annotations

import decimal
import os
from collections.abc import Iterator

import attrs

from balmail.check import portability
from balmail.check.email import EMAIL_MODULE, LISTENER_TYPES, listener_declarations, unwrap
from balmail.check.listener_config_rules import (
    CLEARTEXT,
    FIELD_TYPE,
    FREQUENT_POLLING,
    LITERAL_CREDENTIAL,
    MISSING_CERT,
    MISSING_FIELD,
    NO_HOSTNAME_CHECK,
    OPPORTUNISTIC,
    POLLING_INTERVAL,
    PORT_RANGE,
    SECURITY_PORT,
    UNKNOWN_FIELD,
    UNKNOWN_TLS_VERSION,
    WEAK_TLS_VERSION,
)
from balmail.check.listener_config_values import (
    _CLIENT_ARGUMENTS,
    _CREDENTIALS,
    _SIMPLE_DECLARED,
    CLIENT_CONFIG,
    DEFAULT_PORTS,
    FREQUENT_SECONDS,
    IMPLICIT_TLS_PORTS,
    JAVA_TLS_VERSIONS,
    LISTENER_CONFIG,
    PLAIN_PORTS,
    RECORD_TYPES,
    SECURE_SOCKET,
    SECURITY_MODES,
    TLS_PROTOCOL,
    WEAK_TLS_VERSIONS,
    Field,
    FieldSpec,
    RecordSpec,
    Resolver,
    Value,
)
from balmail.check.registry import Rule, report
from balmail.check.walk import FUNCTION_KINDS, children, import_prefix, is_function_boundary, walk
from balmail.diagnostics import Diagnostic
from balmail.source import SourceFile, Span
from balmail.syntax import ast

# ---------------------------------------------------------------- the checker


class ConfigChecker:
    """Checks each configuration record once (a record reached two ways is still checked once)."""

    def __init__(self, source: SourceFile, module: ast.Module, prefix: str, base_dir: str) -> None:
        self.source = source
        self.module = module
        self.prefix = prefix
        self.base_dir = base_dir
        self.resolver = Resolver(source, module, prefix)
        self.found: list[Diagnostic] = []
        self.checked: set[int] = set()

    # ------------------------------------------------------------ reporting

    def report(self, rule: Rule, span: Span, message: str, help_text: str | None = None) -> None:
        self.found.append(report(rule, span, message=message, help=help_text))

    def display(self, text: str) -> str:
        return text.replace("{p}", self.prefix)

    # ------------------------------------------------------------ where records are

    def run(self) -> list[Diagnostic]:
        declared = listener_declarations(self.module)
        for _function, body, _enclosing in self._scopes():
            nodes = self._module_nodes() if body is None else walk(body, is_function_boundary)
            for node in nodes:
                self._visit(node, declared)
        return self.found

    def _scopes(self) -> Iterator[tuple[ast.Node | None, ast.Node | None, list[ast.Node]]]:
        """The module level, then every function (with its body and the functions it is nested in)."""
        yield None, None, []
        stack: list[tuple[ast.Node, list[ast.Node]]] = [(self.module, [])]
        while stack:
            node, enclosing = stack.pop()
            inner = enclosing
            if type(node).__name__ in FUNCTION_KINDS:
                body = getattr(node, "body", None)
                if body is not None:
                    yield node, body, enclosing
                inner = [*enclosing, node]
            stack.extend((child, inner) for child in reversed(list(children(node))))

    def _module_nodes(self) -> Iterator[ast.Node]:
        """Module-level expressions: member initialisers and service listener expressions, not bodies."""
        for member in self.module.members:
            if isinstance(member, ast.FunctionDefn | ast.ClassDefn):
                continue
            if isinstance(member, ast.ServiceDecl):
                for expr in member.listeners:
                    yield from walk(expr, is_function_boundary)
                continue
            yield from walk(member, is_function_boundary)

    def _visit(self, node: ast.Node, declared: dict[str, ast.Member]) -> None:
        if isinstance(node, ast.ListenerDecl | ast.ModuleVarDecl | ast.VarDecl | ast.ConstDecl):
            init = node.value if isinstance(node, ast.ConstDecl) else node.init
            record_type = self._record_type(node.type)
            if record_type is not None:
                value = self.resolver.value(init)
                if "configurable" in node.qualifiers if isinstance(node, ast.ModuleVarDecl) else False:
                    value = attrs.evolve(value, origin="configurable")
                self.check_value(value, record_type, init)
                return
            kind = self._listener_type(node.type)
            new = unwrap(init)
            if kind is not None and isinstance(new, ast.NewExpr) and new.type is None:
                self._check_new(new, kind)
            client = self._client_type(node.type)
            if client is not None and isinstance(new, ast.NewExpr) and new.type is None:
                self._check_client(new, client)
        elif isinstance(node, ast.NewExpr) and isinstance(node.type, ast.TypeRef):
            t = node.type
            if t.prefix == self.prefix and t.name in LISTENER_TYPES:
                self._check_new(node, t.name)
            elif t.prefix == self.prefix and t.name in CLIENT_CONFIG:
                self._check_client(node, t.name)

    def _client_type(self, t: ast.Node | None) -> str | None:
        if isinstance(t, ast.TypeRef) and t.prefix == self.prefix and t.name in CLIENT_CONFIG:
            return t.name
        return None

    def _check_client(self, new: ast.NewExpr, kind: str) -> None:
        """`new (host, username, password, config?)`; the SMTP client takes its configuration as named
        arguments (an included record parameter)."""
        positional = [a for a in new.args if not isinstance(a, ast.NamedArg | ast.RestArg)]
        named = {a.name: a for a in new.args if isinstance(a, ast.NamedArg)}
        fields: dict[str, Field] = {}
        for index, name in enumerate(("host", "username", "password")):
            if index < len(positional):
                fields[name] = Field(name, positional[index], positional[index])
            elif name in named:
                fields[name] = Field(name, named[name], named[name].value)
        spec = RECORD_TYPES[CLIENT_CONFIG[kind]]
        config = (
            positional[3]
            if len(positional) > 3
            else named["clientConfig"].value
            if "clientConfig" in named
            else None
        )
        if config is not None:
            self.check_value(self.resolver.value(config), spec, config)
        else:
            for name in spec.fields:
                if name in named:
                    fields[name] = Field(name, named[name], named[name].value)
        self.check_fields(fields, spec, "literal")

    def _record_type(self, t: ast.Node | None) -> RecordSpec | None:
        if isinstance(t, ast.TypeRef) and t.prefix == self.prefix:
            return RECORD_TYPES.get(t.name)
        return None

    def _listener_type(self, t: ast.Node | None) -> str | None:
        if isinstance(t, ast.TypeRef) and t.prefix == self.prefix and t.name in LISTENER_TYPES:
            return t.name
        return None

    def _check_new(self, new: ast.NewExpr, kind: str) -> None:
        arg: ast.Node | None = None
        for item in new.args:
            if isinstance(item, ast.NamedArg):
                if item.name == "listenerConfig":
                    arg = item.value
            elif not isinstance(item, ast.RestArg) and arg is None:
                arg = item
        if arg is None:
            self.report(
                MISSING_FIELD,
                new.span,
                "missing required parameter 'listenerConfig' in call to 'new'()",
                "pass a configuration record: new ({host: ..., username: ..., password: ...})",
            )
            return
        self.check_value(self.resolver.value(arg), RECORD_TYPES[LISTENER_CONFIG[kind]], arg)

    # ------------------------------------------------------------ one record

    def check_value(self, value: Value, spec: RecordSpec, where: ast.Node | None) -> None:
        if value.kind != "record" or where is None:
            return
        record = value.value
        assert isinstance(record, ast.MappingExpr)
        if record.span.start in self.checked:
            return
        self.checked.add(record.span.start)
        self.check_record(record, spec, value.origin)

    def check_record(self, record: ast.MappingExpr, spec: RecordSpec, origin: str) -> None:
        fields: dict[str, Field] = {}
        complete = True
        for item in record.fields:
            if item.kind in ("spread", "computed") or item.key is None:
                complete = False
                continue
            fields[item.key] = Field(item.key, item, item.value)
            if item.key not in spec.fields:
                if not portability.check_extension_field(self, spec, item):
                    self.report(
                        UNKNOWN_FIELD,
                        item.span,
                        UNKNOWN_FIELD.format_message(item.key, self.display(spec.name)),
                        _did_you_mean(item.key, spec.fields),
                    )
        if complete:
            for name, field_spec in spec.fields.items():
                if field_spec.required and name not in fields:
                    example = (
                        f"{self.prefix}:TLS" if name == "name" else name if name in _CREDENTIALS else "..."
                    )
                    help_text = f"add `{name}: {example}`" + (
                        f" with `configurable string {name} = ?;`" if name in _CREDENTIALS else ""
                    )
                    self.report(MISSING_FIELD, record.span, MISSING_FIELD.format_message(name), help_text)
        self.check_fields(fields, spec, origin)

    def check_fields(self, fields: dict[str, Field], spec: RecordSpec, origin: str) -> None:
        """Types and values of the fields given (from a record literal, or named arguments)."""
        values: dict[str, Value] = {}
        for name, item in fields.items():
            field_spec = spec.fields.get(name) or _CLIENT_ARGUMENTS.get(name)
            if field_spec is None:
                continue
            value = self.resolver.value(item.expr)
            if origin == "configurable" and value.origin != "configurable":
                value = attrs.evolve(value, origin="configurable")
            if self.check_type(item.expr, value, field_spec):
                values[name] = value
        if spec.protocol is not None:
            self.check_connection(spec, fields, values)

    # ------------------------------------------------------------ field types

    def check_type(self, expr: ast.Expr, value: Value, spec: FieldSpec) -> bool:
        """Report a certain type mismatch; True when the value may be used for value checks."""
        expected = self.display(spec.display)
        found = self.found_type(value)
        if spec.kind in ("secure_socket", "tls_protocol"):
            if value.kind == "record":
                nested = SECURE_SOCKET if spec.kind == "secure_socket" else TLS_PROTOCOL
                self.check_value(value, nested, expr)
                if spec.kind == "secure_socket":
                    self.check_secure_socket(value)
                return True
            ok = value.declared in (None, expected) or value.kind == "unknown" and value.declared is None
            if (
                value.declared is not None
                and value.declared != expected
                and value.declared.startswith(("string", "int", "decimal", "boolean", "float"))
            ):
                self.type_error(expr, expected, value.declared)
                return False
            return ok
        if found is None:
            return False
        if spec.kind == "strings" and value.kind == "list":
            return self.check_string_list(value)
        if not self.assignable(value, spec, found):
            self.type_error(expr, expected, found)
            return False
        return True

    def found_type(self, value: Value) -> str | None:
        """The type Ballerina would see for the value, when certain."""
        if value.declared is not None:
            declared = value.declared.replace(" ", "")
            email_types = {f"{self.prefix}:{name}" for name in ("Security", "Protocol", "SecureSocket")}
            if _SIMPLE_DECLARED.fullmatch(declared) or declared in email_types:
                return declared
            return None  # a type alias or anything else: not certain enough to report
        if value.kind == "number":
            return "decimal"  # a floating literal takes its type from the context
        if value.kind in ("int", "decimal", "float", "string", "boolean"):
            return value.kind
        if value.kind == "nil":
            return "()"
        if value.kind == "list":
            return "list"
        if value.kind == "record":
            return "map"
        return None

    def assignable(self, value: Value, spec: FieldSpec, found: str) -> bool:
        literal = value.declared is None
        kind = spec.kind
        if kind == "string":
            return found == "string" or found.startswith(self.prefix + ":") and found.endswith("FOLDER")
        if kind == "int":
            return found in ("int", "byte")
        if kind == "decimal":
            return found == "decimal" or (literal and value.kind in ("int", "number"))
        if kind == "boolean":
            return found == "boolean"
        if kind == "security":
            if found == f"{self.prefix}:Security":
                return value.kind != "enum" or value.value in SECURITY_MODES
            return literal and value.kind == "string" and value.value in SECURITY_MODES
        if kind == "protocol":
            if found == f"{self.prefix}:Protocol":
                return True
            return literal and value.kind == "string" and value.value == "TLS"
        if kind == "strings":
            return found == "string[]"
        return True

    def check_string_list(self, value: Value) -> bool:
        items = value.value
        assert isinstance(items, ast.ListExpr)
        ok = True
        for item in items.items:
            item_value = self.resolver.value(item)
            found = self.found_type(item_value)
            if found is not None and found != "string":
                self.type_error(item, "string", found)
                ok = False
        return ok

    def type_error(self, expr: ast.Node, expected: str, found: str) -> None:
        self.report(FIELD_TYPE, expr.span, FIELD_TYPE.format_message(expected, found))

    # ------------------------------------------------------------ values

    def check_connection(self, spec: RecordSpec, fields: dict[str, Field], values: dict[str, Value]) -> None:
        protocol = spec.protocol
        assert protocol is not None
        interval = values.get("pollingInterval")
        interval_number = _number(interval)
        if interval_number is not None and interval_number <= 0:
            where = fields["pollingInterval"].expr
            self.report(
                POLLING_INTERVAL,
                where.span,
                f"pollingInterval must be greater than 0 seconds, found {_show(interval)}",
                "poll every few seconds at least, e.g. pollingInterval: 30",
            )
        port = values.get("port")
        port_number = _number(port)
        if port_number is not None and not 1 <= port_number <= 65535:
            self.report(
                PORT_RANGE,
                fields["port"].expr.span,
                f"port must be between 1 and 65535, found {_show(port)}",
                f"the standard {protocol} ports are {_ports(protocol)}",
            )
            port_number = None
        security = values.get("security")
        mode = _mode(security)
        if "security" in fields and mode == "START_TLS_NEVER":
            self.report(
                CLEARTEXT,
                fields["security"].expr.span,
                f"security mode START_TLS_NEVER sends the password and messages in plaintext{_via(security)}",
                "use email:START_TLS_ALWAYS (or email:SSL on an implicit-TLS port)",
            )
        if "security" in fields and mode == "START_TLS_AUTO":
            self.report(
                OPPORTUNISTIC,
                fields["security"].expr.span,
                f"security mode START_TLS_AUTO continues in plaintext when the server does not offer "
                f"STARTTLS{_via(security)}",
                "use email:START_TLS_ALWAYS, which fails instead of sending credentials in the clear",
            )
        self.check_security_port(protocol, fields, values, mode, port_number)
        for name in ("username", "password"):
            value = values.get(name)
            if value is None or value.kind != "string" or not isinstance(value.value, str):
                continue  # not a string, or a template with interpolations
            if value.origin != "configurable":
                self.report(
                    LITERAL_CREDENTIAL,
                    fields[name].expr.span,
                    f"the {name} is written in the source{_via(value)}",
                    f"declare `configurable string {name} = ?;` and set it in Config.toml",
                )
            elif name == "password" and value.value:
                self.report(
                    LITERAL_CREDENTIAL,
                    fields[name].expr.span,
                    "the password is written in the source as the default of "
                    + (f"configurable '{value.via}'" if value.via else "a configurable"),
                    "make the configurable required (`= ?`) and set it in Config.toml",
                )
        if interval_number is not None and 0 < interval_number < FREQUENT_SECONDS:
            host = values.get("host")
            if host is not None and host.kind == "string" and isinstance(host.value, str):
                if not _is_loopback(host.value):
                    self.report(
                        FREQUENT_POLLING,
                        fields["pollingInterval"].expr.span,
                        f"polling {host.value} every {_show(interval)} seconds logs in "
                        f"{_per_hour(interval_number)} "
                        "times an hour",
                        "poll every 30 seconds or more; mail providers throttle frequent logins",
                    )

    def check_security_port(
        self,
        protocol: str,
        fields: dict[str, Field],
        values: dict[str, Value],
        mode: str | None,
        port: int | None,
    ) -> None:
        if "security" not in fields and "port" not in fields:
            return
        if "security" not in fields:
            mode = "SSL"
        if "port" not in fields:
            port = DEFAULT_PORTS[protocol]
        if mode is None or port is None:
            return
        where = fields["port"].expr if "port" in fields else fields["security"].expr
        if mode == "SSL" and port in PLAIN_PORTS[protocol]:
            self.report(
                SECURITY_PORT,
                where.span,
                f"security mode SSL expects TLS from the first byte, but port {port} is the {protocol} port "
                "for plaintext and STARTTLS",
                f"use port {IMPLICIT_TLS_PORTS[protocol][0]} with SSL, "
                f"or security: {self.prefix}:START_TLS_ALWAYS",
            )
        elif mode != "SSL" and port in IMPLICIT_TLS_PORTS[protocol]:
            self.report(
                SECURITY_PORT,
                where.span,
                f"security mode {mode} starts in plaintext, but port {port} is the {protocol} port for "
                "implicit TLS (SSL)",
                f"use security: {self.prefix}:SSL on port {port}, "
                f"or port {PLAIN_PORTS[protocol][0]} for STARTTLS",
            )

    def check_secure_socket(self, value: Value) -> None:
        record = value.value
        assert isinstance(record, ast.MappingExpr)
        for item in record.fields:
            if item.key == "cert":
                self.check_cert(item.value, value.origin)
            elif item.key == "verifyHostName":
                flag = self.resolver.value(item.value)
                if flag.kind == "boolean" and flag.value is False:
                    self.report(
                        NO_HOSTNAME_CHECK,
                        item.value.span,
                        f"host name verification is disabled{_via(flag)}: "
                        "a certificate for any host is accepted",
                        "remove verifyHostName (it defaults to true); use a certificate for the host",
                    )
            elif item.key == "protocol":
                protocol = self.resolver.value(item.value)
                if protocol.kind == "record":
                    assert isinstance(protocol.value, ast.MappingExpr)
                    for inner in protocol.value.fields:
                        if inner.key == "versions":
                            self.check_versions(inner.value)
            elif item.key == "ciphers":
                portability.check_ciphers(self, item.value)

    def check_cert(self, expr: ast.Expr, origin: str) -> None:
        cert = self.resolver.value(expr)
        if cert.kind != "string" or not isinstance(cert.value, str) or not cert.value:
            return
        if cert.origin == "configurable" or origin == "configurable":
            return
        path = cert.value if os.path.isabs(cert.value) else os.path.join(self.base_dir, cert.value)
        if not os.path.exists(path):
            self.report(
                MISSING_CERT,
                expr.span,
                f"certificate file '{cert.value}' does not exist "
                f"(relative to {_folder(self.base_dir)}){_via(cert)}",
                "fix the path, or take it from a configurable set at deployment",
            )

    def check_versions(self, expr: ast.Expr) -> None:
        versions = self.resolver.value(expr)
        if versions.kind != "list":
            return
        assert isinstance(versions.value, ast.ListExpr)
        names: list[str] = []
        for item in versions.value.items:
            version = self.resolver.value(item)
            if version.kind != "string" or not isinstance(version.value, str):
                continue
            name = version.value
            names.append(name)
            if name in WEAK_TLS_VERSIONS:
                self.report(
                    WEAK_TLS_VERSION,
                    item.span,
                    f"TLS version '{name}' is withdrawn and insecure",
                    'allow only "TLSv1.2" and "TLSv1.3"',
                )
            elif name in JAVA_TLS_VERSIONS:
                continue
            elif not portability.check_tls_version(self, item, name):
                self.report(
                    UNKNOWN_TLS_VERSION,
                    item.span,
                    UNKNOWN_TLS_VERSION.format_message(name),
                    "use one of " + ", ".join(f'"{v}"' for v in JAVA_TLS_VERSIONS[3:]),
                )
        portability.check_version_range(self, versions.value, names)


# ---------------------------------------------------------------- helpers


def _number(value: Value | None) -> decimal.Decimal | int | None:
    if value is None or value.kind not in ("int", "decimal", "number", "float"):
        return None
    number = value.value
    return number if isinstance(number, int | decimal.Decimal) else None


def _show(value: Value | None) -> str:
    assert value is not None
    text = str(value.value)
    if value.origin == "configurable" and value.via:
        return f"{text} (the default of configurable '{value.via}')"
    if value.via:
        return f"{text} (from '{value.via}')"
    return text


def _via(value: Value | None) -> str:
    if value is None or not value.via:
        return ""
    if value.origin == "configurable":
        return f" (the default of configurable '{value.via}')"
    return f" (through '{value.via}')"


def _mode(value: Value | None) -> str | None:
    if value is None:
        return None
    if value.kind in ("enum", "string") and value.value in SECURITY_MODES:
        return str(value.value)
    return None


def _ports(protocol: str) -> str:
    ports = sorted(IMPLICIT_TLS_PORTS[protocol] + PLAIN_PORTS[protocol])
    return ", ".join(str(port) for port in ports)


def _per_hour(seconds: decimal.Decimal | int) -> int:
    return int(3600 / decimal.Decimal(seconds))


def _is_loopback(host: str) -> bool:
    host = host.strip().lower().strip("[]")
    return (
        host in ("localhost", "::1", "0:0:0:0:0:0:0:1")
        or host.startswith("127.")
        or host.endswith(".localhost")
    )


def _folder(base_dir: str) -> str:
    """The folder a relative cert path was looked up in, shown relative to the working directory when it
    is under it (so output does not depend on where a checkout lives)."""
    shown = base_dir
    if os.path.isabs(base_dir):
        try:
            relative = os.path.relpath(base_dir)
        except ValueError:  # another drive on Windows
            relative = base_dir
        if not relative.startswith(".."):
            shown = relative
    return "the .bal file's folder" if shown in ("", ".") else f"'{shown}'"


def _did_you_mean(name: str, fields: dict[str, FieldSpec]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
    known = ", ".join(fields)
    if close:
        return f"did you mean '{close[0]}'? The record's fields are: {known}"
    return f"the record's fields are: {known}"


def check_listener_configs(
    source: SourceFile, module: ast.Module, base_dir: str | None = None
) -> list[Diagnostic]:
    """BALMAIL_101..114 (and the BALMAIL_3NN portability findings inside configuration records)."""
    prefix = import_prefix(module, EMAIL_MODULE)
    if prefix is None:
        return []
    if base_dir is None:
        base_dir = os.path.dirname(source.path)
    return ConfigChecker(source, module, prefix, base_dir).run()
