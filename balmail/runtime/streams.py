"""Stream values backed by an object (`new stream<T, E>(obj)`): the object's `next()` gives
`record {| T value; |}`, an error (the stream completes with it) or `()` (the stream ends); its optional
`close()` is what closing the stream calls. Python-backed streams (queries, CSV, `toStream`) yield their
members, and a `BError` member means completion with that error."""

from __future__ import annotations

from typing import Any

from balmail.runtime.errors import runtime_panic
from balmail.runtime.values import BError, BMap, BObject, BStream


def object_stream(obj: Any, stream_type: Any = None) -> BStream:
    """`new stream<T, E>(obj)`: a stream whose members are what `obj.next()` hands out, in order."""
    if not isinstance(obj, BObject) or obj.cls.methods.get("next") is None:
        raise runtime_panic("TypeCastError", "a stream is constructed from an object with a 'next' method")
    nxt = obj.cls.methods["next"]

    def members() -> Any:
        while True:
            r = nxt.invoke_method(obj, [])
            if r is None:
                return
            if isinstance(r, BError):
                yield r
                return
            yield r["value"] if isinstance(r, BMap) else r

    return BStream(members(), stream_type, obj)


def stream_next(s: BStream) -> Any:
    """`s.next()`: `{value: v}` for the next member, the completion error, or `()` once the stream ended."""
    if s.closed:
        return None
    try:
        item = next(s.iterator)
    except StopIteration:
        return None
    if isinstance(item, BError):
        return item
    return BMap({"value": item}, type=_value_record(s))


def stream_close(s: BStream) -> Any:
    """`s.close()`: calls the backing object's `close()` once; closing again has no effect."""
    if s.closed:
        return None
    s.closed = True
    src = s.source
    if isinstance(src, BStream):  # a stream made by map/filter closes the one it reads
        return stream_close(src)
    if isinstance(src, BObject):
        close = src.cls.methods.get("close")
        if close is not None:
            return close.invoke_method(src, [])
    return None


def members(s: BStream) -> Any:
    """The members in order; a completion error is yielded last (callers decide what it means)."""
    if s.closed:
        return
    yield from s.iterator


def _value_record(s: BStream) -> Any:
    from balmail.runtime import types as T

    t = s.type
    element = getattr(t, "element", None) if t is not None else None
    if element is None:
        return None
    return T.TRecord({"value": T.Field("value", element, False, None)}, None)
