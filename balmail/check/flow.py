"""Compiler checks about statements rather than types: unreachable code, expression statements whose value
is dropped (Ballerina requires `_ =` or `check`), and access to mutable module state from an `isolated`
function. Like the type checks, each fires only when the finding is certain.
"""

from __future__ import annotations

from balmail.check.completion import completes, true_constants
from balmail.check.libfunctions import library_function
from balmail.check.registry import Rule, register, report
from balmail.check.statictypes import TypeResolver, kinds
from balmail.check.walk import nodes_of, prefixes, walk
from balmail.diagnostics import Diagnostic, Severity
from balmail.resolve import record_of
from balmail.resolve.record import MODULE_VALUE
from balmail.syntax import ast

UNREACHABLE = register(
    Rule(
        code="BAL_TYPE_007",
        name="unreachable-code",
        severity=Severity.ERROR,
        summary="A statement can never run: it follows a `return`, `panic`, `fail`, `break` or `continue`.",
        what_it_does="Reports the first statement of a block after a statement that never completes "
        "normally (including an `if`/`else` whose branches all return, and `while true` without `break`).",
        why="Ballerina rejects unreachable code; it is usually a misplaced `return`.",
        example="function f() returns int {\n    return 1;\n    int unused = 2;\n}",
        fix="function f() returns int {\n    return 1;\n}",
        message="unreachable code",
    )
)
ASSIGNMENT_REQUIRED = register(
    Rule(
        code="BAL_TYPE_008",
        name="unused-call-result",
        severity=Severity.ERROR,
        summary="A call whose result is a value (or an error) is used as a statement and its result dropped.",
        what_it_does="Reports an expression statement calling a module function whose return type is not "
        "`()`, such as one returning `error?`.",
        why="Ballerina never lets a value, and above all an error, be dropped silently: write `_ = f();` to "
        "ignore it on purpose, or `check f();` to pass the error on.",
        example='function archive(string id) returns error? {\n}\n\nfunction run() {\n    archive("1");\n}',
        fix="function archive(string id) returns error? {\n}\n\nfunction run() returns error? {\n"
        '    check archive("1");\n}',
        message="variable assignment is required",
    )
)
ISOLATED_ACCESS = register(
    Rule(
        code="BAL_TYPE_009",
        name="isolated-mutable-access",
        severity=Severity.ERROR,
        summary="An `isolated` function reads or writes a mutable module-level variable.",
        what_it_does="Reports, inside an `isolated` function or method, a reference to a module-level "
        "variable that is neither `final`, `configurable` nor `isolated`, outside a `lock` statement.",
        why="Ballerina rejects it: an isolated function may only touch shared state that is immutable or "
        "protected by a lock, so handlers can safely run concurrently.",
        example="int handled = 0;\n\nisolated function count() {\n    handled += 1;\n}",
        fix="isolated int handled = 0;\n\nisolated function count() {\n    lock {\n        handled += 1;\n"
        "    }\n}",
        message="invalid access of mutable storage in an 'isolated' function",
    )
)

_NEVER_COMPLETES = (ast.Return, ast.Panic, ast.Fail, ast.Break, ast.Continue)


def _blocks(module: ast.Module) -> list[ast.Block]:
    return nodes_of(module, ast.Block)  # type: ignore[return-value]


def unreachable_code(module: ast.Module) -> list[Diagnostic]:
    """The first statement after one that never completes normally, in every block."""
    found: list[Diagnostic] = []
    truths = true_constants(module)

    def unsure(_: ast.Match) -> bool:  # exhaustive `match` statements are the type checker's (types.py)
        return False

    for block in _blocks(module):
        for before, after in zip(block.statements, block.statements[1:], strict=False):
            if isinstance(before, _NEVER_COMPLETES) or (
                isinstance(before, ast.If | ast.While | ast.BlockStmt | ast.Do | ast.Lock)
                and not completes(before, truths=truths, exhaustive=unsure)
            ):
                found.append(report(UNREACHABLE, after.span))
                break
    return found


def dropped_results(module: ast.Module, resolver: TypeResolver) -> list[Diagnostic]:
    """`f();` where the module function `f` declares a return type that admits more than `()`, or the
    library function `m:f` (described in libfunctions.py) returns more than `()` (`io:fileWriteString`
    returns `io:Error?`)."""
    refs = record_of(module).refs  # `f()` calls the module function `f` unless a local of that name is meant
    imported = prefixes(module)
    found: list[Diagnostic] = []
    for n in nodes_of(module, ast.ExprStmt):
        if not isinstance(n, ast.ExprStmt):
            continue
        call, checked = n.expr, False
        if isinstance(call, ast.CheckExpr):
            call, checked = call.expr, True
        if not isinstance(call, ast.Call):
            continue
        if isinstance(call.func, ast.QualifiedRef):  # a library function with a described result
            lib = library_function(imported.get(call.func.prefix), call.func.name)
            if lib is None or lib.returns is None:
                continue
            k = kinds(lib.returns)
        elif isinstance(call.func, ast.VarRef):
            decl = refs.get(call.func)
            fn = decl.node if decl is not None and decl.kind == MODULE_VALUE else None
            if not isinstance(fn, ast.FunctionDefn) or fn.signature.returns is None:
                continue
            k = kinds(resolver.resolve(fn.signature.returns))
        else:
            continue
        if k is None:
            continue
        if checked:
            k = k - {"error"}
        if k - {"nil"}:
            found.append(report(ASSIGNMENT_REQUIRED, n.span))
        elif "error" in k:
            found.append(
                report(
                    ASSIGNMENT_REQUIRED,
                    n.span,
                    help="the call can return an error: write `check` before it, or keep it "
                    "(`error? e = ...;`) and handle it",
                )
            )
    return found


def isolated_access(module: ast.Module) -> list[Diagnostic]:
    """Mutable module variables referenced from `isolated` functions outside `lock` statements."""
    mutable = {
        m.binding.name
        for m in module.members
        if isinstance(m, ast.ModuleVarDecl)
        and isinstance(m.binding, ast.CaptureBinding)
        and not {"final", "configurable", "isolated"} & set(m.qualifiers)
    }
    if not mutable:
        return []
    found: list[Diagnostic] = []
    for fn in nodes_of(module, ast.FunctionDefn):
        if not isinstance(fn, ast.FunctionDefn) or "isolated" not in fn.qualifiers or fn.body is None:
            continue
        shadowed = {p.name for p in fn.signature.params if p.name}
        for n in walk(fn.body):
            if isinstance(n, ast.CaptureBinding):
                shadowed.add(n.name)
        if shadowed & mutable:
            continue  # a local of the same name: which reference means which is flow-dependent
        # parameter defaults are evaluated as part of the call, in the isolated function
        stack: list[ast.Node] = [fn.body, *(p.default for p in fn.signature.params if p.default is not None)]
        while stack:
            n = stack.pop()
            if isinstance(n, ast.Lock | ast.AnonFunction | ast.ArrowFunction | ast.ObjectConstructor):
                continue
            if isinstance(n, ast.VarRef) and n.name in mutable:
                found.append(report(ISOLATED_ACCESS, n.span))
            stack.extend(ast.children(n))
    return found
