"""A throwaway certificate authority made at start, and the server certificate it signs.

The program under test is given the CA file (never the system store), so every TLS mode is real:
the chain and the host name are verified exactly as against a production server.
"""

from __future__ import annotations

import ssl
import tempfile
from collections.abc import Sequence
from pathlib import Path

import attrs
import trustme

DEFAULT_NAMES = ("127.0.0.1", "localhost")


@attrs.frozen
class DevCertificates:
    """Where the CA and the server certificate live, and the server-side TLS context."""

    directory: Path
    ca_file: Path
    cert_file: Path
    server_context: ssl.SSLContext

    @classmethod
    def create(cls, names: Sequence[str] = DEFAULT_NAMES, directory: Path | None = None) -> DevCertificates:
        """A fresh ECDSA CA and a server certificate valid for `names` (IP addresses or host names),
        both written as PEM under `directory` (a new temporary directory by default)."""
        directory = directory or Path(tempfile.mkdtemp(prefix="balmail-dev-"))
        authority = trustme.CA(organization_name="balmail dev servers")
        leaf = authority.issue_cert(*names, common_name="balmail dev server")
        ca_file = directory / "ca.pem"
        cert_file = directory / "server.pem"
        authority.cert_pem.write_to_path(str(ca_file))
        leaf.cert_chain_pems[0].write_to_path(str(cert_file))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        leaf.configure_cert(context)
        return cls(directory, ca_file, cert_file, context)
