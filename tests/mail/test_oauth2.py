"""OAuth2 logins (XOAUTH2, OAUTHBEARER) of the IMAP, POP3 and SMTP clients against a Dovecot whose
`oauth2` passdb checks each token at the loopback token server's introspection endpoint
(oauth_harness.py): tokens from both grants, a token renewed before it expires, a refused token
renewed once, a token endpoint that is down, and a server that does not offer the mechanism."""

from __future__ import annotations

import time

import pytest

from balmail.mail.compose import OutgoingMessage
from balmail.mail.errors import MailError
from balmail.mail.imap import ImapClient
from balmail.mail.oauth2 import MailAuth, OAuth2Settings, RefreshingToken, StaticToken
from balmail.mail.pop3 import Pop3Client
from balmail.mail.smtp import SmtpSender
from balmail.mail.tls import Security

from .dovecot_harness import DovecotServer
from .oauth_harness import CLIENT_ID, CLIENT_SECRET, HOST, SECRET_PREFIX, OAuthWorld

METHODS = ["xoauth2", "oauthbearer"]
PLAIN = Security.START_TLS_NEVER
MESSAGE = b"From: ann@example.test\r\nTo: alice@example.test\r\nSubject: token test\r\n\r\nhello\r\n"


def client_credentials(world: OAuthWorld) -> RefreshingToken:
    return RefreshingToken(OAuth2Settings(world.tokens.token_url, CLIENT_ID, client_secret=CLIENT_SECRET))


def imap(world: OAuthWorld, auth: MailAuth) -> ImapClient:
    return ImapClient(HOST, "alice", "", port=world.dovecot.imap_port, security=PLAIN, auth=auth)


def pop3(world: OAuthWorld, auth: MailAuth) -> Pop3Client:
    return Pop3Client(HOST, "alice", "", port=world.dovecot.pop3_port, security=PLAIN, auth=auth)


def unread_subjects(world: OAuthWorld, auth: MailAuth) -> list[bytes]:
    with imap(world, auth) as client:
        client.select_folder()
        return [m.raw.split(b"Subject: ")[1].split(b"\r\n")[0] for m in client.fetch(client.search_unseen())]


@pytest.mark.parametrize("method", METHODS)
def test_imap_logs_in_with_a_client_credentials_token(oauth_world: OAuthWorld, method: str) -> None:
    oauth_world.dovecot.append("alice", MESSAGE)
    assert unread_subjects(oauth_world, MailAuth(method, client_credentials(oauth_world))) == [b"token test"]
    assert oauth_world.tokens.token_requests >= 1
    assert f"method={method.upper()}" in oauth_world.dovecot.log_tail(200)


@pytest.mark.parametrize("method", METHODS)
def test_pop3_logs_in_with_a_refresh_token_grant(oauth_world: OAuthWorld, method: str) -> None:
    oauth_world.dovecot.append("alice", MESSAGE)
    source = RefreshingToken(
        OAuth2Settings(
            oauth_world.tokens.token_url,
            CLIENT_ID,
            refresh_token=oauth_world.tokens.refresh_token_for("alice"),
        )
    )
    client = pop3(oauth_world, MailAuth(method, source))
    client.connect()
    try:
        listings = client.list_messages()
        assert len(listings) == 1
        assert b"Subject: token test" in client.retrieve(listings[0].number)
    finally:
        client.close()
    assert source.fetches == 1


@pytest.mark.parametrize("method", METHODS)
def test_smtp_submission_logs_in_with_a_token(oauth_world: OAuthWorld, method: str) -> None:
    """Dovecot's submission service checks the token, then relays to the loopback sink."""
    sender = SmtpSender(
        HOST, "alice", "", port=oauth_world.dovecot.submission_port, security=PLAIN,
        auth=MailAuth(method, client_credentials(oauth_world)),
    )  # fmt: skip
    sent = sender.send(
        OutgoingMessage(to=["bob@example.test"], subject="via oauth", body="hi", from_="alice@example.test")
    )
    assert sent.recipients == ["bob@example.test"]
    [(mail_from, recipients, data)] = oauth_world.relay.messages
    assert (mail_from, recipients) == ("alice@example.test", ["bob@example.test"])
    assert b"Subject: via oauth" in data


def test_a_token_is_renewed_before_it_expires(oauth_world: OAuthWorld) -> None:
    oauth_world.tokens.lifetime = 1.0
    source = client_credentials(oauth_world)
    auth = MailAuth("xoauth2", source)
    assert unread_subjects(oauth_world, auth) == []
    time.sleep(1.1)  # the first token is now refused by introspection
    before = oauth_world.tokens.introspections
    assert unread_subjects(oauth_world, auth) == []
    assert source.fetches == 2
    # renewed before use: the server saw only the fresh token, once
    assert oauth_world.tokens.introspections == before + 1


@pytest.mark.parametrize("protocol", ["imap", "pop3", "smtp"])
def test_a_refused_token_is_renewed_once_and_the_login_retried(
    oauth_world: OAuthWorld, protocol: str
) -> None:
    source = client_credentials(oauth_world)
    auth = MailAuth("oauthbearer", source)
    assert source.token()  # cached, then revoked on the server's side before its time
    oauth_world.tokens.revoke_all()
    if protocol == "imap":
        assert unread_subjects(oauth_world, auth) == []
    elif protocol == "pop3":
        client = pop3(oauth_world, auth)
        client.connect()
        client.close()
    else:
        SmtpSender(
            HOST, "alice", "", port=oauth_world.dovecot.submission_port, security=PLAIN, auth=auth
        ).send(
            OutgoingMessage(to=["bob@example.test"], subject="retry", body="x", from_="alice@example.test")
        )
    assert source.fetches == 2


@pytest.mark.parametrize("protocol", ["imap", "pop3", "smtp"])
def test_a_refused_static_token_is_an_authentication_error_that_hides_it(
    oauth_world: OAuthWorld, protocol: str
) -> None:
    token = SECRET_PREFIX + "at-never-issued"
    auth = MailAuth("xoauth2", StaticToken(token))
    with pytest.raises(MailError) as raised:
        if protocol == "imap":
            imap(oauth_world, auth).connect()
        elif protocol == "pop3":
            pop3(oauth_world, auth).connect()
        else:
            SmtpSender(
                HOST, "alice", "", port=oauth_world.dovecot.submission_port, security=PLAIN, auth=auth
            ).send(
                OutgoingMessage(to=["bob@example.test"], subject="no", body="x", from_="alice@example.test")
            )
    assert raised.value.message.startswith("Authentication failed for user 'alice' at 127.0.0.1:")
    assert token not in raised.value.message and "Bearer" not in raised.value.message


def test_a_token_endpoint_that_is_down_is_a_mail_error_naming_it(oauth_world: OAuthWorld) -> None:
    oauth_world.tokens.down = True
    with pytest.raises(MailError) as raised:
        imap(oauth_world, MailAuth("xoauth2", client_credentials(oauth_world))).connect()
    assert raised.value.message == (
        f"Could not get an OAuth2 access token from {oauth_world.tokens.token_url}: "
        "HTTP 503 (temporarily_unavailable)"
    )


def test_a_wrong_client_secret_names_the_oauth_error_only(oauth_world: OAuthWorld) -> None:
    wrong = SECRET_PREFIX + "cs-wrong"
    source = RefreshingToken(OAuth2Settings(oauth_world.tokens.token_url, CLIENT_ID, client_secret=wrong))
    with pytest.raises(MailError) as raised:
        pop3(oauth_world, MailAuth("oauthbearer", source)).connect()
    assert raised.value.message.endswith(": HTTP 401 (invalid_client)")
    assert wrong not in raised.value.message and wrong not in repr(source)


def test_a_server_without_the_mechanism_is_told_apart(dovecot: DovecotServer) -> None:
    """The session's ordinary Dovecot offers PLAIN and LOGIN only."""
    client = ImapClient(
        HOST, "alice", "", port=dovecot.imap_port, security=PLAIN, auth=MailAuth("xoauth2", StaticToken("t"))
    )
    with pytest.raises(MailError, match=r"with auth 'xoauth2': the server does not offer XOAUTH2$"):
        client.connect()


@pytest.mark.parametrize("method", ["plain", "login"])
def test_password_mechanisms_can_be_chosen(oauth_world: OAuthWorld, method: str) -> None:
    password = oauth_world.dovecot.users["alice"]
    with ImapClient(HOST, "alice", password, port=oauth_world.dovecot.imap_port, security=PLAIN,
                    auth=MailAuth(method)) as client:  # fmt: skip
        client.select_folder()
    client = Pop3Client(
        HOST, "alice", password, port=oauth_world.dovecot.pop3_port, security=PLAIN, auth=MailAuth(method)
    )
    client.connect()
    client.close()
    SmtpSender(HOST, "alice", password, port=oauth_world.dovecot.submission_port, security=PLAIN,
               auth=MailAuth(method)).send(
        OutgoingMessage(to=["bob@example.test"], subject="pw", body="x", from_="alice@example.test")
    )  # fmt: skip
    log = oauth_world.dovecot.log_tail(30)
    assert f"method={method.upper()}" in log


def test_sasl_responses_are_shaped_as_the_specs_say() -> None:
    xoauth2 = MailAuth("xoauth2", StaticToken("tok")).initial_response("a@b.test", "h", 993)
    assert xoauth2 == b"user=a@b.test\x01auth=Bearer tok\x01\x01"
    bearer = MailAuth("oauthbearer", StaticToken("tok")).initial_response("a,b=c", "mail.test", 993)
    assert bearer == b"n,a=a=2Cb=3Dc,\x01host=mail.test\x01port=993\x01auth=Bearer tok\x01\x01"
    assert "tok" not in repr(MailAuth("xoauth2", StaticToken("tok")))


def test_client_credentials_in_the_token_url_go_as_http_basic_and_stay_out_of_messages(
    oauth_world: OAuthWorld,
) -> None:
    tokens = oauth_world.tokens
    url = tokens.token_url.replace("http://", f"http://{CLIENT_ID}:{CLIENT_SECRET}@")
    source = RefreshingToken(OAuth2Settings(url, "ignored-in-favour-of-basic"))
    assert unread_subjects(oauth_world, MailAuth("xoauth2", source)) == []
    tokens.down = True
    with pytest.raises(MailError) as raised:
        source.token(refresh=True)
    assert raised.value.message.startswith(f"Could not get an OAuth2 access token from {tokens.token_url}: ")
    assert CLIENT_SECRET not in raised.value.message + repr(source)
