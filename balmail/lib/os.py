"""ballerina/os: environment variables, the current user and child processes, behind the sandbox's
`--allow-env` (variables) and `--allow-exec` (programs, lib/os_exec.py) permissions.

`getEnv`, `getUsername` and `getUserHome` return a string in Ballerina, so a refusal cannot be returned:
it panics with the permission error (`trap` sees it). The user name and home folder count as the
environment variables `USER` and `HOME` (`--allow-env=USER,HOME`), which is where a POSIX system keeps
them; they are read from the account database, as the module reads Java's `user.name`.

`setEnv`/`unsetEnv` never touch the host process's environment (other runs in the same process, the
listeners of other programs, balmail itself): they change an overlay kept on the run's context, which
`getEnv`, `listEnv` and the environment of `exec`'d programs read through. Both need `--allow-env` for
the name and return the refusal as an `os:Error`. `listEnv` returns the variables the program may read
(all with a bare `--allow-env`, else the granted names that are set), since it cannot return an error.
"""

from __future__ import annotations

import os
import pwd
from typing import Any

from balmail.lib.os_exec import COMMAND, ENV_PROPERTIES, OS_ERROR, PROCESS, PROCESS_EXEC_ERROR, exec_function
from balmail.lib.registry import LibModule
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.values import BError, BMap

ENV_MAP = T.TMap(T.STRING)


def _account() -> Any:
    try:
        return pwd.getpwuid(os.getuid())
    except KeyError:  # a uid with no account (containers): Java falls back to "?" / "", we to ""
        return None


def _overlay(ctx: Any) -> dict[str, str | None]:
    """The run's changes to its environment (None: unset), shared by every module of the program."""
    overlay = getattr(ctx, "env_overlay", None)
    if overlay is None:
        overlay = {}
        ctx.env_overlay = overlay
    return overlay


def os_error(message: str, cause: BError | None = None) -> BError:
    return BError(message, cause, None, OS_ERROR)


def module(ctx: Any) -> LibModule:
    sb = ctx.sandbox

    def allow(name: str) -> None:
        denied = sb.allow_env(name)
        if denied is not None:
            raise BallerinaPanic(denied)

    def environment() -> dict[str, str]:
        """The run's whole environment: the host's (or the run's given one) with the overlay applied."""
        base = getattr(ctx, "environ", None)
        merged = dict(base if base is not None else os.environ)
        for key, value in _overlay(ctx).items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        return merged

    def visible() -> dict[str, str]:
        """What the program may read of it."""
        return {k: v for k, v in environment().items() if sb.allow_env(k) is None}

    def get_env(name: str) -> str:
        allow(name)
        overlay = _overlay(ctx)
        if name in overlay:
            return overlay[name] or ""
        base = getattr(ctx, "environ", None)
        return (base if base is not None else os.environ).get(name, "")

    def set_env(key: str, value: str) -> Any:
        if key == "":
            return os_error("The parameter key cannot be an empty string")
        if key == "==":
            return os_error("The parameter key cannot be == sign")
        denied = sb.allow_env(key)
        if denied is not None:
            return os_error(denied.message, denied)
        if "=" in key or "\0" in key or "\0" in value:
            return os_error(f"exception occurred: invalid environment variable name or value: {key}")
        _overlay(ctx)[key] = value
        return None

    def unset_env(key: str) -> Any:
        if key == "":
            return os_error("The parameter key cannot be an empty string")
        denied = sb.allow_env(key)
        if denied is not None:
            return os_error(denied.message, denied)
        _overlay(ctx)[key] = None
        return None

    def list_env() -> BMap:
        return BMap(dict(sorted(visible().items())), ENV_MAP)

    def get_username() -> str:
        allow("USER")
        account = _account()
        return account.pw_name if account is not None else ""

    def get_user_home() -> str:
        allow("HOME")
        account = _account()
        return account.pw_dir if account is not None else ""

    return LibModule(
        "ballerina/os",
        functions={
            "getEnv": get_env,
            "setEnv": set_env,
            "unsetEnv": unset_env,
            "listEnv": list_env,
            "getUsername": get_username,
            "getUserHome": get_user_home,
            "exec": exec_function(ctx, visible),
        },
        types={
            "Error": OS_ERROR,
            "ProcessExecError": PROCESS_EXEC_ERROR,
            "Process": PROCESS,
            "Command": COMMAND,
            "EnvProperties": ENV_PROPERTIES,
        },
    )
