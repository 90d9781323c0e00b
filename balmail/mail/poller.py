"""The polling engine of one listener: every interval, fetch *all* new messages, hand them to the
handler one at a time in arrival order, and acknowledge only what was handled.

Owns the delivery rules (docs/delivery.md): a message is recorded in the `StateStore` after its
handler returned and before it is acknowledged (IMAP `\\Seen`, POP3 `DELE` + `QUIT`), so a crash
at any point loses nothing and repeats at most the message in flight. A failing message is
retried on later cycles and given up (acknowledged, reported) after `max_retries`; a failing
cycle is reported and retried with capped exponential backoff. It knows nothing about Ballerina:
the runtime passes plain callables (`on_message`, `on_error`, `on_close`).

Its parts live beside it: `listener_settings` (what to poll), `outcomes` (results, reported
errors, callback shapes), `ack_actions` (what `onSuccess`/`onGiveUp` do on the server),
`workers` (concurrent deliveries of a batch), `idle_wait` (IMAP IDLE between cycles) and
`backoff` (pacing after failures).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator

from balmail.deep import thread_stack
from balmail.mail.ack_actions import acknowledge_imap, action_for, check_action_folders, pop3_deletes
from balmail.mail.backoff import Clock, SystemClock, backoff_delay
from balmail.mail.errors import MailError, MessageParseError
from balmail.mail.idle_wait import IdleWait
from balmail.mail.imap import ImapClient
from balmail.mail.listener_settings import ListenerSettings, MailProtocol
from balmail.mail.message import ReceivedMessage, parse_message
from balmail.mail.options import Action
from balmail.mail.outcomes import (
    CycleResult,
    MessageFailure,
    MessageGivenUp,
    OnClose,
    OnError,
    OnMessage,
    PollerObserver,
    Settled,
    explain_failure,
)
from balmail.mail.pop3 import Pop3Client
from balmail.mail.store import POP3_FOLDER, POP3_UIDVALIDITY, MessageKey, MessageStatus, Store
from balmail.mail.workers import WORKER_STACK_BYTES, DeliveryWorkers

log = logging.getLogger(__name__)

DEFAULT_MAX_RETRIES = 3
DEFAULT_GRACE_SECONDS = 30.0

# Written before each handler call and overwritten when it finishes: if it is still there on the
# next start, the process died while the handler ran.
_INTERRUPTED = "the handler did not finish (the process stopped while it was running)"


class Poller:
    """Polls one mailbox for one listener, on its own thread (`start`/`stop`/`join`) or one cycle
    at a time (`poll_once`). Several pollers may share a `Store` and run at once; each one
    calls its `on_message` for one message at a time."""

    def __init__(
        self,
        settings: ListenerSettings,
        store: Store,
        on_message: OnMessage,
        *,
        on_error: OnError | None = None,
        on_close: OnClose | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        clock: Clock | None = None,
        log_subjects: bool = False,
        observer: PollerObserver | None = None,
        concurrency: int = 1,
        gate: Callable[[], bool] | None = None,
        handler_timeout: Callable[[], float | None] | None = None,
        on_abandon: Callable[[int, float], Exception] | None = None,
    ) -> None:
        if max_retries < 0:
            raise MailError(f"max retries must be zero or more, got {max_retries}")
        self.settings = settings
        self.max_retries = max_retries
        self._store = store
        self._on_message = on_message
        self._on_error = on_error
        self._on_close = on_close
        self._clock: Clock = clock or SystemClock()
        self._log_subjects = log_subjects
        self.observer = observer
        if concurrency < 1:
            raise MailError(f"concurrency must be 1 or more, got {concurrency}")
        self.concurrency = concurrency
        """How many messages of this mailbox are handled at once (1: one after another, in order)."""
        self._gate = gate
        """Asked before each message (and batch): False stops the cycle early, as a stop request
        does. The lease coordinator's "this node still holds the lease" (docs/scale-out.md)."""
        self._handler_timeout = handler_timeout
        """Seconds a handler may run before the poller stops waiting for it (the handler's wall-time
        budget plus a margin), None to wait as long as it takes. With it, each handler runs on a
        thread of its own (`_run_handler`)."""
        self._on_abandon = on_abandon
        """Told (thread id, seconds) when a handler is abandoned; returns the failure to record."""
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._delivering: set[int] = set()
        self.log_fields: dict[str, str] = {}
        """Structured fields every log line of this poller carries (`listener`, `service`)."""
        # The port is left out on purpose: a mailbox reached on another port (143 vs 993 when the
        # security mode changes) is the same mailbox, and must not be delivered again.
        self.server = f"{settings.protocol.value}://{settings.host}".lower()
        """The `server` part of every `MessageKey` this poller writes (protocol and host)."""
        self._stop_requested = threading.Event()
        self._cycle_lock = threading.Lock()
        self._client_lock = threading.Lock()
        self._client: ImapClient | Pop3Client | None = None
        self._in_flight: str | None = None
        self._close_lock = threading.Lock()
        self._closed = False
        self._thread: threading.Thread | None = None
        self._cycle_owner: int | None = None
        self._uidvalidity: int | None = None
        self.idle = IdleWait(lambda connected: self._notify("connection_changed", connected))
        """IDLE: the IMAP session kept open between cycles and the wait on it (mail/idle_wait.py)."""
        self._targets_checked = False

    def __repr__(self) -> str:
        return f"Poller({self.describe()})"

    def describe(self) -> str:
        """Which mailbox this is, for messages and logs (never the password)."""
        s = self.settings
        folder = f" folder '{s.folder}'" if s.protocol is MailProtocol.IMAP else ""
        return f"{s.protocol.name} {s.username} at {s.endpoint}{folder}"

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        """Poll on a daemon thread until `stop`; the first cycle runs at once."""
        if self._thread is not None:
            raise MailError(f"Listener for {self.describe()} is already started")
        if self._stop_requested.is_set():
            raise MailError(f"Listener for {self.describe()} was stopped; create a new one to restart")
        self._thread = threading.Thread(
            target=self._run, name=f"balmail-poller {self.describe()}", daemon=True
        )
        self._thread.start()

    def stop(self, grace_seconds: float = DEFAULT_GRACE_SECONDS) -> None:
        """Stop polling: no new message is started, the one in flight may finish within
        `grace_seconds`, then the connection is closed and `on_close` is called exactly once.

        If the handler outlives the grace period its connection is dropped; the message was not
        acknowledged, so it is delivered again next time (at-least-once) and `on_close` says so.
        """
        self.request_stop()
        me = threading.get_ident()
        if self._cycle_owner == me or self._thread is threading.current_thread() or me in self._delivering:
            return  # called from a callback: the cycle ends after it, and the run loop closes
        grace = max(0.0, grace_seconds)
        thread = self._thread
        if thread is not None:
            thread.join(grace)
            finished = not thread.is_alive()
        elif self._cycle_lock.acquire(timeout=grace):  # a `poll_once` may be running elsewhere
            self._cycle_lock.release()
            finished = True
        else:
            finished = False
        if finished:
            self._finish(None)  # a no-op when the run loop has already closed
        else:
            self._abandon(grace_seconds)

    def _abandon(self, grace_seconds: float) -> None:
        """The grace period is over but a cycle still runs: drop its connection (so nothing more
        is acknowledged) and close with an error that says what may be delivered again."""
        in_flight = self._in_flight
        with self._client_lock:
            client = self._client
        if client is not None:
            client.abort()
        if in_flight:
            what = f"the handler for {in_flight}"
            consequence = (
                "the connection was closed without acknowledging it, so unless the handler still "
                "completes, the message is delivered again on the next start"
            )
        else:
            what = "a polling cycle"
            consequence = (
                "its connection was closed; unacknowledged messages are delivered again on the next start"
            )
        self._finish(
            MailError(
                f"Listener for {self.describe()} stopped while {what} was still running after the "
                f"{grace_seconds:g}s grace period; {consequence}"
            )
        )

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the polling thread to end; True when it has (or never started)."""
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def _halted(self) -> bool:
        """No new message may start: stop was requested, or the gate (lease) says no."""
        return self._stop_requested.is_set() or (self._gate is not None and not self._gate())

    @property
    def stopping(self) -> bool:
        return self._stop_requested.is_set()

    def backoff_delay(self, consecutive_failures: int) -> float:
        """Seconds to wait after the n-th failed cycle in a row (mail/backoff.py)."""
        return backoff_delay(self.settings.interval_seconds, consecutive_failures)

    def _run(self) -> None:
        close_error: MailError | None = None
        failures = 0
        s = self.settings
        if s.options.idle and s.protocol is MailProtocol.IMAP:
            self.idle.enable()
        try:
            while not self._stop_requested.is_set():
                started = self._clock.monotonic()
                result, failed_while_stopping = self._run_cycle()
                if result.error is not None and failed_while_stopping:
                    close_error = result.error
                    break
                if result.error is not None:
                    self._report_error(result.error)
                    failures += 1
                    delay = self.backoff_delay(failures)
                    self._notify("backing_off", failures, delay)
                    log.info(
                        "%spolling failed, next attempt in %gs", self._prefix(), delay, extra=self._extra()
                    )
                else:
                    failures = 0
                    elapsed = self._clock.monotonic() - started
                    delay = max(0.0, self.settings.interval_seconds - elapsed)
                    if self.idle.session is not None and result.backlog:
                        continue  # IDLE: the rest of a bounded batch goes at once, not after a wait
                    if self.idle.session is not None:
                        try:
                            if self._idle_until(delay):
                                continue
                        except MailError as error:
                            self.idle.drop()
                            if self._stop_requested.is_set():
                                break
                            self._report_error(error)
                            failures += 1
                            delay = self.backoff_delay(failures)
                            self._notify("backing_off", failures, delay)
                            log.info(
                                "%sIDLE connection lost, reconnecting in %gs",
                                self._prefix(),
                                delay,
                                extra=self._extra(),
                            )
                if self._stop_requested.is_set() or self._clock.wait(self._stop_requested, delay):
                    break
        except BaseException as error:
            close_error = MailError(
                f"Listener for {self.describe()} stopped unexpectedly: {explain_failure(error)}"
            )
            raise
        finally:
            self.idle.close()
            self._finish(close_error)

    # -- IDLE ------------------------------------------------------------------------------------

    def _idle_until(self, seconds: float) -> bool:
        """Wait in IDLE on the kept session (mail/idle_wait.py); False when the server does not
        offer IDLE (the caller polls)."""
        return self.idle.wait(
            seconds, self._stop_requested, self.settings.options.idle_refresh, self._warn_idle_missing
        )

    def _warn_idle_missing(self) -> None:
        log.warning(
            "%sidle = true, but the server does not offer IDLE; polling every %gs instead",
            self._prefix(),
            self.settings.interval_seconds,
            extra=self._extra(),
        )

    def request_stop(self) -> None:
        """Ask the poller to stop without waiting for it: no new message starts, an IDLE wait
        ends at once (`stop` does this and then waits; `PollerGroup` asks every folder first)."""
        self._stop_requested.set()
        self.idle.wake_up()

    def _finish(self, error: MailError | None) -> None:
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        if self._executor is not None:
            self._executor.shutdown(wait=False)
        self.idle.release()
        if self._on_close is None:
            if error is not None:
                log.error("%s", error)
            return
        try:
            self._on_close(error)
        except Exception:
            log.exception("onClose handler of %s failed", self.describe())

    # -- one cycle -----------------------------------------------------------------------------

    def poll_once(self) -> CycleResult:
        """Run one cycle now (for `--once` and tests); a failure goes to `on_error` as usual."""
        result, _ = self._run_cycle()
        if result.error is not None:
            self._report_error(result.error)
        return result

    def _run_cycle(self) -> tuple[CycleResult, bool]:
        """Run a cycle and tell whether its failure happened after stop was requested (then it
        is a failure to close, reported through `on_close` by the run loop)."""
        with self._cycle_lock:
            self._cycle_owner = threading.get_ident()
            began = time.monotonic()
            result = CycleResult()
            failed_while_stopping = False
            try:
                self._redeliver_retries(result)
                if self.settings.protocol is MailProtocol.IMAP:
                    self._imap_cycle(result)
                else:
                    self._pop3_cycle(result)
            except MailError as error:
                result.error = error
                failed_while_stopping = self._stop_requested.is_set()
            except Exception as error:
                log.exception("Unexpected failure while polling %s", self.describe())
                result.error = MailError(
                    f"Polling {self.describe()} failed unexpectedly: {explain_failure(error)}"
                )
                failed_while_stopping = self._stop_requested.is_set()
            finally:
                self._cycle_owner = None
            log.debug(
                "%scycle: %d delivered, %d failed, %d given up, %d already handled, %d acknowledged%s",
                self._prefix(),
                result.delivered,
                result.failed,
                result.given_up,
                result.already_handled,
                result.acknowledged,
                f"; error: {result.error}" if result.error else "",
                extra=self._extra(),
            )
            self._record_cycle(result)
            self._notify("cycle_finished", result, time.monotonic() - began)
            return result, failed_while_stopping

    def _record_cycle(self, result: CycleResult) -> None:
        """The cycle's outcome in the store, for `balmail status` (a failure here is logged, not fatal)."""
        s = self.settings
        folder = s.folder if s.protocol is MailProtocol.IMAP else POP3_FOLDER
        try:
            self._store.record_cycle(
                self.log_fields.get("listener") or self.describe(),
                self.server,
                s.username,
                folder,
                result.error is None,
                None if result.error is None else str(result.error),
                result.delivered,
                result.retried,
                result.given_up,
            )
        except MailError as error:
            log.warning("%scould not record the cycle: %s", self._prefix(), error, extra=self._extra())

    def _redeliver_retries(self, result: CycleResult) -> None:
        """Messages given up earlier and made eligible again by `balmail retry`: delivered from the
        store's copy (the server no longer offers them: they were acknowledged when given up)."""
        s = self.settings
        folder = s.folder if s.protocol is MailProtocol.IMAP else POP3_FOLDER
        for key, raw in self._store.pending_retries(self.server, s.username, folder):
            if self._halted():
                result.stopped_early = True
                return
            name = (
                self._imap_name(int(key.message_id))
                if s.protocol is MailProtocol.IMAP
                else self._pop3_name(key.message_id)
            )
            self._deliver(key, f"{name} (retried on request)", raw, result)

    def _notify(self, event: str, *args: object) -> None:
        observer = self.observer
        if observer is None:
            return
        try:
            getattr(observer, event)(*args)
        except Exception:
            log.exception("observer of %s failed on %s", self.describe(), event)

    def _imap_client(self) -> ImapClient:
        s = self.settings
        return ImapClient(
            s.host,
            s.username,
            s.password,
            port=s.port,
            security=s.security,
            secure_socket=s.secure_socket,
            timeouts=s.timeouts,
            auth=s.auth,
        )

    def _imap_cycle(self, result: CycleResult) -> None:
        s = self.settings
        options = s.options
        client = self.idle.session or self._imap_client()
        with self._connected(client, keep=self.idle.keep):
            # A kept (IDLE) session still has the folder selected, and UIDVALIDITY cannot change
            # within a session (RFC 3501 2.3.1.1), so it is not selected again.
            kept = client.folder if client is self.idle.session else None
            status = kept if kept is not None and kept.name == s.folder else client.select_folder(s.folder)
            uidvalidity = status.uidvalidity
            self._check_uidvalidity(uidvalidity)
            self._check_targets(client)
            uids = client.search(options.criteria(), "unseen messages" if options.unseen_only else "messages")
            # Handled messages the search no longer finds were acknowledged: their records can go.
            self._store.forget_missing(self.server, s.username, s.folder, uidvalidity, {str(u) for u in uids})
            ids = [str(u) for u in uids]
            known = self._store.statuses(self.server, s.username, s.folder, uidvalidity, ids)
            settled: list[tuple[int, Settled]] = []
            to_fetch: list[int] = []
            for uid in uids:
                key = MessageKey.imap(self.server, s.username, s.folder, uidvalidity, uid)
                outcome = self._settle_without_handler(key, self._imap_name(uid), result, known.get(str(uid)))
                if outcome is None:
                    to_fetch.append(uid)
                elif outcome is not Settled.NOTHING:
                    settled.append((uid, outcome))
            if options.max_per_poll is not None:
                result.backlog = max(0, len(to_fetch) - options.max_per_poll)
                to_fetch = to_fetch[: options.max_per_poll]
            acknowledge_imap(client, options, settled, result)
            for start in range(0, len(to_fetch), s.batch_size):
                if self._halted():
                    result.stopped_early = True
                    break
                batch = to_fetch[start : start + s.batch_size]
                workers = self._workers(result)
                try:
                    for fetched in client.fetch(batch, s.batch_size):
                        if self._halted():
                            result.stopped_early = True
                            break
                        key = MessageKey.imap(self.server, s.username, s.folder, uidvalidity, fetched.uid)
                        workers.deliver(fetched.uid, key, self._imap_name(fetched.uid), fetched.raw)
                finally:
                    done = workers.finish()  # only what its handler finished: acked after it
                acknowledge_imap(client, options, done, result)  # type: ignore[arg-type]

    def _check_targets(self, client: ImapClient) -> None:
        """Once per poller: the folders of `move:`/`copy:` actions exist (a missing one would fail
        every acknowledgement after the handler already ran)."""
        if self._targets_checked:
            return
        s = self.settings
        check_action_folders(client, s.options, s.endpoint, s.username)
        self._targets_checked = True

    def _pop3_cycle(self, result: CycleResult) -> None:
        s = self.settings
        options = s.options
        deletes = pop3_deletes(options)
        client = Pop3Client(
            s.host,
            s.username,
            s.password,
            port=s.port,
            security=s.security,
            secure_socket=s.secure_socket,
            timeouts=s.timeouts,
            auth=s.auth,
        )
        acknowledged = 0
        budget = options.max_per_poll
        with self._connected(client):
            listings = client.list_messages()
            # Handled messages no longer in the maildrop were deleted: their records can go.
            present = {listing.uidl for listing in listings}
            self._store.forget_missing(self.server, s.username, POP3_FOLDER, POP3_UIDVALIDITY, present)
            known = self._store.statuses(
                self.server, s.username, POP3_FOLDER, POP3_UIDVALIDITY, [listing.uidl for listing in listings]
            )
            workers = self._workers(result)

            def acknowledge(number: int, outcome: Settled) -> None:
                nonlocal acknowledged
                if deletes[outcome]:
                    client.delete(number)
                acknowledged += 1

            try:
                for listing in listings:
                    if self._halted():
                        result.stopped_early = True
                        break
                    key = MessageKey.pop3(self.server, s.username, listing.uidl)
                    name = self._pop3_name(listing.uidl)
                    outcome = self._settle_without_handler(key, name, result, known.get(key.message_id))
                    if outcome is Settled.NOTHING:
                        continue
                    if outcome is not None:
                        acknowledge(listing.number, outcome)
                        continue
                    if budget is not None:
                        if budget == 0:
                            result.backlog += 1
                            continue
                        budget -= 1
                    workers.deliver(listing.number, key, name, client.retrieve(listing.number))
                    for number, done in workers.done():
                        acknowledge(number, done)  # type: ignore[arg-type]
            finally:
                finished = workers.finish()
            for number, done in finished:
                acknowledge(number, done)  # type: ignore[arg-type]
        # `_connected` ended the session with QUIT, which is what makes the DELEs real.
        result.acknowledged += acknowledged

    def _workers(self, result: CycleResult) -> DeliveryWorkers:
        return DeliveryWorkers(
            result,
            concurrency=self.concurrency,
            deliver=self._deliver,
            deliver_alone=self._deliver_alone,
            pool=self._worker_pool,
        )

    def _worker_pool(self) -> concurrent.futures.ThreadPoolExecutor:
        """The worker threads of `concurrency` > 1, started on first use, shut down on close."""
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(
                self.concurrency, thread_name_prefix="balmail-worker"
            )
        return self._executor

    @contextlib.contextmanager
    def _connected(self, client: ImapClient | Pop3Client, keep: bool = False) -> Iterator[None]:
        """Log in for one cycle (unless `client` is the session IDLE kept) and end the session: on
        success politely (for POP3, QUIT commits the deletions and raises if the server did not
        confirm) or, with `keep`, not at all; on failure by dropping it."""
        with self._client_lock:
            self._client = client
        try:
            if client is not self.idle.session:
                client.connect()
                self._notify("connection_changed", True)
            yield
        except BaseException:
            client.abort()
            self.idle.session = None
            self._notify("connection_changed", False)
            raise
        finally:
            with self._client_lock:
                self._client = None
        if keep and isinstance(client, ImapClient):
            self.idle.session = client
            return
        self.idle.session = None
        try:
            if isinstance(client, Pop3Client):
                client.quit()
            else:
                client.close()
        finally:
            self._notify("connection_changed", False)

    def _check_uidvalidity(self, uidvalidity: int) -> None:
        """A new UIDVALIDITY means the server renumbered the folder: old UIDs name nothing, so
        their records go and every unseen message counts as new."""
        previous = self._uidvalidity
        if previous == uidvalidity:
            return
        s = self.settings
        dropped = self._store.forget_other_uidvalidities(self.server, s.username, s.folder, uidvalidity)
        if previous is not None or dropped:
            log.warning(
                "%s: UIDVALIDITY changed%s to %d; the server renumbered the folder, so %d earlier "
                "record(s) were dropped and every unseen message is treated as new",
                self.describe(),
                f" from {previous}" if previous is not None else " since the last run",
                uidvalidity,
                dropped,
            )
        self._uidvalidity = uidvalidity

    # -- one message ---------------------------------------------------------------------------

    def _settle_without_handler(
        self, key: MessageKey, name: str, result: CycleResult, status: MessageStatus | None
    ) -> Settled | None:
        """How to acknowledge the message without calling the handler, or None to deliver it: an
        earlier attempt handled it (or gave it up) but did not get to acknowledge it, or every
        allowed attempt is used up (the process died during the last one); NOTHING when it was
        handled and its action (`keep`) leaves it listed. `status` is what the store said about it
        (read for a whole batch at once), None when it knows nothing."""
        if status is None:
            return None
        if status.handled:
            outcome = Settled.GIVEN_UP if status.given_up else Settled.HANDLED
            if self.settings.options.listed_after_ack(self._action(outcome)):
                return Settled.NOTHING
            result.already_handled += 1
            return outcome
        if status.attempts >= self.max_retries + 1:
            self._give_up(key, name, status.attempts, status.last_error or "unknown", None, result)
            return Settled.GIVEN_UP
        return None

    def _action(self, outcome: Settled) -> Action:
        return action_for(self.settings.options, outcome, pop3=self.settings.protocol is MailProtocol.POP3)

    def _deliver(self, key: MessageKey, name: str, raw: bytes, result: CycleResult) -> Settled | None:
        """Parse and hand over one message; how it must now be acknowledged (handled, or given
        up), None when it stays for a retry. The record is written before returning, i.e. before
        the ack."""
        attempt = self._store.record_attempt(key, _INTERRUPTED)
        max_attempts = self.max_retries + 1
        result.fetched += 1
        self._in_flight = name
        try:
            try:
                message = parse_message(raw)
            except MessageParseError as error:
                failure: Exception = error
                what = f"{name[:1].upper()}{name[1:]} could not be parsed"
            else:
                began = time.monotonic()
                try:
                    self._run_handler(message, raw, key)
                except Exception as error:
                    self._notify("handler_finished", time.monotonic() - began, False)
                    failure = error
                    what = f"Handler failed for {name}"
                else:
                    self._notify("handler_finished", time.monotonic() - began, True)
                    self._store.mark_handled(key)
                    result.delivered += 1
                    subject = repr(message.subject) if self._log_subjects else "(subject redacted)"
                    log.info(
                        "%sdelivered %s %s",
                        self._prefix(),
                        self._short_name(key),
                        subject,
                        extra=self._extra(key, attempt),
                    )
                    return Settled.HANDLED
        finally:
            self._in_flight = None
        result.failed += 1
        detail = explain_failure(failure)
        if attempt < max_attempts:
            next_step = "it stays on the server and is tried again on the next polling cycle"
        else:
            next_step = "no retries are left"
        self._report_error(
            MessageFailure(
                f"{what} (attempt {attempt} of {max_attempts}): {detail}; {next_step}",
                key=key,
                attempt=attempt,
                max_attempts=max_attempts,
                cause=failure,
            )
        )
        if attempt < max_attempts:
            result.retried += 1
            self._store.note_error(key, detail)
            return None
        self._give_up(key, name, attempt, detail, raw, result)
        return Settled.GIVEN_UP

    def _run_handler(self, message: ReceivedMessage, raw: bytes, key: MessageKey) -> None:
        """Call `on_message`; under a handler timeout, on a thread of its own that the poller stops
        waiting for when the time is up (a handler stuck in a call that cannot be interrupted). The
        abandoned thread is left to end on its own: everything this poller records and acknowledges
        is done here, on the poller's side, so nothing it does later counts for the message."""
        limit = self._handler_timeout() if self._handler_timeout is not None else None
        if limit is None:
            self._on_message(message, raw, key)
            return
        finished = threading.Event()
        failure: list[BaseException] = []

        def body() -> None:
            me = threading.get_ident()
            self._delivering.add(me)  # a handler that stops its own listener must not wait for itself
            try:
                self._on_message(message, raw, key)
            except BaseException as error:  # noqa: BLE001 - handed to the waiting poller
                failure.append(error)
            finally:
                self._delivering.discard(me)
                finished.set()

        with thread_stack(WORKER_STACK_BYTES):
            thread = threading.Thread(
                target=body, name=f"balmail-handler {self._short_name(key)}", daemon=True
            )
            thread.start()
        if not finished.wait(limit):
            log.warning(
                "%sthe handler for %s did not return within %gs; it was abandoned and the poller goes on",
                self._prefix(),
                self._short_name(key),
                limit,
                extra=self._extra(key),
            )
            assert thread.ident is not None
            if self._on_abandon is not None:
                raise self._on_abandon(thread.ident, limit)
            raise MailError(f"the handler did not return within {limit:g} seconds and was abandoned")
        if failure:
            raise failure[0]

    def _deliver_alone(self, key: MessageKey, name: str, raw: bytes) -> tuple[Settled | None, CycleResult]:
        """`_deliver` on a worker thread, counting into its own result (merged by `DeliveryWorkers`)."""
        part = CycleResult()
        me = threading.get_ident()
        self._delivering.add(me)
        try:
            return self._deliver(key, name, raw, part), part
        finally:
            self._delivering.discard(me)

    def _give_up(
        self,
        key: MessageKey,
        name: str,
        attempts: int,
        last_error: str,
        raw: bytes | None,
        result: CycleResult,
    ) -> None:
        self._store.mark_given_up(key, last_error, raw)
        result.given_up += 1
        pop3 = self.settings.protocol is MailProtocol.POP3
        ack = self.settings.options.give_up_action(pop3).describe(pop3)
        self._report_error(
            MessageGivenUp(
                f"Gave up on {name} after {attempts} failed attempt(s); it is {ack} so it no longer "
                f"blocks the mailbox. Last error: {last_error}",
                key=key,
                attempts=attempts,
                last_error=last_error,
                raw=raw,
            )
        )

    def _short_name(self, key: MessageKey) -> str:
        if self.settings.protocol is MailProtocol.IMAP:
            return f"UID {key.message_id}"
        return f"UIDL '{key.message_id}'"

    def _imap_name(self, uid: int) -> str:
        s = self.settings
        return f"message UID {uid} in folder '{s.folder}' of {s.username} at {s.endpoint}"

    def _pop3_name(self, uidl: str) -> str:
        s = self.settings
        return f"message with UIDL '{uidl}' of {s.username} at {s.endpoint}"

    def _prefix(self) -> str:
        """`describe(): ` when no `listener` field names the mailbox already."""
        return "" if "listener" in self.log_fields else f"{self.describe()}: "

    def _extra(self, key: MessageKey | None = None, attempt: int | None = None) -> dict[str, object]:
        """`extra=` for a log call: the poller's fields plus the message's `uid`/`uidl` and attempt."""
        fields: dict[str, object] = dict(self.log_fields)
        if key is not None:
            fields["uid" if self.settings.protocol is MailProtocol.IMAP else "uidl"] = key.message_id
        if attempt is not None:
            fields["attempt"] = attempt
        return {"fields": fields}

    def error_extra(self, error: MailError) -> dict[str, object]:
        """`extra=` for logging a reported error, with the message it is about when there is one."""
        if isinstance(error, MessageFailure):
            return self._extra(error.key, error.attempt)
        if isinstance(error, MessageGivenUp):
            return self._extra(error.key, error.attempts)
        return self._extra()

    def _report_error(self, error: MailError) -> None:
        if self._on_error is None:
            log.error("%s", error, extra=self.error_extra(error))
            return
        try:
            self._on_error(error)
        except Exception:
            log.exception("onError handler of %s failed", self.describe())
