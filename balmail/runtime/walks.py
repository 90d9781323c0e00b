"""Walks over structured Ballerina values — `==`, ordering, `clone`, `toJsonString`, `toString` — that
stay linear in the number of *distinct* values and never overflow the Python stack.

Why by hand: a value built as `x = [x, x]` 24 times has 25 distinct lists but 2^24 paths, so a plain
recursive walk is exponential, and 10,000 nested lists exceed Python's recursion limit. These walks are
iterative, remember what they have seen by identity (a pair compared, a list cloned, a text rendered),
detect cycles, and charge the sandbox as they go: one step per member visited, and the size budget
before a text is built. `sb=None` (library code outside a Ballerina invocation) still bounds texts by
the default size budget.
"""

from __future__ import annotations

import decimal
from typing import Any

from balmail.runtime import types as T
from balmail.runtime.errors import runtime_panic
from balmail.runtime.sandbox import Budgets, Sandbox, budget_exhausted
from balmail.runtime.tables import BTable, clone_table
from balmail.runtime.values import BError, BList, BMap
from balmail.runtime.xml import BXml
from balmail.runtime.xml import clone as xml_clone

DEFAULT_SIZE = Budgets().size
_SIMPLE = (int, str, bool, decimal.Decimal)


def _charge(sb: Sandbox | None, n: int) -> None:
    if sb is not None:
        sb.charge(n)


def _check_size(sb: Sandbox | None, n: int) -> None:
    limit = sb.max_size if sb is not None else DEFAULT_SIZE
    if n > limit:
        if sb is not None:
            sb.check_size(n)
        raise budget_exhausted("size", limit)


# ---------------------------------------------------------------- equality


def equals(a: Any, b: Any, sb: Sandbox | None = None) -> bool:
    """`==` on anydata: a pair of containers already being compared is assumed equal (which is right
    for shared references and for cycles), so each distinct pair is visited once."""
    assumed: set[tuple[int, int]] = set()
    stack: list[tuple[Any, Any]] = [(a, b)]
    pop = stack.pop
    push = stack.append
    while stack:
        x, y = pop()
        if x is y and type(x) is not float:
            continue
        if isinstance(x, BList):
            if not isinstance(y, BList) or len(x) != len(y):
                return False
            key = (id(x), id(y))
            if key in assumed:
                continue
            assumed.add(key)
            _charge(sb, len(x) + 1)
            stack.extend(zip(x, y, strict=True))
        elif isinstance(x, dict):
            if not isinstance(y, dict) or len(x) != len(y):
                return False
            key = (id(x), id(y))
            if key in assumed:
                continue
            assumed.add(key)
            _charge(sb, len(x) + 1)
            for k, v in x.items():
                if k not in y:
                    return False
                push((v, y[k]))
        elif isinstance(x, BTable):
            if not isinstance(y, BTable) or len(x.rows) != len(y.rows):
                return False
            stack.extend(zip(x.rows.values(), y.rows.values(), strict=True))
        elif isinstance(x, BError):
            if not isinstance(y, BError) or x.message != y.message:
                return False
            push((x.detail, y.detail))
            push((x.cause, y.cause))
        else:
            tx = type(x)
            if tx is not type(y):
                return False
            if tx is float:
                if not (x == y or (x != x and y != y)):
                    return False
            elif tx in _SIMPLE or x is None:
                if x != y:
                    return False
            else:
                return False
    return True


# ---------------------------------------------------------------- ordering


def compare(a: Any, b: Any, sb: Sandbox | None = None) -> int | None:
    """Ordering for `<` and sorting; None when unordered (nil, NaN). Lists compare member by member;
    an identical pair is equal at once and each distinct pair of lists is compared once."""
    memo: dict[tuple[int, int], int | None] = {}
    return _compare(a, b, sb, memo)


def _compare(a: Any, b: Any, sb: Sandbox | None, memo: dict[tuple[int, int], int | None]) -> int | None:
    if a is None or b is None:
        return 0 if a is b else None  # () == (); () against a value is unordered
    if isinstance(a, BList) and isinstance(b, BList):
        if a is b:
            return 0
        key = (id(a), id(b))
        if key in memo:
            return memo[key]
        memo[key] = 0  # a cycle back to this pair compares equal
        _charge(sb, 1)
        result: int | None = (len(a) > len(b)) - (len(a) < len(b))
        for x, y in zip(a, b, strict=False):
            _charge(sb, 1)
            c = _compare(x, y, sb, memo)
            if c is None or c:
                result = c
                break
        memo[key] = result
        return result
    if type(a) is float or type(b) is float:
        if a != a or b != b:
            return None
    return (a > b) - (a < b)  # type: ignore[no-any-return]


# ---------------------------------------------------------------- clone


def clone(v: Any, sb: Sandbox | None = None, readonly: bool = False) -> Any:
    """`value:clone` / `cloneReadOnly`: copies each distinct mutable container once, so shared
    references stay shared and cycles stay cycles (as Ballerina's clone keeps the graph)."""
    if not isinstance(v, BList | BMap | BTable) or v.ro:
        if isinstance(v, BXml):
            return xml_clone(v, readonly)
        return v
    copies: dict[int, Any] = {}
    made: list[Any] = []

    def copy_of(x: Any) -> Any:
        if not isinstance(x, BList | BMap | BTable) or x.ro:
            return xml_clone(x, readonly) if isinstance(x, BXml) else x
        if isinstance(x, BTable):  # rows are copied like any other member
            c = copies.get(id(x))
            if c is None:
                c = copies[id(x)] = clone_table(x, copy_of, readonly)
            return c
        c = copies.get(id(x))
        if c is None:
            c = BList((), x.type) if isinstance(x, BList) else BMap((), x.type)
            copies[id(x)] = c
            made.append(c)
            todo.append((x, c))
        return c

    todo: list[tuple[Any, Any]] = []
    root = copy_of(v)
    while todo:
        src, dst = todo.pop()
        _charge(sb, len(src) + 1)
        if isinstance(src, BList):
            dst.extend([copy_of(x) for x in src])
        else:
            for k, x in src.items():
                dst[k] = copy_of(x)
    if readonly:
        for c in made:
            c.ro = True
    return root


# ---------------------------------------------------------------- rendering


def _references(v: Any, sb: Sandbox | None) -> dict[int, int]:
    """How many times each container reachable from `v` is referenced (by identity), counted before
    rendering so a text can be dropped once its last user has taken it."""
    uses: dict[int, int] = {}
    seen = {id(v)}
    todo = [v]
    while todo:
        x = todo.pop()
        _charge(sb, 1)
        for c in x.values() if isinstance(x, BMap) else x:
            if isinstance(c, BList | BMap):
                ci = id(c)
                uses[ci] = uses.get(ci, 0) + 1
                if ci not in seen:
                    seen.add(ci)
                    todo.append(c)
    return uses


def record_keys(m: BMap) -> list[Any] | None:
    """The order Ballerina shows a record's fields in (printing, JSON): the record type's fields in the
    type's order — its own fields, then those of its type inclusions — then the other fields as they
    were added (docs/patterns.md). None when that is the map's own order (not a record, or already so)."""
    t = m.type
    if t is None:
        return None
    r = T.resolve(t)
    if not isinstance(r, T.TRecord) or len(m) < 2:
        return None
    declared = r.fields
    present = [k for k in declared if k in m]
    if len(present) == len(m):
        keys = present
    else:
        keys = present + [k for k in m if k not in declared]
    return None if keys == list(m.keys()) else keys


def render(
    v: Any,
    leaf: Any,
    list_sep: str,
    map_entry: Any,
    sb: Sandbox | None,
    on_cycle: str | None,
    cycle_index: bool = False,
) -> str:
    """Text of a structured value: `leaf(x)` renders a non-container, `map_entry(k, text)` a map entry.
    Each distinct container is rendered once (its text reused where it is shared); the size budget is
    checked before each text is joined. A container met again inside itself renders as `on_cycle`, or
    panics when `on_cycle` is None (JSON has no cycles); with `cycle_index` (`toBalString`) the marker
    says how far up the repeated container is, as jBallerina writes it (`_render_indexed`)."""
    if not isinstance(v, BList | BMap):
        return leaf(v)  # type: ignore[no-any-return]
    uses = _references(v, sb)
    memo: dict[int, str] = {}
    active: set[int] = set()
    cyclic: set[int] = set()  # containers whose text depends on where they are (they contain a cycle)
    stack: list[Any] = [v]
    while stack:
        x = stack[-1]
        i = id(x)
        if i in memo:
            stack.pop()
            continue
        if isinstance(x, BMap):
            keys = record_keys(x)
            children = [x[k] for k in keys] if keys is not None else x.values()
        else:
            children = x
        if i not in active:
            active.add(i)
            _charge(sb, len(x) + 1)
            for c in children:
                if isinstance(c, BList | BMap) and id(c) not in memo:
                    if id(c) in active:
                        if on_cycle is None:
                            raise runtime_panic(
                                "CyclicValueReferenceError", "the value has a cyclic reference", "lang.value"
                            )
                        continue
                    stack.append(c)
            continue
        stack.pop()
        active.discard(i)
        parts: list[str] = []
        size = 2
        tainted = False
        for c in children:
            if isinstance(c, BList | BMap):
                ci = id(c)
                if ci in memo:
                    text = memo[ci]
                    tainted = tainted or ci in cyclic
                    left = uses[ci] - 1
                    if left:
                        uses[ci] = left
                    else:  # its last reference: drop the text (nested values would keep every level's)
                        del memo[ci]
                else:  # an ancestor: the cycle marker
                    text = on_cycle or ""
                    tainted = True
            else:
                text = leaf(c)
            parts.append(text)
            size += len(text) + len(list_sep)
            if size > DEFAULT_SIZE or (sb is not None and size > sb.max_size):
                _check_size(sb, size)
        if isinstance(x, BMap):
            keys = record_keys(x) or list(x.keys())
            entries = [map_entry(k, t) for k, t in zip(keys, parts, strict=True)]
            text = "{" + list_sep.join(entries) + "}"
        else:
            text = "[" + list_sep.join(parts) + "]"
        _check_size(sb, len(text))
        memo[i] = text
        if tainted:
            cyclic.add(i)
    if cycle_index and cyclic:
        return _render_indexed(v, leaf, list_sep, map_entry, sb, on_cycle or "...")
    result = memo[id(v)]
    return result


def _render_indexed(v: Any, leaf: Any, list_sep: str, map_entry: Any, sb: Sandbox | None, marker: str) -> str:
    """A value with a cycle as `toBalString` writes it: a container met again inside itself is
    `...[n]`, n counting the links from the repeated reference up to the container's first
    occurrence as jBallerina's `CycleUtils.Node` chain does, where a mapping is two links (its own and
    its entry's) and a list one, and a container directly inside itself is `...[0]`. Recursive along
    the value's nesting, which a cyclic value met in practice keeps shallow."""
    path: list[Any] = []

    def go(x: Any) -> str:
        if not isinstance(x, BList | BMap):
            return leaf(x)  # type: ignore[no-any-return]
        for depth in range(len(path) - 1, -1, -1):
            if path[depth] is x:
                links = sum(2 if isinstance(c, BMap) else 1 for c in path[depth + 1 :])
                return f"{marker}[{links}]"
        path.append(x)
        try:
            _charge(sb, len(x) + 1)
            if isinstance(x, BMap):
                keys = record_keys(x) or list(x.keys())
                text = "{" + list_sep.join(map_entry(k, go(x[k])) for k in keys) + "}"
            else:
                text = "[" + list_sep.join(go(c) for c in x) + "]"
        finally:
            path.pop()
        _check_size(sb, len(text))
        return text

    return go(v)
