"""The static descriptions of library types (check/libtypes.py) equal the run-time ones (lib/email.py)."""

from __future__ import annotations

import pytest

from balmail.check import libtypes, methods
from balmail.check.statictypes import display
from balmail.lib import email_values as email_lib
from balmail.lib import langlib
from balmail.runtime import types as T

RUNTIME: dict[str, T.Type] = {
    "Message": email_lib.MESSAGE,
    "Options": email_lib.OPTIONS,
    "Attachment": email_lib.ATTACHMENT,
    "SecureSocket": email_lib.SECURE_SOCKET,
    "PopListenerConfiguration": email_lib.POP_LISTENER_CONFIG,
    "ImapListenerConfiguration": email_lib.IMAP_LISTENER_CONFIG,
    "PopConfiguration": email_lib.POP_CONFIG,
    "ImapConfiguration": email_lib.IMAP_CONFIG,
    "SmtpConfiguration": email_lib.SMTP_CONFIG,
}


RECORDS = sorted(n for n, t in libtypes.EMAIL_TYPES.items() if isinstance(t, T.TRecord))


@pytest.mark.parametrize("name", RECORDS)
def test_record_fields_match(name: str) -> None:
    static = libtypes.EMAIL_TYPES[name]
    runtime = T.resolve(RUNTIME[name])
    assert isinstance(static, T.TRecord) and isinstance(runtime, T.TRecord)
    assert list(static.fields) == list(runtime.fields)
    assert static.rest is None and runtime.rest is None
    for field_name, field in static.fields.items():
        other = runtime.fields[field_name]
        assert field.optional == other.optional, field_name
        assert (field.default is not None) == (other.default is not None), field_name
        assert display(field.type).replace("email:Protocol", '"TLS"') == display(other.type).replace(
            "email:TLS", '"TLS"'
        ), field_name


def test_every_runtime_record_is_described() -> None:
    assert set(RUNTIME) == {n for n, t in libtypes.EMAIL_TYPES.items() if isinstance(t, T.TRecord)}


@pytest.mark.parametrize(
    ("kind", "table"),
    [
        ("string", langlib.STRING),
        ("int", langlib.INT),
        ("float", langlib.FLOAT),
        ("decimal", langlib.DECIMAL),
        ("boolean", langlib.BOOLEAN),
        ("list", langlib.ARRAY),
        ("mapping", langlib.MAP),
        ("error", langlib.ERROR),
    ],
)
def test_every_langlib_function_the_runtime_has_is_a_known_method(kind: str, table: dict) -> None:
    """A lang library function balmail runs is never reported as `undefined function` by check."""
    known = methods.LANGLIB[kind] | methods.VALUE_FUNCTIONS
    assert set(table) - known - set(langlib.VALUE) == set()
    assert set(langlib.VALUE) <= methods.VALUE_FUNCTIONS | {"iterator"}

