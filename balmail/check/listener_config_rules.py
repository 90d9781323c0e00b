"""The rules (BALMAIL_101..114) of the listener and client configuration checks (listener_config.py):
code, name, severity, the texts of the rule reference, and the message template."""

from __future__ import annotations

from balmail.check.registry import Rule, register
from balmail.diagnostics import Severity


def _rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    what: str,
    why: str,
    example: str,
    fix: str,
    message: str | None = None,
) -> Rule:
    return register(Rule(code, name, severity, summary, what, why, example, fix, message))


_LISTENER = "listener email:ImapListener inbox = new ({{\n{fields}\n}});"


def _listener(*fields: str) -> str:
    return _LISTENER.format(fields=",\n".join(f"    {field}" for field in fields))


_BASE = ('host: "imap.example.com"', "username: username", "password: password")

UNKNOWN_FIELD = _rule(
    "BALMAIL_101",
    "unknown-config-field",
    Severity.ERROR,
    "A configuration record has a field its closed record type does not define.",
    "Reports a field in a listener, client or `secureSocket` configuration record that "
    "`email:PopListenerConfiguration`, `email:ImapListenerConfiguration`, `email:SecureSocket` (or the "
    "client configuration types) do not have. These records are closed (`record {| ... |}`).",
    "Ballerina rejects the program (`undefined field`), so it does not build for WSO2 Integrator; the "
    "field is usually misspelt (`pollInterval` for `pollingInterval`) and its setting silently lost.",
    _listener(*_BASE, "pollInterval: 10"),
    _listener(*_BASE, "pollingInterval: 10"),
    "undefined field '{0}' in record '{1}'",
)

FIELD_TYPE = _rule(
    "BALMAIL_102",
    "config-field-type",
    Severity.ERROR,
    "A configuration field has a value of the wrong type.",
    "Reports a configuration field whose value is certainly of another type than the field's: a string "
    "port, a decimal where an `int` is needed, a string that is not one of the `email:Security` modes, a "
    "variable declared with an incompatible type.",
    "Ballerina rejects the program (`incompatible types`); balmail would fail when the listener starts.",
    _listener(*_BASE, 'port: "993"'),
    _listener(*_BASE, "port: 993"),
    "incompatible types: expected '{0}', found '{1}'",
)

MISSING_FIELD = _rule(
    "BALMAIL_103",
    "missing-config-field",
    Severity.ERROR,
    "A configuration record lacks a required field.",
    "Reports a listener configuration without `host`, `username` or `password`, or a `secureSocket` "
    "without `cert`, or a `protocol` without `name`: fields that have no default.",
    "Ballerina rejects the program (`missing non-defaultable required record field`); there is nothing "
    "to connect to or log in with.",
    'listener email:ImapListener inbox = new ({\n    host: "imap.example.com",\n    username: username\n});',
    'listener email:ImapListener inbox = new ({\n    host: "imap.example.com",\n    username: username,\n'
    "    password: password\n});",
    "missing non-defaultable required record field '{0}'",
)

POLLING_INTERVAL = _rule(
    "BALMAIL_104",
    "non-positive-polling-interval",
    Severity.ERROR,
    "`pollingInterval` is zero or negative.",
    "Reports a `pollingInterval` that is 0 or less, written directly or reached through a constant, "
    "variable or configurable default.",
    "The listener polls every `pollingInterval` seconds; Ballerina's scheduler refuses a non-positive "
    "interval when the listener starts, and balmail does too.",
    _listener(*_BASE, "pollingInterval: 0"),
    _listener(*_BASE, "pollingInterval: 30"),
)

PORT_RANGE = _rule(
    "BALMAIL_105",
    "port-out-of-range",
    Severity.ERROR,
    "`port` is not a TCP port number (1 to 65535).",
    "Reports a `port` value below 1 or above 65535.",
    "No server can listen there; the connection fails on every polling cycle.",
    _listener(*_BASE, "port: 99300"),
    _listener(*_BASE, "port: 993"),
)

SECURITY_PORT = _rule(
    "BALMAIL_106",
    "security-port-mismatch",
    Severity.WARNING,
    "The security mode does not fit the well-known port.",
    "Reports `SSL` (TLS from the first byte) on a port that mail servers use for plaintext and STARTTLS "
    "(POP3 110, IMAP 143, SMTP 25/587), and a `START_TLS_*` or `START_TLS_NEVER` mode on an implicit-TLS "
    "port (POP3 995, IMAP 993, SMTP 465). Defaults count: no `security` means `SSL`, no `port` means "
    "995 / 993 / 465.",
    "The two sides then wait for different first bytes: the connection hangs until a timeout or fails "
    "with a confusing TLS or protocol error.",
    _listener(*_BASE, "port: 143"),
    _listener(*_BASE, "port: 143", "security: email:START_TLS_ALWAYS"),
)

CLEARTEXT = _rule(
    "BALMAIL_107",
    "cleartext-transport",
    Severity.WARNING,
    "`security: email:START_TLS_NEVER`: credentials and mail travel in plaintext.",
    "Reports the `START_TLS_NEVER` security mode, which never negotiates TLS.",
    "The password is sent in the clear at every login and every message can be read or changed on the "
    "way. Ballerina's scanner flags it too (avoid connecting to mail servers without TLS).",
    _listener(*_BASE, "port: 143", "security: email:START_TLS_NEVER"),
    _listener(*_BASE, "port: 143", "security: email:START_TLS_ALWAYS"),
)

OPPORTUNISTIC = _rule(
    "BALMAIL_108",
    "opportunistic-starttls",
    Severity.WARNING,
    "`security: email:START_TLS_AUTO` falls back to plaintext when STARTTLS is not offered.",
    "Reports the `START_TLS_AUTO` security mode.",
    "Whether the password is encrypted is decided by the server's greeting; anyone on the network path "
    "can strip the STARTTLS offer and read the credentials, with nothing to show a downgrade happened.",
    _listener(*_BASE, "port: 143", "security: email:START_TLS_AUTO"),
    _listener(*_BASE, "port: 143", "security: email:START_TLS_ALWAYS"),
)

LITERAL_CREDENTIAL = _rule(
    "BALMAIL_109",
    "literal-credential",
    Severity.WARNING,
    "A password or username is written in the source.",
    "Reports a `password` or `username` given as a string literal, directly or through a constant or "
    "variable initialised with one, and a password configurable with a default value. A `configurable` "
    "is the intended way (a required one, `= ?`, for a password).",
    "Source code is shared, reviewed and committed; a password in it leaks, and changing it needs a new "
    "build. Configurable values come from Config.toml, `BAL_CONFIG_FILES`, `BAL_CONFIG_DATA` or `-C`.",
    _listener('host: "imap.example.com"', 'username: "orders@example.com"', 'password: "s3cret"'),
    "configurable string username = ?;\nconfigurable string password = ?;\n\n" + _listener(*_BASE),
)

MISSING_CERT = _rule(
    "BALMAIL_110",
    "missing-cert-file",
    Severity.WARNING,
    "`secureSocket.cert` names a file that does not exist.",
    "Reports a `cert` path, written as a literal or constant, that does not exist relative to the .bal "
    "file's folder (or as an absolute path). Paths from configurables are deployment settings and are "
    "not checked.",
    "The listener cannot build its TLS context and fails on start. Relative paths are resolved against "
    "the working directory at run time, so keep the program and its certificate together.",
    _listener(*_BASE, 'secureSocket: {cert: "certs/missing.crt"}'),
    "configurable string certPath = ?;\n\n" + _listener(*_BASE, "secureSocket: {cert: certPath}"),
)

NO_HOSTNAME_CHECK = _rule(
    "BALMAIL_111",
    "hostname-verification-disabled",
    Severity.WARNING,
    "`secureSocket.verifyHostName` is false.",
    "Reports `verifyHostName: false` in a `secureSocket` record.",
    "The certificate chain is still checked, but a certificate issued for any other host is accepted, so "
    "anyone who can obtain one can intercept the connection (Ballerina's scanner flags it too).",
    _listener(*_BASE, "secureSocket: {cert: certPath, verifyHostName: false}"),
    _listener(*_BASE, "secureSocket: {cert: certPath}"),
)

UNKNOWN_TLS_VERSION = _rule(
    "BALMAIL_112",
    "unknown-tls-version",
    Severity.ERROR,
    "`secureSocket.protocol.versions` names an unknown TLS version.",
    "Reports an entry of `protocol.versions` that is not a protocol version name "
    "(`TLSv1.2`, `TLSv1.3`, ...).",
    "Java and balmail both refuse an unknown version name, so the listener fails when it builds its TLS "
    "context.",
    _listener(*_BASE, 'secureSocket: {cert: certPath, protocol: {name: email:TLS, versions: ["TLS1.3"]}}'),
    _listener(*_BASE, 'secureSocket: {cert: certPath, protocol: {name: email:TLS, versions: ["TLSv1.3"]}}'),
    "unknown TLS version '{0}'",
)

WEAK_TLS_VERSION = _rule(
    "BALMAIL_113",
    "weak-tls-version",
    Severity.WARNING,
    "`secureSocket.protocol.versions` allows SSLv3, TLS 1.0 or TLS 1.1.",
    "Reports `SSLv3`, `TLSv1` and `TLSv1.1` in `protocol.versions`.",
    "These versions are withdrawn (RFC 8996): they rely on MD5/SHA-1 and are open to downgrade attacks; "
    "current servers refuse them. balmail does not support SSLv3 at all.",
    _listener(*_BASE, 'secureSocket: {cert: certPath, protocol: {name: email:TLS, versions: ["TLSv1.1"]}}'),
    _listener(*_BASE, 'secureSocket: {cert: certPath, protocol: {name: email:TLS, versions: ["TLSv1.2"]}}'),
)

FREQUENT_POLLING = _rule(
    "BALMAIL_114",
    "frequent-polling",
    Severity.INFO,
    "A remote mail server is polled more often than every 10 seconds.",
    "Reports a `pollingInterval` under 10 seconds when `host` is a literal that is not the local machine "
    "(`localhost`, `127.x.x.x`, `::1`).",
    "Every cycle logs in again; hosted mail services throttle or lock accounts that log in this often. "
    "Fine against a local test server.",
    _listener(*_BASE, "pollingInterval: 2"),
    _listener(*_BASE, "pollingInterval: 30"),
)
