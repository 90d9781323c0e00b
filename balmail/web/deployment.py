"""The listener form's `[balmail.listeners.NAME]` rows: every deployment key the registry
(`balmail.deployment.KEYS`) has for the listener's protocol, the value Config.toml gives it now, and the
check and write of a new one (the registry's own parser decides what is valid, as `balmail run` does).
"""

from __future__ import annotations

import decimal
import tomllib
from pathlib import Path
from typing import Any

from balmail.deployment import KEYS, Key, keys_for
from balmail.web.configurables import MASK
from balmail.web.edit import EditError
from balmail.web.program import ListenerSite

PROTOCOLS = {"POP3": "pop3", "IMAP": "imap"}
SECRET_KEYS = frozenset(k.name for k in KEYS if k.secret)
"""Shown masked: the password, OAuth2 tokens and the `oauth2` table (client secret, refresh token)."""


def table_path(site: ListenerSite) -> tuple[str, ...]:
    return ("balmail", "listeners", site.name)


def _keys(site: ListenerSite) -> list[Key]:
    return keys_for("listener", PROTOCOLS[site.protocol])


def current_table(config_file: Path, site: ListenerSite) -> dict[str, Any]:
    """The listener's table in the Config.toml edits go to ({} when absent or unreadable)."""
    try:
        document = tomllib.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    table: Any = document
    for name in table_path(site):
        table = table.get(name) if isinstance(table, dict) else None
    return table if isinstance(table, dict) else {}


def deployment_rows(site: ListenerSite, config_file: Path) -> dict[str, Any]:
    """What the form shows under "Deployment overrides"; a password is never sent."""
    table = current_table(config_file, site)
    rows = []
    for key in _keys(site):
        value = table.get(key.name)
        shown = None if value is None else (MASK if key.name in SECRET_KEYS else str(value))
        rows.append({
            "key": key.name, "doc": key.doc, "default": key.default, "ballerina": key.ballerina,
            "numeric": key.numeric, "secret": key.name in SECRET_KEYS, "value": shown,
            "set": value is not None,
        })  # fmt: skip
    section = "[" + ".".join(table_path(site)[:2]) + "." + _toml_key(site.name) + "]"
    return {"table": section, "rows": rows}


def parse_key(site: ListenerSite, name: str, text: Any) -> Any:
    """The form's text as the TOML value to write; EditError with the registry's sentence if invalid."""
    key = next((k for k in _keys(site) if k.name == name), None)
    if key is None:
        valid = ", ".join(k.name for k in _keys(site))
        raise EditError(f"unknown key '{name}' for listener '{site.name}'; valid keys: {valid}")
    if not isinstance(text, str):
        raise EditError(f"'{name}' must be given as text")
    try:
        value = key.parse(key.from_flag(text))
    except ValueError as wrong:
        raise EditError(f"'{name}' must be {wrong}, got '{text}'") from None
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _toml_key(name: str) -> str:
    bare = name and all(c.isalnum() or c in "_-" for c in name)
    return name if bare else '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
