"""No Python exception ever escapes: every `.bal` file in the repository goes through `check`, `lint`
and `run` (the CLI commands, in process) and none may end in a traceback, an escaped exception (the CLI's
last guard turns one into exit 70) or a Ballerina `InternalError` panic (an evaluator failure wrapped as a
panic). `run` uses small budgets and no permissions, so nothing touches the network; programs that declare
listeners or services are not run (serving them would poll mail servers) but are compiled by `check`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from balmail.cli import EXIT_INTERNAL, main

ROOT = Path(__file__).resolve().parents[2]


def _bal_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "*.bal"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    if listed:
        return [ROOT / name for name in listed]
    return sorted(p for p in ROOT.rglob("*.bal") if ".git" not in p.parts)


FILES = _bal_files()
SERVES = re.compile(r"\b(listener|service)\b")


def _problem(result: object) -> str | None:
    output = getattr(result, "output", "")
    exc = getattr(result, "exception", None)
    code = getattr(result, "exit_code", 0)
    if exc is not None and not isinstance(exc, SystemExit):
        return f"escaped {type(exc).__name__}: {exc}"
    if code == EXIT_INTERNAL or "Traceback" in output or "InternalError" in output:
        return output.strip().splitlines()[-1] if output.strip() else f"exit {code}"
    return None


@pytest.mark.parametrize("command", ["check", "lint", "run"])
def test_no_python_exception_escapes(command: str) -> None:
    runner = CliRunner()
    failures = []
    for path in FILES:
        if command == "run":
            if SERVES.search(path.read_text(encoding="utf-8", errors="replace")):
                continue
            args = ["run", "--max-steps", "2000000", "--max-time", "5", str(path)]
        else:
            args = [command, str(path)]
        problem = _problem(runner.invoke(main, args))
        if problem is not None:
            failures.append(f"{command} {path.relative_to(ROOT)}: {problem}")
    assert not failures, "\n".join(failures)


def test_the_corpus_is_the_whole_repository() -> None:
    assert len(FILES) > 500
    assert any("examples" in p.parts for p in FILES)


def test_the_last_guard_reports_a_bug_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import balmail.check.packages as packages

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(packages, "check_project", broken)
    result = CliRunner().invoke(main, ["check", str(FILES[0])])
    assert result.exit_code == EXIT_INTERNAL
    assert "internal error (KeyError: 'boom')" in result.output
    assert "Traceback" not in result.output
