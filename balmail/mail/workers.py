"""One batch's deliveries: on the poller's own thread one after another (concurrency 1, arrival
order), or on up to N worker threads at once (`concurrency` in `[balmail.listeners.NAME]`). Says
which messages may now be acknowledged: only those whose delivery finished (handled, or given up),
each after its handler, never before (docs/delivery.md)."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable

from balmail.deep import thread_stack
from balmail.mail.outcomes import CycleResult, Settled
from balmail.mail.store import MessageKey

WORKER_STACK_BYTES = 64 * 1024 * 1024
"""Handlers on worker threads need the same deep stacks as on the poller's own thread."""

Delivered = tuple[Settled | None, CycleResult]
Deliver = Callable[[MessageKey, str, bytes, CycleResult], Settled | None]
"""Deliver one message counting into the given result; how to acknowledge it, None for a retry."""
DeliverAlone = Callable[[MessageKey, str, bytes], Delivered]
"""The same on a worker thread, counting into a result of its own (merged on collection)."""


class DeliveryWorkers:
    """The deliveries of one batch; `ack` is whatever the caller acknowledges a message by (an
    IMAP UID, a POP3 message number) and is handed back with the outcome."""

    def __init__(
        self,
        result: CycleResult,
        *,
        concurrency: int,
        deliver: Deliver,
        deliver_alone: DeliverAlone,
        pool: Callable[[], concurrent.futures.ThreadPoolExecutor],
    ) -> None:
        self._result = result
        self._concurrency = concurrency
        self._deliver = deliver
        self._deliver_alone = deliver_alone
        self._pool = pool
        self._pending: list[tuple[object, concurrent.futures.Future[Delivered]]] = []
        self._ready: list[tuple[object, Settled]] = []

    def deliver(self, ack: object, key: MessageKey, name: str, raw: bytes) -> None:
        if self._concurrency == 1:
            outcome = self._deliver(key, name, raw, self._result)
            if outcome is not None:
                self._ready.append((ack, outcome))
            return
        executor = self._pool()
        with thread_stack(WORKER_STACK_BYTES):  # the executor starts its threads on submit
            future = executor.submit(self._deliver_alone, key, name, raw)
        self._pending.append((ack, future))
        in_flight = [f for _, f in self._pending if not f.done()]
        if len(in_flight) >= self._concurrency:
            concurrent.futures.wait(in_flight, return_when=concurrent.futures.FIRST_COMPLETED)

    def done(self) -> list[tuple[object, Settled]]:
        """Acknowledgeable now (without waiting for deliveries still running), with how."""
        ready, self._ready = self._ready, []
        still: list[tuple[object, concurrent.futures.Future[Delivered]]] = []
        for ack, future in self._pending:
            if future.done():
                outcome = self._collect(future)
                if outcome is not None:
                    ready.append((ack, outcome))
            else:
                still.append((ack, future))
        self._pending = still
        return ready

    def finish(self) -> list[tuple[object, Settled]]:
        """Wait for every delivery of the batch; what may be acknowledged."""
        concurrent.futures.wait([f for _, f in self._pending])
        return self.done()

    def _collect(self, future: concurrent.futures.Future[Delivered]) -> Settled | None:
        ok, part = future.result()  # a store failure inside a delivery fails the cycle here
        r = self._result
        r.fetched += part.fetched
        r.delivered += part.delivered
        r.retried += part.retried
        r.failed += part.failed
        r.given_up += part.given_up
        return ok
