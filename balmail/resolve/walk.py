"""The resolve pass: one walk over a parsed module with a stack of block scopes, recording each declaration
once and, for every use of a name, the declaration it refers to (resolve/record.py). It judges nothing:
check/names.py reports undefined and redeclared names from the record; the compiler keys frame slots by
the declarations it finds there.

Lookup order for a value name: the locals of the enclosing scopes (innermost first, through enclosing
functions: closures capture), then module-level values and types (a type used as a value is its typedesc),
then `self` inside an object, then the aggregate functions a `collect` clause may call without a prefix.
A local may shadow a module-level name or a local of an enclosing function (recorded in `shadows`: an
anonymous function's variable may not, check/closures.py), but not one of its own function's scopes
(recorded in `redeclared`).
"""

from __future__ import annotations

from collections.abc import Iterator

from balmail.resolve import record as R
from balmail.source import Span
from balmail.syntax import ast
from balmail.syntax import ast_workers as W
from balmail.syntax.ast_xml import XmlnsDecl, XmlnsStmt
from balmail.syntax.build_constructs import key_binding

# Aggregate functions a `collect` clause, and the clauses after `group by`, may call without a prefix (they
# resolve to the langlib ones).
COLLECT_AGGREGATES = frozenset({"sum", "avg", "min", "max", "count", "join", "concat", "some", "every"})
_LANGLIB = Span("<langlib>", 0, 0, 1, 1, 1, 1)  # where the aggregate functions are declared
_WORKER_EXPRS = (W.SyncSend, W.WorkerReceive, W.MultipleReceive, W.Flush)
_SPECIAL_STMTS: tuple[type, ...] = (
    ast.VarDecl,
    ast.Assign,  # `Pair [a] = p;` (its branch tests more than the class)
    ast.If,
    ast.While,
    ast.Foreach,
    ast.Match,
    ast.Break,
    ast.Continue,
    ast.Lock,
    ast.Do,
    ast.Retry,
    ast.BlockStmt,
    ast.Destructure,
    XmlnsStmt,
    ast.QueryAction,
    W.WorkerDecl,
    W.Fork,
    W.WorkerSend,
)
"""The statement classes `_Resolver._stmt` has a branch for (tests/check/test_dispatch_tables.py keeps
them equal to its chain); any other statement takes the last, generic branch, found per class."""
_GENERIC_STMT: dict[type, bool] = {}
_SPECIAL_EXPRS: tuple[type, ...] = (
    ast.VarRef,
    ast.QualifiedRef,
    ast.AnnotationAccess,
    ast.Call,
    ast.MethodCall,
    ast.RemoteCall,
    ast.NewExpr,
    ast.ErrorConstructor,
    ast.IsExpr,
    ast.Cast,
    ast.ArrowFunction,
    ast.LetExpr,
    ast.AnonFunction,
    ast.ObjectConstructor,
    ast.QueryActionExpr,
    ast.QueryExpr,
    *_WORKER_EXPRS,
    ast.MappingExpr,
)
"""The node classes `_Resolver._expr` has a branch of its own for (tests/check/test_dispatch_tables.py
keeps it in step): any other class takes the generic last branch, decided once per class in
_GENERIC_EXPR, since testing each node of a large file against every branch cost a third of the walk."""
_GENERIC_EXPR: dict[type, bool] = {}


class _Scope:
    __slots__ = ("function", "is_function", "names", "node")

    def __init__(self, node: ast.Node, function: R.FunctionScope | None, is_function: bool) -> None:
        self.node = node
        self.function = function
        self.is_function = is_function  # a function body: redeclaration checks stop here
        self.names: dict[str, R.Decl] = {}


def resolve_module(module: ast.Module) -> R.Resolution:
    """The record of one module (one file, or all files of a package's module: members together, imports
    per file). Never raises on a well-formed AST."""
    return _Resolver(module).run()


class _Resolver:
    def __init__(self, module: ast.Module) -> None:
        self.module = module
        self.out = R.Resolution()
        self.scopes: list[_Scope] = []
        self.function: R.FunctionScope | None = None
        self.prefixes: dict[str, R.Decl] = {}  # of the file being walked: imports are per file
        self.loop_depth = 0
        self.objects: list[R.Decl] = []  # the `self` of each enclosing object
        self.aggregates: frozenset[str] = frozenset()
        self.aggregate_decls: dict[str, R.Decl] = {}
        self.xml_prefixes: set[str | None] = set()  # bound by `xmlns` declarations (not module prefixes)
        self.peers: list[set[str]] = []

    def run(self) -> R.Resolution:
        self._collect_imports()
        self._collect_module_symbols()
        for member in self.module.members:
            self._member(member)
        return self.out

    # ------------------------------------------------------------ module symbols

    def _collect_imports(self) -> None:
        for imp in self.module.imports:
            if imp.alias == "_":
                continue
            prefix = imp.prefix
            table = self.out.imports.setdefault(imp.span.file, {})
            decl = R.Decl(prefix, R.IMPORT, imp.span, imp)
            if prefix in table:
                self.out.redeclared.append((decl, imp.span))
            table[prefix] = decl

    def _define_module(
        self, name: str, kind: str, span: Span, node: ast.Node, type_: ast.Node | None
    ) -> None:
        decl = R.Decl(name, kind, span, node, type_)
        self.out.module_decls.setdefault(node, decl)
        names = self.out.module_names
        if name in names:
            self.out.redeclared.append((decl, span))
        else:
            names[name] = decl

    def _collect_module_symbols(self) -> None:
        value, type_ = R.MODULE_VALUE, R.MODULE_TYPE
        for member in self.module.members:
            if isinstance(member, ast.FunctionDefn):
                self._define_module(member.name, value, member.name_span, member, None)
            elif isinstance(member, ast.ConstDecl | ast.ListenerDecl):
                self._define_module(member.name, value, member.name_span, member, member.type)
            elif isinstance(member, ast.TypeDefn | ast.ClassDefn):
                self._define_module(member.name, type_, member.name_span, member, None)
            elif isinstance(member, ast.EnumDefn):
                self._define_module(member.name, type_, member.name_span, member, None)
                for item in member.members:
                    self._define_module(item.name, value, item.span, item, None)
            elif isinstance(member, ast.ModuleVarDecl):
                for name, span, node, typed in _bindings(member.binding, member.type):
                    self._define_module(name, value, span, node, typed)
            elif isinstance(member, XmlnsDecl):
                self.xml_prefixes.add(member.prefix)

    # ------------------------------------------------------------ scopes

    def _push(self, node: ast.Node, function: bool = False) -> None:
        if function:
            self.function = R.FunctionScope(node, self.function)
            self.out.functions[node] = self.function
        self.scopes.append(_Scope(node, self.function, function))

    def _pop(self) -> None:
        scope = self.scopes.pop()
        if scope.is_function and self.function is not None:
            self.function = self.function.parent

    def _declare(
        self, name: str, kind: str, span: Span, node: ast.Node, type_: ast.Node | None = None
    ) -> R.Decl | None:
        if name == "_" or not self.scopes:
            return None
        outer: R.Decl | None = None
        crossed = False
        for scope in reversed(self.scopes):
            if name in scope.names:
                if not crossed:
                    self.out.redeclared.append((scope.names[name], span))
                    break
                outer = scope.names[name]
                break
            crossed = crossed or scope.is_function
        top = self.scopes[-1]
        decl = R.Decl(name, kind, span, node, type_, self.function, top.node)
        if outer is not None and outer.kind in R.LOCAL_KINDS:
            self.out.shadows.append((decl, outer))
        top.names[name] = decl
        self._record(node, decl)
        if kind == R.PARAM and self.function is not None and top.is_function:
            self.function.params.append(decl)
        return decl

    def _record(self, node: ast.Node, decl: R.Decl) -> None:
        decls = self.out.decls
        if node in decls:
            self.out.extra.setdefault(node, []).append(decl)
        else:
            decls[node] = decl

    def _declare_binding(self, binding: ast.BindingPattern, type_: ast.Node | None) -> None:
        for name, span, node, typed in _bindings(binding, type_):
            self._declare(name, R.LOCAL, span, node, typed)

    def _lookup(self, name: str) -> R.Decl | None:
        """The declaration a value name refers to here (see the module docstring for the order)."""
        for scope in reversed(self.scopes):
            decl = scope.names.get(name)
            if decl is not None:
                self._capture(decl)
                decl.uses += 1
                return decl
        decl = self.out.module_names.get(name)
        if decl is None:
            if name == "self" and self.objects:
                decl = self.objects[-1]  # every method has `self` in its own frame: not a capture
            elif name in self.aggregates:
                decl = self.aggregate_decls.get(name)
                if decl is None:
                    decl = self.aggregate_decls[name] = R.Decl(name, R.AGGREGATE, _LANGLIB, None)
            else:
                return None
        decl.uses += 1
        return decl

    def _capture(self, decl: R.Decl) -> None:
        """A local of an enclosing function is captured by every function between it and here."""
        fn = self.function
        owner = decl.function
        while fn is not None and fn is not owner:
            if decl not in fn.captures:
                fn.captures.append(decl)
            fn = fn.parent

    def _use(self, node: ast.Node, name: str, span: Span, role: str) -> None:
        decl = self._lookup(name)
        self.out.refs[node] = decl
        self.out.uses.append(R.Use(node, name, span, role, decl))

    # ------------------------------------------------------------ members

    def _member(self, member: ast.Member) -> None:
        if not self.scopes and not self.objects:  # a module-level member: its file's imports apply
            self.prefixes = self.out.imports.get(member.span.file, {})
        for annotation in member.annotations:
            self._annotation(annotation)
        if isinstance(member, ast.FunctionDefn):
            self._function(member, member.signature, member.body, member.resource_path)
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
            self._object_members(member, member.members)
        elif isinstance(member, ast.ListenerDecl):
            self._type_opt(member.type)
            self._expr(member.init)
        elif isinstance(member, ast.ServiceDecl):
            if member.type is not None:
                self._type(member.type)
            for expr in member.listeners:
                self._expr(expr)
            self._object_members(member, member.members)
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

    def _object_members(self, owner: ast.Node, members: tuple[ast.Node, ...]) -> None:
        self_decl = R.Decl("self", R.SELF, owner.span, owner, owner, self.function)
        self._record(owner, self_decl)
        self.objects.append(self_decl)
        saved_loops, self.loop_depth = self.loop_depth, 0
        for member in members:
            if isinstance(member, ast.FunctionDefn):
                self.out.method_self[member] = self_decl
            self._member(member)  # type: ignore[arg-type]
        self.loop_depth = saved_loops
        self.objects.pop()

    def _annotation(self, annotation: ast.Annotation) -> None:
        if annotation.prefix is not None:
            self._use_prefix(annotation.prefix, annotation.name, annotation.span, None)
        if annotation.value is not None:
            self._expr(annotation.value)

    def _function(
        self,
        node: ast.Node,
        signature: ast.Signature,
        body: ast.Block | ast.Expr | None,
        path: tuple[ast.ResourceSegment, ...] | None = None,
    ) -> None:
        saved_loops, self.loop_depth = self.loop_depth, 0
        self._push(node, function=True)
        for segment in path or ():
            if segment.param_type is not None:
                self._type(segment.param_type)
                if segment.name:
                    self._declare(segment.name, R.PARAM, segment.span, segment, segment.param_type)
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
                self._declare(param.name, R.PARAM, param.span, param, param.type)
        self._type_opt(signature.returns)

    # ------------------------------------------------------------ types

    def _type_opt(self, t: ast.Node | None) -> None:
        if t is not None:
            self._type(t)

    def _type(self, t: ast.Node) -> None:
        if isinstance(t, ast.TypeRef):
            if t.prefix is not None:
                self._use_prefix(t.prefix, t.name, t.span, "type")
            else:
                decl = self.out.module_names.get(t.name)
                if decl is not None:
                    decl.uses += 1
                self.out.types.append(R.TypeUse(t, decl))
            return
        if isinstance(t, ast.RecordField):
            self._type(t.type)
            if t.default is not None:
                self._expr(t.default)
            return
        if isinstance(t, ast.ObjectType):
            self._object_members(t, t.members)
            return
        if isinstance(t, ast.FunctionType):
            if t.signature is not None:
                self._push(t, function=True)
                self._signature(t.signature)
                self._pop()
            return
        for child in ast.children(t):
            if isinstance(child, ast.TypeDesc | ast.RecordField):
                self._type(child)

    def _use_prefix(self, prefix: str, name: str, span: Span, kind: str | None) -> None:
        decl = self.prefixes.get(prefix)
        if decl is not None:
            decl.uses += 1
        self.out.qualified.append(R.QualifiedUse(prefix, name, span, kind, decl, prefix in self.xml_prefixes))

    # ------------------------------------------------------------ statements

    def _block(self, block: ast.Block, new_scope: bool = True, top: bool = False) -> None:
        if new_scope:
            self._push(block)
        workers = [s for s in block.statements if isinstance(s, W.WorkerDecl)]
        for d in workers:
            self.out.workers.append((d, top))
        if workers and top:  # a function body's named workers are declared first: they see each other
            for d in workers:
                self._declare(d.name, R.WORKER, d.name_span, d, d.returns)
            self.peers.append({d.name for d in workers} | {W.DEFAULT_WORKER})
        for stmt in block.statements:
            self._stmt(stmt)
        if workers and top:
            self.peers.pop()
        if new_scope:
            self._pop()

    def _loop_body(self, block: ast.Block) -> None:
        self.loop_depth += 1
        self._block(block, new_scope=False)
        self.loop_depth -= 1

    def _on_fail(self, on_fail: ast.OnFail | None) -> None:
        if on_fail is None:
            return
        self._push(on_fail)
        if on_fail.binding is not None:
            self._type_opt(on_fail.binding.type)
            self._declare_binding(on_fail.binding.binding, on_fail.binding.type)
        self._block(on_fail.body, new_scope=False)
        self._pop()

    def _stmt(self, stmt: ast.Stmt) -> None:  # noqa: C901, PLR0912 - one branch per statement kind
        generic = _GENERIC_STMT.get(type(stmt))
        if generic is None:
            generic = _GENERIC_STMT[type(stmt)] = not issubclass(type(stmt), _SPECIAL_STMTS)
        if generic:  # the last branch below (assignments, returns, calls) without the tests
            for child in ast.children(stmt):
                if isinstance(child, ast.Expr):
                    self._expr(child)
            return
        if isinstance(stmt, ast.VarDecl):
            self._type_opt(stmt.type)
            for annotation in stmt.annotations:
                self._annotation(annotation)
            if stmt.init is not None:
                self._expr(stmt.init)
            self._declare_binding(stmt.binding, stmt.type)
        elif isinstance(stmt, ast.If):
            self._expr(stmt.cond)
            self._block(stmt.then)
            if isinstance(stmt.otherwise, ast.Block):
                self._block(stmt.otherwise)
            elif isinstance(stmt.otherwise, ast.If):
                self._stmt(stmt.otherwise)
        elif isinstance(stmt, ast.While):
            self._expr(stmt.cond)
            self._push(stmt)
            self._loop_body(stmt.body)
            self._pop()
            self._on_fail(stmt.on_fail)
        elif isinstance(stmt, ast.Foreach):
            self._expr(stmt.iterable)
            self._push(stmt)
            self._type_opt(stmt.binding.type)
            self._declare_binding(stmt.binding.binding, stmt.binding.type)
            self._loop_body(stmt.body)
            self._pop()
            self._on_fail(stmt.on_fail)
        elif isinstance(stmt, ast.Match):
            self._expr(stmt.expr)
            for clause in stmt.clauses:
                self._push(clause)
                for pattern in clause.patterns:
                    self._pattern(pattern)
                if clause.guard is not None:
                    self._expr(clause.guard)
                self._block(clause.body, new_scope=False)
                self._pop()
            self._on_fail(stmt.on_fail)
        elif isinstance(stmt, ast.Break | ast.Continue):
            self.out.jumps.append((stmt, self.loop_depth > 0))
        elif isinstance(stmt, ast.Lock | ast.Do | ast.Retry):
            if isinstance(stmt, ast.Retry):
                self._type_opt(stmt.manager)
                self._args(stmt.args)
            self._block(stmt.body)
            self._on_fail(stmt.on_fail)
        elif isinstance(stmt, ast.BlockStmt):
            self._block(stmt.block)
        elif isinstance(stmt, ast.Assign) and self._typed_single(stmt.target):
            self._typed_single_declaration(stmt)
        elif isinstance(stmt, ast.Destructure):
            self._expr(stmt.value)
            for name, span, node, _ in _bindings(stmt.binding, None):
                self._use(node, name, span, "assign")
        elif isinstance(stmt, XmlnsStmt):
            self.xml_prefixes.add(stmt.prefix)
            self._expr(stmt.uri)
        elif isinstance(stmt, ast.QueryAction):
            self._query_action(stmt)
        elif isinstance(stmt, W.WorkerDecl):
            self._worker_body(stmt)
        elif isinstance(stmt, W.Fork):
            for d in stmt.workers:
                self.out.workers.append((d, True))
                self._declare(d.name, R.WORKER, d.name_span, d, d.returns)
            self.peers.append({d.name for d in stmt.workers})
            try:
                for d in stmt.workers:
                    self._worker_body(d)
            finally:
                self.peers.pop()
        elif isinstance(stmt, W.WorkerSend):
            self._expr(stmt.value)
            self._peer(stmt.peer, stmt.peer_span)
        else:
            for child in ast.children(stmt):
                if isinstance(child, ast.Expr):
                    self._expr(child)

    def _typed_single(self, target: ast.Expr) -> bool:
        """`Pair [a] = p;` where `Pair` names a type: a declaration with a one-member list binding that
        parses as a member assignment (docs/grammar.md); its names are declared, not used."""
        if not isinstance(target, ast.MemberAccess) or not isinstance(target.target, ast.VarRef):
            return False
        name = target.target.name
        if any(name in scope.names for scope in self.scopes):
            return False
        decl = self.out.module_names.get(name)
        return decl is not None and decl.kind == R.MODULE_TYPE and bool(_key_names(target.index))

    def _typed_single_declaration(self, stmt: ast.Assign) -> None:
        assert isinstance(stmt.target, ast.MemberAccess) and isinstance(stmt.target.target, ast.VarRef)
        owner = stmt.target.target
        binding = key_binding(stmt.target.index)
        assert binding is not None  # _typed_single found names only
        decl = ast.VarDecl(
            span=stmt.span,
            final=False,
            type=ast.TypeRef(span=owner.span, prefix=None, name=owner.name),
            binding=ast.ListBinding(span=stmt.target.index.span, items=(binding,), rest=None),
            init=stmt.value,
            annotations=(),
        )
        self.out.typed_single[stmt] = decl
        self._stmt(decl)

    def _worker_body(self, d: W.WorkerDecl) -> None:
        for annotation in d.annotations:
            self._annotation(annotation)
        self._type_opt(d.returns)
        saved_loops, self.loop_depth = self.loop_depth, 0
        self._push(d, function=True)
        self._block(d.body, new_scope=False, top=True)
        self._pop()
        self.loop_depth = saved_loops

    def _peer(self, peer: str, span: Span) -> None:
        stack = self.peers
        found = peer in stack[-1] if stack else peer == W.DEFAULT_WORKER
        self.out.peers.append(R.PeerUse(peer, span, found))

    def _query_action(self, action: ast.QueryAction | ast.QueryActionExpr) -> None:
        self._push(action)
        saved = self.aggregates
        self._clauses(action.clauses)
        self._loop_body(action.body)
        self.aggregates = saved
        self._pop()

    # ------------------------------------------------------------ patterns

    def _pattern(self, pattern: ast.Node) -> None:
        if isinstance(pattern, ast.VarPattern):
            self._declare_binding(pattern.binding, None)
        elif isinstance(pattern, ast.ConstPattern):
            self._expr(pattern.expr)
        elif isinstance(pattern, ast.ListPattern):
            for item in pattern.items:
                self._pattern(item)
            if pattern.rest:
                self._declare(pattern.rest, R.LOCAL, pattern.span, pattern)
        elif isinstance(pattern, ast.MappingPattern):
            for field in pattern.fields:
                self._pattern(field.pattern)
            if pattern.rest:
                self._declare(pattern.rest, R.LOCAL, pattern.span, pattern)
        elif isinstance(pattern, ast.ErrorPattern):
            if pattern.type is not None:
                self._type(pattern.type)
            for item in pattern.positional:
                self._pattern(item)
            for _, item in pattern.named:
                self._pattern(item)
            if pattern.rest:
                self._declare(pattern.rest, R.LOCAL, pattern.span, pattern)

    # ------------------------------------------------------------ expressions

    def _args(self, args: tuple[ast.Node, ...]) -> None:
        for arg in args:
            if isinstance(arg, ast.NamedArg | ast.RestArg):
                self._expr(arg.value)
            else:
                self._expr(arg)

    def _expr(self, expr: ast.Node) -> None:  # noqa: C901, PLR0912 - one branch per expression kind
        generic = _GENERIC_EXPR.get(type(expr))
        if generic is None:
            generic = _GENERIC_EXPR[type(expr)] = not issubclass(type(expr), _SPECIAL_EXPRS)
        if generic:  # the last branch below, taken by most nodes (literals, operators) without the tests
            for child in ast.children(expr):
                if isinstance(child, ast.Expr):
                    self._expr(child)
                elif isinstance(child, ast.TypeDesc):
                    self._type(child)
            return
        if isinstance(expr, ast.VarRef):
            self._use(expr, expr.name, expr.span, "value")
        elif isinstance(expr, ast.QualifiedRef):
            self._use_prefix(expr.prefix, expr.name, expr.span, "value")
        elif isinstance(expr, ast.AnnotationAccess):
            self._expr(expr.target)
            if expr.prefix is not None:
                self._use_prefix(expr.prefix, expr.name, expr.span, None)
        elif isinstance(expr, ast.Call):
            func = expr.func
            if isinstance(func, ast.VarRef):
                self._use(func, func.name, func.span, "call")
            elif isinstance(func, ast.QualifiedRef):
                self._use_prefix(func.prefix, func.name, func.span, "function")
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
            self._push(expr, function=True)
            for name in expr.params:
                self._declare(name, R.PARAM, expr.span, expr)
            self._expr(expr.body)
            self._pop()
        elif isinstance(expr, ast.LetExpr):
            self._push(expr)
            for binding, value in expr.bindings:
                self._expr(value)
                self._type_opt(binding.type)
                self._declare_binding(binding.binding, binding.type)
            self._expr(expr.body)
            self._pop()
        elif isinstance(expr, ast.AnonFunction):
            self._function(expr, expr.signature, expr.body)
        elif isinstance(expr, ast.ObjectConstructor):
            if expr.type is not None:
                self._type(expr.type)
            self._object_members(expr, expr.members)
        elif isinstance(expr, ast.QueryActionExpr):
            self._query_action(expr)
        elif isinstance(expr, ast.QueryExpr):
            self._push(expr)
            saved = self.aggregates
            self._clauses(expr.clauses)
            if expr.kind == "collect":
                self.aggregates = COLLECT_AGGREGATES
            self._expr(expr.result)
            self.aggregates = saved
            if expr.on_conflict is not None:
                self._expr(expr.on_conflict)
            self._pop()
        elif isinstance(expr, _WORKER_EXPRS):
            self._worker_expr(expr)
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

    def _worker_expr(self, e: ast.Node) -> None:
        if isinstance(e, W.SyncSend):
            self._expr(e.value)
            self._peer(e.peer, e.peer_span)
        elif isinstance(e, W.WorkerReceive | W.MultipleReceive):
            peers = e.peers if isinstance(e, W.WorkerReceive) else tuple(p for _, p in e.fields)
            for peer, span in zip(peers, e.peer_spans, strict=True):
                self._peer(peer, span)
        elif isinstance(e, W.Flush) and e.peer is not None and e.peer_span is not None:
            self._peer(e.peer, e.peer_span)

    def _clauses(self, clauses: tuple[ast.Node, ...]) -> None:
        for clause in clauses:
            if isinstance(clause, ast.FromClause | ast.JoinClause):
                self._expr(clause.expr)
                self._type_opt(clause.binding.type)
                self._declare_binding(clause.binding.binding, clause.binding.type)
                if isinstance(clause, ast.JoinClause):
                    self._expr(clause.left_key)
                    self._expr(clause.right_key)
            elif isinstance(clause, ast.LetClause):
                for binding, value in clause.bindings:
                    self._expr(value)
                    self._type_opt(binding.type)
                    self._declare_binding(binding.binding, binding.type)
            elif isinstance(clause, ast.OrderByClause):
                for key in clause.keys:
                    self._expr(key.expr)
            elif isinstance(clause, ast.GroupByClause):
                for key in clause.keys:
                    if key.expr is None:
                        self._use(key, key.name, key.span, "value")
                    else:
                        self._expr(key.expr)
                        self._type_opt(key.type)
                        if key.name != "_":
                            self._declare(key.name, R.LOCAL, key.span, key, key.type)
                # the other query variables are sequences now: aggregates may take them
                self.aggregates = COLLECT_AGGREGATES
            else:
                for child in ast.children(clause):
                    if isinstance(child, ast.Expr):
                        self._expr(child)


# ---------------------------------------------------------------- helpers


def _bindings(
    binding: ast.Node, type_: ast.Node | None
) -> Iterator[tuple[str, Span, ast.Node, ast.Node | None]]:
    """The variables a binding pattern introduces: (name, span, declaring node, written type). Only a
    capture that is the whole pattern has the pattern's written type."""
    if isinstance(binding, ast.CaptureBinding):
        yield binding.name, binding.span, binding, type_
    elif isinstance(binding, ast.ListBinding):
        for item in binding.items:
            yield from _bindings(item, None)
        if binding.rest:
            yield binding.rest, binding.span, binding, None
    elif isinstance(binding, ast.MappingBinding):
        for field in binding.fields:
            yield from _bindings(field.binding, None)
        if binding.rest:
            yield binding.rest, binding.span, binding, None
    elif isinstance(binding, ast.ErrorBinding):
        for item in binding.positional:
            yield from _bindings(item, None)
        for _, item in binding.named:
            yield from _bindings(item, None)
        if binding.rest:
            yield binding.rest, binding.span, binding, None


def binding_names(binding: ast.Node) -> Iterator[tuple[str, Span]]:
    """The variables a binding pattern introduces, with their spans."""
    for name, span, _, _ in _bindings(binding, None):
        yield name, span


def _key_names(key: ast.Expr) -> list[ast.VarRef]:
    """The names of `[a]` / `[[a, b]]` in `Pair [a] = p;`; empty if the key is not made of names only."""
    if isinstance(key, ast.VarRef):
        return [key]
    if isinstance(key, ast.ListExpr):
        found: list[ast.VarRef] = []
        for item in key.items:
            names = _key_names(item)
            if not names:
                return []
            found.extend(names)
        return found
    return []
