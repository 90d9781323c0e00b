"""`x is T` where no value of x's static type can belong to T: jBallerina refuses the test ("incompatible
types: 'int' will not be matched to 'float'", at the expression). Its notion of "no value in common" is
structural and member-wise: basic types that differ, union members none of which meet, tuples of
different lengths, lists whose members (arrays: element types) never meet (so `int[]` is never matched to
`float[]`, although both contain the empty list), maps whose constraints never meet, records with a
required field the other cannot have or whose types never meet. Only certain answers are reported; a
`never` operand (jBallerina's hint about it is no error) and a literal operand are left alone."""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import display, kinds
from balmail.runtime import types as T
from balmail.syntax import ast


def check_type_test(checker: Any, e: ast.IsExpr) -> None:
    if isinstance(e.expr, ast.Literal):
        return
    found, tested = checker.type_of(e.expr), checker.resolver.resolve(e.type)
    if found is None or tested is None or not kinds(found) or not kinds(tested):
        return
    if never_meet(found, tested):
        message = f"incompatible types: '{display(found)}' will not be matched to '{display(tested)}'"
        checker.found.append(report("BAL_TYPE_001", e.span, message=message))


def never_meet(a: T.Type, b: T.Type, depth: int = 0, structural: bool = True) -> bool:
    """No value belongs to both `a` and `b`; False when unsure. `structural`: as jBallerina judges a type
    test (lists and mappings member-wise, so `int[]` never meets `float[]`); otherwise by the values
    themselves (two list or mapping types meet when even only their empty value is common: what makes an
    intersection type empty, intersections.py)."""
    ka, kb = kinds(a), kinds(b)
    if ka is None or kb is None:
        return False
    if not ka & kb:
        return True
    if depth > 6:
        return False
    ra, rb = T.resolve(a), T.resolve(b)
    if isinstance(ra, T.TUnion):
        return all(never_meet(m, rb, depth + 1, structural) for m in ra.members)
    if isinstance(rb, T.TUnion):
        return all(never_meet(ra, m, depth + 1, structural) for m in rb.members)
    if isinstance(ra, T.TSingleton) and isinstance(rb, T.TSingleton):
        return type(ra.value) is type(rb.value) and ra.value != rb.value
    both_lists = isinstance(ra, T.TArray | T.TTuple) and isinstance(rb, T.TArray | T.TTuple)
    both_mappings = isinstance(ra, T.TRecord | T.TMap) and isinstance(rb, T.TRecord | T.TMap)
    if not structural and (both_lists or both_mappings):
        return isinstance(T.meet(ra, rb), T.TNever)
    if both_lists:
        return _lists_never_meet(ra, rb, depth)  # type: ignore[arg-type]
    if both_mappings:
        return _mappings_never_meet(ra, rb, depth) or _mappings_never_meet(rb, ra, depth)
    return False


def _shape(t: T.TArray | T.TTuple) -> tuple[list[T.Type], T.Type | None]:
    if isinstance(t, T.TTuple):
        return list(t.members), t.rest
    if t.length is not None:
        return [t.element] * t.length, None
    return [], t.element


def _lists_never_meet(a: T.TArray | T.TTuple, b: T.TArray | T.TTuple, depth: int) -> bool:
    am, ar = _shape(a)
    bm, br = _shape(b)
    for i in range(max(len(am), len(bm))):
        x = am[i] if i < len(am) else ar
        y = bm[i] if i < len(bm) else br
        if x is None or y is None:
            return True  # lengths that cannot agree
        if never_meet(x, y, depth + 1):
            return True
    return ar is not None and br is not None and never_meet(ar, br, depth + 1)


def _mappings_never_meet(a: T.TRecord | T.TMap, b: T.TRecord | T.TMap, depth: int) -> bool:
    """Judged from `a`'s side: a required field of `a` that `b` cannot have, or can have only with a type
    that never meets its type; for two maps, constraints that never meet."""
    if isinstance(a, T.TMap):
        return isinstance(b, T.TMap) and never_meet(a.constraint, b.constraint, depth + 1)
    for name, f in a.fields.items():
        if f.optional:
            continue
        if isinstance(b, T.TMap):
            other: T.Type | None = b.constraint
        else:
            g = b.fields.get(name)
            other = g.type if g is not None else b.rest
        if other is None or never_meet(f.type, other, depth + 1):
            return True
    return False
