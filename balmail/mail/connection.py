"""What POP3 and IMAP share below the protocol: where to connect, how long to wait, and how a
low-level failure becomes one `MailError` sentence that names the server and the step."""

from __future__ import annotations

import contextlib
import errno
import socket
import ssl
from collections.abc import Iterator

import attrs

from balmail.mail.errors import MailError


@attrs.frozen
class Timeouts:
    """Seconds to wait for the TCP connection and for each read; a dead server must turn into
    an error for `onError`, never a listener that hangs forever."""

    connect: float = 30.0
    read: float = 60.0

    def __attrs_post_init__(self) -> None:
        if self.connect <= 0 or self.read <= 0:
            raise MailError(f"Timeouts must be positive seconds (connect={self.connect}, read={self.read})")


@attrs.frozen
class Endpoint:
    """A server address, printed the way users wrote it (`host:port`, IPv6 in brackets)."""

    host: str
    port: int

    def __str__(self) -> str:
        if ":" in self.host and not self.host.startswith("["):
            return f"[{self.host}]:{self.port}"
        return f"{self.host}:{self.port}"


def open_socket(endpoint: Endpoint, timeouts: Timeouts, tls: ssl.SSLContext | None) -> socket.socket:
    """Connect with the connect timeout, then switch to the read timeout (which also bounds the
    TLS handshake); wrap in TLS from the first byte when a context is given."""
    with translate_errors(endpoint, "connecting", timeouts.connect):
        sock = socket.create_connection((endpoint.host, endpoint.port), timeout=timeouts.connect)
    try:
        sock.settimeout(timeouts.read)
        if tls is not None:
            with translate_errors(endpoint, "doing the TLS handshake", timeouts.read):
                return tls.wrap_socket(sock, server_hostname=endpoint.host)
        return sock
    except BaseException:
        sock.close()
        raise


@contextlib.contextmanager
def translate_errors(endpoint: Endpoint, action: str, timeout: float | None = None) -> Iterator[None]:
    """Turn socket and TLS exceptions raised while `action` into a `MailError` naming `endpoint`.

    Protocol-level errors (imaplib/poplib replies) are translated by the clients themselves,
    because only they know which command was refused.
    """
    try:
        yield
    except MailError:
        raise
    except ssl.SSLCertVerificationError as error:
        detail = error.verify_message or _clean(error)
        raise MailError(f"TLS certificate verification failed for {endpoint}: {detail}") from None
    except ssl.SSLError as error:
        raise MailError(f"TLS error with {endpoint} while {action}: {_clean(error)}") from None
    except TimeoutError:
        waited = f" after {_seconds(timeout)}" if timeout is not None else ""
        if action == "connecting":
            raise MailError(f"Failed to connect to {endpoint} (timed out{waited})") from None
        raise MailError(f"Timed out{waited} waiting for {endpoint} while {action}") from None
    except socket.gaierror as error:
        reason = f"cannot resolve host name: {error.strerror}"
        raise MailError(f"Failed to connect to {endpoint} ({reason})") from None
    except ConnectionRefusedError:
        raise MailError(f"Failed to connect to {endpoint} (connection refused)") from None
    except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError, EOFError):
        raise MailError(f"Connection to {endpoint} was closed unexpectedly while {action}") from None
    except OSError as error:
        reason = error.strerror or errno.errorcode.get(error.errno or 0) or str(error)
        if action == "connecting":
            raise MailError(f"Failed to connect to {endpoint} ({reason.lower()})") from None
        raise MailError(f"Network error with {endpoint} while {action} ({reason.lower()})") from None


def _seconds(value: float) -> str:
    return f"{value:g}s"


def _clean(error: ssl.SSLError) -> str:
    reason = error.reason if isinstance(error.reason, str) else None
    if reason:
        return reason.replace("_", " ").lower()
    return str(error)
