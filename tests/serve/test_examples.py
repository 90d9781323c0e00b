"""Every example whose configuration can point at the test Dovecot runs one polling cycle
(`balmail run --once`) against it: the listener connects with the example's security mode,
and the example's handler runs for a delivered message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mail.dovecot_harness import DovecotServer

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"

# example folder -> (program, port attribute of the server, extra -C overrides with {ca})
CASES = {
    "order_intake_imap": ("order_intake.bal", "imaps_port", {"certPath": "{ca}"}),
    "attachment_inventory_imap": ("attachment_inventory.bal", "imaps_port", {"certPath": "{ca}"}),
    "bounce_processor_pop": ("bounce_processor.bal", "pop3s_port", {"certPath": "{ca}"}),
    "meter_readings_plaintext_pop": ("meter_readings.bal", "pop3_port", {}),
    "ops_commands_pop": ("ops_commands.bal", "pop3_port", {"caCertPath": "{ca}"}),
}
# Left out: alert_triage_imap and heartbeat_monitor_pop/support_desk_pop/mailing_list_digest_imap
# have no port or certificate to configure (system trust store), and invoice_archive_imap allows
# only ECDHE-RSA ciphers while the test server's certificate is an EC key.

MESSAGE = (
    b"From: ann@localhost\nTo: alice@example.test\nSubject: Order #AB-12345\n\n"
    b"SKU-1 x 2\nmeter-7,2026-01-01,12.5\n"
)


@pytest.mark.parametrize("folder", sorted(CASES))
def test_example_runs_one_cycle_against_dovecot(mailbox: DovecotServer, tmp_path: Path, folder: str) -> None:
    program, port_attribute, extra = CASES[folder]
    mailbox.append("alice", MESSAGE)
    overrides = {
        "host": mailbox.host,
        "port": str(getattr(mailbox, port_attribute)),
        "username": "alice",
        "password": mailbox.users["alice"],
        **{k: v.format(ca=mailbox.ca_cert) for k, v in extra.items()},
    }
    args = [f"-C{k}={v}" for k, v in overrides.items()]
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "balmail.cli", "run", "--once", "--state-dir", str(tmp_path), *args, program],
        cwd=EXAMPLES / folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "polling failed" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "delivered" in done.stderr or "Handler failed" in done.stderr, done.stderr
