"""Rule builders of module-level declarations, functions, object members and annotations.
(Split out of build.py: each function is registered as a `Builder` method by `rule`.)"""

from __future__ import annotations

from balmail import diagnostics as diag
from balmail.syntax import ast
from balmail.syntax.build import (
    JAVA_EXTERNAL,
    Builder,
    _first,
    _FunctionDefn,
    _has,
    _is_token,
    _of,
    _Param,
    _Signature,
    ident,
    rule,
    rule_alias,
)
from balmail.syntax.build_parts import (
    _Annotations,
    _AttachPoint,
    _ConfigRequired,
    _ExprList,
    _ModuleName,
    _Org,
    _Params,
    _Qualifiers,
    _ResourcePath,
    _Returns,
    _Text,
    _with_prefix,
)
from balmail.syntax.tokens import Token


@rule
def start(b: Builder, c: list) -> ast.Module:
    return c[0]


@rule
def module(b: Builder, c: list) -> ast.Module:
    imports = tuple(_of(c, ast.Import))
    members = tuple(_of(c, ast.Member))
    return ast.Module(span=b.span(c), imports=imports, members=members)


@rule
def import_decl(b: Builder, c: list) -> ast.Import:
    org = _first(c, _Org)
    parts = _first(c, _ModuleName)
    alias = None
    for i, item in enumerate(c):
        if _is_token(item, "as"):
            alias = "_" if c[i + 1].value == "_" else ident(c[i + 1])
    return ast.Import(span=b.span(c), org=org.name if org else None, module=parts.parts, alias=alias)


@rule
def import_org(b: Builder, c: list) -> _Org:
    return _Org(ident(c[0]))


@rule
def import_module(b: Builder, c: list) -> _ModuleName:
    return _ModuleName(tuple(ident(t) for t in c if _is_token(t) and t.value != "."))


@rule
def module_member(b: Builder, c: list) -> ast.Member:
    annotations = _first(c, _Annotations)
    quals = _first(c, _Qualifiers)
    member = c[-1]
    return _with_prefix(member, annotations, quals, b.span(c))


@rule
def qualifiers(b: Builder, c: list) -> _Qualifiers:
    return _Qualifiers(tuple(t for item in c for t in item.tokens))


@rule
def qualifier(b: Builder, c: list) -> _Qualifiers:
    if _is_token(c[0], "transactional"):
        b._refuse_transaction("'transactional'", b.tspan(c[0]))
    return _Qualifiers((c[0],))


@rule
def const_decl(b: Builder, c: list) -> ast.ConstDecl:
    t = _first(c, ast.TypeDesc)
    names = [x for x in c if _is_token(x) and x.type == "IDENT"]
    name = names[-1]
    value = c[-2]
    return ast.ConstDecl(
        span=b.span(c),
        annotations=(),
        qualifiers=(),
        type=t,
        name=ident(name),
        name_span=b.tspan(name),
        value=value,
    )


@rule
def annotation_decl(b: Builder, c: list) -> ast.AnnotationDecl:
    t = _first(c, ast.TypeDesc)
    start = next(i for i, x in enumerate(c) if _is_token(x, "annotation"))
    names = [x for x in c[start + 1 :] if _is_token(x) and x.type == "IDENT"]
    points = [x for x in c if isinstance(x, _Text)]
    name = names[0] if names and (t is None or b._bounds(names[0])[0] >= t.span.end) else names[-1]
    return ast.AnnotationDecl(
        span=b.span(c),
        annotations=(),
        qualifiers=(),
        type=t,
        name=ident(name),
        name_span=b.tspan(name),
        attach_points=tuple(str(p) for p in points),
    )


@rule
def attach_point_word(b: Builder, c: list) -> _Text:
    return b.text(c[0])


@rule
def type_defn(b: Builder, c: list) -> ast.TypeDefn:
    name = c[1]
    t = _first(c[2:], ast.TypeDesc)
    quals = _first(c, _Qualifiers)
    if quals is not None and isinstance(t, ast.ObjectType):
        t = ast.ObjectType(span=t.span, qualifiers=quals.names, members=t.members)
    return ast.TypeDefn(
        span=b.span(c),
        annotations=(),
        qualifiers=(),
        name=ident(name),
        name_span=b.tspan(name),
        type=t,
    )


@rule
def object_type_quals(b: Builder, c: list) -> _Qualifiers:
    return _Qualifiers(tuple(c))


@rule
def enum_defn(b: Builder, c: list) -> ast.EnumDefn:
    name = c[1]
    return ast.EnumDefn(
        span=b.span(c),
        annotations=(),
        qualifiers=(),
        name=ident(name),
        name_span=b.tspan(name),
        members=tuple(_of(c, ast.EnumMember)),
    )


@rule
def enum_member(b: Builder, c: list) -> ast.EnumMember:
    name = _first(c, Token) if not isinstance(c[0], _Annotations) else c[1]
    value = c[-1] if isinstance(c[-1], ast.Expr) else None
    return ast.EnumMember(span=b.span(c), name=ident(name), value=value)


@rule
def class_defn(b: Builder, c: list) -> ast.ClassDefn:
    prefixes = tuple(q for item in _of(c, _Qualifiers) for q in item.names)
    index = next(i for i, x in enumerate(c) if _is_token(x, "class"))
    name = c[index + 1]
    return ast.ClassDefn(
        span=b.span(c),
        annotations=(),
        qualifiers=prefixes,
        name=ident(name),
        name_span=b.tspan(name),
        members=tuple(_of(c, ast.Member)),
    )


@rule
def class_prefix(b: Builder, c: list) -> _Qualifiers:
    return _Qualifiers((c[0],))


@rule
def listener_decl(b: Builder, c: list) -> ast.ListenerDecl:
    t = c[1] if isinstance(c[1], ast.TypeDesc) else None
    name = c[2] if t is not None else c[1]
    return ast.ListenerDecl(
        span=b.span(c),
        annotations=(),
        qualifiers=(),
        type=t,
        name=ident(name),
        name_span=b.tspan(name),
        init=c[-2],
    )


@rule
def module_var_decl(b: Builder, c: list) -> ast.ModuleVarDecl:
    required = any(isinstance(x, _ConfigRequired) for x in c)
    init = c[-2] if isinstance(c[-2], ast.Expr) else None
    inferred = _is_token(c[0], "var")  # `var x = e;`: the type is the initialiser's
    return ast.ModuleVarDecl(
        span=b.span(c),
        annotations=(),
        qualifiers=(),
        type=None if inferred else c[0],
        binding=c[1],
        init=init,
        required=required,
    )


@rule
def config_required(b: Builder, c: list) -> _ConfigRequired:
    return _ConfigRequired()


@rule
def service_decl(b: Builder, c: list) -> ast.ServiceDecl:
    t = _first(c, ast.TypeRef)
    attach: str | tuple[str, ...] | None = None
    point = _first(c, _AttachPoint)
    if point is not None:
        attach = point.value
    exprs = _first(c, _ExprList)
    return ast.ServiceDecl(
        span=b.span(c),
        annotations=(),
        qualifiers=(),
        type=t,
        attach_point=attach,
        listeners=exprs.items,
        members=tuple(_of(c, ast.Member)),
    )


@rule
def attach_point(b: Builder, c: list) -> _AttachPoint:
    item = c[0]
    if isinstance(item, Token):
        return _AttachPoint(b.string_value(item))
    return _AttachPoint(item)


@rule
def abs_resource_path(b: Builder, c: list) -> tuple[str, ...]:
    return tuple(str(x) for x in c if isinstance(x, _Text))


@rule
def resource_seg_name(b: Builder, c: list) -> _Text:
    return b.text(c[0])


@rule
def expr_list(b: Builder, c: list) -> _ExprList:
    return _ExprList(tuple(_of(c, ast.Expr)))


@rule
def function_defn(b: Builder, c: list) -> ast.FunctionDefn:
    name = c[1]
    if len(c) == 4 and isinstance(c[2], ast.Signature):  # no resource path
        body = c[3] if isinstance(c[3], ast.Block) else None
        return _FunctionDefn(b.span(c), (), (), ident(name), b.tspan(name), None, c[2], body)  # type: ignore[no-any-return]
    path = _first(c, _ResourcePath)
    sig = _first(c, ast.Signature)
    body = _first(c, ast.Block)
    return _FunctionDefn(
        b.span(c), (), (), ident(name), b.tspan(name), path.segments if path else None, sig, body
    )


@rule
def function_body(b: Builder, c: list) -> ast.Block | None:
    if _is_token(c[0], "=>"):
        return _expression_body(b, c)
    return c[0] if isinstance(c[0], ast.Block) else None


@rule
def annotated_external(b: Builder, c: list) -> None:
    """`= @java:Method {...} external;`: code outside Ballerina, which balmail cannot call."""
    first = c[1].items[0]
    span = b.span([first, c[-2]])
    where = f"@{first.prefix}:{first.name}" if first.prefix else f"@{first.name}"
    if first.prefix == "java":
        message = f"external function bound to Java by '{where}': balmail cannot call Java"
    else:
        message = f"external function implemented by '{where}': balmail runs only Ballerina code"
    b.diagnostics.append(diag.error(JAVA_EXTERNAL, message, span, "write the function in Ballerina"))
    return None


@rule
def transaction_stmt(b: Builder, c: list) -> ast.BlockStmt:
    """`transaction { }` and `retry transaction { }`, refused at their keywords; the block is kept."""
    keyword = next(x for x in c if _is_token(x, "transaction"))
    retry = _is_token(c[0], "retry")
    span = b.span([c[0], keyword])
    b._refuse_transaction("'retry transaction'" if retry else "'transaction'", span)
    return ast.BlockStmt(span=b.span(c), block=_first(c, ast.Block))


@rule
def rollback_stmt(b: Builder, c: list) -> ast.BlockStmt:
    b._refuse_transaction("'rollback'", b.tspan(c[0]))
    return ast.BlockStmt(span=b.span(c), block=ast.Block(span=b.span(c), statements=()))


def _expression_body(b: Builder, c: list) -> ast.Block:
    """`=> expr;` is a function whose body returns expr."""
    expr = _first(c, ast.Expr)
    ret = ast.Return(span=expr.span, value=expr)
    return ast.Block(span=b.span(c), statements=(ret,))


@rule
def method_defn(b: Builder, c: list) -> ast.FunctionDefn:
    arrow = next((i for i, x in enumerate(c) if _is_token(x, "=>")), None)
    if arrow is None:
        return b.function_defn(c)
    body = _expression_body(b, c[arrow:])
    return b.function_defn(c[:arrow] + [body])


@rule
def resource_path(b: Builder, c: list) -> _ResourcePath:
    if len(c) == 1 and _is_token(c[0], "."):
        return _ResourcePath(
            (ast.ResourceSegment(span=b.tspan(c[0]), name=".", param_type=None, rest=False),)
        )
    return _ResourcePath(tuple(_of(c, ast.ResourceSegment)))


@rule
def resource_seg(b: Builder, c: list) -> ast.ResourceSegment:
    if len(c) == 1:
        return ast.ResourceSegment(span=b.span(c), name=ident(c[0]), param_type=None, rest=False)
    t = _first(c, ast.TypeDesc)
    names = [x for x in c if _is_token(x) and x.type == "IDENT" and x is not c[0]]
    name = ident(names[-1]) if names and b._bounds(names[-1])[0] > t.span.end else None  # type: ignore[index]
    return ast.ResourceSegment(span=b.span(c), name=name, param_type=t, rest=_has(c, "..."))


@rule
def signature(b: Builder, c: list) -> ast.Signature:
    params = _first(c, _Params)
    ret = _first(c, _Returns)
    return _Signature(
        b.span(c),
        params.items if params else (),
        ret.type if ret else None,
        ret.annotations if ret else (),
    )


@rule
def params(b: Builder, c: list) -> _Params:
    return _Params(tuple(_of(c, ast.Param)))


@rule
def param(b: Builder, c: list) -> ast.Param:
    if len(c) == 2 and isinstance(c[0], ast.TypeDesc):  # `T name`: most parameters
        return _Param(b.span(c), c[0], ident(c[1]), None, False, (), False)
    anns = _first(c, _Annotations)
    t = _first(c, ast.TypeDesc)
    name_tok = next(x for x in c if _is_token(x) and x.type == "IDENT" and b._bounds(x)[0] >= t.span.end)
    default = c[-1] if isinstance(c[-1], ast.Expr) and _has(c, "=") else None
    return _Param(
        b.span(c),
        t,
        ident(name_tok),
        default,
        _has(c, "..."),
        anns.items if anns else (),
        _is_token(c[1] if anns else c[0], "*"),
    )


@rule
def return_spec(b: Builder, c: list) -> _Returns:
    anns = _first(c, _Annotations)
    return _Returns(c[-1], anns.items if anns else ())


@rule
def object_member(b: Builder, c: list) -> ast.Member:
    return _with_prefix(c[-1], _first(c, _Annotations), _first(c, _Qualifiers), b.span(c))


@rule
def object_field(b: Builder, c: list) -> ast.ObjectField:
    readonly = _is_token(c[0]) and c[0].value == "readonly"  # `readonly T x;`: a qualifier here
    span = b.span(c)
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
        name_span=b.tspan(name),
        default=default,
    )


@rule
def type_inclusion(b: Builder, c: list) -> ast.TypeInclusion:
    return ast.TypeInclusion(span=b.span(c), annotations=(), qualifiers=(), type=c[1])


@rule
def annotations(b: Builder, c: list) -> _Annotations:
    return _Annotations(tuple(c))


@rule
def annotation(b: Builder, c: list) -> ast.Annotation:
    names = [ident(x) for x in c if _is_token(x) and x.type == "IDENT"]
    prefix, name = (names[0], names[1]) if len(names) == 2 else (None, names[0])
    value = _first(c, ast.MappingExpr)
    return ast.Annotation(span=b.span(c), prefix=prefix, name=name, value=value)


rule_alias("method_decl", function_defn)
