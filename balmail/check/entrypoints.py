"""The signatures Ballerina requires of a module's `main` and `init` functions (spec, "Program execution"
and "Module initialization"): `main` is public; `init` is not public and takes no parameters; both
return a subtype of `error?` that contains `()`, since their result says whether the program failed.
Messages are jBallerina's.
"""

from __future__ import annotations

from balmail.check.registry import Rule, register, report
from balmail.check.statictypes import TypeResolver, display, kinds
from balmail.diagnostics import Diagnostic, Severity
from balmail.syntax import ast

ENTRY_SIGNATURE = register(
    Rule(
        code="BAL_TYPE_112",
        name="entry-function-signature",
        severity=Severity.ERROR,
        summary="A module's `main` or `init` function has a signature Ballerina does not allow.",
        what_it_does="Reports a `main` that is not `public` or whose return type is not a subtype of "
        "`error?` containing `()`, and a module `init` that is `public`, takes parameters, or has such a "
        "return type.",
        why="Ballerina rejects the program: the runtime calls these functions itself and only understands "
        "success (`()`) or failure (an error).",
        example='public function main() returns error {\n    return error("failed");\n}',
        fix='public function main() returns error? {\n    return error("failed");\n}',
        message="invalid '{0}' function return type '{1}', expected a subtype of 'error?' containing '()'",
    )
)


def _bad_return(resolver: TypeResolver, fn: ast.FunctionDefn) -> str | None:
    """The display of `fn`'s return type when it is certainly not a subtype of `error?` containing `()`."""
    if fn.signature.returns is None:
        return None
    t = resolver.resolve(fn.signature.returns)
    k = kinds(t)
    if t is None or k is None:
        return None
    if k <= {"error", "nil"} and "nil" in k:
        return None
    return display(t)


def check_entry_functions(module: ast.Module, resolver: TypeResolver) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for m in module.members:
        if not isinstance(m, ast.FunctionDefn) or m.resource_path is not None:
            continue
        if m.name == "main":
            if "public" not in m.qualifiers:
                message = "the 'main' function should be public"
                found.append(report(ENTRY_SIGNATURE, m.name_span, message=message))
            bad = _bad_return(resolver, m)
            if bad is not None:
                assert m.signature.returns is not None
                found.append(report(ENTRY_SIGNATURE, m.signature.returns.span, "main", bad))
        elif m.name == "init":
            if "public" in m.qualifiers:
                message = "the module 'init()' function cannot be public"
                found.append(report(ENTRY_SIGNATURE, m.name_span, message=message))
            if m.signature.params:
                message = "the module 'init()' function cannot accept parameters"
                found.append(report(ENTRY_SIGNATURE, m.name_span, message=message))
            bad = _bad_return(resolver, m)
            if bad is not None:
                assert m.signature.returns is not None
                message = ENTRY_SIGNATURE.format_message("main", bad).replace(
                    "invalid 'main' function", "invalid module 'init()' function"
                )
                found.append(report(ENTRY_SIGNATURE, m.signature.returns.span, message=message))
    return found
