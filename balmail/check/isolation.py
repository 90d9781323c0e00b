"""Ballerina's isolation rule for calls: an `isolated` function or method may call only functions and
methods that are *declared* `isolated`. Ballerina infers isolation for module members, but inference does
not make a call from an explicitly `isolated` function valid (the callee must say `isolated` itself), so
this needs no inference: a call of a module function, or of `self.m()` inside a class, whose declaration
lacks the qualifier is refused at the call.

Library functions are isolated (lang library, ballerina/io, log, email ...), so calls into library modules
are not checked; calls into the package's other modules (`util:f()`) are, against the functions they
declare `isolated` (names.ModuleExports). Nested anonymous functions and object constructors are functions
of their own and are skipped.
"""

from __future__ import annotations

from balmail.check.names import ModuleExports
from balmail.check.registry import Rule, register, report
from balmail.diagnostics import Diagnostic, Severity
from balmail.resolve import Decl, record_of
from balmail.resolve.record import MODULE_VALUE, SELF
from balmail.syntax import ast

NON_ISOLATED_CALL = register(
    Rule(
        code="BAL_TYPE_012",
        name="non-isolated-call",
        severity=Severity.ERROR,
        summary="An `isolated` function or method calls one that is not declared `isolated`.",
        what_it_does="Reports, inside an `isolated` function or method, a call of a module function or of a "
        "method of the same class (`self.m()`) whose declaration lacks the `isolated` qualifier.",
        why="Ballerina rejects it: an isolated function may run concurrently with others, so everything it "
        "calls must be isolated too. Inferred isolation does not count: the callee must say `isolated`.",
        example='function label() returns string => "ticket";\n\nisolated function title() returns string {\n'
        "    return label();\n}",
        fix='isolated function label() returns string => "ticket";\n\nisolated function title() returns '
        "string {\n    return label();\n}",
        message="invalid invocation of a non-isolated function in an 'isolated' function",
    )
)
_START_MESSAGE = "invalid start action calling a non-isolated function in an 'isolated' function"
_NESTED = (ast.AnonFunction, ast.ArrowFunction, ast.ObjectConstructor)


def _refers_to(refs: dict[ast.Node, Decl | None], ref: ast.Node, kind: str) -> bool:
    """`ref` is a variable reference the record resolves to a declaration of `kind`."""
    decl = refs.get(ref) if isinstance(ref, ast.VarRef) else None
    return decl is not None and decl.kind == kind


def _check_body(
    fn: ast.FunctionDefn,
    functions: dict[str, ast.FunctionDefn],
    methods: dict[str, ast.FunctionDefn],
    found: list[Diagnostic],
    modules: dict[str, ModuleExports],
    refs: dict[ast.Node, Decl | None],
) -> None:
    """`refs`: the resolve record's, which says whether `f(...)` calls the module's `f` (not a local
    function value of that name) and whether `self` is the object's."""
    assert fn.body is not None
    started: set[int] = set()
    stack: list[ast.Node] = [fn.body]
    while stack:
        n = stack.pop()
        if isinstance(n, _NESTED):
            continue
        if isinstance(n, ast.StartExpr):
            started.add(id(n.expr))
        callee: ast.FunctionDefn | None = None
        if isinstance(n, ast.Call) and isinstance(n.func, ast.QualifiedRef):
            exports = modules.get(n.func.prefix)
            name = n.func.name
            if exports is not None and exports.kinds.get(name) == "function" and name not in exports.isolated:
                message = _START_MESSAGE if id(n) in started else NON_ISOLATED_CALL.format_message()
                found.append(report(NON_ISOLATED_CALL, n.span, message=message))
        elif isinstance(n, ast.Call) and _refers_to(refs, n.func, MODULE_VALUE):
            callee = functions.get(n.func.name)  # by name: of a function declared twice, the last
        elif isinstance(n, ast.MethodCall) and _refers_to(refs, n.target, SELF):
            callee = methods.get(n.name)
        if callee is not None and "isolated" not in callee.qualifiers:
            message = _START_MESSAGE if id(n) in started else NON_ISOLATED_CALL.format_message()
            found.append(report(NON_ISOLATED_CALL, n.span, message=message))
        stack.extend(ast.children(n))


def non_isolated_calls(
    module: ast.Module, linked: dict[str, ModuleExports] | None = None
) -> list[Diagnostic]:
    """Calls of functions and methods not declared `isolated` from `isolated` ones. `linked`: the package's
    other modules by import full name."""
    refs = record_of(module).refs
    functions = {m.name: m for m in module.members if isinstance(m, ast.FunctionDefn)}
    modules = {
        imp.prefix: (linked or {})[imp.full_name] for imp in module.imports if imp.full_name in (linked or {})
    }
    found: list[Diagnostic] = []
    for m in module.members:
        if isinstance(m, ast.FunctionDefn):
            if "isolated" in m.qualifiers and m.body is not None:
                _check_body(m, functions, {}, found, modules, refs)
        elif isinstance(m, ast.ClassDefn | ast.ServiceDecl):
            methods = {x.name: x for x in m.members if isinstance(x, ast.FunctionDefn)}
            if any(isinstance(x, ast.TypeInclusion) for x in m.members):
                methods = {}  # included types may bring methods of the same name
            for x in m.members:
                if isinstance(x, ast.FunctionDefn) and "isolated" in x.qualifiers and x.body is not None:
                    _check_body(x, functions, methods, found, modules, refs)
    return found
