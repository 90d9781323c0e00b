"""Every listener example runs one polling cycle (`balmail run --once`) against the test Dovecot
with its own security mode, through the configurables a user would set for their own mailbox
(host, port, username, password, certificate), and its handler's output for a message shaped for
it is checked. The three routing examples (routing_http_imap, auto_responder_pop,
attachment_filer_imap) need HTTP/SMTP peers and are run end to end in test_routing_examples.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from mail.dovecot_harness import DovecotServer

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"
COVERED_ELSEWHERE = {"routing_http_imap", "auto_responder_pop", "attachment_filer_imap"}


@attrs.frozen
class Case:
    program: str
    port: str
    """Attribute of DovecotServer with the port this example's security mode needs."""
    message: bytes
    expected: tuple[str, ...]
    """Fragments of the handler's log lines (stderr), in order."""
    overrides: dict[str, str] = attrs.field(factory=dict)
    """Further -C values; "{ca}" is the test CA's PEM file."""
    port_key: str = "port"


ATTACHMENT = (
    b"From: ann@localhost\nTo: shared@localhost\nSubject: Q3 figures\nMIME-Version: 1.0\n"
    b'Content-Type: multipart/mixed; boundary="b1"\n\n'
    b"--b1\nContent-Type: text/plain\n\nSee attached.\n"
    b'--b1\nContent-Type: application/x-sh\nContent-Disposition: attachment; filename="run.sh"\n\n'
    b"echo hi\n--b1--\n"
)
BOUNCE = (
    b"From: MAILER-DAEMON@localhost\nTo: bounces@localhost\n"
    b"Subject: Undeliverable: your message\n\n"
    b"Final-Recipient: rfc822; Gone@Example.test\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 no such user\n"
)

CASES = {
    "order_intake_imap": Case(
        "order_intake.bal",
        "imaps_port",
        b"From: Ann <ann@localhost>\nTo: orders@localhost\nSubject: Order #AB-12345\n\n"
        b"SKU-1 x 2\nSKU-7 x 3\n",
        ('message="order accepted" orderId="AB-12345"', "items=5"),
        {"certPath": "{ca}"},
    ),
    "attachment_inventory_imap": Case(
        "attachment_inventory.bal",
        "imaps_port",
        ATTACHMENT,
        ('message="message inventoried" subject="Q3 figures" attachments=1', "blocked content type"),
        {"certPath": "{ca}"},
    ),
    "invoice_archive_imap": Case(
        "invoice_archive.bal",
        "imap_port",
        b"From: billing@vendor.test\nTo: invoices@localhost\nSubject: Invoice 2026-7\n\n"
        b"Invoice: 2026-7\nVendor: ACME\nAmount: 1200.50 EUR\n",
        ('message="invoice archived" number="2026-7" vendor="ACME" amount=1200.50',),
        # The test server's key is EC: the ECDSA variant of the example's suites.
        {"caCertPath": "{ca}", "ciphers": '["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"]'},
    ),
    "mailing_list_digest_imap": Case(
        "mailing_list_digest.bal",
        "imap_port",
        b"From: ann@lists.test\nTo: lists@localhost\nList-Id: Ballerina users <users.ballerina.example>\n"
        b"Subject: hello\n\nhi\n",
        ('message="final digest" lists="users.ballerina.example=1"',),
        {"certPath": "{ca}"},
    ),
    "alert_triage_imap": Case(
        "alert_triage.bal",
        "imaps_port",
        b"From: monitor@localhost\nTo: alerts@localhost\nSubject: [WARNING] db-01: disk 91% full\n\nlow\n",
        ('message="database warning" host="db-01" summary="disk 91% full"', "alert triage stopped"),
        {"certPath": "{ca}"},
    ),
    "bounce_processor_pop": Case(
        "bounce_processor.bal",
        "pop3s_port",
        BOUNCE,
        ('message="bounce processed" recipient="gone@example.test" status="5.1.1" action="suppressed"',),
        {"certPath": "{ca}"},
    ),
    "meter_readings_plaintext_pop": Case(
        "meter_readings.bal",
        "pop3_port",
        b"From: gw@localhost\nTo: meters@localhost\nSubject: batch 7\n\n# meter, kWh\nM-1, 231.5\nM-2, 612\n",
        ('message="readings received" batch="batch 7" meters=2', 'meter="M-2"'),
    ),
    "ops_commands_pop": Case(
        "ops_commands.bal",
        "pop3_port",
        b'From: ann@localhost\nTo: ops@localhost\nSubject: cmd\n\n{"command": "scale", "target": "api", '
        b'"replicas": 3}\n',
        ('message="command executed" operator="ann@localhost" summary="scaling api to 3 replicas"',),
        {"caCertPath": "{ca}"},
    ),
    "support_desk_pop": Case(
        "support_desk.bal",
        "pop3s_port",
        b"From: Pat <pat@localhost>\nTo: support@localhost\nSubject: Printer broken ASAP\n\nhelp\n",
        ('message="ticket opened" reference="SUP-1001" priority="HIGH"', "lastTicket=1001 clean=true"),
        # Acknowledgements go out by SMTP (with --allow-net); the listener side is tested here.
        {"certPath": "{ca}", "sendAcknowledgements": "false"},
        port_key="popPort",
    ),
    "heartbeat_monitor_pop": Case(
        "heartbeat_monitor.bal",
        "pop3s_port",
        b"From: crm@localhost\nTo: heartbeat@localhost\nSubject: HEARTBEAT crm\n\n.\n",
        (
            'message="heartbeat" system="crm" count=1',
            'message="systems without a heartbeat" systems=["billing","warehouse"]',
        ),
        # main() starts the listener itself and stops it after runFor seconds.
        {"certPath": "{ca}", "runFor": "2", "pollingInterval": "0.5"},
    ),
}


def test_every_example_is_covered() -> None:
    folders = {path.name for path in EXAMPLES.iterdir() if path.is_dir()}
    assert folders == set(CASES) | COVERED_ELSEWHERE


def run_example(
    mailbox: DovecotServer,
    state_dir: Path,
    folder: str,
    case: Case,
    *extra: str,
    env: dict[str, str] | None = None,
    password: str | None = None,
) -> subprocess.CompletedProcess[str]:
    overrides = {
        "host": mailbox.host,
        case.port_key: str(getattr(mailbox, case.port)),
        "username": "alice",
        "password": mailbox.users["alice"] if password is None else password,
        **{k: v.format(ca=mailbox.ca_cert) for k, v in case.overrides.items()},
    }
    args = [f"-C{k}={v}" for k, v in overrides.items()]
    environment = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    environment.pop("BALMAIL_LOG_LEVEL", None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", "run", "--once", "--state-dir", str(state_dir), *extra, *args,
         case.program],
        cwd=EXAMPLES / folder,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize("folder", sorted(CASES))
def test_example_runs_one_cycle_against_dovecot(mailbox: DovecotServer, tmp_path: Path, folder: str) -> None:
    case = CASES[folder]
    uid = mailbox.append("alice", case.message)
    done = run_example(mailbox, tmp_path, folder, case)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "level=ERROR" not in done.stderr, done.stderr
    position = 0
    for fragment in case.expected:
        found = done.stderr.find(fragment, position)
        assert found >= 0, f"{fragment!r} not in order in:\n{done.stderr}"
        position = found
    assert "delivered" in done.stderr and "(subject redacted)" in done.stderr, done.stderr
    # Acknowledged: seen on IMAP, deleted on POP3.
    flags = mailbox.flags("alice")
    if folder.endswith("_imap"):
        assert "\\Seen" in flags[uid]
    else:
        assert uid not in flags


def test_example_logs_the_subject_only_when_asked(mailbox: DovecotServer, tmp_path: Path) -> None:
    case = CASES["order_intake_imap"]
    mailbox.append("alice", case.message)
    done = run_example(mailbox, tmp_path, "order_intake_imap", case, "--log-subjects")
    assert done.returncode == 0, done.stderr
    assert "delivered UID" in done.stderr and "'Order #AB-12345'" in done.stderr, done.stderr
    assert "(subject redacted)" not in done.stderr


# -- observability: one debug line per cycle, one info line per message, never a password ----------


def test_one_debug_line_per_cycle_one_info_line_per_message(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.reset("bob")
    case = attrs.evolve(CASES["order_intake_imap"], overrides={"certPath": "{ca}", "username": "bob"})
    for n in range(3):
        mailbox.append("bob", case.message.replace(b"AB-12345", f"AB-1000{n}".encode()))
    password = mailbox.users["bob"]
    done = run_example(
        mailbox, tmp_path, "order_intake_imap", case, env={"BALMAIL_LOG_LEVEL": "DEBUG"}, password=password
    )
    mailbox.reset("bob")
    assert done.returncode == 0, done.stderr
    runtime_lines = [line for line in done.stderr.splitlines() if 'module="balmail"' in line]
    cycles = [line for line in runtime_lines if "message=\"cycle: " in line]
    assert len(cycles) == 1 and "level=DEBUG" in cycles[0] and "3 delivered" in cycles[0], done.stderr
    delivered = [line for line in runtime_lines if "delivered UID" in line]
    assert len(delivered) == 3, done.stderr
    assert all("level=INFO" in line and '(subject redacted)" listener=' in line for line in delivered)
    assert "AB-1000" not in "\n".join(runtime_lines)  # the subject stays out of the runtime's lines
    assert password not in done.stderr and password not in done.stdout


def test_a_wrong_password_is_reported_but_never_logged(mailbox: DovecotServer, tmp_path: Path) -> None:
    case = CASES["order_intake_imap"]
    wrong = "Wr0ng-Zebra-Password"
    done = run_example(
        mailbox, tmp_path, "order_intake_imap", case, env={"BALMAIL_LOG_LEVEL": "DEBUG"}, password=wrong
    )
    assert "Authentication failed for user 'alice'" in done.stderr, done.stderr
    assert "cycle: 0 delivered" in done.stderr, done.stderr
    assert wrong not in done.stderr and wrong not in done.stdout


@pytest.mark.parametrize(
    "text", ["plain line", 'with "quotes"', "back\\slash", "tab\there", "new\nline", "ctl\x01", "ünï €", ""]
)
def test_runtime_log_lines_quote_like_ballerina(text: str) -> None:
    """The formatter's shortcut for text without escapes gives exactly `quote_string`'s result."""
    import io
    import logging

    from balmail.ops.logs import RuntimeLogHandler
    from balmail.runtime.context import RunContext
    from balmail.runtime.values import quote_string

    ctx = RunContext(out=io.StringIO(), err=io.StringIO())
    record = logging.LogRecord("balmail", logging.INFO, __file__, 1, "%s", (text,), None)
    RuntimeLogHandler(ctx).emit(record)
    assert ctx.err.getvalue().endswith(f'module="balmail" message={quote_string(text)}\n')
