"""Configurable values, looked up as Ballerina does: `-Cname=value` first, then `BAL_CONFIG_DATA` (TOML text),
then the files in `BAL_CONFIG_FILES` (path-separator list), then `Config.toml` in the working directory.
Each value is checked against the variable's declared type; a missing required value or a wrong type is a
`ConfigError` naming the variable and the source, raised before anything runs.
"""

from __future__ import annotations

import decimal
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from balmail.config_text import (
    INT_MAX,
    INT_MIN,
    ConfigError,
    check_ints,
    check_text,
    decode,
    key_spans,
    parse,
)
from balmail.runtime import types as T
from balmail.runtime.values import BList, BMap

DEPLOYMENT_TABLE = "balmail"
"""`[balmail...]` holds deployment settings (balmail/deployment.py), never configurable values."""


__all__ = ["ConfigError", "config_sources", "load_documents", "resolve_configurables", "to_value"]

def load_documents(cwd: Path, environ: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """The TOML documents configuration comes from, in lookup order, as (origin, table)."""
    return _load_sources(cwd, environ)


def _load_sources(cwd: Path, environ: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    return [(origin, table) for origin, _text, table in _load_texts(cwd, environ)]


def _load_texts(cwd: Path, environ: dict[str, str]) -> list[tuple[str, str, dict[str, Any]]]:
    """(origin, text, table) of each document, in lookup order."""
    sources: list[tuple[str, str, dict[str, Any]]] = []
    data = environ.get("BAL_CONFIG_DATA")
    if data:
        sources.append(("BAL_CONFIG_DATA", data, parse(data, "BAL_CONFIG_DATA")))
    files = environ.get("BAL_CONFIG_FILES")
    paths = [Path(p) for p in files.split(os.pathsep) if p] if files else [Path("Config.toml")]
    for p in paths:
        if not p.is_absolute():
            p = cwd / p
        if not p.is_file():
            if files:
                raise ConfigError(f"configuration file '{p}' (from BAL_CONFIG_FILES) does not exist")
            continue
        try:
            text = decode(p.read_bytes(), str(p))
        except OSError as e:
            raise ConfigError(f"cannot read configuration file '{p}': {e.strerror}") from None
        sources.append((str(p), text, parse(text, str(p))))
    return sources


def config_sources(
    cwd: Path, environ: dict[str, str], overrides: dict[str, str] | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """Every TOML document configuration is read from, first one winning (for `[ballerina.log]`); the
    `-C` values of library configurables (`-Cballerina.log.level=DEBUG`) come first, as a document."""
    library = library_overrides(overrides or {})
    return ([("-C", library)] if library else []) + _load_sources(cwd, environ)


LIBRARY_CLI_KEYS: dict[str, type] = {
    "ballerina.log.level": str,
    "ballerina.log.format": str,
    "ballerina.log.enableSensitiveDataMasking": bool,
}
"""The configurables of library modules balmail reads that `-C` can set (Ballerina's log module's simple
ones; its tables and arrays are not command-line values)."""


def library_overrides(overrides: dict[str, str]) -> dict[str, Any]:
    """The `-C` values of LIBRARY_CLI_KEYS as a TOML table (`{"ballerina": {"log": {"level": ...}}}`)."""
    table: dict[str, Any] = {}
    for key, text in overrides.items():
        kind = LIBRARY_CLI_KEYS.get(key)
        if kind is None:
            continue
        *path, name = key.split(".")
        inner = table
        for part in path:
            inner = inner.setdefault(part, {})
        inner[name] = {"true": True, "false": False}.get(text, text) if kind is bool else text
    return table


def _lookup(table: dict[str, Any], name: str) -> tuple[bool, Any]:
    """A variable's value in one TOML document: top level, or under a module table (`[org.module]`)."""
    path = _find(table, name)
    return (False, None) if path is None else (True, _at(table, path))


def _find(table: dict[str, Any], name: str) -> tuple[str, ...] | None:
    """Where a root-module variable is: top level, or the first table (depth first) that has it."""
    if name in table:
        return (name,)
    todo: list[tuple[tuple[str, ...], dict[str, Any]]] = [
        ((k,), v) for k, v in reversed(table.items()) if isinstance(v, dict) and k != DEPLOYMENT_TABLE
    ]
    while todo:
        path, inner = todo.pop()
        if name in inner:
            return (*path, name)
        todo.extend((((*path, k), v) for k, v in reversed(inner.items()) if isinstance(v, dict)))
    return None


def _find_module(table: dict[str, Any], module_table: str, name: str) -> tuple[str, ...] | None:
    """A package submodule's variable: only under its own table, `[org.pkg.mod]`, or `[pkg.mod]` (the
    submodules are the root package's, whose org Ballerina lets the key leave out)."""
    full = (*module_table.split("."), name)
    for path in (full, full[1:]) if len(full) > 3 else (full,):
        inner: Any = table
        for part in path[:-1]:
            inner = inner.get(part)
            if not isinstance(inner, dict):
                break
        else:
            if name in inner:
                return path
    return None


def _at(table: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = table
    for part in path:
        value = value[part]
    return value


_CLI_INT = re.compile(r"[+-]?[0-9]+")


def _from_cli(text: str, t: T.Type, origin: str) -> Any:
    check_text(text, origin)
    r = T.resolve(t)
    members = T.member_types(r)
    for m in members:
        try:
            if isinstance(m, T.TString):
                return text
            if isinstance(m, T.TInt) and _CLI_INT.fullmatch(text):
                v = int(text)
                if INT_MIN <= v <= INT_MAX and m.contains(v):
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
        value = tomllib.loads(f"v = {text}")["v"]
    except (tomllib.TOMLDecodeError, RecursionError):
        raise ValueError(text) from None
    check_ints(value, origin)
    return value


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


IGNORED_TABLES = (DEPLOYMENT_TABLE, "ballerina", "ballerinax")
"""Tables of balmail's deployment settings and of library modules: never reported as unused here
(`[balmail...]` has its own checks, `[ballerina.log]` is read by the log sink)."""
MAX_UNUSED_REPORTED = 25


def _unused(
    origin: str, text: str, table: dict[str, Any], used: set[tuple[str, ...]], cwd: Path
) -> list[str]:
    """Ballerina's `[Config.toml:(2:1,2:14)] unused configuration value 'b'` for each table and key
    that no configurable variable took (a table and every key in it, as Ballerina lists them)."""
    prefixes = {path[:i] for path in used for i in range(1, len(path))}
    found: list[tuple[str, ...]] = []
    todo = [((k,), v) for k, v in reversed(table.items()) if k not in IGNORED_TABLES]
    while todo and len(found) <= MAX_UNUSED_REPORTED:
        path, value = todo.pop()
        if path in used:
            continue
        if path not in prefixes:
            found.append(path)
        if isinstance(value, dict):
            todo.extend(((*path, k), v) for k, v in reversed(value.items()))
    if not found:
        return []
    spans = key_spans(text)
    try:
        name = str(Path(origin).relative_to(cwd)) if origin != "BAL_CONFIG_DATA" else origin
    except ValueError:
        name = origin
    out = []
    for path in found[:MAX_UNUSED_REPORTED]:
        # a table made only of sub-tables (`[x.y]` makes `x`) spans its first sub-table, as in Ballerina
        span = spans.get(path) or next((s for k, s in spans.items() if k[: len(path)] == path), None)
        out.append(f"[{name}{':' + span if span else ''}] unused configuration value '{'.'.join(path)}'")
    if len(found) > MAX_UNUSED_REPORTED:
        out.append(f"[{name}] more unused configuration values")
    return out


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
    root: str = "",
) -> dict[str, Any]:
    """Values for the program's configurable variables (name → value); defaults stay with the program.
    `root` is the package's default module as Ballerina names it (`org/pkg`; "" for a lone file): it
    decides which `-C` keys name which variable (`cli_override`)."""
    documents = _load_texts(cwd, environ)
    values: dict[str, Any] = {}
    used: dict[str, set[tuple[str, ...]]] = {origin: set() for origin, _, _ in documents}
    taken: set[str] = set(overrides) & LIBRARY_CLI_KEYS.keys()  # read by the library (config_sources)
    problems: list[str] = []
    for name, _slot, t, required in configurables:
        module_table, _, variable = name.rpartition(":")  # a package submodule's: `org.pkg.mod:name`
        paths = {  # a value shadowed by one looked up earlier is still the variable's, not unused
            origin: _find_module(table, module_table, variable) if module_table else _find(table, name)
            for origin, _text, table in documents
        }
        for origin, path in paths.items():
            if path is not None:
                used[origin].add(path)
        override = cli_override(name, root, overrides, taken)
        if override is not None:
            where = f"-C{name}={override}" if len(override) <= 80 else f"-C{name}=..."
            try:
                values[name] = to_value(_from_cli(override, t, where), t)
            except ValueError:
                raise ConfigError(
                    f"[{where}] value for configurable variable '{name}' is not of type '{t}'"
                ) from None
            continue
        for origin, _text, table in documents:
            path = paths[origin]
            if path is None:
                continue
            raw = _at(table, path)
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
                problems.append(
                    f"value not provided for required configurable variable '{name}' (set it in {where})"
                )
    problems.extend(f"[{k}={v}] unused command line argument" for k, v in overrides.items() if k not in taken)
    problems.extend(
        line for origin, text, table in documents for line in _unused(origin, text, table, used[origin], cwd)
    )
    if problems:
        raise ConfigError("\nerror: ".join(problems))
    return values


def cli_keys(name: str, root: str) -> tuple[str, tuple[str, ...]]:
    """The `-C` keys of a configurable, as Ballerina's runtime (CliProvider) matches them: the fully
    qualified `org.module.variable` first; then, the package being the root package, `module.variable`
    and, for the default module, the bare `variable` (giving both of these is an error). A lone file's
    variables have only the bare key. `name` is `variable` or, for a submodule, `org.pkg.mod:variable`."""
    module_table, _, variable = name.rpartition(":")
    if module_table:
        module = module_table.partition(".")[2]
        return module_table + "." + variable, (f"{module}.{variable}",)
    if not root:
        return variable, ()
    org, _, package = root.partition("/")
    return f"{org}.{package}.{variable}", (variable, f"{package}.{variable}")


def cli_override(name: str, root: str, overrides: dict[str, str], taken: set[str]) -> str | None:
    """The `-C` value given for a configurable (None: none), adding the key used to `taken`."""
    full, short = cli_keys(name, root)
    if full in overrides:
        taken.add(full)
        return overrides[full]
    given = [k for k in short if k in overrides]
    taken.update(given)
    if len(given) > 1:
        variable = name.rpartition(":")[2]
        clash = ", ".join(f"{k}={overrides[k]}" for k in given)
        raise ConfigError(
            f"configurable value for variable '{variable}' clashes with multiple command line arguments "
            f"[{clash}]"
        )
    return overrides[given[0]] if given else None
