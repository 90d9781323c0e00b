"""`group by` and `collect` in queries, and query actions used as expressions.

After `group by k` every other query variable is a *sequence variable*: in each group it stands for the
values it had in the group's rows, in order. Ballerina lets a sequence variable appear only where a list
of values fits: as a member of a list constructor (`[price]`, the list of the group's prices) and as an
argument (`sum(price)`, `int:max(0, price)`, `2.sum(price)`: the values become the rest arguments).
Rather than teach every construct about sequences, the clauses after the grouping are rewritten once,
syntactically, to the spread forms they mean (`[...price]`, `sum(...price)`), and at run time a sequence
variable's slot holds the list of its values. `collect e` is one group of all the rows (none included),
with no grouping keys. Groups come out in the order their first row arrived.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from balmail.compiler import expressions, modules, statements, typedesc
from balmail.runtime.errors import FailSignal
from balmail.runtime.values import BList, to_bal_string
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler

# function bodies declare their own names: a sequence variable's name there is another variable
_OPAQUE = (ast.ArrowFunction, ast.AnonFunction, ast.ObjectConstructor)


def bound_names(clause: Any) -> list[str]:
    """The query variables a clause introduces."""
    if isinstance(clause, ast.FromClause | ast.JoinClause):
        return modules.binding_names(None, clause.binding.binding)  # type: ignore[arg-type]
    if isinstance(clause, ast.LetClause):
        out: list[str] = []
        for tb, _ in clause.bindings:
            out.extend(modules.binding_names(None, tb.binding))  # type: ignore[arg-type]
        return out
    if isinstance(clause, ast.GroupByClause):
        return [k.name for k in clause.keys]
    return []


def rewrite_clauses(clauses: tuple[Any, ...], tail: Any, collect: bool) -> tuple[tuple[Any, ...], Any]:
    """The clauses and what follows them (the `select`/`collect` expression or the `do` block) with
    sequence variables turned into spreads (see above)."""
    names: list[str] = []
    sequences: frozenset[str] = frozenset()
    out = []
    for c in clauses:
        if isinstance(c, ast.GroupByClause):
            keys = {k.name for k in c.keys}
            sequences = frozenset(n for n in [*names, *sequences] if n not in keys)
            out.append(_rewrite(c, sequences) if sequences else c)
            names = [k.name for k in c.keys]
            continue
        out.append(_rewrite(c, sequences) if sequences else c)
        names.extend(n for n in bound_names(c) if n not in names)
        if sequences:
            sequences = sequences - set(bound_names(c))
    if collect:
        sequences = sequences | frozenset(names)
    if tail is not None and sequences:
        tail = _rewrite(tail, sequences)
    return tuple(out), tail


def _rewrite(node: Any, seq: frozenset[str]) -> Any:
    if isinstance(node, _OPAQUE) or not isinstance(node, ast.Node):
        return node
    changes: dict[str, Any] = {}
    for a in attrs.fields(type(node)):
        if a.name in ("span", "name_span"):
            continue
        value = getattr(node, a.name)
        if isinstance(node, ast.ListExpr) and a.name == "items":
            new = tuple(_spread(x, seq, ast.Spread, "expr") for x in value)
        elif isinstance(node, ast.Call | ast.MethodCall | ast.RemoteCall | ast.NewExpr) and a.name == "args":
            new = tuple(_spread(x, seq, ast.RestArg, "value") for x in value)
        else:
            new = _rewrite_value(value, seq)
        if new is not value:
            changes[a.name] = new
    return attrs.evolve(node, **changes) if changes else node


def _rewrite_value(value: Any, seq: frozenset[str]) -> Any:
    if isinstance(value, ast.Node):
        return _rewrite(value, seq)
    if isinstance(value, tuple):
        items = tuple(_rewrite_value(x, seq) for x in value)
        return items if any(x is not y for x, y in zip(items, value, strict=True)) else value
    return value


def _spread(x: Any, seq: frozenset[str], cls: type, field: str) -> Any:
    if isinstance(x, ast.VarRef) and x.name in seq:
        return cls(span=x.span, **{field: x})
    return _rewrite(x, seq)


def group_stage(cx: Compiler, c: ast.GroupByClause, first_slot: int) -> Any:
    """The pipeline stage of `group by`: reads every row, then emits one row per group with the keys set
    and every other query variable's slot holding the list of its values in that group."""
    keys: list[tuple[Any, int | None]] = []  # (key closure, slot of an existing key variable or None)
    for k in c.keys:
        if k.expr is None:
            found = cx.scope.lookup(k.name, decl=cx.record.refs.get(k))
            if found is None or found[0] != 0 or found[1] < first_slot:
                from balmail.compiler.core import CompileError

                raise CompileError(f"grouping key '{k.name}' is not a variable of the query", k.span)
            slot = found[1]
            keys.append((lambda f, slot=slot: f[slot], slot))
        else:
            t = typedesc.resolve_type(cx, k.type) if k.type is not None else None
            keys.append((expressions.expr(cx, k.expr, t), None))
    existing = {slot for _, slot in keys if slot is not None}
    seq_slots = [s for s in range(first_slot, cx.scope.size) if s not in existing]
    targets: list[int] = []
    for k, (_, slot) in zip(c.keys, keys, strict=True):
        if slot is None:
            t = typedesc.resolve_type(cx, k.type) if k.type is not None else None
            decl = cx.record.decls.get(k)
            slot = cx.scope.temp() if k.name == "_" else cx.scope.declare(k.name, t, decl=decl)
        targets.append(slot)
    key_evs = [ev for ev, _ in keys]

    def group(f: list[Any], rows: Any) -> Any:
        groups: dict[str, tuple[list[Any], list[list[Any]]]] = {}
        for _ in rows:
            values = [ev(f) for ev in key_evs]
            entry = groups.get(to_bal_string(BList(values)))
            if entry is None:
                entry = groups[to_bal_string(BList(values))] = (values, [])
            entry[1].append([f[s] for s in seq_slots])
        for values, members in groups.values():
            for slot, v in zip(targets, values, strict=True):
                f[slot] = v
            for i, s in enumerate(seq_slots):
                f[s] = BList([m[i] for m in members])
            yield None

    return group


def expr_QueryActionExpr(cx: Compiler, e: ast.QueryActionExpr, expected: Any) -> Any:
    """`check from ... do {...};`: nil when every row was handled, else the error the block failed with."""
    from balmail.compiler import queries
    from balmail.compiler.core import CompileError

    returning = _find_return(e.body)
    if returning is not None:
        raise CompileError(
            "balmail does not support `return` inside a query action used as an expression; "
            "use the query action as a statement",
            returning.span,
        )
    clauses, body_block = rewrite_clauses(e.clauses, e.body, False)
    with cx.scope.block():
        run, _ = queries.query_pipeline(cx, clauses)
        body = statements.block_body(cx, body_block)

    def action(f: list[Any]) -> Any:
        try:
            for _ in run(f):
                body(f)
        except FailSignal as failed:
            return failed.error
        return None

    return action


def _find_return(node: Any) -> Any:
    if isinstance(node, ast.Return):
        return node
    if isinstance(node, _OPAQUE):
        return None
    for child in ast.children(node):
        found = _find_return(child)
        if found is not None:
            return found
    return None
