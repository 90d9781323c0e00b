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
from balmail.syntax.build_parts import _Annotations, _Args, _Fields, _NamedPair, _Part, _Qualifiers, _Text
from balmail.syntax.makers import makers
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


def rule_alias(name: str, fn: Callable[..., Any]) -> None:
    """Registers `fn` also as the builder of rule `name` (two grammar rules built alike)."""
    assert name not in _FAMILY_RULES, f"builder for {name} is defined twice"
    _FAMILY_RULES[name] = fn
    setattr(Builder, name, fn)


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



























    # ------------------------------------------------------------ functions

    def _refuse_transaction(self, what: str, span: Span) -> None:
        self.diagnostics.append(diag.error(TRANSACTIONS, f"{what} is not supported: {_NO_COORDINATOR}", span))











    # ------------------------------------------------------------ objects




    # ------------------------------------------------------------ annotations





























































    # Match patterns and binding patterns share their shapes (list, mapping, error); one helper each.








    # ------------------------------------------------------------ binding patterns













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
        items = tuple(x for x in c if isinstance(x, ast.Node))
        named = False
        for item in items:  # Ballerina's parser: positional and rest arguments come before named ones
            if type(item) is ast.NamedArg:
                named = True
            elif named:
                kind = "rest" if type(item) is ast.RestArg else "positional"
                self.error(f"{kind} argument not allowed after named arguments", item.span)
        return _Args(items)

    def named_arg(self, c: list) -> ast.NamedArg:
        return ast.NamedArg(span=self.span(c), name=ident(c[0]), value=c[2])

    def rest_arg(self, c: list) -> ast.RestArg:
        return ast.RestArg(span=self.span(c), value=c[1])
