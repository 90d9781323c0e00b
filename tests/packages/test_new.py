"""`balmail new`: the files WSO2 Integrator lays out, clean under check and lint, exact CLI output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = [".gitignore", "Ballerina.toml", "Config.toml", "README.md", "config.bal", "connections.bal",
         "functions.bal", "main.bal", "types.bal"]  # fmt: skip


def balmail(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "USER": "Ann.Lee"}
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", *args], cwd=cwd, capture_output=True, text=True, env=environ,
        check=False,
    )


@pytest.mark.parametrize("template", ["email-listener-pop", "email-listener-imap"])
def test_new_package_checks_and_lints_clean(tmp_path: Path, template: str) -> None:
    result = balmail("new", "order-desk", "--template", template, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Created new package 'order_desk' at order-desk.\n"
        "Next: set the mailbox in order-desk/Config.toml, then `balmail run order-desk`.\n"
    )
    folder = tmp_path / "order-desk"
    assert sorted(p.name for p in folder.iterdir()) == FILES
    manifest = (folder / "Ballerina.toml").read_text()
    assert 'org = "ann_lee"\nname = "order_desk"\nversion = "0.1.0"\n' in manifest
    listener = "PopListener" if template.endswith("pop") else "ImapListener"
    assert f"listener email:{listener} mailListener" in (folder / "connections.bal").read_text()
    check = balmail("check", cwd=folder)
    assert (check.returncode, check.stdout, check.stderr) == (0, "", "5 file(s) checked, 0 error(s)\n")
    lint = balmail("lint", "order-desk", cwd=tmp_path)
    assert (lint.returncode, lint.stdout) == (0, "")
    assert lint.stderr == "5 file(s) linted, 0 error(s), 0 warning(s), 0 info\n"


def test_new_refuses_a_non_empty_folder_and_bad_names(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine\n")
    result = balmail("new", "taken", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.endswith("Error: folder 'taken' already exists and is not empty\n")
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]
    bad = balmail("new", "9lives", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.endswith(
        "Error: invalid package name '9lives': package name cannot have initial numeric characters\n"
    )
    assert not (tmp_path / "9lives").exists()
    (tmp_path / "empty").mkdir()
    assert balmail("new", "empty", "--org", "acme", cwd=tmp_path).returncode == 0
    assert 'org = "acme"' in (tmp_path / "empty" / "Ballerina.toml").read_text()
