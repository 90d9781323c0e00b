"""The static types of expressions for the type checker (types.py): `type_of` and the judgements it is
built from. Functions of the checker, bound as its methods in types.py (`checker` is the `_Checker`)."""

from __future__ import annotations

from balmail.check import members as member_access
from balmail.check import tables
from balmail.check.decltypes import LITERAL_TYPES
from balmail.check.methods import method_type
from balmail.check.objects import (
    new_type,
)
from balmail.check.operators import (
    MIXED_MULTIPLICATIVE,
)
from balmail.check.record_types import record_union_field
from balmail.check.statictypes import kinds, union, without
from balmail.check.type_helpers import (
    _BASIC,
    _BINARY,
    _EMAIL_CONSTANTS,
    _NUMERIC,
    _SHIFTS,
    _STRING_METHODS,
    _VAR_REF,
    _kind_in,
    _literal_fits,
    _member_type,
    _Var,
)
from balmail.check.worker_types import FutureOf
from balmail.runtime import types as T
from balmail.syntax import ast
from balmail.syntax import ast_workers as W
from balmail.syntax.ast_xml import XmlNavigation


def literal_type(checker, e: ast.Expr | None) -> T.Type | None:
    if isinstance(e, ast.Literal):
        if e.kind == "float":
            return T.DECIMAL if e.text[-1:] in "dD" else T.FLOAT
        return LITERAL_TYPES.get(e.kind)
    if isinstance(e, ast.Unary) and e.op == "-" and isinstance(e.operand, ast.Literal):
        return checker.literal_type(e.operand)
    return None


def type_of(checker, e: ast.Expr | None) -> T.Type | None:
    """The static type of `e` when certain, else None."""
    if e is None:
        return None
    cls = type(e)  # the commonest classes first, by class (the isinstance chain below gives the same)
    if cls is _VAR_REF:
        return checker._variable_type(e)  # type: ignore[arg-type]
    if cls is _BINARY:
        return checker.binary_type(e)  # type: ignore[arg-type]
    if isinstance(e, ast.Literal):
        return checker.literal_type(e)
    if isinstance(e, ast.Template):
        return T.STRING if e.kind == "string" else T.XML if e.kind == "xml" else None
    if isinstance(e, ast.VarRef):
        return checker._variable_type(e)
    if isinstance(e, ast.QualifiedRef):
        if checker.prefixes.get(e.prefix) == "ballerina/email" and e.name in _EMAIL_CONSTANTS:
            return T.TSingleton(_EMAIL_CONSTANTS[e.name])
        return None
    if isinstance(e, ast.Unary):
        if e.op == "!":
            return T.BOOLEAN
        inner = checker.type_of(e.operand)
        return inner if e.op in ("-", "+") and _kind_in(inner, _NUMERIC) else None
    if isinstance(e, ast.Binary):
        return checker.binary_type(e)
    if isinstance(e, ast.IsExpr):
        return T.BOOLEAN
    if isinstance(e, XmlNavigation):
        return T.XML
    if isinstance(e, ast.FieldAccess | ast.MethodCall):
        known = checker._chain_types.get(id(e))
        if known is not None and known[0] is e and known[1] == checker.narrowed:
            return known[2]
        t = checker.field_type(e) if isinstance(e, ast.FieldAccess) else checker._method_call_type(e)
        checker._chain_types[id(e)] = (e, checker.narrowed, t)
        return t
    if isinstance(e, ast.Call):
        fn = checker.module_function(e)
        if fn is not None:
            return T.NIL if fn.signature.returns is None else checker.resolver.resolve(fn.signature.returns)
        lib = checker.library_call(e)
        return lib.returns if lib is not None else None
    if isinstance(e, ast.CheckExpr):
        inner = checker.type_of(e.expr)
        return without(inner, "error") if inner is not None else None
    if isinstance(e, ast.Elvis):
        left = checker.type_of(e.left)
        left = without(left, "nil") if left is not None else None
        return union(left, checker.type_of(e.right))
    if isinstance(e, ast.Conditional):
        return union(checker.type_of(e.then), checker.type_of(e.otherwise))
    if isinstance(e, ast.Cast) and e.type is not None:
        return checker.resolver.resolve(e.type)
    if isinstance(e, ast.RemoteCall):
        return method_type(checker, e)
    if isinstance(e, ast.NewExpr) and e.type is not None:
        return new_type(checker, e)
    if isinstance(e, ast.WaitExpr):
        return checker.workers.wait_type(e.expr, checker.type_of)
    if isinstance(e, W.AlternateWait):
        found = [checker.workers.wait_type(f, checker.type_of) for f in e.futures]
        return None if any(t is None for t in found) else union(*found)
    if isinstance(e, W.WorkerReceive):
        received = [checker.workers.receive_type(p) for p in e.peers]
        return None if any(t is None for t in received) else union(*received)
    if isinstance(e, W.MultipleReceive):
        return checker.workers.record_of([(f, checker.workers.receive_type(p)) for f, p in e.fields])
    if isinstance(e, W.MultipleWait):
        return checker.workers.record_of(
            [(f, checker.workers.wait_type(x, checker.type_of)) for f, x in e.fields]
        )
    if isinstance(e, ast.StartExpr):
        result = checker.type_of(e.expr)
        return FutureOf(result) if result is not None else None
    if isinstance(e, ast.MemberAccess):
        return tables.member_type(checker.type_of(e.target)) or member_access.read_type(checker, e)
    if isinstance(e, ast.QueryExpr) and e.construct == "stream" and e.kind == "select":
        return checker.query_stream_type(e)
    return None


def _variable_type(checker, e: ast.VarRef) -> T.Type | None:
    decl = checker.refs.get(e)
    var = checker.vars.get(decl) if decl is not None else None
    if var is None:
        return None
    if decl in checker.narrowed:
        if var.module or id(e) in checker.expr_narrowed:
            return None
        return checker.current(checker.state, var)
    return var.type


def query_stream_type(checker, q: ast.QueryExpr) -> T.Type | None:
    """`stream from T x in xs select e`: `stream<U>` with U the type of `e` where the `from`
    variables are known; None when it is not certain (a `let`, `join` or group could rebind names)."""
    bound: list[tuple[ast.CaptureBinding, ast.FromClause, T.Type | None]] = []
    for clause in q.clauses:
        if not isinstance(clause, ast.FromClause | ast.WhereClause):
            return None
        if isinstance(clause, ast.FromClause):
            binding = clause.binding
            if not isinstance(binding.binding, ast.CaptureBinding):
                return None
            t = (
                checker.declared(binding.binding, binding.type)
                if binding.type is not None
                else checker.element_type(clause.expr)
            )
            bound.append((binding.binding, clause, t))
    for capture, clause, t in bound:  # the record declares a from variable by its binding
        node = capture if capture in checker.record.decls else clause
        checker._put(capture.name, _Var(t), node)
    element = checker.type_of(q.result)
    return T.TStream(element, None) if element is not None else None


def _method_call_type(checker, e: ast.MethodCall) -> T.Type | None:
    target = checker.type_of(e.target)  # once: twice per link made a chain exponential (a.f().g()...)
    known = method_type(checker, e, target)
    if known is not None:
        return known
    known = tables.method_result(target, e.name)
    if known is not None:
        return known
    if _kind_in(target, frozenset({"string"})) and e.name in _STRING_METHODS:
        return _STRING_METHODS[e.name]
    if e.name == "toString" and not e.args:
        return T.STRING
    return None


def element_type(checker, iterable: ast.Expr) -> T.Type | None:
    """What `foreach` binds from `iterable` when certain: an array's, map's, tuple's or record's member
    type (a union of a record's field types and rest), a union of those for a union of them, `int` for
    a range; None for anything else (strings, xml, tables, streams, objects)."""
    if isinstance(iterable, ast.RangeExpr):
        return T.INT
    return _member_type(checker.type_of(iterable))


def binary_type(checker, e: ast.Binary) -> T.Type | None:
    if e.op in ("==", "!=", "===", "!==", "<", "<=", ">", ">=", "&&", "||"):
        return T.BOOLEAN
    if e.op in _SHIFTS:
        return checker.shift_type(e)
    if e.op not in ("+", "-", "*", "/", "%"):
        return None
    known = checker._binary_types.get(id(e))
    if known is not None and known[0] is e:
        return known[1]
    t = checker._arithmetic_type(e)
    checker._binary_types[id(e)] = (e, t)
    return t


def shift_type(checker, e: ast.Binary) -> T.Type | None:
    """Spec, shift-expr: `int`, except that `>>` and `>>>` keep the type of a left operand that is a
    subtype of `int:UnsignedK` (`byte >> 1` is a `byte`; `int:Signed8 >> 1` is an `int`)."""
    left, right = checker.type_of(e.left), checker.type_of(e.right)
    lr = T.resolve(left) if left is not None else None
    if type(lr) is not T.TInt or kinds(right) != {"int"}:
        return None
    assert left is not None
    if e.op != "<<" and lr.lo is not None and lr.lo >= 0 and lr.hi in (0xFF, 0xFFFF, 0xFFFFFFFF):
        return left
    return T.INT


def _arithmetic_type(checker, e: ast.Binary) -> T.Type | None:
    left, right = checker.type_of(e.left), checker.type_of(e.right)
    lk, rk = kinds(left), kinds(right)
    if lk is None or rk is None or len(lk) != 1 or len(rk) != 1:
        return None
    allowed = _NUMERIC | {"string"} if e.op == "+" else _NUMERIC
    if lk == rk and next(iter(lk)) in allowed:
        return _BASIC[next(iter(lk))]
    if lk <= _NUMERIC and rk <= _NUMERIC:
        if _literal_fits(e.left, rk):
            return right
        if _literal_fits(e.right, lk):
            return left
        if (e.op, next(iter(lk)), next(iter(rk))) in MIXED_MULTIPLICATIVE:
            return left if lk != {"int"} else right  # `i * f`: the float's (or decimal's) type
    return None


def literal_fits(checker, e: ast.Binary) -> bool:
    """One operand is a numeric literal that takes the other operand's numeric type (`f + 1`)."""
    lk, rk = kinds(checker.type_of(e.left)), kinds(checker.type_of(e.right))
    return bool(
        (rk is not None and _literal_fits(e.left, rk - {"nil"}))
        or (lk is not None and _literal_fits(e.right, lk - {"nil"}))
    )


def field_type(checker, e: ast.FieldAccess) -> T.Type | None:
    target = checker.type_of(e.target)
    if target is None:
        return None
    nil = False
    had_nil = "nil" in (kinds(target) or ())
    if e.optional:
        stripped = without(target, "nil")
        if stripped is None:
            return None
        nil = stripped is not target
        target = stripped
    record = T.resolve(target)
    if isinstance(record, T.TXml):  # an xml attribute: its value, or an error
        return union(T.STRING, T.ERROR, T.NIL) if e.optional else union(T.STRING, T.ERROR)
    if isinstance(record, T.TUnion):  # a union of records that all have the field: any of its types
        return record_union_field(record, e.name, e.optional and had_nil)
    if not isinstance(record, T.TRecord):
        return None
    field = record.fields.get(e.name)
    if field is None:
        return None
    if field.optional or nil:
        return union(field.type, T.NIL)
    return field.type
