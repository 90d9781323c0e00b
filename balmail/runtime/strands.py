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

The baton goes to waiting strands in the order they asked for it (a FIFO queue of tickets), so the
interleaving of named workers and `start`ed calls — strands of their own, threads that run only with
the baton — is the same on every run; a worker parks (gives the baton up) until a message, a result
or a receipt lets it go on (runtime/workers.py, docs/workers.md).

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
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from balmail.deep import thread_stack
from balmail.runtime.sandbox import Budgets, Sandbox

STRAND_STACK_BYTES = 64 * 1024 * 1024  # like a handler thread's: deep recursion inside a worker


class Ticket:
    """One strand's place in the baton queue: the baton is handed over by releasing `lock`."""

    __slots__ = ("lock", "woken", "cancelled", "deadlock")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.lock.acquire()
        self.woken = False
        self.cancelled = False
        self.deadlock = False


class Strands:
    """The baton and the `lock`-statement lock of one program run."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self._mutex = threading.Lock()
        self._queue: deque[Ticket] = deque()  # strands ready to run, in the order they get the baton
        self._owner: int | Ticket | None = None  # thread id of the holder (a Ticket while being handed)
        self._lock_statement = threading.RLock()
        self._count_lock = threading.Lock()  # guards the abandoned-invocation sets
        self._watched: set[int] = set()
        self._abandoned: set[int] = set()
        self.live = 0  # strands that hold, want or will want the baton (not parked on a worker event)
        self._parked: set[Ticket] = set()
        self._spawned = 0  # worker strands whose threads have not ended
        self.failed: list[Any] = []  # futures of strands that ended with a panic (runtime/workers.py)
        self._ended = threading.Condition(self._mutex)
        sandbox.on_refill = self.pause

    @property
    def _waiting(self) -> int:
        return len(self._queue)

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
        """Wait for the baton: strands get it in the order they asked (a FIFO queue, so the order in which
        workers run is deterministic)."""
        me = threading.get_ident()
        with self._mutex:
            if self._owner is None and not self._queue:
                self._owner = me
                return
            ticket = Ticket()
            ticket.woken = True
            self._queue.append(ticket)
        ticket.lock.acquire()
        self._owner = me

    def _give(self) -> None:
        with self._mutex:
            self._hand_over()

    def _hand_over(self) -> None:
        """Pass the baton to the first ready strand, or leave it free (holding `_mutex`)."""
        while self._queue:
            ticket = self._queue.popleft()
            if ticket.cancelled:
                continue
            self._owner = ticket
            ticket.lock.release()
            return
        self._owner = None

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
        with self._mutex:
            self.live += 1
        self._take()
        try:
            sb.start_invocation(budgets)
            self._stop_if_abandoned()
            yield
        finally:
            with self._mutex:
                self.live -= 1
                self._hand_over()
                self._check_deadlock()

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
        """Let a waiting strand run (called between budget chunks): the running strand goes to the end of
        the queue, so busy workers take turns chunk by chunk."""
        if self._abandoned:
            self._stop_if_abandoned()
        if self._queue and self.held():
            with self.blocking():
                pass

    # ------------------------------------------------------------ worker strands (runtime/workers.py)

    def spawn(self, run: Callable[[], None], name: str, at_once: bool = False) -> None:
        """Start `run` on a new strand (a thread that runs only while it holds the baton). It is queued
        behind the strands already ready, and starts with the spawner's budgets (same deadline).

        `at_once` (`@strand {thread: "any"}`: Ballerina runs the strand on another thread, concurrently
        with its starter): the new strand takes the baton now and the spawner goes on as soon as it
        yields or ends, ahead of the strands already ready — the order a strand started on a thread of
        its own shows, kept deterministic."""
        sb = self.sandbox
        counters = sb.save_counters()
        ticket = Ticket()
        resume: Ticket | None = None
        with self._mutex:
            self.live += 1
            self._spawned += 1
            ticket.woken = True
            if self._owner is None and not self._queue:
                self._owner = ticket
                ticket.lock.release()
            elif at_once and self._owner == threading.get_ident():
                resume = Ticket()
                resume.woken = True
                self._queue.appendleft(resume)
                self._owner = ticket
                ticket.lock.release()
            else:
                self._queue.append(ticket)

        def body() -> None:
            ticket.lock.acquire()
            self._owner = threading.get_ident()
            sb.restore_counters(counters)
            sb.depth = 0
            try:
                run()
            finally:
                with self._mutex:
                    self.live -= 1
                    self._spawned -= 1
                    self._hand_over()
                    self._check_deadlock()
                    self._ended.notify_all()

        with thread_stack(STRAND_STACK_BYTES):
            threading.Thread(target=body, name=f"balmail-strand-{name}", daemon=True).start()
        if resume is not None:  # the baton went to the new strand: wait for it to come back
            resume.lock.acquire()
            self._owner = threading.get_ident()
            sb.restore_counters(counters)

    def join_spawned(self) -> None:
        """Wait (without the baton) until every worker strand has ended: a program's `main` returning does
        not cut short the workers it started."""
        with self._ended:
            while self._spawned:
                self._ended.wait()

    def ticket(self) -> Ticket:
        """A ticket for `park`: whoever can let the parked strand go on passes it to `ready`."""
        return Ticket()

    def ready(self, ticket: Ticket) -> None:
        """The strand parked on `ticket` may go on: it joins the end of the ready queue."""
        with self._mutex:
            if ticket.cancelled or ticket.woken:
                return
            ticket.woken = True
            if ticket not in self._parked:  # not parked yet: `park` returns at once
                return
            self._parked.discard(ticket)
            self.live += 1
            if self._owner is None and not self._queue:
                self._owner = ticket
                ticket.lock.release()
            else:
                self._queue.append(ticket)

    def park(self, ticket: Ticket) -> str:
        """Give up the baton until `ready(ticket)` and the baton comes back: "ok", "deadlock" (every
        strand of the program is parked, none can go on) or "timeout" (the invocation's time budget ran
        out). The strand keeps its budget counters."""
        sb = self.sandbox
        timeout = sb.seconds_left()
        saved = sb.save_counters()
        with self._mutex:
            if ticket.woken:  # made ready before parking
                return "ok"
            self.live -= 1
            self._parked.add(ticket)
            self._hand_over()
            self._check_deadlock()
        got = ticket.lock.acquire(timeout=timeout)
        outcome = "ok"
        if not got:
            with self._mutex:
                handed = self._owner is ticket
                if not handed:
                    ticket.cancelled = True
                    if ticket in self._parked:
                        self._parked.discard(ticket)
                        self.live += 1
            if handed:
                ticket.lock.acquire()
            else:
                self._take()
                outcome = "timeout"
        self._owner = threading.get_ident()
        sb.restore_counters(saved)
        if ticket.deadlock and outcome == "ok":
            outcome = "deadlock"
        return outcome

    def _check_deadlock(self) -> None:
        """(Holding `_mutex`.) When no strand can run and some are parked, nothing will ever wake them:
        they are woken to fail with a deadlock error instead of hanging until the time budget."""
        if self.live == 0 and self._owner is None and not self._queue and self._parked:
            for ticket in list(self._parked):
                ticket.deadlock = True
                ticket.woken = True
                self.live += 1
                self._queue.append(ticket)
            self._parked.clear()
            self._hand_over()

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
