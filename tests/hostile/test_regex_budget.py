"""The time budget is enforced inside regular-expression matching: a catastrophic pattern ends in a
budget error (a panic `trap` sees), never a stalled run."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from balmail.app import run_program
from balmail.runtime.sandbox import Budgets

PROGRAM = """
import ballerina/io;
import ballerina/lang.regexp;

public function main() {
    string s = "";
    foreach int i in 0 ..< 3000 {
        s += "a";
    }
    s += "!";
    regexp:RegExp _ = re `x`;
    io:print("");
    CALL
}
"""

CALLS = [
    'boolean b = re `(a|aa)+$`.isFullMatch(s); io:println(b);',
    'regexp:Span? m = re `(a|aa)+$`.find(s); io:println(m is ());',
    'regexp:Span[] all = re `(a|aa)+$`.findAll(s); io:println(all.length());',
    'string r = re `(a|aa)+$`.replaceAll(s, "x"); io:println(r.length());',
    'string[] parts = re `(a|aa)+$`.split(s); io:println(parts.length());',
    'boolean b = s.matches(re `(a|aa)+$`); io:println(b);',
    'boolean b = s.includesMatch(re `(a|aa)+$`); io:println(b);',
    'regexp:Groups? g = re `(a|aa)+$`.fullMatchGroups(s); io:println(g is ());',
]


@pytest.mark.parametrize("call", CALLS)
def test_catastrophic_regex_is_a_time_budget_error(tmp_path: Path, call: str) -> None:
    path = tmp_path / "rx.bal"
    path.write_text(PROGRAM.replace("CALL", call))
    out, err = io.StringIO(), io.StringIO()
    result = run_program(path, [], budgets=Budgets(seconds=0.3), out=out, err=err)
    text = err.getvalue() + (result.error_text or "")
    assert result.exit_code == 1, out.getvalue()
    assert "time budget of 0.3 seconds exhausted; raise it with --max-time" in text


def test_trap_cannot_loop_past_an_exhausted_regex_budget(tmp_path: Path) -> None:
    path = tmp_path / "trap.bal"
    path.write_text(
        PROGRAM.replace(
            "CALL",
            """int n = 0;
    while true {
        boolean|error r = trap re `(a|aa)+$`.isFullMatch(s);
        if r is error {
            n += 1;
        }
    }""",
        )
    )
    out, err = io.StringIO(), io.StringIO()
    result = run_program(path, [], budgets=Budgets(seconds=0.3), out=out, err=err)
    assert result.exit_code == 1
    assert "time budget of 0.3 seconds exhausted" in err.getvalue() + (result.error_text or "")
