"""Strands: how several handlers of one program run at once (one per listener worker, or N with
`concurrency = N`) although the compiled code shares one `Sandbox` object for its counters.

Ballerina code runs one strand at a time per program, like strands on one of Ballerina's threads:
a strand holds the *baton* while its Ballerina code runs, and gives it up while it waits — in a
blocking library call (`runtime:sleep`, an HTTP request, SMTP, receiving mail), while it waits for
a `lock` statement's lock, and every budget chunk of steps when another strand is waiting (so a
busy loop cannot starve the others). Giving the baton up saves the strand's budget counters (steps
left, deadline, call depth) and taking it back restores them, so each strand keeps its own budgets
although the compiled code reads one object. CPU-bound Python code would not run in parallel
anyway (the GIL); what this buys is that one handler waiting 20 s on a server never holds up
another listener. Compiled code pays nothing for it: the hot path still reads plain attributes.

`lock` statements take one program-wide reentrant lock (a coarser lock than Ballerina's per
variable set, with the same guarantee: two `lock` blocks never run at once), released and retaken
like the baton so a strand waiting for it does not block the one holding it.

Abandoned invocations: a listener's poller stops waiting for a handler that outlives its time budget
(stuck in a call that cannot be interrupted) and goes on with the next message. It tells the
strands (`abandon`), and the abandoned thread, whenever its call returns, ends with the time-budget
panic at the next blocking call it enters or leaves (and at every budget chunk): it never gets to
make another library call that waits (send mail, HTTP) for a message already counted as failed.
`Gate` is the per-service lock that non-isolated services take, released on the stuck thread's
behalf when it is abandoned.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

from balmail.runtime.sandbox import Budgets, Sandbox


class Strands:
    """The baton and the `lock`-statement lock of one program run."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self._baton = threading.Lock()
        self._owner: int | None = None
        self._waiting = 0
        self._count_lock = threading.Lock()
        self._lock_statement = threading.RLock()
        self._watched: set[int] = set()
        self._abandoned: set[int] = set()
        sandbox.on_refill = self.pause

    @classmethod
    def of(cls, ctx: Any) -> Strands:
        strands = getattr(ctx, "strands", None)
        if strands is None:
            strands = cls(ctx.sandbox)
            ctx.strands = strands
        return strands  # type: ignore[no-any-return]

    def held(self) -> bool:
        return self._owner == threading.get_ident()

    def _take(self) -> None:
        with self._count_lock:
            self._waiting += 1
        self._baton.acquire()
        with self._count_lock:
            self._waiting -= 1
        self._owner = threading.get_ident()

    def _give(self) -> None:
        self._owner = None
        self._baton.release()

    @contextlib.contextmanager
    def strand(self, budgets: Budgets | None = None) -> Iterator[None]:
        """Run one invocation (a handler call, `main`) with fresh budgets, holding the baton."""
        sb = self.sandbox
        if self.held():  # a nested invocation on the same thread keeps the outer one's counters
            saved = sb.save_counters()
            sb.start_invocation(budgets)
            try:
                yield
            finally:
                sb.restore_counters(saved)
            return
        self._take()
        try:
            sb.start_invocation(budgets)
            self._stop_if_abandoned()
            yield
        finally:
            self._give()

    @contextlib.contextmanager
    def blocking(self) -> Iterator[None]:
        """Around a call that waits (I/O, sleep): other strands run meanwhile. An abandoned
        invocation is stopped here, before the call and when it returns."""
        if not self.held():
            yield
            return
        self._stop_if_abandoned()
        saved = self.sandbox.save_counters()
        self._give()
        try:
            yield
        finally:
            self._take()
            self.sandbox.restore_counters(saved)
            self._stop_if_abandoned()

    def pause(self) -> None:
        """Let a waiting strand run (called between budget chunks)."""
        if self._abandoned:
            self._stop_if_abandoned()
        if self._waiting and self.held():
            with self.blocking():
                time.sleep(0)

    # -- abandoned invocations ---------------------------------------------------------------

    @contextlib.contextmanager
    def abandonable(self) -> Iterator[None]:
        """Around one handler delivery on its own thread: while inside, `abandon(thread id)` may
        give up on it."""
        me = threading.get_ident()
        with self._count_lock:
            self._watched.add(me)
        try:
            yield
        finally:
            with self._count_lock:
                self._watched.discard(me)
                self._abandoned.discard(me)

    def abandon(self, ident: int) -> bool:
        """Give up on the delivery running on thread `ident` (False when it has already ended)."""
        with self._count_lock:
            if ident not in self._watched:
                return False
            self._abandoned.add(ident)
            return True

    def abandoned(self) -> bool:
        """Whether the calling thread's delivery was given up."""
        return threading.get_ident() in self._abandoned

    def _stop_if_abandoned(self) -> None:
        if self._abandoned and threading.get_ident() in self._abandoned:
            raise self.sandbox.exhaust("seconds")

    @contextlib.contextmanager
    def lock_statement(self) -> Iterator[None]:
        """A Ballerina `lock` block: excludes every other `lock` block of the program."""
        lock = self._lock_statement
        if not lock.acquire(blocking=False):
            with self.blocking():
                lock.acquire()
        try:
            yield
        finally:
            lock.release()


class Gate:
    """A lock held around each handler of a service that is not isolated (one message at a time,
    as Ballerina dispatches them). Unlike a plain lock, the holder can be relieved of it
    (`abandon`) when its delivery is given up, so the service's next message is not blocked by a
    thread stuck in a call; the stuck thread's own release is then a no-op."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._guard = threading.Lock()
        self._owner: int | None = None

    def acquire(self, timeout: float) -> bool:
        if not self._lock.acquire(timeout=max(0.0, timeout)):
            return False
        with self._guard:
            self._owner = threading.get_ident()
        return True

    def release(self) -> None:
        with self._guard:
            if self._owner != threading.get_ident():
                return  # relieved by `abandon`: the lock is someone else's now
            self._owner = None
            self._lock.release()

    def abandon(self, ident: int) -> None:
        with self._guard:
            if self._owner == ident:
                self._owner = None
                self._lock.release()


def blocking(ctx: Any) -> contextlib.AbstractContextManager[None]:
    """`with blocking(ctx): ...` around a library call that waits; a no-op outside strands."""
    strands = getattr(ctx, "strands", None)
    return strands.blocking() if strands is not None else contextlib.nullcontext()
