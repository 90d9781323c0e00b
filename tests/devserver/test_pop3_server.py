"""The embedded POP3 server through the standard library's poplib (and a raw socket where poplib
would hide what the server said): every RFC 1939 command, UIDL, TOP, CAPA, STLS, the TLS port,
bad commands, wrong order, byte-stuffing, the maildrop lock, and DELE+QUIT seen over IMAP."""

from __future__ import annotations

import imaplib
import poplib
import socket
import ssl
import threading

import pytest

from balmail.devserver import DevServers
from balmail.devserver import pop3 as pop3_server

HOST = "127.0.0.1"


def message(subject: str, body: str = "hello\r\n") -> bytes:
    return f"From: a@example.test\r\nTo: b@example.test\r\nSubject: {subject}\r\n\r\n{body}".encode()


def login(dev: DevServers, account: str, *, port: str = "pop3") -> poplib.POP3:
    pop = poplib.POP3(HOST, dev.ports[port], timeout=5)
    pop.user(account)
    pop.pass_("any password")
    return pop


class Raw:
    """A line-level POP3 conversation, to see exact responses and send what poplib refuses to."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection((HOST, port), timeout=5)
        self.file = self.sock.makefile("rb")
        self.greeting = self.line()

    def line(self) -> bytes:
        return self.file.readline()

    def send(self, text: bytes) -> None:
        self.sock.sendall(text)

    def ask(self, command: str) -> bytes:
        self.send(command.encode() + b"\r\n")
        return self.line()

    def multiline(self) -> list[bytes]:
        lines = []
        while (line := self.line()) != b".\r\n":
            assert line, "connection closed inside a multi-line response"
            lines.append(line)
        return lines

    def close(self) -> None:
        self.file.close()
        self.sock.close()


def test_greeting_user_pass_stat_list_retr_quit(dev: DevServers, account: str) -> None:
    first, second = message("one"), message("two", "x" * 300 + "\r\n")
    dev.deliver(first, [account])
    dev.deliver(second, [account])
    pop = poplib.POP3(HOST, dev.ports["pop3"], timeout=5)
    assert pop.getwelcome().startswith(b"+OK")
    assert pop.user(account).startswith(b"+OK")
    assert pop.pass_("whatever").startswith(b"+OK")
    assert pop.stat() == (2, len(first) + len(second))
    response, listing, _ = pop.list()
    assert listing == [f"1 {len(first)}".encode(), f"2 {len(second)}".encode()]
    assert pop.list(2) == f"+OK 2 {len(second)}".encode()
    response, lines, octets = pop.retr(1)
    assert response == f"+OK {len(first)} octets".encode()
    assert b"\r\n".join(lines) + b"\r\n" == first
    assert pop.noop() == b"+OK"
    assert pop.quit().startswith(b"+OK")


def test_uidl_is_unique_and_stable_across_sessions(dev: DevServers, account: str) -> None:
    for n in range(3):
        dev.deliver(message(f"u{n}"), [account])
    pop = login(dev, account)
    _, first_listing, _ = pop.uidl()
    single = pop.uidl(2)
    pop.quit()
    numbers = [line.split()[0] for line in first_listing]
    uidls = [line.split()[1] for line in first_listing]
    assert numbers == [b"1", b"2", b"3"]
    assert len(set(uidls)) == 3
    assert all(0x21 <= c <= 0x7E for uidl in uidls for c in uidl) and all(len(u) <= 70 for u in uidls)
    assert single == b"+OK 2 " + uidls[1]
    pop = login(dev, account)
    pop.dele(1)
    pop.quit()
    pop = login(dev, account)
    _, second_listing, _ = pop.uidl()
    pop.quit()
    assert [line.split()[1] for line in second_listing] == uidls[1:]


def test_top_returns_headers_blank_line_and_n_body_lines(dev: DevServers, account: str) -> None:
    dev.deliver(message("top", "l1\r\n.l2 dotted\r\nl3\r\n"), [account])
    pop = login(dev, account)
    _, lines, _ = pop.top(1, 0)
    assert lines == [b"From: a@example.test", b"To: b@example.test", b"Subject: top", b""]
    _, lines, _ = pop.top(1, 2)
    assert lines[-3:] == [b"", b"l1", b".l2 dotted"]  # poplib removes the stuffing dot
    _, lines, _ = pop.top(1, 99)
    assert lines[-3:] == [b"l1", b".l2 dotted", b"l3"]
    pop.quit()


def test_byte_stuffing_on_the_wire(dev: DevServers, account: str) -> None:
    body = ".starts with a dot\r\n..two dots\r\n.\r\nend"  # no final CRLF: the server adds one
    dev.deliver(message("dots", body), [account])
    raw = Raw(dev.ports["pop3"])
    raw.ask(f"USER {account}")
    raw.ask("PASS x")
    assert raw.ask("RETR 1").startswith(b"+OK")
    lines = raw.multiline()
    assert lines[-4:] == [b"..starts with a dot\r\n", b"...two dots\r\n", b"..\r\n", b"end\r\n"]
    raw.ask("QUIT")
    raw.close()
    pop = login(dev, account)
    _, lines, _ = pop.retr(1)
    assert lines[-4:] == [b".starts with a dot", b"..two dots", b".", b"end"]
    pop.quit()


def test_dele_rset_and_quit_expunge_from_the_imap_inbox(
    dev: DevServers, account: str, tls: ssl.SSLContext
) -> None:
    for n in range(4):
        dev.deliver(message(f"d{n}"), [account])
    pop = login(dev, account)
    assert pop.dele(2).startswith(b"+OK")
    with pytest.raises(poplib.error_proto, match=r"-ERR Message 2 is deleted"):
        pop.retr(2)
    assert pop.stat()[0] == 3
    assert pop.rset().startswith(b"+OK")
    assert pop.stat()[0] == 4
    pop.dele(1)
    pop.dele(3)
    pop.retr(4)
    assert pop.list()[1] == [line for line in pop.list()[1] if not line.startswith((b"1 ", b"3 "))]
    assert pop.quit() == b"+OK Logging out, 2 messages deleted."
    imap = imaplib.IMAP4_SSL(HOST, dev.ports["imaps"], ssl_context=tls)
    imap.login(account, "x")
    typ, data = imap.select("INBOX")
    assert data == [b"2"]
    typ, data = imap.fetch("1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    imap.logout()
    subjects = [item[1].strip() for item in data if isinstance(item, tuple)]
    assert subjects == [b"Subject: d1", b"Subject: d3"]
    flags = [item[0] for item in data if isinstance(item, tuple)]
    assert b"\\Seen" not in flags[0] and b"\\Seen" in flags[1]  # RETR marks seen at QUIT
    assert [m.split(b"Subject: ")[1].split(b"\r\n")[0] for m in dev.messages(account)] == [b"d1", b"d3"]


def test_without_quit_nothing_is_deleted(dev: DevServers, account: str) -> None:
    dev.deliver(message("kept"), [account])
    pop = login(dev, account)
    pop.dele(1)
    pop.close()  # no QUIT: no UPDATE state
    pop = login(dev, account)
    assert pop.stat()[0] == 1
    pop.quit()


def test_capa_before_and_after_login_and_after_stls(
    dev: DevServers, account: str, tls: ssl.SSLContext
) -> None:
    pop = poplib.POP3(HOST, dev.ports["pop3"], timeout=5)
    before = pop.capa()
    assert {"TOP", "UIDL", "USER", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "STLS"} <= set(before)
    pop.stls(tls)
    assert pop.sock.version() in ("TLSv1.2", "TLSv1.3")
    assert "STLS" not in pop.capa()
    with pytest.raises(poplib.error_proto, match="TLS is already active"):
        pop._shortcmd("STLS")
    pop.user(account)
    pop.pass_("x")
    assert "STLS" not in pop.capa() and "UIDL" in pop.capa()
    pop.quit()


def test_implicit_tls_port(dev: DevServers, account: str, tls: ssl.SSLContext) -> None:
    dev.deliver(message("secure"), [account])
    pop = poplib.POP3_SSL(HOST, dev.ports["pop3s"], context=tls, timeout=5)
    assert "STLS" not in pop.capa()
    pop.user(account)
    pop.pass_("x")
    assert pop.stat()[0] == 1
    pop.quit()


def test_the_certificate_is_checked_against_the_host_name(dev: DevServers, tls: ssl.SSLContext) -> None:
    pop = poplib.POP3_SSL("localhost", dev.ports["pop3s"], context=tls, timeout=5)
    pop.quit()
    untrusting = ssl.create_default_context()
    with pytest.raises(ssl.SSLCertVerificationError):
        poplib.POP3_SSL(HOST, dev.ports["pop3s"], context=untrusting, timeout=5)


def test_stls_is_not_offered_where_switched_off(dev: DevServers) -> None:
    pop = poplib.POP3(HOST, dev.ports["pop3_no_starttls"], timeout=5)
    assert "STLS" not in pop.capa()
    with pytest.raises(poplib.error_proto, match="STLS is not offered"):
        pop._shortcmd("STLS")
    pop.quit()


def test_plaintext_pipelined_after_stls_closes_the_connection(dev: DevServers) -> None:
    raw = Raw(dev.ports["pop3"])
    raw.send(b"STLS\r\nUSER injected\r\n")
    assert raw.line().startswith(b"+OK")
    assert raw.line() == b""  # the server hung up instead of taking plaintext as protected input
    raw.close()


def test_unknown_and_out_of_order_commands(dev: DevServers, account: str) -> None:
    raw = Raw(dev.ports["pop3"])
    assert raw.greeting.startswith(b"+OK")
    assert raw.ask("STAT") == b"-ERR Not valid in this state.\r\n"
    assert raw.ask("RETR 1") == b"-ERR Not valid in this state.\r\n"
    assert raw.ask("PASS early") == b"-ERR Send USER first.\r\n"
    assert raw.ask("FROB") == b"-ERR Unknown command.\r\n"
    assert raw.ask("USER") == b"-ERR USER needs a name.\r\n"
    assert raw.ask(f"user {account}").startswith(b"+OK")  # keywords are case-insensitive
    assert raw.ask("pass secret").startswith(b"+OK Logged in, 0 messages")
    assert raw.ask(f"USER {account}") == b"-ERR Not valid in this state.\r\n"
    assert raw.ask("STLS") == b"-ERR Not valid in this state.\r\n"
    assert raw.ask("RETR") == b"-ERR Expected a message number.\r\n"
    assert raw.ask("RETR one") == b"-ERR Expected a message number.\r\n"
    assert raw.ask("RETR 1") == b"-ERR No message 1.\r\n"
    assert raw.ask("LIST 0") == b"-ERR No message 0.\r\n"
    assert raw.ask("TOP 1") == b"-ERR TOP needs a message number and a number of lines.\r\n"
    assert raw.ask("DELE 7") == b"-ERR No message 7.\r\n"
    assert raw.ask("STAT") == b"+OK 0 0\r\n"
    assert raw.ask("QUIT") == b"+OK Logging out, 0 messages deleted.\r\n"
    assert raw.line() == b""
    raw.close()


def test_too_many_bad_commands_end_the_session(dev: DevServers) -> None:
    raw = Raw(dev.ports["pop3"])
    for _ in range(9):
        assert raw.ask("NOPE") == b"-ERR Unknown command.\r\n"
    assert raw.ask("NOPE") == b"-ERR Unknown command.\r\n"
    assert raw.line() == b"-ERR Too many bad commands, closing the connection.\r\n"
    assert raw.line() == b""
    raw.close()


def test_overlong_line_is_refused(dev: DevServers) -> None:
    raw = Raw(dev.ports["pop3"])
    assert raw.ask("USER " + "x" * 2000) == b"-ERR Line too long.\r\n"
    assert raw.line() == b""
    raw.close()


def test_pipelined_commands_are_answered_in_order(dev: DevServers, account: str) -> None:
    dev.deliver(message("piped"), [account])
    raw = Raw(dev.ports["pop3"])
    raw.send(f"USER {account}\r\nPASS x\r\nSTAT\r\nUIDL 1\r\nNOOP\r\nQUIT\r\n".encode())
    answers = [raw.line() for _ in range(6)]
    assert [a[:3] for a in answers] == [b"+OK"] * 6
    assert answers[2].startswith(b"+OK 1 ")
    raw.close()


def test_maildrop_lock_refuses_a_second_session_until_the_first_ends(
    dev: DevServers, account: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pop3_server, "LOCK_WAIT", 0.2)  # a login waits this long for the lock
    first = login(dev, account)
    raw = Raw(dev.ports["pop3"])
    raw.ask(f"USER {account.upper()}")  # the same account, whatever the case
    assert raw.ask("PASS x") == b"-ERR [IN-USE] The maildrop is locked by another POP3 session.\r\n"
    assert raw.ask("STAT") == b"-ERR Not valid in this state.\r\n"  # still not logged in
    first.quit()
    raw.ask(f"USER {account}")
    assert raw.ask("PASS x").startswith(b"+OK")
    raw.ask("QUIT")
    raw.close()


def test_a_waiting_login_gets_the_lock_when_the_holder_hangs_up(dev: DevServers, account: str) -> None:
    holder = login(dev, account)
    result: list[bytes] = []

    def second() -> None:
        raw = Raw(dev.ports["pop3"])
        raw.ask(f"USER {account}")
        result.append(raw.ask("PASS x"))
        raw.ask("QUIT")
        raw.close()

    waiter = threading.Thread(target=second)
    waiter.start()
    holder.close()  # dropped, not QUIT: the lock is released all the same
    waiter.join(timeout=10)
    assert result and result[0].startswith(b"+OK Logged in")


def test_any_credentials_log_in_and_user_names_ignore_case_and_domain(dev: DevServers, account: str) -> None:
    dev.deliver(message("shared"), [f"{account.upper()}@example.test"])
    for name in (account, account.upper(), f"{account}@other.test"):
        pop = poplib.POP3(HOST, dev.ports["pop3"], timeout=5)
        pop.user(name)
        pop.pass_(f"password of {name}")
        assert pop.stat()[0] == 1
        pop.quit()


def test_a_user_table_refuses_wrong_passwords() -> None:
    with DevServers.start(users={"alice": "secret"}) as strict:
        raw = Raw(strict.ports["pop3"])
        raw.ask("USER alice")
        assert raw.ask("PASS wrong") == b"-ERR [AUTH] Authentication failed.\r\n"
        raw.ask("USER nobody")
        assert raw.ask("PASS secret") == b"-ERR [AUTH] Authentication failed.\r\n"
        raw.ask("USER alice")
        assert raw.ask("PASS secret").startswith(b"+OK")
        raw.ask("QUIT")
        raw.close()


def test_imap_expunge_during_a_pop3_session_does_not_break_it(
    dev: DevServers, account: str, tls: ssl.SSLContext
) -> None:
    dev.deliver(message("gone"), [account])
    dev.deliver(message("stays"), [account])
    pop = login(dev, account)  # the maildrop is fixed at login (RFC 1939 4)
    imap = imaplib.IMAP4_SSL(HOST, dev.ports["imaps"], ssl_context=tls)
    imap.login(account, "x")
    imap.select("INBOX")
    imap.store("1", "+FLAGS", "(\\Deleted)")
    imap.expunge()
    assert pop.stat()[0] == 2
    assert b"Subject: gone" in b"\r\n".join(pop.retr(1)[1])
    pop.dele(1)
    assert pop.quit() == b"+OK Logging out, 1 messages deleted."
    imap.noop()
    imap.logout()
    assert [b"Subject: stays" in raw for raw in dev.messages(account)] == [True]


def test_a_silent_client_is_logged_out_and_its_lock_released(
    dev: DevServers, account: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pop3_server, "IDLE_TIMEOUT", 0.3)  # RFC 1939: 10 minutes in real use
    dev.deliver(message("kept"), [account])
    raw = Raw(dev.ports["pop3"])
    raw.ask(f"USER {account}")
    raw.ask("PASS x")
    raw.ask("DELE 1")
    assert raw.line() == b""  # closed by the autologout timer, without the UPDATE state
    raw.close()
    pop = login(dev, account)
    assert pop.stat()[0] == 1
    pop.quit()
