"""ballerina/lang.runtime: `sleep`, bounded by the invocation's wall-time budget, and `onGracefulStop`,
whose handlers run when the program ends gracefully (after the listeners' `gracefulStop`, or after
`main` when nothing listens), in reverse order of registration; `registerListener` makes a dynamic
listener a module listener (serve.py starts and stops it with the others)."""

from __future__ import annotations

import time
from typing import Any

from balmail.lib.registry import LibModule
from balmail.runtime.strands import blocking


def module(ctx: Any) -> LibModule:
    sb = ctx.sandbox

    def sleep(seconds: Any) -> None:
        wait = max(0.0, float(seconds))
        left = sb._deadline - time.monotonic()  # read before other strands' counters are loaded
        with blocking(ctx):  # other handlers run while this one sleeps
            time.sleep(max(0.0, min(wait, left)))
        if wait > left:
            sb.poll()

    def on_graceful_stop(handler: Any) -> None:
        handlers = getattr(ctx, "stop_handlers", None)
        if handlers is None:
            handlers = ctx.stop_handlers = []
        handlers.append(handler)

    def register_listener(listener: Any) -> None:
        """A dynamic listener becomes a module listener: started after `main`, stopped at the end."""
        registered = getattr(ctx, "dynamic_listeners", None)
        if registered is None:
            registered = ctx.dynamic_listeners = []
        if not any(listener is r for r in registered):
            registered.append(listener)

    def deregister_listener(listener: Any) -> None:
        registered = getattr(ctx, "dynamic_listeners", None) or []
        ctx.dynamic_listeners = [r for r in registered if r is not listener]

    return LibModule(
        "ballerina/lang.runtime",
        functions={
            "sleep": sleep,
            "onGracefulStop": on_graceful_stop,
            "registerListener": register_listener,
            "deregisterListener": deregister_listener,
        },
    )


def run_stop_handlers(ctx: Any) -> Any:
    """Call the `onGracefulStop` handlers, last registered first; the first error any of them returns
    or panics with (each is called even after one fails)."""
    from balmail.runtime.errors import BallerinaPanic
    from balmail.runtime.values import BError

    first = None
    for handler in reversed(getattr(ctx, "stop_handlers", None) or []):
        try:
            result = handler.call([])
        except BallerinaPanic as p:
            result = p.error
        if isinstance(result, BError) and first is None:
            first = result
    return first
