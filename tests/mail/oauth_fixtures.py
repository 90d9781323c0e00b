"""`oauth_world`: a session's token server + OAuth2-checking Dovecot (oauth_harness.py), with its
token server reset (up, long lifetimes) and alice's INBOX emptied around each test. Skips locally
without Dovecot's submission service; fails under CI=true, like the other Dovecot fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from .dovecot_harness import DovecotUnavailable
from .oauth_harness import OAuthWorld, start_oauth_world, stop_oauth_world


@pytest.fixture(scope="session")
def oauth_session() -> Iterator[OAuthWorld]:
    try:
        world = start_oauth_world()
    except DovecotUnavailable as missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the OAuth2 tests cannot run: {missing}", pytrace=False)
        pytest.skip(f"OAuth2 tests need Dovecot with submission: {missing}")
    try:
        yield world
    finally:
        stop_oauth_world(world)


@pytest.fixture
def oauth_world(oauth_session: OAuthWorld) -> Iterator[OAuthWorld]:
    tokens = oauth_session.tokens
    tokens.down = False
    tokens.lifetime = 3600.0
    oauth_session.relay.messages.clear()
    oauth_session.dovecot.reset("alice")
    yield oauth_session
    tokens.down = False
    oauth_session.dovecot.reset("alice")
