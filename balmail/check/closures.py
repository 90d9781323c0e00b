"""What an anonymous function may do with the variables it captures (spec, "Anonymous functions" and
"Variable declarations"): parameters and `final` variables of the enclosing function cannot be assigned
from inside it, and it cannot declare a local of the same name as a variable it can see (Ballerina has no
shadowing of locals). types.py checks closure bodies as functions of their own; these rules are about
what they capture.
Messages are jBallerina's.
"""

from __future__ import annotations

from balmail.check.registry import report
from balmail.check.walk import is_function_boundary, nodes_of, walk
from balmail.diagnostics import Diagnostic
from balmail.resolve import record_of
from balmail.resolve.record import PARAM
from balmail.syntax import ast


def check_closures(module: ast.Module) -> list[Diagnostic]:
    """From the resolve record: a variable of an anonymous function named as a local of an enclosing function
    that is visible there, and assignments inside one to a parameter or `final` local of an enclosing
    function."""
    found: list[Diagnostic] = []
    lambdas = [n for n in nodes_of(module, ast.AnonFunction) if isinstance(n.body, ast.Block)]  # type: ignore[attr-defined]
    if not lambdas:
        return found
    record = record_of(module)
    declared = {  # the variables declared by `T x = e;` (the rule is about those)
        d.binding for d in nodes_of(module, ast.VarDecl) if isinstance(d.binding, ast.CaptureBinding)
    }
    finals = {
        decl
        for d in nodes_of(module, ast.VarDecl)
        if d.final
        for b in walk(d.binding)
        if isinstance(b, ast.CaptureBinding) and (decl := record.decls.get(b)) is not None
    }
    for decl, _outer in record.shadows:
        scope = decl.function
        if (
            decl.node in declared
            and scope is not None
            and isinstance(scope.node, ast.AnonFunction)
            and isinstance(scope.node.body, ast.Block)
        ):
            found.append(report("BAL_NAME_005", decl.span, decl.name))
    for lam in lambdas:
        own = record.functions.get(lam)
        for n in walk(lam.body, is_function_boundary):  # type: ignore[attr-defined]  # nested: their turn
            if not isinstance(n, ast.Assign | ast.CompoundAssign) or not isinstance(n.target, ast.VarRef):
                continue
            target = record.refs.get(n.target)
            if target is None or target.function is None or target.function is own:
                continue  # a module variable, or the function's own variable
            if target.kind == PARAM:
                message = f"cannot assign a value to function argument '{target.name}'"
                found.append(report("BAL_TYPE_004", n.target.span, message=message))
            elif target in finals:
                found.append(report("BAL_TYPE_004", n.target.span, target.name))
    return found
