"""The `[balmail.listeners.NAME]` mailbox keys (mail/options.py) against Dovecot and the embedded
servers: folders with any name, several folders, every onSuccess/onGiveUp action with the mailbox
contents checked afterwards, unseenOnly, SEARCH filters, maxMessagesPerPoll, POP3 keep."""

from __future__ import annotations

import email
import email.policy
import time
from collections.abc import Iterator

import pytest

from balmail.mail import utf7
from balmail.mail.errors import MailError
from balmail.mail.folders import PollerGroup, make_poller
from balmail.mail.imap import ImapClient
from balmail.mail.options import Action, ActionKind, MailboxOptions, check_search, parse_action
from balmail.mail.outcomes import MessageGivenUp
from balmail.mail.poller import Poller
from balmail.mail.state import StateStore
from balmail.mail.tls import Security

from .server_harness import MailServer
from .test_poller import FAST, Recorder, message, settings

DONE = "Done"
POISON = "Poison"
ODD = "Ventes été & Co 2026"


def contents(server: MailServer, folder: str = "INBOX", user: str = "alice") -> dict[str, set[str]]:
    """Subject → flags of every message in `folder`, read over plain IMAP."""
    imap = server.admin(user)
    try:
        typ, data = imap.select(utf7.quote(folder), readonly=True)
        assert typ == "OK", data
        if int(data[0]) == 0:
            return {}
        typ, data = imap.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        assert typ == "OK", data
        out: dict[str, set[str]] = {}
        for item in data:
            if isinstance(item, tuple):
                prefix, header = item
                flags = set(prefix.decode().split("FLAGS (", 1)[1].split(")", 1)[0].split()) - {"\\Recent"}
                parsed = email.message_from_bytes(header, policy=email.policy.default)
                out[str(parsed.get("Subject", ""))] = flags
        return out
    finally:
        imap.logout()


@pytest.fixture
def folders(mailbox: MailServer) -> Iterator[MailServer]:
    """alice's INBOX empty and the folders Done, Poison and a non-ASCII one existing and empty."""
    for name in (DONE, POISON, ODD):
        mailbox.create_folder("alice", utf7.encode(name))
        mailbox.reset("alice", utf7.quote(name))
    yield mailbox
    for name in (DONE, POISON, ODD):
        mailbox.reset("alice", utf7.quote(name))


def poller(server: MailServer, recorder: Recorder, store: StateStore, protocol: str = "imap",
           max_retries: int = 3, **options: object) -> Poller | PollerGroup:  # fmt: skip
    return make_poller(
        settings(server, protocol, options=MailboxOptions(**options)),  # type: ignore[arg-type]
        store,
        recorder.on_message,
        on_error=recorder.on_error,
        on_close=recorder.on_close,
        max_retries=max_retries,
    )


def append(server: MailServer, *subjects: str, folder: str = "INBOX", seen: bool = False) -> None:
    for subject in subjects:
        server.append("alice", message(subject), folder=utf7.quote(folder), seen=seen)


# -- after-handling actions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "inbox", "done"),
    [
        (None, {"a": {"\\Seen"}, "b": {"\\Seen"}}, {}),
        (Action(ActionKind.SEEN), {"a": {"\\Seen"}, "b": {"\\Seen"}}, {}),
        (Action(ActionKind.KEEP), {"a": set(), "b": set()}, {}),
        (Action(ActionKind.DELETE), {}, {}),
        (Action(ActionKind.MOVE, DONE), {}, {"a": set(), "b": set()}),
        (Action(ActionKind.COPY, DONE), {"a": {"\\Seen"}, "b": {"\\Seen"}}, {"a": set(), "b": set()}),
    ],
    ids=["default", "seen", "keep", "delete", "move", "copy"],
)
def test_on_success_actions_leave_the_mailbox_as_described(
    folders: MailServer, tmp_path: object, action: Action | None, inbox: dict[str, set[str]],
    done: dict[str, set[str]],
) -> None:  # fmt: skip
    append(folders, "a", "b")
    recorder = Recorder()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        p = poller(folders, recorder, store, on_success=action)
        first = p.poll_once()
        second = p.poll_once()  # nothing is handled twice, whatever stays in the folder
    assert first.error is None and second.error is None, (first.error, second.error)
    assert recorder.subjects == ["a", "b"]
    assert contents(folders) == inbox
    assert contents(folders, DONE) == done


def test_move_falls_back_to_copy_and_expunge(folders: MailServer) -> None:
    append(folders, "x", "y", "stays")
    with ImapClient(folders.host, "alice", folders.users["alice"], port=folders.imap_port,
                    security=Security.START_TLS_NEVER, timeouts=FAST) as client:  # fmt: skip
        client.avoid_move = True
        client.select_folder()
        uids = client.search("ALL")
        client.move(uids[:2], DONE)
    assert set(contents(folders)) == {"stays"}
    assert set(contents(folders, DONE)) == {"x", "y"}


def test_move_to_a_missing_folder_is_an_error_naming_the_key(folders: MailServer, tmp_path: object) -> None:
    append(folders, "a")
    recorder = Recorder()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        result = poller(folders, recorder, store, on_success=Action(ActionKind.MOVE, "Nowhere")).poll_once()
    assert result.error is not None
    assert "onSuccess = 'move:Nowhere': folder 'Nowhere' does not exist" in result.error.message
    assert recorder.subjects == []  # checked before any handler ran
    assert contents(folders) == {"a": set()}


@pytest.mark.parametrize(
    ("action", "inbox", "poison"),
    [
        (None, {"bad": {"\\Seen"}, "good": {"\\Seen"}}, {}),
        (Action(ActionKind.KEEP), {"bad": set(), "good": {"\\Seen"}}, {}),
        (Action(ActionKind.MOVE, POISON), {"good": {"\\Seen"}}, {"bad": set()}),
        (Action(ActionKind.DELETE), {"good": {"\\Seen"}}, {}),
    ],
    ids=["default-seen", "keep", "move-dead-letter", "delete"],
)
def test_on_give_up_actions(
    folders: MailServer, tmp_path: object, action: Action | None, inbox: dict[str, set[str]],
    poison: dict[str, set[str]],
) -> None:  # fmt: skip
    append(folders, "bad", "good")
    recorder = Recorder(failures={"bad": -1})
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        p = poller(folders, recorder, store, max_retries=1, on_give_up=action)
        p.poll_once()
        p.poll_once()
        p.poll_once()  # a kept give-up is not tried again
    assert recorder.subjects == ["bad", "good", "bad"]
    given_up = [e for e in recorder.errors if isinstance(e, MessageGivenUp)]
    assert len(given_up) == 1
    expected = (action or Action(ActionKind.SEEN)).describe()
    assert f"it is {expected} so it no longer blocks" in given_up[0].message
    assert contents(folders) == inbox
    assert contents(folders, POISON) == poison


# -- which messages are taken -----------------------------------------------------------------------


def test_unseen_only_false_takes_seen_messages_once(folders: MailServer, tmp_path: object) -> None:
    append(folders, "old", seen=True)
    append(folders, "new")
    recorder = Recorder()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        p = poller(folders, recorder, store, unseen_only=False)
        p.poll_once()
        p.poll_once()
    assert recorder.subjects == ["old", "new"]
    assert contents(folders) == {"old": {"\\Seen"}, "new": {"\\Seen"}}


def test_search_filters_what_is_delivered(folders: MailServer, tmp_path: object) -> None:
    for sender, subject in (("boss@x.com", "from boss"), ("other@y.com", "from other"),
                            ("boss@x.com", "boss again")):  # fmt: skip
        raw = f"From: {sender}\nTo: alice@example.test\nSubject: {subject}\n\nhi\n".encode()
        folders.append("alice", raw)
    recorder = Recorder()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        p = poller(folders, recorder, store, search=check_search("FROM boss@x.com SINCE 1-Jan-2000"))
        result = p.poll_once()
    assert result.error is None, result.error
    assert recorder.subjects == ["from boss", "boss again"]
    assert contents(folders) == {"from boss": {"\\Seen"}, "from other": set(), "boss again": {"\\Seen"}}


@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_max_messages_per_poll_bounds_each_cycle(
    mailbox: MailServer, tmp_path: object, protocol: str
) -> None:
    append(mailbox, *[f"m{i}" for i in range(5)])
    recorder = Recorder()
    counts = []
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        p = poller(mailbox, recorder, store, protocol=protocol, max_per_poll=2)
        for _ in range(4):
            counts.append(p.poll_once().delivered)
    assert counts == [2, 2, 1, 0]
    assert recorder.subjects == [f"m{i}" for i in range(5)]


def test_max_messages_per_poll_is_not_starved_by_kept_messages(mailbox: MailServer, tmp_path: object) -> None:
    append(mailbox, "k1", "k2", "k3")
    recorder = Recorder()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        p = poller(mailbox, recorder, store, max_per_poll=2, on_success=Action(ActionKind.KEEP))
        for _ in range(3):
            p.poll_once()
    assert recorder.subjects == ["k1", "k2", "k3"]


# -- POP3 -------------------------------------------------------------------------------------------


def test_pop3_keep_leaves_messages_and_never_repeats_them(mailbox: MailServer, tmp_path: object) -> None:
    append(mailbox, "p1", "p2")
    recorder = Recorder()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        p = poller(mailbox, recorder, store, protocol="pop3", on_success=Action(ActionKind.KEEP))
        p.poll_once()
        append(mailbox, "p3")
        p.poll_once()
        p.poll_once()
    assert recorder.subjects == ["p1", "p2", "p3"]
    assert set(contents(mailbox)) == {"p1", "p2", "p3"}


def test_pop3_give_up_keep(mailbox: MailServer, tmp_path: object) -> None:
    append(mailbox, "bad", "good")
    recorder = Recorder(failures={"bad": -1})
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        keep = Action(ActionKind.KEEP)
        p = poller(mailbox, recorder, store, protocol="pop3", max_retries=0, on_give_up=keep)
        p.poll_once()
        p.poll_once()
    assert recorder.subjects == ["bad", "good"]
    assert set(contents(mailbox)) == {"bad"}


# -- folders ----------------------------------------------------------------------------------------


def test_a_folder_with_spaces_and_non_ascii(folders: MailServer, tmp_path: object) -> None:
    append(folders, "été", folder=ODD)
    append(folders, "inbox stays")
    recorder = Recorder()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        p = make_poller(settings(folders, "imap", folder=ODD), store, recorder.on_message,
                        on_error=recorder.on_error)  # fmt: skip
        result = p.poll_once()
    assert result.error is None, result.error
    assert recorder.subjects == ["été"]
    assert contents(folders, ODD) == {"été": {"\\Seen"}}
    assert contents(folders) == {"inbox stays": set()}
    assert {k.folder for k in recorder.keys} == {ODD}


def test_several_folders_one_connection_each_records_apart(folders: MailServer, tmp_path: object) -> None:
    append(folders, "i1", "i2")
    append(folders, "o1", folder=ODD)
    recorder = Recorder()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        group = poller(folders, recorder, store, folders=("INBOX", ODD))
        assert isinstance(group, PollerGroup)
        group.start()
        deadline = time.monotonic() + 15
        while len(recorder.subjects) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        append(folders, "o2", folder=ODD)
        while len(recorder.subjects) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        group.stop(5)
    assert sorted(recorder.subjects) == ["i1", "i2", "o1", "o2"]
    assert recorder.closes == [None]  # one onClose for the listener
    by_folder = {(k.folder, k.message_id) for k in recorder.keys}
    assert len(by_folder) == 4  # UID 1 of each folder is its own record
    assert contents(folders, ODD) == {"o1": {"\\Seen"}, "o2": {"\\Seen"}}


def test_uidvalidity_change_in_one_folder_keeps_the_other_folders_records(
    folders: MailServer, tmp_path: object
) -> None:
    append(folders, "inbox", folder="INBOX")
    recorder = Recorder()
    with StateStore(tmp_path / "state.db") as store:  # type: ignore[operator]
        p = poller(folders, recorder, store, on_success=Action(ActionKind.KEEP))
        p.poll_once()
        dropped = store.forget_other_uidvalidities(p.server, "alice", ODD, 12345)
        assert dropped == 0
        p.poll_once()
    assert recorder.subjects == ["inbox"]


# -- pure checks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("FROM", "FROM needs a string"),
        ("SINCE yesterday", "SINCE needs a date such as 1-Nov-2026, got 'yesterday'"),
        ("FRM boss", "unknown search key 'FRM'"),
        ("(FROM a", "'(' without its ')'"),
        ("LARGER big", "LARGER needs a number, got 'big'"),
        ('SUBJECT "open', "unterminated quoted string"),
        ("", "'search' is empty"),
        ("SUBJECT café", "must be ASCII"),
    ],
)
def test_search_criteria_are_checked(text: str, reason: str) -> None:
    with pytest.raises(MailError) as caught:
        check_search(text)
    assert reason in caught.value.message


def test_search_criteria_accepted() -> None:
    for text in ("FROM boss@x.com SINCE 1-Nov-2026", 'OR SUBJECT "a b" NOT FROM x', "HEADER X-Prio 1",
                 "(FROM a TO b) LARGER 10 UID 1:*", "1:5,7 UNSEEN"):  # fmt: skip
        assert check_search(text) == text


def test_actions_parse() -> None:
    allowed = ("seen", "delete", "move:FOLDER", "copy:FOLDER", "keep")
    assert parse_action("onSuccess", "move:Sales Team", allowed) == Action(ActionKind.MOVE, "Sales Team")
    assert parse_action("onSuccess", "KEEP", allowed) == Action(ActionKind.KEEP)
    cases = (("move", "needs a folder name"), ("seen:X", "takes no folder"), ("archive", "must be one of"))
    for bad, text in cases:
        with pytest.raises(MailError, match=text):
            parse_action("onSuccess", bad, allowed)


@pytest.mark.parametrize(
    "name", ["INBOX", "A&B", "Ventes été", "台北/日本語", "emoji 📬 box", "&-&", "~peter/台北/日本語", ""]
)
def test_modified_utf7_round_trips(name: str) -> None:
    encoded = utf7.encode(name)
    assert encoded.isascii() and all(0x20 <= ord(c) <= 0x7E for c in encoded)
    assert utf7.decode(encoded) == name


def test_modified_utf7_known_values_and_errors() -> None:
    assert utf7.encode("~peter/mail/台北/日本語") == "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
    assert utf7.encode("Ventes été") == "Ventes &AOk-t&AOk-"
    assert utf7.encode("A&B") == "A&-B"
    assert utf7.decode("&AOk-t&AOk-") == "été"
    for bad in ("&AOk", "&!!-", "é"):
        with pytest.raises(MailError):
            utf7.decode(bad)
