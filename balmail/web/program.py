"""What the design canvas looks at: the program's files parsed and linted, and the listeners, services,
connections and `main` found in them.

Discovery works on the AST alone (nothing runs): a listener is a `listener`/variable declared with, or
initialised by, `new email:PopListener|ImapListener(...)`, or such a `new` written inline after a
service's `on`; a connection is a variable of type `http:Client` or `email:SmtpClient|PopClient|
ImapClient` (module level, or local to a function); a service is a `service ... on` declaration or an
`email:Service` object attached with `listener.attach(service, "name")`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import attrs

from balmail.check.email import (
    EMAIL_MODULE,
    declared_listener_kind,
    email_listener_kind,
    listener_declarations,
    unwrap,
)
from balmail.check.lint import lint_project, lint_source
from balmail.check.walk import import_prefix, is_function_boundary, walk
from balmail.diagnostics import Diagnostic
from balmail.project import ProjectError, find_package_root, load_project
from balmail.source import SourceFile, Span
from balmail.syntax import ast
from balmail.syntax.parser import parse_source

HTTP_MODULE = "ballerina/http"
EMAIL_CLIENTS = {"SmtpClient": "smtp", "PopClient": "pop", "ImapClient": "imap"}
PROTOCOLS = {"PopListener": "POP3", "ImapListener": "IMAP"}


class ProgramError(Exception):
    """A path that is not a program: the message says what is wrong with it."""


@attrs.frozen
class LoadedFile:
    """One `.bal` file: its text, AST (None when it could not be parsed) and lint findings."""

    source: SourceFile
    module: ast.Module | None
    diagnostics: tuple[Diagnostic, ...]
    rel: str  # path shown to the user, relative to the program's folder


@attrs.frozen
class Program:
    """A file, or every `.bal` file of a folder, as one program; `root` is where Config.toml is read."""

    root: Path
    files: tuple[LoadedFile, ...]
    version: str  # changes whenever a file's text changes; edits must name the version they saw

    def file(self, path: str) -> LoadedFile | None:
        return next((f for f in self.files if f.source.path == path or f.rel == path), None)


def program_files(path: Path) -> tuple[Path, list[Path]]:
    """The folder a program lives in and its `.bal` files; ProgramError for a path that is neither. A
    package (a folder with Ballerina.toml) is its root files and `modules/*/`; another folder is every
    `.bal` file in it, each its own program."""
    if path.is_file():
        if path.suffix != ".bal":
            raise ProgramError(f"'{path}' is not a .bal file")
        return path.resolve().parent, [path.resolve()]
    if path.is_dir():
        if find_package_root(path) is not None:
            try:
                project = load_project(path)
            except ProjectError as e:
                raise ProgramError(str(e)) from None
            return path.resolve(), [Path(f.path).resolve() for m in project.modules for f in m.files]
        found = sorted(p.resolve() for p in path.glob("*.bal") if p.is_file())
        if not found:
            raise ProgramError(f"no .bal files in '{path}'")
        return path.resolve(), found
    raise ProgramError(f"no such file or folder: '{path}'")


def load_program(path: Path) -> Program:
    """Parse and lint every file of the program at `path` (a file, a package, or a folder of files). Each
    file is parsed on its own (offsets from its start, which edits rely on); a package is linted as one
    program, so names shared between its files resolve."""
    root, paths = program_files(path)
    package_findings: dict[Path, list[Diagnostic]] | None = None
    if path.is_dir() and find_package_root(path) is not None:
        project = load_project(path)
        package_findings = {p: [] for p in paths}
        for d in lint_project(project):
            package_findings.setdefault(Path(d.span.file).resolve(), []).append(d)
    files = []
    digest = hashlib.sha256()
    for p in paths:
        try:
            source = SourceFile.read(p)
        except OSError as e:
            raise ProgramError(f"cannot read '{p}': {e.strerror or e}") from None
        digest.update(p.as_posix().encode() + b"\0" + source.text.encode() + b"\0")
        parsed = parse_source(source)
        if package_findings is not None:
            findings = tuple(package_findings.get(p, ()))
        else:
            findings = lint_source(source, base_dir=str(p.parent)).diagnostics
        files.append(LoadedFile(source, parsed.module, findings, _relative(p, root)))
    return Program(root, tuple(files), digest.hexdigest()[:16])


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# ---------------------------------------------------------------- what the program declares


@attrs.frozen
class ListenerSite:
    """An email listener: where it is declared and the configuration record it is built from."""

    id: str
    name: str  # the variable name; for an inline listener the service's name
    kind: str  # PopListener or ImapListener
    file: LoadedFile
    decl: ast.Node  # the declaration (or the inline `new` expression)
    new: ast.NewExpr | None
    config: ast.MappingExpr | None  # the record, when it is written as one (directly or via a variable)
    config_decl: ast.Node | None  # the variable declaration holding the record, when there is one
    scope: str | None  # enclosing function for a local listener
    inline: bool = False

    @property
    def protocol(self) -> str:
        return PROTOCOLS[self.kind]


@attrs.frozen
class ServiceSite:
    id: str
    name: str
    file: LoadedFile
    node: ast.Node  # ServiceDecl, or the VarDecl of an `email:Service` object
    members: tuple[ast.Member, ...]
    listener_ids: tuple[str, ...]
    prefix: str  # the email module's prefix in its file


@attrs.frozen
class ConnectionSite:
    id: str
    name: str
    kind: str  # http smtp pop imap
    type_text: str
    file: LoadedFile
    decl: ast.Node
    new: ast.NewExpr | None
    scope: str | None  # enclosing function for a local client


@attrs.frozen
class Declarations:
    listeners: tuple[ListenerSite, ...]
    services: tuple[ServiceSite, ...]
    connections: tuple[ConnectionSite, ...]
    functions: tuple[tuple[LoadedFile, ast.FunctionDefn], ...]
    mains: tuple[tuple[LoadedFile, ast.FunctionDefn], ...]


def _new_of(expr: ast.Node | None) -> ast.NewExpr | None:
    expr = unwrap(expr)
    return expr if isinstance(expr, ast.NewExpr) else None


def _first_positional(new: ast.NewExpr | None) -> ast.Expr | None:
    if new is None:
        return None
    for arg in new.args:
        if not isinstance(arg, ast.NamedArg | ast.RestArg):
            return arg
    return None


def _binding_name(node: ast.Node) -> str | None:
    binding = getattr(node, "binding", None)
    return binding.name if isinstance(binding, ast.CaptureBinding) else getattr(node, "name", None)


class _Finder:
    """Walks every file once and records what the canvas shows."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.listeners: list[ListenerSite] = []
        self.services: list[ServiceSite] = []
        self.connections: list[ConnectionSite] = []
        self.functions: list[tuple[LoadedFile, ast.FunctionDefn]] = []
        self.mains: list[tuple[LoadedFile, ast.FunctionDefn]] = []
        self.ids: set[str] = set()
        self.http: str | None = None

    def unique(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.ids:
            candidate, n = f"{base}~{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def run(self) -> Declarations:
        """Module-level names are shared by a package's files: listeners first (every file), then the
        services that name them."""
        self.declared: dict[str, ast.Member] = {}
        self.by_name: dict[str, str] = {}
        parsed = [(f, f.module) for f in self.program.files if f.module is not None]
        for _, module in parsed:
            self.declared.update(listener_declarations(module))
        for loaded, module in parsed:
            self.visit_file(loaded, module)
        for loaded, module in parsed:
            self.visit_services(loaded, module)
        return Declarations(
            tuple(self.listeners), tuple(self.services), tuple(self.connections),
            tuple(self.functions), tuple(self.mains),
        )  # fmt: skip

    def config_record(
        self, new: ast.NewExpr | None, variables: dict[str, ast.Node]
    ) -> tuple[ast.MappingExpr | None, ast.Node | None]:
        arg = unwrap(_first_positional(new))
        if isinstance(arg, ast.MappingExpr):
            return arg, None
        if isinstance(arg, ast.VarRef) and arg.name in variables:
            decl = variables[arg.name]
            init = unwrap(getattr(decl, "init", None))
            if isinstance(init, ast.MappingExpr):
                return init, decl
        return None, None

    def visit_file(self, loaded: LoadedFile, module: ast.Module) -> None:
        email = import_prefix(module, EMAIL_MODULE)
        http = self.http = import_prefix(module, HTTP_MODULE)
        module_vars: dict[str, ast.Node] = dict(listener_declarations(module))  # this file's, for records
        by_name = self.by_name
        for member in module.members:
            if isinstance(member, ast.ListenerDecl | ast.ModuleVarDecl) and email is not None:
                kind = declared_listener_kind(member.type, email) or email_listener_kind(
                    getattr(member, "init", None), email, {}
                )
                name = _binding_name(member)
                if kind is not None and name is not None:
                    new = _new_of(getattr(member, "init", None))
                    config, config_decl = self.config_record(new, module_vars)
                    site = ListenerSite(self.unique(f"listener:{name}"), name, kind, loaded, member, new,
                                        config, config_decl, None)  # fmt: skip
                    self.listeners.append(site)
                    by_name[name] = site.id
                    continue
            if isinstance(member, ast.ModuleVarDecl):
                self.maybe_connection(loaded, member, email, http, None)
            elif isinstance(member, ast.FunctionDefn):
                self.functions.append((loaded, member))
                if member.name == "main":
                    self.mains.append((loaded, member))
                self.visit_function(loaded, member, member.name, email, http, module_vars)

    def visit_services(self, loaded: LoadedFile, module: ast.Module) -> None:
        email = import_prefix(module, EMAIL_MODULE)
        http = self.http = import_prefix(module, HTTP_MODULE)
        module_vars: dict[str, ast.Node] = dict(listener_declarations(module))
        for member in module.members:
            if isinstance(member, ast.ServiceDecl) and email is not None:
                self.visit_service(loaded, member, email, self.declared, self.by_name, module_vars)
            elif isinstance(member, ast.ServiceDecl | ast.ClassDefn):
                for inner in member.members:
                    if isinstance(inner, ast.FunctionDefn):
                        self.visit_function(loaded, inner, inner.name, email, http, module_vars)

    def visit_service(
        self,
        loaded: LoadedFile,
        member: ast.ServiceDecl,
        email: str,
        declared: dict[str, ast.Member],
        by_name: dict[str, str],
        module_vars: dict[str, ast.Node],
    ) -> None:
        name = _service_name(member, loaded)
        listener_ids: list[str] = []
        for expr in member.listeners:
            kind = email_listener_kind(expr, email, declared)
            if kind is None:
                continue
            target = unwrap(expr)
            if isinstance(target, ast.VarRef) and target.name in by_name:
                listener_ids.append(by_name[target.name])
            elif isinstance(target, ast.NewExpr):
                config, config_decl = self.config_record(target, module_vars)
                site = ListenerSite(self.unique(f"listener:{name}"), name, kind, loaded, target, target,
                                    config, config_decl, None, inline=True)  # fmt: skip
                self.listeners.append(site)
                listener_ids.append(site.id)
        if not listener_ids:
            return
        self.services.append(
            ServiceSite(self.unique(f"service:{name}"), name, loaded, member, member.members,
                        tuple(listener_ids), email)
        )  # fmt: skip
        for inner in member.members:
            if isinstance(inner, ast.FunctionDefn):
                self.visit_function(loaded, inner, f"{name}.{inner.name}", email, self.http, module_vars)

    def maybe_connection(
        self, loaded: LoadedFile, decl: ast.Node, email: str | None, http: str | None, scope: str | None
    ) -> None:
        t = getattr(decl, "type", None)
        new = _new_of(getattr(decl, "init", None))
        ref = t if isinstance(t, ast.TypeRef) else (new.type if new is not None else None)
        if not isinstance(ref, ast.TypeRef):
            return
        kind = None
        if http is not None and ref.prefix == http and ref.name == "Client":
            kind = "http"
        elif email is not None and ref.prefix == email and ref.name in EMAIL_CLIENTS:
            kind = EMAIL_CLIENTS[ref.name]
        name = _binding_name(decl)
        if kind is None or name is None:
            return
        base = f"connection:{scope}.{name}" if scope else f"connection:{name}"
        self.connections.append(
            ConnectionSite(
                self.unique(base), name, kind, f"{ref.prefix}:{ref.name}", loaded, decl, new, scope
            )
        )

    def visit_function(
        self,
        loaded: LoadedFile,
        function: ast.FunctionDefn,
        scope: str,
        email: str | None,
        http: str | None,
        module_vars: dict[str, ast.Node],
    ) -> None:
        if function.body is None:
            return
        local_listeners: dict[str, str] = {}
        local_vars: dict[str, ast.Node] = dict(module_vars)
        for node in walk(function.body, is_function_boundary):
            if not isinstance(node, ast.VarDecl):
                continue
            name = _binding_name(node)
            if name is not None:
                local_vars[name] = node
            kind = declared_listener_kind(node.type, email) if email else None
            if kind is None and email is not None:
                kind = email_listener_kind(node.init, email, {})
            if kind is not None and name is not None:
                new = _new_of(node.init)
                config, config_decl = self.config_record(new, local_vars)
                site = ListenerSite(self.unique(f"listener:{scope}.{name}"), name, kind, loaded, node, new,
                                    config, config_decl, scope)  # fmt: skip
                self.listeners.append(site)
                local_listeners[name] = site.id
                continue
            self.maybe_connection(loaded, node, email, http, scope)
        if email is None:
            return
        services: dict[str, ast.VarDecl] = {}
        for node in walk(function.body, is_function_boundary):
            if isinstance(node, ast.VarDecl) and isinstance(unwrap(node.init), ast.ObjectConstructor):
                t = node.type
                if isinstance(t, ast.TypeRef) and t.prefix == email and t.name == "Service":
                    name = _binding_name(node)
                    if name is not None:
                        services[name] = node
        for node in walk(function.body):
            if not (isinstance(node, ast.MethodCall) and node.name == "attach"):
                continue
            target = unwrap(node.target)
            if not (isinstance(target, ast.VarRef) and target.name in local_listeners and node.args):
                continue
            service_ref = unwrap(node.args[0]) if not isinstance(node.args[0], ast.NamedArg) else None
            if not (isinstance(service_ref, ast.VarRef) and service_ref.name in services):
                continue
            decl = services.pop(service_ref.name)
            attach_name = next(
                (a.value for a in node.args[1:] if isinstance(a, ast.Literal) and isinstance(a.value, str)),
                service_ref.name,
            )
            members = unwrap(decl.init).members  # type: ignore[union-attr]
            self.services.append(
                ServiceSite(self.unique(f"service:{attach_name}"), str(attach_name), loaded, decl,
                            tuple(m for m in members if isinstance(m, ast.Member)),
                            (local_listeners[target.name],), email)
            )  # fmt: skip
            for inner in members:
                if isinstance(inner, ast.FunctionDefn):
                    self.visit_function(loaded, inner, f"{attach_name}.{inner.name}", email, http, local_vars)


def _service_name(member: ast.ServiceDecl, loaded: LoadedFile) -> str:
    point = member.attach_point
    if isinstance(point, tuple):
        return "/" + "/".join(point)
    if isinstance(point, str):
        return point
    return f"service@{member.span.line}"


def find_declarations(program: Program) -> Declarations:
    """Listeners, services, connections and functions of every file."""
    return _Finder(program).run()


def spans_in(node: ast.Node) -> Iterator[ast.Node]:
    """Every node under `node` in source order (nested functions included)."""
    return walk(node)


def contains(outer: Span, inner: Span) -> bool:
    """By line and column, which mean the same in a file parsed alone and in its package's module."""
    starts_after = (outer.line, outer.column) <= (inner.line, inner.column)
    ends_before = (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column)
    return starts_after and ends_before


def text_of(loaded: LoadedFile, node: ast.Node) -> str:
    return loaded.source.text[node.span.start : node.span.end]

