"""`balmail run` on the PostgreSQL store: `[balmail] state` in Config.toml (or `--state`) sends the
records there, `balmail status URI` reads them, and a bad URI is a clear error, not a traceback."""

from __future__ import annotations

from pathlib import Path

from mail.dovecot_harness import DovecotServer, free_port
from mail.postgres_harness import PostgresServer
from serve.test_serve import Running, message, write_program

from .test_state_commands import balmail

PROGRAM = """
listener email:ImapListener inbox = check new ({
    host: "127.0.0.1", username: "alice", password: password, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.2
});

service "helpdesk" on inbox {
    remote function onMessage(email:Message m) returns error? {
        io:println("ok ", m.subject);
    }
}
"""


def test_run_records_on_postgres_from_config_toml(
    mailbox: DovecotServer, pg_uri: str, tmp_path: Path
) -> None:
    program = write_program(tmp_path, mailbox, PROGRAM)
    with (tmp_path / "Config.toml").open("a") as config:
        config.write(f'\n[balmail]\nstate = "{pg_uri}"\n')
    mailbox.append_many("alice", [message("one"), message("two")])
    once = Running(program, "--once")
    assert once.finish() == 0, once.stderr
    assert sorted(once.seen) == ["ok one", "ok two"]
    assert not (tmp_path / ".balmail").exists()  # nothing went to SQLite
    mailbox.append_many("alice", [message("three")])
    again = Running(program, "--once", "--state", pg_uri)
    assert again.finish() == 0 and again.seen == ["ok three"], (again.seen, again.stderr)

    shown = balmail("status", pg_uri, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "listener inbox (imap://127.0.0.1, alice, INBOX)" in shown.stdout, shown.stdout
    assert "cycles 2 ok, 0 failed; messages handled 3" in shown.stdout, shown.stdout
    from_config = balmail("status", cwd=tmp_path)  # no PATH: Config.toml's [balmail] state
    assert from_config.stdout == shown.stdout, from_config.stderr


def test_unreachable_or_bad_state_is_a_clear_error(
    mailbox: DovecotServer, postgres: PostgresServer, tmp_path: Path
) -> None:
    program = write_program(tmp_path, mailbox, PROGRAM)
    nowhere = postgres.uri("postgres", port=free_port())
    done = Running(program, "--once", "--state", nowhere)
    assert done.finish() == 1
    assert "Cannot open the state store at postgresql://balmail@127.0.0.1:" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    done = Running(program, "--once", "--state", "mysql://x")
    assert done.finish() == 2 and "--state expects a postgresql:// URI" in done.stderr, done.stderr
    shown = balmail("status", nowhere, cwd=tmp_path)
    assert shown.returncode == 1 and "cannot use the state store" in shown.stderr, shown.stderr
    assert "Traceback" not in shown.stderr
