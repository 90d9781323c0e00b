"""Client resource access actions (`c->/albums/[id].post(album, page = 2)`): the path segments are
evaluated left to right (`[...xs]` spreads a list), then the client's resource method for the HTTP
method is called with the segments and the arguments. Library clients (`http:Client`) provide
`resource_methods` on their class; like their remote methods, a missing `targetType` is the expected
type of the action (`Album[] a = check c->/albums;`).
"""

from __future__ import annotations

from typing import Any

from balmail.compiler import expressions
from balmail.compiler.calls import _infer_target_type, compile_args, evaluate_args
from balmail.compiler.core import Compiler
from balmail.runtime import types as T
from balmail.runtime.errors import runtime_panic
from balmail.runtime.functions import Eval
from balmail.runtime.values import BList, BMap, BObject
from balmail.syntax import ast

_WANTS_TARGET = {"get": 1, "options": 1, "post": 2, "put": 2, "patch": 2, "delete": 2}


class _TargetWanted:
    """Stands for a library resource method in `_infer_target_type`: how many positional arguments come
    before `targetType` (plus one)."""

    def __init__(self, before_target: int) -> None:
        self.wants_expected_type = before_target + 1


class _ResourceTable:
    def __init__(self, method: str) -> None:
        wanted = _WANTS_TARGET.get(method)
        self.native_methods = {method: _TargetWanted(wanted)} if wanted is not None else {}


class _Shape:
    def __init__(self, method: str) -> None:
        self.cls = _ResourceTable(method)


def expr_ResourceAction(cx: Compiler, e: ast.ResourceAction, expected: T.Type | None) -> Eval:
    target = expressions.expr(cx, e.target)
    segments: list[tuple[bool, Eval]] = []
    for seg in e.segments:
        if isinstance(seg, ast.Spread):
            segments.append((True, expressions.expr(cx, seg.expr)))
        else:
            segments.append((False, expressions.expr(cx, seg)))
    # names written in the path match only a same-named segment of a resource method's path
    written = [isinstance(seg, ast.Literal) and seg.kind == "string" for seg in e.segments]
    compiled, _ = compile_args(cx, e.args, None)
    compiled = _infer_target_type(cx, _Shape(e.method), e.method, compiled, expected)  # type: ignore[arg-type]
    method = e.method

    def action(f: list[Any]) -> Any:
        client = target(f)
        path: list[Any] = []
        named_at: list[bool] = []
        for (spread, ev), name in zip(segments, written, strict=True):
            v = ev(f)
            if spread:
                items = list(v.values() if isinstance(v, BMap) else v if isinstance(v, BList) else [v])
                path.extend(items)
                named_at.extend([False] * len(items))
            else:
                path.append(v)
                named_at.append(name)
        pos, named = evaluate_args(compiled, f)
        if not isinstance(client, BObject):
            raise runtime_panic("ResourceNotFound", "a resource access action needs a client object")
        methods = getattr(client.cls, "methods", None)
        if isinstance(methods, dict):  # a Ballerina client class with resource methods
            found = _user_resource(methods, method, path, named_at)
            if found is not None:
                info, path_args = found
                return info.invoke(client.env, [client, *info.bind(path_args + pos, named or None)])
        table = getattr(client.cls, "resource_methods", None)
        fn = table.get(method) if table else None
        if fn is None:
            message = f"no resource method '{method}' for '{resource_text(path)}' on this client"
            raise runtime_panic("ResourceNotFound", message)
        return fn(client, path, *pos, **named)

    return action


def resource_text(path: list[Any]) -> str:
    return "/" + "/".join(str(p) for p in path)


def _user_resource(
    methods: dict[str, Any], method: str, path: list[Any], named_at: list[bool]
) -> tuple[Any, list[Any]] | None:
    """The resource method of a class that `method` and the path select, with its path arguments.
    Methods are keyed `get albums/[]/tracks` (see functions.method_key); a `[]` is a path parameter,
    the last one possibly a rest parameter (`[string... rest]`), which takes the remaining segments."""
    prefix = method + " "
    for key, info in methods.items():
        if not key.startswith(prefix):
            continue
        pattern = key[len(prefix) :].split("/")
        if pattern == ["."]:
            pattern = []
        args: list[Any] = []
        i = param = 0
        matched = True
        for seg in pattern:
            if seg == "[]":
                p = info.params[param] if param < len(info.params) else None
                param += 1
                if p is not None and isinstance(T.resolve(p.type), T.TArray):  # `[string... rest]`
                    args.append(BList(path[i:], p.type))
                    i = len(path)
                elif i < len(path):
                    args.append(path[i])
                    i += 1
                else:
                    matched = False
                    break
            elif i < len(path) and named_at[i] and path[i] == seg:
                i += 1
            else:
                matched = False
                break
        if matched and i == len(path):
            return info, args
    return None
