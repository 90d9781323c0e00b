"""Definite assignment: a local variable declared without an initializer (`int total;`) must be assigned on
every path before it is read (spec, "Variable references": a reference to a variable that is not
definitely assigned is a compile error). jBallerina says `variable 'x' is not initialized` when no path
assigns it and `variable 'x' may not have been initialized` when some path does.

The analysis runs over each function body in statement order with the set of variables that may still be
unassigned: declarations of the resolve record (balmail/resolve), which a use is mapped to through
`record.refs`, so two variables of one name (in sibling blocks) are never confused.
Whenever a construct is not followed precisely (match exhaustiveness, `on fail`, workers,
transactions, query actions) it assumes the variables it might assign are assigned: a program is refused
only when some path certainly reads an unassigned variable. Reads inside closures are not followed.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from balmail.check.registry import Rule, register, report
from balmail.check.walk import assigned_decls, is_function_boundary, nodes_of, walk
from balmail.diagnostics import Diagnostic, Severity
from balmail.resolve import Decl, Resolution, record_of
from balmail.syntax import ast

UNINITIALIZED = register(
    Rule(
        code="BAL_TYPE_110",
        name="uninitialized-variable",
        severity=Severity.ERROR,
        summary="A local variable is read before a value is assigned to it on every path.",
        what_it_does="Follows each function body statement by statement and reports a read of a local "
        "variable declared without an initializer (`string folder;`) that some path reaches without "
        "assigning it: `is not initialized` when no path assigns it, `may not have been initialized` when "
        "only some do (an `if` without `else`, a loop body that may not run).",
        why="Ballerina rejects the program: a variable has no default value.",
        example="function folderFor(boolean urgent) returns string {\n    string folder;\n    if urgent {\n"
        '        folder = "Urgent";\n    }\n    return folder;\n}',
        fix="function folderFor(boolean urgent) returns string {\n    string folder;\n    if urgent {\n"
        '        folder = "Urgent";\n    } else {\n        folder = "INBOX";\n    }\n    return folder;\n}',
        message="variable '{0}' is not initialized",
    )
)


@attrs.define
class _State:
    """Variables that may be unassigned here, and variables assigned on some path to here."""

    unassigned: set[Decl]
    assigned: set[Decl]

    def copy(self) -> _State:
        return _State(set(self.unassigned), set(self.assigned))


def _merge(states: Iterable[_State | None]) -> _State | None:
    """Where paths join: unassigned on any path, assigned on any. None is a path that never gets here."""
    out: _State | None = None
    for s in states:
        if s is None:
            continue
        if out is None:
            out = s.copy()
        else:
            out.unassigned |= s.unassigned
            out.assigned |= s.assigned
    return out


class _Flow:
    def __init__(self, record: Resolution) -> None:
        self.record = record
        self.refs = record.refs
        self.found: list[Diagnostic] = []
        self.loops: list[list[_State]] = []  # the states at each `break` of the enclosing loops

    # ------------------------------------------------------------ reads

    def reads(self, e: ast.Node | None, state: _State | None) -> None:
        if e is None or state is None or not state.unassigned:
            return
        refs = self.refs
        for n in walk(e, is_function_boundary):
            if n is not e and is_function_boundary(n):
                continue
            if isinstance(n, ast.VarRef) and refs.get(n) in state.unassigned:
                if refs.get(n) in state.assigned:
                    message = f"variable '{n.name}' may not have been initialized"
                    self.found.append(report(UNINITIALIZED, n.span, message=message))
                else:
                    self.found.append(report(UNINITIALIZED, n.span, n.name))

    # ------------------------------------------------------------ statements

    def block(self, b: ast.Block, state: _State | None) -> _State | None:
        declared: list[Decl] = []
        for s in b.statements:
            if state is None:
                return None
            state = self.stmt(s, state, declared)
        if state is not None:
            for decl in declared:  # out of scope: nothing reads it any more
                state.unassigned.discard(decl)
                state.assigned.discard(decl)
        return state

    def assign(self, decl: Decl | None, state: _State) -> None:
        if decl is not None:
            state.unassigned.discard(decl)
            state.assigned.add(decl)

    def stmt(self, s: ast.Stmt, state: _State, declared: list[Decl]) -> _State | None:
        if isinstance(s, ast.VarDecl):
            self.reads(s.init, state)
            decl = self.record.decls.get(s.binding) if isinstance(s.binding, ast.CaptureBinding) else None
            if decl is not None:
                declared.append(decl)
                if s.init is None:
                    state.unassigned.add(decl)
                    state.assigned.discard(decl)
                else:
                    self.assign(decl, state)
            return state
        if isinstance(s, ast.Assign):
            self.reads(s.value, state)
            if isinstance(s.target, ast.VarRef):
                self.assign(self.refs.get(s.target), state)
            else:
                self.reads(s.target, state)
            return state
        if isinstance(s, ast.CompoundAssign):
            self.reads(s.target, state)
            self.reads(s.value, state)
            return state
        if isinstance(s, ast.Destructure):
            self.reads(s.value, state)
            for decl in assigned_decls(s, self.refs):
                self.assign(decl, state)
            return state
        if isinstance(s, ast.ExprStmt):
            self.reads(s.expr, state)
            return state
        if isinstance(s, ast.IgnoreStmt):
            self.reads(s.value, state)
            return state
        if isinstance(s, ast.Return):
            self.reads(s.value, state)
            return None
        if isinstance(s, ast.Panic | ast.Fail):
            self.reads(s.value, state)
            return None
        if isinstance(s, ast.Break):
            if self.loops:
                self.loops[-1].append(state.copy())
            return None
        if isinstance(s, ast.Continue):
            return None
        if isinstance(s, ast.If):
            self.reads(s.cond, state)
            then = self.block(s.then, state.copy())
            if isinstance(s.otherwise, ast.Block):
                otherwise = self.block(s.otherwise, state.copy())
            elif isinstance(s.otherwise, ast.If):
                otherwise = self.stmt(s.otherwise, state.copy(), [])
            else:
                otherwise = state
            return _merge([then, otherwise])
        if isinstance(s, ast.While):
            self.reads(s.cond, state)
            self.loops.append([])
            body = self.block(s.body, state.copy())
            breaks = self.loops.pop()
            forever = isinstance(s.cond, ast.Literal) and s.cond.value is True
            after = _merge(breaks) if forever else _merge([state, *breaks])
            if after is not None and body is not None:
                after.assigned |= body.assigned
            return self.on_fail(s.on_fail, after)
        if isinstance(s, ast.Foreach):
            self.reads(s.iterable, state)
            self.loops.append([])
            body = self.block(s.body, state.copy())
            self.loops.pop()
            after = state.copy()
            if body is not None:
                after.assigned |= body.assigned
            return self.on_fail(s.on_fail, after)
        if isinstance(s, ast.Match):
            self.reads(s.expr, state)
            ends = []
            for c in s.clauses:
                entry = state.copy()
                self.reads(c.guard, entry)
                ends.append(self.block(c.body, entry))
            # exhaustiveness is not decided here: assume some clause always matches (fewer findings)
            after = _merge(ends) if s.clauses else state
            return self.on_fail(s.on_fail, after)
        if isinstance(s, ast.BlockStmt):
            return self.block(s.block, state)
        if isinstance(s, ast.Do | ast.Lock):
            return self.on_fail(s.on_fail, self.block(s.body, state))
        # workers, transactions, retry, query actions, local functions: not followed; whatever they may
        # assign counts as assigned from here on
        for decl in assigned_decls(s, self.refs):
            self.assign(decl, state)
        return state

    def on_fail(self, clause: ast.OnFail | None, state: _State | None) -> _State | None:
        if clause is None or state is None:
            return state
        # entered from wherever the body failed: start from the body's end state (fewer findings)
        return _merge([state, self.block(clause.body, state.copy())])


def uninitialized_reads(module: ast.Module) -> list[Diagnostic]:
    """Reads of local variables that some path reaches unassigned, in every function body of `module`
    (module functions, methods of classes, services and object constructors, closures)."""
    flow = _Flow(record_of(module))
    for n in nodes_of(module, ast.FunctionDefn, ast.AnonFunction):
        body = getattr(n, "body", None)
        if isinstance(n, ast.FunctionDefn | ast.AnonFunction) and isinstance(body, ast.Block):
            flow.block(body, _State(set(), set()))
    return flow.found
