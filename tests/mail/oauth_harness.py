"""OAuth2 on loopback for the mail tests: a small real authorization server (`http.server` in a
thread) with a token endpoint (client-credentials and refresh-token grants, tokens that expire)
and an RFC 7662 introspection endpoint, and a Dovecot whose `oauth2` passdb checks every XOAUTH2 /
OAUTHBEARER login there. The same Dovecot runs its submission service (dovecot-submissiond),
relaying to an aiosmtpd peer, so the SMTP client's OAuth2 login is checked by Dovecot too.

Issued secrets start with `balmail-test-`, so the session-wide log check (tests/conftest.py) can
find any that leaked into a log line.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import attrs

from .dovecot_harness import HOST, DovecotUnavailable, _accounts, _group_of, find_dovecot, free_port
from .server_harness import USERS, MailServer

SECRET_PREFIX = "balmail-test-"
CLIENT_ID = "balmail-tests"
CLIENT_SECRET = SECRET_PREFIX + "cs-" + "Zq8wX2vLk4"
"""Client-credentials grant: tokens for `CLIENT_USER`."""
CLIENT_USER = "alice"


def new_secret(kind: str) -> str:
    return f"{SECRET_PREFIX}{kind}-{secrets.token_hex(12)}"


class TokenServer:
    """Issues tokens (`POST /token`) and answers introspection (`POST /introspect`, RFC 7662).
    `lifetime` is each new token's `expires_in`; `down` makes the token endpoint answer 503."""

    def __init__(self) -> None:
        self.lifetime = 3600.0
        self.down = False
        self.refresh_tokens: dict[str, str] = {}
        self.tokens: dict[str, tuple[str, float]] = {}
        self.token_requests = 0
        self.introspections = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                basic = self.headers.get("Authorization", "")
                if basic.startswith("Basic "):  # RFC 6749 §2.3.1 client_secret_basic
                    pair = base64.b64decode(basic[6:]).decode()
                    form["client_id"], _, form["client_secret"] = pair.partition(":")
                if self.path == "/token":
                    status, reply = server.issue(form)
                elif self.path == "/introspect":
                    status, reply = 200, server.introspect(form.get("token", ""))
                else:
                    status, reply = 404, {"error": "not_found"}
                body = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer((HOST, 0), Handler)
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def token_url(self) -> str:
        return f"http://{HOST}:{self.port}/token"

    @property
    def introspection_url(self) -> str:
        return f"http://{HOST}:{self.port}/introspect"

    def refresh_token_for(self, user: str) -> str:
        token = new_secret("rt")
        with self.lock:
            self.refresh_tokens[token] = user
        return token

    def issue(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.token_requests += 1
            if self.down:
                return 503, {"error": "temporarily_unavailable"}
            if form.get("client_id") != CLIENT_ID:
                return 401, {"error": "invalid_client"}
            grant = form.get("grant_type")
            if grant == "client_credentials":
                if form.get("client_secret") != CLIENT_SECRET:
                    return 401, {"error": "invalid_client"}
                user = CLIENT_USER
            elif grant == "refresh_token":
                found = self.refresh_tokens.get(form.get("refresh_token", ""))
                if found is None:
                    return 400, {"error": "invalid_grant"}
                user = found
            else:
                return 400, {"error": "unsupported_grant_type"}
            token = new_secret("at")
            self.tokens[token] = (user, time.monotonic() + self.lifetime)
            return 200, {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime}

    def introspect(self, token: str) -> dict[str, Any]:
        with self.lock:
            self.introspections += 1
            found = self.tokens.get(token)
            if found is None or time.monotonic() >= found[1]:
                return {"active": False}
            return {"active": True, "username": found[0]}

    def revoke_all(self) -> None:
        with self.lock:
            self.tokens.clear()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@attrs.define
class OAuthDovecot(MailServer):
    """A Dovecot (plaintext, loopback) that takes OAuth2 tokens checked at `tokens` and passwords."""

    workdir: Path
    imap_port: int
    pop3_port: int
    submission_port: int
    log_path: Path
    host: str = HOST
    kind: str = "dovecot"
    users: dict[str, str] = attrs.field(factory=lambda: dict(USERS))
    process: subprocess.Popen[bytes] | None = None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        shutil.rmtree(self.workdir, ignore_errors=True)


def start_oauth_dovecot(tokens: TokenServer, relay_port: int) -> OAuthDovecot:
    dovecot = find_dovecot()
    if not Path("/usr/lib/dovecot/submission").exists():
        raise DovecotUnavailable(
            "Dovecot's submission service is not installed (apt-get install dovecot-submissiond)"
        )
    workdir = Path(tempfile.mkdtemp(prefix="balmail-oauth-dovecot-"))
    workdir.chmod(0o755)
    server = OAuthDovecot(
        workdir=workdir, imap_port=free_port(), pop3_port=free_port(), submission_port=free_port(),
        log_path=workdir / "dovecot.log",
    )  # fmt: skip
    try:
        conf = _write_config(server, tokens, relay_port)
        output = open(workdir / "dovecot.out", "ab")  # noqa: SIM115 - lives as long as the process
        try:
            server.process = subprocess.Popen([dovecot, "-F", "-c", str(conf)], stdout=output, stderr=output)
        finally:
            output.close()
        _wait(server)
    except BaseException:
        server.stop()
        raise
    return server


def _write_config(server: OAuthDovecot, tokens: TokenServer, relay_port: int) -> Path:
    workdir = server.workdir
    accounts = _accounts()
    base = workdir / "run"
    (base / "state").mkdir(parents=True)
    base.chmod(0o755)
    (workdir / "mail").mkdir()
    if os.geteuid() == 0:
        os.chown(workdir / "mail", accounts.mail_uid, accounts.mail_gid)
    (workdir / "passwd").write_text(
        "".join(f"{user}:{{PLAIN}}{password}::::::\n" for user, password in USERS.items()), encoding="utf-8"
    )
    # RFC 7662 introspection by POST; the token is valid while the answer says "active": true,
    # and the user it names must be the one the client logs in as.
    (workdir / "oauth2.conf.ext").write_text(
        f"introspection_mode = post\n"
        f"introspection_url = {tokens.introspection_url}\n"
        "force_introspection = yes\n"
        "username_attribute = username\n"
        "active_attribute = active\n"
        "active_value = true\n"
        "timeout_msecs = 5000\n",
        encoding="utf-8",
    )
    conf = workdir / "dovecot.conf"
    conf.write_text(
        f"""# Generated by tests/mail/oauth_harness.py
base_dir = {base}
state_dir = {base}/state
instance_name = balmail-oauth-{os.getpid()}
listen = {HOST}
protocols = imap pop3 submission
hostname = balmail.test
log_path = {server.log_path}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
auth_cache_size = 0
mail_max_userip_connections = 1000
default_internal_user = {accounts.internal_user}
default_internal_group = {_group_of(accounts.internal_user)}
default_login_user = {accounts.login_user}
first_valid_uid = 1
last_valid_uid = 0
first_valid_gid = 1
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {workdir}/oauth2.conf.ext
}}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {workdir}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {workdir}/passwd
  default_fields = uid={accounts.mail_uid} gid={accounts.mail_gid} home={workdir}/mail/%u
}}
mail_location = maildir:~/Maildir
submission_relay_host = {HOST}
submission_relay_port = {relay_port}
submission_relay_trusted = no
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {HOST}
    port = {server.imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  chroot =
  inet_listener pop3 {{
    address = {HOST}
    port = {server.pop3_port}
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service submission-login {{
  chroot =
  inet_listener submission {{
    address = {HOST}
    port = {server.submission_port}
  }}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    path = anvil-auth-penalty-disabled
  }}
}}
""",
        encoding="utf-8",
    )
    return conf


def _wait(server: OAuthDovecot) -> None:
    import socket

    deadline = time.monotonic() + 15
    for port in (server.imap_port, server.pop3_port, server.submission_port):
        while True:
            assert server.process is not None
            if server.process.poll() is not None:
                out = (server.workdir / "dovecot.out").read_text(errors="replace")
                raise RuntimeError(
                    f"dovecot exited with {server.process.returncode}:\n{out}\n{server.log_tail()}"
                )
            try:
                with socket.create_connection((HOST, port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"dovecot did not listen on {port}:\n{server.log_tail()}") from None
                time.sleep(0.05)


class RelaySink:
    """Where Dovecot's submission service relays: an aiosmtpd server without AUTH (one that offers
    AUTH gets Dovecot's `MAIL FROM ... AUTH=` parameter, which aiosmtpd does not take), recording
    each message's envelope and bytes."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[tuple[str, list[str], bytes]] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                data = envelope.original_content or b""
                sink.messages.append((envelope.mail_from or "", list(envelope.rcpt_tos), bytes(data)))
                return "250 2.0.0 relayed"

        self.port = free_port()
        self._controller = Controller(Handler(), hostname=HOST, port=self.port, ready_timeout=5.0)
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()


@attrs.define
class OAuthWorld:
    """The token server, the Dovecot that checks its tokens, and the relay behind submission."""

    tokens: TokenServer
    dovecot: OAuthDovecot
    relay: RelaySink


def start_oauth_world() -> OAuthWorld:
    tokens = TokenServer()
    try:
        relay = RelaySink()
    except BaseException:
        tokens.stop()
        raise
    try:
        dovecot = start_oauth_dovecot(tokens, relay.port)
    except BaseException:
        tokens.stop()
        relay.stop()
        raise
    return OAuthWorld(tokens, dovecot, relay)


def stop_oauth_world(world: OAuthWorld) -> None:
    world.dovecot.stop()
    world.relay.stop()
    world.tokens.stop()
