"""`balmail run` of email-listener programs against the real Dovecot: every way of declaring
listeners and services, delivery and acknowledgement, onError/onClose, retries and give-up,
SIGTERM → graceful stop and exit 0, `--once`, module init failures."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from mail.dovecot_harness import DovecotServer

REPO_ROOT = Path(__file__).resolve().parents[2]
WAIT = 20.0


def message(subject: str, body: str = "hello\n", extra: str = "") -> bytes:
    return f"From: sender@example.test\nTo: alice@example.test\n{extra}Subject: {subject}\n\n{body}".encode()


class Running:
    """A `balmail run` subprocess whose stdout lines are collected as they come."""

    def __init__(self, program: Path, *args: str) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "balmail.cli", "run", *args, program.name],
            cwd=program.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.stderr = ""
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, count: int, timeout: float = WAIT) -> list[str]:
        """The first `count` stdout lines, waiting for them to appear."""
        deadline = time.monotonic() + timeout
        while len(self.seen) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                self.stop(signal.SIGKILL)
                raise AssertionError(f"got only {self.seen!r}; stderr:\n{self.stderr}")
            try:
                self.seen.append(self.lines.get(timeout=min(left, 0.5)))
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    self.finish()
                    raise AssertionError(
                        f"exited {self.proc.returncode} after {self.seen!r}; stderr:\n{self.stderr}"
                    ) from None
        return self.seen[:count]

    def stop(self, sig: int = signal.SIGTERM, timeout: float = WAIT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.finish(timeout)

    def finish(self, timeout: float = WAIT) -> int:
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        assert self.proc.stderr is not None
        self.stderr += self.proc.stderr.read()
        time.sleep(0.05)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return self.proc.returncode


def write_program(
    tmp_path: Path, server: DovecotServer, source: str, imports: str = "", **config: object
) -> Path:
    values: dict[str, object] = {
        "password": server.users["alice"],
        "imapPort": server.imap_port,
        "imapsPort": server.imaps_port,
        "popPort": server.pop3_port,
        "popsPort": server.pop3s_port,
        "cert": str(server.ca_cert),
    }
    values.update(config)
    lines = []
    for key, value in values.items():
        lines.append(f"{key} = {value}" if isinstance(value, int) else f'{key} = "{value}"')
    (tmp_path / "Config.toml").write_text("\n".join(lines) + "\n")
    program = tmp_path / "prog.bal"
    program.write_text(imports + HEADER + textwrap.dedent(source))
    return program


HEADER = """import ballerina/email;
import ballerina/io;

configurable string password = ?;
configurable int imapPort = ?;
configurable int imapsPort = ?;
configurable int popPort = ?;
configurable int popsPort = ?;
configurable string cert = ?;
"""


def unseen(server: DovecotServer) -> int:
    return sum(1 for flags in server.flags("alice").values() if "\\Seen" not in flags)


def test_module_level_imap_listener_delivers_then_stops_on_sigterm(
    mailbox: DovecotServer, tmp_path: Path
) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        listener email:ImapListener inbox = check new ({
            host: "127.0.0.1", username: "alice", password: password, port: imapsPort,
            pollingInterval: 0.3, secureSocket: {cert: cert}
        });

        service "s" on inbox {
            remote function onMessage(email:Message m) {
                io:println(m.subject);
            }
            remote function onClose(email:Error? err) {
                io:println("closed ", err is ());
            }
        }
        """,
    )
    run = Running(program)
    mailbox.append_many("alice", [message(f"hello {n}") for n in range(3)])
    assert run.wait_for(3) == ["hello 0", "hello 1", "hello 2"]
    assert run.stop() == 0, run.stderr
    assert run.seen == ["hello 0", "hello 1", "hello 2", "closed true"]
    assert unseen(mailbox) == 0
    assert (tmp_path / ".balmail" / "state.db").exists()


def test_sigterm_lets_the_handler_in_flight_finish(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        listener email:PopListener inbox = check new ({
            host: "127.0.0.1", username: "alice", password: password, port: popPort,
            security: email:START_TLS_NEVER, pollingInterval: 0.2
        });

        service on inbox {
            remote function onMessage(email:Message m) {
                io:println("start ", m.subject);
                runtime:sleep(1);
                io:println("end ", m.subject);
            }
            remote function onClose(email:Error? err) {
                io:println("closed ", err is ());
            }
        }
        """,
        imports="import ballerina/lang.runtime;\n",
    )
    mailbox.append_many("alice", [message("slow"), message("next")])
    run = Running(program, "--grace-period", "10")
    assert run.wait_for(1) == ["start slow"]
    assert run.stop() == 0, run.stderr
    assert run.seen == ["start slow", "end slow", "closed true"]
    # The handled message was deleted (QUIT committed it); the one never started is still there.
    assert len(mailbox.flags("alice")) == 1


def test_restart_delivers_only_new_messages(mailbox: DovecotServer, tmp_path: Path) -> None:
    source = """
        listener email:ImapListener inbox = new ({
            host: "127.0.0.1", username: "alice", password: password, port: imapPort,
            security: email:START_TLS_ALWAYS, pollingInterval: 0.3, secureSocket: {cert: cert}
        });

        service on inbox {
            remote function onMessage(email:Message m) {
                io:println(m.subject);
            }
        }
        """
    program = write_program(tmp_path, mailbox, source)
    mailbox.append("alice", message("first"))
    run = Running(program)
    assert run.wait_for(1) == ["first"]
    assert run.stop() == 0, run.stderr
    mailbox.append("alice", message("second"))
    again = Running(program)
    assert again.wait_for(1) == ["second"]
    assert again.stop() == 0
    assert again.seen == ["second"]


@pytest.mark.parametrize("protocol", ["imap", "pop3"])
def test_kill_9_mid_batch_then_restart_loses_nothing_and_repeats_at_most_one(
    mailbox: DovecotServer, tmp_path: Path, protocol: str
) -> None:
    kind, port = ("ImapListener", "imapPort") if protocol == "imap" else ("PopListener", "popPort")
    program = write_program(
        tmp_path,
        mailbox,
        f"""
        listener email:{kind} inbox = check new ({{
            host: "127.0.0.1", username: "alice", password: password, port: {port},
            security: email:START_TLS_NEVER, pollingInterval: 0.2
        }});

        service on inbox {{
            remote function onMessage(email:Message m) {{
                io:println(m.subject);
                runtime:sleep(0.2);
            }}
        }}
        """,
        imports="import ballerina/lang.runtime;\n",
    )
    subjects = [f"m{n}" for n in range(8)]
    mailbox.append_many("alice", [message(s) for s in subjects])
    first = Running(program)
    first.wait_for(3)
    assert first.stop(signal.SIGKILL) == -signal.SIGKILL
    second = Running(program)
    deadline = time.monotonic() + WAIT
    while set(first.seen) | set(second.seen) != set(subjects) and time.monotonic() < deadline:
        try:
            second.seen.append(second.lines.get(timeout=0.5))
        except queue.Empty:
            pass
    assert second.stop() == 0, second.stderr
    everything = first.seen + second.seen
    assert set(everything) == set(subjects)
    assert len(everything) - len(subjects) <= 1


def test_inline_pop3_listener_empties_the_mailbox_of_handled_messages(
    mailbox: DovecotServer, tmp_path: Path
) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        service "pop" on new email:PopListener({
            host: "127.0.0.1", username: "alice", password: password, port: popsPort,
            pollingInterval: 0.3,
            secureSocket: {cert: cert, protocol: {name: email:TLS, versions: ["TLSv1.3"]}}
        }) {
            remote function onMessage(email:Message m) returns error? {
                io:println(m.subject, " from ", m?.'from ?: "?");
            }
        }
        """,
    )
    mailbox.append_many("alice", [message("one"), message("two")])
    run = Running(program)
    assert run.wait_for(2) == ["one from sender@example.test", "two from sender@example.test"]
    assert run.stop() == 0, run.stderr
    assert mailbox.flags("alice") == {}


def test_several_services_and_listeners_in_one_program(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        email:ImapListenerConfiguration imapConfig = {
            host: "127.0.0.1", username: "alice", password: password, port: imapPort,
            security: email:START_TLS_NEVER, pollingInterval: 0.3
        };
        listener email:ImapListener imap = check new (imapConfig);

        service "a" on imap {
            remote function onMessage(email:Message m) {
                io:println("a ", m.subject);
            }
        }

        service "b" on imap {
            remote function onMessage(email:Message m) {
                io:println("b ", m.subject);
            }
            remote function onClose(email:Error? err) {
                io:println("b closed");
            }
        }

        listener email:PopListener pop = check new ({
            host: "127.0.0.1", username: "bob", password: "nope", port: popPort,
            security: email:START_TLS_NEVER, pollingInterval: 5
        });

        service "c" on pop {
            remote function onMessage(email:Message m) {
                io:println("c ", m.subject);
            }
            remote function onError(email:Error err) {
                io:println("c error");
            }
        }
        """,
    )
    mailbox.append("alice", message("x"))
    run = Running(program)
    got = run.wait_for(3)
    assert sorted(got) == ["a x", "b x", "c error"]
    assert got.index("a x") < got.index("b x")
    assert run.stop() == 0, run.stderr
    assert run.seen[3:] == ["b closed"]


def test_service_object_attached_and_started_from_main(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        public function main() returns error? {
            email:PopListenerConfiguration config = {
                host: "127.0.0.1", username: "alice", password: password, port: popPort,
                security: email:START_TLS_ALWAYS, pollingInterval: 0.2, secureSocket: {cert: cert}
            };
            email:PopListener l = check new (config);
            email:Service observer = service object {
                remote function onMessage(email:Message message) {
                    io:println("got ", message.subject);
                }
                remote function onClose(email:Error? err) {
                    io:println("closed");
                }
            };
            check l.attach(observer, "observer");
            check l.'start();
            runtime:sleep(2);
            check l.gracefulStop();
            io:println("main done");
        }
        """,
        imports="import ballerina/lang.runtime;\n",
    )
    mailbox.append("alice", message("beat"))
    run = Running(program)
    assert run.finish() == 0, run.stderr
    assert run.seen == ["got beat", "closed", "main done"]


def test_detach_immediate_stop_and_restart_from_main(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        public function main() returns error? {
            email:ImapListener l = check new ({
                host: "127.0.0.1", username: "alice", password: password, port: imapPort,
                security: email:START_TLS_NEVER, pollingInterval: 0.2
            });
            email:Service kept = service object {
                remote function onMessage(email:Message message) {
                    io:println("kept ", message.subject);
                }
            };
            email:Service dropped = service object {
                remote function onMessage(email:Message message) {
                    io:println("dropped ", message.subject);
                }
            };
            check l.attach(kept, "kept");
            check l.attach(dropped, "dropped");
            check l.detach(dropped);
            check l.'start();
            runtime:sleep(1.5);
            check l.immediateStop();
            io:println("stopped");
            check l.'start();
            runtime:sleep(1.5);
            check l.gracefulStop();
        }
        """,
        imports="import ballerina/lang.runtime;\n",
    )
    mailbox.append("alice", message("one"))
    run = Running(program)
    assert run.wait_for(2) == ["kept one", "stopped"]
    mailbox.append("alice", message("two"))
    assert run.finish() == 0, run.stderr
    assert run.seen == ["kept one", "stopped", "kept two"]


def test_sigterm_while_main_sleeps_stops_its_listener_and_exits_0(
    mailbox: DovecotServer, tmp_path: Path
) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        public function main() returns error? {
            email:ImapListener l = check new ({
                host: "127.0.0.1", username: "alice", password: password, port: imapPort,
                security: email:START_TLS_NEVER, pollingInterval: 0.2
            });
            check l.attach(service object {
                remote function onMessage(email:Message message) {
                    io:println("got ", message.subject);
                }
                remote function onClose(email:Error? err) {
                    io:println("closed");
                }
            });
            check l.'start();
            runtime:sleep(50);
            io:println("not reached");
        }
        """,
        imports="import ballerina/lang.runtime;\n",
    )
    mailbox.append("alice", message("one"))
    run = Running(program)
    assert run.wait_for(1) == ["got one"]
    assert run.stop() == 0, run.stderr
    assert run.seen == ["got one", "closed"]


def test_failing_handler_goes_to_on_error_is_retried_then_given_up(
    mailbox: DovecotServer, tmp_path: Path
) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        listener email:ImapListener inbox = check new ({
            host: "127.0.0.1", username: "alice", password: password, port: imapPort,
            security: email:START_TLS_NEVER, pollingInterval: 0.2
        });

        service on inbox {
            remote function onMessage(email:Message m) returns error? {
                if m.subject == "bad" {
                    return error("cannot handle");
                }
                if m.subject == "worse" {
                    panic error("boom");
                }
                io:println("ok ", m.subject);
            }
            remote function onError(email:Error err) {
                string text = err.message();
                if text.includes("Gave up") {
                    io:println("gave up");
                } else if text.includes("cannot handle") {
                    io:println("failed");
                } else if text.includes("panicked") && text.includes("boom") {
                    io:println("panicked");
                }
            }
        }
        """,
    )
    mailbox.append_many("alice", [message("bad"), message("good"), message("worse")])
    run = Running(program, "--max-retries", "1")
    got = run.wait_for(7)
    assert run.stop() == 0, run.stderr
    assert got[:3] == ["failed", "ok good", "panicked"], got
    assert sorted(got[3:]) == ["failed", "gave up", "gave up", "panicked"], (got, run.stderr)
    assert unseen(mailbox) == 0


def test_bad_password_calls_on_error_and_keeps_running(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        listener email:ImapListener inbox = check new ({
            host: "127.0.0.1", username: "alice", password: "wrong", port: imapPort,
            security: email:START_TLS_NEVER, pollingInterval: 0.2
        });

        service on inbox {
            remote function onMessage(email:Message m) {
                io:println(m.subject);
            }
            remote function onError(email:Error err) {
                io:println("error: ", err.message().includes("alice"));
            }
            remote function onClose(email:Error? err) {
                io:println("closed");
            }
        }
        """,
    )
    run = Running(program)
    assert run.wait_for(1) == ["error: true"]
    assert run.stop() == 0, run.stderr
    assert run.seen[-1] == "closed"


def test_once_runs_one_cycle_and_exits(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        listener email:PopListener inbox = check new ({
            host: "127.0.0.1", username: "alice", password: password, port: popPort,
            security: email:START_TLS_NEVER
        });

        service on inbox {
            remote function onMessage(email:Message m) {
                io:println(m.subject);
            }
            remote function onClose(email:Error? err) {
                io:println("closed");
            }
        }
        """,
    )
    mailbox.append_many("alice", [message("a"), message("b")])
    run = Running(program, "--once", "--state-dir", str(tmp_path / "state"))
    assert run.finish() == 0, run.stderr
    assert run.seen == ["a", "b", "closed"]
    assert (tmp_path / "state" / "state.db").exists()


def test_invalid_configuration_fails_module_init_with_exit_1(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        email:ImapListenerConfiguration cfg = {host: "127.0.0.1", username: "alice", password: password};

        listener email:ImapListener inbox = check new (cfg);

        service on new email:ImapListener({host: "h", username: "u", password: "p", folder: "x"}) {
            remote function onMessage(email:Message m) {
                io:println(m.subject);
            }
        }
        """,
    )
    run = Running(program)
    assert run.finish() == 1
    assert "folder" in run.stderr and "email:ImapListenerConfiguration" in run.stderr


def test_message_fields_reach_the_handler(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        listener email:ImapListener inbox = check new ({
            host: "127.0.0.1", username: "alice", password: password, port: imapPort,
            security: email:START_TLS_NEVER, pollingInterval: 0.2
        });

        service on inbox {
            remote function onMessage(email:Message m) returns error? {
                io:println(m.to);
                io:println(m?.cc is string[]);
                io:println(m?.replyTo ?: "-");
                io:println(m.subject);
                io:println(m?.body ?: "-");
                io:println(m?.htmlBody ?: "-");
                map<string> headers = m?.headers ?: {};
                io:println(headers["X-Tag"] ?: "-");
                var attachments = m?.attachments;
                if attachments is (mime:Entity|email:Attachment)[] {
                    foreach var a in attachments {
                        if a is mime:Entity {
                            io:println(a.getContentType(), " ", check a.getText(), " ",
                                a.getContentDisposition().fileName);
                            json j = check a.getJson();
                            io:println(j);
                        }
                    }
                }
                io:println("end");
            }
        }
        """,
        imports="import ballerina/mime;\n",
    )
    raw = textwrap.dedent(
        """\
        From: Sender <sender@example.test>
        To: alice@example.test
        Cc: a@example.test, b@example.test
        Reply-To: r@example.test
        X-Tag: tagged
        Subject: =?utf-8?q?caf=C3=A9?=
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="XX"

        --XX
        Content-Type: multipart/alternative; boundary="YY"

        --YY
        Content-Type: text/plain; charset=utf-8

        plain text
        --YY
        Content-Type: text/html

        <p>html</p>
        --YY--
        --XX
        Content-Type: application/json
        Content-Disposition: attachment; filename="data.json"

        {"k": 1}
        --XX--
        """
    ).encode()
    mailbox.append("alice", raw)
    run = Running(program)
    got = run.wait_for(10)
    assert run.stop() == 0, run.stderr
    assert got == [
        "alice@example.test",
        "true",
        "r@example.test",
        "café",
        "plain text",
        "<p>html</p>",
        "tagged",
        'application/json {"k": 1} data.json',
        '{"k":1}',
        "end",
    ]


MALFORMED = [
    b"Subject: no-from-no-to\n\nbody only\n",
    b"To: alice@example.test\nSubject: bad-charset\nContent-Type: text/plain; charset=x-unknown\n\ncaf\xe9\n",
    b"To: alice@example.test\nSubject: broken-multipart\n"
    b"Content-Type: multipart/mixed; boundary=NOPE\n\nno parts\n",
    b"To: alice@example.test\nSubject: eight-bit \xff\xfe junk\n\n\x80\x81 body\n",
    b"To: <<<@@@>>>\nSubject: bad-address\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!\n",
    b"To: alice@example.test\nSubject: bad-utf8\nContent-Type: text/plain; charset=utf-8\n\n\xff\xfe\n",
]


def test_malformed_messages_all_reach_on_message(mailbox: DovecotServer, tmp_path: Path) -> None:
    program = write_program(
        tmp_path,
        mailbox,
        """
        listener email:ImapListener inbox = check new ({
            host: "127.0.0.1", username: "alice", password: password, port: imapPort,
            security: email:START_TLS_NEVER, pollingInterval: 0.2
        });

        service on inbox {
            remote function onMessage(email:Message m) {
                io:println(m.subject.length() > 0, " ", (m?.body ?: "").length() >= 0);
            }
        }
        """,
    )
    mailbox.append_many("alice", MALFORMED)
    run = Running(program)
    assert run.wait_for(len(MALFORMED)) == ["true true"] * len(MALFORMED)
    assert run.stop() == 0, run.stderr
    assert unseen(mailbox) == 0
    assert "could not decode" in run.stderr


def test_service_ballerina_would_reject_does_not_run(tmp_path: Path) -> None:
    program = tmp_path / "prog.bal"
    program.write_text(
        textwrap.dedent(
            """\
            import ballerina/email;
            import ballerina/io;

            listener email:ImapListener inbox = check new ({host: "127.0.0.1", username: "u", password: "p"});

            service on inbox {
                remote function onError(email:Error err) {
                    io:println(err.message());
                }
            }
            """
        )
    )
    run = Running(program)
    assert run.finish() == 1
    assert "EMAIL_102" in run.stderr and run.seen == []
