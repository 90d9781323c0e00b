"""OAuth2 for the mail clients: where an access token comes from (given, or fetched and refreshed
from a token endpoint) and how it is presented to a server (SASL XOAUTH2 or OAUTHBEARER).

Microsoft 365 and Gmail no longer take passwords over IMAP/POP/SMTP; a deployment gives balmail
a token endpoint instead (`[balmail.listeners.NAME.oauth2]`, docs/config.md). The token is fetched
with the standard library (`urllib.request`, one form POST, RFC 6749 §4.4 / §6), because it is
deployment configuration and needs nothing a full HTTP client adds. Tokens and secrets never
appear in a message, a repr or a log line: errors name the endpoint and the OAuth error code only.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

import attrs

from balmail.mail.errors import MailError

AUTH_METHODS = ("xoauth2", "oauthbearer", "plain", "login")
TOKEN_METHODS = frozenset({"xoauth2", "oauthbearer"})
REFRESH_MARGIN = 60.0
"""Seconds before expiry at which a token counts as expired (clock skew, a slow login); a tenth of
the lifetime for tokens shorter than ten minutes."""
TOKEN_TIMEOUT = 30.0


class TokenSource:
    """Gives the current access token; `refresh=True` asks for a new one (after a refusal)."""

    can_refresh = False

    def token(self, *, refresh: bool = False) -> str:
        raise NotImplementedError


class StaticToken(TokenSource):
    """`accessToken = "..."`: used as is; nothing can renew it."""

    def __init__(self, access_token: str) -> None:
        self._token = access_token

    def __repr__(self) -> str:
        return "StaticToken(<hidden>)"

    def token(self, *, refresh: bool = False) -> str:
        return self._token


@attrs.frozen
class OAuth2Settings:
    """`[...oauth2]`: the token endpoint and this client's registration there."""

    token_url: str
    client_id: str
    client_secret: str | None = attrs.field(default=None, repr=False)
    refresh_token: str | None = attrs.field(default=None, repr=False)
    scopes: tuple[str, ...] = ()


class RefreshingToken(TokenSource):
    """Fetches a token from `token_url` (refresh-token grant when a refresh token is given, else
    client credentials) and keeps it until shortly before it expires. Shared by every
    connection of one listener or client, so one cycle's refresh serves the next."""

    can_refresh = True

    def __init__(self, settings: OAuth2Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._renew_at: float | None = None
        self._refresh_token = settings.refresh_token
        self.fetches = 0
        """How many times the endpoint was asked (for tests and the dev UI)."""

    def __repr__(self) -> str:
        return f"RefreshingToken({public_url(self.settings.token_url)!r})"

    def token(self, *, refresh: bool = False) -> str:
        with self._lock:
            if refresh or self._token is None or self._expired():
                self._fetch()
            assert self._token is not None
            return self._token

    def _expired(self) -> bool:
        return self._renew_at is not None and self._clock() >= self._renew_at

    def _fetch(self) -> None:
        s = self.settings
        form: dict[str, str] = {"client_id": s.client_id}
        if self._refresh_token:
            form |= {"grant_type": "refresh_token", "refresh_token": self._refresh_token}
        else:
            form["grant_type"] = "client_credentials"
        if s.client_secret:
            form["client_secret"] = s.client_secret
        if s.scopes:
            form["scope"] = " ".join(s.scopes)
        self._token = None
        self.fetches += 1
        started = self._clock()
        reply = _post_form(s.token_url, form)
        token = reply.get("access_token")
        if not isinstance(token, str) or not token:
            raise MailError(
                f"OAuth2 token endpoint {public_url(s.token_url)} answered without an access_token"
            )
        lifetime = reply.get("expires_in")
        if isinstance(lifetime, str) and lifetime.isdigit():
            lifetime = int(lifetime)
        if isinstance(lifetime, int | float) and lifetime > 0:
            self._renew_at = started + lifetime - min(REFRESH_MARGIN, lifetime / 10)
        else:
            self._renew_at = None
        rotated = reply.get("refresh_token")
        if isinstance(rotated, str) and rotated and self._refresh_token:
            self._refresh_token = rotated  # RFC 6749 §6: the server may rotate it
        self._token = token


def _post_form(url: str, form: dict[str, str]) -> dict[str, Any]:
    """One `application/x-www-form-urlencoded` POST; a JSON object back, or a MailError that names
    the endpoint and the OAuth `error` code (never the body's secrets)."""
    body = urllib.parse.urlencode(form).encode("ascii")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    shown, url = public_url(url), _without_userinfo(url, headers)
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    failed = f"Could not get an OAuth2 access token from {shown}"
    try:
        with urllib.request.urlopen(request, timeout=TOKEN_TIMEOUT) as response:  # noqa: S310
            raw = response.read(1 << 20)
    except urllib.error.HTTPError as error:
        raise MailError(f"{failed}: HTTP {error.code}{_oauth_error(error)}") from None
    except urllib.error.URLError as error:
        reason = error.reason if isinstance(error.reason, str) else getattr(error.reason, "strerror", None)
        raise MailError(f"{failed}: {str(reason or error.reason).lower()}") from None
    except (TimeoutError, OSError) as error:
        raise MailError(f"{failed}: {error.strerror or 'timed out'}") from None
    try:
        reply = json.loads(raw)
    except ValueError:
        raise MailError(f"{failed}: the answer is not JSON") from None
    if not isinstance(reply, dict):
        raise MailError(f"{failed}: the answer is not a JSON object")
    return reply


def public_url(url: str) -> str:
    """The URL as messages show it: without `user:password@` (it may carry the client secret)."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _without_userinfo(url: str, headers: dict[str, str]) -> str:
    """`https://id:secret@host/token` → HTTP Basic client authentication (RFC 6749 §2.3.1), which
    `urllib` does not derive from the URL itself."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    userinfo = parts.netloc.rpartition("@")[0]
    user, _, password = userinfo.partition(":")
    pair = f"{urllib.parse.unquote(user)}:{urllib.parse.unquote(password)}".encode()
    headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
    return public_url(url)


def _oauth_error(error: urllib.error.HTTPError) -> str:
    """` (invalid_grant)` from an RFC 6749 §5.2 error body; the description is left out, since
    some servers echo the request there."""
    try:
        reply = json.loads(error.read(1 << 16))
    except (ValueError, OSError):
        return ""
    code = reply.get("error") if isinstance(reply, dict) else None
    return f" ({code})" if isinstance(code, str) and code.isascii() and len(code) < 80 else ""


@attrs.frozen
class MailAuth:
    """How a client logs in: `method` one of AUTH_METHODS, `tokens` for the two token methods."""

    method: str
    tokens: TokenSource | None = attrs.field(default=None, repr=False, eq=False)

    @property
    def uses_token(self) -> bool:
        return self.method in TOKEN_METHODS

    def initial_response(self, username: str, host: str, port: int, *, refresh: bool = False) -> bytes:
        """The SASL client response carrying the token (not yet base64-encoded)."""
        assert self.tokens is not None
        token = self.tokens.token(refresh=refresh)
        if self.method == "xoauth2":
            return f"user={username}\x01auth=Bearer {token}\x01\x01".encode()
        # RFC 7628 §3.1: GS2 header with the authzid (',' and '=' escaped), then key=value pairs
        authzid = username.replace("=", "=3D").replace(",", "=2C")
        return f"n,a={authzid},\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01".encode()

    @property
    def mechanism(self) -> str:
        return self.method.upper()

    @property
    def error_reply(self) -> bytes:
        """What a client answers to the server's error challenge: RFC 7628 §3.2.3 a lone ^A for
        OAUTHBEARER, an empty response for XOAUTH2 (as Google and Microsoft document)."""
        return b"\x01" if self.method == "oauthbearer" else b""


def sasl_plain(username: str, password: str) -> bytes:
    return f"\0{username}\0{password}".encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def token_login(
    auth: MailAuth, username: str, endpoint: Any, send: Callable[[bytes], None], alive: Callable[[], bool]
) -> None:
    """Log in with the current token through `send` (one SASL exchange; raises MailError when
    refused). When the server refuses it and the token can be renewed, renew it once and try again
    on the same connection: a token revoked, or expired earlier than it said."""
    assert auth.tokens is not None
    for refresh in (False, True):
        response = auth.initial_response(username, endpoint.host, endpoint.port, refresh=refresh)
        try:
            send(response)
            return
        except MailError:
            if refresh or not auth.tokens.can_refresh or not alive():
                raise


def take_auth(changes: dict[str, Any]) -> MailAuth | None:
    """Remove `auth`, `accessToken` and `oauth2` from one endpoint's changes (they are not fields
    of Ballerina's records) and build how its client logs in; None: the usual password login."""
    method = changes.pop("auth", None)
    token = changes.pop("accessToken", None)
    oauth2 = changes.pop("oauth2", None)
    if method is None and token is None and oauth2 is None:
        return None
    method = method or "xoauth2"
    if token is not None:
        return MailAuth(method, StaticToken(token))
    if oauth2 is not None:
        settings = OAuth2Settings(
            token_url=oauth2["tokenUrl"], client_id=oauth2["clientId"],
            client_secret=oauth2.get("clientSecret"), refresh_token=oauth2.get("refreshToken"),
            scopes=tuple(oauth2.get("scopes", ())),
        )  # fmt: skip
        return MailAuth(method, RefreshingToken(settings))
    return MailAuth(method)
