"""Functions, methods, classes and objects: signatures, bodies, class shells and members,
`new`, anonymous and arrow functions, object constructors.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from balmail.compiler import (
    calls,
    expressions,
    stmtgen,
    typedesc,
    workers,
)
from balmail.compiler.core import Compiler
from balmail.compiler.scope import Scope
from balmail.runtime import types as T
from balmail.runtime.functions import ClassInfo, Eval, FunctionInfo, Param
from balmail.runtime.values import BError, BFunction, BObject
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.codegen import Gen

# ------------------------------------------------------------ functions


def compile_signature(cx: Compiler, info: FunctionInfo, sig: ast.Signature, name: str) -> None:
    info.ret_type = typedesc.resolve_type(cx, sig.returns) if sig.returns is not None else T.NIL
    params = []
    info.simple = not any(p.default is not None or p.rest for p in sig.params)
    for p in sig.params:
        param = Param(p.name or "_", typedesc.resolve_type(cx, p.type), None, p.rest)
        if getattr(p, "included", False):
            param.included = True
        param.has_default = p.default is not None
        params.append(param)
    info.params = params


def compile_function_body(
    cx: Compiler,
    info: FunctionInfo,
    sig: ast.Signature,
    body: ast.Block | ast.Expr,
    parent: Scope | None,
    self_class: ClassInfo | None = None,
    node: ast.Node | None = None,
) -> None:
    """`node` is the function's node in the resolve record (a FunctionDefn, AnonFunction or
    ArrowFunction), whose parameter declarations own the parameters' slots."""
    scope = Scope(parent, info.ret_type)
    fn = cx.record.functions.get(node) if node is not None else None
    param_decls = {d.name: d for d in fn.params} if fn is not None else {}
    klass = self_class if self_class is not None else (cx.self_class if parent else None)
    with cx.compiling_function(info.name, body.span.file, scope, klass):
        if info.is_method:
            own = cx.record.method_self.get(node) if node is not None else None
            scope.declare("self", self_class.type if self_class is not None else None, quiet=True, decl=own)
        for p in info.params:
            t = T.TArray(p.type) if p.rest else p.type
            scope.declare(p.name, t, quiet=True, decl=param_decls.get(p.name))
        for p, ap in zip(info.params, sig.params, strict=True):
            if ap.default is not None:
                p.default = expressions.expr(cx, ap.default, p.type)
        block = (
            body
            if isinstance(body, ast.Block)
            else ast.Block(span=body.span, statements=(ast.Return(span=body.span, value=body),))
        )
        generated = stmtgen.gen_invoke(cx, info, workers.function_body(block))
    info.finish(scope.size, generated)


# ------------------------------------------------------------ classes and objects


def compile_class_shell(cx: Compiler, cls: ClassInfo, members: tuple[ast.Node, ...]) -> None:
    includes = []
    for m in members:
        if isinstance(m, ast.TypeInclusion):
            t = T.resolve(typedesc.resolve_type(cx, m.type))
            if isinstance(t, T.TObject) and t.cls is not None:
                includes.append(t.cls)
        elif isinstance(m, ast.FunctionDefn | ast.ObjectField):
            pass
    cls.includes = tuple(includes)
    cls.has_private = any("private" in getattr(m, "qualifiers", ()) for m in members)
    for m in members:
        if isinstance(m, ast.FunctionDefn):
            info = FunctionInfo(m.name, cx.sb)
            info.is_method = True
            info.isolated = "isolated" in m.qualifiers
            compile_signature(cx, info, method_signature(m), m.name)
            if m.name == "init":
                cls.init = info
            else:
                cls.methods[method_key(m)] = info
        elif isinstance(m, ast.ObjectField):
            cls.field_types[m.name] = typedesc.resolve_type(cx, m.type)
            for qualifier in ("readonly", "final"):
                if qualifier in m.qualifiers:
                    cls.locked[m.name] = qualifier


def compile_class_members(
    cx: Compiler, cls: ClassInfo, members: tuple[ast.Node, ...], parent: Scope | None
) -> None:
    for m in members:
        if isinstance(m, ast.ObjectField):
            ft = cls.field_types[m.name]
            ev = None
            if m.default is not None:
                with cx.using_scope(Scope(parent)) as field_scope:
                    inner = expressions.expr(cx, m.default, ft)
                size = field_scope.size

                def ev(env: Any, inner: Eval = inner, size: int = size) -> Any:
                    f = [env, None] + [None] * size
                    return inner(f)

            cls.fields.append((m.name, ev, ft))
        elif isinstance(m, ast.FunctionDefn) and m.body is not None:
            info = cls.init if m.name == "init" else cls.methods[method_key(m)]
            assert info is not None
            compile_function_body(cx, info, method_signature(m), m.body, parent, cls, m)


def instantiate(cx: Compiler, cls: ClassInfo, env: Any, args: list[Any], named: dict[str, Any] | None) -> Any:
    obj = BObject(cls, env)
    for name, ev, _ in cls.fields:
        obj.fields[name] = ev(env) if ev is not None else None
    if cls.init is not None:
        r = cls.init.invoke(env, [obj, *cls.init.bind(args, named)])
        if isinstance(r, BError):
            return r
    obj.sealed = bool(getattr(cls, "locked", None))  # library classes (NativeClass) lock nothing
    return obj


def method_key(m: ast.FunctionDefn) -> str:
    """How a class finds a method: its name, or for a resource method its accessor and path
    (`get messages/[string]`), since several resource methods share an accessor name."""
    if not m.resource_path:
        return m.name
    parts = [s.name if s.param_type is None else "[]" for s in m.resource_path]
    return m.name + " " + "/".join(p or "." for p in parts)


def method_signature(m: ast.FunctionDefn) -> ast.Signature:
    """A method's signature; a resource method's path parameters (`[string name]`) come first."""
    segments = [s for s in (m.resource_path or ()) if s.param_type is not None and s.name]
    if not segments:
        return m.signature
    path_params = tuple(
        ast.Param(
            span=s.span,
            # a rest segment `[string... parts]` is a `string[]` inside the method
            type=ast.ArrayType(span=s.span, element=s.param_type) if s.rest else s.param_type,
            name=s.name,
            default=None,
            rest=False,
            annotations=(),
        )
        for s in segments
        if s.param_type is not None
    )
    return ast.Signature(
        span=m.signature.span,
        params=path_params + m.signature.params,
        returns=m.signature.returns,
        return_annotations=m.signature.return_annotations,
    )


def expr_NewExpr(cx: Compiler, e: ast.NewExpr, expected: T.Type | None) -> Eval:
    stream_type = _stream_constructed(cx, e, expected)
    if stream_type is not None:
        return _new_stream(cx, e, stream_type)
    cls: ClassInfo | None = None
    native_ctor = None
    if isinstance(e.type, ast.TypeRef):
        if e.type.prefix is not None:
            lib = expressions.lib_for(cx, e.type.prefix, e.span)
            native_ctor = lib.classes.get(e.type.name)
            if native_ctor is None:
                from balmail.compiler.core import CompileError

                raise CompileError(f"cannot instantiate '{e.type.prefix}:{e.type.name}'", e.span)
        else:
            entry = cx.names.get(e.type.name)
            if entry is None or entry.kind != "class":
                from balmail.compiler.core import CompileError

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
        compiled, _ = calls.compile_args(cx, e.args, getattr(native_ctor, "params", None))
        if getattr(native_ctor, "wants_site", False):  # email endpoints: overrides find their name by it
            site = e.span
            compiled = [*compiled, ("named", "__site__", lambda f: site)]
        return calls.native_call(cx, native_ctor, compiled, e, None)
    if cls is None:
        from balmail.compiler.core import CompileError

        raise CompileError("cannot infer the class for 'new'", e.span)
    params = cls.init.params if cls.init is not None else []
    compiled, _ = calls.compile_args(cx, e.args, params)
    make = partial(instantiate, cx)
    klass = cls

    def new(f: list[Any]) -> Any:
        pos, named = calls.evaluate_args(compiled, f)
        return make(klass, None, pos, named)

    return new


def _stream_constructed(cx: Compiler, e: ast.NewExpr, expected: T.Type | None) -> T.TStream | None:
    """The stream type of `new stream<T, E>(obj)`, or of `new (obj)` where a stream is expected."""
    if isinstance(e.type, ast.ParameterizedType) and e.type.name == "stream":
        t = typedesc.resolve_type(cx, e.type)
        return t if isinstance(t, T.TStream) else T.TStream(None)
    if e.type is None and expected is not None:
        streams = [m for m in T.member_types(expected) if isinstance(m, T.TStream)]
        if len(streams) == 1 and not any(isinstance(m, T.TObject) for m in T.member_types(expected)):
            return streams[0]
    return None


def _new_stream(cx: Compiler, e: ast.NewExpr, stream_type: T.TStream) -> Eval:
    from balmail.runtime.streams import object_stream

    if len(e.args) != 1 or not isinstance(e.args[0], ast.Expr):
        from balmail.compiler.core import CompileError

        raise CompileError("a stream is constructed from one object with a 'next' method", e.span)
    arg = e.args[0]
    known = T.resolve(expressions.static_type(cx, arg)) if not isinstance(arg, ast.NewExpr) else None
    if isinstance(arg, ast.NewExpr) and isinstance(arg.type, ast.TypeRef) and arg.type.prefix is None:
        entry = cx.names.get(arg.type.name)
        known = entry.value.type if entry is not None and entry.kind == "class" else None
    cls = getattr(known, "cls", None) if isinstance(known, T.TObject) else None
    if cls is not None and "next" not in cls.methods:
        from balmail.compiler.core import CompileError

        raise CompileError(
            f"incompatible types: '{cls.name or 'object'}' has no 'next' method to back a stream", arg.span
        )
    obj = expressions.expr(cx, arg)
    return lambda f: object_stream(obj(f), stream_type)


# ------------------------------------------------------------ functions and objects as values


def expr_ArrowFunction(cx: Compiler, e: ast.ArrowFunction, expected: T.Type | None) -> Eval:
    info = arrow_function(cx, e, expected)
    return lambda f: BFunction(info, f)


def code_ArrowFunction(cx: Compiler, e: ast.ArrowFunction, expected: T.Type | None, g: Gen) -> str:
    """The function value made inline in generated code (a closure over the frame `f`, as the closure's)."""
    return f"_BFn({g.const(arrow_function(cx, e, expected))}, {g.frame()})"


def arrow_function(cx: Compiler, e: ast.ArrowFunction, expected: T.Type | None) -> FunctionInfo:
    info = FunctionInfo("$arrow", cx.sb)
    # an arrow function's parameter and return types come from the function type expected here
    want = T.resolve(expected) if expected is not None else None
    if isinstance(want, T.TUnion):
        fns = [m for m in T.member_types(want) if isinstance(m, T.TFunction)]
        want = fns[0] if len(fns) == 1 else None
    typed = isinstance(want, T.TFunction) and want.params is not None and len(want.params) == len(e.params)
    info.params = [
        Param(p, want.params[i] if typed else T.ANY, None, False)  # type: ignore[union-attr,index]
        for i, p in enumerate(e.params)
    ]
    info.ret_type = want.ret if typed and want.ret is not None else T.ANY  # type: ignore[union-attr]
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
    compile_function_body(cx, info, sig, e.body, cx.scope, node=e)
    return info


def expr_AnonFunction(cx: Compiler, e: ast.AnonFunction, expected: T.Type | None) -> Eval:
    info = anon_function(cx, e)
    return lambda f: BFunction(info, f)


def code_AnonFunction(cx: Compiler, e: ast.AnonFunction, expected: T.Type | None, g: Gen) -> str:
    """The function value made inline in generated code (a closure over the frame `f`, as the closure's)."""
    return f"_BFn({g.const(anon_function(cx, e))}, {g.frame()})"


def anon_function(cx: Compiler, e: ast.AnonFunction) -> FunctionInfo:
    info = FunctionInfo("$lambda", cx.sb)
    info.isolated = "isolated" in e.qualifiers
    compile_signature(cx, info, e.signature, "$lambda")
    compile_function_body(cx, info, e.signature, e.body, cx.scope, node=e)
    return info


def expr_ObjectConstructor(cx: Compiler, e: ast.ObjectConstructor, expected: T.Type | None) -> Eval:
    cls = ClassInfo(None)
    cls.readonly = "readonly" in e.qualifiers
    if e.type is not None:
        base = T.resolve(typedesc.resolve_type(cx, e.type))
        if isinstance(base, T.TObject) and base.cls is not None:
            cls.includes = (base.cls,)
    compile_class_shell(cx, cls, e.members)
    compile_class_members(cx, cls, e.members, cx.scope)
    make = partial(instantiate, cx)
    return lambda f: make(cls, f, [], None)
