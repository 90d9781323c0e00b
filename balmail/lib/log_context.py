"""ballerina/log's contextual loggers and sensitive-data masking.

`log:root()` and `log:fromConfig(...)` give `log:Logger` objects; `logger.withContext(k = v)` derives
one whose lines carry `k=v` after the message (values computed once: a function is called, a raw
template rendered), and derived loggers keep their parent's context. `fromConfig` takes `level`,
`keyValues`, `format` ("logfmt"/"json"), `destinations` ("stderr"/"stdout": files are configured in
Config.toml's `[[ballerina.log.destinations]]`) and `enableSensitiveDataMasking`.

Masking (`@log:SensitiveData` on a record field) applies when the logger's config or
`[ballerina.log] enableSensitiveDataMasking = true` turns it on, as in the Ballerina module (off by
default): in a logged value, a marked field is left out (`EXCLUDE`, the default strategy), replaced by
the given string, or replaced by what the given function returns for the field's text; raw-template
messages mask their insertions the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from balmail.runtime import types as T
from balmail.runtime.rawtemplate import is_raw_template, render
from balmail.runtime.values import BError, BFunction, BList, BMap, BNative, BObject, to_string

LOG_ERROR = T.TError(None, frozenset({-800}))
LOG_ERROR.name = "log:Error"
LEVELS = {"DEBUG": 0, "INFO": 1, "WARN": 2, "ERROR": 3}


def _record_fields(v: BMap) -> dict[str, T.Field]:
    t = T.resolve(v.type) if v.type is not None else None
    if isinstance(t, T.TIntersection):
        t = T.resolve(t.non_readonly())
    return t.fields if isinstance(t, T.TRecord) else {}


def _masked_field(config: Any, value: Any) -> tuple[bool, Any]:
    """(keep, shown value) for a sensitive field with this `SensitiveDataConfig`."""
    strategy = config.get("strategy", "EXCLUDE") if isinstance(config, dict) else "EXCLUDE"
    if not isinstance(strategy, BMap):
        return False, None
    replacement = strategy.get("replacement")
    if type(replacement) is str:
        return True, replacement
    if isinstance(replacement, BFunction | BNative):
        return True, replacement(value if type(value) is str else to_string(value))
    return False, None


def mask(v: Any) -> Any:
    """`v` with its records' sensitive fields masked (a copy; `v` itself when nothing is marked)."""
    if isinstance(v, BMap):
        fields = _record_fields(v)
        out = BMap()
        changed = False
        for key, value in v.items():
            field = fields.get(key)
            if field is not None and field.sensitive is not None:
                changed = True
                keep, shown = _masked_field(field.sensitive(), value)
                if keep:
                    out[key] = shown
                continue
            inner = mask(value)
            changed = changed or inner is not value
            out[key] = inner
        return out if changed else v
    if isinstance(v, BList):
        items = [mask(x) for x in v]
        return BList(items) if any(a is not b for a, b in zip(items, v, strict=True)) else v
    return v


def message_text(msg: Any, masking: bool) -> str:
    if type(msg) is str:
        return msg
    if is_raw_template(msg):
        return render(msg, None, (lambda x: to_string(mask(x))) if masking else None)
    return to_string(msg)


def key_value(v: Any, masking: bool) -> Any:
    """A key-value's logged value: a `Valuer` function called, a raw template rendered, masked."""
    if isinstance(v, BFunction | BNative):
        v = v()
    if is_raw_template(v):
        return message_text(v, masking)
    return mask(v) if masking else v


class LoggerState:
    """What a `log:Logger` object carries: its context key-values and configuration."""

    def __init__(
        self,
        context: dict[str, Any],
        level: str | None,
        fmt: str | None,
        out: str | None,
        masking: bool | None,
    ) -> None:
        self.context = context
        self.level = level  # None: the module's configured level
        self.format = fmt  # None: the configured format
        self.out = out  # "stderr"/"stdout", or None for the configured destinations
        self.masking = masking  # None: `[ballerina.log] enableSensitiveDataMasking`

    def derive(self, more: dict[str, Any]) -> LoggerState:
        return LoggerState({**self.context, **more}, self.level, self.format, self.out, self.masking)


class LoggerClass:
    """The class of `log:Logger` values, its methods bound to one run's log output."""

    def __init__(self, methods: dict[str, Callable[..., Any]]) -> None:
        self.name = "log:Logger"
        self.methods: dict[str, Any] = {}
        self.native_methods = methods
        self.readonly = True
        self.includes: tuple[Any, ...] = ()
        self.distinct_ids: frozenset[int] = frozenset()
        self.type = T.TObject(self)
        self.type.name = "log:Logger"


def logger_class(
    emit: Callable[[LoggerState, str, Any, tuple[Any, ...], dict[str, Any]], None],
    masking_default: Callable[[], bool],
) -> tuple[LoggerClass, Callable[[LoggerState], BObject]]:
    """The Logger class whose print methods hand their line to `emit(state, level, msg, args, kv)`."""

    def new(state: LoggerState) -> BObject:
        obj = BObject(cls)
        obj.env = state
        return obj

    def printer(level: str) -> Callable[..., None]:
        def print_(self: BObject, msg: Any, *args: Any, **kv: Any) -> None:
            emit(self.env, level, msg, args, kv)

        return print_

    def with_context(self: BObject, **kv: Any) -> BObject:
        state: LoggerState = self.env
        masking = state.masking if state.masking is not None else masking_default()
        return new(state.derive({k: key_value(v, masking) for k, v in kv.items()}))

    cls = LoggerClass(
        {
            "printDebug": printer("DEBUG"),
            "printInfo": printer("INFO"),
            "printWarn": printer("WARN"),
            "printError": printer("ERROR"),
            "withContext": with_context,
        }
    )
    return cls, new


def from_config_state(config: dict[str, Any]) -> LoggerState | BError:
    """`log:fromConfig(...)`'s named arguments as a logger's state, or the `log:Error` for one balmail
    cannot honour."""
    level = config.get("level")
    if level is not None and str(level) not in LEVELS:
        return BError(f"invalid log level: {level}", None, None, LOG_ERROR)
    fmt = config.get("format")
    if fmt is not None and str(fmt) not in ("logfmt", "json"):
        return BError(f"invalid log format: {fmt}", None, None, LOG_ERROR)
    out = None
    destinations = config.get("destinations")
    if destinations is not None:
        kinds = {str(d) for d in destinations}
        if not kinds <= {"stderr", "stdout"} or len(kinds) != 1:
            return BError(
                'a logger writes to one of "stderr" or "stdout" in balmail; log files are configured in '
                "Config.toml under [[ballerina.log.destinations]]",
                None,
                None,
                LOG_ERROR,
            )
        out = kinds.pop()
    key_values = config.get("keyValues") or {}
    masking = config.get("enableSensitiveDataMasking")
    return LoggerState(dict(key_values), level, fmt, out, masking)
