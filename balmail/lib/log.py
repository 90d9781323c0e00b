"""ballerina/log: `printDebug/Info/Warn/Error` writing Ballerina's logfmt lines on stderr:
`time=... level=INFO module="org/pkg" message="..." key=value` (`module=""` for a lone file). Debug lines
are off, as Ballerina's default level is INFO.

When `balmail run` gives the run context a log sink (`ctx.log_sink`, built by `ops/logs.py` from
`[ballerina.log]` in Config.toml), records go there instead: it applies the level, per-module levels,
the format (logfmt or JSON) and the destinations. The record and both line formats live here, so the
sink and this module write the same lines."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from typing import Any

from balmail.lib.log_context import (
    LOG_ERROR,
    LoggerState,
    from_config_state,
    key_value,
    logger_class,
    mask,
    message_text,
)
from balmail.lib.registry import LibModule
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.rawtemplate import RAW_TEMPLATE
from balmail.runtime.values import BError, BFunction, BNative, quote_string, to_json_string, to_string

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


def make_record(
    level: str, module_name: str, message: str, error: BError | None, kv: dict[str, Any]
) -> dict[str, Any]:
    """One log record as plain Python values, in Ballerina's field order."""
    record: dict[str, Any] = {"time": _timestamp(), "level": level, "module": module_name, "message": message}
    if error is not None:
        record["error"] = error.message
    for k, v in kv.items():
        if isinstance(v, BFunction | BNative):
            v = v()
        if v is None or type(v) in (str, int, float, bool, Decimal):
            record[k] = v
        elif isinstance(v, BError):
            record[k] = v.message
        else:
            record[k] = v  # a structured value: logfmt writes its string form, JSON nests it
    return record


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\]')
"""What `quote_string` would escape; most log text has none, and the check is much cheaper."""


def format_logfmt(record: dict[str, Any]) -> str:
    """`time=... level=INFO module="..." message="..." key=value`: strings quoted and escaped."""
    parts = []
    for k, v in record.items():
        if k in ("time", "level"):
            parts.append(f"{k}={v}")
        elif type(v) is str:
            parts.append(f"{k}={quote_string(v)}" if _NEEDS_ESCAPE.search(v) else f'{k}="{v}"')
        elif v is None:
            parts.append(f"{k}=null")
        else:
            parts.append(f"{k}={to_string(v)}")
    return " ".join(parts)


def format_json(record: dict[str, Any]) -> str:
    """One JSON object per line, as Ballerina's `format = "json"`."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=_json_value)


def _json_value(v: Any) -> Any:
    try:
        return json.loads(to_json_string(v))
    except (ValueError, TypeError, BallerinaPanic):
        return to_string(v)


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


KEY_VALUES = T.TRecord({}, T.ANY)
"""`log:KeyValues`: the key-value pairs of a log line, an open record."""


def module(ctx: Any, caller: str = "") -> LibModule:
    """`caller` is the importing module as Ballerina names it in log lines (`org/pkg` for a package's
    default module, `org/pkg.util` for a submodule); a lone file's lines say `module=""`."""
    module_name = caller or ctx.module_name
    threshold = LEVELS.get(str(ctx.config_values.get("ballerina/log.level", "INFO")), 1)

    def masking_default() -> bool:
        sink = getattr(ctx, "log_sink", None)
        if sink is not None:
            return bool(getattr(sink.settings, "mask_sensitive", False))
        return ctx.config_values.get("ballerina/log.enableSensitiveDataMasking") is True

    def emit(state: LoggerState, level: str, msg: Any, args: tuple[Any, ...], kv: dict[str, Any]) -> None:
        sink = getattr(ctx, "log_sink", None)
        if state.level is not None:
            if LEVELS[level] < LEVELS[state.level]:
                return
        elif sink is not None:
            if not sink.enabled(level, module_name):
                return
        elif LEVELS[level] < threshold:
            return
        masking = state.masking if state.masking is not None else masking_default()
        err = kv.pop("error", None)
        kv.pop("stackTrace", None)
        if args and isinstance(args[0], BError):
            err = args[0]
        text = message_text(msg, masking)
        values = {**state.context, **{k: key_value(v, masking) for k, v in kv.items()}}
        if state.format is not None or state.out is not None:  # a logger from log:fromConfig
            record = make_record(level, module_name, text, err, values)
            line = format_json(record) if state.format == "json" else format_logfmt(record)
            stream = ctx.out if state.out == "stdout" else ctx.err
            stream.write(line + "\n")
            return
        if sink is not None:
            sink.write(make_record(level, module_name, text, err, values))
            return
        ctx.err.write(format_line(level, module_name, text, err, values) + "\n")

    root_state = LoggerState({}, None, None, None, None)
    logger_cls, new_logger = logger_class(emit, masking_default)
    root_logger = new_logger(root_state)

    def printer(level: str) -> Any:
        def log(msg: Any, *args: Any, **kv: Any) -> None:
            emit(root_state, level, msg, args, kv)

        return log

    def from_config(**config: Any) -> Any:
        state = from_config_state(config)
        return state if isinstance(state, BError) else new_logger(state)

    def to_masked_string(value: Any) -> str:
        return to_string(mask(value))

    return LibModule(
        "ballerina/log",
        types={  # `*log:KeyValues kv` in a mock of printInfo (balmail test)
            "KeyValues": KEY_VALUES,
            "Logger": logger_cls.type,
            "Error": LOG_ERROR,
            "PrintableRawTemplate": RAW_TEMPLATE,
        },
        functions={
            "printDebug": printer("DEBUG"),
            "printInfo": printer("INFO"),
            "printWarn": printer("WARN"),
            "printError": printer("ERROR"),
            "root": lambda: root_logger,
            "fromConfig": from_config,
            "toMaskedString": to_masked_string,
        },
        constants={"DEBUG": "DEBUG", "INFO": "INFO", "WARN": "WARN", "ERROR": "ERROR", "EXCLUDE": "EXCLUDE"},
    )
