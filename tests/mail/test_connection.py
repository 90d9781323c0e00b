"""Shared connection behaviour of both clients: connect timeouts and how servers are named."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from balmail.mail.connection import Endpoint, Timeouts
from balmail.mail.errors import MailError
from balmail.mail.imap import ImapClient
from balmail.mail.pop3 import Pop3Client
from balmail.mail.tls import Security


@pytest.fixture
def full_backlog_port() -> Iterator[int]:
    """A port whose accept queue is full, so the next SYN is dropped and connect() hangs."""
    server = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = int(server.getsockname()[1])
    filler = socket.create_connection(("127.0.0.1", port), timeout=1)
    try:
        yield port
    finally:
        filler.close()
        server.close()


@pytest.mark.parametrize("client_class", [ImapClient, Pop3Client])
def test_connect_timeout(full_backlog_port: int, client_class: type[ImapClient] | type[Pop3Client]) -> None:
    client = client_class(
        "127.0.0.1",
        "alice",
        "secret",
        port=full_backlog_port,
        security=Security.START_TLS_NEVER,
        timeouts=Timeouts(connect=0.3, read=5),
    )
    with pytest.raises(MailError) as failure:
        client.connect()
    assert str(failure.value) == f"Failed to connect to 127.0.0.1:{full_backlog_port} (timed out after 0.3s)"


def test_endpoints_print_as_users_write_them() -> None:
    assert str(Endpoint("imap.example.com", 993)) == "imap.example.com:993"
    assert str(Endpoint("::1", 995)) == "[::1]:995"


def test_timeouts_must_be_positive() -> None:
    with pytest.raises(MailError, match=r"^Timeouts must be positive seconds \(connect=0, read=5\)$"):
        Timeouts(connect=0, read=5)
