"""Expression trees → one generated Python lambda each, instead of one closure call per node.

`code(e)` returns Python source for an expression, reading locals as `f[slot]` and inlining the int fast
paths of arithmetic and comparison (with the overflow check) via walrus temporaries; anything it does not
inline is compiled by the closure compiler and called from the generated code. Every generated operation
still goes through `ops` helpers on the slow path, so semantics are identical to the closures'.
"""

from __future__ import annotations

import functools
import itertools
from ast import literal_eval
from typing import TYPE_CHECKING, Any

from balmail.compiler import dispatch, expressions, facts, operators, slots, typedesc
from balmail.runtime import access, ops
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic, FailSignal, runtime_panic
from balmail.runtime.values import (
    INT_MAX,
    INT_MIN,
    BError,
    BFunction,
    BList,
    BMap,
    BNative,
    deep_equals,
    to_string,
)
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler

_ids = itertools.count()


def _vcall(fn: Any, *args: Any) -> Any:
    """A call of a value not statically of a function type (its arguments already evaluated, in order)."""
    if isinstance(fn, BFunction | BNative):
        return fn(*args)
    if fn is None:
        raise runtime_panic("NullReferenceException", "cannot call nil")
    raise runtime_panic("TypeCastError", "value is not a function")


def _check(v: Any) -> Any:
    if isinstance(v, BError):
        raise FailSignal(v)
    return v


def _checkpanic(v: Any) -> Any:
    if isinstance(v, BError):
        raise BallerinaPanic(v)
    return v


def _concat(sb: Any, a: Any, b: Any) -> Any:
    """`a + b` when the fast path did not apply: strings are checked against the size budget first."""
    if type(a) is str and type(b) is str:
        sb.check_size(len(a) + len(b))
        return a + b
    return ops.add(a, b)


def _ts(v: Any) -> str:
    return v if type(v) is str else to_string(v)


BASE_NS: dict[str, Any] = {
    "_add": ops.add,
    "_sub": ops.sub,
    "_mul": ops.mul,
    "_div": ops.div,
    "_mod": ops.mod,
    "_neg": ops.neg,
    "_bnot": ops.bit_not,
    "_lt": ops.lt,
    "_le": ops.le,
    "_gt": ops.gt,
    "_ge": ops.ge,
    "_deq": deep_equals,
    "_cast": ops.cast,
    "_check": _check,
    "_checkpanic": _checkpanic,
    "_ovf": operators._ovf,
    "_field": access.field,
    "_member": access.member,
    "_ts": _ts,
    "BMap": BMap,
    "BList": BList,
    "_TArray": T.TArray,
    "_BFn": BFunction,
    "_vcall": _vcall,
    "MIN": INT_MIN,
    "MAX": INT_MAX,
    "_lnew": list.__new__,
    "_dnew": dict.__new__,
}


def is_int(t: T.Type | None, code: str) -> bool:
    if code.isdigit():
        return True
    if t is None:
        return False
    r = T.resolve(t)
    return isinstance(r, T.TInt)


def _both_int(lt: T.Type | None, rt: T.Type | None, a: str, b: str) -> bool:
    """Both operands statically int (declared types of a checked program), so no runtime type test."""
    return is_int(lt, a) and is_int(rt, b) and not (a.isdigit() and b.isdigit())


def _both_str(lt: T.Type | None, rt: T.Type | None, a: str, b: str) -> bool:
    def is_str(t: T.Type | None, code: str) -> bool:
        return _is_str_literal(code) or (t is not None and isinstance(T.resolve(t), T.TString))

    return is_str(lt, a) and is_str(rt, b)


def _is_str_literal(code: str) -> bool:
    return len(code) >= 2 and code[0] in "'\"" and code[-1] == code[0]


def method_dispatcher(name: str, sb: Any) -> Any:
    """`v.name(args)` for one call site: langlib functions cached by the value's Python type; objects
    dispatch to their class's method each time."""
    from balmail.lib.langlib import method_for
    from balmail.runtime.values import BFunction, BNative, BObject

    cache: dict[type, Any] = {}

    def dispatch(v: Any, *args: Any) -> Any:
        t = type(v)
        if t is BObject:
            m = v.cls.methods.get(name) or (v.cls.init if name == "init" else None)  # `self.init()`
            if m is not None:
                return m.invoke(v.env, [v, *m.bind(list(args), None)])
            fv = v.fields.get(name)
            if isinstance(fv, BFunction | BNative):
                return fv.call(list(args), None)
            native = getattr(v.cls, "native_methods", {}).get(name)
            if native is not None:
                return native(v, *args)
            value_method = method_for(v, name, sb)  # lang.value: `toString`, `toBalString` ...
            if value_method is not None:
                return value_method(v, *args)
            raise runtime_panic("MethodNotFound", f"no method '{name}' on object")
        if t is BMap:
            fv = v.get(name)  # calling through a function-typed record field
            if isinstance(fv, BFunction | BNative):
                return fv.call(list(args), None)
        fn = cache.get(t)
        if fn is None:
            fn = method_for(v, name, sb)
            if fn is None:
                raise runtime_panic(
                    "MethodNotFound", f"no method '{name}' on value of type '{T.value_type_name(v)}'"
                )
            cache[t] = fn
        return fn(v, *args)

    return dispatch


class Gen:
    """Names and constants for one generated function."""

    def __init__(self, sb: Any, ns: dict[str, Any] | None = None) -> None:
        if ns is not None:  # the namespace of an earlier Gen for the same sandbox (stmtgen.new_gen)
            self.ns: dict[str, Any] = dict(ns)
        else:
            self.ns = dict(BASE_NS)
            self.ns["_sb"] = sb  # the sandbox this code runs under: budgets are read from it, never a global
            self.ns["_size"] = sb.sized
            self.ns["_deq"] = functools.partial(deep_equals, sb=sb)
            self.ns["_concat"] = functools.partial(_concat, sb)
            self.ns["_ts"] = lambda v: v if type(v) is str else to_string(v, sb)
            from balmail.lib.langlist import a_push1

            self.ns["_push1"] = a_push1
        self.n = 0
        self.calls = 0
        self.last_closure: Any = None
        self.last_call = ""  # the source of the last closure call (`_k3(f)`)
        self.frame_used = False  # whether the source reads the frame list `f` (see frame())
        self.simple: set[str] = set()
        """Generated expressions without side effects that may be repeated: locals and frame slots."""
        self.fn_mode = False  # generating a whole function: `return x` returns the value directly
        self.nest = 0  # expression nesting of the code being generated (see slots.MAX_CODE_NEST)
        self.int_strings: set[str] = set()  # generated `str(i)` of ints: at most 20 code points
        self.nonneg: set[str] = set()
        self.built: dict[str, tuple[str, list[Any], str]] = {}
        """Generated list and mapping constructors (`BList([...], _k3)`): kind, members, inherent type,
        for statements that build them in place (`built_in_place`)."""
        self.optimistic = False  # list reads may skip their bounds test (access.guarded)
        self.guessed = False  # one did
        self.lo: dict[str, tuple[str, int]] = {}
        self.hi: dict[str, tuple[str, int]] = {}
        """Flow facts (compiler/facts.py): Python locals `_vN` -> (Ballerina name, least/greatest value)
        where the code being generated runs."""
        self.list_kinds: dict[str, frozenset[type]] = {}
        """Locals holding a list built here by a list constructor and never assigned again (so its
        inherent type is the declared growable array type): the Python types its members may take."""
        """Generated int expressions known to be >= 0 (a `len`, a counted loop's variable from a
        non-negative start, sums and products of such): their overflow checks need one side only."""

    def const(self, value: Any) -> str:
        name = f"_k{self.n}"
        self.n += 1
        self.ns[name] = value
        return name

    def text(self, s: str) -> str:
        """A string constant in generated source."""
        return repr(s)

    @property
    def sb(self) -> str:
        """The sandbox in generated source: a function's own lines have it as the local `_s`."""
        return "_s" if self.fn_mode else "_sb"

    def frame(self) -> str:
        """The frame list in generated source; a function's frame list is built only when used."""
        self.frame_used = True
        return "f"

    def tmp(self) -> str:
        name = f"_t{self.n}"
        self.n += 1
        return name

    def call(self, closure: Any) -> str:
        self.calls += 1
        self.last_closure = closure
        self.last_call = f"{self.const(closure)}({self.frame()})"
        return self.last_call

    def lambda_(self, code: str) -> Any:
        return eval(f"lambda f: {code}", self.ns)  # noqa: S307 - source built here from the AST, not user text

    def next_function_name(self) -> str:
        return f"_g{next(_ids)}"

    def function(self, body: str, origin: str = "<balblock>", name: str | None = None) -> Any:
        """Compile `def _gN(f): body`; `origin` becomes the code's file name, which error stack traces
        read (see values.capture_stack)."""
        name = name or self.next_function_name()
        exec(compile(f"def {name}(f):\n{body}", origin, "exec"), self.ns)  # noqa: S102 - generated from the AST
        return self.ns[name]


_CMP = {"<": "_lt", "<=": "_le", ">": "_gt", ">=": "_ge"}
_ARITH = {"+": "_add", "-": "_sub", "*": "_mul"}


def code(cx: Compiler, e: ast.Expr, expected: T.Type | None, g: Gen) -> str:
    if not cx.generate_expressions:
        return g.call(expressions.expr_closure(cx, e, expected))
    if g.nest >= slots.MAX_CODE_NEST:
        # Python's parser refuses deeply nested parentheses: go on in a separately generated lambda
        return g.call(expressions.expr(cx, e, expected))
    method = dispatch.handler("code_", type(e).__name__)
    if method is not None:
        g.nest += 1
        try:
            r = method(cx, e, expected, g)
        finally:
            g.nest -= 1
        if r is not None:
            return r
    return g.call(expressions.expr_closure(cx, e, expected))


def code_Literal(cx: Compiler, e: ast.Literal, expected: T.Type | None, g: Gen) -> str | None:
    v = expressions.literal_value(cx, e, expected)
    if type(v) is int and not INT_MIN <= v <= INT_MAX:
        return None
    if type(v) is str:
        return g.text(v)
    if v is None or type(v) in (int, bool):
        return repr(v)
    return g.const(v)


def code_VarRef(cx: Compiler, e: ast.VarRef, expected: T.Type | None, g: Gen) -> str | None:
    found = cx.scope.lookup(e.name, quiet=cx.quiet_ok, decl=cx.record.refs.get(e))
    if found is not None:
        depth, slot, _ = found
        return slot_ref(cx, g, slot, depth)
    entry = cx.names.get(e.name)
    if entry is not None and entry.kind in ("var", "const"):
        return f"{g.const(cx.G)}[{entry.value}]"
    if entry is not None and entry.kind == "func":  # a module function as a value: one per site, as closures
        ref = g.const(BFunction(entry.value, None))
        g.simple.add(ref)
        return ref
    return None


def code_Binary(cx: Compiler, e: ast.Binary, expected: T.Type | None, g: Gen) -> str | None:
    op = e.op
    if op in ("&&", "||"):
        a = code(cx, e.left, T.BOOLEAN, g)
        b = code(cx, e.right, T.BOOLEAN, g)
        return f"({a} {'and' if op == '&&' else 'or'} {b})"
    lexp, rexp, lt, rt = _operand_types(cx, e, expected)
    a = code(cx, e.left, lexp, g)
    b = code(cx, e.right, rexp, g)
    ta, tb = g.tmp(), g.tmp()
    both = _both_int(lt, rt, a, b)
    if both:
        if op in _ARITH:
            return _int_arith(op, a, b, g)
        if op in _CMP or op in ("==", "!="):
            return f"({a} {op} {b})"
        if op in ("/", "%"):
            py, slow = ("//", "_div") if op == "/" else ("%", "_mod")
            if b.isdigit() and int(b) > 0:
                if nonneg(a, g):  # truncating and flooring agree on non-negative operands
                    out = f"({a} {py} {b})"
                    g.nonneg.add(out)
                    return out
                return f"({ta} {py} {b} if ({ta} := {a}) >= 0 else {slow}({ta}, {b}))"
            return f"({ta} {py} {tb} if (({ta} := {a}) >= 0) & (({tb} := {b}) > 0) else {slow}({ta}, {tb}))"
    if op in ("==", "!=") and _both_str(lt, rt, a, b):
        return f"({a} {op} {b})"
    if op == "+" and _both_str(lt, rt, a, b):
        # the size budget is checked before the new string is allocated
        la, lb = _max_len(a, g), _max_len(b, g)
        if la is not None and lb is not None:  # both lengths bounded: compare the bound, not the lengths
            return f"({a} + {b} if {la + lb} <= {g.sb}.fast_size else _concat({a}, {b}))"
        fits = f"len({ta} := {a}) + len({tb} := {b}) <= {g.sb}.fast_size"
        return f"({ta} + {tb} if {fits} else _concat({ta}, {tb}))"
    if op == "+" and (_is_str_literal(a) or _is_str_literal(b)):
        return (
            f"({ta} + {tb} if (type({ta} := {a}) is str) & (type({tb} := {b}) is str) "
            f"and len({ta}) + len({tb}) <= {g.sb}.fast_size else _concat({ta}, {tb}))"
        )
    if b.isdigit() and op in _ARITH:
        tr = g.tmp()
        return (
            f"({tr} if type({ta} := {a}) is int and MIN <= ({tr} := {ta} {op} {b}) <= MAX "
            f"else {_ARITH[op]}({ta}, {b}))"
        )
    if b.isdigit() and op in _CMP:
        return f"({ta} {op} {b} if type({ta} := {a}) is int else {_CMP[op]}({ta}, {b}))"
    if op in _ARITH:
        tr = g.tmp()
        py = op
        return (
            f"({tr} if ((type({ta} := {a}) is int) & (type({tb} := {b}) is int)) "
            f"and MIN <= ({tr} := {ta} {py} {tb}) <= MAX else {_ARITH[op]}({ta}, {tb}))"
        )
    if op in _CMP:
        return (
            f"({ta} {op} {tb} if (type({ta} := {a}) is int) & (type({tb} := {b}) is int) "
            f"else {_CMP[op]}({ta}, {tb}))"
        )
    if op in ("==", "!="):
        tt = g.tmp()
        neg = "not " if op == "!=" else ""
        return (
            f"({neg}({ta} == {tb} if (({tt} := type({ta} := {a})) is type({tb} := {b})) "
            f"& (({tt} is int) | ({tt} is str)) else _deq({ta}, {tb})))"
        )
    if op in ("/", "%"):
        py, slow = ("//", "_div") if op == "/" else ("%", "_mod")
        # Python's floor division and modulo agree with Ballerina's for non-negative operands
        return (
            f"({ta} {py} {tb} if ((type({ta} := {a}) is int) & (type({tb} := {b}) is int)) "
            f"and {ta} >= 0 and {tb} > 0 else {slow}({ta}, {tb}))"
        )
    fn = ops.BINARY.get(op)
    if fn is None:
        return None
    return f"{g.const(fn)}({a}, {b})"


_LO, _HI = str(INT_MIN), str(INT_MAX)


def slot_ref(cx: Compiler, g: Gen, slot: int, depth: int = 0) -> str:
    """A local variable in generated source: a Python local `_v5` in a function's own lines when no code
    compiled apart reads the slot (decided before emitting, compiler/slots.py), else the frame list."""
    if depth == 0 and g.fn_mode and slot not in cx.scope.escaped:
        ref = f"_v{slot}"
    elif depth and g.fn_mode:
        ref = "env" + "[0]" * (depth - 1) + f"[{slot}]"  # a function's own lines: `env` is its f[0]
    else:
        ref = g.frame() + "[0]" * depth + f"[{slot}]"
    g.simple.add(ref)
    return ref


def is_simple(code: str, g: Gen) -> bool:
    """Whether generated `code` is a local, a frame slot or an int literal: no side effects, cheap to redo."""
    return code.isdigit() or code in g.simple


def _max_len(code: str, g: Gen) -> int | None:
    """The most code points a generated string expression can have, when known: a literal, an int's
    string form (at most 20)."""
    if _is_str_literal(code):
        try:
            value = literal_eval(code)
        except (ValueError, SyntaxError):
            return None
        return len(value) if type(value) is str else None
    return 20 if code in g.int_strings else None


def nonneg(code: str, g: Gen) -> bool:
    """Whether generated int `code` is >= 0: a literal, a length, a steady local counted up from a
    non-negative start (all in `g.nonneg`, true wherever the code appears), or a local a flow fact bounds
    here (compiler/facts.py)."""
    return code.isdigit() or code in g.nonneg or code in g.lo and g.lo[code][1] >= 0


def _int_arith(op: str, a: str, b: str, g: Gen) -> str:
    """`a op b` on two ints, range-checked against only the bounds it can cross, given what is known of
    the operands (facts.bounds): adding a non-negative value can only overflow upwards, subtracting one
    only downwards, the difference of two non-negative values never, the product of two non-negative
    values only upwards; `n - 1` after `n >= 2` is proven, and so is `i + 1` where `i < xs.length()`."""
    la, ha = facts.bounds(a, g)
    lb, hb = facts.bounds(b, g)
    if op == "+":
        lo, hi = la + lb, ha + hb
    elif op == "-":
        lo, hi = la - hb, ha - lb
    else:
        corners = (la * lb, la * hb, ha * lb, ha * hb)
        lo, hi = min(corners), max(corners)
    up, down = hi > INT_MAX, lo < INT_MIN
    tr = g.tmp()
    if up and down:
        return f"({tr} if {_LO} <= ({tr} := {a} {op} {b}) <= {_HI} else _ovf(0, 0))"
    if down:
        return f"({tr} if ({tr} := {a} {op} {b}) >= {_LO} else _ovf(0, 0))"
    out = f"({tr} if ({tr} := {a} {op} {b}) <= {_HI} else _ovf(0, 0))" if up else f"({a} {op} {b})"
    if op != "-" and a.isdigit() | (a in g.nonneg) and b.isdigit() | (b in g.nonneg):
        g.nonneg.add(out)  # non-negative wherever this code appears, not only under this flow fact
    return out


def code_Unary(cx: Compiler, e: ast.Unary, expected: T.Type | None, g: Gen) -> str | None:
    op = e.op
    if op == "-" and isinstance(e.operand, ast.Literal):
        return None
    if op == "!":
        return f"(not {code(cx, e.operand, T.BOOLEAN, g)})"
    if op == "-":
        return f"_neg({code(cx, e.operand, expected, g)})"
    if op == "~":
        return f"_bnot({code(cx, e.operand, expected, g)})"
    return code(cx, e.operand, expected, g)


def code_Conditional(cx: Compiler, e: ast.Conditional, expected: T.Type | None, g: Gen) -> str | None:
    c = code(cx, e.cond, T.BOOLEAN, g)
    a = code(cx, e.then, expected, g)
    b = code(cx, e.otherwise, expected, g)
    return f"({a} if {c} else {b})"


def code_Elvis(cx: Compiler, e: ast.Elvis, expected: T.Type | None, g: Gen) -> str | None:
    a = code(cx, e.left, T.union(expected, T.NIL) if expected is not None else None, g)
    b = code(cx, e.right, expected, g)
    t = g.tmp()
    return f"({b} if ({t} := {a}) is None else {t})"


def code_IsExpr(cx: Compiler, e: ast.IsExpr, expected: T.Type | None, g: Gen) -> str | None:
    t = typedesc.resolve_type(cx, e.type)
    a = code(cx, e.expr, None, g)
    test = f"{g.const(t.contains)}({a})"
    return f"(not {test})" if e.negated else test


def code_Cast(cx: Compiler, e: ast.Cast, expected: T.Type | None, g: Gen) -> str | None:
    if e.type is None:
        return code(cx, e.expr, expected, g)
    t = typedesc.resolve_type(cx, e.type)
    return f"_cast({code(cx, e.expr, t, g)}, {g.const(t)})"


def code_CheckExpr(cx: Compiler, e: ast.CheckExpr, expected: T.Type | None, g: Gen) -> str | None:
    want = T.union(expected, T.ERROR) if expected is not None else None
    inner = code(cx, e.expr, want, g)
    return f"{'_checkpanic' if e.panics else '_check'}({inner})"


def code_Template(cx: Compiler, e: ast.Template, expected: T.Type | None, g: Gen) -> str | None:
    if e.kind != "string" or not e.exprs or len(e.exprs) > 8:
        return None
    parts = [g.text(e.strings[0])] if e.strings[0] else []
    for x, s in zip(e.exprs, e.strings[1:], strict=True):
        t = g.tmp()
        xt = expressions.static_type(cx, x)
        rx = T.resolve(xt) if xt is not None else None
        if isinstance(rx, T.TString):
            parts.append(code(cx, x, None, g))
        elif isinstance(rx, T.TInt):
            parts.append(f"str({code(cx, x, None, g)})")  # an int's string form is Python's
        else:
            parts.append(f"({t} if type({t} := {code(cx, x, None, g)}) is str else _ts({t}))")
        if s:
            parts.append(g.text(s))
    if len(parts) == 1:
        return f"_ts({parts[0]})"
    tr = g.tmp()
    return f"({tr} if len({tr} := {' + '.join(parts)}) <= {g.sb}.fast_size else _size({tr}))"


def direct_name(cx: Compiler, info: Any, g: Gen) -> str:
    """A global name in this generated function's namespace bound to `info.direct` (now, or when the
    callee is generated), so static calls skip the attribute lookup."""
    name = f"_d{id(info)}"
    if info.direct is not None:
        g.ns[name] = info.direct
    else:
        cx.direct_refs.setdefault(id(info), []).append((g.ns, name))
    return name


def publish_direct(cx: Compiler, info: Any) -> None:
    for ns, name in cx.direct_refs.pop(id(info), []):
        ns[name] = info.direct


def code_ListExpr(cx: Compiler, e: ast.ListExpr, expected: T.Type | None, g: Gen) -> str | None:
    from balmail.compiler.constructors import _fitting_list_member, _inferred_array, _pick, _wants_readonly

    if _wants_readonly(expected) or any(isinstance(i, ast.Spread) for i in e.items):
        return None
    if expected is None:
        expected = _inferred_array(cx, e)
    lt = _pick(expected, (T.TArray, T.TTuple), default_anydata=True)
    if lt is not None:
        lt = _fitting_list_member(expected, lt, len(e.items))
    r = T.resolve(lt) if lt is not None else None
    if lt is not None and not isinstance(r, T.TArray | T.TTuple):
        return None
    if len(e.items) < (len(r.members) if isinstance(r, T.TTuple) else getattr(r, "length", 0) or 0):
        return None  # filler values: the closure path completes the list
    if getattr(r, "infer_length", False):
        return None  # `T[*]`: the closure path fixes the length
    items = [code(cx, x, T.element_type(lt, i) if lt is not None else None, g) for i, x in enumerate(e.items)]
    inherent = g.const(lt)
    out = f"BList([{', '.join(items)}], {inherent})"
    g.built[out] = ("list", items, inherent)
    return out


def code_MappingExpr(cx: Compiler, e: ast.MappingExpr, expected: T.Type | None, g: Gen) -> str | None:
    from balmail.compiler.constructors import _pick, _pick_record, _wants_readonly

    if _wants_readonly(expected) or any(f.kind not in ("key", "string", "shorthand") for f in e.fields):
        return None
    mt = _pick_record(expected, e) or _pick(expected, (T.TRecord, T.TMap), default_anydata=True)
    r = T.resolve(mt) if mt is not None else None
    if isinstance(r, T.TRecord):
        if any(f.default is not None for f in r.fields.values()):
            return None
        if [f.key for f in e.fields] != [k for k in r.fields if k in {f.key for f in e.fields}]:
            return None  # keep the closure path, which orders fields as declared
        field_type = r.field_type
    elif isinstance(r, T.TMap):
        field_type = lambda _k: r.constraint  # noqa: E731
    elif mt is None:
        field_type = lambda _k: None  # noqa: E731
    else:
        return None
    keyed = [(g.text(f.key or ""), code(cx, f.value, field_type(f.key or ""), g)) for f in e.fields]
    inherent = g.const(mt)
    out = f"BMap({{{', '.join(f'{k}: {v}' for k, v in keyed)}}}, {inherent})"
    g.built[out] = ("map", keyed, inherent)
    return out


def built_in_place(code: str, g: Gen, out: list[str], pad: str) -> str:
    """`code` as the value of a statement at `pad`: a list or mapping constructor becomes lines that make
    the empty container in C (`list.__new__`, no Python `__init__`: half the cost), store its members in
    order and set its inherent type, in a temporary the statement then uses; other code is returned
    as is."""
    built = g.built.get(code)
    if built is None:
        return code
    kind, members, inherent = built
    t = g.tmp()
    if kind == "list":
        out.append(f"{pad}{t} = _lnew(BList)")
        if members:
            out.append(f"{pad}{t} += [{', '.join(members)}]")
    else:
        out.append(f"{pad}{t} = _dnew(BMap)")
        out += [f"{pad}{t}[{key}] = {value}" for key, value in members]
    out.append(f"{pad}{t}.type = {inherent}")
    out.append(f"{pad}{t}.ro = False")
    return t


def push_inline(
    xs: str,
    v: str,
    g: Gen,
    structured: bool = False,
    simple: frozenset[type] | None = None,
    function: bool = False,
) -> str:
    """`xs.push(v)` for a list and a value without side effects (locals or literals): appended in place
    when the list's inherent type takes any value of `v`'s Python type (`Type.kinds`) or, for a value
    statically a list or mapping, its inherent type (`Type.exact`), else `a_push1`. `simple`: the Python
    types `v` can have, when its static type says so; a list whose inherent type is known to take them
    all (`Gen.list_kinds`) needs no type test. `function`: `v` is statically a function value, whose
    compiled function the list's type may already have taken (`Type.exact`)."""
    known = g.list_kinds.get(xs)
    if simple and known is not None and simple <= known:
        fits = f"not {xs}.ro and len({xs}) < {g.sb}.max_size"
        return f"({xs}.append({v}) if {fits} else _push1(_sb, {xs}, {v}))"
    tt = g.tmp()
    test = f"type({v}) in {tt}.kinds"
    if structured:
        test = f"({test} or {v}.type in {tt}.exact and not {v}.ro)"
    elif function:
        test = f"({test} or type({v}) is _BFn and {v}.bound_self is None and {v}.info in {tt}.exact)"
    return (
        f"({xs}.append({v}) if type({tt} := {xs}.type) is _TArray and {test} "
        f"and not {xs}.ro and len({xs}) < {g.sb}.max_size else _push1(_sb, {xs}, {v}))"
    )


def simple_kinds(cx: Compiler, e: ast.Expr) -> frozenset[type] | None:
    """The Python types values of `e` can have when its static type is one simple basic type."""
    t = expressions.static_type(cx, e)
    r = T.resolve(t) if t is not None else None
    if type(r) in (T.TInt, T.TString, T.TFloat, T.TBoolean, T.TDecimal):
        return T.whole_kinds(r) or None
    return None


def function_valued(cx: Compiler, e: ast.Expr) -> bool:
    """Whether `e` is statically of a function type (its values are function values)."""
    t = expressions.static_type(cx, e)
    local = isinstance(e, ast.VarRef) and cx.scope.lookup(e.name, quiet=True, decl=cx.record.refs.get(e))
    if t is None and isinstance(e, ast.VarRef) and local is None:
        entry = cx.names.get(e.name)
        return entry is not None and entry.kind == "func"
    return t is not None and type(T.resolve(t)) is T.TFunction


def structured(cx: Compiler, e: ast.Expr) -> bool:
    """Whether every value of `e` is a list or mapping value (has `type` and `ro`): a list or mapping
    constructor, or a static type of lists or mappings."""
    if isinstance(e, ast.ListExpr | ast.MappingExpr):
        return True
    t = expressions.static_type(cx, e)
    return t is not None and type(T.resolve(t)) in (T.TArray, T.TMap, T.TRecord, T.TTuple)


def operand_types(cx: Compiler, e: ast.Binary, expected: T.Type | None) -> tuple[Any, Any]:
    """The types the operands of `e` are compiled against (see _operand_types)."""
    return _operand_types(cx, e, expected)[:2]


def _operand_types(cx: Compiler, e: ast.Binary, expected: T.Type | None) -> tuple[Any, Any, Any, Any]:
    """The types the operands of `e` are compiled against, then the operands' static types (code_Binary
    reads them too: asking once per operator matters in a large file)."""
    from balmail.compiler.expressions import _numeric_want

    lt = expressions.static_type(cx, e.left)
    rtp = expressions.static_type(cx, e.right)
    if e.op in ("+", "-", "*", "/", "%"):
        want = expected if _numeric_want(expected) else None
        lexp = want or (rtp if isinstance(e.left, ast.Literal) else None)
        rexp = want or (lt if isinstance(e.right, ast.Literal) else None)
    else:
        lexp = rtp if isinstance(e.left, ast.Literal | ast.Unary) else None
        rexp = lt if isinstance(e.right, ast.Literal | ast.Unary) else None
    return lexp, rexp, lt, rtp
