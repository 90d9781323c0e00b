"""Diagnostics as values: what checks, the parser and the runtime report. Rendering lives in `report/`."""

from __future__ import annotations

import enum

import attrs

from balmail.source import Span


class Severity(enum.Enum):
    """Ordered from most to least severe; the names are what Ballerina prints."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return self.name


@attrs.frozen(slots=True)
class Diagnostic:
    """One finding: a stable code (`BAL_SYNTAX_001`, `EMAIL_104`, `BALMAIL_201`), a message a newcomer
    understands, where it is, and a fix when one is known."""

    code: str
    severity: Severity
    message: str
    span: Span
    help: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(code: str, message: str, span: Span, help: str | None = None) -> Diagnostic:
    """Shorthand for an error diagnostic."""
    return Diagnostic(code, Severity.ERROR, message, span, help)


def warning(code: str, message: str, span: Span, help: str | None = None) -> Diagnostic:
    """Shorthand for a warning diagnostic."""
    return Diagnostic(code, Severity.WARNING, message, span, help)


def info(code: str, message: str, span: Span, help: str | None = None) -> Diagnostic:
    """Shorthand for an informational diagnostic."""
    return Diagnostic(code, Severity.INFO, message, span, help)


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    """Report order: by file, then position, then code."""
    span = diagnostic.span
    return (span.file, span.start, span.end, diagnostic.code)
