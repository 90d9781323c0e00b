"""Blocks → one generated Python function each. Common statements (declarations, assignments, `if`,
`while`, `foreach`, `return`, `break`, `continue`, expression statements) become straight-line Python with
native loops; any other statement is compiled by the closure compiler and called, its BRK/CNT/RET signal
propagated. The function records the line of the statement a panic came from, for the stack trace.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from balmail.lang.codegen import Gen
from balmail.lang.scope import Scope
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic, FailSignal, runtime_panic
from balmail.runtime.functions import MISSING, FunctionInfo
from balmail.runtime.values import BError, BMap
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.lang.compile import Compiler


_USES_FRAME = re.compile(r"(?<![\w.])f(?![\w])")
_LOCAL_SLOT = re.compile(r"(?<![\w\]])f\[(\d+)\]")


def _creates_closures(node: ast.Node) -> bool:
    """Whether a loop body makes function values or objects that could outlive the iteration."""
    stack: list[Any] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.AnonFunction | ast.ArrowFunction | ast.ObjectConstructor):
            return True
        if isinstance(n, ast.Node):
            for a in n.__attrs_attrs__:  # type: ignore[attr-defined]
                value = getattr(n, a.name)
                if isinstance(value, ast.Node):
                    stack.append(value)
                elif isinstance(value, tuple):
                    stack.extend(x for x in value if isinstance(x, ast.Node))
    return False


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


class StmtGenMixin:
    """Mixin of `Compiler`: block code generation."""

    def code_origin(self: Compiler, kind: str, function: str) -> str:
        """The file name generated code is compiled under: `<bal|file.bal|function>`."""
        import os.path

        file = self.current_file or self.module.span.file  # a package's module spans many files
        return f"<{kind}|{os.path.basename(file)}|{function}>"

    def new_gen(self: Compiler) -> Gen:
        g = Gen(self.sb)
        from balmail.lang.compile import _iter_for_codegen, store_field, store_member

        g.ns.update(
            _sb=self.sb,
            _BP=BallerinaPanic,
            _FS=FailSignal,
            _MISSING=MISSING,
            _iterate=_iter_for_codegen,
            _store_field=store_field,
            _store_member=functools.partial(store_member, sb=self.sb),
            _panic=_panic_value,
            _stack_overflow=_stack_overflow,
            _internal=_internal,
            _PYTHON_ERRORS=(TypeError, AttributeError, KeyError, IndexError, ValueError, ZeroDivisionError),
            _BMap=BMap,
            _TMap=T.TMap,
        )
        return g

    def gen_invoke(self: Compiler, info: FunctionInfo, block: ast.Block) -> Any:
        """A whole function as one Python function `(env, args)`: budget checks, frame, body, error exits."""
        g = self.new_gen()
        g.fn_mode = True
        lines: list[str] = []
        saved, self.quiet_ok = self.quiet_ok, True
        try:
            self.gen_block(block, g, lines, 2, False)
        finally:
            self.quiet_ok = saved
        base = 3 if info.is_method else 2
        first = base + len(info.params)
        pad = max(0, self.scope.size - first)
        escaped = self.scope.escaped
        promoted = {s for s in range(2, self.scope.size) if s not in escaped}
        if promoted:
            lines = [
                _LOCAL_SLOT.sub(
                    lambda m: f"_v{m.group(1)}" if int(m.group(1)) in promoted else m.group(0), ln
                )
                for ln in lines
            ]
        g.ns["_PAD"] = (None,) * pad
        direct = info.simple and not info.is_method
        uses_frame = any(_USES_FRAME.search(ln) for ln in lines) or not direct
        params = [f"_v{base + i}" for i in range(len(info.params))]
        head = [
            "    _s.steps -= 1",
            "    if _s.steps < 0:",
            "        _s.refill()",
            "    if _s.depth >= _s.max_depth:",
            "        raise _s.too_deep()",
        ]
        if direct:
            if uses_frame:
                frame = ["env", "None", *params] + (["*_PAD"] if pad else [])
                head.append(f"    f = [{', '.join(frame)}]")
        else:
            head.append(f"    f = [env, None, *args{', *_PAD' if pad else ''}]")
        for i, p in enumerate(info.params):
            if p.default is not None:
                idx = base + i
                head.append(f"    if f[{idx}] is _MISSING:")
                head.append(f"        f[{idx}] = {g.const(p.default)}(f)")
        if not direct:
            head += [f"    _v{s} = f[{s}]" for s in sorted(promoted) if s < first]
        head += ["    _s.depth += 1", "    _ln = 0", "    try:"]
        tail = [
            "        return None",
            "    except _FS as _e:",
            "        return _e.error",
            "    except _BP as _p:",
            "        if _p.line is None:",
            "            _p.line = _ln",
            f"        _p.trace.append(({info.name!r}, _p.line))",
            "        _p.line = None",
            "        raise",
            "    except RecursionError:",
            "        raise _stack_overflow() from None",
            "    except MemoryError:",
            "        raise _s.out_of_memory() from None",
            "    except _PYTHON_ERRORS as _x:",
            f"        raise _internal(_x, {info.name!r}, _ln) from None",
            "    finally:",
            "        _s.depth -= 1",
        ]
        name = f"_invoke_{abs(hash(info.name)) % 10**6}"
        if direct:
            signature = ", ".join(["env", *params, "_s=_sb"])
            source = f"def {name}_direct({signature}):\n" + "\n".join(head + lines + tail)
            source += f"\n\ndef {name}(env, args):\n    return {name}_direct(env, *args)\n"
        else:
            source = f"def {name}(env, args, _s=_sb):\n" + "\n".join(head + lines + tail) + "\n"
        exec(compile(source, self.code_origin("bal", info.name), "exec"), g.ns)  # noqa: S102
        fn = g.ns[name]
        fn.__doc__ = source  # kept for debugging (`balmail.lang.stmtgen` output is inspectable)
        if direct:
            info.direct = g.ns[name + "_direct"]
            self.publish_direct(info)
        return fn

    def gen_block_function(self: Compiler, block: ast.Block) -> Any:
        saved, self.quiet_ok = self.quiet_ok, False
        try:
            return self._gen_block_function(block)
        finally:
            self.quiet_ok = saved

    def _gen_block_function(self: Compiler, block: ast.Block) -> Any:
        g = self.new_gen()
        lines: list[str] = []
        self.scope.push()
        for s in block.statements:
            self.gen_stmt(s, g, lines, 2, False)
        self.scope.pop()
        if not lines:
            lines.append("        pass")
        origin = self.code_origin("balblock", self.current_function)
        body = "    _s = _sb\n    _ln = 0\n    try:\n" + "\n".join(lines) + "\n        return None\n"
        body += (
            "    except _BP as _p:\n        if _p.line is None:\n            _p.line = _ln\n        raise\n"
        )
        return g.function(body, origin)

    def gen_stmt(self: Compiler, s: ast.Stmt, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
        pad = "    " * ind
        out.append(f"{pad}_ln = {s.span.line}")
        method = getattr(self, "gen_" + type(s).__name__, None)
        if method is not None and method(s, g, out, ind, in_loop):
            return
        closure = self.stmt(s)
        name = g.const(closure)
        out.append(f"{pad}_r = {name}(f)")
        out.append(f"{pad}if _r is not None:")
        if in_loop:
            out.append(f"{pad}    if _r == 1:")
            out.append(f"{pad}        break")
            out.append(f"{pad}    if _r == 2:")
            out.append(f"{pad}        continue")
        out.append(f"{pad}    return {'f[1]' if g.fn_mode else '_r'}")

    def gen_block(self: Compiler, b: ast.Block, g: Gen, out: list[str], ind: int, in_loop: bool) -> None:
        self.scope.push()
        start = len(out)
        for s in b.statements:
            self.gen_stmt(s, g, out, ind, in_loop)
        if len(out) == start:
            out.append("    " * ind + "pass")
        self.scope.pop()

    # ------------------------------------------------------------ statements

    def gen_VarDecl(self: Compiler, s: ast.VarDecl, g: Gen, out: list[str], ind: int, in_loop: bool) -> bool:
        if not isinstance(s.binding, ast.CaptureBinding):
            return False
        t = self.resolve_type(s.type) if s.type is not None else None
        if s.final and t is not None and isinstance(T.resolve(t), T.TIntersection):
            return False
        pad = "    " * ind
        if s.init is None:
            slot = self.scope.declare(s.binding.name, t)
            return True
        code = self.code(s.init, t, g)
        if t is None:
            t = self.static_type(s.init)
        slot = self.scope.declare(s.binding.name, t, quiet=self.quiet_ok)
        out.append(f"{pad}f[{slot}] = {code}")
        return True

    def gen_Assign(self: Compiler, s: ast.Assign, g: Gen, out: list[str], ind: int, in_loop: bool) -> bool:
        pad = "    " * ind
        target = s.target
        if isinstance(target, ast.VarRef):
            lhs = self.code_VarRef(target, None, g)
            if lhs is None:
                return False
            local = self.scope.lookup(target.name, quiet=True)
            entry = self.names.get(target.name) if local is None else None
            if entry is not None and entry.kind != "var":
                return False
            out.append(f"{pad}{lhs} = {self.code(s.value, self.static_type(target), g)}")
            return True
        if isinstance(target, ast.FieldAccess) and not target.optional:
            obj = self.code(target.target, None, g)
            t = g.tmp()
            out.append(f"{pad}{t} = {obj}")
            out.append(
                f"{pad}_store_field({t}, {target.name!r}, {self.code(s.value, self.static_type(target), g)})"
            )
            return True
        if isinstance(target, ast.MemberAccess):
            obj = self.code(target.target, None, g)
            t, i, v = g.tmp(), g.tmp(), g.tmp()
            out.append(f"{pad}{t} = {obj}")
            out.append(f"{pad}{i} = {self.code(target.index, None, g)}")
            out.append(f"{pad}{v} = {self.code(s.value, self.static_type(target), g)}")
            out.append(
                f"{pad}if type({t}) is _BMap and not {t}.ro and type({t}.type) is _TMap and type({i}) is str:"
            )
            out.append(f"{pad}    {t}[{i}] = {v}")
            out.append(f"{pad}else:")
            out.append(f"{pad}    _store_member({t}, {i}, {v})")
            return True
        return False

    def gen_CompoundAssign(
        self: Compiler, s: ast.CompoundAssign, g: Gen, out: list[str], ind: int, in_loop: bool
    ) -> bool:
        if not isinstance(s.target, ast.VarRef):
            return False
        lhs = self.code_VarRef(s.target, None, g)
        local = self.scope.lookup(s.target.name, quiet=True)
        if lhs is None or (local is None and self.names[s.target.name].kind != "var"):
            return False
        combined = ast.Binary(span=s.span, op=s.op, left=s.target, right=s.value)
        code = self.code(combined, self.static_type(s.target), g)
        pad = "    " * ind
        out.append(f"{pad}{lhs} = {code}")
        st = self.static_type(s.target)
        numeric = st is not None and isinstance(T.resolve(st), T.TInt | T.TFloat | T.TDecimal)
        if s.op == "+" and not numeric:
            out.append(f"{pad}if type({lhs}) is str and len({lhs}) > _sb.fast_size:")
            out.append(f"{pad}    _sb.check_size(len({lhs}))")
        return True

    def gen_ExprStmt(
        self: Compiler, s: ast.ExprStmt, g: Gen, out: list[str], ind: int, in_loop: bool
    ) -> bool:
        out.append("    " * ind + self.code(s.expr, None, g))
        return True

    def gen_IgnoreStmt(
        self: Compiler, s: ast.IgnoreStmt, g: Gen, out: list[str], ind: int, in_loop: bool
    ) -> bool:
        out.append("    " * ind + self.code(s.value, None, g))
        return True

    def gen_Return(self: Compiler, s: ast.Return, g: Gen, out: list[str], ind: int, in_loop: bool) -> bool:
        pad = "    " * ind
        if g.fn_mode:
            value = self.code(s.value, self.scope.ret_type, g) if s.value is not None else "None"
            out.append(f"{pad}return {value}")
            return True
        if s.value is not None:
            out.append(f"{pad}f[1] = {self.code(s.value, self.scope.ret_type, g)}")
        out.append(f"{pad}return 3")
        return True

    def gen_Break(self: Compiler, s: ast.Break, g: Gen, out: list[str], ind: int, in_loop: bool) -> bool:
        out.append("    " * ind + ("break" if in_loop else "return 1"))
        return True

    def gen_Continue(
        self: Compiler, s: ast.Continue, g: Gen, out: list[str], ind: int, in_loop: bool
    ) -> bool:
        out.append("    " * ind + ("continue" if in_loop else "return 2"))
        return True

    def gen_Panic(self: Compiler, s: ast.Panic, g: Gen, out: list[str], ind: int, in_loop: bool) -> bool:
        out.append("    " * ind + f"raise _panic({self.code(s.value, T.ERROR, g)})")
        return True

    def gen_BlockStmt(
        self: Compiler, s: ast.BlockStmt, g: Gen, out: list[str], ind: int, in_loop: bool
    ) -> bool:
        self.gen_block(s.block, g, out, ind, in_loop)
        return True

    def gen_If(self: Compiler, s: ast.If, g: Gen, out: list[str], ind: int, in_loop: bool) -> bool:
        pad = "    " * ind
        out.append(f"{pad}if {self.code(s.cond, T.BOOLEAN, g)}:")
        self.gen_block(s.then, g, out, ind + 1, in_loop)
        other = s.otherwise
        if other is None:
            return True
        out.append(f"{pad}else:")
        if isinstance(other, ast.Block):
            self.gen_block(other, g, out, ind + 1, in_loop)
        else:
            self.gen_stmt(other, g, out, ind + 1, in_loop)
        return True

    def _tick(self: Compiler, out: list[str], pad: str) -> None:
        out.append(f"{pad}_s.steps -= 1")
        out.append(f"{pad}if _s.steps < 0:")
        out.append(f"{pad}    _s.refill()")

    def gen_fresh_iteration(
        self: Compiler,
        s: ast.While | ast.Foreach,
        elem_t: T.Type | None,
        v: str | None,
        g: Gen,
        out: list[str],
        pad: str,
    ) -> None:
        """A loop body that creates closures runs in a frame of its own each iteration, so each closure
        keeps the variables of the iteration that created it (as Ballerina's block-scoped variables)."""
        outer = self.scope
        inner = Scope(outer, outer.ret_type)
        self.scope = inner
        try:
            bind = None
            slot = None
            if isinstance(s, ast.Foreach):
                if isinstance(s.binding.binding, ast.CaptureBinding):
                    slot = inner.declare(s.binding.binding.name, elem_t)
                else:
                    bind = self.binding(s.binding.binding, elem_t)
            body = self.gen_block_function(s.body)
        finally:
            self.scope = outer
        nf = g.tmp()
        out.append(f"{pad}{nf} = [f, None, *{g.const((None,) * max(0, inner.size - 2))}]")
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
            out.append(f"{pad}    f[1] = {nf}[1]")
            out.append(f"{pad}    return 3")

    def gen_While(self: Compiler, s: ast.While, g: Gen, out: list[str], ind: int, in_loop: bool) -> bool:
        if s.on_fail is not None:
            return False
        pad = "    " * ind
        out.append(f"{pad}while {self.code(s.cond, T.BOOLEAN, g)}:")
        self._tick(out, pad + "    ")
        if _creates_closures(s.body):
            self.gen_fresh_iteration(s, None, None, g, out, pad + "    ")
            return True
        self.scope.loops += 1
        self.gen_block(s.body, g, out, ind + 1, True)
        self.scope.loops -= 1
        return True

    def gen_Foreach(self: Compiler, s: ast.Foreach, g: Gen, out: list[str], ind: int, in_loop: bool) -> bool:
        if s.on_fail is not None:
            return False
        pad = "    " * ind
        it = s.iterable
        v = g.tmp()
        if _creates_closures(s.body):
            if isinstance(it, ast.RangeExpr):
                lo = self.code(it.start, T.INT, g)
                hi = self.code(it.end, T.INT, g)
                end = f"({hi}) + 1" if it.inclusive else hi
                out.append(f"{pad}for {v} in range({lo}, {end}):")
                elem_t: T.Type | None = T.INT
            else:
                from balmail.lang.compile import _iter_elem_type

                out.append(f"{pad}for {v} in _iterate({self.code(it, None, g)}):")
                elem_t = (
                    self.resolve_type(s.binding.type)
                    if s.binding.type is not None
                    else _iter_elem_type(self.static_type(it))
                )
            self._tick(out, pad + "    ")
            self.gen_fresh_iteration(s, elem_t, v, g, out, pad + "    ")
            return True
        if isinstance(it, ast.RangeExpr) and isinstance(s.binding.binding, ast.CaptureBinding):
            lo = self.code(it.start, T.INT, g)
            hi = self.code(it.end, T.INT, g)
            end = f"({hi}) + 1" if it.inclusive else hi
            self.scope.push()
            slot = self.scope.declare(s.binding.binding.name, T.INT, quiet=self.quiet_ok)
            out.append(f"{pad}for f[{slot}] in range({lo}, {end}):")
            # the steps of a counted loop are charged 1024 iterations at a time
            out.append(f"{pad}    if not (f[{slot}] & 1023):")
            out.append(f"{pad}        _s.charge(1024)")
        else:
            src = self.code(it, None, g)
            from balmail.lang.compile import _iter_elem_type

            src_t = self.static_type(it)
            self.scope.push()
            t = self.resolve_type(s.binding.type) if s.binding.type is not None else _iter_elem_type(src_t)
            out.append(f"{pad}for {v} in _iterate({src}):")
            self._tick(out, pad + "    ")
            if isinstance(s.binding.binding, ast.CaptureBinding):
                slot = self.scope.declare(s.binding.binding.name, t, quiet=self.quiet_ok)
                out.append(f"{pad}    f[{slot}] = {v}")
            else:
                binder = self.binding(s.binding.binding, t)
                out.append(f"{pad}    {g.const(binder)}(f, {v})")
        self.scope.loops += 1
        self.gen_block(s.body, g, out, ind + 1, True)
        self.scope.loops -= 1
        self.scope.pop()
        return True


__all__ = ["StmtGenMixin"]
