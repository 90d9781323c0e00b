"""The listener configuration form: every field of `email:PopListenerConfiguration` /
`ImapListenerConfiguration` (and of `secureSocket` inside it), where each one's value is written, what
it is, and where an edit of it goes (the `.bal` expression, or Config.toml when a configurable holds it).
"""

from __future__ import annotations

from typing import Any

import attrs

from balmail.check.email import unwrap
from balmail.syntax import ast
from balmail.web.configurables import MASK, Configurable, display
from balmail.web.program import ListenerSite, text_of


@attrs.frozen
class FieldDef:
    path: str  # dotted: secureSocket.protocol.name
    kind: str  # string int decimal boolean security protocol strings
    label: str
    default: str | None = None  # what applies when the field is not written
    secret: bool = False
    required: bool = False


LISTENER_FIELDS: tuple[FieldDef, ...] = (
    FieldDef("host", "string", "Host", required=True),
    FieldDef("username", "string", "Username", required=True),
    FieldDef("password", "string", "Password", secret=True, required=True),
    FieldDef("pollingInterval", "decimal", "Polling interval (seconds)", "30"),
    FieldDef("port", "int", "Port", "{port}"),
    FieldDef("security", "security", "Security", "SSL"),
    FieldDef("secureSocket.cert", "string", "Certificate to trust (PEM path)"),
    FieldDef("secureSocket.protocol.name", "protocol", "TLS protocol", "TLS"),
    FieldDef("secureSocket.protocol.versions", "strings", "TLS versions"),
    FieldDef("secureSocket.ciphers", "strings", "Cipher suites"),
    FieldDef("secureSocket.verifyHostName", "boolean", "Verify host name", "true"),
)
FIELD_BY_PATH = {f.path: f for f in LISTENER_FIELDS}
DEFAULT_PORTS = {"POP3": "995", "IMAP": "993"}
SECURITY_MODES = ("SSL", "START_TLS_AUTO", "START_TLS_ALWAYS", "START_TLS_NEVER")


@attrs.frozen
class Located:
    """Where a field stands in the source: the deepest record written as `{...}` on its path, the field
    itself (if written), and the path parts an insertion must create (the field's own name included)."""

    parent: ast.MappingExpr | None
    field: ast.MappingField | None
    missing: tuple[str, ...] = ()
    blocked_by: ast.MappingField | None = None  # a record on the path written as an expression


def find_field(config: ast.MappingExpr | None, path: str) -> Located:
    """Walk `secureSocket.protocol.name` down the written records."""
    parts = path.split(".")
    record = config
    if record is None:
        return Located(None, None, tuple(parts))
    for index, part in enumerate(parts):
        field = next((f for f in record.fields if f.key == part and f.kind != "spread"), None)
        if field is None:
            return Located(record, None, tuple(parts[index:]))
        if index == len(parts) - 1:
            return Located(record, field)
        inner = unwrap(field.value)
        if not isinstance(inner, ast.MappingExpr):
            return Located(None, None, tuple(parts[index + 1 :]), field)
        record = inner
    raise AssertionError(path)


def field_state(
    site: ListenerSite, spec: FieldDef, configurables: dict[str, Configurable]
) -> dict[str, Any]:
    """One form row: the value as shown (secrets masked), its origin and where an edit goes."""
    located = find_field(site.config, spec.path)
    default = spec.default.format(port=DEFAULT_PORTS[site.protocol]) if spec.default else None
    row: dict[str, Any] = {
        "path": spec.path, "label": spec.label, "kind": spec.kind, "secret": spec.secret,
        "required": spec.required, "default": default, "written": False, "expression": None,
        "origin": "default" if default is not None else "absent", "configurable": None,
        "value": default, "target": "bal", "line": None, "endLine": None, "editable": True,
        "reason": None,
    }  # fmt: skip
    if site.config is None:
        written = unwrap(_first_positional(site.new)) if site.new is not None else None
        row.update(editable=False, origin="computed", value=None, target=None,
                   reason="the configuration is computed by an expression: "
                   + (text_of(site.file, written) if written is not None else "(none)"))  # fmt: skip
        return row
    if located.blocked_by is not None:
        row.update(
            editable=False, origin="computed", value=None, target=None,
            line=located.blocked_by.span.line, endLine=located.blocked_by.span.end_line,
            reason=f"`{located.blocked_by.key}` is written as an expression: "
            f"{text_of(site.file, located.blocked_by.value)}; edit that field's expression in the source",
        )  # fmt: skip
        return row
    field = located.field
    if field is None:
        return row
    expr = unwrap(field.value)
    row.update(written=True, line=field.span.line, endLine=field.span.end_line,
               expression=text_of(site.file, field.value))  # fmt: skip
    if isinstance(expr, ast.VarRef) and expr.name in configurables:
        conf = configurables[expr.name]
        row.update(origin="configurable", configurable=conf.name, target="toml",
                   value=display(conf.value, spec.secret or conf.secret),
                   valueOrigin=conf.origin, valueDetail=conf.origin_detail)  # fmt: skip
        return row
    literal = _literal_value(expr, spec.kind)
    if literal is not None:
        row.update(origin="literal", value=literal)
    else:
        row.update(origin="expression", value=None)
    if spec.secret:
        row.update(value=MASK if row["value"] is not None else None,
                   expression=MASK if row["origin"] == "literal" else row["expression"])  # fmt: skip
    return row


def _first_positional(new: ast.NewExpr | None) -> ast.Expr | None:
    for arg in new.args if new is not None else ():
        if not isinstance(arg, ast.NamedArg | ast.RestArg):
            return arg
    return None


def _literal_value(expr: ast.Node | None, kind: str) -> str | list[str] | None:
    """What a field written as a literal holds, as the form shows it; None for anything else."""
    if isinstance(expr, ast.Literal):
        if expr.kind == "string":
            return str(expr.value)
        if expr.kind == "boolean":
            return "true" if expr.value else "false"
        if expr.kind in ("int", "decimal", "float"):
            return expr.text
        return None
    if isinstance(expr, ast.Template) and expr.kind == "string" and not expr.exprs:
        return "".join(expr.strings)
    if isinstance(expr, ast.Unary) and expr.op == "-" and isinstance(expr.operand, ast.Literal):
        return "-" + expr.operand.text
    if isinstance(expr, ast.QualifiedRef) and kind in ("security", "protocol"):
        return expr.name
    if isinstance(expr, ast.ListExpr) and kind == "strings":
        items = [_literal_value(unwrap(i), "string") for i in expr.items]
        if all(isinstance(i, str) for i in items):
            return items  # type: ignore[return-value]
    return None


def listener_form(site: ListenerSite, configurables: dict[str, Configurable]) -> list[dict[str, Any]]:
    """Every field of the listener's configuration record, in the record's order."""
    return [field_state(site, spec, configurables) for spec in LISTENER_FIELDS]
