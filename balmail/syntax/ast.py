"""The AST: one frozen attrs class per construct, each carrying the `Span` it came from.

Nodes hold only syntax; names are resolved and types checked in `check/`, and evaluated in `lang/`.
Tuples (not lists) everywhere so nodes stay hashable and immutable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

from balmail.source import Span

node = attrs.frozen(slots=True, kw_only=True, eq=False, repr=False)
"""Nodes compare and hash by identity (two nodes are the same construct only if they are the same object),
and share one `__repr__`: attrs then generates only `__init__` per class, which keeps importing the ~120
node classes cheap (attrs compiles generated methods at every start-up; see bench/lint.py)."""


@node
class Node:
    span: Span

    def __repr__(self) -> str:
        fields = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in self.__attrs_attrs__)  # type: ignore[attr-defined]
        return f"{type(self).__name__}({fields})"


# ---------------------------------------------------------------- types


@node
class TypeDesc(Node):
    """Base of type descriptors."""


@node
class BuiltinType(TypeDesc):
    name: str  # int float decimal string boolean byte json anydata any never handle readonly


@node
class NilType(TypeDesc):
    pass


@node
class TypeRef(TypeDesc):
    prefix: str | None
    name: str


@node
class UnionType(TypeDesc):
    members: tuple[TypeDesc, ...]


@node
class IntersectionType(TypeDesc):
    members: tuple[TypeDesc, ...]


@node
class OptionalType(TypeDesc):
    inner: TypeDesc


@node
class ArrayType(TypeDesc):
    element: TypeDesc
    length: str | None = None  # "3" or "*" for fixed-length arrays after a built-in type


@node
class TupleType(TypeDesc):
    members: tuple[TypeDesc, ...]
    rest: TypeDesc | None


@node
class MapType(TypeDesc):
    constraint: TypeDesc


@node
class ErrorType(TypeDesc):
    detail: TypeDesc | None


@node
class DistinctType(TypeDesc):
    inner: TypeDesc


@node
class SingletonType(TypeDesc):
    value: Literal


@node
class ParameterizedType(TypeDesc):
    """future<T>, typedesc<T>, stream<T, E>, table<T>, xml<T>: kept for checks; rarely evaluated."""

    name: str
    args: tuple[TypeDesc, ...]


@node
class RecordField(Node):
    name: str
    type: TypeDesc
    optional: bool
    default: Expr | None
    readonly: bool
    annotations: tuple[Annotation, ...]


@node
class RecordType(TypeDesc):
    fields: tuple[RecordField, ...]
    inclusions: tuple[TypeDesc, ...]
    closed: bool
    rest: TypeDesc | None


@node
class ObjectType(TypeDesc):
    qualifiers: tuple[str, ...]
    members: tuple[Node, ...]


@node
class FunctionType(TypeDesc):
    """`function` alone (any function) has signature None."""

    signature: Signature | None
    isolated: bool = False  # `isolated function (...)`


# ---------------------------------------------------------------- expressions


@node
class Expr(Node):
    """Base of expressions."""


@node
class Literal(Expr):
    kind: str  # int float decimal string boolean nil
    value: int | str | bool | None  # str: the number text of a float or decimal
    text: str


@node
class VarRef(Expr):
    name: str


@node
class TypeExpr(Expr):
    """A built-in type written where a value is expected: it stands for its typedesc."""

    type: TypeDesc


@node
class QualifiedRef(Expr):
    prefix: str
    name: str


@node
class Template(Expr):
    kind: str  # string xml re raw
    strings: tuple[str, ...]  # len(strings) == len(exprs) + 1
    exprs: tuple[Expr, ...]


@node
class Spread(Expr):
    expr: Expr


@node
class ListExpr(Expr):
    items: tuple[Expr, ...]  # Spread for `...e`


@node
class MappingField(Node):
    kind: str  # key (identifier), string, computed, shorthand, spread
    key: str | None
    key_expr: Expr | None
    value: Expr
    readonly: bool


@node
class MappingExpr(Expr):
    fields: tuple[MappingField, ...]


@node
class FieldAccess(Expr):
    target: Expr
    name: str
    optional: bool
    name_span: Span


@node
class AnnotationAccess(Expr):
    """`t.@rule`: the annotation value attached to a typedesc."""

    target: Expr
    prefix: str | None
    name: str


@node
class MemberAccess(Expr):
    target: Expr
    index: Expr


@node
class NamedArg(Node):
    name: str
    value: Expr


@node
class RestArg(Node):
    value: Expr


Arg = Expr | NamedArg | RestArg


@node
class Call(Expr):
    """`f(x)`, `m:f(x)`, or calling a function-typed variable."""

    func: Expr
    args: tuple[Arg, ...]


@node
class MethodCall(Expr):
    target: Expr
    name: str
    args: tuple[Arg, ...]
    name_span: Span


@node
class RemoteCall(Expr):
    target: Expr
    name: str
    args: tuple[Arg, ...]
    name_span: Span


@node
class ResourceAction(Expr):
    """`c->/a/[id].post(x, page = 2)`: segments are string literals (names), expressions (`[e]`) and
    `Spread` (`[...e]`); `method` is `get` when not written."""

    target: Expr
    segments: tuple[Expr, ...]
    method: str
    args: tuple[Arg, ...]
    method_span: Span


@node
class NewExpr(Expr):
    type: TypeDesc | None
    args: tuple[Arg, ...]


@node
class ErrorConstructor(Expr):
    type: TypeRef | None
    args: tuple[Arg, ...]


@node
class Unary(Expr):
    op: str
    operand: Expr


@node
class Binary(Expr):
    op: str
    left: Expr
    right: Expr


@node
class IsExpr(Expr):
    expr: Expr
    type: TypeDesc
    negated: bool


@node
class Cast(Expr):
    type: TypeDesc | None
    expr: Expr
    annotations: tuple[Annotation, ...]


@node
class TypeOf(Expr):
    expr: Expr


@node
class CheckExpr(Expr):
    panics: bool  # checkpanic
    expr: Expr


@node
class TrapExpr(Expr):
    expr: Expr


@node
class StartExpr(Expr):
    expr: Expr
    annotations: tuple[Annotation, ...] = ()  # `@strand {thread: "any"}`


@node
class WaitExpr(Expr):
    expr: Expr


@node
class Conditional(Expr):
    cond: Expr
    then: Expr
    otherwise: Expr


@node
class Elvis(Expr):
    left: Expr
    right: Expr


@node
class RangeExpr(Expr):
    start: Expr
    end: Expr
    inclusive: bool  # `...` is inclusive, `..<` is not


@node
class LetExpr(Expr):
    bindings: tuple[tuple[TypedBinding, Expr], ...]
    body: Expr


@node
class ArrowFunction(Expr):
    params: tuple[str, ...]
    body: Expr


@node
class AnonFunction(Expr):
    qualifiers: tuple[str, ...]
    signature: Signature
    body: Block | Expr


@node
class ObjectConstructor(Expr):
    qualifiers: tuple[str, ...]
    type: TypeRef | None
    members: tuple[Node, ...]


@node
class FromClause(Node):
    binding: TypedBinding
    expr: Expr


@node
class WhereClause(Node):
    cond: Expr


@node
class LetClause(Node):
    bindings: tuple[tuple[TypedBinding, Expr], ...]


@node
class JoinClause(Node):
    outer: bool
    binding: TypedBinding
    expr: Expr
    left_key: Expr
    right_key: Expr


@node
class OrderKey(Node):
    expr: Expr
    descending: bool


@node
class OrderByClause(Node):
    keys: tuple[OrderKey, ...]


@node
class LimitClause(Node):
    count: Expr


@node
class GroupingKey(Node):
    """`k` (a variable already in scope) or `T k = e` / `var k = e` (a new one) in `group by`."""

    name: str
    type: TypeDesc | None
    expr: Expr | None


@node
class GroupByClause(Node):
    """`group by k1, k2`: every other query variable becomes a sequence variable of its group."""

    keys: tuple[GroupingKey, ...]


QueryClause = FromClause | WhereClause | LetClause | JoinClause | OrderByClause | LimitClause | GroupByClause


@node
class QueryExpr(Expr):
    construct: str | None  # None, "stream", "map"
    clauses: tuple[QueryClause, ...]
    kind: str  # select or collect
    result: Expr
    on_conflict: Expr | None


# ---------------------------------------------------------------- binding and match patterns


@node
class BindingPattern(Node):
    """Base of binding patterns."""


@node
class CaptureBinding(BindingPattern):
    name: str


@node
class WildcardBinding(BindingPattern):
    pass


@node
class ListBinding(BindingPattern):
    items: tuple[BindingPattern, ...]
    rest: str | None


@node
class FieldBinding(Node):
    field: str
    binding: BindingPattern


@node
class MappingBinding(BindingPattern):
    fields: tuple[FieldBinding, ...]
    rest: str | None


@node
class ErrorBinding(BindingPattern):
    type: TypeRef | None
    positional: tuple[BindingPattern, ...]  # message, cause
    named: tuple[tuple[str, BindingPattern], ...]
    rest: str | None = None  # `...rest`: the other detail fields, as a map


@node
class TypedBinding(Node):
    type: TypeDesc | None  # None for `var`
    binding: BindingPattern


@node
class Pattern(Node):
    """Base of match patterns."""


@node
class ConstPattern(Pattern):
    expr: Expr


@node
class WildcardPattern(Pattern):
    pass


@node
class VarPattern(Pattern):
    binding: BindingPattern


@node
class ListPattern(Pattern):
    items: tuple[Pattern, ...]
    rest: str | None


@node
class FieldPattern(Node):
    field: str
    pattern: Pattern


@node
class MappingPattern(Pattern):
    fields: tuple[FieldPattern, ...]
    rest: str | None


@node
class ErrorPattern(Pattern):
    type: TypeRef | None
    positional: tuple[Pattern, ...]
    named: tuple[tuple[str, Pattern], ...]
    rest: str | None = None  # `...var rest`: the other detail fields, as a map


# ---------------------------------------------------------------- statements


@node
class Stmt(Node):
    """Base of statements."""


@node
class Block(Node):
    statements: tuple[Stmt, ...]


@node
class OnFail(Node):
    binding: TypedBinding | None
    body: Block


@node
class VarDecl(Stmt):
    final: bool
    type: TypeDesc | None  # None for `var`
    binding: BindingPattern
    init: Expr | None
    annotations: tuple[Annotation, ...]


@node
class Assign(Stmt):
    target: Expr
    value: Expr


@node
class CompoundAssign(Stmt):
    target: Expr
    op: str  # the binary operator: + - * / % & | ^ << >> >>>
    value: Expr


@node
class Destructure(Stmt):
    binding: BindingPattern
    value: Expr


@node
class IgnoreStmt(Stmt):
    value: Expr


@node
class ExprStmt(Stmt):
    expr: Expr


@node
class If(Stmt):
    cond: Expr
    then: Block
    otherwise: Block | If | None


@node
class While(Stmt):
    cond: Expr
    body: Block
    on_fail: OnFail | None


@node
class Foreach(Stmt):
    binding: TypedBinding
    iterable: Expr
    body: Block
    on_fail: OnFail | None


@node
class MatchClause(Node):
    patterns: tuple[Pattern, ...]
    guard: Expr | None
    body: Block


@node
class Match(Stmt):
    expr: Expr
    clauses: tuple[MatchClause, ...]
    on_fail: OnFail | None


@node
class Break(Stmt):
    pass


@node
class Continue(Stmt):
    pass


@node
class Return(Stmt):
    value: Expr | None


@node
class Panic(Stmt):
    value: Expr


@node
class Fail(Stmt):
    value: Expr


@node
class Lock(Stmt):
    body: Block
    on_fail: OnFail | None


@node
class Do(Stmt):
    body: Block
    on_fail: OnFail | None


@node
class Retry(Stmt):
    manager: TypeDesc | None
    args: tuple[Arg, ...]
    body: Block
    on_fail: OnFail | None


@node
class BlockStmt(Stmt):
    block: Block


@node
class QueryAction(Stmt):
    clauses: tuple[QueryClause, ...]
    body: Block


@node
class QueryActionExpr(Expr):
    """`from ... do {...}` used as an expression (`check from ... do {...};`): nil, or the error a clause
    or the block failed with."""

    clauses: tuple[QueryClause, ...]
    body: Block


# ---------------------------------------------------------------- module level


@node
class Annotation(Node):
    prefix: str | None
    name: str
    value: MappingExpr | None


@node
class Import(Node):
    org: str | None
    module: tuple[str, ...]
    alias: str | None  # `as x`; "_" for side-effect-only imports

    @property
    def prefix(self) -> str:
        """The prefix code uses: the alias, else the last module-name part (`lang.string` → `string`)."""
        return self.alias if self.alias is not None else self.module[-1]

    @property
    def full_name(self) -> str:
        org = f"{self.org}/" if self.org else ""
        return org + ".".join(self.module)


@node
class Param(Node):
    type: TypeDesc
    name: str | None
    default: Expr | None
    rest: bool
    annotations: tuple[Annotation, ...]
    included: bool = False  # `*Options opts`: an included record parameter


@node
class Signature(Node):
    params: tuple[Param, ...]
    returns: TypeDesc | None
    return_annotations: tuple[Annotation, ...]


@node
class ResourceSegment(Node):
    """A path segment: a name, `.`, or a path parameter `[T name]` / `[T... name]`."""

    name: str | None
    param_type: TypeDesc | None
    rest: bool


@node
class Member(Node):
    """Base of module-level and class/service members."""

    annotations: tuple[Annotation, ...]
    qualifiers: tuple[str, ...]


@node
class FunctionDefn(Member):
    name: str
    name_span: Span
    resource_path: tuple[ResourceSegment, ...] | None
    signature: Signature
    body: Block | None  # None for `= external;` and for declarations in object types


@node
class AnnotationDecl(Member):
    type: TypeDesc | None
    name: str
    name_span: Span
    attach_points: tuple[str, ...]


@node
class ConstDecl(Member):
    type: TypeDesc | None
    name: str
    name_span: Span
    value: Expr


@node
class TypeDefn(Member):
    name: str
    name_span: Span
    type: TypeDesc


@node
class EnumMember(Node):
    name: str
    value: Expr | None


@node
class EnumDefn(Member):
    name: str
    name_span: Span
    members: tuple[EnumMember, ...]


@node
class ObjectField(Member):
    type: TypeDesc
    name: str
    name_span: Span
    default: Expr | None


@node
class TypeInclusion(Member):
    type: TypeDesc


@node
class ClassDefn(Member):
    name: str
    name_span: Span
    members: tuple[Member, ...]


@node
class ListenerDecl(Member):
    type: TypeDesc | None
    name: str
    name_span: Span
    init: Expr


@node
class ServiceDecl(Member):
    type: TypeRef | None
    attach_point: str | tuple[str, ...] | None  # string name, or absolute path segments
    listeners: tuple[Expr, ...]
    members: tuple[Member, ...]


@node
class ModuleVarDecl(Member):
    type: TypeDesc | None  # None: `var x = e;` (inferred from the initialiser)
    binding: BindingPattern
    init: Expr | None
    required: bool  # `configurable T x = ?;`


@node
class Module(Node):
    imports: tuple[Import, ...]
    members: tuple[Member, ...]


_PLAIN = frozenset({"str", "int", "bool", "float", "None", "tuple", "Span", "Decimal"})
"""Annotation words of fields that never hold a node (names, operators, flags, spans)."""


_CHILDREN: dict[type, Callable[[Node], list[Node]]] = {}


def _child_fields(cls: type) -> list[tuple[str, str]]:
    """(name, annotation) of the fields of `cls` whose annotation admits a node."""
    found = []
    for f in attrs.fields(cls):
        annotation = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "object")
        words = set(re.findall(r"[A-Za-z_]\w*", annotation))
        if words and words <= _PLAIN:
            continue
        found.append((f.name, annotation))
    return found


def _node_class_names() -> set[str]:
    found: set[str] = set()
    stack: list[type] = [Node]
    while stack:
        cls = stack.pop()
        found.add(cls.__name__)
        stack.extend(cls.__subclasses__())
    return found


_SINGLE = re.compile(r"\w+(?: \| \w+)*")
_TUPLE = re.compile(r"tuple\[(\w+(?: \| \w+)*), \.\.\.\]")


def _children_function(cls: type) -> Callable[[Node], list[Node]]:
    """`children` for the nodes of one class, as straight-line Python made from its field annotations
    (compiled once per class on first use): the generic loop over field names was most of the cost of
    the dozen whole-module walks of check, lint and compile. A field annotated with node classes (or a
    tuple of them) is read as such; any other field as the generic walk did (a node, or a tuple of nodes
    and of tuples of nodes)."""
    nodes = _node_class_names() | {"None"}
    fields = _child_fields(cls)
    if not fields:
        return LEAF
    lines = ["def children(node, Node=Node, tuple=tuple):", "    out = []", "    add = out.append"]
    for name, annotation in fields:
        lines.append(f"    value = node.{name}")
        single, many = _SINGLE.fullmatch(annotation), _TUPLE.fullmatch(annotation)
        if single and set(annotation.split(" | ")) <= nodes:
            lines += ["    if isinstance(value, Node):", "        add(value)"]
        elif many and set(many.group(1).split(" | ")) <= nodes:
            lines += ["    for item in value:", "        if isinstance(item, Node):", "            add(item)"]
        else:
            lines += ["    if isinstance(value, Node):", "        add(value)"]
            lines += ["    elif isinstance(value, tuple):", "        for item in value:"]
            lines += ["            if isinstance(item, Node):", "                add(item)"]
            lines += ["            elif isinstance(item, tuple):"]
            lines += ["                out.extend([x for x in item if isinstance(x, Node)])"]
    lines.append("    return out")
    namespace: dict[str, Any] = {"Node": Node}
    exec(compile("\n".join(lines), f"<children of {cls.__name__}>", "exec"), namespace)  # noqa: S102
    return namespace["children"]  # type: ignore[no-any-return]


Pusher = Callable[[Node, Callable[[Node], None]], None]
"""`push_children(node, push)`: calls `push` with each direct child of `node`."""


def _pusher_function(cls: type, forward: bool = False) -> Pusher | None:
    """`push_children(node, push)`: pushes the direct children of a node of `cls` last first (what a
    depth-first walk with a stack wants, without a list per node to build and reverse), or with
    `forward` in field order (as `stack.extend(children(node))` would); None for a class whose nodes
    have no children. Made from the annotations as `_children_function` is."""
    nodes = _node_class_names() | {"None"}
    fields = _child_fields(cls)
    if not fields:
        return None
    order = "" if forward else "reversed"
    lines = ["def push_children(node, push, Node=Node, tuple=tuple, reversed=reversed):"]
    for name, annotation in fields if forward else reversed(fields):
        lines.append(f"    value = node.{name}")
        single, many = _SINGLE.fullmatch(annotation), _TUPLE.fullmatch(annotation)
        if single and set(annotation.split(" | ")) <= nodes:
            lines += ["    if isinstance(value, Node):", "        push(value)"]
        elif many and set(many.group(1).split(" | ")) <= nodes:
            lines += [f"    for item in {order}(value):", "        if isinstance(item, Node):"]
            lines += ["            push(item)"]
        else:
            lines += ["    if isinstance(value, Node):", "        push(value)"]
            lines += ["    elif isinstance(value, tuple):", f"        for item in {order}(value):"]
            lines += ["            if isinstance(item, Node):", "                push(item)"]
            lines += ["            elif isinstance(item, tuple):", f"                for x in {order}(item):"]
            lines += ["                    if isinstance(x, Node):", "                        push(x)"]
    namespace: dict[str, Any] = {"Node": Node}
    exec(compile("\n".join(lines), f"<push children of {cls.__name__}>", "exec"), namespace)  # noqa: S102
    return namespace["push_children"]  # type: ignore[no-any-return]


_PUSHERS: dict[type, Pusher | None] = {}


def children_pushers() -> dict[type, Pusher | None]:
    """Per node class, `push_children(node, push)` (see `_pusher_function`), made on first use: read it
    with `.get`, and call `children_pusher(cls)` for a class not in it yet."""
    return _PUSHERS


def children_pusher(cls: type) -> Pusher | None:
    if cls not in _PUSHERS:
        _PUSHERS[cls] = _pusher_function(cls)
    return _PUSHERS[cls]


def subtree(node: Node) -> list[Node]:
    """`node` and every node below it, each after its ancestors (depth first; callers rely on nothing
    more about the order), made without a generator: for subtrees walked whole, many times."""
    out: list[Node] = []
    stack = [node]
    add, pop, push = out.append, stack.pop, stack.append
    pushers = _PUSHERS
    while stack:
        current = pop()
        add(current)
        cls = type(current)
        push_children = pushers[cls] if cls in pushers else children_pusher(cls)
        if push_children is not None:  # None: a class without child fields (names, literals)
            push_children(current, push)
    return out


_FORWARD_PUSHERS: dict[type, Pusher | None] = {}


def forward_pushers() -> dict[type, Pusher | None]:
    """As `children_pushers`, but each pushes the children in field order (`forward_pusher(cls)` adds a
    class): a walk that must visit nodes in the order `stack.extend(children(node))` gives."""
    return _FORWARD_PUSHERS


def forward_pusher(cls: type) -> Pusher | None:
    if cls not in _FORWARD_PUSHERS:
        _FORWARD_PUSHERS[cls] = _pusher_function(cls, forward=True)
    return _FORWARD_PUSHERS[cls]


def _no_children(node: Node) -> list[Node]:
    return []


LEAF = _no_children
"""`children` of the classes with no field that can hold a node (names, literals)."""


def children(node: Node) -> list[Node]:
    """The direct child nodes of any node, in field order (tuples, and tuples of pairs, flattened), so
    passes that only need to reach every node need no per-kind code. Fields whose annotation admits
    no node (`name: str`, `span: Span`) are not looked at."""
    fn = _CHILDREN.get(type(node))
    if fn is None:
        fn = _CHILDREN[type(node)] = _children_function(type(node))
    return fn(node)
