"""`lang.stream`: next, close, iterator and the functional members (map, filter, forEach, reduce). A
stream completes with `()` or with an error; the functional members pass that error on (spec: their
result types carry the stream's completion type)."""

from __future__ import annotations

from typing import Any

from balmail.runtime import types as T
from balmail.runtime.streams import members, stream_close, stream_next
from balmail.runtime.values import BError, BStream


def _map(s: BStream, fn: Any) -> BStream:
    def mapped() -> Any:
        for x in members(s):
            if isinstance(x, BError):
                yield x
                return
            yield fn(x)

    return BStream(mapped(), T.TStream(None), s)


def _filter(s: BStream, fn: Any) -> BStream:
    def kept() -> Any:
        for x in members(s):
            if isinstance(x, BError):
                yield x
                return
            if fn(x):
                yield x

    return BStream(kept(), s.type, s)


def _for_each(s: BStream, fn: Any) -> Any:
    for x in members(s):
        if isinstance(x, BError):
            return x
        fn(x)
    return None


def _reduce(s: BStream, fn: Any, initial: Any) -> Any:
    acc = initial
    for x in members(s):
        if isinstance(x, BError):
            return x
        acc = fn(acc, x)
    return acc


FUNCTIONS: dict[str, Any] = {
    "next": stream_next,
    "close": stream_close,
    "iterator": lambda s: s,
    "forEach": _for_each,
    "map": _map,
    "filter": _filter,
    "reduce": _reduce,
}
