"""`idle = true` (RFC 2177) against Dovecot and the embedded server: mail appended while the
listener waits is handled at once (the polling interval is long, so only IDLE can explain it), IDLE
is re-issued every `idle_refresh`, the polling interval stays the upper bound, stop is prompt, a
server restart is survived with the listener's backoff, and a server without IDLE is polled."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest

from balmail.mail.options import MailboxOptions
from balmail.mail.outcomes import CycleResult
from balmail.mail.poller import Poller
from balmail.mail.state import StateStore

from .dovecot_harness import DovecotServer, DovecotUnavailable, start_dovecot
from .fault_proxy import FaultProxy
from .server_harness import MailServer
from .test_poller import Recorder, message, settings


@attrs.define
class Cycles:
    """A poller observer counting cycles (and when each ended)."""

    ended: list[float] = attrs.field(factory=list)

    def cycle_finished(self, result: CycleResult, seconds: float) -> None:
        self.ended.append(time.monotonic())

    def handler_finished(self, seconds: float, ok: bool) -> None:
        pass

    def connection_changed(self, connected: bool) -> None:
        pass

    def backing_off(self, failures: int, delay: float) -> None:
        pass


@attrs.define
class Timed(Recorder):
    """A recorder that notes when each handler started."""

    started: dict[str, float] = attrs.field(factory=dict)
    arrived: threading.Condition = attrs.field(factory=threading.Condition)

    def on_message(self, msg, raw, key):  # type: ignore[no-untyped-def]
        self.started[msg.subject] = time.monotonic()
        with self.arrived:
            self.arrived.notify_all()
        super().on_message(msg, raw, key)

    def wait_for(self, subject: str, timeout: float) -> float | None:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while subject not in self.started:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.arrived.wait(left)
        return self.started[subject]


def idle_poller(
    server: MailServer, store: StateStore, recorder: Recorder, *, interval: str = "30",
    port: int | None = None, refresh: float = 60.0, observer: Cycles | None = None,
) -> Poller:  # fmt: skip
    return Poller(
        settings(server, "imap", port=port, polling_interval=Decimal(interval),
                 options=MailboxOptions(idle=True, idle_refresh=refresh)),
        store,
        recorder.on_message,
        on_error=recorder.on_error,
        on_close=recorder.on_close,
        observer=observer,
    )  # fmt: skip


def wait_until(condition, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_idle_delivers_mail_appended_while_the_listener_waits(
    mailbox: MailServer, tmp_path: object
) -> None:
    recorder = Timed()
    cycles = Cycles()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        poller = idle_poller(mailbox, store, recorder, observer=cycles)
        poller.start()
        try:
            assert wait_until(lambda: len(cycles.ended) >= 1)
            time.sleep(0.2)  # in IDLE now
            latencies = []
            for n in range(3):
                sent = time.monotonic()
                mailbox.append("alice", message(f"idle {n}"))
                began = recorder.wait_for(f"idle {n}", 10)
                assert began is not None, f"idle {n} was not delivered (errors: {recorder.errors})"
                latencies.append(began - sent)
        finally:
            poller.stop(5)
    # the interval is 30 s: only IDLE delivers within a second
    assert max(latencies) < 1.0, latencies
    assert recorder.errors == []
    assert recorder.closes == [None]
    assert "\\Seen" in next(iter(mailbox.flags("alice").values()))


def test_idle_is_reissued_and_the_interval_stays_the_upper_bound(
    mailbox: MailServer, tmp_path: object
) -> None:
    recorder = Timed()
    cycles = Cycles()
    path = tmp_path / "state.db"  # type: ignore[operator]
    with FaultProxy(mailbox.imap_port) as proxy, StateStore(path) as store:
        poller = idle_poller(
            mailbox, store, recorder, interval="1", port=proxy.port, refresh=0.25, observer=cycles
        )
        poller.start()
        try:
            time.sleep(2.6)
            mailbox.append("alice", message("after refreshes"))
            assert recorder.wait_for("after refreshes", 5) is not None
        finally:
            poller.stop(5)
        sent = bytes(proxy.client_bytes)
    idles = sent.count(b" IDLE\r\n")
    dones = sent.count(b"DONE\r\n")
    assert idles >= 6, sent.decode(errors="replace")  # about 4 per second of waiting
    assert dones == idles  # every IDLE was ended cleanly, the last one by stop
    # no new mail for 2.6 s, yet cycles ran about every second: the polling interval still holds
    assert 3 <= len(cycles.ended) <= 6, cycles.ended
    assert sent.count(b"LOGIN") + sent.count(b"AUTHENTICATE") == 1  # one session throughout


def test_stop_ends_idle_at_once(mailbox: MailServer, tmp_path: object) -> None:
    recorder = Timed()
    cycles = Cycles()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        poller = idle_poller(mailbox, store, recorder, observer=cycles)
        poller.start()
        assert wait_until(lambda: len(cycles.ended) >= 1)
        time.sleep(0.2)
        began = time.monotonic()
        poller.stop(5)
        took = time.monotonic() - began
    assert took < 1.0, took
    assert recorder.closes == [None]


@pytest.fixture(scope="module")
def restartable() -> Iterator[DovecotServer]:
    """A Dovecot of its own, so restarting it does not disturb the other tests."""
    try:
        server = start_dovecot()
    except DovecotUnavailable as missing:
        pytest.fail(f"this test needs Dovecot: {missing}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


def test_idle_survives_a_dovecot_restart(restartable: DovecotServer, tmp_path: object) -> None:
    recorder = Timed()
    cycles = Cycles()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        poller = idle_poller(restartable, store, recorder, interval="2", observer=cycles)
        poller.start()
        try:
            assert wait_until(lambda: len(cycles.ended) >= 1)
            restartable.append("alice", message("before"))
            assert recorder.wait_for("before", 5) is not None
            restartable.restart(down_seconds=0.5)
            restartable.append("alice", message("during outage"))
            assert recorder.wait_for("during outage", 15) is not None, recorder.errors
            time.sleep(0.3)  # back in IDLE on the new connection
            sent = time.monotonic()
            restartable.append("alice", message("after"))
            began = recorder.wait_for("after", 5)
        finally:
            poller.stop(5)
    assert began is not None
    assert began - sent < 1.0, began - sent  # the interval is 2 s: IDLE is back
    assert recorder.subjects == ["before", "during outage", "after"]
    reported = [e.message for e in recorder.errors]
    assert any("IDLE" in m or "connection" in m.lower() for m in reported), reported
    assert recorder.closes == [None]


@pytest.fixture(scope="module")
def without_idle() -> Iterator[DovecotServer]:
    """A Dovecot that does not offer IDLE after login."""
    try:
        server = start_dovecot(extra_config="imap_capability = IMAP4rev1 LITERAL+ UIDPLUS MOVE")
    except DovecotUnavailable as missing:
        pytest.fail(f"this test needs Dovecot: {missing}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


def test_a_server_without_idle_is_polled(
    without_idle: DovecotServer, tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Timed()
    cycles = Cycles()
    path = tmp_path / "state.db"  # type: ignore[operator]
    with StateStore(path) as store, caplog.at_level(logging.WARNING):
        poller = idle_poller(without_idle, store, recorder, interval="0.5", observer=cycles)
        poller.start()
        try:
            without_idle.append("alice", message("polled"))
            assert recorder.wait_for("polled", 5) is not None
            assert wait_until(lambda: len(cycles.ended) >= 4)
        finally:
            poller.stop(5)
    warnings = [r for r in caplog.records if "does not offer IDLE" in r.getMessage()]
    assert len(warnings) == 1
    assert recorder.errors == []


def test_idle_on_several_folders_one_session_each(mailbox: MailServer, tmp_path: object) -> None:
    from balmail.mail import utf7
    from balmail.mail.folders import make_poller

    other = "Idle Zwei ü"
    mailbox.create_folder("alice", utf7.encode(other))
    mailbox.reset("alice", utf7.quote(other))
    recorder = Timed()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        group = make_poller(
            settings(mailbox, "imap", polling_interval=Decimal(30),
                     options=MailboxOptions(idle=True, folders=("INBOX", other))),
            store, recorder.on_message, on_error=recorder.on_error, on_close=recorder.on_close,
        )  # fmt: skip
        group.start()
        try:
            time.sleep(0.8)
            sent = time.monotonic()
            mailbox.append("alice", message("to the second folder"), folder=utf7.quote(other))
            began = recorder.wait_for("to the second folder", 5)
            mailbox.append("alice", message("to the inbox"))
            assert recorder.wait_for("to the inbox", 5) is not None
        finally:
            group.stop(5)
        mailbox.reset("alice", utf7.quote(other))
    assert began is not None and began - sent < 1.5, recorder.errors
    assert recorder.closes == [None]
    assert {k.folder for k in recorder.keys} == {"INBOX", other}


def test_idle_over_tls(mailbox: MailServer, tmp_path: object) -> None:
    """Implicit TLS: the wait must see responses the TLS layer already decrypted and buffered."""
    from balmail.mail.tls import SecureSocketConfig, Security

    recorder = Timed()
    cycles = Cycles()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        poller = Poller(
            settings(mailbox, "imap", port=mailbox.imaps_port, security=Security.SSL,
                     secure_socket=SecureSocketConfig(cert=str(mailbox.ca_cert)),
                     polling_interval=Decimal(30), options=MailboxOptions(idle=True)),
            store, recorder.on_message, on_error=recorder.on_error, on_close=recorder.on_close,
            observer=cycles,
        )  # fmt: skip
        poller.start()
        try:
            assert wait_until(lambda: len(cycles.ended) >= 1)
            time.sleep(0.2)
            for n in range(3):
                sent = time.monotonic()
                mailbox.append("alice", message(f"tls {n}"))
                began = recorder.wait_for(f"tls {n}", 5)
                assert began is not None and began - sent < 1.0, recorder.errors
        finally:
            poller.stop(5)
    assert recorder.errors == [] and recorder.closes == [None]


def test_idle_takes_the_rest_of_a_bounded_batch_at_once(mailbox: MailServer, tmp_path: object) -> None:
    mailbox.append_many("alice", [message(f"b{n}") for n in range(5)])
    recorder = Timed()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        poller = Poller(
            settings(mailbox, "imap", polling_interval=Decimal(30),
                     options=MailboxOptions(idle=True, max_per_poll=2)),
            store, recorder.on_message, on_error=recorder.on_error, on_close=recorder.on_close,
        )  # fmt: skip
        began = time.monotonic()
        poller.start()
        try:
            assert recorder.wait_for("b4", 5) is not None, recorder.errors
        finally:
            poller.stop(5)
    assert recorder.subjects == [f"b{n}" for n in range(5)]
    assert recorder.started["b4"] - began < 3.0  # not one polling interval (30 s) per batch of 2
