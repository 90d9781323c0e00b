"""Declared types of the resolve record's declarations (check/decltypes.py): one type per `Decl`, resolved
once per module, that the type checks read instead of resolving a written type where they bind a name."""

from __future__ import annotations

from balmail.check.decltypes import decl_types_of
from balmail.check.statictypes import display
from balmail.check.worker_types import FutureOf
from balmail.resolve import Decl, record_of
from balmail.resolve import record as R
from balmail.runtime import types as T
from balmail.source import SourceFile
from balmail.syntax import ast
from balmail.syntax.parser import parse_source


def _module(text: str) -> ast.Module:
    parsed = parse_source(SourceFile("main.bal", text))
    assert parsed.ok, parsed.diagnostics
    assert parsed.module is not None
    return parsed.module


def _decls(module: ast.Module, name: str) -> list[Decl]:
    """Every declaration of `name` (module-level and local), in source order."""
    record = record_of(module)
    found = [d for d in record.module_decls.values() if d.name == name]
    for node in record.decls:
        found += [d for d in record.decls_of(node) if d.name == name]
    return sorted(found, key=lambda d: d.span.start)


def _shown(module: ast.Module, name: str) -> list[str | None]:
    typing = decl_types_of(module)
    out: list[str | None] = []
    for d in _decls(module, name):
        t = typing.of(d)
        out.append(None if t is None else display(t))
    return out


def test_parameters_have_their_written_types_and_a_rest_parameter_is_a_list() -> None:
    m = _module("function f(int a, string? b, float... rest) {\n}\n")
    assert _shown(m, "a") == ["int"]
    assert _shown(m, "b") == ["string?"]
    assert _shown(m, "rest") == ["float[]"]


def test_a_var_declaration_has_no_declared_type_and_a_written_one_has() -> None:
    m = _module("function f() {\n    var x = 1;\n    int[] y = [1];\n    map<string> z = {};\n}\n")
    assert _shown(m, "x") == [None]
    assert _shown(m, "y") == ["int[]"]
    assert _shown(m, "z") == ["map<string>"]


def test_a_shadowing_local_has_its_own_type_beside_the_module_variable() -> None:
    m = _module('string n = "a";\nfunction f() {\n    int n = 2;\n}\n')
    decls = _decls(m, "n")
    assert [d.kind for d in decls] == [R.MODULE_VALUE, R.LOCAL]
    assert _shown(m, "n") == ["string", "int"]


def test_constants_without_a_written_type_have_their_literal_type() -> None:
    m = _module('const LIMIT = 3;\nconst NAME = "x";\nconst RATE = 1.5d;\nconst float F = 2;\n')
    assert _shown(m, "LIMIT") == ["int"]
    assert _shown(m, "NAME") == ["string"]
    assert _shown(m, "RATE") == ["decimal"]
    assert _shown(m, "F") == ["float"]


def test_self_of_a_class_is_the_class_and_a_named_type_resolves_through_the_module() -> None:
    m = _module(
        "type Point record {| int x; int y; |};\n"
        "class Counter {\n    int n = 0;\n"
        "    function get() returns int {\n        return self.n;\n    }\n}\n"
        "function f(Point p) {\n}\n"
    )
    assert _shown(m, "self") == ["Counter"]
    assert _shown(m, "p") == ["Point"]
    point = decl_types_of(m).of(_decls(m, "p")[0])
    assert isinstance(T.resolve(point), T.TRecord)  # type: ignore[arg-type]


def test_a_future_declaration_is_a_future_of_its_result() -> None:
    m = _module("function g() returns int => 1;\nfunction f() {\n    future<int> w = start g();\n}\n")
    t = decl_types_of(m).of(_decls(m, "w")[0])
    assert isinstance(t, FutureOf)
    assert t.result is T.INT


def test_foreach_and_destructuring_captures_take_only_a_whole_pattern_type() -> None:
    m = _module(
        "function f(string[] xs, [int, string] pair) {\n"
        "    foreach string s in xs {\n    }\n"
        "    [int, string] [a, b] = pair;\n"
        "}\n"
    )
    assert _shown(m, "s") == ["string"]
    assert _shown(m, "a") == [None]  # a nested capture has no type written for it
    assert _shown(m, "b") == [None]


def test_each_declaration_is_resolved_once_per_module() -> None:
    m = _module("type R record { int a; };\nfunction f(R r, int i) {\n    R q = r;\n}\n")
    typing = decl_types_of(m)
    assert decl_types_of(m) is typing  # one typing step per module, like its record
    r = _decls(m, "r")[0]
    first = typing.of(r)
    assert first is not None
    assert typing.of(r) is first
    assert typing.of_node(r.node) is first  # type: ignore[arg-type]


def test_a_redeclared_module_name_keeps_both_declarations_by_node() -> None:
    m = _module("int x = 1;\nstring x = \"a\";\n")
    assert _shown(m, "x") == ["int", "string"]
    record = record_of(m)
    assert record.module_names["x"].span.line == 1  # lookups by name find the first
