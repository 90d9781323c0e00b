"""Static type checks that Ballerina reports at compile time and that the evaluator relies on: incompatible
types in declarations, assignments and returns, functions that can fall off their end without returning,
and calls with the wrong number of arguments.

Deliberately conservative: a check only fires when the types involved are simple and certain (literals,
variables of simple declared types, calls of module functions), so valid programs are never refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from balmail.check import compound, expected, field_stores, inference, tables
from balmail.check import members as member_access
from balmail.check import narrowing as N
from balmail.check.annotations import check_annotations
from balmail.check.bindings import list_binding_problems
from balmail.check.check_exprs import check_check_expr
from balmail.check.completion import (
    SIMPLE_STATEMENTS,
    closing_brace,
    completes,
    has_break,
    returns_never,
    stops,
    true_constants,
)
from balmail.check.const_values import check_constant_values
from balmail.check.cycles import check_cycles
from balmail.check.decltypes import decl_types_of
from balmail.check.included_params import check_included_params
from balmail.check.intersections import check_intersections
from balmail.check.langlib_calls import check_container_argument
from balmail.check.libfunctions import LibFunction, library_function
from balmail.check.libtypes import module_types
from balmail.check.literals import check_int_literals
from balmail.check.lvalues import check_assignment_targets
from balmail.check.matches import check_match
from balmail.check.methods import check_arguments, check_method_call, missing_included_fields
from balmail.check.objects import (
    check_error_constructor,
    check_function_value_call,
    check_implicit_new,
    check_new,
    check_object_members,
    check_self_fields,
)
from balmail.check.operators import (
    NO_FIELD_KINDS,
    check_binary,
    check_cast,
    check_dropped_value,
    check_field_access,
    check_unary,
)
from balmail.check.queries import check_query
from balmail.check.record_types import check_record_types
from balmail.check.registry import report
from balmail.check.resource_paths import check_path_params, check_resource_methods, check_resource_placement
from balmail.check.returns import definition_start
from balmail.check.service_types import check_service_types
from balmail.check.statictypes import certainly_incompatible, display, kinds, without
from balmail.check.streams import stream_completion_error, stream_source_problem
from balmail.check.type_helpers import (
    _NARROWING_OPS,
    _NO_ASSIGNMENTS,
    _NOT_CONSTANT,
    _allows_nil,
    _assignments_to,
    _const_type,
    _inferred_length,
    _narrowed_decls,
    _pattern_bindings,
    _Var,
)
from balmail.check.type_rules import (
    ARG_COUNT,
    FINAL_ASSIGN,
    FUNCTION_VALUE_CALL,
    INCOMPATIBLE,
    MISSING_RETURN,
    UNDEFINED_FIELD,
)
from balmail.check.type_tests import check_type_test
from balmail.check.walk import SpanIndex, nodes_of, nodes_under
from balmail.check.worker_types import FutureOf, WorkerTable
from balmail.diagnostics import Diagnostic
from balmail.resolve import Decl
from balmail.resolve.record import MODULE_VALUE, PARAM
from balmail.runtime import types as T
from balmail.source import SourceFile
from balmail.syntax import ast
from balmail.syntax import ast_workers as W


class _Checker:
    """One module: module-level names first, then every function body with a scope stack."""

    def __init__(self, module: ast.Module, source: SourceFile | None) -> None:
        self.module = module
        self.found: list[Diagnostic] = []
        self.prefixes = {imp.prefix: imp.full_name for imp in module.imports if imp.alias != "_"}
        # declared types come from the resolve record's declarations, resolved once per module
        # (check/decltypes.py); the module's one TypeResolver comes with them
        self.typing = decl_types_of(module)
        self.record = self.typing.record
        self.resolver = self.typing.resolver
        self.functions: dict[str, ast.FunctionDefn] = {
            m.name: m for m in module.members if isinstance(m, ast.FunctionDefn)
        }
        # the module functions declared `returns never`, once for the module (not once per function)
        self.never = frozenset(n for n, f in self.functions.items() if returns_never(f.signature))
        self.truths = true_constants(module)
        self.stops_memo: dict[int, bool | None] = {}
        self.in_init = False  # checking a class's `init` method: its `self.f = v` may set final fields
        self.classes: dict[str, ast.ClassDefn] = {
            m.name: m for m in module.members if isinstance(m, ast.ClassDefn)
        }
        self.const_values: dict[str, T.Type | None] = {}
        self.refs = self.record.refs
        self.decls = self.record.decls
        self.vars: dict[Decl, _Var] = {}
        """The variable of each declaration this checker has bound (module variables and constants first,
        then the locals of each function as its walk reaches them): a use finds it through the record."""
        declared = self.record.module_decls
        for m in module.members:
            if isinstance(m, ast.ModuleVarDecl) and isinstance(m.binding, ast.CaptureBinding):
                final = "final" in m.qualifiers or "configurable" in m.qualifiers
                t = self.typing.of(declared.get(m.binding))  # `var x = e;`: unknown
                self._module_var(m.binding.name, declared.get(m.binding), _Var(t, final, module=True))
            elif isinstance(m, ast.ConstDecl):
                t = self.typing.of(declared.get(m))  # written, else its literal's
                self.const_values[m.name] = _const_type(m.value)
                self._module_var(m.name, declared.get(m), _Var(t, True, const=True, module=True))
            elif isinstance(m, ast.ListenerDecl):
                self._module_var(m.name, declared.get(m), _Var(None, True, module=True))
        self.self_type: T.Type | None = None  # the class whose methods are being checked
        self.self_decl: Decl | None = None  # its `self` in the resolve record
        self.narrowed: frozenset[Decl] = frozenset()
        """The declarations a type test or nil comparison of the function being checked may narrow."""
        self.state: N.State = {}  # flow-sensitive narrowing of the `narrowed` locals (narrowing.py)
        self.expr_narrowed: set[int] = set()
        self.conditions = N.Conditions(self.lookup, self.resolver.resolve, self.current, self.truths)
        narrowing = nodes_of(module, ast.IsExpr, ast.Binary, ast.Match)
        self.narrowing = SpanIndex(
            [n for n in narrowing if not isinstance(n, ast.Binary) or n.op in _NARROWING_OPS]
        )
        # what `assigned` and narrowing.expression_narrowed look for, found by span (not by walking
        # each statement again at every level of nesting above it)
        self.assignments = SpanIndex(nodes_of(module, ast.Assign, ast.CompoundAssign, ast.Destructure))
        self.narrowed_assignments = _NO_ASSIGNMENTS
        """The assignments of the function being checked that assign one of its narrowed names: most
        statements hold none, and `assigned` looks only among these."""
        self.logic = SpanIndex(
            [
                n
                for n in nodes_of(module, ast.Binary, ast.Conditional, ast.QueryExpr)
                if not isinstance(n, ast.Binary) or n.op in ("&&", "||")
            ]
        )
        self.ret: T.Type | None = None
        self.query_expected: dict[int, tuple[ast.QueryExpr, T.Type]] = {}  # what `expect` saw (queries.py)
        self.workers = WorkerTable()  # the named workers of the function being checked
        # id(node) -> (node, type) of arithmetic expressions: the walk asks for the type of every node of
        # an `a + b + c ...` chain, and each answer needs its operands' types (linear, not quadratic)
        self._binary_types: dict[int, tuple[ast.Binary, T.Type | None]] = {}
        # the same for method calls and field accesses: each link of `s.trim().trim()...` or `a.b.c...` is
        # asked for, and each answer needs the whole chain below it (keyed with the narrowed names too)
        self._chain_types: dict[int, tuple[ast.Expr, frozenset[str], T.Type | None]] = {}

    def library_type(self, prefix: str, name: str) -> T.Type | None:
        full = self.prefixes.get(prefix)
        return module_types(full).get(name) if full else None

    # ------------------------------------------------------------ names and types of expressions

    def _module_var(self, name: str, decl: Decl | None, var: _Var) -> None:
        if decl is not None:
            self.vars[decl] = var

    def lookup(self, e: ast.VarRef | ast.CaptureBinding) -> _Var | None:
        """The variable a use refers to, by the declaration the resolve record gives it. None: no variable
        this checker knows (a module function; a local of a construct it does not walk, or not bound yet,
        as a named worker before its body is checked; a node the resolve pass never saw): its type is
        unknown, so nothing is reported about it."""
        decl = self.refs.get(e)
        return None if decl is None else self.vars.get(decl)

    def keys(self, refs: Iterable[ast.Node]) -> set[Decl]:
        """The declarations uses refer to (the keys of narrowing: a use the record misses is never narrowed,
        and its variable's type is unknown to `lookup` anyway)."""
        out: set[Decl] = set()
        for r in refs:
            d = self.refs.get(r)
            if d is not None:
                out.add(d)
        return out

    def _put(self, name: str, var: _Var, node: ast.Node | None) -> None:
        """Bind the declaration `node` makes (the one named `name`) to `var` in `vars`."""
        decl = self.decls.get(node) if node is not None else None
        if decl is not None and decl.name != name:  # a pattern's `...rest` beside its other names
            decl = next((d for d in self.record.decls_of(node) if d.name == name), None)  # type: ignore[arg-type]
        if decl is not None:
            self.vars[decl] = var

    def current(self, state: N.State, var: _Var) -> T.Type | None:
        """A variable's type in a flow state: narrowed, unknown (None) or declared."""
        t = N.get(state, var)
        return var.type if t is N.DECLARED else t

    def assigned(self, nodes: Any) -> set[Decl]:
        """The variables assigned anywhere inside `nodes` (closures included) among the narrowed ones (the
        only ones `reset` keeps), from the module's index of assignments."""
        found: set[Decl] = set()
        if not self.narrowed or not self.narrowed_assignments.nodes:
            return found
        inside = self.narrowed_assignments.inside
        for node in nodes:
            if node is None:
                continue
            for n in inside(node.span):
                if isinstance(n, ast.Assign | ast.CompoundAssign):
                    if isinstance(n.target, ast.VarRef):
                        found |= self.keys((n.target,))
                elif isinstance(n, ast.Destructure):
                    found |= self.keys(node for _, node in _pattern_bindings(n.binding))
        return found

    def tested(self, e: Any) -> set[Decl]:
        """The variables a type test, equality or `match` inside `e` may narrow (narrowing.tested_refs)."""
        return self.keys(N.tested_refs(e))

    def reset(self, decls: set[Decl], to: object) -> None:
        """Set the tracked variables among `decls` to a type (N.DECLARED: back to the declared one)."""
        for decl in decls & self.narrowed:
            var = self.vars.get(decl)
            if var is not None:
                N.put(self.state, var, to)

    # the types of expressions: check/inference.py
    literal_type = inference.literal_type
    type_of = inference.type_of
    _variable_type = inference._variable_type
    query_stream_type = inference.query_stream_type
    _method_call_type = inference._method_call_type
    element_type = inference.element_type
    binary_type = inference.binary_type
    shift_type = inference.shift_type
    _arithmetic_type = inference._arithmetic_type
    literal_fits = inference.literal_fits
    field_type = inference.field_type

    def library_call(self, e: ast.Call) -> LibFunction | None:
        """The described library function `e` calls (`log:printInfo(...)`), else None."""
        if isinstance(e.func, ast.QualifiedRef):
            return library_function(self.prefixes.get(e.func.prefix), e.func.name)
        return None

    def module_function(self, e: ast.Call) -> ast.FunctionDefn | None:
        return self.function_named(e.func) if isinstance(e.func, ast.VarRef) else None

    def function_named(self, ref: ast.VarRef) -> ast.FunctionDefn | None:
        """The module function `ref` refers to, by the resolve record (None: a local or anything else)."""
        decl = self.refs.get(ref)
        if decl is None or decl.kind != MODULE_VALUE:
            return None
        # by name among the module's functions: of a name declared twice (an error of its own) the
        # checks have always judged calls against the last function
        return self.functions.get(decl.name)

    # expected types: check/expected.py
    expect = expected.expect
    constructor_misfits = expected.constructor_misfits
    inferred_tuple = expected.inferred_tuple
    mapping = expected.mapping

    # ------------------------------------------------------------ walking

    def run(self) -> list[Diagnostic]:
        check_record_types(self)
        check_cycles(self)
        check_constant_values(self)
        check_intersections(self)
        check_included_params(self)
        check_assignment_targets(self)
        check_int_literals(self)
        check_annotations(self)
        check_path_params(self)
        check_resource_placement(self)
        check_resource_methods(self)
        check_service_types(self)
        for m in self.module.members:
            if isinstance(m, ast.FunctionDefn) and m.body is not None:
                self.function(m.signature, m.body, defn=m)
            elif isinstance(m, ast.ModuleVarDecl) and m.init is not None:
                if m.type is not None:
                    self.expect(self.resolver.resolve(m.type), m.init)
                self.expr(m.init)
            elif isinstance(m, ast.ConstDecl):
                if m.type is not None:
                    self.expect(self.resolver.resolve(m.type), m.value)
                self.constant_expression(m.value)
                self.expr(m.value)  # its operators, as anywhere else
            elif isinstance(m, ast.ListenerDecl):
                listener = self.resolver.resolve(m.type) if m.type is not None else None
                if listener is not None and self.not_a_listener(listener):
                    assert m.type is not None
                    self.found.append(report(INCOMPATIBLE, m.type.span, "listener", display(listener)))
            elif isinstance(m, ast.TypeDefn) and isinstance(m.type, ast.ObjectType):
                check_object_members(self, m.name, m.type.members, cls=False, anchor=m.name_span)
            elif isinstance(m, ast.ClassDefn | ast.ServiceDecl):
                if isinstance(m, ast.ServiceDecl):
                    for attached in m.listeners:
                        t = self.type_of(attached)
                        if t is not None and self.not_a_listener(t):
                            self.found.append(report(INCOMPATIBLE, attached.span, "listener", display(t)))
                if isinstance(m, ast.ClassDefn):
                    check_object_members(self, m.name, m.members, cls=True, anchor=m.name_span)
                    check_self_fields(self, m)
                else:
                    check_object_members(self, None, m.members, cls=False)
                # a class's `self` declaration has the class as its type; a service's is not tracked
                own = self.record.decls.get(m) if isinstance(m, ast.ClassDefn) else None
                self.self_type, self.self_decl = self.typing.of(own), own
                for mem in m.members:
                    if isinstance(mem, ast.FunctionDefn) and mem.body is not None:
                        self.in_init = mem.name == "init"
                        self.function(mem.signature, mem.body, mem.resource_path or (), defn=mem)
                self.self_type, self.in_init = None, False
        return self.found

    def included_field_type(self, params: tuple[ast.Param, ...], name: str) -> T.Type | None:
        """The type a named argument `name` takes through the included record parameters (`*R r`): the
        field's of the one record that declares it, else their common rest type; None when unsure."""
        found: list[T.Type | None] = []
        for p in params:
            if not getattr(p, "included", False):
                continue
            record = self.resolver.resolve(p.type)
            r = T.resolve(record) if record is not None else None
            if not isinstance(r, T.TRecord):
                return None
            field = r.fields.get(name)
            found.append(field.type if field is not None else r.rest)
        known = [t for t in found if t is not None]
        return known[0] if len(known) == 1 and len(found) == 1 else None

    def final_field_update(self, target: ast.FieldAccess) -> None:
        """`o.f = v` where `f` is a `final` field of the program's class (of every class `o` may be):
        refused outside that class's `init` (spec: object fields; jBallerina's message)."""
        if self.in_init and isinstance(target.target, ast.VarRef) and target.target.name == "self":
            return
        t = self.type_of(target.target)
        if t is None:
            return
        members = T.member_types(t) if isinstance(T.resolve(t), T.TUnion) else [t]
        for member in members:
            r = T.resolve(member)
            cls = self.classes.get(r.name) if isinstance(r, T.TObject) and r.name else None
            field = (
                next(
                    (x for x in cls.members if isinstance(x, ast.ObjectField) and x.name == target.name), None
                )
                if cls is not None
                else None
            )
            if field is None or "final" not in field.qualifiers:
                return
        message = f"cannot update 'final' object field '{target.name}'"
        self.found.append(report(FINAL_ASSIGN, target.span, message=message))

    def not_a_listener(self, t: T.Type) -> bool:
        """`t` certainly is not a listener: no object at all (`service on 5`), or a class of the program
        without one of the Listener methods (`start`, `gracefulStop`, `immediateStop`, `attach`, `detach`)."""
        k = kinds(t)
        if k is not None and not k & {"object"}:
            return True
        r = T.resolve(t)
        cls = self.classes.get(r.name) if isinstance(r, T.TObject) and r.name else None
        if cls is None or any(not isinstance(x, ast.FunctionDefn | ast.ObjectField) for x in cls.members):
            return False  # a library listener, or a class including other types
        methods = {x.name for x in cls.members if isinstance(x, ast.FunctionDefn)}
        return not {"start", "gracefulStop", "immediateStop", "attach", "detach"} <= methods

    def constant_expression(self, e: ast.Expr) -> None:
        """A constant's value is evaluated at compile time: no calls, `check`, `new`, queries or functions
        (spec, const-expr)."""
        for n in nodes_under(e):
            decl = self.refs.get(n) if isinstance(n, ast.VarRef) else None
            not_const = decl is not None and (
                isinstance(decl.node, ast.FunctionDefn | ast.ModuleVarDecl)
                or (decl.kind == MODULE_VALUE and isinstance(decl.node, ast.CaptureBinding))
            )
            if isinstance(n, _NOT_CONSTANT) or not_const:  # a call, or a function or variable named
                message = "expression is not a constant expression"
                self.found.append(report(INCOMPATIBLE, n.span, message=message))
                return

    def function(
        self,
        sig: ast.Signature,
        body: ast.Block,
        path: tuple[ast.ResourceSegment, ...] = (),
        defn: ast.FunctionDefn | None = None,
        captured_narrowed: frozenset[Decl] = frozenset(),
    ) -> None:
        for segment in path:  # a resource method's path parameters are parameters too: final
            decl = self.record.decls.get(segment) if segment.name and segment.param_type is not None else None
            if decl is not None and segment.name and segment.param_type is not None:
                t = self.resolver.resolve(segment.param_type)
                self.vars[decl] = _Var(T.TArray(t) if segment.rest and t else t, final=True)
        if self.self_type is not None:
            if self.self_decl is not None:
                self.vars[self.self_decl] = _Var(self.self_type, final=True)
        for p in sig.params:
            if p.name:
                decl = self.record.decls.get(p)
                if decl is not None:
                    self.vars[decl] = _Var(self.typing.of(decl), final=True)  # `T... xs`: a `T[]`
        saved = (self.narrowed, self.ret, self.workers, self.state, self.expr_narrowed)
        saved_assignments = self.narrowed_assignments
        self.workers = WorkerTable.of(body, self.resolver.resolve)
        self.narrowed = _narrowed_decls(self.narrowing, body, self.keys) | captured_narrowed
        self.narrowed_assignments = _assignments_to(self.assignments, body, self.narrowed, self.refs)
        self.state = {}
        for decl in captured_narrowed:
            N.put(self.state, self.vars[decl], None)
        logic = self.logic.inside(body.span)
        self.expr_narrowed = (
            N.expression_narrowed(body, self.narrowed, self.refs, logic) if self.narrowed else set()
        )
        for p in sig.params:
            if p.default is not None:
                self.expect(self.resolver.resolve(p.type), p.default)
        self._binary_types.clear()
        self._chain_types.clear()
        self.ret = self.resolver.resolve(sig.returns) if sig.returns is not None else None
        self.block(body)
        self.narrowed, self.ret, self.workers, self.state, self.expr_narrowed = saved
        self.narrowed_assignments = saved_assignments
        can_complete = completes(body, self.never, self.truths)
        if sig.returns is not None and not _allows_nil(sig.returns) and can_complete:
            self.found.append(report(MISSING_RETURN, closing_brace(body.span)))
        elif returns_never(sig) and can_complete:
            message = (
                "function with return type 'never' or equivalent to type 'never' cannot implicitly return "
                "'nil' by falling off the end of the function body"
            )
            at = definition_start(defn) if defn is not None else closing_brace(body.span)  # as jBallerina
            self.found.append(report(MISSING_RETURN, at, message=message))

    def block(self, b: ast.Block) -> None:
        statements = b.statements
        for i, s in enumerate(statements):
            if isinstance(s, ast.Match):
                covered = check_match(self, s, self.type_of(s.expr))
                self.stmt(s)
                if covered and i + 1 < len(statements) and not completes(s, self.never, self.truths):
                    from balmail.check.flow import UNREACHABLE  # flow.py builds on this module

                    self.found.append(report(UNREACHABLE, statements[i + 1].span))
            else:
                self.stmt(s)

    def declared(self, binding: ast.Node, written: ast.TypeDesc | None) -> T.Type | None:
        """The type written for a binding pattern: a variable's declared type from the record, or (a
        destructuring pattern's type, which is no one variable's) resolved here."""
        if written is None:
            return None
        decl = self.record.decls.get(binding) if isinstance(binding, ast.CaptureBinding) else None
        if decl is not None:
            return self.typing.of(decl)
        if isinstance(written, ast.ParameterizedType) and written.name == "future" and written.args:
            result = self.resolver.resolve(written.args[0])
            return FutureOf(result) if result is not None else None
        return self.resolver.resolve(written)

    def bind(
        self,
        binding: ast.Node,
        t: T.Type | None,
        final: bool = False,
        members: dict[int, T.Type] | None = None,
    ) -> None:
        """Declare the variables of `binding`; those of a list pattern take their member's type from
        `members` (by capture node id) where it is known, else an unknown type."""
        if isinstance(binding, ast.CaptureBinding):
            self._put(binding.name, _Var(t, final), binding)
        else:
            known = members or {}
            for name, node in _pattern_bindings(binding):
                self._put(name, _Var(known.get(id(node)), final), node)

    def stmt(self, s: ast.Stmt) -> None:
        if not self.narrowed:
            self._stmt(s)
            return
        if isinstance(s, ast.If):
            self.flow_if(s)
        elif isinstance(s, ast.While | ast.Foreach):
            self.flow_loop(s)
        elif isinstance(s, ast.Match | ast.Do) or isinstance(s, W.WorkerDecl | W.Fork):
            pre = dict(self.state)
            inner = [*ast.children(s)]
            tested = self.tested(s) if isinstance(s, ast.Match) else set()
            self.reset(tested, None)
            self._stmt(s)
            self.state = pre
            assigned = self.assigned(inner)
            self.reset(assigned, N.DECLARED)  # assigned in a clause: its declared type, narrowed or not
            self.reset((tested | (self.tested(s) if isinstance(s, ast.Do) else set())) - assigned, None)
        elif isinstance(s, ast.Lock | ast.BlockStmt):
            self._stmt(s)
        else:
            self._stmt(s)
            self.reset(self.assigned([s]), N.DECLARED if isinstance(s, SIMPLE_STATEMENTS) else None)

    def flow_if(self, s: ast.If) -> None:
        self.expect(T.BOOLEAN, s.cond)
        self.expr(s.cond)
        pre = self.state
        yes, no = self.conditions.split(s.cond, pre)
        ends: list[N.State | None] = []
        for branch, start in ((s.then, yes), (s.otherwise, no)):
            self.state = dict(start if start is not None else pre)
            if isinstance(branch, ast.Block):
                self.block(branch)
            elif isinstance(branch, ast.If):
                self.stmt(branch)
            ends_here = False if branch is None else stops(branch, self.never, self.truths, self.stops_memo)
            if start is None or ends_here is True:
                ends.append(None)  # a branch no path reaches, or one that cannot complete
            else:
                ends.append(N.unsure(self.state, pre) if ends_here is None else self.state)
        self.state = N.join(pre, ends[0], ends[1], self.current)

    def flow_loop(self, s: ast.While | ast.Foreach) -> None:
        pre = dict(self.state)
        assigned = self.assigned([s])
        self.reset(assigned, None)
        if isinstance(s, ast.While):
            self.expect(T.BOOLEAN, s.cond)
            self.expr(s.cond)
            yes, _ = self.conditions.split(s.cond, self.state)
            self.state = yes if yes is not None else self.state
            self._stmt_body(s)
        else:
            self._stmt(s)
        self.state = pre
        self.reset(assigned, N.DECLARED)
        tested = self.tested(s.cond) if isinstance(s, ast.While) else set()
        if has_break(s.body):
            tested |= self.tested(s.body)
        self.reset(tested, None)

    def _stmt_body(self, s: ast.While) -> None:
        self.block(s.body)
        self.on_fail(s.on_fail)

    def _stmt(self, s: ast.Stmt) -> None:
        if isinstance(s, ast.VarDecl):
            declared = self.declared(s.binding, s.type)
            declared = _inferred_length(s.type, declared, s.init)
            if s.init is not None:
                self.expect(declared, s.init)
                if isinstance(s.init, ast.NewExpr) and s.init.type is None:
                    if not check_implicit_new(self, s.init, declared, s.type is None):
                        check_new(self, s.init, declared)
                self.expr(s.init)
                problem = stream_source_problem(self, s.type, s.init)
                if problem is not None:
                    self.found.append(report(INCOMPATIBLE, problem[0], message=problem[1]))
            t = declared if s.type is not None else self.type_of(s.init)
            members: dict[int, T.Type] = {}  # a written list type: each captured member's type

            def took(b: ast.CaptureBinding, member: T.Type) -> None:
                members[id(b)] = member

            for span, message in list_binding_problems(s.binding, t, took if s.type is not None else None):
                self.found.append(report(INCOMPATIBLE, span, message=message))
            self.bind(s.binding, t, s.final, members)
        elif isinstance(s, ast.Assign) and s in self.record.typed_single:
            self._stmt(self.record.typed_single[s])  # `Pair [a] = p;`: the declaration it is
        elif isinstance(s, ast.Assign | ast.CompoundAssign):
            target = s.target
            if isinstance(target, ast.VarRef):
                var = self.lookup(target)
                if var is not None and var.const:
                    self.found.append(report(FINAL_ASSIGN, s.span, message="cannot update constant value"))
                elif var is not None and var.final:
                    decl = self.refs.get(target)
                    if decl is not None and decl.kind == PARAM:  # parameters are final, in their own words
                        message = f"cannot assign a value to function argument '{target.name}'"
                        self.found.append(report(FINAL_ASSIGN, target.span, message=message))
                    else:
                        self.found.append(report(FINAL_ASSIGN, target.span, target.name))
                elif var is not None and isinstance(s, ast.Assign):
                    self.expect(var.type, s.value)
                elif var is not None and compound.nullable_operands(self, s, self.type_of(target)):
                    pass
                elif var is not None:  # `i op= v` is `i = i op v` (spec: compound assignment statement)
                    combined = ast.Binary(span=s.span, op=s.op, left=target, right=s.value)
                    before = len(self.found)
                    check_binary(self, combined)
                    if len(self.found) == before:
                        self.expect(var.type, combined)
            elif isinstance(target, ast.MemberAccess) and isinstance(s, ast.Assign):
                tables.check_member_update(self, target, s.value)
                member_access.check_store(self, target, s.value)
            elif isinstance(target, ast.MemberAccess):
                compound.check_member_compound(self, s, target)
            elif isinstance(target, ast.FieldAccess) and not target.optional:
                self.final_field_update(target)
                if isinstance(s, ast.Assign):
                    field_stores.check_field_store(self, target, s.value)
                else:
                    field_stores.check_field_compound(self, s, target)
            self.expr(s.value)
        elif isinstance(s, ast.Return):
            if s.value is not None:
                self.expect(self.ret, s.value)
                self.expr(s.value)
            elif self.ret is not None and "nil" not in (kinds(self.ret) or {"nil"}):
                self.found.append(report(INCOMPATIBLE, s.span, display(self.ret), "()"))
        elif isinstance(s, ast.ExprStmt | ast.IgnoreStmt | ast.Panic | ast.Fail):
            if isinstance(s, ast.ExprStmt):
                check_dropped_value(self, s)
            elif isinstance(s, ast.Panic | ast.Fail):  # both take an error value (spec: panic, fail)
                self.expect(T.ERROR, s.value)
            self.expr(getattr(s, "expr", None) or getattr(s, "value", None))
        elif isinstance(s, ast.Destructure):
            self.expr(s.value)
            for span, message in list_binding_problems(s.binding, self.type_of(s.value), self.destructured):
                self.found.append(report(INCOMPATIBLE, span, message=message))
        elif isinstance(s, ast.If):
            self.expect(T.BOOLEAN, s.cond)
            self.expr(s.cond)
            self.block(s.then)
            if isinstance(s.otherwise, ast.Block):
                self.block(s.otherwise)
            elif isinstance(s.otherwise, ast.If):
                self.stmt(s.otherwise)
        elif isinstance(s, ast.While):
            self.expect(T.BOOLEAN, s.cond)
            self.expr(s.cond)
            self.block(s.body)
            self.on_fail(s.on_fail)
        elif isinstance(s, ast.Do | ast.Lock):
            self.block(s.body)
            self.on_fail(s.on_fail)
        elif isinstance(s, ast.Foreach):
            self.expr(s.iterable)
            iterable = self.type_of(s.iterable) if not isinstance(s.iterable, ast.RangeExpr) else None
            ik = kinds(iterable)
            if iterable is not None and ik and ik <= {"int", "float", "decimal", "boolean", "nil"}:
                message = f"incompatible types: '{display(iterable)}' is not an iterable collection"
                self.found.append(report(INCOMPATIBLE, s.iterable.span, message=message))
            completion = stream_completion_error(iterable)
            if completion is not None:
                message = (
                    f"invalid completion type '{display(completion)}' in foreach statement: a stream "
                    "iterated by foreach must have the completion type '()'"
                )
                self.found.append(report(INCOMPATIBLE, s.iterable.span, message=message))
            element = self.element_type(s.iterable)
            if s.binding.type is None:
                t = element
            else:
                t = self.declared(s.binding.binding, s.binding.type)
                if element is not None and t is not None and certainly_incompatible(element, t):
                    message = INCOMPATIBLE.format_message(display(t), display(element))
                    self.found.append(report(INCOMPATIBLE, s.binding.span, message=message))
            self.bind(s.binding.binding, t)
            self.block(s.body)
            self.on_fail(s.on_fail)
        elif isinstance(s, ast.Match):
            self.expr(s.expr)
            start = self.state
            for c in s.clauses:
                self.state = dict(start)
                for p in c.patterns:
                    for name, node in _pattern_bindings(p):
                        self._put(name, _Var(None), node)
                self.block(c.body)
            self.on_fail(s.on_fail)
        elif isinstance(s, ast.BlockStmt):
            self.block(s.block)
        elif isinstance(s, W.WorkerDecl):
            self.worker(s)
        elif isinstance(s, W.Fork):
            for w in s.workers:
                self.worker(w)
        elif isinstance(s, W.WorkerSend):
            self.expr(s.value)
            self.workers.record_send(s.peer, self.type_of(s.value))
        else:  # local functions, retry, query actions, workers: names they declare are unknown
            for name, node in _pattern_bindings(s):
                self._put(name, _Var(None), node)
            name = getattr(s, "name", None)
            if isinstance(name, str):
                self._put(name, _Var(None), s)

    def destructured(self, binding: ast.CaptureBinding, member: T.Type) -> None:
        """`[a, b] = p;`: variable `a` takes a member of type `member`, which must fit its own type."""
        var = self.lookup(binding)
        if var is not None and var.type is not None and certainly_incompatible(member, var.type):
            self.found.append(report(INCOMPATIBLE, binding.span, display(var.type), display(member)))

    def worker(self, d: W.WorkerDecl) -> None:
        """A named worker's body: the function's variables before it are visible; `return` is the worker's."""
        saved = (self.ret, self.workers.current)
        self.ret = self.resolver.resolve(d.returns) if d.returns is not None else None
        self.workers.current = d.name
        self.block(d.body)
        self.ret, self.workers.current = saved
        info = self.workers.workers.get(d.name)
        if info is not None and info.decl is d:
            info.walked = True
        returns = info.returns if info is not None and info.decl is d else None
        self._put(d.name, _Var(FutureOf(returns) if returns is not None else None, final=True), d)

    def on_fail(self, clause: ast.OnFail | None) -> None:
        if clause is None:
            return
        saved = self.state
        self.state = dict(saved)
        self.reset(set(self.narrowed), None)  # reached from any `fail` or `check` of the body
        self._on_fail(clause)
        self.state = saved

    def _on_fail(self, clause: ast.OnFail) -> None:
        if clause.binding is not None:
            self.bind(clause.binding.binding, None)
        self.block(clause.body)

    def expr(self, e: ast.Expr | None) -> None:
        """Check calls of module functions and field accesses anywhere inside `e` (not inside nested
        functions, object constructors or queries, whose names this checker does not track)."""
        if e is None:
            return
        stack: list[Any] = [e]
        pop, push, children, tags = stack.pop, stack.extend, ast.children, _EXPR_TAGS
        add, pushers = stack.append, ast.forward_pushers()
        while stack:
            n = pop()
            tag = tags.get(type(n), _UNKNOWN)
            if tag is _UNKNOWN:
                tag = tags[type(n)] = _expr_tag(type(n))
            if tag is None:  # most nodes (literals, variables): nothing to check in the node itself
                cls = type(n)  # its children, as `push(children(n))` adds them (None: it has none)
                push_children = pushers[cls] if cls in pushers else ast.forward_pusher(cls)
                if push_children is not None:
                    push_children(n, add)
                continue
            if tag is _SKIP:
                continue
            if tag is ast.AnonFunction:
                self.closure(n)
                continue
            if tag is ast.QueryExpr:
                known = self.query_expected.get(id(n))
                check_query(self, n, known[1] if known is not None and known[0] is n else None)
                continue
            if tag is ast.Call:
                if isinstance(n.func, ast.VarRef):
                    var = self.lookup(n.func)
                    if var is not None and isinstance(var.type, T.TFunction) and var.type.params is None:
                        self.found.append(report(FUNCTION_VALUE_CALL, n.span))
                    elif var is not None and var.type is not None:
                        ft = T.resolve(var.type)
                        if isinstance(ft, T.TFunction):
                            check_function_value_call(self, n, ft)
                fn = self.module_function(n)
                if fn is not None:
                    self.call(fn, n)
                else:
                    lib = self.library_call(n)
                    if lib is not None and isinstance(n.func, ast.QualifiedRef):
                        check_arguments(self, n.func.name, lib.params, n.args, n.span)
                    check_container_argument(self, n)
            elif tag is ast.FieldAccess:
                if not n.optional:
                    self.field_access(n)
                else:
                    self.optional_field_access(n)
            elif tag is ast.MemberAccess:
                tables.check_member_access(self, n)
                member_access.check_index_range(self, n)
                self.member_key(n)
            elif tag is ast.MethodCall:
                check_method_call(self, n)
                member_access.check_list_push(self, n)
                if isinstance(n, ast.MethodCall):
                    tables.check_table_call(self, n)
            elif tag is ast.Binary:
                check_binary(self, n)
            elif tag is ast.Unary:
                check_unary(self, n)
            elif tag is ast.NewExpr:
                if n.type is not None:
                    check_new(self, n, None)
            elif tag is ast.ErrorConstructor:
                check_error_constructor(self, n)
            elif tag is ast.Cast:
                check_cast(self, n)
            elif tag is ast.IsExpr:
                check_type_test(self, n)
            elif tag is ast.CheckExpr:
                check_check_expr(self, n)
            elif tag is W.SyncSend:
                self.workers.record_send(n.peer, self.type_of(n.value))
            push(children(n))

    def closure(self, fn: ast.AnonFunction) -> None:
        """An anonymous function with a block body, checked as a function of its own where it is written.
        The variables it captures keep their declared types, except those the enclosing function narrows:
        unknown inside it (whether a narrowing reaches a closure is not followed, so nothing is reported)."""
        if not isinstance(fn.body, ast.Block):
            return
        outer = frozenset(d for d in self.narrowed if d in self.vars)
        self.function(fn.signature, fn.body, captured_narrowed=outer)

    def field_access(self, e: ast.FieldAccess) -> None:
        if check_field_access(self, e):
            return
        target = self.type_of(e.target)
        record = T.resolve(target) if target is not None else None
        if isinstance(record, T.TRecord) and e.name not in record.fields and target is not None:
            self.found.append(report(UNDEFINED_FIELD, e.name_span, e.name, display(target)))

    def member_key(self, e: ast.MemberAccess) -> None:
        """`m[k]` on a map or record takes a string key; on a list, an int index."""
        target = self.type_of(e.target)
        r = T.resolve(target) if target is not None else None
        wanted = T.STRING if isinstance(r, T.TMap | T.TRecord) else T.INT if isinstance(r, T.TArray) else None
        if wanted is not None and not isinstance(e.index, ast.ListExpr):
            self.expect(wanted, e.index)

    def optional_field_access(self, e: ast.FieldAccess) -> None:
        """`x?.name` on a value that is never a mapping (`int?`, `string[]`), or on a closed record that
        has no field `name`."""
        target = self.type_of(e.target)
        if target is None:
            return
        k = kinds(target)
        if k is not None and len(k - {"nil"}) == 1 and k - {"nil"} <= NO_FIELD_KINDS:
            message = f"invalid operation: type '{display(target)}' does not support optional field access"
            self.found.append(report(UNDEFINED_FIELD, e.span, message=message))
            return
        stripped = without(target, "nil")
        record = T.resolve(stripped) if stripped is not None else None
        if isinstance(record, T.TRecord) and record.rest is None and e.name not in record.fields:
            self.found.append(report(UNDEFINED_FIELD, e.name_span, e.name, display(stripped)))

    def call(self, fn: ast.FunctionDefn, e: ast.Call) -> None:
        params = fn.signature.params
        if any(isinstance(a, ast.RestArg) for a in e.args):
            return
        positional = [a for a in e.args if not isinstance(a, ast.NamedArg | ast.RestArg)]
        named = [a for a in e.args if isinstance(a, ast.NamedArg)]
        fixed = [p for p in params if not p.rest]
        rest = next((p for p in params if p.rest), None)
        included = any(getattr(p, "included", False) for p in params)
        if len(positional) > len(fixed) and rest is None:
            self.found.append(
                report(ARG_COUNT, e.span, message=f"too many arguments in call to '{fn.name}()'")
            )
            return
        by_name = {p.name: p for p in fixed if p.name}
        for i, arg in enumerate(positional):
            p = fixed[i] if i < len(fixed) else rest
            if p is not None:
                self.expect(self.resolver.resolve(p.type), arg)
        given = {p.name for p in fixed[: len(positional)]}
        for arg in named:
            p = by_name.get(arg.name)
            if p is None and included:
                self.expect(self.included_field_type(params, arg.name), arg.value)
                continue
            if p is None:
                if not included:
                    self.found.append(
                        report(ARG_COUNT, arg.span, message=f"undefined defaultable parameter '{arg.name}'")
                    )
                continue
            given.add(arg.name)
            self.expect(self.resolver.resolve(p.type), arg.value)
        missing = [p.name for p in fixed if p.name not in given and p.default is None and not p.included]
        for p in fixed[len(positional) :]:
            if p.included:
                missing += missing_included_fields(self.resolver.resolve(p.type), {a.name for a in named})
        for name in missing:
            message = f"missing required parameter '{name}' in call to '{fn.name}()'"
            self.found.append(report(ARG_COUNT, e.span, message=message))


_SKIP = object()
_UNKNOWN = object()
_EXPR_BRANCHES: tuple[tuple[Any, tuple[type, ...]], ...] = (
    (ast.QueryExpr, (ast.QueryExpr,)),
    (ast.AnonFunction, (ast.AnonFunction,)),
    (_SKIP, (ast.ArrowFunction, ast.ObjectConstructor, ast.LetExpr)),
    (ast.Call, (ast.Call,)),
    (ast.FieldAccess, (ast.FieldAccess,)),
    (ast.MemberAccess, (ast.MemberAccess,)),
    (ast.MethodCall, (ast.MethodCall, ast.RemoteCall)),
    (ast.Binary, (ast.Binary,)),
    (ast.Unary, (ast.Unary,)),
    (ast.NewExpr, (ast.NewExpr,)),
    (ast.ErrorConstructor, (ast.ErrorConstructor,)),
    (ast.Cast, (ast.Cast,)),
    (ast.IsExpr, (ast.IsExpr,)),
    (ast.CheckExpr, (ast.CheckExpr,)),
    (W.SyncSend, (W.SyncSend,)),
)
_EXPR_TAGS: dict[type, Any] = {}
"""Node class -> which branch of `_Checker.expr` it takes (the first of _EXPR_BRANCHES it is a subclass
of; None: none), worked out once per class: testing every node of a large file against each branch's
classes in turn was a third of checking types."""


def _expr_tag(cls: type) -> Any:
    return next((tag for tag, classes in _EXPR_BRANCHES if issubclass(cls, classes)), None)


def check_types(module: ast.Module, source: SourceFile | None = None) -> list[Diagnostic]:
    """Type diagnostics for one module."""
    return _Checker(module, source).run()
