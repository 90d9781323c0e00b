"""The mailbox keys of `[balmail.listeners.NAME]` (docs/config.md) through `balmail run`: a program
with none of them in Ballerina reads several folders and moves what it handled, as Config.toml
says; wrong values and keys POP3 cannot use are exact errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from mail.dovecot_harness import DovecotServer

from balmail.mail import utf7

from .test_overrides import IMAP_PROGRAM, POP_PROGRAM, balmail, write

SUPPORT = "Support äöü"


def test_folders_and_on_success_move_end_to_end(mailbox: DovecotServer, tmp_path: Path) -> None:
    for name in (SUPPORT, "Done"):
        mailbox.create_folder("alice", utf7.encode(name))
        mailbox.reset("alice", utf7.quote(name))
    mailbox.append("alice", b"From: a@example.test\nSubject: in inbox\n\nx\n")
    mailbox.append("alice", b"From: a@example.test\nSubject: in support\n\nx\n", folder=utf7.quote(SUPPORT))
    write(
        tmp_path,
        IMAP_PROGRAM,
        f"""
[balmail.listeners.inbox]
host = "{mailbox.host}"
port = {mailbox.imap_port}
security = "START_TLS_NEVER"
username = "alice"
password = "{mailbox.users["alice"]}"
folders = ["INBOX", "{SUPPORT}"]
onSuccess = "move:Done"
""",
    )
    done = balmail(tmp_path, "run", "--once", "--state-dir", "state", "prog.bal")
    assert done.returncode == 0, done.stderr
    assert 'message="handled" subject="in inbox"' in done.stderr
    assert 'message="handled" subject="in support"' in done.stderr
    assert mailbox.flags("alice") == {}
    assert mailbox.flags("alice", utf7.quote(SUPPORT)) == {}
    assert len(mailbox.flags("alice", "Done")) == 2
    mailbox.reset("alice", "Done")


@pytest.mark.parametrize(
    ("program", "config", "flags", "message"),
    [
        (POP_PROGRAM, '[balmail.listeners.desk]\nfolder = "X"\n', (),
         "error: [{cfg}] [balmail.listeners.desk]: 'folder' applies to IMAP listeners only, and 'desk' is "
         "a POP3 listener; valid keys: host, port, security, username, password, caFile, pollingInterval, "
         "concurrency, onSuccess, onGiveUp, maxMessagesPerPoll, auth, accessToken, oauth2"),
        (POP_PROGRAM, '[balmail.listeners.desk]\nonSuccess = "move:Done"\n', (),
         "error: [{cfg}] [balmail.listeners.desk]: 'onSuccess' = 'move:Done' is not possible for a POP3 "
         "listener (POP3 has no folders or flags); use 'delete' or 'keep'"),
        (IMAP_PROGRAM, '[balmail.listeners.inbox]\nsearch = "SINCE yesterday"\n', (),
         "error: [{cfg}] [balmail.listeners.inbox]: 'search' must be valid IMAP SEARCH criteria (SINCE "
         "needs a date such as 1-Nov-2026, got 'yesterday'), got 'SINCE yesterday'"),
        (IMAP_PROGRAM, '[balmail.listeners.inbox]\nonGiveUp = "move:"\n', (),
         "error: [{cfg}] [balmail.listeners.inbox]: 'onGiveUp' must be 'move:FOLDER' with a folder name "
         "after the colon, got 'move:'"),
        (IMAP_PROGRAM, '[balmail.listeners.inbox]\nonSuccess = "archive"\n', (),
         "error: [{cfg}] [balmail.listeners.inbox]: 'onSuccess' must be one of 'seen', 'delete', "
         "'move:FOLDER', 'copy:FOLDER', 'keep', got 'archive'"),
        (IMAP_PROGRAM, '[balmail.listeners.inbox]\nidle = "yes"\n', (),
         "error: [{cfg}] [balmail.listeners.inbox]: 'idle' must be true or false, got 'yes'"),
        (IMAP_PROGRAM, '[balmail.listeners.inbox]\nfolders = []\n', (),
         "error: [{cfg}] [balmail.listeners.inbox]: 'folders' must be a non-empty array of folder names, "
         "got an array"),
        (IMAP_PROGRAM, "", ("--listener", "inbox.maxMessagesPerPoll=0"),
         "error: --listener inbox.maxMessagesPerPoll=0: 'maxMessagesPerPoll' must be a whole number of 1 or "
         "more, got '0'"),
        (IMAP_PROGRAM, "", ("--listener", "inbox.unseenOnly=maybe"),
         "error: --listener inbox.unseenOnly=maybe: 'unseenOnly' must be true or false, got 'maybe'"),
    ],
)  # fmt: skip
def test_bad_mailbox_keys_are_exact_errors(
    tmp_path: Path, program: str, config: str, flags: tuple[str, ...], message: str
) -> None:
    write(tmp_path, program, config)
    done = balmail(tmp_path, "run", "--once", "--state-dir", "s", *flags, "prog.bal")
    assert done.returncode == 1, done.stderr
    assert done.stderr == message.format(cfg=tmp_path / "Config.toml") + "\n"


def test_cross_key_rules_name_the_keys(tmp_path: Path) -> None:
    write(tmp_path, IMAP_PROGRAM, '[balmail.listeners.inbox]\nfolder = "A"\nfolders = ["B"]\n')
    done = balmail(tmp_path, "run", "--once", "--state-dir", "s", "prog.bal")
    assert done.returncode == 1
    assert "'folder' and 'folders' are both set" in done.stderr
    write(tmp_path, IMAP_PROGRAM, '[balmail.listeners.inbox]\nonSuccess = "move:INBOX"\n')
    done = balmail(tmp_path, "run", "--once", "--state-dir", "s", "prog.bal")
    assert done.returncode == 1
    assert "'onSuccess' = 'move:INBOX' targets a folder this listener watches" in done.stderr
    assert "Traceback" not in done.stderr
