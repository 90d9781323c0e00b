"""Deeply nested input without a Python traceback: `call_deep` runs a function on a thread with a big
stack and a high recursion limit, so the recursive passes (name and type checks, lint rules, the
compiler) handle thousands of nested `if`s, `[`s or `+` terms; `NestingTooDeep` is what is left when
even that is not enough (the caller reports it as a diagnostic, never a traceback).

Why threads: CPython's recursion limit guards the C stack of the *main* thread (8 MB by default); a
thread can be given a larger one (`threading.stack_size`), which is only reserved, not used, until a
deep input needs it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

R = TypeVar("R")

STACK_BYTES = 512 * 1024 * 1024
RECURSION_LIMIT = 400_000


class NestingTooDeep(Exception):
    """The input nests more deeply than balmail's passes can follow."""

    def __init__(self) -> None:
        super().__init__(
            "the program nests too deeply for balmail to follow (nested blocks, brackets or a chain of "
            "operators thousands of levels deep); split it into smaller expressions or functions"
        )


_STACK_SIZE_LOCK = threading.Lock()


@contextmanager
def thread_stack(nbytes: int) -> Iterator[None]:
    """Threads started inside get stacks of `nbytes`. `threading.stack_size` is one setting for the whole
    process, so setting it, starting the thread and restoring it is done under one lock: two threads doing
    this at once must not leave each other's size (or a small one) behind."""
    with _STACK_SIZE_LOCK:
        old = threading.stack_size()
        try:
            threading.stack_size(nbytes)
        except (ValueError, RuntimeError):
            pass
        try:
            yield
        finally:
            threading.stack_size(old)


def call_deep(fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """`fn(*args, **kwargs)` on a big-stack thread; its exceptions are raised here. A RecursionError
    becomes `NestingTooDeep`."""
    if threading.current_thread().name == "balmail-deep":
        return _guarded(fn, *args, **kwargs)
    result: list[Any] = []
    failure: list[BaseException] = []

    def body() -> None:
        try:
            result.append(_guarded(fn, *args, **kwargs))
        except BaseException as e:  # noqa: BLE001 - handed to the calling thread as is
            failure.append(e)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    with thread_stack(STACK_BYTES):
        worker = threading.Thread(target=body, name="balmail-deep")
        worker.start()
    worker.join()
    if failure:
        raise failure[0]
    return result[0]  # type: ignore[no-any-return]


def _guarded(fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    try:
        return fn(*args, **kwargs)
    except RecursionError:
        raise NestingTooDeep() from None
