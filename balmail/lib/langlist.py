"""lang.array: the functions of lists, usable as methods and as `array:` module calls, and the ordering
`sort` and the query `order by` share (split from langlib.py, which merges the tables)."""

from __future__ import annotations

import decimal
import functools
from typing import Any

from balmail.lib import langnumeric
from balmail.lib.langnumbers import is_nan
from balmail.runtime import types as T
from balmail.runtime.errors import (
    index_out_of_range,
    runtime_panic,
)
from balmail.runtime.filler import fill_to
from balmail.runtime.inherent import check_list_store, list_violation
from balmail.runtime.sandbox import Sandbox, metered
from balmail.runtime.values import (
    BList,
    BStream,
    compare,
    deep_equals,
    py_callable,
)

D = decimal.Decimal
STRING_ARRAY = T.TArray(T.STRING)
INT_ARRAY = T.TArray(T.INT)
BYTE_ARRAY = T.TArray(T.BYTE)


def _list_stream_type(xs: Any) -> T.TStream:
    """`xs.toStream()` is a `stream<T>` of the list's member type (what printing the stream shows)."""
    t = T.resolve(xs.type) if xs.type is not None else None
    if isinstance(t, T.TArray):
        return T.TStream(t.element)
    if isinstance(t, T.TTuple):
        members = list(t.members) + ([t.rest] if t.rest is not None else [])
        unique = list({str(m): m for m in members}.values())
        return T.TStream(unique[0] if len(unique) == 1 else T.TUnion(unique) if unique else T.NEVER)
    return T.TStream(None)


def _ro_check(xs: Any) -> None:
    if getattr(xs, "ro", False):
        raise runtime_panic("InherentTypeViolation", "cannot update a read-only array", "lang.array")


def _fixed_check(xs: Any, length: int | None = None) -> None:
    """Changing the length of `xs` to `length` (None: any change) must keep it in its inherent type: a
    fixed-length array or tuple cannot change, a tuple with a rest member cannot lose a required member."""
    t = T.resolve(xs.type) if xs.type is not None else None
    if isinstance(t, T.TArray) and t.length is not None or isinstance(t, T.TTuple) and t.rest is None:
        if length is None:
            message = "cannot change the length of a fixed-length list"
        else:
            kind = "an array" if isinstance(t, T.TArray) else "a tuple"
            message = f"cannot change the length of {kind} of fixed length '{len(xs)}' to '{length}'"
        raise runtime_panic("InherentTypeViolation", message, "lang.array")
    if isinstance(t, T.TTuple) and length is not None and length < len(t.members):
        n = len(t.members)
        message = f"cannot change the length of a tuple with '{n}' mandatory member(s) to '{length}'"
        raise runtime_panic("InherentTypeViolation", message, "lang.array")


def _shift_check(xs: Any) -> None:
    """`shift` on a tuple with a rest member moves every member down one place: each must then belong to
    the member type of its new place (Ballerina checks the values, not their types)."""
    t = T.resolve(xs.type) if xs.type is not None else None
    if not isinstance(t, T.TTuple) or t.rest is None or not t.members:
        return
    n = len(t.members)
    if n >= len(xs):
        raise runtime_panic("OperationNotSupported", f"shift() not supported on type '{t}'", "lang.array")
    for i in range(1, n + 1):
        if not t.members[i - 1].contains(xs[i]):
            found = t.rest if i == n else t.members[i]
            message = f"incompatible types: expected '{t.members[i - 1]}', found '{found}'"
            raise runtime_panic("InherentTypeViolation", message, "lang.array")


@metered
def a_push(sb: Sandbox, xs: BList, *vals: Any) -> None:
    t = xs.type
    if not xs.ro and (t is None or (type(t) is T.TArray and t.length is None)):
        if len(xs) + len(vals) > sb.max_size:
            sb.check_size(len(xs) + len(vals))
        if t is not None:
            el = t.element
            for v in vals:
                if not el.contains(v):
                    raise list_violation(el, v)
        xs.extend(vals)
        return
    _ro_check(xs)
    t = T.resolve(t) if t is not None else None
    if isinstance(t, T.TArray) and t.length is not None or isinstance(t, T.TTuple) and t.rest is None:
        # what Ballerina reports for a push past a fixed length: the first index that does not exist
        n = len(xs)
        message = f"array index out of range: index: {n}, size: {n}"
        raise runtime_panic("IndexOutOfRange", message, "lang.array")
    for k, v in enumerate(vals):
        check_list_store(xs, len(xs) + k, v)
    xs.extend(vals)


def a_push1(sb: Sandbox, xs: BList, v: Any) -> None:
    """`xs.push(v)` with one value, as statically typed call sites emit it: no argument packing, and the
    common case (a growable array of a simple element type) checked inline."""
    t = xs.type
    if type(t) is T.TArray and not xs.ro and t.length is None and len(xs) < sb.max_size:
        if type(v) not in t.kinds:
            T.arm_kinds(t)  # generated code tests `kinds` (and `exact`) before calling here
            if not t.element.contains(v):
                raise list_violation(t.element, v)
            T.remember_exact(t, t.element, v)
        xs.append(v)
        return
    a_push(sb, xs, v)


def a_pop(xs: BList) -> Any:
    _ro_check(xs)
    _fixed_check(xs, len(xs) - 1)
    if not xs:
        raise runtime_panic("IndexOutOfRange", "cannot pop an element from an empty array", "lang.array")
    return xs.pop()


def a_shift(xs: BList) -> Any:
    _ro_check(xs)
    t = T.resolve(xs.type) if xs.type is not None else None
    if isinstance(t, T.TTuple) and t.rest is not None:
        _shift_check(xs)
    else:
        _fixed_check(xs, len(xs) - 1 if xs else None)
    if not xs:
        raise runtime_panic("IndexOutOfRange", "cannot shift an element from an empty array", "lang.array")
    return xs.pop(0)


@metered
def a_unshift(sb: Sandbox, xs: BList, *vals: Any) -> None:
    _ro_check(xs)
    _fixed_check(xs)
    sb.check_size(len(xs) + len(vals))
    for v in vals:
        check_list_store(xs, 0, v)
    xs[0:0] = vals


@metered
def a_index_of(sb: Sandbox, xs: Any, v: Any, start: int = 0) -> int | None:
    sb.charge(max(0, len(xs) - start))
    for i in range(start, len(xs)):
        if deep_equals(xs[i], v, sb):
            return i
    return None


@metered
def a_last_index_of(sb: Sandbox, xs: Any, v: Any, start: int | None = None) -> int | None:
    end = len(xs) - 1 if start is None else start
    sb.charge(max(0, end + 1))
    for i in range(end, -1, -1):
        if deep_equals(xs[i], v, sb):
            return i
    return None


def member_array_type(m: Any) -> T.Type | None:
    """`map:toArray`: an array of the mapping's member type (`map<int>` gives `int[]`, a record the
    union of its field and rest types), so it fills and checks as that array would."""
    t = T.resolve(m.type) if m.type is not None else None
    if isinstance(t, T.TMap):
        return T.TArray(t.constraint)
    if isinstance(t, T.TRecord):
        parts = [f.type for f in t.fields.values()] + ([t.rest] if t.rest is not None else [])
        return T.TArray(T.union(*parts)) if parts else None
    return None


def _new_like(xs: Any, items: Any) -> BList:
    t = xs.type
    if type(t) is T.TArray and t.length is None:
        return BList(items, t)  # the common case: a growable array keeps its type
    if t is not None and isinstance(T.resolve(t), T.TTuple):
        tt = T.resolve(t)
        el = T.union(*tt.members, *([tt.rest] if tt.rest else [])) if tt.members or tt.rest else T.NEVER
        t = T.TArray(el)
    if t is not None and isinstance(T.resolve(t), T.TArray) and T.resolve(t).length is not None:
        t = T.TArray(T.resolve(t).element)
    return BList(items, t)


def a_reverse(xs: Any) -> BList:
    return _new_like(xs, reversed(xs))


_DONE = object()


def _sort_rank(k: Any) -> int:
    return 2 if k is None else 1 if is_nan(k) else 0


def sort_compare(
    ka: Any,
    kb: Any,
    desc: bool,
    sb: Sandbox,
    memo: dict[tuple[int, int], int] | None = None,
) -> int:
    """The order of two sort keys in the result: NaN and then nil go last in either direction, at the
    top and inside list keys alike; lists compare member by member, then by length. A pair of lists is
    compared once per call (`memo`, by identity) and charged one step, so keys sharing sublists cost
    steps linear in their distinct pairs, not exponential in their depth."""
    if isinstance(ka, BList) and isinstance(kb, BList):
        if memo is None:
            memo = {}
        pair = (id(ka), id(kb))
        found = memo.get(pair)
        if found is not None:
            return found
        sb.charge(1)
        result = 0
        for x, y in zip(ka, kb, strict=False):
            result = sort_compare(x, y, desc, sb, memo)
            if result:
                break
        else:
            c = (len(ka) > len(kb)) - (len(ka) < len(kb))
            result = -c if desc else c
        memo[pair] = result
        return result
    ra, rb = _sort_rank(ka), _sort_rank(kb)
    if ra or rb:
        return ra - rb
    c = compare(ka, kb, sb) or 0
    return -c if desc else c


@metered
def a_sort(sb: Sandbox, xs: Any, direction: str = "ascending", key: Any = None) -> BList:
    """`array:sort`: stable; nil and NaN keys last in both directions. Charges n·log2(n) steps up
    front; comparing structured keys charges as it goes."""
    sb.charge(len(xs) * max(1, len(xs).bit_length()))
    if key is not None:
        key = py_callable(key, 1)
    keys = list(xs) if key is None else list(map(key, xs))
    desc = direction == "descending"
    kinds = set(map(type, keys))
    if len(kinds) == 1 and (int in kinds or str in kinds):
        if key is None:
            return _new_like(xs, sorted(keys, reverse=desc))
        # each member's key, computed above, handed to `sorted` in member order: CPython's sort calls
        # its key function once per member, first to last, before comparing (an exhausted iterator
        # afterwards confirms it), so the sort runs on C callables only
        left = iter(keys)
        out = sorted(xs, key=functools.partial(next, left), reverse=desc)
        if next(left, _DONE) is _DONE:
            return _new_like(xs, out)
        order = sorted(range(len(keys)), key=keys.__getitem__, reverse=desc)
        return _new_like(xs, [xs[i] for i in order])
    keyed = list(zip(keys, xs, strict=True))
    if keyed:
        keyed.sort(key=functools.cmp_to_key(lambda a, b: sort_compare(a[0], b[0], desc, sb)))
    return _new_like(xs, [x for _, x in keyed])


def a_filter(xs: Any, fn: Any) -> BList:
    fn = py_callable(fn, 1)
    return _new_like(xs, [x for x in xs if fn(x)])


def a_map(xs: Any, fn: Any) -> BList:
    fn = py_callable(fn, 1)
    return BList([fn(x) for x in xs])


def a_for_each(xs: Any, fn: Any) -> None:
    for x in list(xs):
        fn(x)


def a_reduce(xs: Any, fn: Any, initial: Any) -> Any:
    acc = initial
    step = py_callable(fn, 2)
    for x in xs:
        acc = step(acc, x)
    return acc


def a_slice(xs: Any, start: int, end: int | None = None) -> BList:
    if end is None:
        end = len(xs)
    if start < 0 or end > len(xs) or start > end:
        raise index_out_of_range(start if start < 0 or start > end else end, len(xs))
    return _new_like(xs, xs[start:end])


def a_remove(xs: Any, i: int) -> Any:
    _ro_check(xs)
    if not 0 <= i < len(xs):
        raise index_out_of_range(i, len(xs))
    return xs.pop(i)


def a_remove_all(xs: Any) -> None:
    _ro_check(xs)
    xs.clear()


def a_enumerate(xs: Any) -> BList:
    return BList([BList([i, x]) for i, x in enumerate(xs)])


def a_some(xs: Any, fn: Any) -> bool:
    return any(fn(x) for x in xs)


def a_every(xs: Any, fn: Any) -> bool:
    return all(fn(x) for x in xs)


@metered
def a_set_length(sb: Sandbox, xs: Any, n: int) -> None:
    _ro_check(xs)
    if n < 0:
        raise runtime_panic("IndexOutOfRange", f"array length cannot be negative: {n}", "lang.array")
    sb.check_size(n)
    if n < len(xs):
        del xs[n:]
    else:
        fill_to(xs, n, xs.type)


def a_first(xs: Any) -> Any:
    if not xs:
        raise index_out_of_range(0, 0)
    return xs[0]


def a_last(xs: Any) -> Any:
    if not xs:
        raise index_out_of_range(0, 0)
    return xs[-1]


ARRAY = {
    "length": len,
    "push": a_push,
    "pop": a_pop,
    "shift": a_shift,
    "unshift": a_unshift,
    "indexOf": a_index_of,
    "lastIndexOf": a_last_index_of,
    "reverse": a_reverse,
    "sort": a_sort,
    "filter": a_filter,
    "map": a_map,
    "forEach": a_for_each,
    "reduce": a_reduce,
    "slice": a_slice,
    "remove": a_remove,
    "removeAll": a_remove_all,
    "enumerate": a_enumerate,
    "some": a_some,
    "every": a_every,
    "setLength": a_set_length,
    "first": a_first,
    "last": a_last,
    "toStream": lambda xs: BStream(iter(list(xs)), _list_stream_type(xs)),
    "iterator": lambda xs: BStream(iter(list(xs)), _list_stream_type(xs)),
    **langnumeric.ARRAY_EXTRA,
}
