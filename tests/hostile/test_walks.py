"""Built-in operations are linear in distinct values and check the budget as they go: `==`, clone,
toJsonString, toString, indexOf, sort and join on `x = [x, x]` (24 times) finish under a step budget far
below 2^24, or fail the size budget — never run for minutes (issue 16, item 2)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from balmail.app import run_program
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.sandbox import Budgets, Sandbox
from balmail.runtime.values import BList, BMap, compare, deep_equals, to_json_string, to_string
from balmail.runtime.walks import clone

SHARED = """
import ballerina/io;

public function main() {
    anydata[] x = [1];
    anydata[] y = [1];
    foreach int i in 0 ..< 24 {
        x = [x, x];
        y = [y, y];
    }
    BODY
}
"""


def run(tmp_path: Path, body: str, **budgets: int) -> tuple[int, str, str]:
    path = tmp_path / "shared.bal"
    path.write_text(SHARED.replace("BODY", body))
    out, err = io.StringIO(), io.StringIO()
    result = run_program(path, [], budgets=Budgets(**budgets), out=out, err=err)
    assert not result.diagnostics, result.diagnostics
    return result.exit_code, out.getvalue(), err.getvalue() + (result.error_text or "")


@pytest.mark.parametrize(
    ("body", "printed"),
    [
        ("io:println(x == y, x != y);", "truefalse\n"),
        ("anydata[] c = x.clone(); io:println(c == x);", "true\n"),
        ("anydata[] c = x.cloneReadOnly(); io:println(c == y, c.isReadOnly());", "truetrue\n"),
        ("anydata[][] both = [x, y]; io:println(both.indexOf(y), both.lastIndexOf(x));", "01\n"),
        (
            "anydata[] c = x.clone(); c.push(2); io:println(c == x, (<anydata[]>c[0]) === c[1]);",
            "falsetrue\n",
        ),
    ],
)
def test_walks_are_linear_in_distinct_values(tmp_path: Path, body: str, printed: str) -> None:
    # 2^24 paths but 25 distinct lists: a step budget of 100,000 is plenty for a linear walk
    code, out, err = run(tmp_path, body, steps=100_000)
    assert (code, out) == (0, printed), err


@pytest.mark.parametrize(
    "body",
    [
        "string s = x.toJsonString(); io:println(s.length());",
        "string s = x.toString(); io:println(s.length());",
        "string s = x.toBalString(); io:println(s.length());",
        "io:println(x);",
        "string s = string `${x.toString()}`; io:println(s.length());",
    ],
)
def test_texts_of_shared_values_fail_the_size_budget(tmp_path: Path, body: str) -> None:
    code, out, err = run(tmp_path, body, steps=1_000_000, size=1_000_000)
    assert code == 1
    assert "size budget of 1000000 exceeded; raise it with --max-size" in err


def _dag(depth: int) -> BList:
    x = BList([1])
    for _ in range(depth):
        x = BList([x, x])
    return x


def test_sort_and_compare_of_shared_lists_charge_steps_linearly() -> None:
    sb = Sandbox(budgets=Budgets(steps=50_000))
    a, b = _dag(30), _dag(30)
    assert compare(a, b, sb) == 0
    bigger = BList([_dag(30), BList([2])])
    smaller = BList([_dag(30), BList([1])])
    assert compare(bigger, smaller, sb) == 1
    from balmail.lib.langlist import a_sort

    least = BList([_dag(30), BList([0])])
    ordered = a_sort(sb, BList([bigger, smaller, least]))
    assert list(map(id, ordered)) == [id(least), id(smaller), id(bigger)]


def test_deep_nesting_does_not_overflow_the_python_stack() -> None:
    deep = BList([])
    other = BList([])
    for _ in range(100_000):
        deep = BList([deep])
        other = BList([other])
    assert deep_equals(deep, other)
    copy = clone(deep)
    assert deep_equals(copy, deep) and copy is not deep
    assert to_json_string(deep).count("[") == 100_001
    assert to_string(BMap({"k": deep})).startswith('{"k":[[')


def test_cycles() -> None:
    cyc = BList([1])
    cyc.append(cyc)
    assert to_string(cyc) == "[1,...]"
    with pytest.raises(BallerinaPanic) as cyclic:
        to_json_string(cyc)
    assert cyclic.value.error.message == "{ballerina/lang.value}CyclicValueReferenceError"
    copy = clone(cyc)
    assert copy[1] is copy and deep_equals(copy, cyc)


def test_step_budget_is_checked_inside_a_walk() -> None:
    sb = Sandbox(budgets=Budgets(steps=10_000))
    wide = BList([BList([i]) for i in range(100_000)])
    with pytest.raises(BallerinaPanic) as exhausted:
        deep_equals(wide, clone(wide), sb)
    assert "step budget of 10000 steps exhausted" in exhausted.value.error.message
