"""The design canvas's ASGI app (Starlette) and its loopback server (uvicorn).

Every request must carry the random token printed with the URL: as `?token=` on the first page load
(which then sets a same-site cookie), as the cookie, or in an `X-Balmail-Token` header; changes (POST)
need the header, which a page from another origin cannot set. The Host header must name the loopback
address, so a DNS-rebinding page cannot reach the app under another name. The model is recomputed when
a file of the program (or its Config.toml) changes on disk, and `/api/events` tells the page so.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import secrets
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from balmail.web.deployment import deployment_rows, parse_key, table_path
from balmail.web.edit import EditError, edit_listener_field, set_deployment_key
from balmail.web.model import Analysis, build_model
from balmail.web.program import ProgramError, find_declarations, load_program

STATIC = Path(__file__).parent / "static"
COOKIE = "balmail_design"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
POLL_SECONDS = 0.4


class DesignState:
    """The program being designed: reloaded when a file's size or mtime changes."""

    def __init__(self, path: Path, *, environ: dict[str, str], overrides: dict[str, str]) -> None:
        self.path = path
        self.environ = environ
        self.overrides = overrides
        self.lock = threading.Lock()
        self.analysis: Analysis | None = None
        self.error: str | None = None
        self.stamp: tuple[Any, ...] | None = None
        self.live: Callable[[], dict[str, Any]] | None = None  # counters of a running program (--ui)
        self.marker = ""
        self.closing = False  # set on shutdown: event streams end so the server can stop at once
        self.reload()

    def _stamp(self) -> tuple[Any, ...]:
        root = self.path if self.path.is_dir() else self.path.parent
        candidates = [self.path] if self.path.is_file() else sorted(self.path.rglob("*.bal"))
        candidates.append(root / "Config.toml")
        stamp = []
        for p in candidates:
            try:
                st = p.stat()
                stamp.append((str(p), st.st_mtime_ns, st.st_size))
            except OSError:
                stamp.append((str(p), None, None))
        return tuple(stamp)

    def reload(self) -> None:
        self.stamp = self._stamp()
        try:
            program = load_program(self.path)
        except ProgramError as e:
            self.analysis, self.error = None, str(e)
            self.marker = "error:" + str(e)
            return
        self.analysis = Analysis(program, environ=self.environ, overrides=self.overrides)
        self.error = None
        config = self.analysis.configs.config_file
        digest = hashlib.sha256(program.version.encode())
        if config.is_file():
            digest.update(config.read_bytes())
        self.marker = digest.hexdigest()[:16]

    def current(self) -> Analysis | None:
        """The analysis of the files as they are on disk now."""
        with self.lock:
            if self._stamp() != self.stamp:
                self.reload()
            return self.analysis

    def current_marker(self) -> str:
        """Changes whenever the program's files or its Config.toml change."""
        self.current()
        return self.marker


class TokenGuard:
    """Refuses any request without the token, or addressed to a host name other than loopback."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    def _ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        host = (request.headers.get("host") or "").rsplit(":", 1)[0]
        if host not in LOOPBACK_HOSTS:
            await PlainTextResponse("forbidden: this server answers on the loopback address only", 403)(
                scope, receive, send
            )
            return
        header = request.headers.get("x-balmail-token")
        query = request.query_params.get("token")
        cookie = request.cookies.get(COOKIE)
        if request.method not in ("GET", "HEAD"):
            allowed = self._ok(header)
        else:
            allowed = self._ok(header) or self._ok(query) or self._ok(cookie)
        if not allowed:
            await PlainTextResponse(
                "forbidden: open the URL that `balmail design` printed; it carries the access token\n", 403
            )(scope, receive, send)
            return
        if self._ok(query) and not self._ok(cookie):

            async def send_with_cookie(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    value = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
                    message.setdefault("headers", []).append((b"set-cookie", value.encode()))
                await send(message)

            await self.app(scope, receive, send_with_cookie)
            return
        await self.app(scope, receive, send)


def create_app(state: DesignState, token: str) -> ASGIApp:
    """The app: the page, its static files and the JSON API."""

    async def index(request: Request) -> Response:
        response = FileResponse(STATIC / "index.html", media_type="text/html")
        response.headers["Cache-Control"] = "no-store"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "connect-src 'self'"
        )
        return response

    def model_response(analysis: Analysis | None) -> JSONResponse:
        if analysis is None:
            return JSONResponse({"error": state.error or "no program"}, 200)
        model = build_model(analysis)
        model["live"] = state.live is not None
        model["marker"] = state.marker
        return JSONResponse(model)

    async def model(request: Request) -> Response:
        analysis = await asyncio.to_thread(state.current)
        return model_response(analysis)

    async def flow(request: Request) -> Response:
        analysis = await asyncio.to_thread(state.current)
        if analysis is None:
            return JSONResponse({"error": state.error}, 404)
        graph = analysis.flow(request.path_params["flow_id"])
        if graph is None:
            return JSONResponse({"error": "no such function"}, 404)
        return JSONResponse(graph)

    async def source(request: Request) -> Response:
        analysis = await asyncio.to_thread(state.current)
        wanted = request.query_params.get("file", "")
        loaded = analysis.program.file(wanted) if analysis else None
        if loaded is None:
            return JSONResponse({"error": f"'{wanted}' is not a file of this program"}, 404)
        return JSONResponse({"file": loaded.rel, "lines": analysis.masked_lines(loaded)})  # type: ignore[union-attr]

    async def json_post(request: Request, apply: Any) -> Response:
        """A change request: a JSON object, applied off the event loop by `apply(body)`."""
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "expected a JSON body"}, 400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "expected a JSON object"}, 400)
        return await asyncio.to_thread(apply, body)

    def current_analysis(body: dict[str, Any]) -> tuple[Any, Response | None]:
        """The analysis a change applies to, or the refusal: no program, or the page's model is stale.
        Called with `state.lock` held."""
        if state._stamp() != state.stamp:
            state.reload()
        analysis = state.analysis
        if analysis is None:
            return None, JSONResponse({"ok": False, "error": state.error})
        if body.get("version") != analysis.program.version:
            return None, JSONResponse(
                {"ok": False, "stale": True,
                 "error": "the program changed since the page loaded it; the page has been reloaded"}
            )  # fmt: skip
        return analysis, None

    async def edit(request: Request) -> Response:
        return await json_post(request, _edit)

    def _edit(body: dict[str, Any]) -> Response:
        with state.lock:
            analysis, refusal = current_analysis(body)
            if refusal is not None:
                return refusal
            decl = find_declarations(analysis.program)
            site = next((s for s in decl.listeners if s.id == body.get("listener")), None)
            if site is None:
                return JSONResponse({"error": f"no listener '{body.get('listener')}'"}, 404)
            prefix = next((s.prefix for s in decl.services if site.id in s.listener_ids), "email")
            try:
                result = edit_listener_field(
                    analysis.program, site, analysis.configs, str(body.get("field")), body.get("value"),
                    mode=str(body.get("mode", "value")), prefix=prefix,
                )
            except EditError as e:
                return JSONResponse({"ok": False, "error": str(e)})
            state.reload()
            payload = {"ok": True, "changed": result.changed, "target": result.target, "note": result.note}
        payload["model"] = json.loads(model_response(state.analysis).body)
        return JSONResponse(payload)

    async def deployment(request: Request) -> Response:
        return await json_post(request, _deployment)

    def _deployment(body: dict[str, Any]) -> Response:
        with state.lock:
            analysis, refusal = current_analysis(body)
            if refusal is not None:
                return refusal
            site = next((s for s in analysis.decl.listeners if s.id == body.get("listener")), None)
            if site is None:
                return JSONResponse({"error": f"no listener '{body.get('listener')}'"}, 404)
            key, text = str(body.get("key")), body.get("value")
            known = {row["key"] for row in deployment_rows(site, analysis.configs.config_file)["rows"]}
            try:
                if key not in known:
                    raise EditError(f"unknown key '{key}' for listener '{site.name}'; valid keys: "
                                    + ", ".join(sorted(known)))  # fmt: skip
                value = None if text in (None, "") else parse_key(site, key, text)
                result = set_deployment_key(analysis.program, analysis.configs, table_path(site), key, value)
            except EditError as e:
                return JSONResponse({"ok": False, "error": str(e)})
            state.reload()
            payload = {"ok": True, "changed": result.changed, "target": "toml", "note": None}
        payload["model"] = json.loads(model_response(state.analysis).body)
        return JSONResponse(payload)

    async def events(request: Request) -> Response:
        async def stream() -> Any:
            # the page says which model it has, so a change between its load and this stream is not lost
            last = request.query_params.get("marker") or None
            last_live = None
            yield "retry: 1000\n\n"
            while not state.closing:
                if await request.is_disconnected():
                    break
                marker = await asyncio.to_thread(state.current_marker)
                if marker != last:
                    if last is not None:
                        yield f"event: model\ndata: {json.dumps({'marker': marker})}\n\n"
                    last = marker
                if state.live is not None:
                    live = json.dumps(state.live(), sort_keys=True, default=str)
                    if live != last_live:
                        yield f"event: live\ndata: {live}\n\n"
                        last_live = live
                await asyncio.sleep(POLL_SECONDS)

        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/api/model", model),
            Route("/api/flow/{flow_id:path}", flow),
            Route("/api/source", source),
            Route("/api/edit", edit, methods=["POST"]),
            Route("/api/deployment", deployment, methods=["POST"]),
            Route("/api/events", events),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ]
    )
    return TokenGuard(app, token)


def bind_loopback(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (`port` 0: a free one); OSError when the port is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(64)
    sock.setblocking(False)
    return sock


class DesignServer:
    """`balmail design`: the app on a loopback socket; `url` carries the token."""

    def __init__(self, state: DesignState, port: int = 0) -> None:
        self.state = state
        self.token = secrets.token_urlsafe(24)
        self.socket = bind_loopback(port)
        self.port = self.socket.getsockname()[1]
        self.app = create_app(state, self.token)
        self.server: Any = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def run(self) -> None:
        """Serve until stopped (Ctrl-C, or `stop()` from another thread; uvicorn installs signal handlers
        only on the main thread)."""
        import uvicorn

        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1)
        self.server = uvicorn.Server(config)
        self.server.run(sockets=[self.socket])

    def stop(self) -> None:
        self.state.closing = True
        if self.server is not None:
            self.server.should_exit = True
