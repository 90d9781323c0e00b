"""The embedded dev servers (balmail.devserver) dressed as the mail tests' server: the same users
and passwords as the test Dovecot (only those log in, so authentication failures are testable), a
certificate valid for 127.0.0.1 only (so "localhost" is a host name mismatch, as with Dovecot),
plain ports without STARTTLS, and an unrelated CA for verification failures."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import attrs
import trustme

from balmail.devserver import DevServers

from .server_harness import HOST, USERS, MailServer


@attrs.define
class EmbeddedServer(MailServer):
    servers: DevServers
    workdir: Path
    imap_port: int
    imaps_port: int
    pop3_port: int
    pop3s_port: int
    imap_no_starttls_port: int
    pop3_no_starttls_port: int
    ca_cert: Path
    wrong_ca_cert: Path
    server_cert: Path
    host: str = HOST
    kind: str = "embedded"
    users: dict[str, str] = attrs.field(factory=lambda: dict(USERS))

    def log_tail(self, lines: int = 40) -> str:
        return "(the embedded servers keep no log)"

    def stop(self) -> None:
        self.servers.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


def start_embedded() -> EmbeddedServer:
    servers = DevServers.start(host=HOST, users=dict(USERS), tls_names=(HOST,), no_starttls_ports=True)
    workdir = Path(tempfile.mkdtemp(prefix="balmail-embedded-"))
    wrong_ca = workdir / "wrong-ca.pem"
    trustme.CA(organization_name="balmail unrelated CA").cert_pem.write_to_path(str(wrong_ca))
    ports = servers.ports
    return EmbeddedServer(
        servers=servers,
        workdir=workdir,
        imap_port=ports["imap"],
        imaps_port=ports["imaps"],
        pop3_port=ports["pop3"],
        pop3s_port=ports["pop3s"],
        imap_no_starttls_port=ports["imap_no_starttls"],
        pop3_no_starttls_port=ports["pop3_no_starttls"],
        ca_cert=servers.ca_file,
        wrong_ca_cert=wrong_ca,
        server_cert=servers.cert_file,
    )
