"""`[balmail.permissions]` in Config.toml: the sandbox permissions of a deployment, beside the
`--allow-*` flags (docs/sandbox.md). Keys are the flags' names without `--allow-`:

    [balmail.permissions]
    exec = ["git", "/usr/local/bin/convert"]   # --allow-exec
    env = ["MAIL_HOST"]                        # --allow-env
    read = ["data"]                            # --allow-read (relative to the Config.toml's folder)
    net = true                                 # everything of that kind, as a bare flag

What Config.toml grants is added to what the flags grant (neither takes away); the first source that
sets a key wins, in the order configurable values are looked up.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import attrs

from balmail.runtime.sandbox import Permissions

KINDS = ("read", "write", "net", "env", "exec")
_PATH_KINDS = frozenset({"read", "write"})


class PermissionConfigError(Exception):
    """A `[balmail.permissions]` value of the wrong shape; the message says where."""


def config_permissions(documents: Iterable[tuple[str, dict[str, Any]]], cwd: str) -> dict[str, Any]:
    """Kind → granted entries (a tuple) or None (everything), for the kinds Config.toml sets."""
    found: dict[str, Any] = {}
    for origin, document in documents:
        section = document.get("balmail", {}) if isinstance(document, dict) else {}
        table = section.get("permissions") if isinstance(section, dict) else None
        if table is None:
            continue
        where = f"[{origin}] [balmail.permissions]"
        if not isinstance(table, dict):
            raise PermissionConfigError(f"{where} must be a table")
        base = os.path.dirname(os.path.abspath(origin)) if origin.endswith(".toml") else cwd
        for key, value in table.items():
            if key not in KINDS:
                raise PermissionConfigError(f"{where}: unknown key '{key}'; valid keys: {', '.join(KINDS)}")
            if key in found:
                continue
            if value is True:
                found[key] = None
            elif value is False:
                found[key] = ()
            elif isinstance(value, list) and all(isinstance(v, str) and v for v in value):
                entries = [os.path.join(base, v) if key in _PATH_KINDS else v for v in value]
                if key == "exec":  # a program given by path is relative to the file, a bare name is not
                    entries = [os.path.join(base, v) if os.sep in v else v for v in value]
                found[key] = tuple(entries)
            else:
                raise PermissionConfigError(
                    f"{where}: '{key}' must be a list of non-empty strings, or true for everything"
                )
    return found


def widen(permissions: Permissions, granted: dict[str, Any]) -> Permissions:
    """`permissions` with the Config.toml grants added."""
    changes: dict[str, Any] = {}
    for kind, more in granted.items():
        have = getattr(permissions, kind)
        if have is None or more is None:
            changes[kind] = None
        else:
            changes[kind] = tuple(dict.fromkeys((*have, *more)))
    return attrs.evolve(permissions, **changes)
