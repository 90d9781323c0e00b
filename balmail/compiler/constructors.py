"""List, mapping and error constructors, and how an expected type picks the inherent type of
the value they build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from balmail.compiler import expressions, typedesc
from balmail.runtime import ops
from balmail.runtime import types as T
from balmail.runtime.filler import fill_to
from balmail.runtime.functions import Eval
from balmail.runtime.values import (
    BError,
    BList,
    BMap,
)
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler

# ------------------------------------------------------------ constructors


def _inferred_array(cx: Compiler, e: ast.ListExpr) -> T.Type | None:
    """With no contextually expected type (`var v = [1, "a"]`, the operand of `typeof`) a list
    constructor's inherent type is the tuple of its members' static types, `[int,string]`, as
    jBallerina's type checker infers it (`getInferredTupleType`); nested lists are tuples too.
    None (use `anydata[]`) when a member's type is not known here, or for `[]` and spreads."""
    if not e.items or any(isinstance(i, ast.Spread) for i in e.items):
        return None
    members: list[T.Type] = []
    for item in e.items:
        t = _inferred_array(cx, item) if isinstance(item, ast.ListExpr) else expressions.static_type(cx, item)
        if t is None:
            return None
        r = T.resolve(t)
        if isinstance(r, T.TAny | T.TAnydata) or isinstance(r, T.TString) and r.char:
            return None
        members.append(t)
    return T.TTuple(members, None)


def expr_ListExpr(cx: Compiler, e: ast.ListExpr, expected: T.Type | None) -> Eval:
    if expected is None:
        expected = _inferred_array(cx, e)
    lt = _pick(expected, (T.TArray, T.TTuple), default_anydata=True)
    if lt is not None and not any(isinstance(i, ast.Spread) for i in e.items):
        lt = _fitting_list_member(expected, lt, len(e.items))
    items: list[tuple[bool, Eval]] = []
    for i, item in enumerate(e.items):
        if isinstance(item, ast.Spread):
            items.append((True, expressions.expr(cx, item.expr)))
        else:
            items.append(
                (False, expressions.expr(cx, item, T.element_type(lt, i) if lt is not None else None))
            )
    inherent = lt if isinstance(T.resolve(lt) if lt else None, T.TArray | T.TTuple) else None
    if inherent is None and lt is not None:
        r = T.resolve(lt)
        inherent = (
            T.TArray(T.JSON) if isinstance(r, T.TJson) else T.TArray(r) if isinstance(r, T.TAnydata) else None
        )
    star = T.resolve(inherent) if inherent is not None else None
    if isinstance(star, T.TArray) and star.infer_length and not any(s for s, _ in items):
        inherent = T.TArray(star.element, len(items))
    ro = _wants_readonly(expected)
    need = _fixed_members(inherent)
    if need > len(items) and not any(s for s, _ in items):
        evs = [ev for _, ev in items]

        def build_filled(f: list[Any]) -> BList:
            out = BList([ev(f) for ev in evs], inherent)
            fill_to(out, need, inherent)
            return ops.freeze(out) if ro else out

        return build_filled
    if not any(s for s, _ in items):
        evs = [ev for _, ev in items]
        if ro:
            freeze = ops.freeze
            return lambda f: freeze(BList([ev(f) for ev in evs], inherent))
        return lambda f: BList([ev(f) for ev in evs], inherent)
    sb = cx.sb

    def build(f: list[Any]) -> BList:
        out = BList(type=inherent, ro=False)
        for spread, ev in items:
            if spread:
                v = ev(f)
                out.extend(v if not isinstance(v, BMap) else v.values())
            else:
                out.append(ev(f))
        sb.check_size(len(out))
        return ops.freeze(out) if ro else out

    return build


def expr_MappingExpr(cx: Compiler, e: ast.MappingExpr, expected: T.Type | None) -> Eval:
    mt = _pick_record(expected, e) or _pick(expected, (T.TRecord, T.TMap), default_anydata=True)
    rt = T.resolve(mt) if mt is not None else None
    record = rt if isinstance(rt, T.TRecord) else None
    fields: list[tuple[str, Any, Eval]] = []  # kind, key (str or Eval), value
    for fld in e.fields:
        if fld.kind == "spread":
            fields.append(("spread", None, expressions.expr(cx, fld.value)))
            continue
        if fld.kind == "computed":
            assert fld.key_expr is not None
            fields.append(
                ("computed", expressions.expr(cx, fld.key_expr, T.STRING), expressions.expr(cx, fld.value))
            )
            continue
        key = fld.key or ""
        ft: T.Type | None = None
        if record is not None:
            ft = record.field_type(key)
        elif isinstance(rt, T.TMap):
            ft = rt.constraint
        elif isinstance(rt, T.TJson):
            ft = T.JSON
        elif isinstance(rt, T.TAnydata):
            ft = T.ANYDATA
        fields.append(("key", key, expressions.expr(cx, fld.value, ft)))
    if record is not None:
        inherent: T.Type | None = mt
    elif isinstance(rt, T.TMap):
        inherent = mt
    elif isinstance(rt, T.TJson):
        inherent = T.TMap(T.JSON)
    elif isinstance(rt, T.TAnydata):
        inherent = T.TMap(T.ANYDATA)
    else:
        inherent = None
    defaults = (
        [(n, fd.default) for n, fd in record.fields.items() if fd.default is not None] if record else []
    )
    ro = _wants_readonly(expected)
    simple = all(k == "key" for k, _, _ in fields)
    if simple and not defaults:
        keyed = [(k, ev) for _, k, ev in fields]
        if ro:
            freeze = ops.freeze
            return lambda f: freeze(BMap({k: ev(f) for k, ev in keyed}, inherent))
        return lambda f: BMap({k: ev(f) for k, ev in keyed}, inherent)

    def build(f: list[Any]) -> BMap:
        out = BMap(type=inherent)
        computed: list[tuple[Any, Any]] = []
        for kind, key, ev in fields:  # evaluated in source order
            if kind == "key":
                out[key] = ev(f)
            elif kind == "computed":
                computed.append((key(f), ev(f)))
            else:
                v = ev(f)
                if isinstance(v, BMap):
                    out.update(v)
        for k, v in computed:  # jBallerina puts computed keys after the other fields
            out.pop(k, None)
            out[k] = v
        for n, d in defaults:
            if n not in out:
                out[n] = d()
        if record is not None:
            # the record type's fields in the type's order, then the others (walks.record_keys)
            ordered = {n: out[n] for n in record.fields if n in out}
            if len(ordered) != len(out):
                ordered.update({k: v for k, v in out.items() if k not in ordered})
            out = BMap(ordered, inherent)
        return ops.freeze(out) if ro else out

    return build


def expr_ErrorConstructor(cx: Compiler, e: ast.ErrorConstructor, expected: T.Type | None) -> Eval:
    et: T.Type | None = None
    if e.type is not None:
        et = typedesc.resolve_type(cx, e.type)
    elif expected is not None:
        errs = [
            m for m in T.member_types(expected) if isinstance(m, T.TError) and (m.distinct_ids or m.detail)
        ]
        if len(errs) == 1 and isinstance(expected, T.TLazy):
            et = expected
        r_exp = T.resolve(expected)
        if isinstance(r_exp, T.TIntersection) and all(
            isinstance(T.resolve(m), T.TError) for m in r_exp.members
        ):
            et = expected  # `A & B` of error types: the value carries the type ids of both
    pos: list[Eval] = []
    named: list[tuple[str, Eval]] = []
    for a in e.args:
        if isinstance(a, ast.NamedArg):
            named.append((a.name, expressions.expr(cx, a.value)))
        elif isinstance(a, ast.RestArg):
            from balmail.compiler.core import CompileError

            raise CompileError("rest argument not allowed in error constructor", a.span)
        else:
            pos.append(expressions.expr(cx, a, T.STRING if not pos else T.TUnion([T.ERROR, T.NIL])))
    if not pos:
        from balmail.compiler.core import CompileError

        raise CompileError("missing error message", e.span)
    msg_ev = pos[0]
    cause_ev = pos[1] if len(pos) > 1 else None
    detail_t = None
    if et is not None:
        r = T.resolve(et)
        if isinstance(r, T.TIntersection):
            r = T.resolve(r.members[0])
        if isinstance(r, T.TError):
            detail_t = r.detail
    etype = et
    rec = T.resolve(detail_t) if detail_t is not None else None
    if isinstance(rec, T.TRecord) and rec.fields:
        # the detail is a record of the detail type: its fields in declared order, defaults filled in
        fields = list(rec.fields.values())

        def make_record(f: list[Any]) -> BError:
            msg = msg_ev(f)
            cause = cause_ev(f) if cause_ev is not None else None
            given = {k: ev(f) for k, ev in named}
            values: dict[str, Any] = {}
            for fd in fields:
                if fd.name in given:
                    values[fd.name] = given.pop(fd.name)
                elif fd.default is not None:
                    values[fd.name] = fd.default()
            values.update(given)
            return BError(msg, cause, BMap(values, detail_t, ro=True), etype)

        return make_record

    def make(f: list[Any]) -> BError:
        msg = msg_ev(f)
        cause = cause_ev(f) if cause_ev is not None else None
        detail = BMap({k: ev(f) for k, ev in named}, detail_t, ro=True)
        return BError(msg, cause, detail, etype)

    return make


def _included_record(t: T.Type, named: list[tuple[str, Eval]]) -> Eval:
    """The argument for an included record parameter `*R r`, built from the call's named arguments."""
    r = T.resolve(t)
    defaults = (
        [(n, fd.default) for n, fd in r.fields.items() if fd.default is not None]
        if isinstance(r, T.TRecord)
        else []
    )

    def build(f: list[Any]) -> BMap:
        out = BMap(type=t)
        given = {n: ev(f) for n, ev in named}
        if isinstance(r, T.TRecord):
            for n in r.fields:
                if n in given:
                    out[n] = given.pop(n)
                else:
                    for dn, d in defaults:
                        if dn == n:
                            out[n] = d()
        out.update(given)
        return out

    return build


def _pick_record(expected: T.Type | None, e: ast.MappingExpr) -> T.Type | None:
    """Among several record types in a union, the one whose fields fit the constructor's keys."""
    if expected is None:
        return None
    r = T.resolve(expected)
    if not isinstance(r, T.TUnion):
        return None
    members = [m for m in r.members if isinstance(T.resolve(m), T.TRecord)]
    if len(members) < 2 or any(f.kind in ("spread", "computed") for f in e.fields):
        return None
    keys = {f.key for f in e.fields}
    for m in members:
        rec = T.resolve(m)
        assert isinstance(rec, T.TRecord)
        if rec.rest is None and not keys <= set(rec.fields):
            continue
        required = {n for n, f in rec.fields.items() if not f.optional and f.default is None}
        if required <= keys:
            return m
    return None


def _pick(expected: T.Type | None, kinds: tuple[type, ...], default_anydata: bool = False) -> T.Type | None:
    """The member of a (union) expected type a constructor should build."""
    if expected is None:
        return None
    candidates = []
    for m in T.member_types(expected):
        if isinstance(m, kinds):
            candidates.append(m)
    if len(candidates) >= 1:
        # keep the named (lazy) type so the value prints and tests by its name
        r = T.resolve(expected)
        if isinstance(expected, T.TLazy) and r is candidates[0]:
            return expected
        if isinstance(r, T.TUnion):
            for m in r.members:
                if T.resolve(m) is candidates[0]:
                    return m
        return candidates[0]
    for m in T.member_types(expected):
        if isinstance(m, T.TJson | T.TAnydata):
            return m
        if isinstance(m, T.TIntersection):
            inner = m.non_readonly()
            return _pick(inner, kinds, default_anydata)
        if isinstance(m, T.TReadonly | T.TAny):
            return T.ANYDATA
    return None


def _fits(t: T.Type, n: int) -> bool:
    r = T.resolve(t)
    if isinstance(r, T.TArray):
        return r.length is None or r.infer_length or n <= r.length
    if isinstance(r, T.TTuple):
        return n >= len(r.members) and (r.rest is not None or n == len(r.members))
    return True


def _fitting_list_member(expected: T.Type | None, picked: T.Type, n: int) -> T.Type:
    """`int[2]|int[] xs = [1, 7, 3]`: of the list types in a union, the first one a constructor of `n`
    members belongs to (the one picked first when none does, for the error it then gives)."""
    if _fits(picked, n) or expected is None:
        return picked
    r = T.resolve(expected)
    members = r.members if isinstance(r, T.TUnion) else []
    for m in members:
        if isinstance(T.resolve(m), T.TArray | T.TTuple) and _fits(m, n):
            return m
    return picked


def _fixed_members(t: T.Type | None) -> int:
    """How many members a list of type `t` must have (fixed-length arrays; a tuple's fixed members):
    a shorter list constructor is completed with filler values."""
    r = T.resolve(t) if t is not None else None
    if isinstance(r, T.TArray):
        return r.length or 0
    if isinstance(r, T.TTuple):
        return len(r.members)
    return 0


def _wants_readonly(expected: T.Type | None) -> bool:
    if expected is None:
        return False
    r = T.resolve(expected)
    return isinstance(r, T.TIntersection) and r.readonly or isinstance(r, T.TReadonly)
