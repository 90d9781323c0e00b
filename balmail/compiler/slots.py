"""Which local variables of a generated function live in its frame list and which are plain Python locals.

A function body becomes one generated Python function (stmtgen.gen_invoke). A local that only the
function's own generated lines read and write is a Python local (`_v5`, a `LOAD_FAST`); a local that code
compiled apart reads through the frame (`f[5]`): closures of nested functions and objects, loop bodies that
run in a fresh frame per iteration, and statements or expressions the generator leaves to the closure
compiler. `frame_names` decides this before any line is emitted, by walking the body with the generator's
own rules of what it emits itself, so every reference is named right the first time.

The walk works on declarations, as the resolve record (balmail/resolve) has them: of two variables of one
function with the same name, only the one a closure reads is in the frame. A name the record does not
resolve to a declaration (`self`, nodes the compiler made) is in the frame by name. The walk reads the
syntax alone. Where the generator's choice depends on static types (a list or mapping constructor whose
expected type is read-only or needs filler values falls back to a closure), a closure may still ask for a
local: `Scope.lookup` records that name as `late`, and gen_invoke generates the function once more with it
in the frame (tests/compiler/test_slots.py checks that no conformance program needs this).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from balmail.compiler.scope import SLOT_KINDS, Key
from balmail.resolve.record import Resolution
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler
    from balmail.source import Span

MAX_INDENT = 20  # indentation levels per generated function (stmtgen.gen_stmt); each level opens at most
# one Python block (for, while, try), and CPython refuses more than 20 nested blocks in one function
MAX_CODE_NEST = 40  # expression levels per generated lambda (codegen.code)
_CLOSURE_MAKERS = (ast.AnonFunction, ast.ArrowFunction, ast.ObjectConstructor)
_NOT_INLINED = frozenset(("ensureType", "cloneWithType", "fromJsonWithType", "fromJsonStringWithType"))


def frame_names(cx: Compiler, body: ast.Block) -> frozenset[Key]:
    """The declarations (names, where the record has none) that code compiled apart from `body`'s
    generated lines reads or writes."""
    walk = _Walk(cx, body)
    walk.block(body, 2)
    return frozenset(walk.frame)


def creates_closures(node: ast.Node, closure_free: Span | None = None) -> bool:
    """Whether a loop body makes function values or objects that could outlive the iteration (such a
    loop runs each iteration in a fresh frame: stmtgen.gen_fresh_iteration). `closure_free` is the span
    of a function body known to make none (`Compiler.closure_free`): a node inside it makes none either,
    and its loops need no walk of their own."""
    if closure_free is not None:
        span, free = node.span, closure_free
        if span.file == free.file and free.start <= span.start and span.end <= free.end:
            return False
    return any(isinstance(n, _CLOSURE_MAKERS) for n in nodes(node))


def function_nodes(cx: Compiler, body: ast.Node) -> list[ast.Node]:
    """`nodes(body)` of the function body being compiled, walked once: the frame walk, `unsteady` and
    each generation of the body (stmtgen.gen_invoke) read it."""
    cached = cx.body_nodes
    if cached is not None and cached[0] is body:
        return cached[1]
    found = nodes(body)
    cx.body_nodes = (body, found)
    return found


def closure_free_span(cx: Compiler, body: ast.Node) -> Span | None:
    """`body.span` when nothing in the function body makes a closure, else None (see creates_closures)."""
    if any(isinstance(n, _CLOSURE_MAKERS) for n in function_nodes(cx, body)):
        return None
    return body.span


def nodes(node: ast.Node) -> list[ast.Node]:
    """`node` and every node below it, each after its ancestors (`ast.subtree`)."""
    return ast.subtree(node)


def _assigned(b: ast.Node) -> list[tuple[ast.Node, str]]:
    """The variables a destructuring assignment's pattern names (captures and `...rest`), each with the
    node the resolve record keys its use by."""
    out: list[tuple[ast.Node, str]] = []
    for n in nodes(b):
        if isinstance(n, ast.CaptureBinding):
            out.append((n, n.name))
        elif isinstance(n, ast.ListBinding | ast.MappingBinding | ast.ErrorBinding) and n.rest:
            out.append((n, n.rest))
    return out


def _declared(cx: Compiler, body: ast.Block) -> set[str]:
    """Every name a declaration or a `foreach` in `body` binds (nested functions included)."""
    out: set[str] = set()
    for n in function_nodes(cx, body):
        if isinstance(n, ast.CaptureBinding):
            out.add(n.name)
    return out


class _Walk:
    """One walk over a function body, mirroring stmtgen.gen_stmt and codegen.code: `generated` parts
    are followed into, every name under a part compiled apart goes to `frame`."""

    def __init__(self, cx: Compiler, body: ast.Block) -> None:
        self.cx = cx
        self.record: Resolution = cx.record
        self.frame: set[Key] = set()
        self.locals = _declared(cx, body)

    def is_local(self, ref: ast.VarRef) -> bool:
        decl = self.record.refs.get(ref)
        if decl is not None:
            return decl.kind in SLOT_KINDS
        return ref.name in self.locals or self.cx.scope.lookup(ref.name, quiet=True) is not None

    def _key(self, node: ast.Node, name: str) -> Key | None:
        """What a use of `name` at `node` keeps in the frame: its declaration, its name where the record
        resolves it to none, nothing for a module-level name."""
        decl = self.record.refs.get(node)
        if decl is None:
            return name
        return decl if decl.kind in SLOT_KINDS else (name if name == "self" else None)

    def apart(self, node: ast.Node) -> None:
        """`node` is compiled by the closure compiler: every name it may look up lives in the frame, apart
        from names it declares itself (Ballerina does not let a local shadow another: a name declared
        inside `node` is not also one of the function's locals in scope there)."""
        used: set[Key | None] = set()
        own: set[str] = set()
        assigned: set[int] = set()  # the capture patterns of destructuring assignments
        key = self._key
        for n in nodes(node):
            if isinstance(n, ast.VarRef):
                used.add(key(n, n.name))
            elif isinstance(n, ast.Destructure):  # assigns existing variables
                used.update(key(b, name) for b, name in _assigned(n.binding))
                assigned.update(id(b) for b in nodes(n.binding))
            elif isinstance(n, ast.GroupingKey) and n.expr is None:  # `group by k` names one in scope
                used.add(key(n, n.name))
            elif isinstance(n, ast.CaptureBinding) and id(n) not in assigned:
                own.add(n.name)
            elif isinstance(n, ast.ArrowFunction):
                own.update(n.params)
            elif isinstance(n, ast.Param) and n.name:
                own.add(n.name)
            elif isinstance(n, ast.ObjectConstructor):  # its methods' own `self`
                own.add("self")
        used.discard(None)
        self.frame.update(used - own)  # type: ignore[arg-type] # None is gone

    # ------------------------------------------------------------ statements (stmtgen.gen_X)

    def block(self, b: ast.Block, ind: int) -> None:
        for s in b.statements:
            self.stmt(s, ind)

    def stmt(self, s: ast.Stmt, ind: int) -> None:
        if ind >= MAX_INDENT or not self._generated_stmt(s, ind):
            self.apart(s)

    def _generated_stmt(self, s: ast.Stmt, ind: int) -> bool:  # noqa: PLR0911, PLR0912 - one case per kind
        if isinstance(s, ast.Assign) and s in self.cx.record.typed_single:
            s = self.cx.record.typed_single[s]  # `Pair [a] = p;`: the declaration it is
        if isinstance(s, ast.VarDecl):
            if s.init is not None:
                self.expr(s.init, 0)
            return True
        if isinstance(s, ast.Assign | ast.CompoundAssign):
            target = s.target
            if isinstance(target, ast.FieldAccess):
                self.expr(target.target, 0)
            elif isinstance(target, ast.MemberAccess):
                self.expr(target.target, 0)
                self.expr(target.index, 0)
            self.expr(s.value, 0)
            return True
        if isinstance(s, ast.ExprStmt):
            self.expr(s.expr, 0)
            return True
        if isinstance(s, ast.IgnoreStmt | ast.Panic):
            self.expr(s.value, 0)
            return True
        if isinstance(s, ast.Return):
            if s.value is not None:
                self.expr(s.value, 0)
            return True
        if isinstance(s, ast.Break | ast.Continue):
            return True
        if isinstance(s, ast.BlockStmt):
            self.block(s.block, ind)
            return True
        if isinstance(s, ast.If):
            self.expr(s.cond, 0)
            self.block(s.then, ind + 1)
            if isinstance(s.otherwise, ast.Block):
                self.block(s.otherwise, ind + 1)
            elif s.otherwise is not None:
                self.stmt(s.otherwise, ind + 1)
            return True
        if isinstance(s, ast.While):
            if s.on_fail is not None:
                return False
            self.expr(s.cond, 0)
            self._loop_body(s.body, ind)
            return True
        if isinstance(s, ast.Foreach):
            if s.on_fail is not None:
                return False
            it = s.iterable
            if isinstance(it, ast.RangeExpr):
                self.expr(it.start, 0)
                self.expr(it.end, 0)
            else:
                self.expr(it, 0)
            self._loop_body(s.body, ind)
            return True
        return False

    def _loop_body(self, body: ast.Block, ind: int) -> None:
        if creates_closures(body, self.cx.closure_free):
            self.apart(body)  # a fresh frame per iteration, compiled apart
        else:
            self.block(body, ind + 1)

    # ------------------------------------------------------------ expressions (codegen.code_X)

    def expr(self, e: ast.Expr, nest: int) -> None:
        if nest >= MAX_CODE_NEST or not self.cx.generate_expressions or not self._generated_expr(e, nest + 1):
            self.apart(e)

    def _generated_expr(self, e: ast.Expr, nest: int) -> bool:  # noqa: PLR0911, PLR0912 - one case per kind
        if isinstance(e, ast.Literal | ast.VarRef):
            return True
        if isinstance(e, ast.Binary):
            self.expr(e.left, nest)
            self.expr(e.right, nest)
            return True
        if isinstance(e, ast.Unary):
            if e.op == "-" and isinstance(e.operand, ast.Literal):
                return False
            self.expr(e.operand, nest)
            return True
        if isinstance(e, ast.Conditional):
            for x in (e.cond, e.then, e.otherwise):
                self.expr(x, nest)
            return True
        if isinstance(e, ast.Elvis):
            self.expr(e.left, nest)
            self.expr(e.right, nest)
            return True
        if isinstance(e, ast.IsExpr | ast.Cast | ast.CheckExpr):
            self.expr(e.expr, nest)
            return True
        if isinstance(e, ast.Template):
            if e.kind != "string" or not e.exprs or len(e.exprs) > 8:
                return False
            for x in e.exprs:
                self.expr(x, nest)
            return True
        if isinstance(e, ast.FieldAccess):
            if e.optional or ":" in e.name:
                return False
            self.expr(e.target, nest)
            return True
        if isinstance(e, ast.MemberAccess):
            if type(e.target).__name__ == "XmlNavigation":
                return False
            self.expr(e.target, nest)
            self.expr(e.index, nest)
            return True
        if isinstance(e, ast.ListExpr):
            if any(isinstance(i, ast.Spread) for i in e.items):
                return False
            for x in e.items:
                self.expr(x, nest)
            return True
        if isinstance(e, ast.MappingExpr):
            if any(f.kind not in ("key", "string", "shorthand") for f in e.fields):
                return False
            for f in e.fields:
                self.expr(f.value, nest)
            return True
        if isinstance(e, ast.Call):
            return self._generated_call(e, nest)
        if isinstance(e, ast.MethodCall):
            if not self._plain_args(e.args) or e.name in _NOT_INLINED:
                return False
            self.expr(e.target, nest)
            for a in e.args:
                self.expr(a, nest)  # type: ignore[arg-type] # plain expressions (_plain_args)
            return True
        return False

    def _generated_call(self, e: ast.Call, nest: int) -> bool:
        """A static call of a module function with one plain argument per parameter, or a call of a
        function value in a variable with plain arguments (gencalls.code_Call)."""
        fn = e.func
        if not isinstance(fn, ast.VarRef) or not self._plain_args(e.args):
            return False
        entry = None if self.is_local(fn) else self.cx.names.get(fn.name)
        if entry is None and not self.is_local(fn):
            return False
        if entry is None or entry.kind == "var":
            for a in e.args:
                self.expr(a, nest)  # type: ignore[arg-type] # plain expressions (_plain_args)
            return True
        if entry.kind != "func":
            return False
        params = entry.value.params
        if len(e.args) != len(params) or any(p.rest for p in params):
            return False
        for a in e.args:
            self.expr(a, nest)  # type: ignore[arg-type] # plain expressions (_plain_args)
        return True

    @staticmethod
    def _plain_args(args: tuple[ast.Arg, ...]) -> bool:
        return all(isinstance(a, ast.Expr) and not isinstance(a, ast.Spread) for a in args)
