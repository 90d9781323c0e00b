"""A listener and its service declared in a submodule (`modules/inbox/`) are started by `balmail run` of
the package, as Ballerina starts the listeners of every module it initialises: one polling cycle against
the real Dovecot handles and acknowledges the message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mail.dovecot_harness import DovecotServer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKAGE = HERE / "relay"


def run_once(state: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`balmail run --once` of the relay package, with its log on stderr at the default level."""
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    environment.pop("BALMAIL_LOG_LEVEL", None)
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", "run", "--once", "--state-dir", str(state), *args],
        cwd=PACKAGE, capture_output=True, text=True, env=environment, timeout=60,
    )  # fmt: skip


def test_submodule_listener_polls_and_acknowledges(mailbox: DovecotServer, tmp_path: Path) -> None:
    uid = mailbox.append("alice", b"From: pat@localhost\nTo: alice@localhost\nSubject: Relay me\n\nhi\n")
    overrides = {
        "acme.mail_relay.inbox.host": mailbox.host,
        "acme.mail_relay.inbox.port": str(mailbox.imaps_port),
        "acme.mail_relay.inbox.username": "alice",
        "acme.mail_relay.inbox.password": mailbox.users["alice"],
        "acme.mail_relay.inbox.certPath": str(mailbox.ca_cert),
    }
    done = run_once(tmp_path, *[f"-C{k}={v}" for k, v in overrides.items()])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "level=ERROR" not in done.stderr, done.stderr
    assert 'relay starting' in done.stderr, done.stderr
    assert 'relayed from submodule" subject="Relay me"' in done.stderr, done.stderr
    assert "\\Seen" in mailbox.flags("alice")[uid]


def test_deployment_keys_reach_a_submodule_listener(mailbox: DovecotServer, tmp_path: Path) -> None:
    """`[balmail.listeners."inbox.relayInbox"]` (here as --listener flags) points the submodule's listener
    at the test server: its configurables keep their defaults (host localhost, port 993)."""
    uid = mailbox.append("alice", b"From: pat@localhost\nTo: alice@localhost\nSubject: Flagged\n\nhi\n")
    name = "inbox.relayInbox"
    flags = {
        "host": mailbox.host,
        "port": str(mailbox.imaps_port),
        "username": "alice",
        "password": mailbox.users["alice"],
        "caFile": str(mailbox.ca_cert),
    }
    done = run_once(tmp_path, *[f"--listener={name}.{k}={v}" for k, v in flags.items()])
    assert done.returncode == 0, done.stderr
    assert 'relayed from submodule" subject="Flagged"' in done.stderr, done.stderr
    assert "\\Seen" in mailbox.flags("alice")[uid]


def test_unknown_submodule_listener_name_is_refused(tmp_path: Path) -> None:
    done = run_once(tmp_path, "--listener=relayInbox.port=1143")
    assert done.returncode != 0
    assert "relayInbox" in done.stderr and "inbox.relayInbox" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
