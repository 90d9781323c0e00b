"""OAuth2 from `[balmail.listeners.NAME]` / `[balmail.clients.NAME]` end to end: `balmail run`
with listeners and an SMTP client logging in to the OAuth2-checking Dovecot (mail/oauth_harness.py)
with tokens from the loopback token server; a token that expires mid-run is renewed, and a token
endpoint that goes down is reported through `onError` while the listener keeps trying, and
recovers when it is back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from mail.oauth_harness import CLIENT_ID, CLIENT_SECRET, SECRET_PREFIX, OAuthWorld
from serve.test_serve import Running

from .test_overrides import balmail, write

LISTENER = """import ballerina/email;
import ballerina/io;

listener email:{kind} inbox = new ({{
    host: "mail.nowhere.invalid",
    username: "alice",
    password: "not-used",
    pollingInterval: 0.3
}});

{client}
service "desk" on inbox {{
    remote function onMessage(email:Message message) returns error? {{
        io:println("got ", message.subject);
        {reply}
    }}

    remote function onError(email:Error err) {{
        io:println("error ", err.message());
    }}
}}
"""

CLIENT = 'final email:SmtpClient smtp = check new ("smtp.nowhere.invalid", "alice", "not-used");\n'
REPLY = 'check smtp->send("bob@example.test", "Re: " + message.subject, "alice@example.test", "thanks");'


def config(world: OAuthWorld, protocol: str, auth: str, grant: str, *, client: bool = False) -> str:
    port = world.dovecot.imap_port if protocol == "imap" else world.dovecot.pop3_port
    secret = (
        f'clientSecret = "{CLIENT_SECRET}"'
        if grant == "client_credentials"
        else f'refreshToken = "{world.tokens.refresh_token_for("alice")}"'
    )
    text = f"""
[balmail.listeners.inbox]
host = "127.0.0.1"
port = {port}
security = "START_TLS_NEVER"
auth = "{auth}"

[balmail.listeners.inbox.oauth2]
tokenUrl = "{world.tokens.token_url}"
clientId = "{CLIENT_ID}"
{secret}
scopes = ["https://mail.example.test/.default"]
"""
    if client:
        url = world.tokens.token_url
        text += f"""
[balmail.clients.smtp]
host = "127.0.0.1"
port = {world.dovecot.submission_port}
security = "START_TLS_NEVER"
auth = "{auth}"
oauth2 = {{ tokenUrl = "{url}", clientId = "{CLIENT_ID}", clientSecret = "{CLIENT_SECRET}" }}
"""
    return text


def message(subject: str) -> bytes:
    return f"From: ann@example.test\r\nTo: alice@example.test\r\nSubject: {subject}\r\n\r\nhi\r\n".encode()


def test_imap_listener_with_xoauth2_and_a_smtp_client_with_oauthbearer(
    oauth_world: OAuthWorld, tmp_path: Path
) -> None:
    oauth_world.dovecot.append("alice", message("order 1"))
    write(
        tmp_path,
        LISTENER.format(kind="ImapListener", reply=REPLY, client=CLIENT),
        config(oauth_world, "imap", "xoauth2", "client_credentials", client=True).replace(
            'auth = "xoauth2"\noauth2', 'auth = "oauthbearer"\noauth2'
        ),
    )
    done = balmail(tmp_path, "run", "--once", "--allow-net=127.0.0.1", "--state-dir", "state", "prog.bal")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["got order 1"]
    [(_, recipients, data)] = oauth_world.relay.messages
    assert recipients == ["bob@example.test"] and b"Subject: Re: order 1" in data
    log = oauth_world.dovecot.log_tail(100)
    assert "imap-login: Info: Login: user=<alice>, method=XOAUTH2" in log
    assert "submission-login: Info: Login: user=<alice>, method=OAUTHBEARER" in log
    assert SECRET_PREFIX not in done.stdout + done.stderr


def test_pop3_listener_with_oauthbearer_and_a_refresh_token(oauth_world: OAuthWorld, tmp_path: Path) -> None:
    oauth_world.dovecot.append("alice", message("ticket 9"))
    write(
        tmp_path,
        LISTENER.format(kind="PopListener", reply="", client=""),
        config(oauth_world, "pop3", "oauthbearer", "refresh"),
    )
    done = balmail(tmp_path, "run", "--once", "--state-dir", "state", "prog.bal")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["got ticket 9"]
    assert "pop3-login: Info: Login: user=<alice>, method=OAUTHBEARER" in oauth_world.dovecot.log_tail(50)


def test_expiry_mid_run_and_a_token_endpoint_that_goes_down_and_comes_back(
    oauth_world: OAuthWorld, tmp_path: Path
) -> None:
    tokens = oauth_world.tokens
    tokens.lifetime = 1.0
    write(
        tmp_path,
        LISTENER.format(kind="ImapListener", reply="", client=""),
        config(oauth_world, "imap", "xoauth2", "client_credentials"),
    )
    oauth_world.dovecot.append("alice", message("one"))
    run = Running(tmp_path / "prog.bal", "--state-dir", str(tmp_path / "state"))
    try:
        assert run.wait_for(1) == ["got one"]
        time.sleep(1.5)  # the first token expired: the next cycles must have renewed it
        oauth_world.dovecot.append("alice", message("two"))
        assert run.wait_for(2)[1] == "got two"
        assert tokens.token_requests >= 2
        tokens.down = True
        error = run.wait_for(3)[2]
        assert error == (f"error Could not get an OAuth2 access token from {tokens.token_url}: "
                         "HTTP 503 (temporarily_unavailable)")  # fmt: skip
        oauth_world.dovecot.append("alice", message("three"))
        failed_requests = tokens.token_requests
        time.sleep(1.0)
        assert tokens.token_requests > failed_requests  # it keeps trying
        tokens.down = False
        lines = run.wait_for(len(run.seen) + 1, timeout=30)
        while lines[-1].startswith("error "):
            lines = run.wait_for(len(run.seen) + 1, timeout=30)
        assert lines[-1] == "got three"
    finally:
        code = run.stop()
    assert code == 0, run.stderr
    assert SECRET_PREFIX not in "\n".join(run.seen) + run.stderr


PLAIN_LISTENER = LISTENER.format(kind="ImapListener", reply="", client="")


@pytest.mark.parametrize(
    ("config", "flags", "message"),
    [
        ('[balmail.listeners.inbox]\nauth = "oauth"\n', (),
         "[{cfg}] [balmail.listeners.inbox]: 'auth' must be one of xoauth2, oauthbearer, plain, login, "
         "got 'oauth'"),
        ('[balmail.listeners.inbox]\nauth = "xoauth2"\n', (),
         "[balmail.listeners.inbox]: auth 'xoauth2' needs 'accessToken' or an 'oauth2' table"),
        ('[balmail.listeners.inbox]\nauth = "plain"\naccessToken = "t"\n', (),
         "[balmail.listeners.inbox]: 'accessToken' is set but auth 'plain' logs in with the password; "
         "use auth 'xoauth2' or 'oauthbearer'"),
        ('[balmail.listeners.inbox]\naccessToken = "t"\noauth2 = { tokenUrl = "http://x/t", clientId = "c", '
         'clientSecret = "s" }\n', (),
         "[balmail.listeners.inbox]: give either 'accessToken' or 'oauth2', not both"),
        ('[balmail.listeners.inbox.oauth2]\ntokenUrl = "http://x/t"\n', (),
         "[balmail.listeners.inbox]: 'oauth2' needs clientId, clientSecret or refreshToken"),
        ('[balmail.listeners.inbox.oauth2]\ntokenUrl = "ftp://x/t"\n', (),
         "[{cfg}] [balmail.listeners.inbox]: 'oauth2' must be a table whose 'tokenUrl' is an http:// or "
         "https:// URL, got a table"),
        ('[balmail.listeners.inbox.oauth2]\nclientID = "c"\n', (),
         "[{cfg}] [balmail.listeners.inbox]: 'oauth2' must be a table of tokenUrl, clientId, clientSecret, "
         "refreshToken, scopes (unknown key 'clientID'), got a table"),
        ("", ("--listener", "inbox.oauth2.tokenUrl=http://x/t", "--listener", "inbox.oauth2.clientId=c"),
         "[balmail.listeners.inbox]: 'oauth2' needs clientSecret or refreshToken"),
        ('[balmail.listeners.inbox]\naccessToken = 7\n', (),
         "[{cfg}] [balmail.listeners.inbox]: 'accessToken' must be a non-empty string, got an integer"),
    ],
)  # fmt: skip
def test_bad_auth_settings_are_exact_errors(
    tmp_path: Path, config: str, flags: tuple[str, ...], message: str
) -> None:
    write(tmp_path, PLAIN_LISTENER, config)
    done = balmail(tmp_path, "run", "--once", "--state-dir", "s", *flags, "prog.bal")
    assert done.returncode == 1
    assert done.stderr == "error: " + message.format(cfg=tmp_path / "Config.toml") + "\n"
    assert done.stdout == ""


def test_oauth2_keys_one_flag_each(oauth_world: OAuthWorld, tmp_path: Path) -> None:
    oauth_world.dovecot.append("alice", message("by flags"))
    write(tmp_path, PLAIN_LISTENER)
    flags = [
        "inbox.host=127.0.0.1", f"inbox.port={oauth_world.dovecot.imap_port}",
        "inbox.security=START_TLS_NEVER",
        "inbox.auth=oauthbearer", f"inbox.oauth2.tokenUrl={oauth_world.tokens.token_url}",
        f"inbox.oauth2.clientId={CLIENT_ID}", f"inbox.oauth2.clientSecret={CLIENT_SECRET}",
        "inbox.oauth2.scopes=mail.read,mail.send",
    ]  # fmt: skip
    args = [arg for flag in flags for arg in ("--listener", flag)]
    done = balmail(tmp_path, "run", "--once", "--state-dir", "s", *args, "prog.bal")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["got by flags"]


def test_balmail_dev_logs_in_with_the_password_whatever_auth_says(tmp_path: Path) -> None:
    """The embedded servers take any credentials and offer no OAuth2, so the redirect drops the keys."""
    import tomllib

    from balmail.check.endpoints import find_endpoints
    from balmail.deployment import Redirect, build_plan
    from balmail.mail.oauth2 import take_auth
    from balmail.source import SourceFile
    from balmail.syntax.parser import parse_source

    module = parse_source(SourceFile("prog.bal", PLAIN_LISTENER)).module
    assert module is not None
    document = tomllib.loads('[balmail.listeners.inbox]\nauth = "xoauth2"\naccessToken = "t"\n')
    ports = {"imap": 1, "imaps": 2, "pop3": 3, "pop3s": 4, "smtp": 5, "smtps": 6}
    redirect = Redirect("127.0.0.1", ports, str(tmp_path / "ca.pem"))
    [inbox] = [e for e in find_endpoints(module) if e.name == "inbox"]
    current = {"host": "h", "port": 993, "security": "SSL", "username": "alice"}
    for given in (None, redirect):
        plan = build_plan(module, [("Config.toml", document)], cwd=tmp_path, redirect=given)
        assert plan is not None
        auth = take_auth(plan.settings(inbox.span, "listener", "imap", current))
        assert (auth is None) == (given is not None)


RECEIVER = """import ballerina/email;
import ballerina/io;

public function main() returns error? {
    email:ImapClient imap = check new ("imap.nowhere.invalid", "alice", "not-used");
    email:Message? message = check imap->receiveMessage();
    io:println(message is email:Message ? message.subject : "none");
}
"""


def test_imap_client_receives_with_a_refresh_token(oauth_world: OAuthWorld, tmp_path: Path) -> None:
    oauth_world.dovecot.append("alice", message("for the client"))
    tokens = oauth_world.tokens
    config = f"""
[balmail.clients.imap]
host = "127.0.0.1"
port = {oauth_world.dovecot.imap_port}
security = "START_TLS_NEVER"

[balmail.clients.imap.oauth2]
tokenUrl = "{tokens.token_url}"
clientId = "{CLIENT_ID}"
refreshToken = "{tokens.refresh_token_for("alice")}"
"""
    write(tmp_path, RECEIVER, config)
    done = balmail(tmp_path, "run", "--allow-net=127.0.0.1", "prog.bal")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "for the client\n"
    assert "imap-login: Info: Login: user=<alice>, method=XOAUTH2" in oauth_world.dovecot.log_tail(20)
