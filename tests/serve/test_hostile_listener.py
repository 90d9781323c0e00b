"""Hostile email through a real Dovecot listener (issue 16): a message whose handler runs a
catastrophically backtracking regular expression is a failed attempt (the time budget is enforced inside
the match), retried and given up within one run, and the messages after it are handled."""

from __future__ import annotations

from pathlib import Path

from mail.dovecot_harness import DovecotServer

from serve.test_serve import Running, message, unseen, write_program

POISON = """
listener email:ImapListener inbox = check new ({
    host: "127.0.0.1", username: "alice", password: password, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.2
});

service on inbox {
    remote function onMessage(email:Message m) returns error? {
        string body = m.body ?: "";
        if re `(a|aa)+$`.isFullMatch(body.trim()) {
            io:println("matched ", m.subject);
        } else {
            io:println("ok ", m.subject);
        }
    }
    remote function onError(email:Error err) {
        string text = err.message();
        if text.includes("Gave up") {
            io:println("gave up");
        } else if text.includes("time budget of 1.0 seconds exhausted") {
            io:println("over budget");
        } else {
            io:println("other: ", text);
        }
    }
}
"""


def test_poison_regex_email_is_given_up_in_one_run(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(tmp_path, mailbox, POISON)
    mailbox.append_many(
        "alice",
        [message("first"), message("poison", "a" * 5_000 + "!\n"), message("after", "aaaa\n")],
    )
    run = Running(program, "--max-retries", "1", "--max-time", "1")
    got = run.wait_for(5, timeout=60)
    assert run.stop() == 0, run.stderr
    assert got[:3] == ["ok first", "over budget", "matched after"], (got, run.stderr)
    assert got[3:5] == ["over budget", "gave up"], (got, run.stderr)
    assert unseen(mailbox) == 0
