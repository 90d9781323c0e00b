"""What one listener polls and how: `ListenerSettings` (Ballerina's `PopListenerConfiguration` /
`ImapListenerConfiguration` with their defaults, plus the `[balmail.listeners.NAME]` knobs) and
the protocol it speaks. Validation happens here, so a poller only ever sees sound settings."""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation

import attrs

from balmail.mail.connection import Endpoint, Timeouts
from balmail.mail.errors import MailError
from balmail.mail.imap import DEFAULT_FETCH_BATCH, DEFAULT_FOLDER, DEFAULT_IMAP_PORT
from balmail.mail.oauth2 import MailAuth
from balmail.mail.options import MailboxOptions
from balmail.mail.pop3 import DEFAULT_POP3_PORT
from balmail.mail.tls import SecureSocketConfig, Security

DEFAULT_POLLING_INTERVAL = Decimal(30)


class MailProtocol(enum.Enum):
    """Which protocol a listener polls (`email:PopListener` or `email:ImapListener`)."""

    POP3 = "pop3"
    IMAP = "imap"


def _to_protocol(value: MailProtocol | str) -> MailProtocol:
    if isinstance(value, MailProtocol):
        return value
    try:
        return MailProtocol(str(value).lower())
    except ValueError:
        raise MailError(f"Unknown mail protocol '{value}'; expected pop3 or imap") from None


def _to_decimal(value: Decimal | int | float | str) -> Decimal:
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise MailError(f"pollingInterval must be a number of seconds, got '{value}'") from None


def _default_port(settings: ListenerSettings) -> int:
    return DEFAULT_IMAP_PORT if settings.protocol is MailProtocol.IMAP else DEFAULT_POP3_PORT


def _positive_interval(_: object, __: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not value.is_finite() or value <= 0:
        raise MailError(f"pollingInterval must be a positive number of seconds, got {value}")


def _valid_port(_: object, __: attrs.Attribute[int], value: int) -> None:
    if not 0 < value < 65536:
        raise MailError(f"port must be between 1 and 65535, got {value}")


def _valid_batch(_: object, __: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise MailError(f"Fetch batch size must be at least 1, got {value}")


@attrs.frozen
class ListenerSettings:
    """Everything a listener needs to poll one mailbox: the Ballerina listener configuration
    (`PopListenerConfiguration`/`ImapListenerConfiguration`, with its defaults) plus the knobs
    Ballerina does not have (folder, batch size, timeouts). The password is kept out of `repr`."""

    protocol: MailProtocol = attrs.field(converter=_to_protocol)
    host: str
    username: str
    password: str = attrs.field(repr=False)
    port: int = attrs.field(default=attrs.Factory(_default_port, takes_self=True), validator=_valid_port)
    security: Security = Security.SSL
    secure_socket: SecureSocketConfig | None = None
    polling_interval: Decimal = attrs.field(
        default=DEFAULT_POLLING_INTERVAL, converter=_to_decimal, validator=_positive_interval
    )
    folder: str = DEFAULT_FOLDER
    """IMAP only; POP3 has a single maildrop."""
    batch_size: int = attrs.field(default=DEFAULT_FETCH_BATCH, validator=_valid_batch)
    timeouts: Timeouts = attrs.field(factory=Timeouts)
    options: MailboxOptions = attrs.field(factory=MailboxOptions)
    """The `[balmail.listeners.NAME]` mailbox keys (mail/options.py); the defaults change nothing."""
    auth: MailAuth | None = attrs.field(default=None, repr=False, eq=False)
    """`auth` and its token source from `[balmail.listeners.NAME]` (docs/config.md); None: the
    password login Ballerina does."""

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(self.host, self.port)

    @property
    def interval_seconds(self) -> float:
        return float(self.polling_interval)
