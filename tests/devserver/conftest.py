"""One set of embedded servers per session; each test works on accounts of its own."""

from __future__ import annotations

import itertools
import ssl
from collections.abc import Iterator

import pytest

from balmail.devserver import DevServers

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def dev() -> Iterator[DevServers]:
    with DevServers.start(no_starttls_ports=True) as servers:
        yield servers


@pytest.fixture
def account() -> str:
    """A user name no other test uses, so mailboxes start empty."""
    return f"user{next(_numbers)}"


@pytest.fixture
def tls(dev: DevServers) -> ssl.SSLContext:
    """A client context that trusts only the dev servers' CA."""
    return ssl.create_default_context(cafile=str(dev.ca_file))
