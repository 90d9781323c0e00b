"""Named workers, futures and worker messages at run time (docs/workers.md).

Each worker (and each `start`ed call) is a strand of `runtime/strands.py`: its own thread that runs only
while it holds the program's baton, so Ballerina code still runs one strand at a time and the order of
events is deterministic. A strand gives the baton up where Ballerina yields: a receive with no message
yet, `wait` on an unfinished future, a sync send or `flush` not yet received, and blocking library calls.

A `WorkerGroup` is one call of a function with named workers (or one `fork`): the futures of its workers
and the message channels between them, keyed by (sender, receiver). The strand running a worker knows
its group and its own name through a thread-local stack (a called function with workers pushes its own).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from balmail.runtime.errors import BallerinaPanic, FailSignal, make_error
from balmail.runtime.sandbox import budget_exhausted
from balmail.runtime.strands import Strands, Ticket
from balmail.runtime.values import BError

DEFAULT = "function"
_local = threading.local()


class BFuture:
    """A `future<T>`: the result of a worker or a `start`ed call once its strand ends (a value, an error
    it returned, or the panic it ended with)."""

    __slots__ = ("name", "done", "value", "panic", "waiters", "waited", "cancelled")

    def __init__(self, name: str) -> None:
        self.name = name
        self.done = False
        self.value: Any = None
        self.panic: BallerinaPanic | None = None
        self.waiters: list[Ticket] = []
        self.waited = False
        self.cancelled = False

    def failed(self) -> bool:
        return self.panic is not None or isinstance(self.value, BError)

    def outcome(self) -> Any:
        """The result `wait` gives: the value (or returned error); a panic goes on in the waiter."""
        self.waited = True
        if self.panic is not None:
            raise _again(self.panic)
        return self.value


class _Message:
    __slots__ = ("value", "ticket")

    def __init__(self, value: Any, ticket: Ticket | None) -> None:
        self.value = value
        self.ticket = ticket  # a sync sender waiting until this message is received


class WorkerGroup:
    """The workers of one function call (or one `fork`) and the messages between them."""

    def __init__(self, strands: Strands) -> None:
        self.strands = strands
        self.futures: dict[str, BFuture] = {}
        self.channels: dict[tuple[str, str], deque[_Message]] = {}
        # parked strands by ("recv" | "flush" | "sync", sender, receiver)
        self.waiting: dict[tuple[str, str, str], list[Ticket]] = {}

    # ------------------------------------------------------------ lifetime

    def spawn(self, name: str, run: Callable[[], Any], at_once: bool = False) -> BFuture:
        """Start worker `name` running `run()` (its compiled body) on a new strand (`at_once`: see
        `Strands.spawn`)."""
        future = self.futures.get(name) or BFuture(name)
        self.futures[name] = future

        def body() -> None:
            stack = _stack()
            stack.append((self, name))
            try:
                value, panic = _outcome(run)
            finally:
                stack.pop()
            self.finish(name, value=value, panic=panic)

        self.strands.spawn(body, name, at_once)
        return future

    def enter_default(self) -> None:
        """The function's default worker belongs to this group from here on."""
        self.futures.setdefault(DEFAULT, BFuture(DEFAULT))
        _stack().append((self, DEFAULT))

    def leave_default(self, value: Any = None, panic: BallerinaPanic | None = None) -> None:
        _stack().pop()
        self.finish(DEFAULT, value=value, panic=panic)

    def finish(self, name: str, value: Any = None, panic: BallerinaPanic | None = None) -> None:
        """Worker `name` ended: wake whoever waits for its result or its messages."""
        future = self.futures.setdefault(name, BFuture(name))
        future.done = True
        future.value = value
        future.panic = panic
        if panic is not None and name != DEFAULT:
            self.strands.failed.append(future)
        for ticket in future.waiters:
            self.strands.ready(ticket)
        future.waiters.clear()
        for key, tickets in list(self.waiting.items()):
            if name in key[1:]:
                for ticket in tickets:
                    self.strands.ready(ticket)
                del self.waiting[key]

    # ------------------------------------------------------------ waiting

    def _park(self, key: tuple[str, str, str] | None, future: BFuture | None = None) -> None:
        strands = self.strands
        ticket = strands.ticket()
        if key is not None:
            self.waiting.setdefault(key, []).append(ticket)
        if future is not None:
            future.waiters.append(ticket)
        _park_on(strands, ticket)

    def _wake(self, key: tuple[str, str, str]) -> None:
        for ticket in self.waiting.pop(key, ()):
            self.strands.ready(ticket)

    def _ended(self, name: str) -> BFuture | None:
        future = self.futures.get(name)
        return future if future is not None and future.done else None

    # ------------------------------------------------------------ messages

    def send(self, me: str, peer: str, value: Any) -> None:
        """`value -> peer;`: never waits. Sending to a worker that already failed fails this worker too."""
        ended = self._ended(peer)
        if ended is not None:
            if ended.panic is not None:
                ended.waited = True
                raise _again(ended.panic)
            if isinstance(ended.value, BError):
                raise FailSignal(ended.value)
            return
        self.channels.setdefault((me, peer), deque()).append(_Message(value, None))
        self._wake(("recv", me, peer))

    def sync_send(self, me: str, peer: str, value: Any) -> Any:
        """`value ->> peer`: waits until `peer` received it; `()`, or the error `peer` failed with."""
        ended = self._ended(peer)
        if ended is None:
            message = _Message(value, self.strands.ticket())
            self.channels.setdefault((me, peer), deque()).append(message)
            self._wake(("recv", me, peer))
            while message.ticket is not None:
                ended = self._ended(peer)
                if ended is not None:
                    break
                self.waiting.setdefault(("sync", me, peer), []).append(message.ticket)  # or `peer` ends
                _park_on(self.strands, message.ticket)
                if message.ticket is not None and message.ticket.woken:
                    message.ticket = self.strands.ticket()  # woken but not received: park again
            else:
                return None
        return _failure_of(ended, peer, me)

    def receive(self, me: str, peer: str) -> Any:
        """`<- peer`: the next message from `peer`, waiting for it; the error or panic `peer` ended with
        when it ends without sending one."""
        key = (peer, me)
        while True:
            queue = self.channels.get(key)
            if queue:
                message = queue.popleft()
                if message.ticket is not None:
                    ticket, message.ticket = message.ticket, None
                    self.strands.ready(ticket)
                if not queue:
                    self._wake(("flush", peer, me))  # a flush waiting for this channel to empty
                return message.value
            ended = self._ended(peer)
            if ended is not None:
                return _failure_of(ended, peer, me)
            self._park(("recv", peer, me))

    def alternate_receive(self, me: str, peers: tuple[str, ...]) -> Any:
        """`<- A | B`: the first message that is not an error; the last error when every peer failed."""
        last: Any = None
        pending = list(peers)
        while pending:
            progressed = False
            for peer in list(pending):
                if self.channels.get((peer, me)) or self._ended(peer) is not None:
                    value = self.receive(me, peer)
                    pending.remove(peer)
                    progressed = True
                    if not isinstance(value, BError):
                        return value
                    last = value
            if pending and not progressed:
                ticket = self.strands.ticket()
                for peer in pending:
                    self.waiting.setdefault(("recv", peer, me), []).append(ticket)
                _park_on(self.strands, ticket)
        return last

    def flush(self, me: str, peer: str | None) -> Any:
        """`flush peer` / `flush`: waits until every message sent (to `peer`) was received; `()`, or the
        failure of a receiver that ended first."""
        peers = [peer] if peer is not None else [p for (s, p) in self.channels if s == me]
        for p in peers:
            while self.channels.get((me, p)):
                ended = self._ended(p)
                if ended is not None:
                    if ended.panic is not None:
                        ended.waited = True
                        raise _again(ended.panic)
                    return ended.value if isinstance(ended.value, BError) else None
                self._park(("flush", me, p))
        return None


def _outcome(run: Callable[[], Any]) -> tuple[Any, BallerinaPanic | None]:
    """Run a strand's body: its value (an error a `check` failed with included), or the panic it ended
    with; a Python error inside is an evaluator bug and still ends the strand as a panic."""
    try:
        return run(), None
    except BallerinaPanic as p:
        return None, p
    except FailSignal as f:
        return f.error, None
    except RecursionError:
        return None, BallerinaPanic(make_error("{ballerina}StackOverflow", {"message": "stack overflow"}))
    except Exception as e:  # noqa: BLE001 - an evaluator bug must still end the strand cleanly
        detail = {"message": f"{type(e).__name__}: {e}"}
        return None, BallerinaPanic(make_error("{ballerina}InternalError", detail))


def _again(p: BallerinaPanic) -> BallerinaPanic:
    """A worker's panic going on in another strand, keeping the frames it passed through in the worker."""
    again = BallerinaPanic(p.error)
    again.trace = list(p.trace)
    if p.line is not None and not again.trace:
        again.line = p.line
    return again


def _failure_of(ended: BFuture | None, peer: str, me: str) -> Any:
    """What a receive (or sync send) gets from a peer that ended without the message."""
    if ended is not None and ended.panic is not None:
        ended.waited = True  # the panic goes on in this strand: it is not lost
        raise _again(ended.panic)
    if ended is not None and isinstance(ended.value, BError):
        return ended.value
    return make_error("{ballerina}NoMessage", {"message": f"no message between worker '{peer}' and '{me}'"})


def _park_on(strands: Strands, ticket: Ticket) -> None:
    outcome = strands.park(ticket)
    if outcome == "timeout":
        raise budget_exhausted("seconds", strands.sandbox.budgets.seconds)
    if outcome == "deadlock":
        raise BallerinaPanic(make_error(
            "deadlock: every worker of the program is waiting (for a message, a wait or a flush) "
            "and none can go on"))


def _stack() -> list[tuple[WorkerGroup, str]]:
    stack = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = []
    return stack  # type: ignore[no-any-return]


def current() -> tuple[WorkerGroup, str]:
    """The group and name of the worker running on this strand."""
    stack = _stack()
    if not stack:
        raise BallerinaPanic(make_error("worker message outside a function with workers"))
    return stack[-1]


# ------------------------------------------------------------ futures of `start` and `wait`


def start(strands: Strands, run: Callable[[], Any], name: str, at_once: bool = False) -> BFuture:
    """`start f(...)`: run the call on a new strand; the caller goes on at once (`at_once`: the new
    strand runs first, see `Strands.spawn`)."""
    future = BFuture(name)

    def body() -> None:
        saved = getattr(_local, "stack", None)
        _local.stack = []
        try:
            future.value, future.panic = _outcome(run)
        finally:
            _local.stack = saved
            future.done = True
            if future.panic is not None:
                strands.failed.append(future)
            for ticket in future.waiters:
                strands.ready(ticket)
            future.waiters.clear()

    strands.spawn(body, name, at_once)
    return future


def _not_future(v: Any) -> BallerinaPanic:
    return BallerinaPanic(make_error("{ballerina}TypeCastError", {"message": "wait requires a future value"}))


def unobserved_panic(strands: Strands) -> BallerinaPanic | None:
    """The first panic a worker or `start`ed call ended with that nothing waited for or received: reported
    when the program ends, as an uncaught panic of `main` is."""
    for future in strands.failed:
        if not future.waited and future.panic is not None:
            return future.panic
    return None


def wait_one(strands: Strands, future: Any) -> Any:
    """`wait f`."""
    if not isinstance(future, BFuture):
        raise _not_future(future)
    while not future.done:
        ticket = strands.ticket()
        future.waiters.append(ticket)
        _park_on(strands, ticket)
    return future.outcome()


def wait_any(strands: Strands, futures: list[Any]) -> Any:
    """`wait A | B`: the first result that is not an error; the last error when all fail."""
    for f in futures:
        if not isinstance(f, BFuture):
            raise _not_future(f)
    pending: list[BFuture] = list(futures)
    last: Any = None
    while pending:
        finished = [f for f in pending if f.done]
        for f in finished:
            pending.remove(f)
            value = f.outcome()
            if not isinstance(value, BError):
                return value
            last = value
        if pending and not finished:
            ticket = strands.ticket()
            for f in pending:
                f.waiters.append(ticket)
            _park_on(strands, ticket)
    return last


def wait_all(strands: Strands, futures: list[Any]) -> list[Any]:
    """`wait {a: A, b: B}`: every result, in order."""
    return [wait_one(strands, f) for f in futures]


# ------------------------------------------------------------ lang.future


def future_is_done(f: BFuture) -> bool:
    """`f.isDone()`: whether the strand ended (its result can be waited for without waiting)."""
    return f.done


def future_cancel(f: BFuture) -> None:
    """`f.cancel()`: Ballerina only requests cancellation; a strand here is never interrupted, so the
    request is recorded and the strand runs to its end."""
    f.cancelled = True


FUTURE_METHODS = {"isDone": future_is_done, "cancel": future_cancel}
