"""Ballerina's email compiler plugin, rule for rule: EMAIL_101..107 on services attached to an email
listener, with the plugin's codes, message texts and spans (rules registered in registry.py).

A service is "on an email listener" when one of its listener expressions is a `new email:PopListener(...)`
/ `new email:ImapListener(...)`, or names a listener (or final module variable) declared with one of those
types or initialised with such a `new`; `email:Service x = service object {...}` values are email services
too. Spans follow the plugin: the `function` keyword (101, 105), the whole function (103), the parameter
(104), the signature (106), the return type (107) and the whole service (102). Any declared return
type is EMAIL_107, as the plugin reports it; for `error?` the help says what balmail does with it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

import attrs

from balmail.check.registry import report
from balmail.check.walk import import_prefix, source_text
from balmail.diagnostics import Diagnostic
from balmail.source import SourceFile, Span
from balmail.syntax import ast

EMAIL_MODULE = "ballerina/email"
LISTENER_TYPES = frozenset({"PopListener", "ImapListener"})
ON_MESSAGE, ON_ERROR, ON_CLOSE = "onMessage", "onError", "onClose"
HANDLERS = (ON_MESSAGE, ON_CLOSE, ON_ERROR)  # the plugin's validation order

REMOTE_EXPECTED = "EMAIL_101"
MISSING_ON_MESSAGE = "EMAIL_102"
NOT_ACCEPTED = "EMAIL_103"
INVALID_PARAMETER = "EMAIL_104"
RESOURCE_NOT_EXPECTED = "EMAIL_105"
NO_PARAMETER = "EMAIL_106"
INVALID_RETURN = "EMAIL_107"


@attrs.frozen
class EmailService:
    """A service body to validate: where it is (the EMAIL_102 span) and its members."""

    node: ast.Node
    members: tuple[ast.Node, ...]


def is_email_type(t: ast.Node | None, prefix: str, names: frozenset[str]) -> bool:
    """`t` is `prefix:Name` for one of `names` (or a union containing one)."""
    if isinstance(t, ast.TypeRef):
        return t.prefix == prefix and t.name in names
    if isinstance(t, ast.UnionType):
        return any(is_email_type(member, prefix, names) for member in t.members)
    return False


def unwrap(expr: ast.Node | None) -> ast.Node | None:
    """`check e`, `checkpanic e` and `<T> e` stand for `e` here."""
    while isinstance(expr, ast.CheckExpr | ast.Cast):
        expr = expr.expr
    return expr


def listener_declarations(module: ast.Module) -> dict[str, ast.Member]:
    """Module-level listeners and variables by name (only single-name bindings can be listeners)."""
    found: dict[str, ast.Member] = {}
    for member in module.members:
        if isinstance(member, ast.ListenerDecl):
            found[member.name] = member
        elif isinstance(member, ast.ModuleVarDecl) and isinstance(member.binding, ast.CaptureBinding):
            found[member.binding.name] = member
    return found


def email_listener_kind(expr: ast.Node | None, prefix: str, declared: dict[str, ast.Member]) -> str | None:
    """`PopListener` or `ImapListener` when `expr` evaluates to an email listener, else None."""
    expr = unwrap(expr)
    if isinstance(expr, ast.NewExpr):
        t = expr.type
        if isinstance(t, ast.TypeRef) and t.prefix == prefix and t.name in LISTENER_TYPES:
            return t.name
        return None
    if isinstance(expr, ast.VarRef):
        decl = declared.get(expr.name)
        if isinstance(decl, ast.ListenerDecl | ast.ModuleVarDecl):
            kind = declared_listener_kind(decl.type, prefix)
            if kind is not None:
                return kind
            if decl.type is None and isinstance(decl, ast.ListenerDecl):
                return email_listener_kind(decl.init, prefix, {})
    return None


def declared_listener_kind(t: ast.Node | None, prefix: str) -> str | None:
    """The email listener type a declaration names (first one of a union)."""
    if isinstance(t, ast.TypeRef) and t.prefix == prefix and t.name in LISTENER_TYPES:
        return t.name
    if isinstance(t, ast.UnionType):
        for member in t.members:
            kind = declared_listener_kind(member, prefix)
            if kind is not None:
                return kind
    return None


def email_services(module: ast.Module, prefix: str) -> Iterator[EmailService]:
    """Every service declaration on an email listener. Service object constructors (`email:Service x =
    service object {...}`) are not validated: the plugin only analyses service declarations."""
    declared = listener_declarations(module)
    for member in module.members:
        if isinstance(member, ast.ServiceDecl):
            if any(email_listener_kind(expr, prefix, declared) for expr in member.listeners):
                yield EmailService(member, member.members)


class EmailServiceValidator:
    """Validates one service's members the way the plugin's `EmailServiceValidator.validate` does."""

    def __init__(self, source: SourceFile, module: ast.Module, prefix: str, exact: bool = True) -> None:
        self.source = source
        self.exact = exact
        self.prefix = prefix
        self.found: list[Diagnostic] = []
        self.type_definitions: dict[str, ast.Member] = {
            member.name: member
            for member in module.members
            if isinstance(member, ast.TypeDefn | ast.ClassDefn | ast.EnumDefn)
        }

    def report(self, code: str, span: Span, *args: object, help_text: str | None = None) -> None:
        self.found.append(report(code, span, *args, help=help_text))

    def validate(self, service: EmailService) -> None:
        handlers: dict[str, ast.FunctionDefn] = {}
        for member in service.members:
            if not isinstance(member, ast.FunctionDefn):
                continue
            if "resource" in member.qualifiers:
                self.report(
                    RESOURCE_NOT_EXPECTED,
                    self.function_keyword(member),
                    member.name,
                    help_text="email services have no resources; use `remote function onMessage(...)`, "
                    "or a plain `function` for a helper",
                )
            remote = "remote" in member.qualifiers
            if remote and member.name not in HANDLERS:
                self.report(NOT_ACCEPTED, member.span, member.name, help_text=_not_accepted_help(member.name))
            elif member.name in HANDLERS:
                handlers[member.name] = member
        if ON_MESSAGE not in handlers:
            self.report(
                MISSING_ON_MESSAGE,
                service.node.span,
                help_text=f"add `remote function onMessage({self.prefix}:Message message) {{ }}`",
            )
        for name in HANDLERS:
            if name in handlers:
                self.validate_signature(handlers[name], name)

    def validate_signature(self, function: ast.FunctionDefn, name: str) -> None:
        if "remote" not in function.qualifiers:
            self.report(
                REMOTE_EXPECTED,
                self.function_keyword(function),
                name,
                help_text=f"write `remote function {name}`",
            )
        # The plugin joins the prefix and the type name without a colon (`emailMessage`), and names
        # `onClose` itself where onClose's parameter type belongs; the help says what to write.
        correct = f"{self.prefix}:Message" if name == ON_MESSAGE else f"{self.prefix}:Error"
        shown = f"{correct}?" if name == ON_CLOSE else correct
        params = function.signature.params
        if not params:
            variable = "message" if name == ON_MESSAGE else "err"
            printed = self.prefix + {ON_MESSAGE: "Message", ON_ERROR: "Error", ON_CLOSE: ON_CLOSE}[name]
            self.report(
                NO_PARAMETER,
                function.signature.span,
                name,
                printed,
                help_text=f"declare `{name}({shown} {variable})`",
            )
            return
        printed = self.prefix + ("Message" if name == ON_MESSAGE else "Error")
        first_ok = self.is_message_parameter(params[0].type)
        for param in params:
            if name == ON_MESSAGE:
                bad = not first_ok
            else:
                bad = "Error" not in source_text(self.source.text, param.type)
            if bad:
                self.report(
                    INVALID_PARAMETER,
                    param.span,
                    source_text(self.source.text, param),
                    name,
                    printed,
                    help_text=f"declare it as `{shown} {param.name or 'value'}`",
                )
        returns = function.signature.returns
        if returns is not None:
            runnable = self.subtype_of_optional_error(returns, set())
            if runnable and not self.exact:
                return
            if runnable and name != ON_MESSAGE:
                hint = "balmail runs this handler; Ballerina's plugin refuses any declared return type"
            elif runnable:
                hint = (
                    "balmail runs this handler: a returned error means 'do not acknowledge the message, "
                    "retry it' (docs/delivery.md); Ballerina's plugin refuses any declared return type"
                )
            else:
                hint = "declare no return type; the listener ignores returned values"
            self.report(
                INVALID_RETURN,
                returns.span,
                source_text(self.source.text, returns),
                name,
                "()",
                help_text=hint,
            )

    def is_message_parameter(self, t: ast.TypeDesc) -> bool:
        """onMessage's first parameter as the plugin accepts it: the email module's `Message`, or an
        intersection naming a `Message` (`readonly & email:Message`, accepted since the plugin added its
        readonly support)."""
        if isinstance(t, ast.IntersectionType):
            return "Message" in source_text(self.source.text, t)
        return isinstance(t, ast.TypeRef) and t.prefix == self.prefix and t.name == "Message"

    def subtype_of_optional_error(self, t: ast.Node, seen: set[str]) -> bool:
        """Whether `t` is a subtype of `error?` (what balmail runs). Names this module cannot see into count
        as fine."""
        if isinstance(t, ast.NilType | ast.ErrorType):
            return True
        if isinstance(t, ast.BuiltinType):
            return t.name == "never"
        if isinstance(t, ast.OptionalType | ast.DistinctType):
            return self.subtype_of_optional_error(t.inner, seen)
        if isinstance(t, ast.UnionType):
            return all(self.subtype_of_optional_error(member, seen) for member in t.members)
        if isinstance(t, ast.IntersectionType):
            return any(self.subtype_of_optional_error(member, seen) for member in t.members)
        if isinstance(t, ast.TypeRef):
            if t.prefix is not None:
                return t.name.endswith("Error")
            return self.local_type_ok(t.name, seen)
        return False

    def local_type_ok(self, name: str, seen: set[str]) -> bool:
        if name in seen:
            return True
        seen.add(name)
        definition = self.type_definitions.get(name)
        if definition is None:
            return True
        if isinstance(definition, ast.TypeDefn):
            return self.subtype_of_optional_error(definition.type, seen)
        return False  # classes and enums are never errors

    def function_keyword(self, function: ast.FunctionDefn) -> Span:
        """The `function` keyword's span, which the plugin reports 101 and 105 at."""
        text = self.source.text
        at = text.rfind("function", function.span.start, function.name_span.start)
        if at < 0:
            return function.name_span
        return self.source.span(at, at + len("function"))


def _not_accepted_help(name: str) -> str:
    close = difflib.get_close_matches(name, HANDLERS, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "email services accept onMessage, onError and onClose; drop `remote` to keep a helper function"


def check_email_services(source: SourceFile, module: ast.Module, *, exact: bool = False) -> list[Diagnostic]:
    """EMAIL_101..107 for every email service in the module. `exact` (lint) reports EMAIL_107 on any
    declared return type as the plugin does; without it (run) a handler returning a subtype of `error?`
    is accepted, since balmail gives a returned error a meaning: do not acknowledge, retry."""
    prefix = import_prefix(module, EMAIL_MODULE)
    if prefix is None:
        return []
    validator = EmailServiceValidator(source, module, prefix, exact)
    for service in email_services(module, prefix):
        validator.validate(service)
    return validator.found
