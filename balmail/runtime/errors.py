"""How Ballerina errors travel through Python: a panic is a Python exception carrying an error value;
`check` and `fail` use a second exception that the nearest `on fail` or the function boundary catches."""

from __future__ import annotations

from typing import Any

from balmail.runtime.values import BError, BMap


class BallerinaPanic(Exception):
    """A Ballerina panic: unwinds until `trap` or the top of the program."""

    def __init__(self, error: BError) -> None:
        super().__init__(error.message)
        self.error = error
        self.line: int | None = None  # innermost statement line in the current function
        self.trace: list[tuple[str, int | None]] = []  # (function, line), innermost first


class FailSignal(Exception):
    """`check e` with an error, or `fail e`: goes to the enclosing `on fail`, else returns the error."""

    def __init__(self, error: BError) -> None:
        super().__init__(error.message)
        self.error = error


def make_error(message: str, detail: dict[str, Any] | None = None, cause: BError | None = None) -> BError:
    """An error value as the runtime creates it."""
    return BError(message, cause, BMap(detail or {}, ro=True))


def runtime_panic(kind: str, message: str, module: str = "") -> BallerinaPanic:
    """A runtime panic in Ballerina's `{ballerina}Kind` (or `{ballerina/lang.array}Kind`) style with a
    `message` detail."""
    prefix = "{ballerina/" + module + "}" if module else "{ballerina}"
    return BallerinaPanic(make_error(prefix + kind, {"message": message}))


def overflow() -> BallerinaPanic:
    return runtime_panic("NumberOverflow", "int range overflow")


def division_by_zero() -> BallerinaPanic:
    return runtime_panic("DivisionByZero", " / by zero")


def unsupported_decimal(value: str) -> BallerinaPanic:
    """A decimal operation whose IEEE result would be NaN or an infinity, which decimal does not have
    (`x / 0d`, `x % 0d`, `<decimal>float:Infinity`)."""
    return runtime_panic(
        "UnsupportedDecimalError", f"decimal operation resulting in unsupported decimal value '{value}'"
    )


def type_cast_error(value_type: str, target: str) -> BallerinaPanic:
    return runtime_panic("TypeCastError", f"incompatible types: '{value_type}' cannot be cast to '{target}'")


def index_out_of_range(index: int, length: int) -> BallerinaPanic:
    return runtime_panic(
        "IndexOutOfRange", f"array index out of range: index: {index}, size: {length}", "lang.array"
    )


def key_not_found(key: str) -> BallerinaPanic:
    return runtime_panic("KeyNotFound", f"cannot find key '{key}'", "lang.map")
