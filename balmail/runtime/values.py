"""Ballerina values as Python objects, and how they print.

Simple values map onto Python's own (nil → None, boolean → bool, int/byte → int, float → float,
decimal → `decimal.Decimal`, string → str: Python strings are already sequences of code points) so the hot
paths stay fast. Structured values are small subclasses that remember their inherent type (for `is` checks)
and whether they are read-only: `BList` (lists and tuples), `BMap` (maps and records), `BError`, `BObject`,
`BFunction`, `BTypedesc`, `BRegExp`.
"""

from __future__ import annotations

import decimal
import functools
import math
import sys
from collections.abc import Callable
from typing import Any

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1

# 34 digits, ties to even, overflow past 9.999...E6144. No lower exponent bound while computing: a result
# is rounded to 34 digits first and only then flushed to 0 when below 1E-6143 (`decimal_value`), so
# `9.99...9E-6001d * 1E-143d` is 0, not a subnormal rounded up to 1E-6143.
DECIMAL_CONTEXT = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=6144,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.Overflow, decimal.InvalidOperation, decimal.DivisionByZero],
)


class BList(list):
    """A list or tuple value; `type` is its inherent type (a `types.Type`), `ro` marks it immutable."""

    __slots__ = ("type", "ro")

    def __init__(self, items: Any = (), type: Any = None, ro: bool = False) -> None:
        if items:  # `+=` is list.extend without a call; an empty constructor skips it (a third faster)
            self += items
        self.type = type
        self.ro = ro

    __hash__ = object.__hash__  # type: ignore[assignment]


class BMap(dict):
    """A map or record value, insertion-ordered as Ballerina's are; `type` is its inherent type."""

    __slots__ = ("type", "ro")

    def __init__(self, items: Any = (), type: Any = None, ro: bool = False) -> None:
        if items:
            _dict_init(self, items)
        self.type = type
        self.ro = ro

    __hash__ = object.__hash__  # type: ignore[assignment]


_dict_init = dict.__init__


class BError:
    """An error value: message, optional cause, detail mapping, and its error type (for `is` on named and
    distinct error types)."""

    __slots__ = ("message", "cause", "detail", "type", "stack")

    def __init__(
        self, message: str, cause: BError | None = None, detail: BMap | None = None, type: Any = None
    ) -> None:
        self.message = message
        self.cause = cause
        self.detail = detail if detail is not None else BMap(ro=True)
        self.type = type
        self.stack = capture_stack()


def capture_stack() -> list[tuple[str, str, int]]:
    """The Ballerina call stack where an error is created, read off the Python frames of generated
    code (compiled under `<bal|file|function>` names, with a table from Python to Ballerina lines in their
    namespace's `_LINES`, see compiler/stmtgen.line_table): innermost first,
    as (function, file, line). Costs nothing until an error is created."""
    out: list[tuple[str, str, int]] = []
    frame = sys._getframe(1)
    pending_block: str | None = None
    while frame is not None:
        origin = frame.f_code.co_filename
        parts = origin[1:-1].split("|", 2) if origin.startswith("<bal") else ()
        if len(parts) == 3:
            kind, file, function = parts
            table = frame.f_globals.get("_LINES", {}).get(frame.f_code.co_name)
            line = table[frame.f_lineno] if table is not None and frame.f_lineno < len(table) else None
            if kind == "balblock":
                if pending_block != function and isinstance(line, int) and line:
                    out.append((function, file, line))
                pending_block = function
            else:
                if pending_block != function and isinstance(line, int):
                    out.append((function, file, line))
                pending_block = None
        frame = frame.f_back
    return out


class BObject:
    """An object: its class (methods, type) and its fields."""

    __slots__ = ("cls", "fields", "env", "sealed")

    def __init__(self, cls: Any, env: Any = None) -> None:
        self.cls = cls
        self.fields: dict[str, Any] = {}
        self.env = env
        self.sealed = False  # initialised: its class's `readonly`/`final` fields can no longer change


class BFunction:
    """A function value. `call(args, named)` binds arguments like a Ballerina call; `fast` takes positional
    arguments only (used by langlib callbacks)."""

    __slots__ = ("info", "env", "bound_self")

    def __init__(self, info: Any, env: Any = None, bound_self: Any = None) -> None:
        self.info = info
        self.env = env
        self.bound_self = bound_self

    def call(self, args: list[Any], named: dict[str, Any] | None = None) -> Any:
        return self.info.call_value(self, args, named)

    def __call__(self, *args: Any) -> Any:
        info = self.info
        if info.arity == len(args) and self.bound_self is None:
            direct = info.direct
            if direct is not None:
                return direct(self.env, *args)
            return info.invoke(self.env, list(args))
        return info.call_value(self, list(args), None)


def py_callable(fn: Any, nargs: int) -> Any:
    """A plain Python callable for a function value that library code calls many times with `nargs`
    positional arguments (a sort key, a map or filter function): the generated entry with the captured
    frame bound, so each call skips `BFunction.__call__`."""
    if type(fn) is BFunction and fn.bound_self is None:
        info = fn.info
        if info.arity == nargs and info.direct is not None:
            return functools.partial(info.direct, fn.env)
    return fn


class BNative:
    """A library function exposed as a value (e.g. `int:sum` passed around)."""

    __slots__ = ("fn", "name")

    def __init__(self, fn: Callable[..., Any], name: str) -> None:
        self.fn = fn
        self.name = name

    def call(self, args: list[Any], named: dict[str, Any] | None = None) -> Any:
        return self.fn(*args, **(named or {}))

    def __call__(self, *args: Any) -> Any:
        return self.fn(*args)


class BTypedesc:
    """A `typedesc` value wrapping a runtime type."""

    __slots__ = ("type",)

    def __init__(self, type: Any) -> None:
        self.type = type


class BRegExp:
    """A `string:RegExp` value: the Ballerina pattern text and its compiled Python equivalent."""

    __slots__ = ("source", "compiled")

    def __init__(self, source: str, compiled: Any) -> None:
        self.source = source
        self.compiled = compiled


class BStream:
    """A stream value backed by a Python iterator (a `BError` member is the completion error); `source` is
    the object of `new stream<T, E>(obj)`, whose `close()` closing the stream calls."""

    __slots__ = ("iterator", "type", "source", "closed")

    def __init__(self, iterator: Any, type: Any = None, source: Any = None) -> None:
        self.iterator = iterator
        self.type = type
        self.source = source
        self.closed = False


# ---------------------------------------------------------------- printing


_TWO_DIGITS = decimal.Context(prec=2, rounding=decimal.ROUND_HALF_EVEN)


def format_float(x: float) -> str:
    """Ballerina's float toString: shortest round-trip digits, plain between 1e-3 and 1e7, else `d.dddEn`."""
    if x != x:
        return "NaN"
    if x == math.inf:
        return "Infinity"
    if x == -math.inf:
        return "-Infinity"
    if x == 0:
        return "-0.0" if math.copysign(1.0, x) < 0 else "0.0"
    sign = "-" if x < 0 else ""
    d = decimal.Decimal(repr(abs(x)))
    _, digits_t, exp = d.as_tuple()
    if len(digits_t) == 1 and d != decimal.Decimal(abs(x)):
        # Java's Double.toString writes at least two significant digits and, when one digit would
        # round-trip only because the value's interval is wide (subnormals: 4.9E-324, not 5.0E-324),
        # picks the two-digit decimal nearest the exact value.
        two = _TWO_DIGITS.plus(decimal.Decimal(abs(x)))
        if float(two) == abs(x):
            _, digits_t, exp = two.as_tuple()
    digits = "".join(map(str, digits_t)).rstrip("0") or "0"
    exp = int(exp) + len("".join(map(str, digits_t))) - len(digits)
    point = len(digits) + exp  # position of the decimal point from the left of `digits`
    mag = abs(x)
    if 1e-3 <= mag < 1e7:
        if point <= 0:
            text = "0." + "0" * (-point) + digits
        elif point >= len(digits):
            text = digits + "0" * (point - len(digits)) + ".0"
        else:
            text = digits[:point] + "." + digits[point:]
        return sign + text
    e = point - 1
    mantissa = digits[0] + "." + (digits[1:] or "0")
    return f"{sign}{mantissa}E{e}"


_DECIMAL_MIN_MAGNITUDE = decimal.Decimal("1E-6143")


def decimal_value(d: decimal.Decimal) -> decimal.Decimal:
    """A Python Decimal as a Ballerina decimal: rounded to decimal128's 34 digits (ties to even), a
    magnitude below 1E-6143 becomes 0 (no subnormals), and there is no negative zero. Raises
    `decimal.Overflow` beyond 9.999...E6144."""
    r = DECIMAL_CONTEXT.plus(d)
    if not r:
        if d:
            return decimal.Decimal(0)
        return r.copy_abs() if r.is_signed() else r
    if abs(r) < _DECIMAL_MIN_MAGNITUDE:
        return decimal.Decimal(0)
    return r


def format_decimal(d: decimal.Decimal) -> str:
    """Ballerina's decimal toString is Java's BigDecimal.toString, which Python's `str` matches:
    plain digits, scientific (`1E-9`) for small adjusted exponents. A zero of any exponent (`0.0d`,
    `25E1742d * 0d`, `1E-6143d - 1E-6143d`) is the one value `0`: Ballerina keeps zero as a kind of its
    own and prints it as `0` whatever digits it came from."""
    if not d:
        return "0"
    return str(d)


def quote_string(s: str) -> str:
    """A string as Ballerina writes it inside a printed structure (JSON-style escapes)."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def to_string(v: Any, sb: Any = None) -> str:
    """`value:toString`, which is also what `io:println` and string templates print."""
    t = type(v)
    if t is str:
        return v
    if t is int:
        return str(v)
    if v is None:
        return ""
    if t is bool:
        return "true" if v else "false"
    if t is float:
        return format_float(v)
    return _str(v, False, set(), sb)


def to_bal_string(v: Any, sb: Any = None) -> str:
    """`value:toBalString`: the expression-style representation."""
    return _str(v, True, set(), sb)


def _entry(k: str, text: str) -> str:
    return quote_string(k) + ":" + text


def _str(v: Any, bal: bool, seen: set[int], sb: Any = None) -> str:
    t = type(v)
    if t is str:
        return quote_string(v)
    if v is None:
        return "()" if bal else "null"
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return str(v)
    if t is float:
        if bal and (v != v or v in (math.inf, -math.inf)):  # as an expression: `float:NaN`, `-float:Infinity`
            return "float:NaN" if v != v else ("-" if v < 0 else "") + "float:Infinity"
        return format_float(v)
    if t is decimal.Decimal:
        return format_decimal(v) + ("d" if bal else "")
    if isinstance(v, BList | BMap):
        from balmail.runtime.walks import render

        return render(v, lambda x: _str(x, bal, seen, sb), ",", _entry, sb, "...", cycle_index=bal)
    if isinstance(v, BError):
        return error_to_string(v, seen, bal)
    if isinstance(v, BObject):
        name = getattr(v.cls, "name", None) or "object"
        to_str = v.cls.methods.get("toString") if hasattr(v.cls, "methods") else None
        if to_str is not None and not getattr(getattr(to_str, "info", None), "params", None):
            # an object with its own `toString()`: what it returns (`toBalString`: after `object `)
            return ("object " if bal else "") + _call_to_string(v, to_str)
        native = getattr(v.cls, "native_methods", {}).get("toString")
        if native is not None:
            return ("object " if bal else "") + native(v)
        if bal:  # jBallerina: `object`, the type ids of a distinct class, then the object's identity hash
            ids = f"{name} " if getattr(v.cls, "distinct_ids", None) else ""
            return f"object {ids}{_identity_hash(v)}"
        return f"object {name}"
    if isinstance(v, BRegExp):
        return f"re `{v.source}`" if bal else v.source
    if isinstance(v, BTypedesc):
        return "typedesc " + _typedesc_text(v.type)
    if isinstance(v, BFunction | BNative):
        return "function " + _function_type_text(v)
    if isinstance(v, BStream):
        return "stream <" + _stream_type_text(v) + ">"
    if type(v).__name__ == "BFuture":
        return _future_text(v)
    if bal and type(v).__module__ == "balmail.runtime.xml":
        return "xml`" + str(v) + "`"
    from balmail.runtime.tables import BTable, table_text

    if isinstance(v, BTable):
        return table_text(v, lambda r: _str(r, bal, seen, sb), bal)
    return str(v)


def _identity_hash(v: Any) -> int:
    """A number that tells one object from another while both live (Java's identity hash code plays
    this part in jBallerina's `toBalString` of an object)."""
    return (id(v) >> 4) & 0x7FFFFFFF


def _typedesc_text(t: Any) -> str:
    """A type as a typedesc prints it (jBallerina): a record, object or error type by its name, any
    other type definition as the type it stands for (`type Ints int[]` prints `int[]`), `map<any>` as
    `map`."""
    from balmail.runtime import types as T

    if isinstance(t, T.TLazy):
        r = T.resolve(t)
        if isinstance(r, T.TRecord | T.TObject | T.TError) or not t.name:
            return str(t)
        return _typedesc_text(r)
    if isinstance(t, T.TMap) and isinstance(T.resolve(t.constraint), T.TAny):
        return "map"
    if getattr(t, "name", None) and not isinstance(t, T.TRecord | T.TObject | T.TError | T.TUnion):
        return t.describe()  # a named array, map, table ... type: its structure
    return str(t)


def _function_type_text(v: Any) -> str:
    """A function value's type as Ballerina prints it after `function `: `function (int,string...)
    returns (boolean)`, the return part always written (`returns (())` for none)."""
    from balmail.runtime.types import function_value_type

    ft = function_value_type(v)
    isolated = "isolated " if getattr(getattr(v, "info", None), "isolated", False) else ""
    if ft is None or ft.params is None:
        return isolated + "function"
    params = ",".join(str(p) for p in ft.params)
    if ft.rest is not None:  # jBallerina writes the comma before a rest parameter even when it is first
        params += f",{ft.rest}..."
    ret = "()" if ft.ret is None else str(ft.ret)
    return f"{isolated}function ({params}) returns ({ret})"


def _stream_type_text(s: BStream) -> str:
    """`stream<T>` or `stream<T,C>` (C written only when it is not `()`), from the stream's type."""
    from balmail.runtime.types import TNil, TStream, resolve

    t = resolve(s.type) if s.type is not None else None
    element = t.element if isinstance(t, TStream) else None
    completion = t.completion if isinstance(t, TStream) else None
    text = f"stream<{element if element is not None else 'any'}"
    if completion is not None and not isinstance(resolve(completion), TNil):
        text += f",{completion}"
    return text + ">"


def _future_text(f: Any) -> str:
    """`future {isDone:false}`, `future {isDone:true,result:3}`, or `panic:<message>` when the strand
    ended with an error (returned or panicked)."""
    if not f.done:
        return "future {isDone:false}"
    if f.panic is not None:
        return "future {isDone:true,panic:" + f.panic.error.message + "}"
    if isinstance(f.value, BError):
        return "future {isDone:true,panic:" + f.value.message + "}"
    return "future {isDone:true,result:" + to_string(f.value) + "}"


def _call_to_string(obj: BObject, method: Any) -> str:
    result = method.invoke_method(obj, [])
    return result if isinstance(result, str) else to_string(result)


def error_to_string(e: BError, seen: set[int] | None = None, bal: bool = False) -> str:
    """`error("msg",cause,key=value)` as Ballerina prints an error value. An error of a named error type
    shows the name (`error MyError ("msg",code=1)`); `toBalString` shows it only for distinct types, whose
    type identity it is. Detail values print as `toString` or `toBalString` print them (a nil detail is
    `null` in the first), strings quoted in both."""
    seen = seen if seen is not None else set()
    parts = [quote_string(e.message)]
    if e.cause is not None:
        parts.append(error_to_string(e.cause, seen, bal))
    for k, x in e.detail.items():
        parts.append(f"{k}={quote_string(x) if type(x) is str else _str(x, bal, seen)}")
    return "error" + _error_type_label(e, bal) + "(" + ",".join(parts) + ")"


def _error_type_label(e: BError, bal: bool) -> str:
    t = e.type
    name = getattr(t, "name", None) if t is not None else None
    if not name or name == "error":
        return ""
    if bal:
        from balmail.runtime.types import resolve

        if not getattr(resolve(t), "distinct_ids", None):
            return ""
    return f" {name.rsplit(':', 1)[-1]} "  # the type's own name, without its module prefix


def to_json_string(v: Any, sb: Any = None) -> str:
    """`value:toJsonString`: JSON with Ballerina's `, ` separators."""
    t = type(v)
    if v is None:
        return "null"
    if t is str:
        return quote_string(v)
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return str(v)
    if t is float:
        if v != v or v in (math.inf, -math.inf):
            return format_float(v)
        text = format_float(v)
        return text
    if t is decimal.Decimal:
        return format_decimal(v)
    if isinstance(v, BList | BMap):
        from balmail.runtime.walks import render

        return render(v, to_json_string, ", ", _entry, sb, None)
    from balmail.runtime.tables import BTable

    if isinstance(v, BTable):
        return "[" + ", ".join(to_json_string(r, sb) for r in v) + "]"
    return quote_string(to_string(v))


# ---------------------------------------------------------------- equality and ordering


def deep_equals(a: Any, b: Any, sb: Any = None) -> bool:
    """`==`: deep equality on anydata, with Ballerina's numeric rules (NaN == NaN, no int/float mixing).
    Structured values are compared by `walks.equals` (linear in distinct values, charged to `sb`)."""
    if isinstance(a, BList | BMap | BError):
        from balmail.runtime.walks import equals

        return equals(a, b, sb)
    ta = type(a)
    tb = type(b)
    if ta is not tb:
        if isinstance(a, BList) and isinstance(b, BList):
            pass
        elif isinstance(a, BMap) and isinstance(b, BMap):
            pass
        else:
            return False
    if ta is float:
        return a == b or (a != a and b != b)
    if isinstance(a, BList):
        if len(a) != len(b):
            return False
        return all(deep_equals(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, BMap):
        if len(a) != len(b):
            return False
        for k, x in a.items():
            if k not in b or not deep_equals(x, b[k]):
                return False
        return True
    if isinstance(a, BError):
        return a is b or (
            a.message == b.message and deep_equals(a.detail, b.detail) and deep_equals(a.cause, b.cause)
        )
    if ta in (int, str, bool, decimal.Decimal) or a is None:
        return a == b
    from balmail.runtime.tables import BTable, table_equals

    if isinstance(a, BTable):
        return table_equals(a, b, lambda x, y: deep_equals(x, y, sb))
    if ta.__module__ == "balmail.runtime.xml":
        from balmail.runtime.xml import equals as xml_equals

        return xml_equals(a, b)
    return a is b


def exact_equals(a: Any, b: Any) -> bool:
    """`===`: identity for structured values, value identity for simple ones (-0.0 !== 0.0)."""
    ta = type(a)
    if ta is not type(b):
        return False
    if ta is float:
        if a != a and b != b:
            return True
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if ta in (int, str, bool) or a is None:
        return a == b
    if ta is decimal.Decimal:
        return a == b and a.as_tuple() == b.as_tuple()
    if ta.__module__ == "balmail.runtime.xml":
        from balmail.runtime.xml import identical

        return identical(a, b)
    if ta is BTypedesc:
        return _same_typedesc(a, b)
    return a is b


def _same_typedesc(a: BTypedesc, b: BTypedesc) -> bool:
    """`typeof r === R` holds in jBallerina for a value of a defined type: the value carries its type
    definition's one typedesc. balmail makes typedesc values afresh, so `===` compares the described
    type definitions (a defined type by identity; anything else only as the same typedesc value)."""
    from balmail.runtime.types import resolve

    if a.type is b.type:
        return True
    ra, rb = resolve(a.type), resolve(b.type)
    return ra is rb and bool(getattr(ra, "name", None))


def compare(a: Any, b: Any, sb: Any = None) -> int | None:
    """Ordering for `<` and friends and for sorting; None when unordered (nil, NaN)."""
    if a is None or b is None:
        return 0 if a is b else None  # () == (); () against a value is unordered
    ta = type(a)
    if ta is float or type(b) is float:
        if a != a or b != b:
            return None
    if isinstance(a, BList):
        from balmail.runtime.walks import compare as compare_lists

        return compare_lists(a, b, sb)
    return (a > b) - (a < b)
