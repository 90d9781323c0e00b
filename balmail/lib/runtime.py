"""ballerina/lang.runtime: `sleep`, bounded by the invocation's wall-time budget."""

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

    return LibModule("ballerina/lang.runtime", functions={"sleep": sleep})
