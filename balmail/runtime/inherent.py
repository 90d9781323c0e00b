"""Inherent-type checks on stores (Ballerina spec, "Inherent type"): a list or mapping value remembers the
type it was created with, and storing a member outside it panics with `InherentTypeViolation` even when
the static type used for the store (`any[]`, `map<any>`) is wider. Also used by langlib's push/unshift."""

from __future__ import annotations

from typing import Any

from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic, runtime_panic
from balmail.runtime.values import BError


def _accepts(t: T.Type, v: Any) -> bool:
    r = T.resolve(t)
    if type(r) is T.TAny:
        return not isinstance(v, BError)
    return r.contains(v)


def check_list_store(xs: Any, index: int, v: Any) -> None:
    """Panic unless `v` may be stored at `index` of list `xs` (its inherent member type there)."""
    lt = xs.type
    if lt is None:
        return
    mt = T.element_type(lt, index)
    if mt is not None and not _accepts(mt, v):
        raise list_violation(mt, v)


def list_violation(expected: T.Type, v: Any) -> BallerinaPanic:
    return runtime_panic(
        "InherentTypeViolation",
        f"incompatible types: expected '{expected}', found '{T.value_type_name(v)}'",
        "lang.array",
    )


def check_map_store(m: Any, key: str, v: Any) -> None:
    """Panic unless `v` may be stored under `key` in mapping `m` (map constraint or record field type)."""
    mt = m.type
    if mt is None:
        return
    r = T.resolve(mt)
    if isinstance(r, T.TMap):
        if not _accepts(r.constraint, v):
            raise runtime_panic(
                "InherentTypeViolation",
                f"invalid map insertion: expected value of type '{r.constraint}', found "
                f"'{T.value_type_name(v)}'",
                "lang.map",
            )
    elif isinstance(r, T.TRecord):
        ft = r.field_type(key)
        if ft is not None and not _accepts(ft, v):
            raise runtime_panic(
                "InherentTypeViolation",
                f"invalid value for record field '{key}': expected value of type '{ft}', found "
                f"'{T.value_type_name(v)}'",
                "lang.map",
            )
