"""Return types Ballerina's compiler enforces and email handlers often get wrong: a function without a
return type that returns a value (`incompatible types: expected '()', found 'T'`, BAL_TYPE_101), and
`check` in a function whose return type cannot carry the error (BAL_TYPE_102).

Only values whose type is certain from the source are reported: literals, string templates, comparisons,
variables and parameters declared with a type, and calls of module functions declared with a return type.
`return f();` where `f` returns nothing is valid Ballerina, so anything uncertain is left alone.
"""

from __future__ import annotations

from balmail.check.registry import Rule, register, report
from balmail.check.walk import (
    FUNCTION_KINDS,
    SpanIndex,
    children,
    functions_of,
    is_function_boundary,
    nodes_of,
    source_text,
    walk,
)
from balmail.diagnostics import Diagnostic, Severity
from balmail.source import SourceFile, Span
from balmail.syntax import ast

RETURN_VALUE = register(
    Rule(
        code="BAL_TYPE_101",
        name="return-value-without-return-type",
        severity=Severity.ERROR,
        summary="A function that declares no return type returns a value.",
        what_it_does="Reports `return expr;` in a function, method or handler whose signature has no "
        "`returns` clause, when `expr` is certainly not `()` (a literal, a typed variable, a call of a "
        "function declared with a return type).",
        why="Without `returns` a function's return type is `()`; Ballerina rejects the program with "
        "`incompatible types: expected '()', found '...'`. Usually the `returns` clause was forgotten.",
        example='function greeting(string name) {\n    return "Hello, " + name;\n}',
        fix='function greeting(string name) returns string {\n    return "Hello, " + name;\n}',
        message="incompatible types: expected '()', found '{0}'",
    )
)

CHECK_WITHOUT_ERROR = register(
    Rule(
        code="BAL_TYPE_102",
        name="check-without-error-return",
        severity=Severity.ERROR,
        summary="`check` is used in a function whose return type has no error.",
        what_it_does="Reports a `check` expression in a function, method or handler whose return type "
        "cannot hold an error (no `returns` clause, or only simple types such as `string` or `int`), when "
        "no enclosing `on fail` clause handles the failure and it is not inside a query expression.",
        why="`check` returns the error from the enclosing function; Ballerina rejects the program with "
        "`invalid usage of the 'check' expression operator: no matching error return type(s) in the "
        "enclosing invokable`. In email handlers it usually means `returns error?` was forgotten.",
        example="service on inbox {\n    remote function onMessage(email:Message message) {\n"
        "        check archive(message);\n    }\n}",
        fix="service on inbox {\n    remote function onMessage(email:Message message) returns error? {\n"
        "        check archive(message);\n    }\n}",
        message="invalid usage of the 'check' expression operator: no matching error return type(s) in the "
        "enclosing invokable",
    )
)

_ERROR_FREE_BUILTINS = frozenset(
    {"int", "float", "decimal", "string", "boolean", "byte", "json", "anydata", "any", "never", "readonly"}
)
_COMPARISONS = frozenset({"==", "!=", "===", "!==", "<", "<=", ">", ">=", "&&", "||"})
_LITERAL_TYPES = {
    "int": "int",
    "string": "string",
    "boolean": "boolean",
    "float": "float",
    "decimal": "decimal",
}


class _FunctionReturns:
    """Finds the returns of one function body and the types of the names it declares."""

    def __init__(
        self, text: str, module_types: dict[str, str | None], functions: dict[str, str | None]
    ) -> None:
        self.text = text
        self.module_types = module_types
        self.functions = functions

    def check(self, signature: ast.Signature, body: ast.Node) -> list[tuple[ast.Return, str]]:
        locals_: dict[str, str | None] = {}
        for param in signature.params:
            if param.name is not None:
                locals_[param.name] = None if param.rest else source_text(self.text, param.type)
        returns: list[ast.Return] = []
        for node in walk(body, is_function_boundary):
            if node is not body and is_function_boundary(node):
                continue
            if isinstance(node, ast.Return) and node.value is not None:
                returns.append(node)
            elif isinstance(node, ast.VarDecl) and isinstance(node.binding, ast.CaptureBinding):
                declared = None if node.type is None else source_text(self.text, node.type)
                name = node.binding.name
                locals_[name] = declared if locals_.get(name, declared) == declared else None
            elif isinstance(node, ast.CaptureBinding):
                locals_.setdefault(node.name, None)
        found = []
        for ret in returns:
            assert ret.value is not None
            found_type = self.type_of(ret.value, locals_)
            if found_type is not None and found_type != "()":
                found.append((ret, found_type))
        return found

    def type_of(self, expr: ast.Node, locals_: dict[str, str | None]) -> str | None:
        """The type's text when certain, else None."""
        if isinstance(expr, ast.Literal):
            return "()" if expr.kind == "nil" else _LITERAL_TYPES.get(expr.kind)
        if isinstance(expr, ast.Template):
            return "string" if expr.kind == "string" else None
        if isinstance(expr, ast.Binary) and expr.op in _COMPARISONS:
            return "boolean"
        if isinstance(expr, ast.Binary) and expr.op in ("+", "-", "*", "/", "%"):
            left, right = self.type_of(expr.left, locals_), self.type_of(expr.right, locals_)
            simple = ("int", "float", "decimal") if expr.op != "+" else ("int", "float", "decimal", "string")
            return left if left == right and left in simple else None
        if isinstance(expr, ast.IsExpr):
            return "boolean"
        if isinstance(expr, ast.VarRef):
            if expr.name in locals_:
                return locals_[expr.name]
            return self.module_types.get(expr.name)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.VarRef) and expr.func.name not in locals_:
            name = expr.func.name
            if name in self.functions:
                return self.functions[name] or "()"
        return None


def _error_free(t: ast.Node | None) -> bool:
    """Whether a return type certainly cannot hold an error (no type names that might alias one)."""
    if t is None or isinstance(t, ast.NilType):
        return True
    if isinstance(t, ast.BuiltinType):
        return t.name in _ERROR_FREE_BUILTINS
    if isinstance(t, ast.OptionalType):
        return _error_free(t.inner)
    if isinstance(t, ast.UnionType):
        return all(_error_free(member) for member in t.members)
    if isinstance(t, ast.ArrayType):
        return _error_free(t.element)
    if isinstance(t, ast.MapType):
        return _error_free(t.constraint)
    return False


def _unhandled_checks(body: ast.Node) -> list[ast.Node]:
    """`check` expressions of one function body that no `on fail` clause or query expression handles."""
    found: list[ast.Node] = []

    def visit(node: ast.Node, handled: bool) -> None:
        if node is not body and is_function_boundary(node):
            return
        if isinstance(node, ast.CheckExpr) and not node.panics and not handled:
            found.append(node)
        if type(node).__name__ == "QueryExpr":
            handled = True
        if getattr(node, "on_fail", None) is not None:
            on_fail = node.on_fail  # type: ignore[attr-defined]
            for child in children(node):
                visit(child, handled if child is on_fail else True)
            return
        for child in children(node):
            visit(child, handled)

    visit(body, False)
    return found


def check_check_expressions(source: SourceFile, module: ast.Module) -> list[Diagnostic]:
    """BAL_TYPE_102 for `check` in functions whose return type cannot carry the error."""
    found: list[Diagnostic] = []
    checks = SpanIndex([n for n in nodes_of(module, ast.CheckExpr) if not n.panics])  # type: ignore[attr-defined]
    for node in functions_of(module):
        signature = getattr(node, "signature", None)
        body = getattr(node, "body", None)
        if type(node).__name__ not in FUNCTION_KINDS or not isinstance(signature, ast.Signature):
            continue
        if not isinstance(body, ast.Block) or not _error_free(signature.returns):
            continue
        if next(checks.inside(body.span), None) is None:
            continue  # no `check` in the body: nothing to walk it for
        for check in _unhandled_checks(body):
            help_text = (
                "add `returns error?` to the signature, or handle the error with `do { ... } on fail var e`"
                if signature.returns is None
                else "add `|error` to the return type, or handle the error with `do { ... } on fail var e`"
            )
            found.append(report(CHECK_WITHOUT_ERROR, check.span, help=help_text))
    return found


def check_return_values(source: SourceFile, module: ast.Module) -> list[Diagnostic]:
    """BAL_TYPE_101 for every function, method and anonymous function without a `returns` clause."""
    text = source.text
    module_types: dict[str, str | None] = {}
    functions: dict[str, str | None] = {}
    for member in module.members:
        if isinstance(member, ast.ModuleVarDecl) and isinstance(member.binding, ast.CaptureBinding):
            module_types[member.binding.name] = source_text(text, member.type) if member.type else None
        elif isinstance(member, ast.ConstDecl) and member.type is not None:
            module_types[member.name] = source_text(text, member.type)
        elif isinstance(member, ast.FunctionDefn):
            returns = member.signature.returns
            functions[member.name] = None if returns is None else source_text(text, returns)
    finder = _FunctionReturns(text, module_types, functions)
    found: list[Diagnostic] = []
    for node in functions_of(module):
        signature = getattr(node, "signature", None)
        body = getattr(node, "body", None)
        if not isinstance(signature, ast.Signature) or signature.returns is not None or body is None:
            continue
        if type(node).__name__ not in FUNCTION_KINDS:
            continue
        for ret, found_type in finder.check(signature, body):
            assert ret.value is not None
            found.append(
                report(
                    RETURN_VALUE,
                    ret.value.span,
                    found_type,
                    help=f"add `returns {found_type}` to the signature, or return no value",
                )
            )
    return found


def definition_start(fn: ast.FunctionDefn) -> Span:
    """Where jBallerina places a function definition's diagnostics: the definition without its metadata
    (documentation and annotations). Without them that is the node's own start; with them, the line of
    its name (where the qualifiers and `function` are written in practice)."""
    return fn.name_span if fn.annotations else fn.span
