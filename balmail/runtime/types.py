"""Runtime types: membership tests for `is`, casts and `ensureType`, a subtype approximation used for
inherent types of mutable containers, and the names Ballerina prints in messages.

`check/` reuses these classes for its static checks, so there is one notion of type in balmail.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from typing import Any

from balmail.runtime.values import (
    BError,
    BFunction,
    BList,
    BMap,
    BNative,
    BObject,
    BRegExp,
    BStream,
    BTypedesc,
    to_bal_string,
)
from balmail.runtime.xml import BXml
from balmail.runtime.xml import is_readonly as xml_readonly
from balmail.runtime.xml import kind as xml_kind

D = decimal.Decimal


class Type:
    """Base of runtime types. `name` is set for types that come from a named definition."""

    name: str | None = None
    kinds: frozenset[type] = frozenset()
    """For a growable array or a map: Python types all of whose values a member store may take without a
    further test (`type(v) in t.kinds`, the fast path of generated stores). Armed per type object on the
    first slow store (`arm_kinds`); empty until then, and for every other type."""
    exact: frozenset[Any] | set[Any] = frozenset()
    """For a growable array or a map: inherent types of mutable lists and mappings already found to
    belong to the member type (`v.type in t.exact and not v.ro`, the fast path of structured stores), and
    compiled functions whose values belong to it (`v.info in t.exact`).
    Filled by `remember_exact` where membership depends on the inherent type (or function) alone."""

    def contains(self, v: Any) -> bool:
        raise NotImplementedError

    def describe(self) -> str:
        return "?"

    def __str__(self) -> str:
        return self.name or self.describe()

    def __repr__(self) -> str:
        return f"<type {self}>"


class TAny(Type):
    def contains(self, v: Any) -> bool:
        return not isinstance(v, BError)

    def describe(self) -> str:
        return "any"


class TAnydata(Type):
    def contains(self, v: Any) -> bool:
        return is_anydata(v)

    def describe(self) -> str:
        return "anydata"


class TJson(Type):
    def contains(self, v: Any) -> bool:
        return is_json(v)

    def describe(self) -> str:
        return "json"


class TNever(Type):
    def contains(self, v: Any) -> bool:
        return False

    def describe(self) -> str:
        return "never"


class TNil(Type):
    def contains(self, v: Any) -> bool:
        return v is None

    def describe(self) -> str:
        return "()"


class TBoolean(Type):
    def contains(self, v: Any) -> bool:
        return type(v) is bool

    def describe(self) -> str:
        return "boolean"


class TInt(Type):
    def __init__(self, lo: int | None = None, hi: int | None = None, label: str = "int") -> None:
        self.lo = lo
        self.hi = hi
        self.label = label

    def contains(self, v: Any) -> bool:
        if type(v) is not int:
            return False
        if self.lo is not None and v < self.lo:
            return False
        return not (self.hi is not None and v > self.hi)

    def describe(self) -> str:
        return self.label


class TFloat(Type):
    def contains(self, v: Any) -> bool:
        return type(v) is float

    def describe(self) -> str:
        return "float"


class TDecimal(Type):
    def contains(self, v: Any) -> bool:
        return type(v) is D

    def describe(self) -> str:
        return "decimal"


class TString(Type):
    def __init__(self, char: bool = False) -> None:
        self.char = char

    def contains(self, v: Any) -> bool:
        return type(v) is str and (not self.char or len(v) == 1)

    def describe(self) -> str:
        return "string:Char" if self.char else "string"


class TSingleton(Type):
    def __init__(self, value: Any) -> None:
        self.value = value

    def contains(self, v: Any) -> bool:
        # a float singleton of NaN contains NaN (NaN is one value in Ballerina, though NaN != NaN)
        return type(v) is type(self.value) and (v == self.value or (v != v and self.value != self.value))

    def describe(self) -> str:
        v = self.value
        if type(v) in (int, float, decimal.Decimal, bool):
            from balmail.runtime.values import to_string

            return to_string(v)
        return to_bal_string(v)


class TUnion(Type):
    def __init__(self, members: list[Type]) -> None:
        self.members = members

    def contains(self, v: Any) -> bool:
        return any(m.contains(v) for m in self.members)

    def describe(self) -> str:
        ms = self.members
        if len(ms) == 2 and any(isinstance(resolve(m), TNil) for m in ms):
            other = [m for m in ms if not isinstance(resolve(m), TNil)][0]
            if not isinstance(resolve(other), TUnion) or other.name:
                return f"{other}?"
        return "|".join(str(m) for m in ms)


class TArray(Type):
    def __init__(self, element: Type, length: int | None = None) -> None:
        self.element = element
        self.length = length
        self.infer_length = False

    def contains(self, v: Any) -> bool:
        if not isinstance(v, BList):
            return False
        if self.length is not None and len(v) != self.length:
            return False
        vt = v.type
        if vt is not None and not v.ro:
            if vt is self or (type(vt) is TLazy and vt.target is self):
                return True
            return is_subtype(vt, self)
        el = self.element
        return all(el.contains(x) for x in v)

    def describe(self) -> str:
        # `(int[2])[3]` is spelled `int[3][2]`: dimensions in member-access order (spec, "Array types")
        dims = f"[{self.length if self.length is not None else ''}]"
        element = self.element
        while isinstance(element, TArray) and not element.name:
            dims += f"[{element.length if element.length is not None else ''}]"
            element = element.element
        inner = str(element)
        if isinstance(resolve(element), TUnion) and not element.name:
            inner = f"({inner})"
        return inner + dims


class TTuple(Type):
    def __init__(self, members: list[Type], rest: Type | None) -> None:
        self.members = members
        self.rest = rest

    def member_type(self, i: int) -> Type | None:
        if i < len(self.members):
            return self.members[i]
        return self.rest

    def contains(self, v: Any) -> bool:
        if not isinstance(v, BList):
            return False
        if v.type is not None and not v.ro:
            return is_subtype(v.type, self)
        n = len(self.members)
        if len(v) < n or (self.rest is None and len(v) != n):
            return False
        for i, x in enumerate(v):
            t = self.members[i] if i < n else self.rest
            if t is None or not t.contains(x):
                return False
        return True

    def describe(self) -> str:
        parts = [str(m) for m in self.members]
        if self.rest is not None:
            parts.append(f"{self.rest}...")
        return "[" + ",".join(parts) + "]"


class TMap(Type):
    def __init__(self, constraint: Type) -> None:
        self.constraint = constraint

    def contains(self, v: Any) -> bool:
        if not isinstance(v, BMap):
            return False
        vt = v.type
        if vt is not None and not v.ro:
            if vt is self or (type(vt) is TLazy and vt.target is self):
                return True  # the common case: a record built as this very type
            return is_subtype(vt, self)
        c = self.constraint
        return all(c.contains(x) for x in v.values())

    def describe(self) -> str:
        return f"map<{self.constraint}>"


class Field:
    """A record field: its type, whether it is optional, and a default thunk (called per construction)."""

    __slots__ = ("name", "type", "optional", "default", "readonly", "sensitive")

    def __init__(
        self, name: str, type: Type, optional: bool, default: Callable[[], Any] | None, readonly: bool = False
    ) -> None:
        self.name = name
        self.type = type
        self.optional = optional
        self.default = default
        self.readonly = readonly
        self.sensitive: Callable[[], Any] | None = None  # `@log:SensitiveData`: its config, when evaluated


class TRecord(Type):
    def __init__(self, fields: dict[str, Field], rest: Type | None) -> None:
        self.fields = fields
        self.rest = rest  # None: closed record

    def field_type(self, key: str) -> Type | None:
        f = self.fields.get(key)
        return f.type if f is not None else self.rest

    def contains(self, v: Any) -> bool:
        if not isinstance(v, BMap):
            return False
        vt = v.type
        if vt is not None and not v.ro:
            if vt is self or (type(vt) is TLazy and vt.target is self):
                return True  # the common case: a record built as this very type
            return is_subtype(vt, self)
        return self.shape_contains(v)

    def shape_contains(self, v: BMap) -> bool:
        for name, f in self.fields.items():
            if name in v:
                if not f.type.contains(v[name]):
                    return False
            elif not f.optional:
                return False
        for k, x in v.items():
            if k not in self.fields:
                if self.rest is None or not self.rest.contains(x):
                    return False
        return True

    def describe(self) -> str:
        inner = " ".join(f"{f.type} {n}{'?' if f.optional else ''};" for n, f in self.fields.items())
        if self.rest is None:
            return "record {| " + inner + " |}"
        return "record { " + inner + " }"


class TError(Type):
    def __init__(self, detail: Type | None = None, distinct_ids: frozenset[int] = frozenset()) -> None:
        self.detail = detail
        self.distinct_ids = distinct_ids

    def contains(self, v: Any) -> bool:
        if not isinstance(v, BError):
            return False
        if self.distinct_ids:
            have = _error_type_ids(v.type) if v.type is not None else frozenset()
            if not self.distinct_ids <= have:
                return False
        if self.detail is not None:
            return (
                self.detail.contains(v.detail)
                if not isinstance(self.detail, TRecord)
                else (self.detail.shape_contains(v.detail))
            )
        return True

    def describe(self) -> str:
        return f"error<{self.detail}>" if self.detail is not None else "error"


def _error_type_ids(t: Type) -> frozenset[int]:
    """The type ids an error value made with type `t` carries: an intersection of distinct error types
    carries every member's (`DistinctA & DistinctB`)."""
    r = resolve(t)
    if isinstance(r, TIntersection):
        ids: frozenset[int] = frozenset()
        for m in r.members:
            ids |= _error_type_ids(m)
        return ids
    return getattr(r, "distinct_ids", frozenset())


class TObject(Type):
    """An object type: by class (nominal for classes) or by member names (structural object types)."""

    def __init__(
        self, cls: Any = None, members: tuple[str, ...] = (), distinct_ids: frozenset[int] = frozenset()
    ):
        self.cls = cls
        self.members = members
        self.distinct_ids = distinct_ids

    def contains(self, v: Any) -> bool:
        if not isinstance(v, BObject):
            return False
        if self.cls is not None:
            return v.cls is self.cls or class_conforms(v.cls, self.cls)
        if self.distinct_ids and not self.distinct_ids <= getattr(v.cls, "distinct_ids", frozenset()):
            return False
        return all(m in v.fields or m in v.cls.methods for m in self.members)

    def describe(self) -> str:
        return "object"


class TFunction(Type):
    """`function` (any function value) or a function type with a signature. Function types are
    contravariant in their parameters and covariant in their return type (spec, "Function types");
    a value's own type comes from the compiled function's declared parameters and return type."""

    def __init__(
        self,
        params: list[Type] | None = None,
        rest: Type | None = None,
        ret: Type | None = None,
        isolated: bool = False,
    ) -> None:
        self.params = params  # None: any function
        self.rest = rest
        self.ret = ret
        self.isolated = isolated  # `isolated function ...`: only isolated function values belong
        self.fits: dict[Any, bool] = {}
        """Compiled functions (`FunctionInfo`) already tested: a function value's type depends on its
        function alone, and pushing ten million closures of one function into `F[]` asks each time."""

    def contains(self, v: Any) -> bool:
        if type(v) is BFunction:
            known = self.fits.get(v.info)
            if known is not None:
                return known
        elif not isinstance(v, BFunction | BNative):
            return False
        if self.isolated and not getattr(getattr(v, "info", None), "isolated", isinstance(v, BNative)):
            return False
        if self.params is None or isinstance(v, BNative):
            return True
        own = function_value_type(v)
        answer = own is None or is_subtype(own, self)
        if type(v) is BFunction and len(self.fits) < 4096:
            self.fits[v.info] = answer
        return answer

    def describe(self) -> str:
        if self.isolated:
            return "isolated " + TFunction(self.params, self.rest, self.ret).describe()
        if self.params is None:
            return "function"
        parts = [str(p) for p in self.params]
        if self.rest is not None:
            parts.append(f"{self.rest}...")
        ret = "" if self.ret is None or isinstance(resolve(self.ret), TNil) else f" returns {self.ret}"
        return f"function ({','.join(parts)}){ret}"


def _type_ids(cls: Any) -> frozenset[int]:
    ids = frozenset(getattr(cls, "distinct_ids", ()))
    for inc in getattr(cls, "includes", ()):
        ids |= _type_ids(inc)
    return ids


def class_conforms(have: Any, want: Any) -> bool:
    """Whether objects of class `have` belong to the object type of class `want`. Object types are
    structural (spec, "Object types"): `want`'s type IDs (its own `distinct` ones and those it includes)
    must all be `have`'s, and `have` must declare every field (with a subtype) and method of `want`. A
    class with `private` members is matched only by itself and the classes that include it."""
    if have is want or want in getattr(have, "includes", ()):
        return True
    if getattr(want, "has_private", True):
        return False
    if getattr(want, "readonly", False) and not getattr(have, "readonly", False):
        return False
    if not _type_ids(want) <= _type_ids(have):
        return False
    have_fields = getattr(have, "field_types", {})
    for name, t in getattr(want, "field_types", {}).items():
        ht = have_fields.get(name)
        if ht is None or not is_subtype(ht, t):
            return False
    have_methods = getattr(have, "methods", {})
    return all(key in have_methods for key in getattr(want, "methods", {}))


def function_value_type(v: Any) -> TFunction | None:
    """The function type of a compiled function value (bound methods drop `self`)."""
    info = getattr(v, "info", None)
    params = getattr(info, "params", None)
    if params is None:
        return None
    fixed = [p.type for p in params if not p.rest]
    rest = next((p.type for p in params if p.rest), None)
    return TFunction(fixed, rest, info.ret_type, getattr(info, "isolated", False))


def _function_subtype(a: TFunction, b: TFunction) -> bool:
    if b.isolated and not a.isolated:
        return False
    if b.params is None:
        return True
    if a.params is None:
        return False
    for i, bp in enumerate(b.params):
        ap = a.params[i] if i < len(a.params) else a.rest
        if ap is None or not is_subtype(bp, ap):
            return False
    if len(a.params) > len(b.params):
        return False
    if b.rest is not None and (a.rest is None or not is_subtype(b.rest, a.rest)):
        return False
    if b.ret is None or a.ret is None:
        return True
    return is_subtype(a.ret, b.ret)


class TReadonly(Type):
    def contains(self, v: Any) -> bool:
        return is_readonly(v)

    def describe(self) -> str:
        return "readonly"


class TIntersection(Type):
    def __init__(self, members: list[Type]) -> None:
        self.members = members

    def contains(self, v: Any) -> bool:
        for m in self.members:
            r = resolve(m)
            if isinstance(r, TReadonly):
                if not is_readonly(v):
                    return False
            elif isinstance(v, BList | BMap) and v.ro:
                if not shape_contains(r, v):
                    return False
            elif not m.contains(v):
                return False
        return True

    def describe(self) -> str:
        return " & ".join(str(m) for m in self.members)

    @property
    def readonly(self) -> bool:
        """Whether `readonly` is one of the members (`T1 & T2` alone builds mutable values)."""
        return any(
            isinstance(r, TReadonly) or isinstance(r, TIntersection) and r.readonly
            for r in map(resolve, self.members)
        )

    def non_readonly(self) -> Type:
        """The intersection of the members other than `readonly`, worked out once (see `meet`)."""
        found = self.__dict__.get("_effective")
        if found is None:
            others = [m for m in self.members if not isinstance(resolve(m), TReadonly)]
            found = others[0] if others else ANYDATA
            for m in others[1:]:
                found = meet(found, m)
            self._effective = found
        return found


class TTypedesc(Type):
    def contains(self, v: Any) -> bool:
        return isinstance(v, BTypedesc)

    def describe(self) -> str:
        return "typedesc"


class TRegExp(Type):
    def contains(self, v: Any) -> bool:
        return isinstance(v, BRegExp)

    def describe(self) -> str:
        return "string:RegExp"


class TStream(Type):
    def __init__(self, element: Type | None = None, completion: Type | None = None) -> None:
        self.element = element  # `stream<T, C>`'s T, when written (library functions read it)
        self.completion = completion  # its C when written (`None`: not written, which means `()`)

    def contains(self, v: Any) -> bool:
        return isinstance(v, BStream)

    def describe(self) -> str:
        if self.element is None:
            return "stream"
        completion = self.completion
        if completion is None or isinstance(resolve(completion), TNil):
            return f"stream<{self.element}>"
        return f"stream<{self.element},{completion}>"


class TXml(Type):
    """`xml`, `xml<T>` (sequences of items of T) and the item types `xml:Element`, `xml:Text`,
    `xml:Comment`, `xml:ProcessingInstruction`. `item_kinds` None admits every item kind."""

    def __init__(
        self, item_kinds: frozenset[str] | None = None, item: bool = False, label: str = "xml"
    ) -> None:
        self.item_kinds = item_kinds
        self.item = item
        self.label = label

    def contains(self, v: Any) -> bool:
        if not isinstance(v, BXml):
            return False
        items = v.items()
        kinds = self.item_kinds
        if self.item:
            if kinds == _TEXT_KIND and not items:
                return True  # the empty sequence is an xml:Text
            return len(items) == 1 and (kinds is None or xml_kind(items[0]) in kinds)
        return kinds is None or all(xml_kind(i) in kinds for i in items)

    def describe(self) -> str:
        return self.label


_TEXT_KIND = frozenset({"text"})


class THandle(Type):
    def contains(self, v: Any) -> bool:
        return False

    def describe(self) -> str:
        return "handle"


class TLazy(Type):
    """A named type resolved on first use, so definitions can refer to each other and to themselves."""

    def __init__(self, name: str, thunk: Callable[[], Type]) -> None:
        self.name = name
        self._thunk = thunk
        self.target: Type | None = None

    def get(self) -> Type:
        if self.target is None:
            self.target = self._thunk()
        return self.target

    def contains(self, v: Any) -> bool:
        t = self.target
        return (t if t is not None else self.get()).contains(v)

    def describe(self) -> str:
        return self.name or "?"


ANY = TAny()
ANYDATA = TAnydata()
JSON = TJson()
NEVER = TNever()
NIL = TNil()
BOOLEAN = TBoolean()
INT = TInt()
BYTE = TInt(0, 255, "byte")
FLOAT = TFloat()
DECIMAL = TDecimal()
STRING = TString()
ERROR = TError()
READONLY = TReadonly()
FUNCTION = TFunction()
TYPEDESC = TTypedesc()
REGEXP = TRegExp()
HANDLE = THandle()
ANY_OR_ERROR = TUnion([ANY, ERROR])
XML = TXml()
XML_SUBTYPES: dict[str, Type] = {
    "Element": TXml(frozenset({"element"}), True, "xml:Element"),
    "Text": TXml(frozenset({"text"}), True, "xml:Text"),
    "Comment": TXml(frozenset({"comment"}), True, "xml:Comment"),
    "ProcessingInstruction": TXml(frozenset({"pi"}), True, "xml:ProcessingInstruction"),
}


def xml_type(arg: Type | None) -> Type:
    """`xml` alone or `xml<T>`: sequences whose items all belong to T (a union of item types)."""
    if arg is None:
        return XML
    kinds: set[str] = set()
    for m in member_types(arg):
        if isinstance(m, TXml) and m.item_kinds is not None:
            kinds |= m.item_kinds
        elif isinstance(m, TXml) or not isinstance(m, TNever):
            return XML
    return TXml(frozenset(kinds), False, f"xml<{arg}>")

BUILTIN_TYPES: dict[str, Type] = {
    "int": INT, "float": FLOAT, "decimal": DECIMAL, "string": STRING, "boolean": BOOLEAN, "byte": BYTE,
    "json": JSON, "anydata": ANYDATA, "any": ANY, "never": NEVER, "readonly": READONLY,
}
"""The built-in type names both the checker and the compiler resolve the same way."""

INT_SUBTYPES = {
    "Signed8": TInt(-128, 127, "int:Signed8"),
    "Signed16": TInt(-32768, 32767, "int:Signed16"),
    "Signed32": TInt(-(2**31), 2**31 - 1, "int:Signed32"),
    "Unsigned8": TInt(0, 255, "int:Unsigned8"),
    "Unsigned16": TInt(0, 65535, "int:Unsigned16"),
    "Unsigned32": TInt(0, 2**32 - 1, "int:Unsigned32"),
}


def resolve(t: Type) -> Type:
    """Look through lazy named types."""
    while isinstance(t, TLazy):
        t = t.get()
    return t


def is_anydata(v: Any) -> bool:
    t = type(v)
    if v is None or t in (bool, int, float, str, D):
        return True
    if isinstance(v, BList):
        if v.type is not None and not v.ro:
            return is_subtype(v.type, ANYDATA)
        return all(is_anydata(x) for x in v)
    if isinstance(v, BMap):
        if v.type is not None and not v.ro:
            return is_subtype(v.type, ANYDATA)
        return all(is_anydata(x) for x in v.values())
    if isinstance(v, BRegExp | BXml):
        return True
    from balmail.runtime.tables import BTable

    return isinstance(v, BTable) and all(is_anydata(r) for r in v)


def is_json(v: Any) -> bool:
    t = type(v)
    if v is None or t in (bool, int, float, str, D):
        return True
    if isinstance(v, BList):
        if v.type is not None and not v.ro:
            return is_subtype(v.type, JSON)
        return all(is_json(x) for x in v)
    if isinstance(v, BMap):
        if v.type is not None and not v.ro:
            return is_subtype(v.type, JSON)
        return all(is_json(x) for x in v.values())
    return False


def is_readonly(v: Any) -> bool:
    if v is None or type(v) in (bool, int, float, str, D):
        return True
    if isinstance(v, BList | BMap):
        return v.ro
    if isinstance(v, BError | BFunction | BNative | BTypedesc | BRegExp):
        return True
    if isinstance(v, BObject):
        return bool(getattr(v.cls, "readonly", False))
    if isinstance(v, BXml):
        return xml_readonly(v)
    return bool(getattr(v, "ro", False))  # a table (runtime/tables.py)


def shape_contains(t: Type, v: Any) -> bool:
    """Membership by shape only (for read-only values, whose shape cannot change)."""
    t = resolve(t)
    if isinstance(v, BMap) and isinstance(t, TRecord):
        return t.shape_contains(v)
    if isinstance(v, BList) and isinstance(t, TArray):
        return all(t.element.contains(x) for x in v)
    if isinstance(v, BMap) and isinstance(t, TMap):
        return all(t.constraint.contains(x) for x in v.values())
    if isinstance(t, TUnion):
        return any(shape_contains(m, v) for m in t.members)
    return t.contains(v)


_SIMPLE = (TBoolean, TInt, TFloat, TDecimal, TString, TNil)


_ASSUMED: set[tuple[int, int]] = set()


def is_subtype(a: Type, b: Type) -> bool:
    """An approximation of `a <: b`, enough for inherent types of containers and static checks.

    Recursive types are compared coinductively: a pair already being compared further up is assumed
    to hold, so `type Node record { Node? next; }` against a look-alike terminates."""
    if not _ASSUMED:  # asked again and again of the same two inherent types: answered before resolving
        known = _SUBTYPE_CACHE.get((a, b))
        if known is not None:
            return known
    a0, b0 = a, b
    a = resolve(a)
    b = resolve(b)
    if a is b:
        return True
    if not isinstance(a, TRecord | TMap | TArray | TTuple | TIntersection):
        return _is_subtype(a, b)
    if not _ASSUMED:  # a top-level question: its answer holds for good (types do not change)
        pair = (a, b)
        known = _SUBTYPE_CACHE.get(pair)
        if known is not None:
            return known
    key = (id(a), id(b))
    if key in _ASSUMED:
        return True
    top = not _ASSUMED
    _ASSUMED.add(key)
    try:
        answer = _is_subtype(a, b)
    finally:
        _ASSUMED.discard(key)
    if top:
        if len(_SUBTYPE_CACHE) >= 4096:
            _SUBTYPE_CACHE.clear()
        _SUBTYPE_CACHE[(a, b)] = answer
        if (a0, b0) != (a, b):
            _SUBTYPE_CACHE[(a0, b0)] = answer
    return answer


_SUBTYPE_CACHE: dict[tuple[Type, Type], bool] = {}
"""Answers to top-level `is_subtype` questions on structured types (the pair is kept, so ids stay unique);
`x is map<int>` on a container asks the same question of its inherent type again and again."""


def _is_subtype(a: Type, b: Type) -> bool:
    if isinstance(a, TNever):
        return True
    if isinstance(a, TUnion):
        return all(is_subtype(m, b) for m in a.members)
    if isinstance(b, TUnion):
        return any(is_subtype(a, m) for m in b.members)
    if isinstance(b, TAny):
        return not isinstance(a, TError)
    if isinstance(a, TSingleton):
        return b.contains(a.value)
    if isinstance(b, TAnydata):
        return _is_pure(a, ANYDATA)
    if isinstance(b, TJson):
        return _is_pure(a, JSON)
    if isinstance(a, TInt) and isinstance(b, TInt):
        lo_ok = b.lo is None or (a.lo is not None and a.lo >= b.lo)
        hi_ok = b.hi is None or (a.hi is not None and a.hi <= b.hi)
        return lo_ok and hi_ok
    if isinstance(a, TString) and isinstance(b, TString):
        return not b.char or a.char
    if isinstance(a, _SIMPLE) and type(a) is type(b):
        return True
    if isinstance(b, TReadonly):
        return isinstance(a, _SIMPLE | TSingleton | TError | TReadonly)
    if isinstance(a, TIntersection):
        return is_subtype(a.non_readonly(), b) or any(is_subtype(m, b) for m in a.members)
    if isinstance(b, TIntersection):
        return all(is_subtype(a, m) for m in b.members)
    own = getattr(a, "subtype_of", None)  # kinds defined in modules of their own (runtime/tables.py)
    if own is not None:
        return bool(own(b))
    if isinstance(a, TArray):
        if isinstance(b, TArray):
            return (b.length is None or a.length == b.length) and is_subtype(a.element, b.element)
        if isinstance(b, TTuple):
            return False
        return False
    if isinstance(a, TTuple):
        if isinstance(b, TArray):
            return all(is_subtype(m, b.element) for m in a.members) and (
                a.rest is None or is_subtype(a.rest, b.element)
            )
        if isinstance(b, TTuple):
            if len(a.members) != len(b.members) and b.rest is None:
                return False
            for i, m in enumerate(a.members):
                bt = b.member_type(i)
                if bt is None or not is_subtype(m, bt):
                    return False
            if a.rest is not None:
                return b.rest is not None and is_subtype(a.rest, b.rest)
            return True
        return False
    if isinstance(a, TMap):
        if isinstance(b, TMap):
            return is_subtype(a.constraint, b.constraint)
        if isinstance(b, TRecord):
            return False
        return False
    if isinstance(a, TRecord):
        if isinstance(b, TMap):
            return all(is_subtype(f.type, b.constraint) for f in a.fields.values()) and (
                a.rest is None or is_subtype(a.rest, b.constraint)
            )
        if isinstance(b, TRecord):
            for name, bf in b.fields.items():
                af = a.fields.get(name)
                if af is None:
                    if not bf.optional:
                        return False
                    if a.rest is not None and not is_subtype(a.rest, bf.type):
                        return False
                    continue
                if af.optional and not bf.optional:
                    return False
                if not is_subtype(af.type, bf.type):
                    return False
            for name, af in a.fields.items():
                if name not in b.fields and (b.rest is None or not is_subtype(af.type, b.rest)):
                    return False
            if a.rest is not None:
                return b.rest is not None and is_subtype(a.rest, b.rest)
            return True
        return False
    if isinstance(a, TError) and isinstance(b, TError):
        if not b.distinct_ids <= a.distinct_ids:
            return False
        return b.detail is None or (a.detail is not None and is_subtype(a.detail, b.detail))
    if isinstance(a, TFunction) and isinstance(b, TFunction):
        return _function_subtype(a, b)
    if isinstance(a, TXml) and isinstance(b, TXml):
        if b.item_kinds is None:
            return not b.item or a.item
        return a.item_kinds is not None and a.item_kinds <= b.item_kinds and (a.item or not b.item)
    if isinstance(a, TObject) and isinstance(b, TObject):
        if b.cls is not None:
            return a.cls is b.cls or (a.cls is not None and class_conforms(a.cls, b.cls))
        return True
    return type(a) is type(b) and not isinstance(a, TRecord | TMap | TArray | TTuple | TUnion | TSingleton)


_PURE_ASSUMED: set[tuple[int, int]] = set()


def _is_pure(a: Type, target: Type) -> bool:
    """Whether type `a` only describes anydata (or json) values (recursive types: coinductively)."""
    a = resolve(a)
    key = (id(a), id(target))
    if key in _PURE_ASSUMED:
        return True
    _PURE_ASSUMED.add(key)
    try:
        return _is_pure_step(a, target)
    finally:
        _PURE_ASSUMED.discard(key)


def _is_pure_step(a: Type, target: Type) -> bool:
    json = isinstance(target, TJson)
    if isinstance(a, TBoolean | TInt | TFloat | TString | TNil | TSingleton):
        return True
    if isinstance(a, TDecimal | TRegExp | TXml):
        return not json or isinstance(a, TDecimal)
    if isinstance(a, TAnydata):
        return not json
    if isinstance(a, TJson):
        return True
    if isinstance(a, TArray):
        return _is_pure(a.element, target)
    if isinstance(a, TTuple):
        return all(_is_pure(m, target) for m in a.members) and (a.rest is None or _is_pure(a.rest, target))
    if isinstance(a, TMap):
        return _is_pure(a.constraint, target)
    if isinstance(a, TRecord):
        return all(_is_pure(f.type, target) for f in a.fields.values()) and (
            a.rest is None or _is_pure(a.rest, target)
        )
    if isinstance(a, TUnion):
        return all(_is_pure(m, target) for m in a.members)
    if isinstance(a, TIntersection):
        return _is_pure(a.non_readonly(), target)
    pure = getattr(a, "pure_in", None)  # kinds defined in modules of their own (runtime/tables.py)
    return bool(pure(target)) if pure is not None else False


def union(*members: Type) -> Type:
    flat: list[Type] = []
    for m in members:
        if isinstance(m, TUnion) and not m.name:
            flat.extend(m.members)
        else:
            flat.append(m)
    return flat[0] if len(flat) == 1 else TUnion(flat)


def nil_lifted(t: Type) -> bool:
    return resolve(t).contains(None)


def without_nil(t: Type) -> Type:
    r = resolve(t)
    if isinstance(r, TUnion):
        rest = [m for m in r.members if not isinstance(resolve(m), TNil)]
        return rest[0] if len(rest) == 1 else TUnion(rest)
    return t


def type_of_value(v: Any) -> Type:
    """The type `typeof v` and error messages name: a value's inherent type, or its basic type."""
    t = type(v)
    if v is None:
        return NIL
    if t is bool:
        return BOOLEAN
    if t is int:
        return INT
    if t is float:
        return FLOAT
    if t is D:
        return DECIMAL
    if t is str:
        return STRING
    if isinstance(v, BList):
        if v.type is not None:
            return v.type
        return TArray(ANYDATA if is_anydata(v) else ANY_OR_ERROR)
    if isinstance(v, BMap):
        if v.type is not None:
            return v.type
        return TMap(ANYDATA if is_anydata(v) else ANY_OR_ERROR)
    if isinstance(v, BError):
        return v.type if v.type is not None else ERROR
    if isinstance(v, BObject):
        return getattr(v.cls, "type", None) or TObject(v.cls)
    if isinstance(v, BFunction | BNative):
        return function_value_type(v) or FUNCTION
    if isinstance(v, BTypedesc):
        return TYPEDESC
    if isinstance(v, BRegExp):
        return REGEXP
    if isinstance(v, BStream):
        return v.type or TStream()
    from balmail.runtime.tables import ANY_TABLE, BTable

    if isinstance(v, BTable):
        return v.type or ANY_TABLE
    if isinstance(v, BXml):
        items = v.items()
        if len(items) == 1 or not items:
            return XML_SUBTYPES[_XML_ITEM_TYPE[xml_kind(items[0])]] if items else XML_SUBTYPES["Text"]
        return XML
    return ANY


_XML_ITEM_TYPE = {"element": "Element", "text": "Text", "comment": "Comment", "pi": "ProcessingInstruction"}


def value_type_name(v: Any) -> str:
    return str(type_of_value(v))


def element_type(t: Type | None, index: int = 0) -> Type | None:
    """The expected type of a list member at `index`, for contextually typed constructors."""
    if t is None:
        return None
    t = resolve(t)
    if isinstance(t, TArray):
        return t.element
    if isinstance(t, TTuple):
        return t.member_type(index)
    return None


def member_types(t: Type) -> list[Type]:
    t = resolve(t)
    if isinstance(t, TUnion):
        out: list[Type] = []
        for m in t.members:
            out.extend(member_types(m))
        return out
    return [t]


# lang.* modules that are automatically available under their last name without an import.
AUTO_LANG_PREFIXES = frozenset(
    {
        "int",
        "float",
        "decimal",
        "string",
        "boolean",
        "map",
        "error",
        "xml",
        "typedesc",
        "object",
        "future",
        "stream",
        "table",
        "function",
    }
)


def meet(a: Type, b: Type) -> Type:
    """`a & b` as one structural type (Ballerina spec 'Intersection types'): records merge their fields,
    lists and maps meet member-wise, unions distribute. Member types are met lazily (wrapped in a
    `TIntersection`), so recursive and self-referencing definitions never unfold forever."""
    ra, rb = resolve(a), resolve(b)
    if ra is rb:
        return a
    if isinstance(ra, TIntersection):
        return meet(ra.non_readonly(), b)
    if isinstance(rb, TIntersection):
        return meet(a, rb.non_readonly())
    if isinstance(ra, TAny | TReadonly) or (isinstance(ra, TAnydata) and not isinstance(rb, TAny)):
        return b
    if isinstance(rb, TAny | TReadonly | TAnydata):
        return a
    if isinstance(ra, TUnion) or isinstance(rb, TUnion):
        left = ra.members if isinstance(ra, TUnion) else [a]
        right = rb.members if isinstance(rb, TUnion) else [b]
        parts = [meet(x, y) for x in left for y in right]
        parts = [p for p in parts if not isinstance(resolve(p), TNever)]
        return NEVER if not parts else parts[0] if len(parts) == 1 else TUnion(parts)
    if isinstance(ra, TJson):
        ra, a = _json_shape(rb), _json_shape(rb)
        if ra is None:
            return b if is_subtype(b, JSON) else NEVER
    if isinstance(rb, TJson):
        rb, b = _json_shape(ra), _json_shape(ra)
        if rb is None:
            return a if is_subtype(a, JSON) else NEVER
    if isinstance(ra, TRecord | TMap) and isinstance(rb, TRecord | TMap):
        return _meet_mappings(ra, rb)
    if isinstance(ra, TArray | TTuple) and isinstance(rb, TArray | TTuple):
        return _meet_lists(ra, rb)
    if isinstance(ra, TRecord | TMap | TArray | TTuple) or isinstance(rb, TRecord | TMap | TArray | TTuple):
        return NEVER
    if is_subtype(a, b):
        return a
    if is_subtype(b, a):
        return b
    return NEVER


def _json_shape(t: Type) -> Type | None:
    """The structured part of `json` matching the shape of `t` (map<json> or json[]), if any."""
    if isinstance(t, TRecord | TMap):
        return TMap(JSON)
    if isinstance(t, TArray | TTuple):
        return TArray(JSON)
    return None


def _lazy_meet(a: Type, b: Type) -> Type:
    if resolve(a) is resolve(b):
        return a
    return TIntersection([a, b])


def _meet_mappings(a: TRecord | TMap, b: TRecord | TMap) -> Type:
    if isinstance(a, TMap) and isinstance(b, TMap):
        return TMap(_lazy_meet(a.constraint, b.constraint))
    af = a.fields if isinstance(a, TRecord) else {}
    bf = b.fields if isinstance(b, TRecord) else {}
    arest = a.rest if isinstance(a, TRecord) else a.constraint
    brest = b.rest if isinstance(b, TRecord) else b.constraint
    fields: dict[str, Field] = {}
    for name in [*af, *(n for n in bf if n not in af)]:
        fa, fb = af.get(name), bf.get(name)
        if fa is not None and fb is not None:
            fields[name] = Field(
                name, _lazy_meet(fa.type, fb.type), fa.optional and fb.optional,
                fa.default or fb.default, fa.readonly or fb.readonly,
            )
            continue
        f, other_rest = (fa, brest) if fa is not None else (fb, arest)
        assert f is not None
        if other_rest is None:
            if not f.optional:
                return NEVER
            continue
        fields[name] = Field(name, _lazy_meet(f.type, other_rest), f.optional, f.default, f.readonly)
    rest = None if arest is None or brest is None else _lazy_meet(arest, brest)
    return TRecord(fields, rest)


def _meet_lists(a: TArray | TTuple, b: TArray | TTuple) -> Type:
    if isinstance(a, TArray) and isinstance(b, TArray):
        if a.length is not None and b.length is not None and a.length != b.length:
            return NEVER
        return TArray(_lazy_meet(a.element, b.element), a.length if a.length is not None else b.length)

    def members(t: TArray | TTuple) -> tuple[list[Type], Type | None]:
        if isinstance(t, TTuple):
            return list(t.members), t.rest
        if t.length is not None:
            return [t.element] * t.length, None
        return [], t.element

    am, ar = members(a)
    bm, br = members(b)
    out: list[Type] = []
    for i in range(max(len(am), len(bm))):
        x = am[i] if i < len(am) else ar
        y = bm[i] if i < len(bm) else br
        if x is None or y is None:
            return NEVER
        out.append(_lazy_meet(x, y))
    rest = None if ar is None or br is None else _lazy_meet(ar, br)
    return TTuple(out, rest)


_SIMPLE_KINDS = frozenset({int, str, float, bool, type(None), D})


def whole_kinds(t: Type) -> frozenset[type]:
    """Python types every value of which belongs to `t` (simple values only: structured values always
    need their inherent type compared)."""
    r = resolve(t)
    k = type(r)
    if k is TInt:
        return frozenset({int}) if r.lo is None and r.hi is None else frozenset()
    if k is TString:
        return frozenset() if r.char else frozenset({str})
    if k is TFloat:
        return frozenset({float})
    if k is TBoolean:
        return frozenset({bool})
    if k is TDecimal:
        return frozenset({D})
    if k is TNil:
        return frozenset({type(None)})
    if k is TUnion:
        out: frozenset[type] = frozenset()
        for m in r.members:
            out |= whole_kinds(m)
        return out
    if k in (TAny, TAnydata, TJson, TReadonly):
        return _SIMPLE_KINDS
    return frozenset()


def store_ok(t: Any, v: Any) -> bool:
    """The slow half of a generated map store test: arm `t.kinds`, then test `v` against the constraint."""
    if "kinds" not in t.__dict__:
        arm_kinds(t)
    vt = getattr(v, "type", None)
    if vt is not None and vt in t.exact and type(v) in _CONTAINERS and not v.ro:
        return True
    if t.constraint.contains(v):
        remember_exact(t, t.constraint, v)
        return True
    return False


_CONTAINERS = (BList, BMap)
_BY_INHERENT = (TArray, TMap, TRecord, TTuple)


def remember_exact(t: Any, member: Type, v: Any) -> None:
    """`v` was found to belong to `member`, the member type of container type `t`: when that answer
    depends on `v`'s inherent type alone (a mutable list or mapping against a list, map, record or tuple
    type, whose `contains` is `is_subtype` of the inherent type), later values of the same inherent type
    pass by a set lookup (`t.exact`). A function value's membership of a function type depends on its
    compiled function alone: its `FunctionInfo` is remembered the same way (`v.info in t.exact`)."""
    if type(v) is BFunction and v.bound_self is None and type(resolve(member)) is TFunction:
        if getattr(t, "length", None) is None and len(t.exact) < 64:
            if "exact" not in t.__dict__:
                t.exact = set()
            t.exact.add(v.info)  # type: ignore[union-attr]
        return
    if type(v) not in _CONTAINERS or v.ro or v.type is None or getattr(t, "length", None) is not None:
        return
    m = resolve(member)
    if type(m) not in _BY_INHERENT or (type(m) is TArray and m.length is not None):
        return
    if "exact" not in t.__dict__:
        t.exact = set()
    if len(t.exact) < 64:
        t.exact.add(v.type)


def arm_kinds(t: Any) -> None:
    """Fill in `t.kinds` for a container type, once (see Type.kinds)."""
    if "kinds" in t.__dict__:
        return
    if type(t) is TArray:
        t.kinds = whole_kinds(t.element) if t.length is None else frozenset()
    elif type(t) is TMap:
        t.kinds = whole_kinds(t.constraint)
    else:
        t.kinds = frozenset()
