"""Filler values (Ballerina spec, "Filler values"): what fills the gap when a list grows by assigning
past its end (`int[] a = []; a[3] = 1;` gives `[0,0,0,1]`) or when a fixed-length array is built short.

A type has a filler value when it contains `()` (the filler is then `()`), is a basic simple type (`false`,
`0`, `0.0`, `0d`, `""`), a singleton or a union of one basic type holding that type's zero, a list type
whose fixed members all have fillers, or a mapping type whose required fields all have defaults. Every
structured filler is a fresh value, so `int[][] m = []; m[2] = [1];` does not alias its rows.
"""

from __future__ import annotations

import decimal
from typing import Any

from balmail.runtime import types as T
from balmail.runtime.errors import runtime_panic
from balmail.runtime.ops import clone_readonly
from balmail.runtime.values import BList, BMap

NO_FILLER = object()
"""Returned by `filler_value` for a type that has none."""

_ZERO: dict[type, Any] = {
    T.TBoolean: False, T.TInt: 0, T.TFloat: 0.0, T.TDecimal: decimal.Decimal(0), T.TString: "",
}


def filler_value(t: T.Type | None) -> Any:
    """A fresh filler value of type `t`, or NO_FILLER."""
    if t is None:
        return None
    r = T.resolve(t)
    if isinstance(r, T.TIntersection):
        inner = filler_value(r.non_readonly())
        if inner is NO_FILLER:
            return NO_FILLER
        return clone_readonly(inner)
    if r.contains(None):
        return None
    zero = _ZERO.get(type(r), NO_FILLER)
    if zero is not NO_FILLER:
        return zero if r.contains(zero) else NO_FILLER
    if isinstance(r, T.TSingleton):
        return r.value
    if isinstance(r, T.TUnion):
        return _union_filler(r)
    if isinstance(r, T.TArray):
        if not r.length:
            return BList(type=t)
        first = filler_value(r.element)
        if first is NO_FILLER:
            return NO_FILLER
        return BList([first, *(filler_value(r.element) for _ in range(r.length - 1))], type=t)
    if isinstance(r, T.TTuple):
        items = [filler_value(m) for m in r.members]
        return NO_FILLER if any(x is NO_FILLER for x in items) else BList(items, type=t)
    if isinstance(r, T.TMap):
        return BMap(type=t)
    if isinstance(r, T.TRecord):
        out = BMap(type=t)
        for name, f in r.fields.items():
            if f.default is not None:
                out[name] = f.default()
            elif not f.optional:
                return NO_FILLER
        return out
    return NO_FILLER


def _union_filler(u: T.TUnion) -> Any:
    """A union has a filler when all its members share one basic type and one of them holds its zero."""
    members = T.member_types(u)
    basics = {_basic(m) for m in members}
    if len(basics) != 1:
        return NO_FILLER
    (basic,) = basics
    zeros = {bool: False, int: 0, float: 0.0, decimal.Decimal: decimal.Decimal(0), str: ""}
    zero = zeros.get(basic, NO_FILLER)
    # the basic type's own filler must be one of the union's values: `1|-1` and `"+"|"-"` have none, even
    # though each singleton alone would fill with its one value
    if zero is not NO_FILLER and u.contains(zero):
        return zero
    return NO_FILLER


def _basic(m: T.Type) -> type:
    r = T.resolve(m)
    if isinstance(r, T.TSingleton):
        return type(r.value)
    return {T.TBoolean: bool, T.TInt: int, T.TFloat: float, T.TDecimal: decimal.Decimal,
            T.TString: str}.get(type(r), object)


def fill_to(xs: BList, index: int, list_type: T.Type | None) -> None:
    """Append filler values to `xs` until it has `index` members, or panic as Ballerina does when a
    member type there has no filler."""
    r = T.resolve(list_type) if list_type is not None else None
    start = len(xs)
    for k in range(start, index):
        member = T.element_type(r, k) if r is not None else None
        v = filler_value(member)
        if v is NO_FILLER:
            del xs[start:]
            raise runtime_panic(
                "IllegalListInsertion",
                f"array of length {start} cannot be expanded into array of length {index + 1} "
                "without filler values",
                "lang.array",
            )
        xs.append(v)
