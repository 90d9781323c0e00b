"""DevServers as a whole: free ports, the CA file, seeds for every new account, load_seed and its
errors, stop() idempotent and a context manager, and a clear error where a start cannot work."""

from __future__ import annotations

import imaplib
import socket
import ssl
from pathlib import Path

import pytest

from balmail.devserver import DevServerError, DevServers, load_seed

SEED = [b"Subject: s1\n\none\n", b"Subject: s2\r\n\r\ntwo\r\n"]


def test_ports_and_ca_file(dev: DevServers) -> None:
    assert set(dev.ports) >= {"imap", "imaps", "pop3", "pop3s", "smtp", "smtps"}
    assert len(set(dev.ports.values())) == len(dev.ports)
    for port in dev.ports.values():
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    assert dev.ca_file.read_text().startswith("-----BEGIN CERTIFICATE-----")
    ssl.create_default_context(cafile=str(dev.ca_file))


def test_every_new_account_starts_with_the_seed_whoever_creates_it() -> None:
    with DevServers.start(seed=SEED) as servers:
        expected = [b"Subject: s1\r\n\r\none\r\n", b"Subject: s2\r\n\r\ntwo\r\n"]
        assert servers.messages("Alice") == expected
        servers.deliver(b"Subject: new\n\nx\n", ["bob@example.test"])  # created by delivery
        assert servers.messages("bob") == [*expected, b"Subject: new\r\n\r\nx\r\n"]
        context = ssl.create_default_context(cafile=str(servers.ca_file))
        imap = imaplib.IMAP4_SSL("127.0.0.1", servers.ports["imaps"], ssl_context=context)
        imap.login("carol@example.test", "x")  # created by login
        assert imap.select("INBOX")[1] == [b"2"]
        imap.logout()
        assert servers.messages("ALICE") == expected  # seeded once, not per look


def test_unknown_folder_is_a_clear_error(dev: DevServers) -> None:
    with pytest.raises(DevServerError, match="^Account 'nobody' has no folder 'Nope'$"):
        dev.messages("Nobody@example.test", "Nope")


def test_stop_is_idempotent_and_frees_the_ports() -> None:
    servers = DevServers.start()
    ca_file, port = servers.ca_file, servers.ports["imap"]
    with DevServers.start() as other:
        assert other.ports["imap"] != port
    servers.stop()
    servers.stop()
    assert not ca_file.exists()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)
    with pytest.raises(DevServerError, match="stopped"):
        servers.messages("alice")


def test_stop_closes_open_sessions() -> None:
    servers = DevServers.start()
    imap = imaplib.IMAP4("127.0.0.1", servers.ports["imap"])
    imap.login("alice", "x")
    servers.stop()
    with pytest.raises((imaplib.IMAP4.abort, OSError)):
        imap.noop()
        imap.noop()


def test_an_address_that_is_not_local_is_a_clear_error() -> None:
    with pytest.raises(DevServerError, match=r"^Could not start the dev mail servers on 192\.0\.2\.1: "):
        DevServers.start(host="192.0.2.1")


def test_a_host_name_binds_one_address_with_one_port_per_server() -> None:
    with DevServers.start(host="localhost") as servers:
        assert servers.host == "127.0.0.1"
        context = ssl.create_default_context(cafile=str(servers.ca_file))
        imap = imaplib.IMAP4_SSL("localhost", servers.ports["imaps"], ssl_context=context)
        imap.logout()
    with pytest.raises(
        DevServerError, match="^Could not start the dev mail servers: cannot resolve host 'no-such"
    ):
        DevServers.start(host="no-such-host.invalid")


def test_load_seed_reads_eml_files_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "2-second.eml").write_bytes(b"Subject: b\n\n")
    (tmp_path / "1-first.EML").write_bytes(b"Subject: a\n\n")
    (tmp_path / "notes.txt").write_text("not a message")
    assert load_seed(tmp_path) == [b"Subject: a\n\n", b"Subject: b\n\n"]
    assert load_seed(tmp_path / "2-second.eml") == [b"Subject: b\n\n"]


def test_load_seed_reads_a_maildir(tmp_path: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
    (tmp_path / "cur" / "1700000001.M1.host:2,S").write_bytes(b"Subject: old\n\n")
    (tmp_path / "new" / "1700000002.M2.host").write_bytes(b"Subject: new\n\n")
    (tmp_path / "tmp" / "1700000003.M3.host").write_bytes(b"Subject: partial\n\n")
    assert load_seed(tmp_path) == [b"Subject: old\n\n", b"Subject: new\n\n"]


def test_load_seed_errors(tmp_path: Path) -> None:
    with pytest.raises(DevServerError) as missing:
        load_seed(tmp_path / "nope")
    assert str(missing.value) == f"Seed path '{tmp_path / 'nope'}' does not exist"
    with pytest.raises(DevServerError) as empty:
        load_seed(tmp_path)
    assert str(empty.value) == (
        f"Seed folder '{tmp_path}' holds no messages (expected .eml files, or a Maildir with cur/ and new/)"
    )
    (tmp_path / "blank.eml").write_bytes(b"\n")
    with pytest.raises(DevServerError, match="is empty$"):
        load_seed(tmp_path)
