"""Rule builders of type descriptors: unions, intersections, arrays, records, tuples, function types.
(Split out of build.py: each function is registered as a `Builder` method by `rule`.)"""

from __future__ import annotations

from balmail.syntax import ast
from balmail.syntax.build import Builder, _BuiltinType, _first, _has, _is_token, _of, ident, rule, rule_alias
from balmail.syntax.build_parts import (
    _Annotations,
    _Inclusion,
    _Params,
    _Rest,
    _Returns,
    _Text,
    _TupleMembers,
)


@rule
def union_t(b: Builder, c: list) -> ast.UnionType:
    left, right = c[0], c[2]
    members = (left.members if isinstance(left, ast.UnionType) else (left,)) + (right,)
    return ast.UnionType(span=b.span(c), members=members)


@rule
def intersection_t(b: Builder, c: list) -> ast.IntersectionType:
    left, right = c[0], c[2]
    members = (left.members if isinstance(left, ast.IntersectionType) else (left,)) + (right,)
    return ast.IntersectionType(span=b.span(c), members=members)


@rule
def optional_t(b: Builder, c: list) -> ast.OptionalType:
    return ast.OptionalType(span=b.span(c), inner=c[0])


@rule
def array_t(b: Builder, c: list) -> ast.TypeDesc:
    from balmail.syntax.build_syntax import array_type

    return array_type(b, c)


@rule
def service_object_t(b: Builder, c: list) -> ast.ObjectType:
    return ast.ObjectType(span=b.span(c), qualifiers=("service",), members=c[1].members)


@rule
def paren_t(b: Builder, c: list) -> ast.TypeDesc:
    return c[1]


@rule
def nil_t(b: Builder, c: list) -> ast.NilType:
    return ast.NilType(span=b.span(c))


@rule
def map_t(b: Builder, c: list) -> ast.MapType:
    return ast.MapType(span=b.span(c), constraint=c[2])


def _parameterized(b: Builder, name: str, c: list) -> ast.ParameterizedType:
    return ast.ParameterizedType(span=b.span(c), name=name, args=tuple(_of(c, ast.TypeDesc)))


@rule
def future_t(b: Builder, c: list) -> ast.ParameterizedType:
    return _parameterized(b, "future", c)


@rule
def typedesc_t(b: Builder, c: list) -> ast.ParameterizedType:
    return _parameterized(b, "typedesc", c)


@rule
def stream_t(b: Builder, c: list) -> ast.ParameterizedType:
    return _parameterized(b, "stream", c)


@rule
def table_t(b: Builder, c: list) -> ast.ParameterizedType:
    return _parameterized(b, "table", c)


@rule
def xml_t(b: Builder, c: list) -> ast.ParameterizedType:
    return _parameterized(b, "xml", c)


@rule
def error_t(b: Builder, c: list) -> ast.ErrorType:
    return ast.ErrorType(span=b.span(c), detail=_first(c, ast.TypeDesc))


@rule
def distinct_t(b: Builder, c: list) -> ast.DistinctType:
    return ast.DistinctType(span=b.span(c), inner=c[1])


@rule
def readonly_t(b: Builder, c: list) -> ast.BuiltinType:
    return ast.BuiltinType(span=b.span(c), name="readonly")


@rule
def builtin_type(b: Builder, c: list) -> ast.BuiltinType:
    return _BuiltinType(b.token_span(c[0]), c[0].value)


@rule
def type_ref(b: Builder, c: list) -> ast.TypeRef:
    if len(c) == 3:
        prefix = str(c[0]) if isinstance(c[0], _Text) else ident(c[0])
        return ast.TypeRef(span=b.span(c), prefix=prefix, name=ident(c[2]))
    return ast.TypeRef(span=b.span(c), prefix=None, name=ident(c[0]))


@rule
def singleton_type(b: Builder, c: list) -> ast.SingletonType:
    if len(c) == 2:  # negative number
        lit = b._number(c[1], negative=True, span=b.span(c))
    else:
        lit = b.literal(c)
    return ast.SingletonType(span=b.span(c), value=lit)


@rule
def record_type(b: Builder, c: list) -> ast.RecordType:
    closed = _has(c, "{|")
    fields = tuple(_of(c, ast.RecordField))
    inclusions = tuple(x.type for x in c if isinstance(x, _Inclusion))
    rest = _first(c, _Rest)
    return ast.RecordType(
        span=b.span(c),
        fields=fields,
        inclusions=inclusions,
        closed=closed,
        rest=rest.type if rest else None,
    )


@rule
def record_field(b: Builder, c: list) -> ast.RecordField | _Inclusion:
    anns = c[0].items
    body = c[1]
    if isinstance(body, _Inclusion):
        return body
    return ast.RecordField(
        span=b.span(c),
        name=body.name,
        type=body.type,
        optional=body.optional,
        default=body.default,
        readonly=body.readonly,
        annotations=anns,
    )


@rule
def record_field_body(b: Builder, c: list) -> ast.RecordField | _Inclusion:
    if _is_token(c[0], "*"):
        return _Inclusion(c[1])
    t = _first(c, ast.TypeDesc)
    name_tok = next(x for x in c if _is_token(x) and x.type == "IDENT" and b._bounds(x)[0] >= t.span.end)
    default = c[-2] if _has(c, "=") else None
    return ast.RecordField(
        span=b.span(c),
        name=ident(name_tok),
        type=t,
        optional=_has(c, "?"),
        default=default,
        readonly=_is_token(c[0], "readonly"),
        annotations=(),
    )


@rule
def record_rest(b: Builder, c: list) -> _Rest:
    return _Rest(c[0])


@rule
def object_type(b: Builder, c: list) -> ast.ObjectType:
    return ast.ObjectType(span=b.span(c), qualifiers=(), members=tuple(_of(c, ast.Member)))


@rule
def tuple_type(b: Builder, c: list) -> ast.TupleType:
    members = _first(c, _TupleMembers)
    return ast.TupleType(
        span=b.span(c),
        members=members.items if members else (),
        rest=members.rest if members else None,
    )


@rule
def tuple_members(b: Builder, c: list) -> _TupleMembers:
    types = _of(c, ast.TypeDesc)
    if _has(c, "..."):
        return _TupleMembers(tuple(types[:-1]), types[-1])
    return _TupleMembers(tuple(types), None)


@rule
def function_type(b: Builder, c: list) -> ast.FunctionType:
    return ast.FunctionType(span=b.span(c), signature=_first(c, ast.Signature))


@rule
def fn_type_sig(b: Builder, c: list) -> ast.Signature:
    params = _first(c, _Params)
    ret = _first(c, _Returns)
    return ast.Signature(
        span=b.span(c),
        params=params.items if params else (),
        returns=ret.type if ret else None,
        return_annotations=ret.annotations if ret else (),
    )


@rule
def fn_type_params(b: Builder, c: list) -> _Params:
    return _Params(tuple(_of(c, ast.Param)))


@rule
def fn_type_param(b: Builder, c: list) -> ast.Param:
    anns = _first(c, _Annotations)
    t = _first(c, ast.TypeDesc)
    names = [x for x in c if _is_token(x) and x.type == "IDENT" and b._bounds(x)[0] >= t.span.end]
    default = c[-1] if _has(c, "=") else None
    return ast.Param(
        span=b.span(c),
        type=t,
        name=ident(names[0]) if names else None,
        default=default,
        rest=_has(c, "..."),
        annotations=anns.items if anns else (),
    )


rule_alias("null_t", nil_t)
