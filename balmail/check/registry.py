"""The one registry of diagnostic rules: every code balmail can report, with the documentation that the
SARIF report and the rule reference show. Modules that report a code register its `Rule` here, at import.

Kept import-light on purpose (attrs and `balmail.diagnostics` only) so any layer can register rules.
"""

from __future__ import annotations

import re

import attrs

from balmail.diagnostics import Diagnostic, Severity
from balmail.source import Span

__all__ = ["Rule", "all_rules", "register", "report", "rule"]

_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z][A-Z0-9]*)*_\d{3}")
_KEBAB = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def _check_code(_rule: Rule, _attribute: attrs.Attribute[str], value: str) -> None:
    if not _CODE.fullmatch(value):
        raise ValueError(f"rule code {value!r} is not of the form PREFIX_NNN (e.g. BAL_NAME_001)")


def _check_name(_rule: Rule, _attribute: attrs.Attribute[str], value: str) -> None:
    if not _KEBAB.fullmatch(value):
        raise ValueError(f"rule name {value!r} is not kebab-case (e.g. undefined-variable)")


def _check_one_line(_rule: Rule, attribute: attrs.Attribute[str], value: str) -> None:
    if not value or "\n" in value:
        raise ValueError(f"rule {attribute.name} must be one non-empty line, got {value!r}")


@attrs.frozen(slots=True)
class Rule:
    """A code's documentation, in the shape of ruff's rule docs. `example` and `fix` are Ballerina source
    (the code that triggers the rule, and the same code corrected); either may be "" when it does not apply.
    `message` is the message template Ballerina itself uses, with `{0}`-style placeholders, when there is one.
    """

    code: str = attrs.field(validator=_check_code)
    name: str = attrs.field(validator=_check_name)
    severity: Severity
    summary: str = attrs.field(validator=_check_one_line)
    what_it_does: str
    why: str
    example: str = ""
    fix: str = ""
    message: str | None = None
    language: str = "ballerina"
    """What `example` and `fix` are written in (`toml` for the Config.toml rules)."""

    def format_message(self, *args: object) -> str:
        """The message template filled in, e.g. `rule("EMAIL_103").format_message("onOpen")`."""
        if self.message is None:
            raise ValueError(f"{self.code} has no message template")
        return self.message.format(*args)


_RULES: dict[str, Rule] = {}
_NAMES: dict[str, str] = {}


def register(new: Rule) -> Rule:
    """Add a rule; registering the same rule again is harmless, a different rule under a taken code or
    name is a programming error. Returns the rule so modules can write `X = register(Rule(...))`."""
    existing = _RULES.get(new.code)
    if existing is not None:
        if existing == new:
            return existing
        raise ValueError(f"rule code {new.code} is already registered as {existing.name!r}")
    owner = _NAMES.get(new.name)
    if owner is not None:
        raise ValueError(f"rule name {new.name!r} is already used by {owner}")
    _RULES[new.code] = new
    _NAMES[new.name] = new.code
    return new


def rule(code: str) -> Rule | None:
    """The rule registered for `code`, or None."""
    return _RULES.get(code)


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code."""
    return sorted(_RULES.values(), key=lambda registered: registered.code)


# --- Rules that exist now. Later layers register theirs in their own modules. ---------------------------

register(
    Rule(
        code="BAL_SYNTAX_001",
        name="syntax-error",
        severity=Severity.ERROR,
        summary="The file is not valid Ballerina syntax.",
        what_it_does="Reports text the parser cannot read: a missing or unexpected token, an unclosed "
        "bracket or string, or a construct outside the supported Ballerina subset.",
        why="Nothing in a file with a syntax error can be checked or run, so balmail stops before "
        "binding any listener.",
        example='import ballerina/io\n\npublic function main() {\n    io:println("hi")\n}',
        fix='import ballerina/io;\n\npublic function main() {\n    io:println("hi");\n}',
    )
)

register(
    Rule(
        code="BAL_UNSUPPORTED_001",
        name="external-function",
        severity=Severity.ERROR,
        summary="A function is implemented outside Ballerina (`= @java:Method {...} external;`).",
        what_it_does="Reports an external function body bound by an annotation such as `@java:Method`, at "
        "the annotation and the `external` keyword.",
        why="balmail runs Ballerina in Python without a JVM, so it cannot call the Java (or other native) "
        "code such a function is bound to; the program would fail when the function is called.",
        example='function uuid() returns handle = @java:Method {\n    \'class: "java.util.UUID",\n'
        '    name: "randomUUID"\n} external;',
        fix="",
    )
)

register(
    Rule(
        code="BAL_UNSUPPORTED_002",
        name="transactions",
        severity=Severity.ERROR,
        summary="The program uses Ballerina transactions, which need a transaction coordinator.",
        what_it_does="Reports `transaction { }`, `retry transaction { }`, `rollback` and the "
        "`transactional` qualifier, at their keywords.",
        why="balmail runs without a transaction coordinator, so a transaction could neither commit nor "
        "roll back with Ballerina's guarantees; messages are delivered at least once instead "
        "(docs/delivery.md), so make handlers idempotent.",
        example="function move() returns error? {\n    transaction {\n        check commit;\n    }\n}",
        fix="function move() returns error? {\n    do {\n    } on fail error e {\n        return e;\n"
        "    }\n}",
    )
)

register(
    Rule(
        code="BAL_NAME_001",
        name="undefined-variable",
        severity=Severity.ERROR,
        summary="A variable is used but never declared in scope.",
        what_it_does="Reports a name used as a value that no local variable, parameter, module-level "
        "variable, constant or configurable declares in an enclosing scope.",
        why="The program cannot run: Ballerina rejects it with `undefined symbol`, and it is usually a "
        "typo or a variable declared in an inner block.",
        example="function total(int[] xs) returns int {\n    foreach int x in xs {\n        sum += x;\n"
        "    }\n    return sum;\n}",
        fix="function total(int[] xs) returns int {\n    int sum = 0;\n    foreach int x in xs {\n"
        "        sum += x;\n    }\n    return sum;\n}",
        message="undefined symbol '{0}'",
    )
)

register(
    Rule(
        code="BAL_NAME_002",
        name="undefined-function",
        severity=Severity.ERROR,
        summary="A function is called but not defined in the module or the imported module.",
        what_it_does="Reports a call to a function name that the module does not define, or that the "
        "named module (`log:printInfoo`) does not provide.",
        why="The call cannot be resolved; Ballerina rejects the program with `undefined function`.",
        example='log:printInfoo("started");',
        fix='log:printInfo("started");',
        message="undefined function '{0}'",
    )
)

register(
    Rule(
        code="BAL_NAME_003",
        name="undefined-type",
        severity=Severity.ERROR,
        summary="A type name is used but not defined.",
        what_it_does="Reports a type reference that names no type defined in the module, no built-in "
        "type, and no type of the referenced module (`email:Mesage`).",
        why="Values of an unknown type cannot be checked or built; Ballerina rejects it with `unknown type`.",
        example="remote function onMessage(email:Mesage msg) {\n}",
        fix="remote function onMessage(email:Message msg) {\n}",
        message="unknown type '{0}'",
    )
)

register(
    Rule(
        code="BAL_NAME_004",
        name="unknown-module-prefix",
        severity=Severity.ERROR,
        summary="A module prefix is used without importing the module.",
        what_it_does="Reports `prefix:name` where no `import` in the file binds `prefix`.",
        why="Ballerina resolves prefixes per file; without the import the program does not compile "
        "(`undefined module`).",
        example='public function main() {\n    log:printInfo("started");\n}',
        fix='import ballerina/log;\n\npublic function main() {\n    log:printInfo("started");\n}',
        message="undefined module '{0}'",
    )
)

register(
    Rule(
        code="BAL_NAME_005",
        name="duplicate-definition",
        severity=Severity.ERROR,
        summary="A name is defined twice in the same scope.",
        what_it_does="Reports a second declaration of a variable, parameter, function, type, constant, "
        "listener or import prefix in a scope that already declares it.",
        why="Ballerina does not allow shadowing in the same scope (`redeclared symbol`); which "
        "definition was meant is ambiguous.",
        example="int count = 0;\nint count = 1;",
        fix="int count = 0;\nint retries = 1;",
        message="redeclared symbol '{0}'",
    )
)

register(
    Rule(
        code="BAL_NAME_006",
        name="loop-control-outside-loop",
        severity=Severity.ERROR,
        summary="`break` or `continue` is used outside a loop.",
        what_it_does="Reports a `break` or `continue` statement that is not inside a `while` or "
        "`foreach` body of the same function.",
        why="There is no loop to leave or continue; Ballerina rejects the program.",
        example="function check(int n) {\n    if n > 3 {\n        break;\n    }\n}",
        fix="function check(int n) {\n    if n > 3 {\n        return;\n    }\n}",
        message="{0} cannot be used outside of a loop",
    )
)

register(
    Rule(
        code="BAL_NAME_007",
        name="unused-import",
        severity=Severity.ERROR,
        summary="A module is imported but its prefix is never used.",
        what_it_does="Reports an `import` whose module prefix no reference in the file uses.",
        why="Ballerina treats an unused import as a compile error (`unused module prefix`), so a "
        "program with one does not build there either.",
        example="import ballerina/io;\nimport ballerina/log;\n\npublic function main() {\n"
        '    log:printInfo("started");\n}',
        fix='import ballerina/log;\n\npublic function main() {\n    log:printInfo("started");\n}',
        message="unused module prefix '{0}'",
    )
)

# Ballerina's email compiler plugin: same codes and message templates as `ballerina/email`.

register(
    Rule(
        code="EMAIL_101",
        name="remote-keyword-expected",
        severity=Severity.ERROR,
        summary="An email service handler is not declared `remote`.",
        what_it_does="Reports `onMessage`, `onError` or `onClose` declared as a plain function in a "
        "service attached to an email listener.",
        why="The listener only dispatches to remote functions; a non-remote handler is never called.",
        example="service on inbox {\n    function onMessage(email:Message msg) {\n    }\n}",
        fix="service on inbox {\n    remote function onMessage(email:Message msg) {\n    }\n}",
        message="`remote` keyword expected in `{0}` function signature.",
    )
)

register(
    Rule(
        code="EMAIL_102",
        name="missing-on-message",
        severity=Severity.ERROR,
        summary="An email service has no `onMessage` function.",
        what_it_does="Reports a service attached to an email listener that does not define the "
        "required `remote function onMessage`.",
        why="Without `onMessage` there is nothing to deliver polled messages to.",
        example="service on inbox {\n    remote function onError(email:Error err) {\n    }\n}",
        fix="service on inbox {\n    remote function onMessage(email:Message msg) {\n    }\n\n"
        "    remote function onError(email:Error err) {\n    }\n}",
        message="Service must contain `onMessage` function.",
    )
)

register(
    Rule(
        code="EMAIL_103",
        name="function-not-accepted",
        severity=Severity.ERROR,
        summary="An email service declares a remote function other than its three handlers.",
        what_it_does="Reports a remote function in an email service whose name is not `onMessage`, "
        "`onError` or `onClose`.",
        why="The listener never calls it; usually a misspelt handler name. Helper functions that "
        "are not `remote` are allowed.",
        example="service on inbox {\n    remote function onMesage(email:Message msg) {\n    }\n}",
        fix="service on inbox {\n    remote function onMessage(email:Message msg) {\n    }\n}",
        message="Function `{0}` not accepted by the service",
    )
)

register(
    Rule(
        code="EMAIL_104",
        name="invalid-parameter-type",
        severity=Severity.ERROR,
        summary="An email handler's parameter has the wrong type.",
        what_it_does="Reports an `onMessage` parameter that is not `email:Message`, or an `onError` / "
        "`onClose` parameter that is not `email:Error` (`email:Error?` for `onClose`).",
        why="The listener passes exactly those values; a handler declared for anything else cannot "
        "receive them.",
        example="service on inbox {\n    remote function onMessage(string msg) {\n    }\n}",
        fix="service on inbox {\n    remote function onMessage(email:Message msg) {\n    }\n}",
        message="Invalid parameter `{0}` provided for `{1}`, function expects `{2}`.",
    )
)

register(
    Rule(
        code="EMAIL_105",
        name="resource-keyword-not-expected",
        severity=Severity.ERROR,
        summary="An email service handler is declared as a `resource` function.",
        what_it_does="Reports a `resource function` in a service attached to an email listener.",
        why="Email services have no paths to serve; the listener dispatches to remote functions only.",
        example="service on inbox {\n    resource function get onMessage(email:Message msg) {\n    }\n}",
        fix="service on inbox {\n    remote function onMessage(email:Message msg) {\n    }\n}",
        message="`resource` keyword not expected in `{0}` function signature.",
    )
)

register(
    Rule(
        code="EMAIL_106",
        name="missing-parameter",
        severity=Severity.ERROR,
        summary="An email handler declares no parameter.",
        what_it_does="Reports `onMessage`, `onError` or `onClose` declared without the parameter the "
        "listener passes to it.",
        why="The handler could not see the message or error it is called for.",
        example="service on inbox {\n    remote function onMessage() {\n    }\n}",
        fix="service on inbox {\n    remote function onMessage(email:Message msg) {\n    }\n}",
        message="No parameter provided for `{0}`, function expects `{1}` as a parameter.",
    )
)

register(
    Rule(
        code="EMAIL_107",
        name="invalid-return-type",
        severity=Severity.ERROR,
        summary="An email handler returns something other than `error?`.",
        what_it_does="Reports a handler whose declared return type is not a subtype of `error?`.",
        why="The listener ignores returned values other than errors, so such a return type hides "
        "a mistake; Ballerina rejects it.",
        example="service on inbox {\n    remote function onMessage(email:Message msg) returns string {\n"
        '        return "ok";\n    }\n}',
        fix="service on inbox {\n    remote function onMessage(email:Message msg) returns error? {\n    }\n}",
        message="Invalid return type `{0}` provided for function `{1}`, return type should be a "
        "subtype of `{2}`",
    )
)


def report(
    found: Rule | str,
    span: Span,
    *args: object,
    message: str | None = None,
    help: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """The one way checks build a diagnostic: the rule (or its registered code) gives the code, the
    severity and the message template, filled with `args`; `message` replaces the template where one rule
    has several wordings (Ballerina's own messages for one kind of error differ by construct). An
    unregistered code fails here, at the first report, not silently in a SARIF file."""
    r = found if isinstance(found, Rule) else _RULES[found]
    text = message if message is not None else r.format_message(*args)
    return Diagnostic(r.code, severity or r.severity, text, span, help)
