"""The after-handling actions: how a settled message is acknowledged on the server, by
`onSuccess` (handler returned) or `onGiveUp` (every attempt failed) of `[balmail.listeners.NAME]`
(`seen`, `delete`, `move:F`, `copy:F`, `keep`; docs/config.md). The poller decides *when* a
message may be acknowledged (docs/delivery.md); this module says *what* that does."""

from __future__ import annotations

from balmail.mail.connection import Endpoint
from balmail.mail.errors import MailError
from balmail.mail.imap import ImapClient
from balmail.mail.options import Action, ActionKind, MailboxOptions
from balmail.mail.outcomes import CycleResult, Settled


def action_for(options: MailboxOptions, outcome: Settled, *, pop3: bool) -> Action:
    """The action that acknowledges a message settled as `outcome`."""
    return options.give_up_action(pop3) if outcome is Settled.GIVEN_UP else options.success_action(pop3)


def pop3_deletes(options: MailboxOptions) -> dict[Settled, bool]:
    """POP3 can only delete or leave a message: whether each outcome deletes it (`DELE`)."""
    return {
        Settled.HANDLED: options.success_action(pop3=True).kind is ActionKind.DELETE,
        Settled.GIVEN_UP: options.give_up_action(pop3=True).kind is ActionKind.DELETE,
        Settled.NOTHING: False,
    }


def acknowledge_imap(
    client: ImapClient, options: MailboxOptions, settled: list[tuple[int, Settled]], result: CycleResult
) -> None:
    """Apply `onSuccess` to the handled UIDs and `onGiveUp` to the given-up ones (one command per
    action and outcome), counting each group into `result` as soon as the server confirmed it."""
    for outcome, action in (
        (Settled.HANDLED, options.success_action(pop3=False)),
        (Settled.GIVEN_UP, options.give_up_action(pop3=False)),
    ):
        uids = [uid for uid, how in settled if how is outcome]
        if not uids:
            continue
        if action.kind is ActionKind.SEEN:
            client.mark_seen(uids)
        elif action.kind is ActionKind.COPY:
            assert action.folder is not None
            client.copy(uids, action.folder)
            client.mark_seen(uids)
        elif action.kind is ActionKind.MOVE:
            assert action.folder is not None
            client.move(uids, action.folder)
        elif action.kind is ActionKind.DELETE:
            client.delete(uids)
        result.acknowledged += len(uids)


def check_action_folders(
    client: ImapClient, options: MailboxOptions, endpoint: Endpoint, username: str
) -> None:
    """The folders of `move:`/`copy:` actions exist: a missing one would fail every
    acknowledgement after the handler already ran, so it is an error before the first delivery."""
    for key, action in (("onSuccess", options.on_success), ("onGiveUp", options.on_give_up)):
        if action is not None and action.folder is not None and not client.folder_exists(action.folder):
            raise MailError(
                f"{key} = '{action}': folder '{action.folder}' does not exist at "
                f"{endpoint} for {username}; create it first"
            )
