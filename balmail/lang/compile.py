"""AST → Python closures, compiled once per program. This module owns the driver (module members, type
resolution, functions, classes, module initialisation order) and statements; expressions, patterns and
queries live in `exprs.py`, `patterns.py` and `query.py` as mixins of the one `Compiler`.

A statement closure returns None when it completes normally, or BRK / CNT / RET; the return value is stored
in frame slot 1. `check` and `fail` raise `FailSignal`, caught by the nearest `on fail` or the function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from balmail.lang.codegen import CodegenMixin
from balmail.lang.exprs import ExprCompiler
from balmail.lang.patterns import PatternCompiler
from balmail.lang.query import QueryCompiler
from balmail.lang.scope import Scope
from balmail.lang.stmtgen import StmtGenMixin
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic, FailSignal, make_error, runtime_panic
from balmail.runtime.functions import ClassInfo, Eval, Exec, FunctionInfo, Param
from balmail.runtime.ops import filler_value
from balmail.runtime.strands import Strands
from balmail.runtime.values import BError, BList, BMap, BObject, BStream
from balmail.syntax import ast

BRK = 1
CNT = 2
RET = 3


class CompileError(Exception):
    """A construct the evaluator cannot compile; carries the node's span."""

    def __init__(self, message: str, span: Any) -> None:
        super().__init__(message)
        self.span = span


class ModuleEntry:
    __slots__ = ("kind", "value", "type", "node")

    def __init__(self, kind: str, value: Any, type: T.Type | None = None, node: Any = None) -> None:
        self.kind = kind  # var const func class type
        self.value = value
        self.type = type
        self.node = node


class Program:
    """A compiled module: module storage, functions, init steps, `main`, services and listeners."""

    def __init__(self) -> None:
        self.G: list[Any] = []
        self.init_steps: list[Callable[[], None]] = []
        self.functions: dict[str, FunctionInfo] = {}
        self.main: FunctionInfo | None = None
        self.init: FunctionInfo | None = None
        self.configurables: list[tuple[str, int, T.Type, bool]] = []  # name, slot, type, required
        self.services: list[Any] = []
        self.listeners: list[tuple[str, int]] = []
        self.names: dict[str, ModuleEntry] = {}
        self.compiler: Compiler | None = None  # kept so the runtime can compile service declarations

    def initialize(self) -> BError | None:
        """Run module-level initialisers in dependency order, then the module's `init` function."""
        for step in self.init_steps:
            step()
        if self.init is not None:
            r = self.init.invoke(None, [])
            if isinstance(r, BError):
                return r
        return None


class Compiler(ExprCompiler, CodegenMixin, StmtGenMixin, PatternCompiler, QueryCompiler):
    """Compiles one module against a run context (the library modules bound to its output and sandbox)."""

    def __init__(
        self,
        module: ast.Module,
        ctx: Any,
        linked: dict[str, Any] | None = None,
        config_key: str | None = None,
    ) -> None:
        self.module = module
        self.ctx = ctx
        self.linked = linked or {}  # import full name → a package module compiled before (lang/link.py)
        self.config_key = config_key  # Config.toml table of a package submodule's configurables
        self.sb = ctx.sandbox
        self.program = Program()
        self.G = self.program.G
        self.names = self.program.names
        self.imports: dict[str, Any] = {}
        self.scope: Scope = Scope(None)
        self.module_scope = self.scope
        self.type_cache: dict[int, T.Type] = {}
        self.distinct_counter = 0
        self.self_class: ClassInfo | None = None
        self.quiet_ok = False  # True while emitting a generated function's own lines (see stmtgen)
        self.current_function = "$init"  # the Ballerina function being compiled (for stack traces)
        self.current_file: str | None = None  # its file, when the module has several
        self.direct_refs: dict[int, list[tuple[dict[str, Any], str]]] = {}  # callee → namespaces to fill

    # ------------------------------------------------------------ driver

    def compile(self) -> Program:
        from balmail.lib.registry import load_module

        for imp in self.module.imports:
            if imp.alias == "_":
                continue
            linked = self.linked.get(imp.full_name)
            self.imports[imp.prefix] = linked if linked is not None else load_module(imp.full_name, self.ctx)
        members = self.module.members
        for m in members:
            self.declare_member(m)
        for m in members:
            if isinstance(m, ast.FunctionDefn):
                self.compile_signature(self.names[m.name].value, m.signature, m.name)
            elif isinstance(m, ast.ClassDefn):
                self.compile_class_shell(self.names[m.name].value, m.members)
        for m in members:
            if isinstance(m, ast.FunctionDefn) and m.body is not None:
                self.compile_function_body(self.names[m.name].value, m.signature, m.body, None)
            elif isinstance(m, ast.FunctionDefn):
                info = self.names[m.name].value
                bound = getattr(self.ctx, "externals", {}).get(m.name)  # host-provided (test mocks)
                info.invoke = bound if bound is not None else _external(m.name)
                info.direct = lambda env, *args, fn=info.invoke: fn(env, list(args))
                self.publish_direct(info)
            elif isinstance(m, ast.ClassDefn):
                self.compile_class_members(self.names[m.name].value, m.members, None)
        self.compile_module_init(members)
        p = self.program
        main = self.names.get("main")
        if main is not None and main.kind == "func":
            p.main = main.value
        init = self.names.get("init")
        if init is not None and init.kind == "func":
            p.init = init.value
        p.compiler = self
        return p

    def module_frame(self) -> list[Any]:
        """A scratch frame for module-level initialisers (sized for any query or let variables they use)."""
        return [None] * max(2, self.module_scope.size)

    def new_slot(self, value: Any = None) -> int:
        self.G.append(value)
        return len(self.G) - 1

    def declare_member(self, m: ast.Member) -> None:
        if isinstance(m, ast.FunctionDefn):
            info = FunctionInfo(m.name, self.sb)
            self.names[m.name] = ModuleEntry("func", info, node=m)
            self.program.functions[m.name] = info
        elif isinstance(m, ast.ConstDecl):
            self.names[m.name] = ModuleEntry("const", self.new_slot(), None, node=m)
        elif isinstance(m, ast.ModuleVarDecl):
            for name in self.binding_names(m.binding):
                self.names[name] = ModuleEntry("var", self.new_slot(), None, node=m)
        elif isinstance(m, ast.ListenerDecl):
            self.names[m.name] = ModuleEntry("var", self.new_slot(), None, node=m)
        elif isinstance(m, ast.TypeDefn):
            self.names[m.name] = ModuleEntry("type", self.lazy_type(m), node=m)
        elif isinstance(m, ast.ClassDefn):
            cls = ClassInfo(m.name)
            cls.readonly = "readonly" in m.qualifiers
            if "distinct" in m.qualifiers:
                cls.distinct_ids = frozenset({self.next_distinct()})
            self.names[m.name] = ModuleEntry("class", cls, cls.type, node=m)
        elif isinstance(m, ast.EnumDefn):
            singles: list[T.Type] = []
            for em in m.members:
                slot = self.new_slot()
                self.names[em.name] = ModuleEntry("const", slot, None, node=em)
                singles.append(T.TSingleton(None))
            u = T.TUnion(singles)
            u.name = m.name
            self.names[m.name] = ModuleEntry("type", u, node=m)

    def next_distinct(self) -> int:
        self.distinct_counter += 1
        return self.distinct_counter

    def binding_names(self, b: ast.BindingPattern) -> list[str]:
        if isinstance(b, ast.CaptureBinding):
            return [b.name]
        out: list[str] = []
        if isinstance(b, ast.ListBinding):
            for item in b.items:
                out.extend(self.binding_names(item))
            if b.rest:
                out.append(b.rest)
        elif isinstance(b, ast.MappingBinding):
            for fb in b.fields:
                out.extend(self.binding_names(fb.binding))
            if b.rest:
                out.append(b.rest)
        elif isinstance(b, ast.ErrorBinding):
            for item in b.positional:
                out.extend(self.binding_names(item))
            for _, item in b.named:
                out.extend(self.binding_names(item))
        return out

    # ------------------------------------------------------------ module initialisation

    def compile_module_init(self, members: tuple[ast.Member, ...]) -> None:
        """Constants, enums, module variables and listeners, ordered so each runs after what it uses."""
        items: list[tuple[set[str], set[str], Callable[[], None]]] = []
        for m in members:
            if isinstance(m, ast.ConstDecl):
                items.append(({m.name}, self.free_names(m.value), self.const_step(m)))
            elif isinstance(m, ast.EnumDefn):
                items.extend(self.enum_steps(m))
            elif isinstance(m, ast.ModuleVarDecl):
                deps = self.free_names(m.init) if m.init is not None else set()
                items.append((set(self.binding_names(m.binding)), deps, self.module_var_step(m)))
            elif isinstance(m, ast.ListenerDecl):
                items.append(({m.name}, self.free_names(m.init), self.listener_step(m)))
            elif isinstance(m, ast.ServiceDecl):
                self.program.services.append(m)
        # functions used by initialisers pull in the module variables they read
        func_deps: dict[str, set[str]] = {}
        for name, e in self.names.items():
            if e.kind == "func" and isinstance(e.node, ast.FunctionDefn) and e.node.body is not None:
                func_deps[name] = self.free_names(e.node.body)
        done: set[str] = set()
        pending = list(items)
        order: list[Callable[[], None]] = []
        defined = set().union(*(i[0] for i in items)) if items else set()

        def expand(deps: set[str]) -> set[str]:
            seen: set[str] = set()
            stack = list(deps)
            out: set[str] = set()
            while stack:
                d = stack.pop()
                if d in seen:
                    continue
                seen.add(d)
                if d in defined:
                    out.add(d)
                elif d in func_deps:
                    stack.extend(func_deps[d])
            return out

        expanded = [(names, expand(deps) - names, step) for names, deps, step in pending]
        while expanded:
            for i, (names, deps, step) in enumerate(expanded):
                if deps <= done:
                    order.append(step)
                    done |= names
                    del expanded[i]
                    break
            else:  # a cycle (or a use of something never defined): keep declaration order
                for names, _deps, step in expanded:
                    order.append(step)
                    done |= names
                expanded = []
        self.program.init_steps = order

    def free_names(self, node: Any) -> set[str]:
        out: set[str] = set()
        stack = [node]
        while stack:
            n = stack.pop()
            if isinstance(n, ast.VarRef):
                out.add(n.name)
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.VarRef):
                out.add(n.func.name)
            if isinstance(n, ast.Node):
                for a in n.__attrs_attrs__:  # type: ignore[attr-defined]
                    v = getattr(n, a.name)
                    if isinstance(v, ast.Node):
                        stack.append(v)
                    elif isinstance(v, tuple):
                        for x in v:
                            if isinstance(x, ast.Node):
                                stack.append(x)
                            elif isinstance(x, tuple):
                                stack.extend(y for y in x if isinstance(y, ast.Node))
        return out

    def const_step(self, m: ast.ConstDecl) -> Callable[[], None]:
        entry = self.names[m.name]
        t = self.resolve_type(m.type) if m.type is not None else None
        ev = self.expr(m.value, t)
        if t is None:
            t = self.static_type(m.value)
        entry.type = t
        slot = entry.value
        G = self.G
        from balmail.runtime.ops import clone_readonly

        def step() -> None:
            G[slot] = clone_readonly(ev(self.module_frame()))

        return step

    def enum_steps(self, m: ast.EnumDefn) -> list[tuple[set[str], set[str], Callable[[], None]]]:
        out = []
        enum_type = self.names[m.name].value
        for i, em in enumerate(m.members):
            entry = self.names[em.name]
            entry.type = T.STRING
            slot = entry.value
            G = self.G
            if em.value is not None:
                ev = self.expr(em.value, T.STRING)
                deps = self.free_names(em.value)
            else:
                name = em.name

                def ev(f: list[Any], name: str = name) -> Any:
                    return name

                deps = set()

            def step(ev: Eval = ev, slot: int = slot, i: int = i, G: list[Any] = G) -> None:
                G[slot] = ev(self.module_frame())
                enum_type.members[i] = T.TSingleton(G[slot])

            out.append(({em.name}, deps, step))
        return out

    def module_var_step(self, m: ast.ModuleVarDecl) -> Callable[[], None]:
        t = self.resolve_type(m.type)
        names = self.binding_names(m.binding)
        for n in names:
            self.names[n].type = t
        configurable = "configurable" in m.qualifiers
        key_of = (lambda n: f"{self.config_key}:{n}") if self.config_key else (lambda n: n)
        if configurable and isinstance(m.binding, ast.CaptureBinding):
            slot = self.names[m.binding.name].value
            self.program.configurables.append((key_of(m.binding.name), slot, t, m.required))
        if configurable:
            name0 = key_of(names[0])
            cslot = self.names[names[0]].value
            G = self.G
            ctx = self.ctx
            cev = self.expr(m.init, t) if m.init is not None else None

            def cstep() -> None:
                values = ctx.config_values
                if name0 in values:
                    G[cslot] = values[name0]
                elif cev is not None:
                    G[cslot] = cev(self.module_frame())

            return cstep
        if m.init is None:
            return lambda: None
        ev = self.expr(m.init, t)
        bind = self.module_binder(m.binding, t)

        def step() -> None:
            bind(ev(self.module_frame()))

        return step

    def module_binder(self, b: ast.BindingPattern, t: T.Type | None) -> Callable[[Any], None]:
        if isinstance(b, ast.CaptureBinding):
            slot = self.names[b.name].value
            G = self.G

            def put(v: Any) -> None:
                G[slot] = v

            return put
        # destructuring at module level: bind into a scratch frame, then copy
        scope = Scope(None)
        self.scope = scope
        binder = self.binding(b, t)
        self.scope = self.module_scope
        copies = [(scope.find_local(n)[0], self.names[n].value) for n in self.binding_names(b)]  # type: ignore[index]
        G = self.G

        def put_many(v: Any) -> None:
            f = [None, None] + [None] * scope.size
            binder(f, v)
            for src, dst in copies:
                G[dst] = f[src]

        return put_many

    def listener_step(self, m: ast.ListenerDecl) -> Callable[[], None]:
        t = self.resolve_type(m.type) if m.type is not None else None
        ev = self.expr(m.init, t)
        slot = self.names[m.name].value
        G = self.G
        self.program.listeners.append((m.name, slot))

        def step() -> None:
            v = ev(self.module_frame())
            if isinstance(v, BError):
                raise BallerinaPanic(v)
            G[slot] = v

        return step

    # ------------------------------------------------------------ types

    def lazy_type(self, m: ast.TypeDefn) -> T.Type:
        def build() -> T.Type:
            t = self.resolve_type(m.type)
            if t.name is None and not isinstance(m.type, ast.TypeRef | ast.BuiltinType):
                t.name = m.name
            return t

        return T.TLazy(m.name, build)

    def resolve_type(self, td: ast.TypeDesc | None) -> T.Type:
        if td is None:
            return T.ANY
        key = id(td)
        cached = self.type_cache.get(key)
        if cached is not None:
            return cached
        t = self._resolve_type(td)
        self.type_cache[key] = t
        return t

    def _resolve_type(self, td: ast.TypeDesc) -> T.Type:
        if isinstance(td, ast.BuiltinType):
            return {**T.BUILTIN_TYPES, "handle": T.HANDLE}.get(td.name, T.ANY)
        if isinstance(td, ast.NilType):
            return T.NIL
        if isinstance(td, ast.TypeRef):
            return self.named_type(td.prefix, td.name)
        if isinstance(td, ast.UnionType):
            return T.TUnion([self.resolve_type(m) for m in td.members])
        if isinstance(td, ast.IntersectionType):
            members = [self.resolve_type(m) for m in td.members]
            return T.TIntersection(members)
        if isinstance(td, ast.OptionalType):
            return T.TUnion([self.resolve_type(td.inner), T.NIL])
        if isinstance(td, ast.ArrayType):
            length = getattr(td, "length", None)
            n = int(length) if length and length.isdigit() else None
            return T.TArray(self.resolve_type(td.element), n)
        if isinstance(td, ast.TupleType):
            return T.TTuple(
                [self.resolve_type(m) for m in td.members],
                self.resolve_type(td.rest) if td.rest is not None else None,
            )
        if isinstance(td, ast.MapType):
            return T.TMap(self.resolve_type(td.constraint))
        if isinstance(td, ast.ErrorType):
            return T.TError(self.resolve_type(td.detail) if td.detail is not None else None)
        if isinstance(td, ast.DistinctType):
            inner = T.resolve(self.resolve_type(td.inner))
            did = frozenset({self.next_distinct()})
            if isinstance(inner, T.TError):
                return T.TError(inner.detail, inner.distinct_ids | did)
            if isinstance(inner, T.TObject):
                return T.TObject(inner.cls, inner.members, inner.distinct_ids | did)
            return inner
        if isinstance(td, ast.SingletonType):
            return T.TSingleton(self.literal_value(td.value, None))
        if isinstance(td, ast.RecordType):
            return self.record_type(td)
        if isinstance(td, ast.ObjectType):
            names = []
            for mem in td.members:
                n = getattr(mem, "name", None)
                if n:
                    names.append(n)
            return T.TObject(None, tuple(names))
        if isinstance(td, ast.FunctionType):
            return T.FUNCTION
        if isinstance(td, ast.ParameterizedType):
            if td.name == "typedesc":
                return T.TYPEDESC
            if td.name == "stream":
                return T.TStream()
            if td.name == "table":
                inner = self.resolve_type(td.args[0]) if td.args else T.ANYDATA
                return T.TArray(inner)
            return T.ANY
        return T.ANY

    def named_type(self, prefix: str | None, name: str) -> T.Type:
        if prefix is None:
            e = self.names.get(name)
            if e is None:
                raise CompileError(f"unknown type '{name}'", None)
            if e.kind == "type":
                return e.value
            if e.kind == "class":
                return e.value.type
            if e.kind == "const":
                return self.const_type(e)
            raise CompileError(f"'{name}' is not a type", None)
        if prefix == "int" and name in T.INT_SUBTYPES:
            return T.INT_SUBTYPES[name]
        if prefix == "string" and name == "Char":
            return T.TString(char=True)
        if name == "RegExp":
            return T.REGEXP
        lib = self.imports.get(prefix)
        if lib is not None:
            t = lib.types.get(name)
            if t is not None:
                return t
        return T.ANY

    def const_type(self, e: ModuleEntry) -> T.Type:
        """A constant used as a type: the singleton of its value (literal constants are known now)."""
        node = e.node
        value = getattr(node, "value", None)
        if isinstance(value, ast.Unary) and value.op == "-" and isinstance(value.operand, ast.Literal):
            return T.TSingleton(-self.literal_value(value.operand, None))
        if isinstance(value, ast.Literal):
            return T.TSingleton(self.literal_value(value, None))
        if isinstance(node, ast.EnumMember) and value is None:
            return T.TSingleton(node.name)
        G = self.G
        slot = e.value
        return T.TLazy(getattr(node, "name", "const"), lambda: T.TSingleton(G[slot]))

    def record_type(self, td: ast.RecordType) -> T.Type:
        fields: dict[str, T.Field] = {}
        rest: T.Type | None = None if td.closed else T.ANYDATA
        for inc in td.inclusions:
            base = T.resolve(self.resolve_type(inc))
            if isinstance(base, T.TRecord):
                fields.update(base.fields)
                if base.rest is not None and not td.closed:
                    rest = base.rest
        for f in td.fields:
            ft = self.resolve_type(f.type)
            default = None
            if f.default is not None:
                saved = self.scope
                self.scope = Scope(None)
                ev = self.expr(f.default, ft)
                size = self.scope.size
                self.scope = saved

                def default(ev: Eval = ev, size: int = size) -> Any:
                    return ev([None] * size)

            fields[f.name] = T.Field(f.name, ft, f.optional, default, f.readonly)
        if td.rest is not None:
            rest = self.resolve_type(td.rest)
        return T.TRecord(fields, rest)

    # ------------------------------------------------------------ functions

    def compile_signature(self, info: FunctionInfo, sig: ast.Signature, name: str) -> None:
        info.ret_type = self.resolve_type(sig.returns) if sig.returns is not None else T.NIL
        params = []
        info.simple = not any(p.default is not None or p.rest for p in sig.params)
        for p in sig.params:
            param = Param(p.name or "_", self.resolve_type(p.type), None, p.rest)
            if getattr(p, "included", False):
                param.included = True
            param.has_default = p.default is not None
            params.append(param)
        info.params = params

    def compile_function_body(
        self,
        info: FunctionInfo,
        sig: ast.Signature,
        body: ast.Block | ast.Expr,
        parent: Scope | None,
        self_class: ClassInfo | None = None,
    ) -> None:
        saved_scope, saved_class, saved_fn = self.scope, self.self_class, self.current_function
        saved_file, self.current_file = self.current_file, body.span.file
        self.current_function = info.name
        scope = Scope(parent, info.ret_type)
        self.scope = scope
        self.self_class = self_class if self_class is not None else (saved_class if parent else None)
        if info.is_method:
            scope.declare("self", self_class.type if self_class is not None else None, quiet=True)
        for p in info.params:
            t = T.TArray(p.type) if p.rest else p.type
            scope.declare(p.name, t, quiet=True)
        for p, ap in zip(info.params, sig.params, strict=True):
            if ap.default is not None:
                p.default = self.expr(ap.default, p.type)
        block = (
            body
            if isinstance(body, ast.Block)
            else ast.Block(span=body.span, statements=(ast.Return(span=body.span, value=body),))
        )
        generated = self.gen_invoke(info, block)
        run = _noop

        self.scope = saved_scope
        self.self_class = saved_class
        self.current_function = saved_fn
        self.current_file = saved_file
        info.finish(run, scope.size)
        if generated is not None:
            info.invoke = generated  # type: ignore[method-assign]

    # ------------------------------------------------------------ classes and objects

    def compile_class_shell(self, cls: ClassInfo, members: tuple[ast.Node, ...]) -> None:
        includes = []
        for m in members:
            if isinstance(m, ast.TypeInclusion):
                t = T.resolve(self.resolve_type(m.type))
                if isinstance(t, T.TObject) and t.cls is not None:
                    includes.append(t.cls)
            elif isinstance(m, ast.FunctionDefn | ast.ObjectField):
                pass
        cls.includes = tuple(includes)
        for m in members:
            if isinstance(m, ast.FunctionDefn):
                info = FunctionInfo(m.name, self.sb)
                info.is_method = True
                self.compile_signature(info, method_signature(m), m.name)
                if m.name == "init":
                    cls.init = info
                else:
                    cls.methods[method_key(m)] = info
            elif isinstance(m, ast.ObjectField):
                cls.field_types[m.name] = self.resolve_type(m.type)

    def compile_class_members(
        self, cls: ClassInfo, members: tuple[ast.Node, ...], parent: Scope | None
    ) -> None:
        for m in members:
            if isinstance(m, ast.ObjectField):
                ft = cls.field_types[m.name]
                ev = None
                if m.default is not None:
                    saved = self.scope
                    self.scope = Scope(parent)
                    inner = self.expr(m.default, ft)
                    size = self.scope.size
                    self.scope = saved

                    def ev(env: Any, inner: Eval = inner, size: int = size) -> Any:
                        f = [env, None] + [None] * size
                        return inner(f)

                cls.fields.append((m.name, ev, ft))
            elif isinstance(m, ast.FunctionDefn) and m.body is not None:
                info = cls.init if m.name == "init" else cls.methods[method_key(m)]
                assert info is not None
                self.compile_function_body(info, method_signature(m), m.body, parent, cls)

    def instantiate(self, cls: ClassInfo, env: Any, args: list[Any], named: dict[str, Any] | None) -> Any:
        obj = BObject(cls, env)
        for name, ev, _ in cls.fields:
            obj.fields[name] = ev(env) if ev is not None else None
        if cls.init is not None:
            r = cls.init.invoke(env, [obj, *cls.init.bind(args, named)])
            if isinstance(r, BError):
                return r
        return obj

    # ------------------------------------------------------------ statements

    def block_body(self, block: ast.Block) -> Exec:
        return self.gen_block_function(block)

    def stmt(self, s: ast.Stmt) -> Exec:
        method = getattr(self, "stmt_" + type(s).__name__, None)
        if method is None:
            raise CompileError(f"statement not supported: {type(s).__name__}", s.span)
        return method(s)

    def stmt_BlockStmt(self, s: ast.BlockStmt) -> Exec:
        return self.block_body(s.block)

    def stmt_VarDecl(self, s: ast.VarDecl) -> Exec:
        t = self.resolve_type(s.type) if s.type is not None else None
        ev = self.expr(s.init, t) if s.init is not None else None
        if t is None and s.init is not None:
            t = self.static_type(s.init)
        if isinstance(s.binding, ast.CaptureBinding):
            slot = self.scope.declare(s.binding.name, t)
            if ev is None:
                return _noop
            if s.final and t is not None and isinstance(T.resolve(t), T.TIntersection):
                from balmail.runtime.ops import freeze

                def decl_ro(f: list[Any]) -> None:
                    f[slot] = freeze(ev(f))

                return decl_ro

            def decl(f: list[Any]) -> None:
                f[slot] = ev(f)

            return decl
        if isinstance(s.binding, ast.WildcardBinding):
            if ev is None:
                return _noop

            def ignore(f: list[Any]) -> None:
                ev(f)

            return ignore
        binder = self.binding(s.binding, t)
        assert ev is not None

        def destructure(f: list[Any]) -> None:
            binder(f, ev(f))

        return destructure

    def stmt_Assign(self, s: ast.Assign) -> Exec:
        target = s.target
        expected = self.static_type(target)
        ev = self.expr(s.value, expected)
        return self.assigner(target, ev)

    def assigner(self, target: ast.Expr, ev: Eval) -> Exec:
        if isinstance(target, ast.VarRef):
            found = self.scope.lookup(target.name)
            if found is not None:
                depth, slot, _ = found
                if depth == 0:

                    def set0(f: list[Any]) -> None:
                        f[slot] = ev(f)

                    return set0
                if depth == 1:

                    def set1(f: list[Any]) -> None:
                        f[0][slot] = ev(f)

                    return set1

                def setn(f: list[Any]) -> None:
                    e = f
                    for _ in range(depth):
                        e = e[0]
                    e[slot] = ev(f)

                return setn
            entry = self.names.get(target.name)
            if entry is None or entry.kind != "var":
                raise CompileError(f"cannot assign to '{target.name}'", target.span)
            G = self.G
            gslot = entry.value

            def setg(f: list[Any]) -> None:
                G[gslot] = ev(f)

            return setg
        if isinstance(target, ast.FieldAccess):
            obj = self.expr(target.target)
            name = target.name

            def setfield(f: list[Any]) -> None:
                o = obj(f)
                v = ev(f)
                store_field(o, name, v)

            return setfield
        if isinstance(target, ast.MemberAccess):
            obj = self.expr(target.target)
            idx = self.expr(target.index)
            sb = self.sb

            def setmember(f: list[Any]) -> None:
                o = obj(f)
                i = idx(f)
                store_member(o, i, ev(f), sb)

            return setmember
        raise CompileError("invalid assignment target", target.span)

    def stmt_CompoundAssign(self, s: ast.CompoundAssign) -> Exec:
        from balmail.runtime.ops import BINARY

        op = BINARY[s.op]
        expected = self.static_type(s.target)
        cur = self.expr(s.target)
        rhs = self.expr(s.value, expected)
        if s.op == "+":
            from balmail.runtime.ops import add as op_add

            sb = self.sb

            def combined(f: list[Any]) -> Any:
                a = cur(f)
                b = rhs(f)
                if type(a) is int and type(b) is int:
                    r = a + b
                    if -9223372036854775808 <= r <= 9223372036854775807:
                        return r
                if type(a) is str and type(b) is str and len(a) + len(b) > sb.fast_size:
                    sb.check_size(len(a) + len(b))  # before the string is built
                return op_add(a, b)

            return self.assigner(s.target, combined)
        return self.assigner(s.target, lambda f: op(cur(f), rhs(f)))

    def stmt_Destructure(self, s: ast.Destructure) -> Exec:
        ev = self.expr(s.value)
        binder = self.binding(s.binding, None, assign=True)

        def run(f: list[Any]) -> None:
            binder(f, ev(f))

        return run

    def stmt_IgnoreStmt(self, s: ast.IgnoreStmt) -> Exec:
        ev = self.expr(s.value)

        def run(f: list[Any]) -> None:
            ev(f)

        return run

    def stmt_ExprStmt(self, s: ast.ExprStmt) -> Exec:
        ev = self.expr(s.expr)

        def run(f: list[Any]) -> None:
            ev(f)

        return run

    def stmt_If(self, s: ast.If) -> Exec:
        cond = self.expr(s.cond, T.BOOLEAN)
        then = self.block_body(s.then)
        if s.otherwise is None:

            def if_(f: list[Any]) -> Any:
                if cond(f):
                    return then(f)
                return None

            return if_
        other = self.block_body(s.otherwise) if isinstance(s.otherwise, ast.Block) else self.stmt(s.otherwise)

        def if_else(f: list[Any]) -> Any:
            if cond(f):
                return then(f)
            return other(f)

        return if_else

    def with_on_fail(self, run: Exec, on_fail: ast.OnFail | None) -> Exec:
        if on_fail is None:
            return run
        self.scope.push()
        bind: Callable[[list[Any], Any], None] | None = None
        if on_fail.binding is not None:
            t = self.resolve_type(on_fail.binding.type) if on_fail.binding.type is not None else T.ERROR
            bind = self.binding(on_fail.binding.binding, t)
        handler = self.block_body(on_fail.body)
        self.scope.pop()

        def guarded(f: list[Any]) -> Any:
            try:
                return run(f)
            except FailSignal as e:
                if bind is not None:
                    bind(f, e.error)
                return handler(f)

        return guarded

    def stmt_While(self, s: ast.While) -> Exec:
        cond = self.expr(s.cond, T.BOOLEAN)
        self.scope.loops += 1
        body = self.block_body(s.body)
        self.scope.loops -= 1
        sb = self.sb

        def while_(f: list[Any]) -> Any:
            while cond(f):
                sb.steps -= 1
                if sb.steps < 0:
                    sb.refill()
                r = body(f)
                if r is not None:
                    if r == BRK:
                        break
                    if r == CNT:
                        continue
                    return r
            return None

        return self.with_on_fail(while_, s.on_fail)

    def stmt_Foreach(self, s: ast.Foreach) -> Exec:
        sb = self.sb
        it = s.iterable
        if isinstance(it, ast.RangeExpr) and isinstance(s.binding.binding, ast.CaptureBinding):
            lo = self.expr(it.start, T.INT)
            hi = self.expr(it.end, T.INT)
            inclusive = it.inclusive
            self.scope.push()
            slot = self.scope.declare(s.binding.binding.name, T.INT)
            self.scope.loops += 1
            body = self.block_body(s.body)
            self.scope.loops -= 1
            self.scope.pop()

            def for_range(f: list[Any]) -> Any:
                end = hi(f)
                for i in range(lo(f), end + 1 if inclusive else end):
                    sb.steps -= 1
                    if sb.steps < 0:
                        sb.refill()
                    f[slot] = i
                    r = body(f)
                    if r is not None:
                        if r == BRK:
                            break
                        if r == CNT:
                            continue
                        return r
                return None

            return self.with_on_fail(for_range, s.on_fail)
        src = self.expr(it)
        src_t = self.static_type(it)
        self.scope.push()
        t = self.resolve_type(s.binding.type) if s.binding.type is not None else _iter_elem_type(src_t)
        if isinstance(s.binding.binding, ast.CaptureBinding):
            slot = self.scope.declare(s.binding.binding.name, t)
            bind = None
        else:
            slot = -1
            bind = self.binding(s.binding.binding, t)
        self.scope.loops += 1
        body = self.block_body(s.body)
        self.scope.loops -= 1
        self.scope.pop()

        def foreach(f: list[Any]) -> Any:
            for v in iterate(src(f)):
                sb.steps -= 1
                if sb.steps < 0:
                    sb.refill()
                if bind is None:
                    f[slot] = v
                else:
                    bind(f, v)
                r = body(f)
                if r is not None:
                    if r == BRK:
                        break
                    if r == CNT:
                        continue
                    return r
            return None

        return self.with_on_fail(foreach, s.on_fail)

    def stmt_Break(self, s: ast.Break) -> Exec:
        return lambda f: BRK

    def stmt_Continue(self, s: ast.Continue) -> Exec:
        return lambda f: CNT

    def stmt_Return(self, s: ast.Return) -> Exec:
        if s.value is None:
            return lambda f: RET
        ev = self.expr(s.value, self.scope.ret_type)

        def ret(f: list[Any]) -> int:
            f[1] = ev(f)
            return RET

        return ret

    def stmt_Panic(self, s: ast.Panic) -> Exec:
        ev = self.expr(s.value, T.ERROR)

        def panic(f: list[Any]) -> None:
            v = ev(f)
            if not isinstance(v, BError):
                raise runtime_panic("TypeCastError", "panic requires an error value")
            raise BallerinaPanic(v)

        return panic

    def stmt_Fail(self, s: ast.Fail) -> Exec:
        ev = self.expr(s.value, T.ERROR)

        def fail(f: list[Any]) -> None:
            raise FailSignal(ev(f))

        return fail

    def stmt_Lock(self, s: ast.Lock) -> Exec:
        """`lock { ... }`: excludes every other `lock` block of the program (runtime/strands.py)."""
        body = self.with_on_fail(self.block_body(s.body), s.on_fail)
        strands = Strands.of(self.ctx)

        def lock(f: list[Any]) -> Any:
            with strands.lock_statement():
                return body(f)

        return lock

    def stmt_Do(self, s: ast.Do) -> Exec:
        return self.with_on_fail(self.block_body(s.body), s.on_fail)

    def stmt_Retry(self, s: ast.Retry) -> Exec:
        count = 3
        if s.args:
            first = s.args[0]
            if isinstance(first, ast.Literal) and isinstance(first.value, int):
                count = first.value
        body = self.block_body(s.body)

        def retry(f: list[Any]) -> Any:
            for attempt in range(count + 1):
                try:
                    return body(f)
                except FailSignal:
                    if attempt == count:
                        raise
            return None

        return self.with_on_fail(retry, s.on_fail)

    def stmt_Match(self, s: ast.Match) -> Exec:
        subject = self.expr(s.expr)
        subject_t = self.static_type(s.expr)
        clauses = []
        for c in s.clauses:
            self.scope.push()
            pats = [self.pattern(p, subject_t) for p in c.patterns]
            guard = self.expr(c.guard, T.BOOLEAN) if c.guard is not None else None
            body = self.block_body(c.body)
            self.scope.pop()
            clauses.append((pats, guard, body))

        def match(f: list[Any]) -> Any:
            v = subject(f)
            for pats, guard, body in clauses:
                for p in pats:
                    if p(f, v):
                        if guard is None or guard(f):
                            return body(f)
                        break
            return None

        return self.with_on_fail(match, s.on_fail)

    def stmt_QueryAction(self, s: ast.QueryAction) -> Exec:
        return self.query_action(s)


_UNSET = object()


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
        ast.Param(span=s.span, type=s.param_type, name=s.name, default=None, rest=False, annotations=())
        for s in segments
        if s.param_type is not None
    )
    return ast.Signature(
        span=m.signature.span,
        params=path_params + m.signature.params,
        returns=m.signature.returns,
        return_annotations=m.signature.return_annotations,
    )


def _external(name: str) -> Callable[[Any, list[Any]], Any]:
    """`function f() = external;` has no Ballerina body and balmail has no Java to bind it to."""

    def invoke(env: Any, args: list[Any]) -> Any:
        raise runtime_panic("UnsupportedOperation", f"external function '{name}' is not available in balmail")

    return invoke


def _noop(f: list[Any]) -> None:
    return None


def _iter_elem_type(t: T.Type | None) -> T.Type | None:
    if t is None:
        return None
    r = T.resolve(t)
    if isinstance(r, T.TArray):
        return r.element
    if isinstance(r, T.TMap):
        return r.constraint
    if isinstance(r, T.TString):
        return T.STRING
    return None


def iterate(v: Any) -> Any:
    """What `foreach` walks: list members, map values, string characters, stream items, range objects."""
    if isinstance(v, BList):
        return list(v) if v else ()
    if isinstance(v, BMap):
        return list(v.values())
    if type(v) is str:
        return v
    if isinstance(v, BStream):
        return _stream_items(v)
    if isinstance(v, range):
        return v
    if isinstance(v, BObject):
        it = v.cls.methods.get("iterator")
        if it is not None:
            return _object_items(it.invoke_method(v, []))
    raise runtime_panic("TypeCastError", "value is not iterable")


_iter_for_codegen = iterate


def _stream_items(s: BStream) -> Any:
    for item in s.iterator:
        if isinstance(item, BError):
            return
        yield item


def _object_items(iterator: Any) -> Any:
    nxt = iterator.cls.methods["next"]
    while True:
        r = nxt.invoke_method(iterator, [])
        if r is None or isinstance(r, BError):
            return
        yield r["value"]


def store_field(o: Any, name: str, v: Any) -> None:
    if isinstance(o, BObject):
        o.fields[name] = v
    elif isinstance(o, BMap):
        if o.ro:
            raise runtime_panic(
                "InherentTypeViolation", f"cannot update 'readonly' field '{name}' in record", "lang.map"
            )
        rt = o.type
        if rt is not None:
            rt = T.resolve(rt)
            if isinstance(rt, T.TRecord):
                ft = rt.field_type(name)
                if ft is None:
                    raise runtime_panic(
                        "KeyNotFound", f"invalid field access: field '{name}' not found", "lang.map"
                    )
                if not ft.contains(v):
                    from balmail.runtime.ops import convert_numeric

                    c = convert_numeric(v, ft)
                    if c is not None and ft.contains(c):
                        v = c
        o[name] = v
    else:
        raise runtime_panic("TypeCastError", f"cannot set field '{name}'")


def store_member(o: Any, i: Any, v: Any, sb: Any = None) -> None:
    if type(o) is BMap and not o.ro and (o.type is None or type(o.type) is T.TMap):
        o[i] = v
        return
    if isinstance(o, BList):
        if o.ro:
            raise runtime_panic("InherentTypeViolation", "cannot update a read-only array", "lang.array")
        n = len(o)
        if type(i) is int and 0 <= i < n:
            o[i] = v
            return
        if type(i) is int and i >= n:
            et = T.element_type(o.type)
            if isinstance(T.resolve(o.type) if o.type else None, T.TArray) and o.type.length is not None:
                from balmail.runtime.errors import index_out_of_range

                raise index_out_of_range(i, n)
            if sb is not None and i >= sb.max_size:
                sb.check_size(i + 1)  # before filling: `xs[1000000000] = 1` must not allocate first
            fill = filler_value(et) if i > n else None
            while len(o) < i:
                o.append(fill)
            o.append(v)
            return
        from balmail.runtime.errors import index_out_of_range

        raise index_out_of_range(i, n)
    if isinstance(o, BMap):
        if o.ro:
            raise runtime_panic(
                "InherentTypeViolation", f"cannot update read-only map (key '{i}')", "lang.map"
            )
        store_field(o, i, v)
        return
    if isinstance(o, BObject):
        o.fields[i] = v
        return
    raise runtime_panic("TypeCastError", "value does not support member assignment")


def compile_program(module: ast.Module, ctx: Any) -> Program:
    """Compile a checked module against a run context."""
    return Compiler(module, ctx).compile()


__all__ = ["BRK", "CNT", "RET", "CompileError", "Compiler", "Program", "compile_program", "make_error"]
