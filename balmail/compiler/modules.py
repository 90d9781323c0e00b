"""Module level: declaring members, compiling function and class bodies in order, and the
initialisation steps of constants, enums, module variables and listeners.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from balmail.compiler import (
    annotations,
    codegen,
    expressions,
    functions,
    patterns,
    typedesc,
)
from balmail.compiler.core import Compiler, ModuleEntry, Program
from balmail.compiler.scope import Scope
from balmail.gcpause import without_gc_passes
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic, runtime_panic
from balmail.runtime.functions import ClassInfo, Eval, FunctionInfo
from balmail.runtime.values import BError
from balmail.syntax import ast

# ------------------------------------------------------------ driver


@without_gc_passes
def compile_module(cx: Compiler) -> Program:
    from balmail.lib.registry import load_module

    for imp in cx.module.imports:
        if imp.alias == "_":
            continue
        linked = cx.linked.get(imp.full_name)
        if linked is None:
            linked = load_module(imp.full_name, cx.ctx, cx.qualified)
        cx.imports[imp.prefix] = linked
    members = cx.module.members
    for m in members:
        declare_member(cx, m)
    for m in members:
        # a module variable's declared type, known before function bodies are compiled so that code
        # using it sees it (a json variable's field access converting to the context's type ...)
        if isinstance(m, ast.ModuleVarDecl) and m.type is not None:
            if isinstance(m.binding, ast.CaptureBinding):
                cx.names[m.binding.name].type = typedesc.resolve_type(cx, m.type)
    for m in members:
        if isinstance(m, ast.FunctionDefn):
            functions.compile_signature(cx, cx.names[m.name].value, m.signature, m.name)
        elif isinstance(m, ast.ClassDefn):
            functions.compile_class_shell(cx, cx.names[m.name].value, m.members)
    for m in members:
        if isinstance(m, ast.FunctionDefn) and m.body is not None:
            functions.compile_function_body(cx, cx.names[m.name].value, m.signature, m.body, None, node=m)
        elif isinstance(m, ast.FunctionDefn):
            info = cx.names[m.name].value
            bound = getattr(cx.ctx, "externals", {}).get(m.name)  # host-provided (test mocks)
            info.bind_external(bound if bound is not None else _external(m.name))
            codegen.publish_direct(cx, info)
        elif isinstance(m, ast.ClassDefn):
            functions.compile_class_members(cx, cx.names[m.name].value, m.members, None)
    compile_module_init(cx, members)
    p = cx.program
    main = cx.names.get("main")
    if main is not None and main.kind == "func":
        p.main = main.value
    init = cx.names.get("init")
    if init is not None and init.kind == "func":
        p.init = init.value
    p.compiler = cx
    return p


def declare_member(cx: Compiler, m: ast.Member) -> None:
    if isinstance(m, ast.FunctionDefn):
        info = FunctionInfo(m.name, cx.sb)
        info.isolated = "isolated" in m.qualifiers
        cx.names[m.name] = ModuleEntry("func", info, node=m)
        cx.program.functions[m.name] = info
    elif isinstance(m, ast.ConstDecl):
        cx.names[m.name] = ModuleEntry("const", cx.new_slot(), None, node=m)
    elif isinstance(m, ast.ModuleVarDecl):
        for name in binding_names(cx, m.binding):
            cx.names[name] = ModuleEntry("var", cx.new_slot(), None, node=m)
    elif isinstance(m, ast.ListenerDecl):
        cx.names[m.name] = ModuleEntry("var", cx.new_slot(), None, node=m)
    elif isinstance(m, ast.TypeDefn):
        cx.names[m.name] = ModuleEntry("type", typedesc.lazy_type(cx, m), node=m)
    elif isinstance(m, ast.ClassDefn):
        cls = ClassInfo(m.name)
        cls.readonly = "readonly" in m.qualifiers
        if "distinct" in m.qualifiers:
            cls.distinct_ids = frozenset({cx.next_distinct()})
        cx.names[m.name] = ModuleEntry("class", cls, cls.type, node=m)
    elif isinstance(m, ast.EnumDefn):
        singles: list[T.Type] = []
        for em in m.members:
            slot = cx.new_slot()
            cx.names[em.name] = ModuleEntry("const", slot, None, node=em)
            singles.append(T.TSingleton(None))
        u = T.TUnion(singles)
        u.name = m.name
        cx.names[m.name] = ModuleEntry("type", u, node=m)


def binding_names(cx: Compiler, b: ast.BindingPattern) -> list[str]:
    if isinstance(b, ast.CaptureBinding):
        return [b.name]
    out: list[str] = []
    if isinstance(b, ast.ListBinding):
        for item in b.items:
            out.extend(binding_names(cx, item))
        if b.rest:
            out.append(b.rest)
    elif isinstance(b, ast.MappingBinding):
        for fb in b.fields:
            out.extend(binding_names(cx, fb.binding))
        if b.rest:
            out.append(b.rest)
    elif isinstance(b, ast.ErrorBinding):
        for item in b.positional:
            out.extend(binding_names(cx, item))
        for _, item in b.named:
            out.extend(binding_names(cx, item))
        if b.rest:
            out.append(b.rest)
    return out


# ------------------------------------------------------------ module initialisation


def compile_module_init(cx: Compiler, members: tuple[ast.Member, ...]) -> None:
    """Constants, enums, module variables and listeners, ordered so each runs after what it uses."""
    items: list[tuple[set[str], set[str], Callable[[], None]]] = []
    for m in members:
        if isinstance(m, ast.ConstDecl):
            items.append(({m.name}, free_names(cx, m.value), const_step(cx, m)))
        elif isinstance(m, ast.EnumDefn):
            items.extend(enum_steps(cx, m))
        elif isinstance(m, ast.ModuleVarDecl):
            deps = free_names(cx, m.init) if m.init is not None else set()
            items.append((set(binding_names(cx, m.binding)), deps, module_var_step(cx, m)))
        elif isinstance(m, ast.ListenerDecl):
            items.append(({m.name}, free_names(cx, m.init), listener_step(cx, m)))
        elif isinstance(m, ast.ServiceDecl):
            cx.program.services.append(m)
    items.extend(annotations.annotation_steps(cx, members, free_names))  # `T.@a` (compiler/annotations.py)
    # functions used by initialisers pull in the module variables they read (their names read only when
    # an initialiser reaches them: a large module has thousands of functions and few initialisers)
    func_bodies: dict[str, ast.Node] = {}
    for name, e in cx.names.items():
        if e.kind == "func" and isinstance(e.node, ast.FunctionDefn) and e.node.body is not None:
            func_bodies[name] = e.node.body
    func_deps: dict[str, set[str]] = {}
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
            elif d in func_bodies:
                deps = func_deps.get(d)
                if deps is None:
                    deps = func_deps[d] = free_names(cx, func_bodies[d])
                stack.extend(deps)
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
    cx.program.init_steps = order


def free_names(cx: Compiler, node: Any) -> set[str]:
    out: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.VarRef):
            out.add(n.name)
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.VarRef):
            out.add(n.func.name)
        if isinstance(n, ast.Node):
            stack.extend(ast.children(n))
    return out


def const_step(cx: Compiler, m: ast.ConstDecl) -> Callable[[], None]:
    entry = cx.names[m.name]
    t = typedesc.resolve_type(cx, m.type) if m.type is not None else None
    ev = expressions.expr(cx, m.value, t)
    if t is None:
        t = expressions.static_type(cx, m.value)
    entry.type = t
    slot = entry.value
    G = cx.G
    from balmail.runtime.ops import clone_readonly

    def step() -> None:
        G[slot] = clone_readonly(ev(cx.module_frame()))

    return step


def enum_steps(cx: Compiler, m: ast.EnumDefn) -> list[tuple[set[str], set[str], Callable[[], None]]]:
    out = []
    enum_type = cx.names[m.name].value
    for i, em in enumerate(m.members):
        entry = cx.names[em.name]
        entry.type = T.STRING
        slot = entry.value
        G = cx.G
        if em.value is not None:
            ev = expressions.expr(cx, em.value, T.STRING)
            deps = free_names(cx, em.value)
        else:
            name = em.name

            def ev(f: list[Any], name: str = name) -> Any:
                return name

            deps = set()

        def step(ev: Eval = ev, slot: int = slot, i: int = i, G: list[Any] = G) -> None:
            G[slot] = ev(cx.module_frame())
            enum_type.members[i] = T.TSingleton(G[slot])

        out.append(({em.name}, deps, step))
    return out


def module_var_step(cx: Compiler, m: ast.ModuleVarDecl) -> Callable[[], None]:
    if m.type is None:  # `var x = e;`: the initialiser's static type
        assert m.init is not None
        t = expressions.static_type(cx, m.init) or T.ANY
    else:
        t = typedesc.resolve_type(cx, m.type)
    names = binding_names(cx, m.binding)
    for n in names:
        cx.names[n].type = t
    configurable = "configurable" in m.qualifiers
    key_of = (lambda n: f"{cx.config_key}:{n}") if cx.config_key else (lambda n: n)
    if configurable and isinstance(m.binding, ast.CaptureBinding):
        slot = cx.names[m.binding.name].value
        cx.program.configurables.append((key_of(m.binding.name), slot, t, m.required))
    if configurable:
        name0 = key_of(names[0])
        cslot = cx.names[names[0]].value
        G = cx.G
        ctx = cx.ctx
        cev = expressions.expr(cx, m.init, t) if m.init is not None else None

        def cstep() -> None:
            values = ctx.config_values
            if name0 in values:
                G[cslot] = values[name0]
            elif cev is not None:
                G[cslot] = cev(cx.module_frame())

        return cstep
    if m.init is None:
        return lambda: None
    ev = expressions.expr(cx, m.init, t)
    bind = module_binder(cx, m.binding, t)

    def step() -> None:
        bind(ev(cx.module_frame()))

    return step


def module_binder(cx: Compiler, b: ast.BindingPattern, t: T.Type | None) -> Callable[[Any], None]:
    if isinstance(b, ast.CaptureBinding):
        slot = cx.names[b.name].value
        G = cx.G

        def put(v: Any) -> None:
            G[slot] = v

        return put
    # destructuring at module level: bind into a scratch frame, then copy
    scope = Scope(None)
    with cx.using_scope(scope):
        binder = patterns.binding(cx, b, t)
    copies = [(scope.find_local(n)[0], cx.names[n].value) for n in binding_names(cx, b)]  # type: ignore[index]
    G = cx.G

    def put_many(v: Any) -> None:
        f = [None, None] + [None] * scope.size
        binder(f, v)
        for src, dst in copies:
            G[dst] = f[src]

    return put_many


def listener_step(cx: Compiler, m: ast.ListenerDecl) -> Callable[[], None]:
    t = typedesc.resolve_type(cx, m.type) if m.type is not None else None
    ev = expressions.expr(cx, m.init, t)
    slot = cx.names[m.name].value
    G = cx.G
    cx.program.listeners.append((m.name, slot))

    def step() -> None:
        v = ev(cx.module_frame())
        if isinstance(v, BError):
            raise BallerinaPanic(v)
        G[slot] = v

    return step


def _external(name: str) -> Callable[[Any, list[Any]], Any]:
    """`function f() = external;` has no Ballerina body and balmail has no Java to bind it to."""

    def invoke(env: Any, args: list[Any]) -> Any:
        raise runtime_panic("UnsupportedOperation", f"external function '{name}' is not available in balmail")

    return invoke
