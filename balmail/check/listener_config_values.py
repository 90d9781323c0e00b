"""What the listener configuration checks know statically: the shape of each email configuration
record (`RecordSpec`) and the values of expressions, followed through constants, variables and
configurables as far as they are literals (`Resolver`)."""

from __future__ import annotations

import decimal
import re

import attrs

from balmail.check.email import unwrap
from balmail.check.walk import assigned_decls, nodes_of
from balmail.resolve import record_of
from balmail.resolve.record import LOCAL, MODULE_VALUE
from balmail.source import SourceFile
from balmail.syntax import ast

# ---------------------------------------------------------------- record types


@attrs.frozen
class FieldSpec:
    """One field of a closed record: its type (`kind` drives the check, `display` is how Ballerina prints
    it, with the file's prefix filled in) and whether it must be given."""

    kind: str  # string int decimal boolean security protocol strings secure_socket tls_protocol
    display: str
    required: bool = False


@attrs.frozen
class RecordSpec:
    name: str  # as Ballerina prints it, `{p}` for the email prefix
    fields: dict[str, FieldSpec]
    protocol: str | None = None  # POP, IMAP, SMTP: for default ports and the port/security table


_SECURITY = FieldSpec("security", "{p}:Security")
_SECURE_SOCKET = FieldSpec("secure_socket", "{p}:SecureSocket")


def _listener_spec(name: str, protocol: str) -> RecordSpec:
    return RecordSpec(
        name,
        {
            "host": FieldSpec("string", "string", True),
            "username": FieldSpec("string", "string", True),
            "password": FieldSpec("string", "string", True),
            "pollingInterval": FieldSpec("decimal", "decimal"),
            "port": FieldSpec("int", "int"),
            "security": _SECURITY,
            "secureSocket": _SECURE_SOCKET,
        },
        protocol,
    )


def _client_spec(name: str, protocol: str) -> RecordSpec:
    return RecordSpec(
        name,
        {"port": FieldSpec("int", "int"), "security": _SECURITY, "secureSocket": _SECURE_SOCKET},
        protocol,
    )


SECURE_SOCKET = RecordSpec(
    "{p}:SecureSocket",
    {
        "cert": FieldSpec("string", "string", True),
        "protocol": FieldSpec("tls_protocol", "record {| {p}:Protocol name; string[] versions; |}"),
        "ciphers": FieldSpec("strings", "string[]"),
        "verifyHostName": FieldSpec("boolean", "boolean"),
    },
)
TLS_PROTOCOL = RecordSpec(
    "record {| {p}:Protocol name; string[] versions; |}",
    {"name": FieldSpec("protocol", "{p}:Protocol", True), "versions": FieldSpec("strings", "string[]")},
)

RECORD_TYPES: dict[str, RecordSpec] = {
    "PopListenerConfiguration": _listener_spec("{p}:PopListenerConfiguration", "POP"),
    "ImapListenerConfiguration": _listener_spec("{p}:ImapListenerConfiguration", "IMAP"),
    "PopConfiguration": _client_spec("{p}:PopConfiguration", "POP"),
    "ImapConfiguration": _client_spec("{p}:ImapConfiguration", "IMAP"),
    "SmtpConfiguration": _client_spec("{p}:SmtpConfiguration", "SMTP"),
    "SecureSocket": SECURE_SOCKET,
}
LISTENER_CONFIG = {"PopListener": "PopListenerConfiguration", "ImapListener": "ImapListenerConfiguration"}
CLIENT_CONFIG = {
    "PopClient": "PopConfiguration",
    "ImapClient": "ImapConfiguration",
    "SmtpClient": "SmtpConfiguration",
}
# A client's host and credentials are constructor arguments, checked like the listener's fields.
_CLIENT_ARGUMENTS = {name: FieldSpec("string", "string") for name in ("host", "username", "password")}

SECURITY_MODES = ("SSL", "START_TLS_AUTO", "START_TLS_ALWAYS", "START_TLS_NEVER")
IMPLICIT_TLS_PORTS = {"POP": (995,), "IMAP": (993,), "SMTP": (465,)}
PLAIN_PORTS = {"POP": (110,), "IMAP": (143,), "SMTP": (25, 587)}
DEFAULT_PORTS = {"POP": 995, "IMAP": 993, "SMTP": 465}
FREQUENT_SECONDS = decimal.Decimal(10)
_CREDENTIALS = ("username", "password")

# Version names Java's JSSE accepts (what Ballerina passes them to), and the weak ones among them.
JAVA_TLS_VERSIONS = ("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")
WEAK_TLS_VERSIONS = frozenset({"SSLv3", "TLSv1", "TLSv1.1"})

# ---------------------------------------------------------------- static values

_SIMPLE_DECLARED = re.compile(r"(?:int|string|decimal|float|boolean|byte)(?:\[\])?\??")


@attrs.frozen
class Value:
    """What the linter knows about an expression's value.

    `kind` is int, decimal, float, string, boolean, nil, enum (an `email:` enum member, `value` its name),
    record, list, or unknown. `origin` says where the value was written: "literal" (in place), "constant"
    (a constant or an initialised variable), or "configurable" (a configurable's default). `declared` is
    the type text of a variable it came through, which is what Ballerina type-checks against.
    """

    kind: str
    value: object = None
    origin: str = "literal"
    declared: str | None = None
    via: str | None = None  # the variable name, for messages


UNKNOWN = Value("unknown")


@attrs.frozen
class Field:
    """A field as written: its name, the node it is written as (record field or named argument), its value."""

    name: str
    node: ast.Node
    expr: ast.Expr


class Resolver:
    """Follows names to the literals they stand for: module constants, variables, configurables with a
    default, and local variables (of any enclosing function) that are never assigned again. A name is
    followed to the declaration the resolve record gives it, so shadows and parameters need no tracking."""

    def __init__(self, source: SourceFile, module: ast.Module, prefix: str) -> None:
        self.source = source
        self.prefix = prefix
        self.record = record_of(module)
        self.declared_by: dict[ast.Node, ast.Node] = {}
        """The member or statement declaring each variable: a module variable's or `T x = e;`'s binding."""
        for member in module.members:
            if isinstance(member, ast.ModuleVarDecl) and isinstance(member.binding, ast.CaptureBinding):
                self.declared_by[member.binding] = member
        for d in nodes_of(module, ast.VarDecl):
            if isinstance(d.binding, ast.CaptureBinding):  # type: ignore[attr-defined]
                self.declared_by[d.binding] = d  # type: ignore[attr-defined]
        self.reassigned = assigned_decls(module, self.record.refs)

    def type_text(self, t: ast.Node | None) -> str | None:
        return None if t is None else self.source.text[t.span.start : t.span.end]

    def value(self, expr: ast.Node | None, depth: int = 0) -> Value:
        expr = unwrap(expr)
        if expr is None or depth > 20:
            return UNKNOWN
        if isinstance(expr, ast.Literal):
            return _literal(expr)
        if isinstance(expr, ast.Template) and expr.kind == "string" and not expr.exprs:
            return Value("string", "".join(expr.strings))
        if isinstance(expr, ast.Template) and expr.kind == "string":
            return Value("string", None)
        if isinstance(expr, ast.Unary) and expr.op in ("-", "+"):
            inner = self.value(expr.operand, depth + 1)
            if inner.kind in ("int", "decimal", "float", "number") and inner.value is not None:
                number = inner.value if expr.op == "+" else -inner.value  # type: ignore[operator]
                return attrs.evolve(inner, value=number)
            return UNKNOWN
        if isinstance(expr, ast.MappingExpr):
            return Value("record", expr)
        if isinstance(expr, ast.ListExpr):
            return Value("list", expr)
        if isinstance(expr, ast.QualifiedRef):
            if expr.prefix == self.prefix and expr.name in (*SECURITY_MODES, "TLS"):
                return Value(
                    "enum",
                    expr.name,
                    declared=f"{self.prefix}:{'Protocol' if expr.name == 'TLS' else 'Security'}",
                )
            if expr.prefix == self.prefix and expr.name == "DEFAULT_FOLDER":
                return Value("string", "INBOX", origin="constant")
            return UNKNOWN
        if isinstance(expr, ast.VarRef):
            return self.variable(expr, depth)
        return UNKNOWN

    def variable(self, ref: ast.VarRef, depth: int) -> Value:
        decl = self.record.refs.get(ref)
        if decl is None or decl.node is None:
            return UNKNOWN
        name = decl.name
        if isinstance(decl.node, ast.ConstDecl):
            member = decl.node
            return _through(
                self.value(member.value, depth + 1), "constant", self.type_text(member.type), name
            )
        node = self.declared_by.get(decl.node)
        if isinstance(node, ast.ModuleVarDecl) and decl.kind == MODULE_VALUE:
            declared = self.type_text(node.type)
            if "configurable" in node.qualifiers:
                if node.required or node.init is None:
                    return Value("unknown", origin="configurable", declared=declared, via=name)
                return _through(self.value(node.init, depth + 1), "configurable", declared, name)
            if node.init is None or decl in self.reassigned:
                return Value("unknown", declared=declared, via=name)
            return _through(self.value(node.init, depth + 1), "constant", declared, name)
        if isinstance(node, ast.VarDecl) and decl.kind == LOCAL and decl not in self.reassigned:
            found = self.value(node.init, depth + 1) if node.init is not None else UNKNOWN
            return _through(found, "constant", self.type_text(node.type), name)
        return UNKNOWN


def _through(found: Value, origin: str, declared: str | None, name: str) -> Value:
    """A value reached through a variable: the variable's origin and declared type win."""
    if found.origin == "configurable":
        origin = "configurable"
    return attrs.evolve(found, origin=origin, declared=declared or found.declared, via=found.via or name)


def _literal(lit: ast.Literal) -> Value:
    if lit.kind == "int":
        return Value("int", lit.value)
    if lit.kind in ("float", "decimal"):
        text = str(lit.value)
        try:
            number = decimal.Decimal(text)
        except decimal.InvalidOperation:
            number = None
        suffix = lit.text[-1:].lower()
        kind = "float" if suffix == "f" else "decimal" if suffix == "d" else "number"
        return Value(kind, number)
    if lit.kind == "string":
        return Value("string", lit.value)
    if lit.kind == "boolean":
        return Value("boolean", lit.value)
    if lit.kind == "nil":
        return Value("nil", None)
    return UNKNOWN
