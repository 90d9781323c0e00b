"""`balmail check` must never refuse a program Ballerina accepts: every program of the repository that is
meant to compile (examples, runnable and panicking conformance programs, the syntax corpus, lint fixtures
named `_ok`/`_suppressed`, packages, and any other .bal file outside the folders of deliberately bad
programs) checks without a single error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from balmail.check.packages import check_project
from balmail.check.program import check_source
from balmail.project import load_project
from balmail.source import SourceFile

ROOT = Path(__file__).resolve().parents[2]


def _package_root(path: Path) -> Path | None:
    for folder in path.parents:
        if (folder / "Ballerina.toml").is_file():
            return folder
        if folder == ROOT:
            return None
    return None


def _meant_to_compile(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    if parts[0] in (".git", "build", "dist") or ".venv" in parts or _package_root(path) is not None:
        return False
    if parts[:2] == ("tests", "lint"):
        return "_ok" in path.stem or "_suppressed" in path.stem
    if parts[:2] == ("tests", "syntax") and "bad" in parts:
        return False
    if parts[:2] == ("tests", "lang"):
        return re.search(r"-[vp]\.bal$", path.name) is not None
    if parts[:2] == ("tests", "check"):
        return False  # this folder's bad programs
    return True


PROGRAMS = sorted(p for p in ROOT.rglob("*.bal") if _meant_to_compile(p))


def test_the_corpus_is_large() -> None:
    assert len(PROGRAMS) > 400


@pytest.mark.parametrize("path", PROGRAMS, ids=[str(p.relative_to(ROOT)) for p in PROGRAMS])
def test_checks_clean(path: Path) -> None:
    result = check_source(SourceFile(str(path), path.read_text(encoding="utf-8")))
    errors = [f"{d.span.line}: {d.message} [{d.code}]" for d in result.diagnostics if d.is_error]
    assert errors == []


PACKAGES = sorted(
    {root for p in ROOT.rglob("*.bal") if (root := _package_root(p)) is not None and ".git" not in p.parts}
)
BROKEN_PACKAGES = {"broken", "visibility"}  # packages that fail on purpose (tests/packages)


@pytest.mark.parametrize("root", PACKAGES, ids=[str(p.relative_to(ROOT)) for p in PACKAGES])
def test_packages_check_clean(root: Path) -> None:
    checked = check_project(load_project(root))
    errors = [
        f"{d.span.file}:{d.span.line}: {d.message} [{d.code}]" for d in checked.diagnostics if d.is_error
    ]
    if root.name in BROKEN_PACKAGES:
        assert errors
    else:
        assert errors == []


def test_every_compile_error_program_is_refused_at_its_line() -> None:
    """The conformance programs that must not compile (`-e.bal`): `check` reports an error at the line
    their `// @error` mark names."""
    missed = []
    for path in sorted((ROOT / "tests" / "lang").rglob("*-e.bal")):
        text = path.read_text(encoding="utf-8")
        lines = {n for n, line in enumerate(text.splitlines(), 1) if "// @error" in line}
        found = {d.span.line for d in check_source(SourceFile(str(path), text)).diagnostics if d.is_error}
        if not lines <= found:
            missed.append(path.name)
    assert missed == []
