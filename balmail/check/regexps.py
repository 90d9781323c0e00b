"""Regular-expression literals that cannot compile (`re` templates such as `[a-` or `\\b`): a compile-time
error at the template's span, as in Ballerina, whose parser reads the regexp grammar, instead of a panic
when the program runs.

A template with `${...}` interpolations is checked at run time only: its text is not known before then.
"""

from __future__ import annotations

from collections.abc import Iterator

from balmail.check.registry import Rule, register
from balmail.check.walk import nodes_of
from balmail.diagnostics import Diagnostic, Severity, error
from balmail.syntax import ast

INVALID_REGEXP = register(
    Rule(
        code="BAL_REGEXP_001",
        name="invalid-regexp",
        severity=Severity.ERROR,
        summary="A regular-expression literal does not follow Ballerina's regexp grammar.",
        what_it_does="Reports a `re` template without interpolations whose text is not a valid Ballerina "
        "regular expression: an unclosed class or group, a quantifier with nothing to repeat, an escape "
        "Ballerina does not have (`\\b`, `\\1`), or an unknown Unicode property (`\\p{sc=Klingon}`).",
        why="Ballerina rejects the literal at compile time; the pattern could never match anything.",
        example="string:RegExp word = re `[a-`;",
        fix="string:RegExp word = re `[a-z]+`;",
        message="invalid regular expression: {0}",
    )
)


def check_regexps(module: ast.Module) -> Iterator[Diagnostic]:
    """BAL_REGEXP_001 for each `re` literal (no interpolations) that does not compile. The regexp library
    (and the `regex` package) is imported only for a file that has one, to keep `balmail check` quick."""
    for node in nodes_of(module, ast.Template):
        if type(node) is ast.Template and node.kind == "re" and not node.exprs:
            from balmail.lib.regexp import regexp_error

            why = regexp_error(node.strings[0])
            if why is not None:
                yield error(INVALID_REGEXP.code, INVALID_REGEXP.format_message(why), node.span)
