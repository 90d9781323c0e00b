"""Parse tree → AST. Run inline by the LALR parser (as a Lark transformer would be): it only builds nodes.

The parser keeps every token (keep_all_tokens) so each node's span runs from its first to its last token;
methods therefore receive punctuation and keywords too and pick out what they need.
Problems found while building (bad escapes, misplaced `>` `>`) are collected as diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from balmail import diagnostics as diag
from balmail.diagnostics import Diagnostic
from balmail.source import Lines, SourceFile, Span
from balmail.syntax import ast
from balmail.syntax.makers import evolve, makers
from balmail.syntax.templates import interpolations
from balmail.syntax.tokens import Token, Tree

SYNTAX = "BAL_SYNTAX_001"
JAVA_EXTERNAL = "BAL_UNSUPPORTED_001"
TRANSACTIONS = "BAL_UNSUPPORTED_002"
_NO_COORDINATOR = "balmail runs without a transaction coordinator"

# Tokens that carry meaning; every other token is a keyword or punctuation.
_VALUE_TOKENS = frozenset(
    {
        "IDENT",
        "STRING",
        "INT_LITERAL",
        "HEX_LITERAL",
        "FLOAT_LITERAL",
        "HEX_FLOAT_LITERAL",
        "TEMPLATE",
        "EMPTY_BRACKETS",
    }
)

_ESCAPE = re.compile(r"\\(u\{([0-9A-Fa-f]+)\}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "0": "\0"}

_BUILTIN_TYPES = frozenset(
    {"int", "float", "decimal", "string", "boolean", "byte", "json", "anydata", "any", "never", "handle"}
)


# Ballerina's binary operator precedence, tightest first (spec, "Expressions").
_PRECEDENCE = {
    "*": 10, "/": 10, "%": 10,
    "+": 9, "-": 9,
    "<<": 8, ">>": 8, ">>>": 8,
    "...": 7, "..<": 7,
    "<": 6, ">": 6, "<=": 6, ">=": 6, "is": 6, "!is": 6,
    "==": 5, "!=": 5, "===": 5, "!==": 5,
    "&": 4,
    "^": 3,
    "|": 2,
    "&&": 1,
    "||": 0,
}  # fmt: skip


def ident(token: Token) -> str:
    """An identifier's name: the quote of `'from` is not part of the name."""
    text = token.value if type(token) is Token else str(token)
    if "\\" in text:  # `first\-name`, `\u{E9}`: the escapes are not part of the name
        text = _IDENT_ESCAPE.sub(_unescape_ident, text)
    return text[1:] if text.startswith("'") else text


_IDENT_ESCAPE = re.compile(r"\\(?:u\{([0-9A-Fa-f]+)\}|(.))")


def _unescape_ident(m: re.Match[str]) -> str:
    return chr(int(m.group(1), 16)) if m.group(1) else m.group(2)


def _is_token(item: object, value: str | None = None) -> bool:
    return isinstance(item, Token) and (value is None or item.value == value)


def _nodes(children: Iterable[object]) -> list[Any]:
    """The children that are nodes or value tokens (keywords and punctuation dropped)."""
    return [c for c in children if not isinstance(c, Token) or c.type in _VALUE_TOKENS]


def _has(children: Iterable[object], keyword: str) -> bool:
    for c in children:  # a loop, not `any(...)`: no generator per call (hot path)
        if isinstance(c, Token) and c.value == keyword:
            return True
    return False


def _of(children: Iterable[object], cls: type) -> list[Any]:
    return [c for c in children if isinstance(c, cls)]


def _first(children: Iterable[object], cls: type) -> Any:
    for c in children:
        if isinstance(c, cls):
            return c
    return None


_FAMILY_RULES: dict[str, Callable[..., Any]] = {}
_new_span = object.__new__

# Positional constructors of the most frequent nodes (makers.py): the same objects, built faster.
(
    _Literal, _VarRef, _BuiltinType, _CaptureBinding, _Block, _Binary, _IsExpr, _RangeExpr,
    _CompoundAssign, _Return, _If, _Foreach, _TypedBinding, _FieldAccess, _MethodCall, _Call,
    _FunctionDefn, _Signature, _Param, _VarDecl,
) = makers(
    ast.Literal, ast.VarRef, ast.BuiltinType, ast.CaptureBinding, ast.Block, ast.Binary, ast.IsExpr,
    ast.RangeExpr, ast.CompoundAssign, ast.Return, ast.If, ast.Foreach, ast.TypedBinding, ast.FieldAccess,
    ast.MethodCall, ast.Call, ast.FunctionDefn, ast.Signature, ast.Param, ast.VarDecl,
)  # fmt: skip


def _joined(first: Span, last: Span) -> Span:
    """`first.to(last)`, inlined for spans of one file (every binary operation)."""
    where = first._where
    if where is not last._where or type(where) is not Lines:
        return first.to(last)
    span = _new_span(Span)
    span.file = first.file
    span.start = first.start
    span.end = last.end
    span._where = where
    return span


def _operation(left: Any, op: str, right: Any) -> ast.Expr:
    """The node of one binary operator applied to its operands (`is` takes a type on its right)."""
    span = _joined(left.span, right.span)
    if op == "is" or op == "!is":
        return _IsExpr(span, left, right, op == "!is")  # type: ignore[no-any-return]
    if op == "..." or op == "..<":
        return _RangeExpr(span, left, right, op == "...")  # type: ignore[no-any-return]
    return _Binary(span, op, left, right)  # type: ignore[no-any-return]


def rule(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Registers `fn(builder, children)` as the builder of the grammar rule named like it. Construct families
    (tables, XML, workers, ...) keep their builders in modules of their own (`build_<family>.py`, listed in
    `families.py`) instead of growing this class. It becomes a method of `Builder` (set on the class, not
    found through `__getattr__`: a class with `__getattr__` gets no specialised attribute reads, and every
    builder reads `self.` several times)."""
    assert fn.__name__ not in _FAMILY_RULES, f"builder for {fn.__name__} is defined twice"
    _FAMILY_RULES[fn.__name__] = fn
    if not hasattr(Builder, fn.__name__):  # a method of the class itself comes first, as it always did
        setattr(Builder, fn.__name__, fn)
    return fn


class Builder:
    """Builds AST nodes for one source file. `base` shifts offsets when parsing `${...}` interpolations.
    A method per grammar rule (named like the rule or its `-> alias`) gets the rule's children."""

    def __init__(self) -> None:
        self._source: SourceFile | None = None
        self.path = ""
        self.lines: Lines | None = None
        """The source's path and `Lines`, read by every span made here."""
        self.base = 0
        self.diagnostics: list[Diagnostic] = []
        self.parse_interpolation: Callable[[str, int], ast.Expr | None] | None = None

    @property
    def source(self) -> SourceFile | None:
        return self._source

    @source.setter
    def source(self, source: SourceFile | None) -> None:
        self._source = source
        self.path = source.path if source is not None else ""
        self.lines = source._lines if source is not None else None

    def __default__(self, data: str, children: list, meta: object) -> Tree:
        """A rule without a method (`_rule` helpers, inlined by the parser), as Lark's parser calls it."""
        return Tree(data, children)

    # ------------------------------------------------------------ spans

    def _bounds(self, item: object) -> tuple[int, int] | None:
        if isinstance(item, Token):
            if item.start_pos is None:
                return None
            return item.start_pos + self.base, item.end_pos + self.base
        if isinstance(item, ast.Node):
            return item.span.start, item.span.end
        if isinstance(item, _Text):
            return item.start, item.end
        if isinstance(item, list | tuple):
            bounds = [b for b in (self._bounds(x) for x in item) if b]
            if bounds:
                return bounds[0][0], bounds[-1][1]
            return None
        if isinstance(item, _Part):
            return self._bounds([getattr(item, name) for name in item.__slots__])
        return None

    def span(self, children: Sequence[object]) -> Span:
        """The span from the first to the last positioned child (only the ends are looked at: the hot path
        of building, so a token or a node at each end, most rules, is read without a loop)."""
        if children:
            first = children[0]
            last = children[-1]
            if type(first) is Token and first.start_pos is not None:
                start = first.start_pos + self.base
            elif isinstance(first, ast.Node):
                start = first.span.start
            else:
                bounds = self._bounds(first)
                if bounds is None:
                    return self._span_loop(children)
                start = bounds[0]
            if type(last) is Token and last.end_pos is not None:
                end = last.end_pos + self.base
            elif isinstance(last, ast.Node):
                end = last.span.end
            else:
                bounds = self._bounds(last)
                if bounds is None:
                    return self._span_loop(children)
                end = bounds[1]
            span = _new_span(Span)  # `source.span(start, end)`, inlined (a span per node)
            span.file = self.path
            span.start = start
            span.end = end
            span._where = self.lines
            return span
        return self._span_loop(children)

    def _span_loop(self, children: Sequence[object]) -> Span:
        """`span` when an end is not a token or node (parts, lists, tokens without a position)."""
        source = self.source
        assert source is not None
        start = None
        for child in children:
            if isinstance(child, Token):
                if child.start_pos is not None:
                    start = child.start_pos + self.base
                    break
            elif isinstance(child, ast.Node):
                start = child.span.start
                break
            else:
                bounds = self._bounds(child)
                if bounds is not None:
                    start = bounds[0]
                    break
        if start is None:
            return source.span(self.base, self.base)
        end = start
        for child in reversed(children):
            if isinstance(child, Token):
                if child.end_pos is not None:
                    end = child.end_pos + self.base
                    break
            elif isinstance(child, ast.Node):
                end = child.span.end
                break
            else:
                bounds = self._bounds(child)
                if bounds is not None:
                    end = bounds[1]
                    break
        return source.span(start, end)

    def token_span(self, token: Token) -> Span:
        """`span([token])` of a positioned token (every lexed or inserted one), for single-token rules."""
        span = _new_span(Span)
        span.file = self.path
        span.start = token.start_pos + self.base
        span.end = token.end_pos + self.base
        span._where = self.lines
        return span

    def tspan(self, token: Token | _Text) -> Span:
        assert self.source is not None
        if isinstance(token, _Text):
            return self.source.span(token.start, token.end)
        return self.source.span(token.start_pos + self.base, token.end_pos + self.base)

    def error(self, message: str, span: Span, help: str | None = None) -> None:
        self.diagnostics.append(diag.error(SYNTAX, message, span, help))

    # ------------------------------------------------------------ module

    def start(self, c: list) -> ast.Module:
        return c[0]

    def module(self, c: list) -> ast.Module:
        imports = tuple(_of(c, ast.Import))
        members = tuple(_of(c, ast.Member))
        return ast.Module(span=self.span(c), imports=imports, members=members)

    def import_decl(self, c: list) -> ast.Import:
        org = _first(c, _Org)
        parts = _first(c, _ModuleName)
        alias = None
        for i, item in enumerate(c):
            if _is_token(item, "as"):
                alias = "_" if c[i + 1].value == "_" else ident(c[i + 1])
        return ast.Import(span=self.span(c), org=org.name if org else None, module=parts.parts, alias=alias)

    def import_org(self, c: list) -> _Org:
        return _Org(ident(c[0]))

    def import_module(self, c: list) -> _ModuleName:
        return _ModuleName(tuple(ident(t) for t in c if _is_token(t) and t.type == "IDENT"))

    def module_member(self, c: list) -> ast.Member:
        annotations = _first(c, _Annotations)
        quals = _first(c, _Qualifiers)
        member = c[-1]
        return _with_prefix(member, annotations, quals, self.span(c))

    def qualifiers(self, c: list) -> _Qualifiers:
        return _Qualifiers(tuple(t for item in c for t in item.tokens))

    def qualifier(self, c: list) -> _Qualifiers:
        if _is_token(c[0], "transactional"):
            self._refuse_transaction("'transactional'", self.tspan(c[0]))
        return _Qualifiers((c[0],))

    def const_decl(self, c: list) -> ast.ConstDecl:
        t = _first(c, ast.TypeDesc)
        names = [x for x in c if _is_token(x) and x.type == "IDENT"]
        name = names[-1]
        value = c[-2]
        return ast.ConstDecl(
            span=self.span(c),
            annotations=(),
            qualifiers=(),
            type=t,
            name=ident(name),
            name_span=self.tspan(name),
            value=value,
        )

    def annotation_decl(self, c: list) -> ast.AnnotationDecl:
        t = _first(c, ast.TypeDesc)
        start = next(i for i, x in enumerate(c) if _is_token(x, "annotation"))
        names = [x for x in c[start + 1 :] if _is_token(x) and x.type == "IDENT"]
        points = [x for x in c if isinstance(x, _Text)]
        name = names[0] if names and (t is None or self._bounds(names[0])[0] >= t.span.end) else names[-1]
        return ast.AnnotationDecl(
            span=self.span(c),
            annotations=(),
            qualifiers=(),
            type=t,
            name=ident(name),
            name_span=self.tspan(name),
            attach_points=tuple(str(p) for p in points),
        )

    def attach_point_word(self, c: list) -> _Text:
        return self.text(c[0])

    def type_defn(self, c: list) -> ast.TypeDefn:
        name = c[1]
        t = _first(c[2:], ast.TypeDesc)
        quals = _first(c, _Qualifiers)
        if quals is not None and isinstance(t, ast.ObjectType):
            t = ast.ObjectType(span=t.span, qualifiers=quals.names, members=t.members)
        return ast.TypeDefn(
            span=self.span(c),
            annotations=(),
            qualifiers=(),
            name=ident(name),
            name_span=self.tspan(name),
            type=t,
        )

    def object_type_quals(self, c: list) -> _Qualifiers:
        return _Qualifiers(tuple(c))

    def enum_defn(self, c: list) -> ast.EnumDefn:
        name = c[1]
        return ast.EnumDefn(
            span=self.span(c),
            annotations=(),
            qualifiers=(),
            name=ident(name),
            name_span=self.tspan(name),
            members=tuple(_of(c, ast.EnumMember)),
        )

    def enum_member(self, c: list) -> ast.EnumMember:
        name = _first(c, Token) if not isinstance(c[0], _Annotations) else c[1]
        value = c[-1] if isinstance(c[-1], ast.Expr) else None
        return ast.EnumMember(span=self.span(c), name=ident(name), value=value)

    def class_defn(self, c: list) -> ast.ClassDefn:
        prefixes = tuple(q for item in _of(c, _Qualifiers) for q in item.names)
        index = next(i for i, x in enumerate(c) if _is_token(x, "class"))
        name = c[index + 1]
        return ast.ClassDefn(
            span=self.span(c),
            annotations=(),
            qualifiers=prefixes,
            name=ident(name),
            name_span=self.tspan(name),
            members=tuple(_of(c, ast.Member)),
        )

    def class_prefix(self, c: list) -> _Qualifiers:
        return _Qualifiers((c[0],))

    def listener_decl(self, c: list) -> ast.ListenerDecl:
        t = c[1] if isinstance(c[1], ast.TypeDesc) else None
        name = c[2] if t is not None else c[1]
        return ast.ListenerDecl(
            span=self.span(c),
            annotations=(),
            qualifiers=(),
            type=t,
            name=ident(name),
            name_span=self.tspan(name),
            init=c[-2],
        )

    def module_var_decl(self, c: list) -> ast.ModuleVarDecl:
        required = any(isinstance(x, _ConfigRequired) for x in c)
        init = c[-2] if isinstance(c[-2], ast.Expr) else None
        inferred = _is_token(c[0], "var")  # `var x = e;`: the type is the initialiser's
        return ast.ModuleVarDecl(
            span=self.span(c),
            annotations=(),
            qualifiers=(),
            type=None if inferred else c[0],
            binding=c[1],
            init=init,
            required=required,
        )

    def config_required(self, c: list) -> _ConfigRequired:
        return _ConfigRequired()

    def service_decl(self, c: list) -> ast.ServiceDecl:
        t = _first(c, ast.TypeRef)
        attach: str | tuple[str, ...] | None = None
        point = _first(c, _AttachPoint)
        if point is not None:
            attach = point.value
        exprs = _first(c, _ExprList)
        return ast.ServiceDecl(
            span=self.span(c),
            annotations=(),
            qualifiers=(),
            type=t,
            attach_point=attach,
            listeners=exprs.items,
            members=tuple(_of(c, ast.Member)),
        )

    def attach_point(self, c: list) -> _AttachPoint:
        item = c[0]
        if isinstance(item, Token):
            return _AttachPoint(self.string_value(item))
        return _AttachPoint(item)

    def abs_resource_path(self, c: list) -> tuple[str, ...]:
        return tuple(str(x) for x in c if isinstance(x, _Text))

    def resource_seg_name(self, c: list) -> _Text:
        return self.text(c[0])

    def expr_list(self, c: list) -> _ExprList:
        return _ExprList(tuple(_of(c, ast.Expr)))

    # ------------------------------------------------------------ functions

    def function_defn(self, c: list) -> ast.FunctionDefn:
        name = c[1]
        if len(c) == 4 and isinstance(c[2], ast.Signature):  # no resource path
            body = c[3] if isinstance(c[3], ast.Block) else None
            return _FunctionDefn(self.span(c), (), (), ident(name), self.tspan(name), None, c[2], body)  # type: ignore[no-any-return]
        path = _first(c, _ResourcePath)
        sig = _first(c, ast.Signature)
        body = _first(c, ast.Block)
        return _FunctionDefn(
            self.span(c), (), (), ident(name), self.tspan(name), path.segments if path else None, sig, body
        )

    method_decl = function_defn

    def function_body(self, c: list) -> ast.Block | None:
        if _is_token(c[0], "=>"):
            return self._expression_body(c)
        return c[0] if isinstance(c[0], ast.Block) else None

    def annotated_external(self, c: list) -> None:
        """`= @java:Method {...} external;`: code outside Ballerina, which balmail cannot call."""
        first = c[1].items[0]
        span = self.span([first, c[-2]])
        where = f"@{first.prefix}:{first.name}" if first.prefix else f"@{first.name}"
        if first.prefix == "java":
            message = f"external function bound to Java by '{where}': balmail cannot call Java"
        else:
            message = f"external function implemented by '{where}': balmail runs only Ballerina code"
        self.diagnostics.append(diag.error(JAVA_EXTERNAL, message, span, "write the function in Ballerina"))
        return None

    def _refuse_transaction(self, what: str, span: Span) -> None:
        self.diagnostics.append(diag.error(TRANSACTIONS, f"{what} is not supported: {_NO_COORDINATOR}", span))

    def transaction_stmt(self, c: list) -> ast.BlockStmt:
        """`transaction { }` and `retry transaction { }`, refused at their keywords; the block is kept."""
        keyword = next(x for x in c if _is_token(x, "transaction"))
        retry = _is_token(c[0], "retry")
        span = self.span([c[0], keyword])
        self._refuse_transaction("'retry transaction'" if retry else "'transaction'", span)
        return ast.BlockStmt(span=self.span(c), block=_first(c, ast.Block))

    def rollback_stmt(self, c: list) -> ast.BlockStmt:
        self._refuse_transaction("'rollback'", self.tspan(c[0]))
        return ast.BlockStmt(span=self.span(c), block=ast.Block(span=self.span(c), statements=()))

    def _expression_body(self, c: list) -> ast.Block:
        """`=> expr;` is a function whose body returns expr."""
        expr = _first(c, ast.Expr)
        ret = ast.Return(span=expr.span, value=expr)
        return ast.Block(span=self.span(c), statements=(ret,))

    def method_defn(self, c: list) -> ast.FunctionDefn:
        arrow = next((i for i, x in enumerate(c) if _is_token(x, "=>")), None)
        if arrow is None:
            return self.function_defn(c)
        body = self._expression_body(c[arrow:])
        return self.function_defn(c[:arrow] + [body])

    def resource_path(self, c: list) -> _ResourcePath:
        if len(c) == 1 and _is_token(c[0], "."):
            return _ResourcePath(
                (ast.ResourceSegment(span=self.tspan(c[0]), name=".", param_type=None, rest=False),)
            )
        return _ResourcePath(tuple(_of(c, ast.ResourceSegment)))

    def resource_seg(self, c: list) -> ast.ResourceSegment:
        if len(c) == 1:
            return ast.ResourceSegment(span=self.span(c), name=ident(c[0]), param_type=None, rest=False)
        t = _first(c, ast.TypeDesc)
        names = [x for x in c if _is_token(x) and x.type == "IDENT" and x is not c[0]]
        name = ident(names[-1]) if names and self._bounds(names[-1])[0] > t.span.end else None  # type: ignore[index]
        return ast.ResourceSegment(span=self.span(c), name=name, param_type=t, rest=_has(c, "..."))

    def signature(self, c: list) -> ast.Signature:
        params = _first(c, _Params)
        ret = _first(c, _Returns)
        return _Signature(
            self.span(c),
            params.items if params else (),
            ret.type if ret else None,
            ret.annotations if ret else (),
        )

    def params(self, c: list) -> _Params:
        return _Params(tuple(_of(c, ast.Param)))

    def param(self, c: list) -> ast.Param:
        if len(c) == 2 and isinstance(c[0], ast.TypeDesc):  # `T name`: most parameters
            return _Param(self.span(c), c[0], ident(c[1]), None, False, (), False)
        anns = _first(c, _Annotations)
        t = _first(c, ast.TypeDesc)
        name_tok = next(
            x for x in c if _is_token(x) and x.type == "IDENT" and self._bounds(x)[0] >= t.span.end
        )
        default = c[-1] if isinstance(c[-1], ast.Expr) and _has(c, "=") else None
        return _Param(
            self.span(c),
            t,
            ident(name_tok),
            default,
            _has(c, "..."),
            anns.items if anns else (),
            _is_token(c[1] if anns else c[0], "*"),
        )

    def return_spec(self, c: list) -> _Returns:
        anns = _first(c, _Annotations)
        return _Returns(c[-1], anns.items if anns else ())

    # ------------------------------------------------------------ objects

    def object_member(self, c: list) -> ast.Member:
        return _with_prefix(c[-1], _first(c, _Annotations), _first(c, _Qualifiers), self.span(c))

    def object_field(self, c: list) -> ast.ObjectField:
        readonly = _is_token(c[0]) and c[0].value == "readonly"  # `readonly T x;`: a qualifier here
        span = self.span(c)
        if readonly:
            c = c[1:]
        name = c[1]
        default = c[3] if len(c) > 3 and isinstance(c[3], ast.Expr) else None
        return ast.ObjectField(
            span=span,
            annotations=(),
            qualifiers=("readonly",) if readonly else (),
            type=c[0],
            name=ident(name),
            name_span=self.tspan(name),
            default=default,
        )

    def type_inclusion(self, c: list) -> ast.TypeInclusion:
        return ast.TypeInclusion(span=self.span(c), annotations=(), qualifiers=(), type=c[1])

    # ------------------------------------------------------------ annotations

    def annotations(self, c: list) -> _Annotations:
        return _Annotations(tuple(c))

    def annotation(self, c: list) -> ast.Annotation:
        names = [ident(x) for x in c if _is_token(x) and x.type == "IDENT"]
        prefix, name = (names[0], names[1]) if len(names) == 2 else (None, names[0])
        value = _first(c, ast.MappingExpr)
        return ast.Annotation(span=self.span(c), prefix=prefix, name=name, value=value)

    # ------------------------------------------------------------ types

    def union_t(self, c: list) -> ast.UnionType:
        left, right = c[0], c[2]
        members = (left.members if isinstance(left, ast.UnionType) else (left,)) + (right,)
        return ast.UnionType(span=self.span(c), members=members)

    def intersection_t(self, c: list) -> ast.IntersectionType:
        left, right = c[0], c[2]
        members = (left.members if isinstance(left, ast.IntersectionType) else (left,)) + (right,)
        return ast.IntersectionType(span=self.span(c), members=members)

    def optional_t(self, c: list) -> ast.OptionalType:
        return ast.OptionalType(span=self.span(c), inner=c[0])

    def array_t(self, c: list) -> ast.TypeDesc:
        from balmail.syntax.build_syntax import array_type

        return array_type(self, c)

    def service_object_t(self, c: list) -> ast.ObjectType:
        return ast.ObjectType(span=self.span(c), qualifiers=("service",), members=c[1].members)

    def paren_t(self, c: list) -> ast.TypeDesc:
        return c[1]

    def nil_t(self, c: list) -> ast.NilType:
        return ast.NilType(span=self.span(c))

    null_t = nil_t

    def map_t(self, c: list) -> ast.MapType:
        return ast.MapType(span=self.span(c), constraint=c[2])

    def _parameterized(self, name: str, c: list) -> ast.ParameterizedType:
        return ast.ParameterizedType(span=self.span(c), name=name, args=tuple(_of(c, ast.TypeDesc)))

    def future_t(self, c: list) -> ast.ParameterizedType:
        return self._parameterized("future", c)

    def typedesc_t(self, c: list) -> ast.ParameterizedType:
        return self._parameterized("typedesc", c)

    def stream_t(self, c: list) -> ast.ParameterizedType:
        return self._parameterized("stream", c)

    def table_t(self, c: list) -> ast.ParameterizedType:
        return self._parameterized("table", c)

    def xml_t(self, c: list) -> ast.ParameterizedType:
        return self._parameterized("xml", c)

    def error_t(self, c: list) -> ast.ErrorType:
        return ast.ErrorType(span=self.span(c), detail=_first(c, ast.TypeDesc))

    def distinct_t(self, c: list) -> ast.DistinctType:
        return ast.DistinctType(span=self.span(c), inner=c[1])

    def readonly_t(self, c: list) -> ast.BuiltinType:
        return ast.BuiltinType(span=self.span(c), name="readonly")

    def builtin_type(self, c: list) -> ast.BuiltinType:
        return _BuiltinType(self.token_span(c[0]), c[0].value)

    def type_ref(self, c: list) -> ast.TypeRef:
        if len(c) == 3:
            prefix = str(c[0]) if isinstance(c[0], _Text) else ident(c[0])
            return ast.TypeRef(span=self.span(c), prefix=prefix, name=ident(c[2]))
        return ast.TypeRef(span=self.span(c), prefix=None, name=ident(c[0]))

    def singleton_type(self, c: list) -> ast.SingletonType:
        if len(c) == 2:  # negative number
            lit = self._number(c[1], negative=True, span=self.span(c))
        else:
            lit = self.literal(c)
        return ast.SingletonType(span=self.span(c), value=lit)

    def record_type(self, c: list) -> ast.RecordType:
        closed = _has(c, "{|")
        fields = tuple(_of(c, ast.RecordField))
        inclusions = tuple(x.type for x in c if isinstance(x, _Inclusion))
        rest = _first(c, _Rest)
        return ast.RecordType(
            span=self.span(c),
            fields=fields,
            inclusions=inclusions,
            closed=closed,
            rest=rest.type if rest else None,
        )

    def record_field(self, c: list) -> ast.RecordField | _Inclusion:
        anns = c[0].items
        body = c[1]
        if isinstance(body, _Inclusion):
            return body
        return ast.RecordField(
            span=self.span(c),
            name=body.name,
            type=body.type,
            optional=body.optional,
            default=body.default,
            readonly=body.readonly,
            annotations=anns,
        )

    def record_field_body(self, c: list) -> ast.RecordField | _Inclusion:
        if _is_token(c[0], "*"):
            return _Inclusion(c[1])
        t = _first(c, ast.TypeDesc)
        name_tok = next(
            x for x in c if _is_token(x) and x.type == "IDENT" and self._bounds(x)[0] >= t.span.end
        )
        default = c[-2] if _has(c, "=") else None
        return ast.RecordField(
            span=self.span(c),
            name=ident(name_tok),
            type=t,
            optional=_has(c, "?"),
            default=default,
            readonly=_is_token(c[0], "readonly"),
            annotations=(),
        )

    def record_rest(self, c: list) -> _Rest:
        return _Rest(c[0])

    def object_type(self, c: list) -> ast.ObjectType:
        return ast.ObjectType(span=self.span(c), qualifiers=(), members=tuple(_of(c, ast.Member)))

    def tuple_type(self, c: list) -> ast.TupleType:
        members = _first(c, _TupleMembers)
        return ast.TupleType(
            span=self.span(c),
            members=members.items if members else (),
            rest=members.rest if members else None,
        )

    def tuple_members(self, c: list) -> _TupleMembers:
        types = _of(c, ast.TypeDesc)
        if _has(c, "..."):
            return _TupleMembers(tuple(types[:-1]), types[-1])
        return _TupleMembers(tuple(types), None)

    def function_type(self, c: list) -> ast.FunctionType:
        return ast.FunctionType(span=self.span(c), signature=_first(c, ast.Signature))

    def fn_type_sig(self, c: list) -> ast.Signature:
        params = _first(c, _Params)
        ret = _first(c, _Returns)
        return ast.Signature(
            span=self.span(c),
            params=params.items if params else (),
            returns=ret.type if ret else None,
            return_annotations=ret.annotations if ret else (),
        )

    def fn_type_params(self, c: list) -> _Params:
        return _Params(tuple(_of(c, ast.Param)))

    def fn_type_param(self, c: list) -> ast.Param:
        anns = _first(c, _Annotations)
        t = _first(c, ast.TypeDesc)
        names = [x for x in c if _is_token(x) and x.type == "IDENT" and self._bounds(x)[0] >= t.span.end]
        default = c[-1] if _has(c, "=") else None
        return ast.Param(
            span=self.span(c),
            type=t,
            name=ident(names[0]) if names else None,
            default=default,
            rest=_has(c, "..."),
            annotations=anns.items if anns else (),
        )

    # ------------------------------------------------------------ statements

    def block(self, c: list) -> ast.Block:
        return _Block(self.span(c), tuple([x for x in c if isinstance(x, ast.Stmt)]))

    def local_var_decl(self, c: list) -> ast.VarDecl:
        if len(c) == 5 and isinstance(c[0], ast.TypeDesc) and isinstance(c[1], ast.BindingPattern):
            if type(c[2]) is Token and c[2] == "=":  # `T x = e;`: most declarations
                return _VarDecl(self.span(c), False, c[0], c[1], c[3], ())  # type: ignore[no-any-return]
        anns = _first(c, _Annotations)
        t = _first(c, ast.TypeDesc)
        binding = _first(c, ast.BindingPattern)
        if binding is None:  # `[int, int] [a, b] = t;`: the binding came inside the type (a cover)
            t, binding = self._split_binding(t, c)
        init = c[-2] if _has(c, "=") else None
        return _VarDecl(self.span(c), _has(c, "final"), t, binding, init, anns.items if anns else ())

    def var_decl(self, c: list) -> ast.VarDecl:
        anns = _first(c, _Annotations)
        return ast.VarDecl(
            span=self.span(c),
            final=_has(c, "final"),
            type=None,
            binding=_first(c, ast.BindingPattern),
            init=c[-2],
            annotations=anns.items if anns else (),
        )

    def assign_stmt(self, c: list) -> ast.Assign | ast.VarDecl:
        from balmail.syntax.build_constructs import typed_list_declaration

        decl = typed_list_declaration(self, c[0], c[2], self.span(c))  # `Pair [a, b] = p;`
        return decl or ast.Assign(span=self.span(c), target=c[0], value=c[2])

    def compound_assign_stmt(self, c: list) -> ast.CompoundAssign:
        return _CompoundAssign(self.span(c), c[0], c[1], c[2])

    def compound_op(self, c: list) -> str:
        if len(c) == 1:
            return c[0].value[:-1]  # type: ignore[no-any-return]
        return "".join(t.value for t in c)[:-1]

    def destructure_stmt(self, c: list) -> ast.Destructure:
        shaped = isinstance(c[0], ast.MappingBinding | ast.ErrorBinding)
        binding = c[0] if shaped else self._tuple_to_binding(c[0])
        return ast.Destructure(span=self.span(c), binding=binding, value=c[2])

    def _tuple_to_binding(self, t: ast.TypeDesc) -> ast.BindingPattern:
        """`[a, b] = e;` arrives as a tuple type (see the grammar's header); turn it back into a pattern."""
        if isinstance(t, ast.TypeRef) and t.prefix is None:
            if t.name == "_":
                return ast.WildcardBinding(span=t.span)
            return ast.CaptureBinding(span=t.span, name=t.name)
        if isinstance(t, ast.TupleType):
            members, rest = list(t.members), None
            last = members[-1] if members else None
            if isinstance(last, ast.TypeRef) and last.prefix is None and last.name.startswith("..."):
                rest = members.pop().name[3:]  # `[a, ...r] = p;` (build_constructs.destructure_rest)
            if t.rest is not None:
                self.error("invalid binding pattern: a rest binding is written '...name'", t.rest.span)
            items = tuple(self._tuple_to_binding(m) for m in members)
            return ast.ListBinding(span=t.span, items=items, rest=rest)
        self.error("invalid binding pattern: expected a variable name or '[...]'", t.span)
        return ast.WildcardBinding(span=t.span)

    def call_stmt(self, c: list) -> ast.ExprStmt:
        return ast.ExprStmt(span=self.span(c), expr=c[0])

    def check_stmt(self, c: list) -> ast.ExprStmt:
        expr = ast.CheckExpr(span=self.span(c[:2]), panics=c[0] == "checkpanic", expr=c[1])
        return ast.ExprStmt(span=self.span(c), expr=expr)

    def check_kw(self, c: list) -> Token:
        return c[0]

    def ignore_stmt(self, c: list) -> ast.IgnoreStmt:
        return ast.IgnoreStmt(span=self.span(c), value=c[2])

    def if_stmt(self, c: list) -> ast.If:
        if len(c) > 3:
            otherwise = c[3].branch
            return _If(self.span([c[0], otherwise]), c[1], c[2], otherwise)
        return _If(self.span(c), c[1], c[2], None)

    def else_part(self, c: list) -> _Else:
        return _Else(c[1], self.span(c))

    def while_stmt(self, c: list) -> ast.While:
        return ast.While(span=self.span(c), cond=c[1], body=c[2], on_fail=_first(c, ast.OnFail))

    def foreach_stmt(self, c: list) -> ast.Foreach:
        on_fail = _first(c, ast.OnFail) if len(c) > 5 else None
        return _Foreach(self.span(c), c[1], c[3], c[4], on_fail)

    def typed_binding(self, c: list) -> ast.TypedBinding:
        t = c[0] if isinstance(c[0], ast.TypeDesc) else None
        binding = c[-1] if isinstance(c[-1], ast.BindingPattern) else None
        if binding is None:  # `foreach [string, int] [k, v] in ...` (see the grammar's `dim_or_binding`)
            t, binding = self._split_binding(t, c)
        return _TypedBinding(self.span(c), t, binding)

    def _split_binding(self, t: ast.TypeDesc | None, c: list) -> tuple[Any, ast.BindingPattern]:
        from balmail.syntax.build_syntax import split_binding

        t, binding = split_binding(self, t)
        if binding is None:
            span = self.span(c)
            self.error("missing variable name after the type", span)
            binding = ast.WildcardBinding(span=span)
        return t, binding

    def break_stmt(self, c: list) -> ast.Break:
        return ast.Break(span=self.span(c))

    def continue_stmt(self, c: list) -> ast.Continue:
        return ast.Continue(span=self.span(c))

    def return_stmt(self, c: list) -> ast.Return:
        return _Return(self.span(c), c[1] if len(c) == 3 else None)

    def panic_stmt(self, c: list) -> ast.Panic:
        return ast.Panic(span=self.span(c), value=c[1])

    def fail_stmt(self, c: list) -> ast.Fail:
        return ast.Fail(span=self.span(c), value=c[1])

    def lock_stmt(self, c: list) -> ast.Lock:
        return ast.Lock(span=self.span(c), body=c[1], on_fail=_first(c, ast.OnFail))

    def do_stmt(self, c: list) -> ast.Do:
        return ast.Do(span=self.span(c), body=c[1], on_fail=_first(c, ast.OnFail))

    def retry_stmt(self, c: list) -> ast.Retry:
        args = _first(c, _Args)
        return ast.Retry(
            span=self.span(c),
            manager=_first(c, ast.TypeDesc),
            args=args.items if args else (),
            body=_first(c, ast.Block),
            on_fail=_first(c, ast.OnFail),
        )

    def block_stmt(self, c: list) -> ast.BlockStmt:
        return ast.BlockStmt(span=self.span(c), block=c[0])

    def on_fail(self, c: list) -> ast.OnFail:
        return ast.OnFail(span=self.span(c), binding=_first(c, ast.TypedBinding), body=c[-1])

    def query_action_stmt(self, c: list) -> ast.QueryAction:
        return ast.QueryAction(span=self.span(c), clauses=c[0].clauses, body=_first(c, ast.Block))

    def match_stmt(self, c: list) -> ast.Match:
        return ast.Match(
            span=self.span(c),
            expr=c[1],
            clauses=tuple(_of(c, ast.MatchClause)),
            on_fail=_first(c, ast.OnFail),
        )

    def match_clause(self, c: list) -> ast.MatchClause:
        guard = _first(c, _Guard)
        return ast.MatchClause(
            span=self.span(c),
            patterns=tuple(_of(c, ast.Pattern)),
            guard=guard.expr if guard else None,
            body=c[-1],
        )

    def match_guard(self, c: list) -> _Guard:
        return _Guard(c[1])

    def var_pattern(self, c: list) -> ast.VarPattern:
        return ast.VarPattern(span=self.span(c), binding=c[1])

    def wildcard_pattern(self, c: list) -> ast.WildcardPattern:
        return ast.WildcardPattern(span=self.span(c))

    def const_pattern(self, c: list) -> ast.ConstPattern:
        sp = self.span(c)
        if len(c) == 2:  # negative number
            return ast.ConstPattern(span=sp, expr=self._number(c[1], negative=True, span=sp))
        if len(c) == 3:
            return ast.ConstPattern(
                span=sp, expr=ast.QualifiedRef(span=sp, prefix=ident(c[0]), name=ident(c[2]))
            )
        if isinstance(c[0], ast.Literal):
            return ast.ConstPattern(span=sp, expr=c[0])
        return ast.ConstPattern(span=sp, expr=ast.VarRef(span=sp, name=ident(c[0])))

    # Match patterns and binding patterns share their shapes (list, mapping, error); one helper each.

    def _listish(self, c: list, cls: type) -> Any:
        items = _first(c, _Items)
        return cls(span=self.span(c), items=items.items if items else (), rest=items.rest if items else None)

    def _mappingish(self, c: list, cls: type) -> Any:
        items = _first(c, _Items)
        return cls(span=self.span(c), fields=items.items if items else (), rest=items.rest if items else None)

    def _errorish(self, c: list, cls: type) -> Any:
        args = _first(c, _ErrorArgs)
        return cls(
            span=self.span(c),
            type=_first(c, ast.TypeRef),
            positional=args.positional if args else (),
            named=args.named if args else (),
            rest=args.rest if args else None,
        )

    def _items(self, c: list, cls: type) -> _Items:
        rest = _first(c, _RestName)
        return _Items(tuple(_of(c, cls)), rest.name if rest else None)

    def _error_args(self, c: list, cls: type) -> _ErrorArgs:
        named = tuple(x.pair for x in c if isinstance(x, _NamedPair))
        rest = _first(c, _RestName)
        return _ErrorArgs(tuple(_of(c, cls)), named, rest.name if rest else None)

    def rest_match_pattern(self, c: list) -> _RestName:
        return _RestName(ident(c[-1]))

    rest_binding = rest_match_pattern

    def named_arg_match(self, c: list) -> _NamedPair:
        return _NamedPair((ident(c[0]), c[2]))

    named_arg_binding = named_arg_match

    def list_match_pattern(self, c: list) -> ast.ListPattern:
        return self._listish(c, ast.ListPattern)

    def list_match_items(self, c: list) -> _Items:
        return self._items(c, ast.Pattern)

    def mapping_match_pattern(self, c: list) -> ast.MappingPattern:
        return self._mappingish(c, ast.MappingPattern)

    def field_match_list(self, c: list) -> _Items:
        return self._items(c, ast.FieldPattern)

    def field_match(self, c: list) -> ast.FieldPattern:
        return ast.FieldPattern(span=self.span(c), field=str(c[0]), pattern=c[2])

    def error_match_pattern(self, c: list) -> ast.ErrorPattern:
        return self._errorish(c, ast.ErrorPattern)

    def error_match_args(self, c: list) -> _ErrorArgs:
        return self._error_args(c, ast.Pattern)

    # ------------------------------------------------------------ binding patterns

    def capture_binding(self, c: list) -> ast.CaptureBinding:
        return _CaptureBinding(self.token_span(c[0]), ident(c[0]))

    def wildcard_binding(self, c: list) -> ast.WildcardBinding:
        return ast.WildcardBinding(span=self.span(c))

    def list_binding(self, c: list) -> ast.ListBinding:
        return self._listish(c, ast.ListBinding)

    def list_binding_items(self, c: list) -> _Items:
        return self._items(c, ast.BindingPattern)

    def mapping_binding(self, c: list) -> ast.MappingBinding:
        return self._mappingish(c, ast.MappingBinding)

    def field_binding_list(self, c: list) -> _Items:
        return self._items(c, ast.FieldBinding)

    def stmt_mapping_binding(self, c: list) -> ast.MappingBinding:
        return self._mappingish(c, ast.MappingBinding)

    def stmt_field_bindings(self, c: list) -> _Items:
        return self._items(c, ast.FieldBinding)

    def stmt_field_binding(self, c: list) -> ast.FieldBinding:
        sp = self.span(c)
        name = ident(c[0])
        binding = c[2] if len(c) == 3 else ast.CaptureBinding(span=sp, name=name)
        return ast.FieldBinding(span=sp, field=name, binding=binding)

    def field_binding(self, c: list) -> ast.FieldBinding:
        sp = self.span(c)
        if len(c) == 1:
            name = str(c[0])
            return ast.FieldBinding(span=sp, field=name, binding=ast.CaptureBinding(span=sp, name=name))
        return ast.FieldBinding(span=sp, field=str(c[0]), binding=c[2])

    def error_binding(self, c: list) -> ast.ErrorBinding:
        return self._errorish(c, ast.ErrorBinding)

    def error_binding_args(self, c: list) -> _ErrorArgs:
        return self._error_args(c, ast.BindingPattern)

    # ------------------------------------------------------------ expressions

    def expr_only(self, c: list) -> ast.Expr:
        return c[0]

    def conditional_expr(self, c: list) -> ast.Conditional:
        return ast.Conditional(span=self.span(c), cond=c[0], then=c[2], otherwise=c[4])

    def elvis_expr(self, c: list) -> ast.Elvis:
        return ast.Elvis(span=self.span(c), left=c[0], right=c[2])

    def opchain_items(self, c: list) -> ast.Expr:
        """Group a flat `a op b op c ...` chain by Ballerina's precedence (all binary operators associate
        left; `is`/`!is` take a type on their right)."""
        if len(c) == 3 and c[1].type != "GT_JOINED":  # one operator (most chains)
            return _operation(c[0], c[1].value, c[2])
        operands: list[ast.Node] = [c[0]]
        operators: list[str] = []
        i = 1
        while i < len(c):
            tok = c[i]
            if tok.type == "GT_JOINED":
                width = 1
                while c[i + width].type == "GT_JOINED":
                    width += 1
                operators.append(">" * (width + 1))
                i += width + 1
            else:
                operators.append(tok.value)
                i += 1
            operands.append(c[i])
            i += 1
        output: list[ast.Node] = [operands[0]]
        pending: list[str] = []
        for op, operand in zip(operators, operands[1:], strict=True):
            level = _PRECEDENCE[op]
            while pending and _PRECEDENCE[pending[-1]] >= level:
                self._reduce_operator(output, pending.pop())
            pending.append(op)
            output.append(operand)
        while pending:
            self._reduce_operator(output, pending.pop())
        return output[0]  # type: ignore[return-value]

    def _reduce_operator(self, output: list[ast.Node], op: str) -> None:
        right = output.pop()
        output[-1] = _operation(output[-1], op, right)

    def unary_expr(self, c: list) -> ast.Expr:
        operand = c[1]
        op = c[0].value
        if op == "-" and isinstance(operand, ast.Literal) and operand.kind in ("int", "float", "decimal"):
            if operand.span.start == c[0].end_pos + self.base:
                return self._negate(operand, self.span(c))
        return ast.Unary(span=self.span(c), op=op, operand=operand)

    def _negate(self, lit: ast.Literal, span: Span) -> ast.Literal:
        """Fold `-5` into one literal so `-9223372036854775808` is a valid int as in Ballerina."""
        value: Any = -lit.value if isinstance(lit.value, int) else "-" + str(lit.value)
        return ast.Literal(span=span, kind=lit.kind, value=value, text="-" + lit.text)

    def cast_expr(self, c: list) -> ast.Cast:
        anns = _first(c, _Annotations)
        return ast.Cast(
            span=self.span(c),
            type=_first(c, ast.TypeDesc),
            expr=c[-1],
            annotations=anns.items if anns else (),
        )

    def typeof_expr(self, c: list) -> ast.TypeOf:
        return ast.TypeOf(span=self.span(c), expr=c[1])

    def check_expr(self, c: list) -> ast.CheckExpr:
        return ast.CheckExpr(span=self.span(c), panics=c[0] == "checkpanic", expr=c[1])

    def trap_expr(self, c: list) -> ast.TrapExpr:
        return ast.TrapExpr(span=self.span(c), expr=c[1])

    def start_expr(self, c: list) -> ast.StartExpr:
        anns = _first(c, _Annotations)  # `@strand {thread: "any"} start f()`
        return ast.StartExpr(span=self.span(c), expr=c[-1], annotations=anns.items if anns else ())

    def wait_expr(self, c: list) -> ast.WaitExpr:
        return ast.WaitExpr(span=self.span(c), expr=c[1])

    def field_access(self, c: list) -> ast.FieldAccess:
        return _FieldAccess(self.span(c), c[0], str(c[2]), False, self.tspan(c[2]))

    def optional_field_access(self, c: list) -> ast.FieldAccess:
        return ast.FieldAccess(
            span=self.span(c), target=c[0], name=str(c[2]), optional=True, name_span=self.tspan(c[2])
        )

    def annot_access(self, c: list) -> ast.AnnotationAccess:
        names = [ident(x) for x in c[3:] if _is_token(x) and x.type == "IDENT"]
        prefix, name = (names[0], names[1]) if len(names) == 2 else (None, names[0])
        return ast.AnnotationAccess(span=self.span(c), target=c[0], prefix=prefix, name=name)

    def member_access(self, c: list) -> ast.MemberAccess:
        return ast.MemberAccess(span=self.span(c), target=c[0], index=c[2])

    def call(self, c: list) -> ast.Expr:
        target = c[0]
        args = _first(c, _Args)
        items = args.items if args else ()
        if isinstance(target, ast.FieldAccess) and not target.optional:
            return _MethodCall(self.span(c), target.target, target.name, items, target.name_span)
        return _Call(self.span(c), target, items)

    def remote_call(self, c: list) -> ast.RemoteCall:
        args = _first(c, _Args)
        name = c[2]
        return ast.RemoteCall(
            span=self.span(c),
            target=c[0],
            name=str(name),
            args=args.items if args else (),
            name_span=self.tspan(name),
        )

    def text(self, tok: Token) -> _Text:
        """A name with its absolute offsets, for rules that pass names up rather than nodes."""
        return _Text(ident(tok), tok.start_pos + self.base, tok.end_pos + self.base)

    def field_name(self, c: list) -> _Text:
        return self.text(c[0])

    def method_name(self, c: list) -> _Text:
        return c[0]

    def var_ref(self, c: list) -> ast.VarRef:
        tok = c[0]
        name = tok.value
        if "\\" in name or name[0] == "'":
            name = ident(tok)
        span = _new_span(Span)  # `self.token_span(tok)`, inlined (the most frequent node)
        span.file = self.path
        span.start = tok.start_pos + self.base
        span.end = tok.end_pos + self.base
        span._where = self.lines
        return _VarRef(span, name)

    def qualified_ref(self, c: list) -> ast.QualifiedRef:
        prefix = str(c[0]) if isinstance(c[0], _Text) else ident(c[0])
        return ast.QualifiedRef(span=self.span(c), prefix=prefix, name=ident(c[2]))

    def type_expr(self, c: list) -> ast.TypeExpr:
        span = self.span(c)
        if isinstance(c[0], ast.BuiltinType):
            t: ast.TypeDesc = c[0]
            if len(c) == 2:
                t = ast.ArrayType(span=span, element=t)
        else:
            t = ast.MapType(span=span, constraint=c[2])
        return ast.TypeExpr(span=span, type=t)

    def langlib_prefix(self, c: list) -> _Text:
        return self.text(c[0])

    def group(self, c: list) -> ast.Expr:
        return c[1]

    def let_expr(self, c: list) -> ast.LetExpr:
        pairs = tuple(x.pair for x in c if isinstance(x, _NamedPair))
        return ast.LetExpr(span=self.span(c), bindings=pairs, body=c[-1])

    def arrow_fn(self, c: list) -> ast.ArrowFunction:
        body = c[-1]
        head = c[:-2]
        if len(head) == 1 and isinstance(head[0], ast.Expr):  # `(x) => e` arrives as a group
            if not isinstance(head[0], ast.VarRef):
                self.error("invalid arrow function parameter: expected a name", head[0].span)
                return ast.ArrowFunction(span=self.span(c), params=(), body=body)
            return ast.ArrowFunction(span=self.span(c), params=(head[0].name,), body=body)
        params = tuple(ident(t) for t in head if _is_token(t) and t.type == "IDENT")
        return ast.ArrowFunction(span=self.span(c), params=params, body=body)

    def anon_function(self, c: list) -> ast.AnonFunction:
        found = _first(c, _Qualifiers)
        quals = found.names if found else ()
        sig = _first(c, ast.Signature)
        body = c[-1]
        return ast.AnonFunction(span=self.span(c), qualifiers=quals, signature=sig, body=body)

    def function_type_quals(self, c: list) -> _Qualifiers:
        if _is_token(c[0], "transactional"):
            self._refuse_transaction("'transactional'", self.tspan(c[0]))
        return _Qualifiers((c[0],))

    def literal(self, c: list) -> ast.Literal:
        if len(c) == 2:  # ( )
            return _Literal(self.span(c), "nil", None, "()")
        tok = c[0]
        sp = _new_span(Span)  # `self.token_span(tok)`, inlined (literals are the second most frequent node)
        sp.file = self.path
        sp.start = tok.start_pos + self.base
        sp.end = tok.end_pos + self.base
        sp._where = self.lines
        kind = tok.type
        if kind == "INT_LITERAL":
            text = tok.value
            if len(text) == 1 or text[0] != "0":  # `_number` without a leading zero, inlined
                return _Literal(sp, "int", int(text), text)  # type: ignore[no-any-return]
            return self._number(tok, False, sp)
        if kind == "STRING":
            return _Literal(sp, "string", self.string_value(tok), tok.value)
        if kind == "INT_LITERAL" or kind == "HEX_LITERAL" or kind == "FLOAT_LITERAL":
            return self._number(tok, False, sp)
        if kind == "HEX_FLOAT_LITERAL":
            return _Literal(sp, "float", repr(float.fromhex(tok.value)), tok.value)
        if tok.value in ("true", "false"):
            return _Literal(sp, "boolean", tok.value == "true", tok.value)
        return _Literal(sp, "nil", None, tok.value)  # null

    def _number(self, tok: Token, negative: bool, span: Span) -> ast.Literal:
        text = tok.value
        if tok.type == "INT_LITERAL":
            if len(text) > 1 and text[0] == "0":
                self.error(f"invalid int literal '{text}': leading zeros are not allowed", span)
            value = int(text)
            if negative:
                return _Literal(span, "int", -value, "-" + text)  # type: ignore[no-any-return]
            return _Literal(span, "int", value, text)  # type: ignore[no-any-return]
        sign = "-" if negative else ""
        if tok.type == "HEX_LITERAL":
            value = int(text, 16)
            return _Literal(span, "int", -value if negative else value, sign + text)
        suffix = text[-1].lower()
        if suffix == "d":
            return _Literal(span, "decimal", sign + text[:-1], sign + text)
        if suffix == "f":
            return _Literal(span, "float", sign + text[:-1], sign + text)
        return _Literal(span, "float", sign + text, sign + text)

    def string_value(self, tok: Token) -> str:
        """Decode a string literal's escapes; a bad escape is a diagnostic, not an exception."""
        body = tok.value[1:-1]
        if "\\" not in body:
            return body

        def replace(m: re.Match[str]) -> str:
            if m.group(2) is not None:
                code = int(m.group(2), 16)
                if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    self.error(f"invalid unicode escape '{m.group(0)}'", self.tspan(tok))
                    return ""
                return chr(code)
            ch = m.group(1)
            if ch in _SIMPLE_ESCAPES:
                return _SIMPLE_ESCAPES[ch]
            self.error(f"invalid escape sequence '\\{ch}'", self.tspan(tok))
            return ch

        return _ESCAPE.sub(replace, body)

    def template(self, c: list) -> ast.Template:
        tok = c[-1]
        kind = "raw"
        if len(c) == 2:
            prefix = c[0]
            kind = prefix if isinstance(prefix, str) else "raw"
        text = tok.value[1:-1]
        strings: list[str] = []
        exprs: list[ast.Expr] = []
        pos = 0
        content_start = tok.start_pos + self.base + 1
        for start, end in interpolations(text):
            strings.append(text[pos:start])
            exprs.append(self._interpolation(text[start + 2 : end - 1], content_start + start + 2))
            pos = end
        strings.append(text[pos:])
        if kind == "xml":
            return self.xml_literal(c, tok, strings, exprs)  # type: ignore[no-any-return]  # build_xml.py
        return ast.Template(span=self.span(c), kind=kind, strings=tuple(strings), exprs=tuple(exprs))

    def _interpolation(self, text: str, offset: int) -> ast.Expr:
        assert self.source is not None
        span = self.source.span(offset, offset + len(text))
        if not text.strip():
            self.error("missing expression in '${}'", span)
            return ast.Literal(span=span, kind="string", value="", text='""')
        assert self.parse_interpolation is not None
        saved = self.base
        try:
            expr = self.parse_interpolation(text, offset)
        finally:
            self.base = saved
        if expr is None:
            return ast.Literal(span=span, kind="string", value="", text='""')
        return expr

    def template_kind(self, c: list) -> str:
        tok = c[0]
        if tok.value in ("string", "xml"):
            return str(tok.value)
        name = ident(tok)
        if name not in ("re", "base16", "base64"):
            self.error(
                f"unknown template kind '{name}': expected 'string', 'xml', 're', 'base16' or 'base64'",
                self.tspan(tok),
            )
        return name

    def list_constructor(self, c: list) -> ast.ListExpr:
        items = _first(c, _Args)
        return ast.ListExpr(span=self.span(c), items=items.items if items else ())

    def list_items(self, c: list) -> _Args:
        return _Args(tuple(x for x in c if isinstance(x, ast.Expr)))

    def spread(self, c: list) -> ast.Spread:
        return ast.Spread(span=self.span(c), expr=c[1])

    def mapping_constructor(self, c: list) -> ast.MappingExpr:
        fields = _first(c, _Fields)
        return ast.MappingExpr(span=self.span(c), fields=fields.items if fields else ())

    def mapping_fields(self, c: list) -> _Fields:
        return _Fields(tuple(_of(c, ast.MappingField)))

    def keyed_field(self, c: list) -> ast.MappingField:
        ro = _is_token(c[0], "readonly")
        key = c[1] if ro else c[0]
        return ast.MappingField(
            span=self.span(c), kind="key", key=str(key), key_expr=None, value=c[-1], readonly=ro
        )

    def string_keyed_field(self, c: list) -> ast.MappingField:
        ro = _is_token(c[0], "readonly") and c[0].type != "STRING"
        tok = c[1] if ro else c[0]
        return ast.MappingField(
            span=self.span(c),
            kind="string",
            key=self.string_value(tok),
            key_expr=None,
            value=c[-1],
            readonly=ro,
        )

    def computed_field(self, c: list) -> ast.MappingField:
        return ast.MappingField(
            span=self.span(c), kind="computed", key=None, key_expr=c[1], value=c[-1], readonly=False
        )

    def shorthand_field(self, c: list) -> ast.MappingField:
        ro = len(c) == 2
        tok = c[-1]
        sp = self.span(c)
        name = ident(tok)
        value = ast.VarRef(span=self.tspan(tok), name=name)
        return ast.MappingField(span=sp, kind="shorthand", key=name, key_expr=None, value=value, readonly=ro)

    def spread_field(self, c: list) -> ast.MappingField:
        return ast.MappingField(
            span=self.span(c), kind="spread", key=None, key_expr=None, value=c[1], readonly=False
        )

    def new_expr(self, c: list) -> ast.NewExpr:
        args = _first(c, _Args)
        t = _first(c, ast.TypeDesc)
        if _has(c, "stream"):
            t = ast.ParameterizedType(span=self.span(c), name="stream", args=tuple(_of(c, ast.TypeDesc)))
        return ast.NewExpr(span=self.span(c), type=t, args=args.items if args else ())

    def error_constructor(self, c: list) -> ast.ErrorConstructor:
        args = _first(c, _Args)
        return ast.ErrorConstructor(
            span=self.span(c), type=_first(c, ast.TypeRef), args=args.items if args else ()
        )

    def object_constructor(self, c: list) -> ast.ObjectConstructor:
        quals = _first(c, _Qualifiers)
        return ast.ObjectConstructor(
            span=self.span(c),
            qualifiers=quals.names if quals else (),
            type=_first(c, ast.TypeRef),
            members=tuple(_of(c, ast.Member)),
        )

    def args(self, c: list) -> _Args:
        return _Args(tuple(x for x in c if isinstance(x, ast.Node)))

    def named_arg(self, c: list) -> ast.NamedArg:
        return ast.NamedArg(span=self.span(c), name=ident(c[0]), value=c[2])

    def rest_arg(self, c: list) -> ast.RestArg:
        return ast.RestArg(span=self.span(c), value=c[1])

    # ------------------------------------------------------------ queries

    def query_expr(self, c: list) -> ast.QueryExpr:
        prefix = _first(c, _Text)
        pipeline = _first(c, _Pipeline)
        result = _first(c, _Result)
        conflict = _first(c, _Conflict)
        return ast.QueryExpr(
            span=self.span(c),
            construct=str(prefix) if prefix else None,
            clauses=pipeline.clauses,
            kind=result.kind,
            result=result.expr,
            on_conflict=conflict.expr if conflict else None,
        )

    def query_type_prefix(self, c: list) -> _Text:
        return self.text(c[0])

    def query_pipeline(self, c: list) -> _Pipeline:
        return _Pipeline(tuple(c), self.span(c))

    def from_clause(self, c: list) -> ast.FromClause:
        return ast.FromClause(span=self.span(c), binding=c[1], expr=c[3])

    def where_clause(self, c: list) -> ast.WhereClause:
        return ast.WhereClause(span=self.span(c), cond=c[1])

    def let_clause(self, c: list) -> ast.LetClause:
        return ast.LetClause(
            span=self.span(c), bindings=tuple(x.pair for x in c if isinstance(x, _NamedPair))
        )

    def let_var(self, c: list) -> _NamedPair:
        return _NamedPair((_first(c, ast.TypedBinding), c[-1]))

    def join_clause(self, c: list) -> ast.JoinClause:
        outer = _has(c, "outer")
        rest = c[1:] if outer else c
        return ast.JoinClause(
            span=self.span(c), outer=outer, binding=rest[1], expr=rest[3], left_key=rest[5], right_key=rest[7]
        )

    def order_by_clause(self, c: list) -> ast.OrderByClause:
        return ast.OrderByClause(span=self.span(c), keys=tuple(_of(c, ast.OrderKey)))

    def order_key(self, c: list) -> ast.OrderKey:
        direction = c[1] if len(c) > 1 else None
        if direction is not None and direction.value not in ("ascending", "descending"):
            self.error(
                f"unexpected '{direction.value}': expected 'ascending' or 'descending'", self.tspan(direction)
            )
        descending = direction is not None and direction.value == "descending"
        return ast.OrderKey(span=self.span(c), expr=c[0], descending=descending)

    def limit_clause(self, c: list) -> ast.LimitClause:
        return ast.LimitClause(span=self.span(c), count=c[1])

    def select_clause(self, c: list) -> _Result:
        return _Result("select", c[1])

    def collect_clause(self, c: list) -> _Result:
        return _Result("collect", c[1])

    def on_conflict(self, c: list) -> _Conflict:
        return _Conflict(c[2])


# ---------------------------------------------------------------- intermediate values (never in the AST)


class _Part:
    """Base for values passed between rules but not kept in the AST; they have no span of their own.
    Subclasses only name their fields in `__slots__` (typed by annotations); the values are given in order."""

    __slots__: tuple[str, ...] = ()

    def __init_subclass__(cls) -> None:
        # `__init__(self, field1, ...)` setting each slot: straight-line code, as parts are made per rule
        names = cls.__slots__
        lines = [f"def __init__(self{''.join(', ' + n for n in names)}):"]
        lines += [f"    self.{n} = {n}" for n in names] or ["    pass"]
        namespace: dict[str, Any] = {}
        exec(compile("\n".join(lines), f"<{cls.__name__}.__init__>", "exec"), namespace)  # noqa: S102
        cls.__init__ = namespace["__init__"]  # type: ignore[misc]


class _Org(_Part):
    __slots__ = ("name",)
    name: str


class _ModuleName(_Part):
    __slots__ = ("parts",)
    parts: tuple[str, ...]


class _Qualifiers(_Part):
    __slots__ = ("tokens",)
    tokens: tuple[Token, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.value for t in self.tokens)


class _Annotations(_Part):
    __slots__ = ("items",)
    items: tuple[ast.Annotation, ...]


class _ConfigRequired(_Part):
    __slots__ = ()


class _AttachPoint(_Part):
    __slots__ = ("value",)
    value: str | tuple[str, ...]


class _ExprList(_Part):
    __slots__ = ("items",)
    items: tuple[ast.Expr, ...]


class _ResourcePath(_Part):
    __slots__ = ("segments",)
    segments: tuple[ast.ResourceSegment, ...]


class _Params(_Part):
    __slots__ = ("items",)
    items: tuple[ast.Param, ...]


class _Returns(_Part):
    __slots__ = ("type", "annotations")
    type: ast.TypeDesc
    annotations: tuple[ast.Annotation, ...]


class _Inclusion(_Part):
    __slots__ = ("type",)
    type: ast.TypeDesc


class _Rest(_Part):
    __slots__ = ("type",)
    type: ast.TypeDesc


class _TupleMembers(_Part):
    __slots__ = ("items", "rest")
    items: tuple[ast.TypeDesc, ...]
    rest: ast.TypeDesc | None


class _Else(_Part):
    __slots__ = ("branch", "span")
    branch: ast.Block | ast.If
    span: Span


class _Guard(_Part):
    __slots__ = ("expr",)
    expr: ast.Expr


class _Items(_Part):
    __slots__ = ("items", "rest")
    items: tuple[Any, ...]
    rest: str | None


class _RestName(_Part):
    __slots__ = ("name",)
    name: str


class _NamedPair(_Part):
    __slots__ = ("pair",)
    pair: tuple[Any, Any]


class _ErrorArgs(_Part):
    __slots__ = ("positional", "named", "rest")
    positional: tuple[Any, ...]
    named: tuple[tuple[str, Any], ...]
    rest: str | None


class _Args(_Part):
    __slots__ = ("items",)
    items: tuple[Any, ...]


class _Fields(_Part):
    __slots__ = ("items",)
    items: tuple[ast.MappingField, ...]


class _Text(str):
    """A name passed up between rules, with its absolute offsets (the AST keeps plain `str`)."""

    __slots__ = ("start", "end")

    def __new__(cls, value: str, start: int, end: int) -> _Text:
        obj = super().__new__(cls, value)
        obj.start = start
        obj.end = end
        return obj


class _Pipeline(_Part):
    __slots__ = ("clauses", "span")
    clauses: tuple[Any, ...]
    span: Span


class _Result(_Part):
    __slots__ = ("kind", "expr")
    kind: str
    expr: ast.Expr


class _Conflict(_Part):
    __slots__ = ("expr",)
    expr: ast.Expr


def _with_prefix(
    member: ast.Member, annotations: _Annotations | None, quals: _Qualifiers | None, span: Span
) -> ast.Member:
    """Attach the annotations and qualifiers that precede a member, widening its span to include them."""
    changes: dict[str, Any] = {"span": span}
    if annotations is not None:
        changes["annotations"] = annotations.items + member.annotations
    if quals is not None:
        changes["qualifiers"] = quals.names + member.qualifiers
    return evolve(member, changes)  # type: ignore[no-any-return]
