"""Expressions → closures `ev(frame) -> value`: the dispatch, light static types, literals,
names and string templates. Other expression families live in their own modules.
"""

from __future__ import annotations

import decimal
from typing import TYPE_CHECKING, Any

from balmail.compiler import codegen, dispatch, typedesc
from balmail.compiler.scope import SLOT_KINDS
from balmail.runtime import types as T
from balmail.runtime.functions import Eval
from balmail.runtime.tables import TTable
from balmail.runtime.values import (
    INT_MAX,
    INT_MIN,
    BFunction,
    BList,
    BNative,
    BTypedesc,
    decimal_value,
    to_string,
)
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler

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


def expr(cx: Compiler, e: ast.Expr, expected: T.Type | None = None) -> Eval:
    """The closure for an expression: generated as one lambda where possible (see codegen.py)."""
    if not isinstance(e, _INLINE_ROOTS):
        return expr_closure(cx, e, expected)
    from balmail.compiler.codegen import Gen

    g = Gen(cx.sb)
    with cx.quiet(False):
        code = codegen.code(cx, e, expected, g)
    if g.calls == 1 and code == g.last_call:  # one closure call and nothing else: the closure itself
        return g.last_closure
    return g.lambda_(code)


def expr_closure(cx: Compiler, e: ast.Expr, expected: T.Type | None = None) -> Eval:
    method = dispatch.handler("expr_", type(e).__name__)
    if method is None:
        from balmail.compiler.core import CompileError

        raise CompileError(f"expression not supported: {type(e).__name__}", e.span)
    return method(cx, e, expected)


# ------------------------------------------------------------ static types (light inference)


_ARITHMETIC = frozenset(("+", "-", "*", "/", "%"))
_UNDECLARED = object()


def _arithmetic_type(cx: Compiler, e: ast.Binary) -> T.Type | None:
    """The type of `a + b + c ...`: the first operand's with a known type (`i * f`: the float's). Walks
    the left spine without recursion and remembers each level's answer, as code generation asks at every
    level of a chain (50,000 terms would otherwise take quadratic time)."""
    memo = cx.arithmetic_types
    spine: list[ast.Binary] = []
    node: ast.Expr = e
    found: T.Type | None = None
    while True:
        hit = memo.get(id(node))
        if hit is not None and hit[0] is node:
            found = hit[1]
            break
        if not (isinstance(node, ast.Binary) and node.op in _ARITHMETIC):
            found = static_type(cx, node)
            break
        spine.append(node)
        node = node.left
    for level in reversed(spine):
        if found is None:
            found = static_type(cx, level.right)
        elif level.op == "*" and isinstance(T.resolve(found), T.TInt):
            # an int times a float or decimal has the float's or decimal's type (Ballerina 2201.1)
            right = static_type(cx, level.right)
            if right is not None and isinstance(T.resolve(right), T.TFloat | T.TDecimal):
                found = right
        memo[id(level)] = (level, found)
    return found


_LITERAL_TYPES: dict[str, T.Type] = {
    "int": T.INT,
    "float": T.FLOAT,
    "decimal": T.DECIMAL,
    "string": T.STRING,
    "boolean": T.BOOLEAN,
    "nil": T.NIL,
}


def static_type(cx: Compiler, e: ast.Expr | None) -> T.Type | None:
    if e is None:
        return None
    if isinstance(e, ast.Literal):
        return _LITERAL_TYPES.get(e.kind)
    if isinstance(e, ast.VarRef):
        decl = cx.record.refs.get(e)
        if decl is not None and decl.kind in SLOT_KINDS:  # a local: the type its declaration was given
            known = cx.scope.types.get(decl, _UNDECLARED)
            if known is not _UNDECLARED:
                return known  # type: ignore[return-value]
        found = cx.scope.lookup(e.name, quiet=True, decl=decl)  # `self`, variables the compiler made
        if found is not None:
            return found[2]
        entry = cx.names.get(e.name)
        if entry is not None and entry.kind in ("var", "const"):
            return entry.type
        return None
    if isinstance(e, ast.FieldAccess):
        base = static_type(cx, e.target)
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
        base = static_type(cx, e.target)
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
        if isinstance(base, TTable):
            return T.TUnion([base.row, T.NIL])
        return None
    if isinstance(e, ast.Call) and isinstance(e.func, ast.VarRef):
        if cx.scope.lookup(e.func.name, quiet=True, decl=cx.record.refs.get(e.func)) is None:
            entry = cx.names.get(e.func.name)
            if entry is not None and entry.kind == "func":
                return entry.value.ret_type
        return None
    if isinstance(e, ast.Binary):
        if e.op in _ARITHMETIC:
            return _arithmetic_type(cx, e)
        if e.op in ("==", "!=", "<", ">", "<=", ">=", "&&", "||", "===", "!=="):
            return T.BOOLEAN
        return None
    if isinstance(e, ast.Unary):
        return T.BOOLEAN if e.op == "!" else static_type(cx, e.operand)
    if isinstance(e, ast.Cast) and e.type is not None:
        return typedesc.resolve_type(cx, e.type)
    if isinstance(e, ast.Template):
        if e.kind == "raw":
            from balmail.runtime.rawtemplate import RAW_TEMPLATE

            return RAW_TEMPLATE
        return T.REGEXP if e.kind == "re" else T.XML if e.kind == "xml" else T.STRING
    if isinstance(e, ast.CheckExpr):
        inner = static_type(cx, e.expr)
        if inner is None:
            return None
        r = T.resolve(inner)
        if isinstance(r, T.TUnion):
            rest = [m for m in r.members if not isinstance(T.resolve(m), T.TError)]
            return rest[0] if len(rest) == 1 else T.TUnion(rest)
        return inner
    if isinstance(e, ast.Conditional):
        return static_type(cx, e.then)
    if isinstance(e, ast.Elvis):
        return _elvis_type(cx, e)
    if isinstance(e, ast.NewExpr) and isinstance(e.type, ast.TypeRef):
        try:
            return typedesc.resolve_type(cx, e.type)
        except Exception:  # noqa: BLE001 - inference is best effort
            return None
    if isinstance(e, ast.IsExpr):
        return T.BOOLEAN
    if isinstance(e, ast.MethodCall):
        # each link of `s.trim().trim()...` is asked for and needs the chain below it: kept per node, so a
        # chain costs linear time, not quadratic
        known = cx.method_types.get(id(e))
        if known is not None and known[0] is e:
            return known[1]
        result = _method_result_type(cx, e)
        cx.method_types[id(e)] = (e, result)
        return result
    return None


def _method_result_type(cx: Compiler, e: ast.MethodCall) -> T.Type | None:
    """Langlib results only: a class's own method of the same name may return anything."""
    target = static_type(cx, e.target)
    langlib_value = (T.TString, T.TArray, T.TMap, T.TInt, T.TFloat, T.TDecimal, T.TBoolean, T.TRecord)
    langlib_value += (T.TTuple,)
    if target is not None and isinstance(T.resolve(target), langlib_value):
        return _METHOD_RESULT.get(e.name)
    return None


def _elvis_type(cx: Compiler, e: ast.Elvis) -> T.Type | None:
    """`a ?: b` when both sides are ints (or strings, or floats) apart from a's nil."""
    lt, rt = static_type(cx, e.left), static_type(cx, e.right)
    if lt is None or rt is None:
        return None
    left = T.resolve(lt)
    if isinstance(left, T.TUnion):
        rest = [m for m in left.members if not isinstance(T.resolve(m), T.TNil)]
        if len(rest) != 1:
            return None
        left = T.resolve(rest[0])
    right = T.resolve(rt)
    for kind, whole in ((T.TInt, T.INT), (T.TString, T.STRING), (T.TFloat, T.FLOAT)):
        if isinstance(left, kind) and isinstance(right, kind):
            return whole
    return None


# ------------------------------------------------------------ literals and names


def _decimal_literal(text: str, e: ast.Literal) -> D:
    """A decimal literal rounded to decimal128; one beyond its range is a compile-time error."""
    try:
        return decimal_value(D(text.rstrip("dD")))
    except decimal.Overflow:
        from balmail.compiler.core import CompileError

        raise CompileError(f"'{text}' is out of range for 'decimal'", e.span) from None


def literal_value(cx: Compiler, e: ast.Literal, expected: T.Type | None) -> Any:
    kind = e.kind
    v = e.value
    if kind == "int":
        want = _numeric_want(expected)
        if want == "float":
            return float(v)
        if want == "decimal":
            return _decimal_literal(str(v), e)
        return v
    if kind == "float":
        want = _numeric_want(expected)
        text = str(v)
        if want == "decimal":
            return _decimal_literal(text, e)
        return float(text)
    if kind == "decimal":
        return _decimal_literal(str(v), e)
    if kind == "nil":
        return None
    return v


def expr_Literal(cx: Compiler, e: ast.Literal, expected: T.Type | None) -> Eval:
    v = literal_value(cx, e, expected)
    if e.kind == "int" and type(v) is int and not INT_MIN <= v <= INT_MAX:
        from balmail.compiler.core import CompileError

        raise CompileError("integer literal out of range", e.span)
    return lambda f: v


def expr_VarRef(cx: Compiler, e: ast.VarRef, expected: T.Type | None) -> Eval:
    found = cx.scope.lookup(e.name, decl=cx.record.refs.get(e))
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
    entry = cx.names.get(e.name)
    if entry is None:
        from balmail.compiler.core import CompileError

        raise CompileError(f"undefined symbol '{e.name}'", e.span)
    if entry.kind in ("var", "const"):
        G = cx.G
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
    from balmail.compiler.core import CompileError

    raise CompileError(f"cannot use '{e.name}' as a value", e.span)


def expr_TypeExpr(cx: Compiler, e: ast.TypeExpr, expected: T.Type | None) -> Eval:
    """A built-in type written as a value (`v.ensureType(int)`) is its typedesc."""
    td = BTypedesc(typedesc.resolve_type(cx, e.type))
    return lambda f: td


def expr_QualifiedRef(cx: Compiler, e: ast.QualifiedRef, expected: T.Type | None) -> Eval:
    if e.prefix not in cx.imports:
        from balmail.compiler.xml import qualified_name

        xml_name = qualified_name(cx, e)  # `ns:local` with an `xmlns` prefix: `{uri}local`
        if xml_name is not None:
            return lambda f: xml_name
    lib = lib_for(cx, e.prefix, e.span)
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
    from balmail.compiler.core import CompileError

    raise CompileError(f"undefined symbol '{e.prefix}:{e.name}'", e.span)


def lib_for(cx: Compiler, prefix: str, span: Any) -> Any:
    lib = cx.imports.get(prefix)
    if lib is None:
        from balmail.lib.registry import langlib_module

        lib = langlib_module(prefix, cx.ctx)
    if lib is None:
        from balmail.compiler.core import CompileError

        raise CompileError(f"undefined module prefix '{prefix}'", span)
    return lib


def expr_Template(cx: Compiler, e: ast.Template, expected: T.Type | None) -> Eval:
    strings = e.strings
    parts = [expr(cx, x) for x in e.exprs]
    if e.kind == "re":
        from balmail.lib.regexp import compile_regexp, escape_literal, regexp_error

        if not parts:
            why = regexp_error(strings[0])
            if why is not None:  # check/regexps.py reports it first; this guards callers that skip checks
                from balmail.compiler.core import CompileError

                raise CompileError(f"invalid regular expression: {why}", e.span)
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
            from balmail.compiler.core import CompileError

            raise CompileError(f"invalid {e.kind} byte array literal", e.span) from None
        bt = T.TArray(T.BYTE)
        return lambda f: BList(data, bt)
    if e.kind == "raw":  # an object:RawTemplate: its pieces and the values inserted, not a string
        from balmail.runtime.rawtemplate import raw_template, read_only_strings

        pieces = read_only_strings(strings)
        return lambda f: raw_template(pieces, [p(f) for p in parts])
    if not parts:
        s0 = strings[0]
        return lambda f: s0
    sb = cx.sb
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


_UNKNOWN = object()
_SIMPLE_WANT: dict[type, str | None] = {
    T.TInt: None,
    T.TFloat: "float",
    T.TDecimal: "decimal",
    T.TString: None,
    T.TBoolean: None,
    T.TNil: None,
}
"""`_numeric_want` of a type of one of these exact classes (what its member walk below gives them)."""


def _numeric_want(t: T.Type | None) -> str | None:
    """Which numeric type a literal should take in context `t` (None: keep its own)."""
    if t is None:
        return None
    simple = _SIMPLE_WANT.get(type(t), _UNKNOWN)  # the commonest contexts, by exact class
    if simple is not _UNKNOWN:
        return simple  # type: ignore[return-value]
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
