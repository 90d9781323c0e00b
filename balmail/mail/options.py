"""What a listener does beyond Ballerina's record (docs/config.md): which folders it watches, which
messages it takes (`unseenOnly`, `search`, `maxMessagesPerPoll`), what happens to a message after
its handler succeeded or was given up (`onSuccess`, `onGiveUp`), and whether it waits in IMAP IDLE.

Values are checked here, once, into frozen objects the poller reads; every error is a sentence that
names the key, so a bad Config.toml stops the run before any connection is made.
"""

from __future__ import annotations

import enum
import re

import attrs

from balmail.mail.errors import MailError

IDLE_REFRESH_SECONDS = 29 * 60.0
"""RFC 2177: servers may drop a client idle for 30 minutes; IDLE is re-issued before that."""


class ActionKind(enum.Enum):
    SEEN = "seen"
    DELETE = "delete"
    MOVE = "move"
    COPY = "copy"
    KEEP = "keep"


@attrs.frozen
class Action:
    """One after-handling action: `move`/`copy` carry the target folder."""

    kind: ActionKind
    folder: str | None = None

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.folder}" if self.folder is not None else self.kind.value

    @property
    def removes(self) -> bool:
        """The message leaves the folder (it is never listed again)."""
        return self.kind in (ActionKind.DELETE, ActionKind.MOVE)

    @property
    def marks_seen(self) -> bool:
        return self.kind in (ActionKind.SEEN, ActionKind.COPY)

    def describe(self, pop3: bool = False) -> str:
        """What happened to the message, for messages ('it is ...')."""
        return {
            ActionKind.SEEN: "marked as seen",
            ActionKind.DELETE: "deleted from the server" if pop3 else "deleted",
            ActionKind.MOVE: f"moved to folder '{self.folder}'",
            ActionKind.COPY: f"copied to folder '{self.folder}' and marked as seen",
            ActionKind.KEEP: "kept on the server as it is",
        }[self.kind]


SEEN = Action(ActionKind.SEEN)
DELETE = Action(ActionKind.DELETE)
KEEP = Action(ActionKind.KEEP)

ON_SUCCESS_IMAP = ("seen", "delete", "move:FOLDER", "copy:FOLDER", "keep")
ON_GIVE_UP_IMAP = ("seen", "keep", "move:FOLDER", "delete")
ON_POP3 = ("delete", "keep")


def parse_action(key: str, raw: str, allowed: tuple[str, ...]) -> Action:
    """`seen`, `keep`, `delete`, `move:FOLDER`, `copy:FOLDER` (as far as `allowed` lists them)."""
    text = raw.strip()
    kind_text, colon, folder = text.partition(":")
    kinds = {a.partition(":")[0]: a.endswith(":FOLDER") for a in allowed}
    listing = ", ".join(f"'{a}'" for a in allowed)
    kind_text = kind_text.strip().lower()
    if kind_text not in kinds:
        raise MailError(f"'{key}' must be one of {listing}, got '{raw}'")
    if kinds[kind_text]:
        if not colon or not folder.strip():
            raise MailError(f"'{key}' = '{raw}' needs a folder name after the colon, e.g. '{kind_text}:Done'")
        return Action(ActionKind(kind_text), folder.strip())
    if colon:
        raise MailError(f"'{key}' = '{raw}': '{kind_text}' takes no folder")
    return Action(ActionKind(kind_text))


# -- SEARCH criteria (RFC 3501 §6.4.4) -------------------------------------------------------------

_NO_ARG = {
    "ALL", "ANSWERED", "DELETED", "DRAFT", "FLAGGED", "NEW", "OLD", "RECENT", "SEEN", "UNANSWERED",
    "UNDELETED", "UNDRAFT", "UNFLAGGED", "UNSEEN",
}  # fmt: skip
_STRING_ARG = {"BCC", "BODY", "CC", "FROM", "SUBJECT", "TEXT", "TO"}
_DATE_ARG = {"BEFORE", "ON", "SINCE", "SENTBEFORE", "SENTON", "SENTSINCE"}
_NUMBER_ARG = {"LARGER", "SMALLER"}
_ATOM_ARG = {"KEYWORD", "UNKEYWORD"}
_DATE = re.compile(r"^\d{1,2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{4}$", re.IGNORECASE)
_SEQUENCE = re.compile(r"^(\d+|\*)(:(\d+|\*))?(,(\d+|\*)(:(\d+|\*))?)*$")
_TOKEN = re.compile(r'\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|([^\s()"]+))')


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, value): kind is '(' , ')', 'quoted' or 'atom'."""
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise MailError(f"'search' has an unterminated quoted string: {text[pos:].strip()}")
        pos = match.end()
        if match.group(1):
            out.append(("(", "("))
        elif match.group(2):
            out.append((")", ")"))
        elif match.group(3) is not None:
            out.append(("quoted", match.group(3)))
        else:
            out.append(("atom", match.group(4)))
    return out


def check_search(text: str) -> str:
    """IMAP SEARCH criteria checked against RFC 3501's grammar (keys, argument counts, dates as
    1-Nov-2026, numbers), so a typo stops the run at start with a sentence instead of a BAD from the
    server on every cycle. Returns the criteria as given (sent as is); ASCII only for now (non-ASCII
    would need CHARSET UTF-8 with literals, which is not written yet)."""
    if not text.isascii():
        raise MailError("'search' must be ASCII for now (non-ASCII search strings are not supported yet)")
    tokens = _tokens(text)
    if not tokens:
        raise MailError("'search' is empty; leave it out to take every (unseen) message")
    pos = 0

    def need(what: str, key: str) -> tuple[str, str]:
        nonlocal pos
        if pos >= len(tokens) or tokens[pos][0] in ("(", ")"):
            raise MailError(f"'search': {key} needs {what}")
        token = tokens[pos]
        pos += 1
        return token

    def one() -> None:
        nonlocal pos
        if pos >= len(tokens):
            raise MailError("'search' ends where a search key was expected")
        kind, value = tokens[pos]
        pos += 1
        if kind == "(":
            one()
            while pos < len(tokens) and tokens[pos][0] != ")":
                one()
            if pos >= len(tokens):
                raise MailError("'search' has a '(' without its ')'")
            pos += 1
            return
        if kind == ")":
            raise MailError("'search' has a ')' without its '('")
        if kind == "quoted":
            raise MailError(f"'search': a quoted string \"{value}\" where a search key was expected")
        key = value.upper()
        if key in _NO_ARG:
            return
        if key in _STRING_ARG:
            need("a string", key)
        elif key in _DATE_ARG:
            _, date = need("a date such as 1-Nov-2026", key)
            if not _DATE.match(date):
                raise MailError(f"'search': {key} needs a date such as 1-Nov-2026, got '{date}'")
        elif key in _NUMBER_ARG or key == "UID":
            _, number = need("a number" if key != "UID" else "a UID set such as 1:100", key)
            pattern = _SEQUENCE if key == "UID" else re.compile(r"^\d+$")
            if not pattern.match(number):
                raise MailError(f"'search': {key} needs {'a UID set' if key == 'UID' else 'a number'}, "
                                f"got '{number}'")  # fmt: skip
        elif key in _ATOM_ARG:
            need("a flag keyword", key)
        elif key == "HEADER":
            need("a header name", key)
            need("a string", key)
        elif key == "NOT":
            one()
        elif key == "OR":
            one()
            one()
        elif _SEQUENCE.match(value):
            return
        else:
            raise MailError(f"'search': unknown search key '{value}' (RFC 3501 6.4.4 lists FROM, SUBJECT, "
                            "SINCE, BEFORE, UNSEEN, HEADER, OR, NOT, ...)")  # fmt: skip

    while pos < len(tokens):
        one()
    return text.strip()


# -- all of it ---------------------------------------------------------------------------------------


def _positive(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and value < 1:
        raise MailError(f"'maxMessagesPerPoll' must be 1 or more, got {value}")


@attrs.frozen
class MailboxOptions:
    """The `[balmail.listeners.NAME]` keys the poller obeys; the defaults are Ballerina's behaviour."""

    folders: tuple[str, ...] = ()
    """Empty: the one folder of `ListenerSettings.folder` (INBOX)."""
    on_success: Action | None = None
    """None: IMAP `seen`, POP3 `delete` (what Ballerina does)."""
    on_give_up: Action | None = None
    """None: IMAP `seen`, POP3 `delete` (as before these keys existed)."""
    unseen_only: bool = True
    search: str | None = None
    max_per_poll: int | None = attrs.field(default=None, validator=_positive)
    idle: bool = False
    idle_refresh: float = IDLE_REFRESH_SECONDS

    def success_action(self, pop3: bool) -> Action:
        return self.on_success or (DELETE if pop3 else SEEN)

    def give_up_action(self, pop3: bool) -> Action:
        return self.on_give_up or (DELETE if pop3 else SEEN)

    def criteria(self) -> str:
        """The SEARCH criteria sent each cycle."""
        parts = ["UNSEEN"] if self.unseen_only else []
        if self.search:
            parts.append(f"({self.search})" if self.unseen_only else self.search)
        return " ".join(parts) or "ALL"

    def listed_after_ack(self, action: Action) -> bool:
        """Whether a message acknowledged with `action` still matches the criteria next cycle
        (then the store's record, not the server, says it was handled)."""
        if action.removes:
            return False
        if action.kind is ActionKind.KEEP:
            return True
        return not self.unseen_only  # seen/copy mark it seen: gone from an UNSEEN search only


# -- the `[balmail.listeners.NAME]` keys (registered in balmail/deployment.py) ---------------------


def parse_folder(raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("a non-empty folder name")
    return raw


def parse_folders(raw: object) -> tuple[str, ...]:
    """An array of folder names (from a flag: comma-separated)."""
    items = [x.strip() for x in raw.split(",")] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple) or not items:
        raise ValueError("a non-empty array of folder names")
    if not all(isinstance(x, str) and x.strip() for x in items):
        raise ValueError("an array of non-empty folder names")
    if len(set(items)) != len(items):
        raise ValueError("an array of distinct folder names")
    return tuple(items)


def parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    raise ValueError("true or false")


def bool_from_flag(text: str) -> object:
    return {"true": True, "false": False}.get(text.strip().lower(), text)


def parse_max(raw: object) -> int:
    if type(raw) is not int or raw < 1:
        raise ValueError("a whole number of 1 or more")
    return raw


def parse_on_success(raw: object) -> Action:
    return _action_key("onSuccess", raw, ON_SUCCESS_IMAP)


def parse_on_give_up(raw: object) -> Action:
    return _action_key("onGiveUp", raw, ON_GIVE_UP_IMAP)


def _action_key(key: str, raw: object, allowed: tuple[str, ...]) -> Action:
    listing = "one of " + ", ".join(f"'{a}'" for a in allowed)
    if not isinstance(raw, str):
        raise ValueError(listing)
    try:
        return parse_action(key, raw, allowed)
    except MailError:
        kind, colon, folder = raw.strip().partition(":")
        kind = kind.strip().lower()
        if f"{kind}:FOLDER" in allowed:
            raise ValueError(f"'{kind}:FOLDER' with a folder name after the colon") from None
        if kind in allowed:
            raise ValueError(f"'{kind}' without a folder") from None
        raise ValueError(listing) from None


def parse_search(raw: object) -> str:
    if not isinstance(raw, str):
        raise ValueError("IMAP SEARCH criteria as a string, e.g. 'FROM boss@x.com SINCE 1-Nov-2026'")
    try:
        return check_search(raw)
    except MailError as error:
        reason = error.message.removeprefix("'search': ")
        raise ValueError(f"valid IMAP SEARCH criteria ({reason})") from None


def pop3_action(key: str, action: Action) -> str | None:
    """Why `action` cannot be used by a POP3 listener, or None."""
    if action.kind in (ActionKind.DELETE, ActionKind.KEEP):
        return None
    return (
        f"'{key}' = '{action}' is not possible for a POP3 listener (POP3 has no folders or flags); "
        "use 'delete' or 'keep'"
    )


MAILBOX_KEYS = (
    "folder", "folders", "onSuccess", "onGiveUp", "unseenOnly", "search", "maxMessagesPerPoll", "idle",
)  # fmt: skip


def mailbox_options(values: dict[str, object]) -> tuple[str | None, MailboxOptions]:
    """Parsed key values (as the registry's parsers return them) → the folder to use (None: keep
    the default) and the options; cross-key rules are checked here, naming the keys."""
    folder = values.get("folder")
    folders = values.get("folders")
    if folder is not None and folders is not None:
        raise MailError("'folder' and 'folders' are both set; use 'folders' alone to watch several")
    options = MailboxOptions(
        folders=tuple(folders) if isinstance(folders, tuple | list) else (),
        on_success=values.get("onSuccess"),  # type: ignore[arg-type]
        on_give_up=values.get("onGiveUp"),  # type: ignore[arg-type]
        unseen_only=bool(values.get("unseenOnly", True)),
        search=values.get("search"),  # type: ignore[arg-type]
        max_per_poll=values.get("maxMessagesPerPoll"),  # type: ignore[arg-type]
        idle=bool(values.get("idle", False)),
    )
    watched = set(options.folders or [folder or "INBOX"])
    for key, action in (("onSuccess", options.on_success), ("onGiveUp", options.on_give_up)):
        if action is not None and action.folder is not None and action.folder in watched:
            raise MailError(
                f"'{key}' = '{action}' targets a folder this listener watches; its messages would be "
                "handled again there"
            )
    return (folder if isinstance(folder, str) else None), options
