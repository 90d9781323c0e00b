"""ballerina/http for the evaluator: the `http:Client` subset handlers use to route messages
downstream, with `http:Response`, the client error types, and data binding of payloads.

Owns the Ballerina side: reading a `ClientConfiguration`, turning a message (string, json,
map/record, byte[]) into a request body, binding a response to the target type (json, string,
records via the evaluator's conversion, `http:Response`) and mapping 4xx/5xx responses to
`http:ClientRequestError`/`http:RemoteServerError` as Ballerina does. The wire is
`mail/http_transport.py`; every host a request reaches is asked of the sandbox (`--allow-net`).
"""

from __future__ import annotations

import base64
import re
from decimal import Decimal
from typing import Any

from balmail.lib import http_request
from balmail.lib.http_resources import resource_methods
from balmail.lib.mime import NativeClass
from balmail.lib.registry import LibModule
from balmail.mail.errors import MailError
from balmail.mail.http_transport import HttpFailure, HttpResponse, HttpTransport, Redirects, RetryPolicy
from balmail.mail.tls import SecureSocketConfig
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.functions import MISSING, Param
from balmail.runtime.strands import blocking
from balmail.runtime.values import BError, BList, BMap, BObject, BTypedesc, to_json_string


def _error_type(name: str, *ids: int) -> T.TError:
    """Distinct error types as id sets: a subtype's ids include its supertype's."""
    t = T.TError(None, frozenset({-399, *ids}))
    t.name = name
    return t


HTTP_ERROR = _error_type("http:Error")
CLIENT_ERROR = _error_type("http:ClientError", -400)
APPLICATION_RESPONSE_ERROR = _error_type("http:ApplicationResponseError", -400, -401)
CLIENT_REQUEST_ERROR = _error_type("http:ClientRequestError", -400, -401, -402)
REMOTE_SERVER_ERROR = _error_type("http:RemoteServerError", -400, -401, -403)
PAYLOAD_BINDING_ERROR = _error_type("http:PayloadBindingError", -400, -404)
CLIENT_AUTH_ERROR = _error_type("http:ClientAuthError", -400, -405)
HEADER_NOT_FOUND_ERROR = _error_type("http:HeaderNotFoundError", -406)
NO_CONTENT_ERROR = _error_type("http:NoContentError", -400, -407)

HEADERS_TYPE = T.TMap(T.TUnion([T.STRING, T.TArray(T.STRING)]))
BYTES = T.TArray(T.BYTE)

CONFIG_FIELDS = {
    "timeout", "auth", "secureSocket", "retryConfig", "followRedirects",
    # accepted and ignored: they tune what balmail's one-request-per-call client does not have
    "httpVersion", "http1Settings", "http2Settings", "forwarded", "poolConfig", "cache", "compression",
    "circuitBreaker", "cookieConfig", "responseLimits", "proxy", "validation", "socketConfig",
    "laxDataBinding",
}  # fmt: skip
CONFIG = T.TRecord({name: T.Field(name, T.ANYDATA, True, None) for name in sorted(CONFIG_FIELDS)}, None)
CONFIG.name = "http:ClientConfiguration"
DEFAULT_TIMEOUT = 30.0


def http_error(
    message: str, error_type: T.TError = CLIENT_ERROR, detail: dict[str, Any] | None = None
) -> BError:
    return BError(message, None, BMap(detail or {}, ro=True), error_type)


class ConfigProblem(Exception):
    """The client configuration cannot be used; the message says which field and why."""


def _seconds(value: Any, field: str) -> float:
    if type(value) in (int, float) or isinstance(value, Decimal):
        seconds = float(value)
        if seconds < 0:
            raise ConfigProblem(f"'{field}' must not be negative")
        return seconds
    raise ConfigProblem(f"'{field}' must be a number of seconds")


def _record(value: Any, field: str) -> BMap:
    if not isinstance(value, BMap):
        raise ConfigProblem(f"'{field}' must be a record")
    return value


def read_config(config: BMap | None) -> dict[str, Any]:
    """The `http:ClientConfiguration` fields balmail acts on, as transport settings."""
    config = config if config is not None else BMap()
    for key in config:
        if key not in CONFIG_FIELDS:
            raise ConfigProblem(f"field '{key}' is not a field of http:ClientConfiguration")
    out: dict[str, Any] = {"timeout": DEFAULT_TIMEOUT, "auth": None}
    if config.get("timeout") is not None:  # 0: wait as long as the handler's time budget allows
        out["timeout"] = _seconds(config["timeout"], "timeout") or None
    auth = config.get("auth")
    if auth is not None:
        auth = _record(auth, "auth")
        if "token" in auth:
            out["auth"] = ("Bearer", str(auth["token"]))
        elif "username" in auth and "password" in auth:
            pair = f"{auth['username']}:{auth['password']}".encode()
            out["auth"] = ("Basic", base64.b64encode(pair).decode("ascii"))
        else:
            raise ConfigProblem("'auth' must be {token} (bearer) or {username, password} (basic)")
    secure = config.get("secureSocket")
    if secure is not None:
        secure = _record(secure, "secureSocket")
        out["verify"] = secure.get("enable", True) is not False
        cert = secure.get("cert")
        if cert is not None and not isinstance(cert, str):
            raise ConfigProblem("'secureSocket.cert' must be the path of a PEM certificate")
        if cert is not None:
            protocol = secure.get("protocol")
            versions = tuple(protocol.get("versions") or ()) if isinstance(protocol, BMap) else ()
            out["secure_socket"] = SecureSocketConfig(
                cert=cert,
                protocol_versions=versions,
                ciphers=tuple(secure.get("ciphers") or ()),
                verify_host_name=secure.get("verifyHostName", True) is not False,
            )
    retry = config.get("retryConfig")
    if retry is not None:
        retry = _record(retry, "retryConfig")
        out["retry"] = RetryPolicy(
            count=int(retry.get("count", 0)),
            interval=_seconds(retry.get("interval", 0), "retryConfig.interval"),
            back_off_factor=float(retry.get("backOffFactor", 0.0)),
            max_wait=_seconds(retry.get("maxWaitInterval", 0), "retryConfig.maxWaitInterval"),
            status_codes=frozenset(int(c) for c in retry.get("statusCodes") or ()),
        )
    redirects = config.get("followRedirects")
    if redirects is not None:
        redirects = _record(redirects, "followRedirects")
        out["redirects"] = Redirects(
            enabled=redirects.get("enabled", False) is True,
            max_count=int(redirects.get("maxCount", 5)),
            allow_auth_headers=redirects.get("allowAuthHeaders", False) is True,
        )
    return out


# -- requests ---------------------------------------------------------------------------------


def _is_bytes(value: Any) -> bool:
    return isinstance(value, BList) and value.type is not None and _is_byte_array(value.type)


def request_body(message: Any) -> tuple[bytes | None, str | None]:
    """(bytes, default content type) of a message, as Ballerina's client serialises it."""
    if message is None:
        return None, None
    if type(message) is str:
        return message.encode("utf-8"), "text/plain"
    if _is_bytes(message):
        return bytes(message), "application/octet-stream"
    return to_json_string(message).encode("utf-8"), "application/json"


_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def header_problem(key: str, text: str) -> str | None:
    """Why a header line cannot be sent, or None."""
    if not _TOKEN.fullmatch(key):  # RFC 9110 §5.1: a field name is a token
        return f"invalid header name {key!r}: a header name is letters, digits and !#$%&'*+-.^_`|~ only"
    if "\r" in text or "\n" in text:
        return f"header '{key}' contains a line break"
    if _CONTROL.search(text):  # RFC 9110 §5.5: no control characters but tab in a field value
        return f"header '{key}' has a control character in its value"
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return f"header '{key}' has characters HTTP headers cannot carry"
    return None


def request_headers(headers: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if headers is None:
        return out
    if not isinstance(headers, BMap):
        raise ConfigProblem("headers must be a map<string|string[]>")
    for key, value in headers.items():
        values = value if isinstance(value, BList) else [value]
        for one in values:
            problem = header_problem(str(key), str(one))
            if problem is not None:
                raise ConfigProblem(problem)
            out.append((str(key), str(one)))
    return out


def merge_headers(base: list[tuple[str, str]], headers: Any) -> list[tuple[str, str]]:
    """A `Request`'s headers with a call's `headers` argument applied as Ballerina's client does: a
    `string` value replaces the request's header of that name, a `string[]` adds to it."""
    out = list(base)
    if isinstance(headers, BMap):
        for key, value in headers.items():
            if not isinstance(value, BList):
                out = [(k, v) for k, v in out if k.lower() != str(key).lower()]
    return out + request_headers(headers)


# -- responses --------------------------------------------------------------------------------


def _content_type(response: HttpResponse) -> str:
    return (response.header("Content-Type") or "").split(";")[0].strip().lower()


def _charset(response: HttpResponse) -> str:
    for piece in (response.header("Content-Type") or "").split(";")[1:]:
        key, _, value = piece.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"') or "utf-8"
    return "utf-8"


def _text(response: HttpResponse) -> str:
    try:
        return response.body.decode(_charset(response), errors="replace")
    except LookupError:
        return response.body.decode("utf-8", errors="replace")


def _json(response: HttpResponse) -> Any:
    from balmail.lib.langlib import from_json_string

    return from_json_string(_text(response))


def _is_json_type(response: HttpResponse) -> bool:
    ct = _content_type(response)
    return ct == "application/json" or ct.endswith("+json")


def _headers_value(response: HttpResponse) -> BMap:
    out: dict[str, BList] = {}
    for key, value in response.headers:
        out.setdefault(key.lower(), BList([], T.TArray(T.STRING))).append(value)
    return BMap(out, T.TMap(T.TArray(T.STRING)), ro=True)


def status_error(response: HttpResponse) -> BError:
    """A 4xx/5xx response bound to a non-Response target: Ballerina's application response error,
    its message the reason phrase, its detail the status code, headers and body."""
    kind = CLIENT_REQUEST_ERROR if response.status < 500 else REMOTE_SERVER_ERROR
    body: Any = _text(response)
    if _is_json_type(response):
        parsed = _json(response)
        body = body if isinstance(parsed, BError) else parsed
    detail = {"statusCode": response.status, "headers": _headers_value(response), "body": body}
    return http_error(response.reason or str(response.status), kind, detail)


def _wants_response(t: T.Type) -> bool:
    return any(isinstance(m, T.TObject) and m.cls is RESPONSE_CLASS for m in T.member_types(T.resolve(t)))


def bind(response: HttpResponse, target: T.Type | None) -> Any:
    """The response as the caller's target type (`targetType`, or inferred from the payload)."""
    if target is not None and _wants_response(target):
        return response_value(response)
    if response.status >= 400:
        return status_error(response)
    if target is None:  # no type given: the payload as json when it is JSON, else its text
        if not response.body:
            return None
        return _bind_json(response, T.JSON) if _is_json_type(response) else _text(response)
    r = T.resolve(target)
    if not response.body and r.contains(None):
        return None
    if r.contains("") and (isinstance(r, T.TString) or not _is_json_type(response)):
        return _text(response)
    if any(_is_byte_array(m) for m in T.member_types(r)):
        return BList(list(response.body), BYTES)
    return _bind_json(response, target)


def _is_byte_array(t: T.Type) -> bool:
    r = T.resolve(t)
    return isinstance(r, T.TArray) and _is_byte(r.element)


def _is_byte(t: T.Type) -> bool:
    r = T.resolve(t)
    return isinstance(r, T.TInt) and r.contains(255) and not r.contains(256) and not r.contains(-1)


def _bind_json(response: HttpResponse, target: T.Type) -> Any:
    from balmail.runtime import ops

    value = _json(response)
    if isinstance(value, BError):
        return http_error(f"Payload binding failed: {value.message}", PAYLOAD_BINDING_ERROR)
    converted = ops.convert_to(value, target)
    if isinstance(converted, BError):
        reason = converted.detail.get("message") if isinstance(converted.detail, BMap) else None
        text = reason if isinstance(reason, str) and reason else converted.message
        return http_error(f"Payload binding failed: {text}", PAYLOAD_BINDING_ERROR)
    return converted


# -- http:Response ----------------------------------------------------------------------------


def _response(obj: BObject) -> HttpResponse:
    return obj.env  # type: ignore[no-any-return]


def get_json_payload(obj: BObject) -> Any:
    value = _json(_response(obj))
    if isinstance(value, BError):
        return http_error(
            f"Error occurred while retrieving the json payload from the response: {value.message}"
        )
    return value


def get_text_payload(obj: BObject) -> Any:
    return _text(_response(obj))


def get_binary_payload(obj: BObject) -> Any:
    return BList(list(_response(obj).body), BYTES)


def get_header(obj: BObject, name: str, position: Any = None) -> Any:
    value = _response(obj).header(name)
    if value is None:
        return http_error(f"Http header does not exist: {name}", HEADER_NOT_FOUND_ERROR)
    return value


def get_headers(obj: BObject, name: str, position: Any = None) -> Any:
    values = _response(obj).header_values(name)
    if not values:
        return http_error(f"Http header does not exist: {name}", HEADER_NOT_FOUND_ERROR)
    return BList(values, T.TArray(T.STRING))


def has_header(obj: BObject, name: str, position: Any = None) -> bool:
    return _response(obj).header(name) is not None


def get_header_names(obj: BObject, position: Any = None) -> BList:
    names: list[str] = []
    for key, _ in _response(obj).headers:
        if key not in names:
            names.append(key)
    return BList(names, T.TArray(T.STRING))


def get_content_type(obj: BObject) -> str:
    return _response(obj).header("Content-Type") or ""


RESPONSE_CLASS = NativeClass(
    "http:Response",
    {
        "getJsonPayload": get_json_payload,
        "getTextPayload": get_text_payload,
        "getBinaryPayload": get_binary_payload,
        "getHeader": get_header,
        "getHeaders": get_headers,
        "hasHeader": has_header,
        "getHeaderNames": get_header_names,
        "getContentType": get_content_type,
    },
)
RESPONSE_CLASS.field_types = {"statusCode": T.INT, "reasonPhrase": T.STRING}


def response_value(response: HttpResponse) -> BObject:
    obj = BObject(RESPONSE_CLASS, response)
    obj.fields["statusCode"] = response.status
    obj.fields["reasonPhrase"] = response.reason
    return obj


REQUEST_CLASS = http_request.make_class(
    {
        "HeaderNotFoundError": HEADER_NOT_FOUND_ERROR,
        "NoContentError": NO_CONTENT_ERROR,
        "ClientError": CLIENT_ERROR,
        "Error": HTTP_ERROR,
    },
    header_problem,
    _is_bytes,
)


# -- http:Client ------------------------------------------------------------------------------


class ClientInit:
    """`init` of `http:Client`: gives `new` parameter types (so a `{...}` configuration is typed) and
    builds the transport; a returned error is what `check new` sees."""

    is_method = True

    def __init__(self, cls: NativeClass, construct: Any) -> None:
        self.cls = cls
        self.name = "http:Client"
        self.params = [Param("url", T.STRING, None, False), Param("config", CONFIG, lambda f: None, False)]
        for p in self.params:
            p.included = False
        self.construct = construct

    def bind(self, args: list[Any], named: dict[str, Any] | None) -> list[Any]:
        out = list(args) + [MISSING] * (2 - len(args))
        if len(out) > 2:
            raise BallerinaPanic(http_error("too many arguments in call to 'http:Client' init"))
        for key, value in (named or {}).items():
            if key == "url":
                out[0] = value
            elif key == "config":
                out[1] = value
            else:  # `*ClientConfiguration config`: named arguments are its fields
                if not isinstance(out[1], BMap):
                    out[1] = BMap()
                out[1][key] = value
        return out

    def invoke(self, env: Any, args: list[Any]) -> Any:
        obj, *rest = args
        return self.construct(obj, *[None if a is MISSING else a for a in rest])

    def new(self, *args: Any, **named: Any) -> Any:
        obj = BObject(self.cls)
        result = self.invoke(None, [obj, *self.bind(list(args), named)])
        return result if isinstance(result, BError) else obj


class RemoteMethod:
    """A remote method whose `targetType` defaults to the expected type of the call. As for langlib's
    `cloneWithType`, `wants_expected_type` is one more than the number of positional parameters
    before `targetType`: an evaluator passing the expected type does so (as the named argument
    `targetType`) when fewer positional arguments than that were given."""

    def __init__(self, fn: Any, before_target: int) -> None:
        self.fn = fn
        self.wants_expected_type = before_target + 1

    def __call__(self, *args: Any, **named: Any) -> Any:
        return self.fn(*args, **named)


def module(ctx: Any) -> LibModule:
    """Built per program: clients ask this program's sandbox for every host they reach."""
    sandbox = ctx.sandbox

    def allow(host: str, port: int) -> str | None:
        denied = sandbox.allow_net(host, port)
        return None if denied is None else denied.message

    def construct(obj: BObject, url: Any, config: Any = None) -> Any:
        try:
            settings = read_config(config)
        except ConfigProblem as problem:
            return http_error(f"Invalid http:ClientConfiguration: {problem}")
        auth = settings.pop("auth")
        try:
            transport = HttpTransport(str(url), allow, **settings)
        except MailError as failure:
            return http_error(str(failure))
        base = transport.base
        refusal = allow(base.hostname or "", base.port or (443 if base.scheme == "https" else 80))
        if refusal is not None:
            return http_error(refusal)
        obj.env = (transport, auth)
        return None

    def call(
        method: str, obj: BObject, path: Any, message: Any, headers: Any, media_type: Any, target: Any
    ) -> Any:
        if not isinstance(obj.env, tuple):
            return http_error("the http:Client was not initialised")
        transport, auth = obj.env
        if not _TOKEN.fullmatch(method):
            return http_error(f"invalid HTTP method {method!r}")
        try:
            if http_request.is_request(message, REQUEST_CLASS):
                req = http_request.state(message)
                body, default_type = req.body, None
                wire_headers = merge_headers(req.headers, headers)
            else:
                body, default_type = request_body(message)
                wire_headers = request_headers(headers)
        except ConfigProblem as problem:
            return http_error(str(problem))
        names = {k.lower() for k, _ in wire_headers}
        if media_type is not None:
            wire_headers = [(k, v) for k, v in wire_headers if k.lower() != "content-type"]
            wire_headers.append(("Content-Type", str(media_type)))
        elif default_type is not None and "content-type" not in names:
            wire_headers.append(("Content-Type", default_type))
        if auth is not None and "authorization" not in names:
            wire_headers.append(("Authorization", f"{auth[0]} {auth[1]}"))
        if "user-agent" not in names:
            wire_headers.append(("User-Agent", "ballerina"))
        if "accept" not in names:
            wire_headers.append(("Accept", "*/*"))
        try:
            left = sandbox.seconds_left()  # this strand's deadline: read before giving up the baton
            with blocking(ctx):  # other handlers run while this one waits for the server
                response = transport.request(method, str(path), wire_headers, body, left)
        except HttpFailure as failure:
            return http_error(str(failure))
        target_type = target.type if isinstance(target, BTypedesc) else None
        return bind(response, target_type)

    def get(obj: BObject, path: Any, headers: Any = None, targetType: Any = None) -> Any:  # noqa: N803
        return call("GET", obj, path, None, headers, None, targetType)

    def head(obj: BObject, path: Any, headers: Any = None) -> Any:
        return call("HEAD", obj, path, None, headers, None, BTypedesc(RESPONSE_CLASS.type))

    def options(obj: BObject, path: Any, headers: Any = None, targetType: Any = None) -> Any:  # noqa: N803
        return call("OPTIONS", obj, path, None, headers, None, targetType)

    def execute(
        obj: BObject,
        httpVerb: Any,  # noqa: N803
        path: Any,
        message: Any = None,
        headers: Any = None,
        mediaType: Any = None,  # noqa: N803
        targetType: Any = None,  # noqa: N803
    ) -> Any:
        return call(str(httpVerb), obj, path, message, headers, mediaType, targetType)

    def with_body(method: str) -> Any:
        def send(
            obj: BObject,
            path: Any,
            message: Any = None,
            headers: Any = None,
            mediaType: Any = None,  # noqa: N803
            targetType: Any = None,  # noqa: N803
        ) -> Any:
            return call(method, obj, path, message, headers, mediaType, targetType)

        return send

    client_class = NativeClass("http:Client", {})
    init = ClientInit(client_class, construct)
    client_class.native_methods = {
        "get": RemoteMethod(get, 2),
        "head": head,
        "options": RemoteMethod(options, 2),
        "post": RemoteMethod(with_body("POST"), 4),
        "put": RemoteMethod(with_body("PUT"), 4),
        "patch": RemoteMethod(with_body("PATCH"), 4),
        "delete": RemoteMethod(with_body("DELETE"), 4),
        "execute": RemoteMethod(execute, 5),
    }
    client_class.resource_methods = resource_methods(client_class.native_methods)  # type: ignore[attr-defined]
    client_class.init = init
    client_class.type.native_ctor = init.new  # type: ignore[attr-defined]

    return LibModule(
        "ballerina/http",
        types={
            "Client": client_class.type,
            "Response": RESPONSE_CLASS.type,
            "Request": REQUEST_CLASS.type,
            "NoContentError": NO_CONTENT_ERROR,
            "ClientConfiguration": CONFIG,
            "ClientError": CLIENT_ERROR,
            "Error": HTTP_ERROR,
            "ApplicationResponseError": APPLICATION_RESPONSE_ERROR,
            "ClientRequestError": CLIENT_REQUEST_ERROR,
            "RemoteServerError": REMOTE_SERVER_ERROR,
            "PayloadBindingError": PAYLOAD_BINDING_ERROR,
            "ClientAuthError": CLIENT_AUTH_ERROR,
            "HeaderNotFoundError": HEADER_NOT_FOUND_ERROR,
        },
        classes={"Client": init.new, "Request": REQUEST_CLASS.init.new},
        constants={"STATUS_OK": 200, "STATUS_CREATED": 201, "STATUS_NOT_FOUND": 404},
    )
