"""Name resolution: every variable, function, type and module prefix a program uses must be defined.

Reports what Ballerina's compiler reports for names (codes BAL_NAME_001..007, messages from the registry):
undefined symbols, functions and types, unknown module prefixes, unused imports, redeclarations, and
`break`/`continue` outside a loop. Walks the AST once with a stack of scopes; never raises.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from balmail.check import workers as check_workers
from balmail.check.registry import report
from balmail.diagnostics import Diagnostic
from balmail.runtime.types import AUTO_LANG_PREFIXES
from balmail.source import Span
from balmail.syntax import ast
from balmail.syntax.ast_xml import XmlnsDecl, XmlnsStmt

UNDEFINED_VARIABLE = "BAL_NAME_001"
UNDEFINED_FUNCTION = "BAL_NAME_002"
UNDEFINED_TYPE = "BAL_NAME_003"
UNKNOWN_PREFIX = "BAL_NAME_004"
DUPLICATE = "BAL_NAME_005"
LOOP_CONTROL = "BAL_NAME_006"
UNUSED_IMPORT = "BAL_NAME_007"
NOT_ACCESSIBLE = "BAL_NAME_008"


@attrs.frozen
class ModuleExports:
    """What another module of the same package defines, for `prefix:name` checks: every module-level name
    with its kind ("function", "type" or "value") and the names declared `public`."""

    qualified: str
    kinds: dict[str, str]
    public: frozenset[str]
    isolated: frozenset[str] = frozenset()  # functions declared `isolated` (check/isolation.py)


# Aggregate functions a `collect` clause, and the clauses after `group by`, may call without a prefix (they
# resolve to the langlib ones).
COLLECT_AGGREGATES = frozenset({"sum", "avg", "min", "max", "count"})


@attrs.define
class _Scope:
    names: dict[str, Span] = attrs.field(factory=dict)
    is_function: bool = False  # a function body: redeclaration checks stop here


class NameChecker:
    """Resolves names in one module. Use `NameChecker(module).run()`."""

    def __init__(self, module: ast.Module, linked: dict[str, ModuleExports] | None = None) -> None:
        self.module = module
        self.linked = linked or {}  # import full name → the package module it names
        self.found: list[Diagnostic] = []
        self.module_values: dict[str, Span] = {}
        self.module_types: dict[str, Span] = {}
        self.functions: set[str] = set()
        self.prefixes: dict[str, ast.Import] = {}  # of the file being walked: imports are per file
        self.file_prefixes: dict[str, dict[str, ast.Import]] = {}
        self.used_imports: set[int] = set()
        self.scopes: list[_Scope] = []
        self.loop_depth = 0
        self.in_object = 0
        self.aggregates: frozenset[str] = frozenset()
        self.xml_prefixes: set[str | None] = set()  # bound by `xmlns` declarations (not module prefixes)

    # ------------------------------------------------------------ entry

    def run(self) -> list[Diagnostic]:
        self._collect_imports()
        self._collect_module_symbols()
        for member in self.module.members:
            self._member(member)
        self._report_unused_imports()
        return self.found

    def report(self, code: str, span: Span, *args: object) -> None:
        self.found.append(report(code, span, *args))

    # ------------------------------------------------------------ module symbols

    def _collect_imports(self) -> None:
        for imp in self.module.imports:
            if imp.alias == "_":
                continue
            prefix = imp.prefix
            table = self.file_prefixes.setdefault(imp.span.file, {})
            if prefix in table:
                self.report(DUPLICATE, imp.span, prefix)
            table[prefix] = imp

    def _define_module(self, table: dict[str, Span], name: str, span: Span) -> None:
        if name in self.module_values or name in self.module_types:
            self.report(DUPLICATE, span, name)
        table[name] = span

    def _collect_module_symbols(self) -> None:
        for member in self.module.members:
            if isinstance(member, ast.FunctionDefn):
                self._define_module(self.module_values, member.name, member.name_span)
                self.functions.add(member.name)
            elif isinstance(member, ast.ConstDecl | ast.ListenerDecl):
                self._define_module(self.module_values, member.name, member.name_span)
            elif isinstance(member, ast.TypeDefn | ast.ClassDefn):
                self._define_module(self.module_types, member.name, member.name_span)
            elif isinstance(member, ast.EnumDefn):
                self._define_module(self.module_types, member.name, member.name_span)
                for item in member.members:
                    self._define_module(self.module_values, item.name, item.span)
            elif isinstance(member, ast.ModuleVarDecl):
                for name, span in _binding_names(member.binding):
                    self._define_module(self.module_values, name, span)
            elif isinstance(member, XmlnsDecl):
                self.xml_prefixes.add(member.prefix)

    def _report_unused_imports(self) -> None:
        for table in self.file_prefixes.values():
            for prefix, imp in table.items():
                if id(imp) not in self.used_imports:
                    self.report(UNUSED_IMPORT, imp.span, prefix)

    # ------------------------------------------------------------ scopes

    def _push(self, is_function: bool = False) -> None:
        self.scopes.append(_Scope(is_function=is_function))

    def _pop(self) -> None:
        self.scopes.pop()

    def _declare(self, name: str, span: Span) -> None:
        if name == "_" or not self.scopes:
            return
        for scope in reversed(self.scopes):
            if name in scope.names:
                self.report(DUPLICATE, span, name)
                break
            if scope.is_function:
                break
        self.scopes[-1].names[name] = span

    def _declare_binding(self, binding: ast.BindingPattern) -> None:
        for name, span in _binding_names(binding):
            self._declare(name, span)

    def _is_local(self, name: str) -> bool:
        return any(name in scope.names for scope in self.scopes)

    def _known_value(self, name: str) -> bool:
        """Variables, module values, and type names (a type used as a value is its typedesc)."""
        if self._is_local(name) or name in self.module_values or name in self.module_types:
            return True
        return (name == "self" and self.in_object > 0) or name in self.aggregates

    # ------------------------------------------------------------ members

    def _member(self, member: ast.Member) -> None:
        if not self.scopes and not self.in_object:  # a module-level member: its file's imports apply
            self.prefixes = self.file_prefixes.get(member.span.file, {})
        for annotation in member.annotations:
            self._annotation(annotation)
        if isinstance(member, ast.FunctionDefn):
            self._function(member.signature, member.body, member.resource_path)
        elif isinstance(member, ast.ConstDecl):
            self._type_opt(member.type)
            self._expr(member.value)
        elif isinstance(member, ast.TypeDefn):
            self._type(member.type)
        elif isinstance(member, ast.EnumDefn):
            for item in member.members:
                if item.value is not None:
                    self._expr(item.value)
        elif isinstance(member, ast.ClassDefn):
            self._object_members(member.members)
        elif isinstance(member, ast.ListenerDecl):
            self._type_opt(member.type)
            self._expr(member.init)
        elif isinstance(member, ast.ServiceDecl):
            if member.type is not None:
                self._type(member.type)
            for expr in member.listeners:
                self._expr(expr)
            self._object_members(member.members)
        elif isinstance(member, ast.ModuleVarDecl):
            self._type_opt(member.type)
            if member.init is not None:
                self._expr(member.init)
        elif isinstance(member, ast.ObjectField):
            self._type(member.type)
            if member.default is not None:
                self._expr(member.default)
        elif isinstance(member, ast.TypeInclusion):
            self._type(member.type)

    def _object_members(self, members: tuple[ast.Member, ...]) -> None:
        self.in_object += 1
        saved_loops, self.loop_depth = self.loop_depth, 0
        for member in members:
            self._member(member)
        self.loop_depth = saved_loops
        self.in_object -= 1

    def _annotation(self, annotation: ast.Annotation) -> None:
        if annotation.prefix is not None:
            self._use_prefix(annotation.prefix, annotation.span)
        if annotation.value is not None:
            self._expr(annotation.value)

    def _function(
        self,
        signature: ast.Signature,
        body: ast.Block | ast.Expr | None,
        path: tuple[ast.ResourceSegment, ...] | None = None,
    ) -> None:
        saved_loops, self.loop_depth = self.loop_depth, 0
        self._push(is_function=True)
        for segment in path or ():
            if segment.param_type is not None:
                self._type(segment.param_type)
                if segment.name:
                    self._declare(segment.name, segment.span)
        self._signature(signature)
        if isinstance(body, ast.Block):
            self._block(body, new_scope=False, top=True)
        elif body is not None:
            self._expr(body)
        self._pop()
        self.loop_depth = saved_loops

    def _signature(self, signature: ast.Signature) -> None:
        for param in signature.params:
            self._type(param.type)
            for annotation in param.annotations:
                self._annotation(annotation)
            if param.default is not None:
                self._expr(param.default)
            if param.name is not None:
                self._declare(param.name, param.span)
        self._type_opt(signature.returns)

    # ------------------------------------------------------------ types

    def _type_opt(self, t: ast.TypeDesc | None) -> None:
        if t is not None:
            self._type(t)

    def _type(self, t: ast.Node) -> None:
        if isinstance(t, ast.TypeRef):
            if t.prefix is not None:
                self._use_prefix(t.prefix, t.span)
                self._linked_member(t.prefix, t.name, t.span, "type")
            elif t.name not in self.module_types and t.name not in self.module_values:
                self.report(UNDEFINED_TYPE, t.span, t.name)
            return
        if isinstance(t, ast.RecordField):
            self._type(t.type)
            if t.default is not None:
                self._expr(t.default)
            return
        if isinstance(t, ast.ObjectType):
            self._object_members(t.members)
            return
        if isinstance(t, ast.FunctionType):
            if t.signature is not None:
                self._push(is_function=True)
                self._signature(t.signature)
                self._pop()
            return
        for child in ast.children(t):
            if isinstance(child, ast.TypeDesc | ast.RecordField):
                self._type(child)

    def _use_prefix(self, prefix: str, span: Span) -> None:
        imp = self.prefixes.get(prefix)
        if imp is not None:
            self.used_imports.add(id(imp))
        elif prefix not in AUTO_LANG_PREFIXES and prefix not in self.xml_prefixes:
            self.report(UNKNOWN_PREFIX, span, prefix)

    def _linked_member(self, prefix: str, name: str, span: Span, kind: str) -> None:
        """`prefix:name` into another module of the package: it must exist there and be `public`."""
        imp = self.prefixes.get(prefix)
        exports = self.linked.get(imp.full_name) if imp is not None else None
        if exports is None:
            return
        if name not in exports.kinds and kind == "function":  # Ballerina names the module here
            message = f"undefined function '{name}' in module '{exports.qualified}'"
            self.found.append(report(UNDEFINED_FUNCTION, span, message=message))
        elif name not in exports.kinds:
            self.report(UNDEFINED_TYPE if kind == "type" else UNDEFINED_VARIABLE, span, name)
        elif name not in exports.public:
            self.report(NOT_ACCESSIBLE, span, name)

    # ------------------------------------------------------------ statements

    def _block(self, block: ast.Block, new_scope: bool = True, top: bool = False) -> None:
        if new_scope:
            self._push()
        with check_workers.function_body(self, block, top):  # `top`: a function body's own block
            for stmt in block.statements:
                self._stmt(stmt)
        if new_scope:
            self._pop()

    def _loop_body(self, block: ast.Block) -> None:
        self.loop_depth += 1
        self._block(block, new_scope=False)
        self.loop_depth -= 1

    def _on_fail(self, on_fail: ast.OnFail | None) -> None:
        if on_fail is None:
            return
        self._push()
        if on_fail.binding is not None:
            self._type_opt(on_fail.binding.type)
            self._declare_binding(on_fail.binding.binding)
        self._block(on_fail.body, new_scope=False)
        self._pop()

    def _stmt(self, stmt: ast.Stmt) -> None:  # noqa: C901 - one branch per statement kind
        if isinstance(stmt, ast.VarDecl):
            self._type_opt(stmt.type)
            for annotation in stmt.annotations:
                self._annotation(annotation)
            if stmt.init is not None:
                self._expr(stmt.init)
            self._declare_binding(stmt.binding)
        elif isinstance(stmt, ast.If):
            self._expr(stmt.cond)
            self._block(stmt.then)
            if isinstance(stmt.otherwise, ast.Block):
                self._block(stmt.otherwise)
            elif isinstance(stmt.otherwise, ast.If):
                self._stmt(stmt.otherwise)
        elif isinstance(stmt, ast.While):
            self._expr(stmt.cond)
            self._push()
            self._loop_body(stmt.body)
            self._pop()
            self._on_fail(stmt.on_fail)
        elif isinstance(stmt, ast.Foreach):
            self._expr(stmt.iterable)
            self._push()
            self._type_opt(stmt.binding.type)
            self._declare_binding(stmt.binding.binding)
            self._loop_body(stmt.body)
            self._pop()
            self._on_fail(stmt.on_fail)
        elif isinstance(stmt, ast.Match):
            self._expr(stmt.expr)
            for clause in stmt.clauses:
                self._push()
                for pattern in clause.patterns:
                    self._pattern(pattern)
                if clause.guard is not None:
                    self._expr(clause.guard)
                self._block(clause.body, new_scope=False)
                self._pop()
            self._on_fail(stmt.on_fail)
        elif isinstance(stmt, ast.Break | ast.Continue):
            if self.loop_depth == 0:
                keyword = "break" if isinstance(stmt, ast.Break) else "continue"
                self.report(LOOP_CONTROL, stmt.span, keyword)
        elif isinstance(stmt, ast.Lock | ast.Do | ast.Retry):
            if isinstance(stmt, ast.Retry):
                self._type_opt(stmt.manager)
                self._args(stmt.args)
            self._block(stmt.body)
            self._on_fail(stmt.on_fail)
        elif isinstance(stmt, ast.BlockStmt):
            self._block(stmt.block)
        elif isinstance(stmt, ast.Destructure):
            self._expr(stmt.value)
            for name, span in _binding_names(stmt.binding):
                if not self._known_value(name):
                    self.report(UNDEFINED_VARIABLE, span, name)
        elif isinstance(stmt, XmlnsStmt):
            self.xml_prefixes.add(stmt.prefix)
            self._expr(stmt.uri)
        elif isinstance(stmt, ast.QueryAction):
            self._query_action(stmt)
        elif isinstance(stmt, check_workers.WORKER_STMTS):
            check_workers.stmt(self, stmt)
        else:
            for child in ast.children(stmt):
                if isinstance(child, ast.Expr):
                    self._expr(child)

    def _query_action(self, action: ast.QueryAction | ast.QueryActionExpr) -> None:
        self._push()
        saved = self.aggregates
        self._clauses(action.clauses)
        self._loop_body(action.body)
        self.aggregates = saved
        self._pop()

    # ------------------------------------------------------------ patterns

    def _pattern(self, pattern: ast.Node) -> None:
        if isinstance(pattern, ast.VarPattern):
            self._declare_binding(pattern.binding)
        elif isinstance(pattern, ast.ConstPattern):
            self._expr(pattern.expr)
        elif isinstance(pattern, ast.ListPattern):
            for item in pattern.items:
                self._pattern(item)
            if pattern.rest:
                self._declare(pattern.rest, pattern.span)
        elif isinstance(pattern, ast.MappingPattern):
            for field in pattern.fields:
                self._pattern(field.pattern)
            if pattern.rest:
                self._declare(pattern.rest, pattern.span)
        elif isinstance(pattern, ast.ErrorPattern):
            if pattern.type is not None:
                self._type(pattern.type)
            for item in pattern.positional:
                self._pattern(item)
            for _, item in pattern.named:
                self._pattern(item)
            if pattern.rest:
                self._declare(pattern.rest, pattern.span)

    # ------------------------------------------------------------ expressions

    def _args(self, args: tuple[ast.Node, ...]) -> None:
        for arg in args:
            if isinstance(arg, ast.NamedArg | ast.RestArg):
                self._expr(arg.value)
            else:
                self._expr(arg)  # type: ignore[arg-type]

    def _expr(self, expr: ast.Node) -> None:  # noqa: C901 - one branch per expression kind
        if isinstance(expr, ast.VarRef):
            if not self._known_value(expr.name):
                self.report(UNDEFINED_VARIABLE, expr.span, expr.name)
        elif isinstance(expr, ast.QualifiedRef):
            self._use_prefix(expr.prefix, expr.span)
            self._linked_member(expr.prefix, expr.name, expr.span, "value")
        elif isinstance(expr, ast.AnnotationAccess):
            self._expr(expr.target)
            if expr.prefix is not None:
                self._use_prefix(expr.prefix, expr.span)
        elif isinstance(expr, ast.Call):
            func = expr.func
            if isinstance(func, ast.VarRef):
                if not self._known_value(func.name):
                    self.report(UNDEFINED_FUNCTION, func.span, func.name)
            elif isinstance(func, ast.QualifiedRef):
                self._use_prefix(func.prefix, func.span)
                self._linked_member(func.prefix, func.name, func.span, "function")
            else:
                self._expr(func)
            self._args(expr.args)
        elif isinstance(expr, ast.MethodCall | ast.RemoteCall):
            self._expr(expr.target)
            self._args(expr.args)
        elif isinstance(expr, ast.NewExpr | ast.ErrorConstructor):
            if expr.type is not None:
                self._type(expr.type)
            self._args(expr.args)
        elif isinstance(expr, ast.IsExpr):
            self._expr(expr.expr)
            self._type(expr.type)
        elif isinstance(expr, ast.Cast):
            self._type_opt(expr.type)
            self._expr(expr.expr)
        elif isinstance(expr, ast.ArrowFunction):
            self._push(is_function=True)
            for name in expr.params:
                self._declare(name, expr.span)
            self._expr(expr.body)
            self._pop()
        elif isinstance(expr, ast.LetExpr):
            self._push()
            for binding, value in expr.bindings:
                self._expr(value)
                self._type_opt(binding.type)
                self._declare_binding(binding.binding)
            self._expr(expr.body)
            self._pop()
        elif isinstance(expr, ast.AnonFunction):
            self._function(expr.signature, expr.body)
        elif isinstance(expr, ast.ObjectConstructor):
            if expr.type is not None:
                self._type(expr.type)
            self._object_members(expr.members)
        elif isinstance(expr, ast.QueryActionExpr):
            self._query_action(expr)
        elif isinstance(expr, ast.QueryExpr):
            self._push()
            saved = self.aggregates
            self._clauses(expr.clauses)
            if expr.kind == "collect":
                self.aggregates = COLLECT_AGGREGATES
            self._expr(expr.result)
            self.aggregates = saved
            if expr.on_conflict is not None:
                self._expr(expr.on_conflict)
            self._pop()
        elif isinstance(expr, check_workers.WORKER_EXPRS):
            check_workers.expr(self, expr)
        elif isinstance(expr, ast.MappingExpr):
            for field in expr.fields:
                if field.key_expr is not None:
                    self._expr(field.key_expr)
                self._expr(field.value)
        else:
            for child in ast.children(expr):
                if isinstance(child, ast.Expr):
                    self._expr(child)
                elif isinstance(child, ast.TypeDesc):
                    self._type(child)

    def _clauses(self, clauses: tuple[ast.Node, ...]) -> None:
        for clause in clauses:
            if isinstance(clause, ast.FromClause | ast.JoinClause):
                self._expr(clause.expr)
                self._type_opt(clause.binding.type)
                self._declare_binding(clause.binding.binding)
                if isinstance(clause, ast.JoinClause):
                    self._expr(clause.left_key)
                    self._expr(clause.right_key)
            elif isinstance(clause, ast.LetClause):
                for binding, value in clause.bindings:
                    self._expr(value)
                    self._type_opt(binding.type)
                    self._declare_binding(binding.binding)
            elif isinstance(clause, ast.OrderByClause):
                for key in clause.keys:
                    self._expr(key.expr)
            elif isinstance(clause, ast.GroupByClause):
                for key in clause.keys:
                    if key.expr is None:
                        self._expr(ast.VarRef(span=key.span, name=key.name))
                    else:
                        self._expr(key.expr)
                        self._type_opt(key.type)
                        if key.name != "_":
                            self._declare(key.name, key.span)
                # the other query variables are sequences now: aggregates may take them
                self.aggregates = COLLECT_AGGREGATES
            else:
                for child in ast.children(clause):
                    if isinstance(child, ast.Expr):
                        self._expr(child)


# ---------------------------------------------------------------- helpers


def _binding_names(binding: ast.Node) -> Iterator[tuple[str, Span]]:
    """The variables a binding pattern introduces."""
    if isinstance(binding, ast.CaptureBinding):
        yield binding.name, binding.span
    elif isinstance(binding, ast.ListBinding):
        for item in binding.items:
            yield from _binding_names(item)
        if binding.rest:
            yield binding.rest, binding.span
    elif isinstance(binding, ast.MappingBinding):
        for field in binding.fields:
            yield from _binding_names(field.binding)
        if binding.rest:
            yield binding.rest, binding.span
    elif isinstance(binding, ast.ErrorBinding):
        for item in binding.positional:
            yield from _binding_names(item)
        for _, item in binding.named:
            yield from _binding_names(item)
        if binding.rest:
            yield binding.rest, binding.span


def check_names(module: ast.Module, linked: dict[str, ModuleExports] | None = None) -> list[Diagnostic]:
    """All name-resolution diagnostics of one module (its files' members together, imports per file).
    `linked` describes the package's other modules by the import names that reach them."""
    return NameChecker(module, linked).run()


def module_exports(module: ast.Module, qualified: str) -> ModuleExports:
    """The module-level names of a module and which of them are `public`."""
    kinds: dict[str, str] = {}
    public: set[str] = set()
    isolated = frozenset(
        m.name for m in module.members if isinstance(m, ast.FunctionDefn) and "isolated" in m.qualifiers
    )

    def add(name: str, kind: str, member: ast.Member) -> None:
        kinds.setdefault(name, kind)
        if "public" in member.qualifiers:
            public.add(name)

    for member in module.members:
        if isinstance(member, ast.FunctionDefn):
            add(member.name, "function", member)
        elif isinstance(member, ast.ConstDecl | ast.ListenerDecl):
            add(member.name, "value", member)
        elif isinstance(member, ast.TypeDefn | ast.ClassDefn):
            add(member.name, "type", member)
        elif isinstance(member, ast.EnumDefn):
            add(member.name, "type", member)
            for item in member.members:
                add(item.name, "value", member)
        elif isinstance(member, ast.ModuleVarDecl):
            for name, _ in _binding_names(member.binding):
                add(name, "value", member)
    return ModuleExports(qualified, kinds, frozenset(public), isolated)
