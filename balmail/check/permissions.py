"""Which `balmail run --allow-*` flags a program will need (BALMAIL_201, info), read from its code so
users can write the flags before the first run instead of learning them one refusal at a time.

What asks the sandbox (docs/sandbox.md): `http:Client` and the email clients (`--allow-net`, the host
and port the program names), the `io:file*` functions (`--allow-read`/`--allow-write`, the path), and
`os:getEnv`/`setEnv`/`unsetEnv` (`--allow-env`), `os:exec` (`--allow-exec`, the program). Listeners
need no flag. A host, path or name written as a string literal,
or as a configurable variable with a default, is shown as it is; anything computed at run time is
shown as a placeholder naming the expression.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable

import attrs

from balmail.check.registry import Rule, register, report
from balmail.check.walk import assigned_decls, nodes_of, prefixes, source_text, walk
from balmail.diagnostics import Diagnostic, Severity
from balmail.resolve import Decl, Resolution, record_of
from balmail.source import SourceFile, Span
from balmail.syntax import ast

NEEDED_PERMISSION = register(
    Rule(
        code="BALMAIL_201",
        name="needed-permission",
        severity=Severity.INFO,
        summary="The program reaches the network, files or the environment; `balmail run` needs a flag.",
        what_it_does="Lists, at the first place one is needed, the `--allow-net`, `--allow-read`, "
        "`--allow-write`, `--allow-env` and `--allow-exec` flags the program's HTTP and email clients, file "
        "functions, `os:getEnv`/`setEnv` and `os:exec` calls will ask for; the help line says where each is "
        "asked for.",
        why="balmail's sandbox denies by default; without the flag the call returns an error at run "
        "time, often deep inside a handler, after a message was already fetched.",
        example="import ballerina/http;\n\npublic function main() returns error? {\n    http:Client c = "
        'check new ("https://api.example.com");\n    json j = check c->get("/status");\n}',
        fix="balmail run --allow-net=api.example.com:443 program.bal",
        message="this program needs {0}",
    )
)

_NET_CLIENTS = {
    ("ballerina/http", "Client"): None,
    ("ballerina/email", "SmtpClient"): 465,
    ("ballerina/email", "PopClient"): 995,
    ("ballerina/email", "ImapClient"): 993,
}
_READS = frozenset(
    {
        "fileReadString",
        "fileReadLines",
        "fileReadJson",
        "fileReadBytes",
        "fileReadCsv",
        "fileReadCsvAsStream",
        "fileReadXml",
    }
)
_WRITES = frozenset(
    {
        "fileWriteString",
        "fileWriteLines",
        "fileWriteJson",
        "fileWriteBytes",
        "fileWriteCsv",
        "fileWriteCsvFromStream",
        "fileWriteXml",
    }
)
_ACCOUNT = {"getUsername": "USER", "getUserHome": "HOME"}  # os functions reading the user's account


@attrs.frozen
class Need:
    flag: str
    value: str
    why: str
    span: Span

    @property
    def text(self) -> str:
        return f"{self.flag}={self.value}"


def check_permissions(
    source: SourceFile, module: ast.Module, base_dir: str | None = None
) -> list[Diagnostic]:
    """One info diagnostic at the first place a permission is needed, listing every flag the program
    needs (so one `// balmail:ignore BALMAIL_201` silences it) and, in its help, where each is asked."""
    needs = find_needs(source, module)
    if not needs:
        return []
    merged: dict[str, list[str]] = {}
    for need in needs:
        merged.setdefault(need.flag, [])
        if need.value not in merged[need.flag]:
            merged[need.flag].append(need.value)
    for flag in ("--allow-read", "--allow-write"):  # a granted folder covers the paths under it
        values = merged.get(flag, [])
        merged[flag] = [v for v in values if not any(v.startswith(o.rstrip("/") + "/") for o in values)]
    flags = " ".join(f"{flag}={','.join(values)}" for flag, values in merged.items() if values)
    uses = "; ".join(f"line {need.span.line} {need.why} ({need.text})" for need in needs)
    name = source.path.replace("\\", "/").rsplit("/", 1)[-1]
    if name == "Ballerina.toml":  # a package (its SourceSet is named by its manifest): run its folder
        name = os.path.dirname(source.path) or "."
    return [
        report(
            NEEDED_PERMISSION,
            needs[0].span,
            flags,
            help=f"run it with: balmail run {flags} {name}; asked for at {uses}",
        )
    ]


_BUILT_ONCE = (ast.Literal, ast.Template, ast.VarRef, ast.Binary)


def find_needs(source: SourceFile, module: ast.Module) -> list[Need]:
    """Every permission the code asks for, first use first, each flag value once."""
    imported = prefixes(module)
    record = record_of(module)
    values: dict[Decl, object] = _configurable_defaults(module, record)
    for node in nodes_of(module, ast.VarDecl):  # local strings built once (`string name = string `${dir}/x``)
        if isinstance(node, ast.VarDecl) and isinstance(node.binding, ast.CaptureBinding):
            decl = record.decls.get(node.binding)
            if decl is not None and isinstance(node.init, _BUILT_ONCE):
                values[decl] = node.init
    for decl in assigned_decls(module, record.refs):  # assigned again: known only at run time
        values.pop(decl, None)

    def defaults(ref: ast.VarRef) -> object | None:
        """What the variable `ref` refers to (by the resolve record) was given: a literal's value, an
        expression, or None."""
        decl = record.refs.get(ref)
        return values.get(decl) if decl is not None else None

    declared: dict[int, tuple[str, str]] = {}  # id(NewExpr) → (module, class) from `T x = new (...)`
    for node in nodes_of(module, ast.VarDecl, ast.ModuleVarDecl, ast.ObjectField):
        init = getattr(node, "init", None) or getattr(node, "default", None)
        if isinstance(node, ast.VarDecl | ast.ModuleVarDecl | ast.ObjectField) and isinstance(init, ast.Expr):
            cls = _class_of(getattr(node, "type", None), imported)
            target = _strip_check(init)
            if cls is not None and isinstance(target, ast.NewExpr) and target.type is None:
                declared[id(target)] = cls
    found: list[Need] = []
    seen: set[str] = set()

    def add(need: Need) -> None:
        if need.text not in seen:
            seen.add(need.text)
            found.append(need)

    for node in walk(module):
        if isinstance(node, ast.NewExpr):
            cls = _class_of(node.type, imported) if node.type is not None else declared.get(id(node))
            if cls in _NET_CLIENTS and node.args:
                first = node.args[0]
                value = _value(source, first, defaults)
                name = f"{cls[0].rsplit('/', 1)[-1]}:{cls[1]}"
                if cls[1] == "Client":
                    host = _url_host(value)
                else:
                    port = _email_port(node.args[3:], defaults, _NET_CLIENTS[cls])
                    host = f"{value}:{port}" if port is not None else value
                add(Need("--allow-net", host, name, node.span))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.QualifiedRef) and not node.args:
            if imported.get(node.func.prefix) == "ballerina/os" and node.func.name in _ACCOUNT:
                what = _ACCOUNT[node.func.name]
                add(Need("--allow-env", what, f"os:{node.func.name}", node.span))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.QualifiedRef) and node.args:
            full = imported.get(node.func.prefix)
            fn = node.func.name
            first = node.args[0]
            if full == "ballerina/io" and fn in _READS | _WRITES:
                flag = "--allow-read" if fn in _READS else "--allow-write"
                add(Need(flag, _folder(_value(source, first, defaults)), f"io:{fn}", node.span))
            elif full == "ballerina/os" and fn in ("getEnv", "setEnv", "unsetEnv"):
                name = _value(source, first, defaults)
                if name not in ("", "=="):  # keys the module refuses before it asks
                    add(Need("--allow-env", name, f"os:{fn}", node.span))
            elif full == "ballerina/os" and fn == "exec":
                add(Need("--allow-exec", _program(source, first, defaults), "os:exec", node.span))
    return found


def _program(source: SourceFile, arg: ast.Node, defaults: Known) -> str:
    """The program an `os:exec` command record names (its `value` field), as far as the code shows it."""
    expr = arg.value if isinstance(arg, ast.NamedArg) else arg
    if isinstance(expr, ast.MappingExpr):
        for field in expr.fields:
            if field.key == "value" and field.kind in ("key", "string"):
                return _value(source, field.value, defaults)
    return f"<program of {source_text(source.text, expr)}>"


def _strip_check(e: ast.Expr) -> ast.Expr:
    while isinstance(e, ast.CheckExpr):
        e = e.expr
    return e


def _class_of(t: object, imported: dict[str, str]) -> tuple[str, str] | None:
    if isinstance(t, ast.TypeRef) and t.prefix is not None:
        key = (imported.get(t.prefix, ""), t.name)
        return key if key in _NET_CLIENTS else None
    return None


Known = Callable[[ast.VarRef], object | None]
"""What a variable was given where it is declared: a literal's value, an expression, or None (unknown)."""


def _configurable_defaults(module: ast.Module, record: Resolution) -> dict[Decl, object]:
    """Module variables with a literal initial value (configurable or not), by declaration."""
    out: dict[Decl, object] = {}
    for member in module.members:
        if isinstance(member, ast.ModuleVarDecl) and isinstance(member.binding, ast.CaptureBinding):
            decl = record.module_decls.get(member.binding)
            if (
                decl is not None
                and isinstance(member.init, ast.Literal)
                and member.init.kind in ("string", "int")
            ):
                out[decl] = member.init.value
    return out


def _value(source: SourceFile, arg: ast.Node, defaults: Known, depth: int = 0) -> str:
    """The text a string argument will have, as far as the code shows it; `<expr>` for the rest."""
    expr = arg.value if isinstance(arg, ast.NamedArg) else arg
    if depth > 8:
        return f"<{source_text(source.text, expr)}>"
    if isinstance(expr, ast.Literal) and expr.kind == "string":
        return str(expr.value)
    known = defaults(expr) if isinstance(expr, ast.VarRef) else None
    if known is not None:
        if isinstance(known, ast.Expr):
            return _value(source, known, defaults, depth + 1)
        return str(known)
    if isinstance(expr, ast.Template) and expr.kind == "string":
        pieces = [expr.strings[0]]
        for inner, after in zip(expr.exprs, expr.strings[1:], strict=True):
            pieces.append(_value(source, inner, defaults, depth + 1) + after)
        return "".join(pieces)
    if isinstance(expr, ast.Binary) and expr.op == "+":
        return _value(source, expr.left, defaults, depth + 1) + _value(
            source, expr.right, defaults, depth + 1
        )
    return f"<{source_text(source.text, expr)}>"


def _folder(path: str) -> str:
    """A path known only in part: the folder before its first run-time piece (`filed/<n>.txt` → `filed`),
    since granting that folder is what the user will do."""
    cut = path.find("<")
    if cut <= 0:
        return path
    head = path[:cut]
    if "/" not in head:
        return path
    return head.rsplit("/", 1)[0] or "/"


def _url_host(url: str) -> str:
    if url.startswith("<"):
        return f"<host of {url[1:-1]}>"
    parts = urllib.parse.urlsplit(url)
    if not parts.hostname:
        return url
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.hostname}:{port}"


def _email_port(args: tuple[ast.Node, ...], defaults: Known, default: object) -> object | None:
    """The `port` of an email client's configuration (a named argument or a field of the record), its
    default when not given, or None when it is computed at run time (then any port of the host)."""
    for arg in args:
        if isinstance(arg, ast.NamedArg) and arg.name == "port":
            return _literal(arg.value, defaults)
        expr = arg.value if isinstance(arg, ast.NamedArg) else arg
        if isinstance(expr, ast.MappingExpr):
            for field in expr.fields:
                if field.key == "port":
                    return _literal(field.value, defaults)
        elif not isinstance(arg, ast.NamedArg):
            return None  # a configuration record built elsewhere
    return default


def _literal(expr: ast.Expr, defaults: Known, depth: int = 0) -> object | None:
    """An int written here or given to the variable named here, else None (computed at run time)."""
    if isinstance(expr, ast.Literal) and expr.kind == "int":
        return expr.value
    if isinstance(expr, ast.VarRef) and depth < 8:
        known = defaults(expr)
        return _literal(known, defaults, depth + 1) if isinstance(known, ast.Expr) else known
    return None
