"""Access to values at run time, the one place its semantics live: reading `x.f`, `x?.f`, `x[i]`; storing
`x.f = v`, `x[i] = v` (with list filling and inherent-type checks); what `foreach` walks. Compiled closures
and generated code both call these (generated code inlines only the fast path of a read, then calls here)."""

from __future__ import annotations

from typing import Any

from balmail.runtime import types as T
from balmail.runtime.errors import index_out_of_range, key_not_found, make_error, runtime_panic
from balmail.runtime.filler import NO_FILLER, fill_to, filler_value
from balmail.runtime.inherent import check_list_store, check_map_store
from balmail.runtime.tables import BTable
from balmail.runtime.values import BError, BFunction, BList, BMap, BObject, BStream
from balmail.runtime.walks import record_keys
from balmail.runtime.xml import BXml
from balmail.runtime.xml import attribute as xml_attribute
from balmail.runtime.xml import member as xml_member


def ensure(v: Any, t: T.Type) -> Any:
    """The value of a json field access converted to the type its context expects (`int age = check
    j.age`), as `value:ensureType` does: an error value (not a panic) when it does not convert."""
    if isinstance(v, BError) or t.contains(v):
        return v
    from balmail.runtime.errors import BallerinaPanic
    from balmail.runtime.ops import cast

    try:
        return cast(v, t)
    except BallerinaPanic as p:
        return p.error


def field(o: Any, name: str) -> Any:
    """`o.name`: a record's field (`()` when an optional one is absent), a JSON mapping's (an error when
    absent), an object's field or bound method, an error passed through, an xml attribute."""
    if isinstance(o, BMap):
        if name in o:
            return o[name]
        if isinstance(T.resolve(o.type) if o.type is not None else None, T.TRecord):
            return None
        message = f"Key '{name}' not found in JSON mapping"
        return make_error("{ballerina/lang.map}KeyNotFound", {"message": message})
    if isinstance(o, BObject):
        if name in o.fields:
            return o.fields[name]
        m = o.cls.methods.get(name)
        if m is not None:
            return BFunction(m, o.env, o)
        raise key_not_found(name)
    if o is None:
        raise runtime_panic("NullReferenceException", f"cannot access field '{name}' of nil")
    if isinstance(o, BError):
        return o
    if isinstance(o, BXml):
        return xml_attribute(o, name, False)
    raise runtime_panic("TypeCastError", f"cannot access field '{name}' of '{T.value_type_name(o)}'")


def optional_field(o: Any, name: str) -> Any:
    """`o?.name`: `()` for `()` and for an absent field."""
    if o is None:
        return None
    if isinstance(o, BMap):
        return o.get(name)
    if isinstance(o, BXml):
        return xml_attribute(o, name, True)
    if isinstance(o, BObject):
        return o.fields.get(name)
    if isinstance(o, BError):
        return o
    return None


def member(v: Any, i: Any) -> Any:
    """`v[i]`: list and string members (bounds-checked), map members (`()` when absent), table rows by key,
    xml items; `()[i]` is `()`."""
    if isinstance(v, BList):
        if type(i) is int and 0 <= i < len(v):
            return v[i]
        raise index_out_of_range(i, len(v))
    if isinstance(v, BMap):
        return v.get(i)
    if type(v) is str:
        if type(i) is int and 0 <= i < len(v):
            return v[i]
        raise runtime_panic(
            "IndexOutOfRange", f"string index out of range: index: {i}, size: {len(v)}", "lang.string"
        )
    if v is None:
        return None
    if isinstance(v, BObject):
        return v.fields.get(i)
    if isinstance(v, BTable):
        return v.find(i)
    if isinstance(v, BXml):
        return xml_member(v, i)
    raise runtime_panic("TypeCastError", f"cannot index '{T.value_type_name(v)}'")


def iterate(v: Any) -> Any:
    """What `foreach` walks: list members, map values, string characters, stream items, range objects."""
    if isinstance(v, BList):
        return list(v) if v else ()
    if isinstance(v, BMap):
        keys = record_keys(v)  # a record's fields in its type's order, as it prints (jBallerina's entrySet)
        return [v[k] for k in keys] if keys is not None else list(v.values())
    if type(v) is str:
        return v
    if isinstance(v, BStream):
        return _stream_items(v)
    if isinstance(v, range):
        return v
    if isinstance(v, BTable):
        return list(v.rows.values())
    if isinstance(v, BXml):
        return v.items()
    if isinstance(v, BObject):
        it = v.cls.methods.get("iterator")
        if it is not None:
            return _object_items(it.invoke_method(v, []))
    raise runtime_panic("TypeCastError", "value is not iterable")


def _stream_items(s: BStream) -> Any:
    """`foreach` over a stream: Ballerina requires a nil completion type there, so an error ends it."""
    if s.closed:
        return
    for item in s.iterator:
        if isinstance(item, BError):
            return
        yield item


def iterate_query(v: Any) -> Any:
    """What a query's `from` walks: as `foreach`, except that a stream completing with an error makes the
    whole query evaluate to that error (spec: query expressions, the completion type of the source)."""
    if isinstance(v, BStream):
        return _query_stream_items(v)
    return iterate(v)


def _query_stream_items(s: BStream) -> Any:
    from balmail.runtime.errors import FailSignal

    if s.closed:
        return
    for item in s.iterator:
        if isinstance(item, BError):
            raise FailSignal(item)
        yield item


def _object_items(iterator: Any) -> Any:
    nxt = iterator.cls.methods["next"]
    while True:
        r = nxt.invoke_method(iterator, [])
        if r is None or isinstance(r, BError):
            return
        yield r["value"]


def _locked_field(o: BObject, name: str) -> None:
    """A `readonly` or `final` field of an initialised object is not updated (jBallerina's wording)."""
    kind = o.cls.locked[name]
    raise runtime_panic(
        "InherentTypeViolation",
        f"cannot update '{kind}' field '{name}' in object of type '{T.value_type_name(o)}'",
        "lang.object",
    )


def store_field(o: Any, name: str, v: Any, remove_nil: bool = True) -> None:
    """`o.name = v`. Storing `()` into an optional record field whose type does not allow nil removes the
    field (spec: field-access lvalue; ballerina-spec#1079); member access (`remove_nil=False`) stores."""
    if isinstance(o, BObject):
        if o.sealed and name in o.cls.locked:
            _locked_field(o, name)
        o.fields[name] = v
    elif isinstance(o, BMap):
        if o.ro:
            tname = T.value_type_name(o)
            if "readonly" not in tname:
                tname = f"({tname} & readonly)"
            raise runtime_panic(
                "InherentTypeViolation",
                f"cannot update 'readonly' field '{name}' in record of type '{tname}'",
                "lang.map",
            )
        rt = o.type
        if rt is not None:
            rt = T.resolve(rt)
            if isinstance(rt, T.TRecord):
                ft = rt.field_type(name)
                if ft is None:
                    raise runtime_panic(
                        "KeyNotFound", f"invalid field access: field '{name}' not found", "lang.map"
                    )
                f = rt.fields.get(name)
                if v is None and remove_nil and f is not None and f.optional and not ft.contains(None):
                    o.pop(name, None)
                    return
                if not ft.contains(v):
                    from balmail.runtime.ops import convert_numeric

                    c = convert_numeric(v, ft)
                    if c is not None and ft.contains(c):
                        v = c
            check_map_store(o, name, v)
        o[name] = v
    else:
        raise runtime_panic("TypeCastError", f"cannot set field '{name}'")


def store_member(o: Any, i: Any, v: Any, sb: Any = None, remove_nil: bool = False) -> None:
    """`o[i] = v`. `remove_nil` is set when the key is a literal naming an optional record field whose type
    excludes nil: then, as for `o.f = ()`, storing `()` removes the field (the static type of the lvalue
    does not allow nil; spec: assignment to an lvalue, ballerina-spec#1079)."""
    if type(o) is BMap and not o.ro and (o.type is None or type(o.type) is T.TMap):
        if o.type is not None:
            check_map_store(o, i, v)
        o[i] = v
        return
    if isinstance(o, BList):
        if o.ro:
            raise runtime_panic("InherentTypeViolation", "cannot update a read-only array", "lang.array")
        n = len(o)
        if o.type is not None:
            check_list_store(o, i, v)
        if type(i) is int and 0 <= i < n:
            o[i] = v
            return
        if type(i) is int and i >= n:
            lt = T.resolve(o.type) if o.type is not None else None
            fixed = isinstance(lt, T.TArray) and lt.length is not None
            if fixed or isinstance(lt, T.TTuple) and lt.rest is None:
                raise index_out_of_range(i, n)
            if sb is not None and i >= sb.max_size:
                sb.check_size(i + 1)  # before filling: `xs[1000000000] = 1` must not allocate first
            if i > n:
                fill_to(o, i, o.type)
            o.append(v)
            return
        raise index_out_of_range(i, n)
    if isinstance(o, BMap):
        if o.ro:
            raise runtime_panic(
                "InherentTypeViolation", f"cannot update read-only map (key '{i}')", "lang.map"
            )
        store_field(o, i, v, remove_nil=remove_nil)
        return
    if isinstance(o, BObject):
        if o.sealed and i in o.cls.locked:
            _locked_field(o, i)
        o.fields[i] = v
        return
    if isinstance(o, BTable):
        o.set_member(i, v)
        return
    raise runtime_panic("TypeCastError", "value does not support member assignment")


def fill_member(o: Any, i: Any, sb: Any = None) -> Any:
    """`o[i]` read as the container of another lvalue (`v[3][7] = 42`, `m["a"]["b"] = 1`): a member that
    is missing is first created as the member type's filler value (spec: lvalues, "filling read"), so the
    outer store has somewhere to go. A member type without a filler panics as the store would."""
    if isinstance(o, BList):
        n = len(o)
        if type(i) is int and 0 <= i < n:
            return o[i]
        if type(i) is not int or i < 0 or o.ro or o.type is None:
            raise index_out_of_range(i, n)
        v = filler_value(T.element_type(o.type, i))
        if v is NO_FILLER:
            raise runtime_panic(
                "IllegalListInsertion",
                f"array of length {n} cannot be expanded into array of length {i + 1} without filler values",
                "lang.array",
            )
        store_member(o, i, v, sb)
        return v
    if isinstance(o, BMap) and type(i) is str:
        if i in o:
            return o[i]
        return _fill_key(o, i)
    if isinstance(o, BObject) and type(i) is str:
        return o.fields[i]
    if isinstance(o, BTable):
        return o.get(i)
    raise runtime_panic("TypeCastError", "value does not support member access")


def fill_field(o: Any, name: str) -> Any:
    """`o.name` read as the container of another lvalue (`r.inner.x = 1`): an absent optional field is
    created as its type's filler value first."""
    if isinstance(o, BMap):
        if name in o:
            return o[name]
        return _fill_key(o, name)
    if isinstance(o, BObject):
        return o.fields[name]
    raise runtime_panic("TypeCastError", f"cannot access field '{name}'")


def _fill_key(o: BMap, key: str) -> Any:
    rt = T.resolve(o.type) if o.type is not None else None
    if isinstance(rt, T.TIntersection):
        rt = T.resolve(rt.non_readonly())
    mt = None
    if isinstance(rt, T.TMap):
        mt = rt.constraint
    elif isinstance(rt, T.TRecord):
        mt = rt.field_type(key)
    v = filler_value(mt) if mt is not None and not o.ro else NO_FILLER
    if v is NO_FILLER:
        raise runtime_panic("KeyNotFound", f"cannot find key '{key}'", "lang.map")
    store_member(o, key, v)
    return v
