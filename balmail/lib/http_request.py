"""`http:Request` of ballerina/http for outbound calls: built with `new`, filled with the payload setters
(`setPayload`, `setTextPayload`, `setJsonPayload`, `setBinaryPayload`, `setXmlPayload`) and the header
methods, then sent by any `http:Client` remote method (`post`, `execute` ...).

Semantics follow module-ballerina-http's `Request` class: a payload setter sets `Content-Type` only when
the request has none (or when its `contentType` argument is given); `setPayload(v, ct)` sets `ct` first;
a value that is not json is sent as its `toJson()`; header names are case-insensitive; an illegal
header panics; reading a payload back from a request without one is an `http:NoContentError`.
The client side (which headers and body go on the wire) is `http.py`'s `call`.
"""

from __future__ import annotations

from typing import Any

import attrs

from balmail.lib.registry import NativeClass
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.functions import MISSING
from balmail.runtime.values import BError, BList, BMap, BObject, to_json_string, to_string


@attrs.define
class RequestState:
    """What a `Request` carries to the wire: its header lines in order and its body."""

    headers: list[tuple[str, str]] = attrs.field(factory=list)
    body: bytes | None = None

    def values(self, name: str) -> list[str]:
        key = name.lower()
        return [v for k, v in self.headers if k.lower() == key]

    def set(self, name: str, value: str) -> None:
        self.remove(name)
        self.headers.append((name, value))

    def remove(self, name: str) -> None:
        key = name.lower()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != key]


# public fields of `http:Request` and their initial values (the ones a client program can read/write)
FIELDS: dict[str, tuple[T.Type, Any]] = {
    "rawPath": (T.STRING, ""),
    "method": (T.STRING, ""),
    "httpVersion": (T.STRING, ""),
    "userAgent": (T.STRING, ""),
    "extraPathInfo": (T.STRING, ""),
}


def state(obj: BObject) -> RequestState:
    if not isinstance(obj.env, RequestState):
        obj.env = RequestState()
    return obj.env


def _panic(message: str, error_type: T.TError) -> BallerinaPanic:
    return BallerinaPanic(BError(message, None, BMap({}, ro=True), error_type))


def make_class(errors: dict[str, T.TError], check_header: Any, is_bytes: Any) -> NativeClass:
    """The `http:Request` class; `errors` are the module's error types, `check_header(name, value)`
    returns a problem text for an illegal header, `is_bytes(v)` tells a `byte[]` value."""
    header_not_found, no_content, client_error, http_error = (
        errors["HeaderNotFoundError"], errors["NoContentError"], errors["ClientError"], errors["Error"]
    )

    def header_error(name: str) -> BError:
        return BError(f"Http header does not exist: {name}", None, BMap({}, ro=True), header_not_found)

    def checked(name: Any, value: Any) -> tuple[str, str]:
        name, value = str(name), str(value)
        problem = check_header(name, value)
        if problem is not None:
            raise _panic(problem, http_error)
        return name, value

    def set_header(obj: BObject, name: Any, value: Any) -> None:
        name, value = checked(name, value)
        state(obj).set(name, value)

    def add_header(obj: BObject, name: Any, value: Any) -> None:
        state(obj).headers.append(checked(name, value))

    def get_header(obj: BObject, name: Any) -> Any:
        values = state(obj).values(str(name))
        return values[0] if values else header_error(str(name))

    def get_headers(obj: BObject, name: Any) -> Any:
        values = state(obj).values(str(name))
        return BList(values, T.TArray(T.STRING)) if values else header_error(str(name))

    def has_header(obj: BObject, name: Any) -> bool:
        return bool(state(obj).values(str(name)))

    def remove_header(obj: BObject, name: Any) -> None:
        state(obj).remove(str(name))

    def remove_all_headers(obj: BObject) -> None:
        state(obj).headers.clear()

    def get_header_names(obj: BObject) -> BList:
        names: list[str] = []
        seen: set[str] = set()
        for key, _ in state(obj).headers:
            if key.lower() not in seen:
                seen.add(key.lower())
                names.append(key)
        return BList(names, T.TArray(T.STRING))

    def get_content_type(obj: BObject) -> str:
        values = state(obj).values("Content-Type")
        return values[0] if values else ""

    def set_content_type(obj: BObject, content_type: Any) -> Any:
        try:
            set_header(obj, "Content-Type", content_type)
        except BallerinaPanic as trapped:  # `trap self.setHeader(...)`: an error value, not a panic
            return trapped.error
        return None

    def setter(default_type: str, encode: Any) -> Any:
        def set_payload(obj: BObject, payload: Any, contentType: Any = None) -> None:  # noqa: N803
            st = state(obj)
            st.body = encode(payload)
            if contentType is not None and contentType is not MISSING:
                set_header(obj, "Content-Type", contentType)
            elif not get_content_type(obj):
                st.set("Content-Type", default_type)

        return set_payload

    set_text = setter("text/plain", lambda v: str(v).encode("utf-8"))
    set_json = setter("application/json", lambda v: to_json_string(v).encode("utf-8"))
    set_xml = setter("application/xml", lambda v: to_string(v).encode("utf-8"))
    set_binary = setter("application/octet-stream", lambda v: bytes(v))

    def set_payload(obj: BObject, payload: Any, contentType: Any = None) -> None:  # noqa: N803
        if contentType is not None and contentType is not MISSING:
            set_content_type(obj, contentType)
        if isinstance(payload, str):
            set_text(obj, payload)
        elif is_bytes(payload):
            set_binary(obj, payload)
        elif T.value_type_name(payload) == "xml":
            set_xml(obj, payload)
        else:  # json, or anydata sent as its `toJson()` (to_json_string gives the same text)
            set_json(obj, payload)

    def body_of(obj: BObject) -> bytes | BError:
        body = state(obj).body
        if body is None:
            return BError("No content", None, BMap({}, ro=True), no_content)
        return body

    def get_text_payload(obj: BObject) -> Any:
        body = body_of(obj)
        return body if isinstance(body, BError) else body.decode("utf-8", errors="replace")

    def get_json_payload(obj: BObject) -> Any:
        from balmail.lib.langlib import from_json_string

        body = body_of(obj)
        if isinstance(body, BError):
            return body
        value = from_json_string(body.decode("utf-8", errors="replace"))
        if isinstance(value, BError):
            message = "Error occurred while retrieving the json payload from the request"
            return BError(message, value, BMap({}, ro=True), client_error)
        return value

    def get_binary_payload(obj: BObject) -> Any:
        body = body_of(obj)
        return body if isinstance(body, BError) else BList(list(body), T.TArray(T.BYTE))

    cls = NativeClass(
        "http:Request",
        {
            "setHeader": set_header,
            "addHeader": add_header,
            "getHeader": get_header,
            "getHeaders": get_headers,
            "hasHeader": has_header,
            "removeHeader": remove_header,
            "removeAllHeaders": remove_all_headers,
            "getHeaderNames": get_header_names,
            "setContentType": set_content_type,
            "getContentType": get_content_type,
            "setPayload": set_payload,
            "setTextPayload": set_text,
            "setJsonPayload": set_json,
            "setXmlPayload": set_xml,
            "setBinaryPayload": set_binary,
            "getTextPayload": get_text_payload,
            "getJsonPayload": get_json_payload,
            "getBinaryPayload": get_binary_payload,
        },
    )
    cls.field_types = {name: t for name, (t, _) in FIELDS.items()}
    cls.fields = [(name, (lambda env, v=value: v), None) for name, (_, value) in FIELDS.items()]
    cls.init = RequestInit(cls)
    cls.type.native_ctor = cls.init.new  # type: ignore[attr-defined]
    return cls


class RequestInit:
    """`init()` of `http:Request`: no parameters; gives the object its empty header list and body."""

    is_method = True

    def __init__(self, cls: NativeClass) -> None:
        self.cls = cls
        self.name = "http:Request"
        self.params: list[Any] = []

    def bind(self, args: list[Any], named: dict[str, Any] | None) -> list[Any]:
        if args or named:
            raise BallerinaPanic(
                BError("too many arguments in call to 'http:Request' init", None, BMap({}, ro=True))
            )
        return []

    def invoke(self, env: Any, args: list[Any]) -> Any:
        obj = args[0]
        obj.env = RequestState()
        return None

    def new(self, *args: Any, **named: Any) -> BObject:
        obj = BObject(self.cls)
        for name, (_, value) in FIELDS.items():
            obj.fields[name] = value
        self.invoke(None, [obj, *self.bind(list(args), named)])
        return obj


def is_request(value: Any, cls: NativeClass) -> bool:
    return isinstance(value, BObject) and value.cls is cls
