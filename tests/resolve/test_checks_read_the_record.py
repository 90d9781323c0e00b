"""Checks that find a name's variable, type or function through the resolve record (docs/structure.md,
"Types of names"): check/types.py's lookups and check/isolation.py's callees."""

from __future__ import annotations

from balmail.check.program import check_source
from balmail.source import SourceFile


def _errors(text: str) -> list[tuple[str, int, str]]:
    result = check_source(SourceFile("main.bal", text))
    return [(d.code, d.span.line, d.message) for d in result.diagnostics if d.is_error]


def test_a_local_shadowing_a_module_variable_has_the_local_declared_type() -> None:
    found = _errors(
        'string n = "a";\n'
        "function f() {\n"
        "    int n = 2;\n"
        "    string s = n;\n"
        "}\n"
        "function g() {\n"
        "    string s = n;\n"  # the module variable: a string
        "}\n"
    )
    assert found == [("BAL_TYPE_001", 4, "incompatible types: expected 'string', found 'int'")]


def test_a_parameter_and_a_sibling_block_local_of_one_name_keep_their_own_types() -> None:
    found = _errors(
        "function f(boolean c) {\n"
        "    if c {\n"
        '        string v = "x";\n'
        "        int i = v;\n"
        "    } else {\n"
        "        int v = 1;\n"
        "        int j = v;\n"
        "    }\n"
        "}\n"
    )
    assert found == [("BAL_TYPE_001", 4, "incompatible types: expected 'int', found 'string'")]


def test_a_call_of_a_local_function_value_is_not_a_call_of_the_module_function() -> None:
    found = _errors(
        "function add(int a, int b) returns int => a + b;\n"
        "function f() {\n"
        "    function (int) returns int add = x => x;\n"
        "    _ = add(1);\n"  # the local: one argument is right
        "}\n"
        "function g() {\n"
        "    _ = add(1);\n"  # the module function: one argument is missing
        "}\n"
    )
    assert [(code, line) for code, line, _ in found] == [("BAL_TYPE_003", 7)]


def test_an_isolated_function_may_call_a_local_function_value_of_a_module_functions_name() -> None:
    found = _errors(
        "function label() returns string => \"x\";\n"
        "isolated function title() returns string {\n"
        '    isolated function () returns string label = () => "y";\n'
        "    return label();\n"
        "}\n"
    )
    assert found == []


def test_an_isolated_function_calling_the_non_isolated_module_function_is_refused() -> None:
    found = _errors(
        "function label() returns string => \"x\";\n"
        "isolated function title() returns string {\n"
        "    return label();\n"
        "}\n"
    )
    assert [(code, line) for code, line, _ in found] == [("BAL_TYPE_012", 3)]
