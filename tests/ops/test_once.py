"""`balmail run --once`: one summary line per listener on stderr, exit 1 when a cycle failed (login,
TLS, connection refused) or a message was given up, 0 otherwise — against the real Dovecot."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from mail.dovecot_harness import DovecotServer
from serve.test_serve import Running, message, write_program

PROGRAM = """
listener email:ImapListener inbox = check new ({
    host: "127.0.0.1", username: "alice", password: %(password)s, port: %(port)s,
    security: %(security)s, pollingInterval: 0.2
});

service "helpdesk" on inbox {
    remote function onMessage(email:Message m) returns error? {
        if m.subject.startsWith("bad") {
            return error("cannot handle");
        }
        io:println("ok ", m.subject);
    }
}
"""


def program_for(tmp_path: Path, server: DovecotServer, **values: str) -> Path:
    settings = {"password": "password", "port": "imapPort", "security": "email:START_TLS_NEVER"}
    settings.update(values)
    return write_program(tmp_path, server, PROGRAM % settings)


def run_once(program: Path, *args: str) -> tuple[int, list[str], str]:
    run = Running(program, "--once", "--state-dir", str(program.parent / "state"), *args)
    code = run.finish()
    return code, run.seen, run.stderr


def summary(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("inbox: ")]
    assert len(lines) == 1, stderr
    return lines[0]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_all_handled_prints_the_summary_and_exits_0(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.append_many("alice", [message("a"), message("b")])
    code, out, err = run_once(program_for(tmp_path, mailbox))
    assert code == 0, err
    assert out == ["ok a", "ok b"]
    assert summary(err) == "inbox: fetched 2, handled 2, retried 0, given up 0, errors 0"


def test_a_retried_message_still_exits_0(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.append_many("alice", [message("bad one"), message("good")])
    code, out, err = run_once(program_for(tmp_path, mailbox), "--max-retries", "2")
    assert code == 0, err
    assert summary(err) == "inbox: fetched 2, handled 1, retried 1, given up 0, errors 0"


def test_a_given_up_message_exits_1(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.append_many("alice", [message("bad one"), message("good")])
    code, out, err = run_once(program_for(tmp_path, mailbox), "--max-retries", "0")
    assert code == 1, err
    assert summary(err) == "inbox: fetched 2, handled 1, retried 0, given up 1, errors 0"


@pytest.mark.parametrize(
    ("kind", "values", "reason"),
    [
        ("login", {"password": '"wrong"'}, "alice"),
        ("tls", {"port": "imapsPort", "security": "email:SSL"}, "certificate"),
        ("refused", {"port": str(closed_port())}, "refused"),
    ],
)
def test_a_failed_cycle_exits_1_and_says_why(
    mailbox: DovecotServer, tmp_path: Path, kind: str, values: dict[str, str], reason: str
) -> None:
    mailbox.append_many("alice", [message("a")])
    code, out, err = run_once(program_for(tmp_path, mailbox, **values))
    assert code == 1, (kind, err)
    line = summary(err)
    assert line.startswith("inbox: fetched 0, handled 0, retried 0, given up 0, errors 1 ("), line
    assert reason in line.lower(), line
    assert mailbox.users["alice"] not in err
