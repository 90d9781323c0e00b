"""Security modes and `secureSocket` settings, turned into `ssl.SSLContext` objects.

Owns the mapping from Ballerina's `email:Security` and `email:SecureSocket` to Python's `ssl`
module, so the POP3 and IMAP clients share one definition of "what is trusted".
"""

from __future__ import annotations

import enum
import os
import ssl
import warnings

import attrs

from balmail.mail.errors import MailError


class Security(enum.Enum):
    """How the connection is protected, with Ballerina's names (`email:Security`)."""

    SSL = "SSL"
    """TLS from the first byte (implicit TLS, ports 993/995)."""
    START_TLS_AUTO = "START_TLS_AUTO"
    """Upgrade with STARTTLS/STLS if the server offers it, otherwise stay in plaintext."""
    START_TLS_ALWAYS = "START_TLS_ALWAYS"
    """Upgrade with STARTTLS/STLS; fail before sending credentials if it is not offered."""
    START_TLS_NEVER = "START_TLS_NEVER"
    """Plaintext for the whole session."""

    @classmethod
    def from_name(cls, name: str) -> Security:
        """Look a mode up by its Ballerina name, with an error that lists the valid ones."""
        try:
            return cls[name]
        except KeyError:
            valid = ", ".join(member.name for member in cls)
            raise MailError(f"Unknown security mode '{name}'; expected one of {valid}") from None


_TLS_VERSIONS: dict[str, ssl.TLSVersion] = {
    "TLSV1": ssl.TLSVersion.TLSv1,
    "TLSV1.0": ssl.TLSVersion.TLSv1,
    "TLSV1.1": ssl.TLSVersion.TLSv1_1,
    "TLSV1.2": ssl.TLSVersion.TLSv1_2,
    "TLSV1.3": ssl.TLSVersion.TLSv1_3,
}

_TLS13_SUITES = frozenset(
    {
        "TLS_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_AES_128_CCM_SHA256",
        "TLS_AES_128_CCM_8_SHA256",
    }
)


@attrs.frozen
class SecureSocketConfig:
    """`email:SecureSocket`: a PEM certificate to trust plus optional protocol and cipher limits.

    `cert` is a trust anchor like a Java trust store entry: a CA, an intermediate or the server's
    own self-signed certificate all work. `protocol_versions` uses Java names ("TLSv1.2");
    `ciphers` accepts IANA names (as Ballerina programs write them) or OpenSSL names.
    """

    cert: str
    protocol_versions: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    ciphers: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    verify_host_name: bool = True


def build_ssl_context(config: SecureSocketConfig | None = None) -> ssl.SSLContext:
    """Make the client context: the system trust store with host name checks when no
    `secureSocket` is given, otherwise exactly what the config says."""
    if config is None:
        return ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.verify_mode = ssl.CERT_REQUIRED
    _load_trust_anchor(context, config.cert)
    # Java treats every trusted certificate as an anchor; OpenSSL needs this flag to do the same
    # for a trusted intermediate or a trusted server certificate.
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    context.check_hostname = config.verify_host_name
    if config.protocol_versions:
        _limit_versions(context, config.protocol_versions)
    if config.ciphers:
        _limit_ciphers(context, config.ciphers)
    return context


def _load_trust_anchor(context: ssl.SSLContext, cert_path: str) -> None:
    if not cert_path:
        raise MailError("secureSocket 'cert' is empty; give the path of a PEM certificate to trust")
    if not os.path.exists(cert_path):
        raise MailError(f"secureSocket certificate file '{cert_path}' does not exist")
    if not os.path.isfile(cert_path):
        raise MailError(f"secureSocket certificate path '{cert_path}' is not a file")
    try:
        context.load_verify_locations(cafile=cert_path)
    except PermissionError:
        raise MailError(f"secureSocket certificate file '{cert_path}' is not readable") from None
    except (ssl.SSLError, ValueError) as error:
        raise MailError(
            f"secureSocket certificate file '{cert_path}' does not hold a PEM certificate ({_reason(error)})"
        ) from None
    except OSError as error:
        raise MailError(
            f"secureSocket certificate file '{cert_path}' could not be read ({error.strerror})"
        ) from None


def _limit_versions(context: ssl.SSLContext, names: tuple[str, ...]) -> None:
    versions = []
    for name in names:
        version = _TLS_VERSIONS.get(name.strip().upper())
        if version is None:
            raise MailError(
                f"Unknown TLS protocol version '{name}' in secureSocket; "
                "expected one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3"
            )
        versions.append(version)
    # OpenSSL only takes a range, so a list with gaps allows everything between its ends.
    try:
        with warnings.catch_warnings():
            # Asking for TLS 1.0/1.1 is the user's explicit choice; the server decides.
            warnings.simplefilter("ignore", DeprecationWarning)
            context.minimum_version = min(versions)
            context.maximum_version = max(versions)
    except (ValueError, ssl.SSLError) as error:
        raise MailError(
            f"TLS protocol versions {list(names)} are not supported here ({_reason(error)})"
        ) from None


def _limit_ciphers(context: ssl.SSLContext, names: tuple[str, ...]) -> None:
    tls12_names = [_openssl_cipher_name(name) for name in names if name not in _TLS13_SUITES]
    wants_tls13 = len(tls12_names) < len(names)
    if tls12_names:
        try:
            context.set_ciphers(":".join(tls12_names))
        except ssl.SSLError:
            raise MailError(
                f"None of the secureSocket ciphers {list(names)} is supported by this TLS library"
            ) from None
        available = {cipher["name"] for cipher in context.get_ciphers()}
        unknown = [n for n in names if n not in _TLS13_SUITES and _openssl_cipher_name(n) not in available]
        if unknown:
            raise MailError(f"Unknown or unsupported TLS cipher(s) in secureSocket: {', '.join(unknown)}")
    if not wants_tls13:
        # Only pre-TLS 1.3 suites were named. Python cannot narrow TLS 1.3 suites, so honour the
        # list by not offering TLS 1.3 at all (its suites would be negotiated regardless).
        if _rank(context.minimum_version) > _rank(ssl.TLSVersion.TLSv1_2):
            raise MailError("secureSocket names only pre-TLS 1.3 ciphers but allows only TLS 1.3")
        if _rank(context.maximum_version) > _rank(ssl.TLSVersion.TLSv1_2):
            context.maximum_version = ssl.TLSVersion.TLSv1_2
    elif not tls12_names:
        # Only TLS 1.3 suites were named: no older protocol may be negotiated.
        context.minimum_version = ssl.TLSVersion.TLSv1_3


def _rank(version: ssl.TLSVersion) -> int:
    """Order versions with the MINIMUM/MAXIMUM_SUPPORTED sentinels (-2/-1) at the right ends."""
    if version == ssl.TLSVersion.MAXIMUM_SUPPORTED:
        return 1 << 20
    if version == ssl.TLSVersion.MINIMUM_SUPPORTED:
        return -(1 << 20)
    return int(version)


_KEY_EXCHANGE = {
    "ECDHE_ECDSA": "ECDHE-ECDSA-",
    "ECDHE_RSA": "ECDHE-RSA-",
    "DHE_RSA": "DHE-RSA-",
    "DHE_DSS": "DHE-DSS-",
    "RSA": "",
}


def _openssl_cipher_name(name: str) -> str:
    """Translate an IANA suite name (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) to OpenSSL's
    (ECDHE-RSA-AES128-GCM-SHA256); names that are not IANA-shaped pass through unchanged."""
    if not name.startswith("TLS_") or "_WITH_" not in name:
        return name
    exchange, _, rest = name[len("TLS_") :].partition("_WITH_")
    prefix = _KEY_EXCHANGE.get(exchange)
    if prefix is None:
        return name
    if rest.startswith("CHACHA20_POLY1305"):
        return prefix + "CHACHA20-POLY1305"
    parts = rest.split("_")
    if len(parts) < 3 or parts[0] not in {"AES", "CAMELLIA", "ARIA"}:
        return name
    algorithm, bits, *mode_and_mac = parts
    mac = mode_and_mac[-1]
    mode = mode_and_mac[:-1]
    mac_name = "SHA" if mac == "SHA" else mac
    if mode == ["GCM"]:
        return f"{prefix}{algorithm}{bits}-GCM-{mac_name}"
    if mode == ["CBC"]:
        return f"{prefix}{algorithm}{bits}-{mac_name}"
    return name


def _reason(error: BaseException) -> str:
    reason = getattr(error, "reason", None)
    if isinstance(reason, str) and reason:
        return reason.replace("_", " ").lower()
    return str(error)
