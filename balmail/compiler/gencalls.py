"""Generated source for calls: of module functions (straight to a function's direct entry when it has one),
of function values, and of methods (langlib functions chosen at compile time where the receiver's static
type fixes its basic type; `push` and `slice` of arrays inline). Split from codegen.py, whose `code` and
`Gen` these use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from balmail.compiler import codegen, expressions
from balmail.runtime import types as T
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler


def code_Call(cx: Compiler, e: ast.Call, expected: T.Type | None, g: codegen.Gen) -> str | None:
    fn = e.func
    if not isinstance(fn, ast.VarRef):
        return None
    if cx.scope.lookup(fn.name, quiet=True, decl=cx.record.refs.get(fn)) is not None:
        return _value_call(cx, e, g)
    entry = cx.names.get(fn.name)
    if entry is None:
        return None
    if entry.kind != "func":
        return _value_call(cx, e, g)
    info = entry.value
    params = info.params
    if any(not isinstance(a, ast.Expr) or isinstance(a, ast.Spread) for a in e.args):
        return None
    if len(e.args) != len(params) or any(p.rest for p in params):
        return None
    args = [codegen.code(cx, a, p.type, g) for a, p in zip(e.args, params, strict=True)]
    if info.simple and not info.is_method:
        return f"{codegen.direct_name(cx, info, g)}({', '.join(['None', *args])})"
    return f"{g.const(info)}.invoke(None, [{', '.join(args)}])"


def _value_call(cx: Compiler, e: ast.Call, g: codegen.Gen) -> str | None:
    """`f(a, b)` of a local statically of a function type, positional arguments only: the value's own
    `__call__` (`BFunction.__call__` goes straight to the generated `direct` entry when the arity fits,
    else binds like any call), evaluated callee first, then the arguments in order."""
    from balmail.compiler.calls import value_params

    if not isinstance(e.func, ast.VarRef):
        return None
    if any(not isinstance(a, ast.Expr) or isinstance(a, ast.Spread) for a in e.args):
        return None
    params = value_params(cx, e.func)
    callee = codegen.code(cx, e.func, None, g)
    args = []
    for i, a in enumerate(e.args):
        p = None
        if params:
            p = params[i] if i < len(params) else params[-1] if params[-1].rest else None
        args.append(codegen.code(cx, a, p.type if p is not None else None, g))
    if params is None:  # not statically a function type: tested when called, as calls.dynamic_args_call
        return f"_vcall({', '.join([callee, *args])})"
    return f"{callee}({', '.join(args)})"


def code_MethodCall(cx: Compiler, e: ast.MethodCall, expected: T.Type | None, g: codegen.Gen) -> str | None:
    if any(not isinstance(a, ast.Expr) or isinstance(a, ast.Spread) for a in e.args):
        return None
    if e.name in ("ensureType", "cloneWithType", "fromJsonWithType", "fromJsonStringWithType"):
        return None
    target_t = expressions.static_type(cx, e.target)
    rt = T.resolve(target_t) if target_t is not None else None
    if not e.args and isinstance(rt, T.TInt) and e.name == "toString":
        out = f"str({codegen.code(cx, e.target, None, g)})"
        g.int_strings.add(out)
        return out
    if not e.args and isinstance(rt, T.TString | T.TArray | T.TMap) and e.name == "length":
        out = f"len({codegen.code(cx, e.target, None, g)})"
        g.nonneg.add(out)
        return out
    if isinstance(rt, T.TArray) and e.name == "push" and len(e.args) == 1 and isinstance(e.args[0], ast.Expr):
        target = codegen.code(cx, e.target, None, g)
        value = codegen.code(cx, e.args[0], rt.element, g)
        if codegen.is_simple(target, g) and codegen.is_simple(value, g):
            arg = e.args[0]
            kinds = codegen.simple_kinds(cx, arg)
            return codegen.push_inline(
                target, value, g, codegen.structured(cx, arg), kinds, codegen.function_valued(cx, arg)
            )
        return f"_push1(_sb, {target}, {value})"
    if isinstance(rt, T.TArray) and e.name == "slice" and 1 <= len(e.args) <= 2:
        return _slice_inline(cx, e, g)
    from balmail.compiler.calls import numeric_method_hint

    hint = numeric_method_hint(rt, e.name)
    arg_t = hint[0].type if hint else None
    kind = _STATIC_KINDS.get(type(rt))
    if kind is not None and not any(isinstance(a, ast.Spread) for a in e.args):
        from balmail.lib.langlib import method_of_kind

        fn = method_of_kind(kind, e.name, cx.sb)
        if fn is not None:
            # the receiver's basic type is fixed by its static type: the langlib function is known now
            args = [codegen.code(cx, e.target, None, g), *(codegen.code(cx, a, arg_t, g) for a in e.args)]
            return f"{g.const(fn)}({', '.join(args)})"
    params = None
    if isinstance(rt, T.TObject) and rt.cls is not None and e.name in rt.cls.methods:
        params = rt.cls.methods[e.name].params
    target = codegen.code(cx, e.target, None, g)
    args = []
    for i, a in enumerate(e.args):
        pt = params[i].type if params is not None and i < len(params) and not params[i].rest else arg_t
        args.append(codegen.code(cx, a, pt, g))
    dispatch = g.const(codegen.method_dispatcher(e.name, cx.sb))
    return f"{dispatch}({', '.join([target, *args])})"


def _slice_inline(cx: Compiler, e: ast.MethodCall, g: codegen.Gen) -> str:
    """`xs.slice(a[, b])` on an array: receiver and arguments evaluated once, in order (`&` does not
    short-circuit), then the slice of a growable array within bounds made inline; anything else (a
    fixed-length array, bounds out of range) goes to `array:slice`."""
    from balmail.lib.langlib import method_of_kind

    fn = g.const(method_of_kind("array", "slice", cx.sb))
    x, tt, a, b = g.tmp(), g.tmp(), g.tmp(), g.tmp()
    xs = codegen.code(cx, e.target, None, g)
    start = codegen.code(cx, e.args[0], T.INT, g)
    end = codegen.code(cx, e.args[1], T.INT, g) if len(e.args) == 2 else f"len({x})"
    return (
        f"(BList({x}[{a}:{b}], {tt}) if (type({tt} := ({x} := {xs}).type) is _TArray)"
        f" & (0 <= ({a} := {start})) & (({b} := {end}) <= len({x}))"
        f" and {a} <= {b} and {tt}.length is None else {fn}({x}, {a}, {b}))"
    )


_STATIC_KINDS = {T.TString: "string", T.TArray: "array", T.TTuple: "array", T.TInt: "int", T.TFloat: "float"}
