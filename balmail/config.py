"""Configurable values, looked up as Ballerina does: `-Cname=value` first, then `BAL_CONFIG_DATA` (TOML text),
then the files in `BAL_CONFIG_FILES` (path-separator list), then `Config.toml` in the working directory.
Each value is checked against the variable's declared type; a missing required value or a wrong type is a
`ConfigError` naming the variable and the source, raised before anything runs.
"""

from __future__ import annotations

import decimal
import os
import tomllib
from pathlib import Path
from typing import Any

from balmail.runtime import types as T
from balmail.runtime.values import BList, BMap

DEPLOYMENT_TABLE = "balmail"
"""`[balmail...]` holds deployment settings (balmail/deployment.py), never configurable values."""


class ConfigError(Exception):
    """A configuration problem to fix; the message names the variable and where its value came from."""


def load_documents(cwd: Path, environ: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """The TOML documents configuration comes from, in lookup order, as (origin, table)."""
    return _load_sources(cwd, environ)


def _load_sources(cwd: Path, environ: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    sources: list[tuple[str, dict[str, Any]]] = []
    data = environ.get("BAL_CONFIG_DATA")
    if data:
        try:
            sources.append(("BAL_CONFIG_DATA", tomllib.loads(data)))
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"invalid TOML in BAL_CONFIG_DATA: {e}") from None
    files = environ.get("BAL_CONFIG_FILES")
    paths = [Path(p) for p in files.split(os.pathsep) if p] if files else [cwd / "Config.toml"]
    for p in paths:
        if not p.is_absolute():
            p = cwd / p
        if not p.is_file():
            if files:
                raise ConfigError(f"configuration file '{p}' (from BAL_CONFIG_FILES) does not exist")
            continue
        try:
            sources.append((str(p), tomllib.loads(p.read_text(encoding="utf-8"))))
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"invalid TOML in '{p}': {e}") from None
    return sources


def config_sources(cwd: Path, environ: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """Every TOML document configuration is read from, first one winning (for `[ballerina.log]`)."""
    return _load_sources(cwd, environ)


def _lookup(table: dict[str, Any], name: str) -> tuple[bool, Any]:
    """A variable's value in one TOML document: top level, or under a module table (`[org.module]`)."""
    if name in table and not isinstance(table[name], dict):
        return True, table[name]
    if name in table and isinstance(table[name], dict):
        return True, table[name]
    for k, v in table.items():
        if isinstance(v, dict) and k != DEPLOYMENT_TABLE:
            found, val = _lookup_nested(v, name)
            if found:
                return True, val
    return False, None


def _lookup_module(table: dict[str, Any], module_table: str, name: str) -> tuple[bool, Any]:
    """A package submodule's variable: only under its own table, `[org.pkg.mod]`."""
    for part in module_table.split("."):
        inner = table.get(part)
        if not isinstance(inner, dict):
            return False, None
        table = inner
    return (True, table[name]) if name in table else (False, None)


def _lookup_nested(table: dict[str, Any], name: str) -> tuple[bool, Any]:
    if name in table:
        return True, table[name]
    for v in table.values():
        if isinstance(v, dict):
            found, val = _lookup_nested(v, name)
            if found:
                return True, val
    return False, None


def _from_cli(text: str, t: T.Type) -> Any:
    r = T.resolve(t)
    members = T.member_types(r)
    for m in members:
        try:
            if isinstance(m, T.TString):
                return text
            if isinstance(m, T.TInt):
                v = int(text)
                if m.contains(v):
                    return v
            if isinstance(m, T.TFloat):
                return float(text)
            if isinstance(m, T.TDecimal):
                return decimal.Decimal(text)
            if isinstance(m, T.TBoolean) and text in ("true", "false"):
                return text == "true"
        except (ValueError, decimal.InvalidOperation):
            continue
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        raise ValueError(text) from None


def to_value(raw: Any, t: T.Type) -> Any:
    """A TOML value as a Ballerina value of type `t`; raises ValueError when it does not fit."""
    r = T.resolve(t)
    if isinstance(r, T.TUnion):
        for m in r.members:
            try:
                return to_value(raw, m)
            except ValueError:
                continue
        raise ValueError
    if isinstance(r, T.TIntersection):
        from balmail.runtime.ops import clone_readonly

        value = to_value(raw, r.non_readonly())
        return clone_readonly(value) if r.readonly else value
    if isinstance(raw, decimal.Decimal):
        if isinstance(r, T.TDecimal | T.TAnydata | T.TJson | T.TAny):
            return raw
        raise ValueError
    if isinstance(raw, bool):
        if isinstance(r, T.TBoolean | T.TAnydata | T.TJson | T.TAny):
            return raw
        raise ValueError
    if isinstance(raw, int):
        if isinstance(r, T.TInt) and r.contains(raw):
            return raw
        if isinstance(r, T.TFloat):
            return float(raw)
        if isinstance(r, T.TDecimal):
            return decimal.Decimal(raw)
        if isinstance(r, T.TAnydata | T.TJson | T.TAny):
            return raw
        if isinstance(r, T.TSingleton) and r.value == raw:
            return raw
        raise ValueError
    if isinstance(raw, float):
        if isinstance(r, T.TFloat | T.TAnydata | T.TJson | T.TAny):
            return raw
        if isinstance(r, T.TDecimal):
            return decimal.Decimal(repr(raw))
        raise ValueError
    if isinstance(raw, str):
        if isinstance(r, T.TString | T.TAnydata | T.TJson | T.TAny) or (
            isinstance(r, T.TSingleton) and r.value == raw
        ):
            return raw
        raise ValueError
    if isinstance(raw, list):
        if isinstance(r, T.TArray):
            return BList([to_value(x, r.element) for x in raw], t, ro=True)
        if isinstance(r, T.TTuple):
            if len(raw) < len(r.members) or (r.rest is None and len(raw) != len(r.members)):
                raise ValueError
            return BList([to_value(x, r.member_type(i) or T.ANYDATA) for i, x in enumerate(raw)], t, ro=True)
        if isinstance(r, T.TAnydata | T.TJson):
            return BList([to_value(x, r) for x in raw], T.TArray(r), ro=True)
        raise ValueError
    if isinstance(raw, dict):
        if isinstance(r, T.TRecord):
            out = BMap(type=t, ro=True)
            for name, f in r.fields.items():
                if name in raw:
                    out[name] = to_value(raw[name], f.type)
                elif f.default is not None:
                    out[name] = f.default()
                elif not f.optional:
                    raise ValueError(f"missing field '{name}'")
            for k, x in raw.items():
                if k not in r.fields:
                    if r.rest is None:
                        raise ValueError(f"unknown field '{k}'")
                    out[k] = to_value(x, r.rest)
            return out
        if isinstance(r, T.TMap):
            return BMap({k: to_value(x, r.constraint) for k, x in raw.items()}, t, ro=True)
        if isinstance(r, T.TAnydata | T.TJson):
            return BMap({k: to_value(x, r) for k, x in raw.items()}, T.TMap(r), ro=True)
        raise ValueError
    raise ValueError


def _toml_kind(raw: Any) -> str:
    return {bool: "boolean", int: "int", float: "float", str: "string", list: "array", dict: "table"}.get(
        type(raw), type(raw).__name__
    )


def resolve_configurables(
    configurables: list[tuple[str, int, T.Type, bool]],
    *,
    cwd: Path,
    environ: dict[str, str],
    overrides: dict[str, str],
) -> dict[str, Any]:
    """Values for the program's configurable variables (name → value); defaults stay with the program."""
    if not configurables:
        return {}
    sources = _load_sources(cwd, environ)
    values: dict[str, Any] = {}
    known = {name.rpartition(":")[2] for name, _, _, _ in configurables}
    for key in overrides:
        if key.split(".")[-1] not in known:
            raise ConfigError(f"[-C{key}] no configurable variable named '{key}' in the program")
    for name, _slot, t, required in configurables:
        module_table, _, variable = name.rpartition(":")  # a package submodule's: `org.pkg.mod:name`
        override = next((v for k, v in overrides.items() if k.split(".")[-1] == variable), None)
        if override is not None:
            try:
                values[name] = to_value(_from_cli(override, t), t)
            except ValueError:
                raise ConfigError(
                    f"[-C{name}={override}] value for configurable variable '{name}' is not of type '{t}'"
                ) from None
            continue
        for origin, table in sources:
            if module_table:
                found, raw = _lookup_module(table, module_table, variable)
            else:
                found, raw = _lookup(table, name)
            if not found:
                continue
            try:
                values[name] = to_value(raw, t)
            except ValueError as e:
                why = f" ({e})" if str(e) else ""
                raise ConfigError(
                    f"[{origin}] configurable variable '{name}' expects a value of type '{t}', "
                    f"found {_toml_kind(raw)}{why}"
                ) from None
            break
        else:
            if required:
                where = "Config.toml, BAL_CONFIG_FILES, BAL_CONFIG_DATA or -C" + name + "=..."
                raise ConfigError(
                    f"value not provided for required configurable variable '{name}' (set it in {where})"
                )
    return values
