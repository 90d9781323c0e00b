"""`balmail run --metrics`: Prometheus metrics scraped over HTTP and read with prometheus_client's
own text parser after a known sequence of successes, retries and give-ups; `/healthz` turning
unhealthy while Dovecot is down and healthy again when it is back."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from mail.dovecot_harness import (
    DovecotServer,
    DovecotUnavailable,
    _wait_until_listening,
    find_dovecot,
    free_port,
    start_dovecot,
)
from prometheus_client.parser import text_string_to_metric_families
from serve.test_serve import Running, message, write_program

PROGRAM = """
listener email:ImapListener inbox = check new ({
    host: "127.0.0.1", username: "alice", password: password, port: imapPort,
    security: email:START_TLS_NEVER, pollingInterval: 0.3
});

service "helpdesk" on inbox {
    remote function onMessage(email:Message m) returns error? {
        if m.subject == "bad" {
            return error("cannot handle");
        }
        io:println("ok ", m.subject);
    }
    remote function onError(email:Error err) {
        io:println(err.message().includes("Gave up") ? "gave up" : "failed");
    }
}
"""


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return 0, ""  # not listening yet


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def value(found: dict, name: str, **labels: str) -> float:
    wanted = {"listener": "inbox", "service": "helpdesk", **labels}
    return found[(name, tuple(sorted(wanted.items())))]


def wait_until(check, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.1)


def test_metrics_after_success_retry_and_give_up(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(tmp_path, mailbox, PROGRAM)
    port = free_port()
    mailbox.append_many("alice", [message("bad"), message("good"), message("fine")])
    run = Running(program, "--metrics", f"127.0.0.1:{port}", "--max-retries", "1")
    try:
        got = run.wait_for(5)
        assert sorted(got) == ["failed", "failed", "gave up", "ok fine", "ok good"], got
        base = f"http://127.0.0.1:{port}"
        ok_cycles = "balmail_cycles_total"
        wait_until(lambda: value(samples(get(base + "/metrics")[1]), ok_cycles, outcome="ok") >= 3)
        # 3 cycles: bad fails, good and fine pass; bad fails again and is given up (1 retry)
        status, text = get(base + "/metrics")
        assert status == 200
        found = samples(text)
        assert value(found, "balmail_messages_handled_total") == 2
        assert value(found, "balmail_messages_fetched_total") == 4
        assert value(found, "balmail_messages_retried_total") == 1
        assert value(found, "balmail_messages_given_up_total") == 1
        assert value(found, "balmail_cycles_total", outcome="failed") == 0
        assert value(found, "balmail_handler_duration_seconds_count") == 4
        assert value(found, "balmail_handler_duration_seconds_bucket", le="+Inf") == 4
        assert abs(value(found, "balmail_last_successful_cycle_timestamp_seconds") - time.time()) < 10
        assert value(found, "balmail_consecutive_failed_cycles") == 0
        states = {s: value(found, "balmail_connection_state", balmail_connection_state=s)
                  for s in ("idle", "connected", "failing")}
        assert states["failing"] == 0 and states["idle"] + states["connected"] == 1
        status, body = get(base + "/healthz")
        assert (status, body) == (200, "inbox: ok\n")
    finally:
        assert run.stop() == 0, run.stderr


def _pause(server: DovecotServer) -> None:
    """Stop Dovecot's processes but keep its files, so it can come back on the same ports."""
    for process in server.processes:
        process.terminate()
    for process in server.processes:
        process.wait(timeout=10)
    server.processes.clear()


def _resume(server: DovecotServer) -> None:
    dovecot = find_dovecot()
    with open(server.workdir / "dovecot.out", "ab") as output:
        for name in ("main", "plain"):
            conf = server.workdir / f"dovecot-{name}.conf"
            server.processes.append(
                subprocess.Popen([dovecot, "-F", "-c", str(conf)], stdout=output, stderr=subprocess.STDOUT)
            )
    _wait_until_listening(server, [server.imap_port, server.pop3_port])


@pytest.fixture
def own_dovecot() -> Iterator[DovecotServer]:
    """A Dovecot of this test alone: it is stopped and started again."""
    try:
        server = start_dovecot()
    except DovecotUnavailable as missing:
        pytest.skip(f"needs a local Dovecot: {missing}")
    try:
        yield server
    finally:
        server.stop()


def test_healthz_fails_while_dovecot_is_down_and_recovers(own_dovecot: DovecotServer, tmp_path: Path) -> None:
    program = write_program(tmp_path, own_dovecot, PROGRAM)
    port = free_port()
    url = f"http://127.0.0.1:{port}/healthz"
    run = Running(program, "--metrics", f"127.0.0.1:{port}")
    try:
        wait_until(lambda: get(url)[0] == 200)
        _pause(own_dovecot)
        wait_until(lambda: get(url)[0] == 503)
        status, body = get(url)
        assert body.startswith("inbox: unhealthy: "), body
        assert "refused" in body.lower() or "no cycle completed" in body, body
        _resume(own_dovecot)
        wait_until(lambda: get(url)[0] == 200, timeout=30)
        assert get(url)[1] == "inbox: ok\n"
    finally:
        assert run.stop() == 0, run.stderr


def test_a_malformed_metrics_address_is_a_usage_error(tmp_path: Path) -> None:
    program = tmp_path / "prog.bal"
    program.write_text("public function main() {}\n")
    run = Running(program, "--metrics", "localhost")
    assert run.finish() == 2
    assert "--metrics expects HOST:PORT (e.g. 127.0.0.1:9464), got 'localhost'" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_metrics_port_in_use_is_a_clear_error(mailbox: DovecotServer, tmp_path: Path) -> None:
    import socket

    program = write_program(tmp_path, mailbox, PROGRAM)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = Running(program, "--metrics", f"127.0.0.1:{port}")
        assert run.finish() == 1
    expected = f"error: cannot serve metrics on 127.0.0.1:{port}: Address already in use"
    assert expected in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
