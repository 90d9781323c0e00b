"""Field and member access expressions (`x.f`, `x?.f`, `x[i]`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from balmail.compiler import expressions
from balmail.runtime import types as T
from balmail.runtime.errors import (
    index_out_of_range,
    key_not_found,
    runtime_panic,
)
from balmail.runtime.functions import Eval
from balmail.runtime.tables import BTable
from balmail.runtime.values import (
    BError,
    BFunction,
    BList,
    BMap,
    BObject,
)
from balmail.runtime.xml import BXml
from balmail.runtime.xml import attribute as xml_attribute
from balmail.runtime.xml import member as xml_member
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler

# ------------------------------------------------------------ access


def expr_FieldAccess(cx: Compiler, e: ast.FieldAccess, expected: T.Type | None) -> Eval:
    target = expressions.expr(cx, e.target)
    name = e.name
    if ":" in name:  # `x.ns:attr`: an xml attribute by qualified name
        from balmail.compiler.xml import attribute_name

        name = attribute_name(cx, e)
    if e.optional:

        def opt_field(f: list[Any]) -> Any:
            v = target(f)
            if v is None:
                return None
            if isinstance(v, BMap):
                return v.get(name)
            if isinstance(v, BXml):
                return xml_attribute(v, name, True)
            if isinstance(v, BObject):
                return v.fields.get(name)
            if isinstance(v, BError):
                return v
            return None

        return opt_field

    def field(f: list[Any]) -> Any:
        v = target(f)
        if isinstance(v, BMap):
            try:
                return v[name]
            except KeyError:
                if isinstance(T.resolve(v.type) if v.type is not None else None, T.TRecord):
                    return None
                from balmail.runtime.errors import make_error

                return make_error(f"key '{name}' not found in JSON mapping", {})
        if isinstance(v, BObject):
            try:
                return v.fields[name]
            except KeyError:
                m = v.cls.methods.get(name)
                if m is not None:
                    return BFunction(m, v.env, v)
                raise key_not_found(name) from None
        if v is None:
            raise runtime_panic("NullReferenceException", f"cannot access field '{name}' of nil")
        if isinstance(v, BError):
            return v
        if isinstance(v, BXml):
            return xml_attribute(v, name, False)
        raise runtime_panic("TypeCastError", f"cannot access field '{name}' of '{T.value_type_name(v)}'")

    return field


def expr_MemberAccess(cx: Compiler, e: ast.MemberAccess, expected: T.Type | None) -> Eval:
    if type(e.target).__name__ == "XmlNavigation" and getattr(e.target, "kind", "") != "filter":
        from balmail.compiler.xml import indexed_step

        return indexed_step(cx, e)  # `x/<e>[i]`
    target = expressions.expr(cx, e.target)
    index = expressions.expr(cx, e.index)

    def member(f: list[Any]) -> Any:
        v = target(f)
        i = index(f)
        if isinstance(v, BList):
            if type(i) is int and 0 <= i < len(v):
                return v[i]
            raise index_out_of_range(i, len(v))
        if isinstance(v, BMap):
            return v.get(i)
        if type(v) is str:
            if type(i) is int and 0 <= i < len(v):
                return v[i]
            raise runtime_panic(
                "IndexOutOfRange", f"string index out of range: index: {i}, size: {len(v)}", "lang.string"
            )
        if v is None:
            return None
        if isinstance(v, BObject):
            return v.fields.get(i)
        if isinstance(v, BTable):
            return v.find(i)
        if isinstance(v, BXml):
            return xml_member(v, i)
        raise runtime_panic("TypeCastError", f"cannot index '{T.value_type_name(v)}'")

    return member
