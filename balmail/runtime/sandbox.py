"""The sandbox: one policy object per program run holding permissions (default deny) and per-invocation
budgets. Compiled code counts steps (`stick`) on every loop iteration and calls (`tick`) and `rets` on
every call; library functions ask `allow_*` before touching files, network or environment.

Refusals are Ballerina errors naming the permission or budget and the `balmail run` flag that grants it.
"""

from __future__ import annotations

import fnmatch
import math
import os
import time
from itertools import repeat
from operator import length_hint
from typing import Any

import attrs

from balmail.runtime.errors import BallerinaPanic, make_error
from balmail.runtime.values import BError

CHUNK = 10_000  # steps between wall-clock (and memory) checks
BIG = 65_536  # strings built larger than this go through a checked path (size, then memory)
ALLOC_CHECK = 32 * 1024 * 1024  # code points built through checked paths between memory checks
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes() -> int | None:
    """Resident memory of this process (Linux `/proc/self/statm`); None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


@attrs.frozen
class Budgets:
    """Limits for one invocation (a `main` run or one handler call). Defaults suit real handlers."""

    steps: int = 50_000_000
    seconds: float = 60.0
    depth: int = 20_000  # nested calls; docs/evaluator.md compares this with a default `bal run`
    size: int = 16_000_000  # code points in a string, members in a list or map
    memory: int = 2 * 1024**3  # bytes the process may grow by during one invocation

    def with_flags(self, **given: float | int | str | None) -> Budgets:
        """These budgets with the values given on the command line (`steps=`, `seconds=`, ...; None
        keeps the default), each checked: a budget is a positive, finite number, so `nan`, `inf`,
        `0` or `-5` are refused with a sentence naming the flag (`ValueError`)."""
        changes: dict[str, float | int] = {}
        for name, value in given.items():
            if value is None:
                continue
            flag = FLAGS[name]
            if isinstance(value, str):
                value = parse_bytes(value, flag)
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(f"{flag} must be a finite number of {_UNITS[name]}, got {value}")
            if value <= 0:
                raise ValueError(f"{flag} must be a positive number of {_UNITS[name]}, got {value}")
            changes[name] = value
        return attrs.evolve(self, **changes)  # type: ignore[arg-type]


_SUFFIXES = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


def parse_bytes(text: str, flag: str) -> int:
    """`2G`, `512M`, `64K` or a number of bytes (`ValueError` naming the flag otherwise)."""
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    unit = t[-1:] if t[-1:] in _SUFFIXES and t[-1:] else ""
    number = t[: len(t) - len(unit)]
    try:
        amount = float(number)
    except ValueError:
        raise ValueError(f"{flag} expects a number of bytes such as 512M or 2G, got '{text}'") from None
    if not math.isfinite(amount) or amount <= 0:
        raise ValueError(f"{flag} must be a positive, finite number of bytes, got '{text}'")
    return int(amount * _SUFFIXES[unit])


@attrs.define
class Permissions:
    """What the program may reach. `None` means everything of that kind; an empty tuple means nothing."""

    read: tuple[str, ...] | None = ()
    write: tuple[str, ...] | None = ()
    net: tuple[str, ...] | None = ()
    env: tuple[str, ...] | None = ()
    exec: tuple[str, ...] | None = ()  # programs `os:exec` may start: bare names (found on PATH) or paths


FLAGS = {
    "read": "--allow-read",
    "write": "--allow-write",
    "net": "--allow-net",
    "env": "--allow-env",
    "exec": "--allow-exec",
    "steps": "--max-steps",
    "seconds": "--max-time",
    "depth": "--max-depth",
    "size": "--max-size",
    "memory": "--max-memory",
}


_UNITS = {
    "steps": "steps",
    "seconds": "seconds",
    "depth": "nested calls",
    "size": "code points or members",
    "memory": "bytes",
}


class Sandbox:
    """Permissions plus live budget counters, owned by one run: nothing here is module-wide, so two
    sandboxes in one process never see each other's limits. Compiled code, langlib and `lib/` get the
    sandbox they run under passed to them (the compiler's namespace, `langlib.module(name, sandbox)`,
    `ctx.sandbox`).

    The hot paths touch as little as possible. A loop iteration takes one item of `stick` and a call one of
    `tick` (`next(_s.tick, 1)`: `itertools.repeat` iterators armed with what is allowed before the next
    check, so counting is one C call); an empty `stick` is the slow path `stepped`, an empty `tick` is
    `enter`. Steps taken in blocks (`charge`) are owed in `_debt` until the next check. the call's exit counts
    `rets` up, so the depth is `calls - rets` and needs no check of its own: `tick` is armed no further than
    the depth still allowed. The slow paths account both counters against the steps budget, and check the
    clock and memory once per CHUNK steps."""

    def __init__(self, permissions: Permissions | None = None, budgets: Budgets | None = None) -> None:
        self.permissions = permissions or Permissions()
        self.budgets = budgets or Budgets()
        self.stick: Any = repeat(None, 0)
        """One item per loop step until the slow path; `steps` is what it has left less `_debt`."""
        self._debt = 0
        self.tick: Any = repeat(None, 0)
        """One item per call until the slow path; `calls` counts what was taken."""
        self._base = 0  # calls counted when `tick` was armed (plus calls that found it empty)
        self._armed = 0  # the items `tick` was armed with
        self.rets = 0
        self.max_depth = self.budgets.depth
        self.max_size = self.budgets.size
        self.fast_size = min(self.max_size, BIG)
        self.bound: dict[str, Any] = {}  # library tables bound to this sandbox (langlib), built on first use
        self._steps0 = 0  # `steps` and `calls` when the counters were last armed
        self._calls0 = 0
        self._share = 8
        self._left = 0  # steps of the budget not yet accounted
        self._since = 0  # steps accounted since the clock was last read
        self._deadline = 0.0
        self.on_refill: Any = None
        """Called between step chunks (`runtime/strands.py` lets a waiting strand run there)."""
        self._rss_start: int | None = None
        self._built = 0
        self._failed: str | None = None
        self.start_invocation()

    def fork(self, budgets: Budgets | None = None) -> Sandbox:
        """A new, independent sandbox with the same permissions and these budgets (default: the same):
        what a per-listener worker or a per-invocation run takes."""
        return Sandbox(self.permissions, budgets if budgets is not None else self.budgets)

    def start_invocation(self, budgets: Budgets | None = None) -> None:
        """Reset the budgets for a new invocation (optionally replacing them for this sandbox)."""
        if budgets is not None:
            self.budgets = budgets
            self.max_depth = budgets.depth
            self.max_size = budgets.size
            self.fast_size = min(self.max_size, BIG)
        self._rss_start = resident_bytes()
        self._built = 0
        self._failed = None
        self._left = self.budgets.steps
        self._since = 0
        self._deadline = time.monotonic() + self.budgets.seconds
        self._base = self._armed = self.rets = 0
        self.tick = repeat(None, 0)
        self._calls0 = 0
        self._arm()

    @property
    def steps(self) -> int:
        """Steps left before the next check (negative: taken beyond it, to be accounted)."""
        return length_hint(self.stick) - self._debt

    def _set_steps(self, n: int) -> None:
        self.stick, self._debt = repeat(None, max(n, 0)), max(-n, 0)

    @property
    def calls(self) -> int:
        """Calls entered in this invocation."""
        return self._base + self._armed - length_hint(self.tick)

    def _set_tick(self, calls: int, items: int) -> None:
        self._base, self._armed, self.tick = calls, items, repeat(None, items)

    @property
    def depth(self) -> int:
        """Calls entered and not yet left."""
        return self.calls - self.rets

    @depth.setter
    def depth(self, value: int) -> None:
        self.rets = self.calls - value

    def _arm(self) -> None:
        """Share the steps left before the next clock check between loop steps and calls, in proportion to
        what each took since the last check (a stretch of calls alone, as a recursive function makes,
        then takes the slow path 4 times per CHUNK, not 14 as with halves); calls get no more than the
        depth still allowed, so `enter` sees every call that would go too deep."""
        room = max(0, min(CHUNK - self._since, self._left))
        share = max(1, room * self._share // 16) if room else 0
        call_room = max(0, min(share, self.max_depth - self.depth + 1))
        self._steps0 = room - call_room
        self._set_steps(room - call_room)
        self._calls0 = calls = self.calls
        # call_room - 1 calls take the fast path; the next one is `enter`'s
        self._set_tick(calls, max(0, call_room - 1))

    def _settle(self) -> None:
        calls = self.calls - self._calls0
        used = (self._steps0 - self.steps) + calls
        if used:
            self._share = min(15, max(1, 16 * calls // used))  # sixteenths of the next room for calls
        self._left -= used
        self._since += used

    def save_counters(self) -> tuple[Any, ...]:
        """The live counters of the running invocation (a strand giving up the baton keeps them)."""
        return (
            self.steps, self.calls, length_hint(self.tick), self.rets, self._steps0, self._calls0,
            self._left, self._since, self._deadline, self._rss_start, self._built, self._failed,
        )  # fmt: skip

    def restore_counters(self, saved: tuple[Any, ...]) -> None:
        """The counters `save_counters` gave (`tick` as a fresh iterator with the items it had left)."""
        steps, calls, items, self.rets, self._steps0, self._calls0 = saved[:6]
        self._set_steps(steps)
        self._set_tick(calls, items)
        self._left, self._since, self._deadline, self._rss_start, self._built, self._failed = saved[6:]

    def enter(self) -> None:
        """The slow path of a call (`tick` was empty): the call is counted, then the depth budget, then
        `refill`. A call refused here never runs, so its exit is counted here."""
        self._base += 1
        if self.calls - self.rets > self.max_depth:
            self.rets += 1
            raise self.too_deep()
        try:
            self.refill()
        except BaseException:
            self.rets += 1
            raise

    def refill(self) -> None:
        """Account the steps taken since the counters were armed, fail an exhausted budget, check the
        clock and memory once per CHUNK steps, and arm the counters again."""
        if self._failed is not None:
            raise self.exhaust(self._failed)
        self._settle()
        if self._left < 0:
            raise self.exhaust("steps")
        if self._since >= CHUNK:
            self.poll()
        self._arm()

    def poll(self) -> None:
        """Between chunks (and after a sleep): let a waiting strand run, then check the clock and memory."""
        self._since = 0
        if self.on_refill is not None:
            self.on_refill()
        if self._failed is not None:
            raise self.exhaust(self._failed)
        if time.monotonic() > self._deadline:
            raise self.exhaust("seconds")
        self.check_memory()

    def charge(self, n: int) -> None:
        """Take `n` steps at once (counted loops charge in blocks, not per iteration)."""
        self._debt += n
        if self._debt > length_hint(self.stick):
            self.refill()

    def stepped(self) -> None:
        """The slow path of a loop step (`stick` was empty): the step is counted, then `refill`."""
        self._debt += 1
        self.refill()

    def seconds_left(self) -> float:
        """Wall-clock seconds left in this invocation: what a library call that can run long (a
        regular expression match) may take before it must stop."""
        return max(0.0, self._deadline - time.monotonic())

    def exhaust(self, kind: str) -> BallerinaPanic:
        """The panic for an exhausted budget; the budget then stays exhausted for the rest of the
        invocation (every later step or call takes the slow path and fails again)."""
        self._set_steps(-(10**9))
        self._set_tick(self.calls, 0)
        self._failed = kind
        return budget_exhausted(kind, getattr(self.budgets, kind))

    def check_memory(self) -> None:
        """Fail the memory budget when the process grew by more than it since the invocation began
        (read every step chunk and after every ALLOC_CHECK code points built through checked paths)."""
        self._built = 0
        if self._rss_start is None:
            return
        now = resident_bytes()
        if now is not None and now - self._rss_start > self.budgets.memory:
            raise self.exhaust("memory")

    def out_of_memory(self) -> BallerinaPanic:
        """What a Python `MemoryError` inside an invocation becomes: the memory budget error."""
        return self.exhaust("memory")

    def too_deep(self) -> BallerinaPanic:
        return budget_exhausted("depth", self.budgets.depth)

    def check_size(self, n: int) -> None:
        """Fail the size budget when a value of `n` code points or members would be built (called
        before building it); large values also count towards the next memory check."""
        if n > self.max_size:
            raise budget_exhausted("size", self.budgets.size)
        if n > BIG:
            self._built += n
            if self._built > ALLOC_CHECK:
                self.check_memory()

    def sized(self, v: Any) -> Any:
        """`v` when it is within the size budget (the slow path of generated string building)."""
        if type(v) is str:
            self.check_size(len(v))
        return v

    # ------------------------------------------------------------ permissions

    def allow_read(self, path: str) -> BError | None:
        return self._allow_path("read", path)

    def allow_write(self, path: str) -> BError | None:
        return self._allow_path("write", path)

    def _allow_path(self, kind: str, path: str) -> BError | None:
        granted = getattr(self.permissions, kind)
        if granted is None:
            return None
        target = os.path.realpath(path)
        for root in granted:
            base = os.path.realpath(root)
            if target == base or target.startswith(base.rstrip(os.sep) + os.sep):
                return None
        return denied(kind, path)

    def allow_net(self, host: str, port: int | None = None) -> BError | None:
        granted = self.permissions.net
        if granted is None:
            return None
        for entry in granted:
            h, _, p = entry.partition(":")
            if fnmatch.fnmatch(host.lower(), h.lower()) and (not p or port is None or str(port) == p):
                return None
        return denied("net", f"{host}:{port}" if port is not None else host)

    def allow_env(self, name: str) -> BError | None:
        granted = self.permissions.env
        if granted is None or name in granted:
            return None
        return denied("env", name)

    def allow_exec(self, program: str, resolved: str | None) -> BError | None:
        """Whether `os:exec` may start `program` (as the code names it; `resolved`: the file it names, or
        None when there is none). A granted bare name allows that name looked up on the host's PATH; a
        granted path allows that file (compared after `realpath`)."""
        granted = self.permissions.exec
        if granted is None:
            return None
        for entry in granted:
            if os.sep not in entry:
                if entry == program:
                    return None
            elif resolved is not None and os.path.realpath(entry) == os.path.realpath(resolved):
                return None
        return denied("exec", program)


def metered(fn: Any) -> Any:
    """Mark a library function whose first parameter is the sandbox it checks budgets against; the
    module tables bind it per sandbox (`functools.partial(fn, sandbox)`)."""
    fn.metered = True
    return fn


def denied(kind: str, what: str) -> BError:
    """The error a refused permission becomes."""
    noun = {
        "read": "reading",
        "write": "writing",
        "net": "network access to",
        "env": "environment variable",
        "exec": "running the program",
    }[kind]
    flag = FLAGS[kind]
    return make_error(
        f"permission denied: {noun} '{what}' is not allowed; grant it with {flag}={what}",
        {"permission": kind, "flag": flag},
    )


def budget_exhausted(kind: str, limit: Any) -> BallerinaPanic:
    """The panic an exhausted budget becomes (a `trap` sees it as an error)."""
    what = {
        "steps": f"step budget of {limit} steps exhausted",
        "seconds": f"time budget of {limit} seconds exhausted",
        "depth": f"call depth budget of {limit} nested calls exhausted",
        "size": f"size budget of {limit} exceeded",
        "memory": f"memory budget of {limit} bytes exceeded",
    }[kind]
    return BallerinaPanic(
        make_error(f"{what}; raise it with {FLAGS[kind]}", {"budget": kind, "flag": FLAGS[kind]})
    )
