"""ballerina/time: `utcNow`, `utcToString`, `utcFromString`, `monotonicNow`. A `time:Utc` is the
read-only tuple `[int seconds, decimal fraction]`, as in Ballerina."""

from __future__ import annotations

import datetime
import decimal
import time as _time
from typing import Any

from balmail.lib.registry import LibModule
from balmail.runtime import types as T
from balmail.runtime.errors import make_error
from balmail.runtime.values import BList

UTC = T.TIntersection([T.TTuple([T.INT, T.DECIMAL], None), T.READONLY])
UTC.name = "time:Utc"


def utc_now(precision: int = 9) -> BList:
    ns = _time.time_ns()
    seconds, frac = divmod(ns, 1_000_000_000)
    fraction = decimal.Decimal(frac).scaleb(-9).quantize(decimal.Decimal(1).scaleb(-min(precision, 9)))
    return BList([seconds, fraction.normalize() if frac else decimal.Decimal(0)], UTC, ro=True)


def utc_to_string(utc: Any) -> str:
    seconds, fraction = utc[0], utc[1]
    dt = datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    text = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if fraction:
        digits = (
            format(decimal.Decimal(fraction), "f").split(".")[1].rstrip("0")
            if "." in format(decimal.Decimal(fraction), "f")
            else ""
        )
        if digits:
            text += "." + digits
    return text + "Z"


def utc_from_string(text: str) -> Any:
    try:
        dt = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return make_error(f"invalid timestamp: {text}")
    if dt.tzinfo is None:
        return make_error(f"timestamp has no time zone: {text}")
    seconds = int(dt.timestamp() // 1)
    fraction = (
        decimal.Decimal(dt.microsecond).scaleb(-6).normalize() if dt.microsecond else decimal.Decimal(0)
    )
    return BList([seconds, fraction], UTC, ro=True)


def monotonic_now() -> decimal.Decimal:
    return decimal.Decimal(_time.monotonic_ns()).scaleb(-9)


def module(ctx: Any) -> LibModule:
    return LibModule(
        "ballerina/time",
        functions={
            "utcNow": utc_now,
            "utcToString": utc_to_string,
            "utcFromString": utc_from_string,
            "monotonicNow": monotonic_now,
        },
        types={"Utc": UTC, "Seconds": T.DECIMAL},
    )
