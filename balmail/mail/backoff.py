"""The retry pacing of a poller: how long to wait after failed cycles in a row (capped
exponential backoff, so a down server is not hammered and its recovery is still noticed), and the
`Clock` the waiting goes through, so tests can inject one that does not really wait."""

from __future__ import annotations

import threading
import time
from typing import Protocol

BACKOFF_CAP_SECONDS = 60.0
"""Failed cycles back off up to max(polling interval, this)."""


def backoff_delay(interval: float, consecutive_failures: int) -> float:
    """Seconds to wait after the n-th failed cycle in a row: interval, 2x, 4x, ... capped at
    max(interval, 60 s)."""
    cap = max(interval, BACKOFF_CAP_SECONDS)
    exponent = min(max(consecutive_failures, 1) - 1, 32)
    return min(interval * (2**exponent), cap)


class Clock(Protocol):
    """Time as the poller sees it; tests inject one that does not really wait."""

    def monotonic(self) -> float: ...

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        """Wait up to `seconds`, returning early (True) when `stop` is set."""
        ...


class SystemClock:
    """The real clock: monotonic time (immune to wall-clock jumps) and an interruptible wait."""

    def monotonic(self) -> float:
        return time.monotonic()

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        return stop.wait(max(0.0, seconds))
