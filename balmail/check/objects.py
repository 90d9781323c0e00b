"""Compile-time rules of classes and object types (spec, "Objects"): member names are unique, field
initializers have the field's type, `self.name` names a field or method, a class implements every method
of the object types it includes, only object types are included in object types, and `new` passes
arguments the class's `init` accepts and yields `C|error` when `init` can fail.

Called from types.py's checker (which knows static types); like it, silent when anything is not certain
(classes that include types not declared in this module, unknown types). Messages are jBallerina's.
"""

from __future__ import annotations

from typing import Any

from balmail.check.methods import check_arguments, params_of
from balmail.check.new_targets import check_new_target
from balmail.check.object_inclusions import check_included_fields
from balmail.check.registry import Rule, register, report
from balmail.check.statictypes import certainly_incompatible, display, kinds
from balmail.diagnostics import Severity
from balmail.runtime import types as T
from balmail.syntax import ast

UNIMPLEMENTED = register(
    Rule(
        code="BAL_TYPE_114",
        name="unimplemented-method",
        severity=Severity.ERROR,
        summary="A class includes an object type but does not implement one of its methods.",
        what_it_does="Reports a class with `*T;` (an object type declared in the module) that lacks a "
        "method T declares.",
        why="Ballerina rejects the class: a value of it must be usable wherever a T is expected.",
        example="type Filter object {\n    function accepts(string subject) returns boolean;\n};\n\n"
        "class SpamFilter {\n    *Filter;\n}",
        fix="type Filter object {\n    function accepts(string subject) returns boolean;\n};\n\n"
        "class SpamFilter {\n    *Filter;\n\n    function accepts(string subject) returns boolean {\n"
        '        return subject.startsWith("[SPAM]");\n    }\n}',
        message="no implementation found for the method '{0}' of class '{1}'",
    )
)


def _inclusions(members: tuple[ast.Node, ...]) -> list[ast.TypeInclusion]:
    return [m for m in members if isinstance(m, ast.TypeInclusion)]


def _redeclared(checker: Any, members: tuple[ast.Node, ...]) -> None:
    seen: set[str] = set()
    for m in members:
        if isinstance(m, ast.ObjectField) or (isinstance(m, ast.FunctionDefn) and m.resource_path is None):
            if m.name in seen:
                checker.found.append(report("BAL_NAME_005", m.name_span, m.name))
            seen.add(m.name)


def _included_object(checker: Any, inc: ast.TypeInclusion) -> ast.ObjectType | None | bool:
    """The object type `*T` includes when it is declared in this module; False when T is certainly not an
    object type; None when unknown."""
    td = inc.type
    if not isinstance(td, ast.TypeRef) or td.prefix is not None:
        return None
    if td.name in checker.classes:
        return None  # a class: its methods are implemented already
    defn = next(
        (m for m in checker.module.members if isinstance(m, ast.TypeDefn) and m.name == td.name), None
    )
    if defn is None:
        return None
    if isinstance(defn.type, ast.ObjectType):
        return defn.type
    if isinstance(defn.type, ast.BuiltinType | ast.NilType | ast.RecordType | ast.ArrayType | ast.MapType):
        return False
    if isinstance(defn.type, ast.SingletonType):
        return False
    return None


def _check_init_return(checker: Any, members: tuple[ast.Node, ...]) -> None:
    """A class's `init` returns nil or an error, nothing else (spec: object constructors)."""
    init = _init_of(members)
    returns = init.signature.returns if init is not None else None
    t = checker.resolver.resolve(returns) if returns is not None else None
    k = kinds(t) if t is not None else None
    if returns is None or t is None or k is None or (k <= {"error", "nil"} and "nil" in k):
        return
    wanted = "expected a subtype of 'error?' containing '()'"
    message = f"invalid object constructor return type '{display(t)}', {wanted}"
    checker.found.append(report("BAL_TYPE_001", returns.span, message=message))


def _init_of(members: tuple[ast.Node, ...]) -> ast.FunctionDefn | None:
    return next((m for m in members if isinstance(m, ast.FunctionDefn) and m.name == "init"), None)


def check_object_members(
    checker: Any, name: str | None, members: tuple[ast.Node, ...], cls: bool, anchor: Any = None
) -> None:
    """Redeclared members, field initializers, inclusions of a class, service or object type (an inclusion
    of a non-object type is reported at `anchor`, the type's name, as jBallerina does)."""
    _redeclared(checker, members)
    check_included_fields(checker, members)
    if cls:
        _check_init_return(checker, members)
    for m in members:
        if isinstance(m, ast.ObjectField) and m.default is not None:
            checker.expect(checker.resolver.resolve(m.type), m.default)
    methods = {m.name for m in members if isinstance(m, ast.FunctionDefn)}
    for inc in _inclusions(members):
        included = _included_object(checker, inc)
        if included is False:
            message = f"incompatible types: '{display_td(inc.type)}' is not an object"
            checker.found.append(report("BAL_TYPE_001", anchor or inc.span, message=message))
        elif isinstance(included, ast.ObjectType) and cls and name is not None:
            for x in included.members:
                if isinstance(x, ast.FunctionDefn) and x.name not in methods:
                    checker.found.append(report(UNIMPLEMENTED, _name_span(checker, name), x.name, name))


def display_td(td: ast.TypeDesc) -> str:
    return td.name if isinstance(td, ast.TypeRef) else "?"


def _name_span(checker: Any, name: str) -> Any:
    return checker.classes[name].name_span


def check_self_fields(checker: Any, cls: ast.ClassDefn) -> None:
    """`self.name` in a method where the class (including nothing) has no such field or method."""
    if _inclusions(cls.members):
        return
    names = {m.name for m in cls.members if isinstance(m, ast.ObjectField | ast.FunctionDefn)}
    for m in cls.members:
        if not isinstance(m, ast.FunctionDefn) or m.body is None:
            continue
        stack: list[ast.Node] = [m.body]
        while stack:
            n = stack.pop()
            if isinstance(n, ast.ObjectConstructor):
                continue  # its own `self`
            if (
                isinstance(n, ast.FieldAccess)
                and not n.optional
                and isinstance(n.target, ast.VarRef)
                and n.target.name == "self"
                and n.name not in names
            ):
                message = f"undefined field '{n.name}' in object '{cls.name}'"
                checker.found.append(report("BAL_TYPE_005", n.name_span, message=message))
            stack.extend(ast.children(n))


def _new_class(checker: Any, e: ast.NewExpr, expected: T.Type | None) -> ast.ClassDefn | None:
    if isinstance(e.type, ast.TypeRef) and e.type.prefix is None:
        return checker.classes.get(e.type.name)
    if e.type is not None or expected is None:
        return None
    r = T.resolve(expected)
    candidates = r.members if isinstance(r, T.TUnion) else [expected]
    found = [c for c in candidates if c.name and c.name in checker.classes]
    objects = [c for c in candidates if isinstance(T.resolve(c), T.TObject)]
    if len(found) == 1 and len(objects) == 1:
        return checker.classes.get(found[0].name)
    return None


def _init(cls: ast.ClassDefn) -> ast.FunctionDefn | None:
    return next((m for m in cls.members if isinstance(m, ast.FunctionDefn) and m.name == "init"), None)


def new_type(checker: Any, e: ast.NewExpr, expected: T.Type | None = None) -> T.Type | None:
    """`C` or `C|error` (when C's `init` may return an error) for a `new` of a class of this module."""
    cls = _new_class(checker, e, expected)
    if cls is None or _inclusions(cls.members):
        return None
    t = checker.resolver.named(cls.name)
    init = _init(cls)
    if t is None or init is None or init.signature.returns is None:
        return t
    returns = checker.resolver.resolve(init.signature.returns)
    k = kinds(returns)
    if k is None:
        return None
    return T.TUnion([t, T.ERROR]) if "error" in k else t


def check_new(checker: Any, e: ast.NewExpr, expected: T.Type | None) -> None:
    """Arguments of `new` against the class's `init`, and `C|error` where the context wants a `C`."""
    if check_new_target(checker, e):
        return
    cls = _new_class(checker, e, expected)
    if cls is None or _inclusions(cls.members):
        return
    init = _init(cls)
    params = params_of(checker, init) if init is not None else ()
    check_arguments(checker, "new", params, e.args, e.span)
    if expected is None or e.type is not None:
        return
    found = new_type(checker, e, expected)
    ek = kinds(expected)
    if found is not None and ek is not None and "error" in (kinds(found) or set()) and "error" not in ek:
        checker.found.append(report("BAL_TYPE_001", e.span, display(expected), display(found)))


def check_implicit_new(checker: Any, e: ast.NewExpr, expected: T.Type | None, inferred: bool) -> bool:
    """`new (...)` takes its class from the expected type: with `var` there is none (jBallerina: the object
    type cannot be inferred from 'other'), and a type without an object or stream member has none either.
    Returns whether it reported."""
    if e.type is not None:
        return False
    if inferred:
        source = "other"
    elif expected is not None and (k := kinds(expected)) is not None and not k & {"object", "stream"}:
        source = display(expected)
    else:
        return False
    message = f"cannot infer type of the object from '{source}'"
    checker.found.append(report("BAL_TYPE_001", e.span, message=message))
    return True


def _detail_record(checker: Any, td: ast.TypeRef | None) -> T.TRecord | None:
    """The detail record of `error<D>` named by a type definition of this module, when certain."""
    if td is None or td.prefix is not None:
        return None
    members = checker.module.members
    defn = next((m for m in members if isinstance(m, ast.TypeDefn) and m.name == td.name), None)
    if defn is None or not isinstance(defn.type, ast.ErrorType) or defn.type.detail is None:
        return None
    detail = T.resolve(checker.resolver.resolve(defn.type.detail))
    return detail if isinstance(detail, T.TRecord) else None


def check_error_constructor(checker: Any, e: ast.ErrorConstructor) -> None:
    """`error(message, cause?, detail...)`: a string message (never left out), an `error?` cause, no third
    positional argument, and every required field of the error type's detail record given as a named
    argument (spec, error-constructor-expr)."""
    positional = [a for a in e.args if not isinstance(a, ast.NamedArg | ast.RestArg)]
    if any(isinstance(a, ast.RestArg) for a in e.args):
        return
    if not e.args:  # jBallerina's wording for `error()`
        checker.found.append(report("BAL_TYPE_003", e.span, message="missing arg within parenthesis"))
        return
    if not positional:
        message = "missing error message in error constructor"
        checker.found.append(report("BAL_TYPE_003", e.span, message=message))
        return
    if len(positional) > 2:
        message = "additional positional arg in error constructor"
        checker.found.append(report("BAL_TYPE_003", positional[2].span, message=message))
    if positional:
        checker.expect(T.STRING, positional[0])
    if len(positional) > 1:
        checker.expect(T.TUnion([T.ERROR, T.NIL]), positional[1])
    detail = _detail_record(checker, e.type)
    if detail is None or not positional:
        return
    named = {a.name for a in e.args if isinstance(a, ast.NamedArg)}
    for name, field in detail.fields.items():
        if name not in named and not field.optional and field.default is None:
            message = f"missing error detail arg for error detail field '{name}'"
            checker.found.append(report("BAL_TYPE_006", e.span, message=message))


def _not_subtype(a: T.Type, b: T.Type) -> bool:
    """`a` is certainly not a subtype of `b`: no shared basic kind, or an int range outside `b`'s."""
    if certainly_incompatible(a, b):
        return True
    ra, rb = T.resolve(a), T.resolve(b)
    if type(ra) is T.TInt and type(rb) is T.TInt:
        low = rb.lo is not None and (ra.lo is None or ra.lo < rb.lo)
        high = rb.hi is not None and (ra.hi is None or ra.hi > rb.hi)
        return low or high
    return False


def function_display(t: T.TFunction) -> str:
    """jBallerina's spelling of a function type: `function (int,int) returns (int)`."""
    params = [display(p) for p in t.params or []] + ([display(t.rest) + "..."] if t.rest is not None else [])
    ret = "" if t.ret is None or isinstance(T.resolve(t.ret), T.TNil) else f" returns ({display(t.ret)})"
    return f"function ({','.join(params)}){ret}"


def function_not_assignable(found: T.TFunction, expected: T.TFunction) -> bool:
    """A function of type `found` certainly cannot be used as an `expected`: parameters are contravariant,
    the result covariant (spec, "Function types")."""
    if found.params is None or expected.params is None or found.ret is None or expected.ret is None:
        return False
    if expected.rest is not None and found.rest is None:
        return True
    if len(found.params) != len(expected.params) and found.rest is None and expected.rest is None:
        return True
    for want, have in zip(expected.params, found.params, strict=False):
        if _not_subtype(want, have):
            return True
    return _not_subtype(found.ret, expected.ret)


def check_function_value_call(checker: Any, e: ast.Call, t: T.TFunction) -> None:
    """`f(args)` through a variable of a function type with a signature: count and types of arguments."""
    if t.params is None or any(isinstance(a, ast.NamedArg | ast.RestArg) for a in e.args):
        return
    assert isinstance(e.func, ast.VarRef)
    if len(e.args) > len(t.params) and t.rest is None:
        message = f"too many arguments in call to '{e.func.name}()'"
        checker.found.append(report("BAL_TYPE_003", e.span, message=message))
        return
    for i, arg in enumerate(e.args):
        checker.expect(t.params[i] if i < len(t.params) else t.rest, arg)
