"""Configurable variables as the canvas shows them: each one's value and where it comes from, looked up
in the order `balmail run` uses (`-C`, `BAL_CONFIG_DATA`, `BAL_CONFIG_FILES` or Config.toml, the
default), with secrets masked. The program's folder stands for the working directory: `balmail design`
is about the program, wherever it is started from.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs

from balmail.config import ConfigError, _load_sources, _lookup
from balmail.syntax import ast
from balmail.web.program import Program, text_of

MASK = "••••••"
_SECRET_NAME = re.compile(r"pass(word|wd|phrase)?|secret|token|api_?key|credential|private_?key", re.I)


@attrs.frozen
class Configurable:
    name: str
    type: str
    default: str | None  # the default's source text; None for `= ?`
    origin: str  # -C, environment, Config.toml, default, missing
    origin_detail: str  # e.g. the file the value was read from
    value: Any  # the raw value (TOML value or default text); never sent to the page for a secret
    file: str
    line: int
    end_line: int
    secret: bool


@attrs.frozen
class ConfigSources:
    configurables: tuple[Configurable, ...]
    config_file: Path  # where an edit of a configurable's value goes
    error: str | None  # an unreadable Config.toml, shown instead of failing


def is_secret_name(name: str) -> bool:
    return bool(_SECRET_NAME.search(name))


def declared_configurables(program: Program) -> list[tuple[Any, ast.ModuleVarDecl, str]]:
    """(file, declaration, name) of every `configurable` in the program."""
    found = []
    for loaded in program.files:
        if loaded.module is None:
            continue
        for member in loaded.module.members:
            if (
                isinstance(member, ast.ModuleVarDecl)
                and "configurable" in member.qualifiers
                and isinstance(member.binding, ast.CaptureBinding)
            ):
                found.append((loaded, member, member.binding.name))
    return found


def config_file_for(root: Path, environ: dict[str, str]) -> Path:
    """The Config.toml an edit writes: the first of `BAL_CONFIG_FILES` when set, else the program's."""
    files = environ.get("BAL_CONFIG_FILES")
    if files:
        first = next((p for p in files.split(":") if p), None)
        if first:
            path = Path(first)
            return path if path.is_absolute() else root / path
    return root / "Config.toml"


def resolve(
    program: Program, *, environ: dict[str, str], overrides: dict[str, str], secret_names: set[str]
) -> ConfigSources:
    """Every configurable with its value's origin."""
    error = None
    try:
        sources = _load_sources(program.root, environ)
    except ConfigError as e:
        sources, error = [], str(e)
    found = []
    for loaded, member, name in declared_configurables(program):
        secret = name in secret_names or is_secret_name(name)
        default = None if member.required or member.init is None else text_of(loaded, member.init)
        value = _default_value(loaded, member.init) if default is not None else None
        origin, detail = "default", ""
        if name in overrides:
            origin, detail, value = "-C", f"-C{name}=...", overrides[name]
        else:
            for where, table in sources:
                hit, raw = _lookup(table, name)
                if hit:
                    if where == "BAL_CONFIG_DATA":
                        origin, detail = "environment", "BAL_CONFIG_DATA"
                    elif environ.get("BAL_CONFIG_FILES"):
                        origin, detail = "environment", f"BAL_CONFIG_FILES: {where}"
                    else:
                        origin, detail = "Config.toml", _shown_path(where, program.root)
                    value = raw
                    break
            else:
                if default is None:
                    origin, value = "missing", None
        found.append(
            Configurable(name, text_of(loaded, member.type), default, origin, detail, value, loaded.rel,
                         member.span.line, member.span.end_line, secret)
        )  # fmt: skip
    return ConfigSources(tuple(found), config_file_for(program.root, environ), error)


def _default_value(loaded: Any, init: ast.Expr) -> Any:
    """A literal default as its value (`"localhost"` → localhost); anything else as its source text."""
    if isinstance(init, ast.Literal) and init.kind in ("string", "int", "boolean"):
        return init.value
    if isinstance(init, ast.ListExpr) and all(isinstance(i, ast.Literal) for i in init.items):
        return [i.value if i.kind in ("string", "int", "boolean") else i.text for i in init.items]  # type: ignore[union-attr]
    return text_of(loaded, init)


def _shown_path(path: str, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return path


def display(value: Any, secret: bool) -> str | None:
    """A value as the page shows it; a secret is masked, whatever it is."""
    if value is None:
        return None
    if secret:
        return MASK
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "[" + ", ".join(display(v, False) or "" for v in value) + "]"
    return str(value)
