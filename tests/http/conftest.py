"""Fixtures for the `http:Client` tests: a plain and a TLS loopback server (tests/http/http_peer.py).

This folder is not a package (it would shadow the standard library's `http`), so the folder
holding the shared `mail` test helpers is put on the import path here."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from http_peer import HttpPeer  # noqa: E402
from mail.dovecot_harness import make_certificates  # noqa: E402


@pytest.fixture(scope="session")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("openssl") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true but openssl is missing for the TLS tests", pytrace=False)
        pytest.skip("the openssl command is not installed")
    directory = tmp_path_factory.mktemp("http-certs")
    make_certificates(directory)
    return directory


@pytest.fixture(scope="session")
def peer() -> Iterator[HttpPeer]:
    server = HttpPeer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def tls_peer(certs: Path) -> Iterator[HttpPeer]:
    server = HttpPeer(cert=certs / "server.pem", key=certs / "server.key").start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _clear(request: pytest.FixtureRequest) -> None:
    for name in ("peer", "tls_peer"):
        if name in request.fixturenames:
            server = request.getfixturevalue(name)
            server.requests.clear()
            server.flaky_failures = 0
