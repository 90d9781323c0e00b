"""ballerina/lang.runtime: `sleep`, bounded by the invocation's wall-time budget."""

from __future__ import annotations

import time
from typing import Any

from balmail.lib.registry import LibModule


def module(ctx: Any) -> LibModule:
    sb = ctx.sandbox

    def sleep(seconds: Any) -> None:
        wait = max(0.0, float(seconds))
        left = sb._deadline - time.monotonic()
        if wait > left:
            time.sleep(max(0.0, left))
            sb.steps = -1
            sb.refill()
        time.sleep(wait)

    return LibModule("ballerina/lang.runtime", functions={"sleep": sleep})
