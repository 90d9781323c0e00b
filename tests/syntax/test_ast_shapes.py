"""AST shapes and spans for the constructs the grammar handles with a trick (see docs/grammar.md)."""

from __future__ import annotations

from balmail.syntax import ast
from balmail.syntax.parser import parse_text

HEADER = "import ballerina/io;\n\n"


def body(code: str) -> tuple[str, list[ast.Stmt]]:
    text = HEADER + "function f() {\n" + code + "\n}\n"
    result = parse_text(text, "s.bal")
    assert result.ok, [d.message for d in result.diagnostics]
    assert result.module is not None
    fn = result.module.members[0]
    assert isinstance(fn, ast.FunctionDefn) and fn.body is not None
    return text, list(fn.body.statements)


def snippet(text: str, node: ast.Node) -> str:
    return text[node.span.start : node.span.end]


def test_list_destructuring_assignment_from_tuple_cover() -> None:
    text, [stmt] = body("    [a, b] = [b, a];")
    assert isinstance(stmt, ast.Destructure)
    assert isinstance(stmt.binding, ast.ListBinding)
    assert [b.name for b in stmt.binding.items] == ["a", "b"]  # type: ignore[attr-defined]
    assert snippet(text, stmt) == "[a, b] = [b, a];"


def test_mapping_destructuring_assignment_versus_block() -> None:
    text, [assign, block] = body("    {subject: s, size} = msg;\n    {\n        f();\n    }")
    assert isinstance(assign, ast.Destructure) and isinstance(assign.binding, ast.MappingBinding)
    assert [(f.field, f.binding.name) for f in assign.binding.fields] == [("subject", "s"), ("size", "size")]  # type: ignore[attr-defined]
    assert snippet(text, assign) == "{subject: s, size} = msg;"
    assert isinstance(block, ast.BlockStmt)


def test_declaration_versus_member_assignment() -> None:
    _, [decl, assign, arr] = body(
        '    string[] parts = [];\n    parts[0] = "x";\n    int[3] fixed = [1, 2, 3];'
    )
    assert isinstance(decl, ast.VarDecl) and isinstance(decl.type, ast.ArrayType)
    assert isinstance(assign, ast.Assign) and isinstance(assign.target, ast.MemberAccess)
    assert isinstance(arr, ast.VarDecl) and arr.type.length == "3"  # type: ignore[union-attr]


def test_nested_generic_closing_brackets_and_shift() -> None:
    _, [m, s] = body("    map<map<int>> m = {};\n    int s = 256 >> 2;")
    assert isinstance(m, ast.VarDecl) and isinstance(m.type, ast.MapType)
    assert isinstance(m.type.constraint, ast.MapType)
    assert isinstance(s, ast.VarDecl) and isinstance(s.init, ast.Binary) and s.init.op == ">>"


def test_qualified_name_needs_glued_colon() -> None:
    _, [c, q] = body("    var c = ok ? a : b;\n    var q = io:println;")
    assert isinstance(c, ast.VarDecl) and isinstance(c.init, ast.Conditional)
    assert isinstance(q, ast.VarDecl) and isinstance(q.init, ast.QualifiedRef)
    assert (q.init.prefix, q.init.name) == ("io", "println")


def test_template_interpolations_keep_their_source_positions() -> None:
    text, [stmt] = body("    string s = string `n=${count + 1} and ${name}`;")
    assert isinstance(stmt, ast.VarDecl) and isinstance(stmt.init, ast.Template)
    template = stmt.init
    assert template.strings == ("n=", " and ", "")
    assert [snippet(text, e) for e in template.exprs] == ["count + 1", "name"]
    first = template.exprs[0]
    assert (first.span.line, first.span.column) == (4, 28)


def test_quoted_identifiers_drop_the_quote() -> None:
    _, [stmt] = body("    var v = m.'from;")
    assert isinstance(stmt, ast.VarDecl) and isinstance(stmt.init, ast.FieldAccess)
    assert stmt.init.name == "from"


def test_method_call_and_remote_call_name_spans() -> None:
    text, [a, b] = body("    _ = s.trim();\n    check c->sendMessage(m);")
    assert isinstance(a, ast.IgnoreStmt) and isinstance(a.value, ast.MethodCall)
    assert snippet(text, ast.Node(span=a.value.name_span)) == "trim"
    assert isinstance(b, ast.ExprStmt) and isinstance(b.expr, ast.CheckExpr)
    remote = b.expr.expr
    assert (
        isinstance(remote, ast.RemoteCall) and snippet(text, ast.Node(span=remote.name_span)) == "sendMessage"
    )


def test_string_escapes_are_decoded() -> None:
    _, [stmt] = body('    string s = "tab\\there \\u{1F600} \\"q\\"";')
    assert isinstance(stmt, ast.VarDecl) and isinstance(stmt.init, ast.Literal)
    assert stmt.init.value == 'tab\there \U0001f600 "q"'


def test_service_members_keep_qualifiers_and_resource_paths() -> None:
    text = (
        "import ballerina/email;\n"
        'service "s" on new email:PopListener({host: "h", username: "u", password: "p"}) {\n'
        "    remote function onMessage(email:Message m) {}\n"
        "    resource function get items/[string id]() {}\n"
        "}\n"
    )
    result = parse_text(text, "svc.bal")
    assert result.ok and result.module is not None
    service = result.module.members[0]
    assert isinstance(service, ast.ServiceDecl) and service.attach_point == "s"
    on_message, resource = service.members
    assert isinstance(on_message, ast.FunctionDefn) and on_message.qualifiers == ("remote",)
    assert isinstance(resource, ast.FunctionDefn) and resource.qualifiers == ("resource",)
    assert resource.name == "get" and resource.resource_path is not None
    assert [seg.name for seg in resource.resource_path] == ["items", "id"]
