"""Calls: arguments, static and dynamic function calls, library and langlib method calls,
remote calls (`start` and `wait` are in workers.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from balmail.compiler import constructors, expressions, queries
from balmail.lib.signatures import param_hints
from balmail.runtime import types as T
from balmail.runtime.errors import (
    runtime_panic,
)
from balmail.runtime.functions import MISSING, Eval, FunctionInfo, Param
from balmail.runtime.values import (
    BFunction,
    BList,
    BMap,
    BNative,
    BObject,
    BTypedesc,
)
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler

# ------------------------------------------------------------ calls


def evaluate_args(compiled: list[tuple[str, Any, Eval]], f: list[Any]) -> tuple[list[Any], dict[str, Any]]:
    """The positional and named argument values of `compile_args`' closures, in one frame `f` (a rest
    argument spreads a list's members, or a mapping's values)."""
    pos: list[Any] = []
    named: dict[str, Any] = {}
    for kind, name, ev in compiled:
        if kind == "pos":
            pos.append(ev(f))
        elif kind == "rest":
            v = ev(f)
            pos.extend(v.values() if isinstance(v, BMap) else v)
        else:
            named[name] = ev(f)
    return pos, named


def compile_args(
    cx: Compiler, args: tuple[Any, ...], params: list[Param] | None
) -> tuple[list[tuple[str, Any, Eval]], bool]:
    """Each argument as (kind, name, closure); kind is pos, named or rest. Positional arguments get the
    matching parameter's type as expected type."""
    out: list[tuple[str, Any, Eval]] = []
    pos = 0
    has_rest = False
    for a in args:
        if isinstance(a, ast.NamedArg):
            pt = None
            if params:
                for p in params:
                    if p.name == a.name:
                        pt = p.type
            out.append(("named", a.name, expressions.expr(cx, a.value, pt)))
        elif isinstance(a, ast.RestArg):
            has_rest = True
            out.append(("rest", None, expressions.expr(cx, a.value)))
        else:
            pt = None
            if params:
                if pos < len(params) and not params[pos].rest:
                    pt = params[pos].type
                elif params[-1].rest:
                    pt = params[-1].type
            out.append(("pos", None, expressions.expr(cx, a, pt)))
            pos += 1
    return out, has_rest


def static_call(
    cx: Compiler, info: FunctionInfo, args: tuple[Any, ...], span: Any, env_ev: Eval | None
) -> Eval:
    """A call whose callee is known at compile time: arguments arranged once, here."""
    compiled, has_rest = compile_args(cx, args, info.params)
    if has_rest or not info.params and compiled:
        return dynamic_args_call(cx, lambda f: BFunction(info, env_ev(f) if env_ev else None), compiled)
    params = info.params
    n_fixed = len(params) - (1 if params and params[-1].rest else 0)
    slots: list[Eval | None] = [None] * n_fixed
    extra: list[Eval] = []
    included_named: dict[int, list[tuple[str, Eval]]] = {}
    named_types = {a.name: expressions.static_type(cx, a.value) for a in args if isinstance(a, ast.NamedArg)}
    pos = 0
    for kind, name, ev in compiled:
        if kind == "pos":
            if pos < n_fixed:
                slots[pos] = ev
            else:
                extra.append(ev)
            pos += 1
        else:
            for i, p in enumerate(params[:n_fixed]):
                if p.name == name:
                    slots[i] = ev
                    break
            else:
                incl = [i for i, p in enumerate(params[:n_fixed]) if p.included]
                if not incl:
                    from balmail.compiler.core import CompileError

                    raise CompileError(f"undefined defaultable parameter '{name}'", span)
                arg_type = named_types.get(name)
                included_named.setdefault(_included_for(params, incl, name, arg_type), []).append((name, ev))
    for i, p in enumerate(params[:n_fixed]):
        if p.included and slots[i] is None:
            slots[i] = constructors._included_record(p.type, included_named.get(i, []))
    argevs: list[Eval] = []
    for i, ev in enumerate(slots):
        if ev is None:
            if not params[i].has_default and not info.name.startswith("$"):
                from balmail.compiler.core import CompileError

                raise CompileError(f"missing required parameter '{params[i].name}'", span)
            argevs.append(_missing)
        else:
            argevs.append(ev)
    if params and params[-1].rest:
        rt = T.TArray(params[-1].type)
        ex = list(extra)
        argevs.append(lambda f: BList([e(f) for e in ex], rt))
    elif extra:
        from balmail.compiler.core import CompileError

        raise CompileError(f"too many arguments in call to '{info.name}()'", span)
    env = env_ev
    n = len(argevs)
    if env is None:
        if n == 0:
            return lambda f: info.invoke(None, [])
        if n == 1:
            a0 = argevs[0]
            return lambda f: info.invoke(None, [a0(f)])
        if n == 2:
            a0, a1 = argevs
            return lambda f: info.invoke(None, [a0(f), a1(f)])
        return lambda f: info.invoke(None, [a(f) for a in argevs])
    return lambda f: info.invoke(env(f), [a(f) for a in argevs])


def dynamic_args_call(cx: Compiler, callee: Eval, compiled: list[tuple[str, Any, Eval]]) -> Eval:
    def call(f: list[Any]) -> Any:
        fn = callee(f)
        pos: list[Any] = []
        named: dict[str, Any] | None = None
        for kind, name, ev in compiled:
            if kind == "pos":
                pos.append(ev(f))
            elif kind == "rest":
                v = ev(f)
                pos.extend(v.values() if isinstance(v, BMap) else v)
            else:
                if named is None:
                    named = {}
                named[name] = ev(f)
        if isinstance(fn, BFunction | BNative):
            return fn.call(pos, named)
        if fn is None:
            raise runtime_panic("NullReferenceException", "cannot call nil")
        raise runtime_panic("TypeCastError", "value is not a function")

    return call


def expr_Call(cx: Compiler, e: ast.Call, expected: T.Type | None) -> Eval:
    fn = e.func
    if isinstance(fn, ast.VarRef):
        if cx.scope.lookup(fn.name, decl=cx.record.refs.get(fn)) is None:
            entry = cx.names.get(fn.name)
            if entry is not None and entry.kind == "func":
                return static_call(cx, entry.value, e.args, e.span, None)
            if entry is None:
                builtin = queries.query_builtin(cx, fn.name, e, expected)
                if builtin is not None:
                    return builtin
        compiled, _ = compile_args(cx, e.args, value_params(cx, fn))
        return dynamic_args_call(cx, expressions.expr(cx, fn), compiled)
    if isinstance(fn, ast.QualifiedRef):
        lib = expressions.lib_for(cx, fn.prefix, fn.span)
        native = lib.functions.get(fn.name)
        if native is None:
            from balmail.compiler.core import CompileError

            raise CompileError(f"undefined function '{fn.prefix}:{fn.name}'", fn.span)
        hint = param_hints(lib.name, fn.name)  # declared parameter types: `20.5` as a decimal ...
        if hint is None and lib.arg_type is not None:
            hint = _numeric_module_hint(lib.arg_type, fn.name)
        compiled, _ = compile_args(cx, e.args, hint)
        return native_call(cx, native, compiled, e, expected)
    compiled, _ = compile_args(cx, e.args, value_params(cx, fn))
    return dynamic_args_call(cx, expressions.expr(cx, fn), compiled)


def value_params(cx: Compiler, callee: ast.Expr) -> list[Param] | None:
    """The parameters of the function type a called function value statically has: its arguments are
    typed by them (spec, "Function call expression": `f(1)` passes `1.0` to a `float` parameter)."""
    t = expressions.static_type(cx, callee)
    ft = T.resolve(t) if t is not None else None
    if not isinstance(ft, T.TFunction) or ft.params is None:
        return None
    params = [Param(f"${i}", pt, None, False) for i, pt in enumerate(ft.params)]
    if ft.rest is not None:
        params.append(Param("$rest", ft.rest, None, True))
    return params


def native_call(
    cx: Compiler, native: Any, compiled: list[tuple[str, Any, Eval]], e: Any, expected: T.Type | None
) -> Eval:
    wants_type = getattr(native, "wants_expected_type", False)
    if wants_type and expected is not None:
        td = BTypedesc(_strip_error(expected))
        n_pos = sum(1 for k, _, _ in compiled if k == "pos")
        if n_pos < native.wants_expected_type:
            compiled = [*compiled, ("pos", None, lambda f: td)]
    if all(k == "pos" for k, _, _ in compiled):
        evs = [ev for _, _, ev in compiled]
        n = len(evs)
        if n == 1:
            a0 = evs[0]
            return lambda f: native(a0(f))
        if n == 2:
            a0, a1 = evs
            return lambda f: native(a0(f), a1(f))
        return lambda f: native(*[ev(f) for ev in evs])

    def call(f: list[Any]) -> Any:
        pos, named = evaluate_args(compiled, f)
        return native(*pos, **named)

    return call


def expr_MethodCall(cx: Compiler, e: ast.MethodCall, expected: T.Type | None) -> Eval:
    name = e.name
    target_t = expressions.static_type(cx, e.target)
    rt = T.resolve(target_t) if target_t is not None else None
    if isinstance(rt, T.TObject) and rt.cls is not None and name in rt.cls.methods:
        info = rt.cls.methods[name]
        compiled, has_rest = compile_args(cx, e.args, info.params)
    else:
        compiled, has_rest = compile_args(cx, e.args, numeric_method_hint(rt, name))
    target = expressions.expr(cx, e.target)
    from balmail.lib.langlib import method_for

    wants = name in ("ensureType", "cloneWithType", "fromJsonWithType", "fromJsonStringWithType")
    if wants and expected is not None and not any(k == "pos" for k, _, _ in compiled):
        td = BTypedesc(_strip_error(expected))
        compiled = [*compiled, ("pos", None, lambda f: td)]
    compiled = _infer_target_type(cx, rt, name, compiled, expected)
    all_pos = all(k == "pos" for k, _, _ in compiled)
    evs = [ev for _, _, ev in compiled]
    sb = cx.sb

    def method_call(f: list[Any]) -> Any:
        v = target(f)
        if all_pos:
            pos = [ev(f) for ev in evs]
            named = None
        else:
            pos, named = evaluate_args(compiled, f)
        if isinstance(v, BObject):
            m = v.cls.methods.get(name) or (v.cls.init if name == "init" else None)  # `self.init()`
            if m is not None:
                return m.invoke(v.env, [v, *m.bind(pos, named)])
            fv = v.fields.get(name)
            if isinstance(fv, BFunction | BNative):
                return fv.call(pos, named)
            lib_method = (
                getattr(v.cls, "native_methods", {}).get(name) if hasattr(v.cls, "native_methods") else None
            )
            if lib_method is not None:
                return lib_method(v, *pos, **(named or {}))
            value_method = method_for(v, name, sb)  # lang.value: `ensureType`, `toString` ...
            if value_method is not None:
                return value_method(v, *pos, **(named or {}))
            raise runtime_panic("MethodNotFound", f"no method '{name}' on object")
        if isinstance(v, BMap):
            fv = v.get(name)  # calling through a function-typed record field
            if isinstance(fv, BFunction | BNative):
                return fv.call(pos, named)
        fn = method_for(v, name, sb)
        if fn is None:
            raise runtime_panic(
                "MethodNotFound", f"no method '{name}' on value of type '{T.value_type_name(v)}'"
            )
        if next(sb.stick, 1):
            sb.stepped()
        if named:
            return fn(v, *pos, **named)
        return fn(v, *pos)

    return method_call


_INT_ARGS = {"fromBitsInt": 0, "round": 1, "toFixedString": 1, "toExpString": 1}


def _numeric_module_hint(kind: T.Type, name: str) -> list[Param]:
    """`float:f(...)`'s numeric literal arguments are floats (decimals for lang.decimal), except
    where the function's parameter is an int (`fromBitsInt(4)`, `round(x, 2)`'s fraction digits)."""
    at = _INT_ARGS.get(name)
    if at is None:
        return [Param("_", kind, None, True)]
    return [Param("_", kind, None, False)] * at + [Param("_", T.TUnion([T.INT, T.NIL]), None, False)]


_SAME_TYPE_ARGS = frozenset({"sum", "max", "min", "avg", "pow", "atan2", "quantize"})


def numeric_method_hint(rt: T.Type | None, name: str) -> list[Param] | None:
    """`x.sum(1, 2.3)` on a float (or a finite type of floats) takes its arguments as floats, as the
    lang.float parameters are typed; likewise for decimal."""
    if rt is None or name not in _SAME_TYPE_ARGS:
        return None
    for kind in (T.FLOAT, T.DECIMAL):
        if T.is_subtype(rt, kind):
            return [Param("_", kind, None, True)]
    return None


def _infer_target_type(
    cx: Compiler, rt: T.Type | None, name: str, compiled: list[Any], expected: T.Type | None
) -> list[Any]:
    """A library method that binds its result to a type (`http:Client->get`) takes it from the
    variable being assigned when `targetType` is not written, as Ballerina infers it."""
    methods = getattr(getattr(rt, "cls", None), "native_methods", None) or {}
    native = methods.get(name)
    wanted = getattr(native, "wants_expected_type", 0)
    if not wanted or expected is None:
        return compiled
    positional = sum(1 for kind, _, _ in compiled if kind == "pos")
    given = any(kind == "named" and nm == "targetType" for kind, nm, _ in compiled)
    if positional >= wanted or given:
        return compiled
    td = BTypedesc(_strip_error(expected))
    return [*compiled, ("named", "targetType", lambda f: td)]


def expr_RemoteCall(cx: Compiler, e: ast.RemoteCall, expected: T.Type | None) -> Eval:
    return expr_MethodCall(
        cx,
        ast.MethodCall(span=e.span, target=e.target, name=e.name, args=e.args, name_span=e.name_span),
        expected,
    )


def _missing(f: list[Any]) -> Any:
    return MISSING


def _strip_error(t: T.Type) -> T.Type:
    r = T.resolve(t)
    if isinstance(r, T.TUnion):
        rest = [m for m in r.members if not isinstance(T.resolve(m), T.TError)]
        if len(rest) == 1:
            return rest[0]
        return T.TUnion(rest)
    return t


def _included_for(params: list[Any], incl: list[int], name: str, arg_type: T.Type | None) -> int:
    """Which included record parameter (`*R r`) a named argument that is no parameter's name belongs to:
    the one whose record declares that field (a `never` field declares it absent), else an open one whose
    rest type takes the argument's static type, else the first open one."""
    records = [(i, r) for i in incl if isinstance(r := T.resolve(params[i].type), T.TRecord)]
    for i, r in records:
        f = r.fields.get(name)
        if f is not None and not isinstance(T.resolve(f.type), T.TNever):
            return i
    open_ones = [(i, r) for i, r in records if r.rest is not None and name not in r.fields]
    if arg_type is not None:
        for i, r in open_ones:
            if T.is_subtype(arg_type, r.rest):
                return i
    return open_ones[0][0] if open_ones else incl[0]
