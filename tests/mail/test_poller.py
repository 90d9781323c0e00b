"""Poller against Dovecot and the embedded servers alike, on both protocols: every new message
delivered in order, acked only after the handler returned, retries and give-up, crashes (in
process and `kill -9`) that neither lose nor repeat more than the message in flight, outages with
backoff and recovery, UIDVALIDITY changes, and graceful stop."""

from __future__ import annotations

import email
import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from balmail.mail.connection import Timeouts
from balmail.mail.errors import MailError, MessageParseError
from balmail.mail.listener_settings import ListenerSettings, MailProtocol
from balmail.mail.message import ReceivedMessage
from balmail.mail.outcomes import MessageFailure, MessageGivenUp
from balmail.mail.poller import Poller
from balmail.mail.state import MessageKey, StateStore
from balmail.mail.tls import SecureSocketConfig, Security

from .dovecot_harness import free_port
from .fault_proxy import Fault, FaultProxy
from .server_harness import MailServer

FAST = Timeouts(connect=2.0, read=2.0)
PROTOCOLS = ["imap", "pop3"]
REPO_ROOT = Path(__file__).resolve().parents[2]


class Crash(BaseException):
    """Stands in for the process dying: not an `Exception`, so nothing may swallow it."""


def message(subject: str, body: str = "hello\n") -> bytes:
    return f"From: sender@example.test\nTo: alice@example.test\nSubject: {subject}\n\n{body}".encode()


def settings(
    server: MailServer, protocol: str, *, port: int | None = None, user: str = "alice", **overrides: Any
) -> ListenerSettings:
    if port is None:
        port = server.imap_port if protocol == "imap" else server.pop3_port
    values: dict[str, Any] = {
        "protocol": protocol,
        "host": server.host,
        "port": port,
        "username": user,
        "password": server.users[user],
        "security": Security.START_TLS_NEVER,
        "timeouts": FAST,
        "polling_interval": Decimal("0.5"),
    }
    values.update(overrides)
    return ListenerSettings(**values)


def unacked(server: MailServer, protocol: str, user: str = "alice", folder: str = "INBOX") -> list[str]:
    """Subjects the server still offers as new: IMAP messages without \\Seen, every POP3 message."""
    imap = server.admin(user)
    try:
        typ, data = imap.select(f'"{folder}"', readonly=True)
        assert typ == "OK", data
        if int(data[0]) == 0:
            return []
        typ, data = imap.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        assert typ == "OK", data
        subjects = []
        for item in data:
            if isinstance(item, tuple):
                prefix, header = item
                seen = b"\\Seen" in prefix
                subject = email.message_from_bytes(header).get("Subject", "")
                if protocol == "pop3" or not seen:
                    subjects.append(subject)
        return subjects
    finally:
        imap.logout()


@attrs.define
class Recorder:
    """Callbacks that remember what they were given; `failures` makes chosen subjects fail
    (a count, or -1 for always) and `on_subject` runs extra code inside the handler."""

    failures: dict[str, int] = attrs.field(factory=dict)
    on_subject: dict[str, Any] = attrs.field(factory=dict)
    subjects: list[str] = attrs.field(factory=list)
    keys: list[MessageKey] = attrs.field(factory=list)
    errors: list[MailError] = attrs.field(factory=list)
    closes: list[MailError | None] = attrs.field(factory=list)

    def on_message(self, msg: ReceivedMessage, raw: bytes, key: MessageKey) -> None:
        assert isinstance(raw, bytes)
        self.subjects.append(msg.subject)
        self.keys.append(key)
        action = self.on_subject.get(msg.subject)
        if action is not None:
            action()
        left = self.failures.get(msg.subject, 0)
        if left:
            self.failures[msg.subject] = left - 1 if left > 0 else left
            raise RuntimeError(f"boom on {msg.subject}")

    def on_error(self, error: MailError) -> None:
        self.errors.append(error)

    def on_close(self, error: MailError | None) -> None:
        self.closes.append(error)


class FakeClock:
    """Time that only moves when the poller waits, so backoff is observable and instant."""

    def __init__(self, on_wait: Any = None) -> None:
        self.now = 0.0
        self.waits: list[float] = []
        self.on_wait = on_wait

    def monotonic(self) -> float:
        return self.now

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        self.waits.append(seconds)
        self.now += seconds
        if self.on_wait is not None:
            self.on_wait(len(self.waits))
        if len(self.waits) > 100:  # a runaway loop must not hang the suite
            stop.set()
        return stop.is_set()


def poller(config: ListenerSettings, store: StateStore | Path, recorder: Recorder, **options: Any) -> Poller:
    if isinstance(store, Path):
        store = StateStore(store)
    return Poller(
        config,
        store,
        recorder.on_message,
        on_error=recorder.on_error,
        on_close=recorder.on_close,
        **options,
    )


@pytest.fixture
def state_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "state.db"


# -- delivery ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_delivers_every_new_message_in_arrival_order_in_one_cycle(
    mailbox: MailServer, state_path: Path, protocol: str
) -> None:
    mailbox.append("alice", message("already read"), seen=True)
    subjects = [f"m{n:02}" for n in range(12)]
    mailbox.append_many("alice", [message(s) for s in subjects])
    port = mailbox.imaps_port if protocol == "imap" else mailbox.pop3s_port
    config = settings(
        mailbox,
        protocol,
        port=port,
        security=Security.SSL,
        secure_socket=SecureSocketConfig(cert=str(mailbox.ca_cert)),
        batch_size=5,
    )
    recorder = Recorder()
    listener = poller(config, state_path, recorder)

    result = listener.poll_once()

    expected = subjects if protocol == "imap" else ["already read", *subjects]  # POP3 ignores flags
    assert recorder.subjects == expected
    assert (result.delivered, result.acknowledged, result.error) == (len(expected), len(expected), None)
    assert recorder.errors == []
    assert unacked(mailbox, protocol) == []
    assert listener.poll_once().delivered == 0
    assert recorder.subjects == expected


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_acknowledges_only_after_the_handler_returned(
    mailbox: MailServer, state_path: Path, protocol: str
) -> None:
    mailbox.append_many("alice", [message("first"), message("second")])
    seen_during_handler: list[list[str]] = []
    recorder = Recorder()
    recorder.on_subject["second"] = lambda: seen_during_handler.append(unacked(mailbox, protocol))
    listener = poller(settings(mailbox, protocol, batch_size=10), state_path, recorder)

    listener.poll_once()

    # While "second" was being handled the server still offered it (and, in the same batch or
    # the same POP3 session, "first" too): nothing is acknowledged before its handler returned.
    assert seen_during_handler == [["first", "second"]]
    assert unacked(mailbox, protocol) == []


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_failing_message_is_retried_then_given_up_without_blocking_others(
    mailbox: MailServer, state_path: Path, protocol: str
) -> None:
    mailbox.append_many("alice", [message("a"), message("poison"), message("flaky"), message("c")])
    recorder = Recorder(failures={"poison": -1, "flaky": 1})
    listener = poller(settings(mailbox, protocol), state_path, recorder, max_retries=2)

    first = listener.poll_once()
    assert recorder.subjects == ["a", "poison", "flaky", "c"]
    assert (first.delivered, first.failed, first.given_up, first.error) == (2, 2, 0, None)
    assert unacked(mailbox, protocol) == ["poison", "flaky"]
    failure = recorder.errors[0]
    assert isinstance(failure, MessageFailure)
    assert isinstance(failure.cause, RuntimeError)
    assert (failure.attempt, failure.max_attempts) == (1, 3)
    assert "Handler failed for message" in failure.message
    assert "(attempt 1 of 3): RuntimeError: boom on poison" in failure.message
    assert "tried again on the next polling cycle" in failure.message
    assert ("UID " if protocol == "imap" else "UIDL '") in failure.message

    recorder.subjects.clear()
    listener.poll_once()
    assert recorder.subjects == ["poison", "flaky"]
    assert unacked(mailbox, protocol) == ["poison"]

    recorder.errors.clear()
    third = listener.poll_once()
    assert (third.failed, third.given_up) == (1, 1)
    assert unacked(mailbox, protocol) == []
    last_failure, given_up = recorder.errors
    assert isinstance(last_failure, MessageFailure) and "no retries are left" in last_failure.message
    assert isinstance(given_up, MessageGivenUp)
    assert given_up.attempts == 3 and given_up.raw is not None
    assert given_up.message.startswith("Gave up on message ")
    assert "after 3 failed attempt(s)" in given_up.message
    assert "Last error: RuntimeError: boom on poison" in given_up.message

    recorder.subjects.clear()
    listener.poll_once()
    assert recorder.subjects == []


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_unparseable_message_is_reported_and_given_up_like_a_failing_one(
    mailbox: MailServer, state_path: Path, protocol: str
) -> None:
    mailbox.append_many("alice", [b"\r\n", message("fine")])
    recorder = Recorder()
    listener = poller(settings(mailbox, protocol), state_path, recorder, max_retries=0)

    result = listener.poll_once()

    assert recorder.subjects == ["fine"]
    assert (result.delivered, result.failed, result.given_up) == (1, 1, 1)
    failure, given_up = recorder.errors
    assert isinstance(failure, MessageFailure) and isinstance(failure.cause, MessageParseError)
    assert "could not be parsed (attempt 1 of 1): Message is empty" in failure.message
    assert isinstance(given_up, MessageGivenUp)
    assert unacked(mailbox, protocol) == []


# -- crashes and restarts ---------------------------------------------------------------------------


class CrashAfterRecording(StateStore):
    """A store whose process 'dies' right after it durably recorded `subject_key` as handled."""

    crash_on: MessageKey | None = None

    def mark_handled(self, key: MessageKey) -> None:
        super().mark_handled(key)
        if key == self.crash_on:
            raise Crash


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_crash_between_record_and_ack_loses_and_repeats_nothing(
    mailbox: MailServer, state_path: Path, protocol: str
) -> None:
    mailbox.append_many("alice", [message("m1"), message("m2"), message("m3")])
    store = CrashAfterRecording(state_path)
    recorder = Recorder()
    recorder.on_subject["m2"] = lambda: setattr(store, "crash_on", recorder.keys[-1])
    with pytest.raises(Crash):
        poller(settings(mailbox, protocol), store, recorder).poll_once()
    store.close()
    assert recorder.subjects == ["m1", "m2"]
    # Nothing was acknowledged: the IMAP batch and the POP3 session never completed.
    assert unacked(mailbox, protocol) == ["m1", "m2", "m3"]

    restarted = poller(settings(mailbox, protocol), state_path, recorder)
    result = restarted.poll_once()

    assert recorder.subjects == ["m1", "m2", "m3"]
    assert (result.already_handled, result.delivered, result.acknowledged) == (2, 1, 3)
    assert unacked(mailbox, protocol) == []
    assert poller(settings(mailbox, protocol), state_path, recorder).poll_once().delivered == 0
    assert recorder.subjects == ["m1", "m2", "m3"]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_crash_inside_the_handler_repeats_only_that_message(
    mailbox: MailServer, state_path: Path, protocol: str
) -> None:
    mailbox.append_many("alice", [message("m1"), message("m2"), message("m3")])
    recorder = Recorder()
    crashes = iter([Crash()])

    def crash_once() -> None:
        error = next(crashes, None)
        if error is not None:
            raise error

    recorder.on_subject["m2"] = crash_once
    with pytest.raises(Crash):
        poller(settings(mailbox, protocol, batch_size=1), state_path, recorder).poll_once()

    poller(settings(mailbox, protocol, batch_size=1), state_path, recorder).poll_once()

    assert recorder.subjects == ["m1", "m2", "m2", "m3"]
    assert unacked(mailbox, protocol) == []


def test_a_message_that_kills_the_process_every_time_is_given_up(
    mailbox: MailServer, state_path: Path
) -> None:
    mailbox.append_many("alice", [message("deadly"), message("fine")])
    recorder = Recorder()

    def crash() -> None:
        raise Crash

    recorder.on_subject["deadly"] = crash
    for _ in range(2):
        with pytest.raises(Crash):
            poller(settings(mailbox, "imap"), state_path, recorder, max_retries=1).poll_once()

    result = poller(settings(mailbox, "imap"), state_path, recorder, max_retries=1).poll_once()

    assert recorder.subjects == ["deadly", "deadly", "fine"]  # not called a third time
    assert result.given_up == 1
    (given_up,) = recorder.errors
    assert isinstance(given_up, MessageGivenUp) and given_up.raw is None
    assert "after 2 failed attempt(s)" in given_up.message
    assert "the handler did not finish (the process stopped while it was running)" in given_up.message
    assert unacked(mailbox, "imap") == []


_KILL_SCRIPT = textwrap.dedent(
    """
    import json, os, sys, time
    from balmail.mail.connection import Timeouts
    from balmail.mail.listener_settings import ListenerSettings
    from balmail.mail.poller import Poller
    from balmail.mail.state import StateStore
    from balmail.mail.tls import Security

    cfg = json.loads(sys.argv[1])
    settings = ListenerSettings(
        protocol=cfg["protocol"], host=cfg["host"], port=cfg["port"], username="alice",
        password=cfg["password"], security=Security.START_TLS_NEVER, batch_size=2,
        timeouts=Timeouts(2, 2),
    )
    out = open(cfg["log"], "a")

    def handle(message, raw, key):
        out.write(message.subject + "\\n")
        out.flush()
        os.fsync(out.fileno())
        if message.subject == cfg["hang_on"]:
            time.sleep(60)

    Poller(settings, StateStore(cfg["state"]), handle).poll_once()
    """
)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_kill_9_in_the_middle_of_a_batch_loses_nothing_and_repeats_at_most_one(
    mailbox: MailServer, state_path: Path, tmp_path: Path, protocol: str
) -> None:
    subjects = [f"m{n}" for n in range(1, 6)]
    mailbox.append_many("alice", [message(s) for s in subjects])
    config = settings(mailbox, protocol)
    handled_log = tmp_path / "handled.txt"
    args = {
        "protocol": protocol,
        "host": config.host,
        "port": config.port,
        "password": config.password,
        "log": str(handled_log),
        "state": str(state_path),
        "hang_on": "m3",
    }
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, json.dumps(args)], env=env)
    try:
        deadline = time.monotonic() + 20
        while "m3" not in (handled_log.read_text() if handled_log.exists() else ""):
            assert child.poll() is None, "the poller process ended before reaching m3"
            assert time.monotonic() < deadline, "the poller process never reached m3"
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    first_run = handled_log.read_text().split()
    assert first_run == ["m1", "m2", "m3"]

    recorder = Recorder()
    poller(config, state_path, recorder).poll_once()

    assert recorder.subjects == ["m3", "m4", "m5"]  # only the message in flight is repeated
    assert unacked(mailbox, protocol) == []


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_connection_cut_in_the_middle_of_a_message_loses_nothing(
    mailbox: MailServer, state_path: Path, protocol: str
) -> None:
    big = "x" * 76 + "\n"
    subjects = ["m1", "m2", "m3"]
    mailbox.append_many("alice", [message(s, big * 650) for s in subjects])  # ~50 KB each
    recorder = Recorder()
    with FaultProxy(
        mailbox.imap_port if protocol == "imap" else mailbox.pop3_port, Fault.CUT, 75_000
    ) as proxy:
        listener = poller(settings(mailbox, protocol, port=proxy.port, batch_size=1), state_path, recorder)
        cut = listener.poll_once()
        assert recorder.subjects == ["m1"]  # the cut came while the second message arrived
        assert cut.error is not None and recorder.errors == [cut.error]
        assert f"{mailbox.host}:{proxy.port}" in cut.error.message
        assert "closed unexpectedly" in cut.error.message or "broke" in cut.error.message

        proxy.fault = Fault.FORWARD
        recovered = listener.poll_once()

    assert recovered.error is None
    assert recorder.subjects == subjects
    assert unacked(mailbox, protocol) == []


# -- outages ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_server_down_then_back_is_reported_then_recovered_with_backoff(
    mailbox: MailServer, state_path: Path, protocol: str
) -> None:
    mailbox.append("alice", message("after the outage"))
    upstream = mailbox.imap_port if protocol == "imap" else mailbox.pop3_port
    with FaultProxy(upstream, Fault.DROP) as proxy:

        def server_returns_after_three_waits(waits: int) -> None:
            if waits == 3:
                proxy.fault = Fault.FORWARD

        clock = FakeClock(server_returns_after_three_waits)
        recorder = Recorder()
        config = settings(mailbox, protocol, port=proxy.port, polling_interval=Decimal("0.5"))
        listener = poller(config, state_path, recorder, clock=clock)
        recorder.on_subject["after the outage"] = lambda: listener.stop()
        listener.start()
        assert listener.join(timeout=20)

    assert recorder.subjects == ["after the outage"]
    assert clock.waits == [0.5, 1.0, 2.0]
    assert len(recorder.errors) == 3
    for error in recorder.errors:
        assert error.message == (
            f"Connection to {mailbox.host}:{proxy.port} was closed unexpectedly while reading the greeting"
        )
    assert recorder.closes == [None]
    assert unacked(mailbox, protocol) == []


def test_backoff_doubles_and_is_capped(state_path: Path) -> None:
    def delays(interval: str) -> list[float]:
        config = ListenerSettings("imap", "mail.example.test", "u", "p", polling_interval=Decimal(interval))
        listener = Poller(config, StateStore(state_path), lambda *_: None)
        return [listener.backoff_delay(n) for n in range(1, 7)]

    assert delays("20") == [20, 40, 60, 60, 60, 60]
    assert delays("90") == [90, 90, 90, 90, 90, 90]
    assert delays("0.25") == [0.25, 0.5, 1, 2, 4, 8]


def test_backoff_resets_after_a_good_cycle(mailbox: MailServer, state_path: Path) -> None:
    with FaultProxy(mailbox.imap_port, Fault.DROP) as proxy:
        modes = {1: Fault.FORWARD, 2: Fault.DROP}

        def toggle(waits: int) -> None:
            if waits in modes:
                proxy.fault = modes[waits]
            if waits == 4:
                listener.stop()

        clock = FakeClock(toggle)
        listener = poller(
            settings(mailbox, "imap", port=proxy.port, polling_interval=3),
            state_path,
            Recorder(),
            clock=clock,
        )
        listener.start()
        assert listener.join(timeout=20)
    # failure (3), success (3 minus the cycle's zero fake time), failure (3 again, not 6), failure (6)
    assert clock.waits == [3, 3, 3, 6]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_refused_connection_and_bad_password_are_clear_errors(
    mail_server: MailServer, state_path: Path, protocol: str
) -> None:
    port = free_port()
    recorder = Recorder()
    result = poller(settings(mail_server, protocol, port=port), state_path, recorder).poll_once()
    assert result.error is not None and recorder.errors == [result.error]
    assert result.error.message == f"Failed to connect to {mail_server.host}:{port} (connection refused)"

    wrong = settings(mail_server, protocol, password="wrong")
    result = poller(wrong, state_path, recorder).poll_once()
    assert result.error is not None
    assert result.error.message.startswith(f"Authentication failed for user 'alice' at {mail_server.host}:")


def test_a_failing_on_error_callback_does_not_stop_polling(
    mailbox: MailServer, state_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    mailbox.append_many("alice", [message("bad"), message("good")])
    recorder = Recorder(failures={"bad": -1})

    def broken_on_error(error: MailError) -> None:
        raise ValueError("onError is broken too")

    listener = Poller(
        settings(mailbox, "imap"), StateStore(state_path), recorder.on_message, on_error=broken_on_error
    )
    result = listener.poll_once()
    assert recorder.subjects == ["bad", "good"]
    assert (result.delivered, result.failed, result.error) == (1, 1, None)
    assert "onError handler of IMAP alice" in caplog.text
    assert unacked(mailbox, "imap") == ["bad"]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_untrusted_certificate_is_a_clear_error(
    mail_server: MailServer, state_path: Path, protocol: str
) -> None:
    port = mail_server.imaps_port if protocol == "imap" else mail_server.pop3s_port
    config = settings(
        mail_server, protocol, port=port, security=Security.SSL,
        secure_socket=SecureSocketConfig(cert=str(mail_server.wrong_ca_cert)),
    )  # fmt: skip
    result = poller(config, state_path, Recorder()).poll_once()
    assert result.error is not None
    assert result.error.message.startswith(
        f"TLS certificate verification failed for {mail_server.host}:{port}"
    )


@pytest.mark.parametrize("log_subjects", [False, True])
def test_each_delivery_is_logged_with_the_subject_only_when_asked(
    mailbox: MailServer, state_path: Path, caplog: pytest.LogCaptureFixture, log_subjects: bool
) -> None:
    uid = mailbox.append("alice", message("quarterly numbers"))
    config = settings(mailbox, "imap")
    with caplog.at_level(logging.DEBUG, logger="balmail.mail.poller"):
        poller(config, state_path, Recorder(), log_subjects=log_subjects).poll_once()
    delivered = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    subject = "'quarterly numbers'" if log_subjects else "(subject redacted)"
    where = f"IMAP alice at {mailbox.host}:{config.port} folder 'INBOX'"
    assert delivered == [f"{where}: delivered UID {uid} {subject}"]
    cycles = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert len(cycles) == 1 and "1 delivered" in cycles[0]
    assert config.password not in caplog.text


# -- UIDVALIDITY ------------------------------------------------------------------------------------


def test_uidvalidity_change_makes_reused_uids_new_again(
    mailbox: MailServer, state_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = f"Orders{os.getpid()}"
    mailbox.create_folder("alice", folder)
    try:
        mailbox.append("alice", message("old epoch"), folder=folder)
        store = StateStore(state_path)
        recorder = Recorder()
        config = settings(mailbox, "imap", folder=folder)
        listener = poller(config, store, recorder)
        listener.poll_once()
        old_key = recorder.keys[-1]
        assert store.is_handled(old_key)

        mailbox.delete_folder("alice", folder)
        mailbox.create_folder("alice", folder)
        assert mailbox.append("alice", message("new epoch"), folder=folder) == int(old_key.message_id)
        with caplog.at_level(logging.WARNING, logger="balmail.mail.poller"):
            listener.poll_once()
        new_key = recorder.keys[-1]
        assert recorder.subjects == ["old epoch", "new epoch"]
        assert new_key.message_id == old_key.message_id and new_key.uidvalidity != old_key.uidvalidity
        assert not store.is_handled(old_key)
        assert "UIDVALIDITY changed from" in caplog.text

        # A restart notices a change that happened while it was not running.
        mailbox.delete_folder("alice", folder)
        mailbox.create_folder("alice", folder)
        mailbox.append("alice", message("after restart"), folder=folder)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="balmail.mail.poller"):
            poller(config, store, recorder).poll_once()
        assert recorder.subjects[-1] == "after restart"
        assert "UIDVALIDITY changed since the last run" in caplog.text
        assert unacked(mailbox, "imap", folder=folder) == []
    finally:
        mailbox.delete_folder("alice", folder)


# -- stopping ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_graceful_stop_lets_the_in_flight_handler_finish(
    mailbox: MailServer, state_path: Path, protocol: str
) -> None:
    mailbox.append_many("alice", [message("in flight"), message("not started")])
    started, release = threading.Event(), threading.Event()
    recorder = Recorder()
    recorder.on_subject["in flight"] = lambda: (started.set(), release.wait(10))
    listener = poller(settings(mailbox, protocol), state_path, recorder)
    listener.start()
    assert started.wait(10)

    timer = threading.Timer(0.2, release.set)
    timer.start()
    began = time.monotonic()
    listener.stop(grace_seconds=10)
    waited = time.monotonic() - began

    assert waited >= 0.15 and listener.join(timeout=0)
    assert recorder.subjects == ["in flight"]
    assert recorder.closes == [None]
    assert recorder.errors == []
    assert unacked(mailbox, protocol) == ["not started"]


def test_stop_after_the_grace_period_reports_the_unfinished_message(
    mailbox: MailServer, state_path: Path
) -> None:
    mailbox.append("alice", message("slow"))
    started, release = threading.Event(), threading.Event()
    recorder = Recorder()
    recorder.on_subject["slow"] = lambda: (started.set(), release.wait(10))
    listener = poller(settings(mailbox, "imap"), state_path, recorder)
    listener.start()
    assert started.wait(10)

    began = time.monotonic()
    listener.stop(grace_seconds=0.2)
    assert 0.15 <= time.monotonic() - began < 2

    (closed,) = recorder.closes
    assert closed is not None
    assert "the handler for message UID" in closed.message
    assert "0.2s grace period" in closed.message
    release.set()
    assert listener.join(timeout=10)
    assert len(recorder.closes) == 1
    assert unacked(mailbox, "imap") == ["slow"]


def test_stop_does_not_wait_longer_than_the_grace_for_a_silent_server(state_path: Path) -> None:
    recorder = Recorder()
    with FaultProxy(free_port(), Fault.STALL) as proxy:  # accepts, then never says a word
        config = ListenerSettings(
            "imap", "127.0.0.1", "u", "p", port=proxy.port, security=Security.START_TLS_NEVER,
            timeouts=Timeouts(connect=1.0, read=1.0),
        )  # fmt: skip
        listener = poller(config, state_path, recorder)
        listener.start()
        time.sleep(0.1)
        began = time.monotonic()
        listener.stop(grace_seconds=0.2)
        assert time.monotonic() - began < 0.9
        assert listener.join(timeout=5)
    (closed,) = recorder.closes
    assert (
        closed is not None
        and "while a polling cycle was still running after the 0.2s grace" in closed.message
    )
    assert recorder.errors == []


def test_failure_while_closing_goes_to_on_close(mailbox: MailServer, state_path: Path) -> None:
    mailbox.append("alice", message("last one"))
    started = threading.Event()
    recorder = Recorder()
    with FaultProxy(mailbox.pop3_port) as proxy:

        def lose_the_connection_once_stopping() -> None:
            started.set()
            deadline = time.monotonic() + 10
            while not listener.stopping and time.monotonic() < deadline:
                time.sleep(0.01)
            proxy.close()

        recorder.on_subject["last one"] = lose_the_connection_once_stopping
        listener = poller(settings(mailbox, "pop3", port=proxy.port), state_path, recorder)
        listener.start()
        assert started.wait(10)
        listener.stop(grace_seconds=10)

    (closed,) = recorder.closes
    assert closed is not None and "closed unexpectedly" in closed.message
    assert recorder.errors == []
    # The message was recorded before the failed DELE: the next run deletes it without the handler.
    again = poller(settings(mailbox, "pop3"), state_path, recorder).poll_once()
    assert (again.already_handled, again.delivered) == (1, 0)
    assert recorder.subjects == ["last one"]
    assert unacked(mailbox, "pop3") == []


def test_stop_waits_for_a_poll_once_running_on_another_thread(mailbox: MailServer, state_path: Path) -> None:
    mailbox.append_many("alice", [message("in flight"), message("not started")])
    started, release = threading.Event(), threading.Event()
    recorder = Recorder()
    recorder.on_subject["in flight"] = lambda: (started.set(), release.wait(10))
    listener = poller(settings(mailbox, "pop3"), state_path, recorder)
    once = threading.Thread(target=listener.poll_once)
    once.start()
    assert started.wait(10)
    threading.Timer(0.1, release.set).start()
    listener.stop(grace_seconds=10)
    once.join(10)
    assert recorder.closes == [None] and recorder.subjects == ["in flight"]
    assert unacked(mailbox, "pop3") == ["not started"]


def test_on_error_may_stop_the_listener(state_path: Path) -> None:
    recorder = Recorder()
    clock = FakeClock()
    config = ListenerSettings(
        "imap", "127.0.0.1", "u", "p", port=free_port(), security=Security.START_TLS_NEVER
    )
    errors: list[MailError] = []

    def stop_on_first_error(error: MailError) -> None:
        errors.append(error)
        listener.stop()

    listener = Poller(
        config, StateStore(state_path), recorder.on_message, on_error=stop_on_first_error,
        on_close=recorder.on_close, clock=clock,
    )  # fmt: skip
    listener.start()
    assert listener.join(timeout=10)
    assert len(errors) == 1 and "connection refused" in errors[0].message
    assert recorder.closes == [None] and clock.waits == []


def test_stop_without_start_closes_once_and_start_after_stop_is_refused(state_path: Path) -> None:
    recorder = Recorder()
    config = ListenerSettings("pop3", "mail.example.test", "u", "p")
    listener = poller(config, state_path, recorder)
    listener.stop()
    listener.stop()
    assert recorder.closes == [None]
    with pytest.raises(MailError, match="was stopped"):
        listener.start()


# -- several listeners ------------------------------------------------------------------------------


def test_several_pollers_run_at_once_each_one_message_at_a_time(
    mailbox: MailServer, state_path: Path
) -> None:
    mailbox.reset("bob")
    try:
        mailbox.append_many("alice", [message(f"a{n}") for n in range(6)])
        mailbox.append_many("bob", [message(f"b{n}") for n in range(6)])
        store = StateStore(state_path)
        listeners: list[tuple[Poller, Recorder]] = []
        overlaps: list[str] = []
        for protocol, user in (("imap", "alice"), ("pop3", "bob")):
            recorder = Recorder()
            active = threading.Semaphore(1)

            def handle(msg: ReceivedMessage, raw: bytes, key: MessageKey, *, r: Recorder = recorder,
                       gate: threading.Semaphore = active) -> None:  # fmt: skip
                if not gate.acquire(blocking=False):
                    overlaps.append(msg.subject)
                try:
                    time.sleep(0.005)
                    r.on_message(msg, raw, key)
                finally:
                    gate.release()

            config = settings(mailbox, protocol, user=user, polling_interval=Decimal("0.05"))
            listeners.append((Poller(config, store, handle, on_error=recorder.on_error), recorder))
        for listener, _ in listeners:
            listener.start()
        deadline = time.monotonic() + 10
        while any(len(r.subjects) < 6 for _, r in listeners) and time.monotonic() < deadline:
            time.sleep(0.02)
        for listener, _ in listeners:
            listener.stop(grace_seconds=5)

        (_, alice), (_, bob) = listeners
        assert alice.subjects == [f"a{n}" for n in range(6)]
        assert bob.subjects == [f"b{n}" for n in range(6)]
        assert overlaps == [] and alice.errors == [] and bob.errors == []
    finally:
        mailbox.reset("bob")


# -- settings ---------------------------------------------------------------------------------------


def test_settings_defaults_follow_ballerina() -> None:
    imap = ListenerSettings("IMAP", "mail.example.test", "u", "hunter2")
    pop3 = ListenerSettings(MailProtocol.POP3, "mail.example.test", "u", "hunter2", polling_interval=0.25)
    assert (imap.protocol, imap.port, imap.security, imap.folder) == (
        MailProtocol.IMAP,
        993,
        Security.SSL,
        "INBOX",
    )
    assert imap.polling_interval == Decimal(30)
    assert (pop3.port, pop3.polling_interval, pop3.interval_seconds) == (995, Decimal("0.25"), 0.25)
    assert "hunter2" not in repr(imap)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"protocol": "smtp"}, "Unknown mail protocol 'smtp'"),
        ({"polling_interval": 0}, "pollingInterval must be a positive number of seconds, got 0"),
        ({"polling_interval": "soon"}, "pollingInterval must be a number of seconds, got 'soon'"),
        ({"port": 0}, "port must be between 1 and 65535, got 0"),
        ({"batch_size": 0}, "Fetch batch size must be at least 1, got 0"),
    ],
)
def test_settings_are_validated_with_clear_errors(overrides: dict[str, Any], expected: str) -> None:
    values: dict[str, Any] = {"protocol": "imap", "host": "h", "username": "u", "password": "p", **overrides}
    with pytest.raises(MailError) as raised:
        ListenerSettings(**values)
    assert str(raised.value).startswith(expected)
