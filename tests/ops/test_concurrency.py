"""Listeners run side by side (each handler a strand with its own budgets), `lock` blocks really
exclude each other, and `concurrency = N` handles N messages of one mailbox at once — measured
against the real Dovecot with timestamps taken as the lines arrive."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mail.dovecot_harness import DovecotServer
from serve.test_serve import Running, message, write_program

TWO_LISTENERS = """
configurable string zoePassword = ?;

listener email:ImapListener slow = check new ({
    host: "127.0.0.1", username: "alice", password: password, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.2
});

listener email:ImapListener fast = check new ({
    host: "127.0.0.1", username: "zoe", password: zoePassword, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.2
});

service on slow {
    remote function onMessage(email:Message m) {
        runtime:sleep(3);
        io:println("slow ", m.subject);
    }
}

service on fast {
    remote function onMessage(email:Message m) {
        io:println("fast ", m.subject);
    }
}
"""


@pytest.fixture
def zoe(mailbox: DovecotServer) -> Iterator[DovecotServer]:
    mailbox.reset("zoe")
    yield mailbox
    mailbox.reset("zoe")


def timed_lines(run: Running, count: int, timeout: float = 30.0) -> list[tuple[float, str]]:
    """The next `count` stdout lines with the monotonic time each arrived."""
    out: list[tuple[float, str]] = []
    deadline = time.monotonic() + timeout
    while len(out) < count:
        try:
            line = run.lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError(f"got only {out!r}; stderr: {run.stderr}") from None
        out.append((time.monotonic(), line))
    return out


def test_a_slow_handler_on_one_listener_does_not_delay_another(zoe: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path, zoe, TWO_LISTENERS, imports="import ballerina/lang.runtime;\n", zoePassword=zoe.users["zoe"]
    )
    zoe.append_many("alice", [message("one"), message("two")])
    zoe.append_many("zoe", [message(f"f{i}") for i in range(3)])
    run = Running(program, "--state-dir", str(tmp_path / "state"))
    try:
        lines = timed_lines(run, 5)
    finally:
        assert run.stop() == 0, run.stderr
    order = [text for _, text in lines]
    assert order == ["fast f0", "fast f1", "fast f2", "slow one", "slow two"], order
    first_slow = lines[3][0]
    last_fast = lines[2][0]
    # the fast listener finished its three messages while the slow one still slept on its first
    assert first_slow - last_fast > 1.5, lines
    assert lines[4][0] - lines[3][0] > 2.5  # one listener still handles its messages in order


LOCKED = """
configurable string zoePassword = ?;
int counter = 0;

listener email:ImapListener first = check new ({
    host: "127.0.0.1", username: "alice", password: password, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.2
});

listener email:ImapListener second = check new ({
    host: "127.0.0.1", username: "zoe", password: zoePassword, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.2
});

function bump() {
    lock {
        int seen = counter;
        runtime:sleep(0.05); // another handler runs meanwhile, but may not enter a lock block
        counter = seen + 1;
        io:println("count ", counter);
    }
}

service on first {
    remote function onMessage(email:Message m) {
        bump();
    }
}

service on second {
    remote function onMessage(email:Message m) {
        bump();
    }
}
"""


def test_lock_blocks_exclude_each_other_across_listeners(zoe: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path, zoe, LOCKED, imports="import ballerina/lang.runtime;\n", zoePassword=zoe.users["zoe"]
    )
    zoe.append_many("alice", [message(f"a{i}") for i in range(6)])
    zoe.append_many("zoe", [message(f"z{i}") for i in range(6)])
    run = Running(program, "--state-dir", str(tmp_path / "state"))
    try:
        lines = [text for _, text in timed_lines(run, 12)]
    finally:
        assert run.stop() == 0, run.stderr
    assert lines == [f"count {n}" for n in range(1, 13)], lines  # no update lost, none repeated


CONCURRENT = """
listener email:ImapListener inbox = check new ({
    host: "127.0.0.1", username: "alice", password: password, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.2
});

%s service on inbox {
    remote function onMessage(email:Message m) {
        runtime:sleep(1);
        io:println("done ", m.subject);
    }
}
"""


@pytest.mark.parametrize(
    ("qualifier", "at_once", "via"), [("isolated", 4, "config"), ("", 1, "config"), ("isolated", 4, "flag")]
)
def test_concurrency_handles_n_messages_of_an_isolated_service_at_once(
    mailbox: DovecotServer, tmp_path: Path, qualifier: str, at_once: int, via: str
) -> None:
    imports = "import ballerina/lang.runtime;\n"
    program = write_program(tmp_path, mailbox, CONCURRENT % qualifier, imports=imports)
    flags: tuple[str, ...] = ()
    if via == "config":
        with (tmp_path / "Config.toml").open("a") as config:
            config.write("\n[balmail.listeners.inbox]\nconcurrency = 4\n")
    else:
        flags = ("--listener", "inbox.concurrency=4")
    mailbox.append_many("alice", [message(f"m{i}") for i in range(8)])
    run = Running(program, "--state-dir", str(tmp_path / "state"), *flags)
    try:
        lines = timed_lines(run, 8 if at_once > 1 else 3)
    finally:
        assert run.stop() == 0, run.stderr
    if at_once > 1:
        assert sorted(text for _, text in lines) == sorted(f"done m{i}" for i in range(8))
        # 8 one-second handlers, 4 at a time: two rounds ~1 s apart (one at a time: 7 s from first to last)
        assert lines[-1][0] - lines[0][0] < 3.0, lines
        assert all("\\Seen" in flags for flags in mailbox.flags("alice").values())
    else:
        assert [text for _, text in lines] == ["done m0", "done m1", "done m2"]  # in order, one at a time
        assert lines[2][0] - lines[0][0] > 1.8, lines
        assert "concurrency = 4 has no effect" in run.stderr and "not isolated" in run.stderr, run.stderr


def test_a_bad_concurrency_value_stops_the_start_with_a_clear_error(
    mailbox: DovecotServer, tmp_path: Path
) -> None:
    imports = "import ballerina/lang.runtime;\n"
    program = write_program(tmp_path, mailbox, CONCURRENT % "isolated", imports=imports)
    with (tmp_path / "Config.toml").open("a") as config:
        config.write("\n[balmail.listeners.inbox]\nconcurrency = 0\n")
    run = Running(program, "--once", "--state-dir", str(tmp_path / "state"))
    assert run.finish() == 1
    assert "[balmail.listeners.inbox] concurrency in" in run.stderr and "got 0" in run.stderr, run.stderr


def test_a_bad_concurrency_flag_names_the_flag(mailbox: DovecotServer, tmp_path: Path) -> None:
    imports = "import ballerina/lang.runtime;\n"
    program = write_program(tmp_path, mailbox, CONCURRENT % "isolated", imports=imports)
    run = Running(
        program, "--once", "--state-dir", str(tmp_path / "state"), "--listener", "inbox.concurrency=0"
    )
    assert run.finish() == 1
    assert "--listener inbox.concurrency must be a whole number of 1 or more, got 0" in run.stderr, run.stderr
