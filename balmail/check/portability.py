"""Portability: what balmail accepts or reads differently from Ballerina (BALMAIL_3NN), so users know
what will not run, or will not mean the same, on WSO2 Integrator.

The differences come from balmail's TLS layer (`balmail/mail/tls.py`, docs/mail-protocols.md):

- it matches protocol version names without regard to case and also knows `TLSv1.0`; Java's JSSE, which
  Ballerina hands the names to, knows only `SSLv3`, `TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`;
- it accepts OpenSSL cipher names (`ECDHE-RSA-AES128-GCM-SHA256`) besides the IANA names
  (`TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`) that Java requires;
- OpenSSL takes a version *range*, so a `versions` list with a gap also allows the versions in between.

Configuration records are closed in both, so balmail has no extra record fields today;
`EXTENSION_FIELDS` is where one would be declared, and `check_extension_field` then reports it here
instead of as an unknown field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from balmail.check.registry import Rule, register
from balmail.diagnostics import Severity
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.check.listener_config import ConfigChecker
    from balmail.check.listener_config_values import RecordSpec

_SOCKET = "secureSocket: {{\n        cert: certPath,\n        {line}\n    }}"


def _example(line: str) -> str:
    return (
        'listener email:ImapListener inbox = new ({\n    host: "imap.example.com",\n    username: username,\n'
        "    password: password,\n    " + _SOCKET.format(line=line) + "\n});"
    )


TLS_VERSION_SPELLING = register(
    Rule(
        code="BALMAIL_301",
        name="tls-version-spelling",
        severity=Severity.WARNING,
        summary="A TLS version is spelt in a way only balmail understands.",
        what_it_does="Reports `protocol.versions` entries that balmail accepts but Java does not: another "
        "letter case (`tlsv1.2`, `TLSV1.3`) or `TLSv1.0`.",
        why="Ballerina passes the names to Java, which knows exactly `TLSv1`, `TLSv1.1`, `TLSv1.2` and "
        "`TLSv1.3`; on WSO2 Integrator the listener fails to start.",
        example=_example('protocol: {name: email:TLS, versions: ["tlsv1.2", "tlsv1.3"]}'),
        fix=_example('protocol: {name: email:TLS, versions: ["TLSv1.2", "TLSv1.3"]}'),
        message="TLS version '{0}' is understood by balmail only; Java expects '{1}'",
    )
)

OPENSSL_CIPHER = register(
    Rule(
        code="BALMAIL_302",
        name="openssl-cipher-name",
        severity=Severity.WARNING,
        summary="A cipher suite is named the OpenSSL way, which only balmail understands.",
        what_it_does="Reports `secureSocket.ciphers` entries that are not IANA names (those start with "
        "`TLS_`), such as `ECDHE-RSA-AES128-GCM-SHA256`.",
        why="balmail translates IANA names to OpenSSL and also takes OpenSSL names as they are; Java, and "
        "so Ballerina, knows only the IANA names and rejects the configuration.",
        example=_example('ciphers: ["ECDHE-RSA-AES128-GCM-SHA256"]'),
        fix=_example('ciphers: ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]'),
        message="cipher '{0}' is an OpenSSL name, which only balmail understands; Ballerina needs the IANA "
        "name (TLS_...)",
    )
)

TLS_VERSION_GAP = register(
    Rule(
        code="BALMAIL_303",
        name="tls-version-gap",
        severity=Severity.INFO,
        summary="A TLS version list skips a version; balmail allows the skipped one too.",
        what_it_does='Reports a `protocol.versions` list such as `["TLSv1.1", "TLSv1.3"]` that leaves '
        "out a version between its lowest and highest.",
        why="Python's ssl module takes a minimum and a maximum version, so balmail also allows the versions "
        "in between, while Java on WSO2 Integrator allows exactly the listed ones.",
        example=_example('protocol: {name: email:TLS, versions: ["TLSv1.1", "TLSv1.3"]}'),
        fix=_example('protocol: {name: email:TLS, versions: ["TLSv1.2", "TLSv1.3"]}'),
        message="balmail also allows {0}, which this list leaves out: it takes the range {1} to {2}",
    )
)

# Record type name → balmail-only field → what it does. Empty: balmail's records are as closed as Ballerina's.
EXTENSION_FIELDS: dict[str, dict[str, str]] = {}

_ORDER = ("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")
# balmail's names (upper-cased, see mail/tls.py) → the Java name they mean.
_BALMAIL_VERSIONS = {
    "TLSV1": "TLSv1",
    "TLSV1.0": "TLSv1",
    "TLSV1.1": "TLSv1.1",
    "TLSV1.2": "TLSv1.2",
    "TLSV1.3": "TLSv1.3",
}


def java_version(name: str) -> str | None:
    """The Java name of a version balmail accepts, or None if balmail does not know it either."""
    return _BALMAIL_VERSIONS.get(name.upper())


def check_extension_field(checker: ConfigChecker, spec: RecordSpec, item: ast.MappingField) -> bool:
    """Whether `item` is a balmail extension field of the record (then it is reported here)."""
    return item.key in EXTENSION_FIELDS.get(spec.name.split(":")[-1], {})


def check_tls_version(checker: ConfigChecker, item: ast.Node, name: str) -> bool:
    """A version name that is not Java's: report it here when balmail knows it under another spelling."""
    java = java_version(name)
    if java is None:
        return False
    checker.report(
        TLS_VERSION_SPELLING, item.span, TLS_VERSION_SPELLING.format_message(name, java), f'write "{java}"'
    )
    return True


def check_version_range(checker: ConfigChecker, versions: ast.ListExpr, names: list[str]) -> None:
    """A list with a gap in the middle: balmail allows the whole range."""
    indexes = sorted({_ORDER.index(v) for v in (java_version(n) for n in names) if v in _ORDER})
    if len(indexes) < 2:
        return
    missing = [_ORDER[i] for i in range(indexes[0], indexes[-1] + 1) if i not in indexes]
    if missing:
        message = TLS_VERSION_GAP.format_message(", ".join(missing), _ORDER[indexes[0]], _ORDER[indexes[-1]])
        checker.report(TLS_VERSION_GAP, versions.span, message, "list the versions without a gap")


def check_ciphers(checker: ConfigChecker, expr: ast.Expr) -> None:
    """OpenSSL-style cipher names in a `ciphers` list."""
    value = checker.resolver.value(expr)
    if value.kind != "list" or not isinstance(value.value, ast.ListExpr):
        return
    for item in value.value.items:
        cipher = checker.resolver.value(item)
        if cipher.kind == "string" and isinstance(cipher.value, str) and cipher.value:
            if not cipher.value.startswith(("TLS_", "SSL_")):
                checker.report(
                    OPENSSL_CIPHER,
                    item.span,
                    OPENSSL_CIPHER.format_message(cipher.value),
                    "use the IANA name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                )
