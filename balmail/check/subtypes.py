"""Finer "certainly not assignable" judgements than basic kinds: finite types (singletons, enums),
record-to-record subtyping (closed/open records, missing, optional and extra fields), and the member
types of maps, arrays and records where a map or array is wanted (`map<string>` is not a `map<int>`).

Like statictypes.certainly_incompatible, every answer is one-sided: True means Ballerina's subtyping
certainly refuses the assignment; False means "fine or unsure", and nothing is reported. Types that are
not resolved precisely (intersections, objects, anything with a None part) are always "unsure".
"""

from __future__ import annotations

from balmail.check.statictypes import certainly_incompatible, kinds
from balmail.runtime import types as T

_MAX_DEPTH = 8  # nested records compared this deep; deeper is "unsure"


def _members(t: T.Type) -> list[T.Type]:
    r = T.resolve(t)
    if isinstance(r, T.TUnion):
        out: list[T.Type] = []
        for m in r.members:
            out.extend(_members(m))
        return out
    return [r]


def _finite_refusal(found: T.Type, expected: T.Type) -> bool:
    """Per basic kind of `found`: when every member of `expected` of that kind is a singleton (a finite
    type such as `"a"|"b"` or an enum), a non-singleton member of `found` of that kind, or a singleton
    with another value, is refused."""
    wanted = _members(expected)
    for m in _members(found):
        k = kinds(m)
        if k is None or len(k) != 1 or not k <= {"string", "int", "boolean"}:
            continue
        same = [w for w in wanted if kinds(w) == k]
        if not same or not all(isinstance(w, T.TSingleton) for w in same):
            continue
        if not isinstance(m, T.TSingleton):
            return True
        if not any(type(w.value) is type(m.value) and w.value == m.value for w in same):  # type: ignore[attr-defined]
            return True
    return False


def _closed(record: T.TRecord) -> bool:
    return record.rest is None or isinstance(T.resolve(record.rest), T.TNever)


def _record_refusal(found: T.TRecord, expected: T.TRecord, depth: int) -> bool:
    """A record type `found` that is certainly not a subtype of the record type `expected`."""
    for name, want in expected.fields.items():
        have = found.fields.get(name)
        if have is None:
            if not want.optional:
                return True  # a required field `found` does not declare (its rest may lack it)
            if not _closed(found) and found.rest is not None and not_assignable(found.rest, want.type, depth):
                return True
            continue
        if have.optional and not want.optional:
            return True
        if not_assignable(have.type, want.type, depth):
            return True
    extra = [f for n, f in found.fields.items() if n not in expected.fields]
    if _closed(expected):
        if extra or not _closed(found):
            return True
        return False
    assert expected.rest is not None
    if any(not_assignable(f.type, expected.rest, depth) for f in extra):
        return True
    if not _closed(found) and found.rest is not None and not_assignable(found.rest, expected.rest, depth):
        return True
    return False


def not_assignable(found: T.Type | None, expected: T.Type | None, depth: int = 0) -> bool:
    """A value of static type `found` can certainly not be used where `expected` is wanted."""
    if found is None or expected is None or depth > _MAX_DEPTH:
        return False
    if certainly_incompatible(found, expected):
        return True
    if kinds(found) is None or kinds(expected) is None:
        return False
    if _finite_refusal(found, expected):
        return True
    f, e = T.resolve(found), T.resolve(expected)
    if type(f) is T.TInt and type(e) is T.TInt:  # `int` where a `byte` or `int:Signed8` is wanted
        below = e.lo is not None and (f.lo is None or f.lo < e.lo)
        return below or (e.hi is not None and (f.hi is None or f.hi > e.hi))
    if isinstance(f, T.TRecord) and isinstance(e, T.TRecord):
        return _record_refusal(f, e, depth + 1)
    if isinstance(f, T.TMap) and isinstance(e, T.TMap):  # `map<string>` where `map<int>` is wanted
        return not_assignable(f.constraint, e.constraint, depth + 1)
    if isinstance(f, T.TArray) and isinstance(e, T.TArray):  # `string[]` where `int[]` is wanted
        return not_assignable(f.element, e.element, depth + 1)
    if isinstance(f, T.TRecord) and isinstance(e, T.TMap):  # each field must fit the map's constraint
        if any(not_assignable(x.type, e.constraint, depth + 1) for x in f.fields.values()):
            return True
        return not _closed(f) and f.rest is not None and not_assignable(f.rest, e.constraint, depth + 1)
    if isinstance(f, T.TRecord) and isinstance(e, T.TUnion):
        options = [m for m in _members(e) if kinds(m) is None or "mapping" in (kinds(m) or ())]
        if options and all(isinstance(m, T.TRecord) for m in options):
            return all(_record_refusal(f, m, depth + 1) for m in options)  # type: ignore[arg-type]
    return False


_NEVER_ANYDATA = (T.TAny, T.TError, T.TObject, T.TFunction, T.TTypedesc, T.TStream, T.THandle)


def not_anydata(t: T.Type | None, seen: frozenset[int] = frozenset()) -> bool:
    """`t` certainly has values outside `anydata` (spec: anydata is nil, boolean, the numbers, string,
    xml, regexp and lists, mappings and tables of anydata): `any`, errors, objects, functions, typedescs,
    streams, handles, and lists, maps and records with such members (`error[]`, `map<any>`)."""
    if t is None or id(t) in seen:
        return False
    seen = seen | {id(t)}
    r = T.resolve(t)
    if isinstance(r, _NEVER_ANYDATA) or type(r).__name__ == "FutureOf":
        return True
    if isinstance(r, T.TUnion):
        return any(not_anydata(m, seen) for m in r.members)
    if isinstance(r, T.TArray):
        return not_anydata(r.element, seen)
    if isinstance(r, T.TMap):
        return not_anydata(r.constraint, seen)
    if isinstance(r, T.TTuple):
        return any(not_anydata(m, seen) for m in r.members) or not_anydata(r.rest, seen)
    if isinstance(r, T.TRecord):
        return any(not_anydata(f.type, seen) for f in r.fields.values()) or not_anydata(r.rest, seen)
    return False
