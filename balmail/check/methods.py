"""Method calls on values: `x.f()` and `c->f()` must name a method the value's type has, called the way
it is declared (`->` for remote methods, `.` for the others), with the right arguments.

- Values of simple basic types (string, int, float, decimal, boolean, lists, mappings, errors) have the
  functions of their lang library plus lang.value's: `s.lenght()` is `undefined function 'lenght' in
  type 'string'`.
- Objects of the program's classes have the class's methods; objects of ballerina/email's endpoint types
  have the methods libtypes.OBJECT_METHODS lists: `undefined method 'x' in object 'email:SmtpClient'`.
- Arguments are checked against the declared parameters (count, names and types) as for module functions.

Only values whose static type is certain are checked (see types.py); anything else is left alone.
"""

from __future__ import annotations

from typing import Any

from balmail.check.libtypes import OBJECT_METHODS, LibMethod, LibParam
from balmail.check.registry import Rule, register, report
from balmail.check.statictypes import display, kinds
from balmail.diagnostics import Severity
from balmail.runtime import types as T
from balmail.syntax import ast

UNDEFINED_METHOD = register(
    Rule(
        code="BAL_TYPE_010",
        name="undefined-method",
        severity=Severity.ERROR,
        summary="A method is called that the value's type does not have.",
        what_it_does="Reports `x.f()` and `c->f()` where the type of `x` (a string, number, list, mapping, "
        "error, an object of a class of the program or an email client or listener) has no method `f`.",
        why="Ballerina rejects the program; usually the method name is misspelt.",
        example="function f(string s) returns int {\n    return s.lenght();\n}",
        fix="function f(string s) returns int {\n    return s.length();\n}",
        message="undefined function '{0}' in type '{1}'",
    )
)
FIXED_LENGTH = register(
    Rule(
        code="BAL_TYPE_014",
        name="fixed-length-list-resize",
        severity=Severity.ERROR,
        summary="`push`, `pop`, `shift` or `unshift` is called on a fixed-length array or tuple.",
        what_it_does="Reports a call of a lang.array function that changes a list's length (`push`, `pop`, "
        "`shift`, `unshift`) on a value whose static type is a fixed-length array `T[N]`, a tuple without a "
        "rest type, or a union of them.",
        why="Ballerina rejects the program: the length of a `T[N]` value is part of its type.",
        example="function f() {\n    int[3] xs = [1, 2, 3];\n    xs.push(4);\n}",
        fix="function f() {\n    int[] xs = [1, 2, 3];\n    xs.push(4);\n}",
        message="cannot call '{0}' on fixed length list(s) of type '{1}'",
    )
)
RESIZING = frozenset({"push", "pop", "shift", "unshift"})
REMOTE_SYNTAX = register(
    Rule(
        code="BAL_TYPE_011",
        name="remote-call-syntax",
        severity=Severity.ERROR,
        summary="A remote method is called with `.`, or a non-remote method with `->`.",
        what_it_does="Reports `client.sendMessage(m)` (remote methods of clients are called with `->`) and "
        "`x->f()` where `f` is not a remote method.",
        why="Ballerina rejects the program: calls over the network are written with `->` so they stand out.",
        example="function notify(email:SmtpClient smtp, email:Message m) returns error? {\n"
        "    check smtp.sendMessage(m);\n}",
        fix="function notify(email:SmtpClient smtp, email:Message m) returns error? {\n"
        "    check smtp->sendMessage(m);\n}",
        message="invalid remote method call '.{0}()': use '->{0}()' for remote method calls",
    )
)

VALUE_FUNCTIONS = frozenset(
    """clone cloneReadOnly cloneWithType isReadOnly toString toBalString fromBalString toJson toJsonString
    fromJsonString fromJsonFloatString fromJsonDecimalString fromJsonWithType fromJsonStringWithType
    mergeJson ensureType count first last""".split()
)
"""lang.value: functions every value can be given as a method (their parameter types are not checked)."""

LANGLIB: dict[str, frozenset[str]] = {
    "string": frozenset(
        """length iterator concat getCodePoint substring codePointCompare join indexOf lastIndexOf includes
        startsWith endsWith toLowerAscii toUpperAscii equalsIgnoreCaseAscii trim toBytes fromBytes
        toCodePointInts toCodePointInt fromCodePointInts fromCodePointInt padStart padEnd padZero matches
        includesMatch""".split()
    ),
    "int": frozenset("abs sum max min avg fromString toHexString fromHexString signum range".split()),
    "float": frozenset(
        """isFinite isInfinite isNaN sum max min avg abs round floor ceiling sqrt cbrt pow log log10 exp sin
        cos tan asin acos atan atan2 sinh cosh tanh fromString toHexString fromHexString toBitsInt
        fromBitsInt toFixedString toExpString""".split()
    ),
    "decimal": frozenset(
        "sum max min avg abs round floor ceiling fromString quantize toFixedString toExpString".split()
    ),
    "boolean": frozenset({"fromString"}),
    "list": frozenset(
        """length iterator enumerate map forEach filter reduce some every slice remove removeAll setLength
        indexOf lastIndexOf reverse sort pop push shift unshift fromBase64 fromBase16 toBase64 toBase16
        toStream""".split()
    ),
    "mapping": frozenset(
        "length iterator get entries map forEach filter reduce remove removeIfHasKey removeAll hasKey keys "
        "toArray".split()
    ),
    "error": frozenset("message cause detail stackTrace".split()),
    "table": frozenset(
        "length iterator get put add map forEach filter reduce remove removeIfHasKey removeAll hasKey keys "
        "toArray nextKey".split()
    ),
    "xml": frozenset(
        """length iterator get concat getName setName getChildren setChildren getAttributes getDescendants
        data text getTarget getContent createElement createProcessingInstruction createComment createText
        slice strip elements children elementChildren map forEach filter fromString isElement""".split()
    ),
}
"""The lang library functions callable as methods on a value of each basic kind (Swan Lake). When in doubt
a name is listed: a missing one would be a false error."""


NO_ARGUMENTS: dict[str, frozenset[str]] = {
    "string": frozenset("length iterator toLowerAscii toUpperAscii trim toBytes toCodePointInts".split()),
    "list": frozenset("length iterator enumerate reverse pop shift removeAll toStream".split()),
    "mapping": frozenset("length iterator entries removeAll keys toArray".split()),
    "float": frozenset("isFinite isInfinite isNaN floor ceiling sqrt cbrt exp sin cos tan".split()),
    "error": frozenset("message cause detail stackTrace".split()),
}
"""Lang library functions that take no argument beyond the value they are called on (their only
parameter): `xs.length(true)` is `too many arguments in call to 'length()'`."""

_LANGLIB_KINDS = frozenset({"string", "int", "float", "decimal", "boolean", "nil", "list"})


def _class(checker: Any, t: T.Type) -> ast.ClassDefn | None:
    return checker.classes.get(t.name) if t.name else None


def _class_methods(cls: ast.ClassDefn) -> dict[str, ast.FunctionDefn] | None:
    """The class's methods, or None when it includes other types (whose methods are not known here)."""
    methods: dict[str, ast.FunctionDefn] = {}
    for m in cls.members:
        if isinstance(m, ast.FunctionDefn):
            methods[m.name] = m
        elif not isinstance(m, ast.ObjectField):
            return None
    return methods


def _has_field(checker: Any, t: T.Type, name: str) -> bool:
    """Whether the object's class declares a field `name`: `obj.f(x)` then calls the function value that
    field holds (Ballerina spec, method call expression), which is not an undefined method."""
    cls = _class(checker, t)
    return cls is not None and any(isinstance(m, ast.ObjectField) and m.name == name for m in cls.members)


def _params(checker: Any, fn: ast.FunctionDefn) -> tuple[LibParam, ...]:
    out = []
    for p in fn.signature.params:
        t = checker.resolver.resolve(p.type)
        out.append(
            LibParam(p.name or "", t, default=p.default is not None, rest=p.rest, included=p.included)  # type: ignore[arg-type]
        )
    return tuple(out)


def params_of(checker: Any, fn: ast.FunctionDefn) -> tuple[LibParam, ...]:
    """The parameters of a function or method of the program, as check_arguments takes them."""
    return _params(checker, fn)


def _method_table(checker: Any, t: T.Type) -> dict[str, tuple[bool, Any]] | None:
    """name -> (remote, LibMethod or FunctionDefn) for an object type whose methods are all known."""
    r = T.resolve(t)
    if not isinstance(r, T.TObject):
        return None
    name = display(t)
    if name in OBJECT_METHODS:
        return {n: (m.remote, m) for n, m in OBJECT_METHODS[name].items()}
    cls = _class(checker, t)
    if cls is None:
        return None
    methods = _class_methods(cls)
    if methods is None:
        return None
    return {n: ("remote" in m.qualifiers, m) for n, m in methods.items() if n != "init"}


def method_type(
    checker: Any, e: ast.MethodCall | ast.RemoteCall, target: T.Type | None | Ellipsis = ...
) -> T.Type | None:
    """The result type of a call of a known object method, else None (`target`: the target's type when the
    caller has it already)."""
    if target is ...:
        target = checker.type_of(e.target)
    if target is None:
        return None
    table = _method_table(checker, target)
    if table is None or e.name not in table:
        return None
    _, method = table[e.name]
    if isinstance(method, LibMethod):
        return method.returns
    returns = method.signature.returns
    return T.NIL if returns is None else checker.resolver.resolve(returns)


def check_method_call(checker: Any, e: ast.MethodCall | ast.RemoteCall) -> None:
    """Report a call of a method the target's type lacks, the wrong call syntax, and wrong arguments."""
    target = checker.type_of(e.target)
    if target is None:
        return
    remote_call = isinstance(e, ast.RemoteCall)
    table = _method_table(checker, target)
    if table is not None:
        if e.name not in table:
            if not remote_call and (e.name == "init" or _has_field(checker, target, e.name)):
                # `self.init()` re-runs the initializer: jBallerina accepts the call.
                return
            if remote_call or e.name not in VALUE_FUNCTIONS:
                checker.found.append(
                    report(
                        UNDEFINED_METHOD,
                        e.span,
                        message=f"undefined method '{e.name}' in object '{display(target)}'",
                    )
                )
            return
        remote, method = table[e.name]
        if remote and not remote_call:
            checker.found.append(report(REMOTE_SYNTAX, e.span, e.name))
            return
        if remote_call and not remote:
            checker.found.append(
                report(
                    REMOTE_SYNTAX,
                    e.span,
                    message=f"invalid method call '->{e.name}()': '->' can only be used with remote methods",
                )
            )
            return
        params = method.params if isinstance(method, LibMethod) else _params(checker, method)
        check_arguments(checker, e.name, params, e.args, e.span)
        return
    if remote_call:
        return
    k = kinds(target)
    if k is not None and len(k) > 1 and k <= _LANGLIB_KINDS and e.name not in VALUE_FUNCTIONS:
        # A union of different basic types (`string?`, `int|string`) has no lang library of its own: only
        # lang.value's functions apply to it, whatever its members have.
        message = UNDEFINED_METHOD.format_message(e.name, display(target))
        checker.found.append(report(UNDEFINED_METHOD, e.span, message=message))
        return
    if k is None or len(k) != 1:
        return
    kind = next(iter(k))
    if kind == "list" and e.name in RESIZING and _fixed_length(target):
        checker.found.append(report(FIXED_LENGTH, e.span, e.name, display(target)))
        return
    names = LANGLIB.get(kind)
    if e.args and e.name in NO_ARGUMENTS.get(kind, ()):
        if not (kind == "mapping" and _may_hold_function(target, e.name)):
            message = f"too many arguments in call to '{e.name}()'"
            checker.found.append(report("BAL_TYPE_003", e.span, message=message))
            return
    if names is None or e.name in names or e.name in VALUE_FUNCTIONS:
        return
    if kind == "mapping" and _may_hold_function(target, e.name):
        return
    checker.found.append(report(UNDEFINED_METHOD, e.span, e.name, display(target)))


def _fixed_length(t: T.Type) -> bool:
    """Every member of `t` is a fixed-length array (jBallerina gives the error only then)."""
    r = T.resolve(t)
    members = r.members if isinstance(r, T.TUnion) else [r]
    return all(
        (isinstance(m := T.resolve(x), T.TArray) and m.length is not None)
        or (isinstance(m, T.TTuple) and m.rest is None)
        for x in members
    )


def _may_hold_function(t: T.Type, name: str) -> bool:
    """`r.f()` on a mapping calls a field holding a function: only certain when no field can."""
    r = T.resolve(t)
    if isinstance(r, T.TRecord):
        field = r.fields.get(name)
        if field is not None:
            return True
        rest = r.rest
        return rest is not None and "function" in (kinds(rest) or {"function"})
    if isinstance(r, T.TMap):
        return "function" in (kinds(r.constraint) or {"function"})
    return True


def check_arguments(
    checker: Any, name: str, params: tuple[LibParam, ...], args: tuple[ast.Node, ...], span: Any
) -> None:
    """Count, names and types of the arguments of a call of `name` with these parameters."""
    if any(isinstance(a, ast.RestArg) for a in args):
        return
    positional = [a for a in args if not isinstance(a, ast.NamedArg)]
    named = [a for a in args if isinstance(a, ast.NamedArg)]
    fixed = [p for p in params if not p.rest and not p.included]
    rest = next((p for p in params if p.rest), None)
    included = [p for p in params if p.included]
    if len(positional) > len(fixed) + len(included) and rest is None:
        checker.found.append(
            report("BAL_TYPE_003", span, message=f"too many arguments in call to '{name}()'")
        )
        return
    for i, arg in enumerate(positional):
        if i < len(fixed):
            checker.expect(fixed[i].type, arg)
        elif i < len(fixed) + len(included):
            checker.expect(included[i - len(fixed)].type, arg)
        elif rest is not None and rest.type is not None:
            r = T.resolve(rest.type)
            checker.expect(r.element if isinstance(r, T.TArray) else None, arg)
    given = {p.name for p in fixed[: len(positional)]}
    by_name = {p.name: p for p in fixed}
    for arg in named:
        p = by_name.get(arg.name)
        if p is not None:
            given.add(arg.name)
            checker.expect(p.type, arg.value)
            continue
        field = _included_field(included, arg.name)
        if field is not None:
            checker.expect(field.type, arg.value)
        elif field is None and _all_closed(included):
            checker.found.append(
                report("BAL_TYPE_003", arg.span, message=f"undefined defaultable parameter '{arg.name}'")
            )
    missing = [p.name for p in fixed if p.name not in given and not p.default]
    # an included record parameter not passed as a whole: its required fields are required named args
    for p in included[max(0, len(positional) - len(fixed)) :]:
        missing += missing_included_fields(p.type, {a.name for a in named})
    for missed in missing:
        message = f"missing required parameter '{missed}' in call to '{name}()'"
        checker.found.append(report("BAL_TYPE_003", span, message=message))


def missing_included_fields(t: T.Type | None, named: set[str]) -> list[str]:
    """The required fields (neither optional nor defaulted) of an included record parameter's type that no
    named argument gives, when it is not passed as a whole: each is a missing required parameter."""
    r = T.resolve(t) if t is not None else None
    if not isinstance(r, T.TRecord):
        return []
    return [f for f, fd in r.fields.items() if not fd.optional and fd.default is None and f not in named]


def _included_field(included: list[LibParam], name: str) -> T.Field | None:
    for p in included:
        r = T.resolve(p.type) if p.type is not None else None
        if isinstance(r, T.TRecord) and name in r.fields:
            return r.fields[name]
    return None


def _all_closed(included: list[LibParam]) -> bool:
    for p in included:
        r = T.resolve(p.type) if p.type is not None else None
        if not isinstance(r, T.TRecord) or r.rest is not None:
            return False
    return True
