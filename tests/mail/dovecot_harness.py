"""A throwaway Dovecot for the mail tests: generated CA and config, free loopback ports, users
in a passwd-file, maildirs in a temporary directory, run in the foreground (`dovecot -F`).

Two instances share the users and mail: the main one offers IMAP(+STARTTLS), IMAPS,
POP3(+STLS) and POP3S; the second runs with `ssl = no`, so it offers no STARTTLS at all (Dovecot
advertises STARTTLS per instance, not per listener), for the START_TLS_ALWAYS failure tests.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import attrs

from .server_harness import HOST, USERS, MailServer

STARTUP_TIMEOUT = 15.0


class DovecotUnavailable(Exception):
    """Dovecot or openssl is not installed; the caller decides between skip and fail."""


@attrs.define
class DovecotServer(MailServer):
    """Where the test Dovecot listens and what it trusts (mailbox helpers come from MailServer)."""

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
    log_path: Path
    host: str = HOST
    kind: str = "dovecot"
    users: dict[str, str] = attrs.field(factory=lambda: dict(USERS))
    processes: list[subprocess.Popen[bytes]] = attrs.field(factory=list)
    binary: str = ""
    configs: list[Path] = attrs.field(factory=list)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def restart(self, down_seconds: float = 0.0) -> None:
        """Stop both instances (clients see the connection close) and start them again on the same
        ports, config and maildirs, after `down_seconds`."""
        self._terminate()
        time.sleep(down_seconds)
        _spawn(self)
        _wait_until_listening(self, self.all_ports())

    def all_ports(self) -> list[int]:
        return [
            self.imap_port, self.imaps_port, self.pop3_port, self.pop3s_port,
            self.imap_no_starttls_port, self.pop3_no_starttls_port,
        ]  # fmt: skip

    def stop(self) -> None:
        self._terminate()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def _terminate(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.processes.clear()


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def find_dovecot() -> str:
    search = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin", "/usr/local/sbin"])
    dovecot = shutil.which("dovecot", path=search)
    if dovecot is None:
        raise DovecotUnavailable("dovecot is not installed (apt-get install dovecot-imapd dovecot-pop3d)")
    if shutil.which("openssl") is None:
        raise DovecotUnavailable("the openssl command is not installed (needed to make test certificates)")
    return dovecot


def start_dovecot(extra_config: str = "") -> DovecotServer:
    """Generate certificates and config, start both instances, wait until every port greets.
    `extra_config` is appended to the main instance's config (e.g. a narrower `imap_capability`)."""
    dovecot = find_dovecot()
    # Not pytest's tmp_path: its parents are mode 0700, and Dovecot's unprivileged processes
    # must reach the maildirs and the login sockets.
    workdir = Path(tempfile.mkdtemp(prefix="balmail-dovecot-"))
    workdir.chmod(0o755)
    try:
        return _start(dovecot, workdir, extra_config)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


def _start(dovecot: str, workdir: Path, extra_config: str = "") -> DovecotServer:
    certs = workdir / "certs"
    certs.mkdir()
    make_certificates(certs)
    accounts = _accounts()
    mail_root = workdir / "mail"
    mail_root.mkdir()
    (workdir / "passwd").write_text(
        "".join(f"{user}:{{PLAIN}}{password}::::::\n" for user, password in USERS.items()), encoding="utf-8"
    )
    if os.geteuid() == 0:
        os.chown(mail_root, accounts.mail_uid, accounts.mail_gid)
    server = DovecotServer(
        workdir=workdir,
        imap_port=free_port(),
        imaps_port=free_port(),
        pop3_port=free_port(),
        pop3s_port=free_port(),
        imap_no_starttls_port=free_port(),
        pop3_no_starttls_port=free_port(),
        ca_cert=certs / "ca.pem",
        wrong_ca_cert=certs / "wrong-ca.pem",
        server_cert=certs / "server.pem",
        log_path=workdir / "dovecot.log",
    )
    main_conf = _write_config(workdir, "main", accounts, tls=True, ports=server)
    if extra_config:
        with main_conf.open("a", encoding="utf-8") as conf:
            conf.write(extra_config + "\n")
    plain_conf = _write_config(workdir, "plain", accounts, tls=False, ports=server)
    server.binary = dovecot
    server.configs = [main_conf, plain_conf]
    _spawn(server)
    try:
        _wait_until_listening(server, server.all_ports())
    except BaseException:
        server.stop()
        raise
    return server


@attrs.frozen
class _Accounts:
    internal_user: str
    login_user: str
    mail_uid: int
    mail_gid: int


def _accounts() -> _Accounts:
    """Root: Dovecot's own unprivileged users (it refuses to run mail as root). Otherwise:
    everything as the current user, which Dovecot supports for unprivileged test setups."""
    if os.geteuid() == 0:
        internal = _existing_user("dovecot", "nobody")
        login = _existing_user("dovenull", "nobody")
        entry = pwd.getpwnam(internal)
        return _Accounts(internal, login, entry.pw_uid, entry.pw_gid)
    me = pwd.getpwuid(os.geteuid())
    return _Accounts(me.pw_name, me.pw_name, me.pw_uid, me.pw_gid)


def _existing_user(*names: str) -> str:
    for name in names:
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise DovecotUnavailable(f"none of the users {names} exists to run Dovecot's processes")


def _write_config(workdir: Path, name: str, accounts: _Accounts, *, tls: bool, ports: DovecotServer) -> Path:
    base = workdir / f"run-{name}"
    base.mkdir()
    base.chmod(0o755)
    (base / "state").mkdir()
    if tls:
        ssl_block = f"""ssl = yes
ssl_cert = <{workdir}/certs/server.pem
ssl_key = <{workdir}/certs/server.key
ssl_min_protocol = TLSv1.2
"""
        imap_listeners = f"""  inet_listener imap {{
    address = {HOST}
    port = {ports.imap_port}
  }}
  inet_listener imaps {{
    address = {HOST}
    port = {ports.imaps_port}
    ssl = yes
  }}"""
        pop3_listeners = f"""  inet_listener pop3 {{
    address = {HOST}
    port = {ports.pop3_port}
  }}
  inet_listener pop3s {{
    address = {HOST}
    port = {ports.pop3s_port}
    ssl = yes
  }}"""
    else:
        ssl_block = "ssl = no\n"
        imap_listeners = f"""  inet_listener imap {{
    address = {HOST}
    port = {ports.imap_no_starttls_port}
  }}
  inet_listener imaps {{
    port = 0
  }}"""
        pop3_listeners = f"""  inet_listener pop3 {{
    address = {HOST}
    port = {ports.pop3_no_starttls_port}
  }}
  inet_listener pop3s {{
    port = 0
  }}"""
    conf = workdir / f"dovecot-{name}.conf"
    conf.write_text(
        f"""# Generated by tests/mail/dovecot_harness.py
base_dir = {base}
state_dir = {base}/state
instance_name = balmail-test-{name}-{os.getpid()}
listen = {HOST}
protocols = imap pop3
log_path = {workdir}/dovecot.log
{ssl_block}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_max_userip_connections = 1000
default_internal_user = {accounts.internal_user}
default_internal_group = {_group_of(accounts.internal_user)}
default_login_user = {accounts.login_user}
first_valid_uid = 1
last_valid_uid = 0
first_valid_gid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {workdir}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {workdir}/passwd
  default_fields = uid={accounts.mail_uid} gid={accounts.mail_gid} home={workdir}/mail/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
{imap_listeners}
}}
service pop3-login {{
  chroot =
{pop3_listeners}
}}
# chroot needs root, so it is off everywhere (the login services too) for unprivileged runs.
# Renaming the penalty socket makes Dovecot disable its auth penalty, which would otherwise
# delay every login after a failed one by seconds and make the bad-credentials tests slow.
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    path = anvil-auth-penalty-disabled
  }}
}}
""",
        encoding="utf-8",
    )
    return conf


def _group_of(user: str) -> str:
    return grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name


def _spawn(server: DovecotServer) -> None:
    output = open(server.workdir / "dovecot.out", "ab")  # noqa: SIM115 - lives as long as the processes
    try:
        for conf in server.configs:
            command = [server.binary, "-F", "-c", str(conf)]
            # A session of its own: stopping kills the whole group, the per-connection imap/pop3
            # processes too (they outlive a SIGTERM to the master alone), so a restart drops clients.
            server.processes.append(
                subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
            )
    finally:
        output.close()


def _wait_until_listening(server: DovecotServer, ports: list[int]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    pending = list(ports)
    while pending:
        for process in server.processes:
            if process.poll() is not None:
                out = (server.workdir / "dovecot.out").read_text(errors="replace")
                raise RuntimeError(
                    f"dovecot exited with status {process.returncode}:\n{out}\n{server.log_tail()}"
                )
        port = pending[0]
        try:
            with socket.create_connection((server.host, port), timeout=1):
                pending.pop(0)
                continue
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"dovecot did not listen on port {port} in time:\n{server.log_tail()}")
        time.sleep(0.05)


def make_certificates(certs: Path) -> None:
    """A CA, a server certificate it signs (valid for IP 127.0.0.1 only, so connecting to
    "localhost" is a host name mismatch), and an unrelated CA for verification failures."""

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=certs, check=True, capture_output=True)

    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    ca_extensions = [
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]
    for name, subject in (("ca", "balmail test CA"), ("wrong-ca", "balmail unrelated CA")):
        openssl(
            "req", "-x509", *curve, "-keyout", f"{name}.key", "-out", f"{name}.pem",
            "-days", "2", "-subj", f"/CN={subject}", *ca_extensions,
        )  # fmt: skip
    openssl(
        "req",
        "-new",
        *curve,
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=balmail test server",
    )
    (certs / "server.ext").write_text(
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        f"subjectAltName=IP:{HOST}\n"
        "authorityKeyIdentifier=keyid\n"
        "subjectKeyIdentifier=hash\n"
    )
    openssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial",
        str(int.from_bytes(os.urandom(8), "big")), "-days", "2",
        "-out", "server.pem", "-extfile", "server.ext",
    )  # fmt: skip
    for key in certs.glob("*.key"):
        key.chmod(0o600)
