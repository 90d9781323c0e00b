"""`balmail status`, `retry` and `forget` on a real store filled by runs against Dovecot: given-up
and retrying messages with reasons and attempts; retry delivers a given-up message again from the
store's copy; both commands refuse while a run holds the store unless --force, and with --force
the running listener picks the change up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from mail.dovecot_harness import DovecotServer
from serve.test_serve import REPO_ROOT, Running, message, write_program

PROGRAM = """
configurable boolean fixed = false;

listener email:ImapListener inbox = check new ({
    host: "127.0.0.1", username: "alice", password: password, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.2
});

service "helpdesk" on inbox {
    remote function onMessage(email:Message m) returns error? {
        if !fixed && m.subject.startsWith("bad") {
            return error("cannot handle " + m.subject);
        }
        io:println("ok ", m.subject);
    }
}
"""


def balmail(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    command = [sys.executable, "-m", "balmail.cli", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def keys(status: str, section: str) -> list[int]:
    """The keys listed under `retrying:` or `given up:` in status output."""
    found: list[int] = []
    current = None
    for line in status.splitlines():
        if line.strip() in ("retrying:", "given up:"):
            current = line.strip()
        elif current == section + ":" and line.startswith("    key "):
            found.append(int(re.match(r"\s+key (\d+):", line).group(1)))  # type: ignore[union-attr]
        elif not line.startswith("    "):
            current = None
    return found


def test_status_retry_and_forget(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(tmp_path, mailbox, PROGRAM)
    state = tmp_path / "state"
    mailbox.append_many("alice", [message("bad one"), message("good"), message("bad two")])
    once = Running(program, "--once", "--state-dir", str(state), "--max-retries", "0")
    assert once.finish() == 1, once.stderr
    mailbox.append_many("alice", [message("bad three")])
    once = Running(program, "--once", "--state-dir", str(state), "--max-retries", "2")
    assert once.finish() == 0, once.stderr

    shown = balmail("status", str(state), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert text.splitlines()[0] == f"state store {state / 'state.db'}: no run is using it"
    assert "listener inbox (imap://127.0.0.1, alice, INBOX)" in text, text
    assert "cycles 2 ok, 0 failed; messages handled 1, retried 1, given up 2" in text, text
    given_up, retrying = keys(text, "given up"), keys(text, "retrying")
    assert len(given_up) == 2 and len(retrying) == 1, text
    assert re.search(r"key \d+: message \d+, 1 attempt\(s\), .* UTC, reason: .*handle bad one", text), text
    assert re.search(r"key \d+: message \d+, 1 attempt\(s\), last error: .*handle bad three", text), text

    # A run is using the store: both commands refuse without --force.
    run = Running(program, "--state-dir", str(state), "-Cfixed=true")
    try:
        assert run.wait_for(1) == ["ok bad three"]  # the retrying one, on its second attempt
        assert "a run is using it" in balmail("status", str(state), cwd=tmp_path).stdout
        refused = balmail("retry", "--all-given-up", "--state-dir", str(state), cwd=tmp_path)
        assert refused.returncode == 1
        assert "a balmail run is using" in refused.stderr and "--force" in refused.stderr
        refused = balmail("forget", str(given_up[0]), "--state-dir", str(state), cwd=tmp_path)
        assert refused.returncode == 1 and "a balmail run is using" in refused.stderr
        forced = balmail("retry", str(given_up[0]), "--state-dir", str(state), "--force", cwd=tmp_path)
        assert forced.returncode == 0, forced.stderr
        assert forced.stdout.strip() == "1 message(s) will be delivered again on the next polling cycle"
        assert run.wait_for(2)[1] == "ok bad one"  # delivered again from the store's copy
    finally:
        assert run.stop() == 0, run.stderr

    text = balmail("status", str(state), cwd=tmp_path).stdout
    assert keys(text, "given up") == [given_up[1]] and keys(text, "retrying") == [], text
    assert balmail("retry", "--all-given-up", "--state-dir", str(state), cwd=tmp_path).returncode == 0
    run = Running(program, "--once", "--state-dir", str(state), "-Cfixed=true")
    assert run.finish() == 0 and run.seen == ["ok bad two"], (run.seen, run.stderr)

    # forget: one key, then everything before a date
    unknown = balmail("forget", "99999", "--state-dir", str(state), cwd=tmp_path)
    assert unknown.returncode == 1 and "no entry with key 99999" in unknown.stderr
    cleared = balmail("forget", "--before", "2999-01-01", "--state-dir", str(state), cwd=tmp_path)
    assert cleared.returncode == 0, cleared.stderr
    text = balmail("status", str(state), cwd=tmp_path).stdout
    assert "given up:" not in text and "retrying:" not in text, text


def test_usage_errors(tmp_path: Path) -> None:
    done = balmail("retry", cwd=tmp_path)
    assert done.returncode == 2 and "--all-given-up" in done.stderr
    done = balmail("forget", "--before", "yesterday", cwd=tmp_path)
    assert done.returncode == 1 and "--before expects a date like 2026-12-01" in done.stderr, done.stderr
    done = balmail("forget", "--before", "2026-12-01", cwd=tmp_path)
    assert done.returncode == 1 and "no state store at .balmail (give" in done.stderr, done.stderr
    done = balmail("status", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert done.returncode == 1 and "no state store at" in done.stderr and "Traceback" not in done.stderr
