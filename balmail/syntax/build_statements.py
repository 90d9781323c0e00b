"""Rule builders of statements, match patterns and binding patterns.
(Split out of build.py: each function is registered as a `Builder` method by `rule`.)"""

from __future__ import annotations

from typing import Any

from balmail.syntax import ast
from balmail.syntax.build import (
    Builder,
    _Block,
    _CaptureBinding,
    _CompoundAssign,
    _first,
    _Foreach,
    _has,
    _If,
    _of,
    _Return,
    _TypedBinding,
    _VarDecl,
    ident,
    rule,
    rule_alias,
)
from balmail.syntax.build_parts import (
    _Annotations,
    _Args,
    _Else,
    _ErrorArgs,
    _Guard,
    _Items,
    _NamedPair,
    _RestName,
)
from balmail.syntax.tokens import Token


@rule
def block(b: Builder, c: list) -> ast.Block:
    return _Block(b.span(c), tuple([x for x in c if isinstance(x, ast.Stmt)]))


@rule
def local_var_decl(b: Builder, c: list) -> ast.VarDecl:
    if len(c) == 5 and isinstance(c[0], ast.TypeDesc) and isinstance(c[1], ast.BindingPattern):
        if type(c[2]) is Token and c[2] == "=":  # `T x = e;`: most declarations
            return _VarDecl(b.span(c), False, c[0], c[1], c[3], ())  # type: ignore[no-any-return]
    anns = _first(c, _Annotations)
    t = _first(c, ast.TypeDesc)
    binding = _first(c, ast.BindingPattern)
    if binding is None:  # `[int, int] [a, b] = t;`: the binding came inside the type (a cover)
        t, binding = _split_binding(b, t, c)
    init = c[-2] if _has(c, "=") else None
    return _VarDecl(b.span(c), _has(c, "final"), t, binding, init, anns.items if anns else ())


@rule
def var_decl(b: Builder, c: list) -> ast.VarDecl:
    anns = _first(c, _Annotations)
    return ast.VarDecl(
        span=b.span(c),
        final=_has(c, "final"),
        type=None,
        binding=_first(c, ast.BindingPattern),
        init=c[-2],
        annotations=anns.items if anns else (),
    )


@rule
def assign_stmt(b: Builder, c: list) -> ast.Assign | ast.VarDecl:
    from balmail.syntax.build_constructs import typed_list_declaration

    decl = typed_list_declaration(b, c[0], c[2], b.span(c))  # `Pair [a, b] = p;`
    return decl or ast.Assign(span=b.span(c), target=c[0], value=c[2])


@rule
def compound_assign_stmt(b: Builder, c: list) -> ast.CompoundAssign:
    return _CompoundAssign(b.span(c), c[0], c[1], c[2])


@rule
def compound_op(b: Builder, c: list) -> str:
    if len(c) == 1:
        return c[0].value[:-1]  # type: ignore[no-any-return]
    return "".join(t.value for t in c)[:-1]


@rule
def destructure_stmt(b: Builder, c: list) -> ast.Destructure:
    shaped = isinstance(c[0], ast.MappingBinding | ast.ErrorBinding)
    binding = c[0] if shaped else _tuple_to_binding(b, c[0])
    return ast.Destructure(span=b.span(c), binding=binding, value=c[2])


def _tuple_to_binding(b: Builder, t: ast.TypeDesc) -> ast.BindingPattern:
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
            b.error("invalid binding pattern: a rest binding is written '...name'", t.rest.span)
        items = tuple(_tuple_to_binding(b, m) for m in members)
        return ast.ListBinding(span=t.span, items=items, rest=rest)
    b.error("invalid binding pattern: expected a variable name or '[...]'", t.span)
    return ast.WildcardBinding(span=t.span)


@rule
def call_stmt(b: Builder, c: list) -> ast.ExprStmt:
    return ast.ExprStmt(span=b.span(c), expr=c[0])


@rule
def check_stmt(b: Builder, c: list) -> ast.ExprStmt:
    expr = ast.CheckExpr(span=b.span(c[:2]), panics=c[0] == "checkpanic", expr=c[1])
    return ast.ExprStmt(span=b.span(c), expr=expr)


@rule
def check_kw(b: Builder, c: list) -> Token:
    return c[0]


@rule
def ignore_stmt(b: Builder, c: list) -> ast.IgnoreStmt:
    return ast.IgnoreStmt(span=b.span(c), value=c[2])


@rule
def if_stmt(b: Builder, c: list) -> ast.If:
    if len(c) > 3:
        otherwise = c[3].branch
        return _If(b.span([c[0], otherwise]), c[1], c[2], otherwise)
    return _If(b.span(c), c[1], c[2], None)


@rule
def else_part(b: Builder, c: list) -> _Else:
    return _Else(c[1], b.span(c))


@rule
def while_stmt(b: Builder, c: list) -> ast.While:
    return ast.While(span=b.span(c), cond=c[1], body=c[2], on_fail=_first(c, ast.OnFail))


@rule
def foreach_stmt(b: Builder, c: list) -> ast.Foreach:
    on_fail = _first(c, ast.OnFail) if len(c) > 5 else None
    return _Foreach(b.span(c), c[1], c[3], c[4], on_fail)


@rule
def typed_binding(b: Builder, c: list) -> ast.TypedBinding:
    t = c[0] if isinstance(c[0], ast.TypeDesc) else None
    binding = c[-1] if isinstance(c[-1], ast.BindingPattern) else None
    if binding is None:  # `foreach [string, int] [k, v] in ...` (see the grammar's `dim_or_binding`)
        t, binding = _split_binding(b, t, c)
    return _TypedBinding(b.span(c), t, binding)


def _split_binding(b: Builder, t: ast.TypeDesc | None, c: list) -> tuple[Any, ast.BindingPattern]:
    from balmail.syntax.build_syntax import split_binding

    t, binding = split_binding(b, t)
    if binding is None:
        span = b.span(c)
        b.error("missing variable name after the type", span)
        binding = ast.WildcardBinding(span=span)
    return t, binding


@rule
def break_stmt(b: Builder, c: list) -> ast.Break:
    return ast.Break(span=b.span(c))


@rule
def continue_stmt(b: Builder, c: list) -> ast.Continue:
    return ast.Continue(span=b.span(c))


@rule
def return_stmt(b: Builder, c: list) -> ast.Return:
    return _Return(b.span(c), c[1] if len(c) == 3 else None)


@rule
def panic_stmt(b: Builder, c: list) -> ast.Panic:
    return ast.Panic(span=b.span(c), value=c[1])


@rule
def fail_stmt(b: Builder, c: list) -> ast.Fail:
    return ast.Fail(span=b.span(c), value=c[1])


@rule
def lock_stmt(b: Builder, c: list) -> ast.Lock:
    return ast.Lock(span=b.span(c), body=c[1], on_fail=_first(c, ast.OnFail))


@rule
def do_stmt(b: Builder, c: list) -> ast.Do:
    return ast.Do(span=b.span(c), body=c[1], on_fail=_first(c, ast.OnFail))


@rule
def retry_stmt(b: Builder, c: list) -> ast.Retry:
    args = _first(c, _Args)
    return ast.Retry(
        span=b.span(c),
        manager=_first(c, ast.TypeDesc),
        args=args.items if args else (),
        body=_first(c, ast.Block),
        on_fail=_first(c, ast.OnFail),
    )


@rule
def block_stmt(b: Builder, c: list) -> ast.BlockStmt:
    return ast.BlockStmt(span=b.span(c), block=c[0])


@rule
def on_fail(b: Builder, c: list) -> ast.OnFail:
    return ast.OnFail(span=b.span(c), binding=_first(c, ast.TypedBinding), body=c[-1])


@rule
def query_action_stmt(b: Builder, c: list) -> ast.QueryAction:
    return ast.QueryAction(span=b.span(c), clauses=c[0].clauses, body=_first(c, ast.Block))


@rule
def match_stmt(b: Builder, c: list) -> ast.Match:
    return ast.Match(
        span=b.span(c),
        expr=c[1],
        clauses=tuple(_of(c, ast.MatchClause)),
        on_fail=_first(c, ast.OnFail),
    )


@rule
def match_clause(b: Builder, c: list) -> ast.MatchClause:
    guard = _first(c, _Guard)
    return ast.MatchClause(
        span=b.span(c),
        patterns=tuple(_of(c, ast.Pattern)),
        guard=guard.expr if guard else None,
        body=c[-1],
    )


@rule
def match_guard(b: Builder, c: list) -> _Guard:
    return _Guard(c[1])


@rule
def var_pattern(b: Builder, c: list) -> ast.VarPattern:
    return ast.VarPattern(span=b.span(c), binding=c[1])


@rule
def wildcard_pattern(b: Builder, c: list) -> ast.WildcardPattern:
    return ast.WildcardPattern(span=b.span(c))


@rule
def const_pattern(b: Builder, c: list) -> ast.ConstPattern:
    sp = b.span(c)
    if len(c) == 2:  # negative number
        return ast.ConstPattern(span=sp, expr=b._number(c[1], negative=True, span=sp))
    if len(c) == 3:
        return ast.ConstPattern(span=sp, expr=ast.QualifiedRef(span=sp, prefix=ident(c[0]), name=ident(c[2])))
    if isinstance(c[0], ast.Literal):
        return ast.ConstPattern(span=sp, expr=c[0])
    return ast.ConstPattern(span=sp, expr=ast.VarRef(span=sp, name=ident(c[0])))


def _listish(b: Builder, c: list, cls: type) -> Any:
    items = _first(c, _Items)
    return cls(span=b.span(c), items=items.items if items else (), rest=items.rest if items else None)


def _mappingish(b: Builder, c: list, cls: type) -> Any:
    items = _first(c, _Items)
    return cls(span=b.span(c), fields=items.items if items else (), rest=items.rest if items else None)


def _errorish(b: Builder, c: list, cls: type) -> Any:
    args = _first(c, _ErrorArgs)
    return cls(
        span=b.span(c),
        type=_first(c, ast.TypeRef),
        positional=args.positional if args else (),
        named=args.named if args else (),
        rest=args.rest if args else None,
    )


def _items(b: Builder, c: list, cls: type) -> _Items:
    rest = _first(c, _RestName)
    return _Items(tuple(_of(c, cls)), rest.name if rest else None)


def _error_args(b: Builder, c: list, cls: type) -> _ErrorArgs:
    named = tuple(x.pair for x in c if isinstance(x, _NamedPair))
    rest = _first(c, _RestName)
    return _ErrorArgs(tuple(_of(c, cls)), named, rest.name if rest else None)


@rule
def rest_match_pattern(b: Builder, c: list) -> _RestName:
    return _RestName(ident(c[-1]))


@rule
def named_arg_match(b: Builder, c: list) -> _NamedPair:
    return _NamedPair((ident(c[0]), c[2]))


@rule
def list_match_pattern(b: Builder, c: list) -> ast.ListPattern:
    return _listish(b, c, ast.ListPattern)


@rule
def list_match_items(b: Builder, c: list) -> _Items:
    return _items(b, c, ast.Pattern)


@rule
def mapping_match_pattern(b: Builder, c: list) -> ast.MappingPattern:
    return _mappingish(b, c, ast.MappingPattern)


@rule
def field_match_list(b: Builder, c: list) -> _Items:
    return _items(b, c, ast.FieldPattern)


@rule
def field_match(b: Builder, c: list) -> ast.FieldPattern:
    return ast.FieldPattern(span=b.span(c), field=str(c[0]), pattern=c[2])


@rule
def error_match_pattern(b: Builder, c: list) -> ast.ErrorPattern:
    return _errorish(b, c, ast.ErrorPattern)


@rule
def error_match_args(b: Builder, c: list) -> _ErrorArgs:
    return _error_args(b, c, ast.Pattern)


@rule
def capture_binding(b: Builder, c: list) -> ast.CaptureBinding:
    return _CaptureBinding(b.token_span(c[0]), ident(c[0]))


@rule
def wildcard_binding(b: Builder, c: list) -> ast.WildcardBinding:
    return ast.WildcardBinding(span=b.span(c))


@rule
def list_binding(b: Builder, c: list) -> ast.ListBinding:
    return _listish(b, c, ast.ListBinding)


@rule
def list_binding_items(b: Builder, c: list) -> _Items:
    return _items(b, c, ast.BindingPattern)


@rule
def mapping_binding(b: Builder, c: list) -> ast.MappingBinding:
    return _mappingish(b, c, ast.MappingBinding)


@rule
def field_binding_list(b: Builder, c: list) -> _Items:
    return _items(b, c, ast.FieldBinding)


@rule
def stmt_mapping_binding(b: Builder, c: list) -> ast.MappingBinding:
    return _mappingish(b, c, ast.MappingBinding)


@rule
def stmt_field_bindings(b: Builder, c: list) -> _Items:
    return _items(b, c, ast.FieldBinding)


@rule
def stmt_field_binding(b: Builder, c: list) -> ast.FieldBinding:
    sp = b.span(c)
    name = ident(c[0])
    binding = c[2] if len(c) == 3 else ast.CaptureBinding(span=sp, name=name)
    return ast.FieldBinding(span=sp, field=name, binding=binding)


@rule
def field_binding(b: Builder, c: list) -> ast.FieldBinding:
    sp = b.span(c)
    if len(c) == 1:
        name = str(c[0])
        return ast.FieldBinding(span=sp, field=name, binding=ast.CaptureBinding(span=sp, name=name))
    return ast.FieldBinding(span=sp, field=str(c[0]), binding=c[2])


@rule
def error_binding(b: Builder, c: list) -> ast.ErrorBinding:
    return _errorish(b, c, ast.ErrorBinding)


@rule
def error_binding_args(b: Builder, c: list) -> _ErrorArgs:
    return _error_args(b, c, ast.BindingPattern)


rule_alias("rest_binding", rest_match_pattern)


rule_alias("named_arg_binding", named_arg_match)
