"""The statically described library functions (check/libfunctions.py) exist at run time with parameter
lists that take the same arguments, and `check` refuses wrong arguments to them."""

from __future__ import annotations

import inspect
import io

import pytest

from balmail.check import libfunctions
from balmail.check.program import check_source
from balmail.lib.registry import load_module
from balmail.runtime.context import RunContext
from balmail.source import SourceFile

DESCRIBED = sorted((m, n) for m, fns in libfunctions.all_functions().items() for n in fns)


@pytest.mark.parametrize(("module", "name"), DESCRIBED)
def test_described_function_exists_at_run_time(module: str, name: str) -> None:
    lib = load_module(module, RunContext(out=io.StringIO(), err=io.StringIO()))
    assert name in lib.functions, f"{module}:{name} is described but not implemented"
    fn = libfunctions.all_functions()[module][name]
    params = inspect.signature(lib.functions[name]).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params):
        return
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    described = [p for p in fn.params if not p.rest and not p.included]
    assert len(positional) >= len([p for p in described if not p.default])


def _errors(text: str) -> list[tuple[int, str]]:
    found = check_source(SourceFile("t.bal", text)).diagnostics
    return [(d.span.line, d.message) for d in found if d.is_error]


def test_wrong_arguments_to_library_functions_are_refused() -> None:
    text = """import ballerina/io;
import ballerina/log;

public function main() returns error? {
    log:printInfo(42);
    int n = check io:fileReadString("a.txt");
    check io:fileWriteString("a.txt", 5);
    log:printWarn();
    io:println(n);
}
"""
    assert _errors(text) == [
        (5, "incompatible types: expected '(string|log:PrintableRawTemplate)', found 'int'"),
        (6, "incompatible types: expected 'int', found 'string'"),
        (7, "incompatible types: expected 'string', found 'int'"),
        (8, "missing required parameter 'msg' in call to 'printWarn()'"),
    ]


def test_valid_library_calls_stay_clean() -> None:
    text = """import ballerina/io;
import ballerina/log;

function report(error e, string subject) returns error? {
    log:printError("failed", 'error = e, subject = subject, attempt = 2);
    log:printInfo(string `subject ${subject}`);
    string body = check io:fileReadString("body.txt");
    check io:fileWriteString("out.txt", body, io:APPEND);
    io:println("failed: ", e, 1, 2.5, body);
}
"""
    assert _errors(text) == []
