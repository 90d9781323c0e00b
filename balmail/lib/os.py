"""ballerina/os: environment variables, behind the sandbox's `--allow-env` permission. `getEnv` returns a
string in Ballerina, so a refusal cannot be returned: it panics with the permission error (`trap` sees it)."""

from __future__ import annotations

import os
from typing import Any

from balmail.lib.registry import LibModule
from balmail.runtime.errors import BallerinaPanic


def module(ctx: Any) -> LibModule:
    sb = ctx.sandbox
    environ = getattr(ctx, "environ", None)

    def get_env(name: str) -> str:
        denied = sb.allow_env(name)
        if denied is not None:
            raise BallerinaPanic(denied)
        source = environ if environ is not None else os.environ
        return source.get(name, "")

    return LibModule("ballerina/os", functions={"getEnv": get_env})
