"""What `new T(...)` may name (jBallerina's TypeChecker for a type-init expression): a class, a stream type,
or a union of them, from which it picks the one member whose `init` accepts the arguments. A type with no
object at all is "cannot infer type of the object from 'T'"; a union of classes where more than one `init`
takes the arguments is "ambiguous type 'T'", and one where none does is again "cannot infer". Only types
and classes declared in this module are judged, and a union only when every member's verdict is certain.
"""

from __future__ import annotations

from typing import Any

from balmail.check.registry import report
from balmail.check.statictypes import kinds
from balmail.syntax import ast


def check_new_target(checker: Any, e: ast.NewExpr) -> bool:
    """Report `new T(...)` whose T names a module type that is no class; whether it reported."""
    td = e.type
    if not isinstance(td, ast.TypeRef) or td.prefix is not None or td.name in checker.classes:
        return False
    members = checker.module.members
    defn = next((m for m in members if isinstance(m, ast.TypeDefn) and m.name == td.name), None)
    if defn is None:
        return False
    message = None
    if isinstance(defn.type, ast.UnionType):
        verdicts = [_accepts(checker, m, e.args) for m in defn.type.members]
        if None not in verdicts and verdicts.count(True) > 1:
            message = f"ambiguous type '{td.name}'"
        elif verdicts and all(v is False for v in verdicts):
            message = f"cannot infer type of the object from '{td.name}'"
    else:
        k = kinds(checker.resolver.resolve(defn.type))
        if k is not None and not k & {"object", "stream"}:
            message = f"cannot infer type of the object from '{td.name}'"
    if message is not None:
        checker.found.append(report("BAL_TYPE_001", e.span, message=message))
    return message is not None


def _accepts(checker: Any, td: ast.TypeDesc, args: tuple[ast.Arg, ...]) -> bool | None:
    """Whether the `init` of the class `td` names certainly takes `args` (True), certainly does not
    (False, also for a member that is not an object at all), or either (None)."""
    if not isinstance(td, ast.TypeRef) or td.prefix is not None:
        return None
    cls = checker.classes.get(td.name)
    if cls is None:
        k = kinds(checker.resolver.resolve(td))
        return False if k is not None and not k & {"object", "stream"} else None
    if any(isinstance(m, ast.TypeInclusion) for m in cls.members):
        return None
    if any(isinstance(a, ast.NamedArg | ast.RestArg) for a in args):
        return None
    init = next((m for m in cls.members if isinstance(m, ast.FunctionDefn) and m.name == "init"), None)
    params = init.signature.params if init is not None else ()
    if any(p.rest or p.included for p in params):
        return None
    required = sum(1 for p in params if p.default is None)
    if not required <= len(args) <= len(params):
        return False
    for p, a in zip(params, args, strict=False):
        have, want = kinds(checker.type_of(a)), kinds(checker.resolver.resolve(p.type))
        if have is None or want is None:
            return None
        if not have & want:
            return False
        if not have <= want:
            return None
    return True
