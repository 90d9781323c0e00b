"""A handler stuck in a blocking library call never blocks its listener (issue 16), through a real
Dovecot listener and real loopback peers: a peer that accepts and never answers (the HTTP client's
socket waits are bounded by the time left in the handler's budget: a cooperative stop), and an SMTP
peer that keeps the greeting going forever one continuation line at a time (no socket timeout ever
fires: the poller abandons the invocation at the budget). Either way the message is given up after
`--max-retries` attempts in one run, the messages after it are handled, and an abandoned handler does
nothing more once its call returns."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mail.dovecot_harness import DovecotServer

from serve.test_serve import Running, message, unseen, write_program


class Peer:
    """A loopback TCP server; `talk(conn)` is run for each accepted connection on a thread of its own."""

    def __init__(self, talk) -> None:  # type: ignore[no-untyped-def]
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.closed = threading.Event()
        self._talk = talk
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            threading.Thread(target=self._talk, args=(conn, self.closed), daemon=True).start()

    def close(self) -> None:
        self.closed.set()
        self.sock.close()


def silent(conn: socket.socket, closed: threading.Event) -> None:
    """Accept, read what comes, never answer."""
    with conn:
        conn.settimeout(0.2)
        while not closed.is_set():
            try:
                if conn.recv(4096) == b"":
                    closed.wait(60)
            except TimeoutError:
                continue
            except OSError:
                return


def trickling_greeting(conn: socket.socket, closed: threading.Event) -> None:
    """An SMTP greeting that never ends (`220-` continuation lines, one every 0.2 s) for 6 s, then
    the connection is dropped: the client's call returns only then, long after its budget."""
    with conn:
        ends = time.monotonic() + 6.0
        try:
            while not closed.is_set() and time.monotonic() < ends:
                conn.sendall(b"220-still greeting\r\n")
                time.sleep(0.2)
        except OSError:
            return


@pytest.fixture
def silent_peer() -> Iterator[Peer]:
    peer = Peer(silent)
    yield peer
    peer.close()


@pytest.fixture
def trickling_peer() -> Iterator[Peer]:
    peer = Peer(trickling_greeting)
    yield peer
    peer.close()


LISTENER = """
listener email:ImapListener inbox = check new ({
    host: "127.0.0.1", username: "alice", password: password, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.2
});
"""

ON_ERROR = """
    remote function onError(email:Error err) {
        string text = err.message();
        if text.includes("Gave up") {
            io:println("gave up");
        } else if text.includes("abandoned") && text.includes("time budget of 1.0 seconds exhausted") {
            io:println("abandoned");
        } else if text.includes("Idle timeout") {
            io:println("timed out");
        } else {
            io:println("other: ", text);
        }
    }
"""

HTTP_PROGRAM = (
    LISTENER
    + """
configurable int peerPort = ?;

service on inbox {
    remote function onMessage(email:Message m) returns error? {
        if m.subject == "stuck" {
            http:Client peer = check new (string `http://127.0.0.1:${peerPort}`);
            string answer = check peer->get("/never");
            io:println("answered ", answer);
        }
        io:println("ok ", m.subject);
    }
"""
    + ON_ERROR
    + "}\n"
)

SMTP_PROGRAM = (
    LISTENER
    + """
configurable int peerPort = ?;

service on inbox {
    remote function onMessage(email:Message m) returns error? {
        if m.subject == "stuck" {
            email:SmtpClient smtp = check new ("127.0.0.1", "u", "p", port = peerPort,
                security = email:START_TLS_NEVER);
            error? sent = smtp->sendMessage({
                to: "bob@example.test", 'from: "a@example.test", subject: "s", body: "b"
            });
            io:println("after send ", m.subject, " ", sent is error);
        }
        io:println("ok ", m.subject);
    }
"""
    + ON_ERROR
    + "}\n"
)


def test_peer_that_never_answers_ends_in_the_budget(
    mailbox: DovecotServer, silent_peer: Peer, tmp_path: Path
) -> None:
    program = write_program(
        tmp_path, mailbox, HTTP_PROGRAM, imports="import ballerina/http;\n", peerPort=silent_peer.port
    )
    mailbox.append_many("alice", [message("first"), message("stuck"), message("after")])
    run = Running(program, "--max-retries", "1", "--max-time", "1", "--allow-net=127.0.0.1")
    got = run.wait_for(5, timeout=60)
    assert run.stop() == 0, run.stderr
    assert got[:3] == ["ok first", "timed out", "ok after"], (got, run.stderr)
    assert got[3:5] == ["timed out", "gave up"], (got, run.stderr)
    assert silent_peer.accepted == 2
    assert unseen(mailbox) == 0


def test_handler_stuck_past_its_budget_is_abandoned(
    mailbox: DovecotServer, trickling_peer: Peer, tmp_path: Path
) -> None:
    program = write_program(tmp_path, mailbox, SMTP_PROGRAM, peerPort=trickling_peer.port)
    mailbox.append_many("alice", [message("first"), message("stuck"), message("after")])
    began = time.monotonic()
    run = Running(program, "--max-retries", "1", "--max-time", "1", "--allow-net=127.0.0.1")
    got = run.wait_for(5, timeout=60)
    given_up = time.monotonic() - began
    # Both abandoned calls return when the peer drops them (6 s after each began): they must print
    # nothing then (no "after send"), and the listener meanwhile went on.
    time.sleep(7.0)
    assert run.stop() == 0, run.stderr
    assert got[:3] == ["ok first", "abandoned", "ok after"], (got, run.stderr)
    assert got[3:5] == ["abandoned", "gave up"], (got, run.stderr)
    assert run.seen[5:] == [], (run.seen, run.stderr)
    assert trickling_peer.accepted == 2
    assert given_up < 30, given_up  # two abandoned attempts of ~3 s each, not two 6 s calls waited out
    assert "was abandoned and the poller goes on" in run.stderr
    assert unseen(mailbox) == 0
