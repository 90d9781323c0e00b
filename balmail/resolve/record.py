"""What the resolve pass records about one module: every declaration once, and for every use of a name the
declaration it refers to (or that it refers to none). Plain data; the pass itself is resolve/walk.py."""

from __future__ import annotations

import attrs

from balmail.source import Span
from balmail.syntax import ast

# Declaration kinds
MODULE_VALUE = "module-value"  # function, constant, listener, module variable, enum member
MODULE_TYPE = "module-type"  # type definition, class, enum
IMPORT = "import"  # a module prefix of one file
PARAM = "param"  # function, anonymous function, arrow function or resource path parameter
LOCAL = "local"  # a variable bound by a declaration, foreach, match, query clause, let, on fail, group by
WORKER = "worker"  # a named worker (a future to the default worker, a peer to the others)
SELF = "self"  # `self` in an object's methods and field initialisers
AGGREGATE = "aggregate"  # `sum`, `count`, ... in a `collect` clause or after `group by`

LOCAL_KINDS = frozenset({PARAM, LOCAL, WORKER, SELF})


@attrs.define(eq=False, slots=True)
class FunctionScope:
    """A function whose frame holds the locals declared in it: a module function or method, an anonymous or
    arrow function, a named worker, or the parameters of a function type. `captures` lists the locals of
    enclosing functions it (or a function nested in it) uses, each once, in first-use order."""

    node: ast.Node
    parent: FunctionScope | None
    captures: list[Decl] = attrs.field(factory=list)
    params: list[Decl] = attrs.field(factory=list)
    """Its parameters in order: a resource method's path parameters first, then the signature's."""


@attrs.define(eq=False, slots=True, repr=False)
class Decl:
    """One declaration. `node` is the node that declares it: a CaptureBinding, Param, ResourceSegment,
    GroupingKey, WorkerDecl, Import, a module member, or (for `...rest` names and arrow parameters, which
    are strings in the AST) the pattern or arrow function holding the name. `type` is the type written for
    it, where one is (a `var` declaration, an arrow parameter or a nested capture of a destructuring
    pattern has none). `function` is None at module level; `scope` the node that opened the block it is
    declared in (a Block, a loop, a match clause, a query, a `let`, a function)."""

    name: str
    kind: str
    span: Span
    node: ast.Node | None
    type: ast.Node | None = None
    function: FunctionScope | None = None
    scope: ast.Node | None = None
    uses: int = 0

    def __repr__(self) -> str:
        return f"Decl({self.name!r}, {self.kind}, {self.span.start})"


@attrs.define(eq=False, slots=True)
class Use:
    """A name used as a value: a VarRef (`role` "value"), the function of a call (`"call"`), a variable a
    destructuring assignment writes (`"assign"`; `node` is the CaptureBinding or the pattern holding a
    `...rest`), or the key of `group by k` (`"value"`; `node` the GroupingKey)."""

    node: ast.Node
    name: str
    span: Span
    role: str
    decl: Decl | None


@attrs.define(eq=False, slots=True)
class TypeUse:
    """An unprefixed type reference and the module-level declaration it names (types and values both count,
    as before: a value name used as a type is reported by the type checks, not here)."""

    node: ast.TypeRef
    decl: Decl | None


@attrs.define(eq=False, slots=True)
class QualifiedUse:
    """`prefix:name` (a value, function, type, annotation or annotation access) and the import of the file
    it names. `kind` is "value", "function" or "type" when `name` is a member to look for in the imported
    module, None for annotations. `xml` says the prefix was bound by an `xmlns` declaration seen before."""

    prefix: str
    name: str
    span: Span
    kind: str | None
    decl: Decl | None
    xml: bool


@attrs.define(eq=False, slots=True)
class PeerUse:
    """A worker named by a message, receive or flush, and whether the enclosing function or fork has it as a
    peer (`function` is the default worker's name)."""

    name: str
    span: Span
    found: bool


@attrs.define(eq=False, slots=True)
class Resolution:
    """The record of one module (all its files: members together, imports per file)."""

    module_names: dict[str, Decl] = attrs.field(factory=dict)
    """Module-level values and types by name (the first declaration of a name)."""
    module_decls: dict[ast.Node, Decl] = attrs.field(factory=dict)
    """Every module-level declaration by its declaring node (a function, constant, listener, type, class,
    enum or enum member, or a module variable's CaptureBinding), a redeclared one too."""
    imports: dict[str, dict[str, Decl]] = attrs.field(factory=dict)
    """Per file, its import prefixes (a prefix imported twice: the last import)."""
    decls: dict[ast.Node, Decl] = attrs.field(factory=dict)
    """Local declarations by declaring node; a node declaring more than one name (an object's `self` and a
    pattern's `...rest`, an arrow function's parameters) keys the first; see `decls_of`."""
    extra: dict[ast.Node, list[Decl]] = attrs.field(factory=dict)
    refs: dict[ast.Node, Decl | None] = attrs.field(factory=dict)
    """Every VarRef (and GroupingKey without an expression, and capture of a destructuring assignment)
    → its declaration, None when it names nothing."""
    uses: list[Use] = attrs.field(factory=list)
    types: list[TypeUse] = attrs.field(factory=list)
    qualified: list[QualifiedUse] = attrs.field(factory=list)
    redeclared: list[tuple[Decl, Span]] = attrs.field(factory=list)
    """A declaration and the span to report: a name declared again in the same function's scopes, a
    module-level name declared twice, a prefix imported twice in one file."""
    shadows: list[tuple[Decl, Decl]] = attrs.field(factory=list)
    """A local declared with the name of a local of an enclosing function visible there, and that local."""
    jumps: list[tuple[ast.Stmt, bool]] = attrs.field(factory=list)
    """Every `break`/`continue` and whether it is inside a loop of its own function."""
    peers: list[PeerUse] = attrs.field(factory=list)
    workers: list[tuple[ast.Node, bool]] = attrs.field(factory=list)
    """Every named worker declaration and whether it is at the top level of a function body or a fork."""
    functions: dict[ast.Node, FunctionScope] = attrs.field(factory=dict)
    method_self: dict[ast.Node, Decl] = attrs.field(factory=dict)
    """Each method (a FunctionDefn member of a class, object constructor or service) → its object's `self`,
    which every method's frame holds for itself."""
    typed_single: dict[ast.Node, ast.VarDecl] = attrs.field(factory=dict)
    """`Pair [a] = p;` (an Assign to `Pair[a]` where `Pair` names a type) → the declaration it is, made
    once here so the checker and the compiler read one node whose bindings the record declares."""

    def decl_of(self, node: ast.Node) -> Decl | None:
        """The declaration `node` makes (a CaptureBinding, Param, ...), or the one a VarRef refers to."""
        found = self.decls.get(node)
        return found if found is not None else self.refs.get(node)

    def decls_of(self, node: ast.Node) -> list[Decl]:
        """Every declaration `node` makes, in source order."""
        first = self.decls.get(node)
        return [] if first is None else [first, *self.extra.get(node, ())]
