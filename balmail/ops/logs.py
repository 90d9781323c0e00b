"""Where log lines go and in which shape, as Ballerina's `[ballerina.log]` configuration says, for both
the program's `log:print*` lines and balmail's own runtime lines.

Config.toml (the same files `configurable` values come from):

    [ballerina.log]
    level = "INFO"            # DEBUG, INFO, WARN, ERROR
    format = "logfmt"         # or "json"
    keyValues = {env = "prod"}

    [[ballerina.log.modules]]
    name = "balmail"          # a module's own level (`balmail` = the runtime's lines)
    level = "DEBUG"

    [[ballerina.log.destinations]]
    type = "stderr"           # or "stdout", or a file: path = "./logs/app.log" (mode APPEND|TRUNCATE)

Runtime lines carry `listener`, `service`, `uid`/`uidl` and `attempt` fields. Message subjects are
never in them unless `--log-subjects`, and neither are e-mail addresses (they are replaced by
`<address>`); passwords never reach a log call. `BALMAIL_LOG_COPY=FILE` appends a copy of every line
to FILE as well (for audits; the test suite greps it for its passwords).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path
from typing import IO, Any

import attrs

from balmail.lib.log import _timestamp as log_time
from balmail.lib.log import format_json, format_logfmt

LEVEL_WEIGHTS = {"DEBUG": 700, "INFO": 800, "WARN": 900, "ERROR": 1000}
FORMATS = ("logfmt", "json")
RUNTIME_MODULE = "balmail"
COPY_ENV = "BALMAIL_LOG_COPY"
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


class LogConfigError(Exception):
    """`[ballerina.log]` holds something Ballerina would not accept."""


@attrs.frozen
class Destination:
    kind: str
    """"stderr", "stdout" or "file"."""
    path: str | None = None
    mode: str = "APPEND"


@attrs.frozen
class LogSettings:
    level: str = "INFO"
    format: str = "logfmt"
    modules: dict[str, str] = attrs.field(factory=dict)
    destinations: tuple[Destination, ...] = (Destination("stderr"),)
    key_values: dict[str, Any] = attrs.field(factory=dict)
    mask_sensitive: bool = False
    """`enableSensitiveDataMasking`: `@log:SensitiveData` fields are masked in logged values."""


def _level(value: Any, where: str) -> str:
    text = str(value).upper()
    if text not in LEVEL_WEIGHTS:
        raise LogConfigError(f"{where} must be one of DEBUG, INFO, WARN, ERROR, got {value!r}")
    return text


def read_log_settings(sources: list[tuple[str, dict[str, Any]]]) -> LogSettings:
    """`[ballerina.log]` from the configuration sources, first source winning per key (as for
    configurable values)."""
    table: dict[str, Any] = {}
    for _origin, document in reversed(sources):
        section = document.get("ballerina", {}).get("log", {}) if isinstance(document, dict) else {}
        if isinstance(section, dict):
            table.update(section)
    level = _level(table.get("level", "INFO"), "[ballerina.log] level")
    fmt = str(table.get("format", "logfmt")).lower()
    if fmt not in FORMATS:
        raise LogConfigError(f'[ballerina.log] format must be "logfmt" or "json", got {table["format"]!r}')
    modules: dict[str, str] = {}
    for i, entry in enumerate(table.get("modules", []) or []):
        if not isinstance(entry, dict) or "name" not in entry or "level" not in entry:
            raise LogConfigError(f"[[ballerina.log.modules]] entry {i + 1} needs a name and a level")
        modules[str(entry["name"])] = _level(entry["level"], f"the level of module '{entry['name']}'")
    destinations = tuple(_destination(i, d) for i, d in enumerate(table.get("destinations", []) or []))
    key_values = table.get("keyValues", {}) or {}
    if not isinstance(key_values, dict):
        raise LogConfigError("[ballerina.log] keyValues must be a table, e.g. keyValues = {env = \"prod\"}")
    masking = table.get("enableSensitiveDataMasking", False)
    if not isinstance(masking, bool):
        raise LogConfigError("[ballerina.log] enableSensitiveDataMasking must be true or false")
    destinations = destinations or (Destination("stderr"),)
    return LogSettings(level, fmt, modules, destinations, dict(key_values), masking)


def _destination(i: int, entry: Any) -> Destination:
    where = f"[[ballerina.log.destinations]] entry {i + 1}"
    if not isinstance(entry, dict):
        raise LogConfigError(f"{where} must be a table")
    kind = str(entry.get("type", "file" if "path" in entry else "stderr")).lower()
    if kind in ("stderr", "stdout"):
        return Destination(kind)
    if kind != "file":
        raise LogConfigError(f'{where}: type must be "stderr", "stdout" or "file", got {entry["type"]!r}')
    path = entry.get("path")
    if not isinstance(path, str) or not path.endswith(".log"):
        raise LogConfigError(f"{where}: a file destination needs a path ending in .log, got {path!r}")
    mode = str(entry.get("mode", "APPEND")).upper()
    if mode not in ("APPEND", "TRUNCATE"):
        raise LogConfigError(f'{where}: mode must be "APPEND" or "TRUNCATE", got {entry["mode"]!r}')
    return Destination("file", path, mode)


class LogSink:
    """Writes records to every destination in the configured format; thread-safe (listeners log
    from their own threads)."""

    def __init__(self, settings: LogSettings, ctx: Any, cwd: Path, environ: dict[str, str]) -> None:
        self.settings = settings
        self._ctx = ctx
        self._lock = threading.Lock()
        self._files: list[IO[str]] = []
        self._streams: list[str] = []
        try:
            for destination in settings.destinations:
                if destination.kind == "file":
                    path = Path(destination.path or "")
                    path = path if path.is_absolute() else cwd / path
                    path.parent.mkdir(parents=True, exist_ok=True)
                    mode = "w" if destination.mode == "TRUNCATE" else "a"
                    self._files.append(open(path, mode, encoding="utf-8", buffering=1))  # noqa: SIM115
                else:
                    self._streams.append(destination.kind)
            copy = environ.get(COPY_ENV)
            if copy:
                self._files.append(open(copy, "a", encoding="utf-8", buffering=1))  # noqa: SIM115
        except OSError as error:
            self.close()
            raise LogConfigError(f"cannot open the log file {error.filename}: {error.strerror}") from None
        self._format = format_json if settings.format == "json" else format_logfmt

    def enabled(self, level: str, module: str) -> bool:
        wanted = self.settings.modules.get(module, self.settings.level)
        return LEVEL_WEIGHTS[level] >= LEVEL_WEIGHTS[wanted]

    def write(self, record: dict[str, Any]) -> None:
        for key, value in self.settings.key_values.items():
            record.setdefault(key, value)
        line = self._format(record) + "\n"
        with self._lock:
            for kind in self._streams:
                stream = self._ctx.err if kind == "stderr" else self._ctx.out
                stream.write(line)
                if kind == "stdout" or getattr(self._ctx, "flush_lines", False):
                    stream.flush()
            for handle in self._files:
                handle.write(line)

    def close(self) -> None:
        with self._lock:
            for handle in self._files:
                handle.close()
            self._files.clear()


class RuntimeLogHandler(logging.Handler):
    """balmail's own `logging` records (logger `balmail.*`) as records of module `balmail` in the
    program's sink, with the structured fields the runtime passed as `extra={"fields": {...}}`."""

    def __init__(self, ctx: Any, log_subjects: bool = False) -> None:
        super().__init__(logging.DEBUG)
        self._ctx = ctx
        self._log_subjects = log_subjects
        self._fallback: LogSink | None = None

    def sink(self) -> LogSink:
        sink = getattr(self._ctx, "log_sink", None)
        if sink is None:
            if self._fallback is None:
                self._fallback = LogSink(LogSettings(), self._ctx, Path.cwd(), dict(os.environ))
            sink = self._fallback
        return sink  # type: ignore[no-any-return]

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level = {"WARNING": "WARN", "CRITICAL": "ERROR"}.get(record.levelname, record.levelname)
            sink = self.sink()
            env_level = os.environ.get("BALMAIL_LOG_LEVEL", "").upper().replace("WARNING", "WARN")
            if env_level in LEVEL_WEIGHTS:
                if LEVEL_WEIGHTS[level] < LEVEL_WEIGHTS[env_level]:
                    return
            elif not sink.enabled(level, RUNTIME_MODULE):
                return
            text = record.getMessage()
            if record.exc_info:
                text += "\n" + logging.Formatter().formatException(record.exc_info)
            if not self._log_subjects:
                text = redact(text)
            out: dict[str, Any] = {
                "time": log_time(), "level": level, "module": RUNTIME_MODULE, "message": text
            }
            fields = getattr(record, "fields", None)
            if isinstance(fields, dict):
                out.update({k: v for k, v in fields.items() if v is not None})
            sink.write(out)
        except Exception:
            self.handleError(record)


def redact(text: str) -> str:
    """E-mail addresses out of a runtime line (they identify people; `--log-subjects` keeps them)."""
    return _ADDRESS.sub("<address>", text)


def configure_runtime_logging(ctx: Any, log_subjects: bool) -> None:
    """Route the `balmail` logger to the run's sink; once per run context."""
    logger = logging.getLogger("balmail")
    for handler in list(logger.handlers):
        if isinstance(handler, RuntimeLogHandler):
            logger.removeHandler(handler)
    logger.addHandler(RuntimeLogHandler(ctx, log_subjects))
    logger.setLevel(logging.DEBUG)
    logger.propagate = False


def install_log_sink(
    ctx: Any, sources: list[tuple[str, dict[str, Any]]], cwd: Path, environ: dict[str, str]
) -> None:
    """Read `[ballerina.log]` and give the run context its sink (raises LogConfigError)."""
    ctx.log_sink = LogSink(read_log_settings(sources), ctx, cwd, environ)
