"""Blocks → one generated Python function each. Common statements (declarations, assignments, `if`,
`while`, `foreach`, `return`, `break`, `continue`, expression statements) become straight-line Python with
native loops; any other statement is compiled by the closure compiler and called, its BRK/CNT/RET signal
propagated. The function records the line of the statement a panic came from, for the stack trace.
"""

from __future__ import annotations

import functools
import types
from typing import TYPE_CHECKING, Any

import attrs

from balmail.compiler import (
    access,
    codegen,
    dispatch,
    expressions,
    facts,
    patterns,
    slots,
    statements,
    typedesc,
)
from balmail.compiler.core import CompileError
from balmail.compiler.scope import Key, Scope
from balmail.runtime import ops
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic, FailSignal, runtime_panic
from balmail.runtime.functions import MISSING, FunctionInfo
from balmail.runtime.values import BError, BList, BMap
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.codegen import Gen
    from balmail.compiler.core import Compiler


def unsteady(cx: Compiler, body: ast.Block) -> frozenset[str]:
    """Names assigned anywhere in the function body (closures included) other than by
    `x += <non-negative literal>`. Any other local declared with a non-negative int stays non-negative,
    which spares its arithmetic and indexing a bound test (codegen.Gen.nonneg)."""
    changed: dict[str, bool] = {}
    for n in slots.function_nodes(cx, body):
        if isinstance(n, ast.CompoundAssign) and isinstance(n.target, ast.VarRef):
            v = n.value
            ok = n.op == "+" and isinstance(v, ast.Literal) and type(v.value) is int and v.value >= 0
            changed[n.target.name] = changed.get(n.target.name, True) and ok
        elif isinstance(n, ast.Assign) and isinstance(n.target, ast.VarRef):
            changed[n.target.name] = False
        elif isinstance(n, ast.Destructure):
            for b in slots.nodes(n.binding):
                if isinstance(b, ast.CaptureBinding):
                    changed[b.name] = False
    return frozenset(name for name, ok in changed.items() if not ok)


def _internal(e: Exception, function: str, line: int) -> BallerinaPanic:
    """A Python error inside a compiled function (an evaluator bug, or a program the checks let through)
    becomes a Ballerina panic, so a listener reports it through onError instead of crashing."""
    p = runtime_panic("InternalError", f"{type(e).__name__}: {e}")
    p.trace.append((function, line))
    return p


def _stack_overflow() -> BallerinaPanic:
    return runtime_panic("StackOverflow", "stack overflow")


def _panic_value(v: Any) -> BallerinaPanic:
    if not isinstance(v, BError):
        return runtime_panic("TypeCastError", "panic requires an error value")
    return BallerinaPanic(v)


def code_origin(cx: Compiler, kind: str, function: str) -> str:
    """The file name generated code is compiled under: `<bal|file.bal|function>`."""
    import os.path

    file = cx.current_file or cx.module.span.file  # a package's module spans many files
    return f"<{kind}|{os.path.basename(file)}|{function}>"


def new_gen(cx: Compiler) -> Gen:
    """A Gen for one generated function: its namespace starts as a copy of the first one's (the same
    sandbox-bound helpers for every function of the module, built once)."""
    if cx.gen_ns is not None:
        return codegen.Gen(cx.sb, cx.gen_ns)
    g = codegen.Gen(cx.sb)
    from balmail.runtime.access import fill_field, fill_member, iterate_query, store_field, store_member
    from balmail.runtime.access import iterate as _iter_for_codegen

    g.ns.update(
        _sb=cx.sb,
        _BP=BallerinaPanic,
        _FS=FailSignal,
        _MISSING=MISSING,
        _iterate=_iter_for_codegen,
        _qiterate=iterate_query,
        _store_field=store_field,
        _store_member=functools.partial(store_member, sb=cx.sb),
        _fill_member=functools.partial(fill_member, sb=cx.sb),
        _fill_field=fill_field,
        _BList=BList,
        _panic=_panic_value,
        _stack_overflow=_stack_overflow,
        _internal=_internal,
        _PYTHON_ERRORS=(TypeError, AttributeError, KeyError, IndexError, ValueError, ZeroDivisionError),
        _BMap=BMap,
        _TMap=T.TMap,
        _store_ok=T.store_ok,
        _freeze=ops.freeze,
    )
    cx.gen_ns = dict(g.ns)
    return g


def gen_invoke(cx: Compiler, info: FunctionInfo, block: ast.Block) -> Any:
    """A whole function as one Python function `(env, args)`: budget checks, frame, body, error exits.
    Which locals are Python locals is decided before emitting (compiler/slots.py); when a closure the
    walk did not foresee reads one, the body is generated once more with that name in the frame."""
    scope = cx.scope
    params: list[tuple[Key, int]] = [(n, slot) for names in scope.blocks for n, (slot, _) in names.items()]
    params += [(decl, slot) for decl, (slot, _) in scope.decls.items()]
    before = (scope.size, set(scope.escaped))
    saved = cx.closure_free
    cx.closure_free = slots.closure_free_span(cx, block)
    try:
        return _gen_invoke(cx, info, block, params, before)
    finally:
        cx.closure_free = saved


def _gen_invoke(
    cx: Compiler,
    info: FunctionInfo,
    block: ast.Block,
    params: list[tuple[Key, int]],
    before: tuple[int, set[int]],
) -> Any:
    scope = cx.scope
    base = 3 if info.is_method else 2
    first = base + len(info.params)
    frame = slots.frame_names(cx, block)
    for _ in range(4):
        scope.frame_names, scope.late = frame, set()
        scope.escaped.update(slot for key, slot in params if key in frame)
        g, lines = _gen_body(cx, block)
        if not scope.late:
            break
        frame |= scope.late
        scope.size, scope.escaped = before[0], set(before[1])
    else:
        raise AssertionError(f"{info.name}: locals still named late: {sorted(scope.late)}")
    scope.frame_names = None
    pad = max(0, scope.size - first)
    promoted = {s for s in range(2, scope.size) if s not in scope.escaped}
    g.ns["_PAD"] = (None,) * pad
    direct = info.simple and not info.is_method
    uses_frame = g.frame_used or not direct
    params_code = [f"_v{base + i}" for i in range(len(info.params))]
    head = []
    if direct:
        if uses_frame:
            frame_list = ["env", "None", *params_code] + (["*_PAD"] if pad else [])
            head.append(f"    f = [{', '.join(frame_list)}]")
    else:
        head.append(f"    f = [env, None, *args{', *_PAD' if pad else ''}]")
    for i, p in enumerate(info.params):
        if p.default is not None:
            idx = base + i
            head.append(f"    if f[{idx}] is _MISSING:")
            head.append(f"        f[{idx}] = {g.const(p.default)}(f)")
    if not direct:
        head += [f"    _v{s} = f[{s}]" for s in sorted(promoted) if s < first]
    # the call's step and depth accounting (Sandbox.enter); its exit counts `rets` in the `finally`
    head += ["    if next(_s.tick, 1):", "        _s.enter()"]
    head += ["    try:"]
    tail = [
        "        return None",
        "    except _FS as _e:",
        "        return _e.error",
        "    except _BP as _p:",
        "        if _p.line is None:",
        "            _p.line = _LN[_p.__traceback__.tb_lineno]",
        f"        _p.trace.append(({info.name!r}, _p.line))",
        "        _p.line = None",
        "        raise",
        "    except RecursionError:",
        "        raise _stack_overflow() from None",
        "    except MemoryError:",
        "        raise _s.out_of_memory() from None",
        "    except _PYTHON_ERRORS as _x:",
        f"        raise _internal(_x, {info.name!r}, _LN[_x.__traceback__.tb_lineno]) from None",
        "    finally:",
        "        _s.rets += 1",
    ]
    name = f"_invoke_{abs(hash(info.name)) % 10**6}"
    if direct:
        signature = ", ".join(["env", *params_code, "_s=_sb"])
        body_name = f"{name}_direct"
        parts = [f"def {body_name}({signature}):", *head, *lines, *tail]
        parts += ["", f"def {name}(env, args):", f"    return {name}_direct(env, *args)"]
    else:
        body_name = name
        parts = [f"def {name}(env, args, _s=_sb):", *head, *lines, *tail]
    source = line_table(parts, body_name, g, 0) + "\n"
    names = (name, name + "_direct") if direct else (name,)
    stubs = lazy_functions(g.ns, source, code_origin(cx, "bal", info.name), names, direct and not uses_frame)
    if direct:
        info.direct = stubs[1]
        codegen.publish_direct(cx, info)
    return stubs[0]


def _stub(*args: Any, **named: Any) -> Any:
    """The code of a generated function not compiled yet (lazy_functions gives each stub its own name in
    place of "NAME"): its first call compiles it (`_lazy` is in the function's own namespace)."""
    return _lazy("NAME", args, named)  # type: ignore[name-defined]  # noqa: F821


def lazy_functions(
    ns: dict[str, Any], source: str, origin: str, names: tuple[str, ...], frameless: bool
) -> list[Any]:
    """Function objects for the functions `names` that `source` defines, compiled by Python at the first
    call of any of them. A program's functions are all generated before it starts (so what cannot be
    compiled is found then), but CPython's `compile` of the generated source was 40% of starting a large
    program, most of whose functions a run may never call. On that first call the real code objects
    replace the stubs' own (`__code__`), so every reference taken before (callers' namespaces, function
    values, `info.invoke`) runs the compiled function directly, with no forwarding call."""
    template = _stub.__code__
    stubs = [
        types.FunctionType(
            template.replace(co_name=n, co_consts=tuple(n if c == "NAME" else c for c in template.co_consts)),
            ns,
            n,
        )
        for n in names
    ]
    for stub in stubs:
        stub.__doc__ = source  # kept for debugging (the generated source is inspectable)
    done: list[bool] = []

    def compile_now(which: str, args: tuple[Any, ...], named: dict[str, Any]) -> Any:
        if not done:
            exec(compile(source, origin, "exec"), ns)  # noqa: S102 - generated from the AST
            for stub, n in zip(stubs, names, strict=True):
                real = ns[n]
                stub.__code__, stub.__defaults__ = real.__code__, real.__defaults__
                ns[n] = stub
            # every use of the frame list went through Gen.frame()/codegen.slot_ref, which build it
            assert not frameless or "f" not in stubs[-1].__code__.co_names, source
            done.append(True)
        return ns[which](*args, **named)

    ns["_lazy"] = compile_now
    return stubs


def _gen_body(cx: Compiler, block: ast.Block) -> tuple[Gen, list[Any]]:
    """The lines of a function body, in the function's own Gen."""
    g = new_gen(cx)
    g.fn_mode = True
    lines: list[Any] = []
    saved = cx.unsteady
    cx.unsteady = unsteady(cx, block)
    try:
        with cx.quiet(True):
            gen_block(cx, block, g, lines, 2, False)
    finally:
        cx.unsteady = saved
    return g, lines


def gen_block_function(cx: Compiler, block: ast.Block, scoped: bool = True) -> Any:
    """A block as a generated function `(frame) -> signal` of its own (None, BRK, CNT or RET with the value
    in f[1]), for closure compilers and statements generated apart. Unless `scoped`, its declarations
    belong to the enclosing block."""
    with cx.quiet(False):
        if not scoped:
            return _gen_block_function(cx, block)
        with cx.scope.block():
            return _gen_block_function(cx, block)


def _gen_block_function(cx: Compiler, block: ast.Block) -> Any:
    g = new_gen(cx)
    lines: list[str] = []
    for s in block.statements:
        gen_stmt(cx, s, g, lines, 2, False)
    if not _has_code(lines, 0):
        lines.append("        pass")
    origin = code_origin(cx, "balblock", cx.current_function)
    parts = ["    _s = _sb", "    try:", *lines, "        return None", "    except _BP as _p:"]
    parts += ["        if _p.line is None:", "            _p.line = _LN[_p.__traceback__.tb_lineno]"]
    parts += ["        raise"]
    name = g.next_function_name()
    return g.function(line_table(parts, name, g, 1) + "\n", origin, name)


class LineMark:
    """An entry of the generated lines (no text) saying which Ballerina line the lines after it come
    from: `line_table` turns the marks into a table from Python line numbers to Ballerina lines, so
    generated code spends nothing per statement on knowing where it is (a panic's handler and
    values.capture_stack read the table)."""

    __slots__ = ("line",)

    def __init__(self, line: int) -> None:
        self.line = line


def line_table(parts: list[Any], function: str, g: Gen, lead: int) -> str:
    """The source of `parts` without their line marks; the table of the function named `function` goes to
    the namespace (`_LN` for its handlers, `_LINES[function]` for capture_stack). `lead` lines precede
    the source when it is compiled (g.function's `def` line)."""
    table = [0] * (1 + lead)
    text: list[str] = []
    current = 0
    for part in parts:
        if type(part) is LineMark:
            current = part.line
            continue
        for piece in part.split("\n"):
            text.append(piece)
            table.append(current)
    g.ns["_LN"] = table
    g.ns.setdefault("_LINES", {})[function] = table
    return "\n".join(text)


def _has_code(out: list[Any], start: int) -> bool:
    return any(type(x) is not LineMark for x in out[start:])


def gen_stmt(cx: Compiler, s: ast.Stmt, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    pad = "    " * ind
    out.append(LineMark(s.span.line))  # type: ignore[arg-type] # the lists hold marks between lines
    method = dispatch.handler("gen_", type(s).__name__)
    if method is None:
        run_apart(statements.stmt(cx, s), g, out, pad, in_loop)  # a kind compiled only as a closure
    elif ind < slots.MAX_INDENT:
        method(cx, s, g, out, ind, in_loop)
    else:  # CPython allows 100 indentation levels: a deeper statement goes on in a function of its own
        alone = gen_block_function(cx, ast.Block(span=s.span, statements=(s,)), scoped=False)
        run_apart(alone, g, out, pad, in_loop)
    if g.lo or g.hi:
        facts.kill(g, facts.assigned(s))
    if isinstance(s, ast.If) and s.otherwise is None and facts.exits(s.then):
        facts.learn(cx, g, s.cond, False)  # the rest of the block runs only when the condition failed


def run_apart(run: Any, g: Gen, out: list[str], pad: str, in_loop: bool) -> None:
    """Call a statement compiled apart (`run(frame) -> signal`) and pass its signal on."""
    name = g.const(run)
    out.append(f"{pad}_r = {name}({g.frame()})")
    out.append(f"{pad}if _r is not None:")
    if in_loop:
        out.append(f"{pad}    if _r == 1:")
        out.append(f"{pad}        break")
        out.append(f"{pad}    if _r == 2:")
        out.append(f"{pad}        continue")
    out.append(f"{pad}    return {g.frame() + '[1]' if g.fn_mode else '_r'}")


def gen_block(cx: Compiler, b: ast.Block, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    with cx.scope.block():
        start = len(out)
        for s in b.statements:
            gen_stmt(cx, s, g, out, ind, in_loop)
        if not _has_code(out, start):
            out.append("    " * ind + "pass")


# ------------------------------------------------------------ statements


def gen_VarDecl(cx: Compiler, s: ast.VarDecl, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    t = typedesc.resolve_type(cx, s.type) if s.type is not None else None
    b = s.binding
    pad = "    " * ind
    if s.init is None:
        if isinstance(b, ast.CaptureBinding):
            # in the frame: assigned later, perhaps on one branch only
            cx.scope.declare(b.name, t, decl=cx.record.decls.get(b))
        return
    code = codegen.built_in_place(access.guarded(cx, s.init, t, g, out, pad), g, out, pad)
    if t is None:
        t = expressions.static_type(cx, s.init)
    if isinstance(b, ast.WildcardBinding):
        out.append(pad + code)
        return
    if not isinstance(b, ast.CaptureBinding):
        binder = patterns.binding(cx, b, t)  # destructuring: binds in the frame
        out.append(f"{pad}{g.const(binder)}({g.frame()}, {code})")
        return
    if s.final and t is not None and getattr(T.resolve(t), "readonly", False) is True:
        code = f"_freeze({code})"
    slot = cx.scope.declare(b.name, t, quiet=cx.quiet_ok, decl=cx.record.decls.get(b))
    var = codegen.slot_ref(cx, g, slot)
    out.append(f"{pad}{var} = {code}")
    steady = cx.unsteady is not None and b.name not in cx.unsteady
    if steady and codegen.nonneg(code, g) and isinstance(T.resolve(t), T.TInt):
        g.nonneg.add(var)  # only ever counted up from a non-negative start (see unsteady)
    rt = T.resolve(t)
    if steady and s.type is not None and isinstance(s.init, ast.ListExpr) and var.startswith("_v"):
        if type(rt) is T.TArray and rt.length is None:
            g.list_kinds[var] = T.whole_kinds(rt.element)  # built here as this very type, never replaced


def _variable(cx: Compiler, target: ast.VarRef, g: Gen) -> str:
    """An assignable variable in generated source: a local (of this function or an enclosing one) or
    a module variable."""
    lhs = codegen.code_VarRef(cx, target, None, g)
    local = cx.scope.lookup(target.name, quiet=True, decl=cx.record.refs.get(target))
    entry = cx.names.get(target.name) if local is None else None
    if lhs is None or entry is not None and entry.kind != "var":
        raise CompileError(f"cannot assign to '{target.name}'", target.span)
    return lhs


def _store(
    cx: Compiler,
    target: ast.FieldAccess | ast.MemberAccess,
    obj: str,
    index: str,
    value: str,
    out: list[str],
    pad: str,
    g: Gen,
    structured: bool = False,
) -> None:
    """`obj.name = value` or `obj[index] = value` (container and index already evaluated into names): a map
    member of a simple value is stored inline, everything else through runtime/access.py."""
    if isinstance(target, ast.FieldAccess):
        out.append(f"{pad}_store_field({obj}, {target.name!r}, {value})")
        return
    v = g.tmp()
    out.append(f"{pad}{v} = {value}")
    tt = g.tmp()
    st = expressions.static_type(cx, target.target)
    it = expressions.static_type(cx, target.index)
    known = (
        st is not None
        and isinstance(T.resolve(st), T.TMap)
        and it is not None
        and isinstance(T.resolve(it), T.TString)
    )
    # a list or mapping built as the member type passes by its inherent type (codegen.structured)
    exact = f"{v}.type in {tt}.exact and not {v}.ro or " if structured else ""
    # unless known statically: a map and a string key
    tests = "" if known else f"type({obj}) is _BMap and type({index}) is str and "
    out.append(
        f"{pad}if {tests}not {obj}.ro"
        f" and type({tt} := {obj}.type) is _TMap"
        f" and (type({v}) in {tt}.kinds or {exact}_store_ok({tt}, {v})):"
    )
    out.append(f"{pad}    {obj}[{index}] = {v}")
    out.append(f"{pad}else:")
    literal_key = isinstance(target.index, ast.Literal) and target.index.kind == "string"
    out.append(f"{pad}    _store_member({obj}, {index}, {v}{', remove_nil=True' if literal_key else ''})")


def _place(cx: Compiler, target: ast.Expr, g: Gen, out: list[str], pad: str) -> tuple[str, str]:
    """The container (and index) of a field or member target, evaluated once into names, in order."""
    if not isinstance(target, ast.FieldAccess | ast.MemberAccess):
        raise CompileError("invalid assignment target", target.span)
    obj = g.tmp()
    out.append(f"{pad}{obj} = {container_code(cx, target.target, g)}")
    if isinstance(target, ast.FieldAccess):
        return obj, ""
    index = g.tmp()
    out.append(f"{pad}{index} = {codegen.code(cx, target.index, None, g)}")
    return obj, index


def gen_Assign(cx: Compiler, s: ast.Assign, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    declaration = cx.record.typed_single.get(s)
    if declaration is not None:  # `Pair [a] = p;`: the declaration it is (balmail/resolve)
        gen_VarDecl(cx, declaration, g, out, ind, in_loop)
        return
    pad = "    " * ind
    target = s.target
    if isinstance(target, ast.VarRef):
        lhs = _variable(cx, target, g)
        value = access.guarded(cx, s.value, expressions.static_type(cx, target), g, out, pad)
        out.append(f"{pad}{lhs} = {codegen.built_in_place(value, g, out, pad)}")
        return
    obj, index = _place(cx, target, g, out, pad)
    value = codegen.code(cx, s.value, expressions.static_type(cx, target), g)
    structured = codegen.structured(cx, s.value)
    _store(cx, target, obj, index, value, out, pad, g, structured)  # type: ignore[arg-type] # checked by _place


def container_code(cx: Compiler, e: ast.Expr, g: Gen) -> str:
    """Code reading the container of an lvalue with filling (`v[3]` in `v[3][7] = 42`, `r.inner` in
    `r.inner.x = 1`: a missing member is created from its type's filler value; spec: lvalues, filling
    read): a list member in range or a present map key is read inline, anything else goes through the
    runtime."""
    if isinstance(e, ast.MemberAccess) and type(e.target).__name__ != "XmlNavigation":
        inner = container_code(cx, e.target, g)
        idx = codegen.code(cx, e.index, None, g)
        t, i = g.tmp(), g.tmp()
        return (
            f"({t}[{i}] if ({t} := {inner}, {i} := {idx}) and type({t}) is _BList and type({i}) is int"
            f" and 0 <= {i} < len({t}) else _fill_member({t}, {i}))"
        )
    if isinstance(e, ast.FieldAccess) and not e.optional:
        inner = container_code(cx, e.target, g)
        t = g.tmp()
        name = repr(e.name)
        return (
            f"({t}[{name}] if type({t} := {inner}) is _BMap and {name} in {t} else _fill_field({t}, {name}))"
        )
    return codegen.code(cx, e, None, g)


def gen_CompoundAssign(
    cx: Compiler, s: ast.CompoundAssign, g: Gen, out: list[str], ind: int, in_loop: bool
) -> None:
    pad = "    " * ind
    target = s.target
    st = expressions.static_type(cx, target)
    if not isinstance(target, ast.VarRef):
        # `x.f op= e`, `x[i] op= e`: container and index once, then the current value, `e`, the store
        obj, index = _place(cx, target, g, out, pad)
        if isinstance(target, ast.FieldAccess):
            current = f"_field({obj}, {target.name!r})"
        else:
            current = f"_member({obj}, {index})"
        value = codegen.code(cx, s.value, st, g)
        op = "_concat" if s.op == "+" else g.const(ops.BINARY[s.op])  # `+` checks a string's size first
        combined = f"{op}({current}, {value})"
        _store(cx, target, obj, index, combined, out, pad, g)  # type: ignore[arg-type] # checked by _place
        return
    lhs = _variable(cx, target, g)
    combined = ast.Binary(span=s.span, op=s.op, left=target, right=s.value)
    code = access.guarded(cx, combined, st, g, out, pad)
    out.append(f"{pad}{lhs} = {code}")
    numeric = st is not None and isinstance(T.resolve(st), T.TInt | T.TFloat | T.TDecimal)
    if s.op == "+" and not numeric:
        out.append(f"{pad}if type({lhs}) is str and len({lhs}) > {g.sb}.fast_size:")
        out.append(f"{pad}    {g.sb}.check_size(len({lhs}))")


def gen_ExprStmt(cx: Compiler, s: ast.ExprStmt, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    e = s.expr
    one_arg = isinstance(e, ast.MethodCall) and len(e.args) == 1 and isinstance(e.args[0], ast.Expr)
    if one_arg and e.name == "push":
        st = expressions.static_type(cx, e.target)
        rt = T.resolve(st) if st is not None else None
        if isinstance(rt, T.TArray):
            # `xs.push(v);`: both evaluated once, in order, then the inline append (codegen.push_inline)
            pad = "    " * ind
            xs = codegen.code(cx, e.target, None, g)
            if not codegen.is_simple(xs, g):
                t = g.tmp()
                out.append(f"{pad}{t} = {xs}")
                xs = t
            v = g.tmp()
            value = access.guarded(cx, e.args[0], rt.element, g, out, pad)
            out.append(f"{pad}{v} = {codegen.built_in_place(value, g, out, pad)}")
            arg = e.args[0]
            kinds = codegen.simple_kinds(cx, arg)
            function = codegen.function_valued(cx, arg)
            out.append(pad + codegen.push_inline(xs, v, g, codegen.structured(cx, arg), kinds, function))
            return
    out.append("    " * ind + codegen.code(cx, e, None, g))


def gen_IgnoreStmt(cx: Compiler, s: ast.IgnoreStmt, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    out.append("    " * ind + codegen.code(cx, s.value, None, g))


def gen_Return(cx: Compiler, s: ast.Return, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    pad = "    " * ind
    if g.fn_mode:
        value = access.guarded(cx, s.value, cx.scope.ret_type, g, out, pad) if s.value is not None else "None"
        value = codegen.built_in_place(value, g, out, pad)
        out.append(f"{pad}return {value}")
        return
    if s.value is not None:
        out.append(f"{pad}{g.frame()}[1] = {codegen.code(cx, s.value, cx.scope.ret_type, g)}")
    out.append(f"{pad}return 3")


def gen_Break(cx: Compiler, s: ast.Break, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    out.append("    " * ind + ("break" if in_loop else "return 1"))


def gen_Continue(cx: Compiler, s: ast.Continue, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    out.append("    " * ind + ("continue" if in_loop else "return 2"))


def gen_Panic(cx: Compiler, s: ast.Panic, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    out.append("    " * ind + f"raise _panic({codegen.code(cx, s.value, T.ERROR, g)})")


def gen_BlockStmt(cx: Compiler, s: ast.BlockStmt, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    gen_block(cx, s.block, g, out, ind, in_loop)


def gen_If(cx: Compiler, s: ast.If, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    pad = "    " * ind
    out.append(f"{pad}if {access.guarded(cx, s.cond, T.BOOLEAN, g, out, pad)}:")
    before = facts.save(g)
    facts.learn(cx, g, s.cond, True)
    gen_block(cx, s.then, g, out, ind + 1, in_loop)
    facts.restore(g, before)
    other = s.otherwise
    if other is None:
        return
    out.append(f"{pad}else:")
    facts.learn(cx, g, s.cond, False)
    if isinstance(other, ast.Block):
        gen_block(cx, other, g, out, ind + 1, in_loop)
    else:
        gen_stmt(cx, other, g, out, ind + 1, in_loop)
    facts.restore(g, before)


def _tick(cx: Compiler, out: list[str], pad: str) -> None:
    out.append(f"{pad}if next(_s.stick, 1):")
    out.append(f"{pad}    _s.stepped()")


def gen_fresh_iteration(
    cx: Compiler,
    s: ast.While | ast.Foreach,
    elem_t: T.Type | None,
    v: str | None,
    g: Gen,
    out: list[str],
    pad: str,
) -> None:
    """A loop body that creates closures runs in a frame of its own each iteration, so each closure
    keeps the variables of the iteration that created it (as Ballerina's block-scoped variables)."""
    inner = Scope(cx.scope, cx.scope.ret_type)
    with cx.using_scope(inner):
        bind = None
        slot = None
        if isinstance(s, ast.Foreach):
            b = s.binding.binding
            if isinstance(b, ast.CaptureBinding):
                slot = inner.declare(b.name, elem_t, decl=cx.record.decls.get(b))
            else:
                bind = patterns.binding(cx, s.binding.binding, elem_t)
        body = gen_block_function(cx, s.body)
    nf = g.tmp()
    out.append(f"{pad}{nf} = [{g.frame()}, None, *{g.const((None,) * max(0, inner.size - 2))}]")
    if slot is not None:
        out.append(f"{pad}{nf}[{slot}] = {v}")
    elif bind is not None:
        out.append(f"{pad}{g.const(bind)}({nf}, {v})")
    out.append(f"{pad}_r = {g.const(body)}({nf})")
    out.append(f"{pad}if _r is not None:")
    out.append(f"{pad}    if _r == 1:")
    out.append(f"{pad}        break")
    out.append(f"{pad}    if _r == 2:")
    out.append(f"{pad}        continue")
    if g.fn_mode:
        out.append(f"{pad}    return {nf}[1]")
    else:
        out.append(f"{pad}    {g.frame()}[1] = {nf}[1]")
        out.append(f"{pad}    return 3")


def gen_While(cx: Compiler, s: ast.While, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    pad = "    " * ind
    if s.on_fail is not None:
        _gen_guarded(cx, s, g, out, pad, in_loop)
        return
    if g.lo or g.hi:  # the condition and the body run again after the body's assignments
        facts.kill(g, facts.assigned(s))
    out.append(f"{pad}while {codegen.code(cx, s.cond, T.BOOLEAN, g)}:")
    _tick(cx, out, pad + "    ")
    if slots.creates_closures(s.body, cx.closure_free):
        gen_fresh_iteration(cx, s, None, None, g, out, pad + "    ")
        return
    before = facts.save(g)
    facts.learn(cx, g, s.cond, True)
    with cx.scope.loop():
        gen_block(cx, s.body, g, out, ind + 1, True)
    facts.restore(g, before)


def gen_Foreach(cx: Compiler, s: ast.Foreach, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
    pad = "    " * ind
    if s.on_fail is not None:
        _gen_guarded(cx, s, g, out, pad, in_loop)
        return
    it = s.iterable
    v = g.tmp()
    if g.lo or g.hi:  # a later iteration runs after the body's assignments
        facts.kill(g, facts.assigned(s.body))
    if slots.creates_closures(s.body, cx.closure_free):
        if isinstance(it, ast.RangeExpr):
            lo = codegen.code(cx, it.start, T.INT, g)
            hi = codegen.code(cx, it.end, T.INT, g)
            end = f"({hi}) + 1" if it.inclusive else hi
            out.append(f"{pad}for {v} in range({lo}, {end}):")
            elem_t: T.Type | None = T.INT
        else:
            out.append(f"{pad}for {v} in _iterate({codegen.code(cx, it, None, g)}):")
            elem_t = (
                typedesc.resolve_type(cx, s.binding.type)
                if s.binding.type is not None
                else iter_elem_type(expressions.static_type(cx, it))
            )
        _tick(cx, out, pad + "    ")
        gen_fresh_iteration(cx, s, elem_t, v, g, out, pad + "    ")
        return
    if isinstance(it, ast.RangeExpr) and isinstance(s.binding.binding, ast.CaptureBinding):
        lo = codegen.code(cx, it.start, T.INT, g)
        hi = codegen.code(cx, it.end, T.INT, g)
        end = f"({hi}) + 1" if it.inclusive else hi
        with cx.scope.block():
            _range_head(cx, s, lo, end, g, out, pad)
            with cx.scope.loop():
                gen_block(cx, s.body, g, out, ind + 1, True)
        return
    src = codegen.code(cx, it, None, g)
    src_t = expressions.static_type(cx, it)
    with cx.scope.block():
        bt = s.binding.type
        t = typedesc.resolve_type(cx, bt) if bt is not None else iter_elem_type(src_t)
        out.append(f"{pad}for {v} in _iterate({src}):")
        _tick(cx, out, pad + "    ")
        if isinstance(s.binding.binding, ast.CaptureBinding):
            b = s.binding.binding
            slot = cx.scope.declare(b.name, t, quiet=cx.quiet_ok, decl=cx.record.decls.get(b))
            out.append(f"{pad}    {codegen.slot_ref(cx, g, slot)} = {v}")
        else:
            binder = patterns.binding(cx, s.binding.binding, t)
            out.append(f"{pad}    {g.const(binder)}({g.frame()}, {v})")
        with cx.scope.loop():
            gen_block(cx, s.body, g, out, ind + 1, True)


def _gen_guarded(
    cx: Compiler, s: ast.While | ast.Foreach, g: Gen, out: list[str], pad: str, in_loop: bool
) -> None:
    """A loop with `on fail`: the loop generated as a function of its own, run under the handler."""
    bare = attrs.evolve(s, on_fail=None)
    loop = gen_block_function(cx, ast.Block(span=s.span, statements=(bare,)))
    run_apart(statements.with_on_fail(cx, loop, s.on_fail), g, out, pad, in_loop)


def iter_elem_type(t: T.Type | None) -> T.Type | None:
    """The static type of what `foreach` binds from a value of type `t`, when known."""
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


def _range_head(cx: Compiler, s: ast.Foreach, lo: str, end: str, g: Gen, out: list[str], pad: str) -> None:
    """`for <var> in range(lo, end):` and the step charge of a counted loop, its variable declared."""
    assert isinstance(s.binding.binding, ast.CaptureBinding)
    b = s.binding.binding
    slot = cx.scope.declare(b.name, T.INT, quiet=cx.quiet_ok, decl=cx.record.decls.get(b))
    var = codegen.slot_ref(cx, g, slot)
    stop = g.tmp()
    if codegen.nonneg(lo, g):
        g.nonneg.add(var)  # a foreach variable is final: it stays within the range
    if lo.isdigit():
        start = lo
        out.append(f"{pad}for {var} in range({lo}, ({stop} := {end})):")
    else:
        start = g.tmp()
        out.append(f"{pad}for {var} in range(({start} := {lo}), ({stop} := {end})):")
    # the steps of a counted loop are charged 1024 iterations at a time, as many as are left
    offset = var if start == "0" else f"({var} - {start})"
    out.append(f"{pad}    if not ({offset} & 1023):")
    out.append(f"{pad}        _s.charge(min(1024, {stop} - {var}))")
