"""Flow-sensitive narrowing of local variables for the type checker (types.py).

Ballerina narrows a variable's type by the type tests of the conditions that guard a statement
(`if x is string {...}`, `x == ()`, `while`, `&&`, `||`, `!`), and after an `if` whose one branch
cannot complete (`if x is () { return; }` leaves `x` non-nil). Narrowing ends where the variable may
have been assigned (an assignment, a loop or a closure that assigns it): from there the declared type
applies again.

Zero false errors is the contract, so a narrowed type here is either exactly Ballerina's or unknown
(`None`, nothing reported about it): a type test this module cannot decide member by member (list or
record shapes, object types), an equality test, a `match`, or a join it cannot follow all make the
variable unknown, never wider nor narrower than what Ballerina computes.

A flow state maps `id(variable)` to `(variable, type)`; a variable missing from it has its declared type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from balmail.check.statictypes import kinds
from balmail.check.subtypes import not_assignable
from balmail.check.walk import nodes_under, walk
from balmail.runtime import types as T
from balmail.syntax import ast

State = dict[int, tuple[Any, "T.Type | None"]]

_WHOLE = (T.INT, T.FLOAT, T.DECIMAL, T.STRING, T.BOOLEAN, T.NIL, T.ERROR)
"""Types a type test can split a union on exactly: every value of one basic kind."""
_TOP = (T.TAny, T.TAnydata, T.TJson)


def _members(t: T.Type) -> list[T.Type]:
    r = T.resolve(t)
    return list(r.members) if isinstance(r, T.TUnion) else [t]


def _within(m: T.Type, t: T.Type) -> bool:
    """Every value of `m` is a value of `t` (decided only for the simple cases)."""
    if m is t:
        return True
    if any(t is w for w in _WHOLE):
        k = kinds(m)
        return k is not None and bool(k) and k == kinds(t)
    rt = T.resolve(t)
    if isinstance(rt, T.TSingleton):
        rm = T.resolve(m)
        return isinstance(rm, T.TSingleton) and rm.value == rt.value and type(rm.value) is type(rt.value)
    if isinstance(rt, T.TAny):
        k = kinds(m)
        return k is not None and "error" not in k
    return False


def _disjoint(m: T.Type, t: T.Type) -> bool:
    km, kt = kinds(m), kinds(t)
    return km is not None and kt is not None and not (km & kt)


def _rebuild(cur: T.Type, kept: list[T.Type]) -> T.Type | None:
    if not kept:
        return None  # `never`: leave it unknown rather than reason about an impossible branch
    if len(kept) == len(_members(cur)) and all(a is b for a, b in zip(kept, _members(cur), strict=True)):
        return cur
    return kept[0] if len(kept) == 1 else T.TUnion(kept)


def narrow_true(cur: T.Type | None, test: T.Type | None) -> T.Type | None:
    """The type of a variable of type `cur` where `x is test` holds; None when not decided exactly."""
    if cur is None or test is None:
        return None
    tests = _members(test)
    kept: list[T.Type] = []
    for m in _members(cur):
        if any(_within(m, t) for t in tests):
            kept.append(m)
            continue
        inside = [t for t in tests if not _disjoint(m, t)]
        if not inside:
            continue
        if isinstance(T.resolve(m), _TOP) and all(_within(t, m) for t in inside):
            kept.extend(t for t in inside if not any(t is k for k in kept))
            continue
        return None
    return _rebuild(cur, kept)


def narrow_false(cur: T.Type | None, test: T.Type | None) -> T.Type | None:
    """The type of a variable of type `cur` where `x is test` fails; None when not decided exactly."""
    if cur is None or test is None:
        return None
    tests = _members(test)
    kept: list[T.Type] = []
    for m in _members(cur):
        if any(_within(m, t) for t in tests):
            continue
        if all(_disjoint(m, t) for t in tests) or _kept_whole(m, tests):
            kept.append(m)
            continue
        return None
    return _rebuild(cur, kept)


def _kept_whole(m: T.Type, tests: list[T.Type]) -> bool:
    """An array or map type the test takes only part of (certainly not a subtype of it) stays whole where
    the test fails: jBallerina removes from a variable's type only union members (and tuple or finite
    parts) the test covers, so `(int|string)[]` is still `(int|string)[]` where `is string[]` failed."""
    r = T.resolve(m)
    if not isinstance(r, T.TArray | T.TMap):
        return False
    return all(not_assignable(m, t) for t in tests)  # certainly not inside any of them


def join_types(cur: T.Type | None, a: T.Type | None, b: T.Type | None) -> T.Type | None:
    """`a` or `b`, both narrowed from `cur` without assignment: the members of `cur` either keeps."""
    if a is b:
        return a
    if a is None or b is None or cur is None:
        return None
    ma, mb = _members(a), _members(b)
    kept = [m for m in _members(cur) if any(m is x for x in ma) or any(m is x for x in mb)]
    if len(kept) != len({id(x) for x in ma} | {id(x) for x in mb}):
        return None  # a member that is not one of `cur`'s (a test narrowed `any` to `int`)
    return _rebuild(cur, kept)


DECLARED: Any = object()
"""A variable back at its declared type (absent from the state)."""


def get(state: State, var: Any) -> Any:
    entry = state.get(id(var))
    return DECLARED if entry is None else entry[1]


def put(state: State, var: Any, t: Any) -> None:
    if t is DECLARED:
        state.pop(id(var), None)
    else:
        state[id(var)] = (var, t)


def join(pre: State, a: State | None, b: State | None, current: Callable[[State, Any], Any]) -> State:
    """The state after two paths from `pre` meet (None: a path that cannot complete). A variable two
    paths narrow differently has the union of both (`if x is int|float { if x is int { return; } }`
    leaves `float|string` of `int|float|string`); one a path assigned is back at its declared type;
    unknown stays unknown."""
    if a is None:
        return dict(b) if b is not None else dict(pre)
    if b is None:
        return dict(a)
    out: State = {}
    for key in {*a, *b, *pre}:
        var = (a.get(key) or b.get(key) or pre.get(key))[0]  # type: ignore[index]
        ta, tb = get(a, var), get(b, var)
        if ta is tb:
            t = ta
        elif ta is None or tb is None:
            t = None
        elif ta is DECLARED or tb is DECLARED:
            t = DECLARED
        else:
            t = join_types(current(pre, var), ta, tb)
        put(out, var, t)
    return out


def unsure(end: State, pre: State) -> State:
    """The end of a path that may or may not complete: what it changed is unknown."""
    out = dict(end)
    for key in {*end, *pre}:
        var = (end.get(key) or pre.get(key))[0]  # type: ignore[index]
        if get(end, var) is not get(pre, var):
            put(out, var, None)
    return out


def tested_refs(e: Any) -> list[ast.VarRef]:
    """The uses of the variables a type test, equality or `match` inside `e` may narrow: those it tests
    directly (the checker keys them by the declaration each refers to)."""
    found: list[ast.VarRef] = []
    for n in nodes_under(e) if e is not None else ():
        if not isinstance(n, _TESTS):  # most nodes: one test (same answers as the chain below)
            continue
        roots: list[Any] = []
        if isinstance(n, ast.IsExpr):
            roots.append(n.expr)
        elif isinstance(n, ast.Binary) and n.op in ("==", "!=", "===", "!=="):
            roots += [n.left, n.right]
        elif isinstance(n, ast.Match):
            roots.append(n.expr)
            roots += [c.guard for c in n.clauses if c.guard is not None]
        # only a variable reference itself is narrowed (spec: conditional variable type narrowing), so
        # `k % 2 == 0` or `f(x) is int` leaves `k` and `x` their types (and the checker's view of them)
        found.extend(r for r in roots if isinstance(r, ast.VarRef))
    return found


_TESTS = (ast.IsExpr, ast.Binary, ast.Match)


def expression_narrowed(
    body: Any, tracked: frozenset[Any], refs: dict[Any, Any], candidates: Iterable[Any] | None = None
) -> set[int]:
    """`id`s of the variable references an expression narrows (the right operand of `&&`/`||`, the
    branches of `c ? a : b`, a query's later clauses): their type is left unknown. `candidates`, when
    given, are the `&&`/`||`, conditional and query nodes under `body` (found without walking it).
    `tracked` are declarations of the resolve record; `refs` maps a use to its declaration."""

    def tested(e: Any) -> set[Any]:
        return {refs.get(r) for r in tested_refs(e)} & tracked

    out: set[int] = set()
    for n in walk(body) if candidates is None else candidates:
        if isinstance(n, ast.Binary) and n.op in ("&&", "||"):
            decls, scope = tested(n.left), [n.right]
        elif isinstance(n, ast.Conditional):
            decls, scope = tested(n.cond), [n.then, n.otherwise]
        elif isinstance(n, ast.QueryExpr):
            decls, scope = tested(n), [n]
        else:
            continue
        if decls:
            for s in scope:
                out.update(id(x) for x in walk(s) if isinstance(x, ast.VarRef) and refs.get(x) in decls)
    return out


def _type_test(e: Any) -> tuple[ast.VarRef, Any, bool] | None:
    """`x is T` / `x !is T` as (x, T's descriptor, negated); `x == ()` / `x != ()` (and `===`, `!==`)
    as a test for nil (descriptor None), which narrows the same way."""
    if isinstance(e, ast.IsExpr) and isinstance(e.expr, ast.VarRef):
        return e.expr, e.type, e.negated
    if isinstance(e, ast.Binary) and e.op in ("==", "!=", "===", "!=="):
        for ref, other in ((e.left, e.right), (e.right, e.left)):
            if isinstance(ref, ast.VarRef) and isinstance(other, ast.Literal) and other.kind == "nil":
                return ref, None, e.op in ("!=", "!==")
    return None


Lookup = Callable[[ast.VarRef], Any]
"""The checker's variable a use refers to (by its declaration in the resolve record), None if unknown."""
Resolve = Callable[[Any], "T.Type | None"]


class Conditions:
    """The states where a condition is true and where it is false."""

    def __init__(
        self, lookup: Lookup, resolve: Resolve, current: Callable[[State, Any], Any], truths: frozenset[str]
    ) -> None:
        self.truths = truths
        self.lookup = lookup
        self.resolve = resolve
        self.current = current  # (state, var) -> the variable's type in that state (None: unknown)

    def split(self, e: Any, state: State | None) -> tuple[State | None, State | None]:
        """(where `e` is true, where it is false); None for a state no path reaches (`true`'s false)."""
        if state is None:
            return None, None
        if (isinstance(e, ast.Literal) and e.value is True) or (
            isinstance(e, ast.VarRef) and e.name in self.truths
        ):
            return dict(state), None
        if isinstance(e, ast.Literal) and e.value is False:
            return None, dict(state)
        if isinstance(e, ast.Unary) and e.op == "!":
            t, f = self.split(e.operand, state)
            return f, t
        if isinstance(e, ast.Binary) and e.op in ("&&", "||"):
            lt, lf = self.split(e.left, state)
            if e.op == "&&":
                rt, rf = self.split(e.right, lt)
                return rt, self._union(state, lf, rf)
            rt, rf = self.split(e.right, lf)
            return self._union(state, lt, rt), rf
        tested = _type_test(e)
        if tested is not None:
            ref, test_type, negated = tested
            var = self.lookup(ref)
            if var is None or getattr(var, "module", False):
                return dict(state), dict(state)
            cur = self.current(state, var)
            test = T.NIL if test_type is None else self.resolve(test_type)
            t, f = dict(state), dict(state)
            yes, no = narrow_true(cur, test), narrow_false(cur, test)
            if negated:
                yes, no = no, yes
            put(t, var, yes)
            put(f, var, no)
            return t, f
        t, f = dict(state), dict(state)
        for ref in tested_refs(e):
            var = self.lookup(ref)
            if var is not None:
                put(t, var, None)
                put(f, var, None)
        return t, f

    def _union(self, pre: State, a: State | None, b: State | None) -> State | None:
        """Either path of a short-circuit operator: the variables' types joined member by member."""
        if a is None or b is None:
            return b if a is None else a
        out: State = {}
        for key in {*a, *b, *pre}:
            var = (a.get(key) or b.get(key) or pre.get(key))[0]  # type: ignore[index]
            ta, tb = self.current(a, var), self.current(b, var)
            put(out, var, join_types(self.current(pre, var), ta, tb) if ta is not tb else get(a, var))
        return out
