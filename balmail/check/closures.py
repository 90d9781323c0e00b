"""What an anonymous function may do with the variables it captures (spec, "Anonymous functions" and
"Variable declarations"): parameters and `final` variables of the enclosing function cannot be assigned
from inside it, and it cannot declare a local of the same name as a variable it can see (Ballerina has no
shadowing of locals). types.py does not enter closure bodies; this pass does, for these rules only.
Messages are jBallerina's.
"""

from __future__ import annotations

from balmail.check.registry import report
from balmail.check.walk import SpanIndex, nodes_of, walk
from balmail.diagnostics import Diagnostic
from balmail.syntax import ast


def _outer_names(fn: ast.FunctionDefn) -> tuple[set[str], set[str], set[str]]:
    """Parameters, `final` locals and all locals of `fn`'s own body (closures inside excluded)."""
    params = {p.name for p in fn.signature.params if p.name}
    finals: set[str] = set()
    names: set[str] = set(params)
    if fn.body is None:
        return params, finals, names
    closures = ast.AnonFunction | ast.ArrowFunction | ast.ObjectConstructor
    for n in walk(fn.body, lambda x: isinstance(x, closures)):
        if isinstance(n, ast.VarDecl):
            for b in walk(n.binding):
                if isinstance(b, ast.CaptureBinding):
                    names.add(b.name)
                    if n.final:
                        finals.add(b.name)
        elif isinstance(n, ast.CaptureBinding):
            names.add(n.name)
    return params, finals, names


def _scoped_locals(fn: ast.FunctionDefn) -> list[tuple[str, int, int, int]]:
    """Each local of `fn`'s own body as (name, where declared, start and end of the block it is declared
    in): a name is in scope from its declaration to the end of that block."""
    assert fn.body is not None
    closures = ast.AnonFunction | ast.ArrowFunction | ast.ObjectConstructor
    blocks = [b.span for b in walk(fn.body, lambda x: isinstance(x, closures)) if isinstance(b, ast.Block)]
    out = []
    for n in walk(fn.body, lambda x: isinstance(x, closures)):
        if isinstance(n, ast.CaptureBinding):
            inside = [b for b in blocks if b.start <= n.span.start and n.span.end <= b.end]
            scope = min(inside, key=lambda b: b.end - b.start) if inside else fn.body.span
            out.append((n.name, n.span.start, scope.start, scope.end))
    return out


def check_closures(module: ast.Module) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    lambdas = [n for n in nodes_of(module, ast.AnonFunction) if isinstance(n.body, ast.Block)]  # type: ignore[attr-defined]
    if not lambdas:
        return found
    inside = SpanIndex(lambdas).inside  # a function with no anonymous function in it has nothing to check
    for fn in nodes_of(module, ast.FunctionDefn):
        if fn.body is None or next(inside(fn.body.span), None) is None:  # type: ignore[attr-defined]
            continue
        params, finals, _ = _outer_names(fn)
        scoped = _scoped_locals(fn)
        for lam in walk(fn.body):
            if not isinstance(lam, ast.AnonFunction) or not isinstance(lam.body, ast.Block):
                continue
            at = lam.span.start
            # the enclosing locals in scope where the function is written (a later `int z` is not)
            names = params | {name for name, d, s0, s1 in scoped if d < at and s0 <= at <= s1}
            own = {p.name for p in lam.signature.params if p.name}
            for n in walk(lam.body, lambda x: isinstance(x, ast.AnonFunction)):  # nested ones: their own turn
                if isinstance(n, ast.VarDecl) and isinstance(n.binding, ast.CaptureBinding):
                    if n.binding.name in names and n.binding.name not in own:
                        found.append(report("BAL_NAME_005", n.binding.span, n.binding.name))
                    own.add(n.binding.name)
                elif isinstance(n, ast.Assign | ast.CompoundAssign) and isinstance(n.target, ast.VarRef):
                    name = n.target.name
                    if name in own:
                        continue
                    if name in params:
                        message = f"cannot assign a value to function argument '{name}'"
                        found.append(report("BAL_TYPE_004", n.target.span, message=message))
                    elif name in finals:
                        found.append(report("BAL_TYPE_004", n.target.span, name))
    return found
