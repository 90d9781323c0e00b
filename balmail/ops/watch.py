"""What each listener has done since the run started, and whether it is healthy.

A `ListenerWatch` is the poller's observer (`mail.outcomes.PollerObserver`): it keeps totals for the
`--once` summary line and the health check, and forwards every event to the Prometheus metrics
when `--metrics` is on. Health rule (docs/operations.md): a listener is unhealthy when it has not
completed a cycle in 3 polling intervals, or when its last 2 or more cycles failed (it is in
backoff); the reason says which.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from balmail.mail.outcomes import CycleResult
    from balmail.ops.metrics import Metrics

STALE_INTERVALS = 3
"""A listener with no completed cycle for this many polling intervals is unhealthy."""
BACKOFF_FAILURES = 2
"""A listener whose last this-many cycles failed is stuck in backoff."""


@attrs.define
class Tally:
    """Totals since the run started (wall-clock times as Unix seconds)."""

    cycles_ok: int = 0
    cycles_failed: int = 0
    fetched: int = 0
    handled: int = 0
    retried: int = 0
    given_up: int = 0
    consecutive_failures: int = 0
    last_error: str | None = None
    last_ok_at: float | None = None
    last_cycle_at: float | None = None
    backoff_seconds: float = 0.0


class ListenerWatch:
    """Observer of one listener's poller; thread-safe (the poller thread writes, HTTP threads read)."""

    def __init__(self, listener: str, service: str, interval: float, metrics: Metrics | None = None) -> None:
        self.listener = listener
        self.service = service
        self.interval = interval
        self.metrics = metrics
        self.started_at = time.time()
        self.tally = Tally()
        self._lock = threading.Lock()
        if metrics is not None:
            metrics.register(self)

    # -- PollerObserver ----------------------------------------------------------------------------

    def cycle_finished(self, result: CycleResult, seconds: float) -> None:
        now = time.time()
        with self._lock:
            t = self.tally
            t.fetched += result.fetched
            t.handled += result.delivered
            t.retried += result.retried
            t.given_up += result.given_up
            t.last_cycle_at = now
            if result.error is None:
                t.cycles_ok += 1
                t.consecutive_failures = 0
                t.backoff_seconds = 0.0
                t.last_ok_at = now
            else:
                t.cycles_failed += 1
                t.consecutive_failures += 1
                t.last_error = str(result.error)
        if self.metrics is not None:
            self.metrics.cycle_finished(self, result, now)

    def handler_finished(self, seconds: float, ok: bool) -> None:
        if self.metrics is not None:
            self.metrics.handler_finished(self, seconds)

    def connection_changed(self, connected: bool) -> None:
        if self.metrics is not None:
            self.metrics.connection_changed(self, connected)

    def backing_off(self, failures: int, delay: float) -> None:
        with self._lock:
            self.tally.backoff_seconds = delay

    # -- reading -----------------------------------------------------------------------------------

    def snapshot(self) -> Tally:
        with self._lock:
            return attrs.evolve(self.tally)

    def problem(self, now: float | None = None) -> str | None:
        """Why this listener is unhealthy, or None when it is healthy."""
        now = time.time() if now is None else now
        t = self.snapshot()
        if t.consecutive_failures >= BACKOFF_FAILURES:
            return (
                f"in backoff after {t.consecutive_failures} failed cycles in a row "
                f"(next attempt within {t.backoff_seconds:g}s): {t.last_error}"
            )
        since = t.last_ok_at if t.last_ok_at is not None else self.started_at
        limit = STALE_INTERVALS * self.interval
        if now - since > limit:
            what = "no cycle completed" if t.last_ok_at is None else "no cycle completed since the last one"
            detail = f"; last error: {t.last_error}" if t.consecutive_failures and t.last_error else ""
            limit_text = f"limit {limit:g}s = {STALE_INTERVALS} polling intervals"
            return f"{what} for {now - since:.1f}s ({limit_text}){detail}"
        return None

    def summary_line(self) -> str:
        """The `--once` line: `NAME: fetched F, handled H, retried R, given up G, errors E`."""
        t = self.snapshot()
        line = (
            f"{self.listener}: fetched {t.fetched}, handled {t.handled}, retried {t.retried}, "
            f"given up {t.given_up}, errors {t.cycles_failed}"
        )
        if t.cycles_failed and t.last_error:
            line += f" ({t.last_error})"
        return line

    @property
    def failed(self) -> bool:
        """For `--once`: a cycle failed or a message was given up."""
        t = self.snapshot()
        return t.cycles_failed > 0 or t.given_up > 0


class Watches:
    """Every listener's watch in one run, in start order."""

    def __init__(self, metrics: Metrics | None = None) -> None:
        self.metrics = metrics
        self._items: list[ListenerWatch] = []
        self._lock = threading.Lock()

    def add(self, listener: str, service: str, interval: float) -> ListenerWatch:
        watch = ListenerWatch(listener, service, interval, self.metrics)
        with self._lock:
            self._items.append(watch)
        return watch

    def all(self) -> list[ListenerWatch]:
        with self._lock:
            return list(self._items)

    def health(self) -> tuple[bool, list[str]]:
        """(healthy, one line per listener) for `/healthz`."""
        now = time.time()
        lines: list[str] = []
        healthy = True
        for watch in self.all():
            problem = watch.problem(now)
            if problem is None:
                lines.append(f"{watch.listener}: ok")
            else:
                healthy = False
                lines.append(f"{watch.listener}: unhealthy: {problem}")
        return healthy, lines
