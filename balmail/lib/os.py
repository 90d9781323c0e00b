"""ballerina/os: environment variables and the current user, behind the sandbox's `--allow-env`
permission. `getEnv`, `getUsername` and `getUserHome` return a string in Ballerina, so a refusal cannot
be returned: it panics with the permission error (`trap` sees it). The user name and home folder count
as the environment variables `USER` and `HOME` (`--allow-env=USER,HOME`), which is where a POSIX
system keeps them; they are read from the account database, as the module reads Java's `user.name`."""

from __future__ import annotations

import os
import pwd
from typing import Any

from balmail.lib.registry import LibModule
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic

OS_ERROR = T.TError(None, frozenset({-700}))
OS_ERROR.name = "os:Error"


def _account() -> Any:
    try:
        return pwd.getpwuid(os.getuid())
    except KeyError:  # a uid with no account (containers): Java falls back to "?" / "", we to ""
        return None


def module(ctx: Any) -> LibModule:
    sb = ctx.sandbox
    environ = getattr(ctx, "environ", None)

    def allow(name: str) -> None:
        denied = sb.allow_env(name)
        if denied is not None:
            raise BallerinaPanic(denied)

    def get_env(name: str) -> str:
        allow(name)
        source = environ if environ is not None else os.environ
        return source.get(name, "")

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
            "getUsername": get_username,
            "getUserHome": get_user_home,
        },
        types={"Error": OS_ERROR},
    )
