"""Binding patterns (declarations, destructuring, foreach, on fail) and match patterns, compiled to
closures: a binder `(frame, value) -> None` and a matcher `(frame, value) -> bool` that binds on success."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from balmail.compiler import expressions, typedesc
from balmail.runtime import ops
from balmail.runtime import types as T
from balmail.runtime.errors import runtime_panic
from balmail.runtime.values import BError, BList, BMap
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler

Binder = Any
Matcher = Any


def binding(
    cx: Compiler, b: ast.BindingPattern, t: T.Type | None, assign: bool = False, owner: ast.Node | None = None
) -> Binder:
    """`owner`: for a pattern's `...rest` (made a capture here), the pattern the resolve record keys it by."""
    if isinstance(b, ast.CaptureBinding):
        key = b if owner is None else owner
        if assign:
            return _assigner(cx, b, key)
        slot = cx.scope.declare(b.name, t, decl=cx.record.decls.get(key))

        def bind(f: list[Any], v: Any) -> None:
            f[slot] = v

        return bind
    if isinstance(b, ast.WildcardBinding):
        return lambda f, v: None
    if isinstance(b, ast.ListBinding):
        items = [binding(cx, item, T.element_type(t, i), assign) for i, item in enumerate(b.items)]
        rest = _rest(cx, b, assign)
        n = len(items)

        def bind_list(f: list[Any], v: Any) -> None:
            if not isinstance(v, BList) or len(v) < n:
                raise runtime_panic("TypeCastError", "value does not match the list binding pattern")
            for binder, x in zip(items, v, strict=False):
                binder(f, x)
            if rest is not None:
                rest(f, BList(v[n:]))

        return bind_list
    if isinstance(b, ast.MappingBinding):
        rt = T.resolve(t) if t is not None else None
        fields = []
        for fb in b.fields:
            ft = (
                rt.field_type(fb.field)
                if isinstance(rt, T.TRecord)
                else (rt.constraint if isinstance(rt, T.TMap) else None)
            )
            fields.append((fb.field, binding(cx, fb.binding, ft, assign)))
        names = {n for n, _ in fields}
        rest = _rest(cx, b, assign)

        def bind_map(f: list[Any], v: Any) -> None:
            if not isinstance(v, BMap):
                raise runtime_panic("TypeCastError", "value does not match the mapping binding pattern")
            for name, binder in fields:
                binder(f, v.get(name))
            if rest is not None:
                rest(f, BMap({k: x for k, x in v.items() if k not in names}))

        return bind_map
    if isinstance(b, ast.ErrorBinding):
        pos = [binding(cx, p, None, assign) for p in b.positional]
        named = [(n, binding(cx, p, None, assign)) for n, p in b.named]
        taken = {n for n, _ in b.named}
        rest = _rest(cx, b, assign)

        def bind_error(f: list[Any], v: Any) -> None:
            if not isinstance(v, BError):
                raise runtime_panic("TypeCastError", "value does not match the error binding pattern")
            if pos:
                pos[0](f, v.message)
            if len(pos) > 1:
                pos[1](f, v.cause)
            for n, binder in named:
                binder(f, v.detail.get(n))
            if rest is not None:
                rest(f, _rest_detail(v, taken))

        return bind_error
    raise runtime_panic("TypeCastError", f"unsupported binding pattern {type(b).__name__}")


def _rest(cx: Compiler, b: ast.ListBinding | ast.MappingBinding | ast.ErrorBinding, assign: bool) -> Binder:
    """The binder of a binding pattern's `...rest` name, if it has one."""
    if not b.rest:
        return None
    return binding(cx, ast.CaptureBinding(span=b.span, name=b.rest), None, assign, owner=b)


def _assigner(cx: Compiler, b: ast.CaptureBinding, key: ast.Node) -> Binder:
    """A destructuring assignment's store into an existing variable: a local (of this frame or an
    enclosing one) or a module variable. `key` is the node the resolve record keys the use by."""
    found = cx.scope.lookup(b.name, decl=cx.record.refs.get(key))
    if found is not None:
        depth, slot, _ = found

        def set_local(f: list[Any], v: Any) -> None:
            for _ in range(depth):
                f = f[0]
            f[slot] = v

        return set_local
    entry = cx.names.get(b.name)
    if entry is None or entry.kind != "var":
        from balmail.compiler.core import CompileError

        raise CompileError(f"cannot assign to '{b.name}'", b.span)
    storage, gslot = cx.G, entry.value

    def set_module(f: list[Any], v: Any) -> None:
        storage[gslot] = v

    return set_module


def pattern(cx: Compiler, p: ast.Pattern, t: T.Type | None) -> Matcher:
    if isinstance(p, ast.WildcardPattern):
        return lambda f, v: not isinstance(v, BError)
    if isinstance(p, ast.ConstPattern):
        ev = expressions.expr(cx, p.expr, t)
        eq = ops.deep_equals
        return lambda f, v: eq(v, ev(f))
    if isinstance(p, ast.VarPattern):
        binder = binding(cx, p.binding, t)
        if isinstance(p.binding, ast.CaptureBinding):

            def capture(f: list[Any], v: Any) -> bool:
                binder(f, v)
                return True

            return capture
        check = binding_matcher(cx, p.binding)

        def destructure(f: list[Any], v: Any) -> bool:
            if not check(v):
                return False
            binder(f, v)
            return True

        return destructure
    if isinstance(p, ast.ListPattern):
        items = [pattern(cx, item, T.element_type(t, i)) for i, item in enumerate(p.items)]
        rest_slot = cx.scope.declare(p.rest, decl=cx.record.decls.get(p)) if p.rest else None
        n = len(items)

        def match_list(f: list[Any], v: Any) -> bool:
            if not isinstance(v, BList):
                return False
            if len(v) < n or (rest_slot is None and len(v) != n):
                return False
            for m, x in zip(items, v, strict=False):
                if not m(f, x):
                    return False
            if rest_slot is not None:
                f[rest_slot] = BList(v[n:])
            return True

        return match_list
    if isinstance(p, ast.MappingPattern):
        fields = [(fp.field, pattern(cx, fp.pattern, None)) for fp in p.fields]
        names = {n for n, _ in fields}
        rest_slot = cx.scope.declare(p.rest, decl=cx.record.decls.get(p)) if p.rest else None

        def match_map(f: list[Any], v: Any) -> bool:
            if not isinstance(v, BMap):
                return False
            for name, m in fields:
                if name not in v or not m(f, v[name]):
                    return False
            if rest_slot is not None:
                f[rest_slot] = BMap({k: x for k, x in v.items() if k not in names})
            return True

        return match_map
    if isinstance(p, ast.ErrorPattern):
        et = typedesc.resolve_type(cx, p.type) if p.type is not None else T.ERROR
        pos = [pattern(cx, x, None) for x in p.positional]
        named = [(n, pattern(cx, x, None)) for n, x in p.named]
        taken = {n for n, _ in p.named}
        rest_slot = cx.scope.declare(p.rest, decl=cx.record.decls.get(p)) if p.rest else None

        def match_error(f: list[Any], v: Any) -> bool:
            if not isinstance(v, BError) or not et.contains(v):
                return False
            if pos and not pos[0](f, v.message):
                return False
            if len(pos) > 1 and not pos[1](f, v.cause):
                return False
            for n, m in named:
                if n not in v.detail or not m(f, v.detail[n]):
                    return False
            if rest_slot is not None:
                f[rest_slot] = _rest_detail(v, taken)
            return True

        return match_error
    raise runtime_panic("TypeCastError", f"unsupported match pattern {type(p).__name__}")


def binding_matcher(cx: Compiler, b: ast.BindingPattern) -> Any:
    """Whether a value has the shape a `var` binding pattern needs, inside `match`."""
    if isinstance(b, ast.CaptureBinding | ast.WildcardBinding):
        return lambda v: True
    if isinstance(b, ast.ListBinding):
        items = [binding_matcher(cx, i) for i in b.items]
        n = len(items)
        rest = b.rest is not None
        return lambda v: (
            isinstance(v, BList)
            and (len(v) == n or (rest and len(v) >= n))
            and all(m(x) for m, x in zip(items, v, strict=False))
        )
    if isinstance(b, ast.MappingBinding):
        fields = [(fb.field, binding_matcher(cx, fb.binding)) for fb in b.fields]
        return lambda v: isinstance(v, BMap) and all(n in v and m(v[n]) for n, m in fields)
    if isinstance(b, ast.ErrorBinding):
        et = typedesc.resolve_type(cx, b.type) if b.type is not None else T.ERROR
        cause = binding_matcher(cx, b.positional[1]) if len(b.positional) > 1 else None
        named = [(n, binding_matcher(cx, x)) for n, x in b.named]
        return lambda v: (
            isinstance(v, BError)
            and et.contains(v)
            and (cause is None or cause(v.cause))
            and all(n in v.detail and m(v.detail[n]) for n, m in named)
        )
    return lambda v: False


def _rest_detail(e: BError, taken: set[str]) -> BMap:
    """The detail fields an error binding pattern did not name, as a new map (`...rest`)."""
    return BMap({k: x for k, x in e.detail.items() if k not in taken})
