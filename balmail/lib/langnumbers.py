"""lang.int, lang.float, lang.decimal and lang.boolean: their functions as methods and module calls
(split from langlib.py, which merges the tables; langnumeric.py has the hex and base conversions)."""

from __future__ import annotations

import decimal
import functools
import math
from typing import Any

from balmail.lib import langnumeric
from balmail.runtime import ops
from balmail.runtime import types as T
from balmail.runtime.errors import (
    BallerinaPanic,
    make_error,
    runtime_panic,
)
from balmail.runtime.sandbox import Sandbox, metered
from balmail.runtime.values import (
    DECIMAL_CONTEXT,
    INT_MAX,
    INT_MIN,
    BError,
    compare,
    decimal_value,
    format_decimal,
    format_float,
)

D = decimal.Decimal
STRING_ARRAY = T.TArray(T.STRING)
INT_ARRAY = T.TArray(T.INT)
BYTE_ARRAY = T.TArray(T.BYTE)


def _parse_error(kind: str, s: str) -> BError:
    """The error `int:fromString` and friends return, as Ballerina words it."""
    return make_error(
        f"{{ballerina/lang.{kind}}}NumberParsingError",
        {"message": f"'string' value '{s}' cannot be converted to '{kind}'"},
    )


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
    return functools.reduce(lambda a, b: b if (compare(b, a) or 0) > 0 or is_nan(b) else a, ns, n)


def i_min(n: Any, *ns: Any) -> Any:
    return functools.reduce(lambda a, b: b if (compare(b, a) or 0) < 0 or is_nan(b) else a, ns, n)


def is_nan(x: Any) -> bool:
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
