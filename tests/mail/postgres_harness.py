"""A throwaway PostgreSQL for the state-store and multi-node tests: Debian's `postgresql` binaries
(`/usr/lib/postgresql/*/bin`), its own data directory in a temporary folder, a free loopback port,
run in the foreground like the Dovecot harness. PostgreSQL refuses to run as root, so under root
(CI) initdb and the server run as the `postgres` user (Debian's package creates it).

`restart()` stops the server (fast shutdown) and starts it again on the same port and data, for
the reconnect tests; `database()` makes a fresh database per test.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import attrs
import psycopg

from .dovecot_harness import free_port
from .server_harness import HOST

STARTUP_TIMEOUT = 30.0
SUPERUSER = "balmail"


class PostgresUnavailable(Exception):
    """Debian's postgresql package is not installed; the caller decides between skip and fail."""


def find_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise PostgresUnavailable("PostgreSQL is not installed (apt-get install postgresql)")
    return Path(found[-1]).parent


@attrs.define
class PostgresServer:
    """One running server; `uri()` names a database on it."""

    workdir: Path
    bindir: Path
    port: int
    user: str | None
    """The OS user the server runs as (None: the current one)."""
    process: subprocess.Popen[bytes] | None = None
    host: str = HOST

    @property
    def data(self) -> Path:
        return self.workdir / "data"

    @property
    def log_path(self) -> Path:
        return self.workdir / "postgres.log"

    def uri(self, database: str = "postgres", port: int | None = None) -> str:
        return f"postgresql://{SUPERUSER}@{self.host}:{port or self.port}/{database}"

    def database(self) -> str:
        """A new, empty database; its URI."""
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.uri(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        return self.uri(name)

    def start(self) -> None:
        command = [
            str(self.bindir / "postgres"), "-D", str(self.data), "-p", str(self.port),
            "-c", f"listen_addresses={self.host}", "-c", f"unix_socket_directories={self.workdir}",
            "-c", "fsync=off", "-c", "max_connections=300", "-c", "shared_buffers=16MB",
        ]  # fmt: skip
        log = open(self.log_path, "ab")  # noqa: SIM115 - lives as long as the process
        try:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, user=self.user, start_new_session=True
            )
        finally:
            log.close()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"postgres exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with psycopg.connect(self.uri(), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    tail = self.log_tail()
                    raise RuntimeError(f"postgres did not accept connections in time:\n{tail}") from None
                time.sleep(0.1)

    def stop_server(self) -> None:
        """Fast shutdown (SIGINT): clients are disconnected, committed data stays."""
        process = self.process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        self.process = None

    def restart(self, down_seconds: float = 0.0) -> None:
        self.stop_server()
        time.sleep(down_seconds)
        self.start()

    def stop(self) -> None:
        self.stop_server()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def start_postgres() -> PostgresServer:
    bindir = find_bin()
    user: str | None = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable("running as root needs the 'postgres' user to run the server") from None
        user = "postgres"
    workdir = Path(tempfile.mkdtemp(prefix="balmail-postgres-"))
    workdir.chmod(0o755)
    server = PostgresServer(workdir=workdir, bindir=bindir, port=free_port(), user=user)
    try:
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(workdir, entry.pw_uid, entry.pw_gid)
        subprocess.run(
            [str(bindir / "initdb"), "-D", str(server.data), "-U", SUPERUSER, "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"],
            check=True, capture_output=True, user=user, cwd=workdir,
        )  # fmt: skip
        server.start()
    except BaseException:
        server.stop()
        raise
    return server
