"""`Ballerina.toml`: the package's org, name and version. Problems are diagnostics with spans in the
manifest itself (it is read as a `SourceFile`, so the text renderer shows the offending line)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from balmail import diagnostics as diag
from balmail.diagnostics import Diagnostic
from balmail.source import SourceFile

MANIFEST = "Ballerina.toml"
MANIFEST_CODE = "BAL_PROJECT_001"
IGNORED_CODE = "BAL_PROJECT_002"

KNOWN_TABLES = frozenset({"package"})
"""Tables balmail reads; any other (`[build-options]`, `[[dependency]]`, `[[platform...]]`) gets a note."""

_NAME = re.compile(r"[A-Za-z0-9_.]+")
_ORG = re.compile(r"[A-Za-z0-9_]+")
_VERSION = re.compile(r"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@attrs.frozen
class Manifest:
    """What `[package]` says. `org` defaults as `bal` does when absent (the user name is not used: a
    stable placeholder keeps config keys predictable)."""

    org: str
    name: str
    version: str
    source: SourceFile


def package_name_problem(name: str) -> str | None:
    """Ballerina's rule for package (and module) names, as the end of a sentence ("... can only contain
    alphanumerics, underscores and periods"), or None when `name` follows it."""
    if not name or not _NAME.fullmatch(name):
        return "can only contain alphanumerics, underscores and periods"
    if name[0].isdigit():
        return "cannot have initial numeric characters"
    if name.startswith("_") or name.startswith("."):
        return "cannot have initial underscore or period characters"
    if name.endswith("_") or name.endswith("."):
        return "cannot have trailing underscore or period characters"
    if "__" in name or ".." in name:
        return "cannot have consecutive underscore or period characters"
    if len(name) > 256:
        return "cannot be longer than 256 characters"
    return None


def _key_span(source: SourceFile, table: str | None, key: str | None) -> tuple[int, int]:
    """Where `key =` (or the `[table]` header) is written, for a diagnostic; the file start if not found."""
    text = source.text
    at = 0
    if table is not None:
        header = re.search(rf"^\s*\[\s*{re.escape(table)}\s*\]", text, re.M)
        if header is None:
            return 0, 0
        at = header.start() + len(header.group(0)) - len(header.group(0).lstrip())
        if key is None:
            return at, header.end()
    if key is not None:
        found = re.compile(rf"^\s*{re.escape(key)}\s*=.*$", re.M).search(text, at)
        if found is not None:
            start = found.start() + len(found.group(0)) - len(found.group(0).lstrip())
            return start, found.end()
    return at, at


def read_manifest(path: Path) -> tuple[Manifest | None, list[Diagnostic]]:
    """Parse `Ballerina.toml`; (None, errors) when it is malformed or has no usable `[package]`."""
    import tomllib  # only a package needs it: kept off the start-up path of a lone file

    source = SourceFile.read(path)
    found: list[Diagnostic] = []

    def problem(message: str, table: str | None, key: str | None) -> None:
        start, end = _key_span(source, table, key)
        found.append(diag.error(MANIFEST_CODE, message, source.span(start, end)))

    if source.invalid_utf8:  # TOML is UTF-8: a binary or mis-encoded manifest is said so, not parsed
        at = source.offset + source.invalid_utf8[0]
        message = f"'{MANIFEST}' is not a TOML file: it is not UTF-8 text"
        return None, [diag.error(MANIFEST_CODE, message, source.span(at, at + 1))]
    try:
        data = tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as e:
        text = str(e)
        where = _TOML_POSITION.search(text)
        if where is not None:
            line, column = int(where.group(1)), int(where.group(2))
            starts = [0] + [i + 1 for i, ch in enumerate(source.text) if ch == "\n"]
            offset = starts[min(line, len(starts)) - 1] + column - 1
            offset = min(offset, len(source.text))
            text = _TOML_POSITION.sub("", text).strip()
        else:
            offset = 0
        found.append(
            diag.error(MANIFEST_CODE, f"invalid TOML in '{MANIFEST}': {text}", source.span(offset, offset))
        )
        return None, found
    package = data.get("package")
    if not isinstance(package, dict):
        found.append(
            diag.error(
                MANIFEST_CODE,
                f"'{MANIFEST}' has no [package] table",
                source.span(0, 0),
                help='add:\n[package]\norg = "myorg"\nname = "mypackage"\nversion = "0.1.0"',
            )
        )
        return None, found
    name = package.get("name")
    org = package.get("org", "anon")
    version = package.get("version", "0.0.0")
    if not isinstance(name, str):
        problem("missing 'name' under [package]", "package", None if name is None else "name")
    elif (why := package_name_problem(name)) is not None:
        problem(f"invalid 'name' under [package]: 'name' {why}", "package", "name")
    if not isinstance(org, str) or not _ORG.fullmatch(org):
        problem(
            "invalid 'org' under [package]: 'org' can only contain alphanumerics and underscores",
            "package",
            "org",
        )
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        why = "'version' should be MAJOR.MINOR.PATCH"
        problem(f"invalid 'version' under [package]: {why}", "package", "version")
    for table in data:
        if table not in KNOWN_TABLES:
            start, end = _key_span(source, table, None)
            if (start, end) == (0, 0):
                start, end = _key_span(source, None, table)
            found.append(
                diag.info(IGNORED_CODE, f"'{table}' in '{MANIFEST}' is not used by balmail",
                          source.span(start, end))
            )
    if any(d.is_error for d in found):
        return None, found
    assert isinstance(name, str) and isinstance(org, str) and isinstance(version, str)
    return Manifest(org, name, version, source), found
