"""Static type checks that Ballerina reports at compile time and that the evaluator relies on: incompatible
types in declarations, assignments and returns, functions that can fall off their end without returning,
and calls with the wrong number of arguments.

Deliberately conservative: a check only fires when the types involved are simple and certain (literals,
variables of simple declared types, calls of module functions), so valid programs are never refused.
"""

from __future__ import annotations

from typing import Any

from balmail import diagnostics as diag
from balmail.check.registry import Rule, register
from balmail.diagnostics import Diagnostic, Severity
from balmail.source import SourceFile
from balmail.syntax import ast

INCOMPATIBLE = register(
    Rule(
        code="BAL_TYPE_001",
        name="incompatible-types",
        severity=Severity.ERROR,
        summary="A value of one type is used where another type is expected.",
        what_it_does="Reports a literal, variable or call result whose type cannot be assigned to the "
        "declared "
        "type of the variable, field, parameter or return.",
        why="Ballerina rejects the program at compile time; running it would be meaningless.",
        example='int count = "three";',
        fix="int count = 3;",
        message="incompatible types: expected '{0}', found '{1}'",
    )
)
MISSING_RETURN = register(
    Rule(
        code="BAL_TYPE_002",
        name="missing-return",
        severity=Severity.ERROR,
        summary="A function with a return type can reach its end without returning a value.",
        what_it_does="Reports functions whose declared return type does not include nil and whose body can "
        "complete normally.",
        why="Ballerina requires every path through such a function to return a value.",
        example="function f(int x) returns int {\n    if x > 0 {\n        return x;\n    }\n}",
        fix="function f(int x) returns int {\n    if x > 0 {\n        return x;\n    }\n    return 0;\n}",
        message="this function must return a result",
    )
)
ARG_COUNT = register(
    Rule(
        code="BAL_TYPE_003",
        name="wrong-argument-count",
        severity=Severity.ERROR,
        summary="A call passes too many arguments, or leaves out a required one.",
        what_it_does="Compares each call of a module-level function with the function's parameters.",
        why="Ballerina rejects calls that do not match the function's signature.",
        example="function add(int a, int b) returns int => a + b;\nint x = add(1);",
        fix="int x = add(1, 2);",
        message="{0}",
    )
)
FINAL_ASSIGN = register(
    Rule(
        code="BAL_TYPE_004",
        name="assign-to-final",
        severity=Severity.ERROR,
        summary="A value is assigned to a `final` variable or a constant after its declaration.",
        what_it_does="Reports assignments (including compound ones) to constants, `final` module variables "
        "and `final` local variables.",
        why="Ballerina rejects the program: such variables are assigned exactly once, where declared.",
        example='final string folder = "INBOX";\nfolder = "Archive";',
        fix='string folder = "INBOX";\nfolder = "Archive";',
        message="cannot assign a value to final '{0}'",
    )
)
UNSUPPORTED = register(
    Rule(
        code="BAL_TYPE_099",
        name="cannot-compile",
        severity=Severity.ERROR,
        summary="The evaluator cannot compile this construct.",
        what_it_does="Reports constructs the balmail evaluator does not run, or references it cannot "
        "resolve.",
        why="balmail refuses to start a program it cannot run faithfully rather than fail halfway.",
    )
)

_FINAL = "\0final:"  # scope entries marking a name as final (never a valid identifier)
_SIMPLE = {"int", "float", "decimal", "string", "boolean", "byte"}
_LITERAL_TYPE = {
    "int": "int",
    "float": "float",
    "decimal": "decimal",
    "string": "string",
    "boolean": "boolean",
    "nil": "()",
}


def _simple(t: ast.TypeDesc | None) -> str | None:
    if isinstance(t, ast.BuiltinType) and t.name in _SIMPLE:
        return t.name
    if isinstance(t, ast.NilType):
        return "()"
    return None


def _assignable(found: str, expected: str, node: ast.Expr) -> bool:
    if found == expected:
        return True
    if isinstance(node, ast.Literal):
        if found == "int" and expected in ("float", "decimal"):
            return True
        if found == "int" and expected == "byte":
            return isinstance(node.value, int) and 0 <= node.value <= 255
        if found == "float" and expected == "decimal" and not node.text.lower().endswith("f"):
            return True
    if found == "byte" and expected == "int":
        return True
    return False


class _Checker:
    def __init__(self, module: ast.Module, source: SourceFile | None) -> None:
        self.module = module
        self.found: list[Diagnostic] = []
        self.functions: dict[str, ast.FunctionDefn] = {
            m.name: m for m in module.members if isinstance(m, ast.FunctionDefn)
        }
        self.scopes: list[dict[str, str | None]] = [{}]
        self.records: dict[str, ast.RecordType] = {
            m.name: m.type
            for m in module.members
            if isinstance(m, ast.TypeDefn) and isinstance(m.type, ast.RecordType)
        }
        for m in module.members:
            if isinstance(m, ast.ModuleVarDecl) and isinstance(m.binding, ast.CaptureBinding):
                self.scopes[0][m.binding.name] = _simple(m.type)
                if "final" in m.qualifiers or "configurable" in m.qualifiers:
                    self.scopes[0][_FINAL + m.binding.name] = None
            elif isinstance(m, ast.ConstDecl):
                self.scopes[0][m.name] = _simple(m.type) if m.type is not None else self.type_of(m.value)
                self.scopes[0][_FINAL + m.name] = None

    # ------------------------------------------------------------ helpers

    def is_final(self, name: str) -> bool:
        for s in reversed(self.scopes):
            if name in s:
                return _FINAL + name in s
        return False

    def lookup(self, name: str) -> str | None:
        for s in reversed(self.scopes):
            if name in s:
                return s[name]
        return None

    def type_of(self, e: ast.Expr | None) -> str | None:
        if isinstance(e, ast.Literal):
            return _LITERAL_TYPE.get(e.kind)
        if isinstance(e, ast.VarRef):
            found = self.lookup(e.name)
            return None if found is not None and found.startswith("@") else found
        if isinstance(e, ast.Template) and e.kind == "string":
            return "string"
        if isinstance(e, ast.Call) and isinstance(e.func, ast.VarRef) and self.lookup(e.func.name) is None:
            fn = self.functions.get(e.func.name)
            if fn is not None:
                if fn.signature.returns is None:
                    return "()"
                return _simple(fn.signature.returns)
        return None

    def expect(self, expected: str | None, e: ast.Expr | None) -> None:
        if expected is None or e is None or expected.startswith("@"):
            return
        found = self.type_of(e)
        if found is None or _assignable(found, expected, e):
            return
        self.found.append(diag.error(INCOMPATIBLE.code, INCOMPATIBLE.format_message(expected, found), e.span))

    # ------------------------------------------------------------ walking

    def run(self) -> list[Diagnostic]:
        for m in self.module.members:
            if isinstance(m, ast.FunctionDefn) and m.body is not None:
                self.function(m.signature, m.body, m.name_span)
            elif isinstance(m, ast.ModuleVarDecl) and m.init is not None:
                self.expect(_simple(m.type), m.init)
                self.expr(m.init)
            elif isinstance(m, ast.ConstDecl) and m.type is not None:
                self.expect(_simple(m.type), m.value)
            elif isinstance(m, ast.ClassDefn | ast.ServiceDecl):
                for mem in m.members:
                    if isinstance(mem, ast.FunctionDefn) and mem.body is not None:
                        self.function(mem.signature, mem.body, mem.name_span)
        return self.found

    def function(self, sig: ast.Signature, body: ast.Block, name_span: Any) -> None:
        scope: dict[str, str | None] = {}
        for p in sig.params:
            if p.name:
                scope[p.name] = None if p.rest else _simple(p.type)
        self.scopes.append(scope)
        ret = sig.returns
        saved = getattr(self, "ret", None)
        self.ret = _simple(ret)
        self.block(body)
        self.ret = saved
        self.scopes.pop()
        if ret is not None and not _allows_nil(ret) and _completes(body):
            end = body.span
            self.found.append(diag.error(MISSING_RETURN.code, MISSING_RETURN.format_message(), _closing(end)))

    def block(self, b: ast.Block) -> None:
        self.scopes.append({})
        for s in b.statements:
            self.stmt(s)
        self.scopes.pop()

    def stmt(self, s: ast.Stmt) -> None:
        if isinstance(s, ast.VarDecl):
            t = _simple(s.type) if s.type is not None else None
            if s.init is not None:
                self.expect(t, s.init)
                self.expr(s.init)
            if isinstance(s.binding, ast.CaptureBinding):
                declared = t if s.type is not None else self.type_of(s.init)
                if isinstance(s.type, ast.TypeRef) and s.type.prefix is None and s.type.name in self.records:
                    declared = "@rec:" + s.type.name
                self.scopes[-1][s.binding.name] = declared
                if s.final:
                    self.scopes[-1][_FINAL + s.binding.name] = None
        elif isinstance(s, ast.Assign | ast.CompoundAssign):
            if isinstance(s.target, ast.VarRef):
                if self.is_final(s.target.name):
                    self.found.append(
                        diag.error(
                            FINAL_ASSIGN.code, FINAL_ASSIGN.format_message(s.target.name), s.target.span
                        )
                    )
                elif isinstance(s, ast.Assign):
                    self.expect(self.lookup(s.target.name), s.value)
            self.expr(s.value)
        elif isinstance(s, ast.Return):
            if s.value is not None:
                self.expect(self.ret, s.value)
                self.expr(s.value)
        elif isinstance(s, ast.ExprStmt):
            self.expr(s.expr)
        elif isinstance(s, ast.If):
            self.expr(s.cond)
            self.block(s.then)
            if isinstance(s.otherwise, ast.Block):
                self.block(s.otherwise)
            elif isinstance(s.otherwise, ast.If):
                self.stmt(s.otherwise)
        elif isinstance(s, ast.While | ast.Do | ast.Lock):
            self.block(s.body)
        elif isinstance(s, ast.Foreach):
            self.scopes.append({})
            if isinstance(s.binding.binding, ast.CaptureBinding):
                self.scopes[-1][s.binding.binding.name] = _simple(s.binding.type)
            self.block(s.body)
            self.scopes.pop()
        elif isinstance(s, ast.Match):
            for c in s.clauses:
                self.scopes.append({})
                for p in c.patterns:
                    for name in _pattern_names(p):
                        self.scopes[-1][name] = None
                self.block(c.body)
                self.scopes.pop()
        elif isinstance(s, ast.BlockStmt):
            self.block(s.block)

    def expr(self, e: ast.Expr) -> None:
        """Check calls and record field accesses anywhere inside `e` (not inside nested functions)."""
        stack: list[Any] = [e]
        while stack:
            n = stack.pop()
            if isinstance(n, ast.AnonFunction | ast.ArrowFunction | ast.ObjectConstructor | ast.QueryExpr):
                continue
            if (
                isinstance(n, ast.Call)
                and isinstance(n.func, ast.VarRef)
                and self.lookup(n.func.name) is None
            ):
                fn = self.functions.get(n.func.name)
                if fn is not None and not self._shadowed(n.func.name):
                    self.call(fn, n)
            elif isinstance(n, ast.FieldAccess) and not n.optional and isinstance(n.target, ast.VarRef):
                self.field_access(n)
            if isinstance(n, ast.Node):
                for a in n.__attrs_attrs__:  # type: ignore[attr-defined]
                    v = getattr(n, a.name)
                    if isinstance(v, ast.Node):
                        stack.append(v)
                    elif isinstance(v, tuple):
                        stack.extend(x for x in v if isinstance(x, ast.Node))

    def field_access(self, e: ast.FieldAccess) -> None:
        assert isinstance(e.target, ast.VarRef)
        t = self.lookup(e.target.name)
        if not t or not t.startswith("@rec:"):
            return
        name = t[5:]
        fields = self.record_fields(name, set())
        if fields is not None and e.name not in fields:
            self.found.append(
                diag.error(INCOMPATIBLE.code, f"undefined field '{e.name}' in record '{name}'", e.name_span)
            )

    def record_fields(self, name: str, seen: set[str]) -> set[str] | None:
        """Field names of a module record type, or None when they cannot be known for certain."""
        rec = self.records.get(name)
        if rec is None or name in seen:
            return None
        seen.add(name)
        out = {f.name for f in rec.fields}
        for inc in rec.inclusions:
            if not isinstance(inc, ast.TypeRef) or inc.prefix is not None:
                return None
            more = self.record_fields(inc.name, seen)
            if more is None:
                return None
            out |= more
        return out

    def _shadowed(self, name: str) -> bool:
        return any(name in s for s in self.scopes[1:])

    def call(self, fn: ast.FunctionDefn, e: ast.Call) -> None:
        params = fn.signature.params
        if any(isinstance(a, ast.RestArg) for a in e.args):
            return
        positional = [a for a in e.args if not isinstance(a, ast.NamedArg)]
        named = {a.name for a in e.args if isinstance(a, ast.NamedArg)}
        fixed = [p for p in params if not p.rest]
        has_rest = any(p.rest for p in params)
        if len(positional) > len(fixed) and not has_rest:
            self.found.append(
                diag.error(ARG_COUNT.code, f"too many arguments in call to '{fn.name}()'", e.span)
            )
            return
        for i, p in enumerate(fixed):
            if i < len(positional):
                self.expect(_simple(p.type), positional[i])  # type: ignore[arg-type]
            elif p.default is None and p.name not in named and not getattr(p, "included", False):
                self.found.append(
                    diag.error(
                        ARG_COUNT.code,
                        f"missing required parameter '{p.name}' in call to '{fn.name}()'",
                        e.span,
                    )
                )


def _pattern_names(p: Any) -> list[str]:
    out = []
    stack = [p]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.CaptureBinding):
            out.append(n.name)
        if isinstance(n, ast.Node):
            for a in n.__attrs_attrs__:  # type: ignore[attr-defined]
                v = getattr(n, a.name)
                if isinstance(v, ast.Node):
                    stack.append(v)
                elif isinstance(v, tuple):
                    stack.extend(x for x in v if isinstance(x, ast.Node))
        if isinstance(n, ast.ListPattern | ast.MappingPattern | ast.ListBinding | ast.MappingBinding):
            rest = getattr(n, "rest", None)
            if rest:
                out.append(rest)
    return out


def _allows_nil(t: ast.TypeDesc) -> bool:
    if isinstance(t, ast.NilType | ast.OptionalType):
        return True
    if isinstance(t, ast.UnionType):
        return any(_allows_nil(m) for m in t.members)
    if isinstance(t, ast.BuiltinType):
        return t.name in ("any", "anydata", "json", "never")
    if isinstance(t, ast.TypeRef):
        return True  # could name an optional type; stay conservative
    return False


def _closing(span: Any) -> Any:
    from balmail.source import Span

    return Span(
        span.file, span.end - 1, span.end, span.end_line, span.end_column - 1, span.end_line, span.end_column
    )


def _completes(node: Any) -> bool:
    """Whether a statement or block can complete normally (conservative: unsure means no)."""
    if isinstance(node, ast.Block):
        for s in node.statements:
            if not _completes(s):
                return False
        return True
    if isinstance(node, ast.Return | ast.Panic | ast.Fail):
        return False
    if isinstance(node, ast.If):
        if node.otherwise is None:
            return True
        return _completes(node.then) or _completes(node.otherwise)
    if isinstance(node, ast.BlockStmt):
        return _completes(node.block)
    if isinstance(node, ast.Do | ast.Lock):
        if node.on_fail is not None:
            return _completes(node.body) or _completes(node.on_fail.body)
        return _completes(node.body)
    if isinstance(node, ast.While):
        if isinstance(node.cond, ast.Literal) and node.cond.value is True:
            return _has_break(node.body)
        return True
    if isinstance(node, ast.Match):
        return any(_completes(c.body) for c in node.clauses) or not node.clauses or False
    if isinstance(node, ast.ExprStmt) and isinstance(node.expr, ast.CheckExpr):
        return True
    return True


def _has_break(node: Any) -> bool:
    if isinstance(node, ast.Break):
        return True
    if isinstance(node, ast.While | ast.Foreach):
        return False
    if isinstance(node, ast.Block):
        return any(_has_break(s) for s in node.statements)
    if isinstance(node, ast.If):
        return _has_break(node.then) or (node.otherwise is not None and _has_break(node.otherwise))
    if isinstance(node, ast.BlockStmt):
        return _has_break(node.block)
    if isinstance(node, ast.Match):
        return any(_has_break(c.body) for c in node.clauses)
    if isinstance(node, ast.Do | ast.Lock):
        return _has_break(node.body)
    return False


def check_types(module: ast.Module, source: SourceFile | None = None) -> list[Diagnostic]:
    """Type diagnostics for one module."""
    return _Checker(module, source).run()
