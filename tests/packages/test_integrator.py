"""A WSO2 Integrator-style package (five files in the default module and a `triage` submodule with its
own configurable) runs with `balmail run` from its folder against the real Dovecot: one polling cycle,
the submodule's Config.toml table applied, the message acknowledged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mail.dovecot_harness import DovecotServer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKAGE = HERE / "integrator"


def run_once(mailbox: DovecotServer, state_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    overrides = {
        "host": mailbox.host,
        "port": str(mailbox.imaps_port),
        "username": "alice",
        "password": mailbox.users["alice"],
        "certPath": str(mailbox.ca_cert),
    }
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    environment.pop("BALMAIL_LOG_LEVEL", None)
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", "run", "--once", "--state-dir", str(state_dir),
         *[f"-C{k}={v}" for k, v in overrides.items()], *extra],
        cwd=PACKAGE, capture_output=True, text=True, env=environment, timeout=60,
    )  # fmt: skip


def test_integrator_package_runs_from_its_folder(mailbox: DovecotServer, tmp_path: Path) -> None:
    head = b"To: alice@localhost\nFrom: "
    urgent = mailbox.append("alice", head + b"pat@localhost\nSubject: Printer ASAP\n\nhi\n")
    normal = mailbox.append("alice", head + b"sam@localhost\nSubject: Toner\n\nthanks\n")
    done = run_once(mailbox, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "level=ERROR" not in done.stderr, done.stderr
    first = done.stderr.index('reference="SUP-1001" priority="HIGH" sender="pat@localhost"')
    second = done.stderr.index('reference="SUP-1002" priority="NORMAL" sender="sam@localhost"')
    assert first < second
    flags = mailbox.flags("alice")
    assert "\\Seen" in flags[urgent] and "\\Seen" in flags[normal]


def test_a_submodule_configurable_set_on_the_command_line(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.append("alice", b"From: sam@localhost\nTo: alice@localhost\nSubject: Toner\n\nthanks\n")
    done = run_once(mailbox, tmp_path, '-Cacme.mail_triage.triage.urgentWords=["toner"]')
    assert done.returncode == 0, done.stderr
    assert 'reference="SUP-1001" priority="HIGH" sender="sam@localhost"' in done.stderr, done.stderr
