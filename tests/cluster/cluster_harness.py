"""Several `balmail run` nodes of one package against the test Dovecot and PostgreSQL: 30 mailboxes
(users load00..load29 added to the running Dovecot's passwd-file, which it re-reads), one program
with a listener per mailbox, nodes as real processes whose stdout lines are timestamped on arrival.
Shared by tests/cluster and bench/scaleout.py."""

from __future__ import annotations

import concurrent.futures
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import psycopg
from mail.dovecot_harness import DovecotServer

REPO_ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "load-secret"


def add_users(server: DovecotServer, count: int) -> list[str]:
    """Users load00.. in the server's passwd-file (Dovecot re-reads it when it changes)."""
    names = [f"load{i:02d}" for i in range(count)]
    passwd = server.workdir / "passwd"
    have = passwd.read_text(encoding="utf-8")
    extra = "".join(f"{n}:{{PLAIN}}{PASSWORD}::::::\n" for n in names if f"\n{n}:" not in "\n" + have)
    if extra:
        passwd.write_text(have + extra, encoding="utf-8")
        time.sleep(1.1)  # a new mtime second, so Dovecot sees the change
    for name in names:
        server.users[name] = PASSWORD
    return names


def fill(server: DovecotServer, users: list[str], per_mailbox: int) -> set[str]:
    """Empty each mailbox and deliver `per_mailbox` messages; the subjects (all distinct)."""
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        # logs in, so the Maildir exists; removes what an earlier test left
        list(pool.map(server.reset, users))
    return deliver(server, users, per_mailbox)


def deliver(
    server: DovecotServer, users: list[str], per_mailbox: int, on_publish: Callable[[], None] | None = None
) -> set[str]:
    """Deliver as an MDA does, by writing files into each (existing) Maildir's `new/`, owned by the
    mail user: 1,500 IMAP APPENDs take most of a minute on a busy machine, the files a fraction of
    a second, and the listeners see the same unseen messages."""
    subjects: set[str] = set()
    owner = (server.workdir / "mail").stat()
    staged: list[tuple[Path, Path]] = []
    for user in users:
        maildir = server.workdir / "mail" / user / "Maildir"
        for n in range(per_mailbox):
            subject = f"{user}-m{n:03d}"
            subjects.add(subject)
            text = f"From: a@example.test\r\nTo: {user}@example.test\r\nSubject: {subject}\r\n\r\nbody\r\n"
            name = f"{time.time_ns()}.M{n}P{os.getpid()}.balmail-test"
            path = maildir / "tmp" / name  # Maildir delivery: written in tmp/, then renamed into new/
            path.write_bytes(text.encode())
            if os.geteuid() == 0:
                os.chown(path, owner.st_uid, owner.st_gid)
            staged.append((path, maildir / "new" / name))
    if on_publish is not None:
        on_publish()
    for path, target in staged:  # all at once, mailbox by mailbox
        path.rename(target)
    return subjects


def write_program(folder: Path, server: DovecotServer, users: list[str], *, uri: str, lease: float,
                  interval: float = 0.2, handler_ms: int = 30) -> Path:
    """One listener per mailbox, one service on all of them that prints `begin S` and `end S`."""
    folder.mkdir(parents=True, exist_ok=True)
    listeners = "\n".join(
        f'listener email:ImapListener {u} = check new ({{host: "127.0.0.1", username: "{u}", '
        f"password: password, port: imapPort, security: email:START_TLS_NEVER, "
        f"pollingInterval: {interval}}});"
        for u in users
    )
    (folder / "cluster.bal").write_text(
        f"""import ballerina/email;
import ballerina/io;
import ballerina/lang.runtime;

configurable string password = ?;
configurable int imapPort = ?;

{listeners}

service on {", ".join(users)} {{
    remote function onMessage(email:Message m) returns error? {{
        io:println("begin ", m.subject);
        runtime:sleep({handler_ms / 1000});
        io:println("end ", m.subject);
    }}
}}
""",
        encoding="utf-8",
    )
    (folder / "Config.toml").write_text(
        f'password = "{PASSWORD}"\nimapPort = {server.imap_port}\n\n'
        f'[balmail]\nstate = "{uri}"\nleaseSeconds = {lease}\n',
        encoding="utf-8",
    )
    return folder / "cluster.bal"


@attrs.define
class Line:
    at: float
    """time.monotonic() when the test read it."""
    kind: str
    subject: str


class Node:
    """One `balmail run` process; `lines` fill in as it prints."""

    def __init__(self, program: Path, name: str, *args: str, state: str | None = None) -> None:
        self.name = name
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1")
        command = [sys.executable, "-m", "balmail.cli", "run", *args]
        if state is not None:
            command += ["--state", state]
        self.proc = subprocess.Popen(
            [*command, program.name], cwd=program.parent, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True,
        )  # fmt: skip
        self.lines: list[Line] = []
        self.stderr_lines: queue.Queue[str] = queue.Queue()
        self._lock = threading.Lock()
        threading.Thread(target=self._pump, daemon=True).start()
        threading.Thread(target=self._pump_err, daemon=True).start()

    @property
    def node_id(self) -> str:
        """The node name balmail gives itself (host name and pid) when Config.toml names none."""
        return f"{os.uname().nodename}-{self.proc.pid}"

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            kind, _, subject = raw.strip().partition(" ")
            with self._lock:
                self.lines.append(Line(time.monotonic(), kind, subject))

    def _pump_err(self) -> None:
        assert self.proc.stderr is not None
        for raw in self.proc.stderr:
            self.stderr_lines.put(raw.rstrip("\n"))

    def stderr(self) -> str:
        out = []
        while not self.stderr_lines.empty():
            out.append(self.stderr_lines.get())
        return "\n".join(out)

    def ended(self) -> list[Line]:
        with self._lock:
            return [line for line in self.lines if line.kind == "end"]

    def begun(self) -> list[Line]:
        with self._lock:
            return [line for line in self.lines if line.kind == "begin"]

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(10)


def handled(nodes: list[Node]) -> list[str]:
    """Every `end` subject of every node (repeats included)."""
    return [line.subject for node in nodes for line in node.ended()]


def wait_for(condition, timeout: float, what: str, nodes: list[Node]) -> float:  # type: ignore[no-untyped-def]
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > timeout:
            errors = "\n".join(f"--- {n.name} ---\n{n.stderr()[-3000:]}" for n in nodes)
            raise AssertionError(f"not within {timeout}s: {what}\n{errors}")
        time.sleep(0.05)
    return time.monotonic() - began


def leases(uri: str) -> dict[str, tuple[str, float]]:
    """listener key -> (owner, seconds left) straight from the table."""
    with psycopg.connect(uri, autocommit=True) as conn:
        try:
            rows = conn.execute(
                "SELECT listener_key, owner, EXTRACT(EPOCH FROM expires_at - now()) FROM balmail_leases"
            ).fetchall()
        except psycopg.errors.UndefinedTable:
            return {}  # no node has created the schema yet
    return {str(k): (str(o), float(e)) for k, o, e in rows}
