"""lang.float's hex strings and remaining math functions, and lang.array's base-16/base-64 conversions:
the lang library members the checker accepts that had no run-time implementation (a call then panicked
with MethodNotFound). Written here rather than in the long langlib module; langlib merges the tables."""

from __future__ import annotations

import base64
import binascii
import math
import re
from typing import Any

from balmail.runtime import types as T
from balmail.runtime.errors import make_error
from balmail.runtime.values import BList

_BYTES = T.TArray(T.BYTE)
_HEX16 = re.compile(r"(?:[0-9a-fA-F]{2})*")
# Ballerina's HexFloatingPointLiteral: a `.` or a binary exponent is required (`0x1a` is an int literal)
_HEX_FLOAT = re.compile(
    r"[+-]?0[xX](?:[0-9a-fA-F]+[pP][+-]?\d+|(?:[0-9a-fA-F]+\.[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?)"
)


def float_to_hex(x: float) -> str:
    """Ballerina's float:toHexString is Java's Double.toHexString: `0x1.8p1`, `0x0.0p0`, `-0x1.0p-1022`,
    subnormals as `0x0.<digits>p-1022`; `NaN`, `Infinity`, `-Infinity`. Python's `float.hex` has the
    same digits but pads the fraction to 13 places and signs the exponent."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    text = float.hex(x)  # e.g. '-0x1.8000000000000p+1'
    mantissa, _, exponent = text.partition("p")
    whole, _, fraction = mantissa.partition(".")
    fraction = fraction.rstrip("0") or "0"
    if x == 0:
        exponent = "0"
    return f"{whole}.{fraction}p{int(exponent)}"


def float_from_hex(s: str) -> Any:
    text = s.strip()
    if text in ("NaN", "Infinity", "+Infinity", "-Infinity"):
        return float(text.replace("Infinity", "inf"))
    if not _HEX_FLOAT.fullmatch(text):
        return _hex_parse_error(s)
    sign = -1.0 if text.startswith("-") else 1.0
    body = text.lstrip("+-")
    if "p" not in body.lower():
        body += "p0"
    try:
        return sign * float.fromhex(body)
    except (ValueError, OverflowError):
        return _hex_parse_error(s)


def _hex_parse_error(s: str) -> Any:
    """jBallerina words it as Java's NumberFormatException does."""
    return make_error("{ballerina/lang.float}NumberParsingError", {"message": f'For input string: "{s}"'})


def _domain(fn: Any, x: float) -> float:
    try:
        return fn(x)
    except ValueError:
        return math.nan
    except OverflowError:
        return math.inf if x > 0 else -math.inf


def _cbrt(x: float) -> float:
    if math.isnan(x) or math.isinf(x) or x == 0:
        return x
    r = abs(x) ** (1.0 / 3.0)
    r -= (r * r * r - abs(x)) / (3 * r * r)  # one Newton step: x ** (1/3) is off in the last place
    return math.copysign(r, x)


FLOAT_EXTRA = {
    "toHexString": float_to_hex,
    "fromHexString": float_from_hex,
    "acos": lambda x: _domain(math.acos, x),
    "asin": lambda x: _domain(math.asin, x),
    "atan2": lambda y, x: math.atan2(y, x),
    "cbrt": _cbrt,
    "sinh": lambda x: _domain(math.sinh, x),
    "cosh": lambda x: _domain(math.cosh, x),
    "tanh": math.tanh,
}


def to_base64(xs: BList) -> str:
    return base64.b64encode(bytes(xs)).decode("ascii")


def from_base64(s: str) -> Any:
    try:
        return BList(base64.b64decode(s.encode("ascii"), validate=True), _BYTES)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return make_error(f"invalid base64 string: '{s}'")


def to_base16(xs: BList) -> str:
    return bytes(xs).hex()


def from_base16(s: str) -> Any:
    if not _HEX16.fullmatch(s):
        return make_error(f"invalid base16 string: '{s}'")
    return BList(bytes.fromhex(s), _BYTES)


ARRAY_EXTRA = {
    "toBase64": to_base64,
    "fromBase64": from_base64,
    "toBase16": to_base16,
    "fromBase16": from_base16,
}
