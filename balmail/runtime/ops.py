"""Operators on Ballerina values: arithmetic with int overflow and decimal context, bitwise and shifts,
ordering, casts and numeric conversion, cloning and read-only freezing. Compiled code calls these."""

from __future__ import annotations

import decimal
import math
from typing import Any

from balmail.runtime import types as T
from balmail.runtime.errors import (
    BallerinaPanic,
    division_by_zero,
    overflow,
    runtime_panic,
    type_cast_error,
    unsupported_decimal,
)
from balmail.runtime.tables import BTable, TTable
from balmail.runtime.values import (
    DECIMAL_CONTEXT,
    INT_MAX,
    INT_MIN,
    BError,
    BList,
    BMap,
    compare,
    decimal_value,
    deep_equals,
    exact_equals,
    format_decimal,
    format_float,
)
from balmail.runtime.xml import BXml
from balmail.runtime.xml import concat as xml_concat
from balmail.runtime.xml import freeze as xml_freeze

D = decimal.Decimal


def _dec(op: Any) -> Any:
    try:
        with decimal.localcontext(DECIMAL_CONTEXT):
            return decimal_value(op())
    except decimal.Overflow:
        raise runtime_panic("NumberOverflow", "decimal range overflow") from None
    except (decimal.DivisionByZero, decimal.InvalidOperation):
        raise unsupported_decimal("NaN") from None


def _bad(op: str, a: Any, b: Any) -> BallerinaPanic:
    return runtime_panic(
        "TypeCastError",
        f"operator '{op}' not defined for '{T.value_type_name(a)}' and '{T.value_type_name(b)}'",
    )


def add(a: Any, b: Any) -> Any:
    ta = type(a)
    if ta is int and type(b) is int:
        r = a + b
        if INT_MIN <= r <= INT_MAX:
            return r
        raise overflow()
    if ta is str and type(b) is str:
        return a + b
    if ta is float and type(b) is float:
        return a + b
    if ta is D and type(b) is D:
        return _dec(lambda: a + b)
    if a is None or b is None:
        return None
    if isinstance(a, BXml) and isinstance(b, BXml):
        return xml_concat((a, b))
    raise _bad("+", a, b)


def sub(a: Any, b: Any) -> Any:
    ta = type(a)
    if ta is int and type(b) is int:
        r = a - b
        if INT_MIN <= r <= INT_MAX:
            return r
        raise overflow()
    if ta is float and type(b) is float:
        return a - b
    if ta is D and type(b) is D:
        return _dec(lambda: a - b)
    if a is None or b is None:
        return None
    raise _bad("-", a, b)


def mul(a: Any, b: Any) -> Any:
    ta = type(a)
    if ta is int and type(b) is int:
        r = a * b
        if INT_MIN <= r <= INT_MAX:
            return r
        raise overflow()
    if ta is float and type(b) is float:
        return a * b
    if ta is D and type(b) is D:
        return _dec(lambda: a * b)
    if a is None or b is None:
        return None
    mixed = _int_with_fraction(a, b)  # int * float/decimal, either way round (Ballerina 2201.1)
    if mixed is not None:
        return mul(*mixed)
    raise _bad("*", a, b)


def _int_with_fraction(a: Any, b: Any) -> tuple[Any, Any] | None:
    """`a` and `b` with the int among them converted to the other's float or decimal type, when one is an
    int and the other a float or decimal (the mixed multiplicative operators), else None."""
    ta, tb = type(a), type(b)
    if ta is int and tb in (float, D):
        return tb(a), b
    if tb is int and ta in (float, D):
        return a, ta(b)
    return None


def div(a: Any, b: Any) -> Any:
    ta = type(a)
    if ta is int and type(b) is int:
        if b == 0:
            raise division_by_zero()
        q = abs(a) // abs(b)
        if (a < 0) != (b < 0):
            q = -q
        if q > INT_MAX:
            raise overflow()
        return q
    if ta is float and type(b) is float:
        if b == 0.0:
            if a != a or a == 0.0:
                return math.nan
            return math.copysign(math.inf, a) * math.copysign(1.0, b)
        return a / b
    if ta is D and type(b) is D:
        if b.is_zero():
            raise unsupported_decimal("NaN" if a.is_zero() else "-Infinity" if a < 0 else "Infinity")
        return _dec(lambda: a / b)
    if a is None or b is None:
        return None
    if type(b) is int and type(a) in (float, D):  # float / int, decimal / int (Ballerina 2201.1)
        return div(a, type(a)(b))
    raise _bad("/", a, b)


def mod(a: Any, b: Any) -> Any:
    ta = type(a)
    if ta is int and type(b) is int:
        if b == 0:
            raise division_by_zero()
        r = abs(a) % abs(b)
        return -r if a < 0 else r
    if ta is float and type(b) is float:
        if b == 0.0 or math.isinf(a):
            return math.nan
        return math.fmod(a, b)
    if ta is D and type(b) is D:
        if b.is_zero():
            raise unsupported_decimal("NaN")
        return _dec(lambda: a % b)
    if a is None or b is None:
        return None
    if type(b) is int and type(a) in (float, D):  # float % int, decimal % int (Ballerina 2201.1)
        return mod(a, type(a)(b))
    raise _bad("%", a, b)


def neg(a: Any) -> Any:
    t = type(a)
    if t is int:
        if a == INT_MIN:
            raise overflow()
        return -a
    if t is float:
        return -a
    if t is D:
        return _dec(lambda: -a)
    if a is None:
        return None
    raise runtime_panic("TypeCastError", f"operator '-' not defined for '{T.value_type_name(a)}'")


def bit_and(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    return a & b


def bit_or(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    return a | b


def bit_xor(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    return a ^ b


def bit_not(a: Any) -> Any:
    if a is None:
        return None
    return ~a


def _wrap64(v: int) -> int:
    v &= 0xFFFFFFFFFFFFFFFF
    return v - (1 << 64) if v > INT_MAX else v


def shl(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    return _wrap64(a << (b & 63))


def shr(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    return a >> (b & 63)


def ushr(a: Any, b: Any) -> Any:
    if a is None or b is None:
        return None
    return _wrap64((a & 0xFFFFFFFFFFFFFFFF) >> (b & 63))


def lt(a: Any, b: Any) -> bool:
    if type(a) is int and type(b) is int:
        return a < b
    c = compare(a, b)
    return c is not None and c < 0


def le(a: Any, b: Any) -> bool:
    if type(a) is int and type(b) is int:
        return a <= b
    c = compare(a, b)
    return c is not None and c <= 0


def gt(a: Any, b: Any) -> bool:
    if type(a) is int and type(b) is int:
        return a > b
    c = compare(a, b)
    return c is not None and c > 0


def ge(a: Any, b: Any) -> bool:
    if type(a) is int and type(b) is int:
        return a >= b
    c = compare(a, b)
    return c is not None and c >= 0


def eq(a: Any, b: Any) -> bool:
    ta = type(a)
    if (ta is int or ta is str) and type(b) is ta:
        return a == b
    return deep_equals(a, b)


def ne(a: Any, b: Any) -> bool:
    return not eq(a, b)


def ident(a: Any, b: Any) -> bool:
    return exact_equals(a, b)


def not_ident(a: Any, b: Any) -> bool:
    return not exact_equals(a, b)


BINARY = {
    "+": add,
    "-": sub,
    "*": mul,
    "/": div,
    "%": mod,
    "&": bit_and,
    "|": bit_or,
    "^": bit_xor,
    "<<": shl,
    ">>": shr,
    ">>>": ushr,
    "<": lt,
    "<=": le,
    ">": gt,
    ">=": ge,
    "==": eq,
    "!=": ne,
    "===": ident,
    "!==": not_ident,
}


# ---------------------------------------------------------------- conversion


def java_number_text(x: float) -> str:
    """A float as Java's MessageFormat shows a number argument: thousands separators, at most three
    fraction digits rounded half-even (jBallerina's numeric conversion messages)."""
    if x != x or math.isinf(x):
        return format_float(x)
    text = f"{D(repr(x)).quantize(D('0.001'), rounding=decimal.ROUND_HALF_EVEN):,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _not_an_int(kind: str, shown: str) -> BallerinaPanic:
    return runtime_panic("NumberConversionError", f"'{kind}' value '{shown}' cannot be converted to 'int'")


def float_to_int(x: float) -> int:
    """Ties to even; jBallerina names NaN and the infinities as `float:toString` does and formats a
    finite value out of range as Java's MessageFormat does a number (`100,000,000,000,000,000,000`)."""
    if x != x or math.isinf(x):
        raise _not_an_int("float", format_float(x))
    r = round(x)
    if not INT_MIN <= r <= INT_MAX:
        raise _not_an_int("float", java_number_text(x))
    return int(r)


def decimal_to_int(x: D) -> int:
    """Ties to even; out of range is a NumberConversionError naming the decimal (jBallerina's
    `DecimalValue.intValue`), not an arithmetic overflow."""
    r = int(x.to_integral_value(rounding=decimal.ROUND_HALF_EVEN))
    if not INT_MIN <= r <= INT_MAX:
        raise _not_an_int("decimal", format_decimal(x))
    return r


def to_decimal(x: Any) -> D:
    if type(x) is float:
        if x != x or math.isinf(x):
            raise unsupported_decimal(format_float(x))
        # as Java's BigDecimal.valueOf(double): the digits of the float's shortest string form
        return _dec(lambda: D(format_float(x)))
    return _dec(lambda: D(x))


def convert_numeric(v: Any, target: T.Type) -> Any:
    """Numeric conversion for casts: when `v` is a number not in `target`, try int, float, decimal."""
    tv = type(v)
    if tv not in (int, float, D):
        return _MISSING
    for m in T.member_types(target):
        m = T.resolve(m)
        # a numeric singleton (`type I 1|2|3;`) converts like its basic type: `<I>2.7` is 3
        single = type(m.value) if isinstance(m, T.TSingleton) and type(m.value) in (int, float, D) else None
        if (isinstance(m, T.TInt) or single is int) and tv is not int:
            r = float_to_int(v) if tv is float else decimal_to_int(v)
            if m.contains(r):
                return r
        if single is float and tv is not float and m.contains(float(v)):
            return float(v)
        if single is D and tv is not D and m.contains(to_decimal(v)):
            return to_decimal(v)
        if isinstance(m, T.TFloat) and tv is not float:
            return float(v)
        if isinstance(m, T.TDecimal) and tv is not D:
            return to_decimal(v)
        if isinstance(m, T.TInt) and tv is int and not m.contains(v):
            continue
    return _MISSING


_MISSING = object()


def cast(v: Any, target: T.Type) -> Any:
    """`<T>v`: the value itself when it belongs to T, a numeric conversion, else a TypeCastError panic."""
    if target.contains(v):
        return v
    r = convert_numeric(v, target)
    if r is not _MISSING:
        return r
    t = T.resolve(target)
    if isinstance(t, T.TInt) and type(v) in (int, float, D) and v == v:
        # a number outside an int subtype's range (`<byte>300`, `<int:Unsigned32>m`): jBallerina words it
        # as a numeric conversion, the int written with thousands separators
        shown = f"{v:,}" if type(v) is int else java_number_text(v) if type(v) is float else str(v)
        name = "lang." + t.label if t.label.startswith("int:") else t.label
        raise runtime_panic(
            "NumberConversionError",
            f"'{T.value_type_name(v)}' value '{shown}' cannot be converted to '{name}'",
        )
    raise type_cast_error(T.value_type_name(v), str(target))


# ---------------------------------------------------------------- clone and readonly


def clone(v: Any, sb: Any = None) -> Any:
    """`value:clone`: a deep copy of the mutable parts, keeping inherent types (walks.clone)."""
    from balmail.runtime.walks import clone as clone_graph

    return clone_graph(v, sb)


def clone_readonly(v: Any, sb: Any = None) -> Any:
    """`value:cloneReadOnly`: an immutable deep copy."""
    from balmail.runtime.walks import clone as clone_graph

    return clone_graph(v, sb, readonly=True)


def freeze(v: Any) -> Any:
    """Make a freshly built value read-only in place (for `readonly` contexts)."""
    if isinstance(v, BList | BMap) and not v.ro:
        v.ro = True
        for x in v.values() if isinstance(v, BMap) else v:
            freeze(x)
    elif isinstance(v, BXml):
        xml_freeze(v)
    return v


def convert_to(v: Any, target: T.Type, path: str = "") -> Any:
    """`cloneWithType`/`fromJsonWithType`: build a value of type `target` from anydata `v`, converting
    numbers and giving records and lists their inherent types. Returns a BError on failure."""
    t = T.resolve(target)
    if isinstance(t, T.TUnion):
        for m in t.members:
            if m.contains(v) and not isinstance(v, BList | BMap):
                return v
        if isinstance(v, BList | BMap) and v.type is not None:
            for m in t.members:  # a structure whose own type is one of the members keeps it
                if T.is_subtype(v.type, m) and isinstance(T.resolve(m), T.TRecord | T.TTuple):
                    return convert_to(v, m, path)
        found = None
        first_record = False
        for m in t.members:
            r = convert_to(v, m, path)
            if isinstance(r, BError):
                continue
            if found is None:
                found = r
                first_record = isinstance(T.resolve(m), T.TRecord)
                if not isinstance(v, BList | BMap):
                    return r
            elif isinstance(T.resolve(m), T.TRecord) and first_record:
                # a mapping that converts to two record members: Ballerina will not guess
                return _ambiguous_error(v, target)
        return found if found is not None else _conversion_error(v, target)
    if isinstance(t, T.TIntersection):
        r = convert_to(v, t.non_readonly(), path)
        return r if isinstance(r, BError) or not t.readonly else clone_readonly(r)
    if isinstance(t, T.TRecord):
        if not isinstance(v, BMap):
            return _conversion_error(v, target)
        out = BMap(type=target)
        for name, f in t.fields.items():
            if name in v:
                r = convert_to(v[name], f.type, f"{path}.{name}")
                if isinstance(r, BError):
                    return r
                out[name] = r
            elif f.default is not None:
                out[name] = f.default()
            elif not f.optional:
                return _conversion_error(
                    v, target, f"missing required field '{path[1:] + '.' if path else ''}{name}'"
                )
        for k, x in v.items():
            if k in t.fields:
                continue
            if t.rest is None:
                return _conversion_error(v, target, f"field '{k}' cannot be added to the closed record")
            r = convert_to(x, t.rest, f"{path}.{k}")
            if isinstance(r, BError):
                return r
            out[k] = r
        return out
    if isinstance(t, T.TMap):
        if not isinstance(v, BMap):
            return _conversion_error(v, target)
        out = BMap(type=target)
        for k, x in v.items():
            r = convert_to(x, t.constraint, f"{path}.{k}")
            if isinstance(r, BError):
                return r
            out[k] = r
        return out
    if isinstance(t, T.TArray):
        if not isinstance(v, BList):
            return _conversion_error(v, target)
        out_l = BList(type=target)
        for i, x in enumerate(v):
            r = convert_to(x, t.element, f"{path}[{i}]")
            if isinstance(r, BError):
                return r
            out_l.append(r)
        return out_l
    if isinstance(t, T.TTuple):
        if not isinstance(v, BList):
            return _conversion_error(v, target)
        out_l = BList(type=target)
        for i, x in enumerate(v):
            mt = t.member_type(i)
            if mt is None:
                return _conversion_error(v, target)
            r = convert_to(x, mt, f"{path}[{i}]")
            if isinstance(r, BError):
                return r
            out_l.append(r)
        if len(out_l) < len(t.members):
            return _conversion_error(v, target)
        return out_l
    if isinstance(t, TTable):
        return _convert_table(v, t, target, path)
    if isinstance(t, T.TAnydata | T.TJson):
        if t.contains(v):
            return clone(v)
        if isinstance(t, T.TJson) and isinstance(v, BMap | BList):
            return _to_json_structure(v, target, path)
        return _conversion_error(v, target)
    if t.contains(v):
        return v
    try:
        r = convert_numeric(v, t)
    except BallerinaPanic as p:
        return p.error
    if r is not _MISSING:
        return r
    return _conversion_error(v, target)


def _ambiguous_error(v: Any, target: T.Type) -> BError:
    from balmail.runtime.errors import make_error

    return make_error(
        "{ballerina/lang.value}ConversionError",
        {"message": f"'{T.value_type_name(v)}' value cannot be converted to '{target}': "
         "ambiguous target type"},
    )


def _to_json_structure(v: Any, target: T.Type, path: str) -> Any:
    """A record, map or list whose members are all json-compatible, rebuilt as `map<json>`/`json[]`
    (its own inherent type, an open record say, is not a json type)."""
    if isinstance(v, BMap):
        out = BMap(type=T.TMap(T.JSON))
        for k, x in v.items():
            r = convert_to(x, T.JSON, f"{path}.{k}")
            if isinstance(r, BError):
                return r
            out[k] = r
        return out
    out_l = BList(type=T.TArray(T.JSON))
    for i, x in enumerate(v):
        r = convert_to(x, T.JSON, f"{path}[{i}]")
        if isinstance(r, BError):
            return r
        out_l.append(r)
    return out_l


def _convert_table(v: Any, t: TTable, target: T.Type, path: str) -> Any:
    """A table from a list (or table) of mappings, each converted to the row type; a repeated key is
    the conversion's error."""
    if not isinstance(v, BList | BTable):
        return _conversion_error(v, target)
    out = BTable(t, t.key_fields)
    for i, x in enumerate(v):
        r = convert_to(x, t.row, f"{path}[{i}]")
        if isinstance(r, BError):
            return r
        try:
            out.add(r)
        except BallerinaPanic as p:
            return p.error
    return out


def _conversion_error(v: Any, target: T.Type, why: str | None = None) -> BError:
    from balmail.runtime.errors import make_error

    msg = f"'{T.value_type_name(v)}' value cannot be converted to '{target}'"
    if why:
        msg += f": \n\t\t{why}"
    return make_error("{ballerina/lang.value}ConversionError", {"message": msg})
