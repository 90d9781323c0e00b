"""The codes `balmail lint` reports on the `[balmail...]` deployment settings of Config.toml
(BALMAIL_4NN). Only the rules live here, so the rule reference and the SARIF report know them; the
checks are in balmail/deployment_lint.py, beside the key registry they read (balmail/deployment.py).
Their examples are Config.toml text (`language="toml"`)."""

from __future__ import annotations

from balmail.check.registry import Rule, register
from balmail.diagnostics import Severity

_PROGRAM = "a program with `listener email:ImapListener inbox = new (...)` and a Config.toml beside it:\n"

CONFIG_SYNTAX = register(
    Rule(
        code="BALMAIL_401",
        name="config-toml-syntax",
        severity=Severity.ERROR,
        language="toml",
        summary="Config.toml is not valid TOML.",
        what_it_does="Reports the first place where Config.toml cannot be read as TOML 1.0, at the line "
        "and column the TOML parser stopped.",
        why="`balmail run` reads Config.toml for configurable values and deployment settings; a file it "
        "cannot read stops the program before it starts.",
        example='[balmail.listeners.inbox]\nhost = "imap.example.com',
        fix='[balmail.listeners.inbox]\nhost = "imap.example.com"',
    )
)

UNKNOWN_ENDPOINT = register(
    Rule(
        code="BALMAIL_402",
        name="unknown-endpoint-name",
        severity=Severity.ERROR,
        language="toml",
        summary="A `[balmail.listeners.NAME]` or `[balmail.clients.NAME]` names no listener or client.",
        what_it_does="Reports a listener or client section whose NAME is not the variable name of an "
        "email listener or client in the program (nor the service name of an inline listener); the "
        "message lists the valid names.",
        why="`balmail run` refuses such a section; usually it is a typo or a renamed variable, and the "
        "settings meant for the listener would silently not apply.",
        example=_PROGRAM + '[balmail.listeners.inbx]\nhost = "127.0.0.1"',
        fix='[balmail.listeners.inbox]\nhost = "127.0.0.1"',
    )
)

UNKNOWN_KEY = register(
    Rule(
        code="BALMAIL_403",
        name="unknown-deployment-key",
        severity=Severity.ERROR,
        language="toml",
        summary="A deployment section has a key balmail does not know.",
        what_it_does="Reports a key of `[balmail.listeners.NAME]` / `[balmail.clients.NAME]` that is not "
        "in the key registry (docs/config.md); the message lists the valid keys.",
        why="`balmail run` refuses unknown keys, so that a misspelt setting is never silently ignored.",
        example='[balmail.listeners.inbox]\nhots = "127.0.0.1"',
        fix='[balmail.listeners.inbox]\nhost = "127.0.0.1"',
    )
)

KEY_NOT_APPLICABLE = register(
    Rule(
        code="BALMAIL_404",
        name="deployment-key-not-applicable",
        severity=Severity.ERROR,
        language="toml",
        summary="A deployment key makes no sense for this listener or client (its role or protocol).",
        what_it_does="Reports a known key used where it has no meaning: a listener-only key such as "
        "`pollingInterval` on a client, or a key for one protocol on another (an IMAP-only key on a POP3 "
        "listener).",
        why="`balmail run` refuses it; the setting would do nothing, which is never what was meant.",
        example="[balmail.clients.smtp]\npollingInterval = 5",
        fix="[balmail.listeners.inbox]\npollingInterval = 5",
    )
)

WRONG_VALUE = register(
    Rule(
        code="BALMAIL_405",
        name="wrong-deployment-value",
        severity=Severity.ERROR,
        language="toml",
        summary="A deployment setting has a value of the wrong type or outside what it accepts.",
        what_it_does="Reports a value the key's parser refuses (a port that is not 1-65535, an unknown "
        "`security` or `auth` value, an `oauth2` table with a key of the wrong type, a `caFile` that does "
        "not exist) and sections that are not tables.",
        why="`balmail run` refuses the value and does not start.",
        example='[balmail.listeners.inbox]\nport = "993"\nauth = "oauth"',
        fix='[balmail.listeners.inbox]\nport = 993\nauth = "xoauth2"',
    )
)

AUTH_MISMATCH = register(
    Rule(
        code="BALMAIL_406",
        name="inconsistent-auth",
        severity=Severity.ERROR,
        language="toml",
        summary="`auth`, `accessToken` and `oauth2` of one listener or client do not fit together.",
        what_it_does="Reports a token method (`xoauth2`, `oauthbearer`) with no token source, both "
        "`accessToken` and `oauth2`, an `oauth2` table missing `tokenUrl`, `clientId` or both of "
        "`clientSecret`/`refreshToken`, and a token given with a password method (`plain`, `login`).",
        why="`balmail run` refuses the combination: the listener could not log in, or a token would be "
        "configured and never used.",
        example='[balmail.listeners.inbox]\nauth = "xoauth2"',
        fix='[balmail.listeners.inbox]\nauth = "xoauth2"\noauth2 = { tokenUrl = "https://login.example.com/'
        'token", clientId = "app", refreshToken = "..." }',
    )
)
