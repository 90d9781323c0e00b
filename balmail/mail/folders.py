"""Several folders behind one listener (`folders = [...]`): one `Poller` per folder, each with its
own connection, thread, UIDVALIDITY and records (the store's key has the folder in it), dressed
as one poller so the runtime starts, stops and closes a listener the same way whatever it watches.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import attrs

from balmail.mail.errors import MailError
from balmail.mail.listener_settings import ListenerSettings
from balmail.mail.outcomes import CycleResult, OnClose, PollerObserver
from balmail.mail.poller import Poller
from balmail.mail.state import StateStore


def make_poller(
    settings: ListenerSettings, store: StateStore, on_message: Any, **kwargs: Any
) -> Poller | PollerGroup:
    """A `Poller` for a listener's one folder, or a `PollerGroup` when `folders` lists several."""
    folders = settings.options.folders
    if len(folders) <= 1:
        if folders:
            settings = attrs.evolve(settings, folder=folders[0])
        return Poller(settings, store, on_message, **kwargs)
    return PollerGroup(settings, store, on_message, **kwargs)


class PollerGroup:
    """One poller per folder; `on_close` is called once, after the last of them closed."""

    def __init__(
        self,
        settings: ListenerSettings,
        store: StateStore,
        on_message: Any,
        *,
        on_close: OnClose | None = None,
        observer: PollerObserver | None = None,
        **kwargs: Any,
    ) -> None:
        self.settings = settings
        self._on_close = on_close
        self._close_lock = threading.Lock()
        self._open = len(settings.options.folders)
        self._close_error: MailError | None = None
        self.pollers = [
            Poller(
                attrs.evolve(settings, folder=folder),
                store,
                on_message,
                on_close=self._closed_one,
                observer=observer,
                **kwargs,
            )
            for folder in settings.options.folders
        ]

    def __repr__(self) -> str:
        return f"PollerGroup({self.describe()})"

    def describe(self) -> str:
        s = self.settings
        names = ", ".join(f"'{f}'" for f in s.options.folders)
        return f"{s.protocol.name} {s.username} at {s.endpoint} folders {names}"

    @property
    def log_fields(self) -> dict[str, str]:
        return self.pollers[0].log_fields

    @log_fields.setter
    def log_fields(self, fields: dict[str, str]) -> None:
        for poller in self.pollers:
            poller.log_fields = {**fields, "folder": poller.settings.folder}

    @property
    def observer(self) -> PollerObserver | None:
        return self.pollers[0].observer

    @property
    def concurrency(self) -> int:
        return self.pollers[0].concurrency

    @property
    def stopping(self) -> bool:
        return self.pollers[0].stopping

    def start(self) -> None:
        for poller in self.pollers:
            poller.start()

    def stop(self, grace_seconds: float) -> None:
        """Stop every folder at once (they share the grace period), then wait for each."""
        for poller in self.pollers:
            poller.request_stop()
        deadline = time.monotonic() + max(0.0, grace_seconds)
        for poller in self.pollers:
            poller.stop(max(0.0, deadline - time.monotonic()))

    def join(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        done = True
        for poller in self.pollers:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            done = poller.join(left) and done
        return done

    def poll_once(self) -> CycleResult:
        """One cycle of every folder, in the order listed; the counts are added up."""
        total = CycleResult()
        for poller in self.pollers:
            part = poller.poll_once()
            for field in attrs.fields(CycleResult):
                value = getattr(part, field.name)
                if isinstance(value, int) and not isinstance(value, bool):
                    setattr(total, field.name, getattr(total, field.name) + value)
            total.stopped_early = total.stopped_early or part.stopped_early
            total.error = total.error or part.error
        return total

    def error_extra(self, error: MailError) -> dict[str, object]:
        key = getattr(error, "key", None)
        for poller in self.pollers:
            if key is not None and poller.settings.folder == key.folder:
                return poller.error_extra(error)
        return self.pollers[0].error_extra(error)

    def _closed_one(self, error: MailError | None) -> None:
        with self._close_lock:
            self._open -= 1
            self._close_error = self._close_error or error
            last = self._open == 0
        if last and self._on_close is not None:
            self._on_close(self._close_error)
