"""Flow facts: bounds of int locals that conditions prove, so arithmetic on them skips overflow checks.

After `if n < 2 { return n; }` the rest of the block knows `n >= 2`, so `n - 1` and `n - 2` cannot
overflow; inside `while i < xs.length() { ... }` the body knows `i < MAX` until `i` is assigned, so
`i += 1` cannot either. Facts are kept per generated function (`Gen.lo`/`Gen.hi`, keyed by the Python
local `_vN` of the variable, with its Ballerina name) and only for Python locals: a local that code
compiled apart (closures, statements left to the closure compiler) can see lives in the frame list and
gets none, so nothing but the function's own lines can change a variable with a fact.

The generator keeps them sound by the order it emits statements in: a condition's facts hold at the start
of the branch or loop body it guards; every statement drops the facts of the names it assigns anywhere
inside (loops drop those of their body before the condition and the body are generated, since a later
iteration runs after the body's assignments); a branch's facts are restored when it ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from balmail.compiler import expressions, slots
from balmail.runtime import types as T
from balmail.runtime.values import INT_MAX, INT_MIN
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.codegen import Gen
    from balmail.compiler.core import Compiler

Saved = tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]]]

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_EXITS = (ast.Return, ast.Panic, ast.Break, ast.Continue, ast.Fail)


def save(g: Gen) -> Saved:
    return dict(g.lo), dict(g.hi)


def restore(g: Gen, saved: Saved) -> None:
    g.lo, g.hi = dict(saved[0]), dict(saved[1])


def bounds(code: str, g: Gen) -> tuple[int, int]:
    """The least and greatest value generated int `code` can have, as far as facts tell."""
    if code.isdigit():
        v = int(code)
        return v, v
    lo = g.lo.get(code)
    hi = g.hi.get(code)
    low = lo[1] if lo is not None else INT_MIN
    if code in g.nonneg:
        low = max(low, 0)
    return low, hi[1] if hi is not None else INT_MAX


def assigned(node: ast.Node) -> set[str]:
    """Every name `node` may assign (or bind) anywhere inside it, nested functions included."""
    out: set[str] = set()
    for n in slots.nodes(node):
        if isinstance(n, ast.Assign | ast.CompoundAssign) and isinstance(n.target, ast.VarRef):
            out.add(n.target.name)
        elif isinstance(n, ast.CaptureBinding):
            out.add(n.name)
        elif isinstance(n, ast.ListBinding | ast.MappingBinding | ast.ErrorBinding) and n.rest:
            out.add(n.rest)
        elif isinstance(n, ast.GroupingKey):
            out.add(n.name)
    return out


def kill(g: Gen, names: set[str]) -> None:
    """Forget the facts of variables named `names` (a name may have had several slots)."""
    if names and (g.lo or g.hi):
        g.lo = {k: v for k, v in g.lo.items() if v[0] not in names}
        g.hi = {k: v for k, v in g.hi.items() if v[0] not in names}


def exits(block: ast.Block) -> bool:
    """Whether a block never falls through to the statement after it (its last statement leaves)."""
    return bool(block.statements) and isinstance(block.statements[-1], _EXITS)


def learn(cx: Compiler, g: Gen, cond: ast.Expr, holds: bool) -> None:
    """Add what `cond` being `holds` proves about int locals."""
    if isinstance(cond, ast.Unary) and cond.op == "!":
        learn(cx, g, cond.operand, not holds)
        return
    if not isinstance(cond, ast.Binary):
        return
    op = cond.op
    if op in ("&&", "||"):
        if (op == "&&") == holds:  # both sides hold (a && b), or both fail (!(a || b))
            learn(cx, g, cond.left, holds)
            learn(cx, g, cond.right, holds)
        return
    if op not in _FLIP:
        return
    if not holds:
        op = _NEGATE[op]
    _compare(cx, g, cond.left, op, cond.right)
    _compare(cx, g, cond.right, _FLIP[op], cond.left)


def _compare(cx: Compiler, g: Gen, var: ast.Expr, op: str, other: ast.Expr) -> None:
    """`var op other` is known to hold: bound `var` if it is an int local of this function's own lines."""
    if not isinstance(var, ast.VarRef) or not _is_int(cx, var) or not _is_int(cx, other):
        return
    decl = cx.record.refs.get(var)
    found = cx.scope.decls.get(decl) if decl is not None else cx.scope.find_local(var.name)
    if found is None or not g.fn_mode or found[0] in cx.scope.escaped:
        return
    code = f"_v{found[0]}"
    known = _literal(other)
    if op in ("<", "<="):
        hi = (known if known is not None else INT_MAX) - (op == "<")
        if hi < g.hi.get(code, ("", INT_MAX))[1]:
            g.hi[code] = (var.name, hi)
    else:
        lo = known if known is not None else _least(cx, other)
        lo += op == ">"
        if lo > g.lo.get(code, ("", INT_MIN))[1]:
            g.lo[code] = (var.name, lo)


def _is_int(cx: Compiler, e: ast.Expr) -> bool:
    if _literal(e) is not None:
        return True
    t = _static(cx, e)
    return t is not None and isinstance(T.resolve(t), T.TInt)


def _static(cx: Compiler, e: ast.Expr) -> T.Type | None:
    return expressions.static_type(cx, e)


def _literal(e: ast.Expr) -> int | None:
    if isinstance(e, ast.Literal) and e.kind == "int" and type(e.value) is int:
        return e.value if INT_MIN <= e.value <= INT_MAX else None
    return None


def _least(cx: Compiler, e: ast.Expr) -> int:
    """The least value of an int expression that is obviously non-negative (the length of a list, a
    mapping or a string), else MIN."""
    if isinstance(e, ast.MethodCall) and e.name == "length" and not e.args:
        t = _static(cx, e.target)
        if t is not None and isinstance(T.resolve(t), T.TArray | T.TMap | T.TString):
            return 0
    return INT_MIN
