"""Writing a form edit back with the smallest change that does it.

In the `.bal` file only the field's value expression is replaced (found by its AST span), or one field
is inserted into the record it belongs to, in the record's own layout; every other byte stays. A field
whose value is a configurable changes that configurable's entry in Config.toml instead, through
`tomlkit`, which keeps the document's comments, order and formatting (hand-editing TOML text would not).
A change is refused when the file changed since the page read it, or when the result does not parse.
"""

from __future__ import annotations

import decimal
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import attrs
import tomlkit
import tomlkit.items

from balmail.source import SourceFile
from balmail.syntax import ast
from balmail.syntax.parser import parse_source
from balmail.web.configurables import ConfigSources
from balmail.web.fields import FIELD_BY_PATH, SECURITY_MODES, FieldDef, find_field
from balmail.web.program import ListenerSite, Program

_INT = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_TLS_VERSION = re.compile(r"[A-Za-z0-9._-]+")


class EditError(Exception):
    """An edit that cannot be made; the message says why, for the page to show."""


@attrs.frozen
class EditResult:
    changed: str  # the file written, relative to the program's folder when inside it
    target: str  # bal or toml
    note: str | None = None


def ballerina_string(text: str) -> str:
    """A Ballerina string literal for `text` (escapes per the spec: \\ \" \\n \\r \\t, \\u{..})."""
    out = []
    for ch in text:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{{{ord(ch):X}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _as_text(value: Any, label: str) -> str:
    if not isinstance(value, str):
        raise EditError(f"{label} must be text")
    return value.strip()


def _strings(value: Any, label: str) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EditError(f"{label} must be a list of names")
    return [v.strip() for v in value if v.strip()]


def typed_value(spec: FieldDef, value: Any) -> Any:
    """The form's input as a Python value of the field's kind; EditError with a sentence when it is not."""
    label = spec.label
    if spec.kind == "string":
        if not isinstance(value, str):
            raise EditError(f"{label} must be text")
        return value
    if spec.kind == "int":
        text = _as_text(value, label)
        if not _INT.fullmatch(text):
            raise EditError(f"{label} must be a whole number, not '{text}'")
        return int(text)
    if spec.kind == "decimal":
        text = _as_text(value, label)
        if not _DECIMAL.fullmatch(text):
            raise EditError(f"{label} must be a number of seconds, not '{text}'")
        return decimal.Decimal(text)
    if spec.kind == "boolean":
        if isinstance(value, bool):
            return value
        text = _as_text(value, label)
        if text not in ("true", "false"):
            raise EditError(f"{label} must be true or false")
        return text == "true"
    if spec.kind == "security":
        text = _as_text(value, label).removeprefix("email:")
        if text not in SECURITY_MODES:
            raise EditError(f"{label} must be one of {', '.join(SECURITY_MODES)}")
        return text
    if spec.kind == "protocol":
        text = _as_text(value, label).removeprefix("email:")
        if text != "TLS":
            raise EditError(f"{label} must be TLS (the only email:Protocol)")
        return text
    if spec.kind == "strings":
        items = _strings(value, label)
        bad = [i for i in items if not _TLS_VERSION.fullmatch(i)]
        if bad:
            raise EditError(f"{label}: '{bad[0]}' is not a TLS version or cipher suite name")
        return items
    raise AssertionError(spec.kind)


def ballerina_literal(spec: FieldDef, value: Any, prefix: str) -> str:
    """Source text for a typed value."""
    if spec.kind == "string":
        return ballerina_string(value)
    if spec.kind in ("int", "decimal"):
        return str(value)
    if spec.kind == "boolean":
        return "true" if value else "false"
    if spec.kind in ("security", "protocol"):
        return f"{prefix}:{value}"
    return "[" + ", ".join(ballerina_string(v) for v in value) + "]"


def toml_value(spec_kind: str, value: Any) -> Any:
    if spec_kind == "decimal":
        number = decimal.Decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    return value


# ---------------------------------------------------------------- .bal edits


def _line_indent(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


def _nested(parts: tuple[str, ...], value_text: str, prefix: str) -> str:
    """`secureSocket: {protocol: {name: email:TLS, versions: [...]}}` for missing records on the path."""
    text = f"{parts[-1]}: {value_text}"
    for index in range(len(parts) - 2, -1, -1):
        inner = text
        if parts[index] == "protocol" and parts[index + 1] == "versions":
            inner = f"name: {prefix}:TLS, {inner}"
        text = f"{parts[index]}: {{{inner}}}"
    return text


def bal_edit(text: str, site: ListenerSite, path: str, new_text: str, prefix: str) -> str:
    """The file's text with the field at `path` set to the expression `new_text`: the value replaced in
    place, or the field inserted after the last field of its record."""
    located = find_field(site.config, path)
    if site.config is None:
        raise EditError("this listener's configuration is computed by an expression; edit it in the source")
    if located.blocked_by is not None:
        raise EditError(
            f"`{located.blocked_by.key}` is written as an expression, not a record; "
            f"edit `{located.blocked_by.key}` itself"
        )
    field = located.field
    if field is not None:
        if field.kind == "shorthand":
            start, end = field.span.start, field.span.end
            return text[:start] + f"{field.key}: {new_text}" + text[end:]
        start, end = field.value.span.start, field.value.span.end
        return text[:start] + new_text + text[end:]
    record = located.parent
    assert record is not None
    insertion = _nested(located.missing, new_text, prefix)
    if record.fields:
        last = record.fields[-1]
        multiline = text.count("\n", record.span.start, record.fields[0].span.start) > 0
        if multiline:
            separator = ",\n" + _line_indent(text, last.span.start)
        else:
            separator = ", "
        return text[: last.span.end] + separator + insertion + text[last.span.end :]
    open_brace = record.span.start + 1  # `{|` records are not configuration records
    return text[:open_brace] + insertion + text[open_brace:]


def _write_atomically(path: Path, data: str) -> None:
    """Replace the file in one step, so an editor (or the page) never sees half a file."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(data)
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _read_exact(path: Path) -> tuple[str, bool]:
    """The file's text exactly as stored (no newline translation) and whether it had a UTF-8 BOM."""
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    return data.decode("utf-8-sig"), bom


# ---------------------------------------------------------------- Config.toml edits


def _find_key(table: Any, name: str) -> Any | None:
    """The table holding `name` as config.py finds it: top level first, then nested tables."""
    if name in table and not isinstance(table[name], dict):
        return table
    for key, value in table.items():
        if isinstance(value, dict) and key != "balmail":
            found = _find_key(value, name)
            if found is not None:
                return found
    return None


def toml_set(path: Path, keys: tuple[str, ...], value: Any, *, search: bool = False) -> None:
    """Set `keys` (a table path then a key) in the TOML file, creating the file and tables as needed.
    With `search`, a configurable's key is first looked for where `balmail run` would find it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.TOMLKitError as e:
        raise EditError(f"{path.name} is not valid TOML ({e}); fix it first") from None
    *tables, key = keys
    container: Any = doc
    if search and not tables:
        found = _find_key(doc, key)
        if found is not None:
            container = found
    for index, name in enumerate(tables):
        if name not in container:
            container.append(name, tomlkit.table(is_super_table=index < len(tables) - 1))
        container = container[name]
        if not isinstance(container, dict):
            raise EditError(f"{'.'.join(tables[: index + 1])} in {path.name} is not a table")
    container[key] = value
    _write_atomically(path, tomlkit.dumps(doc))


# ---------------------------------------------------------------- the edit


def edit_listener_field(
    program: Program,
    site: ListenerSite,
    configs: ConfigSources,
    path: str,
    value: Any,
    *,
    mode: str = "value",
    prefix: str = "email",
) -> EditResult:
    """Apply one form edit. `mode` "value": a typed value, written where the field's value comes from;
    "expression": Ballerina source text for the field's expression (always the `.bal` file)."""
    spec = FIELD_BY_PATH.get(path)
    if spec is None:
        raise EditError(f"unknown listener field '{path}'")
    located = find_field(site.config, path)
    field = located.field
    configurable = None
    if mode == "value" and field is not None and isinstance(field.value, ast.VarRef):
        configurable = next((c for c in configs.configurables if c.name == field.value.name), None)
    if configurable is not None:
        typed = typed_value(spec, value)
        target = configs.config_file
        toml_set(target, (configurable.name,), toml_value(spec.kind, typed), search=True)
        note = None
        if configurable.origin in ("-C", "environment"):
            where = configurable.origin_detail or configurable.origin
            note = f"'{configurable.name}' is still overridden by {where}"
        return EditResult(_shown(target, program.root), "toml", note)
    if mode == "expression":
        new_text = _as_text(value, spec.label)
        if not new_text:
            raise EditError("write an expression")
    elif mode == "value":
        new_text = ballerina_literal(spec, typed_value(spec, value), prefix)
    else:
        raise EditError(f"unknown edit mode '{mode}'")
    file_path = Path(site.file.source.path)
    text, bom = _read_exact(file_path)
    if text != site.file.source.text:
        raise EditError(f"{site.file.rel} changed on disk; the page has been reloaded, try again")
    updated = bal_edit(text, site, path, new_text, prefix)
    parsed = parse_source(SourceFile(str(file_path), updated))
    if not parsed.ok:
        first = next(d for d in parsed.diagnostics if d.is_error)
        raise EditError(f"that would not parse: {first.message}; nothing was written")
    _write_atomically(file_path, ("\ufeff" if bom else "") + updated)
    return EditResult(site.file.rel, "bal")


def set_deployment_key(program: Program, configs: ConfigSources, table: tuple[str, ...], key: str,
                       value: Any) -> EditResult:
    """`[balmail.listeners.NAME] key = value` in Config.toml."""
    target = configs.config_file
    if value is None or value == "":
        _remove_toml_key(target, (*table, key))
    else:
        toml_set(target, (*table, key), value)
    return EditResult(_shown(target, program.root), "toml")


def _remove_toml_key(path: Path, keys: tuple[str, ...]) -> None:
    if not path.exists():
        return
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    container: Any = doc
    for name in keys[:-1]:
        if name not in container:
            return
        container = container[name]
    if keys[-1] in container:
        del container[keys[-1]]
        _write_atomically(path, tomlkit.dumps(doc))


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
