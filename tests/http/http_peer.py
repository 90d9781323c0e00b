"""A real HTTP server on loopback for the `http:Client` tests: the standard library's threaded
`http.server`, optionally behind TLS with the Dovecot harness's throwaway CA.

Routes (any method): `/echo` and `/echo/...` answer what it received as JSON; `/json`, `/text`, `/bytes` give
fixed payloads; `/status/N` answers status N with a JSON body; `/slow` answers after
`SLOW_SECONDS`; `/redirect?to=URL` answers 302 to URL; `/flaky` answers 503 to the first
`flaky_failures` requests. Every request is recorded in `requests`.
"""

from __future__ import annotations

import http.server
import json
import ssl
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import attrs
from mail.dovecot_harness import HOST, free_port

SLOW_SECONDS = 2.0


@attrs.frozen
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class HttpPeer:
    """One running server; `url` is its base URL."""

    def __init__(self, *, cert: Path | None = None, key: Path | None = None) -> None:
        self.port = free_port()
        self.requests: list[Received] = []
        self.flaky_failures = 0
        peer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet test output
                pass

            def handle_any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                peer.requests.append(Received(self.command, self.path, dict(self.headers.items()), body))
                parts = urllib.parse.urlsplit(self.path)
                route = parts.path
                if route == "/echo" or route.startswith("/echo/"):
                    self.reply(200, "application/json", json.dumps(echo(self, body)).encode())
                elif route == "/json":
                    self.reply(200, "application/json", b'{"id": 7, "title": "hello", "tags": ["a"]}')
                elif route == "/text":
                    self.reply(200, "text/plain; charset=utf-8", "plain text ü".encode())
                elif route == "/bytes":
                    self.reply(200, "application/octet-stream", bytes([0, 1, 255]))
                elif route.startswith("/status/"):
                    code = int(route.rsplit("/", 1)[1])
                    self.reply(code, "application/json", json.dumps({"error": f"status {code}"}).encode())
                elif route == "/slow":
                    time.sleep(SLOW_SECONDS)
                    try:
                        self.reply(200, "text/plain", b"late")
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                elif route == "/redirect":
                    target = urllib.parse.parse_qs(parts.query)["to"][0]
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif route == "/flaky":
                    if peer.flaky_failures > 0:
                        peer.flaky_failures -= 1
                        self.reply(503, "text/plain", b"try later")
                    else:
                        self.reply(200, "text/plain", b"recovered")
                else:
                    self.reply(404, "text/plain", b"no such route")

            def reply(self, code: int, content_type: str, data: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Peer", "balmail-test")
                self.end_headers()
                if self.command != "HEAD":
                    try:
                        self.wfile.write(data)
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the client gave up (the timeout tests)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any

        self.server = http.server.ThreadingHTTPServer((HOST, self.port), Handler)
        self.server.daemon_threads = True
        self.scheme = "http"
        if cert is not None and key is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://{HOST}:{self.port}"

    def start(self) -> HttpPeer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def echo(handler: http.server.BaseHTTPRequestHandler, body: bytes) -> dict[str, Any]:
    return {
        "method": handler.command,
        "path": handler.path,
        "contentType": handler.headers.get("Content-Type"),
        "authorization": handler.headers.get("Authorization"),
        "custom": handler.headers.get("X-Custom"),
        "body": body.decode("utf-8", errors="replace"),
    }
