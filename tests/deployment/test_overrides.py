"""Endpoint overrides (docs/config.md): programs with hard-coded wrong hosts pointed at the test
Dovecot and a loopback SMTP server by `[balmail.listeners/clients.NAME]` in Config.toml and by
`--listener`/`--client` flags; bad overrides give exact errors and exit code 1."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from mail.dovecot_harness import DovecotServer
from mail.smtp_peer import PeerCertificates, PeerKind, PeerUnavailable, SmtpPeer, make_peer_certificates

REPO_ROOT = Path(__file__).resolve().parents[2]

IMAP_PROGRAM = """import ballerina/email;
import ballerina/log;

listener email:ImapListener inbox = new ({
    host: "imap.nowhere.invalid",
    username: "nobody",
    password: "not-the-password",
    pollingInterval: 60
});

service "orders" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo("handled", subject = message.subject);
    }
}
"""

POP_PROGRAM = """import ballerina/email;
import ballerina/log;

final email:SmtpClient smtp = check new ("smtp.nowhere.invalid", "nobody", "nothing");

service "desk" on new email:PopListener({
    host: "pop.nowhere.invalid",
    username: "nobody",
    password: "not-the-password",
    security: email:START_TLS_NEVER,
    port: 110
}) {
    remote function onMessage(email:Message message) returns error? {
        check smtp->send("ann@example.test", "Re: " + message.subject, "desk@example.test", "got it");
        log:printInfo("answered", subject = message.subject);
    }
}
"""


def balmail(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    env.pop("BAL_CONFIG_FILES", None)
    env.pop("BAL_CONFIG_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", *args], cwd=cwd, capture_output=True, text=True, env=env,
        timeout=60,
    )  # fmt: skip


def write(tmp_path: Path, program: str, config: str = "") -> None:
    (tmp_path / "prog.bal").write_text(program)
    if config:
        (tmp_path / "Config.toml").write_text(config)


def test_config_toml_points_a_hard_coded_listener_at_dovecot(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.append("alice", b"From: a@example.test\nTo: alice@example.test\nSubject: order 7\n\nx\n")
    write(
        tmp_path,
        IMAP_PROGRAM,
        f"""
[balmail.listeners.inbox]
host = "{mailbox.host}"
port = {mailbox.imap_port}
security = "START_TLS_ALWAYS"
username = "alice"
password = "{mailbox.users["alice"]}"
caFile = "{mailbox.ca_cert}"
pollingInterval = 0.5
""",
    )
    done = balmail(tmp_path, "run", "--once", "--state-dir", "state", "prog.bal")
    assert done.returncode == 0, done.stderr
    assert 'message="handled" subject="order 7"' in done.stderr
    assert "inbox: fetched 1, handled 1, retried 0, given up 0, errors 0" in done.stderr
    assert "\\Seen" in next(iter(mailbox.flags("alice").values()))


def test_flags_point_it_at_dovecot_and_win_over_config_toml(mailbox: DovecotServer, tmp_path: Path) -> None:
    mailbox.append("alice", b"From: a@example.test\nTo: alice@example.test\nSubject: order 8\n\nx\n")
    # Config.toml is wrong on purpose for host and port: the flags must win; the CA path is relative
    # to the Config.toml's folder.
    (tmp_path / "ca.pem").write_bytes(mailbox.ca_cert.read_bytes())
    write(
        tmp_path,
        IMAP_PROGRAM,
        """
[balmail.listeners.inbox]
host = "still.wrong.invalid"
port = 1
caFile = "ca.pem"
""",
    )
    done = balmail(
        tmp_path, "run", "--once", "--state-dir", "state",
        "--listener", f"inbox.host={mailbox.host}", "--listener", f"inbox.port={mailbox.imaps_port}",
        "--listener", "inbox.security=SSL", "--listener", "inbox.username=alice",
        "--listener", f"inbox.password={mailbox.users['alice']}", "prog.bal",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert 'message="handled" subject="order 8"' in done.stderr


@pytest.fixture(scope="module")
def smtp_peer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SmtpPeer, PeerCertificates]]:
    try:
        certs = make_peer_certificates(tmp_path_factory.mktemp("smtp-certs"))
    except PeerUnavailable as missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the SMTP tests cannot run: {missing}", pytrace=False)
        pytest.skip(str(missing))
    peer = SmtpPeer(PeerKind.SMTPS, certs).start()
    try:
        yield peer, certs
    finally:
        peer.stop()


def test_inline_listener_by_service_name_and_client_by_variable_name(
    mailbox: DovecotServer, smtp_peer: tuple[SmtpPeer, PeerCertificates], tmp_path: Path
) -> None:
    peer, certs = smtp_peer
    peer.clear()
    mailbox.append("alice", b"From: ann@example.test\nTo: alice@example.test\nSubject: help\n\nx\n")
    write(
        tmp_path,
        POP_PROGRAM,
        f"""
[balmail.listeners.desk]
host = "{mailbox.host}"
port = {mailbox.pop3_port}
username = "alice"
password = "{mailbox.users["alice"]}"

[balmail.clients.smtp]
host = "127.0.0.1"
port = {peer.port}
username = "alice"
password = "secret"
caFile = "{certs.ca_cert}"
""",
    )
    # The client is reached at its overridden host, so that is what the sandbox must allow.
    done = balmail(
        tmp_path, "run", "--once", "--state-dir", "s", f"--allow-net=127.0.0.1:{peer.port}", "prog.bal"
    )
    assert done.returncode == 0, done.stderr
    assert 'message="answered" subject="help"' in done.stderr
    (delivery,) = peer.deliveries
    assert delivery.recipients == ["ann@example.test"] and delivery.authenticated_as == "alice"
    assert b"Subject: Re: help" in delivery.data
    assert mailbox.flags("alice") == {}  # POP3: deleted after the handler succeeded


@pytest.mark.parametrize(
    ("config", "flags", "message"),
    [
        ('[balmail.listeners.inbx]\nhost = "h"\n', (),
         "error: [{cfg}] [balmail.listeners.inbx]: no email listener named 'inbx' in the program; "
         "valid names: inbox"),
        ('[balmail.listeners.inbox]\nhots = "h"\n', (),
         "error: [{cfg}] [balmail.listeners.inbox]: unknown key 'hots' for listener 'inbox'; valid keys: "
         "host, port, security, username, password, caFile, pollingInterval, concurrency, folder, folders, "
         "onSuccess, onGiveUp, unseenOnly, search, maxMessagesPerPoll, idle, auth, accessToken, oauth2"),
        ('[balmail.listeners.inbox]\nport = "993"\n', (),
         "error: [{cfg}] [balmail.listeners.inbox]: 'port' must be an integer from 1 to 65535, got '993'"),
        ('[balmail.listeners.inbox]\npollingInterval = true\n', (),
         "error: [{cfg}] [balmail.listeners.inbox]: 'pollingInterval' must be a positive number of seconds, "
         "got a boolean"),
        ('[balmail.listeners.inbox]\ncaFile = "missing.pem"\n', (),
         "error: [{cfg}] [balmail.listeners.inbox]: 'caFile' file '{dir}/missing.pem' does not exist"),
        ("", ("--listener", "inbox.security=TLS"),
         "error: --listener inbox.security=TLS: 'security' must be one of SSL, START_TLS_AUTO, "
         "START_TLS_ALWAYS, START_TLS_NEVER, got 'TLS'"),
        ("", ("--listener", "inbox.port=0"),
         "error: --listener inbox.port=0: 'port' must be an integer from 1 to 65535, got '0'"),
        ("", ("--listener", "inbox=127.0.0.1"),
         "error: --listener expects NAME.key=value, got 'inbox=127.0.0.1'"),
        ("", ("--client", "smtp.host=x"),
         "error: --client smtp.host=x: no email client named 'smtp' in the program; the program names no "
         "email client"),
    ],
)  # fmt: skip
def test_bad_overrides_are_exact_errors(
    tmp_path: Path, config: str, flags: tuple[str, ...], message: str
) -> None:
    write(tmp_path, IMAP_PROGRAM, config)
    done = balmail(tmp_path, "run", "--once", "--state-dir", "s", *flags, "prog.bal")
    assert done.returncode == 1
    expected = message.format(cfg=tmp_path / "Config.toml", dir=tmp_path)
    assert done.stderr == expected + "\n"
    assert done.stdout == ""


def test_client_keys_leave_out_polling_interval(tmp_path: Path) -> None:
    write(tmp_path, POP_PROGRAM)
    done = balmail(tmp_path, "run", "--once", "--client", "smtp.pollingInterval=3", "prog.bal")
    assert done.returncode == 1
    assert done.stderr == (
        "error: --client smtp.pollingInterval=3: unknown key 'pollingInterval' for client 'smtp'; "
        "valid keys: host, port, security, username, password, caFile, auth, accessToken, oauth2\n"
    )


def test_balmail_tables_are_not_configurable_values(tmp_path: Path) -> None:
    """A configurable named like an override key is not set from a `[balmail...]` table."""
    program = IMAP_PROGRAM.replace(
        "import ballerina/log;\n", 'import ballerina/log;\n\nconfigurable string host = "from-program";\n'
    ).replace('"imap.nowhere.invalid"', "host")
    write(
        tmp_path,
        program + '\npublic function main() {\n    log:printInfo("host", host = host);\n}\n',
        '[balmail.listeners.inbox]\nhost = "127.0.0.1"\nport = 1\nsecurity = "START_TLS_NEVER"\n',
    )
    done = balmail(tmp_path, "run", "--once", "--state-dir", "s", "prog.bal")
    assert 'message="host" host="from-program"' in done.stderr, done.stderr


def test_docs_list_every_key() -> None:
    from balmail.deployment import KEYS

    text = (REPO_ROOT / "docs" / "config.md").read_text()
    for key in KEYS:
        assert f"| `{key.name}` |" in text, key.name
