"""The resolve pass (balmail/resolve): what every name refers to, recorded once for check/ and compiler."""

from __future__ import annotations

from balmail.project.modules import merge
from balmail.resolve import Decl, Resolution, resolve_module
from balmail.resolve import record as R
from balmail.source import SourceFile
from balmail.syntax import ast
from balmail.syntax.parser import parse_source


def _module(text: str, name: str = "main.bal") -> ast.Module:
    parsed = parse_source(SourceFile(name, text))
    assert parsed.ok, parsed.diagnostics
    assert parsed.module is not None
    return parsed.module


def _resolve(text: str) -> Resolution:
    return resolve_module(_module(text))


def _refs(record: Resolution, name: str) -> list[Decl | None]:
    """What each use of `name` refers to, in source order."""
    uses = sorted((u for u in record.uses if u.name == name), key=lambda u: u.span.start)
    return [u.decl for u in uses]


def _line(record: Resolution, decl: Decl | None) -> int:
    assert decl is not None
    return decl.span.line


def test_a_local_shadows_a_module_variable_and_the_module_variable_is_seen_elsewhere() -> None:
    record = _resolve(
        "int n = 1;\n"
        "function f() returns int {\n"
        "    int n = 2;\n"
        "    return n;\n"
        "}\n"
        "function g() returns int {\n"
        "    return n;\n"
        "}\n"
    )
    local, module = _refs(record, "n")
    assert local is not None and local.kind == R.LOCAL and _line(record, local) == 3
    assert local.type is not None and isinstance(local.type, ast.BuiltinType) and local.type.name == "int"
    assert module is record.module_names["n"] and module.kind == R.MODULE_VALUE
    assert not record.redeclared


def test_blocks_end_and_a_name_may_be_declared_again_after_its_block() -> None:
    record = _resolve(
        "function f(boolean b) returns int {\n"
        "    if b {\n"
        "        int x = 1;\n"
        "        return x;\n"
        "    }\n"
        "    int x = 2;\n"
        "    return x;\n"
        "}\n"
    )
    first, second = _refs(record, "x")
    assert _line(record, first) == 3 and _line(record, second) == 6
    assert first is not None and second is not None and first.scope is not second.scope
    assert not record.redeclared


def test_a_name_declared_again_in_a_nested_block_of_the_same_function_is_a_redeclaration() -> None:
    record = _resolve(
        "function f() {\n"
        "    int x = 1;\n"
        "    while true {\n"
        "        string x = \"a\";\n"
        "    }\n"
        "}\n"
    )
    [(decl, span)] = record.redeclared
    assert decl.name == "x" and _line(record, decl) == 2 and span.line == 4


def test_a_closure_captures_the_locals_of_enclosing_functions_it_uses() -> None:
    record = _resolve(
        "function f(int a) returns function () returns int {\n"
        "    int b = 2;\n"
        "    int c = 3;\n"
        "    return function() returns int {\n"
        "        var g = () => a + b;\n"
        "        return g();\n"
        "    };\n"
        "}\n"
    )
    [a] = _refs(record, "a")
    [b] = _refs(record, "b")
    assert a is not None and a.kind == R.PARAM and b is not None and b.kind == R.LOCAL
    outer = a.function
    assert outer is not None and isinstance(outer.node, ast.FunctionDefn) and b.function is outer
    anon = next(fn for node, fn in record.functions.items() if isinstance(node, ast.AnonFunction))
    arrow = next(fn for node, fn in record.functions.items() if isinstance(node, ast.ArrowFunction))
    assert anon.parent is outer and arrow.parent is anon
    assert anon.captures == [a, b] and arrow.captures == [a, b]
    assert outer.captures == []
    [g] = _refs(record, "g")
    assert g is not None and g.function is anon  # the anonymous function's own local: no capture


def test_a_local_of_an_enclosing_function_may_be_shadowed() -> None:
    record = _resolve(
        "function f() {\n"
        "    int x = 1;\n"
        "    var g = function() returns int {\n"
        "        int x = 2;\n"
        "        return x;\n"
        "    };\n"
        "}\n"
    )
    [x] = _refs(record, "x")
    assert _line(record, x) == 4 and not record.redeclared
    [(inner, outer)] = record.shadows  # recorded for the checks (an anonymous function's may not shadow)
    assert inner is x and _line(record, outer) == 2 and outer.kind == R.LOCAL


def test_foreach_match_and_on_fail_bindings() -> None:
    record = _resolve(
        "function f(int[] xs, any v) returns error? {\n"
        "    foreach int i in xs {\n"
        "        _ = i;\n"
        "    }\n"
        "    match v {\n"
        "        [var head, ...var tail] => { _ = head; _ = tail; }\n"
        "        {a: var a} => { _ = a; }\n"
        "    }\n"
        "    do {\n"
        "        fail error(\"e\");\n"
        "    } on fail error e {\n"
        "        return e;\n"
        "    }\n"
        "}\n"
    )
    [i] = _refs(record, "i")
    assert i is not None and i.kind == R.LOCAL and isinstance(i.type, ast.BuiltinType)
    assert isinstance(i.scope, ast.Foreach)
    [head] = _refs(record, "head")
    [tail] = _refs(record, "tail")
    [a] = _refs(record, "a")
    assert head is not None and isinstance(head.scope, ast.MatchClause) and head.type is None
    assert tail is not None and isinstance(tail.node, ast.ListPattern)  # a `...rest` name: its pattern
    assert a is not None and a.scope is not head.scope
    [e] = _refs(record, "e")
    assert e is not None and isinstance(e.scope, ast.OnFail) and isinstance(e.type, ast.ErrorType)


def test_query_let_and_group_by_bindings_and_collect_aggregates() -> None:
    record = _resolve(
        "type R record {| string k; int v; |};\n"
        "function f(R[] rs) returns int[] {\n"
        "    int base = let int b = 10 in b + 1;\n"
        "    return from R r in rs\n"
        "        let int w = r.v * base\n"
        "        group by string key = r.k\n"
        "        select sum(w);\n"
        "}\n"
    )
    [b] = _refs(record, "b")
    assert b is not None and isinstance(b.scope, ast.LetExpr)
    r_uses = _refs(record, "r")
    assert len(r_uses) == 2 and all(d is not None and isinstance(d.scope, ast.QueryExpr) for d in r_uses)
    [w] = _refs(record, "w")
    assert w is not None and isinstance(w.type, ast.BuiltinType)
    [total] = _refs(record, "sum")
    assert total is not None and total.kind == R.AGGREGATE
    key = next(d for d in record.decls.values() if d.name == "key")
    assert isinstance(key.node, ast.GroupingKey) and isinstance(key.type, ast.BuiltinType)
    assert [(t.node.name, t.decl) for t in record.types] == [("R", record.module_names["R"])] * 2


def test_destructuring_assignment_writes_existing_variables() -> None:
    record = _resolve(
        "function f() {\n"
        "    int a = 0;\n"
        "    [a, b] = [1, 2];\n"
        "}\n"
    )
    a, b = sorted((u for u in record.uses if u.role == "assign"), key=lambda u: u.span.start)
    assert a.decl is not None and _line(record, a.decl) == 2
    assert b.decl is None  # names nothing: check/names.py reports it


def test_named_workers_see_each_other_and_messages_name_peers() -> None:
    record = _resolve(
        "function f() {\n"
        "    worker A {\n"
        "        1 -> B;\n"
        "        2 -> C;\n"
        "    }\n"
        "    worker B {\n"
        "        int x = <- A;\n"
        "        x -> function;\n"
        "    }\n"
        "    int y = <- B;\n"
        "    _ = y;\n"
        "    if true {\n"
        "        worker D {\n"
        "        }\n"
        "    }\n"
        "}\n"
    )
    assert [(p.name, p.found) for p in record.peers] == [
        ("B", True), ("C", False), ("A", True), ("function", True), ("B", True)
    ]
    assert [(d.name, top) for d, top in record.workers] == [("A", True), ("B", True), ("D", False)]
    [x] = _refs(record, "x")
    b_worker = next(fn for node, fn in record.functions.items() if getattr(node, "name", "") == "B")
    assert x is not None and x.function is b_worker  # a worker's locals live in the worker's own frame
    a = next(d for d in record.decls.values() if d.name == "A")
    assert a.kind == R.WORKER


def test_self_in_methods_and_field_initialisers_names_the_object() -> None:
    record = _resolve(
        "class Counter {\n"
        "    int n = 0;\n"
        "    function inc() returns int {\n"
        "        self.n += 1;\n"
        "        var get = function() returns int { return self.n; };\n"
        "        return get();\n"
        "    }\n"
        "}\n"
        "function f() returns object {} {\n"
        "    return object { int m = 1; function get() returns int { return self.m; } };\n"
        "}\n"
    )
    uses = _refs(record, "self")
    assert len(uses) == 3
    klass = record.module_names["Counter"].node
    assert uses[0] is uses[1] and uses[0] is not None and uses[0].node is klass and uses[0].kind == R.SELF
    assert uses[2] is not None and isinstance(uses[2].node, ast.ObjectConstructor)
    anon = next(fn for node, fn in record.functions.items() if isinstance(node, ast.AnonFunction))
    assert anon.captures == []  # every method has `self` in its own frame


def test_module_members_are_shared_by_the_files_of_a_module_and_imports_are_per_file() -> None:
    a = _module(
        "import ballerina/io;\n"
        "function main() {\n"
        "    io:println(counter);\n"
        "    helper();\n"
        "}\n",
        "a.bal",
    )
    b = _module(
        "import ballerina/lang.'int as ints;\n"
        "int counter = 0;\n"
        "function helper() {\n"
        "    io:println(counter);\n"
        "}\n",
        "b.bal",
    )
    module = merge([a, b])
    assert module is not None
    record = resolve_module(module)
    counter = record.module_names["counter"]
    assert _refs(record, "counter") == [counter, counter] and counter.span.file == "b.bal"
    assert _refs(record, "helper") == [record.module_names["helper"]]
    io_a, io_b = sorted(record.qualified, key=lambda q: q.span.file)
    assert io_a.decl is record.imports["a.bal"]["io"] and io_a.kind == "function"
    assert io_b.decl is None  # b.bal does not import io
    assert record.imports["b.bal"]["ints"].uses == 0


def test_a_module_name_declared_twice_and_undefined_names() -> None:
    record = _resolve(
        "int x = 1;\n"
        "function x() {}\n"
        "function f() {\n"
        "    _ = y;\n"
        "    z();\n"
        "    T t = 1;\n"
        "}\n"
    )
    [(decl, span)] = record.redeclared
    assert decl.name == "x" and span.line == 2
    assert record.module_names["x"].span.line == 1
    assert [(u.name, u.role, u.decl) for u in record.uses] == [("y", "value", None), ("z", "call", None)]
    assert [(t.node.name, t.decl) for t in record.types] == [("T", None)]


def test_break_outside_a_loop_and_loops_of_enclosing_functions() -> None:
    record = _resolve(
        "function f() {\n"
        "    while true {\n"
        "        break;\n"
        "    }\n"
        "    foreach int i in 0 ..< 3 {\n"
        "        var g = function() { continue; };\n"
        "    }\n"
        "}\n"
    )
    jumps = [(type(s).__name__, inside) for s, inside in record.jumps]
    assert jumps == [("Break", True), ("Continue", False)]


def test_every_declaring_node_maps_to_its_declaration() -> None:
    record = _resolve(
        "function f(int p, string... rest) {\n"
        "    var [a, [b, ...more]] = [1, [2, 3]];\n"
        "    var g = (x, y) => x + y;\n"
        "}\n"
    )
    params = [d for d in record.decls.values() if d.kind == R.PARAM and isinstance(d.node, ast.Param)]
    assert [d.name for d in params] == ["p", "rest"]
    assert all(record.decl_of(d.node) is d for d in params)  # type: ignore[arg-type]
    arrow = next(n for n in record.functions if isinstance(n, ast.ArrowFunction))
    assert [d.name for d in record.decls_of(arrow)] == ["x", "y"]
    more = next(d for d in record.decls.values() if d.name == "more")
    assert isinstance(more.node, ast.ListBinding)
