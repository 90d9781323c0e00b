"""Expected types for the type checker (types.py): `expect(t, e)` judges an expression where a value of
type `t` is wanted, constructors against the type they build. Functions of the checker, bound as its methods
in types.py (`checker` is the `_Checker`)."""

from __future__ import annotations

from balmail.check import tables
from balmail.check.libtypes import CONFIG_RECORDS
from balmail.check.mapping_unions import ambiguous_mapping
from balmail.check.objects import (
    function_display,
    function_not_assignable,
)
from balmail.check.registry import report
from balmail.check.statictypes import certainly_incompatible, display, kinds, union
from balmail.check.subtypes import not_anydata, not_assignable
from balmail.check.type_helpers import _DECLARED_TYPE_EXPRS, _SHIFTS, e_text
from balmail.check.type_rules import INCOMPATIBLE, MISSING_FIELD, UNDEFINED_FIELD
from balmail.runtime import types as T
from balmail.syntax import ast


def expect(checker, expected: T.Type | None, e: ast.Expr | None) -> None:
    """Report `e` when its type certainly does not fit `expected`; mapping and list constructors are
    checked member by member against records and arrays."""
    if expected is None or e is None:
        return
    r = T.resolve(expected)
    if isinstance(r, T.TIntersection) and not r.readonly:  # `A & B`: the one type both describe
        met = r.non_readonly()
        if not isinstance(T.resolve(met), T.TNever):
            expected, r = met, T.resolve(met)
    if isinstance(e, ast.QueryExpr):  # checked with its clauses' variables in scope (queries.py)
        checker.query_expected[id(e)] = (e, expected)
        return
    if isinstance(e, ast.MappingExpr | ast.ListExpr) and checker.constructor_misfits(expected, e):
        return
    if isinstance(e, ast.MappingExpr):
        if ambiguous_mapping(checker, expected, e):
            return
        if isinstance(r, T.TRecord) and display(expected) not in CONFIG_RECORDS:
            checker.mapping(r, expected, e)
        elif isinstance(r, T.TMap):
            for f in e.fields:
                if f.kind != "spread":
                    checker.expect(r.constraint, f.value)
        return
    if tables.expect_rows(checker, expected, e):
        return
    if isinstance(e, ast.ListExpr):
        members = r.members if isinstance(r, T.TUnion) else []
        lists = [m for m in members if isinstance(T.resolve(m), T.TArray)]
        nil_items = all(isinstance(i, ast.Literal) and i.kind == "nil" for i in e.items)
        if len(lists) > 1 and nil_items and kinds(expected) == {"list"}:
            # `[]` or `[()]` fits each array type of the union: the constructor has no one type
            message = f"ambiguous type '{display(expected)}'"
            checker.found.append(report(INCOMPATIBLE, e.span, message=message))
            return
        if isinstance(r, T.TArray) and not any(isinstance(i, ast.Spread) for i in e.items):
            if r.length is not None and len(e.items) > r.length:  # filler values complete a shorter one
                found = len(e.items)
                message = f"size mismatch in closed array. expected '{r.length}', but found '{found}'"
                checker.found.append(report(INCOMPATIBLE, e.span, message=message))
                return
            for item in e.items:
                checker.expect(r.element, item)
        return
    if isinstance(e, ast.Conditional):
        checker.expect(expected, e.then)
        checker.expect(expected, e.otherwise)
        return
    if isinstance(e, ast.VarRef) and isinstance(r, T.TFunction) and checker.lookup(e) is None:
        fn = checker.function_named(e)  # a module function used as a value
        ft = checker.resolver.function_type(fn.signature) if fn is not None else None
        if isinstance(ft, T.TFunction) and function_not_assignable(ft, r):
            checker.found.append(report(INCOMPATIBLE, e.span, display(expected), function_display(ft)))
        return
    if isinstance(e, ast.ErrorConstructor) and e.type is None:  # an `error`, whatever its detail
        if "error" not in (kinds(expected) or {"error"}):
            checker.found.append(report(INCOMPATIBLE, e.span, display(expected), "error"))
        return
    found = checker.type_of(e)
    if isinstance(e, ast.MemberAccess) and found is None:
        target = checker.type_of(e.target)
        r = T.resolve(target) if target is not None else None
        if isinstance(r, T.TMap):
            found = union(r.constraint, T.NIL)  # `m[k]`: the member, or nil when there is none
    if found is None:
        return
    literal = checker.literal_type(e) if isinstance(e, ast.Literal | ast.Unary) else None
    if literal is not None:
        if isinstance(r, T.TInt) and isinstance(e, ast.Literal) and isinstance(e.value, int):
            if not r.contains(e.value) and e.kind == "int":
                checker.found.append(report(INCOMPATIBLE, e.span, display(expected), "int"))
                return
        ek = kinds(expected) or frozenset()
        fk = kinds(literal) or frozenset()
        if fk == {"int"} and ek & {"float", "decimal"}:
            return
        if fk == {"float"} and "decimal" in ek and not e_text(e).endswith(("f", "F")):
            return
    finite = found
    if isinstance(e, ast.Literal) and e.kind in ("string", "int", "boolean"):
        finite = T.TSingleton(e.value)
    elif isinstance(e, ast.VarRef) and getattr(checker.lookup(e), "module", False):
        finite = checker.const_values.get(e.name, found)
    elif not isinstance(e, _DECLARED_TYPE_EXPRS) and not (isinstance(e, ast.Binary) and e.op in _SHIFTS):
        finite = None  # literals inside take their type from the context: only kinds are certain
    if (
        certainly_incompatible(found, expected)
        or not_assignable(finite, expected)
        or (isinstance(r, T.TAnydata) and not_anydata(found))
    ):
        checker.found.append(report(INCOMPATIBLE, e.span, display(expected), display(found)))
    elif isinstance(r, T.TStream) and _stream_members_differ(found, r):
        member = T.resolve(found).element  # type: ignore[union-attr]
        if isinstance(e, ast.QueryExpr):  # the select expression is typed by the stream's member type
            checker.found.append(report(INCOMPATIBLE, e.result.span, display(r.element), display(member)))
        else:
            checker.found.append(report(INCOMPATIBLE, e.span, display(expected), display(found)))


def constructor_misfits(checker, expected: T.Type, e: ast.MappingExpr | ast.ListExpr) -> bool:
    """A mapping or list constructor where the expected type has no mapping or list member at all
    (`string s = {a: 1};`, `int x = [1];`): reported as jBallerina does, the list with the tuple
    type it infers for the constructor. True when reported."""
    wanted = kinds(expected)
    if wanted is None or not wanted:
        return False
    if isinstance(e, ast.MappingExpr):
        if "mapping" in wanted:
            return False
        where = display(expected)
        message = f"a type compatible with mapping constructor expressions not found in type '{where}'"
        checker.found.append(report(INCOMPATIBLE, e.span, message=message))
        return True
    if "list" in wanted:
        return False
    found = checker.inferred_tuple(e)
    if found is None:
        return False
    checker.found.append(report(INCOMPATIBLE, e.span, display(expected), display(found)))
    return True


def inferred_tuple(checker, e: ast.ListExpr) -> T.Type | None:
    """The tuple type jBallerina infers for a list constructor with no list type expected (nested
    constructors as tuples too); None when a member's type is not known."""
    members: list[T.Type] = []
    for item in e.items:
        if isinstance(item, ast.Spread):
            return None
        t = checker.inferred_tuple(item) if isinstance(item, ast.ListExpr) else checker.type_of(item)
        if t is None:
            return None
        members.append(t)
    return T.TTuple(members, None)


def mapping(checker, record: T.TRecord, named: T.Type, e: ast.MappingExpr) -> None:
    given: set[str] = set()
    spread = False
    for f in e.fields:
        if f.kind == "spread" or f.kind == "computed" or f.key is None:
            spread = True
            continue
        given.add(f.key)
        field = record.fields.get(f.key)
        if field is None:
            if record.rest is None:
                checker.found.append(report(UNDEFINED_FIELD, f.span, f.key, display(named)))
            else:
                checker.expect(record.rest, f.value)
            continue
        # an optional field may be given `()`: the field is then left out (Ballerina spec #926)
        checker.expect(union(field.type, T.NIL) if field.optional else field.type, f.value)
    if spread:
        return
    for name, field in record.fields.items():
        if name not in given and not field.optional and field.default is None:
            checker.found.append(report(MISSING_FIELD, e.span, name))


def _stream_members_differ(found: T.Type, expected: T.TStream) -> bool:
    """`stream<string> s = stream from int x in xs select x;`: the member types certainly differ."""
    r = T.resolve(found)
    if not isinstance(r, T.TStream) or r.element is None or expected.element is None:
        return False
    return certainly_incompatible(r.element, expected.element)
