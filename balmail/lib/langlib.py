"""The `lang.*` library: functions usable as methods (`s.length()`) and as module calls (`string:length(s)`).
Each table maps a Ballerina function name to a Python function whose first argument is the value.

Functions that can run long or build large values are `@metered`: they take the run's sandbox as a first
argument, bound per sandbox by `module(name, sb)` and `method_for(v, name, sb)` (no budget is global).
"""

from __future__ import annotations

import decimal
import functools
import json
import math
from typing import Any

from balmail.lib import frombalstring, langfunction, langnumeric, langstream, langxml, regexp
from balmail.lib.langtable import TABLE, TABLE_VALUE_METHODS
from balmail.lib.registry import LibModule
from balmail.runtime import ops
from balmail.runtime import types as T
from balmail.runtime.errors import (
    BallerinaPanic,
    index_out_of_range,
    make_error,
    runtime_panic,
    type_cast_error,
)
from balmail.runtime.filler import fill_to
from balmail.runtime.inherent import check_list_store, list_violation
from balmail.runtime.rawtemplate import RAW_TEMPLATE
from balmail.runtime.sandbox import Sandbox, metered
from balmail.runtime.tables import BTable
from balmail.runtime.types import AUTO_LANG_PREFIXES
from balmail.runtime.values import (
    DECIMAL_CONTEXT,
    INT_MAX,
    INT_MIN,
    BError,
    BList,
    BMap,
    BNative,
    BObject,
    BRegExp,
    BStream,
    BTypedesc,
    compare,
    decimal_value,
    deep_equals,
    format_decimal,
    format_float,
    py_callable,
    to_bal_string,
    to_json_string,
    to_string,
)
from balmail.runtime.walks import record_keys
from balmail.runtime.workers import FUTURE_METHODS, BFuture
from balmail.runtime.xml import BXml

D = decimal.Decimal
STRING_ARRAY = T.TArray(T.STRING)
INT_ARRAY = T.TArray(T.INT)
BYTE_ARRAY = T.TArray(T.BYTE)


def _bind(table: dict[str, Any], sb: Sandbox) -> dict[str, Any]:
    return {k: functools.partial(f, sb) if getattr(f, "metered", False) else f for k, f in table.items()}


def _parse_error(kind: str, s: str) -> BError:
    """The error `int:fromString` and friends return, as Ballerina words it."""
    return make_error(
        f"{{ballerina/lang.{kind}}}NumberParsingError",
        {"message": f"'string' value '{s}' cannot be converted to '{kind}'"},
    )


# ---------------------------------------------------------------- string


def s_substring(s: str, start: int, end: int | None = None) -> str:
    if end is None:
        end = len(s)
    if start < 0 or end > len(s) or start > end:
        raise runtime_panic(
            "IndexOutOfRange",
            f"string index out of range: startIndex: {start}, endIndex: {end}, length: {len(s)}",
            "lang.string",
        )
    return s[start:end]


def s_index_of(s: str, sub: str, start: int = 0) -> int | None:
    i = s.find(sub, start)
    return None if i < 0 else i


def s_last_index_of(s: str, sub: str, start: int | None = None) -> int | None:
    i = s.rfind(sub, 0, (start + len(sub)) if start is not None else len(s))
    return None if i < 0 else i


def s_includes(s: str, sub: str, start: int = 0) -> bool:
    return s.find(sub, start) >= 0


def s_upper(s: str) -> str:
    return "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in s)


def s_lower(s: str) -> str:
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def s_trim(s: str) -> str:
    return s.strip(" \t\n\x0b\x0c\r")


@metered
def s_join(sb: Sandbox, sep: str, *strs: str) -> str:
    sb.check_size(sum(map(len, strs)) + len(sep) * max(0, len(strs) - 1))
    return sep.join(strs)


@metered
def s_concat(sb: Sandbox, *strs: str) -> str:
    sb.check_size(sum(map(len, strs)))
    return "".join(strs)


def _pad(sb: Sandbox, s: str, length: int, pad: str) -> str:
    """The padding `padStart`/`padEnd`/`padZero` add, its size checked before it is built."""
    n = max(0, length - len(s))
    if n * len(pad) + len(s) > sb.max_size:
        sb.check_size(n * len(pad) + len(s))
    return pad * n


@metered
def s_pad_start(sb: Sandbox, s: str, length: int, pad: str = " ") -> str:
    return _pad(sb, s, length, pad) + s


@metered
def s_pad_end(sb: Sandbox, s: str, length: int, pad: str = " ") -> str:
    return s + _pad(sb, s, length, pad)


@metered
def s_pad_zero(sb: Sandbox, s: str, length: int, zero: str = "0") -> str:
    if s.startswith(("-", "+")):
        return s[0] + _pad(sb, s, length, zero) + s[1:]
    return _pad(sb, s, length, zero) + s


def s_from_bytes(b: Any) -> Any:
    try:
        return bytes(list(b)).decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return make_error("array contains invalid UTF-8 byte value")


def s_to_bytes(s: str) -> BList:
    return BList(s.encode("utf-8"), BYTE_ARRAY)


def s_code_point_compare(a: str, b: str) -> int:
    return (a > b) - (a < b)


def s_get_code_point(s: str, i: int) -> int:
    if not 0 <= i < len(s):
        raise runtime_panic(
            "IndexOutOfRange", f"string index out of range: index: {i}, size: {len(s)}", "lang.string"
        )
    return ord(s[i])


def s_to_code_point_ints(s: str) -> BList:
    return BList([ord(c) for c in s], INT_ARRAY)


def _valid_code_point(cp: int) -> bool:
    """A Unicode scalar value: 0..0x10FFFF without the surrogates, which a Ballerina string cannot hold."""
    return 0 <= cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF


def s_from_code_point_ints(cps: Any) -> Any:
    for cp in cps:
        if not _valid_code_point(cp):
            return make_error(f"invalid codepoint: {cp}")
    return "".join(chr(c) for c in cps)


def s_from_code_point_int(cp: int) -> Any:
    if not _valid_code_point(cp):
        return make_error(f"invalid codepoint: {cp}")
    return chr(cp)


def s_to_code_point_int(ch: str) -> int:
    """`string:Char`'s code point (the argument is one character by its type)."""
    return ord(ch)


def s_equals_ignore_case(a: str, b: str) -> bool:
    return s_lower(a) == s_lower(b)


@metered
def s_matches(sb: Sandbox, s: str, rx: BRegExp) -> bool:
    return regexp.is_full_match(sb, rx, s)


@metered
def s_includes_match(sb: Sandbox, s: str, rx: BRegExp, start: int = 0) -> bool:
    return regexp.find(sb, rx, s, start) is not None


def s_length(s: str) -> int:
    return len(s)


def s_to_string(s: Any) -> str:
    return to_string(s)


def s_from_string(s: str) -> str:
    return s


STRING = {
    "length": s_length,
    "substring": s_substring,
    "indexOf": s_index_of,
    "lastIndexOf": s_last_index_of,
    "includes": s_includes,
    "startsWith": lambda s, p: s.startswith(p),
    "endsWith": lambda s, p: s.endswith(p),
    "toUpperAscii": s_upper,
    "toLowerAscii": s_lower,
    "trim": s_trim,
    "join": s_join,
    "concat": s_concat,
    "padStart": s_pad_start,
    "padEnd": s_pad_end,
    "padZero": s_pad_zero,
    "fromBytes": s_from_bytes,
    "toBytes": s_to_bytes,
    "codePointCompare": s_code_point_compare,
    "getCodePoint": s_get_code_point,
    "toCodePointInts": s_to_code_point_ints,
    "fromCodePointInts": s_from_code_point_ints,
    "fromCodePointInt": s_from_code_point_int,
    "toCodePointInt": s_to_code_point_int,
    "equalsIgnoreCaseAscii": s_equals_ignore_case,
    "matches": s_matches,
    "includesMatch": s_includes_match,
    "iterator": lambda s: BStream(iter(s)),
}


# ---------------------------------------------------------------- numbers


def _check_int(v: int) -> int:
    """An int result of a lang.int function; out of range it panics as that module's error
    (`{ballerina/lang.int}NumberOverflow`, where the `+` operator's is `{ballerina}NumberOverflow`)."""
    if not INT_MIN <= v <= INT_MAX:
        raise runtime_panic("NumberOverflow", "int range overflow", "lang.int")
    return v


def i_from_string(s: str) -> Any:
    text = s
    try:
        if not text or text != text.strip() or "_" in text:
            raise ValueError
        v = int(text, 10)
    except ValueError:
        return _parse_error("int", s)
    if not INT_MIN <= v <= INT_MAX:
        return _parse_error("int", s)
    return v


def i_to_hex(n: int) -> str:
    return format(n, "x") if n >= 0 else "-" + format(-n, "x")


def i_from_hex(s: str) -> Any:
    try:
        if "_" in s or s.lower().startswith(("0x", "-0x", "+0x")):
            raise ValueError
        return _check_int(int(s, 16))
    except (ValueError, BallerinaPanic):
        return _parse_error("int", s)


def i_abs(n: int) -> int:
    return _check_int(abs(n))


def number_sum(xs: Any) -> Any:
    xs = list(xs)
    if not xs:
        return 0
    if all(type(x) is int for x in xs):
        return _check_int(sum(xs))
    if all(type(x) is float for x in xs):
        return functools.reduce(lambda a, b: a + b, xs, 0.0)  # left to right, as Ballerina adds
    acc = xs[0]
    for x in xs[1:]:
        acc = ops.add(acc, x)
    return acc


def number_avg(xs: Any) -> Any:
    xs = list(xs)
    if not xs:
        return None
    if all(type(x) is D for x in xs):
        return ops.div(number_sum(xs), D(len(xs)))
    if all(type(x) is int for x in xs):  # the mean of ints is a decimal (lang.int:avg)
        return ops.div(D(sum(xs)), D(len(xs)))
    return float(sum(xs)) / len(xs)


def i_max(n: Any, *ns: Any) -> Any:
    return functools.reduce(lambda a, b: b if (compare(b, a) or 0) > 0 or _is_nan(b) else a, ns, n)


def i_min(n: Any, *ns: Any) -> Any:
    return functools.reduce(lambda a, b: b if (compare(b, a) or 0) < 0 or _is_nan(b) else a, ns, n)


def _is_nan(x: Any) -> bool:
    return type(x) is float and x != x


def i_signum(n: int) -> int:
    return (n > 0) - (n < 0)


def i_to_string(n: int) -> str:
    return str(n)


def i_range(start: int, end: int, step: int) -> range:
    """`int:range`: the integers start, start+step, ... before `end` (after it when `step` is negative),
    iterated lazily; a zero step panics as in lang.int."""
    if step == 0:
        raise runtime_panic("IllegalArgument", "step cannot be zero", "lang.int")
    return range(start, end, step)


INT = {
    "fromString": i_from_string,
    "toHexString": i_to_hex,
    "fromHexString": i_from_hex,
    "abs": i_abs,
    "max": i_max,
    "min": i_min,
    "sum": lambda *xs: number_sum(xs),
    "avg": lambda n, *ns: ops.div(D(n + sum(ns)), D(1 + len(ns))),  # lang.int: the mean as a decimal
    "signum": i_signum,
    "toString": i_to_string,
    "range": i_range,
}


def f_from_string(s: str) -> Any:
    text = s.strip()
    if text in ("NaN", "+NaN", "-NaN"):
        return math.nan
    if text in ("Infinity", "+Infinity"):
        return math.inf
    if text == "-Infinity":
        return -math.inf
    try:
        if (
            "_" in text
            or text.lower() in ("inf", "-inf", "+inf", "nan", "infinity")
            or text.endswith(("x", "X"))
        ):
            raise ValueError
        return float(text.rstrip("fFdD") if text[-1:] in "fFdD" else text)
    except (ValueError, IndexError):
        return _parse_error("float", s)


def f_round(x: float, digits: int = 0) -> float:
    if x != x or math.isinf(x):
        return x
    if digits == 0:
        return float(round(x))
    return float(D(repr(x)).quantize(D(1).scaleb(-digits), rounding=decimal.ROUND_HALF_EVEN))


@metered
def f_to_fixed(sb: Sandbox, x: float, digits: int | None) -> str:
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if digits is None:  # `()`: as many digits as the float's shortest form has, never an exponent
        return format(D(repr(x)), "f")
    sb.check_size(digits)
    return format(D(repr(x)).quantize(D(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP), "f")


@metered
def f_to_exp(sb: Sandbox, x: float, digits: int | None = None) -> str:
    if digits is not None:
        sb.check_size(digits)
    if digits is None:
        text = f"{x:e}"
        mant, exp = text.split("e")
        mant = mant.rstrip("0").rstrip(".") if "." in mant else mant
        r = repr(x)
        if "e" not in r:
            d = D(r)
            mant = format(d.scaleb(-d.adjusted()).normalize(), "f")
        return f"{mant}e{int(exp):+03d}"  # Java %e: at least two exponent digits
    text = f"{x:.{digits}e}"
    mant, exp = text.split("e")
    return f"{mant}e{int(exp):+03d}"  # Java %e: at least two exponent digits


FLOAT = {
    "fromString": f_from_string,
    "abs": abs,
    "max": i_max,
    "min": i_min,
    "sum": lambda *xs: number_sum(xs) if xs else 0.0,
    "avg": lambda *xs: number_sum(xs) / len(xs) if xs else math.nan,
    "round": f_round,
    "floor": lambda x: float(math.floor(x)) if math.isfinite(x) else x,
    "ceiling": lambda x: float(math.ceil(x)) if math.isfinite(x) else x,
    "sqrt": lambda x: math.sqrt(x) if x >= 0 else math.nan,
    "pow": lambda x, y: _fpow(x, y),
    "isNaN": lambda x: x != x,
    "isInfinite": lambda x: math.isinf(x),
    "isFinite": lambda x: math.isfinite(x),
    "toFixedString": f_to_fixed,
    "toExpString": f_to_exp,
    "toString": format_float,
    "log": lambda x: math.log(x) if x > 0 else (-math.inf if x == 0 else math.nan),
    "log10": lambda x: math.log10(x) if x > 0 else (-math.inf if x == 0 else math.nan),
    "exp": lambda x: _safe(math.exp, x),
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "atan": math.atan,
    "toBitsInt": lambda x: _bits(x),
    "fromBitsInt": lambda n: _from_bits(n),
    **langnumeric.FLOAT_EXTRA,
}


def _safe(fn: Any, x: float) -> float:
    try:
        return fn(x)
    except OverflowError:
        return math.inf


def _fpow(x: float, y: float) -> float:
    try:
        return math.pow(x, y)
    except OverflowError:
        return math.inf
    except ValueError:
        return math.nan


def _bits(x: float) -> int:
    import struct

    return struct.unpack(">q", struct.pack(">d", x))[0]


def _from_bits(n: int) -> float:
    import struct

    return struct.unpack(">d", struct.pack(">q", n))[0]


def d_from_string(s: str) -> Any:
    text = s.strip()
    try:
        if (
            not text
            or "_" in text
            or text.lower().lstrip("+-") in ("nan", "inf", "infinity", "snan")
            or text[-1:] in "dDfF"
        ):
            raise ValueError
        with decimal.localcontext(DECIMAL_CONTEXT):
            return +D(text)
    except (decimal.InvalidOperation, ValueError, decimal.Overflow):
        return _parse_error("decimal", s)


def d_round(x: D, digits: int = 0) -> D:
    """Ties to even; a result past decimal128's range panics as decimal arithmetic does."""
    with decimal.localcontext(DECIMAL_CONTEXT):
        try:
            return decimal_value(x.quantize(D(1).scaleb(-digits), rounding=decimal.ROUND_HALF_EVEN))
        except decimal.InvalidOperation:
            raise runtime_panic("NumberOverflow", "decimal range overflow") from None


def d_quantize(x: D, y: D) -> D:
    """`x` with `y`'s exponent, ties to even; when that would need more than decimal128's 34 digits
    the exponent is raised until the digits fit (as jBallerina's `quantize` does)."""
    exp = y.as_tuple().exponent
    if x and x.adjusted() - int(exp) + 1 > 34:
        exp = x.adjusted() - 33
    with decimal.localcontext(DECIMAL_CONTEXT):
        try:
            return decimal_value(x.quantize(D(1).scaleb(int(exp)), rounding=decimal.ROUND_HALF_EVEN))
        except decimal.InvalidOperation:
            raise runtime_panic("NumberOverflow", "decimal range overflow") from None


DECIMAL = {
    "fromString": d_from_string,
    "abs": lambda x: abs(x),
    "max": i_max,
    "min": i_min,
    "sum": lambda *xs: number_sum(xs) if xs else D(0),
    "avg": lambda x, *xs: ops.div(number_sum((x, *xs)), D(1 + len(xs))),
    "round": d_round,
    "floor": lambda x: x.to_integral_value(rounding=decimal.ROUND_FLOOR),
    "ceiling": lambda x: x.to_integral_value(rounding=decimal.ROUND_CEILING),
    "toString": format_decimal,
    "quantize": lambda x, y: d_quantize(x, y),
}

BOOLEAN = {
    # lang.boolean: `true`/`false` in any case, and `1`/`0`; no surrounding whitespace
    "fromString": lambda s: {"true": True, "false": False, "1": True, "0": False}.get(
        s.lower(), make_error(f"'string' value '{s}' cannot be converted to 'boolean'")
    ),
    "toString": lambda b: "true" if b else "false",
}


# ---------------------------------------------------------------- array


def _list_stream_type(xs: Any) -> T.TStream:
    """`xs.toStream()` is a `stream<T>` of the list's member type (what printing the stream shows)."""
    t = T.resolve(xs.type) if xs.type is not None else None
    if isinstance(t, T.TArray):
        return T.TStream(t.element)
    if isinstance(t, T.TTuple):
        members = list(t.members) + ([t.rest] if t.rest is not None else [])
        unique = list({str(m): m for m in members}.values())
        return T.TStream(unique[0] if len(unique) == 1 else T.TUnion(unique) if unique else T.NEVER)
    return T.TStream(None)


def _ro_check(xs: Any) -> None:
    if getattr(xs, "ro", False):
        raise runtime_panic("InherentTypeViolation", "cannot update a read-only array", "lang.array")


def _fixed_check(xs: Any, length: int | None = None) -> None:
    """Changing the length of `xs` to `length` (None: any change) must keep it in its inherent type: a
    fixed-length array or tuple cannot change, a tuple with a rest member cannot lose a required member."""
    t = T.resolve(xs.type) if xs.type is not None else None
    if isinstance(t, T.TArray) and t.length is not None or isinstance(t, T.TTuple) and t.rest is None:
        if length is None:
            message = "cannot change the length of a fixed-length list"
        else:
            kind = "an array" if isinstance(t, T.TArray) else "a tuple"
            message = f"cannot change the length of {kind} of fixed length '{len(xs)}' to '{length}'"
        raise runtime_panic("InherentTypeViolation", message, "lang.array")
    if isinstance(t, T.TTuple) and length is not None and length < len(t.members):
        n = len(t.members)
        message = f"cannot change the length of a tuple with '{n}' mandatory member(s) to '{length}'"
        raise runtime_panic("InherentTypeViolation", message, "lang.array")


def _shift_check(xs: Any) -> None:
    """`shift` on a tuple with a rest member moves every member down one place: each must then belong to
    the member type of its new place (Ballerina checks the values, not their types)."""
    t = T.resolve(xs.type) if xs.type is not None else None
    if not isinstance(t, T.TTuple) or t.rest is None or not t.members:
        return
    n = len(t.members)
    if n >= len(xs):
        raise runtime_panic("OperationNotSupported", f"shift() not supported on type '{t}'", "lang.array")
    for i in range(1, n + 1):
        if not t.members[i - 1].contains(xs[i]):
            found = t.rest if i == n else t.members[i]
            message = f"incompatible types: expected '{t.members[i - 1]}', found '{found}'"
            raise runtime_panic("InherentTypeViolation", message, "lang.array")


@metered
def a_push(sb: Sandbox, xs: BList, *vals: Any) -> None:
    t = xs.type
    if not xs.ro and (t is None or (type(t) is T.TArray and t.length is None)):
        if len(xs) + len(vals) > sb.max_size:
            sb.check_size(len(xs) + len(vals))
        if t is not None:
            el = t.element
            for v in vals:
                if not el.contains(v):
                    raise list_violation(el, v)
        xs.extend(vals)
        return
    _ro_check(xs)
    t = T.resolve(t) if t is not None else None
    if isinstance(t, T.TArray) and t.length is not None or isinstance(t, T.TTuple) and t.rest is None:
        # what Ballerina reports for a push past a fixed length: the first index that does not exist
        n = len(xs)
        message = f"array index out of range: index: {n}, size: {n}"
        raise runtime_panic("IndexOutOfRange", message, "lang.array")
    for k, v in enumerate(vals):
        check_list_store(xs, len(xs) + k, v)
    xs.extend(vals)


def a_push1(sb: Sandbox, xs: BList, v: Any) -> None:
    """`xs.push(v)` with one value, as statically typed call sites emit it: no argument packing, and the
    common case (a growable array of a simple element type) checked inline."""
    t = xs.type
    if type(t) is T.TArray and not xs.ro and t.length is None and len(xs) < sb.max_size:
        if type(v) not in t.kinds:
            T.arm_kinds(t)  # generated code tests `kinds` (and `exact`) before calling here
            if not t.element.contains(v):
                raise list_violation(t.element, v)
            T.remember_exact(t, t.element, v)
        xs.append(v)
        return
    a_push(sb, xs, v)


def a_pop(xs: BList) -> Any:
    _ro_check(xs)
    _fixed_check(xs, len(xs) - 1)
    if not xs:
        raise runtime_panic("IndexOutOfRange", "cannot pop an element from an empty array", "lang.array")
    return xs.pop()


def a_shift(xs: BList) -> Any:
    _ro_check(xs)
    t = T.resolve(xs.type) if xs.type is not None else None
    if isinstance(t, T.TTuple) and t.rest is not None:
        _shift_check(xs)
    else:
        _fixed_check(xs, len(xs) - 1 if xs else None)
    if not xs:
        raise runtime_panic("IndexOutOfRange", "cannot shift an element from an empty array", "lang.array")
    return xs.pop(0)


@metered
def a_unshift(sb: Sandbox, xs: BList, *vals: Any) -> None:
    _ro_check(xs)
    _fixed_check(xs)
    sb.check_size(len(xs) + len(vals))
    for v in vals:
        check_list_store(xs, 0, v)
    xs[0:0] = vals


@metered
def a_index_of(sb: Sandbox, xs: Any, v: Any, start: int = 0) -> int | None:
    sb.charge(max(0, len(xs) - start))
    for i in range(start, len(xs)):
        if deep_equals(xs[i], v, sb):
            return i
    return None


@metered
def a_last_index_of(sb: Sandbox, xs: Any, v: Any, start: int | None = None) -> int | None:
    end = len(xs) - 1 if start is None else start
    sb.charge(max(0, end + 1))
    for i in range(end, -1, -1):
        if deep_equals(xs[i], v, sb):
            return i
    return None


def _member_array_type(m: Any) -> T.Type | None:
    """`map:toArray`: an array of the mapping's member type (`map<int>` gives `int[]`, a record the
    union of its field and rest types), so it fills and checks as that array would."""
    t = T.resolve(m.type) if m.type is not None else None
    if isinstance(t, T.TMap):
        return T.TArray(t.constraint)
    if isinstance(t, T.TRecord):
        parts = [f.type for f in t.fields.values()] + ([t.rest] if t.rest is not None else [])
        return T.TArray(T.union(*parts)) if parts else None
    return None


def _new_like(xs: Any, items: Any) -> BList:
    t = xs.type
    if type(t) is T.TArray and t.length is None:
        return BList(items, t)  # the common case: a growable array keeps its type
    if t is not None and isinstance(T.resolve(t), T.TTuple):
        tt = T.resolve(t)
        el = T.union(*tt.members, *([tt.rest] if tt.rest else [])) if tt.members or tt.rest else T.NEVER
        t = T.TArray(el)
    if t is not None and isinstance(T.resolve(t), T.TArray) and T.resolve(t).length is not None:
        t = T.TArray(T.resolve(t).element)
    return BList(items, t)


def a_reverse(xs: Any) -> BList:
    return _new_like(xs, reversed(xs))


_DONE = object()


def _sort_rank(k: Any) -> int:
    return 2 if k is None else 1 if _is_nan(k) else 0


def sort_compare(ka: Any, kb: Any, desc: bool, sb: Sandbox, memo: dict[tuple[int, int], int] | None = None,
                 ) -> int:
    """The order of two sort keys in the result: NaN and then nil go last in either direction, at the
    top and inside list keys alike; lists compare member by member, then by length. A pair of lists is
    compared once per call (`memo`, by identity) and charged one step, so keys sharing sublists cost
    steps linear in their distinct pairs, not exponential in their depth."""
    if isinstance(ka, BList) and isinstance(kb, BList):
        if memo is None:
            memo = {}
        pair = (id(ka), id(kb))
        found = memo.get(pair)
        if found is not None:
            return found
        sb.charge(1)
        result = 0
        for x, y in zip(ka, kb, strict=False):
            result = sort_compare(x, y, desc, sb, memo)
            if result:
                break
        else:
            c = (len(ka) > len(kb)) - (len(ka) < len(kb))
            result = -c if desc else c
        memo[pair] = result
        return result
    ra, rb = _sort_rank(ka), _sort_rank(kb)
    if ra or rb:
        return ra - rb
    c = compare(ka, kb, sb) or 0
    return -c if desc else c


@metered
def a_sort(sb: Sandbox, xs: Any, direction: str = "ascending", key: Any = None) -> BList:
    """`array:sort`: stable; nil and NaN keys last in both directions. Charges n·log2(n) steps up
    front; comparing structured keys charges as it goes."""
    sb.charge(len(xs) * max(1, len(xs).bit_length()))
    if key is not None:
        key = py_callable(key, 1)
    keys = list(xs) if key is None else list(map(key, xs))
    desc = direction == "descending"
    kinds = set(map(type, keys))
    if len(kinds) == 1 and (int in kinds or str in kinds):
        if key is None:
            return _new_like(xs, sorted(keys, reverse=desc))
        # each member's key, computed above, handed to `sorted` in member order: CPython's sort calls
        # its key function once per member, first to last, before comparing (an exhausted iterator
        # afterwards confirms it), so the sort runs on C callables only
        left = iter(keys)
        out = sorted(xs, key=functools.partial(next, left), reverse=desc)
        if next(left, _DONE) is _DONE:
            return _new_like(xs, out)
        order = sorted(range(len(keys)), key=keys.__getitem__, reverse=desc)
        return _new_like(xs, [xs[i] for i in order])
    keyed = list(zip(keys, xs, strict=True))
    if keyed:

        keyed.sort(key=functools.cmp_to_key(lambda a, b: sort_compare(a[0], b[0], desc, sb)))
    return _new_like(xs, [x for _, x in keyed])


def a_filter(xs: Any, fn: Any) -> BList:
    fn = py_callable(fn, 1)
    return _new_like(xs, [x for x in xs if fn(x)])


def a_map(xs: Any, fn: Any) -> BList:
    fn = py_callable(fn, 1)
    return BList([fn(x) for x in xs])


def a_for_each(xs: Any, fn: Any) -> None:
    for x in list(xs):
        fn(x)


def a_reduce(xs: Any, fn: Any, initial: Any) -> Any:
    acc = initial
    step = py_callable(fn, 2)
    for x in xs:
        acc = step(acc, x)
    return acc


def a_slice(xs: Any, start: int, end: int | None = None) -> BList:
    if end is None:
        end = len(xs)
    if start < 0 or end > len(xs) or start > end:
        raise index_out_of_range(start if start < 0 or start > end else end, len(xs))
    return _new_like(xs, xs[start:end])


def a_remove(xs: Any, i: int) -> Any:
    _ro_check(xs)
    if not 0 <= i < len(xs):
        raise index_out_of_range(i, len(xs))
    return xs.pop(i)


def a_remove_all(xs: Any) -> None:
    _ro_check(xs)
    xs.clear()


def a_enumerate(xs: Any) -> BList:
    return BList([BList([i, x]) for i, x in enumerate(xs)])


def a_some(xs: Any, fn: Any) -> bool:
    return any(fn(x) for x in xs)


def a_every(xs: Any, fn: Any) -> bool:
    return all(fn(x) for x in xs)


@metered
def a_set_length(sb: Sandbox, xs: Any, n: int) -> None:
    _ro_check(xs)
    if n < 0:
        raise runtime_panic("IndexOutOfRange", f"array length cannot be negative: {n}", "lang.array")
    sb.check_size(n)
    if n < len(xs):
        del xs[n:]
    else:
        fill_to(xs, n, xs.type)


def a_first(xs: Any) -> Any:
    if not xs:
        raise index_out_of_range(0, 0)
    return xs[0]


def a_last(xs: Any) -> Any:
    if not xs:
        raise index_out_of_range(0, 0)
    return xs[-1]


ARRAY = {
    "length": len,
    "push": a_push,
    "pop": a_pop,
    "shift": a_shift,
    "unshift": a_unshift,
    "indexOf": a_index_of,
    "lastIndexOf": a_last_index_of,
    "reverse": a_reverse,
    "sort": a_sort,
    "filter": a_filter,
    "map": a_map,
    "forEach": a_for_each,
    "reduce": a_reduce,
    "slice": a_slice,
    "remove": a_remove,
    "removeAll": a_remove_all,
    "enumerate": a_enumerate,
    "some": a_some,
    "every": a_every,
    "setLength": a_set_length,
    "first": a_first,
    "last": a_last,
    "toStream": lambda xs: BStream(iter(list(xs)), _list_stream_type(xs)),
    "iterator": lambda xs: BStream(iter(list(xs)), _list_stream_type(xs)),
    **langnumeric.ARRAY_EXTRA,
}


# ---------------------------------------------------------------- map


def _map_like(m: BMap, items: Any, constraint: T.Type | None = None) -> BMap:
    t = m.type
    r = T.resolve(t) if t is not None else None
    if isinstance(r, T.TRecord):
        c = (
            T.union(*[f.type for f in r.fields.values()], *([r.rest] if r.rest else []))
            if r.fields
            else (r.rest or T.ANYDATA)
        )
        t = T.TMap(c)
    if constraint is not None:
        t = None
    return BMap(items, t)


def m_get(m: BMap, k: str) -> Any:
    try:
        return m[k]
    except KeyError:
        raise runtime_panic("KeyNotFound", f"cannot find key '{k}'", "lang.map") from None


def m_remove(m: BMap, k: str) -> Any:
    if m.ro:
        raise runtime_panic("InherentTypeViolation", "cannot update a read-only map", "lang.map")
    if k not in m:
        raise runtime_panic("KeyNotFound", f"cannot find key '{k}'", "lang.map")
    return m.pop(k)


def m_remove_if_has_key(m: BMap, k: str) -> Any:
    if m.ro:
        raise runtime_panic("InherentTypeViolation", "cannot update a read-only map", "lang.map")
    return m.pop(k, None)


def m_remove_all(m: BMap) -> None:
    if m.ro:
        raise runtime_panic("InherentTypeViolation", "cannot update a read-only map", "lang.map")
    m.clear()


def _keys(m: BMap) -> list[str]:
    """A map's keys in the order Ballerina shows and iterates them: a record's in its print order
    (runtime/walks.record_keys, docs/patterns.md): `keys()`, `entries()`, `toArray()` and printing agree."""
    return record_keys(m) or list(m.keys())


def _items(m: BMap) -> list[tuple[str, Any]]:
    keys = record_keys(m)
    return [(k, m[k]) for k in keys] if keys is not None else list(m.items())


def _values(m: BMap) -> list[Any]:
    keys = record_keys(m)
    return [m[k] for k in keys] if keys is not None else list(m.values())


MAP = {
    "keys": lambda m: BList(_keys(m), STRING_ARRAY),
    "hasKey": lambda m, k: k in m,
    "get": m_get,
    "remove": m_remove,
    "removeIfHasKey": m_remove_if_has_key,
    "removeAll": m_remove_all,
    "length": len,
    "entries": lambda m: _map_like(m, {k: BList([k, v]) for k, v in _items(m)}, T.ANY),
    "toArray": lambda m: BList(_values(m), _member_array_type(m)),
    "map": lambda m, fn: BMap({k: fn(v) for k, v in _items(m)}),
    "filter": lambda m, fn: _map_like(m, {k: v for k, v in _items(m) if fn(v)}),
    "forEach": lambda m, fn: [fn(v) for v in _values(m)] and None,
    "reduce": lambda m, fn, init: functools.reduce(lambda a, v: fn(a, v), _values(m), init),
    "iterator": lambda m: BStream(iter(_values(m))),
}


# ---------------------------------------------------------------- error


def _frame_to_string(frame: BObject) -> str:
    f = frame.fields
    return f"callableName: {f['callableName']}  fileName: {f['fileName']} lineNumber: {f['lineNumber']}"


STACK_FRAME_CLASS = regexp.NativeClass("error:StackFrame", {"toString": _frame_to_string})


def e_stack_trace(e: BError) -> BList:
    """`error:stackTrace`: where the error was created, innermost call first."""
    frames = []
    for function, file, line in e.stack:
        obj = BObject(STACK_FRAME_CLASS)
        obj.fields = {"callableName": function, "moduleName": None, "fileName": file, "lineNumber": line}
        frames.append(obj)
    return BList(frames, T.TArray(STACK_FRAME_CLASS.type), ro=True)


ERROR = {
    "message": lambda e: e.message,
    "cause": lambda e: e.cause,
    "detail": lambda e: e.detail,
    "stackTrace": e_stack_trace,
    "toString": lambda e: to_string(e),
    "toBalString": lambda e: to_bal_string(e),
}


# ---------------------------------------------------------------- value


def _json_to_value(x: Any) -> Any:
    if isinstance(x, dict):
        return BMap({k: _json_to_value(v) for k, v in x.items()}, T.TMap(T.JSON))
    if isinstance(x, list):
        return BList([_json_to_value(v) for v in x], T.TArray(T.JSON))
    if isinstance(x, float):
        return x
    return x


def from_json_string(s: str, numbers: Any = None) -> Any:
    """`value:fromJsonString`: integers as int, other numbers as decimal; `numbers` (float or D) reads
    every number as that type instead (fromJsonFloatString, fromJsonDecimalString)."""
    try:
        data = json.loads(
            s,
            parse_float=numbers or (lambda t: D(t)),
            parse_int=numbers or (lambda t: -0.0 if t == "-0" else int(t)),
            parse_constant=lambda t: (_ for _ in ()).throw(ValueError(t)),
        )
    except (ValueError, RecursionError, decimal.InvalidOperation) as e:
        return make_error(f"invalid JSON: {e}")
    return _json_to_value(data)


def v_ensure_type(v: Any, td: Any) -> Any:
    t = td.type if isinstance(td, BTypedesc) else T.ANYDATA
    if t.contains(v):
        return v
    r = ops.convert_numeric(v, t)
    if r is not ops._MISSING:
        return r
    # the same error a failing cast `<T>v` panics with (lang.value: ensureType behaves as a cast that
    # returns its error instead of panicking)
    return type_cast_error(T.value_type_name(v), str(t)).error


def v_clone_with_type(v: Any, td: Any) -> Any:
    t = td.type if isinstance(td, BTypedesc) else T.ANYDATA
    return ops.convert_to(v, t)


def v_from_json_string_with_type(s: str, td: Any) -> Any:
    v = from_json_string(s)
    if isinstance(v, BError):
        return v
    return v_clone_with_type(v, td)


def v_to_json(v: Any) -> Any:
    if isinstance(v, BMap):
        return BMap({k: v_to_json(x) for k, x in v.items()}, T.TMap(T.JSON))
    if isinstance(v, BList):
        return BList([v_to_json(x) for x in v], T.TArray(T.JSON))
    if isinstance(v, BXml):
        return to_string(v)  # lang.value: xml becomes its string
    return v


def v_merge_json(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, BMap) and isinstance(b, BMap):
        for k, x in b.items():
            if k in a:
                r = v_merge_json(a[k], x)
                if isinstance(r, BError):
                    return r
                a[k] = r
            else:
                a[k] = x
        return a
    return make_error("cannot merge JSON values")


@metered
def v_to_string(sb: Sandbox, v: Any) -> str:
    return to_string(v, sb)


@metered
def v_to_bal_string(sb: Sandbox, v: Any) -> str:
    return to_bal_string(v, sb)


@metered
def v_to_json_string(sb: Sandbox, v: Any) -> str:
    return to_json_string(v, sb)


@metered
def v_clone(sb: Sandbox, v: Any) -> Any:
    return ops.clone(v, sb)


@metered
def v_clone_readonly(sb: Sandbox, v: Any) -> Any:
    return ops.clone_readonly(v, sb)


VALUE = {
    "toString": v_to_string,
    "toBalString": v_to_bal_string,
    "fromBalString": frombalstring.from_bal_string,
    "toJsonString": v_to_json_string,
    "toJson": v_to_json,
    "fromJsonString": from_json_string,
    "fromJsonWithType": v_clone_with_type,
    "fromJsonStringWithType": v_from_json_string_with_type,
    "clone": v_clone,
    "cloneReadOnly": v_clone_readonly,
    "ensureType": v_ensure_type,
    "cloneWithType": v_clone_with_type,
    "isReadOnly": T.is_readonly,
    "mergeJson": v_merge_json,
    "count": lambda *xs: len(xs),
    "first": lambda *xs: xs[0],
    "last": lambda *xs: xs[-1],
    "fromJsonFloatString": lambda s: from_json_string(s, float),
    "fromJsonDecimalString": lambda s: from_json_string(s, D),
}


REGEXP_METHODS = dict(regexp.FUNCTIONS)
REGEXP_METHODS.pop("fromString")

TYPEDESC: dict[str, Any] = {}
OBJECT: dict[str, Any] = {}
STREAM = langstream.FUNCTIONS


MODULES: dict[str, dict[str, Any]] = {
    "string": STRING,
    "int": INT,
    "float": FLOAT,
    "decimal": DECIMAL,
    "boolean": BOOLEAN,
    "array": ARRAY,
    "map": MAP,
    "error": ERROR,
    "value": VALUE,
    "regexp": regexp.FUNCTIONS,
    "typedesc": TYPEDESC,
    "object": OBJECT,
    "stream": STREAM,
    "table": TABLE,
    "xml": langxml.FUNCTIONS,
    "future": {},
    "function": langfunction.FUNCTIONS,
}
# Langlib prefixes usable without an import: the one list name resolution uses, limited to the modules
# balmail provides.
AUTO_IMPORTED = tuple(sorted(prefix for prefix in AUTO_LANG_PREFIXES if prefix in MODULES))

CONSTANTS: dict[str, dict[str, Any]] = {
    "int": {
        "MAX_VALUE": INT_MAX,
        "MIN_VALUE": INT_MIN,
        "SIGNED8_MAX_VALUE": 127,
        "SIGNED8_MIN_VALUE": -128,
        "SIGNED16_MAX_VALUE": 32767,
        "SIGNED16_MIN_VALUE": -32768,
        "SIGNED32_MAX_VALUE": 2**31 - 1,
        "SIGNED32_MIN_VALUE": -(2**31),
        "UNSIGNED8_MAX_VALUE": 255,
        "UNSIGNED16_MAX_VALUE": 65535,
        "UNSIGNED32_MAX_VALUE": 2**32 - 1,
    },
    "float": {"NaN": math.nan, "Infinity": math.inf, "PI": math.pi, "E": math.e},
    "array": {"ASCENDING": "ascending", "DESCENDING": "descending"},
    "xml": langxml.CONSTANTS,
}
TYPES: dict[str, dict[str, Any]] = {
    "int": dict(T.INT_SUBTYPES),
    "string": {"Char": T.TString(char=True), "RegExp": T.REGEXP},
    "array": {"SortDirection": T.STRING},
    "value": {"Cloneable": T.ANYDATA, "JsonDecimal": T.JSON},
    "regexp": {"RegExp": T.REGEXP, "Span": regexp.SPAN_TYPE, "Groups": regexp.GROUPS_TYPE},
    "error": {"StackFrame": STACK_FRAME_CLASS.type},
    "xml": langxml.TYPES,
    "object": {"RawTemplate": RAW_TEMPLATE},
}
_WANTS_TYPE = {"ensureType": 1, "cloneWithType": 1, "fromJsonWithType": 1, "fromJsonStringWithType": 1}


class _TypedNative:
    """A value-module function that takes a typedesc defaulting to the contextually expected type."""

    def __init__(self, fn: Any, n: int) -> None:
        self.fn = fn
        self.wants_expected_type = n + 1

    def __call__(self, *args: Any, **kw: Any) -> Any:
        return self.fn(*args, **kw)


def module(name: str, sb: Sandbox) -> LibModule:
    """The `lang.NAME` module with its functions bound to `sb` (built once per sandbox)."""
    key = f"langlib.module.{name}"
    found = sb.bound.get(key)
    if found is None:
        found = sb.bound[key] = _module(name, sb)
    return found  # type: ignore[no-any-return]


def _module(name: str, sb: Sandbox) -> LibModule:
    funcs = _bind(MODULES.get(name, {}), sb)
    if name == "value":
        for k, n in _WANTS_TYPE.items():
            funcs[k] = _TypedNative(funcs[k], n)
    return LibModule(
        f"ballerina/lang.{name}",
        functions=funcs,
        constants=CONSTANTS.get(name, {}),
        types=TYPES.get(name, {}),
        arg_type={"float": T.FLOAT, "decimal": T.DECIMAL}.get(name),
    )


_METHOD_TABLES = {
    "string": STRING,
    "array": ARRAY,
    "map": MAP,
    "int": INT,
    "float": FLOAT,
    "decimal": DECIMAL,
    "error": ERROR,
    "regexp": REGEXP_METHODS,
    "boolean": BOOLEAN,
    "stream": STREAM,
    "table": {**TABLE, **TABLE_VALUE_METHODS},
    "object": OBJECT,
    "value": VALUE,
    "xml": langxml.FUNCTIONS,
    "future": FUTURE_METHODS,
    # `int:range(...)` is an iterable object whose only method is `iterator()`; its iterator's
    # `next()` gives `record {| int value; |}?` as a stream's does
    "range": {"iterator": lambda r: BStream(iter(r), T.TStream(T.INT))},
    "none": {},
}


def _method_tables(sb: Sandbox) -> dict[str, dict[str, Any]]:
    tables = sb.bound.get("langlib.methods")
    if tables is None:
        tables = sb.bound["langlib.methods"] = {k: _bind(t, sb) for k, t in _METHOD_TABLES.items()}
    return tables  # type: ignore[no-any-return]


def method_for(v: Any, name: str, sb: Sandbox) -> Any:
    """The langlib function `v.name(...)` calls, by the value's basic type, bound to `sb`; value:* as
    the fallback."""
    t = type(v)
    if t is str:
        kind = "string"
    elif isinstance(v, BList):
        kind = "array"
    elif isinstance(v, BMap):
        kind = "map"
    elif t is int:
        kind = "int"
    elif t is float:
        kind = "float"
    elif t is D:
        kind = "decimal"
    elif isinstance(v, BError):
        kind = "error"
    elif isinstance(v, BRegExp):
        kind = "regexp"
    elif t is bool:
        kind = "boolean"
    elif isinstance(v, BStream):
        kind = "stream"
    elif isinstance(v, BTable):
        kind = "table"
    elif isinstance(v, BObject | BNative):
        kind = "object"
    elif isinstance(v, BXml):
        kind = "xml"
    elif isinstance(v, BFuture):
        kind = "future"
    elif t is range:
        return _method_tables(sb)["range"].get(name)
    else:
        kind = "none"
    tables = _method_tables(sb)
    fn = tables[kind].get(name)
    if fn is None:
        fn = tables["value"].get(name)
    return fn


def method_of_kind(kind: str, name: str, sb: Sandbox) -> Any:
    """`method_for` decided at compile time, for a receiver whose static type fixes its basic type
    (`kind` as in method_for: "string", "array", "int", "float"); None when there is no such method."""
    tables = _method_tables(sb)
    fn = tables[kind].get(name)
    return fn if fn is not None else tables["value"].get(name)


__all__ = [
    "sort_compare",
    "method_for",
    "method_of_kind",
    "module",
    "number_avg",
    "number_sum",
    "from_json_string",
]
