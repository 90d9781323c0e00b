"""Expressions → closures `ev(frame) -> value`. Contextual typing (the expected type) flows down so numeric
literals take their context's type (`float x = 1;`) and list/mapping constructors get inherent types and
record defaults. Arithmetic has inline fast paths for int with the overflow check."""

from __future__ import annotations

import decimal
import re
from typing import TYPE_CHECKING, Any

from balmail.runtime import ops
from balmail.runtime import types as T
from balmail.runtime.errors import (
    BallerinaPanic,
    FailSignal,
    index_out_of_range,
    key_not_found,
    runtime_panic,
)
from balmail.runtime.functions import MISSING, ClassInfo, Eval, FunctionInfo, Param
from balmail.runtime.values import (
    INT_MAX,
    INT_MIN,
    BError,
    BFunction,
    BList,
    BMap,
    BNative,
    BObject,
    BTypedesc,
    to_string,
)
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.lang.compile import Compiler

D = decimal.Decimal
_METHOD_RESULT: dict[str, T.Type] = {
    "toString": T.STRING,
    "toBalString": T.STRING,
    "toJsonString": T.STRING,
    "toUpperAscii": T.STRING,
    "toLowerAscii": T.STRING,
    "trim": T.STRING,
    "substring": T.STRING,
    "padStart": T.STRING,
    "padEnd": T.STRING,
    "length": T.INT,
}
_PURE_CALL = re.compile(r"_k\d+\(f\)")
_INLINE_ROOTS = (
    ast.Binary,
    ast.Unary,
    ast.Conditional,
    ast.Elvis,
    ast.IsExpr,
    ast.Cast,
    ast.CheckExpr,
    ast.Template,
    ast.FieldAccess,
    ast.MemberAccess,
    ast.Call,
)


def _ovf() -> BallerinaPanic:
    from balmail.runtime.errors import overflow

    return overflow()


class ExprCompiler:
    """Mixin of `Compiler`: expressions and static types."""

    def expr(self: Compiler, e: ast.Expr, expected: T.Type | None = None) -> Eval:
        """The closure for an expression: generated as one lambda where possible (see codegen.py)."""
        if not isinstance(e, _INLINE_ROOTS):
            return self.expr_closure(e, expected)
        from balmail.lang.codegen import Gen

        g = Gen(self.sb)
        saved, self.quiet_ok = self.quiet_ok, False
        try:
            code = self.code(e, expected, g)
        finally:
            self.quiet_ok = saved
        if g.calls == 1 and _PURE_CALL.fullmatch(code):
            return g.last_closure
        return g.lambda_(code)

    def expr_closure(self: Compiler, e: ast.Expr, expected: T.Type | None = None) -> Eval:
        method = getattr(self, "expr_" + type(e).__name__, None)
        if method is None:
            from balmail.lang.compile import CompileError

            raise CompileError(f"expression not supported: {type(e).__name__}", e.span)
        return method(e, expected)

    # ------------------------------------------------------------ static types (light inference)

    def static_type(self: Compiler, e: ast.Expr | None) -> T.Type | None:
        if e is None:
            return None
        if isinstance(e, ast.Literal):
            return {
                "int": T.INT,
                "float": T.FLOAT,
                "decimal": T.DECIMAL,
                "string": T.STRING,
                "boolean": T.BOOLEAN,
                "nil": T.NIL,
            }.get(e.kind)
        if isinstance(e, ast.VarRef):
            found = self.scope.lookup(e.name, quiet=True)
            if found is not None:
                return found[2]
            entry = self.names.get(e.name)
            if entry is not None and entry.kind in ("var", "const"):
                return entry.type
            return None
        if isinstance(e, ast.FieldAccess):
            base = self.static_type(e.target)
            if base is None:
                return None
            base = T.resolve(base)
            if isinstance(base, T.TRecord):
                return base.field_type(e.name)
            if isinstance(base, T.TObject) and base.cls is not None:
                return base.cls.field_types.get(e.name)
            if isinstance(base, T.TMap):
                return base.constraint
            return None
        if isinstance(e, ast.MemberAccess):
            base = self.static_type(e.target)
            if base is None:
                return None
            base = T.resolve(base)
            if isinstance(base, T.TArray):
                return base.element
            if isinstance(base, T.TTuple):
                if isinstance(e.index, ast.Literal) and isinstance(e.index.value, int):
                    return base.member_type(e.index.value)
                return None
            if isinstance(base, T.TMap):
                return base.constraint
            if isinstance(base, T.TRecord) and isinstance(e.index, ast.Literal):
                return base.field_type(str(e.index.value))
            if isinstance(base, T.TString):
                return T.STRING
            return None
        if isinstance(e, ast.Call) and isinstance(e.func, ast.VarRef):
            if self.scope.lookup(e.func.name, quiet=True) is None:
                entry = self.names.get(e.func.name)
                if entry is not None and entry.kind == "func":
                    return entry.value.ret_type
            return None
        if isinstance(e, ast.Binary):
            if e.op in ("+", "-", "*", "/", "%"):
                return self.static_type(e.left) or self.static_type(e.right)
            if e.op in ("==", "!=", "<", ">", "<=", ">=", "&&", "||", "===", "!=="):
                return T.BOOLEAN
            return None
        if isinstance(e, ast.Unary):
            return T.BOOLEAN if e.op == "!" else self.static_type(e.operand)
        if isinstance(e, ast.Cast) and e.type is not None:
            return self.resolve_type(e.type)
        if isinstance(e, ast.Template):
            return T.REGEXP if e.kind == "re" else T.STRING
        if isinstance(e, ast.CheckExpr):
            inner = self.static_type(e.expr)
            if inner is None:
                return None
            r = T.resolve(inner)
            if isinstance(r, T.TUnion):
                rest = [m for m in r.members if not isinstance(T.resolve(m), T.TError)]
                return rest[0] if len(rest) == 1 else T.TUnion(rest)
            return inner
        if isinstance(e, ast.Conditional):
            return self.static_type(e.then)
        if isinstance(e, ast.NewExpr) and isinstance(e.type, ast.TypeRef):
            try:
                return self.resolve_type(e.type)
            except Exception:  # noqa: BLE001 - inference is best effort
                return None
        if isinstance(e, ast.IsExpr):
            return T.BOOLEAN
        if isinstance(e, ast.MethodCall):
            # langlib results only: a class's own method of the same name may return anything
            target = self.static_type(e.target)
            langlib_value = (
                T.TString,
                T.TArray,
                T.TMap,
                T.TInt,
                T.TFloat,
                T.TDecimal,
                T.TBoolean,
                T.TRecord,
                T.TTuple,
            )
            if target is not None and isinstance(T.resolve(target), langlib_value):
                return _METHOD_RESULT.get(e.name)
            return None
        return None

    # ------------------------------------------------------------ literals and names

    def literal_value(self: Compiler, e: ast.Literal, expected: T.Type | None) -> Any:
        kind = e.kind
        v = e.value
        if kind == "int":
            want = _numeric_want(expected)
            if want == "float":
                return float(v)
            if want == "decimal":
                return D(v)
            return v
        if kind == "float":
            want = _numeric_want(expected)
            text = str(v)
            if want == "decimal":
                return D(text)
            return float(text)
        if kind == "decimal":
            return D(str(v))
        if kind == "nil":
            return None
        return v

    def expr_Literal(self: Compiler, e: ast.Literal, expected: T.Type | None) -> Eval:
        v = self.literal_value(e, expected)
        if e.kind == "int" and type(v) is int and not INT_MIN <= v <= INT_MAX:
            from balmail.lang.compile import CompileError

            raise CompileError("integer literal out of range", e.span)
        return lambda f: v

    def expr_VarRef(self: Compiler, e: ast.VarRef, expected: T.Type | None) -> Eval:
        found = self.scope.lookup(e.name)
        if found is not None:
            depth, slot, _ = found
            if depth == 0:
                return lambda f: f[slot]
            if depth == 1:
                return lambda f: f[0][slot]
            if depth == 2:
                return lambda f: f[0][0][slot]

            def deep(f: list[Any]) -> Any:
                for _ in range(depth):
                    f = f[0]
                return f[slot]

            return deep
        entry = self.names.get(e.name)
        if entry is None:
            from balmail.lang.compile import CompileError

            raise CompileError(f"undefined symbol '{e.name}'", e.span)
        if entry.kind in ("var", "const"):
            G = self.G
            gslot = entry.value
            return lambda f: G[gslot]
        if entry.kind == "func":
            fn = BFunction(entry.value, None)
            return lambda f: fn
        if entry.kind == "type":
            td = BTypedesc(entry.value)
            return lambda f: td
        if entry.kind == "class":
            td = BTypedesc(entry.value.type)
            return lambda f: td
        from balmail.lang.compile import CompileError

        raise CompileError(f"cannot use '{e.name}' as a value", e.span)

    def expr_TypeExpr(self: Compiler, e: ast.TypeExpr, expected: T.Type | None) -> Eval:
        """A built-in type written as a value (`v.ensureType(int)`) is its typedesc."""
        td = BTypedesc(self.resolve_type(e.type))
        return lambda f: td

    def expr_QualifiedRef(self: Compiler, e: ast.QualifiedRef, expected: T.Type | None) -> Eval:
        lib = self.lib_for(e.prefix, e.span)
        slot = lib.slots.get(e.name)
        if slot is not None:  # a variable or constant of another module of the package: read at use
            storage = lib.storage
            return lambda f: storage[slot]
        if e.name in lib.constants:
            v = lib.constants[e.name]
            return lambda f: v
        fn = lib.functions.get(e.name)
        if fn is not None:
            native = BNative(fn, f"{e.prefix}:{e.name}")
            return lambda f: native
        t = lib.types.get(e.name)
        if t is not None:
            td = BTypedesc(t)
            return lambda f: td
        from balmail.lang.compile import CompileError

        raise CompileError(f"undefined symbol '{e.prefix}:{e.name}'", e.span)

    def lib_for(self: Compiler, prefix: str, span: Any) -> Any:
        lib = self.imports.get(prefix)
        if lib is None:
            from balmail.lib.registry import langlib_module

            lib = langlib_module(prefix, self.ctx)
        if lib is None:
            from balmail.lang.compile import CompileError

            raise CompileError(f"undefined module prefix '{prefix}'", span)
        return lib

    def expr_Template(self: Compiler, e: ast.Template, expected: T.Type | None) -> Eval:
        strings = e.strings
        parts = [self.expr(x) for x in e.exprs]
        if e.kind == "re":
            from balmail.lib.regexp import compile_regexp, escape_literal

            if not parts:
                rx = compile_regexp(strings[0])
                return lambda f: rx

            def re_template(f: list[Any]) -> Any:
                out = [strings[0]]
                for i, p in enumerate(parts):
                    v = p(f)
                    out.append(v.source if hasattr(v, "compiled") else escape_literal(to_string(v)))
                    out.append(strings[i + 1])
                return compile_regexp("".join(out))

            return re_template
        if e.kind in ("base16", "base64"):
            import base64
            import binascii

            text = "".join(strings).replace(" ", "").replace("\n", "").replace("\t", "")
            try:
                data = base64.b16decode(text, casefold=True) if e.kind == "base16" else base64.b64decode(text)
            except (binascii.Error, ValueError):
                from balmail.lang.compile import CompileError

                raise CompileError(f"invalid {e.kind} byte array literal", e.span) from None
            bt = T.TArray(T.BYTE)
            return lambda f: BList(data, bt)
        if not parts:
            s0 = strings[0]
            return lambda f: s0
        sb = self.sb
        if len(parts) == 1:
            a, b = strings
            p0 = parts[0]

            def template1(f: list[Any]) -> str:
                v = p0(f)
                return a + (v if type(v) is str else to_string(v, sb)) + b

            return template1
        pairs = list(zip(parts, strings[1:], strict=True))
        first = strings[0]

        def template(f: list[Any]) -> str:
            out = [first]
            for p, s in pairs:
                v = p(f)
                out.append(v if type(v) is str else to_string(v, sb))
                out.append(s)
            r = "".join(out)
            if len(r) > sb.fast_size:
                sb.check_size(len(r))
            return r

        return template

    # ------------------------------------------------------------ constructors

    def expr_ListExpr(self: Compiler, e: ast.ListExpr, expected: T.Type | None) -> Eval:
        lt = _pick(expected, (T.TArray, T.TTuple), default_anydata=True)
        items: list[tuple[bool, Eval]] = []
        for i, item in enumerate(e.items):
            if isinstance(item, ast.Spread):
                items.append((True, self.expr(item.expr)))
            else:
                items.append((False, self.expr(item, T.element_type(lt, i) if lt is not None else None)))
        inherent = lt if isinstance(T.resolve(lt) if lt else None, T.TArray | T.TTuple) else None
        if inherent is None and lt is not None:
            r = T.resolve(lt)
            inherent = (
                T.TArray(T.JSON)
                if isinstance(r, T.TJson)
                else T.TArray(r)
                if isinstance(r, T.TAnydata)
                else None
            )
        ro = _wants_readonly(expected)
        if not any(s for s, _ in items):
            evs = [ev for _, ev in items]
            if ro:
                freeze = ops.freeze
                return lambda f: freeze(BList([ev(f) for ev in evs], inherent))
            return lambda f: BList([ev(f) for ev in evs], inherent)
        sb = self.sb

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

    def expr_MappingExpr(self: Compiler, e: ast.MappingExpr, expected: T.Type | None) -> Eval:
        mt = _pick_record(expected, e) or _pick(expected, (T.TRecord, T.TMap), default_anydata=True)
        rt = T.resolve(mt) if mt is not None else None
        record = rt if isinstance(rt, T.TRecord) else None
        fields: list[tuple[str, Any, Eval]] = []  # kind, key (str or Eval), value
        for fld in e.fields:
            if fld.kind == "spread":
                fields.append(("spread", None, self.expr(fld.value)))
                continue
            if fld.kind == "computed":
                assert fld.key_expr is not None
                fields.append(("computed", self.expr(fld.key_expr, T.STRING), self.expr(fld.value)))
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
            fields.append(("key", key, self.expr(fld.value, ft)))
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
            for kind, key, ev in fields:
                if kind == "key":
                    out[key] = ev(f)
                elif kind == "computed":
                    out[key(f)] = ev(f)
                else:
                    v = ev(f)
                    if isinstance(v, BMap):
                        out.update(v)
            for n, d in defaults:
                if n not in out:
                    out[n] = d()
            if record is not None:
                # keep declaration order of fields as Ballerina prints records
                ordered = {n: out[n] for n in record.fields if n in out}
                if len(ordered) != len(out):
                    ordered.update({k: v for k, v in out.items() if k not in ordered})
                out = BMap(ordered, inherent)
            return ops.freeze(out) if ro else out

        return build

    # ------------------------------------------------------------ access

    def expr_FieldAccess(self: Compiler, e: ast.FieldAccess, expected: T.Type | None) -> Eval:
        target = self.expr(e.target)
        name = e.name
        if e.optional:

            def opt_field(f: list[Any]) -> Any:
                v = target(f)
                if v is None:
                    return None
                if isinstance(v, BMap):
                    return v.get(name)
                if isinstance(v, BObject):
                    return v.fields.get(name)
                if isinstance(v, BError):
                    return v
                return None

            return opt_field

        def field(f: list[Any]) -> Any:
            v = target(f)
            if isinstance(v, BMap):
                try:
                    return v[name]
                except KeyError:
                    if isinstance(T.resolve(v.type) if v.type is not None else None, T.TRecord):
                        return None
                    from balmail.runtime.errors import make_error

                    return make_error(f"key '{name}' not found in JSON mapping", {})
            if isinstance(v, BObject):
                try:
                    return v.fields[name]
                except KeyError:
                    m = v.cls.methods.get(name)
                    if m is not None:
                        return BFunction(m, v.env, v)
                    raise key_not_found(name) from None
            if v is None:
                raise runtime_panic("NullReferenceException", f"cannot access field '{name}' of nil")
            if isinstance(v, BError):
                return v
            raise runtime_panic("TypeCastError", f"cannot access field '{name}' of '{T.value_type_name(v)}'")

        return field

    def expr_MemberAccess(self: Compiler, e: ast.MemberAccess, expected: T.Type | None) -> Eval:
        target = self.expr(e.target)
        index = self.expr(e.index)

        def member(f: list[Any]) -> Any:
            v = target(f)
            i = index(f)
            if isinstance(v, BList):
                if type(i) is int and 0 <= i < len(v):
                    return v[i]
                raise index_out_of_range(i, len(v))
            if isinstance(v, BMap):
                return v.get(i)
            if type(v) is str:
                if type(i) is int and 0 <= i < len(v):
                    return v[i]
                raise runtime_panic(
                    "IndexOutOfRange", f"string index out of range: index: {i}, size: {len(v)}", "lang.string"
                )
            if v is None:
                return None
            if isinstance(v, BObject):
                return v.fields.get(i)
            raise runtime_panic("TypeCastError", f"cannot index '{T.value_type_name(v)}'")

        return member

    # ------------------------------------------------------------ calls

    def compile_args(
        self: Compiler, args: tuple[Any, ...], params: list[Param] | None
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
                out.append(("named", a.name, self.expr(a.value, pt)))
            elif isinstance(a, ast.RestArg):
                has_rest = True
                out.append(("rest", None, self.expr(a.value)))
            else:
                pt = None
                if params:
                    if pos < len(params) and not params[pos].rest:
                        pt = params[pos].type
                    elif params[-1].rest:
                        pt = params[-1].type
                out.append(("pos", None, self.expr(a, pt)))
                pos += 1
        return out, has_rest

    def static_call(
        self: Compiler, info: FunctionInfo, args: tuple[Any, ...], span: Any, env_ev: Eval | None
    ) -> Eval:
        """A call whose callee is known at compile time: arguments arranged once, here."""
        compiled, has_rest = self.compile_args(args, info.params)
        if has_rest or not info.params and compiled:
            return self.dynamic_args_call(lambda f: BFunction(info, env_ev(f) if env_ev else None), compiled)
        params = info.params
        n_fixed = len(params) - (1 if params and params[-1].rest else 0)
        slots: list[Eval | None] = [None] * n_fixed
        extra: list[Eval] = []
        included_named: dict[int, list[tuple[str, Eval]]] = {}
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
                        from balmail.lang.compile import CompileError

                        raise CompileError(f"undefined defaultable parameter '{name}'", span)
                    included_named.setdefault(incl[0], []).append((name, ev))
        for i, p in enumerate(params[:n_fixed]):
            if p.included and slots[i] is None:
                slots[i] = _included_record(p.type, included_named.get(i, []))
        argevs: list[Eval] = []
        for i, ev in enumerate(slots):
            if ev is None:
                if not params[i].has_default and not info.name.startswith("$"):
                    from balmail.lang.compile import CompileError

                    raise CompileError(f"missing required parameter '{params[i].name}'", span)
                argevs.append(_missing)
            else:
                argevs.append(ev)
        if params and params[-1].rest:
            rt = T.TArray(params[-1].type)
            ex = list(extra)
            argevs.append(lambda f: BList([e(f) for e in ex], rt))
        elif extra:
            from balmail.lang.compile import CompileError

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

    def dynamic_args_call(self: Compiler, callee: Eval, compiled: list[tuple[str, Any, Eval]]) -> Eval:
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

    def expr_Call(self: Compiler, e: ast.Call, expected: T.Type | None) -> Eval:
        fn = e.func
        if isinstance(fn, ast.VarRef):
            if self.scope.lookup(fn.name) is None:
                entry = self.names.get(fn.name)
                if entry is not None and entry.kind == "func":
                    return self.static_call(entry.value, e.args, e.span, None)
                if entry is None:
                    builtin = self.query_builtin(fn.name, e, expected)
                    if builtin is not None:
                        return builtin
            compiled, _ = self.compile_args(e.args, None)
            return self.dynamic_args_call(self.expr(fn), compiled)
        if isinstance(fn, ast.QualifiedRef):
            lib = self.lib_for(fn.prefix, fn.span)
            native = lib.functions.get(fn.name)
            if native is None:
                from balmail.lang.compile import CompileError

                raise CompileError(f"undefined function '{fn.prefix}:{fn.name}'", fn.span)
            hint = [Param("_", lib.arg_type, None, True)] if lib.arg_type is not None else None
            compiled, _ = self.compile_args(e.args, hint)
            return self.native_call(native, compiled, e, expected)
        compiled, _ = self.compile_args(e.args, None)
        return self.dynamic_args_call(self.expr(fn), compiled)

    def native_call(
        self: Compiler, native: Any, compiled: list[tuple[str, Any, Eval]], e: Any, expected: T.Type | None
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
            return native(*pos, **named)

        return call

    def expr_MethodCall(self: Compiler, e: ast.MethodCall, expected: T.Type | None) -> Eval:
        name = e.name
        target_t = self.static_type(e.target)
        rt = T.resolve(target_t) if target_t is not None else None
        if isinstance(rt, T.TObject) and rt.cls is not None and name in rt.cls.methods:
            info = rt.cls.methods[name]
            compiled, has_rest = self.compile_args(e.args, info.params)
        else:
            compiled, has_rest = self.compile_args(e.args, None)
        target = self.expr(e.target)
        from balmail.lib.langlib import method_for

        wants = name in ("ensureType", "cloneWithType", "fromJsonWithType", "fromJsonStringWithType")
        if wants and expected is not None and not any(k == "pos" for k, _, _ in compiled):
            td = BTypedesc(_strip_error(expected))
            compiled = [*compiled, ("pos", None, lambda f: td)]
        compiled = self._infer_target_type(rt, name, compiled, expected)
        all_pos = all(k == "pos" for k, _, _ in compiled)
        evs = [ev for _, _, ev in compiled]
        sb = self.sb

        def method_call(f: list[Any]) -> Any:
            v = target(f)
            if all_pos:
                pos = [ev(f) for ev in evs]
                named = None
            else:
                pos = []
                named = {}
                for kind, nm, ev in compiled:
                    if kind == "pos":
                        pos.append(ev(f))
                    elif kind == "rest":
                        x = ev(f)
                        pos.extend(x.values() if isinstance(x, BMap) else x)
                    else:
                        named[nm] = ev(f)
            if isinstance(v, BObject):
                m = v.cls.methods.get(name)
                if m is not None:
                    return m.invoke(v.env, [v, *m.bind(pos, named)])
                fv = v.fields.get(name)
                if isinstance(fv, BFunction | BNative):
                    return fv.call(pos, named)
                lib_method = (
                    getattr(v.cls, "native_methods", {}).get(name)
                    if hasattr(v.cls, "native_methods")
                    else None
                )
                if lib_method is not None:
                    return lib_method(v, *pos, **(named or {}))
                if name == "toString":
                    return to_string(v)
                raise runtime_panic("MethodNotFound", f"no method '{name}' on object")
            fn = method_for(v, name, sb)
            if fn is None:
                raise runtime_panic(
                    "MethodNotFound", f"no method '{name}' on value of type '{T.value_type_name(v)}'"
                )
            sb.steps -= 1
            if sb.steps < 0:
                sb.refill()
            if named:
                return fn(v, *pos, **named)
            return fn(v, *pos)

        return method_call

    def _infer_target_type(
        self: Compiler, rt: T.Type | None, name: str, compiled: list[Any], expected: T.Type | None
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

    def expr_RemoteCall(self: Compiler, e: ast.RemoteCall, expected: T.Type | None) -> Eval:
        return self.expr_MethodCall(
            ast.MethodCall(span=e.span, target=e.target, name=e.name, args=e.args, name_span=e.name_span),
            expected,
        )

    def expr_NewExpr(self: Compiler, e: ast.NewExpr, expected: T.Type | None) -> Eval:
        cls: ClassInfo | None = None
        native_ctor = None
        if isinstance(e.type, ast.TypeRef):
            if e.type.prefix is not None:
                lib = self.lib_for(e.type.prefix, e.span)
                native_ctor = lib.classes.get(e.type.name)
                if native_ctor is None:
                    from balmail.lang.compile import CompileError

                    raise CompileError(f"cannot instantiate '{e.type.prefix}:{e.type.name}'", e.span)
            else:
                entry = self.names.get(e.type.name)
                if entry is None or entry.kind != "class":
                    from balmail.lang.compile import CompileError

                    raise CompileError(f"'{e.type.name}' is not a class", e.span)
                cls = entry.value
        elif e.type is None and expected is not None:
            for m in T.member_types(expected):
                if isinstance(m, T.TObject) and m.cls is not None:
                    cls = m.cls
                    break
            else:
                native_ctor = getattr(T.resolve(expected), "native_ctor", None)
        if cls is not None and getattr(getattr(cls, "type", None), "native_ctor", None) is not None:
            if getattr(cls.type.native_ctor, "wants_site", False):
                native_ctor, cls = cls.type.native_ctor, None
        if native_ctor is not None:
            compiled, _ = self.compile_args(e.args, getattr(native_ctor, "params", None))
            if getattr(native_ctor, "wants_site", False):  # email endpoints: overrides find their name by it
                site = e.span
                compiled = [*compiled, ("named", "__site__", lambda f: site)]
            return self.native_call(native_ctor, compiled, e, None)
        if cls is None:
            from balmail.lang.compile import CompileError

            raise CompileError("cannot infer the class for 'new'", e.span)
        params = cls.init.params if cls.init is not None else []
        compiled, _ = self.compile_args(e.args, params)
        instantiate = self.instantiate
        klass = cls

        def new(f: list[Any]) -> Any:
            pos: list[Any] = []
            named: dict[str, Any] = {}
            for kind, name, ev in compiled:
                if kind == "pos":
                    pos.append(ev(f))
                elif kind == "rest":
                    pos.extend(ev(f))
                else:
                    named[name] = ev(f)
            return instantiate(klass, None, pos, named)

        return new

    def expr_ErrorConstructor(self: Compiler, e: ast.ErrorConstructor, expected: T.Type | None) -> Eval:
        et: T.Type | None = None
        if e.type is not None:
            et = self.resolve_type(e.type)
        elif expected is not None:
            errs = [
                m
                for m in T.member_types(expected)
                if isinstance(m, T.TError) and (m.distinct_ids or m.detail)
            ]
            if len(errs) == 1 and isinstance(expected, T.TLazy):
                et = expected
        pos: list[Eval] = []
        named: list[tuple[str, Eval]] = []
        for a in e.args:
            if isinstance(a, ast.NamedArg):
                named.append((a.name, self.expr(a.value)))
            elif isinstance(a, ast.RestArg):
                from balmail.lang.compile import CompileError

                raise CompileError("rest argument not allowed in error constructor", a.span)
            else:
                pos.append(self.expr(a, T.STRING if not pos else T.TUnion([T.ERROR, T.NIL])))
        if not pos:
            from balmail.lang.compile import CompileError

            raise CompileError("missing error message", e.span)
        msg_ev = pos[0]
        cause_ev = pos[1] if len(pos) > 1 else None
        detail_t = None
        if et is not None:
            r = T.resolve(et)
            if isinstance(r, T.TError):
                detail_t = r.detail
        etype = et

        def make(f: list[Any]) -> BError:
            msg = msg_ev(f)
            cause = cause_ev(f) if cause_ev is not None else None
            detail = BMap({k: ev(f) for k, ev in named}, detail_t, ro=True)
            return BError(msg, cause, detail, etype)

        return make

    # ------------------------------------------------------------ operators

    def expr_Unary(self: Compiler, e: ast.Unary, expected: T.Type | None) -> Eval:
        op = e.op
        if op == "-" and isinstance(e.operand, ast.Literal) and e.operand.kind in ("int", "float", "decimal"):
            v = self.literal_value(e.operand, expected)
            nv = -v
            if type(nv) is int and nv < INT_MIN:
                from balmail.lang.compile import CompileError

                raise CompileError("integer literal out of range", e.span)
            return lambda f: nv
        operand = self.expr(
            e.operand, expected if op in ("-", "+") else (T.BOOLEAN if op == "!" else expected)
        )
        if op == "-":
            neg = ops.neg
            return lambda f: neg(operand(f))
        if op == "!":
            return lambda f: not operand(f)
        if op == "~":
            bn = ops.bit_not
            return lambda f: bn(operand(f))
        return operand

    def expr_Binary(self: Compiler, e: ast.Binary, expected: T.Type | None) -> Eval:
        op = e.op
        if op == "&&":
            a = self.expr(e.left, T.BOOLEAN)
            b = self.expr(e.right, T.BOOLEAN)
            return lambda f: a(f) and b(f)
        if op == "||":
            a = self.expr(e.left, T.BOOLEAN)
            b = self.expr(e.right, T.BOOLEAN)
            return lambda f: a(f) or b(f)
        arith = op in ("+", "-", "*", "/", "%")
        lt = self.static_type(e.left)
        rtp = self.static_type(e.right)
        if arith:
            lexp = expected if _numeric_want(expected) else None
            lexp = lexp or (rtp if isinstance(e.left, ast.Literal) else None)
            rexp = expected if _numeric_want(expected) else None
            rexp = rexp or (lt if isinstance(e.right, ast.Literal) else None)
        else:
            lexp = rtp if isinstance(e.left, ast.Literal | ast.Unary) else None
            rexp = lt if isinstance(e.right, ast.Literal | ast.Unary) else None
        a = self.expr(e.left, lexp)
        b = self.expr(e.right, rexp)
        if op == "+":
            add = ops.add
            sb = self.sb

            def plus(f: list[Any]) -> Any:
                x = a(f)
                y = b(f)
                if type(x) is int and type(y) is int:
                    r = x + y
                    if -9223372036854775808 <= r <= 9223372036854775807:
                        return r
                    raise _ovf()
                if type(x) is str and type(y) is str and len(x) + len(y) > sb.fast_size:
                    sb.check_size(len(x) + len(y))  # before the string is built
                return add(x, y)

            return plus
        if op == "-":
            sub = ops.sub
            if isinstance(e.right, ast.Literal) and type(e.right.value) is int and e.right.kind == "int":
                c = e.right.value

                def minus_c(f: list[Any]) -> Any:
                    x = a(f)
                    if type(x) is int:
                        r = x - c
                        if r >= -9223372036854775808:
                            return r
                        raise _ovf()
                    return sub(x, b(f))

                return minus_c

            def minus(f: list[Any]) -> Any:
                x = a(f)
                y = b(f)
                if type(x) is int and type(y) is int:
                    r = x - y
                    if -9223372036854775808 <= r <= 9223372036854775807:
                        return r
                    raise _ovf()
                return sub(x, y)

            return minus
        if op == "*":
            mul = ops.mul

            def times(f: list[Any]) -> Any:
                x = a(f)
                y = b(f)
                if type(x) is int and type(y) is int:
                    r = x * y
                    if -9223372036854775808 <= r <= 9223372036854775807:
                        return r
                    raise _ovf()
                return mul(x, y)

            return times
        if op == "<":

            def less(f: list[Any]) -> bool:
                x = a(f)
                y = b(f)
                if type(x) is int and type(y) is int:
                    return x < y
                return ops.lt(x, y)

            return less
        if op == "==":

            sb = self.sb

            def equal(f: list[Any]) -> bool:
                x = a(f)
                y = b(f)
                tx = type(x)
                if (tx is int or tx is str) and type(y) is tx:
                    return x == y
                return ops.deep_equals(x, y, sb)

            return equal
        fn = ops.BINARY.get(op)
        if fn is None:
            from balmail.lang.compile import CompileError

            raise CompileError(f"operator '{op}' not supported", e.span)
        return lambda f: fn(a(f), b(f))

    def expr_IsExpr(self: Compiler, e: ast.IsExpr, expected: T.Type | None) -> Eval:
        t = self.resolve_type(e.type)
        ev = self.expr(e.expr)
        contains = t.contains
        if e.negated:
            return lambda f: not contains(ev(f))
        return lambda f: contains(ev(f))

    def expr_Cast(self: Compiler, e: ast.Cast, expected: T.Type | None) -> Eval:
        if e.type is None:
            return self.expr(e.expr, expected)
        t = self.resolve_type(e.type)
        ev = self.expr(e.expr, t)
        cast = ops.cast
        return lambda f: cast(ev(f), t)

    def expr_TypeOf(self: Compiler, e: ast.TypeOf, expected: T.Type | None) -> Eval:
        ev = self.expr(e.expr)

        def typeof(f: list[Any]) -> BTypedesc:
            v = ev(f)
            # a simple value's type is the singleton of that value, as Ballerina prints it (`typedesc 1`)
            if v is None or type(v) in (bool, int, float, D, str):
                return BTypedesc(T.TSingleton(v))
            return BTypedesc(T.type_of_value(v))

        return typeof

    def expr_CheckExpr(self: Compiler, e: ast.CheckExpr, expected: T.Type | None) -> Eval:
        want = T.union(expected, T.ERROR) if expected is not None else None
        ev = self.expr(e.expr, want)
        if e.panics:

            def checkpanic(f: list[Any]) -> Any:
                v = ev(f)
                if isinstance(v, BError):
                    raise BallerinaPanic(v)
                return v

            return checkpanic

        def check(f: list[Any]) -> Any:
            v = ev(f)
            if isinstance(v, BError):
                raise FailSignal(v)
            return v

        return check

    def expr_TrapExpr(self: Compiler, e: ast.TrapExpr, expected: T.Type | None) -> Eval:
        ev = self.expr(e.expr, expected)
        sb = self.sb

        def trap(f: list[Any]) -> Any:
            depth = sb.depth
            try:
                return ev(f)
            except BallerinaPanic as p:
                sb.depth = depth
                return p.error
            except RecursionError:
                sb.depth = depth
                return runtime_panic("StackOverflow", "stack overflow").error

        return trap

    def expr_StartExpr(self: Compiler, e: ast.StartExpr, expected: T.Type | None) -> Eval:
        return self.expr(e.expr)

    def expr_Conditional(self: Compiler, e: ast.Conditional, expected: T.Type | None) -> Eval:
        c = self.expr(e.cond, T.BOOLEAN)
        a = self.expr(e.then, expected)
        b = self.expr(e.otherwise, expected)
        return lambda f: a(f) if c(f) else b(f)

    def expr_Elvis(self: Compiler, e: ast.Elvis, expected: T.Type | None) -> Eval:
        a = self.expr(e.left, T.union(expected, T.NIL) if expected is not None else None)
        b = self.expr(e.right, expected)

        def elvis(f: list[Any]) -> Any:
            v = a(f)
            return b(f) if v is None else v

        return elvis

    def expr_RangeExpr(self: Compiler, e: ast.RangeExpr, expected: T.Type | None) -> Eval:
        lo = self.expr(e.start, T.INT)
        hi = self.expr(e.end, T.INT)
        inc = 1 if e.inclusive else 0
        at = T.TArray(T.INT)
        return lambda f: BList(range(lo(f), hi(f) + inc), at)

    def expr_LetExpr(self: Compiler, e: Any, expected: T.Type | None) -> Eval:
        self.scope.push()
        lets = []
        for tb, value in e.bindings:
            t = self.resolve_type(tb.type) if tb.type is not None else None
            ev = self.expr(value, t)
            lets.append((ev, self.binding(tb.binding, t if t is not None else self.static_type(value))))
        body = self.expr(e.body, expected)
        self.scope.pop()

        def let(f: list[Any]) -> Any:
            for ev, bind in lets:
                bind(f, ev(f))
            return body(f)

        return let

    def expr_WaitExpr(self: Compiler, e: Any, expected: T.Type | None) -> Eval:
        return self.expr(e.expr, expected)

    def expr_AnnotationAccess(self: Compiler, e: Any, expected: T.Type | None) -> Eval:
        target = self.expr(e.target)

        def annotation(f: list[Any]) -> Any:
            target(f)
            return None

        return annotation

    def expr_Spread(self: Compiler, e: ast.Spread, expected: T.Type | None) -> Eval:
        return self.expr(e.expr)

    # ------------------------------------------------------------ functions and objects as values

    def expr_ArrowFunction(self: Compiler, e: ast.ArrowFunction, expected: T.Type | None) -> Eval:
        info = FunctionInfo("$arrow", self.sb)
        info.params = [Param(p, T.ANY, None, False) for p in e.params]
        info.ret_type = T.ANY
        sig = ast.Signature(
            span=e.span,
            params=tuple(
                ast.Param(
                    span=e.span,
                    type=ast.BuiltinType(span=e.span, name="any"),
                    name=p,
                    default=None,
                    rest=False,
                    annotations=(),
                )
                for p in e.params
            ),
            returns=None,
            return_annotations=(),
        )
        self.compile_function_body(info, sig, e.body, self.scope)
        return lambda f: BFunction(info, f)

    def expr_AnonFunction(self: Compiler, e: ast.AnonFunction, expected: T.Type | None) -> Eval:
        info = FunctionInfo("$lambda", self.sb)
        self.compile_signature(info, e.signature, "$lambda")
        self.compile_function_body(info, e.signature, e.body, self.scope)
        return lambda f: BFunction(info, f)

    def expr_ObjectConstructor(self: Compiler, e: ast.ObjectConstructor, expected: T.Type | None) -> Eval:
        cls = ClassInfo(None)
        cls.readonly = "readonly" in e.qualifiers
        if e.type is not None:
            base = T.resolve(self.resolve_type(e.type))
            if isinstance(base, T.TObject) and base.cls is not None:
                cls.includes = (base.cls,)
        self.compile_class_shell(cls, e.members)
        self.compile_class_members(cls, e.members, self.scope)
        instantiate = self.instantiate
        return lambda f: instantiate(cls, f, [], None)


def _missing(f: list[Any]) -> Any:
    return MISSING


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


def _numeric_want(t: T.Type | None) -> str | None:
    """Which numeric type a literal should take in context `t` (None: keep its own)."""
    if t is None:
        return None
    kinds = set()
    for m in T.member_types(t):
        if isinstance(m, T.TInt):
            kinds.add("int")
        elif isinstance(m, T.TFloat):
            kinds.add("float")
        elif isinstance(m, T.TDecimal):
            kinds.add("decimal")
        elif isinstance(m, T.TSingleton):
            kinds.add(type(m.value).__name__)
        elif isinstance(m, T.TAny | T.TAnydata | T.TJson):
            kinds.add("int")
    if "int" in kinds:
        return None
    if "float" in kinds:
        return "float"
    if "decimal" in kinds or "Decimal" in kinds:
        return "decimal"
    return None


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


def _wants_readonly(expected: T.Type | None) -> bool:
    if expected is None:
        return False
    r = T.resolve(expected)
    return isinstance(r, T.TIntersection) or isinstance(r, T.TReadonly)


def _strip_error(t: T.Type) -> T.Type:
    r = T.resolve(t)
    if isinstance(r, T.TUnion):
        rest = [m for m in r.members if not isinstance(T.resolve(m), T.TError)]
        if len(rest) == 1:
            return rest[0]
        return T.TUnion(rest)
    return t
