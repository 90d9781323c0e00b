"""IMAP IDLE between cycles (`idle = true` in `[balmail.listeners.NAME]`, docs/mail-protocols.md):
the session kept open from one cycle to the next, the wait in IDLE until new mail, the polling
interval or a stop, and the pipe `stop` writes to so the wait ends at once."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from balmail.mail.imap import ImapClient


class IdleWait:
    """The IDLE state of one poller (one folder). Until `enable`, nothing is kept and the poller
    polls; `session` is the logged-in client with its folder selected, or None."""

    def __init__(self, on_connection: Callable[[bool], None]) -> None:
        self._on_connection = on_connection
        self.keep = False
        """Whether a cycle keeps its session open for the wait (IDLE on and offered)."""
        self.session: ImapClient | None = None
        self._wake: tuple[int, int] | None = None
        self._missing_warned = False

    def enable(self) -> None:
        """Keep sessions between cycles, with a wake-up pipe for `stop`."""
        self.keep = True
        self._wake = os.pipe()

    def wait(
        self, seconds: float, stop: threading.Event, refresh: float, warn_missing: Callable[[], None]
    ) -> bool:
        """Wait in IDLE on the kept session until new mail (EXISTS), `seconds` (the polling
        interval stays the upper bound) or stop; IDLE is re-issued every `refresh` seconds, before
        the server's 30-minute limit. False when the server does not offer IDLE: the session is
        closed, nothing is kept any more (the caller polls) and `warn_missing` is called once."""
        client = self.session
        assert client is not None
        if not client.supports_idle:
            if not self._missing_warned:
                self._missing_warned = True
                warn_missing()
            self.close()
            self.keep = False
            return False
        deadline = time.monotonic() + seconds
        wake = self._wake[0] if self._wake is not None else None
        while not stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            if client.idle(min(remaining, refresh), wake):
                break
        return True

    def wake_up(self) -> None:
        """End a wait in progress at once (called by `stop`, from any thread)."""
        wake = self._wake
        if wake is not None:
            try:
                os.write(wake[1], b"x")
            except OSError:
                pass

    def drop(self) -> None:
        """Forget the session after a failure: its connection is cut, not logged out."""
        client, self.session = self.session, None
        if client is not None:
            client.abort()
            self._on_connection(False)

    def close(self) -> None:
        """Log the session out politely."""
        client, self.session = self.session, None
        if client is not None:
            client.close()
            self._on_connection(False)

    def release(self) -> None:
        """Close the wake-up pipe (once the poller has closed for good)."""
        wake, self._wake = self._wake, None
        if wake is not None:
            for fd in wake:
                try:
                    os.close(fd)
                except OSError:
                    pass
