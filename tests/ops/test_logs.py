"""Log lines as `[ballerina.log]` in Config.toml says: level, per-module levels, logfmt or JSON,
file destinations; the runtime's own lines in the same format with listener/service/uid/attempt
fields, addresses and subjects redacted unless --log-subjects — against the real Dovecot."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mail.dovecot_harness import DovecotServer
from serve.test_serve import Running, message, write_program

PROGRAM = """
listener email:ImapListener inbox = check new ({
    host: "127.0.0.1", username: "alice", password: password, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.2
});

service "helpdesk" on inbox {
    remote function onMessage(email:Message m) returns error? {
        log:printInfo("handling", subject = m.subject);
        io:print("");
        log:printDebug("details", size = m.body.toString().length());
        if m.subject == "bad" {
            return error("cannot handle mail from " + (m.'from ?: ""));
        }
    }
}
"""


def run_once(tmp_path: Path, server: DovecotServer, log_config: str, *args: str) -> tuple[int, str, str]:
    program = write_program(tmp_path, server, PROGRAM, imports="import ballerina/log;\n")
    with (tmp_path / "Config.toml").open("a") as config:
        config.write(log_config)
    run = Running(program, "--once", "--state-dir", str(tmp_path / "state"), *args)
    code = run.finish()
    return code, "\n".join(run.seen), run.stderr


def log_lines(stderr: str) -> list[str]:
    """stderr without the `--once` summary line (not a log line)."""
    return [line for line in stderr.splitlines() if line and not line.startswith("inbox: fetched")]


def test_json_format_every_line_parses_and_runtime_lines_carry_fields(
    mailbox: DovecotServer, tmp_path: Path
) -> None:
    mailbox.append_many("alice", [message("hello there")])
    code, _, stderr = run_once(tmp_path, mailbox, '\n[ballerina.log]\nformat = "json"\n')
    assert code == 0, stderr
    records = [json.loads(line) for line in log_lines(stderr)]  # every line is one JSON object
    assert records, stderr
    program = [r for r in records if r["module"] == "" and r["message"] == "handling"]
    assert program == [{**program[0], "level": "INFO", "subject": "hello there"}], records
    delivered = [r for r in records if r["module"] == "balmail" and r["message"].startswith("delivered")]
    assert len(delivered) == 1, records
    record = delivered[0]
    uid = record["uid"]
    assert record["message"] == f"delivered UID {uid} (subject redacted)", record
    assert (record["listener"], record["service"], record["attempt"]) == ("inbox", "helpdesk", 1)
    assert all(set(r) >= {"time", "level", "module", "message"} for r in records)
    assert not any(r["level"] == "DEBUG" for r in records)  # INFO is the default level


def test_level_and_module_levels(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.append_many("alice", [message("hello")])
    config = '\n[ballerina.log]\nlevel = "WARN"\n\n[[ballerina.log.modules]]\n'
    config += 'name = "balmail"\nlevel = "DEBUG"\n'
    wanted = "cycle: 1 delivered"
    code, _, stderr = run_once(tmp_path, mailbox, config)
    assert code == 0, stderr
    lines = log_lines(stderr)
    assert not any('module=""' in line for line in lines), stderr  # the program's INFO/DEBUG: below WARN
    debug = [line for line in lines if 'module="balmail"' in line and "level=DEBUG" in line]
    assert any(wanted in line for line in debug), stderr


def test_a_file_destination_gets_the_lines_instead_of_stderr(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.append_many("alice", [message("hello")])
    config = '\n[ballerina.log]\nlevel = "INFO"\n\n[[ballerina.log.destinations]]\npath = "logs/app.log"\n'
    code, _, stderr = run_once(tmp_path, mailbox, config)
    assert code == 0, stderr
    assert log_lines(stderr) == [], stderr
    written = (tmp_path / "logs" / "app.log").read_text().splitlines()
    assert any('message="handling" subject="hello"' in line for line in written), written
    delivered = re.compile(r'message="delivered UID \d+ \(subject redacted\)" listener="inbox"')
    assert any(delivered.search(line) for line in written), written
    code, _, stderr = run_once(tmp_path, mailbox, "")  # APPEND is the default: a second run adds lines
    assert len((tmp_path / "logs" / "app.log").read_text().splitlines()) >= len(written)


def test_addresses_are_redacted_unless_log_subjects(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.append_many("alice", [message("bad")])
    code, _, stderr = run_once(tmp_path, mailbox, "", "--max-retries", "3")
    assert code == 0, stderr
    failures = [line for line in log_lines(stderr) if "cannot handle mail from" in line]
    assert failures and all("<address>" in line for line in failures), stderr
    runtime = [line for line in log_lines(stderr) if 'module="balmail"' in line]
    assert runtime and "sender@example.test" not in "\n".join(runtime)
    first = [line for line in failures if "attempt=1 " in line + " "]
    assert first and "uid=" in first[0] and 'listener="inbox"' in first[0], failures
    code, _, stderr = run_once(tmp_path, mailbox, "", "--max-retries", "3", "--log-subjects")
    assert any("cannot handle mail from sender@example.test" in line for line in log_lines(stderr)), stderr


def test_a_bad_log_configuration_is_a_clear_error(mailbox: DovecotServer, tmp_path: Path) -> None:
    code, _, stderr = run_once(tmp_path, mailbox, '\n[ballerina.log]\nformat = "xml"\n')
    assert code == 1
    assert 'error: invalid log configuration: [ballerina.log] format must be "logfmt" or "json"' in stderr
    assert "Traceback" not in stderr
