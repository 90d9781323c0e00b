"""`Pair [a] = p;` parses as a member assignment (docs/grammar.md); when `Pair` names a type it is a
declaration with a one-member list binding pattern, so the only error is the member count's (no
"undefined symbol 'a'" beside it)."""

from __future__ import annotations

from balmail.check.program import check_source
from balmail.source import SourceFile

PROGRAM = """type Pair [int, int];

public function main() {
    Pair p = [1, 2];
    Pair [a] = p;
    Pair [[b]] = p;
}
"""


def test_one_member_binding_with_a_type_reports_only_the_count() -> None:
    found = [d for d in check_source(SourceFile("pair.bal", PROGRAM)).diagnostics if d.is_error]
    assert [(d.span.line, d.message) for d in found] == [
        (5, "invalid list binding pattern; member variable count mismatch with member type count"),
        (6, "invalid list binding pattern; member variable count mismatch with member type count"),
    ]


def test_a_member_assignment_of_a_variable_stays_an_assignment() -> None:
    text = "public function main() {\n    int[] xs = [0];\n    int i = 0;\n    xs [i] = 3;\n}\n"
    assert [d.message for d in check_source(SourceFile("a.bal", text)).diagnostics if d.is_error] == []
