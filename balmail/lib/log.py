"""ballerina/log: `printDebug/Info/Warn/Error` writing Ballerina's logfmt lines on stderr:
`time=... level=INFO module="" message="..." key=value`. Debug lines are off, as Ballerina's default level
is INFO."""

from __future__ import annotations

import datetime
from typing import Any

from balmail.lang.values import BError, BFunction, BNative, quote_string, to_string
from balmail.lib.registry import LibModule

LEVELS = {"DEBUG": 0, "INFO": 1, "WARN": 2, "ERROR": 3}


def _timestamp() -> str:
    now = datetime.datetime.now(datetime.UTC).astimezone()
    text = now.isoformat(timespec="milliseconds")
    return text


def _value(v: Any) -> str:
    if isinstance(v, BFunction | BNative):
        v = v()
    if type(v) is str:
        return quote_string(v)
    if isinstance(v, BError):
        return quote_string(v.message)
    return to_string(v) if v is not None else "null"


def format_line(level: str, module_name: str, message: str, error: BError | None, kv: dict[str, Any]) -> str:
    parts = [
        f"time={_timestamp()}",
        f"level={level}",
        f"module={quote_string(module_name)}",
        f"message={quote_string(message)}",
    ]
    if error is not None:
        parts.append(f"error={quote_string(error.message)}")
    for k, v in kv.items():
        parts.append(f"{k}={_value(v)}")
    return " ".join(parts)


def module(ctx: Any) -> LibModule:
    threshold = LEVELS.get(str(ctx.config_values.get("ballerina/log.level", "INFO")), 1)

    def printer(level: str) -> Any:
        def log(msg: str, *args: Any, **kv: Any) -> None:
            if LEVELS[level] < threshold:
                return
            err = kv.pop("error", None)
            kv.pop("stackTrace", None)
            if args and isinstance(args[0], BError):
                err = args[0]
            ctx.err.write(format_line(level, ctx.module_name, msg, err, kv) + "\n")

        return log

    return LibModule(
        "ballerina/log",
        functions={
            "printDebug": printer("DEBUG"),
            "printInfo": printer("INFO"),
            "printWarn": printer("WARN"),
            "printError": printer("ERROR"),
        },
    )
