"""`http:Client` resource access actions (`c->/albums/[id].get(page = 2)`): the resource functions of
Ballerina's `http:Client` (`resource function get [PathParamType ...path](headers, targetType,
*QueryParams params)`, `post [...path](message, headers, mediaType, targetType, *QueryParams)`, ...) mapped
onto its remote methods. Path segments are joined with `/`; named arguments that are not parameters are
query parameters (`?page=2`, a list repeats its key, `()` is left out), their values percent-encoded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from balmail.runtime.errors import runtime_panic
from balmail.runtime.values import BList, BMap, to_string

# the parameters after the path, in order, of each resource method of `http:Client`
RESOURCE_PARAMS: dict[str, tuple[str, ...]] = {
    "get": ("headers", "targetType"),
    "options": ("headers", "targetType"),
    "head": ("headers",),
    "post": ("message", "headers", "mediaType", "targetType"),
    "put": ("message", "headers", "mediaType", "targetType"),
    "patch": ("message", "headers", "mediaType", "targetType"),
    "delete": ("message", "headers", "mediaType", "targetType"),
}


def resource_path(segments: list[Any]) -> str:
    """`/albums/1`: each segment as its string form (`[id]` with an int gives `1`)."""
    return "/" + "/".join(s if isinstance(s, str) else to_string(s) for s in segments)


def query_string(params: dict[str, Any]) -> str:
    parts: list[str] = []
    for key, value in params.items():
        values = list(value) if isinstance(value, BList) else [value]
        for v in values:
            if v is None:
                continue
            parts.append(f"{quote(key, safe='')}={quote(v if isinstance(v, str) else to_string(v), safe='')}")
    return "&".join(parts)


def resource_methods(remote: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """`method -> fn(client, segments, *args, **named)` for every HTTP method of the client."""

    def make(method: str) -> Callable[..., Any]:
        params = RESOURCE_PARAMS[method]
        send = remote[method]

        def call(obj: Any, segments: list[Any], *args: Any, **named: Any) -> Any:
            if len(args) > len(params):
                message = f"too many arguments to 'http:Client' resource {method}"
                raise runtime_panic("TooManyArguments", message)
            given = dict(zip(params, args, strict=False))
            query: dict[str, Any] = {}
            for key, value in named.items():
                if key in params:
                    given[key] = value
                elif key == "params" and isinstance(value, BMap):  # `*QueryParams params` as a record
                    query.update(value.items())
                else:
                    query[key] = value
            path = resource_path(segments)
            qs = query_string(query)
            if qs:
                path += "?" + qs
            return send(obj, path, **given)

        return call

    return {method: make(method) for method in RESOURCE_PARAMS}
