"""HTTP/1.1 requests for `http:Client`, on the standard library's `http.client` and `ssl`.

Owns one request: connect (TLS through `tls.build_ssl_context`), send, read the whole response,
follow redirects when asked (each new host asked to the permission callback first, so a redirect
cannot reach a host the program was not allowed to name), and retry per the client's retry
configuration. It knows nothing about Ballerina values; every failure is one `HttpFailure` with a
sentence a user can act on.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.parse
from collections.abc import Callable

import attrs

from balmail.mail.errors import MailError
from balmail.mail.tls import SecureSocketConfig, build_ssl_context

MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""A response larger than this is refused: handlers hold the whole payload in memory."""

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
"""Characters kept as they are in a request target; others (spaces, non-ASCII) are percent-encoded."""

PermissionCheck = Callable[[str, int], "str | None"]
"""(host, port) → None when allowed, else the refusal sentence."""


class HttpFailure(MailError):
    """A request failed before a complete response arrived (or a redirect was refused)."""

    def __init__(self, message: str, *, refused: bool = False) -> None:
        super().__init__(message)
        self.refused = refused


@attrs.frozen
class RetryPolicy:
    """`http:RetryConfig`: `count` further attempts, waiting `interval` seconds, multiplied by
    `back_off_factor` after each, never more than `max_wait` (0: no limit); responses whose status
    is in `status_codes` are retried like connection failures."""

    count: int = 0
    interval: float = 0.0
    back_off_factor: float = 0.0
    max_wait: float = 0.0
    status_codes: frozenset[int] = frozenset()

    def waits(self) -> list[float]:
        out: list[float] = []
        wait = self.interval
        for _ in range(max(0, self.count)):
            out.append(min(wait, self.max_wait) if self.max_wait > 0 else wait)
            if self.back_off_factor > 0:
                wait *= self.back_off_factor
        return out


@attrs.frozen
class Redirects:
    """`http:FollowRedirects`: off by default, as in Ballerina."""

    enabled: bool = False
    max_count: int = 5
    allow_auth_headers: bool = False


@attrs.frozen
class HttpResponse:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    url: str

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    def header_values(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]


@attrs.define
class HttpTransport:
    """One client's connection settings. `allow` is asked for every host a request goes to."""

    base_url: str
    allow: PermissionCheck
    timeout: float | None = 30.0
    secure_socket: SecureSocketConfig | None = None
    verify: bool = True
    retry: RetryPolicy = attrs.field(factory=RetryPolicy)
    redirects: Redirects = attrs.field(factory=Redirects)
    _context: ssl.SSLContext | None = attrs.field(default=None, init=False)

    def __attrs_post_init__(self) -> None:
        parts = _split(self.base_url)
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise HttpFailure(
                f"'{self.base_url}' is not an HTTP URL; write it as 'https://host[:port][/path]'"
            )

    @property
    def base(self) -> urllib.parse.SplitResult:
        return urllib.parse.urlsplit(self.base_url)

    def target(self, path: str) -> str:
        """The URL a resource path names: the base URL with `path` appended, as Ballerina does."""
        if path.startswith(("http://", "https://")):
            return path
        base = self.base_url.rstrip("/")
        if not path:
            return base
        return base + (path if path.startswith("/") else "/" + path)

    def ssl_context(self) -> ssl.SSLContext:
        if self._context is None:
            context = build_ssl_context(self.secure_socket)
            if not self.verify:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            self._context = context
        return self._context

    def request(
        self,
        method: str,
        path: str,
        headers: list[tuple[str, str]],
        body: bytes | None,
        within: float | None = None,
    ) -> HttpResponse:
        """Send with retries; the last response (or failure) is what the caller gets. `within` is the
        time the caller may spend in all (the handler's time budget): no socket waits past it and no
        retry starts after it, so a slow API cannot hold a handler beyond its budget."""
        deadline = None if within is None else time.monotonic() + within
        waits = self.retry.waits()
        attempt = 0
        while True:
            try:
                response = self._follow(method, self.target(path), headers, body, deadline)
            except HttpFailure as failure:
                if failure.refused or attempt >= len(waits) or _past(deadline, waits[attempt]):
                    raise
            else:
                if response.status not in self.retry.status_codes or attempt >= len(waits):
                    return response
                if _past(deadline, waits[attempt]):
                    return response
            time.sleep(waits[attempt])
            attempt += 1

    def _follow(
        self,
        method: str,
        url: str,
        headers: list[tuple[str, str]],
        body: bytes | None,
        deadline: float | None = None,
    ) -> HttpResponse:
        origin = _origin(url)
        for _ in range(self.redirects.max_count + 1):
            response = self._once(method, url, headers, body, deadline)
            location = response.header("Location")
            if not self.redirects.enabled or response.status not in REDIRECT_CODES or location is None:
                return response
            url = urllib.parse.urljoin(url, location)
            if response.status == 303 or (response.status in (301, 302) and method == "POST"):
                method, body = "GET", None
                headers = [(k, v) for k, v in headers if k.lower() not in ("content-type", "content-length")]
            if _origin(url) != origin and not self.redirects.allow_auth_headers:
                headers = [(k, v) for k, v in headers if k.lower() != "authorization"]
        raise HttpFailure(f"Maximum redirect count {self.redirects.max_count} reached at {url}")

    def _once(
        self,
        method: str,
        url: str,
        headers: list[tuple[str, str]],
        body: bytes | None,
        deadline: float | None = None,
    ) -> HttpResponse:
        parts = _split(url)
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise HttpFailure(f"cannot follow a redirect to '{url}': not an HTTP URL")
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        refusal = self.allow(host, port)
        if refusal is not None:
            raise HttpFailure(refusal, refused=True)
        where = f"{host}:{port}"
        timeout = self.timeout
        shown = _seconds(timeout)
        if deadline is not None:
            left = max(0.001, deadline - time.monotonic())
            if timeout is None or left < timeout:
                # The handler's time budget binds: what is left of it varies by a few milliseconds
                # from run to run, so the message shows it to a tenth of a second.
                timeout = left
                shown = f"{max(0.1, round(left, 1)):g}s"
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=self.ssl_context())
        else:
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
        target = urllib.parse.quote(parts.path or "/", safe=_PATH_SAFE)
        if parts.query:
            target += "?" + urllib.parse.quote(parts.query, safe=_PATH_SAFE + "?")
        try:
            connection.putrequest(method, target, skip_accept_encoding=True)
            for key, value in headers:
                connection.putheader(key, value)
            if body is not None and not any(k.lower() == "content-length" for k, _ in headers):
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            raw = connection.getresponse()
            data = raw.read(MAX_RESPONSE_BYTES + 1)
            if len(data) > MAX_RESPONSE_BYTES:
                raise HttpFailure(f"the response from {where} is larger than {MAX_RESPONSE_BYTES} bytes")
            return HttpResponse(raw.status, raw.reason, list(raw.getheaders()), data, url)
        except TimeoutError:
            raise HttpFailure(
                f"Idle timeout triggered after {shown} waiting for {where}"
            ) from None
        except ssl.SSLCertVerificationError as error:
            raise HttpFailure(f"TLS with {where} failed: {error.verify_message or error.reason}") from None
        except ssl.SSLError as error:
            raise HttpFailure(f"TLS with {where} failed: {error.reason or error}") from None
        except ConnectionRefusedError:
            raise HttpFailure(f"Connection refused: {where}") from None
        except socket.gaierror as error:
            raise HttpFailure(f"cannot resolve host '{host}': {error.strerror}") from None
        except (http.client.HTTPException, OSError) as error:
            text = getattr(error, "strerror", None) or str(error) or type(error).__name__
            raise HttpFailure(f"request to {where} failed: {text}") from None
        finally:
            connection.close()


def _past(deadline: float | None, wait: float) -> bool:
    return deadline is not None and time.monotonic() + wait >= deadline


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = _split(url)
    return ("", "", None) if parts is None else (parts.scheme, (parts.hostname or "").lower(), parts.port)


def _split(url: str) -> urllib.parse.SplitResult | None:
    """The parts of a URL, or None when it cannot be one (`http://[bad`, a port past 65535)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return None
    return parts


def _seconds(value: float | None) -> str:
    return "no timeout" if value is None else f"{round(value, 3):g}s"
